#pragma once

#include <QRect>
#include <QString>
#include <QVariant>

#include <functional>

class QMenu;
class QModelIndex;
class QPainter;

namespace hearth {

class CollectionModel;
struct MutationResult;

// The amber mark of an item whose last edit here lost to someone else's (the item's model's
// CollectionModel::ConflictRole is not empty), and the two ways out of it: send mine again, or
// keep theirs. Shared by every page that shows such items (shopping cards, event tasks).
namespace conflictmarker {

inline constexpr int kSize = 14;

// The open conflicts of the item at `index`, through any proxies: {"field", "mine", "theirs"} maps.
QVariantList conflictsAt(const QModelIndex &index);
// Where the mark goes on an item drawn in `itemRect`: a small dot inside its top right corner.
QRect markerRect(const QRect &itemRect);
// Paints the mark (an amber dot with "!") in `rect`.
void paint(QPainter *painter, const QRect &rect);

// How a field's value reads to a person ("In cart" for a column id); the value as text when unset.
using ValueText = std::function<QString(const QString &field, const QVariant &value)>;
// "Keep mine (In cart)" / "Keep theirs (Done)": named after `conflicts`' first entry.
QString keepMineText(const QVariantList &conflicts, const ValueText &valueText = {});
QString keepTheirsText(const QVariantList &conflicts, const ValueText &valueText = {});
// Adds both actions to `menu` for the entity `entityId` of `model`; `done` hears the result of
// Keep mine (a failure says why).
void addActions(QMenu *menu, CollectionModel &model, const QString &entityId, const ValueText &valueText = {},
                const std::function<void(const MutationResult &)> &done = {});

} // namespace conflictmarker

} // namespace hearth
