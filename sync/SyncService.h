#pragma once

#include "ConnectionStatus.h"
#include "Protocol.h"
#include "receipts/ReceiptImages.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QUrl>

#include <chrono>
#include <optional>
#include <functional>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

class QNetworkAccessManager;
class QTimer;
class QWebSocket;

namespace hearth {

class PairingClient;
class ReplicaEngine;
struct OutboxEntry;

// What a joined device signs in with.
struct SyncCredentials
{
    QString accessToken;
    QString refreshToken; // trades for a new access token; empty: the token cannot be renewed
    QString fingerprint;  // the host certificate pinned at pairing (wss); empty over plain ws
};

struct SyncOptions
{
    // Reconnect delays: a random wait up to the step's value ("full jitter"), the last step repeating.
    QList<std::chrono::milliseconds> backoff{std::chrono::seconds(1), std::chrono::seconds(2), std::chrono::seconds(5),
                                             std::chrono::seconds(10), std::chrono::seconds(20), std::chrono::seconds(30)};
    // After this long without a connection, fetch snapshots on a timer until the socket is back.
    std::chrono::milliseconds fallbackAfter{std::chrono::minutes(1)};
    std::chrono::milliseconds pollInterval{std::chrono::seconds(10)};
    // Answer for random(0, 1] in the jitter; tests pin it.
    std::function<double()> random;

    // The watchdog. A socket must bring something (an event, the host's ping, the ack of our own
    // ping) at least every ping interval plus a grace of half an interval, or it is dropped and
    // replaced. The host says its interval in the welcome (`ping_interval_ms`); this is for hosts
    // that do not.
    std::chrono::milliseconds pingInterval{std::chrono::seconds(30)};
    // How long a socket may take from opening to the welcome.
    std::chrono::milliseconds welcomeTimeout{std::chrono::seconds(15)};
    // How long a probe (checkAlive(): after a sleep, a network change) waits for its answer.
    std::chrono::milliseconds probeTimeout{std::chrono::seconds(5)};
    // How often the wall clock is compared with the monotonic one to notice a sleep (the monotonic
    // clock stands still while the machine sleeps), and the gap that counts as one.
    std::chrono::milliseconds sleepCheckInterval{std::chrono::seconds(10)};
    std::chrono::milliseconds sleepGap{std::chrono::seconds(5)};
    // The wall clock in ms since the epoch; tests move it to fake a sleep.
    std::function<qint64()> wallClock;
    // A change the host could not save (`storage_full`, `storage`: it kept nothing) stays in the
    // outbox and is sent again after this pause, not taken back on this screen.
    std::chrono::milliseconds storageRetry{std::chrono::seconds(10)};
};

// Keeps a ReplicaEngine in step with its host over one WebSocket: sends the outbox in order,
// applies the host's events in seq order (resuming on a gap, refetching when told to), and
// reconnects with backoff. Its state is ConnectionStatus's, changed in one place (setState).
class SyncService final : public QObject
{
    Q_OBJECT

public:
    SyncService(ReplicaEngine &replica, ConnectionStatus &status, QUrl hostUrl, SyncCredentials credentials,
                SyncOptions options = {}, QObject *parent = nullptr);
    ~SyncService() override;

    void start();
    void stop();
    // The socket of the current connection (null while there is none), for tests that read the
    // raw frames the host sends.
    QWebSocket *socket() const { return m_socket.get(); }
    // Tries at once (network back, app woke up) instead of waiting out the backoff; a socket that
    // says it is connected is probed instead (checkAlive()).
    void reconnectNow();
    // After a sleep or a network change: a connected socket is asked for an answer (a `ping`) and
    // replaced when none comes within probeTimeout; without one, connects now.
    void checkAlive();
    // Asks the host to remove this member from the household (left() or leaveRefused() follows).
    // False when not connected.
    bool leave();
    // Asks the host for a receipt's image (`fetch_image`, docs/protocol.md "Receipt images"; over
    // GET /api/receipts/… while polling); imageFetched() — the image already in this device's
    // cache — or imageRefused() follows. False when neither way is open (nothing is sent).
    bool fetchImage(const QString &receiptId, hearth::ReceiptImageSize size);

    ConnectionStatus::State state() const;
    QUrl roomUrl() const;
    int reconnectAttempts() const { return m_attempt; }
    bool isPolling() const { return m_polling; }
    // The host's ping interval as its welcome said (or the default): what the watchdog expects.
    std::chrono::milliseconds pingInterval() const { return m_pingInterval; }

Q_SIGNALS:
    void stateChanged(hearth::ConnectionStatus::State state);
    // The host refused a credential and no refresh helped: 4001 (signed out) or 4003 (removed).
    void credentialsRefused(int closeCode);
    // A fresh access token: to be kept for the next start.
    void accessTokenRenewed(const QString &accessToken);
    // The host presented another certificate than the one pinned at pairing: nothing was sent,
    // and syncing stops until the device pairs again.
    void certificateChanged();
    // The host removed this member at their own request; syncing has stopped.
    void left();
    void leaveRefused(const QString &reason);
    void synced(qint64 seq);
    // A snapshot fetched over HTTP while the socket was down has been applied (the fallback).
    void polled(qint64 seq);
    void imageFetched(const QString &receiptId, hearth::ReceiptImageSize size, const QByteArray &jpeg);
    // `code`: the host's ("not_found", "invalid"), or "offline" when the socket closed first.
    void imageRefused(const QString &receiptId, hearth::ReceiptImageSize size, const QString &code);

private:
    void setState(ConnectionStatus::State state, const QString &detail = {});
    void connectSocket();
    void openSocket();
    // Trades the refresh credential for a new access token, then connects; false when there is none.
    bool renewAccessToken();
    void refuse(int closeCode);
    // No more attempts (signed out, removed, left, certificate changed): timers stopped, state set.
    void stopTrying(ConnectionStatus::State state, const QString &detail);
    // The next attempt after the backoff's next step; or, when the host shed load with a retry
    // hint, after the moment it named (plus up to a tenth more, and no step up the backoff).
    void scheduleReconnect(std::optional<std::chrono::milliseconds> hostHint = std::nullopt);
    void onConnected();
    void onDisconnected();
    void onText(const QString &frame);
    void handleEvent(const protocol::Message &message);
    // Sends what waits in the outbox and was not sent on this socket: one entry as a `mutate`,
    // more as `batch`es (when the host takes them), oldest first.
    void sendOutbox();
    // The outbox changed: sent on the next event-loop turn, so edits made together go together.
    void scheduleSend();
    void sendBatch(const QList<OutboxEntry> &entries);
    // The host's answer to one mutation (a mutate's ack, or one result of a batch's).
    void settleAck(const QJsonObject &answer);
    // Refuses a pending change the host cannot read (over its message limit), like a refusal.
    void refuseTooLarge(const QString &mutationId);
    void refuseLargestPending();
    void beginRefetch();
    void onSnapshot(const protocol::Message &message);
    void onImage(const protocol::Message &message);
    void fetchImageOverHttp(const QString &receiptId, hearth::ReceiptImageSize size);
    // The host's URL for a plain HTTP request to `path` (http, or https beside wss).
    QUrl httpUrl(const QString &path) const;
    // Images asked of a socket that closed will not come: said so (as "offline").
    void dropImageRequests();
    void poll();
    // The watchdog (see SyncOptions::pingInterval).
    void heard();
    void armWatchdog();
    void onWatchdog();
    void sendProbe();
    void dropSilentSocket(const char *why);
    void onSleepCheck();

    ReplicaEngine &m_replica;
    ConnectionStatus &m_status;
    QUrl m_hostUrl;
    SyncCredentials m_credentials;
    SyncOptions m_options;
    std::unique_ptr<PairingClient> m_renewal;
    bool m_renewedForThisAttempt = false;
    bool m_leaving = false;
    std::unique_ptr<QWebSocket> m_socket;
    QTimer *m_reconnectTimer;
    QTimer *m_fallbackTimer;
    QTimer *m_pollTimer;
    QTimer *m_watchdog;
    QTimer *m_sleepCheck;
    QElapsedTimer m_sinceHeard;  // since the socket opened or last brought anything
    QElapsedTimer m_sinceProbe;  // since the outstanding probe was sent
    QString m_probeId;           // the outstanding probe's id; empty when none
    int m_probes = 0;
    std::chrono::milliseconds m_pingInterval;
    qint64 m_sleepCheckWall = 0; // the wall clock and the monotonic one at the last sleep check
    QElapsedTimer m_sleepCheckMonotonic;
    QNetworkAccessManager *m_network;
    int m_attempt = 0;
    bool m_running = false;
    bool m_welcomed = false;
    bool m_resuming = false;
    bool m_refetching = false;
    bool m_polling = false;
    QSet<QString> m_sent;
    qint64 m_hostMessageLimit = 0; // what the host said it reads (connected); 0 before it says
    int m_hostBatchLimit = 0;      // mutations per `batch` the host takes (connected); 0: mutates only
    int m_batches = 0;             // batches sent, for their ids
    QTimer *m_sendTimer;
    QTimer *m_storageRetry; // sends the outbox again after the host could not save
    QSet<QString> m_imagesAsked; // "<size>:<receipt id>" awaiting the host's answer
    QMap<hearth::Collection, QJsonArray> m_snapshots;
    qint64 m_snapshotSeq = 0;
};

} // namespace hearth
