#pragma once

#include <QWidget>

class QCheckBox;
class QSettings;
class QSpinBox;
class QTimeEdit;

namespace hearth {

struct KioskSettings;

// The kiosk's part of the Settings dialog: start in kiosk mode, idle minutes before "Who's using
// Hearth?" comes back, and the night (dimmed) hours. Self-contained: it reads the app's settings
// when made, says changed() on each edit, and writes them on save() (the dialog's Save; Cancel
// leaves them as they were).
class KioskSettingsSection final : public QWidget
{
    Q_OBJECT

public:
    explicit KioskSettingsSection(QSettings &settings, QWidget *parent = nullptr);

    KioskSettings values() const;
    void save();

Q_SIGNALS:
    void changed();

private:

    QSettings &m_settings;
    QCheckBox *m_startInKiosk;
    QSpinBox *m_idleMinutes;
    QTimeEdit *m_nightFrom;
    QTimeEdit *m_nightTo;
};

} // namespace hearth
