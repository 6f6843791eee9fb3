#pragma once

#include <QString>

#include <memory>

namespace hearth {

class AuthoritativeEngine;
class Clock;
class Store;

// The household this device works on. The first start creates "My household" with a 600.00
// monthly limit in the locale's currency and remembers it in the store.
namespace LocalHousehold {

struct Options
{
    QString currency;      // ISO code; the locale's when empty
    QString ownerName;     // the first member; "Me" when empty
    bool fillDemo = false; // fill a new household with the sample data
};

std::unique_ptr<AuthoritativeEngine> openOrCreate(Store &store, const Clock &clock, const Options &options,
                                                  bool *created, QString *error);

// The household and member this device opened last (empty on the first start), and making another
// one the local household (after joining a household hosted elsewhere).
QString householdId(const Store &store);
bool remember(Store &store, const QString &householdId, const QString &memberId);

// The locale's currency code, or EUR when the locale has none (the C locale).
QString defaultCurrency();

} // namespace LocalHousehold
} // namespace hearth
