#include "ChoresModels.h"

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "DemoData.h"
#include "HouseholdModel.h"

#include <QLocale>
#include <QSqlQuery>

#include <algorithm>

namespace hearth {

namespace {

QString statusText(const QString &status)
{
    if (status == QLatin1String("pending"))
        return QObject::tr("Waiting for approval");
    if (status == QLatin1String("approved"))
        return QObject::tr("Approved");
    if (status == QLatin1String("rejected"))
        return QObject::tr("Sent back");
    if (status == QLatin1String("requested"))
        return QObject::tr("Asked for");
    if (status == QLatin1String("fulfilled"))
        return QObject::tr("Given");
    if (status == QLatin1String("declined"))
        return QObject::tr("Declined");
    return status;
}

QString points(qint64 value)
{
    return QObject::tr("%n point(s)", nullptr, int(value));
}

} // namespace

// ---- ChoresModel ----------------------------------------------------------------------------

ChoresModel::ChoresModel(HouseholdEngine &engine, const Clock &clock, QObject *parent)
    : RecordModel(engine, Collection::Chores, parent)
    , m_clock(clock)
{
}

int ChoresModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ChoresModel::repeatText(const Chore &chore)
{
    switch (chore.repeat) {
    case Repeat::Once: return tr("Once, on %1").arg(QLocale().toString(chore.startOn, QLocale::ShortFormat));
    case Repeat::Daily: return tr("Every day");
    case Repeat::Weekdays: {
        QStringList days;
        for (int day : chore.weekdays)
            days << QLocale().dayName(day, QLocale::ShortFormat);
        return days.join(QLatin1String(", "));
    }
    case Repeat::EveryNDays: return tr("Every %n day(s)", nullptr, int(chore.interval));
    case Repeat::Monthly: return tr("Monthly on day %1").arg(chore.monthDay);
    }
    return {};
}

QVariant ChoresModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Chore &c = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Title: return c.icon.isEmpty() ? c.title : c.icon + QLatin1Char(' ') + c.title;
        case Points: return points(c.points);
        case Repeats: return repeatText(c);
        }
        return {};
    case IdRole: return c.id;
    case TitleRole: return c.title;
    case IconRole: return c.icon;
    case PointsRole: return c.points;
    case RepeatTextRole: return repeatText(c);
    case DueTimeRole: return c.dueTime;
    case NeedsApprovalRole: return c.needsApproval;
    }
    return {};
}

QVariant ChoresModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Title: return tr("Chore");
    case Points: return tr("Points");
    case Repeats: return tr("Repeats");
    }
    return {};
}

QHash<int, QByteArray> ChoresModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {TitleRole, "title"},
                  {IconRole, "icon"},
                  {PointsRole, "points"},
                  {RepeatTextRole, "repeatText"},
                  {DueTimeRole, "dueTime"},
                  {NeedsApprovalRole, "needsApproval"}});
    return names;
}

QList<Chore> ChoresModel::dueOn(const QDate &date) const
{
    QList<Chore> due;
    for (const Chore &c : m_records) {
        if (ChoreSchedule::occursOn(c, date))
            due.append(c);
    }
    std::sort(due.begin(), due.end(), [](const Chore &a, const Chore &b) {
        return a.title.localeAwareCompare(b.title) < 0;
    });
    return due;
}

Mutation ChoresModel::addMutation(const Chore &chore) const
{
    Chore c = chore;
    if (!c.startOn.isValid())
        c.startOn = m_clock.today();
    return creation(c.toFields());
}

Mutation ChoresModel::editMutation(const Chore &before, const Chore &after) const
{
    return changeFrom(before.id, before.toFields(), after.toFields());
}

// ---- CompletionsModel -----------------------------------------------------------------------

CompletionsModel::CompletionsModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::ChoreCompletions, parent)
{
}

int CompletionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CompletionsModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ChoreCompletion &c = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Day: return QLocale().toString(c.occursOn, QLocale::ShortFormat);
        case Status: return statusText(c.status);
        case Points: return points(c.points);
        }
        return {};
    case IdRole: return c.id;
    case ChoreIdRole: return c.choreId;
    case MemberIdRole: return c.memberId;
    case OccursOnRole: return c.occursOn;
    case StatusRole: return c.status;
    case PointsRole: return c.points;
    case ReasonRole: return c.reason;
    }
    return {};
}

QHash<int, QByteArray> CompletionsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {ChoreIdRole, "choreId"},
                  {MemberIdRole, "memberId"},
                  {OccursOnRole, "occursOn"},
                  {StatusRole, "status"},
                  {PointsRole, "points"},
                  {ReasonRole, "reason"}});
    return names;
}

std::optional<ChoreCompletion> CompletionsModel::liveFor(const QString &choreId, const QDate &day) const
{
    for (const ChoreCompletion &c : m_records) {
        if (c.choreId == choreId && c.occursOn == day && c.status != QLatin1String("rejected"))
            return c;
    }
    return std::nullopt;
}

QList<ChoreCompletion> CompletionsModel::pending() const
{
    QList<ChoreCompletion> waiting;
    std::copy_if(m_records.cbegin(), m_records.cend(), std::back_inserter(waiting),
                 [](const ChoreCompletion &c) { return c.status == QLatin1String("pending"); });
    std::sort(waiting.begin(), waiting.end(), [](const ChoreCompletion &a, const ChoreCompletion &b) {
        return a.occursOn < b.occursOn;
    });
    return waiting;
}

QHash<QString, int> CompletionsModel::approvedCounts(const QString &choreId) const
{
    QHash<QString, int> counts;
    for (const ChoreCompletion &c : m_records) {
        if (c.choreId == choreId && c.status == QLatin1String("approved") && !c.memberId.isEmpty())
            ++counts[c.memberId];
    }
    return counts;
}

Mutation CompletionsModel::tickMutation(const QString &choreId, const QString &memberId, const QDate &day,
                                        const QString &note) const
{
    return creation({{QStringLiteral("chore_id"), choreId},
                     {QStringLiteral("member_id"), refJson(memberId)},
                     {QStringLiteral("occurs_on"), dateJson(day)},
                     {QStringLiteral("note"), note}});
}

Mutation CompletionsModel::approveMutation(const QString &id) const
{
    return change(id, {{QStringLiteral("status"), QStringLiteral("approved")}});
}

Mutation CompletionsModel::rejectMutation(const QString &id, const QString &reason) const
{
    return change(id, {{QStringLiteral("status"), QStringLiteral("rejected")}, {QStringLiteral("reason"), reason}});
}

Mutation CompletionsModel::reopenMutation(const QString &id) const
{
    return change(id, {{QStringLiteral("status"), QStringLiteral("pending")}});
}

// ---- RewardsModel ---------------------------------------------------------------------------

RewardsModel::RewardsModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::Rewards, parent)
{
}

int RewardsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RewardsModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Reward &r = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return r.name;
        case Cost: return points(r.cost);
        case Stock: return r.stock < 0 ? tr("Unlimited") : tr("%n left", nullptr, int(r.stock));
        }
        return {};
    case IdRole: return r.id;
    case NameRole: return r.name;
    case CostRole: return r.cost;
    case StockRole: return r.stock;
    }
    return {};
}

QHash<int, QByteArray> RewardsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"}, {NameRole, "name"}, {CostRole, "cost"}, {StockRole, "stock"}});
    return names;
}

Mutation RewardsModel::addMutation(const QString &name, qint64 cost, qint64 stock) const
{
    return creation(Reward{{}, name, cost, stock, 0}.toFields());
}

Mutation RewardsModel::editMutation(const Reward &before, const Reward &after) const
{
    return changeFrom(before.id, before.toFields(), after.toFields());
}

// ---- RedemptionsModel -----------------------------------------------------------------------

RedemptionsModel::RedemptionsModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::Redemptions, parent)
{
}

int RedemptionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RedemptionsModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Redemption &r = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Member: return r.memberId;
        case Cost: return points(r.cost);
        case Status: return statusText(r.status);
        }
        return {};
    case IdRole: return r.id;
    case RewardIdRole: return r.rewardId;
    case MemberIdRole: return r.memberId;
    case CostRole: return r.cost;
    case StatusRole: return r.status;
    }
    return {};
}

QHash<int, QByteArray> RedemptionsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"}, {RewardIdRole, "rewardId"}, {MemberIdRole, "memberId"}, {CostRole, "cost"}, {StatusRole, "status"}});
    return names;
}

QList<Redemption> RedemptionsModel::requested() const
{
    QList<Redemption> open;
    std::copy_if(m_records.cbegin(), m_records.cend(), std::back_inserter(open),
                 [](const Redemption &r) { return r.status == QLatin1String("requested"); });
    return open;
}

Mutation RedemptionsModel::askMutation(const QString &rewardId, const QString &memberId) const
{
    return creation({{QStringLiteral("reward_id"), rewardId}, {QStringLiteral("member_id"), refJson(memberId)}});
}

Mutation RedemptionsModel::fulfilMutation(const QString &id) const
{
    return change(id, {{QStringLiteral("status"), QStringLiteral("fulfilled")}});
}

Mutation RedemptionsModel::declineMutation(const QString &id, const QString &reason) const
{
    return change(id, {{QStringLiteral("status"), QStringLiteral("declined")}, {QStringLiteral("reason"), reason}});
}

// ---- WalletModel ----------------------------------------------------------------------------

WalletModel::WalletModel(HouseholdEngine &engine, const MembersModel &members, QObject *parent)
    : RecordModel(engine, Collection::WalletEntries, parent)
    , m_members(members)
{
}

int WalletModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WalletModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const WalletEntry &e = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case When: return QLocale().toString(QDateTime::fromString(e.createdOn, Qt::ISODateWithMs).toLocalTime().date(),
                                             QLocale::ShortFormat);
        case Member: return m_members.nameOf(e.memberId);
        case Points: return e.delta > 0 ? QStringLiteral("+%1").arg(e.delta) : QString::number(e.delta);
        case Note: return e.note;
        }
        return {};
    case IdRole: return e.id;
    case MemberIdRole: return e.memberId;
    case DeltaRole: return e.delta;
    case KindRole: return e.kind;
    case NoteRole: return e.note;
    }
    return {};
}

QVariant WalletModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case When: return tr("When");
    case Member: return tr("Who");
    case Points: return tr("Points");
    case Note: return tr("For");
    }
    return {};
}

QHash<int, QByteArray> WalletModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"}, {MemberIdRole, "memberId"}, {DeltaRole, "delta"}, {KindRole, "kind"}, {NoteRole, "note"}});
    return names;
}

void WalletModel::entitiesChanged()
{
    m_balances.clear();
    for (const WalletEntry &e : std::as_const(m_records))
        m_balances[e.memberId] += e.delta;
}

QList<WalletEntry> WalletModel::ledgerOf(const QString &memberId) const
{
    QList<WalletEntry> ledger;
    std::copy_if(m_records.cbegin(), m_records.cend(), std::back_inserter(ledger),
                 [&memberId](const WalletEntry &e) { return e.memberId == memberId; });
    std::sort(ledger.begin(), ledger.end(), [](const WalletEntry &a, const WalletEntry &b) { return a.createdOn > b.createdOn; });
    return ledger;
}

Mutation WalletModel::adjustMutation(const QString &memberId, qint64 delta, const QString &reason) const
{
    return creation({{QStringLiteral("member_id"), memberId},
                     {QStringLiteral("delta"), delta},
                     {QStringLiteral("kind"), QStringLiteral("adjustment")},
                     {QStringLiteral("note"), reason}});
}

Mutation WalletModel::allowanceMutation(const QString &memberId, qint64 pointsPaid) const
{
    return creation({{QStringLiteral("member_id"), memberId},
                     {QStringLiteral("delta"), -pointsPaid},
                     {QStringLiteral("kind"), QStringLiteral("allowance")},
                     {QStringLiteral("note"), tr("Allowance")}});
}

// ---- demo -----------------------------------------------------------------------------------

bool fillChoresDemo(AuthoritativeEngine &engine, const Clock &clock, QString *error)
{
    DemoData::Submitter demo(engine, error);
    const QString alex = demo.member(QStringLiteral("Alex"));
    const QString sam = demo.member(QStringLiteral("Sam"));
    const QString mia = demo.member(QStringLiteral("Mia"));
    const QDate today = clock.today();
    const auto submit = [&demo](Collection collection, QJsonObject fields, const QString &as) {
        return demo.create(collection, std::move(fields), as);
    };
    const auto chore = [&](const char *title, const char *icon, int pointsWorth, Repeat repeat, QJsonObject extra) {
        QJsonObject fields{{QStringLiteral("title"), QString::fromUtf8(title)},
                           {QStringLiteral("icon"), QString::fromUtf8(icon)},
                           {QStringLiteral("points"), pointsWorth},
                           {QStringLiteral("repeat"), Chore::repeatName(repeat)},
                           {QStringLiteral("start_on"), today.addDays(-14).toString(Qt::ISODate)}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            fields.insert(it.key(), it.value());
        return submit(Collection::Chores, fields, alex);
    };
    const QString cat = chore("Feed the cat", "🐈", 5, Repeat::Daily, {{QStringLiteral("assignee_id"), mia}, {QStringLiteral("due_time"), QStringLiteral("08:00")}});
    const QString dishes = chore("Empty the dishwasher", "🍽️", 10, Repeat::Daily,
                                 {{QStringLiteral("rotation"), QStringLiteral("turn")},
                                  {QStringLiteral("rotation_members"), QStringList{sam, mia}.join(QLatin1Char(','))}});
    const QString room = chore("Tidy your room", "🧸", 15, Repeat::Weekdays,
                               {{QStringLiteral("assignee_id"), mia}, {QStringLiteral("weekdays"), QStringLiteral("3,6")}});
    chore("Take out the bins", "🗑️", 5, Repeat::Weekdays,
          {{QStringLiteral("assignee_id"), alex}, {QStringLiteral("weekdays"), QStringLiteral("2,5")},
           {QStringLiteral("needs_approval"), false}, {QStringLiteral("due_time"), QStringLiteral("19:00")}});
    chore("Water the plants", "🪴", 5, Repeat::EveryNDays, {{QStringLiteral("interval_days"), 3}});
    chore("Change the bed sheets", "🛏️", 20, Repeat::Monthly, {{QStringLiteral("month_day"), 1}, {QStringLiteral("assignee_id"), sam}});
    Q_UNUSED(room)

    // Mia fed the cat on the past few days (approved by Alex), and today's waits for approval.
    for (int daysAgo = 4; demo.ok() && daysAgo >= 1; --daysAgo) {
        const QString done = submit(Collection::ChoreCompletions,
                                    {{QStringLiteral("chore_id"), cat}, {QStringLiteral("occurs_on"), today.addDays(-daysAgo).toString(Qt::ISODate)}},
                                    mia);
        demo.update(Collection::ChoreCompletions, done, {{QStringLiteral("status"), QStringLiteral("approved")}}, alex);
    }
    submit(Collection::ChoreCompletions, {{QStringLiteral("chore_id"), cat}, {QStringLiteral("note"), QStringLiteral("She wanted seconds")}}, mia);
    Q_UNUSED(dishes)

    submit(Collection::Rewards, {{QStringLiteral("name"), QStringLiteral("Movie night pick")}, {QStringLiteral("cost"), 30}}, alex);
    const QString screen = submit(Collection::Rewards,
                                  {{QStringLiteral("name"), QStringLiteral("30 min extra screen time")}, {QStringLiteral("cost"), 15}}, alex);
    submit(Collection::Rewards,
           {{QStringLiteral("name"), QStringLiteral("Ice cream trip")}, {QStringLiteral("cost"), 60}, {QStringLiteral("stock"), 2}}, alex);
    submit(Collection::Redemptions, {{QStringLiteral("reward_id"), screen}}, mia);
    return demo.ok();
}

} // namespace hearth
