// The budget page on a real household store, driven through its widgets: adding through the real
// transaction dialog (totals, chart and category table follow), inline validation that keeps the
// dialog open, month switching by buttons and keys, the 80 % / 100 % banner (all amounts in cents),
// the monthly limit field, editing, deleting, and undo / redo.

#include "BudgetPage.h"
#include "Confirmer.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "MeterBar.h"
#include "Money.h"
#include "MoneyEdit.h"
#include "PageHarness.h"
#include "ScriptedConfirmer.h"
#include "TestSupport.h"
#include "Palette.h"
#include "Theme.h"
#include "TransactionDialog.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPieSeries>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
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

class TestBudgetPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Month names and amounts as an English-speaking household types them, whatever the machine's locale.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_palette = QApplication::palette();
    }
    void cleanup();

    void emptyMonthSaysWhatToDo();
    void addThroughDialogShowsInTableAndTotals();
    void invalidInputKeepsDialogOpen_data();
    void invalidInputKeepsDialogOpen();
    void switchingMonthsFilters();
    void newTransactionInAnotherMonthShowsThatMonth();
    void bannerAtThresholds_data();
    void bannerAtThresholds();
    void badLimitShowsErrorAndChangesNothing_data();
    void badLimitShowsErrorAndChangesNothing();
    void limitIsUndoable();
    void undoRedoTransaction();
    void editWithEnterAndDeleteWithKey();
    void refundsCountAgainstSpending();
    void chartFollowsPalette();

private:
    void start();
    QString addTransaction(const QDate &date, const QString &description, const QString &category, qint64 cents);
    void setLimit(qint64 cents);
    TransactionDialog *openDialog() const;
    QStringList descriptionsInTable() const;
    void selectRow(const QString &description);
    static void retype(QLineEdit *edit, const QString &text);

    QDate today() const { return m_household->clock.today(); }
    QTableView *table() const { return m_page->transactionsView(); }
    QLabel *banner() const { return m_page->findChild<QLabel *>(QStringLiteral("banner")); }
    MoneyEdit *limitEdit() const { return m_page->findChild<MoneyEdit *>(QStringLiteral("limitEdit")); }
    QLabel *limitError() const;
    QTableWidget *categoryTable() const { return m_page->findChild<QTableWidget *>(QStringLiteral("categoryTable")); }
    QLabel *transactionsEmpty() const;
    QString monthLabel() const { return m_page->findChild<QLabel *>(QStringLiteral("monthLabel"))->text(); }
    qint64 categoryCents(const QString &category) const;

    std::unique_ptr<test::PageHarness> m_harness;
    // Short names for the harness's parts, set by start().
    test::TempHousehold *m_household = nullptr;
    HouseholdData *m_data = nullptr;
    QUndoStack *m_stack = nullptr;
    EditHistory *m_history = nullptr;
    TestConfirmer *m_confirmer = nullptr;
    std::unique_ptr<BudgetPage> m_page;
    QPalette m_palette;
};

void TestBudgetPage::start()
{
    m_harness = std::make_unique<test::PageHarness>();
    QVERIFY2(m_harness->isValid(), qPrintable(m_harness->household.error()));
    m_household = &m_harness->household;
    m_data = &*m_harness->data;
    m_stack = &m_harness->undo;
    m_history = &m_harness->history;
    m_confirmer = &m_harness->confirmer;
    m_page = m_harness->show<BudgetPage>(QSize(1100, 760));
    QVERIFY(m_page);
}

void TestBudgetPage::cleanup()
{
    m_page.reset();
    m_harness.reset();
    QApplication::setPalette(m_palette);
}

QString TestBudgetPage::addTransaction(const QDate &date, const QString &description, const QString &category, qint64 cents)
{
    // Another member's edit, straight through the engine: the page has to follow it live.
    BudgetTransaction t;
    t.occurredOn = date;
    t.description = description;
    t.category = category;
    t.amountCents = cents;
    const MutationResult r = m_household->engine().submit(
        Mutation{{}, Collection::Transactions, MutationOp::Create, {}, -1, t.toFields()});
    if (!r.ok)
        qWarning("could not add a transaction: %s", qPrintable(r.error.message));
    return r.entityId;
}

void TestBudgetPage::setLimit(qint64 cents)
{
    retype(limitEdit(), Money::formatPlain(cents));
    QTest::keyClick(limitEdit(), Qt::Key_Return);
    QTRY_COMPARE(m_data->household.household().budgetLimitCents, cents);
}

TransactionDialog *TestBudgetPage::openDialog() const
{
    const QList<TransactionDialog *> dialogs = m_page->findChildren<TransactionDialog *>();
    for (TransactionDialog *d : dialogs) {
        if (d->isVisible())
            return d;
    }
    return nullptr;
}

QStringList TestBudgetPage::descriptionsInTable() const
{
    QStringList list;
    const QAbstractItemModel *model = table()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        list << model->index(row, BudgetModel::Description).data().toString();
    return list;
}

void TestBudgetPage::selectRow(const QString &description)
{
    const int row = int(descriptionsInTable().indexOf(description));
    QVERIFY2(row >= 0, qPrintable(description));
    const QModelIndex index = table()->model()->index(row, BudgetModel::Description);
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, table()->visualRect(index).center());
    QCOMPARE(m_page->selectedId(), index.data(BudgetModel::IdRole).toString());
}

void TestBudgetPage::retype(QLineEdit *edit, const QString &text)
{
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

QLabel *TestBudgetPage::limitError() const
{
    const QList<QLabel *> labels = m_page->findChildren<QLabel *>(QStringLiteral("fieldError"));
    for (QLabel *l : labels) {
        if (l->property("field").toString() == QLatin1String("budget_limit_cents") && !qobject_cast<TransactionDialog *>(l->window()))
            return l;
    }
    return nullptr;
}

QLabel *TestBudgetPage::transactionsEmpty() const
{
    const QList<QLabel *> labels = m_page->findChildren<QLabel *>(QStringLiteral("emptyState"));
    for (QLabel *l : labels) {
        if (l->property("section").toString() == QLatin1String("transactions"))
            return l;
    }
    return nullptr;
}

qint64 TestBudgetPage::categoryCents(const QString &category) const
{
    QTableWidget *t = categoryTable();
    for (int row = 0; row < t->rowCount(); ++row) {
        if (t->item(row, 0)->text() == category)
            return t->item(row, 1)->data(Qt::UserRole).toLongLong();
    }
    return -1;
}

void TestBudgetPage::emptyMonthSaysWhatToDo()
{
    start();
    QCOMPARE(monthLabel(), QStringLiteral("March 2026"));
    QVERIFY(transactionsEmpty());
    QVERIFY(transactionsEmpty()->isVisible());
    QVERIFY2(transactionsEmpty()->text().contains(QLatin1String("Add transaction")), qPrintable(transactionsEmpty()->text()));
    QVERIFY(!table()->isVisible());
    QVERIFY(!categoryTable()->isVisible());
    QVERIFY(!banner()->isVisible());
    QCOMPARE(m_page->summary().spentCents, 0);
    QVERIFY(!m_page->findChild<QToolButton *>(QStringLiteral("editTransactionButton"))->isEnabled());
    QVERIFY(!m_page->findChild<QToolButton *>(QStringLiteral("deleteTransactionButton"))->isEnabled());
    QVERIFY(!m_page->findChild<QPushButton *>(QStringLiteral("thisMonthButton"))->isEnabled());
}

void TestBudgetPage::addThroughDialogShowsInTableAndTotals()
{
    start();
    m_page->addNew(); // Ctrl+N
    QPointer<TransactionDialog> dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->dateEdit()->date(), today());
    QCOMPARE(dialog->memberCombo()->currentData().toString(), m_household->engine().actingMemberId());

    QTest::keyClicks(dialog->descriptionEdit(), QStringLiteral("Weekly shop"));
    QTest::keyClicks(dialog->categoryCombo()->lineEdit(), QStringLiteral("Groceries"));
    QTest::keyClicks(dialog->amountEdit(), QStringLiteral("42.50"));
    dialog->dateEdit()->setDate(QDate(2026, 3, 12));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());

    // In the table, selected, stored, undoable.
    QCOMPARE(descriptionsInTable(), QStringList{QStringLiteral("Weekly shop")});
    QVERIFY(table()->isVisible());
    QVERIFY(!transactionsEmpty()->isVisible());
    const QString id = m_page->selectedId();
    QVERIFY(!id.isEmpty());
    const auto stored = m_data->budget.find(id);
    QVERIFY(stored);
    QCOMPARE(stored->amountCents, 4250);
    QCOMPARE(stored->category, QStringLiteral("Groceries"));
    QCOMPARE(stored->occurredOn, QDate(2026, 3, 12));
    QCOMPARE(stored->memberId, m_household->engine().actingMemberId());
    QCOMPARE(m_stack->count(), 1);

    // The totals: the summary, the category table and the chart.
    QTRY_COMPARE(categoryCents(QStringLiteral("Groceries")), 4250);
    QCOMPARE(m_page->summary().spentCents, 4250);
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("spentLabel"))->text().contains(eur(4250).toHtmlEscaped()));
    auto *chart = m_page->findChild<QChartView *>(QStringLiteral("categoryChart"))->chart();
    auto *series = qobject_cast<QPieSeries *>(chart->series().value(0));
    QVERIFY(series);
    QCOMPARE(series->count(), 1);
    QCOMPARE(series->slices().first()->label(), QStringLiteral("Groceries"));

    // A second one in another category: both listed, largest first, shares add up.
    addTransaction(QDate(2026, 3, 14), QStringLiteral("Bus passes"), QStringLiteral("Transport"), 1750);
    QTRY_COMPARE(categoryTable()->rowCount(), 2);
    QCOMPARE(categoryTable()->item(0, 0)->text(), QStringLiteral("Groceries"));
    QCOMPARE(categoryTable()->item(0, 2)->text(), QStringLiteral("71 %")); // 4250 of 6000
    QCOMPARE(categoryTable()->item(1, 2)->text(), QStringLiteral("29 %"));
    QCOMPARE(series->count(), 2);
    QCOMPARE(descriptionsInTable(), (QStringList{QStringLiteral("Bus passes"), QStringLiteral("Weekly shop")})); // newest first
}

void TestBudgetPage::invalidInputKeepsDialogOpen_data()
{
    QTest::addColumn<QString>("description");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    QTest::newRow("no description (engine)") << QString() << QStringLiteral("12") << QStringLiteral("description")
                                             << QStringLiteral("Describe");
    QTest::newRow("no amount") << QStringLiteral("Bakery") << QString() << QStringLiteral("amount_cents")
                               << QStringLiteral("Enter the amount");
    QTest::newRow("not an amount") << QStringLiteral("Bakery") << QStringLiteral("twelve") << QStringLiteral("amount_cents")
                                   << QStringLiteral("not an amount");
    QTest::newRow("three decimals") << QStringLiteral("Bakery") << QStringLiteral("1.234") << QStringLiteral("amount_cents")
                                    << QStringLiteral("not an amount");
    QTest::newRow("zero (engine)") << QStringLiteral("Bakery") << QStringLiteral("0") << QStringLiteral("amount_cents")
                                   << QStringLiteral("other than zero");
}

void TestBudgetPage::invalidInputKeepsDialogOpen()
{
    QFETCH(QString, description);
    QFETCH(QString, amount);
    QFETCH(QString, field);
    QFETCH(QString, message);

    start();
    m_page->addNew();
    QPointer<TransactionDialog> dialog = openDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->descriptionEdit(), description);
    QTest::keyClicks(dialog->categoryCombo()->lineEdit(), QStringLiteral("Groceries"));
    QTest::keyClicks(dialog->amountEdit(), amount);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QCoreApplication::processEvents();

    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(m_data->budget.rowCount(), 0);
    QCOMPARE(m_stack->count(), 0);
    QVERIFY2(dialog->errorText(field).contains(message), qPrintable(dialog->errorText(field)));
    // The error sits with its field, and what was typed is still there.
    QLabel *error = nullptr;
    for (QLabel *l : dialog->findChildren<QLabel *>(QStringLiteral("fieldError")))
        if (l->property("field").toString() == field)
            error = l;
    QVERIFY(error && error->isVisible());
    QCOMPARE(dialog->descriptionEdit()->text(), description);
    QCOMPARE(dialog->amountEdit()->text(), amount);
    QCOMPARE(dialog->categoryCombo()->currentText(), QStringLiteral("Groceries"));

    // Fixed, it goes in.
    retype(dialog->descriptionEdit(), QStringLiteral("Bakery"));
    retype(dialog->amountEdit(), QStringLiteral("3.20"));
    QTest::keyClick(dialog->amountEdit(), Qt::Key_Return); // the default button
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QCOMPARE(m_data->budget.rowCount(), 1);
    QCOMPARE(m_data->budget.at(0).amountCents, 320);
}

void TestBudgetPage::switchingMonthsFilters()
{
    start();
    addTransaction(QDate(2026, 1, 30), QStringLiteral("January rent"), QStringLiteral("Home"), 90000);
    addTransaction(QDate(2026, 2, 1), QStringLiteral("February shop"), QStringLiteral("Groceries"), 5000);
    addTransaction(QDate(2026, 2, 28), QStringLiteral("February fuel"), QStringLiteral("Transport"), 6000);
    addTransaction(QDate(2026, 3, 1), QStringLiteral("March shop"), QStringLiteral("Groceries"), 7000);
    QTRY_COMPARE(descriptionsInTable(), QStringList{QStringLiteral("March shop")});
    QCOMPARE(monthLabel(), QStringLiteral("March 2026"));

    auto *previous = m_page->findChild<QToolButton *>(QStringLiteral("previousMonthButton"));
    auto *thisMonth = m_page->findChild<QPushButton *>(QStringLiteral("thisMonthButton"));
    QTest::mouseClick(previous, Qt::LeftButton);
    QCOMPARE(monthLabel(), QStringLiteral("February 2026"));
    QCOMPARE(descriptionsInTable(), (QStringList{QStringLiteral("February fuel"), QStringLiteral("February shop")}));
    QCOMPARE(m_page->summary().spentCents, 11000);
    QCOMPARE(categoryTable()->rowCount(), 2);
    QVERIFY(thisMonth->isEnabled());

    // Keys: PageUp / PageDown and Alt+Left / Alt+Right, from inside the table.
    table()->setFocus();
    QTest::keyClick(table(), Qt::Key_PageUp);
    QCOMPARE(monthLabel(), QStringLiteral("January 2026"));
    QCOMPARE(descriptionsInTable(), QStringList{QStringLiteral("January rent")});
    QTest::keyClick(table(), Qt::Key_PageDown);
    QTest::keyClick(table(), Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(monthLabel(), QStringLiteral("March 2026"));
    QTest::keyClick(table(), Qt::Key_Left, Qt::AltModifier);
    QTest::keyClick(table(), Qt::Key_Left, Qt::AltModifier);
    QTest::keyClick(table(), Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(monthLabel(), QStringLiteral("December 2025"));
    QVERIFY(descriptionsInTable().isEmpty());
    QVERIFY(transactionsEmpty()->isVisible());
    QVERIFY(transactionsEmpty()->text().contains(QLatin1String("December 2025")));

    QTest::mouseClick(thisMonth, Qt::LeftButton);
    QCOMPARE(monthLabel(), QStringLiteral("March 2026"));
    QCOMPARE(descriptionsInTable(), QStringList{QStringLiteral("March shop")});
    QVERIFY(!thisMonth->isEnabled());

    // A change in a month not shown leaves the shown month alone.
    addTransaction(QDate(2026, 2, 10), QStringLiteral("February cinema"), QStringLiteral("Fun"), 2400);
    QTRY_COMPARE(m_data->budget.rowCount(), 5);
    QCOMPARE(descriptionsInTable(), QStringList{QStringLiteral("March shop")});
    QCOMPARE(m_page->summary().spentCents, 7000);
}

void TestBudgetPage::newTransactionInAnotherMonthShowsThatMonth()
{
    start();
    m_page->showPreviousMonth();
    m_page->addNew();
    QPointer<TransactionDialog> dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->dateEdit()->date(), QDate(2026, 2, 28)); // the month on screen
    QTest::keyClicks(dialog->descriptionEdit(), QStringLiteral("Dentist"));
    QTest::keyClicks(dialog->amountEdit(), QStringLiteral("60"));
    dialog->dateEdit()->setDate(QDate(2026, 1, 20));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QCOMPARE(monthLabel(), QStringLiteral("January 2026"));
    QCOMPARE(descriptionsInTable(), QStringList{QStringLiteral("Dentist")});
    QVERIFY(!m_page->selectedId().isEmpty());
}

void TestBudgetPage::bannerAtThresholds_data()
{
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<QList<qint64>>("amounts");
    QTest::addColumn<QString>("level");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("status");

    const qint64 limit = 100000; // 1,000.00
    QTest::newRow("79.99 %: fine") << limit << QList<qint64>{50000, 29999} << QString() << QString()
                                   << int(BudgetSummary::Status::Fine);
    QTest::newRow("80 %: warning") << limit << QList<qint64>{50000, 30000} << QStringLiteral("warning")
                                   << QStringLiteral("You have used 80 % of this month's budget — %1 left.").arg(eur(20000))
                                   << int(BudgetSummary::Status::Warning);
    QTest::newRow("85 %: warning") << qint64(60000) << QList<qint64>{45000, 6000} << QStringLiteral("warning")
                                   << QStringLiteral("You have used 85 % of this month's budget — %1 left.").arg(eur(9000))
                                   << int(BudgetSummary::Status::Warning);
    QTest::newRow("100 %: still warning, nothing left")
        << limit << QList<qint64>{60000, 40000} << QStringLiteral("warning")
        << QStringLiteral("You have used 100 % of this month's budget — %1 left.").arg(eur(0)) << int(BudgetSummary::Status::Warning);
    QTest::newRow("one cent over: danger") << limit << QList<qint64>{60000, 40001} << QStringLiteral("danger")
                                           << QStringLiteral("Over budget by %1.").arg(eur(1)) << int(BudgetSummary::Status::Over);
    QTest::newRow("over by 65.71") << qint64(125000) << QList<qint64>{100000, 25000, 6571} << QStringLiteral("danger")
                                   << QStringLiteral("Over budget by %1.").arg(eur(6571)) << int(BudgetSummary::Status::Over);
    QTest::newRow("refund brings it back") << limit << QList<qint64>{90000, -15000} << QString() << QString()
                                           << int(BudgetSummary::Status::Fine);
}

void TestBudgetPage::bannerAtThresholds()
{
    QFETCH(qint64, limit);
    QFETCH(QList<qint64>, amounts);
    QFETCH(QString, level);
    QFETCH(QString, text);
    QFETCH(int, status);

    start();
    setLimit(limit);
    for (int i = 0; i < amounts.size(); ++i)
        QVERIFY(!addTransaction(QDate(2026, 3, i + 1), QStringLiteral("Spending %1").arg(i + 1), QStringLiteral("Home"),
                                amounts.at(i))
                     .isEmpty());
    // Spending in another month never counts toward this one.
    QVERIFY(!addTransaction(QDate(2026, 2, 27), QStringLiteral("Last month"), QStringLiteral("Home"), 999999).isEmpty());

    QTRY_COMPARE(int(m_page->summary().status()), status);
    auto *meter = m_page->findChild<MeterBar *>(QStringLiteral("budgetMeter"));
    const QColor expectedColor = status == int(BudgetSummary::Status::Fine) ? Theme::fine()
        : status == int(BudgetSummary::Status::Warning)                      ? Theme::warning()
                                                                              : Theme::danger();
    QTRY_COMPARE(meter->color(), expectedColor);
    QCOMPARE(banner()->isVisible(), !level.isEmpty());
    if (!level.isEmpty()) {
        QCOMPARE(banner()->property("level").toString(), level);
        QCOMPARE(banner()->text(), text);
    }

    // Raising the limit far enough clears the banner; it is the same data, judged against a new limit.
    setLimit(10000000);
    QTRY_VERIFY(!banner()->isVisible());
    QCOMPARE(meter->color(), Theme::fine());
}

void TestBudgetPage::badLimitShowsErrorAndChangesNothing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("words") << QStringLiteral("lots") << QStringLiteral("not an amount");
    QTest::newRow("three decimals") << QStringLiteral("12.345") << QStringLiteral("not an amount");
    QTest::newRow("two points") << QStringLiteral("1.2.3") << QStringLiteral("not an amount");
    QTest::newRow("empty") << QString() << QStringLiteral("Enter the monthly limit");
    QTest::newRow("negative (engine)") << QStringLiteral("-50") << QStringLiteral("cannot be negative");
}

void TestBudgetPage::badLimitShowsErrorAndChangesNothing()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    start();
    const qint64 before = m_data->household.household().budgetLimitCents;
    QVERIFY(!limitError()->isVisible());
    retype(limitEdit(), text);
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("saveLimitButton")), Qt::LeftButton);

    QVERIFY(limitError()->isVisible());
    QVERIFY2(limitError()->text().contains(message), qPrintable(limitError()->text()));
    QCOMPARE(m_data->household.household().budgetLimitCents, before);
    QCOMPARE(m_stack->count(), 0);
    QCOMPARE(limitEdit()->text(), text); // kept, to fix
    QCOMPARE(m_page->summary().limitCents, before);

    // Typing again clears the message; a good value is saved.
    retype(limitEdit(), QStringLiteral("1,250.00"));
    QVERIFY(!limitError()->isVisible());
    QTest::keyClick(limitEdit(), Qt::Key_Return);
    QCOMPARE(m_data->household.household().budgetLimitCents, 125000);
    QVERIFY(!limitError()->isVisible());
}

void TestBudgetPage::limitIsUndoable()
{
    start();
    const qint64 before = m_data->household.household().budgetLimitCents;
    setLimit(80000);
    QCOMPARE(m_stack->count(), 1);
    QTRY_COMPARE(m_page->summary().limitCents, 80000);
    m_stack->undo();
    QCOMPARE(m_data->household.household().budgetLimitCents, before);
    QTRY_COMPARE(limitEdit()->cents(), std::optional<qint64>(before)); // the field follows
    m_stack->redo();
    QTRY_COMPARE(limitEdit()->cents(), std::optional<qint64>(80000));
}

void TestBudgetPage::undoRedoTransaction()
{
    start();
    setLimit(10000);
    m_stack->clear();
    m_page->addNew();
    QPointer<TransactionDialog> dialog = openDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->descriptionEdit(), QStringLiteral("Pizza night"));
    QTest::keyClicks(dialog->categoryCombo()->lineEdit(), QStringLiteral("Eating out"));
    QTest::keyClicks(dialog->amountEdit(), QStringLiteral("85"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QCOMPARE(descriptionsInTable(), QStringList{QStringLiteral("Pizza night")});
    QTRY_VERIFY(banner()->isVisible()); // 85 % of 100.00
    QCOMPARE(banner()->property("level").toString(), QStringLiteral("warning"));

    m_stack->undo();
    QVERIFY(descriptionsInTable().isEmpty());
    QCOMPARE(m_data->budget.rowCount(), 0);
    QTRY_VERIFY(transactionsEmpty()->isVisible());
    QVERIFY(!banner()->isVisible());
    QCOMPARE(m_page->summary().spentCents, 0);

    m_stack->redo();
    QCOMPARE(descriptionsInTable(), QStringList{QStringLiteral("Pizza night")});
    QTRY_COMPARE(categoryCents(QStringLiteral("Eating out")), 8500);
    QVERIFY(banner()->isVisible());
    QVERIFY(m_household->reopen()); // and it is on disk
}

void TestBudgetPage::editWithEnterAndDeleteWithKey()
{
    start();
    addTransaction(QDate(2026, 3, 3), QStringLiteral("Electricity"), QStringLiteral("Utilities"), 8000);
    addTransaction(QDate(2026, 3, 4), QStringLiteral("Internet"), QStringLiteral("Utilities"), 3999);
    QTRY_COMPARE(descriptionsInTable().size(), 2);

    selectRow(QStringLiteral("Electricity"));
    QTest::keyClick(table(), Qt::Key_Return);
    QPointer<TransactionDialog> dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->descriptionEdit()->text(), QStringLiteral("Electricity"));
    QCOMPARE(dialog->amountEdit()->cents(), std::optional<qint64>(8000));
    retype(dialog->amountEdit(), QStringLiteral("82.15"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QCOMPARE(m_data->budget.rowCount(), 2);
    QTRY_COMPARE(categoryCents(QStringLiteral("Utilities")), 8215 + 3999);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Edit “Electricity”"));

    // Delete asks first; saying no changes nothing.
    m_confirmer->answer = false;
    QTest::keyClick(table(), Qt::Key_Delete);
    QCOMPARE(m_confirmer->asked, 1);
    QCOMPARE(m_data->budget.rowCount(), 2);
    m_confirmer->answer = true;
    QTest::keyClick(table(), Qt::Key_Delete);
    QCOMPARE(m_confirmer->asked, 2);
    QCOMPARE(descriptionsInTable(), QStringList{QStringLiteral("Internet")});
    QVERIFY(!m_page->selectedId().isEmpty()); // the next row took its place
    QTRY_COMPARE(categoryCents(QStringLiteral("Utilities")), 3999);

    m_stack->undo(); // the delete
    QCOMPARE(descriptionsInTable().size(), 2);
    m_stack->undo(); // the edit
    QTRY_COMPARE(categoryCents(QStringLiteral("Utilities")), 8000 + 3999);
}

void TestBudgetPage::refundsCountAgainstSpending()
{
    start();
    addTransaction(QDate(2026, 3, 2), QStringLiteral("Shoes"), QStringLiteral("Kids"), 6000);
    addTransaction(QDate(2026, 3, 5), QStringLiteral("Shoes returned"), QStringLiteral("Kids"), -2500);
    QTRY_COMPARE(categoryCents(QStringLiteral("Kids")), 3500);
    QCOMPARE(m_page->summary().spentCents, 3500);
}

void TestBudgetPage::chartFollowsPalette()
{
    start();
    addTransaction(QDate(2026, 3, 2), QStringLiteral("Weekly shop"), QStringLiteral("Groceries"), 9000);
    QChart *chart = m_page->findChild<QChartView *>(QStringLiteral("categoryChart"))->chart();
    QTRY_COMPARE(qobject_cast<QPieSeries *>(chart->series().value(0))->count(), 1);
    const QColor groceries = qobject_cast<QPieSeries *>(chart->series().value(0))->slices().first()->color();
    QCOMPARE(groceries.name(),
             palette::assign({QStringLiteral("Groceries")}, {Theme::fine().name(), Theme::warning().name(), Theme::danger().name()})
                 .value(QStringLiteral("Groceries")));
    QVERIFY(!chart->isBackgroundVisible()); // the card shows through: no grey chart frame
    QVERIFY(!chart->legend()->isVisible());
    QCOMPARE(chart->theme(), QChart::ChartThemeLight);

    QPalette dark = QApplication::palette();
    dark.setColor(QPalette::Window, QColor(0x1f, 0x20, 0x24));
    dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xea));
    dark.setColor(QPalette::Base, QColor(0x2a, 0x2b, 0x30));
    QApplication::setPalette(dark);
    QTRY_COMPARE(chart->theme(), QChart::ChartThemeDark);
    QVERIFY(!chart->isBackgroundVisible());
    // The theme does not take the category colours away.
    QCOMPARE(qobject_cast<QPieSeries *>(chart->series().value(0))->slices().first()->color(), groceries);
}

QTEST_MAIN(TestBudgetPage)
#include "tst_budgetpage.moc"
