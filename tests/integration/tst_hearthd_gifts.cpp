// Gift secrecy through a real hearthd over its own (raw) WebSocket transport: a seeded run of
// surprises, claims and moves by Alex and Sam for Robin, with Robin's second socket coming back
// with `since`, then Robin's HTTP snapshot. Nothing hidden reaches any of Robin's sockets, and
// Robin's stream stays contiguous (hidden events are bare seq_advance frames).

#include "Processes.h"
#include "SyncTestSupport.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QString run(const QStringList &arguments, const char *key)
{
    const CommandResult r = runHearthd(arguments);
    if (r.exitCode != 0)
        qWarning("hearthd %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))), qPrintable(r.err));
    return r.json().value(QLatin1String(key)).toString();
}

QString memberOf(const QString &token)
{
    return QJsonDocument::fromJson(QByteArray::fromBase64(token.section(QLatin1Char('.'), 1, 1).toLatin1(), QByteArray::Base64UrlEncoding))
        .object()
        .value(QLatin1String("sub"))
        .toString();
}

// A raw socket of one member, keeping every byte it received.
struct Socket
{
    RawClient client;
    QByteArray received;

    Socket() { QObject::connect(&client.socket, &QWebSocket::textMessageReceived, &client, [this](const QString &t) { received += t.toUtf8() + '\n'; }); }

    bool join(const Server &server, const QString &householdId, const QString &token, std::optional<qint64> since = std::nullopt)
    {
        QUrl url = server.roomUrl(householdId, token);
        if (since) {
            QUrlQuery query(url);
            query.addQueryItem(s("since"), QString::number(*since));
            url.setQuery(query);
        }
        client.open(url);
        return QTest::qWaitFor([this, since] { return client.has(since ? s("synced") : s("connected")); }, 10000);
    }

    QJsonObject mutate(const QString &op, const QString &entityId, const QJsonObject &fields)
    {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QJsonObject data{{s("collection"), s("gift_items")}, {s("op"), op}, {s("fields"), fields}};
        if (!entityId.isEmpty())
            data.insert(s("entity_id"), entityId);
        client.socket.sendTextMessage(protocol::encode(s("mutate"), data, -1, id));
        if (!QTest::qWaitFor([&] { return !client.ackFor(id).isEmpty(); }, 10000))
            qWarning("no ack for %s", qPrintable(id));
        return client.ackFor(id);
    }

    QList<qint64> seqs() const
    {
        QList<qint64> list;
        for (const QJsonObject &m : client.messages)
            if (m.value(QLatin1String("seq")).toInteger(-1) > 0)
                list.append(m.value(QLatin1String("seq")).toInteger());
        return list;
    }
};

} // namespace

class TestHearthdGifts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(hearthdBinary()), qPrintable(hearthdBinary())); }

    void surprisesNeverReachTheRecipient()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(s("host"));
        const QString home = run({s("household"), s("create"), s("--data"), data, s("--name"), s("The Millers")}, "household_id");
        QVERIFY(!home.isEmpty());
        const auto token = [&](const char *name) {
            return run({s("token"), s("--data"), data, s("--household"), home, s("--name"), s(name), s("--role"), s("adult")}, "token");
        };
        const QString alexToken = token("Alex");
        const QString robinToken = token("Robin");
        const QString samToken = token("Sam");
        const QString robin = memberOf(robinToken);
        QVERIFY(!robin.isEmpty());
        Server server;
        QString error;
        QVERIFY2(server.start(data, 0, {}, &error), qPrintable(error));

        Socket alex, sam, recipient;
        QVERIFY(alex.join(server, home, alexToken));
        QVERIFY(sam.join(server, home, samToken));
        QVERIFY(recipient.join(server, home, robinToken));
        auto second = std::make_unique<Socket>();
        QVERIFY(second->join(server, home, robinToken));
        QByteArray secondBytes;
        Socket *others[] = {&alex, &sam};

        QRandomGenerator random(20261207u);
        struct Item
        {
            QString id;
            QString status;
            int claimer = -1;
        };
        QList<Item> items;
        QStringList hidden;
        qint64 head = 0;
        static const QStringList board{s("idea"), s("claimed"), s("bought"), s("wrapped"), s("given")};
        for (int step = 1; step <= 150; ++step) {
            const int roll = int(random.bounded(100));
            const int who = int(random.bounded(2));
            QJsonObject ack;
            if (roll < 30 || items.isEmpty()) {
                const bool surprise = roll % 3 != 0;
                const QString title = surprise ? s("Hush%1").arg(step) : s("Idea %1").arg(step);
                ack = others[who]->mutate(s("create"), {}, {{s("title"), title}, {s("kind"), s("idea")}, {s("for_member_id"), robin},
                                                            {s("price"), 93000000 + step}, {s("surprise"), surprise}});
                if (surprise)
                    hidden << ack.value(QLatin1String("entity_id")).toString() << title << QString::number(93000000 + step);
                items.append({ack.value(QLatin1String("entity_id")).toString(), s("idea")});
            } else if (roll < 40) {
                ack = recipient.mutate(s("create"), {}, {{s("title"), s("Wish %1").arg(step)}, {s("kind"), s("wish")}, {s("for_member_id"), robin}});
                items.append({ack.value(QLatin1String("entity_id")).toString(), s("idea")});
            } else if (roll < 85) {
                Item &item = items[int(random.bounded(int(items.size())))];
                const int mover = item.claimer >= 0 ? item.claimer : who;
                const QString status = board.value(std::min<qsizetype>(board.indexOf(item.status) + 1, board.size() - 1));
                QJsonObject fields{{s("status"), status}};
                if (status == s("bought")) {
                    fields.insert(s("price_paid"), 83000000 + step);
                    fields.insert(s("record_spending"), true);
                    hidden << QString::number(83000000 + step);
                }
                ack = others[mover]->mutate(s("update"), item.id, fields);
                item.status = status;
                item.claimer = mover;
            } else if (roll < 93) {
                const int index = int(random.bounded(int(items.size())));
                ack = others[who]->mutate(s("delete"), items.at(index).id, {});
                items.removeAt(index);
            } else {
                const QList<qint64> got = second->seqs();
                secondBytes += second->received;
                second = std::make_unique<Socket>();
                QVERIFY(second->join(server, home, robinToken, got.isEmpty() ? 0 : got.last()));
                continue;
            }
            QVERIFY2(ack.value(QLatin1String("ok")).toBool(), QJsonDocument(ack).toJson(QJsonDocument::Compact).constData());
            head = ack.value(QLatin1String("seq")).toInteger();
        }
        QTRY_COMPARE(recipient.seqs().last(), head);
        const QList<qint64> seqs = recipient.seqs();
        for (qsizetype i = 1; i < seqs.size(); ++i)
            QCOMPARE(seqs.at(i), seqs.at(i - 1) + 1);
        secondBytes += second->received;

        const HttpReply polled = httpGet(server.port, "/api/snapshot/" + home.toLatin1(), robinToken);
        QCOMPARE(polled.status, 200);
        for (const QByteArray &bytes : {recipient.received, secondBytes, polled.body}) {
            for (const QString &text : std::as_const(hidden))
                QVERIFY2(!bytes.contains(text.toUtf8()), qPrintable(text));
            for (const QString &claimer : {memberOf(alexToken), memberOf(samToken)})
                QVERIFY(!bytes.contains(s("\"claimed_by\":\"%1\"").arg(claimer).toUtf8()));
            QVERIFY(!bytes.contains("\"category\":\"Gifts\""));
        }
        // The third member's socket did hear of them: the test looks at the right bytes.
        QVERIFY(sam.received.contains(hidden.value(1).toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestHearthdGifts)
#include "tst_hearthd_gifts.moc"
