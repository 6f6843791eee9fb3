// Wire protocol v1 codec: decoding frames (and refusing malformed ones with a reason), encoding
// events, the mutate message <-> Mutation, the <collection>_updated broadcast round trip, and the
// exact shape of acknowledgements as docs/protocol.md and the design's contract give them.

#include "Protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace hearth;
using namespace hearth::protocol;

namespace {

QJsonObject parse(const QString &frame)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(frame.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return {};
    return doc.object();
}

QSet<QString> keysOf(const QJsonObject &object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

QSet<QString> keys(std::initializer_list<const char *> names)
{
    QSet<QString> set;
    for (const char *n : names)
        set.insert(QString::fromLatin1(n));
    return set;
}

Message decoded(const QString &text)
{
    QString error;
    const auto m = decode(text, &error);
    return m ? *m : Message {};
}

} // namespace

class tst_Protocol : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral(".*"))); }

    void closeCodesAndLimits();
    void retryHints();
    void decodesMessages_data();
    void decodesMessages();
    void refusesMalformed_data();
    void refusesMalformed();
    void encodesEnvelope();
    void eventNames_data();
    void eventNames();
    void bankSyncedCarriesItsData();
    void unknownEventNames_data();
    void unknownEventNames();
    void changeRoundTrip_data();
    void changeRoundTrip();
    void changeFromMessageRefuses_data();
    void changeFromMessageRefuses();
    void mutationFromMessage_data();
    void mutationFromMessage();
    void mutationFromMessageRefuses_data();
    void mutationFromMessageRefuses();
    void mutationRoundTrip();
    void ackShapes_data();
    void ackShapes();
    void mutationAckOk();
    void mutationAckFailure();
    void errorEvent();
    void batchDecodes();
    void batchEntriesRefusedOneByOne_data();
    void batchEntriesRefusedOneByOne();
    void batchRefusedWhole_data();
    void batchRefusedWhole();
    void batchRoundTrip();
    void batchAckShape();
};

void tst_Protocol::closeCodesAndLimits()
{
    QCOMPARE(kCloseUnauthorized, 4001);
    QCOMPARE(kCloseForbidden, 4003);
    QCOMPARE(kCloseGoingAway, 1001);
    QCOMPARE(kClosePolicy, 1008);
    QCOMPARE(kCloseTooBig, 1009);
    QCOMPARE(kCloseTryAgainLater, 4503);
    QCOMPARE(kDefaultMessageLimit, qint64(4 * 1024 * 1024));
}

void tst_Protocol::retryHints()
{
    // Byte for byte what docs/protocol.md states, and read back.
    QCOMPARE(retryHintReason(2500), QStringLiteral("Try again later; retry_after_ms=2500"));
    QCOMPARE(retryHintOf(retryHintReason(2500)), std::optional<qint64>(2500));
    QCOMPARE(retryHintOf(QStringLiteral("retry_after_ms=0")), std::optional<qint64>(0));
    // No hint, or one that is not a number: the client's own backoff.
    QCOMPARE(retryHintOf(QStringLiteral("Try again later")), std::nullopt);
    QCOMPARE(retryHintOf(QStringLiteral("retry_after_ms=")), std::nullopt);
    QCOMPARE(retryHintOf(QStringLiteral("retry_after_ms=-5")), std::nullopt);
    QCOMPARE(retryHintOf(QStringLiteral("retry_after_ms=99999999999999999999999")), std::nullopt);
}

void tst_Protocol::decodesMessages_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<qint64>("seq");

    QTest::newRow("event only") << QStringLiteral(R"({"event":"pong"})") << QStringLiteral("pong") << QJsonObject()
                                << QJsonValue(QJsonValue::Undefined) << qint64(-1);
    QTest::newRow("data null") << QStringLiteral(R"({"event":"ping","data":null})") << QStringLiteral("ping")
                               << QJsonObject() << QJsonValue(QJsonValue::Undefined) << qint64(-1);
    QTest::newRow("with data") << QStringLiteral(R"({"event":"resume","data":{"since":12}})")
                               << QStringLiteral("resume") << QJsonObject { { QStringLiteral("since"), 12 } }
                               << QJsonValue(QJsonValue::Undefined) << qint64(-1);
    QTest::newRow("string id") << QStringLiteral(R"({"event":"fetch","id":"f-1","data":{"collection":"pantry"}})")
                               << QStringLiteral("fetch")
                               << QJsonObject { { QStringLiteral("collection"), QStringLiteral("pantry") } }
                               << QJsonValue(QStringLiteral("f-1")) << qint64(-1);
    QTest::newRow("number id") << QStringLiteral(R"({"event":"ping","id":7,"data":{}})") << QStringLiteral("ping")
                               << QJsonObject() << QJsonValue(7) << qint64(-1);
    QTest::newRow("seq") << QStringLiteral(R"({"event":"pantry_updated","seq":42,"data":{"action":"deleted"}})")
                         << QStringLiteral("pantry_updated")
                         << QJsonObject { { QStringLiteral("action"), QStringLiteral("deleted") } }
                         << QJsonValue(QJsonValue::Undefined) << qint64(42);
    QTest::newRow("unknown keys ignored")
        << QStringLiteral(R"({"event":"x","data":{},"extra":[1,2]})") << QStringLiteral("x") << QJsonObject()
        << QJsonValue(QJsonValue::Undefined) << qint64(-1);
    QTest::newRow("unicode") << QStringLiteral(R"({"event":"x","data":{"name":"Crème brûlée 🍮"}})")
                             << QStringLiteral("x")
                             << QJsonObject { { QStringLiteral("name"), QStringLiteral("Crème brûlée 🍮") } }
                             << QJsonValue(QJsonValue::Undefined) << qint64(-1);
}

void tst_Protocol::decodesMessages()
{
    QFETCH(QString, text);
    QFETCH(QString, event);
    QFETCH(QJsonObject, data);
    QFETCH(QJsonValue, id);
    QFETCH(qint64, seq);

    QString error;
    const auto m = decode(text, &error);
    QVERIFY2(m.has_value(), qPrintable(error));
    QCOMPARE(m->event, event);
    QCOMPARE(m->data, data);
    QCOMPARE(m->id, id);
    QCOMPARE(m->seq, seq);
}

void tst_Protocol::refusesMalformed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason"); // a word the reason must contain

    QTest::newRow("not JSON") << QStringLiteral("hello there") << QStringLiteral("JSON");
    QTest::newRow("empty") << QString() << QStringLiteral("JSON");
    QTest::newRow("truncated") << QStringLiteral(R"({"event":"ping","data":{)") << QStringLiteral("JSON");
    QTest::newRow("array") << QStringLiteral(R"([{"event":"ping"}])") << QStringLiteral("object");
    QTest::newRow("string") << QStringLiteral(R"("ping")") << QStringLiteral("JSON");
    QTest::newRow("missing event") << QStringLiteral(R"({"data":{}})") << QStringLiteral("event");
    QTest::newRow("event not a string") << QStringLiteral(R"({"event":5,"data":{}})") << QStringLiteral("event");
    QTest::newRow("event empty") << QStringLiteral(R"({"event":"","data":{}})") << QStringLiteral("event");
    QTest::newRow("data array") << QStringLiteral(R"({"event":"ping","data":[1,2]})") << QStringLiteral("data");
    QTest::newRow("data string") << QStringLiteral(R"({"event":"ping","data":"x"})") << QStringLiteral("data");
    QTest::newRow("data number") << QStringLiteral(R"({"event":"ping","data":3})") << QStringLiteral("data");
    QTest::newRow("id bool") << QStringLiteral(R"({"event":"ping","id":true})") << QStringLiteral("id");
    QTest::newRow("id object") << QStringLiteral(R"({"event":"ping","id":{}})") << QStringLiteral("id");
}

void tst_Protocol::refusesMalformed()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);

    QString error;
    QVERIFY(!decode(text, &error).has_value());
    QVERIFY2(error.contains(reason), qPrintable(error));
}

void tst_Protocol::encodesEnvelope()
{
    // Exactly {"event","data"}: no seq or id unless given.
    const QJsonObject ping = parse(encode(QStringLiteral("ping"), {}));
    QCOMPARE(ping,
        (QJsonObject {
            { QStringLiteral("event"), QStringLiteral("ping") }, { QStringLiteral("data"), QJsonObject() } }));

    const QJsonObject withSeq = parse(encode(QStringLiteral("synced"), { { QStringLiteral("seq"), 9 } }, 9));
    QCOMPARE(keysOf(withSeq), keys({ "event", "data", "seq" }));
    QCOMPARE(withSeq.value(QLatin1String("seq")).toInteger(), 9);

    const QJsonObject withId = parse(encode(QStringLiteral("fetch"), {}, -1, QStringLiteral("x1")));
    QCOMPARE(keysOf(withId), keys({ "event", "data", "id" }));
    QCOMPARE(withId.value(QLatin1String("id")).toString(), QStringLiteral("x1"));

    // seq 0 is a real seq (a household's log starts at 1, but the encoder must not guess).
    QVERIFY(parse(encode(QStringLiteral("x"), {}, 0)).contains(QLatin1String("seq")));
    // A null id is the same as none.
    QVERIFY(!parse(encode(QStringLiteral("x"), {}, -1, QJsonValue::Null)).contains(QLatin1String("id")));

    // One text frame, compact: no new lines that a line-based peer would split on.
    QVERIFY(
        !encode(QStringLiteral("x"), { { QStringLiteral("a"), QStringLiteral("b\nc") } }).contains(QLatin1Char('\n')));

    // decode(encode(x)) == x
    const Message m
        = decoded(encode(QStringLiteral("snapshot"), { { QStringLiteral("rows"), QJsonArray { 1, 2 } } }, 5, 17));
    QCOMPARE(m.event, QStringLiteral("snapshot"));
    QCOMPARE(m.seq, 5);
    QCOMPARE(m.id, QJsonValue(17));
    QCOMPARE(m.data.value(QLatin1String("rows")).toArray().size(), 2);
}

void tst_Protocol::eventNames_data()
{
    QTest::addColumn<Collection>("collection");
    QTest::addColumn<QString>("event");

    // The names the original web and mobile clients know...
    QTest::newRow("pantry") << Collection::Pantry << QStringLiteral("pantry_updated");
    QTest::newRow("goals") << Collection::Goals << QStringLiteral("goal_updated");
    // ...and <collection>_updated for the others.
    QTest::newRow("transactions") << Collection::Transactions << QStringLiteral("transactions_updated");
    QTest::newRow("members") << Collection::Members << QStringLiteral("members_updated");
    QTest::newRow("household") << Collection::Household << QStringLiteral("household_updated");
    QTest::newRow("board_columns") << Collection::BoardColumns << QStringLiteral("board_columns_updated");
    QTest::newRow("board_cards") << Collection::BoardCards << QStringLiteral("board_cards_updated");
    // A processed bank statement, as the household-sync design names it.
    QTest::newRow("bank_imports") << Collection::BankImports << QStringLiteral("bank_synced");
    // A confirmed receipt, as the household-sync design names it (receipt_updated, receipt_deleted after).
    QTest::newRow("receipts") << Collection::Receipts << QStringLiteral("receipt_confirmed");
}

void tst_Protocol::eventNames()
{
    QFETCH(Collection, collection);
    QFETCH(QString, event);

    Change change;
    change.collection = collection;
    QCOMPARE(eventNameFor(change), event);
    Collection back = collection == Collection::Pantry ? Collection::Goals : Collection::Pantry;
    QVERIFY(collectionForEventName(event, &back));
    QCOMPARE(back, collection);
}

void tst_Protocol::bankSyncedCarriesItsData()
{
    Change change;
    change.collection = Collection::BankImports;
    change.action = ChangeAction::Created;
    change.entityId = QStringLiteral("b1");
    change.entity = {{QStringLiteral("id"), QStringLiteral("b1")}, {QStringLiteral("account"), QStringLiteral("Checking")},
                     {QStringLiteral("transaction_count"), 143}};
    change.seq = 7;
    const QJsonObject message = QJsonDocument::fromJson(encodeChange(change).toUtf8()).object();
    QCOMPARE(message.value(QLatin1String("event")).toString(), QStringLiteral("bank_synced"));
    const QJsonObject data = message.value(QLatin1String("data")).toObject();
    QCOMPARE(data.value(QLatin1String("transaction_count")).toInteger(), 143);
    QCOMPARE(data.value(QLatin1String("account")).toString(), QStringLiteral("Checking"));
    QCOMPARE(data.value(QLatin1String("collection")).toString(), QStringLiteral("bank_imports"));
    QCOMPARE(data.value(QLatin1String("entity_id")).toString(), QStringLiteral("b1"));
}

void tst_Protocol::unknownEventNames_data()
{
    QTest::addColumn<QString>("event");
    QTest::newRow("bare collection") << QStringLiteral("pantry");
    QTest::newRow("unknown collection") << QStringLiteral("gifts_updated");
    QTest::newRow("suffix only") << QStringLiteral("_updated");
    QTest::newRow("an event of another design") << QStringLiteral("recipe-shared");
    QTest::newRow("case") << QStringLiteral("Pantry_Updated");
    QTest::newRow("control event") << QStringLiteral("synced");
}

void tst_Protocol::unknownEventNames()
{
    QFETCH(QString, event);
    Collection c = Collection::Pantry;
    QVERIFY(!collectionForEventName(event, &c));
}

void tst_Protocol::changeRoundTrip_data()
{
    QTest::addColumn<Collection>("collection");
    QTest::addColumn<ChangeAction>("action");

    QTest::newRow("pantry created") << Collection::Pantry << ChangeAction::Created;
    QTest::newRow("pantry updated") << Collection::Pantry << ChangeAction::Updated;
    QTest::newRow("pantry deleted") << Collection::Pantry << ChangeAction::Deleted;
    QTest::newRow("goal updated") << Collection::Goals << ChangeAction::Updated;
    QTest::newRow("card created") << Collection::BoardCards << ChangeAction::Created;
}

void tst_Protocol::changeRoundTrip()
{
    QFETCH(Collection, collection);
    QFETCH(ChangeAction, action);

    Change c;
    c.collection = collection;
    c.action = action;
    c.entityId = QStringLiteral("e-1");
    c.entity = { { QStringLiteral("id"), QStringLiteral("e-1") }, { QStringLiteral("name"), QStringLiteral("Milk") },
        { QStringLiteral("quantity"), 2.5 }, { QStringLiteral("expires_on"), QJsonValue::Null },
        { QStringLiteral("rev"), 3 } };
    c.rev = 3;
    c.seq = 41;
    c.userId = QStringLiteral("member-1");
    c.mutationId = QStringLiteral("m-1");
    c.timestamp = QStringLiteral("2026-03-15T10:00:00.000Z");

    const QString frame = encodeChange(c);
    const QJsonObject json = parse(frame);
    // The contract: {"event":"pantry_updated","seq":N,"data":{action, entity_id, entity, rev, user_id, mutation_id,
    // ts}}
    QCOMPARE(keysOf(json), keys({ "event", "seq", "data" }));
    QCOMPARE(json.value(QLatin1String("event")).toString(), eventNameFor(c));
    QCOMPARE(json.value(QLatin1String("seq")).toInteger(), 41);
    const QJsonObject data = json.value(QLatin1String("data")).toObject();
    QVERIFY(keysOf(data).contains(keys({ "action", "entity_id", "entity", "rev", "user_id", "mutation_id", "ts" })));
    QCOMPARE(data.value(QLatin1String("action")).toString(), changeActionName(action));
    QCOMPARE(data.value(QLatin1String("entity_id")).toString(), QStringLiteral("e-1"));
    QCOMPARE(data.value(QLatin1String("entity")).toObject(), c.entity);
    QCOMPARE(data.value(QLatin1String("rev")).toInteger(), 3);
    QCOMPARE(data.value(QLatin1String("user_id")).toString(), QStringLiteral("member-1"));
    QCOMPARE(data.value(QLatin1String("mutation_id")).toString(), QStringLiteral("m-1"));
    QCOMPARE(data.value(QLatin1String("ts")).toString(), c.timestamp);
    // Extension: the collection's wire name, so a client needs no table of event names.
    QCOMPARE(data.value(QLatin1String("collection")).toString(), collectionName(collection));

    const auto back = changeFromMessage(decoded(frame));
    QVERIFY(back.has_value());
    QCOMPARE(back->collection, c.collection);
    QCOMPARE(back->action, c.action);
    QCOMPARE(back->entityId, c.entityId);
    QCOMPARE(back->entity, c.entity);
    QCOMPARE(back->rev, c.rev);
    QCOMPARE(back->seq, c.seq);
    QCOMPARE(back->userId, c.userId);
    QCOMPARE(back->mutationId, c.mutationId);
    QCOMPARE(back->timestamp, c.timestamp);
}

void tst_Protocol::changeFromMessageRefuses_data()
{
    QTest::addColumn<QString>("text");
    const QString data = QStringLiteral(R"("data":{"action":"created","entity_id":"e","entity":{},"rev":1})");
    QTest::newRow("no seq") << QStringLiteral("{\"event\":\"pantry_updated\",%1}").arg(data);
    QTest::newRow("seq 0") << QStringLiteral("{\"event\":\"pantry_updated\",\"seq\":0,%1}").arg(data);
    QTest::newRow("seq string") << QStringLiteral("{\"event\":\"pantry_updated\",\"seq\":\"3\",%1}").arg(data);
    QTest::newRow("unknown event") << QStringLiteral("{\"event\":\"gifts_updated\",\"seq\":3,%1}").arg(data);
    QTest::newRow("control event") << QStringLiteral("{\"event\":\"synced\",\"seq\":3,%1}").arg(data);
    QTest::newRow("bad action") << QStringLiteral(
        R"({"event":"pantry_updated","seq":3,"data":{"action":"renamed","entity_id":"e","entity":{},"rev":1}})");
    QTest::newRow("no action") << QStringLiteral(R"({"event":"pantry_updated","seq":3,"data":{"entity_id":"e"}})");
    QTest::newRow("no entity id") << QStringLiteral(
        R"({"event":"pantry_updated","seq":3,"data":{"action":"created","entity":{},"rev":1}})");
}

void tst_Protocol::changeFromMessageRefuses()
{
    QFETCH(QString, text);
    QString error;
    const auto m = decode(text, &error);
    QVERIFY2(m.has_value(), qPrintable(error));
    QVERIFY(!changeFromMessage(*m).has_value());
}

void tst_Protocol::mutationFromMessage_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("id");
    QTest::addColumn<Collection>("collection");
    QTest::addColumn<MutationOp>("op");
    QTest::addColumn<QString>("entityId");
    QTest::addColumn<qint64>("baseRev");
    QTest::addColumn<QJsonObject>("fields");

    QTest::newRow("create") << QStringLiteral(
        R"({"event":"mutate","id":"m-1","data":{"collection":"pantry","op":"create","fields":{"name":"Milk","quantity":2}}})")
                            << QStringLiteral("m-1") << Collection::Pantry << MutationOp::Create << QString()
                            << qint64(-1)
                            << QJsonObject { { QStringLiteral("name"), QStringLiteral("Milk") },
                                   { QStringLiteral("quantity"), 2 } };
    QTest::newRow("create with client id") << QStringLiteral(
        R"({"event":"mutate","id":"m-2","data":{"collection":"pantry","op":"create","entity_id":"p-9","fields":{"name":"Tea"}}})")
                                           << QStringLiteral("m-2") << Collection::Pantry << MutationOp::Create
                                           << QStringLiteral("p-9") << qint64(-1)
                                           << QJsonObject { { QStringLiteral("name"), QStringLiteral("Tea") } };
    QTest::newRow("numeric id") << QStringLiteral(
        R"({"event":"mutate","id":12,"data":{"collection":"goals","op":"update","entity_id":"g","fields":{"saved_cents":100}}})")
                                << QStringLiteral("12") << Collection::Goals << MutationOp::Update
                                << QStringLiteral("g") << qint64(-1)
                                << QJsonObject { { QStringLiteral("saved_cents"), 100 } };
    QTest::newRow("update with base_rev") << QStringLiteral(
        R"({"event":"mutate","id":"u","data":{"collection":"pantry","op":"update","entity_id":"p","base_rev":4,"fields":{"quantity":0}}})")
                                          << QStringLiteral("u") << Collection::Pantry << MutationOp::Update
                                          << QStringLiteral("p") << qint64(4)
                                          << QJsonObject { { QStringLiteral("quantity"), 0 } };
    QTest::newRow("delete, no fields") << QStringLiteral(
        R"({"event":"mutate","id":"d","data":{"collection":"board_cards","op":"delete","entity_id":"c"}})")
                                       << QStringLiteral("d") << Collection::BoardCards << MutationOp::Delete
                                       << QStringLiteral("c") << qint64(-1) << QJsonObject();
    QTest::newRow("null entity_id and base_rev") << QStringLiteral(
        R"({"event":"mutate","id":"n","data":{"collection":"pantry","op":"create","entity_id":null,"base_rev":null,"fields":{"name":"A"}}})")
                                                 << QStringLiteral("n") << Collection::Pantry << MutationOp::Create
                                                 << QString() << qint64(-1)
                                                 << QJsonObject { { QStringLiteral("name"), QStringLiteral("A") } };
}

void tst_Protocol::mutationFromMessage()
{
    QFETCH(QString, text);
    QFETCH(QString, id);
    QFETCH(Collection, collection);
    QFETCH(MutationOp, op);
    QFETCH(QString, entityId);
    QFETCH(qint64, baseRev);
    QFETCH(QJsonObject, fields);

    MutationError error;
    const auto m = protocol::mutationFromMessage(decoded(text), &error);
    QVERIFY2(m.has_value(), qPrintable(error.message));
    QCOMPARE(m->id, id);
    QCOMPARE(m->collection, collection);
    QCOMPARE(m->op, op);
    QCOMPARE(m->entityId, entityId);
    QCOMPARE(m->baseRev, baseRev);
    QCOMPARE(m->fields, fields);
}

void tst_Protocol::mutationFromMessageRefuses_data()
{
    QTest::addColumn<QString>("text");

    const auto mutate = [](const char *idPart, const char *data) {
        return QStringLiteral("{\"event\":\"mutate\"%1,\"data\":%2}").arg(QLatin1String(idPart), QLatin1String(data));
    };
    const char *okData = R"({"collection":"pantry","op":"create","fields":{"name":"A"}})";
    QTest::newRow("no id") << mutate("", okData);
    QTest::newRow("empty id") << mutate(R"(,"id":"")", okData);
    QTest::newRow("id too long") << mutate(
        qPrintable(QStringLiteral(",\"id\":\"%1\"").arg(QString(129, QLatin1Char('x')))), okData);
    // Found by fuzz_protocol: these all used to become id "0", so later ones were taken for retries.
    QTest::newRow("fractional id") << mutate(R"(,"id":1.5)", okData);
    QTest::newRow("huge id") << mutate(R"(,"id":1e20)", okData);
    QTest::newRow("negative id") << mutate(R"(,"id":-3)", okData);
    QTest::newRow("no collection") << mutate(R"(,"id":"m")", R"({"op":"create","fields":{"name":"A"}})");
    QTest::newRow("unknown collection") << mutate(
        R"(,"id":"m")", R"({"collection":"gifts","op":"create","fields":{}})");
    QTest::newRow("collection not a string") << mutate(R"(,"id":"m")", R"({"collection":3,"op":"create","fields":{}})");
    QTest::newRow("no op") << mutate(R"(,"id":"m")", R"({"collection":"pantry","fields":{"name":"A"}})");
    QTest::newRow("bad op") << mutate(R"(,"id":"m")", R"({"collection":"pantry","op":"upsert","fields":{"name":"A"}})");
    QTest::newRow("op case") << mutate(
        R"(,"id":"m")", R"({"collection":"pantry","op":"CREATE","fields":{"name":"A"}})");
    QTest::newRow("entity_id number") << mutate(
        R"(,"id":"m")", R"({"collection":"pantry","op":"update","entity_id":5,"fields":{}})");
    QTest::newRow("base_rev negative") << mutate(
        R"(,"id":"m")", R"({"collection":"pantry","op":"update","entity_id":"p","base_rev":-1,"fields":{}})");
    QTest::newRow("base_rev string") << mutate(
        R"(,"id":"m")", R"({"collection":"pantry","op":"update","entity_id":"p","base_rev":"2","fields":{}})");
    QTest::newRow("fields array") << mutate(
        R"(,"id":"m")", R"({"collection":"pantry","op":"create","fields":["name"]})");
    QTest::newRow("fields string") << mutate(
        R"(,"id":"m")", R"({"collection":"pantry","op":"create","fields":"name=A"})");
}

void tst_Protocol::mutationFromMessageRefuses()
{
    QFETCH(QString, text);
    QString decodeError;
    const auto message = decode(text, &decodeError);
    QVERIFY2(message.has_value(), qPrintable(decodeError));
    MutationError error;
    QVERIFY(!protocol::mutationFromMessage(*message, &error).has_value());
    QCOMPARE(error.code, QStringLiteral("invalid"));
    QVERIFY(!error.message.isEmpty());
}

void tst_Protocol::mutationRoundTrip()
{
    Mutation m;
    m.id = QStringLiteral("m-7");
    m.collection = Collection::BoardCards;
    m.op = MutationOp::Update;
    m.entityId = QStringLiteral("card-1");
    m.baseRev = 2;
    m.fields = { { QStringLiteral("title"), QStringLiteral("Bread") }, { QStringLiteral("done"), true } };

    const QJsonObject json = parse(encodeMutation(m));
    QCOMPARE(keysOf(json), keys({ "event", "id", "data" }));
    QCOMPARE(json.value(QLatin1String("event")).toString(), QStringLiteral("mutate"));
    QCOMPARE(json.value(QLatin1String("id")).toString(), m.id);
    QCOMPARE(keysOf(json.value(QLatin1String("data")).toObject()),
        keys({ "collection", "op", "entity_id", "base_rev", "fields" }));

    MutationError error;
    const auto back = protocol::mutationFromMessage(decoded(encodeMutation(m)), &error);
    QVERIFY2(back.has_value(), qPrintable(error.message));
    QCOMPARE(back->id, m.id);
    QCOMPARE(back->collection, m.collection);
    QCOMPARE(back->op, m.op);
    QCOMPARE(back->entityId, m.entityId);
    QCOMPARE(back->baseRev, m.baseRev);
    QCOMPARE(back->fields, m.fields);

    // A create without a client-made id and without base_rev leaves both out.
    Mutation create { QStringLiteral("m-8"), Collection::Pantry, MutationOp::Create, {}, -1,
        { { QStringLiteral("name"), QStringLiteral("A") } } };
    QCOMPARE(keysOf(parse(encodeMutation(create)).value(QLatin1String("data")).toObject()),
        keys({ "collection", "op", "fields" }));
}

void tst_Protocol::ackShapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QJsonObject>("expected"); // the ack's whole "data"

    QTest::newRow("ping, no id") << QStringLiteral(R"({"event":"ping","data":{}})")
                                 << QJsonObject { { QStringLiteral("received"), QStringLiteral("ping") } };
    QTest::newRow("pong, string id") << QStringLiteral(R"({"event":"pong","id":"p1"})")
                                     << QJsonObject { { QStringLiteral("received"), QStringLiteral("pong") },
                                            { QStringLiteral("id"), QStringLiteral("p1") } };
    QTest::newRow("number id") << QStringLiteral(R"({"event":"hello","id":42,"data":{"x":1}})")
                               << QJsonObject { { QStringLiteral("received"), QStringLiteral("hello") },
                                      { QStringLiteral("id"), 42 } };
}

void tst_Protocol::ackShapes()
{
    QFETCH(QString, text);
    QFETCH(QJsonObject, expected);

    const QJsonObject ack = parse(encodeAck(decoded(text)));
    QCOMPARE(ack,
        (QJsonObject { { QStringLiteral("event"), QStringLiteral("ack") }, { QStringLiteral("data"), expected } }));
}

void tst_Protocol::mutationAckOk()
{
    const Message received = decoded(QStringLiteral(
        R"({"event":"mutate","id":"m-1","data":{"collection":"pantry","op":"create","fields":{"name":"Milk"}}})"));
    MutationResult result;
    result.ok = true;
    result.seq = 12;
    result.entityId = QStringLiteral("p-1");
    result.rev = 1;

    const QJsonObject ack = parse(encodeMutationAck(received, result));
    QCOMPARE(keysOf(ack), keys({ "event", "data" }));
    QCOMPARE(ack.value(QLatin1String("event")).toString(), QStringLiteral("ack"));
    // {"received":"mutate","id","ok":true,"seq","entity_id","rev"}
    QCOMPARE(ack.value(QLatin1String("data")).toObject(),
        (QJsonObject { { QStringLiteral("received"), QStringLiteral("mutate") },
            { QStringLiteral("id"), QStringLiteral("m-1") }, { QStringLiteral("ok"), true },
            { QStringLiteral("seq"), 12 }, { QStringLiteral("entity_id"), QStringLiteral("p-1") },
            { QStringLiteral("rev"), 1 } }));

    // A stale update the host merged also carries what was merged, and only then.
    result.merged = QJsonArray { QJsonObject { { QStringLiteral("field"), QStringLiteral("unit") },
        { QStringLiteral("mine"), QStringLiteral("pack") }, { QStringLiteral("theirs"), QStringLiteral("l") },
        { QStringLiteral("result"), QStringLiteral("l") }, { QStringLiteral("outcome"), QStringLiteral("theirs") } } };
    const QJsonObject merged = parse(encodeMutationAck(received, result)).value(QLatin1String("data")).toObject();
    QCOMPARE(keysOf(merged), keys({ "received", "id", "ok", "seq", "entity_id", "rev", "merged" }));
    QCOMPARE(merged.value(QLatin1String("merged")).toArray(), result.merged);
}

void tst_Protocol::mutationAckFailure()
{
    const Message received = decoded(
        QStringLiteral(R"({"event":"mutate","id":7,"data":{"collection":"pantry","op":"create","fields":{}}})"));
    const QJsonObject ack = parse(encodeMutationAck(
        received, MutationResult::failure(QStringLiteral("invalid"), QStringLiteral("Give the item a name."))));
    // {"received":"mutate","id","ok":false,"error":{"code","message"}}
    QCOMPARE(ack.value(QLatin1String("data")).toObject(),
        (QJsonObject { { QStringLiteral("received"), QStringLiteral("mutate") }, { QStringLiteral("id"), 7 },
            { QStringLiteral("ok"), false },
            { QStringLiteral("error"),
                QJsonObject { { QStringLiteral("code"), QStringLiteral("invalid") },
                    { QStringLiteral("message"), QStringLiteral("Give the item a name.") } } } }));

    // With the offending field (an extension clients may show next to the field).
    const QJsonObject withField = parse(encodeMutationAck(received,
        MutationResult::failure(QStringLiteral("invalid"), QStringLiteral("No name."), QStringLiteral("name"))));
    QCOMPARE(withField.value(QLatin1String("data")).toObject().value(QLatin1String("error")).toObject(),
        (QJsonObject { { QStringLiteral("code"), QStringLiteral("invalid") },
            { QStringLiteral("message"), QStringLiteral("No name.") },
            { QStringLiteral("field"), QStringLiteral("name") } }));

    // A mutate without an id is refused, and the ack carries no id.
    const QJsonObject noId = parse(encodeMutationAck(decoded(QStringLiteral(R"({"event":"mutate","data":{}})")),
        MutationResult::failure(QStringLiteral("invalid"), QStringLiteral("x"))));
    QCOMPARE(keysOf(noId.value(QLatin1String("data")).toObject()), keys({ "received", "ok", "error" }));
}

void tst_Protocol::errorEvent()
{
    QCOMPARE(parse(encodeError(QStringLiteral("malformed JSON"))),
        (QJsonObject { { QStringLiteral("event"), QStringLiteral("error") },
            { QStringLiteral("data"),
                QJsonObject { { QStringLiteral("reason"), QStringLiteral("malformed JSON") } } } }));
}

void tst_Protocol::batchDecodes()
{
    const Message batch = decoded(QStringLiteral(
        R"({"event":"batch","id":"b-1","data":{"mutations":[)"
        R"({"id":"m-1","collection":"pantry","op":"create","entity_id":"p-1","fields":{"name":"Milk"}},)"
        R"({"id":2,"collection":"pantry","op":"update","entity_id":"p-1","base_rev":1,"fields":{"quantity":3},"as_member_id":"kid"},)"
        R"({"id":"m-3","collection":"pantry","op":"delete","entity_id":"p-1"}]}})"));
    QString reason;
    const auto entries = batchFromMessage(batch, &reason);
    QVERIFY2(entries, qPrintable(reason));
    QCOMPARE(entries->size(), 3);
    // Each entry reads as the mutate it stands for, its id beside its data.
    QCOMPARE(entries->at(0).message.event, QStringLiteral("mutate"));
    QCOMPARE(entries->at(0).message.id, QJsonValue(QStringLiteral("m-1")));
    QVERIFY(!entries->at(0).message.data.contains(QLatin1String("id")));
    QVERIFY(entries->at(0).mutation);
    QCOMPARE(entries->at(0).mutation->id, QStringLiteral("m-1"));
    QCOMPARE(entries->at(0).mutation->op, MutationOp::Create);
    QCOMPARE(entries->at(0).mutation->entityId, QStringLiteral("p-1"));
    QCOMPARE(entries->at(0).actingMemberId, QString());
    QVERIFY(entries->at(1).mutation);
    QCOMPARE(entries->at(1).mutation->id, QStringLiteral("2"));
    QCOMPARE(entries->at(1).mutation->baseRev, qint64(1));
    QCOMPARE(entries->at(1).mutation->fields, (QJsonObject { { QStringLiteral("quantity"), 3 } }));
    QCOMPARE(entries->at(1).actingMemberId, QStringLiteral("kid"));
    QVERIFY(entries->at(2).mutation);
    QCOMPARE(entries->at(2).mutation->op, MutationOp::Delete);

    // Exactly the limit is taken; an empty batch is read as no entries.
    QJsonArray full;
    for (int i = 0; i < kBatchLimit; ++i)
        full.append(QJsonObject { { QStringLiteral("id"), QStringLiteral("m-%1").arg(i) },
            { QStringLiteral("collection"), QStringLiteral("pantry") }, { QStringLiteral("op"), QStringLiteral("create") },
            { QStringLiteral("fields"), QJsonObject { { QStringLiteral("name"), QStringLiteral("Item %1").arg(i) } } } });
    Message atLimit;
    atLimit.event = QStringLiteral("batch");
    atLimit.data = { { QStringLiteral("mutations"), full } };
    const auto all = batchFromMessage(atLimit, &reason);
    QVERIFY2(all, qPrintable(reason));
    QCOMPARE(all->size(), kBatchLimit);
    QVERIFY(std::all_of(all->cbegin(), all->cend(), [](const BatchEntry &e) { return e.mutation.has_value(); }));
    const auto none = batchFromMessage(decoded(QStringLiteral(R"({"event":"batch","data":{"mutations":[]}})")), &reason);
    QVERIFY(none);
    QVERIFY(none->isEmpty());
}

void tst_Protocol::batchEntriesRefusedOneByOne_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<QString>("message");

    QTest::newRow("not an object") << QStringLiteral(R"("create milk")") << QJsonValue(QJsonValue::Undefined)
                                   << QStringLiteral("each entry of a batch must be a mutate's data object");
    QTest::newRow("no id") << QStringLiteral(R"({"collection":"pantry","op":"create","fields":{"name":"x"}})")
                           << QJsonValue(QJsonValue::Undefined)
                           << QStringLiteral("a mutation needs an \"id\" (at most 128 characters)");
    QTest::newRow("id an object") << QStringLiteral(R"({"id":{},"collection":"pantry","op":"create","fields":{}})")
                                  << QJsonValue(QJsonValue::Undefined)
                                  << QStringLiteral("\"id\" must be a string or a number");
    QTest::newRow("unknown collection") << QStringLiteral(R"({"id":"e-1","collection":"spaceships","op":"create","fields":{}})")
                                        << QJsonValue(QStringLiteral("e-1")) << QStringLiteral("unknown collection");
    QTest::newRow("bad op") << QStringLiteral(R"({"id":"e-2","collection":"pantry","op":"upsert","fields":{}})")
                            << QJsonValue(QStringLiteral("e-2"))
                            << QStringLiteral("\"op\" must be create, update or delete");
    QTest::newRow("fields not an object") << QStringLiteral(R"({"id":"e-3","collection":"pantry","op":"create","fields":[1]})")
                                          << QJsonValue(QStringLiteral("e-3"))
                                          << QStringLiteral("\"fields\" must be an object");
    QTest::newRow("as_member_id a number")
        << QStringLiteral(R"({"id":"e-4","collection":"pantry","op":"create","fields":{"name":"x"},"as_member_id":5})")
        << QJsonValue(QStringLiteral("e-4")) << QStringLiteral("\"as_member_id\" must be a member id");
}

void tst_Protocol::batchEntriesRefusedOneByOne()
{
    QFETCH(QString, entry);
    QFETCH(QJsonValue, id);
    QFETCH(QString, message);
    // The bad entry sits between two good ones: it gets its own failure, they are read as ever.
    const QString good = QStringLiteral(R"({"id":"ok-%1","collection":"pantry","op":"create","fields":{"name":"Tea"}})");
    const Message batch = decoded(QStringLiteral(R"({"event":"batch","id":"b-2","data":{"mutations":[%1,%2,%3]}})")
                                      .arg(good.arg(1), entry, good.arg(2)));
    QVERIFY(!batch.event.isEmpty());
    QString reason;
    const auto entries = batchFromMessage(batch, &reason);
    QVERIFY2(entries, qPrintable(reason));
    QCOMPARE(entries->size(), 3);
    QVERIFY(entries->at(0).mutation);
    QVERIFY(entries->at(2).mutation);
    QCOMPARE(entries->at(2).mutation->id, QStringLiteral("ok-2"));
    const BatchEntry &bad = entries->at(1);
    QVERIFY(!bad.mutation);
    QCOMPARE(bad.error.code, QStringLiteral("invalid"));
    QCOMPARE(bad.error.message, message);
    QCOMPARE(bad.message.id, id);
}

void tst_Protocol::batchRefusedWhole_data()
{
    QTest::addColumn<QString>("data");
    QTest::addColumn<QString>("reason");

    const QString notArray = QStringLiteral("a batch needs \"mutations\": an array of mutate data objects");
    QTest::newRow("no mutations") << QStringLiteral("{}") << notArray;
    QTest::newRow("mutations an object") << QStringLiteral(R"({"mutations":{"id":"m-1"}})") << notArray;
    QTest::newRow("mutations a string") << QStringLiteral(R"({"mutations":"all"})") << notArray;
    QString over = QStringLiteral(R"({"mutations":[)");
    for (int i = 0; i <= kBatchLimit; ++i)
        over += QStringLiteral(R"(%1{"id":"m-%2","collection":"pantry","op":"create","fields":{"name":"x"}})")
                    .arg(i ? QStringLiteral(",") : QString())
                    .arg(i);
    over += QStringLiteral("]}");
    QTest::newRow("over the limit") << over
                                    << QStringLiteral("a batch holds at most 100 mutations; this one has 101, and none of them was applied");
}

void tst_Protocol::batchRefusedWhole()
{
    QFETCH(QString, data);
    QFETCH(QString, reason);
    const Message batch = decoded(QStringLiteral(R"({"event":"batch","id":"b-3","data":%1})").arg(data));
    QCOMPARE(batch.event, QStringLiteral("batch"));
    QString why;
    QVERIFY(!batchFromMessage(batch, &why));
    QCOMPARE(why, reason);
    // The error names the batch it refuses.
    QCOMPARE(parse(encodeError(why, batch.id)),
        (QJsonObject { { QStringLiteral("event"), QStringLiteral("error") },
            { QStringLiteral("data"),
                QJsonObject { { QStringLiteral("reason"), reason }, { QStringLiteral("id"), QStringLiteral("b-3") } } } }));
}

void tst_Protocol::batchRoundTrip()
{
    // What the client sends (mutate messages as its outbox keeps them, under one id) reads back
    // on the host as the same mutations, acting member included.
    Mutation create { QStringLiteral("m-1"), Collection::Pantry, MutationOp::Create, QStringLiteral("p-1"), -1,
        { { QStringLiteral("name"), QStringLiteral("Rice") } } };
    Mutation update { QStringLiteral("m-2"), Collection::Goals, MutationOp::Update, QStringLiteral("g-1"), 4,
        { { QStringLiteral("saved_cents_delta"), 500 } } };
    const QList<Message> mutates { decoded(encodeMutation(create)), decoded(encodeMutation(update, QStringLiteral("kid"))) };
    const QString frame = encodeBatch(QStringLiteral("b-9"), mutates);
    const QJsonObject raw = parse(frame);
    QCOMPARE(keysOf(raw), keys({ "event", "id", "data" }));
    QCOMPARE(raw.value(QLatin1String("event")).toString(), QStringLiteral("batch"));
    QCOMPARE(raw.value(QLatin1String("data")).toObject().value(QLatin1String("mutations")).toArray().size(), 2);

    QString reason;
    const auto entries = batchFromMessage(decoded(frame), &reason);
    QVERIFY2(entries, qPrintable(reason));
    QCOMPARE(entries->size(), 2);
    for (int i = 0; i < 2; ++i) {
        const Mutation &expected = i == 0 ? create : update;
        QVERIFY(entries->at(i).mutation);
        const Mutation &m = *entries->at(i).mutation;
        QCOMPARE(m.id, expected.id);
        QCOMPARE(m.collection, expected.collection);
        QCOMPARE(m.op, expected.op);
        QCOMPARE(m.entityId, expected.entityId);
        QCOMPARE(m.baseRev, expected.baseRev);
        QCOMPARE(m.fields, expected.fields);
    }
    QCOMPARE(entries->at(0).actingMemberId, QString());
    QCOMPARE(entries->at(1).actingMemberId, QStringLiteral("kid"));
}

void tst_Protocol::batchAckShape()
{
    const Message received = decoded(QStringLiteral(R"({"event":"batch","id":"b-1","data":{"mutations":[]}})"));
    MutationResult ok;
    ok.ok = true;
    ok.seq = 41;
    ok.entityId = QStringLiteral("p-1");
    ok.rev = 2;
    MutationResult merged = ok;
    merged.seq = 42;
    merged.merged = QJsonArray { QJsonObject { { QStringLiteral("field"), QStringLiteral("quantity") },
        { QStringLiteral("mine"), 2 }, { QStringLiteral("theirs"), 5 }, { QStringLiteral("result"), 5 },
        { QStringLiteral("outcome"), QStringLiteral("theirs") } } };
    const QJsonArray results { batchResult(QStringLiteral("m-1"), ok),
        batchResult(QStringLiteral("m-2"),
            MutationResult::failure(QStringLiteral("invalid"), QStringLiteral("Quantity cannot be negative."),
                QStringLiteral("quantity"))),
        batchResult(QStringLiteral("m-3"), merged), batchResult(QJsonValue::Undefined, MutationResult::failure(QStringLiteral("invalid"), QStringLiteral("x"))) };
    const QJsonObject ack = parse(encodeBatchAck(received, results));
    QCOMPARE(ack.value(QLatin1String("event")).toString(), QStringLiteral("ack"));
    const QJsonObject data = ack.value(QLatin1String("data")).toObject();
    QCOMPARE(keysOf(data), keys({ "received", "id", "results" }));
    QCOMPARE(data.value(QLatin1String("received")).toString(), QStringLiteral("batch"));
    QCOMPARE(data.value(QLatin1String("id")).toString(), QStringLiteral("b-1"));
    const QJsonArray got = data.value(QLatin1String("results")).toArray();
    QCOMPARE(got.size(), 4);
    // Each result as a mutate's ack gives its outcome.
    QCOMPARE(got.at(0).toObject(),
        (QJsonObject { { QStringLiteral("id"), QStringLiteral("m-1") }, { QStringLiteral("ok"), true },
            { QStringLiteral("seq"), 41 }, { QStringLiteral("entity_id"), QStringLiteral("p-1") },
            { QStringLiteral("rev"), 2 } }));
    QCOMPARE(got.at(1).toObject(),
        (QJsonObject { { QStringLiteral("id"), QStringLiteral("m-2") }, { QStringLiteral("ok"), false },
            { QStringLiteral("error"),
                QJsonObject { { QStringLiteral("code"), QStringLiteral("invalid") },
                    { QStringLiteral("message"), QStringLiteral("Quantity cannot be negative.") },
                    { QStringLiteral("field"), QStringLiteral("quantity") } } } }));
    QCOMPARE(keysOf(got.at(2).toObject()), keys({ "id", "ok", "seq", "entity_id", "rev", "merged" }));
    QCOMPARE(got.at(2).toObject().value(QLatin1String("merged")).toArray(), merged.merged);
    QCOMPARE(keysOf(got.at(3).toObject()), keys({ "ok", "error" }));
}

QTEST_GUILESS_MAIN(tst_Protocol)
#include "tst_protocol.moc"
