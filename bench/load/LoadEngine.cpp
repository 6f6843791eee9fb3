#include "LoadEngine.h"

// Why not QWebSocket: with 5,000 sockets, Qt's Unix event loop (glib or its own poll()
// dispatcher) builds and scans a pollfd array of every socket on every wake-up — the very cost this
// benchmark measures in the server. A load generator with that cost would saturate its own core
// and measure itself. So the clients are a minimal RFC 6455 client (handshake, masked text frames,
// ping -> pong, close) on one epoll instance: the cost per wake-up is the number of ready sockets.
//
// Messages are not parsed as JSON: the tool only needs the event name, the mutation id (which
// carries the sender and the send time) and the entity id of its create, found by key. Both
// servers write compact JSON without spaces.

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <queue>
#include <random>
#include <string_view>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace hearth::load {

namespace {

int64_t nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double selfCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// The string value of "key":"..." in a compact JSON text (first occurrence), or empty.
std::string_view stringField(std::string_view text, std::string_view quotedKeyColonQuote)
{
    const size_t at = text.find(quotedKeyColonQuote);
    if (at == std::string_view::npos)
        return {};
    const size_t start = at + quotedKeyColonQuote.size();
    const size_t end = text.find('"', start);
    if (end == std::string_view::npos)
        return {};
    return text.substr(start, end - start);
}

// Mutation ids: "<connection>.<counter>.<send time ns>".
struct MutationId
{
    int connection = -1;
    int64_t sentNs = 0;
};

bool parseMutationId(std::string_view id, MutationId *out)
{
    const size_t a = id.find('.');
    if (a == std::string_view::npos)
        return false;
    const size_t b = id.find('.', a + 1);
    if (b == std::string_view::npos)
        return false;
    int64_t conn = 0;
    for (char c : id.substr(0, a)) {
        if (c < '0' || c > '9')
            return false;
        conn = conn * 10 + (c - '0');
    }
    int64_t ns = 0;
    for (char c : id.substr(b + 1)) {
        if (c < '0' || c > '9')
            return false;
        ns = ns * 10 + (c - '0');
    }
    out->connection = int(conn);
    out->sentNs = ns;
    return true;
}

enum class State { Idle, Connecting, Handshaking, Open, Closed };

struct Conn
{
    int fd = -1;
    int index = 0;
    int household = 0;
    int member = 0;
    State state = State::Idle;
    bool joined = false;  // "connected" received
    bool wantWrite = false;
    std::string in;
    std::string out;
    size_t outPos = 0;
    std::string fragment;
    uint8_t fragmentOp = 0;
    std::string entityId;
    bool createSent = false;
    bool created = false;
    int inFlight = 0;
    uint64_t counter = 0;
    uint32_t mask = 0;
};

enum class Phase { Connect, Create, Warm, Measure, Drain, Done };

class Engine
{
public:
    explicit Engine(const Options &options)
        : m_options(options)
        , m_rng(options.seed)
    {
    }

    Result run();

private:
    void startConnect(Conn &conn);
    void onEvent(Conn &conn, uint32_t events);
    void onReadable(Conn &conn);
    void parseHandshake(Conn &conn);
    void parseFrames(Conn &conn);
    void onMessage(Conn &conn, std::string_view text);
    void sendFrame(Conn &conn, uint8_t opcode, std::string_view payload);
    void flush(Conn &conn);
    void setWantWrite(Conn &conn, bool on);
    void fail(Conn &conn, bool byServer);
    void sendMutation(Conn &conn);
    void sendCreate(Conn &conn);
    bool sending() const { return m_phase == Phase::Warm || m_phase == Phase::Measure; }
    bool inWindow(int64_t ns) const { return ns >= m_windowStart && ns < m_windowEnd; }
    void sampleRss(long *kb) const;

    const Options &m_options;
    std::mt19937_64 m_rng;
    std::vector<Conn> m_conns;
    int m_epoll = -1;
    Phase m_phase = Phase::Connect;
    int64_t m_windowStart = INT64_MAX;
    int64_t m_windowEnd = INT64_MAX;
    size_t m_nextToConnect = 0;
    int m_handshaking = 0;
    int m_joined = 0;
    int m_created = 0;
    int m_dead = 0;
    using Due = std::pair<int64_t, int>;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> m_schedule;
    int64_t m_periodNs = 1000000000;
    Result m_result;
    sockaddr_in m_addr{};
};

void Engine::sampleRss(long *kb) const
{
    if (m_options.serverPid > 0)
        *kb = processStatusKb(m_options.serverPid, "VmRSS:");
}

void Engine::setWantWrite(Conn &conn, bool on)
{
    if (conn.wantWrite == on || conn.fd < 0)
        return;
    conn.wantWrite = on;
    epoll_event ev{};
    ev.events = EPOLLIN | (on ? EPOLLOUT : 0u);
    ev.data.u32 = uint32_t(conn.index);
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, conn.fd, &ev);
}

void Engine::fail(Conn &conn, bool byServer)
{
    if (conn.state == State::Closed)
        return;
    if (conn.state == State::Connecting || conn.state == State::Handshaking) {
        --m_handshaking;
        ++m_result.failedConnects;
    } else if (byServer && m_phase != Phase::Done) {
        ++m_result.closedByServer;
    }
    if (conn.fd >= 0) {
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, conn.fd, nullptr);
        ::close(conn.fd);
    }
    conn.fd = -1;
    conn.state = State::Closed;
    ++m_dead;
}

void Engine::startConnect(Conn &conn)
{
    conn.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (conn.fd < 0) {
        std::fprintf(stderr, "hearth-load: socket(): %s (raise ulimit -n)\n", std::strerror(errno));
        conn.state = State::Closed;
        ++m_result.failedConnects;
        ++m_dead;
        return;
    }
    const int one = 1;
    setsockopt(conn.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    conn.state = State::Connecting;
    ++m_handshaking;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u32 = uint32_t(conn.index);
    conn.wantWrite = true;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, conn.fd, &ev);
    if (::connect(conn.fd, reinterpret_cast<const sockaddr *>(&m_addr), sizeof m_addr) != 0 && errno != EINPROGRESS)
        fail(conn, false);
}

void Engine::flush(Conn &conn)
{
    while (conn.outPos < conn.out.size()) {
        const ssize_t n = ::send(conn.fd, conn.out.data() + conn.outPos, conn.out.size() - conn.outPos, MSG_NOSIGNAL);
        if (n > 0) {
            conn.outPos += size_t(n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            setWantWrite(conn, true);
            return;
        }
        if (n < 0 && errno == EINTR)
            continue;
        fail(conn, true);
        return;
    }
    conn.out.clear();
    conn.outPos = 0;
    setWantWrite(conn, false);
}

void Engine::sendFrame(Conn &conn, uint8_t opcode, std::string_view payload)
{
    if (conn.state != State::Open)
        return;
    std::string &out = conn.out;
    out.push_back(char(0x80 | opcode));
    const size_t len = payload.size();
    if (len < 126) {
        out.push_back(char(0x80 | len));
    } else if (len < 65536) {
        out.push_back(char(0x80 | 126));
        out.push_back(char(len >> 8));
        out.push_back(char(len & 0xff));
    } else {
        out.push_back(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.push_back(char((uint64_t(len) >> shift) & 0xff));
    }
    const uint8_t key[4] = {uint8_t(conn.mask >> 24), uint8_t(conn.mask >> 16), uint8_t(conn.mask >> 8), uint8_t(conn.mask)};
    out.append(reinterpret_cast<const char *>(key), 4);
    const size_t start = out.size();
    out.append(payload);
    for (size_t i = 0; i < len; ++i)
        out[start + i] = char(uint8_t(out[start + i]) ^ key[i & 3]);
    flush(conn);
}

void Engine::sendCreate(Conn &conn)
{
    const int64_t t = nowNs();
    char frame[256];
    const int n = std::snprintf(frame, sizeof frame,
                                "{\"event\":\"mutate\",\"id\":\"%d.%llu.%lld\",\"data\":{\"collection\":\"pantry\",\"op\":\"create\","
                                "\"fields\":{\"name\":\"Load item %d\",\"quantity\":0,\"unit\":\"pcs\",\"category\":\"Load\"}}}",
                                conn.index, static_cast<unsigned long long>(conn.counter++), static_cast<long long>(t), conn.index);
    conn.createSent = true;
    sendFrame(conn, 0x1, std::string_view(frame, size_t(n)));
}

void Engine::sendMutation(Conn &conn)
{
    if (conn.state != State::Open || !conn.created)
        return;
    const int64_t t = nowNs();
    char frame[320];
    const unsigned long long count = conn.counter++;
    const int n = std::snprintf(frame, sizeof frame,
                                "{\"event\":\"mutate\",\"id\":\"%d.%llu.%lld\",\"data\":{\"collection\":\"pantry\",\"op\":\"update\","
                                "\"entity_id\":\"%s\",\"fields\":{\"quantity\":%llu}}}",
                                conn.index, count, static_cast<long long>(t), conn.entityId.c_str(), count);
    ++conn.inFlight;
    if (inWindow(t)) {
        ++m_result.mutationsSent;
        m_result.fanoutExpected += uint64_t(m_options.members - 1);
    }
    sendFrame(conn, 0x1, std::string_view(frame, size_t(n)));
}

void Engine::onEvent(Conn &conn, uint32_t events)
{
    if (conn.state == State::Connecting) {
        if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) {
            int err = 0;
            socklen_t len = sizeof err;
            getsockopt(conn.fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err != 0) {
                fail(conn, false);
                return;
            }
            const HouseholdTokens &hh = m_options.households[size_t(conn.household)];
            conn.out = "GET /api/ws/" + hh.householdId + "?token=" + hh.tokens[size_t(conn.member)]
                + " HTTP/1.1\r\nHost: " + m_options.host + ":" + std::to_string(m_options.port)
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: aGVhcnRoLWxvYWQtdG9vbA==\r\n"
                  "Sec-WebSocket-Version: 13\r\n\r\n";
            conn.outPos = 0;
            conn.state = State::Handshaking;
            flush(conn);
        }
        return;
    }
    if (events & EPOLLOUT)
        flush(conn);
    if (conn.state == State::Closed)
        return;
    if (events & (EPOLLIN | EPOLLERR | EPOLLHUP))
        onReadable(conn);
}

void Engine::onReadable(Conn &conn)
{
    char buffer[65536];
    for (int round = 0; round < 4; ++round) {
        const ssize_t n = ::recv(conn.fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            conn.in.append(buffer, size_t(n));
            if (size_t(n) < sizeof buffer)
                break;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n < 0 && errno == EINTR)
            continue;
        // EOF or error: handle what arrived, then drop.
        if (conn.state == State::Handshaking)
            parseHandshake(conn);
        if (conn.state == State::Open)
            parseFrames(conn);
        fail(conn, true);
        return;
    }
    if (conn.state == State::Handshaking)
        parseHandshake(conn);
    if (conn.state == State::Open)
        parseFrames(conn);
}

void Engine::parseHandshake(Conn &conn)
{
    const size_t end = conn.in.find("\r\n\r\n");
    if (end == std::string::npos)
        return;
    if (conn.in.compare(0, 12, "HTTP/1.1 101") != 0) {
        std::fprintf(stderr, "hearth-load: handshake refused: %.60s\n", conn.in.c_str());
        fail(conn, false);
        return;
    }
    conn.in.erase(0, end + 4);
    conn.state = State::Open;
    --m_handshaking;
}

void Engine::parseFrames(Conn &conn)
{
    size_t pos = 0;
    std::string &in = conn.in;
    while (conn.state == State::Open && in.size() - pos >= 2) {
        const auto b0 = uint8_t(in[pos]);
        const auto b1 = uint8_t(in[pos + 1]);
        const bool fin = b0 & 0x80;
        const uint8_t op = b0 & 0x0f;
        const bool masked = b1 & 0x80;
        uint64_t len = b1 & 0x7f;
        size_t header = 2;
        if (len == 126) {
            if (in.size() - pos < 4)
                break;
            len = (uint64_t(uint8_t(in[pos + 2])) << 8) | uint8_t(in[pos + 3]);
            header = 4;
        } else if (len == 127) {
            if (in.size() - pos < 10)
                break;
            len = 0;
            for (int i = 0; i < 8; ++i)
                len = (len << 8) | uint8_t(in[pos + 2 + size_t(i)]);
            header = 10;
        }
        const size_t maskAt = pos + header;
        if (masked)
            header += 4;
        if (in.size() - pos < header + len)
            break;
        char *payload = in.data() + pos + header;
        if (masked)
            for (uint64_t i = 0; i < len; ++i)
                payload[i] = char(uint8_t(payload[i]) ^ uint8_t(in[maskAt + (i & 3)]));
        const std::string_view body(payload, size_t(len));
        pos += header + size_t(len);
        switch (op) {
        case 0x0:
            conn.fragment.append(body);
            if (fin) {
                std::string whole = std::exchange(conn.fragment, {});
                if (conn.fragmentOp == 0x1)
                    onMessage(conn, whole);
            }
            break;
        case 0x1:
        case 0x2:
            if (fin) {
                if (op == 0x1)
                    onMessage(conn, body);
            } else {
                conn.fragmentOp = op;
                conn.fragment.assign(body);
            }
            break;
        case 0x8:
            m_result.lastCloseCode = len >= 2 ? (uint8_t(body[0]) << 8) | uint8_t(body[1]) : 1005;
            if (m_phase != Phase::Done)
                std::fprintf(stderr, "hearth-load: socket %d closed by the server: %d %.*s\n", conn.index, m_result.lastCloseCode,
                             int(len >= 2 ? len - 2 : 0), len >= 2 ? body.data() + 2 : "");
            in.clear();
            fail(conn, true);
            return;
        case 0x9: {
            const std::string copy(body);
            sendFrame(conn, 0xA, copy);
            break;
        }
        default:
            break;
        }
    }
    if (conn.state == State::Open)
        in.erase(0, pos);
}

void Engine::onMessage(Conn &conn, std::string_view text)
{
    const int64_t now = nowNs();
    const std::string_view event = stringField(text, "\"event\":\"");
    if (event.size() > 8 && event.substr(event.size() - 8) == "_updated") {
        if (now >= m_windowStart && now < m_windowEnd)
            ++m_result.deliveries;
        MutationId id;
        if (parseMutationId(stringField(text, "\"mutation_id\":\""), &id) && id.connection != conn.index && inWindow(id.sentNs))
            m_result.fanout.push_back(now - id.sentNs);
        return;
    }
    if (event == "ack") {
        if (stringField(text, "\"received\":\"") != "mutate")
            return;
        MutationId id;
        if (!parseMutationId(stringField(text, "\"id\":\""), &id) || id.connection != conn.index)
            return;
        const bool ok = text.find("\"ok\":true") != std::string_view::npos;
        if (ok)
            ++m_result.acksTotal;
        if (!conn.created) {
            if (!ok) {
                std::fprintf(stderr, "hearth-load: create refused: %.*s\n", int(text.size()), text.data());
                return;
            }
            conn.entityId = std::string(stringField(text, "\"entity_id\":\""));
            conn.created = true;
            ++m_created;
            return;
        }
        --conn.inFlight;
        if (inWindow(id.sentNs)) {
            if (ok) {
                ++m_result.acksOk;
                m_result.ackLatency.push_back(now - id.sentNs);
            } else {
                ++m_result.acksFailed;
            }
        }
        if (m_options.mode == Mode::Closed && sending())
            while (conn.inFlight < m_options.window && conn.state == State::Open)
                sendMutation(conn);
        return;
    }
    if (event == "connected") {
        if (!conn.joined) {
            conn.joined = true;
            ++m_joined;
        }
        return;
    }
    if (event == "error")
        ++m_result.errorsReceived;
    // presence, ping, anything else: nothing to do.
}

Result Engine::run()
{
    m_addr.sin_family = AF_INET;
    m_addr.sin_port = htons(m_options.port);
    inet_pton(AF_INET, m_options.host.c_str(), &m_addr.sin_addr);
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_periodNs = int64_t(1e9 / std::max(0.001, m_options.rate));

    const int households = int(m_options.households.size());
    m_conns.resize(size_t(households * m_options.members));
    std::uniform_int_distribution<uint32_t> maskDist;
    for (int h = 0; h < households; ++h)
        for (int m = 0; m < m_options.members; ++m) {
            Conn &c = m_conns[size_t(h * m_options.members + m)];
            c.index = h * m_options.members + m;
            c.household = h;
            c.member = m;
            c.mask = maskDist(m_rng);
        }
    m_result.sockets = int(m_conns.size());

    sampleRss(&m_result.serverRssBaselineKb);
    const int64_t connectStart = nowNs();
    const int64_t connectDeadline = connectStart + int64_t(m_options.connectTimeoutSeconds * 1e9);
    int64_t createDeadline = INT64_MAX;
    int64_t phaseEnd = INT64_MAX;
    double cpuAtStart = 0;
    double selfAtStart = 0;
    std::vector<epoll_event> events(4096);

    while (m_phase != Phase::Done) {
        // Open new connections while few handshakes are in progress.
        while (m_phase == Phase::Connect && m_nextToConnect < m_conns.size() && m_handshaking < m_options.connectConcurrency)
            startConnect(m_conns[m_nextToConnect++]);

        int64_t now = nowNs();
        int64_t wake = phaseEnd;
        if (!m_schedule.empty())
            wake = std::min(wake, m_schedule.top().first);
        const int timeoutMs = wake == INT64_MAX ? 10 : int(std::clamp<int64_t>((wake - now + 999999) / 1000000, 0, 10));
        const int n = epoll_wait(m_epoll, events.data(), int(events.size()), timeoutMs);
        for (int i = 0; i < n; ++i) {
            Conn &conn = m_conns[events[size_t(i)].data.u32];
            if (conn.state != State::Closed)
                onEvent(conn, events[size_t(i)].events);
        }
        now = nowNs();

        // Fixed rate: every member sends on its own schedule, whatever the acks do.
        while (!m_schedule.empty() && m_schedule.top().first <= now) {
            const auto [due, index] = m_schedule.top();
            m_schedule.pop();
            if (!sending())
                continue;
            Conn &conn = m_conns[size_t(index)];
            if (conn.state != State::Open)
                continue;
            sendMutation(conn);
            // +-5 % jitter per interval keeps the members from locking into step.
            std::uniform_int_distribution<int64_t> jitter(-m_periodNs / 20, m_periodNs / 20);
            m_schedule.push({std::max(due + m_periodNs + jitter(m_rng), now + 1), index});
        }

        const int live = int(m_conns.size()) - m_dead;
        switch (m_phase) {
        case Phase::Connect:
            if (m_joined >= live && m_nextToConnect >= m_conns.size()) {
                m_result.connectSeconds = double(now - connectStart) / 1e9;
                m_result.joined = m_joined;
                for (Conn &c : m_conns)
                    if (c.state == State::Open && c.joined)
                        sendCreate(c);
                m_phase = Phase::Create;
                createDeadline = now + int64_t(30e9);
            } else if (now > connectDeadline) {
                m_result.note = "connect timeout";
                m_result.connectSeconds = double(now - connectStart) / 1e9;
                m_result.joined = m_joined;
                m_phase = Phase::Done;
            }
            break;
        case Phase::Create: {
            int pending = 0;
            for (const Conn &c : m_conns)
                if (c.state == State::Open && !c.created)
                    ++pending;
            if (pending == 0 || now > createDeadline) {
                if (pending > 0)
                    m_result.note = "some creates were not acknowledged";
                sampleRss(&m_result.serverRssConnectedKb);
                m_phase = Phase::Warm;
                phaseEnd = now + int64_t(m_options.warmSeconds * 1e9);
                if (m_options.mode == Mode::Closed) {
                    for (Conn &c : m_conns)
                        while (c.state == State::Open && c.created && c.inFlight < m_options.window)
                            sendMutation(c);
                } else {
                    std::uniform_int_distribution<int64_t> phase(0, m_periodNs - 1);
                    for (const Conn &c : m_conns)
                        if (c.state == State::Open && c.created)
                            m_schedule.push({now + phase(m_rng), c.index});
                }
            }
            break;
        }
        case Phase::Warm:
            if (now >= phaseEnd) {
                m_phase = Phase::Measure;
                // A fresh reading: sends earlier in this turn must fall before the window.
                m_windowStart = nowNs();
                m_windowEnd = m_windowStart + int64_t(m_options.durationSeconds * 1e9);
                phaseEnd = m_windowEnd;
                cpuAtStart = m_options.serverPid > 0 ? processCpuSeconds(m_options.serverPid) : -1;
                selfAtStart = selfCpuSeconds();
            }
            break;
        case Phase::Measure:
            if (now >= phaseEnd) {
                m_result.windowSeconds = double(now - m_windowStart) / 1e9;
                if (m_options.serverPid > 0) {
                    m_result.serverCpuSeconds = processCpuSeconds(m_options.serverPid) - cpuAtStart;
                    sampleRss(&m_result.serverRssEndKb);
                    m_result.serverHwmKb = processStatusKb(m_options.serverPid, "VmHWM:");
                }
                m_result.loadCpuSeconds = selfCpuSeconds() - selfAtStart;
                m_phase = Phase::Drain;
                phaseEnd = now + int64_t(m_options.drainSeconds * 1e9);
            }
            break;
        case Phase::Drain:
            if (now >= phaseEnd || m_result.fanout.size() >= m_result.fanoutExpected)
                m_phase = Phase::Done;
            break;
        case Phase::Done:
            break;
        }
    }

    // Close politely (1000), then drop.
    for (Conn &c : m_conns) {
        if (c.state == State::Open) {
            const char code[2] = {char(0x03), char(0xe8)};
            sendFrame(c, 0x8, std::string_view(code, 2));
        }
        if (c.fd >= 0)
            ::close(c.fd);
        c.fd = -1;
    }
    ::close(m_epoll);
    return std::move(m_result);
}

} // namespace

Result run(const Options &options)
{
    Engine engine(options);
    return engine.run();
}

double processCpuSeconds(pid_t pid)
{
    std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const size_t paren = text.rfind(')');
    if (paren == std::string::npos)
        return -1;
    // Fields after the command: state(3) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15).
    std::string_view rest(text);
    rest.remove_prefix(paren + 2);
    long long values[13] = {};
    for (int field = 0; field < 13; ++field) {
        const size_t space = rest.find(' ');
        if (field > 0)
            values[field] = std::atoll(std::string(rest.substr(0, space)).c_str());
        if (space == std::string_view::npos)
            return -1;
        rest.remove_prefix(space + 1);
    }
    const long ticks = sysconf(_SC_CLK_TCK);
    return double(values[11] + values[12]) / double(ticks);
}

long processStatusKb(pid_t pid, const char *field)
{
    std::ifstream file("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    const size_t fieldLength = std::strlen(field);
    while (std::getline(file, line))
        if (line.compare(0, fieldLength, field) == 0)
            return std::atol(line.c_str() + fieldLength);
    return -1;
}

} // namespace hearth::load
