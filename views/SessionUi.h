#pragma once

#include <QObject>
#include <QPointer>

#include <memory>

class QSettings;
class QUndoStack;

namespace hearth {

class Confirmer;
class DesktopNotifications;
class EditHistory;
class HostDialog;
class HouseholdSession;
class JoinDialog;
class KioskScreenSaver;
class KioskWindow;
class ReceiptFlow;
struct JoinLink;
class MainWindow;
class Notifier;

// The widgets side of a HouseholdSession: the main window with its undo history, the host and
// join dialogs, and the status-bar notices. When the session switches to another household
// (after joining one) the window is rebuilt in-process on the new models, in the same place.
// It decides nothing about sync; it shows the session and forwards the window's actions to it.
class SessionUi final : public QObject
{
    Q_OBJECT

public:
    SessionUi(HouseholdSession &session, Confirmer &confirmer, QSettings &settings, QObject *parent = nullptr);
    ~SessionUi() override;

    MainWindow *window() const { return m_window.get(); }
    EditHistory &history() const { return *m_history; }
    void show();
    // The kitchen screen (`hearth --kiosk`, the setting, or View ▸ Kitchen Screen) in place of the
    // window, until an adult's PIN lets it go; made again on the new models when the session
    // switches households. Notifications, problems and opened links go to its banner meanwhile.
    void startKiosk();
    KioskWindow *kiosk() const { return m_kiosk.get(); }

    HostDialog *openHostDialog();
    // `address` prefills the host's address (joining the same host again).
    JoinDialog *openJoinDialog(const QString &address = QString());
    // An invite link opened on this desktop (`hearth LINK`, or forwarded from a second start):
    // the Join dialog filled in with it, over the window brought to the front.
    JoinDialog *openJoinLink(const JoinLink &link);
    // A receipt photo or scan given on the command line (`hearth --receipt FILE`): read, then
    // reviewed over the window or the kitchen screen, whichever shows.
    ReceiptFlow *openReceipt(const QString &path);
    // Where a HostDialog started here listens (tests: "127.0.0.1"); every network when empty.
    void setHostListenAddress(const QString &address) { m_listenAddress = address; }

    // The desktop's way of telling: the notifier's decisions go to the desktop's notifications
    // service, and what it cannot show (no service, no session bus) to the window's status bar;
    // while the kitchen screen shows, to its banner instead.
    void routeNotifications(Notifier &notifier, DesktopNotifications &desktop);
    // A notification the desktop could not show: the status bar says it.
    void showNotification(const QString &title, const QString &body);

    static constexpr int kNoticeMs = 6000;
    static constexpr int kProblemMs = 15000;

private:
    void buildWindow();
    void dropWindow();
    void refreshSharing();
    void join(JoinDialog *dialog);
    void refreshDevices();
    void showCertificateWarning();

    HouseholdSession &m_session;
    Confirmer &m_confirmer;
    QSettings &m_settings;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<EditHistory> m_history;
    std::unique_ptr<MainWindow> m_window;
    QByteArray m_geometry;
    bool m_wasVisible = false;
    QString m_listenAddress;
    QString m_certificateWarning; // the host whose certificate changed, while the warning stands
    QPointer<HostDialog> m_hostDialog;
    QPointer<JoinDialog> m_joinDialog;
    std::unique_ptr<KioskScreenSaver> m_screenSaver; // made with the first kitchen screen
    std::unique_ptr<KioskWindow> m_kiosk;            // after m_history: it goes first
    bool m_kioskBeforeSwitch = false;
};

} // namespace hearth
