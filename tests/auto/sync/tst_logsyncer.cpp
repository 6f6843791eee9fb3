// LogSyncer: the host's group commits are made durable (fdatasync of the WAL) and checkpointed on
// threads of its own; results come back on the host's thread, once per sync.

#include "LogSyncer.h"
#include "Store.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QCoreApplication>
#include <QTest>
#include <QThread>

#include <memory>

using namespace hearth;

class tst_LogSyncer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void doneOncePerSyncOnTheOwnersThread();
    void waitTakesTheResult();
    void deferredCommitOwesASync();
    void checkpointsOffTheStoresConnection();

private:
    // Writes `rows` rows of ~4 KB each in one deferred transaction: about a log frame per row.
    bool writeRows(int rows);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
};

void tst_LogSyncer::init()
{
    m_dir = std::make_unique<QTemporaryDir>(); // a fresh store per test
    QVERIFY(m_dir->isValid());
    QString error;
    m_store = Store::open(m_dir->filePath(QStringLiteral("host.db")), &error, Durability::Full);
    QVERIFY2(m_store, qPrintable(error));
    QSqlQuery create(m_store->database());
    QVERIFY(create.exec(QStringLiteral("CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB)")));
}

void tst_LogSyncer::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

bool tst_LogSyncer::writeRows(int rows)
{
    StoreTransaction tx(*m_store, CommitSync::Deferred);
    QSqlQuery insert(m_store->database());
    insert.prepare(QStringLiteral("INSERT INTO filler (body) VALUES (zeroblob(4000))"));
    for (int i = 0; i < rows; ++i) {
        if (!insert.exec())
            return false;
    }
    return tx.commit() && tx.syncOwed();
}

void tst_LogSyncer::doneOncePerSyncOnTheOwnersThread()
{
    QObject context;
    QList<bool> results;
    QList<QThread *> threads;
    LogSyncer syncer(*m_store, &context, [&](bool ok) {
        results.append(ok);
        threads.append(QThread::currentThread());
    });
    QVERIFY(!syncer.busy());
    QVERIFY(writeRows(1));
    syncer.start();
    QVERIFY(syncer.busy());
    syncer.start(); // refused while busy: still one result
    QTRY_COMPARE(results.size(), 1);
    QVERIFY(results.at(0));
    QCOMPARE(threads.at(0), QThread::currentThread());
    QVERIFY(!syncer.busy());

    syncer.start();
    QTRY_COMPARE(results.size(), 2);
    // Nothing more arrives: whatever the worker posted is delivered now, and it was one result.
    QCoreApplication::sendPostedEvents();
    QCOMPARE(results.size(), 2);
}

void tst_LogSyncer::waitTakesTheResult()
{
    QObject context;
    int done = 0;
    LogSyncer syncer(*m_store, &context, [&](bool) { ++done; });
    QVERIFY(syncer.wait()); // nothing in progress
    syncer.start();
    QVERIFY(syncer.wait());
    QVERIFY(!syncer.busy());
    // The result was taken: the queued done() of that sync is dropped, even once another runs.
    syncer.start();
    QTRY_COMPARE(done, 1);
    // The first sync's result was posted before the second's: delivering what is left changes nothing.
    QCoreApplication::sendPostedEvents();
    QCOMPARE(done, 1);
}

void tst_LogSyncer::deferredCommitOwesASync()
{
    QVERIFY(writeRows(1)); // a Full store's outermost deferred commit owes a sync
    {
        StoreTransaction outer(*m_store);
        StoreTransaction inner(*m_store, CommitSync::Deferred); // joins the outer one: nothing to defer
        QVERIFY(inner.commit());
        QVERIFY(!inner.syncOwed());
        QVERIFY(outer.commit());
        QVERIFY(!outer.syncOwed());
    }
    // Only the deferred COMMIT ran without the sync: the connection is back to FULL.
    QSqlQuery synchronous(m_store->database());
    QVERIFY(synchronous.exec(QStringLiteral("PRAGMA synchronous")) && synchronous.next());
    QCOMPARE(synchronous.value(0).toInt(), 2);
}

void tst_LogSyncer::checkpointsOffTheStoresConnection()
{
    const QString dbFile = m_store->path();
    QObject context;
    int done = 0;
    LogSyncer syncer(*m_store, &context, [&](bool ok) { done += ok ? 1 : 0; });
    const qint64 before = QFileInfo(dbFile).size();
    // More than kCheckpointFrames but far fewer than the backstop: the store's connection does
    // not checkpoint, so the pages reach the database file only through the syncer's checkpoint.
    QVERIFY(writeRows(LogSyncer::kCheckpointFrames + 200));
    QVERIFY(m_store->walFrames() >= LogSyncer::kCheckpointFrames);
    QVERIFY(m_store->walFrames() < LogSyncer::kBackstopFrames);
    QCOMPARE(QFileInfo(dbFile).size(), before);
    syncer.start();
    QTRY_COMPARE(done, 1);
    QTRY_VERIFY(QFileInfo(dbFile).size() > before + qint64(LogSyncer::kCheckpointFrames) * 4000);
}

QTEST_GUILESS_MAIN(tst_LogSyncer)
#include "tst_logsyncer.moc"
