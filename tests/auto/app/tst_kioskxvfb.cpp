// `hearth --kiosk` as the real program on a virtual X screen (Xvfb, no window manager): its window
// covers the whole screen. Needs Xvfb and xwininfo (scripts/install-deps.sh test); skips without.
// The app gets no session bus (DBUS_SESSION_BUS_ADDRESS points nowhere): it must run on regardless.

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestKioskXvfb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kioskFillsTheScreen_data();
    void kioskFillsTheScreen();
};

void TestKioskXvfb::kioskFillsTheScreen_data()
{
    QTest::addColumn<QString>("size");
    QTest::newRow("desktop") << QStringLiteral("1366x768");
    QTest::newRow("tablet") << QStringLiteral("1024x600");
}

void TestKioskXvfb::kioskFillsTheScreen()
{
    QFETCH(QString, size);
    const QString xvfbProgram = QStandardPaths::findExecutable(QStringLiteral("Xvfb"));
    const QString xwininfo = QStandardPaths::findExecutable(QStringLiteral("xwininfo"));
    if (xvfbProgram.isEmpty() || xwininfo.isEmpty())
        QSKIP("Xvfb or xwininfo is not installed (scripts/install-deps.sh test)");
    const QString hearth = QDir(qEnvironmentVariable("HEARTH_BIN_DIR")).filePath(QStringLiteral("hearth"));
    QVERIFY2(QFile::exists(hearth), qPrintable(hearth));

    // -displayfd: Xvfb picks a free display and says which on stdout.
    QProcess xvfb;
    xvfb.setProcessChannelMode(QProcess::SeparateChannels);
    xvfb.setStandardErrorFile(QProcess::nullDevice());
    xvfb.start(xvfbProgram, {QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-screen"), QStringLiteral("0"),
                             size + QStringLiteral("x24"), QStringLiteral("-nolisten"), QStringLiteral("tcp")});
    QVERIFY(xvfb.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(xvfb.canReadLine(), 10000);
    const QString display = QLatin1Char(':') + QString::fromLatin1(xvfb.readLine()).trimmed();

    QTemporaryDir data;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DISPLAY"), display);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=") + data.filePath(QStringLiteral("no-bus")));
    QProcess app;
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.start(hearth, {QStringLiteral("--kiosk"), QStringLiteral("--demo"), QStringLiteral("--data"), data.path()});
    QVERIFY(app.waitForStarted());

    // "0x600005 "Hearth": ("hearth" "hearth")  1024x600+0+0  +0+0"
    const auto kioskWindow = [&]() -> QString {
        QProcess info;
        info.setProcessEnvironment(env);
        info.start(xwininfo, {QStringLiteral("-root"), QStringLiteral("-tree")});
        if (!info.waitForFinished(5000)) {
            info.kill();
            info.waitForFinished(1000);
            return {};
        }
        for (const QString &line : QString::fromUtf8(info.readAllStandardOutput()).split(QLatin1Char('\n'))) {
            if (line.contains(QLatin1String("\"Hearth\"")))
                return line;
        }
        return {};
    };
    QTRY_VERIFY_WITH_TIMEOUT(kioskWindow().contains(size + QStringLiteral("+0+0")), 20000);
    QCOMPARE(app.state(), QProcess::Running);

    app.terminate(); // SIGTERM ends it cleanly, kiosk or not
    QVERIFY(app.waitForFinished(10000));
    QCOMPARE(app.exitCode(), 0);
    xvfb.terminate();
    if (!xvfb.waitForFinished(5000))
        xvfb.kill();
}

QTEST_GUILESS_MAIN(TestKioskXvfb)
#include "tst_kioskxvfb.moc"
