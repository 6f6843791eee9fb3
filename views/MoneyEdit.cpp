#include "MoneyEdit.h"

#include "Money.h"
#include "Theme.h"

#include <QPainter>
#include <QStyle>
#include <QStyleOptionFrame>

namespace hearth {

MoneyEdit::MoneyEdit(QWidget *parent)
    : QLineEdit(parent)
    , m_symbol(Money::currencySymbol(m_currency))
{
    setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    setPlaceholderText(Money::formatPlain(0));
    setInputMethodHints(Qt::ImhFormattedNumbersOnly);
    setMaxLength(24);
    updateMargins();
}

void MoneyEdit::setCurrency(const QString &currencyCode)
{
    if (currencyCode == m_currency)
        return;
    m_currency = currencyCode;
    m_symbol = Money::currencySymbol(currencyCode);
    setAccessibleDescription(tr("Amount in %1").arg(m_currency));
    updateMargins();
    update();
}

std::optional<qint64> MoneyEdit::cents() const
{
    QString t = text();
    t.remove(m_symbol); // someone may type the symbol too: "12,50 €"
    return Money::parse(t);
}

void MoneyEdit::setCents(qint64 cents)
{
    setText(Money::formatPlain(cents));
    setModified(false);
}

QSize MoneyEdit::sizeHint() const
{
    QSize size = QLineEdit::sizeHint();
    size.setWidth(std::max(size.width(), 16 * Theme::kGrid));
    return size;
}

void MoneyEdit::updateMargins()
{
    const int symbolWidth = fontMetrics().horizontalAdvance(m_symbol);
    setTextMargins(0, 0, symbolWidth + Theme::kGrid, 0);
}

void MoneyEdit::paintEvent(QPaintEvent *event)
{
    QLineEdit::paintEvent(event);
    QPainter p(this);
    QStyleOptionFrame option;
    initStyleOption(&option);
    const QRect contents = style()->subElementRect(QStyle::SE_LineEditContents, &option, this);
    QColor color = palette().color(QPalette::Text);
    color.setAlphaF(0.55f);
    p.setPen(color);
    p.drawText(contents.adjusted(0, 0, -Theme::kGrid / 2, 0), Qt::AlignRight | Qt::AlignVCenter, m_symbol);
}

} // namespace hearth
