#include "PairingClient.h"

#include "HostCertificate.h"
#include "Protocol.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

namespace hearth {

namespace {
// How long a wss connection may take to start before the host is asked, in plain HTTP, whether it
// speaks plain ws instead (a TLS host on a home network answers within milliseconds; a plain one
// would only drop the connection after its own 10 s handshake timeout).
constexpr std::chrono::milliseconds kPlainProbeDelay{1200};

bool isThisComputer(const QString &host)
{
    return host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 || QHostAddress(host).isLoopback();
}
} // namespace

PairingClient::PairingClient(QObject *parent)
    : QObject(parent)
    , m_timeout(new QTimer(this))
    , m_probeDelay(new QTimer(this))
{
    m_probeDelay->setSingleShot(true);
    m_probeDelay->setInterval(kPlainProbeDelay);
    connect(m_probeDelay, &QTimer::timeout, this, [this] { probePlain(); });
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

QString PairingClient::differentCertificate() const
{
    if (m_pinnedJustNow)
        return tr("%1 now presents a different certificate than the one whose security code you just compared. "
                  "Nothing was sent; start joining again.")
            .arg(hostText());
    return tr("%1 presented a different certificate than when this device joined.").arg(hostText());
}

void PairingClient::start(const QUrl &hostUrl, const PairRequest &request, std::chrono::milliseconds timeout)
{
    m_request = request;
    m_request.expectedFingerprint = request.expectedFingerprint.trimmed().toLower();
    m_pairTimeout = timeout;
    look(hostUrl);
}

void PairingClient::look(const QUrl &hostUrl)
{
    exchange(hostUrl, QString(), QString(), {}, m_pairTimeout);
    m_looking = true;
    if (hostUrl.scheme() == QLatin1String("wss"))
        m_probeDelay->start();
}

void PairingClient::confirm()
{
    if (!std::exchange(m_awaitingConfirmation, false))
        return;
    // A new connection, pinned to the certificate the person just compared.
    m_pinnedJustNow = true;
    exchange(m_hostUrl, m_seen, QStringLiteral("pair"), {}, m_pairTimeout);
}

void PairingClient::sendPairRequest()
{
    // The code travels only inside the frame; it is never logged.
    m_socket->sendTextMessage(protocol::encode(QStringLiteral("pair"),
                                               {{QStringLiteral("invite_code"), m_request.inviteCode},
                                                {QStringLiteral("name"), m_request.name},
                                                {QStringLiteral("device_name"), m_request.deviceName}}));
}

void PairingClient::probePlain(const QString &otherwise)
{
    if (!m_socket || m_connected || !m_looking || m_probe)
        return;
    auto *probe = new QTcpSocket(this);
    m_probe = probe;
    // A WebSocket upgrade request like any client's (no invite code in it): every plain ws host
    // answers it in HTTP, where a TLS host only sees bytes that are not a TLS hello.
    QByteArray key(16, Qt::Uninitialized);
    for (char &byte : key)
        byte = char(QRandomGenerator::global()->bounded(256));
    const QByteArray head = "GET /api/pair HTTP/1.1\r\nHost: " + m_hostUrl.authority().toUtf8()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key.toBase64()
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    connect(probe, &QTcpSocket::connected, probe, [probe, head] { probe->write(head); });
    connect(probe, &QTcpSocket::readyRead, this, [this, probe, otherwise] {
        if (probe->bytesAvailable() < 5)
            return;
        const bool plain = probe->peek(5) == "HTTP/";
        m_probe = nullptr;
        probe->disconnect(this);
        probe->deleteLater();
        if (!plain) {
            if (!otherwise.isEmpty())
                finish(std::nullopt, otherwise);
            return;
        }
        if (isThisComputer(m_hostUrl.host())) {
            // The same computer: nothing crosses a network, so plain ws is what was meant.
            QUrl plainUrl = m_hostUrl;
            plainUrl.setScheme(QStringLiteral("ws"));
            return look(plainUrl);
        }
        // Never silently unencrypted on a network: the person decides, by typing ws://.
        finish(std::nullopt, tr("%1 answers only without encryption (plain ws, like hearthd without a certificate). "
                                "If you trust this network, type ws://%1 to join it unencrypted.")
                                 .arg(hostText()));
    });
    if (!otherwise.isEmpty()) {
        // The TLS attempt already failed: when the probe cannot tell either, that failure is the answer.
        connect(probe, &QTcpSocket::disconnected, this, [this, otherwise] { finish(std::nullopt, otherwise); });
        connect(probe, &QTcpSocket::errorOccurred, this, [this, otherwise] { finish(std::nullopt, otherwise); });
        m_timeout->start(std::chrono::seconds(5));
    }
    probe->connectToHost(m_hostUrl.host(), quint16(m_hostUrl.port(kDefaultPort)));
}

void PairingClient::refresh(const QUrl &hostUrl, const QString &refreshToken, const QString &fingerprint,
                            std::chrono::milliseconds timeout)
{
    m_pinnedJustNow = false;
    exchange(hostUrl, fingerprint, QStringLiteral("refresh"), {{QStringLiteral("refresh_token"), refreshToken}}, timeout);
}

void PairingClient::unpair(const QUrl &hostUrl, const QString &refreshToken, const QString &fingerprint)
{
    m_pinnedJustNow = false;
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
    m_looking = false;
    m_awaitingConfirmation = false;
    m_socket = std::make_unique<QWebSocket>();
    // Pairing trusts the certificate on first sight (the person compares its short code on both
    // screens); a refresh only talks to the certificate pinned then.
    HostCertificate::pin(m_socket.get(), m_pinned);
    m_connected = false;
    connect(m_socket.get(), &QWebSocket::connected, this, [this, event, data] {
        m_connected = true;
        if (m_hostUrl.scheme() == QLatin1String("wss"))
            m_seen = HostCertificate::presented(m_socket.get());
        m_probeDelay->stop();
        if (!m_pinned.isEmpty() && m_seen != m_pinned)
            return finish(std::nullopt, differentCertificate());
        if (std::exchange(m_looking, false)) {
            if (m_request.expectedFingerprint.isEmpty()) {
                // Nothing is sent until the person has compared the security code.
                m_awaitingConfirmation = true;
                const QUrl seenAt = m_hostUrl;
                const QString seen = m_seen;
                m_timeout->stop();
                m_socket->disconnect(this);
                m_socket->close();
                m_socket.release()->deleteLater();
                Q_EMIT hostSeen(seenAt, seen);
                return;
            }
            // The link's fingerprint is the comparison: the code goes only to that certificate. All
            // 256 bits, as a certificate whose first 48 match could be made offline in advance.
            if (m_seen.isEmpty() || m_seen != m_request.expectedFingerprint)
                return finish(std::nullopt, tr("%1 is not the device that showed this QR code: its security code is "
                                               "different. Nothing was sent.")
                                                .arg(hostText()));
        }
        if (event == QLatin1String("pair") || event.isEmpty())
            return sendPairRequest();
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
            result.memberName = message->data.value(QLatin1String("member_name")).toString();
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
            return finish(std::nullopt, reason.isEmpty() ? tr("The host refused to pair this device.") : reason, true,
                          message->data.value(QLatin1String("field")).toString());
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
    const QAbstractSocket::SocketError error = m_socket->error();
    const bool unreachable = error == QAbstractSocket::ConnectionRefusedError || error == QAbstractSocket::HostNotFoundError;
    if (m_looking && !m_connected && !unreachable && m_hostUrl.scheme() == QLatin1String("wss") && !m_probe) {
        // A TLS hello that a plain host refused or dropped: ask it in plain HTTP before saying why.
        m_timeout->stop();
        m_socket->disconnect(this);
        const QString reason = socketFailure(error);
        return probePlain(reason);
    }
    finish(std::nullopt, socketFailure(error));
}

QString PairingClient::socketFailure(QAbstractSocket::SocketError error) const
{
    switch (error) {
    case QAbstractSocket::UnknownSocketError:
    case QAbstractSocket::RemoteHostClosedError:
        if (!m_connected) // over TLS a refused connection can look like this
            return (tr("Nothing answered at %1. Check the address, and that Hearth is hosting there.")
                                            .arg(hostText()));
        return (tr("%1 closed the connection without an answer. Is Hearth hosting there?").arg(hostText()));
    case QAbstractSocket::ConnectionRefusedError:
        return (tr("Nothing answered at %1. Check the address, and that Hearth is hosting there.")
                                        .arg(hostText()));
    case QAbstractSocket::HostNotFoundError:
        return (tr("No device called \"%1\" was found on this network.").arg(m_hostUrl.host()));
    case QAbstractSocket::SslHandshakeFailedError:
        if (!m_pinned.isEmpty())
            return differentCertificate();
        return (tr("%1 does not speak a secure connection. If it is an older Hearth, type ws:// before "
                                       "the address.")
                                        .arg(hostText()));
    case QAbstractSocket::SocketTimeoutError:
    case QAbstractSocket::NetworkError:
        return (tr("%1 cannot be reached. Are both devices on the same network?").arg(hostText()));
    default:
        return (tr("Could not talk to %1: %2").arg(hostText(), m_socket ? m_socket->errorString() : QString()));
    }
}

void PairingClient::cancel()
{
    m_timeout->stop();
    m_probeDelay->stop();
    m_awaitingConfirmation = false;
    if (m_probe) {
        m_probe->disconnect(this);
        std::exchange(m_probe, nullptr)->deleteLater();
    }
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket.release()->deleteLater();
}

void PairingClient::finish(const std::optional<Result> &result, const QString &reason, bool refused, const QString &field)
{
    if (std::exchange(m_answered, true))
        return;
    cancel();
    if (result && m_refreshing)
        Q_EMIT refreshed(*result);
    else if (result)
        Q_EMIT paired(*result);
    else
        Q_EMIT failed(reason, refused, field);
}

} // namespace hearth
