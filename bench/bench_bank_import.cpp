// A bank statement of 10,000 rows: read (the CSV reader), planned against the household's
// transactions (duplicates, matches, categories) and imported as one change (the bank_imports
// create whose effects write the 10,000 transactions, each with its event), into a household
// that already holds 5,000 transactions, with every model loaded as in the app. Each round uses a
// fresh copy of the store; the figures are the median of the rounds with min and max.

#include "AuthoritativeEngine.h"
#include "BankImporter.h"
#include "BenchSupport.h"
#include "Clock.h"
#include "HouseholdData.h"
#include "LocalHousehold.h"
#include "Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace hearth;
using namespace hearth::bench;

namespace {

constexpr int kRows = 10000;
constexpr int kExisting = 5000;

class FixedClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime(QDate(2026, 12, 20), QTime(10, 0)); }
};

// A German bank's CSV export: preamble-free, semicolons, decimal commas, dd.MM.yyyy; every row in
// December so none is out of the month.
QByteArray statementCsv()
{
    static const char *payees[] = {"REWE Markt GmbH", "Deutsche Bahn", "Stadtwerke Berlin", "Bäckerei Kamps", "Aral Tankstelle",
                                   "dm-drogerie markt", "Netflix", "IKEA Berlin", "Apotheke am Markt", "Edeka Center"};
    QByteArray text("Buchungstag;Valuta;Auftraggeber/Empfänger;Verwendungszweck;Betrag (EUR)\n");
    for (int i = 0; i < kRows; ++i) {
        const QDate day(2026, 12, 1 + i % 28);
        const QByteArray date = day.toString(QStringLiteral("dd.MM.yyyy")).toLatin1();
        const int cents = 100 + (i * 7919) % 50000;
        text += date + ';' + date + ';' + payees[i % 10] + ";girocard Kartenzahlung Ref. " + QByteArray::number(i) + ";-"
            + QByteArray::number(cents / 100) + ',' + QByteArray::number(cents % 100).rightJustified(2, '0') + '\n';
    }
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Rounds (default 5)."), QStringLiteral("N"));
    parser.addOptions({runsOption});
    parser.addHelpOption();
    parser.process(app);
    const int runs = positiveInt(parser.value(runsOption), 5);
    printMachine();

    QTemporaryDir dir;
    const QString csvPath = dir.filePath(QStringLiteral("umsaetze.csv"));
    {
        QFile file(csvPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(statementCsv()) < 0) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(csvPath));
            return 1;
        }
    }
    QString error;
    const QString base = ensureStore(cacheDirectory({}), 0, kExisting, &error);
    if (base.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }

    QList<double> readMs, planMs, importMs, totalMs;
    for (int round = 0; round < runs; ++round) {
        QTemporaryDir roundDir;
        const QString path = copyStore(base, roundDir.path(), &error);
        std::unique_ptr<Store> store = path.isEmpty() ? nullptr : Store::open(path, &error);
        FixedClock clock;
        bool created = false;
        std::unique_ptr<AuthoritativeEngine> engine = store ? LocalHousehold::openOrCreate(*store, clock, {}, &created, &error) : nullptr;
        if (!engine) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        HouseholdData data(*engine, clock);
        data.load();

        QElapsedTimer timer;
        timer.start();
        StatementError readError;
        const auto sniff = sniffCsv(csvPath, &readError);
        StatementReadOptions options;
        if (sniff)
            options.csv = sniff->mapping;
        const std::optional<Statement> statement = sniff ? readStatement(csvPath, options, &readError) : std::nullopt;
        const double read = double(timer.nsecsElapsed()) / 1e6;
        if (!statement || statement->rows.size() != kRows) {
            std::fprintf(stderr, "reading failed: %s\n", qPrintable(readError.text()));
            return 1;
        }
        timer.restart();
        BankImporter importer(data);
        const ImportPlan plan = importer.plan(*statement, QStringLiteral("Checking"), QStringLiteral("umsaetze.csv"));
        const double planned = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        const ImportOutcome outcome = importer.import(plan);
        const double imported = double(timer.nsecsElapsed()) / 1e6;
        if (!outcome.ok || outcome.added + outcome.matched != kRows || data.budget.rowCount() != kExisting + outcome.added) {
            std::fprintf(stderr, "import failed: %s (%lld added, %lld matched)\n", qPrintable(outcome.error),
                         qlonglong(outcome.added), qlonglong(outcome.matched));
            return 1;
        }
        readMs << read;
        planMs << planned;
        importMs << imported;
        totalMs << read + planned + imported;
        std::printf("round %d: read %.1f ms, plan %.1f ms, import %.1f ms (%lld added, %lld matched)\n", round + 1, read, planned,
                    imported, qlonglong(outcome.added), qlonglong(outcome.matched));
    }
    std::printf("10,000 rows read:     %s\n", qPrintable(describe(computeStats(readMs), "ms")));
    std::printf("10,000 rows planned:  %s\n", qPrintable(describe(computeStats(planMs), "ms")));
    std::printf("10,000 rows imported: %s\n", qPrintable(describe(computeStats(importMs), "ms")));
    std::printf("all three:            %s\n", qPrintable(describe(computeStats(totalMs), "ms")));
    printResult("bank_import_read_ms", computeStats(readMs), "ms");
    printResult("bank_import_plan_ms", computeStats(planMs), "ms");
    printResult("bank_import_import_ms", computeStats(importMs), "ms");
    printResult("bank_import_total_ms", computeStats(totalMs), "ms");
    return 0;
}
