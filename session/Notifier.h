#pragma once

#include <QDate>
#include <QObject>
#include <QSet>
#include <QTime>
#include <QTimer>

#include <array>
#include <memory>

class QSettings;

namespace hearth {

class Clock;
struct Change;
class HouseholdData;
class HouseholdSession;

// What this device tells the member using it (its engine's acting member), and when. It watches
// the household's models — live events from other devices arrive there like local edits — and
// decides; it shows nothing itself. Its decisions come out of notification(): the desktop app
// sends them to the freedesktop Notifications service (DesktopNotifications), a kiosk shows them
// as a banner. No widgets, no D-Bus.
//
// Who hears what: pantry items expiring tomorrow (everyone, once a day at the reminder time, or
// once on a later start that day); the month's budget crossing 80 % and 100 % of its limit (adults,
// once a month each, remembered in the settings so a restart does not repeat it); a completion
// waiting for approval and a reward asked for (adults); a redemption fulfilled (its member only);
// an occasion N days before and on the day (everyone, once a year each, never naming a gift); and
// "Someone claimed an item on your list" (the recipient only, where the household's
// gift_taken_shown allows, never who — what the recipient is shown goes through gifts::visibleTo).
// During quiet hours nothing is shown: what was decided is held (in the settings, so a restart
// keeps it) and shown when they end, unless by then it no longer applies — its kind was switched
// off, the member at this device is no longer one it is for, or the pantry items it named have
// gone off — which is logged (hearth.notify) with the reason.
class Notifier final : public QObject
{
    Q_OBJECT

public:
    // MemberNotice: what a household system says to one member (CollectionSpec::noticeFor: "You
    // can start: Set the tables"), told to the member at this device only.
    enum class Kind { ExpiringTomorrow, BudgetThreshold, ApprovalWaiting, RewardRequested, RedemptionFulfilled, OccasionComing, GiftTaken,
                      MemberNotice };
    Q_ENUM(Kind)
    static constexpr int kKindCount = 8;
    static constexpr std::array<Kind, kKindCount> kKinds{Kind::ExpiringTomorrow, Kind::BudgetThreshold, Kind::ApprovalWaiting,
                                                         Kind::RewardRequested, Kind::RedemptionFulfilled, Kind::OccasionComing,
                                                         Kind::GiftTaken, Kind::MemberNotice};
    // The budget shares that are told, as BudgetSummary::percentUsed() counts them.
    static constexpr int kBudgetWarningPercent = 80;
    static constexpr int kBudgetOverPercent = 100;
    // How often the clock is looked at (the reminder time, a new month, the end of quiet hours).
    static constexpr int kCheckIntervalMs = 30'000;

    // The choices in the Settings dialog, kept in the injected QSettings under "notifications/".
    struct Settings
    {
        std::array<bool, kKindCount> enabled{true, true, true, true, true, true, true, true};
        bool quietHours = true;
        QTime quietFrom{22, 0};
        QTime quietTo{7, 0};
        QTime expiryReminderAt{18, 0};
        // Occasions are told this many days before (and on the day), at the reminder time.
        int occasionReminderDays = 7;

        bool isEnabled(Kind kind) const { return enabled[std::size_t(kind)]; }
        void setEnabled(Kind kind, bool on) { enabled[std::size_t(kind)] = on; }
        // Whether `time` falls in the quiet hours (from ≤ time < to, across midnight when from > to).
        bool isQuietAt(const QTime &time) const;

        static Settings load(const QSettings &settings);
        void save(QSettings &settings) const;
    };

    Notifier(const Clock &clock, QSettings &settings, QObject *parent = nullptr);
    ~Notifier() override;

    // The household to watch; nullptr while there is none (the session switching households).
    void setData(HouseholdData *data);
    // Follows a session: its household now and after every switch.
    void follow(HouseholdSession &session);

    // Looks at the clock: the daily expiry reminder, the budget (a new month), and what quiet hours
    // held. A timer calls it every kCheckIntervalMs; tests call it after moving their clock.
    void check();

    // Decided during quiet hours and not shown yet.
    int heldCount() const;

Q_SIGNALS:
    // Something to show the member at this device now.
    void notification(hearth::Notifier::Kind kind, const QString &title, const QString &body);

private:
    enum class Audience { Anyone, Adults, Member };
    struct Decision
    {
        Kind kind = Kind::ExpiringTomorrow;
        QString title;
        QString body;
        Audience audience = Audience::Anyone;
        QString memberId; // Audience::Member
        QDate about;      // ExpiringTomorrow: the day the items expire
        int count = 0;    // ExpiringTomorrow: how many
    };

    void watch();
    void checkExpiring();
    void checkBudget();
    void checkOccasions();
    void onGiftItemChange(const Change &change);
    void onCompletionChange(const Change &change);
    void onRedemptionChange(const Change &change);
    // Any change a household system has a sentence about for the member at this device (noticeFor).
    void onNoticeable(const Change &change);
    void offer(const Decision &decision);
    void releaseHeld();
    // Why `decision` is not for the member at this device now; empty when it is.
    QString whyNotFor(const Decision &decision) const;
    bool actingMemberIsAdult() const;
    QString memberName(const QString &memberId) const;
    QString householdKey(const char *what) const; // what was told and held, per household
    QList<Decision> held() const;
    void setHeld(const QList<Decision> &decisions);

    const Clock &m_clock;
    QSettings &m_settings;
    HouseholdData *m_data = nullptr;
    std::unique_ptr<QObject> m_watching; // the connections to m_data's models; deleting it cuts them
    QSet<QString> m_toldEntities;        // completions and redemptions already told (kind:id)
    QTimer m_timer;
};

} // namespace hearth
