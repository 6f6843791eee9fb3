#pragma once

#include "CollectionModel.h"
#include "EventRecords.h"

#include <QHash>

namespace hearth {

// The event-planning models (models/collections/EventPlanningCollections.cpp makes them). Each
// shows one collection as a one-column list (the name or title) with every field as a role; the
// named builders are the edits a page offers, for apply() or the undo history.

// The household's events, with what their spending is against their budget.
class EventPlansModel final : public RecordModel<EventPlan>
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        DateRole, // QDate
        StartTimeRole,
        PlaceRole,
        GuestCountRole,
        BudgetRole, // cents, 0 = none
        UsePantryRole,
        NotesRole,
        SpentRole, // cents
        BudgetStatusRole, // "under", "near", "over"
    };
    Q_ENUM(Role)

    explicit EventPlansModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Events on or after `today`, soonest first.
    QList<EventPlan> upcoming(QDate today) const;

    Mutation addMutation(const EventPlan &event) const;
    Mutation editMutation(const EventPlan &before, const EventPlan &after) const;
};

// Who does what for each event.
class EventRolesModel final : public RecordModel<EventRole>
{
    Q_OBJECT

public:
    enum Role { IdRole = Qt::UserRole + 1, EventIdRole, MemberIdRole, RoleNameRole };
    Q_ENUM(Role)

    explicit EventRolesModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QList<EventRole> rolesOf(const QString &eventId) const;
    // The members holding `role` for the event.
    QStringList holders(const QString &eventId, const QString &role) const;

    Mutation assignMutation(const QString &eventId, const QString &memberId, const QString &role) const;
};

// Each event's tasks, with what they wait for.
class EventTasksModel final : public RecordModel<EventTask>
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        EventIdRole,
        TitleRole,
        AssigneeIdRole,
        RoleNameRole,
        DueRole, // QDate
        StatusRole,
        DependsOnRole, // QStringList of task ids
        PositionRole,
        StatusByRole,
        EnabledByRole,
        BlockedByRole, // QStringList: the titles of the dependencies not done yet
    };
    Q_ENUM(Role)

    explicit EventTasksModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The event's tasks, by position.
    QList<EventTask> tasksOf(const QString &eventId) const;
    // The titles of the tasks `task` still waits for.
    QStringList waitingFor(const EventTask &task) const;

    Mutation addMutation(const EventTask &task) const;
    Mutation editMutation(const EventTask &before, const EventTask &after) const;
    Mutation statusMutation(const QString &taskId, const QString &status) const;
};

// The dishes of each event.
class EventDishesModel final : public RecordModel<EventDish>
{
    Q_OBJECT

public:
    enum Role { IdRole = Qt::UserRole + 1, EventIdRole, NameRole, ServingsRole, RecipeServingsRole, CookIdRole, NotesRole };
    Q_ENUM(Role)

    explicit EventDishesModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QList<EventDish> dishesOf(const QString &eventId) const;

    Mutation addMutation(const EventDish &dish) const;
    Mutation editMutation(const EventDish &before, const EventDish &after) const;
};

// What each dish needs, and whether it has been bought.
class EventIngredientsModel final : public RecordModel<EventIngredient>
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        DishIdRole,
        EventIdRole,
        ProductRole,
        QuantityRole, // per the recipe's servings
        UnitRole,
        AvailableRole,
        AvailableQuantityRole,
        ScaledQuantityRole, // for the dish's servings
    };
    Q_ENUM(Role)

    EventIngredientsModel(HouseholdEngine &engine, const EventDishesModel &dishes, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QList<EventIngredient> ofDish(const QString &dishId) const;
    QList<EventIngredient> ofEvent(const QString &eventId) const;
    // The ingredient's quantity for its dish's servings (its recipe quantity when the dish is unknown).
    double scaledQuantity(const EventIngredient &ingredient) const;

    Mutation addMutation(const EventIngredient &ingredient) const;
    Mutation editMutation(const EventIngredient &before, const EventIngredient &after) const;
    Mutation quantityMutation(const QString &id, double quantity) const;

private:
    const EventDishesModel &m_dishes;
};

// Bulk purchases for events (one trip to the shops each).
class EventPurchasesModel final : public RecordModel<EventPurchase>
{
    Q_OBJECT

public:
    enum Role { IdRole = Qt::UserRole + 1, EventIdRole, ItemsRole, TotalRole, AddToBudgetRole, PurchasedByRole, PurchasedAtRole };
    Q_ENUM(Role)

    explicit EventPurchasesModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QList<EventPurchase> purchasesOf(const QString &eventId) const;

    // Buys the listed cards ({card_id, quantity}) of an event at once; with `addToBudget`, one
    // expense of `totalCents` for the event.
    Mutation buyMutation(const QString &eventId, const QJsonArray &items, qint64 totalCents, bool addToBudget) const;
};

} // namespace hearth
