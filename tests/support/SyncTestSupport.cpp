#include "SyncTestSupport.h"

#include "AuthoritativeEngine.h"
#include "Jwt.h"
#include "Protocol.h"

#include <QDir>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

namespace hearth::test {

QByteArray testSecret()
{
    return QByteArrayLiteral("hearth-test-secret-0123456789abcdef"); // 35 bytes
}

HostOptions quietHostOptions()
{
    HostOptions options;
    options.pingInterval = std::chrono::hours(1);
    return options;
}

// ---- TestHost -------------------------------------------------------------------------------

TestHost::TestHost(HostOptions hostOptions, bool startListening, ListenerOptions listenerOptions)
    : secret(testSecret())
    , options(hostOptions)
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder");
        return;
    }
    m_store = Store::open(storePath(), &m_error, Durability::Full);
    if (!m_store)
        return;
    auto engine = AuthoritativeEngine::createHousehold(
        *m_store, clock, QStringLiteral("Home"), QStringLiteral("EUR"), 60000, QStringLiteral("Alex"), &m_error);
    if (!engine)
        return;
    m_householdId = engine->householdId();
    m_ownerId = engine->actingMemberId();
    m_directory = std::make_unique<HouseholdDirectory>(*m_store, clock);
    m_directory->adopt(*engine);
    m_engines.push_back(std::move(engine));
    ServerStack::Options stackOptions{options, listenerOptions, qgetenv("HEARTH_TEST_TRANSPORT") == "raw", {}};
    m_server = std::make_unique<ServerStack>(*m_directory, secret, stackOptions);
    if (startListening && !listen()) {
        m_error = m_server->errorString();
        m_server.reset();
    }
}

TestHost::~TestHost()
{
    shutdown();
}

QString TestHost::storePath() const
{
    return QDir(m_dir.path()).filePath(QStringLiteral("host.db"));
}

QString TestHost::addHousehold(const QString &name, QString *ownerId)
{
    auto engine = AuthoritativeEngine::createHousehold(
        *m_store, clock, name, QStringLiteral("EUR"), 60000, QStringLiteral("Owner of %1").arg(name), &m_error);
    if (!engine)
        return {};
    const QString id = engine->householdId();
    if (ownerId)
        *ownerId = engine->actingMemberId();
    m_directory->adopt(*engine);
    m_engines.push_back(std::move(engine));
    return id;
}

QString TestHost::token(const QString &name, QString *memberId, const QString &householdId, qint64 validSeconds)
{
    QString error;
    const auto joined = m_server->pairing().issueToken(
        householdId.isEmpty() ? m_householdId : householdId, name, QStringLiteral("adult"), validSeconds, &error);
    if (!joined) {
        qWarning("TestHost::token: %s", qPrintable(error));
        return {};
    }
    if (memberId)
        *memberId = joined->memberId;
    return joined->token;
}

QString TestHost::signedToken(
    const QString &memberId, const QString &householdId, qint64 validSeconds, const QByteArray &key) const
{
    const QDateTime now = clock.now();
    return jwt::sign({ memberId, householdId, QStringLiteral("adult"), now.toSecsSinceEpoch() + validSeconds, {} },
        key.isEmpty() ? secret : key, now);
}

bool TestHost::listen(quint16 port)
{
    return m_server && m_server->listen(QHostAddress::LocalHost, port);
}

void TestHost::stopListening()
{
    if (m_server)
        m_server->stopListening();
}

quint16 TestHost::port() const
{
    return m_server ? m_server->port() : 0;
}

QUrl TestHost::baseUrl() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port()));
}

QUrl TestHost::roomUrl(const QString &token, std::optional<qint64> since, const QString &householdId) const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/api/ws/") + (householdId.isEmpty() ? m_householdId : householdId));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("token"), token);
    if (since)
        query.addQueryItem(QStringLiteral("since"), QString::number(*since));
    url.setQuery(query);
    return url;
}

void TestHost::shutdown()
{
    if (m_server)
        m_server->close(protocol::kCloseGoingAway, QStringLiteral("Test host shutting down"));
    m_server.reset();
    m_directory.reset();
    m_engines.clear();
    m_store.reset();
}

// ---- TestClient -----------------------------------------------------------------------------

TestClient::TestClient(QObject *parent)
    : QObject(parent)
    , m_socket(std::make_unique<QWebSocket>())
{
    connect(m_socket.get(), &QWebSocket::connected, this, [this] { m_open = true; });
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        m_open = false;
        m_closeCode = int(m_socket->closeCode());
        m_closeReason = m_socket->closeReason();
        m_messagesBeforeClose = int(messages.size());
    });
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        messages.append(doc.isObject() ? doc.object() : QJsonObject { { QStringLiteral("raw"), text } });
    });
}

TestClient::~TestClient()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void TestClient::open(const QUrl &url)
{
    m_socket->open(url);
}

bool TestClient::join(const QUrl &url, int timeoutMs)
{
    open(url);
    return !waitFor(QStringLiteral("connected"), {}, timeoutMs).isEmpty();
}

void TestClient::send(const QJsonObject &message)
{
    sendText(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void TestClient::sendText(const QString &text)
{
    m_socket->sendTextMessage(text);
}

void TestClient::sendEvent(const QString &event, const QJsonObject &data, const QJsonValue &id)
{
    QJsonObject message { { QStringLiteral("event"), event }, { QStringLiteral("data"), data } };
    if (!id.isUndefined())
        message.insert(QStringLiteral("id"), id);
    send(message);
}

QStringList TestClient::events() const
{
    QStringList names;
    for (const QJsonObject &m : messages)
        names << m.value(QLatin1String("event")).toString();
    return names;
}

QList<QJsonObject> TestClient::all(const QString &event) const
{
    QList<QJsonObject> found;
    for (const QJsonObject &m : messages)
        if (m.value(QLatin1String("event")).toString() == event)
            found.append(m);
    return found;
}

int TestClient::count(const QString &event) const
{
    return int(all(event).size());
}

QJsonObject TestClient::waitFor(
    const QString &event, const std::function<bool(const QJsonObject &)> &match, int timeoutMs)
{
    QJsonObject found;
    [[maybe_unused]] const bool arrived = QTest::qWaitFor(
        [&] {
            for (const QJsonObject &m : std::as_const(messages)) {
                if (m.value(QLatin1String("event")).toString() == event && (!match || match(m))) {
                    found = m;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

QJsonObject TestClient::waitForAck(const QJsonValue &id, int timeoutMs)
{
    return waitFor(
        QStringLiteral("ack"),
        [id](const QJsonObject &m) {
            return m.value(QLatin1String("data")).toObject().value(QLatin1String("id")) == id;
        },
        timeoutMs);
}

bool TestClient::waitForCount(const QString &event, int n, int timeoutMs)
{
    return QTest::qWaitFor([&] { return count(event) >= n; }, timeoutMs);
}

bool TestClient::waitClosed(int timeoutMs)
{
    return QTest::qWaitFor([&] { return m_closed; }, timeoutMs);
}

// ---- TestProxy ------------------------------------------------------------------------------

TestProxy::TestProxy(quint16 targetPort, QObject *parent)
    : QObject(parent)
    , m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TestProxy::onNewConnection);
    m_clock.start();
    m_flapTimer.setSingleShot(true);
    connect(&m_flapTimer, &QTimer::timeout, this, &TestProxy::flap);
}

TestProxy::~TestProxy()
{
    dropAll();
}

bool TestProxy::listen(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}

QUrl TestProxy::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port()));
}

void TestProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        client->setParent(this);
        if (!m_accepting) {
            client->abort();
            client->deleteLater();
            continue;
        }
        ++m_accepted;
        auto pair = std::make_shared<Pair>();
        pair->client = client;
        auto *upstream = new QTcpSocket(this);
        pair->upstream = upstream;
        const std::weak_ptr<Pair> weak = pair;
        connect(client, &QTcpSocket::readyRead, this, [this, weak] {
            const auto p = weak.lock();
            if (!p || !p->client)
                return;
            const QByteArray bytes = p->client->readAll();
            if (m_blockingUpgrades && bytes.toLower().contains("upgrade: websocket")) {
                ++m_blocked;
                closePair(p);
                return;
            }
            pass(p, Up, bytes);
            readClientFrames(*p, bytes);
        });
        connect(upstream, &QTcpSocket::connected, this, [weak] {
            const auto p = weak.lock();
            if (p && p->upstream && !p->pendingUp.isEmpty())
                p->upstream->write(std::exchange(p->pendingUp, {}));
        });
        connect(upstream, &QTcpSocket::readyRead, this, [this, weak] {
            if (const auto p = weak.lock())
                forwardDown(p);
        });
        connect(client, &QTcpSocket::disconnected, this, [this, weak] {
            if (const auto p = weak.lock())
                closePair(p);
        });
        connect(upstream, &QTcpSocket::disconnected, this, [this, weak] {
            if (const auto p = weak.lock())
                closePair(p);
        });
        connect(upstream, &QTcpSocket::errorOccurred, this, [this, weak](QAbstractSocket::SocketError error) {
            const auto p = weak.lock();
            if (p && error == QAbstractSocket::ConnectionRefusedError)
                closePair(p);
        });
        m_pairs.append(pair);
        upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
        Q_EMIT connectionAccepted();
    }
}

void TestProxy::readClientFrames(Pair &pair, const QByteArray &bytes)
{
    if (!pair.webSocket)
        return;
    pair.readUp += bytes;
    if (!pair.pastHandshake) {
        const qsizetype end = pair.readUp.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        pair.webSocket = pair.readUp.left(end).toLower().contains("upgrade: websocket");
        pair.pastHandshake = true;
        pair.readUp.remove(0, end + 4);
    }
    if (!pair.webSocket)
        return;
    // Read with the host's own frame parser (masked client frames, fragments joined).
    struct TextRecorder final : wsframes::FrameSink
    {
        QStringList &texts;
        explicit TextRecorder(QStringList &into) : texts(into) {}
        bool message(int opcode, QByteArray payload) override
        {
            if (opcode == 0x1)
                texts.append(QString::fromUtf8(payload));
            return true;
        }
        bool ping(const QByteArray &) override { return true; }
        bool pong() override { return true; }
        bool close(int, const QByteArray &) override { return false; }
        void fail(int, const char *) override {}
    } recorder(m_textFromClients);
    const qsizetype used = wsframes::parse(pair.frames, pair.readUp.constData(), pair.readUp.size(),
                                           {qint64(1) << 30, qint64(1) << 30}, recorder);
    if (used < 0)
        pair.webSocket = false; // closed (or not WebSocket after all): nothing more to read
    else
        pair.readUp.remove(0, used);
}

void TestProxy::forwardDown(const std::shared_ptr<Pair> &pair)
{
    if (pair->upstream)
        pair->pendingDown += pair->upstream->readAll();
    if (m_forwardingDown && pair->client && !pair->pendingDown.isEmpty())
        pass(pair, Down, std::exchange(pair->pendingDown, {}));
}

void TestProxy::write(Pair &pair, Direction direction, const QByteArray &bytes)
{
    if (direction == Down) {
        if (pair.client)
            pair.client->write(bytes);
    } else if (pair.upstream && pair.upstream->state() == QAbstractSocket::ConnectedState) {
        pair.upstream->write(bytes);
    } else {
        pair.pendingUp += bytes;
    }
}

void TestProxy::pass(const std::shared_ptr<Pair> &pair, Direction direction, QByteArray bytes)
{
    if (m_latency.count() == 0 && pair->delayed[direction].empty())
        return write(*pair, direction, bytes);
    qint64 delay = m_latency.count();
    if (m_jitter.count() > 0)
        delay += qint64(m_random.bounded(quint32(2 * m_jitter.count() + 1))) - m_jitter.count();
    // In order on the connection, as TCP delivers it: never before the chunk ahead of it.
    const qint64 arrival = std::max(pair->lastArrival[direction], m_clock.elapsed() + std::max<qint64>(delay, 0));
    pair->lastArrival[direction] = arrival;
    pair->delayed[direction].emplace_back(arrival, std::move(bytes));
    const std::weak_ptr<Pair> weak = pair;
    QTimer::singleShot(std::chrono::milliseconds(arrival - m_clock.elapsed()), this, [this, weak, direction] {
        if (const auto p = weak.lock())
            deliverDue(p, direction);
    });
}

void TestProxy::deliverDue(const std::shared_ptr<Pair> &pair, Direction direction, bool all)
{
    auto &queue = pair->delayed[direction];
    while (!queue.empty() && (all || queue.front().first <= m_clock.elapsed())) {
        write(*pair, direction, queue.front().second);
        queue.pop_front();
    }
}

void TestProxy::setLatency(std::chrono::milliseconds latency, std::chrono::milliseconds jitter)
{
    m_latency = latency;
    m_jitter = std::min(jitter, latency);
}

void TestProxy::setFlapping(std::chrono::milliseconds up, std::chrono::milliseconds down)
{
    m_up = up;
    m_down = down;
    m_flapTimer.stop();
    if (up.count() <= 0) {
        m_linkUp = true;
        m_accepting = true;
        return;
    }
    m_linkUp = true;
    m_flapTimer.start(up);
}

void TestProxy::flap()
{
    m_linkUp = !m_linkUp;
    m_accepting = m_linkUp;
    if (!m_linkUp) {
        ++m_flaps;
        dropAll(); // what was on its way is lost with the link
    }
    m_flapTimer.start(m_linkUp ? m_up : m_down);
}

void TestProxy::setForwardingToClients(bool forwarding)
{
    m_forwardingDown = forwarding;
    if (forwarding) {
        const auto pairs = m_pairs;
        for (const auto &pair : pairs)
            forwardDown(pair);
    }
}

void TestProxy::closePair(const std::shared_ptr<Pair> &pair)
{
    if (!m_pairs.removeOne(pair))
        return;
    // What is still buffered goes through first (a close frame, the last events), then the other side closes.
    deliverDue(pair, Up, true);
    deliverDue(pair, Down, true);
    if (pair->upstream && pair->client) {
        pair->pendingDown += pair->upstream->readAll();
        if (m_forwardingDown && !pair->pendingDown.isEmpty())
            pair->client->write(std::exchange(pair->pendingDown, {}));
        if (pair->upstream->state() == QAbstractSocket::ConnectedState)
            pair->upstream->write(pair->client->readAll());
    }
    for (QTcpSocket *socket : { pair->client.data(), pair->upstream.data() }) {
        if (!socket)
            continue;
        socket->disconnect(this);
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost(); // writes what is pending first
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
    }
}

void TestProxy::dropAll()
{
    const auto pairs = std::exchange(m_pairs, {});
    for (const auto &pair : pairs) {
        for (QTcpSocket *socket : { pair->client.data(), pair->upstream.data() }) {
            if (!socket)
                continue;
            socket->disconnect(this);
            socket->abort();
            socket->deleteLater();
        }
    }
}

HttpReply httpGet(quint16 port, const QByteArray &target, const QString &token)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    QByteArray request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token.toLatin1() + "\r\n";
    socket.write(request + "\r\n");
    QByteArray answer;
    [[maybe_unused]] const bool closed = QTest::qWaitFor([&] {
        answer += socket.readAll();
        return socket.state() == QAbstractSocket::UnconnectedState;
    }, 10000);
    answer += socket.readAll();
    const qsizetype headEnd = answer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return {};
    HttpReply reply;
    const QByteArray head = answer.left(headEnd);
    reply.status = head.split(' ').value(1).toInt();
    for (const QByteArray &line : head.split('\n'))
        if (line.toLower().startsWith("content-type:"))
            reply.contentType = line.mid(13).trimmed();
    reply.body = answer.mid(headEnd + 4);
    return reply;
}

} // namespace hearth::test
