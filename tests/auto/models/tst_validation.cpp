// Validation: every rule of every collection, through the engine's one mutation path. A refused
// mutation gives code "invalid", names the offending field, says why in a sentence, and writes
// nothing (no row, no event, no changed() signal).

#include "ModelTestHelpers.h"
#include "TestSupport.h"
#include "Validation.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

Q_DECLARE_METATYPE(hearth::Collection)
Q_DECLARE_METATYPE(hearth::MutationOp)

namespace {

const QStringList kTables = {QStringLiteral("households"),   QStringLiteral("members"),
                             QStringLiteral("pantry_items"), QStringLiteral("transactions"),
                             QStringLiteral("goals"),        QStringLiteral("board_columns"),
                             QStringLiteral("board_cards"),  QStringLiteral("events")};

QJsonObject obj(std::initializer_list<QPair<QString, QJsonValue>> pairs)
{
    QJsonObject o;
    for (const auto &p : pairs)
        o.insert(p.first, p.second);
    return o;
}

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class tst_Validation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void refused_data();
    void refused();
    void accepted_data();
    void accepted();

    void textIsTrimmedAndDatesCanonical();
    void readOnlyKeysAreIgnored();
    void normalizeFieldsDirectly();
    void listsAndLongest();

private:
    void addRows();
    // Replaces "$column", "$owner", "$item" placeholders in string values.
    QJsonObject resolve(const QJsonObject &fields) const;
    QString resolveTarget(const QString &target) const;
    QList<qint64> counts();

    std::unique_ptr<TempHousehold> m_home;
    QString m_itemId;
    QString m_columnId;
};

void tst_Validation::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    m_home = std::make_unique<TempHousehold>();
    QVERIFY2(m_home->isValid(), qPrintable(m_home->error()));
    const MutationResult item = m_home->engine().submit(
        Mutation{{}, Collection::Pantry, MutationOp::Create, {}, -1,
                 {{QStringLiteral("name"), QStringLiteral("Milk")}, {QStringLiteral("quantity"), 2}}});
    QVERIFY(item.ok);
    m_itemId = item.entityId;
    m_columnId = queryValue(m_home->store(), QStringLiteral("SELECT id FROM board_columns ORDER BY position LIMIT 1"))
                     .toString();
    QVERIFY(!m_columnId.isEmpty());
}

void tst_Validation::cleanup()
{
    m_home.reset();
}

QString tst_Validation::resolveTarget(const QString &target) const
{
    if (target == QLatin1String("$item"))
        return m_itemId;
    if (target == QLatin1String("$household"))
        return m_home->engine().householdId();
    if (target == QLatin1String("$owner"))
        return m_home->engine().actingMemberId();
    if (target == QLatin1String("$column"))
        return m_columnId;
    return target;
}

QJsonObject tst_Validation::resolve(const QJsonObject &fields) const
{
    QJsonObject out;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (it.value().isString() && it.value().toString().startsWith(QLatin1Char('$')))
            out.insert(it.key(), resolveTarget(it.value().toString()));
        else
            out.insert(it.key(), it.value());
    }
    return out;
}

QList<qint64> tst_Validation::counts()
{
    QList<qint64> result;
    for (const QString &table : kTables)
        result << countRows(m_home->store(), table);
    return result;
}

void tst_Validation::refused_data()
{
    QTest::addColumn<Collection>("collection");
    QTest::addColumn<MutationOp>("op");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QJsonObject>("fields");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    const auto pantry = [](const char *tag, QJsonObject fields, const char *field, const char *message) {
        QTest::newRow(tag) << Collection::Pantry << MutationOp::Create << QString() << fields << s(field) << s(message);
    };
    const QJsonValue null(QJsonValue::Null);

    // Names
    pantry("pantry: empty name", obj({{s("name"), s("")}}), "name", "Give the item a name.");
    pantry("pantry: blank name", obj({{s("name"), s("  \t ")}}), "name", "Give the item a name.");
    pantry("pantry: null name", obj({{s("name"), null}}), "name", "Give the item a name.");
    pantry("pantry: missing name", obj({{s("quantity"), 1}}), "name", "Give the item a name.");
    pantry("pantry: name not text", obj({{s("name"), 12}}), "name", "Name must be text.");
    pantry("pantry: name too long", obj({{s("name"), QString(501, QLatin1Char('x'))}}), "name", "Name is too long (at most 500 characters).");
    pantry("pantry: location too long", obj({{s("name"), s("Rice")}, {s("location"), QString(600, QLatin1Char('y'))}}), "location",
           "Location is too long");
    // Quantities
    pantry("pantry: negative quantity", obj({{s("name"), s("Rice")}, {s("quantity"), -1}}), "quantity", "Quantity cannot be negative.");
    pantry("pantry: tiny negative quantity", obj({{s("name"), s("Rice")}, {s("quantity"), -0.001}}), "quantity", "cannot be negative");
    pantry("pantry: quantity as text", obj({{s("name"), s("Rice")}, {s("quantity"), s("two")}}), "quantity", "Quantity must be a number.");
    pantry("pantry: quantity numeric text", obj({{s("name"), s("Rice")}, {s("quantity"), s("2")}}), "quantity", "Quantity must be a number.");
    pantry("pantry: quantity null", obj({{s("name"), s("Rice")}, {s("quantity"), null}}), "quantity", "Quantity must be a number.");
    pantry("pantry: quantity bool", obj({{s("name"), s("Rice")}, {s("quantity"), true}}), "quantity", "Quantity must be a number.");
    pantry("pantry: quantity too large", obj({{s("name"), s("Rice")}, {s("quantity"), 1e12}}), "quantity", "Quantity is too large.");
    // Dates
    pantry("pantry: 30 February", obj({{s("name"), s("Rice")}, {s("expires_on"), s("2026-02-30")}}), "expires_on",
           "Expires on is not a real date (expected YYYY-MM-DD");
    pantry("pantry: 29 February in a common year", obj({{s("name"), s("Rice")}, {s("expires_on"), s("2027-02-29")}}),
           "expires_on", "not a real date");
    pantry("pantry: month 13", obj({{s("name"), s("Rice")}, {s("expires_on"), s("2026-13-01")}}), "expires_on", "not a real date");
    pantry("pantry: yesterday", obj({{s("name"), s("Rice")}, {s("expires_on"), s("yesterday")}}), "expires_on", "not a real date");
    pantry("pantry: German date", obj({{s("name"), s("Rice")}, {s("expires_on"), s("31.12.2026")}}), "expires_on", "not a real date");
    pantry("pantry: date with trailing text", obj({{s("name"), s("Rice")}, {s("expires_on"), s("2026-03-15xyz")}}), "expires_on",
           "not a real date");
    pantry("pantry: slashes", obj({{s("name"), s("Rice")}, {s("expires_on"), s("2026/03/15")}}), "expires_on", "not a real date");
    pantry("pantry: date and time", obj({{s("name"), s("Rice")}, {s("expires_on"), s("2026-03-15T10:00:00")}}), "expires_on",
           "not a real date");
    pantry("pantry: date as number", obj({{s("name"), s("Rice")}, {s("expires_on"), 20260315}}), "expires_on", "not a real date");
    pantry("pantry: year 1066", obj({{s("name"), s("Rice")}, {s("expires_on"), s("1066-10-14")}}), "expires_on", "not a real date");
    // Unknown fields
    pantry("pantry: unknown field", obj({{s("name"), s("Rice")}, {s("colour"), s("white")}}), "colour", "Unknown field \"colour\".");
    pantry("pantry: field of another collection", obj({{s("name"), s("Rice")}, {s("amount_cents"), 100}}), "amount_cents",
           "Unknown field");

    QTest::newRow("pantry update: blank name") << Collection::Pantry << MutationOp::Update << s("$item")
                                               << obj({{s("name"), s(" ")}}) << s("name") << s("Give the item a name.");
    QTest::newRow("pantry update: negative quantity") << Collection::Pantry << MutationOp::Update << s("$item")
                                                      << obj({{s("quantity"), -2}}) << s("quantity") << s("cannot be negative");
    QTest::newRow("pantry: entity id too long") << Collection::Pantry << MutationOp::Create << QString(65, QLatin1Char('a'))
                                                << obj({{s("name"), s("Rice")}}) << s("entity_id") << s("which item");

    // Money
    const auto money = [](const char *tag, QJsonObject fields, const char *field, const char *message) {
        fields.insert(s("description"), fields.value(s("description")).isUndefined() ? QJsonValue(s("Shop")) : fields.value(s("description")));
        if (!fields.contains(s("occurred_on")))
            fields.insert(s("occurred_on"), s("2026-03-01"));
        QTest::newRow(tag) << Collection::Transactions << MutationOp::Create << QString() << fields << s(field) << s(message);
    };
    money("money: fractional cents", obj({{s("amount_cents"), 1250.5}}), "amount_cents", "Amount must be a whole number of cents.");
    money("money: amount as text", obj({{s("amount_cents"), s("12.50")}}), "amount_cents", "whole number of cents");
    money("money: amount null", obj({{s("amount_cents"), null}}), "amount_cents", "whole number of cents");
    money("money: amount zero", obj({{s("amount_cents"), 0}}), "amount_cents", "Enter an amount other than zero.");
    money("money: amount missing", obj({}), "amount_cents", "Enter an amount other than zero.");
    money("money: amount too large", obj({{s("amount_cents"), 1e15}}), "amount_cents", "Amount is too large.");
    money("money: blank description", obj({{s("amount_cents"), 100}, {s("description"), s("   ")}}), "description",
          "Describe what the money was for.");
    money("money: impossible date", obj({{s("amount_cents"), 100}, {s("occurred_on"), s("2026-02-30")}}), "occurred_on",
          "Occurred on is not a real date");
    money("money: no date", obj({{s("amount_cents"), 100}, {s("occurred_on"), null}}), "occurred_on", "Give the date of the transaction.");
    QTest::newRow("money: date missing") << Collection::Transactions << MutationOp::Create << QString()
                                         << obj({{s("amount_cents"), 100}, {s("description"), s("Shop")}}) << s("occurred_on")
                                         << s("Give the date of the transaction.");
    money("money: unknown member", obj({{s("amount_cents"), 100}, {s("member_id"), s("nobody")}}), "member_id",
          "That person is not a member of this household.");
    money("money: member id not text", obj({{s("amount_cents"), 100}, {s("member_id"), 42}}), "member_id", "Member must be an id.");
    money("money: member id of a pantry item", obj({{s("amount_cents"), 100}, {s("member_id"), s("$item")}}), "member_id",
          "not a member");

    // Goals
    const auto goal = [](const char *tag, QJsonObject fields, const char *field, const char *message) {
        if (!fields.contains(s("name")))
            fields.insert(s("name"), s("Bike"));
        QTest::newRow(tag) << Collection::Goals << MutationOp::Create << QString() << fields << s(field) << s(message);
    };
    goal("goal: zero target", obj({{s("target_cents"), 0}, {s("target_date"), s("2026-12-01")}}), "target_cents",
         "The target must be more than zero.");
    goal("goal: negative saved", obj({{s("target_cents"), 100}, {s("saved_cents"), -1}, {s("target_date"), s("2026-12-01")}}),
         "saved_cents", "The saved amount cannot be negative.");
    goal("goal: fractional target", obj({{s("target_cents"), 99.9}, {s("target_date"), s("2026-12-01")}}), "target_cents",
         "Target must be a whole number of cents.");
    goal("goal: no target date", obj({{s("target_cents"), 100}, {s("target_date"), null}}), "target_date",
         "Give the date you want to reach the goal by.");
    goal("goal: target date missing", obj({{s("target_cents"), 100}}), "target_date", "Give the date you want to reach the goal by.");
    goal("goal: blank name", obj({{s("name"), s("")}, {s("target_cents"), 100}, {s("target_date"), s("2026-12-01")}}), "name",
         "Give the goal a name.");

    // Household
    const auto household = [](const char *tag, QJsonObject fields, const char *field, const char *message) {
        QTest::newRow(tag) << Collection::Household << MutationOp::Update << s("$household") << fields << s(field) << s(message);
    };
    household("household: lower-case currency", obj({{s("currency"), s("eur")}}), "currency",
              "Currency must be a three-letter code such as EUR.");
    household("household: long currency", obj({{s("currency"), s("EURO")}}), "currency", "three-letter code");
    household("household: empty currency", obj({{s("currency"), s("")}}), "currency", "three-letter code");
    household("household: digit in currency", obj({{s("currency"), s("E1R")}}), "currency", "three-letter code");
    household("household: symbol currency", obj({{s("currency"), s("€")}}), "currency", "three-letter code");
    household("household: currency not text", obj({{s("currency"), 978}}), "currency", "Currency must be text.");
    household("household: blank name", obj({{s("name"), s(" ")}}), "name", "Give the household a name.");
    household("household: negative limit", obj({{s("budget_limit_cents"), -100}}), "budget_limit_cents",
              "The monthly limit cannot be negative.");
    household("household: fractional limit", obj({{s("budget_limit_cents"), 0.5}}), "budget_limit_cents", "whole number of cents");

    // Members
    const auto member = [](const char *tag, MutationOp op, QJsonObject fields, const char *field, const char *message) {
        QTest::newRow(tag) << Collection::Members << op << (op == MutationOp::Create ? QString() : s("$owner")) << fields
                           << s(field) << s(message);
    };
    member("member: role teen", MutationOp::Create, obj({{s("name"), s("Kim")}, {s("role"), s("teen")}}), "role",
           "Role must be adult or child.");
    member("member: role Child (case)", MutationOp::Create, obj({{s("name"), s("Kim")}, {s("role"), s("Child")}}), "role",
           "Role must be adult or child.");
    member("member: role empty", MutationOp::Create, obj({{s("name"), s("Kim")}, {s("role"), s("")}}), "role",
           "Role must be adult or child.");
    member("member: role owner", MutationOp::Update, obj({{s("role"), s("owner")}}), "role", "Role must be adult or child.");
    member("member: no name", MutationOp::Create, obj({{s("role"), s("child")}}), "name", "Give the member a name.");

    // Board
    const auto card = [](const char *tag, QJsonObject fields, const char *field, const char *message) {
        QTest::newRow(tag) << Collection::BoardCards << MutationOp::Create << QString() << fields << s(field) << s(message);
    };
    card("card: unknown column", obj({{s("title"), s("Milk")}, {s("column_id"), s("no-such-column")}}), "column_id",
         "That column does not exist any more.");
    card("card: no column", obj({{s("title"), s("Milk")}}), "column_id", "That column does not exist any more.");
    card("card: a pantry item as column", obj({{s("title"), s("Milk")}, {s("column_id"), s("$item")}}), "column_id",
         "does not exist");
    card("card: unknown assignee", obj({{s("title"), s("Milk")}, {s("column_id"), s("$column")}, {s("assignee_id"), s("ghost")}}),
         "assignee_id", "That person is not a member of this household.");
    card("card: blank title", obj({{s("title"), s(" ")}, {s("column_id"), s("$column")}}), "title", "Give the card a title.");
    card("card: done not bool", obj({{s("title"), s("Milk")}, {s("column_id"), s("$column")}, {s("done"), s("yes")}}), "done",
         "Done must be true or false.");
    QTest::newRow("column: blank name") << Collection::BoardColumns << MutationOp::Create << QString()
                                        << obj({{s("name"), s("")}}) << s("name") << s("Give the column a name.");
}

void tst_Validation::refused()
{
    QFETCH(Collection, collection);
    QFETCH(MutationOp, op);
    QFETCH(QString, target);
    QFETCH(QJsonObject, fields);
    QFETCH(QString, field);
    QFETCH(QString, message);

    AuthoritativeEngine &engine = m_home->engine();
    const QString entityId = resolveTarget(target);
    const auto before = entityId.isEmpty() ? std::nullopt : engine.entity(collection, entityId);
    const QList<qint64> countsBefore = counts();
    const qint64 head = engine.headSeq();
    QSignalSpy changed(&engine, &HouseholdEngine::changed);

    const MutationResult r = engine.submit(Mutation{{}, collection, op, entityId, -1, resolve(fields)});
    QVERIFY(!r.ok);
    QCOMPARE(r.error.code, QStringLiteral("invalid"));
    QCOMPARE(r.error.field, field);
    QVERIFY2(r.error.message.contains(message), qPrintable(r.error.message));
    // A sentence a person can read: capitalised, ends with a full stop, no SQL in it.
    QVERIFY2(r.error.message.at(0).isUpper(), qPrintable(r.error.message));
    QVERIFY2(r.error.message.endsWith(QLatin1Char('.')), qPrintable(r.error.message));
    QVERIFY2(!r.error.message.contains(QLatin1String("constraint"), Qt::CaseInsensitive), qPrintable(r.error.message));
    QVERIFY(r.error.message.size() < 200);

    // Nothing was written.
    QCOMPARE(counts(), countsBefore);
    QCOMPARE(engine.headSeq(), head);
    QCOMPARE(changed.count(), 0);
    if (before)
        QCOMPARE(engine.entity(collection, entityId), before);
}

void tst_Validation::accepted_data()
{
    QTest::addColumn<Collection>("collection");
    QTest::addColumn<MutationOp>("op");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QJsonObject>("fields");

    // The near neighbours of the refused rows, so the rules are not simply refusing everything.
    QTest::newRow("pantry: zero quantity") << Collection::Pantry << MutationOp::Create << QString()
                                           << obj({{s("name"), s("Salt")}, {s("quantity"), 0}});
    QTest::newRow("pantry: 29 February in a leap year") << Collection::Pantry << MutationOp::Create << QString()
                                                         << obj({{s("name"), s("Salt")}, {s("expires_on"), s("2028-02-29")}});
    QTest::newRow("pantry: no expiry") << Collection::Pantry << MutationOp::Create << QString()
                                       << obj({{s("name"), s("Salt")}, {s("expires_on"), QJsonValue(QJsonValue::Null)}});
    QTest::newRow("pantry: name of 500 characters") << Collection::Pantry << MutationOp::Create << QString()
                                                    << obj({{s("name"), QString(500, QLatin1Char('x'))}});
    QTest::newRow("pantry: fractional quantity") << Collection::Pantry << MutationOp::Update << s("$item")
                                                 << obj({{s("quantity"), 0.25}});
    QTest::newRow("money: refund") << Collection::Transactions << MutationOp::Create << QString()
                                   << obj({{s("description"), s("Returned shoes")}, {s("amount_cents"), -4599},
                                           {s("occurred_on"), s("2026-03-02")}, {s("member_id"), s("$owner")}});
    QTest::newRow("member: child") << Collection::Members << MutationOp::Create << QString()
                                   << obj({{s("name"), s("Mia")}, {s("role"), s("child")}});
    QTest::newRow("member: adult") << Collection::Members << MutationOp::Create << QString()
                                   << obj({{s("name"), s("Sam")}, {s("role"), s("adult")}});
    QTest::newRow("household: USD, no limit") << Collection::Household << MutationOp::Update << s("$household")
                                              << obj({{s("currency"), s("USD")}, {s("budget_limit_cents"), 0}});
    QTest::newRow("goal: saved more than target") << Collection::Goals << MutationOp::Create << QString()
                                                  << obj({{s("name"), s("Tent")}, {s("target_cents"), 100},
                                                          {s("saved_cents"), 150}, {s("target_date"), s("2026-06-01")}});
    QTest::newRow("card: assigned, in a real column")
        << Collection::BoardCards << MutationOp::Create << QString()
        << obj({{s("title"), s("Eggs")}, {s("column_id"), s("$column")}, {s("assignee_id"), s("$owner")}, {s("done"), true}});
}

void tst_Validation::accepted()
{
    QFETCH(Collection, collection);
    QFETCH(MutationOp, op);
    QFETCH(QString, target);
    QFETCH(QJsonObject, fields);

    const QList<qint64> countsBefore = counts();
    const MutationResult r = m_home->engine().submit(Mutation{{}, collection, op, resolveTarget(target), -1, resolve(fields)});
    QVERIFY2(r.ok, qPrintable(r.error.field + QLatin1String(": ") + r.error.message));
    QCOMPARE(counts().constLast(), countsBefore.constLast() + 1); // one event
}

void tst_Validation::textIsTrimmedAndDatesCanonical()
{
    const MutationResult r = m_home->engine().submit(
        Mutation{{}, Collection::Pantry, MutationOp::Create, {}, -1,
                 {{s("name"), s("  Oat milk \n")}, {s("category"), s(" Dairy ")}, {s("expires_on"), s(" 2026-03-20 ")}}});
    QVERIFY(r.ok);
    const auto item = m_home->engine().entity(Collection::Pantry, r.entityId);
    QVERIFY(item);
    QCOMPARE(item->value(s("name")).toString(), s("Oat milk"));
    QCOMPARE(item->value(s("category")).toString(), s("Dairy"));
    QCOMPARE(item->value(s("expires_on")).toString(), s("2026-03-20"));
    // Missing fields take their defaults.
    QCOMPARE(item->value(s("quantity")).toDouble(), 1.0);
    QCOMPARE(item->value(s("unit")).toString(), s("pcs"));

    // An empty date clears it.
    QVERIFY(m_home->engine().submit(Mutation{{}, Collection::Pantry, MutationOp::Update, r.entityId, -1, {{s("expires_on"), s("")}}}).ok);
    QVERIFY(m_home->engine().entity(Collection::Pantry, r.entityId)->value(s("expires_on")).isNull());
}

void tst_Validation::readOnlyKeysAreIgnored()
{
    const auto before = m_home->engine().entity(Collection::Pantry, m_itemId);
    QVERIFY(before);
    const MutationResult r = m_home->engine().submit(
        Mutation{{}, Collection::Pantry, MutationOp::Update, m_itemId, -1,
                 {{s("id"), s("other")}, {s("household_id"), s("other")}, {s("rev"), 99}, {s("updated_at"), s("x")},
                  {s("name"), s("Whole milk")}}});
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.entityId, m_itemId);
    QCOMPARE(r.rev, before->value(s("rev")).toInteger() + 1);
    const auto after = m_home->engine().entity(Collection::Pantry, m_itemId);
    QCOMPARE(after->value(s("name")).toString(), s("Whole milk"));
    QCOMPARE(after->value(s("rev")).toInteger(), r.rev);
    QCOMPARE(countRows(m_home->store(), s("pantry_items"), s("household_id = 'other'")), qint64(0));
}

void tst_Validation::normalizeFieldsDirectly()
{
    const CollectionSpec &spec = collectionSpec(Collection::Transactions);
    QJsonObject out;
    QVERIFY(!normalizeFields(spec, {{s("amount_cents"), 1250.0}, {s("occurred_on"), s("2026-03-01")}, {s("member_id"), s("")}}, &out));
    QCOMPARE(out.value(s("amount_cents")).toInteger(), qint64(1250));
    QVERIFY(out.value(s("member_id")).isNull());
    QCOMPARE(out.value(s("occurred_on")).toString(), s("2026-03-01"));

    out = {};
    const auto error = normalizeFields(spec, {{s("amount_cents"), 0.1}}, &out);
    QVERIFY(error);
    QCOMPARE(error->code, s("invalid"));
    QCOMPARE(error->field, s("amount_cents"));

    // The entity rules on their own.
    const auto noMembers = [](Collection, const QString &) { return false; };
    QVERIFY(!validateEntity(Collection::Pantry, {{s("name"), s("Rice")}, {s("quantity"), 1}}, noMembers));
    const auto e = validateEntity(Collection::BoardCards, {{s("title"), s("Rice")}, {s("column_id"), s("c")}}, noMembers);
    QVERIFY(e);
    QCOMPARE(e->field, s("column_id"));
}

void tst_Validation::listsAndLongest()
{
    // A definition of its own: the generic pieces, apart from any collection that uses them.
    CollectionSpec spec;
    spec.fields = {list("lines").longest(40, "Too many lines."), list("tags"), text("image").longest(8, "The image is too large."),
                   text("name")};

    QJsonObject out;
    const QJsonArray lines{QJsonObject{{s("name"), s("Milk")}, {s("price_cents"), 129}}};
    QVERIFY(!normalizeFields(spec, {{s("lines"), lines}, {s("tags"), QJsonValue::Null}, {s("image"), s("abcdefgh")}}, &out));
    QCOMPARE(out.value(s("lines")).toArray(), lines);
    QCOMPARE(out.value(s("tags")).toArray(), QJsonArray()); // null reads as the empty list
    QCOMPARE(out.value(s("image")).toString(), s("abcdefgh"));

    const auto refusedWith = [&](const QJsonObject &fields, const QString &field, const QString &message) {
        QJsonObject ignored;
        const auto error = normalizeFields(spec, fields, &ignored);
        return error && error->code == s("invalid") && error->field == field && error->message == message;
    };
    QVERIFY(refusedWith({{s("lines"), s("[]")}}, s("lines"), s("Lines must be a list.")));
    QVERIFY(refusedWith({{s("lines"), QJsonObject()}}, s("lines"), s("Lines must be a list.")));
    // The cap counts the list's compact JSON: 40 characters pass, 41 do not.
    const QJsonArray fits{s("aaaaaaaaaa"), s("bbbbbbbbbb"), s("cccccccccc")};
    QVERIFY(!normalizeFields(spec, {{s("lines"), fits}}, &out));
    const QJsonArray tooMany{s("aaaaaaaaaa"), s("bbbbbbbbbb"), s("ccccccccccc")};
    QVERIFY(refusedWith({{s("lines"), tooMany}}, s("lines"), s("Too many lines.")));
    QVERIFY(refusedWith({{s("image"), s("abcdefghi")}}, s("image"), s("The image is too large.")));
    // Without a cap of its own, a list has the 500 characters any text has.
    QJsonArray long500;
    for (int i = 0; i < 60; ++i)
        long500.append(s("abcdefg"));
    QVERIFY(refusedWith({{s("tags"), long500}}, s("tags"), s("Tags is too long (at most 500 characters).")));
    QVERIFY(refusedWith({{s("name"), QString(501, QLatin1Char('x'))}}, s("name"), s("Name is too long (at most 500 characters).")));
}

QTEST_GUILESS_MAIN(tst_Validation)
#include "tst_validation.moc"
