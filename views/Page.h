#pragma once

#include <QWidget>

namespace hearth {

// The pages in the navigation rail, in order.
enum class PageId { Dashboard, Pantry, Shopping, Budget, Goals, Household, Count };

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
};

} // namespace hearth
