#include "HouseholdDirectory.h"

#include "AuthoritativeEngine.h"
#include "Store.h"

#include <QSqlQuery>

namespace hearth {

HouseholdDirectory::HouseholdDirectory(Store &store, const Clock &clock)
    : m_store(store)
    , m_clock(clock)
{
}

HouseholdDirectory::~HouseholdDirectory() = default;

void HouseholdDirectory::adopt(AuthoritativeEngine &engine)
{
    m_engines.insert(engine.householdId(), &engine);
}

AuthoritativeEngine *HouseholdDirectory::engine(const QString &householdId)
{
    if (AuthoritativeEngine *known = m_engines.value(householdId))
        return known;
    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("SELECT 1 FROM households WHERE id = ?"));
    query.addBindValue(householdId);
    if (!query.exec() || !query.next())
        return nullptr;
    auto engine = std::make_shared<AuthoritativeEngine>(m_store, m_clock, householdId, QString());
    m_owned.append(engine);
    m_engines.insert(householdId, engine.get());
    return engine.get();
}

bool HouseholdDirectory::isMember(const QString &householdId, const QString &memberId)
{
    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("SELECT 1 FROM members WHERE id = ? AND household_id = ?"));
    query.addBindValue(memberId);
    query.addBindValue(householdId);
    return query.exec() && query.next();
}

QList<AuthoritativeEngine *> HouseholdDirectory::engines() const
{
    return m_engines.values();
}

} // namespace hearth
