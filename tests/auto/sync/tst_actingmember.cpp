// Acting as the picked member over the wire: a mutate's "as_member_id". The host takes it only
// from an adult's socket and only for a member of the same household, applies that member's role
// and names them in the event; a child's socket asking for it is refused. A joined device keeps
// the member with each outbox entry, so an edit made as Mia offline still lands as Mia. Every
// entry of a `batch` meets the same rules as the mutate it stands for.

#include "AuthoritativeEngine.h"
#include "ConnectionStatus.h"
#include "HouseholdData.h"
#include "ReplicaEngine.h"
#include "SyncService.h"
#include "SyncTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace hearth;
using namespace hearth::test;

namespace {

QJsonObject addPantry(const QString &name, const QString &asMember = {})
{
    QJsonObject data{{QStringLiteral("collection"), QStringLiteral("pantry")}, {QStringLiteral("op"), QStringLiteral("create")},
                     {QStringLiteral("fields"), QJsonObject{{QStringLiteral("name"), name}}}};
    if (!asMember.isEmpty())
        data.insert(QStringLiteral("as_member_id"), asMember);
    return data;
}

QJsonObject deleteTransaction(const QString &id, const QJsonValue &asMember)
{
    QJsonObject data{{QStringLiteral("collection"), QStringLiteral("transactions")}, {QStringLiteral("op"), QStringLiteral("delete")},
                     {QStringLiteral("entity_id"), id}};
    if (!asMember.isUndefined())
        data.insert(QStringLiteral("as_member_id"), asMember);
    return data;
}

QString errorCode(const QJsonObject &ack)
{
    return ack.value(QLatin1String("data")).toObject().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
}

} // namespace

class tst_ActingMember : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestHost> m_host;
    QString m_childId;
    QString m_childToken;
    QString m_transactionId;

    QString userIdOfEvent(const QJsonObject &event) const
    {
        return event.value(QLatin1String("data")).toObject().value(QLatin1String("user_id")).toString();
    }

private Q_SLOTS:
    void init()
    {
        m_host = std::make_unique<TestHost>();
        QVERIFY2(m_host->isValid(), qPrintable(m_host->error()));
        QString error;
        const auto mia = m_host->pairing().issueToken(m_host->householdId(), QStringLiteral("Mia"), QStringLiteral("child"), 3600, &error);
        QVERIFY2(mia, qPrintable(error));
        m_childId = mia->memberId;
        m_childToken = mia->token;
        const MutationResult spent = m_host->engine().submit(
            Mutation{{}, Collection::Transactions, MutationOp::Create, {}, -1,
                     {{QStringLiteral("occurred_on"), QStringLiteral("2026-03-14")}, {QStringLiteral("description"), QStringLiteral("Shop")},
                      {QStringLiteral("amount_cents"), 1250}}});
        QVERIFY(spent.ok);
        m_transactionId = spent.entityId;
    }

    void cleanup() { m_host.reset(); }

    void anAdultsSocketActsAsAPickedChild()
    {
        TestClient kitchen; // a kitchen display paired by an adult
        QVERIFY(kitchen.join(m_host->roomUrl(m_host->token(QStringLiteral("Sam")))));

        kitchen.sendEvent(QStringLiteral("mutate"), addPantry(QStringLiteral("Milk"), m_childId), QStringLiteral("m-1"));
        const QJsonObject ack = kitchen.waitForAck(QStringLiteral("m-1"));
        QVERIFY(ack.value(QLatin1String("data")).toObject().value(QLatin1String("ok")).toBool());
        const QJsonObject event = kitchen.waitFor(QStringLiteral("pantry_updated"));
        QCOMPARE(userIdOfEvent(event), m_childId); // "Mia added Milk"

        // As Mia, the display has a child's rights: no deleting spending.
        kitchen.sendEvent(QStringLiteral("mutate"), deleteTransaction(m_transactionId, m_childId), QStringLiteral("m-2"));
        QCOMPARE(errorCode(kitchen.waitForAck(QStringLiteral("m-2"))), QStringLiteral("forbidden"));
        QVERIFY(m_host->engine().exists(Collection::Transactions, m_transactionId));
        // As its own adult it may.
        kitchen.sendEvent(QStringLiteral("mutate"), deleteTransaction(m_transactionId, QJsonValue::Undefined), QStringLiteral("m-3"));
        QVERIFY(kitchen.waitForAck(QStringLiteral("m-3")).value(QLatin1String("data")).toObject().value(QLatin1String("ok")).toBool());
        QVERIFY(!m_host->engine().exists(Collection::Transactions, m_transactionId));
    }

    void aChildsSocketIsRefused()
    {
        TestClient tablet;
        QVERIFY(tablet.join(m_host->roomUrl(m_childToken)));
        const qint64 head = m_host->engine().headSeq();
        tablet.sendEvent(QStringLiteral("mutate"), deleteTransaction(m_transactionId, m_host->ownerId()), QStringLiteral("c-1"));
        QCOMPARE(errorCode(tablet.waitForAck(QStringLiteral("c-1"))), QStringLiteral("forbidden"));
        tablet.sendEvent(QStringLiteral("mutate"), addPantry(QStringLiteral("Sweets"), m_host->ownerId()), QStringLiteral("c-2"));
        QCOMPARE(errorCode(tablet.waitForAck(QStringLiteral("c-2"))), QStringLiteral("forbidden"));
        QCOMPARE(m_host->engine().headSeq(), head);
        // Naming herself is just her own edit.
        tablet.sendEvent(QStringLiteral("mutate"), addPantry(QStringLiteral("Apples"), m_childId), QStringLiteral("c-3"));
        QVERIFY(tablet.waitForAck(QStringLiteral("c-3")).value(QLatin1String("data")).toObject().value(QLatin1String("ok")).toBool());
    }

    void onlyMembersOfTheSameHousehold()
    {
        QString neighbour;
        const QString other = m_host->addHousehold(QStringLiteral("Neighbours"), &neighbour);
        TestClient kitchen;
        QVERIFY(kitchen.join(m_host->roomUrl(m_host->token(QStringLiteral("Sam")))));
        const qint64 head = m_host->engine().headSeq();
        kitchen.sendEvent(QStringLiteral("mutate"), addPantry(QStringLiteral("Milk"), neighbour), QStringLiteral("n-1"));
        QCOMPARE(errorCode(kitchen.waitForAck(QStringLiteral("n-1"))), QStringLiteral("forbidden"));
        kitchen.sendEvent(QStringLiteral("mutate"), deleteTransaction(m_transactionId, 42), QStringLiteral("n-2"));
        QCOMPARE(errorCode(kitchen.waitForAck(QStringLiteral("n-2"))), QStringLiteral("invalid"));
        QCOMPARE(m_host->engine().headSeq(), head);
        QVERIFY(!other.isEmpty());
    }

    void everyEntryOfABatchIsCheckedAsAMutate()
    {
        // A child's tablet sends one batch: her own edit, one made as an adult, a deletion of
        // spending, and an edit of her own again. Each entry meets the rules a mutate meets.
        TestClient tablet;
        QVERIFY(tablet.join(m_host->roomUrl(m_childToken)));
        const qint64 head = m_host->engine().headSeq();
        const auto entry = [](const QString &id, QJsonObject data) {
            data.insert(QStringLiteral("id"), id);
            return data;
        };
        tablet.sendEvent(QStringLiteral("batch"),
                         {{QStringLiteral("mutations"),
                           QJsonArray{entry(QStringLiteral("b-1"), addPantry(QStringLiteral("Apples"))),
                                      entry(QStringLiteral("b-2"), addPantry(QStringLiteral("Sweets"), m_host->ownerId())),
                                      entry(QStringLiteral("b-3"), deleteTransaction(m_transactionId, QJsonValue::Undefined)),
                                      entry(QStringLiteral("b-4"), addPantry(QStringLiteral("Pears"), m_childId))}}},
                         QStringLiteral("kids-batch"));
        const QJsonArray results =
            tablet.waitForAck(QStringLiteral("kids-batch")).value(QLatin1String("data")).toObject().value(QLatin1String("results")).toArray();
        QCOMPARE(results.size(), 4);
        QVERIFY(results.at(0).toObject().value(QLatin1String("ok")).toBool());
        QCOMPARE(results.at(1).toObject().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(), QStringLiteral("forbidden"));
        QCOMPARE(results.at(2).toObject().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(), QStringLiteral("forbidden"));
        QVERIFY(results.at(3).toObject().value(QLatin1String("ok")).toBool());
        QCOMPARE(m_host->engine().headSeq(), head + 2);
        QVERIFY(m_host->engine().exists(Collection::Transactions, m_transactionId));
        const QJsonObject event = tablet.waitFor(QStringLiteral("pantry_updated"));
        QCOMPARE(userIdOfEvent(event), m_childId);

        // An adult's kitchen display acting as Mia in one entry and as itself in the next.
        TestClient kitchen;
        QVERIFY(kitchen.join(m_host->roomUrl(m_host->token(QStringLiteral("Sam")))));
        kitchen.sendEvent(QStringLiteral("batch"),
                          {{QStringLiteral("mutations"),
                            QJsonArray{entry(QStringLiteral("k-1"), deleteTransaction(m_transactionId, m_childId)),
                                       entry(QStringLiteral("k-2"), addPantry(QStringLiteral("Milk"), m_childId)),
                                       entry(QStringLiteral("k-3"), deleteTransaction(m_transactionId, QJsonValue::Undefined))}}},
                          QStringLiteral("kitchen-batch"));
        const QJsonArray kitchenResults =
            kitchen.waitForAck(QStringLiteral("kitchen-batch")).value(QLatin1String("data")).toObject().value(QLatin1String("results")).toArray();
        QCOMPARE(kitchenResults.size(), 3);
        QCOMPARE(kitchenResults.at(0).toObject().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
                 QStringLiteral("forbidden"));
        QVERIFY(kitchenResults.at(1).toObject().value(QLatin1String("ok")).toBool());
        QVERIFY(kitchenResults.at(2).toObject().value(QLatin1String("ok")).toBool());
        QVERIFY(!m_host->engine().exists(Collection::Transactions, m_transactionId));
        QTRY_VERIFY(std::any_of(kitchen.messages.cbegin(), kitchen.messages.cend(), [&](const QJsonObject &m) {
            const QJsonObject data = m.value(QLatin1String("data")).toObject();
            return data.value(QLatin1String("entity")).toObject().value(QLatin1String("name")).toString() == QLatin1String("Milk")
                && data.value(QLatin1String("user_id")).toString() == m_childId;
        }));
    }

    // A joined kitchen display: Mia picks herself while the host is away; the edit waits in the
    // outbox, the display goes back to its adult and even restarts, and the edit still lands as Mia.
    void anOutboxEntryKeepsTheMemberItWasMadeAs()
    {
        QTemporaryDir dir;
        QString error;
        QString samId;
        const QString token = m_host->token(QStringLiteral("Sam"), &samId);
        const QString storePath = dir.filePath(QStringLiteral("kitchen.db"));
        FakeClock clock;
        SyncOptions options;
        options.backoff = {std::chrono::milliseconds(10), std::chrono::milliseconds(20)};
        options.random = [] { return 1.0; };
        const QUrl url = m_host->baseUrl();
        QString mutationId;
        {
            auto store = Store::open(storePath, &error);
            QVERIFY2(store, qPrintable(error));
            ReplicaEngine::saveLink(*store, m_host->householdId(), {url.toString(), samId, token, 0});
            ReplicaEngine replica(*store, clock, m_host->householdId(), samId);
            HouseholdData data(replica, clock);
            data.load();
            ConnectionStatus status;
            SyncService sync(replica, status, url, SyncCredentials{token, {}, {}}, options);
            sync.start();
            QTRY_VERIFY(replica.lastSeq() == m_host->engine().headSeq() && data.members.find(m_childId));
            sync.stop();

            QSignalSpy switched(&replica, &HouseholdEngine::actingMemberChanged);
            replica.setActingMemberId(m_childId);
            QCOMPARE(switched.count(), 1);
            // Checked here as the host will: Mia may not delete spending, not even offline.
            QCOMPARE(data.modelFor(Collection::Transactions)->remove(m_transactionId).error.code, QStringLiteral("forbidden"));
            QCOMPARE(replica.outboxSize(), 0);
            const MutationResult added = data.pantry.create({{QStringLiteral("name"), QStringLiteral("Juice")}});
            QVERIFY2(added.ok, qPrintable(added.error.message));
            QCOMPARE(replica.outboxSize(), 1);
            mutationId = replica.outbox().first().mutationId;
            const QJsonObject frame = QJsonDocument::fromJson(replica.outbox().first().frame.toUtf8()).object();
            QCOMPARE(frame.value(QLatin1String("data")).toObject().value(QLatin1String("as_member_id")).toString(), m_childId);
            replica.setActingMemberId(samId); // the display goes back to the picker's adult
        }
        // The app restarts: only the store survives.
        auto store = Store::open(storePath, &error);
        QVERIFY2(store, qPrintable(error));
        ReplicaEngine replica(*store, clock, m_host->householdId(), samId);
        QCOMPARE(replica.actingMemberId(), samId);
        QCOMPARE(replica.outboxSize(), 1);
        ConnectionStatus status;
        SyncService sync(replica, status, url, SyncCredentials{token, {}, {}}, options);
        sync.start();
        QTRY_COMPARE(replica.outboxSize(), 0);
        bool complete = false;
        const QList<Change> logged = m_host->engine().eventsSince(0, &complete);
        const auto landed = std::find_if(logged.cbegin(), logged.cend(), [&](const Change &c) { return c.mutationId == mutationId; });
        QVERIFY(landed != logged.cend());
        QCOMPARE(landed->userId, m_childId);
        QCOMPARE(landed->entity.value(QLatin1String("name")).toString(), QStringLiteral("Juice"));
    }
};

QTEST_GUILESS_MAIN(tst_ActingMember)
#include "tst_actingmember.moc"
