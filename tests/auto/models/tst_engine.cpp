// AuthoritativeEngine: one mutation = the entity row + one event with the next seq, in one
// transaction; revisions, conflicts, retries, household isolation and the changed() signal.

#include "ModelTestHelpers.h"
#include "TestSupport.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

Q_DECLARE_METATYPE(hearth::MutationOp)

namespace {

const QStringList kEntityTables = {QStringLiteral("households"),   QStringLiteral("members"),
                                   QStringLiteral("pantry_items"), QStringLiteral("transactions"),
                                   QStringLiteral("goals"),        QStringLiteral("board_columns"),
                                   QStringLiteral("board_cards")};

Mutation pantryCreate(const QString &name, const QString &mutationId = {}, const QString &entityId = {})
{
    return Mutation{mutationId, Collection::Pantry, MutationOp::Create, entityId, -1,
                    {{QStringLiteral("name"), name}, {QStringLiteral("quantity"), 2}, {QStringLiteral("unit"), QStringLiteral("l")},
                     {QStringLiteral("expires_on"), QStringLiteral("2026-03-20")}}};
}

Mutation pantryUpdate(const QString &id, QJsonObject fields, qint64 baseRev = -1, const QString &mutationId = {})
{
    return Mutation{mutationId, Collection::Pantry, MutationOp::Update, id, baseRev, std::move(fields)};
}

Mutation pantryDelete(const QString &id, qint64 baseRev = -1)
{
    return Mutation{{}, Collection::Pantry, MutationOp::Delete, id, baseRev, {}};
}

} // namespace

class tst_Engine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createWritesEntityAndOneEvent();
    void updateIncrementsRevAndLogsEvent();
    void deleteRemovesEntityAndLogsEvent();
    void entityAndEventShareOneTransaction();
    void changedComesAfterCommit();
    void baseRevConflict_data();
    void baseRevConflict();
    void notFound_data();
    void notFound();
    void createWithExistingIdConflicts();
    void duplicateMutationIdIsAppliedOnce();
    void duplicateMutationIdSurvivesReopen();
    void failedMutationIdCanBeRetried();
    void changedOncePerSuccessNeverForFailure();
    void submitAsRecordsTheMember();
    void householdRules();
    void columnWithCardsCannotBeDeleted();
    void removingAMemberClearsWhatNamesThemAsEvents();
    void timestampsComeFromTheClock();
    void eventsMatchEntitiesWithDemoData();
    void everyRowHasTheHouseholdId();
    void householdsInOneStoreAreIsolated();
    void eventRowHoldsTheEntityAsCompactJson();
    void readsDoNotHoldTheDatabase();
    void stepsAddToTheStoredValue();
    void stepsWhereTheyMeanNothingAreRefused_data();
    void stepsWhereTheyMeanNothingAreRefused();
    void aChildMayStepAGoal();

private:
    AuthoritativeEngine &engine() { return m_home->engine(); }
    Store &store() { return m_home->store(); }
    qint64 events() { return countRows(store(), QStringLiteral("events")); }
    qint64 pantryRows() { return countRows(store(), QStringLiteral("pantry_items")); }

    std::unique_ptr<TempHousehold> m_home;
};

void tst_Engine::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    m_home = std::make_unique<TempHousehold>();
    QVERIFY2(m_home->isValid(), qPrintable(m_home->error()));
}

void tst_Engine::cleanup()
{
    m_home.reset();
}

void tst_Engine::createWritesEntityAndOneEvent()
{
    const qint64 head = engine().headSeq();
    QVERIFY(head > 0); // the household, its owner and the board columns were logged
    QCOMPARE(events(), head);
    const qint64 rowsBefore = pantryRows();
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);

    const MutationResult r = engine().submit(pantryCreate(QStringLiteral("Milk"), QStringLiteral("mut-create")));
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QVERIFY(!r.entityId.isEmpty());
    QCOMPARE(r.rev, qint64(1));
    QCOMPARE(r.seq, head + 1);
    QCOMPARE(engine().headSeq(), head + 1);
    QCOMPARE(pantryRows(), rowsBefore + 1);
    QCOMPARE(events(), head + 1);

    const auto entity = engine().entity(Collection::Pantry, r.entityId);
    QVERIFY(entity);
    QCOMPARE(entity->value(QLatin1String("id")).toString(), r.entityId);
    QCOMPARE(entity->value(QLatin1String("name")).toString(), QStringLiteral("Milk"));
    QCOMPARE(entity->value(QLatin1String("quantity")).toDouble(), 2.0);
    QCOMPARE(entity->value(QLatin1String("unit")).toString(), QStringLiteral("l"));
    QCOMPARE(entity->value(QLatin1String("expires_on")).toString(), QStringLiteral("2026-03-20"));
    QCOMPARE(entity->value(QLatin1String("rev")).toInteger(), qint64(1));

    const StoredEvent e = storedEvent(store(), engine().householdId(), r.seq);
    QVERIFY(e.found);
    QCOMPARE(e.collection, QStringLiteral("pantry"));
    QCOMPARE(e.action, QStringLiteral("created"));
    QCOMPARE(e.entityId, r.entityId);
    QCOMPARE(e.rev, qint64(1));
    QCOMPARE(e.userId, engine().actingMemberId());
    QCOMPARE(e.mutationId, QStringLiteral("mut-create"));
    QCOMPARE(e.entity, *entity);

    QCOMPARE(changed.count(), 1);
    const Change c = changed.at(0).at(0).value<Change>();
    QCOMPARE(c.collection, Collection::Pantry);
    QCOMPARE(c.action, ChangeAction::Created);
    QCOMPARE(c.entityId, r.entityId);
    QCOMPARE(c.seq, r.seq);
    QCOMPARE(c.rev, r.rev);
    QCOMPARE(c.entity, *entity);
    QCOMPARE(c.mutationId, QStringLiteral("mut-create"));
    QCOMPARE(c.userId, engine().actingMemberId());
    QCOMPARE(c.timestamp, e.ts);

    // A client-made id is kept; an engine-made one is used when none is given.
    const MutationResult own = engine().submit(pantryCreate(QStringLiteral("Eggs"), {}, QStringLiteral("client-made-id")));
    QVERIFY(own.ok);
    QCOMPARE(own.entityId, QStringLiteral("client-made-id"));
    QCOMPARE(own.seq, r.seq + 1);
    QVERIFY(!storedEvent(store(), engine().householdId(), own.seq).mutationId.isEmpty());
}

void tst_Engine::updateIncrementsRevAndLogsEvent()
{
    const MutationResult created = engine().submit(pantryCreate(QStringLiteral("Milk")));
    QVERIFY(created.ok);
    const qint64 rows = pantryRows();
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);

    for (int i = 1; i <= 3; ++i) {
        const qint64 head = engine().headSeq();
        const MutationResult r = engine().submit(pantryUpdate(created.entityId, {{QStringLiteral("quantity"), double(i)}}));
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QCOMPARE(r.entityId, created.entityId);
        QCOMPARE(r.rev, qint64(1 + i));
        QCOMPARE(r.seq, head + 1);
        QCOMPARE(events(), head + 1);
        QCOMPARE(pantryRows(), rows);

        const auto entity = engine().entity(Collection::Pantry, created.entityId);
        QCOMPARE(entity->value(QLatin1String("quantity")).toDouble(), double(i));
        QCOMPARE(entity->value(QLatin1String("rev")).toInteger(), r.rev);
        QCOMPARE(entity->value(QLatin1String("name")).toString(), QStringLiteral("Milk")); // untouched fields stay

        const StoredEvent e = storedEvent(store(), engine().householdId(), r.seq);
        QCOMPARE(e.action, QStringLiteral("updated"));
        QCOMPARE(e.rev, r.rev);
        QCOMPARE(e.entity, *entity);
    }
    QCOMPARE(changed.count(), 3);
    QCOMPARE(changed.at(2).at(0).value<Change>().action, ChangeAction::Updated);
}

void tst_Engine::deleteRemovesEntityAndLogsEvent()
{
    const MutationResult created = engine().submit(pantryCreate(QStringLiteral("Milk")));
    QVERIFY(created.ok);
    const auto before = engine().entity(Collection::Pantry, created.entityId);
    const qint64 head = engine().headSeq();
    const qint64 rows = pantryRows();
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);

    const MutationResult r = engine().submit(pantryDelete(created.entityId));
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.seq, head + 1);
    QCOMPARE(pantryRows(), rows - 1);
    QCOMPARE(events(), head + 1);
    QVERIFY(!engine().entity(Collection::Pantry, created.entityId));

    const StoredEvent e = storedEvent(store(), engine().householdId(), r.seq);
    QCOMPARE(e.action, QStringLiteral("deleted"));
    QCOMPARE(e.entityId, created.entityId);
    QCOMPARE(e.entity, *before); // what was deleted, so a replica or an undo can restore it
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<Change>().action, ChangeAction::Deleted);

    // Deleting again: it is gone.
    const MutationResult again = engine().submit(pantryDelete(created.entityId));
    QVERIFY(!again.ok);
    QCOMPARE(again.error.code, QStringLiteral("not_found"));
    QCOMPARE(events(), head + 1);
}

void tst_Engine::entityAndEventShareOneTransaction()
{
    // Occupy the next seq behind the engine's back, so appending the event fails after the
    // entity row was written: the row must be rolled back with it.
    const qint64 head = engine().headSeq();
    QSqlQuery block(store().database());
    block.prepare(QStringLiteral("INSERT INTO events (household_id, seq, collection, action, entity_id, entity, rev, "
                                 "user_id, mutation_id, ts) VALUES (?, ?, 'pantry', 'created', 'x', '{}', 1, NULL, 'blocker', '')"));
    block.addBindValue(engine().householdId());
    block.addBindValue(head + 1);
    QVERIFY2(block.exec(), qPrintable(block.lastError().text()));
    const qint64 rows = pantryRows();
    const qint64 eventCount = events();
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not save a change to \"?pantry_items")));
    const MutationResult r = engine().submit(pantryCreate(QStringLiteral("Milk"), {}, QStringLiteral("doomed")));
    QVERIFY(!r.ok);
    QCOMPARE(r.error.code, QStringLiteral("storage"));
    QVERIFY(!r.error.message.isEmpty());
    QCOMPARE(pantryRows(), rows);
    QCOMPARE(events(), eventCount);
    QVERIFY(!engine().entity(Collection::Pantry, QStringLiteral("doomed")));
    QCOMPARE(engine().headSeq(), head);
    QCOMPARE(changed.count(), 0);

    // An update that fails the same way leaves the row as it was.
    QVERIFY(QSqlQuery(store().database()).exec(QStringLiteral("DELETE FROM events WHERE mutation_id = 'blocker'")));
    const MutationResult made = engine().submit(pantryCreate(QStringLiteral("Bread")));
    QVERIFY(made.ok);
    const auto before = engine().entity(Collection::Pantry, made.entityId);
    QSqlQuery block2(store().database());
    block2.prepare(QStringLiteral("INSERT INTO events (household_id, seq, collection, action, entity_id, entity, rev, "
                                  "user_id, mutation_id, ts) VALUES (?, ?, 'pantry', 'created', 'x', '{}', 1, NULL, 'blocker', '')"));
    block2.addBindValue(engine().householdId());
    block2.addBindValue(engine().headSeq() + 1);
    QVERIFY(block2.exec());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not save a change to \"?pantry_items")));
    QVERIFY(!engine().submit(pantryUpdate(made.entityId, {{QStringLiteral("name"), QStringLiteral("Rye bread")}})).ok);
    QCOMPARE(engine().entity(Collection::Pantry, made.entityId), before);
}

void tst_Engine::changedComesAfterCommit()
{
    // A second connection only sees committed data: when changed() arrives, it must see both the
    // row and the event already.
    QString error;
    auto reader = Store::open(m_home->storePath(), &error);
    QVERIFY2(reader, qPrintable(error));
    qint64 rowsSeen = -1;
    qint64 eventsSeen = -1;
    connect(&engine(), &HouseholdEngine::changed, this, [&](const Change &change) {
        rowsSeen = countRows(*reader, QStringLiteral("pantry_items"), QStringLiteral("id = '%1'").arg(change.entityId));
        eventsSeen = countRows(*reader, QStringLiteral("events"), QStringLiteral("seq = %1").arg(change.seq));
    });
    QVERIFY(engine().submit(pantryCreate(QStringLiteral("Milk"))).ok);
    QCOMPARE(rowsSeen, qint64(1));
    QCOMPARE(eventsSeen, qint64(1));
}

void tst_Engine::baseRevConflict_data()
{
    QTest::addColumn<MutationOp>("op");
    QTest::newRow("update") << MutationOp::Update;
    QTest::newRow("delete") << MutationOp::Delete;
}

void tst_Engine::baseRevConflict()
{
    QFETCH(MutationOp, op);
    const MutationResult created = engine().submit(pantryCreate(QStringLiteral("Milk")));
    QVERIFY(engine().submit(pantryUpdate(created.entityId, {{QStringLiteral("quantity"), 5}})).ok); // now rev 2
    const auto before = engine().entity(Collection::Pantry, created.entityId);
    const qint64 head = engine().headSeq();
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);

    const QJsonObject fields = op == MutationOp::Update ? QJsonObject{{QStringLiteral("quantity"), 1}} : QJsonObject{};
    // A stale update merges instead (tst_merge); a stale delete, and a base ahead of the entity, are refused.
    const QList<qint64> refusedRevs = op == MutationOp::Update ? QList<qint64>{3} : QList<qint64>{0, 1, 3};
    for (qint64 stale : refusedRevs) {
        const MutationResult r = engine().submit(Mutation{{}, Collection::Pantry, op, created.entityId, stale, fields});
        QVERIFY(!r.ok);
        QCOMPARE(r.error.code, QStringLiteral("conflict"));
        QVERIFY2(r.error.message.contains(QLatin1String("changed this item first")), qPrintable(r.error.message));
    }
    QCOMPARE(engine().entity(Collection::Pantry, created.entityId), before);
    QCOMPARE(engine().headSeq(), head);
    QCOMPARE(events(), head);
    QCOMPARE(changed.count(), 0);

    const MutationResult current = engine().submit(Mutation{{}, Collection::Pantry, op, created.entityId, 2, fields});
    QVERIFY2(current.ok, qPrintable(current.error.message));
    QCOMPARE(current.seq, head + 1);
    QCOMPARE(changed.count(), 1);
}

void tst_Engine::notFound_data()
{
    QTest::addColumn<MutationOp>("op");
    QTest::newRow("update") << MutationOp::Update;
    QTest::newRow("delete") << MutationOp::Delete;
}

void tst_Engine::notFound()
{
    QFETCH(MutationOp, op);
    const qint64 head = engine().headSeq();
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);
    const MutationResult r = engine().submit(
        Mutation{{}, Collection::Pantry, op, QStringLiteral("no-such-item"), -1, {{QStringLiteral("name"), QStringLiteral("x")}}});
    QVERIFY(!r.ok);
    QCOMPARE(r.error.code, QStringLiteral("not_found"));
    QVERIFY(!r.error.message.isEmpty());
    QCOMPARE(events(), head);
    QCOMPARE(changed.count(), 0);

    // An id from another collection is not found either.
    const MutationResult other = engine().submit(
        Mutation{{}, Collection::Pantry, op, engine().actingMemberId(), -1, {{QStringLiteral("name"), QStringLiteral("x")}}});
    QCOMPARE(other.error.code, QStringLiteral("not_found"));

    // Update/delete without an id says which field is missing.
    const MutationResult noId = engine().submit(Mutation{{}, Collection::Pantry, op, QString(), -1, {}});
    QCOMPARE(noId.error.code, QStringLiteral("invalid"));
    QCOMPARE(noId.error.field, QStringLiteral("entity_id"));
}

void tst_Engine::createWithExistingIdConflicts()
{
    const MutationResult first = engine().submit(pantryCreate(QStringLiteral("Milk"), {}, QStringLiteral("same-id")));
    QVERIFY(first.ok);
    const qint64 head = engine().headSeq();
    const MutationResult second = engine().submit(pantryCreate(QStringLiteral("Other"), {}, QStringLiteral("same-id")));
    QVERIFY(!second.ok);
    QCOMPARE(second.error.code, QStringLiteral("conflict"));
    QCOMPARE(engine().entity(Collection::Pantry, QStringLiteral("same-id"))->value(QLatin1String("name")).toString(),
             QStringLiteral("Milk"));
    QCOMPARE(events(), head);
}

void tst_Engine::duplicateMutationIdIsAppliedOnce()
{
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);
    const MutationResult first = engine().submit(pantryCreate(QStringLiteral("Milk"), QStringLiteral("retry-1")));
    QVERIFY(first.ok);
    const qint64 rows = pantryRows();
    const qint64 eventCount = events();

    // The same mutation id again (a client retry after a lost ack): acknowledged with the first
    // result, not applied again, not announced again.
    for (int i = 0; i < 3; ++i) {
        const MutationResult again = engine().submit(pantryCreate(QStringLiteral("Milk"), QStringLiteral("retry-1")));
        QVERIFY(again.ok);
        QCOMPARE(again.entityId, first.entityId);
        QCOMPARE(again.rev, first.rev);
        QCOMPARE(again.seq, first.seq);
    }
    QCOMPARE(pantryRows(), rows);
    QCOMPARE(events(), eventCount);
    QCOMPARE(changed.count(), 1);

    // An update retried after later changes still answers with its own first result.
    const MutationResult update = engine().submit(
        pantryUpdate(first.entityId, {{QStringLiteral("quantity"), 7}}, -1, QStringLiteral("retry-2")));
    QVERIFY(update.ok);
    QVERIFY(engine().submit(pantryUpdate(first.entityId, {{QStringLiteral("quantity"), 1}})).ok);
    const MutationResult replay = engine().submit(
        pantryUpdate(first.entityId, {{QStringLiteral("quantity"), 7}}, -1, QStringLiteral("retry-2")));
    QVERIFY(replay.ok);
    QCOMPARE(replay.seq, update.seq);
    QCOMPARE(replay.rev, update.rev);
    QCOMPARE(engine().entity(Collection::Pantry, first.entityId)->value(QLatin1String("quantity")).toDouble(), 1.0);
    QCOMPARE(changed.count(), 3);
}

void tst_Engine::duplicateMutationIdSurvivesReopen()
{
    const MutationResult first = engine().submit(pantryCreate(QStringLiteral("Milk"), QStringLiteral("persisted")));
    QVERIFY(first.ok);
    QVERIFY(m_home->reopen());
    const qint64 eventCount = events();
    const MutationResult again = engine().submit(pantryCreate(QStringLiteral("Milk"), QStringLiteral("persisted")));
    QVERIFY(again.ok);
    QCOMPARE(again.entityId, first.entityId);
    QCOMPARE(again.seq, first.seq);
    QCOMPARE(events(), eventCount);
}

void tst_Engine::failedMutationIdCanBeRetried()
{
    // A refused mutation is not recorded: fixing it and sending the same id applies it.
    const MutationResult bad = engine().submit(
        Mutation{QStringLiteral("fix-me"), Collection::Pantry, MutationOp::Create, {}, -1, {{QStringLiteral("name"), QString()}}});
    QVERIFY(!bad.ok);
    const MutationResult good = engine().submit(pantryCreate(QStringLiteral("Milk"), QStringLiteral("fix-me")));
    QVERIFY2(good.ok, qPrintable(good.error.message));
    QCOMPARE(storedEvent(store(), engine().householdId(), good.seq).mutationId, QStringLiteral("fix-me"));
}

void tst_Engine::changedOncePerSuccessNeverForFailure()
{
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);
    int successes = 0;
    const auto submit = [&](const Mutation &m) {
        const MutationResult r = engine().submit(m);
        if (r.ok) {
            ++successes;
            if (changed.count() != successes)
                return QStringLiteral("expected %1 signals, got %2").arg(successes).arg(changed.count());
            const Change c = changed.constLast().at(0).value<Change>();
            if (c.entityId != r.entityId || c.seq != r.seq || c.rev != r.rev)
                return QStringLiteral("the signal does not describe the result");
        } else if (changed.count() != successes) {
            return QStringLiteral("a failure was announced: %1").arg(r.error.message);
        }
        return QString();
    };

    const MutationResult item = engine().submit(pantryCreate(QStringLiteral("Milk")));
    ++successes;
    QCOMPARE(submit(pantryUpdate(item.entityId, {{QStringLiteral("quantity"), -1}})), QString());
    QCOMPARE(submit(pantryUpdate(item.entityId, {{QStringLiteral("quantity"), 3}})), QString());
    QCOMPARE(submit(pantryUpdate(QStringLiteral("ghost"), {{QStringLiteral("quantity"), 3}})), QString());
    QCOMPARE(submit(pantryDelete(item.entityId, 1)), QString()); // stale: refused
    QCOMPARE(submit(pantryCreate(QStringLiteral("Bread"))), QString());
    QCOMPARE(submit(pantryDelete(item.entityId)), QString());
    QCOMPARE(submit(pantryDelete(item.entityId)), QString());
    QCOMPARE(changed.count(), 4);
}

void tst_Engine::submitAsRecordsTheMember()
{
    const MutationResult sam = engine().submit(Mutation{{}, Collection::Members, MutationOp::Create, {}, -1,
                                                        {{QStringLiteral("name"), QStringLiteral("Sam")}}});
    QVERIFY(sam.ok);
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);
    const MutationResult r = engine().submitAs(pantryCreate(QStringLiteral("Milk")), sam.entityId);
    QVERIFY(r.ok);
    QCOMPARE(storedEvent(store(), engine().householdId(), r.seq).userId, sam.entityId);
    QCOMPARE(changed.at(0).at(0).value<Change>().userId, sam.entityId);
}

void tst_Engine::householdRules()
{
    const qint64 head = engine().headSeq();
    const MutationResult other = engine().submit(Mutation{{}, Collection::Household, MutationOp::Create, QStringLiteral("another"), -1,
                                                          {{QStringLiteral("name"), QStringLiteral("Neighbours")}}});
    QVERIFY(!other.ok);
    QCOMPARE(other.error.code, QStringLiteral("forbidden"));
    const MutationResult del = engine().submit(
        Mutation{{}, Collection::Household, MutationOp::Delete, engine().householdId(), -1, {}});
    QVERIFY(!del.ok);
    QCOMPARE(del.error.code, QStringLiteral("forbidden"));
    QVERIFY(engine().entity(Collection::Household, engine().householdId()));
    QCOMPARE(events(), head);

    const MutationResult rename = engine().submit(Mutation{{}, Collection::Household, MutationOp::Update, engine().householdId(), -1,
                                                           {{QStringLiteral("name"), QStringLiteral("The Smiths")}}});
    QVERIFY(rename.ok);
    QCOMPARE(rename.seq, head + 1);
}

void tst_Engine::columnWithCardsCannotBeDeleted()
{
    const QString column = queryValue(store(), QStringLiteral("SELECT id FROM board_columns ORDER BY position LIMIT 1")).toString();
    const MutationResult card = engine().submit(Mutation{{}, Collection::BoardCards, MutationOp::Create, {}, -1,
                                                         {{QStringLiteral("title"), QStringLiteral("Milk")}, {QStringLiteral("column_id"), column}}});
    QVERIFY(card.ok);
    const qint64 head = engine().headSeq();
    const MutationResult r = engine().submit(Mutation{{}, Collection::BoardColumns, MutationOp::Delete, column, -1, {}});
    QVERIFY(!r.ok);
    QCOMPARE(r.error.code, QStringLiteral("conflict"));
    QVERIFY(engine().entity(Collection::BoardColumns, column));
    QCOMPARE(events(), head);

    QVERIFY(engine().submit(Mutation{{}, Collection::BoardCards, MutationOp::Delete, card.entityId, -1, {}}).ok);
    QVERIFY(engine().submit(Mutation{{}, Collection::BoardColumns, MutationOp::Delete, column, -1, {}}).ok);
}

void tst_Engine::removingAMemberClearsWhatNamesThemAsEvents()
{
    // A card assigned to Sam and a purchase Sam paid for: when Sam is removed, both forget him
    // through events (a replica learns it), before the event that removes him.
    const MutationResult sam = engine().submit(Mutation{{}, Collection::Members, MutationOp::Create, {}, -1,
                                                        {{QStringLiteral("name"), QStringLiteral("Sam")}}});
    QVERIFY(sam.ok);
    const QString column = queryValue(store(), QStringLiteral("SELECT id FROM board_columns ORDER BY position LIMIT 1")).toString();
    const MutationResult card = engine().submit(Mutation{{}, Collection::BoardCards, MutationOp::Create, {}, -1,
                                                         {{QStringLiteral("title"), QStringLiteral("Milk")},
                                                          {QStringLiteral("column_id"), column},
                                                          {QStringLiteral("assignee_id"), sam.entityId}}});
    const MutationResult paid = engine().submit(Mutation{{}, Collection::Transactions, MutationOp::Create, {}, -1,
                                                         {{QStringLiteral("description"), QStringLiteral("Groceries")},
                                                          {QStringLiteral("category"), QStringLiteral("Food")},
                                                          {QStringLiteral("occurred_on"), QStringLiteral("2026-03-14")},
                                                          {QStringLiteral("amount_cents"), 4250},
                                                          {QStringLiteral("member_id"), sam.entityId}}});
    QVERIFY2(card.ok && paid.ok, qPrintable(card.error.message + paid.error.message));
    const qint64 head = engine().headSeq();
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);

    const MutationResult removed = engine().submit(Mutation{{}, Collection::Members, MutationOp::Delete, sam.entityId, -1, {}});
    QVERIFY2(removed.ok, qPrintable(removed.error.message));
    QCOMPARE(removed.seq, head + 3);
    QCOMPARE(changed.count(), 3);
    const auto changeAt = [&](int i) { return changed.at(i).at(0).value<Change>(); };
    QCOMPARE(changeAt(0).entityId, card.entityId);
    QVERIFY(changeAt(0).entity.value(QLatin1String("assignee_id")).isNull());
    QCOMPARE(changeAt(1).entityId, paid.entityId);
    QVERIFY(changeAt(1).entity.value(QLatin1String("member_id")).isNull());
    QCOMPARE(changeAt(2).collection, Collection::Members);
    QCOMPARE(changeAt(2).action, ChangeAction::Deleted);
    bool complete = false;
    const QList<Change> logged = engine().eventsSince(head, &complete);
    QVERIFY(complete);
    QCOMPARE(logged.size(), 3);
    QVERIFY(engine().entity(Collection::BoardCards, card.entityId)->value(QLatin1String("assignee_id")).isNull());
    QCOMPARE(events(), engine().headSeq());
}

void tst_Engine::timestampsComeFromTheClock()
{
    m_home->clock.setNow(QDateTime(QDate(2026, 4, 1), QTime(8, 30, 15, 250), Qt::UTC));
    const MutationResult r = engine().submit(pantryCreate(QStringLiteral("Milk")));
    QVERIFY(r.ok);
    QCOMPARE(engine().entity(Collection::Pantry, r.entityId)->value(QLatin1String("updated_at")).toString(),
             QStringLiteral("2026-04-01T08:30:15.250Z"));
    QCOMPARE(storedEvent(store(), engine().householdId(), r.seq).ts, QStringLiteral("2026-04-01T08:30:15.250Z"));
}

void tst_Engine::eventsMatchEntitiesWithDemoData()
{
    TempHousehold demo(true);
    QVERIFY2(demo.isValid(), qPrintable(demo.error()));
    Store &s = demo.store();
    const QString household = demo.engine().householdId();

    // seq runs 1..head without a gap.
    const qint64 head = demo.engine().headSeq();
    QVERIFY(head > 50);
    QCOMPARE(countRows(s, QStringLiteral("events"), QStringLiteral("household_id = '%1'").arg(household)), head);
    QCOMPARE(queryValue(s, QStringLiteral("SELECT min(seq) FROM events")).toLongLong(), qint64(1));
    QCOMPARE(queryValue(s, QStringLiteral("SELECT max(seq) FROM events")).toLongLong(), head);

    // The last event of every live entity carries exactly the entity as stored.
    QSqlQuery query(s.database());
    QVERIFY(query.exec(QStringLiteral("SELECT collection, entity_id, max(seq) FROM events GROUP BY collection, entity_id")));
    int checked = 0;
    while (query.next()) {
        Collection collection;
        QVERIFY(collectionFromName(query.value(0).toString(), &collection));
        const StoredEvent e = storedEvent(s, household, query.value(2).toLongLong());
        const auto entity = demo.engine().entity(collection, query.value(1).toString());
        if (e.action == QLatin1String("deleted")) {
            QVERIFY(!entity);
            continue;
        }
        QVERIFY2(entity, qPrintable(query.value(1).toString()));
        QCOMPARE(e.entity, *entity);
        QCOMPARE(e.rev, entity->value(QLatin1String("rev")).toInteger());
        ++checked;
    }
    QVERIFY(checked > 50);
}

void tst_Engine::everyRowHasTheHouseholdId()
{
    TempHousehold demo(true);
    QVERIFY2(demo.isValid(), qPrintable(demo.error()));
    const QString household = demo.engine().householdId();
    for (const QString &table : kEntityTables + QStringList{QStringLiteral("events")}) {
        const qint64 all = countRows(demo.store(), table);
        QVERIFY2(all > 0, qPrintable(table));
        QCOMPARE(countRows(demo.store(), table, QStringLiteral("household_id = '%1'").arg(household)), all);
    }
}

void tst_Engine::householdsInOneStoreAreIsolated()
{
    QString error;
    auto other = AuthoritativeEngine::createHousehold(store(), m_home->clock, QStringLiteral("Neighbours"), QStringLiteral("USD"),
                                                      1000, QStringLiteral("Bo"), &error);
    QVERIFY2(other, qPrintable(error));
    QVERIFY(other->householdId() != engine().householdId());
    // Each household counts its own seq from 1.
    QCOMPARE(other->headSeq(), qint64(5)); // household, owner, three columns
    const qint64 ourHead = engine().headSeq();

    const MutationResult theirs = other->submit(pantryCreate(QStringLiteral("Their milk")));
    QVERIFY(theirs.ok);
    QCOMPARE(theirs.seq, qint64(6));
    QCOMPARE(engine().headSeq(), ourHead);

    // We can neither see nor change their item, nor reference their members.
    QVERIFY(!engine().entity(Collection::Pantry, theirs.entityId));
    QCOMPARE(engine().submit(pantryUpdate(theirs.entityId, {{QStringLiteral("name"), QStringLiteral("Mine")}})).error.code,
             QStringLiteral("not_found"));
    QCOMPARE(engine().submit(pantryDelete(theirs.entityId)).error.code, QStringLiteral("not_found"));
    const MutationResult spend = engine().submit(Mutation{{}, Collection::Transactions, MutationOp::Create, {}, -1,
                                                          {{QStringLiteral("description"), QStringLiteral("x")},
                                                           {QStringLiteral("amount_cents"), 100},
                                                           {QStringLiteral("occurred_on"), QStringLiteral("2026-03-01")},
                                                           {QStringLiteral("member_id"), other->actingMemberId()}}});
    QCOMPARE(spend.error.code, QStringLiteral("invalid"));
    QCOMPARE(spend.error.field, QStringLiteral("member_id"));
    QCOMPARE(engine().submit(Mutation{{}, Collection::Household, MutationOp::Update, other->householdId(), -1,
                                      {{QStringLiteral("name"), QStringLiteral("Ours now")}}})
                 .error.code,
             QStringLiteral("forbidden"));
    QCOMPARE(other->entity(Collection::Pantry, theirs.entityId)->value(QLatin1String("name")).toString(),
             QStringLiteral("Their milk"));

    // Mutation ids are per household: the same id in another household is a different mutation.
    const MutationResult a = engine().submit(pantryCreate(QStringLiteral("A"), QStringLiteral("shared-id")));
    const MutationResult b = other->submit(pantryCreate(QStringLiteral("B"), QStringLiteral("shared-id")));
    QVERIFY(a.ok && b.ok);
    QVERIFY(a.entityId != b.entityId);
}


// The engine serialises an entity once, with its own writer, for the event row and (entityJson)
// the broadcast: the bytes must be exactly what QJsonDocument writes, for any text.
void tst_Engine::eventRowHoldsTheEntityAsCompactJson()
{
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);
    const QString name = QStringLiteral("\"Quoted\" back\\slash\ttab\nline \u0001 caf\u00e9 \u4e2d ") + QString::fromUtf8("\xF0\x9F\x8D\x8E");
    const MutationResult r = engine().submit(pantryCreate(name));
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const MutationResult u = engine().submit(pantryUpdate(r.entityId, {{QStringLiteral("quantity"), 0.1}}));
    QVERIFY2(u.ok, qPrintable(u.error.message));
    QCOMPARE(changed.count(), 2);
    for (const QList<QVariant> &signal : std::as_const(changed)) {
        const Change c = signal.at(0).value<Change>();
        const QByteArray expected = QJsonDocument(c.entity).toJson(QJsonDocument::Compact);
        QCOMPARE(c.entityJson, expected);
        QSqlQuery query(store().database());
        query.prepare(QStringLiteral("SELECT entity FROM events WHERE household_id = ? AND seq = ?"));
        query.addBindValue(engine().householdId());
        query.addBindValue(c.seq);
        QVERIFY(query.exec() && query.next());
        QCOMPARE(query.value(0).toString().toUtf8(), expected);
    }
}

// The engine's statements run through SQLite's C API; each one is reset after use, so none keeps
// a read open: another connection can then checkpoint the whole log and truncate it.
void tst_Engine::readsDoNotHoldTheDatabase()
{
    const MutationResult r = engine().submit(pantryCreate(QStringLiteral("Milk"), QStringLiteral("held-1")));
    QVERIFY(r.ok);
    QVERIFY(engine().entity(Collection::Pantry, r.entityId));
    QVERIFY(!engine().entity(Collection::Pantry, QStringLiteral("no-such-item")));
    QCOMPARE(engine().submit(pantryCreate(QStringLiteral("Milk"), QStringLiteral("held-1"))).seq, r.seq); // a retry

    const QString connection = QStringLiteral("tst_engine-other");
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        other.setDatabaseName(store().path());
        QVERIFY(other.open());
        QSqlQuery checkpoint(other);
        QVERIFY(checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && checkpoint.next());
        QCOMPARE(checkpoint.value(0).toInt(), 0); // 1 would be SQLITE_BUSY: a reader held the log
        checkpoint.finish();
        other.close();
    }
    QSqlDatabase::removeDatabase(connection);
}

void tst_Engine::stepsAddToTheStoredValue()
{
    // Counters (quantity, a goal's savings) take steps: the engine adds them to what is stored,
    // so two steps made from the same value both count.
    const MutationResult rice = engine().submit(pantryCreate(QStringLiteral("Rice")));
    QVERIFY(rice.ok);
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);
    for (int i = 0; i < 2; ++i)
        QVERIFY(engine().submit(pantryUpdate(rice.entityId, {{QStringLiteral("quantity_delta"), 1}})).ok);
    const auto after = engine().entity(Collection::Pantry, rice.entityId);
    QCOMPARE(after->value(QLatin1String("quantity")).toDouble(), 4.0);
    QCOMPARE(after->value(QLatin1String("rev")).toInteger(), qint64(3));
    QCOMPARE(changed.count(), 2);
    // The event holds the value, never the step: a client that knows nothing of steps follows.
    const StoredEvent e = storedEvent(store(), engine().householdId(), engine().headSeq());
    QCOMPARE(e.entity.value(QLatin1String("quantity")).toDouble(), 4.0);
    QVERIFY(!e.entity.contains(QLatin1String("quantity_delta")));

    // A pantry quantity stops at zero (and at its largest); other fields change alongside.
    QVERIFY(engine().submit(pantryUpdate(rice.entityId, {{QStringLiteral("quantity_delta"), -10.5},
                                                         {QStringLiteral("unit"), QStringLiteral("kg")}})).ok);
    QCOMPARE(engine().entity(Collection::Pantry, rice.entityId)->value(QLatin1String("quantity")).toDouble(), 0.0);
    QCOMPARE(engine().entity(Collection::Pantry, rice.entityId)->value(QLatin1String("unit")).toString(), QStringLiteral("kg"));
    QVERIFY(engine().submit(pantryUpdate(rice.entityId, {{QStringLiteral("quantity_delta"), 2e9}})).ok);
    QCOMPARE(engine().entity(Collection::Pantry, rice.entityId)->value(QLatin1String("quantity")).toDouble(), 1e9);

    // A goal's savings refuse a step below zero, as they refuse a value below zero.
    const MutationResult goal = engine().submit(Mutation{{}, Collection::Goals, MutationOp::Create, {}, -1,
                                                         {{QStringLiteral("name"), QStringLiteral("Bike")},
                                                          {QStringLiteral("target_cents"), 50000},
                                                          {QStringLiteral("saved_cents"), 1000},
                                                          {QStringLiteral("target_date"), QStringLiteral("2026-12-01")}}});
    QVERIFY(goal.ok);
    const auto step = [&](qint64 cents) {
        return engine().submit(Mutation{{}, Collection::Goals, MutationOp::Update, goal.entityId, -1,
                                        {{QStringLiteral("saved_cents_delta"), cents}}});
    };
    QVERIFY(step(2500).ok);
    QVERIFY(step(2500).ok);
    QCOMPARE(engine().entity(Collection::Goals, goal.entityId)->value(QLatin1String("saved_cents")).toInteger(), qint64(6000));
    const MutationResult tooMuch = step(-6001);
    QCOMPARE(tooMuch.error.code, QStringLiteral("invalid"));
    QCOMPARE(tooMuch.error.field, QStringLiteral("saved_cents"));
    QCOMPARE(engine().entity(Collection::Goals, goal.entityId)->value(QLatin1String("saved_cents")).toInteger(), qint64(6000));
}

void tst_Engine::stepsWhereTheyMeanNothingAreRefused_data()
{
    QTest::addColumn<int>("op");
    QTest::addColumn<QJsonObject>("fields");
    QTest::addColumn<QString>("field");
    QTest::newRow("a step on create") << int(MutationOp::Create)
                                      << QJsonObject{{QStringLiteral("name"), QStringLiteral("Tea")}, {QStringLiteral("quantity_delta"), 1}}
                                      << QStringLiteral("quantity_delta");
    QTest::newRow("set and stepped at once") << int(MutationOp::Update)
                                             << QJsonObject{{QStringLiteral("quantity"), 3}, {QStringLiteral("quantity_delta"), 1}}
                                             << QStringLiteral("quantity_delta");
    QTest::newRow("a field that is no counter") << int(MutationOp::Update) << QJsonObject{{QStringLiteral("name_delta"), 1}}
                                                << QStringLiteral("name_delta");
    QTest::newRow("a step that is no number") << int(MutationOp::Update)
                                              << QJsonObject{{QStringLiteral("quantity_delta"), QStringLiteral("1")}}
                                              << QStringLiteral("quantity_delta");
    QTest::newRow("a null step") << int(MutationOp::Update) << QJsonObject{{QStringLiteral("quantity_delta"), QJsonValue::Null}}
                                 << QStringLiteral("quantity_delta");
}

void tst_Engine::stepsWhereTheyMeanNothingAreRefused()
{
    QFETCH(int, op);
    QFETCH(QJsonObject, fields);
    QFETCH(QString, field);
    const MutationResult tea = engine().submit(pantryCreate(QStringLiteral("Tea")));
    QVERIFY(tea.ok);
    const qint64 head = engine().headSeq();
    const MutationResult r = engine().submit(
        Mutation{{}, Collection::Pantry, MutationOp(op), MutationOp(op) == MutationOp::Create ? QString() : tea.entityId, -1, fields});
    QVERIFY(!r.ok);
    QCOMPARE(r.error.code, QStringLiteral("invalid"));
    QCOMPARE(r.error.field, field);
    QCOMPARE(engine().headSeq(), head);
}

void tst_Engine::aChildMayStepAGoal()
{
    // The role rules see a step as a change of its counter: a child may put money toward a goal.
    const MutationResult mia = engine().submit(Mutation{{}, Collection::Members, MutationOp::Create, {}, -1,
                                                        {{QStringLiteral("name"), QStringLiteral("Mia")},
                                                         {QStringLiteral("role"), QStringLiteral("child")}}});
    QVERIFY(mia.ok);
    const MutationResult goal = engine().submit(Mutation{{}, Collection::Goals, MutationOp::Create, {}, -1,
                                                         {{QStringLiteral("name"), QStringLiteral("Zoo")},
                                                          {QStringLiteral("target_cents"), 5000},
                                                          {QStringLiteral("target_date"), QStringLiteral("2026-12-01")}}});
    QVERIFY(goal.ok);
    QVERIFY(engine()
                .submitAs(Mutation{{}, Collection::Goals, MutationOp::Update, goal.entityId, -1, {{QStringLiteral("saved_cents_delta"), 200}}},
                          mia.entityId)
                .ok);
    QCOMPARE(engine().entity(Collection::Goals, goal.entityId)->value(QLatin1String("saved_cents")).toInteger(), qint64(200));
    const MutationResult renamed = engine().submitAs(
        Mutation{{}, Collection::Goals, MutationOp::Update, goal.entityId, -1,
                 {{QStringLiteral("saved_cents_delta"), 200}, {QStringLiteral("name"), QStringLiteral("Mine")}}},
        mia.entityId);
    QCOMPARE(renamed.error.code, QStringLiteral("forbidden"));
}

QTEST_GUILESS_MAIN(tst_Engine)
#include "tst_engine.moc"
