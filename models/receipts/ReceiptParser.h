#pragma once

#include "ParsedReceipt.h"

#include <QLocale>
#include <QString>

namespace hearth {

// OCR text of a receipt -> ParsedReceipt. Hand-written: no library parses till receipts. Finds the
// merchant (header lines), the date (ISO, dotted, slashed by the locale's day/month order, "14 Mar
// 2026"), the item lines (name, quantity from "2 x 1,49" or "0,456 kg x 2,99 EUR/kg", price),
// discounts (negative) and the printed total, skipping tax summaries, payment and change lines
// and subtotals. Numbers are read with the locale's decimal separator and forgive common OCR noise
// (O for 0, l for 1, "1, 49", trailing currency signs and VAT class letters).
class ReceiptParser
{
public:
    ReceiptParser(QLocale locale, QString currencyCode);

    ParsedReceipt parse(const QString &ocrText) const;

private:
    QLocale m_locale;
    QString m_currency;
};

} // namespace hearth
