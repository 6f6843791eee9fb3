#pragma once

#include <QDialog>

#include <utility>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QScrollArea;
class QToolButton;
class QPushButton;
class QSpinBox;
class QVBoxLayout;

namespace hearth {

class HouseholdSession;
class QrCodeWidget;

// Hosting this household on the local network. Before hosting: the person's name the first time
// (while this copy still acts as the placeholder "Me"), the port under Advanced (8765, or 0 for
// any free one) and Start. While hosting: the address(es) and an invite code to type on the other
// device, in big type and as a QR code, until when it works and for whom (adult or child), the
// host's security code to compare with the joining device, the other open codes with Revoke,
// New code and Stop hosting. All actions go to the session.
class HostDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit HostDialog(HouseholdSession &session, QWidget *parent = nullptr);

    // What the hosting page shows (for tests and screenshots).
    QString inviteCode() const;
    QStringList addresses() const;
    QString errorText() const;
    bool showsHosting() const;
    QString expiryText() const;
    QString securityCode() const;
    // What the QR code holds: hearth://join?host=…&code=…&fp=…
    QString qrText() const;
    QrCodeWidget *qrCode() const { return m_qr; }
    // Copy invite link: the QR code's link, to send in a chat.
    QPushButton *copyLinkButton() const { return m_copyLink; }
    // The codes listed under "Open invite codes", newest first.
    QStringList openInviteCodes() const;

    // Takes the size the page asks for, at most `available` (a screen's free area); the rest scrolls.
    void fitWithin(const QSize &available);

    // Starts hosting on this address (tests: 127.0.0.1) instead of every network.
    void setListenAddress(const QString &address) { m_listenAddress = address; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showCurrentCode();
    void fitToScreen();
    void fillInviteTargets();
    void startHosting();
    void stopHosting();
    void copyInviteLink();
    void newCode();
    void revoke(const QString &code);
    void refresh();
    void refreshInvites();

    HouseholdSession &m_session;
    QString m_listenAddress;
    QWidget *m_setupPage;
    QWidget *m_hostingPage;
    // Before hosting
    QLabel *m_setupIntro;
    QLineEdit *m_name;
    QLabel *m_nameError;
    std::pair<QWidget *, QWidget *> m_nameRow{};
    QToolButton *m_advanced;
    QSpinBox *m_port;
    QLabel *m_portError;
    QPushButton *m_start;
    // While hosting
    QLabel *m_addresses;
    QLabel *m_sameComputer;
    QLabel *m_code;
    QLabel *m_codeError;
    QFrame *m_card = nullptr;
    QLabel *m_expiry;
    QComboBox *m_role;
    QrCodeWidget *m_qr;
    QLabel *m_security;
    QVBoxLayout *m_invitesList;
    QLabel *m_noInvites;
    QStringList m_inviteCodes;
    QLabel *m_online;
    QPushButton *m_stop;
    QPushButton *m_copyLink;
    QScrollArea *m_scroll;
    QWidget *m_content = nullptr;
    QWidget *m_setupButtons = nullptr;
    QWidget *m_hostingButtons = nullptr;
    QString m_codeText;
};

} // namespace hearth
