// hearth-sync-client: a headless member device for the real-process tests of hearthd.
//
//   hearth-sync-client --data DIR --url ws://HOST:PORT (--token JWT | --invite CODE --name NAME)
//                      [--burst N] [--rate PER_SECOND] [--update-every K] [--update-shared] [--id-prefix P]
//                      [--stay] [--timeout SECONDS] [--backoff-ms 100,200,500]
//
// It keeps its own SQLite store in DIR, runs a ReplicaEngine and a SyncService against the host,
// and prints one JSON object per line on stdout:
//   {"event":"ready", ...}      after the first sync (the replica holds the household)
//   {"event":"progress", "submitted", "acked", "acked_ids":[new ones]}   while a burst is acknowledged
//   {"event":"disconnected"|"reconnected", "submitted", "outbox", "last_seq"}   when the link goes and comes back
//   {"event":"summary", "pantry_rows", "last_seq", "outbox", "pantry_digest", ...}   then exit 0
// With --burst it submits N pantry mutations (creates; every K-th an update of the item created
// before it, or with --update-shared a +1 step on an item of the local copy picked in id order, so
// that two devices step the same items), paced at --rate per second (0: as fast as the event loop
// turns), through the replica's own mutation path, so they sit in the durable outbox until the
// host acknowledges them. It then waits until the outbox is empty and its replica is at the host's head, prints the
// summary and exits. With --stay it waits for a "finish" line (or EOF) on stdin first.
// Exit codes: 0 done, 1 setup failed, 2 bad arguments, 3 timed out, 4 the host refused the token,
// 5 the host presented another certificate than the one pinned at pairing.

#include "Clock.h"
#include "ConnectionStatus.h"
#include "HostCertificate.h"
#include "PairingClient.h"
#include "Protocol.h"
#include "ReplicaEngine.h"
#include "Store.h"
#include "SyncService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSocketNotifier>
#include <QSqlQuery>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>
#include <QWebSocket>

#include <cstdio>
#include <memory>
#include <unistd.h>

using namespace hearth;

namespace {

void print(const QJsonObject &object)
{
    std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

int complain(int code, const QString &message)
{
    std::fprintf(stderr, "hearth-sync-client: %s\n", qPrintable(message));
    return code;
}

struct Credentials
{
    QString householdId;
    QString memberId;
    QString token;
    QString refreshToken = {};
    QString fingerprint = {}; // pinned at pairing (wss)
};

// The claims of a token, read without checking the signature: the host checks it.
std::optional<Credentials> credentialsFromToken(const QString &token)
{
    const QStringList parts = token.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return std::nullopt;
    const QJsonObject claims = QJsonDocument::fromJson(QByteArray::fromBase64(
                                                           parts.at(1).toLatin1(),
                                                           QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
                                   .object();
    Credentials c{claims.value(QLatin1String("household_id")).toString(), claims.value(QLatin1String("sub")).toString(), token};
    if (c.householdId.isEmpty() || c.memberId.isEmpty())
        return std::nullopt;
    return c;
}

// Redeems an invite code with the app's own PairingClient; runs its own event loop until answered.
std::optional<Credentials> pair(const QUrl &hostUrl, const QString &code, const QString &name, int timeoutMs, QString *error)
{
    PairingClient client;
    std::optional<Credentials> result;
    QEventLoop loop;
    QObject::connect(&client, &PairingClient::paired, &loop, [&](const PairingClient::Result &paired) {
        result = Credentials{paired.householdId, paired.memberId, paired.token, paired.refreshToken, paired.fingerprint};
        loop.quit();
    });
    QObject::connect(&client, &PairingClient::failed, &loop, [&](const QString &reason) {
        *error = reason;
        loop.quit();
    });
    // A script has nobody to compare the security code: it trusts the host it was pointed at (and
    // pins that certificate from then on).
    QObject::connect(&client, &PairingClient::hostSeen, &client, &PairingClient::confirm);
    client.start(hostUrl, {code, name, name, QString()}, std::chrono::milliseconds(timeoutMs));
    loop.exec();
    return result;
}

class Client final : public QObject
{
public:
    struct Options
    {
        QUrl url;
        int burst = 0;
        double rate = 0;
        int updateEvery = 0;
        bool updateShared = false;
        QString idPrefix;
        bool stay = false;
        SyncOptions sync;
    };

    Client(std::unique_ptr<Store> store, const Credentials &credentials, Options options)
        : m_store(std::move(store))
        , m_credentials(credentials)
        , m_options(std::move(options))
        , m_replica(*m_store, m_clock, credentials.householdId, credentials.memberId)
        , m_sync(m_replica, m_status, m_options.url, SyncCredentials{credentials.token, credentials.refreshToken, credentials.fingerprint}, m_options.sync)
        , m_burstTimer(new QTimer(this))
        , m_ackTimer(new QTimer(this))
        , m_checkTimer(new QTimer(this))
    {
        m_burstTimer->setInterval(m_options.rate > 0 ? 5 : 0);
        connect(m_burstTimer, &QTimer::timeout, this, &Client::burstStep);
        // Acknowledgements are read from the outbox (an entry leaves it only once the host has
        // acknowledged it), at most every 20 ms.
        m_ackTimer->setSingleShot(true);
        m_ackTimer->setInterval(20);
        connect(m_ackTimer, &QTimer::timeout, this, &Client::collectAcks);
        connect(&m_replica, &ReplicaEngine::outboxChanged, this, [this] {
            if (!m_ackTimer->isActive())
                m_ackTimer->start();
        });
        connect(&m_replica, &ReplicaEngine::rejected, this, [this](const QString &message) {
            ++m_rejected;
            print({{QStringLiteral("event"), QStringLiteral("rejected")}, {QStringLiteral("message"), message}});
        });
        connect(&m_sync, &SyncService::synced, this, [this] { onSynced(); });
        connect(&m_sync, &SyncService::stateChanged, this, [this](ConnectionStatus::State state) {
            if (state == ConnectionStatus::State::Connected) {
                if (m_connects++ > 0)
                    printLink(QStringLiteral("reconnected"));
                m_connected = true;
            } else if (std::exchange(m_connected, false)) {
                printLink(QStringLiteral("disconnected"));
            }
        });
        connect(&m_sync, &SyncService::certificateChanged, this, [] {
            std::fprintf(stderr, "hearth-sync-client: the host's certificate is not the one pinned at pairing\n");
            QCoreApplication::exit(5);
        });
        connect(&m_sync, &SyncService::credentialsRefused, this, [](int code) {
            std::fprintf(stderr, "hearth-sync-client: the host refused the token (close code %d)\n", code);
            QCoreApplication::exit(4);
        });
        m_checkTimer->setInterval(50);
        connect(m_checkTimer, &QTimer::timeout, this, &Client::checkFinished);
    }

    void start() { m_sync.start(); }

    // Stdin said "finish" (or closed): wait for the host's head, then report.
    void finish()
    {
        m_finishRequested = true;
        maybeFinish();
    }

private:
    void onSynced()
    {
        if (m_ready)
            return;
        m_ready = true;
        print({{QStringLiteral("event"), QStringLiteral("ready")},
               {QStringLiteral("household_id"), m_credentials.householdId},
               {QStringLiteral("member_id"), m_credentials.memberId},
               {QStringLiteral("last_seq"), m_replica.lastSeq()},
               {QStringLiteral("pantry_rows"), pantryRows()}});
        if (m_options.burst > 0) {
            m_burstClock.start();
            m_burstTimer->start();
        } else {
            maybeFinish();
        }
    }

    void burstStep()
    {
        const qint64 due = m_options.rate > 0
            ? std::min<qint64>(m_options.burst, qint64(double(m_burstClock.elapsed()) * m_options.rate / 1000.0) + 1)
            : std::min<qint64>(m_options.burst, m_submitted + 25);
        while (m_submitted < due) {
            const int i = m_submitted;
            Mutation m;
            m.id = QStringLiteral("%1-%2").arg(m_options.idPrefix).arg(i);
            m.collection = Collection::Pantry;
            const bool update = m_options.updateEvery > 0 && i % m_options.updateEvery == m_options.updateEvery - 1;
            const QString shared = update && m_options.updateShared ? sharedItem(i / m_options.updateEvery) : QString();
            if (!shared.isEmpty()) {
                m.op = MutationOp::Update;
                m.entityId = shared;
                m.fields = {{QStringLiteral("quantity_delta"), 1}};
            } else if (update && !m_options.updateShared && !m_lastCreated.isEmpty()) {
                m.op = MutationOp::Update;
                m.entityId = m_lastCreated;
                m.fields = {{QStringLiteral("quantity"), double(i)}, {QStringLiteral("location"), QStringLiteral("Shelf")}};
            } else {
                m.op = MutationOp::Create;
                m.fields = {{QStringLiteral("name"), QStringLiteral("Item %1 %2").arg(m_options.idPrefix).arg(i)},
                            {QStringLiteral("quantity"), 1.0},
                            {QStringLiteral("unit"), QStringLiteral("pcs")},
                            {QStringLiteral("category"), QStringLiteral("Test")}};
            }
            const MutationResult result = m_replica.submit(m);
            if (!result.ok) {
                std::fprintf(stderr, "hearth-sync-client: mutation %d refused locally: %s\n", i, qPrintable(result.error.message));
                QCoreApplication::exit(1);
                return;
            }
            if (m.op == MutationOp::Create)
                m_lastCreated = result.entityId;
            m_pending.insert(m.id);
            ++m_submitted;
        }
        if (m_submitted >= m_options.burst) {
            m_burstTimer->stop();
            maybeFinish();
        }
    }

    // The n-th pantry item of the local copy in id order (ids are random, so both devices' items
    // are mixed), wrapping round; empty while the copy has none.
    QString sharedItem(int n) const
    {
        const qint64 rows = pantryRows();
        if (rows <= 0)
            return {};
        QSqlQuery query(m_store->database());
        query.prepare(QStringLiteral("SELECT id FROM pantry_items WHERE household_id = ? ORDER BY id LIMIT 1 OFFSET ?"));
        query.addBindValue(m_credentials.householdId);
        query.addBindValue(n % rows);
        return query.exec() && query.next() ? query.value(0).toString() : QString();
    }

    void printLink(const QString &event) const
    {
        print({{QStringLiteral("event"), event},
               {QStringLiteral("submitted"), m_submitted},
               {QStringLiteral("outbox"), m_replica.outboxSize()},
               {QStringLiteral("last_seq"), m_replica.lastSeq()}});
    }

    void collectAcks()
    {
        if (m_pending.isEmpty())
            return;
        QSet<QString> queued;
        QSqlQuery query(m_store->database());
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT mutation_id FROM outbox WHERE household_id = ?"));
        query.addBindValue(m_credentials.householdId);
        if (!query.exec())
            return;
        while (query.next())
            queued.insert(query.value(0).toString());
        QJsonArray acked;
        for (auto it = m_pending.begin(); it != m_pending.end();) {
            if (queued.contains(*it)) {
                ++it;
                continue;
            }
            acked.append(*it);
            it = m_pending.erase(it);
        }
        if (acked.isEmpty())
            return;
        m_acked += int(acked.size());
        print({{QStringLiteral("event"), QStringLiteral("progress")},
               {QStringLiteral("submitted"), m_submitted},
               {QStringLiteral("acked"), m_acked},
               {QStringLiteral("acked_ids"), acked}});
    }

    void maybeFinish()
    {
        if (m_finishing || !m_ready || m_submitted < m_options.burst || (m_options.stay && !m_finishRequested))
            return;
        m_finishing = true;
        m_checkTimer->start();
        probeHead();
    }

    // The host's head, as a fresh connection is told it; the probe socket is closed at once.
    void probeHead()
    {
        if (m_probe) {
            m_probe->disconnect(this);
            m_probe.release()->deleteLater(); // may be the sender of the signal being handled
        }
        m_probe = std::make_unique<QWebSocket>();
        QWebSocket *probe = m_probe.get();
        HostCertificate::pin(probe, m_credentials.fingerprint);
        connect(probe, &QWebSocket::textMessageReceived, this, [this, probe](const QString &frame) {
            QString error;
            const auto message = protocol::decode(frame, &error);
            if (!message || message->event != QLatin1String("connected"))
                return;
            probe->disconnect(this);
            probe->close();
            m_probedHead = message->data.value(QLatin1String("seq")).toInteger(-1);
            checkFinished();
        });
        connect(probe, &QWebSocket::disconnected, this, [this, probe] {
            probe->disconnect(this);
            QTimer::singleShot(200, this, &Client::probeHead); // the host is away: ask again
        });
        QUrl url = m_options.url;
        url.setPath(QStringLiteral("/api/ws/") + m_credentials.householdId);
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("token"), m_credentials.token);
        url.setQuery(query);
        probe->open(url);
    }

    void checkFinished()
    {
        if (!m_finishing || m_probedHead < 0)
            return;
        collectAcks();
        if (m_replica.outboxSize() != 0 || m_replica.lastSeq() < m_probedHead)
            return;
        if (m_replica.lastSeq() == m_probedHead && m_confirmingHead == m_probedHead) {
            m_checkTimer->stop();
            print(summary());
            QCoreApplication::exit(0);
            return;
        }
        // Caught up with the head seen then: ask once more, to be sure nothing came after it.
        m_confirmingHead = m_replica.lastSeq();
        m_probedHead = -1;
        probeHead();
    }

    qint64 pantryRows() const
    {
        QSqlQuery query(m_store->database());
        query.prepare(QStringLiteral("SELECT count(*) FROM pantry_items WHERE household_id = ?"));
        query.addBindValue(m_credentials.householdId);
        return query.exec() && query.next() ? query.value(0).toLongLong() : -1;
    }

    // Every pantry row's id and rev, sorted and hashed: equal digests mean equal pantries.
    QString pantryDigest() const
    {
        QSqlQuery query(m_store->database());
        query.prepare(QStringLiteral("SELECT id, rev FROM pantry_items WHERE household_id = ? ORDER BY id"));
        query.addBindValue(m_credentials.householdId);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (query.exec())
            while (query.next())
                hash.addData(QStringLiteral("%1:%2\n").arg(query.value(0).toString()).arg(query.value(1).toLongLong()).toUtf8());
        return QString::fromLatin1(hash.result().toHex());
    }

    QJsonObject summary() const
    {
        return {{QStringLiteral("event"), QStringLiteral("summary")},
                {QStringLiteral("household_id"), m_credentials.householdId},
                {QStringLiteral("member_id"), m_credentials.memberId},
                {QStringLiteral("pantry_rows"), pantryRows()},
                {QStringLiteral("pantry_digest"), pantryDigest()},
                {QStringLiteral("last_seq"), m_replica.lastSeq()},
                {QStringLiteral("outbox"), m_replica.outboxSize()},
                {QStringLiteral("submitted"), m_submitted},
                {QStringLiteral("acked"), m_acked},
                {QStringLiteral("rejected"), m_rejected},
                {QStringLiteral("reconnects"), std::max(0, m_connects - 1)}};
    }

    SystemClock m_clock;
    std::unique_ptr<Store> m_store;
    Credentials m_credentials;
    Options m_options;
    ReplicaEngine m_replica;
    ConnectionStatus m_status;
    SyncService m_sync;
    QTimer *m_burstTimer;
    QTimer *m_ackTimer;
    QTimer *m_checkTimer;
    QElapsedTimer m_burstClock;
    std::unique_ptr<QWebSocket> m_probe;
    QSet<QString> m_pending;
    QString m_lastCreated;
    int m_submitted = 0;
    int m_acked = 0;
    int m_rejected = 0;
    int m_connects = 0;
    bool m_ready = false;
    bool m_connected = false;
    bool m_finishRequested = false;
    bool m_finishing = false;
    qint64 m_probedHead = -1;
    qint64 m_confirmingHead = -1;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hearth-sync-client"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Headless Hearth member device for tests of hearthd."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("data"), QStringLiteral("Folder of this device's store."), QStringLiteral("DIR")},
        {QStringLiteral("url"), QStringLiteral("Host, e.g. ws://127.0.0.1:8765."), QStringLiteral("URL")},
        {QStringLiteral("token"), QStringLiteral("A member token (from hearthd token)."), QStringLiteral("JWT")},
        {QStringLiteral("invite"), QStringLiteral("Pair with this invite code."), QStringLiteral("CODE")},
        {QStringLiteral("name"), QStringLiteral("Member name when pairing."), QStringLiteral("NAME")},
        {QStringLiteral("burst"), QStringLiteral("Pantry mutations to make."), QStringLiteral("N")},
        {QStringLiteral("rate"), QStringLiteral("Mutations per second (0: unpaced)."), QStringLiteral("N")},
        {QStringLiteral("update-every"), QStringLiteral("Every K-th mutation updates the previous item."), QStringLiteral("K")},
        {QStringLiteral("update-shared"), QStringLiteral("The updates step (+1) items of the local copy, the other devices' too.")},
        {QStringLiteral("id-prefix"), QStringLiteral("Prefix of the mutation ids."), QStringLiteral("P")},
        {QStringLiteral("stay"), QStringLiteral("Wait for \"finish\" on stdin before the final sync.")},
        {QStringLiteral("timeout"), QStringLiteral("Give up after this many seconds (default 60)."), QStringLiteral("S")},
        {QStringLiteral("backoff-ms"), QStringLiteral("Reconnect backoff steps, e.g. 100,200,500."), QStringLiteral("LIST")},
    });
    if (!parser.parse(QCoreApplication::arguments()))
        return complain(2, parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);

    const QUrl url(parser.value(QStringLiteral("url")));
    const QString dataDir = parser.value(QStringLiteral("data"));
    if (dataDir.isEmpty() || !url.isValid() || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss")))
        return complain(2, QStringLiteral("needs --data DIR and --url ws://HOST:PORT"));

    Client::Options options;
    options.url = url;
    bool ok = true;
    options.burst = parser.isSet(QStringLiteral("burst")) ? parser.value(QStringLiteral("burst")).toInt(&ok) : 0;
    if (ok && parser.isSet(QStringLiteral("rate")))
        options.rate = parser.value(QStringLiteral("rate")).toDouble(&ok);
    if (ok && parser.isSet(QStringLiteral("update-every")))
        options.updateEvery = parser.value(QStringLiteral("update-every")).toInt(&ok);
    const int timeout = ok && parser.isSet(QStringLiteral("timeout")) ? parser.value(QStringLiteral("timeout")).toInt(&ok) : 60;
    if (!ok || options.burst < 0 || options.rate < 0 || options.updateEvery < 0 || timeout <= 0)
        return complain(2, QStringLiteral("--burst, --rate, --update-every and --timeout take non-negative numbers"));
    options.idPrefix = parser.isSet(QStringLiteral("id-prefix")) ? parser.value(QStringLiteral("id-prefix")) : QStringLiteral("m");
    options.stay = parser.isSet(QStringLiteral("stay"));
    options.updateShared = parser.isSet(QStringLiteral("update-shared"));
    if (parser.isSet(QStringLiteral("backoff-ms"))) {
        options.sync.backoff.clear();
        for (const QString &step : parser.value(QStringLiteral("backoff-ms")).split(QLatin1Char(','))) {
            const int ms = step.toInt(&ok);
            if (!ok || ms <= 0)
                return complain(2, QStringLiteral("--backoff-ms takes positive milliseconds separated by commas"));
            options.sync.backoff.append(std::chrono::milliseconds(ms));
        }
    }

    QString error;
    if (!QDir().mkpath(dataDir))
        return complain(1, QStringLiteral("cannot create %1").arg(dataDir));
    auto store = Store::open(QDir(dataDir).filePath(QStringLiteral("client.db")), &error);
    if (!store)
        return complain(1, error);

    std::optional<Credentials> credentials;
    if (parser.isSet(QStringLiteral("token"))) {
        credentials = credentialsFromToken(parser.value(QStringLiteral("token")));
        if (!credentials)
            return complain(2, QStringLiteral("--token is not a Hearth member token"));
    } else if (parser.isSet(QStringLiteral("invite"))) {
        credentials = pair(url, parser.value(QStringLiteral("invite")), parser.value(QStringLiteral("name")), timeout * 1000, &error);
        if (!credentials)
            return complain(1, QStringLiteral("pairing failed: %1").arg(error));
    } else if (const QString known = store->metaValue(QStringLiteral("client.household")); !known.isEmpty()) {
        if (const auto link = ReplicaEngine::loadLink(*store, known))
            credentials = Credentials{known, link->memberId, link->token, {}, link->fingerprint};
    }
    if (!credentials)
        return complain(2, QStringLiteral("give --token JWT or --invite CODE --name NAME"));
    // The link row must exist before the replica records how far it got.
    if (!ReplicaEngine::saveLink(*store, credentials->householdId, {url.toString(), credentials->memberId, credentials->token, 0, {}, credentials->fingerprint})
        || !store->setMetaValue(QStringLiteral("client.household"), credentials->householdId))
        return complain(1, QStringLiteral("cannot save the link to the host"));

    Client client(std::move(store), *credentials, options);

    // "finish" on stdin (or its end) starts the final sync of a --stay client.
    QSocketNotifier stdinNotifier(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinNotifier, &QSocketNotifier::activated, &client, [&] {
        char buffer[256];
        const auto got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got <= 0 || QByteArray(buffer, int(got)).contains("finish")) {
            stdinNotifier.setEnabled(false);
            client.finish();
        }
    });
    stdinNotifier.setEnabled(options.stay);

    QTimer::singleShot(std::chrono::seconds(timeout), &client, [] {
        std::fprintf(stderr, "hearth-sync-client: timed out\n");
        QCoreApplication::exit(3);
    });
    client.start();
    return QCoreApplication::exec();
}
