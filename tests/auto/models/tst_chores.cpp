// Chores and rewards on the engine: the repeat rules (month ends, leap days, a daylight-saving
// change, rotation order), the five models under QAbstractItemModelTester, the whole flow
// (tick, approve, reject, undo, ask, fulfil, allowance), what a child may not do, and a wallet
// that is credited exactly once per approval — by the code and, underneath, by the database.

#include "ModelTestHelpers.h"
#include "TestSupport.h"
#include "chores/ChoresModels.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlError>
#include <QTest>
#include <QTimeZone>

using namespace hearth;
using namespace hearth::test;

namespace {

Chore rule(Repeat repeat, const QDate &start)
{
    Chore c;
    c.title = QStringLiteral("Feed the cat");
    c.repeat = repeat;
    c.startOn = start;
    return c;
}

QDate d(int y, int m, int day)
{
    return QDate(y, m, day);
}

} // namespace

class tst_Chores : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void occurs_data();
    void occurs();
    void nextOccurrence_data();
    void nextOccurrence();
    void daylightSavingChangeNeitherMovesNorDoubles();
    void rotationTakesTurns();
    void rotationFewestDone();

    void modelsUnderTester();
    void adultTickIsApprovedAndCredited();
    void childTickWaitsThenApprovalCreditsOnce();
    void retriedApprovalCreditsOnce();
    void undoOfApprovalWritesAReversal();
    void rejectionNeedsAReasonAndCreditsNothing();
    void databaseRefusesASecondCredit();
    void childIsRefused_data();
    void childIsRefused();
    void childMayNotTickSomeoneElsesChore();
    void rewardTooExpensiveIsRefused();
    void fulfilDebitsAndTakesStock();
    void allowanceWritesTransactionAndDebitTogether();
    void ledgerIsNeverEditedByClients();
    void aFailedConsequenceLeavesNothing();
    void removingAMemberClearsTheirNames();

private:
    AuthoritativeEngine &engine() { return m_home->engine(); }
    QString addMember(const QString &name, const QString &role);
    QString addChore(QJsonObject fields);
    qint64 balance(const QString &member);
    qint64 entries(const QString &where = {});
    MutationResult as(const QString &member, const Mutation &m) { return engine().submitAs(m, member); }

    std::unique_ptr<TempHousehold> m_home;
    std::unique_ptr<HouseholdData> m_data;
    QString m_adult;
    QString m_child;
};

void tst_Chores::init()
{
    m_home = std::make_unique<TempHousehold>();
    QVERIFY2(m_home->isValid(), qPrintable(m_home->error()));
    m_adult = engine().actingMemberId();
    m_child = addMember(QStringLiteral("Mia"), QStringLiteral("child"));
    m_data = std::make_unique<HouseholdData>(engine(), m_home->clock);
    m_data->load();
}

void tst_Chores::cleanup()
{
    m_data.reset();
    m_home.reset();
}

QString tst_Chores::addMember(const QString &name, const QString &role)
{
    const MutationResult r = engine().submit(
        {{}, Collection::Members, MutationOp::Create, {}, -1, {{QStringLiteral("name"), name}, {QStringLiteral("role"), role}}});
    return r.entityId;
}

QString tst_Chores::addChore(QJsonObject fields)
{
    if (!fields.contains(QStringLiteral("title")))
        fields.insert(QStringLiteral("title"), QStringLiteral("Feed the cat"));
    if (!fields.contains(QStringLiteral("points")))
        fields.insert(QStringLiteral("points"), 5);
    if (!fields.contains(QStringLiteral("repeat")))
        fields.insert(QStringLiteral("repeat"), QStringLiteral("daily"));
    if (!fields.contains(QStringLiteral("start_on")))
        fields.insert(QStringLiteral("start_on"), m_home->clock.today().addDays(-7).toString(Qt::ISODate));
    const MutationResult r = engine().submit({{}, Collection::Chores, MutationOp::Create, {}, -1, fields});
    if (!r.ok)
        qWarning("addChore: %s", qPrintable(r.error.message));
    return r.entityId;
}

qint64 tst_Chores::balance(const QString &member)
{
    return queryValue(m_home->store(), QStringLiteral("SELECT COALESCE(SUM(delta), 0) FROM wallet_entries WHERE member_id = ?"),
                      {member})
        .toLongLong();
}

qint64 tst_Chores::entries(const QString &where)
{
    return countRows(m_home->store(), QStringLiteral("wallet_entries"), where);
}

// ---- repeat rules -------------------------------------------------------------------------

void tst_Chores::occurs_data()
{
    QTest::addColumn<Chore>("chore");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<bool>("expected");

    QTest::newRow("once: its day") << rule(Repeat::Once, d(2026, 3, 10)) << d(2026, 3, 10) << true;
    QTest::newRow("once: the day after") << rule(Repeat::Once, d(2026, 3, 10)) << d(2026, 3, 11) << false;
    QTest::newRow("daily: before it starts") << rule(Repeat::Daily, d(2026, 3, 10)) << d(2026, 3, 9) << false;
    QTest::newRow("daily: years later") << rule(Repeat::Daily, d(2026, 3, 10)) << d(2031, 7, 1) << true;
    Chore weekdays = rule(Repeat::Weekdays, d(2026, 3, 2)); // a Monday
    weekdays.weekdays = {2, 5};                             // Tuesday, Friday
    QTest::newRow("weekdays: a Tuesday") << weekdays << d(2026, 3, 10) << true;
    QTest::newRow("weekdays: a Wednesday") << weekdays << d(2026, 3, 11) << false;
    Chore every3 = rule(Repeat::EveryNDays, d(2026, 2, 27));
    every3.interval = 3;
    QTest::newRow("every 3 days: across the end of February") << every3 << d(2026, 3, 2) << true;
    QTest::newRow("every 3 days: the day after") << every3 << d(2026, 3, 3) << false;
    Chore on31 = rule(Repeat::Monthly, d(2026, 1, 31));
    on31.monthDay = 31;
    QTest::newRow("monthly on 31: 30 April") << on31 << d(2026, 4, 30) << true;
    QTest::newRow("monthly on 31: 29 April") << on31 << d(2026, 4, 29) << false;
    QTest::newRow("monthly on 31: 28 February") << on31 << d(2026, 2, 28) << true;
    QTest::newRow("monthly on 31: 31 March") << on31 << d(2026, 3, 31) << true;
    QTest::newRow("monthly on 31: 30 March") << on31 << d(2026, 3, 30) << false;
    Chore on29 = rule(Repeat::Monthly, d(2027, 1, 1));
    on29.monthDay = 29;
    QTest::newRow("monthly on 29: leap year 29 February") << on29 << d(2028, 2, 29) << true;
    QTest::newRow("monthly on 29: leap year 28 February") << on29 << d(2028, 2, 28) << false;
    QTest::newRow("monthly on 29: common year 28 February") << on29 << d(2027, 2, 28) << true;
    Chore leapDaily = rule(Repeat::EveryNDays, d(2028, 2, 28));
    leapDaily.interval = 2;
    QTest::newRow("every 2 days over a leap day: 1 March") << leapDaily << d(2028, 3, 1) << true;
}

void tst_Chores::occurs()
{
    QFETCH(Chore, chore);
    QFETCH(QDate, date);
    QFETCH(bool, expected);
    QCOMPARE(ChoreSchedule::occursOn(chore, date), expected);
}

void tst_Chores::nextOccurrence_data()
{
    QTest::addColumn<Chore>("chore");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("expected");

    Chore on31 = rule(Repeat::Monthly, d(2026, 1, 1));
    on31.monthDay = 31;
    QTest::newRow("monthly on 31 from 1 February") << on31 << d(2026, 2, 1) << d(2026, 2, 28);
    QTest::newRow("monthly on 31 from 1 March") << on31 << d(2026, 3, 1) << d(2026, 3, 31);
    QTest::newRow("monthly on 31 from 31 December") << on31 << d(2026, 12, 31) << d(2026, 12, 31);
    Chore on15 = rule(Repeat::Monthly, d(2026, 1, 1));
    on15.monthDay = 15;
    QTest::newRow("monthly on 15 from the 16th rolls to next month") << on15 << d(2026, 12, 16) << d(2027, 1, 15);
    Chore weekend = rule(Repeat::Weekdays, d(2026, 3, 2));
    weekend.weekdays = {6, 7};
    QTest::newRow("weekends from a Monday") << weekend << d(2026, 3, 9) << d(2026, 3, 14);
    QTest::newRow("once, already past") << rule(Repeat::Once, d(2026, 3, 1)) << d(2026, 3, 2) << QDate();
    Chore every10 = rule(Repeat::EveryNDays, d(2026, 3, 1));
    every10.interval = 10;
    QTest::newRow("every 10 days from the 12th") << every10 << d(2026, 3, 12) << d(2026, 3, 21);
}

void tst_Chores::nextOccurrence()
{
    QFETCH(Chore, chore);
    QFETCH(QDate, from);
    QFETCH(QDate, expected);
    QCOMPARE(ChoreSchedule::nextOccurrence(chore, from), expected);
}

void tst_Chores::daylightSavingChangeNeitherMovesNorDoubles()
{
    // Europe's clocks go forward on 29 March 2026 and back on 25 October: the rules count dates,
    // so a daily chore comes round once on each of those days, and every 2 days stays in step.
    Chore daily = rule(Repeat::Daily, d(2026, 3, 27));
    Chore every2 = rule(Repeat::EveryNDays, d(2026, 3, 27));
    every2.interval = 2;
    for (const QDate &change : {d(2026, 3, 29), d(2026, 10, 25)}) {
        QVERIFY(ChoreSchedule::occursOn(daily, change));
        QCOMPARE(ChoreSchedule::nextOccurrence(daily, change), change);
        QCOMPARE(ChoreSchedule::occurrencesBefore(daily, change.addDays(1)) - ChoreSchedule::occurrencesBefore(daily, change), 1);
    }
    QVERIFY(ChoreSchedule::occursOn(every2, d(2026, 3, 29)));
    QVERIFY(!ChoreSchedule::occursOn(every2, d(2026, 3, 30)));
    QVERIFY(ChoreSchedule::occursOn(every2, d(2026, 10, 24)) != ChoreSchedule::occursOn(every2, d(2026, 10, 25)));
    // What "today" is, is the local date of the clock: 00:30 after the spring change is the 29th.
    const QTimeZone berlin("Europe/Berlin");
    if (berlin.isValid()) {
        const QDateTime justAfter(d(2026, 3, 29), QTime(3, 30), berlin);
        QCOMPARE(justAfter.date(), d(2026, 3, 29));
        QCOMPARE(justAfter.addSecs(-3 * 3600).date(), d(2026, 3, 28));
    }
}

void tst_Chores::rotationTakesTurns()
{
    Chore dishes = rule(Repeat::Weekdays, d(2026, 3, 2)); // Monday
    dishes.weekdays = {1, 3, 5};
    dishes.rotation = QStringLiteral("turn");
    dishes.rotationMembers = {QStringLiteral("sam"), QStringLiteral("mia"), QStringLiteral("alex")};
    const QList<QPair<QDate, QString>> expected = {
        {d(2026, 3, 2), QStringLiteral("sam")},  {d(2026, 3, 4), QStringLiteral("mia")},
        {d(2026, 3, 6), QStringLiteral("alex")}, {d(2026, 3, 9), QStringLiteral("sam")},
        {d(2026, 3, 11), QStringLiteral("mia")}, {d(2026, 5, 4), QString()}, // filled in below
    };
    for (qsizetype i = 0; i + 1 < expected.size(); ++i)
        QCOMPARE(ChoreSchedule::assigneeOn(dishes, expected.at(i).first, {}), expected.at(i).second);
    // Nine weeks on: 27 occurrences before 4 May, so it is the first member's turn again.
    QCOMPARE(ChoreSchedule::occurrencesBefore(dishes, d(2026, 5, 4)), 27);
    QCOMPARE(ChoreSchedule::assigneeOn(dishes, d(2026, 5, 4), {}), QStringLiteral("sam"));
    Chore monthly = rule(Repeat::Monthly, d(2026, 1, 31));
    monthly.monthDay = 31;
    monthly.rotation = QStringLiteral("turn");
    monthly.rotationMembers = {QStringLiteral("sam"), QStringLiteral("mia")};
    QCOMPARE(ChoreSchedule::assigneeOn(monthly, d(2026, 1, 31), {}), QStringLiteral("sam"));
    QCOMPARE(ChoreSchedule::assigneeOn(monthly, d(2026, 2, 28), {}), QStringLiteral("mia"));
    QCOMPARE(ChoreSchedule::assigneeOn(monthly, d(2026, 3, 31), {}), QStringLiteral("sam"));
}

void tst_Chores::rotationFewestDone()
{
    Chore dishes = rule(Repeat::Daily, d(2026, 3, 1));
    dishes.rotation = QStringLiteral("fewest");
    dishes.rotationMembers = {QStringLiteral("sam"), QStringLiteral("mia")};
    QCOMPARE(ChoreSchedule::assigneeOn(dishes, d(2026, 3, 5), {}), QStringLiteral("sam")); // a tie: rotation order
    QCOMPARE(ChoreSchedule::assigneeOn(dishes, d(2026, 3, 5), {{QStringLiteral("sam"), 3}, {QStringLiteral("mia"), 1}}),
             QStringLiteral("mia"));
    dishes.rotation.clear();
    dishes.assigneeId = QStringLiteral("alex");
    QCOMPARE(ChoreSchedule::assigneeOn(dishes, d(2026, 3, 5), {}), QStringLiteral("alex"));
}

// ---- the flow on the engine -----------------------------------------------------------------

void tst_Chores::modelsUnderTester()
{
    TempHousehold demo(true);
    QVERIFY2(demo.isValid(), qPrintable(demo.error()));
    HouseholdData data(demo.engine(), demo.clock);
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (Collection c : {Collection::Chores, Collection::ChoreCompletions, Collection::Rewards, Collection::Redemptions,
                         Collection::WalletEntries})
        testers.push_back(std::make_unique<QAbstractItemModelTester>(data.modelFor(c), QAbstractItemModelTester::FailureReportingMode::QtTest));
    data.load();
    auto &chores = data.model<ChoresModel>(Collection::Chores);
    auto &completions = data.model<CompletionsModel>(Collection::ChoreCompletions);
    auto &wallet = data.model<WalletModel>(Collection::WalletEntries);
    QVERIFY(chores.rowCount() >= 5);
    QCOMPARE(completions.pending().size(), 1);
    QVERIFY(data.model<RewardsModel>(Collection::Rewards).rowCount() >= 3);
    QCOMPARE(data.model<RedemptionsModel>(Collection::Redemptions).requested().size(), 1);
    const QString mia = completions.pending().first().memberId;
    QCOMPARE(wallet.balanceOf(mia), 20); // four approved days of feeding the cat

    // One approval: one dataChanged on the completion, one rowsInserted on the ledger; no reset.
    const ModelSignals completionSignals(&completions);
    const ModelSignals walletSignals(&wallet);
    const MutationResult approved = completions.apply(completions.approveMutation(completions.pending().first().id));
    QVERIFY2(approved.ok, qPrintable(approved.error.message));
    QCOMPARE(completionSignals.counts(), ModelSignals::expected(0, 0, 1));
    QCOMPARE(walletSignals.counts(), ModelSignals::expected(1, 0, 0));
    QCOMPARE(wallet.balanceOf(mia), 25);
    QVERIFY(completions.roleNames().contains(CompletionsModel::StatusRole));
    QCOMPARE(chores.index(0, 0).data(ChoresModel::TitleRole).toString().isEmpty(), false);
}

void tst_Chores::adultTickIsApprovedAndCredited()
{
    const QString chore = addChore({});
    auto &completions = m_data->model<CompletionsModel>(Collection::ChoreCompletions);
    const MutationResult done = completions.apply(completions.tickMutation(chore, m_adult, m_home->clock.today()));
    QVERIFY2(done.ok, qPrintable(done.error.message));
    const auto c = completions.find(done.entityId);
    QCOMPARE(c->status, QStringLiteral("approved"));
    QCOMPARE(c->points, 5);
    QCOMPARE(balance(m_adult), 5);
    // The same chore again that day is refused, not counted twice.
    const MutationResult again = completions.apply(completions.tickMutation(chore, m_adult, m_home->clock.today()));
    QVERIFY(!again.ok);
    QCOMPARE(again.error.code, QStringLiteral("conflict"));
    QCOMPARE(balance(m_adult), 5);
}

void tst_Chores::childTickWaitsThenApprovalCreditsOnce()
{
    const QString chore = addChore({{QStringLiteral("assignee_id"), m_child}});
    // A child's tick: the host decides it waits, whatever the child sends.
    const MutationResult done = as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Create, {}, -1,
                                             {{QStringLiteral("chore_id"), chore}, {QStringLiteral("status"), QStringLiteral("approved")},
                                              {QStringLiteral("points"), 999}}});
    QVERIFY2(done.ok, qPrintable(done.error.message));
    QCOMPARE(engine().entity(Collection::ChoreCompletions, done.entityId)->value(QLatin1String("status")).toString(),
             QStringLiteral("pending"));
    QCOMPARE(engine().entity(Collection::ChoreCompletions, done.entityId)->value(QLatin1String("points")).toInteger(), 5);
    QCOMPARE(balance(m_child), 0);

    QSignalSpy changed(&engine(), &HouseholdEngine::changed);
    const Mutation approve{QStringLiteral("approve-1"), Collection::ChoreCompletions, MutationOp::Update, done.entityId, -1,
                           {{QStringLiteral("status"), QStringLiteral("approved")}}};
    const MutationResult approved = as(m_adult, approve);
    QVERIFY(approved.ok);
    QCOMPARE(balance(m_child), 5);
    // The approval, then its credit, in seq order.
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(0).first().value<Change>().collection, Collection::ChoreCompletions);
    QCOMPARE(changed.at(1).first().value<Change>().collection, Collection::WalletEntries);
    QCOMPARE(changed.at(1).first().value<Change>().seq, approved.seq + 1);
    QVERIFY(changed.at(1).first().value<Change>().userId.isEmpty()); // written by the host itself

    // A second adult approving the same completion: nothing changes, nothing is credited.
    const QString sam = addMember(QStringLiteral("Sam"), QStringLiteral("adult"));
    const MutationResult second = as(sam, {{}, Collection::ChoreCompletions, MutationOp::Update, done.entityId, -1,
                                           {{QStringLiteral("status"), QStringLiteral("approved")}}});
    QVERIFY(second.ok);
    QCOMPARE(balance(m_child), 5);
    QCOMPARE(entries(QStringLiteral("kind = 'completion'")), 1);
}

void tst_Chores::retriedApprovalCreditsOnce()
{
    const QString chore = addChore({{QStringLiteral("assignee_id"), m_child}});
    const MutationResult done = as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Create, {}, -1, {{QStringLiteral("chore_id"), chore}}});
    const Mutation approve{QStringLiteral("approve-retried"), Collection::ChoreCompletions, MutationOp::Update, done.entityId, -1,
                           {{QStringLiteral("status"), QStringLiteral("approved")}}};
    const MutationResult first = as(m_adult, approve);
    const MutationResult retried = as(m_adult, approve); // the ack was lost; the device sends it again
    QVERIFY(first.ok && retried.ok);
    QCOMPARE(retried.seq, first.seq);
    QCOMPARE(balance(m_child), 5);
    QCOMPARE(entries(), 1);
}

void tst_Chores::undoOfApprovalWritesAReversal()
{
    const QString chore = addChore({{QStringLiteral("assignee_id"), m_child}});
    auto &completions = m_data->model<CompletionsModel>(Collection::ChoreCompletions);
    const MutationResult done = as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Create, {}, -1, {{QStringLiteral("chore_id"), chore}}});
    QVERIFY(completions.apply(completions.approveMutation(done.entityId)).ok);
    QCOMPARE(balance(m_child), 5);
    QVERIFY(completions.apply(completions.reopenMutation(done.entityId)).ok); // what undo sends
    QCOMPARE(balance(m_child), 0);
    QCOMPARE(entries(), 2); // a reversing entry, never a deletion
    QCOMPARE(entries(QStringLiteral("kind = 'reversal' AND delta = -5")), 1);
    // Approved again (redo): a second round, credited once more.
    QVERIFY(completions.apply(completions.approveMutation(done.entityId)).ok);
    QCOMPARE(balance(m_child), 5);
    QCOMPARE(entries(QStringLiteral("kind = 'completion' AND round = 1")), 1);
}

void tst_Chores::rejectionNeedsAReasonAndCreditsNothing()
{
    const QString chore = addChore({{QStringLiteral("assignee_id"), m_child}});
    auto &completions = m_data->model<CompletionsModel>(Collection::ChoreCompletions);
    const MutationResult done = as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Create, {}, -1, {{QStringLiteral("chore_id"), chore}}});
    const MutationResult noReason = completions.apply(completions.rejectMutation(done.entityId, QStringLiteral("  ")));
    QVERIFY(!noReason.ok);
    QCOMPARE(noReason.error.field, QStringLiteral("reason"));
    QVERIFY(completions.apply(completions.rejectMutation(done.entityId, QStringLiteral("The bowl is still empty"))).ok);
    QCOMPARE(balance(m_child), 0);
    QCOMPARE(entries(), 0);
    // Rejected: the child may tick it off again that day.
    QVERIFY(as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Create, {}, -1, {{QStringLiteral("chore_id"), chore}}}).ok);
}

void tst_Chores::databaseRefusesASecondCredit()
{
    const QString chore = addChore({{QStringLiteral("assignee_id"), m_child}});
    const MutationResult done = as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Create, {}, -1, {{QStringLiteral("chore_id"), chore}}});
    QVERIFY(as(m_adult, {{}, Collection::ChoreCompletions, MutationOp::Update, done.entityId, -1, {{QStringLiteral("status"), QStringLiteral("approved")}}}).ok);
    // Whatever the code did, the store itself will not hold a second credit for the same round.
    QSqlQuery insert(m_home->store().database());
    insert.prepare(QStringLiteral("INSERT INTO wallet_entries (id, household_id, member_id, delta, kind, source_id, round, note, rev, updated_at) "
                                  "VALUES ('x', ?, ?, 5, 'completion', ?, 0, '', 1, '')"));
    insert.addBindValue(engine().householdId());
    insert.addBindValue(m_child);
    insert.addBindValue(done.entityId);
    QVERIFY(!insert.exec());
    QVERIFY2(insert.lastError().text().contains(QLatin1String("UNIQUE")), qPrintable(insert.lastError().text()));
    // The system writing it through the engine is refused the same way, and leaves nothing.
    const qint64 head = engine().headSeq();
    const MutationResult again = engine().submitAs({{}, Collection::WalletEntries, MutationOp::Create, {}, -1,
                                                    {{QStringLiteral("member_id"), m_child}, {QStringLiteral("delta"), 5},
                                                     {QStringLiteral("kind"), QStringLiteral("completion")},
                                                     {QStringLiteral("source_id"), done.entityId}, {QStringLiteral("round"), 0}}},
                                                   QString());
    QVERIFY(!again.ok);
    QCOMPARE(engine().headSeq(), head);
    QCOMPARE(balance(m_child), 5);
}

void tst_Chores::childIsRefused_data()
{
    QTest::addColumn<Collection>("collection");
    QTest::addColumn<MutationOp>("op");
    QTest::addColumn<QJsonObject>("fields");
    QTest::newRow("create a chore") << Collection::Chores << MutationOp::Create
                                    << QJsonObject{{QStringLiteral("title"), QStringLiteral("Nap")}, {QStringLiteral("start_on"), QStringLiteral("2026-03-15")}};
    QTest::newRow("add a reward") << Collection::Rewards << MutationOp::Create
                                  << QJsonObject{{QStringLiteral("name"), QStringLiteral("Pony")}, {QStringLiteral("cost"), 1}};
    QTest::newRow("credit themselves") << Collection::WalletEntries << MutationOp::Create
                                       << QJsonObject{{QStringLiteral("delta"), 100}, {QStringLiteral("kind"), QStringLiteral("adjustment")},
                                                      {QStringLiteral("note"), QStringLiteral("because")}};
}

void tst_Chores::childIsRefused()
{
    QFETCH(Collection, collection);
    QFETCH(MutationOp, op);
    QFETCH(QJsonObject, fields);
    if (collection == Collection::WalletEntries)
        fields.insert(QStringLiteral("member_id"), m_child);
    const qint64 head = engine().headSeq();
    const MutationResult r = as(m_child, {{}, collection, op, {}, -1, fields});
    QVERIFY(!r.ok);
    QCOMPARE(r.error.code, QStringLiteral("forbidden"));
    QCOMPARE(engine().headSeq(), head);
}

void tst_Chores::childMayNotTickSomeoneElsesChore()
{
    const QString sam = addMember(QStringLiteral("Sam"), QStringLiteral("adult"));
    const QString samsChore = addChore({{QStringLiteral("assignee_id"), sam}});
    const MutationResult r = as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Create, {}, -1, {{QStringLiteral("chore_id"), samsChore}}});
    QVERIFY(!r.ok);
    QCOMPARE(r.error.code, QStringLiteral("forbidden"));
    const MutationResult forSam = as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Create, {}, -1,
                                               {{QStringLiteral("chore_id"), addChore({{QStringLiteral("title"), QStringLiteral("Anyone's")}})},
                                                {QStringLiteral("member_id"), sam}}});
    QVERIFY(!forSam.ok);
    QCOMPARE(forSam.error.code, QStringLiteral("forbidden"));
    // An unassigned chore is anyone's; approving it is not a child's to do.
    const MutationResult open = as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Create, {}, -1,
                                             {{QStringLiteral("chore_id"), addChore({{QStringLiteral("title"), QStringLiteral("Plants")}})}}});
    QVERIFY(open.ok);
    const MutationResult selfApproval = as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Update, open.entityId, -1,
                                                     {{QStringLiteral("status"), QStringLiteral("approved")}}});
    QVERIFY(!selfApproval.ok);
    QCOMPARE(selfApproval.error.code, QStringLiteral("forbidden"));
    QCOMPARE(balance(m_child), 0);
    // Taking back their own tick while it waits (the page's undo) is theirs to do; once it is
    // approved, or when it is someone else's, it is not.
    const MutationResult samsTick = as(sam, {{}, Collection::ChoreCompletions, MutationOp::Create, {}, -1, {{QStringLiteral("chore_id"), samsChore}}});
    QVERIFY(samsTick.ok);
    QCOMPARE(as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Delete, samsTick.entityId, -1, {}}).error.code, QStringLiteral("forbidden"));
    QVERIFY(as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Delete, open.entityId, -1, {}}).ok);
    const MutationResult again = as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Create, {}, -1,
                                              {{QStringLiteral("chore_id"), addChore({{QStringLiteral("title"), QStringLiteral("Bins")}})}}});
    QVERIFY(as(m_adult, {{}, Collection::ChoreCompletions, MutationOp::Update, again.entityId, -1, {{QStringLiteral("status"), QStringLiteral("approved")}}}).ok);
    QCOMPARE(as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Delete, again.entityId, -1, {}}).error.code, QStringLiteral("forbidden"));
    QCOMPARE(balance(m_child), 5);
}

void tst_Chores::rewardTooExpensiveIsRefused()
{
    auto &rewards = m_data->model<RewardsModel>(Collection::Rewards);
    const MutationResult pony = rewards.apply(rewards.addMutation(QStringLiteral("Pony ride"), 50));
    QVERIFY(pony.ok);
    const qint64 head = engine().headSeq();
    const MutationResult asked = as(m_child, {{}, Collection::Redemptions, MutationOp::Create, {}, -1, {{QStringLiteral("reward_id"), pony.entityId}}});
    QVERIFY(!asked.ok);
    QCOMPARE(asked.error.code, QStringLiteral("conflict"));
    QVERIFY2(asked.error.message.contains(QLatin1String("Not enough points: Mia has 0, and Pony ride costs 50.")),
             qPrintable(asked.error.message));
    QCOMPARE(engine().headSeq(), head);
}

void tst_Chores::fulfilDebitsAndTakesStock()
{
    auto &rewards = m_data->model<RewardsModel>(Collection::Rewards);
    auto &redemptions = m_data->model<RedemptionsModel>(Collection::Redemptions);
    auto &wallet = m_data->model<WalletModel>(Collection::WalletEntries);
    QVERIFY(wallet.apply(wallet.adjustMutation(m_child, 40, QStringLiteral("Birthday bonus"))).ok);
    const MutationResult ice = rewards.apply(rewards.addMutation(QStringLiteral("Ice cream"), 30, 1));
    const MutationResult asked = as(m_child, {{}, Collection::Redemptions, MutationOp::Create, {}, -1, {{QStringLiteral("reward_id"), ice.entityId}}});
    QVERIFY2(asked.ok, qPrintable(asked.error.message));
    QCOMPARE(redemptions.find(asked.entityId)->status, QStringLiteral("requested"));
    QVERIFY(!redemptions.apply(redemptions.declineMutation(asked.entityId, QString())).ok); // a reason is needed
    QVERIFY(redemptions.apply(redemptions.fulfilMutation(asked.entityId)).ok);
    QCOMPARE(wallet.balanceOf(m_child), 10);
    QCOMPARE(rewards.find(ice.entityId)->stock, 0);
    // Fulfilled is final, and the stock is gone.
    QVERIFY(!redemptions.apply(redemptions.declineMutation(asked.entityId, QStringLiteral("Changed my mind"))).ok);
    const MutationResult more = as(m_child, {{}, Collection::Redemptions, MutationOp::Create, {}, -1, {{QStringLiteral("reward_id"), ice.entityId}}});
    QVERIFY(!more.ok);
    QVERIFY(more.error.message.contains(QLatin1String("out of stock")));
}

void tst_Chores::allowanceWritesTransactionAndDebitTogether()
{
    auto &wallet = m_data->model<WalletModel>(Collection::WalletEntries);
    QVERIFY(wallet.apply(wallet.adjustMutation(m_child, 120, QStringLiteral("Saved up"))).ok);
    const int transactionsBefore = m_data->budget.rowCount();
    QSignalSpy changed(&engine(), &HouseholdEngine::changed);
    const MutationResult paid = wallet.apply(wallet.allowanceMutation(m_child, 100));
    QVERIFY2(paid.ok, qPrintable(paid.error.message));
    QCOMPARE(wallet.balanceOf(m_child), 20);
    QCOMPARE(m_data->budget.rowCount(), transactionsBefore + 1);
    const QString transactionId = wallet.find(paid.entityId)->sourceId;
    const auto t = m_data->budget.find(transactionId);
    QVERIFY(t);
    QCOMPARE(t->amountCents, 1000); // 100 points = 10.00
    QCOMPARE(t->category, QStringLiteral("Kids"));
    QCOMPARE(t->memberId, m_child);
    QCOMPARE(changed.size(), 2);
    // At the household's own rate: 25 cents a point makes 10 points 2.50.
    QVERIFY(m_data->household.apply(m_data->household.pointRateMutation(25)).ok);
    const MutationResult atRate = wallet.apply(wallet.allowanceMutation(m_child, 10));
    QVERIFY2(atRate.ok, qPrintable(atRate.error.message));
    QCOMPARE(m_data->budget.find(wallet.find(atRate.entityId)->sourceId)->amountCents, 250);
    QVERIFY(!m_data->household.apply(m_data->household.pointRateMutation(0)).ok);
    QCOMPARE(wallet.balanceOf(m_child), 10);
    // More than the balance: nothing at all is written.
    const qint64 head = engine().headSeq();
    QVERIFY(!wallet.apply(wallet.allowanceMutation(m_child, 11)).ok);
    QCOMPARE(engine().headSeq(), head);
    QCOMPARE(m_data->budget.rowCount(), transactionsBefore + 2);
}

void tst_Chores::ledgerIsNeverEditedByClients()
{
    auto &wallet = m_data->model<WalletModel>(Collection::WalletEntries);
    const MutationResult bonus = wallet.apply(wallet.adjustMutation(m_child, 10, QStringLiteral("Helped with the shopping")));
    QVERIFY(bonus.ok);
    QVERIFY(!wallet.apply(wallet.adjustMutation(m_child, 10, QString())).ok); // an adjustment needs a reason
    for (const Mutation &m : {Mutation{{}, Collection::WalletEntries, MutationOp::Update, bonus.entityId, -1, {{QStringLiteral("delta"), 1000}}},
                              wallet.removeMutation(bonus.entityId),
                              Mutation{{}, Collection::WalletEntries, MutationOp::Create, {}, -1,
                                       {{QStringLiteral("member_id"), m_child}, {QStringLiteral("delta"), 50},
                                        {QStringLiteral("kind"), QStringLiteral("completion")}, {QStringLiteral("source_id"), QStringLiteral("made-up")}}}}) {
        const MutationResult r = wallet.apply(m);
        QVERIFY(!r.ok);
        QCOMPARE(r.error.code, QStringLiteral("forbidden"));
    }
    QCOMPARE(wallet.balanceOf(m_child), 10);
}

void tst_Chores::aFailedConsequenceLeavesNothing()
{
    // An allowance whose transaction cannot be written (its id is taken): the entry, the
    // transaction and the head all stay as they were, and what an enclosing batch wrote stays.
    auto &wallet = m_data->model<WalletModel>(Collection::WalletEntries);
    QVERIFY(wallet.apply(wallet.adjustMutation(m_child, 50, QStringLiteral("Start"))).ok);
    StoreTransaction batch(m_home->store());
    const MutationResult before = engine().submit({{}, Collection::Pantry, MutationOp::Create, {}, -1, {{QStringLiteral("name"), QStringLiteral("Milk")}}});
    QVERIFY(before.ok);
    const qint64 head = engine().headSeq();
    QSqlQuery clash(m_home->store().database());
    QVERIFY(clash.exec(QStringLiteral("CREATE TRIGGER no_kids BEFORE INSERT ON transactions WHEN NEW.category = 'Kids' "
                                      "BEGIN SELECT RAISE(ABORT, 'kids budget closed'); END")));
    const MutationResult paid = wallet.apply(wallet.allowanceMutation(m_child, 10));
    QVERIFY(!paid.ok);
    QCOMPARE(engine().headSeq(), head);
    QVERIFY(batch.commit());
    QCOMPARE(wallet.balanceOf(m_child), 50);
    QCOMPARE(entries(), 1);
    QVERIFY(engine().entity(Collection::Pantry, before.entityId)); // the batch's other edit is kept
}

void tst_Chores::removingAMemberClearsTheirNames()
{
    const QString sam = addMember(QStringLiteral("Sam"), QStringLiteral("adult"));
    const QString chore = addChore({{QStringLiteral("assignee_id"), m_child},
                                    {QStringLiteral("rotation"), QStringLiteral("turn")},
                                    {QStringLiteral("rotation_members"), QStringList{m_child, sam}.join(QLatin1Char(','))}});
    QVERIFY(!chore.isEmpty());
    // The chore started a week ago and takes turns daily: its first day was Mia's.
    const MutationResult done = as(m_child, {{}, Collection::ChoreCompletions, MutationOp::Create, {}, -1,
                                             {{QStringLiteral("chore_id"), chore},
                                              {QStringLiteral("occurs_on"), m_home->clock.today().addDays(-7).toString(Qt::ISODate)}}});
    QVERIFY2(done.ok, qPrintable(done.error.message));
    QVERIFY(as(m_adult, {{}, Collection::ChoreCompletions, MutationOp::Update, done.entityId, -1, {{QStringLiteral("status"), QStringLiteral("approved")}}}).ok);
    QCOMPARE(balance(m_child), 5);

    const MutationResult removed = engine().submit({{}, Collection::Members, MutationOp::Delete, m_child, -1, {}});
    QVERIFY2(removed.ok, qPrintable(removed.error.message));
    QVERIFY(engine().entity(Collection::Chores, chore)->value(QLatin1String("assignee_id")).isNull());
    QVERIFY(engine().entity(Collection::ChoreCompletions, done.entityId)->value(QLatin1String("member_id")).isNull());
    QCOMPARE(entries(QStringLiteral("member_id IS NULL")), 1); // the ledger keeps the entry, nameless
    QCOMPARE(entries(), 1);
}

QTEST_GUILESS_MAIN(tst_Chores)
#include "tst_chores.moc"
