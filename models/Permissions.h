#pragma once

#include "Mutation.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace hearth {

// What a member may change, by role. Adults may do everything; what a child may do is each
// collection's own rule (CollectionSpec::childMay). docs/security.md holds the same table; the
// host enforces it on every mutation, and the app offers only what the role allows.
namespace Permissions {

inline const QString kAdult = QStringLiteral("adult");
inline const QString kChild = QStringLiteral("child");

// nullopt when allowed; otherwise a "forbidden" error that says what the role may not do.
std::optional<MutationError> check(const QString &role, Collection collection, MutationOp op, const QJsonObject &fields);

// Convenience for views: may this role do this at all (with these fields, when they matter)?
bool allows(const QString &role, Collection collection, MutationOp op, const QJsonObject &fields = {});

} // namespace Permissions
} // namespace hearth
