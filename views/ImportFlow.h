#pragma once

// File ▸ Import… on the Budget page: pick a bank statement, map a CSV's columns when its bank is
// new (CsvMappingDialog), read it off the UI thread with a progress bar and Cancel, show the
// preview (ImportPreviewDialog), import the chosen rows as one change. A cancel at any point
// leaves nothing written: the only write is the one change at the end.

#include "BankImporter.h"
#include "ImportPreviewDialog.h"

#include <QObject>
#include <QPointer>
#include <QProgressDialog>

#include <atomic>
#include <functional>
#include <memory>

class QSettings;
class QThread;
class QWidget;

namespace hearth {

class HouseholdData;

class ImportFlow final : public QObject
{
    Q_OBJECT

public:
    // How a CSV's columns are chosen: the mapping dialog in the app; tests answer it themselves.
    using MappingChooser = std::function<std::optional<CsvMapping>(const CsvSniff &sniff)>;

    ImportFlow(HouseholdData &data, QSettings &settings, QWidget *window);
    ~ImportFlow() override;

    void setMappingChooser(MappingChooser chooser) { m_chooseMapping = std::move(chooser); }

    // Asks for a file, then importFile().
    void chooseFile();
    // Reads `path` (progress and Cancel), then shows the preview; finished() tells how it ended.
    void importFile(const QString &path);
    // Stops reading; nothing is written.
    void cancel();

    QProgressDialog *progressDialog() const { return m_progress; }
    ImportPreviewDialog *previewDialog() const { return m_preview; }

Q_SIGNALS:
    // A sentence for the status bar ("Imported 143 transactions into Checking", "Import
    // cancelled: nothing was written", or the problem); `imported` is true when rows were written.
    void finished(const QString &message, bool imported);

private:
    void onRead();
    void showPreview(const Statement &statement);
    void end(const QString &message, bool imported);

    HouseholdData &m_data;
    QSettings &m_settings;
    QWidget *m_window;
    MappingChooser m_chooseMapping;
    QString m_path;
    QPointer<QProgressDialog> m_progress;
    QPointer<ImportPreviewDialog> m_preview;
    QThread *m_reader = nullptr;
    std::atomic<bool> m_cancelled{false};
    std::optional<Statement> m_statement;
    StatementError m_error;
};

} // namespace hearth
