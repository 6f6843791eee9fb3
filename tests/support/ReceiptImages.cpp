#include "ReceiptImages.h"

#include <QFont>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QPainter>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTransform>

#include <algorithm>
#include <cmath>

namespace hearth::test {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int kColumns = 36; // characters across the till roll

struct Item
{
    QString name;
    double unitPrice;
};

struct LayoutData
{
    QLocale locale;
    QString currency;
    QStringList merchants;
    QStringList address;
    QList<Item> items;        // sold by the piece
    QList<Item> weighed;      // sold by weight (unit price per kg or lb)
    QString weightUnit;
};

LayoutData dataFor(ReceiptLayout layout)
{
    switch (layout) {
    case ReceiptLayout::GermanSupermarket:
        return {QLocale(QLocale::German, QLocale::Germany), u"EUR"_s,
                {u"LIDL"_s, u"ALDI SÜD"_s, u"REWE Markt"_s, u"EDEKA Center"_s, u"PENNY Markt"_s},
                {u"Hauptstr. 12"_s, u"10115 Berlin"_s},
                {{u"Vollmilch"_s, 1.09}, {u"Butter"_s, 1.49}, {u"Käse Gouda"_s, 2.49},
                 {u"Vollkornbrot"_s, 1.99}, {u"Joghurt Natur"_s, 0.79}, {u"Kaffee Crema"_s, 4.99},
                 {u"Apfelsaft"_s, 1.29}, {u"Spaghetti"_s, 0.89}, {u"Mineralwasser"_s, 0.59},
                 {u"Schokolade"_s, 1.19}, {u"Haferflocken"_s, 0.99}, {u"Tomaten"_s, 1.79}},
                {{u"Bananen"_s, 1.99}, {u"Kartoffeln"_s, 1.49}, {u"Karotten"_s, 1.29}},
                u"kg"_s};
    case ReceiptLayout::French:
        return {QLocale(QLocale::French, QLocale::France), u"EUR"_s,
                {u"CARREFOUR MARKET"_s, u"MONOPRIX"_s, u"INTERMARCHE"_s, u"FRANPRIX"_s},
                {u"12 rue de la Paix"_s, u"75002 Paris"_s},
                {{u"BAGUETTE"_s, 1.10}, {u"CAMEMBERT"_s, 2.45}, {u"LAIT DEMI ECREME"_s, 1.05},
                 {u"BEURRE DOUX"_s, 2.89}, {u"YAOURT NATURE"_s, 1.75}, {u"JAMBON BLANC"_s, 3.20},
                 {u"PAIN DE MIE"_s, 1.65}, {u"CAFE MOULU"_s, 4.35}, {u"CONFITURE"_s, 2.15},
                 {u"COMTE AOP"_s, 5.40}},
                {{u"TOMATES GRAPPE"_s, 3.49}, {u"POMMES GOLDEN"_s, 2.29}},
                u"kg"_s};
    case ReceiptLayout::UsGrocery:
        return {QLocale(QLocale::English, QLocale::UnitedStates), u"USD"_s,
                {u"WHOLE FOODS MARKET"_s, u"TRADER JOES"_s, u"SAFEWAY"_s, u"KROGER"_s},
                {u"123 Main St"_s, u"Austin TX 78701"_s},
                {{u"ORGANIC MILK"_s, 4.99}, {u"WHEAT BREAD"_s, 3.49}, {u"LARGE EGGS"_s, 3.29},
                 {u"PEANUT BUTTER"_s, 2.79}, {u"CHEDDAR CHEESE"_s, 4.49}, {u"GREEK YOGURT"_s, 1.25},
                 {u"PAPER TOWELS"_s, 6.49}, {u"COFFEE BEANS"_s, 9.99}, {u"ORANGE JUICE"_s, 3.99}},
                {{u"BANANAS"_s, 0.59}, {u"GALA APPLES"_s, 1.99}},
                u"lb"_s};
    case ReceiptLayout::UkBalanceDue:
        return {QLocale(QLocale::English, QLocale::UnitedKingdom), u"GBP"_s,
                {u"TESCO"_s, u"SAINSBURYS"_s, u"WAITROSE"_s, u"ASDA"_s},
                {u"Superstore"_s, u"London SW1A 1AA"_s},
                {{u"SEMI SKIMMED MILK"_s, 1.45}, {u"WHITE BREAD"_s, 0.95}, {u"CHEDDAR"_s, 2.00},
                 {u"BAKED BEANS"_s, 0.85}, {u"TEA BAGS"_s, 3.10}, {u"DIGESTIVES"_s, 1.20},
                 {u"FREE RANGE EGGS"_s, 2.35}, {u"BUTTER"_s, 1.99}},
                {{u"LOOSE CARROTS"_s, 1.10}, {u"BANANAS LOOSE"_s, 0.94}},
                u"kg"_s};
    }
    return dataFor(ReceiptLayout::GermanSupermarket);
}

// 109 -> "1,09" / "1.09" in the locale, no grouping (tills rarely group).
QString price(qint64 cents, const QLocale &locale)
{
    const QString sign = cents < 0 ? u"-"_s : QString();
    const qint64 absolute = std::llabs(cents);
    return u"%1%2%3%4"_s.arg(sign).arg(absolute / 100).arg(locale.decimalPoint())
        .arg(absolute % 100, 2, 10, QLatin1Char('0'));
}

QString quantityText(double quantity, const QLocale &locale)
{
    QString text = QString::number(quantity, 'f', 3);
    text.replace(u'.', locale.decimalPoint());
    return text;
}

QString leftRight(const QString &left, const QString &right)
{
    const qsizetype gap = std::max<qsizetype>(1, kColumns - left.size() - right.size());
    return left + QString(gap, u' ') + right;
}

QString centered(const QString &text)
{
    const qsizetype pad = std::max<qsizetype>(0, (kColumns - text.size()) / 2);
    return QString(pad, u' ') + text;
}

struct Printed
{
    QStringList lines;
    int boldLine = 0; // the merchant, printed large
};

QString fontFamily()
{
    static const QString family = [] {
        const int id = QFontDatabase::addApplicationFont(u"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"_s);
        const QStringList families = id >= 0 ? QFontDatabase::applicationFontFamilies(id) : QStringList();
        return families.isEmpty() ? u"Monospace"_s : families.first();
    }();
    return family;
}

} // namespace

QString layoutName(ReceiptLayout layout)
{
    switch (layout) {
    case ReceiptLayout::GermanSupermarket: return u"de-supermarket"_s;
    case ReceiptLayout::French: return u"fr"_s;
    case ReceiptLayout::UsGrocery: return u"us-grocery"_s;
    case ReceiptLayout::UkBalanceDue: return u"uk-balance-due"_s;
    }
    return {};
}

QList<ReceiptLayout> allReceiptLayouts()
{
    return {ReceiptLayout::GermanSupermarket, ReceiptLayout::French, ReceiptLayout::UsGrocery,
            ReceiptLayout::UkBalanceDue};
}

RenderedReceipt renderReceipt(const ReceiptImageSpec &spec)
{
    QRandomGenerator random(spec.seed);
    const LayoutData data = dataFor(spec.layout);
    const QLocale &locale = data.locale;
    auto money = [&](qint64 cents) -> QString {
        switch (spec.layout) {
        case ReceiptLayout::GermanSupermarket: return price(cents, locale);
        case ReceiptLayout::French: return price(cents, locale) + u" €"_s;
        case ReceiptLayout::UsGrocery: return (cents < 0 ? u"-$"_s : u"$"_s) + price(std::llabs(cents), locale);
        case ReceiptLayout::UkBalanceDue: return (cents < 0 ? u"-£"_s : u"£"_s) + price(std::llabs(cents), locale);
        }
        return price(cents, locale);
    };
    // The VAT/tax class letter some tills print after the price.
    const QString vatClass = spec.layout == ReceiptLayout::GermanSupermarket ? u" A"_s
                           : spec.layout == ReceiptLayout::UsGrocery ? u" F"_s : QString();

    RenderedReceipt out;
    out.locale = locale;
    out.currency = data.currency;
    ParsedReceipt &truth = out.truth;
    truth.merchant = data.merchants.at(int(random.bounded(qsizetype(data.merchants.size()))));
    truth.date = QDate(2026, 1, 1).addDays(random.bounded(365));
    const QTime time(8 + int(random.bounded(12)), int(random.bounded(60)));

    QString dateLine;
    switch (spec.layout) {
    case ReceiptLayout::GermanSupermarket:
        dateLine = truth.date.toString(u"dd.MM.yyyy"_s) + u" "_s + time.toString(u"HH:mm"_s)
                 + u"  Bon "_s + QString::number(1000 + random.bounded(9000));
        break;
    case ReceiptLayout::French:
        dateLine = u"Le "_s + truth.date.toString(u"dd/MM/yyyy"_s) + u" a "_s + time.toString(u"HH:mm"_s);
        break;
    case ReceiptLayout::UsGrocery:
        dateLine = truth.date.toString(u"MM/dd/yyyy"_s) + u" "_s + time.toString(u"h:mm AP"_s);
        break;
    case ReceiptLayout::UkBalanceDue:
        dateLine = QLocale::c().toString(truth.date, u"dd MMM yyyy"_s) + u" "_s + time.toString(u"HH:mm"_s);
        break;
    }

    Printed printed;
    printed.lines << centered(truth.merchant);
    for (const QString &line : data.address)
        printed.lines << centered(line);
    if (spec.layout != ReceiptLayout::GermanSupermarket && spec.layout != ReceiptLayout::UsGrocery)
        printed.lines << dateLine;
    printed.lines << QString();
    if (spec.layout == ReceiptLayout::GermanSupermarket)
        printed.lines << leftRight(QString(), u"EUR"_s);

    // Distinct items in a seeded order; slot 1 is bought several times, slot 3 by weight, and a
    // discount follows the last item on four- and five-line receipts.
    QList<Item> pool = data.items;
    for (qsizetype i = pool.size() - 1; i > 0; --i)
        pool.swapItemsAt(i, random.bounded(i + 1));
    int pooled = 0;
    for (int slot = 0; slot < spec.lineCount; ++slot) {
        ReceiptLine line;
        line.sourceLine = -1;
        if (slot == 3 && !data.weighed.isEmpty()) {
            const Item item = data.weighed.at(int(random.bounded(qsizetype(data.weighed.size()))));
            line.name = item.name;
            line.quantity = double(200 + random.bounded(1800)) / 1000.0;
            const qint64 unitCents = std::llround(item.unitPrice * 100);
            line.priceCents = std::llround(line.quantity * double(unitCents));
            const QString unit = data.currency == u"EUR"_s ? u"EUR/"_s + data.weightUnit
                               : u"/"_s + data.weightUnit;
            const QString at = spec.layout == ReceiptLayout::GermanSupermarket || spec.layout == ReceiptLayout::French
                ? u" x "_s : u" @ "_s;
            printed.lines << line.name;
            printed.lines << leftRight(u"  "_s + quantityText(line.quantity, locale) + u" "_s + data.weightUnit + at
                                           + price(unitCents, locale) + u" "_s + unit,
                                       money(line.priceCents) + vatClass);
        } else {
            const Item item = pool.at(pooled++ % pool.size());
            line.name = item.name;
            const qint64 unitCents = std::llround(item.unitPrice * 100);
            line.quantity = slot == 1 ? double(2 + random.bounded(3)) : 1.0;
            line.priceCents = qint64(line.quantity) * unitCents;
            printed.lines << leftRight(line.name, money(line.priceCents) + vatClass);
            if (line.quantity > 1)
                printed.lines << u"  "_s + QString::number(int(line.quantity)) + u" x "_s + money(unitCents);
        }
        truth.lines.append(line);
        if (slot == spec.lineCount - 1 && spec.lineCount >= 4 && spec.layout != ReceiptLayout::UsGrocery) {
            ReceiptLine discount;
            discount.name = spec.layout == ReceiptLayout::GermanSupermarket ? u"Preisvorteil"_s
                          : spec.layout == ReceiptLayout::French ? u"REMISE FIDELITE"_s : u"CLUBCARD SAVING"_s;
            discount.priceCents = -std::min<qint64>(50, line.priceCents / 2);
            printed.lines << leftRight(discount.name, money(discount.priceCents) + vatClass);
            truth.lines.append(discount);
        }
    }

    const qint64 sum = truth.linesSumCents();
    printed.lines << QString(kColumns, u'-');
    switch (spec.layout) {
    case ReceiptLayout::GermanSupermarket: {
        truth.totalCents = sum;
        printed.lines << leftRight(random.bounded(2) ? u"zu zahlen"_s : u"SUMME"_s, price(sum, locale));
        const qint64 given = (sum / 1000 + 1) * 1000;
        printed.lines << leftRight(u"Bar"_s, price(given, locale));
        printed.lines << leftRight(u"Rückgeld"_s, price(given - sum, locale));
        printed.lines << QString();
        const qint64 tax = std::llround(double(sum) * 7.0 / 107.0);
        printed.lines << u"MWST%  MWST    Netto   Brutto"_s;
        printed.lines << u"A 7%   "_s + price(tax, locale) + u"    "_s + price(sum - tax, locale) + u"   "_s + price(sum, locale);
        printed.lines << QString();
        printed.lines << dateLine;
        break;
    }
    case ReceiptLayout::French:
        truth.totalCents = sum;
        printed.lines << leftRight(u"TOTAL TTC"_s, money(sum));
        printed.lines << leftRight(u"CB"_s, money(sum));
        printed.lines << leftRight(u"dont TVA 5,5%"_s, money(std::llround(double(sum) * 5.5 / 105.5)));
        break;
    case ReceiptLayout::UsGrocery: {
        const qint64 tax = std::llround(double(sum) * 0.0625);
        truth.totalCents = sum + tax;
        printed.lines << leftRight(u"SUBTOTAL"_s, money(sum));
        printed.lines << leftRight(u"TAX 6.25%"_s, money(tax));
        printed.lines << leftRight(u"TOTAL"_s, money(sum + tax));
        printed.lines << leftRight(u"VISA"_s, money(sum + tax));
        printed.lines << leftRight(u"CHANGE"_s, money(0));
        printed.lines << QString();
        printed.lines << dateLine;
        break;
    }
    case ReceiptLayout::UkBalanceDue: {
        truth.totalCents = sum;
        const qint64 given = (sum / 1000 + 1) * 1000;
        printed.lines << leftRight(u"BALANCE DUE"_s, money(sum));
        printed.lines << leftRight(u"CASH"_s, money(given));
        printed.lines << leftRight(u"CHANGE"_s, money(given - sum));
        break;
    }
    }
    printed.lines << QString() << centered(u"THANK YOU"_s);

    // Paper: the font fills kColumns across the roll with a margin each side.
    const int margin = spec.widthPixels / 24;
    QFont font(fontFamily());
    font.setStyleHint(QFont::Monospace);
    font.setPixelSize(std::max(8, int(double(spec.widthPixels - 2 * margin) / (kColumns * 0.61))));
    QFont bold = font;
    bold.setBold(true);
    bold.setPixelSize(font.pixelSize() * 5 / 4);
    const int lineHeight = QFontMetrics(font).height() + 2;
    const int height = 2 * margin + lineHeight * int(printed.lines.size()) + lineHeight;

    QImage paper(spec.widthPixels, height, QImage::Format_RGB32);
    paper.fill(QColor(250, 249, 245));
    {
        QPainter painter(&paper);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.setPen(QColor(30, 30, 35));
        int y = margin + lineHeight;
        for (int i = 0; i < printed.lines.size(); ++i) {
            const bool isMerchant = i == printed.boldLine;
            painter.setFont(isMerchant ? bold : font);
            if (isMerchant) {
                const QRect row(0, y - lineHeight, spec.widthPixels, lineHeight + 4);
                painter.drawText(row, Qt::AlignHCenter | Qt::AlignBottom, printed.lines.at(i).trimmed());
                y += 4;
            } else {
                painter.drawText(margin, y, printed.lines.at(i));
            }
            y += lineHeight;
        }
    }

    QImage image = paper;
    if (spec.rotationDegrees != 0) {
        // The paper turned on a darker table: what a phone photo of a slip shows.
        const QImage turned = paper.transformed(QTransform().rotate(spec.rotationDegrees), Qt::SmoothTransformation);
        image = QImage(turned.size(), QImage::Format_RGB32);
        image.fill(QColor(200, 200, 200));
        QPainter painter(&image);
        painter.drawImage(0, 0, turned);
    }
    if (spec.noise > 0) {
        // Slight blur: down and up again by up to a third.
        const double shrink = 1.0 + spec.noise * 0.35;
        const QSize size = image.size();
        image = image.scaled(int(size.width() / shrink), int(size.height() / shrink), Qt::IgnoreAspectRatio,
                             Qt::SmoothTransformation)
                    .scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        // Speckles: dust and thermal-paper dots, a few pixels each.
        QPainter painter(&image);
        painter.setPen(Qt::NoPen);
        const int speckles = int(spec.noise * double(image.width()) * double(image.height()) / 2500.0);
        for (int i = 0; i < speckles; ++i) {
            const int shade = int(random.bounded(140));
            painter.setBrush(QColor(shade, shade, shade));
            const double radius = 0.5 + random.generateDouble() * 1.2;
            painter.drawEllipse(QPointF(random.bounded(image.width()), random.bounded(image.height())), radius, radius);
        }
    }
    out.image = image.convertToFormat(QImage::Format_RGB32);
    out.text = printed.lines.join(u'\n');
    return out;
}

int editDistance(const QString &a, const QString &b)
{
    QList<int> previous(b.size() + 1);
    QList<int> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

namespace {

QString comparable(const QString &text)
{
    return text.toLower().simplified();
}

bool alike(const QString &a, const QString &b)
{
    const QString left = comparable(a);
    const QString right = comparable(b);
    const qsizetype longest = std::max(left.size(), right.size());
    return longest == 0 || double(editDistance(left, right)) <= 0.2 * double(longest);
}

} // namespace

ReceiptScore scoreReceipt(const ParsedReceipt &read, const RenderedReceipt &rendered)
{
    const ParsedReceipt &truth = rendered.truth;
    ReceiptScore score;
    score.merchant = editDistance(comparable(read.merchant), comparable(truth.merchant)) <= 1
                     && !read.merchant.isEmpty();
    score.date = read.date == truth.date;
    score.total = read.totalCents == truth.totalCents;
    score.truthLines = int(truth.lines.size());
    score.readLines = int(read.lines.size());
    QList<bool> used(read.lines.size(), false);
    for (const ReceiptLine &expected : truth.lines) {
        for (qsizetype i = 0; i < read.lines.size(); ++i) {
            const ReceiptLine &line = read.lines.at(i);
            if (used.at(i) || line.priceCents != expected.priceCents || !alike(line.name, expected.name))
                continue;
            used[i] = true;
            ++score.foundLines;
            if (std::abs(line.quantity - expected.quantity) < 0.0005)
                ++score.rightQuantities;
            break;
        }
    }
    QString printed = rendered.text;
    QString recognised = read.rawText;
    printed.remove(QRegularExpression(u"\\s+"_s));
    recognised.remove(QRegularExpression(u"\\s+"_s));
    score.characterAccuracy = printed.isEmpty()
        ? 0 : std::max(0.0, 1.0 - double(editDistance(recognised, printed)) / double(printed.size()));
    return score;
}

} // namespace hearth::test
