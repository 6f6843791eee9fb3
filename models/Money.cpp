#include "Money.h"

#include <QHash>

namespace hearth::Money {

std::optional<qint64> parse(const QString &text, const QLocale &locale)
{
    QString s = text.trimmed();
    if (s.isEmpty())
        return std::nullopt;

    bool negative = false;
    if (s.startsWith(QLatin1Char('-')) || s.startsWith(locale.negativeSign())) {
        negative = true;
        s = s.mid(1).trimmed();
    }
    // Drop group separators and spaces, then accept either the locale's decimal point or '.'.
    s.remove(locale.groupSeparator());
    s.remove(QLatin1Char(' '));
    s.remove(QChar(0x00A0));
    s.remove(QChar(0x202F));
    const QString decimal = locale.decimalPoint();
    if (decimal != QLatin1String("."))
        s.replace(decimal, QLatin1String("."));

    const qsizetype dot = s.indexOf(QLatin1Char('.'));
    const QString wholePart = dot < 0 ? s : s.left(dot);
    QString fraction = dot < 0 ? QString() : s.mid(dot + 1);
    if (wholePart.isEmpty() && fraction.isEmpty())
        return std::nullopt;
    if (fraction.size() > 2 || s.count(QLatin1Char('.')) > 1 || wholePart.size() > 15)
        return std::nullopt;
    for (const QChar c : QString(wholePart + fraction)) {
        if (!c.isDigit() || c.unicode() > '9')
            return std::nullopt;
    }
    fraction = fraction.leftJustified(2, QLatin1Char('0'));
    const qint64 whole = wholePart.isEmpty() ? 0 : wholePart.toLongLong();
    const qint64 cents = whole * 100 + fraction.toLongLong();
    return negative ? -cents : cents;
}

QString formatPlain(qint64 cents, const QLocale &locale)
{
    const bool negative = cents < 0;
    const quint64 magnitude = negative ? quint64(-(cents + 1)) + 1 : quint64(cents);
    const QString whole = locale.toString(qulonglong(magnitude / 100));
    const QString fraction = QStringLiteral("%1").arg(magnitude % 100, 2, 10, QLatin1Char('0'));
    return (negative ? locale.negativeSign() : QString()) + whole + locale.decimalPoint() + fraction;
}

QString currencySymbol(const QString &currencyCode)
{
    static const QHash<QString, QString> symbols = {
        {QStringLiteral("EUR"), QStringLiteral("€")},  {QStringLiteral("USD"), QStringLiteral("$")},
        {QStringLiteral("GBP"), QStringLiteral("£")},  {QStringLiteral("JPY"), QStringLiteral("¥")},
        {QStringLiteral("CHF"), QStringLiteral("CHF")}, {QStringLiteral("CAD"), QStringLiteral("CA$")},
        {QStringLiteral("AUD"), QStringLiteral("A$")}, {QStringLiteral("SEK"), QStringLiteral("kr")},
        {QStringLiteral("NOK"), QStringLiteral("kr")}, {QStringLiteral("DKK"), QStringLiteral("kr")},
        {QStringLiteral("PLN"), QStringLiteral("zł")}, {QStringLiteral("INR"), QStringLiteral("₹")},
    };
    return symbols.value(currencyCode, currencyCode);
}

QString format(qint64 cents, const QString &currencyCode, const QLocale &locale)
{
    const QString symbol = currencySymbol(currencyCode);
    const QString amount = formatPlain(cents, locale);
    // Let the locale decide where the symbol goes by formatting a probe value.
    const QString probe = locale.toCurrencyString(1.0, QStringLiteral("\x01"));
    if (probe.endsWith(QLatin1Char('\x01'))) {
        const bool spaced = probe.size() >= 2 && probe.at(probe.size() - 2).isSpace();
        return amount + (spaced ? QStringLiteral("\u00A0") : QString()) + symbol;
    }
    if (amount.startsWith(locale.negativeSign()))
        return locale.negativeSign() + symbol + amount.mid(locale.negativeSign().size());
    return symbol + amount;
}

} // namespace hearth::Money
