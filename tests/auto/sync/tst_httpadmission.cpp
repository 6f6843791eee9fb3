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
