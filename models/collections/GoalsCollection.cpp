// Savings goals: a target, a date to reach it by, and what is saved so far.

#include "Definition.h"

namespace hearth {

using namespace definition;

const CollectionSpec &goalsCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::Goals,
        .name = QStringLiteral("goals"),
        .table = QStringLiteral("goals"),
        .fields = {text("name").require("Give the goal a name."),
                   cents("target_cents").atLeast(1, "The target must be more than zero."),
                   cents("saved_cents").atLeast(0, "The saved amount cannot be negative.").counter(), // contributions add up
                   date("target_date").require("Give the date you want to reach the goal by."), date("started_on")},
        .childMay = [](MutationOp op, const QJsonObject &fields) -> std::optional<MutationError> {
            if (op == MutationOp::Update && onlyTouches(fields, {"saved_cents"}))
                return std::nullopt; // putting money toward a goal
            return forbidden("Only adults can set up, change or delete goals.");
        },
        // The name the original clients listen for.
        .eventName = [](const Change &) { return QStringLiteral("goal_updated"); },
        .eventNames = {QStringLiteral("goal_updated")},
        .describe = [](const Change &change, const QJsonObject &before, const HouseholdData &data) {
            const QString by = who(change, data);
            const QString name = textOf(change.entity, "name");
            if (change.action == ChangeAction::Created)
                return say("%1 set a new goal: %2").arg(by, name);
            if (change.action == ChangeAction::Deleted)
                return say("%1 removed the goal %2").arg(by, name);
            if (changed(before, change.entity, "saved_cents"))
                return say("%1 updated the savings for %2").arg(by, name);
            return say("%1 changed the goal %2").arg(by, name);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<GoalsModel>(data.engine, data.clock);
        },
    };
    return spec;
}

} // namespace hearth
