// One look for every Hearth dialog (views/DialogCatalog.h): each is a FormDialog whose buttons are
// the primary action styled by Theme and a plain Cancel with no stock icons (even in a desktop
// style that puts icons on dialog buttons), a confirmation is a Hearth dialog rather than a stock
// message box, and whatever has the keyboard focus shows a ring.

#include "Confirmer.h"
#include "DialogCatalog.h"
#include "HouseholdData.h"
#include "PageHarness.h"
#include "Theme.h"

#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProxyStyle>
#include <QPushButton>
#include <QStandardItemModel>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QVBoxLayout>

#include <functional>
#include <memory>

using namespace hearth;

namespace {

// A desktop style that gives dialog buttons stock icons (as Breeze and GTK themes do).
class IconicButtonsStyle final : public QProxyStyle
{
public:
    IconicButtonsStyle()
        : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion")))
    {
    }
    int styleHint(StyleHint hint, const QStyleOption *option, const QWidget *widget, QStyleHintReturn *ret) const override
    {
        if (hint == SH_DialogButtonBox_ButtonsHaveIcons)
            return 1;
        return QProxyStyle::styleHint(hint, option, widget, ret);
    }
    QIcon standardIcon(StandardPixmap pixmap, const QStyleOption *option, const QWidget *widget) const override
    {
        QPixmap square(16, 16);
        square.fill(Qt::red);
        Q_UNUSED(pixmap);
        Q_UNUSED(option);
        Q_UNUSED(widget);
        return QIcon(square);
    }
};

// Dialogs their owners move onto FormDialog on other branches; remove once those are merged.
// Dialogs of several steps that wait on the network (joining, hosting) are not one form with a
// synchronous save; they share FormDialog's button style without being one.
const QStringList kMultiStep{QStringLiteral("join"), QStringLiteral("host")};
// Progress of long work: nothing to confirm, only Cancel.
const QStringList kProgressOnly{QStringLiteral("receipt-reading")};

// Runs `answer` on the first modal dialog that opens while `open` blocks.
void whenModalOpens(std::function<void(QWidget *)> answer)
{
    auto *poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, [poll, answer] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            poll->stop();
            poll->deleteLater();
            answer(modal);
        }
    });
    poll->start();
}

} // namespace

class TestOneLook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setStyle(new IconicButtonsStyle);
        qApp->setStyleSheet(Theme::styleSheet());
    }

    void dialogsShareOneButtonStyle_data();
    void dialogsShareOneButtonStyle();
    void confirmationIsAHearthDialog_data();
    void confirmationIsAHearthDialog();
    void focusIsVisible_data();
    void focusIsVisible();
};

void TestOneLook::dialogsShareOneButtonStyle_data()
{
    QTest::addColumn<QString>("dialogId");
    test::PageHarness harness(true);
    QVERIFY(harness.isValid());
    for (const DialogSample &sample : dialogSamples(*harness.data, nullptr))
        QTest::newRow(qPrintable(sample.id)) << sample.id;
}

void TestOneLook::dialogsShareOneButtonStyle()
{
    QFETCH(QString, dialogId);
    test::PageHarness harness(true);
    QVERIFY(harness.isValid());
    std::unique_ptr<QDialog> dialog;
    for (const DialogSample &sample : dialogSamples(*harness.data, nullptr)) {
        if (sample.id == dialogId)
            dialog = sample.make(nullptr);
    }
    QVERIFY(dialog);
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));

    auto *form = qobject_cast<FormDialog *>(dialog.get());
    QVERIFY2(form || kMultiStep.contains(dialogId), "not a FormDialog");
    int primary = 0;
    int plain = 0;
    for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
        if (!button->isVisible())
            continue;
        QVERIFY2(button->icon().isNull(), qPrintable(button->text() + QStringLiteral(" carries a stock icon")));
        if (button->property("primary").toBool())
            ++primary;
        else if (button->property("secondary").toBool())
            ++plain;
        else
            QFAIL(qPrintable(button->text() + QStringLiteral(" is styled neither as the primary action nor as a plain button")));
    }
    QCOMPARE(primary, kProgressOnly.contains(dialogId) ? 0 : 1);
    QVERIFY(plain >= 1); // Cancel
    if (form)
        QCOMPARE(form->cancelButton()->text(), tr("Cancel"));
}

void TestOneLook::confirmationIsAHearthDialog_data()
{
    QTest::addColumn<bool>("pressAccept");
    QTest::newRow("accept") << true;
    QTest::newRow("cancel") << false;
}

void TestOneLook::confirmationIsAHearthDialog()
{
    QFETCH(bool, pressAccept);
    QWidget parent;
    parent.resize(400, 300);
    parent.show();
    QVERIFY(QTest::qWaitForWindowExposed(&parent));

    QString kind;
    QString question;
    bool stockIcon = true;
    QString defaultButton;
    whenModalOpens([&](QWidget *modal) {
        kind = QString::fromLatin1(modal->metaObject()->className());
        stockIcon = qobject_cast<QMessageBox *>(modal) != nullptr;
        auto *dialog = qobject_cast<ConfirmDialog *>(modal);
        if (!dialog) {
            modal->close();
            return;
        }
        question = dialog->findChild<QLabel *>(QStringLiteral("confirmText"))->text();
        for (QPushButton *button : dialog->findChildren<QPushButton *>())
            stockIcon = stockIcon || !button->icon().isNull();
        defaultButton = dialog->cancelButton()->isDefault() ? QStringLiteral("cancel") : QStringLiteral("accept");
        QTest::mouseClick(pressAccept ? dialog->saveButton() : dialog->cancelButton(), Qt::LeftButton);
    });
    DialogConfirmer confirmer;
    const bool answer = confirmer.confirm(&parent, QStringLiteral("Delete goal"), QStringLiteral("Delete “Holiday”?"),
                                          QStringLiteral("Delete"));
    QCOMPARE(kind, QStringLiteral("hearth::ConfirmDialog"));
    QVERIFY(!stockIcon);
    QCOMPARE(question, QStringLiteral("Delete “Holiday”?"));
    QCOMPARE(defaultButton, QStringLiteral("cancel")); // Enter never deletes by accident
    QCOMPARE(answer, pressAccept);
}

void TestOneLook::focusIsVisible_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("primary button") << QStringLiteral("primary");
    QTest::newRow("plain button") << QStringLiteral("secondary");
    QTest::newRow("field") << QStringLiteral("field");
    QTest::newRow("table") << QStringLiteral("table");
    QTest::newRow("list") << QStringLiteral("list");
}

// The widget looks different with the focus than without: something shows where the keyboard is.
void TestOneLook::focusIsVisible()
{
    QFETCH(QString, kind);
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *elsewhere = new QLineEdit(&window);
    layout->addWidget(elsewhere);
    QWidget *probe = nullptr;
    QStandardItemModel rows(3, 2);
    if (kind == QLatin1String("primary")) {
        probe = Theme::makePrimaryButton(QStringLiteral("Save"), &window);
    } else if (kind == QLatin1String("secondary")) {
        probe = Theme::makeSecondaryButton(QStringLiteral("Cancel"), &window);
    } else if (kind == QLatin1String("field")) {
        probe = new QLineEdit(QStringLiteral("Milk"), &window);
    } else if (kind == QLatin1String("table")) {
        auto *table = new QTableView(&window);
        table->setModel(&rows);
        probe = table;
    } else {
        auto *list = new QListWidget(&window);
        list->addItems({QStringLiteral("Alex"), QStringLiteral("Sam")});
        probe = list;
    }
    layout->addWidget(probe);
    window.resize(320, 260);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    elsewhere->setFocus();
    QTRY_VERIFY(elsewhere->hasFocus());
    const QImage without = probe->grab().toImage();
    probe->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(probe->hasFocus());
    const QImage with = probe->grab().toImage();
    QVERIFY2(with != without, qPrintable(kind + QStringLiteral(" looks the same with and without the focus")));
}

QTEST_MAIN(TestOneLook)
#include "tst_onelook.moc"
