// Receipt images on demand, over real loopback sockets and real SQLite stores: a household of 80
// receipts of ~300 KB each replays, snapshots (socket and HTTP) and syncs to a fresh device in
// a few hundred KB with no image in it; an image comes only when asked (`fetch_image` on the
// socket, GET /api/receipts/{household}/{receipt}/image), exactly as confirmed, and never to
// another household; a joined device keeps what it fetched (it opens offline) and what it
// confirmed itself, before the host has it; one that can only poll fetches it over HTTP.

#include "AuthoritativeEngine.h"
#include "ConnectionStatus.h"
#include "HouseholdData.h"
#include "ReplicaEngine.h"
#include "SyncService.h"
#include "SyncTestSupport.h"
#include "receipts/ReceiptsModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

constexpr int kReceipts = 80;
constexpr qsizetype kImageBytes = 300 * 1024;

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// A stand-in JPEG of `bytes` bytes, different for every seed (the host never decodes it).
QByteArray fakeJpeg(quint32 seed, qsizetype bytes)
{
    QByteArray jpeg(bytes, Qt::Uninitialized);
    QRandomGenerator random(seed);
    random.fillRange(reinterpret_cast<quint32 *>(jpeg.data()), bytes / 4);
    jpeg[0] = char(0xff);
    jpeg[1] = char(0xd8);
    return jpeg;
}

// A member's device joined to the test host at `url`: its own store (in a temporary folder),
// replica, models and connection status; each test starts its SyncService as it needs.
struct JoinedDevice
{
    JoinedDevice(TestHost &host, const QUrl &url)
    {
        store = Store::open(dir.filePath(s("device.sqlite")), &error);
        if (!store)
            return;
        token = host.token(s("Sam"), &memberId);
        ReplicaEngine::saveLink(*store, host.householdId(), {url.toString(), memberId, token, 0});
        replica = std::make_unique<ReplicaEngine>(*store, clock, host.householdId(), memberId);
        data = std::make_unique<HouseholdData>(*replica, clock);
        data->load();
    }

    QTemporaryDir dir;
    QString error;
    std::unique_ptr<Store> store;
    QString memberId;
    QString token;
    FakeClock clock;
    std::unique_ptr<ReplicaEngine> replica;
    std::unique_ptr<HouseholdData> data;
    ConnectionStatus status;
};

Mutation receiptCreate(int index, const QByteArray &image, const QByteArray &thumbnail, const QString &id = {})
{
    Receipt r;
    r.merchant = s("Shop %1").arg(index);
    r.purchasedOn = QDate(2026, 3, 1).addDays(index % 28);
    r.totalCents = 100 + index;
    ConfirmedLine line;
    line.name = s("Bread");
    line.priceCents = 100 + index;
    line.category = s("Groceries");
    r.lines = {line};
    QJsonObject fields = r.toFields();
    fields.insert(s("image"), QString::fromLatin1(image.toBase64()));
    fields.insert(s("thumbnail"), QString::fromLatin1(thumbnail.toBase64()));
    return Mutation{{}, Collection::Receipts, MutationOp::Create, id, -1, fields};
}

// How many sizes of a receipt's image a device keeps in its cache.
int queryCount(Store &store, const QString &receiptId)
{
    QSqlQuery query(store.database());
    query.prepare(QStringLiteral("SELECT count(*) FROM receipt_image_cache WHERE receipt_id = ?"));
    query.addBindValue(receiptId);
    return query.exec() && query.next() ? query.value(0).toInt() : -1;
}


} // namespace

class tst_ReceiptImages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void aFreshClientsReplayAndSnapshotsCarryNoImage();
    void fetchImageOverTheSocketOnlyForItsHousehold();
    void aSizeThatIsNotAStringIsInvalid();
    void aMemberRemovedInTheSameTurnAsItsRequest_data();
    void aMemberRemovedInTheSameTurnAsItsRequest();
    void imageOverHttpOnlyForItsHousehold();
    void aJoinedDeviceFetchesKeepsAndOpensOffline();
    void theConfirmingDeviceKeepsItsOwnImage();
    void oldReceiptsWithoutThumbnailsAreAskedForAFewAtATime();
    void aPollingDeviceFetchesOverHttp();

private:
    // A trace of one receipt's image: any frame or body holding it carries the image.
    QString imageTrace(int index) const { return QString::fromLatin1(m_images.at(index).toBase64().mid(1000, 64)); }
    bool carriesAnImage(const QByteArray &bytes) const;

    std::unique_ptr<TestHost> m_host;
    QStringList m_ids;
    QList<QByteArray> m_images;
    QList<QByteArray> m_thumbnails;
};

void tst_ReceiptImages::init()
{
    m_host = std::make_unique<TestHost>();
    QVERIFY2(m_host->isValid(), qPrintable(m_host->error()));
    m_ids.clear();
    m_images.clear();
    m_thumbnails.clear();
    for (int i = 0; i < kReceipts; ++i) {
        m_images.append(fakeJpeg(quint32(i + 1), kImageBytes));
        m_thumbnails.append(fakeJpeg(quint32(1000 + i), 4 * 1024));
        const MutationResult made = m_host->engine().submit(receiptCreate(i, m_images.last(), m_thumbnails.last()));
        QVERIFY2(made.ok, qPrintable(made.error.message));
        m_ids.append(made.entityId);
    }
}

void tst_ReceiptImages::cleanup()
{
    m_host.reset();
}

bool tst_ReceiptImages::carriesAnImage(const QByteArray &bytes) const
{
    for (int i = 0; i < kReceipts; ++i)
        if (bytes.contains(imageTrace(i).toLatin1()))
            return true;
    return false;
}

void tst_ReceiptImages::aFreshClientsReplayAndSnapshotsCarryNoImage()
{
    // The images alone are ~33 MB: twice the send queue a peer may fill, eight times a message.
    TestClient client;
    qint64 received = 0;
    QByteArray everything;
    connect(&client.socket(), &QWebSocket::textMessageReceived, this, [&](const QString &frame) {
        received += frame.toUtf8().size();
        everything += frame.toUtf8();
    });
    QVERIFY(client.join(m_host->roomUrl(m_host->token(), 0)));
    QVERIFY(!client.waitFor(s("synced"), {}, 20000).isEmpty());
    QCOMPARE(client.count(s("receipt_confirmed")), kReceipts);
    client.sendEvent(s("fetch"), {{s("collection"), s("receipts")}}, s("f-1"));
    const QJsonObject snapshot = client.waitFor(s("snapshot"), {}, 20000);
    QCOMPARE(snapshot.value(s("data")).toObject().value(s("rows")).toArray().size(), kReceipts);
    QVERIFY(snapshot.value(s("data")).toObject().value(s("rows")).toArray().at(0).toObject().value(s("has_image")).toBool());
    QVERIFY2(received < 512 * 1024, qPrintable(QString::number(received)));
    QVERIFY(!carriesAnImage(everything));
    QVERIFY(client.isOpen());

    const HttpReply polled = httpGet(m_host->port(), "/api/snapshot/" + m_host->householdId().toLatin1(), m_host->token());
    QCOMPARE(polled.status, 200);
    QVERIFY2(polled.body.size() < 512 * 1024, qPrintable(QString::number(polled.body.size())));
    QVERIFY(!carriesAnImage(polled.body));
    QCOMPARE(QJsonDocument::fromJson(polled.body).object().value(s("collections")).toObject().value(s("receipts")).toArray().size(),
             kReceipts);
}

void tst_ReceiptImages::fetchImageOverTheSocketOnlyForItsHousehold()
{
    TestClient home;
    QVERIFY(home.join(m_host->roomUrl(m_host->token())));
    const auto answerTo = [](TestClient &client, const QString &id) {
        return client.waitFor(s("image"), [id](const QJsonObject &m) { return m.value(s("data")).toObject().value(s("id")) == id; },
                              5000);
    };
    const auto refusalTo = [](TestClient &client, const QString &id) {
        return client.waitFor(s("image_error"),
                              [id](const QJsonObject &m) { return m.value(s("data")).toObject().value(s("id")) == id; }, 5000)
            .value(s("data"))
            .toObject();
    };

    home.sendEvent(s("fetch_image"), {{s("receipt_id"), m_ids.at(7)}, {s("size"), s("full")}}, s("i-1"));
    QVERIFY(!home.waitForAck(s("i-1")).isEmpty());
    const QJsonObject full = answerTo(home, s("i-1")).value(s("data")).toObject();
    QCOMPARE(full.value(s("receipt_id")).toString(), m_ids.at(7));
    QCOMPARE(full.value(s("content_type")).toString(), s("image/jpeg"));
    QCOMPARE(QByteArray::fromBase64(full.value(s("image")).toString().toLatin1()), m_images.at(7));

    home.sendEvent(s("fetch_image"), {{s("receipt_id"), m_ids.at(7)}, {s("size"), s("thumbnail")}}, s("i-2"));
    QCOMPARE(QByteArray::fromBase64(answerTo(home, s("i-2")).value(s("data")).toObject().value(s("image")).toString().toLatin1()),
             m_thumbnails.at(7));

    home.sendEvent(s("fetch_image"), {{s("receipt_id"), s("no-such-receipt")}, {s("size"), s("full")}}, s("i-3"));
    QCOMPARE(refusalTo(home, s("i-3")).value(s("code")).toString(), s("not_found"));
    home.sendEvent(s("fetch_image"), {{s("receipt_id"), m_ids.at(7)}, {s("size"), s("huge")}}, s("i-4"));
    QCOMPARE(refusalTo(home, s("i-4")).value(s("code")).toString(), s("invalid"));

    // A member of another household on the same host asks for this household's receipt.
    const QString otherId = m_host->addHousehold(s("Next door"));
    TestClient other;
    qint64 otherBytes = 0;
    connect(&other.socket(), &QWebSocket::textMessageReceived, this,
            [&](const QString &frame) { otherBytes += frame.size(); });
    QVERIFY(other.join(m_host->roomUrl(m_host->token(s("Nora"), nullptr, otherId), std::nullopt, otherId)));
    other.sendEvent(s("fetch_image"), {{s("receipt_id"), m_ids.at(7)}, {s("size"), s("full")}}, s("x-1"));
    other.sendEvent(s("fetch_image"), {{s("receipt_id"), m_ids.at(7)}, {s("size"), s("thumbnail")}}, s("x-2"));
    QCOMPARE(refusalTo(other, s("x-1")).value(s("code")).toString(), s("not_found"));
    QCOMPARE(refusalTo(other, s("x-2")).value(s("code")).toString(), s("not_found"));
    QCOMPARE(other.count(s("image")), 0);
    QVERIFY(otherBytes < 16 * 1024);
}

void tst_ReceiptImages::aSizeThatIsNotAStringIsInvalid()
{
    TestClient home;
    QVERIFY(home.join(m_host->roomUrl(m_host->token())));
    const auto answerTo = [&home](const QString &id) {
        QJsonObject answer;
        [[maybe_unused]] const bool arrived = QTest::qWaitFor([&] {
            for (const QJsonObject &m : std::as_const(home.messages))
                if (m.value(s("data")).toObject().value(s("id")) == id && m.value(s("event")) != s("ack"))
                    answer = m;
            return !answer.isEmpty();
        }, 5000);
        return answer;
    };
    // Only a missing size means "full"; a number, null or an unknown name is invalid.
    home.sendEvent(s("fetch_image"), {{s("receipt_id"), m_ids.at(2)}}, s("n-1"));
    const QJsonObject defaulted = answerTo(s("n-1"));
    QCOMPARE(defaulted.value(s("event")).toString(), s("image"));
    QCOMPARE(QByteArray::fromBase64(defaulted.value(s("data")).toObject().value(s("image")).toString().toLatin1()), m_images.at(2));
    int n = 2;
    for (const QJsonValue &size : {QJsonValue(5), QJsonValue(QJsonValue::Null), QJsonValue(QJsonArray{s("full")})}) {
        const QString id = s("n-%1").arg(n++);
        home.sendEvent(s("fetch_image"), {{s("receipt_id"), m_ids.at(2)}, {s("size"), size}}, id);
        const QJsonObject refused = answerTo(id);
        QCOMPARE(refused.value(s("event")).toString(), s("image_error"));
        QCOMPARE(refused.value(s("data")).toObject().value(s("code")).toString(), s("invalid"));
    }
    QCOMPARE(home.count(s("image")), 1);
}

void tst_ReceiptImages::aMemberRemovedInTheSameTurnAsItsRequest_data()
{
    QTest::addColumn<QString>("request");
    QTest::newRow("fetch_image") << s("fetch_image");
    QTest::newRow("leave") << s("leave");
}

void tst_ReceiptImages::aMemberRemovedInTheSameTurnAsItsRequest()
{
    // Kim removes herself and, in the same frame burst, asks for an image (or to leave): the host
    // handles both in one turn, and the request's flush() commits the removal, which closes Kim's
    // socket and destroys its client record while the request is still being answered.
    QFETCH(QString, request);
    QString kimId;
    TestClient kim;
    QVERIFY(kim.join(m_host->roomUrl(m_host->token(s("Kim"), &kimId))));
    TestClient sam;
    QVERIFY(sam.join(m_host->roomUrl(m_host->token())));
    kim.send(QJsonObject{{s("event"), s("mutate")},
                         {s("id"), s("m-1")},
                         {s("data"), QJsonObject{{s("collection"), s("members")}, {s("op"), s("delete")},
                                                 {s("entity_id"), kimId}, {s("fields"), QJsonObject{}}}}});
    if (request == s("fetch_image"))
        kim.sendEvent(s("fetch_image"), {{s("receipt_id"), m_ids.at(5)}, {s("size"), s("full")}}, s("k-1"));
    else
        kim.sendEvent(s("leave"), {}, s("k-1"));
    QVERIFY(kim.waitClosed());
    QCOMPARE(kim.closeCode(), 4003);
    QCOMPARE(kim.count(s("image")), 0); // a removed member gets no image
    QVERIFY(!m_host->engine().entity(Collection::Members, kimId));
    // The host is still well and answers the others.
    sam.sendEvent(s("fetch_image"), {{s("receipt_id"), m_ids.at(5)}, {s("size"), s("full")}}, s("s-1"));
    QVERIFY(!sam.waitFor(s("image"), [](const QJsonObject &m) { return m.value(s("data")).toObject().value(s("id")) == s("s-1"); })
                 .isEmpty());
}

void tst_ReceiptImages::imageOverHttpOnlyForItsHousehold()
{
    const QByteArray home = m_host->householdId().toLatin1();
    const QByteArray receipt = m_ids.at(3).toLatin1();
    const QString token = m_host->token();
    const HttpReply full = httpGet(m_host->port(), "/api/receipts/" + home + '/' + receipt + "/image", token);
    QCOMPARE(full.status, 200);
    QCOMPARE(full.contentType, QByteArray("image/jpeg"));
    QCOMPARE(full.body, m_images.at(3));
    const HttpReply thumbnail = httpGet(m_host->port(), "/api/receipts/" + home + '/' + receipt + "/image?size=thumbnail", token);
    QCOMPARE(thumbnail.status, 200);
    QCOMPARE(thumbnail.body, m_thumbnails.at(3));
    QCOMPARE(httpGet(m_host->port(), "/api/receipts/" + home + "/no-such-receipt/image", token).status, 404);
    QCOMPARE(httpGet(m_host->port(), "/api/receipts/" + home + '/' + receipt + "/image?size=huge", token).status, 400);
    QCOMPARE(httpGet(m_host->port(), "/api/receipts/" + home + '/' + receipt + "/image", {}).status, 401);

    // Another household's member: refused on this household's path, nothing on their own.
    const QString otherId = m_host->addHousehold(s("Next door"));
    const QString otherToken = m_host->token(s("Nora"), nullptr, otherId);
    const HttpReply foreignPath = httpGet(m_host->port(), "/api/receipts/" + home + '/' + receipt + "/image", otherToken);
    QCOMPARE(foreignPath.status, 403);
    QVERIFY(!foreignPath.body.contains(m_images.at(3).mid(1000, 64)));
    const HttpReply ownPath = httpGet(m_host->port(), "/api/receipts/" + otherId.toLatin1() + '/' + receipt + "/image", otherToken);
    QCOMPARE(ownPath.status, 404);
    QVERIFY(ownPath.body.size() < 100);
}

void tst_ReceiptImages::aJoinedDeviceFetchesKeepsAndOpensOffline()
{
    JoinedDevice device(*m_host, m_host->baseUrl());
    QVERIFY2(device.store, qPrintable(device.error));
    ReplicaEngine &replica = *device.replica;
    HouseholdData &data = *device.data;
    ConnectionStatus &status = device.status;
    const QString &token = device.token;
    auto sync = std::make_unique<SyncService>(replica, status, m_host->baseUrl(), SyncCredentials{token, {}, {}});
    ReceiptsModel &receipts = data.model<ReceiptsModel>(Collection::Receipts);
    ReceiptImages &images = receipts.images();
    images.setFetcher([&sync](const QString &id, ReceiptImageSize size) { return sync && sync->fetchImage(id, size); });
    connect(sync.get(), &SyncService::imageFetched, &images, &ReceiptImages::deliver);
    connect(sync.get(), &SyncService::imageRefused, &images, &ReceiptImages::fail);
    QSignalSpy synced(sync.get(), &SyncService::synced);
    sync->start();
    QVERIFY(synced.wait(20000));
    QTRY_COMPARE(receipts.rowCount(), kReceipts);
    QCOMPARE(receipts.records().at(0).hasImage, true);

    // The list's thumbnail is asked for when shown and arrives without blocking.
    QSignalSpy arrived(&images, &ReceiptImages::arrived);
    const QModelIndex row = receipts.index(receipts.rowOf(m_ids.at(5)), 0);
    QVERIFY(row.data(ReceiptsModel::ThumbnailRole).isNull());
    QCOMPARE(row.data(ReceiptsModel::ImageStateRole).value<ReceiptsModel::ImageState>(), ReceiptsModel::ImageState::Loading);
    QTRY_COMPARE(row.data(ReceiptsModel::ThumbnailRole).toByteArray(), m_thumbnails.at(5));
    // Opening it asks for the full image: exactly its bytes.
    arrived.clear();
    QVERIFY(!images.request(m_ids.at(5), ReceiptImageSize::Full));
    QVERIFY(arrived.wait(10000));
    QCOMPARE(arrived.last().at(2).toByteArray(), m_images.at(5));

    // A receipt whose image the host does not have (lost from its store): the list says so, once.
    QSqlQuery lose(m_host->store().database());
    QVERIFY(lose.exec(s("DELETE FROM receipt_images WHERE receipt_id = '%1'").arg(m_ids.at(8))));
    const QModelIndex lost = receipts.index(receipts.rowOf(m_ids.at(8)), 0);
    QVERIFY(lost.data(ReceiptsModel::ThumbnailRole).isNull());
    QTRY_COMPARE(lost.data(ReceiptsModel::ImageStateRole).value<ReceiptsModel::ImageState>(), ReceiptsModel::ImageState::Missing);

    // Offline: what was fetched opens from the cache; what was not says it cannot come.
    sync.reset();
    const QModelIndex notFetched = receipts.index(receipts.rowOf(m_ids.at(6)), 0);
    QVERIFY(notFetched.data(ReceiptsModel::ThumbnailRole).isNull());
    QTRY_COMPARE(notFetched.data(ReceiptsModel::ImageStateRole).value<ReceiptsModel::ImageState>(),
                 ReceiptsModel::ImageState::Offline);
    QCOMPARE(images.request(m_ids.at(5), ReceiptImageSize::Full), std::optional<QByteArray>(m_images.at(5)));
    QSignalSpy unavailable(&images, &ReceiptImages::unavailable);
    QVERIFY(!images.request(m_ids.at(6), ReceiptImageSize::Full));
    QVERIFY(unavailable.wait(5000));
    QCOMPARE(unavailable.last().at(2).toString(), s("offline"));

    // A receipt deleted on the host takes the device's copy of its image along.
    QCOMPARE(queryCount(*device.store, m_ids.at(5)), 2);
    sync = std::make_unique<SyncService>(replica, status, m_host->baseUrl(), SyncCredentials{token, {}, {}});
    QSignalSpy resynced(sync.get(), &SyncService::synced);
    sync->start();
    QVERIFY(resynced.wait(10000));
    QVERIFY(m_host->engine().submit({{}, Collection::Receipts, MutationOp::Delete, m_ids.at(5), -1, {}}).ok);
    QTRY_COMPARE(receipts.rowOf(m_ids.at(5)), -1);
    QCOMPARE(queryCount(*device.store, m_ids.at(5)), 0);
    sync.reset();
}

void tst_ReceiptImages::theConfirmingDeviceKeepsItsOwnImage()
{
    JoinedDevice device(*m_host, m_host->baseUrl());
    QVERIFY2(device.store, qPrintable(device.error));
    ReplicaEngine &replica = *device.replica;
    HouseholdData &data = *device.data;
    ConnectionStatus &status = device.status;
    const QString &token = device.token;
    SyncService sync(replica, status, m_host->baseUrl(), SyncCredentials{token, {}, {}});
    QSignalSpy synced(&sync, &SyncService::synced);
    sync.start();
    QVERIFY(synced.wait(20000));
    sync.stop();

    // Confirmed offline: the receipt opens here at once, and the outbox holds the image to send.
    const QByteArray image = fakeJpeg(4242, kImageBytes);
    const QByteArray thumbnail = fakeJpeg(4243, 2048);
    ReceiptsModel &receipts = data.model<ReceiptsModel>(Collection::Receipts);
    const MutationResult made = receipts.apply(receiptCreate(99, image, thumbnail, s("own-receipt")));
    QVERIFY2(made.ok, qPrintable(made.error.message));
    QCOMPARE(receipts.images().local(s("own-receipt"), ReceiptImageSize::Full), std::optional<QByteArray>(image));
    QCOMPARE(receipts.index(receipts.rowOf(s("own-receipt")), 0).data(ReceiptsModel::ThumbnailRole).toByteArray(), thumbnail);
    QCOMPARE(replica.outboxSize(), 1);
    QVERIFY(replica.outbox().at(0).frame.contains(QString::fromLatin1(image.toBase64())));
    QVERIFY(!receiptimages::hosted(m_host->store(), m_host->householdId(), s("own-receipt"), ReceiptImageSize::Full));

    // A poll or refetch replaces every collection with the host's snapshot, which does not have the
    // receipt yet; the outbox puts it back, and its image must still be here.
    QMap<Collection, QJsonArray> snapshots;
    for (Collection c : allCollections())
        snapshots.insert(c, m_host->engine().snapshot(c));
    QVERIFY(replica.replaceAll(snapshots, m_host->engine().headSeq()));
    QCOMPARE(replica.outboxSize(), 1);
    QVERIFY(receipts.rowOf(s("own-receipt")) >= 0);
    QCOMPARE(receipts.images().local(s("own-receipt"), ReceiptImageSize::Full), std::optional<QByteArray>(image));
    QCOMPARE(receipts.index(receipts.rowOf(s("own-receipt")), 0).data(ReceiptsModel::ThumbnailRole).toByteArray(), thumbnail);

    // Back online: the host gets it with the create, and serves it to everyone.
    sync.start();
    QTRY_COMPARE_WITH_TIMEOUT(replica.outboxSize(), 0, 10000);
    QCOMPARE(receiptimages::local(m_host->store(), m_host->householdId(), s("own-receipt"), ReceiptImageSize::Full),
             std::optional<QByteArray>(image));
    QVERIFY(!replica.entity(Collection::Receipts, s("own-receipt"))->contains(s("image")));
    sync.stop();
}

void tst_ReceiptImages::oldReceiptsWithoutThumbnailsAreAskedForAFewAtATime()
{
    // Receipts moved by the migration have no thumbnail. The host says so rather than sending the
    // full image (80 of them are ~33 MB, over what it may queue for one peer), and a device showing
    // all of them asks a few at a time.
    QSqlQuery strip(m_host->store().database());
    QVERIFY(strip.exec(s("UPDATE receipt_images SET thumbnail = ''")));
    TestClient probe;
    QVERIFY(probe.join(m_host->roomUrl(m_host->token())));
    probe.sendEvent(s("fetch_image"), {{s("receipt_id"), m_ids.at(1)}, {s("size"), s("thumbnail")}}, s("t-1"));
    QCOMPARE(probe.waitFor(s("image_error")).value(s("data")).toObject().value(s("code")).toString(), s("not_found"));
    QCOMPARE(probe.count(s("image")), 0);
    const QByteArray path = "/api/receipts/" + m_host->householdId().toLatin1() + '/' + m_ids.at(1).toLatin1() + "/image";
    QCOMPARE(httpGet(m_host->port(), path + "?size=thumbnail", m_host->token()).status, 404);
    QCOMPARE(httpGet(m_host->port(), path, m_host->token()).body, m_images.at(1));

    JoinedDevice device(*m_host, m_host->baseUrl());
    QVERIFY2(device.store, qPrintable(device.error));
    ReplicaEngine &replica = *device.replica;
    HouseholdData &data = *device.data;
    ConnectionStatus &status = device.status;
    const QString &token = device.token;
    SyncService sync(replica, status, m_host->baseUrl(), SyncCredentials{token, {}, {}});
    ReceiptsModel &receipts = data.model<ReceiptsModel>(Collection::Receipts);
    ReceiptImages &images = receipts.images();
    int sent = 0;
    int outstanding = 0;
    int mostOutstanding = 0;
    images.setFetcher([&](const QString &id, ReceiptImageSize size) {
        if (!sync.fetchImage(id, size))
            return false;
        ++sent;
        mostOutstanding = std::max(mostOutstanding, ++outstanding);
        return true;
    });
    connect(&sync, &SyncService::imageFetched, &images, [&](const QString &id, ReceiptImageSize size, const QByteArray &jpeg) {
        --outstanding;
        images.deliver(id, size, jpeg);
    });
    connect(&sync, &SyncService::imageRefused, &images, [&](const QString &id, ReceiptImageSize size, const QString &code) {
        --outstanding;
        images.fail(id, size, code);
    });
    QSignalSpy synced(&sync, &SyncService::synced);
    QSignalSpy offline(&sync, &SyncService::imageRefused);
    sync.start();
    QVERIFY(synced.wait(20000));
    QTRY_COMPARE(receipts.rowCount(), kReceipts);

    QSignalSpy arrived(&images, &ReceiptImages::arrived);
    for (int row = 0; row < kReceipts; ++row)
        QVERIFY(receipts.index(row, 0).data(ReceiptsModel::ThumbnailRole).isNull());
    QCOMPARE(sent, ReceiptImages::kMaxInFlight);
    const auto state = [&](int row) { return receipts.index(row, 0).data(ReceiptsModel::ImageStateRole).value<ReceiptsModel::ImageState>(); };
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(m_ids.cbegin(), m_ids.cend(),
                                         [&](const QString &id) { return state(receipts.rowOf(id)) == ReceiptsModel::ImageState::Missing; }),
                             20000);
    QCOMPARE(sent, kReceipts);
    QCOMPARE(mostOutstanding, ReceiptImages::kMaxInFlight);
    QCOMPARE(arrived.count(), 0); // no full image came in a thumbnail's place
    for (const QList<QVariant> &refusal : std::as_const(offline))
        QCOMPARE(refusal.at(2).toString(), s("not_found"));
    // Back online: a thumbnail the host does not have is not asked for again.
    images.notifyOnline();
    for (int row = 0; row < kReceipts; ++row)
        QVERIFY(receipts.index(row, 0).data(ReceiptsModel::ThumbnailRole).isNull());
    QCOMPARE(sent, kReceipts);
    // Opened, the receipt's full image comes and stands in for its thumbnail in the list.
    const int opened = receipts.rowOf(m_ids.at(3));
    QVERIFY(!images.request(m_ids.at(3), ReceiptImageSize::Full));
    QTRY_COMPARE_WITH_TIMEOUT(receipts.index(opened, 0).data(ReceiptsModel::ThumbnailRole).toByteArray(), m_images.at(3), 10000);
    QCOMPARE(state(opened), ReceiptsModel::ImageState::Here);
    sync.stop();
}

void tst_ReceiptImages::aPollingDeviceFetchesOverHttp()
{
    // Sockets do not get through (a proxy that drops upgrades): the device polls snapshots, and
    // an image it shows comes over GET /api/receipts/… instead.
    TestProxy proxy(m_host->port());
    QVERIFY(proxy.listen());
    proxy.setBlockingUpgrades(true);
    JoinedDevice device(*m_host, proxy.url());
    QVERIFY2(device.store, qPrintable(device.error));
    ReplicaEngine &replica = *device.replica;
    HouseholdData &data = *device.data;
    ConnectionStatus &status = device.status;
    const QString &token = device.token;
    SyncOptions options;
    options.backoff = {std::chrono::milliseconds(10), std::chrono::milliseconds(20), std::chrono::milliseconds(50)};
    options.random = [] { return 1.0; };
    options.fallbackAfter = std::chrono::milliseconds(100);
    options.pollInterval = std::chrono::milliseconds(100);
    SyncService sync(replica, status, proxy.url(), SyncCredentials{token, {}, {}}, options);
    ReceiptImages &images = data.model<ReceiptsModel>(Collection::Receipts).images();
    images.setFetcher([&sync](const QString &id, ReceiptImageSize size) { return sync.fetchImage(id, size); });
    connect(&sync, &SyncService::imageFetched, &images, &ReceiptImages::deliver);
    connect(&sync, &SyncService::imageRefused, &images, &ReceiptImages::fail);
    QSignalSpy polled(&sync, &SyncService::polled);
    sync.start();
    QVERIFY(polled.wait(10000));
    QVERIFY(sync.isPolling());
    QTRY_COMPARE(data.model<ReceiptsModel>(Collection::Receipts).rowCount(), kReceipts);

    QSignalSpy arrived(&images, &ReceiptImages::arrived);
    QVERIFY(!images.request(m_ids.at(9), ReceiptImageSize::Full));
    QVERIFY(arrived.wait(10000));
    QCOMPARE(arrived.last().at(2).toByteArray(), m_images.at(9));
    QCOMPARE(images.local(m_ids.at(9), ReceiptImageSize::Full), std::optional<QByteArray>(m_images.at(9)));
    QSignalSpy unavailable(&images, &ReceiptImages::unavailable);
    QVERIFY(!images.request(s("no-such-receipt"), ReceiptImageSize::Thumbnail));
    QVERIFY(unavailable.wait(10000));
    QCOMPARE(unavailable.last().at(2).toString(), s("not_found"));
    sync.stop();
}

QTEST_GUILESS_MAIN(tst_ReceiptImages)
#include "tst_receiptimages.moc"
