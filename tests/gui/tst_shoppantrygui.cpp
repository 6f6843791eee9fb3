// Shopping -> pantry in the app, offscreen: the board's offer after a tick ("Add to pantry" by a
// click or Alt+P, Not now, none when the household says always or never, none for a tick made on
// another device), the kiosk's shopping ticks and its touch-sized offer, the card dialog's pantry
// row (the link suggested as the title is typed), the pantry item dialog's minimum and the pantry
// page's "low" chip, and the Household page's rule.

#include "BoardColumnView.h"
#include "BoardPage.h"
#include "CardDelegate.h"
#include "CardDialog.h"
#include "HouseholdPage.h"
#include "KioskDashboard.h"
#include "PageHarness.h"
#include "PantryDelegate.h"
#include "PantryItemDialog.h"
#include "PurchaseOffer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QTest>
#include <QToolButton>

using namespace hearth;
using namespace hearth::test;

namespace {

QString addCard(HouseholdData &data, const QString &title, const QString &quantity = {})
{
    BoardCard card;
    card.title = title;
    card.quantity = quantity;
    const MutationResult r = data.cards.apply(data.cards.addMutation(data.columns.ordered().constFirst().id, card));
    return r.ok ? r.entityId : QString();
}

QString addItem(HouseholdData &data, const QString &name, double quantity, const QString &unit)
{
    PantryItem item;
    item.name = name;
    item.quantity = quantity;
    item.unit = unit;
    const MutationResult r = data.pantry.apply(data.pantry.addMutation(item));
    return r.ok ? r.entityId : QString();
}

QString addMember(HouseholdData &data, const QString &name)
{
    const MutationResult r = data.members.apply(data.members.addMutation(name, QStringLiteral("adult")));
    return r.ok ? r.entityId : QString();
}

} // namespace

class TestShopPantryGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void boardOffersThePantryAfterATick()
    {
        PageHarness h;
        QVERIFY(h.isValid());
        HouseholdData &data = *h.data;
        const QString milkItem = addItem(data, QStringLiteral("Milk"), 1, QStringLiteral("l"));
        const QString milk = addCard(data, QStringLiteral("Milk"), QStringLiteral("2 l"));
        auto page = h.show<BoardPage>(QSize(1024, 600));
        QVERIFY(page);
        PurchaseOffer *offer = page->purchaseOffer();
        QVERIFY(offer->isHidden());

        // Space on the card ticks it: the offer shows, and the focus stays on the list.
        BoardColumnView *toBuy = page->columnViews().constFirst();
        toBuy->selectCard(milk);
        toBuy->list()->setFocus();
        QTest::keyClick(toBuy->list(), Qt::Key_Space);
        QVERIFY(data.cards.find(milk)->done);
        QTRY_VERIFY(offer->isVisible());
        QCOMPARE(offer->cardId(), milk);
        QVERIFY2(offer->text().contains(QLatin1String("Milk")) && offer->text().contains(QLatin1String("2 l")), qPrintable(offer->text()));
        QVERIFY(QApplication::focusWidget() != offer->addButton());
        QCOMPARE(data.pantry.find(milkItem)->quantity, 1.0);

        // Alt+P adds it, as one undo step of its own; Ctrl+Z (the stack) takes it back out.
        QTest::keyClick(page.get(), Qt::Key_P, Qt::AltModifier);
        QTRY_COMPARE(data.pantry.find(milkItem)->quantity, 3.0);
        QVERIFY(offer->isHidden());
        QVERIFY(data.cards.find(milk)->addedToPantry);
        QCOMPARE(h.undo.count(), 2);
        h.undo.undo();
        QCOMPARE(data.pantry.find(milkItem)->quantity, 1.0);
        QVERIFY(!data.cards.find(milk)->addedToPantry);

        // Not now: the offer goes, nothing is added.
        const QString bread = addCard(data, QStringLiteral("Bread"));
        QVERIFY(data.cards.apply(data.cards.doneMutation(bread, true)).ok);
        QTRY_COMPARE(offer->cardId(), bread);
        QTest::mouseClick(offer->dismissButton(), Qt::LeftButton);
        QVERIFY(offer->isHidden());
        QVERIFY(!data.cards.find(bread)->addedToPantry);

        // Unticked before answering: the offer goes with it.
        const QString eggs = addCard(data, QStringLiteral("Eggs"), QStringLiteral("6"));
        QVERIFY(data.cards.apply(data.cards.doneMutation(eggs, true)).ok);
        QTRY_COMPARE(offer->cardId(), eggs);
        QVERIFY(data.cards.apply(data.cards.doneMutation(eggs, false)).ok);
        QVERIFY(offer->isHidden());

        // A tick by someone else (another device) offers nothing here.
        const QString sam = addMember(data, QStringLiteral("Sam"));
        const QString jam = addCard(data, QStringLiteral("Jam"));
        QVERIFY(h.household.engine().submitAs(data.cards.doneMutation(jam, true), sam).ok);
        QVERIFY(offer->isHidden());
    }

    void boardCardSaysWhoBoughtIt()
    {
        PageHarness h;
        QVERIFY(h.isValid());
        HouseholdData &data = *h.data;
        const QString sam = addMember(data, QStringLiteral("Sam"));
        const QString jam = addCard(data, QStringLiteral("Jam"));
        auto page = h.show<BoardPage>(QSize(1366, 768)); // full cards (a small screen makes them one line)
        QVERIFY(page);
        BoardColumnView *toBuy = page->columnViews().constFirst();
        auto *delegate = qobject_cast<CardDelegate *>(toBuy->list()->itemDelegate());
        QVERIFY(delegate);
        const QModelIndex before = toBuy->list()->model()->index(0, 0);
        QVERIFY(CardDelegate::boughtText(before).isEmpty());
        QStyleOptionViewItem option;
        option.initFrom(toBuy->list());
        const int unticked = delegate->sizeHint(option, before).height();

        // Sam ticks it on another device: the card, now in Done, says so on its face.
        QVERIFY(h.household.engine().submitAs(data.cards.doneMutation(jam, true), sam).ok);
        BoardColumnView *done = page->columnViews().constLast();
        QTRY_COMPARE(done->list()->model()->rowCount(), 1);
        const QModelIndex ticked = done->list()->model()->index(0, 0);
        const QString said = CardDelegate::boughtText(ticked);
        // Bought on the harness's day (not today): by its day.
        const QDateTime at = ticked.data(BoardCardsModel::BoughtAtRole).toDateTime();
        QVERIFY(at.isValid() && at.date() != QDate::currentDate());
        QCOMPARE(said, QString::fromUtf8("Bought by Sam · %1").arg(QLocale().toString(at.date(), QStringLiteral("d MMM"))));
        QVERIFY(delegate->sizeHint(option, ticked).height() > unticked);
        // Unticked again: the line goes.
        QVERIFY(data.cards.apply(data.cards.doneMutation(jam, false)).ok);
        QTRY_COMPARE(toBuy->list()->model()->rowCount(), 1);
        QVERIFY(CardDelegate::boughtText(toBuy->list()->model()->index(0, 0)).isEmpty());
    }

    void boardOffersNothingWhenTheHouseholdDecides()
    {
        PageHarness h;
        QVERIFY(h.isValid());
        HouseholdData &data = *h.data;
        auto page = h.show<BoardPage>(QSize(1366, 768));
        QVERIFY(page);
        QVERIFY(data.household.apply(data.household.boughtToPantryMutation(QStringLiteral("always"))).ok);
        const QString rice = addCard(data, QStringLiteral("Rice"), QStringLiteral("1 kg"));
        QVERIFY(data.cards.apply(data.cards.doneMutation(rice, true)).ok);
        QVERIFY(page->purchaseOffer()->isHidden());
        QVERIFY(data.cards.find(rice)->addedToPantry); // the host added it in the tick
        QCOMPARE(data.pantry.records().size(), 1);
        QVERIFY(data.household.apply(data.household.boughtToPantryMutation(QStringLiteral("never"))).ok);
        const QString oil = addCard(data, QStringLiteral("Oil"));
        QVERIFY(data.cards.apply(data.cards.doneMutation(oil, true)).ok);
        QVERIFY(page->purchaseOffer()->isHidden());
        QCOMPARE(data.pantry.records().size(), 1);
    }

    void kioskTicksAndOffersByTouch()
    {
        PageHarness h;
        QVERIFY(h.isValid());
        HouseholdData &data = *h.data;
        qApp->setStyleSheet(Theme::styleSheet());
        KioskDashboard dashboard(data, h.history);
        dashboard.resize(1024, 540);
        dashboard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
        const QString butter = addCard(data, QStringLiteral("Butter"), QStringLiteral("2"));
        QToolButton *tick = nullptr;
        QTRY_VERIFY((tick = dashboard.findChild<QToolButton *>(QStringLiteral("kioskCardTick"))) != nullptr);
        QCOMPARE(tick->property("cardId").toString(), butter);
        QVERIFY(tick->width() >= 48 && tick->height() >= 48);
        QTest::mouseClick(tick, Qt::LeftButton);
        QVERIFY(data.cards.find(butter)->done);
        QCOMPARE(data.cards.find(butter)->boughtBy, h.household.engine().actingMemberId());
        PurchaseOffer *offer = dashboard.purchaseOffer();
        QTRY_VERIFY(offer->isVisible());
        QVERIFY(offer->addButton()->height() >= 56);
        QVERIFY(offer->dismissButton()->height() >= 56);
        QTest::mouseClick(offer->addButton(), Qt::LeftButton);
        QTRY_COMPARE(data.pantry.records().size(), 1);
        QCOMPARE(data.pantry.records().constFirst().name, QStringLiteral("Butter"));
        QCOMPARE(data.pantry.records().constFirst().quantity, 2.0);
        QVERIFY(offer->isHidden());
        // Bought: off the kiosk's list.
        QTRY_VERIFY(dashboard.findChild<QToolButton *>(QStringLiteral("kioskCardTick")) == nullptr);
    }

    void cardDialogLinksAPantryItem()
    {
        PageHarness h;
        QVERIFY(h.isValid());
        HouseholdData &data = *h.data;
        const QString oats = addItem(data, QStringLiteral("Oats"), 1, QStringLiteral("kg"));
        addItem(data, QStringLiteral("Rolled oats"), 1, QStringLiteral("kg"));
        addItem(data, QStringLiteral("Apples"), 3, QStringLiteral("pcs"));
        BoardCard saved;
        CardDialog dialog(data.members, {}, [&saved](const BoardCard &card) {
            saved = card;
            MutationResult ok;
            ok.ok = true;
            return ok;
        });
        dialog.setPantry(data.pantry);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.toPantryBox()->isChecked());
        QCOMPARE(dialog.pantryItemBox()->currentData().toString(), QString());
        // Typing the title suggests the items named like it first, and links the one of that name.
        QTest::keyClicks(dialog.titleEdit(), QStringLiteral("oats"));
        QCOMPARE(dialog.pantryItemBox()->currentData().toString(), oats);
        QVERIFY(dialog.pantryItemBox()->itemText(1).startsWith(QLatin1String("Oats")));
        QVERIFY(dialog.pantryItemBox()->itemText(2).startsWith(QLatin1String("Rolled oats"))); // contains it: next
        QVERIFY(dialog.pantryItemBox()->itemText(3).startsWith(QLatin1String("Apples")));
        BoardCard typed = dialog.card();
        QCOMPARE(typed.pantryItemId, oats);
        QVERIFY(typed.toPantry);
        // Unchecking "Put it in the pantry" disables the link and is saved.
        dialog.toPantryBox()->setChecked(false);
        QVERIFY(!dialog.pantryItemBox()->isEnabled());
        QVERIFY(!dialog.card().toPantry);
    }

    void pantryMinimumAndLowChip()
    {
        PageHarness h;
        QVERIFY(h.isValid());
        HouseholdData &data = *h.data;
        const QString rice = addItem(data, QStringLiteral("Rice"), 3, QStringLiteral("kg"));
        PantryItem saved;
        PantryItemDialog dialog(data.pantry, *data.pantry.find(rice), false, [&](const PantryItem &item) {
            saved = item;
            return data.pantry.apply(data.pantry.editMutation(*data.pantry.find(rice), item));
        });
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.minimumEdit()->text().isEmpty());
        dialog.minimumEdit()->setText(QStringLiteral("x"));
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.errorField(), dialog.minimumEdit());
        dialog.minimumEdit()->setText(QStringLiteral("4"));
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(saved.minQuantity, 4.0);
        QCOMPARE(data.pantry.find(rice)->minQuantity, 4.0);
        // Below its minimum: low, and a card for it on the list (the host's effect).
        const QModelIndex quantity = data.pantry.index(data.pantry.rowOf(rice), PantryModel::Quantity);
        QVERIFY(quantity.data(PantryModel::LowRole).toBool());
        QVERIFY(!quantity.data(Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(PantryDelegate::lowText(QStringLiteral("3 kg")), QStringLiteral("low · 3 kg"));
        int cards = 0;
        for (const BoardCard &c : data.cards.records())
            cards += c.pantryItemId == rice ? 1 : 0;
        QCOMPARE(cards, 1);
    }

    void householdPageSetsTheRule()
    {
        PageHarness h;
        QVERIFY(h.isValid());
        HouseholdData &data = *h.data;
        qApp->setStyleSheet(Theme::styleSheet());
        auto page = std::make_unique<HouseholdPage>(data, h.history, h.confirmer, nullptr);
        page->resize(1024, 600);
        page->show();
        QVERIFY(QTest::qWaitForWindowExposed(page.get()));
        auto *combo = page->findChild<QComboBox *>(QStringLiteral("boughtToPantryCombo"));
        QVERIFY(combo);
        QCOMPARE(combo->currentData().toString(), QStringLiteral("ask"));
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);
        QTRY_COMPARE(data.household.household().boughtToPantry, QStringLiteral("always"));
        // Changed elsewhere (another device): the page follows.
        QVERIFY(data.household.apply(data.household.boughtToPantryMutation(QStringLiteral("never"))).ok);
        QCOMPARE(combo->currentData().toString(), QStringLiteral("never"));
    }
};

QTEST_MAIN(TestShopPantryGui)
#include "tst_shoppantrygui.moc"
