#pragma once

// What the pantry's definition asks of the shopping board's (BoardCollections.cpp): the card an
// item that ran low puts on the list. Only the collection definitions include it.

#include "Mutation.h"

#include <QJsonObject>

#include <optional>

namespace hearth {

class AuthoritativeEngine;

// Unless an open card already restocks it, puts a card for a pantry item that ran below its
// minimum at the bottom of the first column, in the unit open: named like the item, linked to it,
// for what brings it back to the minimum. It is made in the name of `memberId`, whose change made
// the item run low (so the event says who, and the other devices hear of it), or of the system
// (empty) when the system's own change did (a purchase taken back, a receipt).
std::optional<MutationError> putLowItemOnList(AuthoritativeEngine &engine, const QJsonObject &item, const QString &memberId);

} // namespace hearth
