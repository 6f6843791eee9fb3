#include "MeterBar.h"

#include "Theme.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace hearth {

MeterBar::MeterBar(QWidget *parent)
    : QWidget(parent)
    , m_color(Theme::fine())
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Progress"));
}

void MeterBar::setValue(int percent)
{
    if (percent == m_percent)
        return;
    m_percent = percent;
    setAccessibleDescription(tr("%1 percent").arg(percent));
    update();
}

void MeterBar::setColor(const QColor &color)
{
    if (color == m_color)
        return;
    m_color = color;
    update();
}

QSize MeterBar::sizeHint() const
{
    return {160, Theme::kGrid + 2};
}

QSize MeterBar::minimumSizeHint() const
{
    return {40, Theme::kGrid + 2};
}

void MeterBar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF track = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    const qreal radius = track.height() / 2;
    QColor trackColor = palette().color(QPalette::WindowText);
    trackColor.setAlphaF(0.10f);
    p.setPen(Qt::NoPen);
    p.setBrush(trackColor);
    p.drawRoundedRect(track, radius, radius);
    const qreal fraction = std::clamp(m_percent, 0, 100) / 100.0;
    if (fraction <= 0)
        return;
    QRectF fill = track;
    fill.setWidth(std::max(track.height(), track.width() * fraction));
    p.setBrush(m_color);
    p.drawRoundedRect(fill, radius, radius);
}

} // namespace hearth
