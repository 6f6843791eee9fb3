// The shopping board: columns ("To buy", "In cart", "Done") and the cards on them.

#include "Definition.h"

#include "AuthoritativeEngine.h"

#include <QJsonArray>

#include <algorithm>

namespace hearth {

using namespace definition;

namespace {

const QString kDone = QStringLiteral("done");
const QString kColumnId = QStringLiteral("column_id");
const QString kPosition = QStringLiteral("position");

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
                   boolean("done"), real("position")},
        .childMay = [](MutationOp op, const QJsonObject &) -> std::optional<MutationError> {
            if (op == MutationOp::Delete)
                return forbidden("Only adults can delete cards from the shopping list.");
            return std::nullopt;
        },
        .guard = keepDoneInDone,
        .describe = [](const Change &change, const QJsonObject &before, const HouseholdData &data) {
            if (change.userId.isEmpty())
                return QString(); // the host settling ticks after a column change: the column's own notice says it
            const QString by = who(change, data);
            const QJsonObject &e = change.entity;
            const QString title = textOf(e, "title");
            if (change.action == ChangeAction::Created)
                return say("%1 added %2 to the shopping list").arg(by, title);
            if (change.action == ChangeAction::Deleted)
                return say("%1 removed %2 from the shopping list").arg(by, title);
            if (changed(before, e, "done"))
                return e.value(QLatin1String("done")).toBool() ? say("%1 ticked off %2").arg(by, title)
                                                               : say("%1 put %2 back on the list").arg(by, title);
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
        }},
    };
    return spec;
}

} // namespace hearth
