#include "MemberPins.h"

#include "Clock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <optional>

namespace hearth {

namespace {
Q_LOGGING_CATEGORY(lcPins, "hearth.pins")

constexpr int kSaltBytes = 16;
constexpr int kHashBytes = 32;
} // namespace

MemberPins::MemberPins(QString filePath, const Clock &clock, PinPolicy policy, QObject *parent)
    : QObject(parent)
    , m_path(std::move(filePath))
    , m_clock(clock)
    , m_policy(policy)
{
    load();
}

MemberPins::MemberPins(QString filePath, const Clock &clock, QObject *parent)
    : MemberPins(std::move(filePath), clock, PinPolicy{}, parent)
{
}

MemberPins::~MemberPins() = default;

bool MemberPins::isValidPin(const QString &pin)
{
    return pin.size() == 4 && std::all_of(pin.cbegin(), pin.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

QByteArray MemberPins::derive(const QString &pin, const QByteArray &salt, int iterations)
{
    const QByteArray secret = pin.toUtf8();
    QByteArray out(kHashBytes, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(secret.constData(), int(secret.size()), reinterpret_cast<const unsigned char *>(salt.constData()),
                          int(salt.size()), iterations, EVP_sha256(), int(out.size()),
                          reinterpret_cast<unsigned char *>(out.data()))
        != 1)
        return {};
    return out;
}

bool MemberPins::hasPin(const QString &memberId) const
{
    return m_records.contains(memberId);
}

bool MemberPins::setPin(const QString &memberId, const QString &pin, QString *error)
{
    if (!isValidPin(pin)) {
        if (error)
            *error = tr("A PIN is four digits.");
        return false;
    }
    Record record;
    record.salt.resize(kSaltBytes);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(record.salt.data()), kSaltBytes) != 1) {
        if (error)
            *error = tr("The PIN could not be saved.");
        return false;
    }
    record.iterations = m_policy.iterations;
    record.hash = derive(pin, record.salt, record.iterations);
    if (record.hash.isEmpty()) {
        if (error)
            *error = tr("The PIN could not be saved.");
        return false;
    }
    const std::optional<Record> previous = m_records.contains(memberId) ? std::optional(m_records.value(memberId)) : std::nullopt;
    m_records.insert(memberId, record);
    if (!save(error)) {
        if (previous)
            m_records.insert(memberId, *previous);
        else
            m_records.remove(memberId);
        return false;
    }
    Q_EMIT changed(memberId);
    return true;
}

void MemberPins::clearPin(const QString &memberId)
{
    if (m_records.remove(memberId) == 0)
        return;
    save();
    Q_EMIT changed(memberId);
}

MemberPins::PinCheck MemberPins::check(const QString &memberId, const QString &pin)
{
    const auto found = m_records.find(memberId);
    if (found == m_records.end())
        return PinCheck::NoPin;
    Record &record = *found;
    // A clock set back would leave the lock-out's end far ahead: it ends one lock-out from now.
    const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
    if (record.lockedUntilMs - nowMs > record.lockSeconds * 1000) {
        record.lockedUntilMs = nowMs + record.lockSeconds * 1000;
        save();
    }
    if (lockedFor(memberId).count() > 0)
        return PinCheck::LockedOut;
    const QByteArray tried = derive(pin, record.salt, record.iterations);
    if (tried.size() == record.hash.size() && CRYPTO_memcmp(tried.constData(), record.hash.constData(), std::size_t(tried.size())) == 0) {
        const bool hadFailures = record.failures > 0 || record.lockouts > 0;
        record.failures = 0;
        record.lockouts = 0;
        record.lockedUntilMs = 0;
        record.lockSeconds = 0;
        if (hadFailures) {
            save();
            Q_EMIT changed(memberId);
        }
        return PinCheck::Accepted;
    }
    if (++record.failures >= m_policy.attemptsBeforeLockout) {
        const qint64 first = m_policy.firstLockout.count();
        const qint64 seconds = std::min<qint64>(first << std::min(record.lockouts, 20), m_policy.longestLockout.count());
        record.failures = 0;
        ++record.lockouts;
        record.lockSeconds = seconds;
        record.lockedUntilMs = m_clock.now().toMSecsSinceEpoch() + seconds * 1000;
        qCInfo(lcPins) << "a member's PIN is locked for" << seconds << "s after wrong attempts";
    }
    save();
    Q_EMIT changed(memberId);
    return PinCheck::Wrong;
}

std::chrono::seconds MemberPins::lockedFor(const QString &memberId) const
{
    const auto found = m_records.constFind(memberId);
    if (found == m_records.cend() || found->lockedUntilMs == 0)
        return std::chrono::seconds(0);
    const qint64 leftMs = found->lockedUntilMs - m_clock.now().toMSecsSinceEpoch();
    if (leftMs <= 0)
        return std::chrono::seconds(0);
    // A clock set back must not stretch a lock-out beyond its own length.
    return std::chrono::seconds(std::min((leftMs + 999) / 1000, found->lockSeconds));
}

int MemberPins::attemptsLeft(const QString &memberId) const
{
    const auto found = m_records.constFind(memberId);
    return found == m_records.cend() ? 0 : m_policy.attemptsBeforeLockout - found->failures;
}

void MemberPins::load()
{
    if (m_path.isEmpty())
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return; // none set yet
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    file.close();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        // Kept aside rather than overwritten by the next save, so nothing (its lock-outs
        // included) is lost without a trace; the PINs have to be set again.
        const QString aside = m_path + QStringLiteral(".damaged");
        QFile::remove(aside);
        QFile::rename(m_path, aside);
        qCWarning(lcPins) << "the member PINs file could not be read (" << parseError.errorString() << "); kept as" << aside
                          << "- the PINs must be set again";
        return;
    }
    const QJsonObject members = document.object().value(QLatin1String("members")).toObject();
    for (auto it = members.begin(); it != members.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        Record r;
        r.salt = QByteArray::fromBase64(o.value(QLatin1String("salt")).toString().toLatin1());
        r.hash = QByteArray::fromBase64(o.value(QLatin1String("hash")).toString().toLatin1());
        r.iterations = o.value(QLatin1String("iterations")).toInt();
        r.failures = o.value(QLatin1String("failures")).toInt();
        r.lockouts = o.value(QLatin1String("lockouts")).toInt();
        r.lockedUntilMs = o.value(QLatin1String("locked_until_ms")).toInteger();
        r.lockSeconds = o.value(QLatin1String("lock_seconds")).toInteger();
        if (r.salt.size() >= kSaltBytes && r.hash.size() == kHashBytes && r.iterations > 0)
            m_records.insert(it.key(), r);
    }
}

bool MemberPins::save(QString *error)
{
    if (m_path.isEmpty())
        return true;
    QJsonObject members;
    for (auto it = m_records.cbegin(); it != m_records.cend(); ++it) {
        members.insert(it.key(), QJsonObject{{QStringLiteral("salt"), QString::fromLatin1(it->salt.toBase64())},
                                             {QStringLiteral("hash"), QString::fromLatin1(it->hash.toBase64())},
                                             {QStringLiteral("iterations"), it->iterations},
                                             {QStringLiteral("failures"), it->failures},
                                             {QStringLiteral("lockouts"), it->lockouts},
                                             {QStringLiteral("locked_until_ms"), it->lockedUntilMs},
                                             {QStringLiteral("lock_seconds"), it->lockSeconds}});
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(QJsonDocument(QJsonObject{{QStringLiteral("members"), members}}).toJson(QJsonDocument::Compact)) < 0
        || !file.commit()) {
        qCWarning(lcPins) << "could not save member PINs:" << file.errorString();
        if (error)
            *error = tr("The PIN could not be saved.");
        return false;
    }
    return true;
}

} // namespace hearth
