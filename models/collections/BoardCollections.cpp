// The shopping board: columns ("To buy", "In cart", "Done") and the cards on them.

#include "Definition.h"

namespace hearth {

using namespace definition;

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
        .describe = [](const Change &change, const QJsonObject &before, const HouseholdData &data) {
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
            return std::make_unique<BoardCardsModel>(data.engine, data.model<MembersModel>(Collection::Members));
        },
    };
    return spec;
}

} // namespace hearth
