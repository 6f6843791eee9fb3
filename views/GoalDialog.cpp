#include "GoalDialog.h"

#include "Clock.h"
#include "HouseholdData.h"
#include "MoneyEdit.h"
#include "Money.h"

#include <QDateEdit>
#include <QLineEdit>
#include <QLocale>

namespace hearth {

namespace {

MutationResult notAnAmount(const MoneyEdit *edit, const QString &field, const QString &emptyMessage)
{
    const QString text = edit->text().trimmed();
    return MutationResult::failure(QStringLiteral("invalid"),
                                   text.isEmpty() ? emptyMessage
                                                  : GoalDialog::tr("“%1” is not an amount — write it like 250.00.").arg(text),
                                   field);
}

} // namespace

GoalDialog::GoalDialog(HouseholdData &data, Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_data(data)
    , m_submit(std::move(submit))
    , m_name(new QLineEdit(this))
    , m_target(new MoneyEdit(this))
    , m_saved(new MoneyEdit(this))
    , m_date(new QDateEdit(this))
{
    setObjectName(QStringLiteral("goalDialog"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("A holiday, a new bike, a rainy-day fund…"));
    m_name->setClearButtonEnabled(true);
    m_target->setObjectName(QStringLiteral("targetEdit"));
    m_target->setCurrency(m_data.currency());
    m_saved->setObjectName(QStringLiteral("savedEdit"));
    m_saved->setCurrency(m_data.currency());
    m_date->setObjectName(QStringLiteral("dateEdit"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QLocale().dateFormat(QLocale::LongFormat));

    addField(tr("&Goal"), m_name, QStringLiteral("name"));
    addField(tr("&Target"), m_target, QStringLiteral("target_cents"));
    addField(tr("Already &saved"), m_saved, QStringLiteral("saved_cents"));
    addField(tr("&Reach it by"), m_date, QStringLiteral("target_date"));
    setGoal(Goal{}, true);
}

void GoalDialog::setGoal(const Goal &goal, bool isNew)
{
    m_goal = goal;
    if (isNew)
        m_goal.id.clear();
    setHeading(isNew ? tr("New goal") : tr("Edit goal"),
               isNew ? tr("Save toward something together; Hearth tells you how much to put aside each month.")
                     : QString());
    setSaveText(isNew ? tr("Add goal") : tr("Save"));
    m_name->setText(goal.name);
    if (goal.targetCents > 0)
        m_target->setCents(goal.targetCents);
    else
        m_target->clear();
    m_saved->setCents(goal.savedCents);
    m_date->setDate(goal.targetDate.isValid() ? goal.targetDate : m_data.clock.today().addMonths(6));
    m_name->setFocus();
}

Goal GoalDialog::goal() const
{
    Goal g = m_goal;
    g.name = m_name->text().trimmed();
    g.targetCents = m_target->cents().value_or(-1);
    g.savedCents = m_saved->text().trimmed().isEmpty() ? 0 : m_saved->cents().value_or(-1);
    g.targetDate = m_date->date();
    return g;
}

MutationResult GoalDialog::save()
{
    if (!m_target->cents())
        return notAnAmount(m_target, QStringLiteral("target_cents"), tr("Enter how much you want to save, for example 900."));
    if (!m_saved->text().trimmed().isEmpty() && !m_saved->cents())
        return notAnAmount(m_saved, QStringLiteral("saved_cents"), QString());
    return m_submit(goal());
}

ContributionDialog::ContributionDialog(HouseholdData &data, const Goal &goal, Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_submit(std::move(submit))
    , m_amount(new MoneyEdit(this))
{
    setObjectName(QStringLiteral("contributionDialog"));
    const QString currency = data.currency();
    const qint64 missing = std::max<qint64>(0, goal.targetCents - goal.savedCents);
    setHeading(tr("Add money to %1").arg(goal.name),
               missing > 0 ? tr("%1 saved so far — %2 to go.")
                                 .arg(Money::format(goal.savedCents, currency), Money::format(missing, currency))
                           : tr("%1 saved — the goal is reached.").arg(Money::format(goal.savedCents, currency)));
    m_amount->setObjectName(QStringLiteral("amountEdit"));
    m_amount->setCurrency(currency);
    addField(tr("&Amount"), m_amount, QStringLiteral("saved_cents"), tr("Took some out? Enter a negative amount."));
    setSaveText(tr("Add money"));
    m_amount->setFocus();
}

MutationResult ContributionDialog::save()
{
    const auto cents = m_amount->cents();
    if (!cents)
        return notAnAmount(m_amount, QStringLiteral("saved_cents"), tr("Enter the amount you put aside, for example 50."));
    if (*cents == 0)
        return MutationResult::failure(QStringLiteral("invalid"), tr("Enter an amount other than zero."),
                                       QStringLiteral("saved_cents"));
    return m_submit(*cents);
}

} // namespace hearth
