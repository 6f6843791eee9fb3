#include "ChoreDialogs.h"

#include "Clock.h"
#include "HouseholdData.h"
#include "Money.h"
#include "Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <QTimeEdit>
#include <QToolButton>

#include <algorithm>

namespace hearth {

namespace {

// The assignee combo's choices: one member, or a rotation.
const QString kMemberPrefix = QStringLiteral("member:");
const QString kTurn = QStringLiteral("turn");
const QString kFewest = QStringLiteral("fewest");

QWidget *row(QWidget *parent, QHBoxLayout **layout)
{
    auto *widget = new QWidget(parent);
    *layout = new QHBoxLayout(widget);
    (*layout)->setContentsMargins(0, 0, 0, 0);
    (*layout)->setSpacing(Theme::kGrid / 2);
    return widget;
}

MutationResult missing(const QString &message, const QString &field)
{
    return MutationResult::failure(QStringLiteral("invalid"), message, field);
}

} // namespace

// ---- ChoreDialog ----------------------------------------------------------------------------

ChoreDialog::ChoreDialog(HouseholdData &data, Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_data(data)
    , m_submit(std::move(submit))
    , m_title(new QLineEdit(this))
    , m_icon(new QLineEdit(this))
    , m_points(new QSpinBox(this))
    , m_repeat(new QComboBox(this))
    , m_weekdayRow(nullptr)
    , m_interval(new QSpinBox(this))
    , m_monthDay(new QSpinBox(this))
    , m_start(new QDateEdit(this))
    , m_hasDue(new QCheckBox(tr("Due by"), this))
    , m_due(new QTimeEdit(this))
    , m_assignee(new QComboBox(this))
    , m_rotationRow(nullptr)
    , m_approval(new QCheckBox(tr("An adult approves it before the points count"), this))
{
    setObjectName(QStringLiteral("choreDialog"));
    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_title->setPlaceholderText(tr("Feed the cat, empty the dishwasher…"));
    m_title->setClearButtonEnabled(true);
    m_icon->setObjectName(QStringLiteral("iconEdit"));
    m_icon->setPlaceholderText(tr("An emoji, like 🐈"));
    m_icon->setMaxLength(8);
    m_points->setObjectName(QStringLiteral("pointsEdit"));
    m_points->setRange(0, 100000);
    m_points->setSuffix(tr(" points"));

    m_repeat->setObjectName(QStringLiteral("repeatCombo"));
    m_repeat->addItem(tr("Once"), int(Repeat::Once));
    m_repeat->addItem(tr("Every day"), int(Repeat::Daily));
    m_repeat->addItem(tr("On chosen weekdays"), int(Repeat::Weekdays));
    m_repeat->addItem(tr("Every few days"), int(Repeat::EveryNDays));
    m_repeat->addItem(tr("Monthly"), int(Repeat::Monthly));

    QHBoxLayout *days = nullptr;
    m_weekdayRow = row(this, &days);
    for (int day = 1; day <= 7; ++day) {
        auto *button = new QToolButton(m_weekdayRow);
        button->setText(QLocale().dayName(day, QLocale::ShortFormat));
        button->setCheckable(true);
        button->setProperty("weekday", day);
        button->setMinimumWidth(5 * Theme::kGrid);
        days->addWidget(button);
        m_weekdays.append(button);
    }
    days->addStretch(1);
    m_interval->setObjectName(QStringLiteral("intervalEdit"));
    m_interval->setRange(1, 366);
    m_interval->setPrefix(tr("every "));
    m_interval->setSuffix(tr(" days"));
    m_monthDay->setObjectName(QStringLiteral("monthDayEdit"));
    m_monthDay->setRange(1, 31);
    m_monthDay->setPrefix(tr("on day "));

    m_start->setObjectName(QStringLiteral("startEdit"));
    m_start->setCalendarPopup(true);
    m_start->setDisplayFormat(QLocale().dateFormat(QLocale::LongFormat));
    QHBoxLayout *dueLayout = nullptr;
    QWidget *dueRow = row(this, &dueLayout);
    m_hasDue->setObjectName(QStringLiteral("hasDueCheck"));
    m_due->setObjectName(QStringLiteral("dueEdit"));
    m_due->setDisplayFormat(QStringLiteral("HH:mm"));
    dueLayout->addWidget(m_hasDue);
    dueLayout->addWidget(m_due, 1);
    connect(m_hasDue, &QCheckBox::toggled, m_due, &QWidget::setEnabled);

    m_assignee->setObjectName(QStringLiteral("assigneeCombo"));
    m_assignee->addItem(tr("Anyone"), QString());
    QHBoxLayout *rotationLayout = nullptr;
    m_rotationRow = row(this, &rotationLayout);
    for (const Member &m : m_data.members.records()) {
        m_assignee->addItem(m.name, QString(kMemberPrefix + m.id));
        auto *check = new QCheckBox(m.name, m_rotationRow);
        rotationLayout->addWidget(check);
        m_rotation.insert(m.id, check);
    }
    rotationLayout->addStretch(1);
    m_assignee->addItem(tr("Take turns"), kTurn);
    m_assignee->addItem(tr("Whoever has done it least"), kFewest);
    m_approval->setObjectName(QStringLiteral("approvalCheck"));

    addField(tr("&Chore"), m_title, QStringLiteral("title"));
    addField(tr("&Emoji"), m_icon, QStringLiteral("icon"));
    addField(tr("&Worth"), m_points, QStringLiteral("points"));
    addField(tr("&Repeats"), m_repeat, QStringLiteral("repeat"));
    addField(tr("On"), m_weekdayRow, QStringLiteral("weekdays"));
    addField(tr("Every"), m_interval, QStringLiteral("interval_days"));
    addField(tr("Day"), m_monthDay, QStringLiteral("month_day"));
    addField(tr("&Starts"), m_start, QStringLiteral("start_on"));
    addField(tr("&Time"), dueRow, QStringLiteral("due_time"));
    addField(tr("&Who"), m_assignee, QStringLiteral("assignee_id"));
    addField(tr("Between"), m_rotationRow, QStringLiteral("rotation_members"));
    addField(QString(), m_approval, QStringLiteral("needs_approval"));

    connect(m_repeat, &QComboBox::currentIndexChanged, this, &ChoreDialog::showRepeatDetails);
    connect(m_assignee, &QComboBox::currentIndexChanged, this, &ChoreDialog::assigneeChanged);
    setChore(Chore{}, true);
}

void ChoreDialog::setChore(const Chore &chore, bool isNew)
{
    m_chore = chore;
    m_isNew = isNew;
    if (isNew)
        m_chore.id.clear();
    setHeading(isNew ? tr("New chore") : tr("Edit chore"),
               isNew ? tr("Say what needs doing, how often and by whom; ticking it off earns the points.") : QString());
    setSaveText(isNew ? tr("Add chore") : tr("Save"));
    m_title->setText(chore.title);
    m_icon->setText(chore.icon);
    m_points->setValue(int(chore.points));
    m_repeat->setCurrentIndex(m_repeat->findData(int(chore.repeat)));
    for (QToolButton *day : std::as_const(m_weekdays))
        day->setChecked(chore.weekdays.contains(day->property("weekday").toInt()));
    m_interval->setValue(int(chore.interval));
    m_monthDay->setValue(int(chore.monthDay));
    m_start->setDate(chore.startOn.isValid() ? chore.startOn : m_data.clock.today());
    m_hasDue->setChecked(chore.dueTime.isValid());
    m_due->setTime(chore.dueTime.isValid() ? chore.dueTime : QTime(18, 0));
    m_due->setEnabled(chore.dueTime.isValid());
    const QString who = !chore.rotation.isEmpty() ? chore.rotation
        : chore.assigneeId.isEmpty()              ? QString()
                                                  : QString(kMemberPrefix + chore.assigneeId);
    for (auto it = m_rotation.cbegin(); it != m_rotation.cend(); ++it)
        it.value()->setChecked(chore.rotationMembers.contains(it.key()));
    {
        const QSignalBlocker quiet(m_assignee); // keep the chore's own approval setting
        m_assignee->setCurrentIndex(std::max(0, m_assignee->findData(who)));
    }
    m_rotationRow->setEnabled(!chore.rotation.isEmpty());
    m_approval->setChecked(chore.needsApproval);
    showRepeatDetails();
    m_title->setFocus();
}

void ChoreDialog::showRepeatDetails()
{
    const auto repeat = Repeat(m_repeat->currentData().toInt());
    // Only the detail the chosen repeat needs; the start date is "on" for a one-off.
    const auto show = [this](QWidget *editor, bool visible) {
        editor->parentWidget()->setVisible(visible); // the form's cell
        for (QLabel *caption : findChildren<QLabel *>()) {
            if (caption->buddy() == editor)
                caption->setVisible(visible);
        }
    };
    show(m_weekdayRow, repeat == Repeat::Weekdays);
    show(m_interval, repeat == Repeat::EveryNDays);
    show(m_monthDay, repeat == Repeat::Monthly);
    adjustSize();
}

void ChoreDialog::assigneeChanged()
{
    const QString who = m_assignee->currentData().toString();
    const bool rotating = who == kTurn || who == kFewest;
    m_rotationRow->setEnabled(rotating);
    // A child's chores are approved by an adult by default; an adult's count at once.
    if (m_isNew && who.startsWith(kMemberPrefix)) {
        const auto member = m_data.members.find(who.mid(kMemberPrefix.size()));
        m_approval->setChecked(member && member->role == QLatin1String("child"));
    } else if (m_isNew && rotating) {
        m_approval->setChecked(true);
    }
}

Chore ChoreDialog::chore() const
{
    Chore c = m_chore;
    c.title = m_title->text().trimmed();
    c.icon = m_icon->text().trimmed();
    c.points = m_points->value();
    c.repeat = Repeat(m_repeat->currentData().toInt());
    c.weekdays.clear();
    for (QToolButton *day : m_weekdays) {
        if (day->isChecked())
            c.weekdays.append(day->property("weekday").toInt());
    }
    c.interval = m_interval->value();
    c.monthDay = m_monthDay->value();
    c.startOn = m_start->date();
    c.dueTime = m_hasDue->isChecked() ? m_due->time() : QTime();
    const QString who = m_assignee->currentData().toString();
    c.assigneeId = who.startsWith(kMemberPrefix) ? who.mid(kMemberPrefix.size()) : QString();
    c.rotation = who == kTurn || who == kFewest ? who : QString();
    c.rotationMembers.clear();
    if (!c.rotation.isEmpty()) {
        for (const Member &m : m_data.members.records()) { // household order, the order of turns
            if (const QCheckBox *check = m_rotation.value(m.id); check && check->isChecked())
                c.rotationMembers.append(m.id);
        }
    }
    c.needsApproval = m_approval->isChecked();
    return c;
}

MutationResult ChoreDialog::save()
{
    const Chore c = chore();
    if (c.title.isEmpty())
        return missing(tr("Give the chore a name."), QStringLiteral("title"));
    return m_submit(c);
}

// ---- ReasonDialog ---------------------------------------------------------------------------

ReasonDialog::ReasonDialog(const QString &heading, const QString &intro, const QString &saveText, const QString &field,
                           Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_submit(std::move(submit))
    , m_field(field)
    , m_reason(new QLineEdit(this))
{
    setObjectName(QStringLiteral("reasonDialog"));
    setHeading(heading, intro);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setPlaceholderText(tr("Say why, kindly"));
    addField(tr("&Why"), m_reason, field);
    setSaveText(saveText);
    m_reason->setFocus();
}

MutationResult ReasonDialog::save()
{
    const QString reason = m_reason->text().trimmed();
    if (reason.isEmpty())
        return missing(tr("Give a reason, so they know what to do next time."), m_field);
    return m_submit(reason);
}

// ---- AdjustPointsDialog ---------------------------------------------------------------------

AdjustPointsDialog::AdjustPointsDialog(const QString &memberName, qint64 balance, Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_submit(std::move(submit))
    , m_delta(new QSpinBox(this))
    , m_reason(new QLineEdit(this))
{
    setObjectName(QStringLiteral("adjustPointsDialog"));
    setHeading(tr("Adjust %1's points").arg(memberName), tr("%1 has %n point(s) now.", nullptr, int(balance)).arg(memberName));
    m_delta->setObjectName(QStringLiteral("deltaEdit"));
    m_delta->setRange(-100000, 100000);
    m_delta->setSuffix(tr(" points"));
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setPlaceholderText(tr("A bonus for helping out, a penalty…"));
    addField(tr("&Points"), m_delta, QStringLiteral("delta"), tr("Negative to take points away."));
    addField(tr("&Why"), m_reason, QStringLiteral("note"));
    setSaveText(tr("Adjust"));
    m_delta->setFocus();
}

MutationResult AdjustPointsDialog::save()
{
    if (m_delta->value() == 0)
        return missing(tr("Enter a number of points other than zero."), QStringLiteral("delta"));
    if (m_reason->text().trimmed().isEmpty())
        return missing(tr("Say why the points change (a bonus, a penalty)."), QStringLiteral("note"));
    return m_submit(m_delta->value(), m_reason->text().trimmed());
}

// ---- PayOutDialog ---------------------------------------------------------------------------

PayOutDialog::PayOutDialog(const QString &memberName, qint64 balance, const QString &currency, qint64 pointRateCents,
                           Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_submit(std::move(submit))
    , m_currency(currency)
    , m_pointRateCents(pointRateCents)
    , m_points(new QSpinBox(this))
    , m_amount(new QLabel(this))
{
    setObjectName(QStringLiteral("payOutDialog"));
    setHeading(tr("Pay out %1's points").arg(memberName),
               tr("%1 has %n point(s). 10 points make %2.", nullptr, int(balance))
                   .arg(memberName, Money::format(allowanceCents(10, pointRateCents), currency)));
    m_points->setObjectName(QStringLiteral("pointsEdit"));
    m_points->setRange(0, int(std::max<qint64>(0, balance)));
    m_points->setValue(int(std::max<qint64>(0, balance)));
    m_points->setSuffix(tr(" points"));
    m_amount->setObjectName(QStringLiteral("amountLabel"));
    addField(tr("&Points"), m_points, QStringLiteral("delta"));
    addField(tr("Pays"), m_amount, QStringLiteral("amount"), tr("Recorded in the budget as pocket money."));
    const auto update = [this] { m_amount->setText(amountText()); };
    connect(m_points, &QSpinBox::valueChanged, this, update);
    update();
    setSaveText(tr("Pay out"));
    m_points->setFocus();
}

QString PayOutDialog::amountText() const
{
    return Money::format(allowanceCents(m_points->value(), m_pointRateCents), m_currency);
}

MutationResult PayOutDialog::save()
{
    if (m_points->value() <= 0)
        return missing(tr("Enter how many points to pay out."), QStringLiteral("delta"));
    return m_submit(m_points->value());
}

// ---- RewardDialog ---------------------------------------------------------------------------

RewardDialog::RewardDialog(const Reward &reward, bool isNew, Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_submit(std::move(submit))
    , m_reward(reward)
    , m_name(new QLineEdit(reward.name, this))
    , m_cost(new QSpinBox(this))
    , m_limited(new QCheckBox(tr("Only a few"), this))
    , m_stock(new QSpinBox(this))
{
    setObjectName(QStringLiteral("rewardDialog"));
    setHeading(isNew ? tr("New reward") : tr("Edit reward"),
               isNew ? tr("Something to save points for: a treat, a trip, a say in movie night.") : QString());
    setSaveText(isNew ? tr("Add reward") : tr("Save"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("Movie night pick"));
    m_cost->setObjectName(QStringLiteral("costEdit"));
    m_cost->setRange(1, 1000000);
    m_cost->setValue(int(std::max<qint64>(1, reward.cost)));
    m_cost->setSuffix(tr(" points"));
    m_limited->setObjectName(QStringLiteral("limitedCheck"));
    m_limited->setChecked(reward.stock >= 0);
    m_stock->setObjectName(QStringLiteral("stockEdit"));
    m_stock->setRange(0, 100000);
    m_stock->setValue(int(std::max<qint64>(0, reward.stock)));
    m_stock->setSuffix(tr(" left"));
    m_stock->setEnabled(reward.stock >= 0);
    connect(m_limited, &QCheckBox::toggled, m_stock, &QWidget::setEnabled);
    QHBoxLayout *stockLayout = nullptr;
    QWidget *stockRow = row(this, &stockLayout);
    stockLayout->addWidget(m_limited);
    stockLayout->addWidget(m_stock, 1);
    addField(tr("&Reward"), m_name, QStringLiteral("name"));
    addField(tr("&Costs"), m_cost, QStringLiteral("cost"));
    addField(tr("&Stock"), stockRow, QStringLiteral("stock"));
    m_name->setFocus();
}

MutationResult RewardDialog::save()
{
    Reward r = m_reward;
    r.name = m_name->text().trimmed();
    r.cost = m_cost->value();
    r.stock = m_limited->isChecked() ? m_stock->value() : -1;
    if (r.name.isEmpty())
        return missing(tr("Give the reward a name."), QStringLiteral("name"));
    return m_submit(r);
}

} // namespace hearth
