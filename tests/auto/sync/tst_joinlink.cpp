// Invite links (hearth://join?host=…&code=…&fp=…) and what a host puts in its DNS-SD advert: a
// link is taken apart or refused with a sentence; an advert's TXT record holds no secret.

#include "DnsSd.h"
#include "JoinLink.h"

#include <QtTest>

#include <QDBusConnection>
#include <QProcess>
#include <QTemporaryDir>

using namespace hearth;

class TestJoinLink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aLinkIsTakenApart()
    {
        const QString fingerprint = QStringLiteral("ab").repeated(32);
        QString error;
        const auto link = JoinLink::parse(
            QStringLiteral("hearth://join?host=192.168.1.20:8765&code=abcd-2345&fp=") + fingerprint.toUpper(), &error);
        QVERIFY2(link, qPrintable(error));
        QCOMPARE(link->host, QStringLiteral("192.168.1.20:8765"));
        QCOMPARE(link->code, QStringLiteral("ABCD2345"));
        QCOMPARE(link->fingerprint, fingerprint);
        // What the Host dialog makes, it reads back.
        const auto again = JoinLink::parse(link->toString(), &error);
        QVERIFY(again);
        QCOMPARE(again->toString(), link->toString());
    }

    void badLinksAreRefusedWithAMessage_data()
    {
        QTest::addColumn<QString>("link");
        QTest::addColumn<QString>("says");
        QTest::newRow("not a link") << QStringLiteral("pantry.csv") << QStringLiteral("not a Hearth invite link");
        QTest::newRow("another scheme") << QStringLiteral("https://join?host=a:1&code=ABCD2345") << QStringLiteral("not a Hearth invite link");
        QTest::newRow("another action") << QStringLiteral("hearth://leave?host=a:1") << QStringLiteral("not a Hearth invite link");
        QTest::newRow("no host") << QStringLiteral("hearth://join?code=ABCD2345") << QStringLiteral("no usable host address");
        QTest::newRow("bad host") << QStringLiteral("hearth://join?host=a%20b:99999&code=ABCD2345") << QStringLiteral("no usable host address");
        QTest::newRow("short code") << QStringLiteral("hearth://join?host=10.0.0.2:8765&code=ABC") << QStringLiteral("8 letters and digits");
        QTest::newRow("cut fingerprint") << QStringLiteral("hearth://join?host=10.0.0.2:8765&code=ABCD2345&fp=4F2A91C377BD")
                                         << QStringLiteral("damaged");
    }

    void badLinksAreRefusedWithAMessage()
    {
        QFETCH(QString, link);
        QFETCH(QString, says);
        QString error;
        QVERIFY(!JoinLink::parse(link, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
    }

    void anAdvertCarriesNoSecret()
    {
        const QString fingerprint = QStringLiteral("0f").repeated(32);
        const HouseholdAdvert advert{QStringLiteral("hh-1"), QStringLiteral("The Lindqvists"), fingerprint, 8765};
        QCOMPARE(advert.txtRecord(), (QList<QByteArray>{"txtvers=1", "name=The Lindqvists", "id=hh-1", "fp=" + fingerprint.toLatin1()}));
        QCOMPARE(advert.serviceName(), QStringLiteral("The Lindqvists"));
    }

    void longNamesAreCutWithoutSplittingACharacter()
    {
        const HouseholdAdvert advert{QStringLiteral("hh-1"), QStringLiteral("Ålandsgården ").repeated(30), QString(), 8765};
        QVERIFY(advert.serviceName().toUtf8().size() <= 63);
        QVERIFY(!advert.serviceName().contains(QChar::ReplacementCharacter));
        for (const QByteArray &entry : advert.txtRecord())
            QVERIFY(entry.size() <= 255);
        QVERIFY(!QString::fromUtf8(advert.txtRecord().at(1)).contains(QChar::ReplacementCharacter));
    }

    void withoutAvahiNothingIsAdvertisedOrFound()
    {
        // The tests' system bus address leads nowhere (tests/CMakeLists.txt).
        ServiceAdvertiser advertiser;
        advertiser.advertise({{QStringLiteral("hh-1"), QStringLiteral("Home"), QString(), 8765}});
        QCOMPARE(advertiser.state(), ServiceAdvertiser::State::Unavailable);
        QVERIFY(!advertiser.errorString().isEmpty());
        HouseholdBrowser browser;
        browser.start();
        QVERIFY(!browser.isAvailable());
        QCOMPARE(browser.rowCount(), 0);
    }

    void aBusWithoutAvahiIsSaidSo()
    {
        // A bus of the test's own, where nobody owns org.freedesktop.Avahi.
        if (QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")).isEmpty())
            QSKIP("dbus-daemon is not installed (scripts/install-deps.sh test)");
        QTemporaryDir dir;
        QFile config(dir.filePath(QStringLiteral("bus.conf")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("<busconfig><type>system</type><listen>unix:path=%1</listen><auth>EXTERNAL</auth>"
                                    "<policy context=\"default\"><allow user=\"*\"/><allow send_destination=\"*\"/>"
                                    "<allow receive_sender=\"*\"/></policy></busconfig>")
                         .arg(dir.filePath(QStringLiteral("bus")))
                         .toUtf8());
        config.close();
        QProcess daemon;
        daemon.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--config-file=") + config.fileName(), QStringLiteral("--nofork"),
                                                     QStringLiteral("--print-address")});
        QVERIFY(daemon.waitForReadyRead(10000));
        {
            const QDBusConnection bus = QDBusConnection::connectToBus(QString::fromUtf8(daemon.readLine().trimmed()), QStringLiteral("noAvahi"));
            QVERIFY(bus.isConnected());
            HouseholdBrowser browser(bus);
            browser.start();
            QVERIFY(!browser.isAvailable());
            QVERIFY2(browser.unavailableReason().contains(QLatin1String("no Avahi daemon")), qPrintable(browser.unavailableReason()));
            ServiceAdvertiser advertiser(bus);
            advertiser.advertise({{QStringLiteral("hh-1"), QStringLiteral("Home"), QString(), 8765}});
            QCOMPARE(advertiser.state(), ServiceAdvertiser::State::Unavailable);
        }
        QDBusConnection::disconnectFromBus(QStringLiteral("noAvahi"));
        daemon.terminate();
        QVERIFY(daemon.waitForFinished(5000));
    }
};

QTEST_GUILESS_MAIN(TestJoinLink)
#include "tst_joinlink.moc"
