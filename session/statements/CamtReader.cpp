// CAMT.053 (ISO 20022 bank-to-customer statement), versions 001.02 to 001.08, with
// QXmlStreamReader. Other ISO 20022 messages (camt.052 intraday reports, camt.054
// notifications) and other XML are refused, naming the namespace.

#include "StatementReader.h"
#include "StatementText.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace hearth {

using namespace statements;

namespace {

struct Entry
{
    int line = 0;
    QString amount;
    QString indicator; // CRDT / DBIT
    QString status;
    QString bookingDate;
    QString valueDate;
    QString bankId;
    QString creditor;
    QString debtor;
    QStringList remittance;
    QString additionalInfo;
};

bool endsWith(const QStringList &stack, std::initializer_list<const char *> tail)
{
    if (stack.size() < qsizetype(tail.size()))
        return false;
    qsizetype i = stack.size() - qsizetype(tail.size());
    for (const char *name : tail) {
        if (stack[i++] != QLatin1String(name))
            return false;
    }
    return true;
}

} // namespace

std::optional<Statement> readCamt(const QByteArray &data, const QString &fileName, const StatementReadOptions &options,
                                  StatementError *error)
{
    if (!checkSize(data.size(), fileName, error))
        return std::nullopt;
    const QRegularExpression accepted(QStringLiteral("^urn:iso:std:iso:20022:tech:xsd:camt\\.053\\.001\\.0[2-8]$"));
    QXmlStreamReader xml(data);
    Statement statement;
    statement.format = QStringLiteral("camt.053");
    QStringList stack;
    QString text;
    std::optional<Entry> entry;
    QString amountCurrency;
    bool rootSeen = false;
    int entries = 0;
    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::StartElement: {
            const QString name = xml.name().toString();
            if (!rootSeen) {
                rootSeen = true;
                const QString ns = xml.namespaceUri().toString();
                if (name != QLatin1String("Document") || !accepted.match(ns).hasMatch()) {
                    setError(error, fileName, int(xml.lineNumber()),
                             ns.isEmpty() ? Messages::tr("The XML is not a CAMT.053 statement: its root element “%1” has no namespace.").arg(name)
                                          : Messages::tr("The XML is not a CAMT.053 statement (camt.053.001.02 to .08): its namespace is “%1”.")
                                                .arg(ns));
                    return std::nullopt;
                }
            }
            stack.append(name);
            text.clear();
            if (name == QLatin1String("Ntry") && endsWith(stack, {"Stmt", "Ntry"})) {
                entry = Entry();
                entry->line = int(xml.lineNumber());
            }
            if (entry && name == QLatin1String("Amt") && endsWith(stack, {"Ntry", "Amt"}))
                amountCurrency = xml.attributes().value(QLatin1String("Ccy")).toString();
            break;
        }
        case QXmlStreamReader::Characters:
            text += xml.text();
            break;
        case QXmlStreamReader::EndElement: {
            const QString value = text.trimmed();
            if (entry) {
                if (endsWith(stack, {"Ntry", "Amt"})) {
                    entry->amount = value;
                    if (statement.currency.isEmpty())
                        statement.currency = amountCurrency;
                } else if (endsWith(stack, {"Ntry", "CdtDbtInd"})) {
                    entry->indicator = value;
                } else if (endsWith(stack, {"Ntry", "Sts"}) || endsWith(stack, {"Ntry", "Sts", "Cd"})) {
                    if (!value.isEmpty())
                        entry->status = value;
                } else if (endsWith(stack, {"Ntry", "BookgDt", "Dt"}) || endsWith(stack, {"Ntry", "BookgDt", "DtTm"})) {
                    entry->bookingDate = value;
                } else if (endsWith(stack, {"Ntry", "ValDt", "Dt"}) || endsWith(stack, {"Ntry", "ValDt", "DtTm"})) {
                    entry->valueDate = value;
                } else if (endsWith(stack, {"Ntry", "AcctSvcrRef"})) {
                    entry->bankId = value;
                } else if (endsWith(stack, {"TxDtls", "Refs", "AcctSvcrRef"})) {
                    if (entry->bankId.isEmpty())
                        entry->bankId = value;
                } else if (endsWith(stack, {"RltdPties", "Cdtr", "Nm"}) || endsWith(stack, {"RltdPties", "Cdtr", "Pty", "Nm"})) {
                    if (entry->creditor.isEmpty())
                        entry->creditor = value;
                } else if (endsWith(stack, {"RltdPties", "Dbtr", "Nm"}) || endsWith(stack, {"RltdPties", "Dbtr", "Pty", "Nm"})) {
                    if (entry->debtor.isEmpty())
                        entry->debtor = value;
                } else if (endsWith(stack, {"RmtInf", "Ustrd"})) {
                    if (!value.isEmpty())
                        entry->remittance.append(value);
                } else if (endsWith(stack, {"Ntry", "AddtlNtryInf"})) {
                    entry->additionalInfo = value;
                } else if (endsWith(stack, {"Stmt", "Ntry"})) {
                    const Entry e = *entry;
                    entry.reset();
                    // Pending and informational entries are not booked yet.
                    if (e.status == QLatin1String("PDNG") || e.status == QLatin1String("INFO")) {
                        stack.removeLast();
                        text.clear();
                        break;
                    }
                    const std::optional<qint64> amount = parseAmount(e.amount, u'.');
                    if (!amount || *amount < 0) {
                        setError(error, fileName, e.line, Messages::tr("The entry starting here has no readable amount (Amt)."));
                        return std::nullopt;
                    }
                    if (e.indicator != QLatin1String("CRDT") && e.indicator != QLatin1String("DBIT")) {
                        setError(error, fileName, e.line,
                                 Messages::tr("The entry starting here says neither CRDT nor DBIT (CdtDbtInd)."));
                        return std::nullopt;
                    }
                    const std::optional<QDate> date = parseDate(e.bookingDate.isEmpty() ? e.valueDate : e.bookingDate,
                                                                QStringLiteral("yyyy-MM-dd"));
                    if (!date) {
                        setError(error, fileName, e.line, Messages::tr("The entry starting here has no readable booking date (BookgDt)."));
                        return std::nullopt;
                    }
                    StatementRow row;
                    row.line = e.line;
                    row.date = *date;
                    const bool debit = e.indicator == QLatin1String("DBIT");
                    row.amountCents = debit ? -*amount : *amount;
                    row.bankId = e.bankId;
                    // The counterparty: whom the money went to, or came from.
                    row.payee = debit ? (e.creditor.isEmpty() ? e.debtor : e.creditor) : (e.debtor.isEmpty() ? e.creditor : e.debtor);
                    row.memo = e.remittance.isEmpty() ? e.additionalInfo : e.remittance.join(u' ');
                    if (row.payee.isEmpty()) {
                        row.payee = row.memo;
                        row.memo.clear();
                    }
                    statement.rows.append(std::move(row));
                    if (options.progress && ++entries % 500 == 0 && !options.progress(xml.characterOffset(), data.size())) {
                        setError(error, fileName, 0, Messages::tr("Reading was cancelled."));
                        return std::nullopt;
                    }
                }
            } else if (statement.account.isEmpty()
                       && (endsWith(stack, {"Stmt", "Acct", "Id", "IBAN"}) || endsWith(stack, {"Stmt", "Acct", "Id", "Othr", "Id"}))) {
                statement.account = value;
            } else if (endsWith(stack, {"Stmt", "Acct", "Ccy"}) && !value.isEmpty()) {
                statement.currency = value;
            }
            if (!stack.isEmpty())
                stack.removeLast();
            text.clear();
            break;
        }
        default: break;
        }
    }
    if (xml.hasError()) {
        const bool truncated = xml.error() == QXmlStreamReader::PrematureEndOfDocumentError;
        setError(error, fileName, int(xml.lineNumber()),
                 truncated ? Messages::tr("The XML ends here before its closing tags: the file is truncated.")
                           : Messages::tr("The XML cannot be read: %1.").arg(xml.errorString()));
        return std::nullopt;
    }
    if (!rootSeen) {
        setError(error, fileName, 0, Messages::tr("The file holds no XML element."));
        return std::nullopt;
    }
    if (options.progress && !options.progress(data.size(), data.size())) {
        setError(error, fileName, 0, Messages::tr("Reading was cancelled."));
        return std::nullopt;
    }
    return statement;
}

} // namespace hearth
