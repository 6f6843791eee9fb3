#include "DeviceRegistry.h"

#include "Clock.h"
#include "HouseholdDirectory.h"
#include "Store.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QUuid>

namespace hearth {

namespace {
QString nowText(const Clock &clock)
{
    return clock.now().toUTC().toString(Qt::ISODateWithMs);
}
} // namespace

DeviceRegistry::DeviceRegistry(HouseholdDirectory &directory)
    : m_directory(directory)
{
}

QString DeviceRegistry::hashOf(const QString &refreshToken)
{
    return QString::fromLatin1(QCryptographicHash::hash(refreshToken.toUtf8(), QCryptographicHash::Sha256).toHex());
}

std::optional<DeviceRegistry::Issued> DeviceRegistry::add(const QString &householdId, const QString &memberId,
                                                           const QString &deviceName)
{
    QByteArray secret(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(secret.data()), secret.size() / int(sizeof(quint32)));
    Issued issued{QUuid::createUuid().toString(QUuid::WithoutBraces),
                  QString::fromLatin1(secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))};
    QSqlQuery insert(m_directory.store().database());
    insert.prepare(QStringLiteral("INSERT INTO devices (id, household_id, member_id, name, refresh_hash, created_at) "
                                  "VALUES (?,?,?,?,?,?)"));
    for (const QVariant &value : {QVariant(issued.deviceId), QVariant(householdId), QVariant(memberId),
                                  QVariant(deviceName), QVariant(hashOf(issued.refreshToken)), QVariant(nowText(m_directory.clock()))})
        insert.addBindValue(value);
    if (!insert.exec())
        return std::nullopt;
    return issued;
}

QList<DeviceRegistry::Device> DeviceRegistry::query(const QString &where, const QVariantList &values)
{
    QSqlQuery select(m_directory.store().database());
    select.prepare(QStringLiteral("SELECT d.id, d.household_id, d.member_id, m.name, m.role, d.name, d.created_at, "
                                  "d.last_seen_at, d.revoked_at FROM devices d JOIN members m ON m.id = d.member_id WHERE ")
                   + where + QStringLiteral(" ORDER BY d.created_at"));
    for (const QVariant &value : values)
        select.addBindValue(value);
    QList<Device> found;
    if (!select.exec())
        return found;
    while (select.next()) {
        found.append(Device{select.value(0).toString(), select.value(1).toString(), select.value(2).toString(),
                            select.value(3).toString(), select.value(4).toString(), select.value(5).toString(),
                            QDateTime::fromString(select.value(6).toString(), Qt::ISODateWithMs),
                            QDateTime::fromString(select.value(7).toString(), Qt::ISODateWithMs),
                            !select.value(8).isNull()});
    }
    return found;
}

std::optional<DeviceRegistry::Device> DeviceRegistry::redeemRefresh(const QString &refreshToken)
{
    // Looked up by hash: the stored value reveals nothing, and the lookup's timing depends on a
    // SHA-256 the caller cannot steer, not on how much of the credential they guessed right.
    const QList<Device> found = query(QStringLiteral("d.refresh_hash = ? AND d.revoked_at IS NULL"), {hashOf(refreshToken)});
    if (found.isEmpty())
        return std::nullopt;
    QSqlQuery touch(m_directory.store().database());
    touch.prepare(QStringLiteral("UPDATE devices SET last_seen_at = ? WHERE id = ?"));
    touch.addBindValue(nowText(m_directory.clock()));
    touch.addBindValue(found.first().id);
    touch.exec();
    return found.first();
}

bool DeviceRegistry::isSignedIn(const QString &deviceId)
{
    const auto found = device(deviceId);
    return found && !found->signedOut;
}

std::optional<DeviceRegistry::Device> DeviceRegistry::device(const QString &deviceId)
{
    const QList<Device> found = query(QStringLiteral("d.id = ?"), {deviceId});
    return found.isEmpty() ? std::nullopt : std::optional<Device>(found.first());
}

bool DeviceRegistry::signOut(const QString &deviceId)
{
    QSqlQuery update(m_directory.store().database());
    update.prepare(QStringLiteral("UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"));
    update.addBindValue(nowText(m_directory.clock()));
    update.addBindValue(deviceId);
    return update.exec() && update.numRowsAffected() > 0;
}

bool DeviceRegistry::forget(const QString &deviceId)
{
    QSqlQuery remove(m_directory.store().database());
    remove.prepare(QStringLiteral("DELETE FROM devices WHERE id = ?"));
    remove.addBindValue(deviceId);
    return remove.exec() && remove.numRowsAffected() > 0;
}

int DeviceRegistry::signOutAll()
{
    QSqlQuery update(m_directory.store().database());
    update.prepare(QStringLiteral("UPDATE devices SET revoked_at = ? WHERE revoked_at IS NULL"));
    update.addBindValue(nowText(m_directory.clock()));
    return update.exec() ? update.numRowsAffected() : 0;
}

QList<DeviceRegistry::Device> DeviceRegistry::devices(const QString &householdId)
{
    return query(QStringLiteral("d.household_id = ?"), {householdId});
}

} // namespace hearth
