#include "QrCode.h"

#include "JoinLink.h"

#include "Theme.h"

#include <QPainter>
#include <QUrl>
#include <QUrlQuery>

#include <qrencode.h>

#include <memory>

namespace hearth {

namespace QrCode {

QImage modules(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    if (utf8.isEmpty())
        return {};
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code)
        return {};
    const int width = code->width;
    const int side = width + 2 * kQuietZone;
    QImage image(side, side, QImage::Format_Mono);
    image.setColorTable({qRgb(255, 255, 255), qRgb(0, 0, 0)});
    image.fill(0);
    for (int y = 0; y < width; ++y)
        for (int x = 0; x < width; ++x)
            if (code->data[y * width + x] & 1) // bit 0: dark module
                image.setPixel(x + kQuietZone, y + kQuietZone, 1);
    return image;
}

QImage image(const QString &text, int moduleSize)
{
    const QImage one = modules(text);
    if (one.isNull() || moduleSize < 1)
        return one;
    return one.scaled(one.size() * moduleSize, Qt::IgnoreAspectRatio, Qt::FastTransformation);
}

QString joinLink(const QString &hostAddress, const QString &code, const QString &fingerprint)
{
    return JoinLink{hostAddress, code, fingerprint}.toString();
}

} // namespace QrCode

QrCodeWidget::QrCodeWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void QrCodeWidget::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_modules = QrCode::modules(text);
    setAccessibleName(text.isEmpty() ? QString() : tr("QR code to join the household"));
    updateGeometry();
    update();
}

QSize QrCodeWidget::sizeHint() const
{
    return {24 * Theme::kGrid, 24 * Theme::kGrid};
}

QSize QrCodeWidget::minimumSizeHint() const
{
    return {16 * Theme::kGrid, 16 * Theme::kGrid};
}

QImage QrCodeWidget::image(int side) const
{
    if (m_modules.isNull())
        return {};
    if (side <= 0)
        side = std::min(width(), height());
    const int scale = std::max(1, side / m_modules.width());
    return m_modules.scaled(m_modules.size() * scale, Qt::IgnoreAspectRatio, Qt::FastTransformation);
}

void QrCodeWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const int side = std::min(width(), height());
    const QRect square((width() - side) / 2, (height() - side) / 2, side, side);
    if (m_modules.isNull()) {
        painter.setPen(QPen(Theme::mutedText(this), 1, Qt::DashLine));
        painter.drawRoundedRect(square.adjusted(0, 0, -1, -1), Theme::kGrid, Theme::kGrid);
        return;
    }
    // A white tile with rounded corners (the quiet zone), the symbol centred on whole pixels.
    const QImage symbol = image(side);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::white);
    painter.drawRoundedRect(square, Theme::kGrid, Theme::kGrid);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.drawImage(QPoint(square.x() + (side - symbol.width()) / 2, square.y() + (side - symbol.height()) / 2), symbol);
}

} // namespace hearth
