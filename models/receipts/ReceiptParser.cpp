#include "ReceiptParser.h"

#include "Money.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>
#include <optional>

namespace hearth {

using namespace Qt::Literals::StringLiterals;

namespace {

// Letters OCR mistakes for digits inside numbers: O for 0, l/I/| for 1.
QChar digitFor(QChar c)
{
    switch (c.unicode()) {
    case 'O': case 'o': case 0x00A9: return QLatin1Char('0'); // ©: a speckled 0
    case 'l': case 'I': case '|': return QLatin1Char('1');
    default: return c;
    }
}

QString toDigits(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c.isSpace())
            continue;
        out.append(digitFor(c));
    }
    return out;
}

// Lower case without accents, so "Espèces" and "ESPECES" meet.
QString folded(const QString &text)
{
    const QString decomposed = text.toLower().normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if (c.category() != QChar::Mark_NonSpacing)
            out.append(c);
    }
    return out;
}

// True when one of the words or phrases starts at a word boundary in `text` (already folded).
bool containsWord(const QString &text, const QStringList &words, bool atStartOnly = false)
{
    for (const QString &word : words) {
        qsizetype from = 0;
        while (true) {
            const qsizetype at = text.indexOf(word, from);
            if (at < 0)
                break;
            const bool startOk = at == 0 || !text.at(at - 1).isLetter();
            const qsizetype end = at + word.size();
            const bool endOk = end >= text.size() || !text.at(end).isLetter();
            if (startOk && endOk && (!atStartOnly || text.left(at).trimmed().isEmpty()))
                return true;
            if (atStartOnly)
                break;
            from = at + 1;
        }
    }
    return false;
}

const QStringList &taxWords()
{
    static const QStringList words{u"mwst"_s, u"mw-st"_s, u"ust"_s, u"vat"_s, u"tax"_s,
        u"sales tax"_s, u"tva"_s, u"iva"_s, u"btw"_s, u"steuer"_s, u"netto"_s, u"brutto"_s,
        u"hst"_s, u"gst"_s, u"pst"_s, u"ht"_s, u"imponibile"_s, u"base imponible"_s, u"cuota"_s};
    return words;
}

const QStringList &subtotalWords()
{
    static const QStringList words{u"subtotal"_s, u"sub total"_s, u"sub-total"_s,
        u"zwischensumme"_s, u"sous-total"_s, u"sous total"_s, u"subtotale"_s, u"subtotaal"_s,
        u"total ht"_s, u"items"_s, u"artikel"_s, u"articles"_s, u"articoli"_s, u"artikelen"_s};
    return words;
}

const QStringList &totalWords()
{
    static const QStringList words{u"total"_s, u"totaal"_s, u"totale"_s, u"summe"_s,
        u"zu zahlen"_s, u"gesamt"_s, u"gesamtbetrag"_s, u"endbetrag"_s, u"balance due"_s,
        u"balance"_s, u"amount due"_s, u"importe"_s, u"te betalen"_s, u"a payer"_s,
        u"net a payer"_s, u"montant"_s, u"da pagare"_s, u"totaal bedrag"_s, u"to pay"_s};
    return words;
}

// Lines that begin with these are how the total was paid, or the change.
const QStringList &paymentWords()
{
    static const QStringList words{u"bar"_s, u"cash"_s, u"change"_s, u"card"_s, u"karte"_s,
        u"ec"_s, u"ec-karte"_s, u"visa"_s, u"mastercard"_s, u"maestro"_s, u"girocard"_s,
        u"debit"_s, u"credit"_s, u"ruckgeld"_s, u"wechselgeld"_s, u"gegeben"_s, u"gezahlt"_s,
        u"tendered"_s, u"tend"_s, u"carte"_s, u"cb"_s, u"especes"_s, u"rendu"_s,
        u"monnaie"_s, u"efectivo"_s, u"cambio"_s, u"tarjeta"_s, u"contanti"_s, u"contante"_s,
        u"resto"_s, u"bancomat"_s, u"pin"_s, u"pinnen"_s, u"contant"_s, u"wisselgeld"_s,
        u"payment"_s, u"paid"_s, u"zahlung"_s, u"kartenzahlung"_s, u"kreditkarte"_s,
        u"amex"_s, u"apple pay"_s, u"entregado"_s, u"pagato"_s, u"rendu monnaie"_s};
    return words;
}

const QStringList &discountWords()
{
    static const QStringList words{u"rabatt"_s, u"preisvorteil"_s, u"nachlass"_s,
        u"discount"_s, u"remise"_s, u"reduction"_s, u"coupon"_s, u"savings"_s, u"saving"_s,
        u"descuento"_s, u"dto"_s, u"sconto"_s, u"korting"_s, u"promo"_s, u"offer"_s};
    return words;
}

// Header lines that are not the shop's name.
const QStringList &fillerWords()
{
    static const QStringList words{u"receipt"_s, u"kassenbon"_s, u"kassenbeleg"_s,
        u"beleg"_s, u"bon"_s, u"welcome"_s, u"willkommen"_s, u"bienvenue"_s, u"bienvenido"_s,
        u"benvenuti"_s, u"welkom"_s, u"ticket"_s, u"tel"_s, u"tel."_s, u"phone"_s,
        u"www"_s, u"http"_s, u"https"_s, u"ust-id"_s, u"ust-idnr"_s, u"st.-nr"_s,
        u"siret"_s, u"nif"_s, u"cif"_s, u"p.iva"_s, u"store"_s, u"filiale"_s,
        u"eur"_s, u"usd"_s, u"gbp"_s};
    return words;
}

struct Amount
{
    qint64 cents = 0;
    qsizetype start = 0; // where the amount (with its sign or currency) begins in the line
    qsizetype end = 0;
};

class NumberReader
{
public:
    NumberReader(const QLocale &locale, const QString &currency)
    {
        QString group = QRegularExpression::escape(locale.groupSeparator());
        if (locale.groupSeparator().trimmed().isEmpty())
            group = u"[ \\x{00A0}\\x{202F}]"_s;
        QStringList currencies{u"EUR"_s, u"USD"_s, u"GBP"_s, u"€"_s, u"\\$"_s, u"£"_s};
        const QString symbol = Money::currencySymbol(currency);
        if (!currency.isEmpty())
            currencies << QRegularExpression::escape(currency);
        if (!symbol.isEmpty())
            currencies << QRegularExpression::escape(symbol);
        const QString money = u"(?:"_s + currencies.join(u'|') + u")"_s;
        const QString digit = u"[0-9OolI|]"_s;
        const QString integer = u"(%1{1,5}|%1{1,3}(?:%2%1{3})+)"_s.arg(digit, group);
        // [sign][currency] integer [.,] two decimals [trailing minus][currency][VAT class letter]
        // Not glued to a word or a number before it; OCR's stray marks (".", "'", "|") may sit
        // between the amount, its currency and its VAT class letter.
        const QString amount = u"(?<![0-9A-Za-z])(-\\s?)?(?:%1\\s?)?%2\\s?[.,]\\s?([0-9Oo]{2})(?![0-9])(-)?"_s
                                   .arg(money, integer);
        const QString junk = u"[^\\p{L}\\p{N}\\-]*"_s;
        m_trailing = QRegularExpression(amount + u"%2(?:%1)?%2(?:[A-Za-z]|\\*)?%2\\*?%2$"_s.arg(money, junk));
        m_anywhere = QRegularExpression(amount + u"(?:\\s*%1)?"_s.arg(money));
        m_groupPattern = QRegularExpression(group);
        m_quantity = QRegularExpression(
            u"(?:^|(?<=\\s))(%1+(?:[.,]%1{1,3})?)\\s?(kg|g|lb|lbs|stk|st|pcs|pc|x)?\\.?\\s*[xX×*@]\\s*(?=[-0-9OolI|€$£]|EUR|USD|GBP)"_s
                .arg(u"[0-9Oo©]"_s),
            QRegularExpression::CaseInsensitiveOption);
    }

    // The amount the line ends with (the line price), if any.
    std::optional<Amount> trailing(const QString &line) const
    {
        return fromMatch(m_trailing.match(line));
    }

    // Every amount in the line, in order.
    QList<Amount> all(const QString &line) const
    {
        QList<Amount> out;
        auto it = m_anywhere.globalMatch(line);
        while (it.hasNext()) {
            if (auto amount = fromMatch(it.next()))
                out.append(*amount);
        }
        return out;
    }

    const QRegularExpression &quantityPattern() const { return m_quantity; }

private:
    std::optional<Amount> fromMatch(const QRegularExpressionMatch &match) const
    {
        if (!match.hasMatch())
            return std::nullopt;
        QString integer = match.captured(2);
        integer.remove(m_groupPattern);
        const QString decimals = match.captured(3);
        // At least one real digit: "lO,Oo" is a word, not a price.
        bool anyDigit = false;
        for (QChar c : QString(integer + decimals))
            anyDigit = anyDigit || c.isDigit();
        if (!anyDigit)
            return std::nullopt;
        bool ok = false;
        const qint64 whole = toDigits(integer).toLongLong(&ok);
        if (!ok)
            return std::nullopt;
        const qint64 fraction = toDigits(decimals).toLongLong(&ok);
        if (!ok)
            return std::nullopt;
        qint64 cents = whole * 100 + fraction;
        if (match.capturedLength(1) > 0 || match.capturedLength(4) > 0)
            cents = -cents;
        return Amount{cents, match.capturedStart(0), match.capturedEnd(0)};
    }

    QRegularExpression m_trailing;
    QRegularExpression m_anywhere;
    QRegularExpression m_groupPattern;
    QRegularExpression m_quantity;
};

// "2", "0,456", "1.5" -> the number; OCR's O for 0 forgiven.
double readQuantity(const QString &text)
{
    QString digits = toDigits(text);
    digits.replace(u',', u'.');
    return digits.toDouble();
}

// Month names and their common abbreviations in the six languages, lower case, no accents.
int monthFromName(const QString &name)
{
    static const QList<QStringList> months{
        {u"jan"_s, u"janv"_s, u"januar"_s, u"january"_s, u"janvier"_s, u"ene"_s, u"enero"_s, u"gen"_s, u"gennaio"_s, u"januari"_s, u"jän"_s},
        {u"feb"_s, u"febr"_s, u"februar"_s, u"february"_s, u"fevr"_s, u"fev"_s, u"fevrier"_s, u"febrero"_s, u"febbraio"_s, u"februari"_s},
        {u"mar"_s, u"mär"_s, u"mrz"_s, u"marz"_s, u"maerz"_s, u"march"_s, u"mars"_s, u"marzo"_s, u"maart"_s, u"mrt"_s},
        {u"apr"_s, u"april"_s, u"avr"_s, u"avril"_s, u"abr"_s, u"abril"_s, u"aprile"_s},
        {u"may"_s, u"mai"_s, u"mayo"_s, u"mag"_s, u"maggio"_s, u"mei"_s},
        {u"jun"_s, u"juni"_s, u"june"_s, u"juin"_s, u"junio"_s, u"giu"_s, u"giugno"_s},
        {u"jul"_s, u"juli"_s, u"july"_s, u"juil"_s, u"juillet"_s, u"julio"_s, u"lug"_s, u"luglio"_s},
        {u"aug"_s, u"august"_s, u"aout"_s, u"ago"_s, u"agosto"_s, u"augustus"_s},
        {u"sep"_s, u"sept"_s, u"september"_s, u"septembre"_s, u"septiembre"_s, u"set"_s, u"settembre"_s},
        {u"oct"_s, u"okt"_s, u"oktober"_s, u"october"_s, u"octobre"_s, u"octubre"_s, u"ott"_s, u"ottobre"_s},
        {u"nov"_s, u"november"_s, u"novembre"_s, u"noviembre"_s},
        {u"dec"_s, u"dez"_s, u"dezember"_s, u"december"_s, u"decembre"_s, u"dic"_s, u"diciembre"_s, u"dicembre"_s},
    };
    const QString key = folded(name).remove(u'.');
    for (int i = 0; i < months.size(); ++i) {
        if (months.at(i).contains(key))
            return i + 1;
    }
    return 0;
}

int fullYear(int year)
{
    return year < 100 ? 2000 + year : year;
}

bool plausible(const QDate &date)
{
    return date.isValid() && date.year() >= 2000 && date.year() <= 2099;
}

// The locale writes the month first ("3/14/2026" in en_US).
bool monthFirst(const QLocale &locale)
{
    const QString format = locale.dateFormat(QLocale::ShortFormat).toLower();
    const qsizetype month = format.indexOf(u'm');
    const qsizetype day = format.indexOf(u'd');
    return month >= 0 && day >= 0 && month < day;
}

QDate findDate(const QString &line, const QLocale &locale)
{
    // Digits with OCR's letters for them, only where a date's shape surrounds them.
    static const QString d = u"[0-9OolI]"_s;
    static const QRegularExpression iso(u"(?<![0-9])(%1{4})\\s?[-./]\\s?(%1{1,2})\\s?[-./]\\s?(%1{1,2})(?![0-9])"_s.arg(d));
    static const QRegularExpression numeric(u"(?<![0-9])(%1{1,2})\\s?([-./])\\s?(%1{1,2})\\s?\\2\\s?(%1{4}|%1{2})(?![0-9])"_s.arg(d));
    static const QRegularExpression dayName(
        u"(?<![0-9])(%1{1,2})\\.?\\s*([A-Za-zÀ-ÿ]{3,9})\\.?,?\\s*(%1{4}|%1{2})(?![0-9])"_s.arg(d));
    static const QRegularExpression nameDay(
        u"([A-Za-zÀ-ÿ]{3,9})\\.?\\s+(%1{1,2}),?\\s+(%1{4})(?![0-9])"_s.arg(d));

    auto number = [](const QString &text) { return toDigits(text).toInt(); };

    if (auto m = iso.match(line); m.hasMatch()) {
        const QDate date(number(m.captured(1)), number(m.captured(2)), number(m.captured(3)));
        if (plausible(date))
            return date;
    }
    if (auto m = numeric.match(line); m.hasMatch()) {
        int first = number(m.captured(1));
        int second = number(m.captured(3));
        const int year = fullYear(number(m.captured(4)));
        const bool dotted = m.captured(2) == u"."_s;
        bool swap = !dotted && monthFirst(locale);
        if (first > 12 && second <= 12)
            swap = false;
        else if (second > 12 && first <= 12)
            swap = true;
        const QDate date = swap ? QDate(year, first, second) : QDate(year, second, first);
        if (plausible(date))
            return date;
    }
    if (auto m = dayName.match(line); m.hasMatch()) {
        if (const int month = monthFromName(m.captured(2))) {
            const QDate date(fullYear(number(m.captured(3))), month, number(m.captured(1)));
            if (plausible(date))
                return date;
        }
    }
    if (auto m = nameDay.match(line); m.hasMatch()) {
        if (const int month = monthFromName(m.captured(1))) {
            const QDate date(number(m.captured(3)), month, number(m.captured(2)));
            if (plausible(date))
                return date;
        }
    }
    return {};
}

int letterCount(const QString &text)
{
    int letters = 0;
    for (QChar c : text)
        letters += c.isLetter() ? 1 : 0;
    return letters;
}

// "  *Milch 1,5% ....  " -> "Milch 1,5%": the dots and stars receipts pad with, and the column
// of article numbers some print first.
QString cleanName(QString name)
{
    static const QRegularExpression padding(u"^[\\s*.,:;#~_\\-=|'\"`‘’“”]+|[\\s*.,:;#~_\\-=|'\"`‘’“”]+$"_s);
    // Tokens with neither letters nor digits at either end: "Tomaten °", "» Butter".
    static const QRegularExpression symbolTokens(u"^(?:[^\\p{L}\\p{N}\\s]+\\s+)+|(?:\\s+[^\\p{L}\\p{N}\\s%]+)+$"_s);
    static const QRegularExpression lowerTail(u"(?:\\s+\\p{Ll}{1,2})+$"_s);
    static const QRegularExpression articleNumber(u"^\\d{5,}\\s+"_s);
    static const QRegularExpression spaces(u"\\s{2,}"_s);
    name.replace(spaces, u" "_s);
    name.remove(padding);
    name.remove(articleNumber);
    name.remove(symbolTokens);
    // "COMTE AOP oo": specks OCR reads as small letters after a name printed in capitals.
    int upper = 0;
    int lower = 0;
    for (QChar c : std::as_const(name)) {
        upper += c.isUpper() ? 1 : 0;
        lower += c.isLower() ? 1 : 0;
    }
    if (upper >= 4 * std::max(lower, 1) - 4 && upper > lower) {
        name.remove(lowerTail);
        name.remove(padding);
    }
    return name.trimmed();
}

QString cleanMerchant(QString line)
{
    static const QRegularExpression edges(u"^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}.)&']+$"_s);
    line.remove(edges);
    return line.simplified();
}

bool pricesMatch(qint64 a, qint64 b)
{
    return std::llabs(a - b) <= 1; // unit price × weight is rounded by the till
}

} // namespace

ReceiptParser::ReceiptParser(QLocale locale, QString currencyCode)
    : m_locale(std::move(locale))
    , m_currency(std::move(currencyCode))
{
}

ParsedReceipt ReceiptParser::parse(const QString &ocrText) const
{
    const NumberReader numbers(m_locale, m_currency);
    ParsedReceipt receipt;
    receipt.rawText = ocrText;

    // A row of the VAT table: its class letter and rate ("A 7%", "B= 19,0%").
    static const QRegularExpression vatRow(u"^[A-D]\\s*=?\\s*\\d{1,2}(?:[.,]\\d{1,2})?\\s*%"_s);
    const QStringList lines = ocrText.split(u'\n');
    QString pendingName;                 // a name-only line, waiting for its weight/quantity line
    int pendingNameLine = -1;
    double pendingQuantity = 0;          // a quantity line printed before its item (Aldi), 0: none
    qint64 pendingExpected = 0;          // what that item then costs
    int lastItemLine = -2;               // the source line of the last item, to attach quantities
    int firstItemLine = -1;
    int lastNonEmpty = -1;
    QStringList header;

    auto addItem = [&](const QString &name, double quantity, qint64 cents, int sourceLine) {
        ReceiptLine item;
        item.name = name;
        item.quantity = quantity;
        item.priceCents = cents;
        item.sourceLine = sourceLine;
        if (pendingQuantity > 0 && quantity == 1 && pricesMatch(pendingExpected, cents)) {
            item.quantity = pendingQuantity;
        }
        pendingQuantity = 0;
        pendingExpected = 0;
        receipt.lines.append(item);
        lastItemLine = sourceLine;
        if (firstItemLine < 0)
            firstItemLine = sourceLine;
        pendingName.clear();
        pendingNameLine = -1;
    };

    // The date may be printed anywhere, often at the foot under the payment.
    for (const QString &line : lines) {
        receipt.date = findDate(line, m_locale);
        if (receipt.date.isValid())
            break;
    }

    for (int index = 0; index < lines.size(); ++index) {
        const QString line = lines.at(index).simplified();
        if (line.isEmpty())
            continue; // OCR puts blank lines between blocks: "the line before" skips them
        const int previous = lastNonEmpty;
        lastNonEmpty = index;
        const QString lowered = folded(line);

        if (findDate(line, m_locale).isValid())
            continue; // the date line (or a second date, a validity) is no item

        // A quantity line: "2 x 1,49", "0,456 kg x 2,99 EUR/kg 1,36", "Butter 2 x 1,49 2,98".
        const QRegularExpressionMatch quantityMatch = numbers.quantityPattern().match(line);
        if (quantityMatch.hasMatch()) {
            const QString rest = line.mid(quantityMatch.capturedEnd(0));
            const QList<Amount> amounts = numbers.all(rest);
            if (!amounts.isEmpty() && amounts.first().start <= 2) {
                const double quantity = readQuantity(quantityMatch.captured(1));
                const qint64 unit = amounts.first().cents;
                const qint64 expected = std::llround(quantity * double(unit));
                const bool hasLinePrice = amounts.size() > 1;
                const qint64 linePrice = hasLinePrice ? amounts.last().cents : expected;
                QString before = cleanName(line.left(quantityMatch.capturedStart(0)));
                if (letterCount(before) < 2 && hasLinePrice) { // "2 x 1,20 PAN INTEGRAL 2,40"
                    static const QRegularExpression perUnit(
                        u"(?:EUR|USD|GBP|€|\\$|£)?\\s*/\\s*(?:kg|lb|g|100\\s?g|stk|st|l|pc)\\b"_s,
                        QRegularExpression::CaseInsensitiveOption);
                    QString middle = rest.mid(amounts.first().end, amounts.last().start - amounts.first().end);
                    before = cleanName(middle.remove(perUnit));
                }
                if (quantity > 0) {
                    if (letterCount(before) >= 2) {
                        addItem(before, quantity, linePrice, index);
                    } else if (!pendingName.isEmpty() && hasLinePrice) {
                        addItem(pendingName, quantity, linePrice, index);
                    } else if (!receipt.lines.isEmpty() && lastItemLine == previous
                               && receipt.lines.last().quantity == 1
                               && pricesMatch(receipt.lines.last().priceCents, linePrice)) {
                        receipt.lines.last().quantity = quantity; // REWE: the quantity under its item
                    } else if (hasLinePrice) {
                        if (!receipt.lines.isEmpty() && lastItemLine == previous
                            && receipt.lines.last().quantity == 1)
                            receipt.lines.last().quantity = quantity;
                    } else {
                        pendingQuantity = quantity; // Aldi: the quantity over its item
                        pendingExpected = expected;
                    }
                    continue;
                }
            }
        }

        const std::optional<Amount> amount = numbers.trailing(line);
        if (!amount) {
            // A name waiting for its weight line, or header/footer text.
            if (letterCount(line) >= 2 && !containsWord(lowered, fillerWords())
                && !containsWord(lowered, taxWords()) && !containsWord(lowered, paymentWords(), true)
                && !containsWord(lowered, totalWords())) {
                pendingName = cleanName(line);
                pendingNameLine = index;
            }
            if (firstItemLine < 0)
                header.append(line);
            continue;
        }

        const QString label = cleanName(line.left(amount->start));
        const QString foldedLabel = folded(label);
        if (containsWord(foldedLabel, paymentWords(), true))
            continue;
        if (containsWord(foldedLabel, subtotalWords()))
            continue;
        if (containsWord(foldedLabel, taxWords()) || vatRow.match(label).hasMatch())
            continue;
        if (containsWord(foldedLabel, discountWords())) {
            if (containsWord(foldedLabel, totalWords()))
                continue; // "Total savings": a summary, the discounts are already lines
            addItem(label, 1, -std::llabs(amount->cents), index);
            continue;
        }
        if (containsWord(foldedLabel, totalWords())) {
            receipt.totalCents = amount->cents;
            break; // payment, change and the tax table follow the total
        }
        if (letterCount(label) < 2) {
            if (!pendingName.isEmpty() && (pendingNameLine == previous || pendingQuantity > 0))
                addItem(pendingName, 1, amount->cents, index);
            else if (firstItemLine < 0)
                header.append(line);
            continue;
        }
        addItem(label, 1, amount->cents, index);
    }

    for (const QString &line : std::as_const(header)) {
        const QString lowered = folded(line);
        if (letterCount(line) < 3 || containsWord(lowered, fillerWords()))
            continue;
        if (findDate(line, m_locale).isValid())
            continue;
        // An address line starts or ends with its number ("Hauptstr. 5", "12345 Berlin").
        const QString merchant = cleanMerchant(line);
        if (merchant.isEmpty() || merchant.front().isDigit())
            continue;
        receipt.merchant = merchant;
        break;
    }
    return receipt;
}

} // namespace hearth
