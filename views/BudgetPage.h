#pragma once

#include "BudgetModel.h"
#include "Page.h"

#include <QDate>

class QChart;
class QChartView;
class QFrame;
class QLabel;
class QPieSeries;
class QPushButton;
class QTableView;
class QTableWidget;
class QTimer;
class QToolButton;

namespace hearth {

class Confirmer;
class EditHistory;
class HouseholdData;
class MeterBar;
class MoneyEdit;
class MonthFilterProxy;
class RoleGate;
struct BudgetTransaction;

// The household budget, one month at a time: what was spent against the monthly limit (amber at
// 80 %, red past 100 %, with a banner in words), the month's transactions with add / edit /
// delete, and where the money went per category (donut chart and table). Every edit is undoable.
class BudgetPage final : public Page
{
    Q_OBJECT

public:
    // Its place in the window (views/Pages.cpp).
    inline static const QString kId = QStringLiteral("budget");
    static PageRegistration registration();
    // The colour of a month's budget status: green, amber at 80 %, red over (the kiosk uses it too).
    static QColor statusColor(BudgetSummary::Status status);

    BudgetPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent = nullptr);

    void addNew() override;

    // The month shown (first day), and moving between months.
    QDate month() const { return m_month; }
    QString monthTitle() const;
    void showMonth(const QDate &anyDayOfMonth);
    void showPreviousMonth();
    void showNextMonth();
    void showThisMonth();

    // The summary of the month shown (what the card, meter and banner reflect).
    BudgetSummary summary() const;

    // Edits / deletes the selected transaction (Enter / Delete in the table).
    void editSelected();
    void deleteSelected();
    // Selects a transaction in the table (showing its month); false when it is not there.
    bool selectTransaction(const QString &id);
    QString selectedId() const;

    // Saves the monthly limit typed in the limit field; false (with an inline error) when it is not valid.
    bool saveLimit();

    QTableView *transactionsView() const { return m_table; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildHeader();
    QFrame *buildSummaryCard();
    QFrame *buildTransactionsCard();
    QFrame *buildCategoriesCard();
    void openDialog(const BudgetTransaction &transaction, bool isNew);
    void scheduleRefresh();
    void refresh();
    void refreshSummary(const BudgetSummary &s);
    void refreshCategories(const BudgetSummary &s);
    void refreshLimitField();
    void refreshActions();
    void applyChartTheme();
    void showLimitError(const QString &message);
    void applyRole();
    bool mayChangeTransactions() const;
    bool mayDeleteTransactions() const;

    HouseholdData &m_data;
    EditHistory &m_history;
    Confirmer &m_confirmer;
    RoleGate *m_gate;
    MonthFilterProxy *m_proxy;
    QTimer *m_refreshTimer;
    QDate m_month;

    QLabel *m_monthLabel = nullptr;
    QToolButton *m_previous = nullptr;
    QToolButton *m_next = nullptr;
    QPushButton *m_thisMonth = nullptr;
    QLabel *m_banner = nullptr;

    QLabel *m_summaryTitle = nullptr;
    QLabel *m_spent = nullptr;
    QLabel *m_percent = nullptr;
    MeterBar *m_meter = nullptr;
    QLabel *m_detail = nullptr;
    MoneyEdit *m_limitEdit = nullptr;
    QPushButton *m_saveLimit = nullptr;
    QLabel *m_limitError = nullptr;
    QLabel *m_limitNote = nullptr;
    QLabel *m_limitHint = nullptr;

    QLabel *m_transactionCount = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_transactionsEmpty = nullptr;
    QPushButton *m_add = nullptr;
    QToolButton *m_edit = nullptr;
    QToolButton *m_delete = nullptr;

    QWidget *m_categoriesFilled = nullptr;
    QChartView *m_chartView = nullptr;
    QChart *m_chart = nullptr;
    QPieSeries *m_series = nullptr;
    QLabel *m_chartCenter = nullptr;
    QTableWidget *m_categoryTable = nullptr;
    QLabel *m_categoriesEmpty = nullptr;
};

} // namespace hearth
