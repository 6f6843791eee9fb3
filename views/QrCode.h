#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

namespace hearth {

// QR codes for invites, drawn crisply: every module a whole number of pixels, black on white
// whatever the palette (scanners want contrast), with the four-module quiet zone around it.
namespace QrCode {

inline constexpr int kQuietZone = 4; // modules of white around the symbol, as the standard asks

// The modules of `text` (byte mode, error correction M): one pixel per module, quiet zone
// included, Format_Mono; a null image when the text does not fit a QR code.
QImage modules(const QString &text);
// The same, each module `moduleSize` pixels wide.
QImage image(const QString &text, int moduleSize);

// The invite link (JoinLink): hearth://join?host=192.168.1.20:8765&code=ABCD2345&fp=<SHA-256 hex>
QString joinLink(const QString &hostAddress, const QString &code, const QString &fingerprint);

} // namespace QrCode

// Shows a QR code as large as fits, scaled by a whole number so no module blurs.
class QrCodeWidget final : public QWidget
{
    Q_OBJECT

public:
    explicit QrCodeWidget(QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }
    // The symbol as drawn at `side` pixels (or the widget's size when 0): for tests and pictures.
    QImage image(int side = 0) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
    QImage m_modules;
};

} // namespace hearth
