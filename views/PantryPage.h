#pragma once

#include "Page.h"

namespace hearth {

class Confirmer;
class EditHistory;
class HouseholdData;

class PantryPage final : public Page
{
    Q_OBJECT

public:
    PantryPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent = nullptr);

private:
    HouseholdData &m_data;
    EditHistory &m_history;
    Confirmer &m_confirmer;
};

} // namespace hearth
