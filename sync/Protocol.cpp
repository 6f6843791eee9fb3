#include "Protocol.h"

#include "Schema.h"

#include "JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <limits>

namespace hearth::protocol {

namespace {

using json::writeObject;
using json::writeString;
using json::writeValue;

void writeKey(QByteArray &out, const char *key)
{
    out += '"';
    out += key;
    out += "\":";
}

} // namespace

QString retryHintReason(qint64 retryAfterMs)
{
    return QStringLiteral("Try again later; retry_after_ms=%1").arg(retryAfterMs);
}

std::optional<qint64> retryHintOf(const QString &reason)
{
    static const QLatin1String key("retry_after_ms=");
    const qsizetype at = reason.indexOf(key);
    if (at < 0)
        return std::nullopt;
    qsizetype end = at + key.size();
    while (end < reason.size() && reason.at(end).isDigit())
        ++end;
    bool ok = false;
    const qint64 ms = QStringView(reason).mid(at + key.size(), end - at - key.size()).toLongLong(&ok);
    return ok && ms >= 0 ? std::optional<qint64>(ms) : std::nullopt;
}

std::optional<Message> decode(const QString &text, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("malformed JSON: %1").arg(parseError.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("a message must be a JSON object");
        return std::nullopt;
    }
    const QJsonObject object = doc.object();
    const QJsonValue event = object.value(QLatin1String("event"));
    if (!event.isString() || event.toString().isEmpty()) {
        *error = QStringLiteral("\"event\" must be a non-empty string");
        return std::nullopt;
    }
    const QJsonValue data = object.value(QLatin1String("data"));
    if (!data.isUndefined() && !data.isNull() && !data.isObject()) {
        *error = QStringLiteral("\"data\" must be an object");
        return std::nullopt;
    }
    Message m;
    m.event = event.toString();
    m.data = data.toObject();
    m.id = object.value(QLatin1String("id"));
    if (!m.id.isUndefined() && !m.id.isString() && !m.id.isDouble()) {
        *error = QStringLiteral("\"id\" must be a string or a number");
        return std::nullopt;
    }
    const QJsonValue seq = object.value(QLatin1String("seq"));
    if (seq.isDouble())
        m.seq = seq.toInteger(-1);
    return m;
}

QString encode(const QString &event, const QJsonObject &data, qint64 seq, const QJsonValue &id)
{
    // {"data":..,"event":..,"id":..,"seq":..}: the keys in the order QJsonDocument writes them.
    QByteArray out;
    out.reserve(256);
    out += '{';
    writeKey(out, "data");
    writeObject(out, data);
    out += ',';
    writeKey(out, "event");
    writeString(out, event);
    if (!id.isUndefined() && !id.isNull()) {
        out += ',';
        writeKey(out, "id");
        writeValue(out, id);
    }
    if (seq >= 0) {
        out += ',';
        writeKey(out, "seq");
        out += QByteArray::number(seq);
    }
    out += '}';
    return QString::fromUtf8(out);
}

QString eventNameFor(const Change &change)
{
    return collectionSpec(change.collection).eventNameFor(change);
}

bool collectionForEventName(const QString &event, Collection *collection)
{
    for (const Collection c : allCollections()) {
        const CollectionSpec &spec = collectionSpec(c);
        // "<name>_updated" is read for every collection, as it always was.
        if (spec.eventNames.contains(event) || event == spec.name + QLatin1String("_updated")) {
            *collection = c;
            return true;
        }
    }
    return false;
}

QJsonObject changeData(const Change &change)
{
    QJsonObject data{{QStringLiteral("collection"), collectionName(change.collection)},
                     {QStringLiteral("action"), changeActionName(change.action)},
                     {QStringLiteral("entity_id"), change.entityId},
                     {QStringLiteral("entity"), change.entity},
                     {QStringLiteral("rev"), change.rev},
                     {QStringLiteral("user_id"), change.userId},
                     {QStringLiteral("mutation_id"), change.mutationId},
                     {QStringLiteral("ts"), change.timestamp}};
    // A collection's own keys sit beside the envelope; they never replace a key of it.
    const CollectionSpec &spec = collectionSpec(change.collection);
    if (spec.eventData) {
        const QJsonObject extra = spec.eventData(change);
        for (auto it = extra.begin(); it != extra.end(); ++it) {
            if (!data.contains(it.key()))
                data.insert(it.key(), it.value());
        }
    }
    return data;
}

QString encodeChange(const Change &change)
{
    // A collection that adds keys to its events takes the general path (they sort among the
    // envelope's keys); the entity is written the same either way.
    if (collectionSpec(change.collection).eventData)
        return encode(eventNameFor(change), changeData(change), change.seq);
    // What encode(eventNameFor(..), changeData(change), change.seq) writes, without the object.
    QByteArray out;
    out.reserve(512);
    out += "{\"data\":{";
    writeKey(out, "action");
    writeString(out, changeActionName(change.action));
    out += ',';
    writeKey(out, "collection");
    writeString(out, collectionName(change.collection));
    out += ',';
    writeKey(out, "entity");
    if (!change.entityJson.isEmpty())
        out += change.entityJson; // the bytes the event log holds: the same serialisation
    else
        writeObject(out, change.entity);
    out += ',';
    writeKey(out, "entity_id");
    writeString(out, change.entityId);
    out += ',';
    writeKey(out, "mutation_id");
    writeString(out, change.mutationId);
    out += ',';
    writeKey(out, "rev");
    out += QByteArray::number(change.rev);
    out += ',';
    writeKey(out, "ts");
    writeString(out, change.timestamp);
    out += ',';
    writeKey(out, "user_id");
    writeString(out, change.userId);
    out += "},";
    writeKey(out, "event");
    writeString(out, eventNameFor(change));
    if (change.seq >= 0) {
        out += ',';
        writeKey(out, "seq");
        out += QByteArray::number(change.seq);
    }
    out += '}';
    return QString::fromUtf8(out);
}

std::optional<Change> changeFromMessage(const Message &message)
{
    Change c;
    if (!collectionForEventName(message.event, &c.collection) || message.seq < 1)
        return std::nullopt;
    const QString action = message.data.value(QLatin1String("action")).toString();
    if (action == QLatin1String("created"))
        c.action = ChangeAction::Created;
    else if (action == QLatin1String("updated"))
        c.action = ChangeAction::Updated;
    else if (action == QLatin1String("deleted"))
        c.action = ChangeAction::Deleted;
    else
        return std::nullopt;
    c.entityId = message.data.value(QLatin1String("entity_id")).toString();
    c.entity = message.data.value(QLatin1String("entity")).toObject();
    c.rev = message.data.value(QLatin1String("rev")).toInteger();
    c.seq = message.seq;
    c.userId = message.data.value(QLatin1String("user_id")).toString();
    c.mutationId = message.data.value(QLatin1String("mutation_id")).toString();
    c.timestamp = message.data.value(QLatin1String("ts")).toString();
    if (c.entityId.isEmpty())
        return std::nullopt;
    return c;
}

std::optional<Mutation> mutationFromMessage(const Message &message, MutationError *error)
{
    const auto invalid = [&](const QString &text) {
        *error = MutationError{QStringLiteral("invalid"), text, {}};
        return std::nullopt;
    };
    Mutation m;
    if (message.id.isString())
        m.id = message.id.toString();
    else if (message.id.isDouble() && message.id.toInteger(-1) >= 0 && double(message.id.toInteger()) == message.id.toDouble())
        m.id = QString::number(message.id.toInteger());
    // A number that is not a whole one (1.5, 1e20) would all become "0" and make later mutations
    // look like retries of the first: refused instead.
    if (m.id.isEmpty() || m.id.size() > 128)
        return invalid(QStringLiteral("a mutation needs an \"id\" (at most 128 characters)"));
    if (!collectionFromName(message.data.value(QLatin1String("collection")).toString(), &m.collection))
        return invalid(QStringLiteral("unknown collection"));
    const QString op = message.data.value(QLatin1String("op")).toString();
    if (op == QLatin1String("create"))
        m.op = MutationOp::Create;
    else if (op == QLatin1String("update"))
        m.op = MutationOp::Update;
    else if (op == QLatin1String("delete"))
        m.op = MutationOp::Delete;
    else
        return invalid(QStringLiteral("\"op\" must be create, update or delete"));
    const QJsonValue entityId = message.data.value(QLatin1String("entity_id"));
    if (!entityId.isUndefined() && !entityId.isNull() && !entityId.isString())
        return invalid(QStringLiteral("\"entity_id\" must be a string"));
    m.entityId = entityId.toString();
    const QJsonValue baseRev = message.data.value(QLatin1String("base_rev"));
    if (!baseRev.isUndefined() && !baseRev.isNull()) {
        if (!baseRev.isDouble() || baseRev.toInteger(-1) < 0)
            return invalid(QStringLiteral("\"base_rev\" must be a whole number"));
        m.baseRev = baseRev.toInteger();
    }
    const QJsonValue fields = message.data.value(QLatin1String("fields"));
    if (!fields.isUndefined() && !fields.isNull() && !fields.isObject())
        return invalid(QStringLiteral("\"fields\" must be an object"));
    m.fields = fields.toObject();
    return m;
}

std::optional<QString> actingMemberFromMessage(const Message &message, MutationError *error)
{
    const QJsonValue as = message.data.value(QLatin1String("as_member_id"));
    if (as.isUndefined() || as.isNull())
        return QString();
    if (!as.isString() || as.toString().size() > 64) {
        *error = MutationError{QStringLiteral("invalid"), QStringLiteral("\"as_member_id\" must be a member id"), {}};
        return std::nullopt;
    }
    return as.toString();
}

QString encodeMutation(const Mutation &mutation, const QString &asMemberId)
{
    QJsonObject data{{QStringLiteral("collection"), collectionName(mutation.collection)},
                     {QStringLiteral("op"), mutationOpName(mutation.op)},
                     {QStringLiteral("fields"), mutation.fields}};
    if (!mutation.entityId.isEmpty())
        data.insert(QStringLiteral("entity_id"), mutation.entityId);
    if (mutation.baseRev >= 0)
        data.insert(QStringLiteral("base_rev"), mutation.baseRev);
    if (!asMemberId.isEmpty())
        data.insert(QStringLiteral("as_member_id"), asMemberId);
    return encode(QStringLiteral("mutate"), data, -1, mutation.id);
}

QString encodeAck(const Message &received, const QJsonObject &extra)
{
    QJsonObject data = extra;
    data.insert(QStringLiteral("received"), received.event);
    if (!received.id.isUndefined())
        data.insert(QStringLiteral("id"), received.id);
    return encode(QStringLiteral("ack"), data);
}

QString encodeMutationAck(const Message &received, const MutationResult &result)
{
    if (result.ok) {
        // {"data":{"entity_id","id","merged","ok","received","rev","seq"},"event":"ack"}, as encodeAck
        // writes it; "merged" only when a stale update was merged (docs/protocol.md, "Concurrent edits").
        QByteArray out;
        out.reserve(192);
        out += "{\"data\":{";
        writeKey(out, "entity_id");
        writeString(out, result.entityId);
        if (!received.id.isUndefined()) {
            out += ',';
            writeKey(out, "id");
            writeValue(out, received.id);
        }
        if (!result.merged.isEmpty()) {
            out += ',';
            writeKey(out, "merged");
            writeValue(out, result.merged);
        }
        out += ",\"ok\":true,";
        writeKey(out, "received");
        writeString(out, received.event);
        out += ',';
        writeKey(out, "rev");
        out += QByteArray::number(result.rev);
        out += ',';
        writeKey(out, "seq");
        out += QByteArray::number(result.seq);
        out += "},\"event\":\"ack\"}";
        return QString::fromUtf8(out);
    }
    QJsonObject error{{QStringLiteral("code"), result.error.code}, {QStringLiteral("message"), result.error.message}};
    if (!result.error.field.isEmpty())
        error.insert(QStringLiteral("field"), result.error.field);
    return encodeAck(received, {{QStringLiteral("ok"), false}, {QStringLiteral("error"), error}});
}

QString encodeError(const QString &reason, const QJsonValue &id)
{
    QJsonObject data{{QStringLiteral("reason"), reason}};
    if (!id.isUndefined() && !id.isNull())
        data.insert(QStringLiteral("id"), id);
    return encode(QStringLiteral("error"), data);
}

std::optional<QList<BatchEntry>> batchFromMessage(const Message &message, QString *reason)
{
    const QJsonValue mutations = message.data.value(QLatin1String("mutations"));
    if (!mutations.isArray()) {
        *reason = QStringLiteral("a batch needs \"mutations\": an array of mutate data objects");
        return std::nullopt;
    }
    const QJsonArray array = mutations.toArray();
    if (array.size() > kBatchLimit) {
        *reason = QStringLiteral("a batch holds at most %1 mutations; this one has %2, and none of them was applied")
                      .arg(kBatchLimit)
                      .arg(array.size());
        return std::nullopt;
    }
    QList<BatchEntry> entries;
    entries.reserve(array.size());
    for (const QJsonValue &value : array) {
        BatchEntry entry;
        entry.message.event = QStringLiteral("mutate");
        entry.message.id = QJsonValue::Undefined; // as a mutate without one
        if (!value.isObject()) {
            entry.error = MutationError{QStringLiteral("invalid"), QStringLiteral("each entry of a batch must be a mutate's data object"), {}};
            entries.append(entry);
            continue;
        }
        entry.message.data = value.toObject();
        entry.message.id = entry.message.data.take(QLatin1String("id"));
        if (!entry.message.id.isUndefined() && !entry.message.id.isString() && !entry.message.id.isDouble()) {
            entry.error = MutationError{QStringLiteral("invalid"), QStringLiteral("\"id\" must be a string or a number"), {}};
            entry.message.id = QJsonValue::Undefined; // not echoed: it is not an id
            entries.append(entry);
            continue;
        }
        entry.mutation = mutationFromMessage(entry.message, &entry.error);
        const std::optional<QString> acting = entry.mutation ? actingMemberFromMessage(entry.message, &entry.error) : std::nullopt;
        if (!acting)
            entry.mutation.reset();
        else
            entry.actingMemberId = *acting;
        entries.append(entry);
    }
    return entries;
}

QString encodeBatch(const QJsonValue &id, const QList<Message> &mutates)
{
    QJsonArray entries;
    for (const Message &mutate : mutates) {
        QJsonObject entry = mutate.data;
        entry.insert(QStringLiteral("id"), mutate.id);
        entries.append(entry);
    }
    return encode(QStringLiteral("batch"), {{QStringLiteral("mutations"), entries}}, -1, id);
}

QJsonObject batchResult(const QJsonValue &id, const MutationResult &result)
{
    QJsonObject out{{QStringLiteral("ok"), result.ok}};
    if (!id.isUndefined() && !id.isNull())
        out.insert(QStringLiteral("id"), id);
    if (result.ok) {
        out.insert(QStringLiteral("seq"), result.seq);
        out.insert(QStringLiteral("entity_id"), result.entityId);
        out.insert(QStringLiteral("rev"), result.rev);
    } else {
        QJsonObject error{{QStringLiteral("code"), result.error.code}, {QStringLiteral("message"), result.error.message}};
        if (!result.error.field.isEmpty())
            error.insert(QStringLiteral("field"), result.error.field);
        out.insert(QStringLiteral("error"), error);
    }
    if (!result.merged.isEmpty())
        out.insert(QStringLiteral("merged"), result.merged);
    return out;
}

QString encodeBatchAck(const Message &received, const QJsonArray &results)
{
    return encodeAck(received, {{QStringLiteral("results"), results}});
}

} // namespace hearth::protocol
