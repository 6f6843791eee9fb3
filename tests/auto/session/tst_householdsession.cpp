// The household session without any window: a copy alone, a copy hosting its household on
// loopback (port 0), and a second copy with its own store that pairs with an invite code and
// joins; changes on either side reach the other's models and notices over real sockets.

#include "Clock.h"
#include "HouseholdData.h"
#include "HouseholdSession.h"
#include "PantryModel.h"
#include "PairingClient.h"
#include "ReplicaEngine.h"
#include "SessionTestSupport.h"
#include "Store.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;

namespace {

using Copy = test::SessionCopy;

int rowNamed(const PantryModel &pantry, const QString &name)
{
    for (int row = 0; row < pantry.rowCount(); ++row) {
        if (pantry.at(row).name == name)
            return row;
    }
    return -1;
}

} // namespace

class tst_HouseholdSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aloneTheFirstStartCreatesTheHouseholdAndTheNextOpensIt()
    {
        QTemporaryDir dir;
        const QString path = QDir(dir.path()).filePath(QStringLiteral("hearth.db"));
        SystemClock clock;
        const HouseholdSession::Options options = test::sessionOptions(dir.path(), QStringLiteral("Alex"));
        QString error;
        {
            auto store = Store::open(path, &error);
            QVERIFY2(store, qPrintable(error));
            HouseholdSession session(*store, clock, options);
            bool created = false;
            QVERIFY2(session.open(&error, &created), qPrintable(error));
            QVERIFY(created);
            QCOMPARE(session.role(), HouseholdSession::Role::Local);
            QCOMPARE(session.memberName(), QStringLiteral("Alex"));
            QVERIFY(session.data().modelFor(Collection::Pantry)->create({{QStringLiteral("name"), QStringLiteral("Rice")}}).ok);
        }
        auto store = Store::open(path, &error);
        QVERIFY2(store, qPrintable(error));
        HouseholdSession session(*store, clock, options);
        bool created = true;
        QVERIFY2(session.open(&error, &created), qPrintable(error));
        QVERIFY(!created);
        QVERIFY(rowNamed(session.data().pantry, QStringLiteral("Rice")) >= 0);
    }

    void aHostedHouseholdIsJoinedAndEditedFromBothSides()
    {
        Copy host(QStringLiteral("Alex"));
        Copy guest(QStringLiteral("Sam"));
        QString error;
        QVERIFY2(host.session->open(&error), qPrintable(error));
        QVERIFY2(guest.session->open(&error), qPrintable(error));
        host.session->start();
        guest.session->start();

        QVERIFY2(host.session->startHosting(0, &error, QHostAddress::LocalHost), qPrintable(error));
        QCOMPARE(host.session->role(), HouseholdSession::Role::Hosting);
        QVERIFY(host.session->hostPort() > 0);
        QCOMPARE(host.session->hostCertificateCode().size(), 14); // "4F2A-91C3-77BD"
        const QString code = host.session->createInviteCode(&error);
        QVERIFY2(!code.isEmpty(), qPrintable(error));

        // The guest pairs as a person would type it: the address and the code.
        const auto url = PairingClient::hostUrlFromAddress(QStringLiteral("127.0.0.1:%1").arg(host.session->hostPort()), &error);
        QVERIFY2(url, qPrintable(error));
        PairingClient client;
        std::optional<PairingClient::Result> result;
        QString failure;
        connect(&client, &PairingClient::paired, this, [&](const PairingClient::Result &paired) { result = paired; });
        connect(&client, &PairingClient::failed, this, [&](const QString &reason) { failure = reason; });
        QString seen;
        connect(&client, &PairingClient::hostSeen, this, [&](const QUrl &, const QString &fingerprint) {
            seen = fingerprint; // the person compares it with the host's screen, then the code is sent
            client.confirm();
        });
        client.start(*url, {code, QStringLiteral("Sam"), QStringLiteral("Sam's computer"), QString()});
        QTRY_VERIFY2_WITH_TIMEOUT(result || !failure.isEmpty(), "no answer from the host", 10000);
        QVERIFY2(result, qPrintable(failure));
        QVERIFY(!result->fingerprint.isEmpty()); // wss, the certificate pinned at pairing
        QCOMPARE(result->fingerprint, seen);
        QVERIFY2(guest.session->join(*result, &error), qPrintable(error));
        QCOMPARE(guest.session->role(), HouseholdSession::Role::Joined);
        QTRY_COMPARE(host.session->membersOnline(), 1);
        QTRY_COMPARE(guest.data().members.rowCount(), 2); // Alex, and Sam who joined

        // Host -> guest, with the notice a person reads.
        QVERIFY(host.add(Collection::Pantry, {{QStringLiteral("name"), QStringLiteral("Milk")}, {QStringLiteral("quantity"), 2}}).ok);
        QTRY_VERIFY(rowNamed(guest.data().pantry, QStringLiteral("Milk")) >= 0);
        QTRY_VERIFY2(guest.notices.contains(QStringLiteral("Alex added Milk to the pantry")), qPrintable(guest.notices.join(u'|')));

        // Guest -> host, through the guest's outbox, which empties once the host acknowledged it.
        QVERIFY(guest.add(Collection::Pantry, {{QStringLiteral("name"), QStringLiteral("Eggs")}}).ok);
        QTRY_VERIFY(rowNamed(host.data().pantry, QStringLiteral("Eggs")) >= 0);
        QTRY_VERIFY2(host.notices.contains(QStringLiteral("Sam added Eggs to the pantry")), qPrintable(host.notices.join(u'|')));
        QTRY_COMPARE(qobject_cast<ReplicaEngine *>(&guest.session->engine())->outboxSize(), 0);

        // Stopping the host takes the guest offline; it keeps its copy of the household.
        host.session->stopHosting();
        QCOMPARE(host.session->role(), HouseholdSession::Role::Local);
        QTRY_VERIFY(guest.session->status().state() != ConnectionStatus::State::Connected);
        QVERIFY(rowNamed(guest.data().pantry, QStringLiteral("Milk")) >= 0);
    }
};

QTEST_GUILESS_MAIN(tst_HouseholdSession)
#include "tst_householdsession.moc"
