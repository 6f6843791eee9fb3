// What both WebSocket listeners decide from a request head, in one place (HttpAdmission): origins,
// room joins with their token and since, snapshot requests and their answers. The listeners
// themselves are tested end to end in tst_roomhost and tst_rawwebsocket.

#include "HttpAdmission.h"

#include <QTest>

using namespace hearth;

class tst_HttpAdmission : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nativeClientsAndAllowedOriginsPassOthersDoNot()
    {
        const HttpAdmission admission({QStringLiteral("https://hearth.example")});
        QVERIFY(admission.originAllowed("GET /api/ws/h1 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"));
        QVERIFY(admission.originAllowed("GET /api/ws/h1 HTTP/1.1\r\nOrigin: https://hearth.example\r\n"));
        QVERIFY(admission.originAllowed("GET /api/ws/h1 HTTP/1.1\r\norigin:   https://hearth.example  \r\n"));
        QVERIFY(!admission.originAllowed("GET /api/ws/h1 HTTP/1.1\r\nOrigin: https://evil.example\r\n"));
        QVERIFY(!HttpAdmission({}).originAllowed("GET / HTTP/1.1\r\nOrigin: https://hearth.example\r\n"));
    }

    void roomRequestsCarryHouseholdTokenAndSince()
    {
        const auto room = HttpAdmission::roomRequest(QUrl(QStringLiteral("/api/ws/h1?token=a%2Bb&since=42")));
        QVERIFY(room);
        QCOMPARE(room->householdId, QStringLiteral("h1"));
        QCOMPARE(room->token, QStringLiteral("a+b"));
        QCOMPARE(room->since, std::optional<qint64>(42));

        // A since that is not a whole number >= 0 is ignored, not an error.
        QCOMPARE(HttpAdmission::roomRequest(QUrl(QStringLiteral("/api/ws/h1?since=-1")))->since, std::nullopt);
        QCOMPARE(HttpAdmission::roomRequest(QUrl(QStringLiteral("/api/ws/h1?since=abc")))->since, std::nullopt);
        QVERIFY(HttpAdmission::roomRequest(QUrl(QStringLiteral("/api/ws/h1")))->token.isEmpty());

        // Not a room: no household, a deeper path, another endpoint.
        QVERIFY(!HttpAdmission::roomRequest(QUrl(QStringLiteral("/api/ws/"))));
        QVERIFY(!HttpAdmission::roomRequest(QUrl(QStringLiteral("/api/ws/h1/x"))));
        QVERIFY(!HttpAdmission::roomRequest(QUrl(QStringLiteral("/api/pair"))));
    }

    void snapshotRequestsAreReadFromTheHead()
    {
        const QByteArray head = "GET /api/snapshot/h1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tok.en\r\n\r\n";
        QVERIFY(HttpAdmission::isSnapshotRequest(head));
        const HttpAdmission::SnapshotRequest request = HttpAdmission::snapshotRequest(head);
        QCOMPARE(request.householdId, QStringLiteral("h1"));
        QCOMPARE(request.token, QStringLiteral("tok.en"));
        QVERIFY(HttpAdmission::snapshotRequest("GET /api/snapshot/h1 HTTP/1.1\r\n\r\n").token.isEmpty());

        QVERIFY(!HttpAdmission::isSnapshotRequest("POST /api/snapshot/h1 HTTP/1.1\r\n\r\n"));
        QVERIFY(!HttpAdmission::isSnapshotRequest("GET /api/snapshot/h1 HTTP/1.1\r\nUpgrade: websocket\r\n\r\n"));
        QVERIFY(!HttpAdmission::isSnapshotRequest("GET /api/ws/h1 HTTP/1.1\r\n\r\n"));

        QCOMPARE(HttpAdmission::snapshotStatus(200), QByteArray("200 OK"));
        QCOMPARE(HttpAdmission::snapshotStatus(401), QByteArray("401 Unauthorized"));
        QCOMPARE(HttpAdmission::snapshotStatus(403), QByteArray("403 Forbidden"));
        QCOMPARE(HttpAdmission::snapshotStatus(400), QByteArray("400 Bad Request"));
        QCOMPARE(HttpAdmission::snapshotStatus(404), QByteArray("404 Not Found"));
    }

    void imageRequestsAreReadFromTheHead()
    {
        const QByteArray head = "GET /api/receipts/h1/r9/image?size=thumbnail HTTP/1.1\r\nAuthorization: Bearer tok.en\r\n\r\n";
        QVERIFY(HttpAdmission::isImageRequest(head));
        QVERIFY(HttpAdmission::isPlainGet(head));
        QVERIFY(!HttpAdmission::isSnapshotRequest(head));
        const HttpAdmission::ImageRequest request = HttpAdmission::imageRequest(head);
        QCOMPARE(request.householdId, QStringLiteral("h1"));
        QCOMPARE(request.receiptId, QStringLiteral("r9"));
        QCOMPARE(request.size, QStringLiteral("thumbnail"));
        QCOMPARE(request.token, QStringLiteral("tok.en"));
        QCOMPARE(HttpAdmission::imageRequest("GET /api/receipts/h1/r9/image HTTP/1.1\r\n\r\n").size, QStringLiteral("full"));

        QVERIFY(!HttpAdmission::isImageRequest("GET /api/receipts/h1/image HTTP/1.1\r\n\r\n"));
        QVERIFY(!HttpAdmission::isImageRequest("GET /api/receipts/h1/r9/image/x HTTP/1.1\r\n\r\n"));
        QVERIFY(!HttpAdmission::isImageRequest("GET /api/receipts//r9/image HTTP/1.1\r\n\r\n"));
        QVERIFY(!HttpAdmission::isImageRequest("POST /api/receipts/h1/r9/image HTTP/1.1\r\n\r\n"));
        QVERIFY(!HttpAdmission::isImageRequest("GET /api/receipts/h1/r9/image HTTP/1.1\r\nUpgrade: websocket\r\n\r\n"));
        QCOMPARE(HttpAdmission::snapshotHeaders("image/jpeg"), QByteArray("Content-Type: image/jpeg\r\nCache-Control: no-store\r\n"));
    }

    void headerValuesAndTokens()
    {
        const QByteArray head = "GET / HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nX-Upgrade-Note: no\r\n";
        QCOMPARE(HttpAdmission::headerValue(head, "connection"), QByteArray("keep-alive, Upgrade"));
        QVERIFY(HttpAdmission::headerValue(head, "upgrade").isEmpty()); // not X-Upgrade-Note
        QVERIFY(HttpAdmission::hasToken(HttpAdmission::headerValue(head, "connection"), "upgrade"));
        QVERIFY(!HttpAdmission::hasToken("keep-alive", "upgrade"));
    }
};

QTEST_GUILESS_MAIN(tst_HttpAdmission)
#include "tst_httpadmission.moc"
