#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace hearth {

// What both WebSocket listeners (Qt's, WebSocketListener; hearthd's own, RawWebSocketListener)
// decide from an HTTP request head before anything else happens, stated once: which origins may
// connect, what a room join or a snapshot request asks for, and how a snapshot is answered.
class HttpAdmission
{
public:
    explicit HttpAdmission(QStringList allowedOrigins);

    // Browsers always send Origin on a WebSocket upgrade; a page on another site must not use a
    // family's credentials stored in that browser. Native clients send none and are let through.
    bool originAllowed(const QByteArray &head) const;

    // GET /api/ws/{household_id}?token=…&since=N: a room join (the token may also come later in
    // an auth message; a since that is not a whole number ≥ 0 is ignored).
    struct RoomRequest
    {
        QString householdId;
        QString token;
        std::optional<qint64> since;
    };
    static std::optional<RoomRequest> roomRequest(const QUrl &url);
    static bool isRoomPath(const QString &path);

    // GET /api/snapshot/{household_id} with "Authorization: Bearer <token>".
    struct SnapshotRequest
    {
        QString householdId;
        QString token;
    };
    static bool isSnapshotRequest(const QByteArray &head);
    static SnapshotRequest snapshotRequest(const QByteArray &head);

    // GET /api/receipts/{household_id}/{receipt_id}/image[?size=thumbnail|full] with the same
    // bearer token: a receipt's image on demand (docs/protocol.md, "Receipt images").
    struct ImageRequest
    {
        QString householdId;
        QString receiptId;
        QString size; // "full" unless the query says otherwise (then as given, to be checked)
        QString token;
    };
    static bool isImageRequest(const QByteArray &head);
    static ImageRequest imageRequest(const QByteArray &head);
    // Either of the plain GETs above (not an upgrade).
    static bool isPlainGet(const QByteArray &head) { return isSnapshotRequest(head) || isImageRequest(head); }

    // "200 OK", "400 Bad Request", "401 Unauthorized", "403 Forbidden" or "404 Not Found", and
    // the headers an answer of `contentType` carries.
    static QByteArray snapshotStatus(int status);
    static QByteArray snapshotHeaders(const QByteArray &contentType = "application/json");

    // The value of a header in a request head (name in lower case), trimmed; empty when absent.
    static QByteArray headerValue(const QByteArray &head, const QByteArray &lowerName);
    // Whether a comma-separated header value (Connection: keep-alive, Upgrade) holds a token.
    static bool hasToken(const QByteArray &value, const QByteArray &lowerToken);

private:
    QStringList m_allowedOrigins;
};

} // namespace hearth
