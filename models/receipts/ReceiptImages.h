#pragma once

// A receipt's image lives beside its row, never in it: the host keeps it in receipt_images (made
// by the receipts collection's migration, deleted with the receipt), and a joined device keeps
// what it fetched, and what it confirmed itself, in receipt_image_cache, so snapshots, replays
// and broadcasts stay small and an image opened once opens offline. docs/protocol.md ("Receipt
// images").

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

namespace hearth {

class Store;

enum class ReceiptImageSize { Full, Thumbnail };

// The SQL side, for the host (hosted*) and for a joined device's cache (cache*). Images are base64
// JPEG text, so the same columns work on any SQL dialect.
namespace receiptimages {

QString sizeName(ReceiptImageSize size);                        // "full", "thumbnail"
std::optional<ReceiptImageSize> sizeFromName(const QString &name); // nullopt for anything else

// The host's copy, written in the receipt's create unit. False (and *error) when SQL refused it.
bool storeHosted(Store &store, const QString &householdId, const QString &receiptId, const QString &imageBase64,
                 const QString &thumbnailBase64, QString *error);
// The household's image of that receipt, as base64. Nothing when the household has no such image
// — a thumbnail included: one moved from before thumbnails existed has none, and its full image is
// never sent in its place (docs/protocol.md).
std::optional<QString> hosted(Store &store, const QString &householdId, const QString &receiptId, ReceiptImageSize size);

bool cache(Store &store, const QString &householdId, const QString &receiptId, ReceiptImageSize size, const QString &base64);
std::optional<QString> cached(Store &store, const QString &householdId, const QString &receiptId, ReceiptImageSize size);
void forgetCached(Store &store, const QString &householdId, const QString &receiptId);
// Drops cached images of receipts the household no longer has (after a full refetch).
void pruneCache(Store &store, const QString &householdId);

// What this device has of it: the host's copy (alone, or hosting) or the cache (joined); a full
// image already here stands in for a missing thumbnail.
std::optional<QByteArray> local(Store &store, const QString &householdId, const QString &receiptId, ReceiptImageSize size);

} // namespace receiptimages

// Hands views a receipt's image as JPEG bytes: at once when this device has it, otherwise asked
// of the host through the fetcher (set while a joined household syncs) and announced by
// arrived() or unavailable(), so nothing waits on the network.
class ReceiptImages final : public QObject
{
    Q_OBJECT

public:
    // Sends the request; false when it cannot go now (offline, or no host to ask).
    using Fetcher = std::function<bool(const QString &receiptId, ReceiptImageSize size)>;

    ReceiptImages(Store &store, QString householdId, QObject *parent = nullptr);

    std::optional<QByteArray> local(const QString &receiptId, ReceiptImageSize size) const;
    // The bytes when here; else asks once (until an answer) and returns nothing. With no fetcher,
    // or one that cannot send, unavailable() follows (queued, never from inside this call).
    // At most kMaxInFlight requests are out at once; the rest wait, the latest asked going first.
    std::optional<QByteArray> request(const QString &receiptId, ReceiptImageSize size);
    static constexpr int kMaxInFlight = 4;
    int inFlight() const { return int(m_inFlight.size()); }

    void setFetcher(Fetcher fetcher) { m_fetcher = std::move(fetcher); }
    bool canFetch() const { return bool(m_fetcher); }

    // The fetcher's answers (already cached by whoever fetched them).
    void deliver(const QString &receiptId, ReceiptImageSize size, const QByteArray &jpeg);
    void fail(const QString &receiptId, ReceiptImageSize size, const QString &code);
    // The host may be reachable again: what could not come is worth asking for once more.
    void notifyOnline() { Q_EMIT online(); }
    // Drops what this device kept of a receipt that is gone (of every receipt gone, for prune).
    void forget(const QString &receiptId);
    void prune();

Q_SIGNALS:
    void arrived(const QString &receiptId, hearth::ReceiptImageSize size, const QByteArray &jpeg);
    // `code`: "offline" (no host reachable now), "not_found" (the host has no image of it), or
    // the host's error code.
    void unavailable(const QString &receiptId, hearth::ReceiptImageSize size, const QString &code);
    void online();

private:
    struct Waiting
    {
        QString receiptId;
        ReceiptImageSize size;
    };
    void send(const QString &receiptId, ReceiptImageSize size);
    void settle(const QString &receiptId, ReceiptImageSize size); // answered: the next waiting one goes

    Store &m_store;
    QString m_householdId;
    Fetcher m_fetcher;
    QSet<QString> m_asked;    // "<size>:<receipt id>" awaiting an answer, sent or waiting
    QSet<QString> m_inFlight; // of those, the ones sent
    QList<Waiting> m_waiting;
};

} // namespace hearth
