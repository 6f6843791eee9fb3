#pragma once

#include "CollectionModel.h"
#include "Records.h"

namespace hearth {

class Clock;

class GoalsModel final : public RecordModel<Goal>
{
    Q_OBJECT

public:
    enum Column { Name, Saved, Target, TargetDate, Progress, Status, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        TargetRole,
        SavedRole,
        TargetDateRole,
        ProgressRole, // 0..100
        StatusRole,   // GoalStatus
        SortRole,
    };
    Q_ENUM(Role)
    enum class GoalStatus { OnTrack, Behind, Reached, Overdue };
    Q_ENUM(GoalStatus)

    GoalsModel(HouseholdEngine &engine, const Clock &clock, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setCurrency(const QString &currencyCode);

    // The edits the goals offer, for apply() or the undo history.
    // A goal without a start date starts today.
    Mutation addMutation(const Goal &goal) const;
    Mutation editMutation(const QString &id, const Goal &goal) const;
    // Puts `cents` toward the goal (negative: takes money out), as a step (saved_cents_delta).
    Mutation contributionMutation(const QString &id, qint64 cents) const;

    GoalStatus status(const Goal &goal) const;
    // Whole percent saved of the target, capped at 100.
    static int progressPercent(const Goal &goal);
    // What must be saved each month from today to reach the target on time.
    qint64 monthlyNeededCents(const Goal &goal) const;
    static QString statusText(GoalStatus status);

private:
    const Clock &m_clock;
    QString m_currency = QStringLiteral("EUR");
};

} // namespace hearth
