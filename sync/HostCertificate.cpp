#include "HostCertificate.h"

#include <QCryptographicHash>
#include <QDir>
#include <QNetworkReply>
#include <QWebSocket>
#include <QFile>
#include <QSaveFile>
#include <QSslKey>
#include <QUuid>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace hearth::HostCertificate {

namespace {

template<auto Free>
struct Deleter
{
    template<typename T>
    void operator()(T *p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, size) : QByteArray();
}

// A fresh key and a self-signed certificate for it, both as PEM. Empty on failure.
std::pair<QByteArray, QByteArray> makeSelfSigned()
{
    KeyPtr key(EVP_EC_gen("P-256"));
    CertPtr cert(X509_new());
    if (!key || !cert)
        return {};
    X509_set_version(cert.get(), 2);
    // A random 128-bit serial: two hosts never share one.
    unsigned char serial[16];
    QByteArray random = QUuid::createUuid().toRfc4122();
    std::copy(random.cbegin(), random.cend(), serial);
    serial[0] &= 0x7f; // positive
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>("Hearth"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>("Hearth household host"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
        return {};
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    BioPtr certBio(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
        || !PEM_write_bio_X509(certBio.get(), cert.get()))
        return {};
    return {bioBytes(certBio.get()), bioBytes(keyBio.get())};
}

bool writePrivate(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        && file.write(bytes) == bytes.size() && file.commit();
}

} // namespace

std::optional<QSslConfiguration> loadOrCreate(const QString &dataDir, QString *error)
{
    const QDir dir(dataDir);
    const QString certPath = dir.filePath(QStringLiteral("host-cert.pem"));
    const QString keyPath = dir.filePath(QStringLiteral("host-key.pem"));
    if (!QFile::exists(certPath) || !QFile::exists(keyPath)) {
        const auto [certPem, keyPem] = makeSelfSigned();
        if (certPem.isEmpty() || !writePrivate(keyPath, keyPem) || !writePrivate(certPath, certPem)) {
            *error = QStringLiteral("Could not make the host certificate in %1.").arg(QDir::toNativeSeparators(dataDir));
            return std::nullopt;
        }
    }
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Could not read the host certificate in %1.").arg(QDir::toNativeSeparators(dataDir));
        return std::nullopt;
    }
    const QSslCertificate certificate(certFile.readAll(), QSsl::Pem);
    const QSslKey key(keyFile.readAll(), QSsl::Ec, QSsl::Pem);
    if (certificate.isNull() || key.isNull()) {
        *error = QStringLiteral("The host certificate in %1 is damaged; remove host-cert.pem and host-key.pem to make a "
                                "new one (joined devices will have to pair again).")
                     .arg(QDir::toNativeSeparators(dataDir));
        return std::nullopt;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients do not present certificates
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    return configuration;
}

QString fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
}

QString shortCode(const QString &fingerprint)
{
    const QString head = fingerprint.left(12).toUpper();
    return head.size() < 12 ? QString() : head.left(4) + QLatin1Char('-') + head.mid(4, 4) + QLatin1Char('-') + head.mid(8, 4);
}

QString presented(const QWebSocket *socket, const QList<QSslError> &errors)
{
    for (const QSslError &error : errors)
        if (!error.certificate().isNull())
            return fingerprint(error.certificate());
    return fingerprint(socket->sslConfiguration().peerCertificate());
}

void pin(QWebSocket *socket, const QString &expected)
{
    QObject::connect(socket, &QWebSocket::sslErrors, socket, [socket, expected](const QList<QSslError> &errors) {
        if (expected.isEmpty() || presented(socket, errors) == expected)
            socket->ignoreSslErrors();
    });
}

void pin(QNetworkReply *reply, const QString &expected)
{
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply, expected](const QList<QSslError> &) {
        if (!expected.isEmpty() && fingerprint(reply->sslConfiguration().peerCertificate()) == expected)
            reply->ignoreSslErrors();
    });
}

} // namespace hearth::HostCertificate
