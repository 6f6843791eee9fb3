#pragma once

#include "BoardModels.h"
#include "BudgetModel.h"
#include "GoalsModel.h"
#include "HouseholdModel.h"
#include "PantryModel.h"

namespace hearth {

class Clock;

// Every model of one household, built on one engine and loaded together.
class HouseholdData final
{
public:
    HouseholdData(HouseholdEngine &engine, const Clock &clock);
    Q_DISABLE_COPY_MOVE(HouseholdData)

    void load();

    HouseholdEngine &engine;
    const Clock &clock;
    HouseholdModel household;
    MembersModel members;
    PantryModel pantry;
    BudgetModel budget;
    GoalsModel goals;
    BoardColumnsModel columns;
    BoardCardsModel cards;

    QString currency() const;
    CollectionModel *modelFor(Collection collection);

private:
    void applyCurrency();
};

} // namespace hearth
