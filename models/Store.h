#pragma once

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QString>

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

    QSqlDatabase database() const;
    // The statement for `sql`, prepared on first use through SQLite's C API and kept for the
    // store's lifetime (shared by every engine of the store: they bind their household id). The
    // reference stays valid until the store is destroyed. See SqlStatement for when to use one.
    SqlStatement &statement(const QString &sql);
    QString path() const { return m_path; }

    // Small key/value settings kept with the data (local household id, ...).
    QString metaValue(const QString &key) const;
    bool setMetaValue(const QString &key, const QString &value);

private:
    friend class StoreTransaction;
    Store(QString path, QString connectionName);

    QString m_path;
    QString m_connectionName;
    sqlite3 *m_handle = nullptr; // the QSQLITE connection's own handle, looked up on first use
    std::map<QString, std::unique_ptr<SqlStatement>> m_statements;
    int m_transactionDepth = 0;
    bool m_rollbackOnly = false;
};

// RAII transaction: rolls back unless commit() is called. Nested guards join the outer
// transaction, so a batch (demo data, an import) can wrap many single-entity writes in one commit.
class StoreTransaction final
{
public:
    explicit StoreTransaction(Store &store);
    ~StoreTransaction();
    Q_DISABLE_COPY_MOVE(StoreTransaction)

    bool isActive() const { return m_active; }
    bool commit();

private:
    Store &m_store;
    bool m_active = false;
    bool m_done = false;
};

} // namespace hearth
