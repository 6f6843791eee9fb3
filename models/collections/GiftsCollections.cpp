// Gifts: the people gifts are for, the occasions they are for, and one collection of wish-list
// items and gift ideas that moves along a gift board (idea → claimed → bought → wrapped →
// given). What a recipient may learn of their own gifts is decided by the host per member
// (gifts::visibleTo). docs/protocol.md ("Gifts") is the contract.

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "Definition.h"
#include "DemoData.h"
#include "Permissions.h"
#include "Records.h"
#include "gifts/GiftRecords.h"
#include "gifts/GiftVisibility.h"
#include "gifts/GiftsModels.h"

#include <QUuid>

namespace hearth {

using namespace definition;

namespace {

const char *const kNotAMember = "That person is not a member of this household.";
const char *const kNoSuchPerson = "That person is not on the gift list any more.";

// Whom an item or occasion is for, as the household calls them.
QString recipientOf(const QJsonObject &entity, const HouseholdData &data)
{
    const QString member = textField(entity, "for_member_id");
    if (!member.isEmpty())
        return data.members.nameOf(member);
    const auto person = data.model<GiftPeopleModel>(Collection::GiftPeople).find(textField(entity, "for_person_id"));
    return person ? person->name : say("someone");
}

} // namespace

// ---- people ---------------------------------------------------------------------------------

const CollectionSpec &giftPeopleCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::GiftPeople,
        .name = QStringLiteral("gift_people"),
        .table = QStringLiteral("gift_people"),
        .fields = {text("name").require("Give the person a name."),
                   reference("member_id", {Collection::Members, OnDelete::SetNull, kNotAMember}),
                   text("sizes"), text("notes")},
        .childMay = [](MutationOp, const QJsonObject &) -> std::optional<MutationError> {
            return forbidden("Only adults can add or change the people gifts are for.");
        },
        .guard = [](MutationContext &context) -> std::optional<MutationError> {
            // Gift items for a person are seen by everyone: a person must not become a member
            // later, or that member would see what was planned for them.
            if (context.mutation.op == MutationOp::Update && !context.memberId.isEmpty()
                && textField(context.after, "member_id") != textField(*context.before, "member_id"))
                return invalid("member_id", "Whether a person is a member cannot change: add the member as a new person.");
            return std::nullopt;
        },
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) {
            const QString by = who(change, data);
            const QString name = textOf(change.entity, "name");
            if (change.action == ChangeAction::Created)
                return say("%1 added %2 to the people gifts are for").arg(by, name);
            if (change.action == ChangeAction::Deleted)
                return say("%1 removed %2 from the people gifts are for").arg(by, name);
            return say("%1 changed %2's sizes or notes").arg(by, name);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<GiftPeopleModel>(data.engine);
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE gift_people (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "name TEXT NOT NULL, member_id TEXT REFERENCES members(id) ON DELETE SET NULL, "
                           "sizes TEXT NOT NULL, notes TEXT NOT NULL, rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX gift_people_household ON gift_people (household_id)"),
        }},
    };
    return spec;
}

// ---- occasions ------------------------------------------------------------------------------

const CollectionSpec &occasionsCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::Occasions,
        .name = QStringLiteral("occasions"),
        .table = QStringLiteral("occasions"),
        .fields = {text("name").require("Give the occasion a name."), text("kind", "custom"),
                   date("date").require("Give the occasion's date."), text("repeats", "yearly"),
                   cents("budget_cents").atLeast(0, "A budget cannot be negative."),
                   reference("for_member_id", {Collection::Members, OnDelete::SetNull, kNotAMember}),
                   reference("for_person_id", {Collection::GiftPeople, OnDelete::SetNull, kNoSuchPerson})},
        .rules = [](const QJsonObject &entity) -> std::optional<MutationError> {
            const QString kind = textField(entity, "kind");
            if (kind != QLatin1String("birthday") && kind != QLatin1String("holiday") && kind != QLatin1String("custom"))
                return invalid("kind", "An occasion is a birthday, a holiday or custom.");
            const QString repeats = textField(entity, "repeats");
            if (repeats != QLatin1String("yearly") && repeats != QLatin1String("once"))
                return invalid("repeats", "An occasion repeats yearly or happens once.");
            if (!textField(entity, "for_member_id").isEmpty() && !textField(entity, "for_person_id").isEmpty())
                return invalid("for_person_id", "An occasion is for a member or for another person, not both.");
            return std::nullopt;
        },
        .childMay = [](MutationOp, const QJsonObject &) -> std::optional<MutationError> {
            return forbidden("Only adults can add or change occasions.");
        },
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) {
            const QString by = who(change, data);
            const QString name = textOf(change.entity, "name");
            if (change.action == ChangeAction::Created)
                return say("%1 added the occasion %2").arg(by, name);
            if (change.action == ChangeAction::Deleted)
                return say("%1 removed the occasion %2").arg(by, name);
            return say("%1 changed the occasion %2").arg(by, name);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<OccasionsModel>(data.engine, data.clock);
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE occasions (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "name TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL, repeats TEXT NOT NULL, "
                           "budget_cents INTEGER NOT NULL, "
                           "for_member_id TEXT REFERENCES members(id) ON DELETE SET NULL, "
                           "for_person_id TEXT REFERENCES gift_people(id) ON DELETE SET NULL, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX occasions_household ON occasions (household_id)"),
        }},
    };
    return spec;
}

// ---- items ----------------------------------------------------------------------------------

namespace {

bool flag(const QJsonObject &entity, const char *key)
{
    return entity.value(QLatin1String(key)).toBool();
}

// The viewer the acting member is, as far as an item's visibility needs (the role of who added it).
Viewer actingViewer(const MutationContext &context, const QJsonObject &item)
{
    Viewer viewer{context.memberId, context.role, {}, {}};
    const QString addedBy = textField(item, "added_by");
    if (const auto adder = context.engine.entity(Collection::Members, addedBy))
        viewer.memberRoles.insert(addedBy, textField(*adder, "role"));
    viewer.household = context.engine.entity(Collection::Household, context.engine.householdId()).value_or(QJsonObject());
    return viewer;
}

MutationError gone()
{
    // The same answer as for an id that names nothing: a hidden surprise is not even confirmed.
    return MutationError{QStringLiteral("not_found"), QStringLiteral("That item is gone; someone may have deleted it."), {}};
}

std::optional<MutationError> prepareNewItem(MutationContext &context)
{
    QJsonObject &after = context.after;
    const QString recipient = textField(after, "for_member_id");
    const QString person = textField(after, "for_person_id");
    if (recipient.isEmpty() && person.isEmpty())
        return invalid("for_member_id", "Say whom the gift is for.");
    if (!person.isEmpty()) {
        const auto entry = context.engine.entity(Collection::GiftPeople, person);
        if (entry && !textField(*entry, "member_id").isEmpty())
            return invalid("for_person_id", "That person is a member of the household: give the gift for the member.");
    }
    const bool forSelf = recipient == context.memberId;
    if (forSelf && flag(after, "surprise"))
        return forbidden("You cannot plan a surprise for yourself.");
    // Only the host decides these: whose list it is on, who added it, and that it starts unclaimed.
    after.insert(QStringLiteral("kind"), forSelf ? gifts::kWish : gifts::kIdea);
    after.insert(QStringLiteral("added_by"), context.memberId);
    after.insert(QStringLiteral("status"), gifts::kIdea);
    after.insert(QStringLiteral("claimed_by"), QJsonValue::Null);
    after.insert(QStringLiteral("taken"), false);
    after.insert(QStringLiteral("price_paid"), 0);
    after.insert(QStringLiteral("paid_transaction_id"), QJsonValue::Null);
    if (context.input.value(QLatin1String("record_spending")).toBool())
        return invalid("status", "Spending is recorded when a gift is marked bought.");
    return std::nullopt;
}

// A move along the board: who may make it, and what the host sets with it.
std::optional<MutationError> prepareMove(MutationContext &context, const QString &from, const QString &to)
{
    const QString claimer = textField(*context.before, "claimed_by");
    if (from != gifts::kIdea && context.role == Permissions::kChild && claimer != context.memberId)
        return forbidden("Only whoever claimed a gift, or an adult, can move it on.");
    if (to == gifts::kIdea) {
        context.after.insert(QStringLiteral("claimed_by"), QJsonValue::Null);
        context.after.insert(QStringLiteral("taken"), false);
    } else if (from == gifts::kIdea) {
        context.after.insert(QStringLiteral("claimed_by"), context.memberId);
        context.after.insert(QStringLiteral("taken"), true);
    }
    return std::nullopt;
}

std::optional<MutationError> prepareItem(MutationContext &context)
{
    if (context.memberId.isEmpty())
        return std::nullopt; // the host itself: a removed member or person cleared, a payment linked
    if (context.mutation.op == MutationOp::Create)
        return prepareNewItem(context);
    const QJsonObject &before = *context.before;
    if (!gifts::visibleTo(before, actingViewer(context, before)))
        return gone();
    const bool forActing = textField(before, "for_member_id") == context.memberId;
    const bool child = context.role == Permissions::kChild;
    const bool ownedByActing = textField(before, "added_by") == context.memberId;
    if (context.mutation.op == MutationOp::Delete) {
        if (child && !ownedByActing)
            return forbidden("A child can remove only the gifts they added.");
        return std::nullopt;
    }
    for (const char *key : {"for_member_id", "for_person_id", "surprise"}) {
        if (changed(before, context.after, key))
            return invalid(key, "Whom a gift is for, and whether it is a surprise, cannot change: make a new idea instead.");
    }
    for (const char *key : {"kind", "added_by", "claimed_by", "taken", "paid_transaction_id"})
        context.after.insert(QLatin1String(key), before.value(QLatin1String(key)));

    const bool recordSpending = context.input.value(QLatin1String("record_spending")).toBool();
    const QString from = textField(before, "status");
    const QString to = textField(context.after, "status");
    const bool moved = from != to || changed(before, context.after, "position") || changed(before, context.after, "price_paid");
    // Refused for naming the board's fields at all, not for changing them: a recipient must not
    // learn the status or price paid from which values are accepted.
    if (forActing && (recordSpending || !onlyTouches(context.mutation.fields, {"title", "occasion_id", "link", "price", "priority", "note",
                                                                               "for_member_id", "for_person_id", "surprise", "kind",
                                                                               "added_by", "claimed_by", "taken", "paid_transaction_id"})))
        return forbidden("A gift meant for you cannot be claimed or moved by you.");
    if (child && !ownedByActing) {
        // A child claims, and moves what they claimed; what others added they do not edit.
        for (const char *key : {"title", "occasion_id", "link", "price", "priority", "note"}) {
            if (changed(before, context.after, key))
                return forbidden("A child can change only the gifts they added; claiming and moving are fine.");
        }
    }
    if (from != to) {
        if (auto refused = prepareMove(context, from, to))
            return refused;
    } else if (moved && from != gifts::kIdea && child && textField(before, "claimed_by") != context.memberId) {
        return forbidden("Only whoever claimed a gift, or an adult, can move it on.");
    }
    if (recordSpending) {
        if (to != gifts::kBought)
            return invalid("status", "Spending is recorded when a gift is marked bought.");
        if (context.after.value(QLatin1String("price_paid")).toInteger() <= 0)
            return invalid("price_paid", "Enter the price paid to record it in the budget.");
        if (!textField(before, "paid_transaction_id").isEmpty())
            return invalid("price_paid", "What this gift cost is in the budget already.");
    }
    return std::nullopt;
}

// A price paid recorded in the budget: one "Gifts" transaction that never names the gift (its
// payee is the occasion), hidden from the recipient, then linked to the item.
std::optional<MutationError> recordSpending(MutationContext &context)
{
    if (context.mutation.op != MutationOp::Update || !context.input.value(QLatin1String("record_spending")).toBool())
        return std::nullopt;
    AuthoritativeEngine &engine = context.engine;
    const QJsonObject &item = context.after;
    const auto occasion = engine.entity(Collection::Occasions, textField(item, "occasion_id"));
    const QString payee = occasion ? QCoreApplication::translate("Collections", "Gift · %1").arg(textField(*occasion, "name"))
                                   : QCoreApplication::translate("Collections", "Gift");
    const QString transactionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString recipient = textField(item, "for_member_id");
    const MutationResult paid = engine.submitAs(
        Mutation{{}, Collection::Transactions, MutationOp::Create, transactionId, -1,
                 {{QStringLiteral("occurred_on"), engine.clock().today().toString(Qt::ISODate)},
                  {QStringLiteral("description"), payee},
                  {QStringLiteral("category"), QStringLiteral("Gifts")},
                  {QStringLiteral("amount_cents"), item.value(QLatin1String("price_paid")).toInteger()},
                  {QStringLiteral("member_id"), context.memberId},
                  {QStringLiteral("hidden_from_member_id"), recipient.isEmpty() ? QJsonValue() : QJsonValue(recipient)}}},
        QString());
    if (!paid.ok)
        return paid.error;
    const MutationResult linked = engine.submitAs(
        Mutation{{}, Collection::GiftItems, MutationOp::Update, textField(item, "id"), -1,
                 {{QStringLiteral("paid_transaction_id"), transactionId}}},
        QString());
    if (!linked.ok)
        return linked.error;
    return std::nullopt;
}


// A sentence that never spoils: told for the member at this device, from what they may see of
// the item (the host already filtered what reached them; a hosting device filters here).
QString describeItem(const Change &change, const QJsonObject &before, const HouseholdData &data)
{
    const Viewer viewer = gifts::viewerFor(data, data.engine.actingMemberId());
    const auto seen = gifts::visibleTo(change.entity, viewer);
    if (!seen)
        return {};
    const QString title = textOf(*seen, "title");
    if (gifts::keptFrom(*seen, viewer)) {
        // Their own list, as they may see it: only that something on it was taken.
        const auto seenBefore = before.isEmpty() ? std::optional<QJsonObject>() : gifts::visibleTo(before, viewer);
        const bool takenNow = seen->value(QLatin1String("taken")).toBool();
        const bool takenBefore = seenBefore && seenBefore->value(QLatin1String("taken")).toBool();
        if (change.action == ChangeAction::Updated && takenNow && !takenBefore)
            return say("Someone claimed an item on your list");
        if (change.action == ChangeAction::Created && textField(*seen, "kind") == gifts::kIdea)
            return say("%1 added a gift idea for you: %2").arg(who(change, data), title);
        return {};
    }
    const QString by = who(change, data);
    const QString recipient = recipientOf(*seen, data);
    if (change.action == ChangeAction::Created)
        return textField(*seen, "kind") == gifts::kWish ? say("%1 added %2 to their wish list").arg(by, title)
                                                   : say("%1 added the gift idea %2 for %3").arg(by, title, recipient);
    if (change.action == ChangeAction::Deleted)
        return say("%1 removed %2 for %3").arg(by, title, recipient);
    if (!before.isEmpty() && changed(before, *seen, "status")) {
        const QString status = textField(*seen, "status");
        if (status == gifts::kClaimed)
            return say("%1 claimed %2 for %3").arg(by, title, recipient);
        if (status == gifts::kBought)
            return say("%1 bought %2 for %3").arg(by, title, recipient);
        if (status == gifts::kWrapped)
            return say("%1 wrapped %2 for %3").arg(by, title, recipient);
        if (status == gifts::kGiven)
            return say("%1 gave %2 to %3").arg(by, title, recipient);
        return say("%1 let go of %2 for %3").arg(by, title, recipient);
    }
    return say("%1 changed %2 for %3").arg(by, title, recipient);
}

// The demo household's gifts: Grandma Rose outside the household, Christmas, Mia's and Rose's
// birthdays, everyone's wishes, ideas, a surprise for Sam that Alex claimed, and Mia's Lego that
// Sam bought (its price in the budget, hidden from Mia).
bool fillGiftsDemo(AuthoritativeEngine &engine, const Clock &clock, QString *error)
{
    DemoData::Submitter demo(engine, error);
    const QString alex = demo.member(QStringLiteral("Alex"));
    const QString sam = demo.member(QStringLiteral("Sam"));
    const QString mia = demo.member(QStringLiteral("Mia"));
    const QDate today = clock.today();
    const auto create = [&demo](Collection collection, QJsonObject fields, const QString &as) {
        return demo.create(collection, std::move(fields), as);
    };
    const QString rose = create(Collection::GiftPeople,
                                {{QStringLiteral("name"), QStringLiteral("Grandma Rose")},
                                 {QStringLiteral("sizes"), QStringLiteral("Gloves: M")},
                                 {QStringLiteral("notes"), QStringLiteral("Loves her garden and crosswords")}},
                                alex);
    create(Collection::GiftPeople,
           {{QStringLiteral("name"), QStringLiteral("Mia")},
            {QStringLiteral("member_id"), mia},
            {QStringLiteral("sizes"), QStringLiteral("Shoes: 31 · T-shirt: 122/128")}},
           alex);
    const QDate christmasDay(today.year(), 12, 25);
    const QString christmas = create(Collection::Occasions,
                                     {{QStringLiteral("name"), QStringLiteral("Christmas")},
                                      {QStringLiteral("kind"), QStringLiteral("holiday")},
                                      {QStringLiteral("date"), christmasDay.toString(Qt::ISODate)},
                                      {QStringLiteral("budget_cents"), 40000}},
                                     alex);
    const QString miasBirthday = create(Collection::Occasions,
                                        {{QStringLiteral("name"), QStringLiteral("Mia's birthday")},
                                         {QStringLiteral("kind"), QStringLiteral("birthday")},
                                         {QStringLiteral("date"), today.addDays(40).addYears(-8).toString(Qt::ISODate)},
                                         {QStringLiteral("budget_cents"), 15000},
                                         {QStringLiteral("for_member_id"), mia}},
                                        alex);
    const QString rosesBirthday = create(Collection::Occasions,
                                         {{QStringLiteral("name"), QStringLiteral("Grandma Rose's birthday")},
                                          {QStringLiteral("kind"), QStringLiteral("birthday")},
                                          {QStringLiteral("date"), today.addDays(12).addYears(-79).toString(Qt::ISODate)},
                                          {QStringLiteral("budget_cents"), 5000},
                                          {QStringLiteral("for_person_id"), rose}},
                                         alex);
    const auto item = [&](const QString &as, const QString &forMember, const char *title, qint64 price, const QString &occasion,
                          QJsonObject extra = {}) {
        QJsonObject fields{{QStringLiteral("title"), QString::fromUtf8(title)},
                           {QStringLiteral("for_member_id"), forMember.isEmpty() ? QJsonValue() : QJsonValue(forMember)},
                           {QStringLiteral("price"), price},
                           {QStringLiteral("occasion_id"), occasion}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            fields.insert(it.key(), it.value());
        return create(Collection::GiftItems, fields, as);
    };
    const auto move = [&demo](const QString &id, const QString &as, QJsonObject fields) {
        demo.update(Collection::GiftItems, id, std::move(fields), as);
    };
    const QString status = QStringLiteral("status");
    // Wishes, on each member's own list.
    const QString lego = item(mia, mia, "Lego Friends treehouse", 4999, miasBirthday,
                              {{QStringLiteral("priority"), 3}, {QStringLiteral("link"), QStringLiteral("https://www.lego.com/")}});
    item(mia, mia, "Drawing pad and pencils", 1299, miasBirthday);
    const QString headphones = item(sam, sam, "Noise-cancelling headphones", 19900, christmas, {{QStringLiteral("priority"), 3}});
    item(sam, sam, "Hiking boots", 12900, christmas, {{QStringLiteral("note"), QStringLiteral("Size 42, waterproof")}});
    item(alex, alex, "Cookbook: Salt Fat Acid Heat", 2800, christmas);
    // Ideas for others; a surprise for Sam, claimed by Alex; Mia's surprise for Alex.
    item(alex, mia, "Bike helmet", 3500, miasBirthday);
    item(sam, {}, "Seed collection", 2500, rosesBirthday, {{QStringLiteral("for_person_id"), rose}});
    const QString lisbon = item(alex, sam, "Weekend in Lisbon", 45000, christmas, {{QStringLiteral("surprise"), true}});
    move(lisbon, alex, {{status, gifts::kClaimed}});
    const QString mug = item(mia, alex, "Mug with a cat on it", 1200, christmas, {{QStringLiteral("surprise"), true}});
    move(mug, mia, {{status, gifts::kClaimed}});
    // Sam bought Mia's Lego; its price is in the budget, where Mia cannot see it.
    move(lego, sam, {{status, gifts::kClaimed}});
    move(lego, sam, {{status, gifts::kBought}, {QStringLiteral("price_paid"), 4599}, {QStringLiteral("record_spending"), true}});
    move(headphones, alex, {{status, gifts::kClaimed}});
    return demo.ok();
}

} // namespace

const CollectionSpec &giftItemsCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::GiftItems,
        .name = QStringLiteral("gift_items"),
        .table = QStringLiteral("gift_items"),
        .fields = {text("title").require("Give the gift a name."), text("kind", "idea"),
                   reference("for_member_id", {Collection::Members, OnDelete::SetNull, kNotAMember}),
                   reference("for_person_id", {Collection::GiftPeople, OnDelete::SetNull, kNoSuchPerson}),
                   reference("occasion_id", {Collection::Occasions, OnDelete::SetNull, "That occasion does not exist any more."}),
                   text("link").longest(2000, "That link is too long."),
                   cents("price").atLeast(0, "A price cannot be negative."),
                   integer("priority", 2).atLeast(1, "Priority goes from 1 (low) to 3 (high).").atMost(3, "Priority goes from 1 (low) to 3 (high)."),
                   text("note"), boolean("surprise"), text("added_by"),
                   reference("claimed_by", {Collection::Members, OnDelete::SetNull, kNotAMember}),
                   text("status", "idea"),
                   cents("price_paid").atLeast(0, "A price cannot be negative."),
                   real("position"), boolean("taken"),
                   reference("paid_transaction_id", {Collection::Transactions, OnDelete::SetNull,
                                                     "That transaction is not in the budget any more."})},
        // With a move to bought and a price paid: add that price to the budget (hidden from the
        // recipient), linked as paid_transaction_id.
        .inputs = {boolean("record_spending")},
        .rules = [](const QJsonObject &entity) -> std::optional<MutationError> {
            const QString kind = textField(entity, "kind");
            if (kind != gifts::kWish && kind != gifts::kIdea)
                return invalid("kind", "A gift is a wish or an idea.");
            if (!gifts::statuses().contains(textField(entity, "status")))
                return invalid("status", "Status must be idea, claimed, bought, wrapped or given.");
            if (!textField(entity, "for_member_id").isEmpty() && !textField(entity, "for_person_id").isEmpty())
                return invalid("for_person_id", "A gift is for a member or for another person, not both.");
            if (entity.value(QLatin1String("surprise")).toBool() && kind != gifts::kIdea)
                return invalid("surprise", "Only an idea can be a surprise.");
            return std::nullopt;
        },
        // A child adds wishes for themselves and ideas for others, claims, and moves their own
        // claims; the guard says what else is refused and why.
        .childMay = [](MutationOp, const QJsonObject &) -> std::optional<MutationError> { return std::nullopt; },
        .guard = prepareItem,
        .effects = recordSpending,
        .eventName = [](const Change &change) -> QString {
            return QStringLiteral("gift:") + changeActionName(change.action);
        },
        .eventNames = {QStringLiteral("gift:created"), QStringLiteral("gift:updated"), QStringLiteral("gift:deleted")},
        .visibleTo = gifts::visibleTo,
        .visibilityReads = gifts::visibilityReads(),
        .describe = describeItem,
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            auto items = std::make_unique<GiftItemsModel>(data.engine, data.model<MembersModel>(Collection::Members),
                                                          data.model<GiftPeopleModel>(Collection::GiftPeople));
            data.model<OccasionsModel>(Collection::Occasions).followItems(*items, data);
            items->watchViewer(data);
            return items;
        },
        .fillDemo = fillGiftsDemo,
        .migrations = {{
            QStringLiteral("CREATE TABLE gift_items (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "title TEXT NOT NULL, kind TEXT NOT NULL, "
                           "for_member_id TEXT REFERENCES members(id) ON DELETE SET NULL, "
                           "for_person_id TEXT REFERENCES gift_people(id) ON DELETE SET NULL, "
                           "occasion_id TEXT REFERENCES occasions(id) ON DELETE SET NULL, "
                           "link TEXT NOT NULL, price INTEGER NOT NULL, priority INTEGER NOT NULL, note TEXT NOT NULL, "
                           "surprise INTEGER NOT NULL, added_by TEXT NOT NULL, "
                           "claimed_by TEXT REFERENCES members(id) ON DELETE SET NULL, "
                           "status TEXT NOT NULL, price_paid INTEGER NOT NULL, position REAL NOT NULL, taken INTEGER NOT NULL, "
                           "paid_transaction_id TEXT REFERENCES transactions(id) ON DELETE SET NULL, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX gift_items_household ON gift_items (household_id)"),
            eventsByEntityIndex(QStringLiteral("gift_items")),
        }},
    };
    return spec;
}

} // namespace hearth
