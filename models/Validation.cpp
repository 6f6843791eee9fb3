#include "Validation.h"

#include <QDate>
#include <QJsonValue>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace hearth {

namespace {

constexpr qsizetype kMaxTextLength = 500;
constexpr double kMaxQuantity = 1e9;
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

std::optional<MutationError> normalizeValue(const FieldSpec &spec, const QJsonValue &value, QJsonValue *out)
{
    const QString label = humanName(spec.key);
    switch (spec.type) {
    case FieldType::Text:
        if (value.isNull() || value.isUndefined()) {
            *out = QString();
            return std::nullopt;
        }
        if (!value.isString())
            return invalid(spec.key, QStringLiteral("%1 must be text.").arg(label));
        if (value.toString().size() > kMaxTextLength)
            return invalid(spec.key, QStringLiteral("%1 is too long (at most %2 characters).").arg(label).arg(kMaxTextLength));
        *out = value.toString().trimmed();
        return std::nullopt;
    case FieldType::Real: {
        if (!value.isDouble() || !std::isfinite(value.toDouble()))
            return invalid(spec.key, QStringLiteral("%1 must be a number.").arg(label));
        *out = value.toDouble();
        return std::nullopt;
    }
    case FieldType::Cents: {
        const double d = value.toDouble(std::nan(""));
        if (!value.isDouble() || !std::isfinite(d) || std::trunc(d) != d)
            return invalid(spec.key, QStringLiteral("%1 must be a whole number of cents.").arg(label));
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

bool isBlank(const QJsonObject &entity, const char *key)
{
    return entity.value(QLatin1String(key)).toString().trimmed().isEmpty();
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
            return invalid(it.key(), QStringLiteral("Unknown field \"%1\".").arg(it.key()));
        QJsonValue normalized;
        if (auto error = normalizeValue(*field, it.value(), &normalized))
            return error;
        out->insert(it.key(), normalized);
    }
    return std::nullopt;
}

std::optional<MutationError> validateEntity(Collection collection, const QJsonObject &entity, const ExistsLookup &exists)
{
    const auto requireText = [&](const char *key, const QString &message) -> std::optional<MutationError> {
        if (isBlank(entity, key))
            return invalid(QString::fromLatin1(key), message);
        return std::nullopt;
    };
    const auto requireMember = [&](const char *key) -> std::optional<MutationError> {
        const QString id = entity.value(QLatin1String(key)).toString();
        if (!id.isEmpty() && !exists(Collection::Members, id))
            return invalid(QString::fromLatin1(key), QStringLiteral("That person is not a member of this household."));
        return std::nullopt;
    };

    switch (collection) {
    case Collection::Household: {
        if (auto e = requireText("name", QStringLiteral("Give the household a name.")))
            return e;
        const QString currency = entity.value(QLatin1String("currency")).toString();
        const auto isCodeLetter = [](QChar c) { return c >= QLatin1Char('A') && c <= QLatin1Char('Z'); };
        if (currency.size() != 3 || !std::all_of(currency.cbegin(), currency.cend(), isCodeLetter))
            return invalid(QStringLiteral("currency"), QStringLiteral("Currency must be a three-letter code such as EUR."));
        if (entity.value(QLatin1String("budget_limit_cents")).toInteger() < 0)
            return invalid(QStringLiteral("budget_limit_cents"), QStringLiteral("The monthly limit cannot be negative."));
        return std::nullopt;
    }
    case Collection::Members: {
        if (auto e = requireText("name", QStringLiteral("Give the member a name.")))
            return e;
        const QString role = entity.value(QLatin1String("role")).toString();
        if (role != QLatin1String("adult") && role != QLatin1String("child"))
            return invalid(QStringLiteral("role"), QStringLiteral("Role must be adult or child."));
        return std::nullopt;
    }
    case Collection::Pantry: {
        if (auto e = requireText("name", QStringLiteral("Give the item a name.")))
            return e;
        const double quantity = entity.value(QLatin1String("quantity")).toDouble();
        if (quantity < 0)
            return invalid(QStringLiteral("quantity"), QStringLiteral("Quantity cannot be negative."));
        if (quantity > kMaxQuantity)
            return invalid(QStringLiteral("quantity"), QStringLiteral("Quantity is too large."));
        return std::nullopt;
    }
    case Collection::Transactions: {
        if (auto e = requireText("description", QStringLiteral("Describe what the money was for.")))
            return e;
        if (entity.value(QLatin1String("occurred_on")).isNull())
            return invalid(QStringLiteral("occurred_on"), QStringLiteral("Give the date of the transaction."));
        if (entity.value(QLatin1String("amount_cents")).toInteger() == 0)
            return invalid(QStringLiteral("amount_cents"), QStringLiteral("Enter an amount other than zero."));
        return requireMember("member_id");
    }
    case Collection::Goals: {
        if (auto e = requireText("name", QStringLiteral("Give the goal a name.")))
            return e;
        if (entity.value(QLatin1String("target_cents")).toInteger() <= 0)
            return invalid(QStringLiteral("target_cents"), QStringLiteral("The target must be more than zero."));
        if (entity.value(QLatin1String("saved_cents")).toInteger() < 0)
            return invalid(QStringLiteral("saved_cents"), QStringLiteral("The saved amount cannot be negative."));
        if (entity.value(QLatin1String("target_date")).isNull())
            return invalid(QStringLiteral("target_date"), QStringLiteral("Give the date you want to reach the goal by."));
        return std::nullopt;
    }
    case Collection::BoardColumns:
        return requireText("name", QStringLiteral("Give the column a name."));
    case Collection::BoardCards: {
        if (auto e = requireText("title", QStringLiteral("Give the card a title.")))
            return e;
        const QString column = entity.value(QLatin1String("column_id")).toString();
        if (column.isEmpty() || !exists(Collection::BoardColumns, column))
            return invalid(QStringLiteral("column_id"), QStringLiteral("That column does not exist any more."));
        return requireMember("assignee_id");
    }
    }
    return std::nullopt;
}

} // namespace hearth
