#include "TestSupport.h"

#include "LocalHousehold.h"

#include <QDir>
#include <QTest>

namespace hearth::test {

TempHousehold::TempHousehold(bool demo, QDate today)
    : clock(QDateTime(today, QTime(10, 0)))
{
    m_store = Store::open(storePath(), &m_error);
    if (!m_store)
        return;
    LocalHousehold::Options options;
    options.currency = QStringLiteral("EUR");
    options.ownerName = QStringLiteral("Alex");
    options.fillDemo = demo;
    m_engine = LocalHousehold::openOrCreate(*m_store, clock, options, nullptr, &m_error);
}

TempHousehold::~TempHousehold()
{
    m_engine.reset();
    m_store.reset();
}

QString TempHousehold::storePath() const
{
    return QDir(m_dir.path()).filePath(QStringLiteral("hearth.db"));
}

bool TempHousehold::reopen()
{
    m_engine.reset();
    m_store.reset();
    m_store = Store::open(storePath(), &m_error);
    if (!m_store)
        return false;
    m_engine = LocalHousehold::openOrCreate(*m_store, clock, {}, nullptr, &m_error);
    return m_engine != nullptr;
}

FailOnWarnings::FailOnWarnings()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
}

FailOnWarnings::~FailOnWarnings() = default;

} // namespace hearth::test
