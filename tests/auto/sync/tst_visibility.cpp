// What one member is shown of one change (sync/Visibility) and the topic it makes (sync/Topics),
// on hand-made changes: the transitions a live gift never makes (an entity coming into or going
// out of sight) are part of the host's general rule and are checked here with the gift rule.

#include "Topics.h"
#include "Visibility.h"

#include <QTest>

using namespace hearth;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

Collection giftItems()
{
    Collection c = Collection::Pantry;
    collectionFromName(s("gift_items"), &c);
    return c;
}

const QString kRobin = s("robin");
const QString kAlex = s("alex");

Viewer viewer(const QString &memberId)
{
    return Viewer{memberId, s("adult"), {{kRobin, s("adult")}, {kAlex, s("adult")}}, QJsonObject{{s("id"), s("home")}}};
}

QJsonObject item(bool surprise, const char *status = "idea", int rev = 1)
{
    const bool claimed = QLatin1String(status) != QLatin1String("idea");
    return {{s("id"), s("g1")},         {s("title"), s("Kite")},           {s("kind"), s("idea")},
            {s("for_member_id"), kRobin}, {s("for_person_id"), QJsonValue()}, {s("surprise"), surprise},
            {s("added_by"), kAlex},     {s("claimed_by"), claimed ? QJsonValue(kAlex) : QJsonValue()},
            {s("status"), s(status)},   {s("taken"), claimed},             {s("price"), 1200},
            {s("price_paid"), 0},       {s("paid_transaction_id"), QJsonValue()},
            {s("rev"), rev},            {s("updated_at"), s("2026-12-07T02:00:0%1.000Z").arg(rev)}};
}

Change update(const QJsonObject &before, const QJsonObject &after, const QString &by = kAlex)
{
    Change c{giftItems(), ChangeAction::Updated, s("g1"), after, after.value(QLatin1String("rev")).toInteger(), 7, by, s("m7"), s("ts")};
    c.before = before;
    return c;
}

} // namespace

class tst_Visibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wholeForOthers()
    {
        const Change change = update(item(false), item(false, "claimed", 2));
        const auto shown = visibility::shownChange(change, change.before, viewer(s("sam")));
        QCOMPARE(shown.kind, visibility::ShownChange::Kind::Whole);
        QCOMPARE(shown.change.userId, kAlex);
        QCOMPARE(shown.change.mutationId, s("m7"));
    }

    void partForTheRecipientNamesNobody()
    {
        const Change change = update(item(false), item(false, "claimed", 2));
        const auto shown = visibility::shownChange(change, change.before, viewer(kRobin));
        QCOMPARE(shown.kind, visibility::ShownChange::Kind::Part);
        QCOMPARE(shown.change.userId, QString(visibility::kSomeone));
        QCOMPARE(shown.change.mutationId, QString());
        QVERIFY(shown.change.entity.value(QLatin1String("claimed_by")).isNull());
        QCOMPARE(shown.change.entity.value(QLatin1String("taken")).toBool(), true);
        QCOMPARE(topics::eventOf(shown), s("UPDATED")); // for them only `taken` moved
        // Their own edit keeps their name; the host's own stays "".
        QJsonObject renamed = item(false, "claimed", 2);
        renamed.insert(s("title"), s("Red kite"));
        QCOMPARE(visibility::shownChange(update(item(false, "claimed"), renamed, kRobin), item(false, "claimed"), viewer(kRobin)).change.userId,
                 kRobin);
        QCOMPARE(visibility::shownChange(update(item(false, "claimed"), renamed, {}), item(false, "claimed"), viewer(kRobin)).change.userId,
                 QString());
    }

    void nothingWhenNothingVisibleMoved()
    {
        // claimed -> bought: for the recipient it is still "taken", only rev and updated_at moved.
        const Change change = update(item(false, "claimed"), item(false, "bought", 2));
        QCOMPARE(visibility::shownChange(change, change.before, viewer(kRobin)).kind, visibility::ShownChange::Kind::Nothing);
        QCOMPARE(visibility::encodeSeqAdvance(41), s("{\"data\":{},\"event\":\"seq_advance\",\"seq\":41}"));
    }

    void hiddenAndUnknownBeforeIsNothing()
    {
        const Change change = update({}, item(true, "claimed", 2));
        QCOMPARE(visibility::shownChange(change, {}, viewer(kRobin)).kind, visibility::ShownChange::Kind::Nothing);
        // Not known what they saw before, visible now: the entity as they may see it.
        const Change visible = update({}, item(false, "claimed", 2));
        QCOMPARE(visibility::shownChange(visible, {}, viewer(kRobin)).kind, visibility::ShownChange::Kind::Part);
    }

    void comingIntoSightIsACreate()
    {
        const Change change = update(item(true), item(false, "idea", 2));
        const auto shown = visibility::shownChange(change, change.before, viewer(kRobin));
        QCOMPARE(shown.kind, visibility::ShownChange::Kind::Part);
        QCOMPARE(shown.change.action, ChangeAction::Created);
        QCOMPARE(topics::eventOf(shown), s("ADDED"));
    }

    void goingOutOfSightIsADelete()
    {
        const Change change = update(item(false), item(true, "idea", 2));
        const auto shown = visibility::shownChange(change, change.before, viewer(kRobin));
        QCOMPARE(shown.kind, visibility::ShownChange::Kind::Part);
        QCOMPARE(shown.change.action, ChangeAction::Deleted);
        QCOMPARE(shown.change.entity.value(QLatin1String("surprise")).toBool(), false); // what they last saw
        QCOMPARE(topics::eventOf(shown), s("DELETED"));
    }

    void statusChangedOnlyForAMove()
    {
        const Change move = update(item(false), item(false, "claimed", 2));
        QCOMPARE(topics::eventOf(visibility::shownChange(move, move.before, viewer(s("sam")))), s("STATUS_CHANGED"));
        QJsonObject renamed = item(false, "claimed", 2);
        renamed.insert(s("title"), s("Red kite"));
        const Change both = update(item(false), renamed);
        QCOMPARE(topics::eventOf(visibility::shownChange(both, both.before, viewer(s("sam")))), s("UPDATED"));
    }

    void snapshotRows()
    {
        const QJsonArray rows{item(true), item(false, "wrapped")};
        QCOMPARE(visibility::shownRows(giftItems(), rows, viewer(kRobin)).size(), 1);
        QCOMPARE(visibility::shownRows(giftItems(), rows, viewer(s("sam"))), rows);
        QCOMPARE(visibility::shownRows(Collection::Pantry, rows, viewer(kRobin)), rows); // no rule: untouched
    }

    void topicNames()
    {
        QCOMPARE(topics::parse(s("gift:g1"))->kind, topics::Topic::Kind::Entity);
        QCOMPARE(topics::parse(s("gift-list:robin"))->kind, topics::Topic::Kind::List);
        QCOMPARE(topics::parse(s("pantry"))->collection, Collection::Pantry);
        QVERIFY(!topics::parse(s("gift:")));
        QVERIFY(!topics::parse(s("weather")));
        const Change change = update(item(false), item(false, "claimed", 2));
        QVERIFY(topics::matches(*topics::parse(s("gift-list:robin")), change));
        QVERIFY(!topics::matches(*topics::parse(s("gift-list:sam")), change));
        QVERIFY(topics::matches(*topics::parse(s("gift:g1")), change));
        QVERIFY(!topics::matches(*topics::parse(s("pantry")), change));
    }
};

QTEST_GUILESS_MAIN(tst_Visibility)
#include "tst_visibility.moc"
