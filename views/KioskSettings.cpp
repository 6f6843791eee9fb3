#include "KioskSettings.h"

#include <QSettings>

#include <algorithm>

namespace hearth {

namespace {
constexpr auto kStartKey = "kiosk/startInKiosk";
constexpr auto kIdleKey = "kiosk/idleMinutes";
constexpr auto kNightFromKey = "kiosk/nightFrom";
constexpr auto kNightToKey = "kiosk/nightTo";

QTime readTime(const QSettings &settings, const char *key, const QTime &fallback)
{
    const QTime time = QTime::fromString(settings.value(QLatin1String(key)).toString(), QStringLiteral("HH:mm"));
    return time.isValid() ? time : fallback;
}
} // namespace

KioskSettings KioskSettings::read(const QSettings &settings)
{
    KioskSettings s;
    s.startInKiosk = settings.value(QLatin1String(kStartKey), false).toBool();
    bool ok = false;
    const int idle = settings.value(QLatin1String(kIdleKey)).toInt(&ok);
    s.idleMinutes = ok ? std::clamp(idle, 1, kMaxIdleMinutes) : kDefaultIdleMinutes;
    s.nightFrom = readTime(settings, kNightFromKey, s.nightFrom);
    s.nightTo = readTime(settings, kNightToKey, s.nightTo);
    return s;
}

void KioskSettings::write(QSettings &settings) const
{
    settings.setValue(QLatin1String(kStartKey), startInKiosk);
    settings.setValue(QLatin1String(kIdleKey), idleMinutes);
    settings.setValue(QLatin1String(kNightFromKey), nightFrom.toString(QStringLiteral("HH:mm")));
    settings.setValue(QLatin1String(kNightToKey), nightTo.toString(QStringLiteral("HH:mm")));
}

bool KioskSettings::isNight(const QTime &time) const
{
    if (nightFrom == nightTo)
        return false;
    if (nightFrom < nightTo)
        return time >= nightFrom && time < nightTo;
    return time >= nightFrom || time < nightTo;
}

} // namespace hearth
