// hearth-render: renders every page of the app, filled with the demo household, to PNG files.
// Used by scripts/render-screenshots.sh so the README's pictures always show the real app.

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "Confirmer.h"
#include "ConnectionStatus.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "HouseholdModel.h"
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
class FixedClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime(QDate(2026, 11, 21), QTime(9, 30)); }
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
    parser.addOption(darkOption);
    parser.addOption(childOption);
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

    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QTemporaryDir dataDir;
    QString error;
    auto store = Store::open(QDir(dataDir.path()).filePath(QStringLiteral("hearth.db")), &error);
    FixedClock clock;
    LocalHousehold::Options options;
    options.fillDemo = true;
    options.currency = QStringLiteral("EUR");
    options.ownerName = QStringLiteral("Alex");
    auto engine = store ? LocalHousehold::openOrCreate(*store, clock, options, nullptr, &error) : nullptr;
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
    HouseholdData data(*engine, clock);
    data.load();
    QUndoStack undo;
    EditHistory history(undo);
    MessageBoxConfirmer confirmer;
    ConnectionStatus connection;
    QSettings settings(QDir(dataDir.path()).filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat);

    const auto render = [&](const QString &suffix) {
        app.setStyleSheet(Theme::styleSheet());
        MainWindow window(data, history, confirmer, connection, settings);
        window.resize(1280, 820);
        window.show();
        // Every registered page as <id>.png; the dark palette only for the first (the dashboard).
        for (const PageRegistration &page : pageRegistrations()) {
            window.showPage(page.id);
            QApplication::processEvents();
            QApplication::processEvents();
            const QString file = out.filePath(page.id + suffix + QStringLiteral(".png"));
            if (!window.grab().save(file)) {
                std::fprintf(stderr, "hearth-render: cannot write %s\n", qPrintable(file));
                return false;
            }
            std::printf("%s\n", qPrintable(file));
            if (!suffix.isEmpty())
                break;
        }
        return true;
    };
    QApplication::setPalette(QApplication::style()->standardPalette());
    if (!render(QString()))
        return 1;
    if (parser.isSet(darkOption)) {
        QApplication::setPalette(darkPalette());
        if (!render(QStringLiteral("-dark")))
            return 1;
    }
    return 0;
}
