#include "PantryDelegate.h"

#include "Theme.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace hearth {

namespace {

constexpr int kCellPadding = 8;  // left and right of every cell's text
constexpr int kChipPadding = 10; // left and right inside the chip
constexpr int kDot = 8;
constexpr int kDotGap = 6;

} // namespace

PantryDelegate::PantryDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QColor PantryDelegate::statusColor(PantryModel::ExpiryState state)
{
    switch (state) {
    case PantryModel::ExpiryState::Expired: return Theme::danger();
    case PantryModel::ExpiryState::Soon: return Theme::warning();
    case PantryModel::ExpiryState::Fresh:
    case PantryModel::ExpiryState::None: break;
    }
    return {};
}

QString PantryDelegate::lowText(const QString &amount)
{
    return tr("low · %1").arg(amount);
}

void PantryDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    // Whole rows are selected, so a focus frame around one cell is only noise.
    opt.state &= ~QStyle::State_HasFocus;
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background and selection
    // A hairline between rows guides the eye across a wide table.
    QColor line = opt.palette.color(QPalette::Mid);
    line.setAlphaF(0.35f);
    painter->fillRect(QRect(opt.rect.left(), opt.rect.bottom(), opt.rect.width(), 1), line);
    if (text.isEmpty())
        return;

    const QRect area = opt.rect.adjusted(kCellPadding, 0, -kCellPadding, 0);
    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    const bool dark = Theme::isDark(widget);
    const int column = index.column();
    // Expiry in its status colour; an amount below the item's minimum as a "low" chip (a card for
    // it is on the shopping list).
    const bool low = column == PantryModel::Quantity && index.data(PantryModel::LowRole).toBool();
    const QColor status = column == PantryModel::ExpiresOn
        ? statusColor(index.data(PantryModel::ExpiryStateRole).value<PantryModel::ExpiryState>())
        : low ? Theme::warning() : QColor();

    painter->save();
    if (!status.isValid()) {
        // Plain text: the name and amount in full colour, where and when quieter.
        const bool quiet = column == PantryModel::Category || column == PantryModel::Location
            || column == PantryModel::ExpiresOn;
        const QColor color = selected ? opt.palette.color(QPalette::HighlightedText)
                                      : quiet ? Theme::mutedText(widget) : opt.palette.color(QPalette::Text);
        const Qt::Alignment horizontal = opt.displayAlignment & Qt::AlignHorizontal_Mask;
        painter->setFont(opt.font);
        painter->setPen(color);
        painter->drawText(area, int(horizontal ? horizontal : Qt::AlignLeft) | Qt::AlignVCenter,
                          QFontMetrics(opt.font).elidedText(text, Qt::ElideRight, area.width()));
        painter->restore();
        return;
    }

    // A soft chip: tinted background, a dot and the text in the status colour.
    QFont font = opt.font;
    font.setWeight(QFont::DemiBold);
    const QFontMetrics fm(font);
    const int height = std::min(area.height() - 4, fm.height() + 8);
    const int maxTextWidth = std::max(0, area.width() - 2 * kChipPadding - kDot - kDotGap);
    const QString shown = fm.elidedText(low ? lowText(text) : text, Qt::ElideRight, maxTextWidth);
    const int width = 2 * kChipPadding + kDot + kDotGap + fm.horizontalAdvance(shown);
    const QRectF chip(area.left() - kChipPadding / 2, area.center().y() - height / 2.0 + 0.5, width, height);

    QColor fill = selected ? QColor(255, 255, 255) : status;
    fill.setAlphaF(selected ? 0.22f : (dark ? 0.24f : 0.13f));
    const QColor ink = selected ? opt.palette.color(QPalette::HighlightedText)
                                : (dark ? status.lighter(135) : status.darker(125));
    const QColor dot = selected ? opt.palette.color(QPalette::HighlightedText) : status;

    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(chip, height / 2.0, height / 2.0);
    painter->fillPath(path, fill);
    painter->setPen(Qt::NoPen);
    painter->setBrush(dot);
    painter->drawEllipse(QRectF(chip.left() + kChipPadding, chip.center().y() - kDot / 2.0, kDot, kDot));
    painter->setFont(font);
    painter->setPen(ink);
    const QRectF textRect(chip.left() + kChipPadding + kDot + kDotGap, chip.top(), fm.horizontalAdvance(shown) + 2,
                          chip.height());
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, shown);
    painter->restore();
}

QSize PantryDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += 2 * kCellPadding;
    if (index.column() == PantryModel::ExpiresOn)
        size.rwidth() += 2 * kChipPadding + kDot + kDotGap + 8; // room for the chip and its bold text
    if (index.column() == PantryModel::Quantity && index.data(PantryModel::LowRole).toBool()) {
        QFont bold = option.font;
        bold.setWeight(QFont::DemiBold);
        const QString text = index.data(Qt::DisplayRole).toString();
        size.rwidth() += 2 * kChipPadding + kDot + kDotGap + 8 + QFontMetrics(bold).horizontalAdvance(lowText(text))
            - QFontMetrics(option.font).horizontalAdvance(text);
    }
    return size;
}

} // namespace hearth
