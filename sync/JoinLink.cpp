#include "JoinLink.h"

#include "Pairing.h"
#include "PairingClient.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace hearth {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("JoinLink", text);
}
} // namespace

std::optional<JoinLink> JoinLink::parse(const QString &text, QString *error)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("hearth") || url.host() != QLatin1String("join")) {
        *error = tr("This is not a Hearth invite link: one starts with hearth://join?");
        return std::nullopt;
    }
    const QUrlQuery query(url);
    JoinLink link;
    link.host = query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded).trimmed();
    QString addressError;
    if (link.host.isEmpty() || !PairingClient::hostUrlFromAddress(link.host, &addressError)) {
        *error = tr("This invite link has no usable host address; ask for a new link, or type the address.");
        return std::nullopt;
    }
    link.code = Pairing::normalizeCode(query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded));
    static const QRegularExpression codeShape(QStringLiteral("^[A-Z0-9]{8}$"));
    if (!link.code.isEmpty() && !codeShape.match(link.code).hasMatch()) {
        *error = tr("The invite code in this link is not one: a code has 8 letters and digits.");
        return std::nullopt;
    }
    const QString fingerprint = query.queryItemValue(QStringLiteral("fp")).toLower();
    static const QRegularExpression wholeFingerprint(QStringLiteral("^[0-9a-f]{64}$"));
    if (!fingerprint.isEmpty() && !wholeFingerprint.match(fingerprint).hasMatch()) {
        // A cut or altered fingerprint would stand for a comparison it cannot make.
        *error = tr("The security code in this invite link is damaged; ask for a new link.");
        return std::nullopt;
    }
    link.fingerprint = fingerprint;
    return link;
}

QString JoinLink::toString() const
{
    QUrl url;
    url.setScheme(QStringLiteral("hearth"));
    url.setHost(QStringLiteral("join"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("host"), host);
    query.addQueryItem(QStringLiteral("code"), code);
    if (!fingerprint.isEmpty())
        query.addQueryItem(QStringLiteral("fp"), fingerprint);
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace hearth
