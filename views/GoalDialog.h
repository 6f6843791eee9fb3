#pragma once

#include "FormDialog.h"
#include "Records.h"

#include <functional>

class QDateEdit;
class QLineEdit;

namespace hearth {

class HouseholdData;
class MoneyEdit;

// Adds or edits a savings goal: name, target amount, what is already saved, the date to reach it by.
class GoalDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(const Goal &)>;

    GoalDialog(HouseholdData &data, Submit submit, QWidget *parent = nullptr);

    void setGoal(const Goal &goal, bool isNew);
    // What the form holds now (amounts that are not amounts read as -1).
    Goal goal() const;

    QLineEdit *nameEdit() const { return m_name; }
    MoneyEdit *targetEdit() const { return m_target; }
    MoneyEdit *savedEdit() const { return m_saved; }
    QDateEdit *dateEdit() const { return m_date; }

protected:
    MutationResult save() override;

private:
    HouseholdData &m_data;
    Submit m_submit;
    Goal m_goal;
    QLineEdit *m_name;
    MoneyEdit *m_target;
    MoneyEdit *m_saved;
    QDateEdit *m_date;
};

// "Add money" to one goal: a single amount (negative to take money out).
class ContributionDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(qint64 cents)>;

    ContributionDialog(HouseholdData &data, const Goal &goal, Submit submit, QWidget *parent = nullptr);

    MoneyEdit *amountEdit() const { return m_amount; }

protected:
    MutationResult save() override;

private:
    Submit m_submit;
    MoneyEdit *m_amount;
};

} // namespace hearth
