// The app offers only what the acting member's role allows (docs/security.md, "What a member may
// change"): a child sees no way to change the household's settings or members, to change or
// delete transactions, to set up goals or to reshape the board or delete cards — and keeps adding
// transactions, putting money toward goals, adding and ticking cards. An adult is offered everything.
// The pages follow the members model: a member whose role changes sees the page change at once.

#include "BoardColumnView.h"
#include "BoardPage.h"
#include "BudgetPage.h"
#include "GoalsPage.h"
#include "HouseholdData.h"
#include "HouseholdPage.h"
#include "MoneyEdit.h"
#include "PageHarness.h"
#include "Proxies.h"
#include "Theme.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace hearth;

namespace {

// Offered: shown (within the page) and enabled.
bool offered(const QWidget *widget, const QWidget *page)
{
    return widget && widget->isVisibleTo(page) && widget->isEnabled();
}

template <typename W>
W *child(const QWidget *page, const char *name)
{
    return page->findChild<W *>(QString::fromLatin1(name));
}

QPushButton *buttonWithAction(const QWidget *page, const char *action)
{
    const auto buttons = page->findChildren<QPushButton *>();
    for (QPushButton *b : buttons) {
        if (b->property("action").toString() == QLatin1String(action))
            return b;
    }
    return nullptr;
}

QStringList visibleActionTexts(const QMenu *menu)
{
    QStringList texts;
    const auto actions = menu->actions();
    for (const QAction *a : actions) {
        if (a->isVisible() && !a->isSeparator())
            texts << a->text();
    }
    return texts;
}

} // namespace

class TestRoles : public QObject
{
    Q_OBJECT

private:
    // A demo household acting as a new member with `role` (created by the owner, before any page exists).
    static QString actAs(test::PageHarness &h, const QString &role)
    {
        const MutationResult r = h.data->members.apply(h.data->members.addMutation(QStringLiteral("Sam"), role));
        if (!r.ok)
            return {};
        h.household.engine().setActingMemberId(r.entityId);
        return r.entityId;
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void budget_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<bool>("adult");
        QTest::newRow("child") << QStringLiteral("child") << false;
        QTest::newRow("adult") << QStringLiteral("adult") << true;
    }

    void budget()
    {
        QFETCH(QString, role);
        QFETCH(bool, adult);
        test::PageHarness h(true);
        QVERIFY(h.isValid());
        QVERIFY(!actAs(h, role).isEmpty());
        auto page = h.show<BudgetPage>(QSize(1200, 800));
        QVERIFY(page);

        auto *limit = child<MoneyEdit>(page.get(), "limitEdit");
        QVERIFY(limit);
        QCOMPARE(limit->isReadOnly(), !adult);
        QCOMPARE(offered(child<QPushButton>(page.get(), "saveLimitButton"), page.get()), adult);
        bool noteShown = false;
        const auto labels = page->findChildren<QLabel *>();
        for (const QLabel *label : labels)
            noteShown = noteShown || (label->isVisibleTo(page.get()) && label->text().contains(QStringLiteral("Only adults can change the limit")));
        QCOMPARE(noteShown, !adult);
        QVERIFY(offered(child<QPushButton>(page.get(), "addTransactionButton"), page.get()));

        // A transaction selected: Edit / Delete (buttons and keys) only for an adult.
        const QString id = h.data->budget.records().value(0).id;
        QVERIFY(!id.isEmpty());
        QVERIFY(page->selectTransaction(id));
        QCOMPARE(offered(child<QToolButton>(page.get(), "editTransactionButton"), page.get()), adult);
        QCOMPARE(offered(child<QToolButton>(page.get(), "deleteTransactionButton"), page.get()), adult);
        h.confirmer.answer = true;
        page->transactionsView()->setFocus();
        QTest::keyClick(page->transactionsView(), Qt::Key_Delete);
        QCOMPARE(h.confirmer.asked, adult ? 1 : 0);
        QCOMPARE(h.data->budget.find(id).has_value(), !adult);
    }

    void goals_data() { budget_data(); }

    void goals()
    {
        QFETCH(QString, role);
        QFETCH(bool, adult);
        test::PageHarness h(true);
        QVERIFY(h.isValid());
        QVERIFY(!actAs(h, role).isEmpty());
        auto page = h.show<GoalsPage>(QSize(1200, 800));
        QVERIFY(page);

        QCOMPARE(offered(buttonWithAction(page.get(), "newGoal"), page.get()), adult);
        const QStringList ids = page->shownIds();
        QVERIFY(!ids.isEmpty());
        for (const QString &id : ids) {
            QFrame *card = page->cardFor(id);
            QVERIFY(card);
            QVERIFY(offered(buttonWithAction(card, "addMoney"), page.get()));
            QCOMPARE(offered(child<QToolButton>(card, "editGoalButton"), page.get()), adult);
            QCOMPARE(offered(child<QToolButton>(card, "deleteGoalButton"), page.get()), adult);
        }
        // The Delete key on a card is not a way around it.
        h.confirmer.answer = true;
        QFrame *first = page->cardFor(ids.first());
        first->setFocus();
        QTest::keyClick(first, Qt::Key_Delete);
        QCOMPARE(h.confirmer.asked, adult ? 1 : 0);
        QCOMPARE(h.data->goals.find(ids.first()).has_value(), !adult);
    }

    void board_data() { budget_data(); }

    void board()
    {
        QFETCH(QString, role);
        QFETCH(bool, adult);
        test::PageHarness h(true);
        QVERIFY(h.isValid());
        QVERIFY(!actAs(h, role).isEmpty());
        auto page = h.show<BoardPage>(QSize(1200, 800));
        QVERIFY(page);

        QCOMPARE(offered(page->addColumnButton(), page.get()), adult);
        QCOMPARE(page->clearDoneButton()->isVisibleTo(page.get()), adult);
        QVERIFY(offered(child<QPushButton>(page.get(), "addItem"), page.get()));

        QVERIFY(!page->columnViews().isEmpty());
        BoardColumnView *column = page->columnViews().first();
        const QStringList menu = visibleActionTexts(column->menu());
        QCOMPARE(menu.contains(QStringLiteral("Rename")), adult);
        QCOMPARE(menu.contains(QStringLiteral("Delete column…")), adult);
        QCOMPARE(menu.contains(QStringLiteral("Move right")), adult);
        QVERIFY(menu.contains(QStringLiteral("Add with details…")));
        QCOMPARE(column->menuButton()->isVisibleTo(page.get()), adult);
        QVERIFY(offered(column->quickAdd(), page.get()));

        // Adding and ticking stay; the Delete key deletes a card only for an adult.
        const int before = h.data->cards.rowCount();
        column->quickAdd()->setFocus();
        QTest::keyClicks(column->quickAdd(), QStringLiteral("Oat milk"));
        QTest::keyClick(column->quickAdd(), Qt::Key_Return);
        QTRY_COMPARE(h.data->cards.rowCount(), before + 1);
        const QString cardId = column->cardIdAt(column->proxy()->rowCount() - 1);
        QVERIFY(!cardId.isEmpty());
        column->selectCard(cardId);
        QTest::keyClick(column->list(), Qt::Key_Space);
        QVERIFY(h.data->cards.find(cardId)->done);
        // Ticked is in Done; the Delete key there.
        BoardColumnView *doneColumn = page->columnView(h.data->columns.doneColumnId());
        QVERIFY(doneColumn);
        doneColumn->selectCard(cardId);
        QTest::keyClick(doneColumn->list(), Qt::Key_Delete);
        QCOMPARE(h.data->cards.find(cardId).has_value(), !adult);
        QCOMPARE(column->deleteCard(column->proxy()->index(0, 0)), adult);

        // Clear done and New column are no way around it either.
        const int columns = h.data->columns.rowCount();
        QCOMPARE(page->addColumn(QStringLiteral("Later")), adult);
        QCOMPARE(h.data->columns.rowCount(), columns + (adult ? 1 : 0));
        if (!adult)
            QCOMPARE(page->clearDone(), 0);
    }

    void household_data() { budget_data(); }

    void household()
    {
        QFETCH(QString, role);
        QFETCH(bool, adult);
        test::PageHarness h(true);
        QVERIFY(h.isValid());
        QVERIFY(!actAs(h, role).isEmpty());
        qApp->setStyleSheet(Theme::styleSheet());
        HouseholdPage page(*h.data, h.history, h.confirmer, nullptr);
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        auto *name = child<QLineEdit>(&page, "householdNameEdit");
        QVERIFY(name);
        QCOMPARE(name->isReadOnly(), !adult);
        QCOMPARE(name->text(), h.data->household.household().name); // shown either way
        auto *currency = child<QComboBox>(&page, "currencyCombo");
        QVERIFY(currency->isVisibleTo(&page));
        QCOMPARE(currency->isEnabled(), adult);
        QCOMPARE(currency->currentText(), h.data->household.household().currency);
        QCOMPARE(offered(child<QPushButton>(&page, "addMemberButton"), &page), adult);
        QCOMPARE(offered(child<QLineEdit>(&page, "memberNameEdit"), &page), adult);
        QVERIFY(child<QWidget>(&page, "membersView")->isVisibleTo(&page));
        QCOMPARE(child<QPushButton>(&page, "removeMemberButton")->isVisibleTo(&page), adult);
    }

    // The role is followed live: an adult whose role becomes "child" (and back) sees the pages change.
    void followsRoleChanges()
    {
        test::PageHarness h(true);
        QVERIFY(h.isValid());
        const QString sam = actAs(h, QStringLiteral("adult"));
        QVERIFY(!sam.isEmpty());
        auto budget = h.show<BudgetPage>(QSize(1200, 800));
        QVERIFY(budget);
        auto *limit = child<MoneyEdit>(budget.get(), "limitEdit");
        QVERIFY(!limit->isReadOnly());

        const Mutation toChild{{}, Collection::Members, MutationOp::Update, sam, -1, {{QStringLiteral("role"), QStringLiteral("child")}}};
        QVERIFY(h.data->members.apply(toChild).ok);
        QVERIFY(limit->isReadOnly());
        QVERIFY(!child<QPushButton>(budget.get(), "saveLimitButton")->isVisibleTo(budget.get()));
        QVERIFY(!child<QToolButton>(budget.get(), "deleteTransactionButton")->isVisibleTo(budget.get()));

        // Back to adult — by another adult (the owner), as the host would apply it for a remote member.
        QString owner;
        for (const Member &m : h.data->members.records()) {
            if (m.id != sam && m.role == QLatin1String("adult"))
                owner = m.id;
        }
        QVERIFY(!owner.isEmpty());
        const Mutation toAdult{{}, Collection::Members, MutationOp::Update, sam, -1, {{QStringLiteral("role"), QStringLiteral("adult")}}};
        QVERIFY(h.household.engine().submitAs(toAdult, owner).ok);
        QTRY_VERIFY(!limit->isReadOnly());
        QVERIFY(child<QToolButton>(budget.get(), "deleteTransactionButton")->isVisibleTo(budget.get()));
    }

    // The kitchen display: picking a child (HouseholdSession::actAs) takes the adult's actions
    // away at once, and picking an adult again gives them back.
    void followsThePickedMember()
    {
        test::PageHarness h(true);
        QVERIFY(h.isValid());
        const QString adult = h.household.engine().actingMemberId();
        const MutationResult mia = h.data->members.apply(h.data->members.addMutation(QStringLiteral("Mia"), QStringLiteral("child")));
        QVERIFY(mia.ok);
        auto budget = h.show<BudgetPage>(QSize(1200, 800));
        QVERIFY(budget);
        auto *limit = child<MoneyEdit>(budget.get(), "limitEdit");
        QVERIFY(!limit->isReadOnly());
        h.household.engine().setActingMemberId(mia.entityId);
        QVERIFY(limit->isReadOnly());
        QVERIFY(!child<QPushButton>(budget.get(), "saveLimitButton")->isVisibleTo(budget.get()));
        h.household.engine().setActingMemberId(adult);
        QVERIFY(!limit->isReadOnly());
    }
};

QTEST_MAIN(TestRoles)
#include "tst_roles.moc"
