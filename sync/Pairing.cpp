#include "Pairing.h"

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "HouseholdDirectory.h"
#include "Jwt.h"
#include "Protocol.h"
#include "RoomHost.h"
#include "Store.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTimer>
#include <QWebSocket>

namespace hearth {

namespace {
const QString kAlphabet = QStringLiteral("ABCDEFGHJKMNPQRSTUVWXYZ23456789");
constexpr int kCodeLength = 8;
} // namespace

Pairing::Pairing(HouseholdDirectory &directory, QByteArray secret)
    : m_directory(directory)
    , m_secret(std::move(secret))
{
}

QString Pairing::normalizeCode(const QString &code)
{
    QString normalized;
    for (const QChar c : code)
        if (c.isLetterOrNumber())
            normalized.append(c.toUpper());
    return normalized;
}

std::optional<QString> Pairing::createInvite(const QString &householdId, const QString &role, qint64 validSeconds)
{
    if (!m_directory.engine(householdId))
        return std::nullopt;
    QString code;
    for (int i = 0; i < kCodeLength; ++i)
        code.append(kAlphabet.at(QRandomGenerator::system()->bounded(int(kAlphabet.size()))));
    const QDateTime now = m_directory.clock().now().toUTC();
    QSqlQuery query(m_directory.store().database());
    query.prepare(QStringLiteral("INSERT INTO invites (code, household_id, role, created_at, expires_at) VALUES (?,?,?,?,?)"));
    query.addBindValue(code);
    query.addBindValue(householdId);
    query.addBindValue(role);
    query.addBindValue(now.toString(Qt::ISODateWithMs));
    query.addBindValue(now.addSecs(validSeconds).toString(Qt::ISODateWithMs));
    if (!query.exec())
        return std::nullopt;
    return code;
}

std::optional<Pairing::Joined> Pairing::memberToken(const QString &householdId, const QString &memberId,
                                                    const QString &role, qint64 validSeconds)
{
    const QDateTime now = m_directory.clock().now();
    jwt::Claims claims{memberId, householdId, role, now.toSecsSinceEpoch() + validSeconds};
    const QString token = jwt::sign(claims, m_secret, now);
    if (token.isEmpty())
        return std::nullopt;
    AuthoritativeEngine *engine = m_directory.engine(householdId);
    const auto household = engine ? engine->entity(Collection::Household, householdId) : std::nullopt;
    return Joined{householdId, memberId, token, household ? household->value(QLatin1String("name")).toString() : QString()};
}

std::optional<Pairing::Joined> Pairing::redeem(const QString &code, const QString &name, QString *error)
{
    const QString normalized = normalizeCode(code);
    QSqlQuery query(m_directory.store().database());
    query.prepare(QStringLiteral("SELECT household_id, role, expires_at, revoked FROM invites WHERE code = ?"));
    query.addBindValue(normalized);
    if (normalized.size() != kCodeLength || !query.exec() || !query.next()) {
        *error = QStringLiteral("That invite code is not valid.");
        return std::nullopt;
    }
    const QString householdId = query.value(0).toString();
    const QString role = query.value(1).toString();
    const QDateTime expires = QDateTime::fromString(query.value(2).toString(), Qt::ISODateWithMs);
    if (query.value(3).toInt() != 0 || expires <= m_directory.clock().now()) {
        *error = QStringLiteral("That invite code has expired; ask for a new one.");
        return std::nullopt;
    }
    // An invite makes a new member; it never hands out the credentials of someone already in the
    // household (joining as "Alex" must not make a device Alex).
    QSqlQuery taken(m_directory.store().database());
    taken.prepare(QStringLiteral("SELECT 1 FROM members WHERE household_id = ? AND lower(name) = lower(?)"));
    taken.addBindValue(householdId);
    taken.addBindValue(name.trimmed());
    if (!taken.exec() || taken.next()) {
        *error = QStringLiteral("Someone in this household is already called %1; choose another name.").arg(name.trimmed());
        return std::nullopt;
    }
    return issueToken(householdId, name, role, kDefaultTokenSeconds, error);
}

std::optional<Pairing::Joined> Pairing::issueToken(const QString &householdId, const QString &name, const QString &role,
                                                   qint64 validSeconds, QString *error)
{
    AuthoritativeEngine *engine = m_directory.engine(householdId);
    if (!engine) {
        *error = QStringLiteral("There is no household %1 here.").arg(householdId);
        return std::nullopt;
    }
    QSqlQuery existing(m_directory.store().database());
    existing.prepare(QStringLiteral("SELECT id FROM members WHERE household_id = ? AND name = ?"));
    existing.addBindValue(householdId);
    existing.addBindValue(name.trimmed());
    QString memberId;
    if (existing.exec() && existing.next()) {
        memberId = existing.value(0).toString();
    } else {
        engine->reloadHeadSeq(); // another process may have written to this household's log
        const MutationResult created = engine->submitAs(
            Mutation{{}, Collection::Members, MutationOp::Create, {}, -1,
                     {{QStringLiteral("name"), name}, {QStringLiteral("role"), role}}},
            QString());
        if (!created.ok) {
            *error = created.error.message;
            return std::nullopt;
        }
        memberId = created.entityId;
    }
    auto joined = memberToken(householdId, memberId, role, validSeconds);
    if (!joined)
        *error = QStringLiteral("No token could be made (is the server secret at least 32 bytes?).");
    return joined;
}

void Pairing::serve(QWebSocket *socket)
{
    // One exchange, then the socket closes; a device that never asks is dropped after 15 s.
    QTimer::singleShot(15000, socket, [socket] { socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Timeout")); });
    QObject::connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    QObject::connect(socket, &QWebSocket::textMessageReceived, socket, [this, socket](const QString &frame) {
        QString error;
        const auto message = protocol::decode(frame, &error);
        if (!message || message->event != QLatin1String("pair")) {
            socket->sendTextMessage(protocol::encodeError(message ? QStringLiteral("expected a pair message") : error));
            return;
        }
        const QString code = message->data.value(QLatin1String("invite_code")).toString();
        const QString name = message->data.value(QLatin1String("name")).toString().trimmed();
        if (name.isEmpty()) {
            socket->sendTextMessage(protocol::encodeError(QStringLiteral("Give a name for this device's member.")));
            return;
        }
        const auto joined = redeem(code, name, &error);
        if (!joined) {
            qCInfo(lcHost) << "refused a pairing from" << socket->peerAddress().toString(); // never the code
            socket->sendTextMessage(protocol::encodeError(error));
            return;
        }
        socket->sendTextMessage(protocol::encode(QStringLiteral("paired"),
                                                 {{QStringLiteral("household_id"), joined->householdId},
                                                  {QStringLiteral("member_id"), joined->memberId},
                                                  {QStringLiteral("household_name"), joined->householdName},
                                                  {QStringLiteral("token"), joined->token}}));
        socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Paired"));
    });
}

} // namespace hearth
