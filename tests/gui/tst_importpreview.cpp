// The bank import's preview and flow offscreen: the rows told apart in words (and colour), a row
// left out, a category changed, a match rejected, Import writing exactly what was chosen; the
// flow from a real file through the preview; Cancel while reading and Cancel at the preview
// leaving nothing written; File ▸ Import Bank Statement… in the window.

#include "ConnectionStatus.h"
#include "EditHistory.h"
#include "ImportFlow.h"
#include "ImportPreviewDialog.h"
#include "MainWindow.h"
#include "PageHarness.h"
#include "Translations.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

StatementRow bankRow(const QDate &date, qint64 cents, const char *payee, const char *id)
{
    return {date, cents, QString::fromUtf8(payee), {}, QString::fromLatin1(id), 0};
}

// A bank's CSV with `rows` card payments in March 2026 (the test household's month).
QByteArray marchCsv(int rows)
{
    QByteArray text("Buchungstag;Auftraggeber/Empfänger;Verwendungszweck;Betrag (EUR)\n");
    for (int i = 0; i < rows; ++i)
        text += QDate(2026, 3, 1 + i % 28).toString(QStringLiteral("dd.MM.yyyy")).toLatin1() + ";Shop " + QByteArray::number(i % 97)
            + ";Kartenzahlung " + QByteArray::number(i) + ";-" + QByteArray::number(1 + i % 50) + ",00\n";
    return text;
}

} // namespace

class tst_ImportPreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { installTranslations(*QCoreApplication::instance()); }
    void init();
    void cleanup();

    void rowsAreToldApartInWords();
    void importWritesWhatWasChosen();
    void flowFromAFileThroughThePreview();
    void cancelWhileReadingWritesNothing();
    void cancelAtThePreviewWritesNothing();
    void fileMenuOffersTheImport();

private:
    qint64 transactions();
    QString write(const QString &name, const QByteArray &content);

    std::unique_ptr<PageHarness> m_harness;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    QString m_typedId;
};

void tst_ImportPreview::init()
{
    m_harness = std::make_unique<PageHarness>();
    QVERIFY(m_harness->isValid());
    m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat);
    BudgetTransaction typed;
    typed.occurredOn = QDate(2026, 3, 10);
    typed.amountCents = 2000;
    typed.description = QStringLiteral("Shoes");
    typed.category = QStringLiteral("Clothes");
    BudgetModel &budget = m_harness->data->budget;
    m_typedId = budget.apply(budget.addMutation(typed)).entityId;
    QVERIFY(!m_typedId.isEmpty());
}

void tst_ImportPreview::cleanup()
{
    m_settings.reset();
    m_harness.reset();
}

qint64 tst_ImportPreview::transactions()
{
    QSqlQuery query(m_harness->household.store().database());
    query.exec(QStringLiteral("SELECT COUNT(*) FROM transactions"));
    return query.next() ? query.value(0).toLongLong() : -1;
}

QString tst_ImportPreview::write(const QString &name, const QByteArray &content)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return file.fileName();
}

void tst_ImportPreview::rowsAreToldApartInWords()
{
    BankImporter importer(*m_harness->data);
    Statement statement;
    statement.rows = {bankRow(QDate(2026, 3, 2), -4599, "Rewe", "A"), bankRow(QDate(2026, 3, 12), -2000, "Shoe shop", "B"),
                      bankRow(QDate(2026, 2, 20), -700, "February", "C"), bankRow(QDate(2026, 3, 2), -4599, "Rewe", "A")};
    ImportPreviewDialog dialog(importer.plan(statement, QStringLiteral("Checking"), QStringLiteral("march.ofx")), QDate(2026, 3, 15),
                               QStringLiteral("EUR"), {}, {});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const ImportPlanModel &model = dialog.model();
    QAbstractItemModelTester tester(&dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto status = [&model](int row) { return model.index(row, ImportPlanModel::Status).data().toString(); };
    QCOMPARE(status(0), QStringLiteral("New"));
    QVERIFY2(status(1).startsWith(QStringLiteral("Same as “Shoes”")), qPrintable(status(1)));
    QCOMPARE(status(2), QStringLiteral("Outside March"));
    QCOMPARE(status(3), QStringLiteral("Already imported"));
    QCOMPARE(dialog.summaryText(), QStringLiteral("1 new, 1 already imported, 1 matching what you typed, 1 outside March"));
    QCOMPARE(dialog.saveButton()->text(), QStringLiteral("Import 2 rows"));
    // An already imported row cannot be ticked; an out-of-month one can, when the user says so.
    QVERIFY(!(model.flags(model.index(3, ImportPlanModel::Include)) & Qt::ItemIsUserCheckable));
    QVERIFY(dialog.model().setData(model.index(2, ImportPlanModel::Include), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(dialog.saveButton()->text(), QStringLiteral("Import 3 rows"));
    QVERIFY(!dialog.model().setData(model.index(3, ImportPlanModel::Include), Qt::Checked, Qt::CheckStateRole));
    // The proposed category is the matched transaction's.
    QCOMPARE(model.index(1, ImportPlanModel::Category).data().toString(), QStringLiteral("Clothes"));
}

void tst_ImportPreview::importWritesWhatWasChosen()
{
    BankImporter importer(*m_harness->data);
    Statement statement;
    statement.rows = {bankRow(QDate(2026, 3, 2), -4599, "Rewe", "A"), bankRow(QDate(2026, 3, 12), -2000, "Shoe shop", "B"),
                      bankRow(QDate(2026, 3, 13), -300, "Kiosk", "C")};
    ImportPreviewDialog dialog(importer.plan(statement, QStringLiteral("Checking"), QStringLiteral("march.ofx")), QDate(2026, 3, 15),
                               QStringLiteral("EUR"), {},
                               [&importer](const ImportPlan &plan) {
                                   const ImportOutcome outcome = importer.import(plan);
                                   MutationResult result;
                                   result.ok = outcome.ok;
                                   result.error.message = outcome.error;
                                   return result;
                               });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    ImportPlanModel &model = dialog.model();
    QVERIFY(model.setData(model.index(0, ImportPlanModel::Category), QStringLiteral("Food"), Qt::EditRole));
    QVERIFY(model.setData(model.index(1, ImportPlanModel::Status), Qt::Unchecked, Qt::CheckStateRole)); // not the shoes
    QVERIFY(model.index(1, ImportPlanModel::Status).data().toString().startsWith(QStringLiteral("New — not")));
    QVERIFY(model.setData(model.index(2, ImportPlanModel::Include), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(transactions(), 1); // nothing before Import
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(transactions(), 3); // the typed shoes, Rewe in Food, and the shoe shop beside them
    QSqlQuery query(m_harness->household.store().database());
    QVERIFY(query.exec(QStringLiteral("SELECT category FROM transactions WHERE import_key = 'fitid:checking:A'")) && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("Food"));
    QVERIFY(m_harness->data->budget.find(m_typedId)->importKey.isEmpty());
}

void tst_ImportPreview::flowFromAFileThroughThePreview()
{
    QWidget window;
    ImportFlow flow(*m_harness->data, *m_settings, &window);
    flow.setMappingChooser([](const CsvSniff &sniff) { return std::optional<CsvMapping>(sniff.mapping); });
    QSignalSpy finished(&flow, &ImportFlow::finished);
    flow.importFile(write(QStringLiteral("konto.csv"), marchCsv(40)));
    QTRY_VERIFY(flow.previewDialog() && flow.previewDialog()->isVisible());
    QCOMPARE(flow.previewDialog()->model().rowCount(), 40);
    QCOMPARE(flow.previewDialog()->accountEdit()->text(), QStringLiteral("Checking"));
    QTest::mouseClick(flow.previewDialog()->saveButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("Imported 40 transactions into Checking"));
    QVERIFY(finished.at(0).at(1).toBool());
    QCOMPARE(transactions(), 41);
}

void tst_ImportPreview::cancelWhileReadingWritesNothing()
{
    QWidget window;
    ImportFlow flow(*m_harness->data, *m_settings, &window);
    flow.setMappingChooser([](const CsvSniff &sniff) { return std::optional<CsvMapping>(sniff.mapping); });
    QSignalSpy finished(&flow, &ImportFlow::finished);
    flow.importFile(write(QStringLiteral("big.csv"), marchCsv(10000)));
    QVERIFY(flow.progressDialog());
    QCOMPARE(flow.progressDialog()->labelText(), QStringLiteral("Reading big.csv…"));
    auto *cancel = flow.progressDialog()->findChild<QPushButton *>();
    QVERIFY(cancel);
    QCOMPARE(cancel->text(), QStringLiteral("Cancel"));
    cancel->click();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("Import cancelled: nothing was written."));
    QVERIFY(!flow.previewDialog());
    QCOMPARE(transactions(), 1);
}

void tst_ImportPreview::cancelAtThePreviewWritesNothing()
{
    QWidget window;
    ImportFlow flow(*m_harness->data, *m_settings, &window);
    flow.setMappingChooser([](const CsvSniff &sniff) { return std::optional<CsvMapping>(sniff.mapping); });
    QSignalSpy finished(&flow, &ImportFlow::finished);
    flow.importFile(write(QStringLiteral("big.csv"), marchCsv(10000)));
    QTRY_VERIFY_WITH_TIMEOUT(flow.previewDialog() && flow.previewDialog()->isVisible(), 30000);
    QCOMPARE(flow.previewDialog()->model().rowCount(), 10000);
    QTest::mouseClick(flow.previewDialog()->cancelButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(!finished.at(0).at(1).toBool());
    QCOMPARE(transactions(), 1);
    // A file that cannot be read says which and why; nothing is written.
    flow.importFile(write(QStringLiteral("empty.csv"), {}));
    QCOMPARE(finished.size(), 2);
    QVERIFY2(finished.at(1).at(0).toString().contains(QLatin1String("empty.csv")), qPrintable(finished.at(1).at(0).toString()));
    QCOMPARE(transactions(), 1);
}

void tst_ImportPreview::fileMenuOffersTheImport()
{
    ConnectionStatus connection;
    MainWindow window(*m_harness->data, m_harness->history, m_harness->confirmer, connection, *m_settings);
    auto *action = window.findChild<QAction *>(QStringLiteral("importAction"));
    QVERIFY(action);
    QCOMPARE(action->text(), QStringLiteral("&Import Bank Statement…"));
    QVERIFY(window.importFlow());
    QCOMPARE(window.importFlow(), window.importFlow());
}

QTEST_MAIN(tst_ImportPreview)
#include "tst_importpreview.moc"
