#pragma once

// What reading a receipt proposes (OCR text -> ReceiptParser), before the household reviews it.
// The review dialog edits a copy; confirming turns it into one `receipts` create.

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace hearth {

struct ReceiptLine
{
    QString name;             // as printed, cleaned ("Whole milk 1l")
    double quantity = 1;      // items or weight (2, 0.456)
    qint64 priceCents = 0;    // what the line costs in total (quantity included); negative for a discount
    int sourceLine = -1;      // the OCR text line it came from, -1 when added by hand
};

struct ParsedReceipt
{
    QString merchant;                  // the shop, from the header lines; empty when not found
    QDate date;                        // the purchase date; invalid when not found
    QList<ReceiptLine> lines;
    std::optional<qint64> totalCents;  // the printed total, when found
    QString rawText;                   // what OCR read, for the review dialog and the logs

    qint64 linesSumCents() const
    {
        qint64 sum = 0;
        for (const ReceiptLine &line : lines)
            sum += line.priceCents;
        return sum;
    }
};

} // namespace hearth
