#include "CredentialVault.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace hearth {

namespace {
const QString kService = QStringLiteral("Hearth");

QByteArray encode(const CredentialVault::Secrets &secrets)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("access_token"), secrets.accessToken},
                                     {QStringLiteral("refresh_token"), secrets.refreshToken}})
        .toJson(QJsonDocument::Compact);
}

std::optional<CredentialVault::Secrets> decode(const QByteArray &bytes)
{
    const QJsonObject object = QJsonDocument::fromJson(bytes).object();
    const QString access = object.value(QLatin1String("access_token")).toString();
    if (access.isEmpty())
        return std::nullopt;
    return CredentialVault::Secrets{access, object.value(QLatin1String("refresh_token")).toString()};
}

// QtKeychain's jobs are asynchronous; these calls are rare (joining, starting, renewing) and
// quick, so they are waited for — with a time limit, in case a keyring daemon never answers.
bool runJob(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    job.start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    return job.error() == QKeychain::NoError;
}
} // namespace

CredentialVault::CredentialVault(QString fallbackDir, bool useKeychain)
    : m_dir(std::move(fallbackDir))
    , m_useKeychain(useKeychain)
{
}

QString CredentialVault::filePath(const QString &householdId) const
{
    return QDir(m_dir).filePath(QStringLiteral("credentials/%1.json").arg(householdId));
}

bool CredentialVault::save(const QString &householdId, const Secrets &secrets, QString *error)
{
    const QByteArray bytes = encode(secrets);
    if (m_useKeychain) {
        QKeychain::WritePasswordJob job(kService);
        job.setKey(householdId);
        job.setBinaryData(bytes);
        if (runJob(job)) {
            QFile::remove(filePath(householdId)); // one place only
            m_whereKept = QStringLiteral("the system keychain");
            return true;
        }
    }
    const QString path = filePath(householdId);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile::setPermissions(QFileInfo(path).absolutePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("Could not save this device's sign-in in %1.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    m_whereKept = QStringLiteral("a private file");
    return true;
}

std::optional<CredentialVault::Secrets> CredentialVault::load(const QString &householdId) const
{
    if (m_useKeychain) {
        QKeychain::ReadPasswordJob job(kService);
        job.setKey(householdId);
        if (runJob(job))
            if (auto secrets = decode(job.binaryData()))
                return secrets;
    }
    QFile file(filePath(householdId));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return decode(file.readAll());
}

void CredentialVault::forget(const QString &householdId)
{
    if (m_useKeychain) {
        QKeychain::DeletePasswordJob job(kService);
        job.setKey(householdId);
        runJob(job);
    }
    QFile::remove(filePath(householdId));
}

} // namespace hearth
