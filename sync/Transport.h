#pragma once

#include <QObject>
#include <QString>

namespace hearth {

// One client connection as the room host sees it. The room logic talks only to this, so a
// transport other than QWebSocket (an epoll loop inside hearthd, an in-process pipe) can replace it.
class PeerConnection : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Frames are encoded once by the host and shared (QString is implicitly shared) by every recipient.
    virtual void sendText(const QString &frame) = 0;
    // Sends a close frame with a code and reason, then drops the connection.
    virtual void close(int code, const QString &reason) = 0;
    // Drops the connection without a close handshake (a dead peer).
    virtual void abort() = 0;
    // Sends a transport-level ping (a WebSocket ping frame); an answer arrives as alive().
    virtual void ping() = 0;
    virtual QString peerAddress() const = 0;

Q_SIGNALS:
    void textReceived(const QString &frame);
    void alive();
    void disconnected();
};

} // namespace hearth
