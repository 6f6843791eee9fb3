#include "ReceiptReader.h"

#include "receipts/ReceiptParser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QLoggingCategory>
#include <QPointer>
#include <QThread>

#include <poppler-qt6.h>
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <optional>

namespace hearth {

using namespace Qt::Literals::StringLiterals;

namespace {

Q_LOGGING_CATEGORY(lcReceipts, "hearth.receipts", QtWarningMsg)

// Poppler writes what it thinks of a damaged PDF to stderr; the reader's message says it once.
void popplerMessage(const QString &message, const QVariant &)
{
    qCDebug(lcReceipts) << "poppler:" << message;
}

constexpr double kPdfDpi = 300;
// A huge photo is scaled down: Tesseract's time grows with the pixels, not its accuracy.
constexpr int kLargestWidth = 2400;

// The languages Debian packages for Tesseract that a household's locale may need.
QString tesseractLanguage(QLocale::Language language)
{
    switch (language) {
    case QLocale::German: return u"deu"_s;
    case QLocale::French: return u"fra"_s;
    case QLocale::Spanish: return u"spa"_s;
    case QLocale::Italian: return u"ita"_s;
    case QLocale::Dutch: return u"nld"_s;
    default: return {};
    }
}

// Grayscale, and a width Tesseract's LSTM reads well: it reads best with capital letters some
// 30 px high, so a till roll scanned narrow (the test receipts are 576 px wide) is scaled up.
QImage prepareForOcr(const QImage &image, int smallestWidth)
{
    QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    if (gray.width() < smallestWidth) {
        const int width = std::min(gray.width() * 3, smallestWidth);
        gray = gray.scaledToWidth(width, Qt::SmoothTransformation);
    } else if (gray.width() > kLargestWidth) {
        gray = gray.scaledToWidth(kLargestWidth, Qt::SmoothTransformation);
    }
    return gray;
}

// Straightens the image Tesseract holds by the skew Leptonica finds (a few degrees at most).
void deskew(tesseract::TessBaseAPI &api)
{
    Pix *binary = api.GetThresholdedImage();
    if (!binary)
        return;
    l_float32 angle = 0;
    l_float32 confidence = 0;
    if (pixFindSkew(binary, &angle, &confidence) == 0 && confidence > 2.5f && std::abs(angle) > 0.2f) {
        if (Pix *straight = pixRotateAMGray(api.GetInputImage(), angle * 3.14159265f / 180.0f, 255)) {
            pixSetResolution(straight, 300, 300);
            api.SetImage(straight);
            pixDestroy(&straight);
        }
    }
    pixDestroy(&binary);
}

} // namespace

struct ReceiptReader::Job
{
    QString path;   // read from the file when set, else `image`
    QImage image;
    QLocale locale;
    QString currency;
    Tuning tuning;
    std::atomic<bool> cancelRequested{false};
    std::atomic<int> reportedProgress{-1};
};

namespace {

struct MonitorContext
{
    std::atomic<bool> *cancelRequested;
    std::function<void(int)> report;
};

bool cancelRecognition(void *context, int /*words*/)
{
    return static_cast<MonitorContext *>(context)->cancelRequested->load();
}

bool recognitionProgress(tesseract::ETEXT_DESC *monitor, int, int, int, int)
{
    static_cast<MonitorContext *>(monitor->cancel_this)->report(monitor->progress);
    return true;
}

} // namespace

ReceiptReader::ReceiptReader(QLocale locale, QString currency, QObject *parent)
    : QObject(parent)
    , m_locale(std::move(locale))
    , m_currency(std::move(currency))
{
}

ReceiptReader::~ReceiptReader()
{
    // Every worker posts to this object: stop the current one (superseded ones are stopping
    // already) and wait for them all, before QObject's destructor drops what they posted.
    if (m_current)
        m_current->cancelRequested = true;
    const QList<QThread *> threads = findChildren<QThread *>(QString(), Qt::FindDirectChildrenOnly);
    for (QThread *thread : threads)
        thread->wait();
}

bool ReceiptReader::isBusy() const
{
    return m_current != nullptr;
}

void ReceiptReader::read(const QString &path)
{
    auto job = std::make_shared<Job>();
    job->path = path;
    start(std::move(job));
}

void ReceiptReader::read(const QImage &image)
{
    auto job = std::make_shared<Job>();
    job->image = image;
    start(std::move(job));
}

void ReceiptReader::setTuning(const Tuning &tuning)
{
    m_tuning = tuning;
}

void ReceiptReader::cancel()
{
    if (m_current)
        m_current->cancelRequested = true;
}

QString ReceiptReader::tessdataDirectory(QString *error)
{
    QStringList candidates;
    const QString prefix = qEnvironmentVariable("TESSDATA_PREFIX");
    if (!prefix.isEmpty()) {
        candidates << prefix << QDir(prefix).filePath(u"tessdata"_s);
    } else {
        candidates << u"/usr/share/tesseract-ocr/5/tessdata"_s << u"/usr/share/tesseract-ocr/4.00/tessdata"_s
                   << u"/usr/share/tessdata"_s << u"/usr/local/share/tessdata"_s;
    }
    for (const QString &directory : std::as_const(candidates)) {
        if (QFileInfo::exists(QDir(directory).filePath(u"eng.traineddata"_s)))
            return QDir(directory).absolutePath();
    }
    if (error) {
        *error = prefix.isEmpty()
            ? tr("Tesseract's English language data (eng.traineddata) is not installed; install the "
                 "tesseract-ocr-eng package to read receipts.")
            : tr("Tesseract's English language data (eng.traineddata) is not in %1 (TESSDATA_PREFIX).")
                  .arg(QDir::toNativeSeparators(prefix));
    }
    return {};
}

QString ReceiptReader::languagesFor(const QLocale &locale, const QString &tessdataDir)
{
    const QString own = tesseractLanguage(locale.language());
    // The household's language first: Tesseract prefers the first of several for each word.
    if (!own.isEmpty() && QFileInfo::exists(QDir(tessdataDir).filePath(own + u".traineddata"_s)))
        return own + u"+eng"_s;
    return u"eng"_s;
}

QImage ReceiptReader::loadReceiptImage(const QString &path, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QImage();
    };
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (!info.exists())
        return fail(tr("%1 does not exist.").arg(shown));
    if (!info.isFile())
        return fail(tr("%1 is not a file.").arg(shown));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("%1 cannot be read: %2").arg(shown, file.errorString()));
    if (file.size() == 0)
        return fail(tr("%1 is empty.").arg(shown));
    const QByteArray head = file.peek(5);
    file.close();

    if (head == "%PDF-") {
        static std::once_flag quietPoppler;
        std::call_once(quietPoppler, [] { Poppler::setDebugErrorFunction(&popplerMessage, QVariant()); });
        std::unique_ptr<Poppler::Document> document = Poppler::Document::load(path);
        if (!document)
            return fail(tr("%1 is a damaged PDF that cannot be opened.").arg(shown));
        if (document->isLocked())
            return fail(tr("%1 is a password-protected PDF.").arg(shown));
        if (document->numPages() < 1)
            return fail(tr("%1 is a PDF without pages.").arg(shown));
        document->setRenderHint(Poppler::Document::Antialiasing);
        document->setRenderHint(Poppler::Document::TextAntialiasing);
        std::unique_ptr<Poppler::Page> page = document->page(0);
        // 300 dpi, but never more than 4,000 pixels on a side: a page declared metres wide would
        // otherwise ask for gigabytes before any check of the result.
        const QSizeF points = page ? page->pageSizeF() : QSizeF();
        const double longestInches = std::max(points.width(), points.height()) / 72.0;
        const double dpi = longestInches > 0 ? std::min(kPdfDpi, 4000.0 / longestInches) : kPdfDpi;
        QImage image = page ? page->renderToImage(dpi, dpi) : QImage();
        if (image.isNull())
            return fail(tr("The first page of %1 cannot be rendered.").arg(shown));
        return image;
    }

    QImageReader reader(path);
    reader.setAutoTransform(true); // a phone's portrait photo is stored sideways with an EXIF turn
    const QByteArray format = reader.format();
    if (format.isEmpty() || (format != "png" && format != "jpeg" && format != "jpg"))
        return fail(tr("%1 is not a PNG, JPEG or PDF file.").arg(shown));
    QImage image = reader.read();
    if (image.isNull())
        return fail(tr("%1 cannot be read as an image: %2").arg(shown, reader.errorString()));
    return image;
}

void ReceiptReader::start(std::shared_ptr<Job> job)
{
    if (m_current)
        m_current->cancelRequested = true; // superseded: it reports nothing
    job->locale = m_locale;
    job->currency = m_currency;
    job->tuning = m_tuning;
    m_current = job;

    // Deliveries come back as queued calls on this object; one whose job is no longer the current
    // one (cancelled by a newer read) is dropped.
    auto deliver = [this, job](std::function<void()> emitter) {
        QMetaObject::invokeMethod(this, [this, job, emitter = std::move(emitter)] {
            if (m_current != job)
                return;
            if (job->cancelRequested) {
                m_current.reset();
                Q_EMIT cancelled();
                return;
            }
            emitter();
        }, Qt::QueuedConnection);
    };

    auto report = [this, job](int percent) {
        if (job->reportedProgress.exchange(percent) == percent)
            return;
        QMetaObject::invokeMethod(this, [this, job, percent] {
            if (m_current == job && !job->cancelRequested)
                Q_EMIT progress(percent);
        }, Qt::QueuedConnection);
    };

    QThread *thread = QThread::create([this, job, deliver, report] {
        auto failWith = [this, deliver](const QString &message) {
            deliver([this, message] {
                m_current.reset();
                Q_EMIT failed(message);
            });
        };
        report(0);
        QImage image = job->image;
        if (!job->path.isEmpty()) {
            QString error;
            image = loadReceiptImage(job->path, &error);
            if (image.isNull())
                return failWith(error);
        } else if (image.isNull()) {
            return failWith(tr("The receipt image is empty."));
        }
        report(5);
        if (job->cancelRequested)
            return deliver([] {});

        QString error;
        const QString tessdata = tessdataDirectory(&error);
        if (tessdata.isEmpty())
            return failWith(error);
        const QString languages = languagesFor(job->locale, tessdata);

        tesseract::TessBaseAPI api;
        if (api.Init(QFile::encodeName(tessdata).constData(), languages.toUtf8().constData(),
                     tesseract::OEM_LSTM_ONLY) != 0) {
            return failWith(tr("Tesseract could not load its language data (%1) from %2.")
                                .arg(languages, QDir::toNativeSeparators(tessdata)));
        }
        api.SetVariable("debug_file", "/dev/null"); // its chatter ("Detected 6 diacritics") on stderr
        api.SetPageSegMode(tesseract::PageSegMode(job->tuning.pageSegMode));
        const QImage prepared = prepareForOcr(image, job->tuning.smallestWidth);
        api.SetImage(prepared.constBits(), prepared.width(), prepared.height(), 1,
                     int(prepared.bytesPerLine()));
        api.SetSourceResolution(300); // a scan's usual; the image has none of its own
        if (job->tuning.deskew)
            deskew(api);
        report(10);

        // Recognition fills 10..90 %; a second pass, when the first found no total, 90..98 %.
        auto recognise = [&](int from, int to) -> std::optional<QString> {
            MonitorContext context{&job->cancelRequested, [report, from, to](int percent) {
                report(from + std::clamp(percent, 0, 100) * (to - from) / 100);
            }};
            tesseract::ETEXT_DESC monitor;
            monitor.cancel = &cancelRecognition;
            monitor.cancel_this = &context;
            monitor.progress_callback2 = &recognitionProgress;
            if (api.Recognize(&monitor) != 0 || job->cancelRequested)
                return std::nullopt;
            std::unique_ptr<char[]> utf8(api.GetUTF8Text());
            return utf8 ? QString::fromUtf8(utf8.get()) : QString();
        };
        const ReceiptParser parser(job->locale, job->currency);
        std::optional<QString> text = recognise(10, 90);
        if (job->cancelRequested)
            return deliver([] {});
        if (!text)
            return failWith(tr("Tesseract could not read the receipt."));
        ParsedReceipt receipt = parser.parse(*text);
        if (!receipt.totalCents && job->tuning.pageSegMode != tesseract::PSM_SINGLE_BLOCK) {
            // No total: the column of prices may have been taken for a separate block and lost.
            // Once more as one uniform block (worse on turned paper, so not the first choice).
            api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
            text = recognise(90, 98);
            if (job->cancelRequested)
                return deliver([] {});
            if (text) {
                ParsedReceipt second = parser.parse(*text);
                if (second.totalCents || second.lines.size() > receipt.lines.size())
                    receipt = second;
            }
        }
        api.End();
        report(100);
        deliver([this, receipt, image] {
            m_current.reset();
            Q_EMIT finished(receipt, image);
        });
    });
    thread->setParent(this);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace hearth
