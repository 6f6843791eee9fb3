#pragma once

#include "CollectionModel.h"
#include "budget/BankImport.h"

namespace hearth {

// The imported transactions the household removed, which bank imports skip (the planner reads
// them beside the transactions). A member may only forget one (removeMutation).
class RemovedBankRowsModel final : public RecordModel<RemovedBankRow>
{
    Q_OBJECT

public:
    enum Column { Date, Description, Amount, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        ImportKeyRole,
        RowKeyRole,
        DateRole,
        DescriptionRole,
        AmountCentsRole,
    };
    Q_ENUM(Role)

    explicit RemovedBankRowsModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    // removeMutation(id) forgets one: the next statement that lists its row imports it again.
};

} // namespace hearth
