// The kitchen screen as the app runs it (SessionUi): View ▸ Kitchen Screen takes over from the
// window, notifications and problems show on its banner instead of the desktop or the status bar,
// an invite link opened meanwhile does not open a Join dialog over it, and its settings are a
// section of the Settings dialog that only Save writes.

#include "DesktopNotifications.h"
#include "HouseholdSession.h"
#include "JoinLink.h"
#include "KioskSettings.h"
#include "KioskSettingsSection.h"
#include "KioskWindow.h"
#include "MainWindow.h"
#include "Notifier.h"
#include "ScriptedConfirmer.h"
#include "SessionTestSupport.h"
#include "SessionUi.h"
#include "SettingsDialog.h"
#include "TestSupport.h"
#include "Translations.h"

#include <QAction>
#include <QDBusConnection>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

using namespace hearth;

class tst_SessionKiosk : public QObject
{
    Q_OBJECT

    struct App
    {
        test::TempHousehold household;
        QSettings settings{household.dir() + QStringLiteral("/hearth.ini"), QSettings::IniFormat};
        HouseholdSession session{household.store(), household.clock, test::sessionOptions(household.dir(), QStringLiteral("Alex"))};
        test::ScriptedConfirmer confirmer;
        std::unique_ptr<SessionUi> ui;

        bool open()
        {
            if (!session.open(nullptr))
                return false;
            ui = std::make_unique<SessionUi>(session, confirmer, settings);
            ui->show();
            return QTest::qWaitForWindowExposed(ui->window());
        }
    };

    // Opens the Settings dialog from the window's menu and hands it to `use` while it shows.
    template<typename Use>
    static void withSettings(MainWindow &window, Use use)
    {
        const QMetaObject::Connection watching = connect(&window, &MainWindow::settingsOpened, &window, [&](SettingsDialog *dialog) {
            QTimer::singleShot(0, dialog, [dialog, use] { use(dialog); });
        });
        window.findChild<QAction *>(QStringLiteral("settingsAction"))->trigger();
        disconnect(watching);
    }

private Q_SLOTS:
    void initTestCase() { installTranslations(*QCoreApplication::instance()); }

    void theKitchenScreenTakesOverFromTheWindow()
    {
        App app;
        QVERIFY(app.open());
        QVERIFY(!app.ui->kiosk());
        QTest::keyClick(app.ui->window(), Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(app.ui->kiosk());
        QVERIFY(QTest::qWaitForWindowExposed(app.ui->kiosk()));
        QVERIFY(app.ui->kiosk()->windowState() & Qt::WindowFullScreen);
        QVERIFY(!app.ui->window()->isVisible());
        QCOMPARE(app.ui->kiosk()->showing(), KioskWindow::Screen::Picker);
    }

    void whatWouldGoElsewhereShowsOnItsBanner()
    {
        App app;
        QVERIFY(app.open());
        // A bus where nothing answers: if the routing went to the desktop, the status bar would get it.
        const QDBusConnection nowhere = QDBusConnection::connectToBus(
            QStringLiteral("unix:path=%1/no-bus").arg(app.household.dir()), QStringLiteral("nowhere"));
        {
            DesktopNotifications desktop(nowhere);
            Notifier notifier(app.household.clock, app.settings);
            app.ui->routeNotifications(notifier, desktop);
            app.ui->startKiosk();
            KioskWindow *kiosk = app.ui->kiosk();
            QVERIFY(kiosk);

            Q_EMIT notifier.notification(Notifier::Kind::ExpiringTomorrow, QStringLiteral("Expiring tomorrow"), QStringLiteral("Milk"));
            QTRY_VERIFY2(kiosk->bannerText().contains(QLatin1String("Milk")), qPrintable(kiosk->bannerText()));
            QVERIFY(app.ui->window()->statusBar()->currentMessage().isEmpty());

            Q_EMIT app.session.problem(QStringLiteral("The host refused: Bread is not in the pantry."));
            QTRY_VERIFY2(kiosk->bannerText().contains(QLatin1String("Bread")), qPrintable(kiosk->bannerText()));

            QString error;
            const auto link = JoinLink::parse(QStringLiteral("hearth://join?host=192.168.1.20:8765&code=ABCD2345"), &error);
            QVERIFY2(link, qPrintable(error));
            QVERIFY(!app.ui->openJoinLink(*link));
            QTRY_VERIFY2(kiosk->bannerText().contains(QLatin1String("Leave the kitchen screen")), qPrintable(kiosk->bannerText()));
            QVERIFY(!app.ui->window()->isVisible());
        }
        QDBusConnection::disconnectFromBus(QStringLiteral("nowhere"));
    }

    void itsSettingsAreASectionThatSaveWrites()
    {
        App app;
        QVERIFY(app.open());
        const int defaultMinutes = KioskSettings::read(app.settings).idleMinutes;
        bool seen = false;
        withSettings(*app.ui->window(), [&](SettingsDialog *dialog) {
            auto *section = dialog->findChild<KioskSettingsSection *>();
            seen = section != nullptr;
            if (section)
                section->findChild<QSpinBox *>(QStringLiteral("idleMinutesSpin"))->setValue(defaultMinutes + 4);
            QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
        });
        QTRY_VERIFY(seen);
        QCOMPARE(KioskSettings::read(app.settings).idleMinutes, defaultMinutes);

        seen = false;
        withSettings(*app.ui->window(), [&](SettingsDialog *dialog) {
            auto *section = dialog->findChild<KioskSettingsSection *>();
            seen = section != nullptr;
            if (section)
                section->findChild<QSpinBox *>(QStringLiteral("idleMinutesSpin"))->setValue(defaultMinutes + 4);
            QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        });
        QTRY_VERIFY(seen);
        QTRY_COMPARE(KioskSettings::read(app.settings).idleMinutes, defaultMinutes + 4);
    }
};

QTEST_MAIN(tst_SessionKiosk)
#include "tst_sessionkiosk.moc"
