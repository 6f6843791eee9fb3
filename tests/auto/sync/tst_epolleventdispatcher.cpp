// hearthd's event loop (EpollEventDispatcher): timers, posted events, deferred deletes, socket
// notifiers, nested loops and a WebSocket echo over many sockets all work as with Qt's own loop.
// The dispatcher is installed before the application object, as hearthd does.

#include "EpollEventDispatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>
#include <vector>

using namespace hearth;

class TestEpollEventDispatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isInstalled()
    {
        QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
    }

    void singleShotAndRepeatingTimers()
    {
        int zero = 0;
        QTimer::singleShot(0, this, [&] { ++zero; });
        QElapsedTimer clock;
        clock.start();
        qint64 firedAfter = -1;
        QTimer::singleShot(50, this, [&] { firedAfter = clock.elapsed(); });
        QTimer repeating;
        int ticks = 0;
        connect(&repeating, &QTimer::timeout, this, [&] { ++ticks; });
        repeating.start(10);
        QTRY_COMPARE(zero, 1);
        QTRY_VERIFY(firedAfter >= 0);
        QVERIFY2(firedAfter >= 49, qPrintable(QString::number(firedAfter)));
        QTRY_VERIFY(ticks >= 5);
        QVERIFY(repeating.remainingTime() >= 0 && repeating.remainingTime() <= 10);
        repeating.stop();
        const int stoppedAt = ticks;
        // A later timer firing proves the loop ran past several of the stopped timer's intervals.
        bool sentinel = false;
        QTimer::singleShot(50, this, [&] { sentinel = true; });
        QTRY_VERIFY(sentinel);
        QCOMPARE(ticks, stoppedAt);
        QCOMPARE(zero, 1);
    }

    void registeredTimersAndUnregisterByObject()
    {
        QObject owner;
        const int a = owner.startTimer(1000);
        const int b = owner.startTimer(2000, Qt::PreciseTimer);
        auto *dispatcher = QAbstractEventDispatcher::instance();
        QCOMPARE(dispatcher->registeredTimers(&owner).size(), 2);
        QVERIFY(dispatcher->remainingTime(a) > 900);
        QVERIFY(dispatcher->remainingTime(b) > 1900);
        QVERIFY(dispatcher->unregisterTimers(&owner));
        QCOMPARE(dispatcher->registeredTimers(&owner).size(), 0);
        QCOMPARE(dispatcher->remainingTime(a), -1);
    }

    void postedEventsAndDeferredDelete()
    {
        QPointer<QObject> doomed = new QObject;
        doomed->deleteLater();
        bool invoked = false;
        QMetaObject::invokeMethod(this, [&] { invoked = true; }, Qt::QueuedConnection);
        QTRY_VERIFY(invoked);
        QTRY_VERIFY(doomed.isNull());
    }

    void nestedLoopDoesNotReenterTheFiringTimer()
    {
        QTimer timer;
        int entered = 0;
        int maxDepth = 0;
        int depth = 0;
        connect(&timer, &QTimer::timeout, this, [&] {
            ++entered;
            ++depth;
            maxDepth = std::max(maxDepth, depth);
            if (entered == 1) {
                QEventLoop inner;
                QTimer::singleShot(30, &inner, &QEventLoop::quit);
                inner.exec();
            }
            --depth;
        });
        timer.start(1);
        QTRY_VERIFY(entered >= 3);
        timer.stop();
        QCOMPARE(maxDepth, 1);
    }

    void quitEndsExec()
    {
        QEventLoop loop;
        QTimer::singleShot(10, &loop, [&] { loop.exit(7); });
        QCOMPARE(loop.exec(), 7);
    }

    void tcpRoundTrip()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QTRY_VERIFY(server.hasPendingConnections());
        std::unique_ptr<QTcpSocket> accepted(server.nextPendingConnection());
        QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
        const QByteArray big(512 * 1024, 'x'); // more than the socket buffers: write notifications
        client.write(big);
        QByteArray received;
        connect(accepted.get(), &QTcpSocket::readyRead, this, [&] { received += accepted->readAll(); });
        QTRY_COMPARE(received.size(), big.size());
        accepted->write("pong");
        QTRY_COMPARE(client.bytesAvailable(), qint64(4));
        QSignalSpy gone(&client, &QTcpSocket::disconnected);
        accepted->close();
        QTRY_COMPARE(gone.size(), 1);
    }

    void webSocketEchoOverManySockets()
    {
        QWebSocketServer server(QStringLiteral("test"), QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        connect(&server, &QWebSocketServer::newConnection, this, [&] {
            while (QWebSocket *socket = server.nextPendingConnection()) {
                socket->setParent(&server);
                connect(socket, &QWebSocket::textMessageReceived, socket, [socket](const QString &text) { socket->sendTextMessage(text); });
            }
        });
        constexpr int kSockets = 200;
        constexpr int kMessages = 20;
        std::vector<std::unique_ptr<QWebSocket>> clients;
        int echoes = 0;
        for (int i = 0; i < kSockets; ++i) {
            auto client = std::make_unique<QWebSocket>();
            QWebSocket *raw = client.get();
            connect(raw, &QWebSocket::connected, this, [raw, i] {
                for (int m = 0; m < kMessages; ++m)
                    raw->sendTextMessage(QStringLiteral("%1/%2").arg(i).arg(m));
            });
            connect(raw, &QWebSocket::textMessageReceived, this, [&](const QString &) { ++echoes; });
            raw->open(server.serverUrl());
            clients.push_back(std::move(client));
        }
        QTRY_COMPARE_WITH_TIMEOUT(echoes, kSockets * kMessages, 20000);
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollEventDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolleventdispatcher.moc"
