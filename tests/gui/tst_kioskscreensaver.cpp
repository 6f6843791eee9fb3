// The kiosk keeps the screen saver off through org.freedesktop.ScreenSaver on the session bus, and
// runs on quietly where nobody answers. Each test talks to a private `dbus-daemon --session` this
// test starts (its config in a temporary folder), never to the machine's buses.

#include "ConnectionStatus.h"
#include "KioskScreenSaver.h"
#include "KioskWindow.h"
#include "MemberPicker.h"
#include "MemberPins.h"
#include "PageHarness.h"
#include "PinPad.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

// What a desktop's screen saver service does with Inhibit/UnInhibit, and what it was asked.
class FakeScreenSaver final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.ScreenSaver")

public:
    QStringList inhibitedBy; // "application: reason"
    QList<uint> released;
    uint nextCookie = 41;

public Q_SLOTS:
    uint Inhibit(const QString &application, const QString &reason)
    {
        inhibitedBy << application + QStringLiteral(": ") + reason;
        return ++nextCookie;
    }
    void UnInhibit(uint cookie) { released << cookie; }
};

} // namespace

class TestKioskScreenSaver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void inhibitsAndLetsGo();
    void aRequestOvertakenGivesItsCookieBack();
    void saysSoWhenNobodyAnswers();
    void kioskHoldsTheScreenSaverOffWhileItShows();
    void kioskRunsOnAndSaysSoWithoutTheService();

private:
    QTemporaryDir m_dir;
    QProcess m_daemon;
    QString m_address;
    std::unique_ptr<FakeScreenSaver> m_fake;
    int m_connection = 0;
    QString m_serviceConnection;
};

void TestKioskScreenSaver::initTestCase()
{
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    if (daemon.isEmpty())
        QSKIP("dbus-daemon is not installed (scripts/install-deps.sh test)");
    QVERIFY(m_dir.isValid());
    const QString socket = m_dir.filePath(QStringLiteral("bus"));
    QFile config(m_dir.filePath(QStringLiteral("session.conf")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral(R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=%1</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)").arg(socket).toUtf8());
    config.close();
    m_daemon.setProgram(daemon);
    m_daemon.setArguments({QStringLiteral("--config-file=") + config.fileName(), QStringLiteral("--nofork"),
                           QStringLiteral("--nopidfile")});
    m_daemon.start();
    QVERIFY(m_daemon.waitForStarted());
    QTRY_VERIFY(QFile::exists(socket));
    m_address = QStringLiteral("unix:path=") + socket;
    // The app's own session bus, as the kiosk uses it by default, is this one.
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
    QTRY_VERIFY(QDBusConnection::sessionBus().isConnected());
}

void TestKioskScreenSaver::cleanupTestCase()
{
    if (m_daemon.state() != QProcess::NotRunning) {
        m_daemon.terminate();
        m_daemon.waitForFinished();
    }
}

void TestKioskScreenSaver::init()
{
    m_fake = std::make_unique<FakeScreenSaver>();
}

void TestKioskScreenSaver::cleanup()
{
    if (!m_serviceConnection.isEmpty()) {
        QDBusConnection::disconnectFromBus(m_serviceConnection);
        m_serviceConnection.clear();
    }
    m_fake.reset();
}

// Offers the fake service on the private bus, from a connection of its own.
static bool offer(FakeScreenSaver *fake, const QString &address, const QString &name)
{
    QDBusConnection service = QDBusConnection::connectToBus(address, name);
    return service.isConnected() && service.registerService(QLatin1String(KioskScreenSaver::kService))
        && service.registerObject(QLatin1String(KioskScreenSaver::kPath), fake, QDBusConnection::ExportAllSlots);
}

void TestKioskScreenSaver::inhibitsAndLetsGo()
{
    m_serviceConnection = QStringLiteral("fake-screensaver-%1").arg(++m_connection);
    QVERIFY(offer(m_fake.get(), m_address, m_serviceConnection));
    KioskScreenSaver saver;
    QSignalSpy state(&saver, &KioskScreenSaver::stateChanged);
    saver.inhibit(QStringLiteral("the kitchen screen"));
    QTRY_VERIFY(saver.isInhibited());
    QCOMPARE(m_fake->inhibitedBy, QStringList{QStringLiteral("Hearth: the kitchen screen")});
    QVERIFY(saver.problem().isEmpty());
    saver.inhibit(QStringLiteral("again")); // once is enough
    saver.uninhibit();
    QVERIFY(!saver.isInhibited());
    QTRY_COMPARE(m_fake->released, QList<uint>{m_fake->nextCookie});
    QCOMPARE(m_fake->inhibitedBy.size(), 1);
}

// The kiosk left and came back before the desktop answered: of the two cookies, the first is given
// straight back and only the second is held, then given back when the kiosk goes.
void TestKioskScreenSaver::aRequestOvertakenGivesItsCookieBack()
{
    m_serviceConnection = QStringLiteral("fake-screensaver-%1").arg(++m_connection);
    QVERIFY(offer(m_fake.get(), m_address, m_serviceConnection));
    {
        KioskScreenSaver saver;
        saver.inhibit(QStringLiteral("the kitchen screen"));
        saver.uninhibit();
        saver.inhibit(QStringLiteral("the kitchen screen"));
        QTRY_VERIFY(saver.isInhibited());
        QTRY_COMPARE(m_fake->inhibitedBy.size(), 2);
        QTRY_COMPARE(m_fake->released.size(), 1);
        QCOMPARE(m_fake->released.first(), m_fake->nextCookie - 1);
    }
    QTRY_COMPARE(m_fake->released.size(), 2);
    QCOMPARE(m_fake->released.last(), m_fake->nextCookie);
}

void TestKioskScreenSaver::saysSoWhenNobodyAnswers()
{
    KioskScreenSaver saver; // nobody offers the service on this bus
    QSignalSpy state(&saver, &KioskScreenSaver::stateChanged);
    saver.inhibit(QStringLiteral("the kitchen screen"));
    QTRY_VERIFY(!saver.problem().isEmpty());
    QVERIFY(!saver.isInhibited());
    QVERIFY(saver.problem().contains(QLatin1String("ServiceUnknown")));
    saver.uninhibit(); // nothing to give back, nothing breaks
}

void TestKioskScreenSaver::kioskHoldsTheScreenSaverOffWhileItShows()
{
    m_serviceConnection = QStringLiteral("fake-screensaver-%1").arg(++m_connection);
    QVERIFY(offer(m_fake.get(), m_address, m_serviceConnection));
    PageHarness harness(true);
    QSettings settings(QDir(harness.household.dir()).filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat);
    MemberPins pins(QString(), harness.household.clock, PinPolicy{1000, 5, std::chrono::seconds(60), std::chrono::seconds(600)});
    KioskScreenSaver saver;
    ConnectionStatus connection;
    KioskWindow kiosk({*harness.data, harness.history, harness.confirmer, settings, pins, connection, {}}, &saver);
    kiosk.start();
    QTRY_VERIFY(saver.isInhibited());
    QCOMPARE(m_fake->inhibitedBy.size(), 1);
    harness.confirmer.answer = true; // no adult has a PIN: leaving is confirmed
    kiosk.requestLeave();
    QVERIFY(!kiosk.isVisible());
    QTRY_COMPARE(m_fake->released.size(), 1);
}

void TestKioskScreenSaver::kioskRunsOnAndSaysSoWithoutTheService()
{
    PageHarness harness(true);
    QSettings settings(QDir(harness.household.dir()).filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat);
    MemberPins pins(QString(), harness.household.clock, PinPolicy{1000, 5, std::chrono::seconds(60), std::chrono::seconds(600)});
    QString alex;
    for (const Member &m : harness.data->members.records()) {
        if (m.name == QLatin1String("Alex"))
            alex = m.id;
    }
    QVERIFY(pins.setPin(alex, QStringLiteral("2468")));
    KioskScreenSaver saver;
    ConnectionStatus connection;
    KioskWindow kiosk({*harness.data, harness.history, harness.confirmer, settings, pins, connection, {}}, &saver);
    kiosk.start();
    QTRY_VERIFY(!saver.problem().isEmpty());
    QVERIFY(kiosk.isVisible());
    QCOMPARE(kiosk.showing(), KioskWindow::Screen::Picker);
    // The adults' screen (leaving) says so quietly.
    kiosk.requestLeave();
    auto *note = kiosk.findChild<QLabel *>(QStringLiteral("kioskNote"));
    QVERIFY(note);
    QTRY_VERIFY(note->isVisible());
    QCOMPARE(note->text(), saver.problem());
}

QTEST_MAIN(TestKioskScreenSaver)
#include "tst_kioskscreensaver.moc"
