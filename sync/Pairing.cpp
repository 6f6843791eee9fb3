#include "Pairing.h"

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "DeviceRegistry.h"
#include "HouseholdDirectory.h"
#include "Jwt.h"
#include "Protocol.h"
#include "RoomHost.h"
#include "Store.h"

#include <QJsonObject>

#include <algorithm>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QTimer>
#include <QWebSocket>

namespace hearth {

namespace {
const QString kAlphabet = QStringLiteral("ABCDEFGHJKMNPQRSTUVWXYZ23456789");
constexpr int kCodeLength = 8;
constexpr std::chrono::seconds kExchangeTimeout{30};

// Compares every character whatever the first difference, so the time taken says nothing about
// how much of a guess was right.
bool equalConstantTime(const QString &a, const QString &b)
{
    if (a.size() != b.size())
        return false;
    char16_t difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= char16_t(a.at(i).unicode() ^ b.at(i).unicode());
    return difference == 0;
}
} // namespace

Pairing::Pairing(HouseholdDirectory &directory, QByteArray secret, AttemptLimiter::Limits limits)
    : m_directory(directory)
    , m_secret(std::move(secret))
    , m_limiter(directory.clock(), limits)
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
    return insertInvite(householdId, role, validSeconds, QString());
}

std::optional<QString> Pairing::createInviteFor(const QString &householdId, const QString &memberId, qint64 validSeconds,
                                                QString *error)
{
    QSqlQuery member(m_directory.store().database());
    member.prepare(QStringLiteral("SELECT role FROM members WHERE household_id = ? AND id = ?"));
    member.addBindValue(householdId);
    member.addBindValue(memberId);
    if (!member.exec() || !member.next()) {
        if (error)
            *error = QStringLiteral("There is no such member in this household.");
        return std::nullopt;
    }
    return insertInvite(householdId, member.value(0).toString(), validSeconds, memberId);
}

std::optional<QString> Pairing::insertInvite(const QString &householdId, const QString &role, qint64 validSeconds,
                                             const QString &memberId)
{
    if (!m_directory.engine(householdId))
        return std::nullopt;
    QString code;
    for (int i = 0; i < kCodeLength; ++i)
        code.append(kAlphabet.at(QRandomGenerator::system()->bounded(int(kAlphabet.size()))));
    const QDateTime now = m_directory.clock().now().toUTC();
    QSqlQuery query(m_directory.store().database());
    query.prepare(QStringLiteral("INSERT INTO invites (code, household_id, role, created_at, expires_at, member_id) "
                                 "VALUES (?,?,?,?,?,?)"));
    query.addBindValue(code);
    query.addBindValue(householdId);
    query.addBindValue(role);
    query.addBindValue(now.toString(Qt::ISODateWithMs));
    query.addBindValue(now.addSecs(validSeconds).toString(Qt::ISODateWithMs));
    query.addBindValue(memberId.isEmpty() ? QVariant() : QVariant(memberId));
    if (!query.exec())
        return std::nullopt;
    return code;
}

QList<Pairing::Invite> Pairing::openInvites(const QString &householdId)
{
    QSqlQuery query(m_directory.store().database());
    query.prepare(QStringLiteral("SELECT i.code, i.role, i.expires_at, i.member_id, m.name FROM invites i "
                                 "LEFT JOIN members m ON m.id = i.member_id WHERE i.household_id = ? AND i.revoked = 0 "
                                 "AND i.used_by IS NULL AND i.expires_at > ? ORDER BY i.created_at DESC, i.rowid DESC"));
    query.addBindValue(householdId);
    query.addBindValue(m_directory.clock().now().toUTC().toString(Qt::ISODateWithMs));
    QList<Invite> invites;
    if (query.exec())
        while (query.next())
            invites.append({query.value(0).toString(), query.value(1).toString(),
                            QDateTime::fromString(query.value(2).toString(), Qt::ISODateWithMs),
                            query.value(3).toString(), query.value(4).toString()});
    return invites;
}

bool Pairing::revokeInvite(const QString &code)
{
    QSqlQuery query(m_directory.store().database());
    query.prepare(QStringLiteral("UPDATE invites SET revoked = 1 WHERE code = ? AND revoked = 0"));
    query.addBindValue(normalizeCode(code));
    return query.exec() && query.numRowsAffected() > 0;
}

std::optional<Pairing::Joined> Pairing::memberToken(const QString &householdId, const QString &memberId,
                                                    const QString &role, qint64 validSeconds, const QString &deviceId)
{
    const QDateTime now = m_directory.clock().now();
    jwt::Claims claims{memberId, householdId, role, now.toSecsSinceEpoch() + validSeconds, deviceId};
    const QString token = jwt::sign(claims, m_secret, now);
    if (token.isEmpty())
        return std::nullopt;
    AuthoritativeEngine *engine = m_directory.engine(householdId);
    const auto household = engine ? engine->entity(Collection::Household, householdId) : std::nullopt;
    Joined joined;
    joined.householdId = householdId;
    joined.memberId = memberId;
    joined.token = token;
    joined.householdName = household ? household->value(QLatin1String("name")).toString() : QString();
    joined.role = role;
    joined.expiresIn = validSeconds;
    joined.deviceId = deviceId;
    return joined;
}

std::optional<Pairing::Joined> Pairing::redeem(const QString &code, const QString &name, QString *error,
                                               const QString &deviceName, QString *errorField)
{
    const auto refuse = [&](const QString &field, const QString &reason) {
        *error = reason;
        if (errorField)
            *errorField = field;
        return std::nullopt;
    };
    const QString normalized = normalizeCode(code);
    const QString invalid = QStringLiteral("That invite code is not valid. Codes work once and for a day; ask for a new one.");
    if (normalized.size() != kCodeLength)
        return refuse(QStringLiteral("invite_code"), invalid);
    // Every code still open is compared in constant time; there are only ever a few.
    QSqlQuery open(m_directory.store().database());
    open.prepare(QStringLiteral("SELECT code, household_id, role, member_id FROM invites WHERE revoked = 0 AND used_by IS NULL "
                                "AND expires_at > ?"));
    open.addBindValue(m_directory.clock().now().toUTC().toString(Qt::ISODateWithMs));
    QString householdId;
    QString role;
    QString memberId;
    if (open.exec()) {
        while (open.next()) {
            if (equalConstantTime(open.value(0).toString(), normalized)) {
                householdId = open.value(1).toString();
                role = open.value(2).toString();
                memberId = open.value(3).toString();
            }
        }
    }
    if (householdId.isEmpty())
        return refuse(QStringLiteral("invite_code"), invalid);
    // The code is claimed before anything is made, so two devices racing with one code (two hosts
    // on one data folder, say) cannot both get in; a refusal below gives it back.
    QSqlQuery claim(m_directory.store().database());
    claim.prepare(QStringLiteral("UPDATE invites SET used_by = '' WHERE code = ? AND used_by IS NULL AND revoked = 0"));
    claim.addBindValue(normalized);
    if (!claim.exec() || claim.numRowsAffected() != 1)
        return refuse(QStringLiteral("invite_code"), invalid);
    bool redeemed = false;
    const auto giveBack = qScopeGuard([&] {
        if (redeemed)
            return;
        QSqlQuery release(m_directory.store().database());
        release.prepare(QStringLiteral("UPDATE invites SET used_by = NULL WHERE code = ? AND used_by = ''"));
        release.addBindValue(normalized);
        release.exec();
    });
    QString memberName;
    if (!memberId.isEmpty()) {
        // A code made for someone: whoever holds it is them, with their role, whatever name was typed.
        QSqlQuery member(m_directory.store().database());
        member.prepare(QStringLiteral("SELECT name, role FROM members WHERE household_id = ? AND id = ?"));
        member.addBindValue(householdId);
        member.addBindValue(memberId);
        if (!member.exec() || !member.next())
            return refuse(QStringLiteral("invite_code"), invalid); // they were removed since
        memberName = member.value(0).toString();
        role = member.value(1).toString();
    } else {
        memberName = name.trimmed();
        if (memberName.isEmpty())
            return refuse(QStringLiteral("name"), QStringLiteral("Give a name for this device's member."));
        // Any other invite makes a new member; it never hands out the credentials of someone already
        // in the household (joining as "Alex" must not make a device Alex).
        QSqlQuery taken(m_directory.store().database());
        taken.prepare(QStringLiteral("SELECT 1 FROM members WHERE household_id = ? AND lower(name) = lower(?)"));
        taken.addBindValue(householdId);
        taken.addBindValue(memberName);
        if (!taken.exec() || taken.next())
            return refuse(QStringLiteral("name"),
                          QStringLiteral("Someone in this household is already called %1. If that is you, ask the host for "
                                         "a code made for %1; otherwise choose another name.")
                              .arg(memberName));
        QString madeField;
        auto made = issueToken(householdId, memberName, role, kAccessTokenSeconds, error, &madeField);
        if (!made) {
            if (errorField)
                *errorField = madeField; // "name" when the member's name was refused; otherwise the host's own trouble
            return std::nullopt;
        }
        memberId = made->memberId;
    }
    const auto device = m_directory.devices().add(householdId, memberId,
                                                  deviceName.isEmpty() ? QStringLiteral("%1's device").arg(memberName) : deviceName);
    QSqlQuery use(m_directory.store().database());
    use.prepare(QStringLiteral("UPDATE invites SET used_by = ? WHERE code = ?"));
    use.addBindValue(memberId);
    use.addBindValue(normalized);
    if (!device || !use.exec())
        return refuse(QString(), QStringLiteral("The host could not save the new device; try again."));
    redeemed = true;
    auto joined = memberToken(householdId, memberId, role, kAccessTokenSeconds, device->deviceId);
    if (!joined)
        return refuse(QString(), QStringLiteral("No token could be made."));
    joined->memberName = memberName;
    joined->refreshToken = device->refreshToken;
    return joined;
}

std::optional<Pairing::Joined> Pairing::refresh(const QString &refreshToken, QString *error)
{
    const auto device = refreshToken.isEmpty() ? std::nullopt : m_directory.devices().redeemRefresh(refreshToken);
    if (!device) {
        *error = QStringLiteral("This device was signed out of the household. Join again with a new invite code.");
        return std::nullopt;
    }
    auto joined = memberToken(device->householdId, device->memberId, device->role, kAccessTokenSeconds, device->id);
    if (!joined)
        *error = QStringLiteral("No token could be made.");
    return joined;
}

bool Pairing::unpair(const QString &refreshToken)
{
    const auto device = refreshToken.isEmpty() ? std::nullopt : m_directory.devices().redeemRefresh(refreshToken);
    if (!device)
        return false;
    const QList<DeviceRegistry::Device> devices = m_directory.devices().devices(device->householdId);
    const bool onlyDevice = std::count_if(devices.cbegin(), devices.cend(), [&](const DeviceRegistry::Device &d) {
                                return d.memberId == device->memberId;
                            }) == 1;
    AuthoritativeEngine *engine = m_directory.engine(device->householdId);
    if (onlyDevice && engine && joinMadeTheMember(device->householdId, device->memberId)) {
        // The member goes, and the device with them (ON DELETE CASCADE); the others see them leave.
        return engine->submitAs(Mutation{{}, Collection::Members, MutationOp::Delete, device->memberId, -1, {}}, QString()).ok;
    }
    return m_directory.devices().forget(device->id);
}

bool Pairing::joinMadeTheMember(const QString &householdId, const QString &memberId) const
{
    // A code for no one made its member when it was redeemed; a code made for Sam (or the owner of
    // `hearthd household create`) only gave Sam a device, and signing that device out must not
    // remove Sam. Nor may it ever remove the household's last adult.
    QSqlQuery made(m_directory.store().database());
    made.prepare(QStringLiteral("SELECT 1 FROM invites WHERE household_id = ? AND used_by = ? AND member_id IS NULL"));
    made.addBindValue(householdId);
    made.addBindValue(memberId);
    if (!made.exec() || !made.next())
        return false;
    QSqlQuery adults(m_directory.store().database());
    adults.prepare(QStringLiteral("SELECT COUNT(*) FROM members WHERE household_id = ? AND role = 'adult' AND id <> ?"));
    adults.addBindValue(householdId);
    adults.addBindValue(memberId);
    QSqlQuery role(m_directory.store().database());
    role.prepare(QStringLiteral("SELECT role FROM members WHERE household_id = ? AND id = ?"));
    role.addBindValue(householdId);
    role.addBindValue(memberId);
    if (!adults.exec() || !adults.next() || !role.exec() || !role.next())
        return false;
    return role.value(0).toString() != QLatin1String("adult") || adults.value(0).toLongLong() > 0;
}

std::optional<Pairing::Joined> Pairing::issueToken(const QString &householdId, const QString &name, const QString &role,
                                                   qint64 validSeconds, QString *error, QString *errorField)
{
    AuthoritativeEngine *engine = m_directory.engine(householdId);
    if (!engine) {
        *error = QStringLiteral("There is no household %1 here.").arg(householdId);
        return std::nullopt;
    }
    QSqlQuery existing(m_directory.store().database());
    existing.prepare(QStringLiteral("SELECT id, role FROM members WHERE household_id = ? AND name = ?"));
    existing.addBindValue(householdId);
    existing.addBindValue(name.trimmed());
    QString memberId;
    QString memberRole = role;
    if (existing.exec() && existing.next()) {
        memberId = existing.value(0).toString();
        memberRole = existing.value(1).toString();
    } else {
        engine->reloadHeadSeq(); // another process may have written to this household's log
        const MutationResult created = engine->submitAs(
            Mutation{{}, Collection::Members, MutationOp::Create, {}, -1,
                     {{QStringLiteral("name"), name}, {QStringLiteral("role"), role}}},
            QString());
        if (!created.ok) {
            *error = created.error.message;
            if (errorField)
                *errorField = created.error.field;
            return std::nullopt;
        }
        memberId = created.entityId;
    }
    auto joined = memberToken(householdId, memberId, memberRole, validSeconds);
    if (!joined)
        *error = QStringLiteral("No token could be made (is the server secret at least 32 bytes?).");
    return joined;
}

void Pairing::answer(QWebSocket *socket, const QString &event, const QJsonObject &data)
{
    socket->sendTextMessage(protocol::encode(event, data));
    socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Done"));
}

void Pairing::serve(QWebSocket *socket)
{
    // One exchange, then the socket closes; a device that never asks is dropped.
    QTimer::singleShot(kExchangeTimeout, socket, [socket] { socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Timeout")); });
    QObject::connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    QObject::connect(socket, &QWebSocket::textMessageReceived, socket, [this, socket](const QString &frame) {
        if (socket->property("hearthAnswering").toBool())
            return; // one exchange per socket
        const QString source = socket->peerAddress().toString();
        QString error;
        const auto message = protocol::decode(frame, &error);
        const bool pair = message && message->event == QLatin1String("pair");
        const bool refresh = message && message->event == QLatin1String("refresh");
        if (message && message->event == QLatin1String("unpair")) {
            // Only the device's own credential can take its pairing back; nothing to guess here.
            const bool undone = unpair(message->data.value(QLatin1String("refresh_token")).toString());
            answer(socket, undone ? QStringLiteral("unpaired") : QStringLiteral("error"),
                   undone ? QJsonObject() : QJsonObject{{QStringLiteral("reason"), QStringLiteral("Unknown device.")}});
            return;
        }
        if (!pair && !refresh) {
            socket->sendTextMessage(protocol::encodeError(message ? QStringLiteral("expected a pair, refresh or unpair message") : error));
            return;
        }
        const QString name = message->data.value(QLatin1String("name")).toString().trimmed();
        // Failures count per source address and for the whole host (which, for the app hosting
        // its household, is per household): guessing from many addresses is limited too.
        const QStringList keys{QStringLiteral("source:") + source, QStringLiteral("host")};
        const AttemptLimiter::Verdict verdict = m_limiter.check(keys);
        const QString what = pair ? QStringLiteral("pairing") : QStringLiteral("token refresh");
        if (!verdict.allowed) {
            qCWarning(lcHost).noquote() << "refused a" << what << "from" << source << ": too many failed attempts this hour";
            socket->sendTextMessage(protocol::encodeError(
                QStringLiteral("Too many wrong codes were tried here in the last hour; try again later.")));
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("Too many attempts"));
            return;
        }
        socket->setProperty("hearthAnswering", true);
        const QJsonObject data = message->data;
        const auto exchange = [this, socket, source, keys, data, pair, name, what] {
            QString reason;
            QString field;
            const auto joined = pair ? redeem(data.value(QLatin1String("invite_code")).toString(), name, &reason,
                                              data.value(QLatin1String("device_name")).toString().trimmed().left(80), &field)
                                     : this->refresh(data.value(QLatin1String("refresh_token")).toString(), &reason);
            if (!joined) {
                m_limiter.recordFailure(keys);
                // Never the code or the credential: the source and the outcome are enough.
                qCWarning(lcHost).noquote() << "refused a" << what << "from" << source;
                QJsonObject refusal{{QStringLiteral("reason"), reason}};
                if (!field.isEmpty())
                    refusal.insert(QStringLiteral("field"), field); // which field the joining device marks
                socket->sendTextMessage(protocol::encode(QStringLiteral("error"), refusal));
                socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Refused"));
                return;
            }
            QJsonObject answerData{{QStringLiteral("household_id"), joined->householdId},
                                   {QStringLiteral("member_id"), joined->memberId},
                                   {QStringLiteral("household_name"), joined->householdName},
                                   {QStringLiteral("role"), joined->role},
                                   {QStringLiteral("token"), joined->token},
                                   {QStringLiteral("expires_in"), joined->expiresIn},
                                   {QStringLiteral("device_id"), joined->deviceId}};
            if (pair) {
                answerData.insert(QStringLiteral("refresh_token"), joined->refreshToken);
                answerData.insert(QStringLiteral("member_name"), joined->memberName);
            }
            answer(socket, pair ? QStringLiteral("paired") : QStringLiteral("token"), answerData);
        };
        if (verdict.delay.count() > 0)
            QTimer::singleShot(verdict.delay, socket, exchange); // a guesser waits longer each time
        else
            exchange();
    });
}

} // namespace hearth
