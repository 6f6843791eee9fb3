// Board models: columns and cards under QAbstractItemModelTester (attached before the first load),
// positions strictly between neighbours, moves within and between columns that are one
// dataChanged (never a reset) and keep their order after the store is reopened, the engine
// refusing to delete a column that still has cards, and ticking a card through setData.

#include "BoardModels.h"
#include "HouseholdModel.h"
#include "ModelTestHelpers.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QTest>

#include <cmath>
#include <memory>

using namespace hearth;
using namespace hearth::test;

namespace {

// The board models of one engine, checked by QAbstractItemModelTester from before the first load.
struct Board
{
    explicit Board(HouseholdEngine &engine)
        : members(engine)
        , columns(engine)
        , cards(engine, members, columns)
        , columnsTester(&columns, QAbstractItemModelTester::FailureReportingMode::QtTest)
        , cardsTester(&cards, QAbstractItemModelTester::FailureReportingMode::QtTest)
    {
        members.reload();
        columns.reload();
        cards.reload();
    }

    QString columnId(int index) const { return columns.ordered().value(index).id; }

    QStringList titlesIn(const QString &columnId) const
    {
        QStringList titles;
        for (const BoardCard &c : cards.cardsIn(columnId))
            titles << c.title;
        return titles;
    }

    QString idOf(const QString &title) const
    {
        for (const BoardCard &c : cards.records())
            if (c.title == title)
                return c.id;
        return {};
    }

    MembersModel members;
    BoardColumnsModel columns;
    BoardCardsModel cards;
    QAbstractItemModelTester columnsTester;
    QAbstractItemModelTester cardsTester;
};

BoardCard card(const QString &title, bool done = false)
{
    BoardCard c;
    c.title = title;
    c.done = done;
    return c;
}

// A fresh household with cards A B C D in "To buy" and X Y in "In cart".
bool fillBoard(Board &board)
{
    const QString toBuy = board.columnId(0);
    const QString inCart = board.columnId(1);
    bool ok = true;
    for (const char *title : {"A", "B", "C", "D"})
        ok = ok && board.cards.apply(board.cards.addMutation(toBuy, card(QString::fromLatin1(title)))).ok;
    for (const char *title : {"X", "Y"})
        ok = ok && board.cards.apply(board.cards.addMutation(inCart, card(QString::fromLatin1(title)))).ok;
    return ok;
}

QStringList split(const char *titles)
{
    return QString::fromLatin1(titles).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class TestBoardModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsTheDefaultColumnsInOrder()
    {
        TempHousehold household;
        QVERIFY2(household.isValid(), qPrintable(household.error()));
        Board board(household.engine());
        QCOMPARE(board.columns.rowCount(), 3);
        QStringList names;
        for (const BoardColumn &c : board.columns.ordered())
            names << c.name;
        QCOMPARE(names, (QStringList{QStringLiteral("To buy"), QStringLiteral("In cart"), QStringLiteral("Done")}));
        QCOMPARE(board.cards.rowCount(), 0);
        QCOMPARE(board.columns.index(0, 0).data(BoardColumnsModel::NameRole),
                 board.columns.index(0, 0).data(Qt::DisplayRole));
    }

    void demoBoardLoads()
    {
        TempHousehold household(true);
        QVERIFY2(household.isValid(), qPrintable(household.error()));
        Board board(household.engine());
        QVERIFY(board.cards.rowCount() > 0);
        int open = 0;
        for (const BoardColumn &c : board.columns.ordered())
            open += board.cards.openCount(c.id);
        QVERIFY(open > 0);
        // Every card sits in a column that exists, and names its assignee when it has one.
        for (int row = 0; row < board.cards.rowCount(); ++row) {
            const QModelIndex index = board.cards.index(row, 0);
            QVERIFY(board.columns.rowOf(index.data(BoardCardsModel::ColumnIdRole).toString()) >= 0);
            if (!index.data(BoardCardsModel::AssigneeIdRole).toString().isEmpty())
                QVERIFY(!index.data(BoardCardsModel::AssigneeNameRole).toString().isEmpty());
        }
    }

    void positionBetween_data()
    {
        QTest::addColumn<bool>("hasBefore");
        QTest::addColumn<double>("before");
        QTest::addColumn<bool>("hasAfter");
        QTest::addColumn<double>("after");
        QTest::addColumn<double>("expected");
        QTest::newRow("empty list") << false << 0.0 << false << 0.0 << 1.0;
        QTest::newRow("at the end") << true << 3.0 << false << 0.0 << 4.0;
        QTest::newRow("at the top") << false << 0.0 << true << 3.0 << 2.0;
        QTest::newRow("between") << true << 1.0 << true << 2.0 << 1.5;
        QTest::newRow("between negatives") << true << -1.0 << true << 0.0 << -0.5;
        QTest::newRow("top below zero") << false << 0.0 << true << -4.0 << -5.0;
    }

    void positionBetween()
    {
        QFETCH(bool, hasBefore);
        QFETCH(double, before);
        QFETCH(bool, hasAfter);
        QFETCH(double, after);
        QFETCH(double, expected);
        const double p = hearth::positionBetween(hasBefore ? std::optional(before) : std::nullopt,
                                                 hasAfter ? std::optional(after) : std::nullopt);
        QCOMPARE(p, expected);
        if (hasBefore)
            QVERIFY(p > before);
        if (hasAfter)
            QVERIFY(p < after);
    }

    void positionBetweenStaysBetweenWhenSqueezed()
    {
        // Inserting again and again right after the same card halves the gap each time.
        double low = 1.0;
        double high = 2.0;
        for (int i = 0; i < 40; ++i) {
            const double p = hearth::positionBetween(low, high);
            QVERIFY2(p > low && p < high, qPrintable(QStringLiteral("step %1").arg(i)));
            high = p;
        }
    }

    void addCardAppendsWithOneInsert()
    {
        TempHousehold household;
        Board board(household.engine());
        const QString toBuy = board.columnId(0);
        QVERIFY(board.cards.apply(board.cards.addMutation(toBuy, card(QStringLiteral("Milk")))).ok);
        ModelSignals spy(&board.cards);
        const MutationResult r = board.cards.apply(board.cards.addMutation(toBuy, card(QStringLiteral("Bread"))));
        QVERIFY(r.ok);
        QCOMPARE(spy.counts(), ModelSignals::expected(1, 0, 0));
        QCOMPARE(board.titlesIn(toBuy), (QStringList{QStringLiteral("Milk"), QStringLiteral("Bread")}));
        QCOMPARE(board.cards.openCount(toBuy), 2);
        QCOMPARE(board.cards.openCount(board.columnId(1)), 0);
    }

    void moveCard_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("toColumn");
        QTest::addColumn<int>("toIndex");
        QTest::addColumn<QStringList>("toBuy");
        QTest::addColumn<QStringList>("inCart");

        QTest::newRow("down within the column") << QStringLiteral("A") << 0 << 2 << split("B C A D") << split("X Y");
        QTest::newRow("to the top within the column") << QStringLiteral("D") << 0 << 0 << split("D A B C") << split("X Y");
        QTest::newRow("to the end within the column") << QStringLiteral("A") << 0 << 3 << split("B C D A") << split("X Y");
        QTest::newRow("up by one") << QStringLiteral("C") << 0 << 1 << split("A C B D") << split("X Y");
        QTest::newRow("to the middle of the next column") << QStringLiteral("B") << 1 << 1 << split("A C D") << split("X B Y");
        QTest::newRow("to the top of the next column") << QStringLiteral("D") << 1 << 0 << split("A B C") << split("D X Y");
        QTest::newRow("past the end is the end") << QStringLiteral("A") << 1 << 99 << split("B C D") << split("X Y A");
        QTest::newRow("back into the first column") << QStringLiteral("Y") << 0 << 2 << split("A B Y C D") << split("X");
        QTest::newRow("into an empty column") << QStringLiteral("X") << 2 << 0 << split("A B C D") << split("Y");
    }

    void moveCard()
    {
        QFETCH(QString, title);
        QFETCH(int, toColumn);
        QFETCH(int, toIndex);
        QFETCH(QStringList, toBuy);
        QFETCH(QStringList, inCart);

        TempHousehold household;
        QString id;
        QString target;
        {
            Board board(household.engine());
            QVERIFY(fillBoard(board));
            id = board.idOf(title);
            target = board.columnId(toColumn);
            const qint64 revBefore = board.cards.find(id)->rev;

            ModelSignals spy(&board.cards);
            const MutationResult r = board.cards.apply(board.cards.moveMutation(id, target, toIndex));
            QVERIFY2(r.ok, qPrintable(r.error.message));
            // One card changed: one dataChanged for its row, no reset, no layout change.
            QCOMPARE(spy.counts(), ModelSignals::expected(0, 0, 1));
            const int row = board.cards.rowOf(id);
            QCOMPARE(spy.changed.first().at(0).toModelIndex().row(), row);
            QCOMPARE(board.cards.find(id)->rev, revBefore + 1);
            QCOMPARE(board.cards.find(id)->columnId, target);

            QCOMPARE(board.titlesIn(board.columnId(0)), toBuy);
            QCOMPARE(board.titlesIn(board.columnId(1)), inCart);
            if (toColumn == 2)
                QCOMPARE(board.titlesIn(target), QStringList{title});
        }

        // The order is in the store, not only in memory.
        QVERIFY2(household.reopen(), qPrintable(household.error()));
        Board again(household.engine());
        QCOMPARE(again.titlesIn(again.columnId(0)), toBuy);
        QCOMPARE(again.titlesIn(again.columnId(1)), inCart);
        QCOMPARE(again.cards.find(id)->columnId, target);
    }

    void moveMutationOnlyDescribesTheMove()
    {
        TempHousehold household;
        Board board(household.engine());
        QVERIFY(fillBoard(board));
        const QString id = board.idOf(QStringLiteral("A"));
        const Mutation m = board.cards.moveMutation(id, board.columnId(1), 1);
        QCOMPARE(m.op, MutationOp::Update);
        QCOMPARE(m.collection, Collection::BoardCards);
        QCOMPARE(m.entityId, id);
        // Where it goes, and whether that makes it done (only Done does): one event.
        QCOMPARE(m.fields.keys(), (QStringList{QStringLiteral("column_id"), QStringLiteral("done"), QStringLiteral("position")}));
        QCOMPARE(m.fields.value(QLatin1String("done")).toBool(), false);
        QCOMPARE(board.cards.moveMutation(id, board.columnId(2), 0).fields.value(QLatin1String("done")).toBool(), true);
        QCOMPARE(m.fields.value(QLatin1String("column_id")).toString(), board.columnId(1));
        // Building the mutation changes nothing.
        QCOMPARE(board.titlesIn(board.columnId(0)), split("A B C D"));
    }

    void editMutationOnlyDescribesChangedText()
    {
        TempHousehold household;
        Board board(household.engine());
        QVERIFY(fillBoard(board));
        const BoardCard before = *board.cards.find(board.idOf(QStringLiteral("A")));
        BoardCard after = before;
        after.note = QStringLiteral("the big one");
        after.done = !before.done; // ticking and moving are not edits
        after.position = before.position + 10;
        const Mutation m = board.cards.editMutation(before, after);
        QCOMPARE(m.entityId, before.id);
        QCOMPARE(m.fields.keys(), QStringList{QStringLiteral("note")});
        QVERIFY(board.cards.editMutation(before, before).fields.isEmpty());
        QVERIFY(board.cards.apply(m).ok);
        QCOMPARE(board.cards.find(before.id)->note, QStringLiteral("the big one"));
        QCOMPARE(board.titlesIn(board.columnId(0)), split("A B C D"));
    }

    void repeatedMovesKeepTheOrder()
    {
        TempHousehold household;
        Board board(household.engine());
        QVERIFY(fillBoard(board));
        const QString toBuy = board.columnId(0);
        // Keep putting the last card second: the gap between the first two cards keeps halving.
        QStringList expected = split("A B C D");
        for (int i = 0; i < 30; ++i) {
            const QString last = expected.takeLast();
            expected.insert(1, last);
            QVERIFY(board.cards.apply(board.cards.moveMutation(board.idOf(last), toBuy, 1)).ok);
            QCOMPARE(board.titlesIn(toBuy), expected);
        }
        QVERIFY(household.reopen());
        Board again(household.engine());
        QCOMPARE(again.titlesIn(again.columnId(0)), expected);
    }

    void deletingAColumnIsRefusedWhileItHasCards()
    {
        TempHousehold household;
        Board board(household.engine());
        QVERIFY(fillBoard(board));
        const QString inCart = board.columnId(1);

        ModelSignals spy(&board.columns);
        const MutationResult refused = board.columns.remove(inCart);
        QVERIFY(!refused.ok);
        QCOMPARE(refused.error.code, QStringLiteral("conflict"));
        QVERIFY(!refused.error.message.isEmpty());
        QCOMPARE(spy.counts(), ModelSignals::expected(0, 0, 0));
        QCOMPARE(board.columns.rowCount(), 3);
        QVERIFY(household.engine().entity(Collection::BoardColumns, inCart).has_value());

        // Once its cards are gone, the column goes too: one rowsRemoved.
        for (const BoardCard &c : board.cards.cardsIn(inCart))
            QVERIFY(board.cards.remove(c.id).ok);
        const MutationResult removed = board.columns.remove(inCart);
        QVERIFY2(removed.ok, qPrintable(removed.error.message));
        QCOMPARE(spy.counts(), ModelSignals::expected(0, 1, 0));
        QCOMPARE(board.columns.rowCount(), 2);
        QCOMPARE(board.columns.rowOf(inCart), -1);
    }

    void aCardNeedsAnExistingColumn()
    {
        TempHousehold household;
        Board board(household.engine());
        const MutationResult r = board.cards.apply(board.cards.addMutation(QStringLiteral("no-such-column"), card(QStringLiteral("Milk"))));
        QVERIFY(!r.ok);
        QCOMPARE(r.error.field, QStringLiteral("column_id"));
        QCOMPARE(board.cards.rowCount(), 0);
    }

    void setDataCheckStateTicksACard()
    {
        TempHousehold household;
        Board board(household.engine());
        QVERIFY(fillBoard(board));
        const QString id = board.idOf(QStringLiteral("B"));
        const QString toBuy = board.columnId(0);
        const QModelIndex index = board.cards.index(board.cards.rowOf(id), 0);
        QVERIFY(board.cards.flags(index) & Qt::ItemIsUserCheckable);
        QCOMPARE(index.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(board.cards.openCount(toBuy), 4);

        ModelSignals spy(&board.cards);
        QVERIFY(!board.cards.setData(index, QStringLiteral("B2"), Qt::EditRole)); // titles change through edits
        QVERIFY(board.cards.setData(index, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(spy.counts(), ModelSignals::expected(0, 0, 1));
        QCOMPARE(index.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(index.data(BoardCardsModel::DoneRole).toBool());
        QCOMPARE(board.cards.openCount(toBuy), 3);
        // A done card is in Done: ticking moved it there, at the bottom.
        QCOMPARE(board.titlesIn(toBuy), split("A C D"));
        QCOMPARE(board.titlesIn(board.columnId(2)), split("B"));

        QVERIFY(household.reopen());
        Board again(household.engine());
        QVERIFY(again.cards.find(id)->done);
        const QModelIndex reloaded = again.cards.index(again.cards.rowOf(id), 0);
        QVERIFY(again.cards.setData(reloaded, Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!again.cards.find(id)->done);
        // Put back on the list: the bottom of the first column.
        QCOMPARE(again.titlesIn(toBuy), split("A C D B"));
    }

    // "Done" means one thing: a card is done exactly when it is in the Done column (the last).
    void doneMeansInTheDoneColumn()
    {
        TempHousehold household;
        Board board(household.engine());
        QVERIFY(fillBoard(board));
        const QString toBuy = board.columnId(0);
        const QString inCart = board.columnId(1);
        const QString done = board.columnId(2);
        QCOMPARE(board.columns.doneColumnId(), done);

        // Moving into Done ticks; moving out unticks.
        const QString a = board.idOf(QStringLiteral("A"));
        QVERIFY(board.cards.apply(board.cards.moveMutation(a, done, 0)).ok);
        QVERIFY(board.cards.find(a)->done);
        QVERIFY(board.cards.apply(board.cards.moveMutation(a, inCart, 0)).ok);
        QVERIFY(!board.cards.find(a)->done);

        // Ticking moves to Done, with every field the undo needs to put it back.
        const QString x = board.idOf(QStringLiteral("X"));
        const Mutation tick = board.cards.doneMutation(x, true);
        QCOMPARE(tick.fields.value(QLatin1String("column_id")).toString(), done);
        QVERIFY(tick.fields.contains(QLatin1String("position")));
        QVERIFY(board.cards.apply(tick).ok);
        QCOMPARE(board.titlesIn(done), split("X"));

        // A new card added straight to Done is done.
        QVERIFY(board.cards.apply(board.cards.addMutation(done, card(QStringLiteral("Z")))).ok);
        QVERIFY(board.cards.find(board.idOf(QStringLiteral("Z")))->done);

        // Other clients (another device, hearthd's) may send only one of the fields: the engine
        // keeps the meaning. A bare tick moves the card to Done, a bare move into Done ticks it.
        const QString b = board.idOf(QStringLiteral("B"));
        QVERIFY(board.cards.update(b, {{QStringLiteral("done"), true}}).ok);
        QCOMPARE(board.cards.find(b)->columnId, done);
        const QString c = board.idOf(QStringLiteral("C"));
        QVERIFY(board.cards.update(c, {{QStringLiteral("column_id"), done}}).ok);
        QVERIFY(board.cards.find(c)->done);
        QVERIFY(board.cards.update(c, {{QStringLiteral("done"), false}}).ok);
        QCOMPARE(board.cards.find(c)->columnId, toBuy);
        // A card put elsewhere with a tick is not done.
        QVERIFY(board.cards.update(b, {{QStringLiteral("column_id"), inCart}, {QStringLiteral("done"), true}}).ok);
        QVERIFY(!board.cards.find(b)->done);

        // Every count comes from that: to buy + in the cart + done is every card.
        const BoardCardsModel::Counts counts = board.cards.counts();
        QCOMPARE(counts.done, int(board.cards.cardsIn(done).size()));
        QCOMPARE(counts.toBuy, board.cards.badgeCount(toBuy));
        QCOMPARE(counts.inCart, board.cards.badgeCount(inCart));
        QCOMPARE(counts.done, board.cards.badgeCount(done));
        QCOMPARE(counts.toBuy + counts.inCart + counts.done, board.cards.rowCount());
    }

    // When another column becomes the last, its cards become the done ones (the host settles the
    // ticks in the same unit as the column change); a new column goes before Done.
    void theDoneColumnFollowsTheColumns()
    {
        TempHousehold household;
        Board board(household.engine());
        QVERIFY(fillBoard(board));
        const QString inCart = board.columnId(1);
        const QString done = board.columnId(2);
        QVERIFY(board.cards.apply(board.cards.moveMutation(board.idOf(QStringLiteral("A")), done, 0)).ok);

        QVERIFY(board.columns.apply(board.columns.addMutation(QStringLiteral("Chemist"))).ok);
        QCOMPARE(board.columns.doneColumnId(), done);
        QCOMPARE(board.columns.ordered().at(2).name, QStringLiteral("Chemist"));

        QVERIFY(board.columns.apply(board.columns.moveMutation(inCart, 3)).ok);
        QCOMPARE(board.columns.doneColumnId(), inCart);
        QVERIFY(board.cards.find(board.idOf(QStringLiteral("X")))->done);
        QVERIFY(board.cards.find(board.idOf(QStringLiteral("Y")))->done);
        QVERIFY(!board.cards.find(board.idOf(QStringLiteral("A")))->done);
        QCOMPARE(board.cards.counts().done, 2);
    }

    void aSecondColumnTakesTheTicksOfAOneListBoard()
    {
        // A one-list board keeps its ticks on the list; when it gets a second column, that one is
        // Done and the ticked cards move into it instead of being unticked.
        TempHousehold household;
        Board board(household.engine());
        while (board.columns.rowCount() > 1)
            QVERIFY(board.columns.apply(board.columns.removeMutation(board.columnId(1))).ok);
        const QString list = board.columnId(0);
        BoardCard milk;
        milk.title = QStringLiteral("Milk");
        BoardCard bread;
        bread.title = QStringLiteral("Bread");
        QVERIFY(board.cards.apply(board.cards.addMutation(list, milk)).ok);
        QVERIFY(board.cards.apply(board.cards.addMutation(list, bread)).ok);
        QVERIFY(board.cards.apply(board.cards.doneMutation(board.idOf(QStringLiteral("Milk")), true)).ok);
        QCOMPARE(board.titlesIn(list), (QStringList{QStringLiteral("Milk"), QStringLiteral("Bread")}));

        QVERIFY(board.columns.apply(board.columns.addMutation(QStringLiteral("Done"))).ok);
        const QString done = board.columns.doneColumnId();
        QVERIFY(done != list);
        QCOMPARE(board.titlesIn(done), QStringList{QStringLiteral("Milk")});
        QVERIFY(board.cards.find(board.idOf(QStringLiteral("Milk")))->done);
        QCOMPARE(board.titlesIn(list), QStringList{QStringLiteral("Bread")});
        QCOMPARE(board.cards.counts().done, 1);
    }

    void demoBoardCountsAgree()
    {
        TempHousehold household(true);
        Board board(household.engine());
        const QString doneColumn = board.columns.doneColumnId();
        for (const BoardCard &c : board.cards.records())
            QCOMPARE(c.done, c.columnId == doneColumn);
    }

    void columnsMoveAndRename()
    {
        TempHousehold household;
        Board board(household.engine());
        const QString done = board.columnId(2);
        ModelSignals spy(&board.columns);
        QVERIFY(board.columns.apply(board.columns.moveMutation(done, 0)).ok);
        QCOMPARE(spy.counts(), ModelSignals::expected(0, 0, 1));
        QCOMPARE(board.columns.ordered().first().id, done);
        QVERIFY(board.columns.apply(board.columns.renameMutation(done, QStringLiteral("Bought"))).ok);
        QVERIFY(!board.columns.apply(board.columns.renameMutation(done, QStringLiteral("  "))).ok);
        QVERIFY(board.columns.apply(board.columns.addMutation(QStringLiteral("Later"))).ok);
        QStringList names;
        for (const BoardColumn &c : board.columns.ordered())
            names << c.name;
        // A new column goes before the last (Done) one.
        QCOMPARE(names, (QStringList{QStringLiteral("Bought"), QStringLiteral("To buy"), QStringLiteral("Later"),
                                     QStringLiteral("In cart")}));
        QVERIFY(household.reopen());
        Board again(household.engine());
        QCOMPARE(again.columns.ordered().first().name, QStringLiteral("Bought"));
        QCOMPARE(again.columns.ordered().last().name, QStringLiteral("In cart"));
    }

    void dragCarriesTheCardId()
    {
        TempHousehold household;
        Board board(household.engine());
        QVERIFY(fillBoard(board));
        const QString id = board.idOf(QStringLiteral("C"));
        const QModelIndex index = board.cards.index(board.cards.rowOf(id), 0);
        QVERIFY(board.cards.flags(index) & Qt::ItemIsDragEnabled);
        QVERIFY(board.cards.flags({}) & Qt::ItemIsDropEnabled);
        QCOMPARE(board.cards.mimeTypes(), QStringList{BoardCardsModel::mimeType()});
        QCOMPARE(board.cards.supportedDragActions(), Qt::DropActions(Qt::MoveAction));
        const std::unique_ptr<QMimeData> mime(board.cards.mimeData({index}));
        QVERIFY(mime);
        QCOMPARE(QString::fromUtf8(mime->data(BoardCardsModel::mimeType())), id);
        QCOMPARE(mime->text(), QStringLiteral("C"));
        QVERIFY(!board.cards.mimeData({}));
    }
};

QTEST_GUILESS_MAIN(TestBoardModels)
#include "tst_boardmodels.moc"
