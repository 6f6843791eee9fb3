// The kiosk (hearth --kiosk) on a real household: "Who's using Hearth?" at the start and after idle
// minutes, edits as the picked member, leaving only with an adult's PIN, shortcuts and closing
// caught, the night's dimming and the touch that wakes it, the banner, the full-disk
// warning, and its settings.

#include "ConnectionStatus.h"
#include "KioskDashboard.h"
#include "KioskSettings.h"
#include "KioskSettingsSection.h"
#include "KioskWindow.h"
#include "MemberPicker.h"
#include "MemberPins.h"
#include "PageHarness.h"
#include "PinPad.h"
#include "Translations.h"
#include "chores/ChoresModels.h"

#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTimeEdit>
#include <QToolButton>

#include <memory>

using namespace hearth;
using namespace hearth::test;

namespace {

// A kiosk on the demo household (Alex and Sam adults, Mia a child), its PINs in memory with cheap
// hashing, acting through the engine as the app acts through HouseholdSession::actAs.
struct Kiosk
{
    Kiosk()
        : settings(QDir(harness.household.dir()).filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat)
        , pins(QString(), harness.household.clock, PinPolicy{1000, 5, std::chrono::seconds(60), std::chrono::seconds(600)})
    {
    }

    KioskWindow &make()
    {
        qApp->setStyleSheet(Theme::styleSheet());
        const KioskContext context{*harness.data, harness.history, harness.confirmer, settings, pins, connection,
                                   [this](const QString &memberId, QString *) {
                                       harness.household.engine().setActingMemberId(memberId);
                                       return true;
                                   },
                                   harness.household.engine().actingMemberId(), [this] { ++saveHeldCalls; }};
        window = std::make_unique<KioskWindow>(context, nullptr);
        window->resize(1024, 600);
        return *window;
    }

    QString memberId(const QString &name) const
    {
        for (const Member &m : harness.data->members.records()) {
            if (m.name == name)
                return m.id;
        }
        return {};
    }

    FakeClock &clock() { return harness.household.clock; }
    void advance(int seconds)
    {
        clock().setNow(clock().now().addSecs(seconds));
        window->checkClock();
    }

    PageHarness harness{true};
    QSettings settings;
    MemberPins pins;
    ConnectionStatus connection;
    int saveHeldCalls = 0; // "Try Again" on the full-disk warning
    std::unique_ptr<KioskWindow> window;
};

QToolButton *tickFor(KioskWindow &window, const QString &choreId)
{
    for (QToolButton *b : window.findChildren<QToolButton *>(QStringLiteral("kioskTick"))) {
        if (b->property("choreId").toString() == choreId)
            return b;
    }
    return nullptr;
}

} // namespace

class TestKiosk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { installTranslations(*qApp); } // English plural forms, as the app has them
    void startsFullScreenWithThePicker();
    void pickingActsAsTheMember();
    void idleMinutesReturnToThePicker();
    void quickAddCreatesACardAsThePickedMember();
    void tickingAChoreCompletesItAsThePickedMember();
    void leavingNeedsAnAdultsPin();
    void thePickerAndLeavingGiveTheDeviceBack();
    void leavingWithoutAnyAdultPinAsks();
    void closingIsRefusedUntilLeaving();
    void shortcutsAreCaught();
    void nightDimsAndATouchWakesForAMinute();
    void bannerGoesAwayAfterAWhileOrWhenTouched();
    void fullDiskWarnsUntilSaved();
    void dashboardFollowsTheModels();
    void settingsSectionWritesTheSettings();
    void nightScheduleRunsOverMidnight();
    void fitsTheScreen_data();
    void fitsTheScreen();
};

void TestKiosk::startsFullScreenWithThePicker()
{
    Kiosk k;
    QVERIFY(k.harness.isValid());
    KioskWindow &w = k.make();
    w.start();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.windowState() & Qt::WindowFullScreen);
    QCOMPARE(w.showing(), KioskWindow::Screen::Picker);
    QVERIFY(w.picker()->isVisible());
    QCOMPARE(w.picker()->memberIds().size(), 3);
    // The clock and date follow the injected clock: 15 March 2026, 10:00.
    QVERIFY2(w.clockText().contains(QLatin1String("10")), qPrintable(w.clockText()));
    QVERIFY2(w.dateText().contains(QLatin1String("15")), qPrintable(w.dateText()));
    k.clock().setNow(QDateTime(QDate(2026, 3, 16), QTime(7, 45)));
    w.checkClock();
    QVERIFY2(w.clockText().contains(QLatin1String("45")), qPrintable(w.clockText()));
    QVERIFY2(w.dateText().contains(QLatin1String("16")), qPrintable(w.dateText()));
}

void TestKiosk::pickingActsAsTheMember()
{
    Kiosk k;
    KioskWindow &w = k.make();
    w.start();
    const QString mia = k.memberId(QStringLiteral("Mia"));
    w.picker()->pick(mia);
    QCOMPARE(w.showing(), KioskWindow::Screen::Dashboard);
    QCOMPARE(w.pickedMemberId(), mia);
    QCOMPARE(k.harness.household.engine().actingMemberId(), mia);
    auto *member = w.findChild<QLabel *>(QStringLiteral("kioskMember"));
    QVERIFY(member->isVisible());
    QVERIFY(member->text().contains(QLatin1String("Mia")));
    // "Switch" asks again.
    auto *switchButton = w.findChild<QPushButton *>(QStringLiteral("kioskSwitch"));
    QVERIFY(switchButton->isVisible());
    QTest::mouseClick(switchButton, Qt::LeftButton);
    QCOMPARE(w.showing(), KioskWindow::Screen::Picker);
}

void TestKiosk::idleMinutesReturnToThePicker()
{
    Kiosk k;
    KioskSettings settings;
    settings.idleMinutes = 3;
    settings.write(k.settings);
    KioskWindow &w = k.make();
    w.start();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.picker()->pick(k.memberId(QStringLiteral("Sam")));
    k.advance(2 * 60);
    QCOMPARE(w.showing(), KioskWindow::Screen::Dashboard);
    // A touch counts as use: the three minutes start again.
    QTest::mouseClick(w.findChild<QLineEdit *>(QStringLiteral("kioskQuickAdd")), Qt::LeftButton);
    k.advance(2 * 60);
    QCOMPARE(w.showing(), KioskWindow::Screen::Dashboard);
    k.advance(60);
    QCOMPARE(w.showing(), KioskWindow::Screen::Picker);
    QVERIFY(w.pickedMemberId().isEmpty());
}

void TestKiosk::quickAddCreatesACardAsThePickedMember()
{
    Kiosk k;
    KioskWindow &w = k.make();
    w.start();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QString sam = k.memberId(QStringLiteral("Sam"));
    w.picker()->pick(sam);
    QSignalSpy changes(&k.harness.household.engine(), &HouseholdEngine::changed);
    const int before = k.harness.data->cards.rowCount();
    auto *field = w.findChild<QLineEdit *>(QStringLiteral("kioskQuickAdd"));
    QVERIFY(field && field->isVisible());
    QTest::mouseClick(field, Qt::LeftButton);
    QTest::keyClicks(field, QStringLiteral("Oat milk"));
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(k.harness.data->cards.rowCount(), before + 1);
    QVERIFY(field->text().isEmpty());
    QCOMPARE(changes.size(), 1);
    const Change change = changes.first().first().value<Change>();
    QCOMPARE(change.collection, Collection::BoardCards);
    QCOMPARE(change.entity.value(QStringLiteral("title")).toString(), QStringLiteral("Oat milk"));
    QCOMPARE(change.userId, sam);
    // The list shows it at once: the kiosk follows the model.
    QTRY_VERIFY(w.dashboard()->sectionText(QStringLiteral("shopping")).contains(QLatin1String("Oat milk")));
}

void TestKiosk::tickingAChoreCompletesItAsThePickedMember()
{
    Kiosk k;
    KioskWindow &w = k.make();
    w.start();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QString mia = k.memberId(QStringLiteral("Mia"));
    w.picker()->pick(mia);
    auto &chores = k.harness.data->model<ChoresModel>(Collection::Chores);
    auto &completions = k.harness.data->model<CompletionsModel>(Collection::ChoreCompletions);
    const QDate today = k.clock().today();
    // Set up by an adult: a chore of Mia's and one of Sam's, every day from today.
    const auto addChore = [&](const QString &title, const QString &assignee) {
        Chore chore;
        chore.title = title;
        chore.repeat = Repeat::Daily;
        chore.startOn = today;
        chore.points = 5;
        chore.assigneeId = assignee;
        return chores.apply(chores.addMutation(chore)).entityId;
    };
    k.harness.household.engine().setActingMemberId(k.memberId(QStringLiteral("Alex")));
    const QString miasChore = addChore(QStringLiteral("Water the plants"), mia);
    const QString someoneElses = addChore(QStringLiteral("Take out the bins"), k.memberId(QStringLiteral("Sam")));
    k.harness.household.engine().setActingMemberId(mia);
    QVERIFY(!miasChore.isEmpty() && !someoneElses.isEmpty());
    // A child ticks her own chores, not an adult's (the role rules of the Chores page).
    QTRY_VERIFY(tickFor(w, someoneElses) != nullptr);
    QVERIFY(!tickFor(w, someoneElses)->isEnabled());
    // Rows are rebuilt as the models and the member change; new ones show on the next turn.
    QTRY_VERIFY(tickFor(w, miasChore) && tickFor(w, miasChore)->isVisible());
    QToolButton *tick = tickFor(w, miasChore);
    QVERIFY2(tick->isEnabled(), qPrintable(tick->toolTip()));
    QVERIFY(tick->width() >= 48 && tick->height() >= 48);
    QSignalSpy changes(&k.harness.household.engine(), &HouseholdEngine::changed);
    QTest::mouseClick(tick, Qt::LeftButton);
    const auto done = completions.liveFor(miasChore, today);
    QVERIFY(done.has_value());
    QCOMPARE(done->memberId, mia);
    QVERIFY(!changes.isEmpty());
    const Change change = changes.first().first().value<Change>();
    QCOMPARE(change.collection, Collection::ChoreCompletions);
    QCOMPARE(change.action, ChangeAction::Created);
    QCOMPARE(change.userId, mia);
    QTRY_VERIFY(tickFor(w, miasChore) && tickFor(w, miasChore)->property("done").toBool());
    QVERIFY(w.dashboard()->errorText().isEmpty());
}

void TestKiosk::leavingNeedsAnAdultsPin()
{
    Kiosk k;
    const QString alex = k.memberId(QStringLiteral("Alex"));
    const QString mia = k.memberId(QStringLiteral("Mia"));
    QVERIFY(k.pins.setPin(alex, QStringLiteral("1234")));
    QVERIFY(k.pins.setPin(mia, QStringLiteral("5678")));
    KioskWindow &w = k.make();
    w.start();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy left(&w, &KioskWindow::left);
    QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("kioskLeave")), Qt::LeftButton);
    QCOMPARE(w.showing(), KioskWindow::Screen::Leaving);
    QCOMPARE(k.harness.confirmer.asked, 0);
    // Only adults are offered; a child's PIN does not open an adult's lock.
    QVERIFY(!w.leavePicker()->memberIds().contains(mia));
    QVERIFY(w.leavePicker()->memberIds().contains(alex));
    w.leavePicker()->pick(alex);
    QVERIFY(w.leavePicker()->showsPinPad());
    PinPad *pad = w.leavePicker()->pinPad();
    QTest::keyClicks(pad, QStringLiteral("5678"));
    QVERIFY(!pad->message().isEmpty());
    QCOMPARE(left.size(), 0);
    QVERIFY(w.isVisible());
    QCOMPARE(w.showing(), KioskWindow::Screen::Leaving);
    // An adult without a PIN lets nothing go either.
    w.leavePicker()->reset();
    w.leavePicker()->pick(k.memberId(QStringLiteral("Sam")));
    QCOMPARE(left.size(), 0);
    QVERIFY(w.leavingNote().contains(QLatin1String("Sam")));
    // Alex's PIN does.
    w.leavePicker()->pick(alex);
    QTest::keyClicks(w.leavePicker()->pinPad(), QStringLiteral("1234"));
    QCOMPARE(left.size(), 1);
    QVERIFY(!w.isVisible());
}

void TestKiosk::thePickerAndLeavingGiveTheDeviceBack()
{
    Kiosk k;
    const QString home = k.harness.household.engine().actingMemberId();
    const QString alex = k.memberId(QStringLiteral("Alex"));
    const QString mia = k.memberId(QStringLiteral("Mia"));
    QVERIFY(k.pins.setPin(alex, QStringLiteral("1234")));
    KioskWindow &w = k.make();
    w.start();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.picker()->pick(mia);
    QCOMPARE(k.harness.household.engine().actingMemberId(), mia);
    // Back at "Who's using Hearth?", nobody picked: the device is its own member again.
    w.showPicker();
    QCOMPARE(k.harness.household.engine().actingMemberId(), home);
    // Mia again, then an adult lets the kiosk go: the window that comes back is not Mia's.
    w.picker()->pick(mia);
    QCOMPARE(k.harness.household.engine().actingMemberId(), mia);
    w.requestLeave();
    w.leavePicker()->pick(alex);
    QTest::keyClicks(w.leavePicker()->pinPad(), QStringLiteral("1234"));
    QTRY_VERIFY(!w.isVisible());
    QCOMPARE(k.harness.household.engine().actingMemberId(), home);
}

void TestKiosk::leavingWithoutAnyAdultPinAsks()
{
    Kiosk k;
    KioskWindow &w = k.make();
    w.start();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy left(&w, &KioskWindow::left);
    k.harness.confirmer.answer = false;
    w.requestLeave();
    QCOMPARE(k.harness.confirmer.asked, 1);
    QVERIFY(k.harness.confirmer.lastQuestion.contains(QLatin1String("No adult has a PIN")));
    QCOMPARE(left.size(), 0);
    QVERIFY(w.isVisible());
    k.harness.confirmer.answer = true;
    w.requestLeave();
    QCOMPARE(left.size(), 1);
    QVERIFY(!w.isVisible());
}

void TestKiosk::closingIsRefusedUntilLeaving()
{
    Kiosk k;
    KioskWindow &w = k.make();
    w.start();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!w.close());
    QVERIFY(w.isVisible());
    k.harness.confirmer.answer = true;
    w.requestLeave(); // no adult has a PIN: confirmed
    QVERIFY(!w.isVisible());
}

void TestKiosk::shortcutsAreCaught()
{
    Kiosk k;
    KioskWindow &w = k.make();
    auto *quit = new QAction(&w);
    quit->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Q), QKeySequence(Qt::CTRL | Qt::Key_W),
                        QKeySequence(Qt::ALT | Qt::Key_F4), QKeySequence(Qt::Key_F11), QKeySequence(Qt::Key_Escape)});
    w.addAction(quit);
    QSignalSpy triggered(quit, &QAction::triggered);
    // Before the kiosk starts, the shortcut works: what follows is not a test that cannot fail.
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTest::keyClick(&w, Qt::Key_Q, Qt::ControlModifier);
    QCOMPARE(triggered.size(), 1);

    w.start();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    const QList<std::pair<Qt::Key, Qt::KeyboardModifiers>> keys = {
        {Qt::Key_Q, Qt::ControlModifier}, {Qt::Key_W, Qt::ControlModifier}, {Qt::Key_F4, Qt::AltModifier},
        {Qt::Key_F11, Qt::NoModifier},    {Qt::Key_Escape, Qt::NoModifier}, {Qt::Key_Tab, Qt::AltModifier},
        {Qt::Key_Meta, Qt::NoModifier},   {Qt::Key_D, Qt::MetaModifier},
    };
    for (const auto &[key, modifiers] : keys)
        QTest::keyClick(&w, key, modifiers);
    QCOMPARE(triggered.size(), 1);
    // Meta+D is two caught presses: QTest presses the Meta key first.
    QCOMPARE(w.caughtShortcuts(), int(keys.size()) + 1);
    QVERIFY(w.isVisible());
    // Ordinary typing still reaches the quick-add field.
    w.picker()->pick(k.memberId(QStringLiteral("Alex")));
    auto *field = w.findChild<QLineEdit *>(QStringLiteral("kioskQuickAdd"));
    field->setFocus();
    QTest::keyClicks(field, QStringLiteral("Tea"));
    QCOMPARE(field->text(), QStringLiteral("Tea"));
    // Whatever takes full screen away, the kiosk takes it back.
    w.setWindowState(Qt::WindowNoState);
    QTRY_VERIFY(w.windowState() & Qt::WindowFullScreen);
}

void TestKiosk::nightDimsAndATouchWakesForAMinute()
{
    Kiosk k;
    KioskSettings settings; // 22:00–06:30
    settings.idleMinutes = 30;
    settings.write(k.settings);
    KioskWindow &w = k.make();
    w.start();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QString alex = k.memberId(QStringLiteral("Alex"));
    w.picker()->pick(alex);
    QVERIFY(!w.isNight());
    QVERIFY(!w.isDimmed());
    const QColor dayWindow = w.palette().color(QPalette::Window);

    k.clock().setNow(QDateTime(k.clock().today(), QTime(22, 5)));
    w.checkClock();
    QVERIFY(w.isNight());
    QVERIFY(w.isDimmed());
    auto *overlay = w.findChild<QWidget *>(QStringLiteral("kioskNightOverlay"));
    QVERIFY(overlay && overlay->isVisible());
    QCOMPARE(overlay->geometry(), w.rect());
    QVERIFY(w.palette().color(QPalette::Window).lightness() < dayWindow.lightness());
    QVERIFY(w.palette().color(QPalette::Window).lightness() < 30);

    // The touch that wakes it does nothing else: not the quick-add under it.
    const int cards = k.harness.data->cards.rowCount();
    QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("kioskQuickAddButton")), Qt::LeftButton);
    QTest::mousePress(overlay, Qt::LeftButton, {}, w.rect().center());
    QTest::mouseRelease(overlay, Qt::LeftButton, {}, w.rect().center());
    QVERIFY(!w.isDimmed());
    QVERIFY(!overlay->isVisible());
    QVERIFY(w.isNight()); // still the dark look
    QCOMPARE(k.harness.data->cards.rowCount(), cards);

    k.advance(KioskWindow::kWakeSeconds - 1);
    QVERIFY(!w.isDimmed());
    k.advance(2);
    QVERIFY(w.isDimmed());
    QVERIFY(overlay->isVisible());
    // A key wakes it as well.
    QTest::keyClick(&w, Qt::Key_Space);
    QVERIFY(!w.isDimmed());

    // Morning.
    k.clock().setNow(QDateTime(k.clock().today().addDays(1), QTime(6, 30)));
    w.checkClock();
    QVERIFY(!w.isNight());
    QVERIFY(!w.isDimmed());
    QCOMPARE(w.palette().color(QPalette::Window), dayWindow);
}

void TestKiosk::bannerGoesAwayAfterAWhileOrWhenTouched()
{
    Kiosk k;
    KioskWindow &w = k.make();
    w.start();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showBanner(QStringLiteral("Milk expires tomorrow"), QStringLiteral("Use it up or freeze it."));
    auto *banner = w.findChild<QWidget *>(QStringLiteral("kioskBanner"));
    QVERIFY(banner->isVisible());
    QVERIFY(w.bannerText().contains(QLatin1String("Milk expires tomorrow")));
    QVERIFY(banner->width() > w.width() / 2);
    k.advance(KioskWindow::kBannerSeconds - 1);
    QVERIFY(!w.bannerText().isEmpty());
    k.advance(2);
    QVERIFY(w.bannerText().isEmpty());

    w.showBanner(QStringLiteral("Budget at 80 %"), QString());
    QVERIFY(banner->isVisible());
    QTest::mouseClick(banner, Qt::LeftButton);
    QVERIFY(!banner->isVisible());
}

// A full disk (a joined kitchen tablet's SD card): a warning at the top counts the edits kept in
// memory as it changes, on every screen and by night too; "Try Again" (touch-sized, by touch or
// key) asks for a save now; there is no Dismiss; it goes once all is saved.
void TestKiosk::fullDiskWarnsUntilSaved()
{
    Kiosk k;
    KioskWindow &w = k.make();
    w.start();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *banner = w.findChild<QWidget *>(QStringLiteral("kioskStorageBanner"));
    QVERIFY(banner && !banner->isVisible());
    QVERIFY(w.storageBannerText().isEmpty());

    k.connection.setStorage(true, 2);
    QVERIFY(banner->isVisible());
    QVERIFY2(w.storageBannerText().contains(QLatin1String("Your disk is full")), qPrintable(w.storageBannerText()));
    QVERIFY2(w.storageBannerText().contains(QLatin1String("2 changes you made are kept in memory")),
             qPrintable(w.storageBannerText()));
    QVERIFY(banner->mapTo(&w, QPoint(0, 0)).y() < w.findChild<QWidget *>(QStringLiteral("kioskClock"))->mapTo(&w, QPoint(0, 0)).y());
    QVERIFY(!banner->findChild<QPushButton *>(QStringLiteral("bannerCloseButton")));

    w.picker()->pick(k.memberId(QStringLiteral("Mia")));
    QCOMPARE(w.showing(), KioskWindow::Screen::Dashboard);
    k.connection.setStorage(true, 3);
    QVERIFY(banner->isVisible());
    QVERIFY2(w.storageBannerText().contains(QLatin1String("3 changes you made")), qPrintable(w.storageBannerText()));
    k.connection.setStorage(true, 1);
    QVERIFY2(w.storageBannerText().contains(QLatin1String("1 change you made is kept")), qPrintable(w.storageBannerText()));

    auto *tryAgain = banner->findChild<QPushButton *>(QStringLiteral("bannerActionButton"));
    QVERIFY(tryAgain && tryAgain->isVisible());
    QCOMPARE(tryAgain->text(), QStringLiteral("Try Again"));
    QVERIFY2(tryAgain->height() >= 48 && tryAgain->width() >= 48, qPrintable(QString::number(tryAgain->height())));
    QTest::mouseClick(tryAgain, Qt::LeftButton);
    QCOMPARE(k.saveHeldCalls, 1);
    tryAgain->setFocus();
    QTest::keyClick(tryAgain, Qt::Key_Space);
    QCOMPARE(k.saveHeldCalls, 2);

    // The kiosk still fits a 600 px tablet with the warning showing.
    QVERIFY2(w.minimumSizeHint().height() <= 600, qPrintable(QString::number(w.minimumSizeHint().height())));

    // Only the host's events held: nothing of this device's to lose, still warned.
    k.connection.setStorage(true, 0);
    QVERIFY2(w.storageBannerText().contains(QLatin1String("Changes from others")), qPrintable(w.storageBannerText()));
    k.connection.setStorage(false, 0);
    QVERIFY(!banner->isVisible());
    QVERIFY(w.storageBannerText().isEmpty());
    QCOMPARE(k.saveHeldCalls, 2);
}

void TestKiosk::dashboardFollowsTheModels()
{
    Kiosk k;
    KioskWindow &w = k.make();
    w.start();
    w.picker()->pick(k.memberId(QStringLiteral("Alex")));
    // A card added elsewhere (another page, another device) shows without anything from the kiosk.
    BoardCard card;
    card.title = QStringLiteral("Lemons");
    const QString column = k.harness.data->columns.ordered().first().id;
    QVERIFY(k.harness.data->cards.apply(k.harness.data->cards.addMutation(column, card)).ok);
    QTRY_VERIFY(w.dashboard()->sectionText(QStringLiteral("shopping")).contains(QLatin1String("Lemons")));
    QVERIFY(!w.dashboard()->sectionText(QStringLiteral("budget")).isEmpty());
    QVERIFY(!w.dashboard()->sectionText(QStringLiteral("goals")).isEmpty());
    QVERIFY(!w.dashboard()->sectionText(QStringLiteral("pantry")).isEmpty());
}

void TestKiosk::settingsSectionWritesTheSettings()
{
    Kiosk k;
    KioskSettingsSection section(k.settings);
    QCOMPARE(KioskSettings::read(k.settings).idleMinutes, KioskSettings::kDefaultIdleMinutes);
    QSignalSpy changed(&section, &KioskSettingsSection::changed);
    section.findChild<QCheckBox *>(QStringLiteral("startInKioskCheck"))->setChecked(true);
    section.findChild<QSpinBox *>(QStringLiteral("idleMinutesSpin"))->setValue(7);
    section.findChild<QTimeEdit *>(QStringLiteral("nightFromEdit"))->setTime(QTime(21, 30));
    section.findChild<QTimeEdit *>(QStringLiteral("nightToEdit"))->setTime(QTime(7, 0));
    QCOMPARE(changed.size(), 4);
    // Nothing is written until Save.
    QVERIFY(!KioskSettings::read(k.settings).startInKiosk);
    section.save();
    const KioskSettings read = KioskSettings::read(k.settings);
    QVERIFY(read.startInKiosk);
    QCOMPARE(read.idleMinutes, 7);
    QCOMPARE(read.nightFrom, QTime(21, 30));
    QCOMPARE(read.nightTo, QTime(7, 0));
    // A kiosk that is told picks them up.
    KioskWindow &w = k.make();
    w.start();
    k.clock().setNow(QDateTime(k.clock().today(), QTime(21, 45)));
    w.reloadSettings();
    QVERIFY(w.isNight());
}

void TestKiosk::nightScheduleRunsOverMidnight()
{
    KioskSettings s;
    QVERIFY(s.isNight(QTime(22, 0)));
    QVERIFY(s.isNight(QTime(3, 0)));
    QVERIFY(!s.isNight(QTime(6, 30)));
    QVERIFY(!s.isNight(QTime(12, 0)));
    s.nightFrom = QTime(1, 0);
    s.nightTo = QTime(5, 0);
    QVERIFY(s.isNight(QTime(2, 0)));
    QVERIFY(!s.isNight(QTime(23, 0)));
    s.nightTo = s.nightFrom;
    QVERIFY(!s.isNight(QTime(1, 0)));
}

void TestKiosk::fitsTheScreen_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("desktop") << QSize(1366, 768);
    QTest::newRow("tablet") << QSize(1024, 600);
}

void TestKiosk::fitsTheScreen()
{
    QFETCH(QSize, size);
    Kiosk k;
    QVERIFY(k.pins.setPin(k.memberId(QStringLiteral("Alex")), QStringLiteral("1234")));
    KioskWindow &w = k.make();
    w.resize(size);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // Every screen (the PIN pads too) fits without making the window larger than the screen, and
    // every touch target is at least 48 px.
    w.picker()->pick(k.memberId(QStringLiteral("Alex"))); // the PIN pad
    QVERIFY(w.picker()->showsPinPad());
    QTest::keyClicks(w.picker()->pinPad(), QStringLiteral("1234"));
    QCOMPARE(w.showing(), KioskWindow::Screen::Dashboard);
    w.requestLeave();
    QCOMPARE(w.showing(), KioskWindow::Screen::Leaving);
    QVERIFY2(w.minimumSizeHint().width() <= size.width() && w.minimumSizeHint().height() <= size.height(),
             qPrintable(QStringLiteral("%1x%2").arg(w.minimumSizeHint().width()).arg(w.minimumSizeHint().height())));
    QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("kioskLeaveCancel")), Qt::LeftButton);
    QCOMPARE(w.showing(), KioskWindow::Screen::Dashboard);
    QTRY_COMPARE(w.size(), size);
    for (const char *name : {"kioskTick", "kioskSwitch", "kioskLeave", "kioskQuickAdd", "kioskQuickAddButton"}) {
        const QList<QWidget *> targets = w.findChildren<QWidget *>(QLatin1String(name));
        QVERIFY2(!targets.isEmpty(), name);
        for (const QWidget *target : targets)
            QVERIFY2(target->height() >= 48 && target->width() >= 48, name);
    }
    // Nothing of the dashboard sticks out of the window sideways (the side column scrolls down).
    for (const QWidget *child : w.dashboard()->findChildren<QWidget *>()) {
        if (!child->isVisible() || child->objectName() != QLatin1String("kioskCard"))
            continue;
        const QRect inWindow(child->mapTo(&w, QPoint(0, 0)), child->size());
        QVERIFY2(inWindow.left() >= 0 && inWindow.right() < w.width(), qPrintable(child->property("section").toString()));
    }
}

QTEST_MAIN(TestKiosk)
#include "tst_kiosk.moc"
