#include "EventModels.h"

#include "Records.h"

#include <algorithm>

namespace hearth {

namespace {

// The models show one column: the row's name; every field is a role.
int oneColumn(const QModelIndex &parent)
{
    return parent.isValid() ? 0 : 1;
}

template <typename Record, typename Test>
QList<Record> matching(const QList<Record> &records, Test test)
{
    QList<Record> found;
    for (const Record &record : records) {
        if (test(record))
            found.append(record);
    }
    return found;
}

} // namespace

// ---- events ---------------------------------------------------------------------------------

EventPlansModel::EventPlansModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::EventPlans, parent)
{
}

int EventPlansModel::columnCount(const QModelIndex &parent) const
{
    return oneColumn(parent);
}

QVariant EventPlansModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const EventPlan &e = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case NameRole: return e.name;
    case IdRole: return e.id;
    case DateRole: return e.date;
    case StartTimeRole: return e.startTime;
    case PlaceRole: return e.place;
    case GuestCountRole: return e.guestCount;
    case BudgetRole: return e.budgetCents;
    case UsePantryRole: return e.usePantry;
    case NotesRole: return e.notes;
    case SpentRole: return e.spentCents;
    case BudgetStatusRole: return e.budgetStatus;
    }
    return {};
}

QHash<int, QByteArray> EventPlansModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {NameRole, "name"},
                  {DateRole, "date"},
                  {StartTimeRole, "startTime"},
                  {PlaceRole, "place"},
                  {GuestCountRole, "guestCount"},
                  {BudgetRole, "budgetCents"},
                  {UsePantryRole, "usePantry"},
                  {NotesRole, "notes"},
                  {SpentRole, "spentCents"},
                  {BudgetStatusRole, "budgetStatus"}});
    return names;
}

QList<EventPlan> EventPlansModel::upcoming(QDate today) const
{
    QList<EventPlan> found = matching(records(), [&today](const EventPlan &e) { return e.date.isValid() && e.date >= today; });
    std::stable_sort(found.begin(), found.end(), [](const EventPlan &a, const EventPlan &b) {
        return a.date != b.date ? a.date < b.date : a.startTime < b.startTime;
    });
    return found;
}

Mutation EventPlansModel::addMutation(const EventPlan &event) const
{
    return creation(event.toFields(), event.id);
}

Mutation EventPlansModel::editMutation(const EventPlan &before, const EventPlan &after) const
{
    return changeFrom(before.id, before.toFields(), after.toFields());
}

// ---- roles ----------------------------------------------------------------------------------

EventRolesModel::EventRolesModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::EventRoles, parent)
{
}

int EventRolesModel::columnCount(const QModelIndex &parent) const
{
    return oneColumn(parent);
}

QVariant EventRolesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const EventRole &r = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case RoleNameRole: return r.role;
    case IdRole: return r.id;
    case EventIdRole: return r.eventId;
    case MemberIdRole: return r.memberId;
    }
    return {};
}

QHash<int, QByteArray> EventRolesModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"}, {EventIdRole, "eventId"}, {MemberIdRole, "memberId"}, {RoleNameRole, "role"}});
    return names;
}

QList<EventRole> EventRolesModel::rolesOf(const QString &eventId) const
{
    return matching(records(), [&eventId](const EventRole &r) { return r.eventId == eventId; });
}

QStringList EventRolesModel::holders(const QString &eventId, const QString &role) const
{
    QStringList members;
    for (const EventRole &r : records()) {
        if (r.eventId == eventId && r.role.compare(role, Qt::CaseInsensitive) == 0 && !r.memberId.isEmpty()
            && !members.contains(r.memberId))
            members.append(r.memberId);
    }
    return members;
}

Mutation EventRolesModel::assignMutation(const QString &eventId, const QString &memberId, const QString &role) const
{
    return creation(EventRole{{}, eventId, memberId, role, 0}.toFields());
}

// ---- tasks ----------------------------------------------------------------------------------

EventTasksModel::EventTasksModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::EventTasks, parent)
{
}

int EventTasksModel::columnCount(const QModelIndex &parent) const
{
    return oneColumn(parent);
}

QVariant EventTasksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const EventTask &t = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case TitleRole: return t.title;
    case IdRole: return t.id;
    case EventIdRole: return t.eventId;
    case AssigneeIdRole: return t.assigneeId;
    case RoleNameRole: return t.role;
    case DueRole: return t.due;
    case StatusRole: return t.status;
    case DependsOnRole: return t.dependsOn;
    case PositionRole: return t.position;
    case StatusByRole: return t.statusBy;
    case EnabledByRole: return t.enabledBy;
    case BlockedByRole: return waitingFor(t);
    }
    return {};
}

QHash<int, QByteArray> EventTasksModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {EventIdRole, "eventId"},
                  {TitleRole, "title"},
                  {AssigneeIdRole, "assigneeId"},
                  {RoleNameRole, "role"},
                  {DueRole, "due"},
                  {StatusRole, "status"},
                  {DependsOnRole, "dependsOn"},
                  {PositionRole, "position"},
                  {StatusByRole, "statusBy"},
                  {EnabledByRole, "enabledBy"},
                  {BlockedByRole, "blockedBy"}});
    return names;
}

QList<EventTask> EventTasksModel::tasksOf(const QString &eventId) const
{
    QList<EventTask> found = matching(records(), [&eventId](const EventTask &t) { return t.eventId == eventId; });
    std::stable_sort(found.begin(), found.end(), [](const EventTask &a, const EventTask &b) {
        return a.position != b.position ? a.position < b.position : a.id < b.id;
    });
    return found;
}

QStringList EventTasksModel::waitingFor(const EventTask &task) const
{
    QStringList titles;
    for (const QString &id : task.dependsOn) {
        const auto dependency = find(id);
        if (dependency && !dependency->done())
            titles.append(dependency->title);
    }
    return titles;
}

Mutation EventTasksModel::addMutation(const EventTask &task) const
{
    return creation(task.toFields(), task.id);
}

Mutation EventTasksModel::editMutation(const EventTask &before, const EventTask &after) const
{
    return changeFrom(before.id, before.toFields(), after.toFields());
}

Mutation EventTasksModel::statusMutation(const QString &taskId, const QString &status) const
{
    return change(taskId, {{QStringLiteral("status"), status}});
}

// ---- dishes ---------------------------------------------------------------------------------

EventDishesModel::EventDishesModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::EventDishes, parent)
{
}

int EventDishesModel::columnCount(const QModelIndex &parent) const
{
    return oneColumn(parent);
}

QVariant EventDishesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const EventDish &d = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case NameRole: return d.name;
    case IdRole: return d.id;
    case EventIdRole: return d.eventId;
    case ServingsRole: return d.servings;
    case RecipeServingsRole: return d.recipeServings;
    case CookIdRole: return d.cookId;
    case NotesRole: return d.notes;
    }
    return {};
}

QHash<int, QByteArray> EventDishesModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {EventIdRole, "eventId"},
                  {NameRole, "name"},
                  {ServingsRole, "servings"},
                  {RecipeServingsRole, "recipeServings"},
                  {CookIdRole, "cookId"},
                  {NotesRole, "notes"}});
    return names;
}

QList<EventDish> EventDishesModel::dishesOf(const QString &eventId) const
{
    return matching(records(), [&eventId](const EventDish &d) { return d.eventId == eventId; });
}

Mutation EventDishesModel::addMutation(const EventDish &dish) const
{
    return creation(dish.toFields(), dish.id);
}

Mutation EventDishesModel::editMutation(const EventDish &before, const EventDish &after) const
{
    return changeFrom(before.id, before.toFields(), after.toFields());
}

// ---- ingredients ----------------------------------------------------------------------------

EventIngredientsModel::EventIngredientsModel(HouseholdEngine &engine, const EventDishesModel &dishes, QObject *parent)
    : RecordModel(engine, Collection::EventIngredients, parent)
    , m_dishes(dishes)
{
    // A dish's servings scale its ingredients: their rows change with it.
    connect(&dishes, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        for (int dishRow = from.row(); dishRow <= to.row(); ++dishRow) {
            const QString dishId = m_dishes.idAt(dishRow);
            for (int row = 0; row < rowCount(); ++row) {
                if (at(row).dishId == dishId)
                    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1), {ScaledQuantityRole});
            }
        }
    });
}

int EventIngredientsModel::columnCount(const QModelIndex &parent) const
{
    return oneColumn(parent);
}

double EventIngredientsModel::scaledQuantity(const EventIngredient &ingredient) const
{
    const auto dish = m_dishes.find(ingredient.dishId);
    return dish ? ingredient.scaledQuantity(*dish) : ingredient.quantity;
}

QVariant EventIngredientsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const EventIngredient &i = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case ProductRole: return i.product;
    case IdRole: return i.id;
    case DishIdRole: return i.dishId;
    case EventIdRole: return i.eventId;
    case QuantityRole: return i.quantity;
    case UnitRole: return i.unit;
    case AvailableRole: return i.available;
    case AvailableQuantityRole: return i.availableQuantity;
    case ScaledQuantityRole: return scaledQuantity(i);
    }
    return {};
}

QHash<int, QByteArray> EventIngredientsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {DishIdRole, "dishId"},
                  {EventIdRole, "eventId"},
                  {ProductRole, "product"},
                  {QuantityRole, "quantity"},
                  {UnitRole, "unit"},
                  {AvailableRole, "available"},
                  {AvailableQuantityRole, "availableQuantity"},
                  {ScaledQuantityRole, "scaledQuantity"}});
    return names;
}

QList<EventIngredient> EventIngredientsModel::ofDish(const QString &dishId) const
{
    return matching(records(), [&dishId](const EventIngredient &i) { return i.dishId == dishId; });
}

QList<EventIngredient> EventIngredientsModel::ofEvent(const QString &eventId) const
{
    return matching(records(), [&eventId](const EventIngredient &i) { return i.eventId == eventId; });
}

Mutation EventIngredientsModel::addMutation(const EventIngredient &ingredient) const
{
    return creation(ingredient.toFields(), ingredient.id);
}

Mutation EventIngredientsModel::editMutation(const EventIngredient &before, const EventIngredient &after) const
{
    return changeFrom(before.id, before.toFields(), after.toFields());
}

Mutation EventIngredientsModel::quantityMutation(const QString &id, double quantity) const
{
    return change(id, {{QStringLiteral("quantity"), quantity}});
}

// ---- purchases ------------------------------------------------------------------------------

EventPurchasesModel::EventPurchasesModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::EventPurchases, parent)
{
}

int EventPurchasesModel::columnCount(const QModelIndex &parent) const
{
    return oneColumn(parent);
}

QVariant EventPurchasesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const EventPurchase &p = at(index.row());
    switch (role) {
    case Qt::DisplayRole: return p.purchasedAt;
    case IdRole: return p.id;
    case EventIdRole: return p.eventId;
    case ItemsRole: return p.items.toVariantList();
    case TotalRole: return p.totalCents;
    case AddToBudgetRole: return p.addToBudget;
    case PurchasedByRole: return p.purchasedBy;
    case PurchasedAtRole: return p.purchasedAt;
    }
    return {};
}

QHash<int, QByteArray> EventPurchasesModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {EventIdRole, "eventId"},
                  {ItemsRole, "items"},
                  {TotalRole, "totalCents"},
                  {AddToBudgetRole, "addToBudget"},
                  {PurchasedByRole, "purchasedBy"},
                  {PurchasedAtRole, "purchasedAt"}});
    return names;
}

QList<EventPurchase> EventPurchasesModel::purchasesOf(const QString &eventId) const
{
    return matching(records(), [&eventId](const EventPurchase &p) { return p.eventId == eventId; });
}

Mutation EventPurchasesModel::buyMutation(const QString &eventId, const QJsonArray &items, qint64 totalCents, bool addToBudget) const
{
    return creation(EventPurchase{{}, eventId, items, totalCents, addToBudget, {}, {}, 0}.toFields());
}

} // namespace hearth
