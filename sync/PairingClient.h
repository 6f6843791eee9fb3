#pragma once

#include <QObject>
#include <QString>
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

    void start(const QUrl &hostUrl, const QString &inviteCode, const QString &name,
               std::chrono::milliseconds timeout = std::chrono::seconds(20));
    // Takes a pairing back on the host that made it (reported through unpaired() or failed()).
    void unpair(const QUrl &hostUrl, const QString &refreshToken, const QString &fingerprint);
    // Trades a refresh credential for a new access token (reported through refreshed()).
    void refresh(const QUrl &hostUrl, const QString &refreshToken, const QString &fingerprint,
                 std::chrono::milliseconds timeout = std::chrono::seconds(20));
    void cancel();
    bool isRunning() const { return m_socket != nullptr; }

Q_SIGNALS:
    void paired(const hearth::PairingClient::Result &result);
    void refreshed(const hearth::PairingClient::Result &result);
    void unpaired();
    // `refused`: the host answered and said no (a wrong or expired code); otherwise it was not reached.
    void failed(const QString &reason, bool refused);

private:
    void exchange(const QUrl &hostUrl, const QString &fingerprint, const QString &event, const QJsonObject &data,
                  std::chrono::milliseconds timeout);
    void failFromSocket();
    void finish(const std::optional<Result> &result, const QString &reason, bool refused = false);
    QString hostText() const;

    std::unique_ptr<QWebSocket> m_socket;
    QTimer *m_timeout;
    QUrl m_hostUrl;
    QString m_pinned;
    QString m_seen; // the fingerprint the host presented
    bool m_refreshing = false;
    bool m_connected = false;
    bool m_answered = false;
};

} // namespace hearth
