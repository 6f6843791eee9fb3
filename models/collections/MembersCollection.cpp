// The people of the household, adults and children.

#include "AuthoritativeEngine.h"
#include "Definition.h"
#include "Palette.h"

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
        // A member added without a colour (a join, `hearthd household create`) gets the one that
        // is easiest to tell from the others' on cards, avatars and the ledger.
        .guard = [](MutationContext &context) -> std::optional<MutationError> {
            if (context.mutation.op != MutationOp::Create || context.mutation.fields.contains(QLatin1String("color")))
                return std::nullopt;
            QStringList inUse;
            for (const QJsonValue &row : context.engine.snapshot(Collection::Members))
                inUse.append(row.toObject().value(QLatin1String("color")).toString().toLower());
            context.after.insert(QStringLiteral("color"), palette::mostDistinct(inUse));
            return std::nullopt;
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
