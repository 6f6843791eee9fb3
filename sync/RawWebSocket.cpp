#include "RawWebSocket.h"

#include "HttpAdmission.h"
#include "Protocol.h"
#include "RoomHost.h"

#include <QCryptographicHash>
#include <QSocketNotifier>
#include <QStringDecoder>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

namespace hearth {

namespace {

constexpr qsizetype kMaxHead = 8192;            // bytes of request head before 431
constexpr qint64 kCloseTimeoutMs = 5000;        // a close handshake or an HTTP answer the peer never ends
constexpr int kEventsPerWait = 256;
constexpr int kCloseProtocolError = 1002;
constexpr int kCloseInvalidData = 1007;

qint64 nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// A server frame (never masked): FIN, opcode, 7/16/64-bit length, payload.
QByteArray encodeFrame(int opcode, const char *payload, qsizetype size)
{
    QByteArray frame;
    frame.reserve(size + 10);
    frame.append(char(0x80 | opcode));
    if (size < 126) {
        frame.append(char(size));
    } else if (size <= 0xffff) {
        frame.append(char(126));
        frame.append(char(size >> 8));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(size) >> shift) & 0xff));
    }
    frame.append(payload, size);
    return frame;
}

} // namespace

// One socket. Kept small on purpose (docs/benchmarks.md): buffers exist only while a frame or a
// message is partial or the peer is not reading, and the address string is shared with every
// other connection from the same address.
struct RawConnection
{
    enum class State : quint8 {
        Handshake, // reading the request head (peeked, not consumed)
        Open,      // a WebSocket
        Closing,   // we sent a close frame, waiting for the peer's (data frames are ignored)
        Draining,  // answered (HTTP error, failed protocol); input discarded until the peer leaves
        Done,
    };
    int fd = -1;
    State state = State::Handshake;
    bool closeSent = false;
    bool dirty = false;         // in RawWebSocketListener::m_dirty: frames queued this turn
    quint8 messageOpcode = 0;   // opcode of a fragmented message in progress, 0 when none
    size_t index = 0;           // in RawWebSocketListener::m_connections
    qint64 deadlineMs = 0;      // handshake or close deadline; 0: none
    QString address;
    RawWebSocketPeer *peer = nullptr;
    QByteArray in;              // a partial frame
    QByteArray message;         // the fragments of a message so far
    QList<QByteArray> out;      // frames the socket did not take yet (shared with other recipients)
    qsizetype outOffset = 0;    // bytes of out.first() already sent
    qsizetype outBytes = 0;     // bytes waiting in out
};

RawWebSocketPeer::RawWebSocketPeer(RawWebSocketListener &listener, RawConnection *connection)
    : m_listener(listener)
    , m_connection(connection)
{
}

RawWebSocketPeer::~RawWebSocketPeer()
{
    if (RawConnection *c = std::exchange(m_connection, nullptr)) {
        c->peer = nullptr;
        // The room host let go of a connection it did not close: nobody else will.
        if (c->state == RawConnection::State::Open)
            m_listener.finish(c, false);
    }
}

void RawWebSocketPeer::sendText(const QString &frame)
{
    if (m_connection && m_connection->state == RawConnection::State::Open)
        m_listener.send(m_connection, m_listener.encodedText(frame));
}

void RawWebSocketPeer::close(int code, const QString &reason)
{
    RawConnection *c = m_connection;
    if (!c || c->state != RawConnection::State::Open)
        return;
    m_listener.sendClose(c, code, reason.toUtf8().left(123));
    if (c->state == RawConnection::State::Open) { // (a send that failed has finished it)
        c->state = RawConnection::State::Closing;
        c->deadlineMs = nowMs() + kCloseTimeoutMs;
    }
}

void RawWebSocketPeer::abort()
{
    if (m_connection)
        m_listener.finish(m_connection, false);
}

void RawWebSocketPeer::ping()
{
    static const QByteArray frame("\x89\x00", 2);
    if (m_connection && m_connection->state == RawConnection::State::Open)
        m_listener.send(m_connection, frame);
}

QString RawWebSocketPeer::peerAddress() const
{
    return m_connection ? m_connection->address : QString();
}

RawWebSocketListener::RawWebSocketListener(RoomHost &host, ListenerOptions options, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_options(std::move(options))
    , m_admission(m_options.allowedOrigins)
    , m_tcp(new QTcpServer(this))
    , m_epoll(::epoll_create1(EPOLL_CLOEXEC))
    , m_sweepTimer(new QTimer(this))
{
    Q_ASSERT(!m_options.tls); // wss stays with WebSocketListener
    if (m_epoll >= 0) {
        // One notifier for every socket: Qt's event loop sees one descriptor, this listener asks
        // the epoll set which sockets are ready.
        m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &RawWebSocketListener::onEpoll);
    }
    // Handshakes and close handshakes that never end: one coarse timer for all of them.
    const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(m_options.handshakeTimeout);
    m_sweepTimer->setInterval(std::clamp<qint64>(timeout.count() / 4, 10, 1000));
    connect(m_sweepTimer, &QTimer::timeout, this, &RawWebSocketListener::sweep);
    m_sweepTimer->start();
}

RawWebSocketListener::~RawWebSocketListener()
{
    for (const auto &c : m_connections) {
        if (c->fd >= 0)
            ::close(c->fd);
        if (c->peer)
            c->peer->m_connection = nullptr;
    }
    delete m_notifier; // before its descriptor goes
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool RawWebSocketListener::listen(const QHostAddress &address, quint16 port)
{
    if (m_epoll < 0)
        return false;
    // QTcpServer binds and listens (IPv4/IPv6, SO_REUSEADDR, its error strings); it never accepts:
    // its notifier is paused and the descriptor joins the epoll set.
    m_tcp->setMaxPendingConnections(1024);
    if (!m_tcp->listen(address, port))
        return false;
    m_tcp->pauseAccepting();
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = nullptr; // the listening socket
    return ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, int(m_tcp->socketDescriptor()), &event) == 0;
}

QString RawWebSocketListener::errorString() const
{
    return m_epoll < 0 ? QStringLiteral("cannot create an epoll set") : m_tcp->errorString();
}

QAbstractSocket::SocketError RawWebSocketListener::serverError() const
{
    return m_tcp->serverError();
}

quint16 RawWebSocketListener::port() const
{
    return m_tcp->serverPort();
}

QHostAddress RawWebSocketListener::address() const
{
    return m_tcp->serverAddress();
}

void RawWebSocketListener::close()
{
    if (m_tcp->isListening()) {
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, int(m_tcp->socketDescriptor()), nullptr);
        m_tcp->close();
    }
}

void RawWebSocketListener::onEpoll()
{
    epoll_event events[kEventsPerWait];
    m_inBatch = true;
    for (;;) {
        const int n = ::epoll_wait(m_epoll, events, kEventsPerWait, 0);
        if (n < 0 && errno == EINTR)
            continue;
        for (int i = 0; i < n; ++i) {
            auto *c = static_cast<RawConnection *>(events[i].data.ptr);
            if (!c)
                acceptAll();
            else if (c->state != RawConnection::State::Done)
                onEvents(c, events[i].events);
        }
        if (n < kEventsPerWait)
            break;
    }
    m_inBatch = false;
    flushDirty(); // what this batch made the host send (pongs, answers, 101s)
    reap();
}

void RawWebSocketListener::acceptAll()
{
    const int listenFd = int(m_tcp->socketDescriptor());
    for (;;) {
        sockaddr_storage from{};
        socklen_t length = sizeof from;
        const int fd = ::accept4(listenFd, reinterpret_cast<sockaddr *>(&from), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            return; // EAGAIN, or out of descriptors (EMFILE): the backlog waits for the next wake-up
        }
        const QString address = QHostAddress(reinterpret_cast<const sockaddr *>(&from)).toString();
        // Connections still shaking hands cost memory: beyond the limit, new ones are dropped at
        // once instead of letting a slow-loris crowd out the households.
        if (m_handshaking >= m_options.maxPendingHandshakes) {
            qCInfo(lcHost) << "dropped a connection from" << address << ": too many handshakes in progress";
            ::close(fd);
            continue;
        }
        // Qt leaves Nagle on for server sockets; small frames must not wait for an ACK.
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

        auto owned = std::make_unique<RawConnection>();
        RawConnection *c = owned.get();
        c->fd = fd;
        c->index = m_connections.size();
        m_connections.push_back(std::move(owned));
        ++m_handshaking; // until the head is judged (answerHttp and finish count it down)
        c->deadlineMs = nowMs() + std::chrono::duration_cast<std::chrono::milliseconds>(m_options.handshakeTimeout).count();
        auto counted = m_connectionsByAddress.find(address);
        if (counted == m_connectionsByAddress.end())
            counted = m_connectionsByAddress.insert(address, 0);
        c->address = counted.key(); // shared, not one string per socket
        ++*counted;
        // Edge-triggered, registered once for reading and writing: no epoll_ctl per send, and a
        // read loop that drains the socket anyway.
        epoll_event event{};
        event.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
        event.data.ptr = c;
        if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) != 0) {
            finish(c, true);
            continue;
        }
        if (*counted > m_options.maxConnectionsPerAddress) {
            qCInfo(lcHost) << "refused a connection from" << address << ": too many connections from one address";
            answerHttp(c, "429 Too Many Requests");
        }
    }
}

void RawWebSocketListener::onEvents(RawConnection *c, quint32 events)
{
    using State = RawConnection::State;
    if ((events & EPOLLOUT) && !c->out.isEmpty())
        flush(c);
    if (!(events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
        return;
    if (c->state == State::Handshake)
        readHandshake(c);
    else if (c->state != State::Done)
        readFrames(c);
}

void RawWebSocketListener::readHandshake(RawConnection *c)
{
    // Peek, do not consume: an upgrade to a path served by the Qt transport (/api/pair) is handed
    // over with its bytes still in the kernel. Edge-triggered: an incomplete head waits for more.
    QByteArray head(kMaxHead, Qt::Uninitialized);
    ssize_t n;
    do
        n = ::recv(c->fd, head.data(), size_t(kMaxHead), MSG_PEEK);
    while (n < 0 && errno == EINTR);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
        return finish(c, true);
    if (n < 0)
        return;
    head.truncate(n);
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (n >= kMaxHead)
            answerHttp(c, "431 Request Header Fields Too Large");
        return;
    }
    head.truncate(end + 4);
    --m_handshaking;
    c->state = RawConnection::State::Draining; // until decided otherwise below
    c->deadlineMs = 0;

    if (!m_admission.originAllowed(head)) {
        qCInfo(lcHost) << "refused a connection from" << c->address << ": origin" << HttpAdmission::headerValue(head, "origin") << "is not allowed";
        return answerHttp(c, "403 Forbidden");
    }
    if (!HttpAdmission::hasToken(HttpAdmission::headerValue(head, "upgrade"), "websocket")) {
        if (HttpAdmission::isPlainGet(head))
            return servePlainGet(c, head);
        return answerHttp(c, "400 Bad Request");
    }
    const QByteArray target = head.left(head.indexOf("\r\n")).split(' ').value(1);
    if (!HttpAdmission::isRoomPath(QUrl(QString::fromLatin1(target)).path())) {
        if (m_fallback)
            return handOver(c);
        return answerHttp(c, "404 Not Found");
    }
    upgrade(c, head, head.size());
}

void RawWebSocketListener::upgrade(RawConnection *c, const QByteArray &head, qsizetype headSize)
{
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || requestLine.at(0) != "GET" || !requestLine.at(2).startsWith("HTTP/1.")
        || requestLine.at(2) == "HTTP/1.0" || !HttpAdmission::hasToken(HttpAdmission::headerValue(head, "connection"), "upgrade"))
        return answerHttp(c, "400 Bad Request");
    if (HttpAdmission::headerValue(head, "sec-websocket-version") != "13")
        return answerHttp(c, "400 Bad Request", "Sec-WebSocket-Version: 13\r\n");
    const QByteArray key = HttpAdmission::headerValue(head, "sec-websocket-key");
    const auto decodedKey = QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (!decodedKey || decodedKey.decoded.size() != 16)
        return answerHttp(c, "400 Bad Request");

    // The head is taken off the socket now; what follows it (frames sent early) is read below.
    QByteArray discard(headSize, Qt::Uninitialized);
    qsizetype taken = 0;
    while (taken < headSize) {
        const ssize_t n = ::recv(c->fd, discard.data() + taken, size_t(headSize - taken), 0);
        if (n <= 0 && !(n < 0 && errno == EINTR))
            return finish(c, true); // it was peeked: only a reset gets here
        taken += qMax<ssize_t>(n, 0);
    }
    const QByteArray accept = QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                                       QCryptographicHash::Sha1).toBase64();
    c->state = RawConnection::State::Open;
    send(c, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                 + accept + "\r\n\r\n");
    if (c->state != RawConnection::State::Open)
        return;

    const auto room = HttpAdmission::roomRequest(QUrl(QString::fromLatin1(requestLine.at(1))));
    if (!room) // readHandshake() sends only room paths here
        return answerHttp(c, "404 Not Found");
    c->peer = new RawWebSocketPeer(*this, c);
    m_host.join(c->peer, room->householdId, room->token, room->since);
    if (c->state == RawConnection::State::Open || c->state == RawConnection::State::Closing)
        readFrames(c); // edge-triggered: bytes already there bring no new event
}

void RawWebSocketListener::answerHttp(RawConnection *c, const QByteArray &status, const QByteArray &extraHeaders,
                                      const QByteArray &body)
{
    if (c->state == RawConnection::State::Handshake)
        --m_handshaking;
    c->state = RawConnection::State::Draining;
    c->deadlineMs = nowMs() + kCloseTimeoutMs;
    send(c, "HTTP/1.1 " + status + "\r\n" + extraHeaders + "Content-Length: " + QByteArray::number(body.size())
                 + "\r\nConnection: close\r\n\r\n" + body);
    // Half-close once it is out; the peer's end (or the deadline) frees the socket. The request
    // is read and discarded meanwhile so that closing does not reset the connection (a reset can
    // destroy the answer before the peer reads it).
    if (c->state == RawConnection::State::Draining && c->out.isEmpty())
        ::shutdown(c->fd, SHUT_WR);
    if (c->state == RawConnection::State::Draining)
        readFrames(c);
}

void RawWebSocketListener::servePlainGet(RawConnection *c, const QByteArray &head)
{
    const RoomHost::HttpAnswer answer = m_host.answerPlainGet(head);
    answerHttp(c, HttpAdmission::snapshotStatus(answer.status), HttpAdmission::snapshotHeaders(answer.contentType), answer.body);
}

void RawWebSocketListener::handOver(RawConnection *c)
{
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, c->fd, nullptr);
    const int fd = std::exchange(c->fd, -1);
    finish(c, true); // frees the struct and the address count; the descriptor stays open
    m_fallback->adoptDescriptor(fd);
}

void RawWebSocketListener::readFrames(RawConnection *c)
{
    using State = RawConnection::State;
    // One read buffer for every socket: a connection keeps bytes only while a frame is partial.
    static thread_local char scratch[1 << 16];
    for (;;) {
        const ssize_t n = ::recv(c->fd, scratch, sizeof scratch, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n <= 0)
            return finish(c, true); // the peer left (or reset)
        if (c->state == State::Draining)
            continue;
        if (c->in.isEmpty()) {
            const qsizetype used = parseFrames(c, scratch, n);
            if (used < 0)
                return;
            if (used < n && (c->state == State::Open || c->state == State::Closing))
                c->in = QByteArray(scratch + used, n - used);
        } else {
            c->in.append(scratch, n);
            const qsizetype used = parseFrames(c, c->in.constData(), c->in.size());
            if (used < 0)
                return;
            c->in.remove(0, used);
            if (c->in.isEmpty())
                c->in = QByteArray(); // give the memory back
        }
        if (c->state == State::Done)
            return;
    }
}

qsizetype RawWebSocketListener::parseFrames(RawConnection *c, const char *data, qsizetype size)
{
    using State = RawConnection::State;
    const auto fail = [this, c](int code, const char *reason) -> qsizetype {
        sendClose(c, code, reason);
        if (c->state != State::Done) {
            c->state = State::Draining;
            c->deadlineMs = nowMs() + kCloseTimeoutMs;
            c->in = QByteArray();
            c->message = QByteArray();
            if (c->out.isEmpty())
                ::shutdown(c->fd, SHUT_WR);
        }
        return -1;
    };
    qsizetype pos = 0;
    while (c->state == State::Open || c->state == State::Closing) {
        const auto *p = reinterpret_cast<const uchar *>(data + pos);
        const qsizetype available = size - pos;
        if (available < 2)
            break;
        const bool fin = p[0] & 0x80;
        const int opcode = p[0] & 0x0f;
        quint64 length = p[1] & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            if (available < 4)
                break;
            length = (quint64(p[2]) << 8) | p[3];
            header = 4;
        } else if (length == 127) {
            if (available < 10)
                break;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | p[i];
            header = 10;
        }
        // Judged on the header alone, before any payload is buffered.
        if (p[0] & 0x70)
            return fail(kCloseProtocolError, "Reserved bits set");
        if (!(p[1] & 0x80))
            return fail(kCloseProtocolError, "Client frames must be masked");
        const bool control = opcode & 0x8;
        if (control) {
            if (opcode > 0xA)
                return fail(kCloseProtocolError, "Unknown opcode");
            if (!fin || length > 125)
                return fail(kCloseProtocolError, "Control frames are short and whole");
        } else if (opcode > 2) {
            return fail(kCloseProtocolError, "Unknown opcode");
        } else if ((opcode == 0) != (c->messageOpcode != 0)) {
            return fail(kCloseProtocolError, "Unexpected continuation");
        }
        if (length > quint64(m_options.frameLimit)
            || (!control && quint64(c->message.size()) + length > quint64(m_options.messageLimit)))
            return fail(protocol::kCloseTooBig, "Message too big");
        header += 4; // the mask
        if (available < header || quint64(available - header) < length)
            break; // the rest of the frame is still on its way
        QByteArray payload(reinterpret_cast<const char *>(p + header), qsizetype(length));
        const uchar *mask = p + header - 4;
        char *bytes = payload.data();
        for (qsizetype i = 0; i < payload.size(); ++i)
            bytes[i] = char(bytes[i] ^ mask[i & 3]);
        pos += header + qsizetype(length);
        if (!onFrame(c, opcode, fin, std::move(payload)))
            return c->state == State::Done || c->state == State::Draining ? -1 : pos;
    }
    if (c->state == State::Done || c->state == State::Draining)
        return -1;
    return pos;
}

bool RawWebSocketListener::onFrame(RawConnection *c, int opcode, bool fin, QByteArray payload)
{
    using State = RawConnection::State;
    switch (opcode) {
    case 0x8: { // close
        if (payload.size() == 1) {
            sendClose(c, kCloseProtocolError, "Bad close frame");
            finish(c, true);
            return false;
        }
        if (c->state == State::Open) {
            // Answer with the same code (none: an empty close), then end the connection.
            if (payload.size() >= 2)
                sendClose(c, (uchar(payload.at(0)) << 8) | uchar(payload.at(1)), {});
            else
                send(c, QByteArray("\x88\x00", 2));
        }
        finish(c, true);
        return false;
    }
    case 0x9: // ping
        if (c->state == State::Open)
            send(c, encodeFrame(0xA, payload.constData(), payload.size()));
        if (c->peer && c->state == State::Open)
            Q_EMIT c->peer->alive();
        return c->state == State::Open || c->state == State::Closing;
    case 0xA: // pong
        if (c->peer && c->state == State::Open)
            Q_EMIT c->peer->alive();
        return c->state == State::Open || c->state == State::Closing;
    default:
        break;
    }
    // A data frame: a whole message, or a fragment of one.
    if (opcode != 0)
        c->messageOpcode = quint8(opcode);
    if (!fin) {
        c->message.append(payload);
        return true;
    }
    const int messageOpcode = std::exchange(c->messageOpcode, 0);
    const QByteArray message = c->message.isEmpty() ? std::move(payload) : std::exchange(c->message, QByteArray()) + payload;
    if (c->state != State::Open || !c->peer)
        return c->state == State::Open || c->state == State::Closing;
    if (messageOpcode == 0x2) {
        Q_EMIT c->peer->alive();
        if (c->peer && c->state == State::Open)
            Q_EMIT c->peer->textReceived(QStringLiteral("<binary frame>")); // answered with an error event
    } else {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = decoder.decode(message);
        if (decoder.hasError()) {
            sendClose(c, kCloseInvalidData, "Invalid UTF-8");
            c->state = State::Draining;
            c->deadlineMs = nowMs() + kCloseTimeoutMs;
            if (c->out.isEmpty())
                ::shutdown(c->fd, SHUT_WR);
            return false;
        }
        Q_EMIT c->peer->alive();
        if (c->peer && c->state == State::Open)
            Q_EMIT c->peer->textReceived(text);
    }
    return c->state == State::Open || c->state == State::Closing;
}

const QByteArray &RawWebSocketListener::encodedText(const QString &frame)
{
    // Same data pointer (this object holds a reference, so it cannot be reused for other text):
    // the same text, already encoded. The frame itself is shared by every send queue that holds it.
    if (frame.constData() != m_lastText.constData() || frame.size() != m_lastText.size() || m_lastFrame.isNull()) {
        const QByteArray utf8 = frame.toUtf8();
        m_lastFrame = encodeFrame(0x1, utf8.constData(), utf8.size());
        m_lastText = frame;
    }
    return m_lastFrame;
}

void RawWebSocketListener::send(RawConnection *c, const QByteArray &bytes)
{
    if (c->fd < 0)
        return;
    // A peer that stops reading would make the host hold every change for it: beyond the limit it
    // is dropped (and resumes from its last seq when it comes back).
    if (c->outBytes > 0 && c->outBytes + bytes.size() > m_options.sendQueueLimit) {
        qCInfo(lcHost) << "dropped a connection from" << c->address << ": it stopped reading";
        return finish(c, false);
    }
    // Queued by reference (the same frame for every recipient), written at the end of this turn
    // of the event loop: everything a socket gets in one turn (an ack, the broadcasts of a group
    // commit, presence) leaves in one writev() instead of one send() each — on loopback each call
    // also runs the receiver's TCP path, which made per-frame sends cost a quarter of the closed
    // loop's throughput.
    c->out.append(bytes);
    c->outBytes += bytes.size();
    if (!c->dirty) {
        c->dirty = true;
        m_dirty.push_back(c);
        if (!m_inBatch && !std::exchange(m_flushQueued, true))
            QMetaObject::invokeMethod(this, &RawWebSocketListener::flushDirty, Qt::QueuedConnection);
    }
}

void RawWebSocketListener::flushDirty()
{
    m_flushQueued = false;
    // flush() may finish a connection, which takes it out of m_dirty: take the list first.
    std::vector<RawConnection *> dirty;
    dirty.swap(m_dirty);
    for (RawConnection *c : dirty) {
        c->dirty = false;
        if (c->state != RawConnection::State::Done && !c->out.isEmpty())
            flush(c);
    }
}

RawWebSocketListener::WriteResult RawWebSocketListener::writeOut(RawConnection *c)
{
    constexpr int kMaxIov = 64;
    while (!c->out.isEmpty()) {
        iovec iov[kMaxIov];
        int count = 0;
        for (qsizetype i = 0; i < c->out.size() && count < kMaxIov; ++i, ++count) {
            const qsizetype skip = i == 0 ? c->outOffset : 0;
            iov[count].iov_base = const_cast<char *>(c->out.at(i).constData() + skip);
            iov[count].iov_len = size_t(c->out.at(i).size() - skip);
        }
        msghdr message{};
        message.msg_iov = iov;
        message.msg_iovlen = size_t(count);
        const ssize_t n = ::sendmsg(c->fd, &message, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno == EAGAIN || errno == EWOULDBLOCK ? WriteResult::WouldBlock : WriteResult::Failed;
        }
        c->outBytes -= n;
        qsizetype left = n;
        while (left > 0) {
            const qsizetype rest = c->out.first().size() - c->outOffset;
            if (left < rest) {
                c->outOffset += left;
                break;
            }
            left -= rest;
            c->out.removeFirst();
            c->outOffset = 0;
        }
    }
    c->out = QList<QByteArray>(); // give the memory back
    return WriteResult::Done;
}

void RawWebSocketListener::flush(RawConnection *c)
{
    switch (writeOut(c)) {
    case WriteResult::Failed:
        return finish(c, true);
    case WriteResult::WouldBlock:
        return; // EPOLLOUT brings us back
    case WriteResult::Done:
        if (c->state == RawConnection::State::Draining)
            ::shutdown(c->fd, SHUT_WR); // the answer is out: let the peer see the end
        return;
    }
}

void RawWebSocketListener::sendClose(RawConnection *c, int code, const QByteArray &reason)
{
    if (c->closeSent)
        return;
    c->closeSent = true;
    QByteArray payload;
    payload.append(char((code >> 8) & 0xff));
    payload.append(char(code & 0xff));
    payload.append(reason);
    send(c, encodeFrame(0x8, payload.constData(), payload.size()));
}

void RawWebSocketListener::finish(RawConnection *c, bool emitNow)
{
    if (c->state == RawConnection::State::Done)
        return;
    if (c->state == RawConnection::State::Handshake)
        --m_handshaking;
    c->state = RawConnection::State::Done;
    if (c->fd >= 0 && !c->out.isEmpty())
        writeOut(c); // what is queued (a close frame) goes out if the socket takes it now
    if (std::exchange(c->dirty, false)) {
        const auto it = std::find(m_dirty.begin(), m_dirty.end(), c);
        if (it != m_dirty.end()) // (flushDirty() may have taken the list already)
            m_dirty.erase(it);
    }
    if (c->fd >= 0) {
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, c->fd, nullptr);
        ::close(std::exchange(c->fd, -1));
    }
    releaseAddress(c);
    c->in = QByteArray();
    c->message = QByteArray();
    c->out = QList<QByteArray>();
    // Freed after this batch of events (one may still point at it), not now.
    const size_t index = c->index;
    m_dead.push_back(std::move(m_connections[index]));
    if (index + 1 != m_connections.size()) {
        m_connections[index] = std::move(m_connections.back());
        m_connections[index]->index = index;
    }
    m_connections.pop_back();
    if (!m_inBatch && !std::exchange(m_reapQueued, true))
        QMetaObject::invokeMethod(this, &RawWebSocketListener::reap, Qt::QueuedConnection);

    if (RawWebSocketPeer *peer = std::exchange(c->peer, nullptr)) {
        peer->m_connection = nullptr;
        if (emitNow)
            Q_EMIT peer->disconnected();
        else // called by the room host, which may be walking its peers
            QMetaObject::invokeMethod(peer, &PeerConnection::disconnected, Qt::QueuedConnection);
    }
}

void RawWebSocketListener::releaseAddress(RawConnection *c)
{
    if (c->address.isNull())
        return;
    const auto it = m_connectionsByAddress.find(c->address);
    if (it != m_connectionsByAddress.end() && --*it <= 0)
        m_connectionsByAddress.erase(it);
    c->address.clear();
}

void RawWebSocketListener::sweep()
{
    const qint64 now = nowMs();
    // Backwards: finishing one moves the last (already seen) into its place.
    for (size_t i = m_connections.size(); i-- > 0;) {
        RawConnection *c = m_connections[i].get();
        if (c->deadlineMs == 0 || c->deadlineMs > now)
            continue;
        if (c->state == RawConnection::State::Handshake)
            qCInfo(lcHost) << "dropped a connection from" << c->address << ": handshake timed out";
        finish(c, true);
    }
}

void RawWebSocketListener::reap()
{
    m_reapQueued = false;
    if (!m_inBatch)
        m_dead.clear();
}

} // namespace hearth
