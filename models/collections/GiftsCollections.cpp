// Gifts: the people gifts are for, the occasions they are for, and one collection of wish-list
// items and gift ideas that moves along a gift board (idea → claimed → bought → wrapped →
// given). What a recipient may learn of their own gifts is decided by the host per member
// (gifts::visibleTo). docs/protocol.md ("Gifts") is the contract.

#include "AuthoritativeEngine.h"
#include "Definition.h"
#include "gifts/GiftRecords.h"
#include "gifts/GiftVisibility.h"
#include "gifts/GiftsModels.h"

namespace hearth {

using namespace definition;

namespace {

QString field(const QJsonObject &entity, const char *key)
{
    return entity.value(QLatin1String(key)).toString();
}

const char *const kNotAMember = "That person is not a member of this household.";
const char *const kNoSuchPerson = "That person is not on the gift list any more.";

// Whom an item or occasion is for, as the household calls them.
QString recipientOf(const QJsonObject &entity, const HouseholdData &data)
{
    const QString member = field(entity, "for_member_id");
    if (!member.isEmpty())
        return data.members.nameOf(member);
    const auto person = data.model<GiftPeopleModel>(Collection::GiftPeople).find(field(entity, "for_person_id"));
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
            const QString kind = field(entity, "kind");
            if (kind != QLatin1String("birthday") && kind != QLatin1String("holiday") && kind != QLatin1String("custom"))
                return invalid("kind", "An occasion is a birthday, a holiday or custom.");
            const QString repeats = field(entity, "repeats");
            if (repeats != QLatin1String("yearly") && repeats != QLatin1String("once"))
                return invalid("repeats", "An occasion repeats yearly or happens once.");
            if (!field(entity, "for_member_id").isEmpty() && !field(entity, "for_person_id").isEmpty())
                return invalid("for_person_id", "An occasion is for a member or for another person, not both.");
            return std::nullopt;
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

// A sentence that never spoils: told for the member at this device, from what they may see of
// the item (the host already filtered what reached them; a hosting device filters here).
QString describeItem(const Change &change, const QJsonObject &before, const HouseholdData &data)
{
    const Viewer viewer = gifts::viewerFor(data, data.engine.actingMemberId());
    const auto seen = gifts::visibleTo(change.entity, viewer);
    if (!seen)
        return {};
    const QString title = textOf(*seen, "title");
    const bool forViewer = !viewer.memberId.isEmpty() && field(*seen, "for_member_id") == viewer.memberId;
    if (forViewer && *seen != change.entity) {
        // Their own list, as they may see it: only that something on it was taken.
        const auto seenBefore = before.isEmpty() ? std::optional<QJsonObject>() : gifts::visibleTo(before, viewer);
        const bool takenNow = seen->value(QLatin1String("taken")).toBool();
        const bool takenBefore = seenBefore && seenBefore->value(QLatin1String("taken")).toBool();
        if (change.action == ChangeAction::Updated && takenNow && !takenBefore)
            return say("Someone claimed an item on your list");
        if (change.action == ChangeAction::Created && field(*seen, "kind") == gifts::kIdea)
            return say("%1 added a gift idea for you: %2").arg(who(change, data), title);
        return {};
    }
    const QString by = who(change, data);
    const QString recipient = recipientOf(*seen, data);
    if (change.action == ChangeAction::Created)
        return field(*seen, "kind") == gifts::kWish ? say("%1 added %2 to their wish list").arg(by, title)
                                                   : say("%1 added the gift idea %2 for %3").arg(by, title, recipient);
    if (change.action == ChangeAction::Deleted)
        return say("%1 removed %2 for %3").arg(by, title, recipient);
    if (!before.isEmpty() && changed(before, *seen, "status")) {
        const QString status = field(*seen, "status");
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
            const QString kind = field(entity, "kind");
            if (kind != gifts::kWish && kind != gifts::kIdea)
                return invalid("kind", "A gift is a wish or an idea.");
            if (!gifts::statuses().contains(field(entity, "status")))
                return invalid("status", "Status must be idea, claimed, bought, wrapped or given.");
            if (!field(entity, "for_member_id").isEmpty() && !field(entity, "for_person_id").isEmpty())
                return invalid("for_person_id", "A gift is for a member or for another person, not both.");
            if (entity.value(QLatin1String("surprise")).toBool() && kind != gifts::kIdea)
                return invalid("surprise", "Only an idea can be a surprise.");
            return std::nullopt;
        },
        .eventName = [](const Change &change) -> QString {
            return QStringLiteral("gift:") + changeActionName(change.action);
        },
        .eventNames = {QStringLiteral("gift:created"), QStringLiteral("gift:updated"), QStringLiteral("gift:deleted")},
        .visibleTo = gifts::visibleTo,
        .visibilityReads = gifts::visibilityReads(),
        .describe = describeItem,
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            auto items = std::make_unique<GiftItemsModel>(data.engine, data.members,
                                                          data.model<GiftPeopleModel>(Collection::GiftPeople));
            data.model<OccasionsModel>(Collection::Occasions).followItems(*items);
            return items;
        },
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
        }},
    };
    return spec;
}

} // namespace hearth
