// The joining device's side of pairing: the invite code is sent only once the person compared the
// host's security code, and a plain-ws host is recognised instead of timing out.

#include "PairingClient.h"
#include "SyncTestSupport.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace hearth;
using namespace hearth::test;

namespace {

// A plain-ws server that answers nothing and records every frame that arrives.
class RecordingServer final : public QObject
{
public:
    RecordingServer()
        : server(QStringLiteral("recorder"), QWebSocketServer::NonSecureMode)
    {
        server.listen(QHostAddress::LocalHost, 0);
        connect(&server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = server.nextPendingConnection()) {
                ++connections;
                socket->setParent(this);
                connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &frame) { frames << frame; });
                connect(socket, &QWebSocket::disconnected, this, [this] { ++disconnections; });
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(server.serverPort())); }

    QWebSocketServer server;
    QStringList frames;
    int connections = 0;
    int disconnections = 0;
};

const PairingClient::PairRequest kRequest{QStringLiteral("ABCD2345"), QStringLiteral("Jordan"), QStringLiteral("Jordan's laptop"),
                                          QString()};

} // namespace

class TestPairingClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theCodeIsSentOnlyAfterTheSecurityCodeIsConfirmed()
    {
        RecordingServer recorder;
        PairingClient client;
        QSignalSpy seen(&client, &PairingClient::hostSeen);
        client.start(recorder.url(), kRequest);
        QVERIFY(seen.wait(5000));
        QCOMPARE(seen.first().at(0).toUrl(), recorder.url());
        QVERIFY(client.isAwaitingConfirmation());
        // The host was reached and let go, and nothing at all was written to it.
        QTRY_COMPARE(recorder.disconnections, 1);
        QVERIFY2(recorder.frames.isEmpty(), qPrintable(recorder.frames.join(u'\n')));

        // The person says the codes differ: still nothing is sent.
        client.cancel();
        QVERIFY(!client.isAwaitingConfirmation());
        client.confirm();
        QCOMPARE(recorder.connections, 1);

        // Asked again and confirmed: now, and only now, the code goes out, with the device's name.
        client.start(recorder.url(), kRequest);
        QVERIFY(seen.wait(5000));
        QVERIFY(recorder.frames.isEmpty());
        client.confirm();
        QTRY_COMPARE(recorder.frames.size(), 1);
        QVERIFY(recorder.frames.first().contains(QLatin1String("\"invite_code\":\"ABCD2345\"")));
        QVERIFY(recorder.frames.first().contains(QLatin1String("\"device_name\":\"Jordan's laptop\"")));
    }

    void aLinkSendsTheCodeOnlyToItsOwnCertificate()
    {
        // A QR code's fingerprint is the comparison: a host that does not present exactly that
        // certificate (here one with none) gets nothing, and the person is told why.
        RecordingServer recorder;
        PairingClient client;
        QSignalSpy seen(&client, &PairingClient::hostSeen);
        QSignalSpy failed(&client, &PairingClient::failed);
        PairingClient::PairRequest request = kRequest;
        request.expectedFingerprint = QString(64, u'a');
        client.start(recorder.url(), request);
        QVERIFY(failed.wait(5000));
        QVERIFY2(failed.first().at(0).toString().contains(QLatin1String("QR code")), qPrintable(failed.first().at(0).toString()));
        QVERIFY(seen.isEmpty());
        QVERIFY2(recorder.frames.isEmpty(), qPrintable(recorder.frames.join(u'\n')));
    }

    void aPlainHostOnThisComputerIsJoinedPlainly()
    {
        // `hearthd serve --listen 127.0.0.1:PORT` speaks plain ws; typing 127.0.0.1:PORT means wss.
        TestHost host;
        QVERIFY2(host.isValid(), qPrintable(host.error()));
        const QString code = *host.pairing().createInvite(host.householdId());
        QString error;
        const auto typed = PairingClient::hostUrlFromAddress(host.baseUrl().authority(), &error);
        QVERIFY2(typed, qPrintable(error));
        QCOMPARE(typed->scheme(), QStringLiteral("wss"));
        PairingClient client;
        QSignalSpy seen(&client, &PairingClient::hostSeen);
        QSignalSpy failed(&client, &PairingClient::failed);
        std::optional<PairingClient::Result> result;
        connect(&client, &PairingClient::paired, this, [&](const PairingClient::Result &paired) { result = paired; });
        QElapsedTimer timer;
        timer.start();
        client.start(*typed, {code, QStringLiteral("Noor"), QStringLiteral("Noor's phone"), QString()});
        QVERIFY2(seen.wait(8000), failed.isEmpty() ? "no answer" : qPrintable(failed.first().at(0).toString()));
        QVERIFY2(timer.elapsed() < 8000, "not after the host's own 10 s handshake timeout");
        QCOMPARE(seen.first().at(0).toUrl().scheme(), QStringLiteral("ws"));
        QVERIFY(seen.first().at(1).toString().isEmpty()); // no certificate to compare
        client.confirm();
        QTRY_VERIFY_WITH_TIMEOUT(result, 5000);
        QCOMPARE(result->hostUrl.scheme(), QStringLiteral("ws"));
        QCOMPARE(result->memberName, QStringLiteral("Noor"));
        QVERIFY(failed.isEmpty());
    }

    void aPlainHostOnANetworkAddressIsNotJoinedSilently()
    {
        QHostAddress network;
        for (const QHostAddress &address : QNetworkInterface::allAddresses())
            if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
                network = address;
        if (network.isNull())
            QSKIP("no network address on this machine");
        // A plain HTTP host that, like hearthd without TLS, waits for a request head and ignores a TLS hello.
        QTcpServer plain;
        QVERIFY(plain.listen(network, 0));
        QStringList heads;
        connect(&plain, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *socket = plain.nextPendingConnection()) {
                socket->setParent(&plain);
                connect(socket, &QTcpSocket::readyRead, socket, [&heads, socket] {
                    const QByteArray data = socket->readAll();
                    if (data.startsWith("GET ")) {
                        heads << QString::fromLatin1(data);
                        socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                    }
                });
            }
        });
        PairingClient client;
        QSignalSpy seen(&client, &PairingClient::hostSeen);
        QSignalSpy failed(&client, &PairingClient::failed);
        const QString authority = QStringLiteral("%1:%2").arg(network.toString()).arg(plain.serverPort());
        QString error;
        client.start(*PairingClient::hostUrlFromAddress(authority, &error), kRequest);
        QVERIFY(failed.wait(8000));
        QVERIFY(seen.isEmpty());
        const QString reason = failed.first().at(0).toString();
        QVERIFY2(reason.contains(QStringLiteral("ws://") + authority), qPrintable(reason));
        QCOMPARE(failed.first().at(1).toBool(), false); // about the address, not the code
        QVERIFY(!heads.isEmpty());
        QVERIFY(!heads.join(QString()).contains(QLatin1String("ABCD2345")));
    }
};

QTEST_GUILESS_MAIN(TestPairingClient)
#include "tst_pairingclient.moc"
