// The room host over real loopback sockets: a RoomHost behind a WebSocketListener on 127.0.0.1
// port 0, raw QWebSockets speaking JSON by hand. Auth (4001/4003 with nothing sent first), the
// welcome, acks, mutations with their broadcast (to the household only), idempotent retries,
// resume/replay/resync, snapshots, malformed input, size and flood limits, pings and dead peers,
// group commit under a burst, and shutdown.

#include "AuthoritativeEngine.h"
#include "ModelTestHelpers.h"
#include "Protocol.h"
#include "SyncTestSupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QSet>
#include <QTcpSocket>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

using namespace hearth;
using namespace hearth::test;

namespace {

QJsonObject dataOf(const QJsonObject &message)
{
    return message.value(QLatin1String("data")).toObject();
}

QString eventOf(const QJsonObject &message)
{
    return message.value(QLatin1String("event")).toString();
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

QJsonObject mutateMessage(const QJsonValue &id, const QString &collection, const QString &op, const QJsonObject &fields,
    const QString &entityId = {}, qint64 baseRev = -1)
{
    QJsonObject data { { QStringLiteral("collection"), collection }, { QStringLiteral("op"), op },
        { QStringLiteral("fields"), fields } };
    if (!entityId.isEmpty())
        data.insert(QStringLiteral("entity_id"), entityId);
    if (baseRev >= 0)
        data.insert(QStringLiteral("base_rev"), baseRev);
    QJsonObject message { { QStringLiteral("event"), QStringLiteral("mutate") }, { QStringLiteral("data"), data } };
    if (!id.isUndefined())
        message.insert(QStringLiteral("id"), id);
    return message;
}

QJsonObject createPantry(const QString &id, const QString &name)
{
    return mutateMessage(id, QStringLiteral("pantry"), QStringLiteral("create"), { { QStringLiteral("name"), name } });
}

QByteArray b64url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// The messages after the ack with `id`, leaving out presence (it may interleave anywhere).
QList<QJsonObject> afterAck(const TestClient &client, const QJsonValue &id)
{
    QList<QJsonObject> after;
    bool seen = false;
    for (const QJsonObject &m : client.messages) {
        if (seen && eventOf(m) != QLatin1String("presence"))
            after.append(m);
        if (eventOf(m) == QLatin1String("ack") && dataOf(m).value(QLatin1String("id")) == id)
            seen = true;
    }
    return after;
}

QStringList eventsOf(const QList<QJsonObject> &messages)
{
    QStringList names;
    for (const QJsonObject &m : messages)
        names << eventOf(m);
    return names;
}

QList<QJsonObject> withoutPresence(const QList<QJsonObject> &messages)
{
    QList<QJsonObject> kept;
    for (const QJsonObject &m : messages)
        if (eventOf(m) != QLatin1String("presence"))
            kept.append(m);
    return kept;
}

// A batch entry: a mutate's data with its own id.
QJsonObject batchEntry(const QJsonObject &mutate)
{
    QJsonObject entry = mutate.value(QLatin1String("data")).toObject();
    entry.insert(QStringLiteral("id"), mutate.value(QLatin1String("id")));
    return entry;
}

QJsonObject batchMessage(const QString &id, const QList<QJsonObject> &mutates)
{
    QJsonArray entries;
    for (const QJsonObject &m : mutates)
        entries.append(batchEntry(m));
    return { { QStringLiteral("event"), QStringLiteral("batch") }, { QStringLiteral("id"), id },
        { QStringLiteral("data"), QJsonObject { { QStringLiteral("mutations"), entries } } } };
}

MutationResult hostCreatePantry(AuthoritativeEngine &engine, const QString &name, const QString &entityId = {})
{
    return engine.submit(
        Mutation { {}, Collection::Pantry, MutationOp::Create, entityId, -1, { { QStringLiteral("name"), name } } });
}

} // namespace

class tst_RoomHost : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void welcome();
    void refusedTokens_data();
    void refusedTokens();
    void silentConnectionWithoutTokenIsClosed();
    void forbidden_data();
    void forbidden();
    void everyMessageIsAcked_data();
    void everyMessageIsAcked();
    void mutateAckThenBroadcast();
    void broadcastEventNames_data();
    void broadcastEventNames();
    void duplicateMutationAppliedOnce();
    void invalidMutation_data();
    void invalidMutation();
    void resumeReplaysMissedEvents();
    void resumeFromUrl();
    void resyncRequiredWhenLogTrimmed_data();
    void resyncRequiredWhenLogTrimmed();
    void fetchSnapshot();
    void malformedKeepsConnection_data();
    void malformedKeepsConnection();
    void oversizeMessageSmallLimit();
    void oversizeRealFrame();
    void floodClosesWith1008();
    void pingEvent();
    void silentPeerIsDropped();
    void groupCommitUnderBurst();
    void batchAnsweredByOneAck();
    void batchRetryAppliedOnce();
    void batchOverLimitRefusedWhole();
    void batchCountsAgainstTheAllowance();
    void closeAllSendsGoingAway();
    void unknownPathRefused();
    void stalledConnectionIsDropped_data();
    void stalledConnectionIsDropped();
    void pairingOverWebSocket();

private:
    std::unique_ptr<TestHost> m_host;
};

void tst_RoomHost::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    m_host = std::make_unique<TestHost>();
    QVERIFY2(m_host->isValid(), qPrintable(m_host->error()));
}

void tst_RoomHost::cleanup()
{
    m_host.reset();
}

void tst_RoomHost::welcome()
{
    TestHost &host = *m_host;
    QString samId;
    TestClient sam;
    QVERIFY(sam.join(host.roomUrl(host.token(QStringLiteral("Sam"), &samId))));

    // The very first message is the welcome, exactly these fields.
    const QJsonObject welcome = sam.messages.first();
    QCOMPARE(eventOf(welcome), QStringLiteral("connected"));
    const QJsonObject data = dataOf(welcome);
    QCOMPARE(keysOf(data),
        keys({ "household_id", "active_connections", "member_id", "seq", "ping_interval_ms", "message_limit", "batch_limit",
            "message" }));
    QCOMPARE(data.value(QLatin1String("batch_limit")).toInt(), protocol::kBatchLimit);
    QCOMPARE(data.value(QLatin1String("ping_interval_ms")).toInteger(), qint64(host.options.pingInterval.count()));
    QCOMPARE(data.value(QLatin1String("message_limit")).toInteger(), host.options.messageLimit);
    QCOMPARE(data.value(QLatin1String("household_id")).toString(), host.householdId());
    QCOMPARE(data.value(QLatin1String("active_connections")).toInt(), 1);
    QCOMPARE(data.value(QLatin1String("member_id")).toString(), samId);
    QCOMPARE(data.value(QLatin1String("seq")).toInteger(), host.engine().headSeq());
    QVERIFY(data.value(QLatin1String("message")).toString().contains(QLatin1String("Home")));

    // A second socket of the household counts both.
    QString kimId;
    TestClient kim;
    QVERIFY(kim.join(host.roomUrl(host.token(QStringLiteral("Kim"), &kimId))));
    QCOMPARE(dataOf(kim.messages.first()).value(QLatin1String("active_connections")).toInt(), 2);

    // Another household's socket neither counts nor is counted.
    const QString flat = host.addHousehold(QStringLiteral("Flat"));
    TestClient lee;
    QVERIFY(lee.join(host.roomUrl(host.token(QStringLiteral("Lee"), nullptr, flat), std::nullopt, flat)));
    QCOMPARE(dataOf(lee.messages.first()).value(QLatin1String("active_connections")).toInt(), 1);
    QCOMPARE(dataOf(lee.messages.first()).value(QLatin1String("household_id")).toString(), flat);
    QCOMPARE(host.host().activeConnections(host.householdId()), 2);
    QCOMPARE(host.host().activeConnections(flat), 1);
    QCOMPARE(host.host().totalConnections(), 3);

    // Presence (an extension): who is online, sent to the household when it changes.
    const auto twoOnline
        = [](const QJsonObject &m) { return dataOf(m).value(QLatin1String("active_connections")).toInt() == 2; };
    const QJsonObject presence = sam.waitFor(QStringLiteral("presence"), twoOnline);
    QVERIFY(!presence.isEmpty());
    QCOMPARE(keysOf(dataOf(presence)), keys({ "active_connections", "members" }));
    QStringList members;
    for (const QJsonValue &v : dataOf(presence).value(QLatin1String("members")).toArray())
        members << v.toString();
    members.sort();
    QStringList expected { samId, kimId };
    expected.sort();
    QCOMPARE(members, expected);

    // Leaving is announced too, and the count drops.
    sam.clear();
    kim.socket().close();
    QVERIFY(
        !sam.waitFor(QStringLiteral("presence"),
                [](const QJsonObject &m) { return dataOf(m).value(QLatin1String("active_connections")).toInt() == 1; })
             .isEmpty());
    QTRY_COMPARE(host.host().activeConnections(host.householdId()), 1);

    // The person at an app hosting the room in-process is online without a socket.
    sam.clear();
    host.host().setLocalMember(host.householdId(), host.ownerId());
    const QJsonObject withOwner = sam.waitFor(QStringLiteral("presence"), [&](const QJsonObject &m) {
        return dataOf(m).value(QLatin1String("members")).toArray().contains(QJsonValue(host.ownerId()));
    });
    QVERIFY(!withOwner.isEmpty());
    QCOMPARE(dataOf(withOwner).value(QLatin1String("active_connections")).toInt(), 1); // sockets only
    QVERIFY(host.host().membersOnline(host.householdId()).contains(host.ownerId()));
}

void tst_RoomHost::refusedTokens_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("inAuthMessage"); // false: ?token= in the URL (web clients)
    for (const bool inMessage : { false, true }) {
        const char *how = inMessage ? "auth message" : "URL";
        const auto row = [&](const char *name, const char *kind) {
            QTest::addRow("%s, %s", name, how) << QString::fromLatin1(kind) << inMessage;
        };
        row("garbage", "garbage");
        row("empty", "empty");
        row("no token", "missing");
        row("expired", "expired");
        row("forged (other secret)", "forged");
        row("alg none", "none");
        row("alg HS512", "hs512");
        row("tampered payload", "tampered");
        row("missing exp", "noexp");
        row("signed-out device", "signedout");
    }
}

void tst_RoomHost::refusedTokens()
{
    QFETCH(QString, kind);
    QFETCH(bool, inAuthMessage);
    TestHost &host = *m_host;

    QString samId;
    const QString valid = host.token(QStringLiteral("Sam"), &samId);
    const QJsonObject claims { { QStringLiteral("sub"), samId }, { QStringLiteral("household_id"), host.householdId() },
        { QStringLiteral("exp"), host.clock.now().toSecsSinceEpoch() + 3600 } };
    const auto hmacSigned = [&](const QByteArray &header, const QJsonObject &payload, QCryptographicHash::Algorithm algorithm) {
        const QByteArray input = b64url(header) + '.' + b64url(QJsonDocument(payload).toJson(QJsonDocument::Compact));
        return QString::fromLatin1(input + '.' + b64url(QMessageAuthenticationCode::hash(input, host.secret, algorithm)));
    };
    QString token;
    if (kind == QLatin1String("garbage")) {
        token = QStringLiteral("not-a-token");
    } else if (kind == QLatin1String("expired")) {
        token = host.signedToken(samId, host.householdId(), -1);
    } else if (kind == QLatin1String("forged")) {
        token = host.signedToken(samId, host.householdId(), 3600, QByteArrayLiteral("not-the-host-secret-but-long-enough"));
    } else if (kind == QLatin1String("none")) {
        token = QString::fromLatin1(b64url(R"({"alg":"none","typ":"JWT"})") + '.'
            + b64url(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.');
    } else if (kind == QLatin1String("hs512")) {
        // Signed with the host's own key, but not with the one algorithm it accepts.
        token = hmacSigned(R"({"alg":"HS512","typ":"JWT"})", claims, QCryptographicHash::Sha512);
    } else if (kind == QLatin1String("tampered")) {
        QStringList parts = valid.split(QLatin1Char('.'));
        QJsonObject longer = claims;
        longer.insert(QStringLiteral("exp"), host.clock.now().toSecsSinceEpoch() + 100LL * 365 * 24 * 3600);
        parts[1] = QString::fromLatin1(b64url(QJsonDocument(longer).toJson(QJsonDocument::Compact)));
        token = parts.join(QLatin1Char('.'));
    } else if (kind == QLatin1String("noexp")) {
        QJsonObject noExp = claims;
        noExp.remove(QStringLiteral("exp"));
        token = hmacSigned(R"({"alg":"HS256","typ":"JWT"})", noExp, QCryptographicHash::Sha256);
    } else if (kind == QLatin1String("signedout")) {
        // A paired device's token, still unexpired, after the device was signed out.
        const QString code = *host.pairing().createInvite(host.householdId());
        QString error;
        const auto joined = host.pairing().redeem(code, QStringLiteral("Tablet"), &error);
        QVERIFY2(joined, qPrintable(error));
        QVERIFY(host.host().signOutDevice(joined->deviceId));
        token = joined->token;
    }

    TestClient client;
    if (!inAuthMessage) {
        QUrl url = host.roomUrl(token);
        if (kind == QLatin1String("missing"))
            url.setQuery(QString()); // then the first message must sign in; a ping does not
        client.open(url);
        if (kind == QLatin1String("missing") || kind == QLatin1String("empty")) {
            QTRY_VERIFY(client.isOpen());
            client.sendEvent(QStringLiteral("ping"));
        }
    } else {
        QUrl url = host.roomUrl(QString());
        url.setQuery(QString());
        client.open(url);
        QTRY_VERIFY(client.isOpen());
        if (kind == QLatin1String("missing"))
            client.sendEvent(QStringLiteral("fetch"), { { QStringLiteral("collection"), QStringLiteral("pantry") } });
        else
            client.sendEvent(QStringLiteral("auth"), { { QStringLiteral("token"), token } });
    }
    QVERIFY(client.waitClosed());
    QCOMPARE(client.closeCode(), 4001);
    QCOMPARE(client.closeReason(), QStringLiteral("Unauthorized"));
    QCOMPARE(client.messagesBeforeClose(), 0); // nothing at all before the close
    QVERIFY(client.messages.isEmpty());
    QCOMPARE(host.host().totalConnections(), 0);

    // The control: the valid token is let in, either way.
    TestClient ok;
    if (!inAuthMessage) {
        QVERIFY(ok.join(host.roomUrl(valid)));
    } else {
        QUrl url = host.roomUrl(QString());
        url.setQuery(QString());
        ok.open(url);
        QTRY_VERIFY(ok.isOpen());
        ok.sendEvent(QStringLiteral("auth"), { { QStringLiteral("token"), valid } });
        QVERIFY(!ok.waitFor(QStringLiteral("connected")).isEmpty());
    }
}

void tst_RoomHost::silentConnectionWithoutTokenIsClosed()
{
    HostOptions options = quietHostOptions();
    options.authTimeout = std::chrono::milliseconds(200);
    TestHost host(options);
    QUrl url = host.roomUrl(QString());
    url.setQuery(QString());
    TestClient client;
    client.open(url);
    // It never signs in: closed 4001 once the time to do so is over, with nothing sent.
    QVERIFY(client.waitClosed());
    QCOMPARE(client.closeCode(), 4001);
    QCOMPARE(client.messagesBeforeClose(), 0);
}

void tst_RoomHost::forbidden_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("token for another household") << QStringLiteral("other");
    QTest::newRow("not a member") << QStringLiteral("stranger");
    QTest::newRow("removed member") << QStringLiteral("removed");
    QTest::newRow("no such household") << QStringLiteral("nohousehold");
    QTest::newRow("member of the other household, claim matching the path") << QStringLiteral("crossmember");
}

void tst_RoomHost::forbidden()
{
    QFETCH(QString, kind);
    TestHost &host = *m_host;
    const QString flat = host.addHousehold(QStringLiteral("Flat"));

    QUrl url;
    if (kind == QLatin1String("other")) {
        // A valid token of the Flat, used on the Home's room.
        url = host.roomUrl(host.token(QStringLiteral("Lee"), nullptr, flat));
    } else if (kind == QLatin1String("stranger")) {
        url = host.roomUrl(host.signedToken(QStringLiteral("no-such-member"), host.householdId()));
    } else if (kind == QLatin1String("removed")) {
        QString kimId;
        const QString token = host.token(QStringLiteral("Kim"), &kimId);
        QVERIFY(host.engine().submit(Mutation { {}, Collection::Members, MutationOp::Delete, kimId, -1, {} }).ok);
        url = host.roomUrl(token);
    } else if (kind == QLatin1String("nohousehold")) {
        url = host.roomUrl(host.signedToken(host.ownerId(), QStringLiteral("no-such-household")), std::nullopt,
            QStringLiteral("no-such-household"));
    } else if (kind == QLatin1String("crossmember")) {
        // Signed by the host, claims the Home, but the member belongs to the Flat.
        QString leeId;
        host.token(QStringLiteral("Lee"), &leeId, flat);
        url = host.roomUrl(host.signedToken(leeId, host.householdId()));
    }

    TestClient client;
    client.open(url);
    QVERIFY(client.waitClosed());
    QCOMPARE(client.closeCode(), 4003);
    QCOMPARE(client.closeReason(), QStringLiteral("Forbidden"));
    QCOMPARE(client.messagesBeforeClose(), 0);
    QVERIFY(client.messages.isEmpty());
    QCOMPARE(host.host().totalConnections(), 0);
}

void tst_RoomHost::everyMessageIsAcked_data()
{
    QTest::addColumn<QString>("event");
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QJsonValue>("id");

    QTest::newRow("ping, no id") << QStringLiteral("ping") << QJsonObject() << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("ping, string id") << QStringLiteral("ping") << QJsonObject() << QJsonValue(QStringLiteral("p-1"));
    QTest::newRow("pong, number id") << QStringLiteral("pong") << QJsonObject() << QJsonValue(17);
    QTest::newRow("unknown event") << QStringLiteral("hello") << QJsonObject { { QStringLiteral("x"), 1 } }
                                   << QJsonValue(QStringLiteral("h"));
    QTest::newRow("resume") << QStringLiteral("resume") << QJsonObject { { QStringLiteral("since"), 0 } }
                            << QJsonValue(QStringLiteral("r"));
    QTest::newRow("fetch") << QStringLiteral("fetch")
                           << QJsonObject { { QStringLiteral("collection"), QStringLiteral("pantry") } }
                           << QJsonValue(QStringLiteral("f"));
}

void tst_RoomHost::everyMessageIsAcked()
{
    QFETCH(QString, event);
    QFETCH(QJsonObject, data);
    QFETCH(QJsonValue, id);
    TestHost &host = *m_host;

    TestClient client;
    QVERIFY(client.join(host.roomUrl(host.token())));
    client.sendEvent(event, data, id);
    const QJsonObject ack = client.waitFor(QStringLiteral("ack"));
    QVERIFY(!ack.isEmpty());
    QCOMPARE(keysOf(ack), keys({ "event", "data" }));
    const QJsonObject ackData = dataOf(ack);
    QCOMPARE(ackData.value(QLatin1String("received")).toString(), event);
    if (id.isUndefined()) {
        QCOMPARE(keysOf(ackData), keys({ "received" }));
    } else {
        QCOMPARE(keysOf(ackData), keys({ "received", "id" }));
        QCOMPARE(ackData.value(QLatin1String("id")), id); // the same type too: 17 stays a number
    }
}

void tst_RoomHost::mutateAckThenBroadcast()
{
    TestHost &host = *m_host;
    QString samId;
    QString kimId;
    TestClient sam;
    TestClient kim;
    TestClient lee; // another household
    const QString flat = host.addHousehold(QStringLiteral("Flat"));
    QVERIFY(sam.join(host.roomUrl(host.token(QStringLiteral("Sam"), &samId))));
    QVERIFY(kim.join(host.roomUrl(host.token(QStringLiteral("Kim"), &kimId))));
    QVERIFY(lee.join(host.roomUrl(host.token(QStringLiteral("Lee"), nullptr, flat), std::nullopt, flat)));

    const qint64 head = host.engine().headSeq();
    const QJsonObject fields { { QStringLiteral("name"), QStringLiteral("Milk") }, { QStringLiteral("quantity"), 2 },
        { QStringLiteral("unit"), QStringLiteral("l") }, { QStringLiteral("category"), QStringLiteral("Dairy") },
        { QStringLiteral("expires_on"), QStringLiteral("2026-03-20") } };
    sam.send(mutateMessage(QStringLiteral("m-1"), QStringLiteral("pantry"), QStringLiteral("create"), fields));

    // The ack: exactly {received, id, ok, seq, entity_id, rev}.
    const QJsonObject ack = sam.waitForAck(QStringLiteral("m-1"));
    QVERIFY(!ack.isEmpty());
    const QJsonObject ackData = dataOf(ack);
    QCOMPARE(keysOf(ackData), keys({ "received", "id", "ok", "seq", "entity_id", "rev" }));
    QCOMPARE(ackData.value(QLatin1String("received")).toString(), QStringLiteral("mutate"));
    QCOMPARE(ackData.value(QLatin1String("ok")).toBool(), true);
    QCOMPARE(ackData.value(QLatin1String("seq")).toInteger(), head + 1);
    QCOMPARE(ackData.value(QLatin1String("rev")).toInteger(), qint64(1));
    const QString entityId = ackData.value(QLatin1String("entity_id")).toString();
    QVERIFY(!entityId.isEmpty());

    // The broadcast reaches every socket of the household, the sender included.
    const auto isMilk
        = [&](const QJsonObject &m) { return dataOf(m).value(QLatin1String("entity_id")).toString() == entityId; };
    const QJsonObject event = sam.waitFor(QStringLiteral("pantry_updated"), isMilk);
    QVERIFY(!event.isEmpty());
    QCOMPARE(keysOf(event), keys({ "event", "seq", "data" }));
    QCOMPARE(event.value(QLatin1String("seq")).toInteger(), head + 1);
    const QJsonObject data = dataOf(event);
    QVERIFY(keysOf(data).contains(keys({ "action", "entity_id", "entity", "rev", "user_id", "mutation_id", "ts" })));
    QCOMPARE(data.value(QLatin1String("action")).toString(), QStringLiteral("created"));
    QCOMPARE(data.value(QLatin1String("rev")).toInteger(), qint64(1));
    QCOMPARE(data.value(QLatin1String("user_id")).toString(), samId);
    QCOMPARE(data.value(QLatin1String("mutation_id")).toString(), QStringLiteral("m-1"));
    QVERIFY(QDateTime::fromString(data.value(QLatin1String("ts")).toString(), Qt::ISODateWithMs).isValid());
    const QJsonObject entity = data.value(QLatin1String("entity")).toObject();
    QCOMPARE(entity.value(QLatin1String("id")).toString(), entityId);
    QCOMPARE(entity.value(QLatin1String("name")).toString(), QStringLiteral("Milk"));
    QCOMPARE(entity.value(QLatin1String("quantity")).toDouble(), 2.0);
    QCOMPARE(entity.value(QLatin1String("unit")).toString(), QStringLiteral("l"));
    QCOMPARE(entity.value(QLatin1String("expires_on")).toString(), QStringLiteral("2026-03-20"));
    // The sender hears the ack before the broadcast.
    QVERIFY(sam.messages.indexOf(ack) < sam.messages.indexOf(event));
    // Every member gets the very same event.
    QCOMPARE(kim.waitFor(QStringLiteral("pantry_updated"), isMilk), event);

    // Update and delete by another member.
    kim.send(mutateMessage(QStringLiteral("k-1"), QStringLiteral("pantry"), QStringLiteral("update"),
        { { QStringLiteral("quantity"), 1 } }, entityId, 1));
    const QJsonObject updateAck = dataOf(kim.waitForAck(QStringLiteral("k-1")));
    QCOMPARE(updateAck.value(QLatin1String("ok")).toBool(), true);
    QCOMPARE(updateAck.value(QLatin1String("rev")).toInteger(), qint64(2));
    QCOMPARE(updateAck.value(QLatin1String("seq")).toInteger(), head + 2);
    const auto isSeq = [](qint64 seq) {
        return [seq](const QJsonObject &m) { return m.value(QLatin1String("seq")).toInteger() == seq; };
    };
    const QJsonObject updated = sam.waitFor(QStringLiteral("pantry_updated"), isSeq(head + 2));
    QCOMPARE(dataOf(updated).value(QLatin1String("action")).toString(), QStringLiteral("updated"));
    QCOMPARE(dataOf(updated).value(QLatin1String("user_id")).toString(), kimId);
    QCOMPARE(
        dataOf(updated).value(QLatin1String("entity")).toObject().value(QLatin1String("quantity")).toDouble(), 1.0);
    QCOMPARE(dataOf(updated).value(QLatin1String("entity")).toObject().value(QLatin1String("name")).toString(),
        QStringLiteral("Milk"));

    kim.send(mutateMessage(QStringLiteral("k-2"), QStringLiteral("pantry"), QStringLiteral("delete"), {}, entityId));
    const QJsonObject deleted = sam.waitFor(QStringLiteral("pantry_updated"), isSeq(head + 3));
    QCOMPARE(dataOf(deleted).value(QLatin1String("action")).toString(), QStringLiteral("deleted"));
    QCOMPARE(dataOf(deleted).value(QLatin1String("entity_id")).toString(), entityId);
    QVERIFY(!kim.waitFor(QStringLiteral("pantry_updated"), isSeq(head + 3)).isEmpty());
    QVERIFY(!host.engine().entity(Collection::Pantry, entityId));

    // Nothing of it reached the other household: after a round trip of its own it has seen only
    // its welcome, its presence and its ack.
    lee.sendEvent(QStringLiteral("ping"), {}, QStringLiteral("barrier"));
    QVERIFY(!lee.waitForAck(QStringLiteral("barrier")).isEmpty());
    for (const QJsonObject &m : std::as_const(lee.messages)) {
        QVERIFY2(QSet<QString>({ QStringLiteral("connected"), QStringLiteral("presence"), QStringLiteral("ack") })
                     .contains(eventOf(m)),
            qPrintable(eventOf(m)));
        if (eventOf(m) == QLatin1String("presence"))
            QCOMPARE(dataOf(m).value(QLatin1String("active_connections")).toInt(), 1);
    }
}

void tst_RoomHost::broadcastEventNames_data()
{
    QTest::addColumn<QString>("collection");
    QTest::addColumn<QJsonObject>("fields");
    QTest::addColumn<QString>("event");

    QTest::newRow("pantry") << QStringLiteral("pantry")
                            << QJsonObject { { QStringLiteral("name"), QStringLiteral("Rice") } }
                            << QStringLiteral("pantry_updated");
    QTest::newRow("goals") << QStringLiteral("goals")
                           << QJsonObject { { QStringLiteral("name"), QStringLiteral("Bike") },
                                  { QStringLiteral("target_cents"), 30000 },
                                  { QStringLiteral("target_date"), QStringLiteral("2026-12-01") } }
                           << QStringLiteral("goal_updated");
    QTest::newRow("transactions") << QStringLiteral("transactions")
                                  << QJsonObject { { QStringLiteral("occurred_on"), QStringLiteral("2026-03-14") },
                                         { QStringLiteral("description"), QStringLiteral("Groceries") },
                                         { QStringLiteral("amount_cents"), -4250 } }
                                  << QStringLiteral("transactions_updated");
    QTest::newRow("board_columns") << QStringLiteral("board_columns")
                                   << QJsonObject { { QStringLiteral("name"), QStringLiteral("Later") } }
                                   << QStringLiteral("board_columns_updated");
}

void tst_RoomHost::broadcastEventNames()
{
    QFETCH(QString, collection);
    QFETCH(QJsonObject, fields);
    QFETCH(QString, event);
    TestHost &host = *m_host;

    TestClient a;
    TestClient b;
    QVERIFY(a.join(host.roomUrl(host.token(QStringLiteral("A")))));
    QVERIFY(b.join(host.roomUrl(host.token(QStringLiteral("B")))));
    a.send(mutateMessage(QStringLiteral("x"), collection, QStringLiteral("create"), fields));
    const QJsonObject ack = dataOf(a.waitForAck(QStringLiteral("x")));
    QVERIFY2(ack.value(QLatin1String("ok")).toBool(), QJsonDocument(ack).toJson().constData());
    const QJsonObject seen = b.waitFor(event);
    QVERIFY(!seen.isEmpty());
    QCOMPARE(seen.value(QLatin1String("seq")).toInteger(), ack.value(QLatin1String("seq")).toInteger());
    QCOMPARE(dataOf(seen).value(QLatin1String("collection")).toString(), collection);
}

void tst_RoomHost::duplicateMutationAppliedOnce()
{
    TestHost &host = *m_host;
    TestClient sam;
    TestClient kim;
    QVERIFY(sam.join(host.roomUrl(host.token(QStringLiteral("Sam")))));
    QVERIFY(kim.join(host.roomUrl(host.token(QStringLiteral("Kim")))));
    const qint64 head = host.engine().headSeq();

    const auto acksFor = [](const TestClient &c, const QString &id) {
        QList<QJsonObject> found;
        for (const QJsonObject &m : c.all(QStringLiteral("ack")))
            if (dataOf(m).value(QLatin1String("id")).toString() == id)
                found.append(dataOf(m));
        return found;
    };

    // A retry after the ack.
    sam.send(createPantry(QStringLiteral("dup-1"), QStringLiteral("Milk")));
    QVERIFY(!sam.waitForAck(QStringLiteral("dup-1")).isEmpty());
    sam.send(createPantry(QStringLiteral("dup-1"), QStringLiteral("Milk")));
    // A retry with other content is still the same mutation: answered with its first result.
    sam.send(createPantry(QStringLiteral("dup-1"), QStringLiteral("Bread")));
    QTRY_COMPARE(acksFor(sam, QStringLiteral("dup-1")).size(), 3);
    const QList<QJsonObject> acks = acksFor(sam, QStringLiteral("dup-1"));
    for (const QJsonObject &ack : acks) {
        QCOMPARE(ack.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(ack.value(QLatin1String("seq")).toInteger(), head + 1);
        QCOMPARE(ack.value(QLatin1String("rev")).toInteger(), qint64(1));
        QCOMPARE(ack.value(QLatin1String("entity_id")), acks.first().value(QLatin1String("entity_id")));
    }

    // Two copies in one burst (one group commit).
    kim.send(createPantry(QStringLiteral("dup-2"), QStringLiteral("Eggs")));
    kim.send(createPantry(QStringLiteral("dup-2"), QStringLiteral("Eggs")));
    QTRY_COMPARE(acksFor(kim, QStringLiteral("dup-2")).size(), 2);
    QCOMPARE(acksFor(kim, QStringLiteral("dup-2")).at(0), acksFor(kim, QStringLiteral("dup-2")).at(1));
    QCOMPARE(acksFor(kim, QStringLiteral("dup-2")).at(0).value(QLatin1String("seq")).toInteger(), head + 2);

    // Applied once: one row, one event each, and one broadcast each.
    sam.sendEvent(QStringLiteral("ping"), {}, QStringLiteral("barrier"));
    QVERIFY(!sam.waitForAck(QStringLiteral("barrier")).isEmpty());
    QCOMPARE(countRows(host.store(), QStringLiteral("pantry_items"), QStringLiteral("name = 'Milk'")), qint64(1));
    QCOMPARE(countRows(host.store(), QStringLiteral("pantry_items"), QStringLiteral("name = 'Bread'")), qint64(0));
    QCOMPARE(countRows(host.store(), QStringLiteral("pantry_items"), QStringLiteral("name = 'Eggs'")), qint64(1));
    QCOMPARE(countRows(host.store(), QStringLiteral("events"), QStringLiteral("mutation_id = 'dup-1'")), qint64(1));
    QCOMPARE(countRows(host.store(), QStringLiteral("events"), QStringLiteral("mutation_id = 'dup-2'")), qint64(1));
    QCOMPARE(host.engine().headSeq(), head + 2);
    QCOMPARE(sam.count(QStringLiteral("pantry_updated")), 2);
}

void tst_RoomHost::invalidMutation_data()
{
    QTest::addColumn<QJsonObject>("message");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field"); // expected error.field, empty when none

    const auto pantry
        = [](const QString &op, const QJsonObject &fields, const QString &entityId = {}, qint64 baseRev = -1) {
              return mutateMessage(QStringLiteral("bad"), QStringLiteral("pantry"), op, fields, entityId, baseRev);
          };
    QTest::newRow("missing name") << pantry(QStringLiteral("create"), { { QStringLiteral("quantity"), 1 } })
                                  << QStringLiteral("invalid") << QStringLiteral("name");
    QTest::newRow("empty name") << pantry(
        QStringLiteral("create"), { { QStringLiteral("name"), QStringLiteral("  ") } })
                                << QStringLiteral("invalid") << QStringLiteral("name");
    QTest::newRow("negative quantity") << pantry(QStringLiteral("create"),
        { { QStringLiteral("name"), QStringLiteral("A") }, { QStringLiteral("quantity"), -1 } })
                                       << QStringLiteral("invalid") << QStringLiteral("quantity");
    QTest::newRow("not a date") << pantry(QStringLiteral("create"),
        { { QStringLiteral("name"), QStringLiteral("A") },
            { QStringLiteral("expires_on"), QStringLiteral("31/02/2026") } })
                                << QStringLiteral("invalid") << QStringLiteral("expires_on");
    QTest::newRow("update of an unknown item")
        << pantry(QStringLiteral("update"), { { QStringLiteral("quantity"), 1 } }, QStringLiteral("nope"))
        << QStringLiteral("not_found") << QString();
    QTest::newRow("stale base_rev") << pantry(
        QStringLiteral("update"), { { QStringLiteral("quantity"), 1 } }, QStringLiteral("p-fixed"), 7)
                                    << QStringLiteral("conflict") << QString();
    QTest::newRow("create of an existing id") << pantry(
        QStringLiteral("create"), { { QStringLiteral("name"), QStringLiteral("A") } }, QStringLiteral("p-fixed"))
                                              << QStringLiteral("conflict") << QString();
    QTest::newRow("unknown collection") << mutateMessage(
        QStringLiteral("bad"), QStringLiteral("gifts"), QStringLiteral("create"), {})
                                        << QStringLiteral("invalid") << QString();
    QTest::newRow("bad op") << pantry(QStringLiteral("upsert"), { { QStringLiteral("name"), QStringLiteral("A") } })
                            << QStringLiteral("invalid") << QString();
    QTest::newRow("another household") << mutateMessage(QStringLiteral("bad"), QStringLiteral("household"),
        QStringLiteral("update"), { { QStringLiteral("name"), QStringLiteral("Mine") } }, QStringLiteral("elsewhere"))
                                       << QStringLiteral("forbidden") << QString();
    QJsonObject noId = pantry(QStringLiteral("create"), { { QStringLiteral("name"), QStringLiteral("A") } });
    noId.remove(QStringLiteral("id"));
    QTest::newRow("no id") << noId << QStringLiteral("invalid") << QString();
}

void tst_RoomHost::invalidMutation()
{
    QFETCH(QJsonObject, message);
    QFETCH(QString, code);
    QFETCH(QString, field);
    TestHost &host = *m_host;
    QVERIFY(hostCreatePantry(host.engine(), QStringLiteral("Fixed"), QStringLiteral("p-fixed")).ok);

    TestClient client;
    QVERIFY(client.join(host.roomUrl(host.token())));
    const qint64 head = host.engine().headSeq();
    client.send(message);
    const QJsonObject ack = client.waitFor(QStringLiteral("ack"));
    QVERIFY(!ack.isEmpty());
    const QJsonObject data = dataOf(ack);
    const bool hasId = message.contains(QLatin1String("id"));
    QCOMPARE(keysOf(data), hasId ? keys({ "received", "id", "ok", "error" }) : keys({ "received", "ok", "error" }));
    QCOMPARE(data.value(QLatin1String("received")).toString(), QStringLiteral("mutate"));
    if (hasId)
        QCOMPARE(data.value(QLatin1String("id")).toString(), QStringLiteral("bad"));
    QCOMPARE(data.value(QLatin1String("ok")).toBool(true), false);
    const QJsonObject error = data.value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QLatin1String("code")).toString(), code);
    QVERIFY(!error.value(QLatin1String("message")).toString().isEmpty());
    if (!field.isEmpty())
        QCOMPARE(error.value(QLatin1String("field")).toString(), field);

    // Nothing applied, nothing broadcast, and the connection is still up.
    client.sendEvent(QStringLiteral("ping"), {}, QStringLiteral("after"));
    QVERIFY(!client.waitForAck(QStringLiteral("after")).isEmpty());
    QCOMPARE(host.engine().headSeq(), head);
    QCOMPARE(client.count(QStringLiteral("pantry_updated")), 0);
}

void tst_RoomHost::resumeReplaysMissedEvents()
{
    TestHost &host = *m_host;
    TestClient live;
    QVERIFY(live.join(host.roomUrl(host.token(QStringLiteral("Live")))));
    const QString lateToken = host.token(QStringLiteral("Late")); // a new member is an event too
    const qint64 since = host.engine().headSeq();
    for (const char *name : { "Apples", "Pears", "Plums" })
        QVERIFY(hostCreatePantry(host.engine(), QString::fromLatin1(name)).ok);
    QVERIFY(live.waitForCount(QStringLiteral("pantry_updated"), 3));
    const qint64 head = host.engine().headSeq();
    QCOMPARE(head, since + 3);

    TestClient late;
    QVERIFY(late.join(host.roomUrl(lateToken)));
    QCOMPARE(late.count(QStringLiteral("pantry_updated")), 0);
    late.sendEvent(QStringLiteral("resume"), { { QStringLiteral("since"), since } }, QStringLiteral("r1"));
    QVERIFY(!late.waitFor(QStringLiteral("synced")).isEmpty());

    // The ack, the missed events in order (the very frames the live socket got), then synced{head}.
    const QList<QJsonObject> after = afterAck(late, QStringLiteral("r1"));
    QCOMPARE(eventsOf(after),
        (QStringList { QStringLiteral("pantry_updated"), QStringLiteral("pantry_updated"),
            QStringLiteral("pantry_updated"), QStringLiteral("synced") }));
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(after.at(i).value(QLatin1String("seq")).toInteger(), since + 1 + i);
        QCOMPARE(after.at(i), live.all(QStringLiteral("pantry_updated")).at(i));
    }
    QCOMPARE(after.last(),
        (QJsonObject { { QStringLiteral("event"), QStringLiteral("synced") },
            { QStringLiteral("data"), QJsonObject { { QStringLiteral("seq"), head } } } }));

    // Nothing missed: just synced.
    late.sendEvent(QStringLiteral("resume"), { { QStringLiteral("since"), head } }, QStringLiteral("r2"));
    QTRY_COMPARE(eventsOf(afterAck(late, QStringLiteral("r2"))), QStringList { QStringLiteral("synced") });

    // A resume without a usable since: acked, then an error event.
    late.sendEvent(
        QStringLiteral("resume"), { { QStringLiteral("since"), QStringLiteral("yesterday") } }, QStringLiteral("r3"));
    QTRY_COMPARE(eventsOf(afterAck(late, QStringLiteral("r3"))), QStringList { QStringLiteral("error") });
}

void tst_RoomHost::resumeFromUrl()
{
    TestHost &host = *m_host;
    // Tokens first: each new member is an event of its own.
    const QString behindToken = host.token(QStringLiteral("Behind"));
    const QString currentToken = host.token(QStringLiteral("Current"));
    const qint64 since = host.engine().headSeq();
    for (const char *name : { "Apples", "Pears" })
        QVERIFY(hostCreatePantry(host.engine(), QString::fromLatin1(name)).ok);
    const qint64 head = host.engine().headSeq();

    // ?since=N: the welcome, the missed events in order, then synced{head}.
    TestClient behind;
    behind.open(host.roomUrl(behindToken, since));
    QVERIFY(!behind.waitFor(QStringLiteral("synced")).isEmpty());
    const QList<QJsonObject> got = withoutPresence(behind.messages);
    QCOMPARE(eventsOf(got),
        (QStringList { QStringLiteral("connected"), QStringLiteral("pantry_updated"), QStringLiteral("pantry_updated"),
            QStringLiteral("synced") }));
    QCOMPARE(dataOf(got.at(0)).value(QLatin1String("seq")).toInteger(), head);
    QCOMPARE(got.at(1).value(QLatin1String("seq")).toInteger(), since + 1);
    QCOMPARE(got.at(2).value(QLatin1String("seq")).toInteger(), since + 2);
    QCOMPARE(dataOf(got.at(3)).value(QLatin1String("seq")).toInteger(), head);

    // ?since=head: the welcome, then synced at once.
    TestClient current;
    current.open(host.roomUrl(currentToken, head));
    QVERIFY(!current.waitFor(QStringLiteral("synced")).isEmpty());
    QCOMPARE(eventsOf(withoutPresence(current.messages)),
        (QStringList { QStringLiteral("connected"), QStringLiteral("synced") }));

    // A since that is not a whole number is ignored: a plain join.
    TestClient odd;
    QUrl url = host.roomUrl(currentToken);
    url.setQuery(url.query() + QStringLiteral("&since=yesterday"));
    QVERIFY(odd.join(url));
    odd.sendEvent(QStringLiteral("ping"), {}, QStringLiteral("barrier"));
    QVERIFY(!odd.waitForAck(QStringLiteral("barrier")).isEmpty());
    QCOMPARE(odd.count(QStringLiteral("synced")) + odd.count(QStringLiteral("resync_required")), 0);
}

void tst_RoomHost::resyncRequiredWhenLogTrimmed_data()
{
    QTest::addColumn<qint64>("keepEvents");
    QTest::addColumn<qint64>("sinceFromHead"); // since = head + this
    QTest::addColumn<bool>("resync");

    QTest::newRow("from the start, keep 2") << qint64(2) << qint64(-1000) << true;
    QTest::newRow("one before the kept window") << qint64(2) << qint64(-3) << true;
    QTest::newRow("just inside the kept window") << qint64(2) << qint64(-2) << false;
    QTest::newRow("nothing missed") << qint64(2) << qint64(0) << false;
    QTest::newRow("log emptied, one missed") << qint64(0) << qint64(-1) << true;
    QTest::newRow("log emptied, nothing missed") << qint64(0) << qint64(0) << false;
    QTest::newRow("client ahead of the host") << qint64(2) << qint64(5) << true;
}

void tst_RoomHost::resyncRequiredWhenLogTrimmed()
{
    QFETCH(qint64, keepEvents);
    QFETCH(qint64, sinceFromHead);
    QFETCH(bool, resync);
    TestHost &host = *m_host;

    TestClient client;
    QVERIFY(client.join(host.roomUrl(host.token())));
    const QString otherToken = host.token(QStringLiteral("Other"));
    for (int i = 0; i < 6; ++i)
        QVERIFY(hostCreatePantry(host.engine(), QStringLiteral("Item %1").arg(i)).ok);
    const qint64 head = host.engine().headSeq();

    // A year later the log is trimmed down to the newest `keepEvents`.
    const QDateTime now = host.clock.now();
    host.clock.setNow(now.addYears(1));
    QVERIFY(host.engine().trimEvents(keepEvents, 7) > 0);
    host.clock.setNow(now);
    QCOMPARE(countRows(
                 host.store(), QStringLiteral("events"), QStringLiteral("household_id = '%1'").arg(host.householdId())),
        keepEvents);

    const qint64 since = std::max<qint64>(0, head + sinceFromHead);
    client.sendEvent(QStringLiteral("resume"), { { QStringLiteral("since"), since } }, QStringLiteral("r"));
    const QString expected = resync ? QStringLiteral("resync_required") : QStringLiteral("synced");
    QVERIFY(!client.waitFor(expected).isEmpty());
    const QList<QJsonObject> after = afterAck(client, QStringLiteral("r"));
    QCOMPARE(after.last(),
        (QJsonObject { { QStringLiteral("event"), expected },
            { QStringLiteral("data"), QJsonObject { { QStringLiteral("seq"), head } } } }));
    if (resync)
        QCOMPARE(eventsOf(after), QStringList { expected }); // no events, no synced
    else
        QCOMPARE(after.size(), int(head - since) + 1);

    // The same through the URL.
    TestClient fromUrl;
    fromUrl.open(host.roomUrl(otherToken, since));
    QVERIFY(!fromUrl.waitFor(expected).isEmpty());
    const QList<QJsonObject> got = withoutPresence(fromUrl.messages);
    QCOMPARE(got.first().value(QLatin1String("event")).toString(), QStringLiteral("connected"));
    QCOMPARE(got.last(), after.last());
    QCOMPARE(got.size(), after.size() + 1);
}

void tst_RoomHost::fetchSnapshot()
{
    TestHost &host = *m_host;
    QVERIFY(hostCreatePantry(host.engine(), QStringLiteral("Apples")).ok);
    QVERIFY(hostCreatePantry(host.engine(), QStringLiteral("Pears")).ok);

    TestClient client;
    QVERIFY(client.join(host.roomUrl(host.token())));
    // A mutation and a fetch in one burst: the snapshot includes what was acknowledged before it.
    client.send(createPantry(QStringLiteral("m-plums"), QStringLiteral("Plums")));
    client.sendEvent(
        QStringLiteral("fetch"), { { QStringLiteral("collection"), QStringLiteral("pantry") } }, QStringLiteral("f1"));
    const QJsonObject snapshot = client.waitFor(QStringLiteral("snapshot"));
    QVERIFY(!snapshot.isEmpty());
    QVERIFY(client.messages.indexOf(client.waitForAck(QStringLiteral("f1"))) < client.messages.indexOf(snapshot));
    QCOMPARE(keysOf(snapshot), keys({ "event", "data" }));
    const QJsonObject data = dataOf(snapshot);
    QCOMPARE(keysOf(data), keys({ "id", "collection", "seq", "rows" }));
    QCOMPARE(data.value(QLatin1String("id")).toString(), QStringLiteral("f1"));
    QCOMPARE(data.value(QLatin1String("collection")).toString(), QStringLiteral("pantry"));
    QCOMPARE(data.value(QLatin1String("seq")).toInteger(), host.engine().headSeq());
    QStringList names;
    for (const QJsonValue &row : data.value(QLatin1String("rows")).toArray()) {
        const QJsonObject object = row.toObject();
        QVERIFY(keysOf(object).contains(
            keys({ "id", "name", "quantity", "unit", "category", "expires_on", "rev", "updated_at" })));
        names << object.value(QLatin1String("name")).toString();
    }
    names.sort();
    QCOMPARE(names, (QStringList { QStringLiteral("Apples"), QStringLiteral("Pears"), QStringLiteral("Plums") }));

    // A numeric id is echoed as a number; other collections work the same.
    client.sendEvent(QStringLiteral("fetch"), { { QStringLiteral("collection"), QStringLiteral("board_columns") } }, 5);
    const QJsonObject columns = client.waitFor(QStringLiteral("snapshot"),
        [](const QJsonObject &m) { return dataOf(m).value(QLatin1String("id")) == QJsonValue(5); });
    QCOMPARE(dataOf(columns).value(QLatin1String("rows")).toArray().size(), 3);

    // An unknown collection: the ack, then an error event; no snapshot.
    client.sendEvent(
        QStringLiteral("fetch"), { { QStringLiteral("collection"), QStringLiteral("gifts") } }, QStringLiteral("f3"));
    QTRY_COMPARE(eventsOf(afterAck(client, QStringLiteral("f3"))), QStringList { QStringLiteral("error") });
}

void tst_RoomHost::malformedKeepsConnection_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("binary");
    QTest::newRow("not JSON") << QStringLiteral("hello") << false;
    QTest::newRow("truncated JSON") << QStringLiteral(R"({"event":"ping")") << false;
    QTest::newRow("array") << QStringLiteral(R"([{"event":"ping"}])") << false;
    QTest::newRow("missing event") << QStringLiteral(R"({"data":{}})") << false;
    QTest::newRow("data not an object") << QStringLiteral(R"({"event":"ping","data":[1]})") << false;
    QTest::newRow("id not a string or number") << QStringLiteral(R"({"event":"ping","id":[1]})") << false;
    QTest::newRow("binary frame") << QStringLiteral(R"({"event":"ping"})") << true;
}

void tst_RoomHost::malformedKeepsConnection()
{
    QFETCH(QString, text);
    QFETCH(bool, binary);
    TestHost &host = *m_host;

    TestClient client;
    QVERIFY(client.join(host.roomUrl(host.token())));
    if (binary)
        client.socket().sendBinaryMessage(text.toUtf8());
    else
        client.sendText(text);
    const QJsonObject error = client.waitFor(QStringLiteral("error"));
    QVERIFY(!error.isEmpty());
    QCOMPARE(keysOf(dataOf(error)), keys({ "reason" }));
    QVERIFY(!dataOf(error).value(QLatin1String("reason")).toString().isEmpty());

    client.sendEvent(QStringLiteral("ping"), {}, QStringLiteral("after"));
    QVERIFY(!client.waitForAck(QStringLiteral("after")).isEmpty());
    QVERIFY(client.isOpen());
    QCOMPARE(host.host().activeConnections(host.householdId()), 1);
}

void tst_RoomHost::oversizeMessageSmallLimit()
{
    HostOptions options = quietHostOptions();
    options.messageLimit = 1024;
    TestHost host(options);
    QVERIFY2(host.isValid(), qPrintable(host.error()));

    TestClient client;
    QVERIFY(client.join(host.roomUrl(host.token())));
    // Just under the limit passes...
    client.sendEvent(
        QStringLiteral("ping"), { { QStringLiteral("pad"), QString(900, QLatin1Char('x')) } }, QStringLiteral("small"));
    QVERIFY(!client.waitForAck(QStringLiteral("small")).isEmpty());
    // ...over it closes with 1009.
    client.sendEvent(
        QStringLiteral("ping"), { { QStringLiteral("pad"), QString(1100, QLatin1Char('x')) } }, QStringLiteral("big"));
    QVERIFY(client.waitClosed());
    QCOMPARE(client.closeCode(), 1009);
    QVERIFY(client.waitForAck(QStringLiteral("big"), 0).isEmpty());
    QTRY_COMPARE(host.host().activeConnections(host.householdId()), 0);
}

void tst_RoomHost::oversizeRealFrame()
{
    TestHost &host = *m_host; // the default limit: 4 MiB (one bank import of 10,000 rows fits)
    const qint64 limit = protocol::kDefaultMessageLimit;
    QCOMPARE(host.options.messageLimit, limit);

    TestClient client;
    QVERIFY(client.join(host.roomUrl(host.token())));
    client.socket().setOutgoingFrameSize(2 * limit); // one frame, not fragments

    // A message of almost the limit is fine.
    client.sendEvent(QStringLiteral("ping"),
        { { QStringLiteral("pad"), QString(limit - 200, QLatin1Char('x')) } }, QStringLiteral("almost"));
    QVERIFY(!client.waitForAck(QStringLiteral("almost"), 10000).isEmpty());

    // One frame a little over the limit closes the connection with 1009.
    client.sendEvent(QStringLiteral("ping"), { { QStringLiteral("pad"), QString(limit + 16, QLatin1Char('x')) } },
        QStringLiteral("over"));
    QVERIFY(client.waitClosed(10000));
    QCOMPARE(client.closeCode(), 1009);
    QTRY_COMPARE(host.host().activeConnections(host.householdId()), 0);

    // The same size in fragments of half the limit is one message over the limit all the same.
    TestClient fragments;
    QVERIFY(fragments.join(host.roomUrl(host.token())));
    fragments.socket().setOutgoingFrameSize(limit / 2);
    fragments.sendEvent(QStringLiteral("ping"),
        { { QStringLiteral("pad"), QString(limit + 16, QLatin1Char('x')) } }, QStringLiteral("over"));
    QVERIFY(fragments.waitClosed(10000));
    QCOMPARE(fragments.closeCode(), 1009);
}

void tst_RoomHost::floodClosesWith1008()
{
    HostOptions options = quietHostOptions();
    options.messagesPerSecond = 1;
    options.messageBurst = 5;
    TestHost host(options);
    QVERIFY2(host.isValid(), qPrintable(host.error()));

    TestClient calm;
    TestClient flood;
    QVERIFY(calm.join(host.roomUrl(host.token(QStringLiteral("Calm")))));
    QVERIFY(flood.join(host.roomUrl(host.token(QStringLiteral("Flood")))));

    for (int i = 0; i < 3; ++i)
        calm.sendEvent(QStringLiteral("ping"), {}, i);
    QVERIFY(calm.waitForCount(QStringLiteral("ack"), 3));

    for (int i = 0; i < 40; ++i)
        flood.sendEvent(QStringLiteral("ping"), {}, i);
    QVERIFY(flood.waitClosed());
    QCOMPARE(flood.closeCode(), 1008);
    QCOMPARE(flood.closeReason(), QStringLiteral("Too many messages"));
    // The burst was answered, the rest was not.
    QVERIFY(flood.count(QStringLiteral("ack")) >= 5);
    QVERIFY(flood.count(QStringLiteral("ack")) < 10);

    // The calm member is still connected.
    calm.sendEvent(QStringLiteral("ping"), {}, QStringLiteral("still here"));
    QVERIFY(!calm.waitForAck(QStringLiteral("still here")).isEmpty());
    QTRY_COMPARE(host.host().activeConnections(host.householdId()), 1);
}

void tst_RoomHost::pingEvent()
{
    HostOptions options = quietHostOptions();
    options.pingInterval = std::chrono::milliseconds(100);
    TestHost host(options);
    QVERIFY2(host.isValid(), qPrintable(host.error()));

    TestClient client;
    QVERIFY(client.join(host.roomUrl(host.token())));
    const QJsonObject ping = client.waitFor(QStringLiteral("ping"), {}, 3000);
    QCOMPARE(ping,
        (QJsonObject {
            { QStringLiteral("event"), QStringLiteral("ping") }, { QStringLiteral("data"), QJsonObject() } }));
    QVERIFY(client.waitForCount(QStringLiteral("ping"), 3, 3000));

    // The client may answer with a pong event; it is acknowledged like any message.
    client.sendEvent(QStringLiteral("pong"), {}, QStringLiteral("pong-1"));
    QVERIFY(!client.waitForAck(QStringLiteral("pong-1")).isEmpty());
    // A client that answers the WebSocket pings (QWebSocket does) is never dropped for silence.
    QVERIFY(client.isOpen());
}

void tst_RoomHost::silentPeerIsDropped()
{
    HostOptions options = quietHostOptions();
    options.pingInterval = std::chrono::milliseconds(100);
    TestHost host(options);
    QVERIFY2(host.isValid(), qPrintable(host.error()));

    TestClient healthy;
    QVERIFY(healthy.join(host.roomUrl(host.token(QStringLiteral("Healthy")))));

    // A peer that does the WebSocket handshake by hand, then goes silent: it never answers a ping
    // frame nor sends anything (a laptop that went to sleep, a cable pulled out).
    const QUrl url = host.roomUrl(host.token(QStringLiteral("Sleepy")));
    QTcpSocket silent;
    QElapsedTimer sinceJoin;
    silent.connectToHost(QHostAddress::LocalHost, host.port());
    QVERIFY(silent.waitForConnected(5000));
    sinceJoin.start(); // the host hears from it for the last time after this
    silent.write("GET " + url.path(QUrl::FullyEncoded).toLatin1() + '?' + url.query(QUrl::FullyEncoded).toLatin1()
        + " HTTP/1.1\r\n"
          "Host: 127.0.0.1\r\n"
          "Upgrade: websocket\r\n"
          "Connection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          "Sec-WebSocket-Version: 13\r\n\r\n");
    QByteArray received;
    QTRY_VERIFY((received += silent.readAll()).contains("\r\n\r\n"));
    QVERIFY2(received.startsWith("HTTP/1.1 101"), received.constData());
    QVERIFY(received.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")); // the RFC 6455 accept for that key
    QTRY_COMPARE(host.host().activeConnections(host.householdId()), 2);
    QVERIFY(
        !healthy
             .waitFor(QStringLiteral("presence"),
                 [](const QJsonObject &m) { return dataOf(m).value(QLatin1String("active_connections")).toInt() == 2; })
             .isEmpty());
    healthy.clear();
    QSignalSpy closed(&silent, &QTcpSocket::disconnected);

    // Dropped after two silent intervals; the healthy one stays and hears the count drop.
    QTRY_COMPARE_WITH_TIMEOUT(host.host().activeConnections(host.householdId()), 1, 5000);
    QVERIFY2(
        sinceJoin.elapsed() >= 2 * 100, qPrintable(QString::number(sinceJoin.elapsed()))); // not before two intervals
    QVERIFY(closed.count() > 0 || closed.wait(2000));
    QVERIFY(
        !healthy
             .waitFor(QStringLiteral("presence"),
                 [](const QJsonObject &m) { return dataOf(m).value(QLatin1String("active_connections")).toInt() == 1; })
             .isEmpty());
    QVERIFY(healthy.isOpen());
    healthy.sendEvent(QStringLiteral("ping"), {}, QStringLiteral("alive"));
    QVERIFY(!healthy.waitForAck(QStringLiteral("alive")).isEmpty());
    QCOMPARE(host.host().membersOnline(host.householdId()).size(), 1);
}

void tst_RoomHost::groupCommitUnderBurst()
{
    TestHost &host = *m_host;
    constexpr int kClients = 4;
    constexpr int kEach = 50;
    std::vector<std::unique_ptr<TestClient>> clients;
    for (int c = 0; c < kClients; ++c) {
        clients.push_back(std::make_unique<TestClient>());
        QVERIFY(clients.back()->join(host.roomUrl(host.token(QStringLiteral("Member %1").arg(c)))));
    }
    const qint64 head = host.engine().headSeq();

    // 200 mutations in one burst, interleaved over the sockets.
    for (int i = 0; i < kEach; ++i)
        for (int c = 0; c < kClients; ++c)
            clients[c]->send(
                createPantry(QStringLiteral("c%1-%2").arg(c).arg(i), QStringLiteral("Item %1-%2").arg(c).arg(i)));

    QList<qint64> seqs;
    QHash<QString, qint64> seqById;
    for (auto &client : clients) {
        QVERIFY(client->waitForCount(QStringLiteral("ack"), kEach, 20000));
        QCOMPARE(client->count(QStringLiteral("ack")), kEach);
        for (const QJsonObject &ack : client->all(QStringLiteral("ack"))) {
            const QJsonObject data = dataOf(ack);
            QVERIFY2(data.value(QLatin1String("ok")).toBool(), QJsonDocument(data).toJson().constData());
            seqs.append(data.value(QLatin1String("seq")).toInteger());
            seqById.insert(data.value(QLatin1String("id")).toString(), data.value(QLatin1String("seq")).toInteger());
        }
    }
    // Contiguous: no gaps, no duplicates.
    std::sort(seqs.begin(), seqs.end());
    QList<qint64> expected;
    for (qint64 s = head + 1; s <= head + kClients * kEach; ++s)
        expected.append(s);
    QCOMPARE(seqs, expected);
    QCOMPARE(seqById.size(), kClients * kEach);
    QCOMPARE(host.engine().headSeq(), head + kClients * kEach);

    // Every socket gets all 200 events, in seq order, each matching its mutation's ack.
    for (auto &client : clients) {
        QVERIFY(client->waitForCount(QStringLiteral("pantry_updated"), kClients * kEach, 20000));
        const QList<QJsonObject> events = client->all(QStringLiteral("pantry_updated"));
        QCOMPARE(events.size(), kClients * kEach);
        for (int i = 0; i < events.size(); ++i) {
            QCOMPARE(events.at(i).value(QLatin1String("seq")).toInteger(), head + 1 + i);
            const QString mutationId = dataOf(events.at(i)).value(QLatin1String("mutation_id")).toString();
            QCOMPARE(seqById.value(mutationId), head + 1 + i);
        }
    }

    // Durable: after the host is gone, the file has every row and every event.
    const QString path = host.storePath();
    const QString householdId = host.householdId();
    clients.clear();
    host.shutdown();
    QString error;
    auto reopened = Store::open(path, &error);
    QVERIFY2(reopened, qPrintable(error));
    QCOMPARE(countRows(*reopened, QStringLiteral("pantry_items"), QStringLiteral("name LIKE 'Item %'")),
        qint64(kClients * kEach));
    QCOMPARE(
        countRows(*reopened, QStringLiteral("events"), QStringLiteral("seq > %1").arg(head)), qint64(kClients * kEach));
    QCOMPARE(
        queryValue(*reopened, QStringLiteral("SELECT MAX(seq) FROM events WHERE household_id = ?"), { householdId })
            .toLongLong(),
        head + kClients * kEach);
    QCOMPARE(
        queryValue(*reopened, QStringLiteral("SELECT COUNT(DISTINCT mutation_id) FROM events WHERE seq > ?"), { head })
            .toLongLong(),
        qint64(kClients * kEach));
}

void tst_RoomHost::closeAllSendsGoingAway()
{
    TestHost &host = *m_host;
    TestClient a;
    TestClient b;
    QVERIFY(a.join(host.roomUrl(host.token(QStringLiteral("A")))));
    QVERIFY(b.join(host.roomUrl(host.token(QStringLiteral("B")))));
    host.stopListening();
    host.host().closeAll(1001, QStringLiteral("Server shutting down"));
    QVERIFY(a.waitClosed());
    QVERIFY(b.waitClosed());
    QCOMPARE(a.closeCode(), 1001);
    QCOMPARE(b.closeCode(), 1001);
    QCOMPARE(a.closeReason(), QStringLiteral("Server shutting down"));
    QCOMPARE(host.host().totalConnections(), 0);
}

void tst_RoomHost::unknownPathRefused()
{
    TestHost &host = *m_host;
    for (const QString &path : { QStringLiteral("/"), QStringLiteral("/api/ws/"), QStringLiteral("/api/other"),
             QStringLiteral("/api/ws/%1/extra").arg(host.householdId()) }) {
        TestClient client;
        QUrl url = host.baseUrl();
        url.setPath(path);
        client.open(url);
        QVERIFY2(client.waitClosed(), qPrintable(path));
        QCOMPARE(client.closeCode(), 1008);
        QVERIFY(client.messages.isEmpty());
    }
}

void tst_RoomHost::stalledConnectionIsDropped_data()
{
    QTest::addColumn<QByteArray>("sent");
    QTest::newRow("says nothing") << QByteArray();
    QTest::newRow("half a request") << QByteArray("GET /api/ws/x HTTP/1.1\r\nHost: 127.0.0.1\r\n");
}

void tst_RoomHost::stalledConnectionIsDropped()
{
    QFETCH(QByteArray, sent);
    ListenerOptions quick;
    quick.handshakeTimeout = std::chrono::milliseconds(200);
    TestHost host(quietHostOptions(), true, quick);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, host.port());
    QVERIFY(socket.waitForConnected(5000));
    if (!sent.isEmpty())
        socket.write(sent);
    // Nothing more comes: the host lets go of the connection instead of holding it forever.
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
}

void tst_RoomHost::pairingOverWebSocket()
{
    TestHost &host = *m_host;
    const auto code = host.pairing().createInvite(host.householdId());
    QVERIFY(code.has_value());
    QCOMPARE(code->size(), 8);

    QUrl pairUrl = host.baseUrl();
    pairUrl.setPath(QStringLiteral("/api/pair"));

    // A wrong code: an error event (logged without the code), then the socket closes.
    TestClient wrong;
    wrong.open(pairUrl);
    QTRY_VERIFY(wrong.isOpen());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("refused a pairing from")));
    wrong.sendEvent(QStringLiteral("pair"),
        { { QStringLiteral("invite_code"), QStringLiteral("AAAA-AAAA") },
            { QStringLiteral("name"), QStringLiteral("Grandma") } });
    QVERIFY(!wrong.waitFor(QStringLiteral("error")).isEmpty());
    QVERIFY(wrong.waitClosed());

    // The right one (typed in lower case with a dash): the member's credentials, then a normal close.
    TestClient device;
    device.open(pairUrl);
    QTRY_VERIFY(device.isOpen());
    const QString typed = code->left(4).toLower() + QLatin1Char('-') + code->mid(4).toLower();
    device.sendEvent(QStringLiteral("pair"),
        { { QStringLiteral("invite_code"), typed }, { QStringLiteral("name"), QStringLiteral("Grandma") },
            { QStringLiteral("device_name"), QStringLiteral("Kitchen tablet") } });
    const QJsonObject paired = device.waitFor(QStringLiteral("paired"));
    QVERIFY(!paired.isEmpty());
    const QJsonObject data = dataOf(paired);
    QCOMPARE(keysOf(data),
        keys({ "household_id", "member_id", "token", "household_name", "role", "expires_in", "device_id", "refresh_token",
            "member_name" }));
    QCOMPARE(data.value(QLatin1String("member_name")).toString(), QStringLiteral("Grandma"));
    QCOMPARE(data.value(QLatin1String("household_id")).toString(), host.householdId());
    QCOMPARE(data.value(QLatin1String("household_name")).toString(), QStringLiteral("Home"));
    QCOMPARE(data.value(QLatin1String("role")).toString(), QStringLiteral("adult"));
    QVERIFY(device.waitClosed());
    QCOMPARE(device.closeCode(), 1000);
    const auto devices = host.directory().devices().devices(host.householdId());
    QCOMPARE(devices.size(), 1);
    QCOMPARE(devices.first().name, QStringLiteral("Kitchen tablet"));

    // The refresh credential buys a new access token over the same endpoint.
    TestClient renewing;
    renewing.open(pairUrl);
    QTRY_VERIFY(renewing.isOpen());
    renewing.sendEvent(QStringLiteral("refresh"), { { QStringLiteral("refresh_token"), data.value(QLatin1String("refresh_token")) } });
    const QJsonObject renewed = dataOf(renewing.waitFor(QStringLiteral("token")));
    QCOMPARE(renewed.value(QLatin1String("member_id")), data.value(QLatin1String("member_id")));
    QVERIFY(!renewed.contains(QLatin1String("refresh_token"))); // the credential itself is not handed out again

    // The token opens the room as the new member.
    TestClient grandma;
    QVERIFY(grandma.join(host.roomUrl(data.value(QLatin1String("token")).toString())));
    QCOMPARE(dataOf(grandma.messages.first()).value(QLatin1String("member_id")).toString(),
        data.value(QLatin1String("member_id")).toString());
}

void tst_RoomHost::batchAnsweredByOneAck()
{
    TestHost &host = *m_host;
    TestClient sam;
    TestClient kim;
    QVERIFY(sam.join(host.roomUrl(host.token(QStringLiteral("Sam")))));
    QVERIFY(kim.join(host.roomUrl(host.token(QStringLiteral("Kim")))));
    const qint64 head = host.engine().headSeq();

    // Three creates, a refused one among them, and an update of the first: one ack, results in order.
    sam.send(batchMessage(QStringLiteral("b-1"),
        { createPantry(QStringLiteral("m-1"), QStringLiteral("Milk")),
            mutateMessage(QStringLiteral("m-2"), QStringLiteral("pantry"), QStringLiteral("create"),
                { { QStringLiteral("name"), QStringLiteral("Eggs") }, { QStringLiteral("quantity"), -1 } }),
            createPantry(QStringLiteral("m-3"), QStringLiteral("Bread")),
            mutateMessage(QStringLiteral("m-4"), QStringLiteral("spaceships"), QStringLiteral("create"), {}) }));
    const QJsonObject ack = dataOf(sam.waitForAck(QStringLiteral("b-1")));
    QCOMPARE(keysOf(ack), keys({ "received", "id", "results" }));
    QCOMPARE(ack.value(QLatin1String("received")).toString(), QStringLiteral("batch"));
    const QJsonArray results = ack.value(QLatin1String("results")).toArray();
    QCOMPARE(results.size(), 4);
    QCOMPARE(results.at(0).toObject().value(QLatin1String("id")).toString(), QStringLiteral("m-1"));
    QVERIFY(results.at(0).toObject().value(QLatin1String("ok")).toBool());
    QCOMPARE(results.at(0).toObject().value(QLatin1String("seq")).toInteger(), head + 1);
    QCOMPARE(results.at(0).toObject().value(QLatin1String("rev")).toInteger(), qint64(1));
    QCOMPARE(results.at(1).toObject().value(QLatin1String("id")).toString(), QStringLiteral("m-2"));
    QVERIFY(!results.at(1).toObject().value(QLatin1String("ok")).toBool());
    QCOMPARE(results.at(1).toObject().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
        QStringLiteral("invalid"));
    QCOMPARE(results.at(1).toObject().value(QLatin1String("error")).toObject().value(QLatin1String("field")).toString(),
        QStringLiteral("quantity"));
    QVERIFY(results.at(2).toObject().value(QLatin1String("ok")).toBool());
    QCOMPARE(results.at(2).toObject().value(QLatin1String("seq")).toInteger(), head + 2);
    QCOMPARE(results.at(3).toObject().value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString(),
        QStringLiteral("unknown collection"));
    QCOMPARE(sam.count(QStringLiteral("ack")), 1);

    // The broadcasts follow the ack, in seq order, to everyone; the refused entries leave no trace.
    QVERIFY(kim.waitForCount(QStringLiteral("pantry_updated"), 2));
    QTRY_COMPARE(afterAck(sam, QStringLiteral("b-1")).size(), 2);
    for (const TestClient *client : { &sam, &kim }) {
        const QList<QJsonObject> events = client->all(QStringLiteral("pantry_updated"));
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0).value(QLatin1String("seq")).toInteger(), head + 1);
        QCOMPARE(dataOf(events.at(0)).value(QLatin1String("mutation_id")).toString(), QStringLiteral("m-1"));
        QCOMPARE(events.at(1).value(QLatin1String("seq")).toInteger(), head + 2);
        QCOMPARE(dataOf(events.at(1)).value(QLatin1String("mutation_id")).toString(), QStringLiteral("m-3"));
    }
    QCOMPARE(host.engine().headSeq(), head + 2);
    QCOMPARE(countRows(host.store(), QStringLiteral("pantry_items"), QStringLiteral("name = 'Eggs'")), qint64(0));

    // An empty batch is answered with no results.
    sam.send(batchMessage(QStringLiteral("b-empty"), {}));
    QCOMPARE(dataOf(sam.waitForAck(QStringLiteral("b-empty"))).value(QLatin1String("results")).toArray(), QJsonArray());
}

void tst_RoomHost::batchRetryAppliedOnce()
{
    TestHost &host = *m_host;
    TestClient sam;
    QVERIFY(sam.join(host.roomUrl(host.token(QStringLiteral("Sam")))));
    const qint64 head = host.engine().headSeq();
    const QJsonObject batch = batchMessage(QStringLiteral("b-1"),
        { createPantry(QStringLiteral("r-1"), QStringLiteral("Milk")), createPantry(QStringLiteral("r-2"), QStringLiteral("Rice")) });
    sam.send(batch);
    const QJsonObject first = dataOf(sam.waitForAck(QStringLiteral("b-1")));
    QCOMPARE(first.value(QLatin1String("results")).toArray().size(), 2);

    // Sent again (its ack was lost), and once more under another batch id with one new entry: the
    // known ids are answered with their first results, only the new one is applied.
    sam.clear();
    sam.send(batch);
    QCOMPARE(dataOf(sam.waitForAck(QStringLiteral("b-1"))).value(QLatin1String("results")), first.value(QLatin1String("results")));
    sam.send(batchMessage(QStringLiteral("b-2"),
        { createPantry(QStringLiteral("r-2"), QStringLiteral("Rice")), createPantry(QStringLiteral("r-3"), QStringLiteral("Oats")) }));
    const QJsonArray again = dataOf(sam.waitForAck(QStringLiteral("b-2"))).value(QLatin1String("results")).toArray();
    QCOMPARE(again.at(0), first.value(QLatin1String("results")).toArray().at(1));
    QCOMPARE(again.at(1).toObject().value(QLatin1String("seq")).toInteger(), head + 3);
    QCOMPARE(host.engine().headSeq(), head + 3);
    QCOMPARE(countRows(host.store(), QStringLiteral("pantry_items"), QStringLiteral("name = 'Rice'")), qint64(1));
    QCOMPARE(countRows(host.store(), QStringLiteral("events"), QStringLiteral("mutation_id = 'r-2'")), qint64(1));
}

void tst_RoomHost::batchOverLimitRefusedWhole()
{
    TestHost &host = *m_host;
    TestClient sam;
    QVERIFY(sam.join(host.roomUrl(host.token(QStringLiteral("Sam")))));
    const qint64 head = host.engine().headSeq();
    QList<QJsonObject> mutates;
    for (int i = 0; i <= protocol::kBatchLimit; ++i)
        mutates.append(createPantry(QStringLiteral("o-%1").arg(i), QStringLiteral("Item %1").arg(i)));
    sam.send(batchMessage(QStringLiteral("too-many"), mutates));
    const QJsonObject error = dataOf(sam.waitFor(QStringLiteral("error")));
    QCOMPARE(error.value(QLatin1String("id")).toString(), QStringLiteral("too-many"));
    QCOMPARE(error.value(QLatin1String("reason")).toString(),
        QStringLiteral("a batch holds at most 100 mutations; this one has 101, and none of them was applied"));
    sam.sendEvent(QStringLiteral("batch"), {}, QStringLiteral("no-array"));
    sam.send({ { QStringLiteral("event"), QStringLiteral("batch") }, { QStringLiteral("id"), QStringLiteral("bad") },
        { QStringLiteral("data"), QJsonObject { { QStringLiteral("mutations"), QStringLiteral("all of them") } } } });
    QVERIFY(sam.waitForCount(QStringLiteral("error"), 2));
    // The connection stays up, nothing was applied, and the limit itself is taken.
    mutates.removeLast();
    sam.send(batchMessage(QStringLiteral("at-limit"), mutates));
    const QJsonArray results = dataOf(sam.waitForAck(QStringLiteral("at-limit"), 20000)).value(QLatin1String("results")).toArray();
    QCOMPARE(results.size(), protocol::kBatchLimit);
    QCOMPARE(results.last().toObject().value(QLatin1String("seq")).toInteger(), head + protocol::kBatchLimit);
    QVERIFY(sam.isOpen());
}

void tst_RoomHost::batchCountsAgainstTheAllowance()
{
    // A socket allowed 150 changes at once: one batch of 100 fits, the next 100 close it as 100
    // mutates would.
    HostOptions options = quietHostOptions();
    options.mutationsPerSecond = 0.001;
    options.mutationBurst = 150;
    TestHost host(options);
    QVERIFY2(host.isValid(), qPrintable(host.error()));
    TestClient sam;
    QVERIFY(sam.join(host.roomUrl(host.token(QStringLiteral("Sam")))));
    const auto hundred = [](const QString &prefix) {
        QList<QJsonObject> mutates;
        for (int i = 0; i < 100; ++i)
            mutates.append(createPantry(QStringLiteral("%1-%2").arg(prefix).arg(i), QStringLiteral("Item %1").arg(i)));
        return mutates;
    };
    sam.send(batchMessage(QStringLiteral("first"), hundred(QStringLiteral("a"))));
    QCOMPARE(dataOf(sam.waitForAck(QStringLiteral("first"), 20000)).value(QLatin1String("results")).toArray().size(), 100);
    sam.send(batchMessage(QStringLiteral("second"), hundred(QStringLiteral("b"))));
    QVERIFY(sam.waitClosed());
    QCOMPARE(sam.closeCode(), int(protocol::kClosePolicy));
    QCOMPARE(sam.closeReason(), QStringLiteral("Too many changes"));
    QCOMPARE(countRows(host.store(), QStringLiteral("pantry_items"), QStringLiteral("name LIKE 'Item %'")), qint64(100));
}

QTEST_GUILESS_MAIN(tst_RoomHost)
#include "tst_roomhost.moc"
