#include "Jwt.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <jwt.h>

#include <cerrno>
#include <cstdlib>

#include <memory>

namespace hearth::jwt {

namespace {

struct JwtDeleter
{
    void operator()(jwt_t *token) const { jwt_free(token); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

struct FreeDeleter
{
    void operator()(char *text) const { std::free(text); } // libjwt 1.10 strings are malloc()ed
};

// The header is read before libjwt sees the token, so "alg":"none" or RS256 never reaches it.
bool headerIsHs256(const QString &token)
{
    const qsizetype dot = token.indexOf(QLatin1Char('.'));
    if (dot <= 0)
        return false;
    const QByteArray header = QByteArray::fromBase64(token.left(dot).toLatin1(),
                                                     QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonObject object = QJsonDocument::fromJson(header).object();
    return object.value(QLatin1String("alg")).toString() == QLatin1String("HS256");
}

} // namespace

QString sign(const Claims &claims, const QByteArray &secret, const QDateTime &now)
{
    if (secret.size() < kMinimumSecretBytes)
        return {};
    jwt_t *raw = nullptr;
    if (jwt_new(&raw) != 0)
        return {};
    JwtPtr token(raw);
    jwt_add_grant(token.get(), "sub", claims.memberId.toUtf8().constData());
    jwt_add_grant(token.get(), "household_id", claims.householdId.toUtf8().constData());
    if (!claims.role.isEmpty())
        jwt_add_grant(token.get(), "role", claims.role.toUtf8().constData());
    if (!claims.deviceId.isEmpty())
        jwt_add_grant(token.get(), "did", claims.deviceId.toUtf8().constData());
    jwt_add_grant_int(token.get(), "iat", long(now.toSecsSinceEpoch()));
    jwt_add_grant_int(token.get(), "exp", long(claims.expiresAt));
    if (jwt_set_alg(token.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char *>(secret.constData()),
                    int(secret.size()))
        != 0)
        return {};
    std::unique_ptr<char, FreeDeleter> encoded(jwt_encode_str(token.get()));
    return encoded ? QString::fromLatin1(encoded.get()) : QString();
}

QString failureText(Failure failure)
{
    switch (failure) {
    case Failure::Malformed: return QStringLiteral("malformed token");
    case Failure::WrongAlgorithm: return QStringLiteral("algorithm is not HS256");
    case Failure::BadSignature: return QStringLiteral("signature does not match");
    case Failure::Expired: return QStringLiteral("token expired");
    case Failure::MissingClaim: return QStringLiteral("token lacks a required claim");
    case Failure::WeakSecret: return QStringLiteral("server secret is too short");
    }
    return {};
}

Verified verify(const QString &token, const QByteArray &secret, const QDateTime &now)
{
    Verified result;
    if (secret.size() < kMinimumSecretBytes) {
        result.failure = Failure::WeakSecret;
        return result;
    }
    if (token.isEmpty() || token.size() > 4096 || token.count(QLatin1Char('.')) != 2) {
        result.failure = Failure::Malformed;
        return result;
    }
    if (!headerIsHs256(token)) {
        result.failure = Failure::WrongAlgorithm;
        return result;
    }
    jwt_t *raw = nullptr;
    const QByteArray utf8 = token.toUtf8();
    if (jwt_decode(&raw, utf8.constData(), reinterpret_cast<const unsigned char *>(secret.constData()), int(secret.size()))
        != 0) {
        result.failure = Failure::BadSignature;
        return result;
    }
    JwtPtr decoded(raw);
    if (jwt_get_alg(decoded.get()) != JWT_ALG_HS256) {
        result.failure = Failure::WrongAlgorithm;
        return result;
    }
    Claims claims;
    const char *sub = jwt_get_grant(decoded.get(), "sub");
    const char *household = jwt_get_grant(decoded.get(), "household_id");
    const char *role = jwt_get_grant(decoded.get(), "role");
    const char *device = jwt_get_grant(decoded.get(), "did");
    errno = 0;
    const long exp = jwt_get_grant_int(decoded.get(), "exp");
    if (!sub || !household || exp <= 0 || errno != 0) {
        result.failure = Failure::MissingClaim;
        return result;
    }
    claims.memberId = QString::fromUtf8(sub);
    claims.householdId = QString::fromUtf8(household);
    claims.role = role ? QString::fromUtf8(role) : QString();
    claims.deviceId = device ? QString::fromUtf8(device) : QString();
    claims.expiresAt = exp;
    if (claims.memberId.isEmpty() || claims.householdId.isEmpty()) {
        result.failure = Failure::MissingClaim;
        return result;
    }
    if (now.toSecsSinceEpoch() >= claims.expiresAt) {
        result.failure = Failure::Expired;
        return result;
    }
    result.claims = claims;
    return result;
}

qint64 unverifiedExpiry(const QString &token)
{
    const QStringList parts = token.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return 0;
    const QByteArray payload = QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding);
    return QJsonDocument::fromJson(payload).object().value(QLatin1String("exp")).toInteger(0);
}

} // namespace hearth::jwt
