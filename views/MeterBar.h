#pragma once

#include <QColor>
#include <QWidget>

namespace hearth {

// A rounded progress bar whose colour carries meaning (green / amber / red), used for budgets
// and goals. Value is in percent and may exceed 100 (the bar stays full).
class MeterBar final : public QWidget
{
    Q_OBJECT

public:
    explicit MeterBar(QWidget *parent = nullptr);

    void setValue(int percent);
    int value() const { return m_percent; }
    void setColor(const QColor &color);
    QColor color() const { return m_color; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int m_percent = 0;
    QColor m_color;
};

} // namespace hearth
