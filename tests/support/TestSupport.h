#pragma once

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "HouseholdData.h"
#include "Store.h"

#include <QTemporaryDir>

#include <memory>

namespace hearth::test {

// A clock the test sets by hand.
class FakeClock final : public Clock
{
public:
    explicit FakeClock(QDateTime now = QDateTime(QDate(2026, 3, 15), QTime(10, 0)))
        : m_now(std::move(now))
    {
    }
    QDateTime now() const override { return m_now; }
    void setNow(const QDateTime &now) { m_now = now; }
    void setToday(const QDate &date) { m_now = QDateTime(date, QTime(10, 0)); }

private:
    QDateTime m_now;
};

// A real SQLite store in a temporary folder with one fresh household (owner "Alex", the default
// board), optionally filled with the demo data.
class TempHousehold
{
public:
    explicit TempHousehold(bool demo = false, QDate today = QDate(2026, 3, 15));
    ~TempHousehold();

    bool isValid() const { return m_engine != nullptr; }
    QString error() const { return m_error; }
    QString dir() const { return m_dir.path(); }
    QString storePath() const;

    FakeClock clock;
    Store &store() { return *m_store; }
    AuthoritativeEngine &engine() { return *m_engine; }

    // Closes and reopens the store from disk (to prove what was persisted).
    bool reopen();

private:
    QTemporaryDir m_dir;
    QString m_error;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<AuthoritativeEngine> m_engine;
};

// Fails the running test on any warning Qt or Hearth logs while it lives.
class FailOnWarnings
{
public:
    FailOnWarnings();
    ~FailOnWarnings();
};

} // namespace hearth::test
