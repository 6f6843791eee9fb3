#pragma once

#include "HouseholdSession.h"

#include <chrono>

namespace hearth::test {

// The options a test's copy of the app runs its household session with: data in `dataDir`, the
// owner `owner` on a first start, no system hooks, the sign-in in a private file in the test folder
// (never the developer's keyring), and a quick, fixed reconnect backoff.
inline HouseholdSession::Options sessionOptions(const QString &dataDir, const QString &owner)
{
    using namespace std::chrono_literals;
    HouseholdSession::Options options;
    options.dataDir = dataDir;
    options.household.ownerName = owner;
    options.household.currency = QStringLiteral("EUR");
    options.followSystem = false;
    options.useKeychain = false;
    options.sync.backoff = {20ms, 50ms, 100ms};
    options.sync.random = [] { return 1.0; };
    return options;
}

} // namespace hearth::test
