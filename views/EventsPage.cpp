#include "EventsPage.h"

#include "Clock.h"
#include "Confirmer.h"
#include "DashboardCard.h"
#include "EditHistory.h"
#include "EventDialogs.h"
#include "HouseholdData.h"
#include "MeterBar.h"
#include "Money.h"
#include "PantryModel.h"
#include "RoleGate.h"
#include "Theme.h"
#include "events/EventModels.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFontMetrics>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace hearth {

namespace {

// Below this page width the events list goes above the chosen event instead of beside it.
constexpr int kSideBySideWidth = 1100;
// Below this page width the budget and the roles go one under the other.
constexpr int kPairsSideBySideWidth = 1250;
constexpr int kAvatarSize = 28;

using events::kBlocked;
using events::kDone;
using events::kInProgress;
using events::kTodo;

// The board's columns, left to right.
QStringList boardStatuses()
{
    return {kBlocked, kTodo, kInProgress, kDone};
}

QString statusTitle(const QString &status)
{
    if (status == kBlocked)
        return EventsPage::tr("Blocked");
    if (status == kInProgress)
        return EventsPage::tr("In progress");
    if (status == kDone)
        return EventsPage::tr("Done");
    return EventsPage::tr("To do");
}

// "today", "tomorrow", "in 5 days", "3 days ago".
QString countdown(qint64 days)
{
    if (days == 0)
        return EventsPage::tr("today");
    if (days == 1)
        return EventsPage::tr("tomorrow");
    if (days == -1)
        return EventsPage::tr("yesterday");
    if (days < 0)
        return EventsPage::tr("%n day(s) ago", nullptr, int(-days));
    return EventsPage::tr("in %n day(s)", nullptr, int(days));
}

// "Sat 12 Dec, 15:00" (no time when it has none).
QString whenText(const EventPlan &event)
{
    const QString day = QLocale().toString(event.date, QStringLiteral("ddd d MMM"));
    const QTime time = QTime::fromString(event.startTime, QStringLiteral("HH:mm"));
    return time.isValid() ? EventsPage::tr("%1, %2").arg(day, QLocale().toString(time, QStringLiteral("HH:mm"))) : day;
}

QColor budgetColor(const QString &status)
{
    if (status == QLatin1String("over"))
        return Theme::danger();
    if (status == QLatin1String("near"))
        return Theme::warning();
    return Theme::fine();
}

QString budgetWords(const QString &status)
{
    if (status == QLatin1String("over"))
        return EventsPage::tr("over budget");
    if (status == QLatin1String("near"))
        return EventsPage::tr("nearly spent");
    return EventsPage::tr("within budget");
}

int percentOf(qint64 part, qint64 whole)
{
    return whole > 0 ? int(std::min<qint64>(part * 100 / whole, 999)) : 0;
}

QString rgba(const QColor &color, double alpha)
{
    return QStringLiteral("rgba(%1, %2, %3, %4)").arg(color.red()).arg(color.green()).arg(color.blue()).arg(alpha);
}

// A member's round avatar with their initial, in their colour; a role's rounded square with its
// initial when the task goes to whoever holds the role.
QPixmap avatar(const QString &text, const QColor &color, bool round, qreal dpr)
{
    QPixmap pixmap(QSize(kAvatarSize, kAvatarSize) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(round ? color : color.lighter(175));
    const QRectF box(0, 0, kAvatarSize, kAvatarSize);
    if (round)
        painter.drawEllipse(box);
    else
        painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), 7, 7);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(13);
    painter.setFont(font);
    painter.setPen(round ? QColor(Qt::white) : color.darker(150));
    painter.drawText(box, Qt::AlignCenter, text.left(1).toUpper());
    return pixmap;
}

QColor memberColor(const HouseholdData &data, const QString &memberId)
{
    const auto member = data.members.find(memberId);
    const QColor color(member ? member->color : QString());
    return color.isValid() ? color : Theme::accent();
}

// A soft chip in a colour: a role, "available 2 kg", "bought".
QLabel *makeChip(const QString &text, const QColor &color, QWidget *parent)
{
    auto *chip = new QLabel(text, parent);
    chip->setObjectName(QStringLiteral("chip"));
    const QColor ink = Theme::isDark(parent) ? color.lighter(135) : color.darker(120);
    chip->setStyleSheet(QStringLiteral("QLabel { color: %1; background: %2; border-radius: 9px; padding: 2px 9px;"
                                       " font-weight: 600; }")
                            .arg(ink.name(), rgba(color, Theme::isDark(parent) ? 0.24 : 0.14)));
    return chip;
}

QLabel *makeMuted(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::mutedText(parent).name(QColor::HexArgb)));
    label->setWordWrap(true);
    return label;
}

QLabel *makeEmpty(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QStringLiteral("emptyState"));
    label->setWordWrap(true);
    return label;
}

QFrame *makeSection(const QString &title, QWidget *parent, QVBoxLayout **body, QHBoxLayout **header = nullptr)
{
    QFrame *card = Theme::makeCard(parent);
    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(3 * Theme::kGrid, 2 * Theme::kGrid, 3 * Theme::kGrid, 2 * Theme::kGrid);
    layout->setSpacing(Theme::kGrid);
    auto *top = new QHBoxLayout;
    top->setSpacing(Theme::kGrid);
    auto *label = new QLabel(title, card);
    label->setObjectName(QStringLiteral("cardTitle"));
    top->addWidget(label, 1);
    layout->addLayout(top);
    *body = new QVBoxLayout;
    (*body)->setSpacing(Theme::kGrid);
    layout->addLayout(*body);
    if (header)
        *header = top;
    return card;
}

QToolButton *makeRowButton(const char *themeIcon, const char *fallback, const QString &text, const QString &name,
                           const QString &objectName, QWidget *parent)
{
    QToolButton *button = Theme::makeToolButton(Theme::icon(themeIcon, fallback), text, objectName, parent);
    button->setToolTip(name);
    button->setAccessibleName(name);
    return button;
}

void clear(QLayout *layout)
{
    while (QLayoutItem *item = layout->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            w->hide();
            w->deleteLater();
        } else if (QLayout *inner = item->layout()) {
            clear(inner);
        }
        delete item;
    }
}

void openOwned(QDialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

// Spin boxes on a scrolling page change only when they have the focus: a wheel turned to scroll
// the page never changes the servings on its way past.
class WheelGuard final : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Wheel) {
            if (auto *w = qobject_cast<QWidget *>(watched); w && !w->hasFocus()) {
                event->ignore();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

// A new task waits (blocked) while any task it depends on is not done.
QString startingStatus(const EventTasksModel &tasks, const EventTask &task)
{
    for (const QString &id : task.dependsOn) {
        const auto other = tasks.find(id);
        if (other && !other->done())
            return events::kBlocked;
    }
    return events::kTodo;
}

// The event coming next (today's included), if any.
std::optional<EventPlan> nextEvent(const EventPlansModel &events, const QDate &today)
{
    const QList<EventPlan> coming = events.upcoming(today);
    return coming.isEmpty() ? std::nullopt : std::optional<EventPlan>(coming.first());
}

// The linked cards of an event on the shopping board.
QList<BoardCard> eventCards(const HouseholdData &data, const QString &eventId)
{
    QList<BoardCard> cards;
    for (const BoardCard &card : data.cards.records()) {
        if (card.eventId == eventId)
            cards.append(card);
    }
    std::stable_sort(cards.begin(), cards.end(), [](const BoardCard &a, const BoardCard &b) {
        return a.done != b.done ? !a.done : a.title.localeAwareCompare(b.title) < 0;
    });
    return cards;
}

struct EventProgress
{
    int tasks = 0;
    int tasksDone = 0;
    int canStart = 0;
    int cards = 0;
    int cardsBought = 0;
};

EventProgress progressOf(const HouseholdData &data, const EventTasksModel &tasks, const QString &eventId)
{
    EventProgress p;
    for (const EventTask &task : tasks.tasksOf(eventId)) {
        ++p.tasks;
        if (task.status == kDone)
            ++p.tasksDone;
        else if (task.status == kTodo)
            ++p.canStart;
    }
    for (const BoardCard &card : eventCards(data, eventId)) {
        ++p.cards;
        if (card.done)
            ++p.cardsBought;
    }
    return p;
}

QString budgetSummary(const EventPlan &event, const QString &currency)
{
    if (event.budgetCents <= 0)
        return EventsPage::tr("%1 spent, no budget set").arg(Money::format(event.spentCents, currency));
    return EventsPage::tr("%1 of %2 · %3")
        .arg(Money::format(event.spentCents, currency), Money::format(event.budgetCents, currency), budgetWords(event.budgetStatus));
}

// The next event on the dashboard: when, how far the tasks and the shopping are, the budget.
class NextEventCard final : public DashboardCard
{
    Q_OBJECT

public:
    NextEventCard(HouseholdData &data, QWidget *parent)
        : DashboardCard(parent)
        , m_data(data)
        , m_label(new QLabel(this))
    {
        m_label->setObjectName(QStringLiteral("nextEventText"));
        m_label->setWordWrap(true);
        m_label->setTextFormat(Qt::RichText);
        body()->addWidget(m_label);
        body()->addStretch(1);
        for (Collection c : {Collection::EventPlans, Collection::EventTasks, Collection::BoardCards})
            follow(*m_data.modelFor(c));
        refresh();
    }

    QString text() const override { return m_plain; }

protected:
    void refresh() override
    {
        const QDate today = m_data.clock.today();
        const auto event = nextEvent(m_data.model<EventPlansModel>(Collection::EventPlans), today);
        if (!event) {
            m_plain = tr("No event planned — plan a party or a family lunch on the Events page.");
            m_label->setText(m_plain.toHtmlEscaped());
            return;
        }
        const EventProgress p = progressOf(m_data, m_data.model<EventTasksModel>(Collection::EventTasks), event->id);
        const QString when = whenText(*event) + QStringLiteral(" · ") + countdown(today.daysTo(event->date));
        const QString tasks = p.tasks == 0 ? tr("none yet")
                                           : tr("%1 of %2 done").arg(p.tasksDone).arg(p.tasks)
                                                 + (p.canStart > 0 ? QStringLiteral(" · ") + tr("%n can start", nullptr, p.canStart)
                                                                   : QString());
        const QString shopping = p.cards == 0 ? tr("nothing to buy yet") : tr("%1 of %2 bought").arg(p.cardsBought).arg(p.cards);
        const QString budget = budgetSummary(*event, m_data.currency());
        const QList<std::pair<QString, QString>> rows{
            {event->name, when}, {tr("Tasks"), tasks}, {tr("Shopping"), shopping}, {tr("Budget"), budget}};
        QStringList html;
        QStringList plain;
        for (const auto &[label, value] : rows) {
            html << tableRow(label, value);
            plain << label + QStringLiteral(": ") + value;
        }
        m_plain = plain.join(QLatin1Char('\n'));
        m_label->setText(tableHtml(html));
    }

private:
    HouseholdData &m_data;
    QLabel *m_label;
    QString m_plain;
};

} // namespace

TaskColumnList::TaskColumnList(const QString &status, QWidget *parent)
    : StatusColumnList(mimeType(), status, parent)
{
    setObjectName(QStringLiteral("taskColumn-") + status);
    setAccessibleName(statusTitle(status));
    setSpacing(Theme::kGrid / 2);
    setIconSize(QSize(kAvatarSize, kAvatarSize));
    setMinimumHeight(20 * Theme::kGrid);
    setMinimumWidth(14 * Theme::kGrid);
}

EventsPage::EventsPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent)
    : Page(parent)
    , m_data(data)
    , m_history(history)
    , m_confirmer(confirmer)
    , m_events(data.model<EventPlansModel>(Collection::EventPlans))
    , m_roles(data.model<EventRolesModel>(Collection::EventRoles))
    , m_tasks(data.model<EventTasksModel>(Collection::EventTasks))
    , m_dishes(data.model<EventDishesModel>(Collection::EventDishes))
    , m_ingredients(data.model<EventIngredientsModel>(Collection::EventIngredients))
    , m_purchases(data.model<EventPurchasesModel>(Collection::EventPurchases))
    , m_gate(new RoleGate(data, this))
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("eventsPage"));
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(0);
    connect(m_refreshTimer, &QTimer::timeout, this, &EventsPage::refresh);

    QVBoxLayout *layout = Theme::makeScrollingContent(this);
    QWidget *content = layout->parentWidget();

    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(Theme::kGrid / 2);
    titles->addWidget(Theme::makeTitle(tr("Events"), content));
    m_subtitle = Theme::makeSubtitle(QString(), content);
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);
    m_addEvent = Theme::makePrimaryButton(tr("New event"), content);
    m_addEvent->setObjectName(QStringLiteral("addEventButton"));
    m_addEvent->setToolTip(tr("Plan a new event (Ctrl+N)"));
    connect(m_addEvent, &QPushButton::clicked, this, &EventsPage::addNew);
    header->addWidget(m_addEvent, 0, Qt::AlignVCenter);
    layout->addLayout(header);

    m_error = new QLabel(content);
    m_error->setObjectName(QStringLiteral("fieldError"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    auto *columns = new QHBoxLayout;
    columns->setSpacing(2 * Theme::kGrid);
    layout->addLayout(columns);
    Theme::stackWhenNarrow(columns, this, kSideBySideWidth);
    layout->addStretch(1);

    // Left: the events.
    QVBoxLayout *eventsBody = nullptr;
    QFrame *eventsCard = makeSection(tr("Coming up"), content, &eventsBody);
    eventsCard->setProperty("section", QStringLiteral("events"));
    m_upcoming = new QVBoxLayout;
    m_upcoming->setSpacing(Theme::kGrid / 2);
    eventsBody->addLayout(m_upcoming);
    m_pastToggle = new QToolButton(eventsCard);
    m_pastToggle->setObjectName(QStringLiteral("pastToggle"));
    m_pastToggle->setCheckable(true);
    m_pastToggle->setAutoRaise(true);
    m_pastToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pastToggle->setArrowType(Qt::RightArrow);
    m_pastToggle->setFocusPolicy(Qt::StrongFocus);
    eventsBody->addWidget(m_pastToggle);
    m_pastBox = new QWidget(eventsCard);
    m_past = new QVBoxLayout(m_pastBox);
    m_past->setContentsMargins(0, 0, 0, 0);
    m_past->setSpacing(Theme::kGrid / 2);
    m_pastBox->hide();
    eventsBody->addWidget(m_pastBox);
    eventsBody->addStretch(1);
    connect(m_pastToggle, &QToolButton::toggled, this, [this](bool open) {
        m_pastBox->setVisible(open);
        m_pastToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
    columns->addWidget(eventsCard, 1, Qt::AlignTop);

    // Right: the chosen event.
    m_detail = new QWidget(content);
    auto *detail = new QVBoxLayout(m_detail);
    detail->setContentsMargins(0, 0, 0, 0);
    detail->setSpacing(2 * Theme::kGrid);
    columns->addWidget(m_detail, 3);

    // Its header: name, when and where, and what it is made of.
    QFrame *headerCard = Theme::makeCard(m_detail);
    headerCard->setProperty("section", QStringLiteral("eventHeader"));
    auto *headerLayout = new QHBoxLayout(headerCard);
    headerLayout->setContentsMargins(3 * Theme::kGrid, 2 * Theme::kGrid, 3 * Theme::kGrid, 2 * Theme::kGrid);
    auto *headerText = new QVBoxLayout;
    headerText->setSpacing(Theme::kGrid / 2);
    m_eventName = new QLabel(headerCard);
    m_eventName->setObjectName(QStringLiteral("headline"));
    m_eventName->setWordWrap(true);
    m_eventWhen = new QLabel(headerCard);
    m_eventWhen->setObjectName(QStringLiteral("eventWhen"));
    m_eventWhen->setWordWrap(true);
    m_eventSummary = makeMuted(QString(), headerCard);
    m_eventSummary->setObjectName(QStringLiteral("eventSummary"));
    headerText->addWidget(m_eventName);
    headerText->addWidget(m_eventWhen);
    headerText->addWidget(m_eventSummary);
    headerLayout->addLayout(headerText, 1);
    m_editEvent = Theme::makeSecondaryButton(tr("Edit"), headerCard);
    m_editEvent->setObjectName(QStringLiteral("editEventButton"));
    connect(m_editEvent, &QPushButton::clicked, this, [this] { editEvent(m_selected); });
    m_deleteEvent = Theme::makeSecondaryButton(tr("Delete…"), headerCard);
    m_deleteEvent->setObjectName(QStringLiteral("deleteEventButton"));
    connect(m_deleteEvent, &QPushButton::clicked, this, [this] { deleteEvent(m_selected); });
    headerLayout->addWidget(m_editEvent, 0, Qt::AlignTop);
    headerLayout->addWidget(m_deleteEvent, 0, Qt::AlignTop);
    detail->addWidget(headerCard);

    // Tasks: a board or a list.
    QVBoxLayout *tasksBody = nullptr;
    QHBoxLayout *tasksHeader = nullptr;
    QFrame *tasksCard = makeSection(tr("Tasks"), m_detail, &tasksBody, &tasksHeader);
    tasksCard->setProperty("section", QStringLiteral("tasks"));
    m_taskView = new QButtonGroup(this);
    m_taskView->setExclusive(true);
    for (const auto &[id, text] : {std::pair{0, tr("Board")}, std::pair{1, tr("List")}}) {
        QPushButton *button = Theme::makeSecondaryButton(text, tasksCard);
        button->setObjectName(id == 0 ? QStringLiteral("taskBoardButton") : QStringLiteral("taskListButton"));
        button->setCheckable(true);
        m_taskView->addButton(button, id);
        tasksHeader->addWidget(button);
    }
    m_taskView->button(0)->setChecked(true);
    m_addTask = Theme::makeSecondaryButton(tr("Add task"), tasksCard);
    m_addTask->setObjectName(QStringLiteral("addTaskButton"));
    connect(m_addTask, &QPushButton::clicked, this, &EventsPage::addTask);
    tasksHeader->addSpacing(Theme::kGrid);
    tasksHeader->addWidget(m_addTask);
    m_taskStack = new QStackedWidget(tasksCard);
    m_taskStack->setObjectName(QStringLiteral("taskStack"));
    auto *board = new QWidget(m_taskStack);
    auto *boardColumns = new QHBoxLayout(board);
    boardColumns->setContentsMargins(0, 0, 0, 0);
    boardColumns->setSpacing(Theme::kGrid);
    for (const QString &status : boardStatuses()) {
        auto *column = new QVBoxLayout;
        column->setSpacing(Theme::kGrid / 2);
        auto *title = new QLabel(statusTitle(status), board);
        title->setObjectName(QStringLiteral("columnTitle"));
        auto *list = new TaskColumnList(status, board);
        connect(list, &StatusColumnList::itemDropped, this, [this](const QString &id, const QString &to) { moveTask(id, to); });
        connect(list, &StatusColumnList::moveRequested, this, [this](const QString &id, int step) {
            const auto task = m_tasks.find(id);
            if (!task)
                return;
            const QStringList statuses = boardStatuses();
            const qsizetype to = statuses.indexOf(task->status) + step;
            if (to >= 0 && to < statuses.size())
                moveTask(id, statuses.at(to));
        });
        connect(list, &QListWidget::itemActivated, this,
                [this](QListWidgetItem *item) { editTask(item->data(StatusColumnList::kIdRole).toString()); });
        column->addWidget(title);
        column->addWidget(list);
        column->addStretch(1);
        boardColumns->addLayout(column, 1);
        m_taskColumns.insert(status, list);
        m_taskColumnTitles.insert(status, title);
    }
    auto *listPage = new QWidget(m_taskStack);
    m_taskList = new QVBoxLayout(listPage);
    m_taskList->setContentsMargins(0, 0, 0, 0);
    m_taskList->setSpacing(Theme::kGrid);
    m_taskStack->addWidget(board);
    m_taskStack->addWidget(listPage);
    connect(m_taskView, &QButtonGroup::idClicked, this, [this](int id) { showTaskBoard(id == 0); });
    showTaskBoard(true);
    tasksBody->addWidget(m_taskStack);
    m_taskConflicts = new QVBoxLayout;
    tasksBody->addLayout(m_taskConflicts);
    auto *taskHint = makeMuted(tr("Drag a task to another column, or move it with Ctrl+Left and Ctrl+Right; Enter opens it."), tasksCard);
    taskHint->setObjectName(QStringLiteral("taskHint"));
    tasksBody->addWidget(taskHint);
    detail->addWidget(tasksCard);

    // Menu: dishes and their ingredients.
    QHBoxLayout *menuHeader = nullptr;
    QFrame *menuCard = makeSection(tr("Menu"), m_detail, &m_menu, &menuHeader);
    menuCard->setProperty("section", QStringLiteral("menu"));
    m_addDish = Theme::makeSecondaryButton(tr("Add dish"), menuCard);
    m_addDish->setObjectName(QStringLiteral("addDishButton"));
    connect(m_addDish, &QPushButton::clicked, this, &EventsPage::addDish);
    menuHeader->addWidget(m_addDish);
    detail->addWidget(menuCard);

    // Shopping: the event's cards on the shopping board.
    QVBoxLayout *shoppingBody = nullptr;
    QHBoxLayout *shoppingHeader = nullptr;
    QFrame *shoppingCard = makeSection(tr("Shopping"), m_detail, &shoppingBody, &shoppingHeader);
    shoppingCard->setProperty("section", QStringLiteral("shopping"));
    m_markBought = Theme::makeSecondaryButton(tr("Mark bought…"), shoppingCard);
    m_markBought->setObjectName(QStringLiteral("markBoughtButton"));
    m_markBought->setToolTip(tr("Tick off the checked items as one purchase"));
    connect(m_markBought, &QPushButton::clicked, this, &EventsPage::markBought);
    auto *openBoard = Theme::makeSecondaryButton(tr("Shopping board"), shoppingCard);
    openBoard->setObjectName(QStringLiteral("openBoardButton"));
    connect(openBoard, &QPushButton::clicked, this, [this] { Q_EMIT pageRequested(QStringLiteral("shopping")); });
    shoppingHeader->addWidget(openBoard);
    shoppingHeader->addWidget(m_markBought);
    auto *progressRow = new QHBoxLayout;
    m_shoppingProgress = new QLabel(shoppingCard);
    m_shoppingProgress->setObjectName(QStringLiteral("shoppingProgress"));
    m_shoppingMeter = new MeterBar(shoppingCard);
    m_shoppingMeter->setAccessibleName(tr("Shopping bought"));
    progressRow->addWidget(m_shoppingProgress);
    progressRow->addWidget(m_shoppingMeter, 1, Qt::AlignVCenter);
    shoppingBody->addLayout(progressRow);
    m_shoppingList = new QListWidget(shoppingCard);
    m_shoppingList->setObjectName(QStringLiteral("eventShoppingList"));
    m_shoppingList->setAccessibleName(tr("The event's shopping"));
    m_shoppingList->setSelectionMode(QAbstractItemView::NoSelection);
    m_shoppingList->setWordWrap(true);
    m_shoppingList->setMinimumHeight(18 * Theme::kGrid);
    connect(m_shoppingList, &QListWidget::itemChanged, this, [this] {
        bool any = false;
        for (int i = 0; i < m_shoppingList->count(); ++i)
            any = any || m_shoppingList->item(i)->checkState() == Qt::Checked;
        m_markBought->setEnabled(any);
    });
    shoppingBody->addWidget(m_shoppingList);
    m_shoppingConflicts = new QVBoxLayout;
    shoppingBody->addLayout(m_shoppingConflicts);
    detail->addWidget(shoppingCard);

    // Budget and roles, side by side when there is room.
    auto *pairs = new QHBoxLayout;
    pairs->setSpacing(2 * Theme::kGrid);
    Theme::stackWhenNarrow(pairs, this, kPairsSideBySideWidth);
    QFrame *budgetCard = makeSection(tr("Budget"), m_detail, &m_spending);
    budgetCard->setProperty("section", QStringLiteral("budget"));
    m_budgetLine = new QLabel(budgetCard);
    m_budgetLine->setObjectName(QStringLiteral("budgetLine"));
    m_budgetLine->setWordWrap(true);
    m_budgetMeter = new MeterBar(budgetCard);
    m_budgetMeter->setAccessibleName(tr("The event's budget"));
    auto *budgetLayout = static_cast<QVBoxLayout *>(budgetCard->layout());
    budgetLayout->insertWidget(1, m_budgetLine);
    budgetLayout->insertWidget(2, m_budgetMeter);
    budgetLayout->addStretch(1);
    pairs->addWidget(budgetCard, 1);
    QFrame *rolesCard = makeSection(tr("Roles"), m_detail, &m_roleRows);
    rolesCard->setProperty("section", QStringLiteral("roles"));
    m_roleAdd = new QFrame(rolesCard);
    auto *roleAdd = new QHBoxLayout(m_roleAdd);
    roleAdd->setContentsMargins(0, 0, 0, 0);
    auto *member = new QComboBox(m_roleAdd);
    member->setObjectName(QStringLiteral("roleMemberCombo"));
    member->setAccessibleName(tr("Member"));
    auto *role = new QComboBox(m_roleAdd);
    role->setObjectName(QStringLiteral("roleNameCombo"));
    role->setAccessibleName(tr("Role"));
    role->setEditable(true);
    role->setInsertPolicy(QComboBox::NoInsert);
    role->lineEdit()->setPlaceholderText(tr("cook, logistics…"));
    auto *add = Theme::makeSecondaryButton(tr("Add role"), m_roleAdd);
    add->setObjectName(QStringLiteral("addRoleButton"));
    connect(add, &QPushButton::clicked, this, [this, member, role] {
        const QString typed = role->currentText().trimmed();
        const bool picked = role->currentIndex() >= 0 && role->itemText(role->currentIndex()) == role->currentText();
        if (addRole(member->currentData().toString(), picked ? role->currentData().toString() : typed.toLower()))
            role->setCurrentIndex(0);
    });
    roleAdd->addWidget(member, 1);
    roleAdd->addWidget(role, 1);
    roleAdd->addWidget(add);
    auto *rolesLayout = static_cast<QVBoxLayout *>(rolesCard->layout());
    rolesLayout->addWidget(m_roleAdd);
    rolesLayout->addStretch(1);
    pairs->addWidget(rolesCard, 1);
    detail->addLayout(pairs);

    m_noEvent = makeEmpty(tr("No event planned yet — plan a party, a barbecue or a family lunch with “New event” (Ctrl+N): "
                             "tasks, the menu, its shopping and its budget in one place."),
                          m_detail);
    detail->insertWidget(0, m_noEvent);
    detail->addStretch(1);

    // Live: every change of these models, from here or from anyone, refreshes the page once.
    for (Collection c : {Collection::EventPlans, Collection::EventRoles, Collection::EventTasks, Collection::EventDishes,
                         Collection::EventIngredients, Collection::EventPurchases, Collection::BoardCards,
                         Collection::Transactions, Collection::Members}) {
        QAbstractItemModel *model = m_data.modelFor(c);
        connect(model, &QAbstractItemModel::rowsInserted, this, &EventsPage::scheduleRefresh);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &EventsPage::scheduleRefresh);
        connect(model, &QAbstractItemModel::dataChanged, this, &EventsPage::scheduleRefresh);
        connect(model, &QAbstractItemModel::modelReset, this, &EventsPage::scheduleRefresh);
    }
    connect(m_gate, &RoleGate::changed, this, &EventsPage::scheduleRefresh);

    m_readingOrder = {m_addEvent, eventsCard, headerCard, tasksCard, menuCard, shoppingCard, budgetCard, rolesCard};
    setFocusProxy(m_addEvent);
    refresh();
}

void EventsPage::scheduleRefresh()
{
    m_refreshTimer->start();
}

std::optional<EventPlan> EventsPage::current() const
{
    return m_selected.isEmpty() ? std::nullopt : m_events.find(m_selected);
}

void EventsPage::showEvent(QShowEvent *event)
{
    // Opened from the dashboard's "Next event" card, or again later: a past event chosen long ago
    // gives way to the one coming next.
    const auto chosen = current();
    if (!chosen || chosen->date < m_data.clock.today()) {
        if (const auto next = nextEvent(m_events, m_data.clock.today()); next && next->id != m_selected)
            selectEvent(next->id);
    }
    Page::showEvent(event);
}

void EventsPage::refresh()
{
    m_refreshTimer->stop();
    // Keep the focus where it was across the rebuild (a servings box, a row's button).
    const QWidget *focused = focusWidget();
    const QString focusKey = focused && isAncestorOf(focused) ? focused->property("focusKey").toString() : QString();

    if (!current()) {
        const auto next = nextEvent(m_events, m_data.clock.today());
        m_selected = next ? next->id : (m_events.records().isEmpty() ? QString() : m_events.records().last().id);
    }
    m_addEvent->setVisible(m_gate->mayCreate(m_events));
    refreshEvents();
    const auto event = current();
    const bool shown = event.has_value();
    m_noEvent->setVisible(!shown);
    for (int i = 0; i < m_detail->layout()->count(); ++i) {
        QWidget *w = m_detail->layout()->itemAt(i)->widget();
        if (w && w != m_noEvent)
            w->setVisible(shown);
        else if (QLayout *inner = m_detail->layout()->itemAt(i)->layout()) {
            for (int j = 0; j < inner->count(); ++j) {
                if (QWidget *pair = inner->itemAt(j)->widget())
                    pair->setVisible(shown);
            }
        }
    }
    if (event) {
        refreshHeader(*event);
        refreshTasks(*event);
        refreshMenu(*event);
        refreshShopping(*event);
        refreshBudget(*event);
        refreshRoles(*event);
    }

    const QDate today = m_data.clock.today();
    const QList<EventPlan> coming = m_events.upcoming(today);
    if (coming.isEmpty())
        m_subtitle->setText(tr("Nothing planned yet."));
    else
        m_subtitle->setText(tr("%n event(s) coming up", nullptr, int(coming.size())) + QStringLiteral(" · ")
                            + tr("next: %1 %2").arg(coming.first().name, countdown(today.daysTo(coming.first().date))));

    Theme::orderTabsAsRead(m_readingOrder); // the rows were rebuilt
    if (!focusKey.isEmpty()) {
        for (QWidget *w : findChildren<QWidget *>()) {
            if (w->property("focusKey").toString() == focusKey && w->isVisibleTo(this)) {
                w->setFocus();
                break;
            }
        }
    }
}

QWidget *EventsPage::makeEventRow(const EventPlan &event, QWidget *parent)
{
    auto *row = new QFrame(parent);
    row->setObjectName(QStringLiteral("eventRow"));
    row->setProperty("eventId", event.id);
    row->setProperty("selected", event.id == m_selected);
    row->setProperty("focusKey", QString(QStringLiteral("event:") + event.id));
    row->setFocusPolicy(Qt::StrongFocus);
    row->setCursor(Qt::PointingHandCursor);
    row->installEventFilter(this);
    const QDate today = m_data.clock.today();
    const QString when = whenText(event) + QStringLiteral(" · ") + countdown(today.daysTo(event.date));
    row->setAccessibleName(event.name + QStringLiteral(", ") + when);
    auto *layout = new QVBoxLayout(row);
    layout->setContentsMargins(Theme::kGrid + Theme::kGrid / 2, Theme::kGrid, Theme::kGrid + Theme::kGrid / 2, Theme::kGrid);
    layout->setSpacing(2);
    auto *name = new QLabel(event.name, row);
    name->setObjectName(QStringLiteral("eventRowName"));
    name->setWordWrap(true);
    layout->addWidget(name);
    auto *whenLabel = new QLabel(when, row);
    whenLabel->setObjectName(QStringLiteral("eventRowWhen"));
    whenLabel->setWordWrap(true);
    layout->addWidget(whenLabel);
    if (!event.place.isEmpty())
        layout->addWidget(makeMuted(event.place, row));
    if (event.budgetCents > 0) {
        auto *meter = new MeterBar(row);
        meter->setValue(percentOf(event.spentCents, event.budgetCents));
        meter->setColor(budgetColor(event.budgetStatus));
        meter->setFixedHeight(6);
        meter->setAccessibleName(tr("Budget of %1").arg(event.name));
        meter->setToolTip(budgetSummary(event, m_data.currency()));
        layout->addWidget(meter);
    }
    return row;
}

bool EventsPage::eventFilter(QObject *watched, QEvent *event)
{
    auto *row = qobject_cast<QFrame *>(watched);
    if (row && row->objectName() == QLatin1String("eventRow")) {
        const bool click = event->type() == QEvent::MouseButtonRelease;
        const auto *key = event->type() == QEvent::KeyPress ? static_cast<QKeyEvent *>(event) : nullptr;
        if (click || (key && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter || key->key() == Qt::Key_Space))) {
            selectEvent(row->property("eventId").toString());
            return true;
        }
    }
    return Page::eventFilter(watched, event);
}

void EventsPage::refreshEvents()
{
    clear(m_upcoming);
    clear(m_past);
    QWidget *parent = m_pastBox->parentWidget();
    const QDate today = m_data.clock.today();
    const QList<EventPlan> coming = m_events.upcoming(today);
    for (const EventPlan &event : coming)
        m_upcoming->addWidget(makeEventRow(event, parent));
    if (coming.isEmpty())
        m_upcoming->addWidget(makeMuted(tr("Nothing coming up — add an event with “New event”."), parent));
    QList<EventPlan> past;
    for (const EventPlan &event : m_events.records()) {
        if (event.date < today)
            past.append(event);
    }
    std::sort(past.begin(), past.end(), [](const EventPlan &a, const EventPlan &b) { return a.date > b.date; });
    for (const EventPlan &event : std::as_const(past))
        m_past->addWidget(makeEventRow(event, m_pastBox));
    m_pastToggle->setText(tr("Past (%1)").arg(past.size()));
    m_pastToggle->setVisible(!past.isEmpty());
    // A past event chosen shows its fold open.
    if (const auto chosen = current(); chosen && chosen->date < today && !m_pastToggle->isChecked())
        m_pastToggle->setChecked(true);
}

void EventsPage::refreshHeader(const EventPlan &event)
{
    const QDate today = m_data.clock.today();
    m_eventName->setText(event.name);
    QStringList when{whenText(event), countdown(today.daysTo(event.date))};
    if (!event.place.isEmpty())
        when << event.place;
    if (event.guestCount > 0)
        when << tr("%n guest(s)", nullptr, int(event.guestCount));
    m_eventWhen->setText(when.join(QStringLiteral(" · ")));
    const EventProgress p = progressOf(m_data, m_tasks, event.id);
    QStringList summary;
    summary << tr("%1 of %2 tasks done").arg(p.tasksDone).arg(p.tasks);
    if (p.canStart > 0)
        summary << tr("%n can start", nullptr, p.canStart);
    if (p.cards > 0)
        summary << tr("%1 of %2 bought").arg(p.cardsBought).arg(p.cards);
    if (!event.notes.isEmpty())
        summary << event.notes;
    m_eventSummary->setText(summary.join(QStringLiteral(" · ")));
    m_editEvent->setVisible(m_gate->mayUpdate(m_events));
    m_deleteEvent->setVisible(m_gate->mayDelete(m_events));
}

QString EventsPage::taskLine(const EventTask &task, const QList<EventTask> &tasks) const
{
    QStringList lines{task.title};
    QStringList who;
    if (!task.assigneeId.isEmpty())
        who << m_data.members.nameOf(task.assigneeId);
    if (!task.role.isEmpty())
        who << eventRoleTitle(task.role);
    if (task.due.isValid())
        who << tr("due %1").arg(QLocale().toString(task.due, QStringLiteral("ddd d MMM")));
    if (!who.isEmpty())
        lines << who.join(QStringLiteral(" · "));
    QStringList after;
    for (const QString &id : task.dependsOn) {
        for (const EventTask &other : tasks) {
            if (other.id == id)
                after << other.title;
        }
    }
    const QStringList waitingFor = m_tasks.waitingFor(task);
    if (task.blocked() && !waitingFor.isEmpty())
        lines << tr("waiting for: %1").arg(waitingFor.join(QStringLiteral(", ")));
    else if (!after.isEmpty())
        lines << tr("after: %1").arg(after.join(QStringLiteral(", ")));
    return lines.join(QLatin1Char('\n'));
}

void EventsPage::refreshTasks(const EventPlan &event)
{
    const QList<EventTask> tasks = m_tasks.tasksOf(event.id);
    m_addTask->setVisible(m_gate->mayCreate(m_tasks));
    const qreal dpr = devicePixelRatioF();
    for (TaskColumnList *list : std::as_const(m_taskColumns)) {
        const QString currentId = list->currentItem() ? list->currentItem()->data(StatusColumnList::kIdRole).toString() : QString();
        list->clear();
        int count = 0;
        for (const EventTask &task : tasks) {
            if (task.status != list->status())
                continue;
            ++count;
            auto *entry = new QListWidgetItem(taskLine(task, tasks), list);
            entry->setData(StatusColumnList::kIdRole, task.id);
            if (!task.assigneeId.isEmpty())
                entry->setIcon(avatar(m_data.members.nameOf(task.assigneeId), memberColor(m_data, task.assigneeId), true, dpr));
            else if (!task.role.isEmpty())
                entry->setIcon(avatar(eventRoleTitle(task.role), Theme::accent(), false, dpr));
            const QVariantList conflicts = m_tasks.conflictsOf(task.id);
            if (!conflicts.isEmpty())
                entry->setText(entry->text() + QLatin1Char('\n') + tr("⚠ changed on another device too"));
            if (task.id == currentId)
                list->setCurrentItem(entry);
        }
        m_taskColumnTitles.value(list->status())->setText(QStringLiteral("%1 · %2").arg(statusTitle(list->status())).arg(count));
    }
    fitTaskColumns();
    QTimer::singleShot(0, this, &EventsPage::fitTaskColumns); // again once the columns are laid out

    clear(m_taskConflicts);
    for (const EventTask &task : tasks) {
        if (QWidget *marker = conflictMarker(m_tasks, task.id, task.title, m_taskStack->parentWidget()))
            m_taskConflicts->addWidget(marker);
    }

    clear(m_taskList);
    QWidget *parent = m_taskStack->widget(1);
    if (tasks.isEmpty()) {
        m_taskList->addWidget(makeEmpty(tr("No tasks yet — add what has to happen, and what waits for what."), parent));
        return;
    }
    // The list: by status (what can be done now first), each with its buttons.
    for (const QString &status : {kInProgress, kTodo, kBlocked, kDone}) {
        for (const EventTask &task : tasks) {
            if (task.status == status)
                m_taskList->addWidget(makeTaskRow(task, tasks, parent));
        }
    }
}

QWidget *EventsPage::makeTaskRow(const EventTask &task, const QList<EventTask> &tasks, QWidget *parent)
{
    auto *row = new QWidget(parent);
    row->setObjectName(QStringLiteral("taskRow"));
    row->setProperty("taskId", task.id);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::kGrid);
    auto *face = new QLabel(row);
    face->setFixedSize(kAvatarSize, kAvatarSize);
    const qreal dpr = devicePixelRatioF();
    if (!task.assigneeId.isEmpty())
        face->setPixmap(avatar(m_data.members.nameOf(task.assigneeId), memberColor(m_data, task.assigneeId), true, dpr));
    else if (!task.role.isEmpty())
        face->setPixmap(avatar(eventRoleTitle(task.role), Theme::accent(), false, dpr));
    layout->addWidget(face, 0, Qt::AlignTop);
    auto *text = new QLabel(taskLine(task, tasks), row);
    text->setObjectName(QStringLiteral("taskText"));
    text->setWordWrap(true);
    layout->addWidget(text, 1);
    const QColor statusColor = task.status == kDone ? Theme::fine()
                               : task.status == kBlocked ? Theme::danger()
                               : task.status == kInProgress ? Theme::warning()
                                                              : Theme::accent();
    layout->addWidget(makeChip(statusTitle(task.status), statusColor, row), 0, Qt::AlignTop);
    const QString id = task.id;
    const auto addMove = [&](const QString &label, const QString &status, const QString &key) {
        auto *button = Theme::makeSecondaryButton(label, row);
        button->setObjectName(QStringLiteral("taskMoveButton"));
        button->setProperty("status", status);
        button->setProperty("focusKey", QString(key + id));
        button->setAccessibleName(tr("%1: %2").arg(label, task.title));
        connect(button, &QPushButton::clicked, this, [this, id, status] { moveTask(id, status); });
        layout->addWidget(button, 0, Qt::AlignTop);
    };
    if (task.status == kTodo)
        addMove(tr("Start"), kInProgress, QStringLiteral("start:"));
    if (task.status == kTodo || task.status == kInProgress)
        addMove(tr("Done"), kDone, QStringLiteral("done:"));
    if (task.status == kDone)
        addMove(tr("Not done"), kTodo, QStringLiteral("reopen:"));
    auto *edit = makeRowButton("document-edit", "edit", tr("Edit"), tr("Edit %1").arg(task.title), QStringLiteral("editTaskButton"), row);
    connect(edit, &QToolButton::clicked, this, [this, id] { editTask(id); });
    layout->addWidget(edit, 0, Qt::AlignTop);
    return row;
}

void EventsPage::refreshMenu(const EventPlan &event)
{
    clear(m_menu);
    QWidget *parent = m_addDish->parentWidget();
    m_addDish->setVisible(m_gate->mayCreate(m_dishes));
    const QList<EventDish> dishes = m_dishes.dishesOf(event.id);
    if (dishes.isEmpty()) {
        m_menu->addWidget(makeMuted(tr("No dishes yet — add what you will serve; its ingredients go on the shopping list."), parent));
        return;
    }
    const bool mayEditDish = m_gate->mayUpdate(m_dishes);
    const bool mayEditIngredient = m_gate->mayUpdate(m_ingredients);
    for (const EventDish &dish : dishes) {
        auto *dishBox = new QFrame(parent);
        dishBox->setObjectName(QStringLiteral("dishRow"));
        dishBox->setProperty("dishId", dish.id);
        auto *box = new QVBoxLayout(dishBox);
        box->setContentsMargins(0, Theme::kGrid / 2, 0, Theme::kGrid / 2);
        box->setSpacing(Theme::kGrid / 2);
        auto *top = new QHBoxLayout;
        top->setSpacing(Theme::kGrid);
        auto *name = new QLabel(dish.name, dishBox);
        name->setObjectName(QStringLiteral("dishName"));
        top->addWidget(name);
        if (!dish.cookId.isEmpty())
            top->addWidget(makeMuted(tr("cooked by %1").arg(m_data.members.nameOf(dish.cookId)), dishBox));
        top->addStretch(1);
        auto *servingsLabel = new QLabel(tr("Servings"), dishBox);
        auto *servings = new QSpinBox(dishBox);
        servings->setObjectName(QStringLiteral("servingsSpin"));
        servings->setProperty("focusKey", QString(QStringLiteral("servings:") + dish.id));
        servings->setRange(1, 999);
        servings->setValue(int(dish.servings));
        servings->setAccessibleName(tr("Servings of %1").arg(dish.name));
        servings->setEnabled(mayEditDish);
        servings->setFocusPolicy(Qt::StrongFocus);
        servings->installEventFilter(new WheelGuard(servings));
        servingsLabel->setBuddy(servings);
        const QString dishId = dish.id;
        connect(servings, &QSpinBox::editingFinished, this, [this, servings, dishId] {
            const auto d = m_dishes.find(dishId);
            if (d && d->servings != servings->value())
                setServings(dishId, servings->value());
        });
        top->addWidget(servingsLabel);
        top->addWidget(servings);
        if (mayEditDish) {
            auto *edit = makeRowButton("document-edit", "edit", tr("Edit"), tr("Edit %1").arg(dish.name), QStringLiteral("editDishButton"), dishBox);
            connect(edit, &QToolButton::clicked, this, [this, dishId] { editDish(dishId); });
            top->addWidget(edit);
        }
        if (m_gate->mayCreate(m_ingredients)) {
            auto *add = makeRowButton("list-add", "add", tr("Ingredient"), tr("Add an ingredient to %1").arg(dish.name),
                                      QStringLiteral("addIngredientButton"), dishBox);
            connect(add, &QToolButton::clicked, this, [this, dishId] { addIngredient(dishId); });
            top->addWidget(add);
        }
        box->addLayout(top);
        if (QWidget *marker = conflictMarker(m_dishes, dish.id, dish.name, dishBox))
            box->addWidget(marker);

        auto *grid = new QGridLayout;
        grid->setContentsMargins(2 * Theme::kGrid, 0, 0, 0);
        grid->setHorizontalSpacing(Theme::kGrid);
        grid->setVerticalSpacing(Theme::kGrid / 2);
        grid->setColumnStretch(0, 1);
        int r = 0;
        const QList<EventIngredient> ingredients = m_ingredients.ofDish(dish.id);
        if (ingredients.isEmpty())
            grid->addWidget(makeMuted(tr("No ingredients yet."), dishBox), r++, 0, 1, 4);
        for (const EventIngredient &ingredient : ingredients) {
            auto *product = new QLabel(ingredient.product, dishBox);
            product->setObjectName(QStringLiteral("ingredientName"));
            product->setProperty("ingredientId", ingredient.id);
            product->setWordWrap(true);
            grid->addWidget(product, r, 0);
            auto *quantity = new QDoubleSpinBox(dishBox);
            quantity->setObjectName(QStringLiteral("ingredientQuantity"));
            quantity->setProperty("ingredientId", ingredient.id);
            quantity->setProperty("focusKey", QString(QStringLiteral("quantity:") + ingredient.id));
            quantity->setRange(0, 100000);
            quantity->setDecimals(ingredient.unit == QLatin1String("kg") || ingredient.unit == QLatin1String("l") ? 2 : 1);
            quantity->setValue(ingredient.scaledQuantity(dish));
            if (!ingredient.unit.isEmpty())
                quantity->setSuffix(QLatin1Char(' ') + ingredient.unit);
            quantity->setAccessibleName(tr("Quantity of %1 for %2 servings").arg(ingredient.product).arg(dish.servings));
            quantity->setToolTip(tr("What %1 servings need; the recipe for %2 takes %3.")
                                     .arg(dish.servings)
                                     .arg(dish.recipeServings)
                                     .arg(PantryModel::formatAmount(ingredient.quantity, ingredient.unit)));
            quantity->setEnabled(mayEditIngredient);
            quantity->setFocusPolicy(Qt::StrongFocus);
            quantity->installEventFilter(new WheelGuard(quantity));
            const QString ingredientId = ingredient.id;
            connect(quantity, &QDoubleSpinBox::editingFinished, this, [this, quantity, ingredientId] {
                const auto i = m_ingredients.find(ingredientId);
                const auto d = i ? m_dishes.find(i->dishId) : std::nullopt;
                if (d && std::abs(i->scaledQuantity(*d) - quantity->value()) > 1e-9)
                    setNeededQuantity(ingredientId, quantity->value());
            });
            grid->addWidget(quantity, r, 1);
            QLabel *badge = ingredient.available
                                ? makeChip(ingredient.availableQuantity > 0
                                               ? tr("✓ available %1").arg(PantryModel::formatAmount(ingredient.availableQuantity, ingredient.unit))
                                               : tr("✓ available"),
                                           Theme::fine(), dishBox)
                                : makeMuted(tr("to buy"), dishBox);
            badge->setObjectName(QStringLiteral("availableBadge"));
            badge->setWordWrap(false);
            grid->addWidget(badge, r, 2);
            if (mayEditIngredient) {
                auto *edit = makeRowButton("document-edit", "edit", QString(), tr("Edit %1").arg(ingredient.product),
                                           QStringLiteral("editIngredientButton"), dishBox);
                edit->setToolButtonStyle(Qt::ToolButtonIconOnly);
                connect(edit, &QToolButton::clicked, this, [this, ingredientId] { editIngredient(ingredientId); });
                grid->addWidget(edit, r, 3);
            }
            ++r;
            if (QWidget *marker = conflictMarker(m_ingredients, ingredient.id, ingredient.product, dishBox))
                grid->addWidget(marker, r++, 0, 1, 4);
        }
        box->addLayout(grid);
        m_menu->addWidget(dishBox);
    }
}

void EventsPage::refreshShopping(const EventPlan &event)
{
    const QList<BoardCard> cards = eventCards(m_data, event.id);
    QSet<QString> checked;
    for (int i = 0; i < m_shoppingList->count(); ++i) {
        if (m_shoppingList->item(i)->checkState() == Qt::Checked)
            checked.insert(m_shoppingList->item(i)->data(StatusColumnList::kIdRole).toString());
    }
    const QSignalBlocker blocker(m_shoppingList);
    m_shoppingList->clear();
    int bought = 0;
    for (const BoardCard &card : cards) {
        QString text = card.quantity.isEmpty() ? card.title : tr("%1 — %2").arg(card.title, card.quantity);
        auto *item = new QListWidgetItem(m_shoppingList);
        item->setData(StatusColumnList::kIdRole, card.id);
        if (card.done) {
            ++bought;
            QStringList how;
            if (card.purchasedQuantity > 0)
                how << PantryModel::formatAmount(card.purchasedQuantity, card.needUnit);
            if (!card.boughtBy.isEmpty())
                how << tr("by %1").arg(m_data.members.nameOf(card.boughtBy));
            const QDateTime at = QDateTime::fromString(card.boughtAt, Qt::ISODate).toLocalTime();
            if (at.isValid())
                how << QLocale().toString(at, QStringLiteral("ddd d MMM, HH:mm"));
            text += QLatin1Char('\n') + tr("✓ bought %1").arg(how.join(QLatin1Char(' ')));
            item->setFlags(Qt::ItemIsEnabled);
            item->setForeground(Theme::fine().darker(Theme::isDark(this) ? 60 : 110));
        } else {
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(checked.contains(card.id) ? Qt::Checked : Qt::Unchecked);
        }
        const QVariantList conflicts = m_data.cards.conflictsOf(card.id);
        if (!conflicts.isEmpty())
            text += QLatin1Char('\n') + tr("⚠ changed on another device too");
        item->setText(text);
    }
    if (cards.isEmpty()) {
        auto *none = new QListWidgetItem(tr("Nothing to buy yet — the dishes' ingredients appear here and on the shopping board."),
                                         m_shoppingList);
        none->setFlags(Qt::NoItemFlags);
    }
    // As tall as its rows, so the page scrolls rather than the list.
    int height = 2 * m_shoppingList->frameWidth() + Theme::kGrid;
    for (int i = 0; i < m_shoppingList->count(); ++i)
        height += m_shoppingList->sizeHintForRow(i) + 2 * m_shoppingList->spacing();
    m_shoppingList->setFixedHeight(std::clamp(height, 6 * Theme::kGrid, 60 * Theme::kGrid));
    m_shoppingProgress->setText(cards.isEmpty() ? tr("Nothing to buy") : tr("%1 of %2 bought").arg(bought).arg(cards.size()));
    m_shoppingMeter->setValue(percentOf(bought, cards.size()));
    m_shoppingMeter->setColor(Theme::fine());
    m_shoppingMeter->setVisible(!cards.isEmpty());
    m_markBought->setVisible(bought < cards.size());
    bool any = false;
    for (int i = 0; i < m_shoppingList->count(); ++i)
        any = any || m_shoppingList->item(i)->checkState() == Qt::Checked;
    m_markBought->setEnabled(any);
    clear(m_shoppingConflicts);
    for (const BoardCard &card : cards) {
        if (QWidget *marker = conflictMarker(m_data.cards, card.id, card.title, m_shoppingList->parentWidget()))
            m_shoppingConflicts->addWidget(marker);
    }
}

void EventsPage::refreshBudget(const EventPlan &event)
{
    clear(m_spending);
    const QString currency = m_data.currency();
    QWidget *parent = m_budgetLine->parentWidget();
    if (event.budgetCents > 0) {
        const qint64 left = event.budgetCents - event.spentCents;
        m_budgetLine->setText(left >= 0 ? tr("%1 spent of %2 · %3 left")
                                              .arg(Money::format(event.spentCents, currency), Money::format(event.budgetCents, currency),
                                                   Money::format(left, currency))
                                        : tr("%1 spent of %2 · %3 over")
                                              .arg(Money::format(event.spentCents, currency), Money::format(event.budgetCents, currency),
                                                   Money::format(-left, currency)));
        m_budgetMeter->setValue(percentOf(event.spentCents, event.budgetCents));
        m_budgetMeter->setColor(budgetColor(event.budgetStatus));
        m_budgetMeter->setToolTip(budgetWords(event.budgetStatus));
        m_budgetMeter->show();
    } else {
        m_budgetLine->setText(tr("%1 spent · no budget set (Edit to give it one)").arg(Money::format(event.spentCents, currency)));
        m_budgetMeter->hide();
    }
    QList<BudgetTransaction> spending;
    for (const BudgetTransaction &t : m_data.budget.records()) {
        if (t.eventId == event.id)
            spending.append(t);
    }
    std::sort(spending.begin(), spending.end(), [](const auto &a, const auto &b) { return a.occurredOn > b.occurredOn; });
    if (spending.isEmpty())
        m_spending->addWidget(makeMuted(tr("No spending recorded yet — “Mark bought…” can add it here."), parent));
    for (const BudgetTransaction &t : std::as_const(spending)) {
        auto *row = new QHBoxLayout;
        QStringList what{QLocale().toString(t.occurredOn, QStringLiteral("ddd d MMM"))};
        if (!t.description.isEmpty())
            what << t.description;
        if (!t.memberId.isEmpty())
            what << m_data.members.nameOf(t.memberId);
        auto *label = new QLabel(what.join(QStringLiteral(" · ")), parent);
        label->setObjectName(QStringLiteral("spendingRow"));
        label->setWordWrap(true);
        auto *amount = new QLabel(Money::format(std::abs(t.amountCents), currency), parent);
        amount->setObjectName(QStringLiteral("spendingAmount"));
        row->addWidget(label, 1);
        row->addWidget(amount, 0, Qt::AlignTop);
        m_spending->addLayout(row);
    }
}

QStringList EventsPage::rolesOffered() const
{
    QStringList roles = standardEventRoles();
    for (const EventRole &role : m_roles.records()) {
        if (!roles.contains(role.role))
            roles << role.role;
    }
    return roles;
}

void EventsPage::refreshRoles(const EventPlan &event)
{
    clear(m_roleRows);
    QWidget *parent = m_roleAdd->parentWidget();
    const QList<EventRole> roles = m_roles.rolesOf(event.id);
    const bool mayRemove = m_gate->mayDelete(m_roles);
    const qreal dpr = devicePixelRatioF();
    for (const Member &member : m_data.members.records()) {
        QList<EventRole> held;
        for (const EventRole &role : roles) {
            if (role.memberId == member.id)
                held.append(role);
        }
        if (held.isEmpty())
            continue;
        auto *row = new QHBoxLayout;
        row->setSpacing(Theme::kGrid / 2);
        auto *face = new QLabel(parent);
        face->setFixedSize(kAvatarSize, kAvatarSize);
        face->setPixmap(avatar(member.name, memberColor(m_data, member.id), true, dpr));
        row->addWidget(face);
        auto *name = new QLabel(member.name, parent);
        name->setObjectName(QStringLiteral("roleMember"));
        row->addWidget(name);
        row->addSpacing(Theme::kGrid / 2);
        for (const EventRole &role : std::as_const(held)) {
            row->addWidget(makeChip(eventRoleTitle(role.role), Theme::accent(), parent));
            if (mayRemove) {
                const QString id = role.id;
                auto *remove = new QToolButton(parent);
                remove->setObjectName(QStringLiteral("removeRoleButton"));
                remove->setText(QStringLiteral("×"));
                remove->setAutoRaise(true);
                remove->setFocusPolicy(Qt::StrongFocus);
                remove->setToolTip(tr("%1 is no longer %2").arg(member.name, eventRoleTitle(role.role)));
                remove->setAccessibleName(remove->toolTip());
                connect(remove, &QToolButton::clicked, this, [this, id] { removeRole(id); });
                row->addWidget(remove);
            }
        }
        row->addStretch(1);
        m_roleRows->addLayout(row);
    }
    if (roles.isEmpty())
        m_roleRows->addWidget(makeMuted(tr("Nobody has a role yet — the cooks are told what is bought, logistics what to buy."), parent));

    m_roleAdd->setVisible(m_gate->mayCreate(m_roles));
    auto *member = m_roleAdd->findChild<QComboBox *>(QStringLiteral("roleMemberCombo"));
    auto *role = m_roleAdd->findChild<QComboBox *>(QStringLiteral("roleNameCombo"));
    const QString memberChosen = member->currentData().toString();
    member->clear();
    for (const Member &m : m_data.members.records())
        member->addItem(m.name, m.id);
    member->setCurrentIndex(std::max(0, member->findData(memberChosen)));
    const QString typed = role->currentText();
    role->clear();
    for (const QString &r : rolesOffered())
        role->addItem(eventRoleTitle(r), r);
    role->setEditText(typed.isEmpty() ? role->itemText(0) : typed);
}

QWidget *EventsPage::conflictMarker(CollectionModel &model, const QString &entityId, const QString &name, QWidget *parent)
{
    const QVariantList conflicts = model.conflictsOf(entityId);
    if (conflicts.isEmpty())
        return nullptr;
    auto *marker = new QFrame(parent);
    marker->setObjectName(QStringLiteral("conflictMarker"));
    marker->setProperty("entityId", entityId);
    auto *layout = new QHBoxLayout(marker);
    layout->setContentsMargins(Theme::kGrid, Theme::kGrid / 2, Theme::kGrid, Theme::kGrid / 2);
    QStringList what;
    QJsonObject mine;
    for (const QVariant &conflict : conflicts) {
        const QVariantMap c = conflict.toMap();
        const QString field = c.value(QStringLiteral("field")).toString();
        what << tr("%1: yours %2, kept %3")
                    .arg(field, c.value(QStringLiteral("mine")).toString(), c.value(QStringLiteral("theirs")).toString());
        mine.insert(field, QJsonValue::fromVariant(c.value(QStringLiteral("mine"))));
    }
    auto *text = new QLabel(tr("⚠ %1 was changed on another device at the same time — %2").arg(name, what.join(QStringLiteral("; "))), marker);
    text->setWordWrap(true);
    layout->addWidget(text, 1);
    auto *keepMine = Theme::makeSecondaryButton(tr("Keep mine"), marker);
    keepMine->setObjectName(QStringLiteral("keepMineButton"));
    auto *keepTheirs = Theme::makeSecondaryButton(tr("Keep theirs"), marker);
    keepTheirs->setObjectName(QStringLiteral("keepTheirsButton"));
    CollectionModel *m = &model;
    // Mine again, on the item as it is now (an undoable edit); then the conflict is settled.
    connect(keepMine, &QPushButton::clicked, this, [this, m, entityId, mine] {
        if (applyAndReport(*m, Mutation{{}, m->collection(), MutationOp::Update, entityId, -1, mine}, tr("Keep my version")))
            m->keepTheirs(entityId);
    });
    // Theirs is what the household kept: nothing to write, the conflict is only dismissed.
    connect(keepTheirs, &QPushButton::clicked, this, [this, m, entityId] {
        m->keepTheirs(entityId);
        scheduleRefresh();
    });
    layout->addWidget(keepMine);
    layout->addWidget(keepTheirs);
    return marker;
}

bool EventsPage::applyAndReport(CollectionModel &model, const Mutation &mutation, const QString &text)
{
    const MutationResult result = m_history.apply(model, mutation, text);
    showError(result.ok ? QString() : result.error.message);
    scheduleRefresh();
    return result.ok;
}

void EventsPage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

QString EventsPage::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

void EventsPage::selectEvent(const QString &eventId)
{
    if (!m_events.find(eventId))
        return;
    m_selected = eventId;
    showError({});
    refresh();
}

void EventsPage::addNew()
{
    auto submit = [this](const EventPlan &e) {
        const MutationResult result = m_history.apply(m_events, m_events.addMutation(e), tr("Add event “%1”").arg(e.name));
        if (result.ok) {
            m_selected = result.entityId;
            scheduleRefresh();
        }
        return result;
    };
    openOwned(new EventDialog(m_data, submit, this));
}

void EventsPage::editEvent(const QString &eventId)
{
    const auto event = m_events.find(eventId);
    if (!event)
        return;
    const EventPlan before = *event;
    auto submit = [this, before](const EventPlan &e) {
        return m_history.apply(m_events, m_events.editMutation(before, e), tr("Edit event “%1”").arg(e.name));
    };
    auto *dialog = new EventDialog(m_data, submit, this);
    dialog->setEvent(before, false);
    connect(dialog, &EventDialog::deleteRequested, this, [this, eventId] { deleteEvent(eventId); });
    openOwned(dialog);
}

void EventsPage::deleteEvent(const QString &eventId)
{
    const auto event = m_events.find(eventId);
    if (!event)
        return;
    if (!m_confirmer.confirm(this, tr("Delete event"),
                             tr("Delete “%1” with its tasks, menu and roles? Its shopping cards and spending stay. "
                                "You can undo this with Ctrl+Z.")
                                 .arg(event->name),
                             tr("Delete event")))
        return;
    // Children first, in an order undo can rebuild them in: a task before the tasks it waits for
    // (undo makes those first), ingredients before their dishes, the event last.
    EditHistory::Group group(m_history, tr("Delete event “%1”").arg(event->name));
    const auto remove = [this](CollectionModel &model, const QString &id) {
        const MutationResult result = m_history.apply(model, model.removeMutation(id), QString());
        if (!result.ok)
            showError(result.error.message);
        return result.ok;
    };
    for (const EventRole &role : m_roles.rolesOf(eventId)) {
        if (!remove(m_roles, role.id))
            return;
    }
    QList<EventTask> tasks = m_tasks.tasksOf(eventId);
    while (!tasks.isEmpty()) {
        // One that no remaining task waits for.
        const auto free = std::find_if(tasks.begin(), tasks.end(), [&tasks](const EventTask &t) {
            return std::none_of(tasks.begin(), tasks.end(), [&t](const EventTask &o) { return o.dependsOn.contains(t.id); });
        });
        const EventTask task = free != tasks.end() ? *free : tasks.first();
        tasks.erase(free != tasks.end() ? free : tasks.begin());
        if (!remove(m_tasks, task.id))
            return;
    }
    for (const EventDish &dish : m_dishes.dishesOf(eventId)) {
        for (const EventIngredient &ingredient : m_ingredients.ofDish(dish.id)) {
            if (!remove(m_ingredients, ingredient.id))
                return;
        }
        if (!remove(m_dishes, dish.id))
            return;
    }
    // A copy: each delete changes the model's rows (at once, when this copy holds the household).
    const QList<EventPurchase> purchases = m_purchases.records();
    for (const EventPurchase &purchase : purchases) {
        if (purchase.eventId == eventId && !remove(m_purchases, purchase.id))
            return;
    }
    if (remove(m_events, eventId)) {
        m_selected.clear();
        showError({});
    }
    scheduleRefresh();
}

void EventsPage::addTask()
{
    const auto event = current();
    if (!event)
        return;
    const QString eventId = event->id;
    auto submit = [this, eventId](const EventTask &t) {
        EventTask task = t;
        task.eventId = eventId;
        const QList<EventTask> existing = m_tasks.tasksOf(eventId);
        task.position = existing.isEmpty() ? 0 : existing.last().position + 1; // at the end
        task.status = startingStatus(m_tasks, task);
        return m_history.apply(m_tasks, m_tasks.addMutation(task), tr("Add task “%1”").arg(task.title));
    };
    openOwned(new EventTaskDialog(m_data, m_tasks.tasksOf(eventId), rolesOffered(), submit, this));
}

void EventsPage::editTask(const QString &taskId)
{
    const auto task = m_tasks.find(taskId);
    if (!task)
        return;
    const EventTask before = *task;
    auto submit = [this, before](const EventTask &t) {
        return m_history.apply(m_tasks, m_tasks.editMutation(before, t), tr("Edit task “%1”").arg(t.title));
    };
    auto *dialog = new EventTaskDialog(m_data, m_tasks.tasksOf(task->eventId), rolesOffered(), submit, this);
    dialog->setTask(before, false);
    connect(dialog, &EventTaskDialog::deleteRequested, this, [this, taskId] { deleteTask(taskId); });
    openOwned(dialog);
}

void EventsPage::deleteTask(const QString &taskId)
{
    const auto task = m_tasks.find(taskId);
    if (!task)
        return;
    if (m_confirmer.confirm(this, tr("Delete task"), tr("Delete “%1”? You can undo this with Ctrl+Z.").arg(task->title), tr("Delete")))
        applyAndReport(m_tasks, m_tasks.removeMutation(taskId), tr("Delete task “%1”").arg(task->title));
}

bool EventsPage::moveTask(const QString &taskId, const QString &status)
{
    const auto task = m_tasks.find(taskId);
    if (!task || task->status == status)
        return false;
    return applyAndReport(m_tasks, m_tasks.statusMutation(taskId, status),
                          tr("Move “%1” to %2").arg(task->title, statusTitle(status)));
}

void EventsPage::fitTaskColumns()
{
    // The columns as tall as the fullest one (within reason), so the board rarely scrolls inside.
    // Worked out from the text, wrapped at the column's width (the rows are not laid out yet).
    int tallest = 0;
    for (const TaskColumnList *list : std::as_const(m_taskColumns)) {
        const QFontMetrics metrics(list->font());
        const int textWidth = std::max(list->width() - 2 * list->frameWidth(), 16 * Theme::kGrid) - kAvatarSize - 3 * Theme::kGrid;
        int height = 2 * list->frameWidth() + Theme::kGrid;
        for (int i = 0; i < list->count(); ++i) {
            int lines = 0;
            for (const QString &line : list->item(i)->text().split(QLatin1Char('\n')))
                lines += std::max(1, (metrics.horizontalAdvance(line) + textWidth - 1) / std::max(textWidth, 1));
            height += std::max(lines * metrics.lineSpacing(), kAvatarSize) + 2 * list->spacing() + Theme::kGrid / 2;
        }
        tallest = std::max(tallest, height);
    }
    for (TaskColumnList *list : std::as_const(m_taskColumns))
        list->setFixedHeight(std::clamp(tallest, 20 * Theme::kGrid, 56 * Theme::kGrid));
}

void EventsPage::resizeEvent(QResizeEvent *event)
{
    Page::resizeEvent(event);
    QTimer::singleShot(0, this, &EventsPage::fitTaskColumns); // the rows wrap at the new width, once laid out
}

void EventsPage::showTaskBoard(bool board)
{
    // The stack is as tall as the page shown, not as the taller of the two.
    for (int i = 0; i < m_taskStack->count(); ++i) {
        const bool shown = i == (board ? 0 : 1);
        m_taskStack->widget(i)->setSizePolicy(shown ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                                              shown ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    }
    m_taskStack->setCurrentIndex(board ? 0 : 1);
    m_taskView->button(board ? 0 : 1)->setChecked(true);
}

bool EventsPage::showsTaskBoard() const
{
    return m_taskStack->currentIndex() == 0;
}

void EventsPage::addDish()
{
    const auto event = current();
    if (!event)
        return;
    const QString eventId = event->id;
    auto submit = [this, eventId](const EventDish &d) {
        EventDish dish = d;
        dish.eventId = eventId;
        return m_history.apply(m_dishes, m_dishes.addMutation(dish), tr("Add dish “%1”").arg(dish.name));
    };
    auto *dialog = new EventDishDialog(m_data, submit, this);
    EventDish fresh;
    fresh.servings = std::max<qint64>(1, event->guestCount);
    dialog->setDish(fresh, true);
    openOwned(dialog);
}

void EventsPage::editDish(const QString &dishId)
{
    const auto dish = m_dishes.find(dishId);
    if (!dish)
        return;
    const EventDish before = *dish;
    auto submit = [this, before](const EventDish &d) {
        return m_history.apply(m_dishes, m_dishes.editMutation(before, d), tr("Edit dish “%1”").arg(d.name));
    };
    auto *dialog = new EventDishDialog(m_data, submit, this);
    dialog->setDish(before, false);
    connect(dialog, &EventDishDialog::deleteRequested, this, [this, before] {
        if (!m_confirmer.confirm(this, tr("Delete dish"),
                                 tr("Delete “%1” and its ingredients? Their shopping is worked out again. You can undo this with Ctrl+Z.")
                                     .arg(before.name),
                                 tr("Delete")))
            return;
        EditHistory::Group group(m_history, tr("Delete dish “%1”").arg(before.name));
        for (const EventIngredient &ingredient : m_ingredients.ofDish(before.id)) {
            if (!applyAndReport(m_ingredients, m_ingredients.removeMutation(ingredient.id), QString()))
                return;
        }
        applyAndReport(m_dishes, m_dishes.removeMutation(before.id), QString());
    });
    openOwned(dialog);
}

bool EventsPage::setServings(const QString &dishId, int servings)
{
    const auto dish = m_dishes.find(dishId);
    if (!dish)
        return false;
    EventDish after = *dish;
    after.servings = servings;
    return applyAndReport(m_dishes, m_dishes.editMutation(*dish, after),
                          tr("%1 for %n serving(s)", nullptr, servings).arg(dish->name));
}

void EventsPage::addIngredient(const QString &dishId)
{
    const auto dish = m_dishes.find(dishId);
    if (!dish)
        return;
    auto submit = [this, dishId](const EventIngredient &i) {
        EventIngredient ingredient = i;
        ingredient.dishId = dishId;
        return m_history.apply(m_ingredients, m_ingredients.addMutation(ingredient), tr("Add “%1”").arg(ingredient.product));
    };
    openOwned(new EventIngredientDialog(m_data, *dish, submit, this));
}

void EventsPage::editIngredient(const QString &ingredientId)
{
    const auto ingredient = m_ingredients.find(ingredientId);
    const auto dish = ingredient ? m_dishes.find(ingredient->dishId) : std::nullopt;
    if (!dish)
        return;
    const EventIngredient before = *ingredient;
    auto submit = [this, before](const EventIngredient &i) {
        return m_history.apply(m_ingredients, m_ingredients.editMutation(before, i), tr("Edit “%1”").arg(i.product));
    };
    auto *dialog = new EventIngredientDialog(m_data, *dish, submit, this);
    dialog->setIngredient(before, false);
    connect(dialog, &EventIngredientDialog::deleteRequested, this, [this, before] {
        applyAndReport(m_ingredients, m_ingredients.removeMutation(before.id), tr("Delete “%1”").arg(before.product));
    });
    openOwned(dialog);
}

bool EventsPage::setNeededQuantity(const QString &ingredientId, double quantity)
{
    const auto ingredient = m_ingredients.find(ingredientId);
    const auto dish = ingredient ? m_dishes.find(ingredient->dishId) : std::nullopt;
    if (!dish)
        return false;
    // The recipe's quantity, from what this many servings need.
    const double recipe = dish->servings > 0 ? quantity * dish->recipeServings / dish->servings : quantity;
    return applyAndReport(m_ingredients, m_ingredients.quantityMutation(ingredientId, recipe),
                          tr("%1: %2").arg(ingredient->product, PantryModel::formatAmount(quantity, ingredient->unit)));
}

void EventsPage::markBought()
{
    const auto event = current();
    if (!event)
        return;
    QStringList ids;
    QStringList lines;
    for (int i = 0; i < m_shoppingList->count(); ++i) {
        const QListWidgetItem *item = m_shoppingList->item(i);
        if (item->checkState() == Qt::Checked) {
            ids << item->data(StatusColumnList::kIdRole).toString();
            lines << item->text().section(QLatin1Char('\n'), 0, 0);
        }
    }
    if (ids.isEmpty())
        return;
    auto submit = [this, ids](qint64 total, bool addToBudget) { return buy(ids, total, addToBudget); };
    openOwned(new EventPurchaseDialog(m_data, event->name, lines, submit, this));
}

MutationResult EventsPage::buy(const QStringList &cardIds, qint64 totalCents, bool addToBudget)
{
    const auto event = current();
    QJsonArray items;
    for (const QString &id : cardIds) {
        const auto card = m_data.cards.find(id);
        if (card && !card->done)
            items.append(QJsonObject{{QStringLiteral("card_id"), id}, {QStringLiteral("quantity"), card->needQuantity}});
    }
    if (!event || items.isEmpty())
        return MutationResult::failure(QStringLiteral("invalid"), tr("Tick what was bought first."));
    const MutationResult result = m_history.apply(m_purchases, m_purchases.buyMutation(event->id, items, totalCents, addToBudget),
                                                  tr("Bought %n item(s) for %1", nullptr, int(items.size())).arg(event->name));
    if (result.ok)
        showError({});
    scheduleRefresh();
    return result;
}

bool EventsPage::addRole(const QString &memberId, const QString &role)
{
    const auto event = current();
    if (!event || memberId.isEmpty())
        return false;
    if (role.trimmed().isEmpty()) {
        showError(tr("Say which role — cook, logistics, host or one of your own."));
        return false;
    }
    for (const EventRole &held : m_roles.rolesOf(event->id)) {
        if (held.memberId == memberId && held.role == role) {
            showError(tr("%1 is already %2 for this event.").arg(m_data.members.nameOf(memberId), eventRoleTitle(role)));
            return false;
        }
    }
    return applyAndReport(m_roles, m_roles.assignMutation(event->id, memberId, role),
                          tr("%1 is %2").arg(m_data.members.nameOf(memberId), eventRoleTitle(role)));
}

void EventsPage::removeRole(const QString &roleId)
{
    const auto role = m_roles.find(roleId);
    if (role)
        applyAndReport(m_roles, m_roles.removeMutation(roleId),
                       tr("%1 is no longer %2").arg(m_data.members.nameOf(role->memberId), eventRoleTitle(role->role)));
}

QStringList EventsPage::taskTitles(const QString &status) const
{
    QStringList titles;
    if (const TaskColumnList *list = m_taskColumns.value(status)) {
        for (int i = 0; i < list->count(); ++i)
            titles << list->item(i)->text().section(QLatin1Char('\n'), 0, 0);
    }
    return titles;
}

QString EventsPage::taskText(const QString &taskId) const
{
    for (const TaskColumnList *list : m_taskColumns) {
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->data(StatusColumnList::kIdRole).toString() == taskId)
                return list->item(i)->text();
        }
    }
    return {};
}

namespace {

// The visible text of a section's labels, top to bottom, each once.
QString labelsText(const QWidget *root, const QWidget *page)
{
    QStringList lines;
    for (const QLabel *label : root->findChildren<QLabel *>()) {
        if (label->isVisibleTo(page) && !label->text().isEmpty())
            lines << label->text();
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

QString EventsPage::eventsText() const
{
    QStringList lines;
    for (const QFrame *row : findChildren<QFrame *>(QStringLiteral("eventRow"))) {
        if (!row->isHidden()) // rebuilt rows wait hidden for their deletion; a folded past row is not hidden itself
            lines << row->accessibleName();
    }
    return lines.join(QLatin1Char('\n'));
}

QString EventsPage::headerText() const
{
    return QStringList{m_eventName->text(), m_eventWhen->text(), m_eventSummary->text()}.join(QLatin1Char('\n'));
}

QString EventsPage::menuText() const
{
    QStringList lines;
    for (const QFrame *dish : findChildren<QFrame *>(QStringLiteral("dishRow"))) {
        if (!dish->isVisibleTo(this))
            continue;
        lines << dish->findChild<QLabel *>(QStringLiteral("dishName"))->text();
        for (const QLabel *name : dish->findChildren<QLabel *>(QStringLiteral("ingredientName"))) {
            const QString id = name->property("ingredientId").toString();
            QString line = QStringLiteral("  ") + name->text();
            for (const QDoubleSpinBox *q : dish->findChildren<QDoubleSpinBox *>(QStringLiteral("ingredientQuantity"))) {
                if (q->property("ingredientId").toString() == id)
                    line += QLatin1Char(' ') + q->text();
            }
            lines << line;
        }
        for (const QLabel *badge : dish->findChildren<QLabel *>(QStringLiteral("availableBadge")))
            lines << QStringLiteral("    ") + badge->text();
    }
    return lines.join(QLatin1Char('\n'));
}

QString EventsPage::shoppingText() const
{
    QStringList lines{m_shoppingProgress->text()};
    for (int i = 0; i < m_shoppingList->count(); ++i)
        lines << m_shoppingList->item(i)->text();
    return lines.join(QLatin1Char('\n'));
}

QString EventsPage::budgetText() const
{
    return labelsText(m_budgetLine->parentWidget(), this);
}

QString EventsPage::rolesText() const
{
    return labelsText(m_roleAdd->parentWidget(), this);
}

PageRegistration EventsPage::registration()
{
    PageRegistration page{kId, QT_TRANSLATE_NOOP("Pages", "Events"), "view-calendar-upcoming-events", "events",
            [](const PageContext &context, QWidget *parent) -> Page * { return new EventsPage(context.data, context.history, context.confirmer, parent); },
            [](const PageContext &context, QWidget *parent) -> DashboardCard * { return new NextEventCard(context.data, parent); },
            QT_TRANSLATE_NOOP("Pages", "Next event")};
    page.collections = {Collection::EventPlans, Collection::EventRoles, Collection::EventTasks, Collection::EventDishes,
                        Collection::EventIngredients, Collection::EventPurchases};
    return page;
}

} // namespace hearth

#include "EventsPage.moc"
