// Receipts on the engine: confirming one writes the receipt, one budget transaction per category
// and the pantry additions in one unit (all or nothing), with receipt_confirmed {receipt_id,
// item_count}; deleting keeps or takes back what it made; a child may not; the lines (a List
// field) round-trip through the store; the model under QAbstractItemModelTester, with the
// categories it remembers from earlier receipts. The image is an input kept in receipt_images,
// never in the row or the log; it goes with its receipt; the migration moves an old row's image.

#include "ModelTestHelpers.h"
#include "Protocol.h"
#include "TestSupport.h"
#include "Translations.h"
#include "receipts/ReceiptsModel.h"

#include <QAbstractItemModelTester>
#include <QSqlError>
#include <QSqlQuery>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

ConfirmedLine line(const char *name, qint64 cents, const char *category, PantryAddition pantry = {})
{
    ConfirmedLine l;
    l.name = s(name);
    l.priceCents = cents;
    l.category = s(category);
    l.pantry = pantry;
    return l;
}

PantryAddition toPantry(double quantity, const char *unit, const char *location, const QString &existing = {})
{
    PantryAddition p;
    p.add = true;
    p.quantity = quantity;
    p.unit = s(unit);
    p.location = s(location);
    p.pantryItemId = existing;
    return p;
}

} // namespace

class tst_Receipts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { installTranslations(*QCoreApplication::instance()); } // English plural forms
    void init();
    void cleanup();

    void confirmWritesReceiptTransactionsAndPantry();
    void confirmIsOneUnitAnnouncedInOrder();
    void aFailingPartWritesNothing_data();
    void aFailingPartWritesNothing();
    void linesRoundTripThroughTheStore();
    void onlyWhatWasReadCanBeCorrected();
    void deleteAloneKeepsTransactionsAndPantry();
    void deleteWithLinkedTakesThemBack();
    void laterStockStaysAndUnitsConvert();
    void childIsRefused();
    void broadcastCarriesReceiptIdAndItemCount();
    void describerSaysWhoWhereAndHowMany();
    void modelUnderTesterAndRememberedCategories();
    void deletingAReceiptDeletesItsImage();
    void migrationMovesAnOldRowsImage();

private:
    AuthoritativeEngine &engine() { return m_home->engine(); }
    ReceiptsModel &receipts() { return m_data->model<ReceiptsModel>(Collection::Receipts); }
    Receipt lidl() const;
    MutationResult confirm(const Receipt &receipt) { return receipts().apply(receipts().confirmMutation(receipt)); }
    double quantityOf(const QString &pantryId) { return engine().entity(Collection::Pantry, pantryId)->value(s("quantity")).toDouble(); }

    std::unique_ptr<TempHousehold> m_home;
    std::unique_ptr<HouseholdData> m_data;
    QString m_milk; // a pantry item the receipt adds to
};

void tst_Receipts::init()
{
    m_home = std::make_unique<TempHousehold>();
    QVERIFY2(m_home->isValid(), qPrintable(m_home->error()));
    const MutationResult milk = engine().submit(
        {{}, Collection::Pantry, MutationOp::Create, {}, -1, {{s("name"), s("Milk")}, {s("quantity"), 1}, {s("unit"), s("l")}}});
    QVERIFY(milk.ok);
    m_milk = milk.entityId;
    m_data = std::make_unique<HouseholdData>(engine(), m_home->clock);
    m_data->load();
}

void tst_Receipts::cleanup()
{
    m_data.reset();
    m_home.reset();
}

Receipt tst_Receipts::lidl() const
{
    Receipt r;
    r.merchant = s("Lidl");
    r.purchasedOn = QDate(2026, 3, 14);
    r.totalCents = 806;
    r.lines = {line("Milk 1l", 258, "Groceries", toPantry(2, "l", "Fridge", m_milk)),
               line("Bread", 199, "Groceries", toPantry(1, "pcs", "Bread bin")),
               line("Shampoo", 349, "Household")};
    r.imageJpeg = QByteArray("\xff\xd8\xff\xe0 not really a JPEG", 24);
    r.thumbnailJpeg = QByteArray("\xff\xd8 a small one", 14);
    return r;
}

void tst_Receipts::confirmWritesReceiptTransactionsAndPantry()
{
    const MutationResult made = confirm(lidl());
    QVERIFY2(made.ok, qPrintable(made.error.message));
    const auto receipt = engine().entity(Collection::Receipts, made.entityId);
    QVERIFY(receipt);
    QCOMPARE(receipt->value(s("item_count")).toInteger(), 3);
    QCOMPARE(receipt->value(s("created_by")).toString(), engine().actingMemberId());
    // The image is kept beside the row, not in it nor in the event the log keeps and broadcasts.
    QVERIFY(!receipt->contains(s("image")));
    QVERIFY(receipt->value(s("has_image")).toBool());
    QVERIFY(!storedEvent(m_home->store(), engine().householdId(), made.seq).entity.contains(s("image")));
    QVERIFY(!queryValue(m_home->store(), s("SELECT entity FROM events WHERE seq = ?"), {made.seq}).toString().contains(s("/9j/")));
    QCOMPARE(receiptimages::local(m_home->store(), engine().householdId(), made.entityId, ReceiptImageSize::Full), lidl().imageJpeg);
    QCOMPARE(receiptimages::local(m_home->store(), engine().householdId(), made.entityId, ReceiptImageSize::Thumbnail),
             lidl().thumbnailJpeg);
    // Only for its own household.
    QVERIFY(!receiptimages::hosted(m_home->store(), s("another-household"), made.entityId, ReceiptImageSize::Full));

    // One transaction per category, linked to the receipt, by the member who confirmed it.
    QCOMPARE(countRows(m_home->store(), s("transactions")), 2);
    QCOMPARE(queryValue(m_home->store(), s("SELECT amount_cents FROM transactions WHERE category = 'Groceries' AND receipt_id = ?"),
                        {made.entityId}).toLongLong(), 457);
    QCOMPARE(queryValue(m_home->store(), s("SELECT amount_cents FROM transactions WHERE category = 'Household' AND receipt_id = ?"),
                        {made.entityId}).toLongLong(), 349);
    QCOMPARE(queryValue(m_home->store(), s("SELECT count(*) FROM transactions WHERE description = 'Receipt: Lidl' "
                                           "AND occurred_on = '2026-03-14' AND member_id = ?"), {engine().actingMemberId()}).toInt(), 2);
    QCOMPARE(receipt->value(s("transaction_ids")).toArray().size(), 2);

    // The existing milk is stepped; the bread is a new item, its id kept in the line.
    QCOMPARE(quantityOf(m_milk), 3.0);
    const QString bread = Receipt::fromJson(*receipt).lines.at(1).pantry.pantryItemId;
    QVERIFY(Receipt::fromJson(*receipt).lines.at(1).pantry.created);
    const auto breadItem = engine().entity(Collection::Pantry, bread);
    QVERIFY(breadItem);
    QCOMPARE(breadItem->value(s("name")).toString(), s("Bread"));
    QCOMPARE(breadItem->value(s("location")).toString(), s("Bread bin"));
    QVERIFY(!Receipt::fromJson(*receipt).lines.at(0).pantry.created);
    QCOMPARE(countRows(m_home->store(), s("pantry_items")), 2);
}

void tst_Receipts::confirmIsOneUnitAnnouncedInOrder()
{
    QSignalSpy changes(&engine(), &HouseholdEngine::changed);
    const qint64 head = engine().headSeq();
    const MutationResult made = confirm(lidl());
    QVERIFY(made.ok);
    // The receipt, its two transactions, the milk's step and the new bread: five events in a row.
    QCOMPARE(changes.size(), 5);
    QCOMPARE(engine().headSeq(), head + 5);
    const auto first = changes.at(0).at(0).value<Change>();
    QCOMPARE(first.collection, Collection::Receipts);
    QCOMPARE(protocol::eventNameFor(first), s("receipt_confirmed"));
    QList<Collection> rest;
    for (qsizetype i = 1; i < changes.size(); ++i)
        rest << changes.at(i).at(0).value<Change>().collection;
    QCOMPARE(rest, (QList<Collection>{Collection::Transactions, Collection::Transactions, Collection::Pantry, Collection::Pantry}));
    QCOMPARE(made.seq, head + 1);
}

void tst_Receipts::aFailingPartWritesNothing_data()
{
    QTest::addColumn<int>("part");
    QTest::addColumn<QString>("field");
    QTest::newRow("a pantry addition the pantry refuses (its unit is too long)") << 0 << s("unit");
    QTest::newRow("an item to add to that is gone") << 1 << s("lines");
    QTest::newRow("a line without a name") << 2 << s("lines");
    QTest::newRow("an image over 300 KB") << 3 << s("image");
}

void tst_Receipts::aFailingPartWritesNothing()
{
    QFETCH(int, part);
    QFETCH(QString, field);
    Receipt r = lidl();
    if (part == 0)
        r.lines[1].pantry.unit = QString(501, QLatin1Char('g')); // refused by the pantry, in the effects
    else if (part == 1)
        r.lines[0].pantry.pantryItemId = s("no-such-item");
    else if (part == 2)
        r.lines[2].name.clear();
    else
        r.imageJpeg = QByteArray(320 * 1024, 'x');
    QSignalSpy changes(&engine(), &HouseholdEngine::changed);
    const qint64 head = engine().headSeq();
    const MutationResult refused = confirm(r);
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error.code, s("invalid"));
    QCOMPARE(refused.error.field, field);
    QCOMPARE(countRows(m_home->store(), s("receipts")), 0);
    QCOMPARE(countRows(m_home->store(), s("transactions")), 0);
    QCOMPARE(countRows(m_home->store(), s("pantry_items")), 1);
    QCOMPARE(quantityOf(m_milk), 1.0);
    QCOMPARE(engine().headSeq(), head);
    QCOMPARE(countRows(m_home->store(), s("events"), s("seq > %1").arg(head)), 0);
    QCOMPARE(changes.size(), 0);
    QCOMPARE(receipts().rowCount(), 0);
    QCOMPARE(countRows(m_home->store(), s("receipt_images")), 0);
}

void tst_Receipts::linesRoundTripThroughTheStore()
{
    const MutationResult made = confirm(lidl());
    QVERIFY(made.ok);
    const QJsonArray lines = engine().entity(Collection::Receipts, made.entityId)->value(s("lines")).toArray();
    QCOMPARE(lines.size(), 3);
    // Stored as compact JSON text; the event log holds the array as an array.
    QVERIFY(queryValue(m_home->store(), s("SELECT lines FROM receipts")).toString().startsWith(s("[{\"category\":\"Groceries\"")));
    QCOMPARE(storedEvent(m_home->store(), engine().householdId(), made.seq).entity.value(s("lines")).toArray(), lines);
    QVERIFY(m_home->reopen());
    const auto again = m_home->engine().entity(Collection::Receipts, made.entityId);
    QVERIFY(again);
    QCOMPARE(again->value(s("lines")).toArray(), lines);
    QCOMPARE(Receipt::fromJson(*again).lines.at(0).name, s("Milk 1l"));
    // A snapshot (what a joining copy fetches) carries the array too.
    const QJsonArray rows = m_home->engine().snapshot(Collection::Receipts);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).toObject().value(s("lines")).toArray(), lines);
}

void tst_Receipts::onlyWhatWasReadCanBeCorrected()
{
    const MutationResult made = confirm(lidl());
    QVERIFY(made.ok);
    const MutationResult fixed = receipts().apply(receipts().editMutation(made.entityId, s("Lidl Mitte"), QDate(2026, 3, 13), 810));
    QVERIFY2(fixed.ok, qPrintable(fixed.error.message));
    QCOMPARE(receipts().find(made.entityId)->merchant, s("Lidl Mitte"));
    QCOMPARE(receipts().find(made.entityId)->itemCount, 3); // the host's fields stay
    const MutationResult linesChanged = receipts().update(made.entityId, {{s("lines"), QJsonArray()}});
    QVERIFY(!linesChanged.ok);
    QCOMPARE(linesChanged.error.field, s("lines"));
    const MutationResult countChanged = receipts().update(made.entityId, {{s("item_count"), 99}});
    QVERIFY(!countChanged.ok);
}

void tst_Receipts::deleteAloneKeepsTransactionsAndPantry()
{
    const MutationResult made = confirm(lidl());
    QVERIFY(made.ok);
    const MutationResult removed = receipts().apply(receipts().deleteMutation(made.entityId, false));
    QVERIFY2(removed.ok, qPrintable(removed.error.message));
    QCOMPARE(countRows(m_home->store(), s("receipts")), 0);
    QCOMPARE(countRows(m_home->store(), s("transactions")), 2);
    QCOMPARE(countRows(m_home->store(), s("transactions"), s("receipt_id IS NOT NULL")), 0); // cleared, as events
    QCOMPARE(countRows(m_home->store(), s("pantry_items")), 2);
    QCOMPARE(quantityOf(m_milk), 3.0);
}

void tst_Receipts::deleteWithLinkedTakesThemBack()
{
    const MutationResult made = confirm(lidl());
    QVERIFY(made.ok);
    // Someone used some milk meanwhile: taking the receipt back steps by what it added.
    QVERIFY(engine().submit({{}, Collection::Pantry, MutationOp::Update, m_milk, -1, {{s("quantity_delta"), -0.5}}}).ok);
    const ModelSignals receiptSignals(&receipts());
    const qint64 head = engine().headSeq();
    QSignalSpy changes(&engine(), &HouseholdEngine::changed);
    const MutationResult removed = receipts().apply(receipts().deleteMutation(made.entityId, true));
    QVERIFY2(removed.ok, qPrintable(removed.error.message));
    QCOMPARE(countRows(m_home->store(), s("receipts")), 0);
    QCOMPARE(countRows(m_home->store(), s("transactions")), 0);
    QCOMPARE(countRows(m_home->store(), s("pantry_items")), 1); // the bread it made is gone
    QCOMPARE(quantityOf(m_milk), 0.5);
    QCOMPARE(receiptSignals.counts(), ModelSignals::expected(0, 1, 0));
    // One unit: the links cleared (2), the receipt (1), the transactions (2), the bread and the milk (2).
    QCOMPARE(engine().headSeq(), head + 7);
    QCOMPARE(changes.size(), 7);
}

void tst_Receipts::laterStockStaysAndUnitsConvert()
{
    // 500 ml of milk go into the item kept in litres as 0.5; the bread it made is then added to by
    // hand. Taking the receipt back removes only what it added, in the item's unit, and keeps the
    // bread item, which someone has touched since.
    Receipt r = lidl();
    r.lines[0] = line("Milk 500ml", 129, "Groceries", toPantry(500, "ml", "Fridge", m_milk));
    r.totalCents = 677;
    const MutationResult made = confirm(r);
    QVERIFY2(made.ok, qPrintable(made.error.message));
    QCOMPARE(quantityOf(m_milk), 1.5);
    const Receipt stored = *receipts().find(made.entityId);
    const QString bread = stored.lines.at(1).pantry.pantryItemId;
    QVERIFY(!bread.isEmpty());
    QVERIFY(engine().submit({{}, Collection::Pantry, MutationOp::Update, bread, -1, {{s("quantity_delta"), 2}}}).ok);
    QVERIFY(receipts().apply(receipts().deleteMutation(made.entityId, true)).ok);
    QCOMPARE(quantityOf(m_milk), 1.0);
    QCOMPARE(quantityOf(bread), 2.0);
}

void tst_Receipts::childIsRefused()
{
    const MutationResult child = engine().submit(
        {{}, Collection::Members, MutationOp::Create, {}, -1, {{s("name"), s("Mia")}, {s("role"), s("child")}}});
    QVERIFY(child.ok);
    const MutationResult refused = engine().submitAs(receipts().confirmMutation(lidl()), child.entityId);
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error.code, s("forbidden"));
    QCOMPARE(countRows(m_home->store(), s("receipts")), 0);
    const MutationResult made = confirm(lidl());
    QVERIFY(made.ok);
    QCOMPARE(engine().submitAs(receipts().deleteMutation(made.entityId, true), child.entityId).error.code, s("forbidden"));
}

void tst_Receipts::broadcastCarriesReceiptIdAndItemCount()
{
    QSignalSpy changes(&engine(), &HouseholdEngine::changed);
    const MutationResult made = confirm(lidl());
    QVERIFY(made.ok);
    const Change change = changes.at(0).at(0).value<Change>();
    QString error;
    const auto message = protocol::decode(protocol::encodeChange(change), &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->event, s("receipt_confirmed"));
    QCOMPARE(message->data.value(s("receipt_id")).toString(), made.entityId);
    QCOMPARE(message->data.value(s("item_count")).toInteger(), 3);
    // Beside the envelope, which stays whole: the change reads back as it was.
    QCOMPARE(message->data.value(s("entity_id")).toString(), made.entityId);
    const auto back = protocol::changeFromMessage(*message);
    QVERIFY(back);
    QCOMPARE(back->collection, Collection::Receipts);
    QCOMPARE(back->entity.value(s("lines")).toArray(), change.entity.value(s("lines")).toArray());
    // The generic form gives the same bytes.
    QCOMPARE(protocol::encodeChange(change), protocol::encode(s("receipt_confirmed"), protocol::changeData(change), change.seq));
    // A transaction it made goes out as any transaction does, without the receipt's keys.
    const auto transaction = protocol::decode(protocol::encodeChange(changes.at(1).at(0).value<Change>()), &error);
    QVERIFY(transaction);
    QVERIFY(!transaction->data.contains(s("item_count")));
}

void tst_Receipts::describerSaysWhoWhereAndHowMany()
{
    const MutationResult sam = engine().submit(
        {{}, Collection::Members, MutationOp::Create, {}, -1, {{s("name"), s("Sam")}, {s("role"), s("adult")}}});
    QVERIFY(sam.ok);
    QSignalSpy changes(&engine(), &HouseholdEngine::changed);
    QVERIFY(engine().submitAs(receipts().confirmMutation(lidl()), sam.entityId).ok);
    const Change change = changes.at(0).at(0).value<Change>();
    const CollectionSpec &spec = collectionSpec(Collection::Receipts);
    QCOMPARE(spec.describe(change, {}, *m_data), s("Sam added a receipt from Lidl (3 items)"));
    Change one = change;
    one.entity.insert(s("item_count"), 1);
    QCOMPARE(spec.describe(one, {}, *m_data), s("Sam added a receipt from Lidl (1 item)"));
}

void tst_Receipts::modelUnderTesterAndRememberedCategories()
{
    QAbstractItemModelTester tester(&receipts(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QHash<int, QByteArray> roles = receipts().roleNames();
    for (const char *name : {"id", "merchant", "purchasedOn", "totalCents", "itemCount", "hasImage", "thumbnail", "imageState", "createdBy", "sortKey"})
        QVERIFY2(roles.values().contains(QByteArray(name)), name);

    ModelSignals signalsSeen(&receipts());
    const MutationResult made = confirm(lidl());
    QVERIFY(made.ok);
    QCOMPARE(signalsSeen.counts(), ModelSignals::expected(1, 0, 0));
    const QModelIndex row = receipts().index(receipts().rowOf(made.entityId), ReceiptsModel::Items);
    QCOMPARE(row.data().toString(), s("3 items"));
    QCOMPARE(row.data(ReceiptsModel::TotalRole).toLongLong(), 806);
    // Alone (or hosting) the device has the image itself: the thumbnail is there at once.
    QCOMPARE(row.data(ReceiptsModel::ThumbnailRole).toByteArray(), lidl().thumbnailJpeg);
    QCOMPARE(row.data(ReceiptsModel::ImageStateRole).value<ReceiptsModel::ImageState>(), ReceiptsModel::ImageState::Here);

    // Remembered per product (the latest receipt that had it), else per merchant (the most chosen).
    QCOMPARE(receipts().rememberedCategory(s("Aldi"), s("shampoo ")), s("Household"));
    QCOMPARE(receipts().rememberedCategory(s("lidl"), s("Cheese")), s("Groceries"));
    QCOMPARE(receipts().rememberedCategory(s("Aldi"), s("Cheese")), QString());
    Receipt later = lidl();
    later.purchasedOn = QDate(2026, 3, 15);
    later.lines = {line("Shampoo", 299, "Personal care")};
    QVERIFY(confirm(later).ok);
    QCOMPARE(receipts().rememberedCategory(s("Aldi"), s("Shampoo")), s("Personal care"));

    signalsSeen.clear();
    QVERIFY(receipts().apply(receipts().editMutation(made.entityId, s("Lidl"), QDate(2026, 3, 14), 807)).ok);
    QCOMPARE(signalsSeen.counts(), ModelSignals::expected(0, 0, 1));
}

QTEST_GUILESS_MAIN(tst_Receipts)
void tst_Receipts::deletingAReceiptDeletesItsImage()
{
    const MutationResult kept = confirm(lidl());
    const MutationResult gone = confirm(lidl());
    QVERIFY(kept.ok && gone.ok);
    QCOMPARE(countRows(m_home->store(), s("receipt_images")), 2);
    QVERIFY(receipts().apply(receipts().deleteMutation(gone.entityId, false)).ok);
    QCOMPARE(countRows(m_home->store(), s("receipt_images")), 1);
    QVERIFY(!receiptimages::hosted(m_home->store(), engine().householdId(), gone.entityId, ReceiptImageSize::Full));
    QVERIFY(receiptimages::hosted(m_home->store(), engine().householdId(), kept.entityId, ReceiptImageSize::Full));
}

void tst_Receipts::migrationMovesAnOldRowsImage()
{
    const MutationResult made = confirm(lidl());
    QVERIFY(made.ok);
    const MutationResult imageless = confirm(lidl());
    QVERIFY(imageless.ok);
    m_data.reset();
    // Back to the layout before images left the row: the image in receipts.image and in the log.
    const QString image = QString::fromLatin1(lidl().imageJpeg.toBase64());
    for (const QString &sql : {s("DROP TABLE receipt_images"), s("DROP TABLE receipt_image_cache"),
                               s("ALTER TABLE receipts DROP COLUMN has_image"),
                               s("ALTER TABLE receipts ADD COLUMN image TEXT NOT NULL DEFAULT ''"),
                               s("UPDATE receipts SET image = :image"),
                               s("UPDATE events SET entity = json_set(json_remove(entity, '$.has_image'), '$.image', :image) "
                                 "WHERE collection = 'receipts'"),
                               s("UPDATE collection_schema SET steps = 1 WHERE collection = 'receipts'")}) {
        QSqlQuery query(m_home->store().database());
        query.prepare(sql);
        if (sql.contains(s(":image")))
            query.bindValue(s(":image"), image);
        QVERIFY2(query.exec(), qPrintable(sql + s(": ") + query.lastError().text()));
    }
    // An old event may carry "image": null; it is rewritten as well.
    QSqlQuery nullImage(m_home->store().database());
    nullImage.prepare(s("UPDATE events SET entity = json_set(entity, '$.image', json('null')) WHERE seq = ?"));
    nullImage.addBindValue(imageless.seq);
    QVERIFY(nullImage.exec());
    QVERIFY(queryValue(m_home->store(), s("SELECT entity FROM events WHERE seq = ?"), {made.seq}).toString().contains(image));
    QVERIFY(queryValue(m_home->store(), s("SELECT entity FROM events WHERE seq = ?"), {imageless.seq}).toString().contains(s("\"image\":null")));

    QVERIFY(m_home->reopen());
    QCOMPARE(receiptimages::local(m_home->store(), engine().householdId(), made.entityId, ReceiptImageSize::Full), lidl().imageJpeg);
    // Moved before thumbnails existed: the full image stands in for one.
    QCOMPARE(receiptimages::local(m_home->store(), engine().householdId(), made.entityId, ReceiptImageSize::Thumbnail),
             lidl().imageJpeg);
    const auto receipt = engine().entity(Collection::Receipts, made.entityId);
    QVERIFY(receipt && !receipt->contains(s("image")));
    QVERIFY(receipt->value(s("has_image")).toBool());
    QCOMPARE(queryValue(m_home->store(), s("SELECT count(*) FROM pragma_table_info('receipts') WHERE name = 'image'")).toInt(), 0);
    const StoredEvent event = storedEvent(m_home->store(), engine().householdId(), made.seq);
    QVERIFY(!event.entity.contains(s("image")));
    QVERIFY(event.entity.value(s("has_image")).toBool());
    QCOMPARE(event.entity.value(s("merchant")).toString(), s("Lidl"));
    const StoredEvent nullImageEvent = storedEvent(m_home->store(), engine().householdId(), imageless.seq);
    QVERIFY(!nullImageEvent.entity.contains(s("image")));
    QVERIFY(nullImageEvent.entity.contains(s("has_image")));
    QVERIFY(!nullImageEvent.entity.value(s("has_image")).toBool());
}

#include "tst_receipts.moc"
