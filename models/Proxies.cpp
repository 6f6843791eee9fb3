#include "Proxies.h"

#include "BoardModels.h"
#include "BudgetModel.h"
#include "PantryModel.h"

namespace hearth {

PantryFilterProxy::PantryFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(PantryModel::SortRole);
    setDynamicSortFilter(true);
}

void PantryFilterProxy::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateRowsFilter();
}

void PantryFilterProxy::setCategory(const QString &category)
{
    if (category == m_category)
        return;
    m_category = category;
    invalidateRowsFilter();
}

void PantryFilterProxy::setExpiringSoonOnly(bool on)
{
    if (on == m_expiringSoonOnly)
        return;
    m_expiringSoonOnly = on;
    invalidateRowsFilter();
}

bool PantryFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_category.isEmpty() && index.data(PantryModel::CategoryRole).toString() != m_category)
        return false;
    if (m_expiringSoonOnly) {
        const auto state = index.data(PantryModel::ExpiryStateRole).value<PantryModel::ExpiryState>();
        if (state != PantryModel::ExpiryState::Soon && state != PantryModel::ExpiryState::Expired)
            return false;
    }
    if (m_search.isEmpty())
        return true;
    for (int role : {PantryModel::NameRole, PantryModel::CategoryRole, PantryModel::LocationRole}) {
        if (index.data(role).toString().contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

MonthFilterProxy::MonthFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(BudgetModel::SortRole);
    setDynamicSortFilter(true);
}

void MonthFilterProxy::setMonth(int year, int month)
{
    const int key = year * 100 + month;
    if (key == m_monthKey)
        return;
    m_monthKey = key;
    invalidateRowsFilter();
}

bool MonthFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return sourceModel()->index(sourceRow, 0, sourceParent).data(BudgetModel::MonthKeyRole).toInt() == m_monthKey;
}

ColumnCardsProxy::ColumnCardsProxy(QString columnId, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_columnId(std::move(columnId))
{
    setDynamicSortFilter(true);
    sort(0);
}

bool ColumnCardsProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return sourceModel()->index(sourceRow, 0, sourceParent).data(BoardCardsModel::ColumnIdRole).toString() == m_columnId;
}

bool ColumnCardsProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const double a = left.data(BoardCardsModel::PositionRole).toDouble();
    const double b = right.data(BoardCardsModel::PositionRole).toDouble();
    if (a != b)
        return a < b;
    return left.data(BoardCardsModel::IdRole).toString() < right.data(BoardCardsModel::IdRole).toString();
}

} // namespace hearth
