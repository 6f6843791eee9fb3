#include "ReceiptRecords.h"

#include "Records.h"

namespace hearth {

namespace {

QString textOf(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

} // namespace

PantryAddition PantryAddition::fromJson(const QJsonObject &o)
{
    PantryAddition p;
    p.add = o.value(QLatin1String("add")).toBool();
    p.quantity = o.value(QLatin1String("quantity")).toDouble(1);
    p.unit = textOf(o, "unit");
    p.location = textOf(o, "location");
    p.pantryItemId = textOf(o, "pantry_item_id");
    p.created = o.value(QLatin1String("created")).toBool();
    return p;
}

QJsonObject PantryAddition::toJson() const
{
    QJsonObject o{{QStringLiteral("add"), add},
                  {QStringLiteral("quantity"), quantity},
                  {QStringLiteral("unit"), unit},
                  {QStringLiteral("location"), location}};
    if (!pantryItemId.isEmpty())
        o.insert(QStringLiteral("pantry_item_id"), pantryItemId);
    if (created)
        o.insert(QStringLiteral("created"), true);
    return o;
}

ConfirmedLine ConfirmedLine::fromJson(const QJsonObject &o)
{
    return {textOf(o, "name"), o.value(QLatin1String("quantity")).toDouble(1),
            o.value(QLatin1String("price_cents")).toInteger(), textOf(o, "category"),
            PantryAddition::fromJson(o.value(QLatin1String("pantry")).toObject())};
}

QJsonObject ConfirmedLine::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("quantity"), quantity},
            {QStringLiteral("price_cents"), priceCents},
            {QStringLiteral("category"), category},
            {QStringLiteral("pantry"), pantry.toJson()}};
}

QJsonArray Receipt::linesJson(const QList<ConfirmedLine> &lines)
{
    QJsonArray array;
    for (const ConfirmedLine &line : lines)
        array.append(line.toJson());
    return array;
}

QList<ConfirmedLine> Receipt::linesFrom(const QJsonArray &array)
{
    QList<ConfirmedLine> lines;
    lines.reserve(array.size());
    for (const QJsonValue &v : array)
        lines.append(ConfirmedLine::fromJson(v.toObject()));
    return lines;
}

qint64 Receipt::linesSumCents() const
{
    qint64 sum = 0;
    for (const ConfirmedLine &line : lines)
        sum += line.priceCents;
    return sum;
}

Receipt Receipt::fromRow(const RowReader &r)
{
    Receipt receipt;
    receipt.id = r.text("id");
    receipt.merchant = r.text("merchant");
    receipt.purchasedOn = r.date("purchased_on");
    receipt.totalCents = r.integer("total_cents");
    receipt.currency = r.text("currency");
    receipt.lines = linesFrom(r.list("lines"));
    receipt.hasImage = r.boolean("has_image");
    receipt.itemCount = r.integer("item_count");
    receipt.createdBy = r.text("created_by");
    for (const QJsonValue &v : r.list("transaction_ids"))
        receipt.transactionIds << v.toString();
    receipt.rev = r.integer("rev");
    return receipt;
}

Receipt Receipt::fromJson(const QJsonObject &e)
{
    Receipt receipt;
    receipt.id = textOf(e, "id");
    receipt.merchant = textOf(e, "merchant");
    receipt.purchasedOn = dateOf(e.value(QLatin1String("purchased_on")));
    receipt.totalCents = e.value(QLatin1String("total_cents")).toInteger();
    receipt.currency = textOf(e, "currency");
    receipt.lines = linesFrom(e.value(QLatin1String("lines")).toArray());
    receipt.hasImage = e.value(QLatin1String("has_image")).toBool();
    receipt.itemCount = e.value(QLatin1String("item_count")).toInteger();
    receipt.createdBy = textOf(e, "created_by");
    for (const QJsonValue &v : e.value(QLatin1String("transaction_ids")).toArray())
        receipt.transactionIds << v.toString();
    receipt.rev = e.value(QLatin1String("rev")).toInteger();
    return receipt;
}

QJsonObject Receipt::toFields() const
{
    return {{QStringLiteral("merchant"), merchant},
            {QStringLiteral("purchased_on"), dateJson(purchasedOn)},
            {QStringLiteral("total_cents"), totalCents},
            {QStringLiteral("currency"), currency},
            {QStringLiteral("lines"), linesJson(lines)}};
}

} // namespace hearth
