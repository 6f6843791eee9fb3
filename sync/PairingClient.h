#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

class QTimer;
class QWebSocket;

namespace hearth {

// The device side of pairing: connects to ws://HOST:PORT/api/pair, sends
// {"event":"pair","data":{"invite_code","name"}} and reports the host's answer — the member's
// credentials ("paired") or why not ("error"), in words a person can act on. One exchange per object.
class PairingClient final : public QObject
{
    Q_OBJECT

public:
    static constexpr quint16 kDefaultPort = 8765;

    struct Result
    {
        QUrl hostUrl; // ws://HOST:PORT, what SyncService connects to
        QString householdId;
        QString memberId;
        QString token;
        QString householdName;
    };

    explicit PairingClient(QObject *parent = nullptr);
    ~PairingClient() override;

    // "192.168.1.20:8765", "kitchen.local", "ws://[::1]:9000" -> ws://HOST:PORT (the port defaults
    // to kDefaultPort); nothing and a sentence in *error when it is not an address.
    static std::optional<QUrl> hostUrlFromAddress(const QString &address, QString *error);

    void start(const QUrl &hostUrl, const QString &inviteCode, const QString &name,
               std::chrono::milliseconds timeout = std::chrono::seconds(10));
    void cancel();
    bool isRunning() const { return m_socket != nullptr; }

Q_SIGNALS:
    void paired(const hearth::PairingClient::Result &result);
    // `refused`: the host answered and said no (a wrong or expired code); otherwise it was not reached.
    void failed(const QString &reason, bool refused);

private:
    void failFromSocket();
    void finish(const std::optional<Result> &result, const QString &reason, bool refused = false);
    QString hostText() const;

    std::unique_ptr<QWebSocket> m_socket;
    QTimer *m_timeout;
    QUrl m_hostUrl;
    QString m_code;
    QString m_name;
    bool m_answered = false;
};

} // namespace hearth
