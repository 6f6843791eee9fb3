// PantryModel and PantryFilterProxy: fine-grained signals under QAbstractItemModelTester, expiry
// states against a fake clock, quantity adjustments and the "expiring soon" list.

#include "ModelTestHelpers.h"
#include "PantryModel.h"
#include "Proxies.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

using ExpiryState = PantryModel::ExpiryState;

namespace {

PantryItem item(const QString &name, const QDate &expires = {}, double quantity = 1, const QString &category = {},
                const QString &location = {}, const QString &unit = QStringLiteral("pcs"))
{
    PantryItem i;
    i.name = name;
    i.quantity = quantity;
    i.unit = unit;
    i.category = category;
    i.location = location;
    i.expiresOn = expires;
    return i;
}

QStringList namesIn(const QAbstractItemModel &model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names << model.index(row, PantryModel::Name).data(PantryModel::NameRole).toString();
    names.sort();
    return names;
}

} // namespace

class tst_PantryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void loadsUnderTester();
    void createEmitsOneRowsInserted();
    void updateEmitsOneDataChanged();
    void deleteEmitsOneRowsRemoved();
    void deleteKeepsRowLookupInStep();
    void failureEmitsNothing();
    void changesFromElsewhereReachTheModel();
    void roleNamesAndData();
    void headers();

    void expiryState_data();
    void expiryState();
    void expiryFollowsTheClock();
    void quantityNeverBelowZero();
    void expiringSoonOrdering();
    void distinctValues();
    void sameItemAndAddingToIt();

    void filterProxyText();
    void filterProxyCategoryAndExpiring();
    void filterProxyFollowsChanges();
    void filterProxySorts();

private:
    PantryModel &model() { return *m_model; }
    QString add(const PantryItem &i)
    {
        const MutationResult r = m_model->apply(m_model->addMutation(i));
        if (!r.ok)
            qFatal("could not add %s: %s", qPrintable(i.name), qPrintable(r.error.message));
        return r.entityId;
    }
    QDate today() const { return m_home->clock.today(); }

    std::unique_ptr<TempHousehold> m_home;
    std::unique_ptr<PantryModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_PantryModel::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    m_home = std::make_unique<TempHousehold>();
    QVERIFY2(m_home->isValid(), qPrintable(m_home->error()));
    m_model = std::make_unique<PantryModel>(m_home->engine(), m_home->clock);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->reload();
}

void tst_PantryModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_home.reset();
}

void tst_PantryModel::loadsUnderTester()
{
    QCOMPARE(model().rowCount(), 0);
    QCOMPARE(model().columnCount(), int(PantryModel::ColumnCount));

    // With demo data: the tester watches the initial load of a full pantry.
    TempHousehold demo(true);
    QVERIFY2(demo.isValid(), qPrintable(demo.error()));
    PantryModel pantry(demo.engine(), demo.clock);
    QAbstractItemModelTester tester(&pantry, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&pantry, &QAbstractItemModel::modelReset);
    pantry.reload();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(pantry.rowCount(), int(countRows(demo.store(), QStringLiteral("pantry_items"))));
    QVERIFY(pantry.rowCount() >= 24);
    for (int row = 0; row < pantry.rowCount(); ++row) {
        const QString id = pantry.idAt(row);
        QCOMPARE(pantry.rowOf(id), row);
        QCOMPARE(pantry.index(row, 0).data(PantryModel::IdRole).toString(), id);
    }
    QCOMPARE(pantry.idAt(-1), QString());
    QCOMPARE(pantry.idAt(pantry.rowCount()), QString());
}

void tst_PantryModel::createEmitsOneRowsInserted()
{
    add(item(QStringLiteral("Rice")));
    ModelSignals signals_(&model());
    const MutationResult r =
        model().apply(model().addMutation(item(QStringLiteral("Milk"), today().addDays(2), 2, QStringLiteral("Dairy"))));
    QVERIFY(r.ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(1, 0, 0));
    QCOMPARE(signals_.inserted.at(0).at(1).toInt(), 1); // first
    QCOMPARE(signals_.inserted.at(0).at(2).toInt(), 1); // last
    QCOMPARE(model().rowCount(), 2);
    QCOMPARE(model().rowOf(r.entityId), 1);
    QCOMPARE(model().at(1).name, QStringLiteral("Milk"));
    QCOMPARE(model().at(1).rev, qint64(1));
}

void tst_PantryModel::updateEmitsOneDataChanged()
{
    add(item(QStringLiteral("Rice")));
    const QString id = add(item(QStringLiteral("Milk")));
    add(item(QStringLiteral("Eggs")));
    ModelSignals signals_(&model());
    PantryItem edited = *model().find(id);
    edited.name = QStringLiteral("Oat milk");
    edited.quantity = 3;
    QVERIFY(model().apply(model().editMutation(*model().find(id), edited)).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 1));
    const QModelIndex topLeft = signals_.changed.at(0).at(0).toModelIndex();
    const QModelIndex bottomRight = signals_.changed.at(0).at(1).toModelIndex();
    QCOMPARE(topLeft, model().index(1, 0));
    QCOMPARE(bottomRight, model().index(1, PantryModel::ColumnCount - 1));
    QCOMPARE(model().index(1, PantryModel::Name).data().toString(), QStringLiteral("Oat milk"));
    QCOMPARE(model().at(1).quantity, 3.0);
    QCOMPARE(model().at(1).rev, qint64(2));
    QCOMPARE(model().rowCount(), 3);
}

void tst_PantryModel::deleteEmitsOneRowsRemoved()
{
    add(item(QStringLiteral("Rice")));
    const QString id = add(item(QStringLiteral("Milk")));
    add(item(QStringLiteral("Eggs")));
    ModelSignals signals_(&model());
    QVERIFY(model().remove(id).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 1, 0));
    QCOMPARE(signals_.removed.at(0).at(1).toInt(), 1);
    QCOMPARE(signals_.removed.at(0).at(2).toInt(), 1);
    QCOMPARE(model().rowCount(), 2);
    QCOMPARE(model().rowOf(id), -1);
    QVERIFY(!model().find(id));
}

void tst_PantryModel::deleteKeepsRowLookupInStep()
{
    QStringList ids;
    for (const char *name : {"A", "B", "C", "D", "E"})
        ids << add(item(QString::fromLatin1(name)));
    QVERIFY(model().remove(ids.at(1)).ok);
    QVERIFY(model().remove(ids.at(0)).ok);
    // The rows after the removed ones moved up; the lookup must follow, or the next update
    // would change the wrong row.
    for (int row = 0; row < model().rowCount(); ++row)
        QCOMPARE(model().rowOf(model().idAt(row)), row);
    ModelSignals signals_(&model());
    QVERIFY(model().update(ids.at(4), {{QStringLiteral("name"), QStringLiteral("E2")}}).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 1));
    const int row = signals_.changed.at(0).at(0).toModelIndex().row();
    QCOMPARE(model().idAt(row), ids.at(4));
    QCOMPARE(model().at(row).name, QStringLiteral("E2"));
}

void tst_PantryModel::failureEmitsNothing()
{
    const QString id = add(item(QStringLiteral("Milk")));
    ModelSignals signals_(&model());
    QVERIFY(!model().apply(model().addMutation(item(QString()))).ok);
    QVERIFY(!model().update(id, {{QStringLiteral("quantity"), -1}}).ok);
    QVERIFY(!model().remove(QStringLiteral("ghost")).ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 0));
    QCOMPARE(model().rowCount(), 1);
    QCOMPARE(model().at(0).quantity, 1.0);
}

void tst_PantryModel::changesFromElsewhereReachTheModel()
{
    // A change made through the engine by another member (as the room host does) updates the
    // model the same way, and is flagged as remote.
    const MutationResult sam = m_home->engine().submit(Mutation{{}, Collection::Members, MutationOp::Create, {}, -1,
                                                                {{QStringLiteral("name"), QStringLiteral("Sam")}}});
    QVERIFY(sam.ok);
    ModelSignals signals_(&model());
    QSignalSpy remote(&model(), &CollectionModel::remoteChange);
    const MutationResult r = m_home->engine().submitAs(
        Mutation{{}, Collection::Pantry, MutationOp::Create, {}, -1, {{QStringLiteral("name"), QStringLiteral("Cake")}}}, sam.entityId);
    QVERIFY(r.ok);
    QCOMPARE(signals_.counts(), ModelSignals::expected(1, 0, 0));
    QCOMPARE(remote.count(), 1);
    QCOMPARE(model().at(0).name, QStringLiteral("Cake"));

    // Our own edits are not "remote".
    QVERIFY(model().update(r.entityId, {{QStringLiteral("quantity"), 2}}).ok);
    QCOMPARE(remote.count(), 1);
}

void tst_PantryModel::roleNamesAndData()
{
    const QHash<int, QByteArray> roles = model().roleNames();
    const QList<QByteArray> names = roles.values();
    for (const char *name : {"display", "id", "name", "quantity", "unit", "category", "location", "expiresOn", "expiryState",
                             "daysToExpiry", "sortKey"})
        QVERIFY2(names.contains(QByteArray(name)), name);
    QCOMPARE(roles.value(PantryModel::ExpiryStateRole), QByteArray("expiryState"));
    QCOMPARE(roles.value(PantryModel::NameRole), QByteArray("name"));

    const QString id = add(item(QStringLiteral("Milk"), today().addDays(1), 1.5, QStringLiteral("Dairy"), QStringLiteral("Fridge"),
                                QStringLiteral("l")));
    const int row = model().rowOf(id);
    const auto at = [&](int column, int role) { return model().index(row, column).data(role); };
    QCOMPARE(at(0, PantryModel::IdRole).toString(), id);
    QCOMPARE(at(0, PantryModel::NameRole).toString(), QStringLiteral("Milk"));
    QCOMPARE(at(0, PantryModel::QuantityRole).toDouble(), 1.5);
    QCOMPARE(at(0, PantryModel::UnitRole).toString(), QStringLiteral("l"));
    QCOMPARE(at(0, PantryModel::CategoryRole).toString(), QStringLiteral("Dairy"));
    QCOMPARE(at(0, PantryModel::LocationRole).toString(), QStringLiteral("Fridge"));
    QCOMPARE(at(0, PantryModel::ExpiresOnRole).toDate(), today().addDays(1));
    QCOMPARE(at(0, PantryModel::DaysToExpiryRole).toLongLong(), qint64(1));
    QCOMPARE(at(PantryModel::Name, Qt::DisplayRole).toString(), QStringLiteral("Milk"));
    QCOMPARE(at(PantryModel::Category, Qt::DisplayRole).toString(), QStringLiteral("Dairy"));
    QCOMPARE(at(PantryModel::Location, Qt::DisplayRole).toString(), QStringLiteral("Fridge"));
    QCOMPARE(at(PantryModel::ExpiresOn, Qt::DisplayRole).toString(), QStringLiteral("expires tomorrow"));
    QVERIFY(at(PantryModel::Quantity, Qt::DisplayRole).toString().endsWith(QLatin1String(" l")));
    QVERIFY(!at(PantryModel::ExpiresOn, Qt::ToolTipRole).toString().isEmpty());

    // An item that does not expire has no days and sorts last by expiry.
    const QString forever = add(item(QStringLiteral("Salt")));
    const int r2 = model().rowOf(forever);
    QVERIFY(!model().index(r2, 0).data(PantryModel::DaysToExpiryRole).isValid());
    QCOMPARE(model().index(r2, PantryModel::ExpiresOn).data().toString(), QString());
    QVERIFY(model().index(r2, PantryModel::ExpiresOn).data(PantryModel::SortRole).toLongLong()
            > model().index(row, PantryModel::ExpiresOn).data(PantryModel::SortRole).toLongLong());
}

void tst_PantryModel::headers()
{
    for (int c = 0; c < PantryModel::ColumnCount; ++c)
        QVERIFY(!model().headerData(c, Qt::Horizontal).toString().isEmpty());
    QVERIFY(!model().headerData(PantryModel::ColumnCount, Qt::Horizontal).isValid());
}

void tst_PantryModel::expiryState_data()
{
    QTest::addColumn<int>("days"); // from today; 9999 = no date
    QTest::addColumn<ExpiryState>("state");
    QTest::addColumn<QString>("text"); // how the row starts ("day(s)" plurals come from the translation)
    QTest::newRow("expired long ago") << -30 << ExpiryState::Expired << QString();
    QTest::newRow("expired yesterday") << -1 << ExpiryState::Expired << QStringLiteral("expired yesterday");
    QTest::newRow("today") << 0 << ExpiryState::Soon << QStringLiteral("expires today");
    QTest::newRow("tomorrow") << 1 << ExpiryState::Soon << QStringLiteral("expires tomorrow");
    QTest::newRow("in 3 days") << 3 << ExpiryState::Soon << QStringLiteral("expires in 3 day");
    QTest::newRow("in 4 days") << 4 << ExpiryState::Fresh << QStringLiteral("expires in 4 day");
    QTest::newRow("later") << 60 << ExpiryState::Fresh << QString();
    QTest::newRow("none") << 9999 << ExpiryState::None << QString();
}

void tst_PantryModel::expiryState()
{
    QFETCH(int, days);
    QFETCH(ExpiryState, state);
    QFETCH(QString, text);
    const QDate date = days == 9999 ? QDate() : today().addDays(days);
    const QString id = add(item(QStringLiteral("Thing"), date));
    const int row = model().rowOf(id);
    QCOMPARE(model().expiryState(model().at(row)), state);
    QCOMPARE(model().index(row, 0).data(PantryModel::ExpiryStateRole).value<ExpiryState>(), state);
    if (!text.isEmpty())
        QVERIFY2(model().index(row, PantryModel::ExpiresOn).data().toString().startsWith(text),
                 qPrintable(model().index(row, PantryModel::ExpiresOn).data().toString()));
    const bool soon = state == ExpiryState::Soon || state == ExpiryState::Expired;
    QCOMPARE(model().expiringSoon().size(), soon ? 1 : 0);
}

void tst_PantryModel::expiryFollowsTheClock()
{
    const QString id = add(item(QStringLiteral("Yoghurt"), QDate(2026, 3, 20)));
    const int row = model().rowOf(id);
    m_home->clock.setToday(QDate(2026, 3, 10));
    QCOMPARE(model().expiryState(model().at(row)), ExpiryState::Fresh);
    m_home->clock.setToday(QDate(2026, 3, 17));
    QCOMPARE(model().expiryState(model().at(row)), ExpiryState::Soon);
    m_home->clock.setToday(QDate(2026, 3, 20));
    QCOMPARE(model().expiryState(model().at(row)), ExpiryState::Soon);
    m_home->clock.setToday(QDate(2026, 3, 21));
    QCOMPARE(model().expiryState(model().at(row)), ExpiryState::Expired);
    QCOMPARE(model().index(row, 0).data(PantryModel::DaysToExpiryRole).toLongLong(), qint64(-1));
    // Late in the evening is still the same day.
    m_home->clock.setNow(QDateTime(QDate(2026, 3, 20), QTime(23, 59)));
    QCOMPARE(model().expiryState(model().at(row)), ExpiryState::Soon);
}

void tst_PantryModel::quantityNeverBelowZero()
{
    const QString id = add(item(QStringLiteral("Eggs"), {}, 2));
    ModelSignals signals_(&model());
    // + and - send a step, which the engine adds to the quantity as stored (two presses at once
    // on two devices both count), stopping at zero.
    QCOMPARE(model().adjustQuantityMutation(id, 1.5).fields, (QJsonObject{{QStringLiteral("quantity_delta"), 1.5}}));
    QVERIFY(model().apply(model().adjustQuantityMutation(id, 1.5)).ok);
    QCOMPARE(model().find(id)->quantity, 3.5);
    QVERIFY(model().apply(model().adjustQuantityMutation(id, -1)).ok);
    QCOMPARE(model().find(id)->quantity, 2.5);
    QVERIFY(model().apply(model().adjustQuantityMutation(id, -5)).ok);
    QCOMPARE(model().find(id)->quantity, 0.0);
    QVERIFY(model().apply(model().adjustQuantityMutation(id, -1)).ok);
    QCOMPARE(model().find(id)->quantity, 0.0);
    QCOMPARE(m_home->engine().entity(Collection::Pantry, id)->value(QLatin1String("quantity")).toDouble(), 0.0);
    QCOMPARE(signals_.counts(), ModelSignals::expected(0, 0, 4));

    const MutationResult gone = model().apply(model().adjustQuantityMutation(QStringLiteral("ghost"), 1));
    QVERIFY(!gone.ok);
    QCOMPARE(gone.error.code, QStringLiteral("not_found"));
}

void tst_PantryModel::expiringSoonOrdering()
{
    add(item(QStringLiteral("in 2"), today().addDays(2)));
    add(item(QStringLiteral("never")));
    add(item(QStringLiteral("yesterday"), today().addDays(-1)));
    add(item(QStringLiteral("in 10"), today().addDays(10)));
    add(item(QStringLiteral("today"), today()));
    add(item(QStringLiteral("in 3"), today().addDays(3)));
    add(item(QStringLiteral("in 4"), today().addDays(4)));
    add(item(QStringLiteral("last week"), today().addDays(-7)));

    QStringList names;
    for (const PantryItem &i : model().expiringSoon())
        names << i.name;
    QCOMPARE(names, (QStringList{QStringLiteral("last week"), QStringLiteral("yesterday"), QStringLiteral("today"),
                                 QStringLiteral("in 2"), QStringLiteral("in 3")}));
}

void tst_PantryModel::distinctValues()
{
    add(item(QStringLiteral("Milk"), {}, 1, QStringLiteral("Dairy"), QStringLiteral("Fridge"), QStringLiteral("l")));
    add(item(QStringLiteral("Cheese"), {}, 1, QStringLiteral("Dairy"), QStringLiteral("Fridge"), QStringLiteral("g")));
    add(item(QStringLiteral("Apples"), {}, 1, QStringLiteral("fruit"), QStringLiteral("Counter"), QStringLiteral("pcs")));
    add(item(QStringLiteral("Water")));
    QCOMPARE(model().categories(), (QStringList{QStringLiteral("Dairy"), QStringLiteral("fruit")}));
    QCOMPARE(model().locations(), (QStringList{QStringLiteral("Counter"), QStringLiteral("Fridge")}));
    QCOMPARE(model().units(), (QStringList{QStringLiteral("g"), QStringLiteral("l"), QStringLiteral("pcs")}));
}

// Adding what is there already: the same name in any case, unit and place.
void tst_PantryModel::sameItemAndAddingToIt()
{
    const QString milk = add(item(QStringLiteral("Milk"), today().addDays(6), 2, QStringLiteral("Dairy"),
                                  QStringLiteral("Fridge"), QStringLiteral("l")));
    PantryItem bought = item(QStringLiteral(" milk "), today().addDays(3), 1, QString(), QStringLiteral("FRIDGE"),
                             QStringLiteral("L"));
    const auto same = model().sameItemAs(bought);
    QVERIFY(same);
    QCOMPARE(same->id, milk);
    for (PantryItem other : {item(QStringLiteral("Milk"), {}, 1, {}, QStringLiteral("Fridge"), QStringLiteral("ml")),
                             item(QStringLiteral("Milk"), {}, 1, {}, QStringLiteral("Cellar"), QStringLiteral("l")),
                             item(QStringLiteral("Oat milk"), {}, 1, {}, QStringLiteral("Fridge"), QStringLiteral("l"))})
        QVERIFY(!model().sameItemAs(other));
    QVERIFY(!model().sameItemAs(*same)); // an item is not its own duplicate

    // One change to the item that is there: the sum, and the sooner date. The amount goes as a
    // step, so someone else adding to it meanwhile is not overwritten.
    const Mutation addTo = model().addToMutation(*same, bought);
    QCOMPARE(addTo.fields.value(QStringLiteral("quantity_delta")).toDouble(), 1.0);
    QVERIFY(!addTo.fields.contains(QStringLiteral("quantity")));
    QVERIFY(model().apply(addTo).ok);
    QCOMPARE(model().rowCount(), 1);
    QCOMPARE(model().find(milk)->quantity, 3.0);
    QCOMPARE(model().find(milk)->expiresOn, today().addDays(3));
    QCOMPARE(model().find(milk)->name, QStringLiteral("Milk"));
}

void tst_PantryModel::filterProxyText()
{
    add(item(QStringLiteral("Milk"), {}, 1, QStringLiteral("Dairy"), QStringLiteral("Fridge")));
    add(item(QStringLiteral("Oat milk"), {}, 1, QStringLiteral("Drinks"), QStringLiteral("Cupboard")));
    add(item(QStringLiteral("Cheddar"), {}, 1, QStringLiteral("Dairy"), QStringLiteral("Fridge")));
    add(item(QStringLiteral("Rice"), {}, 1, QStringLiteral("Dry goods"), QStringLiteral("Cupboard")));

    PantryFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model());
    QCOMPARE(proxy.rowCount(), 4);

    proxy.setSearchText(QStringLiteral("MILK"));
    QCOMPARE(namesIn(proxy), (QStringList{QStringLiteral("Milk"), QStringLiteral("Oat milk")}));
    proxy.setSearchText(QStringLiteral("  dairy "));
    QCOMPARE(namesIn(proxy), (QStringList{QStringLiteral("Cheddar"), QStringLiteral("Milk")}));
    proxy.setSearchText(QStringLiteral("cupboard"));
    QCOMPARE(namesIn(proxy), (QStringList{QStringLiteral("Oat milk"), QStringLiteral("Rice")}));
    proxy.setSearchText(QStringLiteral("nothing like this"));
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setSearchText(QString());
    QCOMPARE(proxy.rowCount(), 4);
}

void tst_PantryModel::filterProxyCategoryAndExpiring()
{
    add(item(QStringLiteral("Milk"), today().addDays(1), 1, QStringLiteral("Dairy")));
    add(item(QStringLiteral("Cheddar"), today().addDays(30), 1, QStringLiteral("Dairy")));
    add(item(QStringLiteral("Spinach"), today().addDays(-1), 1, QStringLiteral("Veg")));
    add(item(QStringLiteral("Rice"), {}, 1, QStringLiteral("Dry goods")));

    PantryFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model());

    proxy.setCategory(QStringLiteral("Dairy"));
    QCOMPARE(proxy.category(), QStringLiteral("Dairy"));
    QCOMPARE(namesIn(proxy), (QStringList{QStringLiteral("Cheddar"), QStringLiteral("Milk")}));
    proxy.setExpiringSoonOnly(true);
    QVERIFY(proxy.expiringSoonOnly());
    QCOMPARE(namesIn(proxy), QStringList{QStringLiteral("Milk")});
    proxy.setCategory(QString());
    QCOMPARE(namesIn(proxy), (QStringList{QStringLiteral("Milk"), QStringLiteral("Spinach")}));
    proxy.setSearchText(QStringLiteral("spin"));
    QCOMPARE(namesIn(proxy), QStringList{QStringLiteral("Spinach")});
    proxy.setSearchText(QString());
    proxy.setExpiringSoonOnly(false);
    QCOMPARE(proxy.rowCount(), 4);
}

void tst_PantryModel::filterProxyFollowsChanges()
{
    const QString milk = add(item(QStringLiteral("Milk"), {}, 1, QStringLiteral("Dairy")));
    PantryFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model());
    proxy.setCategory(QStringLiteral("Dairy"));
    QCOMPARE(proxy.rowCount(), 1);

    ModelSignals signals_(&proxy);
    // A new matching item appears, one that does not match stays out.
    const QString butter = add(item(QStringLiteral("Butter"), {}, 1, QStringLiteral("Dairy")));
    add(item(QStringLiteral("Bread"), {}, 1, QStringLiteral("Bakery")));
    QCOMPARE(proxy.rowCount(), 2);
    QCOMPARE(signals_.inserted.count(), 1);
    // Recategorised out of the filter: removed from the proxy, not a reset.
    QVERIFY(model().update(milk, {{QStringLiteral("category"), QStringLiteral("Drinks")}}).ok);
    QCOMPARE(namesIn(proxy), QStringList{QStringLiteral("Butter")});
    QVERIFY(model().remove(butter).ok);
    QCOMPARE(proxy.rowCount(), 0);
    QCOMPARE(signals_.reset.count(), 0);
    QCOMPARE(signals_.removed.count(), 2);
}

void tst_PantryModel::filterProxySorts()
{
    add(item(QStringLiteral("b"), today().addDays(5)));
    add(item(QStringLiteral("C"), {}));
    add(item(QStringLiteral("a"), today().addDays(1)));
    PantryFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model());
    proxy.sort(PantryModel::Name);
    const auto column = [&](int c) {
        QStringList names;
        for (int row = 0; row < proxy.rowCount(); ++row)
            names << proxy.index(row, c).data(PantryModel::NameRole).toString();
        return names;
    };
    QCOMPARE(column(0), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("C")}));
    proxy.sort(PantryModel::ExpiresOn);
    QCOMPARE(column(0), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("C")})); // no date last
    proxy.sort(PantryModel::ExpiresOn, Qt::DescendingOrder);
    QCOMPARE(column(0), (QStringList{QStringLiteral("C"), QStringLiteral("b"), QStringLiteral("a")}));
}

QTEST_GUILESS_MAIN(tst_PantryModel)
#include "tst_pantrymodel.moc"
