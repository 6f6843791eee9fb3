// The CSV column-mapping dialog offscreen: it shows what was detected, re-reads the preview when
// the dialect or a column's role changes, refuses a mapping that cannot read the rows, and
// remembers the mapping per header signature, offering it the next time.

#include "CsvMappingDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;

namespace {

const QByteArray kUsCsv("Date,Description,Debit,Credit,Balance\n"
                        "01/02/2025,Corner Grocery,42.50,,957.50\n"
                        "01/13/2025,Payroll ACME,,\"1,800.00\",\"2,757.50\"\n"
                        "01/20/2025,Diner,12.00,,\"2,745.50\"\n");

CsvSniff sniffed()
{
    StatementError error;
    const std::optional<CsvSniff> sniff = sniffCsv(kUsCsv, QStringLiteral("checking.csv"), &error);
    if (!sniff)
        qFatal("sniff failed: %s", qPrintable(error.text()));
    return *sniff;
}

QComboBox *roleCombo(QDialog &dialog, int column)
{
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("columnsTable"));
    return table ? qobject_cast<QComboBox *>(table->cellWidget(column, 1)) : nullptr;
}

void choose(QComboBox *combo, const QString &data)
{
    const int index = combo->findData(data);
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);
}

} // namespace

class tst_CsvMappingDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void showsWhatWasDetected()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("detected.ini")), QSettings::IniFormat);
        CsvMappingDialog dialog(sniffed(), settings);
        dialog.show();
        QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("encodingCombo"))->currentText(), QStringLiteral("UTF-8"));
        QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("delimiterCombo"))->currentData().toString(), QStringLiteral(","));
        QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("decimalCombo"))->currentData().toString(), QStringLiteral("."));
        QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("dateFormatCombo"))->currentText(), QStringLiteral("MM/dd/yyyy"));
        QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("headerCombo"))->currentData().toInt(), 0);
        QCOMPARE(roleCombo(dialog, 0)->currentData().toInt(), int(CsvColumnRole::Date));
        QCOMPARE(roleCombo(dialog, 2)->currentData().toInt(), int(CsvColumnRole::Debit));
        QCOMPARE(roleCombo(dialog, 3)->currentData().toInt(), int(CsvColumnRole::Credit));
        QCOMPARE(roleCombo(dialog, 4)->currentData().toInt(), int(CsvColumnRole::Ignore));
        QCOMPARE(dialog.previewRows(), 3);
        QCOMPARE(dialog.readablePreviewRows(), 3);
        QVERIFY(!dialog.usedRememberedMapping());
    }

    void changesReReadThePreview()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("live.ini")), QSettings::IniFormat);
        CsvMappingDialog dialog(sniffed(), settings);
        dialog.show();
        auto *status = dialog.findChild<QLabel *>(QStringLiteral("previewStatus"));
        // With a decimal comma "42.50" is no amount: the first such row's line is named.
        choose(dialog.findChild<QComboBox *>(QStringLiteral("decimalCombo")), QStringLiteral(","));
        QCOMPARE(dialog.readablePreviewRows(), 0);
        QVERIFY2(status->text().contains(QStringLiteral("Line 2")) && status->text().contains(QStringLiteral("42.50")),
                 qPrintable(status->text()));
        dialog.saveButton()->click();
        QVERIFY(dialog.isVisible()); // refused
        QVERIFY(dialog.errorText().contains(QStringLiteral("Line 2")));
        choose(dialog.findChild<QComboBox *>(QStringLiteral("decimalCombo")), QStringLiteral("."));
        QCOMPARE(dialog.readablePreviewRows(), 3);

        // Day first: "01/13/2025" is no date.
        dialog.findChild<QComboBox *>(QStringLiteral("dateFormatCombo"))->setCurrentText(QStringLiteral("dd/MM/yyyy"));
        QCOMPARE(dialog.readablePreviewRows(), 1);
        dialog.findChild<QComboBox *>(QStringLiteral("dateFormatCombo"))->setCurrentText(QStringLiteral("MM/dd/yyyy"));

        // The balance as the amount: debit and credit give way, the preview follows.
        choose(roleCombo(dialog, 4), QString::number(int(CsvColumnRole::Amount)));
        QTRY_COMPARE(dialog.mapping().amountColumn, 4);
        QTRY_COMPARE(roleCombo(dialog, 2)->currentData().toInt(), int(CsvColumnRole::Ignore));
        QCOMPARE(dialog.mapping().debitColumn, -1);
        QCOMPARE(dialog.readablePreviewRows(), 3);
        auto *preview = dialog.findChild<QTableWidget *>(QStringLiteral("previewTable"));
        QVERIFY2(preview->item(0, 2)->text().contains(QStringLiteral("957.50")), qPrintable(preview->item(0, 2)->text()));

        // No date column: nothing can be read, and saving says what is missing.
        choose(roleCombo(dialog, 0), QString::number(int(CsvColumnRole::Ignore)));
        QTRY_VERIFY(!dialog.mapping().isComplete());
        QTRY_VERIFY(status->text().contains(QStringLiteral("date")));
        dialog.saveButton()->click();
        QVERIFY(dialog.isVisible());

        // Another delimiter splits differently: one column only.
        choose(dialog.findChild<QComboBox *>(QStringLiteral("delimiterCombo")), QStringLiteral(";"));
        QCOMPARE(dialog.findChild<QTableWidget *>(QStringLiteral("columnsTable"))->rowCount(), 1);
    }

    void remembersTheMappingPerHeaderSignature()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("remember.ini")), QSettings::IniFormat);
        CsvMapping chosen;
        {
            CsvMappingDialog dialog(sniffed(), settings);
            dialog.show();
            choose(roleCombo(dialog, 1), QString::number(int(CsvColumnRole::Memo)));
            QTRY_COMPARE(dialog.mapping().memoColumn, 1);
            QCOMPARE(dialog.mapping().payeeColumn, -1);
            dialog.saveButton()->click();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            chosen = dialog.mapping();
        }
        // The same bank's next file: the remembered mapping is offered.
        CsvMappingDialog again(sniffed(), settings);
        QVERIFY(again.usedRememberedMapping());
        QCOMPARE(again.mapping(), chosen);
        QCOMPARE(roleCombo(again, 1)->currentData().toInt(), int(CsvColumnRole::Memo));
        // Another bank's file is not.
        StatementError error;
        const auto other = sniffCsv(QByteArray("Datum;Betrag\n01.01.2025;1,00\n"), QStringLiteral("other.csv"), &error);
        QVERIFY(other);
        CsvMappingDialog otherDialog(*other, settings);
        QVERIFY(!otherDialog.usedRememberedMapping());
    }
};

QTEST_MAIN(tst_CsvMappingDialog)
#include "tst_csvmappingdialog.moc"
