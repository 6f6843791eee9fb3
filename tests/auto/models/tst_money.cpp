// Money: text <-> integer cents in the C, German and US locales, never through floating point.

#include "Money.h"

#include <QLocale>
#include <QTest>

#include <limits>
#include <optional>

using namespace hearth;

namespace {

QLocale localeNamed(const QString &name)
{
    return name == QLatin1String("C") ? QLocale::c() : QLocale(name);
}

} // namespace

class tst_Money : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parse_data();
    void parse();
    void formatPlain_data();
    void formatPlain();
    void formatWithCurrency_data();
    void formatWithCurrency();
    void roundTrip_data();
    void roundTrip();
    void noFloatingPoint_data();
    void noFloatingPoint();
    void defaultLocaleIsUsed();
    void currencySymbols();
};

void tst_Money::initTestCase()
{
    // The locales come with Qt (CLDR), not the system; make sure they are what the rows assume.
    QCOMPARE(QLocale(QStringLiteral("de_DE")).decimalPoint(), QStringLiteral(","));
    QCOMPARE(QLocale(QStringLiteral("de_DE")).groupSeparator(), QStringLiteral("."));
    QCOMPARE(QLocale(QStringLiteral("en_US")).decimalPoint(), QStringLiteral("."));
    QCOMPARE(QLocale::c().decimalPoint(), QStringLiteral("."));
}

void tst_Money::parse_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("cents");

    const auto ok = [](const QByteArray &tag, const char *locale, const QString &text, qint64 cents) {
        QTest::newRow(tag.constData()) << QString::fromLatin1(locale) << text << true << cents;
    };
    const auto bad = [](const QByteArray &tag, const char *locale, const QString &text) {
        QTest::newRow(tag.constData()) << QString::fromLatin1(locale) << text << false << qint64(0);
    };

    for (const char *loc : {"C", "en_US", "de_DE"}) {
        const QByteArray p = QByteArray(loc) + ": ";
        ok(QByteArray(p + "12.5"), loc, QStringLiteral("12.5"), 1250);
        ok(QByteArray(p + "-3"), loc, QStringLiteral("-3"), -300);
        ok(QByteArray(p + "0"), loc, QStringLiteral("0"), 0);
        ok(QByteArray(p + "7"), loc, QStringLiteral("7"), 700);
        ok(QByteArray(p + "0.01"), loc, QStringLiteral("0.01"), 1);
        ok(QByteArray(p + "-0.5"), loc, QStringLiteral("-0.5"), -50);
        ok(QByteArray(p + "spaces around"), loc, QStringLiteral("  42.10 "), 4210);
        ok(QByteArray(p + "space after minus"), loc, QStringLiteral("- 3"), -300);
        ok(QByteArray(p + "space groups"), loc, QStringLiteral("1 234 567"), 123456700);
        ok(QByteArray(p + "no-break space groups"), loc, QStringLiteral("1\u00A0234"), 123400);
        ok(QByteArray(p + ".5"), loc, QStringLiteral(".5"), 50);
        bad(QByteArray(p + "abc"), loc, QStringLiteral("abc"));
        bad(QByteArray(p + "empty"), loc, QString());
        bad(QByteArray(p + "blank"), loc, QStringLiteral("   "));
        bad(QByteArray(p + "minus alone"), loc, QStringLiteral("-"));
        bad(QByteArray(p + "double minus"), loc, QStringLiteral("--3"));
        bad(QByteArray(p + "plus"), loc, QStringLiteral("+3"));
        bad(QByteArray(p + "12abc"), loc, QStringLiteral("12abc"));
        bad(QByteArray(p + "currency symbol"), loc, QStringLiteral("€12"));
        bad(QByteArray(p + "exponent"), loc, QStringLiteral("1e3"));
        bad(QByteArray(p + "two decimal points"), loc, QStringLiteral("1.2.3.4"));
        bad(QByteArray(p + "sixteen digits"), loc, QStringLiteral("1234567890123456"));
        bad(QByteArray(p + "arabic-indic digits"), loc, QStringLiteral("\u0661\u0662"));
    }

    // C and English: '.' decimal, ',' groups of three.
    for (const char *loc : {"C", "en_US"}) {
        const QByteArray p = QByteArray(loc) + ": ";
        ok(QByteArray(p + "1,234.56"), loc, QStringLiteral("1,234.56"), 123456);
        ok(QByteArray(p + "1,234,567"), loc, QStringLiteral("1,234,567"), 123456700);
        ok(QByteArray(p + "-1,234.5"), loc, QStringLiteral("-1,234.5"), -123450);
        bad(QByteArray(p + "12.345 (three decimals)"), loc, QStringLiteral("12.345"));
        bad(QByteArray(p + "12,50 (comma decimal)"), loc, QStringLiteral("12,50"));
        bad(QByteArray(p + "1,2345 (bad group)"), loc, QStringLiteral("1,2345"));
        bad(QByteArray(p + ",123 (no leading group)"), loc, QStringLiteral(",123"));
        bad(QByteArray(p + "1.234,56 (German)"), loc, QStringLiteral("1.234,56"));
    }

    // German: ',' decimal, '.' groups; a lone '.' with one or two decimals is still a decimal point.
    ok("de_DE: 1.234,56", "de_DE", QStringLiteral("1.234,56"), 123456);
    ok("de_DE: 12,5", "de_DE", QStringLiteral("12,5"), 1250);
    ok("de_DE: 12,50", "de_DE", QStringLiteral("12,50"), 1250);
    ok("de_DE: -3,99", "de_DE", QStringLiteral("-3,99"), -399);
    ok("de_DE: 1.234.567,89", "de_DE", QStringLiteral("1.234.567,89"), 123456789);
    ok("de_DE: 12.50 typed with a dot", "de_DE", QStringLiteral("12.50"), 1250);
    ok("de_DE: 1.234 is grouping", "de_DE", QStringLiteral("1.234"), 123400);
    ok("de_DE: 12.345 is grouping", "de_DE", QStringLiteral("12.345"), 1234500);
    ok("de_DE: ,5", "de_DE", QStringLiteral(",5"), 50);
    bad("de_DE: 12,345 (three decimals)", "de_DE", QStringLiteral("12,345"));
    bad("de_DE: 1,234.56 (English)", "de_DE", QStringLiteral("1,234.56"));
    bad("de_DE: 1.23,45 (bad group)", "de_DE", QStringLiteral("1.23,45"));
    bad("de_DE: 1,2,3", "de_DE", QStringLiteral("1,2,3"));

    // Large values: up to fifteen whole digits.
    ok("C: largest whole part", "C", QStringLiteral("999999999999999.99"), 99999999999999999LL);
    ok("en_US: large grouped", "en_US", QStringLiteral("123,456,789,012,345.67"), 12345678901234567LL);
    ok("de_DE: large grouped", "de_DE", QStringLiteral("-123.456.789.012,34"), -12345678901234LL);
}

void tst_Money::parse()
{
    QFETCH(QString, locale);
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(qint64, cents);

    const std::optional<qint64> parsed = Money::parse(text, localeNamed(locale));
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(*parsed, cents);
}

void tst_Money::formatPlain_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<qint64>("cents");
    QTest::addColumn<QString>("expected");

    QTest::newRow("C: 1234.56") << QStringLiteral("C") << qint64(123456) << QStringLiteral("1234.56");
    QTest::newRow("C: zero") << QStringLiteral("C") << qint64(0) << QStringLiteral("0.00");
    QTest::newRow("C: one cent") << QStringLiteral("C") << qint64(1) << QStringLiteral("0.01");
    QTest::newRow("C: minus one cent") << QStringLiteral("C") << qint64(-1) << QStringLiteral("-0.01");
    QTest::newRow("C: -3") << QStringLiteral("C") << qint64(-300) << QStringLiteral("-3.00");
    QTest::newRow("C: minimum") << QStringLiteral("C") << std::numeric_limits<qint64>::min()
                                << QStringLiteral("-92233720368547758.08");
    QTest::newRow("C: maximum") << QStringLiteral("C") << std::numeric_limits<qint64>::max()
                                << QStringLiteral("92233720368547758.07");
    QTest::newRow("en_US: 1,234.56") << QStringLiteral("en_US") << qint64(123456) << QStringLiteral("1,234.56");
    QTest::newRow("en_US: negative") << QStringLiteral("en_US") << qint64(-123456) << QStringLiteral("-1,234.56");
    QTest::newRow("en_US: millions") << QStringLiteral("en_US") << qint64(123456789012) << QStringLiteral("1,234,567,890.12");
    QTest::newRow("en_US: 12.50") << QStringLiteral("en_US") << qint64(1250) << QStringLiteral("12.50");
    QTest::newRow("de_DE: 1.234,56") << QStringLiteral("de_DE") << qint64(123456) << QStringLiteral("1.234,56");
    QTest::newRow("de_DE: negative") << QStringLiteral("de_DE") << qint64(-5) << QStringLiteral("-0,05");
    QTest::newRow("de_DE: 999,99") << QStringLiteral("de_DE") << qint64(99999) << QStringLiteral("999,99");
}

void tst_Money::formatPlain()
{
    QFETCH(QString, locale);
    QFETCH(qint64, cents);
    QFETCH(QString, expected);
    QCOMPARE(Money::formatPlain(cents, localeNamed(locale)), expected);
}

void tst_Money::formatWithCurrency_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<qint64>("cents");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");

    QTest::newRow("en_US: dollars") << QStringLiteral("en_US") << qint64(123456) << QStringLiteral("USD") << QStringLiteral("$1,234.56");
    QTest::newRow("en_US: negative dollars") << QStringLiteral("en_US") << qint64(-123456) << QStringLiteral("USD")
                                             << QStringLiteral("-$1,234.56");
    QTest::newRow("en_US: euros") << QStringLiteral("en_US") << qint64(600) << QStringLiteral("EUR") << QStringLiteral("€6.00");
    QTest::newRow("de_DE: euros") << QStringLiteral("de_DE") << qint64(123456) << QStringLiteral("EUR")
                                  << QStringLiteral("1.234,56\u00A0€");
    QTest::newRow("de_DE: negative euros") << QStringLiteral("de_DE") << qint64(-4599) << QStringLiteral("EUR")
                                           << QStringLiteral("-45,99\u00A0€");
    QTest::newRow("de_DE: pounds") << QStringLiteral("de_DE") << qint64(1) << QStringLiteral("GBP") << QStringLiteral("0,01\u00A0£");
}

void tst_Money::formatWithCurrency()
{
    QFETCH(QString, locale);
    QFETCH(qint64, cents);
    QFETCH(QString, currency);
    QFETCH(QString, expected);
    QCOMPARE(Money::format(cents, currency, localeNamed(locale)), expected);
}

void tst_Money::roundTrip_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<qint64>("cents");
    const qint64 values[] = {0, 1, -1, 9, 10, 99, 100, 101, 1250, -300, 123456, -123456, 100000000, 2147483647LL,
                             2147483648LL, 9007199254740993LL, -9007199254740993LL, 99999999999999999LL,
                             -99999999999999999LL};
    for (const char *loc : {"C", "en_US", "de_DE"}) {
        for (qint64 v : values)
            QTest::newRow(qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(loc)).arg(v))) << QString::fromLatin1(loc) << v;
    }
}

void tst_Money::roundTrip()
{
    QFETCH(QString, locale);
    QFETCH(qint64, cents);
    const QLocale loc = localeNamed(locale);
    const QString text = Money::formatPlain(cents, loc);
    const auto back = Money::parse(text, loc);
    QVERIFY2(back, qPrintable(text));
    QCOMPARE(*back, cents);
}

void tst_Money::noFloatingPoint_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("cents");
    // Each of these comes out one cent wrong when computed as qRound64(double * 100) or truncated.
    QTest::newRow("0.29") << QStringLiteral("0.29") << qint64(29);
    QTest::newRow("1.15") << QStringLiteral("1.15") << qint64(115);
    QTest::newRow("4.35") << QStringLiteral("4.35") << qint64(435);
    QTest::newRow("8.20") << QStringLiteral("8.20") << qint64(820);
    QTest::newRow("1.005 is refused, not rounded") << QStringLiteral("1.005") << qint64(-1);
    // Beyond 2^53: a double cannot hold these cents exactly.
    QTest::newRow("2^53 + 1 cents") << QStringLiteral("90071992547409.93") << qint64(9007199254740993LL);
    QTest::newRow("near the limit") << QStringLiteral("999999999999999.99") << qint64(99999999999999999LL);
}

void tst_Money::noFloatingPoint()
{
    QFETCH(QString, text);
    QFETCH(qint64, cents);
    const auto parsed = Money::parse(text, QLocale::c());
    if (cents < 0) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(*parsed, cents);
    QCOMPARE(Money::formatPlain(cents, QLocale::c()), text);
}

void tst_Money::defaultLocaleIsUsed()
{
    const QLocale saved;
    QLocale::setDefault(QLocale(QStringLiteral("de_DE")));
    const auto german = Money::parse(QStringLiteral("1.234,56"));
    const QString germanText = Money::formatPlain(123456);
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    const auto english = Money::parse(QStringLiteral("1,234.56"));
    const QString englishText = Money::formatPlain(123456);
    QLocale::setDefault(saved);

    QCOMPARE(german, std::optional<qint64>(123456));
    QCOMPARE(english, std::optional<qint64>(123456));
    QCOMPARE(germanText, QStringLiteral("1.234,56"));
    QCOMPARE(englishText, QStringLiteral("1,234.56"));
}

void tst_Money::currencySymbols()
{
    QCOMPARE(Money::currencySymbol(QStringLiteral("EUR")), QStringLiteral("€"));
    QCOMPARE(Money::currencySymbol(QStringLiteral("USD")), QStringLiteral("$"));
    QCOMPARE(Money::currencySymbol(QStringLiteral("GBP")), QStringLiteral("£"));
    QCOMPARE(Money::currencySymbol(QStringLiteral("ZAR")), QStringLiteral("ZAR"));
}

QTEST_GUILESS_MAIN(tst_Money)
#include "tst_money.moc"
