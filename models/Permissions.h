#pragma once

#include "Mutation.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace hearth {

// What a member may change, by role. Adults may do everything; a child may keep the pantry and
// the shopping list (add cards, tick them off), record spending and put money toward a goal, but
// not change the household's settings or members, delete or alter transactions, set up goals, or
// reshape the board. docs/security.md holds the same table; the host enforces it on every
// mutation, and the app offers only what the role allows.
namespace Permissions {

inline const QString kAdult = QStringLiteral("adult");
inline const QString kChild = QStringLiteral("child");

// nullopt when allowed; otherwise a "forbidden" error that says what the role may not do.
std::optional<MutationError> check(const QString &role, Collection collection, MutationOp op, const QJsonObject &fields);

// Convenience for views: may this role do this at all (with these fields, when they matter)?
bool allows(const QString &role, Collection collection, MutationOp op, const QJsonObject &fields = {});

} // namespace Permissions
} // namespace hearth
