#pragma once

#include "PairingClient.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace hearth {

class HouseholdBrowser;
struct JoinLink;

// Joins a household hosted on another device: the address and invite code that device shows (or
// its QR code's link), the name this person goes by and what this device is called. Join reaches the
// host (PairingClient) and shows its security code to compare with the hosting screen, before the
// invite code is sent: "They match" sends it — once paired, result() holds the member's
// credentials for HouseholdSession::join() — and "They differ" closes with nothing sent or kept
// (mismatched()). A link carries the security code, so it is compared without asking. Above the
// form, the households advertised on this network (HouseholdBrowser): picking one fills in its
// address; its advertised fingerprint must match what the host presents, and the person still
// compares the security code (an advert proves nothing). The dialog stays open with what was
// typed and says what went wrong under the field it concerns.
class JoinDialog final : public QDialog
{
    Q_OBJECT

public:
    // `hostingName` non-empty: this device hosts that household now (joining stops it).
    // `browser`: the households on the network (started here); null: one on the system bus.
    JoinDialog(const QString &defaultName, const QString &hostingName, QWidget *parent = nullptr,
               HouseholdBrowser *browser = nullptr);

    PairingClient::Result result() const { return m_result; }
    bool isBusy() const;
    QString errorText() const; // every error shown, for tests
    // Paired, waiting for the person to compare the security codes.
    bool isConfirming() const;
    // The host's security code as shown ("4F2A-91C3-77BD"); empty over an unencrypted connection.
    QString securityCode() const;

    // Prefills the address (joining the same host again).
    void setAddress(const QString &address);
    // Fills in what an invite link carries: the address, the code and the whole fingerprint.
    void setJoinLink(const JoinLink &link);
    QString address() const;
    QString inviteCode() const;

    // The households found on the network, and picking one (as a click on the list does).
    HouseholdBrowser &browser() const { return *m_browser; }
    QListView *foundList() const { return m_found; }
    void pickFound(int row);
    // Leaves this device's own hosted household out of the list.
    void hideHousehold(const QString &householdId);
    // The line under the list: looking, or why nothing can be listed.
    QString discoveryText() const;
    // What the device will be called on the host ("Jordan's computer"; editable).
    QString deviceName() const;

    // On the first step: Join; on the confirmation: They match.
    void accept() override;

Q_SIGNALS:
    // The person said the codes differ: the invite code was not sent, and nothing was kept.
    void mismatched();

private:
    void setBusy(bool busy);
    void showConfirmation(const QUrl &hostUrl, const QString &fingerprint);
    void showForm();
    // A hearth://join link (the QR code's text) typed or pasted as the address: its parts.
    bool takeJoinLink();
    void differ();
    void refreshDiscovery();
    void showError(QLabel *label, QWidget *field, const QString &message);
    void clearErrors();

    QLineEdit *m_address;
    QLineEdit *m_code;
    QLineEdit *m_name;
    QLineEdit *m_device;
    bool m_deviceEdited = false;
    QString m_linkFingerprint; // a join link's whole certificate fingerprint: the comparison is made
    QString m_hiddenHousehold;
    QString m_advertisedFingerprint; // a found household's: the host must present it, and is still compared
    QLabel *m_addressError;
    QLabel *m_codeError;
    QLabel *m_nameError;
    QLabel *m_progress;
    QPushButton *m_join;
    PairingClient *m_client;
    QWidget *m_formPage;
    QWidget *m_confirmPage;
    QLabel *m_confirmText;
    QLabel *m_securityCode;
    QLabel *m_unencrypted;
    QPushButton *m_match;
    QPushButton *m_differ;
    HouseholdBrowser *m_browser;
    QListView *m_found;
    QLabel *m_discovery;
    PairingClient::Result m_result;
};

} // namespace hearth
