// The shopping board: columns ("To buy", "In cart", "Done") and the cards on them.

#include "Definition.h"

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "ShoppingList.h"
#include "SqlStatement.h"
#include "Store.h"

#include <QJsonArray>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace hearth {

using namespace definition;

namespace {

const QString kDone = QStringLiteral("done");
const QString kColumnId = QStringLiteral("column_id");
const QString kPosition = QStringLiteral("position");
const QString kId = QStringLiteral("id");
const QString kPantryItemId = QStringLiteral("pantry_item_id");
const QString kToPantry = QStringLiteral("to_pantry");
const QString kAddedToPantry = QStringLiteral("added_to_pantry");
const QString kPantryAmount = QStringLiteral("pantry_amount");
const QString kBoughtBy = QStringLiteral("bought_by");
const QString kBoughtAt = QStringLiteral("bought_at");
const QString kQuantityDelta = QStringLiteral("quantity_delta");

// The rows of a board collection, left to right or top to bottom.
QList<QJsonObject> byPosition(const QJsonArray &rows)
{
    QList<QJsonObject> list;
    for (const QJsonValue &row : rows)
        list.append(row.toObject());
    std::stable_sort(list.begin(), list.end(), [](const QJsonObject &a, const QJsonObject &b) {
        const double pa = a.value(kPosition).toDouble();
        const double pb = b.value(kPosition).toDouble();
        return pa != pb ? pa < pb : a.value(QLatin1String("id")).toString() < b.value(QLatin1String("id")).toString();
    });
    return list;
}

// Below the last card of a column (the card itself left out).
double bottomOf(AuthoritativeEngine &engine, const QString &columnId, const QString &cardId)
{
    std::optional<double> last;
    for (const QJsonValue &row : engine.snapshot(Collection::BoardCards)) {
        const QJsonObject card = row.toObject();
        if (card.value(kColumnId).toString() == columnId && card.value(QLatin1String("id")).toString() != cardId)
            last = std::max(last.value_or(card.value(kPosition).toDouble()), card.value(kPosition).toDouble());
    }
    return positionBetween(last, std::nullopt);
}

// A card is done exactly when it is in the Done column, the last of two or more (see
// BoardColumnsModel::doneColumnId). Whoever changes a card, on whichever device, the card comes
// out consistent: a card put in a column is done when that column is Done; a ticked card moves to
// the bottom of Done, an unticked one from Done to the bottom of the first column. The app's own
// builders already send all three fields; this keeps other clients and replays honest.
std::optional<MutationError> keepDoneInDone(MutationContext &context)
{
    if (context.mutation.op == MutationOp::Delete || context.memberId.isEmpty())
        return std::nullopt; // the host itself (settling ticks after a column change) knows
    const QList<QJsonObject> columns = byPosition(context.engine.snapshot(Collection::BoardColumns));
    if (columns.size() < 2)
        return std::nullopt; // one list: ticks stay where they are
    const QString doneColumn = columns.last().value(QLatin1String("id")).toString();
    QJsonObject &card = context.after;
    const bool placed = context.mutation.op == MutationOp::Create || context.mutation.fields.contains(kColumnId);
    if (placed || !context.mutation.fields.contains(kDone)) {
        card.insert(kDone, card.value(kColumnId).toString() == doneColumn);
        return std::nullopt;
    }
    const bool done = card.value(kDone).toBool();
    const bool inDone = card.value(kColumnId).toString() == doneColumn;
    if (done == inDone)
        return std::nullopt;
    const QString to = done ? doneColumn : columns.first().value(QLatin1String("id")).toString();
    card.insert(kColumnId, to);
    card.insert(kPosition, bottomOf(context.engine, to, card.value(QLatin1String("id")).toString()));
    return std::nullopt;
}

// After a column is added, moved or deleted the Done column may be another one: the host ticks
// or unticks the cards that are now in it or out of it, as the system, in the same unit.
std::optional<MutationError> settleTicks(MutationContext &context)
{
    const QList<QJsonObject> columns = byPosition(context.engine.snapshot(Collection::BoardColumns));
    if (columns.size() < 2)
        return std::nullopt;
    const QString doneColumn = columns.last().value(QLatin1String("id")).toString();
    // A one-list board that gets its second column: what was ticked on the list moves into the new
    // Done column, rather than being unticked because it is not in it.
    const bool firstDoneColumn = context.mutation.op == MutationOp::Create && columns.size() == 2
        && context.after.value(QLatin1String("id")).toString() == doneColumn;
    for (const QJsonValue &row : context.engine.snapshot(Collection::BoardCards)) {
        const QJsonObject card = row.toObject();
        if (firstDoneColumn && card.value(kDone).toBool()) {
            const QString cardId = card.value(QLatin1String("id")).toString();
            const MutationResult moved = context.engine.submitAs(
                Mutation{{}, Collection::BoardCards, MutationOp::Update, cardId, -1,
                         {{kColumnId, doneColumn}, {kPosition, bottomOf(context.engine, doneColumn, cardId)}}},
                QString());
            if (!moved.ok)
                return MutationError{moved.error.code, moved.error.message, moved.error.field};
            continue;
        }
        const bool done = card.value(kColumnId).toString() == doneColumn;
        if (card.value(kDone).toBool() == done)
            continue;
        const MutationResult settled = context.engine.submitAs(
            Mutation{{}, Collection::BoardCards, MutationOp::Update, card.value(QLatin1String("id")).toString(), -1,
                     {{kDone, done}}},
            QString());
        if (!settled.ok)
            return MutationError{settled.error.code, settled.error.message, settled.error.field};
    }
    return std::nullopt;
}

// ---- shopping -> pantry ----------------------------------------------------------------------

std::optional<MutationError> failed(const MutationResult &result)
{
    if (result.ok)
        return std::nullopt;
    return MutationError{result.error.code, result.error.message, result.error.field};
}

// The household's rule for a ticked-off card: "ask" (the app offers it), "always" or "never".
QString boughtToPantry(AuthoritativeEngine &engine)
{
    const auto household = engine.entity(Collection::Household, engine.householdId());
    return household ? household->value(QLatin1String("bought_to_pantry")).toString() : QString();
}

// The pantry item a purchase goes to when the card links none: one of the same name (in any
// case), preferring one whose unit the card's quantity converts to.
std::optional<QJsonObject> pantryItemNamed(AuthoritativeEngine &engine, const QString &name, const QString &unit)
{
    std::optional<QJsonObject> found;
    QList<QJsonObject> items;
    for (const QJsonValue &row : engine.snapshot(Collection::Pantry)) {
        const QJsonObject item = row.toObject();
        if (item.value(QLatin1String("name")).toString().trimmed().compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            items.append(item);
    }
    std::sort(items.begin(), items.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(kId).toString() < b.value(kId).toString();
    });
    for (const QJsonObject &item : items) {
        if (PantryModel::convertAmount(1, unit, item.value(QLatin1String("unit")).toString()))
            return item;
    }
    return items.isEmpty() ? std::nullopt : std::optional(items.first());
}

// What buying the card adds to `item`, in the item's unit: the card's quantity converted where the
// units do (500 g into kg), else its number as it is (2 packs into "pcs" adds 2).
double amountFor(const QJsonObject &card, const QJsonObject &item)
{
    const PantryModel::Amount bought = PantryModel::parseAmount(card.value(QLatin1String("quantity")).toString());
    return PantryModel::convertAmount(bought.quantity, bought.unit, item.value(QLatin1String("unit")).toString())
        .value_or(bought.quantity);
}

// The host's part of a tick (the guard): who bought the card and when, and whether what was bought
// goes into the pantry — on the member's word (added_to_pantry, the app's "Add to pantry"), or by
// the household's rule "always" when the card is ticked. Unticking takes it back out. Those fields
// are the host's: what a client sends for them is put back as it was. The pantry itself is
// changed by stockPantry (the effects), in the same unit.
std::optional<MutationError> recordPurchase(MutationContext &context)
{
    const MutationOp op = context.mutation.op;
    if (op == MutationOp::Delete)
        return std::nullopt; // a bought card cleared from Done leaves its purchase in the pantry
    QJsonObject &card = context.after;
    const bool done = card.value(kDone).toBool();
    QString now = context.engine.clock().now().toUTC().toString(Qt::ISODateWithMs);
    QJsonValue buyer = context.memberId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(context.memberId);
    if (context.memberId.isEmpty()) {
        // The system buying on a member's behalf (an event's bulk purchase) says who and when.
        if (const QJsonValue given = context.mutation.fields.value(kBoughtBy); given.isString())
            buyer = given;
        if (const QString given = context.mutation.fields.value(kBoughtAt).toString(); !given.isEmpty())
            now = given;
    }
    if (op == MutationOp::Create) {
        // A card put back as it was (the undo of a delete) keeps what was recorded and is not
        // bought again; a new card in Done is bought now but adds nothing to the pantry. A child
        // cannot hand the host a purchase record (what an untick would take out of the pantry).
        if (!done || context.role == QLatin1String("child")) {
            card.insert(kBoughtBy, QJsonValue::Null);
            card.insert(kBoughtAt, QString());
            card.insert(kAddedToPantry, false);
            card.insert(kPantryAmount, 0);
        }
        if (done && card.value(kBoughtAt).toString().isEmpty()) {
            card.insert(kBoughtBy, buyer);
            card.insert(kBoughtAt, now);
        }
        return std::nullopt;
    }
    const QJsonObject &before = *context.before;
    const QJsonObject &fields = context.mutation.fields;
    const bool system = context.memberId.isEmpty();
    if (!system) {
        for (const QString &key : {kBoughtBy, kBoughtAt, kPantryAmount})
            card.insert(key, before.value(key));
    }
    const bool wasDone = before.value(kDone).toBool();
    if (done && !wasDone) {
        card.insert(kBoughtBy, buyer);
        card.insert(kBoughtAt, now);
    } else if (!done) {
        card.insert(kBoughtBy, QJsonValue::Null);
        card.insert(kBoughtAt, QString());
    }

    const bool wasAdded = before.value(kAddedToPantry).toBool();
    const bool asked = fields.contains(kAddedToPantry);
    bool added = asked ? fields.value(kAddedToPantry).toBool() : wasAdded;
    if (asked && added && !wasAdded) {
        if (!done)
            return invalid("added_to_pantry", "Tick the card off before adding it to the pantry.");
        if (!card.value(kToPantry).toBool())
            return invalid("added_to_pantry", "This card does not go into the pantry.");
    }
    if (!done)
        added = false;
    else if (!wasDone && !asked && !system && card.value(kToPantry).toBool()
             && boughtToPantry(context.engine) == QLatin1String("always"))
        added = true; // a member's tick; not the host settling ticks after a column change
    if (added && wasAdded && !system && card.value(kPantryItemId) != before.value(kPantryItemId))
        return invalid("pantry_item_id", "Take it out of the pantry before linking another item.");
    card.insert(kAddedToPantry, added);
    if (!added) {
        card.insert(kPantryAmount, 0);
    } else if (!wasAdded) {
        // Where it goes: the linked item, else one of the same name; with neither, stockPantry
        // makes one and links it.
        std::optional<QJsonObject> item;
        if (const QString linked = card.value(kPantryItemId).toString(); !linked.isEmpty())
            item = context.engine.entity(Collection::Pantry, linked);
        if (!item)
            item = pantryItemNamed(context.engine, card.value(QLatin1String("title")).toString(),
                                   PantryModel::parseAmount(card.value(QLatin1String("quantity")).toString()).unit);
        card.insert(kPantryItemId, item ? QJsonValue(item->value(kId)) : QJsonValue(QJsonValue::Null));
        card.insert(kPantryAmount, item ? amountFor(card, *item) : PantryModel::parseAmount(card.value(QLatin1String("quantity")).toString()).quantity);
    }
    return std::nullopt;
}

// Takes a purchase back out of the pantry: the opposite step, or, for an item the purchase made
// that nobody has touched since (still its first revision, holding just that), the item itself.
std::optional<MutationError> takeBack(AuthoritativeEngine &engine, const QString &itemId, double amount)
{
    const auto item = itemId.isEmpty() ? std::nullopt : engine.entity(Collection::Pantry, itemId);
    if (!item || amount <= 0)
        return std::nullopt;
    const bool untouched = item->value(QLatin1String("rev")).toInteger() == 1
        && item->value(QLatin1String("quantity")).toDouble() == amount;
    if (untouched)
        return failed(engine.submitAs(Mutation{{}, Collection::Pantry, MutationOp::Delete, itemId, -1, {}}, QString()));
    return failed(engine.submitAs(Mutation{{}, Collection::Pantry, MutationOp::Update, itemId, -1, {{kQuantityDelta, -amount}}},
                                  QString()));
}

// The pantry side of recordPurchase, written by the system in the tick's unit: a step of the item
// (quantity_delta, so purchases and presses on other devices all count), or a new item linked to
// the card; unticking takes it back.
std::optional<MutationError> stockPantry(MutationContext &context)
{
    if (context.mutation.op != MutationOp::Update)
        return std::nullopt;
    const QJsonObject &before = *context.before;
    const QJsonObject &card = context.after;
    const bool wasAdded = before.value(kAddedToPantry).toBool();
    const bool added = card.value(kAddedToPantry).toBool();
    if (wasAdded && !added)
        return takeBack(context.engine, before.value(kPantryItemId).toString(), before.value(kPantryAmount).toDouble());
    if (!added || wasAdded)
        return std::nullopt;
    const double amount = card.value(kPantryAmount).toDouble();
    if (const QString itemId = card.value(kPantryItemId).toString(); !itemId.isEmpty())
        return failed(context.engine.submitAs(
            Mutation{{}, Collection::Pantry, MutationOp::Update, itemId, -1, {{kQuantityDelta, amount}}}, QString()));
    const PantryModel::Amount bought = PantryModel::parseAmount(card.value(QLatin1String("quantity")).toString());
    const QString itemId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject item{{QStringLiteral("name"), card.value(QLatin1String("title")).toString()},
                           {QStringLiteral("quantity"), amount},
                           {QStringLiteral("unit"), bought.unit.isEmpty() ? QStringLiteral("pcs") : bought.unit},
                           {QStringLiteral("category"), card.value(QLatin1String("category")).toString()}};
    if (auto error = failed(context.engine.submitAs(Mutation{{}, Collection::Pantry, MutationOp::Create, itemId, -1, item}, QString())))
        return error;
    return failed(context.engine.submitAs(
        Mutation{{}, Collection::BoardCards, MutationOp::Update, card.value(kId).toString(), -1, {{kPantryItemId, itemId}}},
        QString()));
}

// Whether a card not yet bought already restocks the item.
bool onTheList(AuthoritativeEngine &engine, const QString &itemId)
{
    SqlStatement::Run open(engine.store().statement(
        QStringLiteral("SELECT 1 FROM board_cards WHERE household_id = ? AND pantry_item_id = ? AND done = 0 LIMIT 1")));
    open->bind(0, engine.householdId());
    open->bind(1, itemId);
    return open->step();
}

} // namespace

std::optional<MutationError> putLowItemOnList(AuthoritativeEngine &engine, const QJsonObject &item, const QString &memberId)
{
    const QString itemId = item.value(kId).toString();
    const QList<QJsonObject> columns = byPosition(engine.snapshot(Collection::BoardColumns));
    if (columns.isEmpty() || onTheList(engine, itemId))
        return std::nullopt;
    const double quantity = item.value(QLatin1String("quantity")).toDouble();
    const double minimum = item.value(QLatin1String("min_quantity")).toDouble();
    // What brings it back to the minimum; whole when both are (half a tin is no purchase); at least 1.
    double needed = minimum - quantity;
    if (quantity == std::floor(quantity) && minimum == std::floor(minimum))
        needed = std::ceil(needed);
    if (!(needed > 0))
        needed = 1;
    const QString columnId = columns.first().value(kId).toString();
    const QJsonObject card{{kColumnId, columnId},
                           {QStringLiteral("title"), item.value(QLatin1String("name")).toString()},
                           {QStringLiteral("quantity"), PantryModel::formatAmount(needed, item.value(QLatin1String("unit")).toString())},
                           {QStringLiteral("category"), item.value(QLatin1String("category")).toString()},
                           {kPantryItemId, itemId},
                           {kPosition, bottomOf(engine, columnId, QString())}};
    return failed(engine.submitAs(Mutation{{}, Collection::BoardCards, MutationOp::Create, {}, -1, card}, memberId));
}

namespace {

// An event's card (event planning): its link to the event's need is the host's, and a tick records
// how much was bought — what the event needs, unless the buyer says — and the revision that bought
// it, so the change alone tells that it was bought then (the shopping-item-purchased event).
std::optional<MutationError> recordEventPurchase(MutationContext &context)
{
    if (context.mutation.op == MutationOp::Delete)
        return std::nullopt;
    QJsonObject &card = context.after;
    const std::optional<QJsonObject> &before = context.before;
    if (!context.memberId.isEmpty()) {
        if (before) {
            for (const char *key : {"event_id", "need_key", "need_quantity", "need_unit"})
                card.insert(QLatin1String(key), before->value(QLatin1String(key)));
        }
        card.insert(QStringLiteral("bought_rev"), before ? before->value(QLatin1String("bought_rev")) : QJsonValue(0));
    }
    const bool done = card.value(kDone).toBool();
    if (!done) {
        card.insert(QStringLiteral("purchased_quantity"), 0);
        card.insert(QStringLiteral("bought_rev"), 0);
        return std::nullopt;
    }
    if (before && before->value(kDone).toBool())
        return std::nullopt;
    card.insert(QStringLiteral("bought_rev"), card.value(QLatin1String("rev")));
    if (!card.value(QLatin1String("event_id")).toString().isEmpty() && !context.mutation.fields.contains(QLatin1String("purchased_quantity")))
        card.insert(QStringLiteral("purchased_quantity"), card.value(QLatin1String("need_quantity")));
    return std::nullopt;
}

std::optional<MutationError> guardCard(MutationContext &context)
{
    if (auto refused = keepDoneInDone(context))
        return refused;
    if (auto refused = recordPurchase(context))
        return refused;
    return recordEventPurchase(context);
}

// A member's tick of an event's card, told as a purchase for the event (a bulk purchase's cards
// are the system's: the purchase itself is told).
bool boughtForEvent(const Change &change)
{
    const QJsonObject &card = change.entity;
    return change.action == ChangeAction::Updated && !change.userId.isEmpty() && !textField(card, "event_id").isEmpty()
        && card.value(kDone).toBool() && wholeField(card, "bought_rev") == change.rev;
}

} // namespace

const CollectionSpec &boardColumnsCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::BoardColumns,
        .name = QStringLiteral("board_columns"),
        .table = QStringLiteral("board_columns"),
        .fields = {text("name").require("Give the column a name."), real("position")},
        .childMay = [](MutationOp, const QJsonObject &) -> std::optional<MutationError> {
            return forbidden("Only adults can add, rename, move or delete columns.");
        },
        .effects = settleTicks,
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) {
            const QString by = who(change, data);
            const QString name = textOf(change.entity, "name");
            if (change.action == ChangeAction::Created)
                return say("%1 added the column %2 to the shopping board").arg(by, name);
            if (change.action == ChangeAction::Deleted)
                return say("%1 removed the column %2 from the shopping board").arg(by, name);
            return say("%1 changed the column %2").arg(by, name);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<BoardColumnsModel>(data.engine);
        },
    };
    return spec;
}

const CollectionSpec &boardCardsCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::BoardCards,
        .name = QStringLiteral("board_cards"),
        .table = QStringLiteral("board_cards"),
        .fields = {reference("column_id", {Collection::BoardColumns, OnDelete::Restrict,
                                           "That column does not exist any more.",
                                           "The column still has cards; move or delete them first."})
                       .require("That column does not exist any more."),
                   text("title").require("Give the card a title."), text("quantity"), text("category"), text("note"),
                   reference("assignee_id", {Collection::Members, OnDelete::SetNull,
                                             "That person is not a member of this household."}),
                   boolean("done").mergeBy(MergeRule::Either), real("position"),
                   reference("pantry_item_id", {Collection::Pantry, OnDelete::SetNull, "That pantry item does not exist any more."}),
                   boolean("to_pantry", true), boolean("added_to_pantry"),
                   real("pantry_amount").atLeast(0, "Quantity cannot be negative.").atMost(1e9, "Quantity is too large."),
                   reference("bought_by", {Collection::Members, OnDelete::SetNull, "That person is not a member of this household."}),
                   text("bought_at"),
                   // Event planning: the event whose dishes need the card, and the need it stands for
                   // (host-kept), and what was bought of it.
                   reference("event_id", {Collection::EventPlans, OnDelete::SetNull, "That event does not exist any more."}),
                   text("need_key"), real("need_quantity"), text("need_unit"),
                   real("purchased_quantity").atLeast(0, "Quantity cannot be negative.").atMost(1e9, "Quantity is too large.")
                       .mergeBy(MergeRule::Higher),
                   integer("bought_rev")},
        .childMay = [](MutationOp op, const QJsonObject &) -> std::optional<MutationError> {
            if (op == MutationOp::Delete)
                return forbidden("Only adults can delete cards from the shopping list.");
            return std::nullopt;
        },
        .guard = guardCard,
        .effects = stockPantry,
        .eventName = [](const Change &change) -> QString {
            return boughtForEvent(change) ? QStringLiteral("shopping-item-purchased") : QStringLiteral("board_cards_updated");
        },
        .eventNames = {QStringLiteral("shopping-item-purchased")},
        .eventData = [](const Change &change) -> QJsonObject {
            if (!boughtForEvent(change))
                return {};
            const QJsonObject &card = change.entity;
            return {{QStringLiteral("itemId"), change.entityId},
                    {QStringLiteral("eventId"), card.value(QLatin1String("event_id"))},
                    {QStringLiteral("quantity"), card.value(QLatin1String("purchased_quantity"))},
                    {QStringLiteral("purchasedBy"), card.value(kBoughtBy)},
                    {QStringLiteral("purchasedAt"), card.value(kBoughtAt)}};
        },
        .describe = [](const Change &change, const QJsonObject &before, const HouseholdData &data) {
            const QJsonObject &e = change.entity;
            const QString title = textOf(e, "title");
            if (change.userId.isEmpty())
                return QString(); // the host settling ticks after a column change: the column's own notice says it
            const QString by = who(change, data);
            // A pantry item that ran low (putLowItemOnList, in the name of whoever used it up).
            if (change.action == ChangeAction::Created) {
                const auto item = data.pantry.find(textOf(e, "pantry_item_id"));
                if (item && item->isLow())
                    return say("%1 is running low, so it is on the shopping list").arg(title);
            }
            if (change.action == ChangeAction::Created)
                return say("%1 added %2 to the shopping list").arg(by, title);
            if (change.action == ChangeAction::Deleted)
                return say("%1 removed %2 from the shopping list").arg(by, title);
            if (changed(before, e, "done")) {
                if (!e.value(kDone).toBool())
                    return say("%1 put %2 back on the list").arg(by, title);
                return e.value(kAddedToPantry).toBool() ? say("%1 bought %2 and put it in the pantry").arg(by, title)
                                                        : say("%1 bought %2").arg(by, title);
            }
            if (changed(before, e, "added_to_pantry"))
                return e.value(kAddedToPantry).toBool() ? say("%1 put %2 in the pantry").arg(by, title)
                                                        : say("%1 took %2 back out of the pantry").arg(by, title);
            if (changed(before, e, "column_id")) {
                if (const auto column = data.columns.find(textOf(e, "column_id")))
                    return say("%1 moved %2 to %3").arg(by, title, column->name);
            }
            return say("%1 changed %2").arg(by, title);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<BoardCardsModel>(data.engine, data.model<MembersModel>(Collection::Members),
                                                     data.model<BoardColumnsModel>(Collection::BoardColumns));
        },
        // Step 1: cards stored before "done means in the Done column" come out consistent, so every
        // count agrees from the first start (the same step runs in a joined copy's store).
        .migrations = {{
            QStringLiteral("UPDATE board_cards SET done = (column_id = (SELECT c.id FROM board_columns c "
                           "WHERE c.household_id = board_cards.household_id ORDER BY c.position DESC, c.id DESC LIMIT 1)) "
                           "WHERE (SELECT COUNT(*) FROM board_columns c WHERE c.household_id = board_cards.household_id) >= 2"),
        },
        // Step 2: shopping -> pantry: the item a card restocks, and what was bought, by whom and when.
        {
            QStringLiteral("ALTER TABLE board_cards ADD COLUMN pantry_item_id TEXT REFERENCES pantry_items(id) ON DELETE SET NULL"),
            QStringLiteral("ALTER TABLE board_cards ADD COLUMN to_pantry INTEGER NOT NULL DEFAULT 1"),
            QStringLiteral("ALTER TABLE board_cards ADD COLUMN added_to_pantry INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE board_cards ADD COLUMN pantry_amount REAL NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE board_cards ADD COLUMN bought_by TEXT REFERENCES members(id) ON DELETE SET NULL"),
            QStringLiteral("ALTER TABLE board_cards ADD COLUMN bought_at TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("CREATE INDEX cards_pantry_item ON board_cards (household_id, pantry_item_id)"),
        },
        // Step 3: event planning: the cards an event's dishes need, and what was bought of them.
        {
            QStringLiteral("ALTER TABLE board_cards ADD COLUMN event_id TEXT REFERENCES event_plans(id) ON DELETE SET NULL"),
            QStringLiteral("ALTER TABLE board_cards ADD COLUMN need_key TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE board_cards ADD COLUMN need_quantity REAL NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE board_cards ADD COLUMN need_unit TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE board_cards ADD COLUMN purchased_quantity REAL NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE board_cards ADD COLUMN bought_rev INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("CREATE INDEX cards_event ON board_cards (household_id, event_id)"),
        }},
    };
    return spec;
}

} // namespace hearth
