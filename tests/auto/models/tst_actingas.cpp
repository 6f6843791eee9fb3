// The engine acting for a picked member (the kiosk's "Who's using Hearth?"): the member's role
// rules apply and the events name them, whether the engine itself acts as them
// (setActingMemberId: alone or hosting) or a device's sender asks for them (submitFor: the host).

#include "AuthoritativeEngine.h"
#include "TestSupport.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace hearth;

class TestActingAs : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TempHousehold> m_home;
    QString m_adultId;
    QString m_childId;
    QString m_transactionId;

    AuthoritativeEngine &engine() { return m_home->engine(); }

    QString create(Collection c, QJsonObject fields)
    {
        const MutationResult r = engine().submit(Mutation{{}, c, MutationOp::Create, {}, -1, std::move(fields)});
        return r.ok ? r.entityId : QString();
    }

    qint64 eventCount()
    {
        QSqlQuery q(m_home->store().database());
        q.exec(QStringLiteral("SELECT count(*) FROM events"));
        return q.next() ? q.value(0).toLongLong() : -1;
    }

    Mutation deleteTransaction() const
    {
        return Mutation{{}, Collection::Transactions, MutationOp::Delete, m_transactionId, -1, {}};
    }
    static Mutation addTea() { return Mutation{{}, Collection::Pantry, MutationOp::Create, {}, -1, {{QStringLiteral("name"), QStringLiteral("Tea")}}}; }

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<test::TempHousehold>();
        QVERIFY2(m_home->isValid(), qPrintable(m_home->error()));
        m_adultId = engine().actingMemberId();
        m_childId = create(Collection::Members, {{QStringLiteral("name"), QStringLiteral("Mia")}, {QStringLiteral("role"), QStringLiteral("child")}});
        m_transactionId = create(Collection::Transactions, {{QStringLiteral("occurred_on"), QStringLiteral("2026-03-14")},
                                                            {QStringLiteral("description"), QStringLiteral("Shop")},
                                                            {QStringLiteral("amount_cents"), 1250}});
        QVERIFY(!m_childId.isEmpty() && !m_transactionId.isEmpty());
    }

    void cleanup() { m_home.reset(); }

    // Alone or hosting, the kiosk picks Mia: her edits are hers, and a child's rights are hers too.
    void actingAsAChildGivesAChildsRights()
    {
        QSignalSpy switched(&engine(), &HouseholdEngine::actingMemberChanged);
        engine().setActingMemberId(m_childId);
        QCOMPARE(switched.count(), 1);

        QSignalSpy changes(&engine(), &HouseholdEngine::changed);
        const MutationResult added = engine().submit(addTea());
        QVERIFY2(added.ok, qPrintable(added.error.message));
        QCOMPARE(changes.count(), 1);
        QCOMPARE(changes.at(0).at(0).value<Change>().userId, m_childId);

        const qint64 events = eventCount();
        const MutationResult refused = engine().submit(deleteTransaction());
        QVERIFY(!refused.ok);
        QCOMPARE(refused.error.code, QStringLiteral("forbidden"));
        QCOMPARE(eventCount(), events);
        QVERIFY(engine().exists(Collection::Transactions, m_transactionId));

        // Back to the adult: allowed again.
        engine().setActingMemberId(m_adultId);
        QVERIFY(engine().submit(deleteTransaction()).ok);
    }

    // A device's member asking for another (the host's side of "as_member_id").
    void anAdultsDeviceMayActForAMember()
    {
        const MutationResult added = engine().submitFor(addTea(), m_adultId, m_childId);
        QVERIFY2(added.ok, qPrintable(added.error.message));
        bool complete = false;
        const QList<Change> logged = engine().eventsSince(engine().headSeq() - 1, &complete);
        QVERIFY(complete);
        QCOMPARE(logged.size(), 1);
        QCOMPARE(logged.first().userId, m_childId);

        // Acting for Mia, the adult's device has Mia's rights, not its own.
        const MutationResult refused = engine().submitFor(deleteTransaction(), m_adultId, m_childId);
        QCOMPARE(refused.error.code, QStringLiteral("forbidden"));
        QVERIFY(engine().exists(Collection::Transactions, m_transactionId));
        // Acting as oneself is just one's own edit.
        QVERIFY(engine().submitFor(deleteTransaction(), m_adultId, m_adultId).ok);
    }

    void aChildsDeviceMayNotActForAnyoneElse()
    {
        const qint64 events = eventCount();
        const MutationResult refused = engine().submitFor(deleteTransaction(), m_childId, m_adultId);
        QVERIFY(!refused.ok);
        QCOMPARE(refused.error.code, QStringLiteral("forbidden"));
        QCOMPARE(eventCount(), events);
        // Their own edits, named as themselves, still go through.
        QVERIFY(engine().submitFor(addTea(), m_childId, m_childId).ok);
        QVERIFY(engine().submitFor(addTea(), m_childId, QString()).ok);
    }

    // Someone of another household, or no one, has no role here: never "no limits".
    void onlyMembersOfTheHouseholdCanBeActedFor()
    {
        QString error;
        auto neighbours = AuthoritativeEngine::createHousehold(m_home->store(), m_home->clock, QStringLiteral("Neighbours"),
                                                               QStringLiteral("USD"), 0, QStringLiteral("Nia"), &error);
        QVERIFY2(neighbours, qPrintable(error));
        for (const QString &stranger : {neighbours->actingMemberId(), QStringLiteral("nobody")}) {
            const MutationResult refused = engine().submitFor(deleteTransaction(), m_adultId, stranger);
            QCOMPARE(refused.error.code, QStringLiteral("forbidden"));
        }
        QVERIFY(engine().exists(Collection::Transactions, m_transactionId));
    }
};

QTEST_GUILESS_MAIN(TestActingAs)
#include "tst_actingas.moc"
