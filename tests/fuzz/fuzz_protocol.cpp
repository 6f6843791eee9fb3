// libFuzzer target: the wire-protocol decoder, fed any bytes a peer could send in a text frame,
// and the pure steps the host (RoomHost::onText) and the client (SyncService) take next.
//
// Besides crashes, leaks and UB it checks properties of the codec:
// - every frame is either decoded or refused with a reason, and what the host answers with
//   (error, ack, mutation ack) decodes again with the same "received" and "id";
// - encode(decode(frame)) decodes to the same message, and is byte for byte what
//   QJsonDocument::toJson(Compact) writes (the hand-written JSON writer in Protocol.cpp claims so);
//   encodeChange and the fast path of encodeMutationAck equal their generic forms;
// - a batch is refused whole with a reason or read entry by entry, every entry a mutate that
//   passes the checks below or refused on its own;
// - a mutate message that parses survives encodeMutation -> decode -> mutationFromMessage, and
//   a <collection>_updated event survives encodeChange -> decode -> changeFromMessage.

#include "FuzzSupport.h"
#include "Permissions.h"
#include "Protocol.h"
#include "Schema.h"
#include "Validation.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

using namespace hearth;
using hearth::fuzz::isLossless;

namespace {

protocol::Message mustDecode(const QString &frame)
{
    QString error;
    std::optional<protocol::Message> message = protocol::decode(frame, &error);
    if (!message)
        std::fprintf(stderr, "encoded frame does not decode (%s): %s\n", qPrintable(error), qPrintable(frame));
    FUZZ_CHECK(message.has_value());
    return *message;
}

bool sameMessage(const protocol::Message &a, const protocol::Message &b)
{
    return a.event == b.event && a.data == b.data && a.id == b.id && std::max<qint64>(a.seq, -1) == std::max<qint64>(b.seq, -1);
}

// What QJsonDocument writes for the message encode() writes.
QString qtEncode(const QString &event, const QJsonObject &data, qint64 seq, const QJsonValue &id)
{
    QJsonObject object{{QStringLiteral("event"), event}, {QStringLiteral("data"), data}};
    if (!id.isUndefined() && !id.isNull())
        object.insert(QStringLiteral("id"), id);
    if (seq >= 0)
        object.insert(QStringLiteral("seq"), seq);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

void checkAckFor(const protocol::Message &received, const QString &frame)
{
    const protocol::Message ack = mustDecode(frame);
    FUZZ_CHECK(ack.event == QLatin1String("ack"));
    if (!isLossless(received.event) || !isLossless(received.id))
        return;
    FUZZ_CHECK(ack.data.value(QLatin1String("received")).toString() == received.event);
    FUZZ_CHECK(ack.data.value(QLatin1String("id")) == received.id);
}

void mutate(const protocol::Message &message)
{
    MutationError error;
    const std::optional<Mutation> mutation = protocol::mutationFromMessage(message, &error);
    if (!mutation) {
        FUZZ_CHECK(error.code == QLatin1String("invalid") && !error.message.isEmpty());
        checkAckFor(message, protocol::encodeMutationAck(message, MutationResult::failure(error.code, error.message)));
        return;
    }
    FUZZ_CHECK(!mutation->id.isEmpty() && mutation->id.size() <= 128);

    // What a client sends for this mutation reads back as the same mutation.
    const protocol::Message sent = mustDecode(protocol::encodeMutation(*mutation));
    MutationError again;
    const std::optional<Mutation> back = protocol::mutationFromMessage(sent, &again);
    FUZZ_CHECK(back.has_value());
    if (isLossless(mutation->id) && isLossless(mutation->entityId) && isLossless(mutation->fields)) {
        FUZZ_CHECK(back->id == mutation->id && back->collection == mutation->collection && back->op == mutation->op
                   && back->entityId == mutation->entityId && back->baseRev == mutation->baseRev
                   && back->fields == mutation->fields);
    }

    // The engine's first, pure steps: the fields' types, then the role.
    QJsonObject fields;
    const std::optional<MutationError> invalid = normalizeFields(collectionSpec(mutation->collection), mutation->fields, &fields);
    if (!invalid) {
        FUZZ_CHECK(!Permissions::check(Permissions::kAdult, mutation->collection, mutation->op, fields));
        (void)Permissions::check(Permissions::kChild, mutation->collection, mutation->op, fields);
    }

    MutationResult ok;
    ok.ok = true;
    ok.entityId = mutation->entityId;
    ok.rev = 1;
    ok.seq = 1;
    const QString ack = protocol::encodeMutationAck(message, ok);
    checkAckFor(message, ack);
    if (isLossless(message.event) && isLossless(message.id) && isLossless(ok.entityId)) {
        FUZZ_CHECK(ack == protocol::encodeAck(message, {{QStringLiteral("ok"), true}, {QStringLiteral("seq"), ok.seq},
                                                        {QStringLiteral("entity_id"), ok.entityId},
                                                        {QStringLiteral("rev"), ok.rev}}));
    }
}

// A batch: refused whole with a reason, or read entry by entry, each entry either a mutate that
// passes every check a mutate does or refused on its own as `invalid` with a sentence.
void batch(const protocol::Message &message)
{
    QString reason;
    const std::optional<QList<protocol::BatchEntry>> entries = protocol::batchFromMessage(message, &reason);
    if (!entries) {
        FUZZ_CHECK(!reason.isEmpty());
        FUZZ_CHECK(mustDecode(protocol::encodeError(reason, message.id)).event == QLatin1String("error"));
        return;
    }
    FUZZ_CHECK(entries->size() <= protocol::kBatchLimit);
    for (const protocol::BatchEntry &entry : *entries) {
        if (entry.mutation)
            mutate(entry.message);
        else
            FUZZ_CHECK(entry.error.code == QLatin1String("invalid") && !entry.error.message.isEmpty());
    }
}

void change(const protocol::Message &message)
{
    const std::optional<Change> c = protocol::changeFromMessage(message);
    if (!c)
        return;
    FUZZ_CHECK(!c->entityId.isEmpty() && c->seq >= 1);
    const QString encoded = protocol::encodeChange(*c);
    if (isLossless(message.data))
        FUZZ_CHECK(encoded == protocol::encode(protocol::eventNameFor(*c), protocol::changeData(*c), c->seq));
    const protocol::Message broadcast = mustDecode(encoded);
    Collection collection;
    FUZZ_CHECK(protocol::collectionForEventName(broadcast.event, &collection) && collection == c->collection);
    const std::optional<Change> back = protocol::changeFromMessage(broadcast);
    FUZZ_CHECK(back.has_value());
    if (isLossless(message.data)) {
        FUZZ_CHECK(back->collection == c->collection && back->action == c->action && back->entityId == c->entityId
                   && back->entity == c->entity && back->rev == c->rev && back->seq == c->seq
                   && back->userId == c->userId && back->mutationId == c->mutationId
                   && back->timestamp == c->timestamp);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const QString frame = QString::fromUtf8(reinterpret_cast<const char *>(bytes), qsizetype(size));
    QString error;
    const std::optional<protocol::Message> message = protocol::decode(frame, &error);
    if (!message) {
        FUZZ_CHECK(!error.isEmpty());
        const protocol::Message answer = mustDecode(protocol::encodeError(error));
        FUZZ_CHECK(answer.event == QLatin1String("error"));
        return 0;
    }
    FUZZ_CHECK(!message->event.isEmpty());
    FUZZ_CHECK(message->id.isUndefined() || message->id.isString() || message->id.isDouble());

    // The codec's own round trip.
    const QString encoded = protocol::encode(message->event, message->data, message->seq, message->id);
    const protocol::Message reencoded = mustDecode(encoded);
    if (isLossless(message->event) && isLossless(message->data) && isLossless(message->id)) {
        FUZZ_CHECK(sameMessage(reencoded, *message));
        FUZZ_CHECK(encoded == qtEncode(message->event, message->data, message->seq, message->id));
    }

    // The host: every decoded message is acknowledged; mutate is parsed into a Mutation.
    checkAckFor(*message, protocol::encodeAck(*message));
    if (message->event == QLatin1String("mutate"))
        mutate(*message);
    else if (message->event == QLatin1String("batch"))
        batch(*message);
    else if (message->event == QLatin1String("fetch")) {
        Collection collection;
        if (collectionFromName(message->data.value(QLatin1String("collection")).toString(), &collection))
            FUZZ_CHECK(collectionName(collection) == message->data.value(QLatin1String("collection")).toString());
    }

    // The client: broadcasts of changes.
    change(*message);
    return 0;
}
