#include "Theme.h"

#include <QApplication>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QBoxLayout>
#include <QComboBox>
#include <QEvent>
#include <QPointer>
#include <QFile>
#include <QFrame>
#include <QIcon>
#include <QGridLayout>
#include <QLayout>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace hearth::Theme {

QColor accent()
{
    return QColor(0x4f, 0x46, 0xe5); // indigo: not confused with any status colour
}

QColor fine()
{
    return QColor(0x16, 0xa3, 0x4a);
}

QColor warning()
{
    return QColor(0xd9, 0x77, 0x06);
}

QColor danger()
{
    return QColor(0xdc, 0x26, 0x26);
}

QColor focusRing()
{
    // Stands out from the accent fill of a primary button as well as from the page.
    return isDark(nullptr) ? accent().lighter(175) : accent().darker(170);
}

bool isDark(const QWidget *widget)
{
    const QPalette palette = widget ? widget->palette() : QApplication::palette();
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor mutedText(const QWidget *widget)
{
    const QPalette palette = widget ? widget->palette() : QApplication::palette();
    QColor text = palette.color(QPalette::WindowText);
    text.setAlphaF(0.62f);
    return text;
}

QString styleSheet()
{
    QFile file(QStringLiteral(":/hearth.qss"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString sheet = QString::fromUtf8(file.readAll());
    // Longer tokens first: "@accent" is their prefix. Text in the accent colour is lightened on a
    // dark palette so it keeps its contrast.
    sheet.replace(QLatin1String("@accentText"), isDark(nullptr) ? accent().lighter(150).name() : accent().name());
    sheet.replace(QLatin1String("@accentHover"), accent().lighter(115).name());
    // Qt 6.4 style sheets know no placeholder-text palette role: quiet text is the window text, faded.
    const QColor muted = mutedText(nullptr);
    sheet.replace(QLatin1String("@muted"), QStringLiteral("rgba(%1, %2, %3, %4)")
                                               .arg(muted.red()).arg(muted.green()).arg(muted.blue())
                                               .arg(QString::number(muted.alphaF(), 'f', 2)));
    sheet.replace(QLatin1String("@accent"), accent().name());
    sheet.replace(QLatin1String("@focus"), focusRing().name());
    return sheet;
}

QFrame *makeCard(QWidget *parent)
{
    auto *card = new QFrame(parent);
    card->setObjectName(QStringLiteral("card"));
    card->setFrameShape(QFrame::NoFrame);
    return card;
}

QLabel *makeTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QStringLiteral("pageTitle"));
    return label;
}

QLabel *makeSubtitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QStringLiteral("subtitle"));
    label->setWordWrap(true);
    return label;
}

QPushButton *makePrimaryButton(const QString &text, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setProperty("primary", true); // a property, so callers keep objectName for themselves
    button->setCursor(Qt::PointingHandCursor);
    return button;
}

QPushButton *makeSecondaryButton(const QString &text, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setProperty("secondary", true);
    button->setCursor(Qt::PointingHandCursor);
    return button;
}

QToolButton *makeToolButton(const QIcon &icon, const QString &text, const QString &objectName, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setIcon(icon);
    button->setText(text);
    button->setToolTip(text);
    button->setAccessibleName(text);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::StrongFocus);
    button->setCursor(Qt::PointingHandCursor);
    return button;
}

namespace {

// Switches a box layout's direction with the width of the page it watches.
class NarrowStacker final : public QObject
{
public:
    NarrowStacker(QBoxLayout *columns, QWidget *page, int sideBySideWidth)
        : QObject(page)
        , m_columns(columns)
        , m_sideBySideWidth(sideBySideWidth)
    {
        page->installEventFilter(this);
        apply(page->width());
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize || event->type() == QEvent::Show)
            apply(static_cast<QWidget *>(watched)->width());
        return QObject::eventFilter(watched, event);
    }

private:
    void apply(int width)
    {
        if (!m_columns)
            return;
        const auto direction = width >= m_sideBySideWidth ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
        if (m_columns->direction() != direction)
            m_columns->setDirection(direction);
    }

    QPointer<QBoxLayout> m_columns;
    int m_sideBySideWidth;
};

} // namespace

void stackWhenNarrow(QBoxLayout *columns, QWidget *page, int sideBySideWidth)
{
    new NarrowStacker(columns, page, sideBySideWidth);
}

namespace {

// Whether Tab should stop at `widget` inside `section` (not the inner parts of a combo box, spin
// box or list, which their owner stands for).
bool isTabStop(const QWidget *widget, const QWidget *section)
{
    // Hidden and disabled ones too: they take their place in the chain when they appear.
    if (!(widget->focusPolicy() & Qt::TabFocus))
        return false;
    for (const QWidget *up = widget->parentWidget(); up && up != section; up = up->parentWidget()) {
        if (qobject_cast<const QComboBox *>(up) || qobject_cast<const QAbstractSpinBox *>(up)
            || qobject_cast<const QAbstractScrollArea *>(up))
            return false;
    }
    return true;
}

// Collects the tab stops of `layout` in the order its items are seen: box layouts in their order
// (left to right, top to bottom), grids row by row, each widget's own layout where it stands.
// Layout order rather than geometry, so it holds for rows that are not laid out yet.
void collectTabStops(const QLayout *layout, const QWidget *section, QList<QWidget *> &stops)
{
    QList<std::pair<QPoint, QLayoutItem *>> items; // (row, column) for a grid, (index, 0) otherwise
    const auto *grid = qobject_cast<const QGridLayout *>(layout);
    for (int i = 0; i < layout->count(); ++i) {
        int row = i, column = 0, rowSpan = 0, columnSpan = 0;
        if (grid)
            grid->getItemPosition(i, &row, &column, &rowSpan, &columnSpan);
        items.append({QPoint(column, row), layout->itemAt(i)});
    }
    std::stable_sort(items.begin(), items.end(), [](const auto &a, const auto &b) {
        return a.first.y() != b.first.y() ? a.first.y() < b.first.y() : a.first.x() < b.first.x();
    });
    for (const auto &[position, item] : std::as_const(items)) {
        Q_UNUSED(position);
        if (QWidget *widget = item->widget()) {
            if (isTabStop(widget, section))
                stops << widget;
            else if (widget->layout() && !qobject_cast<QAbstractScrollArea *>(widget))
                collectTabStops(widget->layout(), section, stops);
        } else if (const QLayout *inner = item->layout()) {
            collectTabStops(inner, section, stops);
        }
    }
}

} // namespace

void orderTabsAsRead(const QList<QWidget *> &sections)
{
    QWidget *previous = nullptr;
    for (QWidget *section : sections) {
        if (!section)
            continue;
        QList<QWidget *> stops;
        if (isTabStop(section, section))
            stops << section;
        else if (section->layout())
            collectTabStops(section->layout(), section, stops);
        for (QWidget *stop : std::as_const(stops)) {
            if (previous)
                QWidget::setTabOrder(previous, stop);
            previous = stop;
        }
    }
}

QVBoxLayout *makeScrollingContent(QWidget *page)
{
    auto *scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    content->setObjectName(QStringLiteral("pageContent"));
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(page);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4 * kGrid, 3 * kGrid, 4 * kGrid, 3 * kGrid);
    layout->setSpacing(2 * kGrid);
    return layout;
}

QIcon icon(const char *themeName, const char *fallback)
{
    return QIcon::fromTheme(QString::fromLatin1(themeName),
                            QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(fallback))));
}

QString dotHtml(const QColor &color)
{
    return QStringLiteral("<span style=\"color:%1\">&#9679;</span>").arg(color.name());
}

} // namespace hearth::Theme
