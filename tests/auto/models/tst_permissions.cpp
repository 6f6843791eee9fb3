// Roles on the authoritative engine: what a child may and may not change, enforced on every
// mutation whoever sends it, with a "forbidden" error in words and nothing written.

#include "Permissions.h"
#include "TestSupport.h"

#include <QSqlQuery>
#include <QTest>

using namespace hearth;

class TestPermissions : public QObject
{
    Q_OBJECT

private:
    struct Household
    {
        test::TempHousehold home;
        QString childId;
        QString adultId;
        QString pantryId;
        QString transactionId;
        QString goalId;
        QString columnId;
        QString cardId;
    };

    static QString create(test::TempHousehold &home, Collection c, QJsonObject fields)
    {
        const MutationResult r = home.engine().submit(Mutation{{}, c, MutationOp::Create, {}, -1, std::move(fields)});
        return r.ok ? r.entityId : QString();
    }

    static std::unique_ptr<Household> makeHousehold()
    {
        auto h = std::make_unique<Household>();
        h->adultId = h->home.engine().actingMemberId();
        h->childId = create(h->home, Collection::Members, {{QStringLiteral("name"), QStringLiteral("Mia")},
                                                           {QStringLiteral("role"), QStringLiteral("child")}});
        h->pantryId = create(h->home, Collection::Pantry, {{QStringLiteral("name"), QStringLiteral("Milk")}});
        h->transactionId = create(h->home, Collection::Transactions, {{QStringLiteral("occurred_on"), QStringLiteral("2026-03-14")},
                                                                      {QStringLiteral("description"), QStringLiteral("Shop")},
                                                                      {QStringLiteral("amount_cents"), 1250}});
        h->goalId = create(h->home, Collection::Goals, {{QStringLiteral("name"), QStringLiteral("Bike")},
                                                        {QStringLiteral("target_cents"), 20000},
                                                        {QStringLiteral("target_date"), QStringLiteral("2026-12-01")}});
        QSqlQuery q(h->home.store().database());
        q.exec(QStringLiteral("SELECT id FROM board_columns ORDER BY position LIMIT 1"));
        q.next();
        h->columnId = q.value(0).toString();
        h->cardId = create(h->home, Collection::BoardCards, {{QStringLiteral("column_id"), h->columnId},
                                                             {QStringLiteral("title"), QStringLiteral("Bread")}});
        return h;
    }

    static qint64 eventCount(test::TempHousehold &home)
    {
        QSqlQuery q(home.store().database());
        q.exec(QStringLiteral("SELECT count(*) FROM events"));
        return q.next() ? q.value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void childRules_data()
    {
        QTest::addColumn<int>("collection");
        QTest::addColumn<int>("op");
        QTest::addColumn<QString>("target"); // which entity: pantry, transaction, goal, column, card, household, member
        QTest::addColumn<QJsonObject>("fields");
        QTest::addColumn<bool>("allowed");

        const auto row = [](const char *name, Collection c, MutationOp op, const char *target, QJsonObject fields, bool allowed) {
            QTest::newRow(name) << int(c) << int(op) << QString::fromLatin1(target) << fields << allowed;
        };
        row("pantry: add", Collection::Pantry, MutationOp::Create, "", {{QStringLiteral("name"), QStringLiteral("Eggs")}}, true);
        row("pantry: use up", Collection::Pantry, MutationOp::Update, "pantry", {{QStringLiteral("quantity"), 0}}, true);
        row("pantry: delete", Collection::Pantry, MutationOp::Delete, "pantry", {}, true);
        row("shopping: add card", Collection::BoardCards, MutationOp::Create, "column", {{QStringLiteral("title"), QStringLiteral("Jam")}}, true);
        row("shopping: tick off", Collection::BoardCards, MutationOp::Update, "card", {{QStringLiteral("done"), true}}, true);
        row("shopping: delete card", Collection::BoardCards, MutationOp::Delete, "card", {}, false);
        row("shopping: add column", Collection::BoardColumns, MutationOp::Create, "", {{QStringLiteral("name"), QStringLiteral("Later")}}, false);
        row("shopping: rename column", Collection::BoardColumns, MutationOp::Update, "column", {{QStringLiteral("name"), QStringLiteral("X")}}, false);
        row("budget: record spending", Collection::Transactions, MutationOp::Create, "",
            {{QStringLiteral("occurred_on"), QStringLiteral("2026-03-15")}, {QStringLiteral("description"), QStringLiteral("Comic")},
             {QStringLiteral("amount_cents"), 450}}, true);
        row("budget: change a transaction", Collection::Transactions, MutationOp::Update, "transaction", {{QStringLiteral("amount_cents"), 1}}, false);
        row("budget: delete a transaction", Collection::Transactions, MutationOp::Delete, "transaction", {}, false);
        row("budget: change the limit", Collection::Household, MutationOp::Update, "household", {{QStringLiteral("budget_limit_cents"), 999999}}, false);
        row("goals: put money in", Collection::Goals, MutationOp::Update, "goal", {{QStringLiteral("saved_cents"), 500}}, true);
        row("goals: change the target", Collection::Goals, MutationOp::Update, "goal", {{QStringLiteral("target_cents"), 1}}, false);
        row("goals: delete", Collection::Goals, MutationOp::Delete, "goal", {}, false);
        row("members: add", Collection::Members, MutationOp::Create, "", {{QStringLiteral("name"), QStringLiteral("Pal")}}, false);
        row("members: remove", Collection::Members, MutationOp::Delete, "adult", {}, false);
    }

    void childRules()
    {
        QFETCH(int, collection);
        QFETCH(int, op);
        QFETCH(QString, target);
        QFETCH(QJsonObject, fields);
        QFETCH(bool, allowed);
        auto h = makeHousehold();
        QVERIFY2(h->home.isValid() && !h->cardId.isEmpty(), qPrintable(h->home.error()));

        const QHash<QString, QString> ids = {{QStringLiteral("pantry"), h->pantryId},  {QStringLiteral("transaction"), h->transactionId},
                                             {QStringLiteral("goal"), h->goalId},      {QStringLiteral("card"), h->cardId},
                                             {QStringLiteral("household"), h->home.engine().householdId()},
                                             {QStringLiteral("adult"), h->adultId},    {QStringLiteral("column"), h->columnId}};
        Mutation m{{}, Collection(collection), MutationOp(op), {}, -1, fields};
        if (Collection(collection) == Collection::BoardCards && MutationOp(op) == MutationOp::Create)
            m.fields.insert(QStringLiteral("column_id"), h->columnId);
        else if (MutationOp(op) != MutationOp::Create)
            m.entityId = ids.value(target);

        const qint64 eventsBefore = eventCount(h->home);
        const MutationResult asChild = h->home.engine().submitAs(m, h->childId);
        QCOMPARE(asChild.ok, allowed);
        QCOMPARE(Permissions::allows(Permissions::kChild, m.collection, m.op, m.fields), allowed);
        if (!allowed) {
            QCOMPARE(asChild.error.code, QStringLiteral("forbidden"));
            QVERIFY2(asChild.error.message.startsWith(QLatin1String("Only adults")), qPrintable(asChild.error.message));
            QCOMPARE(eventCount(h->home), eventsBefore); // nothing written
            // The same change from an adult goes through.
            const MutationResult asAdult = h->home.engine().submitAs(m, h->adultId);
            QVERIFY2(asAdult.ok, qPrintable(asAdult.error.message));
        }
    }

    void roleChangeTakesEffectAtOnce()
    {
        auto h = makeHousehold();
        QVERIFY(h->home.isValid());
        const Mutation limit{{}, Collection::Household, MutationOp::Update, h->home.engine().householdId(), -1,
                             {{QStringLiteral("budget_limit_cents"), 70000}}};
        QCOMPARE(h->home.engine().submitAs(limit, h->childId).error.code, QStringLiteral("forbidden"));
        // Mia grows up: the next change of hers is judged by her new role, not a remembered one.
        QVERIFY(h->home.engine().submit(Mutation{{}, Collection::Members, MutationOp::Update, h->childId, -1,
                                                 {{QStringLiteral("role"), QStringLiteral("adult")}}}).ok);
        QVERIFY(h->home.engine().submitAs(limit, h->childId).ok);
        QVERIFY(h->home.engine().submit(Mutation{{}, Collection::Members, MutationOp::Update, h->childId, -1,
                                                 {{QStringLiteral("role"), QStringLiteral("child")}}}).ok);
        QCOMPARE(h->home.engine().submitAs(limit, h->childId).error.code, QStringLiteral("forbidden"));
    }
};

QTEST_GUILESS_MAIN(TestPermissions)
#include "tst_permissions.moc"
