#pragma once

#include "Mutation.h"

#include <QJsonValue>
#include <QList>
#include <QString>

namespace hearth {

enum class FieldType {
    Text,  // free text, trimmed
    Real,  // finite number (pantry quantities)
    Cents, // integer money
    Date,  // ISO-8601 date or null
    Bool,
    Ref,   // id of another entity or null
};

struct FieldSpec
{
    QString key;          // the wire name, also the SQL column name
    FieldType type = FieldType::Text;
    bool required = false;
    QJsonValue defaultValue; // used on create when the field is missing
};

// Describes one collection's table so the engine can store, read and validate it generically.
struct CollectionSpec
{
    Collection collection;
    QString table;
    QList<FieldSpec> fields;

    const FieldSpec *field(const QString &key) const;
};

const CollectionSpec &collectionSpec(Collection collection);

// The schema version this build writes; stores from a newer build are refused.
inline constexpr int kSchemaVersion = 3;

// 'HRTH': marks a SQLite file as a Hearth store so foreign databases are refused, not altered.
inline constexpr int kApplicationId = 0x48525448;

// Ordered migrations: entry i brings a store from version i to i + 1.
const QList<QStringList> &schemaMigrations();

} // namespace hearth
