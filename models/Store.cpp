#include "Store.h"

#include "Schema.h"
#include "SqlStatement.h"

#include <QAtomicInteger>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStorageInfo>

#include <optional>

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcStore, "hearth.store", QtWarningMsg)

namespace hearth {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint32> counter;
    return QStringLiteral("hearth-store-%1").arg(counter.fetchAndAddRelaxed(1));
}

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

std::optional<qint64> pragmaValue(QSqlDatabase &db, const char *pragma, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(pragma))) || !query.next()) {
        if (error)
            *error = query.lastError().text();
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

} // namespace

Store::Store(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{
}

Store::~Store()
{
    // SQLite refuses to close a connection with statements still prepared on it.
    m_statements.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

std::unique_ptr<Store> Store::open(const QString &path, QString *error, Durability durability)
{
    QString ignored;
    QString &message = error ? *error : ignored;

    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        message = QStringLiteral("%1 is not a file.").arg(path);
        return nullptr;
    }
    if (info.exists() && !info.isReadable()) {
        message = QStringLiteral("%1 cannot be read (check its permissions).").arg(path);
        return nullptr;
    }

    const QString connection = nextConnectionName();
    std::unique_ptr<Store> store(new Store(path, connection));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(path);
    // An existing file is first looked at through a read-only connection: a foreign, damaged or
    // newer file must not change at all, not even by SQLite checkpointing its WAL on close.
    const bool existing = info.exists();
    if (existing)
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!db.open()) {
        message = QStringLiteral("Could not open %1: %2").arg(path, db.lastError().text());
        return nullptr;
    }

    // Everything up to the migration only reads, so a foreign or damaged file is never touched.
    QString sqlError;
    const auto tableCount = [&]() -> std::optional<qint64> {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !query.next()) {
            sqlError = query.lastError().text();
            return std::nullopt;
        }
        return query.value(0).toLongLong();
    }();
    const auto version = tableCount ? pragmaValue(db, "user_version", &sqlError) : std::nullopt;
    const auto appId = version ? pragmaValue(db, "application_id", &sqlError) : std::nullopt;
    if (!tableCount || !version || !appId) {
        message = QStringLiteral("%1 is damaged or is not a Hearth data file (%2). "
                                 "It was left untouched; restore a backup or choose another folder with --data.")
                      .arg(path, sqlError);
        return nullptr;
    }
    // A file cut short or with damaged pages is refused before anything reads into it further
    // (or a migration writes over it): it stays as it is for a backup to replace.
    if (existing && *tableCount > 0) {
        QSqlQuery check(db);
        const bool ran = check.exec(QStringLiteral("PRAGMA quick_check")) && check.next();
        const QString verdict = ran ? check.value(0).toString() : check.lastError().text();
        if (verdict != QLatin1String("ok")) {
            message = QStringLiteral("%1 is damaged (%2). It was left untouched: restore the latest backup "
                                     "(hearthd backup makes one while serving), or move the file aside to start afresh.")
                          .arg(path, verdict);
            return nullptr;
        }
    }
    // Fresh means never written by anyone: an empty file or an SQLite file another program has
    // claimed (application_id set) but not filled yet is not ours to take over.
    const bool fresh = *tableCount == 0 && *version == 0 && *appId == 0;
    if (!fresh && *appId != kApplicationId) {
        message = QStringLiteral("%1 is an SQLite database that does not belong to Hearth. "
                                 "It was left untouched; choose another folder with --data.")
                      .arg(path);
        return nullptr;
    }
    if (*version > kSchemaVersion) {
        message = QStringLiteral("%1 was written by a newer version of Hearth (data version %2; this version "
                                 "understands up to %3). Update Hearth to open it; the file was left untouched.")
                      .arg(path)
                      .arg(*version)
                      .arg(kSchemaVersion);
        return nullptr;
    }
    // Each collection's own schema steps (CollectionSpec::migrations) are counted in
    // collection_schema; a collection this build does not know, or more steps than it has, is newer.
    if (*version >= kCollectionSchemaVersion) {
        QSqlQuery steps(db);
        if (!steps.exec(QStringLiteral("SELECT collection, steps FROM collection_schema"))) {
            message = QStringLiteral("%1 is damaged (%2). It was left untouched; restore a backup or choose another "
                                     "folder with --data.")
                          .arg(path, steps.lastError().text());
            return nullptr;
        }
        while (steps.next()) {
            Collection collection;
            const QString name = steps.value(0).toString();
            if (!collectionFromName(name, &collection)
                || steps.value(1).toLongLong() > collectionSpec(collection).migrations.size()) {
                message = QStringLiteral("%1 was written by a newer version of Hearth (it keeps %2 in a form this "
                                         "version does not know). Update Hearth to open it; the file was left untouched.")
                              .arg(path, name);
                return nullptr;
            }
        }
    }
    if (existing) {
        db.close();
        db.setConnectOptions(QString());
        if (!db.open()) {
            message = QStringLiteral("Could not open %1 for writing: %2").arg(path, db.lastError().text());
            return nullptr;
        }
    }

    if (!exec(db, QStringLiteral("PRAGMA foreign_keys = ON"), &sqlError)
        || !exec(db, QStringLiteral("PRAGMA journal_mode = WAL"), &sqlError)
        || !exec(db,
                 durability == Durability::Full ? QStringLiteral("PRAGMA synchronous = FULL")
                                                : QStringLiteral("PRAGMA synchronous = NORMAL"),
                 &sqlError)
        || !exec(db, QStringLiteral("PRAGMA busy_timeout = 5000"), &sqlError)) {
        message = QStringLiteral("Could not prepare %1: %2").arg(path, sqlError);
        return nullptr;
    }

    store->m_durability = durability;

    const auto &migrations = schemaMigrations();
    for (qint64 v = *version; v < kSchemaVersion; ++v) {
        StoreTransaction tx(*store);
        bool ok = tx.isActive();
        for (const QString &statement : migrations.at(v)) {
            if (!ok)
                break;
            ok = exec(db, statement, &sqlError);
        }
        ok = ok && exec(db, QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId), &sqlError)
            && exec(db, QStringLiteral("PRAGMA user_version = %1").arg(v + 1), &sqlError) && tx.commit();
        if (!ok) {
            message = QStringLiteral("Could not upgrade %1 to data version %2: %3").arg(path).arg(v + 1).arg(sqlError);
            return nullptr;
        }
        qCInfo(lcStore) << "migrated" << path << "to schema" << v + 1;
    }
    for (const Collection collection : allCollections()) {
        const CollectionSpec &spec = collectionSpec(collection);
        qsizetype done = 0;
        {
            QSqlQuery steps(db);
            steps.prepare(QStringLiteral("SELECT steps FROM collection_schema WHERE collection = ?"));
            steps.addBindValue(spec.name);
            if (steps.exec() && steps.next())
                done = steps.value(0).toLongLong();
        }
        for (qsizetype step = done; step < spec.migrations.size(); ++step) {
            StoreTransaction tx(*store);
            bool ok = tx.isActive();
            for (const QString &statement : spec.migrations.at(step)) {
                if (!ok)
                    break;
                ok = exec(db, statement, &sqlError);
            }
            QSqlQuery record(db);
            record.prepare(QStringLiteral("INSERT INTO collection_schema (collection, steps) VALUES (?, ?) "
                                          "ON CONFLICT (collection) DO UPDATE SET steps = excluded.steps"));
            record.addBindValue(spec.name);
            record.addBindValue(step + 1);
            ok = ok && record.exec() && tx.commit();
            if (!ok) {
                message = QStringLiteral("Could not upgrade %1 to keep %2: %3").arg(path, spec.name, sqlError);
                return nullptr;
            }
            qCInfo(lcStore) << "migrated" << path << spec.name << "to step" << step + 1;
        }
    }
    return store;
}

namespace {

// A connection of SQLite's C API that closes itself.
struct Connection
{
    sqlite3 *db = nullptr;
    ~Connection() { sqlite3_close_v2(db); }
    QString error() const { return db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory"); }
};

// The first row of an integrity check run on `db`: "ok" when sound.
QString checkVerdict(sqlite3 *db, bool thorough)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, thorough ? "PRAGMA integrity_check(20)" : "PRAGMA quick_check(20)", -1, &statement, nullptr) != SQLITE_OK)
        return QString::fromUtf8(sqlite3_errmsg(db));
    QStringList problems;
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW)
        problems << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
    if (rc != SQLITE_DONE)
        problems << QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(statement);
    return problems.join(QStringLiteral("; "));
}

} // namespace

QString Store::damage(const QString &path, bool thorough)
{
    if (!QFileInfo(path).isFile())
        return QStringLiteral("%1 does not exist").arg(path);
    Connection source;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &source.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return source.error();
    sqlite3_busy_timeout(source.db, 5000);
    const QString verdict = checkVerdict(source.db, thorough);
    return verdict == QLatin1String("ok") ? QString() : verdict;
}

bool Store::backup(const QString &path, const QString &target, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    if (!QFileInfo(path).isFile()) {
        message = QStringLiteral("There is no store at %1.").arg(path);
        return false;
    }
    if (QFileInfo::exists(target)) {
        message = QStringLiteral("%1 exists already; a backup never replaces a file.").arg(target);
        return false;
    }
    const QString partial = target + QStringLiteral(".partial");
    QFile::remove(partial); // what an interrupted backup left
    Connection source;
    Connection copy;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &source.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        message = QStringLiteral("Could not read %1: %2").arg(path, source.error());
        return false;
    }
    sqlite3_busy_timeout(source.db, 5000);
    if (sqlite3_open_v2(QFile::encodeName(partial).constData(), &copy.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        message = QStringLiteral("Could not write %1: %2").arg(partial, copy.error());
        return false;
    }
    // One step over every page: the source is read in a single snapshot (WAL lets the server go
    // on committing meanwhile), so the copy is the store as it was at one commit.
    sqlite3_backup *run = sqlite3_backup_init(copy.db, "main", source.db, "main");
    int rc = run ? sqlite3_backup_step(run, -1) : SQLITE_ERROR;
    if (run)
        rc = rc == SQLITE_DONE ? sqlite3_backup_finish(run) : (sqlite3_backup_finish(run), rc);
    QString verdict;
    if (rc == SQLITE_OK || rc == SQLITE_DONE) {
        // The copy leaves WAL mode: one self-contained file, whatever copies it next.
        sqlite3_exec(copy.db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
        verdict = checkVerdict(copy.db, false);
    } else {
        verdict = QString::fromUtf8(sqlite3_errstr(rc));
    }
    sqlite3_close_v2(std::exchange(copy.db, nullptr));
    if (verdict != QLatin1String("ok")) {
        QFile::remove(partial);
        message = QStringLiteral("Could not copy %1: %2").arg(path, verdict);
        return false;
    }
    // The copy's bytes reach the disk before its name does.
    const int fd = ::open(QFile::encodeName(partial).constData(), O_RDONLY | O_CLOEXEC);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0)
        ::close(fd);
    if (!synced || !QFile::rename(partial, target)) {
        QFile::remove(partial);
        message = QStringLiteral("Could not write %1.").arg(target);
        return false;
    }
    return true;
}

bool Store::outOfSpace()
{
    if (sqlite3 *db = handle(); m_commitFoundDiskFull || (db && (sqlite3_extended_errcode(db) & 0xff) == SQLITE_FULL))
        return true;
    const QStorageInfo volume(QFileInfo(m_path).absolutePath());
    return volume.isValid() && volume.bytesAvailable() >= 0 && volume.bytesAvailable() < kSpaceReserve;
}

bool Store::transactionLost()
{
    sqlite3 *db = handle();
    return m_transactionDepth > 0 && db && sqlite3_get_autocommit(db) != 0;
}

QSqlDatabase Store::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

sqlite3 *Store::handle()
{
    if (!m_handle) {
        // QSQLITE hands out its connection as a QVariant holding a sqlite3*.
        const QVariant handle = database().driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_handle = *static_cast<sqlite3 *const *>(handle.constData());
    }
    return m_handle;
}

SqlStatement &Store::statement(const QString &sql)
{
    auto &slot = m_statements[sql];
    if (!slot) {
        slot = std::make_unique<SqlStatement>(handle(), sql);
        if (!slot->isValid())
            qCWarning(lcStore) << "could not prepare" << sql << slot->errorText();
    }
    return *slot;
}

bool Store::syncLog(const QString &storePath)
{
    const QByteArray wal = QFile::encodeName(storePath + QStringLiteral("-wal"));
    const int fd = ::open(wal.constData(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fdatasync(fd) == 0;
    ::close(fd);
    return ok;
}

void Store::setCheckpointBackstop(int backstopFrames)
{
    m_checkpointBackstop = backstopFrames;
    sqlite3 *db = handle();
    if (!db)
        return;
    if (backstopFrames > 0)
        sqlite3_wal_hook(db, &Store::onWalCommit, this); // replaces SQLite's auto-checkpoint hook
    else
        sqlite3_wal_autocheckpoint(db, 1000); // SQLite's own again
}

int Store::onWalCommit(void *store, sqlite3 *db, const char *name, int frames)
{
    auto *self = static_cast<Store *>(store);
    self->m_walFrames.store(frames, std::memory_order_relaxed);
    // What SQLite's default hook does at its threshold, here only as the backstop.
    if (frames >= self->m_checkpointBackstop)
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
}

QString Store::metaValue(const QString &key) const
{
    QSqlQuery query(database());
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.addBindValue(key);
    if (query.exec() && query.next())
        return query.value(0).toString();
    return {};
}

bool Store::setMetaValue(const QString &key, const QString &value)
{
    QSqlQuery query(database());
    query.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(key);
    query.addBindValue(value);
    if (!query.exec()) {
        qCWarning(lcStore) << "could not write setting" << key << query.lastError().text();
        return false;
    }
    return true;
}

namespace {

// In WAL mode synchronous=NORMAL differs from FULL only in the fdatasync of the log after each
// commit (sqlite.org/pragma.html#pragma_synchronous), which a CommitSync::Deferred caller makes
// itself with Store::syncLog(). SQLite allows changing it only outside a transaction.
bool setSynchronous(Store &store, bool full)
{
    SqlStatement::Run pragma(store.statement(full ? QStringLiteral("PRAGMA synchronous = FULL") : QStringLiteral("PRAGMA synchronous = NORMAL")));
    pragma->step();
    if (!pragma->ok())
        qCWarning(lcStore) << "could not set synchronous:" << pragma->errorText();
    return pragma->ok();
}

} // namespace

StoreTransaction::StoreTransaction(Store &store, CommitSync sync)
    : m_store(store)
{
    if (m_store.m_transactionDepth == 0) {
        // A full disk found by an earlier COMMIT says nothing about this transaction: left set, it
        // would make any later failure look like one for lack of space (and be retried forever).
        m_store.m_commitFoundDiskFull = false;
        // Only this transaction's COMMIT skips the sync: every other commit stays durable on return.
        m_deferred = sync == CommitSync::Deferred && m_store.m_durability == Durability::Full && setSynchronous(m_store, false);
        QSqlDatabase db = m_store.database();
        if (!db.transaction()) {
            qCWarning(lcStore) << "could not begin a transaction:" << db.lastError().text();
            if (m_deferred)
                setSynchronous(m_store, true);
            m_deferred = false;
            return;
        }
        m_store.m_rollbackOnly = false;
    } else if (m_store.m_rollbackOnly || m_store.transactionLost()) {
        m_store.m_rollbackOnly = true;
        return; // the outer transaction already failed
    }
    ++m_store.m_transactionDepth;
    m_active = true;
}

StoreTransaction::~StoreTransaction()
{
    if (m_active && !m_done) {
        // Not committed: the whole (outer) transaction must not commit either.
        m_store.m_rollbackOnly = true;
        if (--m_store.m_transactionDepth == 0) {
            QSqlDatabase db = m_store.database();
            db.rollback();
        }
    }
    if (m_deferred)
        setSynchronous(m_store, true);
}

bool StoreTransaction::commit()
{
    if (!m_active || m_done)
        return false;
    m_done = true;
    if (--m_store.m_transactionDepth > 0)
        return !m_store.m_rollbackOnly;
    QSqlDatabase db = m_store.database();
    if (m_store.m_rollbackOnly) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        qCWarning(lcStore) << "commit failed:" << db.lastError().text();
        sqlite3 *handle = m_store.handle();
        m_store.m_commitFoundDiskFull = handle && (sqlite3_extended_errcode(handle) & 0xff) == SQLITE_FULL;
        db.rollback();
        return false;
    }
    m_store.m_commitFoundDiskFull = false;
    m_syncOwed = m_deferred;
    return true;
}

StoreSavepoint::StoreSavepoint(Store &store)
    : m_store(store)
    , m_transaction(store)
{
    if (!m_transaction.isActive())
        return;
    m_failedBefore = m_store.m_rollbackOnly;
    SqlStatement::Run savepoint(m_store.statement(QStringLiteral("SAVEPOINT unit")));
    savepoint->step();
    m_active = savepoint->ok();
    if (!m_active)
        qCWarning(lcStore) << "could not open a savepoint:" << savepoint->errorText();
}

StoreSavepoint::~StoreSavepoint()
{
    if (!m_active || m_done)
        return;
    SqlStatement::Run rollback(m_store.statement(QStringLiteral("ROLLBACK TO unit")));
    rollback->step();
    SqlStatement::Run release(m_store.statement(QStringLiteral("RELEASE unit")));
    release->step();
    if (rollback->ok() && release->ok())
        m_store.m_rollbackOnly = m_failedBefore; // what failed inside is undone with the unit
    m_transaction.commit(); // nothing of the unit is left to commit
}

bool StoreSavepoint::release()
{
    if (!m_active || m_done)
        return false;
    SqlStatement::Run release(m_store.statement(QStringLiteral("RELEASE unit")));
    release->step();
    if (!release->ok())
        return false; // the destructor undoes the unit
    m_done = true;
    return m_transaction.commit();
}

} // namespace hearth
