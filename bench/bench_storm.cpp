// A reconnect storm. 1,000 member devices (200 households x 5 members) are connected to a real
// hearthd on loopback, each a whole client: its own SQLite store, ReplicaEngine and SyncService
// with the reconnect backoff and jitter the app ships with (SyncOptions' defaults). The host is
// stopped — by SIGTERM (it closes every socket with 1001) or SIGKILL (the kernel drops them) — and
// started again on the same port as soon as it has exited, as a service manager would. While it is
// away, 20 % of the devices make an edit, which waits in their outbox.
//
// Per round: the time from the signal until every device is connected again, its outbox empty and
// its replica at its household's head ("resynced"), and until every device is connected ("live");
// hearthd's peak CPU (per 250 ms window) and peak memory (VmHWM of the new process) over that time.
// Then a check that nothing is lost or doubled: every edit made while the host was away is in the
// host's event log exactly once and in every member's store exactly once, and the five stores of a
// household agree. Rounds alternate SIGTERM and SIGKILL; the figures are medians with the spread.
//
// The host is started with --max-connections-per-address raised: here every device shares
// 127.0.0.1, in a family's network each has its own address. Everything else is hearthd's default,
// unless --joins-per-second lowers the joins it takes before shedding load (4503 with a retry
// hint, which the devices honour): the same storm against a host that has to pace it.

#include "BenchSupport.h"
#include "Clock.h"
#include "ConnectionStatus.h"
#include "EpollEventDispatcher.h"
#include "Mutation.h"
#include "ReplicaEngine.h"
#include "Store.h"
#include "SyncService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <signal.h>
#include <sys/resource.h>

using namespace hearth;
using namespace hearth::bench;

namespace {

// One member device.
struct Device
{
    QString householdId;
    QString memberId;
    std::unique_ptr<Store> store;
    std::unique_ptr<ConnectionStatus> status;
    std::unique_ptr<ReplicaEngine> replica;
    std::unique_ptr<SyncService> sync;
    qint64 resyncedNs = 0; // this round: when it was first connected, with an empty outbox, at its household's head
    qint64 liveNs = 0;     // this round: when it was first connected again
};

// The claims of a member token, read without checking the signature (the host checks it).
QJsonObject claimsOf(const QString &token)
{
    const QByteArray payload = QByteArray::fromBase64(token.section(QLatin1Char('.'), 1, 1).toLatin1(),
                                                      QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QJsonDocument::fromJson(payload).object();
}

class Storm
{
public:
    Storm(QString hearthd, QString dataDir, QStringList hostOptions)
        : m_hearthd(std::move(hearthd))
        , m_dataDir(std::move(dataDir))
        , m_hostOptions(std::move(hostOptions))
    {
    }

    ~Storm()
    {
        for (Device &device : m_devices)
            device.sync->stop();
        if (m_server) {
            m_server->kill();
            m_server->waitForFinished(10000);
        }
    }

    bool startHost(QString *error)
    {
        m_server = std::make_unique<QProcess>();
        m_server->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const QStringList arguments{QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(m_port),
                                    QStringLiteral("--data"), m_dataDir, QStringLiteral("--no-advertise"),
                                    QStringLiteral("--max-connections-per-address"), QStringLiteral("100000")};
        m_server->start(m_hearthd, arguments + m_hostOptions);
        if (!m_server->waitForStarted(10000) || !waitUntil([&] { return m_server->canReadLine() || m_server->state() == QProcess::NotRunning; }, 30000)
            || !m_server->canReadLine()) {
            *error = QStringLiteral("hearthd serve did not start on port %1").arg(m_port);
            return false;
        }
        m_port = QJsonDocument::fromJson(m_server->readLine()).object().value(QLatin1String("port")).toInt();
        return m_port > 0;
    }

    qint64 hostPid() const { return m_server ? m_server->processId() : 0; }

    bool makeDevices(const QString &tokensPath, const QString &clientsDir, QString *error)
    {
        QFile tokens(tokensPath);
        if (!tokens.open(QIODevice::ReadOnly | QIODevice::Text))
            return *error = QStringLiteral("cannot read %1").arg(tokensPath), false;
        const QUrl url(QStringLiteral("ws://127.0.0.1:%1").arg(m_port));
        while (!tokens.atEnd()) {
            const QStringList words = QString::fromUtf8(tokens.readLine()).simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
            for (const QString &token : words.mid(1)) {
                Device device;
                device.householdId = words.first();
                device.memberId = claimsOf(token).value(QLatin1String("sub")).toString();
                const QString path = QDir(clientsDir).filePath(QStringLiteral("device-%1.db").arg(m_devices.size()));
                device.store = Store::open(path, error);
                if (!device.store || device.memberId.isEmpty())
                    return *error = QStringLiteral("device %1: %2").arg(m_devices.size()).arg(*error), false;
                if (!ReplicaEngine::saveLink(*device.store, device.householdId, {url.toString(), device.memberId, token, 0, {}, {}}))
                    return *error = QStringLiteral("cannot save the link of device %1").arg(m_devices.size()), false;
                device.status = std::make_unique<ConnectionStatus>();
                device.replica = std::make_unique<ReplicaEngine>(*device.store, m_clock, device.householdId, device.memberId);
                device.sync = std::make_unique<SyncService>(*device.replica, *device.status, url,
                                                            SyncCredentials{token, {}, {}}, SyncOptions{});
                m_households[device.householdId].append(int(m_devices.size()));
                m_devices.push_back(std::move(device));
            }
        }
        for (std::size_t i = 0; i < m_devices.size(); ++i) {
            Device &device = m_devices[i];
            const auto check = [this, i] { checkDevice(int(i)); };
            QObject::connect(device.sync.get(), &SyncService::synced, device.sync.get(), check);
            QObject::connect(device.replica.get(), &ReplicaEngine::outboxChanged, device.sync.get(), check);
            QObject::connect(device.sync.get(), &SyncService::stateChanged, device.sync.get(), check);
        }
        return !m_devices.empty();
    }

    int deviceCount() const { return int(m_devices.size()); }

    // Connects every device and gives each household some pantry to resync: one item per member.
    bool connectAll(QString *error)
    {
        beginRound();
        for (Device &device : m_devices)
            device.sync->start();
        if (!waitUntil([&] { return m_live == int(m_devices.size()); }, 300000))
            return *error = QStringLiteral("only %1 of %2 devices connected").arg(m_live).arg(m_devices.size()), false;
        beginRound();
        if (!expectHeads(int(m_devices.size()) / int(std::max<qsizetype>(1, m_households.size())), error))
            return false;
        for (std::size_t i = 0; i < m_devices.size(); ++i) {
            if (!edit(int(i), QStringLiteral("setup")))
                return *error = QStringLiteral("device %1 could not make its first item").arg(i), false;
        }
        return waitForResync(300000, error);
    }

    struct Round
    {
        double liveSeconds = 0;
        double resyncSeconds = 0;
        double hostDownSeconds = 0;  // signal to the new process listening
        double peakCpuPercent = 0;   // of one core, per 250 ms window
        double hostCpuSeconds = 0;   // the new process, up to the resync
        long hostHwmKb = 0;
        double clientsCpuSeconds = 0; // this process (all 1,000 devices), over the same time
        int unsentEdits = 0;
    };

    // One round: stop the host with `signal`, edit on every fifth device while it is away, start
    // it again, wait until every device has resynced, and check the stores.
    bool round(int signal, int roundIndex, Round *result, QString *error)
    {
        const qint64 oldPid = hostPid();
        const double selfBefore = processCpuSeconds(QCoreApplication::applicationPid());
        m_stormStartNs = monotonicNs();
        ::kill(pid_t(oldPid), signal);
        if (!m_server->waitForFinished(60000))
            return *error = QStringLiteral("hearthd did not stop"), false;
        // Every device has seen its socket go (a close frame or the kernel's FIN) before the round's
        // clock for "live again" starts counting connections.
        if (!waitUntil([&] { return std::none_of(m_devices.cbegin(), m_devices.cend(), [](const Device &device) {
                           return device.status->state() == ConnectionStatus::State::Connected;
                       }); }, 60000))
            return *error = QStringLiteral("devices still connected after hearthd stopped"), false;
        // Edits made while the host is away: in the outbox, sent after the reconnect.
        beginRound();
        if (!expectHeads(1, error))
            return false;
        m_roundEdits.clear();
        for (int i = 0; i < int(m_devices.size()); i += 5) {
            const QString tag = QStringLiteral("storm-%1-%2").arg(roundIndex).arg(i);
            if (!edit(i, tag))
                return *error = QStringLiteral("device %1 could not edit while the host was away").arg(i), false;
            m_roundEdits.insert(m_devices[std::size_t(i)].householdId, tag);
        }
        result->unsentEdits = int(m_roundEdits.size());
        if (!startHost(error))
            return false;
        result->hostDownSeconds = double(monotonicNs() - m_stormStartNs) / 1e9;

        // hearthd's CPU per 250 ms while the devices come back.
        double lastCpu = processCpuSeconds(hostPid());
        const double cpuAtStart = lastCpu;
        QTimer sampler;
        sampler.setInterval(250);
        QElapsedTimer window;
        window.start();
        QObject::connect(&sampler, &QTimer::timeout, [&] {
            const double cpu = processCpuSeconds(hostPid());
            const double seconds = double(window.restart()) / 1000.0;
            if (cpu >= 0 && seconds > 0)
                result->peakCpuPercent = std::max(result->peakCpuPercent, 100.0 * (cpu - lastCpu) / seconds);
            lastCpu = cpu;
        });
        sampler.start();
        if (!waitForResync(120000, error))
            return false;
        sampler.stop();
        result->hostCpuSeconds = processCpuSeconds(hostPid()) - cpuAtStart;
        result->hostHwmKb = processStatusKb(hostPid(), "VmHWM:");
        result->clientsCpuSeconds = processCpuSeconds(QCoreApplication::applicationPid()) - selfBefore;
        qint64 lastLive = 0, lastResynced = 0;
        for (const Device &device : m_devices) {
            lastLive = std::max(lastLive, device.liveNs);
            lastResynced = std::max(lastResynced, device.resyncedNs);
        }
        result->liveSeconds = double(lastLive - m_stormStartNs) / 1e9;
        result->resyncSeconds = double(lastResynced - m_stormStartNs) / 1e9;
        return checkNothingLostOrDoubled(error);
    }

private:
    bool edit(int index, const QString &tag)
    {
        Device &device = m_devices[std::size_t(index)];
        Mutation m;
        m.id = QStringLiteral("%1-%2").arg(tag, device.memberId);
        m.collection = Collection::Pantry;
        m.op = MutationOp::Create;
        m.fields = {{QStringLiteral("name"), tag == QLatin1String("setup") ? QStringLiteral("Item of %1").arg(device.memberId) : tag},
                    {QStringLiteral("quantity"), 1.0},
                    {QStringLiteral("unit"), QStringLiteral("pcs")},
                    {QStringLiteral("category"), QStringLiteral("Storm")}};
        return device.replica->submit(m).ok;
    }

    void beginRound()
    {
        m_live = 0;
        m_resynced = 0;
        for (Device &device : m_devices)
            device.liveNs = device.resyncedNs = 0;
    }

    // Runs `read` on a read-only connection of its own to hearthd's store (also while it serves).
    bool readHostStore(const std::function<bool(const QSqlDatabase &)> &read) const
    {
        const QString name = QStringLiteral("storm-host");
        bool ok = false;
        {
            QSqlDatabase host = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            host.setDatabaseName(QDir(m_dataDir).filePath(QStringLiteral("hearthd.db")));
            host.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            ok = host.open() && read(host);
            host.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    // Where each household's log will end once the edits about to be made are in: its head in the
    // host's store now plus `editsPerHousehold`. A device is resynced only there — an outbox empty
    // and seqs equal are not enough, since a sender may read its ack before anyone has the event.
    bool expectHeads(int editsPerHousehold, QString *error)
    {
        const bool ok = readHostStore([&](const QSqlDatabase &host) {
            QSqlQuery query(host);
            if (!query.exec(QStringLiteral("SELECT household_id, MAX(seq) FROM events GROUP BY household_id")))
                return false;
            while (query.next()) {
                if (m_households.contains(query.value(0).toString()))
                    m_expectedHead.insert(query.value(0).toString(), query.value(1).toLongLong() + editsPerHousehold);
            }
            return true;
        });
        if (!ok || m_expectedHead.size() != m_households.size())
            return *error = QStringLiteral("cannot read the households' heads from the host's store"), false;
        return true;
    }

    // The round is over for a household when all of its devices are connected, at its expected
    // head, with nothing left to send.
    void checkDevice(int index)
    {
        Device &device = m_devices[std::size_t(index)];
        const bool connected = device.status->state() == ConnectionStatus::State::Connected;
        if (!connected || device.resyncedNs != 0)
            return;
        if (device.liveNs == 0) {
            device.liveNs = monotonicNs();
            ++m_live;
        }
        // The household is checked as a whole: one device's edit moves the head of all five. The
        // cheap checks first, the outboxes (a query each) only when every device is there: this
        // process also runs the 1,000 devices, and its CPU is theirs.
        const QList<int> &members = m_households.value(device.householdId);
        const qint64 head = m_expectedHead.value(device.householdId, -1);
        for (int member : members) {
            const Device &other = m_devices[std::size_t(member)];
            if (other.status->state() != ConnectionStatus::State::Connected || other.replica->lastSeq() != head)
                return;
        }
        for (int member : members) {
            if (m_devices[std::size_t(member)].replica->outboxSize() != 0)
                return;
        }
        const qint64 now = monotonicNs();
        for (int member : members) {
            Device &other = m_devices[std::size_t(member)];
            if (other.resyncedNs == 0) {
                other.resyncedNs = now;
                ++m_resynced;
            }
        }
    }

    bool waitForResync(qint64 timeoutMs, QString *error)
    {
        // A device whose last signal came before its household caught up is looked at again here.
        QTimer sweep;
        sweep.setInterval(100);
        QObject::connect(&sweep, &QTimer::timeout, [&] {
            for (int i = 0; i < int(m_devices.size()); ++i)
                checkDevice(i);
        });
        sweep.start();
        if (waitUntil([&] { return m_resynced == int(m_devices.size()); }, timeoutMs))
            return true;
        *error = QStringLiteral("after %1 s: %2 of %3 devices live, %4 resynced")
                     .arg(timeoutMs / 1000)
                     .arg(m_live)
                     .arg(m_devices.size())
                     .arg(m_resynced);
        return false;
    }

    // Every edit made while the host was away: once in the host's log, once in every member's
    // pantry; and the members of a household hold the same pantry.
    bool checkNothingLostOrDoubled(QString *error)
    {
        const bool inHostOnce = readHostStore([&](const QSqlDatabase &host) {
            for (auto it = m_roundEdits.cbegin(); it != m_roundEdits.cend(); ++it) {
                QSqlQuery query(host);
                query.prepare(QStringLiteral("SELECT count(*) FROM events WHERE household_id = ? AND mutation_id LIKE ?"));
                query.addBindValue(it.key());
                query.addBindValue(QString(it.value() + QStringLiteral("-%")));
                if (!query.exec() || !query.next() || query.value(0).toInt() != 1) {
                    *error = QStringLiteral("the host's log holds %1 %2 times").arg(it.value(), query.value(0).toString());
                    return false;
                }
            }
            return true;
        });
        if (!inHostOnce)
            return false;

        for (auto household = m_households.cbegin(); household != m_households.cend(); ++household) {
            QByteArray firstDigest;
            for (int member : household.value()) {
                const Device &device = m_devices[std::size_t(member)];
                QSqlQuery query(device.store->database());
                query.prepare(QStringLiteral("SELECT id, name, quantity FROM pantry_items WHERE household_id = ? ORDER BY id"));
                query.addBindValue(household.key());
                if (!query.exec())
                    return *error = QStringLiteral("cannot read the pantry of device %1").arg(member), false;
                QCryptographicHash digest(QCryptographicHash::Sha256);
                QHash<QString, int> names;
                while (query.next()) {
                    const QByteArray row = query.value(0).toString().toUtf8() + '|' + query.value(1).toString().toUtf8() + '|'
                                           + query.value(2).toString().toUtf8() + '\n';
                    digest.addData(row);
                    ++names[query.value(1).toString()];
                }
                for (const QString &tag : m_roundEdits.values(household.key())) {
                    if (names.value(tag) != 1)
                        return *error = QStringLiteral("device %1 holds %2 %3 times").arg(member).arg(tag).arg(names.value(tag)), false;
                }
                if (firstDigest.isEmpty())
                    firstDigest = digest.result();
                else if (digest.result() != firstDigest)
                    return *error = QStringLiteral("the devices of household %1 disagree").arg(household.key()), false;
            }
        }
        return true;
    }

    QString m_hearthd;
    QString m_dataDir;
    QStringList m_hostOptions;
    int m_port = 0;
    std::unique_ptr<QProcess> m_server;
    SystemClock m_clock;
    std::vector<Device> m_devices;
    QHash<QString, QList<int>> m_households; // household id -> device indexes
    QHash<QString, qint64> m_expectedHead; // household id -> the seq its devices must reach this round
    QMultiHash<QString, QString> m_roundEdits; // household id -> tag of an edit made while the host was away
    qint64 m_stormStartNs = 0;
    int m_live = 0;
    int m_resynced = 0;
};

void raiseOpenFileLimit()
{
    // Each device holds a socket and its store's files: far over the usual soft limit of 1,024.
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    raiseOpenFileLimit(); // before Qt starts: hearthd inherits it too
    // The 1,000 devices share this process's one event loop, where a real device has one socket:
    // Qt's Unix loop polls every socket at each wake-up and would make the devices' side the
    // bottleneck (and eat the CPU hearthd needs); the epoll loop hearthd uses costs only the ready ones.
    EpollEventDispatcher::installIfAvailable();
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Reconnect storm: 1,000 devices, hearthd stopped and started again."));
    parser.addHelpOption();
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Rounds per signal (default 3)."), QStringLiteral("N"));
    const QCommandLineOption householdsOption(QStringLiteral("households"), QStringLiteral("Households (default 200)."), QStringLiteral("H"));
    const QCommandLineOption membersOption(QStringLiteral("members"), QStringLiteral("Devices per household (default 5)."), QStringLiteral("M"));
    const QCommandLineOption hearthdOption(QStringLiteral("hearthd"), QStringLiteral("The hearthd binary (default ../app/hearthd)."),
                                           QStringLiteral("PATH"));
    const QCommandLineOption joinsOption(QStringLiteral("joins-per-second"),
                                         QStringLiteral("hearthd's --joins-per-second (default: hearthd's own, 500)."), QStringLiteral("N"));
    parser.addOptions({roundsOption, householdsOption, membersOption, hearthdOption, joinsOption});
    parser.process(app);
    const int rounds = positiveInt(parser.value(roundsOption), 3);
    const int households = positiveInt(parser.value(householdsOption), 200);
    const int members = positiveInt(parser.value(membersOption), 5);
    const QString binDir = QCoreApplication::applicationDirPath();
    const QString hearthd = parser.isSet(hearthdOption) ? parser.value(hearthdOption) : QDir(binDir).filePath(QStringLiteral("../app/hearthd"));
    printMachine();

    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("hearthd"));
    const QString clients = dir.filePath(QStringLiteral("devices"));
    const QString tokens = dir.filePath(QStringLiteral("tokens.txt"));
    QDir().mkpath(clients);
    // Households and tokens made in hearthd's data folder by the load benchmark's setup.
    QProcess setup;
    setup.start(QDir(binDir).filePath(QStringLiteral("load/hearth-load")),
                {QStringLiteral("setup"), QStringLiteral("--data"), data, QStringLiteral("--households"), QString::number(households),
                 QStringLiteral("--members"), QString::number(members), QStringLiteral("--out"), tokens});
    if (!setup.waitForFinished(300000) || setup.exitCode() != 0) {
        std::fprintf(stderr, "hearth-load setup failed: %s\n", setup.readAllStandardError().constData());
        return 1;
    }

    QString error;
    QStringList hostOptions;
    if (parser.isSet(joinsOption))
        hostOptions << QStringLiteral("--joins-per-second") << QString::number(positiveInt(parser.value(joinsOption), 500));
    Storm storm(hearthd, data, hostOptions);
    QElapsedTimer connecting;
    connecting.start();
    if (!storm.startHost(&error) || !storm.makeDevices(tokens, clients, &error) || !storm.connectAll(&error)) {
        std::fprintf(stderr, "setup: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("%d devices in %d households connected and synced in %.1f s\n", storm.deviceCount(), households,
                double(connecting.elapsed()) / 1000.0);
    std::fflush(stdout);

    struct Way
    {
        const char *name;
        int signal;
        QList<double> resync, live, peakCpu, hostCpu, hwmMb, clientsCpu;
    };
    Way ways[] = {{"SIGTERM", SIGTERM, {}, {}, {}, {}, {}, {}}, {"SIGKILL", SIGKILL, {}, {}, {}, {}, {}, {}}};
    int roundIndex = 0;
    for (int r = 0; r < rounds; ++r) {
        for (Way &way : ways) {
            Storm::Round result;
            if (!storm.round(way.signal, ++roundIndex, &result, &error)) {
                std::fprintf(stderr, "round %d (%s): %s\n", roundIndex, way.name, qPrintable(error));
                return 1;
            }
            std::printf("round %d, %s: host back after %.2f s; all %d live after %.2f s, resynced after %.2f s "
                        "(%d edits made while away, each once everywhere); hearthd peak CPU %.0f %%, CPU %.2f s, "
                        "peak memory %.1f MB; the devices' process CPU %.2f s\n",
                        roundIndex, way.name, result.hostDownSeconds, storm.deviceCount(), result.liveSeconds, result.resyncSeconds,
                        result.unsentEdits, result.peakCpuPercent, result.hostCpuSeconds, double(result.hostHwmKb) / 1024.0,
                        result.clientsCpuSeconds);
            std::fflush(stdout);
            way.resync.append(result.resyncSeconds);
            way.live.append(result.liveSeconds);
            way.peakCpu.append(result.peakCpuPercent);
            way.hostCpu.append(result.hostCpuSeconds);
            way.hwmMb.append(double(result.hostHwmKb) / 1024.0);
            way.clientsCpu.append(result.clientsCpuSeconds);
        }
    }
    for (const Way &way : ways) {
        std::printf("%s: resynced %s; live %s; hearthd peak CPU %s, CPU %s, peak memory %s\n", way.name,
                    qPrintable(describe(computeStats(way.resync), "s")), qPrintable(describe(computeStats(way.live), "s")),
                    qPrintable(describe(computeStats(way.peakCpu), "%")), qPrintable(describe(computeStats(way.hostCpu), "s")),
                    qPrintable(describe(computeStats(way.hwmMb), "MB")));
        const QByteArray key = QByteArray("storm_") + QByteArray(way.name).toLower();
        printResult(QByteArray(key + "_resync_s").constData(), computeStats(way.resync), "s", 35);
        printResult(QByteArray(key + "_live_s").constData(), computeStats(way.live), "s");
        printResult(QByteArray(key + "_hearthd_peak_cpu_percent").constData(), computeStats(way.peakCpu), "%");
        printResult(QByteArray(key + "_hearthd_peak_mb").constData(), computeStats(way.hwmMb), "MB");
    }
    return 0;
}
