// Store: creating, reopening and migrating the SQLite file; refusing files that are not ours
// (newer, damaged, foreign) without touching them; and the StoreTransaction RAII guard.

#include "ModelTestHelpers.h"
#include "Schema.h"
#include "Store.h"
#include "StoreDamage.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace hearth;
using namespace hearth::test;

namespace {

// Runs statements on a plain SQLite connection (not a Store), then closes it completely.
bool writeSqlite(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("tst_store-raw");
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        for (const QString &sql : statements) {
            if (!ok)
                break;
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                qDebug() << sql << query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

qint64 pragma(Store &store, const char *name)
{
    return queryValue(store, QStringLiteral("PRAGMA %1").arg(QLatin1String(name))).toLongLong();
}

QByteArray writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    file.close();
    return fileChecksum(path);
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class tst_Store : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral(".*"))); }
    void freshFileIsCreatedAtCurrentSchema();
    void durabilitySetsSynchronous();
    void reopeningKeepsData();
    void reopeningAfterACrashRecoversTheLog();
    void migratesAnEmptyFile();
    void migratesVersion4InvitesToCodesForAMember();
    void settlesDoneCardsIntoTheDoneColumn();
    void refusesNewerSchema();
    void refusesNewerSchemaWithPendingWal();
    void refusesDamagedFile_data();
    void refusesDamagedFile();
    void refusesCutOrOverwrittenStore_data();
    void refusesCutOrOverwrittenStore();
    void refusesForeignDatabase_data();
    void refusesForeignDatabase();
    void unusablePathGivesMessage_data();
    void unusablePathGivesMessage();
    void metaValues();

    void transactionRollsBackWhenNotCommitted();
    void transactionCommits();
    void commitTwiceFails();
    void nestedGuardsJoinOuterTransaction();
    void innerFailureMakesOuterCommitFail();
    void uncommittedWritesAreInvisibleToOtherConnections();
};

void tst_Store::freshFileIsCreatedAtCurrentSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new.db"));
    QVERIFY(!QFile::exists(path));
    QString error;
    auto store = Store::open(path, &error);
    QVERIFY2(store, qPrintable(error));
    QVERIFY(error.isEmpty());
    QVERIFY(QFile::exists(path));
    QCOMPARE(store->path(), path);

    QCOMPARE(pragma(*store, "user_version"), qint64(kSchemaVersion));
    QCOMPARE(pragma(*store, "application_id"), qint64(kApplicationId));
    QCOMPARE(pragma(*store, "foreign_keys"), qint64(1));
    QCOMPARE(queryValue(*store, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));

    // Every collection's table exists, plus the event log and the settings.
    for (Collection c : {Collection::Household, Collection::Members, Collection::Pantry, Collection::Transactions,
                         Collection::Goals, Collection::BoardColumns, Collection::BoardCards})
        QVERIFY2(countRows(*store, collectionSpec(c).table) == 0, qPrintable(collectionSpec(c).table));
    QCOMPARE(countRows(*store, QStringLiteral("events")), qint64(0));
    QCOMPARE(countRows(*store, QStringLiteral("meta")), qint64(0));

    // Foreign keys are enforced: a member of a household that does not exist is refused.
    QSqlQuery query(store->database());
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO members (id, household_id, name, role, color, rev, updated_at) "
                                       "VALUES ('m', 'no-such-household', 'x', 'adult', '#000', 1, '')")));
}

void tst_Store::durabilitySetsSynchronous()
{
    QTemporaryDir dir;
    QString error;
    auto normal = Store::open(dir.filePath(QStringLiteral("a.db")), &error, Durability::Normal);
    QVERIFY2(normal, qPrintable(error));
    QCOMPARE(pragma(*normal, "synchronous"), qint64(1)); // NORMAL
    auto full = Store::open(dir.filePath(QStringLiteral("b.db")), &error, Durability::Full);
    QVERIFY2(full, qPrintable(error));
    QCOMPARE(pragma(*full, "synchronous"), qint64(2)); // FULL
}

void tst_Store::reopeningKeepsData()
{
    TempHousehold home;
    QVERIFY2(home.isValid(), qPrintable(home.error()));
    const QString householdId = home.engine().householdId();
    const MutationResult r = home.engine().submit(
        Mutation{{}, Collection::Pantry, MutationOp::Create, {}, -1, {{QStringLiteral("name"), QStringLiteral("Rice")}}});
    QVERIFY(r.ok);
    const qint64 head = home.engine().headSeq();

    QVERIFY2(home.reopen(), qPrintable(home.error()));
    QCOMPARE(home.engine().householdId(), householdId);
    QCOMPARE(home.engine().headSeq(), head);
    const auto item = home.engine().entity(Collection::Pantry, r.entityId);
    QVERIFY(item);
    QCOMPARE(item->value(QLatin1String("name")).toString(), QStringLiteral("Rice"));
    QCOMPARE(pragma(home.store(), "user_version"), qint64(kSchemaVersion));

    // The next change continues the household's event sequence.
    const MutationResult next = home.engine().submit(
        Mutation{{}, Collection::Pantry, MutationOp::Delete, r.entityId, -1, {}});
    QVERIFY(next.ok);
    QCOMPARE(next.seq, head + 1);
}

void tst_Store::reopeningAfterACrashRecoversTheLog()
{
    // Committed changes still only in the -wal file (the app died before a checkpoint) are there
    // when the store is opened again.
    QTemporaryDir source;
    QTemporaryDir dir;
    const QString original = source.filePath(QStringLiteral("hearth.db"));
    const QString path = dir.filePath(QStringLiteral("hearth.db"));
    QString error;
    auto store = Store::open(original, &error);
    QVERIFY2(store, qPrintable(error));
    QVERIFY(store->setMetaValue(QStringLiteral("k"), QStringLiteral("committed")));
    QVERIFY(QFileInfo(original + QStringLiteral("-wal")).size() > 0);
    for (const char *suffix : {"", "-wal", "-shm"}) {
        if (QFile::exists(original + QLatin1String(suffix)))
            QVERIFY(QFile::copy(original + QLatin1String(suffix), path + QLatin1String(suffix)));
    }
    store.reset();

    auto recovered = Store::open(path, &error);
    QVERIFY2(recovered, qPrintable(error));
    QCOMPARE(recovered->metaValue(QStringLiteral("k")), QStringLiteral("committed"));
    QVERIFY(recovered->setMetaValue(QStringLiteral("k"), QStringLiteral("writable")));
    QCOMPARE(recovered->metaValue(QStringLiteral("k")), QStringLiteral("writable"));
}

void tst_Store::migratesAnEmptyFile()
{
    // An empty file is an SQLite database at version 0: it is migrated, not refused.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.db"));
    QVERIFY(!writeBytes(path, {}).isEmpty());
    QCOMPARE(QFileInfo(path).size(), qint64(0));

    QString error;
    auto store = Store::open(path, &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(pragma(*store, "user_version"), qint64(kSchemaVersion));
    QCOMPARE(pragma(*store, "application_id"), qint64(kApplicationId));
    QCOMPARE(countRows(*store, QStringLiteral("pantry_items")), qint64(0));
    QCOMPARE(countRows(*store, QStringLiteral("events")), qint64(0));
    QCOMPARE(schemaMigrations().size(), qsizetype(kSchemaVersion));
}

void tst_Store::migratesVersion4InvitesToCodesForAMember()
{
    // A host's store from before codes could be made for a member: its open invite stays a code for
    // someone new (member_id NULL), and a removed member's codes now go with them.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v4.db"));
    QStringList statements;
    for (int step = 0; step < 4; ++step)
        statements += schemaMigrations().at(step);
    statements << QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId) << QStringLiteral("PRAGMA user_version = 4")
               << QStringLiteral("INSERT INTO households (id, household_id, name, currency, budget_limit_cents, rev, updated_at) "
                                 "VALUES ('h1', 'h1', 'The Riveras', 'EUR', 0, 1, '2026-12-01T10:00:00Z')")
               << QStringLiteral("INSERT INTO invites (code, household_id, role, created_at, expires_at) "
                                 "VALUES ('ABCD2345', 'h1', 'adult', '2026-12-01T10:00:00Z', '2026-12-02T10:00:00Z')");
    QVERIFY(writeSqlite(path, statements));

    QString error;
    auto store = Store::open(path, &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(pragma(*store, "user_version"), qint64(kSchemaVersion));
    QSqlQuery invite(store->database());
    QVERIFY(invite.exec(QStringLiteral("SELECT code, member_id IS NULL FROM invites")));
    QVERIFY(invite.next());
    QCOMPARE(invite.value(0).toString(), QStringLiteral("ABCD2345"));
    QVERIFY(invite.value(1).toBool());
    QVERIFY(!invite.next());
    QSqlQuery keys(store->database());
    QVERIFY(keys.exec(QStringLiteral("PRAGMA foreign_key_list(invites)")));
    bool toMembers = false;
    while (keys.next())
        toMembers |= keys.value(QStringLiteral("table")).toString() == QLatin1String("members")
                     && keys.value(QStringLiteral("from")).toString() == QLatin1String("member_id")
                     && keys.value(QStringLiteral("on_delete")).toString() == QLatin1String("CASCADE");
    QVERIFY(toMembers);
}

void tst_Store::settlesDoneCardsIntoTheDoneColumn()
{
    // Cards written before "done means in the Done column" (a ticked card still in In cart, an
    // unticked one in Done) come out consistent once the board's step has run.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("board.db"));
    {
        QString error;
        auto store = Store::open(path, &error);
        QVERIFY2(store, qPrintable(error));
    }
    const QString at = QStringLiteral("'2026-12-01T10:00:00Z'");
    QVERIFY(writeSqlite(path, {
        QStringLiteral("INSERT INTO households (id, household_id, name, currency, budget_limit_cents, rev, updated_at) "
                       "VALUES ('h1', 'h1', 'The Riveras', 'EUR', 0, 1, %1)").arg(at),
        QStringLiteral("INSERT INTO board_columns VALUES ('buy', 'h1', 'To buy', 1, 1, %1), ('cart', 'h1', 'In cart', 2, 1, %1), "
                       "('done', 'h1', 'Done', 3, 1, %1)").arg(at),
        // The cards table as such a store had it, before the board's own steps (which add columns).
        QStringLiteral("DROP TABLE board_cards"),
        QStringLiteral("CREATE TABLE board_cards (id TEXT PRIMARY KEY, "
                       "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                       "column_id TEXT NOT NULL REFERENCES board_columns(id) ON DELETE RESTRICT, "
                       "title TEXT NOT NULL, quantity TEXT NOT NULL, category TEXT NOT NULL, note TEXT NOT NULL, "
                       "assignee_id TEXT REFERENCES members(id) ON DELETE SET NULL, "
                       "done INTEGER NOT NULL, position REAL NOT NULL, rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX cards_household ON board_cards (household_id, column_id)"),
        QStringLiteral("INSERT INTO board_cards (id, household_id, column_id, title, quantity, category, note, done, position, rev, updated_at) "
                       "VALUES ('roll', 'h1', 'cart', 'Kitchen roll', '', '', '', 1, 1, 1, %1), "
                       "('eggs', 'h1', 'done', 'Eggs', '', '', '', 0, 1, 1, %1), "
                       "('milk', 'h1', 'buy', 'Milk', '', '', '', 0, 2, 1, %1)").arg(at),
        QStringLiteral("UPDATE collection_schema SET steps = 0 WHERE collection = 'board_cards'"),
    }));
    QString error;
    auto store = Store::open(path, &error);
    QVERIFY2(store, qPrintable(error));
    QSqlQuery cards(store->database());
    QVERIFY(cards.exec(QStringLiteral("SELECT id, done FROM board_cards ORDER BY id")));
    QStringList seen;
    while (cards.next())
        seen << cards.value(0).toString() + QLatin1Char('=') + cards.value(1).toString();
    QCOMPARE(seen, (QStringList{QStringLiteral("eggs=1"), QStringLiteral("milk=0"), QStringLiteral("roll=0")}));
}

void tst_Store::refusesNewerSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.db"));
    QVERIFY(writeSqlite(path, {QStringLiteral("CREATE TABLE future_things (id TEXT PRIMARY KEY)"),
                               QStringLiteral("INSERT INTO future_things VALUES ('a')"),
                               QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId),
                               QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion + 1)}));
    const QByteArray before = fileChecksum(path);
    QVERIFY(!before.isEmpty());
    const QStringList filesBefore = filesIn(dir.path());

    QString error;
    auto store = Store::open(path, &error);
    QVERIFY(!store);
    QVERIFY2(error.contains(QLatin1String("newer version of Hearth")), qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QString::number(kSchemaVersion + 1)), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("left untouched")), qPrintable(error));
    QCOMPARE(fileChecksum(path), before);
    QCOMPARE(filesIn(dir.path()), filesBefore);

    // Refusing twice changes nothing either (no half-applied pragma from the first attempt).
    QVERIFY(!Store::open(path, &error));
    QCOMPARE(fileChecksum(path), before);
}

void tst_Store::refusesNewerSchemaWithPendingWal()
{
    // A newer Hearth that crashed leaves its last commits in the -wal file. Looking at the file
    // must not checkpoint that log into the database (which would rewrite it) nor delete it.
    QTemporaryDir source;
    QTemporaryDir dir;
    const QString original = source.filePath(QStringLiteral("future.db"));
    const QString path = dir.filePath(QStringLiteral("future.db"));
    const QString name = QStringLiteral("tst_store-wal");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(original);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &sql : {QStringLiteral("PRAGMA journal_mode = WAL"), QStringLiteral("PRAGMA wal_autocheckpoint = 0"),
                                   QStringLiteral("CREATE TABLE future_things (id TEXT PRIMARY KEY)"),
                                   QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId),
                                   QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion + 1),
                                   QStringLiteral("INSERT INTO future_things VALUES ('a')")})
            QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        // "Crash": copy the files while the connection still holds the log open.
        for (const char *suffix : {"", "-wal", "-shm"}) {
            if (QFile::exists(original + QLatin1String(suffix)))
                QVERIFY(QFile::copy(original + QLatin1String(suffix), path + QLatin1String(suffix)));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    QVERIFY(QFileInfo(path + QStringLiteral("-wal")).size() > 0);
    const QByteArray mainBefore = fileChecksum(path);
    const QByteArray walBefore = fileChecksum(path + QStringLiteral("-wal"));

    QString error;
    QVERIFY(!Store::open(path, &error));
    QVERIFY2(error.contains(QLatin1String("newer version of Hearth")), qPrintable(error));
    QCOMPARE(fileChecksum(path), mainBefore);
    QVERIFY(QFile::exists(path + QStringLiteral("-wal")));
    QCOMPARE(fileChecksum(path + QStringLiteral("-wal")), walBefore);
}

void tst_Store::refusesDamagedFile_data()
{
    QTest::addColumn<QByteArray>("bytes");

    QByteArray random(8192, Qt::Uninitialized);
    QRandomGenerator rng(4242);
    for (char &c : random)
        c = char(rng.bounded(256));
    QTest::newRow("random bytes") << random;
    QTest::newRow("text file") << QByteArray("shopping: milk, eggs, bread\n");

    const QByteArray magic("SQLite format 3", 16); // with the terminating NUL
    QTest::newRow("only the magic") << magic;
    QTest::newRow("header cut at 50 bytes") << (magic + QByteArray(34, '\x01'));
    QTest::newRow("header cut at 99 bytes") << (magic + QByteArray(83, '\0'));
    QTest::newRow("sqlite magic then garbage") << (magic + random);
}

void tst_Store::refusesDamagedFile()
{
    QFETCH(QByteArray, bytes);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hearth.db"));
    const QByteArray before = writeBytes(path, bytes);
    QVERIFY(!before.isEmpty());

    QString error;
    auto store = Store::open(path, &error);
    QVERIFY(!store);
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("damaged or is not a Hearth data file")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("left untouched")), qPrintable(error));
    QCOMPARE(fileChecksum(path), before);
    QCOMPARE(QFileInfo(path).size(), qint64(bytes.size()));
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("hearth.db")});
}

void tst_Store::refusesCutOrOverwrittenStore_data()
{
    QTest::addColumn<bool>("truncate");
    QTest::newRow("cut in half") << true;
    QTest::newRow("pages overwritten") << false;
}

// A Hearth store whose header is sound but whose pages are not (a disk that filled up under a
// copy, a card that lost blocks): refused at open by SQLite's quick_check, never written to.
void tst_Store::refusesCutOrOverwrittenStore()
{
    QFETCH(bool, truncate);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hearth.db"));
    {
        QString error;
        auto store = Store::open(path, &error);
        QVERIFY2(store, qPrintable(error));
        StoreTransaction tx(*store);
        for (int i = 0; i < 400; ++i)
            QVERIFY(store->setMetaValue(QStringLiteral("note-%1").arg(i), QString(200, QLatin1Char('n'))));
        QVERIFY(tx.commit());
    }
    QVERIFY(Store::damage(path).isEmpty());
    QVERIFY(test::damageStoreFile(path, truncate ? test::StoreDamage::Truncated : test::StoreDamage::PagesOverwritten));
    const QByteArray before = fileChecksum(path);
    QVERIFY(!Store::damage(path).isEmpty());
    QString error;
    auto store = Store::open(path, &error);
    QVERIFY(!store);
    QVERIFY2(error.contains(QLatin1String("is damaged")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("left untouched")) && error.contains(QLatin1String("backup")), qPrintable(error));
    QCOMPARE(fileChecksum(path), before);
}

void tst_Store::refusesForeignDatabase_data()
{
    QTest::addColumn<QStringList>("statements");
    QTest::newRow("another app's tables") << QStringList{
        QStringLiteral("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)"),
        QStringLiteral("INSERT INTO contacts (name) VALUES ('Grandma')")};
    QTest::newRow("another app's tables and version") << QStringList{
        QStringLiteral("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)"),
        QStringLiteral("PRAGMA user_version = 1")};
    QTest::newRow("another app's id, no tables yet") << QStringList{QStringLiteral("PRAGMA application_id = 305419896")};
    QTest::newRow("another app's id and tables") << QStringList{
        QStringLiteral("CREATE TABLE notes (body TEXT)"), QStringLiteral("PRAGMA application_id = 305419896")};
}

void tst_Store::refusesForeignDatabase()
{
    QFETCH(QStringList, statements);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("other.sqlite"));
    QVERIFY(writeSqlite(path, statements));
    const QByteArray before = fileChecksum(path);
    QVERIFY(!before.isEmpty());

    QString error;
    auto store = Store::open(path, &error);
    QVERIFY(!store);
    QVERIFY2(error.contains(QLatin1String("does not belong to Hearth")), qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QCOMPARE(fileChecksum(path), before);
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("other.sqlite")});
}

void tst_Store::unusablePathGivesMessage_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a folder") << QStringLiteral("dir") << QStringLiteral("is not a file");
    QTest::newRow("missing parent folder") << QStringLiteral("missing-parent") << QStringLiteral("Could not open");
    QTest::newRow("unreadable file") << QStringLiteral("unreadable") << QStringLiteral("cannot be read");
}

void tst_Store::unusablePathGivesMessage()
{
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QString path;
    if (kind == QLatin1String("dir")) {
        path = dir.filePath(QStringLiteral("folder.db"));
        QVERIFY(QDir().mkpath(path));
    } else if (kind == QLatin1String("missing-parent")) {
        path = dir.filePath(QStringLiteral("no/such/folder/hearth.db"));
    } else {
        if (::geteuid() == 0)
            QSKIP("root can read a file without read permission");
        path = dir.filePath(QStringLiteral("locked.db"));
        QVERIFY(!writeBytes(path, QByteArray("x")).isEmpty());
        QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
    }

    QString error;
    auto store = Store::open(path, &error);
    QVERIFY(!store);
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
    if (kind == QLatin1String("missing-parent"))
        QVERIFY(!QFile::exists(path));

    // A null error pointer is allowed too.
    QVERIFY(!Store::open(path, nullptr));
}

void tst_Store::metaValues()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("meta.db"));
    {
        QString error;
        auto store = Store::open(path, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->metaValue(QStringLiteral("k")), QString());
        QVERIFY(store->setMetaValue(QStringLiteral("k"), QStringLiteral("one")));
        QVERIFY(store->setMetaValue(QStringLiteral("k"), QStringLiteral("two")));
        QCOMPARE(store->metaValue(QStringLiteral("k")), QStringLiteral("two"));
    }
    QString error;
    auto store = Store::open(path, &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->metaValue(QStringLiteral("k")), QStringLiteral("two"));
    QCOMPARE(countRows(*store, QStringLiteral("meta")), qint64(1));
}

void tst_Store::transactionRollsBackWhenNotCommitted()
{
    QTemporaryDir dir;
    QString error;
    auto store = Store::open(dir.filePath(QStringLiteral("tx.db")), &error);
    QVERIFY2(store, qPrintable(error));
    {
        StoreTransaction tx(*store);
        QVERIFY(tx.isActive());
        QVERIFY(store->setMetaValue(QStringLiteral("k"), QStringLiteral("v")));
        QCOMPARE(store->metaValue(QStringLiteral("k")), QStringLiteral("v")); // visible inside
    }
    QCOMPARE(store->metaValue(QStringLiteral("k")), QString());
    QCOMPARE(countRows(*store, QStringLiteral("meta")), qint64(0));

    // The store is usable again afterwards.
    StoreTransaction tx(*store);
    QVERIFY(tx.isActive());
    QVERIFY(store->setMetaValue(QStringLiteral("k"), QStringLiteral("w")));
    QVERIFY(tx.commit());
    QCOMPARE(store->metaValue(QStringLiteral("k")), QStringLiteral("w"));
}

void tst_Store::transactionCommits()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tx.db"));
    {
        QString error;
        auto store = Store::open(path, &error);
        QVERIFY2(store, qPrintable(error));
        StoreTransaction tx(*store);
        QVERIFY(store->setMetaValue(QStringLiteral("k"), QStringLiteral("kept")));
        QVERIFY(tx.commit());
    }
    QString error;
    auto store = Store::open(path, &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->metaValue(QStringLiteral("k")), QStringLiteral("kept"));
}

void tst_Store::commitTwiceFails()
{
    QTemporaryDir dir;
    QString error;
    auto store = Store::open(dir.filePath(QStringLiteral("tx.db")), &error);
    QVERIFY2(store, qPrintable(error));
    StoreTransaction tx(*store);
    QVERIFY(tx.commit());
    QVERIFY(!tx.commit());
}

void tst_Store::nestedGuardsJoinOuterTransaction()
{
    QTemporaryDir dir;
    QString error;
    auto store = Store::open(dir.filePath(QStringLiteral("tx.db")), &error);
    QVERIFY2(store, qPrintable(error));

    // The inner commit only joins: when the outer guard is not committed, the inner write goes too.
    {
        StoreTransaction outer(*store);
        QVERIFY(outer.isActive());
        {
            StoreTransaction inner(*store);
            QVERIFY(inner.isActive());
            QVERIFY(store->setMetaValue(QStringLiteral("inner"), QStringLiteral("1")));
            QVERIFY(inner.commit());
        }
        QCOMPARE(store->metaValue(QStringLiteral("inner")), QStringLiteral("1"));
    }
    QCOMPARE(store->metaValue(QStringLiteral("inner")), QString());

    // Both committed: both writes stay.
    {
        StoreTransaction outer(*store);
        QVERIFY(store->setMetaValue(QStringLiteral("outer"), QStringLiteral("1")));
        {
            StoreTransaction inner(*store);
            QVERIFY(store->setMetaValue(QStringLiteral("inner"), QStringLiteral("2")));
            QVERIFY(inner.commit());
        }
        QVERIFY(outer.commit());
    }
    QCOMPARE(store->metaValue(QStringLiteral("outer")), QStringLiteral("1"));
    QCOMPARE(store->metaValue(QStringLiteral("inner")), QStringLiteral("2"));
}

void tst_Store::innerFailureMakesOuterCommitFail()
{
    QTemporaryDir dir;
    QString error;
    auto store = Store::open(dir.filePath(QStringLiteral("tx.db")), &error);
    QVERIFY2(store, qPrintable(error));
    {
        StoreTransaction outer(*store);
        QVERIFY(store->setMetaValue(QStringLiteral("outer"), QStringLiteral("1")));
        {
            StoreTransaction inner(*store);
            QVERIFY(inner.isActive());
            QVERIFY(store->setMetaValue(QStringLiteral("inner"), QStringLiteral("1")));
            // not committed: the inner step failed
        }
        // Later guards in the same (doomed) transaction are inactive and cannot commit.
        StoreTransaction late(*store);
        QVERIFY(!late.isActive());
        QVERIFY(!late.commit());
        QVERIFY(!outer.commit());
    }
    QCOMPARE(store->metaValue(QStringLiteral("outer")), QString());
    QCOMPARE(store->metaValue(QStringLiteral("inner")), QString());
    QCOMPARE(countRows(*store, QStringLiteral("meta")), qint64(0));

    // The failure does not stick to the next transaction.
    StoreTransaction next(*store);
    QVERIFY(next.isActive());
    QVERIFY(store->setMetaValue(QStringLiteral("next"), QStringLiteral("1")));
    QVERIFY(next.commit());
    QCOMPARE(store->metaValue(QStringLiteral("next")), QStringLiteral("1"));
}

void tst_Store::uncommittedWritesAreInvisibleToOtherConnections()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tx.db"));
    QString error;
    auto store = Store::open(path, &error);
    QVERIFY2(store, qPrintable(error));
    auto reader = Store::open(path, &error);
    QVERIFY2(reader, qPrintable(error));

    StoreTransaction tx(*store);
    QVERIFY(store->setMetaValue(QStringLiteral("k"), QStringLiteral("v")));
    QCOMPARE(reader->metaValue(QStringLiteral("k")), QString());
    QVERIFY(tx.commit());
    QCOMPARE(reader->metaValue(QStringLiteral("k")), QStringLiteral("v"));
}

QTEST_GUILESS_MAIN(tst_Store)
#include "tst_store.moc"
