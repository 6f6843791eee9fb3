// Gift secrecy, proved from the recipient's real sockets on loopback: what the host sends Robin
// (the recipient) of gifts meant for Robin, while Alex (who claims) and Sam (a third member) and
// Mia (a child) work on them — on the live broadcast, the replay after `since`, `fetch`, the HTTP
// snapshot, topics and the mutations' answers (docs/protocol.md, "What a member is shown").

#include "AuthoritativeEngine.h"
#include "ConnectionStatus.h"
#include "ReplicaEngine.h"
#include "SyncService.h"
#include "SyncTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace hearth;
using namespace hearth::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QJsonObject dataOf(const QJsonObject &message)
{
    return message.value(QLatin1String("data")).toObject();
}

QJsonObject entityOf(const QJsonObject &message)
{
    return dataOf(message).value(QLatin1String("entity")).toObject();
}

qint64 seqOf(const QJsonObject &message)
{
    return message.value(QLatin1String("seq")).toInteger(-1);
}

QString errorCode(const QJsonObject &ack)
{
    return dataOf(ack).value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
}

Collection giftItems()
{
    Collection c = Collection::Pantry;
    collectionFromName(s("gift_items"), &c);
    return c;
}

// A member's socket with every byte it received kept.
struct Socket
{
    TestClient client;
    QByteArray received;

    Socket()
    {
        QObject::connect(&client.socket(), &QWebSocket::textMessageReceived, &client,
                         [this](const QString &text) { received += text.toUtf8() + '\n'; });
    }
};

} // namespace

class tst_GiftSecrecy : public QObject
{
    Q_OBJECT

private:
    struct Member
    {
        QString id;
        QString token;
    };
    std::unique_ptr<TestHost> m_host;
    Member m_alex;  // the claimer (the household's owner, an adult)
    Member m_robin; // the recipient (an adult)
    Member m_sam;   // a third member (an adult)
    Member m_mia;   // a child
    std::unique_ptr<Socket> m_claimer;
    std::unique_ptr<Socket> m_recipient;
    std::unique_ptr<Socket> m_third;

    Member member(const char *name, const char *role)
    {
        QString error;
        const auto joined = m_host->pairing().issueToken(m_host->householdId(), s(name), s(role), 3600, &error);
        if (!joined)
            qWarning("issueToken: %s", qPrintable(error));
        return joined ? Member{joined->memberId, joined->token} : Member{};
    }

    std::unique_ptr<Socket> open(const Member &who, std::optional<qint64> since = std::nullopt)
    {
        auto socket = std::make_unique<Socket>();
        if (!socket->client.join(m_host->roomUrl(who.token, since)))
            return nullptr;
        return socket;
    }

    // Sends a mutation and returns its ack.
    static QJsonObject mutate(Socket &by, const QString &op, const QString &entityId, const QJsonObject &fields,
                              const QString &collection = s("gift_items"))
    {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QJsonObject data{{s("collection"), collection}, {s("op"), op}, {s("fields"), fields}};
        if (!entityId.isEmpty())
            data.insert(s("entity_id"), entityId);
        by.client.sendEvent(s("mutate"), data, id);
        return by.client.waitForAck(id);
    }

    static bool ok(const QJsonObject &ack) { return dataOf(ack).value(QLatin1String("ok")).toBool(); }
    static QString idOf(const QJsonObject &ack) { return dataOf(ack).value(QLatin1String("entity_id")).toString(); }
    static qint64 ackSeq(const QJsonObject &ack) { return dataOf(ack).value(QLatin1String("seq")).toInteger(-1); }

    QString wish(Socket &owner, const QString &ownerId, const QString &title, qint64 price)
    {
        const QJsonObject ack = mutate(owner, s("create"), {},
                                       {{s("title"), title}, {s("kind"), s("wish")}, {s("for_member_id"), ownerId}, {s("price"), price}});
        if (!ok(ack))
            qWarning("wish refused: %s", QJsonDocument(ack).toJson(QJsonDocument::Compact).constData());
        return idOf(ack);
    }

    QString idea(Socket &by, const QString &forId, const QString &title, qint64 price, bool surprise)
    {
        const QJsonObject ack = mutate(by, s("create"), {},
                                       {{s("title"), title}, {s("kind"), s("idea")}, {s("for_member_id"), forId},
                                        {s("price"), price}, {s("surprise"), surprise}});
        if (!ok(ack))
            qWarning("idea refused: %s", QJsonDocument(ack).toJson(QJsonDocument::Compact).constData());
        return idOf(ack);
    }

    static QJsonObject move(Socket &by, const QString &id, const char *status, QJsonObject extra = {})
    {
        extra.insert(s("status"), s(status));
        return mutate(by, s("update"), id, extra);
    }

    // The message with this seq (an event or a seq_advance), once it arrived.
    static QJsonObject atSeq(Socket &socket, qint64 seq)
    {
        QJsonObject found;
        [[maybe_unused]] const bool arrived = QTest::qWaitFor([&] {
            for (const QJsonObject &m : std::as_const(socket.client.messages))
                if (seqOf(m) == seq)
                    found = m;
            return !found.isEmpty();
        }, 5000);
        return found;
    }

    QJsonArray fetchRows(Socket &socket, const QString &collection)
    {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        socket.client.sendEvent(s("fetch"), {{s("collection"), collection}}, id);
        return dataOf(socket.client.waitFor(s("snapshot"), [&](const QJsonObject &m) { return dataOf(m).value(QLatin1String("id")) == id; }))
            .value(QLatin1String("rows"))
            .toArray();
    }

    QJsonObject httpSnapshot(const Member &who)
    {
        const HttpReply reply = httpGet(m_host->port(), "/api/snapshot/" + m_host->householdId().toLatin1(), who.token);
        return QJsonDocument::fromJson(reply.body).object().value(QLatin1String("collections")).toObject();
    }

    static QJsonObject rowWithId(const QJsonArray &rows, const QString &id)
    {
        for (const QJsonValue &row : rows)
            if (row.toObject().value(QLatin1String("id")).toString() == id)
                return row.toObject();
        return {};
    }

    // The seqs of every event and seq_advance a socket received, in order.
    static QList<qint64> seqs(const Socket &socket)
    {
        QList<qint64> list;
        for (const QJsonObject &m : socket.client.messages)
            if (seqOf(m) > 0)
                list.append(seqOf(m));
        return list;
    }

    static void verifyContiguous(const QList<qint64> &list)
    {
        for (qsizetype i = 1; i < list.size(); ++i)
            QVERIFY2(list.at(i) == list.at(i - 1) + 1, qPrintable(s("seq %1 after %2").arg(list.at(i)).arg(list.at(i - 1))));
    }

    // What a recipient is shown of their own item: that it is taken, nothing of who or how far.
    static void verifyShownAsOwn(const QJsonObject &entity)
    {
        QVERIFY(entity.value(QLatin1String("claimed_by")).isNull());
        QCOMPARE(entity.value(QLatin1String("status")).toString(), s("idea"));
        QCOMPARE(entity.value(QLatin1String("price_paid")).toInteger(), 0);
        QVERIFY(entity.value(QLatin1String("paid_transaction_id")).isNull());
    }

    void setHousehold(const char *field, bool on)
    {
        QVERIFY(ok(mutate(*m_claimer, s("update"), m_host->householdId(), {{s(field), on}}, s("household"))));
    }

private Q_SLOTS:
    void init()
    {
        m_host = std::make_unique<TestHost>();
        QVERIFY2(m_host->isValid(), qPrintable(m_host->error()));
        m_alex = {m_host->ownerId(), m_host->signedToken(m_host->ownerId(), m_host->householdId(), 3600)};
        m_robin = member("Robin", "adult");
        m_sam = member("Sam", "adult");
        m_mia = member("Mia", "child");
        QVERIFY(!m_robin.id.isEmpty() && !m_sam.id.isEmpty() && !m_mia.id.isEmpty());
        m_claimer = open(m_alex);
        m_recipient = open(m_robin);
        m_third = open(m_sam);
        QVERIFY(m_claimer && m_recipient && m_third);
    }

    void cleanup()
    {
        m_claimer.reset();
        m_recipient.reset();
        m_third.reset();
        m_host.reset();
    }

    void unclaimNamesNobody()
    {
        // The claim went to Robin naming "someone"; letting go of it must not name Alex either,
        // though after it the item is the same whole and shown.
        const QString scarf = wish(*m_recipient, m_robin.id, s("Green scarf"), 2500);
        QVERIFY(ok(move(*m_claimer, scarf, "claimed")));
        const QJsonObject unclaimed = move(*m_claimer, scarf, "idea");
        QVERIFY(ok(unclaimed));
        const QJsonObject toRecipient = atSeq(*m_recipient, ackSeq(unclaimed));
        QCOMPARE(toRecipient.value(QLatin1String("event")).toString(), s("gift:updated"));
        QCOMPARE(entityOf(toRecipient).value(QLatin1String("taken")).toBool(), false);
        QCOMPARE(dataOf(toRecipient).value(QLatin1String("user_id")).toString(), s("someone"));
        QCOMPARE(dataOf(toRecipient).value(QLatin1String("mutation_id")).toString(), QString());
    }

    void aDeviceCannotMakeASurpriseForItsOwnMember()
    {
        // Alex's tablet, used by Mia: a surprise from Mia for Alex would stay on Alex's own device
        // (the optimistic row) and never be heard of again there. Refused, saying why.
        const auto asMia = [&](const QJsonObject &fields) {
            const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            m_claimer->client.sendEvent(s("mutate"),
                                        {{s("collection"), s("gift_items")}, {s("op"), s("create")},
                                         {s("as_member_id"), m_mia.id}, {s("fields"), fields}},
                                        id);
            return m_claimer->client.waitForAck(id);
        };
        const QJsonObject surprise = asMia({{s("title"), s("Painted mug")}, {s("for_member_id"), m_alex.id}, {s("surprise"), true}});
        QVERIFY(!ok(surprise));
        QCOMPARE(errorCode(surprise), s("forbidden"));
        QVERIFY(!m_third->received.contains("Painted mug"));
        // An idea Alex may see, from the same tablet, is fine; so is a surprise for someone else.
        QVERIFY(ok(asMia({{s("title"), s("Garden gloves")}, {s("for_member_id"), m_alex.id}})));
        QVERIFY(ok(asMia({{s("title"), s("Kite")}, {s("for_member_id"), m_sam.id}, {s("surprise"), true}})));
    }

    void aRemovedMemberIsShownNothingOfTheirSurprises()
    {
        // Removing Robin clears every reference to Robin before the delete: the surprise's
        // recipient and the hidden spending's hidden_from come out null, which would bring both
        // into Robin's sight on the sockets still open.
        const QString watch = idea(*m_claimer, m_robin.id, s("Silver pocket watch"), 18900, true);
        QVERIFY(!watch.isEmpty());
        QVERIFY(ok(move(*m_claimer, watch, "claimed")));
        QVERIFY(ok(mutate(*m_claimer, s("update"), watch, {{s("status"), s("bought")}, {s("price_paid"), 17777}, {s("record_spending"), true}})));
        QVERIFY(ok(mutate(*m_claimer, s("delete"), m_robin.id, {}, s("members"))));
        QTRY_COMPARE(m_recipient->client.socket().state(), QAbstractSocket::UnconnectedState);
        QVERIFY(!m_recipient->received.contains(watch.toUtf8()));
        QVERIFY(!m_recipient->received.contains("pocket watch"));
        QVERIFY(!m_recipient->received.contains("17777"));
        QVERIFY(!m_recipient->received.contains("\"Gifts\""));
        QCOMPARE(m_recipient->client.socket().closeCode(), QWebSocketProtocol::CloseCode(4003));
        // The others saw the unit whole.
        QTRY_VERIFY(m_third->received.contains("17777"));
    }

    void claimShowsRecipientOnlyThatItIsTaken()
    {
        const QString scarf = wish(*m_recipient, m_robin.id, s("Blue scarf"), 2500);
        QVERIFY(!scarf.isEmpty());
        const QJsonObject claimed = move(*m_claimer, scarf, "claimed");
        QVERIFY(ok(claimed));

        const QJsonObject toRecipient = atSeq(*m_recipient, ackSeq(claimed));
        QCOMPARE(toRecipient.value(QLatin1String("event")).toString(), s("gift:updated"));
        verifyShownAsOwn(entityOf(toRecipient));
        QCOMPARE(entityOf(toRecipient).value(QLatin1String("taken")).toBool(), true);
        QCOMPARE(dataOf(toRecipient).value(QLatin1String("user_id")).toString(), s("someone")); // not who claimed it
        QCOMPARE(dataOf(toRecipient).value(QLatin1String("mutation_id")).toString(), QString());

        const QJsonObject toThird = atSeq(*m_third, ackSeq(claimed));
        QCOMPARE(entityOf(toThird).value(QLatin1String("claimed_by")).toString(), m_alex.id);
        QCOMPARE(entityOf(toThird).value(QLatin1String("status")).toString(), s("claimed"));
        QCOMPARE(dataOf(toThird).value(QLatin1String("user_id")).toString(), m_alex.id);

        // Further along the board, nothing the recipient may see moves: a bare seq_advance.
        const QJsonObject bought = move(*m_claimer, scarf, "bought", {{s("price_paid"), 2399}});
        QVERIFY(ok(bought));
        const QJsonObject advance = atSeq(*m_recipient, ackSeq(bought));
        QCOMPARE(advance.value(QLatin1String("event")).toString(), s("seq_advance"));
        QCOMPARE(dataOf(advance), QJsonObject());
        QCOMPARE(entityOf(atSeq(*m_third, ackSeq(bought))).value(QLatin1String("price_paid")).toInteger(), 2399);
        QVERIFY(!m_recipient->received.contains("2399"));
        verifyContiguous(seqs(*m_recipient));
    }

    void surpriseNeverReachesRecipient()
    {
        const QString surprise = idea(*m_claimer, m_robin.id, s("Hush pottery class"), 8800, true);
        QVERIFY(!surprise.isEmpty());
        const QString plain = idea(*m_third, m_robin.id, s("Open book token"), 1500, false);
        QVERIFY(!plain.isEmpty());
        const QJsonObject plainEvent = m_recipient->client.waitFor(s("gift:created"));
        QCOMPARE(plainEvent.value(QLatin1String("event")).toString(), s("gift:created"));
        QCOMPARE(dataOf(plainEvent).value(QLatin1String("entity_id")).toString(), plain);
        QCOMPARE(m_recipient->client.count(s("seq_advance")), 1);
        QCOMPARE(m_third->client.count(s("gift:created")), 2); // the third member sees both
        // Neither the surprise's id nor anything of it reached the recipient.
        QVERIFY(!m_recipient->received.contains(surprise.toUtf8()));
        QVERIFY(!m_recipient->received.contains("Hush pottery"));
        QVERIFY(!m_recipient->received.contains("8800"));
        verifyContiguous(seqs(*m_recipient));
    }

    void replayAndSnapshotsAreFiltered()
    {
        const qint64 start = m_host->engine().headSeq();
        const QString scarf = wish(*m_recipient, m_robin.id, s("Red mittens"), 1900);
        QVERIFY(ok(move(*m_claimer, scarf, "claimed")));
        const QJsonObject bought = move(*m_claimer, scarf, "bought", {{s("price_paid"), 1777}, {s("record_spending"), true}});
        QVERIFY(ok(bought));
        const QString surprise = idea(*m_third, m_robin.id, s("Hush hot air balloon"), 31337, true);
        QVERIFY(!surprise.isEmpty());
        const QJsonObject sure = m_third->client.waitFor(s("transactions_updated"));
        const QString spending = dataOf(sure).value(QLatin1String("entity_id")).toString();
        QVERIFY(!spending.isEmpty());

        // A later socket of the recipient asks for everything since before it began.
        auto later = open(m_robin, start);
        QVERIFY(later);
        QVERIFY(!later->client.waitFor(s("synced")).isEmpty());
        QVERIFY(!later->received.contains(surprise.toUtf8()));
        QVERIFY(!later->received.contains("Hush hot air"));
        QVERIFY(!later->received.contains(spending.toUtf8()));
        QVERIFY(!later->received.contains("1777"));
        QVERIFY(!later->received.contains("31337"));
        for (const QJsonObject &m : later->client.all(s("gift:updated")))
            verifyShownAsOwn(entityOf(m));
        QList<qint64> replayed = seqs(*later);
        QCOMPARE(replayed.first(), start + 1);
        QCOMPARE(replayed.last(), m_host->engine().headSeq());
        verifyContiguous(replayed);

        // fetch: the wish as taken, not the surprise, not the spending.
        const QJsonArray rows = fetchRows(*later, s("gift_items"));
        verifyShownAsOwn(rowWithId(rows, scarf));
        QVERIFY(rowWithId(rows, surprise).isEmpty());
        QVERIFY(rowWithId(fetchRows(*later, s("transactions")), spending).isEmpty());
        QVERIFY(!rowWithId(fetchRows(*m_third, s("gift_items")), surprise).isEmpty());
        QVERIFY(!rowWithId(fetchRows(*m_third, s("transactions")), spending).isEmpty());

        // The HTTP snapshot (the polling fallback) says the same.
        const QJsonObject polled = httpSnapshot(m_robin);
        QVERIFY(!polled.isEmpty());
        verifyShownAsOwn(rowWithId(polled.value(QLatin1String("gift_items")).toArray(), scarf));
        QVERIFY(rowWithId(polled.value(QLatin1String("gift_items")).toArray(), surprise).isEmpty());
        QVERIFY(rowWithId(polled.value(QLatin1String("transactions")).toArray(), spending).isEmpty());
        const QByteArray polledBytes = QJsonDocument(polled).toJson(QJsonDocument::Compact);
        QVERIFY(!polledBytes.contains(surprise.toUtf8()) && !polledBytes.contains("31337") && !polledBytes.contains("1777"));
        const QJsonObject polledByThird = httpSnapshot(m_sam);
        QVERIFY(!rowWithId(polledByThird.value(QLatin1String("gift_items")).toArray(), surprise).isEmpty());
    }

    void replayComparesWithTheLoggedBefore()
    {
        // The move happens after `since`, the claim before it: the replay reads what the recipient
        // was shown of the item from the log, finds nothing new for them, and sends a seq_advance.
        const QString scarf = wish(*m_recipient, m_robin.id, s("Silver ring"), 5000);
        QVERIFY(ok(move(*m_claimer, scarf, "claimed")));
        const qint64 since = m_host->engine().headSeq();
        const QJsonObject bought = move(*m_claimer, scarf, "bought");
        QVERIFY(ok(bought));
        const QJsonObject renamed = mutate(*m_recipient, s("update"), scarf, {{s("title"), s("Silver ring, size 7")}});
        QVERIFY(ok(renamed));
        auto later = open(m_robin, since);
        QVERIFY(later);
        QVERIFY(!later->client.waitFor(s("synced")).isEmpty());
        QCOMPARE(atSeq(*later, ackSeq(bought)).value(QLatin1String("event")).toString(), s("seq_advance"));
        const QJsonObject own = atSeq(*later, ackSeq(renamed));
        QCOMPARE(own.value(QLatin1String("event")).toString(), s("gift:updated"));
        verifyShownAsOwn(entityOf(own));
        QCOMPARE(dataOf(own).value(QLatin1String("user_id")).toString(), m_robin.id); // their own edit says so
    }

    void hiddenEntityIsNotFound()
    {
        const QString surprise = idea(*m_claimer, m_robin.id, s("Hush telescope"), 12000, true);
        QVERIFY(!surprise.isEmpty());
        const QJsonObject missing = mutate(*m_recipient, s("update"), s("no-such-gift"), {{s("title"), s("x")}});
        QCOMPARE(errorCode(missing), s("not_found"));
        const QJsonObject missingError = dataOf(missing).value(QLatin1String("error")).toObject();
        for (const QString &op : {s("update"), s("delete"), s("create")}) {
            const QJsonObject hidden = mutate(*m_recipient, op, surprise, {{s("title"), s("x")}, {s("kind"), s("wish")},
                                                                            {s("for_member_id"), m_robin.id}});
            QCOMPARE(dataOf(hidden).value(QLatin1String("error")).toObject(), missingError);
        }
        QVERIFY(m_host->engine().entity(giftItems(), surprise).has_value()); // untouched
        QVERIFY(!m_recipient->received.contains("Hush telescope"));
    }

    void settingChangesResync()
    {
        const QString scarf = wish(*m_recipient, m_robin.id, s("Green hat"), 1200);
        QVERIFY(ok(move(*m_claimer, scarf, "claimed")));
        QCOMPARE(rowWithId(fetchRows(*m_recipient, s("gift_items")), scarf).value(QLatin1String("taken")).toBool(), true);
        setHousehold("gift_taken_shown", false);
        for (Socket *socket : {m_claimer.get(), m_recipient.get(), m_third.get()})
            QVERIFY(!socket->client.waitFor(s("resync_required")).isEmpty());
        QCOMPARE(rowWithId(fetchRows(*m_recipient, s("gift_items")), scarf).value(QLatin1String("taken")).toBool(), false);

        // A setting no rule reads does not make anyone refetch.
        const int resyncs = m_recipient->client.count(s("resync_required"));
        QVERIFY(ok(mutate(*m_claimer, s("update"), m_host->householdId(), {{s("name"), s("Our home")}}, s("household"))));
        QVERIFY(!m_recipient->client.waitFor(s("household_updated")).isEmpty());
        QCOMPARE(m_recipient->client.count(s("resync_required")), resyncs);

        // A role change does.
        QVERIFY(ok(mutate(*m_claimer, s("update"), m_mia.id, {{s("role"), s("adult")}}, s("members"))));
        QVERIFY(m_recipient->client.waitForCount(s("resync_required"), resyncs + 1));
    }

    void childListsOpenToAdults()
    {
        auto child = open(m_mia);
        QVERIFY(child);
        const QString drawing = idea(*child, m_robin.id, s("Hush painted mug"), 0, true);
        QVERIFY(!drawing.isEmpty());
        QVERIFY(rowWithId(fetchRows(*m_recipient, s("gift_items")), drawing).isEmpty());
        setHousehold("gift_child_lists_open", true);
        QVERIFY(!m_recipient->client.waitFor(s("resync_required")).isEmpty());
        const QJsonObject shown = rowWithId(fetchRows(*m_recipient, s("gift_items")), drawing);
        QCOMPARE(shown.value(QLatin1String("title")).toString(), s("Hush painted mug"));
        QCOMPARE(shown.value(QLatin1String("surprise")).toBool(), true);
        // An adult's surprise for that adult stays hidden whatever the setting says.
        const QString adults = idea(*m_third, m_robin.id, s("Hush spa day"), 9000, true);
        QVERIFY(rowWithId(fetchRows(*m_recipient, s("gift_items")), adults).isEmpty());
    }

    void seqAdvanceKeepsReplicaInStep()
    {
        // The recipient's own desktop client: its seq follows the host's through hidden events,
        // without a resume (no gap) and without a row of the surprise.
        QTemporaryDir dir;
        QString error;
        auto store = Store::open(dir.filePath(s("robin.sqlite")), &error);
        QVERIFY2(store, qPrintable(error));
        FakeClock clock;
        ReplicaEngine::saveLink(*store, m_host->householdId(), {m_host->baseUrl().toString(), m_robin.id, m_robin.token, 0});
        ReplicaEngine replica(*store, clock, m_host->householdId(), m_robin.id);
        ConnectionStatus status;
        SyncService sync(replica, status, m_host->baseUrl(), SyncCredentials{m_robin.token, {}, {}});
        sync.start();
        QTRY_VERIFY(status.state() == ConnectionStatus::State::Connected);
        QTRY_COMPARE(replica.lastSeq(), m_host->engine().headSeq());

        const QString scarf = wish(*m_recipient, m_robin.id, s("Wool socks"), 900);
        const QString surprise = idea(*m_claimer, m_robin.id, s("Hush weekend away"), 40000, true);
        QVERIFY(ok(move(*m_claimer, scarf, "claimed")));
        QVERIFY(ok(move(*m_claimer, scarf, "bought")));
        QVERIFY(ok(mutate(*m_third, s("update"), surprise, {{s("title"), s("Hush weekend in Rome")}})));
        QTRY_COMPARE(replica.lastSeq(), m_host->engine().headSeq());
        QVERIFY(!replica.entity(giftItems(), surprise).has_value());
        const auto mine = replica.entity(giftItems(), scarf);
        QVERIFY(mine.has_value());
        verifyShownAsOwn(*mine);
        QCOMPARE(mine->value(QLatin1String("taken")).toBool(), true);
        // Kept like any event's seq: a restart resumes from it.
        QCOMPARE(ReplicaEngine::loadLink(*store, m_host->householdId())->lastSeq, m_host->engine().headSeq());
    }

    void topics()
    {
        const QString scarf = wish(*m_recipient, m_robin.id, s("Yellow kite"), 3000);
        const QString surprise = idea(*m_claimer, m_robin.id, s("Hush drone"), 25000, true);
        const auto subscribe = [](Socket &socket, const QString &event, const QString &topic) {
            const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            socket.client.sendEvent(event, {{s("topic"), topic}}, id);
            return socket.client.waitForAck(id);
        };
        const QString list = s("gift-list:") + m_robin.id;
        QVERIFY(ok(subscribe(*m_third, s("subscribe"), list)));
        QVERIFY(ok(subscribe(*m_recipient, s("subscribe"), list)));
        // Refused: an unknown topic, an id that names nothing, and a gift hidden from the member.
        QCOMPARE(errorCode(subscribe(*m_recipient, s("subscribe"), s("weather"))), s("not_found"));
        QCOMPARE(errorCode(subscribe(*m_recipient, s("subscribe"), s("gift:nothing-here"))), s("not_found"));
        QCOMPARE(errorCode(subscribe(*m_recipient, s("subscribe"), s("gift:") + surprise)), s("not_found"));
        QCOMPARE(errorCode(subscribe(*m_recipient, s("unsubscribe"), s("gift-list:someone"))), s("not_found"));
        QVERIFY(ok(subscribe(*m_third, s("subscribe"), s("gift:") + surprise)));

        const auto topicFrames = [](const Socket &socket, const QString &topic) {
            QList<QJsonObject> frames;
            for (const QJsonObject &m : socket.client.messages)
                if (m.value(QLatin1String("topic")).toString() == topic)
                    frames.append(m);
            return frames;
        };
        const QJsonObject claimed = move(*m_claimer, scarf, "claimed");
        QVERIFY(ok(claimed));
        QTRY_COMPARE(topicFrames(*m_third, list).size(), 1);
        const QJsonObject statusFrame = topicFrames(*m_third, list).first();
        QCOMPARE(statusFrame.value(QLatin1String("event")).toString(), s("STATUS_CHANGED"));
        const QJsonObject data = statusFrame.value(QLatin1String("data")).toObject();
        QCOMPARE(data.value(QLatin1String("entity_id")).toString(), scarf);
        QCOMPARE(data.value(QLatin1String("payload")).toObject().value(QLatin1String("claimed_by")).toString(), m_alex.id);
        QCOMPARE(data.value(QLatin1String("user_id")).toString(), m_alex.id);
        QVERIFY(!data.value(QLatin1String("timestamp")).toString().isEmpty());
        QCOMPARE(statusFrame.value(QLatin1String("trace_id")).toString(), dataOf(atSeq(*m_third, ackSeq(claimed))).value(QLatin1String("mutation_id")).toString());
        // The v1 stream is unchanged beside it.
        QCOMPARE(atSeq(*m_third, ackSeq(claimed)).value(QLatin1String("event")).toString(), s("gift:updated"));

        // The recipient's topic frame carries what they may see: taken, and nothing of who.
        QTRY_COMPARE(topicFrames(*m_recipient, list).size(), 1);
        const QJsonObject own = topicFrames(*m_recipient, list).first();
        QCOMPARE(own.value(QLatin1String("event")).toString(), s("UPDATED"));
        verifyShownAsOwn(own.value(QLatin1String("data")).toObject().value(QLatin1String("payload")).toObject());
        QCOMPARE(own.value(QLatin1String("data")).toObject().value(QLatin1String("user_id")).toString(), s("someone"));
        QCOMPARE(own.value(QLatin1String("trace_id")).toString(), QString());

        // A surprise added, edited, moved: the third member's topics hear it, the recipient's never.
        const QString another = idea(*m_claimer, m_robin.id, s("Hush bike"), 45000, true);
        QVERIFY(ok(mutate(*m_claimer, s("update"), surprise, {{s("title"), s("Hush big drone")}})));
        QVERIFY(ok(move(*m_third, surprise, "claimed")));
        QTRY_COMPARE(topicFrames(*m_third, list).size(), 4);
        QCOMPARE(topicFrames(*m_third, list).at(1).value(QLatin1String("event")).toString(), s("ADDED"));
        QCOMPARE(topicFrames(*m_third, list).at(2).value(QLatin1String("event")).toString(), s("UPDATED"));
        QCOMPARE(topicFrames(*m_third, list).at(3).value(QLatin1String("event")).toString(), s("STATUS_CHANGED"));
        QCOMPARE(topicFrames(*m_third, s("gift:") + surprise).size(), 2);
        QVERIFY(ok(mutate(*m_claimer, s("delete"), another, {})));
        QTRY_COMPARE(topicFrames(*m_third, list).size(), 5);
        QCOMPARE(topicFrames(*m_third, list).at(4).value(QLatin1String("event")).toString(), s("DELETED"));
        QCOMPARE(topicFrames(*m_recipient, list).size(), 1);
        QVERIFY(!m_recipient->received.contains(surprise.toUtf8()) && !m_recipient->received.contains(another.toUtf8()));

        // A collection is a topic too, for every change of it.
        QVERIFY(ok(subscribe(*m_recipient, s("subscribe"), s("pantry"))));
        const QJsonObject milk = mutate(*m_third, s("create"), {}, {{s("name"), s("Milk")}}, s("pantry"));
        QVERIFY(ok(milk));
        QTRY_COMPARE(topicFrames(*m_recipient, s("pantry")).size(), 1);
        QCOMPARE(topicFrames(*m_recipient, s("pantry")).first().value(QLatin1String("event")).toString(), s("ADDED"));
        QCOMPARE(topicFrames(*m_recipient, s("pantry")).first().value(QLatin1String("data")).toObject().value(QLatin1String("user_id")).toString(),
                 m_sam.id);

        // Unsubscribed: no more topic frames, the v1 events still come.
        QVERIFY(ok(subscribe(*m_third, s("unsubscribe"), list)));
        const QJsonObject edited = mutate(*m_recipient, s("update"), scarf, {{s("note"), s("the big one")}});
        QVERIFY(ok(edited));
        QVERIFY(!atSeq(*m_third, ackSeq(edited)).isEmpty());
        QCOMPARE(topicFrames(*m_third, list).size(), 5);
    }

    void randomRunLeaksNothing()
    {
        // Hundreds of claims, moves, surprises, edits and deletes by the other members, with the
        // recipient's second socket reconnecting with `since` now and then. Afterwards not one
        // hidden id, title, price or claimer is in anything any recipient socket received.
        const quint32 seed = qEnvironmentVariableIsSet("HEARTH_SECRECY_SEED") ? quint32(qEnvironmentVariableIntValue("HEARTH_SECRECY_SEED")) : 20261207u;
        QRandomGenerator random(seed);
        qInfo("seed %u", seed);
        auto child = open(m_mia);
        QVERIFY(child);
        Socket *others[] = {m_claimer.get(), m_third.get(), child.get()};
        const QString otherIds[] = {m_alex.id, m_sam.id, m_mia.id};
        auto second = open(m_robin);
        QVERIFY(second);
        QByteArray secondBytes;                 // every socket the second one ever was
        QList<qint64> firstSeqsFromJoin;

        struct Item
        {
            QString id;
            bool surprise = false;
            QString status = s("idea");
            int claimer = -1; // index into others
            bool spendingRecorded = false; // a gift's cost goes into the budget once
        };
        QList<Item> items;
        QStringList hiddenIds, hiddenTexts;
        int serial = 0;
        const auto nextStatus = [](const QString &status) {
            static const QStringList order{s("idea"), s("claimed"), s("bought"), s("wrapped"), s("given")};
            return order.value(std::min<qsizetype>(order.indexOf(status) + 1, order.size() - 1));
        };

        for (int step = 0; step < 400; ++step) {
            const int roll = int(random.bounded(100));
            const int who = int(random.bounded(3)); // anyone adds ideas
            const int adult = who % 2;              // the adults claim, move, edit and delete
            ++serial;
            if (roll < 22) { // a surprise for the recipient
                const QString title = s("Hush%1x%2").arg(seed).arg(serial);
                const qint64 price = 91000000 + serial;
                const QString id = idea(*others[who], m_robin.id, title, price, true);
                QVERIFY(!id.isEmpty());
                items.append({id, true});
                hiddenIds.append(id);
                hiddenTexts << title << QString::number(price);
            } else if (roll < 32) { // an idea for them that is no surprise
                const QString id = idea(*others[who], m_robin.id, s("Plain idea %1").arg(serial), 500 + serial, false);
                QVERIFY(!id.isEmpty());
                items.append({id, false});
            } else if (roll < 40) { // their own wish
                const QString id = wish(*m_recipient, m_robin.id, s("Wish %1").arg(serial), 700 + serial);
                QVERIFY(!id.isEmpty());
                items.append({id, false});
            } else if (roll < 70 && !items.isEmpty()) { // a claim or a move along the board
                Item &item = items[int(random.bounded(int(items.size())))];
                const int mover = item.claimer >= 0 ? item.claimer : adult;
                const QString status = random.bounded(8) == 0 ? s("idea") : nextStatus(item.status);
                QJsonObject extra{{s("status"), status}};
                if (status == s("bought")) {
                    const qint64 paid = 81000000 + serial;
                    extra.insert(s("price_paid"), paid);
                    const bool record = !item.spendingRecorded && random.bounded(2) == 0;
                    extra.insert(s("record_spending"), record);
                    item.spendingRecorded |= record;
                    hiddenTexts << QString::number(paid);
                }
                const QJsonObject ack = mutate(*others[mover], s("update"), item.id, extra);
                QVERIFY2(ok(ack), QJsonDocument(ack).toJson(QJsonDocument::Compact).constData());
                item.status = status;
                item.claimer = status == s("idea") ? -1 : mover;
            } else if (roll < 82 && !items.isEmpty()) { // an edit of a surprise, or a note on any
                Item &item = items[int(random.bounded(int(items.size())))];
                QJsonObject fields;
                if (item.surprise) {
                    const QString title = s("Hush%1y%2").arg(seed).arg(serial);
                    fields.insert(s("title"), title);
                    hiddenTexts << title;
                } else {
                    fields.insert(s("note"), s("note %1").arg(serial));
                }
                QVERIFY(ok(mutate(*others[adult], s("update"), item.id, fields)));
            } else if (roll < 92 && !items.isEmpty()) { // a delete
                const int index = int(random.bounded(int(items.size())));
                QVERIFY(ok(mutate(*others[adult], s("delete"), items.at(index).id, {})));
                items.removeAt(index);
            } else { // the recipient's second device comes back with `since`
                QList<qint64> got = seqs(*second);
                const qint64 since = got.isEmpty() ? 0 : got.last();
                second->client.socket().close();
                QVERIFY(second->client.waitClosed());
                secondBytes += second->received;
                second = open(m_robin, since);
                QVERIFY(second);
                QVERIFY(!second->client.waitFor(s("synced")).isEmpty());
            }
        }
        // Every hidden event reached the recipient as its seq, in order, on the socket that stayed.
        QTRY_COMPARE(seqs(*m_recipient).last(), m_host->engine().headSeq());
        verifyContiguous(seqs(*m_recipient));
        secondBytes += second->received;

        QStringList claimers;
        for (const QString &id : otherIds)
            claimers << s("\"claimed_by\":\"") + id + u'"';
        for (const QByteArray &bytes : {m_recipient->received, secondBytes}) {
            for (const QString &id : std::as_const(hiddenIds))
                QVERIFY2(!bytes.contains(id.toUtf8()), qPrintable(id));
            for (const QString &text : std::as_const(hiddenTexts))
                QVERIFY2(!bytes.contains(text.toUtf8()), qPrintable(text));
            for (const QString &claimer : std::as_const(claimers))
                QVERIFY2(!bytes.contains(claimer.toUtf8()), qPrintable(claimer));
            QVERIFY(!bytes.contains("\"status\":\"claimed\""));
            QVERIFY(!bytes.contains("\"status\":\"bought\""));
            QVERIFY(!bytes.contains("\"category\":\"Gifts\""));
        }
        // Where an item of theirs moved visibly, it never says who moved it.
        for (const QJsonObject &m : m_recipient->client.messages) {
            if (!m.value(QLatin1String("event")).toString().startsWith(QLatin1String("gift:")))
                continue;
            const QString by = dataOf(m).value(QLatin1String("user_id")).toString();
            if (entityOf(m).value(QLatin1String("taken")).toBool())
                QVERIFY(by == s("someone") || by.isEmpty() || by == m_robin.id);
        }
    }
};

QTEST_GUILESS_MAIN(tst_GiftSecrecy)
#include "tst_giftsecrecy.moc"
