#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace hearth {

// What a web page says about itself: its og: title (else its <title>) and a listed price.
struct LinkPreviewResult
{
    QUrl url;                        // the page finally read, after redirects
    QString title;                   // empty when the page names none
    std::optional<qint64> priceCents; // og:price:amount / product:price:amount, when readable
    QString currency;                // og:price:currency / product:price:currency, upper case
};

// Fills a gift's title and price from a pasted link. It fetches the page (http/https only, at most
// kMaxRedirects redirects and none from https to http, at most kMaxBytes read — the <head> is at
// the start — and an overall timeout) and reads its Open Graph tags. One preview at a time: a new
// fetch() drops the earlier one, which then reports nothing. The answer comes as finished() or
// failed() with a reason to show next to the field; the dialog keeps what the user typed either way.
class LinkPreview final : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMaxBytes = 512 * 1024;
    static constexpr int kMaxRedirects = 5;
    static constexpr int kDefaultTimeoutMs = 10'000;

    // `network` is shared when given (the app's), else the preview makes its own.
    explicit LinkPreview(QNetworkAccessManager *network = nullptr, QObject *parent = nullptr);
    ~LinkPreview() override;

    // The link as typed ("shop.example/kite" is read as http://shop.example/kite); an invalid URL
    // when it is not a web address.
    static QUrl webAddressFrom(const QString &typed);
    // Reads the page's Open Graph title and price (the <title> when it has no og:title).
    static LinkPreviewResult readPage(const QByteArray &html, const QUrl &url);
    static LinkPreviewResult readPage(const QString &html, const QUrl &url);

    void setTimeoutMs(int milliseconds) { m_timeout.setInterval(milliseconds); }
    void fetch(const QString &typedLink);
    void cancel();
    bool isBusy() const { return !m_reply.isNull(); }

Q_SIGNALS:
    void finished(const hearth::LinkPreviewResult &result);
    void failed(const QString &reason);

private:
    void onReadyRead();
    void onFinished();
    void fail(const QString &reason);

    QNetworkAccessManager *m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_body;
    bool m_truncated = false; // stopped at kMaxBytes: what was read is parsed
    QTimer m_timeout;
};

} // namespace hearth

Q_DECLARE_METATYPE(hearth::LinkPreviewResult)
