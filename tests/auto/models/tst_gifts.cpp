// Gifts on the engine: what each member is shown of a gift item (the contract's four cases and
// both household settings), the rules (who adds what, immutable recipients and surprises, who
// claims and moves, what a child may do), the Gifts transaction a price paid becomes and its
// secrecy, describer sentences that never spoil, the three models under
// QAbstractItemModelTester, occasions' next date, countdown and budget, and the demo's gifts.

#include "BudgetModel.h"
#include "ModelTestHelpers.h"
#include "TestSupport.h"
#include "gifts/GiftVisibility.h"
#include "gifts/GiftsModels.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class tst_Gifts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void visibility_data();
    void visibility();
    void hiddenTransactionIsNotShownToItsMember();
    void viewerForReadsRolesAndSettings();
    void eventNames();

    void newItemsAreDecidedByTheHost();
    void anItemNeedsOneRecipient();
    void noSurpriseForYourself();
    void recipientAndSurpriseNeverChange();
    void claimSetsAndUnclaimClearsTheClaimer();
    void recipientCannotClaimOrMoveButMayEdit();
    void hiddenSurpriseIsNotFoundForItsRecipient();
    void onlyTheClaimerOrAnAdultMovesAClaim();
    void childRights();
    void childMayNotAddPeopleOrOccasions();
    void occasionAndPersonRules();

    void spendingBecomesOneHiddenGiftsTransaction();
    void spendingIsRefusedWithoutAPurchase();
    void hiddenTransactionStaysHidden();

    void describerNeverSpoils();

    void modelsUnderTesterWithTheDemo();
    void itemsModelShowsTheMemberAtTheDevice();
    void occasionNextDateAndCountdown();
    void occasionCoveredAndLeft();

private:
    AuthoritativeEngine &engine() { return m_home->engine(); }
    GiftItemsModel &items() { return m_data->model<GiftItemsModel>(Collection::GiftItems); }
    OccasionsModel &occasions() { return m_data->model<OccasionsModel>(Collection::Occasions); }
    QString addMember(const QString &name, const QString &role);
    MutationResult as(const QString &member, const Mutation &m) { return engine().submitAs(m, member); }
    // A gift item created by `member`; fails the test when refused.
    QString add(const QString &member, QJsonObject fields);
    MutationResult update(const QString &member, const QString &id, const QJsonObject &fields)
    {
        return as(member, {{}, Collection::GiftItems, MutationOp::Update, id, -1, fields});
    }
    QJsonObject stored(const QString &id) { return engine().entity(Collection::GiftItems, id).value_or(QJsonObject()); }
    void setHousehold(const QJsonObject &fields);

    std::unique_ptr<TempHousehold> m_home;
    std::unique_ptr<HouseholdData> m_data;
    QString m_alex; // adult, the owner
    QString m_sam;  // adult
    QString m_mia;  // child
};

void tst_Gifts::init()
{
    m_home = std::make_unique<TempHousehold>();
    QVERIFY2(m_home->isValid(), qPrintable(m_home->error()));
    m_alex = engine().actingMemberId();
    m_sam = addMember(s("Sam"), s("adult"));
    m_mia = addMember(s("Mia"), s("child"));
    m_data = std::make_unique<HouseholdData>(engine(), m_home->clock);
    m_data->load();
}

void tst_Gifts::cleanup()
{
    m_data.reset();
    m_home.reset();
}

QString tst_Gifts::addMember(const QString &name, const QString &role)
{
    return engine().submit({{}, Collection::Members, MutationOp::Create, {}, -1, {{s("name"), name}, {s("role"), role}}}).entityId;
}

QString tst_Gifts::add(const QString &member, QJsonObject fields)
{
    if (!fields.contains(s("title")))
        fields.insert(s("title"), s("Lego"));
    const MutationResult r = as(member, {{}, Collection::GiftItems, MutationOp::Create, {}, -1, fields});
    if (!r.ok)
        qWarning("add: %s", qPrintable(r.error.message));
    return r.entityId;
}

void tst_Gifts::setHousehold(const QJsonObject &fields)
{
    QVERIFY(engine().submit({{}, Collection::Household, MutationOp::Update, engine().householdId(), -1, fields}).ok);
}

// ---- what a member is shown -----------------------------------------------------------------

void tst_Gifts::visibility_data()
{
    QTest::addColumn<QString>("viewer");      // who looks: alex, sam (the recipient, adult), mia (child)
    QTest::addColumn<QString>("recipient");   // for_member_id
    QTest::addColumn<QString>("addedBy");
    QTest::addColumn<bool>("surprise");
    QTest::addColumn<bool>("takenShown");     // household.gift_taken_shown
    QTest::addColumn<bool>("childListsOpen"); // household.gift_child_lists_open
    QTest::addColumn<QString>("expected");    // "whole", "none", "taken" (restricted, taken shown), "plain" (restricted, not taken)

    QTest::newRow("1: someone else's item, whole") << "alex" << "sam" << "mia" << true << true << false << "whole";
    QTest::newRow("1: a child sees another's surprise") << "mia" << "sam" << "alex" << true << true << false << "whole";
    QTest::newRow("2: adult, open lists, added by a child") << "sam" << "sam" << "mia" << true << true << true << "open";
    QTest::newRow("2 not: open lists, added by an adult") << "sam" << "sam" << "alex" << true << true << true << "none";
    QTest::newRow("2 not: a child recipient is no adult") << "mia" << "mia" << "mia" << false << true << true << "taken";
    QTest::newRow("3: own surprise") << "sam" << "sam" << "mia" << true << true << false << "none";
    QTest::newRow("4: own wish, taken shown") << "sam" << "sam" << "sam" << false << true << false << "taken";
    QTest::newRow("4: own wish, taken not shown") << "sam" << "sam" << "sam" << false << false << false << "plain";
    QTest::newRow("4: idea for them, not a surprise") << "sam" << "sam" << "alex" << false << true << false << "taken";
}

void tst_Gifts::visibility()
{
    QFETCH(QString, viewer);
    QFETCH(QString, recipient);
    QFETCH(QString, addedBy);
    QFETCH(bool, surprise);
    QFETCH(bool, takenShown);
    QFETCH(bool, childListsOpen);
    QFETCH(QString, expected);

    const QHash<QString, QString> roles{{s("alex"), s("adult")}, {s("sam"), s("adult")}, {s("mia"), s("child")}};
    const Viewer who{viewer, roles.value(viewer), roles,
                     {{s("gift_taken_shown"), takenShown}, {s("gift_child_lists_open"), childListsOpen}}};
    const QJsonObject item{{s("id"), s("g1")},
                           {s("title"), s("Weekend in Lisbon")},
                           {s("kind"), surprise ? s("idea") : s("wish")},
                           {s("for_member_id"), recipient},
                           {s("surprise"), surprise},
                           {s("added_by"), addedBy},
                           {s("claimed_by"), s("alex")},
                           {s("status"), s("bought")},
                           {s("price"), 45000},
                           {s("price_paid"), 42000},
                           {s("taken"), true},
                           {s("paid_transaction_id"), s("t1")}};
    const auto shown = gifts::visibleTo(item, who);
    // The host applies the very same function (the collection's visibleTo).
    const auto byHost = collectionSpec(Collection::GiftItems).visibleTo(item, who);
    QCOMPARE(byHost, shown);
    if (expected == QLatin1String("none")) {
        QVERIFY(!shown);
        return;
    }
    QVERIFY(shown);
    if (expected == QLatin1String("whole")) {
        QCOMPARE(*shown, item);
        return;
    }
    if (expected == QLatin1String("open")) {
        // All of it but the spending's transaction, which stays hidden from them (no dangling id).
        QJsonObject open = item;
        open.insert(s("paid_transaction_id"), QJsonValue::Null);
        QCOMPARE(*shown, open);
        return;
    }
    QCOMPARE(shown->value(s("claimed_by")), QJsonValue(QJsonValue::Null));
    QCOMPARE(shown->value(s("status")).toString(), s("idea"));
    QCOMPARE(shown->value(s("price_paid")).toInteger(), 0);
    QCOMPARE(shown->value(s("paid_transaction_id")), QJsonValue(QJsonValue::Null));
    QCOMPARE(shown->value(s("taken")).toBool(), expected == QLatin1String("taken"));
    QCOMPARE(shown->value(s("title")).toString(), s("Weekend in Lisbon")); // their own list they see
    QCOMPARE(shown->value(s("price")).toInteger(), 45000);
}

void tst_Gifts::hiddenTransactionIsNotShownToItsMember()
{
    const QJsonObject transaction{{s("id"), s("t1")}, {s("description"), s("Gift · Christmas")}, {s("hidden_from_member_id"), s("sam")}};
    QVERIFY(!gifts::transactionVisibleTo(transaction, Viewer{s("sam"), s("adult"), {}, {}}));
    QCOMPARE(gifts::transactionVisibleTo(transaction, Viewer{s("alex"), s("adult"), {}, {}}), transaction);
    const QJsonObject plain{{s("id"), s("t2")}, {s("hidden_from_member_id"), QJsonValue::Null}};
    QCOMPARE(collectionSpec(Collection::Transactions).visibleTo(plain, Viewer{s("sam"), s("adult"), {}, {}}), plain);
    QVERIFY(!collectionSpec(Collection::Transactions).visibleTo(transaction, Viewer{s("sam"), s("adult"), {}, {}}));
    QCOMPARE(collectionSpec(Collection::GiftItems).visibilityReads,
             (QStringList{s("gift_taken_shown"), s("gift_child_lists_open")}));
}

void tst_Gifts::viewerForReadsRolesAndSettings()
{
    Viewer viewer = gifts::viewerFor(*m_data, m_sam);
    QCOMPARE(viewer.memberId, m_sam);
    QCOMPARE(viewer.role, s("adult"));
    QCOMPARE(viewer.memberRoles.value(m_mia), s("child"));
    QCOMPARE(viewer.memberRoles.size(), 3);
    QVERIFY(gifts::takenShown(viewer.household)); // the defaults
    QVERIFY(!gifts::childListsOpen(viewer.household));
    QVERIFY(m_data->household.household().giftTakenShown);
    QVERIFY(!m_data->household.household().giftChildListsOpen);
    QVERIFY(m_data->household.apply(m_data->household.giftTakenShownMutation(false)).ok);
    QVERIFY(m_data->household.apply(m_data->household.giftChildListsOpenMutation(true)).ok);
    QVERIFY(!m_data->household.household().giftTakenShown);
    QVERIFY(m_data->household.household().giftChildListsOpen);
    // As stored: read back from the store.
    HouseholdData reloaded(engine(), m_home->clock);
    reloaded.load();
    QVERIFY(!reloaded.household.household().giftTakenShown);
    QVERIFY(reloaded.household.household().giftChildListsOpen);
    // A child may not change what recipients are shown.
    engine().setActingMemberId(m_mia);
    QCOMPARE(m_data->household.apply(m_data->household.giftChildListsOpenMutation(false)).error.code, s("forbidden"));
    engine().setActingMemberId(m_alex);
    viewer = gifts::viewerFor(*m_data, m_mia);
    QCOMPARE(viewer.role, s("child"));
    QVERIFY(!gifts::takenShown(viewer.household));
    QVERIFY(gifts::childListsOpen(viewer.household));
}

void tst_Gifts::eventNames()
{
    // The family-chores clients' names for gift items; the default for people and occasions.
    Change change;
    change.collection = Collection::GiftItems;
    const CollectionSpec &items = collectionSpec(Collection::GiftItems);
    for (const auto &[action, name] : {std::pair{ChangeAction::Created, "gift:created"}, std::pair{ChangeAction::Updated, "gift:updated"},
                                       std::pair{ChangeAction::Deleted, "gift:deleted"}}) {
        change.action = action;
        QCOMPARE(items.eventNameFor(change), s(name));
        QVERIFY(items.eventNames.contains(s(name)));
    }
    change.collection = Collection::GiftPeople;
    QCOMPARE(collectionSpec(Collection::GiftPeople).eventNameFor(change), s("gift_people_updated"));
    change.collection = Collection::Occasions;
    QCOMPARE(collectionSpec(Collection::Occasions).eventNameFor(change), s("occasions_updated"));
}

// ---- rules ----------------------------------------------------------------------------------

void tst_Gifts::newItemsAreDecidedByTheHost()
{
    // A client claiming to be someone else, or an item already claimed and paid, is not believed.
    const QString wish = add(m_sam, {{s("for_member_id"), m_sam},
                                     {s("kind"), s("idea")},
                                     {s("added_by"), m_alex},
                                     {s("status"), s("bought")},
                                     {s("claimed_by"), m_alex},
                                     {s("taken"), true},
                                     {s("price_paid"), 500}});
    QVERIFY(!wish.isEmpty());
    const QJsonObject w = stored(wish);
    QCOMPARE(w.value(s("kind")).toString(), s("wish"));
    QCOMPARE(w.value(s("added_by")).toString(), m_sam);
    QCOMPARE(w.value(s("status")).toString(), s("idea"));
    QCOMPARE(w.value(s("claimed_by")), QJsonValue(QJsonValue::Null));
    QCOMPARE(w.value(s("taken")).toBool(), false);
    QCOMPARE(w.value(s("price_paid")).toInteger(), 0);
    QCOMPARE(w.value(s("priority")).toInteger(), 2);

    const QString idea = add(m_alex, {{s("for_member_id"), m_sam}, {s("kind"), s("wish")}});
    QCOMPARE(stored(idea).value(s("kind")).toString(), s("idea"));
    QCOMPARE(stored(idea).value(s("added_by")).toString(), m_alex);

    // The model's builders say the same.
    GiftItem item;
    item.title = s("Hiking boots");
    item.forMemberId = m_alex;
    const MutationResult viaModel = items().apply(items().addWishMutation(item));
    QVERIFY2(viaModel.ok, qPrintable(viaModel.error.message));
    QCOMPARE(items().find(viaModel.entityId)->kind, s("wish"));
    QCOMPARE(items().find(viaModel.entityId)->addedBy, m_alex);
}

void tst_Gifts::anItemNeedsOneRecipient()
{
    MutationResult r = as(m_alex, {{}, Collection::GiftItems, MutationOp::Create, {}, -1, {{s("title"), s("Lego")}}});
    QVERIFY(!r.ok);
    QCOMPARE(r.error.field, s("for_member_id"));
    const QString rose = as(m_alex, {{}, Collection::GiftPeople, MutationOp::Create, {}, -1, {{s("name"), s("Grandma Rose")}}}).entityId;
    QVERIFY(!rose.isEmpty());
    r = as(m_alex, {{}, Collection::GiftItems, MutationOp::Create, {}, -1,
                    {{s("title"), s("Seeds")}, {s("for_member_id"), m_sam}, {s("for_person_id"), rose}}});
    QVERIFY(!r.ok);
    QCOMPARE(r.error.code, s("invalid"));
    QVERIFY(!add(m_alex, {{s("for_person_id"), rose}}).isEmpty());
    // A gift person standing for a member is not a way round the member's secrecy.
    const QString samAsPerson =
        as(m_alex, {{}, Collection::GiftPeople, MutationOp::Create, {}, -1, {{s("name"), s("Sam")}, {s("member_id"), m_sam}}}).entityId;
    r = as(m_alex, {{}, Collection::GiftItems, MutationOp::Create, {}, -1,
                    {{s("title"), s("Watch")}, {s("for_person_id"), samAsPerson}, {s("surprise"), true}}});
    QVERIFY(!r.ok);
    QCOMPARE(r.error.field, s("for_person_id"));
}

void tst_Gifts::noSurpriseForYourself()
{
    const MutationResult r = as(m_sam, {{}, Collection::GiftItems, MutationOp::Create, {}, -1,
                                        {{s("title"), s("Lego")}, {s("for_member_id"), m_sam}, {s("surprise"), true}}});
    QVERIFY(!r.ok);
    QCOMPARE(r.error.code, s("forbidden"));
    QCOMPARE(countRows(m_home->store(), s("gift_items")), 0);
    // For someone else it is an idea and may be a surprise.
    const QString surprise = add(m_mia, {{s("for_member_id"), m_sam}, {s("surprise"), true}});
    QVERIFY(stored(surprise).value(s("surprise")).toBool());
}

void tst_Gifts::recipientAndSurpriseNeverChange()
{
    const QString idea = add(m_alex, {{s("for_member_id"), m_sam}});
    const QString rose = as(m_alex, {{}, Collection::GiftPeople, MutationOp::Create, {}, -1, {{s("name"), s("Rose")}}}).entityId;
    for (const auto &[key, value] : std::initializer_list<std::pair<QString, QJsonValue>>{
             {s("for_member_id"), m_mia}, {s("surprise"), true}, {s("for_person_id"), rose}}) {
        const MutationResult r = update(m_alex, idea, {{key, value}});
        QVERIFY2(!r.ok, qPrintable(key));
        QVERIFY2(r.error.message.contains(s("make a new idea")), qPrintable(r.error.message));
    }
    QCOMPARE(stored(idea).value(s("for_member_id")).toString(), m_sam);
    QCOMPARE(stored(idea).value(s("surprise")).toBool(), false);
}

void tst_Gifts::claimSetsAndUnclaimClearsTheClaimer()
{
    const QString wish = add(m_sam, {{s("for_member_id"), m_sam}});
    // claimed_by is the acting member whatever the client says.
    MutationResult r = update(m_mia, wish, {{s("status"), s("claimed")}, {s("claimed_by"), m_alex}});
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(stored(wish).value(s("claimed_by")).toString(), m_mia);
    QVERIFY(stored(wish).value(s("taken")).toBool());
    // Nor can a later edit hand the claim to someone else.
    QVERIFY(update(m_alex, wish, {{s("claimed_by"), m_alex}, {s("taken"), false}, {s("note"), s("red")}}).ok);
    QCOMPARE(stored(wish).value(s("claimed_by")).toString(), m_mia);
    QVERIFY(stored(wish).value(s("taken")).toBool());
    r = items().apply(items().unclaimMutation(wish)); // Alex, an adult
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(stored(wish).value(s("claimed_by")), QJsonValue(QJsonValue::Null));
    QCOMPARE(stored(wish).value(s("taken")).toBool(), false);
    // Dragged straight from idea to bought: claimed by whoever did it.
    QVERIFY(items().apply(items().moveMutation(wish, s("bought"), 2.5)).ok);
    QCOMPARE(stored(wish).value(s("claimed_by")).toString(), m_alex);
    QCOMPARE(stored(wish).value(s("position")).toDouble(), 2.5);
    QVERIFY(!update(m_alex, wish, {{s("status"), s("lost")}}).ok);
}

void tst_Gifts::recipientCannotClaimOrMoveButMayEdit()
{
    const QString wish = add(m_sam, {{s("for_member_id"), m_sam}, {s("price"), 1000}});
    for (const QJsonObject &move : {QJsonObject{{s("status"), s("claimed")}}, QJsonObject{{s("price_paid"), 900}},
                                    QJsonObject{{s("position"), 3}}}) {
        const MutationResult r = update(m_sam, wish, move);
        QVERIFY(!r.ok);
        QCOMPARE(r.error.code, s("forbidden"));
    }
    QVERIFY(update(m_alex, wish, {{s("status"), s("claimed")}}).ok);
    // Their own wish stays theirs to describe, claimed or not, without learning more.
    const MutationResult edited = update(m_sam, wish, {{s("title"), s("Lego, the big one")}, {s("price"), 1200}});
    QVERIFY2(edited.ok, qPrintable(edited.error.message));
    QCOMPARE(stored(wish).value(s("claimed_by")).toString(), m_alex);
    const MutationResult bought = update(m_sam, wish, {{s("status"), s("bought")}, {s("price_paid"), 900}});
    QVERIFY(!bought.ok);
    // Sending the values as they are is refused just the same: no guessing the status or the
    // price paid from which answer comes back.
    QCOMPARE(update(m_sam, wish, {{s("status"), s("claimed")}}).error.code, s("forbidden"));
    QCOMPARE(update(m_sam, wish, {{s("price_paid"), 0}}).error.code, s("forbidden"));
    QCOMPARE(update(m_sam, wish, {{s("status"), s("idea")}}).error.code, s("forbidden"));
}

void tst_Gifts::hiddenSurpriseIsNotFoundForItsRecipient()
{
    const QString surprise = add(m_alex, {{s("for_member_id"), m_sam}, {s("surprise"), true}});
    for (const Mutation &m : {Mutation{{}, Collection::GiftItems, MutationOp::Update, surprise, -1, {{s("note"), s("?")}}},
                              Mutation{{}, Collection::GiftItems, MutationOp::Delete, surprise, -1, {}}}) {
        const MutationResult r = as(m_sam, m);
        QVERIFY(!r.ok);
        // The same answer as for an id that names nothing.
        const MutationResult none = as(m_sam, Mutation{{}, Collection::GiftItems, m.op, s("no-such-id"), -1, m.fields});
        QCOMPARE(r.error.code, none.error.code);
        QCOMPARE(r.error.message, none.error.message);
    }
    QVERIFY(engine().entity(Collection::GiftItems, surprise));
    // With children's lists open, an adult sees (and may tidy) what a child planned for them.
    const QString fromMia = add(m_mia, {{s("for_member_id"), m_sam}, {s("surprise"), true}});
    QCOMPARE(update(m_sam, fromMia, {{s("note"), s("?")}}).error.code, s("not_found"));
    setHousehold({{s("gift_child_lists_open"), true}});
    QVERIFY(update(m_sam, fromMia, {{s("note"), s("Mia's plan")}}).ok);
    QCOMPARE(update(m_sam, fromMia, {{s("status"), s("claimed")}}).error.code, s("forbidden"));
}

void tst_Gifts::onlyTheClaimerOrAnAdultMovesAClaim()
{
    const QString forAlex = add(m_sam, {{s("for_member_id"), m_alex}});
    const QString miasClaim = add(m_sam, {{s("for_member_id"), m_alex}, {s("title"), s("Mug")}});
    QVERIFY(update(m_sam, forAlex, {{s("status"), s("claimed")}}).ok);
    QVERIFY(update(m_mia, miasClaim, {{s("status"), s("claimed")}}).ok);
    // A child moves only their own claim.
    const MutationResult refused = update(m_mia, forAlex, {{s("status"), s("bought")}});
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error.code, s("forbidden"));
    QCOMPARE(update(m_mia, forAlex, {{s("status"), s("idea")}}).error.code, s("forbidden"));
    QVERIFY(update(m_mia, miasClaim, {{s("status"), s("bought")}}).ok);
    QVERIFY(update(m_mia, miasClaim, {{s("status"), s("wrapped")}}).ok);
    // An adult may move anyone's claim on; the claim stays the claimer's.
    QVERIFY(update(m_sam, miasClaim, {{s("status"), s("given")}}).ok);
    QCOMPARE(stored(miasClaim).value(s("claimed_by")).toString(), m_mia);
}

void tst_Gifts::childRights()
{
    // Wishes for herself, ideas (and surprises) for others.
    const QString wish = add(m_mia, {{s("for_member_id"), m_mia}, {s("title"), s("Pony")}});
    QCOMPARE(stored(wish).value(s("kind")).toString(), s("wish"));
    const QString idea = add(m_mia, {{s("for_member_id"), m_sam}, {s("surprise"), true}});
    QVERIFY(!idea.isEmpty());
    QVERIFY(update(m_mia, idea, {{s("title"), s("Drawing of the cat")}}).ok);
    QVERIFY(as(m_mia, {{}, Collection::GiftItems, MutationOp::Delete, idea, -1, {}}).ok);
    // What others added she claims, but does not edit or remove.
    const QString samsIdea = add(m_sam, {{s("for_member_id"), m_alex}, {s("title"), s("Book")}});
    MutationResult r = update(m_mia, samsIdea, {{s("title"), s("Comic")}});
    QCOMPARE(r.error.code, s("forbidden"));
    r = as(m_mia, {{}, Collection::GiftItems, MutationOp::Delete, samsIdea, -1, {}});
    QCOMPARE(r.error.code, s("forbidden"));
    QVERIFY(update(m_mia, samsIdea, {{s("status"), s("claimed")}}).ok);
    // Nor claims what is meant for her.
    const QString forMia = add(m_alex, {{s("for_member_id"), m_mia}});
    QCOMPARE(update(m_mia, forMia, {{s("status"), s("claimed")}}).error.code, s("forbidden"));
}

void tst_Gifts::childMayNotAddPeopleOrOccasions()
{
    MutationResult r = as(m_mia, {{}, Collection::GiftPeople, MutationOp::Create, {}, -1, {{s("name"), s("Grandma")}}});
    QCOMPARE(r.error.code, s("forbidden"));
    r = as(m_mia, {{}, Collection::Occasions, MutationOp::Create, {}, -1, {{s("name"), s("My party")}, {s("date"), s("2026-06-01")}}});
    QCOMPARE(r.error.code, s("forbidden"));
    r = as(m_sam, {{}, Collection::Occasions, MutationOp::Create, {}, -1, {{s("name"), s("Party")}, {s("date"), s("2026-06-01")}}});
    QVERIFY2(r.ok, qPrintable(r.error.message));
}

void tst_Gifts::occasionAndPersonRules()
{
    const auto occasion = [this](QJsonObject fields) {
        fields.insert(s("name"), s("Christmas"));
        if (!fields.contains(s("date")))
            fields.insert(s("date"), s("2026-12-25"));
        return as(m_alex, {{}, Collection::Occasions, MutationOp::Create, {}, -1, fields});
    };
    QCOMPARE(occasion({{s("kind"), s("party")}}).error.field, s("kind"));
    QCOMPARE(occasion({{s("repeats"), s("monthly")}}).error.field, s("repeats"));
    QCOMPARE(occasion({{s("budget_cents"), -1}}).error.field, s("budget_cents"));
    QCOMPARE(occasion({{s("date"), QJsonValue::Null}}).error.field, s("date"));
    QVERIFY(occasion({{s("kind"), s("holiday")}, {s("budget_cents"), 20000}}).ok);
    // A gift person's link to a member is fixed once made.
    const QString rose = as(m_alex, {{}, Collection::GiftPeople, MutationOp::Create, {}, -1, {{s("name"), s("Rose")}}}).entityId;
    const MutationResult r = as(m_alex, {{}, Collection::GiftPeople, MutationOp::Update, rose, -1, {{s("member_id"), m_sam}}});
    QCOMPARE(r.error.field, s("member_id"));
    QVERIFY(as(m_alex, {{}, Collection::GiftPeople, MutationOp::Update, rose, -1, {{s("sizes"), s("M")}}}).ok);
}

// ---- spending -------------------------------------------------------------------------------

void tst_Gifts::spendingBecomesOneHiddenGiftsTransaction()
{
    const QString christmas = as(m_alex, {{}, Collection::Occasions, MutationOp::Create, {}, -1,
                                          {{s("name"), s("Christmas")}, {s("date"), s("2026-12-25")}}}).entityId;
    const QString wish = add(m_sam, {{s("for_member_id"), m_sam}, {s("title"), s("Secret Lego")}, {s("occasion_id"), christmas}});
    QVERIFY(update(m_mia, wish, {{s("status"), s("claimed")}}).ok);
    QSignalSpy changes(&engine(), &HouseholdEngine::changed);
    const MutationResult r = as(m_mia, items().moveMutation(wish, s("bought"), {}, 2599, true));
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(countRows(m_home->store(), s("transactions")), 1);
    const QString transactionId = stored(wish).value(s("paid_transaction_id")).toString();
    QVERIFY(!transactionId.isEmpty());
    const QJsonObject t = engine().entity(Collection::Transactions, transactionId).value_or(QJsonObject());
    QCOMPARE(t.value(s("category")).toString(), s("Gifts"));
    QCOMPARE(t.value(s("description")).toString(), s("Gift · Christmas"));
    QVERIFY(!t.value(s("description")).toString().contains(s("Lego")));
    QCOMPARE(t.value(s("amount_cents")).toInteger(), 2599); // money spent is positive in the budget
    QCOMPARE(t.value(s("hidden_from_member_id")).toString(), m_sam);
    QCOMPARE(t.value(s("member_id")).toString(), m_mia);
    QCOMPARE(stored(wish).value(s("price_paid")).toInteger(), 2599);
    // The move, the transaction, the link: one unit, in that order.
    QCOMPARE(changes.size(), 3);
    QCOMPARE(changes.at(1).at(0).value<Change>().collection, Collection::Transactions);
    // Sam is not shown it, and his budget model on a joined device would never hold it.
    QVERIFY(!collectionSpec(Collection::Transactions).visibleTo(t, gifts::viewerFor(*m_data, m_sam)));
    QVERIFY(collectionSpec(Collection::Transactions).visibleTo(t, gifts::viewerFor(*m_data, m_alex)));
    // Where Sam is the member at a device that holds it (the host's own screen, a shared tablet),
    // his budget leaves it out of the month's list and totals; anyone else's counts it.
    auto &budget = m_data->model<BudgetModel>(Collection::Transactions);
    QAbstractItemModelTester tester(&budget, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QDate on = QDate::fromString(t.value(s("occurred_on")).toString(), Qt::ISODate);
    const auto row = [&] {
        for (int i = 0; i < budget.rowCount(); ++i)
            if (budget.index(i, 0).data(BudgetModel::IdRole).toString() == transactionId)
                return budget.index(i, 0);
        return QModelIndex();
    };
    engine().setActingMemberId(m_alex);
    QCOMPARE(budget.summary(on.year(), on.month(), 100000).spentCents, 2599);
    QSignalSpy moved(&budget, &QAbstractItemModel::dataChanged);
    engine().setActingMemberId(m_sam);
    QCOMPARE(moved.size(), 1); // the month filter looks again
    QCOMPARE(budget.summary(on.year(), on.month(), 100000).spentCents, 0);
    QCOMPARE(row().data(BudgetModel::MonthKeyRole).toInt(), 0);
    engine().setActingMemberId(m_alex);
    QCOMPARE(row().data(BudgetModel::MonthKeyRole).toInt(), on.year() * 100 + on.month());

    // Without an occasion the payee is just "Gift".
    const QString forMia = add(m_alex, {{s("for_member_id"), m_mia}});
    QVERIFY(update(m_alex, forMia, {{s("status"), s("claimed")}}).ok);
    QVERIFY(as(m_alex, items().moveMutation(forMia, s("bought"), {}, 1000, true)).ok);
    const QJsonObject plain =
        engine().entity(Collection::Transactions, stored(forMia).value(s("paid_transaction_id")).toString()).value_or(QJsonObject());
    QCOMPARE(plain.value(s("description")).toString(), s("Gift"));
}

void tst_Gifts::spendingIsRefusedWithoutAPurchase()
{
    const QString wish = add(m_sam, {{s("for_member_id"), m_sam}});
    QVERIFY(update(m_alex, wish, {{s("status"), s("claimed")}}).ok);
    // Not bought, or bought without a price: nothing is written.
    QCOMPARE(as(m_alex, items().moveMutation(wish, s("claimed"), {}, 500, true)).error.field, s("status"));
    QCOMPARE(as(m_alex, items().moveMutation(wish, s("bought"), {}, {}, true)).error.field, s("price_paid"));
    QCOMPARE(stored(wish).value(s("status")).toString(), s("claimed"));
    QVERIFY(as(m_alex, items().moveMutation(wish, s("bought"), {}, 500, true)).ok);
    // Once is enough.
    QVERIFY(!as(m_alex, items().moveMutation(wish, s("bought"), {}, 600, true)).ok);
    QCOMPARE(countRows(m_home->store(), s("transactions")), 1);
    // Moving on without recording spending writes nothing more.
    QVERIFY(as(m_alex, items().moveMutation(wish, s("wrapped"))).ok);
    QCOMPARE(countRows(m_home->store(), s("transactions")), 1);
}

void tst_Gifts::hiddenTransactionStaysHidden()
{
    const QString wish = add(m_sam, {{s("for_member_id"), m_sam}});
    QVERIFY(update(m_alex, wish, {{s("status"), s("claimed")}}).ok);
    QVERIFY(as(m_alex, items().moveMutation(wish, s("bought"), {}, 500, true)).ok);
    const QString id = stored(wish).value(s("paid_transaction_id")).toString();
    // To Sam it does not exist; an adult's edit keeps it hidden.
    const Mutation edit{{}, Collection::Transactions, MutationOp::Update, id, -1,
                        {{s("category"), s("Fun")}, {s("hidden_from_member_id"), QJsonValue::Null}}};
    QCOMPARE(as(m_sam, edit).error.code, s("not_found"));
    QCOMPARE(as(m_sam, Mutation{{}, Collection::Transactions, MutationOp::Delete, id, -1, {}}).error.code, s("not_found"));
    QVERIFY(as(m_alex, edit).ok);
    QCOMPARE(engine().entity(Collection::Transactions, id)->value(s("hidden_from_member_id")).toString(), m_sam);
    // Nobody hides a transaction by hand.
    const MutationResult typed = as(m_alex, {{}, Collection::Transactions, MutationOp::Create, {}, -1,
                                             {{s("occurred_on"), s("2026-03-01")}, {s("description"), s("Flowers")},
                                              {s("amount_cents"), -900}, {s("hidden_from_member_id"), m_sam}}});
    QVERIFY(typed.ok);
    QCOMPARE(engine().entity(Collection::Transactions, typed.entityId)->value(s("hidden_from_member_id")), QJsonValue(QJsonValue::Null));
}

// ---- describer ------------------------------------------------------------------------------

void tst_Gifts::describerNeverSpoils()
{
    const CollectionSpec &spec = collectionSpec(Collection::GiftItems);
    const QString wish = add(m_sam, {{s("for_member_id"), m_sam}});
    const QJsonObject before = stored(wish);
    QSignalSpy changes(&engine(), &HouseholdEngine::changed);
    QVERIFY(update(m_alex, wish, {{s("status"), s("claimed")}}).ok);
    const Change claim = changes.at(0).at(0).value<Change>();

    // A third party (this device is Mia's) is told who claimed what for whom.
    engine().setActingMemberId(m_mia);
    QCOMPARE(spec.describe(claim, before, *m_data), s("Alex claimed Lego for Sam"));
    // The recipient, only that something was taken — the same from the host's whole entity and
    // from the filtered one a joined device receives.
    engine().setActingMemberId(m_sam);
    QCOMPARE(spec.describe(claim, before, *m_data), s("Someone claimed an item on your list"));
    Change filtered = claim;
    filtered.entity = *gifts::visibleTo(claim.entity, gifts::viewerFor(*m_data, m_sam));
    QCOMPARE(spec.describe(filtered, *gifts::visibleTo(before, gifts::viewerFor(*m_data, m_sam)), *m_data),
             s("Someone claimed an item on your list"));
    // Moving on tells the recipient nothing.
    changes.clear();
    QVERIFY(update(m_alex, wish, {{s("status"), s("bought")}}).ok);
    QCOMPARE(spec.describe(changes.at(0).at(0).value<Change>(), claim.entity, *m_data), QString());
    // Nor a claim when the household does not show what is taken.
    setHousehold({{s("gift_taken_shown"), false}});
    QCOMPARE(spec.describe(claim, before, *m_data), QString());

    // A surprise: never a word to its recipient, and its transaction neither.
    changes.clear();
    const QString surprise = add(m_alex, {{s("for_member_id"), m_sam}, {s("surprise"), true}, {s("title"), s("Lisbon")}});
    QVERIFY(update(m_alex, surprise, {{s("status"), s("claimed")}}).ok);
    QVERIFY(as(m_alex, items().moveMutation(surprise, s("bought"), {}, 40000, true)).ok);
    for (const QList<QVariant> &signal : changes) {
        const Change change = signal.at(0).value<Change>();
        QCOMPARE(collectionSpec(change.collection).describe(change, {}, *m_data), QString());
    }
    engine().setActingMemberId(m_mia);
    QCOMPARE(spec.describe(changes.at(0).at(0).value<Change>(), {}, *m_data), s("Alex added the gift idea Lisbon for Sam"));
    QCOMPARE(changes.size(), 5); // created, claimed, bought, its transaction, the link
    const Change transaction = changes.at(3).at(0).value<Change>();
    QCOMPARE(transaction.collection, Collection::Transactions);
    QVERIFY(collectionSpec(Collection::Transactions).describe(transaction, {}, *m_data).contains(s("Gift")));
}

// ---- models ---------------------------------------------------------------------------------

void tst_Gifts::modelsUnderTesterWithTheDemo()
{
    TempHousehold demo(true);
    QVERIFY2(demo.isValid(), qPrintable(demo.error()));
    HouseholdData data(demo.engine(), demo.clock);
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (Collection c : {Collection::GiftPeople, Collection::Occasions, Collection::GiftItems})
        testers.push_back(std::make_unique<QAbstractItemModelTester>(data.modelFor(c), QAbstractItemModelTester::FailureReportingMode::QtTest));
    data.load();
    auto &people = data.model<GiftPeopleModel>(Collection::GiftPeople);
    auto &occasionsModel = data.model<OccasionsModel>(Collection::Occasions);
    auto &giftItems = data.model<GiftItemsModel>(Collection::GiftItems);
    QCOMPARE(people.rowCount(), 2);
    QCOMPARE(occasionsModel.rowCount(), 3);
    QVERIFY(giftItems.rowCount() >= 8);
    for (const CollectionModel *model : {static_cast<const CollectionModel *>(&people), static_cast<const CollectionModel *>(&occasionsModel),
                                         static_cast<const CollectionModel *>(&giftItems)}) {
        const QHash<int, QByteArray> roles = model->roleNames();
        QVERIFY(roles.value(Qt::UserRole + 1) == "id");
    }
    QCOMPARE(giftItems.roleNames().value(GiftItemsModel::ClaimedByRole), QByteArray("claimedBy"));
    QCOMPARE(occasionsModel.roleNames().value(OccasionsModel::DaysUntilRole), QByteArray("daysUntil"));

    QString sam, mia;
    for (const Member &m : data.members.records()) {
        if (m.name == QLatin1String("Sam"))
            sam = m.id;
        if (m.name == QLatin1String("Mia"))
            mia = m.id;
    }
    // A surprise for Sam that Alex claimed, which Sam's view never holds.
    const auto lisbon = std::find_if(giftItems.records().cbegin(), giftItems.records().cend(),
                                     [](const GiftItem &g) { return g.title == QLatin1String("Weekend in Lisbon"); });
    QVERIFY(lisbon != giftItems.records().cend());
    QVERIFY(lisbon->surprise);
    QCOMPARE(lisbon->status, s("claimed"));
    QCOMPARE(lisbon->forMemberId, sam);
    const QList<GiftItem> samSees = giftItems.visibleTo(gifts::viewerFor(data, sam));
    QVERIFY(std::none_of(samSees.cbegin(), samSees.cend(), [&](const GiftItem &g) { return g.surprise && g.forMemberId == sam; }));
    QVERIFY(std::any_of(samSees.cbegin(), samSees.cend(), [](const GiftItem &g) { return g.surprise; })); // Mia's, for Alex
    QVERIFY(samSees.size() < giftItems.rowCount());
    // Mia's Lego, bought by Sam: taken on her list, nothing more; its price is in the budget.
    const auto lego = std::find_if(giftItems.records().cbegin(), giftItems.records().cend(),
                                   [](const GiftItem &g) { return g.title.startsWith(QLatin1String("Lego")); });
    QVERIFY(lego != giftItems.records().cend());
    QCOMPARE(lego->status, s("bought"));
    QVERIFY(!lego->paidTransactionId.isEmpty());
    const QList<GiftItem> miaSees = giftItems.visibleTo(gifts::viewerFor(data, mia));
    const auto legoForMia = std::find_if(miaSees.cbegin(), miaSees.cend(), [&](const GiftItem &g) { return g.id == lego->id; });
    QVERIFY(legoForMia != miaSees.cend());
    QVERIFY(legoForMia->taken);
    QCOMPARE(legoForMia->status, s("idea"));
    QVERIFY(legoForMia->claimedBy.isEmpty());
    QCOMPARE(legoForMia->pricePaid, 0);
    QVERIFY(data.budget.rowCount() > 0);

    // One claim: one dataChanged on the item, the occasion's covered amount follows; no reset.
    const auto helmet = std::find_if(giftItems.records().cbegin(), giftItems.records().cend(),
                                     [](const GiftItem &g) { return g.title == QLatin1String("Bike helmet"); });
    QVERIFY(helmet != giftItems.records().cend());
    const qint64 coveredBefore = occasionsModel.coveredCents(helmet->occasionId);
    const ModelSignals itemSignals(&giftItems);
    const ModelSignals occasionSignals(&occasionsModel);
    const MutationResult claimed = giftItems.apply(giftItems.claimMutation(helmet->id));
    QVERIFY2(claimed.ok, qPrintable(claimed.error.message));
    QCOMPARE(itemSignals.counts(), ModelSignals::expected(0, 0, 1));
    QCOMPARE(occasionSignals.counts(), ModelSignals::expected(0, 0, 1));
    QCOMPARE(occasionsModel.coveredCents(helmet->occasionId), coveredBefore + 3500);
}

void tst_Gifts::itemsModelShowsTheMemberAtTheDevice()
{
    QAbstractItemModelTester tester(&items(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString wish = add(m_sam, {{s("for_member_id"), m_sam}, {s("title"), s("Boots")}});
    const QString surprise = add(m_alex, {{s("for_member_id"), m_sam}, {s("surprise"), true}, {s("title"), s("Lisbon")}});
    QVERIFY(update(m_alex, wish, {{s("status"), s("bought")}, {s("price_paid"), 900}}).ok);
    const QModelIndex wishRow = items().index(items().rowOf(wish), GiftItemsModel::Title);
    const QModelIndex surpriseRow = items().index(items().rowOf(surprise), GiftItemsModel::Title);
    // Alex at the device: everything.
    QCOMPARE(surpriseRow.data().toString(), s("Lisbon"));
    QCOMPARE(surpriseRow.data(GiftItemsModel::HiddenRole).toBool(), false);
    QCOMPARE(wishRow.data(GiftItemsModel::ClaimedByRole).toString(), m_alex);
    // Sam picks himself on this (hosting) device: one dataChanged, and nothing spoils.
    const ModelSignals signalsOfSam(&items());
    engine().setActingMemberId(m_sam);
    QCOMPARE(signalsOfSam.counts(), ModelSignals::expected(0, 0, 1));
    QCOMPARE(surpriseRow.data(GiftItemsModel::HiddenRole).toBool(), true);
    QVERIFY(!surpriseRow.data().isValid());
    QVERIFY(!surpriseRow.data(GiftItemsModel::TitleRole).isValid());
    QCOMPARE(surpriseRow.data(GiftItemsModel::IdRole).toString(), surprise); // to filter by
    QCOMPARE(wishRow.data().toString(), s("Boots"));
    QVERIFY(wishRow.data(GiftItemsModel::ClaimedByRole).toString().isEmpty());
    QCOMPARE(wishRow.data(GiftItemsModel::StatusRole).toString(), s("idea"));
    QCOMPARE(wishRow.data(GiftItemsModel::PricePaidRole).toLongLong(), 0);
    QCOMPARE(wishRow.data(GiftItemsModel::TakenRole).toBool(), true);
    // The household setting follows at once.
    QVERIFY(m_data->household.apply(m_data->household.giftTakenShownMutation(false)).ok);
    QCOMPARE(wishRow.data(GiftItemsModel::TakenRole).toBool(), false);
    engine().setActingMemberId(m_alex);
    QCOMPARE(wishRow.data(GiftItemsModel::StatusRole).toString(), s("bought"));
}

void tst_Gifts::occasionNextDateAndCountdown()
{
    // Today is 2026-03-15 (the test clock).
    Occasion yearly;
    yearly.date = QDate(2019, 1, 10);
    QCOMPARE(yearly.nextDate(QDate(2026, 3, 15)), QDate(2027, 1, 10));
    yearly.date = QDate(2019, 3, 15);
    QCOMPARE(yearly.nextDate(QDate(2026, 3, 15)), QDate(2026, 3, 15)); // today counts
    yearly.date = QDate(2020, 2, 29);
    QCOMPARE(yearly.nextDate(QDate(2026, 3, 15)), QDate(2027, 2, 28));
    QCOMPARE(yearly.nextDate(QDate(2027, 3, 1)), QDate(2028, 2, 29));
    yearly.date = QDate(2026, 12, 25);
    QCOMPARE(yearly.nextDate(QDate(2026, 3, 15)), QDate(2026, 12, 25)); // a future first date

    const MutationResult once = as(m_alex, occasions().addMutation(Occasion{{}, s("Wedding"), s("custom"), QDate(2026, 3, 5), s("once"), 0, {}, {}, 0}));
    QVERIFY2(once.ok, qPrintable(once.error.message));
    const MutationResult birthday =
        as(m_alex, occasions().addMutation(Occasion{{}, s("Mia's birthday"), s("birthday"), QDate(2018, 3, 20), s("yearly"), 0, m_mia, {}, 0}));
    QVERIFY(birthday.ok);
    const QModelIndex wedding = occasions().index(occasions().rowOf(once.entityId), 0);
    QCOMPARE(wedding.data(OccasionsModel::NextDateRole).toDate(), QDate(2026, 3, 5));
    QCOMPARE(wedding.data(OccasionsModel::DaysUntilRole).toInt(), -10);
    const QModelIndex mias = occasions().index(occasions().rowOf(birthday.entityId), 0);
    QCOMPARE(mias.data(OccasionsModel::NextDateRole).toDate(), QDate(2026, 3, 20));
    QCOMPARE(mias.data(OccasionsModel::DaysUntilRole).toInt(), 5);
    // Only what is still to come, soonest first.
    const QList<Occasion> coming = occasions().coming();
    QCOMPARE(coming.size(), 1);
    QCOMPARE(coming.first().id, birthday.entityId);
}

void tst_Gifts::occasionCoveredAndLeft()
{
    const MutationResult christmas =
        as(m_alex, occasions().addMutation(Occasion{{}, s("Christmas"), s("holiday"), QDate(2026, 12, 25), s("yearly"), 30000, {}, {}, 0}));
    QVERIFY(christmas.ok);
    const QString id = christmas.entityId;
    const QString boots = add(m_sam, {{s("for_member_id"), m_sam}, {s("price"), 12900}, {s("occasion_id"), id}});
    const QString book = add(m_sam, {{s("for_member_id"), m_mia}, {s("price"), 2000}, {s("occasion_id"), id}});
    add(m_sam, {{s("for_member_id"), m_mia}, {s("price"), 5000}, {s("occasion_id"), id}}); // an unclaimed idea
    QCOMPARE(occasions().coveredCents(id), 0);
    QVERIFY(update(m_alex, boots, {{s("status"), s("claimed")}}).ok);
    QCOMPARE(occasions().coveredCents(id), 12900); // claimed: its listed price
    QVERIFY(update(m_alex, boots, {{s("status"), s("bought")}, {s("price_paid"), 11000}}).ok);
    QCOMPARE(occasions().coveredCents(id), 11000); // bought: what was paid
    QVERIFY(update(m_sam, book, {{s("status"), s("claimed")}}).ok);
    const QModelIndex row = occasions().index(occasions().rowOf(id), 0);
    QCOMPARE(row.data(OccasionsModel::CoveredRole).toLongLong(), 13000);
    QCOMPARE(row.data(OccasionsModel::LeftRole).toLongLong(), 17000);
    QCOMPARE(row.data(OccasionsModel::BudgetRole).toLongLong(), 30000);
    // Sam at this device: his boots' claim and price paid are not his to know.
    const ModelSignals signalsOfSam(&occasions());
    engine().setActingMemberId(m_sam);
    QCOMPARE(occasions().coveredCents(id), 2000);
    QCOMPARE(signalsOfSam.counts(), ModelSignals::expected(0, 0, 1));
    engine().setActingMemberId(m_alex);
    QCOMPARE(occasions().coveredCents(id), 13000);
    // Nor is a claim on Alex's own list his to count.
    const QString mug = add(m_sam, {{s("for_member_id"), m_alex}, {s("price"), 900}, {s("occasion_id"), id}});
    QVERIFY(update(m_sam, mug, {{s("status"), s("claimed")}}).ok);
    QCOMPARE(occasions().coveredCents(id), 13000);
    engine().setActingMemberId(m_mia);
    QCOMPARE(occasions().coveredCents(id), 11000 + 900); // the boots as paid and the mug, not her book
    engine().setActingMemberId(m_alex);
    // Deleting the occasion leaves the items, without it.
    QVERIFY(as(m_alex, occasions().removeMutation(id)).ok);
    QCOMPARE(stored(boots).value(s("occasion_id")), QJsonValue(QJsonValue::Null));
}

QTEST_GUILESS_MAIN(tst_Gifts)
#include "tst_gifts.moc"
