// A joined device whose disk fills up: its edits and the host's events are kept in memory, in
// order, and written once space is freed — nothing is lost, skipped or sent twice. The device's
// store is a real SQLite file; "full" is SQLite's own SQLITE_FULL, made by capping the file at the
// pages it has (PRAGMA max_page_count) and filling what is left; raising the cap frees space. The
// host is in process (TestHost, over a loopback socket), the pantry model runs under
// QAbstractItemModelTester.

#include "AuthoritativeEngine.h"
#include "ConnectionStatus.h"
#include "HouseholdData.h"
#include "ReplicaEngine.h"
#include "SyncService.h"
#include "SyncTestSupport.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

// A pantry item longer than a page (three texts of 1,400 bytes): its row always needs new pages.
QJsonObject bulky(const QString &name)
{
    const QString filler(460, QChar(0x20AC)); // €, three bytes each
    return {{QStringLiteral("name"), name}, {QStringLiteral("category"), filler}, {QStringLiteral("location"), filler},
            {QStringLiteral("unit"), filler}};
}

Mutation creation(const QJsonObject &fields, const QString &mutationId = {})
{
    return Mutation{mutationId, Collection::Pantry, MutationOp::Create, {}, -1, fields};
}

// One member's device, as the app builds it from its store file.
struct Device
{
    Device(const QString &path, const TestHost &host, const QString &memberId, const QString &token)
    {
        store = Store::open(path, &error);
        if (!store)
            return;
        if (!ReplicaEngine::loadLink(*store, host.householdId()))
            ReplicaEngine::saveLink(*store, host.householdId(), {host.baseUrl().toString(), memberId, token, 0});
        replica = std::make_unique<ReplicaEngine>(*store, clock, host.householdId(), memberId);
        replica->setStorageRetryInterval(std::chrono::milliseconds(20));
        data = std::make_unique<HouseholdData>(*replica, clock);
        tester = std::make_unique<QAbstractItemModelTester>(&data->pantry, QAbstractItemModelTester::FailureReportingMode::QtTest);
        data->load();
        SyncOptions options;
        options.backoff = {std::chrono::milliseconds(10)};
        options.random = [] { return 1.0; };
        sync = std::make_unique<SyncService>(*replica, status, host.baseUrl(), SyncCredentials{token, {}, {}}, options);
        sync->start();
    }

    ~Device()
    {
        sync.reset();
        tester.reset();
        data.reset();
        replica.reset();
    }

    // No page left: the file may not grow, and what room its pages had is taken.
    bool fillDisk()
    {
        QSqlQuery query(store->database());
        if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS ballast (bytes BLOB)"))
            || !query.exec(QStringLiteral("PRAGMA page_count")) || !query.next())
            return false;
        const qint64 pages = query.value(0).toLongLong();
        query.finish();
        if (!query.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)))
            return false;
        for (const int size : {4000, 400, 40, 4})
            while (query.exec(QStringLiteral("INSERT INTO ballast VALUES (randomblob(%1))").arg(size))) {
            }
        return store->outOfSpace();
    }

    void freeSpace()
    {
        QSqlQuery query(store->database());
        query.exec(QStringLiteral("PRAGMA max_page_count = 1073741823"));
    }

    MutationResult addItem(const QJsonObject &fields, const QString &mutationId = {})
    {
        return data->pantry.apply(creation(fields, mutationId));
    }
    MutationResult addItem(const QString &name, const QString &mutationId = {})
    {
        return addItem(QJsonObject{{QStringLiteral("name"), name}}, mutationId);
    }

    bool shows(const QString &name) const
    {
        for (int row = 0; row < data->pantry.rowCount(); ++row)
            if (data->pantry.index(row, 0).data(PantryModel::NameRole).toString() == name)
                return true;
        return false;
    }

    // The seq kept on disk, what a restart resumes from.
    qint64 writtenSeq() const { return ReplicaEngine::loadLink(*store, replica->householdId())->lastSeq; }

    QString error;
    FakeClock clock;
    std::unique_ptr<Store> store;
    std::unique_ptr<ReplicaEngine> replica;
    std::unique_ptr<HouseholdData> data;
    std::unique_ptr<QAbstractItemModelTester> tester;
    ConnectionStatus status;
    std::unique_ptr<SyncService> sync;
};

// The host's events of these mutation ids, in the host's order (seq).
QStringList hostOrder(AuthoritativeEngine &host, const QStringList &mutationIds)
{
    bool complete = false;
    QStringList order;
    for (const Change &change : host.eventsSince(0, &complete))
        if (mutationIds.contains(change.mutationId))
            order << change.mutationId;
    return order;
}

} // namespace

class tst_ReplicaDiskFull : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void storeKnowsItIsFull();
    void editsKeptInOrderAndSentOnce();
    void hostEventsAreNotSkipped();
    void heldHostEventsComeAgainAfterARestart();
    void heldEditNoLongerValidIsReported();

private:
    Device &addDevice(const QString &name);

    std::unique_ptr<TestHost> m_host;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<Device>> m_devices;
    QString m_memberId;
    QString m_token;
};

void tst_ReplicaDiskFull::init()
{
    m_host = std::make_unique<TestHost>();
    QVERIFY2(m_host->isValid(), qPrintable(m_host->error()));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_token.clear();
}

void tst_ReplicaDiskFull::cleanup()
{
    m_devices.clear();
    m_host.reset();
}

Device &tst_ReplicaDiskFull::addDevice(const QString &name)
{
    if (m_token.isEmpty())
        m_token = m_host->token(name, &m_memberId);
    m_devices.push_back(std::make_unique<Device>(QDir(m_dir->path()).filePath(QStringLiteral("device.db")), *m_host, m_memberId, m_token));
    return *m_devices.back();
}

// Store::outOfSpace() tells SQLite's SQLITE_FULL, and a nested transaction does not join one SQLite
// dropped on its own (the statements after it would commit one by one).
void tst_ReplicaDiskFull::storeKnowsItIsFull()
{
    QString error;
    auto store = Store::open(QDir(m_dir->path()).filePath(QStringLiteral("alone.db")), &error);
    QVERIFY2(store, qPrintable(error));
    QSqlQuery query(store->database());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE ballast (bytes BLOB)")));
    QVERIFY(query.exec(QStringLiteral("PRAGMA page_count")) && query.next());
    const qint64 pages = query.value(0).toLongLong();
    query.finish();
    QVERIFY(query.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));
    StoreTransaction outer(*store);
    QVERIFY(outer.isActive());
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO ballast VALUES (randomblob(20000))")));
    QVERIFY(store->outOfSpace());
    QVERIFY(store->transactionLost());
    StoreTransaction inner(*store);
    QVERIFY(!inner.isActive());
    QVERIFY(!outer.commit());
}

void tst_ReplicaDiskFull::editsKeptInOrderAndSentOnce()
{
    Device &device = addDevice(QStringLiteral("Sam"));
    QVERIFY2(device.sync, qPrintable(device.error));
    QTRY_COMPARE(device.status.state(), ConnectionStatus::State::Connected);
    QVERIFY(device.addItem(QStringLiteral("Rice"), QStringLiteral("m0")).ok);
    QTRY_COMPARE(device.replica->outboxSize(), 0);
    const QString rice = m_host->engine().snapshot(Collection::Pantry).at(0).toObject().value(QLatin1String("id")).toString();

    QSignalSpy full(device.replica.get(), &ReplicaEngine::storageFullChanged);
    QSignalSpy held(device.replica.get(), &ReplicaEngine::heldEditsChanged);
    QVERIFY(device.fillDisk());
    const MutationResult first = device.addItem(bulky(QStringLiteral("Flour")), QStringLiteral("m1"));
    QVERIFY2(first.ok, qPrintable(first.error.message));
    QVERIFY(first.held);
    QCOMPARE(full.count(), 1);
    QVERIFY(device.replica->isStorageFull());
    // Small enough to fit, but after the first: it waits behind it.
    const MutationResult second = device.data->pantry.apply(
        Mutation{QStringLiteral("m2"), Collection::Pantry, MutationOp::Update, rice, -1, {{QStringLiteral("quantity"), 3}}});
    QVERIFY(second.ok && second.held);
    QVERIFY(device.addItem(QStringLiteral("Salt"), QStringLiteral("m3")).held);
    QCOMPARE(device.replica->heldEdits(), 3);
    QCOMPARE(held.last().at(0).toInt(), 3);
    QCOMPARE(device.replica->outboxSize(), 0);
    QVERIFY(!device.shows(QStringLiteral("Salt"))); // on screen once saved
    QVERIFY(!device.shows(QStringLiteral("Flour")));

    // Still full: another try keeps them all.
    device.replica->retryHeldWrites();
    QCOMPARE(device.replica->heldEdits(), 3);

    device.freeSpace();
    QTRY_COMPARE(device.replica->heldEdits(), 0);
    QVERIFY(!device.replica->isStorageFull());
    QCOMPARE(full.last().at(0).toBool(), false);
    QVERIFY(device.shows(QStringLiteral("Salt")));
    QVERIFY(device.shows(QStringLiteral("Flour")));
    QTRY_COMPARE(device.replica->outboxSize(), 0);
    QTRY_COMPARE(device.replica->lastSeq(), m_host->engine().headSeq());

    // On the host once each, in the order they were made.
    QCOMPARE(hostOrder(m_host->engine(), {QStringLiteral("m1"), QStringLiteral("m2"), QStringLiteral("m3")}),
             QStringList({QStringLiteral("m1"), QStringLiteral("m2"), QStringLiteral("m3")}));
    QCOMPARE(m_host->engine().snapshot(Collection::Pantry).size(), 3);
    QCOMPARE(m_host->engine().entity(Collection::Pantry, rice)->value(QLatin1String("quantity")).toDouble(), 3.0);
    QCOMPARE(device.writtenSeq(), m_host->engine().headSeq());
}

void tst_ReplicaDiskFull::hostEventsAreNotSkipped()
{
    Device &device = addDevice(QStringLiteral("Sam"));
    QVERIFY2(device.sync, qPrintable(device.error));
    QTRY_COMPARE(device.status.state(), ConnectionStatus::State::Connected);
    const qint64 before = device.replica->lastSeq();
    QVERIFY(device.fillDisk());

    // Another member adds two things the device cannot write, then one it could.
    for (const QJsonObject &fields : {bulky(QStringLiteral("Oats")), bulky(QStringLiteral("Tea")), QJsonObject{{QStringLiteral("name"), QStringLiteral("Jam")}}})
        QVERIFY(m_host->engine().submit(creation(fields)).ok);
    QTRY_COMPARE(device.replica->lastSeq(), m_host->engine().headSeq());
    QVERIFY(device.replica->isStorageFull());
    QCOMPARE(device.replica->heldEdits(), 0);
    QCOMPARE(device.writtenSeq(), before); // on disk, nothing moved past what was not written
    QVERIFY(!device.shows(QStringLiteral("Jam")));
    // The device's own edit goes behind them.
    QVERIFY(device.addItem(QStringLiteral("Milk"), QStringLiteral("mine")).held);

    device.freeSpace();
    QTRY_VERIFY(!device.replica->isStorageFull());
    QVERIFY(device.shows(QStringLiteral("Oats")));
    QVERIFY(device.shows(QStringLiteral("Tea")));
    QVERIFY(device.shows(QStringLiteral("Jam")));
    QVERIFY(device.shows(QStringLiteral("Milk")));
    QTRY_COMPARE(device.replica->outboxSize(), 0);
    QTRY_COMPARE(device.writtenSeq(), m_host->engine().headSeq());
    QCOMPARE(hostOrder(m_host->engine(), {QStringLiteral("mine")}).size(), 1);
    QCOMPARE(m_host->engine().snapshot(Collection::Pantry).size(), 4);
    QCOMPARE(device.data->pantry.rowCount(), 4);
}

// Quitting while the host's events are held in memory loses nothing: on disk the device is still
// at the last event it wrote, and the host sends the rest again.
void tst_ReplicaDiskFull::heldHostEventsComeAgainAfterARestart()
{
    Device &device = addDevice(QStringLiteral("Sam"));
    QVERIFY2(device.sync, qPrintable(device.error));
    QTRY_COMPARE(device.status.state(), ConnectionStatus::State::Connected);
    QVERIFY(device.fillDisk());
    QVERIFY(m_host->engine().submit(creation(bulky(QStringLiteral("Oats")))).ok);
    QTRY_VERIFY(device.replica->isStorageFull());

    m_devices.clear(); // the app quits; the disk is freed meanwhile (the cap lives with the connection)
    Device &again = addDevice(QStringLiteral("Sam"));
    QTRY_VERIFY(again.shows(QStringLiteral("Oats")));
    QTRY_COMPARE(again.writtenSeq(), m_host->engine().headSeq());
}

// A held edit is checked when it can at last be written: one that no longer applies (the host's
// event before it deleted its item) is dropped and said so, and nothing else is held up.
void tst_ReplicaDiskFull::heldEditNoLongerValidIsReported()
{
    Device &device = addDevice(QStringLiteral("Sam"));
    QVERIFY2(device.sync, qPrintable(device.error));
    QTRY_COMPARE(device.status.state(), ConnectionStatus::State::Connected);
    const MutationResult bread = m_host->engine().submit(creation({{QStringLiteral("name"), QStringLiteral("Bread")}}));
    QVERIFY(bread.ok);
    QTRY_VERIFY(device.shows(QStringLiteral("Bread")));
    QVERIFY(device.fillDisk());
    QVERIFY(m_host->engine().submit(creation(bulky(QStringLiteral("Oats")))).ok);
    QVERIFY(m_host->engine().submit(Mutation{{}, Collection::Pantry, MutationOp::Delete, bread.entityId, -1, {}}).ok);
    QTRY_COMPARE(device.replica->lastSeq(), m_host->engine().headSeq());
    QVERIFY(device.shows(QStringLiteral("Bread"))); // the deletion is not written yet
    QSignalSpy refused(device.replica.get(), &ReplicaEngine::heldEditRefused);
    QVERIFY(device.data->pantry.apply(
        Mutation{{}, Collection::Pantry, MutationOp::Update, bread.entityId, -1, {{QStringLiteral("quantity"), 2}}}).held);
    QVERIFY(device.addItem(QStringLiteral("Salt")).held);

    device.freeSpace();
    QTRY_VERIFY(!device.replica->isStorageFull());
    QCOMPARE(refused.count(), 1);
    QVERIFY(!refused.at(0).at(0).toString().isEmpty());
    QVERIFY(!device.shows(QStringLiteral("Bread")));
    QTRY_COMPARE(device.replica->outboxSize(), 0);
    QCOMPARE(m_host->engine().snapshot(Collection::Pantry).size(), 2); // Oats and Salt
}

QTEST_GUILESS_MAIN(tst_ReplicaDiskFull)
#include "tst_replicadiskfull.moc"
