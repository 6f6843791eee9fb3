#pragma once

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace hearth {

class RowReader;

// The event-planning system's rows (models/collections/EventPlanningCollections.cpp describes
// them, docs/protocol.md "Event planning" is the contract). toFields() gives what a member edits;
// the fields the host decides are read, never sent.

// A household event: a birthday BBQ, a dinner party, with its guests, budget and spending.
struct EventPlan
{
    QString id;
    QString name;
    QDate date;
    QString startTime; // "HH:MM" or empty
    QString place;
    qint64 guestCount = 0;
    qint64 budgetCents = 0; // 0: no budget
    bool usePantry = true;  // what the pantry holds is taken off the shopping needs
    QString notes;
    qint64 spentCents = 0;                    // host-decided: the event's transactions
    QString budgetStatus = QStringLiteral("under"); // host-decided: "under", "near", "over"
    qint64 rev = 0;
    QString previousBudgetStatus; // host-decided: the status before the last update

    static EventPlan fromRow(const RowReader &row);
    static EventPlan fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

// A member's part in an event ("cook", "logistics", "host", or any the household names); one
// row per member and role.
struct EventRole
{
    QString id;
    QString eventId;
    QString memberId;
    QString role;
    qint64 rev = 0;

    static EventRole fromRow(const RowReader &row);
    static EventRole fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

// Something to do for an event, perhaps waiting for other tasks of the same event.
struct EventTask
{
    QString id;
    QString eventId;
    QString title;
    QString assigneeId;
    QString role; // the role it falls to when nobody is assigned ("" for none)
    QDate due;
    QString status = QStringLiteral("todo"); // "todo", "in_progress", "done", "blocked" (host-decided)
    QStringList dependsOn;                   // ids of tasks of the same event
    double position = 0;
    QString statusBy;  // host-decided: who last changed the status
    QString enabledBy; // host-decided: whose finished task unblocked it
    qint64 rev = 0;
    QString previousStatus; // host-decided: the status before the last update

    static EventTask fromRow(const RowReader &row);
    static EventTask fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;

    bool done() const { return status == QLatin1String("done"); }
    bool blocked() const { return status == QLatin1String("blocked"); }
};

// A dish served at an event, scaled from its recipe's servings.
struct EventDish
{
    QString id;
    QString eventId;
    QString name;
    qint64 servings = 4;
    qint64 recipeServings = 4;
    QString cookId;
    QString notes;
    qint64 rev = 0;

    static EventDish fromRow(const RowReader &row);
    static EventDish fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

// What a dish needs, per the recipe's servings.
struct EventIngredient
{
    QString id;
    QString dishId;
    QString eventId; // host-copied from the dish
    QString product;
    double quantity = 0; // for the dish's recipe_servings
    QString unit;
    bool available = false;       // host-decided: bought (its shopping card is done)
    double availableQuantity = 0; // host-decided: what was bought of it
    qint64 rev = 0;
    double previousQuantity = 0; // host-decided: the quantity before the last update
    QStringList affectedCards;   // host-decided: the shopping cards its last change recalculated
    QString updatedBy;           // host-decided: who last changed it

    static EventIngredient fromRow(const RowReader &row);
    static EventIngredient fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;

    // What the dish needs of it for the servings it is made for.
    double scaledQuantity(const EventDish &dish) const;
};

// One trip to the shops: several of an event's shopping cards bought at once.
struct EventPurchase
{
    QString id;
    QString eventId;
    QJsonArray items; // {card_id, quantity}
    qint64 totalCents = 0;
    bool addToBudget = false;
    QString purchasedBy; // host-decided
    QString purchasedAt; // host-decided, ISO UTC
    qint64 rev = 0;

    static EventPurchase fromRow(const RowReader &row);
    static EventPurchase fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

namespace events {

inline const QString kTodo = QStringLiteral("todo");
inline const QString kInProgress = QStringLiteral("in_progress");
inline const QString kDone = QStringLiteral("done");
inline const QString kBlocked = QStringLiteral("blocked");

inline const QString kUnder = QStringLiteral("under");
inline const QString kNear = QStringLiteral("near");
inline const QString kOver = QStringLiteral("over");

inline const QString kCook = QStringLiteral("cook");
inline const QString kLogistics = QStringLiteral("logistics");
inline const QString kHost = QStringLiteral("host");

// A task's statuses, strongest first (how a stale update's status merges).
const QStringList &taskStatuses();
// What a product in a unit is needed as on the shopping list: "<product lowercased trimmed>|<unit>".
QString needKey(const QString &product, const QString &unit);

} // namespace events

} // namespace hearth
