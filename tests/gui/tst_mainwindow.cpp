// The window as a whole: navigation, shortcuts, remembering itself, the dashboard opening pages,
// the household page's edits with undo, what the status bar says after an edit, undo or redo
// (online and offline, against a real host), who this device acts as, the connection indicator's
// menu, the warning when quitting while hosting, and the rail that folds to icons.

#include "AuthoritativeEngine.h"
#include "ConnectionIndicator.h"
#include "ConnectionStatus.h"
#include "ReplicaEngine.h"
#include "SyncService.h"
#include "SyncTestSupport.h"
#include "PantryPage.h"
#include "HouseholdPage.h"
#include "GoalsPage.h"
#include "BudgetPage.h"
#include "DashboardPage.h"
#include "BoardPage.h"
#include "Confirmer.h"
#include "DashboardPage.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "MainWindow.h"
#include "ScriptedConfirmer.h"
#include "TestSupport.h"
#include "Translations.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QStatusBar>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace hearth;

namespace {
using AnswerYes = hearth::test::ScriptedConfirmer;

QJsonObject pantryItem(const QString &name)
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("quantity"), 1}, {QStringLiteral("unit"), QStringLiteral("pcs")}};
}

MutationResult addToPantry(HouseholdData &data, EditHistory &history, const QString &name)
{
    return history.apply(data.pantry, Mutation{{}, Collection::Pantry, MutationOp::Create, {}, -1, pantryItem(name)},
                         QStringLiteral("Add %1").arg(name));
}
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
    void initTestCase()
    {
        installTranslations(*QCoreApplication::instance()); // English plural forms, as the app has them
    }

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
            QCOMPARE(rail->item(i)->toolTip(), registration.translatedTitle());
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

    // An undo shows the page of what it changed: every collection, including one added later,
    // must be claimed by exactly one page's registration.
    void everyCollectionBelongsToOnePage()
    {
        for (Collection collection : allCollections()) {
            int claims = 0;
            for (const PageRegistration &page : pageRegistrations())
                claims += int(page.collections.count(collection));
            QVERIFY2(claims == 1, qPrintable(QStringLiteral("%1 is claimed by %2 pages").arg(collectionName(collection)).arg(claims)));
            QVERIFY(pageIdForCollection(collection) != DashboardPage::kId);
        }
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

    // Ctrl+Z says what it took back ("Undone: …"), not "Saved: <the step before>", and opens the
    // page that changed; Ctrl+Shift+Z likewise ("Redone: …").
    void undoAndRedoSayWhatTheyDidAndShowThePage()
    {
        Fixture f;
        auto w = f.window();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        w->showPage(PantryPage::kId);
        QVERIFY(addToPantry(f.data, f.history, QStringLiteral("Milk")).ok);
        QVERIFY(addToPantry(f.data, f.history, QStringLiteral("Eggs")).ok);
        QCOMPARE(w->statusBar()->currentMessage(), QStringLiteral("Saved: Add Eggs"));

        w->showPage(GoalsPage::kId);
        QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(w->statusBar()->currentMessage(), QStringLiteral("Undone: Add Eggs"));
        QCOMPARE(w->currentPage(), PantryPage::kId);

        w->showPage(GoalsPage::kId);
        QTest::keyClick(w.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(w->statusBar()->currentMessage(), QStringLiteral("Redone: Add Eggs"));
        QCOMPARE(w->currentPage(), PantryPage::kId);

        // An undo that cannot be applied keeps its explanation, not "Undone".
        const QString eggs = f.data.pantry.idAt(f.data.pantry.rowCount() - 1);
        QVERIFY(f.data.pantry.remove(eggs).ok); // gone behind the history's back (as another device would)
        f.undo.undo();
        QVERIFY(!w->statusBar()->currentMessage().startsWith(QLatin1String("Undone")));
    }

    // "You: <name>" in the status bar, following a rename and a change of who this device acts as.
    void statusBarSaysWhoThisDeviceActsAs()
    {
        Fixture f;
        auto w = f.window();
        const QString me = f.household.engine().actingMemberId();
        const QString myName = f.data.members.nameOf(me);
        QVERIFY(!myName.isEmpty());
        auto *identity = w->findChild<QLabel *>(QStringLiteral("identityLabel"));
        QVERIFY(identity && identity->isVisible());
        QCOMPARE(identity->text(), QStringLiteral("You: %1").arg(myName));

        QVERIFY(f.history.apply(f.data.members, Mutation{{}, Collection::Members, MutationOp::Update, me, -1,
                                                          {{QStringLiteral("name"), QStringLiteral("Jordan")}}},
                                QStringLiteral("Rename")).ok);
        QTRY_COMPARE(w->identityText(), QStringLiteral("You: Jordan"));

        QString other;
        for (int row = 0; row < f.data.members.rowCount(); ++row)
            if (f.data.members.at(row).id != me)
                other = f.data.members.at(row).id;
        QVERIFY(!other.isEmpty());
        f.household.engine().setActingMemberId(other);
        QCOMPARE(w->identityText(), QStringLiteral("You: %1").arg(f.data.members.nameOf(other)));
    }

    // A click on the status bar's connection indicator opens the sharing actions.
    void clickingTheConnectionIndicatorOpensTheSharingActions()
    {
        Fixture f;
        auto w = f.window();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        auto *menu = w->findChild<QMenu *>(QStringLiteral("sharingMenu"));
        QVERIFY(menu);
        QVERIFY(!menu->isVisible());
        QTest::mouseClick(w->connectionIndicator(), Qt::LeftButton, {}, w->connectionIndicator()->rect().center());
        QTRY_VERIFY(menu->isVisible());
        const auto hostAction = w->findChild<QAction *>(QStringLiteral("hostAction"));
        QVERIFY(menu->actions().contains(hostAction) && hostAction->isVisible());
        menu->close();
        // And from the keyboard.
        w->connectionIndicator()->setFocus();
        QTest::keyClick(w->connectionIndicator(), Qt::Key_Space);
        QTRY_VERIFY(menu->isVisible());
        menu->close();
    }

    // Quitting while hosting asks first: the other devices stop syncing. Alone, nothing is asked.
    void quittingWhileHostingWarnsThatTheOthersStopSyncing()
    {
        Fixture f;
        auto w = f.window();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        w->setSharing(MainWindow::Sharing::Hosting);
        f.confirmer.answer = false;
        QVERIFY(!w->close());
        QVERIFY(w->isVisible());
        QCOMPARE(f.confirmer.asked, 1);
        QVERIFY2(f.confirmer.lastQuestion.contains(QLatin1String("stop syncing")), qPrintable(f.confirmer.lastQuestion));
        f.confirmer.answer = true;
        QVERIFY(w->close());
        QCOMPARE(f.confirmer.asked, 2);

        auto alone = f.window();
        QVERIFY(alone->close());
        QCOMPARE(f.confirmer.asked, 2);
    }

    // A joined device on a full disk: a warning over the pages counts the edits kept in memory as
    // it changes and goes once they are saved; "Try Again" asks for a save now; quitting with
    // edits held asks first, and no (the default) keeps the window open.
    void fullDiskWarnsAndAsksBeforeQuitting()
    {
        Fixture f;
        auto w = f.window();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QVERIFY(w->storageBannerText().isEmpty());
        f.connection.setStorage(true, 2);
        QVERIFY2(w->storageBannerText().contains(QLatin1String("Your disk is full")), qPrintable(w->storageBannerText()));
        QVERIFY2(w->storageBannerText().contains(QLatin1String("2 changes you made are kept in memory")), qPrintable(w->storageBannerText()));
        QVERIFY(w->bannerText().isEmpty()); // the other warning's place is its own
        f.connection.setStorage(true, 1);
        QVERIFY2(w->storageBannerText().contains(QLatin1String("1 change you made is kept")), qPrintable(w->storageBannerText()));

        auto *banner = w->findChild<QFrame *>(QStringLiteral("storageBanner"));
        QVERIFY(banner);
        QVERIFY(!banner->findChild<QPushButton *>(QStringLiteral("bannerCloseButton"))); // it goes when saved, not before
        auto *tryAgain = banner->findChild<QPushButton *>(QStringLiteral("bannerActionButton"));
        QVERIFY(tryAgain && tryAgain->isVisible());
        QSignalSpy saveNow(w.get(), &MainWindow::saveHeldRequested);
        tryAgain->setFocus();
        QTest::keyClick(tryAgain, Qt::Key_Space);
        QCOMPARE(saveNow.count(), 1);

        f.confirmer.answer = false;
        QVERIFY(!w->close());
        QVERIFY(w->isVisible());
        QCOMPARE(f.confirmer.asked, 1);
        QVERIFY2(f.confirmer.lastQuestion.contains(QLatin1String("1 change could not be saved because the disk is full")),
                 qPrintable(f.confirmer.lastQuestion));

        // Only the host's events held: nothing of the user's to lose.
        f.connection.setStorage(true, 0);
        QVERIFY2(w->storageBannerText().contains(QLatin1String("Changes from others")), qPrintable(w->storageBannerText()));
        f.connection.setStorage(false, 0);
        QVERIFY(w->storageBannerText().isEmpty());
        QVERIFY(w->close());
        QCOMPARE(f.confirmer.asked, 1);
    }

    // Size and page are written shortly after they change, without waiting for a clean close
    // (a logout or SIGTERM gives none; tst_commandline sends the real SIGTERM).
    void sizeAndPageAreSavedAsTheyChange()
    {
        Fixture f;
        auto w = f.window();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        w->resize(1100, 700);
        w->showPage(BudgetPage::kId);
        QTRY_COMPARE(f.settings.value(QStringLiteral("window/page")).toString(), BudgetPage::kId);
        QSettings fromDisk(f.settings.fileName(), QSettings::IniFormat);
        QCOMPARE(fromDisk.value(QStringLiteral("window/page")).toString(), BudgetPage::kId);
        QVERIFY(!fromDisk.value(QStringLiteral("window/geometry")).toByteArray().isEmpty());

        // And when the desktop session asks the app to save (logout).
        w->showPage(GoalsPage::kId);
        f.settings.setValue(QStringLiteral("window/page"), QString());
        w->saveState();
        QCOMPARE(f.settings.value(QStringLiteral("window/page")).toString(), GoalsPage::kId);
    }

    // Below 1200 px the rail is icons only (names in tooltips); above it, names again. The window
    // itself fits a 1024×600 tablet.
    void railFoldsToIconsOnANarrowWindow()
    {
        Fixture f;
        auto w = f.window();
        auto *rail = w->findChild<QListWidget *>(QStringLiteral("navigationRail"));
        const QList<PageRegistration> &pages = pageRegistrations();

        w->resize(1366, 768);
        QVERIFY(!w->isRailCollapsed());
        QTRY_VERIFY(rail->width() >= 20 * 8); // the names fit
        for (int i = 0; i < rail->count(); ++i)
            QCOMPARE(rail->item(i)->text(), pages.at(i).translatedTitle());

        w->resize(1024, 600);
        QVERIFY(w->isRailCollapsed());
        const QSize smallest = w->minimumSizeHint().expandedTo(w->minimumSize());
        QVERIFY2(smallest.width() <= 1024 && smallest.height() <= 600,
                 qPrintable(QStringLiteral("%1×%2").arg(smallest.width()).arg(smallest.height())));
        QCOMPARE(w->size(), QSize(1024, 600));
        QTRY_VERIFY(rail->width() <= 8 * 8); // an icon's width and its margins
        for (int i = 0; i < rail->count(); ++i) {
            QVERIFY(rail->item(i)->text().isEmpty());
            QCOMPARE(rail->item(i)->toolTip(), pages.at(i).translatedTitle());
            QVERIFY(!rail->item(i)->icon().isNull());
        }
        QVERIFY(rail->iconSize().width() <= rail->width());

        w->resize(MainWindow::kRailCollapsesBelowWidth, 768);
        QVERIFY(!w->isRailCollapsed());
        QCOMPARE(rail->item(0)->text(), pages.at(0).translatedTitle());
    }

    // Offline, an edit is on this device only: the status bar says how many changes wait to be
    // sent, and the connection indicator shows the count until the host acknowledges them. A real
    // host on loopback, reached through a proxy the test cuts.
    void offlineEditsSayTheyAreWaitingToBeSent()
    {
        test::TestHost host;
        QVERIFY2(host.isValid(), qPrintable(host.error()));
        test::TestProxy proxy(host.port());
        QVERIFY(proxy.listen());
        QString memberId;
        const QString token = host.token(QStringLiteral("Jordan"), &memberId);
        QTemporaryDir dir;
        QString error;
        auto store = Store::open(dir.filePath(QStringLiteral("device.db")), &error);
        QVERIFY2(store, qPrintable(error));
        QVERIFY(ReplicaEngine::saveLink(*store, host.householdId(), {proxy.url().toString(), memberId, token, 0}));
        test::FakeClock clock;
        ReplicaEngine replica(*store, clock, host.householdId(), memberId);
        HouseholdData data(replica, clock);
        data.load();
        ConnectionStatus status;
        SyncOptions options;
        options.backoff = {std::chrono::milliseconds(10), std::chrono::milliseconds(20), std::chrono::milliseconds(50)};
        options.random = [] { return 1.0; };
        SyncService sync(replica, status, proxy.url(), SyncCredentials{token, {}, {}}, options);
        QUndoStack undo;
        EditHistory history(undo);
        AnswerYes confirmer;
        QSettings settings(dir.filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat);
        MainWindow w(data, history, confirmer, status, settings);
        w.resize(1366, 768);
        w.show();
        sync.start();
        QTRY_COMPARE(status.state(), ConnectionStatus::State::Connected);
        QTRY_COMPARE(w.identityText(), QStringLiteral("You: Jordan")); // a joined device too

        // Online, an edit is simply saved (and sent at once).
        QVERIFY(addToPantry(data, history, QStringLiteral("Milk")).ok);
        QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("Saved: Add Milk"));
        QTRY_COMPARE(status.pendingChanges(), 0);

        proxy.setAccepting(false);
        proxy.dropAll();
        QTRY_VERIFY(status.state() != ConnectionStatus::State::Connected);
        for (const char *name : {"Eggs", "Bread", "Tea"})
            QVERIFY(addToPantry(data, history, QString::fromLatin1(name)).ok);
        QCOMPARE(w.statusBar()->currentMessage(),
                 QStringLiteral("Add Tea — saved on this device, 3 changes waiting to send"));
        QVERIFY2(w.connectionIndicator()->text().contains(QLatin1String("3 waiting to send")),
                 qPrintable(w.connectionIndicator()->text()));
        QVERIFY(w.connectionIndicator()->toolTip().contains(QLatin1String("3 changes")));
        // An undo offline is one more change waiting.
        undo.undo();
        QCOMPARE(w.statusBar()->currentMessage(),
                 QStringLiteral("Undone: Add Tea — saved on this device, 4 changes waiting to send"));
        QVERIFY(w.connectionIndicator()->text().contains(QLatin1String("4 waiting to send")));

        // Back online: the host acknowledges them and the count goes away.
        proxy.setAccepting(true);
        QTRY_COMPARE(status.state(), ConnectionStatus::State::Connected);
        QTRY_COMPARE(status.pendingChanges(), 0);
        QVERIFY(!w.connectionIndicator()->text().contains(QLatin1String("waiting")));
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
