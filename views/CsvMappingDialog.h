#pragma once

#include "FormDialog.h"
#include "StatementReader.h"

class QComboBox;
class QLabel;
class QSettings;
class QTableWidget;

namespace hearth {

// Shows what was detected in a bank's CSV (encoding, delimiter, decimal separator, date format,
// the header row), each changeable; the file's columns with a role chosen for each (date, amount,
// debit, credit, payee, memo, ignore) and an example; and what the first rows read as. Every
// change re-reads the preview. On OK the mapping is remembered in `settings` under the file's
// header signature, and offered first the next time a file with that header comes.
class CsvMappingDialog : public FormDialog
{
    Q_OBJECT

public:
    CsvMappingDialog(const CsvSniff &sniff, QSettings &settings, QWidget *parent = nullptr);

    CsvMapping mapping() const { return m_mapping; }
    // True when the mapping offered at the start was a remembered one.
    bool usedRememberedMapping() const { return m_remembered; }

    // How many preview rows are shown, and how many of them read with the current mapping.
    int previewRows() const;
    int readablePreviewRows() const { return m_readable; }

protected:
    MutationResult save() override;

private:
    void applyMappingToEditors();
    void readEditors();
    void refreshPreview();

    CsvSniff m_sniff;
    QSettings &m_settings;
    CsvMapping m_mapping;
    CsvRecords m_records;
    bool m_remembered = false;
    bool m_updating = false;
    int m_readable = 0;
    QString m_firstProblem;
    QComboBox *m_encoding = nullptr;
    QComboBox *m_delimiter = nullptr;
    QComboBox *m_decimal = nullptr;
    QComboBox *m_dateFormat = nullptr;
    QComboBox *m_header = nullptr;
    QTableWidget *m_columns = nullptr;
    QTableWidget *m_preview = nullptr;
    QLabel *m_status = nullptr;
    QList<QComboBox *> m_roles;
};

} // namespace hearth
