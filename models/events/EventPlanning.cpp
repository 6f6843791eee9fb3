#include "EventPlanning.h"

#include "AuthoritativeEngine.h"
#include "BoardModels.h"
#include "Clock.h"
#include "EventRecords.h"
#include "PantryModel.h"
#include "Permissions.h"
#include "Records.h"
#include "SqlStatement.h"
#include "Store.h"
#include "collections/Definition.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QMap>
#include <QSet>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace hearth::events {

namespace {

constexpr double kEpsilon = 1e-9;

const QString kStatus = QStringLiteral("status");
const QString kDependsOn = QStringLiteral("depends_on");
const QString kEventId = QStringLiteral("event_id");

using namespace definition;

// A refusal worded with what only the host knows ("Waiting for: Buy charcoal").
MutationError invalidBecause(const char *field, const QString &text)
{
    return MutationError{QStringLiteral("invalid"), text, QString::fromLatin1(field)};
}

std::optional<MutationError> failed(const MutationResult &result)
{
    if (result.ok)
        return std::nullopt;
    return result.error;
}

// A change the system writes in the unit of the change that caused it.
std::optional<MutationError> writeAsSystem(AuthoritativeEngine &engine, Collection collection, MutationOp op, const QString &id,
                                           const QJsonObject &fields = {})
{
    return failed(engine.submitAs(Mutation{{}, collection, op, id, -1, fields}, QString()));
}

double realOf(const QJsonObject &entity, const char *key)
{
    return entity.value(QLatin1String(key)).toDouble();
}

bool flagOf(const QJsonObject &entity, const char *key)
{
    return entity.value(QLatin1String(key)).toBool();
}

// Quantities as the shopping list keeps them: to the thousandth, so sums of scaled recipes do not
// leave 1.7500000001 kg on a card.
double rounded(double quantity)
{
    return std::round(quantity * 1000.0) / 1000.0;
}

QStringList idList(const QJsonValue &value)
{
    QStringList ids;
    for (const QJsonValue &id : value.toArray())
        ids.append(id.toString());
    return ids;
}

// The board's columns, left to right.
QList<QJsonObject> columnsInOrder(AuthoritativeEngine &engine)
{
    QList<QJsonObject> columns;
    for (const QJsonValue &row : engine.snapshot(Collection::BoardColumns))
        columns.append(row.toObject());
    std::stable_sort(columns.begin(), columns.end(), [](const QJsonObject &a, const QJsonObject &b) {
        const double pa = realOf(a, "position");
        const double pb = realOf(b, "position");
        return pa != pb ? pa < pb : textField(a, "id") < textField(b, "id");
    });
    return columns;
}

// Below the last card of a column.
double bottomOf(AuthoritativeEngine &engine, const QString &columnId)
{
    std::optional<double> last;
    for (const QString &id : idsWhere(engine, Collection::BoardCards, "column_id", columnId)) {
        if (const auto card = engine.entity(Collection::BoardCards, id))
            last = std::max(last.value_or(realOf(*card, "position")), realOf(*card, "position"));
    }
    return positionBetween(last, std::nullopt);
}

} // namespace

QStringList idsWhere(AuthoritativeEngine &engine, Collection collection, const char *field, const QString &value)
{
    QStringList ids;
    if (value.isEmpty())
        return ids;
    SqlStatement::Run rows(engine.store().statement(
        QStringLiteral("SELECT id FROM %1 WHERE household_id = ? AND %2 = ? ORDER BY id").arg(collectionSpec(collection).table, QLatin1String(field))));
    rows->bind(0, engine.householdId());
    rows->bind(1, value);
    while (rows->step())
        ids.append(rows->text(0));
    return ids;
}

QList<QJsonObject> rowsWhere(AuthoritativeEngine &engine, Collection collection, const char *field, const QString &value)
{
    QList<QJsonObject> rows;
    for (const QString &id : idsWhere(engine, collection, field, value)) {
        if (auto row = engine.entity(collection, id))
            rows.append(std::move(*row));
    }
    return rows;
}

// ---- tasks ----------------------------------------------------------------------------------

namespace {

// The titles of the dependencies not done yet.
QStringList waitingFor(AuthoritativeEngine &engine, const QStringList &dependsOn)
{
    QStringList titles;
    for (const QString &id : dependsOn) {
        const auto dependency = engine.entity(Collection::EventTasks, id);
        if (dependency && textField(*dependency, "status") != kDone)
            titles.append(textField(*dependency, "title"));
    }
    return titles;
}

// The task's dependencies, checked: tasks of the same event, each once, never itself, and no
// chain leading back to it.
std::optional<MutationError> checkDependencies(AuthoritativeEngine &engine, QJsonObject &task)
{
    const QString taskId = textField(task, "id");
    const QString eventId = textField(task, "event_id");
    QStringList dependsOn;
    for (const QString &id : idList(task.value(kDependsOn))) {
        if (id == taskId)
            return invalidBecause("depends_on", say("A task cannot wait for itself."));
        const auto dependency = engine.entity(Collection::EventTasks, id);
        if (!dependency || textField(*dependency, "event_id") != eventId)
            return invalidBecause("depends_on", say("A task can wait only for tasks of the same event."));
        if (!dependsOn.contains(id))
            dependsOn.append(id);
    }
    QSet<QString> seen;
    QStringList toVisit = dependsOn;
    while (!toVisit.isEmpty()) {
        const QString id = toVisit.takeLast();
        if (id == taskId)
            return invalidBecause("depends_on", say("Those tasks would wait for each other forever: a task cannot wait for one that waits for it."));
        if (seen.contains(id))
            continue;
        seen.insert(id);
        if (const auto next = engine.entity(Collection::EventTasks, id))
            toVisit.append(idList(next->value(kDependsOn)));
    }
    task.insert(kDependsOn, QJsonArray::fromStringList(dependsOn));
    return std::nullopt;
}

bool allDone(AuthoritativeEngine &engine, const QJsonObject &task)
{
    return waitingFor(engine, idList(task.value(kDependsOn))).isEmpty();
}

} // namespace

std::optional<MutationError> guardTask(MutationContext &context)
{
    if (context.mutation.op == MutationOp::Delete)
        return std::nullopt;
    AuthoritativeEngine &engine = context.engine;
    QJsonObject &task = context.after;
    const std::optional<QJsonObject> &before = context.before;
    const bool system = context.memberId.isEmpty();
    if (!system) {
        for (const char *key : {"status_by", "enabled_by"})
            task.insert(QLatin1String(key), before ? before->value(QLatin1String(key)) : QJsonValue(QString()));
        if (before && textField(*before, "event_id") != textField(task, "event_id"))
            return invalidBecause("event_id", say("A task stays with its event; add a new task to the other event."));
        if (context.role == Permissions::kChild && (!before || textField(*before, "assignee_id") != context.memberId))
            return forbidden("A child can change only the status of tasks given to them.");
    }
    task.insert(QStringLiteral("previous_status"), before ? before->value(kStatus) : QJsonValue(QString()));
    if (auto refused = checkDependencies(engine, task))
        return refused;

    // Blocked is the host's word: a task waiting for others is blocked, one that waits for
    // nothing is not. A member asking for another status while it waits is told for what.
    const QStringList waiting = waitingFor(engine, idList(task.value(kDependsOn)));
    QString status = textField(task, "status");
    if (!waiting.isEmpty()) {
        if (!system && context.mutation.fields.contains(kStatus) && status != kBlocked
            && (!before || textField(*before, "status") != status))
            return invalidBecause("status", say("Waiting for: %1").arg(waiting.join(QStringLiteral(", "))));
        status = kBlocked;
    } else if (status == kBlocked) {
        status = kTodo;
    }
    task.insert(kStatus, status);
    if (!system && (!before || textField(*before, "status") != status))
        task.insert(QStringLiteral("status_by"), context.memberId);
    return std::nullopt;
}

std::optional<MutationError> taskConsequences(MutationContext &context)
{
    AuthoritativeEngine &engine = context.engine;
    const QJsonObject &task = context.after;
    const QString taskId = textField(task, "id");
    const QString by = context.memberId.isEmpty() ? textField(task, "status_by") : context.memberId;
    if (context.mutation.op == MutationOp::Delete) {
        // A deleted task is waited for no more.
        for (const QJsonObject &other : rowsWhere(engine, Collection::EventTasks, "event_id", textField(task, "event_id"))) {
            QStringList dependsOn = idList(other.value(kDependsOn));
            if (!dependsOn.removeAll(taskId))
                continue;
            QJsonObject fields{{kDependsOn, QJsonArray::fromStringList(dependsOn)}};
            if (textField(other, "status") == kBlocked && waitingFor(engine, dependsOn).isEmpty())
                fields.insert(QStringLiteral("enabled_by"), by);
            if (auto error = writeAsSystem(engine, Collection::EventTasks, MutationOp::Update, textField(other, "id"), fields))
                return error;
        }
        return std::nullopt;
    }
    if (context.mutation.op != MutationOp::Update)
        return std::nullopt;
    const bool wasDone = textField(*context.before, "status") == kDone;
    const bool done = textField(task, "status") == kDone;
    if (wasDone == done)
        return std::nullopt;
    for (const QJsonObject &other : rowsWhere(engine, Collection::EventTasks, "event_id", textField(task, "event_id"))) {
        if (!idList(other.value(kDependsOn)).contains(taskId))
            continue;
        const QString status = textField(other, "status");
        QJsonObject fields;
        if (done && status == kBlocked && allDone(engine, other))
            fields = {{kStatus, kTodo}, {QStringLiteral("enabled_by"), by}}; // the last it waited for
        else if (!done && (status == kTodo || status == kInProgress))
            fields = {{kStatus, kBlocked}}; // what it waited for is not done after all
        if (fields.isEmpty())
            continue;
        if (auto error = writeAsSystem(engine, Collection::EventTasks, MutationOp::Update, textField(other, "id"), fields))
            return error;
    }
    return std::nullopt;
}

// ---- shopping needs -------------------------------------------------------------------------

namespace {

struct Need
{
    QString product; // as first typed
    QString unit;
    double quantity = 0;
};

// The card of an event's need: the same id whoever works it out, so the host's guard can name
// the cards a change will touch before its effects write them.
QString cardIdFor(const QString &eventId, const QString &key)
{
    static const QUuid space = QUuid::fromString(QStringLiteral("{6f1d7a52-3c1e-4d8f-9a43-5b2f0e7c8d19}"));
    return QUuid::createUuidV5(space, eventId + QLatin1Char('|') + key).toString(QUuid::WithoutBraces);
}

QString titleFor(const QString &product)
{
    QString title = product.trimmed();
    if (!title.isEmpty())
        title[0] = title.at(0).toUpper();
    return title;
}

} // namespace

QList<CardChange> planShopping(AuthoritativeEngine &engine, const QString &eventId, const PlanOverride &override)
{
    QList<CardChange> changes;
    const auto event = eventId.isEmpty() ? std::nullopt : engine.entity(Collection::EventPlans, eventId);
    if (!event)
        return changes;
    const bool usePantry = override.usePantry.value_or(event->value(QLatin1String("use_pantry")).toBool(true));

    QHash<QString, QJsonObject> dishes;
    for (QJsonObject &dish : rowsWhere(engine, Collection::EventDishes, "event_id", eventId))
        dishes.insert(textField(dish, "id"), std::move(dish));
    if (override.dish) {
        if (textField(*override.dish, "event_id") == eventId)
            dishes.insert(textField(*override.dish, "id"), *override.dish);
        else
            dishes.remove(textField(*override.dish, "id"));
    }
    QList<QJsonObject> ingredients;
    const QString replaced = override.ingredient ? textField(*override.ingredient, "id") : QString();
    for (QJsonObject &ingredient : rowsWhere(engine, Collection::EventIngredients, "event_id", eventId)) {
        const QString id = textField(ingredient, "id");
        if (id != replaced && id != override.deletedIngredient)
            ingredients.append(std::move(ingredient));
    }
    if (override.ingredient && textField(*override.ingredient, "event_id") == eventId)
        ingredients.append(*override.ingredient);

    QMap<QString, Need> needs; // ordered: the plan comes out the same every time
    for (const QJsonObject &ingredient : ingredients) {
        const auto dish = dishes.constFind(textField(ingredient, "dish_id"));
        if (dish == dishes.constEnd())
            continue;
        const qint64 recipe = std::max<qint64>(1, wholeField(*dish, "recipe_servings", 4));
        const double scaled = realOf(ingredient, "quantity") * double(wholeField(*dish, "servings", 4)) / double(recipe);
        const QString product = textField(ingredient, "product").trimmed();
        const QString unit = textField(ingredient, "unit").trimmed();
        Need &need = needs[needKey(product, unit)];
        if (need.product.isEmpty()) {
            need.product = product;
            need.unit = unit;
        }
        need.quantity += scaled;
    }
    if (usePantry) {
        // The pantry's stock of a product, in the need's unit where it converts (500 g of 1.75 kg).
        for (const QJsonValue &row : engine.snapshot(Collection::Pantry)) {
            const QJsonObject item = row.toObject();
            const QString name = textField(item, "name").trimmed();
            const QString unit = textField(item, "unit").trimmed();
            for (auto need = needs.begin(); need != needs.end(); ++need) {
                if (need->product.compare(name, Qt::CaseInsensitive) != 0 || need->unit.isEmpty() != unit.isEmpty())
                    continue;
                if (const auto held = PantryModel::convertAmount(realOf(item, "quantity"), unit, need->unit))
                    need->quantity -= *held;
            }
        }
    }

    QHash<QString, QJsonObject> cards; // need_key -> the event's card
    for (QJsonObject &card : rowsWhere(engine, Collection::BoardCards, "event_id", eventId)) {
        const QString key = textField(card, "need_key");
        if (!key.isEmpty() && !cards.contains(key))
            cards.insert(key, std::move(card));
    }
    QStringList keys = needs.keys();
    for (auto it = cards.cbegin(); it != cards.cend(); ++it) {
        if (!needs.contains(it.key()))
            keys.append(it.key());
    }
    std::sort(keys.begin(), keys.end());

    const QList<QJsonObject> columns = columnsInOrder(engine);
    const QString firstColumn = columns.isEmpty() ? QString() : textField(columns.first(), "id");
    std::optional<double> position;
    for (const QString &key : keys) {
        const Need need = needs.value(key);
        const double needed = rounded(std::max(0.0, need.quantity));
        if (const auto card = cards.constFind(key); card != cards.constEnd()) {
            const QString cardId = textField(*card, "id");
            const bool bought = flagOf(*card, "done");
            // A bought card stays, showing at least what was bought.
            const double target = bought ? std::max(needed, realOf(*card, "purchased_quantity")) : needed;
            if (!bought && target <= kEpsilon) {
                changes.append({MutationOp::Delete, cardId, {}});
                continue;
            }
            const QString unit = textField(*card, "need_unit");
            const QString quantity = PantryModel::formatAmount(target, unit);
            if (std::abs(realOf(*card, "need_quantity") - target) > kEpsilon || textField(*card, "quantity") != quantity)
                changes.append({MutationOp::Update, cardId,
                                {{QStringLiteral("need_quantity"), target}, {QStringLiteral("quantity"), quantity}}});
            continue;
        }
        if (needed <= kEpsilon || firstColumn.isEmpty())
            continue;
        const QString cardId = cardIdFor(eventId, key);
        QJsonObject fields{{QStringLiteral("title"), titleFor(need.product)},
                           {QStringLiteral("quantity"), PantryModel::formatAmount(needed, need.unit)},
                           {QStringLiteral("note"), say("For %1").arg(textField(*event, "name"))},
                           {kEventId, eventId},
                           {QStringLiteral("need_key"), key},
                           {QStringLiteral("need_quantity"), needed},
                           {QStringLiteral("need_unit"), need.unit},
                           // Bought for the event and eaten there: not stocked in the pantry.
                           {QStringLiteral("to_pantry"), false}};
        if (engine.exists(Collection::BoardCards, cardId)) {
            // The card as it was before someone deleted and restored it without its link.
            changes.append({MutationOp::Update, cardId, fields});
            continue;
        }
        if (!position)
            position = bottomOf(engine, firstColumn);
        else
            position = positionBetween(position, std::nullopt);
        fields.insert(QStringLiteral("column_id"), firstColumn);
        fields.insert(QStringLiteral("position"), *position);
        changes.append({MutationOp::Create, cardId, fields});
    }
    return changes;
}

std::optional<MutationError> recalculateShopping(AuthoritativeEngine &engine, const QString &eventId)
{
    for (const CardChange &change : planShopping(engine, eventId)) {
        if (auto error = writeAsSystem(engine, Collection::BoardCards, change.op, change.cardId, change.fields))
            return error;
    }
    return std::nullopt;
}

std::optional<MutationError> guardIngredient(MutationContext &context)
{
    if (context.mutation.op == MutationOp::Delete)
        return std::nullopt;
    AuthoritativeEngine &engine = context.engine;
    QJsonObject &ingredient = context.after;
    const std::optional<QJsonObject> &before = context.before;
    const auto dish = engine.entity(Collection::EventDishes, textField(ingredient, "dish_id"));
    ingredient.insert(kEventId, dish ? dish->value(kEventId) : QJsonValue(QJsonValue::Null));
    ingredient.insert(QStringLiteral("previous_quantity"), before ? before->value(QLatin1String("quantity")) : QJsonValue(0));
    if (context.memberId.isEmpty())
        return std::nullopt; // the host marking it available
    ingredient.insert(QStringLiteral("available"), before ? before->value(QLatin1String("available")) : QJsonValue(false));
    ingredient.insert(QStringLiteral("available_quantity"), before ? before->value(QLatin1String("available_quantity")) : QJsonValue(0));
    ingredient.insert(QStringLiteral("updated_by"), context.memberId);
    // The cards this change will recalculate (the effects write them): told with the change.
    QStringList affected;
    QStringList events{textField(ingredient, "event_id")};
    if (before && textField(*before, "event_id") != events.first())
        events.append(textField(*before, "event_id"));
    for (const QString &eventId : events) {
        for (const CardChange &change : planShopping(engine, eventId, {ingredient, {}, {}, {}}))
            affected.append(change.cardId);
    }
    ingredient.insert(QStringLiteral("affected_cards"), QJsonArray::fromStringList(affected));
    return std::nullopt;
}

std::optional<MutationError> ingredientConsequences(MutationContext &context)
{
    if (context.memberId.isEmpty() && context.mutation.op == MutationOp::Update)
        return std::nullopt; // marked available: the needs are the same
    QStringList events{textField(context.after, "event_id")};
    if (context.before && textField(*context.before, "event_id") != events.first())
        events.append(textField(*context.before, "event_id"));
    for (const QString &eventId : events) {
        if (auto error = recalculateShopping(context.engine, eventId))
            return error;
    }
    return std::nullopt;
}

std::optional<MutationError> guardDish(MutationContext &context)
{
    if (context.mutation.op == MutationOp::Update && !context.memberId.isEmpty()
        && textField(*context.before, "event_id") != textField(context.after, "event_id"))
        return invalidBecause("event_id", say("A dish stays with its event; add a new dish to the other event."));
    return std::nullopt;
}

std::optional<MutationError> dishConsequences(MutationContext &context)
{
    if (context.mutation.op != MutationOp::Update)
        return std::nullopt; // a new dish has no ingredients yet; one that has cannot be deleted
    const QJsonObject &before = *context.before;
    if (wholeField(before, "servings") == wholeField(context.after, "servings")
        && wholeField(before, "recipe_servings") == wholeField(context.after, "recipe_servings"))
        return std::nullopt;
    return recalculateShopping(context.engine, textField(context.after, "event_id"));
}

// ---- events and their budget ----------------------------------------------------------------

QString budgetStatus(qint64 spentCents, qint64 budgetCents)
{
    if (budgetCents <= 0)
        return kUnder;
    // In cents (spent * 100 >= budget * 80), so no rounding decides.
    if (spentCents * 100 >= budgetCents * 100)
        return kOver;
    if (spentCents * 100 >= budgetCents * 80)
        return kNear;
    return kUnder;
}

std::optional<MutationError> guardEvent(MutationContext &context)
{
    if (context.mutation.op == MutationOp::Delete)
        return std::nullopt;
    QJsonObject &event = context.after;
    const std::optional<QJsonObject> &before = context.before;
    if (!context.memberId.isEmpty())
        event.insert(QStringLiteral("spent_cents"), before ? before->value(QLatin1String("spent_cents")) : QJsonValue(0));
    event.insert(QStringLiteral("previous_budget_status"), before ? before->value(QLatin1String("budget_status")) : QJsonValue(QString()));
    event.insert(QStringLiteral("budget_status"), budgetStatus(wholeField(event, "spent_cents"), wholeField(event, "budget_cents")));
    return std::nullopt;
}

std::optional<MutationError> eventConsequences(MutationContext &context)
{
    if (context.mutation.op != MutationOp::Update
        || flagOf(*context.before, "use_pantry") == flagOf(context.after, "use_pantry"))
        return std::nullopt;
    return recalculateShopping(context.engine, textField(context.after, "id"));
}

std::optional<MutationError> transactionMoved(MutationContext &context)
{
    AuthoritativeEngine &engine = context.engine;
    QStringList events{textField(context.after, "event_id")};
    if (context.before && textField(*context.before, "event_id") != events.first())
        events.append(textField(*context.before, "event_id"));
    for (const QString &eventId : events) {
        const auto event = eventId.isEmpty() ? std::nullopt : engine.entity(Collection::EventPlans, eventId);
        if (!event)
            continue;
        // Spending as the budget counts it: every transaction but income, refunds taking off. A
        // transaction hidden from a member (a surprise's price) is left out: every member sees the
        // event's spending, and its jump would give the surprise away.
        qint64 spent = 0;
        {
            SqlStatement::Run sum(engine.store().statement(
                QStringLiteral("SELECT COALESCE(SUM(amount_cents), 0) FROM transactions WHERE household_id = ? AND event_id = ? "
                               "AND category <> 'Income' AND hidden_from_member_id IS NULL")));
            sum->bind(0, engine.householdId());
            sum->bind(1, eventId);
            if (sum->step())
                spent = sum->int64(0);
        }
        if (spent == wholeField(*event, "spent_cents"))
            continue;
        if (auto error = writeAsSystem(engine, Collection::EventPlans, MutationOp::Update, eventId, {{QStringLiteral("spent_cents"), spent}}))
            return error;
    }
    return std::nullopt;
}

// ---- purchases ------------------------------------------------------------------------------

std::optional<MutationError> guardPurchase(MutationContext &context)
{
    const bool system = context.memberId.isEmpty();
    if (context.mutation.op == MutationOp::Delete)
        return std::nullopt; // its effects take back what it did (purchaseConsequences)
    if (context.mutation.op == MutationOp::Update) {
        if (!system)
            return invalidBecause("items", say("A purchase cannot be changed; tick the cards on the shopping board instead."));
        return std::nullopt;
    }
    AuthoritativeEngine &engine = context.engine;
    QJsonObject &purchase = context.after;
    const QString eventId = textField(purchase, "event_id");
    QJsonArray items;
    QSet<QString> listed;
    for (const QJsonValue &value : purchase.value(QLatin1String("items")).toArray()) {
        const QJsonObject item = value.toObject();
        const QString cardId = textField(item, "card_id");
        if (cardId.isEmpty())
            return invalidBecause("items", say("Each thing bought names its shopping card."));
        const auto card = engine.entity(Collection::BoardCards, cardId);
        // The event's card, or one the event's deletion left without it (an undo of that deletion
        // puts the purchase back before anything else names the card again): its id says whose it is.
        const bool orphanOfEvent = card && textField(*card, "event_id").isEmpty() && !eventId.isEmpty()
            && cardId == cardIdFor(eventId, textField(*card, "need_key"));
        if (!card || eventId.isEmpty() || (textField(*card, "event_id") != eventId && !orphanOfEvent))
            return invalidBecause("items", say("Only the event's own shopping cards can be bought for it."));
        const QJsonValue quantity = item.value(QLatin1String("quantity"));
        if (!quantity.isUndefined() && !quantity.isNull() && (!quantity.isDouble() || !(quantity.toDouble() >= 0)))
            return invalidBecause("items", say("A quantity bought is a number, zero or more."));
        if (listed.contains(cardId))
            continue;
        listed.insert(cardId);
        items.append(QJsonObject{{QStringLiteral("card_id"), cardId},
                                 {QStringLiteral("quantity"), quantity.isDouble() ? quantity.toDouble() : realOf(*card, "need_quantity")}});
    }
    if (items.isEmpty())
        return invalidBecause("items", say("Choose what was bought."));
    purchase.insert(QStringLiteral("items"), items);
    if (!system)
        purchase.insert(QStringLiteral("purchased_by"), context.memberId);
    purchase.insert(QStringLiteral("purchased_at"), engine.clock().now().toUTC().toString(Qt::ISODateWithMs));
    // The spending it writes is named up front, so that deleting the purchase (its undo) takes
    // that spending back and nothing else; whatever a client sent here is not trusted.
    const bool spends = flagOf(purchase, "add_to_budget") && wholeField(purchase, "total_cents") > 0;
    purchase.insert(QStringLiteral("transaction_id"), spends ? QUuid::createUuid().toString(QUuid::WithoutBraces) : QString());
    return std::nullopt;
}

namespace {

// Deleting a purchase (undoing it) takes back what it did: the cards it ticked and are still as it
// left them go back on the list, and its spending leaves the budget.
std::optional<MutationError> takeBackPurchase(AuthoritativeEngine &engine, const QJsonObject &purchase)
{
    const QList<QJsonObject> columns = columnsInOrder(engine);
    const QString firstColumn = columns.isEmpty() ? QString() : textField(columns.first(), "id");
    for (const QJsonValue &value : purchase.value(QLatin1String("items")).toArray()) {
        const QString cardId = textField(value.toObject(), "card_id");
        const auto card = engine.entity(Collection::BoardCards, cardId);
        // Bought by this purchase (its time) and not ticked again since.
        if (!card || !flagOf(*card, "done") || textField(*card, "bought_at") != textField(purchase, "purchased_at"))
            continue;
        QJsonObject fields{{QStringLiteral("done"), false},
                           {QStringLiteral("purchased_quantity"), 0},
                           {QStringLiteral("bought_by"), QJsonValue(QJsonValue::Null)},
                           {QStringLiteral("bought_at"), QString()}};
        if (!firstColumn.isEmpty()) {
            fields.insert(QStringLiteral("column_id"), firstColumn);
            fields.insert(QStringLiteral("position"), bottomOf(engine, firstColumn));
        }
        if (auto error = writeAsSystem(engine, Collection::BoardCards, MutationOp::Update, cardId, fields))
            return error;
    }
    const QString spending = textField(purchase, "transaction_id");
    if (!spending.isEmpty() && engine.exists(Collection::Transactions, spending))
        return writeAsSystem(engine, Collection::Transactions, MutationOp::Delete, spending);
    return std::nullopt;
}

} // namespace

std::optional<MutationError> purchaseConsequences(MutationContext &context)
{
    if (context.mutation.op == MutationOp::Delete && context.before)
        return takeBackPurchase(context.engine, *context.before);
    if (context.mutation.op != MutationOp::Create)
        return std::nullopt;
    AuthoritativeEngine &engine = context.engine;
    const QJsonObject &purchase = context.after;
    const QString buyer = textField(purchase, "purchased_by");
    const QList<QJsonObject> columns = columnsInOrder(engine);
    const QString doneColumn = columns.size() >= 2 ? textField(columns.last(), "id") : QString();
    for (const QJsonValue &value : purchase.value(QLatin1String("items")).toArray()) {
        const QJsonObject item = value.toObject();
        const QString cardId = textField(item, "card_id");
        const auto card = engine.entity(Collection::BoardCards, cardId);
        if (!card || flagOf(*card, "done"))
            continue; // bought already: not bought twice
        QJsonObject fields{{QStringLiteral("done"), true},
                           {QStringLiteral("purchased_quantity"), realOf(item, "quantity")},
                           {QStringLiteral("bought_by"), refJson(buyer)},
                           {QStringLiteral("bought_at"), purchase.value(QLatin1String("purchased_at"))},
                           {kEventId, purchase.value(kEventId)}}; // (linked again, after an undone deletion)
        if (!doneColumn.isEmpty()) {
            fields.insert(QStringLiteral("column_id"), doneColumn);
            fields.insert(QStringLiteral("position"), bottomOf(engine, doneColumn));
        }
        if (auto error = writeAsSystem(engine, Collection::BoardCards, MutationOp::Update, cardId, fields))
            return error;
    }
    const qint64 total = wholeField(purchase, "total_cents");
    if (!flagOf(purchase, "add_to_budget") || total <= 0)
        return std::nullopt;
    const auto event = engine.entity(Collection::EventPlans, textField(purchase, "event_id"));
    const QJsonObject spending{{QStringLiteral("occurred_on"), engine.clock().today().toString(Qt::ISODate)},
                               {QStringLiteral("description"), say("Shopping for %1").arg(event ? textField(*event, "name") : QString())},
                               {QStringLiteral("category"), QStringLiteral("Events")},
                               {QStringLiteral("amount_cents"), total},
                               {QStringLiteral("member_id"), refJson(buyer)},
                               {kEventId, purchase.value(kEventId)}};
    return writeAsSystem(engine, Collection::Transactions, MutationOp::Create, textField(purchase, "transaction_id"), spending);
}

std::optional<MutationError> cardBought(MutationContext &context)
{
    AuthoritativeEngine &engine = context.engine;
    const QJsonObject &card = context.after;
    const QString eventId = textField(card, "event_id");
    const QString key = textField(card, "need_key");
    if (eventId.isEmpty() || key.isEmpty())
        return std::nullopt;
    const bool wasDone = context.before && flagOf(*context.before, "done");
    const bool done = context.mutation.op != MutationOp::Delete && flagOf(card, "done");
    const double purchased = realOf(card, "purchased_quantity");
    if (wasDone == done && (!done || realOf(*context.before, "purchased_quantity") == purchased))
        return std::nullopt;
    // What was bought covers the need in that share (all of it when at least the need was bought).
    const double needed = realOf(card, "need_quantity");
    const double share = done && needed > kEpsilon ? std::min(1.0, purchased / needed) : 1.0;
    for (const QJsonObject &ingredient : rowsWhere(engine, Collection::EventIngredients, "event_id", eventId)) {
        if (needKey(textField(ingredient, "product"), textField(ingredient, "unit")) != key)
            continue;
        const auto dish = engine.entity(Collection::EventDishes, textField(ingredient, "dish_id"));
        const double scaled = dish ? EventIngredient::fromJson(ingredient).scaledQuantity(EventDish::fromJson(*dish))
                                   : realOf(ingredient, "quantity");
        const double available = done ? rounded(scaled * share) : 0;
        if (flagOf(ingredient, "available") == done && std::abs(realOf(ingredient, "available_quantity") - available) <= kEpsilon)
            continue;
        if (auto error = writeAsSystem(engine, Collection::EventIngredients, MutationOp::Update, textField(ingredient, "id"),
                                       {{QStringLiteral("available"), done}, {QStringLiteral("available_quantity"), available}}))
            return error;
    }
    return std::nullopt;
}

} // namespace hearth::events
