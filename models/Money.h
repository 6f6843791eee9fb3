#pragma once

#include <QLocale>
#include <QString>

#include <optional>

namespace hearth {

// Money is always an integer number of cents; these helpers convert at the edges (text in, text out)
// without ever passing through floating point.
namespace Money {

// "12.5", "12,50", "-3", "1 234.00" in the given locale (or the C locale) -> cents. A '.' is
// taken as the decimal point in any locale unless it groups thousands there ("1.234" in German);
// a group separator must sit between groups of three digits, so "12,50" in English is refused
// rather than read as 1250.00. More than two decimals are refused.
std::optional<qint64> parse(const QString &text, const QLocale &locale = QLocale());

// 123456 -> "1,234.56" (locale separators, no currency).
QString formatPlain(qint64 cents, const QLocale &locale = QLocale());

// 123456, "EUR" -> "€1,234.56" / "1.234,56 €" following the locale's placement of the symbol.
QString format(qint64 cents, const QString &currencyCode, const QLocale &locale = QLocale());

// Symbol for an ISO 4217 code ("EUR" -> "€"); the code itself when none is known.
QString currencySymbol(const QString &currencyCode);

} // namespace Money
} // namespace hearth
