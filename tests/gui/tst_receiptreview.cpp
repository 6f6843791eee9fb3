// The receipt review dialog offscreen: what OCR read fills it (image beside the lines), the sum
// check says the difference in words, lines are added and removed, categories come from earlier
// receipts and pantry details from the item of the same name, confirming writes one receipt with
// its transactions; the image is reduced to at most 300 KB. The Budget page's receipts panel:
// thumbnails, open, delete asking about what the receipt made, and a file dropped on the page.

#include "BudgetPage.h"
#include "HouseholdSession.h"
#include "KioskWindow.h"
#include "SessionTestSupport.h"
#include "SessionUi.h"
#include "DialogCatalog.h"
#include "MoneyEdit.h"
#include "PageHarness.h"
#include "ReceiptFlow.h"
#include "ReceiptReader.h"
#include "ReceiptReviewDialog.h"
#include "ReceiptsPanel.h"
#include "ModelTestHelpers.h"
#include "Translations.h"
#include "receipts/ReceiptsModel.h"

#include <QCheckBox>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace hearth;
using namespace hearth::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

// The app's own session UI showing the kitchen screen over a household of its own, and a
// sample receipt photo on disk for it to read.
struct KitchenScreen
{
    TempHousehold household;
    QSettings settings{household.dir() + s("/hearth.ini"), QSettings::IniFormat};
    HouseholdSession session{household.store(), household.clock, sessionOptions(household.dir(), s("Alex"))};
    ScriptedConfirmer confirmer;
    std::unique_ptr<SessionUi> ui; // made once the session is open
    QTemporaryDir dir;
    QString receiptFile = dir.filePath(s("receipt.png"));

    bool start()
    {
        if (!session.open(nullptr))
            return false;
        ui = std::make_unique<SessionUi>(session, confirmer, settings);
        ui->startKiosk();
        return ui->kiosk() && dialogcatalog::sampleReceiptImage(dialogcatalog::sampleReading()).save(receiptFile);
    }
};

class tst_ReceiptReview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); // a decimal comma
        installTranslations(*QCoreApplication::instance());              // English plural forms
    }
    void init();
    void cleanup();

    void readingFillsTheFormAndTheSumCheckSaysTheDifference();
    void linesAreAddedAndRemoved();
    void categoriesAndPantryDetailsAreProposed();
    void confirmingWritesTheReceiptAndItsTransactions();
    void imageIsReducedToFit();
    void panelListsOpensAndDeletesWithTheQuestion();
    void anOpenedReceiptWaitsForItsImageWithoutBlocking();
    void theListAsksOnlyForTheThumbnailsItShows();
    void aFileDroppedOnTheBudgetPageIsRead();
    void cancelWhileReadingStopsTheFlow();
    void aFileReadOnTheKitchenScreenIsReviewedThere();
    void leavingTheKitchenScreenWhileReadingEndsTheFlow();

private:
    ReceiptsModel &receipts() { return m_harness->data->model<ReceiptsModel>(Collection::Receipts); }
    std::unique_ptr<ReceiptReviewDialog> review(ReceiptReviewDialog::ConfirmFn confirm = {});

    std::unique_ptr<PageHarness> m_harness;
};

void tst_ReceiptReview::init()
{
    m_harness = std::make_unique<PageHarness>();
    QVERIFY(m_harness->isValid());
}

void tst_ReceiptReview::cleanup()
{
    m_harness.reset();
}

std::unique_ptr<ReceiptReviewDialog> tst_ReceiptReview::review(ReceiptReviewDialog::ConfirmFn confirm)
{
    if (!confirm)
        confirm = [this](const Receipt &r) { return receipts().apply(receipts().confirmMutation(r)); };
    auto dialog = std::make_unique<ReceiptReviewDialog>(*m_harness->data, confirm);
    const ParsedReceipt reading = dialogcatalog::sampleReading();
    dialog->setReading(reading, dialogcatalog::sampleReceiptImage(reading));
    dialog->resize(1000, 560);
    dialog->show();
    return dialog;
}

void tst_ReceiptReview::readingFillsTheFormAndTheSumCheckSaysTheDifference()
{
    auto dialog = review();
    QCOMPARE(dialog->merchantEdit()->text(), s("LIDL Berlin Mitte"));
    QCOMPARE(dialog->linesTable()->rowCount(), 7);
    QCOMPARE(dialog->linesTable()->item(2, ReceiptReviewDialog::Name)->text(), s("Bananas"));
    QCOMPARE(dialog->linesTable()->item(2, ReceiptReviewDialog::Quantity)->text(), s("0,82"));
    QCOMPARE(dialog->sumCheck()->text(), s("Lines add up to 14,77\u00a0€, 0,50\u00a0€ less than the total"));
    QVERIFY(dialog->findChild<QLabel *>()->parentWidget()); // the image pane is there
    // A price corrected to what the paper says: the lines now make the total.
    dialog->linesTable()->item(0, ReceiptReviewDialog::Price)->setText(s("2,68"));
    QCOMPARE(dialog->sumCheck()->text(), s("Lines add up to 15,27\u00a0€, the total."));
    dialog->totalEdit()->setCents(1500);
    QCOMPARE(dialog->sumCheck()->text(), s("Lines add up to 15,27\u00a0€, 0,27\u00a0€ more than the total"));
    dialog->linesTable()->item(1, ReceiptReviewDialog::Price)->setText(s("zwei"));
    QCOMPARE(dialog->sumCheck()->text(), s("A line's price is not an amount."));
}

void tst_ReceiptReview::linesAreAddedAndRemoved()
{
    auto dialog = review();
    QTest::mouseClick(dialog->findChild<QPushButton *>(s("addLine")), Qt::LeftButton);
    QCOMPARE(dialog->linesTable()->rowCount(), 8);
    dialog->linesTable()->item(7, ReceiptReviewDialog::Name)->setText(s("Deposit"));
    dialog->linesTable()->item(7, ReceiptReviewDialog::Price)->setText(s("0,50"));
    QCOMPARE(dialog->sumCheck()->text(), s("Lines add up to 15,27\u00a0€, the total."));
    dialog->linesTable()->selectRow(6);
    QTest::mouseClick(dialog->findChild<QPushButton *>(s("removeLine")), Qt::LeftButton);
    QCOMPARE(dialog->linesTable()->rowCount(), 7);
    QCOMPARE(dialog->receipt().lines.last().name, s("Deposit"));
    QCOMPARE(dialog->receipt().linesSumCents(), 1527 - 95);
}

void tst_ReceiptReview::categoriesAndPantryDetailsAreProposed()
{
    // An earlier receipt put the shampoo under "Household"; the pantry has Milk 1l in the fridge.
    Receipt earlier;
    earlier.merchant = s("Aldi");
    earlier.purchasedOn = QDate(2026, 3, 1);
    earlier.totalCents = 349;
    earlier.lines = {ConfirmedLine{s("Shampoo"), 1, 349, s("Household"), {}}};
    QVERIFY(receipts().apply(receipts().confirmMutation(earlier)).ok);
    auto &pantry = m_harness->data->pantry;
    const MutationResult milk = pantry.create({{s("name"), s("milk 1l")}, {s("unit"), s("l")}, {s("location"), s("Fridge")}});
    QVERIFY(milk.ok);

    auto dialog = review();
    QTableWidget *lines = dialog->linesTable();
    QCOMPARE(lines->item(5, ReceiptReviewDialog::Category)->text(), s("Household"));
    QCOMPARE(lines->item(1, ReceiptReviewDialog::Category)->text(), s("Groceries")); // nothing remembered
    QCOMPARE(lines->item(0, ReceiptReviewDialog::Unit)->text(), s("l"));
    QCOMPARE(lines->item(0, ReceiptReviewDialog::Location)->text(), s("Fridge"));
    QCOMPARE(lines->item(0, ReceiptReviewDialog::PantryAmount)->text(), s("2"));
    QVERIFY(qobject_cast<QCheckBox *>(lines->cellWidget(0, ReceiptReviewDialog::AddToPantry))->isChecked());
    QVERIFY(!qobject_cast<QCheckBox *>(lines->cellWidget(1, ReceiptReviewDialog::AddToPantry))->isChecked());
    QCOMPARE(dialog->receipt().lines.at(0).pantry.pantryItemId, milk.entityId);
    // Renaming a line looks again.
    lines->item(1, ReceiptReviewDialog::Name)->setText(s("Milk 1L"));
    QCOMPARE(dialog->receipt().lines.at(1).pantry.pantryItemId, milk.entityId);
}

void tst_ReceiptReview::confirmingWritesTheReceiptAndItsTransactions()
{
    auto dialog = review();
    qobject_cast<QCheckBox *>(dialog->linesTable()->cellWidget(1, ReceiptReviewDialog::AddToPantry))->setChecked(true);
    dialog->linesTable()->item(5, ReceiptReviewDialog::Category)->setText(s("Household"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(receipts().rowCount(), 1);
    const Receipt saved = receipts().at(0);
    QCOMPARE(saved.itemCount, 7);
    // The image went beside the row (an input), reduced, with a thumbnail of at most 160 px.
    QVERIFY(saved.hasImage);
    QVERIFY(saved.imageJpeg.isEmpty());
    QImage full, thumbnail;
    QVERIFY(full.loadFromData(*receipts().images().local(saved.id, ReceiptImageSize::Full), "JPEG"));
    QVERIFY(thumbnail.loadFromData(*receipts().images().local(saved.id, ReceiptImageSize::Thumbnail), "JPEG"));
    QVERIFY(full.width() > 160);
    QVERIFY(std::max(thumbnail.width(), thumbnail.height()) <= 160);
    QCOMPARE(m_harness->data->budget.rowCount(), 2); // Groceries and Household
    QCOMPARE(m_harness->data->pantry.rowCount(), 1);
    QCOMPARE(m_harness->data->pantry.at(0).name, s("Wholegrain bread"));
}

void tst_ReceiptReview::imageIsReducedToFit()
{
    // A 3000 px photo full of noise (JPEG's worst case) still ends at most 300 KB, readable width.
    QImage photo(3000, 4000, QImage::Format_RGB32);
    QRandomGenerator random(7);
    for (int y = 0; y < photo.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(photo.scanLine(y));
        for (int x = 0; x < photo.width(); ++x)
            line[x] = random.generate();
    }
    const QByteArray jpeg = ReceiptReviewDialog::reducedJpeg(photo);
    QVERIFY(!jpeg.isEmpty());
    QVERIFY2(jpeg.size() <= 300 * 1024, qPrintable(QString::number(jpeg.size())));
    QImage back;
    QVERIFY(back.loadFromData(jpeg, "JPEG"));
    QVERIFY(back.width() <= 1000 && back.width() >= 200);
    // A plain receipt keeps a readable width.
    const QImage plain = dialogcatalog::sampleReceiptImage(dialogcatalog::sampleReading());
    QVERIFY(back.loadFromData(ReceiptReviewDialog::reducedJpeg(plain), "JPEG"));
    QCOMPARE(back.width(), plain.width());
}

void tst_ReceiptReview::panelListsOpensAndDeletesWithTheQuestion()
{
    auto page = m_harness->show<BudgetPage>(QSize(1366, 768));
    QVERIFY(page);
    auto *panel = page->findChild<ReceiptsPanel *>();
    QVERIFY(panel);
    QVERIFY(!panel->listView()->isVisible());
    Receipt receipt;
    receipt.merchant = s("Lidl");
    receipt.purchasedOn = QDate(2026, 3, 14);
    receipt.totalCents = 567;
    receipt.lines = {ConfirmedLine{s("Bread"), 1, 199, s("Groceries"), {true, 1, s("pcs"), s("Bin"), {}, false}},
                     ConfirmedLine{s("Shampoo"), 1, 368, s("Household"), {}}};
    const QImage photo = dialogcatalog::sampleReceiptImage(dialogcatalog::sampleReading());
    receipt.imageJpeg = ReceiptReviewDialog::reducedJpeg(photo);
    receipt.thumbnailJpeg = ReceiptReviewDialog::thumbnailJpeg(photo);
    QVERIFY(receipts().apply(receipts().confirmMutation(receipt)).ok);
    QTRY_VERIFY(panel->listView()->isVisible());
    const QModelIndex first = panel->listView()->model()->index(0, 0);
    QVERIFY(first.data(Qt::DecorationRole).value<QPixmap>().width() > 0); // the thumbnail
    QVERIFY(first.data().toString().startsWith(s("Lidl")));

    panel->listView()->setCurrentIndex(first);
    panel->openSelected();
    ReceiptReviewDialog *shown = nullptr;
    QTRY_VERIFY((shown = page->findChild<ReceiptReviewDialog *>()) != nullptr);
    QCOMPARE(shown->linesTable()->rowCount(), 2);
    QVERIFY(!shown->saveButton()->isVisible());
    QCOMPARE(shown->imagePlaceholder(), QString()); // the image, read from this device's own store
    shown->reject();

    // Cancel at the first question: nothing goes.
    m_harness->confirmer.answer = false;
    panel->deleteSelected();
    QCOMPARE(m_harness->confirmer.asked, 1);
    QCOMPARE(receipts().rowCount(), 1);
    // Yes, and yes to its transactions and pantry items: all of it goes in one change.
    m_harness->confirmer.answer = true;
    panel->deleteSelected();
    QCOMPARE(m_harness->confirmer.asked, 3);
    QVERIFY(m_harness->confirmer.lastQuestion.contains(s("2 budget transactions")));
    QCOMPARE(receipts().rowCount(), 0);
    QCOMPARE(m_harness->data->budget.rowCount(), 0);
    QCOMPARE(m_harness->data->pantry.rowCount(), 0);
    QTRY_VERIFY(!panel->listView()->isVisible());
}

void tst_ReceiptReview::anOpenedReceiptWaitsForItsImageWithoutBlocking()
{
    Receipt receipt;
    receipt.merchant = s("Lidl");
    receipt.purchasedOn = QDate(2026, 3, 14);
    receipt.totalCents = 199;
    receipt.lines = {ConfirmedLine{s("Bread"), 1, 199, s("Groceries"), {}}};
    const QImage photo = dialogcatalog::sampleReceiptImage(dialogcatalog::sampleReading());
    receipt.imageJpeg = ReceiptReviewDialog::reducedJpeg(photo);
    receipt.thumbnailJpeg = ReceiptReviewDialog::thumbnailJpeg(photo);
    const MutationResult made = receipts().apply(receipts().confirmMutation(receipt));
    QVERIFY(made.ok);
    // As on a joined device that has not fetched it yet: the image is elsewhere, asked for.
    queryValue(m_harness->household.store(), s("DELETE FROM receipt_images"));
    QCOMPARE(countRows(m_harness->household.store(), s("receipt_images")), 0);
    QStringList asked;
    receipts().images().setFetcher([&asked](const QString &id, ReceiptImageSize size) {
        asked << id + (size == ReceiptImageSize::Full ? s(":full") : s(":thumbnail"));
        return true;
    });
    auto page = m_harness->show<BudgetPage>(QSize(1366, 768));
    auto *panel = page->findChild<ReceiptsPanel *>();
    QVERIFY(panel);
    const QModelIndex first = panel->listView()->model()->index(0, 0);
    // A placeholder stands in the list until the thumbnail comes.
    const QPixmap waiting = first.data(Qt::DecorationRole).value<QPixmap>();
    QVERIFY(!waiting.isNull());
    QCOMPARE(first.data(Qt::ToolTipRole).toString(), s("Loading image…"));
    panel->listView()->setCurrentIndex(first);
    panel->openSelected();
    ReceiptReviewDialog *shown = nullptr;
    QTRY_VERIFY((shown = page->findChild<ReceiptReviewDialog *>()) != nullptr);
    QCOMPARE(shown->imagePlaceholder(), s("Loading image…"));
    QVERIFY(asked.contains(made.entityId + s(":full")));
    QVERIFY(asked.contains(made.entityId + s(":thumbnail")));
    // It arrives: the open view and the list show it.
    receipts().images().deliver(made.entityId, ReceiptImageSize::Full, receipt.imageJpeg);
    QCOMPARE(shown->imagePlaceholder(), QString());
    // The thumbnail, kept as SyncService keeps what it fetched, replaces the placeholder.
    QVERIFY(receiptimages::cache(m_harness->household.store(), m_harness->household.engine().householdId(), made.entityId,
                                 ReceiptImageSize::Thumbnail, QString::fromLatin1(receipt.thumbnailJpeg.toBase64())));
    receipts().images().deliver(made.entityId, ReceiptImageSize::Thumbnail, receipt.thumbnailJpeg);
    QTRY_VERIFY(first.data(Qt::DecorationRole).value<QPixmap>().width() < waiting.width()); // a tall receipt, not the square
    QVERIFY(first.data(Qt::ToolTipRole).isNull());
    shown->reject();
    QTRY_VERIFY(page->findChild<ReceiptReviewDialog *>() == nullptr); // deleted on close

    // Offline, with nothing kept: the open view says so instead of waiting.
    receipts().images().setFetcher([](const QString &, ReceiptImageSize) { return false; });
    panel->openSelected();
    ReceiptReviewDialog *offline = nullptr;
    QTRY_VERIFY((offline = page->findChild<ReceiptReviewDialog *>()) != nullptr);
    QTRY_COMPARE(offline->imagePlaceholder(), s("Image not available offline."));
    offline->reject();
}

void tst_ReceiptReview::theListAsksOnlyForTheThumbnailsItShows()
{
    // Many receipts whose thumbnails are elsewhere, as on a joined device: laying the list out must
    // not ask for all of them, only for those it paints; one the host has no thumbnail of shows a
    // receipt glyph.
    constexpr int kMany = 60;
    for (int i = 0; i < kMany; ++i) {
        Receipt receipt;
        receipt.merchant = s("Shop %1").arg(i);
        receipt.purchasedOn = QDate(2026, 1, 1).addDays(i);
        receipt.totalCents = 100 + i;
        receipt.lines = {ConfirmedLine{s("Bread"), 1, 100 + i, s("Groceries"), {}}};
        receipt.imageJpeg = QByteArray("\xff\xd8 stand-in");
        QVERIFY(receipts().apply(receipts().confirmMutation(receipt)).ok);
    }
    queryValue(m_harness->household.store(), s("DELETE FROM receipt_images"));
    QSet<QString> asked;
    ReceiptImages &images = receipts().images();
    images.setFetcher([&](const QString &id, ReceiptImageSize size) {
        asked.insert(id);
        QTimer::singleShot(0, &images, [&images, id, size] { images.fail(id, size, s("not_found")); });
        return true;
    });
    auto page = m_harness->show<BudgetPage>(QSize(1366, 768));
    auto *panel = page->findChild<ReceiptsPanel *>();
    QVERIFY(panel);
    QListView *list = panel->listView();
    QTRY_VERIFY(list->isVisible());
    QAbstractItemModel *model = list->model();
    QCOMPARE(model->rowCount(), kMany);
    const auto shownRows = [&] {
        QStringList ids;
        for (int row = 0; row < kMany; ++row)
            if (list->visualRect(model->index(row, 0)).intersects(list->viewport()->rect()))
                ids << model->index(row, 0).data(ReceiptsModel::IdRole).toString();
        return ids;
    };
    // Painted as the screen would, until every row it shows has been asked for and answered.
    QTRY_VERIFY([&] {
        list->grab();
        const QStringList shown = shownRows();
        return images.inFlight() == 0 && std::all_of(shown.cbegin(), shown.cend(), [&](const QString &id) { return asked.contains(id); });
    }());
    const QStringList shown = shownRows();
    QVERIFY(!shown.isEmpty() && shown.size() < kMany / 2);
    // At most one more: the first row the list measured while it was being built (the one size
    // probe uniform item sizes make); before, measuring asked for every row.
    const auto unseen = std::count_if(asked.cbegin(), asked.cend(), [&](const QString &id) { return !shown.contains(id); });
    QVERIFY2(unseen <= 1, qPrintable(s("%1 asked for, not shown").arg(unseen)));
    const QModelIndex first = model->index(0, 0);
    QTRY_COMPARE(first.data(Qt::ToolTipRole).toString(), s("No thumbnail: open the receipt to see its image"));
    QVERIFY(!first.data(Qt::DecorationRole).value<QPixmap>().isNull()); // the glyph
}

void tst_ReceiptReview::aFileDroppedOnTheBudgetPageIsRead()
{
    auto page = m_harness->show<BudgetPage>(QSize(1366, 768));
    QVERIFY(page);
    QVERIFY(page->acceptDrops());
    QTemporaryDir dir;
    const QString path = dir.filePath(s("receipt.png"));
    QVERIFY(dialogcatalog::sampleReceiptImage(dialogcatalog::sampleReading()).save(path));

    QMimeData notAReceipt;
    notAReceipt.setUrls({QUrl::fromLocalFile(dir.filePath(s("notes.txt")))});
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &notAReceipt, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(page.get(), &refused);
    QVERIFY(!refused.isAccepted());

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(page.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(page.get(), &drop);
    QVERIFY(drop.isAccepted());
    auto *flow = page->findChild<ReceiptFlow *>();
    QVERIFY(flow);
    QVERIFY(flow->progressDialog()->isVisible());
    // Read for real on the worker; then the review opens on what was read.
    QSignalSpy reviewed(flow, &ReceiptFlow::reviewOpened);
    QVERIFY(reviewed.wait(60000));
    ReceiptReviewDialog *dialog = flow->reviewDialog();
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(!flow->progressDialog()->isVisible());
    QVERIFY(dialog->linesTable()->rowCount() >= 5);
    dialog->reject();
    QTRY_VERIFY(!page->findChild<ReceiptFlow *>());
    QCOMPARE(receipts().rowCount(), 0);
}

void tst_ReceiptReview::cancelWhileReadingStopsTheFlow()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(s("receipt.png"));
    QVERIFY(dialogcatalog::sampleReceiptImage(dialogcatalog::sampleReading()).save(path));
    auto *flow = new ReceiptFlow(*m_harness->data, nullptr, this);
    QPointer<ReceiptFlow> alive(flow);
    QSignalSpy finished(flow, &ReceiptFlow::finished);
    QSignalSpy reviewed(flow, &ReceiptFlow::reviewOpened);
    flow->start(path);
    QVERIFY(flow->reader().isBusy());
    QVERIFY(flow->progressDialog()->isVisible());
    QTest::mouseClick(flow->progressDialog()->cancelButton(), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(reviewed.size(), 0);
    QTRY_VERIFY(!alive); // the flow, its reader and its dialog are gone
    QCOMPARE(receipts().rowCount(), 0);
}

void tst_ReceiptReview::aFileReadOnTheKitchenScreenIsReviewedThere()
{
    // `hearth --kiosk --receipt FILE`: SessionUi reads it over the kitchen screen.
    KitchenScreen screen;
    QVERIFY(screen.start());
    SessionUi &ui = *screen.ui;
    const QString &path = screen.receiptFile;
    ReceiptFlow *flow = ui.openReceipt(path);
    QCOMPARE(flow->progressDialog()->parentWidget(), ui.kiosk());
    QSignalSpy reviewed(flow, &ReceiptFlow::reviewOpened);
    QVERIFY(reviewed.wait(60000));
    QCOMPARE(flow->reviewDialog()->parentWidget(), ui.kiosk());
    QVERIFY(flow->reviewDialog()->isVisible());
    flow->reviewDialog()->reject();
}

void tst_ReceiptReview::leavingTheKitchenScreenWhileReadingEndsTheFlow()
{
    // The reading outlives nothing it shows over: leaving the kitchen screen mid-read ends the
    // flow and its reader, and nothing touches the dialogs that went with the screen.
    KitchenScreen screen;
    QVERIFY(screen.start());
    SessionUi &ui = *screen.ui;
    const QString &path = screen.receiptFile;
    QPointer<ReceiptFlow> flow(ui.openReceipt(path));
    QVERIFY(flow->reader().isBusy());
    Q_EMIT ui.kiosk()->left();
    QTRY_VERIFY(!flow);
    QVERIFY(!ui.kiosk());
}

QTEST_MAIN(tst_ReceiptReview)
#include "tst_receiptreview.moc"
