// Reading bank statement files (session/statements): CSV in several banks' dialects, OFX 1.x
// SGML, OFX 2 XML and QFX through libofx, QIF, CAMT.053 .02 and .08 — and every kind of bad file
// refused with the file and the line, nothing partial returned.

#include "StatementReader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace hearth;

namespace {

const QByteArray kGermanCsv = QByteArray(
    "Kontoauszug;;;;\n"
    "Konto;DE12 5001 0517 0648 4898 90;;;\n"
    "Zeitraum;01.01.2025 - 31.01.2025;;;\n"
    "\n"
    "Buchungstag;Valuta;Auftraggeber/Empfänger;Verwendungszweck;Betrag (EUR)\n"
    "02.01.2025;02.01.2025;REWE Markt GmbH;\"Einkauf; Filiale 12\";-1.234,56\n"
    "15.01.2025;15.01.2025;Arbeitgeber AG;Gehalt Januar;2.500,00\n"
    "31.01.2025;31.01.2025;Stadtwerke;\"Abschlag\nStrom\";-85,20\n");

const QByteArray kUsCsv = QByteArray(
    "Date,Description,Debit,Credit,Balance\n"
    "01/02/2025,Corner Grocery,42.50,,957.50\n"
    "01/13/2025,Payroll ACME,,\"1,800.00\",\"2,757.50\"\n"
    "01/20/2025,\"Joe's \"\"Diner\"\"\",(12.00),,\"2,745.50\"\n");

const QByteArray kOfxSgml = QByteArray(
    "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\n"
    "COMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n"
    "<OFX>\r\n<SIGNONMSGSRSV1>\r\n<SONRS>\r\n<STATUS>\r\n<CODE>0\r\n<SEVERITY>INFO\r\n</STATUS>\r\n"
    "<DTSERVER>20250131120000\r\n<LANGUAGE>ENG\r\n%INTU%</SONRS>\r\n</SIGNONMSGSRSV1>\r\n"
    "<BANKMSGSRSV1>\r\n<STMTTRNRS>\r\n<TRNUID>1\r\n<STATUS>\r\n<CODE>0\r\n<SEVERITY>INFO\r\n</STATUS>\r\n"
    "<STMTRS>\r\n<CURDEF>USD\r\n<BANKACCTFROM>\r\n<BANKID>121000248\r\n<ACCTID>1234567890\r\n"
    "<ACCTTYPE>CHECKING\r\n</BANKACCTFROM>\r\n<BANKTRANLIST>\r\n<DTSTART>20250101\r\n<DTEND>20250131\r\n"
    "<STMTTRN>\r\n<TRNTYPE>DEBIT\r\n<DTPOSTED>20250105\r\n<TRNAMT>-42.50\r\n<FITID>2025010501\r\n"
    "<NAME>Corner Grocery\r\n<MEMO>Card 1234\r\n</STMTTRN>\r\n"
    "<STMTTRN>\r\n<TRNTYPE>CREDIT\r\n<DTPOSTED>20250115120000[-5:EST]\r\n<TRNAMT>1800.00\r\n<FITID>2025011502\r\n"
    "<NAME>ACME Payroll\r\n</STMTTRN>\r\n"
    "</BANKTRANLIST>\r\n<LEDGERBAL>\r\n<BALAMT>1757.50\r\n<DTASOF>20250131\r\n</LEDGERBAL>\r\n"
    "</STMTRS>\r\n</STMTTRNRS>\r\n</BANKMSGSRSV1>\r\n</OFX>\r\n");

const QByteArray kOfxXml = QByteArray(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
    "<?OFX OFXHEADER=\"200\" VERSION=\"211\" SECURITY=\"NONE\" OLDFILEUID=\"NONE\" NEWFILEUID=\"NONE\"?>\n"
    "<OFX>\n<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>"
    "<DTSERVER>20250131120000</DTSERVER><LANGUAGE>ENG</LANGUAGE></SONRS></SIGNONMSGSRSV1>\n"
    "<BANKMSGSRSV1><STMTTRNRS><TRNUID>1</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>\n"
    "<STMTRS><CURDEF>EUR</CURDEF><BANKACCTFROM><BANKID>50010517</BANKID><ACCTID>DE12500105170648489890</ACCTID>"
    "<ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>\n<BANKTRANLIST><DTSTART>20250101</DTSTART><DTEND>20250131</DTEND>\n"
    "<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20250103</DTPOSTED><TRNAMT>-19.99</TRNAMT><FITID>X-1</FITID>"
    "<NAME>Bäckerei Müller</NAME><MEMO>Brot</MEMO></STMTTRN>\n"
    "<STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20250128</DTPOSTED><TRNAMT>250.00</TRNAMT><FITID>X-2</FITID>"
    "<NAME>Refund</NAME></STMTTRN>\n"
    "</BANKTRANLIST><LEDGERBAL><BALAMT>230.01</BALAMT><DTASOF>20250131</DTASOF></LEDGERBAL></STMTRS>"
    "</STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n");

QByteArray camt(const char *version, bool partyAggregate)
{
    const QByteArray creditor = partyAggregate ? "<Cdtr><Pty><Nm>Stadtwerke Musterstadt</Nm></Pty></Cdtr>"
                                               : "<Cdtr><Nm>Stadtwerke Musterstadt</Nm></Cdtr>";
    const QByteArray debtor = partyAggregate ? "<Dbtr><Pty><Nm>Arbeitgeber AG</Nm></Pty></Dbtr>" : "<Dbtr><Nm>Arbeitgeber AG</Nm></Dbtr>";
    return QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.")
        + version
        + "\">\n<BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId></GrpHdr>\n"
          "<Stmt><Id>S1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>\n"
          "<Ntry>\n<Amt Ccy=\"EUR\">85.20</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>"
          "<BookgDt><Dt>2025-01-31</Dt></BookgDt><ValDt><Dt>2025-02-01</Dt></ValDt><AcctSvcrRef>REF-0001</AcctSvcrRef>\n"
          "<NtryDtls><TxDtls><RltdPties>"
        + creditor
        + "</RltdPties><RmtInf><Ustrd>Abschlag Strom</Ustrd><Ustrd>Januar</Ustrd></RmtInf></TxDtls></NtryDtls>\n</Ntry>\n"
          "<Ntry>\n<Amt Ccy=\"EUR\">2500.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
          "<BookgDt><DtTm>2025-01-15T09:30:00+01:00</DtTm></BookgDt><AcctSvcrRef>REF-0002</AcctSvcrRef>\n"
          "<NtryDtls><TxDtls><RltdPties>"
        + debtor
        + "</RltdPties><RmtInf><Ustrd>Gehalt</Ustrd></RmtInf></TxDtls></NtryDtls>\n</Ntry>\n"
          "<Ntry><Amt Ccy=\"EUR\">9.99</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>PDNG</Sts>"
          "<BookgDt><Dt>2025-01-31</Dt></BookgDt></Ntry>\n"
          "</Stmt></BkToCstmrStmt></Document>\n";
}

const QByteArray kQifUs = QByteArray(
    "!Type:Bank\n"
    "D12/31'25\nT-1,234.56\nPLandlord LLC\nMRent January\nN1001\nLHousing:Rent\n^\n"
    "D 1/ 2'26\nU250.00\nPRefund\n^\n");

const QByteArray kQifEuropean = QByteArray(
    "!Account\nNGirokonto\nTBank\n^\n"
    "!Type:Bank\n"
    "D31.12.2025\nT-1.234,56\nPVermieter\n^\n"
    "D02.01.2026\nT12,5\nMZinsen\n^\n");

} // namespace

class tst_StatementReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = QDir(m_dir.path()).filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        file.write(bytes);
        return path;
    }

    std::optional<Statement> read(const QString &name, const QByteArray &bytes, StatementError *error,
                                  const StatementReadOptions &options = {})
    {
        return readStatement(write(name, bytes), options, error);
    }

private Q_SLOTS:
    void germanCsvWithPreambleSemicolonsAndDecimalComma()
    {
        StatementError error;
        const QString path = write(QStringLiteral("umsaetze.csv"), kGermanCsv);
        const std::optional<CsvSniff> sniff = sniffCsv(path, &error);
        QVERIFY2(sniff, qPrintable(error.text()));
        QCOMPARE(sniff->mapping.encoding, QStringLiteral("UTF-8"));
        QCOMPARE(sniff->mapping.delimiter, QChar(u';'));
        QCOMPARE(sniff->mapping.decimalSeparator, QChar(u','));
        QCOMPARE(sniff->mapping.dateFormat, QStringLiteral("dd.MM.yyyy"));
        QCOMPARE(sniff->mapping.headerRecord, 3); // after three preamble records (the blank line is none)
        QCOMPARE(sniff->mapping.firstDataRecord, 4);
        QCOMPARE(sniff->mapping.dateColumn, 0); // Buchungstag, not Valuta
        QCOMPARE(sniff->mapping.payeeColumn, 2);
        QCOMPARE(sniff->mapping.memoColumn, 3);
        QCOMPARE(sniff->mapping.amountColumn, 4);
        QVERIFY(!sniff->headerSignature.isEmpty());
        QCOMPARE(sniff->header.value(2), QStringLiteral("Auftraggeber/Empfänger"));

        const std::optional<Statement> statement = readStatement(path, {}, &error);
        QVERIFY2(statement, qPrintable(error.text()));
        QCOMPARE(statement->format, QStringLiteral("csv"));
        QCOMPARE(statement->rows.size(), 3);
        QCOMPARE(statement->rows[0].date, QDate(2025, 1, 2));
        QCOMPARE(statement->rows[0].amountCents, -123456);
        QCOMPARE(statement->rows[0].payee, QStringLiteral("REWE Markt GmbH"));
        QCOMPARE(statement->rows[0].memo, QStringLiteral("Einkauf; Filiale 12"));
        QCOMPARE(statement->rows[0].line, 6);
        QCOMPARE(statement->rows[1].amountCents, 250000);
        QCOMPARE(statement->rows[2].memo, QStringLiteral("Abschlag Strom")); // a quoted line break
        QCOMPARE(statement->rows[2].amountCents, -8520);
    }

    void usCsvWithDebitAndCreditColumns()
    {
        StatementError error;
        const std::optional<CsvSniff> sniff = sniffCsv(kUsCsv, QStringLiteral("checking.csv"), &error);
        QVERIFY(sniff);
        QCOMPARE(sniff->mapping.delimiter, QChar(u','));
        QCOMPARE(sniff->mapping.decimalSeparator, QChar(u'.'));
        QCOMPARE(sniff->mapping.dateFormat, QStringLiteral("MM/dd/yyyy")); // 01/13 and 01/20 decide
        QCOMPARE(sniff->mapping.amountColumn, -1);
        QCOMPARE(sniff->mapping.debitColumn, 2);
        QCOMPARE(sniff->mapping.creditColumn, 3);
        QCOMPARE(sniff->mapping.payeeColumn, 1);
        const std::optional<Statement> statement = read(QStringLiteral("checking.csv"), kUsCsv, &error);
        QVERIFY2(statement, qPrintable(error.text()));
        QCOMPARE(statement->rows.size(), 3);
        QCOMPARE(statement->rows[0].date, QDate(2025, 1, 2));
        QCOMPARE(statement->rows[0].amountCents, -4250);
        QCOMPARE(statement->rows[1].amountCents, 180000);
        QCOMPARE(statement->rows[2].amountCents, -1200); // "(12.00)" in the debit column is still money out
        QCOMPARE(statement->rows[2].payee, QStringLiteral("Joe's \"Diner\""));
    }

    void dayFirstWhenTheDataSaysSo()
    {
        const QByteArray csv("Date,Description,Amount\n02/01/2025,Shop,-1.00\n25/01/2025,Shop,-2.00\n");
        StatementError error;
        const auto statement = read(QStringLiteral("uk.csv"), csv, &error);
        QVERIFY2(statement, qPrintable(error.text()));
        QCOMPARE(statement->rows[0].date, QDate(2025, 1, 2));
        QCOMPARE(statement->rows[1].date, QDate(2025, 1, 25));
    }

    void utf16WithByteOrderMark()
    {
        const QString text = QStringLiteral("Datum\tEmpfänger\tBetrag\r\n03.02.25\tCafé Zoë\t-3,50\r\n04.02.25\tÜberweisung\t10,00\r\n");
        QStringEncoder encoder(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
        const QByteArray bytes = encoder.encode(text);
        StatementError error;
        const auto statement = read(QStringLiteral("utf16.csv"), bytes, &error);
        QVERIFY2(statement, qPrintable(error.text()));
        QCOMPARE(statement->rows.size(), 2);
        QCOMPARE(statement->rows[0].payee, QStringLiteral("Café Zoë"));
        QCOMPARE(statement->rows[0].date, QDate(2025, 2, 3)); // dd.MM.yy
        QCOMPARE(statement->rows[0].amountCents, -350);
        const auto sniff = sniffCsv(bytes, QStringLiteral("utf16.csv"), &error);
        QVERIFY(sniff);
        QCOMPARE(sniff->mapping.encoding, QStringLiteral("UTF-16LE"));
        QCOMPARE(sniff->mapping.delimiter, QChar(u'\t'));
        QCOMPARE(sniff->mapping.dateFormat, QStringLiteral("dd.MM.yy"));
    }

    void latin1UmlautsAndCurrencySymbolsAndTrailingMinus()
    {
        // Windows-1252: Latin-1's umlauts, and the euro sign at 0x80.
        const QByteArray csv = QStringLiteral("Datum|Empfänger|Betrag\n01.03.2025|Bäckerei Groß|12,00- \x80\n02.03.2025|Rückzahlung €|+ 1.000,00 EUR\n")
                                   .toLatin1()
                                   .replace('?', '\x80');
        StatementError error;
        const auto sniff = sniffCsv(csv, QStringLiteral("latin1.csv"), &error);
        QVERIFY(sniff);
        QCOMPARE(sniff->mapping.encoding, QStringLiteral("Windows-1252"));
        QCOMPARE(sniff->mapping.delimiter, QChar(u'|'));
        QCOMPARE(sniff->mapping.firstDataRecord, 1);
        const auto statement = read(QStringLiteral("latin1.csv"), csv, &error);
        QVERIFY2(statement, qPrintable(error.text()));
        QCOMPARE(statement->rows[0].payee, QStringLiteral("Bäckerei Groß"));
        QCOMPARE(statement->rows[0].amountCents, -1200);
        QCOMPARE(statement->rows[1].amountCents, 100000);
        QCOMPARE(statement->rows[1].payee, QStringLiteral("Rückzahlung €"));
    }

    void banksHeadersInSeveralLanguages_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<qint64>("firstAmount");
        QTest::addColumn<QString>("firstPayee");
        QTest::newRow("french debit/credit") << QByteArray("Date;Libellé;Débit;Crédit\n05/03/2025;CARTE MONOPRIX;23,40;\n06/03/2025;VIR SALAIRE;;1 950,00\n")
                                             << qint64(-2340) << QStringLiteral("CARTE MONOPRIX");
        QTest::newRow("dutch") << QByteArray("\"Datum\",\"Naam / Omschrijving\",\"Bedrag (EUR)\",\"Mededelingen\"\n\"20250307\",\"Albert Heijn\",\"-8,15\",\"Pinbetaling\"\n")
                               << qint64(-815) << QStringLiteral("Albert Heijn");
        QTest::newRow("german Soll/Haben") << QByteArray("Buchungstag;Empfänger;Verwendungszweck;Soll;Haben\n01.02.2025;Miete GmbH;Februar;850,00;\n"
                                                         "03.02.2025;Erstattung;Strom;;12,30\n")
                                           << qint64(-85000) << QStringLiteral("Miete GmbH");
        QTest::newRow("US card, Description and Memo") << QByteArray("Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n"
                                                                     "01/05/2025,01/06/2025,STARBUCKS,Food & Drink,Sale,-5.45,\n")
                                                       << qint64(-545) << QStringLiteral("STARBUCKS");
        QTest::newRow("Sparkasse") << QByteArray("\"Auftragskonto\";\"Buchungstag\";\"Valutadatum\";\"Buchungstext\";\"Verwendungszweck\";"
                                                 "\"Beguenstigter/Zahlungspflichtiger\";\"Kontonummer/IBAN\";\"BIC (SWIFT-Code)\";\"Betrag\";"
                                                 "\"Waehrung\";\"Info\"\n\"DE12500105170648489890\";\"02.01.25\";\"03.01.25\";\"KARTENZAHLUNG\";"
                                                 "\"Einkauf\";\"EDEKA\";\"DE99\";\"BYLADEM1001\";\"-23,45\";\"EUR\";\"Umsatz gebucht\"\n")
                                   << qint64(-2345) << QStringLiteral("EDEKA");
        QTest::newRow("spanish") << QByteArray("Fecha;Concepto;Importe;Saldo\n08/03/2025;Mercadona;-45,10;1.000,00\n")
                                 << qint64(-4510) << QStringLiteral("Mercadona");
    }

    void banksHeadersInSeveralLanguages()
    {
        QFETCH(QByteArray, csv);
        QFETCH(qint64, firstAmount);
        QFETCH(QString, firstPayee);
        StatementError error;
        const auto statement = readCsv(csv, QStringLiteral("bank.csv"), {}, &error);
        QVERIFY2(statement, qPrintable(error.text()));
        QCOMPARE(statement->rows.first().amountCents, firstAmount);
        QCOMPARE(statement->rows.first().payee, firstPayee);
    }

    void aGivenMappingIsUsedAndRemembered()
    {
        // No header at all: the user says which column is which.
        const QByteArray csv("2025-04-01,12.5,Rent\n2025-04-02,-3,Coffee\n");
        CsvMapping mapping;
        mapping.headerRecord = -1;
        mapping.firstDataRecord = 0;
        mapping.dateColumn = 0;
        mapping.payeeColumn = 2;
        mapping.setRole(1, CsvColumnRole::Amount);
        StatementReadOptions options;
        options.csv = mapping;
        StatementError error;
        const auto statement = readCsv(csv, QStringLiteral("plain.csv"), options, &error);
        QVERIFY2(statement, qPrintable(error.text()));
        QCOMPARE(statement->rows.size(), 2);
        QCOMPARE(statement->rows[0].amountCents, 1250);
        QCOMPARE(statement->rows[1].payee, QStringLiteral("Coffee"));
        // Without a header the column is named by its number only.
        QVERIFY(!readCsv(csv + "2025-04-03,ten,Tea\n", QStringLiteral("plain.csv"), options, &error));
        QCOMPARE(error.line, 3);
        QVERIFY2(error.message.startsWith(QStringLiteral("column 2 (amount): “ten”")), qPrintable(error.text()));

        QSettings settings(QDir(m_dir.path()).filePath(QStringLiteral("mappings.ini")), QSettings::IniFormat);
        const QString signature = csvHeaderSignature({QStringLiteral("Date"), QStringLiteral("Amount")}, u',');
        QCOMPARE(signature, csvHeaderSignature({QStringLiteral(" date"), QStringLiteral("AMOUNT ")}, u','));
        QVERIFY(signature != csvHeaderSignature({QStringLiteral("Date"), QStringLiteral("Amount")}, u';'));
        QVERIFY(!rememberedCsvMapping(settings, signature));
        rememberCsvMapping(settings, signature, mapping);
        QCOMPARE(rememberedCsvMapping(settings, signature), std::optional<CsvMapping>(mapping));
    }

    void ofxSgml()
    {
        StatementError error;
        const auto statement = read(QStringLiteral("checking.ofx"), QByteArray(kOfxSgml).replace("%INTU%", ""), &error);
        QVERIFY2(statement, qPrintable(error.text()));
        QCOMPARE(statement->format, QStringLiteral("ofx"));
        QCOMPARE(statement->account, QStringLiteral("1234567890"));
        QCOMPARE(statement->currency, QStringLiteral("USD"));
        QCOMPARE(statement->rows.size(), 2);
        QCOMPARE(statement->rows[0].date, QDate(2025, 1, 5));
        QCOMPARE(statement->rows[0].amountCents, -4250);
        QCOMPARE(statement->rows[0].bankId, QStringLiteral("2025010501"));
        QCOMPARE(statement->rows[0].payee, QStringLiteral("Corner Grocery"));
        QCOMPARE(statement->rows[0].memo, QStringLiteral("Card 1234"));
        QCOMPARE(statement->rows[0].line, 39); // where its <STMTTRN> is
        QCOMPARE(statement->rows[1].date, QDate(2025, 1, 15));
        QCOMPARE(statement->rows[1].amountCents, 180000);
    }

    void qfxAndAnOfxNamedCsv()
    {
        StatementError error;
        const auto qfx = read(QStringLiteral("download.qfx"),
                              QByteArray(kOfxSgml).replace("%INTU%", "<INTU.BID>3000\r\n<INTU.USERID>me\r\n"), &error);
        QVERIFY2(qfx, qPrintable(error.text()));
        QCOMPARE(qfx->rows.size(), 2);
        // The content decides, not the name.
        const auto named = read(QStringLiteral("export.csv"), QByteArray(kOfxSgml).replace("%INTU%", ""), &error);
        QVERIFY2(named, qPrintable(error.text()));
        QCOMPARE(named->format, QStringLiteral("ofx"));
    }

    void ofxXml()
    {
        StatementError error;
        const auto statement = read(QStringLiteral("girokonto.ofx"), kOfxXml, &error);
        QVERIFY2(statement, qPrintable(error.text()));
        QCOMPARE(statement->account, QStringLiteral("DE12500105170648489890"));
        QCOMPARE(statement->currency, QStringLiteral("EUR"));
        QCOMPARE(statement->rows.size(), 2);
        QCOMPARE(statement->rows[0].payee, QStringLiteral("Bäckerei Müller"));
        QCOMPARE(statement->rows[0].amountCents, -1999);
        QCOMPARE(statement->rows[0].date, QDate(2025, 1, 3));
        QCOMPARE(statement->rows[1].bankId, QStringLiteral("X-2"));
    }

    void ofxFromSeveralThreads()
    {
        // libofx's globals are behind a mutex: parallel reads all succeed.
        const QString path = write(QStringLiteral("parallel.ofx"), kOfxXml);
        std::atomic<int> ok = 0;
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back([&] {
                StatementError error;
                const auto statement = readStatement(path, {}, &error);
                if (statement && statement->rows.size() == 2)
                    ++ok;
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(ok.load(), 4);
    }

    void qif_data()
    {
        QTest::addColumn<QByteArray>("qif");
        QTest::addColumn<QDate>("firstDate");
        QTest::addColumn<qint64>("firstAmount");
        QTest::addColumn<QDate>("secondDate");
        QTest::addColumn<qint64>("secondAmount");
        QTest::addColumn<QString>("account");
        QTest::newRow("US, apostrophe years") << kQifUs << QDate(2025, 12, 31) << qint64(-123456) << QDate(2026, 1, 2) << qint64(25000)
                                              << QString();
        QTest::newRow("European") << kQifEuropean << QDate(2025, 12, 31) << qint64(-123456) << QDate(2026, 1, 2) << qint64(1250)
                                  << QStringLiteral("Girokonto");
    }

    void qif()
    {
        QFETCH(QByteArray, qif);
        QFETCH(QDate, firstDate);
        QFETCH(qint64, firstAmount);
        QFETCH(QDate, secondDate);
        QFETCH(qint64, secondAmount);
        QFETCH(QString, account);
        StatementError error;
        const auto statement = read(QStringLiteral("register.qif"), qif, &error);
        QVERIFY2(statement, qPrintable(error.text()));
        QCOMPARE(statement->format, QStringLiteral("qif"));
        QCOMPARE(statement->account, account);
        QCOMPARE(statement->rows.size(), 2);
        QCOMPARE(statement->rows[0].date, firstDate);
        QCOMPARE(statement->rows[0].amountCents, firstAmount);
        QCOMPARE(statement->rows[1].date, secondDate);
        QCOMPARE(statement->rows[1].amountCents, secondAmount);
    }

    void camt053_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::newRow("001.02") << camt("02", false);
        QTest::newRow("001.08") << camt("08", true);
    }

    void camt053()
    {
        QFETCH(QByteArray, xml);
        StatementError error;
        const auto statement = read(QStringLiteral("camt.xml"), xml, &error);
        QVERIFY2(statement, qPrintable(error.text()));
        QCOMPARE(statement->format, QStringLiteral("camt.053"));
        QCOMPARE(statement->account, QStringLiteral("DE89370400440532013000"));
        QCOMPARE(statement->currency, QStringLiteral("EUR"));
        QCOMPARE(statement->rows.size(), 2); // the pending entry is not booked yet
        QCOMPARE(statement->rows[0].date, QDate(2025, 1, 31));
        QCOMPARE(statement->rows[0].amountCents, -8520);
        QCOMPARE(statement->rows[0].bankId, QStringLiteral("REF-0001"));
        QCOMPARE(statement->rows[0].payee, QStringLiteral("Stadtwerke Musterstadt"));
        QCOMPARE(statement->rows[0].memo, QStringLiteral("Abschlag Strom Januar"));
        QCOMPARE(statement->rows[0].line, 5);
        QCOMPARE(statement->rows[1].date, QDate(2025, 1, 15));
        QCOMPARE(statement->rows[1].amountCents, 250000);
        QCOMPARE(statement->rows[1].payee, QStringLiteral("Arbeitgeber AG"));
    }

    // Every bad file: nullopt, the file's name, the line where it applies, a sentence.
    void badFiles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("says");
        const QByteArray ofx = QByteArray(kOfxSgml).replace("%INTU%", "");
        QTest::newRow("truncated OFX") << QStringLiteral("cut.ofx") << ofx.left(ofx.indexOf("<NAME>ACME")) << 51
                                       << QStringLiteral("truncated");
        QTest::newRow("truncated OFX 2") << QStringLiteral("cut2.ofx") << kOfxXml.left(kOfxXml.indexOf("</BANKTRANLIST>")) << 9
                                         << QStringLiteral("truncated");
        QTest::newRow("CAMT with another namespace")
            << QStringLiteral("camt054.xml") << QByteArray(camt("02", false)).replace("camt.053.001.02", "camt.054.001.02") << 2
            << QStringLiteral("urn:iso:std:iso:20022:tech:xsd:camt.054.001.02");
        QTest::newRow("CAMT .09") << QStringLiteral("camt09.xml") << QByteArray(camt("09", false)) << 2 << QStringLiteral("camt.053.001.09");
        QTest::newRow("truncated CAMT") << QStringLiteral("cut.xml") << camt("02", false).left(400) << 6 << QStringLiteral("truncated");
        QTest::newRow("empty") << QStringLiteral("empty.csv") << QByteArray() << 0 << QStringLiteral("empty");
        QByteArray binary("\x89PNG\r\n\x1a\n", 8);
        binary += QByteArray(64, '\0');
        QTest::newRow("binary named .csv") << QStringLiteral("photo.csv") << binary << 3 << QStringLiteral("not a text file");
        QByteArray utf16NoBom = QStringLiteral("Date,Amount\n2025-01-01,1.00\n").toUtf8();
        {
            QStringEncoder encoder(QStringConverter::Utf16LE);
            utf16NoBom = encoder.encode(QString::fromUtf8(utf16NoBom));
        }
        QTest::newRow("UTF-16 without a BOM") << QStringLiteral("utf16.csv") << utf16NoBom << 1 << QStringLiteral("UTF-16");
        QTest::newRow("control characters") << QStringLiteral("ctl.csv") << QByteArray("Date,Amount\n2025-01-01,1.00\x01\x02\n") << 2
                                            << QStringLiteral("binary");
        QTest::newRow("unreadable date") << QStringLiteral("date.csv")
                                         << QByteArray("Date,Payee,Amount\n2025-01-01,A,1.00\n2025-13-45,B,2.00\n") << 3
                                         << QStringLiteral("column 1 “Date” (date): “2025-13-45”");
        QTest::newRow("unreadable amount") << QStringLiteral("amount.csv")
                                           << QByteArray("Datum;Empfänger;Betrag\n01.01.2025;A;1,00\n02.01.2025;B;zwölf\n") << 3
                                           << QStringLiteral("column 3 “Betrag” (amount): “zwölf”");
        QTest::newRow("classic Mac line ends") << QStringLiteral("mac.csv") << QByteArray("Date,Payee,Amount\r2025-01-01,A,1.00\r\r\r2025-01-02,B,x\r")
                                               << 5 << QStringLiteral("column 3 “Amount” (amount): “x”");
        QTest::newRow("never closed quote") << QStringLiteral("quote.csv")
                                            << QByteArray("Date,Payee,Amount\n2025-01-01,A,1.00\n2025-01-02,\"B,2.00\n") << 3
                                            << QStringLiteral("never closed");
        QTest::newRow("QIF record without amount") << QStringLiteral("bad.qif") << QByteArray("!Type:Bank\nD01/02/2025\nPShop\n^\n") << 2
                                                   << QStringLiteral("no amount");
        QTest::newRow("truncated QIF") << QStringLiteral("cut.qif") << QByteArray("!Type:Bank\nD01/02/2025\nT-1.00\n^\nD01/03/2025\nT-2")
                                       << 5 << QStringLiteral("truncated");
        QTest::newRow("CSV without date or amount columns") << QStringLiteral("notes.csv") << QByteArray("Name,Colour\nApple,Red\nPlum,Blue\n") << 1
                                                           << QStringLiteral("column mapping");
        QTest::newRow("XML that is no statement") << QStringLiteral("page.xml") << QByteArray("<html><body/></html>") << 1
                                                  << QStringLiteral("no namespace");
    }

    void badFiles()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(int, line);
        QFETCH(QString, says);
        StatementError error;
        const auto statement = read(name, bytes, &error);
        QVERIFY(!statement);
        QCOMPARE(error.file, name);
        QVERIFY2(error.text().contains(says), qPrintable(error.text()));
        QCOMPARE(error.line, line);
    }

    void aCsvReadAsUtf8WhenItIsNot()
    {
        // The user (or a remembered mapping) says UTF-8, the bytes are Latin-1.
        const QByteArray csv = QStringLiteral("Datum;Empfänger;Betrag\n01.01.2025;A;1,00\n02.01.2025;Bäcker;2,00\n").toLatin1();
        StatementError error;
        auto sniff = sniffCsv(csv, QStringLiteral("latin1.csv"), &error);
        QVERIFY(sniff);
        StatementReadOptions options;
        options.csv = sniff->mapping;
        options.csv->encoding = QStringLiteral("UTF-8");
        QVERIFY(!read(QStringLiteral("latin1.csv"), csv, &error, options));
        QCOMPARE(error.line, 1);
        QVERIFY2(error.message.contains(QStringLiteral("not valid UTF-8")), qPrintable(error.text()));
    }

    void aFileOf200MegabytesIsRefusedBySize()
    {
        const QString path = QDir(m_dir.path()).filePath(QStringLiteral("huge.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(200LL * 1024 * 1024)); // sparse: nothing is written
        file.close();
        StatementError error;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!readStatement(path, {}, &error));
        QVERIFY(timer.elapsed() < 2000); // refused up front, not read
        QCOMPARE(error.file, QStringLiteral("huge.csv"));
        QVERIFY2(error.message.contains(QStringLiteral("200 MB")) && error.message.contains(QStringLiteral("50 MB")),
                 qPrintable(error.text()));
        QVERIFY(!sniffCsv(path, &error));
    }

    void tenThousandRowsReadFastWithProgressAndCancel()
    {
        QByteArray csv("Buchungstag;Empfänger;Verwendungszweck;Betrag\n");
        for (int i = 0; i < 10000; ++i)
            csv += QStringLiteral("%1.%2.2025;Händler %3;\"Einkauf %3\";-%4,%5\n")
                       .arg(1 + i % 28, 2, 10, QChar(u'0'))
                       .arg(1 + i % 12, 2, 10, QChar(u'0'))
                       .arg(i)
                       .arg(1 + i % 900)
                       .arg(i % 100, 2, 10, QChar(u'0'))
                       .toUtf8();
        const QString path = write(QStringLiteral("big.csv"), csv);
        int calls = 0;
        qint64 lastDone = -1;
        StatementReadOptions options;
        options.progress = [&](qint64 done, qint64 total) {
            ++calls;
            lastDone = done;
            return total == csv.size();
        };
        StatementError error;
        QElapsedTimer timer;
        timer.start();
        const auto statement = readStatement(path, options, &error);
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(statement, qPrintable(error.text()));
        QCOMPARE(statement->rows.size(), 10000);
        QCOMPARE(statement->rows.last().amountCents, -(100 * (1 + 9999 % 900) + 9999 % 100));
        QCOMPARE(calls, 10000 / 500 + 1);
        QCOMPARE(lastDone, csv.size());
        qInfo("10,000 CSV rows read in %lld ms", elapsed);
        QVERIFY2(elapsed < 5000, "10,000 rows should read in well under five seconds");

        // Returning false cancels: nothing is returned, and the error says so.
        options.progress = [](qint64 done, qint64) { return done < 100000; };
        QVERIFY(!readStatement(path, options, &error));
        QVERIFY2(error.message.contains(QStringLiteral("cancelled")), qPrintable(error.text()));
    }

    // The other formats at the same size; the times are printed for docs/benchmarks.md.
    void tenThousandRowsInEveryFormat_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QByteArray qif("!Type:Bank\n");
        QByteArray camtEntries;
        QByteArray ofxTransactions;
        for (int i = 0; i < 10000; ++i) {
            const QByteArray n = QByteArray::number(i);
            qif += "D" + QByteArray::number(1 + i % 12) + "/" + QByteArray::number(1 + i % 28) + "'25\nT-" + n + ".25\nPShop " + n + "\n^\n";
            camtEntries += "<Ntry><Amt Ccy=\"EUR\">" + n + ".25</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2025-01-15</Dt></BookgDt>"
                           "<AcctSvcrRef>R" + n + "</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Cdtr><Nm>Shop " + n
                         + "</Nm></Cdtr></RltdPties></TxDtls></NtryDtls></Ntry>\n";
            ofxTransactions += "<STMTTRN>\r\n<TRNTYPE>DEBIT\r\n<DTPOSTED>20250105\r\n<TRNAMT>-" + n + ".25\r\n<FITID>F" + n
                             + "\r\n<NAME>Shop " + n + "\r\n</STMTTRN>\r\n";
        }
        QByteArray camt10k = camt("08", true);
        camt10k.insert(camt10k.indexOf("</Stmt>"), camtEntries);
        QByteArray ofx10k = QByteArray(kOfxSgml).replace("%INTU%", "");
        ofx10k.insert(ofx10k.indexOf("</BANKTRANLIST>"), ofxTransactions);
        QTest::newRow("QIF") << QStringLiteral("big.qif") << qif;
        QTest::newRow("CAMT.053") << QStringLiteral("big.xml") << camt10k;
        QTest::newRow("OFX") << QStringLiteral("big.ofx") << ofx10k;
    }

    void tenThousandRowsInEveryFormat()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        const QString path = write(name, bytes);
        StatementError error;
        QElapsedTimer timer;
        timer.start();
        const auto statement = readStatement(path, {}, &error);
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(statement, qPrintable(error.text()));
        QVERIFY(statement->rows.size() >= 10000);
        qInfo("%s: %lld rows read in %lld ms", QTest::currentDataTag(), qint64(statement->rows.size()), elapsed);
        QVERIFY2(elapsed < 20000, "10,000 rows should read in seconds at most");
    }

    void formatFromContent()
    {
        StatementError error;
        QCOMPARE(statementFormat(write(QStringLiteral("a.txt"), kQifUs), &error), QStringLiteral("qif"));
        QCOMPARE(statementFormat(write(QStringLiteral("a.dat"), camt("05", false)), &error), QStringLiteral("camt.053"));
        QCOMPARE(statementFormat(write(QStringLiteral("a.xml"), kOfxXml), &error), QStringLiteral("ofx"));
        QCOMPARE(statementFormat(write(QStringLiteral("a.qif"), kGermanCsv), &error), QStringLiteral("qif"));
        QCOMPARE(statementFormat(write(QStringLiteral("b.txt"), kGermanCsv), &error), QStringLiteral("csv"));
        QVERIFY(statementFormat(QDir(m_dir.path()).filePath(QStringLiteral("missing.csv")), &error).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_StatementReader)
#include "tst_statementreader.moc"
