#include "GoalsModel.h"

#include "Clock.h"
#include "Dates.h"
#include "Money.h"
#include "Schema.h"

#include <QLocale>

#include <algorithm>

namespace hearth {

GoalsModel::GoalsModel(HouseholdEngine &engine, const Clock &clock, QObject *parent)
    : RecordModel(engine, Collection::Goals, parent)
    , m_clock(clock)
{
}

int GoalsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void GoalsModel::setCurrency(const QString &currencyCode)
{
    if (m_currency == currencyCode)
        return;
    m_currency = currencyCode;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
}

int GoalsModel::progressPercent(const Goal &goal)
{
    if (goal.targetCents <= 0)
        return 0;
    return int(std::clamp<qint64>(goal.savedCents * 100 / goal.targetCents, 0, 100));
}

GoalsModel::GoalStatus GoalsModel::status(const Goal &goal) const
{
    if (goal.savedCents >= goal.targetCents)
        return GoalStatus::Reached;
    const QDate today = m_clock.today();
    if (goal.targetDate < today)
        return GoalStatus::Overdue;
    // On track when the share saved is at least the share of time gone between start and target.
    const QDate start = goal.startedOn.isValid() ? goal.startedOn : today;
    const qint64 total = start.daysTo(goal.targetDate);
    const qint64 elapsed = std::clamp<qint64>(start.daysTo(today), 0, std::max<qint64>(total, 0));
    if (total <= 0)
        return GoalStatus::Behind;
    // saved / target >= elapsed / total, cross-multiplied to stay in integers.
    return goal.savedCents * total >= goal.targetCents * elapsed ? GoalStatus::OnTrack : GoalStatus::Behind;
}

qint64 GoalsModel::monthlyNeededCents(const Goal &goal) const
{
    const qint64 missing = goal.targetCents - goal.savedCents;
    if (missing <= 0)
        return 0;
    const QDate today = m_clock.today();
    const int months = std::max(1, (goal.targetDate.year() - today.year()) * 12 + goal.targetDate.month() - today.month());
    return (missing + months - 1) / months;
}

QString GoalsModel::statusText(GoalStatus status)
{
    switch (status) {
    case GoalStatus::OnTrack: return tr("On track");
    case GoalStatus::Behind: return tr("Behind");
    case GoalStatus::Reached: return tr("Reached");
    case GoalStatus::Overdue: return tr("Past due");
    }
    return {};
}

QVariant GoalsModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Goal &g = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return g.name;
        case Saved: return Money::format(g.savedCents, m_currency);
        case Target: return Money::format(g.targetCents, m_currency);
        case TargetDate: return describeDate(g.targetDate, m_clock.today());
        case Progress: return QStringLiteral("%1 %").arg(progressPercent(g));
        case Status: return statusText(status(g));
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Saved || index.column() == Target || index.column() == Progress
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    case SortRole:
        switch (index.column()) {
        case Name: return g.name.toCaseFolded();
        case Saved: return g.savedCents;
        case Target: return g.targetCents;
        case TargetDate: return g.targetDate.toJulianDay();
        case Progress: return progressPercent(g);
        case Status: return int(status(g));
        }
        return {};
    case IdRole: return g.id;
    case NameRole: return g.name;
    case TargetRole: return g.targetCents;
    case SavedRole: return g.savedCents;
    case TargetDateRole: return g.targetDate;
    case ProgressRole: return progressPercent(g);
    case StatusRole: return QVariant::fromValue(status(g));
    }
    return {};
}

QVariant GoalsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Goal");
    case Saved: return tr("Saved");
    case Target: return tr("Target");
    case TargetDate: return tr("By");
    case Progress: return tr("Progress");
    case Status: return tr("Status");
    }
    return {};
}

QHash<int, QByteArray> GoalsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {NameRole, "name"},
                  {TargetRole, "targetCents"},
                  {SavedRole, "savedCents"},
                  {TargetDateRole, "targetDate"},
                  {ProgressRole, "progress"},
                  {StatusRole, "status"},
                  {SortRole, "sortKey"}});
    return names;
}

Mutation GoalsModel::addMutation(const Goal &goal) const
{
    Goal g = goal;
    if (!g.startedOn.isValid())
        g.startedOn = m_clock.today();
    return creation(g.toFields(), g.id);
}

Mutation GoalsModel::editMutation(const QString &id, const Goal &goal) const
{
    return change(id, goal.toFields());
}

Mutation GoalsModel::contributionMutation(const QString &id, qint64 cents) const
{
    // A step: added to the savings as stored, so contributions made at once all count.
    return change(id, {{stepKey(QStringLiteral("saved_cents")), cents}});
}

} // namespace hearth
