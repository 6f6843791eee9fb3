// Event planning on the engine: the six collections' models under QAbstractItemModelTester and
// their builders; a store from before event planning gaining its tables and columns; tasks that
// wait for tasks (blocked, enabled in the same unit, re-blocked, no cycles); dishes' ingredients
// becoming the event's shopping cards (scaled, merged, less the pantry, never undoing a
// purchase); a card bought making ingredients available; a bulk purchase; an event's spending
// and budget status following its transactions; the wire event names and data; who may do
// what; the notices for one member; and the demo's birthday BBQ.

#include "ModelTestHelpers.h"
#include "TestSupport.h"
#include "events/EventModels.h"
#include "events/EventPlanning.h"

#include <QAbstractItemModelTester>
#include <QSqlDatabase>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

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

    void tasksWaitForTheirDependencies();
    void dependenciesStayWithinTheEventAndNeverCycle();
    void deletedTaskIsWaitedForNoMore();
    void childrenChangeTheirOwnTasksOnly();

    void ingredientsBecomeTheEventsShoppingCards();
    void boughtCardsMakeIngredientsAvailable();
    void bulkPurchaseBuysCardsAndBooksTheSpending();

    void budgetStatusFollowsTheEventsTransactions_data();
    void budgetStatusFollowsTheEventsTransactions();
    void transactionsMoveTheEventsSpending();

    void noticesGoToTheirMembers();
    void demoHasABirthdayBbq();

private:
    AuthoritativeEngine &engine() { return m_home->engine(); }
    QString addMember(const QString &name, const QString &role);
    // An entity created as `member`; empty (and a warning) when refused.
    QString create(const QString &member, Collection collection, const QJsonObject &fields);
    QString createWith(const QString &member, const Mutation &mutation);
    QJsonObject stored(Collection collection, const QString &id) { return engine().entity(collection, id).value_or(QJsonObject()); }
    QString addEvent(qint64 budgetCents = 0);
    QString addTask(const QString &event, const char *title, const QStringList &dependsOn, const QString &assignee = {});
    MutationResult setStatus(const QString &member, const QString &task, const char *status);
    QString statusOf(const QString &task);
    // The event's shopping cards, by need; one of them.
    QList<QJsonObject> cardsOf(const QString &event);
    QJsonObject cardFor(const QString &event, const char *needKey);

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

// ---- tasks ----------------------------------------------------------------------------------

QString tst_EventPlanning::addEvent(qint64 budgetCents)
{
    return create(m_alex, Collection::EventPlans,
                  {{s("name"), s("Mia's birthday BBQ")}, {s("date"), s("2026-03-21")}, {s("budget_cents"), budgetCents}});
}

QString tst_EventPlanning::addTask(const QString &event, const char *title, const QStringList &dependsOn, const QString &assignee)
{
    return create(m_alex, Collection::EventTasks,
                  {{s("event_id"), event}, {s("title"), s(title)}, {s("depends_on"), QJsonArray::fromStringList(dependsOn)},
                   {s("assignee_id"), assignee.isEmpty() ? QJsonValue() : QJsonValue(assignee)}});
}

MutationResult tst_EventPlanning::setStatus(const QString &member, const QString &task, const char *status)
{
    return engine().submitAs({{}, Collection::EventTasks, MutationOp::Update, task, -1, {{s("status"), s(status)}}}, member);
}

QString tst_EventPlanning::statusOf(const QString &task)
{
    return stored(Collection::EventTasks, task).value(QLatin1String("status")).toString();
}

void tst_EventPlanning::tasksWaitForTheirDependencies()
{
    m_data->load();
    const QString bbq = addEvent();
    const QString charcoal = addTask(bbq, "Buy charcoal", {}, m_sam);
    const QString light = addTask(bbq, "Light the grill", {charcoal}, m_alex);
    const QString grill = addTask(bbq, "Grill", {light}, m_alex);
    QCOMPARE(statusOf(charcoal), s("todo"));
    QCOMPARE(statusOf(light), s("blocked"));
    QCOMPARE(statusOf(grill), s("blocked"));

    // A member cannot start what still waits, and is told for what.
    const MutationResult early = setStatus(m_alex, light, "in_progress");
    QVERIFY(!early.ok);
    QCOMPARE(early.error.code, s("invalid"));
    QCOMPARE(early.error.field, s("status"));
    QCOMPARE(early.error.message, s("Waiting for: Buy charcoal"));
    QCOMPARE(statusOf(light), s("blocked"));

    // Done: what waited for it alone is enabled in the same unit, by the system, for whoever did it.
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);
    const MutationResult done = setStatus(m_sam, charcoal, "done");
    QVERIFY2(done.ok, qPrintable(done.error.message));
    QCOMPARE(changed.size(), 2);
    const Change first = changed.at(0).first().value<Change>();
    const Change enabled = changed.at(1).first().value<Change>();
    QCOMPARE(first.entityId, charcoal);
    QCOMPARE(enabled.entityId, light);
    QCOMPARE(enabled.seq, first.seq + 1);
    QVERIFY(enabled.userId.isEmpty());
    const CollectionSpec &tasks = collectionSpec(Collection::EventTasks);
    QCOMPARE(tasks.eventNameFor(first), s("task-status-changed"));
    QCOMPARE(tasks.eventData(first), (QJsonObject{{s("taskId"), charcoal}, {s("oldStatus"), s("todo")}, {s("newStatus"), s("done")},
                                                  {s("updatedBy"), m_sam}}));
    QCOMPARE(tasks.eventNameFor(enabled), s("task-enabled"));
    QCOMPARE(tasks.eventData(enabled), (QJsonObject{{s("taskId"), light}, {s("enabledBy"), m_sam}}));
    QCOMPARE(statusOf(light), s("todo"));
    QCOMPARE(stored(Collection::EventTasks, light).value(QLatin1String("enabled_by")).toString(), m_sam);
    QCOMPARE(stored(Collection::EventTasks, charcoal).value(QLatin1String("status_by")).toString(), m_sam);
    QCOMPARE(statusOf(grill), s("blocked"));
    QVERIFY(setStatus(m_alex, light, "in_progress").ok);

    // Not done after all: what waited for it waits again.
    QVERIFY(setStatus(m_sam, charcoal, "todo").ok);
    QCOMPARE(statusOf(light), s("blocked"));
    QCOMPARE(setStatus(m_alex, light, "done").error.message, s("Waiting for: Buy charcoal"));

    // A created task names its event in its event; a change that moves no status is the plain one.
    changed.clear();
    const QString chairs = addTask(bbq, "Borrow chairs", {});
    QCOMPARE(tasks.eventNameFor(changed.at(0).first().value<Change>()), s("task-created"));
    QCOMPARE(tasks.eventData(changed.at(0).first().value<Change>()), (QJsonObject{{s("taskId"), chairs}}));
    changed.clear();
    QVERIFY(engine().submitAs({{}, Collection::EventTasks, MutationOp::Update, chairs, -1, {{s("title"), s("Borrow 14 chairs")}}}, m_alex).ok);
    QCOMPARE(tasks.eventNameFor(changed.at(0).first().value<Change>()), s("event_tasks_updated"));

    // A task that waits for nothing is never blocked.
    QVERIFY(setStatus(m_alex, chairs, "blocked").ok);
    QCOMPARE(statusOf(chairs), s("todo"));
}

void tst_EventPlanning::dependenciesStayWithinTheEventAndNeverCycle()
{
    const QString bbq = addEvent();
    const QString other = create(m_alex, Collection::EventPlans, {{s("name"), s("Dinner")}, {s("date"), s("2026-04-01")}});
    const QString elsewhere = addTask(other, "Cook", {});
    const QString a = addTask(bbq, "A", {});
    const QString b = addTask(bbq, "B", {a});
    const QString c = addTask(bbq, "C", {b});

    const auto dependOn = [this](const QString &task, const QStringList &ids) {
        return engine().submitAs(
            {{}, Collection::EventTasks, MutationOp::Update, task, -1, {{s("depends_on"), QJsonArray::fromStringList(ids)}}}, m_alex);
    };
    MutationResult r = dependOn(a, {elsewhere});
    QCOMPARE(r.error.code, s("invalid"));
    QCOMPARE(r.error.field, s("depends_on"));
    QCOMPARE(r.error.message, s("A task can wait only for tasks of the same event."));
    r = dependOn(a, {a});
    QCOMPARE(r.error.field, s("depends_on"));
    r = dependOn(a, {c}); // a -> c -> b -> a
    QCOMPARE(r.error.code, s("invalid"));
    QCOMPARE(r.error.field, s("depends_on"));
    QVERIFY(r.error.message.contains(s("wait for each other")));
    QVERIFY(stored(Collection::EventTasks, a).value(QLatin1String("depends_on")).toArray().isEmpty());
    r = dependOn(c, {a, b, a});
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(stored(Collection::EventTasks, c).value(QLatin1String("depends_on")).toArray().size(), 2);
    r = dependOn(a, {s("no-such-task")});
    QCOMPARE(r.error.field, s("depends_on"));
    // Its event is fixed once made.
    r = engine().submitAs({{}, Collection::EventTasks, MutationOp::Update, a, -1, {{s("event_id"), other}}}, m_alex);
    QCOMPARE(r.error.field, s("event_id"));
}

void tst_EventPlanning::deletedTaskIsWaitedForNoMore()
{
    const QString bbq = addEvent();
    const QString chairs = addTask(bbq, "Borrow chairs", {});
    const QString tables = addTask(bbq, "Set the tables", {chairs});
    QCOMPARE(statusOf(tables), s("blocked"));
    QVERIFY(engine().submitAs({{}, Collection::EventTasks, MutationOp::Delete, chairs, -1, {}}, m_sam).ok);
    QVERIFY(stored(Collection::EventTasks, tables).value(QLatin1String("depends_on")).toArray().isEmpty());
    QCOMPARE(statusOf(tables), s("todo"));
    QCOMPARE(stored(Collection::EventTasks, tables).value(QLatin1String("enabled_by")).toString(), m_sam);
}

void tst_EventPlanning::childrenChangeTheirOwnTasksOnly()
{
    const QString bbq = addEvent();
    const QString lemonade = addTask(bbq, "Make the lemonade", {}, m_mia);
    const QString cake = addTask(bbq, "Bake the cake", {}, m_alex);
    QVERIFY(setStatus(m_mia, lemonade, "done").ok);
    MutationResult r = setStatus(m_mia, cake, "done");
    QCOMPARE(r.error.code, s("forbidden"));
    r = engine().submitAs({{}, Collection::EventTasks, MutationOp::Update, lemonade, -1, {{s("title"), s("Juice")}}}, m_mia);
    QCOMPARE(r.error.code, s("forbidden"));
    r = engine().submitAs({{}, Collection::EventTasks, MutationOp::Create, {}, -1, {{s("event_id"), bbq}, {s("title"), s("Party")}}}, m_mia);
    QCOMPARE(r.error.code, s("forbidden"));
    for (Collection c : {Collection::EventPlans, Collection::EventRoles, Collection::EventDishes, Collection::EventIngredients,
                         Collection::EventPurchases}) {
        r = engine().submitAs({{}, c, MutationOp::Create, {}, -1, {}}, m_mia);
        QCOMPARE(r.error.code, s("forbidden"));
        QCOMPARE(r.error.message, s("Only adults can plan events."));
    }
    // Shopping is for everyone: a child ticks an event's card off.
    const QString dish = create(m_alex, Collection::EventDishes, {{s("event_id"), bbq}, {s("name"), s("Lemonade")}});
    create(m_alex, Collection::EventIngredients, {{s("dish_id"), dish}, {s("product"), s("Lemons")}, {s("quantity"), 4}, {s("unit"), s("pcs")}});
    const QString card = cardsOf(bbq).first().value(QLatin1String("id")).toString();
    QVERIFY(engine().submitAs({{}, Collection::BoardCards, MutationOp::Update, card, -1, {{s("done"), true}}}, m_mia).ok);
}

// ---- shopping -------------------------------------------------------------------------------

QList<QJsonObject> tst_EventPlanning::cardsOf(const QString &event)
{
    QList<QJsonObject> cards;
    for (const QJsonValue &row : engine().snapshot(Collection::BoardCards)) {
        if (row.toObject().value(QLatin1String("event_id")).toString() == event)
            cards.append(row.toObject());
    }
    std::sort(cards.begin(), cards.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(QLatin1String("need_key")).toString() < b.value(QLatin1String("need_key")).toString();
    });
    return cards;
}

QJsonObject tst_EventPlanning::cardFor(const QString &event, const char *needKey)
{
    for (const QJsonObject &card : cardsOf(event)) {
        if (card.value(QLatin1String("need_key")).toString() == s(needKey))
            return card;
    }
    return {};
}

void tst_EventPlanning::ingredientsBecomeTheEventsShoppingCards()
{
    const QString bbq = addEvent();
    const QString burgers = create(m_alex, Collection::EventDishes,
                                   {{s("event_id"), bbq}, {s("name"), s("Burgers")}, {s("servings"), 12}, {s("recipe_servings"), 4}});
    const QString salad = create(m_alex, Collection::EventDishes,
                                 {{s("event_id"), bbq}, {s("name"), s("Salad")}, {s("servings"), 6}, {s("recipe_servings"), 6}});
    const QString mince = create(m_alex, Collection::EventIngredients,
                                 {{s("dish_id"), burgers}, {s("product"), s("Minced beef")}, {s("quantity"), 0.5}, {s("unit"), s("kg")}});
    QCOMPARE(stored(Collection::EventIngredients, mince).value(QLatin1String("event_id")).toString(), bbq);
    QJsonObject card = cardFor(bbq, "minced beef|kg");
    QVERIFY(!card.isEmpty());
    QCOMPARE(card.value(QLatin1String("title")).toString(), s("Minced beef"));
    QCOMPARE(card.value(QLatin1String("quantity")).toString(), s("1.5 kg"));
    QCOMPARE(card.value(QLatin1String("need_quantity")).toDouble(), 1.5);
    QCOMPARE(card.value(QLatin1String("need_unit")).toString(), s("kg"));
    QCOMPARE(card.value(QLatin1String("done")).toBool(), false);
    const QString mincedCard = card.value(QLatin1String("id")).toString();

    // The same product and unit in another dish is one need; another unit another.
    create(m_alex, Collection::EventIngredients,
           {{s("dish_id"), salad}, {s("product"), s(" minced BEEF ")}, {s("quantity"), 0.25}, {s("unit"), s("kg")}});
    create(m_alex, Collection::EventIngredients,
           {{s("dish_id"), salad}, {s("product"), s("Tomatoes")}, {s("quantity"), 4}, {s("unit"), s("pcs")}});
    QCOMPARE(cardsOf(bbq).size(), 2);
    QCOMPARE(cardFor(bbq, "minced beef|kg").value(QLatin1String("quantity")).toString(), s("1.75 kg"));

    // A quantity changed: the card follows in the same unit, and the change names it.
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);
    QVERIFY(engine().submitAs({{}, Collection::EventIngredients, MutationOp::Update, mince, -1, {{s("quantity"), 1}}}, m_sam).ok);
    QCOMPARE(changed.size(), 2);
    const Change updated = changed.at(0).first().value<Change>();
    const CollectionSpec &ingredients = collectionSpec(Collection::EventIngredients);
    QCOMPARE(ingredients.eventNameFor(updated), s("ingredient-updated"));
    const QJsonObject data = ingredients.eventData(updated);
    QCOMPARE(data.keys(), (QStringList{s("affectedShoppingItems"), s("ingredientId"), s("newQuantity"), s("oldQuantity"),
                                       s("scheduleId"), s("updatedBy")}));
    QCOMPARE(data.value(QLatin1String("scheduleId")).toString(), burgers);
    QCOMPARE(data.value(QLatin1String("ingredientId")).toString(), mince);
    QCOMPARE(data.value(QLatin1String("oldQuantity")).toDouble(), 0.5);
    QCOMPARE(data.value(QLatin1String("newQuantity")).toDouble(), 1.0);
    QCOMPARE(data.value(QLatin1String("updatedBy")).toString(), m_sam);
    QCOMPARE(data.value(QLatin1String("affectedShoppingItems")).toArray(), QJsonArray{mincedCard});
    QCOMPARE(changed.at(1).first().value<Change>().entityId, mincedCard);
    QCOMPARE(cardFor(bbq, "minced beef|kg").value(QLatin1String("quantity")).toString(), s("3.25 kg"));

    // A dish's servings scale it.
    QVERIFY(engine().submitAs({{}, Collection::EventDishes, MutationOp::Update, burgers, -1, {{s("servings"), 4}}}, m_alex).ok);
    QCOMPARE(cardFor(bbq, "minced beef|kg").value(QLatin1String("need_quantity")).toDouble(), 1.25);

    // What the pantry holds is taken off, unless the event says not to.
    QVERIFY(engine().submitAs({{}, Collection::Pantry, MutationOp::Create, {}, -1,
                               {{s("name"), s("Tomatoes")}, {s("quantity"), 3}, {s("unit"), s("pcs")}}}, m_alex).ok);
    QVERIFY(engine().submitAs({{}, Collection::EventPlans, MutationOp::Update, bbq, -1, {{s("use_pantry"), false}}}, m_alex).ok);
    QCOMPARE(cardFor(bbq, "tomatoes|pcs").value(QLatin1String("need_quantity")).toDouble(), 4.0);
    QVERIFY(engine().submitAs({{}, Collection::EventPlans, MutationOp::Update, bbq, -1, {{s("use_pantry"), true}}}, m_alex).ok);
    QCOMPARE(cardFor(bbq, "tomatoes|pcs").value(QLatin1String("need_quantity")).toDouble(), 1.0);

    // A need that drops to nothing takes its card off the board.
    const QString tomatoCard = cardFor(bbq, "tomatoes|pcs").value(QLatin1String("id")).toString();
    for (const QJsonValue &row : engine().snapshot(Collection::EventIngredients)) {
        if (row.toObject().value(QLatin1String("product")).toString() == s("Tomatoes"))
            QVERIFY(engine().submitAs({{}, Collection::EventIngredients, MutationOp::Delete, row.toObject().value(QLatin1String("id")).toString(), -1, {}}, m_alex).ok);
    }
    QVERIFY(!engine().entity(Collection::BoardCards, tomatoCard));
}

void tst_EventPlanning::boughtCardsMakeIngredientsAvailable()
{
    const QString bbq = addEvent();
    const QString salad = create(m_alex, Collection::EventDishes,
                                 {{s("event_id"), bbq}, {s("name"), s("Salad")}, {s("servings"), 8}, {s("recipe_servings"), 4}});
    const QString tomatoes = create(m_alex, Collection::EventIngredients,
                                    {{s("dish_id"), salad}, {s("product"), s("Tomatoes")}, {s("quantity"), 1}, {s("unit"), s("kg")}});
    const QString card = cardFor(bbq, "tomatoes|kg").value(QLatin1String("id")).toString();
    QVERIFY(!card.isEmpty());

    QSignalSpy changed(&engine(), &HouseholdEngine::changed);
    QVERIFY(engine().submitAs({{}, Collection::BoardCards, MutationOp::Update, card, -1, {{s("done"), true}}}, m_sam).ok);
    const Change tick = changed.at(0).first().value<Change>();
    const CollectionSpec &cards = collectionSpec(Collection::BoardCards);
    QCOMPARE(cards.eventNameFor(tick), s("shopping-item-purchased"));
    const QJsonObject data = cards.eventData(tick);
    QCOMPARE(data.value(QLatin1String("itemId")).toString(), card);
    QCOMPARE(data.value(QLatin1String("eventId")).toString(), bbq);
    QCOMPARE(data.value(QLatin1String("quantity")).toDouble(), 2.0);
    QCOMPARE(data.value(QLatin1String("purchasedBy")).toString(), m_sam);
    QVERIFY(!data.value(QLatin1String("purchasedAt")).toString().isEmpty());
    QJsonObject ingredient = stored(Collection::EventIngredients, tomatoes);
    QVERIFY(ingredient.value(QLatin1String("available")).toBool());
    QCOMPARE(ingredient.value(QLatin1String("available_quantity")).toDouble(), 2.0);
    QCOMPARE(changed.last().first().value<Change>().entityId, tomatoes);

    // A bought card is never taken off nor shows less than was bought.
    QVERIFY(engine().submitAs({{}, Collection::EventIngredients, MutationOp::Update, tomatoes, -1, {{s("quantity"), 0}}}, m_alex).ok);
    QJsonObject kept = stored(Collection::BoardCards, card);
    QCOMPARE(kept.value(QLatin1String("need_quantity")).toDouble(), 2.0);
    QVERIFY(kept.value(QLatin1String("done")).toBool());
    QVERIFY(engine().submitAs({{}, Collection::EventIngredients, MutationOp::Update, tomatoes, -1, {{s("quantity"), 1.5}}}, m_alex).ok);
    QCOMPARE(stored(Collection::BoardCards, card).value(QLatin1String("need_quantity")).toDouble(), 3.0);

    // Put back on the list: not available any more.
    QVERIFY(engine().submitAs({{}, Collection::BoardCards, MutationOp::Update, card, -1, {{s("done"), false}}}, m_sam).ok);
    ingredient = stored(Collection::EventIngredients, tomatoes);
    QVERIFY(!ingredient.value(QLatin1String("available")).toBool());
    QCOMPARE(stored(Collection::BoardCards, card).value(QLatin1String("purchased_quantity")).toDouble(), 0.0);

    // A member's edit keeps the card's link to the event.
    QVERIFY(engine().submitAs({{}, Collection::BoardCards, MutationOp::Update, card, -1,
                               {{s("event_id"), QJsonValue()}, {s("need_key"), s("x")}, {s("title"), s("Cherry tomatoes")}}}, m_alex).ok);
    QCOMPARE(stored(Collection::BoardCards, card).value(QLatin1String("event_id")).toString(), bbq);
    QCOMPARE(stored(Collection::BoardCards, card).value(QLatin1String("need_key")).toString(), s("tomatoes|kg"));
}

void tst_EventPlanning::bulkPurchaseBuysCardsAndBooksTheSpending()
{
    m_data->load();
    const QString bbq = addEvent(10000);
    const QString burgers = create(m_alex, Collection::EventDishes, {{s("event_id"), bbq}, {s("name"), s("Burgers")}});
    create(m_alex, Collection::EventIngredients, {{s("dish_id"), burgers}, {s("product"), s("Buns")}, {s("quantity"), 4}, {s("unit"), s("pcs")}});
    create(m_alex, Collection::EventIngredients, {{s("dish_id"), burgers}, {s("product"), s("Mince")}, {s("quantity"), 0.5}, {s("unit"), s("kg")}});
    const QString buns = cardFor(bbq, "buns|pcs").value(QLatin1String("id")).toString();
    const QString mince = cardFor(bbq, "mince|kg").value(QLatin1String("id")).toString();
    QVERIFY(!buns.isEmpty() && !mince.isEmpty());

    // Only the event's cards, and at least one.
    const QString other = create(m_alex, Collection::EventPlans, {{s("name"), s("Dinner")}, {s("date"), s("2026-04-01")}});
    MutationResult r = engine().submitAs(
        {{}, Collection::EventPurchases, MutationOp::Create, {}, -1,
         {{s("event_id"), other}, {s("items"), QJsonArray{QJsonObject{{s("card_id"), buns}}}}}}, m_sam);
    QCOMPARE(r.error.field, s("items"));
    r = engine().submitAs({{}, Collection::EventPurchases, MutationOp::Create, {}, -1, {{s("event_id"), bbq}, {s("items"), QJsonArray()}}}, m_sam);
    QCOMPARE(r.error.field, s("items"));

    QSignalSpy changed(&engine(), &HouseholdEngine::changed);
    auto &purchases = m_data->model<EventPurchasesModel>(Collection::EventPurchases);
    r = engine().submitAs(purchases.buyMutation(bbq, QJsonArray{QJsonObject{{s("card_id"), buns}},
                                                                QJsonObject{{s("card_id"), mince}, {s("quantity"), 0.4}}},
                                                8500, true),
                          m_sam);
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const Change purchase = changed.at(0).first().value<Change>();
    const CollectionSpec &spec = collectionSpec(Collection::EventPurchases);
    QCOMPARE(spec.eventNameFor(purchase), s("bulk-shopping-purchase"));
    const QJsonObject data = spec.eventData(purchase);
    QCOMPARE(data.value(QLatin1String("purchaseId")).toString(), r.entityId);
    QCOMPARE(data.value(QLatin1String("eventId")).toString(), bbq);
    QCOMPARE(data.value(QLatin1String("purchasedBy")).toString(), m_sam);
    QCOMPARE(data.value(QLatin1String("items")).toArray().size(), 2);
    QVERIFY(spec.describe(purchase, {}, *m_data).startsWith(s("Sam bought 2 item")));
    QVERIFY(spec.describe(purchase, {}, *m_data).endsWith(s(" for Mia's birthday BBQ")));

    const QString doneColumn = m_data->columns.doneColumnId();
    QVERIFY(!doneColumn.isEmpty());
    for (const QString &card : {buns, mince}) {
        const QJsonObject bought = stored(Collection::BoardCards, card);
        QVERIFY(bought.value(QLatin1String("done")).toBool());
        QCOMPARE(bought.value(QLatin1String("column_id")).toString(), doneColumn);
        QCOMPARE(bought.value(QLatin1String("bought_by")).toString(), m_sam);
    }
    QCOMPARE(stored(Collection::BoardCards, mince).value(QLatin1String("purchased_quantity")).toDouble(), 0.4);
    QCOMPARE(stored(Collection::BoardCards, buns).value(QLatin1String("purchased_quantity")).toDouble(), 4.0);
    bool sawTransaction = false;
    for (const QList<QVariant> &args : std::as_const(changed)) {
        const Change c = args.first().value<Change>();
        if (c.collection == Collection::BoardCards)
            QCOMPARE(collectionSpec(Collection::BoardCards).eventNameFor(c), s("board_cards_updated"));
        if (c.collection == Collection::Transactions) {
            sawTransaction = true;
            QCOMPARE(c.entity.value(QLatin1String("event_id")).toString(), bbq);
            QCOMPARE(c.entity.value(QLatin1String("category")).toString(), s("Events"));
            QCOMPARE(c.entity.value(QLatin1String("description")).toString(), s("Shopping for Mia's birthday BBQ"));
            QCOMPARE(c.entity.value(QLatin1String("amount_cents")).toInteger(), 8500);
            QCOMPARE(c.entity.value(QLatin1String("member_id")).toString(), m_sam);
        }
    }
    QVERIFY(sawTransaction);
    for (const QJsonValue &row : engine().snapshot(Collection::EventIngredients))
        QVERIFY(row.toObject().value(QLatin1String("available")).toBool());
    const QJsonObject event = stored(Collection::EventPlans, bbq);
    QCOMPARE(event.value(QLatin1String("spent_cents")).toInteger(), 8500);
    QCOMPARE(event.value(QLatin1String("budget_status")).toString(), s("near"));
    // A purchase is a record: not changed afterwards.
    r = engine().submitAs({{}, Collection::EventPurchases, MutationOp::Update, purchase.entityId, -1, {{s("total_cents"), 1}}}, m_sam);
    QCOMPARE(r.error.code, s("invalid"));
}

// ---- budget ---------------------------------------------------------------------------------

void tst_EventPlanning::budgetStatusFollowsTheEventsTransactions_data()
{
    QTest::addColumn<qint64>("spent");
    QTest::addColumn<qint64>("budget");
    QTest::addColumn<QString>("status");
    QTest::newRow("no budget") << qint64(5000) << qint64(0) << s("under");
    QTest::newRow("79.99 %") << qint64(7999) << qint64(10000) << s("under");
    QTest::newRow("80 %") << qint64(8000) << qint64(10000) << s("near");
    QTest::newRow("99.99 %") << qint64(9999) << qint64(10000) << s("near");
    QTest::newRow("100 %") << qint64(10000) << qint64(10000) << s("over");
    QTest::newRow("refunded") << qint64(-500) << qint64(10000) << s("under");
}

void tst_EventPlanning::budgetStatusFollowsTheEventsTransactions()
{
    QFETCH(qint64, spent);
    QFETCH(qint64, budget);
    QFETCH(QString, status);
    QCOMPARE(events::budgetStatus(spent, budget), status);
}

void tst_EventPlanning::transactionsMoveTheEventsSpending()
{
    const QString bbq = addEvent(10000);
    const auto spend = [this, &bbq](qint64 cents, const char *category = "Food") {
        return engine().submitAs({{}, Collection::Transactions, MutationOp::Create, {}, -1,
                                  {{s("occurred_on"), s("2026-03-14")}, {s("description"), s("Shop")}, {s("category"), s(category)},
                                   {s("amount_cents"), cents}, {s("event_id"), bbq}}},
                                 m_alex);
    };
    QVERIFY(spend(5000).ok);
    QCOMPARE(stored(Collection::EventPlans, bbq).value(QLatin1String("spent_cents")).toInteger(), 5000);
    QCOMPARE(stored(Collection::EventPlans, bbq).value(QLatin1String("budget_status")).toString(), s("under"));
    QVERIFY(spend(20000, "Income").ok); // money in is not spending
    QCOMPARE(stored(Collection::EventPlans, bbq).value(QLatin1String("spent_cents")).toInteger(), 5000);

    QSignalSpy changed(&engine(), &HouseholdEngine::changed);
    const MutationResult more = spend(3500);
    QVERIFY(more.ok);
    QCOMPARE(changed.size(), 2);
    const Change moved = changed.at(1).first().value<Change>();
    const CollectionSpec &plans = collectionSpec(Collection::EventPlans);
    QCOMPARE(moved.collection, Collection::EventPlans);
    QCOMPARE(plans.eventNameFor(moved), s("budget-status-changed"));
    QCOMPARE(plans.eventData(moved), (QJsonObject{{s("eventId"), bbq}, {s("oldStatus"), s("under")}, {s("newStatus"), s("near")},
                                                  {s("spentCents"), 8500}, {s("budgetCents"), 10000}}));

    // Changing a transaction's amount, moving it to no event, deleting it: counted again each time.
    QVERIFY(engine().submitAs({{}, Collection::Transactions, MutationOp::Update, more.entityId, -1, {{s("amount_cents"), 6000}}}, m_alex).ok);
    QCOMPARE(stored(Collection::EventPlans, bbq).value(QLatin1String("budget_status")).toString(), s("over"));
    QVERIFY(engine().submitAs({{}, Collection::Transactions, MutationOp::Update, more.entityId, -1, {{s("event_id"), QJsonValue()}}}, m_alex).ok);
    QCOMPARE(stored(Collection::EventPlans, bbq).value(QLatin1String("spent_cents")).toInteger(), 5000);
    QVERIFY(engine().submitAs({{}, Collection::Transactions, MutationOp::Update, more.entityId, -1, {{s("event_id"), bbq}}}, m_alex).ok);
    QCOMPARE(stored(Collection::EventPlans, bbq).value(QLatin1String("spent_cents")).toInteger(), 11000);
    changed.clear();
    QVERIFY(engine().submitAs({{}, Collection::Transactions, MutationOp::Delete, more.entityId, -1, {}}, m_alex).ok);
    QCOMPARE(stored(Collection::EventPlans, bbq).value(QLatin1String("spent_cents")).toInteger(), 5000);
    QCOMPARE(plans.eventNameFor(changed.last().first().value<Change>()), s("budget-status-changed"));

    // A bigger budget moves the status too; a member cannot set the spending.
    QVERIFY(engine().submitAs({{}, Collection::EventPlans, MutationOp::Update, bbq, -1, {{s("budget_cents"), 6000}}}, m_alex).ok);
    QCOMPARE(stored(Collection::EventPlans, bbq).value(QLatin1String("budget_status")).toString(), s("near"));
    QVERIFY(engine().submitAs({{}, Collection::EventPlans, MutationOp::Update, bbq, -1, {{s("spent_cents"), 1}, {s("name"), s("BBQ")}}}, m_alex).ok);
    QCOMPARE(stored(Collection::EventPlans, bbq).value(QLatin1String("spent_cents")).toInteger(), 5000);
    changed.clear();
    QVERIFY(engine().submitAs({{}, Collection::EventPlans, MutationOp::Update, bbq, -1, {{s("place"), s("Garden")}}}, m_alex).ok);
    QCOMPARE(plans.eventNameFor(changed.at(0).first().value<Change>()), s("event_plans_updated"));
    // An event with parts is not deleted from under them.
    addTask(bbq, "Buy charcoal", {});
    const MutationResult refused = engine().submitAs({{}, Collection::EventPlans, MutationOp::Delete, bbq, -1, {}}, m_alex);
    QCOMPARE(refused.error.code, s("conflict"));
}

// ---- notices --------------------------------------------------------------------------------

void tst_EventPlanning::noticesGoToTheirMembers()
{
    m_data->load();
    const QString bbq = addEvent();
    create(m_alex, Collection::EventRoles, {{s("event_id"), bbq}, {s("member_id"), m_alex}, {s("role"), s("cook")}});
    create(m_alex, Collection::EventRoles, {{s("event_id"), bbq}, {s("member_id"), m_sam}, {s("role"), s("logistics")}});
    create(m_alex, Collection::EventRoles, {{s("event_id"), bbq}, {s("member_id"), m_sam}, {s("role"), s("host")}});
    const QString chairs = addTask(bbq, "Borrow chairs", {}, m_alex);
    const QString tables = create(m_alex, Collection::EventTasks,
                                  {{s("event_id"), bbq}, {s("title"), s("Set the tables")}, {s("role"), s("host")},
                                   {s("depends_on"), QJsonArray{chairs}}});
    const QString grill = addTask(bbq, "Grill", {chairs}, m_alex);

    QSignalSpy changed(&engine(), &HouseholdEngine::changed);
    QVERIFY(setStatus(m_alex, chairs, "done").ok);
    const CollectionSpec &tasks = collectionSpec(Collection::EventTasks);
    QHash<QString, Change> byId;
    for (const QList<QVariant> &args : std::as_const(changed))
        byId.insert(args.first().value<Change>().entityId, args.first().value<Change>());
    QVERIFY(byId.contains(tables) && byId.contains(grill));
    // Nobody assigned: the role's holders; assigned: the assignee only.
    QCOMPARE(tasks.noticeFor(byId.value(tables), {}, *m_data, m_sam), s("You can start: Set the tables"));
    QCOMPARE(tasks.noticeFor(byId.value(tables), {}, *m_data, m_alex), QString());
    QCOMPARE(tasks.noticeFor(byId.value(grill), {}, *m_data, m_alex), s("You can start: Grill"));
    QCOMPARE(tasks.noticeFor(byId.value(grill), {}, *m_data, m_sam), QString());
    QCOMPARE(tasks.noticeFor(byId.value(chairs), {}, *m_data, m_alex), QString());
    QCOMPARE(tasks.describe(byId.value(chairs), {}, *m_data), s("Alex marked Borrow chairs done"));

    const QString salad = create(m_alex, Collection::EventDishes, {{s("event_id"), bbq}, {s("name"), s("Salad")}, {s("servings"), 4}});
    const QString tomatoes = create(m_alex, Collection::EventIngredients,
                                    {{s("dish_id"), salad}, {s("product"), s("Tomatoes")}, {s("quantity"), 1}, {s("unit"), s("kg")}});
    changed.clear();
    QVERIFY(engine().submitAs({{}, Collection::EventIngredients, MutationOp::Update, tomatoes, -1, {{s("quantity"), 2}}}, m_alex).ok);
    const CollectionSpec &ingredients = collectionSpec(Collection::EventIngredients);
    const Change moreTomatoes = changed.at(0).first().value<Change>();
    QCOMPARE(ingredients.noticeFor(moreTomatoes, {}, *m_data, m_sam), s("Ingredient requirements updated for Mia's birthday BBQ"));
    QCOMPARE(ingredients.noticeFor(moreTomatoes, {}, *m_data, m_alex), QString()); // not logistics, and their own change
    QCOMPARE(ingredients.noticeFor(moreTomatoes, {}, *m_data, m_mia), QString());

    changed.clear();
    const QString card = cardFor(bbq, "tomatoes|kg").value(QLatin1String("id")).toString();
    QVERIFY(engine().submitAs({{}, Collection::BoardCards, MutationOp::Update, card, -1, {{s("done"), true}}}, m_sam).ok);
    const Change available = changed.last().first().value<Change>();
    QCOMPARE(available.entityId, tomatoes);
    QCOMPARE(ingredients.noticeFor(available, {}, *m_data, m_alex), s("Tomatoes are now available (2 kg)"));
    QCOMPARE(ingredients.noticeFor(available, {}, *m_data, m_sam), QString());
}

// ---- the demo -------------------------------------------------------------------------------

void tst_EventPlanning::demoHasABirthdayBbq()
{
    TempHousehold demo(true);
    QVERIFY2(demo.isValid(), qPrintable(demo.error()));
    HouseholdData data(demo.engine(), demo.clock);
    data.load();
    const auto &plans = data.model<EventPlansModel>(Collection::EventPlans);
    QCOMPARE(plans.rowCount(), 1);
    const EventPlan bbq = plans.at(0);
    QCOMPARE(bbq.name, s("Mia's birthday BBQ"));
    QCOMPARE(bbq.date.dayOfWeek(), int(Qt::Saturday));
    QVERIFY(bbq.date > demo.clock.today());
    QCOMPARE(bbq.guestCount, 14);
    QCOMPARE(bbq.budgetCents, 15000);
    QCOMPARE(data.model<EventRolesModel>(Collection::EventRoles).rolesOf(bbq.id).size(), 3);
    const QList<EventTask> tasks = data.model<EventTasksModel>(Collection::EventTasks).tasksOf(bbq.id);
    QVERIFY(tasks.size() >= 6 && tasks.size() <= 8);
    const auto titled = [&tasks](const char *title) {
        return *std::find_if(tasks.cbegin(), tasks.cend(), [title](const EventTask &t) { return t.title == QString::fromUtf8(title); });
    };
    QCOMPARE(titled("Light the grill").status, s("blocked"));
    QCOMPARE(titled("Light the grill").dependsOn, QStringList{titled("Buy charcoal").id});
    QCOMPARE(titled("Grill the burgers").dependsOn, QStringList{titled("Light the grill").id});
    QCOMPARE(titled("Set the tables").dependsOn, QStringList{titled("Borrow chairs").id});
    QCOMPARE(data.model<EventDishesModel>(Collection::EventDishes).dishesOf(bbq.id).size(), 3);
    int eventCards = 0, bought = 0;
    for (const BoardCard &card : data.cards.records()) {
        if (card.eventId != bbq.id)
            continue;
        ++eventCards;
        bought += card.done ? 1 : 0;
    }
    QVERIFY(eventCards >= 6);
    QCOMPARE(bought, 1);
    const QList<EventIngredient> available = data.model<EventIngredientsModel>(Collection::EventIngredients).ofEvent(bbq.id);
    QVERIFY(std::any_of(available.cbegin(), available.cend(), [](const EventIngredient &i) { return i.available; }));
}

QTEST_GUILESS_MAIN(tst_EventPlanning)
#include "tst_eventplanning.moc"
