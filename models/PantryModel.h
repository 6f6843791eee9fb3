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
        MinQuantityRole, // 0: not tracked
        LowRole,         // below its minimum: a card for it goes on the shopping list

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

    // The edits the pantry offers, for apply() or the undo history.
    Mutation addMutation(const PantryItem &item) const;
    // Only the fields that differ between the item as it was shown and as edited.
    Mutation editMutation(const PantryItem &before, const PantryItem &after) const;
    // Steps the quantity by `delta` (quantity_delta: the engine adds it to the stored value, never
    // below zero), so presses on two devices at once all count.
    Mutation adjustQuantityMutation(const QString &id, double delta) const;
    // Adds what was bought to an item already there: the quantities summed, and the sooner of
    // the two expiry dates (the older pack goes off first).
    Mutation addToMutation(const PantryItem &existing, const PantryItem &added) const;

    // The item that `item` would duplicate: the same name (in any case), unit and place.
    std::optional<PantryItem> sameItemAs(const PantryItem &item) const;

    ExpiryState expiryState(const PantryItem &item) const;
    // Items expiring in the next kSoonDays days or already expired, soonest first: what the
    // page's subtitle, its "Expiring soon" filter and the dashboard all count.
    QList<PantryItem> expiringSoon() const;
    QStringList categories() const;
    QStringList locations() const;
    QStringList units() const;
    const Clock &clock() const { return m_clock; }

    // What a shopping card's quantity says, as a number and a unit: "2 l" is 2 l, "500g" 500 g,
    // "3x" or "x3" 3; no number (blank, "a loaf") is 1 with no unit.
    struct Amount
    {
        double quantity = 1;
        QString unit;
    };
    static Amount parseAmount(const QString &text);
    // `quantity` of `from` in `to`, for the units that convert (g/kg, ml/cl/l, in any case); the same
    // unit (or either blank) as it is; nullopt when they do not convert (2 packs into "pcs").
    static std::optional<double> convertAmount(double quantity, const QString &from, const QString &to);

    static QString formatQuantity(double quantity);
    // A quantity with its unit as people say it: "1 pc", "3 jars", "0.5 kg". Counted units the
    // household uses (pcs, jars, tins, …) take their plural forms from the translations, however
    // they were typed; other units (kg, l) are shown as typed.
    static QString formatAmount(double quantity, const QString &unit);

private:
    const Clock &m_clock;
};

} // namespace hearth
