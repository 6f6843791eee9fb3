// Chores and rewards through a real hearthd, with two real sockets: an adult and a child. The
// whole flow and the event names the family-chores clients listen for, each in the v1 envelope;
// what a child is refused; and a wallet credited exactly once for one completion — under a
// retried mutation id, a second adult's approval, and hearthd killed after the approval was
// committed, before its ack.

#include "Processes.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace hearth;
using namespace hearth::test;

namespace {

QJsonObject dataOf(const QJsonObject &message)
{
    return message.value(QLatin1String("data")).toObject();
}

QString run(const QStringList &arguments, const char *key)
{
    const CommandResult r = runHearthd(arguments);
    if (r.exitCode != 0)
        qWarning("hearthd %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))), qPrintable(r.err));
    return r.json().value(QLatin1String(key)).toString();
}

// A protocol client with what a test of the chores flow needs on top of RawClient.
class Member final
{
public:
    bool join(const Server &server, const QString &householdId, const QString &token)
    {
        client.open(server.roomUrl(householdId, token));
        return QTest::qWaitFor([this] { return client.has(QStringLiteral("connected")); }, 10000);
    }

    // Sends a mutation with the given id and waits for its ack (its data).
    QJsonObject mutate(const QString &id, const QString &collection, const QString &op, const QJsonObject &fields,
                       const QString &entityId = {})
    {
        QJsonObject data{{QStringLiteral("collection"), collection}, {QStringLiteral("op"), op}, {QStringLiteral("fields"), fields}};
        if (!entityId.isEmpty())
            data.insert(QStringLiteral("entity_id"), entityId);
        client.socket.sendTextMessage(protocol::encode(QStringLiteral("mutate"), data, -1, id));
        if (!QTest::qWaitFor([&] { return !client.ackFor(id).isEmpty(); }, 10000))
            qWarning("no ack for %s", qPrintable(id));
        return client.ackFor(id);
    }

    // The last event of that name about `entityId` (waits for it).
    QJsonObject event(const QString &name, const QString &entityId)
    {
        QJsonObject found;
        const bool arrived = QTest::qWaitFor(
            [&] {
                for (const QJsonObject &m : std::as_const(client.messages)) {
                    if (m.value(QLatin1String("event")).toString() == name
                        && (entityId.isEmpty() || dataOf(m).value(QLatin1String("entity_id")).toString() == entityId))
                        found = m;
                }
                return !found.isEmpty();
            },
            10000);
        if (!arrived)
            qWarning("no %s for %s", qPrintable(name), qPrintable(entityId));
        return found;
    }

    RawClient client;
};

bool isEnvelope(const QJsonObject &event)
{
    const QJsonObject data = dataOf(event);
    for (const char *key : {"action", "entity_id", "entity", "rev", "user_id", "mutation_id", "ts", "collection"}) {
        if (!data.contains(QLatin1String(key)))
            return false;
    }
    return event.value(QLatin1String("seq")).toInteger() > 0;
}

} // namespace

class TestHearthdChores : public QObject
{
    Q_OBJECT

private:
    struct Home
    {
        QTemporaryDir dir;
        QString data;
        QString id;
        QString adultToken;
        QString childToken;
        QString secondAdultToken;
    };

    static void makeHome(Home &home)
    {
        home.data = home.dir.filePath(QStringLiteral("host"));
        home.id = run({QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("--data"), home.data,
                       QStringLiteral("--name"), QStringLiteral("The Millers")},
                      "household_id");
        const auto token = [&](const char *name, const char *role) {
            return run({QStringLiteral("token"), QStringLiteral("--data"), home.data, QStringLiteral("--household"), home.id,
                        QStringLiteral("--name"), QString::fromLatin1(name), QStringLiteral("--role"), QString::fromLatin1(role)},
                       "token");
        };
        home.adultToken = token("Alex", "adult");
        home.childToken = token("Mia", "child");
        home.secondAdultToken = token("Sam", "adult");
    }

    static QString memberId(const QString &token)
    {
        return QJsonDocument::fromJson(QByteArray::fromBase64(token.section(QLatin1Char('.'), 1, 1).toLatin1(),
                                                              QByteArray::Base64UrlEncoding))
            .object()
            .value(QLatin1String("sub"))
            .toString();
    }

    static qint64 balance(const QString &data, const QString &member)
    {
        StoreReader store(QDir(data).filePath(QStringLiteral("hearthd.db")));
        return store.value(QStringLiteral("SELECT COALESCE(SUM(delta), 0) FROM wallet_entries WHERE member_id = ?"), {member})
            .toLongLong();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(hearthdBinary()), qPrintable(hearthdBinary())); }

    void theWholeFlowLive()
    {
        Home home;
        makeHome(home);
        QVERIFY(!home.childToken.isEmpty());
        const QString mia = memberId(home.childToken);
        QVERIFY(!mia.isEmpty());
        Server server;
        QString error;
        QVERIFY2(server.start(home.data, 0, {}, &error), qPrintable(error));
        Member adult;
        Member child;
        QVERIFY(adult.join(server, home.id, home.adultToken));
        QVERIFY(child.join(server, home.id, home.childToken));

        // An adult sets up a chore for Mia: both hear chore:created.
        const QJsonObject made = adult.mutate(QStringLiteral("c-1"), QStringLiteral("chores"), QStringLiteral("create"),
                                              {{QStringLiteral("title"), QStringLiteral("Feed the cat")},
                                               {QStringLiteral("points"), 5},
                                               {QStringLiteral("repeat"), QStringLiteral("daily")},
                                               {QStringLiteral("start_on"), QDate::currentDate().toString(Qt::ISODate)},
                                               {QStringLiteral("assignee_id"), mia}});
        QVERIFY2(made.value(QLatin1String("ok")).toBool(), QJsonDocument(made).toJson().constData());
        const QString chore = made.value(QLatin1String("entity_id")).toString();
        const QJsonObject created = child.event(QStringLiteral("chore:created"), chore);
        QVERIFY(isEnvelope(created));
        QCOMPARE(dataOf(created).value(QLatin1String("action")).toString(), QStringLiteral("created"));
        QCOMPARE(dataOf(created).value(QLatin1String("mutation_id")).toString(), QStringLiteral("c-1"));

        // Mia ticks it off: pending, heard as completion:created.
        const QJsonObject ticked = child.mutate(QStringLiteral("t-1"), QStringLiteral("chore_completions"), QStringLiteral("create"),
                                                {{QStringLiteral("chore_id"), chore}, {QStringLiteral("note"), QStringLiteral("Done!")}});
        QVERIFY(ticked.value(QLatin1String("ok")).toBool());
        const QString completion = ticked.value(QLatin1String("entity_id")).toString();
        const QJsonObject pending = adult.event(QStringLiteral("completion:created"), completion);
        QCOMPARE(dataOf(pending).value(QLatin1String("entity")).toObject().value(QLatin1String("status")).toString(), QStringLiteral("pending"));
        QCOMPARE(dataOf(pending).value(QLatin1String("user_id")).toString(), mia);

        // A child may not approve, create chores, or touch the ledger: forbidden, nothing written.
        const auto refused = [](const QJsonObject &ack) {
            return !ack.value(QLatin1String("ok")).toBool()
                && ack.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString() == QLatin1String("forbidden");
        };
        QVERIFY(refused(child.mutate(QStringLiteral("x-1"), QStringLiteral("chore_completions"), QStringLiteral("update"),
                                     {{QStringLiteral("status"), QStringLiteral("approved")}}, completion)));
        QVERIFY(refused(child.mutate(QStringLiteral("x-2"), QStringLiteral("chores"), QStringLiteral("create"),
                                     {{QStringLiteral("title"), QStringLiteral("Nap")}, {QStringLiteral("start_on"), QStringLiteral("2026-12-06")}})));
        QVERIFY(refused(child.mutate(QStringLiteral("x-3"), QStringLiteral("wallet_entries"), QStringLiteral("create"),
                                     {{QStringLiteral("member_id"), mia}, {QStringLiteral("delta"), 100},
                                      {QStringLiteral("kind"), QStringLiteral("adjustment")}, {QStringLiteral("note"), QStringLiteral("me")}})));
        QCOMPARE(balance(home.data, mia), 0);

        // The adult approves: completion:approved, then the host's wallet:credited.
        const QJsonObject approved = adult.mutate(QStringLiteral("a-1"), QStringLiteral("chore_completions"), QStringLiteral("update"),
                                                  {{QStringLiteral("status"), QStringLiteral("approved")}}, completion);
        QVERIFY(approved.value(QLatin1String("ok")).toBool());
        const QJsonObject approval = child.event(QStringLiteral("completion:approved"), completion);
        QVERIFY(isEnvelope(approval));
        const QJsonObject credit = child.event(QStringLiteral("wallet:credited"), QString());
        QVERIFY(isEnvelope(credit));
        QCOMPARE(credit.value(QLatin1String("seq")).toInteger(), approval.value(QLatin1String("seq")).toInteger() + 1);
        const QJsonObject entry = dataOf(credit).value(QLatin1String("entity")).toObject();
        QCOMPARE(entry.value(QLatin1String("delta")).toInteger(), 5);
        QCOMPARE(entry.value(QLatin1String("source_id")).toString(), completion);
        QCOMPARE(dataOf(credit).value(QLatin1String("user_id")).toString(), QString()); // the host's own entry

        // A reward: asked for by Mia, fulfilled by the adult, debited.
        const QString reward = adult.mutate(QStringLiteral("r-1"), QStringLiteral("rewards"), QStringLiteral("create"),
                                            {{QStringLiteral("name"), QStringLiteral("Sticker")}, {QStringLiteral("cost"), 4},
                                             {QStringLiteral("stock"), 3}})
                                   .value(QLatin1String("entity_id"))
                                   .toString();
        const QJsonObject asked = child.mutate(QStringLiteral("r-2"), QStringLiteral("redemptions"), QStringLiteral("create"),
                                               {{QStringLiteral("reward_id"), reward}});
        QVERIFY(asked.value(QLatin1String("ok")).toBool());
        const QString redemption = asked.value(QLatin1String("entity_id")).toString();
        QVERIFY(isEnvelope(adult.event(QStringLiteral("redemption:created"), redemption)));
        QVERIFY(refused(child.mutate(QStringLiteral("x-4"), QStringLiteral("redemptions"), QStringLiteral("update"),
                                     {{QStringLiteral("status"), QStringLiteral("fulfilled")}}, redemption)));
        QVERIFY(adult.mutate(QStringLiteral("r-3"), QStringLiteral("redemptions"), QStringLiteral("update"),
                             {{QStringLiteral("status"), QStringLiteral("fulfilled")}}, redemption)
                    .value(QLatin1String("ok"))
                    .toBool());
        QVERIFY(isEnvelope(child.event(QStringLiteral("redemption:fulfilled"), redemption)));
        QVERIFY(isEnvelope(child.event(QStringLiteral("wallet:debited"), QString())));
        QCOMPARE(balance(home.data, mia), 1);
        // Too expensive now: refused with the balance in the message.
        const QJsonObject tooMuch = child.mutate(QStringLiteral("r-4"), QStringLiteral("redemptions"), QStringLiteral("create"),
                                                 {{QStringLiteral("reward_id"), reward}});
        QVERIFY(!tooMuch.value(QLatin1String("ok")).toBool());
        QVERIFY(tooMuch.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString().contains(QLatin1String("Mia has 1")));

        // Declined with a reason.
        QVERIFY(adult.mutate(QStringLiteral("w-1"), QStringLiteral("wallet_entries"), QStringLiteral("create"),
                             {{QStringLiteral("member_id"), mia}, {QStringLiteral("delta"), 10}, {QStringLiteral("kind"), QStringLiteral("adjustment")},
                              {QStringLiteral("note"), QStringLiteral("Helped with the shopping")}})
                    .value(QLatin1String("ok"))
                    .toBool());
        const QString again = child.mutate(QStringLiteral("r-5"), QStringLiteral("redemptions"), QStringLiteral("create"),
                                           {{QStringLiteral("reward_id"), reward}})
                                  .value(QLatin1String("entity_id"))
                                  .toString();
        QVERIFY(adult.mutate(QStringLiteral("r-6"), QStringLiteral("redemptions"), QStringLiteral("update"),
                             {{QStringLiteral("status"), QStringLiteral("declined")}, {QStringLiteral("reason"), QStringLiteral("Not before dinner")}},
                             again)
                    .value(QLatin1String("ok"))
                    .toBool());
        QVERIFY(isEnvelope(child.event(QStringLiteral("redemption:declined"), again)));

        // A child member added: child:joined.
        const QString kid = adult.mutate(QStringLiteral("m-1"), QStringLiteral("members"), QStringLiteral("create"),
                                         {{QStringLiteral("name"), QStringLiteral("Leo")}, {QStringLiteral("role"), QStringLiteral("child")}})
                                .value(QLatin1String("entity_id"))
                                .toString();
        QVERIFY(isEnvelope(child.event(QStringLiteral("child:joined"), kid)));

        // A chore rejected with a reason.
        const QString second = child.mutate(QStringLiteral("t-2"), QStringLiteral("chore_completions"), QStringLiteral("create"),
                                            {{QStringLiteral("chore_id"), chore}, {QStringLiteral("occurs_on"), QDate::currentDate().addDays(1).toString(Qt::ISODate)}})
                                   .value(QLatin1String("entity_id"))
                                   .toString();
        QVERIFY(adult.mutate(QStringLiteral("a-2"), QStringLiteral("chore_completions"), QStringLiteral("update"),
                             {{QStringLiteral("status"), QStringLiteral("rejected")}, {QStringLiteral("reason"), QStringLiteral("Tomorrow is tomorrow")}},
                             second)
                    .value(QLatin1String("ok"))
                    .toBool());
        QVERIFY(isEnvelope(child.event(QStringLiteral("completion:rejected"), second)));
        QCOMPARE(balance(home.data, mia), 11);
    }

    void creditedExactlyOnce()
    {
        Home home;
        makeHome(home);
        const QString mia = memberId(home.childToken);
        const QString storePath = QDir(home.data).filePath(QStringLiteral("hearthd.db"));
        Server server;
        QString error;
        QVERIFY2(server.start(home.data, 0, {}, &error), qPrintable(error));
        const quint16 port = server.port;
        QString chore;
        QString completion;
        {
            Member adult;
            Member child;
            QVERIFY(adult.join(server, home.id, home.adultToken));
            QVERIFY(child.join(server, home.id, home.childToken));
            chore = adult.mutate(QStringLiteral("c-1"), QStringLiteral("chores"), QStringLiteral("create"),
                                 {{QStringLiteral("title"), QStringLiteral("Feed the cat")}, {QStringLiteral("points"), 7},
                                  {QStringLiteral("repeat"), QStringLiteral("daily")},
                                  {QStringLiteral("start_on"), QDate::currentDate().toString(Qt::ISODate)}})
                        .value(QLatin1String("entity_id"))
                        .toString();
            completion = child.mutate(QStringLiteral("t-1"), QStringLiteral("chore_completions"), QStringLiteral("create"),
                                      {{QStringLiteral("chore_id"), chore}})
                             .value(QLatin1String("entity_id"))
                             .toString();
            QVERIFY(!completion.isEmpty());

            // The approval is sent, and hearthd is killed as soon as it is committed — before
            // (or at best just as) the ack leaves.
            adult.client.socket.sendTextMessage(protocol::encode(
                QStringLiteral("mutate"),
                {{QStringLiteral("collection"), QStringLiteral("chore_completions")}, {QStringLiteral("op"), QStringLiteral("update")},
                 {QStringLiteral("entity_id"), completion}, {QStringLiteral("fields"), QJsonObject{{QStringLiteral("status"), QStringLiteral("approved")}}}},
                -1, QStringLiteral("approve-1")));
            adult.client.socket.flush();
            QTRY_VERIFY_WITH_TIMEOUT(balance(home.data, mia) == 7, 10000);
            ::kill(pid_t(server.process.processId()), SIGKILL);
            QVERIFY(server.process.waitForFinished(10000));
        }

        Server restarted;
        QVERIFY2(restarted.start(home.data, port, {}, &error), qPrintable(error));
        Member adult;
        Member secondAdult;
        QVERIFY(adult.join(restarted, home.id, home.adultToken));
        QVERIFY(secondAdult.join(restarted, home.id, home.secondAdultToken));
        // The device never saw its ack: its outbox sends the same mutation again.
        const QJsonObject retried = adult.mutate(QStringLiteral("approve-1"), QStringLiteral("chore_completions"), QStringLiteral("update"),
                                                 {{QStringLiteral("status"), QStringLiteral("approved")}}, completion);
        QVERIFY2(retried.value(QLatin1String("ok")).toBool(), QJsonDocument(retried).toJson().constData());
        // And the same mutation id once more, and a second adult approving from another device.
        QVERIFY(adult.mutate(QStringLiteral("approve-1"), QStringLiteral("chore_completions"), QStringLiteral("update"),
                             {{QStringLiteral("status"), QStringLiteral("approved")}}, completion)
                    .value(QLatin1String("ok"))
                    .toBool());
        QVERIFY(secondAdult.mutate(QStringLiteral("approve-2"), QStringLiteral("chore_completions"), QStringLiteral("update"),
                                   {{QStringLiteral("status"), QStringLiteral("approved")}}, completion)
                    .value(QLatin1String("ok"))
                    .toBool());
        QCOMPARE(retried.value(QLatin1String("seq")).toInteger(), adult.mutate(QStringLiteral("approve-1"), QStringLiteral("chore_completions"),
                                                                                QStringLiteral("update"), {{QStringLiteral("status"), QStringLiteral("approved")}},
                                                                                completion)
                                                                      .value(QLatin1String("seq"))
                                                                      .toInteger());
        restarted.process.terminate();
        QVERIFY(restarted.process.waitForFinished(10000));

        StoreReader store(storePath);
        QCOMPARE(store.value(QStringLiteral("SELECT COUNT(*) FROM wallet_entries WHERE source_id = ?"), {completion}).toLongLong(), 1);
        QCOMPARE(store.value(QStringLiteral("SELECT COUNT(*) FROM events WHERE mutation_id = 'approve-1'")).toLongLong(), 1);
        QCOMPARE(balance(home.data, mia), 7);
    }
};

QTEST_GUILESS_MAIN(TestHearthdChores)
#include "tst_hearthd_chores.moc"
