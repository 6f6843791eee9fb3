#include "PinPad.h"

#include "Theme.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>
#include <QVariantAnimation>

#include <cmath>

namespace hearth {

namespace {
constexpr int kKey = 10 * Theme::kGrid; // 80 px: a fingertip with room to spare (48 px at least)
constexpr int kDot = 2 * Theme::kGrid;
} // namespace

// The row of dots: filled for each digit entered; shaken sideways after a wrong PIN.
class PinDots final : public QWidget
{
public:
    explicit PinDots(QWidget *parent)
        : QWidget(parent)
    {
        setFixedHeight(kDot + 2 * Theme::kGrid);
        setMinimumWidth(PinPad::kDigits * 2 * kDot + 4 * Theme::kGrid);
        m_shake.setDuration(450);
        m_shake.setStartValue(0.0);
        m_shake.setEndValue(1.0);
        connect(&m_shake, &QVariantAnimation::valueChanged, this, [this](const QVariant &value) {
            const double t = value.toDouble();
            m_offset = std::sin(t * 6 * M_PI) * 1.5 * Theme::kGrid * (1 - t);
            update();
        });
        connect(&m_shake, &QVariantAnimation::finished, this, [this] {
            m_offset = 0;
            update();
        });
    }
    void setFilled(int filled)
    {
        m_filled = filled;
        update();
    }
    void shake() { m_shake.start(); }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const int step = 2 * kDot;
        const double left = (width() - (PinPad::kDigits - 1) * step - kDot) / 2.0 + m_offset;
        const QColor ink = palette().color(QPalette::WindowText);
        for (int i = 0; i < PinPad::kDigits; ++i) {
            const QRectF dot(left + i * step, (height() - kDot) / 2.0, kDot, kDot);
            p.setPen(QPen(ink, 2));
            p.setBrush(i < m_filled ? QBrush(ink) : Qt::NoBrush);
            p.drawEllipse(dot.adjusted(1, 1, -1, -1));
        }
    }

private:
    QVariantAnimation m_shake;
    double m_offset = 0;
    int m_filled = 0;
};

PinPad::PinPad(QWidget *parent)
    : QWidget(parent)
    , m_prompt(new QLabel(this))
    , m_dots(new PinDots(this))
    , m_message(new QLabel(this))
{
    setFocusPolicy(Qt::StrongFocus);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(Theme::kGrid);
    m_prompt->setObjectName(QStringLiteral("pinPrompt"));
    m_prompt->setAlignment(Qt::AlignCenter);
    m_prompt->setWordWrap(true);
    QFont promptFont = m_prompt->font();
    promptFont.setPointSizeF(promptFont.pointSizeF() * 1.5);
    promptFont.setBold(true);
    m_prompt->setFont(promptFont);
    layout->addWidget(m_prompt);
    layout->addWidget(m_dots, 0, Qt::AlignHCenter);
    m_message->setObjectName(QStringLiteral("pinMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setMinimumHeight(3 * Theme::kGrid);
    layout->addWidget(m_message);

    auto *grid = new QGridLayout;
    grid->setSpacing(Theme::kGrid + Theme::kGrid / 2);
    QFont keyFont = font();
    keyFont.setPointSizeF(keyFont.pointSizeF() * 1.8);
    const auto makeKey = [&](const QString &text, const QString &name) {
        auto *key = new QPushButton(text, this);
        key->setObjectName(name);
        key->setFixedSize(kKey, kKey);
        key->setFont(keyFont);
        key->setFocusPolicy(Qt::NoFocus); // the pad itself takes the keyboard
        key->setAutoRepeat(false);
        m_keys.append(key);
        return key;
    };
    for (int digit = 1; digit <= 10; ++digit) {
        const int value = digit % 10; // 1–9, then 0 in the middle of the last row
        QPushButton *key = makeKey(QString::number(value), QStringLiteral("pinKey%1").arg(value));
        connect(key, &QPushButton::clicked, this, [this, value] { press(value); });
        const int index = digit == 10 ? 10 : digit - 1;
        grid->addWidget(key, index / 3, index % 3);
    }
    QPushButton *back = makeKey(QStringLiteral("⌫"), QStringLiteral("pinBackspace"));
    back->setToolTip(tr("Delete the last digit"));
    back->setAccessibleName(tr("Delete the last digit"));
    connect(back, &QPushButton::clicked, this, &PinPad::backspace);
    grid->addWidget(back, 3, 2);
    layout->addLayout(grid);
    layout->setAlignment(grid, Qt::AlignHCenter);
    // Round keys, as on a phone; the colours are the palette's, so a dark theme follows.
    setStyleSheet(QStringLiteral("QPushButton { border: 1px solid palette(mid); border-radius: %1px; background: palette(base); }"
                                 "QPushButton:pressed { background: palette(midlight); }"
                                 "QPushButton:disabled { color: palette(mid); border-color: palette(midlight); }")
                      .arg(kKey / 2));
}

PinPad::~PinPad() = default;

void PinPad::setPrompt(const QString &text)
{
    m_prompt->setText(text);
}

QString PinPad::prompt() const
{
    return m_prompt->text();
}

QString PinPad::message() const
{
    return m_message->text();
}

void PinPad::clear()
{
    m_pin.clear();
    m_dots->setFilled(0);
    m_message->clear();
    m_lockedOut = false;
    setKeysEnabled(true);
}

void PinPad::showError(const QString &message)
{
    m_pin.clear();
    m_dots->setFilled(0);
    m_dots->shake();
    m_message->setText(message);
}

void PinPad::showLockedOut(std::chrono::seconds left)
{
    m_pin.clear();
    m_dots->setFilled(0);
    m_lockedOut = true;
    setKeysEnabled(false);
    const auto seconds = std::max<qint64>(left.count(), 1);
    m_message->setText(tr("Too many wrong tries. Try again in %1:%2.")
                           .arg(seconds / 60)
                           .arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

bool PinPad::isLockedOut() const
{
    return m_lockedOut;
}

void PinPad::setKeysEnabled(bool on)
{
    for (QPushButton *key : std::as_const(m_keys))
        key->setEnabled(on);
}

void PinPad::press(int digit)
{
    if (isLockedOut() || m_pin.size() >= kDigits)
        return;
    if (m_pin.isEmpty())
        m_message->clear();
    m_pin.append(QChar(u'0' + digit));
    m_dots->setFilled(int(m_pin.size()));
    if (m_pin.size() == kDigits) {
        Q_EMIT entered(std::exchange(m_pin, {}));
        m_dots->setFilled(int(m_pin.size()));
    }
}

void PinPad::backspace()
{
    if (isLockedOut() || m_pin.isEmpty())
        return;
    m_pin.chop(1);
    m_dots->setFilled(int(m_pin.size()));
}

void PinPad::keyPressEvent(QKeyEvent *event)
{
    if (event->key() >= Qt::Key_0 && event->key() <= Qt::Key_9) {
        press(event->key() - Qt::Key_0);
        return;
    }
    if (event->key() == Qt::Key_Backspace) {
        backspace();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace hearth
