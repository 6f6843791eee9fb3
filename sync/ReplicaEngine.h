#pragma once

#include "HouseholdEngine.h"

#include <QJsonArray>
#include <QList>
#include <QMap>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QTimer;

namespace hearth {

class AuthoritativeEngine;
class Clock;

struct OutboxEntry
{
    QString mutationId;
    QString frame; // the mutate message, ready to send
};

// The local copy of a household hosted elsewhere. An edit is checked and applied here at once
// (optimistic) and, in the same transaction, queued in a durable outbox; the host's events update
// the copy; a refused edit is rolled back from the before-image kept with it. Models cannot tell
// it from the authoritative engine.
//
// On a full disk nothing is lost: a write the store cannot take (an edit, an event from the host,
// a snapshot) is held in memory, and everything after it queues behind it, in order. The held
// writes are tried again every storage retry interval (and on retryHeldWrites()) and go through
// the same paths once space is freed; an edit reaches the outbox, and so the host, only then.
// Quitting meanwhile loses the held edits (heldEdits()); the host's events come again, since the
// seq kept on disk is that of the last event written.
class ReplicaEngine final : public HouseholdEngine
{
    Q_OBJECT

public:
    ReplicaEngine(Store &store, const Clock &clock, QString householdId, QString memberId, QObject *parent = nullptr);
    ~ReplicaEngine() override;

    QString householdId() const override;
    QString actingMemberId() const override;
    MutationResult submit(const Mutation &mutation) override;
    std::optional<QJsonObject> entity(Collection collection, const QString &entityId) const override;
    Store &store() const override;

    // The member this device is paired as (its token's); its edits are made as actingMemberId(),
    // which a kitchen display paired by an adult switches to whoever picked themselves. Each
    // outbox entry keeps the member it was made as ("as_member_id"), whenever it is sent.
    QString deviceMemberId() const { return m_deviceMemberId; }
    void setActingMemberId(const QString &memberId);

    // The host's seq this copy has taken up to: applied, or held in memory while the disk is full.
    qint64 lastSeq() const { return m_lastSeq; }

    // Whether writes are held in memory because the store could not take them for lack of space.
    bool isStorageFull() const { return !m_held.isEmpty(); }
    // This device's edits among them: what quitting now would lose.
    int heldEdits() const;
    // Writes what is held now, in order, as far as the store takes it (space was freed).
    void retryHeldWrites();
    void setStorageRetryInterval(std::chrono::milliseconds interval);
    static constexpr std::chrono::milliseconds kStorageRetryInterval{5000};

    // Edits not yet acknowledged by the host, oldest first.
    QList<OutboxEntry> outbox() const;
    int outboxSize() const;

    // The host applied our mutation (as event `seq`, when the answer says). A seq this copy has
    // passed already means a snapshot brought the edit while it was still re-applied on top here:
    // the entity goes back to what the host has, with the edits still pending on it. When the host
    // merged it with someone else's (`mergedFields`, the ack's "merged"), merged() says so.
    void confirm(const QString &mutationId, qint64 seq = 0, const QJsonArray &mergedFields = {});
    // The host refused our mutation: undo it here and say why.
    void reject(const QString &mutationId, const MutationError &error);
    // An event from the host, exactly the next one (seq == lastSeq() + 1). False when it was not
    // taken (malformed: skipped; a write that failed for another reason than space: lastSeq() stays).
    bool applyRemote(const Change &change);
    // The host's `seq_advance`: event `seq` (exactly the next one) holds nothing this member may
    // see. The seq moves and is kept like an applied event's; nothing else changes.
    bool advance(qint64 seq);
    // A full refetch: every collection's rows as of the host's `seq`, with the edits still in the
    // outbox applied on top again (in the same transaction), so they stay on screen.
    bool replaceAll(const QMap<Collection, QJsonArray> &snapshots, qint64 seq);

    // Where this household is hosted and who this device is there. The secrets (tokens) are kept
    // apart, in the keychain; `token` is only read from stores made before that.
    struct Link
    {
        QString hostUrl;
        QString memberId;
        QString token;
        qint64 lastSeq = 0;
        QString deviceId = {};
        QString fingerprint = {}; // the host certificate pinned at pairing
    };
    static std::optional<Link> loadLink(Store &store, const QString &householdId);
    static bool saveLink(Store &store, const QString &householdId, const Link &link);
    // Removes a joined household from this device: its link, its unsent edits and its data (the
    // family's records do not stay on a device that left). Call inside a transaction.
    static bool forgetHousehold(Store &store, const QString &householdId);

Q_SIGNALS:
    void outboxChanged();
    void rejected(const QString &message);
    // isStorageFull() changed.
    void storageFullChanged(bool full);
    void heldEditsChanged(int count);
    // An edit held while the disk was full was refused when it could at last be written (what it
    // changes is gone, or it was never valid): it was not kept.
    void heldEditRefused(const QString &message);

private:
    // What one write did: done; not done for a reason that holding it would not cure (a refused
    // edit, a malformed event, a failure other than space); or not done for lack of space.
    enum class Written { Done, NotDone, NoSpace };
    struct HeldWrite
    {
        enum class Kind { Edit, Event, Advance, Snapshot };
        Kind kind = Kind::Edit;
        Mutation edit;          // Edit: ids and base rev settled
        QString actingMemberId; // Edit: who it was made as (a kitchen display may switch meanwhile)
        Change event;           // Event
        QMap<Collection, QJsonArray> snapshots; // Snapshot
        qint64 seq = 0;         // Event, Advance, Snapshot: the seq it brings this copy to
    };
    class Announcements;

    // A write of the copy queued behind what is held, in order; the host's part of the queue
    // (events, advances, snapshots) is dropped when a snapshot supersedes it.
    void hold(HeldWrite write);
    // The held writes after a change of the queue: signals and the retry timer.
    void heldChanged(bool wasFull, int editsBefore);
    MutationResult writeEdit(const Mutation &mutation, const QString &actingMemberId);
    Written writeEvent(const Change &change);
    Written writeAdvance(qint64 seq);
    Written writeSnapshot(const QMap<Collection, QJsonArray> &snapshots, qint64 seq);
    Written writeHeld(const HeldWrite &write);
    // One write of the host's: made now, or `held` (true) when the store cannot take it or
    // something is held before it.
    bool take(const std::function<Written()> &write, HeldWrite held);
    // Not written: for lack of space, or another failure.
    Written failure();

    bool setLastSeq(qint64 seq);
    // The rev of an entity the host last confirmed to this copy: the one its oldest edit still
    // waiting for the host was made on (that before-image follows the host's events), -1 when the
    // host has not got the entity yet; `seen` when no edit of it is waiting.
    qint64 confirmedRev(Collection collection, const QString &entityId, qint64 seen) const;
    bool cacheOwnReceiptImage(const Mutation &mutation);
    // Rolls an outbox entry back to its before-image, drops it and re-applies what is still
    // pending on the same entity; false when there is no such entry.
    bool rollBack(const QString &mutationId);
    // The outbox entries' before-images become what the host has now (after a snapshot).
    void rebasePending();
    // Re-applies the outbox entries (of one entity, when given) on top of the copy, oldest first.
    // False when the store ran out of space on the way.
    bool reapplyPending(std::optional<std::pair<Collection, QString>> entity = std::nullopt);

    std::unique_ptr<AuthoritativeEngine> m_local;
    QString m_deviceMemberId;
    qint64 m_lastSeq = 0;
    qint64 m_writtenSeq = 0; // the seq the store has (lastSeq() but for what is held)
    QList<HeldWrite> m_held;
    bool m_retryingHeld = false;
    QTimer *m_storageRetry;
    // While a write is under way, the local engine's announcements wait here for its commit.
    QList<std::function<void()>> *m_unannounced = nullptr;
};

} // namespace hearth
