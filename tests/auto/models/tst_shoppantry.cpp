// Shopping -> pantry on the engine (the host's rules, docs/protocol.md "board_cards" and
// "pantry"): ticking a card records who bought it and when (cleared when unticked); what it names
// goes into the pantry on the member's word or by the household's rule (ask / always / never) —
// a step of the linked item, of one of the same name, or a new linked item — and unticking takes it
// back; a pantry item below its minimum puts one card on the shopping list, once, by any path
// (two steps down in one batch make one card); refusals. The models under QAbstractItemModelTester.

#include "BoardModels.h"
#include "HouseholdModel.h"
#include "PantryModel.h"
#include "Store.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

struct Models
{
    explicit Models(TempHousehold &household)
        : members(household.engine())
        , columns(household.engine())
        , cards(household.engine(), members, columns)
        , pantry(household.engine(), household.clock)
        , householdModel(household.engine())
        , cardsTester(&cards, QAbstractItemModelTester::FailureReportingMode::QtTest)
        , pantryTester(&pantry, QAbstractItemModelTester::FailureReportingMode::QtTest)
    {
        members.reload();
        columns.reload();
        cards.reload();
        pantry.reload();
        householdModel.reload();
    }

    QString firstColumn() const { return columns.ordered().constFirst().id; }

    QString addCard(const QString &title, const QString &quantity = {}, const QString &pantryItemId = {})
    {
        BoardCard c;
        c.title = title;
        c.quantity = quantity;
        c.pantryItemId = pantryItemId;
        const MutationResult r = cards.apply(cards.addMutation(firstColumn(), c));
        return r.ok ? r.entityId : QString();
    }

    QString addItem(const QString &name, double quantity, const QString &unit, double minimum = 0)
    {
        PantryItem item;
        item.name = name;
        item.quantity = quantity;
        item.unit = unit;
        item.minQuantity = minimum;
        const MutationResult r = pantry.apply(pantry.addMutation(item));
        return r.ok ? r.entityId : QString();
    }

    bool setRule(const QString &rule) { return householdModel.apply(householdModel.boughtToPantryMutation(rule)).ok; }
    BoardCard card(const QString &id) const { return cards.find(id).value_or(BoardCard{}); }
    PantryItem item(const QString &id) const { return pantry.find(id).value_or(PantryItem{}); }
    QList<BoardCard> cardsFor(const QString &itemId) const
    {
        QList<BoardCard> found;
        for (const BoardCard &c : cards.records())
            if (c.pantryItemId == itemId)
                found << c;
        return found;
    }
    QList<PantryItem> itemsNamed(const QString &name) const
    {
        QList<PantryItem> found;
        for (const PantryItem &i : pantry.records())
            if (i.name == name)
                found << i;
        return found;
    }

    MembersModel members;
    BoardColumnsModel columns;
    BoardCardsModel cards;
    PantryModel pantry;
    HouseholdModel householdModel;
    QAbstractItemModelTester cardsTester;
    QAbstractItemModelTester pantryTester;
};

QString addMember(AuthoritativeEngine &engine, const QString &name, const QString &role)
{
    const MutationResult r = engine.submit(Mutation{{}, Collection::Members, MutationOp::Create, {}, -1,
                                                    {{QStringLiteral("name"), name}, {QStringLiteral("role"), role}}});
    return r.ok ? r.entityId : QString();
}

Mutation step(const QString &itemId, double delta)
{
    return Mutation{{}, Collection::Pantry, MutationOp::Update, itemId, -1, {{QStringLiteral("quantity_delta"), delta}}};
}

} // namespace

class TestShopPantry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesShoppingQuantities_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("quantity");
        QTest::addColumn<QString>("unit");
        QTest::newRow("blank") << QString() << 1.0 << QString();
        QTest::newRow("number") << QStringLiteral("3") << 3.0 << QString();
        QTest::newRow("litres") << QStringLiteral("2 l") << 2.0 << QStringLiteral("l");
        QTest::newRow("grams glued") << QStringLiteral("500g") << 500.0 << QStringLiteral("g");
        QTest::newRow("decimal comma") << QStringLiteral("1,5 kg") << 1.5 << QStringLiteral("kg");
        QTest::newRow("times after") << QStringLiteral("3x") << 3.0 << QString();
        QTest::newRow("times before") << QStringLiteral("x 2 packs") << 2.0 << QStringLiteral("packs");
        QTest::newRow("words") << QStringLiteral("a loaf") << 1.0 << QString();
        QTest::newRow("zero") << QStringLiteral("0") << 1.0 << QString();
    }
    void parsesShoppingQuantities()
    {
        QFETCH(QString, text);
        QFETCH(double, quantity);
        QFETCH(QString, unit);
        const PantryModel::Amount amount = PantryModel::parseAmount(text);
        QCOMPARE(amount.quantity, quantity);
        QCOMPARE(amount.unit, unit);
    }

    void convertsUnitsThatConvert()
    {
        QCOMPARE(PantryModel::convertAmount(500, QStringLiteral("g"), QStringLiteral("kg")), std::optional(0.5));
        QCOMPARE(PantryModel::convertAmount(2, QStringLiteral("L"), QStringLiteral("ml")), std::optional(2000.0));
        QCOMPARE(PantryModel::convertAmount(2, QString(), QStringLiteral("pcs")), std::optional(2.0));
        QCOMPARE(PantryModel::convertAmount(2, QStringLiteral("packs"), QStringLiteral("pcs")), std::nullopt);
        QCOMPARE(PantryModel::convertAmount(2, QStringLiteral("kg"), QStringLiteral("l")), std::nullopt);
    }

    void tickRecordsWhoBoughtItAndWhen()
    {
        TempHousehold household;
        QVERIFY2(household.isValid(), qPrintable(household.error()));
        Models m(household);
        const QString milk = m.addCard(QStringLiteral("Milk"));
        QVERIFY(m.card(milk).boughtAt.isEmpty());
        household.clock.setNow(household.clock.now().addSecs(3600));
        QVERIFY(m.cards.apply(m.cards.doneMutation(milk, true)).ok);
        QCOMPARE(m.card(milk).boughtBy, household.engine().actingMemberId());
        QCOMPARE(m.card(milk).boughtAt, household.clock.now().toUTC().toString(Qt::ISODateWithMs));
        const QModelIndex index = m.cards.index(m.cards.rowOf(milk), 0);
        QCOMPARE(index.data(BoardCardsModel::BoughtByNameRole).toString(), m.members.nameOf(household.engine().actingMemberId()));
        QCOMPARE(index.data(BoardCardsModel::BoughtAtRole).toDateTime(), household.clock.now());

        // A client cannot say someone else bought it.
        const QString sam = addMember(household.engine(), QStringLiteral("Sam"), QStringLiteral("adult"));
        QVERIFY(m.cards.apply(Mutation{{}, Collection::BoardCards, MutationOp::Update, milk, -1,
                                       {{QStringLiteral("bought_by"), sam}, {QStringLiteral("note"), QStringLiteral("blue top")}}})
                    .ok);
        QCOMPARE(m.card(milk).boughtBy, household.engine().actingMemberId());

        QVERIFY(m.cards.apply(m.cards.doneMutation(milk, false)).ok);
        QVERIFY(m.card(milk).boughtBy.isEmpty());
        QVERIFY(m.card(milk).boughtAt.isEmpty());

        // Ticked by Sam on his device: Sam bought it.
        QVERIFY(household.engine().submitAs(m.cards.doneMutation(milk, true), sam).ok);
        QCOMPARE(m.card(milk).boughtBy, sam);
    }

    void askAddsOnlyWhenAsked()
    {
        TempHousehold household;
        QVERIFY2(household.isValid(), qPrintable(household.error()));
        Models m(household);
        QCOMPARE(m.householdModel.household().boughtToPantry, QStringLiteral("ask"));
        const QString milkItem = m.addItem(QStringLiteral("Milk"), 1, QStringLiteral("l"));
        const QString milk = m.addCard(QStringLiteral("milk"), QStringLiteral("2 l"));
        QVERIFY(!m.cards.canAddToPantry(milk));
        QVERIFY(m.cards.apply(m.cards.doneMutation(milk, true)).ok);
        QCOMPARE(m.item(milkItem).quantity, 1.0); // ask: nothing yet
        QVERIFY(m.cards.canAddToPantry(milk));

        // "Add to pantry": a step of the item of the same name, which the card then links.
        QVERIFY(m.cards.apply(m.cards.pantryMutation(milk, true)).ok);
        QCOMPARE(m.item(milkItem).quantity, 3.0);
        QCOMPARE(m.card(milk).pantryItemId, milkItem);
        QVERIFY(m.card(milk).addedToPantry);
        QCOMPARE(m.card(milk).pantryAmount, 2.0);
        QVERIFY(!m.cards.canAddToPantry(milk));

        // Asking twice adds nothing more; taking it back is the opposite step.
        QVERIFY(m.cards.apply(m.cards.pantryMutation(milk, true)).ok);
        QCOMPARE(m.item(milkItem).quantity, 3.0);
        QVERIFY(m.cards.apply(m.cards.pantryMutation(milk, false)).ok);
        QCOMPARE(m.item(milkItem).quantity, 1.0);
        QCOMPARE(m.card(milk).pantryAmount, 0.0);
    }

    void alwaysAddsInTheSameChangeAndUntickTakesItBack()
    {
        TempHousehold household;
        QVERIFY2(household.isValid(), qPrintable(household.error()));
        Models m(household);
        QVERIFY(m.setRule(QStringLiteral("always")));
        const QString flourItem = m.addItem(QStringLiteral("Flour"), 1, QStringLiteral("kg"));
        // Linked to the item, bought in grams: converted.
        const QString flour = m.addCard(QStringLiteral("Bread flour"), QStringLiteral("500 g"), flourItem);
        QVERIFY(!flour.isEmpty());
        const qint64 seqBefore = household.engine().headSeq();
        QVERIFY(m.cards.apply(m.cards.doneMutation(flour, true)).ok);
        QCOMPARE(m.item(flourItem).quantity, 1.5);
        QCOMPARE(household.engine().headSeq(), seqBefore + 2); // the card, then the pantry step
        QVERIFY(m.card(flour).addedToPantry);

        // Meanwhile someone uses some: the untick takes back what this purchase added, not more.
        QVERIFY(m.pantry.apply(m.pantry.adjustQuantityMutation(flourItem, -0.25)).ok);
        QVERIFY(m.cards.apply(m.cards.doneMutation(flour, false)).ok);
        QCOMPARE(m.item(flourItem).quantity, 0.75);
        QVERIFY(!m.card(flour).addedToPantry);

        // A card that does not go into the pantry stays out of it.
        BoardCard present;
        present.title = QStringLiteral("Flour");
        present.toPantry = false;
        const MutationResult added = m.cards.apply(m.cards.addMutation(m.firstColumn(), present));
        QVERIFY(added.ok);
        QVERIFY(m.cards.apply(m.cards.doneMutation(added.entityId, true)).ok);
        QCOMPARE(m.item(flourItem).quantity, 0.75);
        QVERIFY(!m.card(added.entityId).addedToPantry);
    }

    void aNewProductBecomesAPantryItemAndUndoRemovesIt()
    {
        TempHousehold household;
        QVERIFY2(household.isValid(), qPrintable(household.error()));
        Models m(household);
        QVERIFY(m.setRule(QStringLiteral("always")));
        const QString tins = m.addCard(QStringLiteral("Chickpeas"), QStringLiteral("3 tins"));
        QVERIFY(m.cards.apply(m.cards.doneMutation(tins, true)).ok);
        const QList<PantryItem> made = m.itemsNamed(QStringLiteral("Chickpeas"));
        QCOMPARE(made.size(), 1);
        QCOMPARE(made.first().quantity, 3.0);
        QCOMPARE(made.first().unit, QStringLiteral("tins"));
        QCOMPARE(m.card(tins).pantryItemId, made.first().id);

        // Unticked straight away: the item it made, untouched since, goes again.
        QVERIFY(m.cards.apply(m.cards.doneMutation(tins, false)).ok);
        QVERIFY(m.itemsNamed(QStringLiteral("Chickpeas")).isEmpty());
        QVERIFY(m.card(tins).pantryItemId.isEmpty());

        // Bought again, and the item edited since: unticking only steps it down.
        QVERIFY(m.cards.apply(m.cards.doneMutation(tins, true)).ok);
        const QString itemId = m.card(tins).pantryItemId;
        QVERIFY(!itemId.isEmpty());
        PantryItem moved = m.item(itemId);
        moved.location = QStringLiteral("Cupboard");
        QVERIFY(m.pantry.apply(m.pantry.editMutation(m.item(itemId), moved)).ok);
        QVERIFY(m.cards.apply(m.cards.doneMutation(tins, false)).ok);
        QCOMPARE(m.item(itemId).quantity, 0.0);
        QCOMPARE(m.item(itemId).location, QStringLiteral("Cupboard"));
    }

    void aColumnChangeTicksWithoutBuying()
    {
        TempHousehold household;
        QVERIFY2(household.isValid(), qPrintable(household.error()));
        Models m(household);
        QVERIFY(m.setRule(QStringLiteral("always")));
        // A card in "In cart"; deleting Done makes "In cart" the Done column: the host ticks the
        // card, with no one's purchase and nothing for the pantry.
        BoardCard tea;
        tea.title = QStringLiteral("Tea");
        const QString inCart = m.columns.ordered().at(1).id;
        const MutationResult added = m.cards.apply(m.cards.addMutation(inCart, tea));
        QVERIFY(added.ok);
        QVERIFY(m.columns.apply(m.columns.removeMutation(m.columns.doneColumnId())).ok);
        QVERIFY(m.card(added.entityId).done);
        QVERIFY(m.card(added.entityId).boughtBy.isEmpty());
        QVERIFY(!m.card(added.entityId).addedToPantry);
        QVERIFY(m.pantry.records().isEmpty());
    }

    void neverAddsAndClearingDoneKeepsThePantry()
    {
        TempHousehold household;
        QVERIFY2(household.isValid(), qPrintable(household.error()));
        Models m(household);
        QVERIFY(m.setRule(QStringLiteral("never")));
        const QString eggsItem = m.addItem(QStringLiteral("Eggs"), 2, QStringLiteral("pcs"));
        const QString eggs = m.addCard(QStringLiteral("Eggs"), QStringLiteral("6"));
        QVERIFY(m.cards.apply(m.cards.doneMutation(eggs, true)).ok);
        QCOMPARE(m.item(eggsItem).quantity, 2.0);
        // Never is about the tick; a member may still put it in by hand.
        QVERIFY(m.cards.apply(m.cards.pantryMutation(eggs, true)).ok);
        QCOMPARE(m.item(eggsItem).quantity, 8.0);
        // Clearing a bought card from Done leaves its purchase in the pantry.
        QVERIFY(m.cards.apply(Mutation{{}, Collection::BoardCards, MutationOp::Delete, eggs, -1, {}}).ok);
        QCOMPARE(m.item(eggsItem).quantity, 8.0);
    }

    void refusals()
    {
        TempHousehold household;
        QVERIFY2(household.isValid(), qPrintable(household.error()));
        Models m(household);
        const QString bread = m.addCard(QStringLiteral("Bread"));
        // Not bought yet.
        MutationResult r = m.cards.apply(m.cards.pantryMutation(bread, true));
        QVERIFY(!r.ok);
        QCOMPARE(r.error.field, QStringLiteral("added_to_pantry"));
        // Not for the pantry.
        BoardCard card = m.card(bread);
        BoardCard notForPantry = card;
        notForPantry.toPantry = false;
        QVERIFY(m.cards.apply(m.cards.editMutation(card, notForPantry)).ok);
        QVERIFY(m.cards.apply(m.cards.doneMutation(bread, true)).ok);
        r = m.cards.apply(m.cards.pantryMutation(bread, true));
        QVERIFY(!r.ok);
        QCOMPARE(r.error.field, QStringLiteral("added_to_pantry"));
        // A link to nothing.
        r = m.cards.apply(Mutation{{}, Collection::BoardCards, MutationOp::Update, bread, -1,
                                   {{QStringLiteral("pantry_item_id"), QStringLiteral("nope")}}});
        QVERIFY(!r.ok);
        QCOMPARE(r.error.field, QStringLiteral("pantry_item_id"));
        // Relinking a purchase that is in the pantry.
        const QString jam = m.addItem(QStringLiteral("Jam"), 1, QStringLiteral("jars"));
        const QString honey = m.addItem(QStringLiteral("Honey"), 1, QStringLiteral("jars"));
        const QString jamCard = m.addCard(QStringLiteral("Jam"), {}, jam);
        QVERIFY(m.cards.apply(m.cards.doneMutation(jamCard, true)).ok);
        QVERIFY(m.cards.apply(m.cards.pantryMutation(jamCard, true)).ok);
        r = m.cards.apply(Mutation{{}, Collection::BoardCards, MutationOp::Update, jamCard, -1,
                                   {{QStringLiteral("pantry_item_id"), honey}}});
        QVERIFY(!r.ok);
        QCOMPARE(r.error.field, QStringLiteral("pantry_item_id"));
        // The household's rule takes three words only, and only from adults.
        QVERIFY(!m.setRule(QStringLiteral("sometimes")));
        const QString mia = addMember(household.engine(), QStringLiteral("Mia"), QStringLiteral("child"));
        r = household.engine().submitAs(m.householdModel.boughtToPantryMutation(QStringLiteral("always")), mia);
        QVERIFY(!r.ok);
        QCOMPARE(r.error.code, QStringLiteral("forbidden"));
        // A negative minimum.
        PantryItem item = m.item(jam);
        PantryItem negative = item;
        negative.minQuantity = -1;
        r = m.pantry.apply(m.pantry.editMutation(item, negative));
        QVERIFY(!r.ok);
        QCOMPARE(r.error.field, QStringLiteral("min_quantity"));
    }

    void childrenTickAndAddToThePantry()
    {
        TempHousehold household;
        QVERIFY2(household.isValid(), qPrintable(household.error()));
        Models m(household);
        const QString mia = addMember(household.engine(), QStringLiteral("Mia"), QStringLiteral("child"));
        const QString apples = m.addCard(QStringLiteral("Apples"), QStringLiteral("6"));
        QVERIFY(household.engine().submitAs(m.cards.doneMutation(apples, true), mia).ok);
        QVERIFY(household.engine().submitAs(m.cards.pantryMutation(apples, true), mia).ok);
        QCOMPARE(m.card(apples).boughtBy, mia);
        QCOMPARE(m.itemsNamed(QStringLiteral("Apples")).value(0).quantity, 6.0);

        // A child cannot hand the host a purchase record: a new card made bought, claiming a
        // huge amount went into the rice, takes nothing out of it when unticked.
        const QString rice = m.addItem(QStringLiteral("Rice"), 3, QStringLiteral("kg"));
        const MutationResult forged = household.engine().submitAs(
            {{}, Collection::BoardCards, MutationOp::Create, {}, -1,
             {{QStringLiteral("column_id"), m.columns.doneColumnId()}, {QStringLiteral("title"), QStringLiteral("Rice")},
              {QStringLiteral("done"), true}, {QStringLiteral("pantry_item_id"), rice}, {QStringLiteral("added_to_pantry"), true},
              {QStringLiteral("pantry_amount"), 1e9}}},
            mia);
        QVERIFY2(forged.ok, qPrintable(forged.error.message));
        QCOMPARE(m.card(forged.entityId).boughtBy, mia);
        QVERIFY(household.engine().submitAs(m.cards.doneMutation(forged.entityId, false), mia).ok);
        QCOMPARE(m.item(rice).quantity, 3.0);
    }

    void lowStockPutsOneCardOnTheList()
    {
        TempHousehold household;
        QVERIFY2(household.isValid(), qPrintable(household.error()));
        Models m(household);
        const QString rice = m.addItem(QStringLiteral("Rice"), 3, QStringLiteral("kg"), 2);
        QVERIFY(m.cardsFor(rice).isEmpty());
        QVERIFY(!m.item(rice).isLow());
        QSignalSpy cardsAdded(&m.cards, &QAbstractItemModel::rowsInserted);
        bool complete = false;

        // Down to 1.5 kg, below the minimum of 2: one card, first column, for what brings it back.
        QVERIFY(m.pantry.apply(m.pantry.adjustQuantityMutation(rice, -1.5)).ok);
        QVERIFY(m.item(rice).isLow());
        QVERIFY(m.pantry.index(m.pantry.rowOf(rice), 0).data(PantryModel::LowRole).toBool());
        QList<BoardCard> cards = m.cardsFor(rice);
        QCOMPARE(cards.size(), 1);
        QCOMPARE(cardsAdded.size(), 1);
        const BoardCard low = cards.first();
        QCOMPARE(low.title, QStringLiteral("Rice"));
        QCOMPARE(low.columnId, m.firstColumn());
        QCOMPARE(low.quantity, PantryModel::formatAmount(0.5, QStringLiteral("kg")));
        QVERIFY(!low.done);
        QVERIFY(low.boughtBy.isEmpty());
        QCOMPARE(household.engine().eventsSince(household.engine().headSeq() - 1, &complete).value(0).userId,
                 household.engine().actingMemberId()); // in the name of whoever used it up

        // Lower still, or edited: not again while that card is open.
        QVERIFY(m.pantry.apply(m.pantry.adjustQuantityMutation(rice, -1)).ok);
        PantryItem item = m.item(rice);
        PantryItem renamed = item;
        renamed.location = QStringLiteral("Cupboard");
        QVERIFY(m.pantry.apply(m.pantry.editMutation(item, renamed)).ok);
        QCOMPARE(m.cardsFor(rice).size(), 1);

        // Bought (and put in the pantry): back above the minimum. Running low again: a new card.
        QVERIFY(m.setRule(QStringLiteral("always")));
        QVERIFY(m.cards.apply(m.cards.doneMutation(low.id, true)).ok);
        QCOMPARE(m.item(rice).quantity, 1.0); // 0.5 + 0.5
        QVERIFY(m.item(rice).isLow());        // still short: it was used meanwhile
        QVERIFY(m.pantry.apply(m.pantry.adjustQuantityMutation(rice, 2)).ok);
        QVERIFY(!m.item(rice).isLow());
        QCOMPARE(m.cardsFor(rice).size(), 1);
        QVERIFY(m.pantry.apply(m.pantry.adjustQuantityMutation(rice, -2)).ok);
        cards = m.cardsFor(rice);
        QCOMPARE(cards.size(), 2);
        QCOMPARE(int(std::count_if(cards.cbegin(), cards.cend(), [](const BoardCard &c) { return !c.done; })), 1);

        // Unticking the bought one (taking its rice back out) makes no third card: one is open.
        const auto bought = std::find_if(cards.cbegin(), cards.cend(), [](const BoardCard &c) { return c.done; });
        QVERIFY(m.cards.apply(m.cards.doneMutation(bought->id, false)).ok);
        QCOMPARE(m.cardsFor(rice).size(), 2);
    }

    void lowStockCountsForWholeUnitsAndNewMinimums()
    {
        TempHousehold household;
        QVERIFY2(household.isValid(), qPrintable(household.error()));
        Models m(household);
        // An item made already low, and a minimum raised above what is there, both count.
        const QString tins = m.addItem(QStringLiteral("Tomatoes"), 1, QStringLiteral("tins"), 4);
        QCOMPARE(m.cardsFor(tins).value(0).quantity, PantryModel::formatAmount(3, QStringLiteral("tins")));
        const QString soap = m.addItem(QStringLiteral("Soap"), 2, QStringLiteral("pcs"));
        QVERIFY(m.cardsFor(soap).isEmpty());
        PantryItem item = m.item(soap);
        PantryItem tracked = item;
        tracked.minQuantity = 2.5;
        QVERIFY(m.pantry.apply(m.pantry.editMutation(item, tracked)).ok);
        QCOMPARE(m.cardsFor(soap).value(0).quantity, PantryModel::formatAmount(0.5, QStringLiteral("pcs")));
        // A card removed while the item is still low is not put back by the next change.
        QVERIFY(m.cards.apply(Mutation{{}, Collection::BoardCards, MutationOp::Delete, m.cardsFor(soap).value(0).id, -1, {}}).ok);
        QVERIFY(m.pantry.apply(m.pantry.adjustQuantityMutation(soap, -1)).ok);
        QVERIFY(m.cardsFor(soap).isEmpty());
    }

    void twoStepsDownInOneBatchMakeOneCard()
    {
        TempHousehold household;
        QVERIFY2(household.isValid(), qPrintable(household.error()));
        Models m(household);
        const QString sam = addMember(household.engine(), QStringLiteral("Sam"), QStringLiteral("adult"));
        const QString mia = addMember(household.engine(), QStringLiteral("Mia"), QStringLiteral("child"));
        const QString butter = m.addItem(QStringLiteral("Butter"), 2, QStringLiteral("pcs"), 2);
        QVERIFY(m.cardsFor(butter).isEmpty());
        {
            // As the room host applies a batch: one transaction, two members' steps.
            StoreTransaction batch(household.store());
            QVERIFY(batch.isActive());
            QVERIFY(household.engine().submitAs(step(butter, -1), sam).ok);
            QVERIFY(household.engine().submitAs(step(butter, -1), mia).ok);
            QVERIFY(batch.commit());
        }
        QCOMPARE(m.item(butter).quantity, 0.0);
        const QList<BoardCard> cards = m.cardsFor(butter);
        QCOMPARE(cards.size(), 1);
        // What was short when it crossed (the first step); the second finds the card open.
        QCOMPARE(cards.first().quantity, PantryModel::formatAmount(1, QStringLiteral("pcs")));
    }

    void aDeletedItemUnlinksItsCards()
    {
        TempHousehold household;
        QVERIFY2(household.isValid(), qPrintable(household.error()));
        Models m(household);
        const QString oil = m.addItem(QStringLiteral("Oil"), 1, QStringLiteral("bottles"));
        const QString card = m.addCard(QStringLiteral("Oil"), {}, oil);
        QCOMPARE(m.card(card).pantryItemId, oil);
        QVERIFY(m.pantry.apply(Mutation{{}, Collection::Pantry, MutationOp::Delete, oil, -1, {}}).ok);
        QVERIFY(m.card(card).pantryItemId.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestShopPantry)
#include "tst_shoppantry.moc"
