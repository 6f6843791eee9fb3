#include "BankImportsModel.h"

#include "Schema.h"

namespace hearth {

BankImportsModel::BankImportsModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::BankImports, parent)
{
}

int BankImportsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BankImportsModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const BankImport &import = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Account: return import.account;
        case File: return import.fileName;
        case Added: return import.transactionCount;
        case Matched: return import.matchedCount;
        case Duplicates: return import.duplicateCount;
        default: return {};
        }
    case IdRole: return import.id;
    case AccountRole: return import.account;
    case FileNameRole: return import.fileName;
    case FormatRole: return import.format;
    case TransactionCountRole: return import.transactionCount;
    case MatchedCountRole: return import.matchedCount;
    case DuplicateCountRole: return import.duplicateCount;
    default: return {};
    }
}

QVariant BankImportsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Account: return tr("Account");
    case File: return tr("File");
    case Added: return tr("Added");
    case Matched: return tr("Matched");
    case Duplicates: return tr("Already imported");
    default: return {};
    }
}

QHash<int, QByteArray> BankImportsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {AccountRole, "account"},
                  {FileNameRole, "fileName"},
                  {FormatRole, "format"},
                  {TransactionCountRole, "transactionCount"},
                  {MatchedCountRole, "matchedCount"},
                  {DuplicateCountRole, "duplicateCount"}});
    return names;
}

Mutation BankImportsModel::importMutation(const QString &account, const QString &fileName, const QString &format,
                                          const QList<BankImportRow> &rows) const
{
    return creation({{QStringLiteral("account"), account},
                     {QStringLiteral("file_name"), fileName},
                     {QStringLiteral("format"), format},
                     {QStringLiteral("rows"), bankImportRowsJson(rows)}});
}

} // namespace hearth
