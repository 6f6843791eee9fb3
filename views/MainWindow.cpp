#include "MainWindow.h"

#include "BudgetPage.h"
#include "Banner.h"
#include "ConnectionIndicator.h"
#include "ConnectionStatus.h"
#include "Confirmer.h"
#include "DashboardPage.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "HouseholdPage.h"
#include "ImportFlow.h"
#include "SettingsDialog.h"
#include "Theme.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace hearth {

namespace {
// The rail's padding (hearth.qss: 8 px) and the item's (12 px) on both sides of a 22 px icon.
constexpr int kCollapsedRailWidth = 8 * Theme::kGrid;
constexpr auto kGeometryKey = "window/geometry";
constexpr auto kStateKey = "window/state";
constexpr auto kPageKey = "window/page";
} // namespace

MainWindow::MainWindow(HouseholdData &data, EditHistory &history, Confirmer &confirmer, ConnectionStatus &connection,
                       QSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_data(data)
    , m_history(history)
    , m_confirmer(confirmer)
    , m_connection(connection)
    , m_settings(settings)
    , m_saveTimer(new QTimer(this))
    , m_identity(new QLabel(this))
    , m_rail(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_indicator(new ConnectionIndicator(connection, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/hearth.svg")));

    const PageContext context{data, history, confirmer, connection};
    for (const PageRegistration &registration : pageRegistrations()) {
        Page *page = registration.create(context, m_stack);
        m_pages.append(page);
        m_pageIds.append(registration.id);
        m_stack->addWidget(page);
        connect(page, &Page::pageRequested, this, &MainWindow::showPage);
    }

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_rail);
    auto *content = new QVBoxLayout;
    content->setContentsMargins(0, 0, 0, 0);
    content->setSpacing(0);
    m_banner = new Banner(QStringLiteral("windowBanner"), Banner::Dismissable::Yes, central);
    connect(m_banner, &Banner::actionTriggered, this, &MainWindow::bannerActionTriggered);
    // A full disk: not dismissable, it goes once what is held in memory is saved.
    m_storageBanner = new Banner(QStringLiteral("storageBanner"), Banner::Dismissable::No, central);
    connect(m_storageBanner, &Banner::actionTriggered, this, &MainWindow::saveHeldRequested);
    connect(&m_connection, &ConnectionStatus::storageChanged, this, &MainWindow::refreshStorageBanner);
    auto *bannerMargin = new QVBoxLayout;
    bannerMargin->setContentsMargins(4 * Theme::kGrid, 2 * Theme::kGrid, 4 * Theme::kGrid, 0);
    bannerMargin->setSpacing(Theme::kGrid);
    bannerMargin->addWidget(m_banner);
    bannerMargin->addWidget(m_storageBanner);
    content->addLayout(bannerMargin);
    content->addWidget(m_stack, 1);
    layout->addLayout(content, 1);
    setCentralWidget(central);

    buildRail();
    buildSharingActions();
    buildMenus();

    m_identity->setObjectName(QStringLiteral("identityLabel"));
    m_identity->setContentsMargins(Theme::kGrid, 0, Theme::kGrid, 0);
    statusBar()->addPermanentWidget(m_identity);
    statusBar()->addPermanentWidget(m_indicator);
    statusBar()->setSizeGripEnabled(true);
    connect(&m_data.members, &QAbstractItemModel::dataChanged, this, &MainWindow::refreshIdentity);
    connect(&m_data.members, &QAbstractItemModel::modelReset, this, &MainWindow::refreshIdentity);
    connect(&m_data.members, &QAbstractItemModel::rowsInserted, this, &MainWindow::refreshIdentity);
    connect(&m_data.members, &QAbstractItemModel::rowsRemoved, this, &MainWindow::refreshIdentity);
    connect(&m_data.engine, &HouseholdEngine::actingMemberChanged, this, &MainWindow::refreshIdentity);
    refreshIdentity();

    connect(&m_history, &EditHistory::replayFailed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    // Undo and redo reach every page's edits: they show the page they changed, so nothing changes
    // out of sight (the Help says so).
    connect(&m_history, &EditHistory::stepped, this,
            [this](EditHistory::Step step, const QString &text, Collection collection) {
                QString message;
                switch (step) {
                case EditHistory::Step::Done:
                    // "Saved" alone would claim the others have it; withPendingChanges() says where it is.
                    message = hasUnsentChanges() ? text : tr("Saved: %1").arg(text);
                    break;
                case EditHistory::Step::Undone:
                    showPage(pageIdForCollection(collection));
                    message = tr("Undone: %1").arg(text);
                    break;
                case EditHistory::Step::Redone:
                    showPage(pageIdForCollection(collection));
                    message = tr("Redone: %1").arg(text);
                    break;
                }
                statusBar()->showMessage(withPendingChanges(message), 4000);
            });

    // Size, position and page are written shortly after they change, not only on a clean close:
    // a logout or SIGTERM ends the app without one.
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(kSaveDelayMs);
    connect(m_saveTimer, &QTimer::timeout, this, &MainWindow::saveState);
    connect(m_stack, &QStackedWidget::currentChanged, m_saveTimer, qOverload<>(&QTimer::start));
    connect(qApp, &QCoreApplication::aboutToQuit, this, &MainWindow::saveState);
    connect(qApp, &QGuiApplication::commitDataRequest, this, &MainWindow::saveState);
    connect(&m_data.household, &QAbstractItemModel::dataChanged, this, &MainWindow::refreshTitle);
    connect(&m_data.household, &QAbstractItemModel::modelReset, this, &MainWindow::refreshTitle);
    connect(&m_data.household, &QAbstractItemModel::rowsInserted, this, &MainWindow::refreshTitle); // a joined household arriving
    refreshTitle();
    refreshStorageBanner();
    showPage(DashboardPage::kId);
}

MainWindow::~MainWindow() = default;

bool MainWindow::hasUnsentChanges() const
{
    // Connected, the outbox goes out at once and the indicator counts it until acknowledged.
    return m_connection.pendingChanges() > 0 && m_connection.state() != ConnectionStatus::State::Connected;
}

QString MainWindow::withPendingChanges(const QString &doneText) const
{
    // Offline, an edit is only on this device: say so instead of letting "Saved" stand alone.
    if (!hasUnsentChanges())
        return doneText;
    return tr("%1 — saved on this device, %n change(s) waiting to send", nullptr, m_connection.pendingChanges()).arg(doneText);
}

QString MainWindow::identityText() const
{
    return m_identity->text();
}

void MainWindow::refreshIdentity()
{
    const QString name = m_data.members.nameOf(m_data.engine.actingMemberId());
    m_identity->setText(name.isEmpty() ? QString() : tr("You: %1").arg(name));
    m_identity->setToolTip(tr("The member this device acts as: edits made here are made as %1.").arg(name));
    m_identity->setVisible(!name.isEmpty());
}

void MainWindow::buildRail()
{
    m_rail->setObjectName(QStringLiteral("navigationRail"));
    m_rail->setFrameShape(QFrame::NoFrame);
    m_rail->setIconSize(QSize(22, 22));
    m_rail->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_rail->setAccessibleName(tr("Sections"));
    for (const PageRegistration &registration : pageRegistrations()) {
        auto *item = new QListWidgetItem(Theme::icon(registration.themeIcon, registration.fallbackIcon),
                                         registration.translatedTitle(), m_rail);
        item->setToolTip(registration.translatedTitle()); // the only name left when the rail is icons
        item->setData(Qt::AccessibleTextRole, registration.translatedTitle());
        item->setSizeHint(QSize(0, 6 * Theme::kGrid));
    }
    // Narrow until the first resize says otherwise: a wide rail would raise the window's minimum
    // width above a restored narrow geometry.
    setRailCollapsed(true);
    connect(m_rail, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0) {
            m_stack->setCurrentIndex(row);
            m_pages.at(row)->setFocus();
        }
    });
}

void MainWindow::setRailCollapsed(bool collapsed)
{
    if (collapsed == m_railCollapsed)
        return;
    m_railCollapsed = collapsed;
    // The window's minimum counts the narrow rail only, so a window made narrower is never held
    // wide by the names it is about to fold away.
    m_rail->setMinimumWidth(kCollapsedRailWidth);
    m_rail->setMaximumWidth(collapsed ? kCollapsedRailWidth : 26 * Theme::kGrid);
    const QList<PageRegistration> &pages = pageRegistrations();
    for (int i = 0; i < m_rail->count(); ++i) {
        QListWidgetItem *item = m_rail->item(i);
        item->setText(collapsed ? QString() : pages.at(i).translatedTitle());
        item->setTextAlignment(collapsed ? Qt::AlignCenter : Qt::AlignLeft | Qt::AlignVCenter);
    }
}

void MainWindow::buildSharingActions()
{
    m_hostAction = new QAction(Theme::icon("network-server", "household"), tr("&Host This Household…"), this);
    m_hostAction->setObjectName(QStringLiteral("hostAction"));
    m_hostAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    connect(m_hostAction, &QAction::triggered, this, &MainWindow::hostRequested);
    m_joinAction = new QAction(Theme::icon("network-connect", "add"), tr("&Join a Household…"), this);
    m_joinAction->setObjectName(QStringLiteral("joinAction"));
    m_joinAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    connect(m_joinAction, &QAction::triggered, this, &MainWindow::joinRequested);
    m_stopHostingAction = new QAction(tr("&Stop Hosting"), this);
    m_stopHostingAction->setObjectName(QStringLiteral("stopHostingAction"));
    connect(m_stopHostingAction, &QAction::triggered, this, &MainWindow::stopHostingRequested);
    m_reconnectAction = new QAction(Theme::icon("view-refresh", "redo"), tr("&Reconnect Now"), this);
    m_reconnectAction->setObjectName(QStringLiteral("reconnectAction"));
    m_reconnectAction->setShortcut(QKeySequence::Refresh);
    connect(m_reconnectAction, &QAction::triggered, this, &MainWindow::reconnectRequested);

    // The status bar's indicator opens the same actions.
    m_sharingMenu = new QMenu(this);
    m_sharingMenu->setObjectName(QStringLiteral("sharingMenu"));
    m_sharingMenu->addActions({m_hostAction, m_stopHostingAction, m_reconnectAction, m_joinAction});
    connect(m_indicator, &ConnectionIndicator::clicked, this, [this] {
        const QPoint corner = m_indicator->mapToGlobal(QPoint(0, 0));
        m_sharingMenu->popup(corner - QPoint(0, m_sharingMenu->sizeHint().height()));
    });
    if (auto *household = qobject_cast<HouseholdPage *>(page(HouseholdPage::kId))) {
        connect(household, &HouseholdPage::hostRequested, m_hostAction, &QAction::trigger);
        connect(household, &HouseholdPage::joinRequested, m_joinAction, &QAction::trigger);
    }
    setSharing(Sharing::Local);
}

void MainWindow::setSharing(Sharing sharing)
{
    m_sharing = sharing;
    m_hostAction->setText(sharing == Sharing::Hosting ? tr("Show &Address and Invite Code…") : tr("&Host This Household…"));
    m_hostAction->setVisible(sharing != Sharing::Joined);
    m_stopHostingAction->setVisible(sharing == Sharing::Hosting);
    m_reconnectAction->setVisible(sharing == Sharing::Joined);
    m_joinAction->setText(sharing == Sharing::Joined ? tr("&Join Another Household…") : tr("&Join a Household…"));
    if (auto *household = qobject_cast<HouseholdPage *>(page(HouseholdPage::kId)))
        household->setSharing(sharing == Sharing::Hosting, sharing == Sharing::Joined);
}

void MainWindow::showBanner(const QString &title, const QString &text, const QString &actionText)
{
    m_banner->present(title, text, actionText);
}

void MainWindow::hideBanner()
{
    m_banner->hide();
}

QString MainWindow::bannerText() const
{
    return m_banner->shownText();
}

QString MainWindow::storageBannerText() const
{
    return m_storageBanner->shownText();
}

void MainWindow::refreshStorageBanner()
{
    showStorageWarning(*m_storageBanner, m_connection);
}

ImportFlow *MainWindow::importFlow()
{
    if (!m_importFlow) {
        m_importFlow = new ImportFlow(m_data, m_settings, this);
        connect(m_importFlow, &ImportFlow::finished, this, [this](const QString &message) { statusBar()->showMessage(message, 10000); });
    }
    return m_importFlow;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *import = file->addAction(Theme::icon("document-import", "budget"), tr("&Import Bank Statement…"), this, [this] {
        showPage(BudgetPage::kId);
        importFlow()->chooseFile();
    });
    import->setObjectName(QStringLiteral("importAction"));
    file->addSeparator();
    file->addActions({m_hostAction, m_stopHostingAction, m_reconnectAction, m_joinAction});
    file->addSeparator();
    QAction *quit = file->addAction(Theme::icon("application-exit", "quit"), tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_history.stack().createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(Theme::icon("edit-undo", "undo"));
    QAction *redo = m_history.stack().createRedoAction(this, tr("&Redo"));
    // Ctrl+Shift+Z and Ctrl+Y everywhere (the platform's Redo may be only one of them); a sequence
    // listed twice would make the shortcut ambiguous.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence &key : {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)}) {
        if (!redoKeys.contains(key))
            redoKeys.append(key);
    }
    redo->setShortcuts(redoKeys);
    redo->setIcon(Theme::icon("edit-redo", "redo"));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *add = edit->addAction(Theme::icon("list-add", "add"), tr("&New…"), this,
                                   [this] { m_pages.at(m_stack->currentIndex())->addNew(); });
    add->setShortcut(QKeySequence::New);
    QAction *find = edit->addAction(Theme::icon("edit-find", "find"), tr("&Find"), this,
                                    [this] { m_pages.at(m_stack->currentIndex())->focusSearch(); });
    find->setShortcut(QKeySequence::Find);
    edit->addSeparator();
    QAction *settings = edit->addAction(Theme::icon("preferences-system", "edit"), tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setObjectName(QStringLiteral("settingsAction"));
    settings->setMenuRole(QAction::PreferencesRole);
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma)); // the common Preferences key; Qt has none on X11

    QMenu *view = menuBar()->addMenu(tr("&View"));
    // Ctrl+1 … Ctrl+9 for the first nine pages, in rail order.
    for (int i = 0; i < m_rail->count(); ++i) {
        QAction *go = view->addAction(m_rail->item(i)->icon(), pageRegistrations().at(i).translatedTitle(), this,
                                      [this, i] { m_rail->setCurrentRow(i); });
        if (i < 9)
            go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    view->addSeparator();
    QAction *fullScreen = view->addAction(tr("&Full Screen"), this, [this] {
        setWindowState(windowState() ^ Qt::WindowFullScreen);
    });
    fullScreen->setShortcut(QKeySequence::FullScreen);
    QAction *kiosk = view->addAction(tr("&Kitchen Screen"), this, &MainWindow::kioskRequested);
    kiosk->setObjectName(QStringLiteral("kioskAction"));
    kiosk->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), this, [this] {
        QMessageBox::information(
            this, tr("Keyboard shortcuts"),
            tr("<table cellpadding=3>"
               "<tr><td><b>%1</b></td><td>%2</td></tr>"
               "<tr><td><b>Ctrl+N</b></td><td>Add to the current page</td></tr>"
               "<tr><td><b>Ctrl+F</b></td><td>Search the current page</td></tr>"
               "<tr><td><b>Enter</b></td><td>Edit the selected entry</td></tr>"
               "<tr><td><b>Delete</b></td><td>Delete the selected entry</td></tr>"
               "<tr><td><b>+ / −</b></td><td>Change a pantry quantity</td></tr>"
               "<tr><td><b>Ctrl+←/→</b></td><td>Move a shopping card to the next column</td></tr>"
               "<tr><td><b>Ctrl+Z / Ctrl+Shift+Z</b></td><td>Undo / redo</td></tr>"
               "<tr><td><b>Ctrl+Shift+H</b></td><td>Host this household / show its invite code</td></tr>"
               "<tr><td><b>Ctrl+Shift+J</b></td><td>Join a household</td></tr>"
               "<tr><td><b>Ctrl+,</b></td><td>Settings (notifications, quiet hours, the kitchen screen)</td></tr>"
               "<tr><td><b>Ctrl+Shift+K</b></td><td>The kitchen screen (leaving it takes an adult's PIN)</td></tr>"
               "</table>"
               "<p><b>Undo</b> takes back your own changes on this device, newest first, whichever page "
               "they were made on. When the change was on another page, Hearth opens that page so you "
               "see what was undone, and the status bar says what (\"Undone: …\"). Changes other "
               "members made are not undone from here.</p>")
                .arg(pageShortcutsText(), pageTitlesText()));
    })->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About Hearth"), this, [this] {
        QMessageBox::about(this, tr("About Hearth"),
                           tr("<h3>Hearth %1</h3><p>The household dashboard that keeps everyone's pantry, budget, "
                              "goals and shopping list the same.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

SettingsDialog *MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    Q_EMIT settingsOpened(dialog);
    dialog->open();
    return dialog;
}

void MainWindow::showPage(const QString &pageId)
{
    const int row = int(m_pageIds.indexOf(pageId));
    if (row >= 0)
        m_rail->setCurrentRow(row);
}

QString MainWindow::currentPage() const
{
    return m_pageIds.value(m_stack->currentIndex());
}

Page *MainWindow::page(const QString &pageId) const
{
    return m_pages.value(int(m_pageIds.indexOf(pageId)));
}

DashboardPage *MainWindow::dashboard() const
{
    return qobject_cast<DashboardPage *>(page(DashboardPage::kId));
}

QString MainWindow::pageShortcutsText() const
{
    const qsizetype withShortcut = std::min<qsizetype>(m_pageIds.size(), 9);
    return withShortcut <= 1 ? tr("Ctrl+1") : tr("Ctrl+1 … Ctrl+%1").arg(withShortcut);
}

QString MainWindow::pageTitlesText() const
{
    QStringList titles;
    for (int i = 0; i < std::min(m_rail->count(), 9); ++i)
        titles.append(pageRegistrations().at(i).translatedTitle());
    return titles.join(QStringLiteral(", "));
}

void MainWindow::restoreState()
{
    if (!restoreGeometry(m_settings.value(QLatin1String(kGeometryKey)).toByteArray())) {
        // First start: a comfortable size centred on the screen.
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 800);
        const QSize size(std::min(1200, available.width() - 64), std::min(800, available.height() - 64));
        setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, available));
    }
    QMainWindow::restoreState(m_settings.value(QLatin1String(kStateKey)).toByteArray());
    // The page's id; an unknown one (or the row number earlier versions kept) opens the dashboard.
    const QString page = m_settings.value(QLatin1String(kPageKey)).toString();
    showPage(m_pageIds.contains(page) ? page : DashboardPage::kId);
}

void MainWindow::saveState()
{
    m_saveTimer->stop();
    m_settings.setValue(QLatin1String(kGeometryKey), saveGeometry());
    m_settings.setValue(QLatin1String(kStateKey), QMainWindow::saveState());
    m_settings.setValue(QLatin1String(kPageKey), currentPage());
    m_settings.sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Cancel, the dialog's default, keeps the window open and the changes in memory.
    if (const int held = m_connection.heldEdits();
        held > 0
        && !m_confirmer.confirm(this, tr("Quit and lose unsaved changes?"),
                                tr("%n change(s) could not be saved because the disk is full. Quit anyway and lose them? "
                                   "If you free some space first, Hearth saves them on its own.",
                                   nullptr, held),
                                tr("Quit Anyway"))) {
        event->ignore();
        return;
    }
    if (m_sharing == Sharing::Hosting
        && !m_confirmer.confirm(this, tr("Quit and stop hosting?"),
                                tr("This computer hosts the household. While Hearth is closed, the other devices "
                                   "stop syncing: their changes wait on each device until you open Hearth here again."),
                                tr("Quit"))) {
        event->ignore();
        return;
    }
    saveState();
    event->accept();
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    setRailCollapsed(width() < kRailCollapsesBelowWidth);
    if (isVisible())
        m_saveTimer->start();
}

void MainWindow::moveEvent(QMoveEvent *event)
{
    QMainWindow::moveEvent(event);
    if (isVisible())
        m_saveTimer->start();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        if (DashboardPage *page = dashboard())
            page->update();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::refreshTitle()
{
    const QString name = m_data.household.household().name;
    setWindowTitle(name.isEmpty() ? tr("Hearth") : tr("%1 — Hearth").arg(name));
}

} // namespace hearth
