// hearthd: the headless household room server. Serves the same protocol as the app's LAN host.
//
//   hearthd serve --listen ADDR:PORT --data DIR [--ping-interval SECONDS]
//   hearthd household create --data DIR --name NAME [--currency EUR] [--owner NAME]
//   hearthd token --data DIR --household ID --name NAME [--role adult|child] [--ttl SECONDS]

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "EpollEventDispatcher.h"
#include "HouseholdDirectory.h"
#include "Jwt.h"
#include "Pairing.h"
#include "Protocol.h"
#include "RoomHost.h"
#include "ServerSecret.h"
#include "Store.h"
#include "WebSocketTransport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace hearth;

namespace {

int usage(const QString &message)
{
    std::fprintf(stderr, "hearthd: %s\n", qPrintable(message));
    std::fprintf(stderr,
                 "usage:\n"
                 "  hearthd serve --listen ADDR:PORT --data DIR [--ping-interval SECONDS] [--verbose]\n"
                 "  hearthd household create --data DIR --name NAME [--currency CODE] [--owner NAME]\n"
                 "  hearthd token --data DIR --household ID --name NAME [--role adult|child] [--ttl SECONDS]\n");
    return 2;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "hearthd: %s\n", qPrintable(message));
    return 1;
}

void print(const QJsonObject &object)
{
    std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

// SIGTERM/SIGINT are turned into a byte on a socket pair, read in the event loop (the only
// async-signal-safe way to reach Qt from a handler).
int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}

struct Opened
{
    std::unique_ptr<Store> store;
    QByteArray secret;
};

std::optional<Opened> openData(const QString &dir, QString *error)
{
    if (dir.isEmpty()) {
        *error = QStringLiteral("--data DIR is required");
        return std::nullopt;
    }
    const bool existed = QFileInfo::exists(dir);
    if (!QDir().mkpath(dir) || !QFileInfo(dir).isWritable()) {
        *error = QStringLiteral("cannot use the data folder %1 (missing or not writable)").arg(dir);
        return std::nullopt;
    }
    // A folder made here is private: the store holds invite codes. An existing one is the operator's.
    if (!existed)
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    Opened opened;
    opened.secret = ServerSecret::load(dir, error);
    if (opened.secret.isEmpty())
        return std::nullopt;
    opened.store = Store::open(QDir(dir).filePath(QStringLiteral("hearthd.db")), error, Durability::Full);
    if (!opened.store)
        return std::nullopt;
    return opened;
}

int serve(const QCommandLineParser &parser, SystemClock &clock)
{
    const QString listen = parser.value(QStringLiteral("listen"));
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint port = colon > 0 ? listen.mid(colon + 1).toUInt(&portOk) : 0;
    QHostAddress address(colon > 0 ? listen.left(colon).remove(QLatin1Char('[')).remove(QLatin1Char(']')) : QString());
    if (listen.isEmpty() || !portOk || port > 65535 || address.isNull())
        return usage(QStringLiteral("--listen needs ADDR:PORT, for example 127.0.0.1:8765 or 0.0.0.0:8765"));
    HostOptions options;
    if (parser.isSet(QStringLiteral("ping-interval"))) {
        bool ok = false;
        const double seconds = parser.value(QStringLiteral("ping-interval")).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 3600)
            return usage(QStringLiteral("--ping-interval takes a number of seconds between 0 and 3600"));
        options.pingInterval = std::chrono::milliseconds(qint64(seconds * 1000));
    }

    QString error;
    auto opened = openData(parser.value(QStringLiteral("data")), &error);
    if (!opened)
        return fail(error);

    HouseholdDirectory directory(*opened->store, clock);
    RoomHost host(directory, opened->secret, options);
    Pairing pairing(directory, opened->secret);
    ListenerOptions listenerOptions;
    listenerOptions.messageLimit = listenerOptions.frameLimit = options.messageLimit;
    WebSocketListener listener(host, listenerOptions);
    listener.setPathHandler(QStringLiteral("/api/pair"), [&pairing](QWebSocket *socket) { pairing.serve(socket); });
    if (!listener.listen(address, quint16(port)))
        return fail(QStringLiteral("cannot listen on %1: %2").arg(listen, listener.errorString()));

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return fail(QStringLiteral("cannot set up signal handling"));
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    QSocketNotifier signalNotifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &signalNotifier, [&] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(g_signalFds[1], &byte, 1);
        signalNotifier.setEnabled(false);
        // Finish the queued mutations, close every socket with 1001, give the close frames a moment.
        listener.close();
        host.closeAll(protocol::kCloseGoingAway, QStringLiteral("Server shutting down"));
        QTimer::singleShot(300, QCoreApplication::instance(), &QCoreApplication::quit);
    });

    print({{QStringLiteral("listening"), QStringLiteral("%1:%2").arg(listener.address().toString()).arg(listener.port())},
           {QStringLiteral("port"), listener.port()},
           {QStringLiteral("data"), parser.value(QStringLiteral("data"))}});
    return QCoreApplication::exec();
}

int createHousehold(const QCommandLineParser &parser, SystemClock &clock)
{
    const QString name = parser.value(QStringLiteral("name")).trimmed();
    if (name.isEmpty())
        return usage(QStringLiteral("household create needs --name NAME"));
    QString error;
    auto opened = openData(parser.value(QStringLiteral("data")), &error);
    if (!opened)
        return fail(error);
    const QString currency = parser.isSet(QStringLiteral("currency")) ? parser.value(QStringLiteral("currency")) : QStringLiteral("EUR");
    const QString owner = parser.isSet(QStringLiteral("owner")) ? parser.value(QStringLiteral("owner")) : QStringLiteral("Owner");
    auto engine = AuthoritativeEngine::createHousehold(*opened->store, clock, name, currency, 60000, owner, &error);
    if (!engine)
        return fail(error);
    HouseholdDirectory directory(*opened->store, clock);
    Pairing pairing(directory, opened->secret);
    const auto code = pairing.createInvite(engine->householdId());
    if (!code)
        return fail(QStringLiteral("the household was created but no invite code could be made"));
    print({{QStringLiteral("household_id"), engine->householdId()},
           {QStringLiteral("owner_member_id"), engine->actingMemberId()},
           {QStringLiteral("invite_code"), *code}});
    return 0;
}

int token(const QCommandLineParser &parser, SystemClock &clock)
{
    const QString householdId = parser.value(QStringLiteral("household"));
    const QString name = parser.value(QStringLiteral("name")).trimmed();
    const QString role = parser.isSet(QStringLiteral("role")) ? parser.value(QStringLiteral("role")) : QStringLiteral("adult");
    if (householdId.isEmpty() || name.isEmpty())
        return usage(QStringLiteral("token needs --household ID and --name NAME"));
    if (role != QLatin1String("adult") && role != QLatin1String("child"))
        return usage(QStringLiteral("--role is adult or child"));
    qint64 ttl = Pairing::kScriptTokenSeconds;
    if (parser.isSet(QStringLiteral("ttl"))) {
        bool ok = false;
        ttl = parser.value(QStringLiteral("ttl")).toLongLong(&ok);
        if (!ok || ttl <= 0)
            return usage(QStringLiteral("--ttl takes a positive number of seconds"));
    }
    QString error;
    auto opened = openData(parser.value(QStringLiteral("data")), &error);
    if (!opened)
        return fail(error);
    HouseholdDirectory directory(*opened->store, clock);
    Pairing pairing(directory, opened->secret);
    const auto joined = pairing.issueToken(householdId, name, role, ttl, &error);
    if (!joined)
        return fail(error);
    print({{QStringLiteral("household_id"), joined->householdId},
           {QStringLiteral("member_id"), joined->memberId},
           {QStringLiteral("token"), joined->token}});
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // One thread serves every socket: an epoll loop costs the number of ready sockets per wake-up,
    // Qt's Unix loops the number of all of them (docs/benchmarks.md, "Live sync load").
    // HEARTH_EVENT_LOOP=qt keeps Qt's own.
    if (qgetenv("HEARTH_EVENT_LOOP") != "qt") {
        auto *dispatcher = new EpollEventDispatcher;
        if (dispatcher->isValid())
            QCoreApplication::setEventDispatcher(dispatcher);
        else
            delete dispatcher;
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hearthd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HEARTH_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Hearth household room server."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("serve | household create | token"));
    parser.addOptions({
        {QStringLiteral("listen"), QStringLiteral("Address and port to serve on."), QStringLiteral("ADDR:PORT")},
        {QStringLiteral("data"), QStringLiteral("Data folder (store and secret)."), QStringLiteral("DIR")},
        {QStringLiteral("ping-interval"), QStringLiteral("Seconds between pings (default 30)."), QStringLiteral("SECONDS")},
        {QStringLiteral("name"), QStringLiteral("Household or member name."), QStringLiteral("NAME")},
        {QStringLiteral("currency"), QStringLiteral("Currency of a new household (default EUR)."), QStringLiteral("CODE")},
        {QStringLiteral("owner"), QStringLiteral("Name of a new household's first member."), QStringLiteral("NAME")},
        {QStringLiteral("household"), QStringLiteral("Household id."), QStringLiteral("ID")},
        {QStringLiteral("role"), QStringLiteral("Member role: adult or child."), QStringLiteral("ROLE")},
        {QStringLiteral("ttl"), QStringLiteral("Token lifetime in seconds."), QStringLiteral("SECONDS")},
        {QStringLiteral("verbose"), QStringLiteral("Log joins, refusals, dropped connections and migrations (hearth.*.info).")},
    });
    if (!parser.parse(QCoreApplication::arguments()))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (parser.isSet(QStringLiteral("verbose")))
        QLoggingCategory::setFilterRules(QStringLiteral("hearth.*.info=true"));

    SystemClock clock;
    const QStringList command = parser.positionalArguments();
    const bool known = command == QStringList{QStringLiteral("serve")} || command == QStringList{QStringLiteral("token")}
        || command == QStringList{QStringLiteral("household"), QStringLiteral("create")};
    if (known && parser.value(QStringLiteral("data")).isEmpty())
        return usage(QStringLiteral("--data DIR is required"));
    if (command == QStringList{QStringLiteral("serve")})
        return serve(parser, clock);
    if (command == QStringList{QStringLiteral("household"), QStringLiteral("create")})
        return createHousehold(parser, clock);
    if (command == QStringList{QStringLiteral("token")})
        return token(parser, clock);
    return usage(command.isEmpty() ? QStringLiteral("no command given")
                                   : QStringLiteral("unknown command \"%1\"").arg(command.join(QLatin1Char(' '))));
}
