// The host's doors, over real loopback sockets: members removed and devices signed out are cut
// off at once, a rotated key signs everyone out, browser origins, connection, handshake, frame and
// mutation limits, and two busy households that never see each other's data.

#include "SyncTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

using namespace hearth;
using namespace hearth::test;

namespace {

QJsonObject mutation(const QString &id, const QString &name)
{
    return {{QStringLiteral("event"), QStringLiteral("mutate")},
            {QStringLiteral("id"), id},
            {QStringLiteral("data"),
             QJsonObject{{QStringLiteral("collection"), QStringLiteral("pantry")},
                         {QStringLiteral("op"), QStringLiteral("create")},
                         {QStringLiteral("fields"), QJsonObject{{QStringLiteral("name"), name}}}}}};
}

} // namespace

class tst_HostSecurity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void removedMemberIsCutOffAtOnce()
    {
        TestHost host;
        QString kimId;
        const QString kim = host.token(QStringLiteral("Kim"), &kimId);
        TestClient kimsPhone;
        TestClient kimsTablet;
        TestClient alex;
        QVERIFY(kimsPhone.join(host.roomUrl(kim)));
        QVERIFY(kimsTablet.join(host.roomUrl(kim)));
        QVERIFY(alex.join(host.roomUrl(host.token(QStringLiteral("Alex")))));

        QVERIFY(host.engine().submit(Mutation{{}, Collection::Members, MutationOp::Delete, kimId, -1, {}}).ok);
        for (TestClient *device : {&kimsPhone, &kimsTablet}) {
            QVERIFY(device->waitClosed());
            QCOMPARE(device->closeCode(), 4003);
        }
        QVERIFY(alex.isOpen() && !alex.isClosed());
        // The unexpired token is refused from now on, before anything is sent.
        TestClient again;
        again.open(host.roomUrl(kim));
        QVERIFY(again.waitClosed());
        QCOMPARE(again.closeCode(), 4003);
        QCOMPARE(again.messagesBeforeClose(), 0);
    }

    void removalThroughAMutationOfAnAdultCutsOffToo()
    {
        // The same through the room: an adult removes a member with a mutate message.
        TestHost host;
        QString samId;
        TestClient sam;
        TestClient alex;
        QVERIFY(sam.join(host.roomUrl(host.token(QStringLiteral("Sam"), &samId))));
        QVERIFY(alex.join(host.roomUrl(host.token(QStringLiteral("Alex")))));
        alex.send({{QStringLiteral("event"), QStringLiteral("mutate")},
                   {QStringLiteral("id"), QStringLiteral("remove-sam")},
                   {QStringLiteral("data"), QJsonObject{{QStringLiteral("collection"), QStringLiteral("members")},
                                                        {QStringLiteral("op"), QStringLiteral("delete")},
                                                        {QStringLiteral("entity_id"), samId}}}});
        QVERIFY(alex.waitForAck(QStringLiteral("remove-sam")).value(QLatin1String("data")).toObject().value(QLatin1String("ok")).toBool());
        QVERIFY(sam.waitClosed());
        QCOMPARE(sam.closeCode(), 4003);
    }

    void signedOutDeviceIsCutOffAtOnce()
    {
        TestHost host;
        QString error;
        const auto tablet = host.pairing().redeem(*host.pairing().createInvite(host.householdId()), QStringLiteral("Noor"), &error,
                                                  QStringLiteral("Tablet"));
        QVERIFY2(tablet, qPrintable(error));
        TestClient client;
        QVERIFY(client.join(host.roomUrl(tablet->token)));
        QVERIFY(host.host().signOutDevice(tablet->deviceId));
        QVERIFY(client.waitClosed());
        QCOMPARE(client.closeCode(), 4001);
        QVERIFY(!host.pairing().refresh(tablet->refreshToken, &error));
        // The member is still there (another device of theirs may be fine); this device is not.
        QVERIFY(host.directory().isMember(host.householdId(), tablet->memberId));
    }

    void rotatingTheKeySignsEveryoneOut()
    {
        TestHost host;
        const QString old = host.token(QStringLiteral("Sam"));
        TestClient sam;
        QVERIFY(sam.join(host.roomUrl(old)));
        const QByteArray fresh(32, 'k');
        QTest::ignoreMessage(QtWarningMsg, "the signing key was replaced: 0 devices signed out");
        host.host().rotateSecret(fresh);
        QVERIFY(sam.waitClosed());
        QCOMPARE(sam.closeCode(), 4001);
        TestClient stale;
        stale.open(host.roomUrl(old));
        QVERIFY(stale.waitClosed());
        QCOMPARE(stale.closeCode(), 4001);
        const QString renewed = host.signedToken(host.ownerId(), host.householdId(), 3600, fresh);
        TestClient ok;
        QVERIFY(ok.join(host.roomUrl(renewed)));
    }

    void browserOriginsMustBeAllowed_data()
    {
        QTest::addColumn<QString>("origin");
        QTest::addColumn<bool>("admitted");
        QTest::newRow("native client, no Origin") << QString() << true;
        QTest::newRow("allowed origin") << QStringLiteral("https://hearth.example") << true;
        QTest::newRow("another site") << QStringLiteral("https://evil.example") << false;
        QTest::newRow("allowed host, other scheme") << QStringLiteral("http://hearth.example") << false;
    }

    void browserOriginsMustBeAllowed()
    {
        QFETCH(QString, origin);
        QFETCH(bool, admitted);
        ListenerOptions listener;
        listener.allowedOrigins = {QStringLiteral("https://hearth.example")};
        TestHost host(quietHostOptions(), true, listener);
        QWebSocket socket(origin);
        bool welcomed = false;
        connect(&socket, &QWebSocket::textMessageReceived, this, [&](const QString &frame) {
            welcomed |= frame.contains(QLatin1String("\"connected\""));
        });
        bool failed = false;
        connect(&socket, &QWebSocket::disconnected, this, [&] { failed = true; });
        socket.open(host.roomUrl(host.token(QStringLiteral("Sam"))));
        QTRY_VERIFY(welcomed || failed);
        QCOMPARE(welcomed, admitted);
        if (!admitted)
            QCOMPARE(host.host().totalConnections(), 0); // refused before the WebSocket handshake
    }

    void connectionsPerAddressAreLimited()
    {
        ListenerOptions listener;
        listener.maxConnectionsPerAddress = 3;
        TestHost host(quietHostOptions(), true, listener);
        const QString token = host.token(QStringLiteral("Sam"));
        std::vector<std::unique_ptr<TestClient>> clients;
        for (int i = 0; i < 3; ++i) {
            clients.push_back(std::make_unique<TestClient>());
            QVERIFY(clients.back()->join(host.roomUrl(token)));
        }
        TestClient fourth;
        fourth.open(host.roomUrl(token));
        QVERIFY(fourth.waitClosed());
        QVERIFY(!fourth.isOpen());
        QCOMPARE(host.host().totalConnections(), 3);
        // One leaves: there is room again.
        clients.front()->socket().close();
        QTRY_COMPARE(host.host().totalConnections(), 2);
        TestClient fifth;
        QVERIFY(fifth.join(host.roomUrl(token)));
    }

    void pendingHandshakesAreLimited()
    {
        ListenerOptions listener;
        listener.maxPendingHandshakes = 2;
        TestHost host(quietHostOptions(), true, listener);
        // Two connections that never send their request occupy both handshake places...
        QTcpSocket slow1;
        QTcpSocket slow2;
        for (QTcpSocket *slow : {&slow1, &slow2}) {
            slow->connectToHost(QHostAddress::LocalHost, host.port());
            QVERIFY(slow->waitForConnected(5000));
        }
        // ...so the next is dropped at once (a socket the host has accepted, then closed).
        QTcpSocket third;
        third.connectToHost(QHostAddress::LocalHost, host.port());
        QVERIFY(third.waitForConnected(5000));
        QTRY_COMPARE(third.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(slow1.state(), QAbstractSocket::ConnectedState);
        // Once one of them goes, a real client gets in.
        slow1.abort();
        TestClient client;
        QTRY_VERIFY(client.join(host.roomUrl(host.token(QStringLiteral("Sam")))));
    }

    void framesLargerThanTheFrameLimitAreRefused()
    {
        ListenerOptions listener;
        listener.frameLimit = 4096; // messages may be larger, in several frames
        TestHost host(quietHostOptions(), true, listener);
        const QString token = host.token(QStringLiteral("Sam"));
        const auto withNote = [&](const QString &id) {
            QJsonObject message = mutation(id, QStringLiteral("Flour"));
            QJsonObject data = message.value(QLatin1String("data")).toObject();
            data.insert(QStringLiteral("padding"), QString(6000, QLatin1Char('p'))); // not read, makes the message 6 KB
            message.insert(QStringLiteral("data"), data);
            return message;
        };
        TestClient fragmented;
        fragmented.socket().setOutgoingFrameSize(1024);
        QVERIFY(fragmented.join(host.roomUrl(token)));
        fragmented.send(withNote(QStringLiteral("in-pieces")));
        QVERIFY(!fragmented.waitForAck(QStringLiteral("in-pieces")).isEmpty());

        TestClient oneFrame;
        QVERIFY(oneFrame.join(host.roomUrl(token)));
        oneFrame.send(withNote(QStringLiteral("one-frame")));
        QVERIFY2(oneFrame.waitClosed(), qPrintable(oneFrame.events().join(QLatin1Char(','))));
        QCOMPARE(oneFrame.closeCode(), 1009);
    }

    void mutationsPerConnectionAreLimited()
    {
        HostOptions options = quietHostOptions();
        options.mutationsPerSecond = 0.001;
        options.mutationBurst = 3;
        TestHost host(options);
        TestClient busy;
        QVERIFY(busy.join(host.roomUrl(host.token(QStringLiteral("Busy")))));
        for (int i = 0; i < 5; ++i)
            busy.send(mutation(QStringLiteral("m%1").arg(i), QStringLiteral("Item %1").arg(i)));
        QVERIFY(busy.waitClosed());
        QCOMPARE(busy.closeCode(), 1008);
        QCOMPARE(busy.closeReason(), QStringLiteral("Too many changes"));
        // Three were taken in and kept; the rest stays in the client's outbox for later.
        QTRY_COMPARE(host.engine().snapshot(Collection::Pantry).size(), 3);
        // Pings and other messages are not mutations: a calm member may still ping freely.
        TestClient calm;
        QVERIFY(calm.join(host.roomUrl(host.token(QStringLiteral("Calm")))));
        for (int i = 0; i < 10; ++i)
            calm.sendEvent(QStringLiteral("ping"), {}, i);
        QVERIFY(calm.waitForCount(QStringLiteral("ack"), 10));
    }

    void mutationsPerHouseholdAreLimited()
    {
        HostOptions options = quietHostOptions();
        options.householdMutationsPerSecond = 0.001;
        options.householdMutationBurst = 4;
        TestHost host(options);
        QString flatOwner;
        const QString flat = host.addHousehold(QStringLiteral("Flat"), &flatOwner);
        TestClient a;
        TestClient b;
        TestClient neighbour;
        QVERIFY(a.join(host.roomUrl(host.token(QStringLiteral("A")))));
        QVERIFY(b.join(host.roomUrl(host.token(QStringLiteral("B")))));
        QVERIFY(neighbour.join(host.roomUrl(host.token(QStringLiteral("Lee"), nullptr, flat), std::nullopt, flat)));
        for (int i = 0; i < 3; ++i)
            a.send(mutation(QStringLiteral("a%1").arg(i), QStringLiteral("A %1").arg(i)));
        QVERIFY(a.waitForCount(QStringLiteral("ack"), 3));
        b.send(mutation(QStringLiteral("b0"), QStringLiteral("B 0")));
        QVERIFY(!b.waitForAck(QStringLiteral("b0")).isEmpty());
        // The household's allowance is spent, whoever sends next.
        b.send(mutation(QStringLiteral("b1"), QStringLiteral("B 1")));
        QVERIFY(b.waitClosed());
        QCOMPARE(b.closeCode(), 1008);
        // Another household has its own.
        for (int i = 0; i < 4; ++i)
            neighbour.send(mutation(QStringLiteral("n%1").arg(i), QStringLiteral("N %1").arg(i)));
        QVERIFY(neighbour.waitForCount(QStringLiteral("ack"), 4));
        QVERIFY(!neighbour.isClosed());
    }

    void twoBusyHouseholdsNeverCross()
    {
        // Two households x 10,000 mutations through the room, at once: every event a socket
        // receives is its own household's, and every row is where its author belongs.
        HostOptions options = quietHostOptions();
        options.messagesPerSecond = options.mutationsPerSecond = options.householdMutationsPerSecond = 1e9;
        options.messageBurst = options.mutationBurst = options.householdMutationBurst = 1e9;
        TestHost host(options);
        QString flatOwner;
        const QString flat = host.addHousehold(QStringLiteral("Flat"), &flatOwner);
        struct Side
        {
            QString householdId;
            TestClient writer{};
            TestClient watcher{};
        };
        Side home;
        home.householdId = host.householdId();
        Side next;
        next.householdId = flat;
        QVERIFY(home.writer.join(host.roomUrl(host.token(QStringLiteral("Writer")))));
        QVERIFY(home.watcher.join(host.roomUrl(host.token(QStringLiteral("Watcher")))));
        QVERIFY(next.writer.join(host.roomUrl(host.token(QStringLiteral("Writer"), nullptr, flat), std::nullopt, flat)));
        QVERIFY(next.watcher.join(host.roomUrl(host.token(QStringLiteral("Watcher"), nullptr, flat), std::nullopt, flat)));
        constexpr int kMutations = 10000;
        for (int i = 0; i < kMutations; ++i) {
            home.writer.send(mutation(QStringLiteral("home-%1").arg(i), QStringLiteral("Home %1").arg(i)));
            next.writer.send(mutation(QStringLiteral("flat-%1").arg(i), QStringLiteral("Flat %1").arg(i)));
        }
        for (Side *side : {&home, &next}) {
            QVERIFY(side->writer.waitForCount(QStringLiteral("ack"), kMutations, 120000));
            for (TestClient *client : {&side->writer, &side->watcher})
                QVERIFY(client->waitForCount(QStringLiteral("pantry_updated"), kMutations, 120000));
        }
        for (Side *side : {&home, &next}) {
            const QString prefix = side == &home ? QStringLiteral("Home ") : QStringLiteral("Flat ");
            for (TestClient *client : {&side->writer, &side->watcher}) {
                for (const QJsonObject &event : client->all(QStringLiteral("pantry_updated"))) {
                    const QJsonObject data = event.value(QLatin1String("data")).toObject();
                    QVERIFY2(data.value(QLatin1String("entity")).toObject().value(QLatin1String("name")).toString().startsWith(prefix)
                                 && data.value(QLatin1String("mutation_id")).toString().startsWith(prefix.trimmed().toLower()),
                             QJsonDocument(event).toJson().constData());
                }
                QCOMPARE(client->count(QStringLiteral("pantry_updated")), kMutations);
            }
        }
        QSqlQuery crossed(host.store().database());
        QVERIFY(crossed.exec(QStringLiteral(
            "SELECT count(*) FROM pantry_items p JOIN households h ON h.id = p.household_id "
            "WHERE (h.name = 'Flat') <> (p.name LIKE 'Flat %')")));
        QVERIFY(crossed.next());
        QCOMPARE(crossed.value(0).toInt(), 0);
        QSqlQuery counts(host.store().database());
        QVERIFY(counts.exec(QStringLiteral("SELECT household_id, count(*) FROM pantry_items GROUP BY household_id")));
        int households = 0;
        while (counts.next()) {
            ++households;
            QCOMPARE(counts.value(1).toInt(), kMutations);
        }
        QCOMPARE(households, 2);
    }
};

QTEST_GUILESS_MAIN(tst_HostSecurity)
#include "tst_hostsecurity.moc"
