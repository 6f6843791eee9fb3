#pragma once

#include <QString>

namespace hearth {

class AuthoritativeEngine;
class Clock;

namespace DemoData {

// The sample household's name, as in the README's pictures. A real new household is called
// "My household" (LocalHousehold) until its people rename it.
QString demoHouseholdName();

// Fills a new household with a realistic sample, "The Rivera household": members, a few dozen
// pantry items (some expiring soon), this and last month's transactions, three goals and a
// shopping board (done cards in Done).
// Everything goes through the engine, so it is validated and logged like any edit.
bool populate(AuthoritativeEngine &engine, const Clock &clock, QString *error);

// Bulk rows for benchmarks: `pantryItems` pantry rows and `transactions` transactions spread over
// the last year, deterministic for a given seed.
bool populateBulk(AuthoritativeEngine &engine, const Clock &clock, int pantryItems, int transactions, quint32 seed,
                  QString *error);

} // namespace DemoData
} // namespace hearth
