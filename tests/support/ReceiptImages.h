#pragma once

#include "receipts/ParsedReceipt.h"

#include <QImage>
#include <QList>
#include <QLocale>
#include <QString>

namespace hearth::test {

// Test receipts drawn with QPainter in a till-roll layout (DejaVu Sans Mono on narrow paper):
// merchant header, date, lines, total, in a locale's decimal separator, then rotated a few degrees
// and speckled/blurred. Deterministic from the seed. The truth is what was printed.

enum class ReceiptLayout {
    GermanSupermarket, // "LIDL"-like: "Milch 1,09 A", "2 x 1,49", weight line, "SUMME"
    French,            // "TOTAL TTC", dd/MM/yyyy
    UsGrocery,         // "$", SUBTOTAL / TAX / TOTAL, MM/dd/yyyy
    UkBalanceDue,      // "BALANCE DUE", "14 Mar 2026"
};

struct ReceiptImageSpec
{
    ReceiptLayout layout = ReceiptLayout::GermanSupermarket;
    quint32 seed = 1;          // picks merchant, date, items and prices
    int lineCount = 5;         // item lines (a multi-quantity and a weight line among them)
    double rotationDegrees = 0; // the paper turned by this much
    double noise = 0;          // 0 clean .. 1 heavy speckles and blur
    int widthPixels = 576;     // paper width (80 mm at ~180 dpi)
};

struct RenderedReceipt
{
    QImage image;
    ParsedReceipt truth;       // merchant, date, lines (name, quantity, priceCents), totalCents
    QLocale locale;            // the household locale the receipt is printed in
    QString currency;          // "EUR", "USD", "GBP"
    QString text;              // every printed line, for a character accuracy
};

// How a reading compares with the truth. A line counts as found when a read line has its price
// and a name at least 80% alike (edit distance); its quantity is checked apart.
struct ReceiptScore
{
    bool merchant = false;     // case and spacing aside, at most one character off
    bool date = false;
    bool total = false;        // exact, or both absent
    int truthLines = 0;
    int readLines = 0;
    int foundLines = 0;
    int rightQuantities = 0;   // of the found lines
    double characterAccuracy = 0; // 1 - edit distance / printed characters (spacing ignored)
};

ReceiptScore scoreReceipt(const ParsedReceipt &read, const RenderedReceipt &rendered);
int editDistance(const QString &a, const QString &b);

RenderedReceipt renderReceipt(const ReceiptImageSpec &spec);
QString layoutName(ReceiptLayout layout);
QList<ReceiptLayout> allReceiptLayouts();

} // namespace hearth::test
