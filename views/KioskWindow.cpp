#include "KioskWindow.h"

#include "Banner.h"
#include "Clock.h"
#include "Confirmer.h"
#include "ConnectionStatus.h"
#include "Dates.h"
#include "HouseholdData.h"
#include "KioskDashboard.h"
#include "KioskScreenSaver.h"
#include "MemberPicker.h"
#include "MemberPins.h"
#include "Theme.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QLoggingCategory>
#include <QPainter>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace hearth {

Q_LOGGING_CATEGORY(lcKiosk, "hearth.kiosk")

namespace {

constexpr int kTouchHeight = 56;

// The kiosk's own look on top of the app's style sheet: warm and bright by day; by night dark,
// low in contrast and dim, so the counter does not light up the kitchen.
QString kioskStyleSheet(bool night)
{
    struct Colors
    {
        const char *window, *card, *border, *text, *accent, *accentText, *tick, *warning, *warningBorder, *warningText;
    };
    const Colors c = night ? Colors{"#08090b", "#111317", "#1c1f25", "#7d828c", "#2f2b6b", "#8f8cc4", "#3a3f48",
                                    "#1d1012", "#4a2226", "#b07a7e"}
                           : Colors{"#f5f1ea", "#ffffff", "#e7e0d4", "#23211f", "#4f46e5", "#4f46e5", "#c9c2b6",
                                    "#f9dcd5", "#e8a59a", "#991b1b"};
    QString sheet = QStringLiteral(R"(
#kioskWindow, #kioskWindow QStackedWidget > QWidget, #kioskScreenScroll > QWidget > QWidget { background: @window; }
#kioskScroll, #kioskScrollContent { background: transparent; }
#kioskWindow QLabel { color: @text; }
#kioskHeader QLabel, #kioskDashboard QLabel { font-size: 14pt; }
#kioskWindow QLabel#kioskMuted { color: @muted; font-size: 12pt; }
#kioskWindow QLabel#kioskClock { font-size: 54pt; font-weight: 300; }
#kioskWindow QLabel#kioskDate { font-size: 18pt; font-weight: 600; }
#kioskWindow QLabel#kioskHousehold { color: @muted; font-size: 13pt; }
#kioskWindow QLabel#kioskMember { font-size: 15pt; font-weight: 600; }
QFrame#kioskCard { background: @card; border: 1px solid @border; border-radius: 20px; }
#kioskWindow QLabel#kioskCardTitle { font-size: 16pt; font-weight: 700; }
#kioskWindow QLabel#kioskRowTitle { font-size: 14pt; font-weight: 600; }
#kioskWindow QLabel#kioskRowTitle[done="true"] { color: @muted; }
#kioskWindow QLabel#kioskFigure { font-size: 22pt; font-weight: 700; }
#kioskWindow QLabel#kioskError { color: #dc2626; font-weight: 600; }
#kioskWindow QLabel#kioskNote { color: @muted; font-size: 12pt; }
QToolButton#kioskTick { border: 3px solid @tick; border-radius: 30px; font-size: 24pt; font-weight: 700;
                        color: @tick; background: transparent; }
QToolButton#kioskTick:enabled { border-color: @accent; color: @accentText; }
QToolButton#kioskTick[done="true"] { border-color: #16a34a; background: #16a34a; color: white; }
QToolButton#kioskTick:focus { border-width: 4px; }
QToolButton#kioskCardTick { border: 3px solid @accent; border-radius: 24px; font-size: 18pt; font-weight: 700;
                            color: @accentText; background: transparent; }
QFrame#purchaseOffer { background: @window; border: 2px solid #16a34a; border-radius: 16px; }
#kioskWindow QPushButton { min-height: 48px; font-size: 14pt; }
#kioskWindow QLineEdit { font-size: 15pt; padding: 4px 12px; border: 1px solid @border; border-radius: 12px;
                         background: @window; color: @text; }
#kioskWindow QPushButton[primary="true"] { background: @accent; }
#kioskWindow QPushButton[secondary="true"] { background: @card; border-color: @border; color: @text; }
QFrame#kioskStorageBanner { background: @warning; border: 2px solid @warningBorder; border-radius: 20px; }
QFrame#kioskStorageBanner QLabel { background: transparent; color: @text; font-size: 14pt; }
QFrame#kioskStorageBanner QLabel#bannerTitle { color: @warningText; font-size: 18pt; font-weight: 700; }
QFrame#kioskBanner { background: @accent; border-radius: 24px; }
QFrame#kioskBanner QLabel { color: white; }
QFrame#kioskBanner QLabel#kioskBannerTitle { font-size: 24pt; font-weight: 700; }
QFrame#kioskBanner QLabel#kioskBannerBody { font-size: 17pt; }
)");
    sheet.replace(QLatin1String("@warningBorder"), QLatin1String(c.warningBorder));
    sheet.replace(QLatin1String("@warningText"), QLatin1String(c.warningText));
    sheet.replace(QLatin1String("@warning"), QLatin1String(c.warning));
    sheet.replace(QLatin1String("@window"), QLatin1String(c.window));
    sheet.replace(QLatin1String("@card"), QLatin1String(c.card));
    sheet.replace(QLatin1String("@border"), QLatin1String(c.border));
    sheet.replace(QLatin1String("@text"), QLatin1String(c.text));
    sheet.replace(QLatin1String("@muted"), KioskDashboard::mutedColor(night).name());
    sheet.replace(QLatin1String("@accentText"), QLatin1String(c.accentText));
    sheet.replace(QLatin1String("@accent"), QLatin1String(c.accent));
    sheet.replace(QLatin1String("@tick"), QLatin1String(c.tick));
    return sheet;
}

QPalette nightPalette(QPalette palette)
{
    const QColor text(0x7d, 0x82, 0x8c);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(role, text);
    palette.setColor(QPalette::Window, QColor(0x08, 0x09, 0x0b));
    palette.setColor(QPalette::Base, QColor(0x11, 0x13, 0x17));
    palette.setColor(QPalette::Button, QColor(0x11, 0x13, 0x17));
    palette.setColor(QPalette::Midlight, QColor(0x1c, 0x1f, 0x25));
    palette.setColor(QPalette::Mid, QColor(0x2a, 0x2d, 0x33));
    return palette;
}

// The pickers' PIN pad is taller than what a 600 px tablet leaves under the header: it scrolls
// there (by finger) rather than make the window taller than the screen.
QWidget *scrollingScreen(QWidget *screen, QWidget *parent)
{
    QScrollArea *scroll = makeKioskScroll(screen, parent);
    scroll->setObjectName(QStringLiteral("kioskScreenScroll"));
    return scroll;
}

} // namespace

// The night's dimmed cover: nearly black over the dark screen, the time large and faint in the
// middle. A touch on it only wakes the screen; it never reaches the button under it.
class KioskNightOverlay final : public QWidget
{
    Q_OBJECT

public:
    explicit KioskNightOverlay(KioskWindow *kiosk)
        : QWidget(kiosk)
        , m_kiosk(kiosk)
    {
        setObjectName(QStringLiteral("kioskNightOverlay"));
        setAccessibleName(tr("Night: touch to wake"));
        hide();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.fillRect(rect(), QColor(0, 0, 0, 250)); // only a ghost of the dashboard shows through
        QFont big = font();
        big.setPixelSize(std::max(48, height() / 5));
        big.setWeight(QFont::Light);
        p.setFont(big);
        p.setPen(QColor(0x5c, 0x60, 0x69));
        const QRect upper(0, 0, width(), height() / 2 + big.pixelSize() / 3);
        p.drawText(upper, Qt::AlignHCenter | Qt::AlignBottom, m_kiosk->clockText());
        QFont small = font();
        small.setPixelSize(std::max(16, height() / 28));
        p.setFont(small);
        p.setPen(QColor(0x45, 0x49, 0x50));
        const QRect lower(0, upper.bottom() + small.pixelSize(), width(), 3 * small.pixelSize());
        p.drawText(lower, Qt::AlignHCenter | Qt::AlignTop, m_kiosk->dateText() + QLatin1Char('\n') + tr("Touch to wake"));
    }

private:
    KioskWindow *m_kiosk;
};

KioskWindow::KioskWindow(const KioskContext &context, KioskScreenSaver *screenSaver, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_screenSaver(screenSaver)
    , m_settings(KioskSettings::read(context.settings))
    , m_stack(new QStackedWidget(this))
    , m_picker(new MemberPicker(context.data.members, context.pins, m_stack))
    , m_dashboard(new KioskDashboard(context.data, context.history, m_stack))
    , m_leavePicker(new MemberPicker(context.data.members, context.pins))
    , m_leavingNote(new QLabel(this))
    , m_screenSaverNote(new QLabel(this))
    , m_clock(new QLabel(this))
    , m_date(new QLabel(this))
    , m_household(new QLabel(this))
    , m_member(new QLabel(this))
    , m_switch(new QPushButton(tr("Switch"), this))
    , m_leaveButton(new QPushButton(tr("Leave"), this))
    , m_back(new QPushButton(tr("Back"), this))
    , m_overlay(new KioskNightOverlay(this))
    , m_storageBanner(new Banner(QStringLiteral("kioskStorageBanner"), Banner::Dismissable::No, this))
    , m_banner(new QFrame(this))
    , m_bannerTitle(new QLabel(m_banner))
    , m_bannerBody(new QLabel(m_banner))
    , m_clockTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("kioskWindow"));
    setWindowTitle(tr("Hearth"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/hearth.svg")));
    setAttribute(Qt::WA_AcceptTouchEvents);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(3 * Theme::kGrid, 2 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid);
    layout->setSpacing(2 * Theme::kGrid);
    // A full disk: touch-sized, not dismissable; it goes once what is held in memory is saved.
    m_storageBanner->setIconSize(40);
    if (auto *tryAgain = m_storageBanner->findChild<QPushButton *>(QStringLiteral("bannerActionButton")))
        tryAgain->setMinimumSize(2 * kTouchHeight, kTouchHeight);
    connect(m_storageBanner, &Banner::actionTriggered, this, [this] {
        if (m_context.saveHeld)
            m_context.saveHeld();
    });
    connect(&context.connection, &ConnectionStatus::storageChanged, this,
            [this] { showStorageWarning(*m_storageBanner, m_context.connection); });
    showStorageWarning(*m_storageBanner, context.connection);
    layout->addWidget(m_storageBanner);
    layout->addWidget(buildHeader());
    layout->addWidget(m_stack, 1);
    // The screen's size decides, not the content's: a header that is briefly wider while its
    // buttons change must never widen a full-screen window past a 1024 px tablet.
    layout->setSizeConstraint(QLayout::SetNoConstraint);

    m_picker->setTitle(tr("Who's using Hearth?"));
    m_stack->addWidget(scrollingScreen(m_picker, m_stack));
    m_stack->addWidget(m_dashboard);
    m_stack->addWidget(scrollingScreen(buildLeavingScreen(), m_stack));
    connect(m_picker, &MemberPicker::memberChosen, this, &KioskWindow::choose);
    connect(m_leavePicker, &MemberPicker::memberChosen, this, &KioskWindow::adultChosenToLeave);

    m_banner->setObjectName(QStringLiteral("kioskBanner"));
    auto *bannerLayout = new QVBoxLayout(m_banner);
    bannerLayout->setContentsMargins(4 * Theme::kGrid, 3 * Theme::kGrid, 4 * Theme::kGrid, 3 * Theme::kGrid);
    bannerLayout->setSpacing(Theme::kGrid);
    m_bannerTitle->setObjectName(QStringLiteral("kioskBannerTitle"));
    m_bannerBody->setObjectName(QStringLiteral("kioskBannerBody"));
    for (QLabel *label : {m_bannerTitle, m_bannerBody}) {
        label->setWordWrap(true);
        bannerLayout->addWidget(label);
    }
    auto *bannerHint = new QLabel(tr("Touch to close"), m_banner);
    bannerHint->setObjectName(QStringLiteral("kioskBannerHint"));
    bannerLayout->addWidget(bannerHint);
    m_banner->installEventFilter(this);
    m_banner->hide();

    connect(&m_context.data.members, &QAbstractItemModel::dataChanged, this, &KioskWindow::refreshMember);
    connect(&m_context.data.members, &QAbstractItemModel::modelReset, this, &KioskWindow::refreshMember);
    connect(&m_context.data.household, &QAbstractItemModel::dataChanged, this, &KioskWindow::refreshMember);
    connect(&m_context.data.household, &QAbstractItemModel::modelReset, this, &KioskWindow::refreshMember);
    if (m_screenSaver)
        connect(m_screenSaver, &KioskScreenSaver::stateChanged, this, &KioskWindow::refreshScreenSaverNote);

    m_clockTimer->setInterval(1000);
    connect(m_clockTimer, &QTimer::timeout, this, &KioskWindow::checkClock);
    m_lastActivity = m_context.data.clock.now();
    applyLook();
    showPicker();
    checkClock();
    refreshScreenSaverNote();
}

KioskWindow::~KioskWindow()
{
    qApp->removeEventFilter(this);
    if (m_started && m_screenSaver)
        m_screenSaver->uninhibit();
}

QWidget *KioskWindow::buildHeader()
{
    auto *header = new QWidget(this);
    header->setObjectName(QStringLiteral("kioskHeader"));
    auto *row = new QHBoxLayout(header);
    row->setContentsMargins(Theme::kGrid, 0, 0, 0);
    row->setSpacing(3 * Theme::kGrid);
    m_clock->setObjectName(QStringLiteral("kioskClock"));
    row->addWidget(m_clock, 0, Qt::AlignVCenter);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    m_date->setObjectName(QStringLiteral("kioskDate"));
    m_household->setObjectName(QStringLiteral("kioskHousehold"));
    texts->addStretch(1);
    texts->addWidget(m_date);
    texts->addWidget(m_household);
    // On the leaving screen: why a member cannot let it go, and whether the screen saver is held off.
    m_leavingNote->setObjectName(QStringLiteral("kioskError"));
    m_leavingNote->setWordWrap(true);
    m_leavingNote->hide();
    texts->addWidget(m_leavingNote);
    m_screenSaverNote->setObjectName(QStringLiteral("kioskNote"));
    m_screenSaverNote->setWordWrap(true);
    m_screenSaverNote->hide();
    texts->addWidget(m_screenSaverNote);
    texts->addStretch(1);
    row->addLayout(texts, 1);

    m_member->setObjectName(QStringLiteral("kioskMember"));
    m_member->setTextFormat(Qt::RichText);
    row->addWidget(m_member, 0, Qt::AlignVCenter);
    m_switch->setObjectName(QStringLiteral("kioskSwitch"));
    m_switch->setProperty("secondary", true);
    m_switch->setMinimumSize(2 * kTouchHeight, kTouchHeight);
    m_switch->setToolTip(tr("Someone else is using Hearth"));
    connect(m_switch, &QPushButton::clicked, this, &KioskWindow::showPicker);
    row->addWidget(m_switch, 0, Qt::AlignVCenter);
    m_leaveButton->setObjectName(QStringLiteral("kioskLeave"));
    m_leaveButton->setProperty("secondary", true);
    m_leaveButton->setMinimumSize(2 * kTouchHeight, kTouchHeight);
    m_leaveButton->setToolTip(tr("Leave kiosk mode (an adult's PIN)"));
    m_leaveButton->setAccessibleName(tr("Leave kiosk mode"));
    connect(m_leaveButton, &QPushButton::clicked, this, &KioskWindow::requestLeave);
    row->addWidget(m_leaveButton, 0, Qt::AlignVCenter);
    m_back->setObjectName(QStringLiteral("kioskLeaveCancel"));
    m_back->setProperty("secondary", true);
    m_back->setMinimumSize(2 * kTouchHeight, kTouchHeight);
    connect(m_back, &QPushButton::clicked, this, [this] {
        m_stack->setCurrentIndex(m_picked.isEmpty() ? 0 : 1);
        refreshMember();
    });
    row->addWidget(m_back, 0, Qt::AlignVCenter);
    return header;
}

QWidget *KioskWindow::buildLeavingScreen()
{
    m_leavePicker->setParent(m_stack);
    m_leavePicker->setObjectName(QStringLiteral("kioskLeaving"));
    m_leavePicker->setAdultsOnly(true);
    m_leavePicker->setTitle(tr("An adult's PIN to leave kiosk mode"));
    return m_leavePicker;
}

void KioskWindow::start()
{
    if (!m_started) {
        m_started = true;
        qApp->installEventFilter(this);
        m_clockTimer->start();
        if (m_screenSaver)
            m_screenSaver->inhibit(tr("Hearth is showing the household's kitchen screen"));
    }
    // The screen's whole size first: with no window manager (a bare X server on a kiosk box)
    // nobody acts on the full-screen state.
    if (QScreen *screen = this->screen())
        setGeometry(screen->geometry());
    showFullScreen();
    raise();
    activateWindow();
}

bool KioskWindow::isActive() const
{
    return m_started && !m_leaveAuthorised && isVisible();
}

KioskWindow::Screen KioskWindow::showing() const
{
    switch (m_stack->currentIndex()) {
    case 0: return Screen::Picker;
    case 1: return Screen::Dashboard;
    default: return Screen::Leaving;
    }
}

void KioskWindow::showPicker()
{
    m_picker->reset();
    m_stack->setCurrentIndex(0);
    m_picked.clear();
    actAsHome();
    refreshMember();
}

void KioskWindow::actAsHome()
{
    QString error;
    if (m_context.actAs && !m_context.homeMemberId.isEmpty() && !m_context.actAs(m_context.homeMemberId, &error))
        qCWarning(lcKiosk, "cannot go back to the device's own member: %s", qPrintable(error));
}

void KioskWindow::choose(const QString &memberId)
{
    QString error;
    if (m_context.actAs && !m_context.actAs(memberId, &error)) {
        qCWarning(lcKiosk, "cannot act as %s: %s", qPrintable(memberId), qPrintable(error));
        m_picker->setTitle(error);
        return;
    }
    m_picker->setTitle(tr("Who's using Hearth?"));
    m_picked = memberId;
    m_lastActivity = m_context.data.clock.now();
    m_stack->setCurrentIndex(1);
    refreshMember();
    m_switch->setFocus(); // not the quick-add field: no on-screen keyboard until someone asks for it
}

void KioskWindow::refreshMember()
{
    m_household->setText(m_context.data.household.household().name);
    const auto member = m_context.data.members.find(m_picked);
    const bool onDashboard = showing() == Screen::Dashboard && member;
    m_member->setVisible(onDashboard);
    m_switch->setVisible(onDashboard);
    const bool leaving = showing() == Screen::Leaving;
    m_leaveButton->setVisible(!leaving);
    m_back->setVisible(leaving);
    if (!leaving)
        m_leavingNote->hide();
    m_screenSaverNote->setVisible(leaving && !m_screenSaverNote->text().isEmpty());
    if (member) {
        const QColor color = member->color.isEmpty() ? Theme::accent() : QColor(member->color);
        m_member->setText(QStringLiteral("<span style=\"color:%1; font-size:20pt\">●</span>&nbsp;%2")
                              .arg(color.name(), member->name.toHtmlEscaped()));
        m_member->setAccessibleName(tr("Using Hearth: %1").arg(member->name));
    }
}

void KioskWindow::requestLeave()
{
    QStringList adultsWithPin;
    for (const Member &m : m_context.data.members.records()) {
        if (m.role == QLatin1String("adult") && m_context.pins.hasPin(m.id))
            adultsWithPin << m.id;
    }
    if (adultsWithPin.isEmpty()) {
        if (m_context.confirmer.confirm(this, tr("Leave kiosk mode?"),
                                        tr("No adult has a PIN yet, so anyone can leave kiosk mode. Give adults a PIN "
                                           "on the Household page to keep the kitchen screen locked."),
                                        tr("Leave kiosk mode")))
            leave();
        return;
    }
    m_leavePicker->reset();
    m_leavingNote->hide();
    m_stack->setCurrentIndex(2);
    m_lastActivity = m_context.data.clock.now();
    refreshMember();
    refreshScreenSaverNote();
}

void KioskWindow::adultChosenToLeave(const QString &memberId)
{
    // The picker lets anyone without a PIN through at once; leaving takes an adult's PIN.
    const auto member = m_context.data.members.find(memberId);
    if (!member || member->role != QLatin1String("adult") || !m_context.pins.hasPin(memberId)) {
        m_leavingNote->setText(tr("%1 has no PIN. An adult with a PIN can let Hearth leave kiosk mode.")
                                   .arg(member ? member->name : tr("This member")));
        m_leavingNote->show();
        m_leavePicker->reset();
        return;
    }
    leave();
}

QString KioskWindow::leavingNote() const
{
    return m_leavingNote->isHidden() ? QString() : m_leavingNote->text();
}

void KioskWindow::leave()
{
    qCInfo(lcKiosk, "leaving kiosk mode");
    m_leaveAuthorised = true;
    m_picked.clear();
    actAsHome(); // the window that comes back is the device's own member's, not the last picked
    qApp->removeEventFilter(this);
    m_clockTimer->stop();
    if (m_screenSaver)
        m_screenSaver->uninhibit();
    close();
    Q_EMIT left();
}

void KioskWindow::closeEvent(QCloseEvent *event)
{
    if (m_started && !m_leaveAuthorised) {
        qCInfo(lcKiosk, "closing refused: leaving kiosk mode needs an adult's PIN");
        event->ignore();
        return;
    }
    QWidget::closeEvent(event);
}

void KioskWindow::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // Whatever took full screen away (a window manager key, a stray F11), the kiosk takes it back.
    if (event->type() == QEvent::WindowStateChange && isActive() && !(windowState() & Qt::WindowFullScreen))
        QTimer::singleShot(0, this, [this] {
            if (isActive())
                showFullScreen();
        });
}

void KioskWindow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layOutOverlays();
}

void KioskWindow::layOutOverlays()
{
    m_overlay->setGeometry(rect());
    const int bannerWidth = std::min(width() - 8 * Theme::kGrid, 90 * Theme::kGrid);
    m_banner->setFixedWidth(bannerWidth);
    m_banner->adjustSize();
    m_banner->move((width() - bannerWidth) / 2, 3 * Theme::kGrid);
}

bool KioskWindow::isCaughtShortcut(const QKeyEvent *event)
{
    const int key = event->key();
    const Qt::KeyboardModifiers modifiers = event->modifiers();
    if (key == Qt::Key_Meta || key == Qt::Key_Super_L || key == Qt::Key_Super_R || (modifiers & Qt::MetaModifier))
        return true; // the desktop's overview, launchers, window tiling
    if (key == Qt::Key_Escape || key == Qt::Key_F11)
        return true; // leaving full screen
    if ((modifiers & Qt::AltModifier) && (key == Qt::Key_F4 || key == Qt::Key_Tab || key == Qt::Key_Backtab))
        return true; // closing the window, switching windows
    if (modifiers & Qt::ControlModifier) {
        switch (key) {
        case Qt::Key_Q:         // quit
        case Qt::Key_W:         // close
        case Qt::Key_Tab:       // next window or tab
        case Qt::Key_Backtab:
        case Qt::Key_F4:
            return true;
        default:
            break;
        }
    }
    return false;
}

bool KioskWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_banner && event->type() == QEvent::MouseButtonRelease) {
        m_banner->hide();
        return true;
    }
    if (!isActive())
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::ShortcutOverride:
    case QEvent::KeyPress:
    case QEvent::KeyRelease: {
        auto *key = static_cast<QKeyEvent *>(event);
        if (isCaughtShortcut(key)) {
            // Accepting the override keeps any shortcut from firing; the key press goes nowhere.
            key->accept();
            if (event->type() == QEvent::KeyPress && !key->isAutoRepeat()) {
                ++m_caughtShortcuts;
                qCDebug(lcKiosk, "caught %s", qPrintable(QKeySequence(key->keyCombination()).toString()));
            }
            return true;
        }
        if (event->type() == QEvent::KeyPress) {
            if (isDimmed()) {
                wake();
                return true;
            }
            noteActivity();
        }
        break;
    }
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
    case QEvent::Wheel:
        if (isDimmed()) {
            wake();
            return true; // a touch that wakes the screen does nothing else
        }
        noteActivity();
        break;
    case QEvent::MouseButtonRelease:
    case QEvent::TouchEnd:
        if (watched == m_overlay)
            return true;
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void KioskWindow::noteActivity()
{
    m_lastActivity = m_context.data.clock.now();
}

bool KioskWindow::isDimmed() const
{
    return m_night && !(m_awakeUntil.isValid() && m_context.data.clock.now() < m_awakeUntil);
}

void KioskWindow::wake()
{
    m_awakeUntil = m_context.data.clock.now().addSecs(kWakeSeconds);
    m_lastActivity = m_context.data.clock.now();
    m_overlay->hide();
}

void KioskWindow::checkClock()
{
    const QDateTime now = m_context.data.clock.now();
    const QDateTime local = now.toLocalTime();
    m_clock->setText(describeTime(local.time()));
    m_date->setText(QLocale().toString(local.date(), QStringLiteral("dddd d MMMM")));
    if (m_household->text().isEmpty())
        refreshMember();

    setNight(m_settings.isNight(local.time()));
    m_overlay->setVisible(isDimmed());
    if (m_overlay->isVisible()) {
        m_overlay->raise();
        m_overlay->update();
    }

    const bool inUse = showing() != Screen::Picker;
    if (inUse && m_lastActivity.secsTo(now) >= qint64(m_settings.idleMinutes) * 60) {
        qCInfo(lcKiosk, "idle for %d minute(s): asking who is using Hearth", m_settings.idleMinutes);
        showPicker();
    }
    if (m_bannerUntil.isValid() && now >= m_bannerUntil) {
        m_banner->hide();
        m_bannerUntil = QDateTime();
    }
}

void KioskWindow::setNight(bool night)
{
    if (night == m_night)
        return;
    m_night = night;
    if (!night)
        m_awakeUntil = QDateTime();
    applyLook();
}

void KioskWindow::applyLook()
{
    setPalette(m_night ? nightPalette(QApplication::palette()) : QApplication::palette());
    setStyleSheet(kioskStyleSheet(m_night));
    m_dashboard->setNight(m_night);
}

void KioskWindow::reloadSettings()
{
    m_settings = KioskSettings::read(m_context.settings);
    checkClock();
}

QString KioskWindow::clockText() const
{
    return m_clock->text();
}

QString KioskWindow::dateText() const
{
    return m_date->text();
}

void KioskWindow::showBanner(const QString &title, const QString &body)
{
    m_bannerTitle->setText(title);
    m_bannerBody->setText(body);
    m_bannerBody->setVisible(!body.isEmpty());
    m_bannerUntil = m_context.data.clock.now().addSecs(kBannerSeconds);
    layOutOverlays();
    m_banner->show();
    m_banner->raise();
}

QString KioskWindow::storageBannerText() const
{
    return m_storageBanner->shownText();
}

QString KioskWindow::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_bannerTitle->text() + QLatin1Char('\n') + m_bannerBody->text();
}

void KioskWindow::refreshScreenSaverNote()
{
    const QString problem = m_screenSaver ? m_screenSaver->problem() : QString();
    m_screenSaverNote->setText(problem);
    m_screenSaverNote->setVisible(showing() == Screen::Leaving && !problem.isEmpty());
}

} // namespace hearth

#include "KioskWindow.moc"
