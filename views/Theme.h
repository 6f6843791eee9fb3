#pragma once

#include <QColor>
#include <QList>
#include <QString>

class QFrame;
class QLabel;
class QWidget;
class QBoxLayout;
class QIcon;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace hearth {

// The look shared by every page: one accent colour, status colours that carry meaning only,
// cards on an 8 px grid. Colours adapt to a light or dark palette.
namespace Theme {

inline constexpr int kGrid = 8;

QColor accent();
QColor fine();    // green: all good
QColor warning(); // amber: expiring soon, 80 % of the budget
QColor danger();  // red: expired, over budget
QColor focusRing(); // the ring around whatever has the keyboard focus
QColor mutedText(const QWidget *widget);
bool isDark(const QWidget *widget);

// The application style sheet (cards, rail, headers); uses palette() so dark mode follows the system.
QString styleSheet();

// A rounded card container; lay children out inside it.
QFrame *makeCard(QWidget *parent = nullptr);
// A page title ("Pantry") and a quieter subtitle line under it.
QLabel *makeTitle(const QString &text, QWidget *parent = nullptr);
QLabel *makeSubtitle(const QString &text, QWidget *parent = nullptr);
// A flat icon-and-text button for actions inside cards (Edit, Delete, previous/next month).
QToolButton *makeToolButton(const QIcon &icon, const QString &text, const QString &objectName, QWidget *parent);
// Makes `page` scroll vertically and returns the layout of its content, with the page margins
// (4 × 3 grid units) and spacing every page uses.
QVBoxLayout *makeScrollingContent(QWidget *page);

// Lays `columns` out side by side while `page` is at least `sideBySideWidth` wide, and one under
// the other when it is narrower (a 1024 px tablet), so a page never needs to scroll sideways.
void stackWhenNarrow(QBoxLayout *columns, QWidget *page, int sideBySideWidth);

// Chains Tab through `sections` (cards, or single widgets) in the order given, and inside each
// section as it is read: row by row from the top, left to right within a row. Call again after
// rebuilding a section's rows; new widgets otherwise join the end of the focus chain.
void orderTabsAsRead(const QList<QWidget *> &sections);

// The one dialog button style: the emphasised action in the accent colour, and a plain button for
// Cancel and the rest. Neither carries an icon.
QPushButton *makePrimaryButton(const QString &text, QWidget *parent = nullptr);
QPushButton *makeSecondaryButton(const QString &text, QWidget *parent = nullptr);

// An icon from the desktop theme, with a bundled fallback (":/icons/<fallback>.svg").
QIcon icon(const char *themeName, const char *fallback);

// Colour dot used for members and status chips.
QString dotHtml(const QColor &color);

} // namespace Theme
} // namespace hearth
