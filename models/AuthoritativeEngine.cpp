#include "AuthoritativeEngine.h"

#include "Clock.h"
#include "JsonWriter.h"
#include "Merge.h"
#include "Permissions.h"
#include "SqlStatement.h"
#include "Store.h"
#include "Validation.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace hearth {

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Binds a JSON value as what SQLite stores for a field of this type (a missing value as NULL).
void bindField(SqlStatement &statement, int index, FieldType type, const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined()) {
        statement.bindNull(index);
        return;
    }
    switch (type) {
    case FieldType::Real: statement.bind(index, value.toDouble()); break;
    case FieldType::Cents:
    case FieldType::Int: statement.bind(index, qint64(value.toInteger())); break;
    case FieldType::Bool: statement.bind(index, qint64(value.toBool() ? 1 : 0)); break;
    case FieldType::List: {
        QByteArray text;
        json::writeValue(text, value);
        statement.bindUtf8(index, text);
        break;
    }
    default: statement.bind(index, value.toString()); break;
    }
}

// What a NULL column reads as: empty text, an empty list, or null.
QJsonValue nullValue(FieldType type)
{
    return type == FieldType::Text ? QJsonValue(QString()) : type == FieldType::List ? QJsonValue(QJsonArray()) : QJsonValue(QJsonValue::Null);
}

// A column of the current row as the JSON value of a field of this type.
QJsonValue fromColumn(FieldType type, const SqlStatement &row, int column)
{
    if (row.isNull(column))
        return nullValue(type);
    switch (type) {
    case FieldType::Real: return row.real(column);
    case FieldType::Cents:
    case FieldType::Int: return row.int64(column);
    case FieldType::Bool: return row.int64(column) != 0;
    case FieldType::List: return listFromText(row.text(column));
    default: return row.text(column);
    }
}

QJsonValue fromSqlValue(FieldType type, const QVariant &value)
{
    if (value.isNull())
        return nullValue(type);
    switch (type) {
    case FieldType::Real: return value.toDouble();
    case FieldType::Cents:
    case FieldType::Int: return value.toLongLong();
    case FieldType::Bool: return value.toInt() != 0;
    case FieldType::List: return listFromText(value.toString());
    default: return value.toString();
    }
}

// A counter's value after a step: the sum, stopped at the field's limits when it clamps.
QJsonValue stepped(const FieldSpec &counter, const QJsonValue &now, const QJsonValue &step)
{
    double value = now.toDouble() + step.toDouble();
    if (counter.stepping == StepLimit::Clamp) {
        if (counter.minimum)
            value = std::max(value, *counter.minimum);
        if (counter.maximum)
            value = std::min(value, *counter.maximum);
    }
    return counter.type == FieldType::Real ? QJsonValue(value) : QJsonValue(qint64(std::llround(value)));
}

// Takes the counters' steps (`quantity_delta`) out of `fields`; refuses them where they mean nothing.
std::optional<MutationError> takeSteps(const CollectionSpec &spec, MutationOp op, QJsonObject &fields, QJsonObject *steps)
{
    for (auto it = fields.begin(); it != fields.end();) {
        const FieldSpec *counter = spec.counterStepped(it.key());
        if (!counter) {
            ++it;
            continue;
        }
        if (op != MutationOp::Update)
            return MutationError{QStringLiteral("invalid"), QStringLiteral("Only a change to an existing item can step %1.").arg(counter->key),
                                 it.key()};
        if (fields.contains(counter->key))
            return MutationError{QStringLiteral("invalid"), QStringLiteral("Set %1 or step it, not both.").arg(counter->key), it.key()};
        steps->insert(it.key(), it.value());
        it = fields.erase(it);
    }
    return std::nullopt;
}

// Takes the collection's inputs (CollectionSpec::inputs) out of `fields`: never stored or announced.
QJsonObject takeInputs(const CollectionSpec &spec, QJsonObject &fields)
{
    QJsonObject inputs;
    for (const FieldSpec &input : spec.inputs) {
        if (const auto it = fields.find(input.key); it != fields.end()) {
            inputs.insert(input.key, it.value());
            fields.erase(it);
        }
    }
    return inputs;
}

QString fieldList(const CollectionSpec &spec)
{
    QStringList names;
    for (const FieldSpec &f : spec.fields)
        names << f.key;
    return names.join(QLatin1String(", "));
}

// The fields of an entity someone other than `memberId` changed since it was at `baseRev`, from
// the event log; nullopt when the log no longer holds the entity at that rev (trimmed).
//
// The query reads the entity's newest events back to `baseRev`: an entity's events carry revs
// one apart, so those are exactly the newest `currentRev - baseRev + 1`, and the LIMIT stops the
// read there. A collection with its own partial index on the log (events_<name>_entity, made for a
// visibility rule) is read through it, because the collection is named as a literal; any other
// walks the household's log back from its head (its primary key, in seq order) until it has them,
// which costs the events written since the sender last saw the entity. That is cheaper overall than
// an index for every collection, which every write would pay for: a stale update is the exception
// (two members editing one item while apart), a write is every edit. Only a base the log no longer
// holds reads the whole (trimmed) log.
std::optional<QSet<QString>> changedByOthersSince(Store &store, const QString &householdId, const CollectionSpec &spec,
                                                  const QString &entityId, qint64 baseRev, qint64 currentRev,
                                                  const QString &memberId)
{
    if (baseRev < 1) // revs start at 1: no entity was ever at that base
        return std::nullopt;
    SqlStatement::Run query(store.statement(QStringLiteral("SELECT rev, user_id, entity FROM events WHERE household_id = ? "
                                                           "AND collection = '%1' AND entity_id = ? AND rev >= ? "
                                                           "ORDER BY seq DESC LIMIT ?")
                                                .arg(spec.name)));
    query->bind(0, householdId);
    query->bind(1, entityId);
    query->bind(2, baseRev);
    query->bind(3, currentRev - baseRev + 1);
    struct Step
    {
        qint64 rev;
        QString userId;
        QJsonObject entity;
    };
    QList<Step> newestFirst;
    while (query->step())
        newestFirst.append({query->int64(0), query->isNull(1) ? QString() : query->text(1),
                            QJsonDocument::fromJson(query->text(2).toUtf8()).object()});
    if (newestFirst.isEmpty() || newestFirst.last().rev != baseRev)
        return std::nullopt;
    QSet<QString> theirs;
    for (qsizetype i = newestFirst.size() - 1; i > 0; --i) {
        const Step &next = newestFirst.at(i - 1);
        if (next.userId != memberId) // the system's own changes (effects, cleared references) are not the sender's either
            theirs.unite(changedFields(spec, newestFirst.at(i).entity, next.entity));
    }
    return theirs;
}

// Resolves a stale update's `fields` against the entity as stored: a field only the sender changed
// since its base applies as sent; one someone else changed too goes by its MergeRule and is
// reported. Without the base (`theirs` unknown) every field that differs counts as changed by others.
QJsonArray mergeStale(const CollectionSpec &spec, const std::optional<QSet<QString>> &theirs, const QJsonObject &current,
                      QJsonObject &fields)
{
    QJsonArray merged;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const FieldSpec *field = spec.field(it.key());
        const QJsonValue stored = current.value(it.key());
        if (!field || sameFieldValue(it.value(), stored) || (theirs && !theirs->contains(it.key())))
            continue;
        const QJsonValue mine = it.value();
        const FieldMerge merge = mergeField(*field, mine, stored);
        merged.append(mergedEntry(it.key(), mine, stored, merge));
        it.value() = merge.result;
    }
    return merged;
}

} // namespace

AuthoritativeEngine::AuthoritativeEngine(Store &store, const Clock &clock, QString householdId,
                                         QString actingMemberId, QObject *parent)
    : HouseholdEngine(parent)
    , m_store(store)
    , m_clock(clock)
    , m_householdId(std::move(householdId))
    , m_actingMemberId(std::move(actingMemberId))
{
    reloadHeadSeq();
}

AuthoritativeEngine::~AuthoritativeEngine() = default;

void AuthoritativeEngine::reloadHeadSeq()
{
    m_roles.clear();
    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events WHERE household_id = ?"));
    query.addBindValue(m_householdId);
    if (query.exec() && query.next())
        m_headSeq = query.value(0).toLongLong();
}

QJsonArray AuthoritativeEngine::snapshot(Collection collection) const
{
    const CollectionSpec &spec = collectionSpec(collection);
    QSqlQuery query(m_store.database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, %1, rev, updated_at FROM %2 WHERE household_id = ?").arg(fieldList(spec), spec.table));
    query.addBindValue(m_householdId);
    QJsonArray rows;
    if (!query.exec())
        return rows;
    while (query.next()) {
        QJsonObject object;
        object.insert(QStringLiteral("id"), query.value(0).toString());
        int column = 1;
        for (const FieldSpec &f : spec.fields)
            object.insert(f.key, fromSqlValue(f.type, query.value(column++)));
        object.insert(QStringLiteral("rev"), query.value(column++).toLongLong());
        object.insert(QStringLiteral("updated_at"), query.value(column).toString());
        rows.append(object);
    }
    return rows;
}

QList<Change> AuthoritativeEngine::eventsSince(qint64 since, bool *complete) const
{
    QList<Change> events;
    *complete = false;
    if (since >= m_headSeq) {
        *complete = since == m_headSeq;
        return events;
    }
    QSqlQuery first(m_store.database());
    first.prepare(QStringLiteral("SELECT MIN(seq) FROM events WHERE household_id = ?"));
    first.addBindValue(m_householdId);
    // An empty log (trimmed to nothing) no longer reaches back either: since < head here.
    if (!first.exec() || !first.next() || first.value(0).isNull() || first.value(0).toLongLong() > since + 1)
        return events; // trimmed past `since`: the client must refetch
    QSqlQuery query(m_store.database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT seq, collection, action, entity_id, entity, rev, user_id, mutation_id, ts "
                                 "FROM events WHERE household_id = ? AND seq > ? ORDER BY seq"));
    query.addBindValue(m_householdId);
    query.addBindValue(since);
    if (!query.exec())
        return events;
    while (query.next()) {
        Change c;
        c.seq = query.value(0).toLongLong();
        collectionFromName(query.value(1).toString(), &c.collection);
        const QString action = query.value(2).toString();
        c.action = action == QLatin1String("created") ? ChangeAction::Created
            : action == QLatin1String("updated")      ? ChangeAction::Updated
                                                      : ChangeAction::Deleted;
        c.entityId = query.value(3).toString();
        c.entity = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
        c.rev = query.value(5).toLongLong();
        c.userId = query.value(6).toString();
        c.mutationId = query.value(7).toString();
        c.timestamp = query.value(8).toString();
        events.append(c);
    }
    *complete = true;
    return events;
}

int AuthoritativeEngine::trimEvents(qint64 keepEvents, int keepDays)
{
    const QString cutoff = m_clock.now().toUTC().addDays(-keepDays).toString(Qt::ISODateWithMs);
    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("DELETE FROM events WHERE household_id = ? AND seq <= ? AND ts < ?"));
    query.addBindValue(m_householdId);
    query.addBindValue(m_headSeq - keepEvents);
    query.addBindValue(cutoff);
    if (!query.exec())
        return 0;
    return query.numRowsAffected();
}

SqlStatement &AuthoritativeEngine::statement(Sql kind, Collection collection) const
{
    SqlStatement *&slot = m_statements[std::size_t(kind) * kCollectionCount + std::size_t(collection)];
    if (slot)
        return *slot;
    const CollectionSpec &spec = collectionSpec(collection);
    QString sql;
    switch (kind) {
    case Sql::Select:
        sql = QStringLiteral("SELECT %1, rev, updated_at FROM %2 WHERE id = ? AND household_id = ?").arg(fieldList(spec), spec.table);
        break;
    case Sql::Exists:
        sql = QStringLiteral("SELECT 1 FROM %1 WHERE id = ? AND household_id = ?").arg(spec.table);
        break;
    case Sql::Insert: {
        const QStringList marks(spec.fields.size() + 4, QStringLiteral("?"));
        sql = QStringLiteral("INSERT INTO %1 (id, household_id, %2, rev, updated_at) VALUES (%3)")
                  .arg(spec.table, fieldList(spec), marks.join(QLatin1Char(',')));
        break;
    }
    case Sql::Update: {
        QStringList assignments;
        for (const FieldSpec &f : spec.fields)
            assignments << f.key + QStringLiteral(" = ?");
        sql = QStringLiteral("UPDATE %1 SET %2, rev = ?, updated_at = ? WHERE id = ? AND household_id = ?")
                  .arg(spec.table, assignments.join(QLatin1String(", ")));
        break;
    }
    case Sql::Delete:
        sql = QStringLiteral("DELETE FROM %1 WHERE id = ? AND household_id = ?").arg(spec.table);
        break;
    case Sql::Previous:
        sql = QStringLiteral("SELECT seq, entity_id, rev FROM events WHERE household_id = ? AND mutation_id = ?");
        break;
    case Sql::Event:
        sql = QStringLiteral("INSERT INTO events (household_id, seq, collection, action, entity_id, "
                             "entity, rev, user_id, mutation_id, ts) VALUES (?,?,?,?,?,?,?,?,?,?)");
        break;
    case Sql::Role:
        sql = QStringLiteral("SELECT role FROM members WHERE id = ? AND household_id = ?");
        break;
    case Sql::Count:
        Q_UNREACHABLE();
    }
    slot = &m_store.statement(sql);
    return *slot;
}

QString AuthoritativeEngine::roleOf(const QString &memberId) const
{
    if (memberId.isEmpty())
        return {}; // the system itself (pairing, household creation)
    if (const auto known = m_roles.constFind(memberId); known != m_roles.cend())
        return *known;
    SqlStatement::Run query(statement(Sql::Role));
    query->bind(0, memberId);
    query->bind(1, m_householdId);
    const bool found = query->step();
    const QString role = found ? query->text(0) : QString();
    if (found)
        m_roles.insert(memberId, role);
    return role;
}

bool AuthoritativeEngine::exists(Collection collection, const QString &entityId) const
{
    SqlStatement::Run query(statement(Sql::Exists, collection));
    query->bind(0, entityId);
    query->bind(1, m_householdId);
    return query->step();
}

std::optional<QJsonObject> AuthoritativeEngine::entity(Collection collection, const QString &entityId) const
{
    const CollectionSpec &spec = collectionSpec(collection);
    SqlStatement::Run query(statement(Sql::Select, collection));
    query->bind(0, entityId);
    query->bind(1, m_householdId);
    if (!query->step())
        return std::nullopt;
    QJsonObject object;
    object.insert(QStringLiteral("id"), entityId);
    int column = 0;
    for (const FieldSpec &f : spec.fields)
        object.insert(f.key, fromColumn(f.type, *query, column++));
    object.insert(QStringLiteral("rev"), query->int64(column++));
    object.insert(QStringLiteral("updated_at"), query->text(column));
    return object;
}

std::optional<MutationResult> AuthoritativeEngine::previousResult(const QString &mutationId) const
{
    SqlStatement::Run query(statement(Sql::Previous));
    query->bind(0, m_householdId);
    query->bind(1, mutationId);
    if (!query->step())
        return std::nullopt;
    MutationResult result;
    result.ok = true;
    result.seq = query->int64(0);
    result.entityId = query->text(1);
    result.rev = query->int64(2);
    return result;
}

bool AuthoritativeEngine::writeEntity(const CollectionSpec &spec, MutationOp op, const QJsonObject &entity,
                                      QString *error)
{
    const QString id = entity.value(QLatin1String("id")).toString();
    const Sql kind = op == MutationOp::Create ? Sql::Insert : op == MutationOp::Update ? Sql::Update : Sql::Delete;
    SqlStatement::Run query(statement(kind, spec.collection));
    int i = 0;
    switch (op) {
    case MutationOp::Create:
        query->bind(i++, id);
        query->bind(i++, m_householdId);
        for (const FieldSpec &f : spec.fields)
            bindField(*query, i++, f.type, entity.value(f.key));
        query->bind(i++, qint64(entity.value(QLatin1String("rev")).toInteger()));
        query->bind(i, entity.value(QLatin1String("updated_at")).toString());
        break;
    case MutationOp::Update:
        for (const FieldSpec &f : spec.fields)
            bindField(*query, i++, f.type, entity.value(f.key));
        query->bind(i++, qint64(entity.value(QLatin1String("rev")).toInteger()));
        query->bind(i++, entity.value(QLatin1String("updated_at")).toString());
        query->bind(i++, id);
        query->bind(i, m_householdId);
        break;
    case MutationOp::Delete:
        query->bind(0, id);
        query->bind(1, m_householdId);
        break;
    }
    query->step();
    if (!query->ok() && error)
        *error = query->errorText();
    return query->ok();
}

bool AuthoritativeEngine::appendEvent(const Change &change, QString *error)
{
    SqlStatement::Run query(statement(Sql::Event));
    query->bind(0, m_householdId);
    query->bind(1, change.seq);
    query->bind(2, collectionName(change.collection));
    query->bind(3, changeActionName(change.action));
    query->bind(4, change.entityId);
    query->bindUtf8(5, change.entityJson.isEmpty() ? json::compact(change.entity) : change.entityJson);
    query->bind(6, change.rev);
    if (change.userId.isEmpty())
        query->bindNull(7);
    else
        query->bind(7, change.userId);
    query->bind(8, change.mutationId);
    query->bind(9, change.timestamp);
    query->step();
    if (!query->ok() && error)
        *error = query->errorText();
    return query->ok();
}

MutationResult AuthoritativeEngine::storageFailure(Store &store, const QString &detail)
{
    if (store.outOfSpace())
        return MutationResult::failure(QStringLiteral("storage_full"),
                                       QStringLiteral("The household's disk is full, so the change was not saved; "
                                                      "it can be saved once some space is freed."));
    return MutationResult::failure(QStringLiteral("storage"),
                                   detail.isEmpty() ? QStringLiteral("The change could not be saved; try again.")
                                                    : QStringLiteral("The change could not be saved (%1).").arg(detail));
}

MutationResult AuthoritativeEngine::submit(const Mutation &mutation)
{
    const MutationResult result = submitAs(mutation, m_actingMemberId);
    if (result.ok && !result.merged.isEmpty())
        Q_EMIT merged(mutation.collection, result.entityId, result.merged);
    return result;
}

MutationResult AuthoritativeEngine::submitFor(const Mutation &mutation, const QString &senderId, const QString &actingId)
{
    if (actingId.isEmpty() || actingId == senderId)
        return submitAs(mutation, senderId);
    // A member id of another household (or none) has no role here, and no role means no limits:
    // the sender must be an adult, and the member someone of this household.
    if (roleOf(senderId) != Permissions::kAdult)
        return MutationResult::failure(QStringLiteral("forbidden"),
                                       QStringLiteral("Only a device paired by an adult can make changes for another member."));
    if (roleOf(actingId).isEmpty())
        return MutationResult::failure(QStringLiteral("forbidden"), QStringLiteral("That member is not in this household."));
    return submitAs(mutation, actingId);
}

QStringList AuthoritativeEngine::referrers(Collection collection, const FieldSpec &field, const QString &targetId) const
{
    SqlStatement::Run naming(m_store.statement(QStringLiteral("SELECT id FROM %1 WHERE household_id = ? AND %2 = ?")
                                                   .arg(collectionSpec(collection).table, field.key)));
    naming->bind(0, m_householdId);
    naming->bind(1, targetId);
    QStringList ids;
    while (naming->step())
        ids << naming->text(0);
    return ids;
}

std::optional<MutationResult> AuthoritativeEngine::settleReferencesTo(Collection target, const QString &targetId)
{
    // The most dependent collections first, the order their rows would be removed in.
    for (std::size_t i = kCollectionCount; i-- > 0;) {
        const CollectionSpec &spec = collectionSpec(Collection(i));
        for (const FieldSpec &field : spec.fields) {
            if (!field.ref || field.ref->target != target)
                continue;
            const QStringList ids = referrers(spec.collection, field, targetId);
            if (ids.isEmpty())
                continue;
            if (field.ref->onDelete == OnDelete::Restrict)
                return MutationResult::failure(QStringLiteral("conflict"), QString::fromUtf8(field.ref->inUse));
            for (const QString &id : ids) {
                const MutationResult cleared =
                    submitAs(Mutation{{}, spec.collection, MutationOp::Update, id, -1, {{field.key, QJsonValue::Null}}}, QString());
                if (!cleared.ok)
                    return cleared;
            }
        }
    }
    return std::nullopt;
}

const QList<const Reaction *> &AuthoritativeEngine::reactionsTo(Collection to)
{
    // Gathered once from the definitions (they never change), not on every mutation.
    static const auto byCollection = [] {
        std::array<QList<const Reaction *>, kCollectionCount> table;
        for (std::size_t i = 0; i < kCollectionCount; ++i) {
            for (const Reaction &reaction : collectionSpec(Collection(i)).reactions)
                table[collectionIndex(reaction.to)].append(&reaction);
        }
        return table;
    }();
    return byCollection[collectionIndex(to)];
}

bool AuthoritativeEngine::hasSetNullReferrers(Collection target)
{
    for (std::size_t i = 0; i < kCollectionCount; ++i) {
        for (const FieldSpec &field : collectionSpec(Collection(i)).fields) {
            if (field.ref && field.ref->target == target && field.ref->onDelete == OnDelete::SetNull)
                return true;
        }
    }
    return false;
}

MutationResult AuthoritativeEngine::submitAs(const Mutation &mutation, const QString &memberId)
{
    const CollectionSpec &spec = collectionSpec(mutation.collection);
    const QString mutationId = mutation.id.isEmpty() ? newId() : mutation.id;

    // A retried mutation is acknowledged again with its first result, never applied twice.
    if (!mutation.id.isEmpty()) {
        if (auto previous = previousResult(mutation.id))
            return *previous;
    }

    QJsonObject fields;
    if (auto error = normalizeFields(spec, mutation.fields, &fields))
        return MutationResult::failure(error->code, error->message, error->field);
    // Steps of counters are added to the value as stored, below; for the role rules a step
    // touches its counter.
    QJsonObject steps;
    if (auto error = takeSteps(spec, mutation.op, fields, &steps))
        return MutationResult::failure(error->code, error->message, error->field);
    QJsonObject inputs = takeInputs(spec, fields);
    QJsonObject touched = fields;
    for (auto it = steps.begin(); it != steps.end(); ++it)
        touched.insert(spec.counterStepped(it.key())->key, it.value());
    const QString role = roleOf(memberId);
    if (auto denied = Permissions::check(role, mutation.collection, mutation.op, touched))
        return MutationResult::failure(denied->code, denied->message);

    const QString entityId = mutation.op == MutationOp::Create && mutation.entityId.isEmpty() ? newId() : mutation.entityId;
    if (entityId.isEmpty() || entityId.size() > 64)
        return MutationResult::failure(QStringLiteral("invalid"), QStringLiteral("The change does not say which item it is for."),
                                       QStringLiteral("entity_id"));
    if (mutation.collection == Collection::Household && entityId != m_householdId)
        return MutationResult::failure(QStringLiteral("forbidden"), QStringLiteral("That is another household."));

    std::optional<QJsonObject> current = entity(mutation.collection, entityId);
    if (mutation.op == MutationOp::Create && current)
        return MutationResult::failure(QStringLiteral("conflict"), QStringLiteral("That item exists already."));
    if (mutation.op != MutationOp::Create && !current)
        return MutationResult::failure(QStringLiteral("not_found"),
                                       QStringLiteral("That item is gone; someone may have deleted it."));
    // A stale update (someone else changed the entity since the sender's base_rev) merges field by
    // field (docs/protocol.md, "Concurrent edits"). Refused instead: a stale delete, a base ahead of
    // the entity (no state the host had), and a collection with a visibility rule, where what was
    // merged would tell the sender values they may not see.
    const qint64 currentRev = current ? current->value(QLatin1String("rev")).toInteger() : 0;
    bool stale = current && mutation.baseRev >= 0 && currentRev != mutation.baseRev;
    // With a visibility rule, a base behind only the sender's own changes (their queued edits carry
    // the rev the host last confirmed) is not stale: nobody else changed what they saw.
    if (stale && spec.visibleTo && mutation.op == MutationOp::Update && mutation.baseRev >= 1 && mutation.baseRev < currentRev) {
        const auto others = changedByOthersSince(m_store, m_householdId, spec, entityId, mutation.baseRev, currentRev, memberId);
        stale = !others || !others->isEmpty();
    }
    const bool merges = stale && mutation.op == MutationOp::Update && mutation.baseRev < currentRev && !spec.visibleTo;
    if (stale && !merges)
        return MutationResult::failure(QStringLiteral("conflict"),
                                       QStringLiteral("Someone else changed this item first; look at it again and retry."));
    QJsonArray merged;
    Mutation mergedMutation; // the mutation as merged, for the guard and effects
    if (merges) {
        const auto theirs = changedByOthersSince(m_store, m_householdId, spec, entityId, mutation.baseRev, currentRev, memberId);
        merged = mergeStale(spec, theirs, *current, fields);
        if (!merged.isEmpty()) {
            mergedMutation = mutation;
            for (const QJsonValue &entry : std::as_const(merged))
                mergedMutation.fields.insert(entry[QLatin1String("field")].toString(), entry[QLatin1String("result")]);
        }
    }
    const Mutation &applied = merged.isEmpty() ? mutation : mergedMutation;

    QJsonObject next;
    if (mutation.op == MutationOp::Create) {
        next.insert(QStringLiteral("id"), entityId);
        for (const FieldSpec &f : spec.fields)
            next.insert(f.key, fields.contains(f.key) ? fields.value(f.key) : f.defaultValue);
        next.insert(QStringLiteral("rev"), 1);
    } else if (mutation.op == MutationOp::Update) {
        next = *current;
        for (auto it = fields.begin(); it != fields.end(); ++it)
            next.insert(it.key(), it.value());
        for (auto it = steps.begin(); it != steps.end(); ++it) {
            const FieldSpec &counter = *spec.counterStepped(it.key());
            next.insert(counter.key, stepped(counter, current->value(counter.key), it.value()));
        }
        next.insert(QStringLiteral("rev"), current->value(QLatin1String("rev")).toInteger() + 1);
    } else {
        next = *current;
    }
    MutationContext context{*this, applied, memberId, role, current, std::move(next), std::move(inputs)};
    if (spec.guard) {
        if (auto refused = spec.guard(context))
            return MutationResult::failure(refused->code, refused->message, refused->field);
    }
    next = std::move(context.after);
    const QString timestamp = m_clock.now().toUTC().toString(Qt::ISODateWithMs);
    if (mutation.op != MutationOp::Delete) {
        next.insert(QStringLiteral("updated_at"), timestamp);
        const auto lookup = [this](Collection c, const QString &id) { return exists(c, id); };
        if (auto error = validateEntity(mutation.collection, next, lookup))
            return MutationResult::failure(error->code, error->message, error->field);
    }
    context.after = next; // shared, not copied: neither changes from here

    // A mutation that writes more than its own row — clearing what names a deleted entity, or the
    // consequences a collection writes (effects) — is one unit: all of it or none, inside whatever
    // transaction is open (a host's batch), and announced only once all of it is written.
    const bool settles = mutation.op == MutationOp::Delete && hasSetNullReferrers(mutation.collection);
    const QList<const Reaction *> &reactions = reactionsTo(mutation.collection);
    const bool consequences = (spec.effects || !reactions.isEmpty()) && m_writesConsequences;
    std::optional<MutationUnit> unit;
    if (settles || consequences || m_unitDepth > 0)
        unit.emplace(*this);
    if (unit && !unit->isActive())
        return MutationResult::failure(QStringLiteral("storage"), QStringLiteral("The change could not be saved; try again."));
    if (mutation.op == MutationOp::Delete) {
        // Rows that name the entity are cleared (SetNull) through this same path, so every device
        // hears of it as events, or the delete is refused while they exist (Restrict).
        if (auto refused = settleReferencesTo(mutation.collection, entityId))
            return *refused;
    }

    Change change;
    change.collection = mutation.collection;
    change.action = mutation.op == MutationOp::Create   ? ChangeAction::Created
                    : mutation.op == MutationOp::Update ? ChangeAction::Updated
                                                        : ChangeAction::Deleted;
    change.entityId = entityId;
    change.entity = next;
    // Kept only where the host compares before and after: what each member may see of an entity
    // with a visibility rule, and whether a role or a household setting changed. Elsewhere it would
    // only hold the old entity in memory until the change is broadcast.
    if (mutation.op == MutationOp::Update
        && (spec.visibleTo || mutation.collection == Collection::Members || mutation.collection == Collection::Household))
        change.before = *current; // shared, not copied
    // Written once: the event row stores these bytes and the host broadcasts them.
    if (m_eventLog)
        change.entityJson = json::compact(next);
    change.rev = next.value(QLatin1String("rev")).toInteger();
    change.seq = m_eventLog ? m_headSeq + 1 : 0;
    change.userId = memberId;
    change.mutationId = mutationId;
    change.timestamp = timestamp;

    QString sqlError;
    {
        StoreTransaction tx(m_store);
        if (!tx.isActive() || !writeEntity(spec, mutation.op, next, &sqlError)
            || (m_eventLog && !appendEvent(change, &sqlError)) || !tx.commit()) {
            qCWarning(lcStore) << "could not save a change to" << spec.table << sqlError;
            return storageFailure(m_store, sqlError);
        }
    }
    if (m_eventLog)
        m_headSeq = change.seq;
    if (mutation.collection == Collection::Members)
        m_roles.remove(entityId);

    if (unit) {
        unit->announce(change);
        if (consequences) {
            if (spec.effects) {
                if (auto failed = spec.effects(context))
                    return MutationResult::failure(failed->code, failed->message, failed->field);
            }
            for (const Reaction *reaction : reactions) {
                if (auto failed = reaction->react(context))
                    return MutationResult::failure(failed->code, failed->message, failed->field);
            }
        }
        if (!unit->commit()) {
            qCWarning(lcStore) << "could not save a change to" << spec.table << "with what follows from it";
            return storageFailure(m_store);
        }
    } else {
        Q_EMIT changed(change);
    }

    MutationResult result;
    result.ok = true;
    result.entityId = entityId;
    result.rev = change.rev;
    result.seq = change.seq;
    result.merged = merged;
    return result;
}

AuthoritativeEngine::MutationUnit::MutationUnit(AuthoritativeEngine &engine)
    : m_engine(engine)
    , m_savepoint(engine.m_store)
    , m_headSeq(engine.m_headSeq)
    , m_announced(engine.m_pending.size())
{
    ++m_engine.m_unitDepth;
}

AuthoritativeEngine::MutationUnit::~MutationUnit()
{
    if (m_done)
        return;
    --m_engine.m_unitDepth;
    // The savepoint undoes this unit only; an enclosing transaction (a host's batch) goes on.
    m_engine.m_headSeq = m_headSeq;
    m_engine.m_pending.resize(m_announced);
    m_engine.m_roles.clear();
}

void AuthoritativeEngine::MutationUnit::announce(const Change &change)
{
    m_engine.m_pending.append(change); // after the rows it cleared, before its consequences: seq order
}

bool AuthoritativeEngine::MutationUnit::commit()
{
    if (!m_savepoint.release())
        return false; // the destructor drops what this unit announced
    m_done = true;
    // Announced with no unit open, so a slot that edits again starts afresh.
    if (--m_engine.m_unitDepth == 0) {
        const QList<Change> pending = std::exchange(m_engine.m_pending, {});
        for (const Change &change : pending)
            Q_EMIT m_engine.changed(change);
    }
    return true;
}

bool AuthoritativeEngine::applyExternal(const Change &change)
{
    const CollectionSpec &spec = collectionSpec(change.collection);
    QString sqlError;
    bool ok = false;
    if (change.action == ChangeAction::Deleted) {
        QJsonObject gone{{QStringLiteral("id"), change.entityId}};
        ok = !exists(change.collection, change.entityId) || writeEntity(spec, MutationOp::Delete, gone, &sqlError);
    } else {
        // The host's entity is checked for types like any input: a malformed event changes nothing.
        QJsonObject fields;
        if (auto error = normalizeFields(spec, change.entity, &fields)) {
            qCWarning(lcStore) << "ignored a malformed entity from the host:" << error->message;
            return false;
        }
        QJsonObject entity{{QStringLiteral("id"), change.entityId}};
        for (const FieldSpec &f : spec.fields)
            entity.insert(f.key, fields.contains(f.key) ? fields.value(f.key) : f.defaultValue);
        entity.insert(QStringLiteral("rev"), change.entity.value(QLatin1String("rev")).toInteger(change.rev));
        entity.insert(QStringLiteral("updated_at"), change.entity.value(QLatin1String("updated_at")).toString(change.timestamp));
        ok = writeEntity(spec, exists(change.collection, change.entityId) ? MutationOp::Update : MutationOp::Create, entity,
                         &sqlError);
    }
    if (!ok) {
        qCWarning(lcStore) << "could not apply a change from the host to" << spec.table << sqlError;
        return false;
    }
    if (change.collection == Collection::Members)
        m_roles.remove(change.entityId);
    Q_EMIT changed(change);
    return true;
}

bool AuthoritativeEngine::replaceCollection(Collection collection, const QJsonArray &rows)
{
    const CollectionSpec &spec = collectionSpec(collection);
    StoreTransaction tx(m_store);
    QSqlQuery clear(m_store.database());
    clear.prepare(QStringLiteral("DELETE FROM %1 WHERE household_id = ?").arg(spec.table));
    clear.addBindValue(m_householdId);
    bool ok = tx.isActive() && clear.exec();
    QString sqlError;
    for (const QJsonValue &row : rows) {
        if (!ok)
            break;
        QJsonObject fields;
        const QJsonObject object = row.toObject();
        if (normalizeFields(spec, object, &fields))
            continue; // a malformed row is skipped, not stored
        QJsonObject entity{{QStringLiteral("id"), object.value(QLatin1String("id")).toString()}};
        for (const FieldSpec &f : spec.fields)
            entity.insert(f.key, fields.contains(f.key) ? fields.value(f.key) : f.defaultValue);
        entity.insert(QStringLiteral("rev"), object.value(QLatin1String("rev")).toInteger(1));
        entity.insert(QStringLiteral("updated_at"), object.value(QLatin1String("updated_at")).toString());
        ok = writeEntity(spec, MutationOp::Create, entity, &sqlError);
    }
    if (!ok || !tx.commit()) {
        qCWarning(lcStore) << "could not replace" << spec.table << sqlError;
        return false;
    }
    if (collection == Collection::Members)
        m_roles.clear();
    Q_EMIT reloaded(collection);
    return true;
}

std::unique_ptr<AuthoritativeEngine> AuthoritativeEngine::createHousehold(Store &store, const Clock &clock,
                                                                          const QString &name, const QString &currency,
                                                                          qint64 budgetLimitCents,
                                                                          const QString &ownerName, QString *error)
{
    const QString householdId = newId();
    const QString ownerId = newId();
    auto engine = std::make_unique<AuthoritativeEngine>(store, clock, householdId, ownerId);

    StoreTransaction tx(store);
    const auto create = [&](Collection collection, const QString &id, QJsonObject fields) {
        Mutation m;
        m.collection = collection;
        m.op = MutationOp::Create;
        m.entityId = id;
        m.fields = std::move(fields);
        const MutationResult r = engine->submit(m);
        if (!r.ok && error)
            *error = r.error.message;
        return r.ok;
    };
    bool ok = create(Collection::Household, householdId,
                     {{QStringLiteral("name"), name},
                      {QStringLiteral("currency"), currency},
                      {QStringLiteral("budget_limit_cents"), budgetLimitCents}})
        && create(Collection::Members, ownerId, {{QStringLiteral("name"), ownerName}, {QStringLiteral("role"), QStringLiteral("adult")}});
    const QStringList columns = {QObject::tr("To buy"), QObject::tr("In cart"), QObject::tr("Done")};
    for (int i = 0; ok && i < columns.size(); ++i)
        ok = create(Collection::BoardColumns, newId(), {{QStringLiteral("name"), columns.at(i)}, {QStringLiteral("position"), double(i + 1)}});
    if (!ok || !tx.commit()) {
        if (error && error->isEmpty())
            *error = QObject::tr("The new household could not be saved.");
        return nullptr;
    }
    return engine;
}

} // namespace hearth
