// hearth: the desktop app. Parses the command line, opens the store, builds the session and its window, runs.

#include "BankImporter.h"
#include "Clock.h"
#include "Confirmer.h"
#include "DesktopNotifications.h"
#include "HouseholdSession.h"
#include "Notifier.h"
#include "JoinLink.h"
#include "RunningInstance.h"
#include "KioskSettings.h"
#include "SessionUi.h"
#include "Store.h"
#include "Theme.h"
#include "Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QSettings>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTextStream>

#include <optional>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

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

// Names the application (QStandardPaths and the settings depend on them) and loads its translations.
void describeApplication(QCoreApplication &app)
{
    QCoreApplication::setApplicationName(QStringLiteral("hearth"));
    QCoreApplication::setOrganizationName(QStringLiteral("hearth"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HEARTH_VERSION));
    installTranslations(app);
}

struct CommandLine
{
    QCommandLineParser parser;
    QCommandLineOption dataOption{QStringLiteral("data")};
    QCommandLineOption demoOption{QStringLiteral("demo")};
    QCommandLineOption verboseOption{QStringLiteral("verbose")};
    QCommandLineOption kioskOption{QStringLiteral("kiosk")};
    QCommandLineOption receiptOption{QStringLiteral("receipt"), QString(), QStringLiteral("FILE")};

    CommandLine()
    {
        parser.setApplicationDescription(QCoreApplication::translate("main", "Hearth, the household dashboard: the pantry, budget, goals and shopping list of a household,\n"
                                                                          "shared live by every member's device on the home network or through hearthd.\n\n"
                                                                          "hearth import FILE [--data DIR] [--account NAME] imports a bank statement "
                                                                          "(CSV, OFX/QFX, QIF, CAMT.053) into the budget without a window and prints "
                                                                          "what it did."));
        parser.addHelpOption();
        parser.addVersionOption();
        // The default folder as a user would type it (~/…); the man page is made from this text.
        QString defaultDataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        if (defaultDataDir.startsWith(QDir::homePath() + QLatin1Char('/')))
            defaultDataDir.replace(0, QDir::homePath().size(), QStringLiteral("~"));
        dataOption.setDescription(QCoreApplication::translate("main", "Keep the household's data in DIR (default: %1).").arg(defaultDataDir));
        dataOption.setValueName(QStringLiteral("DIR"));
        demoOption.setDescription(QCoreApplication::translate("main", "Fill a new household with sample data to look around."));
        verboseOption.setDescription(QCoreApplication::translate("main", "Log what Hearth does."));
        parser.addPositionalArgument(QStringLiteral("link"),
                                     QCoreApplication::translate("main", "An invite link (hearth://join?...) to open in the Join dialog; "
                                                                         "a Hearth already running on the same data folder opens it instead."),
                                     QStringLiteral("[link]"));
        kioskOption.setDescription(QCoreApplication::translate(
            "main", "Start as the kitchen screen: full screen, \"Who's using Hearth?\", a dimmed night; leaving it "
                    "takes an adult's PIN. The setting \"Start in kiosk mode\" (kiosk/startInKiosk in hearth.ini) "
                    "does the same on every start."));
        receiptOption.setDescription(QCoreApplication::translate(
            "main", "Read a receipt photo or scan (PNG, JPEG or PDF) and open its review; also on the kitchen screen."));
        parser.addOptions({dataOption, demoOption, verboseOption, kioskOption, receiptOption});
    }
};

// --help and --version print and exit; they must work with no display, before a QApplication
// (which needs one) exists.
bool asksForHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const char *argument = argv[i];
        if (std::strcmp(argument, "--") == 0)
            return false;
        for (const char *info : {"-h", "-?", "--help", "--help-all", "-v", "--version"}) {
            if (std::strcmp(argument, info) == 0)
                return true;
        }
    }
    return false;
}

// SIGTERM (the session ending, systemd, kill) and SIGINT end the event loop as a quit would, so the
// window's state is saved on aboutToQuit. The handler only writes a byte; the loop does the rest.
int g_signalPipe[2] = {-1, -1};

void onTerminationSignal(int)
{
    const int savedErrno = errno; // the interrupted code may be about to read it
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
    errno = savedErrno;
}

void quitOnTerminationSignals(QCoreApplication &app)
{
    // Non-blocking: a handler must never wait, even if signals arrive faster than the loop reads.
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [notifier] {
        notifier->setEnabled(false);
        char byte;
        [[maybe_unused]] const ssize_t read = ::read(g_signalPipe[0], &byte, 1);
        // A second signal ends a shutdown that hangs, as it would without Hearth's handler.
        ::signal(SIGTERM, SIG_DFL);
        ::signal(SIGINT, SIG_DFL);
        // exit(), not quit(): no window may hold the end up with a question nobody will answer.
        QCoreApplication::exit(0);
    });
    struct sigaction action = {};
    action.sa_handler = onTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
}

QString defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

// `hearth import FILE [--data DIR] [--account NAME]`: one bank statement into the household's
// budget, a summary printed, no window (BankImporter does the work).
int importStatement(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    describeApplication(app);
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Import a bank statement (CSV, OFX/QFX, QIF or CAMT.053) into the budget."));
    parser.addHelpOption();
    const QCommandLineOption dataOption(QStringLiteral("data"), QCoreApplication::translate("main", "The household's data folder."), QStringLiteral("DIR"));
    const QCommandLineOption accountOption(QStringLiteral("account"), QCoreApplication::translate("main", "The account the statement is for (default: the file's own, or Checking)."),
                                           QStringLiteral("NAME"));
    parser.addOptions({dataOption, accountOption});
    parser.addPositionalArgument(QStringLiteral("import"), QString(), QStringLiteral("import"));
    parser.addPositionalArgument(QStringLiteral("file"), QCoreApplication::translate("main", "The statement file."), QStringLiteral("FILE"));
    parser.process(app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (parser.positionalArguments().size() != 2) {
        err << QCoreApplication::translate("main", "hearth import takes one file: hearth import FILE [--data DIR] [--account NAME]") << Qt::endl;
        return 2;
    }
    const QString dataDir = parser.isSet(dataOption) ? parser.value(dataOption) : defaultDataDir();
    if (!QFileInfo(QDir(dataDir).filePath(QStringLiteral("hearth.db"))).isFile()) {
        err << QCoreApplication::translate("main", "There is no household in %1; start Hearth there first.").arg(dataDir) << Qt::endl;
        return 1;
    }
    // The store is written by one process at a time: a Hearth open on the folder numbers its own
    // events and would collide with ours. Holding its socket keeps one from starting meanwhile.
    RunningInstance instance(dataDir);
    QString error;
    if (!instance.listen(&error)) {
        err << QCoreApplication::translate("main", "Hearth is open on %1: import the statement from its window "
                                                   "(File ▸ Import Bank Statement…), or close it and try again.")
                   .arg(dataDir)
            << Qt::endl;
        return 1;
    }
    const std::unique_ptr<Store> store = Store::open(QDir(dataDir).filePath(QStringLiteral("hearth.db")), &error);
    if (!store)
        return fail(error, false);
    SystemClock clock;
    HouseholdSession::Options options;
    options.dataDir = dataDir;
    options.followSystem = false;
    HouseholdSession session(*store, clock, options);
    if (!session.open(&error))
        return fail(error, false);
    QSettings settings(QDir(dataDir).filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat);
    const int code = runImportCommand(session.data(), settings, parser.positionalArguments().at(1), parser.value(accountOption), out, err);
    if (code == 0 && session.role() == HouseholdSession::Role::Joined)
        out << QCoreApplication::translate("main", "The household is hosted elsewhere: the import goes to its host the next time Hearth connects.")
            << Qt::endl;
    return code;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc > 1 && std::strcmp(argv[1], "import") == 0)
        return importStatement(argc, argv);

    if (asksForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        describeApplication(app);
        CommandLine commandLine;
        commandLine.parser.process(app); // prints and exits, unless --help was the value of another option
    }

    QApplication app(argc, argv);
    describeApplication(app);
    QApplication::setApplicationDisplayName(QStringLiteral("Hearth"));
    QApplication::setDesktopFileName(QStringLiteral("io.hearth.Hearth"));
    quitOnTerminationSignals(app);

    CommandLine commandLine;
    QCommandLineParser &parser = commandLine.parser;
    const QCommandLineOption &dataOption = commandLine.dataOption;
    const QCommandLineOption &demoOption = commandLine.demoOption;
    const QCommandLineOption &verboseOption = commandLine.verboseOption;
    parser.process(app);
    if (parser.positionalArguments().size() > 1)
        return fail(QApplication::translate("main", "Unexpected argument \"%1\"; see --help.").arg(parser.positionalArguments().at(1)), false);
    // An invite link: checked before anything starts, so a malformed one changes nothing.
    std::optional<JoinLink> link;
    if (!parser.positionalArguments().isEmpty()) {
        QString linkError;
        link = JoinLink::parse(parser.positionalArguments().first(), &linkError);
        if (!link)
            return fail(QApplication::translate("main", "Cannot open \"%1\": %2").arg(parser.positionalArguments().first(), linkError), true);
    }
    if (parser.isSet(verboseOption))
        QLoggingCategory::setFilterRules(QStringLiteral("hearth.*.debug=true\nhearth.*.info=true"));

    const QString dataDir = parser.isSet(dataOption) ? parser.value(dataOption)
                                                     : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const bool dataDirExisted = !dataDir.isEmpty() && QFileInfo(dataDir).isDir();
    if (dataDir.isEmpty() || !QDir().mkpath(dataDir))
        return fail(QApplication::translate("main", "Cannot create the data folder \"%1\".").arg(dataDir), true);
    // A folder made here is private: it holds the household, the members' PINs and the socket a
    // second start hands links to. An existing one keeps the permissions its owner gave it.
    if (!dataDirExisted)
        QFile::setPermissions(dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    // A Hearth already open on this data folder takes the link; no second copy on the same data.
    if (link && RunningInstance::forward(dataDir, link->toString()))
        return 0;

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
    // What the member at this device is told, on the desktop's notifications service; without
    // one, in the window's status bar.
    Notifier notifier(clock, settings);
    DesktopNotifications desktopNotifications(QDBusConnection::sessionBus());
    ui.routeNotifications(notifier, desktopNotifications);
    notifier.follow(session);
    session.start(); // hosts again, or connects to the host, once the window shows what happens
    // The kitchen screen instead of the window (until an adult lets it go), or the window.
    if (parser.isSet(commandLine.kioskOption) || KioskSettings::read(settings).startInKiosk)
        ui.startKiosk();
    else
        ui.show();
    if (parser.isSet(commandLine.receiptOption))
        ui.openReceipt(parser.value(commandLine.receiptOption));
    RunningInstance instance(dataDir);
    QString listenError;
    if (!instance.listen(&listenError))
        std::fprintf(stderr, "hearth: links opened later go elsewhere: %s\n", qPrintable(listenError));
    QObject::connect(&instance, &RunningInstance::received, &ui, [&ui](const QString &message) {
        QString ignored;
        if (const auto forwarded = JoinLink::parse(message, &ignored))
            ui.openJoinLink(*forwarded);
    });
    if (link)
        ui.openJoinLink(*link);
    return app.exec();
}
