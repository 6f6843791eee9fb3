// hearth: the desktop app. Parses the command line, opens the store, builds the session and its window, runs.

#include "Clock.h"
#include "Confirmer.h"
#include "HouseholdSession.h"
#include "SessionUi.h"
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
    QApplication::setDesktopFileName(QStringLiteral("io.hearth.Hearth"));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Hearth, the household dashboard: the pantry, budget, goals and shopping list of a household,\n"
                                                                  "shared live by every member's device on the home network or through hearthd."));
    parser.addHelpOption();
    parser.addVersionOption();
    // The default folder as a user would type it (~/…); the man page is made from this text.
    QString defaultDataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (defaultDataDir.startsWith(QDir::homePath() + QLatin1Char('/')))
        defaultDataDir.replace(0, QDir::homePath().size(), QStringLiteral("~"));
    const QCommandLineOption dataOption(QStringLiteral("data"),
                                        QApplication::translate("main", "Keep the household's data in DIR (default: %1).").arg(defaultDataDir),
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
    HouseholdSession::Options options;
    options.dataDir = dataDir;
    options.household.fillDemo = parser.isSet(demoOption);
    options.household.ownerName = qEnvironmentVariable("USER");
    if (!options.household.ownerName.isEmpty())
        options.household.ownerName[0] = options.household.ownerName[0].toUpper();
    // The household and its network side: alone, hosting it on the LAN, or joined to another device.
    HouseholdSession session(*store, clock, options);
    bool created = false;
    if (!session.open(&error, &created))
        return fail(error, true);
    if (options.household.fillDemo && !created)
        std::fprintf(stderr, "hearth: %s\n",
                     qPrintable(QApplication::translate("main", "--demo only fills a new data folder; opening the existing household in %1.").arg(dataDir)));

    MessageBoxConfirmer confirmer;
    QSettings settings(QDir(dataDir).filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat);
    app.setStyleSheet(Theme::styleSheet());
    SessionUi ui(session, confirmer, settings);
    session.start(); // hosts again, or connects to the host, once the window shows what happens
    ui.show();
    return app.exec();
}
