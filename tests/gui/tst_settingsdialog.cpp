// The Settings dialog offscreen: opened from the window with Ctrl+, , its Notifications section
// written to the window's settings (and read back by the Notifier), other parts' sections, and a
// notification the desktop cannot show landing in the window's status bar.

#include "ConnectionStatus.h"
#include "DesktopNotifications.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "HouseholdSession.h"
#include "MainWindow.h"
#include "Notifier.h"
#include "PantryModel.h"
#include "ScriptedConfirmer.h"
#include "SessionTestSupport.h"
#include "SessionUi.h"
#include "SettingsDialog.h"
#include "TestSupport.h"
#include "Translations.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QTimeEdit>
#include <QUndoStack>

using namespace hearth;

class tst_SettingsDialog : public QObject
{
    Q_OBJECT

private:
    struct Fixture
    {
        test::TempHousehold household;
        HouseholdData data{household.engine(), household.clock};
        QUndoStack undo;
        EditHistory history{undo};
        test::ScriptedConfirmer confirmer;
        ConnectionStatus connection;
        QSettings settings{household.dir() + QStringLiteral("/hearth.ini"), QSettings::IniFormat};

        Fixture() { data.load(); }
        std::unique_ptr<MainWindow> window()
        {
            auto w = std::make_unique<MainWindow>(data, history, confirmer, connection, settings);
            w->show();
            return w;
        }
    };

    // Opens the dialog as a person would: Ctrl+, in the window.
    static SettingsDialog *openWithShortcut(MainWindow &window)
    {
        SettingsDialog *opened = nullptr;
        const QMetaObject::Connection watching =
            connect(&window, &MainWindow::settingsOpened, &window, [&opened](SettingsDialog *dialog) { opened = dialog; });
        QTest::keyClick(&window, Qt::Key_Comma, Qt::ControlModifier);
        disconnect(watching);
        return opened;
    }

private Q_SLOTS:
    void initTestCase() { installTranslations(*QCoreApplication::instance()); }

    void ctrlCommaOpensNotificationSettingsWithTheirDefaults()
    {
        Fixture f;
        auto w = f.window();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        SettingsDialog *dialog = openWithShortcut(*w);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        for (Notifier::Kind kind : Notifier::kKinds)
            QVERIFY2(dialog->kindSwitch(kind)->isChecked(), qPrintable(dialog->kindSwitch(kind)->text()));
        QCOMPARE(dialog->expiryReminderEdit()->time(), QTime(18, 0));
        QVERIFY(dialog->quietHoursSwitch()->isChecked());
        QCOMPARE(dialog->quietFromEdit()->time(), QTime(22, 0));
        QCOMPARE(dialog->quietToEdit()->time(), QTime(7, 0));
        // It says quietly where notifications go without a desktop service for them.
        QVERIFY(dialog->deliveryNote()->isVisible());
        QVERIFY(dialog->deliveryNote()->text().contains(QLatin1String("status bar")));
        dialog->reject();
    }

    void saveWritesWhatTheNotifierReadsAndCancelDoesNot()
    {
        Fixture f;
        auto w = f.window();
        SettingsDialog *dialog = w->openSettings();
        dialog->kindSwitch(Notifier::Kind::BudgetThreshold)->setChecked(false);
        dialog->quietHoursSwitch()->setChecked(false);
        QVERIFY(!dialog->quietFromEdit()->isEnabled()); // the times follow their switch
        dialog->expiryReminderEdit()->setTime(QTime(7, 45));
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialog->isVisible());

        Notifier::Settings saved = Notifier::Settings::load(f.settings);
        QVERIFY(!saved.isEnabled(Notifier::Kind::BudgetThreshold));
        QVERIFY(saved.isEnabled(Notifier::Kind::ApprovalWaiting));
        QVERIFY(!saved.quietHours);
        QCOMPARE(saved.expiryReminderAt, QTime(7, 45));

        // Opened again it shows them; Cancel keeps them.
        dialog = w->openSettings();
        QVERIFY(!dialog->kindSwitch(Notifier::Kind::BudgetThreshold)->isChecked());
        QCOMPARE(dialog->expiryReminderEdit()->time(), QTime(7, 45));
        dialog->kindSwitch(Notifier::Kind::ApprovalWaiting)->setChecked(false);
        QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
        saved = Notifier::Settings::load(f.settings);
        QVERIFY(saved.isEnabled(Notifier::Kind::ApprovalWaiting));
    }

    void otherPartsAddSectionsThatSaveWithTheDialog()
    {
        Fixture f;
        auto w = f.window();
        connect(w.get(), &MainWindow::settingsOpened, this, [](SettingsDialog *dialog) {
            auto *section = new QCheckBox(QStringLiteral("Start in kiosk mode"));
            section->setObjectName(QStringLiteral("kioskSwitch"));
            dialog->addSection(QStringLiteral("Kiosk"), section);
        });
        SettingsDialog *dialog = w->openSettings();
        QSignalSpy saving(dialog, &SettingsDialog::saving);
        auto *section = dialog->findChild<QCheckBox *>(QStringLiteral("kioskSwitch"));
        QVERIFY(section);
        QTRY_VERIFY(section->isVisible());
        bool titled = false;
        for (const QLabel *label : dialog->findChildren<QLabel *>())
            titled = titled || (label->text() == QLatin1String("Kiosk") && label->isVisible());
        QVERIFY(titled);
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        QCOMPARE(saving.size(), 1);
    }

    void whatTheDesktopCannotShowGoesToTheStatusBar()
    {
        test::TempHousehold household;
        QSettings settings(household.dir() + QStringLiteral("/hearth.ini"), QSettings::IniFormat);
        settings.setValue(QStringLiteral("notifications/quietHours"), false);
        HouseholdSession session(household.store(), household.clock,
                                 test::sessionOptions(household.dir(), QStringLiteral("Alex")));
        QVERIFY(session.open(nullptr));
        PantryItem milk;
        milk.name = QStringLiteral("Milk");
        milk.quantity = 1;
        milk.expiresOn = household.clock.today().addDays(1);
        QVERIFY(session.data().pantry.apply(session.data().pantry.addMutation(milk)).ok);
        test::ScriptedConfirmer confirmer;
        SessionUi ui(session, confirmer, settings);
        ui.show();
        // No session bus at all: never the developer's real one.
        const QDBusConnection nowhere = QDBusConnection::connectToBus(
            QStringLiteral("unix:path=%1/no-bus").arg(household.dir()), QStringLiteral("nowhere"));
        DesktopNotifications desktop(nowhere);
        Notifier notifier(household.clock, settings);
        ui.routeNotifications(notifier, desktop);
        household.clock.setNow(QDateTime(household.clock.today(), QTime(18, 5)));
        notifier.follow(session);
        QTRY_COMPARE(ui.window()->statusBar()->currentMessage(), QStringLiteral("Expiring tomorrow: 1 pantry item: Milk"));
        QDBusConnection::disconnectFromBus(QStringLiteral("nowhere"));
    }
};

QTEST_MAIN(tst_SettingsDialog)
#include "tst_settingsdialog.moc"
