#include "AttemptLimiter.h"

#include "Clock.h"

#include <algorithm>

namespace hearth {

namespace {
constexpr qint64 kHourMs = 3600 * 1000;
}

AttemptLimiter::AttemptLimiter(const Clock &clock, Limits limits)
    : m_clock(clock)
    , m_limits(limits)
{
}

QList<qint64> &AttemptLimiter::recent(const QString &key)
{
    QList<qint64> &times = m_failures[key];
    const qint64 cutoff = m_clock.now().toMSecsSinceEpoch() - kHourMs;
    times.erase(times.begin(), std::find_if(times.begin(), times.end(), [cutoff](qint64 t) { return t > cutoff; }));
    return times;
}

int AttemptLimiter::failures(const QString &key)
{
    const int count = int(recent(key).size());
    if (count == 0)
        m_failures.remove(key); // forgotten keys take no memory
    return count;
}

AttemptLimiter::Verdict AttemptLimiter::check(const QStringList &keys)
{
    Verdict verdict;
    for (const QString &key : keys) {
        const int count = failures(key);
        if (count >= m_limits.failuresPerHour) {
            verdict.allowed = false;
            return verdict;
        }
        if (count > 0) {
            // base * 2^(count-1), capped; the shift is bounded so it cannot overflow.
            const qint64 delay = std::min<qint64>(m_limits.maxDelay.count(),
                                                  m_limits.baseDelay.count() << std::min(count - 1, 20));
            verdict.delay = std::max(verdict.delay, std::chrono::milliseconds(delay));
        }
    }
    return verdict;
}

void AttemptLimiter::recordFailure(const QStringList &keys)
{
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    for (const QString &key : keys)
        recent(key).append(now);
}

} // namespace hearth
