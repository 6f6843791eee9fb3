#include "KioskDashboard.h"

#include "BudgetPage.h"
#include "ChoresPage.h"
#include "Clock.h"
#include "chores/ChoresModels.h"
#include "DashboardCard.h"
#include "Dates.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "MeterBar.h"
#include "PurchaseOffer.h"
#include "Money.h"
#include "RoleGate.h"
#include "Theme.h"

#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScroller>
#include <QToolButton>
#include <QVBoxLayout>

namespace hearth {

namespace {

constexpr int kTickSize = 60;      // a big tick a wet hand hits from across the kitchen
constexpr int kShoppingTickSize = 48; // the list's ticks: a fingertip's 48 px, so eight rows fit a tablet
constexpr int kTouchHeight = 56;   // every other target: above the 48 px a fingertip needs
constexpr int kListSpacing = 12;

void clearLayout(QLayout *layout)
{
    while (QLayoutItem *item = layout->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            // Out of the tree at once: a rebuilt row is never found (or clicked) on its way out.
            w->hide();
            w->setParent(nullptr);
            w->deleteLater();
        } else if (QLayout *inner = item->layout())
            clearLayout(inner);
        delete item;
    }
}

QLabel *makeLabel(const QString &text, const char *objectName, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    return label;
}

// A section's rows: a column that scrolls by finger (and wheel) when it is too long; never sideways.
QVBoxLayout *makeScrollingRows(QVBoxLayout *body, QWidget *parent)
{
    auto *content = new QWidget(parent);
    content->setObjectName(QStringLiteral("kioskScrollContent"));
    content->setAutoFillBackground(false);
    auto *rows = new QVBoxLayout(content);
    rows->setContentsMargins(0, 0, Theme::kGrid, 0);
    rows->setSpacing(kListSpacing);
    body->addWidget(makeKioskScroll(content, parent), 1);
    return rows;
}

// One section: a card's body that follows its models (DashboardCard), its rows rebuilt on change.
class KioskSection : public DashboardCard
{
    Q_OBJECT

public:
    using DashboardCard::DashboardCard;
    QString text() const override
    {
        QStringList texts;
        for (const QLabel *label : findChildren<QLabel *>())
            texts << label->text();
        return texts.join(QLatin1Char('\n'));
    }
    using DashboardCard::body;
    using DashboardCard::follow;
    void refreshNow() { refresh(); }

    // The colour of quiet text inside rich-text rows, by day or by night.
    QString muted() const
    {
        const KioskDashboard *dashboard = nullptr;
        for (const QWidget *w = this; w && !dashboard; w = w->parentWidget())
            dashboard = qobject_cast<const KioskDashboard *>(w);
        return KioskDashboard::mutedColor(dashboard && dashboard->isNight()).name();
    }
};

// Today's chores, each with a big tick. Who may tick what follows the acting member's role, as
// on the Chores page: a child ticks their own and anyone's chores, an adult every chore.
class ChoresSection final : public KioskSection
{
    Q_OBJECT

public:
    ChoresSection(HouseholdData &data, RoleGate &gate, std::function<void(const QString &)> tick, QWidget *parent)
        : KioskSection(parent)
        , m_data(data)
        , m_gate(gate)
        , m_tick(std::move(tick))
        , m_rows(makeScrollingRows(body(), this))
    {
        for (Collection c : {Collection::Chores, Collection::ChoreCompletions, Collection::Members})
            follow(*m_data.modelFor(c));
        connect(&gate, &RoleGate::changed, this, &ChoresSection::refreshNow);
        connect(&data.engine, &HouseholdEngine::actingMemberChanged, this, &ChoresSection::refreshNow);
        refresh();
    }

protected:
    void refresh() override
    {
        clearLayout(m_rows);
        const auto &chores = m_data.model<ChoresModel>(Collection::Chores);
        const auto &completions = m_data.model<CompletionsModel>(Collection::ChoreCompletions);
        const QDate today = m_data.clock.today();
        const QList<Chore> due = chores.dueOn(today);
        QWidget *parent = m_rows->parentWidget();
        if (due.isEmpty())
            m_rows->addWidget(makeLabel(tr("Nothing to do today. Enjoy it!"), "kioskMuted", parent));
        const bool adult = m_gate.allows(completions.approveMutation(QString()));
        const QString me = m_data.engine.actingMemberId();
        for (const Chore &chore : due) {
            const QString who = ChoreSchedule::assigneeOn(chore, today, completions.approvedCounts(chore.id));
            const auto done = completions.liveFor(chore.id, today);
            auto *row = new QFrame(parent);
            row->setObjectName(QStringLiteral("kioskChoreRow"));
            row->setProperty("choreId", chore.id);
            row->setProperty("done", bool(done));
            auto *line = new QHBoxLayout(row);
            line->setContentsMargins(0, 0, 0, 0);
            line->setSpacing(2 * Theme::kGrid);

            const Member member = m_data.members.find(who).value_or(Member());
            auto *badge = new QLabel(row);
            badge->setObjectName(QStringLiteral("kioskBadge"));
            badge->setFixedSize(44, 44);
            badge->setAlignment(Qt::AlignCenter);
            // The chore's emoji when a font here can draw it, else its first letter (no tofu boxes).
            const bool drawable = !chore.icon.isEmpty() && QFontMetrics(badge->font()).inFontUcs4(chore.icon.toUcs4().value(0));
            badge->setText(drawable ? chore.icon : chore.title.left(1).toUpper());
            const QColor color = member.color.isEmpty() ? Theme::accent() : QColor(member.color);
            badge->setStyleSheet(QStringLiteral("background: %1; color: white; border-radius: 22px; font-size: 17pt;")
                                     .arg(color.name()));
            line->addWidget(badge);

            auto *texts = new QVBoxLayout;
            texts->setSpacing(2);
            auto *title = makeLabel(chore.title, "kioskRowTitle", row);
            title->setProperty("done", bool(done));
            // Narrow columns wrap, and a long word is cut rather than push the tick out of sight.
            title->setMinimumWidth(Theme::kGrid);
            texts->addWidget(title);
            QString detail = member.name.isEmpty() ? tr("Anyone") : member.name;
            if (done)
                detail += QStringLiteral(" · ") + (done->status == QLatin1String("approved") ? tr("done") : tr("waiting for approval"));
            else if (chore.dueTime.isValid())
                detail += QStringLiteral(" · ") + tr("by %1").arg(describeTime(chore.dueTime));
            QLabel *detailLabel = makeLabel(detail, "kioskMuted", row);
            detailLabel->setMinimumWidth(Theme::kGrid);
            texts->addWidget(detailLabel);
            line->addLayout(texts, 1);

            auto *tick = new QToolButton(row);
            tick->setObjectName(QStringLiteral("kioskTick"));
            tick->setProperty("choreId", chore.id);
            tick->setProperty("done", bool(done));
            tick->setFixedSize(kTickSize, kTickSize);
            tick->setText(QStringLiteral("✓"));
            tick->setCursor(Qt::PointingHandCursor);
            const bool mayTick = adult || who.isEmpty() || who == me;
            tick->setEnabled(!done && mayTick);
            tick->setAccessibleName(tr("Tick off %1").arg(chore.title));
            tick->setToolTip(done ? tr("Done") : mayTick ? tr("Tick off %1").arg(chore.title) : tr("%1's chore").arg(member.name));
            connect(tick, &QToolButton::clicked, this, [this, id = chore.id] { m_tick(id); });
            line->addWidget(tick, 0, Qt::AlignVCenter);
            m_rows->addWidget(row);
        }
        m_rows->addStretch(1);
    }

private:
    HouseholdData &m_data;
    RoleGate &m_gate;
    std::function<void(const QString &)> m_tick;
    QVBoxLayout *m_rows;
};

// The shopping list: every card not yet done, in board order, and a field to add one.
class ShoppingSection final : public KioskSection
{
    Q_OBJECT

public:
    ShoppingSection(HouseholdData &data, std::function<void(const QString &)> tick, QWidget *parent)
        : KioskSection(parent)
        , m_data(data)
        , m_tick(std::move(tick))
        , m_rows(makeScrollingRows(body(), this))
    {
        follow(m_data.columns);
        follow(m_data.cards);
        refresh();
    }

protected:
    void refresh() override
    {
        clearLayout(m_rows);
        QWidget *parent = m_rows->parentWidget();
        QList<BoardCard> open;
        for (const BoardColumn &column : m_data.columns.ordered()) {
            for (const BoardCard &card : m_data.cards.cardsIn(column.id)) {
                if (!card.done)
                    open << card;
            }
        }
        if (open.isEmpty())
            m_rows->addWidget(makeLabel(tr("Nothing to buy. Add something below."), "kioskMuted", parent));
        for (int i = 0; i < std::min<int>(KioskDashboard::kShoppingRows, int(open.size())); ++i) {
            const BoardCard &card = open.at(i);
            auto *line = new QWidget(parent);
            auto *lineLayout = new QHBoxLayout(line);
            lineLayout->setContentsMargins(0, 0, 0, 0);
            lineLayout->setSpacing(Theme::kGrid);
            auto *row = new QLabel(line);
            row->setObjectName(QStringLiteral("kioskShoppingRow"));
            row->setTextFormat(Qt::RichText);
            row->setWordWrap(true);
            row->setMinimumWidth(Theme::kGrid);
            QString html = card.title.toHtmlEscaped();
            if (!card.quantity.isEmpty())
                html += QStringLiteral(" <span style=\"color:%1\">%2</span>")
                            .arg(muted(), card.quantity.toHtmlEscaped());
            row->setText(html);
            lineLayout->addWidget(row, 1);
            // Bought: ticked off here as on the board (moved to Done), with a fingertip-sized tick.
            auto *tick = new QToolButton(line);
            tick->setObjectName(QStringLiteral("kioskCardTick"));
            tick->setProperty("cardId", card.id);
            tick->setFixedSize(kShoppingTickSize, kShoppingTickSize);
            tick->setText(QStringLiteral("✓"));
            tick->setCursor(Qt::PointingHandCursor);
            tick->setAccessibleName(tr("Bought %1").arg(card.title));
            tick->setToolTip(tr("Bought %1").arg(card.title));
            connect(tick, &QToolButton::clicked, this, [this, id = card.id] { m_tick(id); });
            lineLayout->addWidget(tick, 0, Qt::AlignVCenter);
            m_rows->addWidget(line);
        }
        if (open.size() > KioskDashboard::kShoppingRows)
            m_rows->addWidget(makeLabel(tr("and %n more", nullptr, int(open.size()) - KioskDashboard::kShoppingRows),
                                        "kioskMuted", parent));
        m_rows->addStretch(1);
    }

private:
    HouseholdData &m_data;
    std::function<void(const QString &)> m_tick;
    QVBoxLayout *m_rows;
};

// What to use soon: the pantry's items expiring in the next few days, or already expired.
class PantrySection final : public KioskSection
{
    Q_OBJECT

public:
    PantrySection(HouseholdData &data, QWidget *parent)
        : KioskSection(parent)
        , m_data(data)
        , m_rows(new QVBoxLayout)
    {
        m_rows->setSpacing(Theme::kGrid);
        body()->addLayout(m_rows);
        body()->addStretch(1);
        follow(m_data.pantry);
        refresh();
    }

protected:
    void refresh() override
    {
        clearLayout(m_rows);
        const QList<PantryItem> soon = m_data.pantry.expiringSoon();
        if (soon.isEmpty())
            m_rows->addWidget(makeLabel(tr("Nothing expires in the next %n day(s).", nullptr, PantryModel::kSoonDays),
                                        "kioskMuted", this));
        const QDate today = m_data.clock.today();
        constexpr int kShown = 3;
        for (int i = 0; i < std::min<int>(kShown, int(soon.size())); ++i) {
            const PantryItem &item = soon.at(i);
            const QColor color =
                m_data.pantry.expiryState(item) == PantryModel::ExpiryState::Expired ? Theme::danger() : Theme::warning();
            auto *row = new QLabel(this);
            row->setObjectName(QStringLiteral("kioskPantryRow"));
            row->setTextFormat(Qt::RichText);
            row->setWordWrap(true);
            row->setText(Theme::dotHtml(color) + QStringLiteral("&nbsp;") + item.name.toHtmlEscaped()
                         + QStringLiteral(" <span style=\"color:%1\">%2</span>")
                               .arg(muted(),
                                    describeExpiry(item.expiresOn, today).toHtmlEscaped()));
            m_rows->addWidget(row);
        }
        if (soon.size() > kShown)
            m_rows->addWidget(makeLabel(tr("and %n more", nullptr, int(soon.size()) - kShown), "kioskMuted", this));
    }

private:
    HouseholdData &m_data;
    QVBoxLayout *m_rows;
};

// What is left of this month's budget, large, over a bar of what is spent.
class BudgetSection final : public KioskSection
{
    Q_OBJECT

public:
    BudgetSection(HouseholdData &data, QWidget *parent)
        : KioskSection(parent)
        , m_data(data)
        , m_left(makeLabel(QString(), "kioskFigure", this))
        , m_bar(new MeterBar(this))
        , m_detail(makeLabel(QString(), "kioskMuted", this))
    {
        body()->addWidget(m_left);
        body()->addWidget(m_bar);
        body()->addWidget(m_detail);
        body()->addStretch(1);
        follow(m_data.budget);
        follow(m_data.household);
        refresh();
    }

protected:
    void refresh() override
    {
        const QDate today = m_data.clock.today();
        const QString currency = m_data.currency();
        const BudgetSummary s =
            m_data.budget.summary(today.year(), today.month(), m_data.household.household().budgetLimitCents);
        if (s.limitCents <= 0) {
            m_left->setText(Money::format(s.spentCents, currency));
            m_detail->setText(tr("spent this month (no limit set)"));
            m_bar->hide();
            return;
        }
        m_bar->show();
        m_bar->setValue(s.percentUsed());
        m_bar->setColor(BudgetPage::statusColor(s.status()));
        if (s.remainingCents() >= 0) {
            m_left->setText(tr("%1 left").arg(Money::format(s.remainingCents(), currency)));
            m_detail->setText(tr("of %1 for %2").arg(Money::format(s.limitCents, currency),
                                                     QLocale().standaloneMonthName(today.month())));
        } else {
            m_left->setText(tr("%1 over").arg(Money::format(-s.remainingCents(), currency)));
            m_detail->setText(tr("the %1 limit for %2").arg(Money::format(s.limitCents, currency),
                                                           QLocale().standaloneMonthName(today.month())));
        }
    }

private:
    HouseholdData &m_data;
    QLabel *m_left;
    MeterBar *m_bar;
    QLabel *m_detail;
};

// The goals: each one's name, how far it is, and a bar.
class GoalsSection final : public KioskSection
{
    Q_OBJECT

public:
    GoalsSection(HouseholdData &data, QWidget *parent)
        : KioskSection(parent)
        , m_data(data)
        , m_rows(new QVBoxLayout)
    {
        m_rows->setSpacing(Theme::kGrid / 2);
        body()->addLayout(m_rows);
        body()->addStretch(1);
        follow(m_data.goals);
        follow(m_data.household);
        refresh();
    }

protected:
    void refresh() override
    {
        clearLayout(m_rows);
        const QList<Goal> &goals = m_data.goals.records();
        if (goals.isEmpty())
            m_rows->addWidget(makeLabel(tr("No goals yet."), "kioskMuted", this));
        const QString currency = m_data.currency();
        constexpr int kShown = 3;
        for (int i = 0; i < std::min<int>(kShown, int(goals.size())); ++i) {
            const Goal &g = goals.at(i);
            const int percent = GoalsModel::progressPercent(g);
            auto *name = new QLabel(this);
            name->setObjectName(QStringLiteral("kioskGoalRow"));
            name->setTextFormat(Qt::RichText);
            name->setWordWrap(true);
            name->setText(QStringLiteral("%1 <span style=\"color:%2\">%3 %</span>")
                              .arg(g.name.toHtmlEscaped(), muted())
                              .arg(percent));
            name->setToolTip(tr("%1 of %2").arg(Money::format(g.savedCents, currency), Money::format(g.targetCents, currency)));
            auto *bar = new MeterBar(this);
            bar->setValue(percent);
            bar->setColor(percent >= 100 ? Theme::fine() : Theme::accent());
            m_rows->addWidget(name);
            m_rows->addWidget(bar);
            m_rows->addSpacing(Theme::kGrid / 2);
        }
    }

private:
    HouseholdData &m_data;
    QVBoxLayout *m_rows;
};

// A section's frame: a rounded card with a title.
QFrame *makeSectionCard(const QString &name, const QString &title, KioskSection *section, QWidget *parent)
{
    auto *card = new QFrame(parent);
    card->setObjectName(QStringLiteral("kioskCard"));
    card->setProperty("section", name);
    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(3 * Theme::kGrid, 2 * Theme::kGrid, 3 * Theme::kGrid, 2 * Theme::kGrid);
    layout->setSpacing(Theme::kGrid);
    layout->addWidget(makeLabel(title, "kioskCardTitle", card));
    section->setParent(card);
    section->setObjectName(name + QStringLiteral("Section"));
    layout->addWidget(section, 1);
    return card;
}

} // namespace

QScrollArea *makeKioskScroll(QWidget *content, QWidget *parent)
{
    auto *scroll = new QScrollArea(parent);
    scroll->setObjectName(QStringLiteral("kioskScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->viewport()->setAutoFillBackground(false);
    QScroller::grabGesture(scroll->viewport(), QScroller::LeftMouseButtonGesture);
    scroll->setWidget(content);
    return scroll;
}

KioskDashboard::KioskDashboard(HouseholdData &data, EditHistory &history, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_history(history)
    , m_gate(new RoleGate(data, this))
    , m_error(makeLabel(QString(), "kioskError", this))
    , m_quickAdd(new QLineEdit(this))
    , m_offer(new PurchaseOffer(data, history, PurchaseOffer::Size::Touch, this))
{
    setObjectName(QStringLiteral("kioskDashboard"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(Theme::kGrid);
    m_error->hide();
    outer->addWidget(m_error);

    auto *grid = new QGridLayout;
    grid->setSpacing(2 * Theme::kGrid);
    outer->addLayout(grid, 1);

    auto *chores = new ChoresSection(data, *m_gate, [this](const QString &id) { tick(id); }, this);
    grid->addWidget(makeSectionCard(QStringLiteral("chores"), tr("Today's chores"), chores, this), 0, 0, 3, 1);

    auto *shopping = new ShoppingSection(data, [this](const QString &id) { tickCard(id); }, this);
    QFrame *shoppingCard = makeSectionCard(QStringLiteral("shopping"), tr("Shopping list"), shopping, this);
    // After a tick, when the household asks: "You bought Milk. Put it in the pantry?", touch-sized.
    m_offer->setParent(shoppingCard);
    qobject_cast<QVBoxLayout *>(shoppingCard->layout())->addWidget(m_offer);
    auto *addRow = new QHBoxLayout;
    addRow->setSpacing(Theme::kGrid);
    m_quickAdd->setObjectName(QStringLiteral("kioskQuickAdd"));
    m_quickAdd->setPlaceholderText(tr("Add item"));
    m_quickAdd->setMinimumHeight(kTouchHeight);
    m_quickAdd->setClearButtonEnabled(true);
    auto *add = new QPushButton(tr("Add"), shoppingCard);
    add->setObjectName(QStringLiteral("kioskQuickAddButton"));
    add->setProperty("primary", true);
    add->setMinimumSize(3 * kTouchHeight / 2, kTouchHeight);
    addRow->addWidget(m_quickAdd, 1);
    addRow->addWidget(add);
    qobject_cast<QVBoxLayout *>(shoppingCard->layout())->addLayout(addRow);
    const auto addTyped = [this] {
        if (quickAdd(m_quickAdd->text()))
            m_quickAdd->clear();
    };
    connect(m_quickAdd, &QLineEdit::returnPressed, this, addTyped);
    connect(add, &QPushButton::clicked, this, addTyped);
    connect(m_gate, &RoleGate::changed, this, [this, add] {
        const bool allowed = m_gate->mayCreate(m_data.cards);
        m_quickAdd->setEnabled(allowed);
        add->setEnabled(allowed);
    });
    grid->addWidget(shoppingCard, 0, 1, 3, 1);

    // The third column's cards scroll together when a short screen (a 600 px tablet) lacks room.
    auto *sideContent = new QWidget(this);
    sideContent->setObjectName(QStringLiteral("kioskScrollContent"));
    auto *sideLayout = new QVBoxLayout(sideContent);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->setSpacing(2 * Theme::kGrid);
    sideLayout->addWidget(makeSectionCard(QStringLiteral("pantry"), tr("Use soon"), new PantrySection(data, this), sideContent));
    sideLayout->addWidget(makeSectionCard(QStringLiteral("budget"), tr("Budget"), new BudgetSection(data, this), sideContent));
    sideLayout->addWidget(makeSectionCard(QStringLiteral("goals"), tr("Goals"), new GoalsSection(data, this), sideContent));
    sideLayout->addStretch(1);
    grid->addWidget(makeKioskScroll(sideContent, this), 0, 2, 3, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
}

bool KioskDashboard::tick(const QString &choreId)
{
    auto &chores = m_data.model<ChoresModel>(Collection::Chores);
    auto &completions = m_data.model<CompletionsModel>(Collection::ChoreCompletions);
    const auto chore = chores.find(choreId);
    if (!chore)
        return false;
    const MutationResult result = m_history.apply(completions, ChoresPage::todayTickMutation(m_data, *chore),
                                                  tr("Tick off %1").arg(chore->title));
    showError(result.ok ? QString() : result.error.message);
    return result.ok;
}

bool KioskDashboard::tickCard(const QString &cardId)
{
    const auto card = m_data.cards.find(cardId);
    if (!card)
        return false;
    const MutationResult result = m_history.apply(m_data.cards, m_data.cards.doneMutation(cardId, true),
                                                  tr("Tick %1").arg(card->title));
    showError(result.ok ? QString() : result.error.message);
    return result.ok;
}

bool KioskDashboard::quickAdd(const QString &title)
{
    const QString trimmed = title.simplified();
    if (trimmed.isEmpty())
        return false;
    const QList<BoardColumn> columns = m_data.columns.ordered();
    if (columns.isEmpty()) {
        showError(tr("The shopping board has no list to add to."));
        return false;
    }
    BoardCard card;
    card.title = trimmed;
    const MutationResult result = m_history.apply(m_data.cards, m_data.cards.addMutation(columns.first().id, card),
                                                  tr("Add %1").arg(trimmed));
    showError(result.ok ? QString() : result.error.message);
    return result.ok;
}

void KioskDashboard::setNight(bool night)
{
    if (night == m_night)
        return;
    m_night = night;
    for (KioskSection *section : findChildren<KioskSection *>())
        section->refreshNow();
}

QColor KioskDashboard::mutedColor(bool night)
{
    return night ? QColor(0x50, 0x54, 0x5c) : QColor(0x7a, 0x74, 0x6b);
}

QString KioskDashboard::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString KioskDashboard::sectionText(const QString &section) const
{
    const auto *body = findChild<DashboardCard *>(section + QStringLiteral("Section"));
    return body ? body->text() : QString();
}

void KioskDashboard::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

} // namespace hearth

#include "KioskDashboard.moc"
