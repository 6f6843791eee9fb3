#pragma once

#include "HouseholdEngine.h"
#include "Schema.h"
#include "Store.h"

#include <QHash>
#include <QJsonArray>

#include <array>
#include <memory>
#include <utility>

namespace hearth {

class Clock;
class SqlStatement;

// The engine that owns the truth of a household: it validates, applies, assigns the household's
// next event seq and commits, all in one transaction per mutation. Used when the app is alone or
// hosts the room, and by hearthd — one implementation of the rules.
class AuthoritativeEngine final : public HouseholdEngine
{
    Q_OBJECT

public:
    AuthoritativeEngine(Store &store, const Clock &clock, QString householdId, QString actingMemberId,
                        QObject *parent = nullptr);
    ~AuthoritativeEngine() override;

    QString householdId() const override { return m_householdId; }
    QString actingMemberId() const override { return m_actingMemberId; }
    void setActingMemberId(const QString &memberId)
    {
        if (std::exchange(m_actingMemberId, memberId) != memberId)
            Q_EMIT actingMemberChanged();
    }

    MutationResult submit(const Mutation &mutation) override;
    // The refusal of a change the store could not write: `storage_full` when the disk is out of
    // space (nothing was kept; it can be sent again once space is freed), else `storage`.
    static MutationResult storageFailure(Store &store, const QString &detail = {});
    // The same, on behalf of a given member (the room host uses this for remote members).
    MutationResult submitAs(const Mutation &mutation, const QString &memberId);
    // The same, sent by `senderId`'s device on behalf of `actingId` (a kitchen display used by
    // whoever picked themselves): allowed only when the sender is an adult of this household and
    // the member one of its members; the acting member's role rules then apply and the event names
    // them. An empty `actingId`, or the sender's own, is submitAs(mutation, senderId).
    MutationResult submitFor(const Mutation &mutation, const QString &senderId, const QString &actingId);

    std::optional<QJsonObject> entity(Collection collection, const QString &entityId) const override;
    bool exists(Collection collection, const QString &entityId) const;
    Store &store() const override { return m_store; }
    const Clock &clock() const { return m_clock; }

    qint64 headSeq() const { return m_headSeq; }

    // Off for the local copy of a household hosted elsewhere: that copy's log is the host's.
    void setEventLog(bool on) { m_eventLog = on; }
    // Off for that copy too: it predicts an edit's own row, and leaves what follows from it (a
    // wallet credit, CollectionSpec::effects) to the host, whose events bring it with its ids.
    void setWritesConsequences(bool on) { m_writesConsequences = on; }
    // Writes an entity exactly as the host announced it (upsert, or delete) and announces it
    // locally; used by the replica for events from the host and to roll back refused edits.
    bool applyExternal(const Change &change);
    // Replaces every row of a collection (a full refetch) and emits reloaded().
    bool replaceCollection(Collection collection, const QJsonArray &rows);
    // Re-reads the head of the event log (after a batch that was rolled back).
    void reloadHeadSeq();

    // Every entity of a collection, for a snapshot.
    QJsonArray snapshot(Collection collection) const;

    // The logged events after `since`, in order; nothing when the log no longer reaches back that
    // far (*complete is then false and the caller must refetch).
    QList<Change> eventsSince(qint64 since, bool *complete) const;
    // Drops events that are both older than `keepDays` and beyond the newest `keepEvents`.
    int trimEvents(qint64 keepEvents, int keepDays);

    // Creates a household with its owner and a default board; returns its engine acting as the owner.
    static std::unique_ptr<AuthoritativeEngine> createHousehold(Store &store, const Clock &clock, const QString &name,
                                                                const QString &currency, qint64 budgetLimitCents,
                                                                const QString &ownerName, QString *error);

private:
    // The statements every mutation runs, through SQLite's C API (SqlStatement); prepared once
    // per store and shared by its engines, which bind their household id.
    enum class Sql { Select, Exists, Insert, Update, Delete, Previous, Event, Role, Count };
    SqlStatement &statement(Sql kind, Collection collection = Collection::Household) const;
    QString roleOf(const QString &memberId) const;
    // The ids of `collection`'s rows whose `field` names `targetId`.
    QStringList referrers(Collection collection, const FieldSpec &field, const QString &targetId) const;
    // Before deleting an entity: what the references to it say (CollectionSpec fields' Ref) —
    // rows naming it are cleared as mutations of the system (SetNull), or the delete is refused
    // (Restrict). The first failure, if any.
    std::optional<MutationResult> settleReferencesTo(Collection target, const QString &targetId);
    static bool hasSetNullReferrers(Collection target);
    // What the systems do when `to` changes (CollectionSpec::reactions), in collection order.
    static const QList<const Reaction *> &reactionsTo(Collection to);

    // A mutation that writes more than its own row, as one unit: a savepoint inside whatever
    // transaction is open, rolled back alone on failure; its changes are announced (changed())
    // only when the outermost unit is written.
    class MutationUnit
    {
    public:
        explicit MutationUnit(AuthoritativeEngine &engine);
        ~MutationUnit();
        Q_DISABLE_COPY_MOVE(MutationUnit)
        bool isActive() const { return m_savepoint.isActive(); }
        void announce(const Change &change);
        bool commit();

    private:
        AuthoritativeEngine &m_engine;
        StoreSavepoint m_savepoint;
        qint64 m_headSeq;
        qsizetype m_announced;
        bool m_done = false;
    };
    std::optional<MutationResult> previousResult(const QString &mutationId) const;
    bool writeEntity(const CollectionSpec &spec, MutationOp op, const QJsonObject &entity, QString *error);
    bool appendEvent(const Change &change, QString *error);

    Store &m_store;
    const Clock &m_clock;
    QString m_householdId;
    QString m_actingMemberId;
    qint64 m_headSeq = 0;
    bool m_eventLog = true;
    bool m_writesConsequences = true;
    // Members' roles, read once per member: every mutation is checked against one. Forgotten when
    // members change here or the log shows another process wrote (reloadHeadSeq).
    mutable QHash<QString, QString> m_roles;
    // Changes written by the open units, announced when the outermost one is.
    QList<Change> m_pending;
    int m_unitDepth = 0;
    // The store's statements this engine has used, by kind and collection (the store owns them).
    mutable std::array<SqlStatement *, std::size_t(Sql::Count) * kCollectionCount> m_statements{};
};

} // namespace hearth
