// The Join dialog's ways of not typing: the households found on the network (HouseholdBrowser's
// list; the real DNS-SD round trip is tst_discovery's, in network namespaces) and invite links
// (`hearth LINK`, SessionUi::openJoinLink). Where no Avahi answers it says so in one line.

#include "Clock.h"
#include "DnsSd.h"
#include "HostDialog.h"
#include "HouseholdSession.h"
#include "JoinDialog.h"
#include "JoinLink.h"
#include "ScriptedConfirmer.h"
#include "SessionTestSupport.h"
#include "SessionUi.h"
#include "Store.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace hearth;

namespace {

// A household hosted on 127.0.0.1 by a session of its own, with an invite code.
struct Host
{
    Host()
    {
        QString error;
        store = Store::open(QDir(dir.path()).filePath(QStringLiteral("hearth.db")), &error);
        session = std::make_unique<HouseholdSession>(*store, clock, test::sessionOptions(dir.path(), QStringLiteral("Jordan")));
        if (!session->open(&error) || !session->startHosting(0, &error, QHostAddress::LocalHost))
            qFatal("no host: %s", qPrintable(error));
        code = session->createInviteCode(&error);
    }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(session->hostPort()); }

    QTemporaryDir dir;
    SystemClock clock;
    std::unique_ptr<Store> store;
    std::unique_ptr<HouseholdSession> session;
    QString code;
};

FoundHousehold found(const QString &name, const QString &ip, quint16 port, const QString &fingerprint)
{
    FoundHousehold household;
    household.serviceName = name;
    household.householdName = name;
    household.ip = ip;
    household.port = port;
    household.fingerprint = fingerprint;
    return household;
}

QString wrongFingerprint()
{
    return QString(64, QLatin1Char('0'));
}

} // namespace

class TestJoinDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void saysQuietlyWhenNoAvahiAnswers()
    {
        // The tests' system bus address leads nowhere (tests/CMakeLists.txt).
        JoinDialog dialog(QStringLiteral("Sam"), QString());
        dialog.show();
        QVERIFY(!dialog.browser().isAvailable());
        QVERIFY2(dialog.discoveryText().contains(QLatin1String("cannot be listed")), qPrintable(dialog.discoveryText()));
        QVERIFY(dialog.foundList()->isHidden());
        // Typing the address still works.
        auto *address = dialog.findChild<QLineEdit *>(QStringLiteral("addressEdit"));
        QTest::keyClicks(address, QStringLiteral("192.168.1.20:8765"));
        QCOMPARE(dialog.address(), QStringLiteral("192.168.1.20:8765"));
    }

    void pickingAFoundHouseholdFillsInItsAddress()
    {
        auto *browser = new HouseholdBrowser(QDBusConnection::systemBus());
        QAbstractItemModelTester tester(browser, QAbstractItemModelTester::FailureReportingMode::QtTest);
        JoinDialog dialog(QStringLiteral("Sam"), QString(), nullptr, browser);
        browser->setParent(&dialog);
        dialog.show();
        browser->add(found(QStringLiteral("Maple Street"), QStringLiteral("10.0.0.7"), 8765, wrongFingerprint()));
        browser->add(found(QStringLiteral("Beech House"), QStringLiteral("10.0.0.9"), 9000, QString()));
        QCOMPARE(browser->rowCount(), 2);
        QCOMPARE(browser->index(0).data(HouseholdBrowser::HouseholdNameRole).toString(), QStringLiteral("Beech House")); // by name
        QVERIFY(dialog.foundList()->isVisible());
        QVERIFY2(dialog.discoveryText().contains(QLatin1String("Pick a household")), qPrintable(dialog.discoveryText()));
        const QRect second = dialog.foundList()->visualRect(browser->index(1));
        QTest::mouseClick(dialog.foundList()->viewport(), Qt::LeftButton, {}, second.center());
        QCOMPARE(dialog.address(), QStringLiteral("10.0.0.7:8765"));
        QCOMPARE(dialog.focusWidget(), dialog.findChild<QLineEdit *>(QStringLiteral("inviteCodeEdit"))); // the code is next
        // The household this device hosts itself is not offered.
        FoundHousehold own = found(QStringLiteral("Our Place"), QStringLiteral("10.0.0.1"), 8765, QString());
        own.householdId = QStringLiteral("own-id");
        browser->add(own);
        dialog.hideHousehold(QStringLiteral("own-id"));
        QCOMPARE(browser->at(2).householdId, QStringLiteral("own-id")); // by name: Beech, Maple, Our
        QVERIFY(dialog.foundList()->isRowHidden(2));
        dialog.pickFound(2);
        QCOMPARE(dialog.address(), QStringLiteral("10.0.0.7:8765"));
    }

    void theAnnouncedCertificateMustBeTheHostsAndIsStillCompared()
    {
        Host host;
        for (const bool honest : {false, true}) {
            auto *browser = new HouseholdBrowser(QDBusConnection::systemBus());
            JoinDialog dialog(QStringLiteral("Sam"), QString(), nullptr, browser);
            browser->setParent(&dialog);
            dialog.show();
            browser->add(found(QStringLiteral("The Lindqvists"), QStringLiteral("127.0.0.1"), host.session->hostPort(),
                               honest ? host.session->hostFingerprint() : wrongFingerprint()));
            dialog.pickFound(0);
            QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("inviteCodeEdit")), host.code);
            dialog.accept();
            if (!honest) {
                // Someone else announced this household: nothing is sent to whoever answers.
                QTRY_VERIFY(!dialog.errorText().isEmpty());
                QVERIFY2(dialog.errorText().contains(QLatin1String("not the host that announced")), qPrintable(dialog.errorText()));
                QVERIFY(!dialog.isConfirming());
                QCOMPARE(host.session->openInvites().size(), 1); // the code was not used
                continue;
            }
            // The right host: the person still compares the security code (an advert proves nothing).
            QTRY_VERIFY(dialog.isConfirming());
            QCOMPARE(dialog.securityCode(), host.session->hostCertificateCode());
        }
    }

    void theHostDialogCopiesTheInviteLinkAndPromisesNoScanner()
    {
        Host host;
        HostDialog dialog(*host.session);
        dialog.show();
        QVERIFY(dialog.showsHosting());
        QGuiApplication::clipboard()->clear();
        QTest::mouseClick(dialog.copyLinkButton(), Qt::LeftButton);
        const QString copied = QGuiApplication::clipboard()->text();
        QCOMPARE(copied, dialog.qrText());
        QString error;
        const auto link = JoinLink::parse(copied, &error);
        QVERIFY2(link, qPrintable(error));
        QCOMPARE(link->code, dialog.inviteCode());
        QCOMPARE(link->fingerprint, host.session->hostFingerprint());
        // Nothing in Hearth reads the QR code, so nothing on the dialog says to scan it.
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            for (const char *promise : {"scan", "Scan", "camera"})
                QVERIFY2(!label->text().contains(QLatin1String(promise)), qPrintable(label->text()));
    }

    void anInviteLinkFillsTheDialogIn()
    {
        Host host;
        QTemporaryDir dir;
        QString error;
        const auto store = Store::open(QDir(dir.path()).filePath(QStringLiteral("hearth.db")), &error);
        SystemClock clock;
        HouseholdSession session(*store, clock, test::sessionOptions(dir.path(), QStringLiteral("Sam")));
        QVERIFY(session.open(&error));
        test::ScriptedConfirmer confirmer;
        QSettings settings(QDir(dir.path()).filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat);
        SessionUi ui(session, confirmer, settings);
        ui.show();
        const auto link = JoinLink::parse(JoinLink{host.address(), host.code, host.session->hostFingerprint()}.toString(), &error);
        QVERIFY2(link, qPrintable(error));
        JoinDialog *dialog = ui.openJoinLink(*link);
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->address(), host.address());
        QCOMPARE(dialog->inviteCode(), host.code);
        // The link's fingerprint is the comparison: Join pairs at once, with no question.
        QPointer<JoinDialog> open = dialog;
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("joinButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!open || !open->isVisible(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(session.role(), HouseholdSession::Role::Joined, 10000);
    }
};

QTEST_MAIN(TestJoinDialog)
#include "tst_joindialog.moc"
