// QIF (Quicken Interchange Format) bank registers: "!Type:Bank" (or Cash, CCard, Oth A, Oth L)
// followed by records of D (date), T or U (amount), P (payee), M (memo), N (number), L
// (category, ignored) ending in "^". Dates and amounts follow the exporting program's locale, so
// both are detected over the whole file.

#include "StatementReader.h"
#include "StatementText.h"

#include <QCoreApplication>

namespace hearth {

using namespace statements;

namespace {

struct QifRecord
{
    int line = 0;
    QString date;
    int dateLine = 0;
    QString amount;
    int amountLine = 0;
    QString payee;
    QString memo;
};

} // namespace

std::optional<Statement> readQif(const QByteArray &data, const QString &fileName, const StatementReadOptions &options,
                                 StatementError *error)
{
    if (!checkSize(data.size(), fileName, error))
        return std::nullopt;
    QString text;
    int line = 0;
    QString problem;
    if (!decodeText(data, detectEncoding(data), &text, &line, &problem)) {
        setError(error, fileName, line, Messages::tr("The file %1.").arg(problem));
        return std::nullopt;
    }

    Statement statement;
    statement.format = QStringLiteral("qif");
    QList<QifRecord> records;
    QifRecord current;
    bool inRegister = false;   // inside a !Type: section of a bank-like register
    bool inAccount = false;    // inside an !Account block (names the account)
    bool sawType = false;
    bool open = false;
    line = 0;
    qsizetype pos = 0;
    const qsizetype n = text.size();
    while (pos < n) {
        qsizetype end = text.indexOf(u'\n', pos);
        if (end < 0)
            end = n;
        QStringView raw = QStringView(text).sliced(pos, end - pos);
        pos = end + 1;
        ++line;
        if (raw.endsWith(u'\r'))
            raw.chop(1);
        const QStringView content = raw.trimmed();
        if (content.isEmpty())
            continue;
        if (content.startsWith(u'!')) {
            if (open) {
                setError(error, fileName, current.line, Messages::tr("The transaction starting here has no closing “^”."));
                return std::nullopt;
            }
            inAccount = content.compare(u"!Account", Qt::CaseInsensitive) == 0;
            if (content.startsWith(u"!Type:", Qt::CaseInsensitive)) {
                const QStringView type = content.sliced(6).trimmed();
                sawType = true;
                inRegister = type.compare(u"Bank", Qt::CaseInsensitive) == 0 || type.compare(u"Cash", Qt::CaseInsensitive) == 0
                    || type.compare(u"CCard", Qt::CaseInsensitive) == 0 || type.compare(u"Oth A", Qt::CaseInsensitive) == 0
                    || type.compare(u"Oth L", Qt::CaseInsensitive) == 0;
                if (!inRegister && type.compare(u"Invst", Qt::CaseInsensitive) == 0) {
                    setError(error, fileName, line, Messages::tr("Investment registers (!Type:Invst) are not bank statements."));
                    return std::nullopt;
                }
            }
            continue;
        }
        const QChar code = content.front();
        const QString value = content.sliced(1).trimmed().toString();
        if (inAccount) {
            if (code == u'N' && statement.account.isEmpty())
                statement.account = value;
            if (code == u'^')
                inAccount = false;
            continue;
        }
        if (!sawType) {
            setError(error, fileName, line, Messages::tr("The file does not start with a QIF header such as “!Type:Bank”."));
            return std::nullopt;
        }
        if (!inRegister)
            continue; // categories, classes, memorized transactions
        if (!open) {
            current = QifRecord();
            current.line = line;
            open = true;
        }
        switch (code.unicode()) {
        case u'D': current.date = value, current.dateLine = line; break;
        case u'T':
        case u'U':
            if (current.amount.isEmpty())
                current.amount = value, current.amountLine = line;
            break;
        case u'P': current.payee = value; break;
        case u'M': current.memo = value; break;
        case u'^':
            if (current.date.isEmpty() && current.amount.isEmpty()) {
                open = false; // an empty record
                break;
            }
            if (current.date.isEmpty()) {
                setError(error, fileName, current.line, Messages::tr("The transaction starting here has no date (D line)."));
                return std::nullopt;
            }
            if (current.amount.isEmpty()) {
                setError(error, fileName, current.line, Messages::tr("The transaction starting here has no amount (T line)."));
                return std::nullopt;
            }
            records.append(current);
            open = false;
            break;
        default: break; // N, L, C, A, S/E/$ (splits): not needed for the statement
        }
    }
    if (open && !(current.date.isEmpty() && current.amount.isEmpty())) {
        setError(error, fileName, current.line, Messages::tr("The file ends inside a transaction (no closing “^”): it may be truncated."));
        return std::nullopt;
    }
    if (!sawType) {
        setError(error, fileName, 1, Messages::tr("The file does not start with a QIF header such as “!Type:Bank”."));
        return std::nullopt;
    }

    QStringList dates, amounts;
    for (const QifRecord &record : std::as_const(records)) {
        dates.append(record.date);
        amounts.append(record.amount);
    }
    const QChar decimal = guessDecimalSeparator(amounts, u'.');
    // Quicken is American: month first where the dates allow both.
    QString dateFormat = guessDateFormat(dates, true);
    statement.rows.reserve(records.size());
    for (const QifRecord &record : std::as_const(records)) {
        const std::optional<QDate> date = dateFormat.isEmpty() ? std::nullopt : parseDate(record.date, dateFormat);
        if (!date) {
            setError(error, fileName, record.dateLine, Messages::tr("“%1” is not a date this file's dates can be read as.").arg(record.date));
            return std::nullopt;
        }
        const std::optional<qint64> amount = parseAmount(record.amount, decimal);
        if (!amount) {
            setError(error, fileName, record.amountLine, Messages::tr("“%1” is not an amount.").arg(record.amount));
            return std::nullopt;
        }
        StatementRow row;
        row.line = record.line;
        row.date = *date;
        row.amountCents = *amount;
        row.payee = record.payee.isEmpty() ? record.memo : record.payee;
        row.memo = record.payee.isEmpty() ? QString() : record.memo;
        statement.rows.append(std::move(row));
        if (options.progress && statement.rows.size() % 500 == 0
            && !options.progress(qint64(statement.rows.size()) * data.size() / qMax<qsizetype>(1, records.size()), data.size())) {
            setError(error, fileName, 0, Messages::tr("Reading was cancelled."));
            return std::nullopt;
        }
    }
    if (options.progress && !options.progress(data.size(), data.size())) {
        setError(error, fileName, 0, Messages::tr("Reading was cancelled."));
        return std::nullopt;
    }
    return statement;
}

} // namespace hearth
