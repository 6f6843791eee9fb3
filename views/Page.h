#pragma once

#include "Mutation.h"

#include <QWidget>

#include <functional>

namespace hearth {

class Confirmer;
class ConnectionStatus;
class DashboardCard;
class EditHistory;
class HouseholdData;
class Page;

// What a page is made with: the household, the window's undo history, the confirmation prompt and
// the connection status.
struct PageContext
{
    HouseholdData &data;
    EditHistory &history;
    Confirmer &confirmer;
    ConnectionStatus &connection;
};

// A page of the main window, described once. The rail, the page stack, the View menu with its
// Ctrl+1…Ctrl+N shortcuts, the shortcut help (F1), the page the window remembers and the
// screenshot renderer and the dashboard's cards all come from the list of these,
// pageRegistrations() (views/Pages.cpp).
struct PageRegistration
{
    QString id;               // stable: kept in the settings, names the screenshot (<id>.png)
    const char *title;        // QT_TRANSLATE_NOOP("Pages", …), shown translated
    const char *themeIcon;    // freedesktop icon name
    const char *fallbackIcon; // bundled :/icons/<name>.svg when the theme lacks it
    std::function<Page *(const PageContext &context, QWidget *parent)> create;
    // The page's card on the dashboard, when it has one, and the card's title when it is not the
    // page's (QT_TRANSLATE_NOOP("Pages", …)).
    std::function<DashboardCard *(const PageContext &context, QWidget *parent)> dashboardCard = {};
    const char *dashboardTitle = nullptr;
    // The collections whose entries this page edits: an undo or redo of a change to one of them
    // shows this page (pageIdForCollection).
    QList<Collection> collections = {};

    QString translatedTitle() const;
    QString translatedDashboardTitle() const;
};

// Every page, in rail order.
const QList<PageRegistration> &pageRegistrations();

// The page where a collection's entries are edited (an undo there shows that page).
QString pageIdForCollection(Collection collection);

// A page of the main window. The window's shortcuts (New, Find, Delete) call into the current page.
class Page : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    // Starts adding a new entry (Ctrl+N).
    virtual void addNew() {}
    // Puts the cursor in the page's search field, if it has one (Ctrl+F).
    virtual void focusSearch() {}

Q_SIGNALS:
    // Asks the window to show another page (a dashboard card was clicked).
    void pageRequested(const QString &pageId);
};

} // namespace hearth
