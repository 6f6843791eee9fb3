#include "CollectionModel.h"

#include "ConflictLog.h"
#include "Records.h"
#include "Schema.h"
#include "Store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace hearth {

CollectionModel::CollectionModel(HouseholdEngine &engine, Collection collection, QObject *parent)
    : QAbstractTableModel(parent)
    , m_engine(engine)
    , m_collection(collection)
{
    connect(&m_engine, &HouseholdEngine::changed, this, &CollectionModel::applyChange);
    connect(&m_engine, &HouseholdEngine::reloaded, this, [this](Collection c) {
        if (c == m_collection)
            reload();
    });
}

void CollectionModel::setConflictLog(ConflictLog *log)
{
    if (m_conflicts)
        disconnect(m_conflicts, nullptr, this, nullptr);
    m_conflicts = log;
    if (m_conflicts)
        connect(m_conflicts, &ConflictLog::conflictsChanged, this, &CollectionModel::onConflictsChanged);
}

QVariant CollectionModel::data(const QModelIndex &index, int role) const
{
    if (role != ConflictRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    return conflictsOf(entityIdAt(index.row()));
}

QVariantList CollectionModel::conflictsOf(const QString &entityId) const
{
    return m_conflicts ? m_conflicts->conflictsOf(m_collection, entityId) : QVariantList();
}

MutationResult CollectionModel::keepMine(const QString &entityId)
{
    const QJsonObject mine = m_conflicts ? m_conflicts->mineOf(m_collection, entityId) : QJsonObject();
    if (mine.isEmpty())
        return MutationResult::failure(QStringLiteral("invalid"), tr("There is nothing of yours to keep on this item."));
    const MutationResult result = apply(change(entityId, mine));
    if (result.ok)
        m_conflicts->dismiss(m_collection, entityId);
    return result;
}

void CollectionModel::keepTheirs(const QString &entityId)
{
    if (m_conflicts)
        m_conflicts->dismiss(m_collection, entityId);
}

void CollectionModel::onConflictsChanged(Collection collection, const QString &entityId)
{
    const int row = collection == m_collection ? rowOf(entityId) : -1;
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1), {ConflictRole});
}

int CollectionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : entityCount();
}

void CollectionModel::reload()
{
    const CollectionSpec &spec = collectionSpec(m_collection);
    QStringList columns{QStringLiteral("id")};
    for (const FieldSpec &f : spec.fields)
        columns << f.key;
    columns << QStringLiteral("rev") << QStringLiteral("updated_at");

    beginResetModel();
    clearEntities();
    m_rowById.clear();
    m_revById.clear();
    QSqlQuery query(m_engine.store().database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE household_id = ?")
                      .arg(columns.join(QLatin1String(", ")), spec.table));
    query.addBindValue(m_engine.householdId());
    if (query.exec()) {
        const RowReader row(query, spec);
        const int revColumn = int(columns.size()) - 2;
        while (query.next()) {
            loadEntity(row);
            m_revById.insert(query.value(0).toString(), query.value(revColumn).toLongLong());
        }
    } else {
        qCWarning(lcStore) << "could not load" << spec.table << query.lastError().text();
    }
    const int count = entityCount();
    m_rowById.reserve(count);
    for (int row = 0; row < count; ++row)
        m_rowById.insert(entityIdAt(row), row);
    entitiesChanged();
    endResetModel();
}

MutationResult CollectionModel::apply(const Mutation &mutation)
{
    if (mutation.op == MutationOp::Update && mutation.baseRev < 0) {
        if (const auto rev = m_revById.constFind(mutation.entityId); rev != m_revById.cend()) {
            Mutation based = mutation;
            based.baseRev = *rev;
            return m_engine.submit(based);
        }
    }
    return m_engine.submit(mutation);
}

MutationResult CollectionModel::create(const QJsonObject &fields, const QString &entityId)
{
    return apply(creation(fields, entityId));
}

MutationResult CollectionModel::update(const QString &entityId, const QJsonObject &fields)
{
    return apply(change(entityId, fields));
}

MutationResult CollectionModel::remove(const QString &entityId)
{
    return apply(removeMutation(entityId));
}

Mutation CollectionModel::creation(const QJsonObject &fields, const QString &entityId) const
{
    return Mutation{{}, m_collection, MutationOp::Create, entityId, -1, fields};
}

Mutation CollectionModel::change(const QString &entityId, const QJsonObject &fields) const
{
    return Mutation{{}, m_collection, MutationOp::Update, entityId, -1, fields};
}

Mutation CollectionModel::changeFrom(const QString &entityId, const QJsonObject &before, const QJsonObject &after) const
{
    QJsonObject changed;
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (before.value(it.key()) != it.value())
            changed.insert(it.key(), it.value());
    }
    return change(entityId, changed);
}

Mutation CollectionModel::removeMutation(const QString &entityId) const
{
    return Mutation{{}, m_collection, MutationOp::Delete, entityId, -1, {}};
}

void CollectionModel::applyChange(const Change &change)
{
    if (change.collection != m_collection)
        return;
    const int row = rowOf(change.entityId);
    switch (change.action) {
    case ChangeAction::Created:
    case ChangeAction::Updated:
        m_revById.insert(change.entityId, change.entity.value(QLatin1String("rev")).toInteger(change.rev));
        if (row < 0) {
            const int at = entityCount();
            beginInsertRows({}, at, at);
            appendEntity(change.entity);
            m_rowById.insert(change.entityId, at);
            entitiesChanged();
            endInsertRows();
        } else {
            replaceEntity(row, change.entity);
            entitiesChanged();
            Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
        }
        break;
    case ChangeAction::Deleted:
        if (row < 0)
            return;
        beginRemoveRows({}, row, row);
        eraseEntity(row);
        m_rowById.remove(change.entityId);
        m_revById.remove(change.entityId);
        for (int r = row; r < entityCount(); ++r)
            m_rowById[entityIdAt(r)] = r;
        entitiesChanged();
        endRemoveRows();
        break;
    }
    if (!change.userId.isEmpty() && change.userId != m_engine.actingMemberId())
        Q_EMIT remoteChange(change);
}

} // namespace hearth
