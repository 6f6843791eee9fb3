#pragma once

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTime>

namespace hearth {

class RowReader;

// The chores system's rows (models/collections/ChoresCollections.cpp describes them).

// How often a chore comes round. Dates only: a repeat never depends on the hour, so daylight
// saving changes cannot move or double an occurrence.
enum class Repeat { Once, Daily, Weekdays, EveryNDays, Monthly };

struct Chore
{
    QString id;
    QString title;
    QString description;
    QString icon; // an emoji, or empty
    qint64 points = 0;
    Repeat repeat = Repeat::Once;
    QList<int> weekdays;  // Weekdays: 1 = Monday … 7 = Sunday
    qint64 interval = 1;  // EveryNDays
    qint64 monthDay = 1;  // Monthly: 1…31; past a short month's end, its last day
    QDate startOn;
    QTime dueTime;        // invalid: any time of the day
    QString assigneeId;   // one member, when not rotating
    QString rotation;     // "", "turn" (next in turn) or "fewest" (whoever has done the fewest)
    QStringList rotationMembers;
    bool needsApproval = true;
    qint64 rev = 0;

    static Chore fromRow(const RowReader &row);
    static Chore fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;

    static QString repeatName(Repeat repeat);
    static Repeat repeatFromName(const QString &name);
};

struct ChoreCompletion
{
    QString id;
    QString choreId;
    QString memberId;
    QDate occursOn;
    QString note;
    QString status; // "pending", "approved", "rejected"
    QString reason; // why it was rejected
    qint64 points = 0;
    QString reviewedBy;
    qint64 rev = 0;

    static ChoreCompletion fromRow(const RowReader &row);
    static ChoreCompletion fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct Reward
{
    QString id;
    QString name;
    qint64 cost = 0;
    qint64 stock = -1; // -1: unlimited
    qint64 rev = 0;

    static Reward fromRow(const RowReader &row);
    static Reward fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct Redemption
{
    QString id;
    QString rewardId;
    QString memberId;
    qint64 cost = 0;
    QString status; // "requested", "fulfilled", "declined"
    QString reason;
    QString reviewedBy;
    qint64 rev = 0;

    static Redemption fromRow(const RowReader &row);
    static Redemption fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct WalletEntry
{
    QString id;
    QString memberId;
    qint64 delta = 0; // points: positive credits, negative debits
    QString kind;     // "completion", "reversal", "redemption", "adjustment", "allowance"
    QString sourceId; // the completion, redemption or transaction it comes from
    qint64 round = 0; // the how-many-th credit of that source (after reversals)
    QString note;
    QString createdOn;
    qint64 rev = 0;

    static WalletEntry fromRow(const RowReader &row);
    static WalletEntry fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

// Points paid out as money at the household's rate (Household::pointRateCents, by default
// 10 cents a point: 10 points = 1.00 of its currency).
constexpr qint64 allowanceCents(qint64 points, qint64 pointRateCents)
{
    return points * pointRateCents;
}

// When a chore comes round, and whose turn it is.
namespace ChoreSchedule {

bool occursOn(const Chore &chore, const QDate &date);
// The first occurrence on or after `from`; invalid when there is none (a past one-off).
QDate nextOccurrence(const Chore &chore, const QDate &from);
// How many occurrences came before `date` since the chore started (the turn for "turn" rotation).
qint64 occurrencesBefore(const Chore &chore, const QDate &date);
// Who is to do the occurrence on `date`: the assignee; for "turn", the rotation member whose turn
// it is; for "fewest", whoever of the rotation has the fewest approved completions in
// `approvedCounts` (ties: rotation order). Empty when anyone may.
QString assigneeOn(const Chore &chore, const QDate &date, const QHash<QString, int> &approvedCounts);

} // namespace ChoreSchedule

} // namespace hearth
