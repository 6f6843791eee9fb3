// BudgetModel, BudgetSummary and MonthFilterProxy: month arithmetic in integer cents (month and
// year boundaries, refunds), category totals, the 80 % / 100 % status thresholds, and
// fine-grained signals under QAbstractItemModelTester.

#include "BudgetModel.h"
#include "HouseholdModel.h"
#include "ModelTestHelpers.h"
#include "Proxies.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <limits>

using namespace hearth;
using namespace hearth::test;

using Status = BudgetSummary::Status;
Q_DECLARE_METATYPE(hearth::BudgetSummary::Status)

namespace {

BudgetTransaction spend(const QDate &date, qint64 cents, const QString &category = QStringLiteral("Groceries"),
                        const QString &description = QStringLiteral("Shop"), const QString &member = {})
{
    BudgetTransaction t;
    t.occurredOn = date;
    t.amountCents = cents;
    t.category = category;
    t.description = description;
    t.memberId = member;
    return t;
}

QList<QPair<QString, qint64>> totals(const BudgetSummary &s)
{
    QList<QPair<QString, qint64>> list;
    for (const CategoryTotal &c : s.categories)
        list.append({c.category, c.cents});
    return list;
}

} // namespace

class tst_BudgetModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void loadsUnderTester();
    void createUpdateDeleteSignals();
    void roleNamesAndData();
    void currencyChangeIsOneDataChanged();

    void monthBoundaries_data();
    void monthBoundaries();
    void categoryTotalsSorted();
    void refundsReduceSpending();
    void incomeIsNotSpending();
    void status_data();
    void status();
    void statusFromTransactions();
    void summaryFollowsEdits();

    void monthProxy();
    void monthProxyFollowsChanges();

private:
    QString add(const BudgetTransaction &t)
    {
        const MutationResult r = m_budget->apply(m_budget->addMutation(t));
        if (!r.ok)
            qFatal("could not add %s: %s", qPrintable(t.description), qPrintable(r.error.message));
        return r.entityId;
    }

    std::unique_ptr<TempHousehold> m_home;
    std::unique_ptr<MembersModel> m_members;
    std::unique_ptr<BudgetModel> m_budget;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_BudgetModel::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    m_home = std::make_unique<TempHousehold>();
    QVERIFY2(m_home->isValid(), qPrintable(m_home->error()));
    m_members = std::make_unique<MembersModel>(m_home->engine());
    m_members->reload();
    m_budget = std::make_unique<BudgetModel>(m_home->engine(), *m_members);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_budget.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_budget->reload();
}

void tst_BudgetModel::cleanup()
{
    m_tester.reset();
    m_budget.reset();
    m_members.reset();
    m_home.reset();
}

void tst_BudgetModel::loadsUnderTester()
{
    QCOMPARE(m_budget->rowCount(), 0);
    QCOMPARE(m_budget->columnCount(), int(BudgetModel::ColumnCount));

    TempHousehold demo(true);
    QVERIFY2(demo.isValid(), qPrintable(demo.error()));
    MembersModel members(demo.engine());
    QAbstractItemModelTester membersTester(&members, QAbstractItemModelTester::FailureReportingMode::QtTest);
    members.reload();
    BudgetModel budget(demo.engine(), members);
    QAbstractItemModelTester tester(&budget, QAbstractItemModelTester::FailureReportingMode::QtTest);
    budget.reload();
    QCOMPARE(budget.rowCount(), int(countRows(demo.store(), QStringLiteral("transactions"))));
    QVERIFY(budget.rowCount() > 10);
}

void tst_BudgetModel::createUpdateDeleteSignals()
{
    add(spend(QDate(2026, 3, 1), 500));
    ModelSignals signals_(m_budget.get());

    const QString id = add(spend(QDate(2026, 3, 2), 1250));
    QCOMPARE(signals_.counts(), ModelSignals::expected(1, 0, 0));
    QCOMPARE(signals_.inserted.at(0).at(1).toInt(), 1);

    signals_.clear();
    BudgetTransaction edited = *m_budget->find(id);
    edited.amountCents = 1300;
    QVERIFY(m_budget->apply(m_budget->editMutation(id, edited)).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 1));
    QCOMPARE(signals_.changed.at(0).at(0).toModelIndex(), m_budget->index(1, 0));
    QCOMPARE(signals_.changed.at(0).at(1).toModelIndex(), m_budget->index(1, BudgetModel::ColumnCount - 1));
    QCOMPARE(m_budget->find(id)->amountCents, qint64(1300));

    signals_.clear();
    QVERIFY(!m_budget->apply(m_budget->editMutation(id, spend(QDate(2026, 3, 2), 0))).ok); // zero refused
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 0));

    QVERIFY(m_budget->remove(id).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 1, 0));
    QCOMPARE(m_budget->rowCount(), 1);
}

void tst_BudgetModel::roleNamesAndData()
{
    const QList<QByteArray> names = m_budget->roleNames().values();
    for (const char *name : {"display", "id", "date", "description", "category", "amountCents", "memberId", "memberName",
                             "monthKey", "sortKey"})
        QVERIFY2(names.contains(QByteArray(name)), name);

    const QString owner = m_home->engine().actingMemberId();
    const QString id = add(spend(QDate(2026, 2, 28), 4599, QStringLiteral("Fun"), QStringLiteral("Cinema"), owner));
    const QModelIndex i = m_budget->index(m_budget->rowOf(id), 0);
    QCOMPARE(i.data(BudgetModel::IdRole).toString(), id);
    QCOMPARE(i.data(BudgetModel::DateRole).toDate(), QDate(2026, 2, 28));
    QCOMPARE(i.data(BudgetModel::DescriptionRole).toString(), QStringLiteral("Cinema"));
    QCOMPARE(i.data(BudgetModel::CategoryRole).toString(), QStringLiteral("Fun"));
    QCOMPARE(i.data(BudgetModel::AmountRole).toLongLong(), qint64(4599));
    QCOMPARE(i.data(BudgetModel::MemberIdRole).toString(), owner);
    QCOMPARE(i.data(BudgetModel::MemberNameRole).toString(), QStringLiteral("Alex"));
    QCOMPARE(i.data(BudgetModel::MonthKeyRole).toInt(), 202602);
    QCOMPARE(m_budget->index(i.row(), BudgetModel::Member).data().toString(), QStringLiteral("Alex"));
    QVERIFY(m_budget->index(i.row(), BudgetModel::Amount).data().toString().contains(QLatin1String("45")));
    QCOMPARE(m_budget->index(i.row(), BudgetModel::Amount).data(BudgetModel::SortRole).toLongLong(), qint64(4599));
    for (int c = 0; c < BudgetModel::ColumnCount; ++c)
        QVERIFY(!m_budget->headerData(c, Qt::Horizontal).toString().isEmpty());
    QCOMPARE(m_budget->categories(), QStringList{QStringLiteral("Fun")});
}

void tst_BudgetModel::currencyChangeIsOneDataChanged()
{
    add(spend(QDate(2026, 3, 1), 100));
    add(spend(QDate(2026, 3, 2), 200));
    ModelSignals signals_(m_budget.get());
    m_budget->setCurrency(QStringLiteral("USD"));
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 1));
    QCOMPARE(signals_.changed.at(0).at(0).toModelIndex(), m_budget->index(0, BudgetModel::Amount));
    QCOMPARE(signals_.changed.at(0).at(1).toModelIndex(), m_budget->index(1, BudgetModel::Amount));
    QVERIFY(m_budget->index(0, BudgetModel::Amount).data().toString().contains(QLatin1Char('$')));
    m_budget->setCurrency(QStringLiteral("USD")); // unchanged: no signal
    QCOMPARE(signals_.changed.count(), 1);
    QCOMPARE(m_budget->currency(), QStringLiteral("USD"));
}

void tst_BudgetModel::monthBoundaries_data()
{
    QTest::addColumn<int>("year");
    QTest::addColumn<int>("month");
    QTest::addColumn<qint64>("spent");
    // Rows added in monthBoundaries(): 2025-12-01 1, 2025-12-31 10, 2026-01-01 100, 2026-01-31 1000,
    // 2026-02-01 10000, 2026-02-28 100000, 2026-03-01 1000000, 2027-01-15 10000000, 2028-02-29 7.
    QTest::newRow("December 2025 (first and last day)") << 2025 << 12 << qint64(11);
    QTest::newRow("January 2026 across the year boundary") << 2026 << 1 << qint64(1100);
    QTest::newRow("February 2026 (28 days)") << 2026 << 2 << qint64(110000);
    QTest::newRow("March 2026 (first day only)") << 2026 << 3 << qint64(1000000);
    QTest::newRow("April 2026 (nothing)") << 2026 << 4 << qint64(0);
    QTest::newRow("January 2027, same month next year") << 2027 << 1 << qint64(10000000);
    QTest::newRow("February 2028 (leap day)") << 2028 << 2 << qint64(7);
    QTest::newRow("November 2025 (nothing)") << 2025 << 11 << qint64(0);
}

void tst_BudgetModel::monthBoundaries()
{
    QFETCH(int, year);
    QFETCH(int, month);
    QFETCH(qint64, spent);
    add(spend(QDate(2025, 12, 1), 1));
    add(spend(QDate(2025, 12, 31), 10));
    add(spend(QDate(2026, 1, 1), 100));
    add(spend(QDate(2026, 1, 31), 1000));
    add(spend(QDate(2026, 2, 1), 10000));
    add(spend(QDate(2026, 2, 28), 100000));
    add(spend(QDate(2026, 3, 1), 1000000));
    add(spend(QDate(2027, 1, 15), 10000000));
    add(spend(QDate(2028, 2, 29), 7));

    const BudgetSummary s = m_budget->summary(year, month, 60000);
    QCOMPARE(s.year, year);
    QCOMPARE(s.month, month);
    QCOMPARE(s.spentCents, spent);
    QCOMPARE(s.limitCents, qint64(60000));
    QCOMPARE(s.remainingCents(), 60000 - spent);
    qint64 sum = 0;
    for (const CategoryTotal &c : s.categories)
        sum += c.cents;
    QCOMPARE(sum, spent);
}

void tst_BudgetModel::categoryTotalsSorted()
{
    add(spend(QDate(2026, 3, 1), 1000, QStringLiteral("Fun")));
    add(spend(QDate(2026, 3, 2), 2500, QStringLiteral("Groceries")));
    add(spend(QDate(2026, 3, 3), 1500, QStringLiteral("Groceries")));
    add(spend(QDate(2026, 3, 4), 4000, QStringLiteral("Utilities")));
    add(spend(QDate(2026, 3, 5), 1000, QStringLiteral("Eating out")));
    add(spend(QDate(2026, 3, 6), 333, QString())); // no category: stored as given, shown as "Other"
    add(spend(QDate(2026, 4, 1), 99999, QStringLiteral("Fun"))); // another month
    add(spend(QDate(2026, 2, 28), 99999, QStringLiteral("Home")));

    const BudgetSummary s = m_budget->summary(2026, 3, 100000);
    const QList<QPair<QString, qint64>> expected{{QStringLiteral("Groceries"), 4000}, {QStringLiteral("Utilities"), 4000},
                                                 {QStringLiteral("Eating out"), 1000}, {QStringLiteral("Fun"), 1000},
                                                 {QStringLiteral("Other"), 333}};
    QCOMPARE(totals(s), expected);
    QCOMPARE(s.spentCents, qint64(10333));
}

void tst_BudgetModel::incomeIsNotSpending()
{
    add(spend(QDate(2026, 3, 1), -320000, kIncomeCategory, QStringLiteral("Salary")));
    add(spend(QDate(2026, 3, 2), 4599, QStringLiteral("Groceries")));
    add(spend(QDate(2026, 3, 5), -599, QStringLiteral("Groceries"), QStringLiteral("Refund")));
    const BudgetSummary s = m_budget->summary(2026, 3, 10000);
    QCOMPARE(s.spentCents, qint64(4000));
    QCOMPARE(s.incomeCents, qint64(320000));
    QCOMPARE(s.percentUsed(), 40);
    const QList<QPair<QString, qint64>> expected{{QStringLiteral("Groceries"), 4000}};
    QCOMPARE(totals(s), expected);
}

void tst_BudgetModel::refundsReduceSpending()
{
    add(spend(QDate(2026, 3, 3), 8999, QStringLiteral("Clothes"), QStringLiteral("Shoes")));
    add(spend(QDate(2026, 3, 9), -8999, QStringLiteral("Clothes"), QStringLiteral("Shoes returned")));
    add(spend(QDate(2026, 3, 10), 2050, QStringLiteral("Groceries")));
    add(spend(QDate(2026, 3, 11), -50, QStringLiteral("Groceries"), QStringLiteral("Bottle deposit")));
    const BudgetSummary s = m_budget->summary(2026, 3, 10000);
    QCOMPARE(s.spentCents, qint64(2000));
    QCOMPARE(s.remainingCents(), qint64(8000));
    QCOMPARE(s.percentUsed(), 20);
    QCOMPARE(s.status(), Status::Fine);
    const QList<QPair<QString, qint64>> expected{{QStringLiteral("Groceries"), 2000}, {QStringLiteral("Clothes"), 0}};
    QCOMPARE(totals(s), expected);

    // A refund that arrives in the next month lowers that month, not the one of the purchase.
    add(spend(QDate(2026, 4, 2), -2000, QStringLiteral("Groceries"), QStringLiteral("Refund")));
    QCOMPARE(m_budget->summary(2026, 3, 10000).spentCents, qint64(2000));
    QCOMPARE(m_budget->summary(2026, 4, 10000).spentCents, qint64(-2000));
    QCOMPARE(m_budget->summary(2026, 4, 10000).status(), Status::Fine);
    QCOMPARE(m_budget->summary(2026, 4, 10000).remainingCents(), qint64(12000));
}

void tst_BudgetModel::status_data()
{
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<qint64>("spent");
    QTest::addColumn<int>("percent");
    QTest::addColumn<Status>("status");

    QTest::newRow("nothing spent") << qint64(60000) << qint64(0) << 0 << Status::Fine;
    QTest::newRow("half") << qint64(60000) << qint64(30000) << 50 << Status::Fine;
    QTest::newRow("79.99 %") << qint64(60000) << qint64(47994) << 79 << Status::Fine;
    QTest::newRow("one cent under 80 %") << qint64(60000) << qint64(47999) << 79 << Status::Fine;
    QTest::newRow("exactly 80 %") << qint64(60000) << qint64(48000) << 80 << Status::Warning;
    QTest::newRow("exactly 80 % of an odd limit") << qint64(12345) << qint64(9876) << 80 << Status::Warning;
    QTest::newRow("just under 80 % of an odd limit") << qint64(12345) << qint64(9875) << 79 << Status::Fine;
    QTest::newRow("99.99 %") << qint64(60000) << qint64(59994) << 99 << Status::Warning;
    QTest::newRow("exactly 100 %") << qint64(60000) << qint64(60000) << 100 << Status::Warning;
    QTest::newRow("100.01 %") << qint64(60000) << qint64(60006) << 100 << Status::Over;
    QTest::newRow("one cent over") << qint64(60000) << qint64(60001) << 100 << Status::Over;
    QTest::newRow("double") << qint64(60000) << qint64(120000) << 200 << Status::Over;
    QTest::newRow("refunds only") << qint64(60000) << qint64(-500) << 0 << Status::Fine;
    QTest::newRow("refunds worth 10 % of the limit") << qint64(60000) << qint64(-6000) << 0 << Status::Fine;
    QTest::newRow("no limit, nothing spent") << qint64(0) << qint64(0) << 0 << Status::Fine;
    QTest::newRow("no limit, something spent") << qint64(0) << qint64(1) << 100 << Status::Over;
    QTest::newRow("a tiny limit hugely overspent") << qint64(1) << qint64(100'000'000'000LL) << std::numeric_limits<int>::max()
                                                   << Status::Over;
    QTest::newRow("huge amounts stay exact") << qint64(1'000'000'000'000LL) << qint64(800'000'000'000LL) << 80 << Status::Warning;
    QTest::newRow("huge amounts, one cent under") << qint64(1'000'000'000'000LL) << qint64(799'999'999'999LL) << 79 << Status::Fine;
}

void tst_BudgetModel::status()
{
    QFETCH(qint64, limit);
    QFETCH(qint64, spent);
    QFETCH(int, percent);
    QFETCH(Status, status);
    BudgetSummary s;
    s.limitCents = limit;
    s.spentCents = spent;
    QCOMPARE(s.percentUsed(), percent);
    QCOMPARE(s.status(), status);
}

void tst_BudgetModel::statusFromTransactions()
{
    // The same thresholds reached through real transactions on the month's edges.
    add(spend(QDate(2026, 3, 1), 20000));
    add(spend(QDate(2026, 3, 31), 27994)); // 47994 of 60000 = 79.99 %
    add(spend(QDate(2026, 4, 1), 50000));  // next month: not counted
    add(spend(QDate(2026, 2, 28), 50000)); // previous month: not counted
    QCOMPARE(m_budget->summary(2026, 3, 60000).status(), Status::Fine);
    const QString cents = add(spend(QDate(2026, 3, 15), 6)); // 48000 = 80 %
    QCOMPARE(m_budget->summary(2026, 3, 60000).status(), Status::Warning);
    QCOMPARE(m_budget->summary(2026, 3, 60000).percentUsed(), 80);
    QVERIFY(m_budget->update(cents, {{QStringLiteral("amount_cents"), 12006}}).ok); // 60000 = 100 %
    QCOMPARE(m_budget->summary(2026, 3, 60000).status(), Status::Warning);
    QVERIFY(m_budget->update(cents, {{QStringLiteral("amount_cents"), 12012}}).ok); // 60006 = 100.01 %
    QCOMPARE(m_budget->summary(2026, 3, 60000).status(), Status::Over);
    QCOMPARE(m_budget->summary(2026, 3, 60000).remainingCents(), qint64(-6));
}

void tst_BudgetModel::summaryFollowsEdits()
{
    const QString id = add(spend(QDate(2026, 3, 31), 1000));
    QCOMPARE(m_budget->summary(2026, 3, 0).spentCents, qint64(1000));
    // Moved to the next day: it leaves March and joins April.
    QVERIFY(m_budget->update(id, {{QStringLiteral("occurred_on"), QStringLiteral("2026-04-01")}}).ok);
    QCOMPARE(m_budget->summary(2026, 3, 0).spentCents, qint64(0));
    QCOMPARE(m_budget->summary(2026, 4, 0).spentCents, qint64(1000));
    QVERIFY(m_budget->remove(id).ok);
    QCOMPARE(m_budget->summary(2026, 4, 0).spentCents, qint64(0));
    QVERIFY(m_budget->summary(2026, 4, 0).categories.isEmpty());
}

void tst_BudgetModel::monthProxy()
{
    add(spend(QDate(2025, 12, 31), 1, QStringLiteral("A"), QStringLiteral("new year's eve")));
    add(spend(QDate(2026, 1, 1), 2, QStringLiteral("A"), QStringLiteral("new year")));
    add(spend(QDate(2026, 1, 31), 3, QStringLiteral("A"), QStringLiteral("end of January")));
    add(spend(QDate(2026, 2, 1), 4, QStringLiteral("A"), QStringLiteral("February")));

    MonthFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(m_budget.get());
    QCOMPARE(proxy.rowCount(), 0); // no month chosen yet

    proxy.setMonth(2026, 1);
    QCOMPARE(proxy.year(), 2026);
    QCOMPARE(proxy.month(), 1);
    QCOMPARE(proxy.rowCount(), 2);
    proxy.sort(BudgetModel::Date, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data(BudgetModel::DescriptionRole).toString(), QStringLiteral("end of January"));
    QCOMPARE(proxy.index(1, 0).data(BudgetModel::DescriptionRole).toString(), QStringLiteral("new year"));

    proxy.setMonth(2025, 12);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(BudgetModel::DescriptionRole).toString(), QStringLiteral("new year's eve"));
    proxy.setMonth(2026, 2);
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setMonth(2026, 3);
    QCOMPARE(proxy.rowCount(), 0);
}

void tst_BudgetModel::monthProxyFollowsChanges()
{
    const QString id = add(spend(QDate(2026, 3, 31), 100, QStringLiteral("A"), QStringLiteral("last of March")));
    MonthFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(m_budget.get());
    proxy.setMonth(2026, 3);
    QCOMPARE(proxy.rowCount(), 1);

    ModelSignals signals_(&proxy);
    add(spend(QDate(2026, 3, 1), 100, QStringLiteral("A"), QStringLiteral("first of March")));
    add(spend(QDate(2026, 4, 1), 100, QStringLiteral("A"), QStringLiteral("first of April")));
    QCOMPARE(proxy.rowCount(), 2);
    QVERIFY(m_budget->update(id, {{QStringLiteral("occurred_on"), QStringLiteral("2026-04-01")}}).ok);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(BudgetModel::DescriptionRole).toString(), QStringLiteral("first of March"));
    QCOMPARE(signals_.reset.count(), 0);
    QCOMPARE(signals_.inserted.count(), 1);
    QCOMPARE(signals_.removed.count(), 1);
}

QTEST_GUILESS_MAIN(tst_BudgetModel)
#include "tst_budgetmodel.moc"
