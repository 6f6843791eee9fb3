#include "ServerSecret.h"

#include "Jwt.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>

namespace hearth::ServerSecret {

QByteArray load(const QString &dataDir, QString *error)
{
    const QByteArray fromEnvironment = qgetenv("HEARTH_JWT_SECRET");
    if (!fromEnvironment.isEmpty()) {
        if (fromEnvironment.size() < jwt::kMinimumSecretBytes) {
            *error = QStringLiteral("HEARTH_JWT_SECRET must be at least %1 bytes").arg(jwt::kMinimumSecretBytes);
            return {};
        }
        return fromEnvironment;
    }
    const QString path = QDir(dataDir).filePath(QStringLiteral("jwt_secret"));
    QFile existing(path);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1").arg(path);
            return {};
        }
        const QByteArray secret = QByteArray::fromHex(existing.readAll().trimmed());
        if (secret.size() < jwt::kMinimumSecretBytes) {
            *error = QStringLiteral("%1 holds no usable key (expected 64 hex digits)").arg(path);
            return {};
        }
        return secret;
    }
    return rotate(dataDir, error);
}

QString filePath(const QString &dataDir)
{
    return qEnvironmentVariableIsEmpty("HEARTH_JWT_SECRET") ? QDir(dataDir).filePath(QStringLiteral("jwt_secret")) : QString();
}

QByteArray rotate(const QString &dataDir, QString *error)
{
    if (!qEnvironmentVariableIsEmpty("HEARTH_JWT_SECRET")) {
        *error = QStringLiteral("the key comes from HEARTH_JWT_SECRET: change it there and restart hearthd");
        return {};
    }
    const QString path = QDir(dataDir).filePath(QStringLiteral("jwt_secret"));
    QByteArray secret(jwt::kMinimumSecretBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(secret.data()), secret.size() / int(sizeof(quint32)));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(secret.toHex() + '\n') < 0 || !file.commit()) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return {};
    }
    return secret;
}

} // namespace hearth::ServerSecret
