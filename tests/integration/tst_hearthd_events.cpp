// A party planned by two members of one household through a real hearthd (its own WebSocket
// transport), on raw sockets: the event, roles, tasks that wait for each other, a dish whose
// ingredients fill the shopping board, a card bought, a bulk purchase sent inside a `batch`, and
// the budget crossing 80 %. Every name the design gives is checked on the wire, with its data,
// in the order of one flush; a socket of another household hears none of it.

#include "Processes.h"
#include "SyncTestSupport.h"

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

QJsonObject dataOf(const QJsonObject &message)
{
    return message.value(QLatin1String("data")).toObject();
}

// One member's socket: every frame kept, as JSON and as bytes.
struct Person
{
    RawClient client;
    QByteArray received;

    Person()
    {
        QObject::connect(&client.socket, &QWebSocket::textMessageReceived, &client,
                         [this](const QString &text) { received += text.toUtf8() + '\n'; });
    }

    bool join(const Server &server, const QString &householdId, const QString &token)
    {
        client.open(server.roomUrl(householdId, token));
        return QTest::qWaitFor([this] { return client.has(s("connected")); }, 10000);
    }

    static QJsonObject mutateData(const QString &collection, const QString &op, const QString &entityId, const QJsonObject &fields)
    {
        QJsonObject data{{s("collection"), collection}, {s("op"), op}, {s("fields"), fields}};
        if (!entityId.isEmpty())
            data.insert(s("entity_id"), entityId);
        return data;
    }

    // A mutate, and its ack's data once it came.
    QJsonObject mutate(const QString &collection, const QString &op, const QString &entityId, const QJsonObject &fields)
    {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces); // unique in the household, as a retry's guard
        client.socket.sendTextMessage(protocol::encode(s("mutate"), mutateData(collection, op, entityId, fields), -1, id));
        if (!QTest::qWaitFor([&] { return !client.ackFor(id).isEmpty(); }, 10000))
            qWarning("no ack for %s", qPrintable(id));
        return client.ackFor(id);
    }

    QString create(const QString &collection, const QJsonObject &fields)
    {
        const QJsonObject ack = mutate(collection, s("create"), {}, fields);
        if (!ack.value(QLatin1String("ok")).toBool())
            qWarning("%s not created: %s", qPrintable(collection), QJsonDocument(ack).toJson(QJsonDocument::Compact).constData());
        return ack.value(QLatin1String("entity_id")).toString();
    }

    // The frames with a seq, in the order they came.
    QList<QJsonObject> events() const
    {
        QList<QJsonObject> found;
        for (const QJsonObject &m : client.messages)
            if (m.value(QLatin1String("seq")).toInteger(-1) > 0)
                found.append(m);
        return found;
    }

    // The event with this seq (empty until it came).
    QJsonObject at(qint64 seq) const
    {
        for (const QJsonObject &m : client.messages)
            if (m.value(QLatin1String("seq")).toInteger(-1) == seq)
                return m;
        return {};
    }

    bool waitFor(qint64 seq) const
    {
        return QTest::qWaitFor([&] { return !at(seq).isEmpty(); }, 10000);
    }
};

} // namespace

class TestHearthdEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(hearthdBinary()), qPrintable(hearthdBinary())); }

    void aPartyPlannedByTwoMembers()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(s("host"));
        const QString home = run({s("household"), s("create"), s("--data"), data, s("--name"), s("The Millers")}, "household_id");
        const QString neighbours = run({s("household"), s("create"), s("--data"), data, s("--name"), s("The Neighbours")}, "household_id");
        QVERIFY(!home.isEmpty() && !neighbours.isEmpty());
        const auto token = [&](const QString &household, const char *name) {
            return run({s("token"), s("--data"), data, s("--household"), household, s("--name"), s(name), s("--role"), s("adult")}, "token");
        };
        const QString alexToken = token(home, "Alex");
        const QString samToken = token(home, "Sam");
        const QString zoeToken = token(neighbours, "Zoe");
        const QString alexId = memberOf(alexToken);
        const QString samId = memberOf(samToken);
        QVERIFY(!alexId.isEmpty() && !samId.isEmpty() && !zoeToken.isEmpty());
        Server server;
        QString error;
        QVERIFY2(server.start(data, 0, {}, &error), qPrintable(error));
        Person alex, sam, zoe;
        QVERIFY(alex.join(server, home, alexToken));
        QVERIFY(sam.join(server, home, samToken));
        QVERIFY(zoe.join(server, neighbours, zoeToken));

        // The event, and who does what.
        const QString bbq = alex.create(s("event_plans"), {{s("name"), s("Mia's birthday BBQ")}, {s("date"), s("2026-12-19")},
                                                           {s("start_time"), s("15:00")}, {s("guest_count"), 12},
                                                           {s("budget_cents"), 10000}});
        QVERIFY(!bbq.isEmpty());
        QVERIFY(!alex.create(s("event_roles"), {{s("event_id"), bbq}, {s("member_id"), samId}, {s("role"), s("cook")}}).isEmpty());
        QVERIFY(!alex.create(s("event_roles"), {{s("event_id"), bbq}, {s("member_id"), alexId}, {s("role"), s("logistics")}}).isEmpty());

        // Tasks: lighting the grill waits for the charcoal.
        const QJsonObject charcoalAck = alex.mutate(s("event_tasks"), s("create"), {},
                                                    {{s("event_id"), bbq}, {s("title"), s("Buy charcoal")}, {s("assignee_id"), samId}});
        const QString charcoal = charcoalAck.value(QLatin1String("entity_id")).toString();
        QVERIFY(sam.waitFor(charcoalAck.value(QLatin1String("seq")).toInteger()));
        const QJsonObject created = sam.at(charcoalAck.value(QLatin1String("seq")).toInteger());
        QCOMPARE(created.value(QLatin1String("event")).toString(), s("task-created"));
        QCOMPARE(dataOf(created).value(QLatin1String("taskId")).toString(), charcoal);
        const QString grill = alex.create(s("event_tasks"), {{s("event_id"), bbq}, {s("title"), s("Light the grill")},
                                                             {s("role"), s("cook")}, {s("depends_on"), QJsonArray{charcoal}}});
        QVERIFY(!grill.isEmpty());

        // Sam starts and finishes the charcoal: two status changes, and the grill is enabled in the same flush.
        const QJsonObject started = sam.mutate(s("event_tasks"), s("update"), charcoal, {{s("status"), s("in_progress")}});
        QVERIFY(alex.waitFor(started.value(QLatin1String("seq")).toInteger()));
        const QJsonObject moved = alex.at(started.value(QLatin1String("seq")).toInteger());
        QCOMPARE(moved.value(QLatin1String("event")).toString(), s("task-status-changed"));
        QCOMPARE(dataOf(moved).value(QLatin1String("taskId")).toString(), charcoal);
        QCOMPARE(dataOf(moved).value(QLatin1String("oldStatus")).toString(), s("todo"));
        QCOMPARE(dataOf(moved).value(QLatin1String("newStatus")).toString(), s("in_progress"));
        QCOMPARE(dataOf(moved).value(QLatin1String("updatedBy")).toString(), samId);
        const QJsonObject finished = sam.mutate(s("event_tasks"), s("update"), charcoal, {{s("status"), s("done")}});
        const qint64 doneSeq = finished.value(QLatin1String("seq")).toInteger();
        QVERIFY(alex.waitFor(doneSeq + 1));
        QCOMPARE(alex.at(doneSeq).value(QLatin1String("event")).toString(), s("task-status-changed"));
        QCOMPARE(dataOf(alex.at(doneSeq)).value(QLatin1String("newStatus")).toString(), s("done"));
        const QJsonObject enabled = alex.at(doneSeq + 1);
        QCOMPARE(enabled.value(QLatin1String("event")).toString(), s("task-enabled"));
        QCOMPARE(dataOf(enabled).value(QLatin1String("taskId")).toString(), grill);
        QCOMPARE(dataOf(enabled).value(QLatin1String("enabledBy")).toString(), samId);

        // A dish and its ingredients: the event's cards on the shopping board.
        const QString burgers = alex.create(s("event_dishes"), {{s("event_id"), bbq}, {s("name"), s("Burgers")}, {s("servings"), 8},
                                                                {s("recipe_servings"), 4}, {s("cook_id"), samId}});
        const QString mince = alex.create(s("event_ingredients"),
                                          {{s("dish_id"), burgers}, {s("product"), s("Minced beef")}, {s("quantity"), 0.5}, {s("unit"), s("kg")}});
        const QString buns = alex.create(s("event_ingredients"),
                                         {{s("dish_id"), burgers}, {s("product"), s("Buns")}, {s("quantity"), 4}, {s("unit"), s("pcs")}});
        QVERIFY(!burgers.isEmpty() && !mince.isEmpty() && !buns.isEmpty());
        const auto cardOf = [&](const Person &member, const char *needKey) {
            QJsonObject card;
            for (const QJsonObject &m : member.events()) {
                const QJsonObject entity = dataOf(m).value(QLatin1String("entity")).toObject();
                if (dataOf(m).value(QLatin1String("collection")).toString() == s("board_cards")
                    && entity.value(QLatin1String("need_key")).toString() == s(needKey))
                    card = entity; // the latest
            }
            return card;
        };
        QTRY_VERIFY(!cardOf(sam, "buns|pcs").isEmpty());
        const QString minceCard = cardOf(sam, "minced beef|kg").value(QLatin1String("id")).toString();
        const QString bunsCard = cardOf(sam, "buns|pcs").value(QLatin1String("id")).toString();
        QVERIFY(!minceCard.isEmpty() && !bunsCard.isEmpty());
        QCOMPARE(cardOf(sam, "minced beef|kg").value(QLatin1String("quantity")).toString(), s("1 kg"));

        // Sam, the cook, changes the mince: ingredient-updated, and the linked card in the same flush.
        const QJsonObject changed = sam.mutate(s("event_ingredients"), s("update"), mince, {{s("quantity"), 1}});
        const qint64 changedSeq = changed.value(QLatin1String("seq")).toInteger();
        QVERIFY(alex.waitFor(changedSeq + 1));
        const QJsonObject updated = alex.at(changedSeq);
        QCOMPARE(updated.value(QLatin1String("event")).toString(), s("ingredient-updated"));
        QCOMPARE(dataOf(updated).value(QLatin1String("scheduleId")).toString(), burgers);
        QCOMPARE(dataOf(updated).value(QLatin1String("ingredientId")).toString(), mince);
        QCOMPARE(dataOf(updated).value(QLatin1String("oldQuantity")).toDouble(), 0.5);
        QCOMPARE(dataOf(updated).value(QLatin1String("newQuantity")).toDouble(), 1.0);
        QCOMPARE(dataOf(updated).value(QLatin1String("updatedBy")).toString(), samId);
        QCOMPARE(dataOf(updated).value(QLatin1String("affectedShoppingItems")).toArray(), QJsonArray{minceCard});
        const QJsonObject followed = alex.at(changedSeq + 1);
        QCOMPARE(dataOf(followed).value(QLatin1String("collection")).toString(), s("board_cards"));
        QCOMPARE(dataOf(followed).value(QLatin1String("entity_id")).toString(), minceCard);
        QCOMPARE(dataOf(followed).value(QLatin1String("entity")).toObject().value(QLatin1String("quantity")).toString(), s("2 kg"));

        // Sam buys the mince: shopping-item-purchased.
        const QJsonObject bought = sam.mutate(s("board_cards"), s("update"), minceCard, {{s("done"), true}});
        QVERIFY2(bought.value(QLatin1String("ok")).toBool(), QJsonDocument(bought).toJson(QJsonDocument::Compact).constData());
        QVERIFY(alex.waitFor(bought.value(QLatin1String("seq")).toInteger()));
        const QJsonObject purchased = alex.at(bought.value(QLatin1String("seq")).toInteger());
        QCOMPARE(purchased.value(QLatin1String("event")).toString(), s("shopping-item-purchased"));
        QCOMPARE(dataOf(purchased).value(QLatin1String("itemId")).toString(), minceCard);
        QCOMPARE(dataOf(purchased).value(QLatin1String("eventId")).toString(), bbq);
        QCOMPARE(dataOf(purchased).value(QLatin1String("quantity")).toDouble(), 2.0);
        QCOMPARE(dataOf(purchased).value(QLatin1String("purchasedBy")).toString(), samId);
        QVERIFY(!dataOf(purchased).value(QLatin1String("purchasedAt")).toString().isEmpty());

        // Alex buys the rest in one go, inside a batch with a note on the event: one ack, the bulk
        // purchase, and the budget crossing 80 % (85 of 100).
        const QJsonObject purchase{{s("event_id"), bbq}, {s("items"), QJsonArray{QJsonObject{{s("card_id"), bunsCard}}}},
                                   {s("total_cents"), 8500}, {s("add_to_budget"), true}};
        QJsonObject buy = Person::mutateData(s("event_purchases"), s("create"), {}, purchase);
        buy.insert(s("id"), s("bulk-1"));
        QJsonObject note = Person::mutateData(s("event_plans"), s("update"), bbq, {{s("notes"), s("Bring chairs")}});
        note.insert(s("id"), s("note-1"));
        alex.client.socket.sendTextMessage(protocol::encode(s("batch"), {{s("mutations"), QJsonArray{buy, note}}}, -1, s("b-1")));
        QJsonObject batchAck;
        QVERIFY(QTest::qWaitFor([&] {
            for (const QJsonObject &m : alex.client.messages)
                if (m.value(QLatin1String("event")).toString() == s("ack") && dataOf(m).value(QLatin1String("id")).toString() == s("b-1"))
                    batchAck = dataOf(m);
            return !batchAck.isEmpty();
        }, 10000));
        QCOMPARE(batchAck.value(QLatin1String("received")).toString(), s("batch"));
        const QJsonArray results = batchAck.value(QLatin1String("results")).toArray();
        QCOMPARE(results.size(), 2);
        QVERIFY2(results.at(0).toObject().value(QLatin1String("ok")).toBool(), QJsonDocument(batchAck).toJson(QJsonDocument::Compact).constData());
        QVERIFY(results.at(1).toObject().value(QLatin1String("ok")).toBool());
        const QString purchaseId = results.at(0).toObject().value(QLatin1String("entity_id")).toString();
        const qint64 purchaseSeq = results.at(0).toObject().value(QLatin1String("seq")).toInteger();
        const qint64 noteSeq = results.at(1).toObject().value(QLatin1String("seq")).toInteger();
        QVERIFY(noteSeq > purchaseSeq);
        QVERIFY(sam.waitFor(noteSeq));
        const QJsonObject bulk = sam.at(purchaseSeq);
        QCOMPARE(bulk.value(QLatin1String("event")).toString(), s("bulk-shopping-purchase"));
        QCOMPARE(dataOf(bulk).value(QLatin1String("purchaseId")).toString(), purchaseId);
        QCOMPARE(dataOf(bulk).value(QLatin1String("eventId")).toString(), bbq);
        QCOMPARE(dataOf(bulk).value(QLatin1String("purchasedBy")).toString(), alexId);
        QCOMPARE(dataOf(bulk).value(QLatin1String("items")).toArray().size(), 1);
        // Between the purchase and the note: its effects, the budget's move among them.
        QStringList between;
        QJsonObject budget;
        for (qint64 seq = purchaseSeq + 1; seq < noteSeq; ++seq) {
            const QJsonObject event = sam.at(seq);
            between << event.value(QLatin1String("event")).toString();
            if (event.value(QLatin1String("event")).toString() == s("budget-status-changed"))
                budget = dataOf(event);
        }
        QVERIFY2(!budget.isEmpty(), qPrintable(between.join(QLatin1String(", "))));
        QCOMPARE(budget.value(QLatin1String("eventId")).toString(), bbq);
        QCOMPARE(budget.value(QLatin1String("oldStatus")).toString(), s("under"));
        QCOMPARE(budget.value(QLatin1String("newStatus")).toString(), s("near"));
        QCOMPARE(budget.value(QLatin1String("spentCents")).toInteger(), 8500);
        QCOMPARE(budget.value(QLatin1String("budgetCents")).toInteger(), 10000);
        QVERIFY(between.contains(s("transactions_updated")));
        QCOMPARE(sam.at(noteSeq).value(QLatin1String("event")).toString(), s("event_plans_updated"));

        // Both members heard the same stream, without a gap.
        QVERIFY(alex.waitFor(noteSeq));
        for (const Person *member : {&alex, &sam}) {
            const QList<QJsonObject> events = member->events();
            for (qsizetype i = 1; i < events.size(); ++i)
                QCOMPARE(events.at(i).value(QLatin1String("seq")).toInteger(), events.at(i - 1).value(QLatin1String("seq")).toInteger() + 1);
        }

        // The other household's socket heard none of it: no event at all, and no id of the party.
        alex.client.socket.sendTextMessage(protocol::encode(s("ping"), {}, -1, s("barrier")));
        QVERIFY(QTest::qWaitFor([&] { return alex.received.contains("\"barrier\""); }, 10000));
        zoe.client.socket.sendTextMessage(protocol::encode(s("ping"), {}, -1, s("zoe-barrier")));
        QVERIFY(QTest::qWaitFor([&] { return zoe.received.contains("\"zoe-barrier\""); }, 10000));
        QCOMPARE(zoe.events().size(), 0);
        for (const QString &id : {bbq, charcoal, grill, burgers, mince, minceCard, bunsCard, purchaseId})
            QVERIFY2(!zoe.received.contains(id.toUtf8()), qPrintable(id));
        for (const char *name : {"task-", "ingredient-updated", "shopping-item-purchased", "bulk-shopping-purchase", "budget-status-changed"})
            QVERIFY2(!zoe.received.contains(name), name);
        QVERIFY(sam.received.contains(bbq.toUtf8())); // the bytes looked at are the right ones
    }
};

QTEST_GUILESS_MAIN(TestHearthdEvents)
#include "tst_hearthd_events.moc"
