#pragma once

// Small helpers for the models-layer tests: counting rows in the store, file checksums, and a spy
// that records every structural signal a model emits (so a test can demand exactly one
// rowsInserted / dataChanged / rowsRemoved and never a reset or layout change).

#include "Store.h"

#include <QAbstractItemModel>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QTest>

#include <memory>

namespace hearth::test {

// Rows of `table` in the whole store (-1 when the query fails).
inline qint64 countRows(Store &store, const QString &table, const QString &where = {})
{
    QSqlQuery query(store.database());
    const QString sql = QStringLiteral("SELECT count(*) FROM %1%2")
                            .arg(table, where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

// One value from the store (the first column of the first row), or an invalid QVariant.
inline QVariant queryValue(Store &store, const QString &sql, const QVariantList &bind = {})
{
    QSqlQuery query(store.database());
    query.prepare(sql);
    for (const QVariant &v : bind)
        query.addBindValue(v);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0);
}

// The event a household logged with `seq`, as stored: the entity column parsed back to JSON.
struct StoredEvent
{
    bool found = false;
    QString collection;
    QString action;
    QString entityId;
    QJsonObject entity;
    qint64 rev = 0;
    QString userId;
    QString mutationId;
    QString ts;
};

inline StoredEvent storedEvent(Store &store, const QString &householdId, qint64 seq)
{
    StoredEvent e;
    QSqlQuery query(store.database());
    query.prepare(QStringLiteral("SELECT collection, action, entity_id, entity, rev, user_id, mutation_id, ts "
                                 "FROM events WHERE household_id = ? AND seq = ?"));
    query.addBindValue(householdId);
    query.addBindValue(seq);
    if (!query.exec() || !query.next())
        return e;
    e.found = true;
    e.collection = query.value(0).toString();
    e.action = query.value(1).toString();
    e.entityId = query.value(2).toString();
    e.entity = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object();
    e.rev = query.value(4).toLongLong();
    e.userId = query.value(5).toString();
    e.mutationId = query.value(6).toString();
    e.ts = query.value(7).toString();
    return e;
}

// SHA-256 of a file's bytes (empty when it cannot be read).
inline QByteArray fileChecksum(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

// Records every structural signal of a model. Create it before the change under test.
class ModelSignals
{
public:
    explicit ModelSignals(QAbstractItemModel *model)
        : inserted(model, &QAbstractItemModel::rowsInserted)
        , removed(model, &QAbstractItemModel::rowsRemoved)
        , moved(model, &QAbstractItemModel::rowsMoved)
        , changed(model, &QAbstractItemModel::dataChanged)
        , reset(model, &QAbstractItemModel::modelReset)
        , layout(model, &QAbstractItemModel::layoutChanged)
        , columnsInserted(model, &QAbstractItemModel::columnsInserted)
        , columnsRemoved(model, &QAbstractItemModel::columnsRemoved)
    {
    }

    // "inserted=1 removed=0 ..." so a failing comparison says what happened.
    QString counts() const
    {
        return QStringLiteral("inserted=%1 removed=%2 moved=%3 changed=%4 reset=%5 layout=%6 columns=%7")
            .arg(inserted.count())
            .arg(removed.count())
            .arg(moved.count())
            .arg(changed.count())
            .arg(reset.count())
            .arg(layout.count())
            .arg(columnsInserted.count() + columnsRemoved.count());
    }

    static QString expected(int insertedCount, int removedCount, int changedCount)
    {
        return QStringLiteral("inserted=%1 removed=%2 moved=0 changed=%3 reset=0 layout=0 columns=0")
            .arg(insertedCount)
            .arg(removedCount)
            .arg(changedCount);
    }

    void clear()
    {
        for (QSignalSpy *spy : {&inserted, &removed, &moved, &changed, &reset, &layout, &columnsInserted, &columnsRemoved})
            spy->clear();
    }

    QSignalSpy inserted;
    QSignalSpy removed;
    QSignalSpy moved;
    QSignalSpy changed;
    QSignalSpy reset;
    QSignalSpy layout;
    QSignalSpy columnsInserted;
    QSignalSpy columnsRemoved;
};

} // namespace hearth::test
