#include "HouseholdData.h"

#include "Schema.h"

namespace hearth {

namespace {

// Made before the named references bind to them, so each definition may use the models of the
// collections before it (data.members for the budget).
struct ModelMaker
{
    HouseholdData &data;
    std::array<std::unique_ptr<CollectionModel>, kCollectionCount> &models;

    int operator()() const
    {
        for (std::size_t i = 0; i < kCollectionCount; ++i) {
            models[i] = collectionSpec(Collection(i)).makeModel(data);
            Q_ASSERT_X(models[i] && models[i]->collection() == Collection(i), "HouseholdData", "a definition made no model");
        }
        return 0;
    }
};

} // namespace

HouseholdData::HouseholdData(HouseholdEngine &engine, const Clock &clock)
    : engine(engine)
    , clock(clock)
    , conflicts(engine)
    , m_models()
    , household((ModelMaker{*this, m_models}(), model<HouseholdModel>(Collection::Household)))
    , members(model<MembersModel>(Collection::Members))
    , pantry(model<PantryModel>(Collection::Pantry))
    , budget(model<BudgetModel>(Collection::Transactions))
    , goals(model<GoalsModel>(Collection::Goals))
    , columns(model<BoardColumnsModel>(Collection::BoardColumns))
    , cards(model<BoardCardsModel>(Collection::BoardCards))
{
    for (const auto &model : m_models)
        model->setConflictLog(&conflicts);
    QObject::connect(&household, &QAbstractItemModel::dataChanged, &household, [this] { applyCurrency(); });
    // A joined household's row arrives from the host after the models loaded (inserted or reset).
    QObject::connect(&household, &QAbstractItemModel::rowsInserted, &household, [this] { applyCurrency(); });
    QObject::connect(&household, &QAbstractItemModel::modelReset, &household, [this] { applyCurrency(); });
}

HouseholdData::~HouseholdData()
{
    // Later models may refer to earlier ones (the budget to the members): the last made goes first.
    for (std::size_t i = kCollectionCount; i-- > 0;)
        m_models[i].reset();
}

void HouseholdData::load()
{
    for (const auto &model : m_models)
        model->reload();
    applyCurrency();
}

QString HouseholdData::currency() const
{
    const QString code = household.household().currency;
    return code.isEmpty() ? QStringLiteral("EUR") : code;
}

void HouseholdData::applyCurrency()
{
    budget.setCurrency(currency());
    goals.setCurrency(currency());
}

} // namespace hearth
