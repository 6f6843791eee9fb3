#include "DesktopNotifications.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QLoggingCategory>
#include <QVariantMap>

namespace hearth {

Q_LOGGING_CATEGORY(lcDesktopNotifications, "hearth.notify.desktop", QtWarningMsg)

DesktopNotifications::DesktopNotifications(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
{
}

void DesktopNotifications::show(const QString &title, const QString &body)
{
    if (!m_bus.isConnected()) {
        const QString reason = QStringLiteral("no session bus (%1)").arg(m_bus.lastError().message());
        qCInfo(lcDesktopNotifications) << "not shown on the desktop:" << reason;
        // Queued, as a bus answer would be: callers see one order whatever the bus.
        QMetaObject::invokeMethod(this, [this, title, body, reason] { Q_EMIT unavailable(title, body, reason); }, Qt::QueuedConnection);
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout) -> id
    const QVariantMap hints{{QStringLiteral("desktop-entry"), QStringLiteral("io.hearth.Hearth")}};
    call << QStringLiteral("Hearth") << uint(0) << QStringLiteral("io.hearth.Hearth") << title << body << QStringList() << hints
         << int(kShowMs);
    // Never auto-start a service for this: a desktop without one is answered at once.
    call.setAutoStartService(false);
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, title, body](QDBusPendingCallWatcher *finished) {
        finished->deleteLater();
        const QDBusPendingReply<uint> reply = *finished;
        if (reply.isError()) {
            qCInfo(lcDesktopNotifications) << "not shown on the desktop:" << reply.error().name() << reply.error().message();
            Q_EMIT unavailable(title, body, reply.error().message());
            return;
        }
        Q_EMIT shown(reply.value());
    });
}

} // namespace hearth
