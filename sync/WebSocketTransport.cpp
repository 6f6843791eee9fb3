#include "WebSocketTransport.h"

#include "Protocol.h"
#include "RoomHost.h"

#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

#include <unistd.h>

namespace hearth {

WebSocketPeer::WebSocketPeer(QWebSocket *socket, QObject *parent)
    : PeerConnection(parent)
    , m_socket(socket)
{
    socket->setParent(this);
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &frame) {
        Q_EMIT alive();
        Q_EMIT textReceived(frame);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &) {
        Q_EMIT alive();
        Q_EMIT textReceived(QStringLiteral("<binary frame>")); // answered with an error event
    });
    connect(socket, &QWebSocket::pong, this, [this] { Q_EMIT alive(); });
    connect(socket, &QWebSocket::disconnected, this, [this] {
        if (!std::exchange(m_gone, true))
            Q_EMIT disconnected();
    });
}

WebSocketPeer::~WebSocketPeer()
{
    if (m_socket)
        m_socket->disconnect(this);
}

void WebSocketPeer::sendText(const QString &frame)
{
    if (m_gone || !m_socket)
        return;
    // A send that cannot be made means the peer is gone: report it so the room drops the socket.
    if (!m_socket->isValid() || m_socket->sendTextMessage(frame) < 0) {
        if (!std::exchange(m_gone, true))
            QMetaObject::invokeMethod(this, &PeerConnection::disconnected, Qt::QueuedConnection);
    }
}

void WebSocketPeer::close(int code, const QString &reason)
{
    if (m_socket)
        m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void WebSocketPeer::abort()
{
    if (m_socket)
        m_socket->abort();
}

void WebSocketPeer::ping()
{
    if (m_socket && m_socket->isValid())
        m_socket->ping();
}

QString WebSocketPeer::peerAddress() const
{
    return m_socket ? m_socket->peerAddress().toString() : QString();
}

namespace {

// A QTcpServer that wraps each accepted descriptor in a QSslSocket and starts the server side of
// the TLS handshake (QWebSocketServer's own secure mode cannot be combined with handleConnection).
class TlsTcpServer final : public QTcpServer
{
public:
    TlsTcpServer(QSslConfiguration configuration, QObject *parent)
        : QTcpServer(parent)
        , m_configuration(std::move(configuration))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setSslConfiguration(m_configuration);
        // A handshake that fails (a plain ws:// client, a scanner) just ends the connection.
        connect(socket, &QSslSocket::sslErrors, socket, [socket] { socket->abort(); });
        addPendingConnection(socket);
        socket->startServerEncryption();
    }

private:
    QSslConfiguration m_configuration;
};

} // namespace

WebSocketListener::WebSocketListener(RoomHost &host, ListenerOptions options, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_options(std::move(options))
    , m_admission(m_options.allowedOrigins)
    , m_tcp(m_options.tls ? new TlsTcpServer(*m_options.tls, this) : new QTcpServer(this))
    , m_server(new QWebSocketServer(QStringLiteral("hearth"), QWebSocketServer::NonSecureMode, this))
{
    m_server->setHandshakeTimeout(m_options.handshakeTimeout);
    m_server->setMaxPendingConnections(1024);
    connect(m_tcp, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_tcp->nextPendingConnection())
            accept(socket);
    });
    connect(m_server, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_server->nextPendingConnection())
            route(socket);
    });
}

WebSocketListener::~WebSocketListener() = default;

bool WebSocketListener::listen(const QHostAddress &address, quint16 port)
{
    m_tcp->setMaxPendingConnections(1024);
    return m_tcp->listen(address, port);
}

QString WebSocketListener::errorString() const
{
    return m_tcp->errorString();
}

QAbstractSocket::SocketError WebSocketListener::serverError() const
{
    return m_tcp->serverError();
}

quint16 WebSocketListener::port() const
{
    return m_tcp->serverPort();
}

QHostAddress WebSocketListener::address() const
{
    return m_tcp->serverAddress();
}

void WebSocketListener::close()
{
    m_tcp->close();
}

void WebSocketListener::setPathHandler(const QString &path, PathHandler handler)
{
    m_handlers.insert(path, std::move(handler));
}

void WebSocketListener::adoptDescriptor(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        delete socket;
        return;
    }
    accept(socket);
}

void WebSocketListener::accept(QTcpSocket *socket)
{
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const QString address = socket->peerAddress().toString();
    // Connections still shaking hands cost memory and a timer each: beyond the limit, new ones are
    // dropped at once instead of letting a slow-loris crowd out the household.
    if (m_handshaking >= m_options.maxPendingHandshakes) {
        qCInfo(lcHost) << "dropped a connection from" << address << ": too many handshakes in progress";
        socket->abort();
        socket->deleteLater();
        return;
    }
    ++m_handshaking;
    int &fromAddress = m_connectionsByAddress[address];
    ++fromAddress;
    // The count (and the socket's entry among those being upgraded) follows the TCP socket for its
    // whole life, watched through a child object: QWebSocketServer disconnects every signal of a
    // socket it upgrades, destroyed() included.
    auto *lifetime = new QObject(socket);
    connect(lifetime, &QObject::destroyed, this, [this, address, key = connectionKey(socket->peerAddress(), socket->peerPort())] {
        m_upgrading.remove(key);
        auto it = m_connectionsByAddress.find(address);
        if (it != m_connectionsByAddress.end() && --*it <= 0)
            m_connectionsByAddress.erase(it);
    });
    socket->setProperty("hearthHandshaking", true);
    const auto handshakeOver = [this, socket] {
        if (socket->property("hearthHandshaking").toBool()) {
            socket->setProperty("hearthHandshaking", false);
            --m_handshaking;
        }
    };
    // Look at the request head before choosing: a WebSocket upgrade goes to QWebSocketServer,
    // a plain GET /api/snapshot/... (the client's fallback when sockets cannot get through) or
    // /api/receipts/.../image (a receipt's image on demand) is
    // answered here. Nothing is consumed until the choice is made.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, handshakeOver] {
        const QByteArray head = socket->peek(8192);
        if (head.indexOf("\r\n\r\n") < 0 && head.size() < 8192)
            return; // wait for the whole header
        handshakeOver();
        disconnect(socket, &QTcpSocket::readyRead, this, nullptr); // decided: our watcher is done
        decide(socket);
    });
    // A peer that leaves before saying anything (a port scan, a dropped handshake) is freed.
    connect(socket, &QTcpSocket::disconnected, this, [socket, handshakeOver] {
        handshakeOver();
        if (!socket->property("hearthRouted").toBool())
            socket->deleteLater();
    });
    // ...and one that never finishes its request is dropped, like a slow handshake.
    QTimer::singleShot(m_options.handshakeTimeout, socket, [socket, handshakeOver] {
        if (!socket->property("hearthRouted").toBool()) {
            handshakeOver();
            socket->abort();
        }
    });
    if (m_connectionsByAddress.value(address) > m_options.maxConnectionsPerAddress) {
        qCInfo(lcHost) << "refused a connection from" << address << ": too many connections from one address";
        handshakeOver();
        reject(socket, "429 Too Many Requests");
        return;
    }
    if (socket->bytesAvailable() > 0)
        Q_EMIT socket->readyRead();
}

void WebSocketListener::reject(QTcpSocket *socket, const QByteArray &status)
{
    socket->setProperty("hearthRouted", true);
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->write("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    socket->disconnectFromHost();
}

void WebSocketListener::decide(QTcpSocket *socket)
{
    const QByteArray head = socket->peek(8192);
    const qsizetype end = head.indexOf("\r\n\r\n");
    const QByteArray header = head.left(end < 0 ? head.size() : end);
    if (!m_admission.originAllowed(header)) {
        qCInfo(lcHost) << "refused a connection from" << socket->peerAddress().toString() << ": origin"
                       << HttpAdmission::headerValue(header, "origin") << "is not allowed";
        return reject(socket, "403 Forbidden");
    }
    socket->setProperty("hearthRouted", true);
    if (HttpAdmission::isPlainGet(header)) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        servePlainGet(socket, header);
    } else {
        // QWebSocketServer takes it from here, but the QWebSocket it makes does not own the TCP
        // socket it runs on (it would stay a child of the QTcpServer, one leaked socket per closed
        // connection): route() ties the two together.
        m_upgrading.insert(connectionKey(socket->peerAddress(), socket->peerPort()), socket);
        // A handshake that fails leaves no QWebSocket to own it: once QWebSocketServer has given
        // up on it (after its handshake timeout), it is freed here.
        QTimer::singleShot(2 * m_options.handshakeTimeout, socket, [socket] {
            if (!socket->property("hearthAdopted").toBool()) {
                socket->abort();
                socket->deleteLater();
            }
        });
        m_server->handleConnection(socket);
    }
}

void WebSocketListener::servePlainGet(QTcpSocket *socket, const QByteArray &header)
{
    const RoomHost::HttpAnswer answer = m_host.answerPlainGet(header);
    QByteArray response = "HTTP/1.1 " + HttpAdmission::snapshotStatus(answer.status) + "\r\n"
        + HttpAdmission::snapshotHeaders(answer.contentType)
        + "Connection: close\r\nContent-Length: " + QByteArray::number(answer.body.size()) + "\r\n\r\n" + answer.body;
    socket->readAll();
    socket->write(response);
    socket->disconnectFromHost();
}

QString WebSocketListener::connectionKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + QLatin1Char('/') + QString::number(port);
}

void WebSocketListener::route(QWebSocket *socket)
{
    if (QPointer<QTcpSocket> tcp = m_upgrading.take(connectionKey(socket->peerAddress(), socket->peerPort()))) {
        // A child of its QWebSocket, as the TCP socket of a client-side QWebSocket is: it goes with it.
        tcp->setProperty("hearthAdopted", true);
        tcp->setParent(socket);
    }
    socket->setMaxAllowedIncomingMessageSize(quint64(m_options.messageLimit));
    socket->setMaxAllowedIncomingFrameSize(quint64(m_options.frameLimit));
    if (const auto room = HttpAdmission::roomRequest(socket->requestUrl())) {
        m_host.join(new WebSocketPeer(socket), room->householdId, room->token, room->since);
        return;
    }
    const QString path = socket->requestUrl().path();
    if (const auto handler = m_handlers.constFind(path); handler != m_handlers.cend()) {
        (*handler)(socket);
        return;
    }
    socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("Unknown path"));
    socket->deleteLater();
}

} // namespace hearth
