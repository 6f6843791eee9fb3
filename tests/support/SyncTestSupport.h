#pragma once

// Helpers for the live-sync tests: an in-process household host listening on 127.0.0.1 port 0
// (Store + HouseholdDirectory + RoomHost + WebSocketListener + Pairing), a raw WebSocket client
// that records every JSON message it receives, and a TCP proxy a test can cut, freeze or refuse
// to tell apart "the client's socket died" from "the host went away".

#include "HouseholdDirectory.h"
#include "Pairing.h"
#include "RawWebSocket.h"
#include "RoomHost.h"
#include "ServerStack.h"
#include "Store.h"
#include "TestSupport.h"
#include "WebSocketFrames.h"
#include "WebSocketTransport.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace hearth::test {

// The 256-bit key every in-process host signs with.
QByteArray testSecret();

// Options for a test host: the defaults, except pings every hour so they do not interleave with
// what a test looks at (the ping tests set their own interval).
HostOptions quietHostOptions();

// A household host in this process, on a real SQLite store (synchronous=FULL) in a temporary
// folder. It starts with one household ("Home", owner "Alex") and listens on 127.0.0.1:0.
class TestHost {
public:
    explicit TestHost(HostOptions options = quietHostOptions(), bool startListening = true,
                      ListenerOptions listenerOptions = {});
    ~TestHost();
    Q_DISABLE_COPY_MOVE(TestHost)

    bool isValid() const { return m_server != nullptr; }
    QString error() const { return m_error; }

    FakeClock clock;
    const QByteArray secret;
    const HostOptions options;

    Store &store() { return *m_store; }
    HouseholdDirectory &directory() { return *m_directory; }
    RoomHost &host() { return m_server->room(); }
    WebSocketListener &listener() { return m_server->listener(); }
    // With HEARTH_TEST_TRANSPORT=raw in the environment (ctest runs the room host, sync service and
    // pairing tests a second time that way), sockets are served by hearthd's RawWebSocketListener,
    // which hands /api/pair over to listener(); null otherwise (and always for TLS).
    RawWebSocketListener *rawListener() { return m_server->rawListener(); }
    Pairing &pairing() { return m_server->pairing(); }
    // Replaces the pairing service with one under other attempt limits (small ones, for tests).
    void setPairingLimits(AttemptLimiter::Limits limits) { m_server->setPairingLimits(limits); }
    QString storePath() const;

    // The first household and its owner.
    QString householdId() const { return m_householdId; }
    QString ownerId() const { return m_ownerId; }
    AuthoritativeEngine &engine() { return *m_directory->engine(m_householdId); }
    AuthoritativeEngine &engine(const QString &householdId) { return *m_directory->engine(householdId); }

    // Another household in the same store; returns its id (and its owner's id).
    QString addHousehold(const QString &name, QString *ownerId = nullptr);

    // A token for member `name` (created when new) of a household (the first one by default).
    QString token(const QString &name = QStringLiteral("Sam"), QString *memberId = nullptr,
        const QString &householdId = {}, qint64 validSeconds = 24 * 3600);
    // A token with any claims, signed with `key` (the host's secret by default).
    QString signedToken(const QString &memberId, const QString &householdId, qint64 validSeconds = 3600,
        const QByteArray &key = {}) const;

    bool listen(quint16 port = 0);
    void stopListening();
    quint16 port() const;
    QUrl baseUrl() const; // ws://127.0.0.1:PORT
    QUrl roomUrl(
        const QString &token, std::optional<qint64> since = std::nullopt, const QString &householdId = {}) const;

    // Closes every socket and drops the host and the store: what was committed stays on disk.
    void shutdown();

private:
    QTemporaryDir m_dir;
    QString m_error;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<HouseholdDirectory> m_directory;
    std::vector<std::unique_ptr<AuthoritativeEngine>> m_engines;
    // The room host, pairing and listeners, put together as hearthd and the app do.
    std::unique_ptr<ServerStack> m_server;
    QString m_householdId;
    QString m_ownerId;
};

// A bare WebSocket client that speaks JSON by hand and keeps every message it received.
class TestClient final : public QObject {
    Q_OBJECT

public:
    explicit TestClient(QObject *parent = nullptr);
    ~TestClient() override;

    QWebSocket &socket() { return *m_socket; }

    void open(const QUrl &url);
    // Opens and waits for the welcome ("connected"); false when it did not come.
    bool join(const QUrl &url, int timeoutMs = 5000);

    void send(const QJsonObject &message);
    void sendText(const QString &text);
    // {"event": event, "data": data, "id": id} (id left out when undefined).
    void sendEvent(const QString &event, const QJsonObject &data = {}, const QJsonValue &id = QJsonValue::Undefined);

    // Every message received so far, parsed (a frame that is not a JSON object is kept as {"raw": text}).
    QList<QJsonObject> messages;
    QStringList events() const;
    QList<QJsonObject> all(const QString &event) const;
    int count(const QString &event) const;
    void clear() { messages.clear(); }

    // Waits until a message with this event (and matching `match`, when given) was received and
    // returns it; an empty object after the timeout.
    QJsonObject waitFor(
        const QString &event, const std::function<bool(const QJsonObject &)> &match = {}, int timeoutMs = 5000);
    // The ack repeating this id.
    QJsonObject waitForAck(const QJsonValue &id, int timeoutMs = 5000);
    // Waits until `n` messages of this event were received.
    bool waitForCount(const QString &event, int n, int timeoutMs = 5000);
    bool waitClosed(int timeoutMs = 5000);

    bool isOpen() const { return m_open; }
    bool isClosed() const { return m_closed; }
    int closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }
    // How many messages had arrived when the socket closed.
    int messagesBeforeClose() const { return m_messagesBeforeClose; }

private:
    std::unique_ptr<QWebSocket> m_socket;
    bool m_open = false;
    bool m_closed = false;
    int m_closeCode = -1;
    QString m_closeReason;
    int m_messagesBeforeClose = -1;
};

// A TCP relay between clients and a host. A test can refuse new connections, cut every open one
// (as a dropped Wi-Fi would), or hold back what the host sends to the clients.
class TestProxy final : public QObject {
    Q_OBJECT

public:
    explicit TestProxy(quint16 targetPort, QObject *parent = nullptr);
    ~TestProxy() override;

    bool listen(quint16 port = 0);
    quint16 port() const { return m_server.serverPort(); }
    QUrl url() const; // ws://127.0.0.1:PORT
    void setTargetPort(quint16 port) { m_targetPort = port; }

    // When off, a new connection is closed as soon as it is accepted.
    void setAccepting(bool accepting) { m_accepting = accepting; }
    // When off, what the host sends is kept back (and delivered when turned on again).
    void setForwardingToClients(bool forwarding);
    // Aborts every open connection on both sides.
    void dropAll();
    // When on, a WebSocket upgrade request is cut off while plain HTTP still gets through, like a
    // proxy that does not pass WebSockets.
    void setBlockingUpgrades(bool blocking) { m_blockingUpgrades = blocking; }

    // Every chunk in either direction arrives `latency` ± up to `jitter` later than it was sent (a
    // uniformly drawn delay per chunk), in order on each connection as TCP keeps it. 0: at once.
    void setLatency(std::chrono::milliseconds latency, std::chrono::milliseconds jitter = std::chrono::milliseconds(0));
    // A link that goes down for `down` every `up`: going down aborts every connection (a reset, as
    // a Wi-Fi that drops) and refuses new ones until it is up again. A zero `up` stops it (up).
    void setFlapping(std::chrono::milliseconds up, std::chrono::milliseconds down);
    bool isLinkUp() const { return m_linkUp; }
    int flaps() const { return m_flaps; }
    // Every text message clients sent through this proxy on a WebSocket, in order (frames
    // unmasked, fragments joined): what the host was sent.
    QStringList textFromClients() const { return m_textFromClients; }

    int openConnections() const { return int(m_pairs.size()); }
    int blockedUpgrades() const { return m_blocked; }
    int acceptedConnections() const { return m_accepted; }

Q_SIGNALS:
    void connectionAccepted();

private:
    enum Direction { Up, Down };
    struct Pair {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        QByteArray pendingUp; // from the client, before the host connection is up
        QByteArray pendingDown; // from the host, while forwarding to clients is off
        // With latency: chunks on their way, each with when it arrives (ms on m_clock), per direction.
        std::deque<std::pair<qint64, QByteArray>> delayed[2];
        qint64 lastArrival[2] = {0, 0};
        QByteArray readUp;      // from the client, not yet read as whole WebSocket frames
        bool pastHandshake = false;
        bool webSocket = true;  // false: plain HTTP, not read
        wsframes::MessageState frames; // a fragmented text message in progress
    };
    void readClientFrames(Pair &pair, const QByteArray &bytes);
    void onNewConnection();
    void forwardDown(const std::shared_ptr<Pair> &pair);
    // Hands bytes to the other side of the pair now, or after the latency.
    void pass(const std::shared_ptr<Pair> &pair, Direction direction, QByteArray bytes);
    void deliverDue(const std::shared_ptr<Pair> &pair, Direction direction, bool all = false);
    void write(Pair &pair, Direction direction, const QByteArray &bytes);
    void flap();
    void closePair(const std::shared_ptr<Pair> &pair);

    QTcpServer m_server;
    quint16 m_targetPort;
    bool m_accepting = true;
    bool m_blockingUpgrades = false;
    int m_blocked = 0;
    bool m_forwardingDown = true;
    int m_accepted = 0;
    QList<std::shared_ptr<Pair>> m_pairs;
    QElapsedTimer m_clock;
    std::chrono::milliseconds m_latency{0};
    std::chrono::milliseconds m_jitter{0};
    QRandomGenerator m_random{20261207};
    QTimer m_flapTimer;
    std::chrono::milliseconds m_up{0};
    std::chrono::milliseconds m_down{0};
    bool m_linkUp = true;
    int m_flaps = 0;
    QStringList m_textFromClients;
};

// A plain HTTP GET's answer.
struct HttpReply
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

// One plain HTTP GET on a real loopback socket (with "Authorization: Bearer <token>" unless the
// token is empty), read until the host closes it.
HttpReply httpGet(quint16 port, const QByteArray &target, const QString &token);

} // namespace hearth::test
