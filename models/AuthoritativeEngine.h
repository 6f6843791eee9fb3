#pragma once

#include "HouseholdEngine.h"
#include "Schema.h"

#include <QHash>
#include <QJsonArray>

#include <array>
#include <memory>

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
    void setActingMemberId(const QString &memberId) { m_actingMemberId = memberId; }

    MutationResult submit(const Mutation &mutation) override;
    // The same, on behalf of a given member (the room host uses this for remote members).
    MutationResult submitAs(const Mutation &mutation, const QString &memberId);

    std::optional<QJsonObject> entity(Collection collection, const QString &entityId) const override;
    Store &store() const override { return m_store; }

    qint64 headSeq() const { return m_headSeq; }

    // Off for the local copy of a household hosted elsewhere: that copy's log is the host's.
    void setEventLog(bool on) { m_eventLog = on; }
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
    enum class Sql { Select, Exists, Insert, Update, Delete, Previous, Event, Role, ColumnCards, Count };
    static constexpr std::size_t kCollectionCount = std::size_t(Collection::BoardCards) + 1;
    SqlStatement &statement(Sql kind, Collection collection = Collection::Household) const;
    bool exists(Collection collection, const QString &entityId) const;
    QString roleOf(const QString &memberId) const;
    // Clears what names a member about to be removed (card assignee, who paid), as mutations of
    // the system; the first failure, if any.
    std::optional<MutationResult> clearReferencesTo(const QString &memberId);
    std::optional<MutationResult> previousResult(const QString &mutationId) const;
    bool writeEntity(const CollectionSpec &spec, MutationOp op, const QJsonObject &entity, QString *error);
    bool appendEvent(const Change &change, QString *error);

    Store &m_store;
    const Clock &m_clock;
    QString m_householdId;
    QString m_actingMemberId;
    qint64 m_headSeq = 0;
    bool m_eventLog = true;
    // Members' roles, read once per member: every mutation is checked against one. Forgotten when
    // members change here or the log shows another process wrote (reloadHeadSeq).
    mutable QHash<QString, QString> m_roles;
    // The store's statements this engine has used, by kind and collection (the store owns them).
    mutable std::array<SqlStatement *, std::size_t(Sql::Count) * kCollectionCount> m_statements{};
};

} // namespace hearth
