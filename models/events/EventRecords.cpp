#include "EventRecords.h"

#include "Records.h"

namespace hearth {

namespace {

QStringList idsOf(const QJsonArray &array)
{
    QStringList ids;
    for (const QJsonValue &value : array) {
        if (value.isString())
            ids.append(value.toString());
    }
    return ids;
}

QJsonArray idsJson(const QStringList &ids)
{
    return QJsonArray::fromStringList(ids);
}

double realField(const QJsonObject &o, const char *key, double otherwise = 0)
{
    return o.value(QLatin1String(key)).toDouble(otherwise);
}

bool boolField(const QJsonObject &o, const char *key, bool otherwise = false)
{
    return o.value(QLatin1String(key)).toBool(otherwise);
}

} // namespace

const QStringList &events::taskStatuses()
{
    static const QStringList all{kDone, kInProgress, kTodo, kBlocked};
    return all;
}

QString events::needKey(const QString &product, const QString &unit)
{
    return product.trimmed().toLower() + QLatin1Char('|') + unit.trimmed();
}

// ---- events ---------------------------------------------------------------------------------

EventPlan EventPlan::fromRow(const RowReader &r)
{
    EventPlan e;
    e.id = r.text("id");
    e.name = r.text("name");
    e.date = r.date("date");
    e.startTime = r.text("start_time");
    e.place = r.text("place");
    e.guestCount = r.integer("guest_count");
    e.budgetCents = r.integer("budget_cents");
    e.usePantry = r.boolean("use_pantry");
    e.notes = r.text("notes");
    e.spentCents = r.integer("spent_cents");
    e.budgetStatus = r.text("budget_status");
    e.previousBudgetStatus = r.text("previous_budget_status");
    e.rev = r.integer("rev");
    return e;
}

EventPlan EventPlan::fromJson(const QJsonObject &o)
{
    EventPlan e;
    e.id = textField(o, "id");
    e.name = textField(o, "name");
    e.date = dateOf(o.value(QLatin1String("date")));
    e.startTime = textField(o, "start_time");
    e.place = textField(o, "place");
    e.guestCount = wholeField(o, "guest_count");
    e.budgetCents = wholeField(o, "budget_cents");
    e.usePantry = boolField(o, "use_pantry", true);
    e.notes = textField(o, "notes");
    e.spentCents = wholeField(o, "spent_cents");
    e.budgetStatus = o.value(QLatin1String("budget_status")).toString(events::kUnder);
    e.previousBudgetStatus = textField(o, "previous_budget_status");
    e.rev = wholeField(o, "rev");
    return e;
}

QJsonObject EventPlan::toFields() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("date"), dateJson(date)},
            {QStringLiteral("start_time"), startTime},
            {QStringLiteral("place"), place},
            {QStringLiteral("guest_count"), guestCount},
            {QStringLiteral("budget_cents"), budgetCents},
            {QStringLiteral("use_pantry"), usePantry},
            {QStringLiteral("notes"), notes}};
}

// ---- roles ----------------------------------------------------------------------------------

EventRole EventRole::fromRow(const RowReader &r)
{
    return {r.text("id"), r.text("event_id"), r.text("member_id"), r.text("role"), r.integer("rev")};
}

EventRole EventRole::fromJson(const QJsonObject &o)
{
    return {textField(o, "id"), textField(o, "event_id"), textField(o, "member_id"), textField(o, "role"), wholeField(o, "rev")};
}

QJsonObject EventRole::toFields() const
{
    return {{QStringLiteral("event_id"), refJson(eventId)},
            {QStringLiteral("member_id"), refJson(memberId)},
            {QStringLiteral("role"), role}};
}

// ---- tasks ----------------------------------------------------------------------------------

EventTask EventTask::fromRow(const RowReader &r)
{
    EventTask t;
    t.id = r.text("id");
    t.eventId = r.text("event_id");
    t.title = r.text("title");
    t.assigneeId = r.text("assignee_id");
    t.role = r.text("role");
    t.due = r.date("due");
    t.status = r.text("status");
    t.dependsOn = idsOf(r.list("depends_on"));
    t.position = r.real("position");
    t.statusBy = r.text("status_by");
    t.enabledBy = r.text("enabled_by");
    t.previousStatus = r.text("previous_status");
    t.rev = r.integer("rev");
    return t;
}

EventTask EventTask::fromJson(const QJsonObject &o)
{
    EventTask t;
    t.id = textField(o, "id");
    t.eventId = textField(o, "event_id");
    t.title = textField(o, "title");
    t.assigneeId = textField(o, "assignee_id");
    t.role = textField(o, "role");
    t.due = dateOf(o.value(QLatin1String("due")));
    t.status = o.value(QLatin1String("status")).toString(events::kTodo);
    t.dependsOn = idsOf(o.value(QLatin1String("depends_on")).toArray());
    t.position = realField(o, "position");
    t.statusBy = textField(o, "status_by");
    t.enabledBy = textField(o, "enabled_by");
    t.previousStatus = textField(o, "previous_status");
    t.rev = wholeField(o, "rev");
    return t;
}

QJsonObject EventTask::toFields() const
{
    return {{QStringLiteral("event_id"), refJson(eventId)},
            {QStringLiteral("title"), title},
            {QStringLiteral("assignee_id"), refJson(assigneeId)},
            {QStringLiteral("role"), role},
            {QStringLiteral("due"), dateJson(due)},
            {QStringLiteral("status"), status},
            {QStringLiteral("depends_on"), idsJson(dependsOn)},
            {QStringLiteral("position"), position}};
}

// ---- dishes ---------------------------------------------------------------------------------

EventDish EventDish::fromRow(const RowReader &r)
{
    return {r.text("id"), r.text("event_id"), r.text("name"), r.integer("servings"), r.integer("recipe_servings"),
            r.text("cook_id"), r.text("notes"), r.integer("rev")};
}

EventDish EventDish::fromJson(const QJsonObject &o)
{
    return {textField(o, "id"), textField(o, "event_id"), textField(o, "name"), wholeField(o, "servings", 4),
            wholeField(o, "recipe_servings", 4), textField(o, "cook_id"), textField(o, "notes"), wholeField(o, "rev")};
}

QJsonObject EventDish::toFields() const
{
    return {{QStringLiteral("event_id"), refJson(eventId)},
            {QStringLiteral("name"), name},
            {QStringLiteral("servings"), servings},
            {QStringLiteral("recipe_servings"), recipeServings},
            {QStringLiteral("cook_id"), refJson(cookId)},
            {QStringLiteral("notes"), notes}};
}

// ---- ingredients ----------------------------------------------------------------------------

EventIngredient EventIngredient::fromRow(const RowReader &r)
{
    EventIngredient i;
    i.id = r.text("id");
    i.dishId = r.text("dish_id");
    i.eventId = r.text("event_id");
    i.product = r.text("product");
    i.quantity = r.real("quantity");
    i.unit = r.text("unit");
    i.available = r.boolean("available");
    i.availableQuantity = r.real("available_quantity");
    i.previousQuantity = r.real("previous_quantity");
    i.affectedCards = idsOf(r.list("affected_cards"));
    i.updatedBy = r.text("updated_by");
    i.rev = r.integer("rev");
    return i;
}

EventIngredient EventIngredient::fromJson(const QJsonObject &o)
{
    EventIngredient i;
    i.id = textField(o, "id");
    i.dishId = textField(o, "dish_id");
    i.eventId = textField(o, "event_id");
    i.product = textField(o, "product");
    i.quantity = realField(o, "quantity");
    i.unit = textField(o, "unit");
    i.available = boolField(o, "available");
    i.availableQuantity = realField(o, "available_quantity");
    i.previousQuantity = realField(o, "previous_quantity");
    i.affectedCards = idsOf(o.value(QLatin1String("affected_cards")).toArray());
    i.updatedBy = textField(o, "updated_by");
    i.rev = wholeField(o, "rev");
    return i;
}

QJsonObject EventIngredient::toFields() const
{
    return {{QStringLiteral("dish_id"), refJson(dishId)},
            {QStringLiteral("product"), product},
            {QStringLiteral("quantity"), quantity},
            {QStringLiteral("unit"), unit}};
}

double EventIngredient::scaledQuantity(const EventDish &dish) const
{
    if (dish.recipeServings <= 0)
        return quantity;
    return quantity * double(dish.servings) / double(dish.recipeServings);
}

// ---- purchases ------------------------------------------------------------------------------

EventPurchase EventPurchase::fromRow(const RowReader &r)
{
    return {r.text("id"), r.text("event_id"), r.list("items"), r.integer("total_cents"), r.boolean("add_to_budget"),
            r.text("purchased_by"), r.text("purchased_at"), r.integer("rev")};
}

EventPurchase EventPurchase::fromJson(const QJsonObject &o)
{
    return {textField(o, "id"), textField(o, "event_id"), o.value(QLatin1String("items")).toArray(), wholeField(o, "total_cents"),
            boolField(o, "add_to_budget"), textField(o, "purchased_by"), textField(o, "purchased_at"), wholeField(o, "rev")};
}

QJsonObject EventPurchase::toFields() const
{
    return {{QStringLiteral("event_id"), refJson(eventId)},
            {QStringLiteral("items"), items},
            {QStringLiteral("total_cents"), totalCents},
            {QStringLiteral("add_to_budget"), addToBudget}};
}

} // namespace hearth
