#pragma once

#include "CollectionModel.h"
#include "Records.h"

namespace hearth {

class Clock;

class PantryModel final : public RecordModel<PantryItem>
{
    Q_OBJECT

public:
    enum Column { Name, Quantity, Category, Location, ExpiresOn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        QuantityRole,
        UnitRole,
        CategoryRole,
        LocationRole,
        ExpiresOnRole,
        ExpiryStateRole, // ExpiryState
        DaysToExpiryRole,
        SortRole,
    };
    Q_ENUM(Role)
    enum class ExpiryState { None, Fresh, Soon, Expired };
    Q_ENUM(ExpiryState)

    // Items that expire within this many days count as "expiring soon".
    static constexpr int kSoonDays = 3;

    PantryModel(HouseholdEngine &engine, const Clock &clock, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    MutationResult addItem(const PantryItem &item);
    MutationResult editItem(const QString &id, const PantryItem &item);
    MutationResult adjustQuantity(const QString &id, double delta);

    ExpiryState expiryState(const PantryItem &item) const;
    // Items expiring in the next kSoonDays days or already expired, soonest first.
    QList<PantryItem> expiringSoon() const;
    QStringList categories() const;
    QStringList locations() const;
    QStringList units() const;
    const Clock &clock() const { return m_clock; }

    static QString formatQuantity(double quantity);

private:
    const Clock &m_clock;
};

} // namespace hearth
