#include "Permissions.h"

#include <QCoreApplication>

namespace hearth::Permissions {

namespace {

MutationError forbidden(const char *text)
{
    return MutationError{QStringLiteral("forbidden"), QCoreApplication::translate("Permissions", text), {}};
}

bool onlyTouches(const QJsonObject &fields, std::initializer_list<const char *> allowed)
{
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        bool ok = false;
        for (const char *key : allowed)
            ok = ok || it.key() == QLatin1String(key);
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

std::optional<MutationError> check(const QString &role, Collection collection, MutationOp op, const QJsonObject &fields)
{
    if (role != kChild)
        return std::nullopt; // adults, and changes made by the system itself
    switch (collection) {
    case Collection::Household:
        return forbidden("Only adults can change the household's settings, such as the budget limit.");
    case Collection::Members:
        return forbidden("Only adults can add, change or remove members.");
    case Collection::Pantry:
        return std::nullopt;
    case Collection::Transactions:
        if (op == MutationOp::Create)
            return std::nullopt;
        return forbidden("Only adults can change or delete transactions.");
    case Collection::Goals:
        if (op == MutationOp::Update && onlyTouches(fields, {"saved_cents"}))
            return std::nullopt; // putting money toward a goal
        return forbidden("Only adults can set up, change or delete goals.");
    case Collection::BoardColumns:
        return forbidden("Only adults can add, rename, move or delete columns.");
    case Collection::BoardCards:
        if (op == MutationOp::Delete)
            return forbidden("Only adults can delete cards from the shopping list.");
        return std::nullopt;
    }
    return forbidden("That is not allowed.");
}

bool allows(const QString &role, Collection collection, MutationOp op, const QJsonObject &fields)
{
    return !check(role, collection, op, fields).has_value();
}

} // namespace hearth::Permissions
