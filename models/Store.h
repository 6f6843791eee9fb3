#pragma once

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QString>

#include <atomic>
#include <map>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

struct sqlite3;

namespace hearth {

class SqlStatement;

enum class Durability {
    Normal, // WAL + synchronous=NORMAL: a crash may lose the last commits, never corrupts (desktop)
    Full,   // synchronous=FULL: every commit is on disk before it returns (a host's store)
};

// One SQLite file holding one or more households. Opening checks that the file is a Hearth store
// of a schema this build understands before anything is written, then migrates it forward.
class Store final
{
public:
    ~Store();
    Q_DISABLE_COPY_MOVE(Store)

    // Returns nullptr and a sentence in *error when the file cannot be used; the file is left as is.
    static std::unique_ptr<Store> open(const QString &path, QString *error, Durability durability = Durability::Normal);

    // A consistent copy of the store file at `path`, written to `target` (which must not exist)
    // while others may go on writing the store: SQLite's online backup API copies the pages of one
    // read snapshot. The copy is written aside, checked (quick_check) and renamed into place, so
    // `target` is either a whole, sound store or absent. False and a sentence in *error otherwise.
    static bool backup(const QString &path, const QString &target, QString *error);
    // What SQLite's integrity check finds wrong with the file at `path`, read only: empty when it
    // is sound. `thorough`: integrity_check (also indexes against their tables), else quick_check.
    static QString damage(const QString &path, bool thorough = false);

    // Whether a write that just failed failed for lack of space: SQLite said SQLITE_FULL, or the
    // filesystem holding the store has less than kSpaceReserve left (a failed statement inside a
    // transaction that SQLite rolled back leaves only "no transaction" as the last error).
    bool outOfSpace();
    static constexpr qint64 kSpaceReserve = 4 << 20;
    // Whether SQLite rolled back the open StoreTransaction on its own, as it may after SQLITE_FULL,
    // IOERR or NOMEM: a statement run now would commit alone, outside the transaction it belongs to.
    bool transactionLost();

    QSqlDatabase database() const;
    Durability durability() const { return m_durability; }
    // The statement for `sql`, prepared on first use through SQLite's C API and kept for the
    // store's lifetime (shared by every engine of the store: they bind their household id). The
    // reference stays valid until the store is destroyed. See SqlStatement for when to use one.
    SqlStatement &statement(const QString &sql);
    QString path() const { return m_path; }

    // Makes every commit so far durable: an fdatasync of the store's WAL file (`storePath`-wal),
    // the sync synchronous=FULL makes after each commit. It touches only the file, never the
    // connection, so it may run on another thread while the connection goes on working
    // (StoreTransaction with CommitSync::Deferred). False when the file could not be synced.
    static bool syncLog(const QString &storePath);

    // For a host that checkpoints the log on a thread of its own (LogSyncer): from now on this
    // connection checkpoints after a commit only once the log holds `backstopFrames` frames (the
    // other thread fell behind), instead of SQLite's 1,000 — a checkpoint copies the log into the
    // database file and syncs both, which stalled every socket of the host. walFrames() is the
    // log's length after the last commit, readable from any thread. 0 restores SQLite's own.
    void setCheckpointBackstop(int backstopFrames);
    int walFrames() const { return m_walFrames.load(std::memory_order_relaxed); }

    // Small key/value settings kept with the data (local household id, ...).
    QString metaValue(const QString &key) const;
    bool setMetaValue(const QString &key, const QString &value);

private:
    friend class StoreTransaction;
    friend class StoreSavepoint;
    static int onWalCommit(void *store, sqlite3 *db, const char *name, int frames);
    sqlite3 *handle();
    Store(QString path, QString connectionName);

    QString m_path;
    QString m_connectionName;
    Durability m_durability = Durability::Normal;
    int m_checkpointBackstop = 0;
    std::atomic<int> m_walFrames{0};
    sqlite3 *m_handle = nullptr; // the QSQLITE connection's own handle, looked up on first use
    std::map<QString, std::unique_ptr<SqlStatement>> m_statements;
    int m_transactionDepth = 0;
    bool m_rollbackOnly = false;
    bool m_commitFoundDiskFull = false; // the last COMMIT failed with SQLITE_FULL (its rollback clears the error code)
};

// RAII transaction: rolls back unless commit() is called. Nested guards join the outer
// transaction, so a batch (demo data, an import) can wrap many single-entity writes in one commit.
enum class CommitSync {
    OnCommit, // the store's durability: on a Durability::Full store the commit is on disk when it returns
    // For a host's group commit: an outermost transaction on a Durability::Full store commits
    // without waiting for the disk, and the caller syncs the log (Store::syncLog) — on another
    // thread, while it goes on serving — before acknowledging. Elsewhere the same as OnCommit.
    Deferred,
};

class StoreTransaction final
{
public:
    explicit StoreTransaction(Store &store, CommitSync sync = CommitSync::OnCommit);
    ~StoreTransaction();
    Q_DISABLE_COPY_MOVE(StoreTransaction)

    bool isActive() const { return m_active; }
    bool commit();
    // After a successful commit() of a CommitSync::Deferred transaction: nothing of it may be
    // acknowledged before Store::syncLog() has returned true.
    bool syncOwed() const { return m_syncOwed; }

private:
    Store &m_store;
    bool m_active = false;
    bool m_done = false;
    bool m_deferred = false; // this transaction set synchronous = NORMAL and restores FULL when done
    bool m_syncOwed = false;
};

// A unit inside the store's transaction that can be undone alone (SAVEPOINT … RELEASE, or ROLLBACK
// TO). It joins the open transaction like a nested StoreTransaction, or begins one. Undoing it also
// forgets a failure inside it (a nested guard that was not committed), so the enclosing
// transaction — a host's batch of other members' edits — goes on.
class StoreSavepoint final
{
public:
    explicit StoreSavepoint(Store &store);
    ~StoreSavepoint(); // undoes the unit unless released
    Q_DISABLE_COPY_MOVE(StoreSavepoint)

    bool isActive() const { return m_active; }
    // Keeps the unit's writes: they commit with the enclosing transaction (or now, when there is none).
    bool release();

private:
    Store &m_store;
    StoreTransaction m_transaction;
    bool m_active = false;
    bool m_done = false;
    bool m_failedBefore = false;
};

} // namespace hearth
