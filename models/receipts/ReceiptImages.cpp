#include "ReceiptImages.h"

#include "Store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

namespace hearth {

namespace receiptimages {

QString sizeName(ReceiptImageSize size)
{
    return size == ReceiptImageSize::Full ? QStringLiteral("full") : QStringLiteral("thumbnail");
}

std::optional<ReceiptImageSize> sizeFromName(const QString &name)
{
    if (name == QLatin1String("full"))
        return ReceiptImageSize::Full;
    if (name == QLatin1String("thumbnail"))
        return ReceiptImageSize::Thumbnail;
    return std::nullopt;
}

bool storeHosted(Store &store, const QString &householdId, const QString &receiptId, const QString &imageBase64,
                 const QString &thumbnailBase64, QString *error)
{
    QSqlQuery query(store.database());
    query.prepare(QStringLiteral("INSERT INTO receipt_images (receipt_id, household_id, image, thumbnail) VALUES (?, ?, ?, ?)"));
    query.addBindValue(receiptId);
    query.addBindValue(householdId);
    query.addBindValue(imageBase64);
    query.addBindValue(thumbnailBase64);
    if (query.exec())
        return true;
    *error = query.lastError().text();
    return false;
}

std::optional<QString> hosted(Store &store, const QString &householdId, const QString &receiptId, ReceiptImageSize size)
{
    QSqlQuery query(store.database());
    query.setForwardOnly(true);
    // The household is part of the key asked for: an id of another household's receipt finds nothing.
    query.prepare(size == ReceiptImageSize::Full
                      ? QStringLiteral("SELECT image FROM receipt_images WHERE household_id = ? AND receipt_id = ?")
                      : QStringLiteral("SELECT thumbnail FROM receipt_images WHERE household_id = ? AND receipt_id = ?"));
    query.addBindValue(householdId);
    query.addBindValue(receiptId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    const QString image = query.value(0).toString();
    return image.isEmpty() ? std::nullopt : std::optional<QString>(image);
}

bool cache(Store &store, const QString &householdId, const QString &receiptId, ReceiptImageSize size, const QString &base64)
{
    QSqlQuery query(store.database());
    query.prepare(QStringLiteral("INSERT INTO receipt_image_cache (household_id, receipt_id, size, image) VALUES (?, ?, ?, ?) "
                                 "ON CONFLICT (household_id, receipt_id, size) DO UPDATE SET image = excluded.image"));
    query.addBindValue(householdId);
    query.addBindValue(receiptId);
    query.addBindValue(sizeName(size));
    query.addBindValue(base64);
    return query.exec();
}

std::optional<QString> cached(Store &store, const QString &householdId, const QString &receiptId, ReceiptImageSize size)
{
    QSqlQuery query(store.database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT image FROM receipt_image_cache WHERE household_id = ? AND receipt_id = ? AND size = ?"));
    query.addBindValue(householdId);
    query.addBindValue(receiptId);
    query.addBindValue(sizeName(size));
    if (!query.exec() || !query.next())
        return std::nullopt;
    return query.value(0).toString();
}

void forgetCached(Store &store, const QString &householdId, const QString &receiptId)
{
    QSqlQuery query(store.database());
    query.prepare(QStringLiteral("DELETE FROM receipt_image_cache WHERE household_id = ? AND receipt_id = ?"));
    query.addBindValue(householdId);
    query.addBindValue(receiptId);
    query.exec();
}

void pruneCache(Store &store, const QString &householdId)
{
    QSqlQuery query(store.database());
    // A receipt this device confirmed but has not sent yet is not in a snapshot's rows (a reload
    // drops it before the outbox puts it back): its outbox entry keeps its image here.
    query.prepare(QStringLiteral("DELETE FROM receipt_image_cache WHERE household_id = ? "
                                 "AND receipt_id NOT IN (SELECT id FROM receipts WHERE household_id = ?) "
                                 "AND receipt_id NOT IN (SELECT entity_id FROM outbox "
                                 "WHERE household_id = ? AND collection = 'receipts')"));
    query.addBindValue(householdId);
    query.addBindValue(householdId);
    query.addBindValue(householdId);
    query.exec();
}

std::optional<QByteArray> local(Store &store, const QString &householdId, const QString &receiptId, ReceiptImageSize size)
{
    std::optional<QString> base64 = hosted(store, householdId, receiptId, size);
    if (!base64)
        base64 = cached(store, householdId, receiptId, size);
    if (!base64 && size == ReceiptImageSize::Thumbnail) { // the full image is here: it serves as its thumbnail
        base64 = hosted(store, householdId, receiptId, ReceiptImageSize::Full);
        if (!base64)
            base64 = cached(store, householdId, receiptId, ReceiptImageSize::Full);
    }
    if (!base64 || base64->isEmpty())
        return std::nullopt;
    return QByteArray::fromBase64(base64->toLatin1());
}

} // namespace receiptimages

namespace {
QString askKey(const QString &receiptId, ReceiptImageSize size)
{
    return receiptimages::sizeName(size) + QLatin1Char(':') + receiptId;
}
} // namespace

ReceiptImages::ReceiptImages(Store &store, QString householdId, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_householdId(std::move(householdId))
{
}

std::optional<QByteArray> ReceiptImages::local(const QString &receiptId, ReceiptImageSize size) const
{
    return receiptimages::local(m_store, m_householdId, receiptId, size);
}

std::optional<QByteArray> ReceiptImages::request(const QString &receiptId, ReceiptImageSize size)
{
    if (auto here = local(receiptId, size))
        return here;
    const QString key = askKey(receiptId, size);
    if (m_asked.contains(key))
        return std::nullopt;
    m_asked.insert(key);
    // A few at a time: a list of old receipts must not ask for all of them in one burst (the
    // answers could overflow what the host may queue for one peer, which then drops it).
    if (m_inFlight.size() >= kMaxInFlight)
        m_waiting.append({receiptId, size});
    else
        send(receiptId, size);
    return std::nullopt;
}

void ReceiptImages::send(const QString &receiptId, ReceiptImageSize size)
{
    if (m_fetcher && m_fetcher(receiptId, size)) {
        m_inFlight.insert(askKey(receiptId, size));
        return;
    }
    const QString code = m_fetcher ? QStringLiteral("offline") : QStringLiteral("not_found");
    QTimer::singleShot(0, this, [this, receiptId, size, code] { fail(receiptId, size, code); });
}

void ReceiptImages::settle(const QString &receiptId, ReceiptImageSize size)
{
    const QString key = askKey(receiptId, size);
    m_asked.remove(key);
    m_waiting.removeIf([&](const Waiting &w) { return w.receiptId == receiptId && w.size == size; });
    m_inFlight.remove(key);
    // The latest asked first: what the list shows now rather than what scrolled past.
    if (!m_waiting.isEmpty() && m_inFlight.size() < kMaxInFlight) {
        const Waiting next = m_waiting.takeLast();
        send(next.receiptId, next.size);
    }
}

void ReceiptImages::forget(const QString &receiptId)
{
    receiptimages::forgetCached(m_store, m_householdId, receiptId);
}

void ReceiptImages::prune()
{
    receiptimages::pruneCache(m_store, m_householdId);
}

void ReceiptImages::deliver(const QString &receiptId, ReceiptImageSize size, const QByteArray &jpeg)
{
    settle(receiptId, size);
    Q_EMIT arrived(receiptId, size, jpeg);
}

void ReceiptImages::fail(const QString &receiptId, ReceiptImageSize size, const QString &code)
{
    settle(receiptId, size);
    Q_EMIT unavailable(receiptId, size, code);
}

} // namespace hearth
