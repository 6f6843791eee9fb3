#pragma once

#include "HttpAdmission.h"
#include "Transport.h"
#include "WebSocketTransport.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

class QSocketNotifier;
class QTcpServer;
class QTimer;

namespace hearth {

class RoomHost;
class RawWebSocketListener;
struct RawConnection;
class ConnectionSink;

// A PeerConnection over one socket of a RawWebSocketListener. The socket state lives in the
// listener (it outlives this object while a close handshake finishes); this is only the face the
// room host holds, and the only QObject per connection.
class RawWebSocketPeer final : public PeerConnection
{
    Q_OBJECT

public:
    ~RawWebSocketPeer() override;

    void sendText(const QString &frame) override;
    void close(int code, const QString &reason) override;
    void abort() override;
    void ping() override;
    QString peerAddress() const override;

private:
    friend class RawWebSocketListener;
    RawWebSocketPeer(RawWebSocketListener &listener, RawConnection *connection);

    RawWebSocketListener &m_listener;
    RawConnection *m_connection; // null once the connection is over
};

// hearthd's own plain-ws transport (RFC 6455, server side): every socket is a small struct in one
// epoll set, driven by a single QSocketNotifier on the epoll descriptor, instead of a QTcpSocket
// and a QWebSocket with their buffers, timers and signal connections (about 27 KB a socket,
// docs/benchmarks.md "Live sync load"). It does what WebSocketListener does for plain ws: TCP_NODELAY,
// the request head read and judged before anything is consumed (Origin 403, per-address 429,
// pending-handshake limit, handshake timeout), GET /api/snapshot/{id} answered over HTTP, room
// joins (/api/ws/{household}) handed to RoomHost. Upgrades on any other path (/api/pair) are
// handed, bytes untouched, to a WebSocketListener (setFallback), which serves them with
// QWebSocket as before. No TLS: wss stays with WebSocketListener.
class RawWebSocketListener final : public QObject
{
    Q_OBJECT

public:
    RawWebSocketListener(RoomHost &host, ListenerOptions options, QObject *parent = nullptr);
    ~RawWebSocketListener() override;

    bool listen(const QHostAddress &address, quint16 port);
    QString errorString() const;
    QAbstractSocket::SocketError serverError() const;
    quint16 port() const;
    QHostAddress address() const;
    // Stops accepting; open connections stay.
    void close();

    // Where upgrades to paths other than /api/ws/... go (the descriptor, nothing read from it).
    // Without one they are answered 404.
    void setFallback(WebSocketListener *fallback) { m_fallback = fallback; }

    // Connections open right now (handshaking, joined or closing).
    int connectionCount() const { return int(m_connections.size()); }

private:
    friend class RawWebSocketPeer;
    friend struct RawConnection;
    friend class ConnectionSink;

    void onEpoll();
    void acceptAll();
    void onEvents(RawConnection *c, quint32 events);
    void readHandshake(RawConnection *c);
    void readFrames(RawConnection *c);
    // Parses complete frames from data; returns the bytes consumed, or -1 when the connection ended.
    qsizetype parseFrames(RawConnection *c, const char *data, qsizetype size);
    // What the frame parser hands over (wsframes::FrameSink); false once the connection stops reading.
    bool onMessage(RawConnection *c, int opcode, QByteArray message);
    bool onPing(RawConnection *c, const QByteArray &payload);
    bool onPong(RawConnection *c);
    bool onClose(RawConnection *c, int code);
    // The client broke the protocol: close with `code`, then drain until it leaves.
    void failConnection(RawConnection *c, int code, const char *reason);
    void upgrade(RawConnection *c, const QByteArray &head, qsizetype headSize);
    void answerHttp(RawConnection *c, const QByteArray &status, const QByteArray &extraHeaders = {},
                    const QByteArray &body = {});
    void servePlainGet(RawConnection *c, const QByteArray &head);
    void handOver(RawConnection *c);
    // Queues bytes (a shared frame, by reference) for the end of this event-loop turn.
    void send(RawConnection *c, const QByteArray &bytes);
    enum class WriteResult { Done, WouldBlock, Failed };
    WriteResult writeOut(RawConnection *c);
    void flush(RawConnection *c);
    void flushDirty();
    void sendClose(RawConnection *c, int code, const QByteArray &reason);
    // Ends a connection: the descriptor is closed now, the struct freed once no event refers to it.
    // emitNow: disconnected() is emitted at once (from the event loop) rather than queued (from a
    // call by the room host, which may be iterating over its peers).
    void finish(RawConnection *c, bool emitNow);
    void sweep();
    void reap();
    const QByteArray &encodedText(const QString &frame);
    void releaseAddress(RawConnection *c);

    RoomHost &m_host;
    ListenerOptions m_options;
    HttpAdmission m_admission;
    QTcpServer *m_tcp; // binds and listens (v4/v6, errors); accepting is ours
    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_sweepTimer;
    WebSocketListener *m_fallback = nullptr;
    std::vector<std::unique_ptr<RawConnection>> m_connections; // owned; unordered (swap-remove)
    std::vector<std::unique_ptr<RawConnection>> m_dead;        // freed after the current batch
    bool m_reapQueued = false;
    bool m_inBatch = false;
    std::vector<RawConnection *> m_dirty; // connections with frames queued in this turn
    bool m_flushQueued = false; // events of this epoll_wait may still point at finished connections
    QHash<QString, int> m_connectionsByAddress; // keys shared with every connection's address
    int m_handshaking = 0;
    // The room host sends the same QString to every member of a room: encode it once.
    QString m_lastText;
    QByteArray m_lastFrame;
};

} // namespace hearth
