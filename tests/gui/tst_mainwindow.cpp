// The window as a whole: navigation, shortcuts, remembering itself, the dashboard opening pages,
// and the household page's edits with undo.

#include "ConnectionStatus.h"
#include "PantryPage.h"
#include "HouseholdPage.h"
#include "GoalsPage.h"
#include "BudgetPage.h"
#include "BoardPage.h"
#include "Confirmer.h"
#include "DashboardPage.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "MainWindow.h"
#include "ScriptedConfirmer.h"
#include "TestSupport.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QTest>
#include <QUndoStack>

using namespace hearth;

namespace {
using AnswerYes = hearth::test::ScriptedConfirmer;
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    struct Fixture
    {
        test::TempHousehold household{true};
        HouseholdData data{household.engine(), household.clock};
        QUndoStack undo;
        EditHistory history{undo};
        AnswerYes confirmer;
        ConnectionStatus connection;
        QSettings settings{household.dir() + QStringLiteral("/hearth.ini"), QSettings::IniFormat};

        Fixture() { data.load(); }
        std::unique_ptr<MainWindow> window()
        {
            auto w = std::make_unique<MainWindow>(data, history, confirmer, connection, settings);
            w->restoreState();
            w->show();
            return w;
        }
    };

private Q_SLOTS:
    void opensOnTheDashboard()
    {
        Fixture f;
        auto w = f.window();
        QCOMPARE(w->currentPage(), DashboardPage::kId);
        QVERIFY(w->windowTitle().contains(QLatin1String("Hearth")));
        QVERIFY(w->dashboard()->cardText(PantryPage::kId).contains(QLatin1String("36")));
    }

    void rememberesSizeAndLastPage()
    {
        Fixture f;
        QSize chosen;
        {
            auto w = f.window();
            // A size the pages allow but not the first-start default.
            chosen = w->minimumSizeHint().expandedTo(QSize(0, 0)) + QSize(37, 23);
            w->resize(chosen);
            QCOMPARE(w->size(), chosen);
            w->showPage(GoalsPage::kId);
            w->close();
        }
        auto again = f.window();
        QCOMPARE(again->currentPage(), GoalsPage::kId);
        QCOMPARE(again->size(), chosen);
    }

    // The rail, the View menu and its shortcuts, and the remembered page all come from the page
    // registrations: each registered page is there, in order, and Ctrl+<n> opens the n-th.
    void everyRegisteredPageIsInTheRailTheViewMenuAndItsShortcut()
    {
        Fixture f;
        auto w = f.window();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        const QList<PageRegistration> &pages = pageRegistrations();
        QVERIFY(pages.size() >= 6);
        auto *rail = w->findChild<QListWidget *>(QStringLiteral("navigationRail"));
        QVERIFY(rail);
        QCOMPARE(rail->count(), pages.size());
        QSet<QString> ids;
        for (int i = 0; i < pages.size(); ++i) {
            const PageRegistration &registration = pages.at(i);
            QVERIFY2(!ids.contains(registration.id), qPrintable(registration.id)); // ids are unique
            ids.insert(registration.id);
            QCOMPARE(rail->item(i)->text(), registration.translatedTitle());
            QVERIFY(w->page(registration.id));
            if (i < 9) {
                QTest::keyClick(w.get(), Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
                QCOMPARE(w->currentPage(), registration.id);
                QVERIFY(w->page(registration.id)->isVisible());
            }
        }
        // An id no page has (or the row number older versions remembered) opens the dashboard.
        f.settings.setValue(QStringLiteral("window/page"), 3);
        auto again = f.window();
        QCOMPARE(again->currentPage(), DashboardPage::kId);
    }

    void ctrlNumberSwitchesPages()
    {
        Fixture f;
        auto w = f.window();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        // Ctrl+<n> opens the n-th registered page, wherever a page sits in the rail.
        const auto shortcutOf = [](const QString &id) {
            const QList<PageRegistration> &pages = pageRegistrations();
            for (int i = 0; i < pages.size(); ++i) {
                if (pages.at(i).id == id)
                    return Qt::Key(Qt::Key_1 + i);
            }
            return Qt::Key_unknown;
        };
        QTest::keyClick(w.get(), shortcutOf(BoardPage::kId), Qt::ControlModifier);
        QCOMPARE(w->currentPage(), BoardPage::kId);
        QTest::keyClick(w.get(), shortcutOf(HouseholdPage::kId), Qt::ControlModifier);
        QCOMPARE(w->currentPage(), HouseholdPage::kId);
        QTest::keyClick(w.get(), Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(w->currentPage(), DashboardPage::kId);
    }

    void dashboardCardOpensItsPage()
    {
        Fixture f;
        auto w = f.window();
        const auto cards = w->dashboard()->findChildren<QFrame *>(QStringLiteral("card"));
        QFrame *budget = nullptr;
        for (QFrame *card : cards)
            if (card->property("page").toString() == BudgetPage::kId)
                budget = card;
        QVERIFY(budget);
        QTest::mouseClick(budget, Qt::LeftButton);
        QCOMPARE(w->currentPage(), BudgetPage::kId);

        w->showPage(DashboardPage::kId);
        QFrame *pantry = nullptr;
        for (QFrame *card : cards)
            if (card->property("page").toString() == PantryPage::kId)
                pantry = card;
        pantry->setFocus();
        QTest::keyClick(pantry, Qt::Key_Return);
        QCOMPARE(w->currentPage(), PantryPage::kId);
    }

    void renamingTheHouseholdIsUndoable()
    {
        Fixture f;
        auto w = f.window();
        w->showPage(HouseholdPage::kId);
        auto *name = w->findChild<QLineEdit *>(QStringLiteral("householdNameEdit"));
        QVERIFY(name);
        const QString before = f.data.household.household().name;
        name->setFocus();
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("The Okafors"));
        QTest::keyClick(name, Qt::Key_Return);
        QCOMPARE(f.data.household.household().name, QStringLiteral("The Okafors"));
        QTRY_VERIFY(w->windowTitle().startsWith(QLatin1String("The Okafors")));

        f.undo.undo();
        QCOMPARE(f.data.household.household().name, before);
        f.undo.redo();
        QCOMPARE(f.data.household.household().name, QStringLiteral("The Okafors"));
    }

    void emptyHouseholdNameIsRefusedInWords()
    {
        Fixture f;
        auto w = f.window();
        w->showPage(HouseholdPage::kId);
        auto *name = w->findChild<QLineEdit *>(QStringLiteral("householdNameEdit"));
        const QString before = f.data.household.household().name;
        name->setFocus();
        name->clear();
        QTest::keyClick(name, Qt::Key_Return);
        QCOMPARE(f.data.household.household().name, before);
        QLabel *error = nullptr;
        for (QLabel *label : w->findChildren<QLabel *>(QStringLiteral("fieldError")))
            if (label->isVisible())
                error = label;
        QVERIFY(error);
        QVERIFY(error->text().contains(QLatin1String("name")));
    }

    void addingAMemberShowsThemInTheList()
    {
        Fixture f;
        auto w = f.window();
        w->showPage(HouseholdPage::kId);
        const int before = f.data.members.rowCount();
        auto *name = w->findChild<QLineEdit *>(QStringLiteral("memberNameEdit"));
        auto *role = w->findChild<QComboBox *>(QStringLiteral("memberRoleCombo"));
        role->setCurrentIndex(1);
        QTest::keyClicks(name, QStringLiteral("Noor"));
        QTest::mouseClick(w->findChild<QPushButton *>(QStringLiteral("addMemberButton")), Qt::LeftButton);
        QCOMPARE(f.data.members.rowCount(), before + 1);
        const Member noor = f.data.members.at(before);
        QCOMPARE(noor.name, QStringLiteral("Noor"));
        QCOMPARE(noor.role, QStringLiteral("child"));
        QVERIFY(name->text().isEmpty());
    }

    void currencyChangeReachesTheDashboard()
    {
        Fixture f;
        auto w = f.window();
        w->showPage(HouseholdPage::kId);
        auto *currency = w->findChild<QComboBox *>(QStringLiteral("currencyCombo"));
        const int gbp = currency->findText(QStringLiteral("GBP"));
        currency->setCurrentIndex(gbp);
        Q_EMIT currency->activated(gbp);
        QCOMPARE(f.data.currency(), QStringLiteral("GBP"));
        QTRY_VERIFY(w->dashboard()->cardText(BudgetPage::kId).contains(QStringLiteral("£")));
    }

    void statusBarShowsThisDeviceOnly()
    {
        Fixture f;
        auto w = f.window();
        QVERIFY(w->findChild<QWidget *>(QStringLiteral("connectionIndicator")));
        const auto labels = w->findChild<QWidget *>(QStringLiteral("connectionIndicator"))->findChildren<QLabel *>();
        QVERIFY(!labels.isEmpty());
        QVERIFY(labels.first()->text().contains(ConnectionStatus::stateText(ConnectionStatus::State::Local)));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
