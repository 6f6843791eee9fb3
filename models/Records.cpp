#include "Records.h"

#include <QSqlQuery>
#include <QVariant>

namespace hearth {

namespace {

// Stored dates are "YYYY-MM-DD"; reading those directly is several times cheaper than
// QDate::fromString, which matters when a model loads tens of thousands of rows. Anything else
// takes the general path, so the result is the same as QDate::fromString(text, Qt::ISODate).
QDate parseIsoDate(const QString &text)
{
    if (text.size() == 10 && text.at(4) == QLatin1Char('-') && text.at(7) == QLatin1Char('-')) {
        const auto digits = [&text](int from, int count) {
            int value = 0;
            for (int i = from; i < from + count; ++i) {
                const char16_t c = text.at(i).unicode();
                if (c < u'0' || c > u'9')
                    return -1;
                value = value * 10 + (c - u'0');
            }
            return value;
        };
        const int year = digits(0, 4);
        const int month = digits(5, 2);
        const int day = digits(8, 2);
        if (year > 0 && month >= 0 && day >= 0)
            return QDate(year, month, day); // invalid for out-of-range months or days, as fromString
    }
    return QDate::fromString(text, Qt::ISODate);
}

QDate dateOf(const QVariant &v)
{
    return v.isNull() ? QDate() : parseIsoDate(v.toString());
}

QDate dateOf(const QJsonValue &v)
{
    return v.isString() ? parseIsoDate(v.toString()) : QDate();
}

QJsonValue dateJson(const QDate &d)
{
    return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonValue refJson(const QString &id)
{
    return id.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(id);
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

qint64 integer(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInteger();
}

double real(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toDouble();
}

} // namespace

PantryItem PantryItem::fromRow(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toDouble(), q.value(3).toString(),
            q.value(4).toString(), q.value(5).toString(), dateOf(q.value(6)),    q.value(7).toLongLong()};
}

PantryItem PantryItem::fromJson(const QJsonObject &o)
{
    return {str(o, "id"),       str(o, "name"),     real(o, "quantity"), str(o, "unit"), str(o, "category"),
            str(o, "location"), dateOf(o.value(QLatin1String("expires_on"))), integer(o, "rev")};
}

QJsonObject PantryItem::toFields() const
{
    return {{QStringLiteral("name"), name},         {QStringLiteral("quantity"), quantity},
            {QStringLiteral("unit"), unit},         {QStringLiteral("category"), category},
            {QStringLiteral("location"), location}, {QStringLiteral("expires_on"), dateJson(expiresOn)}};
}

BudgetTransaction BudgetTransaction::fromRow(const QSqlQuery &q)
{
    return {q.value(0).toString(), dateOf(q.value(1)),        q.value(2).toString(), q.value(3).toString(),
            q.value(4).toLongLong(), q.value(5).toString(),  q.value(6).toLongLong()};
}

BudgetTransaction BudgetTransaction::fromJson(const QJsonObject &o)
{
    return {str(o, "id"), dateOf(o.value(QLatin1String("occurred_on"))), str(o, "description"), str(o, "category"),
            integer(o, "amount_cents"), str(o, "member_id"), integer(o, "rev")};
}

QJsonObject BudgetTransaction::toFields() const
{
    return {{QStringLiteral("occurred_on"), dateJson(occurredOn)}, {QStringLiteral("description"), description},
            {QStringLiteral("category"), category},                {QStringLiteral("amount_cents"), amountCents},
            {QStringLiteral("member_id"), refJson(memberId)}};
}

Goal Goal::fromRow(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toLongLong(),
            dateOf(q.value(4)),    dateOf(q.value(5)),    q.value(6).toLongLong()};
}

Goal Goal::fromJson(const QJsonObject &o)
{
    return {str(o, "id"), str(o, "name"), integer(o, "target_cents"), integer(o, "saved_cents"),
            dateOf(o.value(QLatin1String("target_date"))), dateOf(o.value(QLatin1String("started_on"))), integer(o, "rev")};
}

QJsonObject Goal::toFields() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("target_cents"), targetCents},
            {QStringLiteral("saved_cents"), savedCents},
            {QStringLiteral("target_date"), dateJson(targetDate)},
            {QStringLiteral("started_on"), dateJson(startedOn)}};
}

BoardColumn BoardColumn::fromRow(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toDouble(), q.value(3).toLongLong()};
}

BoardColumn BoardColumn::fromJson(const QJsonObject &o)
{
    return {str(o, "id"), str(o, "name"), real(o, "position"), integer(o, "rev")};
}

QJsonObject BoardColumn::toFields() const
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("position"), position}};
}

BoardCard BoardCard::fromRow(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString(), q.value(5).toString(), q.value(6).toString(), q.value(7).toInt() != 0,
            q.value(8).toDouble(), q.value(9).toLongLong()};
}

BoardCard BoardCard::fromJson(const QJsonObject &o)
{
    return {str(o, "id"),   str(o, "column_id"),   str(o, "title"),
            str(o, "quantity"), str(o, "category"), str(o, "note"),
            str(o, "assignee_id"), o.value(QLatin1String("done")).toBool(), real(o, "position"), integer(o, "rev")};
}

QJsonObject BoardCard::toFields() const
{
    return {{QStringLiteral("column_id"), columnId}, {QStringLiteral("title"), title},
            {QStringLiteral("quantity"), quantity},  {QStringLiteral("category"), category},
            {QStringLiteral("note"), note},          {QStringLiteral("assignee_id"), refJson(assigneeId)},
            {QStringLiteral("done"), done},          {QStringLiteral("position"), position}};
}

Member Member::fromRow(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toLongLong()};
}

Member Member::fromJson(const QJsonObject &o)
{
    return {str(o, "id"), str(o, "name"), str(o, "role"), str(o, "color"), integer(o, "rev")};
}

QJsonObject Member::toFields() const
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("role"), role}, {QStringLiteral("color"), color}};
}

Household Household::fromRow(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong(),
            q.value(4).toLongLong()};
}

Household Household::fromJson(const QJsonObject &o)
{
    return {str(o, "id"), str(o, "name"), str(o, "currency"), integer(o, "budget_limit_cents"), integer(o, "rev")};
}

QJsonObject Household::toFields() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("currency"), currency},
            {QStringLiteral("budget_limit_cents"), budgetLimitCents}};
}

} // namespace hearth
