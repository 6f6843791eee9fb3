#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace hearth::jwt {

struct Claims
{
    QString memberId;    // "sub"
    QString householdId; // "household_id"
    QString role;        // optional "role"
    qint64 expiresAt = 0; // "exp", seconds since the epoch (required)
    QString deviceId = {}; // optional "did": the paired device the token was issued to (it can be signed out)
};

// HS256 only: the algorithm is pinned, a token naming any other "alg" is refused before its
// signature is even looked at. The secret must be at least 32 bytes (256 bits).
QString sign(const Claims &claims, const QByteArray &secret, const QDateTime &now);

enum class Failure { Malformed, WrongAlgorithm, BadSignature, Expired, MissingClaim, WeakSecret };
QString failureText(Failure failure);

struct Verified
{
    std::optional<Claims> claims;
    Failure failure = Failure::Malformed;
};

Verified verify(const QString &token, const QByteArray &secret, const QDateTime &now);

// The "exp" of a token without checking its signature: for a client deciding whether to renew
// its own token before using it. 0 when there is none.
qint64 unverifiedExpiry(const QString &token);

inline constexpr int kMinimumSecretBytes = 32;

} // namespace hearth::jwt
