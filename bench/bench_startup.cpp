// Target 3: from process start to the first painted dashboard, with 10,000 pantry items and
// 50,000 transactions, in at most 500 ms.
//
// The parent generates (or reuses) the store, then starts this executable in --child mode N
// times (plus one discarded warm-up run) on the offscreen platform. Just before each start it
// passes CLOCK_MONOTONIC in HEARTH_BENCH_SPAWN_NS; the child builds exactly what
// app/hearth_main.cpp builds (QApplication + translations, Store::open, LocalHousehold::openOrCreate,
// HouseholdData::load, QUndoStack, EditHistory, MessageBoxConfirmer, ConnectionStatus, QSettings,
// the style sheet, MainWindow + restoreState + show) and stamps every phase against that time,
// up to the first QEvent::Paint delivered to the DashboardPage or a widget inside it. Prints figures;
// never asserts on time.
//
// Run the child alone (bench_startup --child STORE) to time one start from /proc's process
// start time instead (10 ms resolution).

#include "AuthoritativeEngine.h"
#include "BenchSupport.h"
#include "Clock.h"
#include "Confirmer.h"
#include "ConnectionStatus.h"
#include "DashboardPage.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "LocalHousehold.h"
#include "MainWindow.h"
#include "PantryPage.h"
#include "Store.h"
#include "Theme.h"
#include "Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEvent>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>

#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>

using namespace hearth;
using namespace hearth::bench;

namespace {

constexpr int kPantryItems = 10000;
constexpr int kTransactions = 50000;
constexpr double kTargetMs = 500;

// Stamps the first paint event of the dashboard: the DashboardPage itself or any widget inside
// it (Qt sends no paint event to a widget whose opaque children cover it, which the page's scroll
// area does as soon as the style sheet gives it a background), then lets that frame finish.
class PaintProbe final : public QObject {
public:
    PaintProbe(QWidget *target, std::function<void()> onFirstPaint)
        : m_target(target)
        , m_onFirstPaint(std::move(onFirstPaint))
    {
    }
    qint64 paintNs = 0;
    QString paintedClass;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && paintNs == 0 && watched->isWidgetType()) {
            auto *widget = static_cast<QWidget *>(watched);
            if (widget == m_target || m_target->isAncestorOf(widget)) {
                paintNs = monotonicNs();
                paintedClass = QString::fromLatin1(widget->metaObject()->className());
                m_onFirstPaint();
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QWidget *m_target;
    std::function<void()> m_onFirstPaint;
};

// The phases the child reports, in order, as milliseconds since its reference time.
const char *const kPhases[] = { "main", "app", "store", "engine", "models", "window", "show", "paint", "frame" };

int runChild(int argc, char *argv[], qint64 mainNs)
{
    // The reference: the parent's stamp just before it started this process, else /proc's start time.
    const QByteArray spawn = qgetenv("HEARTH_BENCH_SPAWN_NS");
    const double procMs = msSinceProcessStart();
    const qint64 refNs = spawn.isEmpty() ? mainNs - qint64(procMs * 1e6) : spawn.toLongLong();
    QMap<QString, qint64> at;
    at.insert(QStringLiteral("main"), mainNs);

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hearth"));
    QApplication::setApplicationDisplayName(QStringLiteral("Hearth"));
    QApplication::setOrganizationName(QStringLiteral("hearth"));
    QApplication::setDesktopFileName(QStringLiteral("io.hearth.Hearth"));
    installTranslations(app);
    at.insert(QStringLiteral("app"), monotonicNs());

    QString storePath;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--child") == 0)
            storePath = QString::fromLocal8Bit(argv[i + 1]);
    const QTemporaryDir settingsDir; // no saved geometry: a first start, the dashboard shows

    QString error;
    const std::unique_ptr<Store> store = Store::open(storePath, &error);
    if (!store) {
        std::fprintf(stderr, "bench_startup: %s\n", qPrintable(error));
        return 1;
    }
    at.insert(QStringLiteral("store"), monotonicNs());

    SystemClock clock;
    LocalHousehold::Options options;
    const std::unique_ptr<AuthoritativeEngine> engine
        = LocalHousehold::openOrCreate(*store, clock, options, nullptr, &error);
    if (!engine) {
        std::fprintf(stderr, "bench_startup: %s\n", qPrintable(error));
        return 1;
    }
    at.insert(QStringLiteral("engine"), monotonicNs());

    HouseholdData data(*engine, clock);
    data.load();
    at.insert(QStringLiteral("models"), monotonicNs());

    QUndoStack undoStack;
    EditHistory history(undoStack);
    MessageBoxConfirmer confirmer;
    ConnectionStatus connection;
    QSettings settings(QDir(settingsDir.path()).filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat);

    app.setStyleSheet(Theme::styleSheet());
    MainWindow window(data, history, confirmer, connection, settings);
    window.restoreState();
    at.insert(QStringLiteral("window"), monotonicNs());

    PaintProbe probe(window.dashboard(), [&] {
        // Let the rest of this frame (the other widgets, the flush) happen, then stop.
        QTimer::singleShot(0, &app, [&] {
            at.insert(QStringLiteral("frame"), monotonicNs());
            QApplication::quit();
        });
    });
    app.installEventFilter(&probe);
    QTimer::singleShot(30000, &app, [] {
        std::fprintf(stderr, "bench_startup: no paint within 30 s\n");
        QApplication::exit(2);
    });
    window.show();
    at.insert(QStringLiteral("show"), monotonicNs());
    const int rc = app.exec();
    if (rc != 0 || probe.paintNs == 0)
        return rc ? rc : 3;
    at.insert(QStringLiteral("paint"), probe.paintNs);

    QString line = QStringLiteral("SAMPLE");
    for (const char *phase : kPhases) {
        const QString key = QLatin1String(phase);
        line += QStringLiteral(" %1=%2").arg(key).arg(double(at.value(key) - refNs) / 1e6, 0, 'f', 3);
    }
    std::printf("%s\n", qPrintable(line));
    std::printf("INFO reference=%s first_painted=%s proc_start_to_main_ms=%.0f pantry=%d transactions=%d window=%dx%d "
                "platform=%s dashboard=\"%s\"\n",
        spawn.isEmpty() ? "proc-starttime" : "parent-spawn", qPrintable(probe.paintedClass), procMs,
        data.pantry.rowCount(), data.budget.rowCount(), window.width(), window.height(),
        qPrintable(QApplication::platformName()),
        qPrintable(window.dashboard()->cardText(PantryPage::kId).section(QLatin1Char('\n'), 0, 0)));
    std::fflush(stdout);
    return 0;
}

QMap<QString, double> parseSample(const QByteArray &line)
{
    QMap<QString, double> values;
    const QList<QByteArray> fields = line.split(' ');
    for (const QByteArray &field : fields.mid(1)) {
        const qsizetype eq = field.indexOf('=');
        if (eq > 0)
            values.insert(QString::fromLatin1(field.left(eq)), field.mid(eq + 1).toDouble());
    }
    return values;
}

std::optional<QMap<QString, double>> spawnChild(const QString &store, const QString &platform, QByteArray *info)
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    env.insert(QStringLiteral("HEARTH_BENCH_SPAWN_NS"), QString::number(monotonicNs()));
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), { QStringLiteral("--child"), store });
    if (!child.waitForFinished(60000) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
        std::fprintf(stderr, "bench_startup: child run failed (exit %d):\n%s\n", child.exitCode(),
            child.readAllStandardError().constData());
        return std::nullopt;
    }
    std::optional<QMap<QString, double>> sample;
    const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("SAMPLE "))
            sample = parseSample(line);
        else if (line.startsWith("INFO ") && info)
            *info = line.mid(5);
    }
    return sample;
}

void printSample(const char *label, const QMap<QString, double> &s)
{
    std::printf("  %-7s first paint %6.1f ms | exec->main %5.1f, QApplication %5.1f, store %5.1f, engine %5.1f, "
                "models %6.1f, window %6.1f, show %5.1f, show->paint %6.1f, frame %5.1f\n",
        label, s.value(QStringLiteral("paint")), s.value(QStringLiteral("main")),
        s.value(QStringLiteral("app")) - s.value(QStringLiteral("main")),
        s.value(QStringLiteral("store")) - s.value(QStringLiteral("app")),
        s.value(QStringLiteral("engine")) - s.value(QStringLiteral("store")),
        s.value(QStringLiteral("models")) - s.value(QStringLiteral("engine")),
        s.value(QStringLiteral("window")) - s.value(QStringLiteral("models")),
        s.value(QStringLiteral("show")) - s.value(QStringLiteral("window")),
        s.value(QStringLiteral("paint")) - s.value(QStringLiteral("show")),
        s.value(QStringLiteral("frame")) - s.value(QStringLiteral("paint")));
}

} // namespace

int main(int argc, char *argv[])
{
    const qint64 mainNs = monotonicNs(); // the first thing the process does in main()
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--child") == 0)
            return runChild(argc, argv, mainNs);

    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Target 3: process start to the first painted dashboard (<= 500 ms)."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Measured starts (default 10)."),
        QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption cacheOption(
        QStringLiteral("cache"), QStringLiteral("Folder for the generated stores."), QStringLiteral("DIR"));
    const QCommandLineOption platformOption(QStringLiteral("platform"),
        QStringLiteral("QPA platform for the children (default offscreen)."), QStringLiteral("NAME"),
        QStringLiteral("offscreen"));
    const QCommandLineOption childOption(
        QStringLiteral("child"), QStringLiteral("Internal: one start on STORE."), QStringLiteral("STORE"));
    parser.addOptions({ runsOption, cacheOption, platformOption, childOption });
    parser.process(app);
    const int runs = positiveInt(parser.value(runsOption), 10);

    printMachine();
    QString error;
    const QString store = ensureStore(cacheDirectory(parser.value(cacheOption)), kPantryItems, kTransactions, &error);
    if (store.isEmpty()) {
        std::fprintf(stderr, "bench_startup: %s\n", qPrintable(error));
        return 1;
    }
    const QString platform = parser.value(platformOption);
    std::printf(
        "Target 3: process start -> first QEvent::Paint in the DashboardPage, %d pantry items and %d transactions, "
        "QT_QPA_PLATFORM=%s, target <= %.0f ms\n",
        kPantryItems, kTransactions, qPrintable(platform), kTargetMs);
    std::printf("  store: %s\n", qPrintable(store));

    QByteArray info;
    const auto warmUp = spawnChild(store, platform, &info);
    if (!warmUp)
        return 1;
    printSample("warm-up", *warmUp);
    std::printf("  child: %s\n", info.constData());

    QMap<QString, QList<double>> phases;
    for (int i = 0; i < runs; ++i) {
        const auto sample = spawnChild(store, platform, nullptr);
        if (!sample)
            return 1;
        printSample(qPrintable(QStringLiteral("run %1").arg(i + 1)), *sample);
        QString previous;
        for (const char *phase : kPhases) {
            const QString key = QLatin1String(phase);
            phases[key].append(sample->value(key));
            phases[QStringLiteral("d:") + key].append(
                sample->value(key) - (previous.isEmpty() ? 0 : sample->value(previous)));
            previous = key;
        }
    }

    std::printf("\nFirst painted dashboard (from the parent starting the process): %s\n",
        qPrintable(describe(computeStats(phases.value(QStringLiteral("paint"))), "ms")));
    const struct {
        const char *phase;
        const char *label;
    } breakdown[] = {
        { "main", "process start -> main() (exec, dynamic linking, static init)" },
        { "app", "QApplication + translations (platform plugin)" },
        { "store", "Store::open" },
        { "engine", "LocalHousehold::openOrCreate (engine)" },
        { "models", "HouseholdData::load (all models)" },
        { "window", "style sheet + MainWindow + restoreState" },
        { "show", "window.show()" },
        { "paint", "show() -> first Paint in the dashboard (polish, layout, paint)" },
        { "frame", "rest of that first frame" },
    };
    for (const auto &b : breakdown) {
        const Stats s = computeStats(phases.value(QStringLiteral("d:") + QLatin1String(b.phase)));
        std::printf("    %-72s %s\n", b.label, qPrintable(describe(s, "ms")));
        printResult(qPrintable(QStringLiteral("startup.phase.") + QLatin1String(b.phase)), s, "ms");
    }
    printResult("startup.first_paint", computeStats(phases.value(QStringLiteral("paint"))), "ms", kTargetMs);
    std::printf("load average after: %s\n", qPrintable(loadAverage()));
    return 0;
}
