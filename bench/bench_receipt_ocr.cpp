// Receipt OCR: how well and how fast ReceiptReader reads generated receipts (tests/support/
// ReceiptImages: four layouts in four locales, turned and speckled), the same receipts every run.
// Prints the recognition accuracy (merchant, date and total exact; line recall and precision;
// quantities; characters) and the time per receipt from read() to finished(): Tesseract's
// initialisation, recognition and parsing, on its worker thread. Never fails on time; exits
// non-zero when a reading fails or does not finish.
//
//   bench_receipt_ocr [--receipts 20] [--rounds 3] [--psm 4] [--width 1100] [--no-deskew] [--verbose]

#include "BenchSupport.h"
#include "ReceiptImages.h"
#include "ReceiptReader.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QGuiApplication>
#include <QTimer>

#include <cstdio>

using namespace hearth;
using namespace hearth::bench;
using namespace hearth::test;
using namespace Qt::Literals::StringLiterals;

namespace {

// The mix: every layout with every rotation (0 to 4 degrees either way) and noise level.
QList<ReceiptImageSpec> receiptMix(int count)
{
    const QList<ReceiptLayout> layouts = allReceiptLayouts();
    const double rotations[] = {0, 1.5, -2.5, 4};
    const double noises[] = {0, 0.3, 0.6};
    QList<ReceiptImageSpec> specs;
    for (int i = 0; i < count; ++i) {
        ReceiptImageSpec spec;
        spec.layout = layouts.at(i % layouts.size());
        spec.seed = quint32(1000 + i);
        spec.lineCount = 3 + i % 4;
        spec.rotationDegrees = rotations[(i / int(layouts.size())) % 4];
        spec.noise = noises[i % 3];
        specs.append(spec);
    }
    return specs;
}

struct Reading
{
    ParsedReceipt receipt;
    double ms = -1;
    QString error;
};

Reading readOnce(const RenderedReceipt &rendered, const ReceiptReader::Tuning &tuning)
{
    ReceiptReader reader(rendered.locale, rendered.currency);
    reader.setTuning(tuning);
    Reading reading;
    QEventLoop loop;
    QObject::connect(&reader, &ReceiptReader::finished, &loop, [&](const ParsedReceipt &receipt, const QImage &) {
        reading.receipt = receipt;
        loop.quit();
    });
    QObject::connect(&reader, &ReceiptReader::failed, &loop, [&](const QString &message) {
        reading.error = message;
        loop.quit();
    });
    QTimer::singleShot(120000, &loop, [&] {
        reading.error = u"no answer in 120 s"_s;
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    reader.read(rendered.image);
    loop.exec();
    reading.ms = double(timer.nsecsElapsed()) / 1e6;
    return reading;
}

double percent(int part, int whole)
{
    return whole == 0 ? 0 : 100.0 * part / whole;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"receipts"_s, u"Generated receipts."_s, u"n"_s, u"20"_s});
    parser.addOption({u"rounds"_s, u"Timed rounds over all of them (accuracy is from the first)."_s, u"n"_s, u"3"_s});
    parser.addOption({u"psm"_s, u"Tesseract page segmentation mode."_s, u"mode"_s});
    parser.addOption({u"width"_s, u"Scale narrower images up to this width."_s, u"pixels"_s});
    parser.addOption({u"no-deskew"_s, u"Do not straighten the image before recognition."_s});
    parser.addOption({u"verbose"_s, u"Print each receipt's score and what was misread."_s});
    parser.process(app);

    const int count = positiveInt(parser.value(u"receipts"_s), 20);
    const int rounds = positiveInt(parser.value(u"rounds"_s), 3);
    ReceiptReader::Tuning tuning;
    if (parser.isSet(u"psm"_s))
        tuning.pageSegMode = parser.value(u"psm"_s).toInt();
    if (parser.isSet(u"width"_s))
        tuning.smallestWidth = positiveInt(parser.value(u"width"_s), tuning.smallestWidth);
    if (parser.isSet(u"no-deskew"_s))
        tuning.deskew = false;
    const bool verbose = parser.isSet(u"verbose"_s);

    printMachine();
    std::printf("receipt OCR: %d receipts (4 layouts: de, fr, en_US, en_GB; 3-6 item lines; rotation 0/1.5/-2.5/4 deg; "
                "noise 0/0.3/0.6), %d rounds, psm %d, scale up to %d px%s\n",
                count, rounds, tuning.pageSegMode, tuning.smallestWidth, tuning.deskew ? ", deskew" : ", no deskew");

    QList<RenderedReceipt> receipts;
    for (const ReceiptImageSpec &spec : receiptMix(count))
        receipts.append(renderReceipt(spec));

    int merchants = 0, dates = 0, totals = 0, truthLines = 0, readLines = 0, foundLines = 0, quantities = 0;
    double characters = 0;
    QList<double> perReceipt;
    QList<double> roundMeans;
    bool failed = false;
    for (int round = 0; round < rounds; ++round) {
        double roundMs = 0;
        for (int i = 0; i < receipts.size(); ++i) {
            const RenderedReceipt &rendered = receipts.at(i);
            const Reading reading = readOnce(rendered, tuning);
            if (!reading.error.isEmpty()) {
                std::fprintf(stderr, "receipt %d: %s\n", i, qPrintable(reading.error));
                failed = true;
                continue;
            }
            perReceipt.append(reading.ms);
            roundMs += reading.ms;
            if (round > 0)
                continue;
            const ReceiptScore score = scoreReceipt(reading.receipt, rendered);
            merchants += score.merchant;
            dates += score.date;
            totals += score.total;
            truthLines += score.truthLines;
            readLines += score.readLines;
            foundLines += score.foundLines;
            quantities += score.rightQuantities;
            characters += score.characterAccuracy;
            if (verbose) {
                const ReceiptImageSpec spec = receiptMix(count).at(i);
                std::printf("  #%02d %-15s rot %4.1f noise %.1f: merchant %s date %s total %s lines %d/%d (read %d) "
                            "chars %.1f%% %.0f ms\n",
                            i, qPrintable(layoutName(spec.layout)), spec.rotationDegrees, spec.noise,
                            score.merchant ? "ok" : "MISS", score.date ? "ok" : "MISS", score.total ? "ok" : "MISS",
                            score.foundLines, score.truthLines, score.readLines, 100 * score.characterAccuracy, reading.ms);
                if (!score.merchant || !score.date || !score.total || score.foundLines < score.truthLines)
                    std::printf("%s\n---\n", qPrintable(reading.receipt.rawText));
            }
        }
        roundMeans.append(roundMs / double(receipts.size()));
    }

    const int n = int(receipts.size());
    std::printf("\naccuracy (first round, %d receipts):\n", n);
    std::printf("  merchant exact      %5.1f %% (%d/%d)\n", percent(merchants, n), merchants, n);
    std::printf("  date exact          %5.1f %% (%d/%d)\n", percent(dates, n), dates, n);
    std::printf("  total exact         %5.1f %% (%d/%d)\n", percent(totals, n), totals, n);
    std::printf("  line recall         %5.1f %% (%d of %d printed lines found: name ~80%%, price exact)\n",
                percent(foundLines, truthLines), foundLines, truthLines);
    std::printf("  line precision      %5.1f %% (%d of %d read lines right)\n", percent(foundLines, readLines),
                foundLines, readLines);
    std::printf("  quantity right      %5.1f %% (of the found lines)\n", percent(quantities, foundLines));
    std::printf("  character accuracy  %5.1f %% (mean, whitespace ignored)\n", 100 * characters / n);

    const Stats each = computeStats(perReceipt);
    const Stats means = computeStats(roundMeans);
    std::printf("\ntime per receipt, read() to finished():\n  %s\n  per round (mean per receipt): %s\n",
                qPrintable(describe(each, "ms", true)), qPrintable(describe(means, "ms")));
    printResult("receipt_ocr.time_per_receipt", each, "ms");
    printResult("receipt_ocr.round_mean", means, "ms");
    std::printf("RESULT receipt_ocr.accuracy merchant=%.1f date=%.1f total=%.1f line_recall=%.1f "
                "line_precision=%.1f characters=%.1f n=%d unit=percent verdict=info\n",
                percent(merchants, n), percent(dates, n), percent(totals, n), percent(foundLines, truthLines),
                percent(foundLines, readLines), 100 * characters / n, n);
    return failed ? 1 : 0;
}
