// Target 1: a household with 100,000 pantry rows — open the store and fill the PantryModel in
// at most 300 ms.
//
// Measures "Store::open + the household's engine + PantryModel::reload()" three ways:
//   cold process   a fresh process per run (the first Store::open also loads the SQLite driver);
//                  the store file is in the OS page cache, as on a desktop that used it recently;
//   cold disk      the same, after asking the kernel to drop the store file from the page cache
//                  (posix_fadvise DONTNEED), so its pages are read from disk;
//   warm           repeated in one process after one discarded run.
// The store is generated once (bench/cache) and reused. Prints figures; never asserts on time.

#include "AuthoritativeEngine.h"
#include "BenchSupport.h"
#include "Clock.h"
#include "LocalHousehold.h"
#include "PantryModel.h"
#include "Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcess>

#include <cstdio>

using namespace hearth;
using namespace hearth::bench;

namespace {

constexpr int kPantryRows = 100000;
constexpr double kTargetMs = 300;

struct Sample {
    double openMs = 0; // Store::open (schema check, pragmas)
    double engineMs = 0; // LocalHousehold::openOrCreate: the engine for the stored household
    double reloadMs = 0; // PantryModel construction + reload()
    double totalMs = 0;
    int rows = 0;
    bool ok = false;
};

Sample runOnce(const QString &path)
{
    Sample s;
    SystemClock clock;
    QString error;
    const qint64 t0 = monotonicNs();
    std::unique_ptr<Store> store = Store::open(path, &error);
    if (!store) {
        std::fprintf(stderr, "bench_pantry_load: %s\n", qPrintable(error));
        return s;
    }
    const qint64 t1 = monotonicNs();
    std::unique_ptr<AuthoritativeEngine> engine = LocalHousehold::openOrCreate(*store, clock, {}, nullptr, &error);
    if (!engine) {
        std::fprintf(stderr, "bench_pantry_load: %s\n", qPrintable(error));
        return s;
    }
    const qint64 t2 = monotonicNs();
    auto model = std::make_unique<PantryModel>(*engine, clock);
    model->reload();
    const qint64 t3 = monotonicNs();
    s.openMs = double(t1 - t0) / 1e6;
    s.engineMs = double(t2 - t1) / 1e6;
    s.reloadMs = double(t3 - t2) / 1e6;
    s.totalMs = double(t3 - t0) / 1e6;
    s.rows = model->rowCount();
    s.ok = s.rows == kPantryRows;
    if (!s.ok)
        std::fprintf(stderr, "bench_pantry_load: the model holds %d rows, expected %d\n", s.rows, kPantryRows);
    // Tear down outside the measurement (model before engine before store).
    model.reset();
    engine.reset();
    store.reset();
    return s;
}

void printSample(const char *label, int run, const Sample &s)
{
    std::printf("  %-11s run %2d: total %7.1f ms  (open %5.1f, engine %5.1f, model reload %6.1f; %d rows)\n", label,
        run, s.totalMs, s.openMs, s.engineMs, s.reloadMs, s.rows);
}

// Runs this executable once per sample in --child mode and parses its SAMPLE line.
QList<Sample> runChildren(const QString &path, int runs, bool evict, const char *label)
{
    QList<Sample> samples;
    for (int i = 0; i < runs; ++i) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList args { QStringLiteral("--child"), path };
        if (evict)
            args << QStringLiteral("--evict");
        child.start(QCoreApplication::applicationFilePath(), args);
        if (!child.waitForFinished(120000) || child.exitCode() != 0) {
            std::fprintf(stderr, "bench_pantry_load: child run failed\n");
            continue;
        }
        const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
        for (const QByteArray &line : lines) {
            const QList<QByteArray> f = line.split(' ');
            if (f.size() == 6 && f.at(0) == "SAMPLE") {
                Sample s { f.at(1).toDouble(), f.at(2).toDouble(), f.at(3).toDouble(), f.at(4).toDouble(),
                    f.at(5).toInt(), true };
                printSample(label, i + 1, s);
                samples.append(s);
            }
        }
    }
    return samples;
}

void report(const char *key, const char *title, const QList<Sample> &samples)
{
    QList<double> total, open, engine, reload;
    for (const Sample &s : samples) {
        total << s.totalMs;
        open << s.openMs;
        engine << s.engineMs;
        reload << s.reloadMs;
    }
    std::printf("%s: %s\n", title, qPrintable(describe(computeStats(total), "ms")));
    std::printf("    open %s | engine %s | model reload %s\n", qPrintable(describe(computeStats(open), "ms")),
        qPrintable(describe(computeStats(engine), "ms")), qPrintable(describe(computeStats(reload), "ms")));
    printResult(key, computeStats(total), "ms", kTargetMs);
    printResult(QByteArray(QByteArray(key) + ".reload").constData(), computeStats(reload), "ms");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Target 1: open a 100,000-row pantry and fill the model (<= 300 ms)."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs per figure (default 10)."),
        QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption cacheOption(
        QStringLiteral("cache"), QStringLiteral("Folder for the generated stores."), QStringLiteral("DIR"));
    const QCommandLineOption noDiskOption(
        QStringLiteral("no-cold-disk"), QStringLiteral("Skip the runs with the store dropped from the page cache."));
    const QCommandLineOption childOption(
        QStringLiteral("child"), QStringLiteral("Internal: one measured run on STORE."), QStringLiteral("STORE"));
    const QCommandLineOption evictOption(
        QStringLiteral("evict"), QStringLiteral("Internal: drop the store from the page cache first."));
    parser.addOptions({ runsOption, cacheOption, noDiskOption, childOption, evictOption });
    parser.process(app);

    if (parser.isSet(childOption)) {
        const QString path = parser.value(childOption);
        if (parser.isSet(evictOption) && !evictFromPageCache(path))
            std::fprintf(stderr, "bench_pantry_load: could not drop %s from the page cache\n", qPrintable(path));
        const Sample s = runOnce(path);
        if (!s.ok)
            return 1;
        std::printf("SAMPLE %.3f %.3f %.3f %.3f %d\n", s.openMs, s.engineMs, s.reloadMs, s.totalMs, s.rows);
        return 0;
    }

    const int runs = positiveInt(parser.value(runsOption), 10);
    printMachine();
    QString error;
    double generatedMs = -1;
    const QString path = ensureStore(cacheDirectory(parser.value(cacheOption)), kPantryRows, 0, &error, &generatedMs);
    if (path.isEmpty()) {
        std::fprintf(stderr, "bench_pantry_load: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("Target 1: Store::open + engine + PantryModel::reload() with %d pantry rows, target <= %.0f ms\n",
        kPantryRows, kTargetMs);
    std::printf("  store: %s%s\n", qPrintable(path),
        generatedMs < 0 ? " (cached)"
                        : qPrintable(QStringLiteral(" (generated in %1 s)").arg(generatedMs / 1000, 0, 'f', 1)));

    const QList<Sample> cold = runChildren(path, runs, false, "cold proc");
    QList<Sample> coldDisk;
    if (!parser.isSet(noDiskOption))
        coldDisk = runChildren(path, runs, true, "cold disk");

    runOnce(path); // warm-up: SQLite driver loaded, file in the page cache, allocator primed
    QList<Sample> warm;
    for (int i = 0; i < runs; ++i) {
        const Sample s = runOnce(path);
        if (!s.ok)
            return 1;
        printSample("warm", i + 1, s);
        warm.append(s);
    }

    std::printf("\n");
    report("pantry_load.cold_process", "Cold process (file in page cache)", cold);
    if (!coldDisk.isEmpty())
        report("pantry_load.cold_disk", "Cold process, store dropped from the page cache", coldDisk);
    report("pantry_load.warm", "Warm (same process)", warm);
    std::printf("load average after: %s\n", qPrintable(loadAverage()));
    return cold.size() == runs ? 0 : 1;
}
