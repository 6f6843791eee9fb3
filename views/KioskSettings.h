#pragma once

#include <QTime>

class QDateTime;
class QSettings;

namespace hearth {

// What the kiosk is told by the app's settings (hearth.ini, [kiosk]): whether the app starts as
// the kiosk, after how many idle minutes it asks "Who's using Hearth?" again, and when its night
// is (the screen dims). Read once when the kiosk starts and again when the settings change.
struct KioskSettings
{
    static constexpr int kDefaultIdleMinutes = 3;
    static constexpr int kMaxIdleMinutes = 120;

    bool startInKiosk = false;
    int idleMinutes = kDefaultIdleMinutes;
    QTime nightFrom = QTime(22, 0);
    QTime nightTo = QTime(6, 30);

    static KioskSettings read(const QSettings &settings);
    void write(QSettings &settings) const;

    // Whether `time` falls in the night; a night that starts after it ends runs over midnight
    // (22:00–06:30). Equal times mean no night at all.
    bool isNight(const QTime &time) const;
};

} // namespace hearth
