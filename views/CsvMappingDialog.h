#pragma once

#include "FormDialog.h"
#include "StatementReader.h"

class QComboBox;
class QLabel;
class QSettings;
class QTableWidget;

namespace hearth {

// Shows what was detected in a bank's CSV (encoding, delimiter, decimal separator, date format,
// where the data starts), each changeable, above a preview of the first rows with a role chosen
// per column (date, amount, debit, credit, payee, memo, ignore). Every change re-reads the preview.
// On OK the mapping is remembered in `settings` under the file's header signature, and offered
// first the next time a file with that header comes.
class CsvMappingDialog : public FormDialog
{
    Q_OBJECT

public:
    CsvMappingDialog(const CsvSniff &sniff, QSettings &settings, QWidget *parent = nullptr);

    CsvMapping mapping() const { return m_mapping; }
    // True when the mapping offered at the start was a remembered one.
    bool usedRememberedMapping() const { return m_remembered; }

protected:
    MutationResult save() override;

private:
    void applyMappingToEditors();
    void readEditors();
    void refreshPreview();

    CsvSniff m_sniff;
    QSettings &m_settings;
    CsvMapping m_mapping;
    bool m_remembered = false;
    bool m_updating = false;
    QComboBox *m_encoding = nullptr;
    QComboBox *m_delimiter = nullptr;
    QComboBox *m_decimal = nullptr;
    QComboBox *m_dateFormat = nullptr;
    QComboBox *m_firstRow = nullptr;
    QTableWidget *m_preview = nullptr;
    QLabel *m_status = nullptr;
    QList<QComboBox *> m_roles;
};

} // namespace hearth
