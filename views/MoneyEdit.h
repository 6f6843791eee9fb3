#pragma once

#include <QLineEdit>

#include <optional>

namespace hearth {

// A line edit for an amount of money. The text is parsed with Money::parse (integer cents, the
// locale's separators or '.'), never through floating point; the currency symbol is drawn inside
// the field, after the number.
class MoneyEdit final : public QLineEdit
{
    Q_OBJECT

public:
    explicit MoneyEdit(QWidget *parent = nullptr);

    void setCurrency(const QString &currencyCode);
    QString currency() const { return m_currency; }

    // The amount typed, or nothing when the text is not an amount (empty counts as not an amount).
    std::optional<qint64> cents() const;
    void setCents(qint64 cents);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void updateMargins();

    QString m_currency = QStringLiteral("EUR");
    QString m_symbol;
};

} // namespace hearth
