#pragma once

#include "Schema.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QString>

namespace hearth {

// How one field of a stale update comes out when both the sender and someone else changed it
// since the sender's base_rev (FieldSpec::merge).
struct FieldMerge
{
    QJsonValue result;
    // "mine" (the sender's value won), "theirs" (the stored one stayed) or "merged" (neither alone).
    QString outcome;
};

// `mine` is the sender's value, `theirs` the value as stored now; they differ.
FieldMerge mergeField(const FieldSpec &field, const QJsonValue &mine, const QJsonValue &theirs);

// Whether two values of a field are the same (numbers by value: 2 and 2.0 are one).
bool sameFieldValue(const QJsonValue &a, const QJsonValue &b);

// The fields of `spec` whose values differ between two states of an entity.
QSet<QString> changedFields(const CollectionSpec &spec, const QJsonObject &before, const QJsonObject &after);

// A merged-field entry of MutationResult::merged: {"field","mine","theirs","result","outcome"}.
QJsonObject mergedEntry(const QString &field, const QJsonValue &mine, const QJsonValue &theirs, const FieldMerge &merge);

} // namespace hearth
