#pragma once

#include "AttemptLimiter.h"
#include "RoomHost.h"
#include "WebSocketTransport.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <memory>

namespace hearth {

class HouseholdDirectory;
class Pairing;
class RawWebSocketListener;

// The room server, put together in one place for `hearthd serve`, the app's LAN host and the
// tests' TestHost: the room host over a households directory, pairing on /api/pair, Qt's
// WebSocket listener (TLS when the listener options carry a certificate) and, for plain ws when
// asked, hearthd's own transport in front of it, handing /api/pair over to the Qt listener.
class ServerStack final
{
public:
    struct Options
    {
        HostOptions host;
        // Its messageLimit is the host's; a frame never exceeds a message (frameLimit is capped).
        ListenerOptions listener;
        bool rawTransport = false;             // plain ws through RawWebSocketListener (not with TLS)
        AttemptLimiter::Limits pairingLimits;  // failed pairing attempts per address
    };

    ServerStack(HouseholdDirectory &directory, const QByteArray &secret, Options options);
    ~ServerStack();
    Q_DISABLE_COPY_MOVE(ServerStack)

    bool listen(const QHostAddress &address, quint16 port);
    QAbstractSocket::SocketError serverError() const;
    QString errorString() const;
    QHostAddress address() const;
    quint16 port() const;
    bool isSecure() const;

    // Stops accepting connections; open ones stay.
    void stopListening();
    // Stops accepting and closes every room socket with `code` (pairing exchanges end with the stack).
    void close(int code, const QString &reason);
    // A new signing key: pairing signs with it, and the room signs every device out (4001).
    void rotateSecret(const QByteArray &secret);
    // Replaces the pairing service with one under other attempt limits (tests use small ones).
    void setPairingLimits(AttemptLimiter::Limits limits);

    RoomHost &room() { return *m_room; }
    Pairing &pairing() { return *m_pairing; }
    WebSocketListener &listener() { return *m_listener; }
    RawWebSocketListener *rawListener() { return m_raw.get(); } // null unless plain ws goes through it

private:
    HouseholdDirectory &m_directory;
    QByteArray m_secret;
    // Destroyed in reverse: the listeners first, then pairing's sockets, pairing and the room.
    std::unique_ptr<RoomHost> m_room;
    std::unique_ptr<Pairing> m_pairing;
    std::unique_ptr<QObject> m_pairingSockets;
    std::unique_ptr<WebSocketListener> m_listener;
    std::unique_ptr<RawWebSocketListener> m_raw;
};

} // namespace hearth
