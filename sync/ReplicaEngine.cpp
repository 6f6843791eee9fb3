#include "ReplicaEngine.h"

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "Protocol.h"
#include "Schema.h"
#include "Store.h"
#include "receipts/ReceiptImages.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QScopedValueRollback>
#include <QSqlQuery>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <tuple>

namespace hearth {

namespace {
QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

const QString kNoSpace = QStringLiteral("storage_full");
} // namespace

// Holds back the local engine's announcements for the life of one write: the models hear of it
// once it committed (release()), never of a write the store rolled back (a commit that found the
// disk full), so the screen shows nothing the store does not have.
class ReplicaEngine::Announcements
{
public:
    explicit Announcements(ReplicaEngine &replica)
        : m_replica(replica)
        , m_outer(std::exchange(replica.m_unannounced, &m_waiting))
    {
    }
    ~Announcements() { m_replica.m_unannounced = m_outer; }
    Q_DISABLE_COPY_MOVE(Announcements)

    void release()
    {
        m_replica.m_unannounced = m_outer;
        for (const auto &announce : std::exchange(m_waiting, {})) {
            if (m_outer)
                m_outer->append(announce); // a write inside another: announced with it
            else
                announce();
        }
    }

private:
    ReplicaEngine &m_replica;
    QList<std::function<void()>> *m_outer;
    QList<std::function<void()>> m_waiting;
};

ReplicaEngine::ReplicaEngine(Store &store, const Clock &clock, QString householdId, QString memberId, QObject *parent)
    : HouseholdEngine(parent)
    , m_local(std::make_unique<AuthoritativeEngine>(store, clock, std::move(householdId), memberId))
    , m_deviceMemberId(std::move(memberId))
    , m_storageRetry(new QTimer(this))
{
    m_local->setEventLog(false);
    m_local->setWritesConsequences(false);
    connect(m_local.get(), &HouseholdEngine::changed, this, [this](const Change &change) {
        if (m_unannounced)
            m_unannounced->append([this, change] { Q_EMIT changed(change); });
        else
            Q_EMIT changed(change);
    });
    connect(m_local.get(), &HouseholdEngine::reloaded, this, [this](Collection collection) {
        if (m_unannounced)
            m_unannounced->append([this, collection] { Q_EMIT reloaded(collection); });
        else
            Q_EMIT reloaded(collection);
    });
    connect(m_local.get(), &HouseholdEngine::actingMemberChanged, this, &HouseholdEngine::actingMemberChanged);
    if (const auto link = loadLink(store, m_local->householdId()))
        m_lastSeq = m_writtenSeq = link->lastSeq;
    m_storageRetry->setInterval(kStorageRetryInterval);
    connect(m_storageRetry, &QTimer::timeout, this, &ReplicaEngine::retryHeldWrites);
}

ReplicaEngine::~ReplicaEngine() = default;

QString ReplicaEngine::householdId() const
{
    return m_local->householdId();
}

QString ReplicaEngine::actingMemberId() const
{
    return m_local->actingMemberId();
}

void ReplicaEngine::setActingMemberId(const QString &memberId)
{
    m_local->setActingMemberId(memberId);
}

std::optional<QJsonObject> ReplicaEngine::entity(Collection collection, const QString &entityId) const
{
    return m_local->entity(collection, entityId);
}

Store &ReplicaEngine::store() const
{
    return m_local->store();
}

MutationResult ReplicaEngine::submit(const Mutation &mutation)
{
    Mutation m = mutation;
    if (m.id.isEmpty())
        m.id = newId();
    if (m.op == MutationOp::Create && m.entityId.isEmpty())
        m.entityId = newId(); // the host keeps client-made ids, so the copy and the host agree
    // The host merges a stale edit against the revision it made: the one this device last had from
    // it, not the rev this copy predicted for its own edits still on their way (the host numbers
    // those itself). The copy applies the edit on top as it is; the host's event then replaces it.
    if (m.baseRev >= 0)
        m.baseRev = confirmedRev(m.collection, m.entityId, m.baseRev);
    // Checked here as the host will: the acting member's role, and whether this device may act for them.
    const QString actingMemberId = m_local->actingMemberId();
    retryHeldWrites(); // space may have been freed since the last try
    if (m_held.isEmpty()) {
        const MutationResult result = writeEdit(m, actingMemberId);
        if (result.ok || result.error.code != kNoSpace)
            return result;
    }
    // Kept, not refused: the user made it, and it is saved (and checked) once space is freed.
    hold({HeldWrite::Kind::Edit, m, actingMemberId, {}, {}, 0});
    MutationResult held;
    held.ok = true;
    held.held = true;
    held.entityId = m.entityId;
    return held;
}

MutationResult ReplicaEngine::writeEdit(const Mutation &m, const QString &actingMemberId)
{
    const std::optional<QJsonObject> before = m_local->entity(m.collection, m.entityId);
    Mutation predicted = m;
    predicted.baseRev = -1;

    Announcements announcements(*this);
    StoreTransaction tx(store());
    const MutationResult result = m_local->submitFor(predicted, m_deviceMemberId, actingMemberId);
    if (!result.ok)
        return result; // refused, or `storage_full` when the row did not fit
    QSqlQuery query(store().database());
    query.prepare(QStringLiteral("INSERT INTO outbox (household_id, mutation_id, collection, entity_id, message, before, created_at) "
                                 "VALUES (?,?,?,?,?,?,?)"));
    query.addBindValue(householdId());
    query.addBindValue(m.id);
    query.addBindValue(collectionName(m.collection));
    query.addBindValue(m.entityId);
    query.addBindValue(protocol::encodeMutation(m, actingMemberId == m_deviceMemberId ? QString() : actingMemberId));
    query.addBindValue(before ? QString::fromUtf8(QJsonDocument(*before).toJson(QJsonDocument::Compact))
                              : QVariant(QMetaType(QMetaType::QString)));
    query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    // The host keeps a receipt's image apart from its row (an input of the create); the device
    // that confirmed it keeps its own copy at once, so it opens here before and without the host.
    const bool ownImageKept = cacheOwnReceiptImage(m);
    if (!ownImageKept || !query.exec() || !tx.commit()) {
        qCWarning(lcStore) << "could not queue an edit:" << query.lastError().text();
        if (failure() == Written::NoSpace)
            return MutationResult::failure(kNoSpace, tr("The disk is full, so the change could not be saved yet."));
        return MutationResult::failure(QStringLiteral("storage"), tr("The change could not be saved."));
    }
    announcements.release();
    Q_EMIT outboxChanged();
    return result;
}

ReplicaEngine::Written ReplicaEngine::failure()
{
    return store().outOfSpace() ? Written::NoSpace : Written::NotDone;
}

int ReplicaEngine::heldEdits() const
{
    return int(std::count_if(m_held.cbegin(), m_held.cend(), [](const HeldWrite &w) { return w.kind == HeldWrite::Kind::Edit; }));
}

void ReplicaEngine::setStorageRetryInterval(std::chrono::milliseconds interval)
{
    m_storageRetry->setInterval(interval);
}

void ReplicaEngine::hold(HeldWrite write)
{
    const bool wasFull = isStorageFull();
    const int editsBefore = heldEdits();
    if (write.kind == HeldWrite::Kind::Snapshot) {
        // The snapshot is the household as of its seq: the host's writes held before it are in it.
        m_held.removeIf([](const HeldWrite &w) { return w.kind != HeldWrite::Kind::Edit; });
    }
    if (write.kind != HeldWrite::Kind::Edit)
        m_lastSeq = write.seq;
    if (write.kind == HeldWrite::Kind::Edit)
        qCWarning(lcStore) << "the disk is full: an edit is kept in memory until it can be saved";
    m_held.append(std::move(write));
    heldChanged(wasFull, editsBefore);
}

void ReplicaEngine::retryHeldWrites()
{
    // A slot of a signal sent on the way may submit or apply in turn, which retries: the outer
    // loop already owns the queue's first entry.
    if (m_held.isEmpty() || m_retryingHeld)
        return;
    const QScopedValueRollback retrying(m_retryingHeld, true);
    const bool wasFull = isStorageFull();
    const int editsBefore = heldEdits();
    while (!m_held.isEmpty()) {
        const Written written = writeHeld(m_held.constFirst());
        if (written == Written::NoSpace)
            break;
        const HeldWrite done = m_held.takeFirst();
        if (done.kind != HeldWrite::Kind::Edit && m_writtenSeq != done.seq) {
            // A write of the host's failed for another reason than space: what is held behind it
            // cannot be written over the gap. This copy goes back to the seq it has, and the
            // host sends the rest again when it sees that seq.
            m_held.removeIf([](const HeldWrite &w) { return w.kind != HeldWrite::Kind::Edit; });
            m_lastSeq = m_writtenSeq;
        }
    }
    heldChanged(wasFull, editsBefore);
}

ReplicaEngine::Written ReplicaEngine::writeHeld(const HeldWrite &write)
{
    switch (write.kind) {
    case HeldWrite::Kind::Edit: {
        const MutationResult result = writeEdit(write.edit, write.actingMemberId);
        if (!result.ok && result.error.code == kNoSpace)
            return Written::NoSpace;
        if (!result.ok)
            Q_EMIT heldEditRefused(result.error.message);
        return result.ok ? Written::Done : Written::NotDone;
    }
    case HeldWrite::Kind::Event:
        return writeEvent(write.event);
    case HeldWrite::Kind::Advance:
        return writeAdvance(write.seq);
    case HeldWrite::Kind::Snapshot:
        return writeSnapshot(write.snapshots, write.seq);
    }
    return Written::NotDone;
}

void ReplicaEngine::heldChanged(bool wasFull, int editsBefore)
{
    if (m_held.isEmpty())
        m_storageRetry->stop();
    else if (!m_storageRetry->isActive())
        m_storageRetry->start();
    if (const int edits = heldEdits(); edits != editsBefore)
        Q_EMIT heldEditsChanged(edits);
    if (isStorageFull() != wasFull)
        Q_EMIT storageFullChanged(isStorageFull());
}

bool ReplicaEngine::cacheOwnReceiptImage(const Mutation &mutation)
{
    if (mutation.collection != Collection::Receipts || mutation.op != MutationOp::Create)
        return true;
    for (const ReceiptImageSize size : {ReceiptImageSize::Full, ReceiptImageSize::Thumbnail}) {
        const QString image = mutation.fields.value(size == ReceiptImageSize::Full ? QLatin1String("image") : QLatin1String("thumbnail")).toString();
        if (!image.isEmpty() && !receiptimages::cache(store(), householdId(), mutation.entityId, size, image))
            return false;
    }
    return true;
}

QList<OutboxEntry> ReplicaEngine::outbox() const
{
    QList<OutboxEntry> entries;
    QSqlQuery query(store().database());
    query.prepare(QStringLiteral("SELECT mutation_id, message FROM outbox WHERE household_id = ? ORDER BY position"));
    query.addBindValue(householdId());
    if (query.exec())
        while (query.next())
            entries.append({query.value(0).toString(), query.value(1).toString()});
    return entries;
}

int ReplicaEngine::outboxSize() const
{
    QSqlQuery query(store().database());
    query.prepare(QStringLiteral("SELECT count(*) FROM outbox WHERE household_id = ?"));
    query.addBindValue(householdId());
    return query.exec() && query.next() ? query.value(0).toInt() : 0;
}

void ReplicaEngine::confirm(const QString &mutationId, qint64 seq, const QJsonArray &mergedFields)
{
    // Which entity the host merged, read before its entry leaves the outbox.
    std::optional<std::pair<Collection, QString>> mergedEntity;
    if (!mergedFields.isEmpty()) {
        QSqlQuery entry(store().database());
        entry.prepare(QStringLiteral("SELECT collection, entity_id FROM outbox WHERE household_id = ? AND mutation_id = ?"));
        entry.addBindValue(householdId());
        entry.addBindValue(mutationId);
        Collection collection;
        if (entry.exec() && entry.next() && collectionFromName(entry.value(0).toString(), &collection))
            mergedEntity.emplace(collection, entry.value(1).toString());
    }
    if (!(seq > 0 && seq <= m_writtenSeq && rollBack(mutationId))) {
        QSqlQuery query(store().database());
        query.prepare(QStringLiteral("DELETE FROM outbox WHERE household_id = ? AND mutation_id = ?"));
        query.addBindValue(householdId());
        query.addBindValue(mutationId);
        if (query.exec() && query.numRowsAffected() > 0)
            Q_EMIT outboxChanged();
    }
    if (mergedEntity)
        Q_EMIT merged(mergedEntity->first, mergedEntity->second, mergedFields);
}

qint64 ReplicaEngine::confirmedRev(Collection collection, const QString &entityId, qint64 seen) const
{
    QSqlQuery oldest(store().database());
    oldest.prepare(QStringLiteral("SELECT before FROM outbox WHERE household_id = ? AND collection = ? AND entity_id = ? "
                                  "ORDER BY position LIMIT 1"));
    oldest.addBindValue(householdId());
    oldest.addBindValue(collectionName(collection));
    oldest.addBindValue(entityId);
    if (!oldest.exec() || !oldest.next())
        return seen;
    if (oldest.value(0).isNull())
        return -1; // made here and not yet on the host: nothing to merge against
    return QJsonDocument::fromJson(oldest.value(0).toString().toUtf8()).object().value(QLatin1String("rev")).toInteger(seen);
}

void ReplicaEngine::reject(const QString &mutationId, const MutationError &error)
{
    if (rollBack(mutationId))
        Q_EMIT rejected(error.message);
}

bool ReplicaEngine::rollBack(const QString &mutationId)
{
    QSqlQuery query(store().database());
    query.prepare(QStringLiteral("SELECT collection, entity_id, before FROM outbox WHERE household_id = ? AND mutation_id = ?"));
    query.addBindValue(householdId());
    query.addBindValue(mutationId);
    if (!query.exec() || !query.next())
        return false;
    Change rollback;
    collectionFromName(query.value(0).toString(), &rollback.collection);
    rollback.entityId = query.value(1).toString();
    const QVariant before = query.value(2);
    query.finish();
    if (before.isNull()) {
        rollback.action = ChangeAction::Deleted; // it did not exist before our edit
        if (const auto current = m_local->entity(rollback.collection, rollback.entityId))
            rollback.entity = *current;
    } else {
        rollback.action = ChangeAction::Updated;
        rollback.entity = QJsonDocument::fromJson(before.toString().toUtf8()).object();
        rollback.rev = rollback.entity.value(QLatin1String("rev")).toInteger();
    }
    StoreTransaction tx(store());
    m_local->applyExternal(rollback);
    confirm(mutationId);
    reapplyPending(std::pair(rollback.collection, rollback.entityId));
    tx.commit();
    return true;
}

bool ReplicaEngine::applyRemote(const Change &change)
{
    return take([&] { return writeEvent(change); }, {HeldWrite::Kind::Event, {}, {}, change, {}, change.seq});
}

bool ReplicaEngine::advance(qint64 seq)
{
    return take([&] { return writeAdvance(seq); }, {HeldWrite::Kind::Advance, {}, {}, {}, {}, seq});
}

bool ReplicaEngine::replaceAll(const QMap<Collection, QJsonArray> &snapshots, qint64 seq)
{
    return take([&] { return writeSnapshot(snapshots, seq); }, {HeldWrite::Kind::Snapshot, {}, {}, {}, snapshots, seq});
}

bool ReplicaEngine::take(const std::function<Written()> &write, HeldWrite held)
{
    retryHeldWrites(); // space may have been freed since the last try
    if (m_held.isEmpty()) {
        const Written written = write();
        if (written != Written::NoSpace) {
            m_lastSeq = m_writtenSeq; // nothing is held: taken is written
            return written == Written::Done;
        }
    }
    hold(std::move(held));
    return true;
}

ReplicaEngine::Written ReplicaEngine::writeEvent(const Change &change)
{
    Announcements announcements(*this);
    StoreTransaction tx(store());
    const bool applied = m_local->applyExternal(change);
    // Not written for lack of space: the seq must not move past it (it is written later).
    if (!applied && store().outOfSpace())
        return Written::NoSpace;
    // Our own edit coming back: it has left the outbox for good.
    if (!change.mutationId.isEmpty())
        confirm(change.mutationId);
    // Edits of this entity still waiting for the host now roll back to what the host has, not to
    // what this copy had before them (a refused update must not resurrect what another member deleted).
    QSqlQuery rebase(store().database());
    rebase.prepare(QStringLiteral("UPDATE outbox SET before = ? WHERE household_id = ? AND collection = ? AND entity_id = ?"));
    rebase.addBindValue(change.action == ChangeAction::Deleted
                            ? QVariant(QMetaType(QMetaType::QString))
                            : QVariant(QString::fromUtf8(QJsonDocument(change.entity).toJson(QJsonDocument::Compact))));
    rebase.addBindValue(householdId());
    rebase.addBindValue(collectionName(change.collection));
    rebase.addBindValue(change.entityId);
    if (!rebase.exec())
        return failure();
    // What this device changed and the host has not applied yet stays on top.
    if (!reapplyPending(std::pair(change.collection, change.entityId)))
        return Written::NoSpace;
    if (!setLastSeq(change.seq) || !tx.commit())
        return failure();
    m_writtenSeq = change.seq;
    announcements.release();
    // A malformed event is skipped: its seq is written, nothing else.
    return applied ? Written::Done : Written::NotDone;
}

ReplicaEngine::Written ReplicaEngine::writeAdvance(qint64 seq)
{
    if (!setLastSeq(seq))
        return failure();
    m_writtenSeq = seq;
    return Written::Done;
}

ReplicaEngine::Written ReplicaEngine::writeSnapshot(const QMap<Collection, QJsonArray> &snapshots, qint64 seq)
{
    Announcements announcements(*this);
    StoreTransaction tx(store());
    bool ok = true;
    // The household row is updated in place (deleting it would cascade to everything).
    for (const QJsonValue &row : snapshots.value(Collection::Household)) {
        Change c;
        c.collection = Collection::Household;
        c.action = ChangeAction::Updated;
        c.entityId = row.toObject().value(QLatin1String("id")).toString();
        c.entity = row.toObject();
        ok = ok && m_local->applyExternal(c);
    }
    // Rows whose references refuse a delete (cards on a column) are emptied before what they
    // name is replaced, the most dependent first.
    for (std::size_t i = kCollectionCount; i-- > 0;) {
        const CollectionSpec &spec = collectionSpec(Collection(i));
        const bool restricts = std::any_of(spec.fields.cbegin(), spec.fields.cend(), [](const FieldSpec &f) {
            return f.ref && f.ref->onDelete == OnDelete::Restrict;
        });
        if (restricts)
            ok = ok && m_local->replaceCollection(spec.collection, {});
    }
    for (Collection c : allCollections())
        if (c != Collection::Household)
            ok = ok && m_local->replaceCollection(c, snapshots.value(c));
    // The edits still waiting for the host go back on top: a poll must not hide them. Their
    // before-images become the snapshot's rows, so a refusal rolls back to what the host has.
    if (!ok)
        return failure();
    rebasePending();
    if (!reapplyPending())
        return Written::NoSpace;
    if (!setLastSeq(seq) || !tx.commit())
        return failure();
    m_writtenSeq = seq;
    announcements.release();
    return Written::Done;
}

void ReplicaEngine::rebasePending()
{
    QSqlQuery pending(store().database());
    pending.prepare(QStringLiteral("SELECT position, collection, entity_id FROM outbox WHERE household_id = ?"));
    pending.addBindValue(householdId());
    if (!pending.exec())
        return;
    QList<std::tuple<qint64, QString, QString>> entries;
    while (pending.next())
        entries.append({pending.value(0).toLongLong(), pending.value(1).toString(), pending.value(2).toString()});
    pending.finish();
    for (const auto &[position, name, entityId] : std::as_const(entries)) {
        Collection collection;
        if (!collectionFromName(name, &collection))
            continue;
        const auto now = m_local->entity(collection, entityId);
        QSqlQuery rebase(store().database());
        rebase.prepare(QStringLiteral("UPDATE outbox SET before = ? WHERE position = ?"));
        rebase.addBindValue(now ? QVariant(QString::fromUtf8(QJsonDocument(*now).toJson(QJsonDocument::Compact)))
                                : QVariant(QMetaType(QMetaType::QString)));
        rebase.addBindValue(position);
        rebase.exec();
    }
}

bool ReplicaEngine::reapplyPending(std::optional<std::pair<Collection, QString>> entity)
{
    QSqlQuery pending(store().database());
    if (entity) {
        pending.prepare(QStringLiteral("SELECT message FROM outbox WHERE household_id = ? AND collection = ? AND entity_id = ? "
                                       "ORDER BY position"));
        pending.addBindValue(householdId());
        pending.addBindValue(collectionName(entity->first));
        pending.addBindValue(entity->second);
    } else {
        pending.prepare(QStringLiteral("SELECT message FROM outbox WHERE household_id = ? ORDER BY position"));
        pending.addBindValue(householdId());
    }
    if (!pending.exec())
        return true;
    QStringList frames;
    while (pending.next())
        frames << pending.value(0).toString();
    pending.finish();
    for (const QString &frame : std::as_const(frames)) {
        QString decodeError;
        MutationError error;
        const auto message = protocol::decode(frame, &decodeError);
        const auto mutation = message ? protocol::mutationFromMessage(*message, &error) : std::nullopt;
        // Re-applied as the member it was made as (a kitchen display may have switched since).
        const auto asMemberId = message ? protocol::actingMemberFromMessage(*message, &error) : std::nullopt;
        // One that no longer applies here (its entity gone, or there already because the host
        // has it) is left for the host to answer; the answer settles it.
        if (mutation && asMemberId) {
            Mutation predicted = *mutation;
            predicted.baseRev = -1; // the host merges; the copy puts the edit on top
            const MutationResult result = m_local->submitFor(predicted, m_deviceMemberId, asMemberId->isEmpty() ? m_deviceMemberId : *asMemberId);
            if (!result.ok && result.error.code == kNoSpace)
                return false;
        }
    }
    return true;
}

bool ReplicaEngine::setLastSeq(qint64 seq)
{
    // After SQLite dropped the transaction (a full disk), the seq would be written on its own,
    // past an event that was not.
    if (store().transactionLost())
        return false;
    QSqlQuery query(store().database());
    query.prepare(QStringLiteral("UPDATE sync_state SET last_seq = ? WHERE household_id = ?"));
    query.addBindValue(seq);
    query.addBindValue(householdId());
    return query.exec();
}

std::optional<ReplicaEngine::Link> ReplicaEngine::loadLink(Store &store, const QString &householdId)
{
    QSqlQuery query(store.database());
    query.prepare(QStringLiteral("SELECT host_url, member_id, token, last_seq, device_id, fingerprint FROM sync_state "
                                 "WHERE household_id = ?"));
    query.addBindValue(householdId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return Link{query.value(0).toString(), query.value(1).toString(), query.value(2).toString(), query.value(3).toLongLong(),
                query.value(4).toString(), query.value(5).toString()};
}

bool ReplicaEngine::saveLink(Store &store, const QString &householdId, const Link &link)
{
    QSqlQuery query(store.database());
    query.prepare(QStringLiteral("INSERT INTO sync_state (household_id, host_url, member_id, token, last_seq, device_id, "
                                 "fingerprint) VALUES (?,?,?,COALESCE(?, ''),?,COALESCE(?, ''),COALESCE(?, '')) "
                                 "ON CONFLICT (household_id) DO UPDATE SET host_url = excluded.host_url, "
                                 "member_id = excluded.member_id, token = excluded.token, device_id = excluded.device_id, "
                                 "fingerprint = excluded.fingerprint"));
    query.addBindValue(householdId);
    query.addBindValue(link.hostUrl);
    query.addBindValue(link.memberId);
    query.addBindValue(link.token);
    query.addBindValue(link.lastSeq);
    query.addBindValue(link.deviceId);
    query.addBindValue(link.fingerprint);
    return query.exec();
}

bool ReplicaEngine::forgetHousehold(Store &store, const QString &householdId)
{
    // sync_state and outbox do not reference households (they may be written first), so they go
    // by name; everything else goes with the household row (ON DELETE CASCADE).
    for (const char *sql : {"DELETE FROM sync_state WHERE household_id = ?", "DELETE FROM outbox WHERE household_id = ?",
                            "DELETE FROM households WHERE id = ?"}) {
        QSqlQuery query(store.database());
        query.prepare(QString::fromLatin1(sql));
        query.addBindValue(householdId);
        if (!query.exec())
            return false;
    }
    return true;
}

} // namespace hearth
