#include "GiftRecords.h"

#include "Records.h"

#include <QStringList>

namespace hearth {

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

qint64 whole(const QJsonObject &o, const char *key, qint64 otherwise = 0)
{
    return o.value(QLatin1String(key)).toInteger(otherwise);
}

} // namespace

const QStringList &gifts::statuses()
{
    static const QStringList all{kIdea, kClaimed, kBought, kWrapped, kGiven};
    return all;
}

GiftPerson GiftPerson::fromRow(const RowReader &r)
{
    return {r.text("id"), r.text("name"), r.text("member_id"), r.text("sizes"), r.text("notes"), r.integer("rev")};
}

GiftPerson GiftPerson::fromJson(const QJsonObject &o)
{
    return {str(o, "id"), str(o, "name"), str(o, "member_id"), str(o, "sizes"), str(o, "notes"), whole(o, "rev")};
}

QJsonObject GiftPerson::toFields() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("member_id"), refJson(memberId)},
            {QStringLiteral("sizes"), sizes},
            {QStringLiteral("notes"), notes}};
}

Occasion Occasion::fromRow(const RowReader &r)
{
    return {r.text("id"), r.text("name"), r.text("kind"), r.date("date"), r.text("repeats"), r.integer("budget_cents"),
            r.text("for_member_id"), r.text("for_person_id"), r.integer("rev")};
}

Occasion Occasion::fromJson(const QJsonObject &o)
{
    return {str(o, "id"), str(o, "name"), o.value(QLatin1String("kind")).toString(QStringLiteral("custom")),
            dateOf(o.value(QLatin1String("date"))), o.value(QLatin1String("repeats")).toString(QStringLiteral("yearly")),
            whole(o, "budget_cents"), str(o, "for_member_id"), str(o, "for_person_id"), whole(o, "rev")};
}

QJsonObject Occasion::toFields() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("date"), dateJson(date)},
            {QStringLiteral("repeats"), repeats},
            {QStringLiteral("budget_cents"), budgetCents},
            {QStringLiteral("for_member_id"), refJson(forMemberId)},
            {QStringLiteral("for_person_id"), refJson(forPersonId)}};
}

QDate Occasion::nextDate(const QDate &today) const
{
    if (!yearly() || !date.isValid() || !today.isValid() || date >= today)
        return date;
    const auto inYear = [this](int year) {
        const QDate day(year, date.month(), date.day());
        return day.isValid() ? day : QDate(year, date.month(), date.day() - 1); // 29 February
    };
    const QDate thisYear = inYear(today.year());
    return thisYear >= today ? thisYear : inYear(today.year() + 1);
}

GiftItem GiftItem::fromRow(const RowReader &r)
{
    GiftItem g;
    g.id = r.text("id");
    g.title = r.text("title");
    g.kind = r.text("kind");
    g.forMemberId = r.text("for_member_id");
    g.forPersonId = r.text("for_person_id");
    g.occasionId = r.text("occasion_id");
    g.link = r.text("link");
    g.price = r.integer("price");
    g.priority = r.integer("priority");
    g.note = r.text("note");
    g.surprise = r.boolean("surprise");
    g.addedBy = r.text("added_by");
    g.claimedBy = r.text("claimed_by");
    g.status = r.text("status");
    g.pricePaid = r.integer("price_paid");
    g.position = r.real("position");
    g.taken = r.boolean("taken");
    g.paidTransactionId = r.text("paid_transaction_id");
    g.rev = r.integer("rev");
    return g;
}

GiftItem GiftItem::fromJson(const QJsonObject &o)
{
    GiftItem g;
    g.id = str(o, "id");
    g.title = str(o, "title");
    g.kind = o.value(QLatin1String("kind")).toString(gifts::kIdea);
    g.forMemberId = str(o, "for_member_id");
    g.forPersonId = str(o, "for_person_id");
    g.occasionId = str(o, "occasion_id");
    g.link = str(o, "link");
    g.price = whole(o, "price");
    g.priority = whole(o, "priority", 2);
    g.note = str(o, "note");
    g.surprise = o.value(QLatin1String("surprise")).toBool();
    g.addedBy = str(o, "added_by");
    g.claimedBy = str(o, "claimed_by");
    g.status = o.value(QLatin1String("status")).toString(gifts::kIdea);
    g.pricePaid = whole(o, "price_paid");
    g.position = o.value(QLatin1String("position")).toDouble();
    g.taken = o.value(QLatin1String("taken")).toBool();
    g.paidTransactionId = str(o, "paid_transaction_id");
    g.rev = whole(o, "rev");
    return g;
}

QJsonObject GiftItem::toFields() const
{
    return {{QStringLiteral("title"), title},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("for_member_id"), refJson(forMemberId)},
            {QStringLiteral("for_person_id"), refJson(forPersonId)},
            {QStringLiteral("occasion_id"), refJson(occasionId)},
            {QStringLiteral("link"), link},
            {QStringLiteral("price"), price},
            {QStringLiteral("priority"), priority},
            {QStringLiteral("note"), note},
            {QStringLiteral("surprise"), surprise},
            {QStringLiteral("added_by"), addedBy},
            {QStringLiteral("claimed_by"), refJson(claimedBy)},
            {QStringLiteral("status"), status},
            {QStringLiteral("price_paid"), pricePaid},
            {QStringLiteral("position"), position},
            {QStringLiteral("taken"), taken},
            {QStringLiteral("paid_transaction_id"), refJson(paidTransactionId)}};
}

QJsonObject GiftItem::toEntity() const
{
    QJsonObject entity = toFields();
    entity.insert(QStringLiteral("id"), id);
    entity.insert(QStringLiteral("rev"), rev);
    return entity;
}

bool GiftItem::bought() const
{
    return status == gifts::kBought || status == gifts::kWrapped || status == gifts::kGiven;
}

} // namespace hearth
