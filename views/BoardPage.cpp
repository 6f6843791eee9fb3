#include "BoardPage.h"

#include "Confirmer.h"
#include "EditHistory.h"
#include "HouseholdData.h"

namespace hearth {

BoardPage::BoardPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent)
    : Page(parent)
    , m_data(data)
    , m_history(history)
    , m_confirmer(confirmer)
{
}

} // namespace hearth
