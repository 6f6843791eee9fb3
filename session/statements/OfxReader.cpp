// OFX 1.x (SGML) and 2.x (XML) statements, and Quicken's QFX (OFX with an INTU.BID), through
// libofx. libofx reads only from a path, keeps global state (its message switches) and prints to
// stderr, so every use is behind one mutex with its messages switched off. It also returns
// whatever it parsed from a cut-off file, so the file's closing tags are checked here first.

#include "StatementReader.h"
#include "StatementText.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <libofx/libofx.h>

#include <cmath>
#include <mutex>

namespace hearth {

using namespace statements;

namespace {

std::mutex &libofxMutex()
{
    static std::mutex mutex;
    return mutex;
}

struct OfxRun
{
    Statement statement;
    QList<int> transactionLines; // where each <STMTTRN> starts, in file order
    StatementProgress progress;
    qint64 expected = 0;
    bool cancelled = false;
    bool missingAmount = false;
    int missingAmountLine = 0;
    QString bankError;
};

QString fromOfx(const char *text)
{
    // libofx hands over the file's bytes; OFX 1.x files are mostly Windows-1252, 2.x UTF-8.
    const QByteArray bytes(text);
    return (detectEncoding(bytes) == QLatin1String("UTF-8") ? QString::fromUtf8(bytes) : decodeLeniently(bytes, QStringLiteral("Windows-1252")))
        .simplified();
}

int onTransaction(const OfxTransactionData data, void *context)
{
    auto *run = static_cast<OfxRun *>(context);
    if (run->cancelled || run->missingAmount)
        return 0;
    StatementRow row;
    const qsizetype index = run->statement.rows.size();
    row.line = index < run->transactionLines.size() ? run->transactionLines[index] : 0;
    if (!data.amount_valid || !data.date_posted_valid) {
        run->missingAmount = true;
        run->missingAmountLine = row.line;
        return 0;
    }
    row.amountCents = std::llround(data.amount * 100.0);
    // libofx turns DTPOSTED into a time_t at noon of that day in UTC when the file gives no time.
    row.date = QDateTime::fromSecsSinceEpoch(qint64(data.date_posted), Qt::UTC).date();
    if (data.fi_id_valid)
        row.bankId = QString::fromLatin1(data.fi_id).trimmed();
    if (data.name_valid)
        row.payee = fromOfx(data.name);
    if (data.memo_valid)
        row.memo = fromOfx(data.memo);
    if (row.payee.isEmpty()) {
        row.payee = row.memo;
        row.memo.clear();
    }
    run->statement.rows.append(std::move(row));
    const qint64 done = run->statement.rows.size();
    if (run->progress && done % 500 == 0 && !run->progress(done, run->expected))
        run->cancelled = true;
    return 0;
}

int onAccount(const OfxAccountData data, void *context)
{
    auto *run = static_cast<OfxRun *>(context);
    if (run->statement.account.isEmpty() && data.account_number_valid)
        run->statement.account = QString::fromLatin1(data.account_number).trimmed();
    if (run->statement.currency.isEmpty() && data.currency_valid)
        run->statement.currency = QString::fromLatin1(data.currency).trimmed();
    return 0;
}

int onStatement(const OfxStatementData data, void *context)
{
    auto *run = static_cast<OfxRun *>(context);
    if (run->statement.currency.isEmpty() && data.currency_valid)
        run->statement.currency = QString::fromLatin1(data.currency).trimmed();
    return 0;
}

int onStatus(const OfxStatusData data, void *context)
{
    auto *run = static_cast<OfxRun *>(context);
    if (data.severity_valid && data.severity == OfxStatusData::ERROR && run->bankError.isEmpty()) {
        run->bankError = data.server_message_valid && data.server_message ? QString::fromLatin1(data.server_message)
                        : data.code_valid && data.description                 ? QString::fromLatin1(data.description)
                                                                              : Messages::tr("an error without a description");
    }
    return 0;
}

// The closing tags a complete statement has. libofx accepts a cut-off file and returns the
// transactions before the cut, so a file without them is refused, naming the line it ends on.
bool checkComplete(const QByteArray &data, const QString &fileName, QList<int> *transactionLines, StatementError *error)
{
    const QString text = QString::fromLatin1(data);
    int lastLine = int(data.count('\n')) + (data.endsWith('\n') ? 0 : 1);
    const QRegularExpression transaction(QStringLiteral("<STMTTRN>"), QRegularExpression::CaseInsensitiveOption);
    const QRegularExpression transactionEnd(QStringLiteral("</STMTTRN>"), QRegularExpression::CaseInsensitiveOption);
    qsizetype opened = 0;
    // Lines counted on from the previous match: once through the file.
    qsizetype countedTo = 0;
    int line = 1;
    for (auto it = transaction.globalMatch(text); it.hasNext();) {
        const qsizetype at = it.next().capturedStart();
        line += int(QStringView(text).sliced(countedTo, at - countedTo).count(u'\n'));
        countedTo = at;
        transactionLines->append(line);
        ++opened;
    }
    qsizetype closed = 0;
    for (auto it = transactionEnd.globalMatch(text); it.hasNext(); it.next())
        ++closed;
    const bool hasEnd = text.contains(QLatin1String("</OFX>"), Qt::CaseInsensitive);
    const bool listEnds = !text.contains(QLatin1String("<BANKTRANLIST>"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("</BANKTRANLIST>"), Qt::CaseInsensitive);
    if (!hasEnd || !listEnds || closed < opened) {
        setError(error, fileName, qMax(1, lastLine),
                 Messages::tr("The OFX file ends here, before its closing </OFX> tag: it is truncated."));
        return false;
    }
    return true;
}

} // namespace

std::optional<Statement> readOfx(const QString &path, const StatementReadOptions &options, StatementError *error)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, name, 0, Messages::tr("The file cannot be opened: %1.").arg(file.errorString()));
        return std::nullopt;
    }
    if (!checkSize(file.size(), name, error))
        return std::nullopt;
    const QByteArray data = file.readAll();
    file.close();
    OfxRun run;
    if (!checkComplete(data, name, &run.transactionLines, error))
        return std::nullopt;
    run.statement.format = QStringLiteral("ofx");
    run.progress = options.progress;
    run.expected = run.transactionLines.size();

    int status = 0;
    {
        const std::lock_guard lock(libofxMutex());
        // libofx's message switches are globals: silence all of them.
        for (int *flag : {&ofx_PARSER_msg, &ofx_DEBUG_msg, &ofx_DEBUG1_msg, &ofx_DEBUG2_msg, &ofx_DEBUG3_msg, &ofx_DEBUG4_msg,
                          &ofx_DEBUG5_msg, &ofx_STATUS_msg, &ofx_INFO_msg, &ofx_WARNING_msg, &ofx_ERROR_msg, &ofx_show_position})
            *flag = 0;
        LibofxContextPtr context = libofx_get_new_context();
        ofx_set_transaction_cb(context, onTransaction, &run);
        ofx_set_account_cb(context, onAccount, &run);
        ofx_set_statement_cb(context, onStatement, &run);
        ofx_set_status_cb(context, onStatus, &run);
        status = libofx_proc_file(context, QFile::encodeName(path).constData(), OFX);
        libofx_free_context(context);
    }
    if (run.cancelled) {
        setError(error, name, 0, Messages::tr("Reading was cancelled."));
        return std::nullopt;
    }
    if (!run.bankError.isEmpty()) {
        setError(error, name, 0, Messages::tr("The bank reports an error in this file: %1.").arg(run.bankError));
        return std::nullopt;
    }
    if (run.missingAmount) {
        setError(error, name, run.missingAmountLine, Messages::tr("The transaction starting here has no amount (TRNAMT) or date (DTPOSTED)."));
        return std::nullopt;
    }
    if (status != 0) {
        setError(error, name, 0, Messages::tr("libofx could not read the file as OFX."));
        return std::nullopt;
    }
    if (run.statement.rows.size() != run.transactionLines.size()) {
        setError(error, name, run.transactionLines.value(run.statement.rows.size()),
                 Messages::tr("libofx read %1 of the file's %2 transactions; the one starting here could not be read.")
                     .arg(run.statement.rows.size())
                     .arg(run.transactionLines.size()));
        return std::nullopt;
    }
    if (options.progress && !options.progress(run.expected, run.expected)) {
        setError(error, name, 0, Messages::tr("Reading was cancelled."));
        return std::nullopt;
    }
    return run.statement;
}

} // namespace hearth
