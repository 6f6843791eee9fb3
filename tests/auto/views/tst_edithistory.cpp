// EditHistory: every edit applied through it can be undone and redone through the same mutation
// path; updates restore only the fields they changed; deletes come back with the same id; groups
// undo as one step; a replay that cannot be applied says so; a failed edit leaves no step; each
// step says whether it was an edit, an undo or a redo, of what and where (stepped()).

#include "EditHistory.h"
#include "ModelTestHelpers.h"
#include "PantryModel.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace hearth;
using namespace hearth::test;

namespace {

QJsonObject milkFields()
{
    return {{QStringLiteral("name"), QStringLiteral("Milk")},
            {QStringLiteral("quantity"), 2},
            {QStringLiteral("unit"), QStringLiteral("l")},
            {QStringLiteral("category"), QStringLiteral("Dairy")},
            {QStringLiteral("location"), QStringLiteral("Fridge")},
            {QStringLiteral("expires_on"), QStringLiteral("2026-03-18")}};
}

Mutation create(const QJsonObject &fields, const QString &entityId = {})
{
    return Mutation{{}, Collection::Pantry, MutationOp::Create, entityId, -1, fields};
}

Mutation update(const QString &id, const QJsonObject &fields, qint64 baseRev = -1)
{
    return Mutation{{}, Collection::Pantry, MutationOp::Update, id, baseRev, fields};
}

Mutation remove(const QString &id)
{
    return Mutation{{}, Collection::Pantry, MutationOp::Delete, id, -1, {}};
}

// The editable fields of an entity (no rev / updated_at), to compare before and after.
QJsonObject editable(const std::optional<QJsonObject> &entity)
{
    if (!entity)
        return {};
    QJsonObject fields;
    for (const FieldSpec &f : collectionSpec(Collection::Pantry).fields)
        fields.insert(f.key, entity->value(f.key));
    return fields;
}

} // namespace

class tst_EditHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void undoRedoCreate();
    void redoRecreatesTheSameIdAgainAndAgain();
    void undoUpdateRestoresOnlyChangedFields();
    void undoDeleteRestoresTheEntity();
    void groupUndoesAsOneStep();
    void nestedGroupsAreOneStep();
    void replayThatFailsEmitsReplayFailed();
    void failedApplyPushesNothing();
    void failedApplyInGroupLeavesNoEmptyStep();
    void replayIgnoresStaleBaseRev();
    void replayIsANewMutation();
    void undoUsesFineGrainedSignals();
    void steppedTellsAnEditFromAnUndoAndARedo();
    void undoOfAStepIsTheOppositeStep();

private:
    AuthoritativeEngine &engine() { return m_home->engine(); }
    std::optional<QJsonObject> entity(const QString &id) { return engine().entity(Collection::Pantry, id); }

    std::unique_ptr<TempHousehold> m_home;
    std::unique_ptr<PantryModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<QUndoStack> m_stack;
    std::unique_ptr<EditHistory> m_history;
};

void tst_EditHistory::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    m_home = std::make_unique<TempHousehold>();
    QVERIFY2(m_home->isValid(), qPrintable(m_home->error()));
    m_model = std::make_unique<PantryModel>(engine(), m_home->clock);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->reload();
    m_stack = std::make_unique<QUndoStack>();
    m_history = std::make_unique<EditHistory>(*m_stack);
}

void tst_EditHistory::cleanup()
{
    m_history.reset();
    m_stack.reset();
    m_tester.reset();
    m_model.reset();
    m_home.reset();
}

void tst_EditHistory::undoRedoCreate()
{
    const MutationResult r = m_history->apply(*m_model, create(milkFields()), QStringLiteral("Add Milk"));
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Add Milk"));
    QVERIFY(m_stack->canUndo());
    QVERIFY(!m_stack->canRedo());
    const QJsonObject created = editable(entity(r.entityId));
    QCOMPARE(created.value(QLatin1String("name")).toString(), QStringLiteral("Milk"));
    QCOMPARE(m_model->rowCount(), 1);

    m_stack->undo();
    QVERIFY(!entity(r.entityId));
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(m_stack->canRedo());
    QCOMPARE(m_stack->redoText(), QStringLiteral("Add Milk"));

    m_stack->redo();
    QVERIFY(entity(r.entityId));
    QCOMPARE(editable(entity(r.entityId)), created);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->idAt(0), r.entityId);
}

void tst_EditHistory::redoRecreatesTheSameIdAgainAndAgain()
{
    // The id was made by the engine (none given): every redo brings back that same id, so later
    // steps that refer to it (an edit of the new item) still apply.
    const MutationResult r = m_history->apply(*m_model, create(milkFields()), QStringLiteral("Add Milk"));
    QVERIFY(r.ok);
    QVERIFY(m_history->apply(*m_model, update(r.entityId, {{QStringLiteral("quantity"), 3}}), QStringLiteral("Edit Milk")).ok);
    QSignalSpy failed(m_history.get(), &EditHistory::replayFailed);
    for (int round = 0; round < 3; ++round) {
        m_stack->undo();
        m_stack->undo();
        QVERIFY(!entity(r.entityId));
        m_stack->redo();
        m_stack->redo();
        QVERIFY(entity(r.entityId));
        QCOMPARE(entity(r.entityId)->value(QLatin1String("quantity")).toDouble(), 3.0);
    }
    QCOMPARE(failed.count(), 0);
    QCOMPARE(countRows(m_home->store(), QStringLiteral("pantry_items")), qint64(1));
}

void tst_EditHistory::undoUpdateRestoresOnlyChangedFields()
{
    const MutationResult made = m_model->create(milkFields());
    QVERIFY(made.ok);
    const MutationResult r = m_history->apply(*m_model, update(made.entityId, {{QStringLiteral("name"), QStringLiteral("Oat milk")},
                                                                             {QStringLiteral("location"), QStringLiteral("Cupboard")}}),
                                              QStringLiteral("Edit Milk"));
    QVERIFY(r.ok);
    // Meanwhile someone else changes another field, outside this history.
    QVERIFY(m_model->update(made.entityId, {{QStringLiteral("quantity"), 5}}).ok);

    m_stack->undo();
    auto item = entity(made.entityId);
    QCOMPARE(item->value(QLatin1String("name")).toString(), QStringLiteral("Milk"));
    QCOMPARE(item->value(QLatin1String("location")).toString(), QStringLiteral("Fridge"));
    QCOMPARE(item->value(QLatin1String("quantity")).toDouble(), 5.0); // not reverted: this edit did not touch it
    QCOMPARE(item->value(QLatin1String("category")).toString(), QStringLiteral("Dairy"));

    m_stack->redo();
    item = entity(made.entityId);
    QCOMPARE(item->value(QLatin1String("name")).toString(), QStringLiteral("Oat milk"));
    QCOMPARE(item->value(QLatin1String("location")).toString(), QStringLiteral("Cupboard"));
    QCOMPARE(item->value(QLatin1String("quantity")).toDouble(), 5.0);

    // Undoing a change of a date back to "no date" and back again.
    QVERIFY(m_history->apply(*m_model, update(made.entityId, {{QStringLiteral("expires_on"), QJsonValue()}}), QStringLiteral("No date")).ok);
    QVERIFY(entity(made.entityId)->value(QLatin1String("expires_on")).isNull());
    m_stack->undo();
    QCOMPARE(entity(made.entityId)->value(QLatin1String("expires_on")).toString(), QStringLiteral("2026-03-18"));
}

void tst_EditHistory::undoDeleteRestoresTheEntity()
{
    const MutationResult made = m_model->create(milkFields());
    QVERIFY(made.ok);
    QVERIFY(m_model->update(made.entityId, {{QStringLiteral("quantity"), 1.25}}).ok);
    const QJsonObject before = editable(entity(made.entityId));

    QVERIFY(m_history->apply(*m_model, remove(made.entityId), QStringLiteral("Delete Milk")).ok);
    QVERIFY(!entity(made.entityId));
    QCOMPARE(m_model->rowCount(), 0);

    m_stack->undo();
    QVERIFY(entity(made.entityId));
    QCOMPARE(editable(entity(made.entityId)), before);
    QCOMPARE(m_model->rowOf(made.entityId), 0);
    QCOMPARE(m_model->at(0).quantity, 1.25);
    QCOMPARE(m_model->at(0).expiresOn, QDate(2026, 3, 18));

    m_stack->redo();
    QVERIFY(!entity(made.entityId));
    m_stack->undo();
    QCOMPARE(editable(entity(made.entityId)), before);
}

void tst_EditHistory::groupUndoesAsOneStep()
{
    QStringList ids;
    for (const char *name : {"Milk", "Bread", "Eggs"}) {
        const MutationResult r = m_model->create({{QStringLiteral("name"), QString::fromLatin1(name)}});
        QVERIFY(r.ok);
        ids << r.entityId;
    }
    QVERIFY(m_history->apply(*m_model, update(ids.at(0), {{QStringLiteral("quantity"), 9}}), QStringLiteral("Edit Milk")).ok);
    {
        EditHistory::Group group(*m_history, QStringLiteral("Clear the pantry"));
        for (const QString &id : ids)
            QVERIFY(m_history->apply(*m_model, remove(id), QStringLiteral("Delete")).ok);
    }
    QCOMPARE(m_stack->count(), 2);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Clear the pantry"));
    QCOMPARE(m_model->rowCount(), 0);

    m_stack->undo();
    QCOMPARE(m_model->rowCount(), 3);
    for (const QString &id : ids)
        QVERIFY(entity(id));
    QCOMPARE(entity(ids.at(0))->value(QLatin1String("quantity")).toDouble(), 9.0);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Edit Milk"));

    m_stack->redo();
    QCOMPARE(m_model->rowCount(), 0);
    m_stack->undo();
    m_stack->undo(); // and the edit before the group
    QCOMPARE(entity(ids.at(0))->value(QLatin1String("quantity")).toDouble(), 1.0);
}

void tst_EditHistory::nestedGroupsAreOneStep()
{
    {
        EditHistory::Group outer(*m_history, QStringLiteral("Stock up"));
        QVERIFY(m_history->apply(*m_model, create({{QStringLiteral("name"), QStringLiteral("Rice")}}), QStringLiteral("Add")).ok);
        {
            EditHistory::Group inner(*m_history, QStringLiteral("Dairy"));
            QVERIFY(m_history->apply(*m_model, create({{QStringLiteral("name"), QStringLiteral("Milk")}}), QStringLiteral("Add")).ok);
            QVERIFY(m_history->apply(*m_model, create({{QStringLiteral("name"), QStringLiteral("Butter")}}), QStringLiteral("Add")).ok);
        }
    }
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(m_model->rowCount(), 3);
    m_stack->undo();
    QCOMPARE(m_model->rowCount(), 0);
    m_stack->redo();
    QCOMPARE(m_model->rowCount(), 3);
}

void tst_EditHistory::replayThatFailsEmitsReplayFailed()
{
    QSignalSpy failed(m_history.get(), &EditHistory::replayFailed);
    const MutationResult r = m_history->apply(*m_model, create(milkFields()), QStringLiteral("Add Milk"));
    QVERIFY(r.ok);
    // Someone deletes it outside this history: undoing the "add" has nothing to delete.
    QVERIFY(m_model->remove(r.entityId).ok);
    const qint64 events = countRows(m_home->store(), QStringLiteral("events"));
    m_stack->undo();
    QCOMPARE(failed.count(), 1);
    QVERIFY(!failed.at(0).at(0).toString().isEmpty());
    QCOMPARE(countRows(m_home->store(), QStringLiteral("events")), events);

    // An edit of an item that was deleted meanwhile cannot be undone either.
    const MutationResult bread = m_model->create({{QStringLiteral("name"), QStringLiteral("Bread")}});
    QVERIFY(m_history->apply(*m_model, update(bread.entityId, {{QStringLiteral("quantity"), 2}}), QStringLiteral("Edit Bread")).ok);
    QVERIFY(m_model->remove(bread.entityId).ok);
    m_stack->undo();
    QCOMPARE(failed.count(), 2);
    QVERIFY2(failed.at(1).at(0).toString().contains(QLatin1String("gone")), qPrintable(failed.at(1).at(0).toString()));

    // And a redo of a create whose id was taken again in the meantime.
    const MutationResult eggs = m_history->apply(*m_model, create({{QStringLiteral("name"), QStringLiteral("Eggs")}}), QStringLiteral("Add Eggs"));
    m_stack->undo();
    QVERIFY(m_model->create({{QStringLiteral("name"), QStringLiteral("Other eggs")}}, eggs.entityId).ok);
    m_stack->redo();
    QCOMPARE(failed.count(), 3);
    QCOMPARE(entity(eggs.entityId)->value(QLatin1String("name")).toString(), QStringLiteral("Other eggs"));
}

void tst_EditHistory::failedApplyPushesNothing()
{
    QSignalSpy indexChanged(m_stack.get(), &QUndoStack::indexChanged);
    const MutationResult r = m_history->apply(*m_model, create({{QStringLiteral("name"), QString()}}), QStringLiteral("Add"));
    QVERIFY(!r.ok);
    QCOMPARE(r.error.field, QStringLiteral("name"));
    const MutationResult gone = m_history->apply(*m_model, remove(QStringLiteral("ghost")), QStringLiteral("Delete"));
    QVERIFY(!gone.ok);
    const MutationResult made = m_model->create(milkFields());
    const MutationResult bad = m_history->apply(*m_model, update(made.entityId, {{QStringLiteral("quantity"), -1}}), QStringLiteral("Edit"));
    QVERIFY(!bad.ok);
    QCOMPARE(m_stack->count(), 0);
    QVERIFY(!m_stack->canUndo());
    QCOMPARE(indexChanged.count(), 0);
    QCOMPARE(entity(made.entityId)->value(QLatin1String("quantity")).toDouble(), 2.0);
}

void tst_EditHistory::failedApplyInGroupLeavesNoEmptyStep()
{
    const MutationResult made = m_model->create(milkFields());
    QVERIFY(made.ok);
    {
        EditHistory::Group group(*m_history, QStringLiteral("Clear done items"));
        QVERIFY(!m_history->apply(*m_model, remove(QStringLiteral("ghost")), QStringLiteral("Delete")).ok);
    }
    // Nothing was done, so there is nothing to undo (no "Undo Clear done items" that does nothing).
    QCOMPARE(m_stack->count(), 0);
    QVERIFY(!m_stack->canUndo());

    // A group where only some edits succeed keeps the ones that did.
    {
        EditHistory::Group group(*m_history, QStringLiteral("Tidy"));
        QVERIFY(!m_history->apply(*m_model, remove(QStringLiteral("ghost")), QStringLiteral("Delete")).ok);
        QVERIFY(m_history->apply(*m_model, remove(made.entityId), QStringLiteral("Delete")).ok);
    }
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Tidy"));
    m_stack->undo();
    QVERIFY(entity(made.entityId));
}

void tst_EditHistory::replayIgnoresStaleBaseRev()
{
    // An edit made against a known revision (conflict detection) must still redo after an undo,
    // although the revision has moved on since.
    const MutationResult made = m_model->create(milkFields());
    QVERIFY(made.ok);
    QSignalSpy failed(m_history.get(), &EditHistory::replayFailed);
    QVERIFY(m_history->apply(*m_model, update(made.entityId, {{QStringLiteral("name"), QStringLiteral("Oat milk")}}, made.rev),
                             QStringLiteral("Rename"))
                .ok);
    m_stack->undo();
    QCOMPARE(entity(made.entityId)->value(QLatin1String("name")).toString(), QStringLiteral("Milk"));
    m_stack->redo();
    QCOMPARE(failed.count(), 0);
    QCOMPARE(entity(made.entityId)->value(QLatin1String("name")).toString(), QStringLiteral("Oat milk"));
}

void tst_EditHistory::replayIsANewMutation()
{
    // The forward edit carried a client-made mutation id; replays must not be mistaken for
    // retries of it (which the engine would acknowledge without applying).
    Mutation m = create(milkFields());
    m.id = QStringLiteral("client-mutation-1");
    const MutationResult r = m_history->apply(*m_model, m, QStringLiteral("Add Milk"));
    QVERIFY(r.ok);
    const qint64 events = countRows(m_home->store(), QStringLiteral("events"));
    m_stack->undo();
    m_stack->redo();
    QVERIFY(entity(r.entityId));
    QCOMPARE(countRows(m_home->store(), QStringLiteral("events")), events + 2);
}

void tst_EditHistory::undoUsesFineGrainedSignals()
{
    const MutationResult keep = m_model->create({{QStringLiteral("name"), QStringLiteral("Rice")}});
    QVERIFY(keep.ok);
    const MutationResult r = m_history->apply(*m_model, create(milkFields()), QStringLiteral("Add Milk"));
    QVERIFY(m_history->apply(*m_model, update(r.entityId, {{QStringLiteral("quantity"), 4}}), QStringLiteral("Edit")).ok);
    QVERIFY(m_history->apply(*m_model, remove(keep.entityId), QStringLiteral("Delete Rice")).ok);

    ModelSignals signals_(m_model.get());
    m_stack->undo(); // Rice back
    QCOMPARE(signals_.counts(), ModelSignals::expected(1, 0, 0));
    m_stack->undo(); // quantity back
    QCOMPARE(signals_.counts(), ModelSignals::expected(1, 0, 1));
    m_stack->undo(); // Milk removed
    QCOMPARE(signals_.counts(), ModelSignals::expected(1, 1, 1));
    m_stack->redo();
    m_stack->redo();
    m_stack->redo();
    QCOMPARE(signals_.counts(), ModelSignals::expected(2, 2, 2));
}

void tst_EditHistory::steppedTellsAnEditFromAnUndoAndARedo()
{
    struct Step
    {
        EditHistory::Step step;
        QString text;
        Collection collection;
    };
    QList<Step> steps;
    connect(m_history.get(), &EditHistory::stepped, m_history.get(),
            [&steps](EditHistory::Step step, const QString &text, Collection collection) { steps.append({step, text, collection}); });

    const MutationResult milk = m_history->apply(*m_model, create(milkFields()), QStringLiteral("Add Milk"));
    QVERIFY(milk.ok);
    {
        EditHistory::Group group(*m_history, QStringLiteral("Add breakfast"));
        QVERIFY(m_history->apply(*m_model, create({{QStringLiteral("name"), QStringLiteral("Eggs")}}), QStringLiteral("Add Eggs")).ok);
        QVERIFY(m_history->apply(*m_model, create({{QStringLiteral("name"), QStringLiteral("Bread")}}), QStringLiteral("Add Bread")).ok);
    }
    m_stack->undo();
    m_stack->undo();
    m_stack->redo();
    QCOMPARE(steps.size(), 5);
    const QList<QPair<EditHistory::Step, QString>> expected = {
        {EditHistory::Step::Done, QStringLiteral("Add Milk")},
        {EditHistory::Step::Done, QStringLiteral("Add breakfast")},
        {EditHistory::Step::Undone, QStringLiteral("Add breakfast")},
        {EditHistory::Step::Undone, QStringLiteral("Add Milk")},
        {EditHistory::Step::Redone, QStringLiteral("Add Milk")},
    };
    for (int i = 0; i < expected.size(); ++i) {
        QCOMPARE(steps.at(i).step, expected.at(i).first);
        QCOMPARE(steps.at(i).text, expected.at(i).second);
        QVERIFY(steps.at(i).collection == Collection::Pantry);
    }

    // A replay that fails says so through replayFailed() only; clearing the stack is no undo.
    QVERIFY(m_model->remove(milk.entityId).ok);
    m_stack->undo();
    QCOMPARE(steps.size(), 5);
    m_stack->clear();
    QCOMPARE(steps.size(), 5);
}

void tst_EditHistory::undoOfAStepIsTheOppositeStep()
{
    const MutationResult milk = m_history->apply(*m_model, create(milkFields()), QStringLiteral("Add Milk")); // 2 l
    QVERIFY(milk.ok);
    const auto quantity = [&] { return entity(milk.entityId)->value(QLatin1String("quantity")).toDouble(); };

    // + pressed here; meanwhile someone else adds 3 (as their event would).
    QVERIFY(m_history->apply(*m_model, m_model->adjustQuantityMutation(milk.entityId, 1), QStringLiteral("More milk")).ok);
    QVERIFY(engine().submit(update(milk.entityId, {{QStringLiteral("quantity_delta"), 3}})).ok);
    QCOMPARE(quantity(), 6.0);

    // Undo takes back this press only (a step of -1), not the other person's 3: not back to 2.
    m_stack->undo();
    QCOMPARE(quantity(), 5.0);
    m_stack->redo();
    QCOMPARE(quantity(), 6.0);

    // A step that zero stopped is undone by what it really took away.
    QVERIFY(engine().submit(update(milk.entityId, {{QStringLiteral("quantity"), 0.5}})).ok);
    QVERIFY(m_history->apply(*m_model, m_model->adjustQuantityMutation(milk.entityId, -1), QStringLiteral("Less milk")).ok);
    QCOMPARE(quantity(), 0.0);
    m_stack->undo();
    QCOMPARE(quantity(), 0.5);
    QCOMPARE(m_model->find(milk.entityId)->quantity, 0.5);
}

QTEST_GUILESS_MAIN(tst_EditHistory)
#include "tst_edithistory.moc"

