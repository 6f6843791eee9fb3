#pragma once

// Shared pieces of the Hearth benchmarks: a process-independent clock, statistics, a description
// of the machine, and the cached bulk stores every benchmark reads from.

#include <QList>
#include <QString>

#include <cstdio>
#include <functional>

namespace hearth::bench {

// CLOCK_MONOTONIC in nanoseconds: one time base for every process on the machine, so a parent
// can stamp the moment it starts a child and the child can measure from it.
qint64 monotonicNs();

// Milliseconds since this process was created, from /proc/self/stat starttime (10 ms ticks)
// against CLOCK_BOOTTIME; -1 when unavailable. Coarse, but needs no parent.
double msSinceProcessStart();

struct Stats {
    int count = 0;
    double min = 0;
    double max = 0;
    double mean = 0;
    double median = 0;
    double p90 = 0;
    double p99 = 0;
};

// Nearest-rank percentiles over a copy of the samples.
Stats computeStats(QList<double> samples);

// "median 12.3 ms (min 11.0, max 14.2, n 10)"; with percentiles when `percentiles` is set.
QString describe(const Stats &stats, const char *unit, bool percentiles = false);

// One machine-readable line per figure, collected by bench/run.sh:
// RESULT <key> median=... min=... max=... p90=... p99=... n=... unit=... target=... verdict=pass|miss|info
void printResult(const char *key, const Stats &stats, const char *unit, double target = -1);

// CPU model, cores, RAM, OS, kernel, Qt and SQLite versions, build type, load average.
QString machineDescription();
void printMachine();
QString loadAverage();

// Where the generated stores are kept: --cache, else $HEARTH_BENCH_CACHE, else <bench dir>/cache.
QString cacheDirectory(const QString &requested);

// A store holding one household with `pantryItems` pantry rows and `transactions` transactions,
// generated once through the engine (DemoData::populateBulk inside one StoreTransaction) and
// reused while its row counts still match. Returns the file path, or empty and a sentence in
// *error. *generatedMs is the generation time (-1 when the cached file was reused).
QString ensureStore(
    const QString &cacheDir, int pantryItems, int transactions, QString *error, double *generatedMs = nullptr);

// Copies a store (for benchmarks that write) into `directory`; returns the new path.
QString copyStore(const QString &path, const QString &directory, QString *error);

// Asks the kernel to drop the file's pages from the page cache (posix_fadvise DONTNEED), so the
// next open reads from disk. Works without privileges on clean pages; returns false on error.
bool evictFromPageCache(const QString &path);

// Parses a positive integer option value, falling back to `fallback`.
int positiveInt(const QString &text, int fallback);

// Runs the event loop until `done` returns true or `timeoutMs` passes; false on the timeout.
bool waitUntil(const std::function<bool()> &done, qint64 timeoutMs);

// Another process's utime + stime in seconds (/proc/<pid>/stat), and a VmRSS:/VmHWM: line of its
// /proc/<pid>/status in KiB; -1 when unreadable.
double processCpuSeconds(qint64 pid);
long processStatusKb(qint64 pid, const char *field);

} // namespace hearth::bench
