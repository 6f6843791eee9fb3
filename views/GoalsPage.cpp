#include "GoalsPage.h"

#include "Clock.h"
#include "Confirmer.h"
#include "DashboardCard.h"
#include "Dates.h"
#include "EditHistory.h"
#include "GoalDialog.h"
#include "HouseholdData.h"
#include "MeterBar.h"
#include "Money.h"
#include "RoleGate.h"
#include "Theme.h"

#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace hearth {

namespace {

constexpr int kMaxColumns = 3;

// Cards side by side as the width allows: one on a narrow window, three on a wide screen.
int columnsFor(int width)
{
    return width >= 190 * Theme::kGrid ? 3 : width >= 90 * Theme::kGrid ? 2 : 1;
}

QColor statusColor(GoalsModel::GoalStatus status)
{
    switch (status) {
    case GoalsModel::GoalStatus::OnTrack:
    case GoalsModel::GoalStatus::Reached: return Theme::fine();
    case GoalsModel::GoalStatus::Behind: return Theme::warning();
    case GoalsModel::GoalStatus::Overdue: return Theme::danger();
    }
    return Theme::fine();
}

QString statusKey(GoalsModel::GoalStatus status)
{
    switch (status) {
    case GoalsModel::GoalStatus::OnTrack: return QStringLiteral("onTrack");
    case GoalsModel::GoalStatus::Behind: return QStringLiteral("behind");
    case GoalsModel::GoalStatus::Reached: return QStringLiteral("reached");
    case GoalsModel::GoalStatus::Overdue: return QStringLiteral("overdue");
    }
    return {};
}

// Whole months from `from` to `to` (a month counts once its day is reached).
int monthsBetween(const QDate &from, const QDate &to)
{
    int months = (to.year() - from.year()) * 12 + to.month() - from.month();
    if (to.day() < from.day())
        --months;
    return months;
}

// The goals on the dashboard: each one's progress.
class GoalsCard final : public DashboardCard
{
    Q_OBJECT

public:
    GoalsCard(HouseholdData &data, QWidget *parent)
        : DashboardCard(parent)
        , m_data(data)
        , m_empty(new QLabel(tr("No goals yet — set one to save toward together."), this))
    {
        m_empty->setWordWrap(true);
        body()->addWidget(m_empty);
        follow(m_data.goals);
        follow(m_data.household); // the currency
        refresh();
    }

    QString text() const override
    {
        QString text;
        for (int i = 0; i < body()->count(); ++i) {
            if (auto *label = qobject_cast<QLabel *>(body()->itemAt(i)->widget()))
                text += label->text() + QLatin1Char('\n');
        }
        return text;
    }

protected:
    void refresh() override
    {
        // Rebuild the rows below the empty note; there are only ever a handful.
        while (body()->count() > 1) {
            QLayoutItem *item = body()->takeAt(1);
            if (QWidget *w = item->widget())
                w->deleteLater();
            delete item;
        }
        const QList<Goal> &goals = m_data.goals.records();
        m_empty->setVisible(goals.isEmpty());
        const QString currency = m_data.currency();
        for (const Goal &g : goals) {
            const auto status = m_data.goals.status(g);
            auto *name = new QLabel(this);
            name->setTextFormat(Qt::RichText);
            name->setText(QStringLiteral("<b>%1</b> <span style=\"color:%2\">%3 / %4 · %5</span>")
                              .arg(g.name.toHtmlEscaped(), Theme::mutedText(this).name(QColor::HexArgb),
                                   Money::format(g.savedCents, currency), Money::format(g.targetCents, currency),
                                   GoalsModel::statusText(status)));
            auto *bar = new MeterBar(this);
            bar->setValue(GoalsModel::progressPercent(g));
            bar->setColor(statusColor(status));
            body()->addWidget(name);
            body()->addWidget(bar);
        }
        body()->addStretch(1);
    }

private:
    HouseholdData &m_data;
    QLabel *m_empty;
};

} // namespace

GoalsPage::GoalsPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent)
    : Page(parent)
    , m_data(data)
    , m_history(history)
    , m_confirmer(confirmer)
    , m_gate(new RoleGate(data, this))
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("goalsPage"));
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(0);
    connect(m_refreshTimer, &QTimer::timeout, this, &GoalsPage::refresh);

    QVBoxLayout *layout = Theme::makeScrollingContent(this);
    QWidget *content = layout->parentWidget();

    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(Theme::kGrid / 2);
    titles->addWidget(Theme::makeTitle(tr("Goals"), content));
    m_overview = Theme::makeSubtitle(QString(), content);
    m_overview->setObjectName(QStringLiteral("subtitle"));
    m_overview->setAccessibleName(tr("Savings overview"));
    titles->addWidget(m_overview);
    header->addLayout(titles, 1);
    m_newGoal = Theme::makePrimaryButton(tr("New goal"), content);
    m_newGoal->setProperty("action", QStringLiteral("newGoal"));
    m_newGoal->setToolTip(tr("Add a savings goal (Ctrl+N)"));
    connect(m_newGoal, &QPushButton::clicked, this, &GoalsPage::addNew);
    header->addWidget(m_newGoal, 0, Qt::AlignVCenter);
    layout->addLayout(header);

    m_grid = new QGridLayout;
    m_grid->setSpacing(2 * Theme::kGrid);
    layout->addLayout(m_grid);

    m_emptyCard = Theme::makeCard(content);
    m_emptyCard->setProperty("section", QStringLiteral("empty"));
    auto *emptyLayout = new QVBoxLayout(m_emptyCard);
    emptyLayout->setContentsMargins(4 * Theme::kGrid, 4 * Theme::kGrid, 4 * Theme::kGrid, 4 * Theme::kGrid);
    emptyLayout->setSpacing(2 * Theme::kGrid);
    auto *emptyText = new QLabel(tr("No goals yet — set one to save toward together:\n"
                                    "a summer holiday, a new bike, a rainy-day fund."),
                                 m_emptyCard);
    emptyText->setObjectName(QStringLiteral("emptyState"));
    emptyText->setAlignment(Qt::AlignCenter);
    emptyText->setWordWrap(true);
    auto *emptyButton = Theme::makePrimaryButton(tr("Set your first goal"), m_emptyCard);
    connect(emptyButton, &QPushButton::clicked, this, &GoalsPage::addNew);
    emptyLayout->addWidget(emptyText);
    emptyLayout->addWidget(emptyButton, 0, Qt::AlignHCenter);
    m_emptyText = emptyText;
    m_emptyButton = emptyButton;
    layout->addWidget(m_emptyCard);
    layout->addStretch(1);

    connect(&m_data.goals, &QAbstractItemModel::rowsInserted, this, &GoalsPage::scheduleRefresh);
    connect(&m_data.goals, &QAbstractItemModel::rowsRemoved, this, &GoalsPage::scheduleRefresh);
    connect(&m_data.goals, &QAbstractItemModel::dataChanged, this, &GoalsPage::scheduleRefresh);
    connect(&m_data.goals, &QAbstractItemModel::modelReset, this, &GoalsPage::scheduleRefresh);
    connect(&m_data.household, &QAbstractItemModel::dataChanged, this, &GoalsPage::scheduleRefresh);
    connect(&m_data.household, &QAbstractItemModel::rowsInserted, this, &GoalsPage::scheduleRefresh); // a joined household arriving

    connect(m_gate, &RoleGate::changed, this, &GoalsPage::applyRole);

    setFocusProxy(m_newGoal);
    refresh();
    applyRole();
}

bool GoalsPage::maySetUpGoals() const
{
    return m_gate->mayCreate(m_data.goals);
}

bool GoalsPage::mayDeleteGoals() const
{
    return m_gate->mayDelete(m_data.goals);
}

void GoalsPage::applyRole()
{
    // Setting up, changing and deleting goals is not offered to a role that may only put money in.
    const bool setUp = maySetUpGoals();
    m_newGoal->setVisible(setUp);
    m_emptyButton->setVisible(setUp);
    m_emptyText->setText(setUp ? tr("No goals yet — set one to save toward together:\n"
                                    "a summer holiday, a new bike, a rainy-day fund.")
                               : tr("No goals yet — ask an adult to set one up,\n"
                                    "then you can put money toward it here."));
    for (const Card &c : std::as_const(m_cards)) {
        c.edit->setVisible(setUp);
        c.remove->setVisible(mayDeleteGoals());
    }
}

void GoalsPage::scheduleRefresh()
{
    m_refreshTimer->start();
}

GoalsPage::Card GoalsPage::makeCard(const QString &id)
{
    Card c;
    c.frame = Theme::makeCard(m_emptyCard->parentWidget());
    c.frame->setProperty("goalId", id);
    c.frame->setProperty("clickable", true);
    c.frame->setFocusPolicy(Qt::StrongFocus);
    c.frame->installEventFilter(this);
    c.frame->setMinimumHeight(25 * Theme::kGrid);

    auto *layout = new QVBoxLayout(c.frame);
    layout->setContentsMargins(3 * Theme::kGrid, 2 * Theme::kGrid + Theme::kGrid / 2, 3 * Theme::kGrid, 2 * Theme::kGrid);
    layout->setSpacing(Theme::kGrid);

    auto *top = new QHBoxLayout;
    top->setSpacing(Theme::kGrid);
    auto *icon = new QLabel(c.frame);
    icon->setPixmap(Theme::icon("starred", "goals").pixmap(20, 20));
    c.name = new QLabel(c.frame);
    c.name->setObjectName(QStringLiteral("cardTitle"));
    c.name->setWordWrap(true);
    c.status = new QLabel(c.frame);
    c.status->setObjectName(QStringLiteral("goalStatus"));
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(c.name, 1);
    top->addWidget(c.status, 0, Qt::AlignTop);
    layout->addLayout(top);

    auto *amountRow = new QHBoxLayout;
    c.amounts = new QLabel(c.frame);
    c.amounts->setObjectName(QStringLiteral("goalAmounts"));
    c.amounts->setTextFormat(Qt::RichText);
    c.percent = new QLabel(c.frame);
    c.percent->setObjectName(QStringLiteral("goalPercent"));
    amountRow->addWidget(c.amounts, 1, Qt::AlignBottom);
    amountRow->addWidget(c.percent, 0, Qt::AlignBottom);
    layout->addLayout(amountRow);

    c.meter = new MeterBar(c.frame);
    c.meter->setObjectName(QStringLiteral("goalMeter"));
    c.meter->setFixedHeight(Theme::kGrid + Theme::kGrid / 2);
    layout->addWidget(c.meter);

    c.when = new QLabel(c.frame);
    c.when->setObjectName(QStringLiteral("goalWhen"));
    c.advice = new QLabel(c.frame);
    c.advice->setObjectName(QStringLiteral("goalAdvice"));
    c.advice->setWordWrap(true);
    layout->addWidget(c.when);
    layout->addWidget(c.advice);
    layout->addStretch(1);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(Theme::kGrid);
    c.addMoney = Theme::makePrimaryButton(tr("Add money"), c.frame);
    c.addMoney->setProperty("action", QStringLiteral("addMoney"));
    c.edit = Theme::makeToolButton(Theme::icon("document-edit", "edit"), tr("Edit"), QStringLiteral("editGoalButton"), c.frame);
    c.remove = Theme::makeToolButton(Theme::icon("edit-delete", "delete"), tr("Delete"), QStringLiteral("deleteGoalButton"), c.frame);
    buttons->addWidget(c.addMoney);
    buttons->addStretch(1);
    buttons->addWidget(c.edit);
    buttons->addWidget(c.remove);
    layout->addLayout(buttons);

    connect(c.addMoney, &QPushButton::clicked, this, [this, id] { addMoney(id); });
    connect(c.edit, &QToolButton::clicked, this, [this, id] { editGoal(id); });
    connect(c.remove, &QToolButton::clicked, this, [this, id] { deleteGoal(id); });
    c.edit->setVisible(maySetUpGoals());
    c.remove->setVisible(mayDeleteGoals());
    return c;
}

void GoalsPage::fillCard(Card &c, const Goal &g)
{
    const QString currency = m_data.currency();
    const QDate today = m_data.clock.today();
    const auto status = m_data.goals.status(g);
    const int percent = GoalsModel::progressPercent(g);
    QColor color = statusColor(status);
    const bool dark = Theme::isDark(this);
    const QColor chipText = dark ? color.lighter(135) : color.darker(115);

    c.frame->setAccessibleName(tr("Goal: %1").arg(g.name));
    c.frame->setProperty("status", statusKey(status));
    c.name->setText(g.name);
    c.status->setText(GoalsModel::statusText(status));
    c.status->setStyleSheet(QStringLiteral("QLabel { color: %1; background: rgba(%2, %3, %4, 0.16); border-radius: 8px;"
                                           " padding: 3px 10px; font-weight: 600; }")
                                .arg(chipText.name())
                                .arg(color.red())
                                .arg(color.green())
                                .arg(color.blue()));
    c.amounts->setText(QStringLiteral("<span style=\"font-size:17pt; font-weight:600\">%1</span>"
                                      "<span style=\"color:%2\">&nbsp;&nbsp;%3</span>")
                           .arg(Money::format(g.savedCents, currency).toHtmlEscaped(),
                                Theme::mutedText(this).name(QColor::HexArgb),
                                tr("saved of %1").arg(Money::format(g.targetCents, currency)).toHtmlEscaped()));
    c.percent->setText(tr("%1 %").arg(percent));
    c.when->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::mutedText(this).name(QColor::HexArgb)));
    c.percent->setStyleSheet(QStringLiteral("font-weight: 600; font-size: 12pt;"));
    c.meter->setValue(percent);
    c.meter->setColor(color);

    const QString date = QLocale().toString(g.targetDate, QStringLiteral("d MMM yyyy"));
    const qint64 days = today.daysTo(g.targetDate);
    QString relative;
    if (days >= 0 && days < 45)
        relative = describeDate(g.targetDate, today);
    else if (days >= 45)
        relative = tr("in %n month(s)", nullptr, monthsBetween(today, g.targetDate));
    if (status == GoalsModel::GoalStatus::Overdue)
        c.when->setText(days > -14 ? tr("Was due %1 · %2").arg(date, describeDate(g.targetDate, today))
                                   : tr("Was due %1").arg(date));
    else
        c.when->setText(relative.isEmpty() ? tr("By %1").arg(date) : tr("By %1 · %2").arg(date, relative));

    const qint64 missing = g.targetCents - g.savedCents;
    const QString monthly = Money::format(m_data.goals.monthlyNeededCents(g), currency);
    switch (status) {
    case GoalsModel::GoalStatus::OnTrack:
        c.advice->setText(tr("Save %1 per month to reach it.").arg(monthly));
        break;
    case GoalsModel::GoalStatus::Behind:
        c.advice->setText(tr("Behind plan — save %1 per month to reach it.").arg(monthly));
        break;
    case GoalsModel::GoalStatus::Reached:
        c.advice->setText(missing < 0 ? tr("Reached with %1 to spare — well done, everyone!").arg(Money::format(-missing, currency))
                                      : tr("Reached — well done, everyone!"));
        break;
    case GoalsModel::GoalStatus::Overdue:
        c.advice->setText(tr("%1 still to go — pick a new date or keep saving.").arg(Money::format(missing, currency)));
        break;
    }
    c.addMoney->setAccessibleName(tr("Add money to %1").arg(g.name));
    c.addMoney->setToolTip(tr("Put money aside for %1 (+)").arg(g.name));
    c.edit->setToolTip(tr("Edit %1 (Enter)").arg(g.name));
    c.remove->setToolTip(tr("Delete %1 (Delete)").arg(g.name));
}

void GoalsPage::refresh()
{
    m_refreshTimer->stop();
    QList<Goal> goals = m_data.goals.records();
    // Unreached goals first, soonest date first; reached ones after them.
    std::stable_sort(goals.begin(), goals.end(), [this](const Goal &a, const Goal &b) {
        const bool ra = m_data.goals.status(a) == GoalsModel::GoalStatus::Reached;
        const bool rb = m_data.goals.status(b) == GoalsModel::GoalStatus::Reached;
        if (ra != rb)
            return rb;
        if (a.targetDate != b.targetDate)
            return a.targetDate < b.targetDate;
        return a.name.localeAwareCompare(b.name) < 0;
    });

    // Update cards in place (focus stays where it is), make the new ones, drop the gone ones.
    QStringList order;
    for (const Goal &g : goals) {
        order << g.id;
        auto it = m_cards.find(g.id);
        if (it == m_cards.end())
            it = m_cards.insert(g.id, makeCard(g.id));
        fillCard(*it, g);
    }
    for (auto it = m_cards.begin(); it != m_cards.end();) {
        if (order.contains(it.key())) {
            ++it;
            continue;
        }
        it->frame->hide();
        it->frame->deleteLater();
        it = m_cards.erase(it);
    }
    if (order != m_order) {
        while (QLayoutItem *item = m_grid->takeAt(0))
            delete item;
        for (int c = 0; c < kMaxColumns; ++c)
            m_grid->setColumnStretch(c, c < m_columns ? 1 : 0);
        for (int i = 0; i < order.size(); ++i)
            m_grid->addWidget(m_cards.value(order.at(i)).frame, i / m_columns, i % m_columns);
        for (const QString &id : std::as_const(order))
            m_cards[id].frame->show(); // now, not on the next turn of the event loop: it may get the focus at once
        QWidget *previous = m_newGoal;
        for (const QString &id : std::as_const(order)) {
            const Card &c = m_cards[id];
            for (QWidget *w : {static_cast<QWidget *>(c.frame), static_cast<QWidget *>(c.addMoney),
                               static_cast<QWidget *>(c.edit), static_cast<QWidget *>(c.remove)}) {
                setTabOrder(previous, w);
                previous = w;
            }
        }
        m_order = order;
    }
    m_emptyCard->setVisible(goals.isEmpty());

    // The overview: what has been saved together and what it takes each month to stay on time.
    const QString currency = m_data.currency();
    qint64 saved = 0;
    qint64 target = 0;
    qint64 monthly = 0;
    int open = 0;
    for (const Goal &g : goals) {
        saved += g.savedCents;
        target += g.targetCents;
        const auto status = m_data.goals.status(g);
        if (status == GoalsModel::GoalStatus::OnTrack || status == GoalsModel::GoalStatus::Behind) {
            monthly += m_data.goals.monthlyNeededCents(g);
            ++open;
        }
    }
    if (goals.isEmpty())
        m_overview->setText(tr("Save toward the things that matter, together."));
    else if (open == 0)
        m_overview->setText(tr("Together you have saved %1 of %2 — nothing left to put aside. Time for a new goal?")
                                .arg(Money::format(saved, currency), Money::format(target, currency)));
    else
        m_overview->setText(tr("Together you have saved %1 of %2 · put aside %3 a month to reach every goal on time.")
                                .arg(Money::format(saved, currency), Money::format(target, currency),
                                     Money::format(monthly, currency)));
}

QFrame *GoalsPage::cardFor(const QString &id) const
{
    const auto it = m_cards.constFind(id);
    return it == m_cards.cend() ? nullptr : it->frame;
}

QStringList GoalsPage::shownIds() const
{
    return m_order;
}

QString GoalsPage::overviewText() const
{
    return m_overview->text();
}

void GoalsPage::addNew()
{
    if (!maySetUpGoals())
        return;
    Goal g;
    g.targetDate = m_data.clock.today().addMonths(6);
    openGoalDialog(g, true);
}

void GoalsPage::editGoal(const QString &id)
{
    // Asked with the whole edit: putting money toward a goal is allowed to more members than this.
    if (const auto g = m_data.goals.find(id); g && m_gate->allows(m_data.goals.editMutation(id, *g)))
        openGoalDialog(*g, false);
}

void GoalsPage::openGoalDialog(const Goal &goal, bool isNew)
{
    auto savedId = std::make_shared<QString>();
    const QString id = goal.id;
    auto submit = [this, isNew, id, savedId](const Goal &g) {
        const Mutation mutation = isNew ? m_data.goals.addMutation(g) : m_data.goals.editMutation(id, g);
        const MutationResult result = m_history.apply(
            m_data.goals, mutation, isNew ? tr("Add goal “%1”").arg(g.name) : tr("Edit goal “%1”").arg(g.name));
        if (result.ok)
            *savedId = result.entityId;
        return result;
    };
    auto *dialog = new GoalDialog(m_data, submit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setGoal(goal, isNew);
    connect(dialog, &QDialog::accepted, this, [this, savedId] {
        refresh();
        if (QFrame *card = cardFor(*savedId))
            card->setFocus(Qt::OtherFocusReason);
    });
    dialog->open();
}

void GoalsPage::addMoney(const QString &id)
{
    const auto goal = m_data.goals.find(id);
    if (!goal)
        return;
    auto submit = [this, id](qint64 cents) {
        const auto g = m_data.goals.find(id);
        if (!g)
            return MutationResult::failure(QStringLiteral("not_found"), tr("That goal no longer exists."));
        const QString currency = m_data.currency();
        if (g->savedCents + cents < 0)
            return MutationResult::failure(
                QStringLiteral("invalid"),
                tr("Only %1 is saved — you cannot take out more than that.").arg(Money::format(g->savedCents, currency)),
                QStringLiteral("saved_cents"));
        const QString text = cents > 0 ? tr("Add %1 to “%2”").arg(Money::format(cents, currency), g->name)
                                       : tr("Take %1 from “%2”").arg(Money::format(-cents, currency), g->name);
        return m_history.apply(m_data.goals, m_data.goals.contributionMutation(id, cents), text);
    };
    auto *dialog = new ContributionDialog(m_data, *goal, submit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, id] {
        refresh();
        if (QFrame *card = cardFor(id))
            card->setFocus(Qt::OtherFocusReason);
    });
    dialog->open();
}

void GoalsPage::deleteGoal(const QString &id)
{
    const auto g = m_data.goals.find(id);
    if (!g || !mayDeleteGoals())
        return;
    if (!m_confirmer.confirm(this, tr("Delete goal"),
                             tr("Delete the goal “%1” (%2 saved)? You can undo this with Ctrl+Z.")
                                 .arg(g->name, Money::format(g->savedCents, m_data.currency())),
                             tr("Delete goal")))
        return;
    const int index = int(m_order.indexOf(id));
    const MutationResult result =
        m_history.apply(m_data.goals, m_data.goals.removeMutation(id),
                        tr("Delete goal “%1”").arg(g->name));
    if (!result.ok)
        return;
    refresh();
    // Keep the keyboard nearby: the card that took its place, else "New goal".
    const QString next = m_order.value(std::min<int>(index, int(m_order.size()) - 1));
    if (QFrame *card = cardFor(next)) {
        card->setFocus(Qt::OtherFocusReason);
    } else
        m_newGoal->setFocus(Qt::OtherFocusReason);
}

bool GoalsPage::eventFilter(QObject *watched, QEvent *event)
{
    auto *frame = qobject_cast<QFrame *>(watched);
    const QString id = frame ? frame->property("goalId").toString() : QString();
    if (!id.isEmpty()) {
        if (event->type() == QEvent::MouseButtonDblClick) {
            if (maySetUpGoals())
                editGoal(id);
            else
                addMoney(id);
            return true;
        }
        if (event->type() == QEvent::KeyPress) {
            const auto *key = static_cast<QKeyEvent *>(event);
            switch (key->key()) {
            case Qt::Key_Return:
            case Qt::Key_Enter:
                if (maySetUpGoals())
                    editGoal(id);
                else
                    addMoney(id); // what this role may do with a goal
                return true;
            case Qt::Key_Delete:
                deleteGoal(id);
                return true;
            case Qt::Key_Plus:
                addMoney(id);
                return true;
            default:
                break;
            }
        }
    }
    return Page::eventFilter(watched, event);
}

void GoalsPage::resizeEvent(QResizeEvent *event)
{
    Page::resizeEvent(event);
    const int columns = columnsFor(width());
    if (columns != m_columns) {
        m_columns = columns;
        m_order.clear(); // lay the cards out again
        refresh();
    }
}

void GoalsPage::changeEvent(QEvent *event)
{
    Page::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_emptyCard)
        scheduleRefresh(); // chip and muted colours depend on light / dark
}

PageRegistration GoalsPage::registration()
{
    PageRegistration page{kId, QT_TRANSLATE_NOOP("Pages", "Goals"), "starred", "goals",
            [](const PageContext &context, QWidget *parent) -> Page * { return new GoalsPage(context.data, context.history, context.confirmer, parent); },
            [](const PageContext &context, QWidget *parent) -> DashboardCard * { return new GoalsCard(context.data, parent); }};
    page.collections = {Collection::Goals};
    return page;
}

} // namespace hearth

#include "GoalsPage.moc"
