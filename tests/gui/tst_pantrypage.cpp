// The pantry page in the real main window, driven through its widgets: adding through the dialog
// (Ctrl+N and the Add button), inline validation, undo/redo, quantity buttons and keys, deleting,
// editing, and the search / category / expiring-soon filters.

#include "Confirmer.h"
#include "ConnectionStatus.h"
#include "DashboardPage.h"
#include "EditHistory.h"
#include "FormDialog.h"
#include "HouseholdData.h"
#include "MainWindow.h"
#include "PantryDelegate.h"
#include "PantryItemDialog.h"
#include "PantryPage.h"
#include "Proxies.h"
#include "ScriptedConfirmer.h"
#include "TestSupport.h"
#include "Translations.h"
#include "Theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace hearth;

namespace {

// Answers confirmations without a dialog, and counts the questions.
using TestConfirmer = hearth::test::ScriptedConfirmer;

// TempHousehold's "today"; dates in the tests are days from it.
QDate day(int fromToday)
{
    return QDate(2026, 3, 15).addDays(fromToday);
}

PantryItem item(const char *name, double quantity, const char *unit, const char *category, const char *location,
                const QDate &expiresOn = {})
{
    PantryItem i;
    i.name = QString::fromUtf8(name);
    i.quantity = quantity;
    i.unit = QString::fromUtf8(unit);
    i.category = QString::fromUtf8(category);
    i.location = QString::fromUtf8(location);
    i.expiresOn = expiresOn;
    return i;
}

} // namespace

class TestPantryPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void addingWhatIsThereOffersToAddToIt();
    void subtitleAndChipCountTheSameItems();
    void quantitiesArePluralisedByTheTranslations();
    void tabOrderFollowsReadingOrder();
    void fitsATabletAndADesktop_data();
    void fitsATabletAndADesktop();

    void emptyPantryShowsWhatToDo();
    void addWithCtrlNShowsInTableAndDashboard();
    void addWithButtonAndEnter();
    void invalidInputKeepsDialogOpen_data();
    void invalidInputKeepsDialogOpen();
    void engineErrorWithoutFieldIsShown();
    void undoRemovesAddedItemAndRedoBringsItBack();
    void quantityButtonsAndKeys();
    void deleteKeyIsUndoable();
    void deletingSeveralAsksFirst();
    void editWithEnterAndDoubleClick();
    void expiringSoonFilter();
    void textFilterAndCtrlF();
    void categoryFilterFollowsTheItems();
    void expiryColours();

private:
    // A fresh household holding `items`, the real main window on the pantry page.
    void start(const QList<PantryItem> &items = {});
    QDate today() const { return m_household->clock.today(); }
    PantryPage *page() const { return static_cast<PantryPage *>(m_window->page(PantryPage::kId)); }
    QTableView *table() const { return page()->table(); }
    QPushButton *button(const QString &accessibleName) const;
    PantryItemDialog *openAddDialog();
    void selectRow(const QString &name);
    int rowOf(const QString &name) const;
    QStringList namesInTable() const;
    QLabel *emptyState() const { return page()->findChild<QLabel *>(QStringLiteral("emptyState")); }
    static void retype(QWidget *field, const QString &text);
    template <typename T>
    static T *field(QWidget *dialog, const char *name)
    {
        return dialog->findChild<T *>(QLatin1String(name));
    }

    std::unique_ptr<test::TempHousehold> m_household;
    std::unique_ptr<HouseholdData> m_data;
    std::unique_ptr<QUndoStack> m_stack;
    std::unique_ptr<EditHistory> m_history;
    std::unique_ptr<TestConfirmer> m_confirmer;
    std::unique_ptr<ConnectionStatus> m_connection;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

void TestPantryPage::start(const QList<PantryItem> &items)
{
    m_household = std::make_unique<test::TempHousehold>();
    QVERIFY2(m_household->isValid(), qPrintable(m_household->error()));
    QCOMPARE(today(), day(0));
    for (const PantryItem &i : items) {
        const MutationResult r = m_household->engine().submit(
            Mutation{{}, Collection::Pantry, MutationOp::Create, {}, -1, i.toFields()});
        QVERIFY2(r.ok, qPrintable(r.error.message));
    }
    m_data = std::make_unique<HouseholdData>(m_household->engine(), m_household->clock);
    m_data->load();
    m_stack = std::make_unique<QUndoStack>();
    m_history = std::make_unique<EditHistory>(*m_stack);
    m_confirmer = std::make_unique<TestConfirmer>();
    m_connection = std::make_unique<ConnectionStatus>();
    m_settings = std::make_unique<QSettings>(QDir(m_household->dir()).filePath(QStringLiteral("hearth.ini")),
                                             QSettings::IniFormat);
    m_window = std::make_unique<MainWindow>(*m_data, *m_history, *m_confirmer, *m_connection, *m_settings);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));

    // Go to the pantry the way a person does: through the navigation rail.
    auto *rail = m_window->findChild<QListWidget *>(QStringLiteral("navigationRail"));
    QVERIFY(rail);
    const QList<QListWidgetItem *> pantryEntry = rail->findItems(QStringLiteral("Pantry"), Qt::MatchExactly);
    QCOMPARE(pantryEntry.size(), 1);
    const QRect entry = rail->visualItemRect(pantryEntry.first());
    QTest::mouseClick(rail->viewport(), Qt::LeftButton, {}, entry.center());
    QCOMPARE(m_window->currentPage(), PantryPage::kId);
    QVERIFY(page()->isVisible());
}

void TestPantryPage::initTestCase()
{
    installTranslations(*QCoreApplication::instance()); // English plural forms, as the app has them
}

void TestPantryPage::init()
{
    // Any warning fails the test (a widget moved between layouts, a bad connection, ...), except
    // the offscreen platform's note that it cannot resize windows to their size hints.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("^(?!This plugin does not support propagateSizeHints).*")));
}

void TestPantryPage::cleanup()
{
    m_window.reset();
    m_settings.reset();
    m_connection.reset();
    m_confirmer.reset();
    m_history.reset();
    m_stack.reset();
    m_data.reset();
    m_household.reset();
}

QPushButton *TestPantryPage::button(const QString &accessibleName) const
{
    const QList<QPushButton *> buttons = page()->findChildren<QPushButton *>();
    for (QPushButton *b : buttons) {
        if (b->accessibleName() == accessibleName || b->text() == accessibleName)
            return b;
    }
    return nullptr;
}

PantryItemDialog *TestPantryPage::openAddDialog()
{
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
    PantryItemDialog *dialog = page()->dialog();
    if (!dialog || !dialog->isVisible() || !dialog->isNew())
        return nullptr;
    return dialog;
}

void TestPantryPage::retype(QWidget *field, const QString &text)
{
    QWidget *target = field;
    if (auto *combo = qobject_cast<QComboBox *>(field))
        target = combo->lineEdit();
    auto *edit = qobject_cast<QLineEdit *>(target);
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

int TestPantryPage::rowOf(const QString &name) const
{
    const QAbstractItemModel *model = table()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, PantryModel::Name).data().toString() == name)
            return row;
    }
    return -1;
}

QStringList TestPantryPage::namesInTable() const
{
    QStringList names;
    const QAbstractItemModel *model = table()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, PantryModel::Name).data().toString();
    names.sort();
    return names;
}

void TestPantryPage::selectRow(const QString &name)
{
    const int row = rowOf(name);
    QVERIFY2(row >= 0, qPrintable(name));
    const QModelIndex index = table()->model()->index(row, PantryModel::Name);
    table()->scrollTo(index);
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, table()->visualRect(index).center());
    QCOMPARE(table()->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(table()->selectionModel()->selectedRows().first().row(), row);
}

void TestPantryPage::emptyPantryShowsWhatToDo()
{
    start();
    QVERIFY(emptyState());
    QVERIFY(emptyState()->isVisible());
    QVERIFY(emptyState()->text().contains(QLatin1String("Nothing in the pantry yet")));
    QVERIFY(!table()->isVisible());
    QVERIFY(!button(QStringLiteral("Edit"))->isEnabled());
    QVERIFY(!button(QStringLiteral("Delete"))->isEnabled());
}

void TestPantryPage::addWithCtrlNShowsInTableAndDashboard()
{
    start();
    QPointer<PantryItemDialog> dialog = openAddDialog();
    QVERIFY(dialog);

    QTest::keyClicks(field<QLineEdit>(dialog, "nameEdit"), QStringLiteral("Oat milk"));
    retype(field<QLineEdit>(dialog, "quantityEdit"), QStringLiteral("1.5"));
    QTest::keyClicks(field<QComboBox>(dialog, "unitEdit")->lineEdit(), QStringLiteral("l"));
    QTest::keyClicks(field<QComboBox>(dialog, "categoryEdit")->lineEdit(), QStringLiteral("Dairy"));
    QTest::keyClicks(field<QComboBox>(dialog, "locationEdit")->lineEdit(), QStringLiteral("Fridge"));
    auto *expires = field<QCheckBox>(dialog, "expiresCheck");
    auto *expiresOn = field<QDateEdit>(dialog, "expiresEdit");
    QVERIFY(!expiresOn->isEnabled());
    QTest::keyClick(expires, Qt::Key_Space);
    QVERIFY(expires->isChecked());
    QVERIFY(expiresOn->isEnabled());
    expiresOn->setDate(today().addDays(1));

    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog);

    // In the table, through the view's own model, and selected.
    const int row = rowOf(QStringLiteral("Oat milk"));
    QVERIFY(row >= 0);
    const QAbstractItemModel *model = table()->model();
    QCOMPARE(model->index(row, PantryModel::Quantity).data().toString(), QStringLiteral("1.5 l"));
    QCOMPARE(model->index(row, PantryModel::Category).data().toString(), QStringLiteral("Dairy"));
    QCOMPARE(model->index(row, PantryModel::Location).data().toString(), QStringLiteral("Fridge"));
    QCOMPARE(model->index(row, PantryModel::ExpiresOn).data(PantryModel::ExpiresOnRole).toDate(), today().addDays(1));
    QCOMPARE(table()->currentIndex().row(), row);
    QVERIFY(table()->isVisible());
    QVERIFY(!emptyState()->isVisible());

    // Stored, undoable, and on the dashboard.
    QCOMPARE(m_data->pantry.rowCount(), 1);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Add Oat milk"));
    QTRY_VERIFY2(m_window->dashboard()->cardText(PantryPage::kId).contains(QLatin1String("1 item")),
                 qPrintable(m_window->dashboard()->cardText(PantryPage::kId)));
    QVERIFY(m_window->dashboard()->cardText(PantryPage::kId).contains(QLatin1String("Oat milk")));
    QTRY_VERIFY(page()->findChild<QLabel *>(QStringLiteral("subtitle"))->text().contains(QLatin1String("1 expiring")));
}

void TestPantryPage::addWithButtonAndEnter()
{
    start({item("Milk", 2, "l", "Dairy", "Fridge")});
    QPushButton *add = button(QStringLiteral("Add item"));
    QVERIFY(add);
    QTest::mouseClick(add, Qt::LeftButton);
    QPointer<PantryItemDialog> dialog = page()->dialog();
    QVERIFY(dialog && dialog->isVisible());

    // Existing values are offered as suggestions.
    auto *unit = field<QComboBox>(dialog, "unitEdit");
    QVERIFY(unit->findText(QStringLiteral("l")) >= 0);
    QVERIFY(field<QComboBox>(dialog, "categoryEdit")->findText(QStringLiteral("Dairy")) >= 0);
    QVERIFY(field<QComboBox>(dialog, "locationEdit")->findText(QStringLiteral("Fridge")) >= 0);

    auto *name = field<QLineEdit>(dialog, "nameEdit");
    QTest::keyClicks(name, QStringLiteral("Rolled oats"));
    QTest::keyClick(name, Qt::Key_Return); // the default button
    QTRY_VERIFY(!dialog);

    QCOMPARE(namesInTable(), (QStringList{QStringLiteral("Milk"), QStringLiteral("Rolled oats")}));
    const auto added = m_data->pantry.find(m_data->pantry.idAt(m_data->pantry.rowCount() - 1));
    QVERIFY(added);
    QCOMPARE(added->name, QStringLiteral("Rolled oats"));
    QCOMPARE(added->quantity, 1.0);
    QVERIFY(!added->expiresOn.isValid());
    QTRY_VERIFY(m_window->dashboard()->cardText(PantryPage::kId).contains(QLatin1String("2 item")));
}

void TestPantryPage::invalidInputKeepsDialogOpen_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("quantity");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    const auto row = [](const char *tag, const char *name, const char *quantity, const char *field,
                        const char *message) {
        QTest::newRow(tag) << QString::fromUtf8(name) << QString::fromUtf8(quantity) << QString::fromUtf8(field)
                           << QString::fromUtf8(message);
    };
    row("empty name", "", "3", "nameEdit", "name");
    row("blank name", "   ", "3", "nameEdit", "name");
    row("negative quantity", "Rice", "-2", "quantityEdit", "negative");
    row("not a number", "Rice", "lots", "quantityEdit", "number");
    // Passes the dialog's own checks; the engine refuses it.
    row("too large (engine)", "Rice", "2000000000", "quantityEdit", "too large");
}

void TestPantryPage::invalidInputKeepsDialogOpen()
{
    QFETCH(QString, name);
    QFETCH(QString, quantity);
    QFETCH(QString, field);
    QFETCH(QString, message);

    start();
    QPointer<PantryItemDialog> dialog = openAddDialog();
    QVERIFY(dialog);
    auto *nameEdit = this->field<QLineEdit>(dialog, "nameEdit");
    auto *quantityEdit = this->field<QLineEdit>(dialog, "quantityEdit");
    QTest::keyClicks(nameEdit, name);
    retype(quantityEdit, quantity);
    QTest::keyClicks(this->field<QComboBox>(dialog, "unitEdit")->lineEdit(), QStringLiteral("kg"));

    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QCoreApplication::processEvents();

    // Still open, nothing stored, the message under the offending field, which has the focus.
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(m_data->pantry.rowCount(), 0);
    QCOMPARE(m_stack->count(), 0);
    QLabel *error = nullptr; // the one message shown, FormDialog's line under the field
    for (QLabel *label : dialog->findChildren<QLabel *>(QStringLiteral("fieldError"))) {
        if (label->isVisible()) {
            QVERIFY(!error);
            error = label;
        }
    }
    QVERIFY(error);
    QVERIFY(qobject_cast<FormDialog *>(dialog.data()));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(message, Qt::CaseInsensitive), qPrintable(error->text()));
    QCOMPARE(dialog->errorText(), error->text());
    QWidget *offending = dialog->findChild<QWidget *>(field);
    QVERIFY(offending);
    QCOMPARE(dialog->errorField(), offending);
    QVERIFY(error->parentWidget()->isAncestorOf(offending)); // next to the field, not at the bottom
    QCOMPARE(dialog->focusWidget(), offending);

    // Everything typed is still there.
    QCOMPARE(nameEdit->text(), name);
    QCOMPARE(quantityEdit->text(), quantity);
    QCOMPARE(this->field<QComboBox>(dialog, "unitEdit")->currentText(), QStringLiteral("kg"));

    // Fixing it clears the message and the item goes in.
    retype(nameEdit, QStringLiteral("Rice"));
    retype(quantityEdit, QStringLiteral("2"));
    QVERIFY(!error->isVisible());
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QCOMPARE(namesInTable(), QStringList{QStringLiteral("Rice")});
    QCOMPARE(m_data->pantry.at(0).quantity, 2.0);
    QCOMPARE(m_data->pantry.at(0).unit, QStringLiteral("kg"));
}

void TestPantryPage::engineErrorWithoutFieldIsShown()
{
    start({item("Milk", 2, "l", "Dairy", "Fridge")});
    selectRow(QStringLiteral("Milk"));
    QTest::mouseClick(button(QStringLiteral("Edit")), Qt::LeftButton);
    QPointer<PantryItemDialog> dialog = page()->dialog();
    QVERIFY(dialog && dialog->isVisible() && !dialog->isNew());

    // Someone else deletes the item while the dialog is open.
    const Mutation remove{{}, Collection::Pantry, MutationOp::Delete, dialog->entityId(), -1, {}};
    QVERIFY(m_household->engine().submit(remove).ok);
    retype(field<QLineEdit>(dialog, "nameEdit"), QStringLiteral("Whole milk"));
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QCoreApplication::processEvents();

    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(!dialog->errorText().isEmpty());
    QCOMPARE(dialog->errorField(), nullptr);
    QCOMPARE(field<QLineEdit>(dialog, "nameEdit")->text(), QStringLiteral("Whole milk"));
    QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
}

void TestPantryPage::undoRemovesAddedItemAndRedoBringsItBack()
{
    start();
    QPointer<PantryItemDialog> dialog = openAddDialog();
    QVERIFY(dialog);
    QTest::keyClicks(field<QLineEdit>(dialog, "nameEdit"), QStringLiteral("Basmati rice"));
    retype(field<QLineEdit>(dialog, "quantityEdit"), QStringLiteral("2"));
    QTest::keyClicks(field<QComboBox>(dialog, "unitEdit")->lineEdit(), QStringLiteral("kg"));
    QTest::keyClicks(field<QComboBox>(dialog, "categoryEdit")->lineEdit(), QStringLiteral("Dry goods"));
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QCOMPARE(namesInTable(), QStringList{QStringLiteral("Basmati rice")});
    QTRY_VERIFY(m_window->dashboard()->cardText(PantryPage::kId).contains(QLatin1String("1 item")));

    QCOMPARE(m_stack->undoText(), QStringLiteral("Add Basmati rice"));
    m_stack->undo();
    QVERIFY(namesInTable().isEmpty());
    QCOMPARE(m_data->pantry.rowCount(), 0);
    QTRY_VERIFY(emptyState()->isVisible());
    QTRY_VERIFY(m_window->dashboard()->cardText(PantryPage::kId).contains(QLatin1String("Nothing in the pantry")));

    m_stack->redo();
    QCOMPARE(namesInTable(), QStringList{QStringLiteral("Basmati rice")});
    const int row = rowOf(QStringLiteral("Basmati rice"));
    QCOMPARE(table()->model()->index(row, PantryModel::Quantity).data().toString(), QStringLiteral("2 kg"));
    QCOMPARE(table()->model()->index(row, PantryModel::Category).data().toString(), QStringLiteral("Dry goods"));
    QTRY_VERIFY(!emptyState()->isVisible());
    QTRY_VERIFY(m_window->dashboard()->cardText(PantryPage::kId).contains(QLatin1String("1 item")));
}

void TestPantryPage::quantityButtonsAndKeys()
{
    start({item("Milk", 2, "l", "Dairy", "Fridge"),
           item("Eggs", 6, "pcs", "Dairy", "Fridge")});
    QPushButton *plus = button(QStringLiteral("Add one (+)"));
    QPushButton *minus = button(QStringLiteral("Use one (−)"));
    QVERIFY(plus && minus);
    QVERIFY(!plus->isEnabled()); // nothing selected yet

    selectRow(QStringLiteral("Milk"));
    const QString milk = m_data->pantry.idAt(0);
    QVERIFY(plus->isEnabled() && minus->isEnabled());
    QTest::mouseClick(plus, Qt::LeftButton);
    QCOMPARE(m_data->pantry.find(milk)->quantity, 3.0);
    QCOMPARE(m_stack->undoText(), QStringLiteral("Change quantity of Milk"));
    QCOMPARE(table()->model()->index(rowOf(QStringLiteral("Milk")), PantryModel::Quantity).data().toString(),
             QStringLiteral("3 l"));

    for (int i = 0; i < 3; ++i)
        QTest::mouseClick(minus, Qt::LeftButton);
    QCOMPARE(m_data->pantry.find(milk)->quantity, 0.0);
    QVERIFY(!minus->isEnabled()); // never below zero
    QTest::mouseClick(minus, Qt::LeftButton);
    QCOMPARE(m_stack->count(), 4);

    m_stack->undo();
    QCOMPARE(m_data->pantry.find(milk)->quantity, 1.0);
    QTRY_VERIFY(minus->isEnabled());

    // The same from the keyboard, on the table.
    table()->setFocus();
    QTest::keyClick(table(), Qt::Key_Plus);
    QTest::keyClick(table(), Qt::Key_Plus);
    QCOMPARE(m_data->pantry.find(milk)->quantity, 3.0);
    QTest::keyClick(table(), Qt::Key_Minus);
    QCOMPARE(m_data->pantry.find(milk)->quantity, 2.0);
    QCOMPARE(m_data->pantry.find(m_data->pantry.idAt(1))->quantity, 6.0); // the other row is untouched
}

void TestPantryPage::deleteKeyIsUndoable()
{
    const QDate soon = day(1);
    start({item("Milk", 2, "l", "Dairy", "Fridge", soon),
           item("Eggs", 6, "pcs", "Dairy", "Fridge")});
    selectRow(QStringLiteral("Milk"));
    QTest::keyClick(table(), Qt::Key_Delete);

    QCOMPARE(namesInTable(), QStringList{QStringLiteral("Eggs")});
    QCOMPARE(m_confirmer->asked, 0); // one item: undo is enough, no question
    QCOMPARE(m_stack->undoText(), QStringLiteral("Delete Milk"));
    QCOMPARE(table()->selectionModel()->selectedRows().size(), 1); // the next row takes its place

    m_stack->undo();
    QCOMPARE(namesInTable(), (QStringList{QStringLiteral("Eggs"), QStringLiteral("Milk")}));
    const int row = rowOf(QStringLiteral("Milk"));
    QCOMPARE(table()->model()->index(row, PantryModel::Quantity).data().toString(), QStringLiteral("2 l"));
    QCOMPARE(table()->model()->index(row, PantryModel::ExpiresOn).data(PantryModel::ExpiresOnRole).toDate(), soon);

    // The Delete button does the same.
    selectRow(QStringLiteral("Eggs"));
    QTest::mouseClick(button(QStringLiteral("Delete")), Qt::LeftButton);
    QCOMPARE(namesInTable(), QStringList{QStringLiteral("Milk")});
}

void TestPantryPage::deletingSeveralAsksFirst()
{
    start({item("Milk", 2, "l", "Dairy", "Fridge"),
           item("Eggs", 6, "pcs", "Dairy", "Fridge"),
           item("Rice", 1, "kg", "Dry goods", "Cupboard")});
    table()->setFocus();
    table()->selectAll();
    QCOMPARE(table()->selectionModel()->selectedRows().size(), 3);

    m_confirmer->answer = false;
    QTest::keyClick(table(), Qt::Key_Delete);
    QCOMPARE(m_confirmer->asked, 1);
    QCOMPARE(m_data->pantry.rowCount(), 3);

    m_confirmer->answer = true;
    QTest::keyClick(table(), Qt::Key_Delete);
    QCOMPARE(m_confirmer->asked, 2);
    QCOMPARE(m_data->pantry.rowCount(), 0);
    QCOMPARE(m_stack->count(), 1); // one undo step for the lot
    m_stack->undo();
    QCOMPARE(namesInTable(), (QStringList{QStringLiteral("Eggs"), QStringLiteral("Milk"), QStringLiteral("Rice")}));
}

void TestPantryPage::editWithEnterAndDoubleClick()
{
    start({item("Milk", 2, "l", "Dairy", "Fridge")});
    selectRow(QStringLiteral("Milk"));
    QTest::keyClick(table(), Qt::Key_Return);
    QPointer<PantryItemDialog> dialog = page()->dialog();
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(!dialog->isNew());
    QCOMPARE(field<QLineEdit>(dialog, "nameEdit")->text(), QStringLiteral("Milk"));
    QCOMPARE(field<QLineEdit>(dialog, "quantityEdit")->text(), QStringLiteral("2"));
    QCOMPARE(field<QComboBox>(dialog, "unitEdit")->currentText(), QStringLiteral("l"));
    QCOMPARE(field<QComboBox>(dialog, "categoryEdit")->currentText(), QStringLiteral("Dairy"));
    QVERIFY(!field<QCheckBox>(dialog, "expiresCheck")->isChecked());

    // ↑ counts up in the quantity field.
    QTest::keyClick(field<QLineEdit>(dialog, "quantityEdit"), Qt::Key_Up);
    QCOMPARE(field<QLineEdit>(dialog, "quantityEdit")->text(), QStringLiteral("3"));
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QCOMPARE(m_data->pantry.at(0).quantity, 3.0);
    QCOMPARE(m_data->pantry.at(0).name, QStringLiteral("Milk"));
    QCOMPARE(m_stack->undoText(), QStringLiteral("Edit Milk"));
    QCOMPARE(m_stack->count(), 1);

    // Double-click opens it too; OK without changes adds no undo step.
    const QModelIndex index = table()->model()->index(rowOf(QStringLiteral("Milk")), PantryModel::Category);
    const QPoint where = table()->visualRect(index).center();
    // What a double-click delivers: press, release, double-click, release.
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, where);
    QTest::mouseDClick(table()->viewport(), Qt::LeftButton, {}, where);
    QTest::mouseRelease(table()->viewport(), Qt::LeftButton, {}, where);
    dialog = page()->dialog();
    QVERIFY(dialog && dialog->isVisible());
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QCOMPARE(m_stack->count(), 1);

    m_stack->undo();
    QCOMPARE(m_data->pantry.at(0).quantity, 2.0);
}

void TestPantryPage::expiringSoonFilter()
{
    start({item("Milk", 2, "l", "Dairy", "Fridge", day(1)),
           item("Spinach", 1, "bag", "Fruit & veg", "Fridge", day(-1)),
           item("Rice", 1, "kg", "Dry goods", "Cupboard", day(200)),
           item("Sugar", 1, "kg", "Baking", "Cupboard")});
    QCOMPARE(table()->model()->rowCount(), 4);
    // Soonest first by default: the expired spinach leads.
    QCOMPARE(table()->model()->index(0, PantryModel::Name).data().toString(), QStringLiteral("Spinach"));

    auto *chip = page()->findChild<QPushButton *>(QStringLiteral("filterChip"));
    QVERIFY(chip);
    QVERIFY(chip->text().contains(QLatin1String("(2)")));
    QTest::mouseClick(chip, Qt::LeftButton);
    QVERIFY(chip->isChecked());
    QCOMPARE(namesInTable(), (QStringList{QStringLiteral("Milk"), QStringLiteral("Spinach")}));

    // An item that becomes due joins the list while the filter is on.
    const QString rice = m_data->pantry.idAt(2);
    QVERIFY(m_history->apply(m_data->pantry, Mutation{{}, Collection::Pantry, MutationOp::Update, rice, -1,
                                                       {{QStringLiteral("expires_on"), day(2).toString(Qt::ISODate)}}},
                             QStringLiteral("Edit Rice")).ok);
    QCOMPARE(namesInTable(), (QStringList{QStringLiteral("Milk"), QStringLiteral("Rice"), QStringLiteral("Spinach")}));
    QTRY_VERIFY(chip->text().contains(QLatin1String("(3)")));

    QTest::mouseClick(chip, Qt::LeftButton);
    QVERIFY(!chip->isChecked());
    QCOMPARE(table()->model()->rowCount(), 4);
}

void TestPantryPage::textFilterAndCtrlF()
{
    start({item("Milk", 2, "l", "Dairy", "Fridge"),
           item("Spinach", 1, "bag", "Fruit & veg", "Fridge"),
           item("Rice", 1, "kg", "Dry goods", "Cupboard")});
    auto *search = page()->findChild<QLineEdit *>(QStringLiteral("pantrySearch"));
    QVERIFY(search);

    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), search);

    QTest::keyClicks(search, QStringLiteral("spin"));
    QCOMPARE(namesInTable(), QStringList{QStringLiteral("Spinach")});
    retype(search, QStringLiteral("CUPBOARD")); // location, any case
    QCOMPARE(namesInTable(), QStringList{QStringLiteral("Rice")});
    retype(search, QStringLiteral("dairy")); // category
    QCOMPARE(namesInTable(), QStringList{QStringLiteral("Milk")});

    retype(search, QStringLiteral("chocolate"));
    QCOMPARE(table()->model()->rowCount(), 0);
    QVERIFY(emptyState()->isVisible());
    QCOMPARE(emptyState()->text(), QStringLiteral("Nothing matches your search."));
    QVERIFY(!table()->isVisible());

    QTest::keyClick(search, Qt::Key_Escape);
    QVERIFY(search->text().isEmpty());
    QCOMPARE(table()->model()->rowCount(), 3);
    QVERIFY(!emptyState()->isVisible());
    QVERIFY(table()->isVisible());
}

void TestPantryPage::categoryFilterFollowsTheItems()
{
    start({item("Milk", 2, "l", "Dairy", "Fridge"),
           item("Rice", 1, "kg", "Dry goods", "Cupboard")});
    auto *combo = page()->findChild<QComboBox *>(QStringLiteral("categoryFilter"));
    QVERIFY(combo);
    const auto items = [combo] {
        QStringList list;
        for (int i = 0; i < combo->count(); ++i)
            list << combo->itemText(i);
        return list;
    };
    const QStringList initial{QStringLiteral("All categories"), QStringLiteral("Dairy"), QStringLiteral("Dry goods")};
    QCOMPARE(items(), initial);

    combo->setCurrentIndex(combo->findText(QStringLiteral("Dairy")));
    QCOMPARE(namesInTable(), QStringList{QStringLiteral("Milk")});

    // A new category (say, another member adds crisps) shows up in the list; the choice stays.
    QVERIFY(m_data->pantry.apply(m_data->pantry.addMutation(item("Crisps", 3, "bags", "Snacks", "Cupboard"))).ok);
    QTRY_VERIFY(items().contains(QStringLiteral("Snacks")));
    QCOMPARE(combo->currentText(), QStringLiteral("Dairy"));
    QCOMPARE(namesInTable(), QStringList{QStringLiteral("Milk")});

    // Adding while a category is shown suggests that category.
    QPointer<PantryItemDialog> dialog = openAddDialog();
    QVERIFY(dialog);
    QCOMPARE(field<QComboBox>(dialog, "categoryEdit")->currentText(), QStringLiteral("Dairy"));
    dialog->reject();
    QTRY_VERIFY(!dialog);

    // When its last item goes, the list falls back to everything.
    QCOMPARE(m_data->pantry.at(0).name, QStringLiteral("Milk"));
    QVERIFY(m_data->pantry.remove(m_data->pantry.idAt(0)).ok);
    QTRY_COMPARE(combo->currentIndex(), 0);
    QTRY_VERIFY(!items().contains(QStringLiteral("Dairy")));
    QCOMPARE(namesInTable(), (QStringList{QStringLiteral("Crisps"), QStringLiteral("Rice")}));
}

void TestPantryPage::expiryColours()
{
    QCOMPARE(PantryDelegate::statusColor(PantryModel::ExpiryState::Expired), Theme::danger());
    QCOMPARE(PantryDelegate::statusColor(PantryModel::ExpiryState::Soon), Theme::warning());
    QVERIFY(!PantryDelegate::statusColor(PantryModel::ExpiryState::Fresh).isValid());
    QVERIFY(!PantryDelegate::statusColor(PantryModel::ExpiryState::None).isValid());

    // And the table really paints them: an expired row shows red in its Expires cell.
    start({item("Spinach", 1, "bag", "Fruit & veg", "Fridge", day(-1))});
    const QRect cell = table()->visualRect(table()->model()->index(0, PantryModel::ExpiresOn));
    const QImage image = table()->viewport()->grab(cell).toImage();
    bool red = false;
    for (int y = 0; y < image.height() && !red; ++y) {
        for (int x = 0; x < image.width() && !red; ++x) {
            const QColor c = image.pixelColor(x, y);
            red = c.red() > 180 && c.green() < 80 && c.blue() < 80;
        }
    }
    QVERIFY(red);
}

// The same name (any case), unit and place: the page offers to add to the item that is there.
// Yes adds to its quantity (one undo step); no keeps the dialog open and says why.
void TestPantryPage::addingWhatIsThereOffersToAddToIt()
{
    start({item("Milk", 2, "l", "Dairy", "Fridge", day(5))});
    const QString milk = m_data->pantry.idAt(0);
    const auto fill = [this](PantryItemDialog *dialog) {
        QTest::keyClicks(field<QLineEdit>(dialog, "nameEdit"), QStringLiteral("milk"));
        retype(field<QLineEdit>(dialog, "quantityEdit"), QStringLiteral("1"));
        retype(field<QComboBox>(dialog, "unitEdit"), QStringLiteral("l"));
        retype(field<QComboBox>(dialog, "locationEdit"), QStringLiteral("fridge"));
    };

    m_confirmer->answer = false;
    QPointer<PantryItemDialog> dialog = openAddDialog();
    QVERIFY(dialog);
    fill(dialog);
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QCOMPARE(m_confirmer->asked, 1);
    QVERIFY2(m_confirmer->lastQuestion.contains(QLatin1String("Milk is already in the pantry in the Fridge (2 l)")),
             qPrintable(m_confirmer->lastQuestion));
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(dialog->errorText().contains(QLatin1String("already in the pantry")));
    QCOMPARE(m_data->pantry.rowCount(), 1);
    QCOMPARE(m_stack->count(), 0);

    m_confirmer->answer = true;
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QCOMPARE(m_data->pantry.rowCount(), 1);
    QCOMPARE(m_data->pantry.find(milk)->quantity, 3.0);
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(table()->currentIndex().data(PantryModel::IdRole).toString(), milk);
    m_stack->undo();
    QCOMPARE(m_data->pantry.find(milk)->quantity, 2.0);

    // Somewhere else it is another item.
    QTest::mouseClick(button(QStringLiteral("Add item")), Qt::LeftButton);
    dialog = page()->dialog();
    QVERIFY(dialog);
    fill(dialog);
    retype(field<QComboBox>(dialog, "locationEdit"), QStringLiteral("Cellar"));
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QCOMPARE(m_confirmer->asked, 2);
    QCOMPARE(m_data->pantry.rowCount(), 2);
}

// "6 expiring" in the subtitle and "(7)" on the chip counted different things.
void TestPantryPage::subtitleAndChipCountTheSameItems()
{
    start({item("Milk", 2, "l", "Dairy", "Fridge", day(1)), item("Yoghurt", 4, "pots", "Dairy", "Fridge", day(3)),
           item("Spinach", 1, "bag", "Fruit & veg", "Fridge", day(-1)),
           item("Rice", 1, "kg", "Dry goods", "Cupboard", day(200))});
    auto *chip = page()->findChild<QPushButton *>(QStringLiteral("filterChip"));
    auto *subtitle = page()->findChild<QLabel *>(QStringLiteral("subtitle"));
    QTRY_COMPARE(chip->text(), QStringLiteral("Expiring soon (3)"));
    QCOMPARE(subtitle->text(), QStringLiteral("4 items · 3 expiring soon (1 already expired)"));
    QTest::mouseClick(chip, Qt::LeftButton);
    QCOMPARE(table()->model()->rowCount(), 3);
}

void TestPantryPage::quantitiesArePluralisedByTheTranslations()
{
    start({item("Eggs", 1, "pcs", "Dairy", "Fridge"), item("Tomatoes", 6, "pc", "Fruit & veg", "Counter"),
           item("Honey", 1, "jars", "Tins & jars", "Cupboard"), item("Chickpeas", 3, "tin", "Tins & jars", "Cupboard"),
           item("Flour", 1.5, "kg", "Baking", "Cupboard"), item("Stock cubes", 12, "", "Tins & jars", "Cupboard")});
    const auto amount = [this](const char *name) {
        return table()->model()->index(rowOf(QLatin1String(name)), PantryModel::Quantity).data().toString();
    };
    QCOMPARE(amount("Eggs"), QStringLiteral("1 pc"));
    QCOMPARE(amount("Tomatoes"), QStringLiteral("6 pcs"));
    QCOMPARE(amount("Honey"), QStringLiteral("1 jar"));
    QCOMPARE(amount("Chickpeas"), QStringLiteral("3 tins"));
    QCOMPARE(amount("Flour"), QStringLiteral("1.5 kg"));
    QCOMPARE(amount("Stock cubes"), QStringLiteral("12"));
}

void TestPantryPage::fitsATabletAndADesktop_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::newRow("1024×600 tablet") << QSize(1024, 600);
    QTest::newRow("1366×768 desktop") << QSize(1366, 768);
}

// The window takes the screen's width; the toolbar's controls sit side by side without
// overlapping, and the names get room (they were cut, and the category box covered the search).
void TestPantryPage::fitsATabletAndADesktop()
{
    QFETCH(QSize, screen);
    start({item("Chopped tomatoes", 4, "tins", "Tins & jars", "Cupboard"), item("Dishwasher tablets", 24, "pcs", "Household", "Under sink")});
    QVERIFY2(page()->minimumSizeHint().width() <= screen.width() - 30 * Theme::kGrid,
             qPrintable(QString::number(page()->minimumSizeHint().width())));
    m_window->resize(screen);
    QTRY_COMPARE(m_window->width(), screen.width());
    QApplication::processEvents();
    const auto onPage = [this](const char *name) {
        auto *w = page()->findChild<QWidget *>(QLatin1String(name));
        return QRect(w->mapTo(page(), QPoint(0, 0)), w->size());
    };
    const QRect search = onPage("pantrySearch");
    const QRect category = onPage("categoryFilter");
    QVERIFY(search.right() < category.left());
    QVERIFY(page()->rect().contains(onPage("pantryTable")));
    // The longest name is shown in full.
    const int nameWidth = table()->horizontalHeader()->sectionSize(PantryModel::Name);
    QVERIFY2(nameWidth >= table()->fontMetrics().horizontalAdvance(QStringLiteral("Dishwasher tablets")) + 2 * Theme::kGrid,
             qPrintable(QString::number(nameWidth)));
}

namespace {
// The widgets Tab visits from `first`, `count` of them.
QList<QWidget *> tabStopsFrom(QWidget *first, qsizetype count)
{
    QList<QWidget *> visited{first};
    for (QWidget *w = first->nextInFocusChain(); visited.size() < count && w != first; w = w->nextInFocusChain()) {
        if ((w->focusPolicy() & Qt::TabFocus) && w->isVisible() && w->isEnabled())
            visited << w;
    }
    return visited;
}
} // namespace

// The page: the header's action, the toolbar left to right, the table. The dialog: top to bottom.
void TestPantryPage::tabOrderFollowsReadingOrder()
{
    start({item("Milk", 2, "l", "Dairy", "Fridge")});
    selectRow(QStringLiteral("Milk"));
    const QList<QWidget *> expected{button(QStringLiteral("Add item")),
                                    page()->findChild<QWidget *>(QStringLiteral("pantrySearch")),
                                    page()->findChild<QWidget *>(QStringLiteral("categoryFilter")),
                                    page()->findChild<QWidget *>(QStringLiteral("filterChip")),
                                    button(QStringLiteral("Use one (−)")),
                                    button(QStringLiteral("Add one (+)")),
                                    button(QStringLiteral("Edit")),
                                    button(QStringLiteral("Delete")),
                                    table()};
    QCOMPARE(tabStopsFrom(expected.first(), expected.size()), expected);

    QPointer<PantryItemDialog> dialog = openAddDialog();
    QVERIFY(dialog);
    const QList<QWidget *> fields{field<QWidget>(dialog, "nameEdit"),     field<QWidget>(dialog, "quantityEdit"),
                                  field<QWidget>(dialog, "unitEdit"),     field<QWidget>(dialog, "categoryEdit"),
                                  field<QWidget>(dialog, "locationEdit"), field<QWidget>(dialog, "expiresCheck")};
    // Editable combo boxes take the focus in their line edit; count the box, once.
    QList<QWidget *> visited;
    for (QWidget *w : tabStopsFrom(fields.first(), fields.size() + 4)) {
        if (auto *combo = qobject_cast<QComboBox *>(w->parentWidget()); combo && combo->lineEdit() == w)
            w = combo;
        if (!visited.contains(w))
            visited << w;
    }
    QCOMPARE(visited.mid(0, fields.size()), fields);
    dialog->reject();
}

QTEST_MAIN(TestPantryPage)
#include "tst_pantrypage.moc"
