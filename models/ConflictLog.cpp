#include "ConflictLog.h"

#include "HouseholdEngine.h"
#include "Merge.h"

#include <QVariantMap>

namespace hearth {

ConflictLog::ConflictLog(HouseholdEngine &engine, QObject *parent)
    : QObject(parent)
{
    connect(&engine, &HouseholdEngine::merged, this, &ConflictLog::record);
    connect(&engine, &HouseholdEngine::changed, this, &ConflictLog::onChanged);
}

void ConflictLog::record(Collection collection, const QString &entityId, const QJsonArray &merged)
{
    const Key key{int(collection), entityId};
    bool touched = false;
    for (const QJsonValue &value : merged) {
        const QJsonObject entry = value.toObject();
        const QString field = entry.value(QLatin1String("field")).toString();
        if (field.isEmpty())
            continue;
        if (entry.value(QLatin1String("outcome")).toString() == QLatin1String("theirs")) {
            m_open[key].insert(field, {entry.value(QLatin1String("mine")), entry.value(QLatin1String("theirs"))});
            touched = true;
        } else if (const auto it = m_open.find(key); it != m_open.end() && it->remove(field) > 0) {
            if (it->isEmpty())
                m_open.erase(it);
            touched = true;
        }
    }
    if (touched)
        Q_EMIT conflictsChanged(collection, entityId);
}

QVariantList ConflictLog::conflictsOf(Collection collection, const QString &entityId) const
{
    QVariantList list;
    const auto it = m_open.constFind(Key{int(collection), entityId});
    if (it == m_open.cend())
        return list;
    for (auto field = it->cbegin(); field != it->cend(); ++field) {
        list.append(QVariantMap{{QStringLiteral("field"), field.key()},
                                {QStringLiteral("mine"), field->mine.toVariant()},
                                {QStringLiteral("theirs"), field->theirs.toVariant()}});
    }
    return list;
}

QJsonObject ConflictLog::mineOf(Collection collection, const QString &entityId) const
{
    QJsonObject mine;
    const auto it = m_open.constFind(Key{int(collection), entityId});
    if (it != m_open.cend()) {
        for (auto field = it->cbegin(); field != it->cend(); ++field)
            mine.insert(field.key(), field->mine);
    }
    return mine;
}

bool ConflictLog::hasConflicts(Collection collection, const QString &entityId) const
{
    return m_open.contains(Key{int(collection), entityId});
}

int ConflictLog::count(Collection collection) const
{
    int n = 0;
    for (auto it = m_open.cbegin(); it != m_open.cend(); ++it)
        n += it.key().first == int(collection) ? 1 : 0;
    return n;
}

void ConflictLog::dismiss(Collection collection, const QString &entityId)
{
    if (m_open.remove(Key{int(collection), entityId}) > 0)
        Q_EMIT conflictsChanged(collection, entityId);
}

void ConflictLog::onChanged(const Change &change)
{
    const Key key{int(change.collection), change.entityId};
    const auto it = m_open.find(key);
    if (it == m_open.end())
        return;
    if (change.action == ChangeAction::Deleted) {
        m_open.erase(it);
        Q_EMIT conflictsChanged(change.collection, change.entityId);
        return;
    }
    // A field that now holds what this device sent is settled, whoever wrote it.
    bool settled = false;
    for (auto field = it->begin(); field != it->end();) {
        if (sameFieldValue(change.entity.value(field.key()), field->mine)) {
            field = it->erase(field);
            settled = true;
        } else {
            ++field;
        }
    }
    if (it->isEmpty())
        m_open.erase(it);
    if (settled)
        Q_EMIT conflictsChanged(change.collection, change.entityId);
}

} // namespace hearth
