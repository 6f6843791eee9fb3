#include "BudgetModel.h"

#include "HouseholdModel.h"
#include "Money.h"

#include <QHash>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <limits>

namespace hearth {

int BudgetSummary::percentUsed() const
{
    if (limitCents <= 0)
        return spentCents > 0 ? 100 : 0;
    // Refunds can make a month's spending negative: the meter starts at 0 %, it does not go below.
    return int(std::clamp<qint64>((spentCents * 100) / limitCents, 0, std::numeric_limits<int>::max()));
}

BudgetSummary::Status BudgetSummary::status() const
{
    if (limitCents <= 0)
        return spentCents > 0 ? Status::Over : Status::Fine;
    if (spentCents > limitCents)
        return Status::Over;
    // Compare in cents (spent * 100 >= limit * 80) so no rounding decides the warning.
    if (spentCents * 100 >= limitCents * BudgetModel::kWarningPercent)
        return Status::Warning;
    return Status::Fine;
}

BudgetModel::BudgetModel(HouseholdEngine &engine, const MembersModel &members, QObject *parent)
    : RecordModel(engine, Collection::Transactions, parent)
    , m_members(members)
{
    // Another member at the device: what is hidden from whom changes with them.
    connect(&engine, &HouseholdEngine::actingMemberChanged, this, [this] {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {MonthKeyRole});
    });
}

bool BudgetModel::hiddenHere(const BudgetTransaction &t) const
{
    return !t.hiddenFromMemberId.isEmpty() && t.hiddenFromMemberId == engine().actingMemberId();
}

int BudgetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void BudgetModel::setCurrency(const QString &currencyCode)
{
    if (m_currency == currencyCode)
        return;
    m_currency = currencyCode;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Amount), index(rowCount() - 1, Amount), {Qt::DisplayRole});
}

QVariant BudgetModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const BudgetTransaction &t = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Date: return QLocale().toString(t.occurredOn, QLocale::ShortFormat);
        case Description: return t.description;
        case Category: return t.category;
        case Member: return m_members.nameOf(t.memberId);
        case Amount: return Money::format(t.amountCents, m_currency);
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Amount ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case SortRole:
        switch (index.column()) {
        case Date: return t.occurredOn.toJulianDay();
        case Description: return t.description.toCaseFolded();
        case Category: return t.category.toCaseFolded();
        case Member: return m_members.nameOf(t.memberId).toCaseFolded();
        case Amount: return t.amountCents;
        }
        return {};
    case IdRole: return t.id;
    case DateRole: return t.occurredOn;
    case DescriptionRole: return t.description;
    case CategoryRole: return t.category;
    case AmountRole: return t.amountCents;
    case MemberIdRole: return t.memberId;
    case MemberNameRole: return m_members.nameOf(t.memberId);
    // A gift's spending kept from the member at this device (a hosting or shared device has it):
    // in no month, so the month's list and totals leave it out.
    case MonthKeyRole: return hiddenHere(t) ? 0 : t.occurredOn.year() * 100 + t.occurredOn.month();
    }
    return {};
}

QVariant BudgetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section == Amount)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter); // over the right-aligned amounts
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Date: return tr("Date");
    case Description: return tr("Description");
    case Category: return tr("Category");
    case Member: return tr("Who");
    case Amount: return tr("Amount");
    }
    return {};
}

QHash<int, QByteArray> BudgetModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {DateRole, "date"},
                  {DescriptionRole, "description"},
                  {CategoryRole, "category"},
                  {AmountRole, "amountCents"},
                  {MemberIdRole, "memberId"},
                  {MemberNameRole, "memberName"},
                  {MonthKeyRole, "monthKey"},
                  {SortRole, "sortKey"}});
    return names;
}

Mutation BudgetModel::addMutation(const BudgetTransaction &transaction) const
{
    return creation(transaction.toFields(), transaction.id);
}

Mutation BudgetModel::editMutation(const QString &id, const BudgetTransaction &transaction) const
{
    return change(id, transaction.toFields());
}

BudgetSummary BudgetModel::summary(int year, int month, qint64 limitCents) const
{
    BudgetSummary s;
    s.year = year;
    s.month = month;
    s.limitCents = limitCents;
    QHash<QString, qint64> byCategory;
    for (const BudgetTransaction &t : m_records) {
        if (t.occurredOn.year() != year || t.occurredOn.month() != month || hiddenHere(t))
            continue;
        if (t.category == kIncomeCategory) {
            s.incomeCents -= t.amountCents; // stored in the budget's sign: money in is negative
            continue;
        }
        s.spentCents += t.amountCents;
        byCategory[t.category.isEmpty() ? tr("Other") : t.category] += t.amountCents;
    }
    for (auto it = byCategory.cbegin(); it != byCategory.cend(); ++it)
        s.categories.append({it.key(), it.value()});
    std::sort(s.categories.begin(), s.categories.end(), [](const CategoryTotal &a, const CategoryTotal &b) {
        return a.cents != b.cents ? a.cents > b.cents : a.category < b.category;
    });
    return s;
}

QStringList BudgetModel::categories() const
{
    QSet<QString> seen;
    for (const BudgetTransaction &t : m_records)
        if (!t.category.isEmpty())
            seen.insert(t.category);
    QStringList list(seen.begin(), seen.end());
    list.sort(Qt::CaseInsensitive);
    return list;
}

} // namespace hearth
