// The pantry: what the household has, where, and until when.

#include "Definition.h"
#include "ShoppingList.h"

namespace hearth {

using namespace definition;

namespace {

bool isLow(const QJsonObject &item)
{
    const double minimum = item.value(QLatin1String("min_quantity")).toDouble();
    return minimum > 0 && item.value(QLatin1String("quantity")).toDouble() < minimum;
}

// When an item runs below its minimum — by any path: an edit, a step, a purchase taken back, a
// receipt, another device — a card for it goes on the shopping list, once: only as it crosses
// (an item already low makes none, so two steps down in one batch make one card), and not while
// a card for it is still open. Written by the system in the same unit, on the host only.
std::optional<MutationError> watchMinimum(MutationContext &context)
{
    if (context.mutation.op == MutationOp::Delete || !isLow(context.after))
        return std::nullopt;
    if (context.before && isLow(*context.before))
        return std::nullopt;
    return putLowItemOnList(context.engine, context.after, context.memberId);
}

} // namespace

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
                   text("unit", "pcs"), text("category"), text("location"), date("expires_on"),
                   // Below this a card goes on the shopping list (watchMinimum); 0: not tracked.
                   real("min_quantity").atLeast(0, "The minimum cannot be negative.").atMost(1e9, "The minimum is too large.")},
        .childMay = [](MutationOp, const QJsonObject &) -> std::optional<MutationError> { return std::nullopt; },
        .effects = watchMinimum,
        // The name the original clients listen for.
        .eventName = [](const Change &) { return QStringLiteral("pantry_updated"); },
        .eventNames = {QStringLiteral("pantry_updated")},
        .describe = [](const Change &change, const QJsonObject &before, const HouseholdData &data) {
            if (change.userId.isEmpty())
                return QString(); // the system: a purchase or a receipt, whose own notice says it
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
        .migrations = {{
            QStringLiteral("ALTER TABLE pantry_items ADD COLUMN min_quantity REAL NOT NULL DEFAULT 0"),
        }},
    };
    return spec;
}

} // namespace hearth
