// Notifications end to end, on a D-Bus session bus of the test's own: a dbus-daemon started here
// (PrivateSessionBus), a fake org.freedesktop.Notifications on it that records every Notify call,
// and the Notifier deciding for a real household (a SQLite file in a temporary folder) with a
// clock the test moves. The user's own session bus is never reached: DBUS_SESSION_BUS_ADDRESS
// points at the private bus before anything could open one. (Under tests/gui only for the app's
// English plural forms, which hearth_views carries.)

#include "BudgetModel.h"
#include "DesktopNotifications.h"
#include "HouseholdData.h"
#include "HouseholdSession.h"
#include "Notifier.h"
#include "PantryModel.h"
#include "PairingClient.h"
#include "PrivateSessionBus.h"
#include "SessionTestSupport.h"
#include "TestSupport.h"
#include "Translations.h"
#include "chores/ChoresModels.h"
#include "gifts/GiftsModels.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCall>
#include <QDir>
#include <QLoggingCategory>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

// What a desktop's notification daemon would be, reduced to remembering what it was asked to show.
class FakeNotificationsService final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call
    {
        QString appName;
        QString summary;
        QString body;
    };
    QList<Call> calls;

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon, const QString &summary, const QString &body,
                const QStringList &actions, const QVariantMap &hints, int expireTimeout)
    {
        Q_UNUSED(replacesId)
        Q_UNUSED(appIcon)
        Q_UNUSED(actions)
        Q_UNUSED(hints)
        Q_UNUSED(expireTimeout)
        calls.append({appName, summary, body});
        return uint(calls.size());
    }
    // What a test calls to know that every Notify sent before it has been handled (one connection
    // delivers in order).
    QString GetServerInformation() { return QStringLiteral("fake"); }
};

QDate day(int month, int dayOfMonth)
{
    return QDate(2026, month, dayOfMonth);
}

} // namespace

class tst_Notifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void expiringTomorrowOnceADayAtTheTime();
    void startedAfterTheTimeTellsOnce();
    void budgetThresholdsOncePerMonthEachAndNotAfterRestart();
    void budgetStraightPastTheLimitTellsOnlyThatOnce();
    void childIsNotToldTheBudget();
    void approvalsAndRequestsOnlyToAdults();
    void fulfilledRedemptionOnlyToItsMember();
    void quietHoursHoldAndShowAfter();
    void heldThatNoLongerAppliesIsDropped();
    void switchesAreRespected();
    void noServiceFallsBack();
    void noBusFallsBack();
    void liveEventsFromAnotherDeviceCount();
    void occasionsBeforeAndOnTheDayOnceAYear();
    void occasionRemindersNeverNameAGift();
    void takenToldToTheRecipientOnlyNeverWho();
    void noticesForTheMemberHereOnly();

private:
    AuthoritativeEngine &engine() { return m_home->engine(); }
    QString addMember(const QString &name, const QString &role);
    void spend(qint64 cents);
    QString addChore();
    QString addReward(const QString &name, qint64 cost);
    void givePoints(const QString &memberId, qint64 points);
    void stock(const QString &name, const QDate &expires);
    QString addOccasion(const QString &name, const QDate &date, const QString &repeats = QStringLiteral("yearly"));
    GiftItemsModel &gifts() { return m_data->model<GiftItemsModel>(Collection::GiftItems); }
    // A wish `memberId` puts on their own list, or an idea `by` adds for `memberId`.
    QString addWish(const QString &memberId, const QString &title);
    QString addIdea(const QString &by, const QString &memberId, const QString &title, bool surprise);
    // `memberId` ticks the chore off, or asks for the reward, as if on their own device.
    MutationResult tick(const QString &memberId, const QString &choreId)
    {
        return as(memberId, {{}, Collection::ChoreCompletions, MutationOp::Create, {}, -1, {{QStringLiteral("chore_id"), choreId}}});
    }
    MutationResult ask(const QString &memberId, const QString &rewardId)
    {
        return as(memberId, {{}, Collection::Redemptions, MutationOp::Create, {}, -1, {{QStringLiteral("reward_id"), rewardId}}});
    }
    // Moves the clock and lets the notifier look at it.
    void checkAt(const QDate &date, const QTime &time)
    {
        m_home->clock.setNow(QDateTime(date, time));
        m_notifier->check();
    }
    MutationResult as(const QString &memberId, const Mutation &mutation) { return engine().submitAs(mutation, memberId); }
    void setSetting(const QString &key, const QVariant &value) { m_settings->setValue(key, value); }
    // Starts the notifier as the app would on launch (again: a restart with the same settings file).
    void startNotifier();
    // The titles the notifier has decided on since the last call.
    QStringList takeTold();
    // Whether the fake service was asked to show exactly `count` notifications (waits for them).
    bool serviceReceived(int count);

    PrivateSessionBus *m_bus = nullptr;
    std::unique_ptr<FakeNotificationsService> m_service;
    std::unique_ptr<TempHousehold> m_home;
    std::unique_ptr<HouseholdData> m_data;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<Notifier> m_notifier;
    std::unique_ptr<DesktopNotifications> m_desktop;
    std::unique_ptr<QSignalSpy> m_told;
    QString m_alex; // adult, acting at this device
    QString m_sam;  // adult
    QString m_mia;  // child
    QString m_leo;  // child
};

void tst_Notifier::initTestCase()
{
    installTranslations(*QCoreApplication::instance()); // English plural forms, as the app has them
    // What quiet hours hold and drop is logged (as with --verbose); the tests read the reasons.
    QLoggingCategory::setFilterRules(QStringLiteral("hearth.notify.info=true"));
    static PrivateSessionBus bus;
    m_bus = &bus;
    QVERIFY2(bus.isValid(), qPrintable(bus.error()));
    qputenv("DBUS_SESSION_BUS_ADDRESS", bus.address().toUtf8());
    // The fake service has a connection of its own, as a notification daemon would.
    QDBusConnection serviceBus = QDBusConnection::connectToBus(bus.address(), QStringLiteral("fake-notifications"));
    QVERIFY2(serviceBus.isConnected(), qPrintable(serviceBus.lastError().message()));
    m_service = std::make_unique<FakeNotificationsService>();
    QVERIFY(serviceBus.registerObject(DesktopNotifications::kPath, m_service.get(), QDBusConnection::ExportAllSlots));
    QVERIFY(serviceBus.registerService(DesktopNotifications::kService));
}

void tst_Notifier::init()
{
    m_service->calls.clear();
    m_home = std::make_unique<TempHousehold>();
    QVERIFY2(m_home->isValid(), qPrintable(m_home->error()));
    m_alex = engine().actingMemberId();
    m_sam = addMember(QStringLiteral("Sam"), QStringLiteral("adult"));
    m_mia = addMember(QStringLiteral("Mia"), QStringLiteral("child"));
    m_leo = addMember(QStringLiteral("Leo"), QStringLiteral("child"));
    m_data = std::make_unique<HouseholdData>(engine(), m_home->clock);
    m_data->load();
    m_settings = std::make_unique<QSettings>(m_home->dir() + QStringLiteral("/hearth.ini"), QSettings::IniFormat);
    // Quiet hours stay out of the way unless a test asks for them.
    setSetting(QStringLiteral("notifications/quietHours"), false);
    QDBusConnection appBus = QDBusConnection::connectToBus(m_bus->address(), QStringLiteral("app"));
    QVERIFY(appBus.isConnected());
    m_desktop = std::make_unique<DesktopNotifications>(appBus);
    startNotifier();
}

void tst_Notifier::cleanup()
{
    // Let what this test sent arrive before the next one counts.
    const QDBusPendingCall drained = QDBusConnection(QStringLiteral("app")).asyncCall(QDBusMessage::createMethodCall(
        DesktopNotifications::kService, DesktopNotifications::kPath, DesktopNotifications::kInterface,
        QStringLiteral("GetServerInformation")));
    QVERIFY(QTest::qWaitFor([&] { return drained.isFinished(); }, 5000));
    m_told.reset();
    m_notifier.reset();
    m_desktop.reset();
    m_settings.reset();
    m_data.reset();
    m_home.reset();
    QDBusConnection::disconnectFromBus(QStringLiteral("app"));
}

void tst_Notifier::startNotifier()
{
    m_told.reset();
    m_notifier.reset();
    m_settings->sync();
    m_settings = std::make_unique<QSettings>(m_home->dir() + QStringLiteral("/hearth.ini"), QSettings::IniFormat);
    m_notifier = std::make_unique<Notifier>(m_home->clock, *m_settings);
    m_told = std::make_unique<QSignalSpy>(m_notifier.get(), &Notifier::notification);
    connect(m_notifier.get(), &Notifier::notification, m_desktop.get(),
            [this](Notifier::Kind, const QString &title, const QString &body) { m_desktop->show(title, body); });
    m_notifier->setData(m_data.get());
}

QStringList tst_Notifier::takeTold()
{
    QStringList titles;
    for (const QList<QVariant> &arguments : std::as_const(*m_told))
        titles.append(arguments.at(1).toString() + QStringLiteral(" | ") + arguments.at(2).toString());
    m_told->clear();
    return titles;
}

bool tst_Notifier::serviceReceived(int count)
{
    return QTest::qWaitFor([&] { return m_service->calls.size() >= count; }, 5000) && m_service->calls.size() == count;
}

QString tst_Notifier::addMember(const QString &name, const QString &role)
{
    const MutationResult r = engine().submit(
        {{}, Collection::Members, MutationOp::Create, {}, -1, {{QStringLiteral("name"), name}, {QStringLiteral("role"), role}}});
    if (!r.ok)
        qWarning("addMember: %s", qPrintable(r.error.message));
    return r.entityId;
}

void tst_Notifier::spend(qint64 cents)
{
    BudgetTransaction transaction;
    transaction.occurredOn = m_home->clock.today();
    transaction.description = QStringLiteral("Groceries");
    transaction.amountCents = cents;
    transaction.memberId = m_alex;
    const MutationResult r = m_data->budget.apply(m_data->budget.addMutation(transaction));
    QVERIFY2(r.ok, qPrintable(r.error.message));
}

QString tst_Notifier::addChore()
{
    const MutationResult r = engine().submit({{}, Collection::Chores, MutationOp::Create, {}, -1,
                                              {{QStringLiteral("title"), QStringLiteral("Feed the cat")},
                                               {QStringLiteral("points"), 5},
                                               {QStringLiteral("repeat"), QStringLiteral("daily")},
                                               {QStringLiteral("start_on"), m_home->clock.today().addDays(-7).toString(Qt::ISODate)}}});
    if (!r.ok)
        qWarning("addChore: %s", qPrintable(r.error.message));
    return r.entityId;
}

QString tst_Notifier::addReward(const QString &name, qint64 cost)
{
    auto &rewards = m_data->model<RewardsModel>(Collection::Rewards);
    return rewards.apply(rewards.addMutation(name, cost)).entityId;
}

void tst_Notifier::givePoints(const QString &memberId, qint64 points)
{
    auto &wallet = m_data->model<WalletModel>(Collection::WalletEntries);
    QVERIFY(wallet.apply(wallet.adjustMutation(memberId, points, QStringLiteral("Birthday"))).ok);
}

void tst_Notifier::stock(const QString &name, const QDate &expires)
{
    PantryItem item;
    item.name = name;
    item.quantity = 1;
    item.expiresOn = expires;
    QVERIFY(m_data->pantry.apply(m_data->pantry.addMutation(item)).ok);
}

QString tst_Notifier::addOccasion(const QString &name, const QDate &date, const QString &repeats)
{
    Occasion occasion;
    occasion.name = name;
    occasion.kind = QStringLiteral("birthday");
    occasion.date = date;
    occasion.repeats = repeats;
    occasion.budgetCents = 5000;
    auto &occasions = m_data->model<OccasionsModel>(Collection::Occasions);
    const MutationResult r = occasions.apply(occasions.addMutation(occasion));
    if (!r.ok)
        qWarning("addOccasion: %s", qPrintable(r.error.message));
    return r.entityId;
}

QString tst_Notifier::addWish(const QString &memberId, const QString &title)
{
    GiftItem item;
    item.title = title;
    item.forMemberId = memberId;
    item.price = 2500;
    const MutationResult r = as(memberId, gifts().addWishMutation(item));
    if (!r.ok)
        qWarning("addWish: %s", qPrintable(r.error.message));
    return r.entityId;
}

QString tst_Notifier::addIdea(const QString &by, const QString &memberId, const QString &title, bool surprise)
{
    GiftItem item;
    item.title = title;
    item.forMemberId = memberId;
    item.surprise = surprise;
    item.price = 9900;
    const MutationResult r = as(by, gifts().addIdeaMutation(item));
    if (!r.ok)
        qWarning("addIdea: %s", qPrintable(r.error.message));
    return r.entityId;
}

void tst_Notifier::expiringTomorrowOnceADayAtTheTime()
{
    setSetting(QStringLiteral("notifications/expiryReminderAt"), QStringLiteral("18:00"));
    stock(QStringLiteral("Milk"), day(3, 16));
    stock(QStringLiteral("Yoghurt"), day(3, 16));
    stock(QStringLiteral("Rice"), day(3, 20));
    checkAt(day(3, 15), QTime(17, 59));
    QCOMPARE(takeTold(), QStringList());

    checkAt(day(3, 15), QTime(18, 0));
    QCOMPARE(takeTold(), QStringList{QStringLiteral("Expiring tomorrow: 2 pantry items | Milk, Yoghurt")});
    QVERIFY(serviceReceived(1));
    QCOMPARE(m_service->calls.at(0).appName, QStringLiteral("Hearth"));
    QCOMPARE(m_service->calls.at(0).summary, QStringLiteral("Expiring tomorrow: 2 pantry items"));
    QCOMPARE(m_service->calls.at(0).body, QStringLiteral("Milk, Yoghurt"));

    // Once a day: not again that evening, not on a restart.
    checkAt(day(3, 15), QTime(21, 0));
    startNotifier();
    QCOMPARE(takeTold(), QStringList());

    // The next day at the time, about the next day's.
    stock(QStringLiteral("Cream"), day(3, 17));
    checkAt(day(3, 16), QTime(12, 0));
    QCOMPARE(takeTold(), QStringList());
    checkAt(day(3, 16), QTime(18, 1));
    QCOMPARE(takeTold(), QStringList{QStringLiteral("Expiring tomorrow: 1 pantry item | Cream")});
    QVERIFY(serviceReceived(2));
}

void tst_Notifier::startedAfterTheTimeTellsOnce()
{
    stock(QStringLiteral("Bread"), day(3, 16));
    m_home->clock.setNow(QDateTime(day(3, 15), QTime(20, 30))); // the app starts at 20:30
    startNotifier();
    QCOMPARE(takeTold(), QStringList{QStringLiteral("Expiring tomorrow: 1 pantry item | Bread")});
    startNotifier();
    m_notifier->check();
    QCOMPARE(takeTold(), QStringList());
}

void tst_Notifier::budgetThresholdsOncePerMonthEachAndNotAfterRestart()
{
    QCOMPARE(m_data->household.household().budgetLimitCents, 60000);
    spend(47000); // 78 %
    QCOMPARE(takeTold(), QStringList());
    spend(1000); // 80 %
    const QStringList warning = takeTold();
    QCOMPARE(warning.size(), 1);
    QVERIFY2(warning.first().startsWith(QLatin1String("80 % of this month's budget is spent |")), qPrintable(warning.first()));
    QVERIFY(serviceReceived(1));
    spend(1000);
    QCOMPARE(takeTold(), QStringList());
    startNotifier(); // a restart does not repeat it
    QCOMPARE(takeTold(), QStringList());

    spend(11000); // 101 %
    const QStringList over = takeTold();
    QCOMPARE(over.size(), 1);
    QVERIFY2(over.first().startsWith(QLatin1String("This month's budget is used up |")), qPrintable(over.first()));
    QVERIFY(serviceReceived(2));
    spend(500);
    startNotifier();
    m_notifier->check();
    QCOMPARE(takeTold(), QStringList());

    // A new month starts afresh.
    checkAt(day(4, 1), QTime(9, 0));
    QCOMPARE(takeTold(), QStringList());
    spend(50000);
    QCOMPARE(takeTold().size(), 1);
}

void tst_Notifier::budgetStraightPastTheLimitTellsOnlyThatOnce()
{
    spend(70000);
    const QStringList told = takeTold();
    QCOMPARE(told.size(), 1);
    QVERIFY2(told.first().startsWith(QLatin1String("This month's budget is used up |")), qPrintable(told.first()));
}

void tst_Notifier::childIsNotToldTheBudget()
{
    engine().setActingMemberId(m_mia); // the kiosk picked Mia
    spend(50000);
    spend(20000);
    QCOMPARE(takeTold(), QStringList());
    // An adult picking the device later that month hears it (once).
    engine().setActingMemberId(m_alex);
    QCOMPARE(takeTold().size(), 1);
    engine().setActingMemberId(m_sam);
    QCOMPARE(takeTold(), QStringList());
}

void tst_Notifier::approvalsAndRequestsOnlyToAdults()
{
    const QString chore = addChore();
    const QString iceCream = addReward(QStringLiteral("Ice cream"), 20);
    givePoints(m_mia, 50);
    givePoints(m_leo, 50);

    // An adult here hears about a child's tick on another device, and a request.
    QVERIFY(tick(m_mia, chore).ok);
    QVERIFY(ask(m_mia, iceCream).ok);
    QCOMPARE(takeTold(), (QStringList{QStringLiteral("Waiting for your approval | Mia ticked off Feed the cat."),
                                      QStringLiteral("A reward was asked for | Mia asked for Ice cream (20 points).")}));
    QVERIFY(serviceReceived(2));
    QCOMPARE(m_service->calls.at(0).summary, QStringLiteral("Waiting for your approval"));

    // A child at this device does not.
    engine().setActingMemberId(m_mia);
    takeTold();
    m_home->clock.setNow(QDateTime(day(3, 16), QTime(10, 0)));
    QVERIFY(tick(m_leo, chore).ok);
    QVERIFY(ask(m_leo, iceCream).ok);
    QCOMPARE(takeTold(), QStringList());
}

void tst_Notifier::fulfilledRedemptionOnlyToItsMember()
{
    const QString iceCream = addReward(QStringLiteral("Ice cream"), 20);
    givePoints(m_mia, 50);
    givePoints(m_leo, 50);
    engine().setActingMemberId(m_mia); // the kiosk picked Mia
    const MutationResult mias = ask(m_mia, iceCream);
    const MutationResult leos = ask(m_leo, iceCream);
    QVERIFY(mias.ok && leos.ok);
    QCOMPARE(takeTold(), QStringList()); // requests are for adults

    const auto &redemptions = m_data->model<RedemptionsModel>(Collection::Redemptions);
    QVERIFY(as(m_sam, redemptions.fulfilMutation(leos.entityId)).ok);
    QCOMPARE(takeTold(), QStringList()); // Leo's, not Mia's
    QVERIFY(as(m_sam, redemptions.fulfilMutation(mias.entityId)).ok);
    QCOMPARE(takeTold(), QStringList{QStringLiteral("Your reward is ready | Sam gave you Ice cream.")});
    QVERIFY(serviceReceived(1));

    // Not to an adult at the device either.
    engine().setActingMemberId(m_alex);
    const MutationResult again = ask(m_mia, iceCream);
    QVERIFY(again.ok);
    takeTold(); // the request itself
    QVERIFY(as(m_sam, redemptions.fulfilMutation(again.entityId)).ok);
    QCOMPARE(takeTold(), QStringList());
}

void tst_Notifier::quietHoursHoldAndShowAfter()
{
    setSetting(QStringLiteral("notifications/quietHours"), true);
    setSetting(QStringLiteral("notifications/quietFrom"), QStringLiteral("22:00"));
    setSetting(QStringLiteral("notifications/quietTo"), QStringLiteral("06:30"));
    const QString chore = addChore();
    m_home->clock.setNow(QDateTime(day(3, 15), QTime(23, 10)));
    QVERIFY(tick(m_mia, chore).ok);
    spend(50000);
    QCOMPARE(takeTold(), QStringList());
    QCOMPARE(m_notifier->heldCount(), 2);

    // Held across a restart, still quiet at 06:29, shown at 06:30.
    startNotifier();
    QCOMPARE(m_notifier->heldCount(), 2);
    checkAt(day(3, 16), QTime(6, 29));
    QCOMPARE(takeTold(), QStringList());
    checkAt(day(3, 16), QTime(6, 30));
    const QStringList told = takeTold();
    QCOMPARE(told.size(), 2);
    QCOMPARE(told.first(), QStringLiteral("Waiting for your approval | Mia ticked off Feed the cat."));
    QVERIFY(told.last().startsWith(QLatin1String("80 % of this month's budget is spent |")));
    QCOMPARE(m_notifier->heldCount(), 0);
    QVERIFY(serviceReceived(2));
    m_notifier->check();
    QCOMPARE(takeTold(), QStringList()); // shown once
}

void tst_Notifier::heldThatNoLongerAppliesIsDropped()
{
    setSetting(QStringLiteral("notifications/quietHours"), true);
    const QString chore = addChore();
    stock(QStringLiteral("Milk"), day(3, 16));
    setSetting(QStringLiteral("notifications/expiryReminderAt"), QStringLiteral("22:30"));
    checkAt(day(3, 15), QTime(23, 0));
    QVERIFY(tick(m_mia, chore).ok);
    QCOMPARE(m_notifier->heldCount(), 2);

    // In the morning a child is at the device: the approval is not for her; the milk's day has come.
    engine().setActingMemberId(m_mia);
    m_home->clock.setNow(QDateTime(day(3, 16), QTime(7, 0)));
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("not shown.*for adults only")));
    m_notifier->check();
    QCOMPARE(takeTold(), QStringList{QStringLiteral("Expiring today: 1 pantry item | Milk")});
    QCOMPARE(m_notifier->heldCount(), 0);
}

void tst_Notifier::switchesAreRespected()
{
    setSetting(QStringLiteral("notifications/approvals"), false);
    setSetting(QStringLiteral("notifications/budget"), false);
    setSetting(QStringLiteral("notifications/expiring"), false);
    const QString chore = addChore();
    stock(QStringLiteral("Milk"), day(3, 16));
    checkAt(day(3, 15), QTime(19, 0));
    spend(70000);
    QVERIFY(tick(m_mia, chore).ok);
    QCOMPARE(takeTold(), QStringList());

    // The kinds left on still speak, and switching one back on tells what is true now.
    const QString iceCream = addReward(QStringLiteral("Ice cream"), 20);
    givePoints(m_mia, 50);
    QVERIFY(ask(m_mia, iceCream).ok);
    QCOMPARE(takeTold().size(), 1);
    setSetting(QStringLiteral("notifications/expiring"), true);
    m_notifier->check();
    QCOMPARE(takeTold(), QStringList{QStringLiteral("Expiring tomorrow: 1 pantry item | Milk")});
}

void tst_Notifier::noServiceFallsBack()
{
    // The same private bus with nothing owning org.freedesktop.Notifications.
    QDBusConnection serviceBus(QStringLiteral("fake-notifications"));
    QVERIFY(serviceBus.unregisterService(DesktopNotifications::kService));
    QSignalSpy unavailable(m_desktop.get(), &DesktopNotifications::unavailable);
    QSignalSpy shown(m_desktop.get(), &DesktopNotifications::shown);
    spend(70000);
    QVERIFY(unavailable.wait(5000));
    QCOMPARE(unavailable.at(0).at(0).toString(), QStringLiteral("This month's budget is used up"));
    QVERIFY(unavailable.at(0).at(1).toString().contains(QLatin1String("700.00")));
    QCOMPARE(shown.size(), 0);
    QCOMPARE(m_service->calls.size(), 0);
    QVERIFY(serviceBus.registerService(DesktopNotifications::kService));
}

void tst_Notifier::noBusFallsBack()
{
    const QDBusConnection nowhere = QDBusConnection::connectToBus(QStringLiteral("unix:path=%1/no-bus").arg(m_home->dir()),
                                                                  QStringLiteral("nowhere"));
    QVERIFY(!nowhere.isConnected());
    DesktopNotifications desktop(nowhere);
    QSignalSpy unavailable(&desktop, &DesktopNotifications::unavailable);
    desktop.show(QStringLiteral("Title"), QStringLiteral("Body"));
    QVERIFY(unavailable.wait(5000));
    QCOMPARE(unavailable.at(0).at(0).toString(), QStringLiteral("Title"));
    QDBusConnection::disconnectFromBus(QStringLiteral("nowhere"));
}

namespace {

// One copy of the app without a window: its data folder, store, session, settings and notifier.
struct Device
{
    explicit Device(const QString &owner)
    {
        QString error;
        store = Store::open(QDir(dir.path()).filePath(QStringLiteral("hearth.db")), &error);
        session = std::make_unique<HouseholdSession>(*store, clock, test::sessionOptions(dir.path(), owner));
        settings = std::make_unique<QSettings>(dir.filePath(QStringLiteral("hearth.ini")), QSettings::IniFormat);
        settings->setValue(QStringLiteral("notifications/quietHours"), false);
        notifier = std::make_unique<Notifier>(clock, *settings);
        QObject::connect(notifier.get(), &Notifier::notification, notifier.get(),
                         [this](Notifier::Kind, const QString &title, const QString &) { told.append(title); });
    }

    QTemporaryDir dir;
    test::FakeClock clock{QDateTime::currentDateTime()}; // real time: the sign-in tokens are checked against it
    std::unique_ptr<Store> store;
    std::unique_ptr<HouseholdSession> session;
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<Notifier> notifier;
    QStringList told;
};

} // namespace

void tst_Notifier::liveEventsFromAnotherDeviceCount()
{
    // Alex hosts; Mia's tablet joins as a child over a real socket on loopback.
    Device host(QStringLiteral("Alex"));
    Device tablet(QStringLiteral("Mia"));
    QString error;
    QVERIFY2(host.session->open(&error) && tablet.session->open(&error), qPrintable(error));
    host.session->start();
    tablet.session->start();
    QVERIFY2(host.session->startHosting(0, &error, QHostAddress::LocalHost), qPrintable(error));
    const QString code = host.session->createInviteCode(&error, QStringLiteral("child"));
    QVERIFY2(!code.isEmpty(), qPrintable(error));
    const auto url = PairingClient::hostUrlFromAddress(QStringLiteral("127.0.0.1:%1").arg(host.session->hostPort()), &error);
    QVERIFY2(url, qPrintable(error));
    PairingClient client;
    std::optional<PairingClient::Result> paired;
    connect(&client, &PairingClient::paired, this, [&](const PairingClient::Result &result) { paired = result; });
    connect(&client, &PairingClient::hostSeen, this, [&client] { client.confirm(); });
    client.start(*url, {code, QStringLiteral("Mia"), QStringLiteral("Kitchen tablet"), QString()});
    QTRY_VERIFY_WITH_TIMEOUT(paired.has_value(), 10000);
    host.notifier->follow(*host.session);
    tablet.notifier->follow(*tablet.session); // and then the switch to the household it joins
    QVERIFY2(tablet.session->join(*paired, &error), qPrintable(error));
    QTRY_COMPARE(host.session->membersOnline(), 1);

    const QString chore = host.session->data().model<ChoresModel>(Collection::Chores)
                              .create({{QStringLiteral("title"), QStringLiteral("Feed the cat")},
                                       {QStringLiteral("points"), 5},
                                       {QStringLiteral("repeat"), QStringLiteral("daily")},
                                       {QStringLiteral("start_on"), host.clock.today().addDays(-1).toString(Qt::ISODate)}})
                              .entityId;
    QTRY_VERIFY(tablet.session->data().model<ChoresModel>(Collection::Chores).find(chore).has_value());

    // Mia ticks it on the tablet: Alex, at the host, is asked to approve.
    auto &completions = tablet.session->data().model<CompletionsModel>(Collection::ChoreCompletions);
    const QString mia = tablet.session->engine().actingMemberId();
    QVERIFY(completions.apply(completions.tickMutation(chore, mia, tablet.clock.today())).ok);
    QTRY_COMPARE(host.told, QStringList{QStringLiteral("Waiting for your approval")});

    // Alex spends past 80 %: his copy tells him; the child's tablet, which receives it live, does not.
    BudgetTransaction shopping;
    shopping.occurredOn = host.clock.today();
    shopping.description = QStringLiteral("Big shop");
    shopping.amountCents = 55000;
    shopping.memberId = host.session->engine().actingMemberId();
    BudgetModel &budget = host.session->data().budget;
    QVERIFY(budget.apply(budget.addMutation(shopping)).ok);
    QCOMPARE(host.told.size(), 2);
    QTRY_COMPARE(tablet.session->data().budget.rowCount(), host.session->data().budget.rowCount());
    QCOMPARE(tablet.told, QStringList());
}


void tst_Notifier::occasionsBeforeAndOnTheDayOnceAYear()
{
    // Default: 7 days before and on the day, at the reminder time.
    setSetting(QStringLiteral("notifications/expiryReminderAt"), QStringLiteral("18:00"));
    addOccasion(QStringLiteral("Grandma's birthday"), QDate(1950, 3, 22));
    checkAt(day(3, 14), QTime(19, 0)); // 8 days before
    QCOMPARE(takeTold(), QStringList());
    checkAt(day(3, 15), QTime(17, 59));
    QCOMPARE(takeTold(), QStringList());
    checkAt(day(3, 15), QTime(18, 0));
    QStringList told = takeTold();
    QCOMPARE(told.size(), 1);
    QVERIFY2(told.first().startsWith(QLatin1String("Grandma's birthday in 7 days | Grandma's birthday is on ")), qPrintable(told.first()));
    QVERIFY(serviceReceived(1));

    // Once: not later that week, not after a restart.
    checkAt(day(3, 16), QTime(18, 0));
    startNotifier();
    checkAt(day(3, 21), QTime(20, 0));
    QCOMPARE(takeTold(), QStringList());

    checkAt(day(3, 22), QTime(18, 5));
    QCOMPARE(takeTold(), QStringList{QStringLiteral("Today: Grandma's birthday | Grandma's birthday is today.")});
    checkAt(day(3, 22), QTime(21, 0));
    QCOMPARE(takeTold(), QStringList());

    // Next year again; a one-off that has passed never.
    addOccasion(QStringLiteral("Housewarming"), day(3, 25), QStringLiteral("once"));
    told = takeTold(); // added within its days: told at once
    QCOMPARE(told.size(), 1);
    QVERIFY2(told.first().startsWith(QLatin1String("Housewarming in 3 days |")), qPrintable(told.first()));
    checkAt(QDate(2027, 3, 15), QTime(18, 0));
    told = takeTold();
    QCOMPARE(told.size(), 1);
    QVERIFY2(told.first().startsWith(QLatin1String("Grandma's birthday in 7 days |")), qPrintable(told.first()));

    // The number of days is the device's setting; switched off, nothing.
    setSetting(QStringLiteral("notifications/occasionDays"), 2);
    addOccasion(QStringLiteral("Anniversary"), QDate(2000, 4, 10));
    checkAt(QDate(2027, 4, 7), QTime(18, 0));
    QCOMPARE(takeTold(), QStringList());
    checkAt(QDate(2027, 4, 8), QTime(18, 0));
    QCOMPARE(takeTold().size(), 1);
    setSetting(QStringLiteral("notifications/occasions"), false);
    checkAt(QDate(2027, 4, 10), QTime(18, 0));
    QCOMPARE(takeTold(), QStringList());
}

void tst_Notifier::occasionRemindersNeverNameAGift()
{
    const QString birthday = addOccasion(QStringLiteral("Alex's birthday"), QDate(1990, 3, 20));
    // Sam plans a surprise for Alex, the member at this device, for that day.
    GiftItem item;
    item.title = QStringLiteral("Secret telescope");
    item.forMemberId = m_alex;
    item.surprise = true;
    item.occasionId = birthday;
    item.price = 24900;
    QVERIFY(as(m_sam, gifts().addIdeaMutation(item)).ok);
    QVERIFY(as(m_sam, gifts().claimMutation(gifts().records().first().id)).ok);
    checkAt(day(3, 15), QTime(18, 0));
    checkAt(day(3, 20), QTime(18, 0));
    const QStringList told = takeTold();
    QCOMPARE(told.size(), 2);
    for (const QString &line : told) {
        QVERIFY2(!line.contains(QLatin1String("telescope")) && !line.contains(QLatin1String("249")) && !line.contains(QLatin1String("Sam")),
                 qPrintable(line));
        QVERIFY2(!line.contains(QLatin1String("claimed")), qPrintable(line));
    }
}

void tst_Notifier::takenToldToTheRecipientOnlyNeverWho()
{
    const QString jo = addMember(QStringLiteral("Jo"), QStringLiteral("adult"));
    const QString kite = addWish(m_alex, QStringLiteral("Kite"));
    const QString surprise = addIdea(jo, m_alex, QStringLiteral("Pottery class"), true);
    const QString forSam = addWish(m_sam, QStringLiteral("Socks"));
    QVERIFY(!kite.isEmpty() && !surprise.isEmpty() && !forSam.isEmpty());
    QCOMPARE(takeTold(), QStringList());

    // Sam claims Alex's kite: Alex, at this device, hears that it was taken, not by whom.
    QVERIFY(as(m_sam, gifts().claimMutation(kite)).ok);
    QCOMPARE(takeTold(), QStringList{QStringLiteral("Someone claimed an item on your list | Kite")});
    QVERIFY(serviceReceived(1));
    QVERIFY(!m_service->calls.at(0).body.contains(QLatin1String("Sam")));
    // Moving it further is nothing new to Alex.
    QVERIFY(as(m_sam, gifts().moveMutation(kite, QStringLiteral("bought"))).ok);
    QCOMPARE(takeTold(), QStringList());

    // A claimed surprise for Alex and a claim on someone else's list: not a word.
    QVERIFY(as(m_sam, gifts().claimMutation(surprise)).ok);
    QVERIFY(as(jo, gifts().claimMutation(forSam)).ok);
    QCOMPARE(takeTold(), QStringList());

    // Where the household does not show "taken", claims are not told either.
    QVERIFY(engine().submit(Mutation{{}, Collection::Household, MutationOp::Update, engine().householdId(), -1,
                                     {{QStringLiteral("gift_taken_shown"), false}}}).ok);
    const QString book = addWish(m_alex, QStringLiteral("Book"));
    QVERIFY(as(m_sam, gifts().claimMutation(book)).ok);
    QCOMPARE(takeTold(), QStringList());
}

void tst_Notifier::noticesForTheMemberHereOnly()
{
    // What a system says to one member (noticeFor) is told to the member at this device only,
    // also when it follows from their own change (the host enabling the next task).
    const MutationResult bbq = as(m_alex, {{}, Collection::EventPlans, MutationOp::Create, {}, -1,
                                           {{QStringLiteral("name"), QStringLiteral("BBQ")}, {QStringLiteral("date"), QStringLiteral("2026-03-21")}}});
    QVERIFY(bbq.ok);
    const auto task = [this, &bbq](const char *title, const QString &assignee, const QJsonArray &dependsOn) {
        return as(m_alex, {{}, Collection::EventTasks, MutationOp::Create, {}, -1,
                           {{QStringLiteral("event_id"), bbq.entityId}, {QStringLiteral("title"), QString::fromUtf8(title)},
                            {QStringLiteral("assignee_id"), assignee}, {QStringLiteral("depends_on"), dependsOn}}})
            .entityId;
    };
    const QString chairs = task("Borrow chairs", m_alex, {});
    task("Set the tables", m_alex, {chairs});
    const QString charcoal = task("Buy charcoal", m_alex, {});
    task("Light the grill", m_sam, {charcoal});
    takeTold();
    const auto done = [this](const QString &id) {
        return as(m_alex, {{}, Collection::EventTasks, MutationOp::Update, id, -1, {{QStringLiteral("status"), QStringLiteral("done")}}}).ok;
    };
    QVERIFY(done(chairs));
    QCOMPARE(takeTold(), QStringList{QStringLiteral("You can start: Set the tables | ")});
    QVERIFY(serviceReceived(1));
    QVERIFY(done(charcoal));
    QCOMPARE(takeTold(), QStringList()); // Sam's task: not for Alex, at this device

    setSetting(QStringLiteral("notifications/memberNotices"), false);
    QVERIFY(as(m_alex, {{}, Collection::EventTasks, MutationOp::Update, chairs, -1, {{QStringLiteral("status"), QStringLiteral("todo")}}}).ok);
    QVERIFY(done(chairs));
    QCOMPARE(takeTold(), QStringList());
}

QTEST_MAIN(tst_Notifier)
#include "tst_notifier.moc"
