// Members' tokens: HS256 only (pinned, whatever the header says), exp required, a secret of at
// least 256 bits. Tokens are also crafted by hand (base64url + HMAC) to check what libjwt is
// given, and the signature check is tied to the published RFC 7515 appendix A.1 example.

#include "Jwt.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace hearth;
using namespace hearth::jwt;

namespace {

const QByteArray kSecret = QByteArrayLiteral("0123456789abcdef0123456789abcdef"); // exactly 32 bytes
const QDateTime kNow = QDateTime(QDate(2026, 3, 15), QTime(10, 0), Qt::UTC);

QByteArray b64url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray fromB64url(const QByteArray &text)
{
    return QByteArray::fromBase64(text, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// header.payload.signature, signed by hand with HMAC over the first two parts.
QString craft(const QByteArray &header, const QByteArray &payload, const QByteArray &key = kSecret,
    QCryptographicHash::Algorithm hash = QCryptographicHash::Sha256)
{
    const QByteArray input = b64url(header) + '.' + b64url(payload);
    return QString::fromLatin1(input + '.' + b64url(QMessageAuthenticationCode::hash(input, key, hash)));
}

QJsonObject claims(qint64 exp = kNow.toSecsSinceEpoch() + 3600)
{
    return { { QStringLiteral("sub"), QStringLiteral("member-1") },
        { QStringLiteral("household_id"), QStringLiteral("house-1") },
        { QStringLiteral("role"), QStringLiteral("adult") }, { QStringLiteral("exp"), exp } };
}

const QByteArray kHs256Header = QByteArrayLiteral(R"({"alg":"HS256","typ":"JWT"})");

// RFC 7515 appendix A.1: the JWS compact serialization and its JWK ("kty":"oct").
const QString kRfcToken
    = QStringLiteral("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                     ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                     ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
const QByteArray kRfcKey = fromB64url(
    QByteArrayLiteral("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"));

} // namespace

Q_DECLARE_METATYPE(hearth::jwt::Failure)

class tst_Jwt : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral(".*"))); }

    void signAndVerify();
    void roleIsOptional();
    void handCraftedTokenVerifies();
    void expiry_data();
    void expiry();
    void missingClaims_data();
    void missingClaims();
    void wrongAlgorithm_data();
    void wrongAlgorithm();
    void duplicateAlgRefused();
    void badSignature_data();
    void badSignature();
    void malformed_data();
    void malformed();
    void shortSecretRefused();
    void rfc7515AppendixA1();
    void failureTexts();
};

void tst_Jwt::signAndVerify()
{
    const Claims in { QStringLiteral("member-1"), QStringLiteral("house-1"), QStringLiteral("child"),
        kNow.toSecsSinceEpoch() + 600 };
    const QString token = sign(in, kSecret, kNow);
    QVERIFY(!token.isEmpty());

    // Three base64url parts; the header names HS256.
    const QStringList parts = token.split(QLatin1Char('.'));
    QCOMPARE(parts.size(), 3);
    const QJsonObject header = QJsonDocument::fromJson(fromB64url(parts.at(0).toLatin1())).object();
    QCOMPARE(header.value(QLatin1String("alg")).toString(), QStringLiteral("HS256"));
    const QJsonObject payload = QJsonDocument::fromJson(fromB64url(parts.at(1).toLatin1())).object();
    QCOMPARE(payload.value(QLatin1String("sub")).toString(), in.memberId);
    QCOMPARE(payload.value(QLatin1String("household_id")).toString(), in.householdId);
    QCOMPARE(payload.value(QLatin1String("exp")).toInteger(), in.expiresAt);
    // The signature is plain HMAC-SHA256 over "header.payload": any HS256 implementation can check it.
    const QByteArray input = parts.at(0).toLatin1() + '.' + parts.at(1).toLatin1();
    QCOMPARE(
        parts.at(2).toLatin1(), b64url(QMessageAuthenticationCode::hash(input, kSecret, QCryptographicHash::Sha256)));

    const Verified out = verify(token, kSecret, kNow);
    QVERIFY2(out.claims.has_value(), qPrintable(failureText(out.failure)));
    QCOMPARE(out.claims->memberId, in.memberId);
    QCOMPARE(out.claims->householdId, in.householdId);
    QCOMPARE(out.claims->role, in.role);
    QCOMPARE(out.claims->expiresAt, in.expiresAt);
}

void tst_Jwt::roleIsOptional()
{
    const QString token
        = sign({ QStringLiteral("m"), QStringLiteral("h"), QString(), kNow.toSecsSinceEpoch() + 60 }, kSecret, kNow);
    const Verified out = verify(token, kSecret, kNow);
    QVERIFY(out.claims.has_value());
    QVERIFY(out.claims->role.isEmpty());
}

void tst_Jwt::handCraftedTokenVerifies()
{
    // A token made by another HS256 implementation (the web server's) with our claims is accepted.
    const Verified out = verify(craft(kHs256Header, json(claims())), kSecret, kNow);
    QVERIFY2(out.claims.has_value(), qPrintable(failureText(out.failure)));
    QCOMPARE(out.claims->memberId, QStringLiteral("member-1"));
    QCOMPARE(out.claims->householdId, QStringLiteral("house-1"));
    QCOMPARE(out.claims->role, QStringLiteral("adult"));

    // No "typ" in the header is fine too.
    QVERIFY(verify(craft(QByteArrayLiteral(R"({"alg":"HS256"})"), json(claims())), kSecret, kNow).claims.has_value());
}

void tst_Jwt::expiry_data()
{
    QTest::addColumn<qint64>("offset"); // exp - now, in seconds
    QTest::addColumn<bool>("accepted");

    QTest::newRow("in an hour") << qint64(3600) << true;
    QTest::newRow("in a second") << qint64(1) << true;
    QTest::newRow("now") << qint64(0) << false;
    QTest::newRow("a second ago") << qint64(-1) << false;
    QTest::newRow("last year") << qint64(-365LL * 24 * 3600) << false;
}

void tst_Jwt::expiry()
{
    QFETCH(qint64, offset);
    QFETCH(bool, accepted);

    const QString token
        = sign({ QStringLiteral("m"), QStringLiteral("h"), {}, kNow.toSecsSinceEpoch() + offset }, kSecret, kNow);
    const Verified out = verify(token, kSecret, kNow);
    QCOMPARE(out.claims.has_value(), accepted);
    if (!accepted)
        QCOMPARE(out.failure, Failure::Expired);

    // The same token by hand, to rule out anything libjwt would add.
    const Verified crafted = verify(craft(kHs256Header, json(claims(kNow.toSecsSinceEpoch() + offset))), kSecret, kNow);
    QCOMPARE(crafted.claims.has_value(), accepted);
    if (!accepted)
        QCOMPARE(crafted.failure, Failure::Expired);
}

void tst_Jwt::missingClaims_data()
{
    QTest::addColumn<QByteArray>("payload");

    QJsonObject noExp = claims();
    noExp.remove(QStringLiteral("exp"));
    QTest::newRow("no exp") << json(noExp);
    QJsonObject stringExp = claims();
    stringExp.insert(QStringLiteral("exp"), QStringLiteral("tomorrow"));
    QTest::newRow("exp not a number") << json(stringExp);
    QJsonObject zeroExp = claims(0);
    QTest::newRow("exp 0") << json(zeroExp);
    QJsonObject noSub = claims();
    noSub.remove(QStringLiteral("sub"));
    QTest::newRow("no sub") << json(noSub);
    QJsonObject emptySub = claims();
    emptySub.insert(QStringLiteral("sub"), QString());
    QTest::newRow("empty sub") << json(emptySub);
    QJsonObject noHousehold = claims();
    noHousehold.remove(QStringLiteral("household_id"));
    QTest::newRow("no household_id") << json(noHousehold);
    QTest::newRow("empty payload") << QByteArrayLiteral("{}");
}

void tst_Jwt::missingClaims()
{
    QFETCH(QByteArray, payload);
    const Verified out = verify(craft(kHs256Header, payload), kSecret, kNow);
    QVERIFY(!out.claims.has_value());
    QCOMPARE(out.failure, Failure::MissingClaim);
}

void tst_Jwt::wrongAlgorithm_data()
{
    QTest::addColumn<QString>("token");

    const QByteArray payload = json(claims());
    // "none": no signature at all (the classic downgrade).
    QTest::newRow("alg none") << QString::fromLatin1(
        b64url(R"({"alg":"none","typ":"JWT"})") + '.' + b64url(payload) + '.');
    QTest::newRow("alg None") << QString::fromLatin1(b64url(R"({"alg":"None"})") + '.' + b64url(payload) + '.');
    // none, but with a valid HS256 signature attached.
    QTest::newRow("alg none, signed") << craft(R"({"alg":"none"})", payload, kSecret);
    // RS256 with the secret as "public key" (the classic key-confusion attack).
    QTest::newRow("RS256") << craft(R"({"alg":"RS256","typ":"JWT"})", payload, kSecret);
    // Correctly signed with HMAC, but not the pinned hash.
    QTest::newRow("HS512") << craft(R"({"alg":"HS512","typ":"JWT"})", payload, kSecret, QCryptographicHash::Sha512);
    QTest::newRow("HS384") << craft(R"({"alg":"HS384","typ":"JWT"})", payload, kSecret, QCryptographicHash::Sha384);
    QTest::newRow("hs256 lower case") << craft(R"({"alg":"hs256"})", payload, kSecret);
    QTest::newRow("no alg") << craft(R"({"typ":"JWT"})", payload, kSecret);
    QTest::newRow("alg not a string") << craft(R"({"alg":256})", payload, kSecret);
    QTest::newRow("header not JSON") << craft("HS256", payload, kSecret);
    QTest::newRow("header array") << craft(R"(["HS256"])", payload, kSecret);
}

void tst_Jwt::wrongAlgorithm()
{
    QFETCH(QString, token);
    const Verified out = verify(token, kSecret, kNow);
    QVERIFY(!out.claims.has_value());
    QCOMPARE(out.failure, Failure::WrongAlgorithm);
}

void tst_Jwt::duplicateAlgRefused()
{
    // Two "alg" keys: whichever one a JSON parser keeps, the token must not get through.
    const QByteArray payload = json(claims());
    for (const QByteArray &header : { QByteArrayLiteral(R"({"alg":"HS256","alg":"none"})"),
             QByteArrayLiteral(R"({"alg":"none","alg":"HS256"})") }) {
        QVERIFY(!verify(QString::fromLatin1(b64url(header) + '.' + b64url(payload) + '.'), kSecret, kNow)
                     .claims.has_value());
        QVERIFY(!verify(craft(header, payload, QByteArrayLiteral("some-other-key-some-other-key-32")), kSecret, kNow)
                     .claims.has_value());
    }
}

void tst_Jwt::badSignature_data()
{
    QTest::addColumn<QString>("token");

    const QString good = sign(
        { QStringLiteral("member-1"), QStringLiteral("house-1"), {}, kNow.toSecsSinceEpoch() + 3600 }, kSecret, kNow);
    const QStringList parts = good.split(QLatin1Char('.'));

    // Another household swapped into the payload, the original signature kept.
    QJsonObject other = claims();
    other.insert(QStringLiteral("household_id"), QStringLiteral("house-2"));
    QTest::newRow("tampered payload") << parts.at(0) + QLatin1Char('.') + QString::fromLatin1(b64url(json(other)))
            + QLatin1Char('.') + parts.at(2);
    QJsonObject longer = claims(kNow.toSecsSinceEpoch() + 10 * 365LL * 24 * 3600);
    QTest::newRow("tampered exp") << parts.at(0) + QLatin1Char('.') + QString::fromLatin1(b64url(json(longer)))
            + QLatin1Char('.') + parts.at(2);

    // One character of the signature changed (the first: every bit of it is significant).
    QString flipped = parts.at(2);
    flipped[0] = flipped.at(0) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    QTest::newRow("tampered signature") << parts.at(0) + QLatin1Char('.') + parts.at(1) + QLatin1Char('.') + flipped;
    QTest::newRow("signature removed") << parts.at(0) + QLatin1Char('.') + parts.at(1) + QLatin1Char('.');
    QTest::newRow("signature truncated") << good.chopped(4);
    QTest::newRow("other secret") << craft(
        kHs256Header, json(claims()), QByteArrayLiteral("another-secret-another-secret-32"));
    QTest::newRow("secret with a byte more") << craft(kHs256Header, json(claims()), kSecret + 'x');
}

void tst_Jwt::badSignature()
{
    QFETCH(QString, token);
    const Verified out = verify(token, kSecret, kNow);
    QVERIFY(!out.claims.has_value());
    QCOMPARE(out.failure, Failure::BadSignature);
}

void tst_Jwt::malformed_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("empty") << QString();
    QTest::newRow("one part") << QStringLiteral("abc");
    QTest::newRow("two parts") << QStringLiteral("abc.def");
    QTest::newRow("four parts") << QStringLiteral("a.b.c.d");
    QTest::newRow("huge") << QString(5000, QLatin1Char('a')) + QStringLiteral(".b.c");
}

void tst_Jwt::malformed()
{
    QFETCH(QString, token);
    const Verified out = verify(token, kSecret, kNow);
    QVERIFY(!out.claims.has_value());
    QCOMPARE(out.failure, Failure::Malformed);
}

void tst_Jwt::shortSecretRefused()
{
    const QByteArray shortSecret = kSecret.left(31);
    const Claims c { QStringLiteral("m"), QStringLiteral("h"), {}, kNow.toSecsSinceEpoch() + 60 };
    QVERIFY(sign(c, shortSecret, kNow).isEmpty());
    QVERIFY(sign(c, QByteArray(), kNow).isEmpty());
    // Even a token correctly signed with the short key is refused: the server must not run on it.
    const Verified out = verify(craft(kHs256Header, json(claims()), shortSecret), shortSecret, kNow);
    QVERIFY(!out.claims.has_value());
    QCOMPARE(out.failure, Failure::WeakSecret);
    // 32 bytes is enough.
    QCOMPARE(kSecret.size(), kMinimumSecretBytes);
    QVERIFY(!sign(c, kSecret, kNow).isEmpty());
}

void tst_Jwt::rfc7515AppendixA1()
{
    // The vector itself: HMAC-SHA256 of the signing input with the JWK's key is the published signature.
    QCOMPARE(kRfcKey.size(), 64);
    QCOMPARE(kRfcKey.toHex().left(8), QByteArrayLiteral("0323354b"));
    const QStringList parts = kRfcToken.split(QLatin1Char('.'));
    const QByteArray input = parts.at(0).toLatin1() + '.' + parts.at(1).toLatin1();
    QCOMPARE(
        b64url(QMessageAuthenticationCode::hash(input, kRfcKey, QCryptographicHash::Sha256)), parts.at(2).toLatin1());

    // Our verifier accepts its header (with the CR LF inside) and its signature. It lacks our
    // claims and expired in 2011, so it is refused for that — never for the signature or the algorithm.
    const Verified out = verify(kRfcToken, kRfcKey, kNow);
    QVERIFY(!out.claims.has_value());
    QVERIFY2(
        out.failure == Failure::MissingClaim || out.failure == Failure::Expired, qPrintable(failureText(out.failure)));

    // The check is real: one bit of the key changed and the same token has a bad signature.
    QByteArray otherKey = kRfcKey;
    otherKey[0] = char(otherKey.at(0) ^ 0x01);
    QCOMPARE(verify(kRfcToken, otherKey, kNow).failure, Failure::BadSignature);
}

void tst_Jwt::failureTexts()
{
    for (Failure f : { Failure::Malformed, Failure::WrongAlgorithm, Failure::BadSignature, Failure::Expired,
             Failure::MissingClaim, Failure::WeakSecret })
        QVERIFY(!failureText(f).isEmpty());
}

QTEST_GUILESS_MAIN(tst_Jwt)
#include "tst_jwt.moc"
