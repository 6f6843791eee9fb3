// The pages of the main window, in rail order: one line per page. Each page describes itself in
// its own registration() (id, title, icons, how it is made, its dashboard card); everything else
// derives from this list.

#include "BoardPage.h"
#include "BudgetPage.h"
#include "ChoresPage.h"
#include "DashboardPage.h"
#include "EventsPage.h"
#include "GiftsPage.h"
#include "GoalsPage.h"
#include "HouseholdPage.h"
#include "PantryPage.h"

#include <QCoreApplication>

namespace hearth {

const QList<PageRegistration> &pageRegistrations()
{
    static const QList<PageRegistration> pages = {
        DashboardPage::registration(),
        PantryPage::registration(),
        BoardPage::registration(),
        ChoresPage::registration(),
        BudgetPage::registration(),
        GoalsPage::registration(),
        GiftsPage::registration(),
        EventsPage::registration(),
        HouseholdPage::registration(),
    };
    return pages;
}

QString pageIdForCollection(Collection collection)
{
    for (const PageRegistration &page : pageRegistrations()) {
        if (page.collections.contains(collection))
            return page.id;
    }
    return DashboardPage::kId;
}

QString PageRegistration::translatedTitle() const
{
    return QCoreApplication::translate("Pages", title);
}

QString PageRegistration::translatedDashboardTitle() const
{
    return dashboardTitle ? QCoreApplication::translate("Pages", dashboardTitle) : translatedTitle();
}

} // namespace hearth
