// hearth: the desktop app. Parses the command line, opens the store, builds the objects, runs.

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "Confirmer.h"
#include "ConnectionStatus.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "LocalHousehold.h"
#include "MainWindow.h"
#include "Store.h"
#include "Theme.h"
#include "Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QUndoStack>

#include <cstdio>

using namespace hearth;

namespace {

int fail(const QString &message, bool showDialog)
{
    std::fprintf(stderr, "hearth: %s\n", qPrintable(message));
    // Headless platforms (offscreen, minimal) have nobody to click a dialog away.
    const QString platform = QGuiApplication::platformName();
    if (showDialog && platform != QLatin1String("offscreen") && platform != QLatin1String("minimal"))
        QMessageBox::critical(nullptr, QApplication::translate("main", "Hearth cannot start"), message);
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hearth"));
    QApplication::setApplicationDisplayName(QStringLiteral("Hearth"));
    QApplication::setOrganizationName(QStringLiteral("hearth"));
    QApplication::setApplicationVersion(QStringLiteral(HEARTH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("hearth"));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Hearth — the household dashboard: pantry, budget, goals and shopping list."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataOption(QStringLiteral("data"),
                                        QApplication::translate("main", "Keep the household's data in DIR (default: %1).")
                                            .arg(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)),
                                        QStringLiteral("DIR"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QApplication::translate("main", "Fill a new household with sample data to look around."));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"), QApplication::translate("main", "Log what Hearth does."));
    parser.addOptions({dataOption, demoOption, verboseOption});
    parser.process(app);
    if (!parser.positionalArguments().isEmpty())
        return fail(QApplication::translate("main", "Unexpected argument \"%1\"; see --help.").arg(parser.positionalArguments().first()), false);
    if (parser.isSet(verboseOption))
        QLoggingCategory::setFilterRules(QStringLiteral("hearth.*.debug=true\nhearth.*.info=true"));

    const QString dataDir = parser.isSet(dataOption) ? parser.value(dataOption)
                                                     : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dataDir.isEmpty() || !QDir().mkpath(dataDir))
        return fail(QApplication::translate("main", "Cannot create the data folder \"%1\".").arg(dataDir), true);

    QString error;
    const std::unique_ptr<Store> store = Store::open(QDir(dataDir).filePath(QStringLiteral("hearth.db")), &error);
    if (!store)
        return fail(error, true);

    SystemClock clock;
    LocalHousehold::Options options;
    options.fillDemo = parser.isSet(demoOption);
    options.ownerName = qEnvironmentVariable("USER");
    if (!options.ownerName.isEmpty())
        options.ownerName[0] = options.ownerName[0].toUpper();
    bool created = false;
    const std::unique_ptr<AuthoritativeEngine> engine = LocalHousehold::openOrCreate(*store, clock, options, &created, &error);
    if (!engine)
        return fail(error, true);
    if (options.fillDemo && !created)
        std::fprintf(stderr, "hearth: %s\n",
                     qPrintable(QApplication::translate("main", "--demo only fills a new data folder; opening the existing household in %1.").arg(dataDir)));

    HouseholdData data(*engine, clock);
    data.load();

    QUndoStack undoStack;
    EditHistory history(undoStack);
    MessageBoxConfirmer confirmer;
    ConnectionStatus connection;
    QSettings settings(QDir(dataDir).filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat);

    app.setStyleSheet(Theme::styleSheet());
    MainWindow window(data, history, confirmer, connection, settings);
    window.restoreState();
    window.show();
    return app.exec();
}
