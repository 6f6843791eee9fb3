// Where a joined device keeps its sign-in: the keychain when one answers, else a private file.

#include "CredentialVault.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;

class tst_CredentialVault : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void privateFileWithoutKeychain()
    {
        QTemporaryDir dir;
        CredentialVault vault(dir.path(), false);
        QString error;
        QVERIFY2(vault.save(QStringLiteral("house-1"), {QStringLiteral("access"), QStringLiteral("refresh")}, &error),
                 qPrintable(error));
        QCOMPARE(vault.whereKept(), QStringLiteral("a private file"));
        const QString path = QDir(dir.path()).filePath(QStringLiteral("credentials/house-1.json"));
        QVERIFY(QFileInfo::exists(path));
        // Readable by this user only, in a folder only this user can open.
        QCOMPARE(QFile(path).permissions() & ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::Permissions());
        QCOMPARE(QFileInfo(QFileInfo(path).absolutePath()).permissions()
                     & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::ExeGroup | QFileDevice::ExeOther),
                 QFileDevice::Permissions());

        const auto loaded = CredentialVault(dir.path(), false).load(QStringLiteral("house-1"));
        QVERIFY(loaded);
        QCOMPARE(loaded->accessToken, QStringLiteral("access"));
        QCOMPARE(loaded->refreshToken, QStringLiteral("refresh"));
        QVERIFY(!vault.load(QStringLiteral("house-2")));

        vault.forget(QStringLiteral("house-1"));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!vault.load(QStringLiteral("house-1")));
    }

    void damagedFileIsNoCredential()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(QStringLiteral("credentials"));
        QFile file(QDir(dir.path()).filePath(QStringLiteral("credentials/house-1.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{not json");
        file.close();
        QVERIFY(!CredentialVault(dir.path(), false).load(QStringLiteral("house-1")));
    }

    void keychainWhenAvailableElseTheFile()
    {
        // With the keychain asked for: on a desktop with a keyring the secrets go there; where none
        // answers (CI, a kiosk without a keyring daemon) they fall back to the private file. Either
        // way they come back, and forgetting removes them from both places.
        QTemporaryDir dir;
        CredentialVault vault(dir.path(), true);
        const QString household = QStringLiteral("hearth-test-") + QString::number(QCoreApplication::applicationPid());
        QString error;
        QElapsedTimer took;
        took.start();
        QVERIFY2(vault.save(household, {QStringLiteral("a"), QStringLiteral("r")}, &error), qPrintable(error));
        qInfo("kept in %s (%lld ms)", qPrintable(vault.whereKept()), took.elapsed());
        const QString file = QDir(dir.path()).filePath(QStringLiteral("credentials/%1.json").arg(household));
        QCOMPARE(QFileInfo::exists(file), vault.whereKept() == QLatin1String("a private file"));
        const auto loaded = vault.load(household);
        QVERIFY(loaded);
        QCOMPARE(loaded->accessToken, QStringLiteral("a"));
        vault.forget(household);
        QVERIFY(!vault.load(household));
        QVERIFY(!QFileInfo::exists(file));
    }
};

QTEST_GUILESS_MAIN(tst_CredentialVault)
#include "tst_credentialvault.moc"
