#include "Money.h"

#include <QHash>
#include <QStringList>

namespace hearth::Money {

namespace {

// "1,234,567": a first group of one to three digits, then groups of exactly three.
bool isGrouped(const QString &whole, const QString &group)
{
    const QStringList parts = whole.split(group);
    if (parts.size() < 2 || parts.first().isEmpty() || parts.first().size() > 3)
        return false;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        if (parts.at(i).size() != 3)
            return false;
    }
    return true;
}

} // namespace

std::optional<qint64> parse(const QString &text, const QLocale &locale)
{
    QString s = text.trimmed();
    if (s.isEmpty())
        return std::nullopt;

    bool negative = false;
    const QString minus = locale.negativeSign();
    if (s.startsWith(QLatin1Char('-'))) {
        negative = true;
        s = s.mid(1).trimmed();
    } else if (!minus.isEmpty() && s.startsWith(minus)) {
        negative = true;
        s = s.mid(minus.size()).trimmed();
    }
    s.remove(QLatin1Char(' '));
    s.remove(QChar(0x00A0));
    s.remove(QChar(0x202F));

    // The whole part ends at the locale's decimal point, or at a '.' (typed everywhere) unless
    // the '.' is this locale's group separator used as one ("1.234" in German is 1234).
    const QString decimal = locale.decimalPoint();
    const QString group = locale.groupSeparator();
    qsizetype at = decimal.isEmpty() ? -1 : s.lastIndexOf(decimal);
    qsizetype separatorSize = decimal.size();
    if (at < 0 && decimal != QLatin1String(".")) {
        const qsizetype dot = s.lastIndexOf(QLatin1Char('.'));
        if (dot >= 0 && !(group == QLatin1String(".") && isGrouped(s, group))) {
            at = dot;
            separatorSize = 1;
        }
    }
    QString wholePart = at < 0 ? s : s.left(at);
    QString fraction = at < 0 ? QString() : s.mid(at + separatorSize);

    // Group separators only where they belong: "12,50" in English is a mistake, not 1250.00.
    if (!group.isEmpty() && wholePart.contains(group)) {
        if (!isGrouped(wholePart, group))
            return std::nullopt;
        wholePart.remove(group);
    }
    if (wholePart.isEmpty() && fraction.isEmpty())
        return std::nullopt;
    if (fraction.size() > 2 || wholePart.size() > 15)
        return std::nullopt;
    for (const QChar c : QString(wholePart + fraction)) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
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
