#pragma once

#include "HttpAdmission.h"
#include "Transport.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

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

struct ListenerOptions
{
    qint64 messageLimit = 4 << 20;      // bytes in one message (close 1009): protocol::kDefaultMessageLimit
    qint64 frameLimit = 4 << 20;        // bytes in one WebSocket frame (close 1009)
    int maxPendingHandshakes = 256;     // connections still in their handshake; more are dropped
    int maxConnectionsPerAddress = 64;  // open connections from one address; more are refused
    std::chrono::milliseconds handshakeTimeout{std::chrono::seconds(10)};
    // Bytes a peer may leave unread before it is dropped (RawWebSocketListener only: QWebSocket
    // buffers without a limit). A bank import of 10,000 rows is broadcast as ~4 MB of events in
    // one turn, so a reading peer must be allowed well past that.
    qint64 sendQueueLimit = qint64(16) << 20;
    // Browser origins allowed to connect (e.g. "https://hearth.example"). Empty: no browser page
    // may; native clients send no Origin and are not affected.
    QStringList allowedOrigins;
    // When set, the listener speaks TLS only (wss:// and https://).
    std::optional<QSslConfiguration> tls;
};

// Listens for WebSocket connections and hands room joins (/api/ws/{household_id}) to the RoomHost.
// Accepts TCP itself so every socket gets TCP_NODELAY (Qt leaves Nagle on for server sockets),
// finishes TLS when configured, reads the request head to refuse what is not welcome (an Origin
// not allowed, too many connections from one address) before any WebSocket handshake, and then
// passes the socket to QWebSocketServer::handleConnection.
class WebSocketListener final : public QObject
{
    Q_OBJECT

public:
    WebSocketListener(RoomHost &host, ListenerOptions options, QObject *parent = nullptr);
    ~WebSocketListener() override;

    bool listen(const QHostAddress &address, quint16 port);
    QString errorString() const;
    // Why listen() failed: AddressInUseError for a busy port, SocketAccessError for a privileged one.
    QAbstractSocket::SocketError serverError() const;
    quint16 port() const;
    QHostAddress address() const;
    bool isSecure() const { return m_options.tls.has_value(); }
    void close();

    void setPathHandler(const QString &path, PathHandler handler);
    // Serves a connection accepted elsewhere (RawWebSocketListener hands over upgrades to paths it
    // does not serve itself, such as /api/pair) as if this listener had accepted it: nothing has
    // been read from the descriptor. Plain TCP only.
    void adoptDescriptor(qintptr descriptor);

private:
    void accept(QTcpSocket *socket);
    void decide(QTcpSocket *socket);
    void reject(QTcpSocket *socket, const QByteArray &status);
    void servePlainGet(QTcpSocket *socket, const QByteArray &header);
    void route(QWebSocket *socket);
    static QString connectionKey(const QHostAddress &address, quint16 port);

    RoomHost &m_host;
    ListenerOptions m_options;
    HttpAdmission m_admission;
    QTcpServer *m_tcp;
    QWebSocketServer *m_server;
    QHash<QString, PathHandler> m_handlers;
    QHash<QString, int> m_connectionsByAddress;
    QHash<QString, QPointer<QTcpSocket>> m_upgrading; // handed to QWebSocketServer, not yet a QWebSocket
    int m_handshaking = 0;
};

} // namespace hearth
