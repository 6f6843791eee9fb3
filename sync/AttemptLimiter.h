#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <chrono>

namespace hearth {

class Clock;

// Slows down and then stops guessing: failures are counted per key (a source address, a
// household) over a sliding hour. Each failure makes the next attempt with that key wait longer
// (the base delay, doubling, up to the cap); once a key reaches the hourly limit it is refused
// outright until its oldest failure is an hour old. With 31^8 possible invite codes and at most
// 100 guesses an hour, finding a live code takes longer than any code lives.
class AttemptLimiter final
{
public:
    struct Limits
    {
        int failuresPerHour = 100;
        std::chrono::milliseconds baseDelay{250};
        std::chrono::milliseconds maxDelay{std::chrono::seconds(10)};
    };

    AttemptLimiter(const Clock &clock, Limits limits);

    struct Verdict
    {
        bool allowed = true;
        std::chrono::milliseconds delay{0}; // how long to hold the answer to an allowed attempt
    };
    // What to do with an attempt made under all of these keys (the strictest key decides).
    Verdict check(const QStringList &keys);
    void recordFailure(const QStringList &keys);
    int failures(const QString &key);

private:
    QList<qint64> &recent(const QString &key); // failure times (ms since the epoch) within the hour

    const Clock &m_clock;
    Limits m_limits;
    QHash<QString, QList<qint64>> m_failures;
};

} // namespace hearth
