// The chores page on the demo household (15 March 2026, 10:00), driven through its widgets:
// ticking a chore off (pending for a child, approved for an adult), approving and undoing the
// approval (a reversing ledger entry, never a deletion), sending a chore back with a reason, what a
// child is not offered, a reward too expensive, and the dashboard card's counts.

#include "ChoreDialogs.h"
#include "ChoresPage.h"
#include "ConnectionStatus.h"
#include "DashboardCard.h"
#include "PageHarness.h"
#include "Translations.h"
#include "chores/ChoresModels.h"

#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QToolButton>

#include <functional>
#include <memory>

using namespace hearth;

class TestChoresPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        installTranslations(*QCoreApplication::instance()); // English plural forms, as the app has them
    }
    void cleanup();

    void todayShowsTheDemoChores();
    void adultTickIsApproved();
    void childTickWaitsForApproval();
    void approveThenUndoWritesAReversal();
    void rejectAsksForAReason();
    void childIsNotOfferedApprovals();
    void tooExpensiveRewardShowsTheRefusal();
    void dashboardCardCounts();

private:
    // The demo household acting as `memberName` (before the page exists), and the page.
    void start(const QString &memberName = QStringLiteral("Alex"),
               const std::function<void(HouseholdData &)> &setUp = {});
    QString memberId(const QString &name) const;
    QString choreId(const QString &title) const;
    QToolButton *tickButton(const QString &choreId) const;
    template <typename Button>
    Button *buttonIn(const char *rowName, const char *idProperty, const QString &id, const char *buttonName) const
    {
        for (QFrame *row : m_page->findChildren<QFrame *>(QLatin1String(rowName))) {
            if (row->property(idProperty).toString() == id && !row->isHidden())
                return row->findChild<Button *>(QLatin1String(buttonName));
        }
        return nullptr;
    }
    template <typename Dialog>
    Dialog *openDialog() const
    {
        for (Dialog *d : m_page->findChildren<Dialog *>()) {
            if (d->isVisible())
                return d;
        }
        return nullptr;
    }
    QString stateOf(const QString &choreId) const
    {
        QFrame *row = m_page->todayRow(choreId);
        return row ? row->property("state").toString() : QString();
    }

    std::unique_ptr<test::PageHarness> m_harness;
    std::unique_ptr<ChoresPage> m_page;
    ChoresModel *m_chores = nullptr;
    CompletionsModel *m_completions = nullptr;
    WalletModel *m_wallet = nullptr;
};

void TestChoresPage::start(const QString &memberName, const std::function<void(HouseholdData &)> &setUp)
{
    m_harness = std::make_unique<test::PageHarness>(true);
    QVERIFY2(m_harness->isValid(), qPrintable(m_harness->household.error()));
    HouseholdData &data = *m_harness->data;
    m_chores = &data.model<ChoresModel>(Collection::Chores);
    m_completions = &data.model<CompletionsModel>(Collection::ChoreCompletions);
    m_wallet = &data.model<WalletModel>(Collection::WalletEntries);
    if (setUp)
        setUp(data); // as the owner, Alex
    const QString acting = memberId(memberName);
    QVERIFY(!acting.isEmpty());
    m_harness->household.engine().setActingMemberId(acting);
    m_page = m_harness->show<ChoresPage>(QSize(1200, 900));
    QVERIFY(m_page);
}

void TestChoresPage::cleanup()
{
    m_page.reset();
    m_harness.reset();
}

QString TestChoresPage::memberId(const QString &name) const
{
    for (const Member &m : m_harness->data->members.records()) {
        if (m.name == name)
            return m.id;
    }
    return {};
}

QString TestChoresPage::choreId(const QString &title) const
{
    for (const Chore &c : m_chores->records()) {
        if (c.title == title)
            return c.id;
    }
    return {};
}

QToolButton *TestChoresPage::tickButton(const QString &choreId) const
{
    QFrame *row = m_page->todayRow(choreId);
    return row ? row->findChild<QToolButton *>(QStringLiteral("tickButton")) : nullptr;
}

void TestChoresPage::todayShowsTheDemoChores()
{
    start();
    // Sunday: the cat (Mia's, done this morning, waiting) and the dishwasher (whose turn it is).
    const QString cat = choreId(QStringLiteral("Feed the cat"));
    const QString dishes = choreId(QStringLiteral("Empty the dishwasher"));
    QVERIFY(m_page->todayRow(cat));
    QVERIFY(m_page->todayRow(dishes));
    QVERIFY(!m_page->todayRow(choreId(QStringLiteral("Tidy your room")))); // Wednesdays and Saturdays
    QCOMPARE(stateOf(cat), QStringLiteral("pending"));
    QCOMPARE(stateOf(dishes), QStringLiteral("open"));
    QVERIFY(!tickButton(cat)->isEnabled());
    QVERIFY(tickButton(dishes)->isEnabled());
    QVERIFY(tickButton(dishes)->width() >= 48 && tickButton(dishes)->height() >= 48);
    QVERIFY(m_page->subtitleText().contains(QLatin1String("1 chore left today")));
    QVERIFY(m_page->subtitleText().contains(QLatin1String("1 waiting for approval")));

    // A chore due at a time already past is overdue (red); later today, due (amber).
    Chore early;
    early.title = QStringLiteral("Make the beds");
    early.repeat = Repeat::Daily;
    early.dueTime = QTime(9, 0);
    Chore late = early;
    late.title = QStringLiteral("Lay the table");
    late.dueTime = QTime(18, 30);
    QVERIFY(m_chores->apply(m_chores->addMutation(early)).ok);
    QVERIFY(m_chores->apply(m_chores->addMutation(late)).ok);
    QTRY_COMPARE(stateOf(choreId(QStringLiteral("Make the beds"))), QStringLiteral("overdue"));
    QCOMPARE(stateOf(choreId(QStringLiteral("Lay the table"))), QStringLiteral("due"));
}

void TestChoresPage::adultTickIsApproved()
{
    start();
    const QString dishes = choreId(QStringLiteral("Empty the dishwasher"));
    const QDate today = m_harness->household.clock.today();
    const QString doer = ChoreSchedule::assigneeOn(*m_chores->find(dishes), today, m_completions->approvedCounts(dishes));
    QVERIFY(!doer.isEmpty());
    const qint64 before = m_wallet->balanceOf(doer);

    QTest::mouseClick(tickButton(dishes), Qt::LeftButton);
    QVERIFY2(m_page->errorText().isEmpty(), qPrintable(m_page->errorText()));
    QCOMPARE(m_harness->undo.undoText(), QStringLiteral("Tick off Empty the dishwasher"));
    QCOMPARE(m_completions->liveFor(dishes, today)->status, QStringLiteral("approved"));
    QTRY_COMPARE(stateOf(dishes), QStringLiteral("approved"));
    QVERIFY(!tickButton(dishes)->isEnabled());
    QCOMPARE(m_wallet->balanceOf(doer), before + 10);

    // Undone, the tick is gone and so are its points (the host writes a reversal).
    m_harness->undo.undo();
    QTRY_COMPARE(stateOf(dishes), QStringLiteral("open"));
    QCOMPARE(m_wallet->balanceOf(doer), before);
}

void TestChoresPage::childTickWaitsForApproval()
{
    // A chore of Mia's that Alex set up, then Mia at the screen.
    QString dogId;
    start(QStringLiteral("Mia"), [this, &dogId](HouseholdData &data) {
        Chore dog;
        dog.title = QStringLiteral("Walk the dog");
        dog.repeat = Repeat::Daily;
        dog.points = 10;
        dog.assigneeId = memberId(QStringLiteral("Mia"));
        auto &chores = data.model<ChoresModel>(Collection::Chores);
        dogId = chores.apply(chores.addMutation(dog)).entityId;
    });
    QVERIFY(!dogId.isEmpty());
    const QString mia = memberId(QStringLiteral("Mia"));
    const qint64 balance = m_wallet->balanceOf(mia);
    QTRY_VERIFY(tickButton(dogId));
    QTest::mouseClick(tickButton(dogId), Qt::LeftButton);
    QVERIFY2(m_page->errorText().isEmpty(), qPrintable(m_page->errorText()));
    QCOMPARE(m_harness->undo.undoText(), QStringLiteral("Tick off Walk the dog"));
    QTRY_COMPARE(stateOf(dogId), QStringLiteral("pending"));
    auto *chip = m_page->todayRow(dogId)->findChild<QLabel *>(QStringLiteral("choreStatus"));
    QVERIFY(chip);
    QCOMPARE(chip->text(), QStringLiteral("Waiting for approval"));
    QVERIFY(!tickButton(dogId)->isEnabled());
    QCOMPARE(m_wallet->balanceOf(mia), balance); // no points until an adult approves

    // Someone else's chore is not hers to tick.
    const QString dishes = choreId(QStringLiteral("Empty the dishwasher"));
    const QDate today = m_harness->household.clock.today();
    const QString turn = ChoreSchedule::assigneeOn(*m_chores->find(dishes), today, m_completions->approvedCounts(dishes));
    if (turn != mia)
        QVERIFY(!tickButton(dishes) || !tickButton(dishes)->isEnabled());
}

void TestChoresPage::approveThenUndoWritesAReversal()
{
    start();
    const QString mia = memberId(QStringLiteral("Mia"));
    const QList<ChoreCompletion> waiting = m_completions->pending();
    QCOMPARE(waiting.size(), 1);
    const ChoreCompletion pending = waiting.first();
    QCOMPARE(pending.memberId, mia);
    const qint64 balance = m_wallet->balanceOf(mia);
    const qsizetype entries = m_wallet->ledgerOf(mia).size();

    auto *approve = buttonIn<QPushButton>("approvalRow", "completionId", pending.id, "approveButton");
    QVERIFY(approve && approve->isVisible());
    QTest::mouseClick(approve, Qt::LeftButton);
    QCOMPARE(m_completions->find(pending.id)->status, QStringLiteral("approved"));
    QCOMPARE(m_wallet->balanceOf(mia), balance + 5);
    QCOMPARE(m_wallet->ledgerOf(mia).size(), entries + 1);
    QTRY_VERIFY(!buttonIn<QPushButton>("approvalRow", "completionId", pending.id, "approveButton"));
    QTRY_COMPARE(stateOf(pending.choreId), QStringLiteral("approved"));

    // Undo replays the status as it was: the completion is pending again and the host takes the
    // points back with a reversal — the ledger grows, it never loses an entry.
    m_harness->undo.undo();
    QCOMPARE(m_completions->find(pending.id)->status, QStringLiteral("pending"));
    QCOMPARE(m_wallet->balanceOf(mia), balance);
    const QList<WalletEntry> ledger = m_wallet->ledgerOf(mia);
    QCOMPARE(ledger.size(), entries + 2);
    int reversals = 0;
    for (const WalletEntry &e : ledger)
        reversals += e.kind == QLatin1String("reversal") && e.sourceId == pending.id ? 1 : 0;
    QCOMPARE(reversals, 1);
    QTRY_VERIFY(buttonIn<QPushButton>("approvalRow", "completionId", pending.id, "approveButton"));
    QTRY_COMPARE(stateOf(pending.choreId), QStringLiteral("pending"));

    // Redo approves it once more: credited again, in a new round.
    m_harness->undo.redo();
    QCOMPARE(m_wallet->balanceOf(mia), balance + 5);
    QCOMPARE(m_wallet->ledgerOf(mia).size(), entries + 3);
}

void TestChoresPage::rejectAsksForAReason()
{
    start();
    const ChoreCompletion pending = m_completions->pending().first();
    QTest::mouseClick(buttonIn<QPushButton>("approvalRow", "completionId", pending.id, "rejectButton"), Qt::LeftButton);
    QPointer<ReasonDialog> dialog = openDialog<ReasonDialog>();
    QVERIFY(dialog);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QVERIFY(dialog && dialog->isVisible()); // a reason is required
    QVERIFY(!dialog->errorText(QStringLiteral("reason")).isEmpty());
    QCOMPARE(m_completions->find(pending.id)->status, QStringLiteral("pending"));

    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("The bowl is still empty"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QCOMPARE(m_completions->find(pending.id)->status, QStringLiteral("rejected"));
    QCOMPARE(m_completions->find(pending.id)->reason, QStringLiteral("The bowl is still empty"));
    // Sent back, the chore is to do again today.
    QTRY_COMPARE(stateOf(pending.choreId), QStringLiteral("overdue")); // due by 08:00
}

void TestChoresPage::childIsNotOfferedApprovals()
{
    start(QStringLiteral("Mia"));
    QTRY_VERIFY(m_page->todayRow(choreId(QStringLiteral("Feed the cat"))));
    for (QPushButton *b : m_page->findChildren<QPushButton *>(QStringLiteral("approveButton")))
        QVERIFY(!b->isVisibleTo(m_page.get()));
    for (QPushButton *b : m_page->findChildren<QPushButton *>(QStringLiteral("rejectButton")))
        QVERIFY(!b->isVisibleTo(m_page.get()));
    for (const char *adultsOnly : {"addChoreButton", "adjustPointsButton", "payOutButton", "addRewardButton"})
        QVERIFY2(!m_page->findChild<QPushButton *>(QLatin1String(adultsOnly))->isVisibleTo(m_page.get()), adultsOnly);
    QVERIFY(m_page->findChildren<QToolButton *>(QStringLiteral("editChoreButton")).isEmpty());
    QVERIFY(!m_page->subtitleText().contains(QLatin1String("waiting")));
    QCOMPARE(m_page->selectedMember(), memberId(QStringLiteral("Mia"))); // her own points

    // Ctrl+N offers nothing to a child.
    m_page->addNew();
    QVERIFY(!openDialog<ChoreDialog>());
}

void TestChoresPage::tooExpensiveRewardShowsTheRefusal()
{
    start(QStringLiteral("Mia"));
    const QString mia = memberId(QStringLiteral("Mia"));
    const auto &rewards = m_harness->data->model<RewardsModel>(Collection::Rewards);
    const auto &requests = m_harness->data->model<RedemptionsModel>(Collection::Redemptions);
    QString iceCream;
    for (const Reward &r : rewards.records()) {
        if (r.name == QLatin1String("Ice cream trip"))
            iceCream = r.id;
    }
    QVERIFY(m_wallet->balanceOf(mia) < 60);
    const int before = requests.rowCount();
    auto *ask = buttonIn<QPushButton>("rewardRow", "rewardId", iceCream, "askButton");
    QVERIFY(ask);
    QTest::mouseClick(ask, Qt::LeftButton);
    QVERIFY2(m_page->errorText().contains(QLatin1String("Not enough points")), qPrintable(m_page->errorText()));
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("fieldError"))->isVisible());
    QCOMPARE(requests.rowCount(), before);
    QCOMPARE(m_harness->undo.count(), 0);
}

void TestChoresPage::dashboardCardCounts()
{
    start();
    ConnectionStatus connection;
    const PageContext context{*m_harness->data, m_harness->history, m_harness->confirmer, connection};
    std::unique_ptr<DashboardCard> card(ChoresPage::registration().dashboardCard(context, nullptr));
    QVERIFY(card);
    QVERIFY2(card->text().contains(QLatin1String("Chores left today</td><td align=\"right\"")), qPrintable(card->text()));
    const auto value = [&card](const QString &label) {
        const QString text = card->text();
        const qsizetype at = text.indexOf(label);
        const qsizetype open = text.indexOf(QLatin1Char('>'), text.indexOf(QLatin1String("<td"), at + label.size()));
        return text.mid(open + 1, text.indexOf(QLatin1Char('<'), open) - open - 1);
    };
    QCOMPARE(value(QStringLiteral("Chores left today")), QStringLiteral("1"));
    QCOMPARE(value(QStringLiteral("Waiting for approval")), QStringLiteral("1"));

    // Live: the dishwasher ticked off and Mia's cat approved, the card follows.
    QTest::mouseClick(tickButton(choreId(QStringLiteral("Empty the dishwasher"))), Qt::LeftButton);
    const ChoreCompletion pending = m_completions->pending().first();
    QTest::mouseClick(buttonIn<QPushButton>("approvalRow", "completionId", pending.id, "approveButton"), Qt::LeftButton);
    QTRY_COMPARE(value(QStringLiteral("Chores left today")), QStringLiteral("0"));
    QCOMPARE(value(QStringLiteral("Waiting for approval")), QStringLiteral("0"));
    QVERIFY(card->text().contains(QLatin1String("Every chore is done")));
}

QTEST_MAIN(TestChoresPage)
#include "tst_chorespage.moc"
