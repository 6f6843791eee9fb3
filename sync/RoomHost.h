#pragma once

#include "Jwt.h"
#include "Mutation.h"
#include "Protocol.h"
#include "Schema.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcHost)

class QTimer;

namespace hearth {

class AuthoritativeEngine;
class HouseholdDirectory;
class LogSyncer;
class PeerConnection;

struct HostOptions
{
    std::chrono::milliseconds pingInterval{30000};
    double messagesPerSecond = 200;  // sustained rate per connection, any message
    double messageBurst = 1000;      // how far a connection may run ahead of that rate
    double mutationsPerSecond = 100;           // sustained mutations per connection
    double mutationBurst = 1000;
    double householdMutationsPerSecond = 300;  // sustained mutations per household, all its sockets
    double householdMutationBurst = 3000;
    // Joins (sockets that reach the room, before their token is read) the host takes per second,
    // all households together. Past them it sheds load: a close with 4503 and a retry hint, each
    // refused socket told its own later moment, so a reconnect storm comes back paced.
    double joinsPerSecond = 500;
    double joinBurst = 1000;
    // A socket that connects without ?token= must send {"event":"auth"} within this time.
    std::chrono::milliseconds authTimeout{10000};
    qint64 messageLimit = protocol::kDefaultMessageLimit;
    qint64 keepEvents = 10000;       // the event log keeps at least this many per household...
    int keepDays = 7;                // ...or this many days, whichever reaches further back
    std::chrono::milliseconds trimInterval{std::chrono::minutes(10)};
};

// The household rooms: one per household with at least one socket. It authenticates joins,
// answers every message, runs mutations through the household's authoritative engine with group
// commit (many mutations, one transaction, acknowledged only once durable), and broadcasts each
// event once-encoded to every socket of that household. It knows sockets only as PeerConnection.
class RoomHost final : public QObject
{
    Q_OBJECT

public:
    RoomHost(HouseholdDirectory &directory, QByteArray secret, HostOptions options = {}, QObject *parent = nullptr);
    ~RoomHost() override;

    // Takes ownership of the peer. Closes it with 4001/4003 (and nothing else sent) when the token
    // does not admit it to this household. With no token the first message must be
    // {"event":"auth","data":{"token"[, "since"]}} (native clients keep tokens out of URLs).
    // Past HostOptions::joinsPerSecond it closes with 4503 and a retry hint instead.
    void join(PeerConnection *peer, const QString &householdId, const QString &token, std::optional<qint64> since);

    // Signs a paired device out: its refresh credential stops working and its sockets close with 4001.
    bool signOutDevice(const QString &deviceId);
    // A new signing key: every token made with the old one is refused from now on, every device is
    // signed out, and every socket closes with 4001.
    void rotateSecret(const QByteArray &secret);
    // Closes the sockets of devices signed out and members removed by another process (`hearthd
    // device sign-out` next to a running server). Runs with every ping round.
    void revalidate();

    // GET /api/snapshot/{household_id} with "Authorization: Bearer <token>": every collection as
    // one JSON object, for clients that cannot keep a socket open (the polling fallback).
    struct HttpAnswer
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
    };
    HttpAnswer snapshotOverHttp(const QString &householdId, const QString &token);
    // GET /api/receipts/{household_id}/{receipt_id}/image[?size=…], same token check: the JPEG,
    // or 404 when the token's household has no image of that receipt (another household's id
    // included: nothing says it exists).
    HttpAnswer imageOverHttp(const QString &householdId, const QString &receiptId, const QString &size, const QString &token);
    // Either plain GET (HttpAdmission::isPlainGet), answered from its request head.
    HttpAnswer answerPlainGet(const QByteArray &head);

    int activeConnections(const QString &householdId) const;
    int totalConnections() const;
    QSet<QString> membersOnline(const QString &householdId) const;
    // A member present without a socket: the person at the app that hosts the room in-process.
    // Counted in presence like any connected member.
    void setLocalMember(const QString &householdId, const QString &memberId);

    // Runs the queued mutations now (normally on the next event-loop turn) and returns once
    // every mutation taken in is durable, acknowledged and broadcast.
    void flush();
    // Closes every socket (1001 on shutdown) after finishing the queued mutations.
    void closeAll(int code, const QString &reason);

Q_SIGNALS:
    void presenceChanged(const QString &householdId, int activeConnections);

private:
    struct Client;
    struct Pending
    {
        QPointer<PeerConnection> peer;
        QString householdId; // kept with the mutation: it is applied even if its sender is dropped meanwhile
        QString memberId;
        protocol::Message message;
        Mutation mutation;
        QString actingMemberId; // "as_member_id": whom the sender's device made the edit as (empty: the sender)
        // A batch's entries are queued one after another and answered by one ack: its first entry
        // keeps the batch's message and how many entries that ack answers (0 everywhere else).
        protocol::Message batchMessage = {};
        int batchEntries = 0;
        bool inBatch = false;
        std::optional<MutationResult> unreadable = {}; // an entry that could not be read: answered without the engine
    };

    // A committed group: its acks and events, held back until the log is synced.
    struct Written
    {
        QList<Pending> batch;
        QList<MutationResult> results;
        QList<std::pair<QString, Change>> changes;
    };

    // Who a token admits to a household, checked the same way for a socket and for an HTTP
    // snapshot: a close code (4001/4003) and why, or the member's claims and engine.
    struct Admission
    {
        std::optional<int> refusal;
        QString why;
        jwt::Claims claims;
        AuthoritativeEngine *engine = nullptr;
    };
    Admission admissionOf(const QString &householdId, const QString &token);
    void watch(AuthoritativeEngine &engine);
    void admit(PeerConnection *peer, const QString &householdId, const QString &token, std::optional<qint64> since);
    bool takeMutationAllowance(Client &client, int mutations = 1);
    // A `batch`: its entries queued as mutations of one group commit, answered by one ack.
    void takeBatch(Client &client, const protocol::Message &message);
    // Closes the sockets that `matches` picks, with a code (a removed member, a signed-out device).
    void cutOff(const std::function<bool(const Client &)> &matches, int code, const QString &reason);
    void onMemberRemoved(const QString &householdId, const QString &memberId);
    void leave(Client &client, const protocol::Message &message);
    void fetchImage(Client &client, const protocol::Message &message);
    // Applies and commits the queued mutations as one group. On a Durability::Full store the
    // commit does not wait for the disk: the group joins m_unsynced and the log syncer makes it
    // durable on its thread meanwhile (startSync); otherwise it is answered at once.
    // With now false (the group-commit timer), waits while a group is already waiting for its sync.
    void writeBatch(bool now);
    void startSync();
    void onSynced(bool ok);
    // Returns once every committed group is durable and answered (the join, resume and fetch
    // paths tell a head seq or read the log: only durable events may be seen).
    void settle();
    void deliver(Written &written, bool durable);
    void onText(Client &client, const QString &frame);
    void onChange(AuthoritativeEngine &engine, const Change &change);
    // Re-reads every household's log head from disk (another process wrote, or a batch rolled back).
    void reloadHeads();
    qint64 dataVersion() const; // SQLite's PRAGMA data_version: moves when another connection commits
    void broadcast(const QString &householdId, const QString &frame);
    // A change to every socket of its household, each shown what its member may see (a
    // seq_advance when nothing), plus the topic frames of the sockets subscribed to it.
    void broadcastChange(const QString &householdId, const Change &change);
    // After a change to a member's role or to a household setting a visibility rule reads: what
    // the household's sockets were shown may no longer be what they may see.
    bool changesSight(const Change &change) const;
    // Who a member is to the visibility rules (roles and the household row, read once per household).
    Viewer viewerOf(const QString &householdId, const QString &memberId);
    // Whether a mutation names an entity its sender (or the member it acts as) may not see.
    bool namesHidden(AuthoritativeEngine &engine, const Pending &pending);
    // Whether a create made by a device acting as another member would be hidden from the
    // device's own member (a surprise for them): refused, or the device would keep a row it is never told of again.
    bool hiddenFromItsDevice(const Pending &pending);
    void subscribe(Client &client, const protocol::Message &message);
    void replay(Client &client, qint64 since);
    void remove(PeerConnection *peer);
    void sendPresence(const QString &householdId);
    void pingAll();
    void trimAll();
    Client *clientOf(PeerConnection *peer) const;

    HouseholdDirectory &m_directory;
    QByteArray m_secret;
    HostOptions m_options;
    QHash<PeerConnection *, std::shared_ptr<Client>> m_clients;
    QHash<QString, QList<PeerConnection *>> m_rooms;
    QSet<AuthoritativeEngine *> m_watched;
    QHash<QString, QString> m_localMembers; // household id -> member id
    struct Sight
    {
        QHash<QString, QString> roles; // member id -> role
        QJsonObject household;
    };
    QHash<QString, Sight> m_sights;      // household id -> what its rules read; dropped when members or the household change
    QHash<QString, int> m_subscribed;    // household id -> its sockets with at least one topic
    struct Bucket
    {
        double tokens = 0;
        qint64 refilledMs = -1;
    };
    QHash<QString, Bucket> m_householdMutations;
    Bucket m_joins;
    qint64 m_nextJoinSlotMs = 0; // the moment the last socket turned away was told to come back
    QList<Pending> m_pending;
    QList<std::pair<QString, Change>> m_batchChanges;
    QList<Written> m_unsynced; // committed, waiting for the next sync of the log
    QList<Written> m_syncing;  // committed, covered by the sync in progress
    std::unique_ptr<LogSyncer> m_syncer;
    int m_batchDepth = 0;
    qint64 m_dataVersion = -1;
    QTimer *m_flushTimer;
    QTimer *m_pingTimer;
    QTimer *m_trimTimer;
    QElapsedTimer m_clock;
};

} // namespace hearth
