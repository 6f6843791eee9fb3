#include "Validation.h"

#include "JsonWriter.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonValue>
#include <QSet>

#include <cmath>

namespace hearth {

namespace {

constexpr qsizetype kMaxTextLength = 500;
constexpr qint64 kMaxCents = 1'000'000'000'000LL; // ten billion in whole units

QString humanName(const QString &key)
{
    QString name = key;
    name.replace(QLatin1String("_cents"), QString());
    name.replace(QLatin1String("_id"), QString());
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

MutationError invalid(const QString &field, const QString &message)
{
    return MutationError{QStringLiteral("invalid"), message, field};
}

// A list's size as it travels and is stored: its compact JSON in UTF-8 bytes, which is what the
// room's message limit counts (a payee in Cyrillic is two bytes a letter, not one).
qsizetype listBytes(const QJsonArray &list)
{
    QByteArray out;
    json::writeValue(out, list);
    return out.size();
}

// The longest a Text (in characters) or a List (its compact JSON) may be, and why not longer.
MutationError tooLong(const FieldSpec &spec, const QString &label, qsizetype most)
{
    return invalid(spec.key, spec.tooLong ? QString::fromUtf8(spec.tooLong)
                                          : QStringLiteral("%1 is too long (at most %2 characters).").arg(label).arg(most));
}

std::optional<MutationError> normalizeValue(const FieldSpec &spec, const QJsonValue &value, QJsonValue *out)
{
    const QString label = humanName(spec.key);
    const qsizetype longest = spec.maxLength.value_or(kMaxTextLength);
    switch (spec.type) {
    case FieldType::Text:
        if (value.isNull() || value.isUndefined()) {
            *out = QString();
            return std::nullopt;
        }
        if (!value.isString())
            return invalid(spec.key, QStringLiteral("%1 must be text.").arg(label));
        if (value.toString().size() > longest)
            return tooLong(spec, label, longest);
        *out = value.toString().trimmed();
        return std::nullopt;
    case FieldType::List:
        if (value.isNull() || value.isUndefined()) {
            *out = QJsonArray();
            return std::nullopt;
        }
        if (!value.isArray())
            return invalid(spec.key, QStringLiteral("%1 must be a list.").arg(label));
        // Measured as stored; the collection's rules check what the elements hold.
        if (listBytes(value.toArray()) > longest)
            return tooLong(spec, label, longest);
        *out = value;
        return std::nullopt;
    case FieldType::Real: {
        if (!value.isDouble() || !std::isfinite(value.toDouble()))
            return invalid(spec.key, QStringLiteral("%1 must be a number.").arg(label));
        *out = value.toDouble();
        return std::nullopt;
    }
    case FieldType::Cents:
    case FieldType::Int: {
        const double d = value.toDouble(std::nan(""));
        if (!value.isDouble() || !std::isfinite(d) || std::trunc(d) != d)
            return invalid(spec.key, spec.type == FieldType::Cents ? QStringLiteral("%1 must be a whole number of cents.").arg(label)
                                                                   : QStringLiteral("%1 must be a whole number.").arg(label));
        if (std::abs(d) > double(kMaxCents))
            return invalid(spec.key, QStringLiteral("%1 is too large.").arg(label));
        *out = qint64(d);
        return std::nullopt;
    }
    case FieldType::Date: {
        if (value.isNull() || value.isUndefined() || (value.isString() && value.toString().trimmed().isEmpty())) {
            *out = QJsonValue(QJsonValue::Null);
            return std::nullopt;
        }
        const QString text = value.toString().trimmed();
        const QDate date = QDate::fromString(text, Qt::ISODate);
        // Qt's ISO parser also takes "2026/03/15" and "2026-03-15xyz"; only the exact form is a date.
        if (!value.isString() || !date.isValid() || date.year() < 1900 || date.year() > 9999
            || date.toString(Qt::ISODate) != text)
            return invalid(spec.key, QStringLiteral("%1 is not a real date (expected YYYY-MM-DD, for example 2026-03-31).")
                                         .arg(label));
        *out = date.toString(Qt::ISODate);
        return std::nullopt;
    }
    case FieldType::Bool:
        if (!value.isBool())
            return invalid(spec.key, QStringLiteral("%1 must be true or false.").arg(label));
        *out = value;
        return std::nullopt;
    case FieldType::Ref:
        if (value.isNull() || value.isUndefined() || (value.isString() && value.toString().isEmpty())) {
            *out = QJsonValue(QJsonValue::Null);
            return std::nullopt;
        }
        if (!value.isString() || value.toString().size() > 64)
            return invalid(spec.key, QStringLiteral("%1 must be an id.").arg(label));
        *out = value;
        return std::nullopt;
    }
    return invalid(spec.key, QStringLiteral("%1 has an unknown type.").arg(label));
}

} // namespace

std::optional<MutationError> normalizeFields(const CollectionSpec &spec, const QJsonObject &fields, QJsonObject *out)
{
    static const QSet<QString> readOnly = {QStringLiteral("id"), QStringLiteral("household_id"), QStringLiteral("rev"),
                                           QStringLiteral("updated_at")};
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (readOnly.contains(it.key()))
            continue;
        const FieldSpec *field = spec.field(it.key());
        if (!field)
            field = spec.counterStepped(it.key()); // a step: a number of the counter's type
        if (!field)
            field = spec.input(it.key()); // read by the host's guard and effects, never stored
        if (!field)
            return invalid(it.key(), QStringLiteral("Unknown field \"%1\".").arg(it.key()));
        QJsonValue normalized;
        const bool step = field->key != it.key();
        if (step && it.value().isNull())
            return invalid(it.key(), QStringLiteral("A step must be a number."));
        if (auto error = normalizeValue(*field, it.value(), &normalized)) {
            if (step)
                error->field = it.key();
            return error;
        }
        out->insert(it.key(), normalized);
    }
    return std::nullopt;
}

std::optional<MutationError> validateEntity(Collection collection, const QJsonObject &entity, const ExistsLookup &exists)
{
    const CollectionSpec &spec = collectionSpec(collection);
    const auto sentence = [](const char *text) { return QString::fromUtf8(text); };
    // Required fields first, then limits, then the collection's own rules, then what the
    // references name: the order a person fixes a form in.
    for (const FieldSpec &f : spec.fields) {
        if (!f.required || f.ref)
            continue;
        const QJsonValue value = entity.value(f.key);
        const bool blank = value.isNull() || value.isUndefined() || (value.isString() && value.toString().trimmed().isEmpty());
        if (blank)
            return invalid(f.key, sentence(f.missing));
    }
    for (const FieldSpec &f : spec.fields) {
        if (!f.minimum && !f.maximum)
            continue;
        const double value = entity.value(f.key).toDouble();
        if (f.minimum && value < *f.minimum)
            return invalid(f.key, sentence(f.tooSmall));
        if (f.maximum && value > *f.maximum)
            return invalid(f.key, sentence(f.tooLarge));
    }
    if (spec.rules) {
        if (auto error = spec.rules(entity))
            return error;
    }
    for (const FieldSpec &f : spec.fields) {
        if (!f.ref)
            continue;
        const QString id = entity.value(f.key).toString();
        if ((id.isEmpty() && f.required) || (!id.isEmpty() && !exists(f.ref->target, id)))
            return invalid(f.key, sentence(f.ref->missing));
    }
    return std::nullopt;
}

} // namespace hearth
