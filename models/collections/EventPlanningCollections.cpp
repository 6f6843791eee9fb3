// Event planning: a household event (a birthday BBQ, a dinner) with the members' roles in it,
// its tasks and what they wait for, its dishes and their ingredients — which become the event's
// cards on the shopping board — and bulk purchases for it. Its spending is the budget's
// transactions that name it. docs/protocol.md ("Event planning") is the contract.

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "Definition.h"
#include "DemoData.h"
#include "Permissions.h"
#include "Records.h"
#include "events/EventPlanning.h"
#include "events/EventModels.h"
#include "events/EventRecords.h"

#include <QTime>

namespace hearth {

using namespace definition;

namespace {

const char *const kNotAMember = "That person is not a member of this household.";
const char *const kNoSuchEvent = "That event does not exist any more.";
const char *const kEventInUse = "The event still has roles, tasks, dishes or purchases; remove them first.";

Ref eventRef()
{
    return {Collection::EventPlans, OnDelete::Restrict, kNoSuchEvent, kEventInUse};
}

Ref memberRef()
{
    return {Collection::Members, OnDelete::SetNull, kNotAMember};
}

// The event an entity belongs to, by name ("someone's event" when it is gone).
QString eventNameOf(const QJsonObject &entity, const HouseholdData &data)
{
    const auto event = data.model<EventPlansModel>(Collection::EventPlans).find(textField(entity, "event_id"));
    return event ? event->name : say("the event");
}

// Planning an event is for adults; a child changes the status of their own tasks and ticks
// shopping cards off (docs/security.md).
std::optional<MutationError> adultsPlan(MutationOp, const QJsonObject &)
{
    return forbidden("Only adults can plan events.");
}

const EventRolesModel &rolesOf(const HouseholdData &data)
{
    return data.model<EventRolesModel>(Collection::EventRoles);
}

// "Sam added X to Y" / "Sam removed X from Y" / "Sam changed X for Y": the plain sentences.
QString describePart(const Change &change, const QString &what, const QString &event, const HouseholdData &data)
{
    const QString by = who(change, data);
    if (change.action == ChangeAction::Created)
        return say("%1 added %2 to %3").arg(by, what, event);
    if (change.action == ChangeAction::Deleted)
        return say("%1 removed %2 from %3").arg(by, what, event);
    return say("%1 changed %2 for %3").arg(by, what, event);
}

// The demo household's event: Mia's birthday BBQ next Saturday in the garden, 14 guests, 150.00
// to spend. Alex cooks, Sam sees to logistics and hosts; tasks wait for each other (the charcoal
// before the grill, the chairs before the tables); burgers, salad and lemonade, whose ingredients
// put the event's cards on the shopping board; Sam has bought the buns already.
bool fillEventsDemo(AuthoritativeEngine &engine, const Clock &clock, QString *error)
{
    DemoData::Submitter demo(engine, error);
    const QString alex = demo.member(QStringLiteral("Alex"));
    const QString sam = demo.member(QStringLiteral("Sam"));
    const QString mia = demo.member(QStringLiteral("Mia"));
    const QDate today = clock.today();
    const int toSaturday = (Qt::Saturday - today.dayOfWeek() + 7) % 7;
    const QDate saturday = today.addDays(toSaturday == 0 ? 7 : toSaturday);
    const QString bbq = demo.create(Collection::EventPlans,
                                    {{QStringLiteral("name"), QStringLiteral("Mia's birthday BBQ")},
                                     {QStringLiteral("date"), saturday.toString(Qt::ISODate)},
                                     {QStringLiteral("start_time"), QStringLiteral("14:00")},
                                     {QStringLiteral("place"), QStringLiteral("Garden")},
                                     {QStringLiteral("guest_count"), 14},
                                     {QStringLiteral("budget_cents"), 15000},
                                     {QStringLiteral("notes"), QStringLiteral("Rain plan: the garage.")}},
                                    alex);
    for (const auto &[member, role] : {std::pair{alex, events::kCook}, std::pair{sam, events::kLogistics}, std::pair{sam, events::kHost}})
        demo.create(Collection::EventRoles,
                    {{QStringLiteral("event_id"), bbq}, {QStringLiteral("member_id"), member}, {QStringLiteral("role"), role}}, alex);
    double position = 0;
    const auto task = [&](const char *title, const QString &assignee, const QString &role, QStringList dependsOn) {
        return demo.create(Collection::EventTasks,
                           {{QStringLiteral("event_id"), bbq},
                            {QStringLiteral("title"), QString::fromUtf8(title)},
                            {QStringLiteral("assignee_id"), refJson(assignee)},
                            {QStringLiteral("role"), role},
                            {QStringLiteral("due"), saturday.toString(Qt::ISODate)},
                            {QStringLiteral("depends_on"), QJsonArray::fromStringList(dependsOn)},
                            {QStringLiteral("position"), ++position}},
                           alex);
    };
    const QString invitations = task("Send the invitations", sam, events::kHost, {});
    const QString charcoal = task("Buy charcoal", sam, events::kLogistics, {});
    const QString light = task("Light the grill", alex, events::kCook, {charcoal});
    task("Grill the burgers", alex, events::kCook, {light});
    const QString chairs = task("Borrow chairs", sam, events::kLogistics, {});
    task("Set the tables", {}, events::kHost, {chairs});
    task("Make the lemonade", mia, {}, {});
    task("Bake the cake", alex, events::kCook, {});
    demo.update(Collection::EventTasks, invitations, {{QStringLiteral("status"), events::kDone}}, sam);
    demo.update(Collection::EventTasks, chairs, {{QStringLiteral("status"), events::kInProgress}}, sam);

    const auto dish = [&](const char *name, qint64 recipeServings, const QString &cook) {
        return demo.create(Collection::EventDishes,
                           {{QStringLiteral("event_id"), bbq},
                            {QStringLiteral("name"), QString::fromUtf8(name)},
                            {QStringLiteral("servings"), 14},
                            {QStringLiteral("recipe_servings"), recipeServings},
                            {QStringLiteral("cook_id"), refJson(cook)}},
                           alex);
    };
    const auto ingredient = [&](const QString &dishId, const char *product, double quantity, const char *unit) {
        demo.create(Collection::EventIngredients,
                    {{QStringLiteral("dish_id"), dishId},
                     {QStringLiteral("product"), QString::fromUtf8(product)},
                     {QStringLiteral("quantity"), quantity},
                     {QStringLiteral("unit"), QString::fromUtf8(unit)}},
                    alex);
    };
    const QString burgers = dish("Burgers", 4, alex);
    ingredient(burgers, "Minced beef", 0.5, "kg");
    ingredient(burgers, "Burger buns", 4, "pcs");
    ingredient(burgers, "Cheddar slices", 4, "pcs");
    const QString salad = dish("Summer salad", 7, alex);
    ingredient(salad, "Tomatoes", 0.5, "kg");
    ingredient(salad, "Cucumber", 1, "pcs");
    ingredient(salad, "Lettuce", 1, "pcs");
    const QString lemonade = dish("Lemonade", 7, mia);
    ingredient(lemonade, "Lemons", 4, "pcs");
    ingredient(lemonade, "Sparkling water", 1.5, "l");
    if (!demo.ok())
        return false;
    // Sam picked up the buns on the way home: one of the event's cards bought.
    for (const QString &cardId : events::idsWhere(engine, Collection::BoardCards, "event_id", bbq)) {
        const auto card = engine.entity(Collection::BoardCards, cardId);
        if (card && textField(*card, "need_key") == events::needKey(QStringLiteral("Burger buns"), QStringLiteral("pcs")))
            demo.update(Collection::BoardCards, cardId, {{QStringLiteral("done"), true}}, sam);
    }
    return demo.ok();
}

} // namespace

// ---- events ---------------------------------------------------------------------------------

const CollectionSpec &eventPlansCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::EventPlans,
        .name = QStringLiteral("event_plans"),
        .table = QStringLiteral("event_plans"),
        .fields = {text("name").require("Give the event a name."), date("date").require("Give the event's date."),
                   text("start_time"), text("place"),
                   integer("guest_count").atLeast(0, "The number of guests cannot be negative."),
                   cents("budget_cents").atLeast(0, "A budget cannot be negative."), boolean("use_pantry", true), text("notes"),
                   cents("spent_cents"), text("budget_status", "under"), text("previous_budget_status")},
        .rules = [](const QJsonObject &entity) -> std::optional<MutationError> {
            const QString start = textField(entity, "start_time");
            if (!start.isEmpty() && (start.size() != 5 || !QTime::fromString(start, QStringLiteral("HH:mm")).isValid()))
                return invalid("start_time", "Give the start time as hours and minutes, like 14:30.");
            const QString status = textField(entity, "budget_status");
            if (status != events::kUnder && status != events::kNear && status != events::kOver)
                return invalid("budget_status", "A budget status is under, near or over.");
            return std::nullopt;
        },
        .childMay = adultsPlan,
        // The host keeps the spending and its status; a budget changed moves the status at once.
        .guard = events::guardEvent,
        .effects = events::eventConsequences,
        .reactions = {{Collection::Transactions, events::transactionMoved}},
        .eventName = [](const Change &change) -> QString {
            if (change.action == ChangeAction::Updated
                && textField(change.entity, "budget_status") != textField(change.entity, "previous_budget_status")
                && !textField(change.entity, "previous_budget_status").isEmpty())
                return QStringLiteral("budget-status-changed");
            return QStringLiteral("event_plans_updated");
        },
        .eventNames = {QStringLiteral("budget-status-changed")},
        .eventData = [](const Change &change) -> QJsonObject {
            if (change.action != ChangeAction::Updated
                || textField(change.entity, "budget_status") == textField(change.entity, "previous_budget_status")
                || textField(change.entity, "previous_budget_status").isEmpty())
                return {};
            return {{QStringLiteral("eventId"), change.entityId},
                    {QStringLiteral("oldStatus"), change.entity.value(QLatin1String("previous_budget_status"))},
                    {QStringLiteral("newStatus"), change.entity.value(QLatin1String("budget_status"))},
                    {QStringLiteral("spentCents"), change.entity.value(QLatin1String("spent_cents"))},
                    {QStringLiteral("budgetCents"), change.entity.value(QLatin1String("budget_cents"))}};
        },
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) {
            const QString by = who(change, data);
            const QString name = textOf(change.entity, "name");
            if (change.action == ChangeAction::Created)
                return say("%1 planned %2").arg(by, name);
            if (change.action == ChangeAction::Deleted)
                return say("%1 removed the event %2").arg(by, name);
            return say("%1 changed the event %2").arg(by, name);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<EventPlansModel>(data.engine);
        },
        .fillDemo = fillEventsDemo,
        .migrations = {{
            QStringLiteral("CREATE TABLE event_plans (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "name TEXT NOT NULL, date TEXT NOT NULL, start_time TEXT NOT NULL, place TEXT NOT NULL, "
                           "guest_count INTEGER NOT NULL, budget_cents INTEGER NOT NULL, use_pantry INTEGER NOT NULL, "
                           "notes TEXT NOT NULL, spent_cents INTEGER NOT NULL, budget_status TEXT NOT NULL, "
                           "previous_budget_status TEXT NOT NULL, rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX event_plans_household ON event_plans (household_id)"),
        }},
    };
    return spec;
}

// ---- roles ----------------------------------------------------------------------------------

const CollectionSpec &eventRolesCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::EventRoles,
        .name = QStringLiteral("event_roles"),
        .table = QStringLiteral("event_roles"),
        .fields = {reference("event_id", eventRef()).require(kNoSuchEvent), reference("member_id", memberRef()),
                   text("role").require("Name the role, like cook or logistics.")},
        .childMay = adultsPlan,
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) {
            const QString member = data.members.nameOf(textField(change.entity, "member_id"));
            const QString role = textOf(change.entity, "role");
            const QString what = member.isEmpty() ? role : say("%1 as %2").arg(member, role);
            return describePart(change, what, eventNameOf(change.entity, data), data);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<EventRolesModel>(data.engine);
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE event_roles (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "event_id TEXT NOT NULL REFERENCES event_plans(id) ON DELETE RESTRICT, "
                           "member_id TEXT REFERENCES members(id) ON DELETE SET NULL, role TEXT NOT NULL, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX event_roles_event ON event_roles (household_id, event_id)"),
        }},
    };
    return spec;
}

// ---- tasks ----------------------------------------------------------------------------------

namespace {

bool statusMoved(const Change &change)
{
    return change.action == ChangeAction::Updated && !textField(change.entity, "previous_status").isEmpty()
        && textField(change.entity, "previous_status") != textField(change.entity, "status");
}

bool taskEnabled(const Change &change)
{
    return statusMoved(change) && change.userId.isEmpty() && textField(change.entity, "previous_status") == events::kBlocked
        && textField(change.entity, "status") == events::kTodo;
}

QString taskEventName(const Change &change)
{
    if (change.action == ChangeAction::Created)
        return QStringLiteral("task-created");
    if (taskEnabled(change))
        return QStringLiteral("task-enabled");
    if (statusMoved(change) && !change.userId.isEmpty())
        return QStringLiteral("task-status-changed");
    return QStringLiteral("event_tasks_updated");
}

QJsonObject taskEventData(const Change &change)
{
    const QString name = taskEventName(change);
    if (name == QLatin1String("task-created"))
        return {{QStringLiteral("taskId"), change.entityId}};
    if (name == QLatin1String("task-enabled"))
        return {{QStringLiteral("taskId"), change.entityId}, {QStringLiteral("enabledBy"), change.entity.value(QLatin1String("enabled_by"))}};
    if (name == QLatin1String("task-status-changed"))
        return {{QStringLiteral("taskId"), change.entityId},
                {QStringLiteral("oldStatus"), change.entity.value(QLatin1String("previous_status"))},
                {QStringLiteral("newStatus"), change.entity.value(QLatin1String("status"))},
                {QStringLiteral("updatedBy"), change.userId}};
    return {};
}

QString describeTask(const Change &change, const QJsonObject &, const HouseholdData &data)
{
    const QString title = textOf(change.entity, "title");
    if (!statusMoved(change))
        return describePart(change, title, eventNameOf(change.entity, data), data);
    const QString by = who(change, data);
    const QString status = textField(change.entity, "status");
    if (status == events::kDone)
        return say("%1 marked %2 done").arg(by, title);
    if (status == events::kInProgress)
        return say("%1 started %2").arg(by, title);
    return say("%1 put %2 back to do").arg(by, title);
}

} // namespace

const CollectionSpec &eventTasksCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::EventTasks,
        .name = QStringLiteral("event_tasks"),
        .table = QStringLiteral("event_tasks"),
        .fields = {reference("event_id", eventRef()).require(kNoSuchEvent), text("title").require("Give the task a title."),
                   reference("assignee_id", memberRef()), text("role"), date("due"),
                   text("status", "todo").mergeByPrecedence(events::taskStatuses()),
                   list("depends_on").longest(20000, "A task can wait for a few hundred tasks at most."), real("position"),
                   text("previous_status"), text("status_by"), text("enabled_by")},
        .rules = [](const QJsonObject &entity) -> std::optional<MutationError> {
            if (!events::taskStatuses().contains(textField(entity, "status")))
                return invalid("status", "A task's status is todo, in_progress, done or blocked.");
            for (const QJsonValue &id : entity.value(QLatin1String("depends_on")).toArray()) {
                if (!id.isString() || id.toString().isEmpty())
                    return invalid("depends_on", "A task can wait only for other tasks.");
            }
            return std::nullopt;
        },
        // A child changes only the status (of a task given to them: the guard checks whose).
        .childMay = [](MutationOp op, const QJsonObject &fields) -> std::optional<MutationError> {
            if (op == MutationOp::Update && onlyTouches(fields, {"status"}))
                return std::nullopt;
            return forbidden("Only adults can plan an event's tasks; a child can change the status of their own.");
        },
        .guard = events::guardTask,
        .effects = events::taskConsequences,
        .eventName = taskEventName,
        .eventNames = {QStringLiteral("task-created"), QStringLiteral("task-status-changed"), QStringLiteral("task-enabled")},
        .eventData = taskEventData,
        .describe = describeTask,
        // "You can start: Set the tables" to whoever it is for: its assignee, else its role's holders.
        .noticeFor = [](const Change &change, const QJsonObject &, const HouseholdData &data, const QString &memberId) -> QString {
            if (!taskEnabled(change) || memberId.isEmpty())
                return {};
            const QString assignee = textField(change.entity, "assignee_id");
            const QString role = textField(change.entity, "role");
            const bool forThem = !assignee.isEmpty()
                ? assignee == memberId
                : !role.isEmpty() && rolesOf(data).holders(textField(change.entity, "event_id"), role).contains(memberId);
            return forThem ? say("You can start: %1").arg(textOf(change.entity, "title")) : QString();
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<EventTasksModel>(data.engine);
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE event_tasks (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "event_id TEXT NOT NULL REFERENCES event_plans(id) ON DELETE RESTRICT, "
                           "title TEXT NOT NULL, assignee_id TEXT REFERENCES members(id) ON DELETE SET NULL, "
                           "role TEXT NOT NULL, due TEXT, status TEXT NOT NULL, depends_on TEXT NOT NULL, "
                           "position REAL NOT NULL, previous_status TEXT NOT NULL, status_by TEXT NOT NULL, "
                           "enabled_by TEXT NOT NULL, rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX event_tasks_event ON event_tasks (household_id, event_id)"),
        }},
    };
    return spec;
}

// ---- dishes ---------------------------------------------------------------------------------

const CollectionSpec &eventDishesCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::EventDishes,
        .name = QStringLiteral("event_dishes"),
        .table = QStringLiteral("event_dishes"),
        .fields = {reference("event_id", eventRef()).require(kNoSuchEvent), text("name").require("Give the dish a name."),
                   integer("servings", 4).atLeast(1, "A dish serves at least one person."),
                   integer("recipe_servings", 4).atLeast(1, "A recipe serves at least one person."),
                   reference("cook_id", memberRef()), text("notes")},
        .childMay = adultsPlan,
        .guard = events::guardDish,
        .effects = events::dishConsequences,
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) {
            return describePart(change, textOf(change.entity, "name"), eventNameOf(change.entity, data), data);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<EventDishesModel>(data.engine);
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE event_dishes (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "event_id TEXT NOT NULL REFERENCES event_plans(id) ON DELETE RESTRICT, "
                           "name TEXT NOT NULL, servings INTEGER NOT NULL, recipe_servings INTEGER NOT NULL, "
                           "cook_id TEXT REFERENCES members(id) ON DELETE SET NULL, notes TEXT NOT NULL, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX event_dishes_event ON event_dishes (household_id, event_id)"),
        }},
    };
    return spec;
}

// ---- ingredients ----------------------------------------------------------------------------

namespace {

bool quantityMoved(const Change &change)
{
    return change.action == ChangeAction::Updated
        && change.entity.value(QLatin1String("quantity")).toDouble() != change.entity.value(QLatin1String("previous_quantity")).toDouble();
}

// To the event's logistics: the needs moved ("Ingredient requirements updated for Saturday's
// BBQ"); to its cooks (and the dish's): what was bought is there ("Tomatoes are now available (2 kg)").
QString ingredientNotice(const Change &change, const QJsonObject &, const HouseholdData &data, const QString &memberId)
{
    const QString eventId = textField(change.entity, "event_id");
    if (memberId.isEmpty() || eventId.isEmpty())
        return {};
    if (quantityMoved(change)) {
        if (change.userId == memberId || !rolesOf(data).holders(eventId, events::kLogistics).contains(memberId))
            return {};
        return say("Ingredient requirements updated for %1").arg(eventNameOf(change.entity, data));
    }
    // Only the host marks an ingredient available (a card of it bought).
    if (change.action != ChangeAction::Updated || !change.userId.isEmpty() || !change.entity.value(QLatin1String("available")).toBool())
        return {};
    const auto dish = data.model<EventDishesModel>(Collection::EventDishes).find(textField(change.entity, "dish_id"));
    if (!rolesOf(data).holders(eventId, events::kCook).contains(memberId) && (!dish || dish->cookId != memberId))
        return {};
    return say("%1 are now available (%2)")
        .arg(textOf(change.entity, "product"),
             PantryModel::formatAmount(change.entity.value(QLatin1String("available_quantity")).toDouble(), textOf(change.entity, "unit")));
}

} // namespace

const CollectionSpec &eventIngredientsCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::EventIngredients,
        .name = QStringLiteral("event_ingredients"),
        .table = QStringLiteral("event_ingredients"),
        .fields = {reference("dish_id", {Collection::EventDishes, OnDelete::Restrict, "That dish does not exist any more.",
                                         "The dish still has ingredients; remove them first."})
                       .require("That dish does not exist any more."),
                   reference("event_id", eventRef()), text("product").require("Name the ingredient."),
                   real("quantity").atLeast(0, "Quantity cannot be negative.").atMost(1e9, "Quantity is too large.").mergeBy(MergeRule::Higher),
                   text("unit"), boolean("available"), real("available_quantity"), real("previous_quantity"),
                   list("affected_cards"), text("updated_by")},
        .childMay = adultsPlan,
        // Every change recalculates the event's shopping cards in the same unit.
        .guard = events::guardIngredient,
        .effects = events::ingredientConsequences,
        // A card of the event bought (or put back) makes its ingredients available (or not).
        .reactions = {{Collection::BoardCards, events::cardBought}},
        .eventName = [](const Change &change) -> QString {
            return quantityMoved(change) ? QStringLiteral("ingredient-updated") : QStringLiteral("event_ingredients_updated");
        },
        .eventNames = {QStringLiteral("ingredient-updated")},
        .eventData = [](const Change &change) -> QJsonObject {
            if (!quantityMoved(change))
                return {};
            const QJsonObject &e = change.entity;
            return {{QStringLiteral("scheduleId"), e.value(QLatin1String("dish_id"))},
                    {QStringLiteral("ingredientId"), change.entityId},
                    {QStringLiteral("oldQuantity"), e.value(QLatin1String("previous_quantity"))},
                    {QStringLiteral("newQuantity"), e.value(QLatin1String("quantity"))},
                    {QStringLiteral("updatedBy"), e.value(QLatin1String("updated_by"))},
                    {QStringLiteral("affectedShoppingItems"), e.value(QLatin1String("affected_cards"))}};
        },
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) {
            const QString product = textOf(change.entity, "product");
            if (quantityMoved(change))
                return say("%1 changed how much %2 %3 needs").arg(who(change, data), product, eventNameOf(change.entity, data));
            return describePart(change, product, eventNameOf(change.entity, data), data);
        },
        .noticeFor = ingredientNotice,
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<EventIngredientsModel>(data.engine, data.model<EventDishesModel>(Collection::EventDishes));
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE event_ingredients (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "dish_id TEXT NOT NULL REFERENCES event_dishes(id) ON DELETE RESTRICT, "
                           "event_id TEXT REFERENCES event_plans(id) ON DELETE RESTRICT, "
                           "product TEXT NOT NULL, quantity REAL NOT NULL, unit TEXT NOT NULL, available INTEGER NOT NULL, "
                           "available_quantity REAL NOT NULL, previous_quantity REAL NOT NULL, affected_cards TEXT NOT NULL, "
                           "updated_by TEXT NOT NULL, rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX event_ingredients_event ON event_ingredients (household_id, event_id)"),
            QStringLiteral("CREATE INDEX event_ingredients_dish ON event_ingredients (household_id, dish_id)"),
        }},
    };
    return spec;
}

// ---- purchases ------------------------------------------------------------------------------

const CollectionSpec &eventPurchasesCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::EventPurchases,
        .name = QStringLiteral("event_purchases"),
        .table = QStringLiteral("event_purchases"),
        .fields = {reference("event_id", eventRef()).require(kNoSuchEvent),
                   list("items").longest(100000, "A purchase lists a few hundred items at most."),
                   cents("total_cents").atLeast(0, "A total cannot be negative."), boolean("add_to_budget"),
                   text("purchased_by"), text("purchased_at")},
        .childMay = adultsPlan,
        .guard = events::guardPurchase,
        .effects = events::purchaseConsequences,
        .eventName = [](const Change &change) -> QString {
            return change.action == ChangeAction::Created ? QStringLiteral("bulk-shopping-purchase")
                                                          : QStringLiteral("event_purchases_updated");
        },
        .eventNames = {QStringLiteral("bulk-shopping-purchase")},
        .eventData = [](const Change &change) -> QJsonObject {
            if (change.action != ChangeAction::Created)
                return {};
            const QJsonObject &e = change.entity;
            return {{QStringLiteral("purchaseId"), change.entityId},
                    {QStringLiteral("eventId"), e.value(QLatin1String("event_id"))},
                    {QStringLiteral("items"), e.value(QLatin1String("items"))},
                    {QStringLiteral("purchasedBy"), e.value(QLatin1String("purchased_by"))}};
        },
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) {
            const QString event = eventNameOf(change.entity, data);
            const int count = int(change.entity.value(QLatin1String("items")).toArray().size());
            if (change.action == ChangeAction::Created)
                return QCoreApplication::translate("Collections", "%1 bought %n item(s) for %2", nullptr, count).arg(who(change, data), event);
            return describePart(change, say("a purchase"), event, data);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<EventPurchasesModel>(data.engine);
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE event_purchases (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "event_id TEXT NOT NULL REFERENCES event_plans(id) ON DELETE RESTRICT, "
                           "items TEXT NOT NULL, total_cents INTEGER NOT NULL, add_to_budget INTEGER NOT NULL, "
                           "purchased_by TEXT NOT NULL, purchased_at TEXT NOT NULL, rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX event_purchases_event ON event_purchases (household_id, event_id)"),
        }},
    };
    return spec;
}

} // namespace hearth
