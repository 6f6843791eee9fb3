// ReceiptParser: OCR text of real-world receipt layouts -> merchant, date, lines, total, in the
// household's locale; the noise Tesseract adds (O for 0, l for 1, stray spaces, VAT letters).

#include "receipts/ReceiptParser.h"

#include <QLocale>
#include <QTest>

using namespace hearth;
using namespace Qt::Literals::StringLiterals;

namespace {

// "Milch|1|109;Bananen|0.456|136" -> the lines; names compared case-insensitively.
QList<ReceiptLine> linesFrom(const QString &table)
{
    QList<ReceiptLine> lines;
    if (table.isEmpty())
        return lines;
    for (const QString &row : table.split(u';')) {
        const QStringList cells = row.split(u'|');
        ReceiptLine line;
        line.name = cells.at(0);
        line.quantity = cells.at(1).toDouble();
        line.priceCents = cells.at(2).toLongLong();
        lines.append(line);
    }
    return lines;
}

QString describe(const QList<ReceiptLine> &lines)
{
    QStringList rows;
    for (const ReceiptLine &line : lines)
        rows << u"%1|%2|%3"_s.arg(line.name).arg(line.quantity).arg(line.priceCents);
    return rows.join(u';');
}

} // namespace

class tst_ReceiptParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layouts_data();
    void layouts();
    void dates_data();
    void dates();
    void amounts_data();
    void amounts();
    void rawTextIsKept();
};

void tst_ReceiptParser::layouts_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("merchant");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("lines");
    QTest::addColumn<qint64>("total"); // -1: none printed

    QTest::newRow("lidl: VAT letters, weight line under its name, quantity, zu zahlen")
        << u"de_DE"_s << u"EUR"_s
        << u"LIDL\nLidl Dienstleistung GmbH & Co. KG\nHauptstr. 12\n10115 Berlin\nEUR\n"
           "Milch 1,5% 1,09 A\nBananen\n0,456 kg x 2,99 EUR/kg 1,36 A\n"
           "Butter 2 x 1,49 2,98 A\nPfand 0,25 B\n"
           "----------\nzu zahlen 5,68\nBar 10,00\nRückgeld 4,32\n"
           "MWST% MWST + Netto = Brutto\nA 7% 0,36 5,07 5,43\nB 19% 0,04 0,21 0,25\nSumme 0,40 5,28 5,68\n"
           "14.03.2026 18:42 Bon 1234\nVielen Dank für Ihren Einkauf"_s
        << u"LIDL"_s << QDate(2026, 3, 14)
        << u"Milch 1,5%|1|109;Bananen|0.456|136;Butter|2|298;Pfand|1|25"_s << qint64(568);

    QTest::newRow("aldi: quantity over its item, trailing minus discount, SUMME")
        << u"de_DE"_s << u"EUR"_s
        << u"ALDI SÜD\nKassenbon\n14.03.26 09:12\n"
           "2 x 0,79\nJoghurt Natur 1,58 A\nBrot 1,99 A\nPreisvorteil 0,50-\n"
           "SUMME EUR 3,07\nEC-Karte 3,07\n"_s
        << u"ALDI SÜD"_s << QDate(2026, 3, 14)
        << u"Joghurt Natur|2|158;Brot|1|199;Preisvorteil|1|-50"_s << qint64(307);

    QTest::newRow("rewe: quantity line under its item, Stk, Summe then tax table")
        << u"de_DE"_s << u"EUR"_s
        << u"REWE Markt GmbH\nWilly-Brandt-Platz 1\n50679 Köln\n"
           "KAFFEE CREMA 4,99 B\nAPFEL BRAEBURN 2,58 B\n   2 Stk x 1,29\nRabatt Kaffee -1,00 B\n"
           "--------------------------\nSUMME EUR 6,57\nGeg. Girocard EUR 6,57\n"
           "Steuer % Netto Steuer Brutto\nB= 7,0% 6,14 0,43 6,57\nDatum: 2026-03-14"_s
        << u"REWE Markt GmbH"_s << QDate(2026, 3, 14)
        << u"KAFFEE CREMA|1|499;APFEL BRAEBURN|2|258;Rabatt Kaffee|1|-100"_s << qint64(657);

    QTest::newRow("french: TOTAL TTC after TOTAL HT, dd/MM/yyyy, euro signs")
        << u"fr_FR"_s << u"EUR"_s
        << u"CARREFOUR MARKET\n12 rue de la Paix\n75002 Paris\nTel 01 23 45 67 89\n"
           "BAGUETTE 1,10 €\nCAMEMBERT 2,45 €\nREMISE FIDELITE -0,30 €\n"
           "TOTAL HT 3,06\nTVA 5,5% 0,19\nTOTAL TTC 3,25 €\nCB 3,25 €\n14/03/2026 10:05"_s
        << u"CARREFOUR MARKET"_s << QDate(2026, 3, 14)
        << u"BAGUETTE|1|110;CAMEMBERT|1|245;REMISE FIDELITE|1|-30"_s << qint64(325);

    QTest::newRow("spanish: Importe, IVA lines, efectivo and cambio")
        << u"es_ES"_s << u"EUR"_s
        << u"MERCADONA S.A.\nC/ Mayor 3, Valencia\nFACTURA SIMPLIFICADA\n14/03/2026 12:30\n"
           "LECHE ENTERA 0,89\n2 x 1,20 PAN INTEGRAL 2,40\nACEITE OLIVA 5,95\n"
           "IMPORTE 9,24\nEFECTIVO 10,00\nCAMBIO 0,76\nIVA 10% BASE 8,40 CUOTA 0,84"_s
        << u"MERCADONA S.A."_s << QDate(2026, 3, 14)
        << u"LECHE ENTERA|1|89;PAN INTEGRAL|2|240;ACEITE OLIVA|1|595"_s << qint64(924);

    QTest::newRow("italian: TOTALE COMPLESSIVO, sconto, contanti")
        << u"it_IT"_s << u"EUR"_s
        << u"COOP ITALIA\nVia Roma 10\nDOCUMENTO COMMERCIALE\n"
           "PASTA 500G 0,99\nPOMODORI 1,80\nSCONTO -0,20\nTOTALE COMPLESSIVO 2,59\n"
           "CONTANTI 5,00\nRESTO 2,41\n14-03-2026 11:00"_s
        << u"COOP ITALIA"_s << QDate(2026, 3, 14)
        << u"PASTA 500G|1|99;POMODORI|1|180;SCONTO|1|-20"_s << qint64(259);

    QTest::newRow("us grocery: $ prices with tax letters, SUBTOTAL, TAX, TOTAL, MM/dd/yyyy")
        << u"en_US"_s << u"USD"_s
        << u"WHOLE FOODS MARKET\n123 Main St\nAustin, TX 78701\n"
           "ORGANIC MILK $4.99 F\nBANANAS\n2.35 lb @ $0.59/lb $1.39 F\nPAPER TOWELS $6.49 T\n"
           "COUPON -$1.00\nSUBTOTAL $11.87\nTAX $0.54\nTOTAL $12.41\nVISA $12.41\nCHANGE $0.00\n"
           "03/04/2026 5:42 PM\nTHANK YOU"_s
        << u"WHOLE FOODS MARKET"_s << QDate(2026, 3, 4)
        << u"ORGANIC MILK|1|499;BANANAS|2.35|139;PAPER TOWELS|1|649;COUPON|1|-100"_s << qint64(1241);

    QTest::newRow("uk: BALANCE DUE, 14 Mar 2026, pound signs")
        << u"en_GB"_s << u"GBP"_s
        << u"TESCO\nSuperstore\n14 Mar 2026 13:45\n"
           "SEMI SKIMMED MILK £1.45\nBREAD WHITE £0.95\nCHEDDAR 3 x £2.00 £6.00\n"
           "CLUBCARD SAVING -£0.50\nBALANCE DUE £7.90\nCASH £10.00\nCHANGE £2.10"_s
        << u"TESCO"_s << QDate(2026, 3, 14)
        << u"SEMI SKIMMED MILK|1|145;BREAD WHITE|1|95;CHEDDAR|3|600;CLUBCARD SAVING|1|-50"_s << qint64(790);

    QTest::newRow("dutch: TOTAAL, pinnen")
        << u"nl_NL"_s << u"EUR"_s
        << u"ALBERT HEIJN\nDamrak 1 Amsterdam\nKAAS JONG 3,49\nHAGELSLAG 2,19\nTOTAAL 5,68\nPINNEN 5,68\n14-3-2026"_s
        << u"ALBERT HEIJN"_s << QDate(2026, 3, 14)
        << u"KAAS JONG|1|349;HAGELSLAG|1|219"_s << qint64(568);

    QTest::newRow("no total printed: a market stall's slip")
        << u"de_DE"_s << u"EUR"_s
        << u"Hofladen Müller\n2026-03-14\nEier 10 Stk 3,20\nKartoffeln 2,50\nMWST% MWST Netto Brutto\n"
           "A 7% 0,37 5,33 5,70\nDanke!"_s
        << u"Hofladen Müller"_s << QDate(2026, 3, 14)
        << u"Eier 10 Stk|1|320;Kartoffeln|1|250"_s << qint64(-1);

    QTest::newRow("noisy OCR: O for 0, l for 1, stray spaces, lowercase VAT letter")
        << u"de_DE"_s << u"EUR"_s
        << u"~ EDEKA Center ~\n: Bahnhofstr. 5\n14.O3.2026\n"
           "Vollmilch l,O9 a\nKäse Gouda 2, 49 A\nTomaten  1,4O  A\n  SUMME   4, 98\nBar 5,OO"_s
        << u"EDEKA Center"_s << QDate(2026, 3, 14)
        << u"Vollmilch|1|109;Käse Gouda|1|249;Tomaten|1|140"_s << qint64(498);

    QTest::newRow("noisy OCR of a turned, speckled slip: quotes, dots and specks around prices")
        << u"en_GB"_s << u"GBP"_s
        << u"ASDA\n\nSuperstore\n. London SW1A 1AA\n23 Aug 2026 12:57\n\n"
           "YOGURT NATURE | \"1.75\nFREE RANGE EGGS , £9.40\n4 x £2.35.\n"
           "COMTE AQP’ ” oo £5.40\nBANANAS LOOSE\n©.206 kg.@ 0.94 /kg £0.19.\n"
           "CLUBCARD SAVING -£0.50 |\nTomaten ° £0.00\nBALANCE ‘DUE .£16.24 °\nCASH £20.00"_s
        << u"ASDA"_s << QDate(2026, 8, 23)
        << u"YOGURT NATURE|1|175;FREE RANGE EGGS|4|940;COMTE AQP|1|540;BANANAS LOOSE|0.206|19;CLUBCARD SAVING|1|-50;Tomaten|1|0"_s
        << qint64(1624);

    QTest::newRow("multi-quantity and weight in one receipt, decimal point in en")
        << u"en_GB"_s << u"GBP"_s
        << u"Sainsbury's\n2026-03-14\nLOOSE CARROTS\n0.512 kg x 1.10 /kg 0.56\nEGGS 6PK 2 x 1.85 3.70\n"
           "TOTAL 4.26\nCARD 4.26"_s
        << u"Sainsbury's"_s << QDate(2026, 3, 14)
        << u"LOOSE CARROTS|0.512|56;EGGS 6PK|2|370"_s << qint64(426);

    QTest::newRow("german thousands in a larger total")
        << u"de_DE"_s << u"EUR"_s
        << u"MediaMarkt\n14.03.2026\nWaschmaschine 1.199,00\nLieferung 49,00\nGesamtbetrag 1.248,00"_s
        << u"MediaMarkt"_s << QDate(2026, 3, 14)
        << u"Waschmaschine|1|119900;Lieferung|1|4900"_s << qint64(124800);
}

void tst_ReceiptParser::layouts()
{
    QFETCH(QString, locale);
    QFETCH(QString, currency);
    QFETCH(QString, text);
    QFETCH(QString, merchant);
    QFETCH(QDate, date);
    QFETCH(QString, lines);
    QFETCH(qint64, total);

    const ParsedReceipt receipt = ReceiptParser(QLocale(locale), currency).parse(text);
    QCOMPARE(receipt.merchant, merchant);
    QCOMPARE(receipt.date, date);
    QCOMPARE(describe(receipt.lines), describe(linesFrom(lines)));
    if (total < 0)
        QVERIFY2(!receipt.totalCents, qPrintable(QString::number(receipt.totalCents.value_or(0))));
    else
        QCOMPARE(receipt.totalCents.value_or(-1), total);
    for (const ReceiptLine &line : receipt.lines)
        QVERIFY(line.sourceLine >= 0);
}

void tst_ReceiptParser::dates_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDate>("date");

    const QDate march14(2026, 3, 14);
    QTest::newRow("iso") << u"de_DE"_s << u"2026-03-14 10:00"_s << march14;
    QTest::newRow("dotted") << u"de_DE"_s << u"14.03.2026"_s << march14;
    QTest::newRow("dotted short year") << u"de_DE"_s << u"Datum 14.03.26"_s << march14;
    QTest::newRow("slashed, day first in fr") << u"fr_FR"_s << u"04/03/2026"_s << QDate(2026, 3, 4);
    QTest::newRow("slashed, month first in en_US") << u"en_US"_s << u"04/03/2026"_s << QDate(2026, 4, 3);
    QTest::newRow("slashed, day first in en_GB") << u"en_GB"_s << u"04/03/2026"_s << QDate(2026, 3, 4);
    QTest::newRow("slashed short year") << u"en_GB"_s << u"14/03/26"_s << march14;
    QTest::newRow("only one order possible") << u"en_US"_s << u"14/03/2026"_s << march14;
    QTest::newRow("day month-name year") << u"en_GB"_s << u"14 Mar 2026"_s << march14;
    QTest::newRow("german month name") << u"de_DE"_s << u"14. März 2026"_s << march14;
    QTest::newRow("french month name") << u"fr_FR"_s << u"14 mars 2026"_s << march14;
    QTest::newRow("month-name day, year") << u"en_US"_s << u"Mar 14, 2026"_s << march14;
    QTest::newRow("OCR O for 0") << u"de_DE"_s << u"14.O3.2O26"_s << march14;
    QTest::newRow("impossible date") << u"de_DE"_s << u"31.02.2026"_s << QDate();
    QTest::newRow("no date") << u"de_DE"_s << u"Milch 1,09"_s << QDate();
}

void tst_ReceiptParser::dates()
{
    QFETCH(QString, locale);
    QFETCH(QString, text);
    QFETCH(QDate, date);
    QCOMPARE(ReceiptParser(QLocale(locale), u"EUR"_s).parse(u"Shop\n"_s + text).date, date);
}

void tst_ReceiptParser::amounts_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("line");
    QTest::addColumn<qint64>("cents"); // the one line's price, or -1 when no line is read

    QTest::newRow("comma") << u"de_DE"_s << u"Milch 1,09"_s << qint64(109);
    QTest::newRow("point in a comma locale (OCR)") << u"de_DE"_s << u"Milch 1.09"_s << qint64(109);
    QTest::newRow("euro sign after") << u"fr_FR"_s << u"Lait 1,09 €"_s << qint64(109);
    QTest::newRow("EUR after") << u"de_DE"_s << u"Milch 1,09 EUR"_s << qint64(109);
    QTest::newRow("dollar before") << u"en_US"_s << u"Milk $1.09"_s << qint64(109);
    QTest::newRow("VAT class letter") << u"de_DE"_s << u"Milch 1,09 B"_s << qint64(109);
    QTest::newRow("VAT class with star") << u"de_DE"_s << u"Milch 1,09 A *"_s << qint64(109);
    QTest::newRow("stray space after the comma") << u"de_DE"_s << u"Milch 1, 09"_s << qint64(109);
    QTest::newRow("stray space before the comma") << u"de_DE"_s << u"Milch 1 ,09"_s << qint64(109);
    QTest::newRow("O for 0") << u"de_DE"_s << u"Milch 1,O9"_s << qint64(109);
    QTest::newRow("l for 1") << u"de_DE"_s << u"Milch l,09"_s << qint64(109);
    QTest::newRow("leading minus") << u"de_DE"_s << u"Pfand zurück -0,25"_s << qint64(-25);
    QTest::newRow("trailing minus") << u"de_DE"_s << u"Leergut 0,25-"_s << qint64(-25);
    QTest::newRow("en thousands") << u"en_US"_s << u"TV $1,299.00"_s << qint64(129900);
    QTest::newRow("a volume is no price") << u"de_DE"_s << u"Cola 0,5l"_s << qint64(-1);
    QTest::newRow("a time is no price") << u"de_DE"_s << u"Kasse 3 12:45"_s << qint64(-1);
    QTest::newRow("three decimals are no price") << u"de_DE"_s << u"Gewicht 0,456"_s << qint64(-1);
}

void tst_ReceiptParser::amounts()
{
    QFETCH(QString, locale);
    QFETCH(QString, line);
    QFETCH(qint64, cents);
    const ParsedReceipt receipt = ReceiptParser(QLocale(locale), u"EUR"_s).parse(u"Shop\n"_s + line);
    if (cents == -1) {
        QVERIFY2(receipt.lines.isEmpty(), qPrintable(describe(receipt.lines)));
    } else {
        QCOMPARE(receipt.lines.size(), 1);
        QCOMPARE(receipt.lines.first().priceCents, cents);
    }
}

void tst_ReceiptParser::rawTextIsKept()
{
    const QString text = u"Shop\nMilch 1,09\nSUMME 1,09"_s;
    const ParsedReceipt receipt = ReceiptParser(QLocale(u"de_DE"_s), u"EUR"_s).parse(text);
    QCOMPARE(receipt.rawText, text);
    QCOMPARE(receipt.lines.first().sourceLine, 1);
    QCOMPARE(receipt.linesSumCents(), receipt.totalCents.value_or(0));
}

QTEST_GUILESS_MAIN(tst_ReceiptParser)
#include "tst_receiptparser.moc"
