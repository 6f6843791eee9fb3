// The crash test: hearthd is killed with SIGKILL in the middle of a member's burst of 1,000
// pantry mutations and restarted on the same data and port. Two real client processes
// (hearth-sync-client: own store, ReplicaEngine, SyncService) reconnect by themselves. Afterwards
// every mutation is in the host's log exactly once — the ones acknowledged before the crash were
// durable, the others were retried from the durable outbox and applied once — and both replicas
// hold exactly the host's pantry at the host's head.

#include "Processes.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace hearth;
using namespace hearth::test;

class TestHearthdCrash : public QObject
{
    Q_OBJECT

private:
    static constexpr int kBurst = 1000;
    static constexpr int kUpdateEvery = 5; // every 5th mutation updates the item created just before
    static constexpr int kCreates = kBurst - kBurst / kUpdateEvery;

    static QJsonObject run(const QStringList &arguments)
    {
        const CommandResult r = runHearthd(arguments);
        if (r.exitCode != 0)
            qWarning("hearthd %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))), qPrintable(r.err));
        return r.json();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(hearthdBinary()), qPrintable(hearthdBinary()));
        QVERIFY2(QFile::exists(syncClientBinary()), qPrintable(syncClientBinary()));
    }

    void killedInTheMiddleOfABurst_data()
    {
        QTest::addColumn<int>("rate");
        // Paced a little above the host's sustained allowance (its burst allowance covers the rest).
        QTest::newRow("250 per second") << 250;
        // As fast as the client's event loop turns.
        QTest::newRow("unpaced") << 0;
    }

    void killedInTheMiddleOfABurst()
    {
        QFETCH(int, rate);
        QElapsedTimer elapsed;
        elapsed.start();
        QTemporaryDir dir;
        const QString hostData = dir.filePath(QStringLiteral("host"));
        const QString householdId = run({QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("--data"), hostData,
                                         QStringLiteral("--name"), QStringLiteral("Crash test")})
                                        .value(QLatin1String("household_id"))
                                        .toString();
        QVERIFY(!householdId.isEmpty());
        const auto tokenFor = [&](const QString &name) {
            return run({QStringLiteral("token"), QStringLiteral("--data"), hostData, QStringLiteral("--household"), householdId,
                        QStringLiteral("--name"), name})
                .value(QLatin1String("token"))
                .toString();
        };
        const QString burstToken = tokenFor(QStringLiteral("Sam"));
        const QString watchToken = tokenFor(QStringLiteral("Kim"));
        QVERIFY(!burstToken.isEmpty() && !watchToken.isEmpty());

        Server server;
        QString error;
        QVERIFY2(server.start(hostData, 0, {}, &error), qPrintable(error));
        const quint16 port = server.port;
        const QStringList common{QStringLiteral("--url"), server.url().toString(), QStringLiteral("--timeout"), QStringLiteral("55"),
                                 QStringLiteral("--backoff-ms"), QStringLiteral("100,200,400")};

        // Kim's device only watches; it finishes when told to.
        SyncClient watcher;
        QVERIFY(watcher.start(common + QStringList{QStringLiteral("--data"), dir.filePath(QStringLiteral("kim")), QStringLiteral("--token"),
                                                   watchToken, QStringLiteral("--stay")}));
        QTRY_VERIFY_WITH_TIMEOUT(watcher.lines->has(QStringLiteral("ready")), 15000);

        // Sam's device makes the burst. hearthd is killed from the very event that reports the
        // 300th acknowledgement, so the burst is still going on.
        SyncClient burster;
        bool killed = false;
        QSet<QString> ackedBeforeCrash;
        QObject::connect(&burster.process, &QProcess::readyReadStandardOutput, &burster.process, [&] {
            burster.lines->read();
            if (killed || burster.acked() < 300)
                return;
            ackedBeforeCrash = burster.ackedIds();
            server.process.kill(); // SIGKILL: no shutdown code runs
            killed = true;
        });
        QVERIFY(burster.start(common + QStringList{QStringLiteral("--data"), dir.filePath(QStringLiteral("sam")), QStringLiteral("--token"),
                                                   burstToken, QStringLiteral("--burst"), QString::number(kBurst),
                                                   QStringLiteral("--rate"), QString::number(rate), QStringLiteral("--update-every"),
                                                   QString::number(kUpdateEvery), QStringLiteral("--id-prefix"), QStringLiteral("sam")}));
        QTRY_VERIFY_WITH_TIMEOUT(killed, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(server.process.state(), QProcess::NotRunning, 10000);
        QCOMPARE(server.process.exitStatus(), QProcess::CrashExit);
        QVERIFY2(ackedBeforeCrash.size() < kBurst, "the burst was over before the crash");

        // What the crash left: everything acknowledged is on disk, and the burst is incomplete.
        int committedAtCrash = 0;
        {
            StoreReader store(QDir(hostData).filePath(QStringLiteral("hearthd.db")));
            QVERIFY(store.isOpen());
            for (const QString &id : std::as_const(ackedBeforeCrash))
                QVERIFY2(store.value(QStringLiteral("SELECT count(*) FROM events WHERE household_id = ? AND mutation_id = ?"),
                                     {householdId, id})
                                 .toInt()
                             == 1,
                         qPrintable(QStringLiteral("acknowledged mutation %1 was lost in the crash").arg(id)));
            committedAtCrash = store.value(QStringLiteral("SELECT count(*) FROM events WHERE household_id = ? AND mutation_id LIKE 'sam-%'"),
                                           {householdId})
                                   .toInt();
        }
        QVERIFY2(committedAtCrash < kBurst, "the host had the whole burst before the crash");
        qInfo("crash after %d acknowledged, %d committed, of %d", int(ackedBeforeCrash.size()), committedAtCrash, kBurst);

        // Back on the same data and the same port; the clients find it by themselves.
        QVERIFY2(server.start(hostData, port, {}, &error), qPrintable(error));
        QCOMPARE(server.port, port);

        QTRY_VERIFY_WITH_TIMEOUT(burster.finished(), 40000);
        QCOMPARE(burster.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(burster.process.exitCode(), 0);
        burster.lines->read();
        const QJsonObject samSummary = burster.lines->last(QStringLiteral("summary"));
        QCOMPARE(samSummary.value(QLatin1String("outbox")).toInt(), 0);
        QCOMPARE(samSummary.value(QLatin1String("rejected")).toInt(), 0);
        QCOMPARE(samSummary.value(QLatin1String("submitted")).toInt(), kBurst);
        QVERIFY(samSummary.value(QLatin1String("reconnects")).toInt() >= 1);
        const QSet<QString> ackedInTheEnd = burster.ackedIds();
        QCOMPARE(ackedInTheEnd.size(), kBurst);

        watcher.process.write("finish\n");
        QTRY_VERIFY_WITH_TIMEOUT(watcher.finished(), 30000);
        QCOMPARE(watcher.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(watcher.process.exitCode(), 0);
        watcher.lines->read();
        const QJsonObject kimSummary = watcher.lines->last(QStringLiteral("summary"));
        QVERIFY(kimSummary.value(QLatin1String("reconnects")).toInt() >= 1);

        QCOMPARE(::kill(pid_t(server.process.processId()), SIGTERM), 0);
        QVERIFY(server.process.waitForFinished(10000));
        QCOMPARE(server.process.exitCode(), 0);

        StoreReader store(QDir(hostData).filePath(QStringLiteral("hearthd.db")));
        QVERIFY(store.isOpen());
        // Exactly once: one event per mutation id, every one of the burst there.
        QCOMPARE(store.value(QStringLiteral("SELECT count(*) FROM events WHERE household_id = ? AND mutation_id LIKE 'sam-%'"), {householdId})
                     .toInt(),
                 kBurst);
        QCOMPARE(store.rows(QStringLiteral("SELECT mutation_id FROM events WHERE household_id = ? GROUP BY mutation_id HAVING count(*) > 1"),
                            {householdId})
                     .size(),
                 0);
        QSet<QString> inLog;
        for (const QVariantList &row :
             store.rows(QStringLiteral("SELECT mutation_id FROM events WHERE household_id = ? AND mutation_id LIKE 'sam-%'"), {householdId}))
            inLog.insert(row.at(0).toString());
        for (int i = 0; i < kBurst; ++i)
            QVERIFY2(inLog.contains(QStringLiteral("sam-%1").arg(i)), qPrintable(QStringLiteral("sam-%1 is missing").arg(i)));
        QCOMPARE(inLog, ackedInTheEnd);
        // ...and applied once: creates made one row each, each update raised its item's rev once.
        QCOMPARE(store.value(QStringLiteral("SELECT count(*) FROM pantry_items WHERE household_id = ?"), {householdId}).toInt(), kCreates);
        QCOMPARE(store.value(QStringLiteral("SELECT count(*) FROM pantry_items WHERE household_id = ? AND rev = 2"), {householdId}).toInt(),
                 kBurst / kUpdateEvery);
        QCOMPARE(store.value(QStringLiteral("SELECT count(*) FROM pantry_items WHERE household_id = ? AND rev > 2"), {householdId}).toInt(), 0);
        // The log has no holes.
        const qint64 head = store.value(QStringLiteral("SELECT MAX(seq) FROM events WHERE household_id = ?"), {householdId}).toLongLong();
        QCOMPARE(store.value(QStringLiteral("SELECT count(*) FROM events WHERE household_id = ?"), {householdId}).toLongLong(), head);

        // Both replicas converged on the host's head and its pantry.
        const QString digest = store.pantryDigest(householdId);
        for (const QJsonObject &summary : {samSummary, kimSummary}) {
            QCOMPARE(summary.value(QLatin1String("household_id")).toString(), householdId);
            QCOMPARE(summary.value(QLatin1String("last_seq")).toInteger(), head);
            QCOMPARE(summary.value(QLatin1String("pantry_rows")).toInt(), kCreates);
            QCOMPARE(summary.value(QLatin1String("pantry_digest")).toString(), digest);
            QCOMPARE(summary.value(QLatin1String("outbox")).toInt(), 0);
        }
        QVERIFY2(elapsed.elapsed() < 60000, qPrintable(QStringLiteral("took %1 ms").arg(elapsed.elapsed())));
        qInfo("done in %lld ms", elapsed.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestHearthdCrash)
#include "tst_hearthd_crash.moc"
