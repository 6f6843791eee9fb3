#pragma once

#include "AttemptLimiter.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

class QJsonObject;
class QWebSocket;

namespace hearth {

class HouseholdDirectory;

// Invite codes, and the exchanges that give a device its credentials: pairing (an invite code
// and a name for a new member → an access token and a refresh credential) and refreshing (the
// refresh credential → a new access token). Both are served on the host's /api/pair socket.
class Pairing final
{
public:
    Pairing(HouseholdDirectory &directory, QByteArray secret, AttemptLimiter::Limits limits = {});

    static constexpr qint64 kDefaultInviteSeconds = 24 * 3600;
    // Access tokens of paired devices are short-lived; the device refreshes them.
    static constexpr qint64 kAccessTokenSeconds = 3600;
    // `hearthd token` (scripts, tests, web clients without pairing) defaults to a month.
    static constexpr qint64 kScriptTokenSeconds = 30LL * 24 * 3600;

    // A new single-use code: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L).
    std::optional<QString> createInvite(const QString &householdId, const QString &role = QStringLiteral("adult"),
                                        qint64 validSeconds = kDefaultInviteSeconds);
    // A code for a member already in the household ("this code is for Sam"): the device that
    // redeems it becomes one of that member's devices, with their role. Nothing when there is no
    // such member; *error says so.
    std::optional<QString> createInviteFor(const QString &householdId, const QString &memberId,
                                           qint64 validSeconds = kDefaultInviteSeconds, QString *error = nullptr);
    struct Invite
    {
        QString code;
        QString role;
        QDateTime expiresAt;
        QString memberId;   // set when the code is for a member already in the household
        QString memberName;
    };
    // The codes of a household that can still be used, newest first.
    QList<Invite> openInvites(const QString &householdId);
    bool revokeInvite(const QString &code);

    struct Joined
    {
        QString householdId;
        QString memberId;
        QString token;
        QString householdName;
        QString memberName;
        QString role;
        qint64 expiresIn = 0;    // seconds the token is good for
        QString deviceId;        // paired devices only
        QString refreshToken;    // paired devices only
    };
    // Redeems a code on a new device: for the member the code was made for, or else for a new
    // member called `name`. *error says why not, and *errorField which field it is about
    // ("name" for a missing or taken name; "invite_code" otherwise). The source (an address) and
    // the attempt limits are the caller's business: see serve().
    std::optional<Joined> redeem(const QString &code, const QString &name, QString *error,
                                 const QString &deviceName = QString(), QString *errorField = nullptr);
    // A new access token for a signed-in device.
    std::optional<Joined> refresh(const QString &refreshToken, QString *error);
    // Takes a pairing back: the device is removed, and the member its code made too when it is
    // their only device (never a member the host added, never the last adult). False when the
    // credential is unknown.
    bool unpair(const QString &refreshToken);

    // A token for a member (created when new): for scripts, tests and `hearthd token`. When the
    // member is refused, `errorField` names the field ("name").
    std::optional<Joined> issueToken(const QString &householdId, const QString &name, const QString &role,
                                     qint64 validSeconds, QString *error, QString *errorField = nullptr);

    // Serves exchanges on a socket from `source`:
    //   {"event":"pair","data":{"invite_code"[,"name"][,"device_name"]}} -> "paired"
    //   {"event":"refresh","data":{"refresh_token"}}                   -> "token"
    //   {"event":"unpair","data":{"refresh_token"}}                    -> "unpaired"
    // or {"event":"error"} (with "field":"name" when the name is what is wrong). Failures are limited per source address and per host (AttemptLimiter),
    // answered after a growing delay, and logged without the code or credential.
    void serve(QWebSocket *socket);

    void setSecret(QByteArray secret) { m_secret = std::move(secret); }
    AttemptLimiter &limiter() { return m_limiter; }

    static QString normalizeCode(const QString &code);

private:
    bool joinMadeTheMember(const QString &householdId, const QString &memberId) const;
    std::optional<QString> insertInvite(const QString &householdId, const QString &role, qint64 validSeconds,
                                        const QString &memberId);
    std::optional<Joined> memberToken(const QString &householdId, const QString &memberId, const QString &role,
                                      qint64 validSeconds, const QString &deviceId = QString());
    void answer(QWebSocket *socket, const QString &event, const QJsonObject &data);

    HouseholdDirectory &m_directory;
    QByteArray m_secret;
    AttemptLimiter m_limiter;
};

} // namespace hearth
