#pragma once

#include "KioskSettings.h"

#include <QDateTime>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QSettings;
class QStackedWidget;
class QTimer;

namespace hearth {

class Banner;
class Confirmer;
class ConnectionStatus;
class EditHistory;
class HouseholdData;
class KioskDashboard;
class KioskNightOverlay;
class KioskScreenSaver;
class MemberPicker;
class MemberPins;

// What the kiosk is made with. `actAs` switches the member this device's edits are made as
// (HouseholdSession::actAs in the app); false with *error when that member may not be used here.
// `homeMemberId` is who the device is while nobody is picked and after leaving (the device's own
// member): the last person picked must not stay in charge of the window. `connection` tells of a
// full disk (the warning at the top) and `saveHeld` is its "Try Again": save what is held in memory
// now (HouseholdSession::saveHeldWrites in the app).
struct KioskContext
{
    HouseholdData &data;
    EditHistory &history;
    Confirmer &confirmer;
    QSettings &settings;
    MemberPins &pins;
    ConnectionStatus &connection;
    std::function<bool(const QString &memberId, QString *error)> actAs;
    QString homeMemberId = {};
    std::function<void()> saveHeld = {};
};

// Hearth as a kitchen-counter display (`hearth --kiosk`): full screen with no menu bar, a large
// clock and date from the household's Clock, "Who's using Hearth?" at the start and after a few
// idle minutes, then the standing dashboard (KioskDashboard) used as the picked member, whose name
// and colour stay at the top with a Switch button. While it shows, shortcuts that would leave the
// app or change windows are swallowed (an application event filter), closing is refused, and the
// screen saver is held off (KioskScreenSaver); only an adult's PIN lets it go (left()). At night
// (KioskSettings) it turns dark and a dimmed overlay covers it; a touch, click or key wakes it for
// a minute. While the disk is full (ConnectionStatus::isStorageFull()) a warning stays at the top
// with the count of edits kept in memory and "Try Again", until they are saved. Everything timed
// follows the Clock, read once a second (checkClock()).
class KioskWindow final : public QWidget
{
    Q_OBJECT

public:
    // How long a touch wakes the night screen for, and how long a banner stays.
    static constexpr int kWakeSeconds = 60;
    static constexpr int kBannerSeconds = 20;

    // `screenSaver` may be null (nothing is inhibited); the window does not own it.
    KioskWindow(const KioskContext &context, KioskScreenSaver *screenSaver, QWidget *parent = nullptr);
    ~KioskWindow() override;

    // Full screen, the screen saver held off, "Who's using Hearth?" showing.
    void start();

    // A notice in large type across the screen, gone after kBannerSeconds or when touched
    // (notifications show here in kiosk mode).
    void showBanner(const QString &title, const QString &body);
    QString bannerText() const; // empty while none shows
    // The full-disk warning at the top; empty while the disk is not full.
    QString storageBannerText() const;

    // Reads the settings again (after the Settings dialog changed them).
    void reloadSettings();
    // Follows the clock: the time shown, idle → picker, night, the banner's end. Once a second.
    void checkClock();

    // Where the kiosk is, for tests and accessibility.
    enum class Screen { Picker, Dashboard, Leaving };
    Screen showing() const;
    QString pickedMemberId() const { return m_picked; }
    bool isNight() const { return m_night; }   // the dark look
    bool isDimmed() const;                     // the overlay covers the screen
    // Shortcuts swallowed so far (Ctrl+Q, Alt+F4, Alt+Tab, …).
    int caughtShortcuts() const { return m_caughtShortcuts; }
    QString clockText() const;
    QString dateText() const;
    // Why leaving needs what it needs, or what went wrong (the leaving screen's note).
    QString leavingNote() const;

    KioskDashboard *dashboard() const { return m_dashboard; }
    MemberPicker *picker() const { return m_picker; }
    MemberPicker *leavePicker() const { return m_leavePicker; }

    // Asks for an adult's PIN (or, when no adult has one, confirms) and leaves when given.
    void requestLeave();
    void showPicker();
    // As a touch on the night screen: undimmed for kWakeSeconds.
    void wake();

Q_SIGNALS:
    // An adult let the kiosk go: it closed, and the screen saver may run again.
    void left();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QWidget *buildHeader();
    QWidget *buildLeavingScreen();
    void choose(const QString &memberId);
    void adultChosenToLeave(const QString &memberId);
    void leave();
    void actAsHome();
    void noteActivity();
    void setNight(bool night);
    void applyLook();
    void refreshMember();
    void refreshScreenSaverNote();
    void layOutOverlays();
    bool isActive() const;
    static bool isCaughtShortcut(const QKeyEvent *event);

    KioskContext m_context;
    KioskScreenSaver *m_screenSaver;
    KioskSettings m_settings;
    QStackedWidget *m_stack;
    MemberPicker *m_picker;
    KioskDashboard *m_dashboard;
    MemberPicker *m_leavePicker;
    QLabel *m_leavingNote;
    QLabel *m_screenSaverNote;
    QLabel *m_clock;
    QLabel *m_date;
    QLabel *m_household;
    QLabel *m_member;
    QPushButton *m_switch;
    QPushButton *m_leaveButton;
    QPushButton *m_back;
    KioskNightOverlay *m_overlay;
    Banner *m_storageBanner;
    QWidget *m_banner;
    QLabel *m_bannerTitle;
    QLabel *m_bannerBody;
    QTimer *m_clockTimer;
    QString m_picked;
    QDateTime m_lastActivity;
    QDateTime m_awakeUntil;
    QDateTime m_bannerUntil;
    bool m_night = false;
    bool m_started = false;
    bool m_leaveAuthorised = false;
    int m_caughtShortcuts = 0;
};

} // namespace hearth
