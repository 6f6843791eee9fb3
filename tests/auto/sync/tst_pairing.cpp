// Invite codes: their form, expiry, and that redeeming one always makes a new member.

#include "Pairing.h"
#include "SyncTestSupport.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

class TestPairing : public QObject
{
    Q_OBJECT

private:
    static QString ownerName(TestHost &host)
    {
        return host.engine().entity(Collection::Members, host.ownerId())->value(QLatin1String("name")).toString();
    }

private Q_SLOTS:
    void codesAreEightUnambiguousCharacters()
    {
        TestHost host;
        QVERIFY2(host.isValid(), qPrintable(host.error()));
        for (int i = 0; i < 50; ++i) {
            const auto code = host.pairing().createInvite(host.householdId());
            QVERIFY(code);
            QVERIFY2(QRegularExpression(QStringLiteral("^[A-HJKMNP-Z2-9]{8}$")).match(*code).hasMatch(), qPrintable(*code));
        }
    }

    void redeemingMakesANewMemberWithAToken()
    {
        TestHost host;
        const QString code = *host.pairing().createInvite(host.householdId());
        QString error;
        // Typed in lower case with a space: still the same code.
        const auto joined = host.pairing().redeem(code.toLower().insert(4, QLatin1Char(' ')), QStringLiteral("Noor"), &error);
        QVERIFY2(joined, qPrintable(error));
        QCOMPARE(joined->householdId, host.householdId());
        QVERIFY(joined->memberId != host.ownerId());
        QVERIFY(!joined->token.isEmpty());
        QVERIFY(host.directory().isMember(host.householdId(), joined->memberId));
    }

    void redeemingNeverReturnsAnExistingMembersCredentials()
    {
        TestHost host;
        const QString code = *host.pairing().createInvite(host.householdId());
        const QString owner = ownerName(host);
        QString error;
        QVERIFY(!host.pairing().redeem(code, owner, &error));
        QVERIFY2(error.contains(QLatin1String("already called")), qPrintable(error));
        QVERIFY(!host.pairing().redeem(code, owner.toUpper(), &error));
    }

    void expiredAndUnknownCodesAreRefused()
    {
        TestHost host;
        const QString code = *host.pairing().createInvite(host.householdId(), QStringLiteral("adult"), 60);
        QString error;
        QVERIFY(!host.pairing().redeem(QStringLiteral("ZZZZZZZZ"), QStringLiteral("Noor"), &error));
        QVERIFY(error.contains(QLatin1String("not valid")));
        host.clock.setNow(host.clock.now().addSecs(61));
        QVERIFY(!host.pairing().redeem(code, QStringLiteral("Noor"), &error));
        QVERIFY2(error.contains(QLatin1String("expired")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestPairing)
#include "tst_pairing.moc"
