#pragma once

// The rows of an import plan as a table the preview shows and edits: include a row or not,
// change its category, accept or reject a match. The plan is what the import sends afterwards.

#include "BankImportPlanner.h"

#include <QAbstractTableModel>

namespace hearth {

class ImportPlanModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Include, Date, Payee, Amount, Category, Status, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, // RowClass as int
        IncludedRole,
        CategoryRole,
        AmountRole,                  // budget cents (positive = spent)
        MatchRole,                   // the matched transaction's id, empty when none
        MatchAcceptedRole,
    };
    Q_ENUM(Role)

    explicit ImportPlanModel(QString currency, QObject *parent = nullptr);

    void setPlan(ImportPlan plan, const QDate &month);
    const ImportPlan &plan() const { return m_plan; }
    // What the Status column says of a row ("New", "Already imported", "Outside March",
    // "Same as “Shoes” (10 Mar)"): words as well as colour.
    QString statusText(const PlannedRow &row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    // The rows chosen changed (a row included or left out, a match accepted or rejected).
    void choiceChanged();

private:
    ImportPlan m_plan;
    QDate m_month;
    QString m_currency;
};

} // namespace hearth
