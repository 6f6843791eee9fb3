#include "SessionUi.h"
#include "DashboardPage.h"

#include "Confirmer.h"
#include "DesktopNotifications.h"
#include "EditHistory.h"
#include "HostDialog.h"
#include "HouseholdData.h"
#include "ReceiptFlow.h"
#include "HouseholdPage.h"
#include "HouseholdSession.h"
#include "JoinDialog.h"
#include "JoinLink.h"
#include "KioskScreenSaver.h"
#include "KioskSettingsSection.h"
#include "KioskWindow.h"
#include "MainWindow.h"
#include "Notifier.h"
#include "SettingsDialog.h"

#include <QGuiApplication>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>

namespace hearth {

SessionUi::SessionUi(HouseholdSession &session, Confirmer &confirmer, QSettings &settings, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_confirmer(confirmer)
    , m_settings(settings)
{
    connect(&m_session, &HouseholdSession::aboutToSwitch, this, [this] {
        m_kioskBeforeSwitch = m_kiosk != nullptr;
        m_kiosk.reset(); // before the models it shows go
        dropWindow();
    });
    connect(&m_session, &HouseholdSession::switched, this, [this] {
        buildWindow();
        if (m_kioskBeforeSwitch)
            startKiosk();
        else if (m_wasVisible)
            m_window->show();
    });
    connect(&m_session, &HouseholdSession::roleChanged, this, &SessionUi::refreshSharing);
    connect(&m_session, &HouseholdSession::notice, this, [this](const QString &text) {
        if (m_window)
            m_window->statusBar()->showMessage(text, kNoticeMs);
    });
    connect(&m_session, &HouseholdSession::problem, this, [this](const QString &text) {
        // What needs someone's attention (an edit the host refused, hosting that failed) shows on
        // the kitchen screen when that is what is in front of people.
        if (m_kiosk)
            m_kiosk->showBanner(tr("Hearth needs attention"), text);
        else if (m_window)
            m_window->statusBar()->showMessage(text, kProblemMs);
    });
    connect(&m_session, &HouseholdSession::devicesChanged, this, &SessionUi::refreshDevices);
    connect(&m_session, &HouseholdSession::hostCertificateChanged, this, [this] {
        m_certificateWarning = m_session.hostAddress();
        showCertificateWarning();
    });
    connect(&m_session, &HouseholdSession::leaveRefused, this, [this](const QString &reason) {
        if (auto *page = m_window ? qobject_cast<HouseholdPage *>(m_window->page(HouseholdPage::kId)) : nullptr)
            page->showLeaveError(tr("The host did not let you leave: %1").arg(reason));
    });
    connect(&m_session, &HouseholdSession::leftHousehold, this, [this] { m_certificateWarning.clear(); });
    buildWindow();
}

SessionUi::~SessionUi()
{
    delete m_hostDialog;
    delete m_joinDialog;
}

void SessionUi::show()
{
    m_window->show();
}

void SessionUi::startKiosk()
{
    if (m_kiosk)
        return;
    if (!m_screenSaver)
        m_screenSaver = std::make_unique<KioskScreenSaver>();
    const KioskContext context{m_session.data(), *m_history, m_confirmer, m_settings, m_session.pins(), m_session.status(),
                               [this](const QString &memberId, QString *why) { return m_session.actAs(memberId, why); },
                               m_session.deviceMemberId(), [this] { m_session.saveHeldWrites(); }};
    m_kiosk = std::make_unique<KioskWindow>(context, m_screenSaver.get());
    connect(m_kiosk.get(), &KioskWindow::left, this, [this] {
        m_kiosk.release()->deleteLater(); // left() comes from inside the kiosk
        m_window->show();
        m_window->raise();
    });
    m_window->hide();
    m_kiosk->start();
}

void SessionUi::buildWindow()
{
    // Undo steps belong to one household's models: a new household starts a new history.
    m_undo = std::make_unique<QUndoStack>();
    m_history = std::make_unique<EditHistory>(*m_undo);
    m_window = std::make_unique<MainWindow>(m_session.data(), *m_history, m_confirmer, m_session.status(), m_settings);
    m_window->restoreState();
    if (!m_geometry.isEmpty()) {
        m_window->restoreGeometry(m_geometry); // the rebuilt window stays where the old one was
        m_window->showPage(DashboardPage::kId);
    }
    connect(m_window.get(), &MainWindow::hostRequested, this, &SessionUi::openHostDialog);
    connect(m_window.get(), &MainWindow::joinRequested, this, [this] { openJoinDialog(); });
    connect(m_window.get(), &MainWindow::stopHostingRequested, this, [this] { m_session.stopHosting(); });
    connect(m_window.get(), &MainWindow::reconnectRequested, this, [this] { m_session.reconnectNow(); });
    connect(m_window.get(), &MainWindow::saveHeldRequested, this, [this] { m_session.saveHeldWrites(); });
    connect(m_window.get(), &MainWindow::bannerActionTriggered, this, [this] { openJoinDialog(m_certificateWarning); });
    connect(m_window.get(), &MainWindow::kioskRequested, this, &SessionUi::startKiosk);
    connect(m_window.get(), &MainWindow::settingsOpened, this, [this](SettingsDialog *dialog) {
        auto *kiosk = new KioskSettingsSection(m_settings);
        dialog->addSection(tr("Kitchen screen"), kiosk);
        connect(dialog, &SettingsDialog::saving, kiosk, &KioskSettingsSection::save);
    });
    if (auto *page = qobject_cast<HouseholdPage *>(m_window->page(HouseholdPage::kId))) {
        connect(page, &HouseholdPage::signOutDeviceRequested, this, [this](const QString &deviceId) {
            QString error;
            if (!m_session.signOutDevice(deviceId, &error))
                m_window->statusBar()->showMessage(error, kProblemMs);
            else
                m_window->statusBar()->showMessage(tr("Signed out: that device no longer syncs."), kNoticeMs);
        });
        connect(page, &HouseholdPage::signOutEveryDeviceRequested, this, [this] {
            QString error;
            if (!m_session.signOutEveryDevice(&error))
                m_window->statusBar()->showMessage(error, kProblemMs);
            else
                m_window->statusBar()->showMessage(tr("Every device was signed out; each needs a new invite code."), kNoticeMs);
        });
        page->setMemberPins(&m_session.pins(), [this](const QString &memberId, const QString &pin, const QString &actorPin) {
            return m_session.setMemberPin(memberId, pin, actorPin);
        });
        connect(page, &HouseholdPage::leaveRequested, this, [this, page] {
            QString error;
            if (!m_session.leaveHousehold(&error))
                page->showLeaveError(error);
        });
    }
    refreshSharing();
    refreshDevices();
    if (!m_certificateWarning.isEmpty())
        showCertificateWarning();
}

void SessionUi::routeNotifications(Notifier &notifier, DesktopNotifications &desktop)
{
    connect(&notifier, &Notifier::notification, &desktop, [this, &desktop](Notifier::Kind, const QString &title, const QString &body) {
        if (m_kiosk)
            m_kiosk->showBanner(title, body);
        else
            desktop.show(title, body);
    });
    connect(&desktop, &DesktopNotifications::unavailable, this,
            [this](const QString &title, const QString &body) { showNotification(title, body); });
}

void SessionUi::showNotification(const QString &title, const QString &body)
{
    if (m_window)
        m_window->statusBar()->showMessage(body.isEmpty() ? title : tr("%1: %2").arg(title, body), kProblemMs);
}

void SessionUi::refreshDevices()
{
    if (!m_window)
        return;
    if (auto *page = qobject_cast<HouseholdPage *>(m_window->page(HouseholdPage::kId)))
        page->setDevices(m_session.devices());
}

void SessionUi::showCertificateWarning()
{
    if (!m_window)
        return;
    m_window->showBanner(tr("This household's host is not the one this device joined"),
                         tr("The computer at %1 showed a different security certificate, so Hearth stopped syncing and "
                            "sent nothing. If the household was moved to a new computer or Hearth was reinstalled there, "
                            "join it again with a new invite code. Otherwise someone may be pretending to be it: do not "
                            "join, and ask the person who hosts it.")
                             .arg(m_certificateWarning.isEmpty() ? tr("the hosting address") : m_certificateWarning),
                         tr("Join again…"));
}

void SessionUi::dropWindow()
{
    if (!m_window)
        return;
    m_geometry = m_window->saveGeometry();
    m_wasVisible = m_window->isVisible();
    // Deleting the only window is not closing it, but make sure the app does not take it as the end.
    const bool quitOnLast = QGuiApplication::quitOnLastWindowClosed();
    QGuiApplication::setQuitOnLastWindowClosed(false);
    delete m_hostDialog;
    delete m_joinDialog;
    m_window.reset();
    m_history.reset();
    m_undo.reset();
    QGuiApplication::setQuitOnLastWindowClosed(quitOnLast);
}

void SessionUi::refreshSharing()
{
    if (!m_window)
        return;
    switch (m_session.role()) {
    case HouseholdSession::Role::Local: m_window->setSharing(MainWindow::Sharing::Local); break;
    case HouseholdSession::Role::Hosting: m_window->setSharing(MainWindow::Sharing::Hosting); break;
    case HouseholdSession::Role::Joined: m_window->setSharing(MainWindow::Sharing::Joined); break;
    }
}

HostDialog *SessionUi::openHostDialog()
{
    if (m_session.role() == HouseholdSession::Role::Joined)
        return nullptr; // only the device that hosts a household can invite others
    if (m_hostDialog && !m_hostDialog->isVisible())
        delete m_hostDialog; // closed, waiting for its deferred delete: start afresh
    if (!m_hostDialog) {
        m_hostDialog = new HostDialog(m_session, m_window.get());
        m_hostDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_hostDialog->setListenAddress(m_listenAddress);
    }
    m_hostDialog->open();
    m_hostDialog->raise();
    m_hostDialog->activateWindow();
    return m_hostDialog;
}

JoinDialog *SessionUi::openJoinDialog(const QString &address)
{
    if (m_joinDialog && !m_joinDialog->isVisible())
        delete m_joinDialog;
    if (!m_joinDialog) {
        const QString hosting = m_session.isHosting() ? m_session.data().household.household().name : QString();
        // "Me" is the placeholder owner of a first start, not a name to offer.
        m_joinDialog = new JoinDialog(m_session.hasPlaceholderName() ? QString() : m_session.memberName(), hosting, m_window.get());
        m_joinDialog->setAttribute(Qt::WA_DeleteOnClose);
        if (m_session.isHosting())
            m_joinDialog->hideHousehold(m_session.engine().householdId()); // found on the network, but it is this one
        JoinDialog *dialog = m_joinDialog;
        connect(dialog, &QDialog::accepted, this, [this, dialog] { join(dialog); });
        connect(dialog, &JoinDialog::mismatched, this, [this] {
            if (m_window)
                m_window->statusBar()->showMessage(
                    tr("Not joined: the security codes differed, so nothing was kept. Check the address with the person "
                       "at the hosting device."),
                    kProblemMs);
        });
    }
    if (!address.isEmpty())
        m_joinDialog->setAddress(address);
    m_joinDialog->open();
    m_joinDialog->raise();
    m_joinDialog->activateWindow();
    return m_joinDialog;
}

JoinDialog *SessionUi::openJoinLink(const JoinLink &link)
{
    // A kitchen screen is locked to its household: joining another one starts at the window.
    if (m_kiosk) {
        m_kiosk->showBanner(tr("An invite link was opened"), tr("Leave the kitchen screen to join another household."));
        return nullptr;
    }
    if (m_window) {
        m_window->showNormal();
        m_window->raise();
        m_window->activateWindow();
    }
    JoinDialog *dialog = openJoinDialog();
    if (dialog && !dialog->isBusy() && !dialog->isConfirming())
        dialog->setJoinLink(link);
    return dialog;
}

void SessionUi::join(JoinDialog *dialog)
{
    const auto paired = dialog->result();
    // Switch once the dialog (a child of the window about to be rebuilt) has finished closing.
    QTimer::singleShot(0, this, [this, paired] {
        QString error;
        if (!m_session.join(paired, &error) && m_window)
            m_window->statusBar()->showMessage(tr("Could not switch to the household: %1").arg(error), kProblemMs);
    });
}

ReceiptFlow *SessionUi::openReceipt(const QString &path)
{
    QWidget *over = m_kiosk ? static_cast<QWidget *>(m_kiosk.get()) : static_cast<QWidget *>(m_window.get());
    // The flow lives as long as the screen it shows over: leaving the kitchen screen or switching
    // households ends it (its reader is cancelled) rather than leaving it holding what went away.
    auto *flow = new ReceiptFlow(m_session.data(), over, over ? static_cast<QObject *>(over) : this);
    flow->start(path);
    return flow;
}

} // namespace hearth
