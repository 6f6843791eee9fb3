#pragma once

#include "HouseholdEngine.h"
#include "Mutation.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <optional>

class QSqlQuery;

namespace hearth {
class ConflictLog;
class RowReader;
}

namespace hearth {

// Base of every household model. It loads its collection once, then follows the engine's
// changed() signal, turning each one-entity change into exactly one fine-grained model signal
// (rowsInserted, dataChanged or rowsRemoved). Every edit a model offers becomes a Mutation handed
// to apply(): the one mutation path shared by user edits, undo and incoming sync events.
class CollectionModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    CollectionModel(HouseholdEngine &engine, Collection collection, QObject *parent = nullptr);

    // A row's open conflicts (ConflictLog): a QVariantList of {"field", "mine", "theirs"} maps, empty
    // when none. Models answer it through CollectionModel::data(), so it reads the same everywhere.
    static constexpr int ConflictRole = Qt::UserRole + 900;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // Where the rows' conflicts are kept (HouseholdData passes its log); without one there are none.
    void setConflictLog(ConflictLog *log);
    QVariantList conflictsOf(const QString &entityId) const;
    // Keep mine: sends this device's values of an entity's open conflicts again, made on the row
    // as it is now; once applied they close. Keep theirs: closes them, the entity stays as it is.
    MutationResult keepMine(const QString &entityId);
    void keepTheirs(const QString &entityId);
    // The revision of a row as this model holds it; -1 when it holds no such row.
    qint64 revOf(const QString &entityId) const { return m_revById.value(entityId, -1); }

    Collection collection() const { return m_collection; }
    HouseholdEngine &engine() const { return m_engine; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int rowOf(const QString &entityId) const { return m_rowById.value(entityId, -1); }
    QString idAt(int row) const { return row >= 0 && row < entityCount() ? entityIdAt(row) : QString(); }
    // An entity's editable fields in wire form, as this model holds them (empty when unknown).
    virtual QJsonObject fieldsOf(const QString &entityId) const = 0;

    // Reads every row of the household from the store (a model reset: only for the initial load).
    void reload();

    // The one mutation path. An update made without a base_rev gets the row's rev as this model
    // holds it: the revision the member saw, which the host merges against (docs/protocol.md,
    // "Concurrent edits").
    // Named apply, not submit: QAbstractItemModel::submit() is a virtual of another meaning.
    MutationResult apply(const Mutation &mutation);
    MutationResult create(const QJsonObject &fields, const QString &entityId = {});
    MutationResult update(const QString &entityId, const QJsonObject &fields);
    MutationResult remove(const QString &entityId);
    // Deleting needs no fields, so every model offers it as it is.
    Mutation removeMutation(const QString &entityId) const;

Q_SIGNALS:
    // A change made by someone else (another member), after the model has applied it.
    void remoteChange(const hearth::Change &change);

protected:
    // For the named builders of derived models: `fields` uses the wire field names.
    Mutation creation(const QJsonObject &fields, const QString &entityId = {}) const;
    Mutation change(const QString &entityId, const QJsonObject &fields) const;
    // An update of only the fields of `after` that differ from `before` (none when nothing did), so
    // an edit does not overwrite what someone else changed meanwhile.
    Mutation changeFrom(const QString &entityId, const QJsonObject &before, const QJsonObject &after) const;

    virtual int entityCount() const = 0;
    virtual QString entityIdAt(int row) const = 0;
    virtual void clearEntities() = 0;
    virtual void loadEntity(const RowReader &row) = 0;
    virtual void appendEntity(const QJsonObject &entity) = 0;
    virtual void replaceEntity(int row, const QJsonObject &entity) = 0;
    virtual void eraseEntity(int row) = 0;
    // Called after any change so derived state (totals, per-category sums) can be refreshed.
    virtual void entitiesChanged() {}

private:
    void applyChange(const Change &change);
    void onConflictsChanged(Collection collection, const QString &entityId);

    HouseholdEngine &m_engine;
    Collection m_collection;
    QHash<QString, int> m_rowById;
    QHash<QString, qint64> m_revById;
    ConflictLog *m_conflicts = nullptr;
};

// Storage for a model whose rows are one record type.
template <typename Record>
class RecordModel : public CollectionModel
{
public:
    using CollectionModel::CollectionModel;

    const Record &at(int row) const { return m_records.at(row); }
    const QList<Record> &records() const { return m_records; }
    std::optional<Record> find(const QString &entityId) const
    {
        const int row = rowOf(entityId);
        return row < 0 ? std::nullopt : std::optional<Record>(m_records.at(row));
    }
    QJsonObject fieldsOf(const QString &entityId) const override
    {
        const int row = rowOf(entityId);
        return row < 0 ? QJsonObject() : m_records.at(row).toFields();
    }

protected:
    int entityCount() const override { return int(m_records.size()); }
    QString entityIdAt(int row) const override { return m_records.at(row).id; }
    void clearEntities() override { m_records.clear(); }
    void loadEntity(const RowReader &row) override { m_records.append(Record::fromRow(row)); }
    void appendEntity(const QJsonObject &entity) override { m_records.append(Record::fromJson(entity)); }
    void replaceEntity(int row, const QJsonObject &entity) override { m_records[row] = Record::fromJson(entity); }
    void eraseEntity(int row) override { m_records.removeAt(row); }

    QList<Record> m_records;
};

} // namespace hearth
