// The people of the household, adults and children.

#include "Definition.h"

namespace hearth {

using namespace definition;

const CollectionSpec &membersCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::Members,
        .name = QStringLiteral("members"),
        .table = QStringLiteral("members"),
        .fields = {text("name").require("Give the member a name."), text("role", "adult"), text("color", "#3b82f6")},
        .rules = [](const QJsonObject &entity) -> std::optional<MutationError> {
            const QString role = entity.value(QLatin1String("role")).toString();
            if (role != QLatin1String("adult") && role != QLatin1String("child"))
                return invalid("role", "Role must be adult or child.");
            return std::nullopt;
        },
        .childMay = [](MutationOp, const QJsonObject &) -> std::optional<MutationError> {
            return forbidden("Only adults can add, change or remove members.");
        },
        // A child joining goes out under the name the family-chores clients listen for.
        .eventName = [](const Change &change) -> QString {
            if (change.action == ChangeAction::Created && textOf(change.entity, "role") == QLatin1String("child"))
                return QStringLiteral("child:joined");
            return QStringLiteral("members_updated");
        },
        .eventNames = {QStringLiteral("child:joined"), QStringLiteral("members_updated")},
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) {
            const QString by = who(change, data);
            const QString name = textOf(change.entity, "name");
            if (change.action == ChangeAction::Created)
                return say("%1 added %2 to the household").arg(by, name);
            if (change.action == ChangeAction::Deleted)
                return say("%1 removed %2 from the household").arg(by, name);
            return say("%1 changed %2's details").arg(by, name);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<MembersModel>(data.engine);
        },
    };
    return spec;
}

} // namespace hearth
