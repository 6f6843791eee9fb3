#pragma once

#include "PairingClient.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace hearth {

// Joins a household hosted on another device: the address and invite code that device shows, and
// the name this person goes by. Join asks the host (PairingClient); the dialog stays open with what
// was typed and says what went wrong under the field it concerns, and closes once paired —
// result() then holds the member's credentials for HouseholdSession::join().
class JoinDialog final : public QDialog
{
    Q_OBJECT

public:
    // `hostingName` non-empty: this device hosts that household now (joining stops it).
    JoinDialog(const QString &defaultName, const QString &hostingName, QWidget *parent = nullptr);

    PairingClient::Result result() const { return m_result; }
    bool isBusy() const;
    QString errorText() const; // every error shown, for tests

    void accept() override;

private:
    void setBusy(bool busy);
    void showError(QLabel *label, QWidget *field, const QString &message);
    void clearErrors();

    QLineEdit *m_address;
    QLineEdit *m_code;
    QLineEdit *m_name;
    QLabel *m_addressError;
    QLabel *m_codeError;
    QLabel *m_nameError;
    QLabel *m_progress;
    QPushButton *m_join;
    PairingClient *m_client;
    PairingClient::Result m_result;
};

} // namespace hearth
