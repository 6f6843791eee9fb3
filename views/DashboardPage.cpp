#include "DashboardPage.h"

#include "Clock.h"
#include "DashboardCard.h"
#include "HouseholdData.h"
#include "Theme.h"

#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace hearth {

DashboardPage::DashboardPage(const PageContext &context, QWidget *parent)
    : Page(parent)
    , m_data(context.data)
{
    QVBoxLayout *layout = Theme::makeScrollingContent(this);
    QWidget *content = layout->parentWidget();
    layout->addWidget(Theme::makeTitle(tr("Dashboard"), content));
    m_greeting = Theme::makeSubtitle(QString(), content);
    layout->addWidget(m_greeting);

    auto *grid = new QGridLayout;
    grid->setSpacing(2 * Theme::kGrid);
    layout->addLayout(grid);
    layout->addStretch(1);

    QList<QFrame *> cards;
    for (const PageRegistration &page : pageRegistrations()) {
        if (page.dashboardCard)
            cards.append(addCard(page, context));
    }
    // Two columns, each filled top to bottom in rail order.
    const int rows = int(cards.size() + 1) / 2;
    for (int i = 0; i < cards.size(); ++i)
        grid->addWidget(cards.at(i), i % rows, i / rows);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);

    connect(&m_data.household, &QAbstractItemModel::rowsInserted, this, &DashboardPage::refreshGreeting);
    connect(&m_data.household, &QAbstractItemModel::dataChanged, this, &DashboardPage::refreshGreeting);
    connect(&m_data.household, &QAbstractItemModel::modelReset, this, &DashboardPage::refreshGreeting);
    refreshGreeting();
}

QFrame *DashboardPage::addCard(const PageRegistration &page, const PageContext &context)
{
    const QString title = page.translatedDashboardTitle();
    QFrame *card = Theme::makeCard(this);
    card->setProperty("page", page.id);
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
    iconLabel->setPixmap(Theme::icon(page.themeIcon, page.fallbackIcon).pixmap(20, 20));
    auto *titleLabel = new QLabel(title, card);
    titleLabel->setObjectName(QStringLiteral("cardTitle"));
    auto *open = new QLabel(tr("Open ›"), card);
    open->setObjectName(QStringLiteral("cardLink"));
    header->addWidget(iconLabel);
    header->addWidget(titleLabel, 1);
    header->addWidget(open);
    layout->addLayout(header);
    DashboardCard *body = page.dashboardCard(context, card);
    layout->addWidget(body, 1);
    m_cards.append(card);
    m_cardByPage.insert(page.id, body);
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

void DashboardPage::refreshGreeting()
{
    const Household household = m_data.household.household();
    const QDate today = m_data.clock.today();
    m_greeting->setText(tr("%1 · %2").arg(household.name, QLocale().toString(today, QStringLiteral("dddd d MMMM"))));
}

QString DashboardPage::cardText(const QString &pageId) const
{
    const DashboardCard *card = m_cardByPage.value(pageId);
    return card ? card->text() : QString();
}

PageRegistration DashboardPage::registration()
{
    return {kId, QT_TRANSLATE_NOOP("Pages", "Dashboard"), "go-home", "dashboard",
            [](const PageContext &context, QWidget *parent) -> Page * { return new DashboardPage(context, parent); }};
}

} // namespace hearth
