#pragma once

// What the collection definitions under models/collections/ share: the pieces a definition is
// written with. Only those files include it.

#include "HouseholdData.h"
#include "Schema.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace hearth::definition {

// A sentence of a definition (a describer's text), translated in the "Collections" context.
inline QString say(const char *text)
{
    return QCoreApplication::translate("Collections", text);
}

inline QString textOf(const QJsonObject &entity, const char *key)
{
    return entity.value(QLatin1String(key)).toString().trimmed();
}

// Whether an update changed `key` (known only when the entity before it is).
inline bool changed(const QJsonObject &before, const QJsonObject &after, const char *key)
{
    return before.contains(QLatin1String(key)) && before.value(QLatin1String(key)) != after.value(QLatin1String(key));
}

// Who made a change, as the household calls them.
inline QString who(const Change &change, const HouseholdData &data)
{
    const QString name = data.members.nameOf(change.userId);
    return name.isEmpty() ? say("Someone") : name;
}

inline MutationError forbidden(const char *text)
{
    return MutationError{QStringLiteral("forbidden"), QCoreApplication::translate("Permissions", text), {}};
}

inline MutationError invalid(const char *field, const char *text)
{
    return MutationError{QStringLiteral("invalid"), QString::fromUtf8(text), QString::fromLatin1(field)};
}

// True when `fields` names no key outside `allowed`.
inline bool onlyTouches(const QJsonObject &fields, std::initializer_list<const char *> allowed)
{
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        bool ok = false;
        for (const char *key : allowed)
            ok = ok || it.key() == QLatin1String(key);
        if (!ok)
            return false;
    }
    return true;
}

} // namespace hearth::definition
