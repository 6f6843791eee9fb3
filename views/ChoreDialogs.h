#pragma once

#include "FormDialog.h"
#include "chores/ChoreRecords.h"

#include <QHash>

#include <functional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimeEdit;
class QToolButton;

namespace hearth {

class HouseholdData;

// Adds or edits a chore: what it is, what it is worth, when it comes round, who does it and
// whether an adult approves it.
class ChoreDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(const Chore &)>;

    ChoreDialog(HouseholdData &data, Submit submit, QWidget *parent = nullptr);

    void setChore(const Chore &chore, bool isNew);
    // What the form holds now.
    Chore chore() const;

    QLineEdit *titleEdit() const { return m_title; }
    QLineEdit *iconEdit() const { return m_icon; }
    QSpinBox *pointsEdit() const { return m_points; }
    QComboBox *repeatCombo() const { return m_repeat; }
    QComboBox *assigneeCombo() const { return m_assignee; }
    QCheckBox *approvalCheck() const { return m_approval; }

protected:
    MutationResult save() override;

private:
    void showRepeatDetails();
    void assigneeChanged();

    HouseholdData &m_data;
    Submit m_submit;
    Chore m_chore;
    bool m_isNew = true;
    QLineEdit *m_title;
    QLineEdit *m_icon;
    QSpinBox *m_points;
    QComboBox *m_repeat;
    QWidget *m_weekdayRow;
    QList<QToolButton *> m_weekdays;
    QSpinBox *m_interval;
    QSpinBox *m_monthDay;
    QDateEdit *m_start;
    QCheckBox *m_hasDue;
    QTimeEdit *m_due;
    QComboBox *m_assignee;
    QWidget *m_rotationRow;
    QHash<QString, QCheckBox *> m_rotation;
    QCheckBox *m_approval;
};

// One line of text the household must give: why a chore is sent back, why a request is declined.
class ReasonDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(const QString &reason)>;

    ReasonDialog(const QString &heading, const QString &intro, const QString &saveText, const QString &field,
                 Submit submit, QWidget *parent = nullptr);

    QLineEdit *reasonEdit() const { return m_reason; }

protected:
    MutationResult save() override;

private:
    Submit m_submit;
    QString m_field;
    QLineEdit *m_reason;
};

// Points given or taken by hand, with the reason the ledger keeps.
class AdjustPointsDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(qint64 delta, const QString &reason)>;

    AdjustPointsDialog(const QString &memberName, qint64 balance, Submit submit, QWidget *parent = nullptr);

    QSpinBox *deltaEdit() const { return m_delta; }
    QLineEdit *reasonEdit() const { return m_reason; }

protected:
    MutationResult save() override;

private:
    Submit m_submit;
    QSpinBox *m_delta;
    QLineEdit *m_reason;
};

// Points paid out as pocket money: 10 points = 1.00 of the household's currency.
class PayOutDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(qint64 points)>;

    // `pointRateCents`: what one point is worth (the household's setting).
    PayOutDialog(const QString &memberName, qint64 balance, const QString &currency, qint64 pointRateCents, Submit submit,
                 QWidget *parent = nullptr);

    QSpinBox *pointsEdit() const { return m_points; }
    QString amountText() const;

protected:
    MutationResult save() override;

private:
    Submit m_submit;
    QString m_currency;
    qint64 m_pointRateCents;
    QSpinBox *m_points;
    QLabel *m_amount;
};

// Adds or edits a reward of the catalogue: its name, what it costs, how many there are.
class RewardDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(const Reward &)>;

    RewardDialog(const Reward &reward, bool isNew, Submit submit, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QSpinBox *costEdit() const { return m_cost; }
    QCheckBox *limitedCheck() const { return m_limited; }
    QSpinBox *stockEdit() const { return m_stock; }

protected:
    MutationResult save() override;

private:
    Submit m_submit;
    Reward m_reward;
    QLineEdit *m_name;
    QSpinBox *m_cost;
    QCheckBox *m_limited;
    QSpinBox *m_stock;
};

} // namespace hearth
