#pragma once

#include "Transport.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QSslConfiguration;
class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace hearth {

class RoomHost;

// A PeerConnection over QWebSocket.
class WebSocketPeer final : public PeerConnection
{
    Q_OBJECT

public:
    explicit WebSocketPeer(QWebSocket *socket, QObject *parent = nullptr);
    ~WebSocketPeer() override;

    void sendText(const QString &frame) override;
    void close(int code, const QString &reason) override;
    void abort() override;
    void ping() override;
    QString peerAddress() const override;

private:
    QPointer<QWebSocket> m_socket;
    bool m_gone = false;
};

// Requests other than a room join (pairing a new device) go to a handler by path.
using PathHandler = std::function<void(QWebSocket *socket)>;

// Listens for WebSocket connections and hands room joins (/api/ws/{household_id}?token=...) to
// the RoomHost. Accepts TCP itself so every socket gets TCP_NODELAY (Qt leaves Nagle on for
// server sockets), then passes it to QWebSocketServer::handleConnection.
class WebSocketListener final : public QObject
{
    Q_OBJECT

public:
    WebSocketListener(RoomHost &host, qint64 messageLimit, QObject *parent = nullptr);
    ~WebSocketListener() override;

    bool listen(const QHostAddress &address, quint16 port);
    QString errorString() const;
    // Why listen() failed: AddressInUseError for a busy port, SocketAccessError for a privileged one.
    QAbstractSocket::SocketError serverError() const;
    quint16 port() const;
    QHostAddress address() const;
    void close();

    void setPathHandler(const QString &path, PathHandler handler);
    // How long a new connection may take to send its request and finish the handshake (10 s).
    void setHandshakeTimeout(std::chrono::milliseconds timeout);

private:
    void onNewConnection();
    void serveSnapshot(QTcpSocket *socket, const QByteArray &header);
    void route(QWebSocket *socket);

    RoomHost &m_host;
    qint64 m_messageLimit;
    QTcpServer *m_tcp;
    QWebSocketServer *m_server;
    QHash<QString, PathHandler> m_handlers;
    std::chrono::milliseconds m_handshakeTimeout{std::chrono::seconds(10)};
};

} // namespace hearth
