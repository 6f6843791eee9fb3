// The hearth binary as a user starts it: --help, --version (with no display at all), bad arguments,
// the first start in the platform data folder, a data file it must refuse without touching, and
// ending it with SIGTERM, which still saves the window's state.

#include "JoinLink.h"
#include "RunningInstance.h"
#include "Schema.h"
#include "Store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;

class TestCommandLine : public QObject
{
    Q_OBJECT

private:
    QString binary() const { return QDir(qEnvironmentVariable("HEARTH_BIN_DIR")).filePath(QStringLiteral("hearth")); }

    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Result run(const QStringList &arguments, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(binary(), arguments);
        Result r;
        if (!process.waitForFinished(30000)) {
            process.kill();
            process.waitForFinished();
            return r;
        }
        r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        r.out = QString::fromLocal8Bit(process.readAllStandardOutput());
        r.err = QString::fromLocal8Bit(process.readAllStandardError());
        return r;
    }

    static QByteArray checksum(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(binary()), qPrintable(binary())); }

    void helpListsTheOptions()
    {
        const Result r = run({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QLatin1String("--data")));
        QVERIFY(r.out.contains(QLatin1String("--demo")));
        QVERIFY(r.out.contains(QLatin1String("--kiosk")));
        QVERIFY(r.out.contains(QLatin1String("--version")));
    }

    void versionPrintsTheVersion()
    {
        const Result r = run({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("\\d+\\.\\d+\\.\\d+"))), qPrintable(r.out));
    }

    // No window system at all: no platform chosen, no X11 or Wayland display to find.
    void helpAndVersionNeedNoDisplay()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QLatin1String(name));
        const Result help = run({QStringLiteral("--help")}, env);
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(QLatin1String("--data")), qPrintable(help.err));
        const Result version = run({QStringLiteral("--version")}, env);
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.contains(QRegularExpression(QStringLiteral("\\d+\\.\\d+\\.\\d+"))), qPrintable(version.err));
    }

    // SIGTERM (a logout, systemd, kill) ends the app cleanly: exit code 0, and the window's size
    // and page are in the settings file afterwards.
    void sigtermSavesTheWindowState()
    {
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const QString dataDir = home.filePath(QStringLiteral("household"));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(binary(), {QStringLiteral("--data"), dataDir});
        QVERIFY(process.waitForStarted());
        // The store exists once the household is open; the window is shown right after.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(QDir(dataDir).filePath(QStringLiteral("hearth.db"))), 20000);
        const QString ini = QDir(dataDir).filePath(QStringLiteral("hearth.ini"));
        QFile::remove(ini); // whatever was written so far: what follows must come from SIGTERM
        // The signal handler is installed before the store opens, so no start-up race here.
        process.terminate();
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QSettings settings(ini, QSettings::IniFormat);
        QVERIFY2(!settings.value(QStringLiteral("window/geometry")).toByteArray().isEmpty(), process.readAllStandardError().constData());
        QCOMPARE(settings.value(QStringLiteral("window/page")).toString(), QStringLiteral("dashboard"));
    }

    void unknownOptionIsRefused()
    {
        const Result r = run({QStringLiteral("--frobnicate")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QLatin1String("frobnicate")), qPrintable(r.err));
    }

    void strayArgumentIsRefused()
    {
        const Result r = run({QStringLiteral("pantry.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("pantry.csv")), qPrintable(r.err));
    }

    void malformedInviteLinkIsRefusedAndNothingStarts()
    {
        QTemporaryDir dir;
        const QString data = QDir(dir.path()).filePath(QStringLiteral("data"));
        const Result r = run({QStringLiteral("--data"), data, QStringLiteral("hearth://join?host=&code=ABCD2345")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("no usable host address")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(data)); // no data folder, no household, no window
    }

    void inviteLinkGoesToTheCopyAlreadyRunning()
    {
        QTemporaryDir dir;
        RunningInstance running(dir.path());
        QString error;
        QVERIFY2(running.listen(&error), qPrintable(error));
        QSignalSpy received(&running, &RunningInstance::received);
        const QString link = JoinLink{QStringLiteral("192.168.1.20:8765"), QStringLiteral("ABCD2345"), QStringLiteral("ab").repeated(32)}.toString();
        QProcess second;
        second.start(binary(), {QStringLiteral("--data"), dir.path(), link});
        QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 15000);
        QCOMPARE(received.first().first().toString(), link);
        QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 15000);
        QCOMPARE(second.exitCode(), 0);
        // It handed the link over instead of opening the data a second time.
        QVERIFY(!QFileInfo::exists(QDir(dir.path()).filePath(QStringLiteral("hearth.db"))));
    }

    void firstStartCreatesTheHouseholdInXdgDataHome()
    {
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(binary(), {});
        QVERIFY(process.waitForStarted());
        const QString dbPath = home.filePath(QStringLiteral("data/hearth/hearth/hearth.db"));

        // The household is committed before the window shows; poll the file until it holds it.
        QString name;
        qint64 limit = 0;
        // Read-only, so the test never races the app's own migration of the new file.
        const auto readHousehold = [&] {
            if (!QFile::exists(dbPath))
                return false;
            bool found = false;
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
                db.setDatabaseName(dbPath);
                db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
                if (db.open()) {
                    QSqlQuery q(db);
                    if (q.exec(QStringLiteral("SELECT name, budget_limit_cents FROM households")) && q.next()) {
                        name = q.value(0).toString();
                        limit = q.value(1).toLongLong();
                        found = true;
                    }
                }
            }
            QSqlDatabase::removeDatabase(QStringLiteral("probe"));
            return found;
        };
        QTRY_VERIFY_WITH_TIMEOUT(readHousehold(), 20000);
        process.kill();
        process.waitForFinished();
        QCOMPARE(name, QStringLiteral("My household"));
        QCOMPARE(limit, 60000);
    }

    void newerStoreIsRefusedAndLeftUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hearth.db"));
        {
            QString error;
            auto store = Store::open(path, &error);
            QVERIFY2(store, qPrintable(error));
            QSqlQuery q(store->database());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion + 1)));
        }
        const QByteArray before = checksum(path);
        const Result r = run({QStringLiteral("--data"), dir.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("newer version of Hearth")), qPrintable(r.err));
        QCOMPARE(checksum(path), before);
    }

    void corruptStoreIsRefusedAndLeftUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hearth.db"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, '\x5a'));
        file.close();
        const QByteArray before = checksum(path);
        const Result r = run({QStringLiteral("--data"), dir.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("left untouched")), qPrintable(r.err));
        QCOMPARE(checksum(path), before);
    }

    void unusableDataFolderIsReported()
    {
        QTemporaryDir dir;
        const QString blocker = dir.filePath(QStringLiteral("file"));
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const Result r = run({QStringLiteral("--data"), blocker + QStringLiteral("/sub")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("Cannot create the data folder")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
