#include "Visibility.h"

#include "Protocol.h"

#include <QSet>

namespace hearth::visibility {

namespace {

// Every update moves these: they say nothing a member may not know, but compared they would make
// every hidden move look like a visible one.
bool isBookkeeping(const QString &key)
{
    return key == QLatin1String("rev") || key == QLatin1String("updated_at");
}

// Who made a change and with which mutation, kept only for the viewer's own: a claim on their own
// wish item must not say who claimed it. A change by the host itself stays "".
Change partOf(const Change &change, const Viewer &viewer)
{
    Change shownChange = change;
    shownChange.entityJson.clear();
    shownChange.before = {};
    if (change.userId != viewer.memberId) {
        if (!change.userId.isEmpty())
            shownChange.userId = kSomeone;
        shownChange.mutationId.clear();
    }
    return shownChange;
}

} // namespace

bool anyRule()
{
    static const bool any = [] {
        for (const Collection c : allCollections())
            if (collectionSpec(c).visibleTo)
                return true;
        return false;
    }();
    return any;
}

bool householdFieldRead(const QString &field)
{
    static const QSet<QString> read = [] {
        QSet<QString> fields;
        for (const Collection c : allCollections())
            for (const QString &f : collectionSpec(c).visibilityReads)
                fields.insert(f);
        return fields;
    }();
    return read.contains(field);
}

std::optional<QJsonObject> shown(Collection collection, const QJsonObject &entity, const Viewer &viewer)
{
    const CollectionSpec &spec = collectionSpec(collection);
    return spec.visibleTo ? spec.visibleTo(entity, viewer) : std::optional<QJsonObject>(entity);
}

QJsonArray shownRows(Collection collection, const QJsonArray &rows, const Viewer &viewer)
{
    if (!collectionSpec(collection).visibleTo)
        return rows;
    QJsonArray visible;
    for (const QJsonValue &row : rows)
        if (const auto seen = shown(collection, row.toObject(), viewer))
            visible.append(*seen);
    return visible;
}

QStringList changedFields(const QJsonObject &before, const QJsonObject &after)
{
    QStringList changed;
    for (auto it = after.begin(); it != after.end(); ++it)
        if (!isBookkeeping(it.key()) && before.value(it.key()) != it.value())
            changed.append(it.key());
    for (auto it = before.begin(); it != before.end(); ++it)
        if (!isBookkeeping(it.key()) && !after.contains(it.key()))
            changed.append(it.key());
    return changed;
}

ShownChange shownChange(const Change &change, const QJsonObject &before, const Viewer &viewer)
{
    ShownChange result;
    const VisibilityRule &rule = collectionSpec(change.collection).visibleTo;
    if (!rule) {
        result.change = change;
        result.before = before;
        return result;
    }
    result.kind = ShownChange::Kind::Nothing;
    const std::optional<QJsonObject> now = rule(change.entity, viewer);
    if (change.action != ChangeAction::Updated) {
        // A create or a delete: the entity (after, or before it went) as they may see it.
        if (now) {
            result.kind = *now == change.entity ? ShownChange::Kind::Whole : ShownChange::Kind::Part;
            result.change = result.kind == ShownChange::Kind::Whole ? change : partOf(change, viewer);
            result.change.entity = *now;
        }
        return result;
    }
    // An update: what it was to them decides. Unknown before and hidden now: they hear nothing
    // (a delete would tell them an id they never knew).
    const std::optional<QJsonObject> was = before.isEmpty() ? std::nullopt : rule(before, viewer);
    if (!now) {
        if (was) { // it went out of their sight: for them it is gone
            result.kind = ShownChange::Kind::Part;
            result.change = partOf(change, viewer);
            result.change.action = ChangeAction::Deleted;
            result.change.entity = *was;
        }
        return result;
    }
    if (was && changedFields(*was, *now).isEmpty())
        return result; // nothing they may see moved
    const bool cameIntoSight = !before.isEmpty() && !was; // for them it is new
    // Whole only when the rule hid nothing of it on either side: an update that clears what was
    // hidden from them (an un-claim of their wish) must not name who had it.
    const bool whole = *now == change.entity && was && *was == before;
    result.kind = whole ? ShownChange::Kind::Whole : ShownChange::Kind::Part;
    result.change = whole ? change : partOf(change, viewer);
    result.change.entity = *now;
    if (cameIntoSight)
        result.change.action = ChangeAction::Created;
    if (was)
        result.before = *was;
    return result;
}

QString encodeSeqAdvance(qint64 seq)
{
    return protocol::encode(QStringLiteral("seq_advance"), {}, seq);
}

} // namespace hearth::visibility
