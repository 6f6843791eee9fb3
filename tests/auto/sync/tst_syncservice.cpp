// SyncService end to end, in process: a host (AuthoritativeEngine through HouseholdDirectory,
// RoomHost, WebSocketListener on 127.0.0.1:0) and three devices, each with its own SQLite store
// holding a ReplicaEngine, the household's models (the pantry model watched by
// QAbstractItemModelTester) and a SyncService with fast, pinned backoff. Each device reaches the
// host through its own TestProxy, so a test can cut one device's connection as a dropped Wi-Fi would.

#include "AuthoritativeEngine.h"
#include "ConnectionStatus.h"
#include "HouseholdData.h"
#include "ModelTestHelpers.h"
#include "ReplicaEngine.h"
#include "SyncService.h"
#include "SyncTestSupport.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace hearth;
using namespace hearth::test;
using State = ConnectionStatus::State;

namespace {

SyncOptions fastOptions()
{
    SyncOptions options;
    options.backoff = { std::chrono::milliseconds(10), std::chrono::milliseconds(20), std::chrono::milliseconds(50) };
    options.random = [] { return 1.0; }; // the full step: no randomness in tests
    return options;
}

// One member's device: its own store file, replica, models and sync service.
class Device {
public:
    Device(const QString &storePath, const QString &householdId, const QString &memberId, const QString &token,
        const QUrl &hostUrl, SyncOptions options = fastOptions())
        : path(storePath)
        , memberId(memberId)
        , token(token)
        , hostUrl(hostUrl)
    {
        store = Store::open(storePath, &error);
        if (!store)
            return;
        if (!ReplicaEngine::loadLink(*store, householdId))
            ReplicaEngine::saveLink(*store, householdId, { hostUrl.toString(), memberId, token, 0 });
        replica = std::make_unique<ReplicaEngine>(*store, clock, householdId, memberId);
        data = std::make_unique<HouseholdData>(*replica, clock);
        tester = std::make_unique<QAbstractItemModelTester>(
            &data->pantry, QAbstractItemModelTester::FailureReportingMode::QtTest);
        data->load();
        sync = std::make_unique<SyncService>(*replica, status, hostUrl, SyncCredentials{token, {}, {}}, std::move(options));
        states = std::make_unique<QSignalSpy>(sync.get(), &SyncService::stateChanged);
        statusStates = std::make_unique<QSignalSpy>(&status, &ConnectionStatus::stateChanged);
        rejected = std::make_unique<QSignalSpy>(replica.get(), &ReplicaEngine::rejected);
        refused = std::make_unique<QSignalSpy>(sync.get(), &SyncService::credentialsRefused);
    }

    ~Device()
    {
        refused.reset();
        rejected.reset();
        statusStates.reset();
        states.reset();
        sync.reset();
        tester.reset();
        data.reset();
        replica.reset();
        store.reset();
    }

    bool isValid() const { return sync != nullptr; }
    State state() const { return status.state(); }
    int pantryRows() const { return data->pantry.rowCount(); }

    QList<State> stateHistory() const
    {
        QList<State> history;
        for (const QList<QVariant> &args : *states)
            history << args.at(0).value<State>();
        return history;
    }

    QStringList pantryNames() const
    {
        QStringList names;
        for (int row = 0; row < data->pantry.rowCount(); ++row)
            names << data->pantry.index(row, 0).data(PantryModel::NameRole).toString();
        names.sort();
        return names;
    }

    QVariant pantryValue(const QString &id, int role) const
    {
        const int row = data->pantry.rowOf(id);
        return row < 0 ? QVariant() : data->pantry.index(row, 0).data(role);
    }

    const QString path;
    const QString memberId;
    const QString token;
    const QUrl hostUrl;
    QString error;
    FakeClock clock;
    std::unique_ptr<Store> store;
    std::unique_ptr<ReplicaEngine> replica;
    std::unique_ptr<HouseholdData> data;
    std::unique_ptr<QAbstractItemModelTester> tester;
    ConnectionStatus status;
    std::unique_ptr<SyncService> sync;
    std::unique_ptr<QSignalSpy> states;
    std::unique_ptr<QSignalSpy> statusStates;
    std::unique_ptr<QSignalSpy> rejected;
    std::unique_ptr<QSignalSpy> refused;
};

// A host played by the test: it accepts one device, records what the device sends and sends
// whatever frames the test writes, to put a SyncService in situations a correct host rarely makes.
class ScriptedHost {
public:
    ScriptedHost()
        : server(QStringLiteral("scripted"), QWebSocketServer::NonSecureMode)
    {
        server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server, &QWebSocketServer::newConnection, &server, [this] {
            while (QWebSocket *socket = server.nextPendingConnection()) {
                this->socket = socket;
                ++connections;
                requestUrl = socket->requestUrl();
                QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                    [this](const QString &text) { received.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
            }
        });
    }

    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(server.serverPort())); }
    void send(const QJsonObject &message)
    {
        socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
    QList<QJsonObject> all(const QString &event) const
    {
        QList<QJsonObject> found;
        for (const QJsonObject &m : received)
            if (m.value(QLatin1String("event")).toString() == event)
                found.append(m);
        return found;
    }

    // The welcome, saying how often this host pings (0: not said, as hosts before the extension).
    void welcome(const QString &householdId, qint64 pingIntervalMs = 0)
    {
        QJsonObject data { { QStringLiteral("household_id"), householdId }, { QStringLiteral("active_connections"), 1 },
            { QStringLiteral("member_id"), QStringLiteral("me") }, { QStringLiteral("seq"), 0 },
            { QStringLiteral("message"), QStringLiteral("hi") } };
        if (pingIntervalMs > 0)
            data.insert(QStringLiteral("ping_interval_ms"), pingIntervalMs);
        send({ { QStringLiteral("event"), QStringLiteral("connected") }, { QStringLiteral("data"), data } });
    }

    QWebSocketServer server;
    QPointer<QWebSocket> socket;
    int connections = 0;
    QUrl requestUrl;
    QList<QJsonObject> received;
};

QJsonObject changeEvent(
    const QString &event, qint64 seq, const QString &action, const QString &entityId, const QJsonObject &entity)
{
    QJsonObject full = entity;
    full.insert(QStringLiteral("id"), entityId);
    full.insert(QStringLiteral("rev"), 1);
    return { { QStringLiteral("event"), event }, { QStringLiteral("seq"), seq },
        { QStringLiteral("data"),
            QJsonObject { { QStringLiteral("action"), action }, { QStringLiteral("entity_id"), entityId },
                { QStringLiteral("entity"), full }, { QStringLiteral("rev"), 1 },
                { QStringLiteral("user_id"), QStringLiteral("someone") },
                { QStringLiteral("mutation_id"), QStringLiteral("m-%1").arg(seq) },
                { QStringLiteral("ts"), QStringLiteral("2026-03-15T10:00:00.000Z") } } } };
}

QJsonObject pantryCreated(qint64 seq, const QString &name)
{
    return changeEvent(QStringLiteral("pantry_updated"), seq, QStringLiteral("created"),
        QStringLiteral("p-%1").arg(seq), { { QStringLiteral("name"), name } });
}

// The messages a client sent (as a proxy saw them) of one event, from the `from`th on.
QList<QJsonObject> sentMessages(const TestProxy &proxy, const QString &event, qsizetype from = 0)
{
    QList<QJsonObject> found;
    const QStringList texts = proxy.textFromClients();
    for (qsizetype i = from; i < texts.size(); ++i) {
        const QJsonObject message = QJsonDocument::fromJson(texts.at(i).toUtf8()).object();
        if (message.value(QLatin1String("event")).toString() == event)
            found.append(message);
    }
    return found;
}

// The mutation ids a batch carries, in order.
QStringList batchIds(const QJsonObject &batch)
{
    QStringList ids;
    for (const QJsonValue &entry : batch.value(QLatin1String("data")).toObject().value(QLatin1String("mutations")).toArray())
        ids << entry.toObject().value(QLatin1String("id")).toString();
    return ids;
}

QStringList hostPantryNames(AuthoritativeEngine &engine)
{
    QStringList names;
    for (const QJsonValue &row : engine.snapshot(Collection::Pantry))
        names << row.toObject().value(QLatin1String("name")).toString();
    names.sort();
    return names;
}

} // namespace

class tst_SyncService : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void editReachesEveryDevice();
    void resumesAfterDroppedConnection();
    void outboxSurvivesRestart();
    void retryAfterLostAckAppliedOnce();
    void rejectedUpdateOfDeletedItem();
    void rejectedConflictRollsBackToHostState();
    void rejectedCreateIsRolledBack();
    void resyncRequiredRefetches();
    void stateTransitions();
    void reconnectsWhenHostComesBack();
    void gapInEventsTriggersResume();
    void hostBehindReplicaRefetches();
    void refusedCredentialsStopReconnecting_data();
    void refusedCredentialsStopReconnecting();
    void fallsBackToHttpSnapshotsWhenSocketsAreBlocked();
    void pendingEditsSurvivePolling();
    void concurrentStepsAllCount();
    void stepAlreadyInASnapshotCountsOnce();
    void silentHostIsNoticed();
    void frozenHostIsNoticedAndNothingIsLost();
    void answeringHostStaysLive();
    void reconnectNowProbesAConnectedSocket();
    void wakingFromSleepProbes();
    void editsOverASlowJitteryLink();
    void editsOverAFlappingLink();
    void offlineEditsGoAsBatches();
    void batchResentAfterDropAppliedOnce();
    void editsOfOneTurnGoTogether();
    void changeTheHostCouldNotSaveIsSentAgain();
    void hostSheddingLoadIsHonoured();

private:
    // A device for member `name` (created on the host), connected through its own proxy, started.
    Device &addDevice(const QString &name, bool start = true);
    // The same device, as after an app restart: everything rebuilt from its store file.
    Device &restart(int index);
    TestProxy &proxyOf(int index) { return *m_proxies.at(index); }
    // Nothing left to send, and everything the host has applied.
    bool caughtUp(const Device &device)
    {
        return device.replica->outboxSize() == 0 && device.replica->lastSeq() == m_host->engine().headSeq();
    }

    // Every device's pantry is the host's, row for row (revisions and times included).
    bool sameEverywhere() const
    {
        const QJsonArray host = m_host->engine().snapshot(Collection::Pantry);
        for (const auto &device : m_devices) {
            if (device->pantryRows() != host.size())
                return false;
            for (const QJsonValue &row : host) {
                const auto mine = device->replica->entity(Collection::Pantry, row.toObject().value(QLatin1String("id")).toString());
                if (!mine || *mine != row.toObject())
                    return false;
            }
        }
        return true;
    }
    // Ann and Ben each add `count` items and press + on `shared` as often, one edit each time
    // `next` is called; true once all are made.
    struct TwoWriters
    {
        Device &ann;
        Device &ben;
        QString shared;
        int count;
        int made = 0;
        bool next()
        {
            if (made >= 2 * count)
                return true;
            Device &device = made % 2 == 0 ? ann : ben;
            const QString name = QStringLiteral("%1 item %2").arg(made % 2 == 0 ? QStringLiteral("Ann") : QStringLiteral("Ben")).arg(made / 2);
            const bool ok = device.data->pantry.create({{QStringLiteral("name"), name}}).ok
                && device.data->pantry.apply(device.data->pantry.adjustQuantityMutation(shared, 1)).ok;
            made += ok ? 1 : 0;
            return made >= 2 * count;
        }
    };
    // Each item exactly once on the host and the shared counter at every press.
    void checkEveryEditOnce(const TwoWriters &writers)
    {
        const QJsonArray rows = m_host->engine().snapshot(Collection::Pantry);
        QCOMPARE(rows.size(), 1 + 2 * writers.count);
        QSet<QString> names;
        for (const QJsonValue &row : rows)
            names.insert(row.toObject().value(QLatin1String("name")).toString());
        QCOMPARE(names.size(), rows.size());
        QCOMPARE(m_host->engine().entity(Collection::Pantry, writers.shared)->value(QLatin1String("quantity")).toDouble(),
                 double(2 * writers.count));
        QVERIFY(sameEverywhere());
    }

    std::unique_ptr<TestHost> m_host;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<TestProxy>> m_proxies;
    std::vector<std::unique_ptr<Device>> m_devices;
};

void tst_SyncService::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    m_host = std::make_unique<TestHost>();
    QVERIFY2(m_host->isValid(), qPrintable(m_host->error()));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_SyncService::cleanup()
{
    m_devices.clear();
    m_proxies.clear();
    m_host.reset();
    m_dir.reset();
}

Device &tst_SyncService::addDevice(const QString &name, bool start)
{
    QString memberId;
    const QString token = m_host->token(name, &memberId);
    auto proxy = std::make_unique<TestProxy>(m_host->port());
    if (!proxy->listen())
        qFatal("the proxy cannot listen");
    const QString path = QDir(m_dir->path()).filePath(QStringLiteral("device-%1.db").arg(m_devices.size()));
    auto device = std::make_unique<Device>(path, m_host->householdId(), memberId, token, proxy->url());
    if (start && device->isValid())
        device->sync->start();
    m_proxies.push_back(std::move(proxy));
    m_devices.push_back(std::move(device));
    return *m_devices.back();
}

Device &tst_SyncService::restart(int index)
{
    const Device &old = *m_devices.at(index);
    const QString path = old.path;
    const QString memberId = old.memberId;
    const QString token = old.token;
    const QUrl url = old.hostUrl;
    m_devices.at(index).reset(); // the app quits: nothing survives but the store file
    m_devices.at(index) = std::make_unique<Device>(path, m_host->householdId(), memberId, token, url);
    return *m_devices.at(index);
}

void tst_SyncService::editReachesEveryDevice()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    Device &cat = addDevice(QStringLiteral("Cat"));
    QVERIFY(ann.isValid() && ben.isValid() && cat.isValid());
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben) && caughtUp(cat));
    QCOMPARE(ann.state(), State::Connected);
    // The household itself arrived by replay: name, members, the board's columns.
    QCOMPARE(ben.data->household.household().name, QStringLiteral("Home"));
    QCOMPARE(ben.data->members.rowCount(), 4); // Alex (the owner), Ann, Ben, Cat
    QCOMPARE(ben.data->columns.rowCount(), 3);

    ModelSignals benSignals(&ben.data->pantry);
    ModelSignals catSignals(&cat.data->pantry);
    const MutationResult created = ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Milk") },
        { QStringLiteral("quantity"), 2 }, { QStringLiteral("unit"), QStringLiteral("l") } });
    QVERIFY2(created.ok, qPrintable(created.error.message));
    // Shown at once on the device that made it, and queued.
    QCOMPARE(ann.pantryRows(), 1);
    QCOMPARE(ann.replica->outboxSize(), 1);

    QTRY_COMPARE(ben.pantryRows(), 1);
    QTRY_COMPARE(cat.pantryRows(), 1);
    QCOMPARE(benSignals.counts(), ModelSignals::expected(1, 0, 0));
    QCOMPARE(catSignals.counts(), ModelSignals::expected(1, 0, 0));
    QCOMPARE(ben.pantryValue(created.entityId, PantryModel::NameRole).toString(), QStringLiteral("Milk"));
    const auto onHost = m_host->engine().entity(Collection::Pantry, created.entityId);
    QVERIFY(onHost.has_value()); // the host kept the device's id
    QCOMPARE(onHost->value(QLatin1String("name")).toString(), QStringLiteral("Milk"));
    QTRY_COMPARE(ann.replica->outboxSize(), 0);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben) && caughtUp(cat));

    // An update: one dataChanged on the others.
    benSignals.clear();
    catSignals.clear();
    QVERIFY(ann.data->pantry.update(created.entityId, { { QStringLiteral("quantity"), 5 } }).ok);
    QTRY_COMPARE(ben.pantryValue(created.entityId, PantryModel::QuantityRole).toDouble(), 5.0);
    QTRY_COMPARE(cat.pantryValue(created.entityId, PantryModel::QuantityRole).toDouble(), 5.0);
    QCOMPARE(benSignals.counts(), ModelSignals::expected(0, 0, 1));
    QCOMPARE(catSignals.counts(), ModelSignals::expected(0, 0, 1));

    // A delete from another device: one rowsRemoved everywhere else.
    ModelSignals annSignals(&ann.data->pantry);
    catSignals.clear();
    QVERIFY(ben.data->pantry.remove(created.entityId).ok);
    QCOMPARE(ben.pantryRows(), 0);
    QTRY_COMPARE(ann.pantryRows(), 0);
    QTRY_COMPARE(cat.pantryRows(), 0);
    QCOMPARE(annSignals.counts(), ModelSignals::expected(0, 1, 0));
    QCOMPARE(catSignals.counts(), ModelSignals::expected(0, 1, 0));
    QVERIFY(!m_host->engine().entity(Collection::Pantry, created.entityId));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben) && caughtUp(cat));
    QCOMPARE(ben.replica->outboxSize(), 0);
}

void tst_SyncService::resumesAfterDroppedConnection()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    Device &cat = addDevice(QStringLiteral("Cat"));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben) && caughtUp(cat));

    // Cat's connection dies, and stays down for now.
    proxyOf(2).setAccepting(false);
    proxyOf(2).dropAll();
    QTRY_COMPARE(cat.state(), State::Reconnecting);

    for (const char *name : { "Apples", "Pears", "Plums" })
        QVERIFY(ann.data->pantry.create({ { QStringLiteral("name"), QString::fromLatin1(name) } }).ok);
    QTRY_COMPARE(ben.pantryRows(), 3);
    QTRY_VERIFY(caughtUp(ben));
    QCOMPARE(cat.pantryRows(), 0);

    // Back: Cat resumes from its last seq and gets exactly what it missed, row by row.
    ModelSignals catSignals(&cat.data->pantry);
    proxyOf(2).setAccepting(true);
    QTRY_COMPARE(cat.state(), State::Connected);
    QTRY_VERIFY(caughtUp(cat));
    QCOMPARE(cat.pantryNames(),
        (QStringList { QStringLiteral("Apples"), QStringLiteral("Pears"), QStringLiteral("Plums") }));
    QCOMPARE(catSignals.counts(), ModelSignals::expected(3, 0, 0));

    // And it is live again.
    QVERIFY(ben.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Figs") } }).ok);
    QTRY_COMPARE(cat.pantryRows(), 4);
}

void tst_SyncService::outboxSurvivesRestart()
{
    addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    Device &cat = addDevice(QStringLiteral("Cat"));
    QTRY_VERIFY(caughtUp(*m_devices[0]) && caughtUp(ben) && caughtUp(cat));

    // The host goes away.
    const quint16 port = m_host->port();
    m_host->stopListening();
    m_host->host().closeAll(1001, QStringLiteral("Restarting"));
    QTRY_VERIFY(m_devices[0]->state() == State::Reconnecting && ben.state() == State::Reconnecting
        && cat.state() == State::Reconnecting);

    // Ann edits offline: shown at once, kept in the outbox.
    const MutationResult created
        = m_devices[0]->data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Offline tea") } });
    QVERIFY(created.ok);
    QCOMPARE(m_devices[0]->pantryRows(), 1);
    QCOMPARE(m_devices[0]->replica->outboxSize(), 1);

    // Ann's app is closed and opened again: the edit and the outbox are still there.
    Device &ann = restart(0);
    QVERIFY(ann.isValid());
    QCOMPARE(ann.pantryNames(), QStringList { QStringLiteral("Offline tea") });
    QCOMPARE(ann.replica->outboxSize(), 1);
    const QString mutationId = ann.replica->outbox().first().mutationId;
    ann.sync->start();
    QTRY_COMPARE(ann.state(), State::Reconnecting);

    // The host is back on the same port: the edit is delivered, exactly once.
    QVERIFY(m_host->listen(port));
    QTRY_VERIFY(ann.state() == State::Connected && ben.state() == State::Connected && cat.state() == State::Connected);
    QTRY_COMPARE(ben.pantryNames(), QStringList { QStringLiteral("Offline tea") });
    QTRY_COMPARE(cat.pantryNames(), QStringList { QStringLiteral("Offline tea") });
    QTRY_COMPARE(ann.replica->outboxSize(), 0);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben) && caughtUp(cat));
    QCOMPARE(ann.pantryNames(), QStringList { QStringLiteral("Offline tea") });
    QCOMPARE(
        countRows(m_host->store(), QStringLiteral("pantry_items"), QStringLiteral("name = 'Offline tea'")), qint64(1));
    QCOMPARE(countRows(m_host->store(), QStringLiteral("events"), QStringLiteral("mutation_id = '%1'").arg(mutationId)),
        qint64(1));
    QVERIFY(m_host->engine().entity(Collection::Pantry, created.entityId).has_value());
}

void tst_SyncService::retryAfterLostAckAppliedOnce()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));

    // The host applies Ann's edit, but its answer never reaches her: the connection drops first.
    proxyOf(0).setForwardingToClients(false);
    QVERIFY(ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Once") } }).ok);
    const QString mutationId = ann.replica->outbox().first().mutationId;
    QTRY_COMPARE(
        countRows(m_host->store(), QStringLiteral("pantry_items"), QStringLiteral("name = 'Once'")), qint64(1));
    QCOMPARE(ann.replica->outboxSize(), 1);
    proxyOf(0).dropAll();
    proxyOf(0).setForwardingToClients(true);

    // She sends it again on reconnecting; the host recognises the id.
    QTRY_COMPARE(ann.replica->outboxSize(), 0);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    QCOMPARE(ann.pantryNames(), QStringList { QStringLiteral("Once") });
    QCOMPARE(ben.pantryNames(), QStringList { QStringLiteral("Once") });
    QCOMPARE(countRows(m_host->store(), QStringLiteral("pantry_items"), QStringLiteral("name = 'Once'")), qint64(1));
    QCOMPARE(countRows(m_host->store(), QStringLiteral("events"), QStringLiteral("mutation_id = '%1'").arg(mutationId)),
        qint64(1));
}

void tst_SyncService::rejectedUpdateOfDeletedItem()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben)); // the household has arrived
    const MutationResult soup = ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Soup") } });
    QVERIFY(soup.ok);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben) && ben.pantryRows() == 1);

    // The item is deleted at the host; Ben edits it before he has heard.
    QVERIFY(m_host->engine().submit(Mutation { {}, Collection::Pantry, MutationOp::Delete, soup.entityId, -1, {} }).ok);
    QVERIFY(ben.data->pantry.update(soup.entityId, { { QStringLiteral("quantity"), 3 } }).ok);
    QCOMPARE(ben.pantryValue(soup.entityId, PantryModel::QuantityRole).toDouble(), 3.0); // optimistic

    // Refused by the host, said in words, and the item stays gone (it is not brought back).
    QTRY_COMPARE(ben.rejected->count(), 1);
    QVERIFY2(ben.rejected->at(0).at(0).toString().contains(QLatin1String("gone")),
        qPrintable(ben.rejected->at(0).at(0).toString()));
    QCOMPARE(ben.pantryRows(), 0);
    QVERIFY(!ben.replica->entity(Collection::Pantry, soup.entityId));
    QCOMPARE(ben.replica->outboxSize(), 0);
    QTRY_VERIFY(caughtUp(ben) && caughtUp(ann));
    QCOMPARE(ben.pantryRows(), 0);
    QCOMPARE(ann.pantryRows(), 0);
    QCOMPARE(ann.rejected->count(), 0);
}

void tst_SyncService::rejectedConflictRollsBackToHostState()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    const MutationResult rice = ann.data->pantry.create(
        { { QStringLiteral("name"), QStringLiteral("Rice") }, { QStringLiteral("quantity"), 1 } });
    QVERIFY(rice.ok);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben) && ben.pantryRows() == 1);

    // At the host someone sets it to 10; Ben, not knowing, deletes it from rev 1. A stale update
    // would be merged (tst_concurrentedits); a stale delete is refused.
    QVERIFY(m_host->engine()
                .submit(Mutation { {}, Collection::Pantry, MutationOp::Update, rice.entityId, -1,
                    { { QStringLiteral("quantity"), 10 } } })
                .ok);
    ModelSignals benSignals(&ben.data->pantry);
    QVERIFY(ben.data->pantry.apply(Mutation { {}, Collection::Pantry, MutationOp::Delete, rice.entityId, 1, {} }).ok);
    QCOMPARE(ben.pantryRows(), 0);

    QTRY_COMPARE(ben.rejected->count(), 1);
    QVERIFY(ben.rejected->at(0).at(0).toString().contains(QLatin1String("Someone else changed")));
    // Rolled back to what the host has, not to what Ben saw before his edit.
    QCOMPARE(ben.pantryValue(rice.entityId, PantryModel::QuantityRole).toDouble(), 10.0);
    QCOMPARE(ben.replica->entity(Collection::Pantry, rice.entityId)->value(QLatin1String("rev")).toInteger(),
        m_host->engine().entity(Collection::Pantry, rice.entityId)->value(QLatin1String("rev")).toInteger());
    QCOMPARE(benSignals.reset.count(), 0);
    QCOMPARE(ben.replica->outboxSize(), 0);
    QTRY_VERIFY(caughtUp(ben));
    QCOMPARE(ben.pantryValue(rice.entityId, PantryModel::QuantityRole).toDouble(), 10.0);
    QTRY_COMPARE(ann.pantryValue(rice.entityId, PantryModel::QuantityRole).toDouble(), 10.0);
}

void tst_SyncService::rejectedCreateIsRolledBack()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));

    // Both devices create an item with the same id (a retried import, say) at the same moment.
    // The host takes the first; the second is refused and must end up as the host has it.
    const QString id = QStringLiteral("shared-id");
    QVERIFY(ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Ann's jam") } }, id).ok);
    QVERIFY(ben.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Ben's jam") } }, id).ok);
    QTRY_COMPARE(ann.rejected->count() + ben.rejected->count(), 1);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    QTRY_COMPARE(ann.replica->outboxSize() + ben.replica->outboxSize(), 0);
    const QString winner = m_host->engine().entity(Collection::Pantry, id)->value(QLatin1String("name")).toString();
    QCOMPARE(ann.pantryNames(), QStringList { winner });
    QCOMPARE(ben.pantryNames(), QStringList { winner });
    Device &loser = ann.rejected->count() ? ann : ben;
    QVERIFY(loser.rejected->at(0).at(0).toString().contains(QLatin1String("exists already")));
}

void tst_SyncService::resyncRequiredRefetches()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    Device &cat = addDevice(QStringLiteral("Cat"));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben) && caughtUp(cat));
    QVERIFY(ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Old") } }).ok);
    QTRY_COMPARE(cat.pantryRows(), 1);

    // Cat is away for long; meanwhile much happens and the host trims its log.
    proxyOf(2).setAccepting(false);
    proxyOf(2).dropAll();
    QTRY_COMPARE(cat.state(), State::Reconnecting);
    const QString oldId = ann.data->pantry.idAt(0);
    QVERIFY(ben.data->pantry.remove(oldId).ok);
    for (const char *name : { "Apples", "Pears", "Plums", "Figs" })
        QVERIFY(ann.data->pantry.create({ { QStringLiteral("name"), QString::fromLatin1(name) } }).ok);
    QVERIFY(ben.data->household
                .apply(Mutation { {}, Collection::Household, MutationOp::Update, m_host->householdId(), -1,
                    { { QStringLiteral("name"), QStringLiteral("Our home") } } })
                .ok);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    const QDateTime now = m_host->clock.now();
    m_host->clock.setNow(now.addYears(1));
    QVERIFY(m_host->engine().trimEvents(1, 7) > 0);
    m_host->clock.setNow(now);

    // Back: the log no longer reaches Cat's seq, so Cat refetches everything and converges.
    QSignalSpy pantryReset(&cat.data->pantry, &QAbstractItemModel::modelReset);
    proxyOf(2).setAccepting(true);
    QTRY_VERIFY(cat.state() == State::Connected && caughtUp(cat));
    QTRY_COMPARE(cat.pantryNames(), hostPantryNames(m_host->engine()));
    QCOMPARE(cat.pantryNames(),
        (QStringList {
            QStringLiteral("Apples"), QStringLiteral("Figs"), QStringLiteral("Pears"), QStringLiteral("Plums") }));
    QVERIFY(pantryReset.count() >= 1); // a full refetch is the one place a reset is right
    QCOMPARE(cat.data->household.household().name, QStringLiteral("Our home"));
    QCOMPARE(cat.data->members.rowCount(), 4);
    QCOMPARE(cat.data->columns.rowCount(), 3);
    for (const QJsonValue &row : m_host->engine().snapshot(Collection::Pantry)) {
        const QJsonObject hostRow = row.toObject();
        const auto mine = cat.replica->entity(Collection::Pantry, hostRow.value(QLatin1String("id")).toString());
        QVERIFY(mine.has_value());
        QCOMPARE(mine->value(QLatin1String("rev")), hostRow.value(QLatin1String("rev")));
    }

    // And it follows live edits again, row by row.
    ModelSignals catSignals(&cat.data->pantry);
    QVERIFY(ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("After") } }).ok);
    QTRY_COMPARE(cat.pantryRows(), 5);
    QCOMPARE(catSignals.counts(), ModelSignals::expected(1, 0, 0));
    QTRY_VERIFY(caughtUp(cat));
}

void tst_SyncService::stateTransitions()
{
    Device &dan = addDevice(QStringLiteral("Dan"), false);
    QCOMPARE(dan.state(), State::Local);
    dan.sync->start();
    QTRY_COMPARE(dan.state(), State::Connected);
    QTRY_VERIFY(caughtUp(dan));

    proxyOf(0).dropAll(); // the connection drops; the host is still there
    QTRY_COMPARE(dan.stateHistory().size(), 4);
    QCOMPARE(dan.stateHistory(),
        (QList<State> { State::Connecting, State::Connected, State::Reconnecting, State::Connected }));
    // ConnectionStatus (what the indicator shows) went through the same states.
    QCOMPARE(dan.statusStates->size(), 4);
    QCOMPARE(dan.status.state(), State::Connected);
    QCOMPARE(dan.sync->reconnectAttempts(), 0); // reset by the welcome

    dan.sync->stop();
    QCOMPARE(dan.state(), State::Disconnected);
}

void tst_SyncService::reconnectsWhenHostComesBack()
{
    // No proxy: the device talks to the host's own port, and while the host is down nothing listens
    // there at all (connection refused), as when hearthd is restarted.
    QString memberId;
    const QString token = m_host->token(QStringLiteral("Dan"), &memberId);
    Device dan(QDir(m_dir->path()).filePath(QStringLiteral("dan.db")), m_host->householdId(), memberId, token,
        m_host->baseUrl());
    QVERIFY(dan.isValid());
    dan.sync->start();
    QTRY_VERIFY(dan.state() == State::Connected && caughtUp(dan));

    const quint16 port = m_host->port();
    m_host->stopListening();
    m_host->host().closeAll(1001, QStringLiteral("Restarting"));
    QTRY_COMPARE(dan.state(), State::Reconnecting);
    // It keeps trying (each refused attempt is followed by another, backing off).
    QTRY_VERIFY(dan.sync->reconnectAttempts() >= 4);
    QCOMPARE(dan.state(), State::Reconnecting);

    QVERIFY(dan.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("While away") } }).ok);
    QVERIFY(m_host->engine()
                .submit(Mutation { {}, Collection::Pantry, MutationOp::Create, {}, -1,
                    { { QStringLiteral("name"), QStringLiteral("At the host") } } })
                .ok);
    QVERIFY(m_host->listen(port));
    QTRY_COMPARE(dan.state(), State::Connected);
    QTRY_VERIFY(caughtUp(dan));
    QCOMPARE(dan.pantryNames(), (QStringList { QStringLiteral("At the host"), QStringLiteral("While away") }));
    QCOMPARE(hostPantryNames(m_host->engine()), dan.pantryNames());
    QCOMPARE(dan.sync->reconnectAttempts(), 0);
}

void tst_SyncService::gapInEventsTriggersResume()
{
    ScriptedHost scripted;
    QVERIFY(scripted.server.isListening());
    const QString householdId = QStringLiteral("house-s");
    Device dev(QDir(m_dir->path()).filePath(QStringLiteral("scripted.db")), householdId, QStringLiteral("me"),
        QStringLiteral("token-x"), scripted.url());
    QVERIFY(dev.isValid());
    dev.sync->start();
    QTRY_VERIFY(scripted.socket);
    // The device asked for its room with the seq it has, and signed in with its first message:
    // the token never appears in the URL.
    QCOMPARE(scripted.requestUrl.path(), QStringLiteral("/api/ws/house-s"));
    QVERIFY(!QUrlQuery(scripted.requestUrl).hasQueryItem(QStringLiteral("token")));
    QCOMPARE(QUrlQuery(scripted.requestUrl).queryItemValue(QStringLiteral("since")), QStringLiteral("0"));
    QTRY_COMPARE(scripted.all(QStringLiteral("auth")).size(), 1);
    QCOMPARE(scripted.all(QStringLiteral("auth")).first().value(QLatin1String("data")).toObject(),
        (QJsonObject { { QStringLiteral("token"), QStringLiteral("token-x") }, { QStringLiteral("since"), 0 } }));

    scripted.send({ { QStringLiteral("event"), QStringLiteral("connected") },
        { QStringLiteral("data"),
            QJsonObject { { QStringLiteral("household_id"), householdId }, { QStringLiteral("active_connections"), 1 },
                { QStringLiteral("member_id"), QStringLiteral("me") }, { QStringLiteral("seq"), 0 },
                { QStringLiteral("message"), QStringLiteral("hi") } } } });
    scripted.send(changeEvent(QStringLiteral("household_updated"), 1, QStringLiteral("created"), householdId,
        { { QStringLiteral("name"), QStringLiteral("Scripted") } }));
    scripted.send(pantryCreated(2, QStringLiteral("Two")));
    QTRY_COMPARE(dev.replica->lastSeq(), qint64(2));
    QCOMPARE(dev.state(), State::Connected);

    // 4 and 5 before 3: nothing applied out of order, one resume from 2.
    scripted.send(pantryCreated(4, QStringLiteral("Four")));
    scripted.send(pantryCreated(5, QStringLiteral("Five")));
    QTRY_COMPARE(scripted.all(QStringLiteral("resume")).size(), 1);
    QCOMPARE(scripted.all(QStringLiteral("resume")).first().value(QLatin1String("data")).toObject(),
        (QJsonObject { { QStringLiteral("since"), 2 } }));
    QCOMPARE(dev.pantryNames(), QStringList { QStringLiteral("Two") });
    QCOMPARE(dev.replica->lastSeq(), qint64(2));

    // The replay: 3, 4, 5 (and a 2 again, already applied), then synced.
    ModelSignals signals_(&dev.data->pantry);
    QSignalSpy synced(dev.sync.get(), &SyncService::synced);
    scripted.send(pantryCreated(2, QStringLiteral("Two")));
    for (qint64 seq : { 3, 4, 5 })
        scripted.send(pantryCreated(seq, QStringLiteral("Item %1").arg(seq)));
    scripted.send({ { QStringLiteral("event"), QStringLiteral("synced") },
        { QStringLiteral("data"), QJsonObject { { QStringLiteral("seq"), 5 } } } });
    QTRY_COMPARE(dev.replica->lastSeq(), qint64(5));
    QCOMPARE(dev.pantryRows(), 4);
    QCOMPARE(signals_.counts(), ModelSignals::expected(3, 0, 0));
    QTRY_COMPARE(synced.count(), 1);
    QCOMPARE(synced.at(0).at(0).toLongLong(), qint64(5));

    // Live again: the next one in order is applied at once, and no further resume was asked for.
    scripted.send(pantryCreated(6, QStringLiteral("Six")));
    QTRY_COMPARE(dev.replica->lastSeq(), qint64(6));
    QCOMPARE(scripted.all(QStringLiteral("resume")).size(), 1);
    // A welcome that does not say how often the host pings: the default is expected.
    QCOMPARE(dev.sync->pingInterval(), std::chrono::milliseconds(std::chrono::seconds(30)));

    // A ping event is answered with a pong event.
    scripted.send({ { QStringLiteral("event"), QStringLiteral("ping") }, { QStringLiteral("data"), QJsonObject() } });
    QTRY_COMPARE(scripted.all(QStringLiteral("pong")).size(), 1);
}

void tst_SyncService::hostBehindReplicaRefetches()
{
    // A device whose copy is ahead of the host's log (the host was restored from a backup): it
    // must not trust its copy, but start over from the host.
    Device &ann = addDevice(QStringLiteral("Ann"));
    QTRY_VERIFY(caughtUp(ann));
    QVERIFY(m_host->engine()
                .submit(Mutation { {}, Collection::Pantry, MutationOp::Create, {}, -1,
                    { { QStringLiteral("name"), QStringLiteral("Real") } } })
                .ok);
    QTRY_VERIFY(caughtUp(ann));
    ann.sync->stop();
    // Forge a copy that believes it is at seq 1000 and has an item the host never had.
    QVERIFY(ann.replica->applyRemote(Change { Collection::Pantry, ChangeAction::Created, QStringLiteral("ghost"),
        { { QStringLiteral("name"), QStringLiteral("Ghost") } }, 1, 1000, {}, {}, {} }));
    QCOMPARE(ann.replica->lastSeq(), qint64(1000));
    QCOMPARE(ann.pantryNames(), (QStringList { QStringLiteral("Ghost"), QStringLiteral("Real") }));

    ann.sync->start();
    QTRY_VERIFY(ann.state() == State::Connected && caughtUp(ann));
    QCOMPARE(ann.pantryNames(), QStringList { QStringLiteral("Real") });
}

void tst_SyncService::refusedCredentialsStopReconnecting_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("code");
    QTest::newRow("expired token") << QStringLiteral("expired") << 4001;
    QTest::newRow("forged token") << QStringLiteral("forged") << 4001;
    QTest::newRow("another household's token") << QStringLiteral("other") << 4003;
}

void tst_SyncService::refusedCredentialsStopReconnecting()
{
    QFETCH(QString, kind);
    QFETCH(int, code);

    QString memberId;
    m_host->token(QStringLiteral("Eve"), &memberId);
    QString token;
    if (kind == QLatin1String("expired"))
        token = m_host->signedToken(memberId, m_host->householdId(), -60);
    else if (kind == QLatin1String("forged"))
        token = m_host->signedToken(
            memberId, m_host->householdId(), 3600, QByteArrayLiteral("a-secret-that-is-not-the-hosts-one"));
    else
        token = m_host->token(QStringLiteral("Eve"), &memberId, m_host->addHousehold(QStringLiteral("Flat")));

    TestProxy proxy(m_host->port());
    QVERIFY(proxy.listen());
    Device eve(
        QDir(m_dir->path()).filePath(QStringLiteral("eve.db")), m_host->householdId(), memberId, token, proxy.url());
    QVERIFY(eve.isValid());
    eve.sync->start();

    QTRY_COMPARE(eve.state(), State::Error);
    QCOMPARE(eve.refused->size(), 1);
    QCOMPARE(eve.refused->at(0).at(0).toInt(), code);
    QCOMPARE(eve.stateHistory(), (QList<State> { State::Connecting, State::Error }));
    QVERIFY(!eve.status.detail().isEmpty());

    // No more attempts: nothing reaches the proxy again, however long we wait for it.
    QCOMPARE(proxy.acceptedConnections(), 1);
    QSignalSpy another(&proxy, &TestProxy::connectionAccepted);
    QVERIFY(!another.wait(400));
    QCOMPARE(eve.state(), State::Error);
    QCOMPARE(eve.refused->size(), 1);
}

void tst_SyncService::fallsBackToHttpSnapshotsWhenSocketsAreBlocked()
{
    Device &ann = addDevice(QStringLiteral("Ann"), false);
    SyncOptions options = fastOptions();
    options.fallbackAfter = std::chrono::milliseconds(100);
    options.pollInterval = std::chrono::milliseconds(100);
    ann.sync = std::make_unique<SyncService>(*ann.replica, ann.status, ann.hostUrl, SyncCredentials{ann.token, {}, {}}, options);
    QSignalSpy polled(ann.sync.get(), &SyncService::polled);
    proxyOf(0).setBlockingUpgrades(true);
    ann.sync->start();

    // Someone else edits on the host; Ann's socket never gets through, her snapshots do.
    const MutationResult added = m_host->engine().submitAs(
        Mutation{{}, Collection::Pantry, MutationOp::Create, {}, -1, {{QStringLiteral("name"), QStringLiteral("Oat milk")}}},
        m_host->ownerId());
    QVERIFY(added.ok);
    QTRY_VERIFY_WITH_TIMEOUT(ann.pantryNames().contains(QStringLiteral("Oat milk")), 10000);
    QVERIFY(!polled.isEmpty());
    QVERIFY(ann.sync->isPolling());
    QCOMPARE(ann.state(), State::Reconnecting);
    QVERIFY(ann.status.detail().contains(QLatin1String("every")));
    QVERIFY(proxyOf(0).blockedUpgrades() > 0);
    QCOMPARE(ann.replica->lastSeq(), m_host->engine().headSeq());

    // The way clears: the socket takes over again and polling stops.
    proxyOf(0).setBlockingUpgrades(false);
    QTRY_COMPARE_WITH_TIMEOUT(ann.state(), State::Connected, 10000);
    QVERIFY(!ann.sync->isPolling());
}

void tst_SyncService::pendingEditsSurvivePolling()
{
    Device &ann = addDevice(QStringLiteral("Ann"), false);
    SyncOptions options = fastOptions();
    options.fallbackAfter = std::chrono::milliseconds(100);
    options.pollInterval = std::chrono::milliseconds(100);
    ann.sync = std::make_unique<SyncService>(*ann.replica, ann.status, ann.hostUrl, SyncCredentials{ann.token, {}, {}}, options);
    ann.sync->start();
    QTRY_VERIFY(ann.state() == State::Connected && caughtUp(ann));
    const MutationResult rice = ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Rice") },
        { QStringLiteral("quantity"), 3 } });
    QVERIFY(rice.ok);
    QTRY_VERIFY(caughtUp(ann));

    // Her socket cannot get through any more (a proxy that drops upgrades); she goes on editing.
    proxyOf(0).setBlockingUpgrades(true);
    proxyOf(0).dropAll();
    QTRY_COMPARE(ann.state(), State::Reconnecting);
    const MutationResult bread = ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Bread") } });
    QVERIFY(bread.ok);
    QVERIFY(ann.data->pantry.update(rice.entityId, { { QStringLiteral("quantity"), 7 } }).ok);
    const QList<OutboxEntry> pending = ann.replica->outbox();
    QCOMPARE(pending.size(), 2);

    // Someone else edits at the host; Ann's poll brings a newer snapshot. Her edits stay on screen.
    QSignalSpy polled(ann.sync.get(), &SyncService::polled);
    QVERIFY(m_host->engine()
                .submitAs(Mutation { {}, Collection::Pantry, MutationOp::Create, {}, -1,
                              { { QStringLiteral("name"), QStringLiteral("Oat milk") } } },
                    m_host->ownerId())
                .ok);
    QTRY_VERIFY_WITH_TIMEOUT(ann.pantryNames().contains(QStringLiteral("Oat milk")), 10000);
    QVERIFY(!polled.isEmpty());
    QCOMPARE(ann.replica->lastSeq(), m_host->engine().headSeq());
    QCOMPARE(ann.pantryNames(),
        (QStringList { QStringLiteral("Bread"), QStringLiteral("Oat milk"), QStringLiteral("Rice") }));
    QCOMPARE(ann.pantryValue(rice.entityId, PantryModel::QuantityRole).toDouble(), 7.0);
    QCOMPARE(ann.replica->outboxSize(), 2);

    // The socket is back: both edits are sent and land once.
    proxyOf(0).setBlockingUpgrades(false);
    QTRY_VERIFY_WITH_TIMEOUT(ann.state() == State::Connected && caughtUp(ann), 10000);
    QCOMPARE(hostPantryNames(m_host->engine()), ann.pantryNames());
    QCOMPARE(m_host->engine().entity(Collection::Pantry, rice.entityId)->value(QLatin1String("quantity")).toDouble(), 7.0);
    QCOMPARE(ann.pantryValue(rice.entityId, PantryModel::QuantityRole).toDouble(), 7.0);
    for (const OutboxEntry &entry : pending)
        QCOMPARE(countRows(m_host->store(), QStringLiteral("events"),
                     QStringLiteral("mutation_id = '%1'").arg(entry.mutationId)),
            qint64(1));
}

void tst_SyncService::concurrentStepsAllCount()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    const MutationResult rice = ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Rice") },
        { QStringLiteral("quantity"), 3 } });
    const MutationResult bike = ann.data->goals.create({ { QStringLiteral("name"), QStringLiteral("Bike") },
        { QStringLiteral("target_cents"), 50000 }, { QStringLiteral("saved_cents"), 1000 },
        { QStringLiteral("target_date"), QStringLiteral("2026-12-01") } });
    QVERIFY(rice.ok && bike.ok);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben) && ben.pantryRows() == 1 && ben.data->goals.rowCount() == 1);

    // Both are offline, and both press + on the rice and put money toward the bike.
    for (int i = 0; i < 2; ++i) {
        proxyOf(i).setAccepting(false);
        proxyOf(i).dropAll();
    }
    QTRY_VERIFY(ann.state() == State::Reconnecting && ben.state() == State::Reconnecting);
    for (Device *device : { &ann, &ben }) {
        QVERIFY(device->data->pantry.apply(device->data->pantry.adjustQuantityMutation(rice.entityId, 1)).ok);
        QCOMPARE(device->pantryValue(rice.entityId, PantryModel::QuantityRole).toDouble(), 4.0); // at once, here
    }
    QVERIFY(ann.data->goals.apply(ann.data->goals.contributionMutation(bike.entityId, 500)).ok);
    QVERIFY(ben.data->goals.apply(ben.data->goals.contributionMutation(bike.entityId, 700)).ok);

    // Back online: every press and every contribution counts, on every device.
    for (int i = 0; i < 2; ++i)
        proxyOf(i).setAccepting(true);
    QTRY_VERIFY(ann.state() == State::Connected && ben.state() == State::Connected && caughtUp(ann) && caughtUp(ben));
    QCOMPARE(m_host->engine().entity(Collection::Pantry, rice.entityId)->value(QLatin1String("quantity")).toDouble(), 5.0);
    QCOMPARE(
        m_host->engine().entity(Collection::Goals, bike.entityId)->value(QLatin1String("saved_cents")).toInteger(), qint64(2200));
    for (Device *device : { &ann, &ben }) {
        QCOMPARE(device->pantryValue(rice.entityId, PantryModel::QuantityRole).toDouble(), 5.0);
        QCOMPARE(device->data->goals.find(bike.entityId)->savedCents, qint64(2200));
    }
}

void tst_SyncService::stepAlreadyInASnapshotCountsOnce()
{
    // The host applies Ann's + but its answer is lost; her socket stays blocked, and her poll
    // brings a snapshot that has the + in it while the step is still in her outbox.
    Device &ann = addDevice(QStringLiteral("Ann"), false);
    SyncOptions options = fastOptions();
    options.fallbackAfter = std::chrono::milliseconds(100);
    options.pollInterval = std::chrono::milliseconds(100);
    ann.sync = std::make_unique<SyncService>(*ann.replica, ann.status, ann.hostUrl, SyncCredentials{ann.token, {}, {}}, options);
    QSignalSpy polled(ann.sync.get(), &SyncService::polled);
    ann.sync->start();
    QTRY_VERIFY(ann.state() == State::Connected && caughtUp(ann));
    const MutationResult rice = ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Rice") },
        { QStringLiteral("quantity"), 3 } });
    QVERIFY(rice.ok);
    QTRY_VERIFY(caughtUp(ann));
    const auto hostQuantity = [&] {
        return m_host->engine().entity(Collection::Pantry, rice.entityId)->value(QLatin1String("quantity")).toDouble();
    };

    proxyOf(0).setForwardingToClients(false);
    QVERIFY(ann.data->pantry.apply(ann.data->pantry.adjustQuantityMutation(rice.entityId, 1)).ok);
    QTRY_COMPARE(hostQuantity(), 4.0);
    proxyOf(0).setBlockingUpgrades(true);
    proxyOf(0).dropAll();
    proxyOf(0).setForwardingToClients(true);
    QTRY_VERIFY_WITH_TIMEOUT(!polled.isEmpty() && ann.replica->lastSeq() == m_host->engine().headSeq(), 10000);
    QCOMPARE(ann.replica->outboxSize(), 1);

    // The socket is back: the retry is answered with its first result (a seq the snapshot
    // covered), and the rice shows what the host has — the + counted once.
    proxyOf(0).setBlockingUpgrades(false);
    QTRY_VERIFY_WITH_TIMEOUT(ann.state() == State::Connected && caughtUp(ann), 10000);
    QCOMPARE(hostQuantity(), 4.0);
    QCOMPARE(ann.pantryValue(rice.entityId, PantryModel::QuantityRole).toDouble(), 4.0);
    QCOMPARE(ann.replica->entity(Collection::Pantry, rice.entityId)->value(QLatin1String("quantity")).toDouble(), 4.0);
}

namespace {

SyncOptions watchdogOptions()
{
    SyncOptions options = fastOptions();
    options.probeTimeout = std::chrono::milliseconds(300);
    return options;
}

} // namespace

void tst_SyncService::silentHostIsNoticed()
{
    // A host that stops talking without closing anything (frozen, or its Wi-Fi gone without a FIN).
    ScriptedHost scripted;
    const QString householdId = QStringLiteral("house-w");
    Device dev(QDir(m_dir->path()).filePath(QStringLiteral("watchdog.db")), householdId, QStringLiteral("me"),
        QStringLiteral("token-x"), scripted.url(), watchdogOptions());
    dev.sync->start();
    QTRY_COMPARE(scripted.all(QStringLiteral("auth")).size(), 1);
    constexpr qint64 interval = 300;
    scripted.welcome(householdId, interval);
    QTRY_COMPARE(dev.state(), State::Connected);
    QCOMPARE(dev.sync->pingInterval(), std::chrono::milliseconds(interval));
    QElapsedTimer sinceLastWord;
    sinceLastWord.start();

    // Silence: first the device asks (its own ping, with an id to match the answer), then, still
    // hearing nothing, it leaves Connected and opens a new socket.
    QTRY_COMPARE(scripted.all(QStringLiteral("ping")).size(), 1);
    QVERIFY(!scripted.all(QStringLiteral("ping")).first().value(QLatin1String("id")).toString().isEmpty());
    QTRY_COMPARE(dev.state(), State::Reconnecting);
    QVERIFY2(sinceLastWord.elapsed() < 2 * interval + 150, qPrintable(QString::number(sinceLastWord.elapsed())));
    QTRY_COMPARE(scripted.connections, 2);
    QTRY_COMPARE(scripted.all(QStringLiteral("auth")).size(), 2);
    scripted.welcome(householdId, interval);
    QTRY_COMPARE(dev.state(), State::Connected);
    QCOMPARE(dev.stateHistory(),
        (QList<State> { State::Connecting, State::Connected, State::Reconnecting, State::Connected }));
}

void tst_SyncService::frozenHostIsNoticedAndNothingIsLost()
{
    // The real host, pinging every 300 ms; the proxy holds back everything it says, as a frozen
    // host would (what Ann sends still gets there).
    HostOptions options = quietHostOptions();
    options.pingInterval = std::chrono::milliseconds(300);
    m_host = std::make_unique<TestHost>(options);
    QVERIFY2(m_host->isValid(), qPrintable(m_host->error()));
    Device &ann = addDevice(QStringLiteral("Ann"));
    QTRY_VERIFY(ann.state() == State::Connected && caughtUp(ann));
    QCOMPARE(ann.sync->pingInterval(), std::chrono::milliseconds(300));

    proxyOf(0).setForwardingToClients(false);
    QElapsedTimer frozen;
    frozen.start();
    const MutationResult tea = ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Tea") } });
    QVERIFY(tea.ok);
    QTRY_VERIFY_WITH_TIMEOUT(ann.state() != State::Connected, 600);
    QVERIFY2(frozen.elapsed() <= 600, qPrintable(QString::number(frozen.elapsed())));
    QCOMPARE(ann.state(), State::Reconnecting);
    const MutationResult jam = ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Jam") } });
    QVERIFY(jam.ok);

    // The host speaks again: Ann is back by herself, and each edit landed once.
    proxyOf(0).setForwardingToClients(true);
    QTRY_VERIFY(ann.state() == State::Connected && caughtUp(ann));
    QCOMPARE(ann.pantryNames(), (QStringList { QStringLiteral("Jam"), QStringLiteral("Tea") }));
    QCOMPARE(hostPantryNames(m_host->engine()), ann.pantryNames());
    QCOMPARE(countRows(m_host->store(), QStringLiteral("pantry_items"), QStringLiteral("name = 'Tea'")), qint64(1));
}

void tst_SyncService::answeringHostStaysLive()
{
    // A quiet household whose host answers: the device's own pings keep it live, however long.
    ScriptedHost scripted;
    const QString householdId = QStringLiteral("house-a");
    Device dev(QDir(m_dir->path()).filePath(QStringLiteral("answered.db")), householdId, QStringLiteral("me"),
        QStringLiteral("token-x"), scripted.url(), watchdogOptions());
    dev.sync->start();
    QTRY_COMPARE(scripted.all(QStringLiteral("auth")).size(), 1);
    QObject::connect(scripted.socket, &QWebSocket::textMessageReceived, scripted.socket, [&scripted](const QString &text) {
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        if (message.value(QLatin1String("event")).toString() == QLatin1String("ping"))
            scripted.send({ { QStringLiteral("event"), QStringLiteral("ack") },
                { QStringLiteral("data"),
                    QJsonObject { { QStringLiteral("received"), QStringLiteral("ping") },
                        { QStringLiteral("id"), message.value(QLatin1String("id")) } } } });
    });
    scripted.welcome(householdId, 200);
    QTRY_COMPARE(dev.state(), State::Connected);
    QTRY_VERIFY(scripted.all(QStringLiteral("ping")).size() >= 4); // a second's worth of asking
    QCOMPARE(dev.state(), State::Connected);
    QCOMPARE(scripted.connections, 1);
    QCOMPARE(dev.stateHistory(), (QList<State> { State::Connecting, State::Connected }));
}

void tst_SyncService::reconnectNowProbesAConnectedSocket()
{
    // "Reconnect now" (the app came to the front, the network came back) on a socket that still
    // says Connected: it is asked, and replaced when the host does not answer.
    ScriptedHost scripted;
    const QString householdId = QStringLiteral("house-r");
    Device dev(QDir(m_dir->path()).filePath(QStringLiteral("probe.db")), householdId, QStringLiteral("me"),
        QStringLiteral("token-x"), scripted.url(), watchdogOptions());
    dev.sync->start();
    QTRY_COMPARE(scripted.all(QStringLiteral("auth")).size(), 1);
    scripted.welcome(householdId); // no interval said: 30 s, so only the probe can notice
    QTRY_COMPARE(dev.state(), State::Connected);

    dev.sync->reconnectNow();
    QTRY_COMPARE(scripted.all(QStringLiteral("ping")).size(), 1);
    QTRY_COMPARE(dev.state(), State::Reconnecting);
    QTRY_COMPARE(scripted.connections, 2);
}

void tst_SyncService::wakingFromSleepProbes()
{
    ScriptedHost scripted;
    const QString householdId = QStringLiteral("house-s");
    SyncOptions options = watchdogOptions();
    qint64 slept = 0;
    options.sleepCheckInterval = std::chrono::milliseconds(50);
    options.wallClock = [&slept] { return QDateTime::currentMSecsSinceEpoch() + slept; };
    Device dev(QDir(m_dir->path()).filePath(QStringLiteral("sleep.db")), householdId, QStringLiteral("me"),
        QStringLiteral("token-x"), scripted.url(), options);
    dev.sync->start();
    QTRY_COMPARE(scripted.all(QStringLiteral("auth")).size(), 1);
    scripted.welcome(householdId);
    QTRY_COMPARE(dev.state(), State::Connected);
    // Awake, nothing is asked, over several sleep checks.
    QVERIFY(!QTest::qWaitFor([&scripted] { return !scripted.all(QStringLiteral("ping")).isEmpty(); }, 300));

    // The machine slept an hour: the wall clock moved, the monotonic one did not.
    slept = 3600 * 1000;
    QTRY_COMPARE(scripted.all(QStringLiteral("ping")).size(), 1);
    QTRY_COMPARE(dev.state(), State::Reconnecting);
    QTRY_COMPARE(scripted.connections, 2);
}

// 300 ms ± 100 ms each way on both devices' links, every edit sent at once: all of them arrive,
// once each, and both devices end with the host's pantry.
void tst_SyncService::editsOverASlowJitteryLink()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    for (int i = 0; i < 2; ++i)
        proxyOf(i).setLatency(std::chrono::milliseconds(300), std::chrono::milliseconds(100));
    QTRY_VERIFY_WITH_TIMEOUT(caughtUp(ann) && caughtUp(ben), 20000);
    const MutationResult rice = ann.data->pantry.create({{QStringLiteral("name"), QStringLiteral("Rice")}, {QStringLiteral("quantity"), 0}});
    QVERIFY(rice.ok);
    QTRY_VERIFY_WITH_TIMEOUT(caughtUp(ann) && caughtUp(ben) && ben.pantryRows() == 1, 20000);

    TwoWriters writers{ann, ben, rice.entityId, 15};
    while (!writers.next()) {
    }
    QTRY_VERIFY_WITH_TIMEOUT(caughtUp(ann) && caughtUp(ben) && sameEverywhere(), 60000);
    checkEveryEditOnce(writers);
    QCOMPARE(ann.rejected->size() + ben.rejected->size(), 0);
}

// A link that goes down (connections reset, none accepted) for 0.7 s every 1.5 s while both
// devices edit, with 50 ms ± 30 ms of latency: every edit arrives once, and the stores agree.
void tst_SyncService::editsOverAFlappingLink()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    const MutationResult rice = ann.data->pantry.create({{QStringLiteral("name"), QStringLiteral("Rice")}, {QStringLiteral("quantity"), 0}});
    QVERIFY(rice.ok);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben) && ben.pantryRows() == 1);
    for (int i = 0; i < 2; ++i) {
        proxyOf(i).setLatency(std::chrono::milliseconds(50), std::chrono::milliseconds(30));
        proxyOf(i).setFlapping(std::chrono::milliseconds(1500), std::chrono::milliseconds(700));
    }

    TwoWriters writers{ann, ben, rice.entityId, 30};
    QTimer editing;
    editing.setInterval(std::chrono::milliseconds(80));
    connect(&editing, &QTimer::timeout, &editing, [&] {
        if (writers.next())
            editing.stop();
    });
    editing.start();
    QTRY_VERIFY_WITH_TIMEOUT(!editing.isActive() && proxyOf(0).flaps() >= 2 && proxyOf(1).flaps() >= 2, 30000);
    for (int i = 0; i < 2; ++i)
        proxyOf(i).setFlapping(std::chrono::milliseconds(0), std::chrono::milliseconds(0));
    QTRY_VERIFY_WITH_TIMEOUT(caughtUp(ann) && caughtUp(ben) && sameEverywhere(), 60000);
    checkEveryEditOnce(writers);
    QCOMPARE(ann.rejected->size() + ben.rejected->size(), 0);
}

void tst_SyncService::offlineEditsGoAsBatches()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));

    // Ann is offline and makes 250 edits.
    proxyOf(0).setAccepting(false);
    proxyOf(0).dropAll();
    QTRY_COMPARE(ann.state(), State::Reconnecting);
    for (int i = 0; i < 250; ++i)
        QVERIFY(ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Item %1").arg(i) } }).ok);
    QCOMPARE(ann.replica->outboxSize(), 250);
    QStringList queued;
    for (const OutboxEntry &entry : ann.replica->outbox())
        queued << entry.mutationId;
    const qsizetype sentBefore = proxyOf(0).textFromClients().size();

    // Back online: they go as three batches (100, 100, 50), oldest first, no mutate at all.
    proxyOf(0).setAccepting(true);
    QTRY_COMPARE_WITH_TIMEOUT(ann.replica->outboxSize(), 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(caughtUp(ann) && caughtUp(ben), 20000);
    const QList<QJsonObject> batches = sentMessages(proxyOf(0), QStringLiteral("batch"), sentBefore);
    QCOMPARE(batches.size(), 3);
    QCOMPARE(sentMessages(proxyOf(0), QStringLiteral("mutate"), sentBefore).size(), 0);
    QCOMPARE(batchIds(batches.at(0)).size(), 100);
    QCOMPARE(batchIds(batches.at(1)).size(), 100);
    QCOMPARE(batchIds(batches.at(2)).size(), 50);
    QCOMPARE(batchIds(batches.at(0)) + batchIds(batches.at(1)) + batchIds(batches.at(2)), queued);

    // Acknowledged once each: nothing refused, nothing left, every edit on the host and on Ben's screen once.
    QCOMPARE(ann.rejected->count(), 0);
    QCOMPARE(ben.pantryRows(), 250);
    QCOMPARE(ann.pantryRows(), 250);
    QCOMPARE(countRows(m_host->store(), QStringLiteral("pantry_items")), qint64(250));
    QCOMPARE(countRows(m_host->store(), QStringLiteral("events"), QStringLiteral("collection = 'pantry'")), qint64(250));
}

void tst_SyncService::batchResentAfterDropAppliedOnce()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));

    // 250 edits in one go (a long pasted list) leave as batches; the host applies the first one
    // (at least), but none of its answers reaches Ann: the connection drops first.
    proxyOf(0).setForwardingToClients(false);
    const qsizetype sentBefore = proxyOf(0).textFromClients().size();
    for (int i = 0; i < 250; ++i)
        QVERIFY(ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Item %1").arg(i) } }).ok);
    QTRY_VERIFY_WITH_TIMEOUT(countRows(m_host->store(), QStringLiteral("pantry_items")) >= 100, 20000);
    QCOMPARE(ann.replica->outboxSize(), 250);
    proxyOf(0).dropAll();
    proxyOf(0).setForwardingToClients(true);

    // She sends what is still waiting again, batched; the host answers the ids it has with their first results.
    QTRY_COMPARE_WITH_TIMEOUT(ann.replica->outboxSize(), 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(caughtUp(ann) && caughtUp(ben), 20000);
    // The resend went out on the new socket right after its welcome (the replay that follows may
    // settle the outbox before the proxy has passed it on); one more edit after it is answered
    // only once the host has answered the resent batches.
    QTRY_VERIFY(sentMessages(proxyOf(0), QStringLiteral("batch"), sentBefore).size() > 3); // the first ones, then again
    QVERIFY(ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("After") } }).ok);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    QCOMPARE(ann.rejected->count(), 0);
    QCOMPARE(countRows(m_host->store(), QStringLiteral("pantry_items")), qint64(251));
    QCOMPARE(countRows(m_host->store(), QStringLiteral("events"), QStringLiteral("collection = 'pantry'")), qint64(251));
    QCOMPARE(ann.pantryRows(), 251);
    QCOMPARE(ben.pantryRows(), 251);
    QCOMPARE(ann.pantryNames(), ben.pantryNames());
}

void tst_SyncService::editsOfOneTurnGoTogether()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    const qsizetype sentBefore = proxyOf(0).textFromClients().size();

    // One edit alone goes as a mutate.
    QVERIFY(ann.data->pantry.create({ { QStringLiteral("name"), QStringLiteral("Alone") } }).ok);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    QCOMPARE(sentMessages(proxyOf(0), QStringLiteral("mutate"), sentBefore).size(), 1);
    QCOMPARE(sentMessages(proxyOf(0), QStringLiteral("batch"), sentBefore).size(), 0);

    // Three made in the same turn of the event loop (a pasted list) go as one batch.
    for (const char *name : { "Flour", "Sugar", "Eggs" })
        QVERIFY(ann.data->pantry.create({ { QStringLiteral("name"), QString::fromLatin1(name) } }).ok);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    QCOMPARE(sentMessages(proxyOf(0), QStringLiteral("mutate"), sentBefore).size(), 1);
    const QList<QJsonObject> batches = sentMessages(proxyOf(0), QStringLiteral("batch"), sentBefore);
    QCOMPARE(batches.size(), 1);
    QCOMPARE(batchIds(batches.first()).size(), 3);
    QCOMPARE(ben.pantryNames(),
        (QStringList { QStringLiteral("Alone"), QStringLiteral("Eggs"), QStringLiteral("Flour"), QStringLiteral("Sugar") }));
}

// A host whose disk is full answers `storage_full` (it kept nothing): the change stays on this
// screen and in the outbox, goes again after the pause, and is applied once the host can save.
void tst_SyncService::changeTheHostCouldNotSaveIsSentAgain()
{
    ScriptedHost scripted;
    const QString householdId = QStringLiteral("house-full");
    SyncOptions options = fastOptions();
    options.storageRetry = std::chrono::milliseconds(50);
    Device dev(QDir(m_dir->path()).filePath(QStringLiteral("full.db")), householdId, QStringLiteral("me"), QStringLiteral("token-x"),
               scripted.url(), options);
    QVERIFY(dev.isValid());
    dev.sync->start();
    QTRY_COMPARE(scripted.all(QStringLiteral("auth")).size(), 1);
    scripted.welcome(householdId);
    scripted.send(changeEvent(QStringLiteral("household_updated"), 1, QStringLiteral("created"), householdId,
                              {{QStringLiteral("name"), QStringLiteral("Scripted")}}));
    QTRY_COMPARE(dev.replica->lastSeq(), qint64(1));
    QCOMPARE(dev.state(), State::Connected);

    const MutationResult milk = dev.data->pantry.create({{QStringLiteral("name"), QStringLiteral("Milk")}});
    QVERIFY(milk.ok);
    QTRY_COMPARE(scripted.all(QStringLiteral("mutate")).size(), 1);
    const QJsonValue id = scripted.all(QStringLiteral("mutate")).first().value(QLatin1String("id"));
    scripted.send({{QStringLiteral("event"), QStringLiteral("ack")},
                   {QStringLiteral("data"),
                    QJsonObject{{QStringLiteral("received"), QStringLiteral("mutate")}, {QStringLiteral("id"), id},
                                {QStringLiteral("ok"), false},
                                {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), QStringLiteral("storage_full")},
                                                                      {QStringLiteral("message"), QStringLiteral("The household's disk is full.")}}}}}});
    // Sent again, the same change (same id), while it stays shown and queued.
    QTRY_COMPARE(scripted.all(QStringLiteral("mutate")).size(), 2);
    QCOMPARE(scripted.all(QStringLiteral("mutate")).at(1).value(QLatin1String("id")), id);
    QCOMPARE(dev.replica->outboxSize(), 1);
    QCOMPARE(dev.pantryRows(), 1);
    QCOMPARE(dev.rejected->size(), 0);
}

void tst_SyncService::hostSheddingLoadIsHonoured()
{
    // A host that takes one join at once and then two a second: of four devices starting
    // together, those that come before the next join is due are turned away with 4503 and a retry
    // hint (500, 1,000, 1,500 ms). Their own backoff would have them back after 10 ms; each waits
    // as long as it was told instead, then gets in.
    HostOptions options = quietHostOptions();
    options.joinsPerSecond = 2;
    options.joinBurst = 1;
    m_host = std::make_unique<TestHost>(options);
    QVERIFY2(m_host->isValid(), qPrintable(m_host->error()));
    QElapsedTimer clock;
    clock.start();
    QList<QList<qint64>> attempts(4); // per device: when its proxy saw each connection
    for (int i = 0; i < 4; ++i) {
        Device &device = addDevice(QStringLiteral("Member %1").arg(i), false);
        QVERIFY(device.isValid());
        connect(&proxyOf(i), &TestProxy::connectionAccepted, this, [&attempts, &clock, i] { attempts[i].append(clock.elapsed()); });
    }
    for (const auto &device : m_devices)
        device->sync->start();
    for (const auto &device : m_devices)
        QTRY_VERIFY_WITH_TIMEOUT(device->state() == State::Connected && caughtUp(*device), 10000);

    int turnedAway = 0;
    for (const QList<qint64> &times : std::as_const(attempts)) {
        QVERIFY(!times.isEmpty());
        if (times.size() < 2)
            continue;
        ++turnedAway;
        // 500 ms is the shortest hint given; every retry after a shed join waited at least that.
        for (qsizetype k = 1; k < times.size(); ++k)
            QVERIFY2(times.at(k) - times.at(k - 1) >= 500, qPrintable(QStringLiteral("came back after %1 ms").arg(times.at(k) - times.at(k - 1))));
    }
    // Three unless the machine was so slow that a device came after the next join was due.
    QVERIFY(turnedAway >= 1);
}

QTEST_GUILESS_MAIN(tst_SyncService)
#include "tst_syncservice.moc"
