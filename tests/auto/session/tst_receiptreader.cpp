// ReceiptReader: receipts drawn by the test (tests/support/ReceiptImages) are read FOR REAL by
// Tesseract on the reader's worker thread, and the parsed merchant, date, total and lines compared
// with what was printed; progress, cancel, destroying a busy reader, a PDF through Poppler, a JPEG
// turned by its EXIF orientation, and files that are not receipts at all.

#include "ReceiptImages.h"
#include "ReceiptReader.h"

#include <QDir>
#include <QFile>
#include <QImageWriter>
#include <QPainter>
#include <QPdfWriter>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QTest>

using namespace hearth;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

namespace {

// What one reading ended with.
struct Outcome
{
    bool finished = false;
    bool cancelled = false;
    QString failure;
    ParsedReceipt receipt;
    QImage image;
    QList<int> progress;
};

// Connects to every signal of the reader; `done` turns true on the first final one.
struct Recorder
{
    Outcome outcome;
    int finals = 0;

    explicit Recorder(ReceiptReader &reader)
    {
        QObject::connect(&reader, &ReceiptReader::progress, &reader, [this](int percent) {
            outcome.progress.append(percent);
        });
        QObject::connect(&reader, &ReceiptReader::finished, &reader,
                         [this](const ParsedReceipt &receipt, const QImage &image) {
                             outcome.finished = true;
                             outcome.receipt = receipt;
                             outcome.image = image;
                             ++finals;
                         });
        QObject::connect(&reader, &ReceiptReader::failed, &reader, [this](const QString &message) {
            outcome.failure = message;
            ++finals;
        });
        QObject::connect(&reader, &ReceiptReader::cancelled, &reader, [this] {
            outcome.cancelled = true;
            ++finals;
        });
    }
};

constexpr int kOcrTimeoutMs = 90000; // a receipt takes 1-4 s; the machine may be busy

QString describe(const ParsedReceipt &receipt)
{
    QStringList lines;
    for (const ReceiptLine &line : receipt.lines)
        lines << u"  %1 x%2 %3"_s.arg(line.name).arg(line.quantity).arg(line.priceCents);
    return u"merchant '%1' date %2 total %3\n%4\n--- OCR text:\n%5"_s
        .arg(receipt.merchant, receipt.date.toString(Qt::ISODate))
        .arg(receipt.totalCents ? QString::number(*receipt.totalCents) : u"none"_s)
        .arg(lines.join(u'\n'), receipt.rawText);
}

// A long receipt, so that recognition is still running when the test acts on it.
RenderedReceipt longReceipt()
{
    ReceiptImageSpec spec;
    spec.layout = ReceiptLayout::GermanSupermarket;
    spec.seed = 77;
    spec.lineCount = 40;
    return renderReceipt(spec);
}

} // namespace

class tst_ReceiptReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readsRenderedReceipts_data();
    void readsRenderedReceipts();
    void progressRisesToHundred();
    void cancelStopsRecognition();
    void newerReadSupersedesTheOlder();
    void destroyingWhileReadingStopsTheWorker();
    void readsFirstPageOfPdf();
    void jpegIsTurnedByItsExifOrientation();
    void badFilesFailNamingTheFile_data();
    void badFilesFailNamingTheFile();
    void languagesFollowTheLocale();
    void missingLanguageDataIsReported();

private:
    QTemporaryDir m_dir;
};

void tst_ReceiptReader::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(!ReceiptReader::tessdataDirectory(&error).isEmpty(), qPrintable(error));
}

void tst_ReceiptReader::readsRenderedReceipts_data()
{
    QTest::addColumn<int>("layout");
    QTest::addColumn<double>("rotation");
    QTest::addColumn<double>("noise");
    QTest::addColumn<int>("lineCount");
    QTest::addColumn<quint32>("seed");

    QTest::newRow("de, straight, clean") << int(ReceiptLayout::GermanSupermarket) << 0.0 << 0.0 << 5 << 11u;
    QTest::newRow("de, turned -3 deg, noisy") << int(ReceiptLayout::GermanSupermarket) << -3.0 << 0.5 << 4 << 12u;
    QTest::newRow("en_US, turned 2 deg, with tax") << int(ReceiptLayout::UsGrocery) << 2.0 << 0.3 << 5 << 13u;
    QTest::newRow("en_GB, BALANCE DUE, noisy") << int(ReceiptLayout::UkBalanceDue) << 1.0 << 0.6 << 4 << 14u;
    QTest::newRow("fr, TOTAL TTC, turned 4 deg") << int(ReceiptLayout::French) << 4.0 << 0.2 << 3 << 15u;
}

void tst_ReceiptReader::readsRenderedReceipts()
{
    QFETCH(int, layout);
    QFETCH(double, rotation);
    QFETCH(double, noise);
    QFETCH(int, lineCount);
    QFETCH(quint32, seed);

    ReceiptImageSpec spec;
    spec.layout = ReceiptLayout(layout);
    spec.rotationDegrees = rotation;
    spec.noise = noise;
    spec.lineCount = lineCount;
    spec.seed = seed;
    const RenderedReceipt rendered = renderReceipt(spec);

    ReceiptReader reader(rendered.locale, rendered.currency);
    Recorder recorder(reader);
    reader.read(rendered.image);
    QVERIFY(reader.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(recorder.finals > 0, kOcrTimeoutMs);
    QVERIFY2(recorder.outcome.finished, qPrintable(recorder.outcome.failure));
    QVERIFY(!reader.isBusy());
    QCOMPARE(recorder.outcome.image, rendered.image);

    const ParsedReceipt &read = recorder.outcome.receipt;
    const ReceiptScore score = scoreReceipt(read, rendered);
    const QByteArray details = describe(read).toUtf8();
    QVERIFY2(score.merchant, details.constData());
    QVERIFY2(score.date, details.constData());
    QVERIFY2(score.total, details.constData());
    // Every printed line but at most one found (name ~80% alike, price exact), nothing invented
    // beyond one line, and the quantities of the found ones right.
    QVERIFY2(score.foundLines >= score.truthLines - 1, details.constData());
    QVERIFY2(score.readLines <= score.truthLines + 1, details.constData());
    QCOMPARE(score.rightQuantities, score.foundLines);
    QVERIFY2(score.characterAccuracy > 0.7, details.constData());
}

void tst_ReceiptReader::progressRisesToHundred()
{
    ReceiptImageSpec spec;
    spec.seed = 21;
    const RenderedReceipt rendered = renderReceipt(spec);
    ReceiptReader reader(rendered.locale, rendered.currency);
    Recorder recorder(reader);
    reader.read(rendered.image);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.finals > 0, kOcrTimeoutMs);
    QVERIFY(recorder.outcome.finished);

    const QList<int> &progress = recorder.outcome.progress;
    QVERIFY2(progress.size() >= 4, qPrintable(QString::number(progress.size())));
    QCOMPARE(progress.first(), 0);
    QCOMPARE(progress.last(), 100);
    QVERIFY(std::is_sorted(progress.begin(), progress.end()));
    // Tesseract's own monitor reported in between, not only the reader's steps.
    QVERIFY(std::any_of(progress.begin(), progress.end(), [](int p) { return p > 10 && p < 95; }));
}

void tst_ReceiptReader::cancelStopsRecognition()
{
    const RenderedReceipt rendered = longReceipt();
    ReceiptReader reader(rendered.locale, rendered.currency);
    Recorder recorder(reader);
    reader.read(rendered.image);
    // Recognition under way (past loading and Tesseract's initialisation).
    QTRY_VERIFY_WITH_TIMEOUT(!recorder.outcome.progress.isEmpty() && recorder.outcome.progress.last() > 12,
                             kOcrTimeoutMs);
    reader.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.finals > 0, kOcrTimeoutMs);
    QVERIFY(recorder.outcome.cancelled);
    QVERIFY(!recorder.outcome.finished);
    QVERIFY(!reader.isBusy());
    // Stopped inside recognition: the last progress reported is short of the end.
    QVERIFY2(recorder.outcome.progress.last() < 95, qPrintable(QString::number(recorder.outcome.progress.last())));

    // The reader reads again after a cancel.
    ReceiptImageSpec spec;
    spec.seed = 22;
    const RenderedReceipt next = renderReceipt(spec);
    reader.read(next.image);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.finals > 1, kOcrTimeoutMs);
    QVERIFY(recorder.outcome.finished);
    QCOMPARE(recorder.outcome.receipt.totalCents, next.truth.totalCents);
    QCOMPARE(recorder.finals, 2); // nothing more came of the cancelled reading
}

void tst_ReceiptReader::newerReadSupersedesTheOlder()
{
    const RenderedReceipt first = longReceipt();
    ReceiptImageSpec spec;
    spec.layout = ReceiptLayout::UkBalanceDue;
    spec.seed = 31;
    const RenderedReceipt second = renderReceipt(spec);

    ReceiptReader reader(second.locale, second.currency);
    Recorder recorder(reader);
    reader.read(first.image);
    reader.read(second.image);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.finals > 0, kOcrTimeoutMs);
    QVERIFY2(recorder.outcome.finished, qPrintable(recorder.outcome.failure));
    QCOMPARE(recorder.outcome.image, second.image);
    QCOMPARE(recorder.outcome.receipt.totalCents, second.truth.totalCents);
    // Each worker thread is deleted after what it posted was delivered: once all are gone, the
    // superseded reading has had every chance to speak, and said nothing, not even cancelled().
    QTRY_VERIFY_WITH_TIMEOUT(reader.findChildren<QThread *>().isEmpty(), kOcrTimeoutMs);
    QCOMPARE(recorder.finals, 1);
}

void tst_ReceiptReader::destroyingWhileReadingStopsTheWorker()
{
    const RenderedReceipt rendered = longReceipt();
    {
        // Destroyed while Tesseract recognises.
        auto *reader = new ReceiptReader(rendered.locale, rendered.currency);
        Recorder recorder(*reader);
        reader->read(rendered.image);
        QTRY_VERIFY_WITH_TIMEOUT(!recorder.outcome.progress.isEmpty() && recorder.outcome.progress.last() > 12,
                                 kOcrTimeoutMs);
        QElapsedTimer timer;
        timer.start();
        delete reader; // cancels and waits for the worker
        // Far less than the whole recognition (several seconds): the cancel reached Tesseract.
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCoreApplication::processEvents();
        QCOMPARE(recorder.finals, 0);
    }
    {
        // Destroyed before the worker even started, and with a file still loading.
        auto *reader = new ReceiptReader(rendered.locale, rendered.currency);
        reader->read(rendered.image);
        delete reader;
        auto *fromFile = new ReceiptReader(rendered.locale, rendered.currency);
        fromFile->read(m_dir.filePath(u"does-not-exist.png"_s));
        delete fromFile;
        QCoreApplication::processEvents();
    }
    {
        // Owned by a parent that goes first.
        auto *parent = new QObject;
        QPointer<ReceiptReader> reader = new ReceiptReader(rendered.locale, rendered.currency, parent);
        reader->read(rendered.image);
        delete parent;
        QVERIFY(reader.isNull());
    }
}

void tst_ReceiptReader::readsFirstPageOfPdf()
{
    ReceiptImageSpec spec;
    spec.layout = ReceiptLayout::GermanSupermarket;
    spec.seed = 41;
    spec.lineCount = 4;
    const RenderedReceipt rendered = renderReceipt(spec);

    // A scanner's PDF: the receipt image on an A4 page at its natural size, then a second page.
    const QString path = m_dir.filePath(u"scan.pdf"_s);
    {
        QPdfWriter writer(path);
        writer.setResolution(150);
        writer.setPageSize(QPageSize(QPageSize::A4));
        QPainter painter(&writer);
        painter.drawImage(QPoint(40, 40), rendered.image);
        writer.newPage();
        painter.drawText(QPoint(100, 100), u"Page two is not the receipt"_s);
    }

    QString error;
    const QImage page = ReceiptReader::loadReceiptImage(path, &error);
    QVERIFY2(!page.isNull(), qPrintable(error));
    QVERIFY(page.width() > 2000); // rendered at 300 dpi: A4 is 2480 px wide

    ReceiptReader reader(rendered.locale, rendered.currency);
    Recorder recorder(reader);
    reader.read(path);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.finals > 0, kOcrTimeoutMs);
    QVERIFY2(recorder.outcome.finished, qPrintable(recorder.outcome.failure));
    QCOMPARE(recorder.outcome.image.size(), page.size());
    const ParsedReceipt &read = recorder.outcome.receipt;
    QVERIFY2(read.totalCents == rendered.truth.totalCents, qPrintable(describe(read)));
    QVERIFY2(read.date == rendered.truth.date, qPrintable(describe(read)));
}

void tst_ReceiptReader::jpegIsTurnedByItsExifOrientation()
{
    ReceiptImageSpec spec;
    spec.seed = 51;
    const RenderedReceipt rendered = renderReceipt(spec);
    QVERIFY(rendered.image.height() > rendered.image.width());

    // Stored sideways, as a phone held in portrait stores it, with the EXIF turn to undo that.
    const QString path = m_dir.filePath(u"photo.jpg"_s);
    const QImage sideways = rendered.image.transformed(QTransform().rotate(-90));
    QImageWriter writer(path, "jpeg");
    writer.setTransformation(QImageIOHandler::TransformationRotate90);
    QVERIFY2(writer.write(sideways), qPrintable(writer.errorString()));

    QString error;
    const QImage loaded = ReceiptReader::loadReceiptImage(path, &error);
    QVERIFY2(!loaded.isNull(), qPrintable(error));
    QCOMPARE(loaded.size(), rendered.image.size()); // upright again
}

void tst_ReceiptReader::badFilesFailNamingTheFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content"); // null: the file is not created
    QTest::addColumn<QString>("says");

    QTest::newRow("missing") << u"missing.png"_s << QByteArray() << u"does not exist"_s;
    QTest::newRow("empty") << u"empty.png"_s << QByteArray("") << u"is empty"_s;
    QTest::newRow("text named .png") << u"notes.png"_s << QByteArray("Milk 1.09\nBread 2.49\n")
                                     << u"is not a PNG, JPEG or PDF"_s;
    QTest::newRow("truncated PNG") << u"cut.png"_s << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                                   << u"cannot be read as an image"_s;
    QTest::newRow("damaged PDF") << u"broken.pdf"_s << QByteArray("%PDF-1.7\nnot really\n")
                                 << u"damaged PDF"_s;
    QTest::newRow("a folder") << u"folder.png"_s << QByteArray("folder") << u"is not a file"_s;
}

void tst_ReceiptReader::badFilesFailNamingTheFile()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, says);

    const QString path = m_dir.filePath(name);
    if (content == "folder") {
        QVERIFY(QDir(m_dir.path()).mkpath(name));
    } else if (!content.isNull()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    QString error;
    QVERIFY(ReceiptReader::loadReceiptImage(path, &error).isNull());
    QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
    QVERIFY2(error.contains(says), qPrintable(error));

    // Through the reader: failed() with the same sentence, and nothing else.
    ReceiptReader reader(QLocale(QLocale::German, QLocale::Germany), u"EUR"_s);
    Recorder recorder(reader);
    reader.read(path);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.finals > 0, kOcrTimeoutMs);
    QCOMPARE(recorder.outcome.failure, error);
    QVERIFY(!recorder.outcome.finished);
    QVERIFY(!reader.isBusy());
}

void tst_ReceiptReader::languagesFollowTheLocale()
{
    const QString tessdata = ReceiptReader::tessdataDirectory();
    QCOMPARE(ReceiptReader::languagesFor(QLocale(QLocale::German, QLocale::Germany), tessdata), u"deu+eng"_s);
    QCOMPARE(ReceiptReader::languagesFor(QLocale(QLocale::French, QLocale::Canada), tessdata), u"fra+eng"_s);
    QCOMPARE(ReceiptReader::languagesFor(QLocale(QLocale::Dutch, QLocale::Netherlands), tessdata), u"nld+eng"_s);
    QCOMPARE(ReceiptReader::languagesFor(QLocale(QLocale::English, QLocale::UnitedStates), tessdata), u"eng"_s);
    QCOMPARE(ReceiptReader::languagesFor(QLocale(QLocale::Japanese, QLocale::Japan), tessdata), u"eng"_s);

    // A folder with English only: German households fall back to English.
    const QString englishOnly = m_dir.filePath(u"eng-only"_s);
    QVERIFY(QDir().mkpath(englishOnly));
    QVERIFY(QFile::copy(QDir(tessdata).filePath(u"eng.traineddata"_s), QDir(englishOnly).filePath(u"eng.traineddata"_s)));
    QCOMPARE(ReceiptReader::languagesFor(QLocale(QLocale::German, QLocale::Germany), englishOnly), u"eng"_s);
}

void tst_ReceiptReader::missingLanguageDataIsReported()
{
    const QByteArray saved = qgetenv("TESSDATA_PREFIX");
    const QString empty = m_dir.filePath(u"no-tessdata"_s);
    QVERIFY(QDir().mkpath(empty));
    qputenv("TESSDATA_PREFIX", QFile::encodeName(empty));
    auto restore = qScopeGuard([&] {
        if (saved.isNull())
            qunsetenv("TESSDATA_PREFIX");
        else
            qputenv("TESSDATA_PREFIX", saved);
    });

    QString error;
    QVERIFY(ReceiptReader::tessdataDirectory(&error).isEmpty());
    QVERIFY2(error.contains(u"eng.traineddata"_s) && error.contains(QDir::toNativeSeparators(empty)), qPrintable(error));

    ReceiptImageSpec spec;
    const RenderedReceipt rendered = renderReceipt(spec);
    ReceiptReader reader(rendered.locale, rendered.currency);
    Recorder recorder(reader);
    reader.read(rendered.image);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.finals > 0, kOcrTimeoutMs);
    QCOMPARE(recorder.outcome.failure, error);
}

QTEST_MAIN(tst_ReceiptReader)
#include "tst_receiptreader.moc"
