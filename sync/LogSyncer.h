#pragma once

#include <QObject>
#include <QString>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

struct sqlite3;

namespace hearth {

class Store;

// Makes a Durability::Full store's group commits durable on a thread of its own, so the host goes
// on reading and answering sockets — and writing the next group — while the disk works:
// - start() runs Store::syncLog() (an fdatasync of the WAL file) there; done(ok) then runs on the
//   thread of `context` (the host's), once per start(), unless wait() collected the result.
// - Once a sync finds the log holding kCheckpointFrames, a second thread checkpoints the log into
//   the database file, on a SQLite connection of its own (WAL mode allows one checkpointer beside
//   the writer), while syncs go on. The store's own connection checkpoints only as a backstop
//   meanwhile (Store::setCheckpointBackstop): run inside its commits, checkpoints stalled every
//   socket, and on the sync thread they delayed the group after them.
// Neither thread touches the store's connection, only the files and the checkpointer's connection.
class LogSyncer final
{
public:
    static constexpr int kCheckpointFrames = 1000; // SQLite's own auto-checkpoint threshold
    static constexpr int kBackstopFrames = 10000;  // ~40 MB of log: the store checkpoints itself

    LogSyncer(Store &store, QObject *context, std::function<void(bool ok)> done);
    ~LogSyncer();
    Q_DISABLE_COPY_MOVE(LogSyncer)

    bool busy() const { return m_busy; }
    // Starts a sync covering everything committed so far. Refused while busy().
    void start();
    // Blocks until the sync in progress has finished and returns its result; done() is then not
    // called for it.
    bool wait();

private:
    void runSyncs();
    void runCheckpoints();
    bool checkpoint();
    void finished(quint64 generation, bool ok);

    Store &m_store;
    const QString m_path;
    QObject *const m_context; // outlives this (owns it)
    std::function<void(bool)> m_done;
    bool m_busy = false;      // owner's thread only
    quint64 m_generation = 0; // owner's thread only: numbers the syncs, to drop results wait() took
    sqlite3 *m_checkpointer = nullptr; // the checkpoint thread's own connection, opened on first use

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_finished;
    bool m_requested = false;          // under m_mutex
    quint64 m_requestedGeneration = 0; // under m_mutex
    bool m_stopping = false;           // under m_mutex
    bool m_hasResult = false;          // under m_mutex
    bool m_result = false;             // under m_mutex
    bool m_checkpointWanted = false;   // under m_mutex
    std::condition_variable m_checkpointWake;
    std::thread m_syncThread; // last: they start after the members above exist
    std::thread m_checkpointThread;
};

} // namespace hearth
