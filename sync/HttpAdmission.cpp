#include "HttpAdmission.h"

#include <QUrlQuery>

namespace hearth {

namespace {
const QString kRoomPrefix = QStringLiteral("/api/ws/");
constexpr QByteArrayView kSnapshotTarget = "/api/snapshot/";
constexpr QByteArrayView kBearer = "authorization: bearer ";
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
    const QList<QByteArray> lines = head.split('\n');
    const QUrl url(QString::fromLatin1(lines.value(0).trimmed().split(' ').value(1)));
    SnapshotRequest request;
    request.householdId = url.path().mid(int(kSnapshotTarget.size()));
    for (const QByteArray &line : lines) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.toLower().startsWith(kBearer))
            request.token = QString::fromLatin1(trimmed.mid(kBearer.size()));
    }
    return request;
}

QByteArray HttpAdmission::snapshotStatus(int status)
{
    const QByteArray reason = status == 200 ? "OK" : status == 401 ? "Unauthorized" : "Forbidden";
    return QByteArray::number(status) + ' ' + reason;
}

QByteArray HttpAdmission::snapshotHeaders()
{
    return "Content-Type: application/json\r\nCache-Control: no-store\r\n";
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
