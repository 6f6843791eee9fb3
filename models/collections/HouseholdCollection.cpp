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
                   cents("point_rate_cents", 10).atLeast(1, "A point must be worth something.").atMost(100000, "That is too much for one point.")},
        .rules = [](const QJsonObject &entity) -> std::optional<MutationError> {
            const QString currency = entity.value(QLatin1String("currency")).toString();
            const auto isCodeLetter = [](QChar c) { return c >= QLatin1Char('A') && c <= QLatin1Char('Z'); };
            if (currency.size() != 3 || !std::all_of(currency.cbegin(), currency.cend(), isCodeLetter))
                return invalid("currency", "Currency must be a three-letter code such as EUR.");
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
            return say("%1 changed the household's settings").arg(by);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<HouseholdModel>(data.engine);
        },
        .migrations = {{
            QStringLiteral("ALTER TABLE households ADD COLUMN point_rate_cents INTEGER NOT NULL DEFAULT 10"),
        }},
    };
    return spec;
}

} // namespace hearth
