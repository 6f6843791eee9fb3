// Two members edit the same items while apart, over a real loopback host: each device (its own
// SQLite store, ReplicaEngine, models and SyncService behind its own TestProxy) goes offline,
// edits, and comes back, in both orders. The host merges the later one by each field's rule; both
// stores and models end equal to the host; the later device's ack carries `merged`, and a field
// it lost stays open in its ConflictLog (ConflictRole on the model) until dismissed.

#include "AuthoritativeEngine.h"
#include "ConflictLog.h"
#include "ConnectionStatus.h"
#include "HouseholdData.h"
#include "ReplicaEngine.h"
#include "SyncService.h"
#include "SyncTestSupport.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;
using namespace hearth::test;
using State = ConnectionStatus::State;

namespace {

SyncOptions fastOptions()
{
    SyncOptions options;
    options.backoff = {std::chrono::milliseconds(10), std::chrono::milliseconds(20), std::chrono::milliseconds(50)};
    options.random = [] { return 1.0; };
    return options;
}

// One member's device, reaching the host through its own proxy so the test can take it offline.
struct Device
{
    Device(const QString &path, const QString &householdId, const QString &memberId, const QString &token, quint16 hostPort)
        : proxy(hostPort)
    {
        proxy.listen();
        store = Store::open(path, &error);
        if (!store)
            return;
        ReplicaEngine::saveLink(*store, householdId, {proxy.url().toString(), memberId, token, 0});
        replica = std::make_unique<ReplicaEngine>(*store, clock, householdId, memberId);
        data = std::make_unique<HouseholdData>(*replica, clock);
        tester = std::make_unique<QAbstractItemModelTester>(&data->cards, QAbstractItemModelTester::FailureReportingMode::QtTest);
        data->load();
        sync = std::make_unique<SyncService>(*replica, status, proxy.url(), SyncCredentials{token, {}, {}}, fastOptions());
        merged = std::make_unique<QSignalSpy>(replica.get(), &HouseholdEngine::merged);
        sync->start();
    }

    void goOffline()
    {
        proxy.setAccepting(false);
        proxy.dropAll();
    }
    void comeBack() { proxy.setAccepting(true); }

    TestProxy proxy;
    QString error;
    FakeClock clock;
    std::unique_ptr<Store> store;
    std::unique_ptr<ReplicaEngine> replica;
    std::unique_ptr<HouseholdData> data;
    std::unique_ptr<QAbstractItemModelTester> tester;
    ConnectionStatus status;
    std::unique_ptr<SyncService> sync;
    std::unique_ptr<QSignalSpy> merged;
};

QJsonObject mergedEntry(const QSignalSpy &spy, const QString &field)
{
    for (const QList<QVariant> &args : spy) {
        for (const QJsonValue &entry : args.at(2).toJsonArray()) {
            if (entry.toObject().value(QLatin1String("field")).toString() == field)
                return entry.toObject();
        }
    }
    return {};
}

} // namespace

class tst_ConcurrentEdits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void serverWinsForTheCardTitle_data();
    void serverWinsForTheCardTitle();
    void queuedEditsCarryTheRevTheHostConfirmed();
    void planningMergesByTheRules_data();
    void planningMergesByTheRules();

private:
    Device &addDevice(const QString &name);
    bool caughtUp(const Device &device) const
    {
        return device.replica->outboxSize() == 0 && device.replica->lastSeq() == m_host->engine().headSeq();
    }
    // Both devices apart; `edit` runs on each; then `first` comes back and catches up, then the other.
    void editApart(const std::function<void(Device &)> &annEdit, const std::function<void(Device &)> &benEdit, bool annFirst);
    QString addCard(const QString &title);

    std::unique_ptr<TestHost> m_host;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<Device>> m_devices;
};

void tst_ConcurrentEdits::init()
{
    m_host = std::make_unique<TestHost>();
    QVERIFY2(m_host->isValid(), qPrintable(m_host->error()));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_ConcurrentEdits::cleanup()
{
    m_devices.clear();
    m_host.reset();
    m_dir.reset();
}

Device &tst_ConcurrentEdits::addDevice(const QString &name)
{
    QString memberId;
    const QString token = m_host->token(name, &memberId);
    const QString path = QDir(m_dir->path()).filePath(QStringLiteral("device-%1.db").arg(m_devices.size()));
    m_devices.push_back(std::make_unique<Device>(path, m_host->householdId(), memberId, token, m_host->port()));
    return *m_devices.back();
}

QString tst_ConcurrentEdits::addCard(const QString &title)
{
    const QJsonArray columns = m_host->engine().snapshot(Collection::BoardColumns);
    QString first;
    double lowest = 1e9;
    for (const QJsonValue &c : columns) {
        if (c.toObject().value(QLatin1String("position")).toDouble() < lowest) {
            lowest = c.toObject().value(QLatin1String("position")).toDouble();
            first = c.toObject().value(QLatin1String("id")).toString();
        }
    }
    const MutationResult r = m_host->engine().submit(
        {{}, Collection::BoardCards, MutationOp::Create, {}, -1, {{QStringLiteral("title"), title}, {QStringLiteral("column_id"), first}}});
    return r.ok ? r.entityId : QString();
}

void tst_ConcurrentEdits::editApart(const std::function<void(Device &)> &annEdit, const std::function<void(Device &)> &benEdit,
                                    bool annFirst)
{
    Device &ann = *m_devices.at(0);
    Device &ben = *m_devices.at(1);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    ann.goOffline();
    ben.goOffline();
    QTRY_VERIFY(ann.status.state() == State::Reconnecting && ben.status.state() == State::Reconnecting);
    annEdit(ann);
    benEdit(ben);
    Device &first = annFirst ? ann : ben;
    Device &second = annFirst ? ben : ann;
    first.comeBack();
    QTRY_VERIFY(caughtUp(first));
    second.comeBack();
    QTRY_VERIFY(caughtUp(second) && caughtUp(first));
}

void tst_ConcurrentEdits::serverWinsForTheCardTitle_data()
{
    QTest::addColumn<bool>("annFirst");
    QTest::newRow("Ann first") << true;
    QTest::newRow("Ben first") << false;
}

void tst_ConcurrentEdits::serverWinsForTheCardTitle()
{
    QFETCH(bool, annFirst);
    const QString card = addCard(QStringLiteral("Milk"));
    QVERIFY(!card.isEmpty());
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    editApart([&](Device &d) { QVERIFY(d.data->cards.update(card, {{QStringLiteral("title"), QStringLiteral("Oat milk")}}).ok); },
              [&](Device &d) {
                  QVERIFY(d.data->cards.update(card, {{QStringLiteral("title"), QStringLiteral("Soy milk")},
                                                      {QStringLiteral("note"), QStringLiteral("the blue one")}}).ok);
              },
              annFirst);
    Device &winner = annFirst ? ann : ben;
    Device &loser = annFirst ? ben : ann;
    const QString kept = annFirst ? QStringLiteral("Oat milk") : QStringLiteral("Soy milk");
    const QJsonObject host = *m_host->engine().entity(Collection::BoardCards, card);
    QCOMPARE(host.value(QLatin1String("title")).toString(), kept);
    QCOMPARE(host.value(QLatin1String("note")).toString(), QStringLiteral("the blue one")); // only Ben changed it
    for (Device *device : {&ann, &ben}) {
        QCOMPARE(device->replica->entity(Collection::BoardCards, card), std::optional<QJsonObject>(host));
        QCOMPARE(device->data->cards.find(card)->title, kept);
    }
    QCOMPARE(winner.merged->count(), 0);
    QCOMPARE(loser.merged->count(), 1);
    const QJsonObject title = mergedEntry(*loser.merged, QStringLiteral("title"));
    QCOMPARE(title.value(QLatin1String("outcome")).toString(), QStringLiteral("theirs"));
    QCOMPARE(title.value(QLatin1String("theirs")).toString(), kept);
    const QModelIndex index = loser.data->cards.index(loser.data->cards.rowOf(card), 0);
    QCOMPARE(index.data(CollectionModel::ConflictRole).toList().size(), 1);
    QVERIFY(winner.data->cards.index(winner.data->cards.rowOf(card), 0).data(CollectionModel::ConflictRole).toList().isEmpty());

    // Keep mine sends the loser's title again, on the card as it is now: it applies everywhere.
    QVERIFY(loser.data->cards.keepMine(card).ok);
    QVERIFY(index.data(CollectionModel::ConflictRole).toList().isEmpty());
    QTRY_VERIFY(caughtUp(loser) && caughtUp(winner));
    const QString mine = annFirst ? QStringLiteral("Soy milk") : QStringLiteral("Oat milk");
    QCOMPARE(m_host->engine().entity(Collection::BoardCards, card)->value(QLatin1String("title")).toString(), mine);
    QCOMPARE(winner.data->cards.find(card)->title, mine);
    QCOMPARE(loser.merged->count(), 1); // not stale: nothing merged
}

void tst_ConcurrentEdits::planningMergesByTheRules_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<bool>("annFirst");
    for (const char *subject : {"task", "ingredient", "card"}) {
        QTest::addRow("%s, Ann first", subject) << QString::fromLatin1(subject) << true;
        QTest::addRow("%s, Ben first", subject) << QString::fromLatin1(subject) << false;
    }
}

// The party's edits made apart and brought back in either order end by the rule, the same on
// both devices and the host: a task's status by done > in_progress > todo > blocked, an
// ingredient's quantity by the higher, a purchase as bought when either says so, at the higher quantity.
void tst_ConcurrentEdits::planningMergesByTheRules()
{
    QFETCH(QString, subject);
    QFETCH(bool, annFirst);
    AuthoritativeEngine &host = m_host->engine();
    const auto created = [&](Collection collection, const QJsonObject &fields) {
        const MutationResult r = host.submit({{}, collection, MutationOp::Create, {}, -1, fields});
        return r.ok ? r.entityId : QString();
    };
    const QString bbq = created(Collection::EventPlans, {{QStringLiteral("name"), QStringLiteral("BBQ")}, {QStringLiteral("date"), QStringLiteral("2026-12-12")}});
    QVERIFY(!bbq.isEmpty());
    Collection collection = Collection::EventTasks;
    QString id;
    QJsonObject annFields;
    QJsonObject benFields;
    QJsonObject expected;
    if (subject == QLatin1String("task")) {
        id = created(Collection::EventTasks, {{QStringLiteral("event_id"), bbq}, {QStringLiteral("title"), QStringLiteral("Light the grill")}});
        annFields = {{QStringLiteral("status"), QStringLiteral("in_progress")}};
        benFields = {{QStringLiteral("status"), QStringLiteral("done")}};
        expected = {{QStringLiteral("status"), QStringLiteral("done")}};
    } else if (subject == QLatin1String("ingredient")) {
        const QString dish = created(Collection::EventDishes, {{QStringLiteral("event_id"), bbq}, {QStringLiteral("name"), QStringLiteral("Salad")}});
        collection = Collection::EventIngredients;
        id = created(Collection::EventIngredients, {{QStringLiteral("dish_id"), dish}, {QStringLiteral("product"), QStringLiteral("Tomatoes")},
                                                    {QStringLiteral("quantity"), 1}, {QStringLiteral("unit"), QStringLiteral("kg")}});
        annFields = {{QStringLiteral("quantity"), 3}};
        benFields = {{QStringLiteral("quantity"), 2}};
        expected = {{QStringLiteral("quantity"), 3}};
    } else {
        collection = Collection::BoardCards;
        id = addCard(QStringLiteral("Charcoal"));
        annFields = {{QStringLiteral("done"), true}, {QStringLiteral("purchased_quantity"), 1}};
        benFields = {{QStringLiteral("done"), true}, {QStringLiteral("purchased_quantity"), 2}};
        expected = {{QStringLiteral("done"), true}, {QStringLiteral("purchased_quantity"), 2}};
    }
    QVERIFY(!id.isEmpty());
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    const auto edit = [&](const QJsonObject &fields) {
        return [&, fields](Device &d) {
            const MutationResult r = d.data->model<CollectionModel>(collection).update(id, fields);
            QVERIFY2(r.ok, qPrintable(r.error.message));
        };
    };
    QTRY_VERIFY(ann.data->model<CollectionModel>(collection).rowOf(id) >= 0 && ben.data->model<CollectionModel>(collection).rowOf(id) >= 0);
    editApart(edit(annFields), edit(benFields), annFirst);

    const QJsonObject kept = *host.entity(collection, id);
    for (auto it = expected.begin(); it != expected.end(); ++it)
        QVERIFY2(kept.value(it.key()) == it.value(), qPrintable(QStringLiteral("%1: %2").arg(it.key(), QString::fromUtf8(QJsonDocument(kept).toJson()))));
    for (Device *device : {&ann, &ben})
        QCOMPARE(device->replica->entity(collection, id), std::optional<QJsonObject>(kept));
    // The one that came back second had its edit merged, and says so.
    Device &second = annFirst ? ben : ann;
    QVERIFY(second.merged->count() >= 1);
}

void tst_ConcurrentEdits::queuedEditsCarryTheRevTheHostConfirmed()
{
    // Ann queues two edits of one card offline; Ben renames it meanwhile. Both of Ann's carry the
    // rev the host last confirmed to her (1), not the one her copy predicted for the second (2):
    // so Ben's title stays against both, while her own first edit never counts against her second.
    const QString card = addCard(QStringLiteral("Bread"));
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    editApart(
        [&](Device &d) {
            QVERIFY(d.data->cards.update(card, {{QStringLiteral("title"), QStringLiteral("Rye bread")}}).ok);
            QVERIFY(d.data->cards.update(card, {{QStringLiteral("note"), QStringLiteral("sliced")}}).ok);
            QVERIFY(d.data->cards.update(card, {{QStringLiteral("title"), QStringLiteral("Rye loaf")},
                                                {QStringLiteral("note"), QStringLiteral("unsliced")}}).ok);
            QCOMPARE(d.replica->outboxSize(), 3);
        },
        [&](Device &d) { QVERIFY(d.data->cards.update(card, {{QStringLiteral("title"), QStringLiteral("Brown bread")}}).ok); },
        false);
    const QJsonObject host = *m_host->engine().entity(Collection::BoardCards, card);
    QCOMPARE(host.value(QLatin1String("title")).toString(), QStringLiteral("Brown bread"));
    QCOMPARE(host.value(QLatin1String("note")).toString(), QStringLiteral("unsliced")); // her own "sliced" was no one else's
    QCOMPARE(ann.merged->count(), 2); // the two title edits; the note edit merged nothing
    QCOMPARE(mergedEntry(*ann.merged, QStringLiteral("note")), QJsonObject());
    for (Device *device : {&ann, &ben})
        QCOMPARE(device->replica->entity(Collection::BoardCards, card), std::optional<QJsonObject>(host));
    const QVariantList open = ann.data->cards.conflictsOf(card);
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first().toMap().value(QStringLiteral("mine")).toString(), QStringLiteral("Rye loaf"));
    ann.data->cards.keepTheirs(card);
    QVERIFY(ann.data->cards.conflictsOf(card).isEmpty());
}

QTEST_GUILESS_MAIN(tst_ConcurrentEdits)
#include "tst_concurrentedits.moc"
