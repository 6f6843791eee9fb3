#include "MemberPicker.h"

#include "HouseholdModel.h"
#include "MemberPins.h"
#include "Permissions.h"
#include "PinPad.h"
#include "Theme.h"

#include <QAbstractButton>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace hearth {

namespace {
constexpr int kTile = 20 * Theme::kGrid; // 160 px: easy to hit standing in front of the screen
constexpr int kTileSpacing = 2 * Theme::kGrid;

// "Mia" → "M", "Anna Lee" → "AL".
QString initialsOf(const QString &name)
{
    const QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString initials;
    for (qsizetype i = 0; i < words.size() && initials.size() < 2; ++i)
        initials.append(words.at(i).at(0).toUpper());
    return initials;
}
} // namespace

// One member: a rounded square in their colour, a circle with their initials, their name under
// it, and a small padlock when they have a PIN.
class MemberTile final : public QAbstractButton
{
public:
    MemberTile(const Member &member, bool hasPin, QWidget *parent)
        : QAbstractButton(parent)
        , m_member(member)
        , m_hasPin(hasPin)
    {
        setObjectName(QStringLiteral("memberTile"));
        setProperty("memberId", member.id);
        setFixedSize(kTile, kTile);
        setCursor(Qt::PointingHandCursor);
        setText(member.name);
        setAccessibleName(hasPin ? MemberPicker::tr("%1 (PIN)").arg(member.name) : member.name);
    }
    QString memberId() const { return m_member.id; }
    bool hasPin() const { return m_hasPin; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        QColor colour(m_member.color);
        if (!colour.isValid())
            colour = Theme::accent();
        if (isDown())
            colour = colour.darker(115);
        const QRectF tile = QRectF(rect()).adjusted(2, 2, -2, -2);
        p.setPen(hasFocus() ? QPen(Theme::focusRing(), 3) : Qt::NoPen);
        p.setBrush(colour);
        p.drawRoundedRect(tile, 2 * Theme::kGrid, 2 * Theme::kGrid);

        const qreal d = tile.width() * 0.5;
        const QRectF avatar(tile.center().x() - d / 2, tile.top() + 2.5 * Theme::kGrid, d, d);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255, 56));
        p.drawEllipse(avatar);
        p.setPen(Qt::white);
        QFont big = font();
        big.setBold(true);
        big.setPixelSize(int(d * 0.42));
        p.setFont(big);
        p.drawText(avatar, Qt::AlignCenter, initialsOf(m_member.name));

        QFont nameFont = font();
        nameFont.setBold(true);
        nameFont.setPixelSize(18);
        p.setFont(nameFont);
        const QRectF nameRect(tile.left() + Theme::kGrid, avatar.bottom() + Theme::kGrid, tile.width() - 2 * Theme::kGrid,
                              tile.bottom() - avatar.bottom() - 2 * Theme::kGrid);
        p.drawText(nameRect, Qt::AlignHCenter | Qt::AlignTop,
                   QFontMetrics(nameFont).elidedText(m_member.name, Qt::ElideRight, int(nameRect.width())));

        if (m_hasPin) {
            // A padlock at the top right: a PIN will be asked for.
            const QRectF body(tile.right() - 3.5 * Theme::kGrid, tile.top() + 2.5 * Theme::kGrid, 2 * Theme::kGrid,
                              1.5 * Theme::kGrid);
            const QRectF shackle(body.left() + 3.5, body.top() - 0.9 * Theme::kGrid, body.width() - 7, 1.8 * Theme::kGrid);
            p.setPen(QPen(Qt::white, 2.5));
            p.setBrush(Qt::NoBrush);
            p.drawArc(shackle, 0, 180 * 16);
            p.setPen(Qt::NoPen);
            p.setBrush(Qt::white);
            p.drawRoundedRect(body, 3, 3);
        }
    }

private:
    Member m_member;
    bool m_hasPin;
};

MemberPicker::MemberPicker(MembersModel &members, MemberPins &pins, QWidget *parent)
    : QWidget(parent)
    , m_members(members)
    , m_pins(pins)
    , m_stack(new QStackedWidget(this))
    , m_title(new QLabel(tr("Who's using Hearth?"), this))
    , m_tileArea(new QWidget(this))
    , m_grid(new QGridLayout(m_tileArea))
    , m_pad(new PinPad(this))
    , m_lockTimer(new QTimer(this))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    // The tiles, under a large question; they scroll down in a household too big for the screen.
    auto *tilesPage = new QWidget(m_stack);
    auto *tilesLayout = new QVBoxLayout(tilesPage);
    tilesLayout->setContentsMargins(4 * Theme::kGrid, 4 * Theme::kGrid, 4 * Theme::kGrid, 4 * Theme::kGrid);
    tilesLayout->setSpacing(4 * Theme::kGrid);
    m_title->setObjectName(QStringLiteral("pickerTitle"));
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPixelSize(36);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    tilesLayout->addWidget(m_title);
    auto *scroll = new QScrollArea(tilesPage);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(m_tileArea);
    m_tileArea->setAutoFillBackground(false);
    scroll->viewport()->setAutoFillBackground(false);
    m_grid->setSpacing(kTileSpacing);
    m_grid->setContentsMargins(0, 0, 0, 0);
    tilesLayout->addWidget(scroll, 1); // the grid's empty rows centre the tiles in it
    m_stack->addWidget(tilesPage);

    // The PIN pad, with a way back to the tiles.
    auto *padPage = new QWidget(m_stack);
    auto *padLayout = new QVBoxLayout(padPage);
    padLayout->setContentsMargins(4 * Theme::kGrid, 2 * Theme::kGrid, 4 * Theme::kGrid, 2 * Theme::kGrid);
    padLayout->addStretch(1);
    padLayout->addWidget(m_pad, 0, Qt::AlignHCenter);
    QPushButton *back = Theme::makeSecondaryButton(tr("Someone else"), padPage);
    back->setObjectName(QStringLiteral("pickerBack"));
    back->setMinimumSize(20 * Theme::kGrid, 6 * Theme::kGrid);
    padLayout->addWidget(back, 0, Qt::AlignHCenter);
    padLayout->addStretch(1);
    m_stack->addWidget(padPage);
    connect(back, &QPushButton::clicked, this, &MemberPicker::reset);
    connect(m_pad, &PinPad::entered, this, &MemberPicker::checkPin);
    // Asked of MemberPins each second rather than counted here: its clock is the one that decides.
    m_lockTimer->setInterval(1000);
    connect(m_lockTimer, &QTimer::timeout, this, &MemberPicker::refreshLockOut);

    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&m_members, signal, this, &MemberPicker::rebuild);
    connect(&m_members, &QAbstractItemModel::modelReset, this, &MemberPicker::rebuild);
    connect(&m_members, &QAbstractItemModel::dataChanged, this, &MemberPicker::rebuild);
    connect(&m_pins, &MemberPins::changed, this, &MemberPicker::rebuild);
    rebuild();
}

MemberPicker::~MemberPicker() = default;

void MemberPicker::setTitle(const QString &title)
{
    m_title->setText(title);
}

QString MemberPicker::title() const
{
    return m_title->text();
}

void MemberPicker::setAdultsOnly(bool on)
{
    m_adultsOnly = on;
    rebuild();
}

void MemberPicker::reset()
{
    m_pending.clear();
    m_lockTimer->stop();
    m_pad->clear();
    m_stack->setCurrentIndex(0);
}

bool MemberPicker::showsPinPad() const
{
    return m_stack->currentIndex() == 1;
}

QStringList MemberPicker::memberIds() const
{
    QStringList ids;
    for (const MemberTile *tile : m_tiles)
        ids << tile->memberId();
    return ids;
}

QAbstractButton *MemberPicker::tileFor(const QString &memberId) const
{
    for (MemberTile *tile : m_tiles)
        if (tile->memberId() == memberId)
            return tile;
    return nullptr;
}

void MemberPicker::rebuild()
{
    // Later, not now: this may run while a tile is still inside its own click.
    for (MemberTile *tile : std::exchange(m_tiles, {})) {
        m_grid->removeWidget(tile);
        tile->hide();
        tile->deleteLater();
    }
    for (const Member &member : m_members.records()) {
        if (m_adultsOnly && member.role == Permissions::kChild)
            continue;
        auto *tile = new MemberTile(member, m_pins.hasPin(member.id), m_tileArea);
        connect(tile, &QAbstractButton::clicked, this, [this, id = member.id] { pick(id); });
        m_tiles.append(tile);
    }
    m_columns = 0;
    layoutTiles();
    // Someone whose PIN was being asked for is gone, or no longer has one to ask.
    if (showsPinPad() && !tileFor(m_pending))
        reset();
}

void MemberPicker::layoutTiles()
{
    // The picker's own width less the page's margins: the scroll area's is not settled yet on a resize.
    const int available = width() - 8 * Theme::kGrid - style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    const int columns = std::clamp((available + kTileSpacing) / (kTile + kTileSpacing), 1, std::max(1, int(m_tiles.size())));
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (MemberTile *tile : std::as_const(m_tiles))
        m_grid->removeWidget(tile);
    for (int c = 0; c < m_grid->columnCount(); ++c)
        m_grid->setColumnStretch(c, 0);
    for (int r = 0; r < m_grid->rowCount(); ++r)
        m_grid->setRowStretch(r, 0);
    // Centred both ways: stretchable empty rows and columns around the tiles.
    for (int i = 0; i < m_tiles.size(); ++i)
        m_grid->addWidget(m_tiles.at(i), 1 + i / columns, 1 + i % columns);
    m_grid->setColumnStretch(0, 1);
    m_grid->setColumnStretch(columns + 1, 1);
    m_grid->setRowStretch(0, 1);
    m_grid->setRowStretch(2 + int((m_tiles.size() - 1) / columns), 1);
}

void MemberPicker::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutTiles();
}

void MemberPicker::pick(const QString &memberId)
{
    const QAbstractButton *tile = tileFor(memberId);
    if (!tile)
        return;
    if (!m_pins.hasPin(memberId)) {
        reset();
        Q_EMIT memberChosen(memberId);
        return;
    }
    m_pending = memberId;
    m_pad->clear();
    m_pad->setPrompt(tr("%1, enter your PIN").arg(tile->text()));
    m_stack->setCurrentIndex(1);
    m_pad->setFocus();
    refreshLockOut();
}

void MemberPicker::refreshLockOut()
{
    const auto locked = m_pins.lockedFor(m_pending);
    if (locked.count() > 0) {
        m_pad->showLockedOut(locked);
        m_lockTimer->start();
    } else if (m_pad->isLockedOut() || m_lockTimer->isActive()) {
        m_lockTimer->stop();
        m_pad->clear();
    }
}

void MemberPicker::checkPin(const QString &pin)
{
    const QString memberId = m_pending;
    switch (m_pins.check(memberId, pin)) {
    case MemberPins::PinCheck::Accepted:
    case MemberPins::PinCheck::NoPin: // removed meanwhile: nothing left to ask
        reset();
        Q_EMIT memberChosen(memberId);
        return;
    case MemberPins::PinCheck::Wrong:
    case MemberPins::PinCheck::LockedOut:
        break;
    }
    if (m_pins.lockedFor(memberId).count() > 0) {
        refreshLockOut();
        return;
    }
    const int left = m_pins.attemptsLeft(memberId);
    m_pad->showError(tr("That is not the right PIN. %n attempt(s) left.", nullptr, left));
}

} // namespace hearth
