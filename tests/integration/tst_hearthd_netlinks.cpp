// A lossy link and a partition, for real: hearthd in one network namespace, two member devices
// (hearth-sync-client: own store, ReplicaEngine, SyncService) in another, joined by a veth pair
// that the test makes. The faults are nftables rules in the devices' namespace, on both
// directions of their veth end (the kernel here has no netem): 1 % of the packets dropped at
// random, or everything dropped for 30 s — a partition in which no FIN or RST ever arrives, so
// only the ping watchdogs can tell. Each time both devices edit the same household, stepping the
// same items; afterwards both hold exactly the host's pantry at the host's head, and every
// acknowledged edit is in the host's log exactly once and was applied once. Nothing is sent to
// any address but these namespaces'; they go at the end, on failure too. Needs root, `ip`, `nft`
// and `ss`; skips otherwise.

#include "NetNamespaces.h"
#include "Processes.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace hearth;
using namespace hearth::test;

namespace {

const QString kTable = QStringLiteral("hearth_faults");

// Faults on the devices' end of the link: one nftables table in their namespace whose input and
// output chains first count every packet of the veth, then drop what the fault's rule matches.
class LinkFaults
{
public:
    explicit LinkFaults(const NetNamespace &ns)
        : m_ns(ns)
    {
    }

    struct Counts
    {
        qint64 seenIn = 0;
        qint64 droppedIn = 0;
        qint64 seenOut = 0;
        qint64 droppedOut = 0;
    };

    // A share of the packets each way, picked at random.
    bool lose(int percent, QString *error) { return apply(QStringLiteral("numgen random mod 100 < %1").arg(percent), error); }
    // Every packet each way: a partition. Nothing is refused, so no RST or FIN gets anywhere.
    bool cut(QString *error) { return apply(QString(), error); }

    // What the chains counted so far (the first rule of each counts all, the second what it dropped).
    Counts counts() const
    {
        QString output;
        runTool(nft({QStringLiteral("-j"), QStringLiteral("list"), QStringLiteral("table"), QStringLiteral("inet"), kTable}), &output);
        QHash<QString, QList<qint64>> packets; // chain -> each rule's counter, in order
        for (const QJsonValue &item : QJsonDocument::fromJson(output.toUtf8()).object().value(QLatin1String("nftables")).toArray()) {
            const QJsonObject rule = item.toObject().value(QLatin1String("rule")).toObject();
            for (const QJsonValue &expr : rule.value(QLatin1String("expr")).toArray())
                if (expr.toObject().contains(QLatin1String("counter")))
                    packets[rule.value(QLatin1String("chain")).toString()].append(
                        expr.toObject().value(QLatin1String("counter")).toObject().value(QLatin1String("packets")).toInteger());
        }
        const QList<qint64> in = packets.value(QStringLiteral("input"));
        const QList<qint64> out = packets.value(QStringLiteral("output"));
        return {in.value(0), in.value(1), out.value(0), out.value(1)};
    }

    bool clear(QString *error)
    {
        QString output;
        if (!runTool(nft({QStringLiteral("delete"), QStringLiteral("table"), QStringLiteral("inet"), kTable}), &output))
            return *error = QStringLiteral("nft delete table: %1").arg(output), false;
        return true;
    }

private:
    QStringList nft(const QStringList &arguments) const { return m_ns.exec() + QStringList{QStringLiteral("nft")} + arguments; }

    // `match` picks the packets to drop (empty: all).
    bool apply(const QString &match, QString *error)
    {
        const QString ruleset = QStringLiteral("table inet %1 {\n"
                                               "  chain input { type filter hook input priority 0; policy accept;\n"
                                               "    iifname \"%2\" counter\n"
                                               "    iifname \"%2\" %3 counter drop\n"
                                               "  }\n"
                                               "  chain output { type filter hook output priority 0; policy accept;\n"
                                               "    oifname \"%2\" counter\n"
                                               "    oifname \"%2\" %3 counter drop\n"
                                               "  }\n"
                                               "}\n")
                                    .arg(kTable, m_ns.interface, match);
        QString output;
        if (!runTool(nft({QStringLiteral("-f"), QStringLiteral("-")}), &output, ruleset.toUtf8()))
            return *error = QStringLiteral("nft -f: %1").arg(output), false;
        return true;
    }

    const NetNamespace &m_ns;
};

// TCP segments the namespace's stack sent again (/proc/net/snmp is per namespace).
qint64 retransmittedSegments(const NetNamespace &ns)
{
    QString snmp;
    runTool(ns.exec() + QStringList{QStringLiteral("cat"), QStringLiteral("/proc/net/snmp")}, &snmp);
    QStringList header;
    for (const QString &line : snmp.split(QLatin1Char('\n'))) {
        if (!line.startsWith(QLatin1String("Tcp: ")))
            continue;
        const QStringList fields = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (header.isEmpty())
            header = fields;
        else
            return fields.value(header.indexOf(QStringLiteral("RetransSegs"))).toLongLong();
    }
    return -1;
}

// TCP connections in the namespace that still think they are established.
int establishedConnections(const NetNamespace &ns)
{
    QString output;
    if (!runTool(ns.exec() + QStringList{QStringLiteral("ss"), QStringLiteral("-Htn"), QStringLiteral("state"), QStringLiteral("established")},
                 &output))
        return -1;
    return int(output.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size());
}

} // namespace

class TestHearthdNetlinks : public QObject
{
    Q_OBJECT

private:
    static constexpr int kPingSeconds = 2;  // the host's ping interval: a silent socket goes after 3 s
    static constexpr int kUpdateEvery = 3;  // every 3rd edit steps an item either device made
    static constexpr int kPartitionMs = 30000;

    std::unique_ptr<VethPair> m_link; // a: the host's namespace, b: the devices'
    std::unique_ptr<QTemporaryDir> m_dir; // each test's host and devices
    QString m_hostData;
    QString m_householdId;

    static QJsonObject run(const QStringList &arguments)
    {
        const CommandResult r = runHearthd(arguments);
        if (r.exitCode != 0)
            qWarning("hearthd %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))), qPrintable(r.err));
        return r.json();
    }

    QString tokenFor(const QString &name) const
    {
        return run({QStringLiteral("token"), QStringLiteral("--data"), m_hostData, QStringLiteral("--household"), m_householdId,
                    QStringLiteral("--name"), name})
            .value(QLatin1String("token"))
            .toString();
    }

    // hearthd in the host's namespace, on its veth address (plain ws: the test's own link).
    bool startHost(Server &server, QString *error)
    {
        server.host = m_link->a.address;
        server.wrapper = m_link->a.exec();
        return server.start(m_hostData, 0,
                            {QStringLiteral("--plain"), QStringLiteral("--ping-interval"), QString::number(kPingSeconds)}, error);
    }

    // A device in the devices' namespace making `burst` edits at `rate` per second. It stays until
    // told to finish (finish()), so that it checks the host's head only once the other is done too.
    bool startDevice(SyncClient &device, const Server &server, const QString &name, int burst, int rate, int timeoutSeconds)
    {
        const QString token = tokenFor(name);
        return !token.isEmpty()
            && device.start({QStringLiteral("--data"), m_dir->filePath(name), QStringLiteral("--url"), server.url().toString(),
                             QStringLiteral("--token"), token, QStringLiteral("--burst"), QString::number(burst),
                             QStringLiteral("--rate"), QString::number(rate), QStringLiteral("--update-every"),
                             QString::number(kUpdateEvery), QStringLiteral("--update-shared"), QStringLiteral("--id-prefix"),
                             name.toLower(), QStringLiteral("--timeout"), QString::number(timeoutSeconds),
                             QStringLiteral("--backoff-ms"), QStringLiteral("250,500,1000"), QStringLiteral("--stay")},
                            m_link->b.exec());
    }

    // Once every edit of both devices is acknowledged, each catches up with the host's head and exits.
    static void finish(SyncClient &sam, SyncClient &kim, int burst, int timeoutMs)
    {
        QTRY_VERIFY_WITH_TIMEOUT(sam.acked() == burst && kim.acked() == burst, timeoutMs);
        for (SyncClient *device : {&sam, &kim})
            device->process.write("finish\n");
        QTRY_VERIFY_WITH_TIMEOUT(sam.finished() && kim.finished(), 30000);
    }

    // Both devices done: each at the host's head with its pantry, every acknowledged edit in the
    // host's log exactly once and applied once. Stops the host to read its store.
    void verifyConverged(Server &server, SyncClient &sam, SyncClient &kim, int burst)
    {
        QList<QJsonObject> summaries;
        QSet<QString> acked;
        for (SyncClient *device : {&sam, &kim}) {
            QCOMPARE(device->process.exitStatus(), QProcess::NormalExit);
            QCOMPARE(device->process.exitCode(), 0);
            device->lines->read();
            const QJsonObject summary = device->lines->last(QStringLiteral("summary"));
            QCOMPARE(summary.value(QLatin1String("submitted")).toInt(), burst);
            QCOMPARE(summary.value(QLatin1String("rejected")).toInt(), 0);
            QCOMPARE(summary.value(QLatin1String("outbox")).toInt(), 0);
            QCOMPARE(device->ackedIds().size(), burst);
            acked += device->ackedIds();
            summaries << summary;
        }
        QCOMPARE(acked.size(), 2 * burst); // the prefixes keep the two devices' ids apart

        QCOMPARE(::kill(pid_t(server.process.processId()), SIGTERM), 0);
        QVERIFY(server.process.waitForFinished(10000));
        QCOMPARE(server.process.exitCode(), 0);

        StoreReader store(QDir(m_hostData).filePath(QStringLiteral("hearthd.db")));
        QVERIFY(store.isOpen());
        QSet<QString> inLog;
        for (const QVariantList &row : store.rows(QStringLiteral("SELECT mutation_id, count(*) FROM events WHERE household_id = ? "
                                                                 "AND (mutation_id LIKE 'sam-%' OR mutation_id LIKE 'kim-%') "
                                                                 "GROUP BY mutation_id"),
                                                  {m_householdId})) {
            QVERIFY2(row.at(1).toInt() == 1, qPrintable(QStringLiteral("%1 is in the log %2 times").arg(row.at(0).toString()).arg(row.at(1).toInt())));
            inLog.insert(row.at(0).toString());
        }
        QCOMPARE(inLog, acked);
        // Applied once: a row per create, each step +1 on the quantity (a create's is 1) and +1 on the rev.
        const auto count = [&](const QString &sql) { return store.value(sql, {m_householdId}).toLongLong(); };
        const qint64 creates = count(QStringLiteral("SELECT count(*) FROM events WHERE household_id = ? AND collection = 'pantry' "
                                                    "AND action = 'created'"));
        const qint64 steps = count(QStringLiteral("SELECT count(*) FROM events WHERE household_id = ? AND collection = 'pantry' "
                                                  "AND action = 'updated'"));
        QCOMPARE(creates + steps, qint64(2 * burst));
        QCOMPARE(steps, qint64(2 * (burst / kUpdateEvery)));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM pantry_items WHERE household_id = ?")), creates);
        QCOMPARE(count(QStringLiteral("SELECT CAST(SUM(quantity) AS INTEGER) FROM pantry_items WHERE household_id = ?")), creates + steps);
        QCOMPARE(count(QStringLiteral("SELECT SUM(rev) FROM pantry_items WHERE household_id = ?")), creates + steps);
        // The two devices did step the same items.
        const qint64 steppedByBoth = count(QStringLiteral("SELECT count(*) FROM (SELECT entity_id FROM events WHERE household_id = ? "
                                                          "AND action = 'updated' GROUP BY entity_id HAVING count(DISTINCT user_id) = 2)"));
        QVERIFY(steppedByBoth > 0);
        // The log has no holes, and both replicas are at its head with the host's pantry.
        const qint64 head = count(QStringLiteral("SELECT MAX(seq) FROM events WHERE household_id = ?"));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM events WHERE household_id = ?")), head);
        for (const QJsonObject &summary : std::as_const(summaries)) {
            QCOMPARE(summary.value(QLatin1String("last_seq")).toInteger(), head);
            QCOMPARE(summary.value(QLatin1String("pantry_rows")).toInteger(), creates);
            QCOMPARE(summary.value(QLatin1String("pantry_digest")).toString(), store.pantryDigest(m_householdId));
        }
        qInfo("%lld creates, %lld steps (%lld items stepped by both), head %lld; reconnects: Sam %d, Kim %d", creates, steps,
              steppedByBoth, head, summaries.at(0).value(QLatin1String("reconnects")).toInt(),
              summaries.at(1).value(QLatin1String("reconnects")).toInt());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(hearthdBinary()), qPrintable(hearthdBinary()));
        QVERIFY2(QFile::exists(syncClientBinary()), qPrintable(syncClientBinary()));
    }

    void init()
    {
        const QString why = VethPair::cannot(QStringLiteral("hearth-netlinks"), {QStringLiteral("nft"), QStringLiteral("ss")});
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        m_link = std::make_unique<VethPair>(QStringLiteral("hearth-netlinks"), QStringLiteral("hn"), QStringLiteral("10.213.78"));
        QString error;
        if (!m_link->setUp(&error))
            QFAIL(qPrintable(error));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_hostData = m_dir->filePath(QStringLiteral("host"));
        m_householdId = run({QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("--data"), m_hostData,
                             QStringLiteral("--name"), QStringLiteral("Link test")})
                            .value(QLatin1String("household_id"))
                            .toString();
        QVERIFY(!m_householdId.isEmpty());
    }

    void cleanup()
    {
        m_link.reset(); // the namespaces (and with them the rules) go, passed or failed
        m_dir.reset();
    }

    // 1 % of the packets lost at random in each direction while both devices edit as fast as a
    // busy household would (50 edits a second each): TCP carries every edit through.
    void onePercentLoss()
    {
        constexpr int kBurst = 300;
        Server server;
        QString error;
        QVERIFY2(startHost(server, &error), qPrintable(error));
        LinkFaults faults(m_link->b);
        QVERIFY2(faults.lose(1, &error), qPrintable(error));
        // A packet the devices' side drops on its way out is sent again without counting as a
        // retransmission there; the host's side counts what it sent again for lack of an ACK.
        const qint64 hostRetransmittedBefore = retransmittedSegments(m_link->a);
        const qint64 devicesRetransmittedBefore = retransmittedSegments(m_link->b);

        QElapsedTimer elapsed;
        elapsed.start();
        SyncClient sam;
        SyncClient kim;
        QVERIFY(startDevice(sam, server, QStringLiteral("Sam"), kBurst, 50, 90));
        QVERIFY(startDevice(kim, server, QStringLiteral("Kim"), kBurst, 50, 90));
        // Joined, edited, acknowledged and caught up, all over the lossy link.
        finish(sam, kim, kBurst, 60000);
        if (QTest::currentTestFailed())
            return;
        const qint64 tookMs = elapsed.elapsed();
        const LinkFaults::Counts counts = faults.counts();
        const qint64 hostRetransmitted = retransmittedSegments(m_link->a) - hostRetransmittedBefore;
        const qint64 devicesRetransmitted = retransmittedSegments(m_link->b) - devicesRetransmittedBefore;
        QVERIFY2(faults.clear(&error), qPrintable(error));

        verifyConverged(server, sam, kim, kBurst);
        if (QTest::currentTestFailed())
            return;
        // The loss was real, both ways.
        QVERIFY2(counts.droppedIn > 0 && counts.droppedOut > 0,
                 qPrintable(QStringLiteral("dropped %1 of %2 in, %3 of %4 out").arg(counts.droppedIn).arg(counts.seenIn).arg(counts.droppedOut).arg(counts.seenOut)));
        qInfo("1 %% loss: %d edits each, done in %lld ms; dropped %lld of %lld packets in, %lld of %lld out; segments retransmitted: "
              "%lld by the host, %lld by the devices",
              kBurst, tookMs, counts.droppedIn, counts.seenIn, counts.droppedOut, counts.seenOut, hostRetransmitted, devicesRetransmitted);
    }

    // Everything between the devices and the host dropped for 30 s, with no FIN or RST: both
    // ends must notice by their pings alone. The devices keep editing into their outboxes; once
    // the link is back they reconnect by themselves and everything lands once.
    void partitionWithoutFin()
    {
        constexpr int kRate = 8;
        constexpr int kBurst = 360; // 45 s of editing: before, during and after the partition
        Server server;
        QString error;
        QVERIFY2(startHost(server, &error), qPrintable(error));
        SyncClient sam;
        SyncClient kim;
        QVERIFY(startDevice(sam, server, QStringLiteral("Sam"), kBurst, kRate, 150));
        QVERIFY(startDevice(kim, server, QStringLiteral("Kim"), kBurst, kRate, 150));
        // Editing, and the host acknowledging.
        QTRY_VERIFY_WITH_TIMEOUT(sam.acked() >= 10 && kim.acked() >= 10, 20000);
        QVERIFY(establishedConnections(m_link->a) >= 2);
        QVERIFY(!sam.lines->has(QStringLiteral("disconnected")) && !kim.lines->has(QStringLiteral("disconnected")));

        LinkFaults faults(m_link->b);
        QVERIFY2(faults.cut(&error), qPrintable(error));
        QElapsedTimer partition;
        partition.start();

        // Each device's watchdog drops its silent socket after 1½ ping intervals.
        QTRY_VERIFY_WITH_TIMEOUT(sam.lines->has(QStringLiteral("disconnected")) && kim.lines->has(QStringLiteral("disconnected")),
                                 4 * kPingSeconds * 1000);
        const qint64 devicesNoticedMs = partition.elapsed();
        QVERIFY2(devicesNoticedMs <= 3 * kPingSeconds * 1000, qPrintable(QStringLiteral("noticed after %1 ms").arg(devicesNoticedMs)));
        // The host drops the devices' sockets after two silent intervals (it checks at each ping
        // round); the devices' new ones never get through. Nobody holds a dead connection.
        QTRY_VERIFY_WITH_TIMEOUT(establishedConnections(m_link->a) == 0 && establishedConnections(m_link->b) == 0,
                                 4 * kPingSeconds * 1000);
        const qint64 deadSocketsGoneMs = partition.elapsed();
        const QJsonObject samLeft = sam.lines->last(QStringLiteral("disconnected"));
        const QJsonObject kimLeft = kim.lines->last(QStringLiteral("disconnected"));

        // The partition lasts its full 30 s whatever happens meanwhile: this wait is its length,
        // not a guess at how long something takes (the event loop runs, the devices' lines are read).
        QTest::qWait(int(std::max<qint64>(0, kPartitionMs - partition.elapsed())));
        QVERIFY(!sam.lines->has(QStringLiteral("reconnected")) && !kim.lines->has(QStringLiteral("reconnected")));
        QVERIFY(!sam.finished() && !kim.finished());
        const LinkFaults::Counts counts = faults.counts();
        QVERIFY2(faults.clear(&error), qPrintable(error));
        QElapsedTimer healed;
        healed.start();
        const qint64 partitionMs = partition.elapsed();

        QTRY_VERIFY_WITH_TIMEOUT(sam.lines->has(QStringLiteral("reconnected")) && kim.lines->has(QStringLiteral("reconnected")), 30000);
        const qint64 reconnectedMs = healed.elapsed();
        // What each device made while away waited in its outbox...
        const QJsonObject samBack = sam.lines->last(QStringLiteral("reconnected"));
        const QJsonObject kimBack = kim.lines->last(QStringLiteral("reconnected"));
        const int madeWhileAway = std::min(samBack.value(QLatin1String("submitted")).toInt() - samLeft.value(QLatin1String("submitted")).toInt(),
                                           kimBack.value(QLatin1String("submitted")).toInt() - kimLeft.value(QLatin1String("submitted")).toInt());
        QVERIFY2(madeWhileAway >= kRate * 20, qPrintable(QString::number(madeWhileAway)));
        const int backlog = std::min(samBack.value(QLatin1String("outbox")).toInt(), kimBack.value(QLatin1String("outbox")).toInt());
        QVERIFY2(backlog >= madeWhileAway, qPrintable(QStringLiteral("%1 waiting of %2 made").arg(backlog).arg(madeWhileAway)));
        // ...and is acknowledged once the link is back.
        QTRY_VERIFY_WITH_TIMEOUT(sam.acked() >= samBack.value(QLatin1String("submitted")).toInt()
                                     && kim.acked() >= kimBack.value(QLatin1String("submitted")).toInt(),
                                 30000);
        const qint64 backlogAckedMs = healed.elapsed();

        finish(sam, kim, kBurst, 60000);
        if (QTest::currentTestFailed())
            return;
        verifyConverged(server, sam, kim, kBurst);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(counts.droppedIn > 0 && counts.droppedOut > 0);
        qInfo("partition of %lld ms: devices noticed after %lld ms, no established connection left after %lld ms; "
              "%lld packets in and %lld out dropped; after it, both reconnected in %lld ms and a backlog of %d+ edits each was "
              "acknowledged in %lld ms",
              partitionMs, devicesNoticedMs, deadSocketsGoneMs, counts.droppedIn, counts.droppedOut, reconnectedMs, backlog, backlogAckedMs);
    }
};

QTEST_GUILESS_MAIN(TestHearthdNetlinks)
#include "tst_hearthd_netlinks.moc"
