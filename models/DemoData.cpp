#include "DemoData.h"

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "Schema.h"
#include "Store.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QUuid>

#include <array>

namespace hearth::DemoData {

namespace {

struct Writer
{
    AuthoritativeEngine &engine;
    QString *error;
    bool ok = true;

    QString create(Collection collection, QJsonObject fields)
    {
        if (!ok)
            return {};
        Mutation m;
        m.collection = collection;
        m.op = MutationOp::Create;
        m.fields = std::move(fields);
        const MutationResult r = engine.submit(m);
        if (!r.ok) {
            ok = false;
            if (error)
                *error = r.error.message;
        }
        return r.entityId;
    }
};

QJsonValue isoDate(const QDate &d)
{
    return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

struct PantrySample
{
    const char *name;
    double quantity;
    const char *unit;
    const char *category;
    const char *location;
    int expiresInDays; // 9999 = does not expire
};

constexpr int kNoExpiry = 9999;

constexpr std::array<PantrySample, 36> kPantry{{
    {"Milk", 2, "l", "Dairy", "Fridge", 2},
    {"Greek yoghurt", 4, "pots", "Dairy", "Fridge", 1},
    {"Cheddar", 400, "g", "Dairy", "Fridge", 18},
    {"Butter", 1, "pack", "Dairy", "Fridge", 25},
    {"Eggs", 10, "pcs", "Dairy", "Fridge", 9},
    {"Chicken thighs", 1, "kg", "Meat & fish", "Fridge", 0},
    {"Salmon fillets", 2, "pcs", "Meat & fish", "Freezer", 60},
    {"Minced beef", 500, "g", "Meat & fish", "Freezer", 45},
    {"Spinach", 1, "bag", "Fruit & veg", "Fridge", -1},
    {"Tomatoes", 6, "pcs", "Fruit & veg", "Counter", 3},
    {"Bananas", 5, "pcs", "Fruit & veg", "Counter", 2},
    {"Apples", 8, "pcs", "Fruit & veg", "Fridge", 14},
    {"Carrots", 1, "kg", "Fruit & veg", "Fridge", 12},
    {"Potatoes", 2.5, "kg", "Fruit & veg", "Cellar", 30},
    {"Onions", 1, "kg", "Fruit & veg", "Cellar", 40},
    {"Garlic", 3, "bulbs", "Fruit & veg", "Counter", 28},
    {"Sourdough loaf", 1, "pcs", "Bakery", "Bread bin", 1},
    {"Tortillas", 8, "pcs", "Bakery", "Cupboard", 11},
    {"Spaghetti", 1.5, "kg", "Dry goods", "Cupboard", 300},
    {"Basmati rice", 2, "kg", "Dry goods", "Cupboard", 420},
    {"Rolled oats", 1, "kg", "Dry goods", "Cupboard", 150},
    {"Red lentils", 500, "g", "Dry goods", "Cupboard", 380},
    {"Flour", 1.5, "kg", "Baking", "Cupboard", 200},
    {"Sugar", 1, "kg", "Baking", "Cupboard", kNoExpiry},
    {"Chopped tomatoes", 4, "tins", "Tins & jars", "Cupboard", 500},
    {"Chickpeas", 3, "tins", "Tins & jars", "Cupboard", 640},
    {"Peanut butter", 1, "jar", "Tins & jars", "Cupboard", 90},
    {"Honey", 1, "jar", "Tins & jars", "Cupboard", kNoExpiry},
    {"Olive oil", 0.75, "l", "Oils & spices", "Cupboard", 240},
    {"Paprika", 1, "jar", "Oils & spices", "Spice rack", 365},
    {"Frozen peas", 900, "g", "Frozen", "Freezer", 180},
    {"Fish fingers", 1, "box", "Frozen", "Freezer", 120},
    {"Vanilla ice cream", 1, "tub", "Frozen", "Freezer", 75},
    {"Orange juice", 1, "l", "Drinks", "Fridge", 5},
    {"Coffee beans", 500, "g", "Drinks", "Cupboard", 120},
    {"Dishwasher tablets", 24, "pcs", "Household", "Under sink", kNoExpiry},
}};

// A month of household spending as it really comes: the weekly shop on Saturdays, bills early in
// the month, the odd treat. Amounts vary a little from week to week.
struct Recurring
{
    const char *description;
    const char *category;
    int minCents;
    int maxCents;
    bool (*due)(const QDate &day);
};

constexpr std::array<Recurring, 14> kSpending{{
    {"Weekly shop", "Groceries", 9800, 13600, [](const QDate &d) { return d.dayOfWeek() == 6; }},
    {"Top-up shop", "Groceries", 1800, 3400, [](const QDate &d) { return d.dayOfWeek() == 3; }},
    {"Bakery", "Groceries", 420, 950, [](const QDate &d) { return d.dayOfWeek() == 2 || d.dayOfWeek() == 5; }},
    {"Electricity", "Utilities", 8450, 8450, [](const QDate &d) { return d.day() == 3; }},
    {"Internet", "Utilities", 3999, 3999, [](const QDate &d) { return d.day() == 5; }},
    {"Water", "Utilities", 3120, 3120, [](const QDate &d) { return d.day() == 15; }},
    {"Bus passes", "Transport", 9600, 9600, [](const QDate &d) { return d.day() == 1; }},
    {"Fuel", "Transport", 5200, 6900, [](const QDate &d) { return d.day() % 10 == 7; }},
    {"Pizza night", "Eating out", 3200, 4400, [](const QDate &d) { return d.dayOfWeek() == 5 && d.weekNumber() % 2 == 0; }},
    {"Cinema", "Fun", 3150, 3150, [](const QDate &d) { return d.day() == 9; }},
    {"Swimming lessons", "Kids", 4500, 4500, [](const QDate &d) { return d.day() == 12; }},
    {"School trip", "Kids", 1500, 1500, [](const QDate &d) { return d.day() == 17; }},
    {"Pharmacy", "Health", 650, 2400, [](const QDate &d) { return d.day() == 18; }},
    {"Hardware store", "Home", 1800, 4200, [](const QDate &d) { return d.day() == 13; }},
}};

} // namespace

QString demoHouseholdName()
{
    return QStringLiteral("The Rivera household");
}

bool populate(AuthoritativeEngine &engine, const Clock &clock, QString *error)
{
    const QDate today = clock.today();
    QRandomGenerator rng(20261121);
    StoreTransaction tx(engine.store());
    Writer w{engine, error};

    const QString owner = engine.actingMemberId();
    engine.submit(Mutation{{}, Collection::Members, MutationOp::Update, owner, -1,
                           {{QStringLiteral("name"), QStringLiteral("Alex")}, {QStringLiteral("color"), QStringLiteral("#2563eb")}}});
    const QString sam = w.create(Collection::Members, {{QStringLiteral("name"), QStringLiteral("Sam")},
                                                       {QStringLiteral("role"), QStringLiteral("adult")},
                                                       {QStringLiteral("color"), QStringLiteral("#db2777")}});
    const QString mia = w.create(Collection::Members, {{QStringLiteral("name"), QStringLiteral("Mia")},
                                                       {QStringLiteral("role"), QStringLiteral("child")},
                                                       {QStringLiteral("color"), QStringLiteral("#16a34a")}});
    const std::array<QString, 2> adults{owner, sam};

    for (const PantrySample &p : kPantry) {
        w.create(Collection::Pantry,
                 {{QStringLiteral("name"), QString::fromUtf8(p.name)},
                  {QStringLiteral("quantity"), p.quantity},
                  {QStringLiteral("unit"), QString::fromUtf8(p.unit)},
                  {QStringLiteral("category"), QString::fromUtf8(p.category)},
                  {QStringLiteral("location"), QString::fromUtf8(p.location)},
                  {QStringLiteral("expires_on"), isoDate(p.expiresInDays == kNoExpiry ? QDate() : today.addDays(p.expiresInDays))}});
    }

    // The family of the README's pictures; last month in full and this month up to today, on a
    // limit they can just about keep to.
    engine.submit(Mutation{{}, Collection::Household, MutationOp::Update, engine.householdId(), -1,
                           {{QStringLiteral("name"), demoHouseholdName()},
                            {QStringLiteral("budget_limit_cents"), qint64(125000)}}});
    const QDate thisMonth(today.year(), today.month(), 1);
    for (QDate day = thisMonth.addMonths(-1); day <= today && w.ok; day = day.addDays(1)) {
        for (const Recurring &r : kSpending) {
            if (!r.due(day))
                continue;
            const int cents = r.minCents == r.maxCents ? r.minCents : int(rng.bounded(r.minCents, r.maxCents));
            w.create(Collection::Transactions, {{QStringLiteral("occurred_on"), isoDate(day)},
                                                {QStringLiteral("description"), QString::fromUtf8(r.description)},
                                                {QStringLiteral("category"), QString::fromUtf8(r.category)},
                                                {QStringLiteral("amount_cents"), qint64(cents)},
                                                {QStringLiteral("member_id"), adults.at(rng.bounded(2))}});
        }
    }

    const auto goal = [&](const char *name, qint64 target, qint64 saved, int monthsAgo, int monthsAhead) {
        w.create(Collection::Goals, {{QStringLiteral("name"), QString::fromUtf8(name)},
                                     {QStringLiteral("target_cents"), target},
                                     {QStringLiteral("saved_cents"), saved},
                                     {QStringLiteral("started_on"), isoDate(today.addMonths(-monthsAgo))},
                                     {QStringLiteral("target_date"), isoDate(today.addMonths(monthsAhead))}});
    };
    goal("Summer holiday in Portugal", 240000, 165000, 8, 4);
    goal("New family bike", 90000, 21000, 5, 3);
    goal("Emergency fund", 500000, 310000, 14, 10);

    // The shopping board: columns were made with the household.
    QSqlQuery columns(engine.store().database());
    columns.prepare(QStringLiteral("SELECT id FROM board_columns WHERE household_id = ? ORDER BY position"));
    columns.addBindValue(engine.householdId());
    QStringList columnIds;
    if (columns.exec())
        while (columns.next())
            columnIds << columns.value(0).toString();
    if (columnIds.size() >= 3) {
        struct CardSample { const char *title; const char *quantity; const char *category; int column; bool done; int who; };
        const std::array<CardSample, 11> cards{{
            {"Milk", "2 l", "Dairy", 0, false, 0},
            {"Spinach", "1 bag", "Fruit & veg", 0, false, 1},
            {"Birthday candles", "", "Party", 0, false, 1},
            {"Coffee filters", "1 pack", "Household", 0, false, -1},
            {"Strawberries", "500 g", "Fruit & veg", 0, false, 2},
            {"Bread", "1 loaf", "Bakery", 1, false, 0},
            {"Kitchen roll", "4 rolls", "Household", 1, false, 1},
            {"Pasta", "2 packs", "Dry goods", 1, false, 0},
            {"Apples", "1 kg", "Fruit & veg", 2, true, 0}, // Done: the last column
            {"Tea", "80 bags", "Drinks", 2, true, 1},
            {"Batteries AA", "8", "Household", 2, true, -1},
        }};
        const std::array<QString, 3> who{owner, sam, mia};
        int position = 0;
        for (const CardSample &c : cards) {
            w.create(Collection::BoardCards, {{QStringLiteral("column_id"), columnIds.at(c.column)},
                                              {QStringLiteral("title"), QString::fromUtf8(c.title)},
                                              {QStringLiteral("quantity"), QString::fromUtf8(c.quantity)},
                                              {QStringLiteral("category"), QString::fromUtf8(c.category)},
                                              {QStringLiteral("assignee_id"), c.who < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(who.at(c.who))},
                                              {QStringLiteral("done"), c.done},
                                              {QStringLiteral("position"), double(++position)}});
        }
    }
    // The systems that bring their own sample (CollectionSpec::fillDemo), with the members above.
    for (const Collection collection : allCollections()) {
        const CollectionSpec &spec = collectionSpec(collection);
        if (w.ok && spec.fillDemo)
            w.ok = spec.fillDemo(engine, clock, error);
    }
    return w.ok && tx.commit();
}

Submitter::Submitter(AuthoritativeEngine &engine, QString *error)
    : m_engine(engine)
    , m_error(error)
{
    for (const QJsonValue &row : engine.snapshot(Collection::Members)) {
        const QJsonObject member = row.toObject();
        m_members.insert(member.value(QLatin1String("name")).toString(), member.value(QLatin1String("id")).toString());
    }
}

QString Submitter::create(Collection collection, QJsonObject fields, const QString &as, const QString &id)
{
    return submit(Mutation{{}, collection, MutationOp::Create, id, -1, std::move(fields)}, as);
}

void Submitter::update(Collection collection, const QString &id, QJsonObject fields, const QString &as)
{
    submit(Mutation{{}, collection, MutationOp::Update, id, -1, std::move(fields)}, as);
}

QString Submitter::submit(const Mutation &mutation, const QString &as)
{
    if (!m_ok)
        return {};
    const MutationResult r = m_engine.submitAs(mutation, as);
    m_ok = r.ok;
    if (!m_ok && m_error)
        *m_error = r.error.message;
    return r.entityId;
}

bool populateBulk(AuthoritativeEngine &engine, const Clock &clock, int pantryItems, int transactions, quint32 seed,
                  QString *error)
{
    const QDate today = clock.today();
    QRandomGenerator rng(seed);
    StoreTransaction tx(engine.store());
    Writer w{engine, error};
    for (int i = 0; i < pantryItems && w.ok; ++i) {
        const PantrySample &p = kPantry.at(i % kPantry.size());
        w.create(Collection::Pantry,
                 {{QStringLiteral("name"), QStringLiteral("%1 #%2").arg(QString::fromUtf8(p.name)).arg(i)},
                  {QStringLiteral("quantity"), p.quantity},
                  {QStringLiteral("unit"), QString::fromUtf8(p.unit)},
                  {QStringLiteral("category"), QString::fromUtf8(p.category)},
                  {QStringLiteral("location"), QString::fromUtf8(p.location)},
                  {QStringLiteral("expires_on"), isoDate(today.addDays(int(rng.bounded(-10, 400))))}});
    }
    for (int i = 0; i < transactions && w.ok; ++i) {
        const Recurring &t = kSpending.at(i % kSpending.size());
        w.create(Collection::Transactions, {{QStringLiteral("occurred_on"), isoDate(today.addDays(-int(rng.bounded(365))))},
                                            {QStringLiteral("description"), QString::fromUtf8(t.description)},
                                            {QStringLiteral("category"), QString::fromUtf8(t.category)},
                                            {QStringLiteral("amount_cents"), qint64(rng.bounded(t.minCents, t.maxCents + 1))}});
    }
    return w.ok && tx.commit();
}

} // namespace hearth::DemoData
