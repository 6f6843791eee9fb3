#include "KioskScreenSaver.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QLoggingCategory>

#include <utility>

namespace hearth {

Q_LOGGING_CATEGORY(lcKioskScreenSaver, "hearth.kiosk.screensaver")

KioskScreenSaver::KioskScreenSaver(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
{
}

KioskScreenSaver::~KioskScreenSaver()
{
    uninhibit();
}

void KioskScreenSaver::inhibit(const QString &reason)
{
    if (m_wanted)
        return;
    m_wanted = true;
    m_problem.clear();
    if (!m_bus.isConnected()) {
        m_problem = tr("No desktop session bus: the screen may blank after the desktop's idle time.");
        qCWarning(lcKioskScreenSaver, "%s", qPrintable(m_problem));
        Q_EMIT stateChanged();
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(QLatin1String(kService), QLatin1String(kPath),
                                                       QLatin1String(kInterface), QStringLiteral("Inhibit"));
    call << QStringLiteral("Hearth") << reason;
    // Each request has its number: a reply overtaken by uninhibit() or by a newer request (the kiosk
    // left and came back before the desktop answered) gives its cookie straight back, so no
    // inhibition outlives the kiosk.
    const quint64 request = ++m_requests;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, request](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<uint> reply = *w;
        const bool current = request == m_requests;
        if (reply.isError()) {
            if (!current)
                return; // a newer request speaks for the kiosk
            m_wanted = false;
            m_problem = tr("The desktop did not answer the request to keep the screen on (%1): it may blank after "
                           "the desktop's idle time.")
                            .arg(reply.error().name());
            qCWarning(lcKioskScreenSaver, "%s %s", qPrintable(m_problem), qPrintable(reply.error().message()));
        } else if (!current || !m_wanted || m_cookie != 0) {
            release(reply.value());
            return;
        } else {
            m_cookie = reply.value();
            qCInfo(lcKioskScreenSaver, "screen saver inhibited (cookie %u)", m_cookie);
        }
        Q_EMIT stateChanged();
    });
}

void KioskScreenSaver::uninhibit()
{
    m_wanted = false;
    if (m_cookie == 0)
        return;
    release(std::exchange(m_cookie, 0));
    Q_EMIT stateChanged();
}

void KioskScreenSaver::release(uint cookie)
{
    QDBusMessage call = QDBusMessage::createMethodCall(QLatin1String(kService), QLatin1String(kPath),
                                                       QLatin1String(kInterface), QStringLiteral("UnInhibit"));
    call << cookie;
    m_bus.send(call); // no answer to wait for: the app may be on its way out
    qCInfo(lcKioskScreenSaver, "screen saver allowed again (cookie %u)", cookie);
}

} // namespace hearth
