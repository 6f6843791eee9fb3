#include "Permissions.h"

#include "Schema.h"

#include <QCoreApplication>

namespace hearth::Permissions {

std::optional<MutationError> check(const QString &role, Collection collection, MutationOp op, const QJsonObject &fields)
{
    if (role != kChild)
        return std::nullopt; // adults, and changes made by the system itself
    const CollectionSpec &spec = collectionSpec(collection);
    if (spec.childMay)
        return spec.childMay(op, fields);
    return MutationError{QStringLiteral("forbidden"), QCoreApplication::translate("Permissions", "That is not allowed."), {}};
}

bool allows(const QString &role, Collection collection, MutationOp op, const QJsonObject &fields)
{
    return !check(role, collection, op, fields).has_value();
}

} // namespace hearth::Permissions
