#include "LinkPreview.h"

#include "Money.h"

#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QStringDecoder>

namespace hearth {

namespace {

// &amp; &lt; &gt; &quot; &#39; &apos; &nbsp; and numeric references: enough for titles.
QString decodeEntities(const QString &text)
{
    static const QRegularExpression entity(QStringLiteral("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);"));
    QString out;
    qsizetype last = 0;
    auto it = entity.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        out += QStringView(text).mid(last, match.capturedStart() - last);
        const QString name = match.captured(1);
        QString replacement = match.captured(0);
        if (name.startsWith(QLatin1Char('#'))) {
            bool ok = false;
            const uint code = name.at(1).toLower() == QLatin1Char('x') ? name.mid(2).toUInt(&ok, 16) : name.mid(1).toUInt(&ok, 10);
            if (ok && code > 0 && code <= 0x10FFFF)
                replacement = QString::fromUcs4(reinterpret_cast<const char32_t *>(&code), 1);
        } else if (name == QLatin1String("amp")) {
            replacement = QStringLiteral("&");
        } else if (name == QLatin1String("lt")) {
            replacement = QStringLiteral("<");
        } else if (name == QLatin1String("gt")) {
            replacement = QStringLiteral(">");
        } else if (name == QLatin1String("quot")) {
            replacement = QStringLiteral("\"");
        } else if (name == QLatin1String("apos")) {
            replacement = QStringLiteral("'");
        } else if (name == QLatin1String("nbsp")) {
            replacement = QStringLiteral(" ");
        }
        out += replacement;
        last = match.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out.simplified();
}

// The charset a Content-Type names, else UTF-8 (what nearly every shop serves).
QString decodeBody(const QByteArray &body, const QByteArray &contentType)
{
    static const QRegularExpression charset(QStringLiteral("charset\\s*=\\s*\"?([A-Za-z0-9_.:-]+)"),
                                            QRegularExpression::CaseInsensitiveOption);
    const auto match = charset.match(QString::fromLatin1(contentType));
    if (match.hasMatch()) {
        QStringDecoder decoder(match.captured(1).toLatin1().constData());
        if (decoder.isValid())
            return decoder.decode(body);
    }
    return QString::fromUtf8(body);
}

bool isHtml(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    return type.isEmpty() || type == "text/html" || type == "application/xhtml+xml";
}

} // namespace

LinkPreview::LinkPreview(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network ? network : new QNetworkAccessManager(this))
{
    qRegisterMetaType<hearth::LinkPreviewResult>();
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(kDefaultTimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(tr("The page did not answer within %n second(s).", nullptr, (m_timeout.interval() + 999) / 1000));
    });
}

LinkPreview::~LinkPreview()
{
    cancel();
}

QUrl LinkPreview::webAddressFrom(const QString &typed)
{
    const QString trimmed = typed.trimmed();
    if (trimmed.isEmpty() || trimmed.contains(QLatin1Char(' ')))
        return {};
    const QUrl url = QUrl::fromUserInput(trimmed);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return {};
    return url;
}

LinkPreviewResult LinkPreview::readPage(const QByteArray &html, const QUrl &url)
{
    return readPage(QString::fromUtf8(html), url);
}

LinkPreviewResult LinkPreview::readPage(const QString &html, const QUrl &url)
{
    static const QRegularExpression metaTag(QStringLiteral("<meta\\s([^>]*)>"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression attribute(QStringLiteral("([A-Za-z_:][-A-Za-z0-9_:.]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>/]+))"));
    static const QRegularExpression titleTag(QStringLiteral("<title[^>]*>(.*?)</title>"),
                                             QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);

    LinkPreviewResult result;
    result.url = url;
    QString amount;
    auto metas = metaTag.globalMatch(html);
    while (metas.hasNext()) {
        const QString inside = metas.next().captured(1);
        QString key;
        QString content;
        bool hasContent = false;
        auto attributes = attribute.globalMatch(inside);
        while (attributes.hasNext()) {
            const auto a = attributes.next();
            const QString name = a.captured(1).toLower();
            const QString value = !a.captured(2).isNull() ? a.captured(2) : !a.captured(3).isNull() ? a.captured(3) : a.captured(4);
            if (name == QLatin1String("property") || name == QLatin1String("name"))
                key = value.trimmed().toLower();
            else if (name == QLatin1String("content")) {
                content = decodeEntities(value);
                hasContent = true;
            }
        }
        if (!hasContent || content.isEmpty())
            continue;
        if (key == QLatin1String("og:title") && result.title.isEmpty())
            result.title = content;
        else if ((key == QLatin1String("og:price:amount") || key == QLatin1String("product:price:amount")) && amount.isEmpty())
            amount = content;
        else if ((key == QLatin1String("og:price:currency") || key == QLatin1String("product:price:currency")) && result.currency.isEmpty())
            result.currency = content.toUpper();
    }
    if (result.title.isEmpty()) {
        const auto title = titleTag.match(html);
        if (title.hasMatch())
            result.title = decodeEntities(title.captured(1));
    }
    if (!amount.isEmpty()) {
        // Shops write "19.99" (the og: convention); a few write "19,99", which the C locale refuses.
        result.priceCents = Money::parse(amount, QLocale::c());
        if (!result.priceCents)
            result.priceCents = Money::parse(amount, QLocale(QLocale::German));
    }
    return result;
}

void LinkPreview::fetch(const QString &typedLink)
{
    cancel();
    const QUrl url = webAddressFrom(typedLink);
    if (!url.isValid()) {
        Q_EMIT failed(tr("That is not a web address (http or https)."));
        return;
    }
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(kMaxRedirects);
    request.setRawHeader("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1");
    m_body.clear();
    m_truncated = false;
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &LinkPreview::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &LinkPreview::onFinished);
    m_timeout.start();
}

void LinkPreview::cancel()
{
    m_timeout.stop();
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void LinkPreview::fail(const QString &reason)
{
    cancel();
    Q_EMIT failed(reason);
}

void LinkPreview::onReadyRead()
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300 && status < 400)
        return; // a redirect's own body; the reply follows it
    if (status == 200 && !isHtml(m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray())) {
        fail(tr("The link is not a web page (%1).").arg(QString::fromLatin1(m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray())));
        return;
    }
    m_body += m_reply->read(kMaxBytes - m_body.size());
    if (m_body.size() >= kMaxBytes) {
        m_truncated = true;
        onFinished();
    }
}

void LinkPreview::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    const QNetworkReply::NetworkError error = m_truncated ? QNetworkReply::NoError : reply->error();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    const QUrl url = reply->url();
    const QString errorText = reply->errorString();
    if (!m_truncated)
        m_body += reply->read(kMaxBytes - m_body.size());
    const QByteArray body = m_body;
    cancel();

    if (error == QNetworkReply::TooManyRedirectsError) {
        Q_EMIT failed(tr("The link redirects too many times."));
        return;
    }
    if (error == QNetworkReply::InsecureRedirectError) {
        Q_EMIT failed(tr("The link redirects from https to an unencrypted page."));
        return;
    }
    if (status >= 400) {
        Q_EMIT failed(tr("The page answered with an error (%1).").arg(status));
        return;
    }
    if (error != QNetworkReply::NoError) {
        Q_EMIT failed(tr("The page could not be fetched: %1").arg(errorText));
        return;
    }
    if (!isHtml(contentType)) {
        Q_EMIT failed(tr("The link is not a web page (%1).").arg(QString::fromLatin1(contentType)));
        return;
    }
    const LinkPreviewResult result = readPage(decodeBody(body, contentType), url);
    if (result.title.isEmpty() && !result.priceCents) {
        Q_EMIT failed(tr("The page names no title or price."));
        return;
    }
    Q_EMIT finished(result);
}

} // namespace hearth
