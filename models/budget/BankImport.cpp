#include "BankImport.h"

#include "Records.h"

#include <QRegularExpression>

namespace hearth {

namespace {

enum Column { Date, Amount, Payee, Memo, Category, Key, Match, ColumnCount };

QString textAt(const QJsonArray &row, int column)
{
    return row.at(column).toString();
}

} // namespace

QJsonArray BankImportRow::toJson() const
{
    return {date.toString(Qt::ISODate), amountCents, payee, memo, category, importKey, matchTransactionId};
}

std::optional<BankImportRow> BankImportRow::fromJson(const QJsonValue &value, QString *error)
{
    const QJsonArray row = value.toArray();
    if (!value.isArray() || row.size() != ColumnCount) {
        *error = QStringLiteral("A row must be [date, amount_cents, payee, memo, category, import_key, match].");
        return std::nullopt;
    }
    for (int column = 0; column < ColumnCount; ++column) {
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

bool belongsTo(const QString &key, const QString &account)
{
    for (const QString &prefix : {QStringLiteral("fitid:%1:").arg(accountKey(account)), QStringLiteral("row:%1|").arg(accountKey(account))}) {
        if (key.size() > prefix.size() && key.startsWith(prefix))
            return true;
    }
    return false;
}

} // namespace bankkey

} // namespace hearth
