#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

class QWebSocket;

namespace hearth {

class HouseholdDirectory;

// Invite codes and the exchange of a code for a member's credentials: how a new device joins.
class Pairing final
{
public:
    Pairing(HouseholdDirectory &directory, QByteArray secret);

    static constexpr qint64 kDefaultInviteSeconds = 24 * 3600;
    static constexpr qint64 kDefaultTokenSeconds = 30LL * 24 * 3600;

    // A new code: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L).
    std::optional<QString> createInvite(const QString &householdId, const QString &role = QStringLiteral("adult"),
                                        qint64 validSeconds = kDefaultInviteSeconds);

    struct Joined
    {
        QString householdId;
        QString memberId;
        QString token;
        QString householdName;
    };
    // Redeems a code for a new member called `name`; *error says why not.
    std::optional<Joined> redeem(const QString &code, const QString &name, QString *error);

    // A token for a member (created when new): for scripts, tests and `hearthd token`.
    std::optional<Joined> issueToken(const QString &householdId, const QString &name, const QString &role,
                                     qint64 validSeconds, QString *error);

    // Serves one pairing exchange on a socket: {"event":"pair","data":{"invite_code","name"}} ->
    // {"event":"paired","data":{household_id, member_id, token, household_name}} or an error.
    void serve(QWebSocket *socket);

    static QString normalizeCode(const QString &code);

private:
    std::optional<Joined> memberToken(const QString &householdId, const QString &memberId, const QString &role,
                                      qint64 validSeconds);

    HouseholdDirectory &m_directory;
    QByteArray m_secret;
};

} // namespace hearth
