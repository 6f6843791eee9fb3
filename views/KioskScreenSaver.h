#pragma once

#include <QDBusConnection>
#include <QObject>

namespace hearth {

// Keeps the desktop's screen saver and screen blanking off while the kiosk shows, through
// org.freedesktop.ScreenSaver.Inhibit on the session bus, and lets them back with UnInhibit.
// The call is asynchronous: a bus that is slow or has no such service never holds up the kiosk.
// When nobody answers, problem() says so in words (logged as a warning too) and the kiosk runs on;
// the screen may then blank after the desktop's own idle time.
class KioskScreenSaver final : public QObject
{
    Q_OBJECT

public:
    static constexpr auto kService = "org.freedesktop.ScreenSaver";
    static constexpr auto kPath = "/org/freedesktop/ScreenSaver";
    static constexpr auto kInterface = "org.freedesktop.ScreenSaver";

    explicit KioskScreenSaver(const QDBusConnection &bus = QDBusConnection::sessionBus(), QObject *parent = nullptr);
    ~KioskScreenSaver() override; // lets the screen saver back

    void inhibit(const QString &reason);
    void uninhibit();

    bool isInhibited() const { return m_cookie != 0; }
    // Why the screen saver could not be held off (empty while it is, or before an answer).
    QString problem() const { return m_problem; }

Q_SIGNALS:
    // The inhibition started, ended or failed (problem()).
    void stateChanged();

private:
    void release(uint cookie);

    QDBusConnection m_bus;
    uint m_cookie = 0;
    quint64 m_requests = 0; // Inhibit calls made; only the latest one's cookie is kept
    bool m_wanted = false; // an Inhibit is on its way or holds
    QString m_problem;
};

} // namespace hearth
