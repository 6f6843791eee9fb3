// Every page of the main window and every dialog fits a 1366×768 desktop and a 1024×600 kitchen
// tablet (offscreen, the demo household): its minimum size is within the screen, no visible child
// lies outside its window, nothing but the shopping board scrolls sideways (no horizontal scroll bar,
// no scrolled content wider than its viewport, no table columns past the table's edge), and no
// one-line label is squeezed narrower than its text.

#include "DialogCatalog.h"
#include "HouseholdSession.h"
#include "HouseholdModel.h"
#include "MainWindow.h"
#include "Page.h"
#include "ScriptedConfirmer.h"
#include "SessionTestSupport.h"
#include "SessionUi.h"
#include "Store.h"
#include "TestSupport.h"
#include "Theme.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hearth;

namespace {

// Scroll areas that may scroll sideways: the shopping board's row of columns.
bool maySideScroll(const QAbstractScrollArea *area)
{
    return area->objectName() == QLatin1String("boardScroll");
}

QString describe(const QWidget *widget)
{
    QString name = QString::fromLatin1(widget->metaObject()->className());
    if (!widget->objectName().isEmpty())
        name += QLatin1Char('#') + widget->objectName();
    if (const auto *label = qobject_cast<const QLabel *>(widget))
        name += QStringLiteral(" \"%1\"").arg(label->text().left(40));
    return name;
}

// The scroll area whose viewport holds `widget` (content reached by scrolling), if any.
const QAbstractScrollArea *scrolledBy(const QWidget *widget, const QWidget *window)
{
    for (const QWidget *w = widget->parentWidget(); w && w != window; w = w->parentWidget()) {
        if (const auto *area = qobject_cast<const QAbstractScrollArea *>(w->parentWidget()); area && area->viewport() == w)
            return area;
    }
    return nullptr;
}

// Table cells whose text is cut although it is short: a column may shorten only long text, and
// still shows its first 30 characters or so.
QStringList cutCells(const QTableView *table)
{
    QStringList problems;
    const QAbstractItemModel *model = table->model();
    const QFontMetrics metrics(table->font());
    const int readable = 30 * metrics.averageCharWidth();
    for (int column = 0; column < model->columnCount(); ++column) {
        if (table->isColumnHidden(column))
            continue;
        for (int row = 0; row < std::min(model->rowCount(), 40); ++row) {
            const QString text = model->index(row, column).data(Qt::DisplayRole).toString();
            const int needed = std::min(metrics.horizontalAdvance(text) + 2 * Theme::kGrid, readable);
            if (!text.isEmpty() && table->columnWidth(column) < needed) {
                problems << QStringLiteral("%1 cuts \"%2\" in column %3 (%4 of %5 px)").arg(describe(table), text,
                                model->headerData(column, Qt::Horizontal).toString()).arg(table->columnWidth(column)).arg(needed);
                break;
            }
        }
    }
    return problems;
}

// What does not fit in `window` shown at (at most) `screen`.
QStringList fitProblems(QWidget *window, QSize screen)
{
    QStringList problems;
    const QSize minimum = window->minimumSizeHint().expandedTo(window->minimumSize());
    if (minimum.width() > screen.width() || minimum.height() > screen.height())
        problems << QStringLiteral("needs at least %1×%2").arg(minimum.width()).arg(minimum.height());
    const QRect windowRect = window->rect();
    for (QWidget *child : window->findChildren<QWidget *>()) {
        if (!child->isVisible() || child->isWindow() || child->width() <= 0 || child->height() <= 0)
            continue;
        const QRect rect(child->mapTo(window, QPoint(0, 0)), child->size());
        if (const QAbstractScrollArea *area = scrolledBy(child, window)) {
            if (maySideScroll(area))
                continue;
            // Reached by scrolling down is fine; sideways is not.
            const QWidget *viewport = area->viewport();
            const QRect inViewport(child->mapTo(viewport, QPoint(0, 0)), child->size());
            if (inViewport.left() < 0 || inViewport.right() > viewport->width() - 1 + 1)
                problems << QStringLiteral("%1 is out of sight sideways (x %2..%3 in a viewport %4 wide)")
                                .arg(describe(child)).arg(inViewport.left()).arg(inViewport.right()).arg(viewport->width());
        } else if (!windowRect.contains(rect)) {
            problems << QStringLiteral("%1 lies outside the window (%2,%3 %4×%5 in %6×%7)")
                            .arg(describe(child)).arg(rect.x()).arg(rect.y()).arg(rect.width()).arg(rect.height())
                            .arg(windowRect.width()).arg(windowRect.height());
        }
        if (const auto *area = qobject_cast<const QAbstractScrollArea *>(child); area && !maySideScroll(area)) {
            if (area->horizontalScrollBar()->isVisible())
                problems << QStringLiteral("%1 scrolls sideways").arg(describe(child));
            if (const auto *table = qobject_cast<const QTableView *>(child)) {
                const QHeaderView *header = table->horizontalHeader();
                if (header->length() > table->viewport()->width() + 1)
                    problems << QStringLiteral("%1's columns are %2 wide in %3").arg(describe(child)).arg(header->length())
                                    .arg(table->viewport()->width());
                problems << cutCells(table);
            }
            if (const auto *view = qobject_cast<const QAbstractItemView *>(child);
                view && view->model() && !view->verticalScrollBar()->isVisible()) {
                const int rows = view->model()->rowCount(view->rootIndex());
                const QRect last = rows > 0 ? view->visualRect(view->model()->index(rows - 1, 0, view->rootIndex())) : QRect();
                if (rows > 0 && last.bottom() > view->viewport()->height())
                    problems << QStringLiteral("%1 hides rows and cannot scroll (last row ends at %2 in %3)")
                                    .arg(describe(child)).arg(last.bottom()).arg(view->viewport()->height());
            }
        }
        if (const auto *label = qobject_cast<const QLabel *>(child); label && !label->wordWrap() && !label->text().isEmpty()
            && label->pixmap().isNull() && label->width() < label->minimumSizeHint().width())
            problems << QStringLiteral("%1 is cut (%2 of %3 px)").arg(describe(child)).arg(label->width())
                            .arg(label->minimumSizeHint().width());
    }
    return problems;
}

const QList<QSize> kScreens{QSize(1024, 600), QSize(1366, 768)};

QString sizeName(QSize size)
{
    return QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
}


} // namespace

class TestScreenFit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pageFits_data();
    void pageFits();
    void dialogFits_data();
    void dialogFits();
    void longDialogScrollsInside();
    void tabFollowsReadingOrder_data();
    void tabFollowsReadingOrder();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<HouseholdSession> m_session;
    std::unique_ptr<SessionUi> m_ui;
    test::ScriptedConfirmer m_confirmer;
    test::FakeClock m_clock{QDateTime(QDate(2026, 11, 21), QTime(9, 30))};
};

void TestScreenFit::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    qApp->setStyleSheet(Theme::styleSheet());
    QString error;
    m_store = Store::open(m_dir.filePath(QStringLiteral("hearth.db")), &error);
    QVERIFY2(m_store, qPrintable(error));
    m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat);
    HouseholdSession::Options options = test::sessionOptions(m_dir.path(), QStringLiteral("Alex"));
    options.household.fillDemo = true;
    m_session = std::make_unique<HouseholdSession>(*m_store, m_clock, options);
    QVERIFY2(m_session->open(&error), qPrintable(error));
    // As in the trial: the demo family and the people whose devices joined.
    MembersModel &members = m_session->data().members;
    for (const char *name : {"Jordan", "Robin", "Kim"})
        QVERIFY(members.apply(members.addMutation(QString::fromLatin1(name), QStringLiteral("adult"))).ok);
    m_ui = std::make_unique<SessionUi>(*m_session, m_confirmer, *m_settings);
}

void TestScreenFit::cleanupTestCase()
{
    m_ui.reset();
    m_session.reset();
    m_store.reset();
}

void TestScreenFit::pageFits_data()
{
    QTest::addColumn<QString>("pageId");
    QTest::addColumn<QSize>("screen");
    for (const QSize screen : kScreens) {
        for (const PageRegistration &page : pageRegistrations())
            QTest::addRow("%s@%s", qPrintable(page.id), qPrintable(sizeName(screen))) << page.id << screen;
    }
}

void TestScreenFit::pageFits()
{
    QFETCH(QString, pageId);
    QFETCH(QSize, screen);
    MainWindow *window = m_ui->window();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    window->resize(screen);
    window->showPage(pageId);
    QCOMPARE(window->currentPage(), pageId);
    QTRY_COMPARE(window->size(), screen.expandedTo(window->minimumSizeHint()));
    QApplication::processEvents();
    QStringList problems = fitProblems(window, screen);
    if (!problems.isEmpty() && problems.first().startsWith(QLatin1String("needs"))) {
        // Which part asks for the room: every page and the rail (the stack is as wide as its widest page).
        for (const Page *each : window->findChildren<Page *>()) {
            const QSize need = each->minimumSizeHint();
            problems << QStringLiteral("  %1 needs %2×%3").arg(each->objectName()).arg(need.width()).arg(need.height());
        }
        if (const QWidget *rail = window->findChild<QWidget *>(QStringLiteral("navigationRail")))
            problems << QStringLiteral("  the rail is %1 wide").arg(rail->width());
    }
    // The page itself (not only the window, whose stack is as wide as its widest page).
    const Page *page = nullptr;
    for (const Page *candidate : window->findChildren<Page *>()) {
        if (candidate->isVisible())
            page = candidate;
    }
    QVERIFY(page);
    const QSize pageMinimum = page->minimumSizeHint().expandedTo(page->minimumSize());
    if (pageMinimum.width() > screen.width() || pageMinimum.height() > screen.height())
        problems.prepend(QStringLiteral("the page needs at least %1×%2").arg(pageMinimum.width()).arg(pageMinimum.height()));
    // The window's own minimum (its rail and its widest page) apart from what this page shows.
    QStringList windowProblems;
    while (!problems.isEmpty() && (problems.first().startsWith(QLatin1String("needs")) || problems.first().startsWith(QLatin1String("  "))))
        windowProblems << problems.takeFirst();
    for (auto it = problems.begin(); it != problems.end();) {
        if (it->startsWith(QLatin1String("  ")))
            windowProblems << *it, it = problems.erase(it);
        else
            ++it;
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("\n  "))));
    QVERIFY2(windowProblems.isEmpty(), qPrintable(windowProblems.join(QStringLiteral("\n  "))));
}

void TestScreenFit::dialogFits_data()
{
    QTest::addColumn<QString>("dialogId");
    QTest::addColumn<QSize>("screen");
    for (const QSize screen : kScreens) {
        for (const DialogSample &sample : dialogSamples(m_session->data(), m_session.get()))
            QTest::addRow("%s@%s", qPrintable(sample.id), qPrintable(sizeName(screen))) << sample.id << screen;
    }
}

void TestScreenFit::dialogFits()
{
    QFETCH(QString, dialogId);
    QFETCH(QSize, screen);
    MainWindow *window = m_ui->window();
    window->resize(screen);
    std::unique_ptr<QDialog> dialog;
    for (const DialogSample &sample : dialogSamples(m_session->data(), m_session.get())) {
        if (sample.id == dialogId)
            dialog = sample.make(window);
    }
    QVERIFY(dialog);
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    // As a window manager places it: the size it asks for, but no larger than the screen.
    const QSize asked = dialog->sizeHint().boundedTo(screen).expandedTo(dialog->minimumSizeHint()).expandedTo(dialog->minimumSize());
    dialog->resize(asked);
    QTRY_COMPARE(dialog->size(), asked);
    QApplication::processEvents();
    const QStringList problems = fitProblems(dialog.get(), screen);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("\n  "))));
}

namespace {

// A form longer than a tablet's screen.
class LongForm final : public FormDialog
{
public:
    LongForm()
    {
        setHeading(QStringLiteral("A long form"), QStringLiteral("More rows than a 600 px screen holds."));
        for (int i = 0; i < 24; ++i)
            addField(QStringLiteral("Field %1").arg(i + 1), new QLineEdit(this), QStringLiteral("field_%1").arg(i));
    }

private:
    MutationResult save() override { return {}; }
};

} // namespace

// A dialog longer than the screen scrolls its rows inside itself; heading and buttons stay in sight.
void TestScreenFit::longDialogScrollsInside()
{
    const QSize screen(1024, 600);
    LongForm dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.resize(dialog.sizeHint().boundedTo(screen).expandedTo(dialog.minimumSizeHint()));
    QApplication::processEvents();
    const QStringList problems = fitProblems(&dialog, screen);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("\n  "))));
    const QRect save(dialog.saveButton()->mapTo(&dialog, QPoint(0, 0)), dialog.saveButton()->size());
    QVERIFY(dialog.rect().contains(save));
    QVERIFY(dialog.findChild<QAbstractScrollArea *>(QStringLiteral("dialogScroll"))->verticalScrollBar()->isVisible());
}

void TestScreenFit::tabFollowsReadingOrder_data()
{
    QTest::addColumn<QString>("pageId");
    for (const char *id : {"dashboard", "chores", "budget", "goals", "household"})
        QTest::newRow(id) << QString::fromLatin1(id);
}

// Tab moves through a page as it is read: down a column, along a row to the right, then on to the
// next column; never back up within a column, never back left within a row.
void TestScreenFit::tabFollowsReadingOrder()
{
    QFETCH(QString, pageId);
    MainWindow *window = m_ui->window();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    window->resize(1366, 768);
    window->showPage(pageId);
    QApplication::processEvents();
    const Page *page = nullptr;
    for (const Page *candidate : window->findChildren<Page *>()) {
        if (candidate->isVisible())
            page = candidate;
    }
    QVERIFY(page);

    struct Stop
    {
        QString name;
        QRect rect;
    };
    QList<Stop> stops;
    QWidget *w = const_cast<Page *>(page);
    for (int guard = 0; guard < 2000; ++guard) {
        w = w->nextInFocusChain();
        if (w == page)
            break;
        if (!page->isAncestorOf(w) || !w->isVisible() || !w->isEnabled() || !(w->focusPolicy() & Qt::TabFocus) || w->focusProxy())
            continue;
        stops.append({describe(w), QRect(w->mapTo(page, QPoint(0, 0)), w->size())});
    }
    QVERIFY(stops.size() >= 2);
    constexpr int kSlack = 4;
    for (qsizetype i = 1; i < stops.size(); ++i) {
        const QRect a = stops.at(i - 1).rect;
        const QRect b = stops.at(i).rect;
        const bool sameColumn = b.left() < a.right() && b.right() > a.left();
        const bool sameRow = b.top() < a.bottom() && b.bottom() > a.top();
        const bool backUp = sameColumn && !sameRow && b.top() + kSlack < a.top();
        const bool backLeft = sameRow && !sameColumn && b.right() <= a.left();
        QVERIFY2(!backUp && !backLeft,
                 qPrintable(QStringLiteral("Tab goes from %1 (%2,%3) back to %4 (%5,%6)")
                                .arg(stops.at(i - 1).name).arg(a.x()).arg(a.y()).arg(stops.at(i).name).arg(b.x()).arg(b.y())));
    }
}

QTEST_MAIN(TestScreenFit)
#include "tst_screenfit.moc"
