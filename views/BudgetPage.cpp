#include "BudgetPage.h"

#include "Confirmer.h"
#include "EditHistory.h"
#include "HouseholdData.h"

namespace hearth {

BudgetPage::BudgetPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent)
    : Page(parent)
    , m_data(data)
    , m_history(history)
    , m_confirmer(confirmer)
{
}

} // namespace hearth
