#include "DashboardPage.h"

#include "BoardPage.h"
#include "BudgetPage.h"
#include "GoalsPage.h"
#include "PantryPage.h"

#include "Clock.h"
#include "Dates.h"
#include "HouseholdData.h"
#include "MeterBar.h"
#include "Money.h"
#include "Theme.h"

#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace hearth {

namespace {

QColor expiryColor(PantryModel::ExpiryState state)
{
    return state == PantryModel::ExpiryState::Expired ? Theme::danger() : Theme::warning();
}

QColor budgetColor(BudgetSummary::Status status)
{
    switch (status) {
    case BudgetSummary::Status::Fine: return Theme::fine();
    case BudgetSummary::Status::Warning: return Theme::warning();
    case BudgetSummary::Status::Over: return Theme::danger();
    }
    return Theme::fine();
}

// A label row with a muted value on the right, for the small summary tables on the cards.
QString tableRow(const QString &label, const QString &value, const QWidget *widget)
{
    return QStringLiteral("<tr><td>%1</td><td align=\"right\" style=\"color:%2; padding-left:16px\">%3</td></tr>")
        .arg(label.toHtmlEscaped(), Theme::mutedText(widget).name(QColor::HexArgb), value.toHtmlEscaped());
}

QString tableHtml(const QStringList &rows)
{
    return QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">") + rows.join(QString()) + QStringLiteral("</table>");
}

void connectModel(QAbstractItemModel &model, DashboardPage *page, void (DashboardPage::*slot)())
{
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        QObject::connect(&model, signal, page, slot);
    QObject::connect(&model, &QAbstractItemModel::dataChanged, page, slot);
    QObject::connect(&model, &QAbstractItemModel::modelReset, page, slot);
}

} // namespace

DashboardPage::DashboardPage(HouseholdData &data, QWidget *parent)
    : Page(parent)
    , m_data(data)
    , m_refreshTimer(new QTimer(this))
{
    // Bursts of changes (an import, a busy household) repaint the dashboard once.
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(0);
    connect(m_refreshTimer, &QTimer::timeout, this, &DashboardPage::refresh);

    QVBoxLayout *layout = Theme::makeScrollingContent(this);
    QWidget *content = layout->parentWidget();
    layout->addWidget(Theme::makeTitle(tr("Dashboard"), content));
    m_greeting = Theme::makeSubtitle(QString(), content);
    layout->addWidget(m_greeting);

    auto *grid = new QGridLayout;
    grid->setSpacing(2 * Theme::kGrid);
    layout->addLayout(grid);
    layout->addStretch(1);

    QVBoxLayout *body = nullptr;
    QFrame *pantry = addCard(PantryPage::kId, tr("Pantry"), "applications-other", "pantry", &body);
    m_pantryHeadline = new QLabel(pantry);
    m_pantryHeadline->setObjectName(QStringLiteral("headline"));
    m_pantryDetail = new QLabel(pantry);
    m_pantryDetail->setTextFormat(Qt::RichText);
    m_pantryDetail->setWordWrap(true);
    body->addWidget(m_pantryHeadline);
    body->addWidget(m_pantryDetail);
    body->addStretch(1);

    QFrame *budget = addCard(BudgetPage::kId, tr("Budget this month"), "wallet-open", "budget", &body);
    m_budgetHeadline = new QLabel(budget);
    m_budgetHeadline->setObjectName(QStringLiteral("headline"));
    m_budgetBar = new MeterBar(budget);
    m_budgetDetail = new QLabel(budget);
    m_budgetCategories = new QLabel(budget);
    m_budgetCategories->setTextFormat(Qt::RichText);
    body->addWidget(m_budgetHeadline);
    body->addWidget(m_budgetBar);
    body->addWidget(m_budgetDetail);
    body->addWidget(m_budgetCategories);
    body->addStretch(1);

    QFrame *goals = addCard(GoalsPage::kId, tr("Goals"), "starred", "goals", &body);
    m_goalsBody = body;
    m_goalsEmpty = new QLabel(tr("No goals yet — set one to save toward together."), goals);
    m_goalsEmpty->setWordWrap(true);
    body->addWidget(m_goalsEmpty);

    QFrame *shopping = addCard(BoardPage::kId, tr("Shopping list"), "view-list-details", "shopping", &body);
    m_shoppingDetail = new QLabel(shopping);
    m_shoppingDetail->setTextFormat(Qt::RichText);
    m_shoppingDetail->setWordWrap(true);
    body->addWidget(m_shoppingDetail);
    body->addStretch(1);

    grid->addWidget(pantry, 0, 0);
    grid->addWidget(budget, 0, 1);
    grid->addWidget(shopping, 1, 0);
    grid->addWidget(goals, 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);

    connectModel(m_data.pantry, this, &DashboardPage::scheduleRefresh);
    connectModel(m_data.budget, this, &DashboardPage::scheduleRefresh);
    connectModel(m_data.household, this, &DashboardPage::scheduleRefresh);
    connectModel(m_data.goals, this, &DashboardPage::scheduleRefresh);
    connectModel(m_data.cards, this, &DashboardPage::scheduleRefresh);
    connectModel(m_data.columns, this, &DashboardPage::scheduleRefresh);
    refresh();
}

QFrame *DashboardPage::addCard(const QString &pageId, const QString &title, const char *iconName, const char *fallback,
                               QVBoxLayout **body)
{
    QFrame *card = Theme::makeCard(this);
    card->setProperty("page", pageId);
    card->setProperty("clickable", true);
    card->setCursor(Qt::PointingHandCursor);
    card->setFocusPolicy(Qt::StrongFocus);
    card->setAccessibleName(title);
    card->setToolTip(tr("Open %1").arg(title));
    card->installEventFilter(this);
    card->setMinimumHeight(22 * Theme::kGrid);

    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(3 * Theme::kGrid, 2 * Theme::kGrid, 3 * Theme::kGrid, 2 * Theme::kGrid);
    layout->setSpacing(Theme::kGrid);
    auto *header = new QHBoxLayout;
    auto *iconLabel = new QLabel(card);
    iconLabel->setPixmap(Theme::icon(iconName, fallback).pixmap(20, 20));
    auto *titleLabel = new QLabel(title, card);
    titleLabel->setObjectName(QStringLiteral("cardTitle"));
    auto *open = new QLabel(tr("Open ›"), card);
    open->setObjectName(QStringLiteral("cardLink"));
    header->addWidget(iconLabel);
    header->addWidget(titleLabel, 1);
    header->addWidget(open);
    layout->addLayout(header);
    *body = layout;
    m_cards.append(card);
    return card;
}

bool DashboardPage::eventFilter(QObject *watched, QEvent *event)
{
    auto *card = qobject_cast<QFrame *>(watched);
    if (card && m_cards.contains(card)) {
        const bool click = event->type() == QEvent::MouseButtonRelease;
        const bool key = event->type() == QEvent::KeyPress
            && (static_cast<QKeyEvent *>(event)->key() == Qt::Key_Return
                || static_cast<QKeyEvent *>(event)->key() == Qt::Key_Enter
                || static_cast<QKeyEvent *>(event)->key() == Qt::Key_Space);
        if (click || key) {
            Q_EMIT pageRequested(card->property("page").toString());
            return true;
        }
    }
    return Page::eventFilter(watched, event);
}

void DashboardPage::scheduleRefresh()
{
    m_refreshTimer->start();
}

void DashboardPage::refresh()
{
    const Household household = m_data.household.household();
    const QDate today = m_data.clock.today();
    m_greeting->setText(tr("%1 · %2").arg(household.name, QLocale().toString(today, QStringLiteral("dddd d MMMM"))));
    refreshPantry();
    refreshBudget();
    refreshGoals();
    refreshShopping();
}

void DashboardPage::refreshPantry()
{
    const int count = m_data.pantry.rowCount();
    if (count == 0) {
        m_pantryHeadline->setText(tr("Empty"));
        m_pantryDetail->setText(tr("Nothing in the pantry yet — add what you bought."));
        return;
    }
    m_pantryHeadline->setText(tr("%n item(s)", nullptr, count));
    const QList<PantryItem> soon = m_data.pantry.expiringSoon();
    if (soon.isEmpty()) {
        m_pantryDetail->setText(tr("Nothing expires in the next %n day(s).", nullptr, PantryModel::kSoonDays));
        return;
    }
    const QDate today = m_data.clock.today();
    QString html = QStringLiteral("<b>%1</b><br>").arg(tr("Use soon:"));
    const int shown = std::min<int>(5, int(soon.size()));
    for (int i = 0; i < shown; ++i) {
        const PantryItem &item = soon.at(i);
        html += Theme::dotHtml(expiryColor(m_data.pantry.expiryState(item))) + QLatin1Char(' ')
            + item.name.toHtmlEscaped() + QStringLiteral(" <span style=\"color:%1\">— %2</span><br>")
                                              .arg(Theme::mutedText(this).name(QColor::HexArgb),
                                                   describeExpiry(item.expiresOn, today).toHtmlEscaped());
    }
    if (soon.size() > shown)
        html += tr("and %n more", nullptr, int(soon.size() - shown));
    m_pantryDetail->setText(html);
}

void DashboardPage::refreshBudget()
{
    const QDate today = m_data.clock.today();
    const Household household = m_data.household.household();
    const QString currency = m_data.currency();
    const BudgetSummary s = m_data.budget.summary(today.year(), today.month(), household.budgetLimitCents);
    m_budgetHeadline->setText(tr("%1 of %2").arg(Money::format(s.spentCents, currency), Money::format(s.limitCents, currency)));
    m_budgetBar->setValue(s.percentUsed());
    m_budgetBar->setColor(budgetColor(s.status()));
    QString detail;
    switch (s.status()) {
    case BudgetSummary::Status::Fine:
        detail = tr("%1 % used · %2 left").arg(s.percentUsed()).arg(Money::format(s.remainingCents(), currency));
        break;
    case BudgetSummary::Status::Warning:
        detail = tr("%1 % used — only %2 left this month").arg(s.percentUsed()).arg(Money::format(s.remainingCents(), currency));
        break;
    case BudgetSummary::Status::Over:
        detail = tr("Over the limit by %1").arg(Money::format(-s.remainingCents(), currency));
        break;
    }
    m_budgetDetail->setText(detail);
    QStringList rows;
    for (int i = 0; i < std::min<int>(3, int(s.categories.size())); ++i) {
        const CategoryTotal &c = s.categories.at(i);
        rows << tableRow(c.category, Money::format(c.cents, currency), this);
    }
    m_budgetCategories->setText(rows.isEmpty() ? tr("No spending recorded this month.") : tableHtml(rows));
}

void DashboardPage::refreshGoals()
{
    // Rebuild the small goal rows; there are only ever a handful.
    while (m_goalsBody->count() > 2) {
        QLayoutItem *item = m_goalsBody->takeAt(2);
        if (QWidget *w = item->widget())
            w->deleteLater();
        delete item;
    }
    const QList<Goal> &goals = m_data.goals.records();
    m_goalsEmpty->setVisible(goals.isEmpty());
    const QString currency = m_data.currency();
    QWidget *card = m_goalsEmpty->parentWidget();
    for (const Goal &g : goals) {
        const auto status = m_data.goals.status(g);
        auto *name = new QLabel(card);
        name->setTextFormat(Qt::RichText);
        const QColor color = status == GoalsModel::GoalStatus::OnTrack || status == GoalsModel::GoalStatus::Reached
            ? Theme::fine()
            : status == GoalsModel::GoalStatus::Behind ? Theme::warning() : Theme::danger();
        name->setText(QStringLiteral("<b>%1</b> <span style=\"color:%2\">%3 / %4 · %5</span>")
                          .arg(g.name.toHtmlEscaped(), Theme::mutedText(this).name(QColor::HexArgb),
                               Money::format(g.savedCents, currency), Money::format(g.targetCents, currency),
                               GoalsModel::statusText(status)));
        auto *bar = new MeterBar(card);
        bar->setValue(GoalsModel::progressPercent(g));
        bar->setColor(color);
        m_goalsBody->addWidget(name);
        m_goalsBody->addWidget(bar);
    }
    m_goalsBody->addStretch(1);
}

void DashboardPage::refreshShopping()
{
    const QList<BoardColumn> columns = m_data.columns.ordered();
    if (m_data.cards.rowCount() == 0) {
        m_shoppingDetail->setText(tr("The list is empty — add what you need to buy."));
        return;
    }
    QStringList rows;
    for (const BoardColumn &column : columns) {
        const int total = int(m_data.cards.cardsIn(column.id).size());
        const int open = m_data.cards.openCount(column.id);
        QString count = tr("%n card(s)", nullptr, total);
        if (open < total)
            count += QStringLiteral(" · ") + tr("%1 ticked").arg(total - open);
        rows << tableRow(column.name, count, this);
    }
    QString html = tableHtml(rows);
    const QList<BoardCard> toBuy = columns.isEmpty() ? QList<BoardCard>() : m_data.cards.cardsIn(columns.first().id);
    QStringList titles;
    for (const BoardCard &c : toBuy) {
        if (!c.done && titles.size() < 4)
            titles << c.title.toHtmlEscaped();
    }
    if (!titles.isEmpty())
        html += QStringLiteral("<p>") + tr("Next to buy: %1").arg(titles.join(QLatin1String(", "))) + QStringLiteral("</p>");
    m_shoppingDetail->setText(html);
}

QString DashboardPage::pantryText() const
{
    return m_pantryHeadline->text() + QLatin1Char('\n') + m_pantryDetail->text();
}

QString DashboardPage::budgetText() const
{
    return m_budgetHeadline->text() + QLatin1Char('\n') + m_budgetDetail->text() + QLatin1Char('\n') + m_budgetCategories->text();
}

QString DashboardPage::goalsText() const
{
    QString text;
    for (int i = 0; i < m_goalsBody->count(); ++i) {
        if (auto *label = qobject_cast<QLabel *>(m_goalsBody->itemAt(i)->widget()))
            text += label->text() + QLatin1Char('\n');
    }
    return text;
}

QString DashboardPage::shoppingText() const
{
    return m_shoppingDetail->text();
}

PageRegistration DashboardPage::registration()
{
    return {kId, QT_TRANSLATE_NOOP("Pages", "Dashboard"), "go-home", "dashboard",
            [](const PageContext &context, QWidget *parent) -> Page * { return new DashboardPage(context.data, parent); }};
}

} // namespace hearth
