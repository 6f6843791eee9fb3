// Finding the host with no typing, for real: two network namespaces joined by a veth pair, each
// with its own system bus and its own Avahi daemon (allowed on the veth only), a host advertising
// in one and a second copy of the app finding and joining it from the other. Multicast never
// reaches this machine's own interfaces: no daemon runs outside the namespaces the test makes,
// and all of it is torn down at the end, on failure too. Needs root and `ip`; skips otherwise.

#include "NetNamespaces.h"
#include "Processes.h"

#include <QCoreApplication>
#include <QtTest>

#include <QTemporaryDir>

using namespace hearth;
using namespace hearth::test;

namespace {

QString peerBinary()
{
    return QDir(qEnvironmentVariable("HEARTH_TEST_BIN_DIR")).filePath(QStringLiteral("hearth-discovery-peer"));
}

// One namespace: its veth end, its bus and its Avahi daemon, and the processes started in it.
struct Side
{
    QString netns;
    QString interface;
    QString address;
    QString dir;
    std::unique_ptr<QProcess> bus;
    std::unique_ptr<QProcess> avahi;
    QString avahiLog;
    std::vector<std::unique_ptr<QProcess>> processes;

    QString busAddress() const { return QStringLiteral("unix:path=") + dir + QStringLiteral("/bus"); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"), busAddress());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        return env;
    }

    // Starts `program` inside the namespace, with the namespace's bus as its system bus.
    QProcess &start(const QString &program, const QStringList &arguments)
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(environment());
        process->start(QStringLiteral("ip"), QStringList{QStringLiteral("netns"), QStringLiteral("exec"), netns, program} + arguments);
        processes.push_back(std::move(process));
        return *processes.back();
    }

    void stopAll()
    {
        // The programs are exec'd by `ip netns exec`, so these are the processes themselves.
        for (auto it = processes.rbegin(); it != processes.rend(); ++it)
            if ((*it)->state() != QProcess::NotRunning) {
                (*it)->kill();
                (*it)->waitForFinished(5000);
            }
        processes.clear();
        for (auto *daemon : {avahi.get(), bus.get()})
            if (daemon && daemon->state() != QProcess::NotRunning) {
                daemon->terminate();
                if (!daemon->waitForFinished(5000)) {
                    daemon->kill();
                    daemon->waitForFinished(5000);
                }
            }
    }
};

// Two namespaces, A and B, on one veth pair; everything goes with it.
class Network
{
public:
    Network()
    {
        for (auto [side, end] : {std::pair{&a, &m_pair.a}, std::pair{&b, &m_pair.b}}) {
            side->netns = end->name;
            side->interface = end->interface;
            side->address = end->address;
        }
    }
    ~Network() { tearDown(); }

    // Why the test cannot make namespaces here, or empty.
    static QString cannot()
    {
        return VethPair::cannot(QStringLiteral("hearth-dnssd"), {QStringLiteral("dbus-daemon"), QStringLiteral("avahi-daemon"),
                                                                 QStringLiteral("unshare"), QStringLiteral("mount")});
    }

    bool setUp(QString *error)
    {
        if (!m_dir.isValid())
            return *error = QStringLiteral("no temporary folder"), false;
        a.dir = m_dir.filePath(QStringLiteral("a"));
        b.dir = m_dir.filePath(QStringLiteral("b"));
        if (!m_pair.setUp(error))
            return false;
        for (Side *side : {&a, &b})
            if (!startDaemons(*side, error))
                return false;
        return true;
    }

    void tearDown()
    {
        a.stopAll();
        b.stopAll();
        m_pair.tearDown();
    }

    Side a;
    Side b;

private:
    bool startDaemons(Side &side, QString *error)
    {
        QDir().mkpath(side.dir + QStringLiteral("/run"));
        // A system bus of the namespace's own, where anyone may talk to Avahi.
        QFile busConfig(side.dir + QStringLiteral("/bus.conf"));
        busConfig.open(QIODevice::WriteOnly);
        busConfig.write(QStringLiteral(R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>%1</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="org.freedesktop.Avahi"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
)").arg(side.busAddress()).toUtf8());
        busConfig.close();
        // Avahi on the veth end only, with a host name of its own (both share this machine's).
        QFile avahiConfig(side.dir + QStringLiteral("/avahi.conf"));
        avahiConfig.open(QIODevice::WriteOnly);
        avahiConfig.write(QStringLiteral("[server]\nhost-name=%1\ndomain-name=local\nuse-ipv4=yes\nuse-ipv6=no\n"
                                         "allow-interfaces=%2\nenable-dbus=yes\nratelimit-interval-usec=1000000\n"
                                         "ratelimit-burst=1000\n[wide-area]\nenable-wide-area=no\n[publish]\n"
                                         "publish-hinfo=no\npublish-workstation=no\n[reflector]\nenable-reflector=no\n[rlimits]\n")
                              .arg(side.netns, side.interface)
                              .toUtf8());
        avahiConfig.close();

        side.bus = std::make_unique<QProcess>();
        side.bus->start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("exec"), side.netns, QStringLiteral("dbus-daemon"),
                                               QStringLiteral("--config-file=") + busConfig.fileName(), QStringLiteral("--nofork"),
                                               QStringLiteral("--print-address")});
        if (!side.bus->waitForReadyRead(10000))
            return *error = QStringLiteral("dbus-daemon in %1 did not start: %2").arg(side.netns, QString::fromLocal8Bit(side.bus->readAllStandardError())), false;

        // Avahi keeps its pid file and socket in /run/avahi-daemon: a /run of the namespace's own
        // (a private mount namespace) so the two daemons never meet, and nothing lands in the real /run.
        side.avahi = std::make_unique<QProcess>();
        side.avahi->setProcessEnvironment(side.environment());
        side.avahi->setProcessChannelMode(QProcess::MergedChannels);
        const QString script = QStringLiteral("mount --bind \"$1\" /run && mkdir -p /run/avahi-daemon && exec avahi-daemon "
                                              "--no-drop-root --no-chroot --no-rlimits --no-proc-title -f \"$2\"");
        side.avahi->start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("exec"), side.netns, QStringLiteral("unshare"),
                                                 QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"), script,
                                                 QStringLiteral("avahi"), side.dir + QStringLiteral("/run"), avahiConfig.fileName()});
        QDeadlineTimer deadline(15000);
        while (!side.avahiLog.contains(QLatin1String("Server startup complete"))) {
            if (deadline.hasExpired() || side.avahi->state() == QProcess::NotRunning)
                return *error = QStringLiteral("avahi-daemon in %1 did not start: %2").arg(side.netns, side.avahiLog), false;
            side.avahi->waitForReadyRead(200);
            side.avahiLog += QString::fromLocal8Bit(side.avahi->readAll());
        }
        return true;
    }

    VethPair m_pair{QStringLiteral("hearth-dnssd"), QStringLiteral("hd"), QStringLiteral("10.213.77")};
    QTemporaryDir m_dir;
};

QJsonObject lastWith(const JsonLines &lines, const QString &key)
{
    return lines.last(key);
}

} // namespace

class TestDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        const QString why = Network::cannot();
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        m_network = std::make_unique<Network>();
        QString error;
        if (!m_network->setUp(&error))
            QFAIL(qPrintable(error));
    }

    void cleanup()
    {
        m_network.reset(); // torn down, passed or failed
    }

    // The Done-when point: a second copy of the app finds the host by itself and joins it.
    void secondCopyFindsTheHostAndJoins()
    {
        QTemporaryDir hostData;
        QTemporaryDir joinData;
        QProcess &host = m_network->a.start(peerBinary(), {QStringLiteral("host"), QStringLiteral("--data"), hostData.path(),
                                                           QStringLiteral("--household"), QStringLiteral("The Lindqvists")});
        JsonLines hostLines(host);
        QTRY_VERIFY_WITH_TIMEOUT(hostLines.has(QStringLiteral("hosting")) || host.state() == QProcess::NotRunning, 20000);
        const QJsonObject hosting = lastWith(hostLines, QStringLiteral("hosting"));
        QVERIFY2(!hosting.isEmpty(), host.readAllStandardError().constData());
        // Announced on the network (Avahi probed the name and took it).
        QTRY_VERIFY_WITH_TIMEOUT(lastWith(hostLines, QStringLiteral("advertised")).value(QLatin1String("advertised")).toBool(), 15000);

        QProcess &joiner = m_network->b.start(peerBinary(), {QStringLiteral("join"), QStringLiteral("--data"), joinData.path(),
                                                             QStringLiteral("--code"), hosting.value(QLatin1String("invite_code")).toString(),
                                                             QStringLiteral("--name"), QStringLiteral("Sam"),
                                                             QStringLiteral("--expect-code"), hosting.value(QLatin1String("security_code")).toString(),
                                                             QStringLiteral("--item"), QStringLiteral("Oat milk")});
        JsonLines joinLines(joiner);
        QTRY_VERIFY_WITH_TIMEOUT(joinLines.has(QStringLiteral("found")) || joiner.state() == QProcess::NotRunning, 15000);
        const QJsonObject found = lastWith(joinLines, QStringLiteral("found"));
        QVERIFY2(!found.isEmpty(), joiner.readAllStandardError().constData());
        // Listed within 2 s of the dialog opening.
        qInfo("listed %d ms after the Join dialog opened", found.value(QLatin1String("ms")).toInt());
        QVERIFY2(found.value(QLatin1String("ms")).toInt() <= 2000, qPrintable(QString::number(found.value(QLatin1String("ms")).toInt())));
        const QJsonObject household = found.value(QLatin1String("found")).toObject();
        QCOMPARE(household.value(QLatin1String("name")).toString(), QStringLiteral("The Lindqvists"));
        QCOMPARE(household.value(QLatin1String("fp")).toString(), hosting.value(QLatin1String("fingerprint")).toString());
        // Picking it filled in the host's address on the veth.
        QTRY_VERIFY(joinLines.has(QStringLiteral("address")));
        QCOMPARE(lastWith(joinLines, QStringLiteral("address")).value(QLatin1String("address")).toString(),
                 QStringLiteral("%1:%2").arg(m_network->a.address).arg(hosting.value(QLatin1String("hosting")).toInt()));
        // The security codes were compared and matched, it joined, and its pantry edit reached the host.
        QTRY_VERIFY_WITH_TIMEOUT(joinLines.has(QStringLiteral("synced")) || joiner.state() == QProcess::NotRunning, 20000);
        QVERIFY2(joinLines.has(QStringLiteral("synced")),
                 QByteArray(QJsonDocument(lastWith(joinLines, QStringLiteral("error"))).toJson() + joiner.readAllStandardError()).constData());
        QCOMPARE(lastWith(joinLines, QStringLiteral("security_code")).value(QLatin1String("security_code")).toString(),
                 hosting.value(QLatin1String("security_code")).toString());
        QCOMPARE(lastWith(joinLines, QStringLiteral("joined")).value(QLatin1String("joined")).toString(), QStringLiteral("The Lindqvists"));
        QTRY_COMPARE_WITH_TIMEOUT(lastWith(hostLines, QStringLiteral("pantry")).value(QLatin1String("pantry")).toString(),
                                  QStringLiteral("Oat milk"), 10000);
    }

    // What the TXT record says (no secret), that a taken name gets Avahi's alternative, that the
    // household leaves the network when hosting stops, and that a new name goes out.
    void advertisesNoSecretTakesAnotherNameAndWithdraws()
    {
        QTemporaryDir first;
        QTemporaryDir second;
        QProcess &browser = m_network->b.start(peerBinary(), {QStringLiteral("browse")});
        JsonLines seen(browser);
        QTRY_VERIFY_WITH_TIMEOUT(seen.has(QStringLiteral("browsing")), 10000);
        QVERIFY(seen.last(QStringLiteral("browsing")).value(QLatin1String("browsing")).toBool());

        QProcess &host = m_network->a.start(peerBinary(), {QStringLiteral("host"), QStringLiteral("--data"), first.path(),
                                                           QStringLiteral("--household"), QStringLiteral("Maple Street")});
        JsonLines hostLines(host);
        QTRY_VERIFY_WITH_TIMEOUT(hostLines.has(QStringLiteral("hosting")), 20000);
        const QJsonObject hosting = hostLines.last(QStringLiteral("hosting"));
        QTRY_VERIFY_WITH_TIMEOUT(seen.has(QStringLiteral("found")), 15000);
        const QJsonObject found = seen.last(QStringLiteral("found")).value(QLatin1String("found")).toObject();
        QStringList txt;
        for (const QJsonValue &entry : found.value(QLatin1String("txt")).toArray())
            txt << entry.toString();
        txt.sort();
        QCOMPARE(txt, (QStringList{QStringLiteral("fp=") + hosting.value(QLatin1String("fingerprint")).toString(),
                                   QStringLiteral("id=") + hosting.value(QLatin1String("household_id")).toString(),
                                   QStringLiteral("name=Maple Street"), QStringLiteral("txtvers=1")}));
        const QString code = hosting.value(QLatin1String("invite_code")).toString();
        QVERIFY(!code.isEmpty());
        for (const QString &entry : std::as_const(txt))
            QVERIFY2(!entry.contains(code), "the invite code is never advertised");

        // Another household of the same name on the same network: Avahi's alternative name.
        QProcess &twin = m_network->a.start(peerBinary(), {QStringLiteral("host"), QStringLiteral("--data"), second.path(),
                                                           QStringLiteral("--household"), QStringLiteral("Maple Street")});
        JsonLines twinLines(twin);
        QTRY_VERIFY_WITH_TIMEOUT(twinLines.has(QStringLiteral("hosting")), 20000);
        const auto services = [&] {
            QStringList names;
            for (const QJsonObject &line : seen.lines())
                if (line.contains(QLatin1String("found")))
                    names << line.value(QLatin1String("found")).toObject().value(QLatin1String("service")).toString();
            return names;
        };
        QTRY_COMPARE_WITH_TIMEOUT(services().size(), 2, 15000);
        QVERIFY(services().contains(QStringLiteral("Maple Street")));
        QVERIFY(services().contains(QStringLiteral("Maple Street #2")));

        // Stopping hosting takes the household off the network.
        twin.write("stop\n");
        QTRY_VERIFY_WITH_TIMEOUT(twinLines.has(QStringLiteral("stopped")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(seen.last(QStringLiteral("lost")).value(QLatin1String("lost")).toString(),
                                  QStringLiteral("Maple Street #2"), 10000);

        // A renamed household is found under its new name, and no longer under the old one.
        host.write("rename Oak Lane\n");
        QTRY_VERIFY_WITH_TIMEOUT(services().contains(QStringLiteral("Oak Lane")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(seen.last(QStringLiteral("lost")).value(QLatin1String("lost")).toString(),
                                  QStringLiteral("Maple Street"), 10000);
        QCOMPARE(seen.last(QStringLiteral("found")).value(QLatin1String("found")).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("Oak Lane"));
    }

    // hearthd serve advertises every household with TLS on a network address, and not with --no-advertise.
    void hearthdAdvertisesUnlessTold()
    {
        QTemporaryDir shown;
        QTemporaryDir hidden;
        for (const auto &[dir, name] : {std::pair{shown.path(), QStringLiteral("Shown")}, std::pair{hidden.path(), QStringLiteral("Hidden")}})
            QCOMPARE(runHearthd({QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("--data"), dir,
                                 QStringLiteral("--name"), name})
                         .exitCode,
                     0);
        QProcess &browser = m_network->b.start(peerBinary(), {QStringLiteral("browse")});
        JsonLines seen(browser);
        QProcess &quiet = m_network->a.start(hearthdBinary(), {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0"),
                                                               QStringLiteral("--data"), hidden.path(), QStringLiteral("--tls"),
                                                               QStringLiteral("--no-advertise")});
        JsonLines quietLines(quiet);
        QTRY_VERIFY_WITH_TIMEOUT(quietLines.has(QStringLiteral("listening")), 15000);
        QProcess &loud = m_network->a.start(hearthdBinary(), {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0"),
                                                              QStringLiteral("--data"), shown.path(), QStringLiteral("--tls")});
        JsonLines loudLines(loud);
        QTRY_VERIFY_WITH_TIMEOUT(loudLines.has(QStringLiteral("advertised")), 15000);
        QCOMPARE(loudLines.last(QStringLiteral("advertised")).value(QLatin1String("advertised")).toArray().first().toString(), QStringLiteral("Shown"));
        // Found with the port and the certificate hearthd reported.
        QTRY_VERIFY_WITH_TIMEOUT(seen.has(QStringLiteral("found")), 15000);
        const QJsonObject found = seen.last(QStringLiteral("found")).value(QLatin1String("found")).toObject();
        QCOMPARE(found.value(QLatin1String("name")).toString(), QStringLiteral("Shown"));
        QCOMPARE(found.value(QLatin1String("fp")).toString(), loudLines.last(QStringLiteral("listening")).value(QLatin1String("certificate_sha256")).toString());
        QCOMPARE(found.value(QLatin1String("address")).toString(),
                 QStringLiteral("%1:%2").arg(m_network->a.address).arg(loudLines.last(QStringLiteral("listening")).value(QLatin1String("port")).toInt()));
        // Both were up before the browse answered, so by now the quiet one would have been seen.
        for (const QJsonObject &line : seen.lines())
            QVERIFY(line.value(QLatin1String("found")).toObject().value(QLatin1String("name")).toString() != QLatin1String("Hidden"));
        QVERIFY(!quietLines.has(QStringLiteral("advertised")));
    }

private:
    std::unique_ptr<Network> m_network;
};

QTEST_GUILESS_MAIN(TestDiscovery)
#include "tst_discovery.moc"
