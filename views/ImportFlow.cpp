#include "ImportFlow.h"

#include "Clock.h"
#include "CsvMappingDialog.h"
#include "HouseholdData.h"
#include "ImportPreviewDialog.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QProgressDialog>
#include <QSettings>
#include <QThread>

namespace hearth {

ImportFlow::ImportFlow(HouseholdData &data, QSettings &settings, QWidget *window)
    : QObject(window)
    , m_data(data)
    , m_settings(settings)
    , m_window(window)
{
    m_chooseMapping = [this](const CsvSniff &sniff) -> std::optional<CsvMapping> {
        CsvMappingDialog dialog(sniff, m_settings, m_window);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return dialog.mapping();
    };
}

ImportFlow::~ImportFlow()
{
    if (m_reader) {
        m_cancelled = true;
        m_reader->wait();
    }
}

void ImportFlow::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Import a bank statement"), QString(),
        tr("Bank statements (*.csv *.ofx *.qfx *.qif *.xml *.txt);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void ImportFlow::importFile(const QString &path)
{
    if (m_reader || m_preview)
        return; // one import at a time
    m_path = path;
    StatementError error;
    const QString format = statementFormat(path, &error);
    if (format.isEmpty())
        return end(error.text(), false);
    StatementReadOptions options;
    if (format == QLatin1String("csv")) {
        const std::optional<CsvSniff> sniff = sniffCsv(path, &error);
        if (!sniff)
            return end(error.text(), false);
        options.csv = m_chooseMapping(*sniff);
        if (!options.csv)
            return end(tr("Import cancelled: nothing was written."), false);
    }

    m_progress = new QProgressDialog(tr("Reading %1…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0, 1000, m_window);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setWindowTitle(tr("Import"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setValue(0);
    connect(m_progress, &QProgressDialog::canceled, this, &ImportFlow::cancel);

    m_cancelled = false;
    QPointer<QProgressDialog> progress = m_progress;
    options.progress = [this, progress](qint64 done, qint64 total) {
        const int permille = total > 0 ? int(std::min<qint64>(1000, done * 1000 / total)) : 0;
        QMetaObject::invokeMethod(this, [progress, permille] {
            if (progress)
                progress->setValue(permille);
        }, Qt::QueuedConnection);
        return !m_cancelled.load();
    };
    m_reader = QThread::create([this, path, options] { m_statement = readStatement(path, options, &m_error); });
    connect(m_reader, &QThread::finished, this, &ImportFlow::onRead);
    m_reader->start();
}

void ImportFlow::cancel()
{
    m_cancelled = true;
}

void ImportFlow::onRead()
{
    m_reader->deleteLater();
    m_reader = nullptr;
    if (m_progress)
        m_progress->deleteLater();
    if (m_cancelled)
        return end(tr("Import cancelled: nothing was written."), false);
    if (!m_statement)
        return end(m_error.text(), false);
    showPreview(*std::exchange(m_statement, std::nullopt));
}

void ImportFlow::showPreview(const Statement &statement)
{
    auto importer = std::make_shared<BankImporter>(m_data);
    const QString fileName = QFileInfo(m_path).fileName();
    const QString account = BankImporter::defaultAccount(statement);
    const auto replan = [importer, statement, fileName](const QString &name) { return importer->plan(statement, name, fileName); };
    auto outcome = std::make_shared<ImportOutcome>();
    QWidget *window = m_window;
    const auto submit = [importer, outcome, window](const ImportPlan &plan) {
        // One change, all or nothing: past this point there is nothing to cancel, only to wait for.
        QProgressDialog busy(tr("Importing %n row(s)…", nullptr, int(plan.rowsToImport().size())), QString(), 0, 0, window);
        busy.setObjectName(QStringLiteral("importBusy"));
        busy.setWindowModality(Qt::WindowModal);
        busy.setMinimumDuration(0);
        busy.setValue(0);
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
        *outcome = importer->import(plan);
        if (!outcome->ok)
            return MutationResult::failure(QStringLiteral("invalid"), outcome->error);
        MutationResult done;
        done.ok = true;
        done.entityId = outcome->importId;
        return done;
    };
    m_preview = new ImportPreviewDialog(replan(account), m_data.clock.today(), m_data.currency(), replan, submit, m_window);
    m_preview->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_preview, &QDialog::finished, this, [this, outcome](int result) {
        if (result != QDialog::Accepted)
            return end(tr("Import cancelled: nothing was written."), false);
        const ImportPlan &plan = m_preview->model().plan();
        end(tr("Imported %n transaction(s) into %1", nullptr, int(outcome->added)).arg(plan.account)
                + (outcome->matched > 0 ? tr("; %n matched", nullptr, int(outcome->matched)) : QString()),
            outcome->added + outcome->matched > 0);
    });
    m_preview->open();
}

void ImportFlow::end(const QString &message, bool imported)
{
    m_preview = nullptr;
    Q_EMIT finished(message, imported);
}

} // namespace hearth
