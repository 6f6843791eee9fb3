#pragma once

#include "Page.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace hearth {

class EditHistory;
class HouseholdData;
class RoleGate;

// The household itself: its name, its currency, and the people in it.
class HouseholdPage final : public Page
{
    Q_OBJECT

public:
    HouseholdPage(HouseholdData &data, EditHistory &history, QWidget *parent = nullptr);
    ~HouseholdPage() override;

    void addNew() override;

    // What the "Share" card says and offers: hosted here, joined from elsewhere, or neither.
    void setSharing(bool hosting, bool joined);

Q_SIGNALS:
    void hostRequested();
    void joinRequested();

private:
    void refresh();
    void saveName();
    void saveCurrency();
    void addMember();
    void showError(QLabel *label, const QString &message);
    void applyRole();

    HouseholdData &m_data;
    EditHistory &m_history;
    RoleGate *m_gate;
    QLineEdit *m_nameEdit;
    QLabel *m_nameError;
    QComboBox *m_currencyCombo;
    QListView *m_membersView;
    QLineEdit *m_memberNameEdit;
    QComboBox *m_memberRoleCombo;
    QLabel *m_memberError;
    QPushButton *m_addMemberButton = nullptr;
    QLabel *m_settingsNote = nullptr;
    QLabel *m_membersNote = nullptr;
    QLabel *m_sharingText;
    QPushButton *m_hostButton;
    QPushButton *m_joinButton;
};

} // namespace hearth
