// Chores and rewards: chores that come round, completions that adults approve, a rewards
// catalogue, requests for rewards, and each member's wallet — an append-only ledger of points
// that only the host writes, as the consequence of an approval, a fulfilled request, or an
// adult's adjustment or allowance payout. docs/protocol.md ("Chores and rewards") is the contract.

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "Definition.h"
#include "Permissions.h"
#include "SqlStatement.h"
#include "Store.h"
#include "chores/ChoreRecords.h"
#include "chores/ChoresModels.h"

#include <QJsonArray>
#include <QUuid>

namespace hearth {

using namespace definition;

namespace {

const QString kPending = QStringLiteral("pending");
const QString kApproved = QStringLiteral("approved");
const QString kRejected = QStringLiteral("rejected");
const QString kRequested = QStringLiteral("requested");
const QString kFulfilled = QStringLiteral("fulfilled");
const QString kDeclined = QStringLiteral("declined");

QString field(const QJsonObject &entity, const char *key)
{
    return entity.value(QLatin1String(key)).toString();
}

MutationError conflict(const QString &message)
{
    return MutationError{QStringLiteral("conflict"), message, {}};
}

// A member's balance: the sum of their ledger.
qint64 balanceOf(AuthoritativeEngine &engine, const QString &memberId)
{
    SqlStatement::Run sum(engine.store().statement(
        QStringLiteral("SELECT COALESCE(SUM(delta), 0) FROM wallet_entries WHERE household_id = ? AND member_id = ?")));
    sum->bind(0, engine.householdId());
    sum->bind(1, memberId);
    return sum->step() ? sum->int64(0) : 0;
}

// How many entries of `kind` a source already has: the round of the next one. The database's
// unique key on (kind, source, round) is what makes a credit happen once per round.
qint64 entriesFor(AuthoritativeEngine &engine, const QString &kind, const QString &sourceId)
{
    SqlStatement::Run count(engine.store().statement(
        QStringLiteral("SELECT COUNT(*) FROM wallet_entries WHERE household_id = ? AND kind = ? AND source_id = ?")));
    count->bind(0, engine.householdId());
    count->bind(1, kind);
    count->bind(2, sourceId);
    return count->step() ? count->int64(0) : 0;
}

QHash<QString, int> approvedCounts(AuthoritativeEngine &engine, const QString &choreId)
{
    SqlStatement::Run counts(engine.store().statement(
        QStringLiteral("SELECT member_id, COUNT(*) FROM chore_completions WHERE household_id = ? AND chore_id = ? "
                       "AND status = 'approved' AND member_id IS NOT NULL GROUP BY member_id")));
    counts->bind(0, engine.householdId());
    counts->bind(1, choreId);
    QHash<QString, int> result;
    while (counts->step())
        result.insert(counts->text(0), int(counts->int64(1)));
    return result;
}

bool hasLiveCompletion(AuthoritativeEngine &engine, const QString &choreId, const QString &memberId, const QString &day)
{
    SqlStatement::Run live(engine.store().statement(
        QStringLiteral("SELECT 1 FROM chore_completions WHERE household_id = ? AND chore_id = ? AND member_id = ? "
                       "AND occurs_on = ? AND status <> 'rejected' LIMIT 1")));
    live->bind(0, engine.householdId());
    live->bind(1, choreId);
    live->bind(2, memberId);
    live->bind(3, day);
    return live->step();
}

std::optional<MutationError> writeEntry(AuthoritativeEngine &engine, const QJsonObject &fields, const QString &entityId = {})
{
    const MutationResult written =
        engine.submitAs(Mutation{{}, Collection::WalletEntries, MutationOp::Create, entityId, -1, fields}, QString());
    if (written.ok)
        return std::nullopt;
    return written.error;
}

QString memberName(AuthoritativeEngine &engine, const QString &memberId)
{
    const auto member = engine.entity(Collection::Members, memberId);
    return member ? field(*member, "name") : QCoreApplication::translate("Collections", "Someone");
}

// Fields a client sends that only the host decides are put back as they were.
void keepFromBefore(MutationContext &context, std::initializer_list<const char *> keys)
{
    for (const char *key : keys)
        context.after.insert(QLatin1String(key), context.before->value(QLatin1String(key)));
}

QString choreTitle(const HouseholdData &data, const QString &choreId)
{
    const auto chore = data.model<ChoresModel>(Collection::Chores).find(choreId);
    return chore ? chore->title : say("a chore");
}

} // namespace

// ---- chores ---------------------------------------------------------------------------------

const CollectionSpec &choresCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::Chores,
        .name = QStringLiteral("chores"),
        .table = QStringLiteral("chores"),
        .fields = {text("title").require("Give the chore a name."), text("description"), text("icon"),
                   integer("points").atLeast(0, "Points cannot be negative.").atMost(100000, "That is too many points for one chore."),
                   text("repeat", "once"), text("weekdays"),
                   integer("interval_days", 1).atLeast(1, "Repeat every 1 day or more.").atMost(366, "Repeat at least once a year."),
                   integer("month_day", 1).atLeast(1, "Pick a day of the month from 1 to 31.").atMost(31, "Pick a day of the month from 1 to 31."),
                   date("start_on").require("Give the day the chore starts."), text("due_time"),
                   reference("assignee_id", {Collection::Members, OnDelete::SetNull, "That person is not a member of this household."}),
                   text("rotation"), text("rotation_members"), boolean("needs_approval", true)},
        .rules = [](const QJsonObject &entity) -> std::optional<MutationError> {
            const QString repeat = field(entity, "repeat");
            if (Chore::repeatName(Chore::repeatFromName(repeat)) != repeat)
                return invalid("repeat", "Repeat must be once, daily, weekdays, every_n_days or monthly.");
            const Chore chore = Chore::fromJson(entity);
            if (chore.repeat == Repeat::Weekdays && chore.weekdays.isEmpty())
                return invalid("weekdays", "Pick at least one day of the week.");
            if (!field(entity, "due_time").isEmpty() && !chore.dueTime.isValid())
                return invalid("due_time", "The due time must look like 18:30.");
            const QString rotation = field(entity, "rotation");
            if (!rotation.isEmpty() && rotation != QLatin1String("turn") && rotation != QLatin1String("fewest"))
                return invalid("rotation", "Rotation must be turn or fewest.");
            if (!rotation.isEmpty() && chore.rotationMembers.size() < 2)
                return invalid("rotation_members", "A rotation needs at least two members.");
            return std::nullopt;
        },
        .childMay = [](MutationOp, const QJsonObject &) -> std::optional<MutationError> {
            return forbidden("Only adults can set up, change or remove chores.");
        },
        .guard = [](MutationContext &context) -> std::optional<MutationError> {
            if (context.memberId.isEmpty())
                return std::nullopt; // the host clearing a removed member's name from the chore
            for (const QString &member : Chore::fromJson(context.after).rotationMembers) {
                if (!context.engine.exists(Collection::Members, member))
                    return invalid("rotation_members", "Someone in the rotation is not a member of this household.");
            }
            return std::nullopt;
        },
        .eventName = [](const Change &change) -> QString {
            return QStringLiteral("chore:") + changeActionName(change.action);
        },
        .eventNames = {QStringLiteral("chore:created"), QStringLiteral("chore:updated"), QStringLiteral("chore:deleted")},
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) {
            const QString by = who(change, data);
            const QString title = textOf(change.entity, "title");
            if (change.action == ChangeAction::Created)
                return say("%1 added the chore %2").arg(by, title);
            if (change.action == ChangeAction::Deleted)
                return say("%1 removed the chore %2").arg(by, title);
            return say("%1 changed the chore %2").arg(by, title);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<ChoresModel>(data.engine, data.clock);
        },
        .fillDemo = [](AuthoritativeEngine &engine, const Clock &clock, QString *error) {
            return fillChoresDemo(engine, clock, error);
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE chores (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "title TEXT NOT NULL, description TEXT NOT NULL, icon TEXT NOT NULL, "
                           "points INTEGER NOT NULL CHECK (points >= 0), repeat TEXT NOT NULL, weekdays TEXT NOT NULL, "
                           "interval_days INTEGER NOT NULL, month_day INTEGER NOT NULL, start_on TEXT NOT NULL, "
                           "due_time TEXT NOT NULL, assignee_id TEXT REFERENCES members(id) ON DELETE SET NULL, "
                           "rotation TEXT NOT NULL, rotation_members TEXT NOT NULL, needs_approval INTEGER NOT NULL, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX chores_household ON chores (household_id)"),
        }},
    };
    return spec;
}

// ---- completions ----------------------------------------------------------------------------

namespace {

std::optional<MutationError> prepareCompletion(MutationContext &context)
{
    AuthoritativeEngine &engine = context.engine;
    const bool system = context.memberId.isEmpty();
    if (context.mutation.op == MutationOp::Create) {
        const auto choreEntity = engine.entity(Collection::Chores, field(context.after, "chore_id"));
        if (!choreEntity)
            return invalid("chore_id", "That chore does not exist any more.");
        const Chore chore = Chore::fromJson(*choreEntity);
        if (context.after.value(QLatin1String("occurs_on")).isNull())
            context.after.insert(QStringLiteral("occurs_on"), engine.clock().today().toString(Qt::ISODate));
        if (field(context.after, "member_id").isEmpty())
            context.after.insert(QStringLiteral("member_id"), context.memberId.isEmpty() ? QJsonValue() : QJsonValue(context.memberId));
        const QString member = field(context.after, "member_id");
        const QDate day = QDate::fromString(field(context.after, "occurs_on"), Qt::ISODate);
        if (context.role == Permissions::kChild) {
            if (member != context.memberId)
                return forbidden("A child can only tick off their own chores.");
            const QString assignee = ChoreSchedule::assigneeOn(chore, day, approvedCounts(engine, chore.id));
            if (!assignee.isEmpty() && assignee != member)
                return forbidden("That chore is someone else's to do.");
        }
        if (!member.isEmpty() && hasLiveCompletion(engine, chore.id, member, day.toString(Qt::ISODate)))
            return conflict(QCoreApplication::translate("Collections", "%1 has already ticked off %2 for that day.")
                                .arg(memberName(engine, member), chore.title));
        if (!system) {
            // Only the host decides these: what the chore is worth now, and whether it waits.
            const bool waits = chore.needsApproval && context.role == Permissions::kChild;
            context.after.insert(QStringLiteral("points"), chore.points);
            context.after.insert(QStringLiteral("status"), waits ? kPending : kApproved);
            context.after.insert(QStringLiteral("reviewed_by"), waits ? QJsonValue() : QJsonValue(context.memberId));
            context.after.insert(QStringLiteral("reason"), QString());
        }
        return std::nullopt;
    }
    if (context.mutation.op == MutationOp::Delete && context.role == Permissions::kChild) {
        if (field(*context.before, "member_id") != context.memberId || field(*context.before, "status") != kPending)
            return forbidden("A child can only take back their own tick while it waits for approval.");
        return std::nullopt;
    }
    if (context.mutation.op == MutationOp::Update && !system) {
        if (context.role == Permissions::kChild && field(*context.before, "member_id") != context.memberId)
            return forbidden("A child can only add a note to their own chores.");
        keepFromBefore(context, {"chore_id", "member_id", "occurs_on", "points", "reviewed_by"});
        const QString from = field(*context.before, "status");
        const QString to = field(context.after, "status");
        if (to == from)
            return std::nullopt;
        const bool decision = from == kPending && (to == kApproved || to == kRejected);
        const bool takenBack = (from == kApproved || from == kRejected) && to == kPending; // undo
        if (!decision && !takenBack)
            return invalid("status", "A finished chore goes from pending to approved or rejected, or back to pending.");
        if (to == kRejected && field(context.after, "reason").trimmed().isEmpty())
            return invalid("reason", "Say why the chore is sent back.");
        context.after.insert(QStringLiteral("reviewed_by"), to == kPending ? QJsonValue() : QJsonValue(context.memberId));
        if (to != kRejected)
            context.after.insert(QStringLiteral("reason"), QString());
    }
    return std::nullopt;
}

// An approval credits the member; taking an approval back (undo, delete) debits the same points.
// Never an edit or a deletion of an entry: the ledger only grows.
std::optional<MutationError> settleCompletion(MutationContext &context)
{
    const bool wasApproved = context.before && field(*context.before, "status") == kApproved;
    const bool isApproved = context.mutation.op != MutationOp::Delete && field(context.after, "status") == kApproved;
    const QString member = field(context.after, "member_id");
    if (wasApproved == isApproved || member.isEmpty())
        return std::nullopt;
    const QString id = field(context.after, "id");
    const qint64 points = context.after.value(QLatin1String("points")).toInteger();
    const QString kind = isApproved ? QStringLiteral("completion") : QStringLiteral("reversal");
    const auto chore = context.engine.entity(Collection::Chores, field(context.after, "chore_id"));
    return writeEntry(context.engine, {{QStringLiteral("member_id"), member},
                                       {QStringLiteral("delta"), isApproved ? points : -points},
                                       {QStringLiteral("kind"), kind},
                                       {QStringLiteral("source_id"), id},
                                       {QStringLiteral("round"), entriesFor(context.engine, kind, id)},
                                       {QStringLiteral("note"), chore ? field(*chore, "title") : QString()}});
}

} // namespace

const CollectionSpec &choreCompletionsCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::ChoreCompletions,
        .name = QStringLiteral("chore_completions"),
        .table = QStringLiteral("chore_completions"),
        .fields = {reference("chore_id", {Collection::Chores, OnDelete::SetNull, "That chore does not exist any more."}),
                   reference("member_id", {Collection::Members, OnDelete::SetNull, "That person is not a member of this household."}),
                   date("occurs_on").require("Give the day the chore was done."), text("note"), text("status", "pending"),
                   text("reason"), integer("points").atLeast(0, "Points cannot be negative."),
                   reference("reviewed_by", {Collection::Members, OnDelete::SetNull, "That person is not a member of this household."})},
        .rules = [](const QJsonObject &entity) -> std::optional<MutationError> {
            const QString status = field(entity, "status");
            if (status != kPending && status != kApproved && status != kRejected)
                return invalid("status", "Status must be pending, approved or rejected.");
            return std::nullopt;
        },
        .childMay = [](MutationOp op, const QJsonObject &fields) -> std::optional<MutationError> {
            if (op == MutationOp::Create || (op == MutationOp::Update && onlyTouches(fields, {"note"})))
                return std::nullopt;
            if (op == MutationOp::Update)
                return forbidden("Only adults can approve or reject a finished chore.");
            return std::nullopt; // taking back their own tick while it waits: the guard checks whose

        },
        .guard = prepareCompletion,
        .effects = settleCompletion,
        .eventName = [](const Change &change) -> QString {
            const QString status = field(change.entity, "status");
            if (change.action == ChangeAction::Updated && (status == kApproved || status == kRejected))
                return QStringLiteral("completion:") + status;
            return QStringLiteral("completion:") + changeActionName(change.action);
        },
        .eventNames = {QStringLiteral("completion:created"), QStringLiteral("completion:approved"),
                       QStringLiteral("completion:rejected"), QStringLiteral("completion:updated"),
                       QStringLiteral("completion:deleted")},
        .describe = [](const Change &change, const QJsonObject &before, const HouseholdData &data) -> QString {
            const QString by = who(change, data);
            const QJsonObject &e = change.entity;
            const QString title = choreTitle(data, field(e, "chore_id"));
            const QString doer = data.members.nameOf(field(e, "member_id"));
            const QString status = field(e, "status");
            if (change.action == ChangeAction::Created)
                return status == kPending ? say("%1 finished %2 — waiting for you").arg(by, title)
                                          : say("%1 finished %2").arg(by, title);
            if (change.action == ChangeAction::Updated && changed(before, e, "status")) {
                if (status == kApproved)
                    return say("%1 approved %2 for %3").arg(by, title, doer);
                if (status == kRejected)
                    return say("%1 sent %2 back to %3: %4").arg(by, title, doer, textOf(e, "reason"));
                return say("%1 took back the decision on %2").arg(by, title);
            }
            return {};
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<CompletionsModel>(data.engine);
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE chore_completions (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "chore_id TEXT REFERENCES chores(id) ON DELETE SET NULL, "
                           "member_id TEXT REFERENCES members(id) ON DELETE SET NULL, "
                           "occurs_on TEXT NOT NULL, note TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL, "
                           "points INTEGER NOT NULL, reviewed_by TEXT REFERENCES members(id) ON DELETE SET NULL, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX completions_household ON chore_completions (household_id, chore_id, occurs_on)"),
        }},
    };
    return spec;
}

// ---- rewards --------------------------------------------------------------------------------

const CollectionSpec &rewardsCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::Rewards,
        .name = QStringLiteral("rewards"),
        .table = QStringLiteral("rewards"),
        .fields = {text("name").require("Give the reward a name."),
                   integer("cost").atLeast(1, "A reward costs at least 1 point.").atMost(1000000, "That reward costs too many points."),
                   integer("stock", -1).atLeast(-1, "Stock is a number of rewards left, or unlimited.")},
        .childMay = [](MutationOp, const QJsonObject &) -> std::optional<MutationError> {
            return forbidden("Only adults can keep the rewards catalogue.");
        },
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) -> QString {
            if (change.userId.isEmpty())
                return {}; // stock taken by a fulfilled request, told as that
            const QString by = who(change, data);
            const QString name = textOf(change.entity, "name");
            if (change.action == ChangeAction::Created)
                return say("%1 added the reward %2").arg(by, name);
            if (change.action == ChangeAction::Deleted)
                return say("%1 removed the reward %2").arg(by, name);
            return say("%1 changed the reward %2").arg(by, name);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<RewardsModel>(data.engine);
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE rewards (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "name TEXT NOT NULL, cost INTEGER NOT NULL, stock INTEGER NOT NULL, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
        }},
    };
    return spec;
}

// ---- redemptions ----------------------------------------------------------------------------

namespace {

std::optional<MutationError> enoughPoints(AuthoritativeEngine &engine, const QString &member, qint64 cost, const QString &reward)
{
    const qint64 balance = balanceOf(engine, member);
    if (balance >= cost)
        return std::nullopt;
    return conflict(QCoreApplication::translate("Collections", "Not enough points: %1 has %2, and %3 costs %4.")
                        .arg(memberName(engine, member))
                        .arg(balance)
                        .arg(reward)
                        .arg(cost));
}

std::optional<MutationError> prepareRedemption(MutationContext &context)
{
    AuthoritativeEngine &engine = context.engine;
    if (context.memberId.isEmpty())
        return std::nullopt;
    if (context.mutation.op == MutationOp::Create) {
        const auto reward = engine.entity(Collection::Rewards, field(context.after, "reward_id"));
        if (!reward)
            return invalid("reward_id", "That reward is not in the catalogue any more.");
        if (field(context.after, "member_id").isEmpty())
            context.after.insert(QStringLiteral("member_id"), context.memberId);
        const QString member = field(context.after, "member_id");
        if (context.role == Permissions::kChild && member != context.memberId)
            return forbidden("A child can only ask for rewards for themselves.");
        const qint64 cost = reward->value(QLatin1String("cost")).toInteger();
        if (reward->value(QLatin1String("stock")).toInteger() == 0)
            return conflict(QCoreApplication::translate("Collections", "%1 is out of stock.").arg(field(*reward, "name")));
        context.after.insert(QStringLiteral("cost"), cost);
        context.after.insert(QStringLiteral("status"), kRequested);
        context.after.insert(QStringLiteral("reason"), QString());
        context.after.insert(QStringLiteral("reviewed_by"), QJsonValue());
        return enoughPoints(engine, member, cost, field(*reward, "name"));
    }
    if (context.mutation.op == MutationOp::Update) {
        keepFromBefore(context, {"reward_id", "member_id", "cost", "reviewed_by"});
        const QString from = field(*context.before, "status");
        const QString to = field(context.after, "status");
        if (to == from)
            return std::nullopt;
        if (from != kRequested)
            return conflict(QCoreApplication::translate("Collections", "That request was already %1.").arg(from));
        if (to == kDeclined && field(context.after, "reason").trimmed().isEmpty())
            return invalid("reason", "Say why the request is declined.");
        context.after.insert(QStringLiteral("reviewed_by"), context.memberId);
        if (to == kFulfilled) {
            const auto reward = engine.entity(Collection::Rewards, field(context.after, "reward_id"));
            return enoughPoints(engine, field(context.after, "member_id"), context.after.value(QLatin1String("cost")).toInteger(),
                                reward ? field(*reward, "name") : QString());
        }
    }
    return std::nullopt;
}

// Fulfilling a request debits its cost and takes one from a limited stock, in the same change.
std::optional<MutationError> settleRedemption(MutationContext &context)
{
    const bool fulfilled = context.mutation.op == MutationOp::Update && field(*context.before, "status") == kRequested
        && field(context.after, "status") == kFulfilled;
    if (!fulfilled)
        return std::nullopt;
    const QString id = field(context.after, "id");
    const auto reward = context.engine.entity(Collection::Rewards, field(context.after, "reward_id"));
    if (auto failed = writeEntry(context.engine, {{QStringLiteral("member_id"), field(context.after, "member_id")},
                                                  {QStringLiteral("delta"), -context.after.value(QLatin1String("cost")).toInteger()},
                                                  {QStringLiteral("kind"), QStringLiteral("redemption")},
                                                  {QStringLiteral("source_id"), id},
                                                  {QStringLiteral("round"), 0},
                                                  {QStringLiteral("note"), reward ? field(*reward, "name") : QString()}}))
        return failed;
    if (reward && reward->value(QLatin1String("stock")).toInteger() > 0) {
        const MutationResult taken = context.engine.submitAs(
            Mutation{{}, Collection::Rewards, MutationOp::Update, field(*reward, "id"), -1,
                     {{QStringLiteral("stock"), reward->value(QLatin1String("stock")).toInteger() - 1}}},
            QString());
        if (!taken.ok)
            return taken.error;
    }
    return std::nullopt;
}

} // namespace

const CollectionSpec &redemptionsCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::Redemptions,
        .name = QStringLiteral("redemptions"),
        .table = QStringLiteral("redemptions"),
        .fields = {reference("reward_id", {Collection::Rewards, OnDelete::SetNull, "That reward is not in the catalogue any more."}),
                   reference("member_id", {Collection::Members, OnDelete::SetNull, "That person is not a member of this household."}),
                   integer("cost").atLeast(0, "Points cannot be negative."), text("status", "requested"), text("reason"),
                   reference("reviewed_by", {Collection::Members, OnDelete::SetNull, "That person is not a member of this household."})},
        .rules = [](const QJsonObject &entity) -> std::optional<MutationError> {
            const QString status = field(entity, "status");
            if (status != kRequested && status != kFulfilled && status != kDeclined)
                return invalid("status", "Status must be requested, fulfilled or declined.");
            return std::nullopt;
        },
        .childMay = [](MutationOp op, const QJsonObject &) -> std::optional<MutationError> {
            if (op == MutationOp::Create)
                return std::nullopt;
            return forbidden("Only adults can fulfil or decline a request for a reward.");
        },
        .guard = prepareRedemption,
        .effects = settleRedemption,
        .eventName = [](const Change &change) -> QString {
            const QString status = field(change.entity, "status");
            if (change.action == ChangeAction::Updated && (status == kFulfilled || status == kDeclined))
                return QStringLiteral("redemption:") + status;
            return QStringLiteral("redemption:") + changeActionName(change.action);
        },
        .eventNames = {QStringLiteral("redemption:created"), QStringLiteral("redemption:fulfilled"),
                       QStringLiteral("redemption:declined"), QStringLiteral("redemption:updated"),
                       QStringLiteral("redemption:deleted")},
        .describe = [](const Change &change, const QJsonObject &before, const HouseholdData &data) -> QString {
            const QString by = who(change, data);
            const QJsonObject &e = change.entity;
            const auto reward = data.model<RewardsModel>(Collection::Rewards).find(field(e, "reward_id"));
            const QString name = reward ? reward->name : say("a reward");
            const QString member = data.members.nameOf(field(e, "member_id"));
            if (change.action == ChangeAction::Created)
                return say("%1 asked for %2").arg(by, name);
            if (change.action == ChangeAction::Updated && changed(before, e, "status")) {
                if (field(e, "status") == kFulfilled)
                    return say("%1 gave %2 to %3").arg(by, name, member);
                if (field(e, "status") == kDeclined)
                    return say("%1 declined %2's request for %3: %4").arg(by, member, name, textOf(e, "reason"));
            }
            return {};
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<RedemptionsModel>(data.engine);
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE redemptions (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "reward_id TEXT REFERENCES rewards(id) ON DELETE SET NULL, "
                           "member_id TEXT REFERENCES members(id) ON DELETE SET NULL, "
                           "cost INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL, "
                           "reviewed_by TEXT REFERENCES members(id) ON DELETE SET NULL, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
        }},
    };
    return spec;
}

// ---- wallet entries -------------------------------------------------------------------------

namespace {

// What a client may ask of the ledger: an adult's adjustment (a bonus or a penalty, with a
// reason) or an allowance payout. Everything else — credits, reversals, debits for rewards,
// edits and deletions — only the host's own rules write.
std::optional<MutationError> prepareWalletEntry(MutationContext &context)
{
    if (context.memberId.isEmpty())
        return std::nullopt;
    if (context.mutation.op != MutationOp::Create)
        return forbidden("Wallet entries are never changed or deleted; make an adjustment instead.");
    const QString kind = field(context.after, "kind");
    if (kind != QLatin1String("adjustment") && kind != QLatin1String("allowance"))
        return forbidden("Points for chores and rewards are credited by Hearth itself, not by hand.");
    const QString member = field(context.after, "member_id");
    if (member.isEmpty())
        return invalid("member_id", "Say whose points these are.");
    const qint64 delta = context.after.value(QLatin1String("delta")).toInteger();
    if (delta == 0)
        return invalid("delta", "Enter a number of points other than zero.");
    context.after.insert(QStringLiteral("round"), 0);
    if (kind == QLatin1String("adjustment")) {
        if (field(context.after, "note").trimmed().isEmpty())
            return invalid("note", "Say why the points change (a bonus, a penalty).");
        context.after.insert(QStringLiteral("source_id"), QString());
        return std::nullopt;
    }
    if (delta > 0)
        return invalid("delta", "Paying out takes points: enter a negative number.");
    const qint64 balance = balanceOf(context.engine, member);
    if (balance < -delta)
        return conflict(QCoreApplication::translate("Collections", "Not enough points: %1 has %2.")
                            .arg(memberName(context.engine, member))
                            .arg(balance));
    // The budget transaction the payout becomes; made by effects under this id.
    context.after.insert(QStringLiteral("source_id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    return std::nullopt;
}

std::optional<MutationError> payAllowance(MutationContext &context)
{
    if (context.mutation.op != MutationOp::Create || field(context.after, "kind") != QLatin1String("allowance")
        || context.memberId.isEmpty())
        return std::nullopt;
    const qint64 points = -context.after.value(QLatin1String("delta")).toInteger();
    const QString member = field(context.after, "member_id");
    const auto household = context.engine.entity(Collection::Household, context.engine.householdId());
    const qint64 rate = household ? household->value(QLatin1String("point_rate_cents")).toInteger(10) : 10;
    const MutationResult paid = context.engine.submitAs(
        Mutation{{}, Collection::Transactions, MutationOp::Create, field(context.after, "source_id"), -1,
                 {{QStringLiteral("occurred_on"), context.engine.clock().today().toString(Qt::ISODate)},
                  {QStringLiteral("description"), QCoreApplication::translate("Collections", "Allowance for %1 (%2 points)")
                                                      .arg(memberName(context.engine, member))
                                                      .arg(points)},
                  {QStringLiteral("category"), QStringLiteral("Kids")},
                  {QStringLiteral("amount_cents"), allowanceCents(points, rate)},
                  {QStringLiteral("member_id"), member}}},
        QString());
    if (!paid.ok)
        return paid.error;
    return std::nullopt;
}

} // namespace

const CollectionSpec &walletEntriesCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::WalletEntries,
        .name = QStringLiteral("wallet_entries"),
        .table = QStringLiteral("wallet_entries"),
        .fields = {reference("member_id", {Collection::Members, OnDelete::SetNull, "That person is not a member of this household."}),
                   integer("delta").atLeast(-1000000, "That is too many points.").atMost(1000000, "That is too many points."),
                   text("kind", "adjustment"), text("source_id"), integer("round").atLeast(0, "The round cannot be negative."), text("note")},
        .rules = [](const QJsonObject &entity) -> std::optional<MutationError> {
            static const QStringList kinds = {QStringLiteral("completion"), QStringLiteral("reversal"),
                                              QStringLiteral("redemption"), QStringLiteral("adjustment"),
                                              QStringLiteral("allowance")};
            if (!kinds.contains(field(entity, "kind")))
                return invalid("kind", "Kind must be completion, reversal, redemption, adjustment or allowance.");
            return std::nullopt;
        },
        .childMay = [](MutationOp, const QJsonObject &) -> std::optional<MutationError> {
            return forbidden("Only adults can adjust points or pay them out.");
        },
        .guard = prepareWalletEntry,
        .effects = payAllowance,
        .eventName = [](const Change &change) -> QString {
            if (change.action == ChangeAction::Created)
                return change.entity.value(QLatin1String("delta")).toInteger() >= 0 ? QStringLiteral("wallet:credited")
                                                                                     : QStringLiteral("wallet:debited");
            return QStringLiteral("wallet:") + changeActionName(change.action);
        },
        .eventNames = {QStringLiteral("wallet:credited"), QStringLiteral("wallet:debited"), QStringLiteral("wallet:updated"),
                       QStringLiteral("wallet:deleted")},
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) -> QString {
            const QJsonObject &e = change.entity;
            if (change.action != ChangeAction::Created || change.userId.isEmpty())
                return {}; // credits and debits of the host are told by what caused them
            const QString member = data.members.nameOf(field(e, "member_id"));
            const qint64 delta = e.value(QLatin1String("delta")).toInteger();
            if (field(e, "kind") == QLatin1String("allowance"))
                return say("%1 paid out %2 points to %3").arg(who(change, data)).arg(-delta).arg(member);
            return delta >= 0 ? say("%1 gave %2 %3 points: %4").arg(who(change, data), member).arg(delta).arg(textOf(e, "note"))
                              : say("%1 took %2 points from %3: %4").arg(who(change, data)).arg(-delta).arg(member, textOf(e, "note"));
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<WalletModel>(data.engine, data.members);
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE wallet_entries (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "member_id TEXT REFERENCES members(id) ON DELETE SET NULL, "
                           "delta INTEGER NOT NULL, kind TEXT NOT NULL, source_id TEXT NOT NULL, round INTEGER NOT NULL, "
                           "note TEXT NOT NULL, rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX wallet_member ON wallet_entries (household_id, member_id)"),
            // Exactly once: one credit, one reversal, one debit per source and round — held by the
            // database, whatever the code above does.
            QStringLiteral("CREATE UNIQUE INDEX wallet_once ON wallet_entries (household_id, kind, source_id, round) "
                           "WHERE source_id <> ''"),
        }},
    };
    return spec;
}

} // namespace hearth
