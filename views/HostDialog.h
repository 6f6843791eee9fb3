#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QSpinBox;

namespace hearth {

class HouseholdSession;

// Hosting this household on the local network. Before hosting: the port (8765, or 0 for any
// free one) and Start. While hosting: the address(es) and an invite code to type on the other
// device, in big type, with New code and Stop hosting. All actions go to the session.
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

    // Starts hosting on this address (tests: 127.0.0.1) instead of every network.
    void setListenAddress(const QString &address) { m_listenAddress = address; }

private:
    void startHosting();
    void stopHosting();
    void newCode();
    void refresh();

    HouseholdSession &m_session;
    QString m_listenAddress;
    QWidget *m_setupPage;
    QWidget *m_hostingPage;
    // Before hosting
    QLabel *m_setupIntro;
    QSpinBox *m_port;
    QLabel *m_portError;
    QPushButton *m_start;
    // While hosting
    QLabel *m_addresses;
    QLabel *m_sameComputer;
    QLabel *m_code;
    QLabel *m_codeError;
    QLabel *m_online;
    QPushButton *m_stop;
    QString m_codeText;
};

} // namespace hearth
