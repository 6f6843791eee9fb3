// Target 2: a one-row update on the 100,000-row PantryModel in at most 20 µs (median), without
// painting and without a model reset — exactly one dataChanged per update.
//
// Two figures, both reported:
//   (a) the model's part: a Change is announced on the engine interface (the signal every model
//       follows) and the model applies it: find the row, replace the record, emit dataChanged.
//       The engine here is a HouseholdEngine that only announces, so nothing is written; the
//       Changes are built before the clock starts. Also (a2): the same with a sorted
//       PantryFilterProxy on top, as a list view would have it.
//   (b) the whole mutation path: PantryModel::adjustQuantityMutation applied -> engine validates -> SQLite
//       write of the row and the event in one transaction -> commit -> changed() -> dataChanged,
//       on a copy of the store with desktop durability (WAL, synchronous=NORMAL).
//       (c) for context, the same with synchronous=FULL (a host's durability), fewer updates.
// Every phase first runs untimed with QSignalSpy on modelReset and dataChanged to check the
// signals; the timed runs keep the modelReset spy and count dataChanged with a plain connection.

#include "AuthoritativeEngine.h"
#include "BenchSupport.h"
#include "Clock.h"
#include "LocalHousehold.h"
#include "PantryModel.h"
#include "Proxies.h"
#include "Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <functional>

#include <sys/resource.h>

using namespace hearth;
using namespace hearth::bench;

namespace {

constexpr int kPantryRows = 100000;
constexpr double kTargetUs = 20;

// An engine that writes nothing: announce() emits changed() as any engine does after a write,
// so the benchmark measures only what the model does with a change.
class AnnouncingEngine final : public HouseholdEngine {
public:
    AnnouncingEngine(Store &store, QString householdId, QString memberId)
        : m_store(store)
        , m_householdId(std::move(householdId))
        , m_memberId(std::move(memberId))
    {
    }

    QString householdId() const override { return m_householdId; }
    QString actingMemberId() const override { return m_memberId; }
    MutationResult submit(const Mutation &) override
    {
        return MutationResult::failure(QStringLiteral("read_only"), QStringLiteral("This engine only announces."));
    }
    std::optional<QJsonObject> entity(Collection, const QString &) const override { return std::nullopt; }
    Store &store() const override { return m_store; }

    void announce(const Change &change) { Q_EMIT changed(change); }

private:
    Store &m_store;
    QString m_householdId;
    QString m_memberId;
};

// Counts dataChanged emissions and whether each covered exactly one row.
struct SignalCounter {
    int dataChanged = 0;
    int multiRow = 0;

    void attach(QAbstractItemModel &model, QObject *context)
    {
        QObject::connect(&model, &QAbstractItemModel::dataChanged, context,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                ++dataChanged;
                if (topLeft.row() != bottomRight.row())
                    ++multiRow;
            });
    }
};

// Rows to update, spread over the whole model, the same on every run.
QList<int> pickRows(int count, int rows, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<int> picked;
    picked.reserve(count);
    for (int i = 0; i < count; ++i)
        picked.append(int(rng.bounded(rows)));
    return picked;
}

Change quantityChange(const PantryItem &item, qint64 seq, const QString &memberId)
{
    const QString timestamp = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    QJsonObject entity = item.toFields();
    entity.insert(QStringLiteral("id"), item.id);
    entity.insert(QStringLiteral("quantity"), item.quantity + 1);
    entity.insert(QStringLiteral("rev"), item.rev + 1);
    entity.insert(QStringLiteral("updated_at"), timestamp);
    Change change;
    change.collection = Collection::Pantry;
    change.action = ChangeAction::Updated;
    change.entityId = item.id;
    change.entity = entity;
    change.rev = item.rev + 1;
    change.seq = seq;
    change.userId = memberId;
    change.mutationId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    change.timestamp = timestamp;
    return change;
}

struct Verdict {
    bool ok = true;
    void check(bool condition, const char *what)
    {
        if (!condition) {
            std::fprintf(stderr, "bench_model_update: CHECK FAILED: %s\n", what);
            ok = false;
        }
    }
};

// User and system CPU time of this process, in microseconds.
std::pair<double, double> cpuTimeUs()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const auto us = [](const timeval &tv) { return double(tv.tv_sec) * 1e6 + double(tv.tv_usec); };
    return { us(usage.ru_utime), us(usage.ru_stime) };
}

double timerOverheadNs()
{
    QList<double> samples;
    for (int i = 0; i < 10000; ++i) {
        const qint64 t = monotonicNs();
        samples.append(double(monotonicNs() - t));
    }
    return computeStats(samples).median;
}

QString pragma(Store &store, const char *name)
{
    QSqlQuery query(store.database());
    if (query.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(name))) && query.next())
        return query.value(0).toString();
    return QStringLiteral("?");
}

// (a) and (a2): the model's part.
Stats modelPart(
    Store &store, const QString &householdId, const QString &memberId, int updates, bool withProxy, Verdict &verdict)
{
    SystemClock clock;
    AnnouncingEngine engine(store, householdId, memberId);
    PantryModel model(engine, clock);
    model.reload();
    verdict.check(model.rowCount() == kPantryRows, "the model holds every row");

    std::unique_ptr<PantryFilterProxy> proxy;
    if (withProxy) {
        proxy = std::make_unique<PantryFilterProxy>();
        proxy->setSourceModel(&model);
        proxy->sort(PantryModel::Name);
        verdict.check(proxy->rowCount() == kPantryRows, "the proxy shows every row");
    }

    qint64 seq = 0;
    // Untimed check with QSignalSpy (also warms up the code path).
    {
        const QList<int> rows = pickRows(200, kPantryRows, 7);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        for (int i = 0; i < rows.size(); ++i) {
            const int row = rows.at(i);
            const double before = model.at(row).quantity;
            engine.announce(quantityChange(model.at(row), ++seq, memberId));
            verdict.check(changes.count() == i + 1, "exactly one dataChanged per update");
            verdict.check(model.at(row).quantity == before + 1, "the row holds the new quantity");
        }
        for (const QList<QVariant> &args : std::as_const(changes))
            verdict.check(
                args.at(0).toModelIndex().row() == args.at(1).toModelIndex().row(), "dataChanged covers one row");
        verdict.check(resets.count() == 0, "no model reset");
    }

    const QList<int> rows = pickRows(updates, kPantryRows, 11);
    QList<Change> prepared;
    prepared.reserve(updates);
    for (int row : rows)
        prepared.append(quantityChange(model.at(row), ++seq, memberId));

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QObject context;
    SignalCounter counter;
    counter.attach(model, &context);
    QList<double> samples;
    samples.reserve(updates);
    for (const Change &change : std::as_const(prepared)) {
        const qint64 t = monotonicNs();
        engine.announce(change);
        samples.append(double(monotonicNs() - t) / 1000.0);
    }
    verdict.check(resets.count() == 0, "no model reset (timed run)");
    verdict.check(counter.dataChanged == updates, "one dataChanged per update (timed run)");
    verdict.check(counter.multiRow == 0, "each dataChanged covers one row (timed run)");
    if (proxy)
        verdict.check(proxy->rowCount() == kPantryRows, "the proxy still shows every row");
    std::printf("    checks: modelReset %lld, dataChanged %d for %d updates, multi-row %d\n", qlonglong(resets.count()),
        counter.dataChanged, updates, counter.multiRow);
    return computeStats(samples);
}

// (b) and (c): the whole mutation path through the authoritative engine.
Stats mutationPath(const QString &path, Durability durability, int updates, Verdict &verdict)
{
    SystemClock clock;
    QString error;
    std::unique_ptr<Store> store = Store::open(path, &error, durability);
    if (!store) {
        verdict.check(false, qPrintable(error));
        return {};
    }
    std::printf("    store: journal_mode=%s synchronous=%s (0 off, 1 normal, 2 full)\n",
        qPrintable(pragma(*store, "journal_mode")), qPrintable(pragma(*store, "synchronous")));
    std::unique_ptr<AuthoritativeEngine> engine = LocalHousehold::openOrCreate(*store, clock, {}, nullptr, &error);
    if (!engine) {
        verdict.check(false, qPrintable(error));
        return {};
    }
    Stats stats;
    {
        PantryModel model(*engine, clock);
        model.reload();
        verdict.check(model.rowCount() == kPantryRows, "the model holds every row");

        {
            const QList<int> rows = pickRows(200, kPantryRows, 13);
            QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
            QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
            for (int i = 0; i < rows.size(); ++i) {
                const int row = rows.at(i);
                const double before = model.at(row).quantity;
                const MutationResult r = model.apply(model.adjustQuantityMutation(model.idAt(row), 1));
                verdict.check(r.ok, "the update is accepted");
                verdict.check(changes.count() == i + 1, "exactly one dataChanged per update");
                verdict.check(model.at(row).quantity == before + 1, "the row holds the new quantity");
            }
            verdict.check(resets.count() == 0, "no model reset");
            const auto stored = engine->entity(Collection::Pantry, model.idAt(rows.last()));
            verdict.check(
                stored && stored->value(QLatin1String("quantity")).toDouble() == model.at(rows.last()).quantity,
                "the store holds what the model shows");
        }

        const QList<int> rows = pickRows(updates, kPantryRows, 17);
        QStringList ids;
        ids.reserve(updates);
        for (int row : rows)
            ids.append(model.idAt(row));

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QObject context;
        SignalCounter counter;
        counter.attach(model, &context);
        QList<double> samples;
        samples.reserve(updates);
        int failed = 0;
        const auto cpuBefore = cpuTimeUs();
        for (const QString &id : std::as_const(ids)) {
            const qint64 t = monotonicNs();
            const MutationResult r = model.apply(model.adjustQuantityMutation(id, 1));
            samples.append(double(monotonicNs() - t) / 1000.0);
            failed += r.ok ? 0 : 1;
        }
        const auto cpuAfter = cpuTimeUs();
        std::printf(
            "    CPU time per update (mean): user %.1f us, system %.1f us (the kernel's share is mostly WAL writes)\n",
            (cpuAfter.first - cpuBefore.first) / updates, (cpuAfter.second - cpuBefore.second) / updates);
        verdict.check(failed == 0, "every timed update is accepted");
        verdict.check(resets.count() == 0, "no model reset (timed run)");
        verdict.check(counter.dataChanged == updates, "one dataChanged per update (timed run)");
        verdict.check(counter.multiRow == 0, "each dataChanged covers one row (timed run)");
        std::printf("    checks: modelReset %lld, dataChanged %d for %d updates, multi-row %d, rejected %d\n",
            qlonglong(resets.count()), counter.dataChanged, updates, counter.multiRow, failed);
        const auto slow = std::count_if(samples.cbegin(), samples.cend(), [](double us) { return us > 1000; });
        std::printf(
            "    updates slower than 1 ms (WAL checkpoints, scheduling): %lld of %d\n", qlonglong(slow), updates);
        stats = computeStats(samples);
    }
    engine.reset();
    store.reset();
    return stats;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Target 2: one-row updates on a 100,000-row PantryModel (<= 20 µs median)."));
    parser.addHelpOption();
    const QCommandLineOption updatesOption(QStringLiteral("updates"),
        QStringLiteral("Timed updates per figure (default 10000)."), QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption cacheOption(
        QStringLiteral("cache"), QStringLiteral("Folder for the generated stores."), QStringLiteral("DIR"));
    const QCommandLineOption onlyOption(QStringLiteral("only"),
        QStringLiteral("Run one figure only: a, a2, b or c (for profiling)."), QStringLiteral("FIGURE"));
    parser.addOptions({ updatesOption, cacheOption, onlyOption });
    parser.process(app);
    const int updates = positiveInt(parser.value(updatesOption), 10000);
    const QString only = parser.value(onlyOption);
    const auto wanted = [&only](const char *figure) { return only.isEmpty() || only == QLatin1String(figure); };

    printMachine();
    QString error;
    const QString cacheDir = cacheDirectory(parser.value(cacheOption));
    const QString cached = ensureStore(cacheDir, kPantryRows, 0, &error);
    if (cached.isEmpty()) {
        std::fprintf(stderr, "bench_model_update: %s\n", qPrintable(error));
        return 1;
    }
    // The writing phases work on copies next to the cache (same disk), so the cache stays as generated.
    QTemporaryDir work(QDir(cacheDir).filePath(QStringLiteral("work-XXXXXX")));
    const QString copyB = copyStore(cached, work.path(), &error);
    if (copyB.isEmpty()) {
        std::fprintf(stderr, "bench_model_update: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("Target 2: one-row update on a %d-row PantryModel, target <= %.0f us median\n", kPantryRows, kTargetUs);
    std::printf("  timer overhead per sample (included): %.0f ns\n", timerOverheadNs());

    QString householdId;
    QString memberId;
    {
        SystemClock clock;
        std::unique_ptr<Store> store = Store::open(cached, &error);
        auto engine = store ? LocalHousehold::openOrCreate(*store, clock, {}, nullptr, &error) : nullptr;
        if (!engine) {
            std::fprintf(stderr, "bench_model_update: %s\n", qPrintable(error));
            return 1;
        }
        householdId = engine->householdId();
        memberId = engine->actingMemberId();
    }

    Verdict verdict;
    std::unique_ptr<Store> readStore = Store::open(cached, &error);
    if (!readStore) {
        std::fprintf(stderr, "bench_model_update: %s\n", qPrintable(error));
        return 1;
    }
    // Runs one figure when it is wanted, with its heading and its summary line.
    const auto figure = [&](const char *name, const QString &heading, const std::function<Stats()> &run) {
        if (!wanted(name))
            return Stats {};
        std::printf("  %s\n", qPrintable(heading));
        const Stats stats = run();
        std::printf("      %s\n", qPrintable(describe(stats, "us", true)));
        return stats;
    };
    const Stats a = figure("a",
        QStringLiteral("(a) model's part: Change announced -> model applies it -> dataChanged, %1 updates")
            .arg(updates),
        [&] { return modelPart(*readStore, householdId, memberId, updates, false, verdict); });
    const Stats a2 = figure("a2",
        QStringLiteral("(a2) the same with a sorted PantryFilterProxy attached, %1 updates").arg(updates),
        [&] { return modelPart(*readStore, householdId, memberId, updates, true, verdict); });
    readStore.reset();
    const Stats b = figure("b",
        QStringLiteral("(b) full mutation path: adjustQuantity -> validate -> SQLite write + event -> commit "
                       "-> dataChanged, %1 updates")
            .arg(updates),
        [&] { return mutationPath(copyB, Durability::Normal, updates, verdict); });
    const int fullUpdates = std::min(updates, 1000);
    const Stats c = figure("c",
        QStringLiteral("(c) context: the same with synchronous=FULL (host durability), %1 updates").arg(fullUpdates),
        [&] {
            // A fresh copy, so (c) starts from the same file as (b) did.
            const QString copyC = copyStore(cached, work.path(), &error);
            return copyC.isEmpty() ? Stats {} : mutationPath(copyC, Durability::Full, fullUpdates, verdict);
        });

    std::printf("\n");
    if (a.count)
        printResult("model_update.model_part", a, "us", kTargetUs);
    if (a2.count)
        printResult("model_update.model_part_sorted_proxy", a2, "us");
    if (b.count)
        printResult("model_update.full_path_normal", b, "us", kTargetUs);
    if (c.count)
        printResult("model_update.full_path_full_sync", c, "us");
    std::printf("checks: %s\n", verdict.ok ? "all passed" : "FAILED (see above)");
    std::printf("load average after: %s\n", qPrintable(loadAverage()));
    return verdict.ok ? 0 : 1;
}
