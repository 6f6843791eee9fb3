#include "ServerStack.h"

#include "Pairing.h"
#include "RawWebSocket.h"

#include <QWebSocket>

namespace hearth {

ServerStack::ServerStack(HouseholdDirectory &directory, const QByteArray &secret, Options options)
    : m_directory(directory)
    , m_secret(secret)
    , m_room(std::make_unique<RoomHost>(directory, secret, options.host))
    , m_pairing(std::make_unique<Pairing>(directory, secret, options.pairingLimits))
    , m_pairingSockets(std::make_unique<QObject>())
{
    ListenerOptions listenerOptions = options.listener;
    listenerOptions.messageLimit = options.host.messageLimit;
    listenerOptions.frameLimit = std::min(listenerOptions.frameLimit, options.host.messageLimit);
    m_listener = std::make_unique<WebSocketListener>(*m_room, listenerOptions);
    m_listener->setPathHandler(QStringLiteral("/api/pair"), [this](QWebSocket *socket) {
        socket->setParent(m_pairingSockets.get()); // exchanges in flight end with the stack
        m_pairing->serve(socket);
    });
    if (options.rawTransport && !listenerOptions.tls) {
        m_raw = std::make_unique<RawWebSocketListener>(*m_room, listenerOptions);
        m_raw->setFallback(m_listener.get());
    }
}

ServerStack::~ServerStack() = default;

bool ServerStack::listen(const QHostAddress &address, quint16 port)
{
    return m_raw ? m_raw->listen(address, port) : m_listener->listen(address, port);
}

QAbstractSocket::SocketError ServerStack::serverError() const
{
    return m_raw ? m_raw->serverError() : m_listener->serverError();
}

QString ServerStack::errorString() const
{
    return m_raw ? m_raw->errorString() : m_listener->errorString();
}

QHostAddress ServerStack::address() const
{
    return m_raw ? m_raw->address() : m_listener->address();
}

quint16 ServerStack::port() const
{
    return m_raw ? m_raw->port() : m_listener->port();
}

bool ServerStack::isSecure() const
{
    return m_listener->isSecure();
}

void ServerStack::stopListening()
{
    if (m_raw)
        m_raw->close();
    m_listener->close();
}

void ServerStack::close(int code, const QString &reason)
{
    stopListening();
    m_room->closeAll(code, reason);
}

void ServerStack::rotateSecret(const QByteArray &secret)
{
    m_secret = secret;
    m_pairing->setSecret(secret);
    m_room->rotateSecret(secret);
}

void ServerStack::setPairingLimits(AttemptLimiter::Limits limits)
{
    m_pairing = std::make_unique<Pairing>(m_directory, m_secret, limits);
}

} // namespace hearth
