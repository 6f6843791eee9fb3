#pragma once

#include "Page.h"

#include <QMainWindow>

class QListWidget;
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
    MainWindow(HouseholdData &data, EditHistory &history, Confirmer &confirmer, ConnectionStatus &connection,
               QSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPage(PageId page);
    PageId currentPage() const;
    Page *page(PageId id) const;
    DashboardPage *dashboard() const;

    // Restores size, position and last page; call before show().
    void restoreState();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildRail();
    void buildMenus();
    void saveState();
    void refreshTitle();

    HouseholdData &m_data;
    EditHistory &m_history;
    QSettings &m_settings;
    QListWidget *m_rail;
    QStackedWidget *m_stack;
    ConnectionIndicator *m_indicator;
    QList<Page *> m_pages;
};

} // namespace hearth
