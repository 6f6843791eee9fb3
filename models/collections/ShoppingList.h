#pragma once

// What the pantry's definition asks of the shopping board's (BoardCollections.cpp): the card an
// item that ran low puts on the list. Only the collection definitions include it.

#include "Mutation.h"

#include <QJsonObject>

#include <optional>

namespace hearth {

class AuthoritativeEngine;

// Unless an open card already restocks it, puts a card for a pantry item that ran below its
// minimum at the bottom of the first column, written by the system (no member) in the unit open:
// named like the item, linked to it, for what brings it back to the minimum.
std::optional<MutationError> putLowItemOnList(AuthoritativeEngine &engine, const QJsonObject &item);

} // namespace hearth
