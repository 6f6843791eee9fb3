// GoalsModel: status (on track / behind / reached / overdue) against a fake clock, progress,
// the monthly amount still needed, contributions, and fine-grained signals under the tester.

#include "GoalsModel.h"
#include "ModelTestHelpers.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

using GoalStatus = GoalsModel::GoalStatus;

namespace {

Goal goal(qint64 target, qint64 saved, const QDate &targetDate, const QDate &startedOn = {},
          const QString &name = QStringLiteral("Holiday"))
{
    Goal g;
    g.name = name;
    g.targetCents = target;
    g.savedCents = saved;
    g.targetDate = targetDate;
    g.startedOn = startedOn;
    return g;
}

} // namespace

class tst_GoalsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void loadsUnderTester();
    void createUpdateDeleteSignals();
    void roleNamesAndData();

    void status_data();
    void status();
    void statusFollowsTheClock();
    void progressPercent_data();
    void progressPercent();
    void monthlyNeeded_data();
    void monthlyNeeded();
    void contribute();
    void contributionMutation();
    void addGoalStartsToday();

private:
    QDate today() const { return m_home->clock.today(); }

    std::unique_ptr<TempHousehold> m_home;
    std::unique_ptr<GoalsModel> m_goals;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_GoalsModel::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    m_home = std::make_unique<TempHousehold>(); // today is 2026-03-15
    QVERIFY2(m_home->isValid(), qPrintable(m_home->error()));
    QCOMPARE(today(), QDate(2026, 3, 15));
    m_goals = std::make_unique<GoalsModel>(m_home->engine(), m_home->clock);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_goals.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_goals->reload();
}

void tst_GoalsModel::cleanup()
{
    m_tester.reset();
    m_goals.reset();
    m_home.reset();
}

void tst_GoalsModel::loadsUnderTester()
{
    QCOMPARE(m_goals->rowCount(), 0);
    TempHousehold demo(true);
    QVERIFY2(demo.isValid(), qPrintable(demo.error()));
    GoalsModel goals(demo.engine(), demo.clock);
    QAbstractItemModelTester tester(&goals, QAbstractItemModelTester::FailureReportingMode::QtTest);
    goals.reload();
    QCOMPARE(goals.rowCount(), 3);
    QCOMPARE(goals.columnCount(), int(GoalsModel::ColumnCount));
}

void tst_GoalsModel::createUpdateDeleteSignals()
{
    QVERIFY(m_goals->apply(m_goals->addMutation(goal(100000, 0, QDate(2026, 12, 1), {}, QStringLiteral("Bike")))).ok);
    ModelSignals signals_(m_goals.get());
    const MutationResult r = m_goals->apply(m_goals->addMutation(goal(50000, 1000, QDate(2026, 8, 1))));
    QVERIFY(r.ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(1, 0, 0));
    QCOMPARE(signals_.inserted.at(0).at(1).toInt(), 1);

    signals_.clear();
    Goal edited = *m_goals->find(r.entityId);
    edited.name = QStringLiteral("Summer holiday");
    QVERIFY(m_goals->apply(m_goals->editMutation(r.entityId, edited)).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 1));
    QCOMPARE(signals_.changed.at(0).at(0).toModelIndex(), m_goals->index(1, 0));
    QCOMPARE(signals_.changed.at(0).at(1).toModelIndex(), m_goals->index(1, GoalsModel::ColumnCount - 1));
    QCOMPARE(m_goals->index(1, GoalsModel::Name).data().toString(), QStringLiteral("Summer holiday"));

    signals_.clear();
    edited.targetCents = 0;
    QVERIFY(!m_goals->apply(m_goals->editMutation(r.entityId, edited)).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 0));

    QVERIFY(m_goals->remove(r.entityId).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 1, 0));
    QCOMPARE(m_goals->rowCount(), 1);
}

void tst_GoalsModel::roleNamesAndData()
{
    const QList<QByteArray> names = m_goals->roleNames().values();
    for (const char *name : {"display", "id", "name", "targetCents", "savedCents", "targetDate", "progress", "status", "sortKey"})
        QVERIFY2(names.contains(QByteArray(name)), name);

    const MutationResult r = m_goals->apply(m_goals->addMutation(goal(80000, 20000, QDate(2026, 9, 15), QDate(2026, 3, 1), QStringLiteral("Bike"))));
    QVERIFY(r.ok);
    const QModelIndex i = m_goals->index(m_goals->rowOf(r.entityId), 0);
    QCOMPARE(i.data(GoalsModel::IdRole).toString(), r.entityId);
    QCOMPARE(i.data(GoalsModel::NameRole).toString(), QStringLiteral("Bike"));
    QCOMPARE(i.data(GoalsModel::TargetRole).toLongLong(), qint64(80000));
    QCOMPARE(i.data(GoalsModel::SavedRole).toLongLong(), qint64(20000));
    QCOMPARE(i.data(GoalsModel::TargetDateRole).toDate(), QDate(2026, 9, 15));
    QCOMPARE(i.data(GoalsModel::ProgressRole).toInt(), 25);
    QCOMPARE(i.data(GoalsModel::StatusRole).value<GoalStatus>(), GoalStatus::OnTrack);
    QCOMPARE(m_goals->index(i.row(), GoalsModel::Progress).data().toString(), QStringLiteral("25 %"));
    QCOMPARE(m_goals->index(i.row(), GoalsModel::Status).data().toString(), GoalsModel::statusText(GoalStatus::OnTrack));
    QVERIFY(m_goals->index(i.row(), GoalsModel::Target).data().toString().contains(QLatin1String("800")));
    for (int c = 0; c < GoalsModel::ColumnCount; ++c)
        QVERIFY(!m_goals->headerData(c, Qt::Horizontal).toString().isEmpty());
    for (GoalStatus s : {GoalStatus::OnTrack, GoalStatus::Behind, GoalStatus::Reached, GoalStatus::Overdue})
        QVERIFY(!GoalsModel::statusText(s).isEmpty());
}

void tst_GoalsModel::status_data()
{
    QTest::addColumn<qint64>("target");
    QTest::addColumn<qint64>("saved");
    QTest::addColumn<QDate>("startedOn");
    QTest::addColumn<QDate>("targetDate");
    QTest::addColumn<GoalStatus>("status");

    const QDate jan15(2026, 1, 15);
    const QDate may15(2026, 5, 15); // 120 days after 15 January; today (15 March) is day 59
    QTest::newRow("reached") << qint64(1000) << qint64(1000) << jan15 << may15 << GoalStatus::Reached;
    QTest::newRow("more than reached") << qint64(1000) << qint64(1500) << jan15 << may15 << GoalStatus::Reached;
    QTest::newRow("reached after the date") << qint64(1000) << qint64(1000) << jan15 << QDate(2026, 3, 1) << GoalStatus::Reached;
    QTest::newRow("overdue since yesterday") << qint64(1000) << qint64(999) << jan15 << QDate(2026, 3, 14) << GoalStatus::Overdue;
    QTest::newRow("due today, not reached") << qint64(1000) << qint64(999) << jan15 << QDate(2026, 3, 15) << GoalStatus::Behind;
    QTest::newRow("ahead of pace") << qint64(120000) << qint64(60000) << jan15 << may15 << GoalStatus::OnTrack;
    QTest::newRow("exactly on pace") << qint64(120000) << qint64(59000) << jan15 << may15 << GoalStatus::OnTrack;
    QTest::newRow("one cent behind pace") << qint64(120000) << qint64(58999) << jan15 << may15 << GoalStatus::Behind;
    QTest::newRow("nothing saved halfway") << qint64(120000) << qint64(0) << jan15 << may15 << GoalStatus::Behind;
    QTest::newRow("started today, nothing saved") << qint64(1000) << qint64(0) << QDate(2026, 3, 15) << may15 << GoalStatus::OnTrack;
    QTest::newRow("no start date") << qint64(1000) << qint64(0) << QDate() << may15 << GoalStatus::OnTrack;
    QTest::newRow("starts next month") << qint64(1000) << qint64(0) << QDate(2026, 4, 1) << may15 << GoalStatus::OnTrack;
}

void tst_GoalsModel::status()
{
    QFETCH(qint64, target);
    QFETCH(qint64, saved);
    QFETCH(QDate, startedOn);
    QFETCH(QDate, targetDate);
    QFETCH(GoalStatus, status);

    QCOMPARE(m_goals->status(goal(target, saved, targetDate, startedOn)), status);

    // The same through a stored goal and the model's role.
    const MutationResult r = m_home->engine().submit(Mutation{
        {}, Collection::Goals, MutationOp::Create, {}, -1,
        {{QStringLiteral("name"), QStringLiteral("Goal")},
         {QStringLiteral("target_cents"), target},
         {QStringLiteral("saved_cents"), saved},
         {QStringLiteral("target_date"), targetDate.toString(Qt::ISODate)},
         {QStringLiteral("started_on"), startedOn.isValid() ? QJsonValue(startedOn.toString(Qt::ISODate)) : QJsonValue()}}});
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(m_goals->index(m_goals->rowOf(r.entityId), 0).data(GoalsModel::StatusRole).value<GoalStatus>(), status);
}

void tst_GoalsModel::statusFollowsTheClock()
{
    const Goal g = goal(100000, 50000, QDate(2026, 6, 1), QDate(2026, 2, 1));
    m_home->clock.setToday(QDate(2026, 3, 1));
    QCOMPARE(m_goals->status(g), GoalStatus::OnTrack);
    m_home->clock.setToday(QDate(2026, 5, 1));
    QCOMPARE(m_goals->status(g), GoalStatus::Behind);
    m_home->clock.setToday(QDate(2026, 6, 2));
    QCOMPARE(m_goals->status(g), GoalStatus::Overdue);
}

void tst_GoalsModel::progressPercent_data()
{
    QTest::addColumn<qint64>("saved");
    QTest::addColumn<qint64>("target");
    QTest::addColumn<int>("percent");
    QTest::newRow("nothing") << qint64(0) << qint64(1000) << 0;
    QTest::newRow("half") << qint64(500) << qint64(1000) << 50;
    QTest::newRow("99.9 % is not yet 100") << qint64(999) << qint64(1000) << 99;
    QTest::newRow("a third") << qint64(1) << qint64(3) << 33;
    QTest::newRow("two thirds") << qint64(2) << qint64(3) << 66;
    QTest::newRow("all") << qint64(1000) << qint64(1000) << 100;
    QTest::newRow("more than all is capped") << qint64(5000) << qint64(1000) << 100;
    QTest::newRow("no target") << qint64(10) << qint64(0) << 0;
    QTest::newRow("large amounts") << qint64(4'999'999'999'99LL) << qint64(10'000'000'000'00LL) << 49;
}

void tst_GoalsModel::progressPercent()
{
    QFETCH(qint64, saved);
    QFETCH(qint64, target);
    QFETCH(int, percent);
    QCOMPARE(GoalsModel::progressPercent(goal(target, saved, QDate(2026, 12, 1))), percent);
}

void tst_GoalsModel::monthlyNeeded_data()
{
    QTest::addColumn<qint64>("target");
    QTest::addColumn<qint64>("saved");
    QTest::addColumn<QDate>("targetDate");
    QTest::addColumn<qint64>("monthly");
    // Today is 15 March 2026.
    QTest::newRow("three months to go") << qint64(90000) << qint64(0) << QDate(2026, 6, 15) << qint64(30000);
    QTest::newRow("rounded up to the cent") << qint64(100001) << qint64(0) << QDate(2026, 6, 15) << qint64(33334);
    QTest::newRow("part saved") << qint64(90000) << qint64(30000) << QDate(2026, 6, 15) << qint64(20000);
    QTest::newRow("across the new year") << qint64(120000) << qint64(20000) << QDate(2027, 1, 10) << qint64(10000);
    QTest::newRow("this month") << qint64(5000) << qint64(1000) << QDate(2026, 3, 31) << qint64(4000);
    QTest::newRow("past the date: all of it now") << qint64(5000) << qint64(1000) << QDate(2025, 12, 1) << qint64(4000);
    QTest::newRow("reached") << qint64(5000) << qint64(5000) << QDate(2026, 6, 15) << qint64(0);
    QTest::newRow("more than reached") << qint64(5000) << qint64(7000) << QDate(2026, 6, 15) << qint64(0);
}

void tst_GoalsModel::monthlyNeeded()
{
    QFETCH(qint64, target);
    QFETCH(qint64, saved);
    QFETCH(QDate, targetDate);
    QFETCH(qint64, monthly);
    QCOMPARE(m_goals->monthlyNeededCents(goal(target, saved, targetDate)), monthly);
}

void tst_GoalsModel::contribute()
{
    const MutationResult r = m_goals->apply(m_goals->addMutation(goal(100000, 0, QDate(2026, 12, 1))));
    QVERIFY(r.ok);
    ModelSignals signals_(m_goals.get());

    const MutationResult first = m_goals->apply(m_goals->contributionMutation(r.entityId, 25000));
    QVERIFY(first.ok);
    QCOMPARE(first.rev, qint64(2));
    QCOMPARE(m_goals->find(r.entityId)->savedCents, qint64(25000));
    QCOMPARE(m_goals->find(r.entityId)->rev, qint64(2));
    QVERIFY(m_goals->apply(m_goals->contributionMutation(r.entityId, 1)).ok);
    QVERIFY(m_goals->apply(m_goals->contributionMutation(r.entityId, -5001)).ok); // taking money out again
    QCOMPARE(m_goals->find(r.entityId)->savedCents, qint64(20000));
    QCOMPARE(m_home->engine().entity(Collection::Goals, r.entityId)->value(QLatin1String("saved_cents")).toInteger(), qint64(20000));
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 3));

    signals_.clear();
    const MutationResult tooMuch = m_goals->apply(m_goals->contributionMutation(r.entityId, -20001));
    QVERIFY(!tooMuch.ok);
    QCOMPARE(tooMuch.error.code, QStringLiteral("invalid"));
    QCOMPARE(tooMuch.error.field, QStringLiteral("saved_cents"));
    const MutationResult ghost = m_goals->apply(m_goals->contributionMutation(QStringLiteral("ghost"), 100));
    QCOMPARE(ghost.error.code, QStringLiteral("not_found"));
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 0));
    QCOMPARE(m_goals->find(r.entityId)->savedCents, qint64(20000));

    // Reaching the target flips the status.
    QVERIFY(m_goals->apply(m_goals->contributionMutation(r.entityId, 80000)).ok);
    QCOMPARE(m_goals->status(*m_goals->find(r.entityId)), GoalStatus::Reached);
    QCOMPARE(GoalsModel::progressPercent(*m_goals->find(r.entityId)), 100);
}

void tst_GoalsModel::contributionMutation()
{
    const MutationResult r = m_goals->apply(m_goals->addMutation(goal(100000, 3000, QDate(2026, 12, 1))));
    QVERIFY(r.ok);
    const Mutation m = m_goals->contributionMutation(r.entityId, 2000);
    QCOMPARE(m.collection, Collection::Goals);
    QCOMPARE(m.op, MutationOp::Update);
    QCOMPARE(m.entityId, r.entityId);
    // A step, not the sum: contributions made at once on two devices both count.
    QCOMPARE(m.fields.value(QLatin1String("saved_cents_delta")).toInteger(), qint64(2000));
    QCOMPARE(m.fields.size(), 1);
    QVERIFY(m_goals->apply(m).ok);
    QCOMPARE(m_goals->find(r.entityId)->savedCents, qint64(5000));
}

void tst_GoalsModel::addGoalStartsToday()
{
    const MutationResult a = m_goals->apply(m_goals->addMutation(goal(1000, 0, QDate(2026, 12, 1))));
    QVERIFY(a.ok);
    QCOMPARE(m_goals->find(a.entityId)->startedOn, today());
    const MutationResult b = m_goals->apply(m_goals->addMutation(goal(1000, 0, QDate(2026, 12, 1), QDate(2025, 6, 1))));
    QVERIFY(b.ok);
    QCOMPARE(m_goals->find(b.entityId)->startedOn, QDate(2025, 6, 1));
}

QTEST_GUILESS_MAIN(tst_GoalsModel)
#include "tst_goalsmodel.moc"
