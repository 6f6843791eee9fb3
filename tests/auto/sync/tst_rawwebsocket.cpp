// hearthd's own WebSocket transport (RawWebSocketListener) on real loopback sockets, spoken to
// byte by byte: the upgrade and its refusals (400, 403, 404, 429, pending handshakes, timeout),
// masked and unmasked frames, fragmentation, size limits (1009, judged per frame and per
// message), ping/pong, the close handshake, a peer that stops reading, binary frames, invalid
// UTF-8, the HTTP snapshot fallback and the hand-over of /api/pair to the Qt transport.
// The room host tests (tst_roomhost, tst_syncservice, tst_pairing) also run over this transport
// (ctest sync/*_raw).

#include "AuthoritativeEngine.h"
#include "RawWebSocket.h"
#include "WebSocketFrames.h"
#include "SyncTestSupport.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <optional>

using namespace hearth;
using namespace hearth::test;

namespace {

struct Frame
{
    int opcode = 0;
    QByteArray payload;
    int closeCode() const { return payload.size() >= 2 ? (uchar(payload.at(0)) << 8) | uchar(payload.at(1)) : -1; }
};

// A WebSocket client written out by hand, so that a test can send what a library would not.
class RawClient
{
public:
    explicit RawClient(quint16 port, int receiveBuffer = 0)
    {
        if (receiveBuffer > 0)
            socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, receiveBuffer);
        socket.connectToHost(QHostAddress::LocalHost, port);
    }

    bool connected() { return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000); }

    void sendRequest(const QByteArray &path, const QByteArray &extra = {}, const QByteArray &key = "dGhlIHNhbXBsZSBub25jZQ==",
                     const QByteArray &method = "GET", const QByteArray &version = "13")
    {
        QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                             "Connection: keep-alive, Upgrade\r\n";
        if (!key.isEmpty())
            request += "Sec-WebSocket-Key: " + key + "\r\n";
        request += "Sec-WebSocket-Version: " + version + "\r\n" + extra + "\r\n";
        socket.write(request);
    }

    // The response head (status line and headers), once complete; empty after the timeout.
    QByteArray responseHead(int timeoutMs = 5000)
    {
        (void)QTest::qWaitFor([&] { pull(); return buffer.contains("\r\n\r\n") || socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
        pull();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return {};
        QByteArray head = buffer.left(end + 4);
        buffer.remove(0, end + 4);
        return head;
    }

    void sendFrame(int opcode, const QByteArray &payload, bool fin = true, bool masked = true, int rsv = 0)
    {
        socket.write(frameHeader(opcode, payload.size(), fin, masked, rsv) + (masked ? mask(payload) : payload));
    }

    static QByteArray frameHeader(int opcode, qsizetype size, bool fin = true, bool masked = true, int rsv = 0)
    {
        QByteArray frame;
        frame.append(char((fin ? 0x80 : 0) | (rsv << 4) | opcode));
        const char maskBit = masked ? char(0x80) : char(0);
        if (size < 126) {
            frame.append(char(maskBit | size));
        } else if (size <= 0xffff) {
            frame.append(char(maskBit | 126));
            frame.append(char(size >> 8));
            frame.append(char(size & 0xff));
        } else {
            frame.append(char(maskBit | 127));
            for (int shift = 56; shift >= 0; shift -= 8)
                frame.append(char((quint64(size) >> shift) & 0xff));
        }
        if (masked)
            frame.append(kMask, 4);
        return frame;
    }

    static QByteArray mask(QByteArray payload)
    {
        for (qsizetype i = 0; i < payload.size(); ++i)
            payload[i] = char(payload.at(i) ^ kMask[i & 3]);
        return payload;
    }

    // The next frame from the server (never masked), waiting for it.
    std::optional<Frame> nextFrame(int timeoutMs = 5000)
    {
        std::optional<Frame> frame;
        (void)QTest::qWaitFor([&] { pull(); frame = take(); return frame.has_value() || socket.state() == QAbstractSocket::UnconnectedState; },
                        timeoutMs);
        if (!frame) {
            pull();
            frame = take();
        }
        return frame;
    }

    // The next frame with this opcode, skipping others (presence, connected...).
    std::optional<Frame> nextFrameOf(int opcode, int timeoutMs = 5000)
    {
        while (auto frame = nextFrame(timeoutMs))
            if (frame->opcode == opcode)
                return frame;
        return std::nullopt;
    }

    // The next text frame containing `needle`.
    std::optional<Frame> nextTextWith(const QByteArray &needle)
    {
        while (auto frame = nextFrameOf(0x1))
            if (frame->payload.contains(needle))
                return frame;
        return std::nullopt;
    }

    bool waitDisconnected(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([&] { pull(); return socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }

    QTcpSocket socket;
    QByteArray buffer;

private:
    static constexpr char kMask[4] = {'\x12', '\x34', '\x56', '\x78'};

    void pull() { buffer += socket.readAll(); }

    std::optional<Frame> take()
    {
        if (buffer.size() < 2)
            return std::nullopt;
        const auto *p = reinterpret_cast<const uchar *>(buffer.constData());
        if (p[1] & 0x80)
            return Frame{-1, "masked server frame"};
        quint64 length = p[1] & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            if (buffer.size() < 4)
                return std::nullopt;
            length = (quint64(p[2]) << 8) | p[3];
            header = 4;
        } else if (length == 127) {
            if (buffer.size() < 10)
                return std::nullopt;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | p[i];
            header = 10;
        }
        if (quint64(buffer.size() - header) < length)
            return std::nullopt;
        Frame frame{p[0] & 0x0f, buffer.mid(header, qsizetype(length))};
        buffer.remove(0, header + qsizetype(length));
        return frame;
    }
};

QByteArray roomPath(TestHost &host, const QString &token)
{
    return "/api/ws/" + host.householdId().toLatin1() + "?token=" + QUrl::toPercentEncoding(token);
}

QByteArray mutate(const QByteArray &id, const QByteArray &name)
{
    return R"({"event":"mutate","id":")" + id + R"(","data":{"collection":"pantry","op":"create","fields":{"name":")" + name + R"("}}})";
}

// A close frame's code, as its first two bytes.
QByteArray closePayload(int code)
{
    QByteArray payload(2, Qt::Uninitialized);
    payload[0] = char((code >> 8) & 0xff);
    payload[1] = char(code & 0xff);
    return payload;
}

// A masked frame header announcing a 64-bit length, with no payload after it.
QByteArray frameWithLength(int opcode, quint64 length)
{
    QByteArray frame;
    frame.append(char(0x80 | opcode));
    frame.append(char(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8)
        frame.append(char((length >> shift) & 0xff));
    frame.append("\x12\x34\x56\x78", 4);
    return frame;
}

} // namespace

class tst_RawWebSocket : public QObject
{
    Q_OBJECT

private:
    // A host served by RawWebSocketListener, whatever HEARTH_TEST_TRANSPORT says.
    struct Served
    {
        explicit Served(ListenerOptions listenerOptions = {}, HostOptions hostOptions = quietHostOptions())
            : host(hostOptions, false, listenerOptions)
        {
            listenerOptions.messageLimit = hostOptions.messageLimit;
            listenerOptions.frameLimit = std::min(listenerOptions.frameLimit, hostOptions.messageLimit);
            raw = std::make_unique<RawWebSocketListener>(host.host(), listenerOptions);
            raw->setFallback(&host.listener());
            listening = raw->listen(QHostAddress::LocalHost, 0);
        }
        ~Served()
        {
            raw.reset();
        }
        quint16 port() const { return raw->port(); }
        TestHost host;
        std::unique_ptr<RawWebSocketListener> raw;
        bool listening = false;
    };

    // Opens a room socket and waits for the welcome.
    static bool join(RawClient &client, Served &served, const QString &member = QStringLiteral("Sam"))
    {
        if (!client.connected())
            return false;
        client.sendRequest(roomPath(served.host, served.host.token(member)));
        if (!client.responseHead().startsWith("HTTP/1.1 101 "))
            return false;
        return client.nextTextWith("\"connected\"").has_value();
    }

private Q_SLOTS:
    void handshakeAccepted()
    {
        Served served;
        QVERIFY(served.listening);
        RawClient client(served.port());
        QVERIFY(client.connected());
        client.sendRequest(roomPath(served.host, served.host.token()));
        const QByteArray head = client.responseHead();
        QVERIFY2(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head.constData());
        // RFC 6455 section 1.3's example key and answer.
        QVERIFY2(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), head.constData());
        QVERIFY(head.toLower().contains("upgrade: websocket\r\n"));
        const auto welcome = client.nextTextWith("\"connected\"");
        QVERIFY(welcome);
        QVERIFY(welcome->payload.contains(served.host.householdId().toLatin1()));
        // A library client gets in too.
        TestClient library;
        QVERIFY(library.join(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(served.port()) + QString::fromLatin1(roomPath(served.host, served.host.token(QStringLiteral("Kim")))))));
    }

    void handshakeRefused_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("version");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("no key") << QByteArray("GET") << QByteArray() << QByteArray("13") << QByteArray("HTTP/1.1 400 ");
        QTest::newRow("short key") << QByteArray("GET") << QByteArray("c2hvcnQ=") << QByteArray("13") << QByteArray("HTTP/1.1 400 ");
        QTest::newRow("not base64") << QByteArray("GET") << QByteArray("!!!!!!!!!!!!!!!!!!!!!!==") << QByteArray("13") << QByteArray("HTTP/1.1 400 ");
        QTest::newRow("version 8") << QByteArray("GET") << QByteArray("dGhlIHNhbXBsZSBub25jZQ==") << QByteArray("8") << QByteArray("HTTP/1.1 400 ");
        QTest::newRow("POST") << QByteArray("POST") << QByteArray("dGhlIHNhbXBsZSBub25jZQ==") << QByteArray("13") << QByteArray("HTTP/1.1 400 ");
    }

    void handshakeRefused()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, version);
        QFETCH(QByteArray, expected);
        Served served;
        RawClient client(served.port());
        QVERIFY(client.connected());
        client.sendRequest(roomPath(served.host, served.host.token()), {}, key, method, version);
        const QByteArray head = client.responseHead();
        QVERIFY2(head.startsWith(expected), head.constData());
        if (version != "13")
            QVERIFY(head.contains("Sec-WebSocket-Version: 13\r\n"));
        QVERIFY(client.waitDisconnected());
        QTRY_COMPARE(served.raw->connectionCount(), 0);
    }

    void otherRequests()
    {
        Served served;
        {
            RawClient client(served.port()); // a path nobody serves
            QVERIFY(client.connected());
            served.raw->setFallback(nullptr);
            client.sendRequest("/api/elsewhere");
            QVERIFY(client.responseHead().startsWith("HTTP/1.1 404 "));
        }
        {
            RawClient client(served.port()); // not an upgrade
            QVERIFY(client.connected());
            client.socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            QVERIFY(client.responseHead().startsWith("HTTP/1.1 400 "));
        }
        {
            RawClient client(served.port()); // a head that never ends
            QVERIFY(client.connected());
            client.socket.write("GET / HTTP/1.1\r\nX: " + QByteArray(9000, 'a'));
            QVERIFY(client.responseHead().startsWith("HTTP/1.1 431 "));
        }
    }

    void originAllowList()
    {
        ListenerOptions options;
        options.allowedOrigins = {QStringLiteral("https://hearth.example")};
        Served served(options);
        RawClient refused(served.port());
        QVERIFY(refused.connected());
        refused.sendRequest(roomPath(served.host, served.host.token()), "Origin: https://evil.example\r\n");
        QVERIFY(refused.responseHead().startsWith("HTTP/1.1 403 "));
        RawClient allowed(served.port());
        QVERIFY(allowed.connected());
        allowed.sendRequest(roomPath(served.host, served.host.token()), "Origin: https://hearth.example\r\n");
        QVERIFY(allowed.responseHead().startsWith("HTTP/1.1 101 "));
    }

    void connectionsPerAddress()
    {
        ListenerOptions options;
        options.maxConnectionsPerAddress = 2;
        Served served(options);
        RawClient first(served.port());
        RawClient second(served.port());
        QVERIFY(join(first, served));
        QVERIFY(join(second, served, QStringLiteral("Kim")));
        RawClient third(served.port());
        QVERIFY(third.connected());
        QVERIFY(third.responseHead().startsWith("HTTP/1.1 429 "));
        QVERIFY(third.waitDisconnected());
        // One leaves: room for another.
        first.socket.abort();
        QTRY_COMPARE(served.raw->connectionCount(), 1);
        RawClient fourth(served.port());
        QVERIFY(join(fourth, served, QStringLiteral("Lee")));
    }

    void pendingHandshakes()
    {
        ListenerOptions options;
        options.maxPendingHandshakes = 2;
        Served served(options);
        RawClient a(served.port());
        RawClient b(served.port());
        QVERIFY(a.connected() && b.connected());
        QTRY_COMPARE(served.raw->connectionCount(), 2);
        RawClient c(served.port());
        QVERIFY(c.waitDisconnected()); // dropped unanswered
        QVERIFY(c.buffer.isEmpty());
        QCOMPARE(served.raw->connectionCount(), 2);
        // Once one of them is through, a new one gets in.
        a.sendRequest(roomPath(served.host, served.host.token()));
        QVERIFY(a.responseHead().startsWith("HTTP/1.1 101 "));
        RawClient d(served.port());
        QVERIFY(join(d, served, QStringLiteral("Kim")));
    }

    void handshakeTimeout()
    {
        ListenerOptions options;
        options.handshakeTimeout = std::chrono::milliseconds(200);
        Served served(options);
        RawClient silent(served.port());
        QVERIFY(silent.connected());
        silent.socket.write("GET /api/ws/x HTTP/1.1\r\n"); // and nothing more
        QVERIFY(silent.waitDisconnected(3000));
        QTRY_COMPARE(served.raw->connectionCount(), 0);
    }

    void maskedFramesReachTheHost()
    {
        Served served;
        RawClient client(served.port());
        QVERIFY(join(client, served));
        client.sendFrame(0x1, mutate("m1", "Rice"));
        const auto ack = client.nextTextWith("\"ack\"");
        QVERIFY(ack);
        QVERIFY(ack->payload.contains("\"m1\""));
    }

    void protocolErrors_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("code");
        const QByteArray text = "{\"event\":\"ping\"}";
        QTest::newRow("unmasked") << RawClient::frameHeader(0x1, text.size(), true, false) + text << 1002;
        QTest::newRow("rsv1") << RawClient::frameHeader(0x1, text.size(), true, true, 4) + RawClient::mask(text) << 1002;
        QTest::newRow("opcode 3") << RawClient::frameHeader(0x3, text.size()) + RawClient::mask(text) << 1002;
        QTest::newRow("opcode 0xB") << RawClient::frameHeader(0xB, 0) << 1002;
        QTest::newRow("continuation first") << RawClient::frameHeader(0x0, text.size()) + RawClient::mask(text) << 1002;
        QTest::newRow("fragmented ping") << RawClient::frameHeader(0x9, 0, false) << 1002;
        QTest::newRow("long ping") << RawClient::frameHeader(0x9, 126) + RawClient::mask(QByteArray(126, 'p')) << 1002;
        QTest::newRow("new message inside a fragmented one")
            << RawClient::frameHeader(0x1, 5, false) + RawClient::mask("{\"eve") + RawClient::frameHeader(0x1, text.size())
                   + RawClient::mask(text)
            << 1002;
        QTest::newRow("64-bit length, top bit set") << frameWithLength(0x1, Q_UINT64_C(0x8000000000000010)) << 1002;
        QTest::newRow("64-bit length past the limit") << frameWithLength(0x1, Q_UINT64_C(0x100000000)) << 1009;
        QTest::newRow("fragmented close") << RawClient::frameHeader(0x8, 2, false) + RawClient::mask("\x03\xe8") << 1002;
        // Text is UTF-8 as RFC 3629 has it (§8.1): 1007.
        QTest::newRow("invalid UTF-8") << RawClient::frameHeader(0x1, 2) + RawClient::mask("\xc3\x28") << 1007;
        QTest::newRow("surrogate UTF-8") << RawClient::frameHeader(0x1, 3) + RawClient::mask("\xed\xa0\x80") << 1007;
        QTest::newRow("overlong 2-byte /") << RawClient::frameHeader(0x1, 2) + RawClient::mask("\xc0\xaf") << 1007;
        QTest::newRow("overlong 3-byte /") << RawClient::frameHeader(0x1, 3) + RawClient::mask("\xe0\x80\xaf") << 1007;
        QTest::newRow("overlong 4-byte /") << RawClient::frameHeader(0x1, 4) + RawClient::mask("\xf0\x80\x80\xaf") << 1007;
        QTest::newRow("past U+10FFFF") << RawClient::frameHeader(0x1, 4) + RawClient::mask("\xf4\x90\x80\x80") << 1007;
        QTest::newRow("truncated at the end") << RawClient::frameHeader(0x1, 3) + RawClient::mask("ab\xe2") << 1007;
        // Close frames (§5.5.1, §7.4): a code a client may send, a reason in UTF-8, or 1002.
        QTest::newRow("close, 1 byte") << RawClient::frameHeader(0x8, 1) + RawClient::mask("\x03") << 1002;
        for (const int code : {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535}) {
            QTest::addRow("close code %d", code) << RawClient::frameHeader(0x8, 2) + RawClient::mask(closePayload(code)) << 1002;
        }
        QTest::newRow("close reason not UTF-8") << RawClient::frameHeader(0x8, 4) + RawClient::mask("\x03\xe8\xc0\xaf") << 1002;
    }

    void protocolErrors()
    {
        QFETCH(QByteArray, frame);
        QFETCH(int, code);
        Served served;
        RawClient client(served.port());
        QVERIFY(join(client, served));
        client.socket.write(frame);
        const auto close = client.nextFrameOf(0x8);
        QVERIFY(close);
        QCOMPARE(close->closeCode(), code);
        client.socket.disconnectFromHost();
        QTRY_COMPARE(served.raw->connectionCount(), 0);
        QTRY_COMPARE(served.host.host().activeConnections(served.host.householdId()), 0);
    }

    void fragmentedMessage()
    {
        Served served;
        RawClient client(served.port());
        QVERIFY(join(client, served));
        const QByteArray message = mutate("m2", "Flour");
        const qsizetype third = message.size() / 3;
        client.sendFrame(0x1, message.left(third), false);
        client.sendFrame(0x9, "between"); // a control frame may come between fragments
        client.sendFrame(0x0, message.mid(third, third), false);
        client.sendFrame(0x0, message.mid(2 * third));
        const auto pong = client.nextFrameOf(0xA);
        QVERIFY(pong);
        QCOMPARE(pong->payload, QByteArray("between"));
        const auto ack = client.nextTextWith("\"ack\"");
        QVERIFY(ack);
        QVERIFY(ack->payload.contains("\"m2\""));
        // A frame split across TCP segments is put together too.
        const QByteArray whole = RawClient::frameHeader(0x1, mutate("m3", "Salt").size()) + RawClient::mask(mutate("m3", "Salt"));
        client.socket.write(whole.left(3));
        client.socket.flush(); // on loopback the bytes are in the server's queue when this returns:
        QCoreApplication::processEvents(); // the server reads the 3 bytes on their own
        client.socket.write(whole.mid(3));
        QVERIFY(client.nextTextWith("\"m3\""));
    }

    // A text message is checked fragment by fragment: the first bad byte ends the connection
    // before the rest of the message is sent (fail fast, RFC 6455 §8.1).
    void invalidUtf8FailsFast()
    {
        Served served;
        RawClient client(served.port());
        QVERIFY(join(client, served));
        client.sendFrame(0x1, "{\"event\":\"\xc0\xaf", false);
        const auto close = client.nextFrameOf(0x8);
        QVERIFY(close);
        QCOMPARE(close->closeCode(), 1007);
    }

    // A character split between two fragments is whole once both are in.
    void characterAcrossFragments()
    {
        Served served;
        RawClient client(served.port());
        QVERIFY(join(client, served));
        const QByteArray message = mutate("m4", "Cr\xc3\xa8me fra\xc3\xae" "che");
        const qsizetype split = message.indexOf("\xc3\xa8") + 1; // between the two bytes of "è"
        client.sendFrame(0x1, message.left(split), false);
        client.sendFrame(0x9, "between");
        client.sendFrame(0x0, message.mid(split));
        QVERIFY(client.nextFrameOf(0xA));
        const auto ack = client.nextTextWith("\"m4\"");
        QVERIFY(ack);
        QVERIFY(ack->payload.contains("\"ok\":true"));
        QTRY_VERIFY(served.host.engine().snapshot(Collection::Pantry).size() == 1);
        QCOMPARE(served.host.engine().snapshot(Collection::Pantry).first().toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("Crème fraîche"));
    }

    // Codes a client may close with are answered with the same code (§5.5.1).
    void allowedCloseCodes_data()
    {
        QTest::addColumn<int>("code");
        for (const int code : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4000, 4999})
            QTest::addRow("%d", code) << code;
    }

    void allowedCloseCodes()
    {
        QFETCH(int, code);
        Served served;
        RawClient client(served.port());
        QVERIFY(join(client, served));
        client.sendFrame(0x8, closePayload(code) + "Bye \xe2\x9c\x93");
        const auto close = client.nextFrameOf(0x8);
        QVERIFY(close);
        QCOMPARE(close->closeCode(), code);
        QVERIFY(client.waitDisconnected());
    }

    // The validator against every class of byte sequence RFC 3629 names.
    void utf8Validator_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("ascii") << QByteArray("{\"event\":\"ping\"}") << true;
        QTest::newRow("2-byte") << QByteArray("\xc2\x80\xdf\xbf") << true;
        QTest::newRow("3-byte") << QByteArray("\xe0\xa0\x80\xef\xbf\xbf\xed\x9f\xbf\xee\x80\x80") << true;
        QTest::newRow("4-byte") << QByteArray("\xf0\x90\x80\x80\xf4\x8f\xbf\xbf") << true;
        QTest::newRow("stray continuation") << QByteArray("a\x80") << false;
        QTest::newRow("C0") << QByteArray("\xc0\x80") << false;
        QTest::newRow("C1") << QByteArray("\xc1\xbf") << false;
        QTest::newRow("overlong E0") << QByteArray("\xe0\x9f\xbf") << false;
        QTest::newRow("surrogate high") << QByteArray("\xed\xa0\x80") << false;
        QTest::newRow("surrogate low") << QByteArray("\xed\xbf\xbf") << false;
        QTest::newRow("overlong F0") << QByteArray("\xf0\x8f\xbf\xbf") << false;
        QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
        QTest::newRow("F5") << QByteArray("\xf5\x80\x80\x80") << false;
        QTest::newRow("FF") << QByteArray("\xff") << false;
        QTest::newRow("cut short") << QByteArray("\xf0\x90\x80") << false;
        QTest::newRow("ASCII inside a sequence") << QByteArray("\xe2\x82" "a") << false;
    }

    void utf8Validator()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(wsframes::Utf8Validator::isValid(bytes), valid);
        // Byte by byte, as fragments could split it: the same answer.
        wsframes::Utf8Validator stepwise;
        bool ok = true;
        for (const char byte : bytes)
            ok = ok && stepwise.feed(&byte, 1);
        QCOMPARE(ok && stepwise.complete(), valid);
    }

    void oversize_data()
    {
        QTest::addColumn<bool>("fragmented");
        QTest::newRow("one frame") << false;
        QTest::newRow("fragments") << true;
    }

    void oversize()
    {
        QFETCH(bool, fragmented);
        HostOptions hostOptions = quietHostOptions();
        hostOptions.messageLimit = 4096;
        Served served({}, hostOptions);
        RawClient client(served.port());
        QVERIFY(join(client, served));
        if (fragmented) {
            // Each frame is within the limit, the message is not.
            client.sendFrame(0x1, QByteArray(3000, 'a'), false);
            client.sendFrame(0x0, QByteArray(3000, 'a'));
        } else {
            // Judged on the header: the payload is never sent.
            client.socket.write(RawClient::frameHeader(0x1, 1 << 20));
        }
        const auto close = client.nextFrameOf(0x8);
        QVERIFY(close);
        QCOMPARE(close->closeCode(), 1009);
    }

    void pingPong()
    {
        HostOptions hostOptions = quietHostOptions();
        hostOptions.pingInterval = std::chrono::milliseconds(100);
        Served served({}, hostOptions);
        RawClient client(served.port());
        QVERIFY(join(client, served));
        client.sendFrame(0x9, "hello");
        const auto pong = client.nextFrameOf(0xA);
        QVERIFY(pong);
        QCOMPARE(pong->payload, QByteArray("hello"));
        // The host's ping arrives as a ping frame.
        QVERIFY(client.nextFrameOf(0x9));
    }

    void closeHandshake()
    {
        Served served;
        RawClient client(served.port());
        QVERIFY(join(client, served));
        QCOMPARE(served.host.host().activeConnections(served.host.householdId()), 1);
        client.sendFrame(0x8, QByteArray("\x03\xe8") + "bye");
        const auto close = client.nextFrameOf(0x8);
        QVERIFY(close);
        QCOMPARE(close->closeCode(), 1000);
        QVERIFY(client.waitDisconnected()); // the server closes TCP first
        QTRY_COMPARE(served.host.host().activeConnections(served.host.householdId()), 0);
        QTRY_COMPARE(served.raw->connectionCount(), 0);
    }

    void serverCloses()
    {
        Served served;
        RawClient client(served.port());
        QVERIFY(client.connected());
        client.sendRequest(roomPath(served.host, QStringLiteral("not-a-token")));
        QVERIFY(client.responseHead().startsWith("HTTP/1.1 101 "));
        const auto close = client.nextFrameOf(0x8);
        QVERIFY(close);
        QCOMPARE(close->closeCode(), 4001);
        QVERIFY(close->payload.endsWith("Unauthorized"));
        client.sendFrame(0x8, close->payload.left(2)); // the answer ends it
        QVERIFY(client.waitDisconnected());
        QTRY_COMPARE(served.raw->connectionCount(), 0);
    }

    void slowReaderDropped()
    {
        ListenerOptions options;
        options.sendQueueLimit = 256 * 1024;
        Served served(options);
        // A pantry worth about 200 KB, so that each snapshot of it is big.
        const QString filler(480, QLatin1Char('x'));
        for (int i = 0; i < 100; ++i) {
            const QJsonObject fields{{QStringLiteral("name"), QString(filler + QString::number(i))}, {QStringLiteral("unit"), filler},
                                     {QStringLiteral("category"), filler}, {QStringLiteral("location"), filler}};
            QVERIFY(served.host.engine().submit(Mutation{{}, Collection::Pantry, MutationOp::Create, {}, -1, fields}).ok);
        }
        RawClient slow(served.port());
        QVERIFY(join(slow, served));
        RawClient reader(served.port());
        QVERIFY(join(reader, served, QStringLiteral("Kim")));
        slow.socket.setReadBufferSize(1); // stops reading (Qt takes no more than this from the kernel)
        // Snapshots the slow one asks for and does not read pile up until it is dropped (well past
        // what the kernel buffers hold); the other one stays.
        for (int i = 0; i < 200 && served.raw->connectionCount() == 2; ++i) {
            slow.sendFrame(0x1, R"({"event":"fetch","id":"f)" + QByteArray::number(i) + R"(","data":{"collection":"pantry"}})");
            slow.socket.flush();
            QCoreApplication::processEvents();
        }
        QTRY_COMPARE(served.raw->connectionCount(), 1);
        QTRY_COMPARE(served.host.host().activeConnections(served.host.householdId()), 1);
        reader.sendFrame(0x1, mutate("m9", "Still here"));
        QVERIFY(reader.nextTextWith("\"m9\""));
    }

    void binaryFrame()
    {
        Served served;
        RawClient client(served.port());
        QVERIFY(join(client, served));
        client.sendFrame(0x2, "\x01\x02\x03");
        const auto error = client.nextTextWith("\"error\"");
        QVERIFY(error);
        QCOMPARE(client.socket.state(), QAbstractSocket::ConnectedState);
    }

    void snapshotOverHttp()
    {
        Served served;
        const auto get = [&](const QByteArray &auth) {
            RawClient client(served.port());
            (void)client.connected();
            client.socket.write("GET /api/snapshot/" + served.host.householdId().toLatin1() + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
            const QByteArray head = client.responseHead();
            (void)client.waitDisconnected();
            return QByteArray(head + client.buffer);
        };
        const QByteArray ok = get("Authorization: Bearer " + served.host.token().toLatin1() + "\r\n");
        QVERIFY2(ok.startsWith("HTTP/1.1 200 OK\r\n"), ok.constData());
        QVERIFY(ok.contains("Cache-Control: no-store"));
        QVERIFY(ok.contains(served.host.householdId().toLatin1()));
        QVERIFY(get({}).startsWith("HTTP/1.1 401 "));
        QTRY_COMPARE(served.raw->connectionCount(), 0);
    }

    void pairingHandedOver()
    {
        Served served;
        bool served_ = false;
        served.host.listener().setPathHandler(QStringLiteral("/api/other"), [&served_](QWebSocket *socket) {
            served_ = true;
            socket->sendTextMessage(QStringLiteral("from Qt"));
        });
        QWebSocket client;
        QSignalSpy text(&client, &QWebSocket::textMessageReceived);
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/other").arg(served.port())));
        QVERIFY(text.wait(5000));
        QVERIFY(served_);
        QCOMPARE(text.first().first().toString(), QStringLiteral("from Qt"));
        QCOMPARE(served.raw->connectionCount(), 0); // it is the Qt listener's now
    }

private:
    static bool hostCreatePantry(AuthoritativeEngine &engine, const QString &name)
    {
        return engine.submit(Mutation{{}, Collection::Pantry, MutationOp::Create, {}, -1, {{QStringLiteral("name"), name}}}).ok;
    }
};

QTEST_GUILESS_MAIN(tst_RawWebSocket)
#include "tst_rawwebsocket.moc"
