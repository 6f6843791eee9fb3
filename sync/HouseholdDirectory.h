#pragma once

#include "DeviceRegistry.h"

#include <QHash>
#include <QString>

#include <memory>

namespace hearth {

class AuthoritativeEngine;
class Clock;
class Store;

// The households a host serves, all in one store: their engines (made on first use and kept), who
// belongs to them, and the devices paired with them. The desktop app adopts the engine its own window uses, so local edits and
// remote members' edits share one engine and one sequence.
class HouseholdDirectory final
{
public:
    HouseholdDirectory(Store &store, const Clock &clock);
    ~HouseholdDirectory();
    Q_DISABLE_COPY_MOVE(HouseholdDirectory)

    Store &store() const { return m_store; }
    const Clock &clock() const { return m_clock; }
    DeviceRegistry &devices() { return m_devices; }

    void adopt(AuthoritativeEngine &engine);
    // The engine of a household stored here, or nullptr when there is no such household.
    AuthoritativeEngine *engine(const QString &householdId);
    bool isMember(const QString &householdId, const QString &memberId);
    QList<AuthoritativeEngine *> engines() const;

private:
    Store &m_store;
    const Clock &m_clock;
    DeviceRegistry m_devices{*this};
    QHash<QString, AuthoritativeEngine *> m_engines;
    QList<std::shared_ptr<AuthoritativeEngine>> m_owned;
};

} // namespace hearth
