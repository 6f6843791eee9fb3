#pragma once

#include "Mutation.h"
#include "Schema.h"

#include <QJsonObject>

#include <functional>
#include <optional>

namespace hearth {

// Answers whether an entity of a collection exists in the household (for references).
using ExistsLookup = std::function<bool(Collection, const QString &)>;

// Checks the types of the given fields and puts them in canonical form (trimmed text, ISO dates,
// integer cents). Unknown fields are refused; read-only keys (id, rev, ...) are ignored.
std::optional<MutationError> normalizeFields(const CollectionSpec &spec, const QJsonObject &fields, QJsonObject *out);

// The collection's rules on a complete entity (after defaults and merging).
std::optional<MutationError> validateEntity(Collection collection, const QJsonObject &entity,
                                            const ExistsLookup &exists);

} // namespace hearth
