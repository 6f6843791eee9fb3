#pragma once

#include <QDBusConnection>
#include <QObject>

namespace hearth {

// Shows a notification through the desktop's freedesktop Notifications service
// (org.freedesktop.Notifications, method Notify, on the session bus). Where no such service
// answers — no session bus, or nothing owns the name — unavailable() hands the notification back
// so the window can show it in its status bar instead: nothing is lost, it is only less visible.
class DesktopNotifications final : public QObject
{
    Q_OBJECT

public:
    static inline const QString kService = QStringLiteral("org.freedesktop.Notifications");
    static inline const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
    static inline const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
    // How long the desktop shows one (the service may round it); -1 would leave it to the service.
    static constexpr int kShowMs = 10'000;

    // `bus`: the session bus in the app; the test's private bus in tests.
    explicit DesktopNotifications(const QDBusConnection &bus, QObject *parent = nullptr);

    // Asks the service to show it; the answer arrives later (shown() or unavailable()).
    void show(const QString &title, const QString &body);

Q_SIGNALS:
    void shown(uint notificationId);
    // No notifications service answered: `reason` is for the log, title and body for a fallback.
    void unavailable(const QString &title, const QString &body, const QString &reason);

private:
    QDBusConnection m_bus;
};

} // namespace hearth
