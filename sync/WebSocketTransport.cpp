#include "WebSocketTransport.h"

#include "Protocol.h"
#include "RoomHost.h"

#include <QTcpServer>
#include <QTimer>
#include <QUrl>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

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

WebSocketListener::WebSocketListener(RoomHost &host, qint64 messageLimit, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_messageLimit(messageLimit)
    , m_tcp(new QTcpServer(this))
    , m_server(new QWebSocketServer(QStringLiteral("hearth"), QWebSocketServer::NonSecureMode, this))
{
    m_server->setHandshakeTimeout(m_handshakeTimeout);
    m_server->setMaxPendingConnections(1024);
    connect(m_tcp, &QTcpServer::newConnection, this, &WebSocketListener::onNewConnection);
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

void WebSocketListener::setHandshakeTimeout(std::chrono::milliseconds timeout)
{
    m_handshakeTimeout = timeout;
    m_server->setHandshakeTimeout(timeout);
}

void WebSocketListener::setPathHandler(const QString &path, PathHandler handler)
{
    m_handlers.insert(path, std::move(handler));
}

void WebSocketListener::onNewConnection()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        // Look at the request line before choosing: a WebSocket upgrade goes to QWebSocketServer,
        // a plain GET /api/snapshot/... (the client's fallback when sockets cannot get through)
        // is answered here. Nothing is read until the choice is made.
        const auto decide = [this, socket] {
            const QByteArray head = socket->peek(8192);
            const qsizetype end = head.indexOf("\r\n\r\n");
            if (end < 0 && head.size() < 8192)
                return; // wait for the whole header
            disconnect(socket, nullptr, this, nullptr); // decided: our watchers are done
            socket->setProperty("hearthRouted", true);
            const bool upgrade = head.toLower().contains("upgrade: websocket");
            if (!upgrade && head.startsWith("GET /api/snapshot/")) {
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                serveSnapshot(socket, head.left(end < 0 ? head.size() : end));
            } else {
                m_server->handleConnection(socket); // QWebSocketServer owns it from here
            }
        };
        connect(socket, &QTcpSocket::readyRead, this, decide);
        // A peer that leaves before saying anything (a port scan, a dropped handshake) is freed.
        connect(socket, &QTcpSocket::disconnected, this, [socket] { socket->deleteLater(); });
        // ...and one that never finishes its request line is dropped, like a slow handshake.
        QTimer::singleShot(m_handshakeTimeout, socket, [socket] {
            if (!socket->property("hearthRouted").toBool())
                socket->abort();
        });
        if (socket->bytesAvailable() > 0)
            decide();
    }
}

void WebSocketListener::serveSnapshot(QTcpSocket *socket, const QByteArray &header)
{
    const QList<QByteArray> lines = header.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    const QUrl url(QString::fromLatin1(requestLine.value(1)));
    QString token;
    for (const QByteArray &line : lines) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.toLower().startsWith("authorization: bearer "))
            token = QString::fromLatin1(trimmed.mid(int(qstrlen("authorization: bearer "))));
    }
    const QString householdId = url.path().mid(int(qstrlen("/api/snapshot/")));
    const RoomHost::HttpAnswer answer = m_host.snapshotOverHttp(householdId, token);
    const QByteArray reason = answer.status == 200 ? "OK" : answer.status == 401 ? "Unauthorized" : "Forbidden";
    QByteArray response = "HTTP/1.1 " + QByteArray::number(answer.status) + ' ' + reason + "\r\n"
        + "Content-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\n"
        + "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n\r\n" + answer.body;
    socket->readAll();
    socket->write(response);
    socket->disconnectFromHost();
}

void WebSocketListener::route(QWebSocket *socket)
{
    socket->setMaxAllowedIncomingMessageSize(quint64(m_messageLimit));
    socket->setMaxAllowedIncomingFrameSize(quint64(m_messageLimit));
    const QUrl url = socket->requestUrl();
    const QString path = url.path();
    static const QString roomPrefix = QStringLiteral("/api/ws/");
    if (path.startsWith(roomPrefix) && path.size() > roomPrefix.size() && path.indexOf(QLatin1Char('/'), roomPrefix.size()) < 0) {
        const QUrlQuery query(url);
        std::optional<qint64> since;
        if (query.hasQueryItem(QStringLiteral("since"))) {
            bool ok = false;
            const qint64 value = query.queryItemValue(QStringLiteral("since")).toLongLong(&ok);
            if (ok && value >= 0)
                since = value;
        }
        m_host.join(new WebSocketPeer(socket), path.mid(roomPrefix.size()),
                    query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded), since);
        return;
    }
    if (const auto handler = m_handlers.constFind(path); handler != m_handlers.cend()) {
        (*handler)(socket);
        return;
    }
    socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("Unknown path"));
    socket->deleteLater();
}

} // namespace hearth
