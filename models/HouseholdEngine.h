#pragma once

#include "Mutation.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

#include <optional>

namespace hearth {

class Store;

// The one door through which every change to a household passes. Models and views talk only to
// this interface; whether the engine is authoritative (alone, or hosting the room) or a replica
// of a household hosted elsewhere is not their concern.
class HouseholdEngine : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual QString householdId() const = 0;
    // The member on whose behalf this engine's local edits are made.
    virtual QString actingMemberId() const = 0;

    // Validates and applies one mutation. A successful result has been written to the store and
    // announced through changed() before this returns — unless it is `held` (a replica on a full
    // disk keeps it in memory until it can be written); a failed one changed nothing.
    virtual MutationResult submit(const Mutation &mutation) = 0;

    // The current state of one entity, or nothing when it does not exist.
    virtual std::optional<QJsonObject> entity(Collection collection, const QString &entityId) const = 0;

    // The local store holding this household's rows (authoritative copy or replica); models load
    // from it once and then follow changed().
    virtual Store &store() const = 0;

Q_SIGNALS:
    void changed(const hearth::Change &change);
    // Every row of a collection was replaced (a full refetch after the host's log no longer
    // reached back): models reload that collection.
    void reloaded(hearth::Collection collection);
    // This device now acts as another member (actingMemberId()).
    void actingMemberChanged();
    // An edit of this device was made on a revision someone else had moved on from, and the host
    // merged it field by field: MutationResult::merged's entries (at submit when this engine is
    // the authority, when the host's ack comes for a replica).
    void merged(hearth::Collection collection, const QString &entityId, const QJsonArray &merged);
};

} // namespace hearth
