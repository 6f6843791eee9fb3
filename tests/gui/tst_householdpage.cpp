// The Household page on a joined copy whose household arrives after the page was built (as with a
// household made by `hearthd household create`): the name field shows the name once the household
// row arrives, and leaving the field does not try to rename the household to nothing.

#include "EditHistory.h"
#include "HouseholdData.h"
#include "HouseholdPage.h"
#include "ReplicaEngine.h"
#include "ScriptedConfirmer.h"
#include "Store.h"
#include "TestSupport.h"
#include "Theme.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace hearth;

class TestHouseholdPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nameArrivingAfterThePageIsShown();
};

void TestHouseholdPage::nameArrivingAfterThePageIsShown()
{
    QTemporaryDir dir;
    QString error;
    auto store = Store::open(dir.filePath(QStringLiteral("hearth.db")), &error);
    QVERIFY2(store, qPrintable(error));
    test::FakeClock clock;
    const QString householdId = QStringLiteral("hh-from-hearthd");
    ReplicaEngine replica(*store, clock, householdId, QStringLiteral("member-maria"));
    HouseholdData data(replica, clock);
    data.load();
    QUndoStack undo;
    EditHistory history(undo);
    test::ScriptedConfirmer confirmer;
    qApp->setStyleSheet(Theme::styleSheet());
    HouseholdPage page(data, history, confirmer, nullptr);
    auto *elsewhere = new QLineEdit(&page); // somewhere for the focus to go
    page.resize(1024, 600);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));

    // The household as the host sends it: its first event.
    QVERIFY(replica.applyRemote(Change{Collection::Household, ChangeAction::Created, householdId,
                                       {{QStringLiteral("id"), householdId},
                                        {QStringLiteral("name"), QStringLiteral("The Garcia household")},
                                        {QStringLiteral("currency"), QStringLiteral("EUR")},
                                        {QStringLiteral("budget_limit_cents"), 60000},
                                        {QStringLiteral("point_rate_cents"), 10}},
                                       1, 1, {}, {}, {}}));
    QCOMPARE(data.household.household().name, QStringLiteral("The Garcia household"));

    auto *name = page.findChild<QLineEdit *>(QStringLiteral("householdNameEdit"));
    QVERIFY(name);
    QCOMPARE(name->text(), QStringLiteral("The Garcia household"));

    // Passing through the field and leaving it changes nothing and shows no error.
    name->setFocus();
    QTRY_VERIFY(name->hasFocus());
    elsewhere->setFocus();
    QTRY_VERIFY(elsewhere->hasFocus());
    for (QLabel *label : page.findChildren<QLabel *>(QStringLiteral("fieldError")))
        QVERIFY2(label->isHidden() || label->text().isEmpty(), qPrintable(label->text()));
    QCOMPARE(data.household.household().name, QStringLiteral("The Garcia household"));
    QCOMPARE(replica.outboxSize(), 0);
}

QTEST_MAIN(TestHouseholdPage)
#include "tst_householdpage.moc"
