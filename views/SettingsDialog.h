#pragma once

#include "FormDialog.h"
#include "Notifier.h"

#include <array>

class QCheckBox;
class QLabel;
class QSettings;
class QSpinBox;
class QTimeEdit;

namespace hearth {

// This device's settings (Edit ▸ Settings…, Ctrl+,), kept in the injected QSettings. Its own
// section is Notifications: a switch for each kind, quiet hours and the time of the daily expiry
// reminder (Notifier reads them when it decides). Other parts add theirs with addSection().
class SettingsDialog final : public FormDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QSettings &settings, QWidget *parent = nullptr);

    // Adds a titled section below the others. The section writes its own settings, as they change
    // or when saving() is emitted (the user pressed Save; Cancel emits nothing).
    void addSection(const QString &title, QWidget *section);

    // The Notifications section's controls (tests, screenshots).
    QCheckBox *kindSwitch(Notifier::Kind kind) const { return m_kindSwitches[std::size_t(kind)]; }
    QCheckBox *quietHoursSwitch() const { return m_quietHours; }
    QTimeEdit *quietFromEdit() const { return m_quietFrom; }
    QTimeEdit *quietToEdit() const { return m_quietTo; }
    QTimeEdit *expiryReminderEdit() const { return m_expiryReminder; }
    // The quiet line saying where notifications go when the desktop has no service for them.
    QLabel *deliveryNote() const { return m_deliveryNote; }

Q_SIGNALS:
    void saving();

protected:
    MutationResult save() override;

private:
    QWidget *makeNotificationsSection();

    QSettings &m_settings;
    std::array<QCheckBox *, Notifier::kKindCount> m_kindSwitches{};
    QCheckBox *m_quietHours = nullptr;
    QTimeEdit *m_quietFrom = nullptr;
    QTimeEdit *m_quietTo = nullptr;
    QTimeEdit *m_expiryReminder = nullptr;
    QSpinBox *m_occasionDays = nullptr;
    QLabel *m_deliveryNote = nullptr;
};

} // namespace hearth
