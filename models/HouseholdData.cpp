#include "HouseholdData.h"

namespace hearth {

HouseholdData::HouseholdData(HouseholdEngine &engine, const Clock &clock)
    : engine(engine)
    , clock(clock)
    , household(engine)
    , members(engine)
    , pantry(engine, clock)
    , budget(engine, members)
    , goals(engine, clock)
    , columns(engine)
    , cards(engine, members)
{
    QObject::connect(&household, &QAbstractItemModel::dataChanged, &household, [this] { applyCurrency(); });
    // A joined household's row arrives from the host after the models loaded (inserted or reset).
    QObject::connect(&household, &QAbstractItemModel::rowsInserted, &household, [this] { applyCurrency(); });
    QObject::connect(&household, &QAbstractItemModel::modelReset, &household, [this] { applyCurrency(); });
}

void HouseholdData::load()
{
    household.reload();
    members.reload();
    pantry.reload();
    budget.reload();
    goals.reload();
    columns.reload();
    cards.reload();
    applyCurrency();
}

QString HouseholdData::currency() const
{
    const QString code = household.household().currency;
    return code.isEmpty() ? QStringLiteral("EUR") : code;
}

CollectionModel *HouseholdData::modelFor(Collection collection)
{
    switch (collection) {
    case Collection::Household: return &household;
    case Collection::Members: return &members;
    case Collection::Pantry: return &pantry;
    case Collection::Transactions: return &budget;
    case Collection::Goals: return &goals;
    case Collection::BoardColumns: return &columns;
    case Collection::BoardCards: return &cards;
    }
    return nullptr;
}

void HouseholdData::applyCurrency()
{
    budget.setCurrency(currency());
    goals.setCurrency(currency());
}

} // namespace hearth
