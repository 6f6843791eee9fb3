#include "BudgetPage.h"
#include "ReceiptsPanel.h"

#include "Clock.h"
#include "Confirmer.h"
#include "DashboardCard.h"
#include "Dates.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "MeterBar.h"
#include "Money.h"
#include "MoneyEdit.h"
#include "Palette.h"
#include "Proxies.h"
#include "RoleGate.h"
#include "Theme.h"
#include "TransactionDialog.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPieSeries>
#include <QPieSlice>
#include <QPushButton>
#include <QShortcut>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace hearth {

namespace {

// Below this page width the chart goes under the summary and the transactions.
constexpr int kSideBySideWidth = 1100;

QColor budgetColor(BudgetSummary::Status status)
{
    return BudgetPage::statusColor(status);
}

// Category colours: one per category ever used, kept as months and categories come and go, and
// far from the status colours (green / amber / red carry meaning elsewhere) and from each other.
QHash<QString, QString> categoryColors(const QStringList &categories)
{
    return palette::assign(categories, {Theme::fine().name(), Theme::warning().name(), Theme::danger().name()});
}

QIcon swatch(const QColor &color)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawRoundedRect(QRectF(1, 1, 12, 12), 3, 3);
    return QIcon(pixmap);
}

QString monthName(const QDate &month)
{
    return QStringLiteral("%1 %2").arg(QLocale().standaloneMonthName(month.month())).arg(month.year());
}

// Whole percent of `part` in `total`, rounded, in integers.
int shareOf(qint64 part, qint64 total)
{
    return total > 0 ? int((part * 100 + total / 2) / total) : 0;
}

void repolish(QWidget *widget)
{
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
    widget->update();
}

// Dates as people say them, the member's colour dot, refunds in green.
class TransactionDelegate final : public QStyledItemDelegate
{
public:
    TransactionDelegate(HouseholdData &data, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_data(data)
    {
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->state &= ~QStyle::State_HasFocus; // the selected row says enough
        switch (index.column()) {
        case BudgetModel::Date:
            option->text = describeDate(index.data(BudgetModel::DateRole).toDate(), m_data.clock.today());
            break;
        case BudgetModel::Member: {
            const auto member = m_data.members.find(index.data(BudgetModel::MemberIdRole).toString());
            if (member) {
                option->features |= QStyleOptionViewItem::HasDecoration;
                option->icon = dot(QColor(member->color));
                option->decorationSize = QSize(10, 10);
            }
            break;
        }
        case BudgetModel::Amount:
            if (index.data(BudgetModel::AmountRole).toLongLong() < 0)
                option->palette.setColor(QPalette::Text, Theme::fine());
            option->font.setWeight(QFont::DemiBold);
            break;
        default:
            break;
        }
    }

private:
    static QIcon dot(const QColor &color)
    {
        QPixmap pixmap(10, 10);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(color.isValid() ? color : QColor(Qt::gray));
        p.drawEllipse(QRectF(0.5, 0.5, 9, 9));
        return QIcon(pixmap);
    }

    HouseholdData &m_data;
};

QVBoxLayout *cardLayout(QFrame *card)
{
    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(3 * Theme::kGrid, 2 * Theme::kGrid, 3 * Theme::kGrid, 2 * Theme::kGrid);
    layout->setSpacing(Theme::kGrid);
    return layout;
}

QLabel *cardTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QStringLiteral("cardTitle"));
    return label;
}

// The budget on the dashboard: this month's spending against the limit, and where it went.
class BudgetCard final : public DashboardCard
{
    Q_OBJECT

public:
    BudgetCard(HouseholdData &data, QWidget *parent)
        : DashboardCard(parent)
        , m_data(data)
        , m_headline(new QLabel(this))
        , m_bar(new MeterBar(this))
        , m_detail(new QLabel(this))
        , m_categories(new QLabel(this))
    {
        m_headline->setObjectName(QStringLiteral("headline"));
        m_categories->setTextFormat(Qt::RichText);
        for (QWidget *w : {static_cast<QWidget *>(m_headline), static_cast<QWidget *>(m_bar),
                           static_cast<QWidget *>(m_detail), static_cast<QWidget *>(m_categories)})
            body()->addWidget(w);
        body()->addStretch(1);
        follow(m_data.budget);
        follow(m_data.household); // the limit and the currency
        refresh();
    }

    QString text() const override
    {
        return m_headline->text() + QLatin1Char('\n') + m_detail->text() + QLatin1Char('\n') + m_categories->text();
    }

protected:
    void refresh() override
    {
        const QDate today = m_data.clock.today();
        const QString currency = m_data.currency();
        const BudgetSummary s =
            m_data.budget.summary(today.year(), today.month(), m_data.household.household().budgetLimitCents);
        m_headline->setText(tr("%1 of %2").arg(Money::format(s.spentCents, currency), Money::format(s.limitCents, currency)));
        m_bar->setValue(s.percentUsed());
        m_bar->setColor(budgetColor(s.status()));
        switch (s.status()) {
        case BudgetSummary::Status::Fine:
            m_detail->setText(tr("%1 % used · %2 left").arg(s.percentUsed()).arg(Money::format(s.remainingCents(), currency)));
            break;
        case BudgetSummary::Status::Warning:
            m_detail->setText(tr("%1 % used — only %2 left this month")
                                  .arg(s.percentUsed())
                                  .arg(Money::format(s.remainingCents(), currency)));
            break;
        case BudgetSummary::Status::Over:
            m_detail->setText(tr("Over the limit by %1").arg(Money::format(-s.remainingCents(), currency)));
            break;
        }
        QStringList rows;
        for (int i = 0; i < std::min<int>(3, int(s.categories.size())); ++i) {
            const CategoryTotal &c = s.categories.at(i);
            rows << tableRow(c.category, Money::format(c.cents, currency));
        }
        m_categories->setText(rows.isEmpty() ? tr("No spending recorded this month.") : tableHtml(rows));
    }

private:
    HouseholdData &m_data;
    QLabel *m_headline;
    MeterBar *m_bar;
    QLabel *m_detail;
    QLabel *m_categories;
};

} // namespace

BudgetPage::BudgetPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent)
    : Page(parent)
    , m_data(data)
    , m_history(history)
    , m_confirmer(confirmer)
    , m_gate(new RoleGate(data, this))
    , m_proxy(new MonthFilterProxy(this))
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("budgetPage"));
    const QDate today = m_data.clock.today();
    m_month = QDate(today.year(), today.month(), 1);
    m_proxy->setSourceModel(&m_data.budget);
    m_proxy->setMonth(m_month.year(), m_month.month());
    m_proxy->sort(BudgetModel::Date, Qt::DescendingOrder); // newest first

    // Bursts of changes (an import, a busy household) refresh the totals and the chart once.
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(0);
    connect(m_refreshTimer, &QTimer::timeout, this, &BudgetPage::refresh);

    // The page scrolls down on a short screen and is never wider than the window: on a desktop the
    // chart sits beside the summary and the transactions; on a narrow window (a 1024 px tablet) it
    // goes under them, so the table keeps the room for all its columns.
    QVBoxLayout *layout = Theme::makeScrollingContent(this);
    layout->addWidget(buildHeader());

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setVisible(false);
    m_banner->setAccessibleName(tr("Budget warning"));
    layout->addWidget(m_banner);

    auto *columns = new QHBoxLayout;
    columns->setSpacing(2 * Theme::kGrid);
    auto *left = new QVBoxLayout;
    left->setSpacing(2 * Theme::kGrid);
    left->addWidget(buildSummaryCard());
    left->addWidget(buildTransactionsCard(), 1);
    columns->addLayout(left, 3);
    columns->addWidget(buildCategoriesCard(), 2);
    layout->addLayout(columns, 1);
    Theme::stackWhenNarrow(columns, this, kSideBySideWidth);
    auto *receipts = new ReceiptsPanel(m_data, m_confirmer, this); // receipts: list, add, drop here
    receipts->acceptDropsOn(this);
    layout->addWidget(receipts);

    // Months: PageUp / PageDown as in a calendar, Alt+Left / Alt+Right as in a browser.
    const auto shortcut = [this](const QKeySequence &keys, void (BudgetPage::*slot)()) {
        auto *s = new QShortcut(keys, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence(Qt::Key_PageUp), &BudgetPage::showPreviousMonth);
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Left), &BudgetPage::showPreviousMonth);
    shortcut(QKeySequence(Qt::Key_PageDown), &BudgetPage::showNextMonth);
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Right), &BudgetPage::showNextMonth);
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Home), &BudgetPage::showThisMonth);

    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(&m_data.budget),
                                      static_cast<QAbstractItemModel *>(&m_data.household),
                                      static_cast<QAbstractItemModel *>(&m_data.members)}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &BudgetPage::scheduleRefresh);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &BudgetPage::scheduleRefresh);
        connect(model, &QAbstractItemModel::dataChanged, this, &BudgetPage::scheduleRefresh);
        connect(model, &QAbstractItemModel::modelReset, this, &BudgetPage::scheduleRefresh);
    }
    connect(&m_data.household, &QAbstractItemModel::dataChanged, this, &BudgetPage::refreshLimitField);
    connect(&m_data.household, &QAbstractItemModel::modelReset, this, &BudgetPage::refreshLimitField);
    connect(&m_data.household, &QAbstractItemModel::rowsInserted, this, &BudgetPage::refreshLimitField); // a joined household arriving

    connect(m_gate, &RoleGate::changed, this, &BudgetPage::applyRole);

    setFocusProxy(m_table);
    applyChartTheme();
    refreshLimitField();
    refresh();
    applyRole();
}

QWidget *BudgetPage::buildHeader()
{
    auto *header = new QWidget(this);
    auto *row = new QHBoxLayout(header);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(Theme::kGrid);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(Theme::kGrid / 2);
    titles->addWidget(Theme::makeTitle(tr("Budget"), header));
    titles->addWidget(Theme::makeSubtitle(tr("Where the household's money went, month by month."), header));
    row->addLayout(titles, 1);

    m_previous = Theme::makeToolButton(Theme::icon("go-previous", "previous"), tr("Previous month"),
                                QStringLiteral("previousMonthButton"), header);
    m_previous->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_previous->setToolTip(tr("Previous month (Page Up)"));
    m_next = Theme::makeToolButton(Theme::icon("go-next", "next"), tr("Next month"), QStringLiteral("nextMonthButton"), header);
    m_next->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_next->setToolTip(tr("Next month (Page Down)"));
    m_monthLabel = new QLabel(header);
    m_monthLabel->setObjectName(QStringLiteral("monthLabel"));
    m_monthLabel->setAlignment(Qt::AlignCenter);
    QFont monthFont = m_monthLabel->font();
    monthFont.setPointSizeF(monthFont.pointSizeF() * 1.3);
    monthFont.setWeight(QFont::DemiBold);
    m_monthLabel->setFont(monthFont);
    m_monthLabel->setMinimumWidth(QFontMetrics(monthFont).horizontalAdvance(QStringLiteral("September 2026")) + 2 * Theme::kGrid);
    m_thisMonth = new QPushButton(tr("This month"), header);
    m_thisMonth->setObjectName(QStringLiteral("thisMonthButton"));
    m_thisMonth->setToolTip(tr("Back to this month (Alt+Home)"));
    m_thisMonth->setCursor(Qt::PointingHandCursor);
    m_thisMonth->setProperty("secondary", true);
    connect(m_previous, &QToolButton::clicked, this, &BudgetPage::showPreviousMonth);
    connect(m_next, &QToolButton::clicked, this, &BudgetPage::showNextMonth);
    connect(m_thisMonth, &QPushButton::clicked, this, &BudgetPage::showThisMonth);

    row->addWidget(m_previous, 0, Qt::AlignVCenter);
    row->addWidget(m_monthLabel, 0, Qt::AlignVCenter);
    row->addWidget(m_next, 0, Qt::AlignVCenter);
    row->addSpacing(Theme::kGrid);
    row->addWidget(m_thisMonth, 0, Qt::AlignVCenter);
    return header;
}

QFrame *BudgetPage::buildSummaryCard()
{
    QFrame *card = Theme::makeCard(this);
    card->setObjectName(QStringLiteral("card"));
    card->setAccessibleName(tr("Month summary"));
    QVBoxLayout *layout = cardLayout(card);

    auto *top = new QHBoxLayout;
    m_summaryTitle = cardTitle(QString(), card);
    m_percent = new QLabel(card);
    m_percent->setObjectName(QStringLiteral("percentUsed"));
    top->addWidget(m_summaryTitle, 1);
    top->addWidget(m_percent);
    layout->addLayout(top);

    m_spent = new QLabel(card);
    m_spent->setObjectName(QStringLiteral("spentLabel"));
    m_spent->setTextFormat(Qt::RichText);
    layout->addWidget(m_spent);
    m_meter = new MeterBar(card);
    m_meter->setObjectName(QStringLiteral("budgetMeter"));
    m_meter->setAccessibleName(tr("Share of the monthly limit spent"));
    layout->addWidget(m_meter);
    m_detail = new QLabel(card);
    m_detail->setObjectName(QStringLiteral("summaryDetail"));
    m_detail->setWordWrap(true);
    layout->addWidget(m_detail);

    auto *line = new QFrame(card);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Plain);
    line->setStyleSheet(QStringLiteral("color: palette(midlight);"));
    layout->addSpacing(Theme::kGrid / 2);
    layout->addWidget(line);
    layout->addSpacing(Theme::kGrid / 2);

    auto *limitRow = new QHBoxLayout;
    limitRow->setSpacing(Theme::kGrid);
    auto *limitLabel = new QLabel(tr("Monthly &limit"), card);
    m_limitEdit = new MoneyEdit(card);
    m_limitEdit->setObjectName(QStringLiteral("limitEdit"));
    m_limitEdit->setAccessibleName(tr("Monthly limit"));
    m_limitEdit->setToolTip(tr("The most the household wants to spend in a month; press Enter to save."));
    limitLabel->setBuddy(m_limitEdit);
    m_saveLimit = new QPushButton(tr("Save limit"), card);
    m_saveLimit->setObjectName(QStringLiteral("saveLimitButton"));
    m_saveLimit->setCursor(Qt::PointingHandCursor);
    m_saveLimit->setProperty("secondary", true);
    auto *limitHint = new QLabel(tr("applies to every month"), card);
    limitHint->setObjectName(QStringLiteral("subtitle"));
    limitHint->setWordWrap(true); // on its own line: beside the field it was cut on a narrow card
    limitRow->addWidget(limitLabel);
    limitRow->addWidget(m_limitEdit);
    limitRow->addWidget(m_saveLimit);
    limitRow->addStretch(1);
    layout->addLayout(limitRow);
    layout->addWidget(limitHint);
    m_limitError = new QLabel(card);
    m_limitError->setObjectName(QStringLiteral("fieldError"));
    m_limitError->setProperty("field", QStringLiteral("budget_limit_cents"));
    m_limitError->setWordWrap(true);
    m_limitError->setVisible(false);
    layout->addWidget(m_limitError);
    m_limitNote = new QLabel(tr("Only adults can change the limit."), card);
    m_limitNote->setObjectName(QStringLiteral("subtitle"));
    m_limitNote->setProperty("role", QStringLiteral("limitNote"));
    m_limitNote->setWordWrap(true);
    m_limitNote->setVisible(false);
    layout->addWidget(m_limitNote);
    m_limitHint = limitHint;
    connect(m_limitEdit, &QLineEdit::returnPressed, this, &BudgetPage::saveLimit);
    connect(m_saveLimit, &QPushButton::clicked, this, &BudgetPage::saveLimit);
    connect(m_limitEdit, &QLineEdit::textEdited, this, [this] {
        m_limitError->clear();
        m_limitError->setVisible(false);
    });
    return card;
}

QFrame *BudgetPage::buildTransactionsCard()
{
    QFrame *card = Theme::makeCard(this);
    card->setAccessibleName(tr("Transactions"));
    card->setProperty("section", QStringLiteral("transactions"));
    QVBoxLayout *layout = cardLayout(card);

    auto *top = new QHBoxLayout;
    top->setSpacing(Theme::kGrid);
    top->addWidget(cardTitle(tr("Transactions"), card));
    m_transactionCount = new QLabel(card);
    m_transactionCount->setObjectName(QStringLiteral("subtitle"));
    top->addWidget(m_transactionCount, 1, Qt::AlignVCenter);
    m_edit = Theme::makeToolButton(Theme::icon("document-edit", "edit"), tr("Edit"), QStringLiteral("editTransactionButton"), card);
    m_edit->setToolTip(tr("Edit the selected transaction (Enter)"));
    m_delete = Theme::makeToolButton(Theme::icon("edit-delete", "delete"), tr("Delete"), QStringLiteral("deleteTransactionButton"), card);
    m_delete->setToolTip(tr("Delete the selected transaction (Delete)"));
    m_edit->setToolButtonStyle(Qt::ToolButtonIconOnly); // the card stays narrow enough for small windows
    m_delete->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_add = Theme::makePrimaryButton(tr("Add transaction"), card);
    m_add->setObjectName(QStringLiteral("addTransactionButton"));
    m_add->setAccessibleName(tr("Add transaction"));
    m_add->setProperty("action", QStringLiteral("addTransaction"));
    m_add->setToolTip(tr("Add a transaction (Ctrl+N)"));
    top->addWidget(m_edit);
    top->addWidget(m_delete);
    top->addWidget(m_add);
    layout->addLayout(top);
    connect(m_add, &QPushButton::clicked, this, &BudgetPage::addNew);
    connect(m_edit, &QToolButton::clicked, this, &BudgetPage::editSelected);
    connect(m_delete, &QToolButton::clicked, this, &BudgetPage::deleteSelected);

    m_table = new QTableView(card);
    m_table->setObjectName(QStringLiteral("transactionsTable"));
    m_table->setAccessibleName(tr("Transactions of the month"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new TransactionDelegate(m_data, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSortIndicator(BudgetModel::Date, Qt::DescendingOrder); // newest first, sorted once
    m_table->setSortingEnabled(true);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(4 * Theme::kGrid + Theme::kGrid / 2);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(BudgetModel::Description, QHeaderView::Stretch);
    // Just enough for a date, a category, a first name and an amount: Description gets the rest.
    header->resizeSection(BudgetModel::Date, 11 * Theme::kGrid);
    header->resizeSection(BudgetModel::Category, 14 * Theme::kGrid);
    header->resizeSection(BudgetModel::Member, 10 * Theme::kGrid);
    header->resizeSection(BudgetModel::Amount, 12 * Theme::kGrid);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // A month's rows are seen without scrolling the table on a desktop; on a short screen the page scrolls.
    m_table->setMinimumHeight(header->sizeHint().height() + 8 * m_table->verticalHeader()->defaultSectionSize());
    m_table->installEventFilter(this);
    connect(m_table, &QTableView::doubleClicked, this, [this] { editSelected(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &BudgetPage::refreshActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &BudgetPage::refreshActions);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &BudgetPage::refreshActions);

    m_transactionsEmpty = new QLabel(card);
    m_transactionsEmpty->setObjectName(QStringLiteral("emptyState"));
    m_transactionsEmpty->setAlignment(Qt::AlignCenter);
    m_transactionsEmpty->setWordWrap(true);

    m_transactionsEmpty->setProperty("section", QStringLiteral("transactions"));
    m_transactionsEmpty->setVisible(false);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_transactionsEmpty, 1);
    return card;
}

QFrame *BudgetPage::buildCategoriesCard()
{
    QFrame *card = Theme::makeCard(this);
    card->setAccessibleName(tr("Spending by category"));
    card->setProperty("section", QStringLiteral("categories"));
    QVBoxLayout *layout = cardLayout(card);
    layout->addWidget(cardTitle(tr("Where it went"), card));

    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_series = new QPieSeries(m_chart);
    m_series->setHoleSize(0.62);
    m_series->setPieSize(0.92);
    m_chart->addSeries(m_series);
    m_chart->legend()->hide();
    m_chartView = new QChartView(m_chart, card);
    m_chartView->setObjectName(QStringLiteral("categoryChart"));
    m_chartView->setAccessibleName(tr("Spending by category chart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setFrameShape(QFrame::NoFrame);
    m_chartView->setMinimumHeight(25 * Theme::kGrid);
    m_chartView->setFocusPolicy(Qt::NoFocus);
    m_chartView->setStyleSheet(QStringLiteral("background: transparent;"));

    m_chartCenter = new QLabel(card);
    m_chartCenter->setObjectName(QStringLiteral("chartCenter"));
    m_chartCenter->setAlignment(Qt::AlignCenter);
    m_chartCenter->setTextFormat(Qt::RichText);
    m_chartCenter->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_chartCenter->setStyleSheet(QStringLiteral("background: transparent;"));

    m_categoryTable = new QTableWidget(0, 3, card);
    m_categoryTable->setObjectName(QStringLiteral("categoryTable"));
    m_categoryTable->setAccessibleName(tr("Spending by category"));
    m_categoryTable->setHorizontalHeaderLabels({tr("Category"), tr("Amount"), tr("Share")});
    m_categoryTable->horizontalHeaderItem(1)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_categoryTable->horizontalHeaderItem(2)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_categoryTable->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_categoryTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_categoryTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_categoryTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_categoryTable->horizontalHeader()->setHighlightSections(false);
    m_categoryTable->verticalHeader()->setVisible(false);
    m_categoryTable->verticalHeader()->setDefaultSectionSize(4 * Theme::kGrid);
    m_categoryTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_categoryTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_categoryTable->setShowGrid(false);
    m_categoryTable->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_categoryTable->setFocusPolicy(Qt::TabFocus);

    auto *filled = new QWidget(card);
    auto *filledLayout = new QVBoxLayout(filled);
    filledLayout->setContentsMargins(0, 0, 0, 0);
    filledLayout->setSpacing(Theme::kGrid);
    auto *chartCell = new QGridLayout; // the total sits in the hole of the donut
    chartCell->addWidget(m_chartView, 0, 0);
    chartCell->addWidget(m_chartCenter, 0, 0, Qt::AlignCenter);
    filledLayout->addLayout(chartCell, 4);
    filledLayout->addWidget(m_categoryTable, 5);

    m_categoriesEmpty = new QLabel(card);
    m_categoriesEmpty->setObjectName(QStringLiteral("emptyState"));
    m_categoriesEmpty->setAlignment(Qt::AlignCenter);
    m_categoriesEmpty->setWordWrap(true);

    m_categoriesEmpty->setProperty("section", QStringLiteral("categories"));
    m_categoriesEmpty->setVisible(false);
    m_categoriesFilled = filled;
    layout->addWidget(filled, 1);
    layout->addWidget(m_categoriesEmpty, 1);
    card->setMinimumWidth(28 * Theme::kGrid);
    return card;
}

QString BudgetPage::monthTitle() const
{
    return monthName(m_month);
}

void BudgetPage::showMonth(const QDate &anyDayOfMonth)
{
    if (!anyDayOfMonth.isValid())
        return;
    const QDate month(anyDayOfMonth.year(), anyDayOfMonth.month(), 1);
    if (month == m_month)
        return;
    m_month = month;
    m_proxy->setMonth(month.year(), month.month());
    refresh();
}

void BudgetPage::showPreviousMonth()
{
    showMonth(m_month.addMonths(-1));
}

void BudgetPage::showNextMonth()
{
    showMonth(m_month.addMonths(1));
}

void BudgetPage::showThisMonth()
{
    showMonth(m_data.clock.today());
}

BudgetSummary BudgetPage::summary() const
{
    return m_data.budget.summary(m_month.year(), m_month.month(), m_data.household.household().budgetLimitCents);
}

void BudgetPage::scheduleRefresh()
{
    m_refreshTimer->start();
}

void BudgetPage::refresh()
{
    m_refreshTimer->stop();
    const QDate today = m_data.clock.today();
    const bool current = m_month.year() == today.year() && m_month.month() == today.month();
    m_monthLabel->setText(monthName(m_month));
    m_monthLabel->setAccessibleName(tr("Showing %1").arg(monthName(m_month)));
    m_thisMonth->setEnabled(!current);
    const BudgetSummary s = summary();
    refreshSummary(s);
    refreshCategories(s);

    const int count = m_proxy->rowCount();
    m_transactionCount->setText(count > 0 ? tr("%n transaction(s)", nullptr, count)
                                          : QString());
    m_transactionsEmpty->setText(
        current ? tr("Nothing spent this month yet.\nAdd what the household spends with “Add transaction” (Ctrl+N).")
                : tr("No transactions in %1.\nUse “Add transaction” (Ctrl+N) to record one, or pick another month.")
                      .arg(monthName(m_month)));
    m_table->setVisible(count > 0);
    m_transactionsEmpty->setVisible(count == 0);
    setFocusProxy(count > 0 ? static_cast<QWidget *>(m_table) : m_add); // where the keyboard lands on this page
    refreshActions();
}

void BudgetPage::refreshSummary(const BudgetSummary &s)
{
    const QString currency = m_data.currency();
    const QDate today = m_data.clock.today();
    const bool current = m_month.year() == today.year() && m_month.month() == today.month();
    const QColor color = budgetColor(s.status());
    const bool hasLimit = s.limitCents > 0;

    m_summaryTitle->setText(current ? tr("Spent this month") : tr("Spent in %1").arg(monthName(m_month)));
    m_spent->setText(QStringLiteral("<span style=\"font-size:22pt; font-weight:600\">%1</span>"
                                    "<span style=\"color:%2; font-size:12pt\">&nbsp;&nbsp;%3</span>")
                         .arg(Money::format(s.spentCents, currency).toHtmlEscaped(),
                              Theme::mutedText(this).name(QColor::HexArgb),
                              hasLimit ? tr("of %1").arg(Money::format(s.limitCents, currency)).toHtmlEscaped()
                                       : tr("no monthly limit set").toHtmlEscaped()));
    m_percent->setText(hasLimit ? tr("%1 % used").arg(s.percentUsed()) : QString());
    m_percent->setStyleSheet(QStringLiteral("color: %1; font-weight: 600; font-size: 12pt;").arg(color.name()));
    m_meter->setVisible(hasLimit);
    m_meter->setValue(s.percentUsed());
    m_meter->setColor(color);
    m_meter->setProperty("status", int(s.status()));

    QString detail;
    if (!hasLimit) {
        detail = tr("Set a monthly limit below to see how the month is going.");
    } else if (s.remainingCents() < 0) {
        detail = tr("%1 over the limit.").arg(Money::format(-s.remainingCents(), currency));
    } else if (current) {
        const int daysLeft = m_month.daysInMonth() - today.day() + 1;
        detail = tr("%1 left — about %2 a day for the %n day(s) to go.", nullptr, daysLeft)
                     .arg(Money::format(s.remainingCents(), currency),
                          Money::format(s.remainingCents() / daysLeft, currency));
    } else {
        detail = tr("%1 left of the limit.").arg(Money::format(s.remainingCents(), currency));
    }
    if (s.incomeCents != 0)
        detail += QLatin1Char(' ') + tr("%1 came in (income is not spending).").arg(Money::format(s.incomeCents, currency));
    m_detail->setText(detail);

    // The banner says in words what amber and red mean.
    QString level;
    QString text;
    if (hasLimit && s.status() == BudgetSummary::Status::Over) {
        level = QStringLiteral("danger");
        text = tr("Over budget by %1.").arg(Money::format(-s.remainingCents(), currency));
    } else if (hasLimit && s.status() == BudgetSummary::Status::Warning) {
        level = QStringLiteral("warning");
        text = current ? tr("You have used %1 % of this month's budget — %2 left.")
                             .arg(s.percentUsed())
                             .arg(Money::format(s.remainingCents(), currency))
                       : tr("%1 % of the budget for %2 was used — %3 left.")
                             .arg(s.percentUsed())
                             .arg(monthName(m_month), Money::format(s.remainingCents(), currency));
    }
    m_banner->setText(text);
    if (m_banner->property("level").toString() != level) {
        m_banner->setProperty("level", level);
        repolish(m_banner);
    }
    m_banner->setVisible(!level.isEmpty());
}

void BudgetPage::refreshCategories(const BudgetSummary &s)
{
    const QString currency = m_data.currency();
    m_series->clear();
    m_categoryTable->setRowCount(0);
    const bool empty = s.categories.isEmpty();
    m_categoriesEmpty->setText(tr("No spending in %1.\nCategory totals appear here once something is added.")
                                   .arg(monthName(m_month)));
    m_categoriesFilled->setVisible(!empty);
    m_categoriesEmpty->setVisible(empty);
    if (empty) {
        m_chartCenter->clear();
        return;
    }

    // Shares are of what was spent in categories that add to the total (refunds can make one negative).
    qint64 positive = 0;
    for (const CategoryTotal &c : s.categories)
        positive += std::max<qint64>(0, c.cents);
    const QColor border = palette().color(QPalette::Base);
    const QHash<QString, QString> colors = categoryColors(m_data.budget.categories());
    m_categoryTable->setRowCount(int(s.categories.size()));
    for (int i = 0; i < s.categories.size(); ++i) {
        const CategoryTotal &c = s.categories.at(i);
        const QColor color = QColor::fromString(colors.value(c.category));
        if (c.cents > 0) {
            auto *slice = m_series->append(c.category, double(c.cents)); // drawing only; sums stay in cents
            slice->setColor(color);
            slice->setBorderColor(border);
            slice->setBorderWidth(2);
            slice->setLabelVisible(false);
            connect(slice, &QPieSlice::hovered, slice, [slice](bool on) { slice->setExploded(on); });
        }
        auto *name = new QTableWidgetItem(swatch(color), c.category);
        auto *amount = new QTableWidgetItem(Money::format(c.cents, currency));
        amount->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        amount->setData(Qt::UserRole, c.cents);
        auto *share = new QTableWidgetItem(tr("%1 %").arg(shareOf(std::max<qint64>(0, c.cents), positive)));
        share->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QColor muted = palette().color(QPalette::Text);
        muted.setAlphaF(0.65f);
        share->setForeground(muted);
        m_categoryTable->setItem(i, 0, name);
        m_categoryTable->setItem(i, 1, amount);
        m_categoryTable->setItem(i, 2, share);
    }
    const QString biggest = s.categories.first().category;
    m_chartView->setToolTip(tr("Most went to %1").arg(biggest));
    m_chartCenter->setText(QStringLiteral("<div style=\"font-size:15pt; font-weight:600\">%1</div>"
                                          "<div style=\"color:%2\">%3</div>")
                               .arg(Money::format(s.spentCents, currency).toHtmlEscaped(),
                                    Theme::mutedText(this).name(QColor::HexArgb),
                                    tr("in %n category(ies)", nullptr, int(s.categories.size())).toHtmlEscaped()));
}

void BudgetPage::applyChartTheme()
{
    // The chart follows the palette: its own theme for text, no background or frame of its own so the
    // card shows through in light and dark alike.
    m_chart->setTheme(Theme::isDark(this) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundVisible(false);
    m_chart->setBackgroundRoundness(0);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setDropShadowEnabled(false);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->legend()->hide();
    m_chartView->setBackgroundBrush(Qt::NoBrush);
}

void BudgetPage::changeEvent(QEvent *event)
{
    Page::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        if (m_categoryTable) { // built last: the page is complete
            applyChartTheme();
            refresh(); // setTheme() recolours the slices; paint them in the category colours again
        }
    }
}

void BudgetPage::refreshLimitField()
{
    // Someone else may change the limit; never overwrite what the user is typing.
    if (m_limitEdit->isModified())
        return;
    m_limitEdit->setCurrency(m_data.currency());
    m_limitEdit->setCents(m_data.household.household().budgetLimitCents);
}

void BudgetPage::showLimitError(const QString &message)
{
    m_limitError->setText(message);
    m_limitError->setVisible(true);
    m_limitEdit->setFocus(Qt::OtherFocusReason);
    m_limitEdit->selectAll();
}

void BudgetPage::applyRole()
{
    // The limit is a household setting: shown read-only with a note to whoever may not change it.
    const bool mayChangeLimit = m_gate->mayUpdate(m_data.household);
    m_limitEdit->setReadOnly(!mayChangeLimit);
    m_limitEdit->setFocusPolicy(mayChangeLimit ? Qt::StrongFocus : Qt::NoFocus);
    m_limitEdit->setToolTip(mayChangeLimit ? tr("The most the household wants to spend in a month; press Enter to save.")
                                           : tr("Only adults can change the limit."));
    m_saveLimit->setVisible(mayChangeLimit);
    m_limitHint->setVisible(mayChangeLimit);
    m_limitNote->setVisible(!mayChangeLimit);
    if (!mayChangeLimit) {
        m_limitEdit->setModified(false);
        m_limitError->clear();
        m_limitError->setVisible(false);
        refreshLimitField();
    }
    // Changing and deleting transactions: not offered to a role that may only add them.
    const bool mayChange = mayChangeTransactions();
    m_edit->setVisible(mayChange);
    m_delete->setVisible(mayDeleteTransactions());
    refreshActions();
}

bool BudgetPage::mayChangeTransactions() const
{
    return m_gate->mayUpdate(m_data.budget);
}

bool BudgetPage::mayDeleteTransactions() const
{
    return m_gate->mayDelete(m_data.budget);
}

bool BudgetPage::saveLimit()
{
    if (!m_gate->mayUpdate(m_data.household))
        return false;
    const QString text = m_limitEdit->text().trimmed();
    const auto cents = m_limitEdit->cents();
    if (!cents) {
        showLimitError(text.isEmpty() ? tr("Enter the monthly limit, for example 1250 or 1,250.00.")
                                      : tr("“%1” is not an amount — write the monthly limit like 1250 or 1,250.00.").arg(text));
        return false;
    }
    m_limitError->clear();
    m_limitError->setVisible(false);
    const Household household = m_data.household.household();
    if (*cents != household.budgetLimitCents) {
        const MutationResult result = m_history.apply(
            m_data.household, m_data.household.budgetLimitMutation(*cents), tr("Set the monthly limit to %1").arg(Money::format(*cents, m_data.currency())));
        if (!result.ok) {
            showLimitError(result.error.message);
            return false;
        }
    }
    m_limitEdit->setCents(*cents);
    return true;
}

void BudgetPage::refreshActions()
{
    const bool selected = !selectedId().isEmpty();
    m_edit->setEnabled(selected && mayChangeTransactions());
    m_delete->setEnabled(selected && mayDeleteTransactions());
}

QString BudgetPage::selectedId() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || !m_table->selectionModel()->isRowSelected(current.row(), current.parent()))
        return {};
    return current.siblingAtColumn(0).data(BudgetModel::IdRole).toString();
}

bool BudgetPage::selectTransaction(const QString &id)
{
    const auto t = m_data.budget.find(id);
    if (!t)
        return false;
    showMonth(t->occurredOn);
    const QModelIndex index = m_proxy->mapFromSource(m_data.budget.index(m_data.budget.rowOf(id), 0));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    refreshActions();
    return true;
}

void BudgetPage::addNew()
{
    BudgetTransaction t;
    const QDate today = m_data.clock.today();
    // A new entry lands in the month on screen: today in this month, else that month's last or first day.
    if (m_month.year() == today.year() && m_month.month() == today.month())
        t.occurredOn = today;
    else if (m_month < today)
        t.occurredOn = m_month.addDays(m_month.daysInMonth() - 1);
    else
        t.occurredOn = m_month;
    t.memberId = m_data.engine.actingMemberId();
    openDialog(t, true);
}

void BudgetPage::editSelected()
{
    const QString id = selectedId();
    if (id.isEmpty() || !mayChangeTransactions())
        return;
    if (const auto t = m_data.budget.find(id))
        openDialog(*t, false);
}

void BudgetPage::openDialog(const BudgetTransaction &transaction, bool isNew)
{
    auto savedId = std::make_shared<QString>();
    const QString id = transaction.id;
    auto submit = [this, isNew, id, savedId](const BudgetTransaction &t) {
        const Mutation mutation = isNew ? m_data.budget.addMutation(t) : m_data.budget.editMutation(id, t);
        const QString text = isNew ? tr("Add “%1”").arg(t.description) : tr("Edit “%1”").arg(t.description);
        const MutationResult result = m_history.apply(m_data.budget, mutation, text);
        if (result.ok)
            *savedId = result.entityId;
        return result;
    };
    auto *dialog = new TransactionDialog(m_data, submit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTransaction(transaction, isNew);
    connect(dialog, &QDialog::accepted, this, [this, savedId] {
        refresh();
        selectTransaction(*savedId);
        m_table->setFocus(Qt::OtherFocusReason);
    });
    dialog->open();
}

void BudgetPage::deleteSelected()
{
    const QString id = selectedId();
    const auto t = m_data.budget.find(id);
    if (!t || !mayDeleteTransactions())
        return;
    const QString amount = Money::format(t->amountCents, m_data.currency());
    if (!m_confirmer.confirm(this, tr("Delete transaction"),
                             tr("Delete “%1” (%2) from %3? You can undo this with Ctrl+Z.")
                                 .arg(t->description, amount, describeDate(t->occurredOn, m_data.clock.today())),
                             tr("Delete")))
        return;
    const int row = m_table->currentIndex().row();
    const MutationResult result = m_history.apply(
        m_data.budget, m_data.budget.removeMutation(id),
        tr("Delete “%1”").arg(t->description));
    if (!result.ok)
        return;
    // Keep the keyboard where it was: select the row that took the deleted one's place.
    const int next = std::min(row, m_proxy->rowCount() - 1);
    if (next >= 0)
        m_table->selectionModel()->setCurrentIndex(m_proxy->index(next, 0),
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    refreshActions();
}

bool BudgetPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier) {
            switch (key->key()) {
            case Qt::Key_Return:
            case Qt::Key_Enter:
                editSelected();
                return true;
            case Qt::Key_Delete:
            case Qt::Key_Backspace:
                deleteSelected();
                return true;
            default:
                break;
            }
        }
    }
    return Page::eventFilter(watched, event);
}

QColor BudgetPage::statusColor(BudgetSummary::Status status)
{
    switch (status) {
    case BudgetSummary::Status::Fine: return Theme::fine();
    case BudgetSummary::Status::Warning: return Theme::warning();
    case BudgetSummary::Status::Over: return Theme::danger();
    }
    return Theme::fine();
}

PageRegistration BudgetPage::registration()
{
    PageRegistration page{kId, QT_TRANSLATE_NOOP("Pages", "Budget"), "wallet-open", "budget",
            [](const PageContext &context, QWidget *parent) -> Page * { return new BudgetPage(context.data, context.history, context.confirmer, parent); },
            [](const PageContext &context, QWidget *parent) -> DashboardCard * { return new BudgetCard(context.data, parent); },
            QT_TRANSLATE_NOOP("Pages", "Budget this month")};
    page.collections = {Collection::Transactions, Collection::Receipts, Collection::BankImports, Collection::RemovedBankRows};
    return page;
}

} // namespace hearth

#include "BudgetPage.moc"
