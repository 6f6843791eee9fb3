// The collection definitions (models/collections/) and what is derived from them: the list in
// dependency order, unique names, tables that match what each definition says (columns, types,
// NOT NULL, references and what a delete does to them), the reference rules the engine derives,
// and a store written by a build that knows a collection this one does not being refused.

#include "Mutation.h"
#include "Schema.h"
#include "Store.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

class tst_Collections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listInDependencyOrder();
    void namesAreUnique();
    void everyDefinitionIsComplete();
    void tablesMatchDefinitions_data();
    void tablesMatchDefinitions();
    void setNullReferencesAreClearedAsEvents();
    void restrictReferencesRefuseTheDelete();
    void unknownCollectionInStoreIsRefused();
};

void tst_Collections::listInDependencyOrder()
{
    const QList<Collection> all = allCollections();
    QCOMPARE(qsizetype(kCollectionCount), all.size());
    for (qsizetype i = 0; i < all.size(); ++i) {
        QCOMPARE(collectionIndex(all.at(i)), std::size_t(i));
        QCOMPARE(collectionSpec(all.at(i)).collection, all.at(i));
        for (const FieldSpec &f : collectionSpec(all.at(i)).fields) {
            if (f.ref)
                QVERIFY2(collectionIndex(f.ref->target) < std::size_t(i), qPrintable(f.key));
        }
    }
    QCOMPARE(all.first(), Collection::Household);
}

void tst_Collections::namesAreUnique()
{
    QSet<QString> names, tables, events;
    for (const Collection c : allCollections()) {
        const CollectionSpec &spec = collectionSpec(c);
        QVERIFY2(!names.contains(spec.name), qPrintable(spec.name));
        QVERIFY2(!tables.contains(spec.table), qPrintable(spec.table));
        names << spec.name;
        tables << spec.table;
        Collection back = Collection::Household;
        QVERIFY(collectionFromName(spec.name, &back));
        QCOMPARE(back, c);
        for (const QString &event : spec.eventNames) {
            QVERIFY2(!events.contains(event), qPrintable(event));
            events << event;
        }
    }
}

void tst_Collections::everyDefinitionIsComplete()
{
    for (const Collection c : allCollections()) {
        const CollectionSpec &spec = collectionSpec(c);
        QVERIFY2(spec.describe, qPrintable(spec.name));
        QVERIFY2(spec.makeModel, qPrintable(spec.name));
        QVERIFY2(!spec.fields.isEmpty(), qPrintable(spec.name));
        QVERIFY2(bool(spec.eventName) == !spec.eventNames.isEmpty(), qPrintable(spec.name));
        for (const FieldSpec &f : spec.fields) {
            QVERIFY2(!f.required || f.missing, qPrintable(f.key));
            QVERIFY2(bool(f.ref) == (f.type == FieldType::Ref), qPrintable(f.key));
            QVERIFY2(!f.ref || f.ref->missing, qPrintable(f.key));
            QVERIFY2(!f.ref || f.ref->onDelete != OnDelete::Restrict || f.ref->inUse, qPrintable(f.key));
            QVERIFY2(!f.minimum || f.tooSmall, qPrintable(f.key));
            QVERIFY2(!f.maximum || f.tooLarge, qPrintable(f.key));
        }
    }
}

void tst_Collections::tablesMatchDefinitions_data()
{
    QTest::addColumn<Collection>("collection");
    for (const Collection c : allCollections())
        QTest::newRow(qPrintable(collectionSpec(c).name)) << c;
}

void tst_Collections::tablesMatchDefinitions()
{
    QFETCH(Collection, collection);
    TempHousehold home;
    QVERIFY2(home.isValid(), qPrintable(home.error()));
    const CollectionSpec &spec = collectionSpec(collection);

    struct Column
    {
        QString type;
        bool notNull;
    };
    QHash<QString, Column> columns;
    QSqlQuery info(home.store().database());
    QVERIFY(info.exec(QStringLiteral("PRAGMA table_info(%1)").arg(spec.table)));
    while (info.next())
        columns.insert(info.value(1).toString(), {info.value(2).toString(), info.value(3).toBool()});

    QSet<QString> expected{QStringLiteral("id"), QStringLiteral("household_id"), QStringLiteral("rev"), QStringLiteral("updated_at")};
    for (const FieldSpec &f : spec.fields) {
        expected << f.key;
        QVERIFY2(columns.contains(f.key), qPrintable(f.key));
        const Column column = columns.value(f.key);
        const QString sqlType = f.type == FieldType::Real ? QStringLiteral("REAL")
            : (f.type == FieldType::Cents || f.type == FieldType::Int || f.type == FieldType::Bool) ? QStringLiteral("INTEGER")
                                                                                                  : QStringLiteral("TEXT");
        QCOMPARE(column.type, sqlType);
        // Nullable exactly when the definition lets a value be null: optional dates and references.
        const bool nullable = (f.type == FieldType::Date || f.type == FieldType::Ref) && !f.required;
        QVERIFY2(column.notNull == !nullable, qPrintable(f.key));
    }
    QCOMPARE(QSet<QString>(columns.keyBegin(), columns.keyEnd()), expected);

    QHash<QString, QPair<QString, QString>> foreignKeys; // column -> (table, on_delete)
    QSqlQuery keys(home.store().database());
    QVERIFY(keys.exec(QStringLiteral("PRAGMA foreign_key_list(%1)").arg(spec.table)));
    while (keys.next())
        foreignKeys.insert(keys.value(3).toString(), {keys.value(2).toString(), keys.value(6).toString()});
    for (const FieldSpec &f : spec.fields) {
        if (!f.ref)
            continue;
        QVERIFY2(foreignKeys.contains(f.key), qPrintable(f.key));
        QCOMPARE(foreignKeys.value(f.key).first, collectionSpec(f.ref->target).table);
        QCOMPARE(foreignKeys.value(f.key).second,
                 f.ref->onDelete == OnDelete::SetNull ? QStringLiteral("SET NULL") : QStringLiteral("RESTRICT"));
    }
    if (collection != Collection::Household)
        QCOMPARE(foreignKeys.value(QStringLiteral("household_id")), qMakePair(QStringLiteral("households"), QStringLiteral("CASCADE")));

    // A collection the host filters per member reads an entity's previous event through its own
    // partial index on the log, never by walking the log back.
    if (spec.visibleTo) {
        QSqlQuery plan(home.store().database());
        QVERIFY(plan.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + previousEventSql(spec.name).replace(QLatin1Char('?'), QStringLiteral("'x'"))));
        QString steps;
        while (plan.next())
            steps += plan.value(3).toString() + QLatin1Char('\n');
        QVERIFY2(steps.contains(QStringLiteral("USING INDEX events_%1_entity").arg(spec.name)), qPrintable(steps));
    }
}

void tst_Collections::setNullReferencesAreClearedAsEvents()
{
    TempHousehold home;
    AuthoritativeEngine &engine = home.engine();
    const MutationResult sam = engine.submit({{}, Collection::Members, MutationOp::Create, {}, -1, {{QStringLiteral("name"), QStringLiteral("Sam")}}});
    QVERIFY(sam.ok);
    const QString column = engine.snapshot(Collection::BoardColumns).first().toObject().value(QLatin1String("id")).toString();
    const MutationResult card = engine.submit({{}, Collection::BoardCards, MutationOp::Create, {}, -1,
                                               {{QStringLiteral("title"), QStringLiteral("Milk")},
                                                {QStringLiteral("column_id"), column},
                                                {QStringLiteral("assignee_id"), sam.entityId}}});
    const MutationResult paid = engine.submit({{}, Collection::Transactions, MutationOp::Create, {}, -1,
                                               {{QStringLiteral("description"), QStringLiteral("Shop")},
                                                {QStringLiteral("occurred_on"), QStringLiteral("2026-03-01")},
                                                {QStringLiteral("amount_cents"), 100},
                                                {QStringLiteral("member_id"), sam.entityId}}});
    QVERIFY(card.ok && paid.ok);

    QSignalSpy changed(&engine, &HouseholdEngine::changed);
    const MutationResult removed = engine.submit({{}, Collection::Members, MutationOp::Delete, sam.entityId, -1, {}});
    QVERIFY2(removed.ok, qPrintable(removed.error.message));
    // Every reference the definitions mark SetNull, cleared as its own event, then the removal,
    // announced in seq order.
    QCOMPARE(changed.size(), 3);
    qint64 seq = 0;
    for (const QList<QVariant> &args : std::as_const(changed)) {
        const Change c = args.first().value<Change>();
        QVERIFY(c.seq > seq);
        seq = c.seq;
    }
    QCOMPARE(changed.at(2).first().value<Change>().collection, Collection::Members);
    QVERIFY(engine.entity(Collection::BoardCards, card.entityId)->value(QLatin1String("assignee_id")).isNull());
    QVERIFY(engine.entity(Collection::Transactions, paid.entityId)->value(QLatin1String("member_id")).isNull());
    QCOMPARE(removed.seq, engine.headSeq());
}

void tst_Collections::restrictReferencesRefuseTheDelete()
{
    TempHousehold home;
    AuthoritativeEngine &engine = home.engine();
    const QString column = engine.snapshot(Collection::BoardColumns).first().toObject().value(QLatin1String("id")).toString();
    QVERIFY(engine.submit({{}, Collection::BoardCards, MutationOp::Create, {}, -1,
                           {{QStringLiteral("title"), QStringLiteral("Milk")}, {QStringLiteral("column_id"), column}}})
                .ok);
    const qint64 head = engine.headSeq();
    QSignalSpy changed(&engine, &HouseholdEngine::changed);
    const MutationResult refused = engine.submit({{}, Collection::BoardColumns, MutationOp::Delete, column, -1, {}});
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error.code, QStringLiteral("conflict"));
    QVERIFY(refused.error.message.contains(QLatin1String("still has cards")));
    QVERIFY(engine.entity(Collection::BoardColumns, column));
    QCOMPARE(engine.headSeq(), head);
    QCOMPARE(changed.size(), 0);
}

void tst_Collections::unknownCollectionInStoreIsRefused()
{
    TempHousehold home;
    QSqlQuery newer(home.store().database());
    QVERIFY(newer.exec(QStringLiteral("INSERT INTO collection_schema (collection, steps) VALUES ('time_machines', 1)")));
    newer.finish();
    const QString path = home.storePath();
    QVERIFY(home.reopen() == false);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    QString error;
    QVERIFY(!Store::open(path, &error));
    QVERIFY2(error.contains(QLatin1String("newer version")) && error.contains(QLatin1String("time_machines")), qPrintable(error));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

QTEST_GUILESS_MAIN(tst_Collections)
#include "tst_collections.moc"
