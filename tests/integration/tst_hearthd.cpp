// hearthd as an operator runs it: the commands and their JSON, refused arguments and data
// folders, the server secret, the protocol's admission rules over the real process, and a clean
// shutdown on SIGTERM/SIGINT (sockets closed with 1001, acknowledged data on disk).

#include "Jwt.h"
#include "PairingClient.h"
#include "Processes.h"
#include "StoreDamage.h"
#include "SyncTestSupport.h"

#include <QJsonArray>
#include <QTcpSocket>
#include <QUuid>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hearth;
using namespace hearth::test;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestHearthd : public QObject
{
    Q_OBJECT

private:
    std::optional<std::pair<uid_t, gid_t>> m_chownTo; // the unprivileged user a root-run test hands files to

    struct Household
    {
        QString id;
        QString ownerId;
        QString invite;
    };

    // `hearthd household create` in DIR; fails the test (returns empty) when it does not work.
    static Household createHousehold(const QString &dir, const QString &name)
    {
        const CommandResult r = runHearthd({QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("--data"), dir,
                                            QStringLiteral("--name"), name});
        if (r.exitCode != 0) {
            qWarning("household create failed: %s", qPrintable(r.err));
            return {};
        }
        const QJsonObject o = r.json();
        return {o.value(QLatin1String("household_id")).toString(), o.value(QLatin1String("owner_member_id")).toString(),
                o.value(QLatin1String("invite_code")).toString()};
    }

    static QString token(const QString &dir, const QString &householdId, const QString &name)
    {
        const CommandResult r = runHearthd({QStringLiteral("token"), QStringLiteral("--data"), dir, QStringLiteral("--household"),
                                            householdId, QStringLiteral("--name"), name});
        return r.exitCode == 0 ? r.json().value(QLatin1String("token")).toString() : QString();
    }

    // Serves `dataDir`, joins as Sam and sends `count` pantry items at once (their mutation ids in *sent).
    static bool serveAndSend(Server &server, RawClient &client, const QString &dataDir, const QString &householdId, int count,
                             QStringList *sent)
    {
        QString error;
        if (!server.start(dataDir, 0, {}, &error)) {
            qWarning() << error;
            return false;
        }
        client.open(server.roomUrl(householdId, token(dataDir, householdId, QStringLiteral("Sam"))));
        if (!QTest::qWaitFor([&] { return client.has(QStringLiteral("connected")); }, 10000))
            return false;
        for (int i = 0; i < count; ++i)
            *sent << client.sendPantryCreate(QStringLiteral("A pantry item with a longer name, number %1").arg(i));
        return true;
    }

    static QJsonObject jwtPayload(const QString &token)
    {
        return QJsonDocument::fromJson(QByteArray::fromBase64(token.section(QLatin1Char('.'), 1, 1).toLatin1(),
                                                              QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
            .object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(hearthdBinary()), qPrintable(hearthdBinary()));
        QVERIFY2(QFile::exists(syncClientBinary()), qPrintable(syncClientBinary()));
    }

    void helpAndVersion()
    {
        const CommandResult help = runHearthd({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        // Every command with its synopsis (the man page is made from this text).
        for (const char *option : {"hearthd serve --listen", "hearthd household create", "hearthd token", "hearthd invite create",
                                   "hearthd invite list", "hearthd invite revoke", "hearthd device list", "hearthd device sign-out",
                                   "hearthd secret rotate", "--ping-interval", "--role", "--ttl", "--verbose"})
            QVERIFY2(help.out.contains(QLatin1String(option)), option);
        const CommandResult version = runHearthd({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.contains(QRegularExpression(QStringLiteral("\\d+\\.\\d+\\.\\d+"))), qPrintable(version.out));
    }

    void householdCreatePrintsIdsAndInvite()
    {
        QTemporaryDir dir;
        const CommandResult r = runHearthd({QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("--data"),
                                            dir.path(), QStringLiteral("--name"), QStringLiteral("The Millers")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        QVERIFY2(!o.value(QLatin1String("household_id")).toString().isEmpty(), qPrintable(r.out));
        QVERIFY(!o.value(QLatin1String("owner_member_id")).toString().isEmpty());
        // 8 characters from the alphabet without look-alikes (no 0/O, 1/I/L).
        const QString invite = o.value(QLatin1String("invite_code")).toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^[A-HJKMNP-Z2-9]{8}$")).match(invite).hasMatch(), qPrintable(invite));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("hearthd.db"))));

        StoreReader store(dir.filePath(QStringLiteral("hearthd.db")));
        QVERIFY(store.isOpen());
        QCOMPARE(store.value(QStringLiteral("SELECT name FROM households WHERE id = ?"), {o.value(QLatin1String("household_id")).toString()})
                     .toString(),
                 QStringLiteral("The Millers"));
    }

    void tokenCreatesTheMemberOnce()
    {
        QTemporaryDir dir;
        const Household h = createHousehold(dir.path(), QStringLiteral("Home"));
        QVERIFY(!h.id.isEmpty());

        const QStringList base{QStringLiteral("token"), QStringLiteral("--data"), dir.path(), QStringLiteral("--household"), h.id,
                               QStringLiteral("--name"), QStringLiteral("Sam")};
        const CommandResult first = runHearthd(base + QStringList{QStringLiteral("--role"), QStringLiteral("child")});
        QCOMPARE(first.exitCode, 0);
        const QJsonObject o = first.json();
        QCOMPARE(o.value(QLatin1String("household_id")).toString(), h.id);
        const QString memberId = o.value(QLatin1String("member_id")).toString();
        QVERIFY(!memberId.isEmpty());
        const QString jwt = o.value(QLatin1String("token")).toString();
        QCOMPARE(jwt.count(QLatin1Char('.')), 2);
        const QJsonObject header = QJsonDocument::fromJson(QByteArray::fromBase64(
                                                               jwt.section(QLatin1Char('.'), 0, 0).toLatin1(),
                                                               QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
                                       .object();
        QCOMPARE(header.value(QLatin1String("alg")).toString(), QStringLiteral("HS256"));
        const QJsonObject claims = jwtPayload(jwt);
        QCOMPARE(claims.value(QLatin1String("sub")).toString(), memberId);
        QCOMPARE(claims.value(QLatin1String("household_id")).toString(), h.id);
        QCOMPARE(claims.value(QLatin1String("role")).toString(), QStringLiteral("child"));
        QVERIFY(claims.value(QLatin1String("exp")).toInteger() > QDateTime::currentSecsSinceEpoch() + 24 * 3600);

        // The token verifies with the key kept in the data folder.
        QFile secretFile(dir.filePath(QStringLiteral("jwt_secret")));
        QVERIFY(secretFile.open(QIODevice::ReadOnly));
        const QByteArray secret = QByteArray::fromHex(secretFile.readAll().trimmed());
        const jwt::Verified verified = jwt::verify(jwt, secret, QDateTime::currentDateTime());
        QVERIFY2(verified.claims, qPrintable(jwt::failureText(verified.failure)));

        // Asking again for the same name gives the same member (created once); --ttl is honoured.
        const CommandResult again = runHearthd(base + QStringList{QStringLiteral("--ttl"), QStringLiteral("60")});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.json().value(QLatin1String("member_id")).toString(), memberId);
        const qint64 exp = jwtPayload(again.json().value(QLatin1String("token")).toString()).value(QLatin1String("exp")).toInteger();
        QVERIFY(exp <= QDateTime::currentSecsSinceEpoch() + 61);

        StoreReader store(dir.filePath(QStringLiteral("hearthd.db")));
        QCOMPARE(store.value(QStringLiteral("SELECT count(*) FROM members WHERE household_id = ? AND name = ?"), {h.id, QStringLiteral("Sam")})
                     .toInt(),
                 1);
        QCOMPARE(store.value(QStringLiteral("SELECT role FROM members WHERE id = ?"), {memberId}).toString(), QStringLiteral("child"));
    }

    void badArgumentsAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("exitCode"); // 2: the command line is wrong; 1: it was right but could not be done
        const QString dir = QStringLiteral("@DIR@");
        QTest::newRow("no command") << QStringList{} << QStringLiteral("no command given") << 2;
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate"), QStringLiteral("--data"), dir}
                                         << QStringLiteral("unknown command \"frobnicate\"") << 2;
        QTest::newRow("unknown option") << QStringList{QStringLiteral("serve"), QStringLiteral("--frob")} << QStringLiteral("frob") << 2;
        QTest::newRow("household without create")
            << QStringList{QStringLiteral("household"), QStringLiteral("--data"), dir} << QStringLiteral("unknown command \"household\"") << 2;
        QTest::newRow("serve without --data")
            << QStringList{QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}
            << QStringLiteral("--data DIR is required") << 2;
        QTest::newRow("serve without --listen") << QStringList{QStringLiteral("serve"), QStringLiteral("--data"), dir}
                                                << QStringLiteral("--listen needs ADDR:PORT") << 2;
        QTest::newRow("serve, port out of range")
            << QStringList{QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:70000"), QStringLiteral("--data"), dir}
            << QStringLiteral("--listen needs ADDR:PORT") << 2;
        QTest::newRow("serve, no address")
            << QStringList{QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("8765"), QStringLiteral("--data"), dir}
            << QStringLiteral("--listen needs ADDR:PORT") << 2;
        QTest::newRow("serve, bad ping interval")
            << QStringList{QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"), dir,
                           QStringLiteral("--ping-interval"), QStringLiteral("soon")}
            << QStringLiteral("--ping-interval") << 2;
        QTest::newRow("household create without --name")
            << QStringList{QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("--data"), dir}
            << QStringLiteral("needs --name") << 2;
        QTest::newRow("household create without --data")
            << QStringList{QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("X")}
            << QStringLiteral("--data DIR is required") << 2;
        QTest::newRow("token without --household")
            << QStringList{QStringLiteral("token"), QStringLiteral("--data"), dir, QStringLiteral("--name"), QStringLiteral("Sam")}
            << QStringLiteral("needs --household") << 2;
        QTest::newRow("token with a bad role")
            << QStringList{QStringLiteral("token"), QStringLiteral("--data"), dir, QStringLiteral("--household"), QStringLiteral("h"),
                           QStringLiteral("--name"), QStringLiteral("Sam"), QStringLiteral("--role"), QStringLiteral("admin")}
            << QStringLiteral("--role is adult or child") << 2;
        QTest::newRow("token with a bad ttl")
            << QStringList{QStringLiteral("token"), QStringLiteral("--data"), dir, QStringLiteral("--household"), QStringLiteral("h"),
                           QStringLiteral("--name"), QStringLiteral("Sam"), QStringLiteral("--ttl"), QStringLiteral("-5")}
            << QStringLiteral("--ttl takes a positive number") << 2;
        const auto serve = [&](QStringList extra) {
            return QStringList{QStringLiteral("serve"), QStringLiteral("--data"), dir} + extra;
        };
        QTest::newRow("serve plain ws on a network address")
            << serve({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")}) << QStringLiteral("reachable from the network") << 2;
        QTest::newRow("serve with --tls and --plain")
            << serve({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0"), QStringLiteral("--tls"), QStringLiteral("--plain")})
            << QStringLiteral("choose one of") << 2;
        QTest::newRow("serve with a certificate but no key")
            << serve({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--tls-cert"), QStringLiteral("/nonexistent.pem")})
            << QStringLiteral("go together") << 2;
        QTest::newRow("serve with an unreadable certificate")
            << serve({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--tls-cert"), QStringLiteral("/nonexistent.pem"),
                      QStringLiteral("--tls-key"), QStringLiteral("/nonexistent.key")})
            << QStringLiteral("cannot read") << 1;
        QTest::newRow("serve with a bad origin")
            << serve({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--allow-origin"), QStringLiteral("example.com")})
            << QStringLiteral("--allow-origin takes an origin") << 2;
        QTest::newRow("serve with a bad connection limit")
            << serve({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--max-connections-per-address"), QStringLiteral("0")})
            << QStringLiteral("--max-connections-per-address") << 2;
        QTest::newRow("invite create without --household")
            << QStringList{QStringLiteral("invite"), QStringLiteral("create"), QStringLiteral("--data"), dir}
            << QStringLiteral("needs --household") << 2;
        QTest::newRow("invite revoke of an unknown code")
            << QStringList{QStringLiteral("invite"), QStringLiteral("revoke"), QStringLiteral("--data"), dir, QStringLiteral("--code"), QStringLiteral("ABCD2345")}
            << QStringLiteral("no open invite") << 1;
        QTest::newRow("device sign-out of an unknown device")
            << QStringList{QStringLiteral("device"), QStringLiteral("sign-out"), QStringLiteral("--data"), dir, QStringLiteral("--device"), QStringLiteral("x")}
            << QStringLiteral("no signed-in device") << 1;
        QTest::newRow("secret rotate with the key in the environment is explained elsewhere: unknown verb")
            << QStringList{QStringLiteral("secret"), QStringLiteral("show"), QStringLiteral("--data"), dir}
            << QStringLiteral("unknown command \"secret show\"") << 2;
        QTest::newRow("token for an unknown household")
            << QStringList{QStringLiteral("token"), QStringLiteral("--data"), dir, QStringLiteral("--household"), QStringLiteral("nope"),
                           QStringLiteral("--name"), QStringLiteral("Sam")}
            << QStringLiteral("There is no household nope") << 1;
    }

    void badArgumentsAreRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QFETCH(int, exitCode);
        QTemporaryDir dir;
        arguments.replaceInStrings(QStringLiteral("@DIR@"), dir.path());
        const CommandResult r = runHearthd(arguments);
        QVERIFY2(r.finished, "hearthd did not exit");
        QVERIFY2(r.exitCode == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.err.startsWith(QLatin1String("hearthd: ")), qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out)); // stdout is for the JSON answer only
    }

    void unusableDataFolderIsRefused_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("message");
        // Root reads and writes anything: those rows run hearthd as "nobody" (via setpriv) when the test is root.
        QTest::addColumn<bool>("needsPermissions");
        QTest::newRow("a file in the way") << QStringLiteral("file") << QStringLiteral("cannot use the data folder") << false;
        QTest::newRow("read-only folder") << QStringLiteral("readonly") << QStringLiteral("cannot use the data folder") << true;
        // Not even root can make a folder in /proc: an unwritable place that holds for every user.
        QTest::newRow("read-only file system") << QStringLiteral("proc") << QStringLiteral("cannot use the data folder") << false;
        QTest::newRow("unreadable secret") << QStringLiteral("secret-unreadable") << QStringLiteral("cannot read") << true;
        QTest::newRow("secret is a folder") << QStringLiteral("secret-folder") << QStringLiteral("cannot read") << false;
        QTest::newRow("secret holds no key") << QStringLiteral("secret-garbage") << QStringLiteral("holds no usable key") << false;
        QTest::newRow("store is not a Hearth file") << QStringLiteral("store-garbage") << QStringLiteral("left untouched") << false;
        QTest::newRow("store is a folder") << QStringLiteral("store-folder") << QStringLiteral("is not a file") << false;
    }

    void unusableDataFolderIsRefused()
    {
        QFETCH(QString, setup);
        QFETCH(QString, message);
        QFETCH(bool, needsPermissions);
        QTemporaryDir tmp;
        QString data = tmp.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        QStringList wrapper;
        if (needsPermissions && ::geteuid() == 0) {
            const passwd *nobody = ::getpwnam("nobody");
            const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
            if (!nobody || setpriv.isEmpty())
                QSKIP("running as root without setpriv or a \"nobody\" user: file permissions do not stop root");
            wrapper = {setpriv, QStringLiteral("--reuid=%1").arg(nobody->pw_uid), QStringLiteral("--regid=%1").arg(nobody->pw_gid),
                       QStringLiteral("--clear-groups")};
            QVERIFY(QFile::setPermissions(tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                          | QFileDevice::ExeGroup | QFileDevice::ExeOther));
            QCOMPARE(::chown(QFile::encodeName(data).constData(), nobody->pw_uid, nobody->pw_gid), 0);
            m_chownTo = {nobody->pw_uid, nobody->pw_gid};
        } else {
            m_chownTo.reset();
        }
        const auto write = [](const QString &path, const QByteArray &bytes) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
        };
        if (setup == QLatin1String("file")) {
            QVERIFY(write(tmp.filePath(QStringLiteral("blocker")), "x"));
            data = tmp.filePath(QStringLiteral("blocker/data"));
        } else if (setup == QLatin1String("proc")) {
            data = QStringLiteral("/proc/self/hearthd-data");
        } else if (setup == QLatin1String("readonly")) {
            QVERIFY(QFile::setPermissions(data, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        } else if (setup == QLatin1String("secret-unreadable")) {
            const QString secret = QDir(data).filePath(QStringLiteral("jwt_secret"));
            QVERIFY(write(secret, QByteArray(64, 'a')));
            if (m_chownTo)
                QCOMPARE(::chown(QFile::encodeName(secret).constData(), m_chownTo->first, m_chownTo->second), 0);
            QVERIFY(QFile::setPermissions(secret, QFileDevice::WriteOwner));
        } else if (setup == QLatin1String("secret-folder")) {
            QVERIFY(QDir(data).mkdir(QStringLiteral("jwt_secret")));
        } else if (setup == QLatin1String("secret-garbage")) {
            QVERIFY(write(QDir(data).filePath(QStringLiteral("jwt_secret")), "not a key\n"));
        } else if (setup == QLatin1String("store-garbage")) {
            QVERIFY(write(QDir(data).filePath(QStringLiteral("hearthd.db")), QByteArray(4096, '\x5a')));
        } else if (setup == QLatin1String("store-folder")) {
            QVERIFY(QDir(data).mkdir(QStringLiteral("hearthd.db")));
        }
        for (const QStringList &arguments :
             {QStringList{QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"), data},
              QStringList{QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("--data"), data, QStringLiteral("--name"),
                          QStringLiteral("X")}}) {
            const CommandResult r = runHearthd(arguments, cleanEnvironment(), 30000, wrapper);
            QVERIFY2(r.finished, "hearthd did not exit");
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(message), qPrintable(r.err));
            QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        }
        QFile::setPermissions(data, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    void generatedSecretIsPrivate()
    {
        QTemporaryDir tmp;
        const QString data = tmp.filePath(QStringLiteral("new/data"));
        QVERIFY(!createHousehold(data, QStringLiteral("Home")).id.isEmpty());
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(QDir(data).filePath(QStringLiteral("jwt_secret"))).constData(), &info), 0);
        QCOMPARE(info.st_mode & 07777, mode_t(0600));
        QFile secretFile(QDir(data).filePath(QStringLiteral("jwt_secret")));
        QVERIFY(secretFile.open(QIODevice::ReadOnly));
        QCOMPARE(QByteArray::fromHex(secretFile.readAll().trimmed()).size(), 32); // 256 bits
        // A data folder hearthd makes itself is private too: it holds invite codes.
        QCOMPARE(::stat(QFile::encodeName(data).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0077, mode_t(0));
    }

    void secretFromEnvironment_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("31 bytes") << QByteArray(31, 'k') << false;
        QTest::newRow("short") << QByteArray("hunter2") << false;
        QTest::newRow("32 bytes") << QByteArray(32, 'k') << true;
        QTest::newRow("long") << QByteArray("a much longer secret than thirty-two bytes, for sure") << true;
    }

    void secretFromEnvironment()
    {
        QFETCH(QByteArray, secret);
        QFETCH(bool, accepted);
        QTemporaryDir dir;
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("HEARTH_JWT_SECRET"), QString::fromLatin1(secret));
        const CommandResult created = runHearthd({QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("--data"), dir.path(),
                                                  QStringLiteral("--name"), QStringLiteral("Home")},
                                                 env);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("jwt_secret")))); // nothing generated when the environment has one
        if (!accepted) {
            QCOMPARE(created.exitCode, 1);
            QVERIFY2(created.err.contains(QLatin1String("HEARTH_JWT_SECRET must be at least 32 bytes")), qPrintable(created.err));
            QVERIFY2(!created.err.contains(QString::fromLatin1(secret)), "the secret must not be printed");
            const CommandResult served = runHearthd({QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                                     QStringLiteral("--data"), dir.path()},
                                                    env);
            QCOMPARE(served.exitCode, 1);
            QVERIFY2(served.err.contains(QLatin1String("HEARTH_JWT_SECRET")), qPrintable(served.err));
            return;
        }
        QCOMPARE(created.exitCode, 0);
        const CommandResult issued = runHearthd({QStringLiteral("token"), QStringLiteral("--data"), dir.path(), QStringLiteral("--household"),
                                                 created.json().value(QLatin1String("household_id")).toString(), QStringLiteral("--name"),
                                                 QStringLiteral("Sam")},
                                                env);
        QCOMPARE(issued.exitCode, 0);
        const jwt::Verified verified = jwt::verify(issued.json().value(QLatin1String("token")).toString(), secret, QDateTime::currentDateTime());
        QVERIFY2(verified.claims, qPrintable(jwt::failureText(verified.failure)));
    }

    void busyPortIsRefused()
    {
        QTemporaryDir dir;
        Server first;
        QString error;
        QVERIFY2(first.start(dir.filePath(QStringLiteral("one")), 0, {}, &error), qPrintable(error));
        const CommandResult second = runHearthd({QStringLiteral("serve"), QStringLiteral("--listen"),
                                                 QStringLiteral("127.0.0.1:%1").arg(first.port), QStringLiteral("--data"),
                                                 dir.filePath(QStringLiteral("two"))});
        QVERIFY2(second.finished, "the second hearthd kept running");
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.err.contains(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(first.port)), qPrintable(second.err));
        QVERIFY2(second.out.isEmpty(), qPrintable(second.out)); // no "listening" line
        QCOMPARE(first.process.state(), QProcess::Running);
    }

    void roomAdmission()
    {
        QTemporaryDir dir;
        const Household home = createHousehold(dir.path(), QStringLiteral("Home"));
        const Household other = createHousehold(dir.path(), QStringLiteral("Next door"));
        QVERIFY(!home.id.isEmpty() && !other.id.isEmpty());
        const QString homeToken = token(dir.path(), home.id, QStringLiteral("Sam"));
        const QString otherToken = token(dir.path(), other.id, QStringLiteral("Kim"));
        QVERIFY(!homeToken.isEmpty() && !otherToken.isEmpty());
        // Signed with another key: forged.
        const QString forged = jwt::sign({jwtPayload(homeToken).value(QLatin1String("sub")).toString(), home.id, QStringLiteral("adult"),
                                          QDateTime::currentSecsSinceEpoch() + 3600, {}},
                                         QByteArray(32, 'x'), QDateTime::currentDateTime());

        Server server;
        QString error;
        QVERIFY2(server.start(dir.path(), 0, {QStringLiteral("--verbose")}, &error), qPrintable(error));

        RawClient good;
        good.open(server.roomUrl(home.id, homeToken));
        QTRY_VERIFY_WITH_TIMEOUT(good.has(QStringLiteral("connected")), 10000);
        const QJsonObject connected = good.messages.first();
        QCOMPARE(connected.value(QLatin1String("event")).toString(), QStringLiteral("connected"));
        const QJsonObject data = connected.value(QLatin1String("data")).toObject();
        QCOMPARE(data.value(QLatin1String("household_id")).toString(), home.id);
        QCOMPARE(data.value(QLatin1String("member_id")).toString(), jwtPayload(homeToken).value(QLatin1String("sub")).toString());
        QCOMPARE(data.value(QLatin1String("active_connections")).toInt(), 1);
        QVERIFY(data.value(QLatin1String("seq")).toInteger() > 0); // the household's creation is in the log
        QVERIFY(data.contains(QLatin1String("message")));

        // A mutation is acknowledged and broadcast back to the sender with the next seq.
        const QString id = good.sendPantryCreate(QStringLiteral("Oat milk"));
        QTRY_VERIFY_WITH_TIMEOUT(!good.ackFor(id).isEmpty() && good.has(QStringLiteral("pantry_updated")), 10000);
        QCOMPARE(good.ackFor(id).value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(good.ackFor(id).value(QLatin1String("seq")).toInteger(), data.value(QLatin1String("seq")).toInteger() + 1);
        QCOMPARE(good.last(QStringLiteral("pantry_updated")).value(QLatin1String("data")).toObject().value(QLatin1String("mutation_id")).toString(), id);

        struct Refusal
        {
            const char *what;
            QUrl url;
            int code;
            QString reason;
        };
        const QList<Refusal> refusals{
            {"garbage token", server.roomUrl(home.id, QStringLiteral("not.a.token")), protocol::kCloseUnauthorized, QStringLiteral("Unauthorized")},
            {"no token", server.roomUrl(home.id, QString()), protocol::kCloseUnauthorized, QStringLiteral("Unauthorized")},
            {"forged token", server.roomUrl(home.id, forged), protocol::kCloseUnauthorized, QStringLiteral("Unauthorized")},
            {"another household's token", server.roomUrl(home.id, otherToken), protocol::kCloseForbidden, QStringLiteral("Forbidden")},
        };
        for (const Refusal &refusal : refusals) {
            RawClient client;
            client.open(refusal.url);
            QTRY_VERIFY2_WITH_TIMEOUT(client.closed, refusal.what, 10000);
            QVERIFY2(client.closeCode == refusal.code, qPrintable(QStringLiteral("%1: close code %2").arg(QLatin1String(refusal.what)).arg(client.closeCode)));
            QCOMPARE(client.closeReason, refusal.reason);
            QVERIFY2(client.messages.isEmpty(), refusal.what); // nothing is sent before the refusal
        }
        QCOMPARE(good.closed, false);

        // --verbose logs joins and refusals on stderr, and never a token.
        QString log;
        QTRY_VERIFY_WITH_TIMEOUT((log += QString::fromLocal8Bit(server.process.readAllStandardError())).count(QLatin1String("refused a join")) == 4,
                                 5000);
        QVERIFY2(log.contains(QLatin1String("joined household")), qPrintable(log));
        QVERIFY2(log.contains(QLatin1String("token is for another household")), qPrintable(log));
        for (const QString &secret : {homeToken, otherToken, forged})
            QVERIFY2(!log.contains(secret.section(QLatin1Char('.'), 2)), "a token was logged");
    }

    void receiptImagesOnDemand()
    {
        // hearthd keeps a receipt's image out of the rows and hands it only to its own household,
        // over its socket and over plain HTTP.
        QTemporaryDir dir;
        const Household home = createHousehold(dir.path(), QStringLiteral("Home"));
        const Household other = createHousehold(dir.path(), QStringLiteral("Next door"));
        const QString homeToken = token(dir.path(), home.id, QStringLiteral("Sam"));
        const QString otherToken = token(dir.path(), other.id, QStringLiteral("Kim"));
        Server server;
        QString error;
        QVERIFY2(server.start(dir.path(), 0, {}, &error), qPrintable(error));
        RawClient sam;
        sam.open(server.roomUrl(home.id, homeToken));
        QTRY_VERIFY_WITH_TIMEOUT(sam.has(QStringLiteral("connected")), 10000);

        QByteArray jpeg(200 * 1024, 'j');
        jpeg[0] = char(0xff);
        jpeg[1] = char(0xd8);
        const QString receiptId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QJsonObject line{{QStringLiteral("name"), QStringLiteral("Bread")}, {QStringLiteral("price_cents"), 199},
                               {QStringLiteral("category"), QStringLiteral("Groceries")}};
        const QJsonObject fields{{QStringLiteral("merchant"), QStringLiteral("Lidl")}, {QStringLiteral("purchased_on"), QStringLiteral("2026-03-14")},
                                 {QStringLiteral("total_cents"), 199}, {QStringLiteral("lines"), QJsonArray{line}},
                                 {QStringLiteral("image"), QString::fromLatin1(jpeg.toBase64())},
                                 {QStringLiteral("thumbnail"), QString::fromLatin1(jpeg.left(100).toBase64())}};
        sam.socket.sendTextMessage(protocol::encode(QStringLiteral("mutate"),
                                                    {{QStringLiteral("collection"), QStringLiteral("receipts")},
                                                     {QStringLiteral("op"), QStringLiteral("create")},
                                                     {QStringLiteral("entity_id"), receiptId},
                                                     {QStringLiteral("fields"), fields}},
                                                    -1, QStringLiteral("m-receipt")));
        QTRY_VERIFY_WITH_TIMEOUT(sam.has(QStringLiteral("receipt_confirmed")), 10000);
        QCOMPARE(sam.ackFor(QStringLiteral("m-receipt")).value(QLatin1String("ok")).toBool(), true);
        const QJsonObject entity =
            sam.last(QStringLiteral("receipt_confirmed")).value(QLatin1String("data")).toObject().value(QLatin1String("entity")).toObject();
        QVERIFY(!entity.contains(QLatin1String("image")));
        QCOMPARE(entity.value(QLatin1String("has_image")).toBool(), true);

        sam.socket.sendTextMessage(protocol::encode(QStringLiteral("fetch_image"),
                                                    {{QStringLiteral("receipt_id"), receiptId}, {QStringLiteral("size"), QStringLiteral("full")}},
                                                    -1, QStringLiteral("i-1")));
        QTRY_VERIFY_WITH_TIMEOUT(sam.has(QStringLiteral("image")), 10000);
        QCOMPARE(QByteArray::fromBase64(
                     sam.last(QStringLiteral("image")).value(QLatin1String("data")).toObject().value(QLatin1String("image")).toString().toLatin1()),
                 jpeg);

        RawClient kim;
        kim.open(server.roomUrl(other.id, otherToken));
        QTRY_VERIFY_WITH_TIMEOUT(kim.has(QStringLiteral("connected")), 10000);
        kim.socket.sendTextMessage(protocol::encode(QStringLiteral("fetch_image"), {{QStringLiteral("receipt_id"), receiptId}}, -1,
                                                    QStringLiteral("x-1")));
        QTRY_VERIFY_WITH_TIMEOUT(kim.has(QStringLiteral("image_error")), 10000);
        QCOMPARE(kim.last(QStringLiteral("image_error")).value(QLatin1String("data")).toObject().value(QLatin1String("code")).toString(),
                 QStringLiteral("not_found"));
        QVERIFY(!kim.has(QStringLiteral("image")));

        const auto get = [&](const QString &householdId, const QString &bearer) {
            return httpGet(server.port, "/api/receipts/" + householdId.toLatin1() + '/' + receiptId.toLatin1() + "/image", bearer);
        };
        const HttpReply served = get(home.id, homeToken);
        QCOMPARE(served.status, 200);
        QCOMPARE(served.contentType, QByteArray("image/jpeg"));
        QCOMPARE(served.body, jpeg);
        QCOMPARE(get(home.id, otherToken).status, 403);
        const HttpReply foreign = get(other.id, otherToken);
        QCOMPARE(foreign.status, 404);
        QVERIFY(!foreign.body.contains(jpeg.left(64)));
    }

    void floodIsClosedAndWhatWasAcceptedIsKept()
    {
        QTemporaryDir dir;
        const Household home = createHousehold(dir.path(), QStringLiteral("Home"));
        QVERIFY(!home.id.isEmpty());
        const QString sam = token(dir.path(), home.id, QStringLiteral("Sam"));
        Server server;
        QString error;
        QVERIFY2(server.start(dir.path(), 0, {}, &error), qPrintable(error));
        RawClient flooder;
        flooder.open(server.roomUrl(home.id, sam));
        QTRY_VERIFY_WITH_TIMEOUT(flooder.has(QStringLiteral("connected")), 10000);

        // Far more than the allowance (a burst of 1000, then 200 a second), written at once.
        QStringList sent;
        for (int i = 0; i < 1500; ++i)
            sent << flooder.sendPantryCreate(QStringLiteral("Flood %1").arg(i));
        QTRY_VERIFY_WITH_TIMEOUT(flooder.closed, 20000);
        // 1008 — unless the TCP reset that follows the close frame (the server closes while the
        // flooder's frames are still arriving, which QWebSocket cannot avoid) overtook it: then
        // QWebSocket reports its default 1000. Nothing else is acceptable.
        QVERIFY2(flooder.closeCode == protocol::kClosePolicy || flooder.closeCode == QWebSocketProtocol::CloseCodeNormal,
                 qPrintable(QString::number(flooder.closeCode)));

        QCOMPARE(::kill(pid_t(server.process.processId()), SIGTERM), 0);
        QVERIFY(server.process.waitForFinished(10000));
        StoreReader store(dir.filePath(QStringLiteral("hearthd.db")));
        // Every message taken in before the limit was reached was applied, not dropped with the
        // connection (the sender retries them, and a retry is acknowledged, not applied again).
        const int applied = store.value(QStringLiteral("SELECT count(*) FROM pantry_items WHERE household_id = ?"), {home.id}).toInt();
        QVERIFY2(applied >= 1000 && applied < 1500, qPrintable(QString::number(applied)));
        for (int i = 0; i < applied; ++i)
            QVERIFY2(store.value(QStringLiteral("SELECT count(*) FROM events WHERE mutation_id = ?"), {sent.at(i)}).toInt() == 1,
                     qPrintable(QStringLiteral("message %1 of the accepted ones is missing").arg(i)));
    }

    void commandsWhileServing()
    {
        // Operators issue tokens and create households against the data folder of a running
        // server (there is no other way in): the server's own writes must go on unharmed.
        QTemporaryDir dir;
        const Household home = createHousehold(dir.path(), QStringLiteral("Home"));
        QVERIFY(!home.id.isEmpty());
        const QString sam = token(dir.path(), home.id, QStringLiteral("Sam"));
        Server server;
        QString error;
        QVERIFY2(server.start(dir.path(), 0, {}, &error), qPrintable(error));
        RawClient client;
        client.open(server.roomUrl(home.id, sam));
        QTRY_VERIFY_WITH_TIMEOUT(client.has(QStringLiteral("connected")), 10000);
        const QString before = client.sendPantryCreate(QStringLiteral("Bread"));
        QTRY_VERIFY_WITH_TIMEOUT(!client.ackFor(before).isEmpty(), 10000);
        QVERIFY(client.ackFor(before).value(QLatin1String("ok")).toBool());

        const QString kim = token(dir.path(), home.id, QStringLiteral("Kim")); // a new member, written by another process
        QVERIFY(!kim.isEmpty());
        const Household other = createHousehold(dir.path(), QStringLiteral("Next door"));
        QVERIFY(!other.id.isEmpty());

        const QString after = client.sendPantryCreate(QStringLiteral("Butter"));
        QTRY_VERIFY_WITH_TIMEOUT(!client.ackFor(after).isEmpty(), 10000);
        QVERIFY2(client.ackFor(after).value(QLatin1String("ok")).toBool(),
                 QJsonDocument(client.ackFor(after)).toJson().constData());
        // The member's creation is in the log before Butter: a replica that follows the seqs sees both.
        const qint64 butterSeq = client.ackFor(after).value(QLatin1String("seq")).toInteger();
        QCOMPARE(butterSeq, client.ackFor(before).value(QLatin1String("seq")).toInteger() + 2);

        RawClient newcomer;
        newcomer.open(server.roomUrl(home.id, kim));
        QTRY_VERIFY_WITH_TIMEOUT(newcomer.has(QStringLiteral("connected")) || newcomer.closed, 10000);
        QVERIFY(newcomer.has(QStringLiteral("connected")));
        QCOMPARE(newcomer.last(QStringLiteral("connected")).value(QLatin1String("data")).toObject().value(QLatin1String("seq")).toInteger(),
                 butterSeq);
        RawClient neighbour;
        neighbour.open(server.roomUrl(other.id, token(dir.path(), other.id, QStringLiteral("Lee"))));
        QTRY_VERIFY_WITH_TIMEOUT(neighbour.has(QStringLiteral("connected")) || neighbour.closed, 10000);
        QVERIFY(neighbour.has(QStringLiteral("connected")));
    }

    // `hearthd backup` while clients write: the copy is the store at one commit (every row with
    // its event, no gap in the log), checked, and never written over an existing file.
    void backupWhileServing()
    {
        QTemporaryDir dir;
        QTemporaryDir copies;
        const Household home = createHousehold(dir.path(), QStringLiteral("Home"));
        QVERIFY(!home.id.isEmpty());
        Server server;
        RawClient client;
        QStringList sent;
        QVERIFY(serveAndSend(server, client, dir.path(), home.id, 300, &sent));
        QTRY_VERIFY_WITH_TIMEOUT(!client.ackFor(sent.at(20)).isEmpty(), 10000); // writing is under way

        const QString copy = QDir(copies.path()).filePath(QStringLiteral("hearthd.db"));
        const CommandResult backup = runHearthd({QStringLiteral("backup"), QStringLiteral("--data"), dir.path(), QStringLiteral("--to"), copy});
        QVERIFY2(backup.exitCode == 0, qPrintable(backup.err));
        const QJsonObject printed = QJsonDocument::fromJson(backup.out.toUtf8()).object();
        QCOMPARE(printed.value(QLatin1String("backup")).toString(), QFileInfo(copy).absoluteFilePath());
        QVERIFY(printed.value(QLatin1String("bytes")).toInteger() > 0);
        QVERIFY(!QFile::exists(copy + QStringLiteral(".partial")));

        const CommandResult check = runHearthd({QStringLiteral("check"), QStringLiteral("--data"), copies.path()});
        QVERIFY2(check.exitCode == 0, qPrintable(check.err));
        QVERIFY(QJsonDocument::fromJson(check.out.toUtf8()).object().value(QLatin1String("ok")).toBool());
        {
            StoreReader reader(copy);
            QVERIFY(reader.isOpen());
            const qint64 items = reader.value(QStringLiteral("SELECT count(*) FROM pantry_items WHERE household_id = ?"), {home.id}).toLongLong();
            const qint64 itemEvents = reader.value(QStringLiteral("SELECT count(*) FROM events WHERE household_id = ? AND collection = 'pantry'"), {home.id}).toLongLong();
            const qint64 events = reader.value(QStringLiteral("SELECT count(*) FROM events WHERE household_id = ?"), {home.id}).toLongLong();
            const qint64 head = reader.value(QStringLiteral("SELECT max(seq) FROM events WHERE household_id = ?"), {home.id}).toLongLong();
            QCOMPARE(items, itemEvents); // one commit: every row with its event
            QCOMPARE(events, head);      // and no hole in the log
        }

        // Never over an existing file.
        const QByteArray before = fileBytes(copy);
        const CommandResult again = runHearthd({QStringLiteral("backup"), QStringLiteral("--data"), dir.path(), QStringLiteral("--to"), copy});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QLatin1String("exists already")), qPrintable(again.err));
        QCOMPARE(fileBytes(copy), before);
        // The server went on: everything sent is acknowledged and kept.
        QTRY_VERIFY_WITH_TIMEOUT(!client.ackFor(sent.last()).isEmpty(), 20000);
        QVERIFY(client.ackFor(sent.last()).value(QLatin1String("ok")).toBool());
    }

    // A store cut short or with damaged pages: `check` says so, `serve` refuses to start with what
    // to do, and the file stays exactly as it was.
    void damagedStoreIsRefused_data()
    {
        QTest::addColumn<bool>("truncate");
        QTest::newRow("truncated") << true;
        QTest::newRow("pages overwritten") << false;
    }

    void damagedStoreIsRefused()
    {
        QFETCH(bool, truncate);
        QTemporaryDir dir;
        const Household home = createHousehold(dir.path(), QStringLiteral("Home"));
        QVERIFY(!home.id.isEmpty());
        {
            Server server;
            RawClient client;
            QStringList sent;
            QVERIFY(serveAndSend(server, client, dir.path(), home.id, 300, &sent));
            QTRY_VERIFY_WITH_TIMEOUT(!client.ackFor(sent.last()).isEmpty(), 20000);
            QCOMPARE(::kill(pid_t(server.process.processId()), SIGTERM), 0);
            QVERIFY(server.process.waitForFinished(10000));
        }
        const QString path = dir.filePath(QStringLiteral("hearthd.db"));
        const CommandResult sound = runHearthd({QStringLiteral("check"), QStringLiteral("--data"), dir.path()});
        QVERIFY2(sound.exitCode == 0, qPrintable(sound.err));
        QVERIFY(damageStoreFile(path, truncate ? StoreDamage::Truncated : StoreDamage::PagesOverwritten));
        const QByteArray damaged = fileBytes(path);
        const CommandResult check = runHearthd({QStringLiteral("check"), QStringLiteral("--data"), dir.path()});
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.err.contains(QLatin1String("is damaged")) && check.err.contains(QLatin1String("backup")), qPrintable(check.err));

        const CommandResult served = runHearthd({QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                                 QStringLiteral("--data"), dir.path()});
        QCOMPARE(served.exitCode, 1);
        QVERIFY2(served.err.contains(QLatin1String("is damaged")) && served.err.contains(QLatin1String("left untouched")), qPrintable(served.err));
        QCOMPARE(fileBytes(path), damaged);
    }

    void pairingWithAnInviteCode()
    {
        QTemporaryDir dir;
        const Household home = createHousehold(dir.path(), QStringLiteral("Home"));
        QVERIFY(!home.id.isEmpty());
        Server server;
        QString error;
        QVERIFY2(server.start(dir.path(), 0, {}, &error), qPrintable(error));

        SyncClient device;
        QVERIFY(device.start({QStringLiteral("--data"), dir.filePath(QStringLiteral("device")), QStringLiteral("--url"),
                              server.url().toString(), QStringLiteral("--invite"), home.invite.toLower(), QStringLiteral("--name"),
                              QStringLiteral("Kitchen tablet"), QStringLiteral("--timeout"), QStringLiteral("30")}));
        QTRY_VERIFY_WITH_TIMEOUT(device.finished(), 30000);
        QCOMPARE(device.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(device.process.exitCode(), 0);
        device.lines->read();
        const QJsonObject summary = device.lines->last(QStringLiteral("summary"));
        QCOMPARE(summary.value(QLatin1String("household_id")).toString(), home.id);
        QCOMPARE(summary.value(QLatin1String("outbox")).toInt(), 0);

        SyncClient stranger;
        QVERIFY(stranger.start({QStringLiteral("--data"), dir.filePath(QStringLiteral("stranger")), QStringLiteral("--url"),
                                server.url().toString(), QStringLiteral("--invite"), QStringLiteral("ZZZZZZZZ"), QStringLiteral("--name"),
                                QStringLiteral("Mallory"), QStringLiteral("--timeout"), QStringLiteral("30")}));
        QTRY_VERIFY_WITH_TIMEOUT(stranger.finished(), 30000);
        QCOMPARE(stranger.process.exitCode(), 1);
    }

    void invitesFromTheCommandLine()
    {
        QTemporaryDir dir;
        const Household home = createHousehold(dir.path(), QStringLiteral("Home"));
        const CommandResult made = runHearthd({QStringLiteral("invite"), QStringLiteral("create"), QStringLiteral("--data"), dir.path(),
                                               QStringLiteral("--household"), home.id, QStringLiteral("--role"), QStringLiteral("child"),
                                               QStringLiteral("--hours"), QStringLiteral("2")});
        QCOMPARE(made.exitCode, 0);
        const QString code = made.json().value(QLatin1String("invite_code")).toString();
        QCOMPARE(code.size(), 8);
        QCOMPARE(made.json().value(QLatin1String("role")).toString(), QStringLiteral("child"));
        const QDateTime expires = QDateTime::fromString(made.json().value(QLatin1String("expires_at")).toString(), Qt::ISODate);
        QVERIFY(expires > QDateTime::currentDateTimeUtc().addSecs(7000) && expires <= QDateTime::currentDateTimeUtc().addSecs(7200));

        const auto listed = [&] {
            return runHearthd({QStringLiteral("invite"), QStringLiteral("list"), QStringLiteral("--data"), dir.path(),
                               QStringLiteral("--household"), home.id})
                .json()
                .value(QLatin1String("invites"))
                .toArray();
        };
        QCOMPARE(listed().size(), 2); // the one `household create` made, and this one
        QCOMPARE(runHearthd({QStringLiteral("invite"), QStringLiteral("revoke"), QStringLiteral("--data"), dir.path(),
                             QStringLiteral("--code"), code})
                     .exitCode,
                 0);
        QCOMPARE(listed().size(), 1);
        QVERIFY(!runHearthd({QStringLiteral("invite"), QStringLiteral("list"), QStringLiteral("--data"), dir.path(),
                             QStringLiteral("--household"), home.id})
                     .out.contains(code));
    }

    // `household create --owner Maria` made Maria with no device: she joins as herself, the way the
    // app does it (the address typed without ws://, the security step, then the code), and a second
    // device of hers gets a code from `invite create --member Maria`.
    void theOwnerJoinsAsThemselves()
    {
        QTemporaryDir dir;
        const CommandResult created = runHearthd({QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("--data"),
                                                  dir.path(), QStringLiteral("--name"), QStringLiteral("Home"),
                                                  QStringLiteral("--owner"), QStringLiteral("Maria")});
        QCOMPARE(created.exitCode, 0);
        const QString householdId = created.json().value(QLatin1String("household_id")).toString();
        const QString ownerId = created.json().value(QLatin1String("owner_member_id")).toString();
        Server server;
        QString error;
        QVERIFY2(server.start(dir.path(), 0, {}, &error), qPrintable(error));

        const auto join = [&](const QString &code, const QString &typedName) -> std::optional<PairingClient::Result> {
            QString addressError;
            const auto url = PairingClient::hostUrlFromAddress(QStringLiteral("127.0.0.1:%1").arg(server.port), &addressError);
            if (!url)
                return std::nullopt;
            PairingClient client;
            std::optional<PairingClient::Result> result;
            QString failure;
            connect(&client, &PairingClient::hostSeen, &client, &PairingClient::confirm);
            connect(&client, &PairingClient::paired, this, [&](const PairingClient::Result &paired) { result = paired; });
            connect(&client, &PairingClient::failed, this, [&](const QString &reason) { failure = reason; });
            client.start(*url, {code, typedName, QStringLiteral("Maria's laptop"), QString()});
            if (!QTest::qWaitFor([&] { return result || !failure.isEmpty(); }, 9000))
                qWarning("no answer");
            if (!failure.isEmpty())
                qWarning("%s", qPrintable(failure));
            return result;
        };
        const auto first = join(created.json().value(QLatin1String("invite_code")).toString(), QString());
        QVERIFY(first);
        QCOMPARE(first->hostUrl.scheme(), QStringLiteral("ws")); // plain, found without typing ws://
        QCOMPARE(first->memberId, ownerId);
        QCOMPARE(first->memberName, QStringLiteral("Maria"));

        const CommandResult made = runHearthd({QStringLiteral("invite"), QStringLiteral("create"), QStringLiteral("--data"), dir.path(),
                                               QStringLiteral("--household"), householdId, QStringLiteral("--member"),
                                               QStringLiteral("maria")});
        QCOMPARE(made.exitCode, 0);
        QCOMPARE(made.json().value(QLatin1String("member")).toString(), QStringLiteral("Maria"));
        const auto second = join(made.json().value(QLatin1String("invite_code")).toString(), QStringLiteral("Someone"));
        QVERIFY(second);
        QCOMPARE(second->memberId, ownerId);
        QVERIFY(runHearthd({QStringLiteral("invite"), QStringLiteral("create"), QStringLiteral("--data"), dir.path(),
                            QStringLiteral("--household"), householdId, QStringLiteral("--member"), QStringLiteral("Nobody")})
                    .exitCode
                != 0);
        // A code for a member joins with their role: asking for another one is refused, not ignored.
        const CommandResult both = runHearthd({QStringLiteral("invite"), QStringLiteral("create"), QStringLiteral("--data"),
                                               dir.path(), QStringLiteral("--household"), householdId, QStringLiteral("--member"),
                                               QStringLiteral("Maria"), QStringLiteral("--role"), QStringLiteral("child")});
        QVERIFY(both.exitCode != 0);
    }

    void tlsRoomPinsItsCertificate()
    {
        // hearthd --tls: wss with a self-signed certificate kept in the data folder. A device pairs
        // over wss, pins the certificate, and syncs; after the certificate is replaced it refuses
        // to talk to the host (exit 5) and sends it nothing.
        QTemporaryDir dir;
        const Household home = createHousehold(dir.path(), QStringLiteral("Home"));
        QString error;
        quint16 port = 0;
        QString firstFingerprint;
        {
            Server server;
            QVERIFY2(server.start(dir.path(), 0, {QStringLiteral("--tls")}, &error), qPrintable(error));
            const QJsonObject started = server.lines->lines().first();
            QCOMPARE(started.value(QLatin1String("scheme")).toString(), QStringLiteral("wss"));
            firstFingerprint = started.value(QLatin1String("certificate_sha256")).toString();
            QCOMPARE(firstFingerprint.size(), 64);
            QVERIFY(QRegularExpression(QStringLiteral("^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$"))
                        .match(started.value(QLatin1String("security_code")).toString())
                        .hasMatch());
            QCOMPARE(QFile(dir.filePath(QStringLiteral("host-key.pem"))).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                     QFileDevice::Permissions());
            port = server.port;

            SyncClient device;
            QVERIFY(device.start({QStringLiteral("--data"), dir.filePath(QStringLiteral("device")), QStringLiteral("--url"),
                                  QStringLiteral("wss://127.0.0.1:%1").arg(port), QStringLiteral("--invite"), home.invite,
                                  QStringLiteral("--name"), QStringLiteral("Tablet"), QStringLiteral("--burst"), QStringLiteral("5"),
                                  QStringLiteral("--timeout"), QStringLiteral("30")}));
            QTRY_VERIFY_WITH_TIMEOUT(device.finished(), 30000);
            QCOMPARE(device.process.exitCode(), 0);
            device.lines->read();
            QCOMPARE(device.lines->last(QStringLiteral("summary")).value(QLatin1String("pantry_rows")).toInt(), 5);
            QCOMPARE(StoreReader(dir.filePath(QStringLiteral("device/client.db"))).value(QStringLiteral("SELECT fingerprint FROM sync_state")),
                     QVariant(firstFingerprint));

            // The same certificate after a restart: the device syncs again.
            server.process.terminate();
            QVERIFY(server.process.waitForFinished(10000));
            Server again;
            QVERIFY2(again.start(dir.path(), port, {QStringLiteral("--tls")}, &error), qPrintable(error));
            QCOMPARE(again.lines->lines().first().value(QLatin1String("certificate_sha256")).toString(), firstFingerprint);
            SyncClient resumed;
            QVERIFY(resumed.start({QStringLiteral("--data"), dir.filePath(QStringLiteral("device")), QStringLiteral("--url"),
                                   QStringLiteral("wss://127.0.0.1:%1").arg(port), QStringLiteral("--timeout"), QStringLiteral("30")}));
            QTRY_VERIFY_WITH_TIMEOUT(resumed.finished(), 30000);
            QCOMPARE(resumed.process.exitCode(), 0);
            again.process.terminate();
            QVERIFY(again.process.waitForFinished(10000));
        }
        // Someone else answers on that address with another certificate.
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("host-cert.pem"))));
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("host-key.pem"))));
        Server impostor;
        QVERIFY2(impostor.start(dir.path(), port, {QStringLiteral("--tls"), QStringLiteral("--verbose")}, &error), qPrintable(error));
        QVERIFY(impostor.lines->lines().first().value(QLatin1String("certificate_sha256")).toString() != firstFingerprint);
        SyncClient refused;
        QVERIFY(refused.start({QStringLiteral("--data"), dir.filePath(QStringLiteral("device")), QStringLiteral("--url"),
                               QStringLiteral("wss://127.0.0.1:%1").arg(port), QStringLiteral("--timeout"), QStringLiteral("30")}));
        QTRY_VERIFY_WITH_TIMEOUT(refused.finished(), 30000);
        QCOMPARE(refused.process.exitCode(), 5); // "the host's certificate is not the one pinned at pairing"
        // Nothing reached the room: no join was logged, let alone a token.
        impostor.process.terminate();
        QVERIFY(impostor.process.waitForFinished(10000));
        QVERIFY(!QString::fromLocal8Bit(impostor.process.readAllStandardError()).contains(QLatin1String("joined household")));
    }

    void rotatingTheSecretSignsEveryoneOut()
    {
        QTemporaryDir dir;
        const Household home = createHousehold(dir.path(), QStringLiteral("Home"));
        const QString sam = token(dir.path(), home.id, QStringLiteral("Sam"));
        Server server;
        QString error;
        QVERIFY2(server.start(dir.path(), 0, {}, &error), qPrintable(error));
        RawClient client;
        client.open(server.roomUrl(home.id, sam));
        QTRY_VERIFY_WITH_TIMEOUT(client.has(QStringLiteral("connected")), 10000);

        const CommandResult rotated = runHearthd({QStringLiteral("secret"), QStringLiteral("rotate"), QStringLiteral("--data"), dir.path()});
        QCOMPARE(rotated.exitCode, 0);
        QVERIFY(rotated.json().value(QLatin1String("rotated")).toBool());
        // The running server picks the new key up and signs the open connection out...
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, 10000);
        QCOMPARE(client.closeCode, 4001);
        // ...and the old token is refused from then on; a token made with the new key is let in.
        RawClient stale;
        stale.open(server.roomUrl(home.id, sam));
        QTRY_VERIFY_WITH_TIMEOUT(stale.closed, 10000);
        QCOMPARE(stale.closeCode, 4001);
        RawClient fresh;
        fresh.open(server.roomUrl(home.id, token(dir.path(), home.id, QStringLiteral("Sam"))));
        QTRY_VERIFY_WITH_TIMEOUT(fresh.has(QStringLiteral("connected")), 10000);
    }

    void signalsShutDownCleanly_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void signalsShutDownCleanly()
    {
        QFETCH(int, signal);
        QTemporaryDir dir;
        const Household home = createHousehold(dir.path(), QStringLiteral("Home"));
        QVERIFY(!home.id.isEmpty());
        const QString sam = token(dir.path(), home.id, QStringLiteral("Sam"));
        const QString kim = token(dir.path(), home.id, QStringLiteral("Kim"));

        Server server;
        QString error;
        QVERIFY2(server.start(dir.path(), 0, {}, &error), qPrintable(error));
        RawClient first;
        RawClient second;
        first.open(server.roomUrl(home.id, sam));
        second.open(server.roomUrl(home.id, kim));
        QTRY_VERIFY_WITH_TIMEOUT(first.has(QStringLiteral("connected")) && second.has(QStringLiteral("connected")), 10000);

        QStringList acknowledged;
        for (int i = 0; i < 20; ++i)
            acknowledged << first.sendPantryCreate(QStringLiteral("Item %1").arg(i));
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(acknowledged.cbegin(), acknowledged.cend(),
                                             [&](const QString &id) { return !first.ackFor(id).isEmpty(); }),
                                 10000);
        // Mutations still in flight when the signal arrives are either acknowledged and kept, or never acknowledged.
        QStringList inFlight;
        for (int i = 0; i < 20; ++i)
            inFlight << second.sendPantryCreate(QStringLiteral("Late %1").arg(i));
        QTRY_VERIFY_WITH_TIMEOUT(second.socket.bytesToWrite() == 0, 10000);

        QCOMPARE(::kill(pid_t(server.process.processId()), signal), 0);
        QTRY_VERIFY_WITH_TIMEOUT(first.closed && second.closed, 10000);
        QCOMPARE(first.closeCode, int(protocol::kCloseGoingAway));
        QCOMPARE(second.closeCode, int(protocol::kCloseGoingAway));
        QVERIFY(server.process.waitForFinished(10000));
        QCOMPARE(server.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.process.exitCode(), 0);

        StoreReader store(dir.filePath(QStringLiteral("hearthd.db")));
        QVERIFY(store.isOpen());
        for (const QString &id : std::as_const(acknowledged))
            QCOMPARE(store.value(QStringLiteral("SELECT count(*) FROM events WHERE household_id = ? AND mutation_id = ?"), {home.id, id}).toInt(), 1);
        for (const QString &id : std::as_const(inFlight)) {
            const QJsonObject ack = second.ackFor(id);
            if (ack.value(QLatin1String("ok")).toBool())
                QCOMPARE(store.value(QStringLiteral("SELECT count(*) FROM events WHERE household_id = ? AND mutation_id = ?"), {home.id, id}).toInt(), 1);
        }
        QCOMPARE(store.value(QStringLiteral("SELECT count(*) FROM pantry_items WHERE household_id = ? AND name LIKE 'Item %'"), {home.id}).toInt(), 20);
        QCOMPARE(store.value(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestHearthd)
#include "tst_hearthd.moc"
