// Bank imports on the engine and the planner: one import is one change (the host adds, links or
// skips each row in the same unit), the bank identity is unique in the database itself, a
// second import of the same rows adds nothing, an invalid row leaves nothing written, a
// hand-typed transaction is matched instead of doubled, and the planner tells rows apart.

#include "BankImportPlanner.h"
#include "BankImporter.h"
#include "BudgetModel.h"
#include "ModelTestHelpers.h"
#include "TestSupport.h"
#include "budget/BankImportsModel.h"
#include "budget/RemovedBankRowsModel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextStream>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

const QString kAccount = QStringLiteral("Checking");

StatementRow bankRow(const QDate &date, qint64 bankCents, const QString &payee, const QString &bankId = {})
{
    StatementRow row;
    row.date = date;
    row.amountCents = bankCents;
    row.payee = payee;
    row.bankId = bankId;
    return row;
}

Statement statementOf(QList<StatementRow> rows, const QString &format = QStringLiteral("ofx"))
{
    Statement statement;
    statement.format = format;
    statement.rows = std::move(rows);
    return statement;
}

// An OFX statement (SGML, as banks send it) with one transaction per (day, cents, payee, FITID).
QByteArray ofx(const QList<std::tuple<QDate, qint64, const char *, const char *>> &rows)
{
    QByteArray text("OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\n"
                    "COMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n"
                    "<OFX>\r\n<SIGNONMSGSRSV1>\r\n<SONRS>\r\n<STATUS>\r\n<CODE>0\r\n<SEVERITY>INFO\r\n</STATUS>\r\n"
                    "<DTSERVER>20260331120000\r\n<LANGUAGE>ENG\r\n</SONRS>\r\n</SIGNONMSGSRSV1>\r\n"
                    "<BANKMSGSRSV1>\r\n<STMTTRNRS>\r\n<TRNUID>1\r\n<STATUS>\r\n<CODE>0\r\n<SEVERITY>INFO\r\n</STATUS>\r\n"
                    "<STMTRS>\r\n<CURDEF>EUR\r\n<BANKACCTFROM>\r\n<BANKID>50010517\r\n<ACCTID>DE12500105170648489890\r\n"
                    "<ACCTTYPE>CHECKING\r\n</BANKACCTFROM>\r\n<BANKTRANLIST>\r\n<DTSTART>20260301\r\n<DTEND>20260331\r\n");
    for (const auto &[date, cents, payee, fitid] : rows) {
        text += "<STMTTRN>\r\n<TRNTYPE>" + QByteArray(cents < 0 ? "DEBIT" : "CREDIT") + "\r\n<DTPOSTED>"
            + date.toString(QStringLiteral("yyyyMMdd")).toLatin1() + "\r\n<TRNAMT>"
            + QByteArray::number(double(cents) / 100, 'f', 2) + "\r\n<FITID>" + fitid + "\r\n<NAME>" + payee + "\r\n</STMTTRN>\r\n";
    }
    text += "</BANKTRANLIST>\r\n<LEDGERBAL>\r\n<BALAMT>0.00\r\n<DTASOF>20260331\r\n</LEDGERBAL>\r\n"
            "</STMTRS>\r\n</STMTTRNRS>\r\n</BANKMSGSRSV1>\r\n</OFX>\r\n";
    return text;
}

// A German bank's CSV: no ids of its own, so rows are known by account, date, amount and payee.
QByteArray csv(const QList<std::tuple<QDate, const char *, const char *>> &rows)
{
    QByteArray text("Buchungstag;Auftraggeber/Empfänger;Verwendungszweck;Betrag (EUR)\n");
    for (const auto &[date, payee, amount] : rows)
        text += date.toString(QStringLiteral("dd.MM.yyyy")).toLatin1() + ';' + payee + ";Kartenzahlung;" + amount + '\n';
    return text;
}

} // namespace

class tst_BankImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void keysAreStableAndNormalized();
    void repeatedOrPlaceholderBankIdsFallBackToTheRow();
    void databaseRefusesASecondImportKey();
    void importIsOneChangeWithItsTransactions();
    void sameStatementTwiceAddsNothing();
    void overlappingStatementAddsOnlyTheNewRows();
    void identicalRowsOfOneFileAreBothKept();
    void invalidRowFailsTheWholeImport();
    void failingTransactionFailsTheWholeImport();
    void matchLinksTheTypedTransaction();
    void oneTypedTransactionLinksOneRow();
    void aMemberEditKeepsTheBankIdentity();
    void rowsAreNeitherStoredNorAnnounced();
    void childMayNotImport();
    void realFilesTwiceAddNothing_data();
    void realFilesTwiceAddNothing();
    void importCommandSaysWhatItDid();
    void theSameRowsInAnotherFormatAddNothing_data();
    void theSameRowsInAnotherFormatAddNothing();
    void equalRowsWithTheirOwnIdsAreTwo();
    void rowsDifferingAfterTheRowKeysPayeeAreTwo();
    void aRemovedImportIsNotBroughtBack();
    void aRemovedRowCanBeImportedAgainOnPurpose();
    void onlyTheHostRecordsARemoval();
    void undoingARemovalForgetsIt();
    void anOlderClientsRowOfSevenStillImports();
    void plannerClassifiesRows();
    void plannerProposesLearnedCategories();
    void modelUnderTester();
    void removedRowsModelUnderTester();

private:
    AuthoritativeEngine &engine() { return m_home->engine(); }
    BankImporter importer() { return BankImporter(*m_data); }
    qint64 count(const QString &sql);
    QString typeTransaction(const QDate &date, qint64 cents, const QString &description);
    ImportOutcome importRows(const QList<StatementRow> &rows);
    ImportOutcome importFile(const QString &path, StatementError *error);
    QString write(const QString &name, const QByteArray &content);

    QTemporaryDir m_files;

    std::unique_ptr<TempHousehold> m_home;
    std::unique_ptr<HouseholdData> m_data;
};

void tst_BankImport::init()
{
    m_home = std::make_unique<TempHousehold>(false, QDate(2026, 3, 15));
    QVERIFY2(m_home->isValid(), qPrintable(m_home->error()));
    m_data = std::make_unique<HouseholdData>(engine(), m_home->clock);
    m_data->load();
}

void tst_BankImport::cleanup()
{
    m_data.reset();
    m_home.reset();
}

qint64 tst_BankImport::count(const QString &sql)
{
    QSqlQuery query(m_home->store().database());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

QString tst_BankImport::typeTransaction(const QDate &date, qint64 cents, const QString &description)
{
    BudgetTransaction t;
    t.occurredOn = date;
    t.amountCents = cents;
    t.description = description;
    t.category = QStringLiteral("Groceries");
    const MutationResult r = m_data->budget.apply(m_data->budget.addMutation(t));
    return r.ok ? r.entityId : QString();
}

ImportOutcome tst_BankImport::importRows(const QList<StatementRow> &rows)
{
    BankImporter bank(*m_data);
    ImportPlan plan = bank.plan(statementOf(rows), kAccount, QStringLiteral("march.ofx"));
    return bank.import(plan);
}

QString tst_BankImport::write(const QString &name, const QByteArray &content)
{
    QFile file(m_files.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return file.fileName();
}

ImportOutcome tst_BankImport::importFile(const QString &path, StatementError *error)
{
    StatementReadOptions options;
    if (statementFormat(path, error) == QLatin1String("csv")) {
        const auto sniff = sniffCsv(path, error);
        if (!sniff)
            return {};
        options.csv = sniff->mapping;
    }
    const std::optional<Statement> statement = readStatement(path, options, error);
    if (!statement)
        return {};
    BankImporter bank(*m_data);
    return bank.import(bank.plan(*statement, kAccount, QFileInfo(path).fileName()));
}

void tst_BankImport::realFilesTwiceAddNothing_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("overlapping"); // the last row of `first` again, and one more
    QTest::addColumn<QString>("extension");
    const QDate d2(2026, 3, 2), d4(2026, 3, 4), d6(2026, 3, 6);
    QTest::newRow("ofx (FITID)") << ofx({{d2, -4599, "REWE Markt", "F-1"}, {d4, -1250, "Bakery", "F-2"}})
                                 << ofx({{d4, -1250, "Bakery", "F-2"}, {d6, -999, "Pharmacy", "F-3"}}) << QStringLiteral("ofx");
    QTest::newRow("csv (no ids)") << csv({{d2, "REWE Markt", "-45,99"}, {d4, "Bäckerei", "-12,50"}})
                                  << csv({{d4, "Bäckerei", "-12,50"}, {d6, "Apotheke", "-9,99"}}) << QStringLiteral("csv");
}

void tst_BankImport::realFilesTwiceAddNothing()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, overlapping);
    QFETCH(QString, extension);
    StatementError error;
    const QString firstPath = write(QStringLiteral("march.") + extension, first);
    const ImportOutcome once = importFile(firstPath, &error);
    QVERIFY2(once.ok, qPrintable(error.text() + once.error));
    QCOMPARE(once.added, 2);
    const qint64 events = count(QStringLiteral("SELECT COUNT(*) FROM events"));

    const ImportOutcome twice = importFile(firstPath, &error);
    QVERIFY(twice.ok);
    QCOMPARE(twice.added, 0);
    QCOMPARE(twice.duplicates, 2);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM events")), events);

    // Another file, under another name, that repeats a row: only the new row is added.
    const ImportOutcome next = importFile(write(QStringLiteral("march-later.") + extension, overlapping), &error);
    QVERIFY2(next.ok, qPrintable(error.text() + next.error));
    QCOMPARE(next.added, 1);
    QCOMPARE(next.duplicates, 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 3);
}

void tst_BankImport::importCommandSaysWhatItDid()
{
    QSettings settings(m_files.filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat);
    const QString path = write(QStringLiteral("konto.csv"), csv({{QDate(2026, 3, 2), "REWE Markt", "-45,99"},
                                                                 {QDate(2026, 2, 27), "Februar", "-1,00"}}));
    QString out, err;
    QTextStream outStream(&out), errStream(&err);
    QCOMPARE(runImportCommand(*m_data, settings, path, kAccount, outStream, errStream), 0);
    QVERIFY2(out.contains(QLatin1String("guessed column mapping")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("Imported 1 transaction(s) into Checking; 0 already imported; 0 matched; 1 out of month skipped")),
             qPrintable(out));
    // A mapping remembered for this bank's header is used, and said so.
    StatementError error;
    const auto sniff = sniffCsv(path, &error);
    QVERIFY(sniff);
    rememberCsvMapping(settings, sniff->headerSignature, sniff->mapping);
    out.clear();
    QCOMPARE(runImportCommand(*m_data, settings, path, kAccount, outStream, errStream), 0);
    QVERIFY2(out.contains(QLatin1String("remembered")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("Imported 0 transaction(s) into Checking; 1 already imported")), qPrintable(out));
    // A bad file: a message naming it, exit code 1, nothing written.
    const qint64 events = count(QStringLiteral("SELECT COUNT(*) FROM events"));
    QCOMPARE(runImportCommand(*m_data, settings, write(QStringLiteral("empty.csv"), {}), kAccount, outStream, errStream), 1);
    QVERIFY2(err.contains(QLatin1String("empty.csv")), qPrintable(err));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM events")), events);
}

void tst_BankImport::keysAreStableAndNormalized()
{
    QCOMPARE(bankkey::normalizedPayee(QStringLiteral("  REWE  Markt, GmbH. ")), QStringLiteral("rewe markt gmbh"));
    QCOMPARE(bankkey::fromBankId(kAccount, QStringLiteral(" 123 ")), QStringLiteral("fitid:checking:123"));
    QCOMPARE(bankkey::fromRow(kAccount, QDate(2026, 3, 2), -4599, QStringLiteral("Rewe Markt"), 1),
             QStringLiteral("row:checking|2026-03-02|-4599|rewe markt"));
    QCOMPARE(bankkey::fromRow(kAccount, QDate(2026, 3, 2), -4599, QStringLiteral("REWE markt!"), 2),
             QStringLiteral("row:checking|2026-03-02|-4599|rewe markt#2"));
    QVERIFY(bankkey::belongsTo(QStringLiteral("fitid:checking:1"), kAccount));
    QVERIFY(!bankkey::belongsTo(QStringLiteral("fitid:Savings:1"), kAccount));
    QVERIFY(!bankkey::belongsTo(QStringLiteral("fitid:checking:"), kAccount));
    // One account however it is written: the key is the same and belongs to either spelling.
    QCOMPARE(bankkey::fromBankId(QStringLiteral(" CHECKING"), QStringLiteral("7")), bankkey::fromBankId(kAccount, QStringLiteral("7")));
    QVERIFY(bankkey::belongsTo(bankkey::fromBankId(QStringLiteral("checking"), QStringLiteral("7")), kAccount));
}

void tst_BankImport::repeatedOrPlaceholderBankIdsFallBackToTheRow()
{
    // A bank that writes NOTPROVIDED (or one id twice) on its rows: each row is still its own.
    BankImporter bank(*m_data);
    const ImportPlan plan = bank.plan(statementOf({bankRow(QDate(2026, 3, 2), -500, QStringLiteral("Bakery"), QStringLiteral("NOTPROVIDED")),
                                                   bankRow(QDate(2026, 3, 3), -700, QStringLiteral("Cafe"), QStringLiteral("NOTPROVIDED")),
                                                   bankRow(QDate(2026, 3, 4), -900, QStringLiteral("Kiosk"), QStringLiteral("X1")),
                                                   bankRow(QDate(2026, 3, 5), -300, QStringLiteral("Bus"), QStringLiteral("X1"))}),
                                      kAccount, {});
    QCOMPARE(plan.rows.size(), 4);
    for (const auto &row : plan.rows) {
        QCOMPARE(row.kind, RowClass::New);
        QVERIFY2(row.row.importKey.startsWith(QLatin1String("row:")), qPrintable(row.row.importKey));
    }
    const ImportOutcome outcome = bank.import(plan);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.added, 4);
}

void tst_BankImport::databaseRefusesASecondImportKey()
{
    // Whatever the code does, the store itself holds a bank identity once per household.
    const auto insert = [this](const QString &id, const QString &key) {
        QSqlQuery query(m_home->store().database());
        query.prepare(QStringLiteral("INSERT INTO transactions (id, household_id, occurred_on, description, category, "
                                     "amount_cents, member_id, import_key, rev, updated_at) "
                                     "VALUES (?, ?, '2026-03-02', 'Rewe', 'Groceries', 4599, NULL, ?, 1, '')"));
        query.addBindValue(id);
        query.addBindValue(engine().householdId());
        query.addBindValue(key);
        return query.exec();
    };
    QVERIFY(insert(QStringLiteral("a"), QStringLiteral("fitid:checking:1")));
    QVERIFY(!insert(QStringLiteral("b"), QStringLiteral("fitid:checking:1")));
    // Hand-typed transactions have no identity: any number of them.
    QVERIFY(insert(QStringLiteral("c"), QStringLiteral("")));
    QVERIFY(insert(QStringLiteral("d"), QStringLiteral("")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 3);
}

void tst_BankImport::importIsOneChangeWithItsTransactions()
{
    QSignalSpy changes(&engine(), &HouseholdEngine::changed);
    const ImportOutcome outcome = importRows({bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), QStringLiteral("F1")),
                                              bankRow(QDate(2026, 3, 3), 250000, QStringLiteral("Salary"), QStringLiteral("F2"))});
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.added, 2);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE import_key LIKE 'fitid:checking:%'")), 2);
    // The budget's sign: money out is spent (positive), money in a refund (negative).
    QCOMPARE(count(QStringLiteral("SELECT amount_cents FROM transactions WHERE import_key = 'fitid:checking:F1'")), 4599);
    QCOMPARE(count(QStringLiteral("SELECT amount_cents FROM transactions WHERE import_key = 'fitid:checking:F2'")), -250000);
    // The import first, then its transactions, in seq order; the import's event is bank_synced.
    QCOMPARE(changes.size(), 3);
    const Change import = changes.at(0).at(0).value<Change>();
    QCOMPARE(import.collection, Collection::BankImports);
    QCOMPARE(collectionSpec(Collection::BankImports).eventNameFor(import), QStringLiteral("bank_synced"));
    QCOMPARE(import.entity.value(QLatin1String("transaction_count")).toInteger(), 2);
    const QJsonObject data = collectionSpec(Collection::BankImports).eventData(import);
    QCOMPARE(data.value(QLatin1String("transaction_count")).toInteger(), 2);
    QCOMPARE(data.value(QLatin1String("account")).toString(), kAccount);
    QCOMPARE(changes.at(1).at(0).value<Change>().collection, Collection::Transactions);
    QCOMPARE(changes.at(2).at(0).value<Change>().seq, import.seq + 2);
    QCOMPARE(m_data->budget.rowCount(), 2);
}

void tst_BankImport::sameStatementTwiceAddsNothing()
{
    const QList<StatementRow> rows = {bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), QStringLiteral("F1")),
                                      bankRow(QDate(2026, 3, 4), -1250, QStringLiteral("Bakery"))};
    QVERIFY(importRows(rows).ok);
    const qint64 events = count(QStringLiteral("SELECT COUNT(*) FROM events"));
    const ImportOutcome again = importRows(rows);
    QVERIFY(again.ok);
    QCOMPARE(again.added, 0);
    QCOMPARE(again.duplicates, 2);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 2);
    // Nothing new: not even an import is written.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM events")), events);

    // The same rows sent by another device that planned before the first import landed: the
    // host skips them (counted as duplicates), never an error, never twice.
    auto &imports = m_data->model<BankImportsModel>(Collection::BankImports);
    QList<BankImportRow> stale;
    for (const PlannedRow &p : BankImportPlanner::plan(statementOf(rows), kAccount, {}, {}, {}, QDate(2026, 3, 1)).rows)
        stale.append(p.row);
    const MutationResult late = imports.apply(imports.importMutation(kAccount, QStringLiteral("march.ofx"), QStringLiteral("ofx"), stale));
    QVERIFY2(late.ok, qPrintable(late.error.message));
    QCOMPARE(imports.find(late.entityId)->transactionCount, 0);
    QCOMPARE(imports.find(late.entityId)->duplicateCount, 2);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 2);
}

void tst_BankImport::overlappingStatementAddsOnlyTheNewRows()
{
    QVERIFY(importRows({bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe")),
                        bankRow(QDate(2026, 3, 4), -1250, QStringLiteral("Bakery"))})
                .ok);
    // The next file repeats the 4th (payee written differently by the bank) and adds the 6th.
    const ImportOutcome second = importRows({bankRow(QDate(2026, 3, 4), -1250, QStringLiteral("BAKERY.")),
                                             bankRow(QDate(2026, 3, 6), -999, QStringLiteral("Pharmacy"))});
    QVERIFY(second.ok);
    QCOMPARE(second.added, 1);
    QCOMPARE(second.duplicates, 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 3);
}

void tst_BankImport::identicalRowsOfOneFileAreBothKept()
{
    const QList<StatementRow> rows = {bankRow(QDate(2026, 3, 2), -350, QStringLiteral("Coffee")),
                                      bankRow(QDate(2026, 3, 2), -350, QStringLiteral("Coffee"))};
    const ImportOutcome first = importRows(rows);
    QCOMPARE(first.added, 2);
    QCOMPARE(importRows(rows).added, 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 2);
}

void tst_BankImport::invalidRowFailsTheWholeImport()
{
    auto &imports = m_data->model<BankImportsModel>(Collection::BankImports);
    BankImportRow good{QDate(2026, 3, 2), 4599, QStringLiteral("Rewe"), {}, {}, bankkey::fromBankId(kAccount, QStringLiteral("1")), {}, {}};
    BankImportRow foreign = good;
    foreign.importKey = bankkey::fromBankId(QStringLiteral("Savings"), QStringLiteral("2"));
    const MutationResult refused = imports.apply(imports.importMutation(kAccount, {}, QStringLiteral("ofx"), {good, foreign}));
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error.field, QStringLiteral("rows"));
    QVERIFY2(refused.error.message.startsWith(QLatin1String("Row 2:")), qPrintable(refused.error.message));

    QJsonArray malformed = bankImportRowsJson({good});
    malformed.append(QJsonArray{QStringLiteral("2026-02-30"), 100, QStringLiteral("x"), QString(), QString(),
                                bankkey::fromBankId(kAccount, QStringLiteral("3")), QString()});
    const MutationResult bad = imports.apply({{}, Collection::BankImports, MutationOp::Create, {}, -1,
                                              {{QStringLiteral("account"), kAccount}, {QStringLiteral("rows"), malformed}}});
    QVERIFY(!bad.ok);
    QVERIFY2(bad.error.message.contains(QLatin1String("Row 2")), qPrintable(bad.error.message));
    const MutationResult notAList = imports.apply({{}, Collection::BankImports, MutationOp::Create, {}, -1,
                                                   {{QStringLiteral("account"), kAccount}, {QStringLiteral("rows"), QStringLiteral("x")}}});
    QVERIFY(!notAList.ok);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM bank_imports")), 0);
}

void tst_BankImport::failingTransactionFailsTheWholeImport()
{
    // The 3rd row's transaction is refused by the transactions' own rule (an amount of zero): the
    // two before it, already written in the unit, go too.
    auto &imports = m_data->model<BankImportsModel>(Collection::BankImports);
    QList<BankImportRow> rows;
    for (int i = 1; i <= 3; ++i)
        rows.append({QDate(2026, 3, i), i == 3 ? 0 : 100 * i, QStringLiteral("Shop %1").arg(i), {}, {},
                     bankkey::fromBankId(kAccount, QString::number(i)), {}, {}});
    const qint64 events = count(QStringLiteral("SELECT COUNT(*) FROM events"));
    QSignalSpy changes(&engine(), &HouseholdEngine::changed);
    const MutationResult refused = imports.apply(imports.importMutation(kAccount, {}, QStringLiteral("ofx"), rows));
    QVERIFY(!refused.ok);
    QVERIFY2(refused.error.message.startsWith(QLatin1String("Row 3:")), qPrintable(refused.error.message));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM bank_imports")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM events")), events);
    QCOMPARE(changes.size(), 0);
    QCOMPARE(m_data->budget.rowCount(), 0);
}

void tst_BankImport::matchLinksTheTypedTransaction()
{
    const QString typed = typeTransaction(QDate(2026, 3, 1), 4599, QStringLiteral("Groceries at Rewe"));
    QVERIFY(!typed.isEmpty());
    BankImporter bank(*m_data);
    const ImportPlan plan = bank.plan(statementOf({bankRow(QDate(2026, 3, 3), -4599, QStringLiteral("REWE SAGT DANKE"), QStringLiteral("F9")),
                                                   bankRow(QDate(2026, 3, 5), -1000, QStringLiteral("Kiosk"), QStringLiteral("F10"))}),
                                      kAccount, {});
    QCOMPARE(plan.rows.at(0).kind, RowClass::Match);
    QCOMPARE(plan.rows.at(0).matchTransactionId, typed);
    const ImportOutcome outcome = bank.import(plan);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.matched, 1);
    QCOMPARE(outcome.added, 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 2);
    // The typed one keeps what the user wrote, and now carries the bank's identity.
    const auto linked = m_data->budget.find(typed);
    QCOMPARE(linked->description, QStringLiteral("Groceries at Rewe"));
    QCOMPARE(linked->importKey, QStringLiteral("fitid:checking:F9"));
    // Linked, it matches nothing more; the same file again adds nothing.
    const ImportPlan again = bank.plan(statementOf({bankRow(QDate(2026, 3, 3), -4599, QStringLiteral("REWE SAGT DANKE"), QStringLiteral("F9"))}),
                                       kAccount, {});
    QCOMPARE(again.rows.at(0).kind, RowClass::Duplicate);

    // A rejected match adds the row beside the typed one.
    const QString other = typeTransaction(QDate(2026, 3, 10), 777, QStringLiteral("Cinema"));
    ImportPlan rejected = bank.plan(statementOf({bankRow(QDate(2026, 3, 11), -777, QStringLiteral("Kino"), QStringLiteral("F11"))}), kAccount, {});
    QCOMPARE(rejected.rows.at(0).matchTransactionId, other);
    rejected.rows[0].acceptMatch = false;
    QCOMPARE(bank.import(rejected).added, 1);
    QVERIFY(m_data->budget.find(other)->importKey.isEmpty());
}

void tst_BankImport::oneTypedTransactionLinksOneRow()
{
    // Two rows of one import naming the same typed transaction (a client's mistake): the host
    // links the first and adds the second, so neither bank identity is lost.
    const QString typed = typeTransaction(QDate(2026, 3, 1), 2000, QStringLiteral("Fuel"));
    auto &imports = m_data->model<BankImportsModel>(Collection::BankImports);
    const BankImportRow first{QDate(2026, 3, 2), 2000, QStringLiteral("Shell"), {}, {}, bankkey::fromBankId(kAccount, QStringLiteral("L1")), typed, {}};
    BankImportRow second = first;
    second.importKey = bankkey::fromBankId(kAccount, QStringLiteral("L2"));
    const MutationResult done = imports.apply(imports.importMutation(kAccount, {}, QStringLiteral("ofx"), {first, second}));
    QVERIFY2(done.ok, qPrintable(done.error.message));
    QCOMPARE(m_data->budget.find(typed)->importKey, first.importKey);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE import_key <> ''")), 2);
}

void tst_BankImport::aMemberEditKeepsTheBankIdentity()
{
    QVERIFY(importRows({bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), QStringLiteral("F1"))}).ok);
    const QString id = m_data->budget.idAt(0);
    const MutationResult edited = m_data->budget.update(id, {{QStringLiteral("category"), QStringLiteral("Food")},
                                                             {QStringLiteral("import_key"), QString()}});
    QVERIFY(edited.ok);
    QCOMPARE(m_data->budget.find(id)->category, QStringLiteral("Food"));
    QCOMPARE(m_data->budget.find(id)->importKey, QStringLiteral("fitid:checking:F1"));
}

void tst_BankImport::rowsAreNeitherStoredNorAnnounced()
{
    QSignalSpy changes(&engine(), &HouseholdEngine::changed);
    QVERIFY(importRows({bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), QStringLiteral("F1"))}).ok);
    const Change import = changes.at(0).at(0).value<Change>();
    QVERIFY(!import.entity.contains(QLatin1String("rows")));
    QVERIFY(!import.entityJson.contains("rows"));
    const QJsonArray snapshot = engine().snapshot(Collection::BankImports);
    QCOMPARE(snapshot.size(), 1);
    QVERIFY(!snapshot.at(0).toObject().contains(QLatin1String("rows")));
    QCOMPARE(snapshot.at(0).toObject().value(QLatin1String("file_name")).toString(), QStringLiteral("march.ofx"));
}

void tst_BankImport::childMayNotImport()
{
    const MutationResult child = engine().submit(
        {{}, Collection::Members, MutationOp::Create, {}, -1, {{QStringLiteral("name"), QStringLiteral("Mia")}, {QStringLiteral("role"), QStringLiteral("child")}}});
    auto &imports = m_data->model<BankImportsModel>(Collection::BankImports);
    BankImportRow row{QDate(2026, 3, 2), 4599, QStringLiteral("Rewe"), {}, {}, bankkey::fromBankId(kAccount, QStringLiteral("1")), {}, {}};
    const MutationResult refused = engine().submitAs(imports.importMutation(kAccount, {}, QStringLiteral("ofx"), {row}), child.entityId);
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error.code, QStringLiteral("forbidden"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 0);

    // Nor can a child's own spending claim a bank row: its key is dropped, and the bank row
    // imports later as usual.
    const MutationResult typed = engine().submitAs(
        {{}, Collection::Transactions, MutationOp::Create, {}, -1,
         {{QStringLiteral("occurred_on"), QStringLiteral("2026-03-02")}, {QStringLiteral("description"), QStringLiteral("Sweets")},
          {QStringLiteral("amount_cents"), 1}, {QStringLiteral("import_key"), row.importKey}}},
        child.entityId);
    QVERIFY2(typed.ok, qPrintable(typed.error.message));
    QVERIFY(m_data->budget.find(typed.entityId)->importKey.isEmpty());
    const MutationResult imported = imports.apply(imports.importMutation(kAccount, {}, QStringLiteral("ofx"), {row}));
    QVERIFY2(imported.ok, qPrintable(imported.error.message));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE import_key <> ''")), 1);
}

void tst_BankImport::theSameRowsInAnotherFormatAddNothing_data()
{
    // The bank's OFX cuts NAME at 32 characters; its CSV of the same days has the whole payee.
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QString>("firstExtension");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<QString>("secondExtension");
    const QDate d2(2026, 3, 2), d4(2026, 3, 4), d6(2026, 3, 6);
    const QByteArray ofxFile = ofx({{d2, -4599, "REWE Markt GmbH Filiale 1234 Ber", "F-1"},
                                    {d4, -1250, "Bakery", "F-2"},
                                    {d4, -1250, "Bakery", "F-3"}});
    const QByteArray csvFile = csv({{d2, "REWE Markt GmbH Filiale 1234 Berlin-Mitte", "-45,99"},
                                    {d4, "Bakery", "-12,50"},
                                    {d4, "Bakery", "-12,50"},
                                    {d6, "Apotheke", "-9,99"}});
    QTest::newRow("ofx, then the bank's csv") << ofxFile << QStringLiteral("ofx") << csvFile << QStringLiteral("csv");
    QTest::newRow("csv, then the bank's ofx") << csvFile << QStringLiteral("csv") << ofxFile << QStringLiteral("ofx");
}

void tst_BankImport::theSameRowsInAnotherFormatAddNothing()
{
    QFETCH(QByteArray, first);
    QFETCH(QString, firstExtension);
    QFETCH(QByteArray, second);
    QFETCH(QString, secondExtension);
    StatementError error;
    const ImportOutcome once = importFile(write(QStringLiteral("first.") + firstExtension, first), &error);
    QVERIFY2(once.ok, qPrintable(error.text() + once.error));
    const qint64 firstCount = once.added;
    QVERIFY(firstCount >= 3);
    const ImportOutcome again = importFile(write(QStringLiteral("second.") + secondExtension, second), &error);
    QVERIFY2(again.ok, qPrintable(error.text() + again.error));
    // Only the pharmacy, which the OFX does not list, is new; the three shared movements are
    // recognised whichever file came first.
    QCOMPARE(again.duplicates, 3);
    QCOMPARE(again.added + firstCount, 4);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 4);
    // The host decides the same without the planner: the second file's rows sent as they are.
    StatementReadOptions options;
    if (secondExtension == QLatin1String("csv"))
        options.csv = sniffCsv(m_files.filePath(QStringLiteral("second.csv")), &error)->mapping;
    const std::optional<Statement> statement = readStatement(m_files.filePath(QStringLiteral("second.") + secondExtension), options, &error);
    QVERIFY(statement);
    ImportPlan plan = BankImportPlanner::plan(*statement, kAccount, {}, {}, {}, QDate(2026, 3, 15));
    auto &imports = m_data->model<BankImportsModel>(Collection::BankImports);
    const MutationResult sent = imports.apply(imports.importMutation(kAccount, {}, secondExtension, plan.rowsToImport()));
    QVERIFY2(sent.ok, qPrintable(sent.error.message));
    QCOMPARE(imports.find(sent.entityId)->transactionCount, 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 4);
}

void tst_BankImport::equalRowsWithTheirOwnIdsAreTwo()
{
    // Two coffees alike in every way but their FITIDs are two coffees, also when another file
    // with ids lists them again; and the bank's CSV of them (no ids) adds neither.
    const QDate day(2026, 3, 5);
    QVERIFY(importRows({bankRow(day, -350, QStringLiteral("Cafe"), QStringLiteral("C1"))}).ok);
    const ImportOutcome both = importRows({bankRow(day, -350, QStringLiteral("Cafe"), QStringLiteral("C1")),
                                           bankRow(day, -350, QStringLiteral("Cafe"), QStringLiteral("C2"))});
    QVERIFY(both.ok);
    QCOMPARE(both.added, 1);
    QCOMPARE(both.duplicates, 1);
    StatementError error;
    const ImportOutcome fromCsv = importFile(write(QStringLiteral("coffee.csv"), csv({{day, "Cafe", "-3,50"}, {day, "Cafe", "-3,50"}})), &error);
    QVERIFY2(fromCsv.ok, qPrintable(error.text() + fromCsv.error));
    QCOMPARE(fromCsv.added, 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 2);
}

void tst_BankImport::rowsDifferingAfterTheRowKeysPayeeAreTwo()
{
    // Payees alike in their first 24 characters share a row key's payee; the occurrence count
    // keeps them apart in one file, and an overlapping file finds both.
    const QDate day(2026, 3, 7);
    const QList<StatementRow> rows{bankRow(day, -1999, QStringLiteral("Amazon Marketplace EU order 1")),
                                   bankRow(day, -1999, QStringLiteral("Amazon Marketplace EU order 2"))};
    const ImportOutcome once = importRows(rows);
    QVERIFY(once.ok);
    QCOMPARE(once.added, 2);
    const ImportOutcome twice = importRows(rows);
    QCOMPARE(twice.added, 0);
    QCOMPARE(twice.duplicates, 2);

    // A file exported mid-day lists only the second; the next lists both: the first is a payment
    // of its own, not the second again (the import keys, with the whole payee, tell them apart).
    const QDate later(2026, 3, 8);
    QVERIFY(importRows({bankRow(later, -1999, QStringLiteral("Amazon Marketplace EU order 2"))}).ok);
    const ImportOutcome both = importRows({bankRow(later, -1999, QStringLiteral("Amazon Marketplace EU order 1")),
                                           bankRow(later, -1999, QStringLiteral("Amazon Marketplace EU order 2"))});
    QCOMPARE(both.added, 1);
    QCOMPARE(both.duplicates, 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 4);
}

void tst_BankImport::aRemovedImportIsNotBroughtBack()
{
    QVERIFY(importRows({bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), QStringLiteral("F1")),
                        bankRow(QDate(2026, 3, 3), -999, QStringLiteral("Pharmacy"), QStringLiteral("F2"))}).ok);
    const BudgetTransaction rewe = *std::find_if(m_data->budget.records().cbegin(), m_data->budget.records().cend(),
                                                 [](const BudgetTransaction &t) { return t.amountCents == 4599; });
    QSignalSpy changes(&engine(), &HouseholdEngine::changed);
    const MutationResult removed = m_data->budget.apply(m_data->budget.removeMutation(rewe.id));
    QVERIFY2(removed.ok, qPrintable(removed.error.message));
    // The removal and the household's memory of it are one change, and every device hears of it.
    auto &removals = m_data->model<RemovedBankRowsModel>(Collection::RemovedBankRows);
    QCOMPARE(removals.rowCount(), 1);
    QCOMPARE(removals.at(0).importKey, rewe.importKey);
    QCOMPARE(removals.at(0).rowKey, rewe.rowKey);
    QCOMPARE(removals.at(0).amountCents, 4599);
    bool announced = false;
    for (const QList<QVariant> &signal : changes)
        announced = announced || signal.at(0).value<Change>().collection == Collection::RemovedBankRows;
    QVERIFY(announced);

    // The same OFX again, and the bank's CSV of it: the pharmacy is a duplicate, Rewe was removed.
    const QList<StatementRow> again{bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), QStringLiteral("F1")),
                                    bankRow(QDate(2026, 3, 3), -999, QStringLiteral("Pharmacy"), QStringLiteral("F2"))};
    const ImportPlan plan = importer().plan(statementOf(again), kAccount, {});
    QCOMPARE(plan.rows.at(0).kind, RowClass::Removed);
    QVERIFY(!plan.rows.at(0).include);
    QCOMPARE(plan.rows.at(1).kind, RowClass::Duplicate);
    QCOMPARE(plan.summary(QDate(2026, 3, 1)), QStringLiteral("0 new, 1 already imported, 1 removed from the budget earlier"));
    QVERIFY(importer().import(plan).ok);
    StatementError error;
    const ImportOutcome fromCsv = importFile(write(QStringLiteral("march.csv"), csv({{QDate(2026, 3, 2), "Rewe", "-45,99"}})), &error);
    QVERIFY2(fromCsv.ok, qPrintable(error.text() + fromCsv.error));
    QCOMPARE(fromCsv.added, 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 1);

    // The host keeps it out too when a client sends the row anyway (an older planner).
    BankImportRow row{QDate(2026, 3, 2), 4599, QStringLiteral("Rewe"), {}, {}, rewe.importKey, {}, rewe.rowKey};
    auto &imports = m_data->model<BankImportsModel>(Collection::BankImports);
    const MutationResult sent = imports.apply(imports.importMutation(kAccount, {}, QStringLiteral("ofx"), {row}));
    QVERIFY2(sent.ok, qPrintable(sent.error.message));
    QCOMPARE(imports.find(sent.entityId)->duplicateCount, 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 1);
}

void tst_BankImport::aRemovedRowCanBeImportedAgainOnPurpose()
{
    QVERIFY(importRows({bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), QStringLiteral("F1"))}).ok);
    QVERIFY(m_data->budget.apply(m_data->budget.removeMutation(m_data->budget.idAt(0))).ok);
    ImportPlan plan = importer().plan(statementOf({bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), QStringLiteral("F1"))}), kAccount, {});
    QCOMPARE(plan.rows.at(0).kind, RowClass::Removed);
    plan.rows[0].include = true; // the user ticks it in the preview
    const ImportOutcome back = importer().import(plan);
    QVERIFY2(back.ok, qPrintable(back.error));
    QCOMPARE(back.added, 1);
    QCOMPARE(m_data->model<RemovedBankRowsModel>(Collection::RemovedBankRows).rowCount(), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE import_key = 'fitid:checking:F1'")), 1);
}

void tst_BankImport::onlyTheHostRecordsARemoval()
{
    const MutationResult adult = engine().submit(
        {{}, Collection::Members, MutationOp::Create, {}, -1, {{QStringLiteral("name"), QStringLiteral("Sam")}, {QStringLiteral("role"), QStringLiteral("adult")}}});
    const MutationResult child = engine().submit(
        {{}, Collection::Members, MutationOp::Create, {}, -1, {{QStringLiteral("name"), QStringLiteral("Mia")}, {QStringLiteral("role"), QStringLiteral("child")}}});
    // Nobody makes one up: it would keep a real bank row out of the budget.
    const Mutation madeUp{{}, Collection::RemovedBankRows, MutationOp::Create, {}, -1,
                          {{QStringLiteral("import_key"), QStringLiteral("fitid:checking:X")},
                           {QStringLiteral("occurred_on"), QStringLiteral("2026-03-02")}}};
    QCOMPARE(engine().submitAs(madeUp, adult.entityId).error.code, QStringLiteral("forbidden"));
    QCOMPARE(engine().submitAs(madeUp, child.entityId).error.code, QStringLiteral("forbidden"));
    QVERIFY(importRows({bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), QStringLiteral("F1"))}).ok);
    QVERIFY(m_data->budget.apply(m_data->budget.removeMutation(m_data->budget.idAt(0))).ok);
    auto &removals = m_data->model<RemovedBankRowsModel>(Collection::RemovedBankRows);
    // A child may not forget one; an adult may.
    QCOMPARE(engine().submitAs(removals.removeMutation(removals.at(0).id), child.entityId).error.code, QStringLiteral("forbidden"));
    QVERIFY(engine().submitAs(removals.removeMutation(removals.at(0).id), adult.entityId).ok);
    QCOMPARE(removals.rowCount(), 0);
    // A typed transaction (no bank identity) leaves nothing behind when removed.
    const QString typed = typeTransaction(QDate(2026, 3, 4), 300, QStringLiteral("Ice cream"));
    QVERIFY(m_data->budget.apply(m_data->budget.removeMutation(typed)).ok);
    QCOMPARE(removals.rowCount(), 0);
}

void tst_BankImport::undoingARemovalForgetsIt()
{
    // Undo brings a deleted entity back as it was (EditHistory re-creates it from the stored
    // entity), bank identity included; the removal is then forgotten in the same unit.
    QVERIFY(importRows({bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), QStringLiteral("F1"))}).ok);
    const QString id = m_data->budget.idAt(0);
    const QJsonObject before = *engine().entity(Collection::Transactions, id);
    QVERIFY(m_data->budget.apply(m_data->budget.removeMutation(id)).ok);
    auto &removals = m_data->model<RemovedBankRowsModel>(Collection::RemovedBankRows);
    QCOMPARE(removals.rowCount(), 1);
    const MutationResult back = m_data->budget.apply(Mutation{{}, Collection::Transactions, MutationOp::Create, id, -1, before});
    QVERIFY2(back.ok, qPrintable(back.error.message));
    QCOMPARE(m_data->budget.find(id)->importKey, QStringLiteral("fitid:checking:F1"));
    QCOMPARE(removals.rowCount(), 0);
    QCOMPARE(importRows({bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), QStringLiteral("F1"))}).duplicates, 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions")), 1);
}

void tst_BankImport::anOlderClientsRowOfSevenStillImports()
{
    // Before row keys, a row was seven values; a row known by its content is its own row key.
    QString error;
    const QString key = bankkey::fromRow(kAccount, QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), 1);
    const auto row = BankImportRow::fromJson(QJsonArray{QStringLiteral("2026-03-02"), 4599, QStringLiteral("Rewe"), QString(),
                                                        QString(), key, QString()},
                                             &error);
    QVERIFY2(row, qPrintable(error));
    QCOMPARE(row->rowKey, key);
    const auto withId = BankImportRow::fromJson(QJsonArray{QStringLiteral("2026-03-02"), 4599, QStringLiteral("Rewe"), QString(),
                                                           QString(), bankkey::fromBankId(kAccount, QStringLiteral("F1")), QString()},
                                                &error);
    QVERIFY(withId && withId->rowKey.isEmpty());
    QVERIFY(!BankImportRow::fromJson(QJsonArray{QStringLiteral("2026-03-02"), 4599}, &error));
    // A row key that is an id, or another account's, is refused by the host.
    auto &imports = m_data->model<BankImportsModel>(Collection::BankImports);
    BankImportRow forged = *row;
    forged.rowKey = bankkey::fromBankId(kAccount, QStringLiteral("F9"));
    QVERIFY(!imports.apply(imports.importMutation(kAccount, {}, QStringLiteral("csv"), {forged})).ok);
    forged.rowKey = bankkey::sameRow(QStringLiteral("Savings"), QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), 1);
    QVERIFY(!imports.apply(imports.importMutation(kAccount, {}, QStringLiteral("csv"), {forged})).ok);
    QVERIFY(imports.apply(imports.importMutation(kAccount, {}, QStringLiteral("csv"), {*row})).ok);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE row_key = import_key")), 1);
}

void tst_BankImport::plannerClassifiesRows()
{
    BudgetTransaction imported;
    imported.id = QStringLiteral("t1");
    imported.occurredOn = QDate(2026, 3, 1);
    imported.amountCents = 500;
    imported.description = QStringLiteral("Old");
    imported.importKey = QStringLiteral("fitid:checking:OLD");
    BudgetTransaction typed;
    typed.id = QStringLiteral("t2");
    typed.occurredOn = QDate(2026, 3, 10);
    typed.amountCents = 2000;
    typed.description = QStringLiteral("Shoes");
    const Statement statement = statementOf({
        bankRow(QDate(2026, 3, 1), -500, QStringLiteral("Old"), QStringLiteral("OLD")),    // imported before
        bankRow(QDate(2026, 3, 13), -2000, QStringLiteral("Shoe shop"), QStringLiteral("N1")), // typed, 3 days
        bankRow(QDate(2026, 3, 14), -2000, QStringLiteral("Shoe shop"), QStringLiteral("N2")), // same amount: the typed one is taken
        bankRow(QDate(2026, 2, 27), -800, QStringLiteral("February"), QStringLiteral("N3")), // last month
        bankRow(QDate(2026, 3, 20), 0, QStringLiteral("Balance"), QStringLiteral("N4")),    // nothing to budget
        bankRow(QDate(2026, 3, 21), -100, QStringLiteral("Twice"), QStringLiteral("N5")),
        bankRow(QDate(2026, 3, 21), -100, QStringLiteral("Twice"), QStringLiteral("N5")),   // the file repeats an id
    });
    const ImportPlan plan = BankImportPlanner::plan(statement, kAccount, QStringLiteral("f.ofx"), {imported, typed}, {}, QDate(2026, 3, 15));
    QCOMPARE(plan.rows.size(), 6);
    QCOMPARE(plan.rows.at(0).kind, RowClass::Duplicate);
    QVERIFY(!plan.rows.at(0).include);
    QCOMPARE(plan.rows.at(1).kind, RowClass::Match);
    QCOMPARE(plan.rows.at(1).matchTransactionId, QStringLiteral("t2"));
    QCOMPARE(plan.rows.at(2).kind, RowClass::New);
    QCOMPARE(plan.rows.at(3).kind, RowClass::OutOfMonth);
    QVERIFY(!plan.rows.at(3).include);
    QCOMPARE(plan.rows.at(4).kind, RowClass::New);
    QCOMPARE(plan.rows.at(5).kind, RowClass::Duplicate);
    const ImportCounts c = plan.counts();
    QCOMPARE(c.newRows, 2);
    QCOMPARE(c.duplicates, 2);
    QCOMPARE(c.matches, 1);
    QCOMPARE(c.outOfMonth, 1);
    QCOMPARE(plan.summary(QDate(2026, 3, 1)), QStringLiteral("2 new, 2 already imported, 1 matching what you typed, 1 outside March"));
    // What goes to the host: new and matched rows (the match with its transaction).
    const QList<BankImportRow> chosen = plan.rowsToImport();
    QCOMPARE(chosen.size(), 3);
    QCOMPARE(chosen.at(0).matchTransactionId, QStringLiteral("t2"));
    QCOMPARE(chosen.at(0).amountCents, 2000);
    // 4 days apart is no match.
    typed.occurredOn = QDate(2026, 3, 9);
    QCOMPARE(BankImportPlanner::plan(statement, kAccount, {}, {typed}, {}, QDate(2026, 3, 15)).rows.at(1).kind, RowClass::New);
}

void tst_BankImport::plannerProposesLearnedCategories()
{
    QVERIFY(importRows({bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), QStringLiteral("F1"))}).ok);
    // The user corrects the category of the imported transaction; the next import proposes it,
    // on every device, since it is read from the household's transactions.
    QVERIFY(m_data->budget.update(m_data->budget.idAt(0), {{QStringLiteral("category"), QStringLiteral("Food")}}).ok);
    const ImportPlan plan = importer().plan(statementOf({bankRow(QDate(2026, 3, 9), -1000, QStringLiteral("REWE"), QStringLiteral("F2")),
                                                         bankRow(QDate(2026, 3, 9), -1000, QStringLiteral("Unknown"), QStringLiteral("F3"))}),
                                            kAccount, {});
    QCOMPARE(plan.rows.at(0).row.category, QStringLiteral("Food"));
    QVERIFY(plan.rows.at(1).row.category.isEmpty());
    // Money in from an unknown payee is income; from a payee with a category, that category
    // (a refund lowers what was spent there).
    const ImportPlan incoming = importer().plan(statementOf({bankRow(QDate(2026, 3, 10), 320000, QStringLiteral("Acme GmbH"), QStringLiteral("S1")),
                                                             bankRow(QDate(2026, 3, 10), 599, QStringLiteral("Rewe"), QStringLiteral("R1"))}),
                                                kAccount, {});
    QCOMPARE(incoming.rows.at(0).row.category, kIncomeCategory);
    QCOMPARE(incoming.rows.at(1).row.category, QStringLiteral("Food"));
    // A category chosen in the preview is what the next import proposes.
    ImportPlan edited = plan;
    edited.rows[1].row.category = QStringLiteral("Gifts");
    QVERIFY(importer().import(edited).ok);
    const ImportPlan next = importer().plan(statementOf({bankRow(QDate(2026, 3, 12), -300, QStringLiteral("unknown"), QStringLiteral("F4"))}),
                                            kAccount, {});
    QCOMPARE(next.rows.at(0).row.category, QStringLiteral("Gifts"));
}

void tst_BankImport::modelUnderTester()
{
    auto &imports = m_data->model<BankImportsModel>(Collection::BankImports);
    QAbstractItemModelTester tester(&imports, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&imports, &QAbstractItemModel::rowsInserted);
    QVERIFY(importRows({bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), QStringLiteral("F1"))}).ok);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(imports.rowCount(), 1);
    QCOMPARE(imports.data(imports.index(0, 0), BankImportsModel::AccountRole).toString(), kAccount);
    QCOMPARE(imports.data(imports.index(0, 0), BankImportsModel::TransactionCountRole).toLongLong(), 1);
    QVERIFY(imports.roleNames().contains(BankImportsModel::DuplicateCountRole));
}

void tst_BankImport::removedRowsModelUnderTester()
{
    auto &removals = m_data->model<RemovedBankRowsModel>(Collection::RemovedBankRows);
    QAbstractItemModelTester tester(&removals, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(importRows({bankRow(QDate(2026, 3, 2), -4599, QStringLiteral("Rewe"), QStringLiteral("F1"))}).ok);
    QSignalSpy inserted(&removals, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&removals, &QAbstractItemModel::modelReset);
    QVERIFY(m_data->budget.apply(m_data->budget.removeMutation(m_data->budget.idAt(0))).ok);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removals.data(removals.index(0, RemovedBankRowsModel::Description)).toString(), QStringLiteral("Rewe"));
    QCOMPARE(removals.data(removals.index(0, 0), RemovedBankRowsModel::AmountCentsRole).toLongLong(), 4599);
    QVERIFY(removals.roleNames().contains(RemovedBankRowsModel::ImportKeyRole));
    QSignalSpy removedRows(&removals, &QAbstractItemModel::rowsRemoved);
    QVERIFY(removals.apply(removals.removeMutation(removals.at(0).id)).ok);
    QCOMPARE(removedRows.size(), 1);
}

QTEST_GUILESS_MAIN(tst_BankImport)
#include "tst_bankimport.moc"
