#include "HttpAdmission.h"

#include <QUrlQuery>

namespace hearth {

namespace {
const QString kRoomPrefix = QStringLiteral("/api/ws/");
constexpr QByteArrayView kSnapshotTarget = "/api/snapshot/";
constexpr QByteArrayView kBearer = "authorization: bearer ";
const QString kReceiptsPrefix = QStringLiteral("/api/receipts/");

QUrl targetOf(const QByteArray &head)
{
    return QUrl(QString::fromLatin1(head.left(head.indexOf("\r\n")).split(' ').value(1)));
}

QString bearerOf(const QByteArray &head)
{
    for (const QByteArray &line : head.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.toLower().startsWith(kBearer))
            return QString::fromLatin1(trimmed.mid(kBearer.size()));
    }
    return {};
}

// "/api/receipts/{household}/{receipt}/image" as its two ids; empty when the path is not one.
QStringList imagePathIds(const QString &path)
{
    if (!path.startsWith(kReceiptsPrefix))
        return {};
    const QStringList parts = path.mid(kReceiptsPrefix.size()).split(QLatin1Char('/'));
    if (parts.size() != 3 || parts.at(0).isEmpty() || parts.at(1).isEmpty() || parts.at(2) != QLatin1String("image"))
        return {};
    return {parts.at(0), parts.at(1)};
}
} // namespace

HttpAdmission::HttpAdmission(QStringList allowedOrigins)
    : m_allowedOrigins(std::move(allowedOrigins))
{
}

bool HttpAdmission::originAllowed(const QByteArray &head) const
{
    const QByteArray origin = headerValue(head, "origin");
    return origin.isEmpty() || m_allowedOrigins.contains(QString::fromLatin1(origin));
}

bool HttpAdmission::isRoomPath(const QString &path)
{
    return path.startsWith(kRoomPrefix) && path.size() > kRoomPrefix.size() && path.indexOf(QLatin1Char('/'), kRoomPrefix.size()) < 0;
}

std::optional<HttpAdmission::RoomRequest> HttpAdmission::roomRequest(const QUrl &url)
{
    const QString path = url.path();
    if (!isRoomPath(path))
        return std::nullopt;
    const QUrlQuery query(url);
    RoomRequest request{path.mid(kRoomPrefix.size()), query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded), {}};
    if (query.hasQueryItem(QStringLiteral("since"))) {
        bool ok = false;
        const qint64 value = query.queryItemValue(QStringLiteral("since")).toLongLong(&ok);
        if (ok && value >= 0)
            request.since = value;
    }
    return request;
}

bool HttpAdmission::isSnapshotRequest(const QByteArray &head)
{
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    return requestLine.value(0) == "GET" && requestLine.value(1).startsWith(kSnapshotTarget)
        && !hasToken(headerValue(head, "upgrade"), "websocket");
}

HttpAdmission::SnapshotRequest HttpAdmission::snapshotRequest(const QByteArray &head)
{
    return SnapshotRequest{targetOf(head).path().mid(int(kSnapshotTarget.size())), bearerOf(head)};
}

bool HttpAdmission::isImageRequest(const QByteArray &head)
{
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    return requestLine.value(0) == "GET" && !imagePathIds(targetOf(head).path()).isEmpty()
        && !hasToken(headerValue(head, "upgrade"), "websocket");
}

HttpAdmission::ImageRequest HttpAdmission::imageRequest(const QByteArray &head)
{
    const QUrl url = targetOf(head);
    const QStringList ids = imagePathIds(url.path());
    const QUrlQuery query(url);
    const QString size = query.hasQueryItem(QStringLiteral("size")) ? query.queryItemValue(QStringLiteral("size")) : QStringLiteral("full");
    return ImageRequest{ids.value(0), ids.value(1), size, bearerOf(head)};
}

QByteArray HttpAdmission::snapshotStatus(int status)
{
    const QByteArray reason = status == 200 ? "OK"
        : status == 400                     ? "Bad Request"
        : status == 401                     ? "Unauthorized"
        : status == 404                     ? "Not Found"
                                            : "Forbidden";
    return QByteArray::number(status) + ' ' + reason;
}

QByteArray HttpAdmission::snapshotHeaders(const QByteArray &contentType)
{
    // A receipt's image is private to the household like the snapshot: no cache may keep it.
    return "Content-Type: " + contentType + "\r\nCache-Control: no-store\r\n";
}

QByteArray HttpAdmission::headerValue(const QByteArray &head, const QByteArray &lowerName)
{
    for (const QByteArray &line : head.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.size() > lowerName.size() && trimmed.at(lowerName.size()) == ':'
            && trimmed.left(lowerName.size()).toLower() == lowerName)
            return trimmed.mid(lowerName.size() + 1).trimmed();
    }
    return {};
}

bool HttpAdmission::hasToken(const QByteArray &value, const QByteArray &lowerToken)
{
    for (const QByteArray &part : value.split(','))
        if (part.trimmed().toLower() == lowerToken)
            return true;
    return false;
}

} // namespace hearth
