#pragma once

#include <QObject>
#include <QString>
#include <QAbstractSocket>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

class QJsonObject;
class QTimer;
class QWebSocket;

namespace hearth {

// The device side of the credential exchanges on HOST:PORT/api/pair: pairing (an invite code and
// a name → "paired" with an access token, a refresh credential and the host's certificate
// fingerprint, which the device pins from then on) and refreshing (the refresh credential → a new
// access token, over a connection that must present the pinned certificate). Reports the answer
// or why not, in words a person can act on. One exchange per object at a time.
class PairingClient final : public QObject
{
    Q_OBJECT

public:
    static constexpr quint16 kDefaultPort = 8765;

    struct Result
    {
        QUrl hostUrl; // wss://HOST:PORT (ws:// only when typed so), what SyncService connects to
        QString householdId;
        QString memberId;
        QString token;
        QString householdName;
        QString memberName; // who the device acts as (the host's answer; for a code made for someone, them)
        QString role;
        QString deviceId;
        QString refreshToken;
        QString fingerprint; // SHA-256 of the host's certificate; empty over plain ws
        qint64 expiresIn = 0;
    };

    explicit PairingClient(QObject *parent = nullptr);
    ~PairingClient() override;

    // "192.168.1.20:8765", "kitchen.local", "ws://[::1]:9000" -> wss://HOST:PORT (the port defaults
    // to kDefaultPort; plain ws only when typed); nothing and a sentence in *error when it is not an address.
    static std::optional<QUrl> hostUrlFromAddress(const QString &address, QString *error);

    struct PairRequest
    {
        QString inviteCode;
        QString name;       // a new member's name; the host ignores it for a code made for someone
        QString deviceName; // "Jordan's laptop"
        // The certificate fingerprint (all of its SHA-256, hex) a QR code or join link carries: when
        // set, the host must present exactly that certificate and the code is sent without asking
        // (the link was the comparison).
        QString expectedFingerprint;
    };
    // Pairing in two steps, so the invite code never reaches a host the person has not checked:
    // start() connects and reports the host's certificate through hostSeen() (nothing is sent);
    // confirm() then sends the code, to that certificate only. With an expected security code,
    // start() checks it and sends at once. Over wss, a host that answers in plain HTTP is a plain-ws
    // host (hearthd without a certificate): on this computer (loopback) the pairing goes on over
    // ws (hostSeen with no fingerprint); on a network address it stops and says to type ws://.
    void start(const QUrl &hostUrl, const PairRequest &request,
               std::chrono::milliseconds timeout = std::chrono::seconds(20));
    void confirm();
    bool isAwaitingConfirmation() const { return m_awaitingConfirmation; }
    // Takes a pairing back on the host that made it (reported through unpaired() or failed()).
    void unpair(const QUrl &hostUrl, const QString &refreshToken, const QString &fingerprint);
    // Trades a refresh credential for a new access token (reported through refreshed()).
    void refresh(const QUrl &hostUrl, const QString &refreshToken, const QString &fingerprint,
                 std::chrono::milliseconds timeout = std::chrono::seconds(20));
    void cancel();
    bool isRunning() const { return m_socket != nullptr; }

Q_SIGNALS:
    // The host answered at `hostUrl` (ws:// when it speaks plain ws) and presented `fingerprint`
    // (empty over plain ws); call confirm() once the person compared it, or cancel().
    void hostSeen(const QUrl &hostUrl, const QString &fingerprint);
    void paired(const hearth::PairingClient::Result &result);
    void refreshed(const hearth::PairingClient::Result &result);
    void unpaired();
    // `refused`: the host answered and said no (a wrong or expired code); otherwise it was not reached.
    // `field` is what the refusal is about, as the host said ("name", "invite_code"; may be empty).
    void failed(const QString &reason, bool refused, const QString &field = QString());

private:
    void exchange(const QUrl &hostUrl, const QString &fingerprint, const QString &event, const QJsonObject &data,
                  std::chrono::milliseconds timeout);
    void look(const QUrl &hostUrl);
    void sendPairRequest();
    // Asks the host in plain HTTP whether it speaks plain ws; `otherwise` is the failure to report
    // when it does not (empty: the TLS attempt is still going on).
    void probePlain(const QString &otherwise = QString());
    void failFromSocket();
    QString socketFailure(QAbstractSocket::SocketError error) const;
    void finish(const std::optional<Result> &result, const QString &reason, bool refused = false,
                const QString &field = QString());
    QString differentCertificate() const;
    QString hostText() const;

    std::unique_ptr<QWebSocket> m_socket;
    QTimer *m_timeout;
    QUrl m_hostUrl;
    QString m_pinned;
    bool m_pinnedJustNow = false; // the pin is the certificate the person compared a moment ago
    QString m_seen; // the fingerprint the host presented
    PairRequest m_request;
    std::chrono::milliseconds m_pairTimeout{0};
    QTimer *m_probeDelay;
    QObject *m_probe = nullptr; // the plain-HTTP question, while it is asked
    bool m_looking = false;     // connected only to see the certificate
    bool m_awaitingConfirmation = false;
    bool m_refreshing = false;
    bool m_connected = false;
    bool m_answered = false;
};

} // namespace hearth
