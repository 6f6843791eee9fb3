#pragma once

#include "receipts/ParsedReceipt.h"

#include <QImage>
#include <QLocale>
#include <QObject>
#include <QString>

#include <memory>

namespace hearth {

// Reads a receipt photo or scan: loads it (PNG, JPEG, or a PDF's first page through Poppler),
// runs Tesseract on a worker thread and parses the text with ReceiptParser in the household's
// locale and currency. One reading at a time: read() while busy cancels the earlier one, which
// then reports nothing. Every signal is delivered on the thread the reader lives on. Destroying
// the reader while it reads cancels the recognition and waits for the worker to stop.
class ReceiptReader : public QObject
{
    Q_OBJECT

public:
    explicit ReceiptReader(QLocale locale, QString currency, QObject *parent = nullptr);
    ~ReceiptReader() override;

    // Loads the file (on the worker) and reads it; failed() names the file when it cannot be read.
    void read(const QString &path);
    void read(const QImage &image);
    // Stops the current reading; cancelled() follows once Tesseract has stopped. No-op when idle.
    void cancel();
    bool isBusy() const;

    // How the image is prepared and segmented for Tesseract; the defaults are what
    // bench_receipt_ocr measured best (docs/benchmarks.md). For the benchmark's comparisons.
    struct Tuning
    {
        int pageSegMode = 4;      // tesseract::PageSegMode: 4 = one column of lines, a till roll
        int smallestWidth = 1100; // narrower images are scaled up (at most 3x) to this width
        bool deskew = true;       // straighten the paper first (Leptonica's skew search)
    };
    void setTuning(const Tuning &tuning);

    // The Tesseract languages for a locale ("eng", plus "deu"/"fra"/"spa"/"ita"/"nld" where the
    // locale's language is one of those and its traineddata is installed), joined with '+'.
    static QString languagesFor(const QLocale &locale, const QString &tessdataDir);
    // Where Tesseract finds its traineddata: $TESSDATA_PREFIX (with or without a trailing
    // "tessdata"), else the Debian path. Empty, with *error set, when eng.traineddata is missing.
    static QString tessdataDirectory(QString *error = nullptr);
    // PNG/JPEG (EXIF orientation applied) or a PDF's first page rendered at 300 dpi. A null image
    // and a message naming the file when it is missing, empty, unreadable or not an image.
    static QImage loadReceiptImage(const QString &path, QString *error);

Q_SIGNALS:
    void progress(int percent);
    void finished(const hearth::ParsedReceipt &receipt, const QImage &image);
    void failed(const QString &message);
    void cancelled();

private:
    struct Job;
    void start(std::shared_ptr<Job> job);

    QLocale m_locale;
    QString m_currency;
    Tuning m_tuning;
    std::shared_ptr<Job> m_current;
};

} // namespace hearth
