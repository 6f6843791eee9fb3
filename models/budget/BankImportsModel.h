#pragma once

#include "CollectionModel.h"
#include "budget/BankImport.h"

namespace hearth {

// The household's bank imports, one row per imported statement; and the one edit that makes one.
class BankImportsModel final : public RecordModel<BankImport>
{
    Q_OBJECT

public:
    enum Column { Account, File, Added, Matched, Duplicates, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        AccountRole,
        FileNameRole,
        FormatRole,
        TransactionCountRole,
        MatchedCountRole,
        DuplicateCountRole,
    };
    Q_ENUM(Role)

    explicit BankImportsModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // One statement's rows into the budget as one change: the host adds, links or skips each.
    Mutation importMutation(const QString &account, const QString &fileName, const QString &format,
                            const QList<BankImportRow> &rows) const;
};

} // namespace hearth
