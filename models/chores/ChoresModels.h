#pragma once

#include "ChoreRecords.h"
#include "CollectionModel.h"

namespace hearth {

class AuthoritativeEngine;
class Clock;
class MembersModel;

// The chores a household has set up.
class ChoresModel final : public RecordModel<Chore>
{
    Q_OBJECT

public:
    enum Column { Title, Points, Repeats, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, TitleRole, IconRole, PointsRole, RepeatTextRole, DueTimeRole, NeedsApprovalRole };
    Q_ENUM(Role)

    ChoresModel(HouseholdEngine &engine, const Clock &clock, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The chores that come round on `date`, by title.
    QList<Chore> dueOn(const QDate &date) const;
    const Clock &clock() const { return m_clock; }
    // "Every day", "Mon, Thu", "Every 3 days", "Monthly on the 31st (or the month's last day)".
    static QString repeatText(const Chore &chore);

    Mutation addMutation(const Chore &chore) const;
    Mutation editMutation(const Chore &before, const Chore &after) const;

private:
    const Clock &m_clock;
};

// Chores marked done: pending until an adult approves (or at once when no approval is needed).
class CompletionsModel final : public RecordModel<ChoreCompletion>
{
    Q_OBJECT

public:
    enum Column { Day, Status, Points, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, ChoreIdRole, MemberIdRole, OccursOnRole, StatusRole, PointsRole, ReasonRole };
    Q_ENUM(Role)

    explicit CompletionsModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The completion of a chore on a day that still counts (pending or approved), if any.
    std::optional<ChoreCompletion> liveFor(const QString &choreId, const QDate &day) const;
    QList<ChoreCompletion> pending() const;
    QHash<QString, int> approvedCounts(const QString &choreId) const;

    Mutation tickMutation(const QString &choreId, const QString &memberId, const QDate &day, const QString &note = {}) const;
    Mutation approveMutation(const QString &id) const;
    Mutation rejectMutation(const QString &id, const QString &reason) const;
    // Takes a decision back (undo of an approval): the host debits what the approval credited.
    Mutation reopenMutation(const QString &id) const;
};

class RewardsModel final : public RecordModel<Reward>
{
    Q_OBJECT

public:
    enum Column { Name, Cost, Stock, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, NameRole, CostRole, StockRole };
    Q_ENUM(Role)

    explicit RewardsModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    Mutation addMutation(const QString &name, qint64 cost, qint64 stock = -1) const;
    Mutation editMutation(const Reward &before, const Reward &after) const;
};

class RedemptionsModel final : public RecordModel<Redemption>
{
    Q_OBJECT

public:
    enum Column { Member, Cost, Status, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, RewardIdRole, MemberIdRole, CostRole, StatusRole };
    Q_ENUM(Role)

    explicit RedemptionsModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QList<Redemption> requested() const;

    Mutation askMutation(const QString &rewardId, const QString &memberId) const;
    Mutation fulfilMutation(const QString &id) const;
    Mutation declineMutation(const QString &id, const QString &reason) const;
};

// Every member's ledger of points; a balance is the sum of its entries. Entries only ever arrive
// from the host; the two a client may ask for are an adjustment and an allowance payout.
class WalletModel final : public RecordModel<WalletEntry>
{
    Q_OBJECT

public:
    enum Column { When, Member, Points, Note, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, MemberIdRole, DeltaRole, KindRole, NoteRole };
    Q_ENUM(Role)

    WalletModel(HouseholdEngine &engine, const MembersModel &members, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    qint64 balanceOf(const QString &memberId) const { return m_balances.value(memberId); }
    // A member's entries, newest first.
    QList<WalletEntry> ledgerOf(const QString &memberId) const;

    Mutation adjustMutation(const QString &memberId, qint64 delta, const QString &reason) const;
    Mutation allowanceMutation(const QString &memberId, qint64 points) const;

protected:
    void entitiesChanged() override;

private:
    const MembersModel &m_members;
    QHash<QString, qint64> m_balances;
};

// The chores part of the demo household: a few chores for Alex, Sam and Mia, this week's
// completions (one waiting for approval), a rewards catalogue and a request.
bool fillChoresDemo(AuthoritativeEngine &engine, const Clock &clock, QString *error);

} // namespace hearth
