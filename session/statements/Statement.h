#pragma once

// One bank statement as read from a file (CSV, OFX/QFX, QIF, CAMT.053), before it is planned
// against the household's transactions. Readers never write anything; the importer does.

#include <QDate>
#include <QList>
#include <QString>

namespace hearth {

struct StatementRow
{
    QDate date;             // booking date
    qint64 amountCents = 0; // the bank's sign: negative = money out, positive = money in
                            // (a budget transaction's amount_cents is the opposite: positive = spent)
    QString payee;          // counterparty or, when the file has none, the best description
    QString memo;
    QString bankId;         // the file's own id: OFX FITID, CAMT AcctSvcrRef; empty when none
    int line = 0;           // where it starts in the file (1-based), for messages
};

struct Statement
{
    QString format;         // "csv", "ofx", "qif", "camt.053"
    QString account;        // the account the file names (OFX ACCTID, CAMT IBAN), empty when none
    QString currency;       // ISO code when the file says, else empty
    QList<StatementRow> rows;
};

// Why a file could not be read: always the file and, where it applies, the line.
struct StatementError
{
    QString file;
    int line = 0;           // 0 when the problem is the whole file (empty, too large, binary)
    QString message;        // a sentence for people

    QString text() const
    {
        return line > 0 ? QStringLiteral("%1, line %2: %3").arg(file).arg(line).arg(message)
                        : QStringLiteral("%1: %2").arg(file, message);
    }
};

} // namespace hearth
