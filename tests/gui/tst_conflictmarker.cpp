// A card whose edit here lost to someone else's (a stale update the engine merged, "theirs"): the
// shopping board marks it in amber and says so above the columns; the mark's menu keeps mine (the
// edit is made again, on the card as it is now) or keeps theirs (the mark goes, the card stays).

#include "BoardColumnView.h"
#include "BoardPage.h"
#include "CardDelegate.h"
#include "ConflictMarker.h"
#include "PageHarness.h"
#include "Proxies.h"
#include "Theme.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

class tst_ConflictMarker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void staleEditShowsTheMark();
    void keepMineAppliesMineAgain();
    void keepTheirsClearsTheMark();

private:
    // Sam ticks the card (it goes to Done); then this device, which saw it unticked in To buy,
    // drags it to In cart: the column stays Sam's.
    void loseTheMove();
    QModelIndex cardIndex(const QString &columnId) const;
    QAction *action(const char *name) const;

    std::unique_ptr<PageHarness> m_harness;
    std::unique_ptr<BoardPage> m_page;
    QString m_toBuy, m_inCart, m_done, m_card;
};

void tst_ConflictMarker::init()
{
    m_harness = std::make_unique<PageHarness>();
    QVERIFY(m_harness->isValid());
    HouseholdData &data = *m_harness->data;
    const QList<BoardColumn> columns = data.columns.ordered();
    QCOMPARE(columns.size(), 3);
    m_toBuy = columns.at(0).id;
    m_inCart = columns.at(1).id;
    m_done = columns.at(2).id;
    BoardCard card;
    card.title = QStringLiteral("Milk");
    const MutationResult added = data.cards.apply(data.cards.addMutation(m_toBuy, card));
    QVERIFY(added.ok);
    m_card = added.entityId;
    m_page = m_harness->show<BoardPage>(QSize(1200, 760));
    QVERIFY(m_page);
}

void tst_ConflictMarker::cleanup()
{
    m_page.reset();
    m_harness.reset();
}

void tst_ConflictMarker::loseTheMove()
{
    AuthoritativeEngine &engine = m_harness->household.engine();
    const MutationResult sam = engine.submit({{}, Collection::Members, MutationOp::Create, {}, -1,
                                              {{QStringLiteral("name"), QStringLiteral("Sam")}, {QStringLiteral("role"), QStringLiteral("adult")}}});
    QVERIFY(sam.ok);
    QVERIFY(engine.submitAs({{}, Collection::BoardCards, MutationOp::Update, m_card, 1, {{QStringLiteral("done"), true}}}, sam.entityId).ok);
    Mutation move = m_harness->data->cards.moveMutation(m_card, m_inCart, 0);
    move.baseRev = 1; // what this device saw
    const MutationResult merged = m_harness->data->cards.apply(move);
    QVERIFY2(merged.ok, qPrintable(merged.error.message));
    QVERIFY(!merged.merged.isEmpty());
}

QModelIndex tst_ConflictMarker::cardIndex(const QString &columnId) const
{
    BoardColumnView *column = m_page->columnView(columnId);
    const int row = column ? column->rowOfCard(m_card) : -1;
    return row < 0 ? QModelIndex() : column->proxy()->index(row, 0);
}

QAction *tst_ConflictMarker::action(const char *name) const
{
    QMenu *menu = m_page->columnView(m_done)->findChild<QMenu *>(QStringLiteral("conflictMenu"));
    return menu ? menu->findChild<QAction *>(QString::fromLatin1(name)) : nullptr;
}

void tst_ConflictMarker::staleEditShowsTheMark()
{
    QVERIFY(conflictmarker::conflictsAt(cardIndex(m_toBuy)).isEmpty());
    QVERIFY(m_page->conflictText().isEmpty());
    loseTheMove();
    if (QTest::currentTestFailed())
        return;

    const QModelIndex index = cardIndex(m_done);
    QVERIFY(index.isValid());
    const QVariantList conflicts = conflictmarker::conflictsAt(index);
    QVERIFY(!conflicts.isEmpty());
    QCOMPARE(conflicts.first().toMap().value(QStringLiteral("field")).toString(), QStringLiteral("column_id"));
    QVERIFY2(m_page->conflictText().contains(QLatin1String("1 card")), qPrintable(m_page->conflictText()));

    // The mark is painted: amber beside the "!" in the card's top right corner.
    CardListView *list = m_page->columnView(m_done)->list();
    const QRect mark = CardDelegate::conflictRect(list->visualRect(index));
    const QImage shot = list->viewport()->grab().toImage();
    const QColor painted = shot.pixelColor(QPoint(mark.center().x() - 4, mark.center().y()) * shot.devicePixelRatio());
    QVERIFY2(qAbs(painted.hue() - Theme::warning().hue()) < 12 && painted.saturation() > 120,
             qPrintable(painted.name()));

    // A click on it offers both ways out, named by the columns.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, mark.center());
    QTRY_VERIFY(action("keepMine"));
    QCOMPARE(action("keepMine")->text(), QStringLiteral("Keep mine (In cart)"));
    QCOMPARE(action("keepTheirs")->text(), QStringLiteral("Keep theirs (Done)"));
}

void tst_ConflictMarker::keepMineAppliesMineAgain()
{
    loseTheMove();
    if (QTest::currentTestFailed())
        return;
    m_page->columnView(m_done)->conflictMenu(cardIndex(m_done));
    QVERIFY(action("keepMine"));
    action("keepMine")->trigger();
    const auto card = m_harness->data->cards.find(m_card);
    QVERIFY(card);
    QCOMPARE(card->columnId, m_inCart);
    QVERIFY(!card->done);
    QVERIFY(conflictmarker::conflictsAt(cardIndex(m_inCart)).isEmpty());
    QVERIFY(m_page->conflictText().isEmpty());
}

void tst_ConflictMarker::keepTheirsClearsTheMark()
{
    loseTheMove();
    if (QTest::currentTestFailed())
        return;
    const qint64 rev = m_harness->data->cards.revOf(m_card);
    m_page->columnView(m_done)->conflictMenu(cardIndex(m_done));
    QVERIFY(action("keepTheirs"));
    action("keepTheirs")->trigger();
    QVERIFY(conflictmarker::conflictsAt(cardIndex(m_done)).isEmpty());
    QVERIFY(m_page->conflictText().isEmpty());
    QCOMPARE(m_harness->data->cards.revOf(m_card), rev); // nothing was sent
    QCOMPARE(m_harness->data->cards.find(m_card)->columnId, m_done);
}

QTEST_MAIN(tst_ConflictMarker)
#include "tst_conflictmarker.moc"
