#pragma once

#include "Mutation.h"

#include <QJsonObject>
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
QString encodeError(const QString &reason);

} // namespace hearth::protocol
