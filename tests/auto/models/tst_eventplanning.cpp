// Event planning on the engine: the six collections' models under QAbstractItemModelTester and
// their builders, and a store from before event planning gaining its tables and columns.

#include "ModelTestHelpers.h"
#include "TestSupport.h"
#include "events/EventModels.h"

#include <QAbstractItemModelTester>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// The columns `table` has in the store.
QStringList columnsOf(Store &store, const QString &table)
{
    QSqlQuery info(store.database());
    QStringList names;
    if (info.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table))) {
        while (info.next())
            names << info.value(1).toString();
    }
    return names;
}

} // namespace

class tst_EventPlanning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void modelsUnderTester();
    void storeFromBeforeGainsEventPlanning();

private:
    AuthoritativeEngine &engine() { return m_home->engine(); }
    QString addMember(const QString &name, const QString &role);
    // An entity created as `member`; empty (and a warning) when refused.
    QString create(const QString &member, Collection collection, const QJsonObject &fields);
    QString createWith(const QString &member, const Mutation &mutation);
    QJsonObject stored(Collection collection, const QString &id) { return engine().entity(collection, id).value_or(QJsonObject()); }

    std::unique_ptr<TempHousehold> m_home;
    std::unique_ptr<HouseholdData> m_data;
    QString m_alex; // adult, the owner
    QString m_sam;  // adult
    QString m_mia;  // child
};

void tst_EventPlanning::init()
{
    m_home = std::make_unique<TempHousehold>();
    QVERIFY2(m_home->isValid(), qPrintable(m_home->error()));
    m_alex = engine().actingMemberId();
    m_sam = addMember(s("Sam"), s("adult"));
    m_mia = addMember(s("Mia"), s("child"));
    m_data = std::make_unique<HouseholdData>(engine(), m_home->clock);
}

void tst_EventPlanning::cleanup()
{
    m_data.reset();
    m_home.reset();
}

QString tst_EventPlanning::addMember(const QString &name, const QString &role)
{
    return engine().submit({{}, Collection::Members, MutationOp::Create, {}, -1, {{s("name"), name}, {s("role"), role}}}).entityId;
}

QString tst_EventPlanning::create(const QString &member, Collection collection, const QJsonObject &fields)
{
    return createWith(member, {{}, collection, MutationOp::Create, {}, -1, fields});
}

QString tst_EventPlanning::createWith(const QString &member, const Mutation &mutation)
{
    const MutationResult r = engine().submitAs(mutation, member);
    if (!r.ok)
        qWarning("create: %s", qPrintable(r.error.message));
    return r.entityId;
}

void tst_EventPlanning::modelsUnderTester()
{
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (Collection c : {Collection::EventPlans, Collection::EventRoles, Collection::EventTasks, Collection::EventDishes,
                         Collection::EventIngredients, Collection::EventPurchases})
        testers.push_back(std::make_unique<QAbstractItemModelTester>(m_data->modelFor(c), QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_data->load();
    auto &plans = m_data->model<EventPlansModel>(Collection::EventPlans);
    auto &roles = m_data->model<EventRolesModel>(Collection::EventRoles);
    auto &tasks = m_data->model<EventTasksModel>(Collection::EventTasks);
    auto &dishes = m_data->model<EventDishesModel>(Collection::EventDishes);
    auto &ingredients = m_data->model<EventIngredientsModel>(Collection::EventIngredients);
    auto &purchases = m_data->model<EventPurchasesModel>(Collection::EventPurchases);

    const QDate today = m_home->clock.today();
    EventPlan bbq;
    bbq.name = s("Mia's birthday BBQ");
    bbq.date = today.addDays(5);
    bbq.startTime = s("14:00");
    bbq.place = s("Garden");
    bbq.guestCount = 14;
    bbq.budgetCents = 15000;
    const QString bbqId = createWith(m_alex, plans.addMutation(bbq));
    QVERIFY(!bbqId.isEmpty());
    EventPlan past = bbq;
    past.name = s("Last year's picnic");
    past.date = today.addDays(-300);
    QVERIFY(!createWith(m_alex, plans.addMutation(past)).isEmpty());
    EventPlan soon = bbq;
    soon.name = s("Dinner");
    soon.date = today;
    QVERIFY(!createWith(m_alex, plans.addMutation(soon)).isEmpty());
    QCOMPARE(plans.rowCount(), 3);
    const QList<EventPlan> coming = plans.upcoming(today);
    QCOMPARE(coming.size(), 2);
    QCOMPARE(coming.first().name, s("Dinner"));
    QCOMPARE(coming.last().id, bbqId);
    QCOMPARE(coming.last().usePantry, true);
    QCOMPARE(plans.data(plans.index(plans.rowOf(bbqId), 0), EventPlansModel::BudgetRole).toLongLong(), 15000);

    EventPlan renamed = *plans.find(bbqId);
    renamed.place = s("The park");
    const Mutation edit = plans.editMutation(*plans.find(bbqId), renamed);
    QCOMPARE(edit.fields, (QJsonObject{{s("place"), s("The park")}}));
    QVERIFY(engine().submitAs(edit, m_alex).ok);
    QCOMPARE(plans.find(bbqId)->place, s("The park"));

    QVERIFY(!createWith(m_alex, roles.assignMutation(bbqId, m_alex, s("cook"))).isEmpty());
    QVERIFY(!createWith(m_alex, roles.assignMutation(bbqId, m_sam, s("logistics"))).isEmpty());
    QVERIFY(!createWith(m_alex, roles.assignMutation(bbqId, m_sam, s("host"))).isEmpty());
    QCOMPARE(roles.rolesOf(bbqId).size(), 3);
    QCOMPARE(roles.holders(bbqId, s("logistics")), QStringList{m_sam});
    QCOMPARE(roles.holders(bbqId, s("cook")), QStringList{m_alex});
    QVERIFY(roles.holders(bbqId, s("dj")).isEmpty());
    QCOMPARE(roles.roleNames().value(EventRolesModel::RoleNameRole), QByteArray("role"));

    EventTask chairs;
    chairs.eventId = bbqId;
    chairs.title = s("Borrow chairs");
    chairs.position = 2;
    const QString chairsId = createWith(m_alex, tasks.addMutation(chairs));
    EventTask invite;
    invite.eventId = bbqId;
    invite.title = s("Send invitations");
    invite.position = 1;
    invite.assigneeId = m_sam;
    const QString inviteId = createWith(m_alex, tasks.addMutation(invite));
    QVERIFY(!chairsId.isEmpty() && !inviteId.isEmpty());
    const QList<EventTask> ordered = tasks.tasksOf(bbqId);
    QCOMPARE(ordered.size(), 2);
    QCOMPARE(ordered.first().id, inviteId);
    QVERIFY(engine().submitAs(tasks.statusMutation(inviteId, s("in_progress")), m_sam).ok);
    QCOMPARE(tasks.find(inviteId)->status, s("in_progress"));
    QCOMPARE(tasks.roleNames().value(EventTasksModel::DependsOnRole), QByteArray("dependsOn"));

    EventDish burgers;
    burgers.eventId = bbqId;
    burgers.name = s("Burgers");
    burgers.servings = 12;
    burgers.recipeServings = 4;
    const QString burgersId = createWith(m_alex, dishes.addMutation(burgers));
    QVERIFY(!burgersId.isEmpty());
    QCOMPARE(dishes.dishesOf(bbqId).size(), 1);

    EventIngredient mince;
    mince.dishId = burgersId;
    mince.product = s("Minced beef");
    mince.quantity = 0.5;
    mince.unit = s("kg");
    const QString minceId = createWith(m_alex, ingredients.addMutation(mince));
    QVERIFY(!minceId.isEmpty());
    QCOMPARE(ingredients.ofDish(burgersId).size(), 1);
    const int row = ingredients.rowOf(minceId);
    QCOMPARE(ingredients.data(ingredients.index(row, 0), EventIngredientsModel::ScaledQuantityRole).toDouble(), 1.5);
    QCOMPARE(ingredients.find(minceId)->scaledQuantity(*dishes.find(burgersId)), 1.5);
    QVERIFY(engine().submitAs(ingredients.quantityMutation(minceId, 0.75), m_alex).ok);
    QCOMPARE(ingredients.find(minceId)->quantity, 0.75);
    // The dish's servings scale its ingredients: their rows say so.
    QSignalSpy scaled(&ingredients, &QAbstractItemModel::dataChanged);
    EventDish more = *dishes.find(burgersId);
    more.servings = 16;
    QVERIFY(engine().submitAs(dishes.editMutation(*dishes.find(burgersId), more), m_alex).ok);
    QVERIFY(!scaled.isEmpty());
    QCOMPARE(ingredients.data(ingredients.index(row, 0), EventIngredientsModel::ScaledQuantityRole).toDouble(), 3.0);

    QCOMPARE(purchases.rowCount(), 0);
    QCOMPARE(purchases.roleNames().value(EventPurchasesModel::TotalRole), QByteArray("totalCents"));
    for (Collection c : {Collection::EventPlans, Collection::EventRoles, Collection::EventTasks, Collection::EventDishes,
                         Collection::EventIngredients, Collection::EventPurchases})
        QCOMPARE(m_data->modelFor(c)->roleNames().value(Qt::UserRole + 1), QByteArray("id"));

    // Deleting rows keeps the testers happy too.
    QVERIFY(engine().submitAs(roles.removeMutation(roles.rolesOf(bbqId).first().id), m_alex).ok);
    QCOMPARE(roles.rolesOf(bbqId).size(), 2);
}

void tst_EventPlanning::storeFromBeforeGainsEventPlanning()
{
    // A store written before event planning: no event tables, cards and transactions without
    // their event columns. Opening it adds them, and keeps what it held.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("before.db"));
    {
        QString error;
        auto store = Store::open(path, &error);
        QVERIFY2(store, qPrintable(error));
    }
    {
        const QString name = QStringLiteral("tst_eventplanning-raw");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            const QStringList statements{
                QStringLiteral("DROP TABLE event_purchases"), QStringLiteral("DROP TABLE event_ingredients"),
                QStringLiteral("DROP TABLE event_dishes"), QStringLiteral("DROP TABLE event_tasks"),
                QStringLiteral("DROP TABLE event_roles"),
                QStringLiteral("DROP INDEX cards_event"), QStringLiteral("DROP INDEX transactions_event"),
                // The two tables as they were, without the event columns.
                QStringLiteral("CREATE TABLE cards_before AS SELECT id, household_id, column_id, title, quantity, category, note, "
                               "assignee_id, done, position, rev, updated_at, pantry_item_id, to_pantry, added_to_pantry, "
                               "pantry_amount, bought_by, bought_at FROM board_cards"),
                QStringLiteral("DROP TABLE board_cards"), QStringLiteral("ALTER TABLE cards_before RENAME TO board_cards"),
                QStringLiteral("CREATE TABLE transactions_before AS SELECT id, household_id, occurred_on, description, category, "
                               "amount_cents, member_id, rev, updated_at, import_key, receipt_id, row_key, hidden_from_member_id "
                               "FROM transactions"),
                QStringLiteral("DROP TABLE transactions"), QStringLiteral("ALTER TABLE transactions_before RENAME TO transactions"),
                QStringLiteral("DROP TABLE event_plans"),
                QStringLiteral("INSERT INTO households (id, household_id, name, currency, budget_limit_cents, rev, updated_at) "
                               "VALUES ('h1', 'h1', 'The Riveras', 'EUR', 0, 1, '2026-12-01T10:00:00Z')"),
                QStringLiteral("INSERT INTO transactions (id, household_id, occurred_on, description, category, amount_cents, rev, "
                               "updated_at, import_key, row_key) VALUES ('t1', 'h1', '2026-12-01', 'Bread', 'Food', 250, 1, "
                               "'2026-12-01T10:00:00Z', '', '')"),
                QStringLiteral("DELETE FROM collection_schema WHERE collection LIKE 'event\\_%' ESCAPE '\\'"),
                QStringLiteral("UPDATE collection_schema SET steps = 2 WHERE collection = 'board_cards'"),
                QStringLiteral("UPDATE collection_schema SET steps = 4 WHERE collection = 'transactions'"),
            };
            for (const QString &sql : statements) {
                QSqlQuery query(db);
                QVERIFY2(query.exec(sql), qPrintable(sql));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    QString error;
    auto store = Store::open(path, &error);
    QVERIFY2(store, qPrintable(error));
    for (const char *table : {"event_plans", "event_roles", "event_tasks", "event_dishes", "event_ingredients", "event_purchases"})
        QVERIFY2(!columnsOf(*store, QString::fromLatin1(table)).isEmpty(), table);
    const QStringList cards = columnsOf(*store, QStringLiteral("board_cards"));
    for (const char *column : {"event_id", "need_key", "need_quantity", "need_unit", "purchased_quantity"})
        QVERIFY2(cards.contains(QString::fromLatin1(column)), column);
    QVERIFY(columnsOf(*store, QStringLiteral("transactions")).contains(QStringLiteral("event_id")));
    QCOMPARE(queryValue(*store, QStringLiteral("SELECT description FROM transactions WHERE id = 't1'")).toString(), s("Bread"));
    QVERIFY(queryValue(*store, QStringLiteral("SELECT event_id FROM transactions WHERE id = 't1'")).isNull());
    QCOMPARE(queryValue(*store, QStringLiteral("SELECT steps FROM collection_schema WHERE collection = 'transactions'")).toLongLong(),
             qint64(collectionSpec(Collection::Transactions).migrations.size()));
    QCOMPARE(queryValue(*store, QStringLiteral("SELECT steps FROM collection_schema WHERE collection = 'board_cards'")).toLongLong(),
             qint64(collectionSpec(Collection::BoardCards).migrations.size()));
}

QTEST_GUILESS_MAIN(tst_EventPlanning)
#include "tst_eventplanning.moc"
