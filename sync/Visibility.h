#pragma once

#include "Mutation.h"
#include "Schema.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// What each member of a household is shown of its events and rows, from the collections'
// `visibleTo` rules (docs/protocol.md, "What a member is shown"). The host applies it per socket
// to every broadcast, replay, snapshot and HTTP snapshot; nothing here names a collection.
namespace hearth::visibility {

// True when some collection has a rule: without one, everyone sees everything and the host skips all of this.
bool anyRule();
// True when `field` of the household row is read by some collection's rule.
bool householdFieldRead(const QString &field);

// An entity as `viewer` may see it (nullopt: not at all); the entity itself when its collection has no rule.
std::optional<QJsonObject> shown(Collection collection, const QJsonObject &entity, const Viewer &viewer);
// The rows of a snapshot that `viewer` may see, each as they may see it.
QJsonArray shownRows(Collection collection, const QJsonArray &rows, const Viewer &viewer);

// The `user_id` of a change a viewer sees only in part, made by someone else: not a member id, so
// nobody is named (a claim on their own wish), but not "" either, which means the host itself
// made it and is no one's doing to tell them about ("Someone claimed an item on your list").
inline constexpr QLatin1String kSomeone("someone");

// What one viewer is shown of a change.
struct ShownChange
{
    enum class Kind {
        Whole,   // the change as it is: its bytes are shared with every such viewer
        Part,    // `change` is what they may see of it (fields replaced, or an update that became a create/delete)
        Nothing, // a seq_advance: the seq moved, nothing for them
    };
    Kind kind = Kind::Whole;
    Change change;      // for Part: the change as shown (who made it named only when it was the viewer)
    QJsonObject before; // an update's entity before, as shown to them (empty when unknown)
};
// `before`: for an update, the entity before it when known (Change::before, or the log for a
// replay); an update whose shown entity is the same before and after (rev and updated_at aside)
// shows Nothing.
ShownChange shownChange(const Change &change, const QJsonObject &before, const Viewer &viewer);

// {"data":{},"event":"seq_advance","seq":N}
QString encodeSeqAdvance(qint64 seq);

// The fields that differ between two shown versions of an entity, rev and updated_at aside.
QStringList changedFields(const QJsonObject &before, const QJsonObject &after);

} // namespace hearth::visibility
