#include "RemovedBankRowsModel.h"

#include "Money.h"
#include "Schema.h"

#include <QLocale>

namespace hearth {

RemovedBankRowsModel::RemovedBankRowsModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::RemovedBankRows, parent)
{
}

int RemovedBankRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RemovedBankRowsModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const RemovedBankRow &removed = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Date: return QLocale().toString(removed.occurredOn, QLocale::ShortFormat);
        case Description: return removed.description;
        case Amount: return Money::formatPlain(removed.amountCents);
        default: return {};
        }
    case IdRole: return removed.id;
    case ImportKeyRole: return removed.importKey;
    case RowKeyRole: return removed.rowKey;
    case DateRole: return removed.occurredOn;
    case DescriptionRole: return removed.description;
    case AmountCentsRole: return removed.amountCents;
    default: return {};
    }
}

QVariant RemovedBankRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Date: return tr("Date");
    case Description: return tr("Description");
    case Amount: return tr("Amount");
    default: return {};
    }
}

QHash<int, QByteArray> RemovedBankRowsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {ImportKeyRole, "importKey"},
                  {RowKeyRole, "rowKey"},
                  {DateRole, "occurredOn"},
                  {DescriptionRole, "description"},
                  {AmountCentsRole, "amountCents"}});
    return names;
}

} // namespace hearth
