// The link preview that fills a gift's title and price from a pasted link: it reads Open Graph
// tags (else <title>), follows a few redirects, stops at its byte limit and its timeout, and says
// why when it cannot. Every page comes from a small HTTP server of the test's own on loopback.

#include "LinkPreview.h"

#include <QHash>
#include <QCoreApplication>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace hearth;

namespace {

struct Page
{
    QByteArray status = "200 OK";
    QByteArray contentType = "text/html; charset=utf-8";
    QByteArray body;
    QByteArray location; // a redirect's target
    bool silent = false; // never answers
};

// Answers GET <path> from a table of pages; one request per connection.
class PageServer : public QObject
{
public:
    PageServer()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
            }
        });
    }

    QString url(const QString &path) const { return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path); }
    QHash<QString, Page> pages;
    QStringList requested; // the paths asked for, in order

private:
    void answer(QTcpSocket *socket)
    {
        QByteArray &buffer = m_pending[socket];
        buffer += socket->readAll();
        if (!buffer.contains("\r\n\r\n"))
            return;
        const QString path = QString::fromLatin1(buffer.split(' ').value(1));
        requested << path;
        const Page page = pages.value(path, Page{"404 Not Found", "text/html", "<title>Missing</title>", {}, false});
        if (page.silent)
            return;
        QByteArray response = "HTTP/1.1 " + page.status + "\r\nContent-Type: " + page.contentType + "\r\nContent-Length: "
                              + QByteArray::number(page.body.size()) + "\r\nConnection: close\r\n";
        if (!page.location.isEmpty())
            response += "Location: " + page.location + "\r\n";
        response += "\r\n" + page.body;
        socket->write(response);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_pending;
};

Page html(const QByteArray &head)
{
    Page page;
    page.body = "<!doctype html><html><head>" + head + "</head><body><p>Hello</p></body></html>";
    return page;
}

} // namespace

class TestLinkPreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsOpenGraphTitleAndPrice();
    void fallsBackToTheTitleTag();
    void followsRedirectsButNotEndlessly();
    void readsNoMoreThanItsLimit();
    void givesUpAfterItsTimeout();
    void refusesWhatIsNotAWebPage();
    void refusesWhatIsNotAWebAddress();
    void aNewFetchDropsTheEarlierOne();
};

void TestLinkPreview::readsOpenGraphTitleAndPrice()
{
    PageServer server;
    server.pages[QStringLiteral("/kite")] = html(
        "<title>Shop | Kite</title>"
        "<meta content=\"Stunt kite &amp; lines\" property=\"og:title\">"
        "<meta property='product:price:amount' content='24.50'/>"
        "<meta property=\"product:price:currency\" content=\"eur\">");
    LinkPreview preview;
    QSignalSpy finished(&preview, &LinkPreview::finished);
    QSignalSpy failed(&preview, &LinkPreview::failed);
    preview.fetch(server.url(QStringLiteral("/kite")));
    QVERIFY(finished.wait());
    QCOMPARE(failed.count(), 0);
    const auto result = finished.first().first().value<LinkPreviewResult>();
    QCOMPARE(result.title, QStringLiteral("Stunt kite & lines"));
    QCOMPARE(result.priceCents, std::optional<qint64>(2450));
    QCOMPARE(result.currency, QStringLiteral("EUR"));
    QVERIFY(!preview.isBusy());

    // og:price:amount too, and a decimal comma.
    const auto og = LinkPreview::readPage(QByteArray("<meta property=\"og:title\" content=\"Book\"><meta property=\"og:price:amount\" content=\"12,99\">"),
                                          QUrl(QStringLiteral("http://x.example/")));
    QCOMPARE(og.title, QStringLiteral("Book"));
    QCOMPARE(og.priceCents, std::optional<qint64>(1299));
}

void TestLinkPreview::fallsBackToTheTitleTag()
{
    PageServer server;
    server.pages[QStringLiteral("/plain")] = html("<TITLE>\n  Wool   socks &#8211; grey\n</TITLE>");
    LinkPreview preview;
    QSignalSpy finished(&preview, &LinkPreview::finished);
    preview.fetch(server.url(QStringLiteral("/plain")));
    QVERIFY(finished.wait());
    const auto result = finished.first().first().value<LinkPreviewResult>();
    QCOMPARE(result.title, QStringLiteral("Wool socks \u2013 grey"));
    QVERIFY(!result.priceCents);
}

void TestLinkPreview::followsRedirectsButNotEndlessly()
{
    PageServer server;
    Page moved;
    moved.status = "301 Moved Permanently";
    moved.location = server.url(QStringLiteral("/real")).toLatin1();
    server.pages[QStringLiteral("/short")] = moved;
    server.pages[QStringLiteral("/real")] = html("<meta property=\"og:title\" content=\"Puzzle\">");
    // A chain longer than the limit: /hop0 -> /hop1 -> … -> /hop9.
    for (int hop = 0; hop < 10; ++hop) {
        Page next;
        next.status = "302 Found";
        next.location = server.url(QStringLiteral("/hop%1").arg(hop + 1)).toLatin1();
        server.pages[QStringLiteral("/hop%1").arg(hop)] = next;
    }

    LinkPreview preview;
    QSignalSpy finished(&preview, &LinkPreview::finished);
    QSignalSpy failed(&preview, &LinkPreview::failed);
    preview.fetch(server.url(QStringLiteral("/short")));
    QVERIFY(finished.wait());
    const auto result = finished.first().first().value<LinkPreviewResult>();
    QCOMPARE(result.title, QStringLiteral("Puzzle"));
    QCOMPARE(result.url.path(), QStringLiteral("/real"));

    preview.fetch(server.url(QStringLiteral("/hop0")));
    QVERIFY(failed.wait());
    QCOMPARE(failed.first().first().toString(), QStringLiteral("The link redirects too many times."));
    // The first page and kMaxRedirects redirects were followed, not one more.
    QVERIFY(server.requested.contains(QStringLiteral("/hop%1").arg(LinkPreview::kMaxRedirects)));
    QVERIFY(!server.requested.contains(QStringLiteral("/hop%1").arg(LinkPreview::kMaxRedirects + 1)));
}

void TestLinkPreview::readsNoMoreThanItsLimit()
{
    // The og:title sits after 600 KB of padding: past the limit, so only the <title> is read.
    PageServer server;
    Page big = html("<title>Early title</title>" + QByteArray(600 * 1024, ' ') + "<meta property=\"og:title\" content=\"Late title\">");
    server.pages[QStringLiteral("/big")] = big;
    LinkPreview preview;
    QSignalSpy finished(&preview, &LinkPreview::finished);
    preview.fetch(server.url(QStringLiteral("/big")));
    QVERIFY(finished.wait());
    QCOMPARE(finished.first().first().value<LinkPreviewResult>().title, QStringLiteral("Early title"));
}

void TestLinkPreview::givesUpAfterItsTimeout()
{
    PageServer server;
    Page silent;
    silent.silent = true;
    server.pages[QStringLiteral("/slow")] = silent;
    LinkPreview preview;
    preview.setTimeoutMs(300);
    QSignalSpy finished(&preview, &LinkPreview::finished);
    QSignalSpy failed(&preview, &LinkPreview::failed);
    preview.fetch(server.url(QStringLiteral("/slow")));
    QVERIFY(failed.wait());
    QCOMPARE(failed.first().first().toString(), QStringLiteral("The page did not answer within 1 second(s)."));
    QVERIFY(!preview.isBusy());
    // Whatever the aborted reply queued is delivered now; none of it may report anything more.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 0);
    QCOMPARE(failed.count(), 1);
}

void TestLinkPreview::refusesWhatIsNotAWebPage()
{
    PageServer server;
    Page image;
    image.contentType = "image/png";
    image.body = QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(64, 'x');
    server.pages[QStringLiteral("/photo.png")] = image;
    server.pages[QStringLiteral("/empty")] = html("<meta charset=\"utf-8\">");
    LinkPreview preview;
    QSignalSpy failed(&preview, &LinkPreview::failed);

    preview.fetch(server.url(QStringLiteral("/photo.png")));
    QVERIFY(failed.wait());
    QCOMPARE(failed.takeFirst().first().toString(), QStringLiteral("The link is not a web page (image/png)."));

    preview.fetch(server.url(QStringLiteral("/gone")));
    QVERIFY(failed.wait());
    QCOMPARE(failed.takeFirst().first().toString(), QStringLiteral("The page answered with an error (404)."));

    preview.fetch(server.url(QStringLiteral("/empty")));
    QVERIFY(failed.wait());
    QCOMPARE(failed.takeFirst().first().toString(), QStringLiteral("The page names no title or price."));
}

void TestLinkPreview::refusesWhatIsNotAWebAddress()
{
    LinkPreview preview;
    QSignalSpy failed(&preview, &LinkPreview::failed);
    for (const QString &typed : {QStringLiteral(""), QStringLiteral("a kite please"), QStringLiteral("ftp://files.example/kite"),
                                 QStringLiteral("file:///etc/passwd"), QStringLiteral("mailto:someone@example.com")}) {
        preview.fetch(typed);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.takeFirst().first().toString(), QStringLiteral("That is not a web address (http or https)."));
        QVERIFY(!preview.isBusy());
    }
    QCOMPARE(LinkPreview::webAddressFrom(QStringLiteral("shop.example/kite")), QUrl(QStringLiteral("http://shop.example/kite")));
}

void TestLinkPreview::aNewFetchDropsTheEarlierOne()
{
    PageServer server;
    Page silent;
    silent.silent = true;
    server.pages[QStringLiteral("/slow")] = silent;
    server.pages[QStringLiteral("/fast")] = html("<title>Fast</title>");
    LinkPreview preview;
    QSignalSpy finished(&preview, &LinkPreview::finished);
    QSignalSpy failed(&preview, &LinkPreview::failed);
    preview.fetch(server.url(QStringLiteral("/slow")));
    preview.fetch(server.url(QStringLiteral("/fast")));
    QVERIFY(finished.wait());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().value<LinkPreviewResult>().title, QStringLiteral("Fast"));
    QCOMPARE(failed.count(), 0);
}

QTEST_GUILESS_MAIN(TestLinkPreview)
#include "tst_linkpreview.moc"
