#pragma once

#include "Schema.h"

#include <QJsonObject>

#include <optional>

namespace hearth {

class HouseholdData;

// What a member may be shown of the gift system (docs/protocol.md, "Gifts"). The host applies
// these per socket and snapshot (CollectionSpec::visibleTo); the app applies the same functions
// for the member at its device, so a shared kitchen tablet does not spoil a surprise either.
namespace gifts {

// A gift item as `viewer` may see it. With R its recipient member:
// 1. viewer ≠ R: the whole item;
// 2. viewer = R, an adult, the household's gift_child_lists_open on and the item added by a
//    child: the whole item;
// 3. viewer = R and a surprise: nothing (nullopt);
// 4. viewer = R otherwise: without who claimed it, its status ("idea"), price paid and
//    transaction; `taken` as stored when gift_taken_shown is on, else false.
std::optional<QJsonObject> visibleTo(const QJsonObject &item, const Viewer &viewer);

// Whether `viewer` is the item's recipient and so is shown less than all of it (cases 3 and 4).
bool keptFrom(const QJsonObject &item, const Viewer &viewer);

// A transaction is hidden from the member its hidden_from_member_id names (a gift's price paid).
std::optional<QJsonObject> transactionVisibleTo(const QJsonObject &transaction, const Viewer &viewer);

// The household fields visibleTo reads.
const QStringList &visibilityReads();

// The viewer `memberId` is as this device's models know the household: their role, every
// member's role and the household's settings.
Viewer viewerFor(const HouseholdData &data, const QString &memberId);

// The household's settings, with their defaults when the row does not carry them.
bool takenShown(const QJsonObject &household);
bool childListsOpen(const QJsonObject &household);

} // namespace gifts

} // namespace hearth
