// A receipt end to end on two live copies of the app over real loopback sockets: copy A hosts,
// copy B joins. A rendered receipt image (turned and speckled) is read by real OCR
// (ReceiptReader on its worker), reviewed in the dialog and confirmed on A; B sees the receipt,
// its budget transactions and its pantry additions live, with the notice a person reads, and the
// raw frame B received is `receipt_confirmed` with {receipt_id, item_count} beside the envelope.

#include "HouseholdSession.h"
#include "PantryModel.h"
#include "ReceiptFlow.h"
#include "ReceiptImages.h"
#include "ReceiptReviewDialog.h"
#include "SessionTestSupport.h"
#include "SyncService.h"
#include "Translations.h"
#include "receipts/ReceiptsModel.h"

#include <QAbstractButton>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QWebSocket>

using namespace hearth;
using namespace hearth::test;

class tst_ReceiptSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); // the household reads 1,49 €
        installTranslations(*QCoreApplication::instance());
    }

    void aScannedReceiptReachesTheOtherCopyLive()
    {
        SessionCopy a(QStringLiteral("Alex"));
        SessionCopy b(QStringLiteral("Sam"));
        QString error;
        QVERIFY2(a.session->open(&error), qPrintable(error));
        QVERIFY2(b.session->open(&error), qPrintable(error));
        a.session->start();
        b.session->start();
        QVERIFY2(a.session->startHosting(0, &error, QHostAddress::LocalHost), qPrintable(error));
        const QString code = a.session->createInviteCode(&error);
        QVERIFY2(!code.isEmpty(), qPrintable(error));
        const auto paired = pairWith(*a.session, code, QStringLiteral("Sam"), &error);
        QVERIFY2(paired, qPrintable(error));
        QVERIFY2(b.session->join(*paired, &error), qPrintable(error));
        QTRY_COMPARE(a.session->membersOnline(), 1);
        QTRY_VERIFY(b.session->sync() && b.session->sync()->socket());

        // What B's socket receives from here on, as sent.
        QStringList frames;
        connect(b.session->sync()->socket(), &QWebSocket::textMessageReceived, this,
                [&frames](const QString &frame) { frames.append(frame); });

        // A receipt as a phone would photograph it, on disk.
        ReceiptImageSpec spec;
        spec.layout = ReceiptLayout::GermanSupermarket;
        spec.seed = 11;
        spec.lineCount = 5;
        spec.rotationDegrees = -2;
        spec.noise = 0.3;
        const RenderedReceipt rendered = renderReceipt(spec);
        const QString path = QDir(a.dir.path()).filePath(QStringLiteral("receipt.png"));
        QVERIFY(rendered.image.save(path));

        // Read on A (real OCR, off the UI thread), then the review opens on what was read.
        auto *flow = new ReceiptFlow(a.data(), nullptr, this);
        QSignalSpy reviewed(flow, &ReceiptFlow::reviewOpened);
        QSignalSpy confirmed(flow, &ReceiptFlow::confirmed);
        flow->start(path);
        QVERIFY(flow->progressDialog()->isVisible());
        QVERIFY(reviewed.wait(60000));
        ReceiptReviewDialog *dialog = flow->reviewDialog();
        QVERIFY(dialog);
        const Receipt proposed = dialog->receipt();
        QVERIFY2(proposed.lines.size() >= rendered.truth.lines.size() - 1, qPrintable(proposed.merchant));
        QCOMPARE(proposed.purchasedOn, rendered.truth.date);
        QCOMPARE(proposed.totalCents, *rendered.truth.totalCents);
        // Every line to the pantry; the last under another category, so two transactions.
        QTableWidget *lines = dialog->linesTable();
        for (int row = 0; row < lines->rowCount(); ++row)
            qobject_cast<QAbstractButton *>(lines->cellWidget(row, ReceiptReviewDialog::AddToPantry))->setChecked(true);
        lines->item(lines->rowCount() - 1, ReceiptReviewDialog::Category)->setText(QStringLiteral("Household"));
        const int itemCount = lines->rowCount();
        dialog->accept();
        QCOMPARE(confirmed.size(), 1);
        const QString receiptId = confirmed.at(0).at(0).toString();

        // B: the receipt, the two transactions and the pantry items, live.
        auto &receiptsB = b.data().model<ReceiptsModel>(Collection::Receipts);
        QTRY_COMPARE_WITH_TIMEOUT(receiptsB.rowOf(receiptId), 0, 10000);
        const Receipt onB = *receiptsB.find(receiptId);
        QCOMPARE(onB.itemCount, itemCount);
        QCOMPARE(onB.merchant, proposed.merchant);
        // The image is not in what B received: B asks for it when it opens the receipt, gets
        // exactly what A keeps (reduced to ≤ 300 KB), and keeps it for offline.
        QVERIFY(onB.hasImage);
        ReceiptImages &imagesB = receiptsB.images();
        QSignalSpy arrived(&imagesB, &ReceiptImages::arrived);
        QVERIFY(!imagesB.request(receiptId, ReceiptImageSize::Full));
        QVERIFY(arrived.wait(10000));
        const QByteArray onA = *a.data().model<ReceiptsModel>(Collection::Receipts).images().local(receiptId, ReceiptImageSize::Full);
        QCOMPARE(arrived.last().at(2).toByteArray(), onA);
        QVERIFY(onA.size() <= 300 * 1024);
        QCOMPARE(imagesB.local(receiptId, ReceiptImageSize::Full), std::optional<QByteArray>(onA));
        QTRY_COMPARE(b.data().budget.rowCount(), 2);
        qint64 spent = 0;
        for (const BudgetTransaction &t : b.data().budget.records()) {
            QCOMPARE(t.description, QStringLiteral("Receipt: %1").arg(proposed.merchant));
            spent += t.amountCents;
        }
        QCOMPARE(spent, proposed.linesSumCents());
        QTRY_COMPARE(b.data().pantry.rowCount(), itemCount);
        QTRY_VERIFY2(b.notices.contains(QStringLiteral("Alex added a receipt from %1 (%2 items)").arg(proposed.merchant).arg(itemCount)),
                     qPrintable(b.notices.join(u'|')));

        // On the wire: receipt_confirmed, its data the envelope plus receipt_id and item_count.
        QJsonObject message;
        for (const QString &frame : std::as_const(frames)) {
            const QJsonObject parsed = QJsonDocument::fromJson(frame.toUtf8()).object();
            if (parsed.value(QLatin1String("event")).toString() == QLatin1String("receipt_confirmed"))
                message = parsed;
        }
        QVERIFY2(!message.isEmpty(), qPrintable(frames.join(u'\n').left(2000)));
        const QJsonObject data = message.value(QLatin1String("data")).toObject();
        QCOMPARE(data.value(QLatin1String("receipt_id")).toString(), receiptId);
        QCOMPARE(data.value(QLatin1String("item_count")).toInteger(), itemCount);
        QCOMPARE(data.value(QLatin1String("collection")).toString(), QStringLiteral("receipts"));
        QCOMPARE(data.value(QLatin1String("action")).toString(), QStringLiteral("created"));
        QVERIFY(frames.join(QString()).contains(QLatin1String("\"event\":\"pantry_updated\"")));
        QVERIFY(!message.value(QLatin1String("data")).toObject().value(QLatin1String("entity")).toObject().contains(QLatin1String("image")));
    }
};

QTEST_MAIN(tst_ReceiptSync)
#include "tst_receiptsync.moc"
