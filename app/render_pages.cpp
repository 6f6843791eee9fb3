// hearth-render: renders every page and every dialog of the app, filled with the demo household,
// to PNG files at the screen sizes asked for (a 1366×768 desktop and a 1024×600 tablet by default).
// Used by scripts/render-screenshots.sh so the README's pictures always show the real app.
// Names: <page>.png and dialog-<id>.png at the first size, <name>-<W>x<H>.png at the others.

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "Confirmer.h"
#include "DialogCatalog.h"
#include "ConnectionStatus.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "HouseholdModel.h"
#include "HouseholdSession.h"
#include "KioskWindow.h"
#include "MemberPicker.h"
#include "LocalHousehold.h"
#include "MainWindow.h"
#include "Store.h"
#include "Theme.h"
#include "Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QPalette>
#include <QSettings>
#include <QSqlQuery>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QUndoStack>

#include <cstdio>

using namespace hearth;

namespace {

// The demo household is dated relative to this day, so the pictures are the same on every run.
// The kiosk's night is the same day at 22:30.
class FixedClock final : public Clock
{
public:
    static QDateTime morning() { return QDateTime(QDate(2026, 11, 21), QTime(9, 30)); }
    QDateTime now() const override { return m_now; }
    void setNow(const QDateTime &now) { m_now = now; }

private:
    QDateTime m_now = morning();
};

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x1f, 0x20, 0x24));
    p.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xea));
    p.setColor(QPalette::Base, QColor(0x2a, 0x2b, 0x30));
    p.setColor(QPalette::AlternateBase, QColor(0x25, 0x26, 0x2b));
    p.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xea));
    p.setColor(QPalette::Button, QColor(0x33, 0x34, 0x3a));
    p.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xea));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3b, 0x42));
    p.setColor(QPalette::Mid, QColor(0x4a, 0x4b, 0x52));
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9b, 0xa3));
    p.setColor(QPalette::Highlight, Theme::accent());
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x2a, 0x2b, 0x30));
    p.setColor(QPalette::ToolTipText, QColor(0xe8, 0xe8, 0xea));
    return p;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hearth-render"));
    installTranslations(app);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Renders every Hearth page with the demo household to PNG."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("dir"), QStringLiteral("Folder for the PNG files."));
    const QCommandLineOption darkOption(QStringLiteral("dark"), QStringLiteral("Also render the dashboard in a dark palette."));
    const QCommandLineOption childOption(QStringLiteral("as-child"),
                                         QStringLiteral("Render the pages as the household's child member sees them."));
    const QCommandLineOption sizesOption(QStringLiteral("sizes"),
                                         QStringLiteral("Window sizes, comma-separated (default 1366x768,1024x600); "
                                                        "the first one gets the plain file names."),
                                         QStringLiteral("WxH,..."), QStringLiteral("1366x768,1024x600"));
    const QCommandLineOption noDialogsOption(QStringLiteral("no-dialogs"), QStringLiteral("Render the pages only."));
    const QCommandLineOption kioskOnlyOption(QStringLiteral("kiosk-only"),
                                             QStringLiteral("Render only the kiosk (kiosk-picker, kiosk, kiosk-night)."));
    parser.addOption(darkOption);
    parser.addOption(childOption);
    parser.addOption(sizesOption);
    parser.addOption(noDialogsOption);
    parser.addOption(kioskOnlyOption);
    parser.process(app);
    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "hearth-render: give one output folder\n");
        return 2;
    }
    const QDir out(parser.positionalArguments().first());
    if (!QDir().mkpath(out.path())) {
        std::fprintf(stderr, "hearth-render: cannot create %s\n", qPrintable(out.path()));
        return 1;
    }

    QList<QSize> sizes;
    for (const QString &text : parser.value(sizesOption).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList parts = text.trimmed().split(QLatin1Char('x'));
        const QSize size = parts.size() == 2 ? QSize(parts[0].toInt(), parts[1].toInt()) : QSize();
        if (size.width() <= 0 || size.height() <= 0) {
            std::fprintf(stderr, "hearth-render: not a size: %s (use WxH, such as 1024x600)\n", qPrintable(text));
            return 2;
        }
        sizes << size;
    }

    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QTemporaryDir dataDir;
    QString error;
    auto store = Store::open(QDir(dataDir.path()).filePath(QStringLiteral("hearth.db")), &error);
    FixedClock clock;
    HouseholdSession::Options options;
    options.dataDir = dataDir.path();
    options.household.fillDemo = true;
    options.household.currency = QStringLiteral("EUR");
    options.household.ownerName = QStringLiteral("Alex");
    options.followSystem = false;
    options.useKeychain = false;
    std::unique_ptr<HouseholdSession> session;
    if (store) {
        session = std::make_unique<HouseholdSession>(*store, clock, options);
        if (!session->open(&error))
            session.reset();
    }
    auto *engine = session ? qobject_cast<AuthoritativeEngine *>(&session->engine()) : nullptr;
    if (!engine) {
        std::fprintf(stderr, "hearth-render: %s\n", qPrintable(error));
        return 1;
    }
    if (parser.isSet(childOption)) {
        QSqlQuery child(store->database());
        child.exec(QStringLiteral("SELECT id FROM members WHERE role = 'child' LIMIT 1"));
        if (child.next())
            engine->setActingMemberId(child.value(0).toString());
    }
    HouseholdData &data = session->data();
    QUndoStack undo;
    EditHistory history(undo);
    DialogConfirmer confirmer;
    ConnectionStatus &connection = session->status();
    QSettings settings(QDir(dataDir.path()).filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat);

    const auto save = [&out](const QPixmap &picture, const QString &name) {
        const QString file = out.filePath(name + QStringLiteral(".png"));
        if (!picture.save(file)) {
            std::fprintf(stderr, "hearth-render: cannot write %s\n", qPrintable(file));
            return false;
        }
        std::printf("%s\n", qPrintable(file));
        return true;
    };
    // Ticks the first card still to buy (as the member at this device), takes `shot`, and undoes it.
    const auto boughtOnBoard = [&](const std::function<bool()> &shot, MainWindow *window) {
        const QList<BoardColumn> columns = data.columns.ordered();
        const QList<BoardCard> toBuy = columns.isEmpty() ? QList<BoardCard>() : data.cards.cardsIn(columns.first().id);
        if (toBuy.isEmpty())
            return true;
        if (window)
            window->showPage(QStringLiteral("shopping"));
        if (!history.apply(data.cards, data.cards.doneMutation(toBuy.first().id, true), QStringLiteral("Tick")).ok)
            return false;
        QApplication::processEvents();
        QApplication::processEvents();
        const bool ok = shot();
        undo.undo();
        return ok;
    };
    // Every registered page as <id><suffix>.png (only the first, the dashboard, when `firstOnly`),
    // then every dialog over the window as dialog-<id><suffix>.png, sized as a window manager would
    // (what it asks for, at most the screen).
    const auto render = [&](QSize screen, const QString &suffix, bool firstOnly) {
        app.setStyleSheet(Theme::styleSheet());
        MainWindow window(data, history, confirmer, connection, settings);
        window.resize(screen);
        window.show();
        for (const PageRegistration &page : pageRegistrations()) {
            window.showPage(page.id);
            QApplication::processEvents();
            QApplication::processEvents();
            if (!save(window.grab(), page.id + suffix))
                return false;
            if (firstOnly)
                return true;
        }
        // The board just after a tick, offering to put what was bought in the pantry; undone after.
        if (!boughtOnBoard([&] { return save(window.grab(), QStringLiteral("shopping-bought") + suffix); }, &window))
            return false;
        // A joined device whose disk is full, keeping two edits in memory (ReplicaEngine).
        window.showPage(pageRegistrations().first().id);
        connection.setStorage(true, 2);
        QApplication::processEvents();
        const bool diskFullSaved = save(window.grab(), QStringLiteral("disk-full") + suffix);
        connection.setStorage(false, 0);
        if (!diskFullSaved)
            return false;
        if (parser.isSet(noDialogsOption))
            return true;
        for (const DialogSample &sample : dialogSamples(data, session.get())) {
            std::unique_ptr<QDialog> dialog = sample.make(&window);
            dialog->show();
            QApplication::processEvents();
            dialog->resize(dialog->sizeHint().boundedTo(screen).expandedTo(dialog->minimumSizeHint()));
            QApplication::processEvents();
            QApplication::processEvents();
            if (!save(dialog->grab(), QStringLiteral("dialog-") + sample.id + suffix))
                return false;
        }
        return true;
    };
    // The kiosk (hearth --kiosk) as a screen of that size shows it: "Who's using Hearth?", the
    // dashboard as the first adult in the morning, and the dimmed night at 22:30.
    const auto renderKiosk = [&](QSize screen, const QString &suffix) {
        app.setStyleSheet(Theme::styleSheet());
        const KioskContext context{data, history, confirmer, settings, session->pins(), connection,
                                   [engine](const QString &memberId, QString *) {
                                       engine->setActingMemberId(memberId);
                                       return true;
                                   }};
        KioskWindow kiosk(context, nullptr);
        kiosk.resize(screen);
        kiosk.show();
        const auto shot = [&](const QString &name) {
            kiosk.checkClock();
            QApplication::processEvents();
            QApplication::processEvents();
            return save(kiosk.grab(), name + suffix);
        };
        if (!shot(QStringLiteral("kiosk-picker")))
            return false;
        QString adult;
        for (const Member &m : data.members.records()) {
            if (m.role == QLatin1String("adult") && adult.isEmpty())
                adult = m.id;
        }
        kiosk.picker()->pick(adult);
        if (!shot(QStringLiteral("kiosk")))
            return false;
        if (!boughtOnBoard([&] { return shot(QStringLiteral("kiosk-bought")); }, nullptr))
            return false;
        // A joined kitchen tablet whose disk is full, keeping two edits in memory, by day and by night.
        const auto diskFullShot = [&](const QString &name) {
            connection.setStorage(true, 2);
            const bool saved = shot(name);
            connection.setStorage(false, 0);
            return saved;
        };
        if (!diskFullShot(QStringLiteral("kiosk-disk-full")))
            return false;
        // The night: the dimmed cover, and the dark dashboard a touch wakes for a minute.
        clock.setNow(QDateTime(FixedClock::morning().date(), QTime(22, 30)));
        kiosk.checkClock();
        kiosk.picker()->pick(adult);
        bool night = shot(QStringLiteral("kiosk-night"));
        kiosk.wake();
        night = night && shot(QStringLiteral("kiosk-night-awake"));
        night = night && diskFullShot(QStringLiteral("kiosk-night-disk-full"));
        clock.setNow(FixedClock::morning());
        return night;
    };
    const auto sizeSuffix = [&sizes](QSize size) {
        return size == sizes.first() ? QString() : QStringLiteral("-%1x%2").arg(size.width()).arg(size.height());
    };
    QApplication::setPalette(QApplication::style()->standardPalette());
    for (const QSize size : std::as_const(sizes)) {
        if (!parser.isSet(kioskOnlyOption) && !render(size, sizeSuffix(size), false))
            return 1;
        if (!renderKiosk(size, sizeSuffix(size)))
            return 1;
    }
    if (parser.isSet(darkOption)) {
        QApplication::setPalette(darkPalette());
        if (!render(sizes.first(), QStringLiteral("-dark"), true))
            return 1;
    }
    return 0;
}
