// A frozen host: hearthd (pinging every second) is stopped with SIGSTOP while a device is live.
// Nothing closes the device's socket, so only the device's watchdog can tell: it must leave
// "Live" within two ping intervals. Edits made meanwhile wait in its outbox; after SIGCONT the
// device reconnects by itself and everything lands exactly once — the edit that was on its way
// when the host froze included. A second device presses + on the same item meanwhile, as the
// tablet does: both presses count.

#include "Clock.h"
#include "ConnectionStatus.h"
#include "Processes.h"
#include "ReplicaEngine.h"
#include "Store.h"
#include "SyncService.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace hearth;
using namespace hearth::test;
using State = ConnectionStatus::State;

class TestHearthdFreeze : public QObject
{
    Q_OBJECT

private:
    static QJsonObject run(const QStringList &arguments)
    {
        const CommandResult r = runHearthd(arguments);
        if (r.exitCode != 0)
            qWarning("hearthd %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))), qPrintable(r.err));
        return r.json();
    }

    static MutationResult addToPantry(ReplicaEngine &replica, const QString &name)
    {
        return replica.submit(Mutation{{}, Collection::Pantry, MutationOp::Create, {}, -1, {{QStringLiteral("name"), name}}});
    }

    // What + on the pantry page sends: a step of the quantity.
    static MutationResult plusOne(ReplicaEngine &replica, const QString &itemId)
    {
        return replica.submit(
            Mutation{{}, Collection::Pantry, MutationOp::Update, itemId, -1, {{QStringLiteral("quantity_delta"), 1}}});
    }

    static double quantityOf(ReplicaEngine &replica, const QString &itemId)
    {
        return replica.entity(Collection::Pantry, itemId).value_or(QJsonObject()).value(QLatin1String("quantity")).toDouble();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(hearthdBinary()), qPrintable(hearthdBinary())); }

    void stoppedHostIsNoticedAndNothingIsLost()
    {
        QTemporaryDir dir;
        const QString hostData = dir.filePath(QStringLiteral("host"));
        const QString householdId = run({QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("--data"), hostData,
                                         QStringLiteral("--name"), QStringLiteral("Freeze test")})
                                        .value(QLatin1String("household_id"))
                                        .toString();
        QVERIFY(!householdId.isEmpty());
        const QJsonObject issued = run({QStringLiteral("token"), QStringLiteral("--data"), hostData, QStringLiteral("--household"),
                                        householdId, QStringLiteral("--name"), QStringLiteral("Tablet")});
        const QString token = issued.value(QLatin1String("token")).toString();
        const QString memberId = issued.value(QLatin1String("member_id")).toString();
        QVERIFY(!token.isEmpty() && !memberId.isEmpty());
        const QJsonObject issuedToPhone = run({QStringLiteral("token"), QStringLiteral("--data"), hostData,
                                               QStringLiteral("--household"), householdId, QStringLiteral("--name"),
                                               QStringLiteral("Phone")});
        const QString phoneMemberId = issuedToPhone.value(QLatin1String("member_id")).toString();
        QVERIFY(!phoneMemberId.isEmpty());

        constexpr int kPingMs = 1000;
        Server server;
        QString error;
        QVERIFY2(server.start(hostData, 0, {QStringLiteral("--ping-interval"), QString::number(kPingMs / 1000)}, &error),
                 qPrintable(error));

        // The kitchen tablet: its own store, replica and sync service, in this process.
        SystemClock clock;
        auto store = Store::open(dir.filePath(QStringLiteral("tablet.db")), &error);
        QVERIFY2(store, qPrintable(error));
        QVERIFY(ReplicaEngine::saveLink(*store, householdId, {server.url().toString(), memberId, {}, 0}));
        ReplicaEngine replica(*store, clock, householdId, memberId);
        ConnectionStatus status;
        SyncService sync(replica, status, server.url(), SyncCredentials{token, {}, {}});
        sync.start();
        // Someone's phone, in the same household.
        auto phoneStore = Store::open(dir.filePath(QStringLiteral("phone.db")), &error);
        QVERIFY2(phoneStore, qPrintable(error));
        QVERIFY(ReplicaEngine::saveLink(*phoneStore, householdId, {server.url().toString(), phoneMemberId, {}, 0}));
        ReplicaEngine phone(*phoneStore, clock, householdId, phoneMemberId);
        ConnectionStatus phoneStatus;
        SyncService phoneSync(phone, phoneStatus, server.url(),
                              SyncCredentials{issuedToPhone.value(QLatin1String("token")).toString(), {}, {}});
        phoneSync.start();
        const auto hostHead = [&] {
            StoreReader host(QDir(hostData).filePath(QStringLiteral("hearthd.db")));
            return host.value(QStringLiteral("SELECT MAX(seq) FROM events WHERE household_id = ?"), {householdId}).toLongLong();
        };
        QTRY_VERIFY_WITH_TIMEOUT(status.state() == State::Connected && replica.lastSeq() == hostHead(), 15000);
        QCOMPARE(sync.pingInterval(), std::chrono::milliseconds(kPingMs)); // the welcome said so

        QStringList ids;
        const MutationResult before = addToPantry(replica, QStringLiteral("Before"));
        QVERIFY(before.ok);
        ids << replica.outbox().first().mutationId;
        QTRY_COMPARE_WITH_TIMEOUT(replica.outboxSize(), 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(phone.entity(Collection::Pantry, before.entityId).has_value(), 10000);
        QCOMPARE(quantityOf(replica, before.entityId), 1.0);

        // Freeze the host. One edit is already on its way; the socket still says Connected.
        QVERIFY(::kill(pid_t(server.process.processId()), SIGSTOP) == 0);
        QElapsedTimer frozen;
        frozen.start();
        QVERIFY(addToPantry(replica, QStringLiteral("On its way")).ok);
        ids << replica.outbox().last().mutationId;
        QCOMPARE(status.state(), State::Connected);

        QTRY_VERIFY_WITH_TIMEOUT(status.state() != State::Connected, 2 * kPingMs);
        QVERIFY2(frozen.elapsed() <= 2 * kPingMs, qPrintable(QStringLiteral("left Live after %1 ms").arg(frozen.elapsed())));
        QCOMPARE(status.state(), State::Reconnecting);

        // Edits while the host is frozen wait in the outbox; both devices press + on "Before".
        for (const char *name : {"While frozen 1", "While frozen 2"}) {
            QVERIFY(addToPantry(replica, QString::fromLatin1(name)).ok);
            ids << replica.outbox().last().mutationId;
        }
        QVERIFY(plusOne(replica, before.entityId).ok);
        ids << replica.outbox().last().mutationId;
        QVERIFY(plusOne(phone, before.entityId).ok);
        ids << phone.outbox().last().mutationId;
        QCOMPARE(quantityOf(replica, before.entityId), 2.0); // shown at once on each
        QCOMPARE(quantityOf(phone, before.entityId), 2.0);
        QCOMPARE(replica.outboxSize(), 4);

        // Thaw: the device comes back by itself and everything lands once.
        QVERIFY(::kill(pid_t(server.process.processId()), SIGCONT) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(status.state() == State::Connected && replica.outboxSize() == 0, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(phoneStatus.state() == State::Connected && phone.outboxSize() == 0, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(replica.lastSeq() == hostHead() && phone.lastSeq() == hostHead(), 10000);
        sync.stop();
        phoneSync.stop();
        // Both presses counted, everywhere.
        QCOMPARE(quantityOf(replica, before.entityId), 3.0);
        QCOMPARE(quantityOf(phone, before.entityId), 3.0);

        StoreReader host(QDir(hostData).filePath(QStringLiteral("hearthd.db")));
        QVERIFY(host.isOpen());
        for (const QString &id : std::as_const(ids))
            QCOMPARE(host.value(QStringLiteral("SELECT count(*) FROM events WHERE household_id = ? AND mutation_id = ?"), {householdId, id})
                         .toInt(),
                     1);
        QCOMPARE(host.value(QStringLiteral("SELECT count(*) FROM pantry_items WHERE household_id = ?"), {householdId}).toInt(), 4);
        // The device holds exactly the host's pantry, at the host's head.
        StoreReader tablet(dir.filePath(QStringLiteral("tablet.db")));
        QCOMPARE(tablet.pantryDigest(householdId), host.pantryDigest(householdId));
        StoreReader phoneCopy(dir.filePath(QStringLiteral("phone.db")));
        QCOMPARE(phoneCopy.pantryDigest(householdId), host.pantryDigest(householdId));
        QCOMPARE(host.value(QStringLiteral("SELECT quantity FROM pantry_items WHERE id = ?"), {before.entityId}).toDouble(), 3.0);
        QCOMPARE(replica.lastSeq(), host.value(QStringLiteral("SELECT MAX(seq) FROM events WHERE household_id = ?"), {householdId})
                                        .toLongLong());
    }
};

QTEST_GUILESS_MAIN(TestHearthdFreeze)
#include "tst_hearthd_freeze.moc"
