// libFuzzer target: the mutation validator (models/Validation.h) and the role check
// (models/Permissions.h), fed any JSON object as the "fields" of a mutation.
//
// For each collection the object goes through what AuthoritativeEngine::submitAs does before it
// touches the store: normalizeFields, Permissions::check, then validateEntity on the entity a
// create and an update would produce. No database: references are answered by a fixed rule.
// Besides crashes, leaks and UB it checks that
// - a refusal is an "invalid" error naming a field of the input, with a sentence;
// - normalising is idempotent (the replica normalises entities the host already normalised)
//   and keeps only the collection's own fields and inputs (a receipt's image, an import's rows),
//   the inputs then taken out as the engine does, so they never reach the entity;
// - adults are never refused by Permissions.

#include "FuzzSupport.h"
#include "Permissions.h"
#include "Schema.h"
#include "Validation.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cstddef>
#include <cstdint>

using namespace hearth;

namespace {

// Ids of even length exist; the rest do not (both branches of every reference rule are reached).
bool exists(Collection, const QString &id)
{
    return id.size() % 2 == 0;
}

// A complete entity per collection, made from its definition: what an update is merged into.
// Required fields get a value, numbers the smallest their limits allow (or 1), references an id
// that exists; a collection's own rules may still refuse it, which the checks below allow.
QJsonObject existingEntity(Collection collection)
{
    QJsonObject entity{{QStringLiteral("id"), QStringLiteral("e1")}, {QStringLiteral("rev"), 3},
                       {QStringLiteral("updated_at"), QStringLiteral("2026-03-15T09:12:03.114Z")}};
    for (const FieldSpec &f : collectionSpec(collection).fields) {
        QJsonValue value = f.defaultValue;
        switch (f.type) {
        case FieldType::Text:
            if (f.required)
                value = QStringLiteral("Milk");
            break;
        case FieldType::Date:
            if (f.required)
                value = QStringLiteral("2026-03-14");
            break;
        case FieldType::Ref:
            if (f.required)
                value = QStringLiteral("c1");
            break;
        case FieldType::Cents:
        case FieldType::Int:
        case FieldType::Real:
            if (f.minimum && value.toDouble() < *f.minimum)
                value = *f.minimum;
            if (value.toDouble() == 0 && !f.minimum)
                value = 1;
            break;
        case FieldType::Bool:
        case FieldType::List:
            break;
        }
        entity.insert(f.key, value);
    }
    return entity;
}

void checkError(const std::optional<MutationError> &error)
{
    if (error)
        FUZZ_CHECK(error->code == QLatin1String("invalid") && !error->message.isEmpty());
}

void validate(Collection collection, const QJsonObject &input)
{
    const CollectionSpec &spec = collectionSpec(collection);
    FUZZ_CHECK(spec.collection == collection);
    for (const MutationOp op : {MutationOp::Create, MutationOp::Update, MutationOp::Delete}) {
        const Mutation mutation{QStringLiteral("m1"), collection, op, QStringLiteral("e1"), -1, input};

        QJsonObject fields;
        const std::optional<MutationError> refused = normalizeFields(spec, mutation.fields, &fields);
        if (refused) {
            checkError(refused);
            FUZZ_CHECK(mutation.fields.contains(refused->field)); // the input's own key, even ""
            return; // the same for every op
        }
        for (auto it = fields.begin(); it != fields.end(); ++it)
            FUZZ_CHECK(spec.field(it.key()) != nullptr || spec.input(it.key()) != nullptr);
        QJsonObject again;
        FUZZ_CHECK(!normalizeFields(spec, fields, &again));
        FUZZ_CHECK(again == fields);
        for (const FieldSpec &input : spec.inputs)
            fields.remove(input.key);

        FUZZ_CHECK(!Permissions::check(Permissions::kAdult, collection, op, fields));
        if (const auto denied = Permissions::check(Permissions::kChild, collection, op, fields))
            FUZZ_CHECK(denied->code == QLatin1String("forbidden") && !denied->message.isEmpty());

        QJsonObject next;
        if (op == MutationOp::Create) {
            next.insert(QStringLiteral("id"), mutation.entityId);
            for (const FieldSpec &f : spec.fields)
                next.insert(f.key, fields.contains(f.key) ? fields.value(f.key) : f.defaultValue);
            next.insert(QStringLiteral("rev"), 1);
        } else if (op == MutationOp::Update) {
            next = existingEntity(collection);
            for (auto it = fields.begin(); it != fields.end(); ++it)
                next.insert(it.key(), it.value());
        } else {
            continue; // a delete is not validated
        }
        const std::optional<MutationError> invalid = validateEntity(collection, next, exists);
        checkError(invalid);
        if (invalid)
            FUZZ_CHECK(spec.field(invalid->field) != nullptr); // a rule names one of the collection's fields
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    QJsonParseError parseError;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(reinterpret_cast<const char *>(bytes), qsizetype(size)), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return 0;
    const QJsonObject input = doc.object();
    for (const Collection collection : allCollections()) {
        validate(collection, input);
        // The object as a stored entity, as validateEntity sees it after merging.
        checkError(validateEntity(collection, input, exists));
    }
    // The existing entities themselves are valid (else the update checks above prove nothing).
    // A list's elements have a shape of the collection's own (a receipt's lines), which the field
    // list does not describe: an entity made with an empty list may be refused, for that field only.
    static const bool baseValid = [] {
        for (const Collection collection : allCollections()) {
            const std::optional<MutationError> refused = validateEntity(collection, existingEntity(collection), exists);
            const FieldSpec *field = refused ? collectionSpec(collection).field(refused->field) : nullptr;
            FUZZ_CHECK(!refused || (field && field->type == FieldType::List));
        }
        return true;
    }();
    (void)baseValid;
    return 0;
}
