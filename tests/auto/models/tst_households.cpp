// The household itself: LocalHousehold's first and second start, the demo data, HouseholdModel
// and MembersModel under QAbstractItemModelTester, and HouseholdData wiring them together.

#include "DemoData.h"
#include "HouseholdData.h"
#include "HouseholdModel.h"
#include "LocalHousehold.h"
#include "ModelTestHelpers.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

class tst_Households : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void firstStartCreatesHousehold();
    void firstStartDefaults();
    void secondStartReopensSameHousehold();
    void missingHouseholdIsReported();
    void demoData_data();
    void demoData();
    void demoDataGoesThroughTheEngine();

    void householdModel();
    void membersModel();
    void householdDataWiresModels();

private:
    FakeClock m_clock{QDateTime(QDate(2026, 3, 15), QTime(10, 0))};
};

void tst_Households::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
}

void tst_Households::firstStartCreatesHousehold()
{
    QTemporaryDir dir;
    QString error;
    auto store = Store::open(dir.filePath(QStringLiteral("hearth.db")), &error);
    QVERIFY2(store, qPrintable(error));
    LocalHousehold::Options options;
    options.currency = QStringLiteral("EUR");
    options.ownerName = QStringLiteral("Alex");
    bool created = false;
    auto engine = LocalHousehold::openOrCreate(*store, m_clock, options, &created, &error);
    QVERIFY2(engine, qPrintable(error));
    QVERIFY(created);

    HouseholdData data(*engine, m_clock);
    QAbstractItemModelTester householdTester(&data.household, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester membersTester(&data.members, QAbstractItemModelTester::FailureReportingMode::QtTest);
    data.load();

    QCOMPARE(data.household.rowCount(), 1);
    const Household h = data.household.household();
    QCOMPARE(h.id, engine->householdId());
    QCOMPARE(h.name, QStringLiteral("My household"));
    QCOMPARE(h.budgetLimitCents, qint64(60000));
    QCOMPARE(h.currency, QStringLiteral("EUR"));
    QCOMPARE(data.currency(), QStringLiteral("EUR"));

    QCOMPARE(data.members.rowCount(), 1);
    const Member owner = data.members.at(0);
    QCOMPARE(owner.id, engine->actingMemberId());
    QCOMPARE(owner.name, QStringLiteral("Alex"));
    QCOMPARE(owner.role, QStringLiteral("adult"));

    QStringList columns;
    for (const BoardColumn &c : data.columns.ordered())
        columns << c.name;
    QCOMPARE(columns, (QStringList{QStringLiteral("To buy"), QStringLiteral("In cart"), QStringLiteral("Done")}));
    QCOMPARE(data.cards.rowCount(), 0);
    QCOMPARE(data.pantry.rowCount(), 0);
    QCOMPARE(data.budget.rowCount(), 0);
    QCOMPARE(data.goals.rowCount(), 0);

    // Everything was logged: household, owner, three columns.
    QCOMPARE(engine->headSeq(), qint64(5));
    QCOMPARE(countRows(*store, QStringLiteral("events")), qint64(5));
    QCOMPARE(store->metaValue(QStringLiteral("local_household_id")), engine->householdId());
    QCOMPARE(store->metaValue(QStringLiteral("local_member_id")), engine->actingMemberId());
}

void tst_Households::firstStartDefaults()
{
    QTemporaryDir dir;
    QString error;
    auto store = Store::open(dir.filePath(QStringLiteral("hearth.db")), &error);
    QVERIFY2(store, qPrintable(error));
    auto engine = LocalHousehold::openOrCreate(*store, m_clock, {}, nullptr, &error);
    QVERIFY2(engine, qPrintable(error));
    const auto owner = engine->entity(Collection::Members, engine->actingMemberId());
    QVERIFY(owner);
    QCOMPARE(owner->value(QLatin1String("name")).toString(), QStringLiteral("Me"));
    const QString currency = engine->entity(Collection::Household, engine->householdId())->value(QLatin1String("currency")).toString();
    QCOMPARE(currency, LocalHousehold::defaultCurrency());
    QCOMPARE(currency.size(), 3);
}

void tst_Households::secondStartReopensSameHousehold()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hearth.db"));
    QString householdId;
    QString memberId;
    qint64 head = 0;
    {
        QString error;
        auto store = Store::open(path, &error);
        QVERIFY2(store, qPrintable(error));
        auto engine = LocalHousehold::openOrCreate(*store, m_clock, {}, nullptr, &error);
        QVERIFY2(engine, qPrintable(error));
        QVERIFY(engine->submit(Mutation{{}, Collection::Pantry, MutationOp::Create, {}, -1,
                                        {{QStringLiteral("name"), QStringLiteral("Rice")}}}).ok);
        householdId = engine->householdId();
        memberId = engine->actingMemberId();
        head = engine->headSeq();
    }

    QString error;
    auto store = Store::open(path, &error);
    QVERIFY2(store, qPrintable(error));
    bool created = true;
    LocalHousehold::Options options;
    options.fillDemo = true; // only for a new household: must not be applied on a second start
    auto engine = LocalHousehold::openOrCreate(*store, m_clock, options, &created, &error);
    QVERIFY2(engine, qPrintable(error));
    QVERIFY(!created);
    QCOMPARE(engine->householdId(), householdId);
    QCOMPARE(engine->actingMemberId(), memberId);
    QCOMPARE(engine->headSeq(), head);
    QCOMPARE(countRows(*store, QStringLiteral("households")), qint64(1));
    QCOMPARE(countRows(*store, QStringLiteral("members")), qint64(1));
    QCOMPARE(countRows(*store, QStringLiteral("board_columns")), qint64(3));
    QCOMPARE(countRows(*store, QStringLiteral("pantry_items")), qint64(1));
}

void tst_Households::missingHouseholdIsReported()
{
    QTemporaryDir dir;
    QString error;
    auto store = Store::open(dir.filePath(QStringLiteral("hearth.db")), &error);
    QVERIFY2(store, qPrintable(error));
    QVERIFY(store->setMetaValue(QStringLiteral("local_household_id"), QStringLiteral("vanished")));
    bool created = true;
    auto engine = LocalHousehold::openOrCreate(*store, m_clock, {}, &created, &error);
    QVERIFY(!engine);
    QVERIFY(!created);
    QVERIFY2(!error.isEmpty(), "a reason is given");
    QCOMPARE(countRows(*store, QStringLiteral("households")), qint64(0)); // nothing made up instead
}

void tst_Households::demoData_data()
{
    QTest::addColumn<QDate>("today");
    QTest::newRow("mid March") << QDate(2026, 3, 15);
    QTest::newRow("early January (last month is last year)") << QDate(2026, 1, 3);
    QTest::newRow("first of the month") << QDate(2026, 5, 1);
    QTest::newRow("leap day") << QDate(2028, 2, 29);
}

void tst_Households::demoData()
{
    QFETCH(QDate, today);
    TempHousehold home(true, today);
    QVERIFY2(home.isValid(), qPrintable(home.error()));
    HouseholdData data(home.engine(), home.clock);
    QAbstractItemModelTester pantryTester(&data.pantry, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester budgetTester(&data.budget, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester goalsTester(&data.goals, QAbstractItemModelTester::FailureReportingMode::QtTest);
    data.load();

    // Dozens of pantry items, some expiring within three days (and at least one still fresh).
    QVERIFY2(data.pantry.rowCount() >= 24, qPrintable(QString::number(data.pantry.rowCount())));
    int soon = 0;
    int fresh = 0;
    for (const PantryItem &item : data.pantry.records()) {
        if (data.pantry.expiryState(item) == PantryModel::ExpiryState::Soon)
            ++soon;
        if (data.pantry.expiryState(item) == PantryModel::ExpiryState::Fresh)
            ++fresh;
    }
    QVERIFY(soon >= 2);
    QVERIFY(fresh >= 10);
    QVERIFY(!data.pantry.expiringSoon().isEmpty());
    QVERIFY(data.pantry.categories().size() >= 5);

    // Transactions in this month and the last one, and nowhere else (not in the future).
    const QDate lastMonth = today.addMonths(-1);
    const BudgetSummary thisMonth = data.budget.summary(today.year(), today.month(), 60000);
    const BudgetSummary previous = data.budget.summary(lastMonth.year(), lastMonth.month(), 60000);
    QVERIFY(thisMonth.spentCents > 0);
    QVERIFY(previous.spentCents > 0);
    QVERIFY(previous.categories.size() >= 4);
    for (const BudgetTransaction &t : data.budget.records()) {
        const bool inRange = (t.occurredOn.year() == today.year() && t.occurredOn.month() == today.month())
            || (t.occurredOn.year() == lastMonth.year() && t.occurredOn.month() == lastMonth.month());
        QVERIFY2(inRange, qPrintable(t.occurredOn.toString(Qt::ISODate)));
        QVERIFY2(t.occurredOn <= today, qPrintable(t.occurredOn.toString(Qt::ISODate)));
        QVERIFY(t.amountCents != 0);
        QVERIFY(!t.description.isEmpty());
        QVERIFY(data.members.rowOf(t.memberId) >= 0 || t.memberId.isEmpty());
    }

    // Three goals; members; a shopping board with cards in its columns.
    QCOMPARE(data.goals.rowCount(), 3);
    for (const Goal &g : data.goals.records()) {
        QVERIFY(g.targetCents > 0);
        QVERIFY(g.savedCents >= 0);
        QVERIFY(g.targetDate > today);
    }
    QCOMPARE(data.members.rowCount(), 3);
    // The family of the README's pictures (a real new household stays "My household").
    QCOMPARE(data.household.household().name, QStringLiteral("The Rivera household"));
    QCOMPARE(data.household.household().name, DemoData::demoHouseholdName());
    QVERIFY(data.cards.rowCount() >= 5);
    for (const BoardCard &c : data.cards.records())
        QVERIFY(data.columns.rowOf(c.columnId) >= 0);
    for (const BoardColumn &column : data.columns.records())
        QVERIFY2(!data.cards.cardsIn(column.id).isEmpty(), qPrintable(column.name));
}

void tst_Households::demoDataGoesThroughTheEngine()
{
    TempHousehold home(true);
    QVERIFY2(home.isValid(), qPrintable(home.error()));
    qint64 entities = 0;
    for (const char *table : {"pantry_items", "transactions", "goals", "board_cards", "members"})
        entities += countRows(home.store(), QString::fromLatin1(table));
    // Every entity has at least its "created" event; seq has no gap.
    QVERIFY(home.engine().headSeq() >= entities);
    QCOMPARE(countRows(home.store(), QStringLiteral("events")), home.engine().headSeq());
    QCOMPARE(countRows(home.store(), QStringLiteral("events"), QStringLiteral("action = 'created' AND collection = 'pantry'")),
             countRows(home.store(), QStringLiteral("pantry_items")));

    // The same demo again, on a fresh household, gives the same amounts (deterministic).
    TempHousehold again(true);
    QVERIFY2(again.isValid(), qPrintable(again.error()));
    const auto total = [](TempHousehold &h) {
        return queryValue(h.store(), QStringLiteral("SELECT sum(amount_cents) FROM transactions")).toLongLong();
    };
    QCOMPARE(total(again), total(home));
}

void tst_Households::householdModel()
{
    TempHousehold home;
    QVERIFY2(home.isValid(), qPrintable(home.error()));
    HouseholdModel model(home.engine());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reload();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), 1);

    const QList<QByteArray> names = model.roleNames().values();
    for (const char *name : {"display", "id", "name", "currency", "budgetLimitCents"})
        QVERIFY2(names.contains(QByteArray(name)), name);
    const QModelIndex i = model.index(0, 0);
    QCOMPARE(i.data(HouseholdModel::IdRole).toString(), home.engine().householdId());
    QCOMPARE(i.data(HouseholdModel::NameRole).toString(), QStringLiteral("My household"));
    QCOMPARE(i.data().toString(), QStringLiteral("My household"));
    QCOMPARE(i.data(HouseholdModel::CurrencyRole).toString(), QStringLiteral("EUR"));
    QCOMPARE(i.data(HouseholdModel::BudgetLimitRole).toLongLong(), qint64(60000));

    ModelSignals signals_(&model);
    QVERIFY(model.apply(model.renameMutation(QStringLiteral("The Smiths"))).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 1));
    QCOMPARE(model.household().name, QStringLiteral("The Smiths"));
    QVERIFY(model.apply(model.budgetLimitMutation(75000)).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 2));
    QCOMPARE(model.household().budgetLimitCents, qint64(75000));
    QCOMPARE(model.household().rev, qint64(3));

    signals_.clear();
    const MutationResult blank = model.apply(model.renameMutation(QStringLiteral("  ")));
    QVERIFY(!blank.ok);
    QCOMPARE(blank.error.field, QStringLiteral("name"));
    QVERIFY(!model.apply(model.budgetLimitMutation(-1)).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 0));
    QCOMPARE(model.household().name, QStringLiteral("The Smiths"));

    // What was saved is what a new model loads.
    QVERIFY(home.reopen());
    HouseholdModel reloaded(home.engine());
    reloaded.reload();
    QCOMPARE(reloaded.household().name, QStringLiteral("The Smiths"));
    QCOMPARE(reloaded.household().budgetLimitCents, qint64(75000));
}

void tst_Households::membersModel()
{
    TempHousehold home;
    QVERIFY2(home.isValid(), qPrintable(home.error()));
    MembersModel model(home.engine());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reload();
    QCOMPARE(model.rowCount(), 1);

    const QList<QByteArray> names = model.roleNames().values();
    for (const char *name : {"display", "id", "name", "role", "color"})
        QVERIFY2(names.contains(QByteArray(name)), name);

    ModelSignals signals_(&model);
    const MutationResult mia = model.apply(model.addMutation(QStringLiteral("Mia"), QStringLiteral("child")));
    QVERIFY(mia.ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(1, 0, 0));
    QCOMPARE(model.nameOf(mia.entityId), QStringLiteral("Mia"));
    const QModelIndex i = model.index(model.rowOf(mia.entityId), 0);
    QCOMPARE(i.data(MembersModel::RoleRole).toString(), QStringLiteral("child"));
    QCOMPARE(i.data(MembersModel::IdRole).toString(), mia.entityId);
    QVERIFY(i.data(MembersModel::ColorRole).toString().startsWith(QLatin1Char('#')));
    QCOMPARE(i.data().toString(), QStringLiteral("Mia"));

    signals_.clear();
    QVERIFY(model.update(mia.entityId, {{QStringLiteral("role"), QStringLiteral("adult")}}).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 1));
    QCOMPARE(model.find(mia.entityId)->role, QStringLiteral("adult"));

    signals_.clear();
    const MutationResult teen = model.apply(model.addMutation(QStringLiteral("Kim"), QStringLiteral("teen")));
    QVERIFY(!teen.ok);
    QCOMPARE(teen.error.field, QStringLiteral("role"));
    QVERIFY(!model.apply(model.addMutation(QString(), QStringLiteral("adult"))).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 0));

    const MutationResult kim = model.apply(model.addMutation(QStringLiteral("Kim"), QStringLiteral("adult"), QStringLiteral("#10b981")));
    QVERIFY(kim.ok);
    QCOMPARE(model.find(kim.entityId)->color, QStringLiteral("#10b981"));
    QVERIFY(model.remove(kim.entityId).ok);
    signals_.clear();

    QVERIFY(model.remove(mia.entityId).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 1, 0));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.nameOf(mia.entityId), QString());
    QCOMPARE(model.nameOf(home.engine().actingMemberId()), QStringLiteral("Alex"));
}

void tst_Households::householdDataWiresModels()
{
    TempHousehold home;
    QVERIFY2(home.isValid(), qPrintable(home.error()));
    HouseholdData data(home.engine(), home.clock);
    data.load();
    QCOMPARE(data.modelFor(Collection::Household), &data.household);
    QCOMPARE(data.modelFor(Collection::Members), &data.members);
    QCOMPARE(data.modelFor(Collection::Pantry), &data.pantry);
    QCOMPARE(data.modelFor(Collection::Transactions), &data.budget);
    QCOMPARE(data.modelFor(Collection::Goals), &data.goals);
    QCOMPARE(data.modelFor(Collection::BoardColumns), &data.columns);
    QCOMPARE(data.modelFor(Collection::BoardCards), &data.cards);
    for (CollectionModel *m : {data.modelFor(Collection::Household), data.modelFor(Collection::Pantry)})
        QCOMPARE(&m->engine(), &home.engine());

    // The household's currency reaches the budget and goals.
    BudgetTransaction t;
    t.occurredOn = QDate(2026, 3, 1);
    t.description = QStringLiteral("Shop");
    t.amountCents = 1234;
    QVERIFY(data.budget.apply(data.budget.addMutation(t)).ok);
    QCOMPARE(data.budget.currency(), QStringLiteral("EUR"));
    QSignalSpy budgetChanged(&data.budget, &QAbstractItemModel::dataChanged);
    QVERIFY(data.household.apply(data.household.currencyMutation(QStringLiteral("USD"))).ok);
    QCOMPARE(data.currency(), QStringLiteral("USD"));
    QCOMPARE(data.budget.currency(), QStringLiteral("USD"));
    QCOMPARE(budgetChanged.count(), 1);
    QVERIFY(data.budget.index(0, BudgetModel::Amount).data().toString().contains(QLatin1Char('$')));

    // One submit through any model reaches exactly the model of its collection.
    QSignalSpy pantryInserted(&data.pantry, &QAbstractItemModel::rowsInserted);
    QSignalSpy goalsInserted(&data.goals, &QAbstractItemModel::rowsInserted);
    QVERIFY(data.budget.apply(Mutation{{}, Collection::Pantry, MutationOp::Create, {}, -1,
                                        {{QStringLiteral("name"), QStringLiteral("Tea")}}}).ok);
    QCOMPARE(pantryInserted.count(), 1);
    QCOMPARE(goalsInserted.count(), 0);
    QCOMPARE(data.budget.rowCount(), 1);
}

QTEST_GUILESS_MAIN(tst_Households)
#include "tst_households.moc"
