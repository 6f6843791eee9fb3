#pragma once

#include "Mutation.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QVariantList>

namespace hearth {

class HouseholdEngine;

// The open conflicts of this device's edits: fields of a stale update that both sides changed
// and where the stored value stayed ("theirs", MutationResult::merged), per entity and field, from
// the engine's merged() signal until the member keeps theirs (dismiss) or sends theirs again
// (CollectionModel::keepMine). Kept in memory: after a restart the entity simply shows the
// household's value. A conflict also closes when the field comes to hold the value sent (someone
// applied it) or the entity is deleted.
class ConflictLog final : public QObject
{
    Q_OBJECT

public:
    explicit ConflictLog(HouseholdEngine &engine, QObject *parent = nullptr);

    // Takes a result's merged entries: a "theirs" opens (or replaces) the field's conflict; a
    // field that came out the sender's way closes one.
    void record(Collection collection, const QString &entityId, const QJsonArray &merged);
    // One entity's open conflicts, {"field", "mine", "theirs"} each, by field name.
    QVariantList conflictsOf(Collection collection, const QString &entityId) const;
    // The values this device sent for them: what "Keep mine" sends again.
    QJsonObject mineOf(Collection collection, const QString &entityId) const;
    bool hasConflicts(Collection collection, const QString &entityId) const;
    // How many entities of a collection have open conflicts.
    int count(Collection collection) const;
    // Closes an entity's conflicts (Keep theirs).
    void dismiss(Collection collection, const QString &entityId);

Q_SIGNALS:
    void conflictsChanged(hearth::Collection collection, const QString &entityId);

private:
    struct Open
    {
        QJsonValue mine;
        QJsonValue theirs;
    };
    using Key = std::pair<int, QString>;
    void onChanged(const Change &change);

    // Ordered by field name, so a row's conflicts read the same every time.
    QHash<Key, QMap<QString, Open>> m_open;
};

} // namespace hearth
