#pragma once

#include "BoardModels.h"
#include "BudgetModel.h"
#include "ConflictLog.h"
#include "GoalsModel.h"
#include "HouseholdModel.h"
#include "PantryModel.h"

#include <array>
#include <memory>

namespace hearth {

class Clock;

// Every model of one household, built on one engine and loaded together: one per collection,
// made by its definition (CollectionSpec::makeModel) in dependency order.
class HouseholdData final
{
public:
    HouseholdData(HouseholdEngine &engine, const Clock &clock);
    ~HouseholdData();
    Q_DISABLE_COPY_MOVE(HouseholdData)

    void load();

    HouseholdEngine &engine;
    const Clock &clock;
    // This device's edits that lost to someone else's, shown by every model (ConflictRole).
    ConflictLog conflicts;

    CollectionModel *modelFor(Collection collection) const { return m_models[collectionIndex(collection)].get(); }
    // The model of a collection, as the type its definition makes.
    template <typename Model>
    Model &model(Collection collection) const
    {
        return static_cast<Model &>(*modelFor(collection));
    }

private:
    std::array<std::unique_ptr<CollectionModel>, kCollectionCount> m_models;

public:
    // The models most pages and other models use, by name.
    HouseholdModel &household;
    MembersModel &members;
    PantryModel &pantry;
    BudgetModel &budget;
    GoalsModel &goals;
    BoardColumnsModel &columns;
    BoardCardsModel &cards;

    QString currency() const;

private:
    void applyCurrency();
};

} // namespace hearth
