#pragma once

#include "Mutation.h"

#include <QHash>
#include <QJsonObject>
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

// What a system's own sample (CollectionSpec::fillDemo) is written with: changes made as the demo's
// members, found by name. After the first refusal nothing more is written, ok() is false and
// `error` holds the refusal's message.
class Submitter
{
public:
    Submitter(AuthoritativeEngine &engine, QString *error);

    // The id of the member called `name` ("Alex", "Sam", "Mia"); empty when there is none.
    QString member(const QString &name) const { return m_members.value(name); }
    QString create(Collection collection, QJsonObject fields, const QString &as, const QString &id = {});
    void update(Collection collection, const QString &id, QJsonObject fields, const QString &as);
    bool ok() const { return m_ok; }

private:
    QString submit(const Mutation &mutation, const QString &as);

    AuthoritativeEngine &m_engine;
    QString *m_error;
    bool m_ok = true;
    QHash<QString, QString> m_members; // name -> id
};

} // namespace DemoData
} // namespace hearth
