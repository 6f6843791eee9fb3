// Bank imports over a live room (in process, real sockets on 127.0.0.1:0): a 10,000-row import is
// one message and one change; the other copy hears bank_synced {transaction_count, account} and
// gets every transaction; two copies importing overlapping statements at once end with each bank
// row once; an import over the message limit is refused whole.

#include "AuthoritativeEngine.h"
#include "ConnectionStatus.h"
#include "HouseholdData.h"
#include "Protocol.h"
#include "ReplicaEngine.h"
#include "SyncService.h"
#include "SyncTestSupport.h"
#include "budget/BankImportsModel.h"
#include "budget/RemovedBankRowsModel.h"

#include <QDir>
#include <QSignalSpy>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

SyncOptions fastOptions()
{
    SyncOptions options;
    options.backoff = {std::chrono::milliseconds(10), std::chrono::milliseconds(20), std::chrono::milliseconds(50)};
    options.random = [] { return 1.0; };
    return options;
}

// One member's copy of the household: its own store, replica, models and sync service.
struct Device
{
    Device(const QString &path, const QString &householdId, const QString &memberId, const QString &token, const QUrl &url)
    {
        store = Store::open(path, &error);
        if (!store)
            return;
        ReplicaEngine::saveLink(*store, householdId, {url.toString(), memberId, token, 0});
        replica = std::make_unique<ReplicaEngine>(*store, clock, householdId, memberId);
        data = std::make_unique<HouseholdData>(*replica, clock);
        data->load();
        sync = std::make_unique<SyncService>(*replica, status, url, SyncCredentials{token, {}, {}}, fastOptions());
        sync->start();
    }
    ~Device()
    {
        sync.reset();
        data.reset();
        replica.reset();
        store.reset();
    }
    BankImportsModel &imports() { return data->model<BankImportsModel>(Collection::BankImports); }

    QString error;
    FakeClock clock;
    std::unique_ptr<Store> store;
    std::unique_ptr<ReplicaEngine> replica;
    std::unique_ptr<HouseholdData> data;
    ConnectionStatus status;
    std::unique_ptr<SyncService> sync;
};

// Rows as a bank's statement has them: ids of its own, a payee, a memo, a category.
QList<BankImportRow> statementRows(int first, int count)
{
    static const char *payees[] = {"REWE Markt", "Deutsche Bahn", "Stadtwerke", "Bäckerei Kamps", "Aral", "dm-drogerie"};
    QList<BankImportRow> rows;
    for (int i = first; i < first + count; ++i) {
        BankImportRow row;
        row.date = QDate(2026, 3, 1).addDays(i % 28);
        row.amountCents = 100 + (i * 37) % 20000;
        row.payee = QString::fromUtf8(payees[i % 6]);
        // A remittance line as German banks write them (CAMT's Ustrd is up to 140 characters).
        row.memo = QStringLiteral("girocard Kartenzahlung %1.03. 18:34 Karte 1 %2 Berlin Ref. %3")
                       .arg(i % 28 + 1).arg(row.payee).arg(i, 10, 10, QLatin1Char('0'));
        row.category = QStringLiteral("Groceries");
        row.importKey = bankkey::fromBankId(QStringLiteral("Checking"), QStringLiteral("2026%1").arg(i, 8, 10, QLatin1Char('0')));
        rows.append(row);
    }
    return rows;
}

} // namespace

class tst_BankImportSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void tenThousandRowsReachTheOtherCopy();
    void overlappingImportsAtOnceKeepEachRowOnce();
    void importOverTheMessageLimitIsRefusedWhole();
    void aRemovalReachesEveryCopyAndKeepsTheRowOut();
    void aChangeTooLargeForTheHostIsRefusedAndTheRestFlows();

private:
    Device &addDevice(const QString &name);
    bool caughtUp(const Device &device) { return device.replica->outboxSize() == 0 && device.replica->lastSeq() == m_host->engine().headSeq(); }
    qint64 hostTransactions();

    std::unique_ptr<TestHost> m_host;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<Device>> m_devices;
};

void tst_BankImportSync::init()
{
    m_host = std::make_unique<TestHost>();
    QVERIFY2(m_host->isValid(), qPrintable(m_host->error()));
    m_dir = std::make_unique<QTemporaryDir>();
}

void tst_BankImportSync::cleanup()
{
    m_devices.clear();
    m_host.reset();
    m_dir.reset();
}

Device &tst_BankImportSync::addDevice(const QString &name)
{
    QString memberId;
    const QString token = m_host->token(name, &memberId);
    const QString path = QDir(m_dir->path()).filePath(QStringLiteral("device-%1.db").arg(m_devices.size()));
    m_devices.push_back(std::make_unique<Device>(path, m_host->householdId(), memberId, token, m_host->baseUrl()));
    return *m_devices.back();
}

qint64 tst_BankImportSync::hostTransactions()
{
    QSqlQuery query(m_host->store().database());
    query.exec(QStringLiteral("SELECT COUNT(*) FROM transactions"));
    return query.next() ? query.value(0).toLongLong() : -1;
}

void tst_BankImportSync::tenThousandRowsReachTheOtherCopy()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    QVERIFY(ann.sync && ben.sync);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    // A third, bare socket sees the wire itself.
    TestClient wire;
    QVERIFY(wire.join(m_host->roomUrl(m_host->token(QStringLiteral("Cat")))));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));

    const QList<BankImportRow> rows = statementRows(0, 10000);
    const Mutation import = ann.imports().importMutation(QStringLiteral("Checking"), QStringLiteral("year.csv"), QStringLiteral("csv"), rows);
    const qsizetype bytes = protocol::encodeMutation(import, {}).toUtf8().size();
    qInfo("10,000 rows are %lld bytes on the wire (limit %lld)", qlonglong(bytes), qlonglong(protocol::kDefaultMessageLimit));
    QVERIFY(bytes > 1024 * 1024);                      // over the old limit...
    QVERIFY(bytes < protocol::kDefaultMessageLimit);   // ...within the new one

    QElapsedTimer timer;
    timer.start();
    const MutationResult queued = ann.imports().apply(import);
    QVERIFY2(queued.ok, qPrintable(queued.error.message));
    QTRY_VERIFY_WITH_TIMEOUT(ben.data->budget.rowCount() == 10000, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(caughtUp(ann) && caughtUp(ben), 60000);
    qInfo("imported and seen by the other copy in %lld ms", qlonglong(timer.elapsed()));

    QCOMPARE(hostTransactions(), 10000);
    QCOMPARE(ann.data->budget.rowCount(), 10000);
    const auto onBen = ben.imports().find(queued.entityId);
    QVERIFY(onBen);
    QCOMPARE(onBen->transactionCount, 10000);
    QCOMPARE(onBen->account, QStringLiteral("Checking"));

    const QJsonObject synced = wire.waitFor(QStringLiteral("bank_synced"));
    QCOMPARE(synced.value(QLatin1String("data")).toObject().value(QLatin1String("transaction_count")).toInteger(), 10000);
    QCOMPARE(synced.value(QLatin1String("data")).toObject().value(QLatin1String("account")).toString(), QStringLiteral("Checking"));
    QVERIFY(!synced.value(QLatin1String("data")).toObject().value(QLatin1String("entity")).toObject().contains(QLatin1String("rows")));
    QVERIFY(wire.waitForCount(QStringLiteral("transactions_updated"), 10000, 60000));
    const qint64 importSeq = synced.value(QLatin1String("seq")).toInteger();
    const QList<QJsonObject> transactions = wire.all(QStringLiteral("transactions_updated"));
    QCOMPARE(transactions.first().value(QLatin1String("seq")).toInteger(), importSeq + 1);
    QCOMPARE(transactions.last().value(QLatin1String("seq")).toInteger(), importSeq + 10000);
}

void tst_BankImportSync::overlappingImportsAtOnceKeepEachRowOnce()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    // Both planned before either import reached the host: rows 0–599 and 400–999.
    QVERIFY(ann.imports().apply(ann.imports().importMutation(QStringLiteral("Checking"), QStringLiteral("a.ofx"), QStringLiteral("ofx"),
                                                             statementRows(0, 600))).ok);
    QVERIFY(ben.imports().apply(ben.imports().importMutation(QStringLiteral("Checking"), QStringLiteral("b.ofx"), QStringLiteral("ofx"),
                                                             statementRows(400, 600))).ok);
    QTRY_VERIFY_WITH_TIMEOUT(caughtUp(ann) && caughtUp(ben), 30000);
    QCOMPARE(hostTransactions(), 1000);
    QCOMPARE(ann.data->budget.rowCount(), 1000);
    QCOMPARE(ben.data->budget.rowCount(), 1000);
    // The one that came second counted the 200 shared rows as already imported, not as errors.
    qint64 duplicates = 0;
    for (const BankImport &import : ann.imports().records())
        duplicates += import.duplicateCount;
    QCOMPARE(duplicates, 200);
    QCOMPARE(ann.replica->outboxSize(), 0);
}

void tst_BankImportSync::importOverTheMessageLimitIsRefusedWhole()
{
    // A host run with a small limit: the import cannot be sent in one message, and no part of
    // it is ever applied.
    HostOptions options = quietHostOptions();
    options.messageLimit = 64 * 1024;
    m_host = std::make_unique<TestHost>(options);
    QVERIFY(m_host->isValid());
    TestClient client;
    QVERIFY(client.join(m_host->roomUrl(m_host->token(QStringLiteral("Ann")))));
    const Mutation import = BankImportsModel(m_host->engine()).importMutation(QStringLiteral("Checking"), {}, QStringLiteral("csv"),
                                                                               statementRows(0, 2000));
    client.sendText(protocol::encodeMutation(import, {}));
    QVERIFY(client.waitClosed(10000));
    QCOMPARE(client.closeCode(), protocol::kCloseTooBig);
    QCOMPARE(hostTransactions(), 0);
}

void tst_BankImportSync::aRemovalReachesEveryCopyAndKeepsTheRowOut()
{
    Device &ann = addDevice(QStringLiteral("Ann"));
    Device &ben = addDevice(QStringLiteral("Ben"));
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    const QList<BankImportRow> rows = statementRows(0, 3);
    QVERIFY(ann.imports().apply(ann.imports().importMutation(QStringLiteral("Checking"), QStringLiteral("march.ofx"),
                                                             QStringLiteral("ofx"), rows)).ok);
    QTRY_VERIFY(caughtUp(ann) && ben.data->budget.rowCount() == 3);

    // Ann removes one; both copies learn it once, from the host.
    const auto removed = std::find_if(ann.data->budget.records().cbegin(), ann.data->budget.records().cend(),
                                      [&rows](const BudgetTransaction &t) { return t.importKey == rows.at(1).importKey; });
    QVERIFY(removed != ann.data->budget.records().cend());
    QVERIFY(ann.data->budget.apply(ann.data->budget.removeMutation(removed->id)).ok);
    auto &onAnn = ann.data->model<RemovedBankRowsModel>(Collection::RemovedBankRows);
    auto &onBen = ben.data->model<RemovedBankRowsModel>(Collection::RemovedBankRows);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben) && onBen.rowCount() == 1);
    QCOMPARE(onAnn.rowCount(), 1);
    QCOMPARE(onBen.at(0).importKey, rows.at(1).importKey);
    QCOMPARE(ben.data->budget.rowCount(), 2);

    // Ben's copy sends the whole statement again (as a planner that did not know would): the host
    // skips all three, the removed one included.
    const MutationResult again = ben.imports().apply(ben.imports().importMutation(QStringLiteral("Checking"), QStringLiteral("again.ofx"),
                                                                                  QStringLiteral("ofx"), rows));
    QVERIFY(again.ok);
    QTRY_VERIFY(caughtUp(ann) && caughtUp(ben));
    QCOMPARE(hostTransactions(), 2);
    QCOMPARE(ben.imports().find(again.entityId)->duplicateCount, 3);
    QCOMPARE(ben.data->budget.rowCount(), 2);
}

void tst_BankImportSync::aChangeTooLargeForTheHostIsRefusedAndTheRestFlows()
{
    // A host run with a small limit, which it says in `connected`: the app refuses the import
    // itself (rolled back, with a reason) instead of being closed for it after every reconnect,
    // and the edits after it still reach the host.
    HostOptions options = quietHostOptions();
    options.messageLimit = 64 * 1024;
    m_host = std::make_unique<TestHost>(options);
    QVERIFY(m_host->isValid());
    Device &ann = addDevice(QStringLiteral("Ann"));
    QTRY_VERIFY(caughtUp(ann));
    QSignalSpy rejected(ann.replica.get(), &ReplicaEngine::rejected);
    QSignalSpy states(&ann.status, &ConnectionStatus::stateChanged);
    QVERIFY(ann.imports().apply(ann.imports().importMutation(QStringLiteral("Checking"), {}, QStringLiteral("csv"),
                                                             statementRows(0, 2000))).ok);
    BudgetTransaction typed;
    typed.occurredOn = QDate(2026, 3, 3);
    typed.description = QStringLiteral("Fuel");
    typed.amountCents = 5000;
    QVERIFY(ann.data->budget.apply(ann.data->budget.addMutation(typed)).ok);
    QTRY_VERIFY(caughtUp(ann));
    QCOMPARE(rejected.size(), 1);
    QVERIFY2(rejected.at(0).at(0).toString().contains(QLatin1String("too large")), qPrintable(rejected.at(0).at(0).toString()));
    QCOMPARE(hostTransactions(), 1);
    QCOMPARE(ann.data->budget.rowCount(), 1);
    QCOMPARE(ann.imports().rowCount(), 0);
    QCOMPARE(states.size(), 0); // never closed for it
}

QTEST_GUILESS_MAIN(tst_BankImportSync)
#include "tst_bankimportsync.moc"
