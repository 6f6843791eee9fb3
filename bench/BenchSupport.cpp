#include "BenchSupport.h"

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "DemoData.h"
#include "LocalHousehold.h"
#include "Schema.h"
#include "Store.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

namespace hearth::bench {

namespace {

constexpr quint32 kSeed = 20261121;

QString readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

QString fieldOf(const QString &text, const QString &key, QChar separator)
{
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const qsizetype at = line.indexOf(separator);
        if (at > 0 && line.left(at).trimmed() == key) {
            QString value = line.mid(at + 1).trimmed();
            if (value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')) && value.size() >= 2)
                value = value.mid(1, value.size() - 2);
            return value;
        }
    }
    return {};
}

QString sqliteVersion()
{
    const QString connection = QStringLiteral("hearth-bench-version");
    QString version;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(QStringLiteral(":memory:"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT sqlite_version()")) && query.next())
                version = query.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return version;
}

std::optional<std::pair<qint64, qint64>> rowCounts(Store &store)
{
    QSqlQuery query(store.database());
    if (!query.exec(QStringLiteral("SELECT (SELECT count(*) FROM pantry_items), (SELECT count(*) FROM transactions)"))
        || !query.next())
        return std::nullopt;
    return std::make_pair(query.value(0).toLongLong(), query.value(1).toLongLong());
}

void removeStoreFiles(const QString &path)
{
    for (const char *suffix : { "", "-wal", "-shm", "-journal" })
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace

qint64 monotonicNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double msSinceProcessStart()
{
    // Field 22 of /proc/self/stat is the start time in clock ticks since boot; the command name
    // (field 2) may hold spaces, so count from the closing parenthesis.
    const QString stat = readFile(QStringLiteral("/proc/self/stat"));
    const qsizetype close = stat.lastIndexOf(QLatin1Char(')'));
    if (close < 0)
        return -1;
    const QStringList fields = stat.mid(close + 2).split(QLatin1Char(' '));
    if (fields.size() < 20)
        return -1;
    const double ticks = fields.at(19).toDouble(); // field 22 overall
    const long hz = sysconf(_SC_CLK_TCK);
    timespec boot {};
    clock_gettime(CLOCK_BOOTTIME, &boot);
    const double nowMs = double(boot.tv_sec) * 1000.0 + double(boot.tv_nsec) / 1e6;
    return nowMs - ticks * 1000.0 / double(hz);
}

Stats computeStats(QList<double> samples)
{
    Stats s;
    s.count = int(samples.size());
    if (samples.isEmpty())
        return s;
    std::sort(samples.begin(), samples.end());
    const auto rank = [&](double p) {
        const qsizetype index = qsizetype(std::ceil(p * double(samples.size()))) - 1;
        return samples.at(std::clamp<qsizetype>(index, 0, samples.size() - 1));
    };
    s.min = samples.first();
    s.max = samples.last();
    double sum = 0;
    for (double v : std::as_const(samples))
        sum += v;
    s.mean = sum / double(samples.size());
    // The median of an even count is the mean of the two middle values.
    const qsizetype mid = samples.size() / 2;
    s.median = samples.size() % 2 ? samples.at(mid) : (samples.at(mid - 1) + samples.at(mid)) / 2;
    s.p90 = rank(0.90);
    s.p99 = rank(0.99);
    return s;
}

QString describe(const Stats &s, const char *unit, bool percentiles)
{
    const QString u = QString::fromUtf8(unit);
    const auto num = [](double v) { return QString::number(v, 'f', v < 10 ? 2 : 1); };
    if (percentiles)
        return QStringLiteral("median %1 %2, p90 %3, p99 %4, min %5, max %6, mean %7 (n %8)")
            .arg(num(s.median), u, num(s.p90), num(s.p99), num(s.min), num(s.max), num(s.mean))
            .arg(s.count);
    return QStringLiteral("median %1 %2 (min %3, max %4, n %5)")
        .arg(num(s.median), u, num(s.min), num(s.max))
        .arg(s.count);
}

void printResult(const char *key, const Stats &s, const char *unit, double target)
{
    const char *verdict = target < 0 ? "info" : s.median <= target ? "pass" : "miss";
    std::printf("RESULT %s median=%.3f min=%.3f max=%.3f p90=%.3f p99=%.3f n=%d unit=%s target=%s verdict=%s\n", key,
        s.median, s.min, s.max, s.p90, s.p99, s.count, unit, target < 0 ? "-" : qPrintable(QString::number(target)),
        verdict);
    std::fflush(stdout);
}

QString loadAverage()
{
    return readFile(QStringLiteral("/proc/loadavg")).section(QLatin1Char(' '), 0, 2);
}

QString machineDescription()
{
    const QString cpuinfo = readFile(QStringLiteral("/proc/cpuinfo"));
    const QString meminfo = readFile(QStringLiteral("/proc/meminfo"));
    const QString osRelease = readFile(QStringLiteral("/etc/os-release"));
    const double ramGiB
        = fieldOf(meminfo, QStringLiteral("MemTotal"), QLatin1Char(':')).section(QLatin1Char(' '), 0, 0).toDouble()
        / 1024.0 / 1024.0;
    QString os = fieldOf(osRelease, QStringLiteral("PRETTY_NAME"), QLatin1Char('='));
    if (os.isEmpty())
        os = QSysInfo::prettyProductName();
    return QStringLiteral(
        "CPU: %1, %2 cores | RAM: %3 GiB | OS: %4, kernel %5 | Qt %6 | SQLite %7 | build: %8 | load: %9")
        .arg(fieldOf(cpuinfo, QStringLiteral("model name"), QLatin1Char(':')))
        .arg(QThread::idealThreadCount())
        .arg(QString::number(ramGiB, 'f', 1), os, QSysInfo::kernelVersion(), QString::fromLatin1(qVersion()),
            sqliteVersion(), QStringLiteral(HEARTH_BENCH_BUILD_TYPE), loadAverage());
}

void printMachine()
{
    std::printf("MACHINE %s\n", qPrintable(machineDescription()));
    std::fflush(stdout);
}

QString cacheDirectory(const QString &requested)
{
    QString dir = requested;
    if (dir.isEmpty())
        dir = qEnvironmentVariable("HEARTH_BENCH_CACHE");
    if (dir.isEmpty())
        dir = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("cache"));
    QDir().mkpath(dir);
    return QDir(dir).absolutePath();
}

QString ensureStore(const QString &cacheDir, int pantryItems, int transactions, QString *error, double *generatedMs)
{
    if (generatedMs)
        *generatedMs = -1;
    const QString path = QDir(cacheDir).filePath(QStringLiteral("bulk-p%1-t%2-seed%3-schema%4.db")
                                                     .arg(pantryItems)
                                                     .arg(transactions)
                                                     .arg(kSeed)
                                                     .arg(kSchemaVersion));
    // Stores generated for an older schema are never read again.
    const QString stalePattern
        = QStringLiteral("bulk-p%1-t%2-seed%3-schema*.db").arg(pantryItems).arg(transactions).arg(kSeed);
    for (const QFileInfo &stale : QDir(cacheDir).entryInfoList({ stalePattern }, QDir::Files)) {
        if (stale.absoluteFilePath() != QFileInfo(path).absoluteFilePath())
            removeStoreFiles(stale.absoluteFilePath());
    }
    if (QFileInfo::exists(path)) {
        QString ignored;
        std::unique_ptr<Store> store = Store::open(path, &ignored);
        const auto counts = store ? rowCounts(*store) : std::nullopt;
        if (counts && counts->first == pantryItems && counts->second == transactions)
            return path;
        store.reset();
        std::fprintf(stderr, "bench: %s does not hold the expected rows; generating it again\n", qPrintable(path));
        removeStoreFiles(path);
    }

    std::fprintf(stderr, "bench: generating %s (%d pantry items, %d transactions)...\n", qPrintable(path), pantryItems,
        transactions);
    QElapsedTimer timer;
    timer.start();
    const QString partial = path + QStringLiteral(".partial");
    removeStoreFiles(partial);
    {
        std::unique_ptr<Store> store = Store::open(partial, error);
        if (!store)
            return {};
        SystemClock clock;
        {
            StoreTransaction tx(*store);
            LocalHousehold::Options options;
            options.currency = QStringLiteral("EUR");
            options.ownerName = QStringLiteral("Bench");
            const std::unique_ptr<AuthoritativeEngine> engine
                = LocalHousehold::openOrCreate(*store, clock, options, nullptr, error);
            if (!engine || !DemoData::populateBulk(*engine, clock, pantryItems, transactions, kSeed, error)
                || !tx.commit()) {
                if (error && error->isEmpty())
                    *error = QStringLiteral("the bulk data could not be written");
                return {};
            }
        }
        // Fold the write-ahead log into the file so the cached store is one self-contained file.
        QSqlQuery checkpoint(store->database());
        checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    QFile::remove(partial + QStringLiteral("-wal"));
    QFile::remove(partial + QStringLiteral("-shm"));
    if (!QFile::rename(partial, path)) {
        if (error)
            *error = QStringLiteral("could not rename %1 to %2").arg(partial, path);
        return {};
    }
    if (generatedMs)
        *generatedMs = double(timer.nsecsElapsed()) / 1e6;
    std::fprintf(stderr, "bench: generated in %.1f s\n", double(timer.nsecsElapsed()) / 1e9);
    return path;
}

QString copyStore(const QString &path, const QString &directory, QString *error)
{
    const QString target = QDir(directory).filePath(QFileInfo(path).fileName());
    removeStoreFiles(target);
    if (!QFile::copy(path, target)) {
        if (error)
            *error = QStringLiteral("could not copy %1 to %2").arg(path, directory);
        return {};
    }
    QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
    return target;
}

bool evictFromPageCache(const QString &path)
{
    bool ok = true;
    for (const char *suffix : { "", "-wal" }) {
        const QByteArray name = QFile::encodeName(path + QLatin1String(suffix));
        const int fd = ::open(name.constData(), O_RDONLY);
        if (fd < 0)
            continue;
        ::fdatasync(fd);
        ok = ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0 && ok;
        ::close(fd);
    }
    return ok;
}

int positiveInt(const QString &text, int fallback)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value > 0 ? value : fallback;
}

bool waitUntil(const std::function<bool()> &done, qint64 timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    // processEvents(flags, ms) drops WaitForMoreEvents and returns at once when nothing is
    // pending: looping on it spins a core that the process under measure needs. This sleeps until
    // an event, and the tick makes sure one comes to look at `done` and the time again.
    QTimer tick;
    tick.start(50);
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

double processCpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The fields after the command name (which may hold spaces) start after its closing ')'.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    // Fields 14 and 15 of the line (utime, stime) are 11 and 12 after the name.
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

long processStatusKb(qint64 pid, const char *field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix(field);
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

} // namespace hearth::bench
