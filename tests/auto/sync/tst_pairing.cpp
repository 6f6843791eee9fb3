// Invite codes: their form, expiry, and that redeeming one always makes a new member.

#include "AttemptLimiter.h"
#include "DeviceRegistry.h"
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

    void aCodeMadeForAMemberJoinsAsThem()
    {
        // The owner (made with the household, no device yet) gets a code of their own: whatever
        // name is typed, the device joins as them, with their role; the code works once.
        TestHost host;
        QString error;
        const auto code = host.pairing().createInviteFor(host.householdId(), host.ownerId(), Pairing::kDefaultInviteSeconds, &error);
        QVERIFY2(code, qPrintable(error));
        const auto open = host.pairing().openInvites(host.householdId());
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().memberId, host.ownerId());
        QCOMPARE(open.first().memberName, ownerName(host));
        QString field;
        const auto joined = host.pairing().redeem(*code, QString(), &error, QStringLiteral("Alex's laptop"), &field);
        QVERIFY2(joined, qPrintable(error));
        QCOMPARE(joined->memberId, host.ownerId());
        QCOMPARE(joined->memberName, ownerName(host));
        QVERIFY(!joined->refreshToken.isEmpty());
        const auto devices = host.directory().devices().devices(host.householdId());
        QCOMPARE(devices.size(), 1);
        QCOMPARE(devices.first().name, QStringLiteral("Alex's laptop"));
        QVERIFY(!host.pairing().redeem(*code, QString(), &error));
        QVERIFY(!host.pairing().createInviteFor(host.householdId(), QStringLiteral("nobody"), 60, &error));
    }

    void aTakenOrMissingNameIsAboutTheName()
    {
        TestHost host;
        const QString code = *host.pairing().createInvite(host.householdId());
        QString error;
        QString field;
        QVERIFY(!host.pairing().redeem(code, ownerName(host), &error, {}, &field));
        QCOMPARE(field, QStringLiteral("name"));
        QVERIFY2(error.contains(QLatin1String("code made for")), qPrintable(error));
        QVERIFY(!host.pairing().redeem(code, QStringLiteral("  "), &error, {}, &field));
        QCOMPARE(field, QStringLiteral("name"));
        QVERIFY(!host.pairing().redeem(QStringLiteral("ZZZZZZZZ"), QStringLiteral("Noor"), &error, {}, &field));
        QCOMPARE(field, QStringLiteral("invite_code"));
    }

    void aRefusedJoinGivesTheCodeBack()
    {
        // The code is claimed while a join is made; a join refused for its name leaves it open for
        // the person to try again, and a join that succeeds uses it up.
        TestHost host;
        const QString code = *host.pairing().createInvite(host.householdId());
        QString error;
        QVERIFY(!host.pairing().redeem(code, ownerName(host), &error));
        QCOMPARE(host.pairing().openInvites(host.householdId()).size(), 1);
        const auto joined = host.pairing().redeem(code, QStringLiteral("Noor"), &error);
        QVERIFY2(joined, qPrintable(error));
        QVERIFY(host.pairing().openInvites(host.householdId()).isEmpty());
        QVERIFY(!host.pairing().redeem(code, QStringLiteral("Noor's twin"), &error));
    }

    void overTheNetworkTheAnswerNamesTheMemberAndTheField()
    {
        TestHost host;
        QUrl pairUrl = host.baseUrl();
        pairUrl.setPath(QStringLiteral("/api/pair"));
        const auto pair = [&](const QString &code, const QString &name) {
            TestClient device;
            device.open(pairUrl);
            if (!QTest::qWaitFor([&] { return device.isOpen(); }, 5000))
                return QJsonObject();
            device.sendEvent(QStringLiteral("pair"), {{QStringLiteral("invite_code"), code}, {QStringLiteral("name"), name}});
            if (!QTest::qWaitFor([&] { return !device.messages.isEmpty(); }, 5000))
                return QJsonObject();
            return device.messages.value(0);
        };
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^refused a pairing from 127.0.0.1$")));
        const QJsonObject taken = pair(*host.pairing().createInvite(host.householdId()), ownerName(host));
        QCOMPARE(taken.value(QLatin1String("event")).toString(), QStringLiteral("error"));
        QCOMPARE(taken.value(QLatin1String("data")).toObject().value(QLatin1String("field")).toString(), QStringLiteral("name"));
        const QJsonObject owner = pair(*host.pairing().createInviteFor(host.householdId(), host.ownerId()), QString());
        QCOMPARE(owner.value(QLatin1String("event")).toString(), QStringLiteral("paired"));
        QCOMPARE(owner.value(QLatin1String("data")).toObject().value(QLatin1String("member_id")).toString(), host.ownerId());
        QCOMPARE(owner.value(QLatin1String("data")).toObject().value(QLatin1String("member_name")).toString(), ownerName(host));
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
        // An expired code is answered like an unknown one: a guesser learns nothing.
        QVERIFY2(error.contains(QLatin1String("not valid")), qPrintable(error));
    }

    void aCodeAdmitsOneDeviceAndCanBeRevoked()
    {
        TestHost host;
        const QString used = *host.pairing().createInvite(host.householdId());
        const QString revoked = *host.pairing().createInvite(host.householdId(), QStringLiteral("child"));
        QCOMPARE(host.pairing().openInvites(host.householdId()).size(), 2);
        QCOMPARE(host.pairing().openInvites(host.householdId()).first().role, QStringLiteral("child")); // newest first
        QString error;
        QVERIFY2(host.pairing().redeem(used, QStringLiteral("Noor"), &error), qPrintable(error));
        QVERIFY(!host.pairing().redeem(used, QStringLiteral("Noor's friend"), &error));
        QVERIFY(error.contains(QLatin1String("not valid")));
        QVERIFY(host.pairing().revokeInvite(revoked));
        QVERIFY(!host.pairing().revokeInvite(revoked)); // only once
        QVERIFY(!host.pairing().redeem(revoked, QStringLiteral("Kai"), &error));
        QVERIFY(host.pairing().openInvites(host.householdId()).isEmpty());
    }

    void aChildInviteMakesAChild()
    {
        TestHost host;
        const QString code = *host.pairing().createInvite(host.householdId(), QStringLiteral("child"));
        QString error;
        const auto joined = host.pairing().redeem(code, QStringLiteral("Kai"), &error);
        QVERIFY2(joined, qPrintable(error));
        QCOMPARE(joined->role, QStringLiteral("child"));
        QCOMPARE(host.engine().entity(Collection::Members, joined->memberId)->value(QLatin1String("role")).toString(),
                 QStringLiteral("child"));
    }

    void refreshCredentialWorksUntilTheDeviceIsSignedOut()
    {
        TestHost host;
        const QString code = *host.pairing().createInvite(host.householdId());
        QString error;
        const auto joined = host.pairing().redeem(code, QStringLiteral("Noor"), &error);
        QVERIFY2(joined, qPrintable(error));
        QVERIFY(!joined->deviceId.isEmpty());
        QVERIFY(joined->refreshToken.size() >= 43); // 256 random bits
        QCOMPARE(joined->expiresIn, Pairing::kAccessTokenSeconds);
        // The host keeps only a hash of the refresh credential.
        QSqlQuery stored(host.store().database());
        QVERIFY(stored.exec(QStringLiteral("SELECT refresh_hash FROM devices")) && stored.next());
        QVERIFY(stored.value(0).toString() != joined->refreshToken);
        QCOMPARE(stored.value(0).toString(), DeviceRegistry::hashOf(joined->refreshToken));

        const auto renewed = host.pairing().refresh(joined->refreshToken, &error);
        QVERIFY2(renewed, qPrintable(error));
        QCOMPARE(renewed->memberId, joined->memberId);
        QCOMPARE(renewed->deviceId, joined->deviceId);
        QVERIFY(!host.pairing().refresh(QStringLiteral("guess"), &error));

        QVERIFY(host.directory().devices().signOut(joined->deviceId));
        QVERIFY(!host.pairing().refresh(joined->refreshToken, &error));
        QVERIFY2(error.contains(QLatin1String("signed out")), qPrintable(error));
    }

    void aPairingCanBeTakenBack()
    {
        TestHost host;
        QString error;
        const auto first = host.pairing().redeem(*host.pairing().createInvite(host.householdId()), QStringLiteral("Noor"), &error);
        QVERIFY2(first, qPrintable(error));
        QVERIFY(host.pairing().unpair(first->refreshToken));
        // The member made for that device goes with it.
        QVERIFY(!host.directory().isMember(host.householdId(), first->memberId));
        QVERIFY(!host.pairing().unpair(first->refreshToken)); // once
        QVERIFY(!host.pairing().unpair(QStringLiteral("guess")));
    }

    void takingBackAMembersCodeKeepsTheMember()
    {
        // A code made for someone the host added (here the owner, the last adult) gives them a
        // device; taking that pairing back forgets the device, never the person.
        TestHost host;
        QString error;
        const auto code = host.pairing().createInviteFor(host.householdId(), host.ownerId(), Pairing::kDefaultInviteSeconds, &error);
        QVERIFY2(code, qPrintable(error));
        const auto joined = host.pairing().redeem(*code, QString(), &error);
        QVERIFY2(joined, qPrintable(error));
        QCOMPARE(joined->memberId, host.ownerId());
        QVERIFY(host.pairing().unpair(joined->refreshToken));
        QVERIFY(host.directory().isMember(host.householdId(), host.ownerId()));
        QVERIFY(host.directory().devices().devices(host.householdId()).isEmpty());
        QVERIFY(!host.pairing().refresh(joined->refreshToken, &error));
    }

    void removingAMemberEndsTheirDevices()
    {
        TestHost host;
        const QString code = *host.pairing().createInvite(host.householdId());
        QString error;
        const auto joined = host.pairing().redeem(code, QStringLiteral("Noor"), &error);
        QVERIFY2(joined, qPrintable(error));
        QCOMPARE(host.directory().devices().devices(host.householdId()).size(), 1);
        QVERIFY(host.engine().submit(Mutation{{}, Collection::Members, MutationOp::Delete, joined->memberId, -1, {}}).ok);
        QVERIFY(host.directory().devices().devices(host.householdId()).isEmpty());
        QVERIFY(!host.pairing().refresh(joined->refreshToken, &error));
    }

    void failuresSlowDownThenStopAGuesser()
    {
        FakeClock clock;
        AttemptLimiter limiter(clock, {5, std::chrono::milliseconds(100), std::chrono::milliseconds(1000)});
        const QStringList keys{QStringLiteral("source:10.0.0.9"), QStringLiteral("host")};
        QCOMPARE(limiter.check(keys).delay.count(), 0);
        const QList<qint64> expected{100, 200, 400, 800};
        for (qint64 delay : expected) {
            limiter.recordFailure(keys);
            const auto verdict = limiter.check(keys);
            QVERIFY(verdict.allowed);
            QCOMPARE(verdict.delay.count(), delay);
        }
        limiter.recordFailure(keys); // the fifth
        QVERIFY(!limiter.check(keys).allowed);
        // Another address is still stopped: the whole host has had its five failures this hour.
        QVERIFY(!limiter.check({QStringLiteral("source:10.0.0.10"), QStringLiteral("host")}).allowed);
        // An hour after the failures, guessing may start again (slowly).
        clock.setNow(clock.now().addSecs(3601));
        QVERIFY(limiter.check(keys).allowed);
        QCOMPARE(limiter.failures(QStringLiteral("host")), 0);
    }

    void bruteForceOverTheNetworkIsStopped()
    {
        TestHost host;
        host.setPairingLimits({3, std::chrono::milliseconds(20), std::chrono::milliseconds(100)});
        const QString code = *host.pairing().createInvite(host.householdId());
        QUrl pairUrl = host.baseUrl();
        pairUrl.setPath(QStringLiteral("/api/pair"));
        const auto attempt = [&](const QString &tried) {
            TestClient device;
            device.open(pairUrl);
            if (!QTest::qWaitFor([&] { return device.isOpen(); }, 5000))
                return QJsonObject();
            device.sendEvent(QStringLiteral("pair"), {{QStringLiteral("invite_code"), tried}, {QStringLiteral("name"), QStringLiteral("Eve")}});
            const QJsonObject answer = device.waitFor(QStringLiteral("error"), {}, 5000);
            return answer.isEmpty() ? device.messages.value(0) : answer;
        };
        for (int i = 0; i < 3; ++i) {
            // Each refusal is logged, with the source but never the code.
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^refused a pairing from 127.0.0.1$")));
            const QJsonObject refused = attempt(QStringLiteral("WRONG%1AA").arg(i + 2));
            QCOMPARE(refused.value(QLatin1String("event")).toString(), QStringLiteral("error"));
        }
        // The limit is reached: even the right code is refused now, without being looked at.
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("too many failed attempts")));
        const QJsonObject stopped = attempt(code);
        QCOMPARE(stopped.value(QLatin1String("event")).toString(), QStringLiteral("error"));
        QVERIFY(stopped.value(QLatin1String("data")).toObject().value(QLatin1String("reason")).toString().contains(QLatin1String("Too many")));
        QCOMPARE(host.pairing().openInvites(host.householdId()).size(), 1); // still unused
    }
};

QTEST_GUILESS_MAIN(TestPairing)
#include "tst_pairing.moc"
