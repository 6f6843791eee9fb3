#pragma once

#include "CollectionModel.h"
#include "Records.h"

#include <QMap>

namespace hearth {

class MembersModel;

// The category of money that comes in (a salary, child benefit): kept in the budget's list, but
// never counted as spending or against the limit (a refund, in its own category, still is).
// Stored under this name on every device, whatever the language.
inline const QString kIncomeCategory = QStringLiteral("Income");

struct CategoryTotal
{
    QString category;
    qint64 cents = 0;
};

// What the budget looks like for one month: all arithmetic in integer cents.
struct BudgetSummary
{
    enum class Status { Fine, Warning, Over };

    int year = 0;
    int month = 0;
    qint64 spentCents = 0;
    qint64 incomeCents = 0; // what came in (kIncomeCategory, as a positive sum); not in spentCents
    qint64 limitCents = 0;
    QList<CategoryTotal> categories; // largest first; income is not one of them

    qint64 remainingCents() const { return limitCents - spentCents; }
    // Whole percent of the limit spent (0 when there is no limit).
    int percentUsed() const;
    Status status() const;
};

// Budget transactions (all months; the view filters one month with a proxy).
class BudgetModel final : public RecordModel<BudgetTransaction>
{
    Q_OBJECT

public:
    enum Column { Date, Description, Category, Member, Amount, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        DateRole,
        DescriptionRole,
        CategoryRole,
        AmountRole,
        MemberIdRole,
        MemberNameRole,
        MonthKeyRole, // year * 100 + month, for filtering by month
        SortRole,
    };
    Q_ENUM(Role)

    static constexpr int kWarningPercent = 80;

    BudgetModel(HouseholdEngine &engine, const MembersModel &members, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setCurrency(const QString &currencyCode);
    QString currency() const { return m_currency; }

    // The edits the budget offers, for apply() or the undo history.
    Mutation addMutation(const BudgetTransaction &transaction) const;
    Mutation editMutation(const QString &id, const BudgetTransaction &transaction) const;

    // The month's totals as the member at this device may see them (a gift's spending kept from
    // them left out).
    BudgetSummary summary(int year, int month, qint64 limitCents) const;
    QStringList categories() const;

private:
    bool hiddenHere(const BudgetTransaction &t) const;
    const MembersModel &m_members;
    QString m_currency = QStringLiteral("EUR");
};

} // namespace hearth
