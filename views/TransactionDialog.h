#pragma once

#include "FormDialog.h"
#include "Records.h"

#include <functional>

class QComboBox;
class QDateEdit;
class QLineEdit;

namespace hearth {

class HouseholdData;
class MoneyEdit;

// Adds or edits one budget transaction: date, description, category (pick or type a new one),
// amount and who paid. The page hands in how to save, so the same dialog serves add and edit.
class TransactionDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(const BudgetTransaction &)>;

    TransactionDialog(HouseholdData &data, Submit submit, QWidget *parent = nullptr);
    ~TransactionDialog() override;

    // Fills the form (for an edit, or the defaults of a new one).
    void setTransaction(const BudgetTransaction &transaction, bool isNew);
    // What the form holds now; amountCents is 0 when the amount text is not an amount.
    BudgetTransaction transaction() const;

    QDateEdit *dateEdit() const { return m_date; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QComboBox *categoryCombo() const { return m_category; }
    MoneyEdit *amountEdit() const { return m_amount; }
    QComboBox *memberCombo() const { return m_member; }

protected:
    MutationResult save() override;

private:
    void suggestCategory();

    HouseholdData &m_data;
    Submit m_submit;
    QString m_id;
    QDateEdit *m_date;
    QLineEdit *m_description;
    QComboBox *m_category;
    MoneyEdit *m_amount;
    QComboBox *m_member;
};

} // namespace hearth
