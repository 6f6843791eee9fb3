#pragma once

#include "DeviceRegistry.h"
#include "Page.h"

#include <QSet>

#include <functional>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace hearth {

class Confirmer;
class ConnectionStatus;
class EditHistory;
class HouseholdData;
class MemberPins;
class MoneyEdit;
class RoleGate;

// The household itself: its name, its currency, the people in it (who is online now; an adult may
// remove someone), and how it is shared: hosting (with the devices that joined, each with Sign
// out), or joined from another device (with Leave household). It decides nothing about sharing:
// it asks through its signals, and shows what it is given.
class HouseholdPage final : public Page
{
    Q_OBJECT

public:
    // Its place in the window (views/Pages.cpp).
    inline static const QString kId = QStringLiteral("household");
    static PageRegistration registration();

    // `connection` (may be null): who is online now.
    HouseholdPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, ConnectionStatus *connection,
                  QWidget *parent = nullptr);
    ~HouseholdPage() override;

    void addNew() override;

    // What the "Share" card says and offers: hosted here, joined from elsewhere, or neither.
    void setSharing(bool hosting, bool joined);
    // The devices paired with the household hosted here.
    void setDevices(const QList<DeviceRegistry::Device> &devices);
    // Why leaving did not work (shown under Leave household…); empty hides it.
    void showLeaveError(const QString &message);

    // What the page shows, for tests.
    bool showsOnline(const QString &memberId) const;
    QStringList deviceNames() const;

    // Removes the selected member, after asking (adults only; not oneself).
    void removeSelectedMember();

    // Members' PINs for the kitchen display, kept on this device: with them the page offers
    // Set PIN… / Remove PIN… for the selected member (anyone for an adult, themselves for a child)
    // and does it through `setter` (HouseholdSession::setMemberPin: an empty PIN removes it).
    using PinSetter = std::function<MutationResult(const QString &memberId, const QString &pin, const QString &actorPin)>;
    void setMemberPins(MemberPins *pins, PinSetter setter);
    // Opens the PIN dialog for the selected member (Set PIN…, or Remove PIN… when `remove`).
    void changeSelectedPin(bool remove);

Q_SIGNALS:
    void hostRequested();
    void joinRequested();
    // Confirmed already: what is left is the session's.
    void signOutDeviceRequested(const QString &deviceId);
    // Every device at once: the host's key is replaced (a lost phone that may have copied others'
    // sign-ins, a leaked backup).
    void signOutEveryDeviceRequested();
    void leaveRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    void saveName();
    void saveCurrency();
    void savePointRate();
    void saveBoughtToPantry();
    void addMember();
    void showError(QLabel *label, const QString &message);
    void applyRole();
    void refreshOnline();
    void updateRemoveButton();
    void signOut(const DeviceRegistry::Device &device);
    void leave();

    HouseholdData &m_data;
    EditHistory &m_history;
    Confirmer &m_confirmer;
    ConnectionStatus *m_connection;
    QSet<QString> m_online;
    RoleGate *m_gate;
    QLineEdit *m_nameEdit;
    QLabel *m_nameError;
    QComboBox *m_currencyCombo;
    QComboBox *m_boughtToPantryCombo; // household.bought_to_pantry: ask / always / never
    MoneyEdit *m_pointRateEdit; // what 10 chore points are worth as pocket money
    QLabel *m_pointRateError;
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
    QPushButton *m_leaveButton;
    QLabel *m_leaveError;
    QPushButton *m_removeMemberButton;
    QPushButton *m_setPinButton;
    QPushButton *m_removePinButton;
    MemberPins *m_pins = nullptr;
    PinSetter m_pinSetter;
    QFrame *m_devicesCard;
    QWidget *m_devicesList;
    QLabel *m_noDevices;
    QPushButton *m_signOutEveryDevice;
    QStringList m_deviceNames;
    bool m_hosting = false;
    bool m_joined = false;
    QList<QWidget *> m_readingOrder; // the sections Tab visits, in reading order
};

} // namespace hearth
