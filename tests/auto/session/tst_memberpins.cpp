// Members' PINs on the kiosk (MemberPins): a salted PBKDF2 hash in a private file of the data
// folder, never the PIN; wrong tries limited, the lock-out written down so quitting does not reset
// it. And the session's rules around them: who may set whose PIN, and acting as a picked member.

#include "HouseholdData.h"
#include "HouseholdSession.h"
#include "MemberPins.h"
#include "SessionTestSupport.h"
#include "Store.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;
using namespace std::chrono_literals;

namespace {
// Few rounds where a test checks many PINs; the real count is checked on its own.
PinPolicy quickPolicy()
{
    PinPolicy policy;
    policy.iterations = 1000;
    return policy;
}

QJsonObject storedRecord(const QString &path, const QString &memberId)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("members")).toObject().value(memberId).toObject();
}
} // namespace

class tst_MemberPins : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path() const { return QDir(m_dir.path()).filePath(QStringLiteral("member-pins.json")); }

private Q_SLOTS:
    void init()
    {
        QFile::remove(path());
        QFile::remove(path() + QStringLiteral(".damaged"));
    }

    void onlyFourDigitsArePins()
    {
        test::FakeClock clock;
        MemberPins pins(path(), clock, quickPolicy());
        for (const QString &bad : {QString(), QStringLiteral("123"), QStringLiteral("12345"), QStringLiteral("12a4"),
                                   QStringLiteral("１２３４")}) {
            QString error;
            QVERIFY(!pins.setPin(QStringLiteral("mia"), bad, &error));
            QVERIFY(!error.isEmpty());
        }
        QVERIFY(!pins.hasPin(QStringLiteral("mia")));
        QVERIFY(pins.setPin(QStringLiteral("mia"), QStringLiteral("0042")));
        QVERIFY(pins.hasPin(QStringLiteral("mia")));
    }

    void storedAsASaltedHashNeverThePin()
    {
        test::FakeClock clock;
        MemberPins pins(path(), clock); // the real policy
        QVERIFY(pins.setPin(QStringLiteral("mia"), QStringLiteral("2580")));
        QVERIFY(pins.setPin(QStringLiteral("sam"), QStringLiteral("2580")));

        QFile file(path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(!stored.contains("2580"));
        QCOMPARE(QFileInfo(path()).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());

        const QJsonObject mia = storedRecord(path(), QStringLiteral("mia"));
        const QJsonObject sam = storedRecord(path(), QStringLiteral("sam"));
        QCOMPARE(mia.value(QLatin1String("iterations")).toInt(), 100000);
        QCOMPARE(QByteArray::fromBase64(mia.value(QLatin1String("hash")).toString().toLatin1()).size(), 32);
        // The same PIN, a different salt, so a different hash.
        QVERIFY(mia.value(QLatin1String("salt")).toString() != sam.value(QLatin1String("salt")).toString());
        QVERIFY(mia.value(QLatin1String("hash")).toString() != sam.value(QLatin1String("hash")).toString());
        // A new PIN for the same member gets a new salt too.
        QVERIFY(pins.setPin(QStringLiteral("mia"), QStringLiteral("2580")));
        QVERIFY(storedRecord(path(), QStringLiteral("mia")).value(QLatin1String("salt")) != mia.value(QLatin1String("salt")));

        QCOMPARE(pins.check(QStringLiteral("mia"), QStringLiteral("2580")), MemberPins::PinCheck::Accepted);
        QCOMPARE(pins.check(QStringLiteral("mia"), QStringLiteral("2581")), MemberPins::PinCheck::Wrong);
        QCOMPARE(pins.check(QStringLiteral("ben"), QStringLiteral("2580")), MemberPins::PinCheck::NoPin);
    }

    void wrongTriesLockAndTheLockOutDoubles()
    {
        test::FakeClock clock;
        MemberPins pins(path(), clock, quickPolicy());
        QVERIFY(pins.setPin(QStringLiteral("mia"), QStringLiteral("1234")));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(pins.check(QStringLiteral("mia"), QStringLiteral("0000")), MemberPins::PinCheck::Wrong);
            QCOMPARE(pins.attemptsLeft(QStringLiteral("mia")), 4 - i);
        }
        QCOMPARE(pins.lockedFor(QStringLiteral("mia")), 0s);
        QCOMPARE(pins.check(QStringLiteral("mia"), QStringLiteral("0000")), MemberPins::PinCheck::Wrong);
        QCOMPARE(pins.lockedFor(QStringLiteral("mia")), 60s);
        // Locked: even the right PIN is not looked at.
        QCOMPARE(pins.check(QStringLiteral("mia"), QStringLiteral("1234")), MemberPins::PinCheck::LockedOut);
        clock.setNow(clock.now().addSecs(59));
        QCOMPARE(pins.lockedFor(QStringLiteral("mia")), 1s);
        clock.setNow(clock.now().addSecs(1));
        QCOMPARE(pins.lockedFor(QStringLiteral("mia")), 0s);

        // Five more wrong: twice as long.
        for (int i = 0; i < 5; ++i)
            QCOMPARE(pins.check(QStringLiteral("mia"), QStringLiteral("9999")), MemberPins::PinCheck::Wrong);
        QCOMPARE(pins.lockedFor(QStringLiteral("mia")), 120s);
        // A clock set back does not stretch it: the next try starts the lock-out's own length
        // from now, and it ends then, days before the old end comes round again.
        clock.setNow(clock.now().addDays(-3));
        QCOMPARE(pins.lockedFor(QStringLiteral("mia")), 120s);
        QCOMPARE(pins.check(QStringLiteral("mia"), QStringLiteral("1234")), MemberPins::PinCheck::LockedOut);
        clock.setNow(clock.now().addSecs(60));
        QCOMPARE(pins.lockedFor(QStringLiteral("mia")), 60s);
        clock.setNow(clock.now().addSecs(60));
        QCOMPARE(pins.lockedFor(QStringLiteral("mia")), 0s);

        // The right PIN resets the count and the doubling.
        QCOMPARE(pins.check(QStringLiteral("mia"), QStringLiteral("1234")), MemberPins::PinCheck::Accepted);
        QCOMPARE(pins.attemptsLeft(QStringLiteral("mia")), 5);
        for (int i = 0; i < 5; ++i)
            pins.check(QStringLiteral("mia"), QStringLiteral("0000"));
        QCOMPARE(pins.lockedFor(QStringLiteral("mia")), 60s);
    }

    void theLockOutSurvivesARestart()
    {
        test::FakeClock clock;
        {
            MemberPins pins(path(), clock, quickPolicy());
            QVERIFY(pins.setPin(QStringLiteral("mia"), QStringLiteral("1234")));
            for (int i = 0; i < 3; ++i)
                pins.check(QStringLiteral("mia"), QStringLiteral("0000"));
        }
        {
            // Quitting between tries does not give them back.
            MemberPins pins(path(), clock, quickPolicy());
            QCOMPARE(pins.attemptsLeft(QStringLiteral("mia")), 2);
            pins.check(QStringLiteral("mia"), QStringLiteral("0000"));
            pins.check(QStringLiteral("mia"), QStringLiteral("0000"));
            QCOMPARE(pins.lockedFor(QStringLiteral("mia")), 60s);
        }
        clock.setNow(clock.now().addSecs(30));
        MemberPins pins(path(), clock, quickPolicy());
        QVERIFY(pins.hasPin(QStringLiteral("mia")));
        QCOMPARE(pins.lockedFor(QStringLiteral("mia")), 30s);
        QCOMPARE(pins.check(QStringLiteral("mia"), QStringLiteral("1234")), MemberPins::PinCheck::LockedOut);
        clock.setNow(clock.now().addSecs(30));
        QCOMPARE(pins.check(QStringLiteral("mia"), QStringLiteral("1234")), MemberPins::PinCheck::Accepted);
    }

    void aDamagedFileIsKeptAsideNotOverwritten()
    {
        {
            QFile file(path());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{\"members\": {\"mia\": {\"salt\"");
        }
        test::FakeClock clock;
        MemberPins pins(path(), clock, quickPolicy());
        QVERIFY(!pins.hasPin(QStringLiteral("mia")));
        QVERIFY(QFile::exists(path() + QStringLiteral(".damaged")));
        QVERIFY(pins.setPin(QStringLiteral("alex"), QStringLiteral("4321")));
        QFile aside(path() + QStringLiteral(".damaged"));
        QVERIFY(aside.open(QIODevice::ReadOnly));
        QVERIFY(aside.readAll().startsWith("{\"members\": {\"mia\""));
    }

    void clearingForgetsThePin()
    {
        test::FakeClock clock;
        MemberPins pins(path(), clock, quickPolicy());
        QVERIFY(pins.setPin(QStringLiteral("mia"), QStringLiteral("1234")));
        QSignalSpy changed(&pins, &MemberPins::changed);
        pins.clearPin(QStringLiteral("mia"));
        QCOMPARE(changed.count(), 1);
        QVERIFY(!pins.hasPin(QStringLiteral("mia")));
        QVERIFY(storedRecord(path(), QStringLiteral("mia")).isEmpty());
        QCOMPARE(MemberPins(path(), clock, quickPolicy()).hasPin(QStringLiteral("mia")), false);
    }

    // The session: a member sets their own PIN, only an adult another's (with their own PIN when
    // they have one); acting as someone else switches who the engine's edits are made as.
    void theSessionsRulesForPinsAndActing()
    {
        QTemporaryDir dir;
        QString error;
        auto store = Store::open(QDir(dir.path()).filePath(QStringLiteral("hearth.db")), &error);
        QVERIFY2(store, qPrintable(error));
        test::FakeClock clock;
        HouseholdSession session(*store, clock, test::sessionOptions(dir.path(), QStringLiteral("Alex")));
        QVERIFY2(session.open(&error), qPrintable(error));
        const QString alex = session.engine().actingMemberId();
        const MutationResult mia = session.data().members.create({{QStringLiteral("name"), QStringLiteral("Mia")},
                                                                  {QStringLiteral("role"), QStringLiteral("child")}});
        const MutationResult sam = session.data().members.create({{QStringLiteral("name"), QStringLiteral("Sam")},
                                                                  {QStringLiteral("role"), QStringLiteral("child")}});
        QVERIFY(mia.ok && sam.ok);

        // Alex, an adult without a PIN, gives Mia one; then one of his own.
        QCOMPARE(session.setMemberPin(mia.entityId, QStringLiteral("12"), {}).error.field, QStringLiteral("pin"));
        QVERIFY(session.setMemberPin(mia.entityId, QStringLiteral("1111"), {}).ok);
        QVERIFY(session.setMemberPin(alex, QStringLiteral("9999"), {}).ok);
        // From now on changing someone's PIN takes Alex's.
        const MutationResult wrongActor = session.setMemberPin(sam.entityId, QStringLiteral("2222"), QStringLiteral("0000"));
        QVERIFY(!wrongActor.ok);
        QCOMPARE(wrongActor.error.field, QStringLiteral("actor_pin"));
        QVERIFY(!session.pins().hasPin(sam.entityId));
        QVERIFY(session.setMemberPin(sam.entityId, QStringLiteral("2222"), QStringLiteral("9999")).ok);
        // They live in the data folder, not in the household's database.
        QVERIFY(QFileInfo::exists(QDir(dir.path()).filePath(QStringLiteral("member-pins.json"))));

        // Mia picked: the engine acts as her.
        QSignalSpy switched(&session.engine(), &HouseholdEngine::actingMemberChanged);
        QVERIFY(session.actAs(mia.entityId, &error));
        QCOMPARE(switched.count(), 1);
        QCOMPARE(session.engine().actingMemberId(), mia.entityId);
        QCOMPARE(session.memberName(), QStringLiteral("Mia"));
        QCOMPARE(session.deviceMemberId(), alex);
        // A child may change her own PIN, not her brother's.
        QVERIFY(session.setMemberPin(mia.entityId, QStringLiteral("3333"), QStringLiteral("1111")).ok);
        QCOMPARE(session.setMemberPin(sam.entityId, QString(), QStringLiteral("3333")).error.code, QStringLiteral("forbidden"));
        QVERIFY(session.pins().hasPin(sam.entityId));
        // Her edits are hers, with her rights.
        const MutationResult spent = session.data().modelFor(Collection::Transactions)->create(
            {{QStringLiteral("occurred_on"), QStringLiteral("2026-03-14")}, {QStringLiteral("description"), QStringLiteral("Sweets")},
             {QStringLiteral("amount_cents"), 150}});
        QVERIFY(spent.ok);
        QCOMPARE(session.data().modelFor(Collection::Transactions)->remove(spent.entityId).error.code, QStringLiteral("forbidden"));

        // Someone who is not a member cannot be picked.
        QVERIFY(!session.actAs(QStringLiteral("nobody"), &error));
        QCOMPARE(session.engine().actingMemberId(), mia.entityId);
        QVERIFY(session.actAs(alex, &error));
        QVERIFY(session.setMemberPin(sam.entityId, QString(), QStringLiteral("9999")).ok);
        QVERIFY(!session.pins().hasPin(sam.entityId));

        // A member removed from the household: their PIN goes with them.
        QVERIFY(session.pins().hasPin(mia.entityId));
        QVERIFY(session.data().members.remove(mia.entityId).ok);
        QVERIFY(!session.pins().hasPin(mia.entityId));
    }
};

QTEST_GUILESS_MAIN(tst_MemberPins)
#include "tst_memberpins.moc"
