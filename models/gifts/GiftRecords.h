#pragma once

#include <QDate>
#include <QJsonObject>
#include <QString>

namespace hearth {

class RowReader;

// The gift system's rows (models/collections/GiftsCollections.cpp describes them,
// docs/protocol.md "Gifts" is the contract).

// Someone gifts are for: a household member (member_id set; their sizes and notes) or a person
// outside the household (grandma, a friend).
struct GiftPerson
{
    QString id;
    QString name;
    QString memberId; // set when the person is a member of the household
    QString sizes;
    QString notes;
    qint64 rev = 0;

    static GiftPerson fromRow(const RowReader &row);
    static GiftPerson fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

// A birthday, a holiday or a custom day, once or every year, with an optional budget.
struct Occasion
{
    QString id;
    QString name;
    QString kind = QStringLiteral("custom");    // "birthday", "holiday", "custom"
    QDate date;                                 // the first (or only) date
    QString repeats = QStringLiteral("yearly"); // "yearly", "once"
    qint64 budgetCents = 0;                     // 0: no budget
    QString forMemberId;                        // whose birthday, when a member's
    QString forPersonId;                        // or a gift person's
    qint64 rev = 0;

    static Occasion fromRow(const RowReader &row);
    static Occasion fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;

    bool yearly() const { return repeats == QLatin1String("yearly"); }
    // The occasion's date on or after `today` when it repeats yearly (a 29 February falls on the
    // 28th in other years); else its one date, even when past.
    QDate nextDate(const QDate &today) const;
};

// A wish-list item (kind "wish", added by its recipient) or a gift idea (kind "idea", added by
// someone else, perhaps as a surprise), and where it is on the gift board.
struct GiftItem
{
    QString id;
    QString title;
    QString kind = QStringLiteral("idea"); // "wish", "idea"
    QString forMemberId;                   // the recipient when a member ...
    QString forPersonId;                   // ... or a gift person: exactly one is set
    QString occasionId;
    QString link;
    qint64 price = 0;  // cents, the listed price
    qint64 priority = 2; // 1 low … 3 high
    QString note;
    bool surprise = false;
    QString addedBy;   // host-decided
    QString claimedBy; // host-decided: who moved it to claimed
    QString status = QStringLiteral("idea"); // "idea", "claimed", "bought", "wrapped", "given"
    qint64 pricePaid = 0; // cents
    double position = 0;  // order on the board
    bool taken = false;   // host-decided: true once claimed
    QString paidTransactionId; // host-decided: the budget transaction of its price paid
    qint64 rev = 0;

    static GiftItem fromRow(const RowReader &row);
    static GiftItem fromJson(const QJsonObject &entity);
    // Every stored field in wire form (the host keeps what only it decides).
    QJsonObject toFields() const;
    // The entity as the engine holds it: toFields() with its id and rev (what visibility reads).
    QJsonObject toEntity() const;

    // Bought, wrapped or given: paid for.
    bool bought() const;
};

namespace gifts {

inline const QString kIdea = QStringLiteral("idea");
inline const QString kClaimed = QStringLiteral("claimed");
inline const QString kBought = QStringLiteral("bought");
inline const QString kWrapped = QStringLiteral("wrapped");
inline const QString kGiven = QStringLiteral("given");
inline const QString kWish = QStringLiteral("wish");

// The board's columns, in order: idea → claimed → bought → wrapped → given.
const QStringList &statuses();

} // namespace gifts

} // namespace hearth
