#include "PairingClient.h"

#include "HostCertificate.h"
#include "Protocol.h"

#include <QJsonObject>
#include <QSysInfo>
#include <QTimer>
#include <QWebSocket>

namespace hearth {

PairingClient::PairingClient(QObject *parent)
    : QObject(parent)
    , m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        finish(std::nullopt, tr("%1 did not answer. Check the address, and that both devices are on the same network.")
                                 .arg(hostText()));
    });
}

PairingClient::~PairingClient()
{
    cancel();
}

std::optional<QUrl> PairingClient::hostUrlFromAddress(const QString &address, QString *error)
{
    const QString trimmed = address.trimmed();
    if (trimmed.isEmpty()) {
        *error = tr("Type the address shown on the hosting device, for example 192.168.1.20:8765.");
        return std::nullopt;
    }
    // TLS unless plain ws:// is asked for by name: a household's traffic stays private on shared Wi-Fi.
    QUrl url(trimmed.contains(QLatin1String("://")) ? trimmed : QStringLiteral("wss://") + trimmed, QUrl::StrictMode);
    if (url.scheme() == QLatin1String("http"))
        url.setScheme(QStringLiteral("ws"));
    else if (url.scheme() == QLatin1String("https"))
        url.setScheme(QStringLiteral("wss"));
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))
        || !url.userInfo().isEmpty() || url.port() == 0) {
        *error = tr("\"%1\" is not an address. It looks like 192.168.1.20:8765.").arg(trimmed);
        return std::nullopt;
    }
    QUrl base;
    base.setScheme(url.scheme());
    base.setHost(url.host());
    base.setPort(url.port(kDefaultPort));
    return base;
}

QString PairingClient::hostText() const
{
    return m_hostUrl.authority();
}

void PairingClient::start(const QUrl &hostUrl, const QString &inviteCode, const QString &name,
                          std::chrono::milliseconds timeout)
{
    // The code travels only inside the frame; it is never logged.
    exchange(hostUrl, QString(), QStringLiteral("pair"),
             {{QStringLiteral("invite_code"), inviteCode},
              {QStringLiteral("name"), name},
              {QStringLiteral("device_name"), QSysInfo::machineHostName()}},
             timeout);
}

void PairingClient::refresh(const QUrl &hostUrl, const QString &refreshToken, const QString &fingerprint,
                            std::chrono::milliseconds timeout)
{
    exchange(hostUrl, fingerprint, QStringLiteral("refresh"), {{QStringLiteral("refresh_token"), refreshToken}}, timeout);
}

void PairingClient::unpair(const QUrl &hostUrl, const QString &refreshToken, const QString &fingerprint)
{
    exchange(hostUrl, fingerprint, QStringLiteral("unpair"), {{QStringLiteral("refresh_token"), refreshToken}},
             std::chrono::seconds(10));
}

void PairingClient::exchange(const QUrl &hostUrl, const QString &fingerprint, const QString &event, const QJsonObject &data,
                             std::chrono::milliseconds timeout)
{
    cancel();
    m_hostUrl = hostUrl;
    m_pinned = fingerprint;
    m_seen.clear();
    m_refreshing = event == QLatin1String("refresh");
    m_answered = false;
    m_socket = std::make_unique<QWebSocket>();
    // Pairing trusts the certificate on first sight (the person compares its short code on both
    // screens); a refresh only talks to the certificate pinned then.
    HostCertificate::pin(m_socket.get(), m_pinned);
    m_connected = false;
    connect(m_socket.get(), &QWebSocket::connected, this, [this, event, data] {
        m_connected = true;
        if (m_hostUrl.scheme() == QLatin1String("wss"))
            m_seen = HostCertificate::presented(m_socket.get());
        if (!m_pinned.isEmpty() && m_seen != m_pinned)
            return finish(std::nullopt, tr("%1 presented a different certificate than when this device joined.").arg(hostText()));
        m_socket->sendTextMessage(protocol::encode(event, data));
    });
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, [this](const QString &frame) {
        QString error;
        const auto message = protocol::decode(frame, &error);
        if (!message)
            return finish(std::nullopt, tr("%1 answered in a way this Hearth does not understand.").arg(hostText()));
        if (message->event == QLatin1String("unpaired")) {
            m_answered = true;
            cancel();
            Q_EMIT unpaired();
            return;
        }
        if (message->event == QLatin1String("paired") || message->event == QLatin1String("token")) {
            Result result;
            result.hostUrl = m_hostUrl;
            result.householdId = message->data.value(QLatin1String("household_id")).toString();
            result.memberId = message->data.value(QLatin1String("member_id")).toString();
            result.token = message->data.value(QLatin1String("token")).toString();
            result.householdName = message->data.value(QLatin1String("household_name")).toString();
            result.role = message->data.value(QLatin1String("role")).toString();
            result.deviceId = message->data.value(QLatin1String("device_id")).toString();
            result.refreshToken = message->data.value(QLatin1String("refresh_token")).toString();
            result.expiresIn = message->data.value(QLatin1String("expires_in")).toInteger();
            result.fingerprint = m_seen;
            if (result.householdId.isEmpty() || result.memberId.isEmpty() || result.token.isEmpty())
                return finish(std::nullopt, tr("%1 sent an incomplete answer; try again.").arg(hostText()));
            return finish(result, {});
        }
        if (message->event == QLatin1String("error")) {
            const QString reason = message->data.value(QLatin1String("reason")).toString();
            return finish(std::nullopt, reason.isEmpty() ? tr("The host refused to pair this device.") : reason, true);
        }
        // Anything else (an ack, a ping) is not the answer yet.
    });
    // QWebSocket::error is Qt 6.4's name (errorOccurred from 6.5). A refused connection may report
    // disconnected() first, so both look at the socket's error.
    connect(m_socket.get(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this] { failFromSocket(); });
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] { failFromSocket(); });
    QUrl pairUrl = hostUrl;
    pairUrl.setPath(QStringLiteral("/api/pair"));
    m_timeout->start(timeout);
    m_socket->open(pairUrl);
}

void PairingClient::failFromSocket()
{
    if (!m_socket)
        return;
    switch (m_socket->error()) {
    case QAbstractSocket::UnknownSocketError:
    case QAbstractSocket::RemoteHostClosedError:
        if (!m_connected) // over TLS a refused connection can look like this
            return finish(std::nullopt, tr("Nothing answered at %1. Check the address, and that Hearth is hosting there.")
                                            .arg(hostText()));
        return finish(std::nullopt, tr("%1 closed the connection without an answer. Is Hearth hosting there?").arg(hostText()));
    case QAbstractSocket::ConnectionRefusedError:
        return finish(std::nullopt, tr("Nothing answered at %1. Check the address, and that Hearth is hosting there.")
                                        .arg(hostText()));
    case QAbstractSocket::HostNotFoundError:
        return finish(std::nullopt, tr("No device called \"%1\" was found on this network.").arg(m_hostUrl.host()));
    case QAbstractSocket::SslHandshakeFailedError:
        if (!m_pinned.isEmpty())
            return finish(std::nullopt, tr("%1 presented a different certificate than when this device joined.").arg(hostText()));
        return finish(std::nullopt, tr("%1 does not speak a secure connection. If it is an older Hearth, type ws:// before "
                                       "the address.")
                                        .arg(hostText()));
    case QAbstractSocket::SocketTimeoutError:
    case QAbstractSocket::NetworkError:
        return finish(std::nullopt, tr("%1 cannot be reached. Are both devices on the same network?").arg(hostText()));
    default:
        return finish(std::nullopt, tr("Could not talk to %1: %2").arg(hostText(), m_socket->errorString()));
    }
}

void PairingClient::cancel()
{
    m_timeout->stop();
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket.release()->deleteLater();
}

void PairingClient::finish(const std::optional<Result> &result, const QString &reason, bool refused)
{
    if (std::exchange(m_answered, true))
        return;
    cancel();
    if (result && m_refreshing)
        Q_EMIT refreshed(*result);
    else if (result)
        Q_EMIT paired(*result);
    else
        Q_EMIT failed(reason, refused);
}

} // namespace hearth
