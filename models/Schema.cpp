#include "Schema.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <array>

namespace hearth {

const FieldSpec *CollectionSpec::field(const QString &key) const
{
    for (const FieldSpec &f : fields) {
        if (f.key == key)
            return &f;
    }
    return nullptr;
}

const FieldSpec *CollectionSpec::input(const QString &key) const
{
    for (const FieldSpec &f : inputs) {
        if (f.key == key)
            return &f;
    }
    return nullptr;
}

const FieldSpec *CollectionSpec::counterStepped(const QString &key) const
{
    for (const FieldSpec &f : fields) {
        if (f.stepping && key == stepKey(f.key))
            return &f;
    }
    return nullptr;
}

QString stepKey(const QString &counterKey)
{
    return counterKey + QStringLiteral("_delta");
}

QString CollectionSpec::eventNameFor(const Change &change) const
{
    return eventName ? eventName(change) : name + QStringLiteral("_updated");
}

FieldSpec text(const char *key, const char *defaultValue)
{
    return FieldSpec{.key = QString::fromLatin1(key), .type = FieldType::Text, .defaultValue = QString::fromUtf8(defaultValue)};
}

FieldSpec real(const char *key, double defaultValue)
{
    return FieldSpec{.key = QString::fromLatin1(key), .type = FieldType::Real, .defaultValue = defaultValue};
}

FieldSpec cents(const char *key, qint64 defaultValue)
{
    return FieldSpec{.key = QString::fromLatin1(key), .type = FieldType::Cents, .defaultValue = defaultValue};
}

FieldSpec integer(const char *key, qint64 defaultValue)
{
    return FieldSpec{.key = QString::fromLatin1(key), .type = FieldType::Int, .defaultValue = defaultValue};
}

FieldSpec date(const char *key)
{
    return FieldSpec{.key = QString::fromLatin1(key), .type = FieldType::Date, .defaultValue = QJsonValue(QJsonValue::Null)};
}

FieldSpec boolean(const char *key, bool defaultValue)
{
    return FieldSpec{.key = QString::fromLatin1(key), .type = FieldType::Bool, .defaultValue = defaultValue};
}

FieldSpec reference(const char *key, Ref ref)
{
    return FieldSpec{.key = QString::fromLatin1(key), .type = FieldType::Ref, .defaultValue = QJsonValue(QJsonValue::Null),
                     .ref = ref};
}

FieldSpec list(const char *key)
{
    return FieldSpec{.key = QString::fromLatin1(key), .type = FieldType::List, .defaultValue = QJsonArray()};
}

QString eventsByEntityIndex(const QString &collectionName)
{
    return QStringLiteral("CREATE INDEX events_%1_entity ON events (household_id, entity_id, seq) WHERE collection = '%1'")
        .arg(collectionName);
}

QString previousEventSql(const QString &collectionName)
{
    // The collection as a literal (a definition's constant name, never input): SQLite picks a
    // partial index only when the query's own terms imply the index's WHERE.
    return QStringLiteral("SELECT action, entity FROM events WHERE household_id = ? AND collection = '%1' "
                          "AND entity_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1")
        .arg(collectionName);
}

QJsonArray listFromText(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).array();
}

#define HEARTH_DECLARE_DEFINITION(name, definition) const CollectionSpec &definition();
HEARTH_COLLECTIONS(HEARTH_DECLARE_DEFINITION)
#undef HEARTH_DECLARE_DEFINITION

namespace {

using Registry = std::array<const CollectionSpec *, kCollectionCount>;

Registry buildRegistry()
{
#define HEARTH_DEFINITION(name, definition) &definition(),
    Registry registry{HEARTH_COLLECTIONS(HEARTH_DEFINITION)};
#undef HEARTH_DEFINITION
    for (std::size_t i = 0; i < registry.size(); ++i) {
        // A definition for the wrong line, or a reference to a collection listed after it, is a
        // programming error caught at start-up by every test.
        Q_ASSERT_X(collectionIndex(registry[i]->collection) == i, "collectionSpec", "definition listed on the wrong line");
        for (const FieldSpec &f : registry[i]->fields)
            Q_ASSERT_X(!f.ref || collectionIndex(f.ref->target) < i, "collectionSpec",
                       "a collection must be listed after every collection it refers to");
    }
    return registry;
}

} // namespace

const CollectionSpec &collectionSpec(Collection collection)
{
    static const Registry registry = buildRegistry();
    return *registry[collectionIndex(collection)];
}

const QList<QStringList> &schemaMigrations()
{
    static const QList<QStringList> migrations = {
        // 0 -> 1: the household, its members and every collection, plus the event log for sync.
        {
            QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE households (id TEXT PRIMARY KEY, household_id TEXT NOT NULL, "
                           "name TEXT NOT NULL, currency TEXT NOT NULL, budget_limit_cents INTEGER NOT NULL, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL, CHECK (household_id = id))"),
            QStringLiteral("CREATE TABLE members (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "name TEXT NOT NULL, role TEXT NOT NULL, color TEXT NOT NULL, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE pantry_items (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "name TEXT NOT NULL, quantity REAL NOT NULL CHECK (quantity >= 0), unit TEXT NOT NULL, "
                           "category TEXT NOT NULL, location TEXT NOT NULL, expires_on TEXT, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE transactions (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "occurred_on TEXT NOT NULL, description TEXT NOT NULL, category TEXT NOT NULL, "
                           "amount_cents INTEGER NOT NULL, member_id TEXT REFERENCES members(id) ON DELETE SET NULL, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE goals (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "name TEXT NOT NULL, target_cents INTEGER NOT NULL, saved_cents INTEGER NOT NULL, "
                           "target_date TEXT NOT NULL, started_on TEXT, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE board_columns (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "name TEXT NOT NULL, position REAL NOT NULL, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE board_cards (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "column_id TEXT NOT NULL REFERENCES board_columns(id) ON DELETE RESTRICT, "
                           "title TEXT NOT NULL, quantity TEXT NOT NULL, category TEXT NOT NULL, note TEXT NOT NULL, "
                           "assignee_id TEXT REFERENCES members(id) ON DELETE SET NULL, "
                           "done INTEGER NOT NULL, position REAL NOT NULL, "
                           "rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE events (household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "seq INTEGER NOT NULL, collection TEXT NOT NULL, action TEXT NOT NULL, "
                           "entity_id TEXT NOT NULL, entity TEXT NOT NULL, rev INTEGER NOT NULL, "
                           "user_id TEXT, mutation_id TEXT NOT NULL, ts TEXT NOT NULL, "
                           "PRIMARY KEY (household_id, seq)) WITHOUT ROWID"),
            QStringLiteral("CREATE UNIQUE INDEX events_mutation ON events (household_id, mutation_id)"),
            QStringLiteral("CREATE INDEX members_household ON members (household_id)"),
            QStringLiteral("CREATE INDEX pantry_household ON pantry_items (household_id)"),
            QStringLiteral("CREATE INDEX transactions_household ON transactions (household_id, occurred_on)"),
            QStringLiteral("CREATE INDEX goals_household ON goals (household_id)"),
            QStringLiteral("CREATE INDEX columns_household ON board_columns (household_id)"),
            QStringLiteral("CREATE INDEX cards_household ON board_cards (household_id, column_id)"),
        },
        // 1 -> 2: live sync. Invites admit new devices to a hosted household; a joined household
        // keeps where it syncs from and how far it got, and an outbox of edits not yet acknowledged.
        {
            QStringLiteral("CREATE TABLE invites (code TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "role TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, "
                           "revoked INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE sync_state (household_id TEXT PRIMARY KEY, host_url TEXT NOT NULL, "
                           "member_id TEXT NOT NULL, token TEXT NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE outbox (position INTEGER PRIMARY KEY AUTOINCREMENT, "
                           "household_id TEXT NOT NULL, mutation_id TEXT NOT NULL UNIQUE, "
                           "collection TEXT NOT NULL, entity_id TEXT NOT NULL, "
                           "message TEXT NOT NULL, before TEXT, created_at TEXT NOT NULL)"),
        },
        // 2 -> 3: credentials. A host knows each paired device (its refresh credential, kept only
        // as a hash, and whether it was signed out); a joined copy remembers its device id and
        // the host certificate it pinned at pairing.
        {
            QStringLiteral("CREATE TABLE devices (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE, "
                           "name TEXT NOT NULL, refresh_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, "
                           "last_seen_at TEXT, revoked_at TEXT)"),
            QStringLiteral("CREATE INDEX devices_member ON devices (member_id)"),
            QStringLiteral("ALTER TABLE invites ADD COLUMN used_by TEXT"), // an invite admits one device
            QStringLiteral("ALTER TABLE sync_state ADD COLUMN device_id TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE sync_state ADD COLUMN fingerprint TEXT NOT NULL DEFAULT ''"),
        },
        // 3 -> 4: collections keep their own schema steps (CollectionSpec::migrations); this
        // counts how many of each collection's steps a store has had.
        {
            QStringLiteral("CREATE TABLE collection_schema (collection TEXT PRIMARY KEY, steps INTEGER NOT NULL)"),
        },
        // 4 -> 5: an invite can be made for a member already in the household ("this code is for
        // Sam"): redeeming it adds a device to that member instead of making a new one.
        {
            // A removed member's open codes go with them (a NULL member_id is a code for someone new).
            QStringLiteral("ALTER TABLE invites ADD COLUMN member_id TEXT REFERENCES members(id) ON DELETE CASCADE"),
        },
    };
    return migrations;
}

} // namespace hearth
