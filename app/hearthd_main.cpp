// hearthd: the headless household room server. Serves the same protocol as the app's LAN host.
//
//   hearthd serve --listen ADDR:PORT --data DIR [--tls | --tls-cert FILE --tls-key FILE | --plain] [options]
//   hearthd household create --data DIR --name NAME [--currency EUR] [--owner NAME]
//   hearthd token --data DIR --household ID --name NAME [--role adult|child] [--ttl SECONDS]
//   hearthd invite create|list|revoke, hearthd device list|sign-out, hearthd secret rotate
// See docs/hearthd.md.

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "DnsSd.h"
#include "EpollEventDispatcher.h"
#include "HostCertificate.h"
#include "HouseholdDirectory.h"
#include "Jwt.h"
#include "Pairing.h"
#include "Protocol.h"
#include "RoomHost.h"
#include "ServerSecret.h"
#include "ServerStack.h"
#include "Store.h"
#include "WebSocketTransport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QJsonArray>
#include <QSslKey>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QSqlQuery>
#include <QTimer>

#include <csignal>
#include <memory>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace hearth;

namespace {

// Every command once: its synopsis and what it does. --help, the usage error and the man page
// (made from --help by help2man at build time) all come from this table.
struct CommandHelp
{
    const char *synopsis;
    const char *summary;
};
constexpr CommandHelp kCommands[] = {
    {"serve --listen ADDR:PORT --data DIR [--tls | --tls-cert FILE --tls-key FILE | --plain] [OPTION]...",
     "Serve every household in DIR on ADDR:PORT until SIGTERM or SIGINT. Plain ws only on\n"
     "loopback unless --plain. Prints one JSON line: the address, the port and, with TLS,\n"
     "the security code devices check when they join. Its other options: --allow-origin,\n"
     "--ping-interval, --message-limit, --max-connections-per-address, --max-handshakes,\n"
     "--mutations-per-second, --household-mutations-per-second, --joins-per-second,\n"
     "--no-advertise and --verbose.\n"
     "With TLS on a network address, each household is advertised on the local network\n"
     "(DNS-SD, _hearth._tcp, through the Avahi daemon) so the app's Join dialog lists it;\n"
     "a second JSON line says when it is."},
    {"household create --data DIR --name NAME [--currency CODE] [--owner NAME]",
     "Make a household with its first member (the owner, an adult) and print its id and an\n"
     "invite code for the owner's first device (it joins as the owner)."},
    {"token --data DIR --household ID --name NAME [--role adult|child] [--ttl SECONDS]",
     "Print a signed access token for a member (made if new) of a household."},
    {"invite create --data DIR --household ID [--role adult|child | --member NAME] [--hours N]",
     "Make a one-device invite code (default: a new adult, 24 hours) and print it; with --member, the code\n"
     "is for that member already in the household, whose device it adds."},
    {"invite list --data DIR --household ID", "Print the household's open invite codes."},
    {"invite revoke --data DIR --code CODE", "Cancel an open invite code."},
    {"device list --data DIR --household ID", "Print the household's signed-in devices."},
    {"device sign-out --data DIR --device ID", "Sign a device out; it is disconnected at once."},
    {"secret rotate --data DIR",
     "Replace the signing key: every device is signed out and must be invited again."},
    {"backup --data DIR --to FILE",
     "Copy the store to FILE (a new file) as it is at one moment, also while DIR is being served\n"
     "(SQLite's online backup), check the copy and print its size. Restore by stopping the server\n"
     "and putting FILE in place of DIR/hearthd.db."},
    {"check --data DIR",
     "Check the store for damage (SQLite's integrity check), also while it is being served; exit\n"
     "status 0 when it is sound, 1 with what is wrong."},
};

QString commandsHelp(bool withSummaries)
{
    QString text;
    for (const CommandHelp &command : kCommands) {
        text += QStringLiteral("  hearthd ") + QString::fromUtf8(command.synopsis) + QLatin1Char('\n');
        if (withSummaries)
            text += QStringLiteral("        ") + QString::fromUtf8(command.summary).replace(QLatin1Char('\n'), QStringLiteral("\n        "))
                + QLatin1Char('\n');
    }
    return text;
}

int usage(const QString &message)
{
    std::fprintf(stderr, "hearthd: %s\nusage:\n%s", qPrintable(message), qPrintable(commandsHelp(false)));
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

// A data folder opened for one command: the store, the signing key and the households in it.
struct Opened
{
    std::unique_ptr<Store> store;
    QByteArray secret;
    std::unique_ptr<HouseholdDirectory> directory; // declared last: goes before the store
};

std::optional<Opened> openData(const QString &dir, const Clock &clock, QString *error)
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
    opened.directory = std::make_unique<HouseholdDirectory>(*opened.store, clock);
    return opened;
}

std::optional<QSslConfiguration> loadCertificate(const QString &certPath, const QString &keyPath, QString *error)
{
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1 or %2").arg(certPath, keyPath);
        return std::nullopt;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    const QByteArray keyBytes = keyFile.readAll();
    QSslKey key(keyBytes, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyBytes, QSsl::Rsa, QSsl::Pem);
    if (chain.isEmpty() || key.isNull()) {
        *error = QStringLiteral("%1 holds no PEM certificate or %2 no PEM key (EC or RSA)").arg(certPath, keyPath);
        return std::nullopt;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    return configuration;
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
    ListenerOptions listenerOptions;
    const auto positive = [&](const char *name, double max, double *out) {
        const QString option = QString::fromLatin1(name);
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const double value = parser.value(option).toDouble(&ok);
        if (!ok || value <= 0 || value > max)
            return false;
        *out = value;
        return true;
    };
    double number = 0;
    if (!positive("message-limit", 64 << 20, &number))
        return usage(QStringLiteral("--message-limit takes a number of bytes up to 64 MiB"));
    if (number > 0)
        options.messageLimit = qint64(number);
    number = listenerOptions.maxConnectionsPerAddress;
    if (!positive("max-connections-per-address", 1e6, &number))
        return usage(QStringLiteral("--max-connections-per-address takes a positive number"));
    listenerOptions.maxConnectionsPerAddress = int(number);
    number = listenerOptions.maxPendingHandshakes;
    if (!positive("max-handshakes", 1e6, &number))
        return usage(QStringLiteral("--max-handshakes takes a positive number"));
    listenerOptions.maxPendingHandshakes = int(number);
    if (!positive("mutations-per-second", 1e6, &options.mutationsPerSecond))
        return usage(QStringLiteral("--mutations-per-second takes a positive number"));
    if (!positive("household-mutations-per-second", 1e7, &options.householdMutationsPerSecond))
        return usage(QStringLiteral("--household-mutations-per-second takes a positive number"));
    if (!positive("joins-per-second", 1e6, &options.joinsPerSecond) || options.joinsPerSecond < 1)
        return usage(QStringLiteral("--joins-per-second takes a number of at least 1"));
    options.joinBurst = options.joinsPerSecond * 2; // a second or two of joins at once, then paced
    options.mutationBurst = std::max(options.mutationBurst, options.mutationsPerSecond * 10);
    options.householdMutationBurst = std::max(options.householdMutationBurst, options.householdMutationsPerSecond * 10);
    listenerOptions.allowedOrigins = parser.values(QStringLiteral("allow-origin"));
    for (const QString &origin : std::as_const(listenerOptions.allowedOrigins))
        if (!origin.startsWith(QLatin1String("http://")) && !origin.startsWith(QLatin1String("https://")))
            return usage(QStringLiteral("--allow-origin takes an origin such as https://hearth.example (got \"%1\")").arg(origin));

    // Plain ws:// leaves a household's data readable to anyone on the network: only on loopback,
    // or when asked for by name (behind a reverse proxy that does TLS).
    const bool selfSigned = parser.isSet(QStringLiteral("tls"));
    const bool ownCertificate = parser.isSet(QStringLiteral("tls-cert")) || parser.isSet(QStringLiteral("tls-key"));
    const bool plain = parser.isSet(QStringLiteral("plain"));
    if (int(selfSigned) + int(ownCertificate) + int(plain) > 1)
        return usage(QStringLiteral("choose one of --tls, --tls-cert/--tls-key and --plain"));
    if (ownCertificate && (parser.value(QStringLiteral("tls-cert")).isEmpty() || parser.value(QStringLiteral("tls-key")).isEmpty()))
        return usage(QStringLiteral("--tls-cert FILE and --tls-key FILE go together"));
    if (!selfSigned && !ownCertificate && !plain && !address.isLoopback())
        return usage(QStringLiteral("%1 is reachable from the network: serve it with --tls (a self-signed certificate kept "
                                    "in DIR), --tls-cert/--tls-key, or say --plain when a proxy in front does TLS")
                         .arg(address.toString()));
    if (parser.isSet(QStringLiteral("ping-interval"))) {
        bool ok = false;
        const double seconds = parser.value(QStringLiteral("ping-interval")).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 3600)
            return usage(QStringLiteral("--ping-interval takes a number of seconds between 0 and 3600"));
        options.pingInterval = std::chrono::milliseconds(qint64(seconds * 1000));
    }

    QString error;
    auto opened = openData(parser.value(QStringLiteral("data")), clock, &error);
    if (!opened)
        return fail(error);

    QString fingerprint;
    if (selfSigned || ownCertificate) {
        const auto tls = selfSigned ? HostCertificate::loadOrCreate(parser.value(QStringLiteral("data")), &error)
                                    : loadCertificate(parser.value(QStringLiteral("tls-cert")), parser.value(QStringLiteral("tls-key")), &error);
        if (!tls)
            return fail(error);
        listenerOptions.tls = *tls;
        fingerprint = HostCertificate::fingerprint(tls->localCertificate());
    }

    // Plain ws goes through hearthd's own epoll transport (a few hundred bytes a socket instead of
    // QTcpSocket + QWebSocket, docs/benchmarks.md), which hands /api/pair over to the Qt listener.
    // wss (--tls, --tls-cert) and HEARTH_TRANSPORT=qt keep the Qt transport for everything.
    listenerOptions.frameLimit = options.messageLimit; // --message-limit is the largest frame too
    ServerStack server(*opened->directory, opened->secret,
                       {options, listenerOptions, qgetenv("HEARTH_TRANSPORT") != "qt", {}});
    if (!server.listen(address, quint16(port)))
        return fail(QStringLiteral("cannot listen on %1: %2").arg(listen, server.errorString()));
    const QHostAddress boundAddress = server.address();
    const quint16 boundPort = server.port();

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
        server.close(protocol::kCloseGoingAway, QStringLiteral("Server shutting down"));
        QTimer::singleShot(300, QCoreApplication::instance(), &QCoreApplication::quit);
    });

    // `hearthd secret rotate` replaces the key file: pick the new key up, which signs everyone out.
    QFileSystemWatcher secretWatcher;
    const QString secretFile = ServerSecret::filePath(parser.value(QStringLiteral("data")));
    if (!secretFile.isEmpty()) {
        secretWatcher.addPath(QFileInfo(secretFile).absolutePath());
        QObject::connect(&secretWatcher, &QFileSystemWatcher::directoryChanged, &secretWatcher, [&] {
            QString reloadError;
            const QByteArray secret = ServerSecret::load(parser.value(QStringLiteral("data")), &reloadError);
            if (secret.isEmpty() || secret == opened->secret)
                return;
            opened->secret = secret;
            server.rotateSecret(secret);
        });
    }

    QJsonObject started{{QStringLiteral("listening"), QStringLiteral("%1:%2").arg(boundAddress.toString()).arg(boundPort)},
                        {QStringLiteral("port"), boundPort},
                        {QStringLiteral("scheme"), server.isSecure() ? QStringLiteral("wss") : QStringLiteral("ws")},
                        {QStringLiteral("data"), parser.value(QStringLiteral("data"))}};
    if (!fingerprint.isEmpty()) {
        started.insert(QStringLiteral("certificate_sha256"), fingerprint);
        started.insert(QStringLiteral("security_code"), HostCertificate::shortCode(fingerprint));
    }
    print(started);

    // Devices on the network find the households by themselves (the Join dialog's list). Only a
    // TLS room on a network address: a loopback one is out of their reach, and behind --plain a
    // proxy is what they should reach, at an address this process does not know. Otherwise the
    // system bus is not even opened.
    std::unique_ptr<ServiceAdvertiser> advertiser;
    if (!fingerprint.isEmpty() && !boundAddress.isLoopback() && !parser.isSet(QStringLiteral("no-advertise"))) {
        QList<HouseholdAdvert> adverts;
        QSqlQuery households(opened->store->database());
        households.exec(QStringLiteral("SELECT id, name FROM households ORDER BY name"));
        while (households.next())
            adverts.append({households.value(0).toString(), households.value(1).toString(), fingerprint, boundPort});
        advertiser = std::make_unique<ServiceAdvertiser>();
        QObject::connect(advertiser.get(), &ServiceAdvertiser::stateChanged, advertiser.get(), [&](ServiceAdvertiser::State state) {
            if (state == ServiceAdvertiser::State::Established)
                print({{QStringLiteral("advertised"), QJsonArray::fromStringList(advertiser->serviceNames())}});
            else if (state == ServiceAdvertiser::State::Unavailable || state == ServiceAdvertiser::State::Failed)
                std::fprintf(stderr, "hearthd: not advertised on the local network: %s\n", qPrintable(advertiser->errorString()));
        });
        advertiser->advertise(adverts);
    }
    return QCoreApplication::exec();
}

int createHousehold(const QCommandLineParser &parser, SystemClock &clock)
{
    const QString name = parser.value(QStringLiteral("name")).trimmed();
    if (name.isEmpty())
        return usage(QStringLiteral("household create needs --name NAME"));
    QString error;
    auto opened = openData(parser.value(QStringLiteral("data")), clock, &error);
    if (!opened)
        return fail(error);
    const QString currency = parser.isSet(QStringLiteral("currency")) ? parser.value(QStringLiteral("currency")) : QStringLiteral("EUR");
    const QString owner = parser.isSet(QStringLiteral("owner")) ? parser.value(QStringLiteral("owner")) : QStringLiteral("Owner");
    auto engine = AuthoritativeEngine::createHousehold(*opened->store, clock, name, currency, 60000, owner, &error);
    if (!engine)
        return fail(error);
    HouseholdDirectory &directory = *opened->directory;
    Pairing pairing(directory, opened->secret);
    // The first code is the owner's: the device that redeems it joins as them.
    const auto code = pairing.createInviteFor(engine->householdId(), engine->actingMemberId());
    if (!code)
        return fail(QStringLiteral("the household was created but no invite code could be made"));
    print({{QStringLiteral("household_id"), engine->householdId()},
           {QStringLiteral("owner_member_id"), engine->actingMemberId()},
           {QStringLiteral("invite_code"), *code}});
    return 0;
}

// --role: adult (the default) or child; empty for anything else.
QString roleOption(const QCommandLineParser &parser)
{
    const QString role = parser.isSet(QStringLiteral("role")) ? parser.value(QStringLiteral("role")) : QStringLiteral("adult");
    return role == QLatin1String("adult") || role == QLatin1String("child") ? role : QString();
}

int token(const QCommandLineParser &parser, SystemClock &clock)
{
    const QString householdId = parser.value(QStringLiteral("household"));
    const QString name = parser.value(QStringLiteral("name")).trimmed();
    const QString role = roleOption(parser);
    if (householdId.isEmpty() || name.isEmpty())
        return usage(QStringLiteral("token needs --household ID and --name NAME"));
    if (role.isEmpty())
        return usage(QStringLiteral("--role is adult or child"));
    qint64 ttl = Pairing::kScriptTokenSeconds;
    if (parser.isSet(QStringLiteral("ttl"))) {
        bool ok = false;
        ttl = parser.value(QStringLiteral("ttl")).toLongLong(&ok);
        if (!ok || ttl <= 0)
            return usage(QStringLiteral("--ttl takes a positive number of seconds"));
    }
    QString error;
    auto opened = openData(parser.value(QStringLiteral("data")), clock, &error);
    if (!opened)
        return fail(error);
    HouseholdDirectory &directory = *opened->directory;
    Pairing pairing(directory, opened->secret);
    const auto joined = pairing.issueToken(householdId, name, role, ttl, &error);
    if (!joined)
        return fail(error);
    print({{QStringLiteral("household_id"), joined->householdId},
           {QStringLiteral("member_id"), joined->memberId},
           {QStringLiteral("token"), joined->token}});
    return 0;
}

QJsonArray invitesJson(const QList<Pairing::Invite> &invites)
{
    QJsonArray out;
    for (const Pairing::Invite &invite : invites)
    {
        QJsonObject entry{{QStringLiteral("invite_code"), invite.code},
                          {QStringLiteral("role"), invite.role},
                          {QStringLiteral("expires_at"), invite.expiresAt.toUTC().toString(Qt::ISODate)}};
        if (!invite.memberId.isEmpty()) {
            entry.insert(QStringLiteral("member_id"), invite.memberId);
            entry.insert(QStringLiteral("member"), invite.memberName);
        }
        out.append(entry);
    }
    return out;
}

int invite(const QString &action, const QCommandLineParser &parser, SystemClock &clock)
{
    // The command line first: a wrong one changes nothing, not even the data folder.
    const QString householdId = parser.value(QStringLiteral("household"));
    const QString code = parser.value(QStringLiteral("code"));
    if (action == QLatin1String("revoke") && code.isEmpty())
        return usage(QStringLiteral("invite revoke needs --code CODE"));
    if (action != QLatin1String("revoke") && householdId.isEmpty())
        return usage(QStringLiteral("invite %1 needs --household ID").arg(action));
    const QString role = roleOption(parser);
    if (role.isEmpty())
        return usage(QStringLiteral("--role is adult or child"));
    qint64 hours = 24;
    if (parser.isSet(QStringLiteral("hours"))) {
        bool ok = false;
        hours = parser.value(QStringLiteral("hours")).toLongLong(&ok);
        if (!ok || hours <= 0 || hours > 24 * 30)
            return usage(QStringLiteral("--hours takes a number of hours from 1 to 720"));
    }

    QString error;
    auto opened = openData(parser.value(QStringLiteral("data")), clock, &error);
    if (!opened)
        return fail(error);
    Pairing pairing(*opened->directory, opened->secret);
    if (action == QLatin1String("revoke")) {
        if (!pairing.revokeInvite(code))
            return fail(QStringLiteral("no open invite has that code"));
        print({{QStringLiteral("revoked"), true}});
        return 0;
    }
    if (!opened->directory->engine(householdId))
        return fail(QStringLiteral("there is no household %1 here").arg(householdId));
    if (action == QLatin1String("list")) {
        print({{QStringLiteral("invites"), invitesJson(pairing.openInvites(householdId))}});
        return 0;
    }
    const QString member = parser.value(QStringLiteral("member")).trimmed();
    if (!member.isEmpty() && parser.isSet(QStringLiteral("role")))
        return usage(QStringLiteral("--member and --role do not go together: a code for a member joins with their role"));
    if (!member.isEmpty()) {
        // A code for someone already in the household (the owner `household create` made, say).
        QSqlQuery found(opened->store->database());
        found.prepare(QStringLiteral("SELECT id FROM members WHERE household_id = ? AND lower(name) = lower(?)"));
        found.addBindValue(householdId);
        found.addBindValue(member);
        if (!found.exec() || !found.next())
            return fail(QStringLiteral("nobody in household %1 is called %2").arg(householdId, member));
        if (!pairing.createInviteFor(householdId, found.value(0).toString(), hours * 3600, &error))
            return fail(error);
    } else if (!pairing.createInvite(householdId, role, hours * 3600)) {
        return fail(QStringLiteral("no invite code could be made"));
    }
    print(invitesJson(pairing.openInvites(householdId)).first().toObject());
    return 0;
}

int device(const QString &action, const QCommandLineParser &parser, SystemClock &clock)
{
    const QString householdId = parser.value(QStringLiteral("household"));
    const QString deviceId = parser.value(QStringLiteral("device"));
    if (action == QLatin1String("sign-out") && deviceId.isEmpty())
        return usage(QStringLiteral("device sign-out needs --device ID"));
    if (action == QLatin1String("list") && householdId.isEmpty())
        return usage(QStringLiteral("device list needs --household ID"));
    QString error;
    auto opened = openData(parser.value(QStringLiteral("data")), clock, &error);
    if (!opened)
        return fail(error);
    HouseholdDirectory &directory = *opened->directory;
    if (action == QLatin1String("sign-out")) {
        if (!directory.devices().signOut(deviceId))
            return fail(QStringLiteral("no signed-in device has that id"));
        // A running server closes the device's connections at its next ping round (30 s by default).
        print({{QStringLiteral("signed_out"), true}});
        return 0;
    }
    QJsonArray devices;
    for (const DeviceRegistry::Device &d : directory.devices().devices(householdId))
        devices.append(QJsonObject{{QStringLiteral("device_id"), d.id},
                                   {QStringLiteral("name"), d.name},
                                   {QStringLiteral("member_id"), d.memberId},
                                   {QStringLiteral("member_name"), d.memberName},
                                   {QStringLiteral("paired_at"), d.createdAt.toUTC().toString(Qt::ISODate)},
                                   {QStringLiteral("last_seen_at"), d.lastSeenAt.isValid() ? QJsonValue(d.lastSeenAt.toUTC().toString(Qt::ISODate)) : QJsonValue()},
                                   {QStringLiteral("signed_out"), d.signedOut}});
    print({{QStringLiteral("devices"), devices}});
    return 0;
}

int rotateSecret(const QCommandLineParser &parser, SystemClock &clock)
{
    QString error;
    auto opened = openData(parser.value(QStringLiteral("data")), clock, &error);
    if (!opened)
        return fail(error);
    if (ServerSecret::rotate(parser.value(QStringLiteral("data")), &error).isEmpty())
        return fail(error);
    // Every device must pair again: their refresh credentials end with the old key's tokens.
    HouseholdDirectory &directory = *opened->directory;
    const int signedOut = directory.devices().signOutAll();
    print({{QStringLiteral("rotated"), true}, {QStringLiteral("devices_signed_out"), signedOut}});
    return 0;
}

} // namespace

// The store as it is at one moment, copied while the server may go on writing it.
int backupStore(const QCommandLineParser &parser)
{
    const QString target = parser.value(QStringLiteral("to"));
    if (target.isEmpty())
        return usage(QStringLiteral("backup needs --to FILE, where the copy goes"));
    const QString store = QDir(parser.value(QStringLiteral("data"))).filePath(QStringLiteral("hearthd.db"));
    QString error;
    if (!Store::backup(store, target, &error))
        return fail(error);
    print({{QStringLiteral("backup"), QFileInfo(target).absoluteFilePath()},
           {QStringLiteral("bytes"), QFileInfo(target).size()},
           {QStringLiteral("from"), QFileInfo(store).absoluteFilePath()}});
    return 0;
}

int checkStore(const QCommandLineParser &parser)
{
    const QString store = QDir(parser.value(QStringLiteral("data"))).filePath(QStringLiteral("hearthd.db"));
    const QString damage = Store::damage(store, true);
    if (!damage.isEmpty())
        return fail(QStringLiteral("%1 is damaged: %2. Restore the latest backup (hearthd backup) with the server stopped.")
                        .arg(store, damage));
    print({{QStringLiteral("store"), QFileInfo(store).absoluteFilePath()}, {QStringLiteral("ok"), true}});
    return 0;
}

int main(int argc, char *argv[])
{
    // One thread serves every socket: an epoll loop costs the number of ready sockets per wake-up,
    // Qt's Unix loops the number of all of them (docs/benchmarks.md, "Live sync load").
    // HEARTH_EVENT_LOOP=qt keeps Qt's own.
    if (qgetenv("HEARTH_EVENT_LOOP") != "qt")
        EpollEventDispatcher::installIfAvailable();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hearthd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HEARTH_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Hearth household room server: serves the households kept in a data folder to the Hearth\n"
                       "app and to other clients of wire protocol v1, live, over WebSocket (ws or wss), and\n"
                       "manages their invite codes, devices and signing key.\n\nCommands:\n")
        + commandsHelp(true).chopped(1));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("One of the commands above."));
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
        {QStringLiteral("tls"), QStringLiteral("Serve wss with a self-signed certificate kept in DIR (made on first use).")},
        {QStringLiteral("tls-cert"), QStringLiteral("Serve wss with this PEM certificate (chain)."), QStringLiteral("FILE")},
        {QStringLiteral("tls-key"), QStringLiteral("The PEM private key of --tls-cert."), QStringLiteral("FILE")},
        {QStringLiteral("plain"), QStringLiteral("Serve plain ws on a network address (a proxy in front does TLS).")},
        {QStringLiteral("no-advertise"), QStringLiteral("Do not advertise the households on the local network (DNS-SD).")},
        {QStringLiteral("allow-origin"), QStringLiteral("A browser origin allowed to connect (repeatable)."), QStringLiteral("ORIGIN")},
        {QStringLiteral("message-limit"), QStringLiteral("Largest message and frame in bytes (default 4 MiB)."), QStringLiteral("BYTES")},
        {QStringLiteral("max-connections-per-address"), QStringLiteral("Open connections from one address (default 64)."), QStringLiteral("N")},
        {QStringLiteral("max-handshakes"), QStringLiteral("Connections still in their handshake (default 256)."), QStringLiteral("N")},
        {QStringLiteral("mutations-per-second"), QStringLiteral("Sustained changes per connection (default 100)."), QStringLiteral("N")},
        {QStringLiteral("household-mutations-per-second"), QStringLiteral("Sustained changes per household (default 300)."), QStringLiteral("N")},
        {QStringLiteral("joins-per-second"), QStringLiteral("Joins taken per second before shedding load with 4503 (default 500)."),
         QStringLiteral("N")},
        {QStringLiteral("hours"), QStringLiteral("How long a new invite code lasts (default 24)."), QStringLiteral("N")},
        {QStringLiteral("member"), QStringLiteral("The member an invite code is for (joins as them)."), QStringLiteral("NAME")},
        {QStringLiteral("code"), QStringLiteral("An invite code."), QStringLiteral("CODE")},
        {QStringLiteral("device"), QStringLiteral("A device id."), QStringLiteral("ID")},
        {QStringLiteral("to"), QStringLiteral("Where backup writes the copy (a new file)."), QStringLiteral("FILE")},
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
    const QString verb = command.value(0);
    const QString action = command.value(1);
    const bool known = command == QStringList{QStringLiteral("serve")} || command == QStringList{QStringLiteral("token")}
        || command == QStringList{QStringLiteral("household"), QStringLiteral("create")}
        || (command.size() == 2 && verb == QLatin1String("invite")
            && (action == QLatin1String("create") || action == QLatin1String("list") || action == QLatin1String("revoke")))
        || (command.size() == 2 && verb == QLatin1String("device")
            && (action == QLatin1String("list") || action == QLatin1String("sign-out")))
        || command == QStringList{QStringLiteral("secret"), QStringLiteral("rotate")}
        || command == QStringList{QStringLiteral("backup")} || command == QStringList{QStringLiteral("check")};
    if (known && parser.value(QStringLiteral("data")).isEmpty())
        return usage(QStringLiteral("--data DIR is required"));
    if (command == QStringList{QStringLiteral("serve")})
        return serve(parser, clock);
    if (command == QStringList{QStringLiteral("household"), QStringLiteral("create")})
        return createHousehold(parser, clock);
    if (command == QStringList{QStringLiteral("token")})
        return token(parser, clock);
    if (known && verb == QLatin1String("invite"))
        return invite(action, parser, clock);
    if (known && verb == QLatin1String("device"))
        return device(action, parser, clock);
    if (known && verb == QLatin1String("secret"))
        return rotateSecret(parser, clock);
    if (known && verb == QLatin1String("backup"))
        return backupStore(parser);
    if (known && verb == QLatin1String("check"))
        return checkStore(parser);
    return usage(command.isEmpty() ? QStringLiteral("no command given")
                                   : QStringLiteral("unknown command \"%1\"").arg(command.join(QLatin1Char(' '))));
}
