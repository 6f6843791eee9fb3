#pragma once

#include "Mutation.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <QString>

namespace hearth {

enum class FieldType {
    Text,  // free text, trimmed
    Real,  // finite number (pantry quantities)
    Cents, // integer money
    Int,   // whole number (points, counts)
    Date,  // ISO-8601 date or null
    Bool,
    Ref,   // id of another entity or null
    List,  // a JSON array (of objects or values): an array on the wire, compact JSON text in its column
};

// What happens to the rows that name an entity when it is deleted.
enum class OnDelete {
    SetNull,  // the field is cleared first, through the engine, so every device hears of it
    Restrict, // the delete is refused while any row names it
};

// What a step of a counter does at the field's limits (atLeast/atMost).
enum class StepLimit {
    Refuse, // a step past a limit is refused like any value past it (a goal's savings)
    Clamp,  // a step stops at the limit (a pantry quantity never goes below zero)
};

// How an update sent with a stale `base_rev` (someone else changed the entity since the sender
// saw it) resolves a field that both changed; fields only one side changed merge by themselves.
enum class MergeRule {
    ServerWins, // the value as stored stays; the sender's is reported back as a conflict (default)
    Higher,     // the larger number wins (an ingredient's quantity, a purchased quantity)
    Precedence, // the value earlier in FieldSpec::mergeOrder wins (a task: done > in_progress > todo > blocked)
    Either,     // a bool that is true when either side says so (purchased)
};

// The field an update steps a counter with: "quantity" -> "quantity_delta".
QString stepKey(const QString &counterKey);

// A field naming an entity of another collection of the same household.
struct Ref
{
    Collection target;
    OnDelete onDelete = OnDelete::SetNull;
    const char *missing = nullptr; // the sentence when the id names nothing (or a required ref is empty)
    const char *inUse = nullptr;   // Restrict: the sentence when a delete is refused
};

struct FieldSpec
{
    QString key = {};     // the wire name, also the SQL column name
    FieldType type = FieldType::Text;
    bool required = false;
    QJsonValue defaultValue = {};   // used on create when the field is missing
    const char *missing = nullptr;  // required: the sentence when it is blank
    std::optional<Ref> ref = {};    // FieldType::Ref: what it names
    std::optional<double> minimum = {}; // numbers: the smallest value allowed ...
    const char *tooSmall = nullptr; // ... and the sentence when below it
    std::optional<double> maximum = {};
    const char *tooLarge = nullptr;
    // A counter: besides being set, an update may step it with `<key>_delta`, a number the engine
    // adds to the value as stored, so steps made on several devices at once all count.
    std::optional<StepLimit> stepping = {};
    // Text and List: the most characters (a list: bytes of its compact UTF-8 JSON) instead of the 500 every
    // text may have, and the sentence when longer (a base64 image, a receipt's lines).
    std::optional<qsizetype> maxLength = {};
    const char *tooLong = nullptr;
    // A stale update's rule for this field (MergeRule), and for Precedence the values, strongest first.
    MergeRule merge = MergeRule::ServerWins;
    QStringList mergeOrder = {};

    FieldSpec &mergeBy(MergeRule rule) { merge = rule; return *this; }
    FieldSpec &mergeByPrecedence(QStringList strongestFirst) { merge = MergeRule::Precedence; mergeOrder = std::move(strongestFirst); return *this; }
    FieldSpec &counter(StepLimit atLimit = StepLimit::Refuse) { stepping = atLimit; return *this; }
    FieldSpec &require(const char *sentence) { required = true; missing = sentence; return *this; }
    FieldSpec &atLeast(double value, const char *sentence) { minimum = value; tooSmall = sentence; return *this; }
    FieldSpec &atMost(double value, const char *sentence) { maximum = value; tooLarge = sentence; return *this; }
    FieldSpec &refersTo(Ref target) { ref = target; return *this; }
    FieldSpec &longest(qsizetype characters, const char *sentence) { maxLength = characters; tooLong = sentence; return *this; }
};

// Field constructors for definitions: text("name").require("Give the item a name."), ...
FieldSpec text(const char *key, const char *defaultValue = "");
FieldSpec real(const char *key, double defaultValue = 0);
FieldSpec cents(const char *key, qint64 defaultValue = 0);
FieldSpec integer(const char *key, qint64 defaultValue = 0);
FieldSpec date(const char *key);
FieldSpec boolean(const char *key, bool defaultValue = false);
FieldSpec reference(const char *key, Ref ref);
FieldSpec list(const char *key); // an empty array unless given
// The index a collection with a visibility rule adds to the event log (one of its migration
// steps): the host reads an entity's previous event to tell what a member was shown before an
// update, and without it that read walks the household's log back. Partial, so the other
// collections' events cost nothing more to write; a query uses it only when it names the
// collection as a literal (previousEventSql).
QString eventsByEntityIndex(const QString &collectionName);
// SELECT action, entity of an entity's latest event before a seq; binds household id, entity id, seq.
QString previousEventSql(const QString &collectionName);
// A List column's text read back as the array it stores (an empty array when it is not one).
QJsonArray listFromText(const QString &text);

class AuthoritativeEngine;
class Clock;
class CollectionModel;
class HouseholdData;
struct Change;

// What a collection's host-side hooks see of one mutation while it is being applied.
struct MutationContext
{
    AuthoritativeEngine &engine;
    const Mutation &mutation;
    QString memberId;                  // on whose behalf; empty for the system itself
    QString role;                      // that member's role ("adult", "child"; empty for the system)
    std::optional<QJsonObject> before; // the entity now, when it exists
    QJsonObject after;                 // the entity as it will be written (before it, for a delete)
    QJsonObject input = {};            // the mutation's CollectionSpec::inputs, type-checked
};

// Who a socket, a snapshot or a replay is for, as the host sees them: what decides what of a
// household they may be shown (a gift meant as a surprise for them is not).
struct Viewer
{
    QString memberId;
    QString role;                        // "adult", "child"
    QHash<QString, QString> memberRoles; // every member of the household: id -> role
    QJsonObject household;               // the household's row (its settings)
};

// What one viewer may see of an entity: nullopt when nothing, not even that it exists; else the
// entity as they may see it (fields left out or replaced). Decided from the entity and the viewer
// alone, so the host can apply it to a broadcast, a replayed event and a snapshot row alike.
using VisibilityRule = std::function<std::optional<QJsonObject>(const QJsonObject &entity, const Viewer &viewer)>;

using EntityRule = std::function<std::optional<MutationError>(const QJsonObject &entity)>;
using ChildRule = std::function<std::optional<MutationError>(MutationOp op, const QJsonObject &fields)>;
using HostRule = std::function<std::optional<MutationError>(MutationContext &context)>;

// What a system does when a collection other than its own changes (event planning: a shopping
// card bought makes its ingredient available; a transaction of an event moves the event's budget
// status). Run on the host after that change and its effects, in the same unit, with that change's
// context; it writes as the system (engine.submitAs(..., QString())).
struct Reaction
{
    Collection to;
    HostRule react;
};

// One household system's collection, described once: its wire name and events, its table and
// fields, its rules, how a change reads to a person, and the model that shows it. The engine,
// the store, the protocol, the session and the models all derive what they need from this.
struct CollectionSpec
{
    Collection collection;
    QString name = {};  // wire name: "pantry", "board_cards"
    QString table = {}; // SQL table
    QList<FieldSpec> fields = {};
    // What a mutation may carry for the host's guard and effects that is neither stored nor
    // announced (an import's rows, which become transactions): checked like `fields` (type and
    // size), then handed over in MutationContext::input and dropped, so the entity, the snapshot
    // and the broadcast stay small.
    QList<FieldSpec> inputs = {};

    // The collection's own rules on a complete entity, after types, required fields, limits and
    // references (which come from `fields`) have been checked.
    EntityRule rules = {};
    // What a child may do (adults may do everything); nullopt when allowed. Unset: nothing.
    ChildRule childMay = {};
    // Host-side checks with the whole household at hand (balances, transitions), run before the
    // entity is validated and written; a guard may complete `after` with what only the host
    // decides (a status, a copied price). Then consequences, written by the system after the
    // entity, in the same unit: all of it or none.
    HostRule guard = {};
    HostRule effects = {};
    // Consequences of other collections' changes (Reaction), so a system that follows another
    // (event planning following the shopping board and the budget) stays in its own file.
    QList<Reaction> reactions = {};

    // The event name a change goes out under, and every name it can go out under (to read them
    // back). Unset: "<name>_updated".
    std::function<QString(const Change &change)> eventName = {};
    QStringList eventNames = {};
    // What a change's broadcast carries besides the envelope (collection, action, entity, ...):
    // keys added to its `data` (`receipt_id`, `item_count`), worked out from the change alone so
    // a replayed event carries them too. Unset: the envelope only.
    std::function<QJsonObject(const Change &change)> eventData = {};

    // What each member may be shown (docs/protocol.md, "What a member is shown"). Unset: every
    // member of the household sees every entity whole. The host applies it to every broadcast,
    // replay, snapshot and HTTP snapshot per member; an event a member may not see goes out to
    // them as a bare `seq_advance`.
    VisibilityRule visibleTo = {};
    // The household fields `visibleTo` reads (settings). When one of them, or a member's role,
    // changes, what a member may see of entities already sent changes too: the host tells those
    // sockets `resync_required` and they refetch.
    QStringList visibilityReads = {};
    // One sentence for a change made by someone else ("Sam added Milk to the pantry"); empty to
    // say nothing. `before` is the entity before an update, when known.
    std::function<QString(const Change &change, const QJsonObject &before, const HouseholdData &data)> describe = {};
    // A sentence for one member only, or empty when the change is nothing for them: a notice that
    // goes to a role or an assignee ("You can start: Set the tables" to whoever the task is for,
    // "Tomatoes are now available (2 kg)" to the event's cooks). Told to the member at the device
    // besides `describe`, also for their own changes' consequences (written by the system).
    std::function<QString(const Change &change, const QJsonObject &before, const HouseholdData &data, const QString &memberId)> noticeFor = {};

    // The model that shows the collection; made in dependency order, so it may use the models
    // of the collections before it.
    std::function<std::unique_ptr<CollectionModel>(HouseholdData &data)> makeModel = {};

    // Adds this system's part of the demo household (members Alex, Sam and Mia exist); unset
    // for the systems DemoData fills itself.
    std::function<bool(AuthoritativeEngine &engine, const Clock &clock, QString *error)> fillDemo = {};

    // The collection's own schema steps, in order, each applied once per store (tracked in
    // collection_schema). Empty for the first seven, whose tables the core migrations made.
    QList<QStringList> migrations = {};

    const FieldSpec *field(const QString &key) const;
    const FieldSpec *input(const QString &key) const;
    // The counter that `key` steps ("quantity" for "quantity_delta"), or null.
    const FieldSpec *counterStepped(const QString &key) const;
    QString eventNameFor(const Change &change) const;
};

const CollectionSpec &collectionSpec(Collection collection);

// The schema version this build writes; stores from a newer build are refused.
inline constexpr int kSchemaVersion = 5;
// From this version on, collection_schema counts each collection's own schema steps.
inline constexpr int kCollectionSchemaVersion = 4;

// 'HRTH': marks a SQLite file as a Hearth store so foreign databases are refused, not altered.
inline constexpr int kApplicationId = 0x48525448;

// Ordered migrations: entry i brings a store from version i to i + 1.
const QList<QStringList> &schemaMigrations();

} // namespace hearth
