#pragma once

#include <QDate>
#include <QDateTime>

namespace hearth {

// Time source passed to whatever needs "today" (expiry, budgets, goals), so tests can pin it.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
    QDate today() const { return now().toLocalTime().date(); }
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTime(); }
};

} // namespace hearth
