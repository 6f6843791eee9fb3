#pragma once

#include "Page.h"

#include <QMainWindow>

class QAction;
class QFrame;
class QLabel;
class QPushButton;
class QListWidget;
class QMenu;
class QSettings;
class QStackedWidget;
class QTimer;
class QUndoStack;

namespace hearth {

class Banner;
class ConnectionIndicator;
class ConnectionStatus;
class Confirmer;
class DashboardPage;
class EditHistory;
class HouseholdData;
class ImportFlow;
class SettingsDialog;

// The window: a navigation rail on the left, the pages on the right, who this device acts as and
// the connection indicator in the status bar. It holds no policy of its own; pages talk to the
// models, the window routes shortcuts, says what an edit, undo or redo did (showing the page an
// undo or redo changed), and remembers its geometry and last page as they change.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    // Whether this household is on this device only, hosted here, or joined from another device:
    // decides which sharing actions the menus and the Household page offer.
    enum class Sharing { Local, Hosting, Joined };

    // Below this width the rail shows only icons (their names in tooltips).
    static constexpr int kRailCollapsesBelowWidth = 1200;
    // How long the window waits after a move, resize or page change before writing the settings.
    static constexpr int kSaveDelayMs = 500;

    MainWindow(HouseholdData &data, EditHistory &history, Confirmer &confirmer, ConnectionStatus &connection,
               QSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Pages by their registered id (views/Pages.cpp), such as PantryPage::kId.
    void showPage(const QString &pageId);
    QString currentPage() const;
    Page *page(const QString &pageId) const;
    DashboardPage *dashboard() const;

    // Restores size, position and last page; call before show().
    void restoreState();

    void setSharing(Sharing sharing);
    ConnectionIndicator *connectionIndicator() const { return m_indicator; }
    // "You: Jordan": the member this device acts as (empty while it is not known yet).
    QString identityText() const;
    bool isRailCollapsed() const { return m_railCollapsed; }

    // Writes size, position and page to the settings now (also done shortly after each change,
    // on quit and when the desktop session ends).
    void saveState();

    // A warning across the top of the pages that stays until dealt with (unlike the status bar's
    // notices), with one action such as "Join again…" (bannerActionTriggered()) and a close button.
    void showBanner(const QString &title, const QString &text, const QString &actionText);
    void hideBanner();
    QString bannerText() const; // empty when hidden
    // The full-disk warning, shown while ConnectionStatus::isStorageFull(); empty when hidden.
    QString storageBannerText() const;

    // Opens this device's Settings dialog (Edit ▸ Settings…, Ctrl+,) on the window's settings;
    // settingsOpened() lets other parts add their sections first.
    SettingsDialog *openSettings();
    // File ▸ Import Bank Statement…: the Budget page, then the import (ImportFlow) of a file.
    ImportFlow *importFlow();

Q_SIGNALS:
    // Sharing actions; what they do is up to whoever owns the household session.
    void hostRequested();
    void joinRequested();
    void stopHostingRequested();
    void reconnectRequested();
    void bannerActionTriggered();
    // "Try Again" on the full-disk warning: save what is held in memory now.
    void saveHeldRequested();
    // View ▸ Kitchen Screen: show the kiosk in place of this window.
    void kioskRequested();
    void settingsOpened(hearth::SettingsDialog *dialog);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void moveEvent(QMoveEvent *event) override;

private:
    void buildRail();
    void buildMenus();
    void buildSharingActions();
    void refreshTitle();
    void refreshIdentity();
    void setRailCollapsed(bool collapsed);
    void refreshStorageBanner();
    bool hasUnsentChanges() const;
    QString withPendingChanges(const QString &doneText) const;
    QString pageShortcutsText() const; // "Ctrl+1 … Ctrl+6"
    QString pageTitlesText() const;    // "Dashboard, Pantry, …"

    HouseholdData &m_data;
    EditHistory &m_history;
    Confirmer &m_confirmer;
    ConnectionStatus &m_connection;
    QSettings &m_settings;
    ImportFlow *m_importFlow = nullptr;
    Sharing m_sharing = Sharing::Local;
    bool m_railCollapsed = false;
    QTimer *m_saveTimer;
    QLabel *m_identity;
    QListWidget *m_rail;
    QStackedWidget *m_stack;
    ConnectionIndicator *m_indicator;
    QList<Page *> m_pages;   // in rail order
    QStringList m_pageIds;   // the same order
    QAction *m_hostAction = nullptr;
    QAction *m_joinAction = nullptr;
    QAction *m_stopHostingAction = nullptr;
    QAction *m_reconnectAction = nullptr;
    QMenu *m_sharingMenu = nullptr;
    Banner *m_banner = nullptr;
    Banner *m_storageBanner = nullptr;
};

} // namespace hearth
