#include "SettingsDialog.h"

#include "Theme.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace hearth {

namespace {

QString switchText(Notifier::Kind kind)
{
    switch (kind) {
    case Notifier::Kind::ExpiringTomorrow: return SettingsDialog::tr("Pantry items that expire tomorrow");
    case Notifier::Kind::BudgetThreshold: return SettingsDialog::tr("This month's budget reaching 80 % and 100 % (adults)");
    case Notifier::Kind::ApprovalWaiting: return SettingsDialog::tr("Chores waiting for approval (adults)");
    case Notifier::Kind::RewardRequested: return SettingsDialog::tr("Rewards asked for (adults)");
    case Notifier::Kind::RedemptionFulfilled: return SettingsDialog::tr("My reward is ready");
    case Notifier::Kind::OccasionComing: return SettingsDialog::tr("Birthdays and other occasions coming up");
    case Notifier::Kind::GiftTaken: return SettingsDialog::tr("Someone claimed an item on my wish list (never who)");
    case Notifier::Kind::MemberNotice: return SettingsDialog::tr("Notices for me: a task I can start, ingredients ready to cook");
    }
    return {};
}

QTimeEdit *makeTimeEdit(const QTime &time, const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QTimeEdit(time, parent);
    edit->setDisplayFormat(QStringLiteral("HH:mm"));
    edit->setAccessibleName(accessibleName);
    return edit;
}

} // namespace

SettingsDialog::SettingsDialog(QSettings &settings, QWidget *parent)
    : FormDialog(parent)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    setHeading(tr("Settings"), tr("These settings are for this device."));
    setSaveText(tr("Save"));
    addSection(tr("Notifications"), makeNotificationsSection());
}

QWidget *SettingsDialog::makeNotificationsSection()
{
    const Notifier::Settings current = Notifier::Settings::load(m_settings);
    auto *section = new QWidget(this);
    section->setObjectName(QStringLiteral("notificationsSection"));
    auto *layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::kGrid);

    layout->addWidget(Theme::makeSubtitle(tr("Tell me about:"), section));
    for (Notifier::Kind kind : Notifier::kKinds) {
        auto *toggle = new QCheckBox(switchText(kind), section);
        toggle->setChecked(current.isEnabled(kind));
        m_kindSwitches[std::size_t(kind)] = toggle;
        layout->addWidget(toggle);
    }

    // Times keep their natural width: a stretched "18:00" field reads as a text box.
    auto *reminderRow = new QHBoxLayout;
    reminderRow->setContentsMargins(0, Theme::kGrid, 0, 0);
    m_expiryReminder = makeTimeEdit(current.expiryReminderAt, tr("Daily expiry reminder at"), section);
    auto *reminderLabel = new QLabel(tr("Remind me of what expires tomorrow at"), section);
    reminderLabel->setBuddy(m_expiryReminder);
    reminderRow->addWidget(reminderLabel);
    reminderRow->addWidget(m_expiryReminder);
    reminderRow->addStretch(1);
    layout->addLayout(reminderRow);
    auto *occasionRow = new QHBoxLayout;
    m_occasionDays = new QSpinBox(section);
    m_occasionDays->setRange(0, 60);
    m_occasionDays->setValue(current.occasionReminderDays);
    m_occasionDays->setAccessibleName(tr("Days before an occasion to remind"));
    auto *occasionLabel = new QLabel(tr("Remind me of occasions this many days before (and on the day):"), section);
    occasionLabel->setWordWrap(true);
    occasionLabel->setBuddy(m_occasionDays);
    occasionRow->addWidget(occasionLabel, 1);
    occasionRow->addWidget(m_occasionDays);
    layout->addLayout(occasionRow);
    auto *quietRow = new QHBoxLayout;
    m_quietHours = new QCheckBox(tr("Quiet hours from"), section);
    m_quietHours->setChecked(current.quietHours);
    m_quietFrom = makeTimeEdit(current.quietFrom, tr("Quiet hours from"), section);
    m_quietTo = makeTimeEdit(current.quietTo, tr("Quiet hours until"), section);
    quietRow->addWidget(m_quietHours);
    quietRow->addWidget(m_quietFrom);
    quietRow->addWidget(new QLabel(tr("to"), section));
    quietRow->addWidget(m_quietTo);
    quietRow->addStretch(1);
    layout->addLayout(quietRow);
    const auto followQuietHours = [this] {
        m_quietFrom->setEnabled(m_quietHours->isChecked());
        m_quietTo->setEnabled(m_quietHours->isChecked());
    };
    connect(m_quietHours, &QCheckBox::toggled, this, followQuietHours);
    followQuietHours();

    m_deliveryNote = Theme::makeSubtitle(
        tr("During quiet hours nothing is shown; what comes up then is shown when they end, unless it no longer "
           "applies. Notifications appear through the desktop's notification service; where there is none, they "
           "appear in the window's status bar instead, so nothing is lost."),
        section);
    m_deliveryNote->setObjectName(QStringLiteral("deliveryNote"));
    m_deliveryNote->setWordWrap(true);
    layout->addWidget(m_deliveryNote);
    return section;
}

void SettingsDialog::addSection(const QString &title, QWidget *section)
{
    auto *heading = new QLabel(title, this);
    heading->setObjectName(QStringLiteral("cardTitle"));
    heading->setContentsMargins(0, Theme::kGrid, 0, 0);
    section->setParent(this);
    addContent(heading);
    addContent(section);
}

MutationResult SettingsDialog::save()
{
    Notifier::Settings chosen;
    for (Notifier::Kind kind : Notifier::kKinds)
        chosen.setEnabled(kind, kindSwitch(kind)->isChecked());
    chosen.quietHours = m_quietHours->isChecked();
    chosen.quietFrom = m_quietFrom->time();
    chosen.quietTo = m_quietTo->time();
    chosen.expiryReminderAt = m_expiryReminder->time();
    chosen.occasionReminderDays = m_occasionDays->value();
    chosen.save(m_settings);
    Q_EMIT saving();
    m_settings.sync();
    MutationResult result;
    result.ok = true;
    return result;
}

} // namespace hearth
