#include "HouseholdModel.h"

namespace hearth {

HouseholdModel::HouseholdModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::Household, parent)
{
}

int HouseholdModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1;
}

QVariant HouseholdModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Household &h = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return h.name;
    case IdRole: return h.id;
    case CurrencyRole: return h.currency;
    case BudgetLimitRole: return h.budgetLimitCents;
    }
    return {};
}

QHash<int, QByteArray> HouseholdModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"}, {NameRole, "name"}, {CurrencyRole, "currency"}, {BudgetLimitRole, "budgetLimitCents"}});
    return names;
}

Household HouseholdModel::household() const
{
    const auto h = find(engine().householdId());
    return h ? *h : Household{};
}

Mutation HouseholdModel::renameMutation(const QString &name) const
{
    return change(engine().householdId(), {{QStringLiteral("name"), name}});
}

Mutation HouseholdModel::currencyMutation(const QString &currencyCode) const
{
    return change(engine().householdId(), {{QStringLiteral("currency"), currencyCode}});
}

Mutation HouseholdModel::budgetLimitMutation(qint64 cents) const
{
    return change(engine().householdId(), {{QStringLiteral("budget_limit_cents"), cents}});
}

Mutation HouseholdModel::boughtToPantryMutation(const QString &rule) const
{
    return change(engine().householdId(), {{QStringLiteral("bought_to_pantry"), rule}});
}

Mutation HouseholdModel::pointRateMutation(qint64 cents) const
{
    return change(engine().householdId(), {{QStringLiteral("point_rate_cents"), cents}});
}

Mutation HouseholdModel::giftTakenShownMutation(bool shown) const
{
    return change(engine().householdId(), {{QStringLiteral("gift_taken_shown"), shown}});
}

Mutation HouseholdModel::giftChildListsOpenMutation(bool open) const
{
    return change(engine().householdId(), {{QStringLiteral("gift_child_lists_open"), open}});
}

MembersModel::MembersModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::Members, parent)
{
}

int MembersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1;
}

QVariant MembersModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Member &m = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return m.name;
    case IdRole: return m.id;
    case RoleRole: return m.role;
    case ColorRole: return m.color;
    }
    return {};
}

QHash<int, QByteArray> MembersModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"}, {NameRole, "name"}, {RoleRole, "role"}, {ColorRole, "color"}});
    return names;
}

QString MembersModel::nameOf(const QString &memberId) const
{
    const auto m = find(memberId);
    return m ? m->name : QString();
}

Mutation MembersModel::addMutation(const QString &name, const QString &role, const QString &color) const
{
    QJsonObject fields{{QStringLiteral("name"), name}, {QStringLiteral("role"), role}};
    if (!color.isEmpty())
        fields.insert(QStringLiteral("color"), color);
    return creation(fields);
}

} // namespace hearth
