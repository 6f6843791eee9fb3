#include "SyncService.h"

#include "HostCertificate.h"
#include "Jwt.h"
#include "PairingClient.h"
#include "ReplicaEngine.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcSync, "hearth.sync", QtWarningMsg)

namespace hearth {

SyncService::SyncService(ReplicaEngine &replica, ConnectionStatus &status, QUrl hostUrl, SyncCredentials credentials,
                         SyncOptions options, QObject *parent)
    : QObject(parent)
    , m_replica(replica)
    , m_status(status)
    , m_hostUrl(std::move(hostUrl))
    , m_credentials(std::move(credentials))
    , m_options(std::move(options))
    , m_reconnectTimer(new QTimer(this))
    , m_fallbackTimer(new QTimer(this))
    , m_pollTimer(new QTimer(this))
    , m_watchdog(new QTimer(this))
    , m_sleepCheck(new QTimer(this))
    , m_pingInterval(m_options.pingInterval)
    , m_network(new QNetworkAccessManager(this))
    , m_sendTimer(new QTimer(this))
    , m_storageRetry(new QTimer(this))
{
    if (!m_options.random)
        m_options.random = [] { return 1.0 - QRandomGenerator::global()->generateDouble(); };
    if (!m_options.wallClock)
        m_options.wallClock = [] { return QDateTime::currentMSecsSinceEpoch(); };
    m_watchdog->setSingleShot(true);
    connect(m_watchdog, &QTimer::timeout, this, &SyncService::onWatchdog);
    m_sleepCheck->setInterval(m_options.sleepCheckInterval);
    connect(m_sleepCheck, &QTimer::timeout, this, &SyncService::onSleepCheck);
    m_reconnectTimer->setSingleShot(true);
    connect(m_reconnectTimer, &QTimer::timeout, this, &SyncService::connectSocket);
    m_fallbackTimer->setSingleShot(true);
    m_fallbackTimer->setInterval(m_options.fallbackAfter);
    connect(m_fallbackTimer, &QTimer::timeout, this, [this] {
        m_polling = true;
        setState(ConnectionStatus::State::Reconnecting, tr("checking for changes every %1 s").arg(m_options.pollInterval.count() / 1000));
        m_pollTimer->start();
    });
    m_pollTimer->setInterval(m_options.pollInterval);
    connect(m_pollTimer, &QTimer::timeout, this, &SyncService::poll);
    m_sendTimer->setSingleShot(true);
    m_sendTimer->setInterval(0);
    connect(m_sendTimer, &QTimer::timeout, this, &SyncService::sendOutbox);
    m_storageRetry->setSingleShot(true);
    m_storageRetry->setInterval(m_options.storageRetry);
    connect(m_storageRetry, &QTimer::timeout, this, &SyncService::scheduleSend);
    connect(&m_replica, &ReplicaEngine::outboxChanged, this, &SyncService::scheduleSend);
    // The count the window shows ("3 changes waiting to send") until the host acknowledges them.
    connect(&m_replica, &ReplicaEngine::outboxChanged, this, [this] { m_status.setPendingChanges(m_replica.outboxSize()); });
    m_status.setPendingChanges(m_replica.outboxSize());
}

SyncService::~SyncService()
{
    stop();
    m_status.setPendingChanges(0); // the status outlives this household's outbox
}

ConnectionStatus::State SyncService::state() const
{
    return m_status.state();
}

void SyncService::setState(ConnectionStatus::State state, const QString &detail)
{
    const bool differs = state != m_status.state();
    if (state != ConnectionStatus::State::Connected) {
        // Out of the room, who is in it is not known: no stale "online" dots.
        m_status.setOnlineMembers({});
        m_status.setMembersOnline(0);
    }
    m_status.setState(state, detail);
    if (differs)
        Q_EMIT stateChanged(state);
}

QUrl SyncService::roomUrl() const
{
    QUrl url = m_hostUrl;
    url.setPath(QStringLiteral("/api/ws/") + m_replica.householdId());
    // No token in the URL (URLs end up in proxies' logs): it goes in the first message.
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("since"), QString::number(m_replica.lastSeq()));
    url.setQuery(query);
    return url;
}

void SyncService::start()
{
    if (m_running)
        return;
    m_running = true;
    m_attempt = 0;
    m_sleepCheckWall = m_options.wallClock();
    m_sleepCheckMonotonic.start();
    m_sleepCheck->start();
    setState(ConnectionStatus::State::Connecting);
    connectSocket();
}

void SyncService::stop()
{
    m_running = false;
    m_reconnectTimer->stop();
    m_watchdog->stop();
    m_sleepCheck->stop();
    m_probeId.clear();
    m_fallbackTimer->stop();
    m_pollTimer->stop();
    m_polling = false;
    m_renewal.reset();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Bye"));
        m_socket.release()->deleteLater();
    }
    setState(ConnectionStatus::State::Disconnected);
}

void SyncService::reconnectNow()
{
    if (!m_running)
        return;
    // A socket that says it is connected may be one the host no longer hears (a sleep, a Wi-Fi
    // that dropped without a FIN): it is asked, not trusted.
    if (m_socket && m_welcomed)
        return checkAlive();
    m_reconnectTimer->stop();
    m_attempt = 0;
    connectSocket();
}

void SyncService::checkAlive()
{
    if (!m_running)
        return;
    if (!m_socket || !m_welcomed)
        return reconnectNow();
    if (m_probeId.isEmpty())
        sendProbe();
    armWatchdog();
}

void SyncService::connectSocket()
{
    if (!m_running)
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket.release()->deleteLater();
    }
    m_watchdog->stop();
    m_probeId.clear();
    m_welcomed = false;
    m_resuming = false;
    m_refetching = false;
    m_sent.clear();
    if (!m_fallbackTimer->isActive() && !m_polling)
        m_fallbackTimer->start();
    // An access token about to run out is renewed first rather than refused by the host.
    const qint64 expiresAt = jwt::unverifiedExpiry(m_credentials.accessToken);
    if (expiresAt - 60 <= QDateTime::currentSecsSinceEpoch() && renewAccessToken())
        return;
    openSocket();
}

void SyncService::openSocket()
{
    m_welcomed = false;
    m_socket = std::make_unique<QWebSocket>();
    connect(m_socket.get(), &QWebSocket::connected, this, &SyncService::onConnected);
    connect(m_socket.get(), &QWebSocket::disconnected, this, &SyncService::onDisconnected);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &SyncService::onText);
    connect(m_socket.get(), &QWebSocket::pong, this, &SyncService::heard);
    if (!m_credentials.fingerprint.isEmpty()) {
        connect(m_socket.get(), &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            if (HostCertificate::presented(m_socket.get(), errors) == m_credentials.fingerprint) {
                m_socket->ignoreSslErrors();
                return;
            }
            qCWarning(lcSync) << "the host at" << m_hostUrl.authority() << "presented a certificate that is not the pinned one";
            stopTrying(ConnectionStatus::State::Error, tr("host certificate changed"));
            Q_EMIT certificateChanged();
        });
    }
    qCDebug(lcSync) << "connecting to" << m_hostUrl.toDisplayString() << "household" << m_replica.householdId();
    m_socket->open(roomUrl());
    m_probeId.clear();
    m_sinceHeard.start();
    armWatchdog(); // the welcome must come within welcomeTimeout
}

bool SyncService::renewAccessToken()
{
    if (m_credentials.refreshToken.isEmpty())
        return false;
    m_renewal = std::make_unique<PairingClient>();
    connect(m_renewal.get(), &PairingClient::refreshed, this, [this](const PairingClient::Result &result) {
        m_renewal.release()->deleteLater();
        m_credentials.accessToken = result.token;
        Q_EMIT accessTokenRenewed(result.token);
        openSocket();
    });
    connect(m_renewal.get(), &PairingClient::failed, this, [this](const QString &reason, bool refused) {
        m_renewal.release()->deleteLater();
        qCInfo(lcSync) << "could not renew the access token:" << reason;
        if (refused)
            return refuse(protocol::kCloseUnauthorized); // signed out: only pairing again helps
        scheduleReconnect();
    });
    m_renewal->refresh(m_hostUrl, m_credentials.refreshToken, m_credentials.fingerprint);
    return true;
}

bool SyncService::fetchImage(const QString &receiptId, ReceiptImageSize size)
{
    if (!m_socket || !m_welcomed) {
        // Polling because sockets do not get through: the image comes over plain HTTP too.
        if (!m_polling)
            return false;
        fetchImageOverHttp(receiptId, size);
        return true;
    }
    const QString sizeName = receiptimages::sizeName(size);
    m_imagesAsked.insert(sizeName + QLatin1Char(':') + receiptId);
    m_socket->sendTextMessage(protocol::encode(QStringLiteral("fetch_image"),
                                               {{QStringLiteral("receipt_id"), receiptId}, {QStringLiteral("size"), sizeName}}, -1,
                                               QStringLiteral("image-%1-%2").arg(sizeName, receiptId)));
    return true;
}

void SyncService::fetchImageOverHttp(const QString &receiptId, ReceiptImageSize size)
{
    QUrl url = httpUrl(QStringLiteral("/api/receipts/%1/%2/image").arg(m_replica.householdId(), receiptId));
    url.setQuery(QStringLiteral("size=") + receiptimages::sizeName(size));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_credentials.accessToken.toLatin1());
    request.setTransferTimeout(30000);
    QNetworkReply *reply = m_network->get(request);
    HostCertificate::pin(reply, m_credentials.fingerprint);
    connect(reply, &QNetworkReply::finished, this, [this, reply, receiptId, size] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray jpeg = status == 200 && reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
        if (jpeg.isEmpty()) {
            Q_EMIT imageRefused(receiptId, size, status == 404 ? QStringLiteral("not_found") : QStringLiteral("offline"));
            return;
        }
        if (!receiptimages::cache(m_replica.store(), m_replica.householdId(), receiptId, size, QString::fromLatin1(jpeg.toBase64())))
            qCWarning(lcSync) << "could not keep the image of receipt" << receiptId;
        Q_EMIT imageFetched(receiptId, size, jpeg);
    });
}

QUrl SyncService::httpUrl(const QString &path) const
{
    QUrl url = m_hostUrl;
    url.setScheme(m_hostUrl.scheme() == QLatin1String("wss") ? QStringLiteral("https") : QStringLiteral("http"));
    url.setPath(path);
    url.setQuery(QString());
    return url;
}

void SyncService::onImage(const protocol::Message &message)
{
    const QString receiptId = message.data.value(QLatin1String("receipt_id")).toString();
    const auto size = receiptimages::sizeFromName(message.data.value(QLatin1String("size")).toString());
    if (!size || !m_imagesAsked.remove(receiptimages::sizeName(*size) + QLatin1Char(':') + receiptId))
        return; // not asked for (or asked before a reconnect and answered as offline already)
    if (message.event == QLatin1String("image_error")) {
        Q_EMIT imageRefused(receiptId, *size, message.data.value(QLatin1String("code")).toString());
        return;
    }
    const QString base64 = message.data.value(QLatin1String("image")).toString();
    const QByteArray jpeg = QByteArray::fromBase64(base64.toLatin1());
    if (jpeg.isEmpty()) {
        Q_EMIT imageRefused(receiptId, *size, QStringLiteral("not_found"));
        return;
    }
    // Kept so the receipt opens offline from now on.
    if (!receiptimages::cache(m_replica.store(), m_replica.householdId(), receiptId, *size, base64))
        qCWarning(lcSync) << "could not keep the image of receipt" << receiptId;
    Q_EMIT imageFetched(receiptId, *size, jpeg);
}

void SyncService::dropImageRequests()
{
    for (const QString &key : std::exchange(m_imagesAsked, {})) {
        const qsizetype colon = key.indexOf(QLatin1Char(':'));
        if (const auto size = receiptimages::sizeFromName(key.left(colon)))
            Q_EMIT imageRefused(key.mid(colon + 1), *size, QStringLiteral("offline"));
    }
}

bool SyncService::leave()
{
    if (!m_socket || !m_welcomed)
        return false;
    m_leaving = true;
    m_socket->sendTextMessage(protocol::encode(QStringLiteral("leave"), {}, -1, QStringLiteral("leave")));
    return true;
}

void SyncService::stopTrying(ConnectionStatus::State state, const QString &detail)
{
    m_running = false;
    m_reconnectTimer->stop();
    m_watchdog->stop();
    m_sleepCheck->stop();
    m_fallbackTimer->stop();
    m_pollTimer->stop();
    setState(state, detail);
}

void SyncService::refuse(int closeCode)
{
    // Retrying will not help: the member must pair again.
    stopTrying(ConnectionStatus::State::Error,
               closeCode == protocol::kCloseUnauthorized ? tr("this device was signed out") : tr("no longer a member"));
    Q_EMIT credentialsRefused(closeCode);
}

void SyncService::scheduleReconnect(std::optional<std::chrono::milliseconds> hostHint)
{
    if (!m_running)
        return;
    std::chrono::milliseconds delay;
    if (hostHint) {
        // The host is busy, not gone: it said when to come back. A hostile or broken one can neither
        // park us for long nor have us hammer it with no pause.
        const auto hint = std::clamp(*hostHint, std::chrono::milliseconds(protocol::kShortestRetryWaitMs),
                                     std::chrono::milliseconds(protocol::kLongestRetryHintMs));
        delay = hint + std::chrono::milliseconds(qint64(double(hint.count()) * 0.1 * m_options.random()));
    } else {
        const auto step = m_options.backoff.at(std::min<qsizetype>(m_attempt, m_options.backoff.size() - 1));
        delay = std::chrono::milliseconds(qint64(double(step.count()) * m_options.random()));
        ++m_attempt;
    }
    setState(ConnectionStatus::State::Reconnecting,
             m_polling ? m_status.detail() : hostHint ? tr("the host is busy, trying again shortly") : QString());
    m_reconnectTimer->start(delay);
}

void SyncService::onConnected()
{
    // Belt and braces: whatever the TLS library accepted, only the pinned certificate gets the token.
    if (!m_credentials.fingerprint.isEmpty() && HostCertificate::presented(m_socket.get()) != m_credentials.fingerprint) {
        m_socket->abort();
        return;
    }
    QJsonObject auth{{QStringLiteral("token"), m_credentials.accessToken}, {QStringLiteral("since"), m_replica.lastSeq()}};
    m_socket->sendTextMessage(protocol::encode(QStringLiteral("auth"), auth));
    qCDebug(lcSync) << "socket open, signed in, waiting for the welcome";
}

void SyncService::onDisconnected()
{
    const int code = m_socket ? int(m_socket->closeCode()) : 0;
    const QString reason = m_socket ? m_socket->closeReason() : QString();
    qCDebug(lcSync) << "disconnected" << code << reason;
    dropImageRequests();
    if (!m_running)
        return;
    if (m_leaving && code == protocol::kCloseForbidden) {
        stopTrying(ConnectionStatus::State::Disconnected, tr("left the household"));
        Q_EMIT left();
        return;
    }
    // This socket is over, whatever comes next: its watchdog must not fire into a renewal, and a
    // new socket is not welcomed until it says so.
    m_watchdog->stop();
    if (std::exchange(m_welcomed, false))
        m_fallbackTimer->start();
    if (code == protocol::kCloseUnauthorized && !std::exchange(m_renewedForThisAttempt, true) && renewAccessToken())
        return; // the access token may just have run out: renew it once, then try again
    if (code == protocol::kCloseUnauthorized || code == protocol::kCloseForbidden)
        return refuse(code);
    if (code == protocol::kCloseTooBig && m_hostMessageLimit == 0)
        refuseLargestPending(); // a host that did not say its limit: the change it could not read
    if (code == protocol::kCloseTryAgainLater)
        if (const auto hint = protocol::retryHintOf(reason))
            return scheduleReconnect(std::chrono::milliseconds(*hint));
    scheduleReconnect();
}

void SyncService::onText(const QString &frame)
{
    heard();
    QString error;
    const auto message = protocol::decode(frame, &error);
    if (!message) {
        qCWarning(lcSync) << "ignored a malformed message from the host:" << error;
        return;
    }
    handleEvent(*message);
}

void SyncService::handleEvent(const protocol::Message &message)
{
    const QString &event = message.event;
    if (event == QLatin1String("connected")) {
        m_welcomed = true;
        m_renewedForThisAttempt = false;
        m_attempt = 0;
        m_fallbackTimer->stop();
        m_pollTimer->stop();
        m_polling = false;
        // How often the host pings (an extension: hosts that do not say get the default).
        const qint64 interval = message.data.value(QLatin1String("ping_interval_ms")).toInteger(0);
        m_pingInterval = interval > 0 ? std::chrono::milliseconds(std::clamp<qint64>(interval, 50, 24 * 3600 * 1000))
                                      : m_options.pingInterval;
        m_hostMessageLimit = message.data.value(QLatin1String("message_limit")).toInteger(0);
        // A host from before batches says nothing and gets every change as a mutate of its own.
        m_hostBatchLimit = int(std::clamp<qint64>(message.data.value(QLatin1String("batch_limit")).toInteger(0), 0, protocol::kBatchLimit));
        armWatchdog();
        setState(ConnectionStatus::State::Connected);
        m_status.markSynced(QDateTime::currentDateTime());
        // A host whose log is behind this copy is not the history we followed: start over from it.
        if (message.data.value(QLatin1String("seq")).toInteger() < m_replica.lastSeq()) {
            beginRefetch();
            return;
        }
        sendOutbox();
        return;
    }
    if (event == QLatin1String("ping")) {
        m_socket->sendTextMessage(protocol::encode(QStringLiteral("pong"), {}));
        return;
    }
    if (event == QLatin1String("presence")) {
        // Others online: everyone in the room but this member (the host's own user included).
        int others = 0;
        QSet<QString> online;
        for (const QJsonValue &member : message.data.value(QLatin1String("members")).toArray()) {
            online.insert(member.toString());
            if (member.toString() != m_replica.actingMemberId())
                ++others;
        }
        m_status.setOnlineMembers(online);
        m_status.setMembersOnline(others);
        return;
    }
    if (event == QLatin1String("ack")) {
        const QString received = message.data.value(QLatin1String("received")).toString();
        if (received == QLatin1String("ping") && !m_probeId.isEmpty()
            && message.data.value(QLatin1String("id")).toString() == m_probeId) {
            m_probeId.clear(); // the host answered: it is there
            armWatchdog();
            return;
        }
        if (received == QLatin1String("leave") && message.data.contains(QLatin1String("ok"))
            && !message.data.value(QLatin1String("ok")).toBool()) {
            m_leaving = false;
            Q_EMIT leaveRefused(message.data.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString());
            return;
        }
        if (received == QLatin1String("mutate")) {
            settleAck(message.data);
        } else if (received == QLatin1String("batch")) {
            for (const QJsonValue &result : message.data.value(QLatin1String("results")).toArray())
                settleAck(result.toObject());
        }
        return;
    }
    if (event == QLatin1String("synced")) {
        m_resuming = false;
        m_status.markSynced(QDateTime::currentDateTime());
        Q_EMIT synced(message.data.value(QLatin1String("seq")).toInteger());
        return;
    }
    if (event == QLatin1String("resync_required")) {
        beginRefetch();
        return;
    }
    if (event == QLatin1String("snapshot")) {
        onSnapshot(message);
        return;
    }
    if (event == QLatin1String("image") || event == QLatin1String("image_error")) {
        onImage(message);
        return;
    }
    if (event == QLatin1String("error")) {
        qCWarning(lcSync) << "the host reported:" << message.data.value(QLatin1String("reason")).toString();
        return;
    }
    // seq_advance: an event of the household this member may not see. The seq moves with nothing
    // to apply; only a seq skipped with no frame at all is a gap.
    const bool advance = event == QLatin1String("seq_advance") && message.seq >= 1;
    const auto change = advance ? std::nullopt : protocol::changeFromMessage(message);
    if ((!change && !advance) || m_refetching)
        return;
    const qint64 seq = advance ? message.seq : change->seq;
    if (seq <= m_replica.lastSeq())
        return; // already applied (a replay overlapping a broadcast)
    if (seq != m_replica.lastSeq() + 1) {
        // A gap: ask for what was missed; the replay brings this event again, in order.
        if (!m_resuming) {
            m_resuming = true;
            m_socket->sendTextMessage(protocol::encode(QStringLiteral("resume"), {{QStringLiteral("since"), m_replica.lastSeq()}}));
        }
        return;
    }
    if (advance)
        m_replica.advance(seq);
    else
        m_replica.applyRemote(*change);
    m_status.markSynced(QDateTime::currentDateTime());
}

void SyncService::settleAck(const QJsonObject &answer)
{
    const QString id = answer.value(QLatin1String("id")).toVariant().toString();
    if (answer.value(QLatin1String("ok")).toBool()) {
        m_replica.confirm(id, answer.value(QLatin1String("seq")).toInteger(), answer.value(QLatin1String("merged")).toArray());
    } else {
        const QJsonObject e = answer.value(QLatin1String("error")).toObject();
        const QString code = e.value(QLatin1String("code")).toString();
        if (code == QLatin1String("storage_full") || code == QLatin1String("storage")) {
            // The host kept nothing and says so: the change is not wrong, only not saved yet. It
            // stays here, shown as made, and goes again after a pause (or with the next change).
            qCInfo(lcSync) << "the host could not save a change, sending it again later:" << e.value(QLatin1String("message")).toString();
            m_sent.remove(id);
            if (!m_storageRetry->isActive())
                m_storageRetry->start();
            return;
        }
        m_replica.reject(id, MutationError{code, e.value(QLatin1String("message")).toString(), e.value(QLatin1String("field")).toString()});
    }
    m_sent.remove(id);
}

void SyncService::scheduleSend()
{
    if (!m_sendTimer->isActive())
        m_sendTimer->start();
}

void SyncService::sendOutbox()
{
    m_sendTimer->stop();
    if (!m_socket || !m_welcomed || m_refetching)
        return;
    const QList<OutboxEntry> entries = m_replica.outbox();
    QStringList tooLarge;
    QList<OutboxEntry> group;
    qint64 groupBytes = 0;
    // A batch stays within the host's message limit as a single change does.
    const qint64 limit = m_hostMessageLimit > 0 ? m_hostMessageLimit : protocol::kDefaultMessageLimit;
    for (const OutboxEntry &entry : entries) {
        if (m_sent.contains(entry.mutationId))
            continue;
        const qint64 bytes = entry.frame.toUtf8().size();
        // The host would close the socket (1009) and the entry would be sent again after every
        // reconnect, holding up every later edit: refused here, as the host would.
        if (m_hostMessageLimit > 0 && bytes > m_hostMessageLimit) {
            tooLarge.append(entry.mutationId);
            continue;
        }
        if (!group.isEmpty() && (group.size() >= std::max(m_hostBatchLimit, 1) || groupBytes + bytes > limit - 256)) {
            sendBatch(group);
            group.clear();
            groupBytes = 0;
        }
        group.append(entry);
        groupBytes += bytes;
    }
    if (!group.isEmpty())
        sendBatch(group);
    for (const QString &id : tooLarge)
        refuseTooLarge(id);
}

void SyncService::sendBatch(const QList<OutboxEntry> &entries)
{
    QList<protocol::Message> mutates;
    for (const OutboxEntry &entry : entries) {
        QString error;
        if (const auto message = protocol::decode(entry.frame, &error); message && entries.size() > 1)
            mutates.append(*message);
        m_sent.insert(entry.mutationId);
    }
    // One change alone goes as the mutate it was queued as (so does a group the codec could not read).
    if (mutates.size() != entries.size()) {
        for (const OutboxEntry &entry : entries)
            m_socket->sendTextMessage(entry.frame);
        return;
    }
    m_socket->sendTextMessage(protocol::encodeBatch(QStringLiteral("batch-%1").arg(++m_batches), mutates));
}

void SyncService::refuseLargestPending()
{
    // Only a change can be that large (every other message is a few hundred bytes).
    const QList<OutboxEntry> entries = m_replica.outbox();
    const auto largest = std::max_element(entries.cbegin(), entries.cend(), [](const OutboxEntry &a, const OutboxEntry &b) {
        return a.frame.size() < b.frame.size();
    });
    if (largest != entries.cend())
        refuseTooLarge(largest->mutationId);
}

void SyncService::refuseTooLarge(const QString &mutationId)
{
    const qint64 limit = m_hostMessageLimit > 0 ? m_hostMessageLimit : protocol::kDefaultMessageLimit;
    m_replica.reject(mutationId, MutationError{QStringLiteral("too_large"),
                                               tr("That change is too large for the household's host (at most %1 MB at once), "
                                                  "so it was not saved. Split it up and try again.")
                                                   .arg(QLocale().toString(double(limit) / (1024 * 1024), 'f', 1)),
                                               {}});
}

void SyncService::beginRefetch()
{
    m_refetching = true;
    m_snapshots.clear();
    m_snapshotSeq = 0;
    for (Collection c : allCollections())
        m_socket->sendTextMessage(protocol::encode(QStringLiteral("fetch"), {{QStringLiteral("collection"), collectionName(c)}}, -1,
                                                   QString(QStringLiteral("refetch-") + collectionName(c))));
}

void SyncService::onSnapshot(const protocol::Message &message)
{
    if (!m_refetching)
        return;
    Collection collection;
    if (!collectionFromName(message.data.value(QLatin1String("collection")).toString(), &collection))
        return;
    m_snapshots.insert(collection, message.data.value(QLatin1String("rows")).toArray());
    // Snapshots are answered in order, so the first one's seq is the oldest state they describe;
    // resuming from there replays whatever changed while they were being taken.
    const qint64 seq = message.data.value(QLatin1String("seq")).toInteger();
    m_snapshotSeq = m_snapshots.size() == 1 ? seq : std::min(m_snapshotSeq, seq);
    if (m_snapshots.size() < allCollections().size())
        return;
    m_replica.replaceAll(m_snapshots, m_snapshotSeq);
    m_snapshots.clear();
    m_refetching = false;
    m_resuming = true;
    m_socket->sendTextMessage(protocol::encode(QStringLiteral("resume"), {{QStringLiteral("since"), m_replica.lastSeq()}}));
    sendOutbox();
}

void SyncService::poll()
{
    // The socket has been down for a while: fetch the whole household over plain HTTP (it gets
    // through where a WebSocket upgrade may not), then try the socket again as well.
    QNetworkRequest request(httpUrl(QStringLiteral("/api/snapshot/") + m_replica.householdId()));
    request.setRawHeader("Authorization", "Bearer " + m_credentials.accessToken.toLatin1());
    request.setTransferTimeout(int(std::min<qint64>(m_options.pollInterval.count(), 30000)));
    QNetworkReply *reply = m_network->get(request);
    HostCertificate::pin(reply, m_credentials.fingerprint);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 403)
            return refuse(protocol::kCloseForbidden);
        if (status == 401) {
            if (!renewAccessToken())
                refuse(protocol::kCloseUnauthorized);
            return;
        }
        if (reply->error() != QNetworkReply::NoError || status != 200 || m_status.state() == ConnectionStatus::State::Connected)
            return;
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        const qint64 seq = body.value(QLatin1String("seq")).toInteger(-1);
        const QJsonObject collections = body.value(QLatin1String("collections")).toObject();
        if (seq < 0 || collections.isEmpty())
            return;
        if (seq != m_replica.lastSeq()) {
            QMap<Collection, QJsonArray> snapshots;
            for (auto it = collections.begin(); it != collections.end(); ++it) {
                Collection c;
                if (collectionFromName(it.key(), &c))
                    snapshots.insert(c, it.value().toArray());
            }
            m_replica.replaceAll(snapshots, seq);
        }
        m_status.markSynced(QDateTime::currentDateTime());
        Q_EMIT polled(seq);
    });
    reconnectNow();
}

} // namespace hearth

namespace hearth {

// ---- The watchdog ---------------------------------------------------------------------------
// One single-shot timer, woken at the next moment something is due (the welcome's deadline, the
// moment to ask a silent host, the moment to give up on it) rather than restarted on every frame.

void SyncService::heard()
{
    m_sinceHeard.restart();
}

void SyncService::armWatchdog()
{
    if (!m_socket) {
        m_watchdog->stop();
        return;
    }
    const qint64 silent = m_sinceHeard.elapsed();
    const qint64 interval = m_pingInterval.count();
    qint64 due = m_welcomed ? interval + interval / 2 - silent : m_options.welcomeTimeout.count() - silent;
    if (m_welcomed && m_probeId.isEmpty())
        due = std::min(due, interval + interval / 4 - silent); // ask before giving up
    if (!m_probeId.isEmpty())
        due = std::min(due, m_options.probeTimeout.count() - m_sinceProbe.elapsed());
    m_watchdog->start(std::chrono::milliseconds(std::max<qint64>(due, 0)));
}

void SyncService::onWatchdog()
{
    if (!m_socket)
        return;
    const qint64 silent = m_sinceHeard.elapsed();
    const qint64 interval = m_pingInterval.count();
    if (!m_welcomed) {
        if (silent >= m_options.welcomeTimeout.count())
            return dropSilentSocket("no welcome");
    } else if (!m_probeId.isEmpty() && m_sinceProbe.elapsed() >= m_options.probeTimeout.count()) {
        return dropSilentSocket("no answer to a ping");
    } else if (silent >= interval + interval / 2) {
        return dropSilentSocket("nothing for a ping interval and a half");
    } else if (silent >= interval + interval / 4 && m_probeId.isEmpty()) {
        // The host's ping is late: ask it ourselves (a host that pings less often than it said,
        // or not at all, still answers).
        sendProbe();
    }
    armWatchdog();
}

void SyncService::sendProbe()
{
    m_probeId = QStringLiteral("alive-%1").arg(++m_probes);
    m_sinceProbe.start();
    m_socket->sendTextMessage(protocol::encode(QStringLiteral("ping"), {}, -1, m_probeId));
}

void SyncService::dropSilentSocket(const char *why)
{
    qCInfo(lcSync) << "the host at" << m_hostUrl.authority() << "went quiet:" << why << "- replacing the socket";
    m_watchdog->stop();
    m_probeId.clear();
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket.release()->deleteLater();
    if (std::exchange(m_welcomed, false))
        m_fallbackTimer->start();
    scheduleReconnect();
}

void SyncService::onSleepCheck()
{
    // The monotonic clock stands still while the machine sleeps; the wall clock does not.
    const qint64 wall = m_options.wallClock();
    const qint64 monotonic = m_sleepCheckMonotonic.restart();
    const qint64 wallElapsed = wall - std::exchange(m_sleepCheckWall, wall);
    if (wallElapsed - monotonic > m_options.sleepGap.count()) {
        qCInfo(lcSync) << "woke up after" << (wallElapsed - monotonic) / 1000 << "s asleep: checking the connection";
        checkAlive();
    }
}

} // namespace hearth
