// Receipts: a scanned receipt the household confirmed. Confirming is one create that the host
// turns into the receipt, one budget transaction per category and the pantry additions, all in
// one unit; deleting may take those back in the same way (remove_linked).

#include "AuthoritativeEngine.h"
#include "Definition.h"
#include "PantryModel.h"
#include "receipts/ReceiptImages.h"
#include "receipts/ReceiptsModel.h"

#include <QJsonArray>
#include <QMap>
#include <QUuid>

#include <cmath>

namespace hearth {

using namespace definition;

namespace {

// A base64 JPEG of about 300 KB and its thumbnail (≤ 160 px, a few KB), inputs of the create that
// go to receipt_images, never into the row; and room for a long receipt's lines.
constexpr qsizetype kMaxImageCharacters = 420'000;
constexpr qsizetype kMaxThumbnailCharacters = 64'000;
constexpr qsizetype kMaxLinesCharacters = 100'000;
constexpr qsizetype kMaxLineText = 200;

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString categoryOf(const QJsonObject &line)
{
    const QString category = textOf(line, "category");
    return category.isEmpty() ? QStringLiteral("Other") : category;
}

// What each category of the receipt costs, in a fixed order (so the guard's ids and the effects'
// transactions pair up); categories that come to nothing make no transaction.
QMap<QString, qint64> spentPerCategory(const QJsonArray &lines)
{
    QMap<QString, qint64> sums;
    for (const QJsonValue &v : lines)
        sums[categoryOf(v.toObject())] += v.toObject().value(QLatin1String("price_cents")).toInteger();
    for (auto it = sums.begin(); it != sums.end();)
        it = it.value() == 0 ? sums.erase(it) : std::next(it);
    return sums;
}

// A line's amount in the unit of the pantry item it goes into ("500 g" into flour kept in kg is
// 0.5); as it is when the units do not convert (pieces, packs) or the line names none.
double inItemsUnit(AuthoritativeEngine &engine, const QString &itemId, double quantity, const QString &unit)
{
    const auto item = engine.entity(Collection::Pantry, itemId);
    if (!item || unit.isEmpty())
        return quantity;
    return PantryModel::convertAmount(quantity, unit, item->value(QLatin1String("unit")).toString()).value_or(quantity);
}

std::optional<MutationError> checkLines(const QJsonArray &lines)
{
    if (lines.isEmpty())
        return invalid("lines", "A receipt needs at least one line.");
    for (const QJsonValue &v : lines) {
        if (!v.isObject())
            return invalid("lines", "Every line of a receipt must have a name, a quantity and a price.");
        const QJsonObject line = v.toObject();
        const QString name = textOf(line, "name");
        if (name.isEmpty())
            return invalid("lines", "Give every line of the receipt a name.");
        if (name.size() > kMaxLineText || textOf(line, "category").size() > kMaxLineText)
            return invalid("lines", "A line's name or category is too long.");
        const QJsonValue price = line.value(QLatin1String("price_cents"));
        if (!price.isDouble() || std::trunc(price.toDouble()) != price.toDouble() || std::abs(price.toDouble()) > 1e12)
            return invalid("lines", "Every line's price must be a whole number of cents.");
        const double quantity = line.value(QLatin1String("quantity")).toDouble(1);
        if (!std::isfinite(quantity) || quantity <= 0 || quantity > 1e6)
            return invalid("lines", "Every line's quantity must be more than zero.");
        const QJsonObject pantry = line.value(QLatin1String("pantry")).toObject();
        if (pantry.value(QLatin1String("add")).toBool()) {
            const double amount = pantry.value(QLatin1String("quantity")).toDouble(1);
            if (!std::isfinite(amount) || amount <= 0 || amount > 1e9)
                return invalid("lines", "What a line adds to the pantry must be more than zero.");
        }
    }
    return std::nullopt;
}

// The host decides who confirmed it, how many lines it has, and the ids of what it makes: the
// transactions (one per category) and the pantry items a line creates rather than adds to.
std::optional<MutationError> prepareReceipt(MutationContext &context)
{
    QJsonObject &after = context.after;
    switch (context.mutation.op) {
    case MutationOp::Create: {
        after.insert(QStringLiteral("created_by"), context.memberId.isEmpty() ? QJsonValue(QJsonValue::Null) : context.memberId);
        after.insert(QStringLiteral("remove_linked"), false);
        after.insert(QStringLiteral("has_image"), !context.input.value(QLatin1String("image")).toString().isEmpty());
        QJsonArray lines = after.value(QLatin1String("lines")).toArray();
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QJsonObject line = lines.at(i).toObject();
            QJsonObject pantry = line.value(QLatin1String("pantry")).toObject();
            if (!pantry.value(QLatin1String("add")).toBool())
                continue;
            const QString existing = textOf(pantry, "pantry_item_id");
            if (existing.isEmpty()) {
                pantry.insert(QStringLiteral("pantry_item_id"), newId());
                pantry.insert(QStringLiteral("created"), true);
            } else if (!context.engine.exists(Collection::Pantry, existing)) {
                return invalid("lines", "A pantry item this receipt adds to is gone; choose it again.");
            } else {
                pantry.remove(QStringLiteral("created"));
            }
            line.insert(QStringLiteral("pantry"), pantry);
            lines.replace(i, line);
        }
        after.insert(QStringLiteral("lines"), lines);
        after.insert(QStringLiteral("item_count"), lines.size());
        QJsonArray transactions;
        for (qsizetype i = spentPerCategory(lines).size(); i > 0; --i)
            transactions.append(newId());
        after.insert(QStringLiteral("transaction_ids"), transactions);
        return std::nullopt;
    }
    case MutationOp::Update:
        // What was confirmed stays as it was written (its transactions and pantry additions follow
        // from it); what was read can be corrected.
        if (!onlyTouches(context.mutation.fields, {"merchant", "purchased_on", "total_cents", "currency"}))
            return invalid("lines", "Only a receipt's shop, date, total and currency can be changed after confirming it.");
        return std::nullopt;
    case MutationOp::Delete:
        return std::nullopt;
    }
    return std::nullopt;
}

// Writes what a confirmed receipt makes, or takes it back when it is deleted with remove_linked.
// Any refusal here undoes the whole unit, the receipt included.
std::optional<MutationError> applyReceipt(MutationContext &context)
{
    AuthoritativeEngine &engine = context.engine;
    const auto submit = [&](Collection collection, MutationOp op, const QString &id, const QJsonObject &fields) {
        return engine.submitAs(Mutation{{}, collection, op, id, -1, fields}, QString());
    };
    const QJsonObject &receipt = context.after;
    const QJsonArray lines = receipt.value(QLatin1String("lines")).toArray();
    if (context.mutation.op == MutationOp::Create) {
        if (receipt.value(QLatin1String("has_image")).toBool()) {
            QString sqlError;
            if (!receiptimages::storeHosted(engine.store(), engine.householdId(), textOf(receipt, "id"),
                                            context.input.value(QLatin1String("image")).toString(),
                                            context.input.value(QLatin1String("thumbnail")).toString(), &sqlError))
                return MutationError{QStringLiteral("storage"), QStringLiteral("The receipt's image could not be saved (%1).").arg(sqlError), {}};
        }
        const QJsonArray ids = receipt.value(QLatin1String("transaction_ids")).toArray();
        const QMap<QString, qint64> spent = spentPerCategory(lines);
        qsizetype i = 0;
        for (auto it = spent.cbegin(); it != spent.cend(); ++it, ++i) {
            const MutationResult made = submit(
                Collection::Transactions, MutationOp::Create, ids.at(i).toString(),
                {{QStringLiteral("occurred_on"), receipt.value(QLatin1String("purchased_on"))},
                 {QStringLiteral("description"), say("Receipt: %1").arg(textOf(receipt, "merchant"))},
                 {QStringLiteral("category"), it.key()},
                 {QStringLiteral("amount_cents"), it.value()},
                 {QStringLiteral("member_id"), receipt.value(QLatin1String("created_by"))},
                 {QStringLiteral("receipt_id"), textOf(receipt, "id")}});
            if (!made.ok)
                return made.error;
        }
        for (const QJsonValue &v : lines) {
            const QJsonObject line = v.toObject();
            const QJsonObject pantry = line.value(QLatin1String("pantry")).toObject();
            if (!pantry.value(QLatin1String("add")).toBool())
                continue;
            const QString itemId = textOf(pantry, "pantry_item_id");
            const double quantity = pantry.value(QLatin1String("quantity")).toDouble(1);
            const QString unit = textOf(pantry, "unit");
            const MutationResult added = pantry.value(QLatin1String("created")).toBool()
                ? submit(Collection::Pantry, MutationOp::Create, itemId,
                         {{QStringLiteral("name"), textOf(line, "name")},
                          {QStringLiteral("quantity"), quantity},
                          {QStringLiteral("unit"), unit.isEmpty() ? QStringLiteral("pcs") : unit},
                          {QStringLiteral("location"), textOf(pantry, "location")}})
                : submit(Collection::Pantry, MutationOp::Update, itemId,
                         {{stepKey(QStringLiteral("quantity")), inItemsUnit(engine, itemId, quantity, unit)}});
            if (!added.ok)
                return added.error;
        }
        return std::nullopt;
    }
    if (context.mutation.op != MutationOp::Delete || !context.mutation.fields.value(QLatin1String("remove_linked")).toBool())
        return std::nullopt;
    // Taken back as far as it is still there: a transaction or item someone removed meanwhile is
    // already gone, and a quantity stops at zero.
    for (const QJsonValue &id : receipt.value(QLatin1String("transaction_ids")).toArray()) {
        if (!engine.exists(Collection::Transactions, id.toString()))
            continue;
        const MutationResult removed = submit(Collection::Transactions, MutationOp::Delete, id.toString(), {});
        if (!removed.ok)
            return removed.error;
    }
    for (const QJsonValue &v : lines) {
        const QJsonObject pantry = v.toObject().value(QLatin1String("pantry")).toObject();
        const QString itemId = textOf(pantry, "pantry_item_id");
        if (!pantry.value(QLatin1String("add")).toBool() || !engine.exists(Collection::Pantry, itemId))
            continue;
        // An item the receipt made goes only while nobody has touched it (its first revision, still
        // holding what was bought); otherwise, like an item it added to, it is stepped back by
        // what the receipt added, so later purchases and presses stay.
        const double quantity = pantry.value(QLatin1String("quantity")).toDouble(1);
        const auto item = engine.entity(Collection::Pantry, itemId);
        const bool created = pantry.value(QLatin1String("created")).toBool();
        const bool untouched = created && item->value(QLatin1String("rev")).toInteger() == 1
            && item->value(QLatin1String("quantity")).toDouble() == quantity;
        const double added = created ? quantity : inItemsUnit(engine, itemId, quantity, textOf(pantry, "unit"));
        const MutationResult undone = untouched
            ? submit(Collection::Pantry, MutationOp::Delete, itemId, {})
            : submit(Collection::Pantry, MutationOp::Update, itemId, {{stepKey(QStringLiteral("quantity")), -added}});
        if (!undone.ok)
            return undone.error;
    }
    return std::nullopt;
}

} // namespace

const CollectionSpec &receiptsCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::Receipts,
        .name = QStringLiteral("receipts"),
        .table = QStringLiteral("receipts"),
        .fields = {text("merchant").require("Give the shop's name."),
                   date("purchased_on").require("Give the date of the purchase."),
                   cents("total_cents"),
                   text("currency"),
                   list("lines").longest(kMaxLinesCharacters, "The receipt has too many lines."),
                   // Host-decided: whether receipt_images holds its image (fetch_image).
                   boolean("has_image"),
                   integer("item_count"),
                   reference("created_by", {Collection::Members, OnDelete::SetNull, "That person is not a member of this household."}),
                   list("transaction_ids").longest(10'000, "The receipt has too many categories."),
                   // Only read from a delete: its transactions and pantry additions go too.
                   boolean("remove_linked")},
        .inputs = {text("image").longest(kMaxImageCharacters, "The receipt's image is too large (at most about 300 KB)."),
                   text("thumbnail").longest(kMaxThumbnailCharacters, "The receipt's thumbnail is too large.")},
        .rules = [](const QJsonObject &entity) { return checkLines(entity.value(QLatin1String("lines")).toArray()); },
        .childMay = [](MutationOp, const QJsonObject &) -> std::optional<MutationError> {
            return forbidden("Only adults can add or remove receipts.");
        },
        .guard = prepareReceipt,
        .effects = applyReceipt,
        .eventName = [](const Change &change) -> QString {
            switch (change.action) {
            case ChangeAction::Created: return QStringLiteral("receipt_confirmed");
            case ChangeAction::Updated: return QStringLiteral("receipt_updated");
            case ChangeAction::Deleted: return QStringLiteral("receipt_deleted");
            }
            return QStringLiteral("receipt_updated");
        },
        .eventNames = {QStringLiteral("receipt_confirmed"), QStringLiteral("receipt_updated"), QStringLiteral("receipt_deleted")},
        .eventData = [](const Change &change) -> QJsonObject {
            return {{QStringLiteral("receipt_id"), change.entityId},
                    {QStringLiteral("item_count"), change.entity.value(QLatin1String("item_count")).toInteger()}};
        },
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) -> QString {
            const QString merchant = textOf(change.entity, "merchant");
            const int items = int(change.entity.value(QLatin1String("item_count")).toInteger());
            switch (change.action) {
            case ChangeAction::Created:
                return QCoreApplication::translate("Collections", "%1 added a receipt from %2 (%n item(s))", nullptr, items)
                    .arg(who(change, data), merchant);
            case ChangeAction::Updated: return say("%1 corrected the receipt from %2").arg(who(change, data), merchant);
            case ChangeAction::Deleted: return say("%1 removed the receipt from %2").arg(who(change, data), merchant);
            }
            return {};
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<ReceiptsModel>(data.engine);
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE receipts (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "merchant TEXT NOT NULL, purchased_on TEXT NOT NULL, total_cents INTEGER NOT NULL, "
                           "currency TEXT NOT NULL, lines TEXT NOT NULL, image TEXT NOT NULL, item_count INTEGER NOT NULL, "
                           "created_by TEXT REFERENCES members(id) ON DELETE SET NULL, transaction_ids TEXT NOT NULL, "
                           "remove_linked INTEGER NOT NULL, rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX receipts_household ON receipts (household_id, purchased_on)"),
        }, {
            // Images leave the row (and so every snapshot, replay and broadcast): the host's copy
            // goes with its receipt, a joined device's fetched ones with its household. Base64
            // TEXT and DROP COLUMN read the same on SQLite (3.35+) and PostgreSQL.
            QStringLiteral("CREATE TABLE receipt_images (receipt_id TEXT PRIMARY KEY REFERENCES receipts(id) ON DELETE CASCADE, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "image TEXT NOT NULL, thumbnail TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE TABLE receipt_image_cache (household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "receipt_id TEXT NOT NULL, size TEXT NOT NULL, image TEXT NOT NULL, "
                           "PRIMARY KEY (household_id, receipt_id, size))"),
            QStringLiteral("INSERT INTO receipt_images (receipt_id, household_id, image) "
                           "SELECT id, household_id, image FROM receipts WHERE image <> ''"),
            QStringLiteral("ALTER TABLE receipts ADD COLUMN has_image INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("UPDATE receipts SET has_image = CASE WHEN image <> '' THEN 1 ELSE 0 END"),
            QStringLiteral("ALTER TABLE receipts DROP COLUMN image"),
            // The log replays entities as they were written: the old ones lose their image too
            // (SQLite's JSON1; a PostgreSQL log would use entity::jsonb - 'image').
            QStringLiteral("UPDATE events SET entity = json_set(json_remove(entity, '$.image'), '$.has_image', "
                           "json(CASE WHEN coalesce(json_extract(entity, '$.image'), '') <> '' THEN 'true' ELSE 'false' END)) "
                           "WHERE collection = 'receipts' AND json_type(entity, '$.image') IS NOT NULL"), // an "image": null too
        }},
    };
    return spec;
}

} // namespace hearth
