#pragma once

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>

#include <optional>

class QNetworkReply;
class QWebSocket;

namespace hearth::HostCertificate {

// The certificate a LAN host serves wss with: self-signed (no authority vouches for a kitchen
// laptop), made on first hosting and kept in DIR/host-cert.pem and DIR/host-key.pem (0600) so
// its fingerprint stays the one that joined devices pinned. An EC P-256 key, valid ten years.
std::optional<QSslConfiguration> loadOrCreate(const QString &dataDir, QString *error);

// The certificate's SHA-256, lower-case hex: what a joined device pins.
QString fingerprint(const QSslCertificate &certificate);
// The first 48 bits of a fingerprint as "4F2A-91C3-77BD": short enough for two people to compare
// on two screens, long enough that no one makes a certificate that matches it by chance.
QString shortCode(const QString &fingerprint);

// The fingerprint of the certificate a client socket's peer presents (during sslErrors or after).
QString presented(const QWebSocket *socket, const QList<QSslError> &errors = {});

// Makes a client trust exactly the pinned certificate: the self-signed certificate's errors are
// ignored only when its fingerprint is the pinned one; any other certificate ends the handshake
// before a byte of the request (or a token) is sent. An empty pin (pairing for the first time,
// when the person compares the short codes) accepts any certificate.
void pin(QWebSocket *socket, const QString &fingerprint);
void pin(QNetworkReply *reply, const QString &fingerprint);

} // namespace hearth::HostCertificate
