#pragma once

#include "Mutation.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QJsonValue>
#include <QString>

#include <optional>

// Wire protocol v1: one JSON object per text frame, {"event": NAME, "data": {...}} with "seq" on
// events that change data and "id" on requests that want it echoed. See docs/protocol.md.
namespace hearth::protocol {

inline constexpr int kCloseUnauthorized = 4001;
inline constexpr int kCloseForbidden = 4003;
inline constexpr int kCloseGoingAway = 1001;
inline constexpr int kClosePolicy = 1008;
inline constexpr int kCloseTooBig = 1009;
// A host shedding load: "come back later", with when in the reason (retryHintReason). HTTP's 503
// in the application range as 4001/4003 are 401/403 — 1013 (IANA's "Try Again Later") is refused by
// clients (Qt's among them) that accept only the codes RFC 6455 itself defined.
inline constexpr int kCloseTryAgainLater = 4503;
// The largest message (and frame) a host takes: 4 MiB, so that one bank import of 10,000 rows —
// one change, all or nothing, 1.3–3 MB of compact rows — fits (docs/protocol.md, "Limits").
inline constexpr qint64 kDefaultMessageLimit = 4 * 1024 * 1024;

struct Message
{
    QString event;
    QJsonObject data;
    QJsonValue id; // undefined when the message had none
    qint64 seq = -1;
};

// The reason of a 4503 close: "Try again later; retry_after_ms=N". A client waits at least N ms
// (at least kShortestRetryWaitMs, at most kLongestRetryHintMs, whatever a host says).
QString retryHintReason(qint64 retryAfterMs);
inline constexpr qint64 kLongestRetryHintMs = 5 * 60 * 1000;
inline constexpr qint64 kShortestRetryWaitMs = 250;
// The N of such a reason; nullopt when it has none (then the client's own backoff applies).
std::optional<qint64> retryHintOf(const QString &reason);

// Parses one text frame; on failure says why in *error (for the "error" event).
std::optional<Message> decode(const QString &text, QString *error);
QString encode(const QString &event, const QJsonObject &data, qint64 seq = -1, const QJsonValue &id = {});

// The name a change is broadcast under, from its collection's definition: pantry_updated,
// goal_updated, <collection>_updated, or a collection's own names (chore:created, ...).
QString eventNameFor(const Change &change);
bool collectionForEventName(const QString &event, Collection *collection);

// {"event":"<collection>_updated","seq":N,"data":{action, entity_id, entity, rev, user_id, mutation_id, ts, collection}},
// plus the keys of the collection's eventData (receipt_confirmed: receipt_id, item_count).
QString encodeChange(const Change &change);
std::optional<Change> changeFromMessage(const Message &message);
QJsonObject changeData(const Change &change);

// The "data" of a mutate message <-> Mutation (the id travels beside data).
std::optional<Mutation> mutationFromMessage(const Message &message, MutationError *error);
// `asMemberId` (optional): the member the edit is made as when that is not the device's own
// member (a kitchen display paired by an adult, used by whoever picked themselves): "as_member_id".
QString encodeMutation(const Mutation &mutation, const QString &asMemberId = {});
// A mutate's "as_member_id": empty when absent; nullopt (and *error) when it is not a short string.
std::optional<QString> actingMemberFromMessage(const Message &message, MutationError *error);

QString encodeAck(const Message &received, const QJsonObject &extra = {});
QString encodeMutationAck(const Message &received, const MutationResult &result);
// {"reason"} (and the message's "id", when it had one: a batch refused whole).
QString encodeError(const QString &reason, const QJsonValue &id = {});

// The most mutations one `batch` carries (docs/protocol.md, "batch"); hosts say it in `connected`.
inline constexpr int kBatchLimit = 100;

// One entry of a `batch`, read as a mutate of its own: the mutation and whom it is made as, or
// why it cannot be read (it gets a failed result of its own; the other entries go on).
struct BatchEntry
{
    Message message; // the entry as a mutate message: its "id" beside the rest of its data
    std::optional<Mutation> mutation;
    QString actingMemberId;
    MutationError error; // why, when there is no mutation
};

// A batch's entries in order; nullopt and a sentence in *reason when the batch itself cannot be
// used ("mutations" missing or not an array, or more than kBatchLimit of them).
std::optional<QList<BatchEntry>> batchFromMessage(const Message &message, QString *reason);
// Mutate messages (as an outbox keeps them) as one `batch` under `id`: each entry is a mutate's
// data with its own "id".
QString encodeBatch(const QJsonValue &id, const QList<Message> &mutates);
// One entry's outcome, as a mutate's ack gives it: {"id","ok","seq","entity_id","rev"} or
// {"id","ok":false,"error"}, with "merged" when the host merged a stale update.
QJsonObject batchResult(const QJsonValue &id, const MutationResult &result);
// The one ack of a batch: {"received":"batch","id","results":[...]} in the entries' order.
QString encodeBatchAck(const Message &received, const QJsonArray &results);

} // namespace hearth::protocol
