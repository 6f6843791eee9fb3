// The goals page on a real household store, driven through its widgets: the empty state, adding a
// goal through the real dialog (inline validation keeps it open), "Add money" moving progress and
// status (behind -> on track -> reached), undoing a contribution, editing by keyboard, deleting.

#include "Confirmer.h"
#include "EditHistory.h"
#include "GoalDialog.h"
#include "GoalsPage.h"
#include "HouseholdData.h"
#include "MeterBar.h"
#include "Money.h"
#include "MoneyEdit.h"
#include "PageHarness.h"
#include "ScriptedConfirmer.h"
#include "TestSupport.h"
#include "Theme.h"

#include <QApplication>
#include <QDateEdit>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include <memory>

using namespace hearth;

namespace {

using TestConfirmer = hearth::test::ScriptedConfirmer;

QString eur(qint64 cents)
{
    return Money::format(cents, QStringLiteral("EUR"));
}

} // namespace

class TestGoalsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void cleanup();

    void emptyStateSaysWhatToDo();
    void addGoalThroughDialog();
    void invalidGoalKeepsDialogOpen_data();
    void invalidGoalKeepsDialogOpen();
    void contributionMovesProgressAndStatus();
    void undoContribution();
    void cannotTakeOutMoreThanSaved();
    void statusOfEachGoal_data();
    void statusOfEachGoal();
    void editByKeyboard();
    void deleteAsksAndIsUndoable();

private:
    void start();
    QString addGoal(const QString &name, qint64 target, qint64 saved, const QDate &startedOn, const QDate &targetDate);
    template <typename Dialog>
    Dialog *openDialog() const
    {
        const QList<Dialog *> dialogs = m_page->findChildren<Dialog *>();
        for (Dialog *d : dialogs) {
            if (d->isVisible())
                return d;
        }
        return nullptr;
    }
    template <typename T>
    T *inCard(const QString &id, const QString &objectName) const
    {
        QFrame *card = m_page->cardFor(id);
        return card ? card->findChild<T *>(objectName) : nullptr;
    }
    QPushButton *addMoneyButton(const QString &id) const;
    QString statusOf(const QString &id) const { return inCard<QLabel>(id, QStringLiteral("goalStatus"))->text(); }
    QString adviceOf(const QString &id) const { return inCard<QLabel>(id, QStringLiteral("goalAdvice"))->text(); }
    int meterOf(const QString &id) const { return inCard<MeterBar>(id, QStringLiteral("goalMeter"))->value(); }
    void contribute(const QString &id, const QString &amount);
    static void retype(QLineEdit *edit, const QString &text);

    std::unique_ptr<test::PageHarness> m_harness;
    // Short names for the harness's parts, set by start().
    test::TempHousehold *m_household = nullptr;
    HouseholdData *m_data = nullptr;
    QUndoStack *m_stack = nullptr;
    EditHistory *m_history = nullptr;
    TestConfirmer *m_confirmer = nullptr;
    std::unique_ptr<GoalsPage> m_page;
};

void TestGoalsPage::start()
{
    m_harness = std::make_unique<test::PageHarness>();
    QVERIFY2(m_harness->isValid(), qPrintable(m_harness->household.error()));
    m_household = &m_harness->household;
    m_data = &*m_harness->data;
    m_stack = &m_harness->undo;
    m_history = &m_harness->history;
    m_confirmer = &m_harness->confirmer;
    m_page = m_harness->show<GoalsPage>(QSize(1100, 760));
    QVERIFY(m_page);
}

void TestGoalsPage::cleanup()
{
    m_page.reset();
    m_harness.reset();
}

QString TestGoalsPage::addGoal(const QString &name, qint64 target, qint64 saved, const QDate &startedOn,
                               const QDate &targetDate)
{
    Goal g;
    g.name = name;
    g.targetCents = target;
    g.savedCents = saved;
    g.startedOn = startedOn;
    g.targetDate = targetDate;
    const MutationResult r = m_household->engine().submit(Mutation{{}, Collection::Goals, MutationOp::Create, {}, -1, g.toFields()});
    if (!r.ok)
        qWarning("could not add a goal: %s", qPrintable(r.error.message));
    return r.entityId;
}

QPushButton *TestGoalsPage::addMoneyButton(const QString &id) const
{
    QFrame *card = m_page->cardFor(id);
    if (!card)
        return nullptr;
    for (QPushButton *b : card->findChildren<QPushButton *>()) {
        if (b->property("action").toString() == QLatin1String("addMoney"))
            return b;
    }
    return nullptr;
}

void TestGoalsPage::retype(QLineEdit *edit, const QString &text)
{
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

void TestGoalsPage::contribute(const QString &id, const QString &amount)
{
    QTRY_VERIFY(addMoneyButton(id));
    QTest::mouseClick(addMoneyButton(id), Qt::LeftButton);
    QPointer<ContributionDialog> dialog = openDialog<ContributionDialog>();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->amountEdit(), amount);
    QTest::keyClick(dialog->amountEdit(), Qt::Key_Return);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
}

void TestGoalsPage::emptyStateSaysWhatToDo()
{
    start();
    auto *empty = m_page->findChild<QLabel *>(QStringLiteral("emptyState"));
    QVERIFY(empty);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QLatin1String("No goals yet")));
    QVERIFY(m_page->shownIds().isEmpty());

    // The goal that arrives (from anyone) replaces the empty state.
    const QString id = addGoal(QStringLiteral("Rainy-day fund"), 100000, 0, QDate(2026, 3, 1), QDate(2026, 12, 1));
    QTRY_COMPARE(m_page->shownIds(), QStringList{id});
    QVERIFY(!empty->isVisible());
    QVERIFY(m_page->cardFor(id)->isVisible());
}

void TestGoalsPage::addGoalThroughDialog()
{
    start();
    m_page->addNew(); // Ctrl+N
    QPointer<GoalDialog> dialog = openDialog<GoalDialog>();
    QVERIFY(dialog);
    QCOMPARE(dialog->dateEdit()->date(), QDate(2026, 9, 15)); // six months ahead by default
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("New family bike"));
    QTest::keyClicks(dialog->targetEdit(), QStringLiteral("900"));
    retype(dialog->savedEdit(), QStringLiteral("210"));
    dialog->dateEdit()->setDate(QDate(2026, 9, 15));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());

    QCOMPARE(m_data->goals.rowCount(), 1);
    const Goal g = m_data->goals.at(0);
    QCOMPARE(g.name, QStringLiteral("New family bike"));
    QCOMPARE(g.targetCents, 90000);
    QCOMPARE(g.savedCents, 21000);
    QCOMPARE(g.startedOn, QDate(2026, 3, 15));
    QCOMPARE(m_stack->count(), 1);

    QTRY_COMPARE(m_page->shownIds(), QStringList{g.id});
    QCOMPARE(meterOf(g.id), 23); // 21000 * 100 / 90000, whole percent
    QCOMPARE(inCard<QLabel>(g.id, QStringLiteral("goalPercent"))->text(), QStringLiteral("23 %"));
    QCOMPARE(statusOf(g.id), QStringLiteral("On track")); // started today
    // 690.00 still to go over 6 months: 115.00 a month.
    QCOMPARE(m_data->goals.monthlyNeededCents(g), 11500);
    QCOMPARE(adviceOf(g.id), QStringLiteral("Save %1 per month to reach it.").arg(eur(11500)));
    QVERIFY(m_page->overviewText().contains(eur(21000)));
    QCOMPARE(m_page->focusWidget(), m_page->cardFor(g.id)); // the keyboard lands on the new goal
}

void TestGoalsPage::invalidGoalKeepsDialogOpen_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("saved");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    QTest::newRow("no name (engine)") << QString() << QStringLiteral("500") << QStringLiteral("0") << QStringLiteral("name")
                                      << QStringLiteral("Give the goal a name");
    QTest::newRow("no target") << QStringLiteral("Bike") << QString() << QStringLiteral("0") << QStringLiteral("target_cents")
                               << QStringLiteral("how much");
    QTest::newRow("target not an amount") << QStringLiteral("Bike") << QStringLiteral("a lot") << QStringLiteral("0")
                                          << QStringLiteral("target_cents") << QStringLiteral("not an amount");
    QTest::newRow("zero target (engine)") << QStringLiteral("Bike") << QStringLiteral("0") << QStringLiteral("0")
                                          << QStringLiteral("target_cents") << QStringLiteral("more than zero");
    QTest::newRow("saved not an amount") << QStringLiteral("Bike") << QStringLiteral("500") << QStringLiteral("1.2.3")
                                         << QStringLiteral("saved_cents") << QStringLiteral("not an amount");
    QTest::newRow("negative saved (engine)") << QStringLiteral("Bike") << QStringLiteral("500") << QStringLiteral("-1")
                                             << QStringLiteral("saved_cents") << QStringLiteral("cannot be negative");
}

void TestGoalsPage::invalidGoalKeepsDialogOpen()
{
    QFETCH(QString, name);
    QFETCH(QString, target);
    QFETCH(QString, saved);
    QFETCH(QString, field);
    QFETCH(QString, message);

    start();
    m_page->addNew();
    QPointer<GoalDialog> dialog = openDialog<GoalDialog>();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->nameEdit(), name);
    QTest::keyClicks(dialog->targetEdit(), target);
    retype(dialog->savedEdit(), saved);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QCoreApplication::processEvents();

    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(m_data->goals.rowCount(), 0);
    QCOMPARE(m_stack->count(), 0);
    QVERIFY2(dialog->errorText(field).contains(message), qPrintable(dialog->errorText(field)));
    QCOMPARE(dialog->nameEdit()->text(), name);
    QCOMPARE(dialog->targetEdit()->text(), target);
    QCOMPARE(dialog->savedEdit()->text(), saved);
    QVERIFY(!m_page->findChild<QLabel *>(QStringLiteral("emptyState"))->isHidden());

    retype(dialog->nameEdit(), QStringLiteral("Bike"));
    retype(dialog->targetEdit(), QStringLiteral("500"));
    retype(dialog->savedEdit(), QStringLiteral("0"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QCOMPARE(m_data->goals.rowCount(), 1);
}

void TestGoalsPage::contributionMovesProgressAndStatus()
{
    start();
    // 1,000.00 from 15 Jan to 15 May: on 15 March half the time is gone.
    const QString id = addGoal(QStringLiteral("Summer holiday"), 100000, 10000, QDate(2026, 1, 15), QDate(2026, 5, 15));
    QTRY_VERIFY(m_page->cardFor(id));
    QCOMPARE(statusOf(id), QStringLiteral("Behind"));
    QCOMPARE(meterOf(id), 10);
    QCOMPARE(m_page->cardFor(id)->property("status").toString(), QStringLiteral("behind"));
    QCOMPARE(inCard<MeterBar>(id, QStringLiteral("goalMeter"))->color(), Theme::warning());
    QVERIFY(adviceOf(id).startsWith(QLatin1String("Behind plan")));
    QVERIFY(adviceOf(id).contains(eur(45000))); // 900.00 over 2 months

    contribute(id, QStringLiteral("450.00"));
    QCOMPARE(m_data->goals.find(id)->savedCents, 55000);
    QTRY_COMPARE(statusOf(id), QStringLiteral("On track"));
    QCOMPARE(meterOf(id), 55);
    QCOMPARE(inCard<MeterBar>(id, QStringLiteral("goalMeter"))->color(), Theme::fine());
    QCOMPARE(adviceOf(id), QStringLiteral("Save %1 per month to reach it.").arg(eur(22500)));
    QCOMPARE(m_stack->undoText(), QStringLiteral("Add %1 to “Summer holiday”").arg(eur(45000)));

    contribute(id, QStringLiteral("450"));
    QTRY_COMPARE(statusOf(id), QStringLiteral("Reached"));
    QCOMPARE(meterOf(id), 100);
    QVERIFY(adviceOf(id).startsWith(QLatin1String("Reached")));
    QCOMPARE(m_stack->count(), 2);
}

void TestGoalsPage::undoContribution()
{
    start();
    const QString id = addGoal(QStringLiteral("Emergency fund"), 500000, 310000, QDate(2025, 1, 15), QDate(2027, 1, 15));
    QTRY_VERIFY(m_page->cardFor(id));
    contribute(id, QStringLiteral("190"));
    QCOMPARE(m_data->goals.find(id)->savedCents, 329000);

    m_stack->undo();
    QCOMPARE(m_data->goals.find(id)->savedCents, 310000);
    QTRY_COMPARE(meterOf(id), 62);
    m_stack->redo();
    QCOMPARE(m_data->goals.find(id)->savedCents, 329000);
    QTRY_COMPARE(meterOf(id), 65);

    // Taking money out is a contribution too, and undone the same way.
    contribute(id, QStringLiteral("-29"));
    QCOMPARE(m_data->goals.find(id)->savedCents, 326100);
    m_stack->undo();
    QCOMPARE(m_data->goals.find(id)->savedCents, 329000);
    QVERIFY(m_household->reopen());
}

void TestGoalsPage::cannotTakeOutMoreThanSaved()
{
    start();
    const QString id = addGoal(QStringLiteral("Bike"), 90000, 2000, QDate(2026, 3, 1), QDate(2026, 9, 1));
    QTRY_VERIFY(addMoneyButton(id));
    QTest::mouseClick(addMoneyButton(id), Qt::LeftButton);
    QPointer<ContributionDialog> dialog = openDialog<ContributionDialog>();
    QVERIFY(dialog);

    for (const QString &bad : {QStringLiteral("-20.01"), QStringLiteral("0"), QStringLiteral("abc"), QString()}) {
        retype(dialog->amountEdit(), bad);
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY2(!dialog->errorText(QStringLiteral("saved_cents")).isEmpty(), qPrintable(bad));
        QCOMPARE(dialog->amountEdit()->text(), bad);
    }
    QCOMPARE(m_data->goals.find(id)->savedCents, 2000);
    QCOMPARE(m_stack->count(), 0);
    retype(dialog->amountEdit(), QStringLiteral("-20"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QCOMPARE(m_data->goals.find(id)->savedCents, 0);
}

void TestGoalsPage::statusOfEachGoal_data()
{
    QTest::addColumn<qint64>("saved");
    QTest::addColumn<QDate>("startedOn");
    QTest::addColumn<QDate>("targetDate");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("advice");

    QTest::newRow("on track") << qint64(60000) << QDate(2026, 1, 15) << QDate(2026, 5, 15) << QStringLiteral("On track")
                              << QStringLiteral("per month");
    QTest::newRow("behind") << qint64(20000) << QDate(2026, 1, 15) << QDate(2026, 5, 15) << QStringLiteral("Behind")
                            << QStringLiteral("Behind plan");
    QTest::newRow("reached") << qint64(100000) << QDate(2026, 1, 15) << QDate(2026, 5, 15) << QStringLiteral("Reached")
                             << QStringLiteral("well done");
    QTest::newRow("past due") << qint64(70000) << QDate(2025, 6, 1) << QDate(2026, 3, 1) << QStringLiteral("Past due")
                              << QStringLiteral("still to go");
}

void TestGoalsPage::statusOfEachGoal()
{
    QFETCH(qint64, saved);
    QFETCH(QDate, startedOn);
    QFETCH(QDate, targetDate);
    QFETCH(QString, status);
    QFETCH(QString, advice);

    start();
    const QString id = addGoal(QStringLiteral("Goal"), 100000, saved, startedOn, targetDate);
    QTRY_VERIFY(m_page->cardFor(id));
    QCOMPARE(statusOf(id), status);
    QCOMPARE(statusOf(id), GoalsModel::statusText(m_data->goals.status(*m_data->goals.find(id))));
    QVERIFY2(adviceOf(id).contains(advice), qPrintable(adviceOf(id)));
}

void TestGoalsPage::editByKeyboard()
{
    start();
    const QString id = addGoal(QStringLiteral("Bike"), 90000, 0, QDate(2026, 3, 1), QDate(2026, 9, 1));
    QTRY_VERIFY(m_page->cardFor(id));
    QFrame *card = m_page->cardFor(id);
    card->setFocus();
    QTest::keyClick(card, Qt::Key_Return);
    QPointer<GoalDialog> dialog = openDialog<GoalDialog>();
    QVERIFY(dialog);
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Bike"));
    QCOMPARE(dialog->targetEdit()->cents(), std::optional<qint64>(90000));
    retype(dialog->nameEdit(), QStringLiteral("Cargo bike"));
    retype(dialog->targetEdit(), QStringLiteral("1,800"));
    QTest::keyClick(dialog->targetEdit(), Qt::Key_Return);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QCOMPARE(m_data->goals.find(id)->name, QStringLiteral("Cargo bike"));
    QCOMPARE(m_data->goals.find(id)->targetCents, 180000);
    QCOMPARE(m_data->goals.find(id)->startedOn, QDate(2026, 3, 1)); // kept
    QTRY_COMPARE(inCard<QLabel>(id, QStringLiteral("cardTitle"))->text(), QStringLiteral("Cargo bike"));

    // "+" on a card opens Add money.
    m_page->cardFor(id)->setFocus();
    QTest::keyClick(m_page->cardFor(id), Qt::Key_Plus);
    QPointer<ContributionDialog> money = openDialog<ContributionDialog>();
    QVERIFY(money);
    money->reject();
    QTRY_VERIFY(!money || !money->isVisible());
}

void TestGoalsPage::deleteAsksAndIsUndoable()
{
    start();
    const QString a = addGoal(QStringLiteral("Bike"), 90000, 0, QDate(2026, 3, 1), QDate(2026, 9, 1));
    const QString b = addGoal(QStringLiteral("Holiday"), 200000, 0, QDate(2026, 3, 1), QDate(2026, 10, 1));
    QTRY_COMPARE(m_page->shownIds(), (QStringList{a, b})); // soonest first

    m_confirmer->answer = false;
    QTest::mouseClick(inCard<QToolButton>(a, QStringLiteral("deleteGoalButton")), Qt::LeftButton);
    QCOMPARE(m_confirmer->asked, 1);
    QCOMPARE(m_data->goals.rowCount(), 2);

    m_confirmer->answer = true;
    m_page->cardFor(a)->setFocus();
    QTest::keyClick(m_page->cardFor(a), Qt::Key_Delete);
    QCOMPARE(m_confirmer->asked, 2);
    QCOMPARE(m_data->goals.rowCount(), 1);
    QTRY_COMPARE(m_page->shownIds(), QStringList{b});
    QCOMPARE(m_page->focusWidget(), m_page->cardFor(b));

    m_stack->undo();
    QTRY_COMPARE(m_page->shownIds(), (QStringList{a, b}));
    QCOMPARE(m_data->goals.find(a)->name, QStringLiteral("Bike"));
}

QTEST_MAIN(TestGoalsPage)
#include "tst_goalspage.moc"
