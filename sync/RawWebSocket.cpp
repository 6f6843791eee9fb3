#include "RawWebSocket.h"

#include "HttpAdmission.h"
#include "Protocol.h"
#include "RoomHost.h"
#include "WebSocketFrames.h"

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

qint64 nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
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
    size_t index = 0;           // in RawWebSocketListener::m_connections
    qint64 deadlineMs = 0;      // handshake or close deadline; 0: none
    QString address;
    RawWebSocketPeer *peer = nullptr;
    QByteArray in;              // a partial frame
    wsframes::MessageState frames; // a fragmented message in progress
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
    const wsframes::Upgrade judged = wsframes::judgeUpgrade(head);
    if (!judged.accepted)
        return answerHttp(c, judged.status, judged.extraHeaders);
    // The head is taken off the socket now; what follows it (frames sent early) is read below.
    QByteArray discard(headSize, Qt::Uninitialized);
    qsizetype taken = 0;
    while (taken < headSize) {
        const ssize_t n = ::recv(c->fd, discard.data() + taken, size_t(headSize - taken), 0);
        if (n <= 0 && !(n < 0 && errno == EINTR))
            return finish(c, true); // it was peeked: only a reset gets here
        taken += qMax<ssize_t>(n, 0);
    }
    c->state = RawConnection::State::Open;
    send(c, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                 + judged.accept + "\r\n\r\n");
    if (c->state != RawConnection::State::Open)
        return;

    const auto room = HttpAdmission::roomRequest(QUrl(QString::fromLatin1(judged.target)));
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

// What the frame parser hands over, for one connection of the listener.
class ConnectionSink final : public wsframes::FrameSink
{
public:
    ConnectionSink(RawWebSocketListener &listener, RawConnection &connection)
        : m_listener(listener)
        , m_c(connection)
    {
    }
    bool message(int opcode, QByteArray payload) override { return m_listener.onMessage(&m_c, opcode, std::move(payload)); }
    bool ping(const QByteArray &payload) override { return m_listener.onPing(&m_c, payload); }
    bool pong() override { return m_listener.onPong(&m_c); }
    bool close(int code, const QByteArray &) override { return m_listener.onClose(&m_c, code); }
    void fail(int code, const char *reason) override { m_listener.failConnection(&m_c, code, reason); }

private:
    RawWebSocketListener &m_listener;
    RawConnection &m_c;
};

qsizetype RawWebSocketListener::parseFrames(RawConnection *c, const char *data, qsizetype size)
{
    using State = RawConnection::State;
    if (c->state != State::Open && c->state != State::Closing)
        return -1;
    ConnectionSink sink(*this, *c);
    const qsizetype used = wsframes::parse(c->frames, data, size, {m_options.frameLimit, m_options.messageLimit}, sink);
    if (used < 0 || c->state == State::Done || c->state == State::Draining)
        return -1;
    return used;
}

void RawWebSocketListener::failConnection(RawConnection *c, int code, const char *reason)
{
    using State = RawConnection::State;
    sendClose(c, code, reason);
    if (c->state != State::Done) {
        c->state = State::Draining;
        c->deadlineMs = nowMs() + kCloseTimeoutMs;
        c->in = QByteArray();
        c->frames.clear();
        if (c->out.isEmpty())
            ::shutdown(c->fd, SHUT_WR);
    }
}

bool RawWebSocketListener::onClose(RawConnection *c, int code)
{
    if (c->state == RawConnection::State::Open) {
        // Answer with the same code (none: an empty close), then end the connection.
        if (code >= 0)
            sendClose(c, code, {});
        else
            send(c, QByteArray("\x88\x00", 2));
    }
    finish(c, true);
    return false;
}

bool RawWebSocketListener::onPing(RawConnection *c, const QByteArray &payload)
{
    using State = RawConnection::State;
    if (c->state == State::Open)
        send(c, wsframes::encodeFrame(0xA, payload.constData(), payload.size()));
    if (c->peer && c->state == State::Open)
        Q_EMIT c->peer->alive();
    return c->state == State::Open || c->state == State::Closing;
}

bool RawWebSocketListener::onPong(RawConnection *c)
{
    using State = RawConnection::State;
    if (c->peer && c->state == State::Open)
        Q_EMIT c->peer->alive();
    return c->state == State::Open || c->state == State::Closing;
}

bool RawWebSocketListener::onMessage(RawConnection *c, int opcode, QByteArray message)
{
    using State = RawConnection::State;
    if (c->state != State::Open || !c->peer)
        return c->state == State::Open || c->state == State::Closing;
    Q_EMIT c->peer->alive();
    if (c->peer && c->state == State::Open) {
        if (opcode == 0x2)
            Q_EMIT c->peer->textReceived(QStringLiteral("<binary frame>")); // answered with an error event
        else
            Q_EMIT c->peer->textReceived(QString::fromUtf8(message)); // checked as it arrived
    }
    return c->state == State::Open || c->state == State::Closing;
}

const QByteArray &RawWebSocketListener::encodedText(const QString &frame)
{
    // Same data pointer (this object holds a reference, so it cannot be reused for other text):
    // the same text, already encoded. The frame itself is shared by every send queue that holds it.
    if (frame.constData() != m_lastText.constData() || frame.size() != m_lastText.size() || m_lastFrame.isNull()) {
        const QByteArray utf8 = frame.toUtf8();
        m_lastFrame = wsframes::encodeFrame(0x1, utf8.constData(), utf8.size());
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
    send(c, wsframes::encodeFrame(0x8, payload.constData(), payload.size()));
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
    c->frames.clear();
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
