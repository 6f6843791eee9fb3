// The shopping board page, offscreen: cards dropped between and within columns by real drag
// events on the column's viewport (persisted, undoable), quick-add, keyboard moves, ticking, deleting,
// "Clear done" with the confirmation answered yes and no, column actions, and the empty states.

#include "BoardColumnView.h"
#include "BoardPage.h"
#include "CardDelegate.h"
#include "CardDialog.h"
#include "Confirmer.h"
#include "EditHistory.h"
#include "FormDialog.h"
#include "HouseholdData.h"
#include "Proxies.h"
#include "ScriptedConfirmer.h"
#include "TestSupport.h"
#include "Translations.h"

#include <QApplication>
#include <QComboBox>
#include <QDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace hearth;

namespace {

// Answers the page's questions the way the test says, and remembers what was asked.
using hearth::test::ScriptedConfirmer;

enum class Aim { UpperHalf, LowerHalf, BelowAll };

struct Fixture
{
    explicit Fixture(bool withCards = true)
        : data(std::make_unique<HouseholdData>(household.engine(), household.clock))
    {
        data->load();
        const QList<BoardColumn> columns = data->columns.ordered();
        toBuy = columns.value(0).id;
        inCart = columns.value(1).id;
        done = columns.value(2).id;
        if (withCards) {
            for (const char *title : {"Milk", "Bread", "Eggs"})
                add(toBuy, QString::fromLatin1(title));
            add(inCart, QStringLiteral("Apples"));
            add(inCart, QStringLiteral("Tea"), true);
            add(done, QStringLiteral("Rice"), true);
        }
        page = std::make_unique<BoardPage>(*data, history, confirmer);
        page->setMinimumSize(640, 480); // a top-level page's layout would otherwise resize the offscreen window's limits
        page->resize(1200, 760);
        page->show();
    }

    QString add(const QString &columnId, const QString &title, bool ticked = false)
    {
        BoardCard card;
        card.title = title;
        card.done = ticked;
        return data->cards.apply(data->cards.addMutation(columnId, card)).entityId;
    }

    QStringList titles(const QString &columnId) const
    {
        QStringList list;
        for (const BoardCard &c : data->cards.cardsIn(columnId))
            list << c.title;
        return list;
    }

    QString idOf(const QString &title) const
    {
        for (const BoardCard &c : data->cards.records())
            if (c.title == title)
                return c.id;
        return {};
    }

    BoardColumnView *column(const QString &columnId) const { return page->columnView(columnId); }

    // Where to drop on `column` to aim at `row` (viewport coordinates).
    static QPoint aimAt(BoardColumnView *column, int row, Aim aim)
    {
        CardListView *list = column->list();
        if (aim == Aim::BelowAll || row < 0)
            return {list->viewport()->width() / 2, list->viewport()->height() - 2};
        const QRect rect = list->visualRect(column->proxy()->index(row, 0));
        const QRect card = CardDelegate::cardRect(rect);
        return {card.center().x(), aim == Aim::UpperHalf ? card.top() + 4 : card.bottom() - 4};
    }

    // Drags `cardId` (with the model's own MIME data) onto the target column's viewport and drops
    // it at `pos`. QApplication delivers a drop only to the widget that accepted the drag's
    // enter event (QDragManager's current target), so the events come in the order a real drag
    // makes them: enter, move, drop. Returns whether the drop was accepted; `indicatorRow` gets
    // the slot the list showed while the card hovered.
    bool drop(BoardColumnView *target, const QString &cardId, const QPoint &pos, int *indicatorRow = nullptr) const
    {
        const std::unique_ptr<QMimeData> mime(data->cards.mimeData({data->cards.index(data->cards.rowOf(cardId), 0)}));
        return drop(target, mime.get(), pos, indicatorRow);
    }

    static bool drop(BoardColumnView *target, const QMimeData *mime, const QPoint &pos, int *indicatorRow = nullptr)
    {
        QWidget *viewport = target->list()->viewport();
        QDragEnterEvent enter(pos, Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport, &enter);
        if (!enter.isAccepted())
            return false;
        QDragMoveEvent move(pos, Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport, &move);
        if (indicatorRow)
            *indicatorRow = target->list()->dropIndicatorRow();
        QDropEvent event(QPointF(pos), Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport, &event);
        return event.isAccepted() && target->list()->dropIndicatorRow() == -1;
    }

    QString storedColumnOf(const QString &cardId)
    {
        const auto entity = household.engine().entity(Collection::BoardCards, cardId);
        return entity ? entity->value(QLatin1String("column_id")).toString() : QString();
    }

    test::TempHousehold household;
    std::unique_ptr<HouseholdData> data;
    QUndoStack undo;
    EditHistory history{undo};
    ScriptedConfirmer confirmer;
    std::unique_ptr<BoardPage> page;
    QString toBuy;
    QString inCart;
    QString done;
};

QStringList split(const char *titles)
{
    return QString::fromLatin1(titles).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

Q_DECLARE_METATYPE(Aim)

class TestBoardPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        installTranslations(*QCoreApplication::instance()); // English plural forms, as the app has them
    }

    void showsTheColumnsSideBySide()
    {
        test::FailOnWarnings noWarnings;
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        const QList<BoardColumnView *> columns = f.page->columnViews();
        QCOMPARE(columns.size(), 3);
        QCOMPARE(columns.at(0)->name(), QStringLiteral("To buy"));
        QCOMPARE(columns.at(1)->name(), QStringLiteral("In cart"));
        QCOMPARE(columns.at(2)->name(), QStringLiteral("Done"));
        QVERIFY(columns.at(0)->x() < columns.at(1)->x());
        QVERIFY(columns.at(1)->x() < columns.at(2)->x());

        // Each list is a "cardList" over its own column's cards, top to bottom.
        CardListView *list = columns.at(0)->list();
        QCOMPARE(list->objectName(), QStringLiteral("cardList"));
        QVERIFY(qobject_cast<ColumnCardsProxy *>(list->model()));
        QCOMPARE(list->model()->rowCount(), 3);
        QCOMPARE(columns.at(0)->cardIdAt(0), f.idOf(QStringLiteral("Milk")));
        QCOMPARE(columns.at(0)->cardIdAt(2), f.idOf(QStringLiteral("Eggs")));
        QVERIFY(list->acceptDrops());
        QVERIFY(list->dragEnabled());

        // Badges, subtitle and Clear done count the same cards: Tea was added ticked to "In cart",
        // but only Done holds done cards.
        QCOMPARE(columns.at(0)->countText(), QStringLiteral("3"));
        QCOMPARE(columns.at(1)->countText(), QStringLiteral("2"));
        QCOMPARE(columns.at(2)->countText(), QStringLiteral("1"));
        QCOMPARE(f.page->subtitleText(), QStringLiteral("3 to buy · 2 in the cart · 1 done"));
        QVERIFY(f.page->clearDoneButton()->isEnabled());
        QCOMPARE(f.page->clearDoneButton()->text(), QStringLiteral("Clear done (1)"));
    }

    void dropMovesACardToAnotherColumn_data()
    {
        QTest::addColumn<int>("aimRow");
        QTest::addColumn<Aim>("aim");
        QTest::addColumn<int>("expectedRow");
        QTest::addColumn<QStringList>("expectedInCart");
        QTest::newRow("upper half of the first card") << 0 << Aim::UpperHalf << 0 << split("Bread Apples Tea");
        QTest::newRow("lower half of the first card") << 0 << Aim::LowerHalf << 1 << split("Apples Bread Tea");
        QTest::newRow("upper half of the last card") << 1 << Aim::UpperHalf << 1 << split("Apples Bread Tea");
        QTest::newRow("lower half of the last card") << 1 << Aim::LowerHalf << 2 << split("Apples Tea Bread");
        QTest::newRow("below every card") << -1 << Aim::BelowAll << 2 << split("Apples Tea Bread");
    }

    void dropMovesACardToAnotherColumn()
    {
        QFETCH(int, aimRow);
        QFETCH(Aim, aim);
        QFETCH(int, expectedRow);
        QFETCH(QStringList, expectedInCart);

        test::FailOnWarnings noWarnings;
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        const QString bread = f.idOf(QStringLiteral("Bread"));
        BoardColumnView *target = f.column(f.inCart);
        const int stepsBefore = f.undo.count();

        int indicator = -1;
        QVERIFY(f.drop(target, bread, Fixture::aimAt(target, aimRow, aim), &indicator));
        QCOMPARE(indicator, expectedRow); // the line shown while hovering is where the card lands

        // In the model, in the view, and in the store.
        QCOMPARE(f.titles(f.inCart), expectedInCart);
        QCOMPARE(f.titles(f.toBuy), split("Milk Eggs"));
        QCOMPARE(target->cardIdAt(expectedRow), bread);
        QCOMPARE(target->list()->model()->rowCount(), 3);
        QCOMPARE(f.column(f.toBuy)->list()->model()->rowCount(), 2);
        QCOMPARE(f.storedColumnOf(bread), f.inCart);
        QCOMPARE(f.column(f.toBuy)->countText(), QStringLiteral("2"));
        QCOMPARE(target->countText(), QStringLiteral("3"));
        // The moved card is selected where it landed.
        QCOMPARE(target->list()->currentIndex().row(), expectedRow);

        // One undo step puts it back where it was.
        QCOMPARE(f.undo.count(), stepsBefore + 1);
        f.undo.undo();
        QCOMPARE(f.titles(f.toBuy), split("Milk Bread Eggs"));
        QCOMPARE(f.titles(f.inCart), split("Apples Tea"));
        QCOMPARE(f.storedColumnOf(bread), f.toBuy);
        QCOMPARE(f.column(f.toBuy)->cardIdAt(1), bread);
        f.undo.redo();
        QCOMPARE(f.titles(f.inCart), expectedInCart);
    }

    void droppedOrderSurvivesReopening()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        const QString eggs = f.idOf(QStringLiteral("Eggs"));
        BoardColumnView *target = f.column(f.inCart);
        QVERIFY(f.drop(target, eggs, Fixture::aimAt(target, 1, Aim::UpperHalf)));
        QCOMPARE(f.titles(f.inCart), split("Apples Eggs Tea"));

        const QString inCart = f.inCart;
        f.page.reset();
        f.undo.clear();
        f.data.reset();
        QVERIFY2(f.household.reopen(), qPrintable(f.household.error()));
        HouseholdData again(f.household.engine(), f.household.clock);
        again.load();
        QStringList titles;
        for (const BoardCard &c : again.cards.cardsIn(inCart))
            titles << c.title;
        QCOMPARE(titles, split("Apples Eggs Tea"));
    }

    void dropReordersWithinAColumn_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("aimRow");
        QTest::addColumn<Aim>("aim");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<bool>("moved");
        QTest::newRow("first below the last") << QStringLiteral("Milk") << 2 << Aim::LowerHalf << split("Bread Eggs Milk") << true;
        QTest::newRow("first between the others") << QStringLiteral("Milk") << 1 << Aim::LowerHalf << split("Bread Milk Eggs") << true;
        QTest::newRow("last to the top") << QStringLiteral("Eggs") << 0 << Aim::UpperHalf << split("Eggs Milk Bread") << true;
        QTest::newRow("onto itself") << QStringLiteral("Bread") << 1 << Aim::UpperHalf << split("Milk Bread Eggs") << false;
        QTest::newRow("just below itself") << QStringLiteral("Bread") << 2 << Aim::UpperHalf << split("Milk Bread Eggs") << false;
    }

    void dropReordersWithinAColumn()
    {
        QFETCH(QString, title);
        QFETCH(int, aimRow);
        QFETCH(Aim, aim);
        QFETCH(QStringList, expected);
        QFETCH(bool, moved);

        test::FailOnWarnings noWarnings;
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        BoardColumnView *column = f.column(f.toBuy);
        const int stepsBefore = f.undo.count();
        QVERIFY(f.drop(column, f.idOf(title), Fixture::aimAt(column, aimRow, aim)));
        QCOMPARE(f.titles(f.toBuy), expected);
        QCOMPARE(f.undo.count(), stepsBefore + (moved ? 1 : 0));
        for (int row = 0; row < expected.size(); ++row)
            QCOMPARE(column->cardIdAt(row), f.idOf(expected.at(row)));
        if (moved) {
            f.undo.undo();
            QCOMPARE(f.titles(f.toBuy), split("Milk Bread Eggs"));
        }
    }

    void dropOfSomethingElseIsRefused()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        QMimeData text;
        text.setText(QStringLiteral("Milk"));
        QVERIFY(!Fixture::drop(f.column(f.inCart), &text, QPoint(10, 10)));
        QCOMPARE(f.column(f.inCart)->list()->dropIndicatorRow(), -1);
        QCOMPARE(f.titles(f.inCart), split("Apples Tea"));
        QCOMPARE(f.undo.count(), 0);
    }

    void dropIntoAnEmptyColumn()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        QVERIFY(f.page->addColumn(QStringLiteral("Next week")));
        // A new column goes before Done, which stays last.
        QCOMPARE(f.page->columnViews().last()->columnId(), f.done);
        const QString later = f.page->columnViews().at(2)->columnId();
        BoardColumnView *target = f.page->columnView(later);
        QCOMPARE(target->name(), QStringLiteral("Next week"));
        QCOMPARE(target->list()->placeholderText(), QStringLiteral("Drop cards here"));
        const QPoint middle = target->list()->viewport()->rect().center();
        QCOMPARE(target->list()->dropRowAt(middle), 0);
        QVERIFY(f.drop(target, f.idOf(QStringLiteral("Milk")), middle));
        QCOMPARE(f.titles(later), split("Milk"));
    }

    void quickAddAddsACardAtTheBottom()
    {
        test::FailOnWarnings noWarnings;
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        BoardColumnView *column = f.column(f.toBuy);
        QLineEdit *quickAdd = column->quickAdd();
        quickAdd->setFocus();
        QTest::keyClicks(quickAdd, QStringLiteral("  Oat   milk "));
        QTest::keyClick(quickAdd, Qt::Key_Return);
        QCOMPARE(f.titles(f.toBuy), (QStringList{QStringLiteral("Milk"), QStringLiteral("Bread"), QStringLiteral("Eggs"),
                                                 QStringLiteral("Oat milk")}));
        QVERIFY(quickAdd->text().isEmpty());
        QCOMPARE(column->cardIdAt(3), f.idOf(QStringLiteral("Oat milk")));
        QCOMPARE(column->countText(), QStringLiteral("4"));
        QCOMPARE(f.page->subtitleText(), QStringLiteral("4 to buy · 2 in the cart · 1 done"));

        // Blank lines add nothing; the next item can be typed right away.
        QTest::keyClicks(quickAdd, QStringLiteral("   "));
        QTest::keyClick(quickAdd, Qt::Key_Return);
        QCOMPARE(f.data->cards.rowCount(), 7);
        QVERIFY(quickAdd->hasFocus());

        f.undo.undo();
        QCOMPARE(f.titles(f.toBuy), split("Milk Bread Eggs"));
    }

    void ctrlArrowsMoveTheSelectedCard()
    {
        test::FailOnWarnings noWarnings;
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        const QString bread = f.idOf(QStringLiteral("Bread"));
        f.column(f.toBuy)->selectCard(bread);
        CardListView *list = f.column(f.toBuy)->list();
        QVERIFY(list->hasFocus());

        // Ctrl+Right: to the next column at the same height; the selection goes with it.
        QTest::keyClick(list, Qt::Key_Right, Qt::ControlModifier);
        QCOMPARE(f.titles(f.toBuy), split("Milk Eggs"));
        QCOMPARE(f.titles(f.inCart), split("Apples Bread Tea"));
        QCOMPARE(f.storedColumnOf(bread), f.inCart);
        CardListView *cart = f.column(f.inCart)->list();
        QVERIFY(cart->hasFocus());
        QCOMPARE(cart->currentIndex().data(BoardCardsModel::IdRole).toString(), bread);

        // Ctrl+Up / Ctrl+Down within the column.
        QTest::keyClick(cart, Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(f.titles(f.inCart), split("Bread Apples Tea"));
        QTest::keyClick(cart, Qt::Key_Up, Qt::ControlModifier); // already at the top
        QCOMPARE(f.titles(f.inCart), split("Bread Apples Tea"));
        QTest::keyClick(cart, Qt::Key_Down, Qt::ControlModifier);
        QTest::keyClick(cart, Qt::Key_Down, Qt::ControlModifier);
        QCOMPARE(f.titles(f.inCart), split("Apples Tea Bread"));

        // Ctrl+Right twice: into "Done", then nowhere further.
        QTest::keyClick(cart, Qt::Key_Right, Qt::ControlModifier);
        QCOMPARE(f.titles(f.done), split("Rice Bread"));
        CardListView *doneList = f.column(f.done)->list();
        QVERIFY(doneList->hasFocus());
        QTest::keyClick(doneList, Qt::Key_Right, Qt::ControlModifier);
        QCOMPARE(f.titles(f.done), split("Rice Bread"));

        // Ctrl+Left goes back (at the same height); every move was its own undo step.
        QTest::keyClick(doneList, Qt::Key_Left, Qt::ControlModifier);
        QCOMPARE(f.titles(f.inCart), split("Apples Bread Tea"));
        QCOMPARE(f.undo.count(), 6);
        while (f.undo.canUndo())
            f.undo.undo();
        QCOMPARE(f.titles(f.toBuy), split("Milk Bread Eggs"));
        QCOMPARE(f.titles(f.inCart), split("Apples Tea"));
        QCOMPARE(f.titles(f.done), split("Rice"));
    }

    void clickingTheTickBoxOrSpaceTicksACard()
    {
        test::FailOnWarnings noWarnings;
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        BoardColumnView *column = f.column(f.toBuy);
        CardListView *list = column->list();
        const QString eggs = f.idOf(QStringLiteral("Eggs"));
        const QRect box = CardDelegate::checkBoxRect(list->visualRect(column->proxy()->index(2, 0)), column->isCompact());
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, box.center());
        QVERIFY(f.data->cards.find(eggs)->done);
        // Ticked is done, and done is in Done: every count moves together.
        QCOMPARE(f.titles(f.done), split("Rice Eggs"));
        QCOMPARE(column->countText(), QStringLiteral("2"));
        QCOMPARE(f.column(f.done)->countText(), QStringLiteral("2"));
        QCOMPARE(f.page->subtitleText(), QStringLiteral("2 to buy · 2 in the cart · 2 done"));
        QCOMPARE(f.page->clearDoneButton()->text(), QStringLiteral("Clear done (2)"));
        QCOMPARE(f.undo.count(), 1);

        // A click elsewhere on the card only selects it.
        const QRect card = CardDelegate::cardRect(list->visualRect(column->proxy()->index(0, 0)));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, QPoint(card.center().x(), card.center().y()));
        QVERIFY(!f.data->cards.find(f.idOf(QStringLiteral("Milk")))->done);
        QCOMPARE(list->currentIndex().row(), 0);

        // Space ticks the current card (to Done); Space on it there puts it back on the list.
        list->setFocus();
        const QString milk = f.idOf(QStringLiteral("Milk"));
        QTest::keyClick(list, Qt::Key_Space);
        QVERIFY(f.data->cards.find(milk)->done);
        QCOMPARE(f.titles(f.done), split("Rice Eggs Milk"));
        f.column(f.done)->selectCard(milk);
        QTest::keyClick(f.column(f.done)->list(), Qt::Key_Space);
        QVERIFY(!f.data->cards.find(milk)->done);
        QCOMPARE(f.titles(f.toBuy), split("Bread Milk"));

        // Undo puts every card back where it was.
        f.undo.setIndex(0);
        QVERIFY(!f.data->cards.find(eggs)->done);
        QCOMPARE(f.titles(f.toBuy), split("Milk Bread Eggs"));
        QCOMPARE(f.titles(f.done), split("Rice"));
    }

    // A card that arrives from elsewhere (here: straight through the engine, as a synced change
    // does) lands below the fold of a long column: it is scrolled into view and highlighted.
    void anArrivingCardIsShownAndHighlighted()
    {
        test::FailOnWarnings noWarnings;
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        for (int i = 0; i < 30; ++i)
            f.add(f.toBuy, QStringLiteral("Item %1").arg(i));
        BoardColumnView *column = f.column(f.toBuy);
        CardListView *list = column->list();
        list->scrollToTop();
        QTRY_VERIFY(column->highlightedCardId().isEmpty());

        BoardCard card;
        card.title = QStringLiteral("From Sam");
        const MutationResult result = f.household.engine().submit(f.data->cards.addMutation(f.toBuy, card));
        QVERIFY(result.ok);
        QCOMPARE(column->highlightedCardId(), result.entityId);
        const QRect shown = list->visualRect(column->proxy()->index(column->rowOfCard(result.entityId), 0));
        QVERIFY2(list->viewport()->rect().contains(shown), "the new card is inside the visible part of the column");
        // The highlight is brief.
        QTRY_VERIFY_WITH_TIMEOUT(column->highlightedCardId().isEmpty(), 3 * BoardColumnView::kHighlightMs);
    }

    // On a board wider than the page, a card arriving in a column off to the side brings it into view.
    void anArrivingCardBringsItsColumnIntoView()
    {
        test::FailOnWarnings noWarnings;
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        QTest::mouseClick(f.page->compactButton(), Qt::LeftButton); // chosen: roomy cards, wide columns
        QTest::mouseClick(f.page->compactButton(), Qt::LeftButton);
        QVERIFY(!f.page->isCompact());
        f.page->resize(660, 500);
        auto *scroll = f.page->findChild<QScrollArea *>(QStringLiteral("boardScroll"));
        QVERIFY(scroll);
        QTRY_VERIFY(scroll->horizontalScrollBar()->maximum() > 0);
        scroll->horizontalScrollBar()->setValue(0);
        BoardColumnView *done = f.column(f.done);
        QVERIFY(done->mapTo(scroll->viewport(), QPoint()).x() + done->width() > scroll->viewport()->width()); // cut off

        BoardCard card;
        card.title = QStringLiteral("Ticked on the phone");
        QVERIFY(f.household.engine().submit(f.data->cards.addMutation(f.done, card)).ok);
        QTRY_VERIFY(scroll->horizontalScrollBar()->value() > 0);
        const QRect shown(done->mapTo(scroll->viewport(), QPoint()), done->size());
        QVERIFY(scroll->viewport()->rect().contains(shown));
    }

    // Compact cards are one line, and on a 1024×600 screen the page turns them on by itself so the
    // three columns fit side by side; the choice can be changed with the Compact button.
    void compactCardsFitTheColumnsOnASmallScreen()
    {
        test::FailOnWarnings noWarnings;
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        QVERIFY(!f.page->isCompact());
        BoardCard detailed;
        detailed.title = QStringLiteral("Oranges");
        detailed.quantity = QStringLiteral("2 kg");
        detailed.category = QStringLiteral("Fruit & veg");
        detailed.note = QStringLiteral("The juicy ones");
        QVERIFY(f.data->cards.apply(f.data->cards.addMutation(f.toBuy, detailed)).ok);
        CardListView *list = f.column(f.toBuy)->list();
        const int plainRow = 0;
        const int detailedRow = 3;
        const int roomyPlain = list->sizeHintForRow(plainRow);
        const int roomy = list->sizeHintForRow(detailedRow);

        // What a 1024×600 window leaves the page beside the rail and above the status bar.
        f.page->resize(800, 540);
        QTRY_VERIFY(f.page->isCompact());
        QVERIFY(f.page->compactButton()->isChecked());
        QVERIFY(list->sizeHintForRow(plainRow) < roomyPlain);
        QVERIFY(list->sizeHintForRow(detailedRow) < roomy * 2 / 3);
        QApplication::processEvents();
        for (BoardColumnView *column : f.page->columnViews()) {
            const QRect onPage(column->mapTo(f.page.get(), QPoint(0, 0)), column->size());
            QVERIFY2(f.page->rect().contains(onPage), qPrintable(column->name() + QStringLiteral(" fits")));
        }

        // The user's choice wins over the size.
        QTest::mouseClick(f.page->compactButton(), Qt::LeftButton);
        QVERIFY(!f.page->isCompact());
        f.page->resize(790, 530);
        QVERIFY(!f.page->isCompact());
        QCOMPARE(list->sizeHintForRow(detailedRow), roomy);
    }

    // Tab goes the way the page reads: the header's buttons left to right, then each column's
    // buttons, cards and quick-add line, column by column.
    void tabOrderFollowsReadingOrder()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        QList<QWidget *> expected{f.page->compactButton(), f.page->addColumnButton(), f.page->clearDoneButton(),
                                  f.page->findChild<QPushButton *>(QStringLiteral("addItem"))};
        for (BoardColumnView *column : f.page->columnViews())
            expected << column->tabStops();
        QList<QWidget *> visited{expected.first()};
        for (QWidget *w = expected.first()->nextInFocusChain(); visited.size() < expected.size() && w != expected.first();
             w = w->nextInFocusChain()) {
            if ((w->focusPolicy() & Qt::TabFocus) && w->isVisible() && w->isEnabled())
                visited << w;
        }
        QCOMPARE(visited, expected);
        // Left to right on screen, too.
        for (int i = 1; i < 4; ++i)
            QVERIFY(expected.at(i - 1)->mapTo(f.page.get(), QPoint()).x() < expected.at(i)->mapTo(f.page.get(), QPoint()).x());
    }

    void deleteKeyRemovesACard()
    {
        test::FailOnWarnings noWarnings;
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        const QString bread = f.idOf(QStringLiteral("Bread"));
        f.column(f.toBuy)->selectCard(bread);
        CardListView *list = f.column(f.toBuy)->list();
        QTest::keyClick(list, Qt::Key_Delete);
        QCOMPARE(f.titles(f.toBuy), split("Milk Eggs"));
        QVERIFY(!f.household.engine().entity(Collection::BoardCards, bread));
        // The next card is current, so Delete can go on.
        QCOMPARE(list->currentIndex().data(BoardCardsModel::TitleRole).toString(), QStringLiteral("Eggs"));
        f.undo.undo();
        QCOMPARE(f.titles(f.toBuy), split("Milk Bread Eggs"));
        QCOMPARE(f.idOf(QStringLiteral("Bread")), bread);
    }

    void clearDone_data()
    {
        QTest::addColumn<bool>("answer");
        QTest::newRow("yes") << true;
        QTest::newRow("no") << false;
    }

    void clearDone()
    {
        QFETCH(bool, answer);
        test::FailOnWarnings noWarnings;
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        f.confirmer.answer = answer;
        // Moving a card into Done makes it one of the done ones.
        QVERIFY(f.column(f.done)->dropCard(f.idOf(QStringLiteral("Eggs")), 1));
        QCOMPARE(f.page->clearDoneButton()->text(), QStringLiteral("Clear done (2)"));
        QPushButton *clear = f.page->clearDoneButton();
        QVERIFY(clear->isEnabled());
        QTest::mouseClick(clear, Qt::LeftButton);
        QCOMPARE(f.confirmer.asked, 1);
        QVERIFY(f.confirmer.lastQuestion.contains(QLatin1String("2 done items")));
        if (!answer) {
            QCOMPARE(f.data->cards.rowCount(), 6);
            QCOMPARE(f.undo.count(), 1);
            return;
        }
        // Clear done empties the Done column, and only it.
        QCOMPARE(f.titles(f.inCart), split("Apples Tea"));
        QCOMPARE(f.titles(f.done), QStringList());
        QCOMPARE(f.titles(f.toBuy), split("Milk Bread"));
        QVERIFY(!clear->isEnabled());
        // All of it is one undo step.
        QCOMPARE(f.undo.count(), 2);
        f.undo.undo();
        QCOMPARE(f.titles(f.done), split("Rice Eggs"));
        QVERIFY(f.data->cards.find(f.idOf(QStringLiteral("Eggs")))->done);
        QVERIFY(clear->isEnabled());
    }

    void deletingAColumnTakesItsCardsInOneStep()
    {
        test::FailOnWarnings noWarnings;
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        const QString apples = f.idOf(QStringLiteral("Apples"));

        f.confirmer.answer = false;
        QVERIFY(!f.column(f.inCart)->deleteColumn());
        QCOMPARE(f.page->columnViews().size(), 3);
        QVERIFY(f.confirmer.lastQuestion.contains(QLatin1String("2 cards")));

        f.confirmer.answer = true;
        QVERIFY(f.column(f.inCart)->deleteColumn());
        QCOMPARE(f.data->columns.rowCount(), 2);
        QCOMPARE(f.page->columnViews().size(), 2);
        QVERIFY(!f.page->columnView(f.inCart));
        QCOMPARE(f.data->cards.rowCount(), 4);
        QVERIFY(!f.household.engine().entity(Collection::BoardColumns, f.inCart));
        QCOMPARE(f.undo.count(), 1);

        f.undo.undo();
        QCOMPARE(f.data->columns.rowCount(), 3);
        QCOMPARE(f.page->columnViews().size(), 3);
        QCOMPARE(f.page->columnViews().at(1)->columnId(), f.inCart);
        QCOMPARE(f.titles(f.inCart), split("Apples Tea"));
        QCOMPARE(f.idOf(QStringLiteral("Apples")), apples);
        QCOMPARE(f.page->columnView(f.inCart)->list()->model()->rowCount(), 2);
    }

    void columnsMoveAndRename()
    {
        test::FailOnWarnings noWarnings;
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        BoardColumnView *toBuy = f.column(f.toBuy);
        QVERIFY(!toBuy->moveColumnBy(-1));
        QVERIFY(toBuy->moveColumnBy(1));
        QCOMPARE(f.page->columnViews().at(0)->columnId(), f.inCart);
        QCOMPARE(f.page->columnViews().at(1)->columnId(), f.toBuy);
        QTRY_VERIFY(f.column(f.inCart)->x() < toBuy->x());

        // Rename in place: type, Enter.
        toBuy->startRename();
        QLineEdit *edit = toBuy->nameEdit();
        QVERIFY(edit->isVisible());
        QCOMPARE(edit->text(), QStringLiteral("To buy"));
        QTest::keyClicks(edit, QStringLiteral("Shopping list"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(f.data->columns.find(f.toBuy)->name, QStringLiteral("Shopping list"));
        QVERIFY(!edit->isVisible());
        QCOMPARE(toBuy->name(), QStringLiteral("Shopping list"));

        // Escape keeps the old name.
        toBuy->startRename();
        QTest::keyClicks(toBuy->nameEdit(), QStringLiteral("Nope"));
        QTest::keyClick(toBuy->nameEdit(), Qt::Key_Escape);
        QCOMPARE(f.data->columns.find(f.toBuy)->name, QStringLiteral("Shopping list"));

        f.undo.undo();
        QCOMPARE(f.data->columns.find(f.toBuy)->name, QStringLiteral("To buy"));
        f.undo.undo();
        QCOMPARE(f.page->columnViews().at(0)->columnId(), f.toBuy);
    }

    void editDialogKeepsWhatWasTypedOnError()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        BoardColumnView *column = f.column(f.toBuy);
        CardListView *list = column->list();
        const QString milk = f.idOf(QStringLiteral("Milk"));
        const QRect card = CardDelegate::cardRect(list->visualRect(column->proxy()->index(0, 0)));
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, QPoint(card.right() - 40, card.center().y()));
        CardDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = column->findChild<CardDialog *>()) != nullptr);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->titleEdit()->text(), QStringLiteral("Milk"));

        dialog->titleEdit()->clear();
        dialog->quantityEdit()->setText(QStringLiteral("2 l"));
        dialog->accept();
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->errorText(QStringLiteral("title")).isEmpty());
        // One button style: FormDialog's Save and Cancel, without the stock floppy-disk and X icons.
        QVERIFY(qobject_cast<FormDialog *>(dialog));
        // Tab goes down the form in reading order.
        const auto nextTabStop = [](QWidget *from) {
            QWidget *next = from->nextInFocusChain();
            while (next != from && !((next->focusPolicy() & Qt::TabFocus) && next->isVisible() && next->isEnabled()))
                next = next->nextInFocusChain();
            return next;
        };
        QCOMPARE(nextTabStop(dialog->titleEdit()), static_cast<QWidget *>(dialog->quantityEdit()));
        QCOMPARE(nextTabStop(dialog->quantityEdit()), static_cast<QWidget *>(dialog->categoryBox()));
        QCOMPARE(nextTabStop(dialog->categoryBox()), static_cast<QWidget *>(dialog->assigneeBox()));
        QCOMPARE(nextTabStop(dialog->assigneeBox()), static_cast<QWidget *>(dialog->noteEdit()));
        QCOMPARE(dialog->quantityEdit()->text(), QStringLiteral("2 l"));
        QCOMPARE(f.data->cards.find(milk)->title, QStringLiteral("Milk"));

        dialog->titleEdit()->setText(QStringLiteral("Oat milk"));
        dialog->categoryBox()->setCurrentText(QStringLiteral("Dairy"));
        dialog->assigneeBox()->setCurrentIndex(1);
        dialog->accept();
        QTRY_VERIFY(!column->findChild<CardDialog *>());
        const BoardCard edited = *f.data->cards.find(milk);
        QCOMPARE(edited.title, QStringLiteral("Oat milk"));
        QCOMPARE(edited.quantity, QStringLiteral("2 l"));
        QCOMPARE(edited.category, QStringLiteral("Dairy"));
        QCOMPARE(edited.assigneeId, f.data->members.at(0).id);
        QCOMPARE(f.titles(f.toBuy), (QStringList{QStringLiteral("Oat milk"), QStringLiteral("Bread"), QStringLiteral("Eggs")}));
        f.undo.undo();
        QCOMPARE(f.data->cards.find(milk)->title, QStringLiteral("Milk"));
        QCOMPARE(f.data->cards.find(milk)->quantity, QString());
    }

    void emptyBoardSaysWhatToDo()
    {
        test::FailOnWarnings noWarnings;
        Fixture f(false);
        QVERIFY(QTest::qWaitForWindowExposed(f.page.get()));
        QVERIFY(f.page->subtitleText().contains(QLatin1String("empty")));
        QVERIFY(f.page->subtitleText().contains(QLatin1String("To buy")));
        QVERIFY(!f.page->clearDoneButton()->isEnabled());
        for (BoardColumnView *column : f.page->columnViews())
            QCOMPARE(column->list()->model()->rowCount(), 0);
        // The first column says how to start, the others where cards can go.
        QVERIFY(f.page->columnViews().at(0)->list()->placeholderText().contains(QLatin1String("press Enter")));
        QCOMPARE(f.page->columnViews().at(1)->list()->placeholderText(), QStringLiteral("Drop cards here"));
        f.page->columnViews().at(0)->addCard(QStringLiteral("Milk"));
        QCOMPARE(f.page->columnViews().at(0)->list()->placeholderText(), QStringLiteral("Drop cards here"));
        f.undo.undo();
        QVERIFY(f.page->columnViews().at(0)->list()->placeholderText().contains(QLatin1String("press Enter")));

        // With no columns at all, the page offers to add one.
        for (BoardColumnView *column : f.page->columnViews())
            QVERIFY(column->deleteColumn());
        QCOMPARE(f.page->columnViews().size(), 0);
        QLabel *empty = f.page->findChild<QLabel *>(QStringLiteral("emptyState"));
        QVERIFY(empty);
        QVERIFY(empty->isVisible());
        QVERIFY(f.page->subtitleText().contains(QLatin1String("Add a column")));
        QVERIFY(f.page->addColumn(QStringLiteral("To buy")));
        QCOMPARE(f.page->columnViews().size(), 1);
        QVERIFY(!empty->isVisible());
    }
};

QTEST_MAIN(TestBoardPage)
#include "tst_boardpage.moc"
