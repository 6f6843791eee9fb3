#include "LogSyncer.h"

#include "Store.h"

#include <QFile>
#include <QLoggingCategory>
#include <QMetaObject>

#include <sqlite3.h>

namespace hearth {

LogSyncer::LogSyncer(Store &store, QObject *context, std::function<void(bool ok)> done)
    : m_store(store)
    , m_path(store.path())
    , m_context(context)
    , m_done(std::move(done))
    , m_syncThread([this] { runSyncs(); })
    , m_checkpointThread([this] { runCheckpoints(); })
{
    m_store.setCheckpointBackstop(kBackstopFrames);
}

LogSyncer::~LogSyncer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_checkpointWake.notify_one();
    m_syncThread.join();
    m_checkpointThread.join();
    m_store.setCheckpointBackstop(0);
}

void LogSyncer::start()
{
    if (m_busy)
        return;
    m_busy = true;
    ++m_generation;
    {
        std::lock_guard lock(m_mutex);
        m_requested = true;
        m_requestedGeneration = m_generation;
        m_hasResult = false;
    }
    m_wake.notify_one();
}

bool LogSyncer::wait()
{
    if (!m_busy)
        return true;
    std::unique_lock lock(m_mutex);
    m_finished.wait(lock, [this] { return m_hasResult; });
    m_busy = false; // the queued done() of this sync is dropped: the host has the result
    return m_result;
}

void LogSyncer::runSyncs()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_requested || m_stopping; });
        if (m_stopping)
            return;
        m_requested = false;
        const quint64 generation = m_requestedGeneration;
        lock.unlock();
        const bool ok = Store::syncLog(m_path);
        lock.lock();
        m_result = ok;
        m_hasResult = true;
        m_finished.notify_all();
        QMetaObject::invokeMethod(
            m_context, [this, generation, ok] { finished(generation, ok); }, Qt::QueuedConnection);
        if (ok && m_store.walFrames() >= kCheckpointFrames && !m_checkpointWanted) {
            m_checkpointWanted = true;
            m_checkpointWake.notify_one();
        }
    }
}

void LogSyncer::runCheckpoints()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_checkpointWake.wait(lock, [this] { return m_checkpointWanted || m_stopping; });
        if (m_stopping)
            break;
        lock.unlock();
        checkpoint();
        lock.lock();
        m_checkpointWanted = false;
    }
    lock.unlock();
    if (m_checkpointer)
        sqlite3_close(m_checkpointer); // on the thread that used it
}

bool LogSyncer::checkpoint()
{
    if (!m_checkpointer) {
        const QByteArray path = QFile::encodeName(m_path);
        if (sqlite3_open_v2(path.constData(), &m_checkpointer, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
            != SQLITE_OK) {
            qCWarning(lcStore) << "could not open a checkpoint connection:" << sqlite3_errmsg(m_checkpointer);
            sqlite3_close(m_checkpointer);
            m_checkpointer = nullptr;
            return false;
        }
        // A connection knows the database is in WAL mode only once it has read it: until then a
        // checkpoint does nothing.
        sqlite3_exec(m_checkpointer, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    }
    // PASSIVE: copies what no reader still needs, without waiting for the writer.
    const int rc = sqlite3_wal_checkpoint_v2(m_checkpointer, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        qCWarning(lcStore) << "checkpoint failed:" << sqlite3_errmsg(m_checkpointer);
    return rc == SQLITE_OK;
}

void LogSyncer::finished(quint64 generation, bool ok)
{
    if (!m_busy || generation != m_generation)
        return; // wait() collected this result already
    m_busy = false;
    m_done(ok);
}

} // namespace hearth
