#pragma once

#include "FormDialog.h"
#include "ImportPlanModel.h"

#include <functional>

class QLabel;
class QLineEdit;
class QTableView;

namespace hearth {

// Shows a bank statement before anything is written: each row with its class — new, already
// imported, outside the budget's month, or the same as a transaction typed by hand — in words and
// colour; an Import tick per row, the category editable, a match accepted (linked) or rejected
// (added beside it), the account the rows go to, and a summary. Import sends the chosen rows as
// one change through `submit`.
class ImportPreviewDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Replan = std::function<ImportPlan(const QString &account)>;
    using Submit = std::function<MutationResult(const ImportPlan &plan)>;

    ImportPreviewDialog(ImportPlan plan, const QDate &month, const QString &currency, Replan replan, Submit submit,
                        QWidget *parent = nullptr);

    ImportPlanModel &model() { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *accountEdit() const { return m_account; }
    QString summaryText() const;

protected:
    MutationResult save() override;

private:
    void updateSummary();

    ImportPlanModel m_model;
    QDate m_month;
    Replan m_replan;
    Submit m_submit;
    QLineEdit *m_account;
    QLabel *m_summary;
    QTableView *m_table;
};

} // namespace hearth
