#include "Records.h"

#include "Schema.h"

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

double real(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toDouble();
}

} // namespace

QString textField(const QJsonObject &entity, const char *key)
{
    return entity.value(QLatin1String(key)).toString();
}

qint64 wholeField(const QJsonObject &entity, const char *key, qint64 otherwise)
{
    return entity.value(QLatin1String(key)).toInteger(otherwise);
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

RowReader::RowReader(const QSqlQuery &query, const CollectionSpec &spec)
    : m_query(query)
    , m_spec(spec)
{
}

int RowReader::column(const char *key) const
{
    for (std::size_t i = 0; i < m_knownCount; ++i) {
        if (m_known[i].first == key)
            return m_known[i].second;
    }
    const QLatin1String name(key);
    int found = -1;
    if (name == QLatin1String("id")) {
        found = 0;
    } else if (name == QLatin1String("rev")) {
        found = int(m_spec.fields.size()) + 1;
    } else if (name == QLatin1String("updated_at")) {
        found = int(m_spec.fields.size()) + 2;
    } else {
        for (qsizetype i = 0; i < m_spec.fields.size() && found < 0; ++i) {
            if (m_spec.fields.at(i).key == name)
                found = int(i) + 1;
        }
    }
    Q_ASSERT_X(found >= 0, "RowReader", key);
    if (m_knownCount < m_known.size())
        m_known[m_knownCount++] = {key, found};
    return found;
}

QVariant RowReader::value(const char *key) const
{
    return m_query.value(column(key));
}

QString RowReader::text(const char *key) const
{
    return value(key).toString();
}

double RowReader::real(const char *key) const
{
    return value(key).toDouble();
}

qint64 RowReader::integer(const char *key) const
{
    return value(key).toLongLong();
}

bool RowReader::boolean(const char *key) const
{
    return value(key).toInt() != 0;
}

QDate RowReader::date(const char *key) const
{
    const QVariant v = value(key);
    return v.isNull() ? QDate() : parseIsoDate(v.toString());
}

QJsonArray RowReader::list(const char *key) const
{
    return listFromText(value(key).toString());
}

PantryItem PantryItem::fromRow(const RowReader &r)
{
    return {r.text("id"),       r.text("name"),       r.real("quantity"), r.text("unit"),         r.text("category"),
            r.text("location"), r.date("expires_on"), r.integer("rev"),   r.real("min_quantity")};
}

PantryItem PantryItem::fromJson(const QJsonObject &o)
{
    return {textField(o, "id"),       textField(o, "name"),     real(o, "quantity"), textField(o, "unit"), textField(o, "category"),
            textField(o, "location"), dateOf(o.value(QLatin1String("expires_on"))), wholeField(o, "rev"), real(o, "min_quantity")};
}

QJsonObject PantryItem::toFields() const
{
    return {{QStringLiteral("name"), name},         {QStringLiteral("quantity"), quantity},
            {QStringLiteral("unit"), unit},         {QStringLiteral("category"), category},
            {QStringLiteral("location"), location}, {QStringLiteral("expires_on"), dateJson(expiresOn)},
            {QStringLiteral("min_quantity"), minQuantity}};
}

BudgetTransaction BudgetTransaction::fromRow(const RowReader &r)
{
    return {r.text("id"), r.date("occurred_on"), r.text("description"), r.text("category"),
            r.integer("amount_cents"), r.text("member_id"), r.integer("rev"), r.text("import_key"), r.text("row_key"),
            r.text("hidden_from_member_id"), r.text("event_id")};
}

BudgetTransaction BudgetTransaction::fromJson(const QJsonObject &o)
{
    return {textField(o, "id"), dateOf(o.value(QLatin1String("occurred_on"))), textField(o, "description"), textField(o, "category"),
            wholeField(o, "amount_cents"), textField(o, "member_id"), wholeField(o, "rev"), textField(o, "import_key"), textField(o, "row_key"),
            textField(o, "hidden_from_member_id"), textField(o, "event_id")};
}

QJsonObject BudgetTransaction::toFields() const
{
    return {{QStringLiteral("occurred_on"), dateJson(occurredOn)}, {QStringLiteral("description"), description},
            {QStringLiteral("category"), category},                {QStringLiteral("amount_cents"), amountCents},
            {QStringLiteral("member_id"), refJson(memberId)}};
}

Goal Goal::fromRow(const RowReader &r)
{
    return {r.text("id"), r.text("name"), r.integer("target_cents"), r.integer("saved_cents"),
            r.date("target_date"), r.date("started_on"), r.integer("rev")};
}

Goal Goal::fromJson(const QJsonObject &o)
{
    return {textField(o, "id"), textField(o, "name"), wholeField(o, "target_cents"), wholeField(o, "saved_cents"),
            dateOf(o.value(QLatin1String("target_date"))), dateOf(o.value(QLatin1String("started_on"))), wholeField(o, "rev")};
}

QJsonObject Goal::toFields() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("target_cents"), targetCents},
            {QStringLiteral("saved_cents"), savedCents},
            {QStringLiteral("target_date"), dateJson(targetDate)},
            {QStringLiteral("started_on"), dateJson(startedOn)}};
}

BoardColumn BoardColumn::fromRow(const RowReader &r)
{
    return {r.text("id"), r.text("name"), r.real("position"), r.integer("rev")};
}

BoardColumn BoardColumn::fromJson(const QJsonObject &o)
{
    return {textField(o, "id"), textField(o, "name"), real(o, "position"), wholeField(o, "rev")};
}

QJsonObject BoardColumn::toFields() const
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("position"), position}};
}

BoardCard BoardCard::fromRow(const RowReader &r)
{
    return {r.text("id"),       r.text("column_id"),      r.text("title"),          r.text("quantity"),
            r.text("category"), r.text("note"),           r.text("assignee_id"),    r.boolean("done"),
            r.real("position"), r.integer("rev"),         r.text("pantry_item_id"), r.boolean("to_pantry"),
            r.boolean("added_to_pantry"), r.real("pantry_amount"), r.text("bought_by"), r.text("bought_at"),
            r.text("event_id"), r.text("need_key"), r.real("need_quantity"), r.text("need_unit"), r.real("purchased_quantity"),
            r.integer("bought_rev")};
}

BoardCard BoardCard::fromJson(const QJsonObject &o)
{
    return {textField(o, "id"),   textField(o, "column_id"),   textField(o, "title"),
            textField(o, "quantity"), textField(o, "category"), textField(o, "note"),
            textField(o, "assignee_id"), o.value(QLatin1String("done")).toBool(), real(o, "position"), wholeField(o, "rev"),
            textField(o, "pantry_item_id"), o.value(QLatin1String("to_pantry")).toBool(true),
            o.value(QLatin1String("added_to_pantry")).toBool(), real(o, "pantry_amount"), textField(o, "bought_by"),
            textField(o, "bought_at"), textField(o, "event_id"), textField(o, "need_key"), real(o, "need_quantity"),
            textField(o, "need_unit"), real(o, "purchased_quantity"), wholeField(o, "bought_rev")};
}

QJsonObject BoardCard::toFields() const
{
    return {{QStringLiteral("column_id"), columnId}, {QStringLiteral("title"), title},
            {QStringLiteral("quantity"), quantity},  {QStringLiteral("category"), category},
            {QStringLiteral("note"), note},          {QStringLiteral("assignee_id"), refJson(assigneeId)},
            {QStringLiteral("done"), done},          {QStringLiteral("position"), position},
            {QStringLiteral("pantry_item_id"), refJson(pantryItemId)}, {QStringLiteral("to_pantry"), toPantry},
            // The host's record of the purchase: sent back as it was (the host keeps its own), and
            // here so a notice can tell "put it in the pantry" from any other change.
            {QStringLiteral("added_to_pantry"), addedToPantry}, {QStringLiteral("pantry_amount"), pantryAmount},
            {QStringLiteral("bought_by"), refJson(boughtBy)}, {QStringLiteral("bought_at"), boughtAt},
            // The event's link, kept so a card put back (undo) is the event's again; the host keeps
            // it on every other edit.
            {QStringLiteral("event_id"), refJson(eventId)}, {QStringLiteral("need_key"), needKey},
            {QStringLiteral("need_quantity"), needQuantity}, {QStringLiteral("need_unit"), needUnit},
            {QStringLiteral("purchased_quantity"), purchasedQuantity}};
}

Member Member::fromRow(const RowReader &r)
{
    return {r.text("id"), r.text("name"), r.text("role"), r.text("color"), r.integer("rev")};
}

Member Member::fromJson(const QJsonObject &o)
{
    return {textField(o, "id"), textField(o, "name"), textField(o, "role"), textField(o, "color"), wholeField(o, "rev")};
}

QJsonObject Member::toFields() const
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("role"), role}, {QStringLiteral("color"), color}};
}

Household Household::fromRow(const RowReader &r)
{
    return {r.text("id"), r.text("name"), r.text("currency"), r.integer("budget_limit_cents"), r.integer("rev"),
            r.integer("point_rate_cents"), r.text("bought_to_pantry"), r.boolean("gift_taken_shown"),
            r.boolean("gift_child_lists_open")};
}

Household Household::fromJson(const QJsonObject &o)
{
    return {textField(o, "id"),       textField(o, "name"), textField(o, "currency"), wholeField(o, "budget_limit_cents"), wholeField(o, "rev"),
            o.value(QLatin1String("point_rate_cents")).toInteger(10),
            o.value(QLatin1String("bought_to_pantry")).toString(QStringLiteral("ask")),
            o.value(QLatin1String("gift_taken_shown")).toBool(true),
            o.value(QLatin1String("gift_child_lists_open")).toBool(false)};
}

QJsonObject Household::toFields() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("currency"), currency},
            {QStringLiteral("budget_limit_cents"), budgetLimitCents},
            {QStringLiteral("point_rate_cents"), pointRateCents},
            {QStringLiteral("bought_to_pantry"), boughtToPantry},
            {QStringLiteral("gift_taken_shown"), giftTakenShown},
            {QStringLiteral("gift_child_lists_open"), giftChildListsOpen}};
}

} // namespace hearth
