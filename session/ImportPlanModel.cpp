#include "ImportPlanModel.h"

#include "Money.h"

#include <QLocale>

namespace hearth {

ImportPlanModel::ImportPlanModel(QString currency, QObject *parent)
    : QAbstractTableModel(parent)
    , m_currency(std::move(currency))
{
}

void ImportPlanModel::setPlan(ImportPlan plan, const QDate &month)
{
    beginResetModel();
    m_plan = std::move(plan);
    m_month = month;
    endResetModel();
    Q_EMIT choiceChanged();
}

int ImportPlanModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.rows.size());
}

int ImportPlanModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ImportPlanModel::statusText(const PlannedRow &row) const
{
    switch (row.kind) {
    case RowClass::New: return tr("New");
    case RowClass::Duplicate: return tr("Already imported");
    case RowClass::Removed: return row.include ? tr("Bringing back") : tr("Removed earlier");
    case RowClass::OutOfMonth: return tr("Outside %1").arg(QLocale().standaloneMonthName(m_month.month()));
    case RowClass::Match:
        return row.acceptMatch ? tr("Same as “%1” (%2)").arg(row.matchDescription, QLocale().toString(row.matchDate, QLocale::ShortFormat))
                               : tr("New — not “%1”").arg(row.matchDescription);
    }
    return {};
}

QVariant ImportPlanModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const PlannedRow &planned = m_plan.rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (column) {
        case Date: return role == Qt::EditRole ? QVariant(planned.row.date) : QVariant(QLocale().toString(planned.row.date, QLocale::ShortFormat));
        case Payee: return planned.row.payee;
        case Amount: return Money::format(planned.row.amountCents, m_currency);
        case Category: return planned.row.category.isEmpty() && role == Qt::DisplayRole ? tr("Other") : planned.row.category;
        case Status: return statusText(planned);
        default: return {};
        }
    case Qt::CheckStateRole:
        if (column == Include)
            return planned.include ? Qt::Checked : Qt::Unchecked;
        if (column == Status && planned.kind == RowClass::Match)
            return planned.acceptMatch ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        if (column == Payee && !planned.row.memo.isEmpty())
            return planned.row.memo;
        if (column == Include && planned.kind == RowClass::Duplicate)
            return tr("Already in the budget: it is never imported twice.");
        if (column == Include && planned.kind == RowClass::Removed)
            return tr("Someone imported this row and then removed it from the budget, so it stays out. "
                      "Tick it to bring it back.");
        if (column == Status && planned.kind == RowClass::Match)
            return tr("Ticked: the bank row is the transaction typed by hand, which is kept and linked. "
                      "Unticked: the row is added beside it.");
        return {};
    case Qt::TextAlignmentRole:
        return column == Amount ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case KindRole: return int(planned.kind);
    case IncludedRole: return planned.include;
    case CategoryRole: return planned.row.category;
    case AmountRole: return planned.row.amountCents;
    case MatchRole: return planned.matchTransactionId;
    case MatchAcceptedRole: return planned.acceptMatch;
    default: return {};
    }
}

bool ImportPlanModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= rowCount() || !(flags(index) & (Qt::ItemIsEditable | Qt::ItemIsUserCheckable)))
        return false;
    PlannedRow &planned = m_plan.rows[index.row()];
    const bool checked = value.toInt() == Qt::Checked;
    if (index.column() == Include && role == Qt::CheckStateRole) {
        planned.include = checked;
    } else if (index.column() == Status && role == Qt::CheckStateRole) {
        planned.acceptMatch = checked;
    } else if (index.column() == Category && role == Qt::EditRole) {
        planned.row.category = value.toString().trimmed().left(kMaxBankTextLength);
        Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole, CategoryRole});
        return true;
    } else {
        return false;
    }
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    Q_EMIT choiceChanged();
    return true;
}

Qt::ItemFlags ImportPlanModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return Qt::NoItemFlags;
    const PlannedRow &planned = m_plan.rows.at(index.row());
    Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (planned.kind == RowClass::Duplicate)
        return flags; // never imported twice: nothing to choose
    if (index.column() == Include)
        flags |= Qt::ItemIsUserCheckable;
    if (index.column() == Category)
        flags |= Qt::ItemIsEditable;
    if (index.column() == Status && planned.kind == RowClass::Match)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant ImportPlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Include: return tr("Import");
    case Date: return tr("Date");
    case Payee: return tr("Payee");
    case Amount: return tr("Amount");
    case Category: return tr("Category");
    case Status: return tr("Status");
    default: return {};
    }
}

QHash<int, QByteArray> ImportPlanModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{KindRole, "kind"},
                  {IncludedRole, "included"},
                  {CategoryRole, "category"},
                  {AmountRole, "amountCents"},
                  {MatchRole, "matchTransactionId"},
                  {MatchAcceptedRole, "matchAccepted"}});
    return names;
}

} // namespace hearth
