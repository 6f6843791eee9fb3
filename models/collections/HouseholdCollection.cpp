// The household itself: its name, currency and monthly budget limit.

#include "Definition.h"

#include <algorithm>

namespace hearth {

using namespace definition;

const CollectionSpec &householdCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::Household,
        .name = QStringLiteral("household"),
        .table = QStringLiteral("households"),
        .fields = {text("name").require("Give the household a name."), text("currency", "EUR"),
                   cents("budget_limit_cents", 60000).atLeast(0, "The monthly limit cannot be negative."),
                   // Chore points paid out as pocket money: the cents one point is worth.
                   cents("point_rate_cents", 10).atLeast(1, "A point must be worth something.").atMost(100000, "That is too much for one point."),
                   // What ticking off a shopping card does with the pantry: ask, always add, never.
                   text("bought_to_pantry", "ask"),
                   // Gifts (gifts::visibleTo): whether a recipient sees that an item of their list
                   // is taken, and whether adults see in full the gift items a child added.
                   boolean("gift_taken_shown", true), boolean("gift_child_lists_open")},
        .rules = [](const QJsonObject &entity) -> std::optional<MutationError> {
            const QString currency = entity.value(QLatin1String("currency")).toString();
            const auto isCodeLetter = [](QChar c) { return c >= QLatin1Char('A') && c <= QLatin1Char('Z'); };
            if (currency.size() != 3 || !std::all_of(currency.cbegin(), currency.cend(), isCodeLetter))
                return invalid("currency", "Currency must be a three-letter code such as EUR.");
            const QString toPantry = entity.value(QLatin1String("bought_to_pantry")).toString();
            if (toPantry != QLatin1String("ask") && toPantry != QLatin1String("always") && toPantry != QLatin1String("never"))
                return invalid("bought_to_pantry", "Say ask, always or never for what is bought.");
            return std::nullopt;
        },
        .childMay = [](MutationOp, const QJsonObject &) -> std::optional<MutationError> {
            return forbidden("Only adults can change the household's settings, such as the budget limit.");
        },
        .guard = [](const MutationContext &context) -> std::optional<MutationError> {
            if (context.mutation.op == MutationOp::Delete)
                return forbidden("A household cannot delete itself.");
            return std::nullopt;
        },
        .describe = [](const Change &change, const QJsonObject &before, const HouseholdData &data) {
            const QString by = who(change, data);
            if (changed(before, change.entity, "name"))
                return say("%1 renamed the household to %2").arg(by, textOf(change.entity, "name"));
            if (changed(before, change.entity, "currency"))
                return say("%1 changed the currency to %2").arg(by, textOf(change.entity, "currency"));
            if (changed(before, change.entity, "bought_to_pantry")) {
                const QString rule = textOf(change.entity, "bought_to_pantry");
                return rule == QLatin1String("always") ? say("%1 set what is bought to go into the pantry by itself").arg(by)
                    : rule == QLatin1String("never")   ? say("%1 set what is bought to stay out of the pantry").arg(by)
                                                       : say("%1 set Hearth to ask whether what is bought goes into the pantry").arg(by);
            }
            return say("%1 changed the household's settings").arg(by);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<HouseholdModel>(data.engine);
        },
        .migrations = {{
            QStringLiteral("ALTER TABLE households ADD COLUMN point_rate_cents INTEGER NOT NULL DEFAULT 10"),
        }, {
            QStringLiteral("ALTER TABLE households ADD COLUMN bought_to_pantry TEXT NOT NULL DEFAULT 'ask'"),
        }, {
            QStringLiteral("ALTER TABLE households ADD COLUMN gift_taken_shown INTEGER NOT NULL DEFAULT 1"),
            QStringLiteral("ALTER TABLE households ADD COLUMN gift_child_lists_open INTEGER NOT NULL DEFAULT 0"),
        }},
    };
    return spec;
}

} // namespace hearth
