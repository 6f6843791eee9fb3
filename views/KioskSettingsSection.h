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
// when made and writes each change at once, then says so with changed().
class KioskSettingsSection final : public QWidget
{
    Q_OBJECT

public:
    explicit KioskSettingsSection(QSettings &settings, QWidget *parent = nullptr);

    KioskSettings values() const;

Q_SIGNALS:
    void changed();

private:
    void save();

    QSettings &m_settings;
    QCheckBox *m_startInKiosk;
    QSpinBox *m_idleMinutes;
    QTimeEdit *m_nightFrom;
    QTimeEdit *m_nightTo;
};

} // namespace hearth
