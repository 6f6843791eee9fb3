#include "BankImport.h"

#include "Records.h"

#include <QRegularExpression>

namespace hearth {

namespace {

enum Column { Date, Amount, Payee, Memo, Category, Key, Match, RowKey, ColumnCount };

QString textAt(const QJsonArray &row, int column)
{
    return row.at(column).toString();
}

} // namespace

QJsonArray BankImportRow::toJson() const
{
    return {date.toString(Qt::ISODate), amountCents, payee, memo, category, importKey, matchTransactionId, rowKey};
}

std::optional<BankImportRow> BankImportRow::fromJson(const QJsonValue &value, QString *error)
{
    const QJsonArray row = value.toArray();
    if (!value.isArray() || (row.size() != ColumnCount && row.size() != RowKey)) {
        *error = QStringLiteral("A row must be [date, amount_cents, payee, memo, category, import_key, match, row_key].");
        return std::nullopt;
    }
    for (int column = 0; column < row.size(); ++column) {
        if (column != Amount && !row.at(column).isString()) {
            *error = QStringLiteral("A row's date, payee, memo, category, key and match are text.");
            return std::nullopt;
        }
    }
    BankImportRow result;
    result.date = QDate::fromString(textAt(row, Date), Qt::ISODate);
    if (!result.date.isValid() || result.date.toString(Qt::ISODate) != textAt(row, Date)) {
        *error = QStringLiteral("A row's date is not a real date (YYYY-MM-DD).");
        return std::nullopt;
    }
    const double amount = row.at(Amount).toDouble(0.5);
    if (!row.at(Amount).isDouble() || amount != double(qint64(amount))) {
        *error = QStringLiteral("A row's amount must be a whole number of cents.");
        return std::nullopt;
    }
    result.amountCents = qint64(amount);
    result.payee = textAt(row, Payee).trimmed();
    result.memo = textAt(row, Memo).trimmed();
    result.category = textAt(row, Category).trimmed();
    result.importKey = textAt(row, Key);
    result.matchTransactionId = textAt(row, Match);
    if (row.size() > RowKey)
        result.rowKey = textAt(row, RowKey);
    else if (!bankkey::isBankId(result.importKey))
        result.rowKey = result.importKey;
    return result;
}

QJsonArray bankImportRowsJson(const QList<BankImportRow> &rows)
{
    QJsonArray array;
    for (const BankImportRow &row : rows)
        array.append(row.toJson());
    return array;
}

BankImport BankImport::fromRow(const RowReader &r)
{
    return {r.text("id"),
            r.text("account"),
            r.text("file_name"),
            r.text("format"),
            r.integer("transaction_count"),
            r.integer("matched_count"),
            r.integer("duplicate_count"),
            r.integer("rev")};
}

BankImport BankImport::fromJson(const QJsonObject &o)
{
    const auto integer = [&o](const char *key) { return o.value(QLatin1String(key)).toInteger(); };
    const auto text = [&o](const char *key) { return o.value(QLatin1String(key)).toString(); };
    return {text("id"),
            text("account"),
            text("file_name"),
            text("format"),
            integer("transaction_count"),
            integer("matched_count"),
            integer("duplicate_count"),
            integer("rev")};
}

QJsonObject BankImport::toFields() const
{
    return {{QStringLiteral("account"), account}, {QStringLiteral("file_name"), fileName}, {QStringLiteral("format"), format}};
}

RemovedBankRow RemovedBankRow::fromRow(const RowReader &r)
{
    return {r.text("id"),           r.text("import_key"),        r.text("row_key"), r.date("occurred_on"),
            r.text("description"), r.integer("amount_cents"), r.integer("rev")};
}

RemovedBankRow RemovedBankRow::fromJson(const QJsonObject &o)
{
    const auto text = [&o](const char *key) { return o.value(QLatin1String(key)).toString(); };
    return {text("id"),
            text("import_key"),
            text("row_key"),
            QDate::fromString(text("occurred_on"), Qt::ISODate),
            text("description"),
            o.value(QLatin1String("amount_cents")).toInteger(),
            o.value(QLatin1String("rev")).toInteger()};
}

QJsonObject RemovedBankRow::toFields() const
{
    return {{QStringLiteral("import_key"), importKey},
            {QStringLiteral("row_key"), rowKey},
            {QStringLiteral("occurred_on"), occurredOn.toString(Qt::ISODate)},
            {QStringLiteral("description"), description},
            {QStringLiteral("amount_cents"), amountCents}};
}

namespace bankkey {

QString normalizedPayee(const QString &payee)
{
    static const QRegularExpression punctuation(QStringLiteral("[^\\w\\s]"), QRegularExpression::UseUnicodePropertiesOption);
    QString folded = payee.toCaseFolded();
    folded.remove(punctuation);
    return folded.simplified().left(kPayeeLength);
}

// The account as keys name it: "Checking" and "checking " are one account.
QString accountKey(const QString &account)
{
    return account.simplified().toCaseFolded();
}

QString fromBankId(const QString &account, const QString &bankId)
{
    return QStringLiteral("fitid:%1:%2").arg(accountKey(account), bankId.trimmed());
}

QString fromRow(const QString &account, const QDate &date, qint64 bankAmountCents, const QString &payee, int occurrence)
{
    QString key = QStringLiteral("row:%1|%2|%3|%4").arg(accountKey(account), date.toString(Qt::ISODate)).arg(bankAmountCents).arg(normalizedPayee(payee));
    if (occurrence > 1)
        key += QStringLiteral("#%1").arg(occurrence);
    return key;
}

QString sameRow(const QString &account, const QDate &date, qint64 bankAmountCents, const QString &payee, int occurrence)
{
    QString key = QStringLiteral("row:%1|%2|%3|%4")
                      .arg(accountKey(account), date.toString(Qt::ISODate))
                      .arg(bankAmountCents)
                      .arg(normalizedPayee(payee).left(kSameRowPayeeLength).trimmed());
    if (occurrence > 1)
        key += QStringLiteral("#%1").arg(occurrence);
    return key;
}

bool isBankId(const QString &key)
{
    return key.startsWith(QLatin1String("fitid:"));
}

bool belongsTo(const QString &key, const QString &account)
{
    for (const QString &prefix : {QStringLiteral("fitid:%1:").arg(accountKey(account)), QStringLiteral("row:%1|").arg(accountKey(account))}) {
        if (key.size() > prefix.size() && key.startsWith(prefix))
            return true;
    }
    return false;
}

} // namespace bankkey

void KnownBankRows::add(const QString &importKey, const QString &rowKey, const QString &id)
{
    if (!importKey.isEmpty())
        m_importKeys.insert(importKey, id);
    if (!rowKey.isEmpty())
        (bankkey::isBankId(importKey) ? m_rowKeysWithId : m_rowKeysWithoutId).insert(rowKey, id);
}

std::optional<QString> KnownBankRows::find(const QString &importKey, const QString &rowKey) const
{
    if (const auto known = m_importKeys.constFind(importKey); !importKey.isEmpty() && known != m_importKeys.cend())
        return *known;
    if (rowKey.isEmpty())
        return std::nullopt;
    // Row keys compare a file with ids to one without (the only way to know an OFX's row in the
    // bank's CSV). Two files without ids have the whole payee in their import keys, which
    // already said no: the row key's shorter payee would take two real payments for one.
    const QHash<QString, QString> &otherKind = bankkey::isBankId(importKey) ? m_rowKeysWithoutId : m_rowKeysWithId;
    if (const auto known = otherKind.constFind(rowKey); known != otherKind.cend())
        return *known;
    return std::nullopt;
}

} // namespace hearth
