#pragma once

#include "CollectionList.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <cstddef>

namespace hearth {

// The collections a household holds (CollectionList.h); their wire names match protocol v1.
#define HEARTH_COLLECTION_ENUMERATOR(name, definition) name,
enum class Collection { HEARTH_COLLECTIONS(HEARTH_COLLECTION_ENUMERATOR) };
#undef HEARTH_COLLECTION_ENUMERATOR

#define HEARTH_COLLECTION_ONE(name, definition) +1
inline constexpr std::size_t kCollectionCount = 0 HEARTH_COLLECTIONS(HEARTH_COLLECTION_ONE);
#undef HEARTH_COLLECTION_ONE

constexpr std::size_t collectionIndex(Collection collection)
{
    return std::size_t(collection);
}

QString collectionName(Collection collection);
// Every collection, those that others refer to first (household, members, columns before cards):
// the order to fetch, replace or fill them in.
QList<Collection> allCollections();
bool collectionFromName(const QString &name, Collection *out);

enum class MutationOp { Create, Update, Delete };
QString mutationOpName(MutationOp op);

// One requested change to one entity: what a view asks for, what undo replays, and what a
// client sends as a `mutate` message. `fields` uses the wire field names.
struct Mutation
{
    QString id;          // client-made id; the engine assigns one when empty
    Collection collection = Collection::Pantry;
    MutationOp op = MutationOp::Create;
    QString entityId;    // required for update/delete; optional for create (client-made UUID)
    qint64 baseRev = -1; // when >= 0, the update/delete is refused unless the entity is at this rev
    QJsonObject fields;
};

struct MutationError
{
    QString code;    // "invalid", "not_found", "conflict", "forbidden", "storage"
    QString message; // a sentence a person can read
    QString field;   // the offending field, when there is one
};

struct MutationResult
{
    bool ok = false;
    QString entityId;
    qint64 rev = 0;
    qint64 seq = 0;
    MutationError error;
    // A stale update (base_rev behind) merged field by field: one object per field both sides
    // changed, {"field", "mine", "theirs", "result", "outcome": "mine" | "theirs" | "merged"};
    // "theirs" is a conflict the sender's screen shows until dismissed. Empty otherwise.
    QJsonArray merged = {};
    // Taken but not written yet: a joined device's disk is full, so the edit is kept in memory
    // (ReplicaEngine) and written, checked and sent once space is freed. Not on screen meanwhile.
    bool held = false;

    static MutationResult failure(QString code, QString message, QString field = {})
    {
        MutationResult r;
        r.error = {std::move(code), std::move(message), std::move(field)};
        return r;
    }
};

enum class ChangeAction { Created, Updated, Deleted };
QString changeActionName(ChangeAction action);

// What happened to one entity: emitted by the engine after it is durable, and applied by models.
struct Change
{
    Collection collection = Collection::Pantry;
    ChangeAction action = ChangeAction::Created;
    QString entityId;
    QJsonObject entity; // the full entity after the change (before it, for Deleted)
    qint64 rev = 0;
    qint64 seq = 0;
    QString userId;
    QString mutationId;
    QString timestamp;
    // Last, so aggregate initialisers of the fields above stay valid.
    // `entity` as compact JSON (json::compact), when the engine has written it already for the
    // event log: the host broadcasts these same bytes instead of serialising the entity again.
    // Empty when not known; whoever changes `entity` afterwards must clear it.
    QByteArray entityJson = {};
    // For Updated, the entity before the change, when the host needs it (a collection with a
    // visibility rule, members, the household): it compares what each member may see of it before
    // and after, and whether a role or a setting moved. Empty otherwise.
    QJsonObject before = {};
};

} // namespace hearth

Q_DECLARE_METATYPE(hearth::Change)
