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
class QUndoStack;

namespace hearth {

class ConnectionIndicator;
class ConnectionStatus;
class Confirmer;
class DashboardPage;
class EditHistory;
class HouseholdData;

// The window: a navigation rail on the left, the pages on the right, the connection indicator in
// the status bar. It holds no policy of its own; pages talk to the models, the window routes
// shortcuts and remembers its geometry and last page.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    // Whether this household is on this device only, hosted here, or joined from another device:
    // decides which sharing actions the menus and the Household page offer.
    enum class Sharing { Local, Hosting, Joined };

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

    // A warning across the top of the pages that stays until dealt with (unlike the status bar's
    // notices), with one action such as "Join again…" (bannerActionTriggered()) and a close button.
    void showBanner(const QString &title, const QString &text, const QString &actionText);
    void hideBanner();
    QString bannerText() const; // empty when hidden

Q_SIGNALS:
    // Sharing actions; what they do is up to whoever owns the household session.
    void hostRequested();
    void joinRequested();
    void stopHostingRequested();
    void reconnectRequested();
    void bannerActionTriggered();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildRail();
    void buildMenus();
    void buildSharingActions();
    void saveState();
    void refreshTitle();
    QString pageShortcutsText() const; // "Ctrl+1 … Ctrl+6"
    QString pageTitlesText() const;    // "Dashboard, Pantry, …"

    HouseholdData &m_data;
    EditHistory &m_history;
    QSettings &m_settings;
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
    QFrame *m_banner = nullptr;
    QLabel *m_bannerTitle = nullptr;
    QLabel *m_bannerText = nullptr;
    QPushButton *m_bannerAction = nullptr;
};

} // namespace hearth
