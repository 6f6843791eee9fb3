#include "RoomHost.h"

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "HouseholdDirectory.h"
#include "Jwt.h"
#include "LogSyncer.h"
#include "Store.h"
#include "Transport.h"
#include "HttpAdmission.h"
#include "Topics.h"
#include "Visibility.h"
#include "receipts/ReceiptImages.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcHost, "hearth.host", QtWarningMsg)

namespace hearth {

struct RoomHost::Client
{
    PeerConnection *peer = nullptr;
    QString householdId;
    QString memberId;
    QString deviceId; // empty for tokens made by `hearthd token`
    qint64 lastSeenMs = 0;
    double tokens = 0;
    qint64 lastRefillMs = 0;
    double mutationTokens = 0;
    qint64 lastMutationMs = -1;
    QHash<QString, topics::Topic> topics; // topic name -> topic, beside the household's v1 stream
};

namespace {
// Refills a token bucket for the time since it was last used and takes `cost` tokens; false when
// it holds fewer.
bool takeToken(double &tokens, qint64 &refilledMs, qint64 nowMs, double perSecond, double burst, double cost = 1.0)
{
    tokens = refilledMs < 0 ? burst : std::min(burst, tokens + double(nowMs - refilledMs) * perSecond / 1000.0);
    refilledMs = nowMs;
    if (tokens < cost)
        return false;
    tokens -= cost;
    return true;
}
} // namespace

RoomHost::RoomHost(HouseholdDirectory &directory, QByteArray secret, HostOptions options, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
    , m_secret(std::move(secret))
    , m_options(options)
    , m_flushTimer(new QTimer(this))
    , m_pingTimer(new QTimer(this))
    , m_trimTimer(new QTimer(this))
{
    m_clock.start();
    // Group commit: mutations that arrive in the same event-loop turn share one transaction.
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(0);
    connect(m_flushTimer, &QTimer::timeout, this, [this] { writeBatch(false); });
    m_pingTimer->setInterval(m_options.pingInterval);
    connect(m_pingTimer, &QTimer::timeout, this, &RoomHost::pingAll);
    m_pingTimer->start();
    m_trimTimer->setInterval(m_options.trimInterval);
    connect(m_trimTimer, &QTimer::timeout, this, &RoomHost::trimAll);
    m_trimTimer->start();
    for (AuthoritativeEngine *engine : m_directory.engines())
        watch(*engine);
    if (m_directory.store().durability() == Durability::Full)
        m_syncer = std::make_unique<LogSyncer>(m_directory.store(), this, [this](bool ok) { onSynced(ok); });
}

RoomHost::~RoomHost()
{
    flush();
    m_syncer.reset();
    for (const auto &client : std::as_const(m_clients)) {
        disconnect(client->peer, nullptr, this, nullptr);
        client->peer->deleteLater();
    }
}

void RoomHost::watch(AuthoritativeEngine &engine)
{
    if (m_watched.contains(&engine))
        return;
    m_watched.insert(&engine);
    // The engine is bound here rather than looked up with sender(): QObject::sender() walks every
    // connection that has this host as its receiver (three per socket), which made each change
    // cost O(sockets) — a third of hearthd's CPU with 5,000 sockets (docs/benchmarks.md).
    connect(&engine, &HouseholdEngine::changed, this, [this, raw = &engine](const Change &change) { onChange(*raw, change); });
    connect(&engine, &QObject::destroyed, this, [this, raw = &engine] { m_watched.remove(raw); });
}

RoomHost::Client *RoomHost::clientOf(PeerConnection *peer) const
{
    const auto it = m_clients.find(peer);
    return it == m_clients.end() ? nullptr : it->get();
}

void RoomHost::join(PeerConnection *peer, const QString &householdId, const QString &token, std::optional<qint64> since)
{
    if (!token.isEmpty())
        return admit(peer, householdId, token, since);
    // No token in the URL: the first message must carry it. Anything else, or silence, is 4001.
    auto *authTimer = new QTimer(peer);
    authTimer->setSingleShot(true);
    connect(authTimer, &QTimer::timeout, peer, [this, peer, householdId] { admit(peer, householdId, QString(), std::nullopt); });
    authTimer->start(m_options.authTimeout);
    connect(peer, &PeerConnection::disconnected, peer, &QObject::deleteLater);
    connect(peer, &PeerConnection::textReceived, peer, [this, peer, householdId, since, authTimer](const QString &frame) {
        disconnect(peer, nullptr, peer, nullptr); // one message decides
        delete authTimer;
        QString error;
        const auto message = frame.size() <= 8192 ? protocol::decode(frame, &error) : std::nullopt;
        const bool auth = message && message->event == QLatin1String("auth");
        std::optional<qint64> from = since;
        if (auth) {
            const QJsonValue value = message->data.value(QLatin1String("since"));
            if (value.isDouble() && value.toInteger(-1) >= 0)
                from = value.toInteger();
        }
        admit(peer, householdId, auth ? message->data.value(QLatin1String("token")).toString() : QString(), from);
    });
}

void RoomHost::admit(PeerConnection *peer, const QString &householdId, const QString &token, std::optional<qint64> since)
{
    disconnect(peer, nullptr, peer, nullptr);
    const auto refuse = [&](int code, const QString &reason, const QString &why) {
        // The token itself is never logged; the household id and the reason are enough.
        qCInfo(lcHost) << "refused a join to household" << householdId << "from" << peer->peerAddress() << ":" << why;
        peer->close(code, reason);
        peer->deleteLater();
    };

    const Admission admission = admissionOf(householdId, token);
    if (admission.refusal)
        return refuse(*admission.refusal,
                      *admission.refusal == protocol::kCloseUnauthorized ? QStringLiteral("Unauthorized") : QStringLiteral("Forbidden"),
                      admission.why);
    // Only a member's socket spends the joins budget (a stranger opening and dropping sockets must
    // not lock the families out), and only after the cheap check of its token: what the budget
    // spares is the resume below.
    const qint64 now = m_clock.elapsed();
    if (!takeToken(m_joins.tokens, m_joins.refilledMs, now, m_options.joinsPerSecond, std::max(1.0, m_options.joinBurst))) {
        // Each socket turned away gets the next free moment, one join's worth after the last one
        // given, so they come back spread at the rate the host takes them rather than all at once;
        // never further than the longest hint, so a long storm does not leave hints piled up.
        const qint64 spacing = qint64(std::clamp(std::ceil(1000.0 / std::max(m_options.joinsPerSecond, 0.001)), 1.0, 60000.0));
        m_nextJoinSlotMs = std::min(std::max(m_nextJoinSlotMs, now) + spacing, now + protocol::kLongestRetryHintMs);
        const qint64 retryAfter = m_nextJoinSlotMs - now;
        qCInfo(lcHost) << "shedding load: a join to household" << householdId << "told to come back in" << retryAfter << "ms";
        peer->close(protocol::kCloseTryAgainLater, protocol::retryHintReason(retryAfter));
        peer->deleteLater();
        return;
    }
    const jwt::Claims &claims = admission.claims;
    AuthoritativeEngine *engine = admission.engine;
    watch(*engine);
    settle(); // the head told below, and any replay, hold only durable (and broadcast) events

    auto client = std::make_shared<Client>();
    client->peer = peer;
    client->householdId = householdId;
    client->memberId = claims.memberId;
    client->deviceId = claims.deviceId;
    client->mutationTokens = m_options.mutationBurst;
    client->lastSeenMs = client->lastRefillMs = m_clock.elapsed();
    client->tokens = m_options.messageBurst;
    m_clients.insert(peer, client);
    m_rooms[householdId].append(peer);
    m_sights.remove(householdId); // a member added by another process (`hearthd token`) is read again

    connect(peer, &PeerConnection::textReceived, this, [this, peer](const QString &frame) {
        if (Client *c = clientOf(peer))
            onText(*c, frame);
    });
    connect(peer, &PeerConnection::alive, this, [this, peer] {
        if (Client *c = clientOf(peer))
            c->lastSeenMs = m_clock.elapsed();
    });
    connect(peer, &PeerConnection::disconnected, this, [this, peer] { remove(peer); });

    const auto household = engine->entity(Collection::Household, householdId);
    peer->sendText(protocol::encode(
        QStringLiteral("connected"),
        {{QStringLiteral("household_id"), householdId},
         {QStringLiteral("active_connections"), activeConnections(householdId)},
         {QStringLiteral("member_id"), claims.memberId},
         {QStringLiteral("seq"), engine->headSeq()},
         // An extension: how often this host pings, so a client knows when silence means trouble.
         {QStringLiteral("ping_interval_ms"), qint64(m_options.pingInterval.count())},
         // An extension: the largest message it reads, so a client refuses a larger change
         // itself instead of being closed (1009) for it again after every reconnect.
         {QStringLiteral("message_limit"), m_options.messageLimit},
         // An extension: it takes `batch` messages of up to this many mutations.
         {QStringLiteral("batch_limit"), protocol::kBatchLimit},
         {QStringLiteral("message"),
          QStringLiteral("Connected to %1").arg(household ? household->value(QLatin1String("name")).toString() : householdId)}}));
    qCInfo(lcHost) << "member" << claims.memberId << "joined household" << householdId << "from" << peer->peerAddress();
    if (since)
        replay(*client, *since);
    sendPresence(householdId);
}

void RoomHost::remove(PeerConnection *peer)
{
    const auto it = m_clients.find(peer);
    if (it == m_clients.end())
        return;
    const QString householdId = (*it)->householdId;
    if (!(*it)->topics.isEmpty() && --m_subscribed[householdId] <= 0)
        m_subscribed.remove(householdId);
    m_clients.erase(it);
    auto room = m_rooms.find(householdId);
    if (room != m_rooms.end()) {
        room->removeAll(peer);
        if (room->isEmpty()) {
            m_rooms.erase(room); // the room goes with its last socket
            m_sights.remove(householdId);
        }
    }
    disconnect(peer, nullptr, this, nullptr);
    peer->deleteLater();
    sendPresence(householdId);
}

RoomHost::Admission RoomHost::admissionOf(const QString &householdId, const QString &token)
{
    Admission result;
    const jwt::Verified verified = jwt::verify(token, m_secret, m_directory.clock().now());
    if (!verified.claims) {
        result.refusal = protocol::kCloseUnauthorized;
        result.why = token.isEmpty() ? QStringLiteral("no token") : jwt::failureText(verified.failure);
        return result;
    }
    result.claims = *verified.claims;
    if (!result.claims.deviceId.isEmpty() && !m_directory.devices().isSignedIn(result.claims.deviceId)) {
        result.refusal = protocol::kCloseUnauthorized;
        result.why = QStringLiteral("device signed out");
    } else if (result.claims.householdId != householdId) {
        result.refusal = protocol::kCloseForbidden;
        result.why = QStringLiteral("token is for another household");
    } else if (!(result.engine = m_directory.engine(householdId)) || !m_directory.isMember(householdId, result.claims.memberId)) {
        result.refusal = protocol::kCloseForbidden;
        result.why = QStringLiteral("not a member");
    }
    return result;
}

namespace {
// A refused plain GET: its status and {"error": reason}.
RoomHost::HttpAnswer httpError(int status, const char *reason)
{
    return RoomHost::HttpAnswer{status, QJsonDocument(QJsonObject{{QStringLiteral("error"), QLatin1String(reason)}}).toJson(QJsonDocument::Compact)};
}
} // namespace

RoomHost::HttpAnswer RoomHost::snapshotOverHttp(const QString &householdId, const QString &token)
{
    const Admission admission = admissionOf(householdId, token);
    if (admission.refusal)
        return *admission.refusal == protocol::kCloseUnauthorized ? httpError(401, "Unauthorized") : httpError(403, "Forbidden");
    AuthoritativeEngine *engine = admission.engine;
    flush(); // include every acknowledged mutation
    QJsonObject collections;
    const Viewer viewer = viewerOf(householdId, admission.claims.memberId);
    for (Collection c : allCollections())
        collections.insert(collectionName(c), visibility::shownRows(c, engine->snapshot(c), viewer));
    const QJsonObject body{{QStringLiteral("household_id"), householdId},
                           {QStringLiteral("seq"), engine->headSeq()},
                           {QStringLiteral("collections"), collections}};
    return HttpAnswer{200, QJsonDocument(body).toJson(QJsonDocument::Compact)};
}

RoomHost::HttpAnswer RoomHost::imageOverHttp(const QString &householdId, const QString &receiptId, const QString &size,
                                             const QString &token)
{
    const Admission admission = admissionOf(householdId, token);
    if (admission.refusal)
        return *admission.refusal == protocol::kCloseUnauthorized ? httpError(401, "Unauthorized") : httpError(403, "Forbidden");
    const std::optional<ReceiptImageSize> wanted = receiptimages::sizeFromName(size);
    if (!wanted)
        return httpError(400, "Bad Request");
    flush(); // a receipt acknowledged before the request has its image
    const auto image = receiptimages::hosted(admission.engine->store(), householdId, receiptId, *wanted);
    if (!image)
        return httpError(404, "Not Found");
    return HttpAnswer{200, QByteArray::fromBase64(image->toLatin1()), "image/jpeg"};
}

RoomHost::HttpAnswer RoomHost::answerPlainGet(const QByteArray &head)
{
    if (HttpAdmission::isImageRequest(head)) {
        const HttpAdmission::ImageRequest request = HttpAdmission::imageRequest(head);
        return imageOverHttp(request.householdId, request.receiptId, request.size, request.token);
    }
    const HttpAdmission::SnapshotRequest request = HttpAdmission::snapshotRequest(head);
    return snapshotOverHttp(request.householdId, request.token);
}

void RoomHost::fetchImage(Client &client, const protocol::Message &message)
{
    // Answered from the socket's own household only: a receipt id of another household finds
    // nothing there, the same "not_found" as an id that never existed.
    // flush() can remove this very member (a delete in the same batch) and so destroy `client`:
    // everything needed afterwards is copied first, and the peer is looked up again after it.
    PeerConnection *const peer = client.peer;
    const QString householdId = client.householdId;
    peer->sendText(protocol::encodeAck(message));
    const QString receiptId = message.data.value(QLatin1String("receipt_id")).toString();
    // Only a missing size means "full"; a non-string or unknown one is invalid.
    const QJsonValue sizeValue = message.data.value(QLatin1String("size"));
    const QString sizeName = sizeValue.isUndefined() ? QStringLiteral("full") : sizeValue.toString();
    const std::optional<ReceiptImageSize> size =
        sizeValue.isUndefined() || sizeValue.isString() ? receiptimages::sizeFromName(sizeName) : std::nullopt;
    QJsonObject answer{{QStringLiteral("id"), message.id.isUndefined() ? QJsonValue() : message.id},
                       {QStringLiteral("receipt_id"), receiptId},
                       {QStringLiteral("size"), sizeValue.isUndefined() ? QJsonValue(sizeName) : sizeValue}};
    const auto refuse = [&](const QString &code, const QString &text) {
        answer.insert(QStringLiteral("code"), code);
        answer.insert(QStringLiteral("message"), text);
        peer->sendText(protocol::encode(QStringLiteral("image_error"), answer));
    };
    if (receiptId.isEmpty() || receiptId.size() > 64 || !size)
        return refuse(QStringLiteral("invalid"), QStringLiteral("fetch_image needs a \"receipt_id\" and a \"size\" of \"full\" or \"thumbnail\""));
    flush(); // a receipt acknowledged before the request has its image
    if (!clientOf(peer))
        return; // the flush removed this member and closed the socket
    AuthoritativeEngine *engine = m_directory.engine(householdId);
    const auto image = engine ? receiptimages::hosted(engine->store(), householdId, receiptId, *size) : std::nullopt;
    if (!image)
        return refuse(QStringLiteral("not_found"), QStringLiteral("This household has no image of that receipt."));
    answer.insert(QStringLiteral("content_type"), QStringLiteral("image/jpeg"));
    answer.insert(QStringLiteral("image"), *image);
    peer->sendText(protocol::encode(QStringLiteral("image"), answer));
}

int RoomHost::activeConnections(const QString &householdId) const
{
    return int(m_rooms.value(householdId).size());
}

int RoomHost::totalConnections() const
{
    return int(m_clients.size());
}

void RoomHost::setLocalMember(const QString &householdId, const QString &memberId)
{
    m_localMembers.insert(householdId, memberId);
    sendPresence(householdId);
}

QSet<QString> RoomHost::membersOnline(const QString &householdId) const
{
    QSet<QString> members;
    if (const QString local = m_localMembers.value(householdId); !local.isEmpty())
        members.insert(local);
    for (PeerConnection *peer : m_rooms.value(householdId))
        if (Client *c = clientOf(peer))
            members.insert(c->memberId);
    return members;
}

void RoomHost::sendPresence(const QString &householdId)
{
    const int active = activeConnections(householdId);
    Q_EMIT presenceChanged(householdId, active);
    if (active == 0)
        return;
    QJsonArray members;
    for (const QString &id : membersOnline(householdId))
        members.append(id);
    broadcast(householdId, protocol::encode(QStringLiteral("presence"), {{QStringLiteral("active_connections"), active},
                                                                         {QStringLiteral("members"), members}}));
}

void RoomHost::onText(Client &client, const QString &frame)
{
    PeerConnection *peer = client.peer;
    client.lastSeenMs = m_clock.elapsed();
    if (frame.size() > m_options.messageLimit) {
        peer->close(protocol::kCloseTooBig, QStringLiteral("Message too big"));
        return remove(peer);
    }
    // Token bucket: a burst is fine, a sustained flood closes the connection.
    if (!takeToken(client.tokens, client.lastRefillMs, m_clock.elapsed(), m_options.messagesPerSecond, m_options.messageBurst)) {
        qCInfo(lcHost) << "closing a flooding connection of member" << client.memberId;
        peer->close(protocol::kClosePolicy, QStringLiteral("Too many messages"));
        return remove(peer);
    }

    QString error;
    const std::optional<protocol::Message> message = protocol::decode(frame, &error);
    if (!message) {
        peer->sendText(protocol::encodeError(error));
        return;
    }
    AuthoritativeEngine *engine = m_directory.engine(client.householdId);
    if (message->event == QLatin1String("mutate")) {
        MutationError mutationError;
        const std::optional<Mutation> mutation = protocol::mutationFromMessage(*message, &mutationError);
        const std::optional<QString> actingMemberId =
            mutation ? protocol::actingMemberFromMessage(*message, &mutationError) : std::nullopt;
        if (!mutation || !actingMemberId) {
            MutationResult failed = MutationResult::failure(mutationError.code, mutationError.message);
            peer->sendText(protocol::encodeMutationAck(*message, failed));
            return;
        }
        if (!takeMutationAllowance(client)) {
            // Closed rather than refused: the client keeps the edit in its outbox and sends it again
            // after reconnecting, more slowly. A refusal would make it drop the edit.
            qCInfo(lcHost) << "closing a connection of member" << client.memberId << ": too many changes";
            peer->close(protocol::kClosePolicy, QStringLiteral("Too many changes"));
            return remove(peer);
        }
        Pending pending;
        pending.peer = peer;
        pending.householdId = client.householdId;
        pending.memberId = client.memberId;
        pending.message = *message;
        pending.mutation = *mutation;
        pending.actingMemberId = *actingMemberId;
        m_pending.append(std::move(pending));
        if (!m_flushTimer->isActive()) // restarting a 0 ms timer per message only re-registers it
            m_flushTimer->start();
        return;
    }
    if (message->event == QLatin1String("batch")) {
        takeBatch(client, *message);
        return;
    }
    if (message->event == QLatin1String("resume")) {
        peer->sendText(protocol::encodeAck(*message));
        const QJsonValue since = message->data.value(QLatin1String("since"));
        if (!since.isDouble() || since.toInteger(-1) < 0) {
            peer->sendText(protocol::encodeError(QStringLiteral("resume needs a whole number \"since\"")));
            return;
        }
        replay(client, since.toInteger());
        return;
    }
    if (message->event == QLatin1String("fetch")) {
        peer->sendText(protocol::encodeAck(*message));
        Collection collection;
        if (!collectionFromName(message->data.value(QLatin1String("collection")).toString(), &collection)) {
            peer->sendText(protocol::encodeError(QStringLiteral("fetch needs a known \"collection\"")));
            return;
        }
        // flush() can remove this member (a delete in the same batch) and so destroy `client`.
        const QString householdId = client.householdId;
        const QString memberId = client.memberId;
        flush(); // a snapshot includes every mutation acknowledged before it
        if (!clientOf(peer))
            return;
        const QJsonArray rows = visibility::shownRows(collection, engine->snapshot(collection), viewerOf(householdId, memberId));
        peer->sendText(protocol::encode(QStringLiteral("snapshot"),
                                        {{QStringLiteral("id"), message->id.isUndefined() ? QJsonValue() : message->id},
                                         {QStringLiteral("collection"), collectionName(collection)},
                                         {QStringLiteral("seq"), engine->headSeq()},
                                         {QStringLiteral("rows"), rows}}));
        return;
    }
    if (message->event == QLatin1String("leave")) {
        leave(client, *message);
        return;
    }
    if (message->event == QLatin1String("fetch_image")) {
        fetchImage(client, *message);
        return;
    }
    if (message->event == QLatin1String("subscribe") || message->event == QLatin1String("unsubscribe")) {
        subscribe(client, *message);
        return;
    }
    // pong, ping and anything else: acknowledged, nothing more.
    peer->sendText(protocol::encodeAck(*message));
}

bool RoomHost::takeMutationAllowance(Client &client, int mutations)
{
    const qint64 now = m_clock.elapsed();
    qint64 refilled = client.lastMutationMs;
    if (!takeToken(client.mutationTokens, refilled, now, m_options.mutationsPerSecond, m_options.mutationBurst, mutations))
        return false;
    client.lastMutationMs = refilled;
    Bucket &household = m_householdMutations[client.householdId];
    return takeToken(household.tokens, household.refilledMs, now, m_options.householdMutationsPerSecond,
                     m_options.householdMutationBurst, mutations);
}

void RoomHost::takeBatch(Client &client, const protocol::Message &message)
{
    PeerConnection *const peer = client.peer;
    QString reason;
    const std::optional<QList<protocol::BatchEntry>> entries = protocol::batchFromMessage(message, &reason);
    if (!entries) {
        peer->sendText(protocol::encodeError(reason, message.id)); // refused whole: none of it is applied
        return;
    }
    if (entries->isEmpty()) {
        peer->sendText(protocol::encodeBatchAck(message, {}));
        return;
    }
    // Each entry counts as the mutate it stands for: batching is no way around the allowance.
    if (!takeMutationAllowance(client, int(entries->size()))) {
        qCInfo(lcHost) << "closing a connection of member" << client.memberId << ": too many changes";
        peer->close(protocol::kClosePolicy, QStringLiteral("Too many changes"));
        return remove(peer);
    }
    for (qsizetype i = 0; i < entries->size(); ++i) {
        const protocol::BatchEntry &entry = entries->at(i);
        Pending pending;
        pending.peer = peer;
        pending.householdId = client.householdId;
        pending.memberId = client.memberId;
        pending.message = entry.message;
        pending.inBatch = true;
        if (i == 0) {
            pending.batchMessage = message;
            pending.batchEntries = int(entries->size());
        }
        if (entry.mutation) {
            pending.mutation = *entry.mutation;
            pending.actingMemberId = entry.actingMemberId;
        } else {
            pending.unreadable = MutationResult::failure(entry.error.code, entry.error.message, entry.error.field);
        }
        m_pending.append(std::move(pending));
    }
    // Queued together, so they are written in the same group: one transaction, one sync of the log.
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void RoomHost::leave(Client &client, const protocol::Message &message)
{
    // Any member may leave (a child too: it is their own membership), but the household is never
    // left without an adult. Leaving removes the member, which ends all of their devices.
    // flush() can remove this member already (and destroy `client`): copy first, look up after.
    PeerConnection *const peer = client.peer;
    const QString householdId = client.householdId;
    const QString memberId = client.memberId;
    flush();
    if (!clientOf(peer))
        return;
    AuthoritativeEngine *engine = m_directory.engine(householdId);
    int adults = 0;
    bool leaverIsAdult = false;
    for (const QJsonValue &row : engine->snapshot(Collection::Members)) {
        const bool adult = row.toObject().value(QLatin1String("role")).toString() == QLatin1String("adult");
        adults += adult ? 1 : 0;
        leaverIsAdult |= adult && row.toObject().value(QLatin1String("id")).toString() == memberId;
    }
    if (adults <= 1 && leaverIsAdult) {
        peer->sendText(protocol::encodeMutationAck(
            message, MutationResult::failure(QStringLiteral("forbidden"),
                                             QStringLiteral("You are the only adult: make someone else an adult before leaving."))));
        return;
    }
    // Acknowledged first: removing the member closes all of their sockets (4003), this one too.
    peer->sendText(protocol::encodeAck(message));
    const MutationResult removed = engine->submitAs(Mutation{{}, Collection::Members, MutationOp::Delete, memberId, -1, {}}, QString());
    if (!removed.ok) {
        peer->sendText(protocol::encodeError(removed.error.message));
        return;
    }
    qCInfo(lcHost) << "member" << memberId << "left household" << engine->householdId();
}

void RoomHost::reloadHeads()
{
    for (AuthoritativeEngine *engine : m_directory.engines())
        engine->reloadHeadSeq();
}

void RoomHost::flush()
{
    writeBatch(true);
    settle();
}

void RoomHost::writeBatch(bool now)
{
    if (m_pending.isEmpty())
        return;
    // One group per sync: while the log syncer works, one more group is written (its SQL
    // overlaps the fdatasync); what arrives after that waits for the next group, written when
    // the sync ends (onSynced). Smaller groups would cost more pages written per mutation.
    if (!now && !m_unsynced.isEmpty())
        return;
    Written written;
    written.batch = std::exchange(m_pending, {});
    const QList<Pending> &batch = written.batch;
    QList<MutationResult> &results = written.results;
    results.reserve(batch.size());

    ++m_batchDepth;
    bool committed = false;
    bool syncOwed = false;
    {
        // Deferred: on a Durability::Full store the COMMIT does not wait for the disk; the log
        // syncer does, on its own thread, and nothing is answered before it has (onSynced).
        StoreTransaction tx(m_directory.store(), CommitSync::Deferred);
        // Another process may have appended to a household's log since the last batch (`hearthd
        // token` run against the data folder of a running server): continue from the head on disk.
        // SQLite's data_version changes exactly when another connection has committed, so the
        // heads are re-read only then (re-reading them for every batch cost ~8 % of the CPU).
        const qint64 version = dataVersion();
        if (version < 0 || version != m_dataVersion) {
            reloadHeads();
            m_dataVersion = version;
        }
        // A mutation taken in is applied even when its sender was dropped since (closed for
        // flooding after it, gone dead): otherwise a client whose outbox exceeds the flood
        // allowance would resend it forever without progress. Its retry is acknowledged, not reapplied.
        for (const Pending &p : batch) {
            AuthoritativeEngine *engine = m_directory.engine(p.householdId);
            if (p.unreadable)
                results.append(*p.unreadable);
            else if (!engine)
                results.append(MutationResult::failure(QStringLiteral("not_found"), QStringLiteral("The household is gone.")));
            else if (namesHidden(*engine, p)) // answered as the engine answers an id it does not have
                results.append(MutationResult::failure(QStringLiteral("not_found"),
                                                       QStringLiteral("That item is gone; someone may have deleted it.")));
            else if (hiddenFromItsDevice(p))
                results.append(MutationResult::failure(
                    QStringLiteral("forbidden"),
                    QStringLiteral("This would be a surprise for the member signed in on this device; add it from another device.")));
            else
                results.append(engine->submitFor(p.mutation, p.memberId, p.actingMemberId));
        }
        committed = tx.commit();
        syncOwed = tx.syncOwed();
    }
    --m_batchDepth;

    written.changes = std::exchange(m_batchChanges, {});
    if (!committed) {
        // Nothing of the batch is durable: refuse it all and forget its events.
        qCWarning(lcHost) << "group commit of" << batch.size() << "mutations failed";
        reloadHeads();
        settle(); // the groups before it are answered first
        deliver(written, false);
        return;
    }
    if (!syncOwed && m_unsynced.isEmpty() && m_syncing.isEmpty()) {
        deliver(written, true); // durable already (synchronous commit)
        return;
    }
    // Answered in commit order, after the sync that covers it.
    m_unsynced.append(std::move(written));
    startSync();
}

void RoomHost::startSync()
{
    if (!m_syncer || m_syncer->busy() || m_unsynced.isEmpty())
        return;
    // The sync starts after these groups were committed, so it covers them; groups committed
    // while it runs wait for the next one.
    m_syncing = std::exchange(m_unsynced, {});
    m_syncer->start();
}

void RoomHost::onSynced(bool ok)
{
    if (!ok)
        qCWarning(lcHost) << "could not sync the store's log; refusing the mutations it held";
    QList<Written> synced = std::exchange(m_syncing, {});
    for (Written &w : synced)
        deliver(w, ok);
    startSync();
    if (!m_pending.isEmpty() && !m_flushTimer->isActive())
        m_flushTimer->start(); // the mutations held back while the group before waited
}

void RoomHost::settle()
{
    if (!m_syncer)
        return;
    if (m_syncer->busy())
        onSynced(m_syncer->wait()); // answers what that sync covered, and starts the next one
    if (m_syncer->busy())
        onSynced(m_syncer->wait());
}

void RoomHost::deliver(Written &written, bool durable)
{
    if (!durable) {
        // Not known to be on disk: refuse it all (a retry of a mutation that did reach the disk is
        // acknowledged with its first result) and broadcast nothing.
        const MutationResult refused = AuthoritativeEngine::storageFailure(m_directory.store());
        for (MutationResult &r : written.results)
            if (r.ok || r.error.code == QLatin1String("storage"))
                r = refused;
        written.changes.clear();
    }
    for (qsizetype i = 0; i < written.batch.size();) {
        const Pending &pending = written.batch.at(i);
        if (!pending.inBatch) {
            if (pending.peer)
                pending.peer->sendText(protocol::encodeMutationAck(pending.message, written.results.at(i)));
            ++i;
            continue;
        }
        // A batch: one ack with every entry's result, in order.
        QJsonArray results;
        for (qsizetype k = i; k < i + pending.batchEntries; ++k)
            results.append(protocol::batchResult(written.batch.at(k).message.id, written.results.at(k)));
        if (pending.peer)
            pending.peer->sendText(protocol::encodeBatchAck(pending.batchMessage, results));
        i += std::max(pending.batchEntries, 1);
    }
    for (const auto &[householdId, change] : std::as_const(written.changes)) {
        broadcastChange(householdId, change);
        if (change.collection == Collection::Members && change.action == ChangeAction::Deleted)
            onMemberRemoved(householdId, change.entityId);
    }
}

qint64 RoomHost::dataVersion() const
{
    QSqlQuery query(m_directory.store().database());
    return query.exec(QStringLiteral("PRAGMA data_version")) && query.next() ? query.value(0).toLongLong() : -1;
}

void RoomHost::onChange(AuthoritativeEngine &engine, const Change &change)
{
    if (m_batchDepth > 0) {
        m_batchChanges.append({engine.householdId(), change}); // broadcast once the batch is durable
        return;
    }
    settle(); // a change made outside a batch (the hosting app's own edit) follows every earlier event
    broadcastChange(engine.householdId(), change);
    if (change.collection == Collection::Members && change.action == ChangeAction::Deleted)
        onMemberRemoved(engine.householdId(), change.entityId);
}

void RoomHost::onMemberRemoved(const QString &householdId, const QString &memberId)
{
    // Their devices went with them (ON DELETE CASCADE), so no token of theirs is accepted again;
    // sockets already open are closed now rather than at their next reconnect.
    cutOff([&](const Client &c) { return c.householdId == householdId && c.memberId == memberId; },
           protocol::kCloseForbidden, QStringLiteral("Forbidden"));
}

void RoomHost::cutOff(const std::function<bool(const Client &)> &matches, int code, const QString &reason)
{
    const QList<PeerConnection *> peers = m_clients.keys();
    for (PeerConnection *peer : peers) {
        const Client *client = clientOf(peer);
        if (client && matches(*client)) {
            qCInfo(lcHost) << "closing a connection of member" << client->memberId << "with" << code;
            peer->close(code, reason);
            remove(peer);
        }
    }
}

bool RoomHost::signOutDevice(const QString &deviceId)
{
    const bool signedOut = m_directory.devices().signOut(deviceId);
    cutOff([&](const Client &c) { return c.deviceId == deviceId; }, protocol::kCloseUnauthorized, QStringLiteral("Unauthorized"));
    return signedOut;
}

void RoomHost::rotateSecret(const QByteArray &secret)
{
    flush();
    m_secret = secret;
    const int devices = m_directory.devices().signOutAll();
    qCWarning(lcHost) << "the signing key was replaced:" << devices << "devices signed out";
    cutOff([](const Client &) { return true; }, protocol::kCloseUnauthorized, QStringLiteral("Unauthorized"));
}

void RoomHost::broadcast(const QString &householdId, const QString &frame)
{
    const QList<PeerConnection *> room = m_rooms.value(householdId);
    for (PeerConnection *peer : room)
        peer->sendText(frame);
}

namespace {
// The entity as it was before `change` (an update), from the log's previous event of it; empty
// when the log no longer holds one.
QJsonObject previousEntity(const AuthoritativeEngine &engine, const Change &change)
{
    QSqlQuery query(engine.store().database());
    query.prepare(previousEventSql(collectionName(change.collection))); // through the collection's events_<name>_entity
    query.addBindValue(engine.householdId());
    query.addBindValue(change.entityId);
    query.addBindValue(change.seq);
    if (!query.exec() || !query.next() || query.value(0).toString() == QLatin1String("deleted"))
        return {};
    return QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object();
}
} // namespace

void RoomHost::broadcastChange(const QString &householdId, const Change &change)
{
    if (change.collection == Collection::Members || change.collection == Collection::Household)
        m_sights.remove(householdId);
    const QString whole = protocol::encodeChange(change);
    if (!collectionSpec(change.collection).visibleTo && !m_subscribed.contains(householdId)) {
        broadcast(householdId, whole); // everyone sees it whole: one encoding, as ever
    } else {
        // Encoded once per member (their sockets share it); a member who sees it whole shares `whole`.
        AuthoritativeEngine *const engine = m_directory.engine(householdId);
        QHash<QString, std::pair<visibility::ShownChange, QString>> byMember;
        const QList<PeerConnection *> room = m_rooms.value(householdId);
        for (PeerConnection *peer : room) {
            Client *client = clientOf(peer);
            if (!client)
                continue;
            auto it = byMember.find(client->memberId);
            if (it == byMember.end()) {
                // A member removed in this very unit (their references were cleared before the
                // delete: a surprise's recipient comes out null) is shown nothing: their sockets
                // close with 4003 once the delete itself is broadcast.
                if (!engine || !engine->entity(Collection::Members, client->memberId)) {
                    byMember.insert(client->memberId, {visibility::ShownChange{}, QString()});
                    continue;
                }
                visibility::ShownChange shown = visibility::shownChange(change, change.before, viewerOf(householdId, client->memberId));
                const QString frame = shown.kind == visibility::ShownChange::Kind::Whole   ? whole
                                      : shown.kind == visibility::ShownChange::Kind::Nothing ? visibility::encodeSeqAdvance(change.seq)
                                                                                             : protocol::encodeChange(shown.change);
                it = byMember.insert(client->memberId, {std::move(shown), frame});
            }
            if (it->second.isEmpty())
                continue; // removed with this change
            peer->sendText(it->second);
            if (client->topics.isEmpty() || it->first.kind == visibility::ShownChange::Kind::Nothing)
                continue;
            for (auto topic = client->topics.cbegin(); topic != client->topics.cend(); ++topic)
                if (topics::matches(topic.value(), it->first.change))
                    peer->sendText(topics::encode(topic.key(), it->first));
        }
    }
    if (changesSight(change)) {
        m_sights.remove(householdId);
        AuthoritativeEngine *engine = m_directory.engine(householdId);
        broadcast(householdId, protocol::encode(QStringLiteral("resync_required"),
                                                {{QStringLiteral("seq"), engine ? engine->headSeq() : change.seq}}));
    }
}

bool RoomHost::changesSight(const Change &change) const
{
    if (!visibility::anyRule() || change.action == ChangeAction::Created)
        return false;
    if (change.collection == Collection::Members)
        return change.action == ChangeAction::Deleted || change.before.isEmpty()
            || change.before.value(QLatin1String("role")) != change.entity.value(QLatin1String("role"));
    if (change.collection != Collection::Household)
        return false;
    if (change.before.isEmpty())
        return true; // not known what moved
    for (const QString &field : visibility::changedFields(change.before, change.entity))
        if (visibility::householdFieldRead(field))
            return true;
    return false;
}

Viewer RoomHost::viewerOf(const QString &householdId, const QString &memberId)
{
    auto sight = m_sights.find(householdId);
    if (sight == m_sights.end()) {
        Sight read;
        if (AuthoritativeEngine *engine = m_directory.engine(householdId)) {
            for (const QJsonValue &row : engine->snapshot(Collection::Members))
                read.roles.insert(row.toObject().value(QLatin1String("id")).toString(),
                                  row.toObject().value(QLatin1String("role")).toString());
            read.household = engine->entity(Collection::Household, householdId).value_or(QJsonObject());
        }
        sight = m_sights.insert(householdId, read);
    }
    return Viewer{memberId, sight->roles.value(memberId), sight->roles, sight->household};
}

bool RoomHost::namesHidden(AuthoritativeEngine &engine, const Pending &pending)
{
    const Mutation &m = pending.mutation;
    if (!collectionSpec(m.collection).visibleTo || m.entityId.isEmpty())
        return false;
    const std::optional<QJsonObject> current = engine.entity(m.collection, m.entityId);
    if (!current)
        return false;
    for (const QString &member : {pending.memberId, pending.actingMemberId})
        if (!member.isEmpty() && !visibility::shown(m.collection, *current, viewerOf(pending.householdId, member)))
            return true;
    return false;
}

bool RoomHost::hiddenFromItsDevice(const Pending &pending)
{
    // A device acting as another member (a kitchen tablet signed in by a parent, used by a child)
    // could make what its own member may not see; the device would keep it and never hear of it again.
    const Mutation &m = pending.mutation;
    if (m.op != MutationOp::Create || pending.actingMemberId.isEmpty() || pending.actingMemberId == pending.memberId
        || !collectionSpec(m.collection).visibleTo)
        return false;
    QJsonObject entity = m.fields;
    entity.insert(QStringLiteral("id"), m.entityId);
    return !visibility::shown(m.collection, entity, viewerOf(pending.householdId, pending.memberId));
}

void RoomHost::subscribe(Client &client, const protocol::Message &message)
{
    const QString name = message.data.value(QLatin1String("topic")).toString();
    const auto refuse = [&] {
        client.peer->sendText(protocol::encodeAck(
            message, {{QStringLiteral("ok"), false},
                      {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), QStringLiteral("not_found")},
                                                            {QStringLiteral("message"), QStringLiteral("There is no such topic.")}}}}));
    };
    const bool wasSubscribed = !client.topics.isEmpty();
    if (message.event == QLatin1String("unsubscribe")) {
        if (!client.topics.remove(name))
            return refuse();
    } else {
        // A topic exists for this member when what it names is there and theirs to see: a hidden
        // gift is refused exactly as an id that never existed.
        const std::optional<topics::Topic> topic = topics::parse(name);
        AuthoritativeEngine *engine = m_directory.engine(client.householdId);
        if (!topic || !engine)
            return refuse();
        if (topic->kind == topics::Topic::Kind::Entity) {
            const auto entity = engine->entity(topic->collection, topic->id);
            if (!entity || !visibility::shown(topic->collection, *entity, viewerOf(client.householdId, client.memberId)))
                return refuse();
        } else if (topic->kind == topics::Topic::Kind::List) {
            const QList<Collection> owners = topics::listOwners();
            if (std::none_of(owners.cbegin(), owners.cend(), [&](Collection c) { return engine->exists(c, topic->id); }))
                return refuse();
        }
        client.topics.insert(name, *topic);
    }
    if (wasSubscribed != !client.topics.isEmpty()) {
        if (wasSubscribed && --m_subscribed[client.householdId] <= 0)
            m_subscribed.remove(client.householdId);
        else if (!wasSubscribed)
            ++m_subscribed[client.householdId];
    }
    client.peer->sendText(protocol::encodeAck(message, {{QStringLiteral("ok"), true}, {QStringLiteral("topic"), name}}));
}

void RoomHost::replay(Client &asking, qint64 since)
{
    // settle() can deliver a member's removal, which destroys their Client: keep the socket and
    // look it up again afterwards.
    PeerConnection *const peer = asking.peer;
    settle(); // the log is read: only durable events, each broadcast already
    Client *const found = clientOf(peer);
    if (!found)
        return;
    Client &client = *found;
    AuthoritativeEngine *engine = m_directory.engine(client.householdId);
    bool complete = false;
    const QList<Change> events = engine->eventsSince(since, &complete);
    if (!complete) {
        client.peer->sendText(protocol::encode(QStringLiteral("resync_required"), {{QStringLiteral("seq"), engine->headSeq()}}));
        return;
    }
    // A role or a setting the rules read changed within the range: what this member was shown
    // before it is not what they may see now, which one replay cannot mend. They refetch.
    const auto changesSightInLog = [&](const Change &change) {
        if (!visibility::anyRule() || change.action != ChangeAction::Updated
            || (change.collection != Collection::Members && change.collection != Collection::Household))
            return changesSight(change);
        Change withBefore = change; // the log keeps entities after; the one before is its previous event
        withBefore.before = previousEntity(*engine, change);
        return changesSight(withBefore);
    };
    if (std::any_of(events.cbegin(), events.cend(), changesSightInLog)) {
        client.peer->sendText(protocol::encode(QStringLiteral("resync_required"), {{QStringLiteral("seq"), engine->headSeq()}}));
        return;
    }
    // Each event as this member may see it. An update's "before" is the entity's previous event:
    // from this replay when it holds one, else from the log.
    const Viewer viewer = viewerOf(client.householdId, client.memberId);
    QHash<std::pair<int, QString>, QJsonObject> latest;
    for (const Change &change : events) {
        if (!collectionSpec(change.collection).visibleTo) {
            client.peer->sendText(protocol::encodeChange(change));
            continue;
        }
        const auto key = std::pair(int(change.collection), change.entityId);
        QJsonObject before;
        if (change.action == ChangeAction::Updated)
            before = latest.contains(key) ? latest.value(key) : previousEntity(*engine, change);
        if (change.action == ChangeAction::Deleted)
            latest.insert(key, QJsonObject());
        else
            latest.insert(key, change.entity);
        const visibility::ShownChange shown = visibility::shownChange(change, before, viewer);
        client.peer->sendText(shown.kind == visibility::ShownChange::Kind::Nothing ? visibility::encodeSeqAdvance(change.seq)
                                                                                 : protocol::encodeChange(shown.change));
    }
    client.peer->sendText(protocol::encode(QStringLiteral("synced"), {{QStringLiteral("seq"), engine->headSeq()}}));
}

void RoomHost::revalidate()
{
    if (m_clients.isEmpty())
        return;
    QSet<QString> signedIn;
    QSet<QString> members;
    QSqlQuery query(m_directory.store().database());
    if (!query.exec(QStringLiteral("SELECT id FROM devices WHERE revoked_at IS NULL")))
        return;
    while (query.next())
        signedIn.insert(query.value(0).toString());
    if (!query.exec(QStringLiteral("SELECT id FROM members")))
        return;
    while (query.next())
        members.insert(query.value(0).toString());
    cutOff([&](const Client &c) { return !members.contains(c.memberId); }, protocol::kCloseForbidden, QStringLiteral("Forbidden"));
    cutOff([&](const Client &c) { return !c.deviceId.isEmpty() && !signedIn.contains(c.deviceId); },
           protocol::kCloseUnauthorized, QStringLiteral("Unauthorized"));
}

void RoomHost::pingAll()
{
    revalidate();
    const qint64 now = m_clock.elapsed();
    const qint64 silentLimit = 2 * qint64(m_options.pingInterval.count());
    const QString ping = protocol::encode(QStringLiteral("ping"), {});
    const QList<PeerConnection *> peers = m_clients.keys();
    for (PeerConnection *peer : peers) {
        Client *client = clientOf(peer);
        if (!client)
            continue;
        if (now - client->lastSeenMs > silentLimit) {
            qCInfo(lcHost) << "dropping a silent connection of member" << client->memberId;
            peer->abort();
            remove(peer);
            continue;
        }
        peer->sendText(ping);
        peer->ping();
    }
}

void RoomHost::trimAll()
{
    for (AuthoritativeEngine *engine : m_directory.engines())
        engine->trimEvents(m_options.keepEvents, m_options.keepDays);
}

void RoomHost::closeAll(int code, const QString &reason)
{
    flush();
    const QList<PeerConnection *> peers = m_clients.keys();
    for (PeerConnection *peer : peers) {
        peer->close(code, reason);
        remove(peer);
    }
}

} // namespace hearth
