#include "Merge.h"

namespace hearth {

bool sameFieldValue(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    return a == b;
}

FieldMerge mergeField(const FieldSpec &field, const QJsonValue &mine, const QJsonValue &theirs)
{
    QJsonValue result = theirs;
    switch (field.merge) {
    case MergeRule::ServerWins:
        break;
    case MergeRule::Higher:
        if (mine.toDouble() > theirs.toDouble())
            result = mine;
        break;
    case MergeRule::Precedence: {
        // A value the order does not name is the weakest; between two such the stored one stays.
        const auto rank = [&field](const QJsonValue &value) {
            const qsizetype at = field.mergeOrder.indexOf(value.toString());
            return at < 0 ? field.mergeOrder.size() : at;
        };
        if (rank(mine) < rank(theirs))
            result = mine;
        break;
    }
    case MergeRule::Either:
        result = mine.toBool() || theirs.toBool();
        break;
    }
    const QString outcome = sameFieldValue(result, theirs) ? QStringLiteral("theirs")
        : sameFieldValue(result, mine)                     ? QStringLiteral("mine")
                                                           : QStringLiteral("merged");
    return {result, outcome};
}

QSet<QString> changedFields(const CollectionSpec &spec, const QJsonObject &before, const QJsonObject &after)
{
    QSet<QString> changed;
    for (const FieldSpec &f : spec.fields) {
        if (!sameFieldValue(before.value(f.key), after.value(f.key)))
            changed.insert(f.key);
    }
    return changed;
}

QJsonObject mergedEntry(const QString &field, const QJsonValue &mine, const QJsonValue &theirs, const FieldMerge &merge)
{
    return {{QStringLiteral("field"), field},
            {QStringLiteral("mine"), mine},
            {QStringLiteral("theirs"), theirs},
            {QStringLiteral("result"), merge.result},
            {QStringLiteral("outcome"), merge.outcome}};
}

} // namespace hearth
