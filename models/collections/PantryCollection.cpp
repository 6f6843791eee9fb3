// The pantry: what the household has, where, and until when.

#include "Definition.h"


namespace hearth {

using namespace definition;

const CollectionSpec &pantryCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::Pantry,
        .name = QStringLiteral("pantry"),
        .table = QStringLiteral("pantry_items"),
        .fields = {text("name").require("Give the item a name."),
                   real("quantity", 1)
                       .atLeast(0, "Quantity cannot be negative.")
                       .atMost(1e9, "Quantity is too large.")
                       .counter(StepLimit::Clamp), // + and - are steps: two presses at once both count
                   text("unit", "pcs"), text("category"), text("location"), date("expires_on")},
        .childMay = [](MutationOp, const QJsonObject &) -> std::optional<MutationError> { return std::nullopt; },
        // The name the original clients listen for.
        .eventName = [](const Change &) { return QStringLiteral("pantry_updated"); },
        .eventNames = {QStringLiteral("pantry_updated")},
        .describe = [](const Change &change, const QJsonObject &before, const HouseholdData &data) {
            const QString by = who(change, data);
            const QJsonObject &e = change.entity;
            const QString name = textOf(e, "name");
            if (change.action == ChangeAction::Created)
                return say("%1 added %2 to the pantry").arg(by, name);
            if (change.action == ChangeAction::Deleted)
                return say("%1 removed %2 from the pantry").arg(by, name);
            if (changed(before, e, "quantity")) {
                const double quantity = e.value(QLatin1String("quantity")).toDouble();
                if (quantity <= 0)
                    return say("%1 used up %2").arg(by, name);
                return say("%1 set %2 to %3").arg(by, name, PantryModel::formatAmount(quantity, textOf(e, "unit")));
            }
            return say("%1 changed %2").arg(by, name);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<PantryModel>(data.engine, data.clock);
        },
    };
    return spec;
}

} // namespace hearth
