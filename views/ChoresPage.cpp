#include "ChoresPage.h"

#include "ChoreDialogs.h"
#include "Clock.h"
#include "Confirmer.h"
#include "DashboardCard.h"
#include "Dates.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "Money.h"
#include "RoleGate.h"
#include "Theme.h"
#include "chores/ChoresModels.h"

#include <QEvent>
#include <QFontMetrics>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace hearth {

namespace {

constexpr int kTickSize = 52; // a target a wet hand hits from across the kitchen
constexpr int kLedgerRows = 8;
// Below this page width the two columns stack (the points and rewards go under the chores).
constexpr int kSideBySideWidth = 1000;

// How a chore of today stands: still to do (due later, due now, overdue) or done.
enum class TodayState { Open, Due, Overdue, Pending, Approved };

QString stateKey(TodayState state)
{
    switch (state) {
    case TodayState::Open: return QStringLiteral("open");
    case TodayState::Due: return QStringLiteral("due");
    case TodayState::Overdue: return QStringLiteral("overdue");
    case TodayState::Pending: return QStringLiteral("pending");
    case TodayState::Approved: return QStringLiteral("approved");
    }
    return {};
}

// The pantry's colours: red past due, amber due today, green done.
QColor stateColor(TodayState state)
{
    switch (state) {
    case TodayState::Overdue: return Theme::danger();
    case TodayState::Due:
    case TodayState::Pending: return Theme::warning();
    case TodayState::Approved: return Theme::fine();
    case TodayState::Open: break;
    }
    return {};
}

QString pointsText(qint64 points)
{
    return ChoresPage::tr("%n point(s)", nullptr, int(points));
}

QString signedPoints(qint64 delta)
{
    return delta > 0 ? QStringLiteral("+%1").arg(delta) : QString::number(delta);
}

QString rgba(const QColor &color, double alpha)
{
    return QStringLiteral("rgba(%1, %2, %3, %4)").arg(color.red()).arg(color.green()).arg(color.blue()).arg(alpha);
}

// A soft chip in a status colour, like the pantry's expiry chips.
QLabel *makeChip(const QString &text, const QColor &color, QWidget *parent)
{
    auto *chip = new QLabel(text, parent);
    chip->setObjectName(QStringLiteral("choreStatus"));
    const QColor ink = Theme::isDark(parent) ? color.lighter(135) : color.darker(120);
    chip->setStyleSheet(QStringLiteral("QLabel { color: %1; background: %2; border-radius: 9px; padding: 3px 10px;"
                                       " font-weight: 600; }")
                            .arg(ink.name(), rgba(color, Theme::isDark(parent) ? 0.24 : 0.14)));
    return chip;
}

QLabel *makeMuted(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::mutedText(parent).name(QColor::HexArgb)));
    label->setWordWrap(true); // a long repeat line wraps instead of widening the page
    return label;
}

QLabel *makeSectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QStringLiteral("cardTitle"));
    return label;
}

// The chore's emoji, when a font here can draw it (empty otherwise: no tofu boxes).
QString drawableIcon(const Chore &chore, const QWidget *widget)
{
    const QFontMetrics fm(widget->font());
    return !chore.icon.isEmpty() && fm.inFontUcs4(chore.icon.toUcs4().value(0)) ? chore.icon : QString();
}

// A time of day as the locale writes it, without seconds.
QString timeText(const QTime &time)
{
    return QLocale().toString(time, QLocale().timeFormat(QLocale::ShortFormat).remove(QStringLiteral(":ss")));
}

// The chore's emoji in a round badge; its first letter when no font here can draw the emoji.
QLabel *makeBadge(const Chore &chore, QWidget *parent)
{
    auto *badge = new QLabel(parent);
    badge->setObjectName(QStringLiteral("choreIcon"));
    badge->setFixedSize(40, 40);
    badge->setAlignment(Qt::AlignCenter);
    const QString icon = drawableIcon(chore, badge);
    badge->setText(icon.isEmpty() ? chore.title.left(1).toUpper() : icon);
    badge->setStyleSheet(QStringLiteral("QLabel { background: %1; border-radius: 20px; font-size: 16pt; font-weight: 600;"
                                        " color: %2; }")
                             .arg(rgba(Theme::accent(), 0.12), Theme::accent().name()));
    return badge;
}

// A dialog that closes itself away: the page's dialogs are window-modal and delete on close.
void openOwned(QDialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
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

QFrame *makeSection(const QString &title, QWidget *parent, QVBoxLayout **body, QHBoxLayout **header = nullptr)
{
    QFrame *card = Theme::makeCard(parent);
    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(3 * Theme::kGrid, 2 * Theme::kGrid + Theme::kGrid / 2, 3 * Theme::kGrid, 2 * Theme::kGrid);
    layout->setSpacing(Theme::kGrid);
    auto *top = new QHBoxLayout;
    top->setSpacing(Theme::kGrid);
    top->addWidget(makeSectionTitle(title, card), 1);
    layout->addLayout(top);
    *body = new QVBoxLayout;
    (*body)->setSpacing(Theme::kGrid);
    layout->addLayout(*body);
    if (header)
        *header = top;
    return card;
}

// What today's chores come to: how many are left, and how many wait for an adult.
struct TodayCount
{
    int left = 0;
    int done = 0;
    int waiting = 0;
};

TodayCount countToday(const ChoresModel &chores, const CompletionsModel &completions, const QDate &today)
{
    TodayCount count;
    for (const Chore &c : chores.dueOn(today)) {
        if (completions.liveFor(c.id, today))
            ++count.done;
        else
            ++count.left;
    }
    count.waiting = int(completions.pending().size());
    return count;
}

// Today's chores on the dashboard: how many are left, who has what, and what waits for approval.
class ChoresCard final : public DashboardCard
{
    Q_OBJECT

public:
    ChoresCard(HouseholdData &data, QWidget *parent)
        : DashboardCard(parent)
        , m_data(data)
        , m_detail(new QLabel(this))
    {
        m_detail->setTextFormat(Qt::RichText);
        m_detail->setWordWrap(true);
        body()->addWidget(m_detail);
        body()->addStretch(1);
        for (Collection c : {Collection::Chores, Collection::ChoreCompletions, Collection::Members})
            follow(*m_data.modelFor(c));
        refresh();
    }

    QString text() const override { return m_detail->text(); }

protected:
    void refresh() override
    {
        const auto &chores = m_data.model<ChoresModel>(Collection::Chores);
        const auto &completions = m_data.model<CompletionsModel>(Collection::ChoreCompletions);
        const QDate today = m_data.clock.today();
        const TodayCount count = countToday(chores, completions, today);
        QStringList rows;
        rows << tableRow(tr("Chores left today"), QString::number(count.left));
        rows << tableRow(tr("Done today"), QString::number(count.done));
        rows << tableRow(tr("Waiting for approval"), QString::number(count.waiting));
        QString html = tableHtml(rows);
        QStringList next;
        for (const Chore &c : chores.dueOn(today)) {
            if (completions.liveFor(c.id, today) || next.size() >= 3)
                continue;
            const QString who = m_data.members.nameOf(ChoreSchedule::assigneeOn(c, today, completions.approvedCounts(c.id)));
            next << (who.isEmpty() ? c.title : tr("%1 (%2)").arg(c.title, who)).toHtmlEscaped();
        }
        if (!next.isEmpty())
            html += QStringLiteral("<p>") + tr("Next: %1").arg(next.join(QLatin1String(", "))) + QStringLiteral("</p>");
        else if (count.done > 0)
            html += QStringLiteral("<p>") + tr("Every chore is done for today — well done!") + QStringLiteral("</p>");
        m_detail->setText(html);
    }

private:
    HouseholdData &m_data;
    QLabel *m_detail;
};

} // namespace

ChoresPage::ChoresPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent)
    : Page(parent)
    , m_data(data)
    , m_history(history)
    , m_confirmer(confirmer)
    , m_chores(data.model<ChoresModel>(Collection::Chores))
    , m_completions(data.model<CompletionsModel>(Collection::ChoreCompletions))
    , m_rewards(data.model<RewardsModel>(Collection::Rewards))
    , m_redemptions(data.model<RedemptionsModel>(Collection::Redemptions))
    , m_wallet(data.model<WalletModel>(Collection::WalletEntries))
    , m_gate(new RoleGate(data, this))
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("choresPage"));
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(0);
    connect(m_refreshTimer, &QTimer::timeout, this, &ChoresPage::refresh);

    QVBoxLayout *layout = Theme::makeScrollingContent(this);
    QWidget *content = layout->parentWidget();

    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(Theme::kGrid / 2);
    titles->addWidget(Theme::makeTitle(tr("Chores"), content));
    m_subtitle = Theme::makeSubtitle(QString(), content);
    m_subtitle->setAccessibleName(tr("Chores today"));
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);
    m_addChore = Theme::makePrimaryButton(tr("Add chore"), content);
    m_addChore->setObjectName(QStringLiteral("addChoreButton"));
    m_addChore->setToolTip(tr("Set up a new chore (Ctrl+N)"));
    connect(m_addChore, &QPushButton::clicked, this, &ChoresPage::addNew);
    header->addWidget(m_addChore, 0, Qt::AlignVCenter);
    layout->addLayout(header);

    m_error = new QLabel(content);
    m_error->setObjectName(QStringLiteral("fieldError"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    // Two columns: what to do (today, approvals, the chores) and what it earns (points, rewards).
    auto *columns = new QHBoxLayout;
    columns->setSpacing(2 * Theme::kGrid);
    auto *left = new QVBoxLayout;
    left->setSpacing(2 * Theme::kGrid);
    auto *right = new QVBoxLayout;
    right->setSpacing(2 * Theme::kGrid);
    columns->addLayout(left, 3);
    columns->addLayout(right, 2);
    layout->addLayout(columns);
    Theme::stackWhenNarrow(columns, this, kSideBySideWidth);
    layout->addStretch(1);

    QFrame *todayCard = makeSection(tr("Today"), content, &m_today);
    todayCard->setProperty("section", QStringLiteral("today"));
    left->addWidget(todayCard);

    m_approvalsCard = makeSection(tr("Waiting for approval"), content, &m_approvals);
    m_approvalsCard->setProperty("section", QStringLiteral("approvals"));
    left->addWidget(m_approvalsCard);

    QHBoxLayout *choresHeader = nullptr;
    m_choresCard = makeSection(tr("All chores"), content, &m_choreList, &choresHeader);
    m_choresCard->setProperty("section", QStringLiteral("chores"));
    left->addWidget(m_choresCard);
    left->addStretch(1);

    QHBoxLayout *walletHeader = nullptr;
    QFrame *walletCard = makeSection(tr("Points"), content, &m_wallets, &walletHeader);
    walletCard->setProperty("section", QStringLiteral("wallets"));
    m_adjust = new QPushButton(tr("Adjust points…"), walletCard);
    m_adjust->setObjectName(QStringLiteral("adjustPointsButton"));
    m_adjust->setProperty("secondary", true);
    connect(m_adjust, &QPushButton::clicked, this, &ChoresPage::adjustPoints);
    m_payOut = new QPushButton(tr("Pay out…"), walletCard);
    m_payOut->setObjectName(QStringLiteral("payOutButton"));
    m_payOut->setProperty("secondary", true);
    connect(m_payOut, &QPushButton::clicked, this, &ChoresPage::payOut);
    walletHeader->addWidget(m_adjust);
    walletHeader->addWidget(m_payOut);
    right->addWidget(walletCard);

    QHBoxLayout *rewardsHeader = nullptr;
    QFrame *rewardsCard = makeSection(tr("Rewards"), content, &m_rewardsList, &rewardsHeader);
    rewardsCard->setProperty("section", QStringLiteral("rewards"));
    m_addReward = new QPushButton(Theme::icon("list-add", "add"), tr("Add reward"), rewardsCard);
    m_addReward->setObjectName(QStringLiteral("addRewardButton"));
    m_addReward->setProperty("secondary", true);
    connect(m_addReward, &QPushButton::clicked, this, &ChoresPage::addReward);
    rewardsHeader->addWidget(m_addReward);
    right->addWidget(rewardsCard);
    right->addStretch(1);
    m_readingOrder = {m_addChore, todayCard, m_approvalsCard, m_choresCard, walletCard, rewardsCard};

    // Live: every change of these models, from here or from anyone, refreshes the page once.
    for (Collection c : {Collection::Chores, Collection::ChoreCompletions, Collection::Rewards, Collection::Redemptions,
                         Collection::WalletEntries, Collection::Members, Collection::Household}) {
        QAbstractItemModel *model = m_data.modelFor(c);
        connect(model, &QAbstractItemModel::rowsInserted, this, &ChoresPage::scheduleRefresh);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &ChoresPage::scheduleRefresh);
        connect(model, &QAbstractItemModel::dataChanged, this, &ChoresPage::scheduleRefresh);
        connect(model, &QAbstractItemModel::modelReset, this, &ChoresPage::scheduleRefresh);
    }
    connect(m_gate, &RoleGate::changed, this, &ChoresPage::scheduleRefresh);

    setFocusProxy(m_addChore);
    refresh();
}

bool ChoresPage::isAdult() const
{
    // Approving is what only an adult may do; the same role keeps the chores and the points.
    return m_gate->allows(m_completions.approveMutation(QString()));
}

bool ChoresPage::mayTick(const QString &assigneeId) const
{
    return isAdult() || assigneeId.isEmpty() || assigneeId == m_data.engine.actingMemberId();
}

void ChoresPage::scheduleRefresh()
{
    m_refreshTimer->start();
}

void ChoresPage::refresh()
{
    m_refreshTimer->stop();
    const bool adult = isAdult();
    m_addChore->setVisible(m_gate->mayCreate(m_chores));
    m_approvalsCard->setVisible(adult);
    m_choresCard->setVisible(m_gate->mayUpdate(m_chores));
    m_adjust->setVisible(adult);
    m_payOut->setVisible(adult);
    m_addReward->setVisible(m_gate->mayCreate(m_rewards));
    refreshToday();
    refreshApprovals();
    refreshWallets();
    refreshRewards();
    refreshChoreList();
    Theme::orderTabsAsRead(m_readingOrder); // the rows were rebuilt

    const TodayCount count = countToday(m_chores, m_completions, m_data.clock.today());
    QString summary;
    if (count.left + count.done == 0)
        summary = tr("No chores today — enjoy the day off.");
    else if (count.left == 0)
        summary = tr("All %n chore(s) done today — well done, everyone!", nullptr, count.done);
    else
        summary = tr("%n chore(s) left today", nullptr, count.left);
    if (adult && count.waiting > 0)
        summary += QStringLiteral(" · ") + tr("%n waiting for approval", nullptr, count.waiting);
    m_subtitle->setText(summary);
}

void ChoresPage::refreshToday()
{
    clear(m_today);
    QWidget *parent = m_today->parentWidget();
    const QDate today = m_data.clock.today();
    const QTime now = m_data.clock.now().toLocalTime().time();
    const QList<Chore> due = m_chores.dueOn(today);
    if (due.isEmpty()) {
        m_today->addWidget(makeMuted(tr("Nothing comes round today."), parent));
        return;
    }
    // Grouped by whose turn it is, members in household order, then "Anyone".
    QMap<int, QList<std::pair<Chore, QString>>> groups;
    QHash<QString, int> order;
    const QList<Member> &members = m_data.members.records();
    for (int i = 0; i < members.size(); ++i)
        order.insert(members.at(i).id, i);
    for (const Chore &c : due) {
        const QString who = ChoreSchedule::assigneeOn(c, today, m_completions.approvedCounts(c.id));
        groups[who.isEmpty() ? int(members.size()) : order.value(who, int(members.size()))].append({c, who});
    }
    for (auto group = groups.cbegin(); group != groups.cend(); ++group) {
        const QString who = group->first().second;
        auto *name = new QLabel(who.isEmpty() ? tr("Anyone") : m_data.members.nameOf(who), parent);
        name->setObjectName(QStringLiteral("todayMember"));
        name->setStyleSheet(QStringLiteral("font-weight: 600; color: %1; padding-top: 4px;")
                                .arg(Theme::mutedText(this).name(QColor::HexArgb)));
        m_today->addWidget(name);
        for (const auto &[chore, assignee] : *group) {
            const auto done = m_completions.liveFor(chore.id, today);
            TodayState state = TodayState::Open;
            if (done)
                state = done->status == QLatin1String("approved") ? TodayState::Approved : TodayState::Pending;
            else if (chore.dueTime.isValid())
                state = now > chore.dueTime ? TodayState::Overdue : TodayState::Due;

            auto *row = new QFrame(parent);
            row->setObjectName(QStringLiteral("choreRow"));
            row->setProperty("choreId", chore.id);
            row->setProperty("state", stateKey(state));
            row->setAccessibleName(chore.title);
            auto *line = new QHBoxLayout(row);
            line->setContentsMargins(0, 0, 0, 0);
            line->setSpacing(2 * Theme::kGrid);
            line->addWidget(makeBadge(chore, row));
            auto *text = new QVBoxLayout;
            text->setSpacing(2);
            auto *title = new QLabel(chore.title, row);
            title->setObjectName(QStringLiteral("choreTitle"));
            title->setStyleSheet(QStringLiteral("font-size: 12pt; font-weight: 600;"));
            QString detail = pointsText(chore.points);
            if (chore.dueTime.isValid())
                detail += QStringLiteral(" · ") + tr("due by %1").arg(timeText(chore.dueTime));
            text->addWidget(title);
            text->addWidget(makeMuted(detail, row));
            line->addLayout(text, 1);

            QString chip;
            switch (state) {
            case TodayState::Overdue: chip = tr("Overdue"); break;
            case TodayState::Due: chip = tr("Due today"); break;
            case TodayState::Pending: chip = tr("Waiting for approval"); break;
            case TodayState::Approved: chip = tr("Done"); break;
            case TodayState::Open: break;
            }
            if (!chip.isEmpty())
                line->addWidget(makeChip(chip, stateColor(state), row), 0, Qt::AlignVCenter);

            auto *tickButton = new QToolButton(row);
            tickButton->setObjectName(QStringLiteral("tickButton"));
            tickButton->setProperty("choreId", chore.id);
            tickButton->setFixedSize(kTickSize, kTickSize);
            tickButton->setCursor(Qt::PointingHandCursor);
            tickButton->setText(QStringLiteral("✓"));
            const QColor ring = done ? stateColor(state) : Theme::accent();
            const bool offered = !done && mayTick(assignee);
            tickButton->setEnabled(offered);
            tickButton->setVisible(done || offered);
            tickButton->setToolTip(done ? chip : tr("Tick off %1").arg(chore.title));
            tickButton->setAccessibleName(tr("Tick off %1").arg(chore.title));
            tickButton->setStyleSheet(
                QStringLiteral("QToolButton { border: 2px solid %1; border-radius: %2px; font-size: 20pt; font-weight: 700;"
                               " color: %3; background: %4; }"
                               "QToolButton:hover { background: %5; }"
                               "QToolButton:focus { border-width: 3px; }")
                    .arg(ring.name())
                    .arg(kTickSize / 2)
                    .arg(done ? QStringLiteral("white") : rgba(ring, 0.35))
                    .arg(done ? ring.name() : QStringLiteral("transparent"))
                    .arg(done ? ring.name() : rgba(ring, 0.14)));
            connect(tickButton, &QToolButton::clicked, this, [this, id = chore.id] { tick(id); });
            line->addWidget(tickButton, 0, Qt::AlignVCenter);
            m_today->addWidget(row);
        }
    }
}

void ChoresPage::refreshApprovals()
{
    clear(m_approvals);
    QWidget *parent = m_approvals->parentWidget();
    if (!isAdult())
        return;
    const QList<ChoreCompletion> waiting = m_completions.pending();
    if (waiting.isEmpty()) {
        m_approvals->addWidget(makeMuted(tr("Nothing waiting — every finished chore is checked."), parent));
        return;
    }
    const QDate today = m_data.clock.today();
    for (const ChoreCompletion &c : waiting) {
        const auto chore = m_chores.find(c.choreId);
        auto *row = new QFrame(parent);
        row->setObjectName(QStringLiteral("approvalRow"));
        row->setProperty("completionId", c.id);
        auto *line = new QHBoxLayout(row);
        line->setContentsMargins(0, 0, 0, 0);
        line->setSpacing(2 * Theme::kGrid);
        if (chore)
            line->addWidget(makeBadge(*chore, row));
        auto *text = new QVBoxLayout;
        text->setSpacing(2);
        const QString title = chore ? chore->title : tr("A chore");
        auto *what = new QLabel(tr("%1 — %2").arg(m_data.members.nameOf(c.memberId), title), row);
        what->setStyleSheet(QStringLiteral("font-weight: 600;"));
        what->setWordWrap(true);
        const QString when = describeDate(c.occursOn, today);
        QString detail = tr("%1 · %2").arg(when, pointsText(c.points));
        if (!c.note.isEmpty())
            detail += QStringLiteral(" · “%1”").arg(c.note);
        auto *info = makeMuted(detail, row);
        info->setWordWrap(true);
        text->addWidget(what);
        text->addWidget(info);
        line->addLayout(text, 1);
        auto *approveButton = Theme::makePrimaryButton(tr("Approve"), row);
        approveButton->setObjectName(QStringLiteral("approveButton"));
        approveButton->setMinimumHeight(40);
        connect(approveButton, &QPushButton::clicked, this, [this, id = c.id] { approve(id); });
        auto *rejectButton = new QPushButton(tr("Reject…"), row);
        rejectButton->setObjectName(QStringLiteral("rejectButton"));
        rejectButton->setProperty("secondary", true);
        rejectButton->setMinimumHeight(40);
        connect(rejectButton, &QPushButton::clicked, this, [this, id = c.id] { reject(id); });
        line->addWidget(approveButton);
        line->addWidget(rejectButton);
        m_approvals->addWidget(row);
    }
}

void ChoresPage::refreshWallets()
{
    clear(m_wallets);
    QWidget *parent = m_wallets->parentWidget();
    const QList<Member> &members = m_data.members.records();
    if (m_selected.isEmpty() || !m_data.members.find(m_selected)) {
        // A child sees their own; an adult the first child (the ones who earn points).
        m_selected.clear();
        const auto acting = m_data.members.find(m_data.engine.actingMemberId());
        if (acting && acting->role == QLatin1String("child"))
            m_selected = acting->id;
        for (const Member &m : members) {
            if (m_selected.isEmpty() && m.role == QLatin1String("child"))
                m_selected = m.id;
        }
        if (m_selected.isEmpty() && !members.isEmpty())
            m_selected = members.first().id;
    }
    // A few chips a row, so a big family does not widen the page.
    auto *chips = new QGridLayout;
    chips->setSpacing(Theme::kGrid);
    constexpr int kChipsPerRow = 3;
    int chipIndex = 0;
    for (const Member &m : members) {
        auto *chip = new QPushButton(parent);
        chip->setObjectName(QStringLiteral("walletButton"));
        chip->setProperty("memberId", m.id);
        chip->setCheckable(true);
        chip->setChecked(m.id == m_selected);
        chip->setCursor(Qt::PointingHandCursor);
        chip->setMinimumHeight(48);
        const qint64 balance = m_wallet.balanceOf(m.id);
        chip->setText(QStringLiteral("%1\n%2").arg(m.name, pointsText(balance)));
        chip->setAccessibleName(tr("%1: %2").arg(m.name, pointsText(balance)));
        const QColor accent = Theme::accent();
        chip->setStyleSheet(QStringLiteral("QPushButton { border: 1px solid palette(mid); border-radius: 10px; padding: 4px 12px;"
                                           " background: palette(base); }"
                                           "QPushButton:checked { border: 2px solid %1; background: %2; font-weight: 600; }")
                                .arg(accent.name(), rgba(accent, 0.10)));
        connect(chip, &QPushButton::clicked, this, [this, id = m.id] { selectMember(id); });
        chips->addWidget(chip, chipIndex / kChipsPerRow, chipIndex % kChipsPerRow);
        ++chipIndex;
    }
    m_wallets->addLayout(chips);

    const QList<WalletEntry> ledger = m_wallet.ledgerOf(m_selected);
    const bool hasPoints = m_wallet.balanceOf(m_selected) > 0;
    m_payOut->setEnabled(hasPoints);
    if (ledger.isEmpty()) {
        m_wallets->addWidget(makeMuted(tr("No points yet — tick off a chore to earn some."), parent));
        return;
    }
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(2 * Theme::kGrid);
    grid->setVerticalSpacing(Theme::kGrid / 2);
    grid->setColumnStretch(1, 1);
    for (int i = 0; i < std::min<int>(kLedgerRows, int(ledger.size())); ++i) {
        const WalletEntry &e = ledger.at(i);
        const QDate day = QDateTime::fromString(e.createdOn, Qt::ISODateWithMs).toLocalTime().date();
        auto *when = makeMuted(QLocale().toString(day, QStringLiteral("d MMM")), parent);
        QString what = e.note;
        if (e.kind == QLatin1String("reversal"))
            what = tr("Taken back: %1").arg(e.note);
        else if (e.kind == QLatin1String("redemption"))
            what = tr("Reward: %1").arg(e.note);
        auto *note = new QLabel(what, parent);
        note->setObjectName(QStringLiteral("ledgerNote"));
        note->setProperty("kind", e.kind);
        auto *delta = new QLabel(signedPoints(e.delta), parent);
        delta->setObjectName(QStringLiteral("ledgerDelta"));
        delta->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        const QColor color = e.delta >= 0 ? Theme::fine() : Theme::danger();
        delta->setStyleSheet(QStringLiteral("font-weight: 600; color: %1;").arg(color.darker(110).name()));
        grid->addWidget(when, i, 0);
        grid->addWidget(note, i, 1);
        grid->addWidget(delta, i, 2);
    }
    m_wallets->addLayout(grid);
    if (ledger.size() > kLedgerRows)
        m_wallets->addWidget(makeMuted(tr("and %n earlier entry(ies)", nullptr, int(ledger.size()) - kLedgerRows), parent));
}

void ChoresPage::refreshRewards()
{
    clear(m_rewardsList);
    QWidget *parent = m_rewardsList->parentWidget();
    const bool keep = m_gate->mayUpdate(m_rewards);
    const QString acting = m_data.engine.actingMemberId();
    if (m_rewards.rowCount() == 0)
        m_rewardsList->addWidget(makeMuted(tr("No rewards yet — add something worth saving points for."), parent));
    QList<Reward> rewards = m_rewards.records();
    std::sort(rewards.begin(), rewards.end(), [](const Reward &a, const Reward &b) { return a.cost < b.cost; });
    for (const Reward &r : rewards) {
        auto *row = new QFrame(parent);
        row->setObjectName(QStringLiteral("rewardRow"));
        row->setProperty("rewardId", r.id);
        auto *line = new QHBoxLayout(row);
        line->setContentsMargins(0, 0, 0, 0);
        line->setSpacing(Theme::kGrid);
        auto *text = new QVBoxLayout;
        text->setSpacing(2);
        auto *name = new QLabel(r.name, row);
        name->setStyleSheet(QStringLiteral("font-weight: 600;"));
        name->setWordWrap(true);
        const QString stock = r.stock < 0 ? QString() : QStringLiteral(" · ") + tr("%n left", nullptr, int(r.stock));
        text->addWidget(name);
        text->addWidget(makeMuted(pointsText(r.cost) + stock, row));
        line->addLayout(text, 1);
        auto *askButton = new QPushButton(tr("Ask for it"), row);
        askButton->setObjectName(QStringLiteral("askButton"));
        askButton->setProperty("secondary", true);
        askButton->setMinimumHeight(36);
        askButton->setEnabled(r.stock != 0 && !acting.isEmpty());
        connect(askButton, &QPushButton::clicked, this, [this, id = r.id] { ask(id); });
        line->addWidget(askButton, 0, Qt::AlignVCenter);
        if (keep) {
            auto *edit = Theme::makeToolButton(Theme::icon("document-edit", "edit"), tr("Edit"), QStringLiteral("editRewardButton"), row);
            edit->setToolButtonStyle(Qt::ToolButtonIconOnly);
            connect(edit, &QToolButton::clicked, this, [this, id = r.id] { editReward(id); });
            auto *remove = Theme::makeToolButton(Theme::icon("edit-delete", "delete"), tr("Delete"), QStringLiteral("deleteRewardButton"), row);
            remove->setToolButtonStyle(Qt::ToolButtonIconOnly);
            remove->setVisible(m_gate->mayDelete(m_rewards));
            connect(remove, &QToolButton::clicked, this, [this, id = r.id] { deleteReward(id); });
            line->addWidget(edit, 0, Qt::AlignVCenter);
            line->addWidget(remove, 0, Qt::AlignVCenter);
        }
        m_rewardsList->addWidget(row);
    }

    // Open requests: everyone sees theirs; adults fulfil or decline them.
    const bool adult = isAdult();
    bool titled = false;
    for (const Redemption &q : m_redemptions.requested()) {
        if (!adult && q.memberId != acting)
            continue;
        if (!titled) {
            auto *title = new QLabel(tr("Asked for"), parent);
            title->setStyleSheet(QStringLiteral("font-weight: 600; padding-top: 8px;"));
            m_rewardsList->addWidget(title);
            titled = true;
        }
        const auto reward = m_rewards.find(q.rewardId);
        auto *row = new QFrame(parent);
        row->setObjectName(QStringLiteral("requestRow"));
        row->setProperty("redemptionId", q.id);
        auto *line = new QHBoxLayout(row);
        line->setContentsMargins(0, 0, 0, 0);
        line->setSpacing(Theme::kGrid);
        auto *what = new QLabel(tr("%1 — %2 (%3)").arg(m_data.members.nameOf(q.memberId),
                                                        reward ? reward->name : tr("a reward"), pointsText(q.cost)),
                                row);
        what->setWordWrap(true);
        line->addWidget(what, 1);
        if (adult) {
            auto *fulfilButton = Theme::makePrimaryButton(tr("Fulfil"), row);
            fulfilButton->setObjectName(QStringLiteral("fulfilButton"));
            connect(fulfilButton, &QPushButton::clicked, this, [this, id = q.id] { fulfil(id); });
            auto *declineButton = new QPushButton(tr("Decline…"), row);
            declineButton->setObjectName(QStringLiteral("declineButton"));
            declineButton->setProperty("secondary", true);
            connect(declineButton, &QPushButton::clicked, this, [this, id = q.id] { decline(id); });
            line->addWidget(fulfilButton);
            line->addWidget(declineButton);
        } else {
            line->addWidget(makeChip(tr("Waiting"), Theme::warning(), row));
        }
        m_rewardsList->addWidget(row);
    }
}

void ChoresPage::refreshChoreList()
{
    clear(m_choreList);
    QWidget *parent = m_choreList->parentWidget();
    if (!m_gate->mayUpdate(m_chores))
        return;
    if (m_chores.rowCount() == 0) {
        m_choreList->addWidget(makeMuted(tr("No chores yet — add the first one with “Add chore”."), parent));
        return;
    }
    QList<Chore> all = m_chores.records();
    std::sort(all.begin(), all.end(), [](const Chore &a, const Chore &b) { return a.title.localeAwareCompare(b.title) < 0; });
    for (const Chore &c : all) {
        auto *row = new QFrame(parent);
        row->setObjectName(QStringLiteral("choreListRow"));
        row->setProperty("choreId", c.id);
        auto *line = new QHBoxLayout(row);
        line->setContentsMargins(0, 0, 0, 0);
        line->setSpacing(Theme::kGrid);
        QString who = m_data.members.nameOf(c.assigneeId);
        if (c.rotation == QLatin1String("turn"))
            who = tr("taking turns");
        else if (c.rotation == QLatin1String("fewest"))
            who = tr("whoever did it least");
        else if (c.assigneeId.isEmpty())
            who = tr("anyone");
        const QString icon = drawableIcon(c, row);
        auto *name = new QLabel(icon.isEmpty() ? c.title : icon + QLatin1Char(' ') + c.title, row);
        name->setStyleSheet(QStringLiteral("font-weight: 600;"));
        line->addWidget(name);
        line->addWidget(makeMuted(tr("%1 · %2 · %3").arg(ChoresModel::repeatText(c), who, pointsText(c.points)), row), 1);
        auto *edit = Theme::makeToolButton(Theme::icon("document-edit", "edit"), tr("Edit"), QStringLiteral("editChoreButton"), row);
        connect(edit, &QToolButton::clicked, this, [this, id = c.id] { editChore(id); });
        auto *remove = Theme::makeToolButton(Theme::icon("edit-delete", "delete"), tr("Delete"), QStringLiteral("deleteChoreButton"), row);
        remove->setVisible(m_gate->mayDelete(m_chores));
        connect(remove, &QToolButton::clicked, this, [this, id = c.id] { deleteChore(id); });
        line->addWidget(edit);
        line->addWidget(remove);
        m_choreList->addWidget(row);
    }
}

QString ChoresPage::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString ChoresPage::subtitleText() const
{
    return m_subtitle->text();
}

QFrame *ChoresPage::todayRow(const QString &choreId) const
{
    for (QFrame *row : findChildren<QFrame *>(QStringLiteral("choreRow"))) {
        if (row->property("choreId").toString() == choreId && !row->isHidden())
            return row;
    }
    return nullptr;
}

void ChoresPage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

bool ChoresPage::applyAndReport(CollectionModel &model, const Mutation &mutation, const QString &text)
{
    const MutationResult result = m_history.apply(model, mutation, text);
    showError(result.ok ? QString() : result.error.message);
    return result.ok;
}

bool ChoresPage::tick(const QString &choreId)
{
    const auto chore = m_chores.find(choreId);
    if (!chore)
        return false;
    return applyAndReport(m_completions, todayTickMutation(m_data, *chore), tr("Tick off %1").arg(chore->title));
}

Mutation ChoresPage::todayTickMutation(const HouseholdData &data, const Chore &chore)
{
    const auto &completions = data.model<CompletionsModel>(Collection::ChoreCompletions);
    const QDate today = data.clock.today();
    QString member = ChoreSchedule::assigneeOn(chore, today, completions.approvedCounts(chore.id));
    if (member.isEmpty())
        member = data.engine.actingMemberId();
    return completions.tickMutation(chore.id, member, today);
}

bool ChoresPage::approve(const QString &completionId)
{
    const auto c = m_completions.find(completionId);
    if (!c)
        return false;
    const auto chore = m_chores.find(c->choreId);
    // Undone, EditHistory sends back the status as it was ("pending"): reopenMutation, after which
    // the host writes the reversing ledger entry.
    return applyAndReport(m_completions, m_completions.approveMutation(completionId),
                          tr("Approve %1 for %2").arg(chore ? chore->title : tr("a chore"), m_data.members.nameOf(c->memberId)));
}

void ChoresPage::reject(const QString &completionId)
{
    const auto c = m_completions.find(completionId);
    if (!c)
        return;
    const auto chore = m_chores.find(c->choreId);
    const QString title = chore ? chore->title : tr("a chore");
    const QString name = m_data.members.nameOf(c->memberId);
    auto *dialog = new ReasonDialog(
        tr("Send back %1").arg(title), tr("%1 gets no points for it this time; say what to do better.").arg(name),
        tr("Send back"), QStringLiteral("reason"),
        [this, completionId, title, name](const QString &reason) {
            const MutationResult r = m_history.apply(m_completions, m_completions.rejectMutation(completionId, reason),
                                                     tr("Send back %1 to %2").arg(title, name));
            showError(QString());
            return r;
        },
        this);
    openOwned(dialog);
}

bool ChoresPage::ask(const QString &rewardId)
{
    const auto reward = m_rewards.find(rewardId);
    if (!reward)
        return false;
    return applyAndReport(m_redemptions, m_redemptions.askMutation(rewardId, m_data.engine.actingMemberId()),
                          tr("Ask for %1").arg(reward->name));
}

bool ChoresPage::fulfil(const QString &redemptionId)
{
    const auto q = m_redemptions.find(redemptionId);
    if (!q)
        return false;
    const auto reward = m_rewards.find(q->rewardId);
    return applyAndReport(m_redemptions, m_redemptions.fulfilMutation(redemptionId),
                          tr("Give %1 to %2").arg(reward ? reward->name : tr("a reward"), m_data.members.nameOf(q->memberId)));
}

void ChoresPage::decline(const QString &redemptionId)
{
    const auto q = m_redemptions.find(redemptionId);
    if (!q)
        return;
    const auto reward = m_rewards.find(q->rewardId);
    const QString name = reward ? reward->name : tr("a reward");
    const QString who = m_data.members.nameOf(q->memberId);
    auto *dialog = new ReasonDialog(
        tr("Decline %1").arg(name), tr("%1 keeps their points.").arg(who), tr("Decline"), QStringLiteral("reason"),
        [this, redemptionId, name, who](const QString &reason) {
            const MutationResult r = m_history.apply(m_redemptions, m_redemptions.declineMutation(redemptionId, reason),
                                                     tr("Decline %1 for %2").arg(name, who));
            showError(QString());
            return r;
        },
        this);
    openOwned(dialog);
}

void ChoresPage::addNew()
{
    if (!m_gate->mayCreate(m_chores))
        return;
    Chore c;
    c.repeat = Repeat::Daily;
    c.points = 5;
    c.startOn = m_data.clock.today();
    c.needsApproval = false; // "Anyone" until someone is chosen
    openChoreDialog(c, true);
}

void ChoresPage::editChore(const QString &choreId)
{
    if (const auto c = m_chores.find(choreId); c && m_gate->mayUpdate(m_chores))
        openChoreDialog(*c, false);
}

void ChoresPage::openChoreDialog(const Chore &chore, bool isNew)
{
    const Chore before = chore;
    auto submit = [this, isNew, before](const Chore &c) {
        const Mutation mutation = isNew ? m_chores.addMutation(c) : m_chores.editMutation(before, c);
        if (!isNew && mutation.fields.isEmpty())
            return MutationResult{true, before.id, before.rev, 0, {}}; // nothing changed
        return m_history.apply(m_chores, mutation, isNew ? tr("Add chore %1").arg(c.title) : tr("Edit chore %1").arg(c.title));
    };
    auto *dialog = new ChoreDialog(m_data, submit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setChore(chore, isNew);
    dialog->open();
}

void ChoresPage::deleteChore(const QString &choreId)
{
    const auto c = m_chores.find(choreId);
    if (!c || !m_gate->mayDelete(m_chores))
        return;
    if (!m_confirmer.confirm(this, tr("Delete chore"),
                             tr("Delete the chore “%1”? Points already earned for it stay. You can undo this with Ctrl+Z.").arg(c->title),
                             tr("Delete chore")))
        return;
    applyAndReport(m_chores, m_chores.removeMutation(choreId), tr("Delete chore %1").arg(c->title));
}

void ChoresPage::addReward()
{
    if (!m_gate->mayCreate(m_rewards))
        return;
    Reward r;
    r.cost = 20;
    auto *dialog = new RewardDialog(r, true, [this](const Reward &typed) {
        return m_history.apply(m_rewards, m_rewards.addMutation(typed.name, typed.cost, typed.stock),
                               tr("Add reward %1").arg(typed.name));
    }, this);
    openOwned(dialog);
}

void ChoresPage::editReward(const QString &rewardId)
{
    const auto r = m_rewards.find(rewardId);
    if (!r || !m_gate->mayUpdate(m_rewards))
        return;
    const Reward before = *r;
    auto *dialog = new RewardDialog(before, false, [this, before](const Reward &typed) {
        const Mutation mutation = m_rewards.editMutation(before, typed);
        if (mutation.fields.isEmpty())
            return MutationResult{true, before.id, before.rev, 0, {}};
        return m_history.apply(m_rewards, mutation, tr("Edit reward %1").arg(typed.name));
    }, this);
    openOwned(dialog);
}

void ChoresPage::deleteReward(const QString &rewardId)
{
    const auto r = m_rewards.find(rewardId);
    if (!r || !m_gate->mayDelete(m_rewards))
        return;
    if (!m_confirmer.confirm(this, tr("Delete reward"), tr("Take “%1” out of the rewards? You can undo this with Ctrl+Z.").arg(r->name),
                             tr("Delete reward")))
        return;
    applyAndReport(m_rewards, m_rewards.removeMutation(rewardId), tr("Delete reward %1").arg(r->name));
}

void ChoresPage::adjustPoints()
{
    if (m_selected.isEmpty() || !isAdult())
        return;
    const QString member = m_selected;
    const QString name = m_data.members.nameOf(member);
    auto *dialog = new AdjustPointsDialog(name, m_wallet.balanceOf(member), [this, member](qint64 delta, const QString &reason) {
        // Not through the undo history: the ledger only grows, so a mistake is put right with
        // another adjustment.
        const MutationResult r = m_wallet.apply(m_wallet.adjustMutation(member, delta, reason));
        showError(QString());
        return r;
    }, this);
    openOwned(dialog);
}

void ChoresPage::payOut()
{
    if (m_selected.isEmpty() || !isAdult())
        return;
    const QString member = m_selected;
    const QString name = m_data.members.nameOf(member);
    auto *dialog = new PayOutDialog(name, m_wallet.balanceOf(member), m_data.currency(), m_data.household.household().pointRateCents, [this, member](qint64 points) {
        const MutationResult r = m_wallet.apply(m_wallet.allowanceMutation(member, points));
        showError(QString());
        return r;
    }, this);
    openOwned(dialog);
}

void ChoresPage::selectMember(const QString &memberId)
{
    if (memberId == m_selected)
        return;
    m_selected = memberId;
    refreshWallets();
}

void ChoresPage::changeEvent(QEvent *event)
{
    Page::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_error)
        scheduleRefresh(); // chip and muted colours depend on light / dark
}

PageRegistration ChoresPage::registration()
{
    PageRegistration page{kId, QT_TRANSLATE_NOOP("Pages", "Chores"), "checkbox", "chores",
            [](const PageContext &context, QWidget *parent) -> Page * { return new ChoresPage(context.data, context.history, context.confirmer, parent); },
            [](const PageContext &context, QWidget *parent) -> DashboardCard * { return new ChoresCard(context.data, parent); },
            QT_TRANSLATE_NOOP("Pages", "Chores today")};
    page.collections = {Collection::Chores, Collection::ChoreCompletions, Collection::Rewards, Collection::Redemptions, Collection::WalletEntries};
    return page;
}

} // namespace hearth

#include "ChoresPage.moc"
