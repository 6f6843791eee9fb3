#pragma once

#include "Page.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;

namespace hearth {

class EditHistory;
class HouseholdData;

// The household itself: its name, its currency, and the people in it.
class HouseholdPage final : public Page
{
    Q_OBJECT

public:
    HouseholdPage(HouseholdData &data, EditHistory &history, QWidget *parent = nullptr);

    void addNew() override;

private:
    void refresh();
    void saveName();
    void saveCurrency();
    void addMember();
    void showError(QLabel *label, const QString &message);

    HouseholdData &m_data;
    EditHistory &m_history;
    QLineEdit *m_nameEdit;
    QLabel *m_nameError;
    QComboBox *m_currencyCombo;
    QListView *m_membersView;
    QLineEdit *m_memberNameEdit;
    QComboBox *m_memberRoleCombo;
    QLabel *m_memberError;
};

} // namespace hearth
