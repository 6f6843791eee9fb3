#include "CardDelegate.h"

#include "BoardModels.h"
#include "ConflictMarker.h"
#include "HouseholdModel.h"
#include "Theme.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QLocale>
#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace hearth {

namespace {

constexpr int kPaddingY = 10;
constexpr int kCompactPaddingY = 5;
constexpr int kRowGap = 6;
constexpr qreal kRadius = 10;

QColor mix(const QColor &a, const QColor &b, qreal amount)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * amount),
                            float(a.greenF() + (b.greenF() - a.greenF()) * amount),
                            float(a.blueF() + (b.blueF() - a.blueF()) * amount));
}

QFont titleFont(const QFont &base)
{
    QFont font = base;
    font.setWeight(QFont::Medium);
    return font;
}

QFont smallFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.88 : 9);
    return font;
}

struct Lines
{
    int first = 0;  // tick box, title, assignee
    int meta = 0;   // quantity and category chip, 0 when neither
    int note = 0;   // note preview, 0 without a note
    int bought = 0; // who bought it and when, 0 unless it is bought
};

Lines linesFor(const QFont &font, const QModelIndex &index, bool compact)
{
    Lines lines;
    lines.first = std::max(CardDelegate::kAvatarSize, QFontMetrics(titleFont(font)).height());
    if (compact)
        return lines; // the quantity shares the first line; no chip, no note
    const QFontMetrics small(smallFont(font));
    if (!index.data(BoardCardsModel::QuantityRole).toString().isEmpty()
        || !index.data(BoardCardsModel::CategoryRole).toString().isEmpty())
        lines.meta = small.height() + 6;
    if (!index.data(BoardCardsModel::NoteRole).toString().trimmed().isEmpty())
        lines.note = small.height();
    if (!CardDelegate::boughtText(index).isEmpty())
        lines.bought = small.height();
    return lines;
}

} // namespace

CardDelegate::CardDelegate(const MembersModel &members, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_members(members)
{
}

QString CardDelegate::boughtText(const QModelIndex &index)
{
    const QDateTime at = index.data(BoardCardsModel::BoughtAtRole).toDateTime();
    if (!index.data(BoardCardsModel::DoneRole).toBool() || !at.isValid())
        return {};
    // Today's purchase by its time, an earlier one by its day.
    const QString when = at.date() == QDate::currentDate() ? QLocale().toString(at.time(), QLocale::ShortFormat)
                                                           : QLocale().toString(at.date(), QStringLiteral("d MMM"));
    const QString who = index.data(BoardCardsModel::BoughtByNameRole).toString();
    QString text = who.isEmpty() ? tr("Bought %1").arg(when) : tr("Bought by %1 · %2").arg(who, when);
    if (index.data(BoardCardsModel::AddedToPantryRole).toBool())
        text += tr(" · in the pantry");
    return text;
}

QRect CardDelegate::cardRect(const QRect &itemRect)
{
    // A pixel each side keeps the border and the soft shadow inside the item.
    return itemRect.adjusted(2, 1, -2, -kGap);
}

QRect CardDelegate::checkBoxRect(const QRect &itemRect, bool compact)
{
    const QRect card = cardRect(itemRect);
    return {card.left() + kPadding, card.top() + (compact ? kCompactPaddingY : kPaddingY) + (kAvatarSize - kCheckSize) / 2,
            kCheckSize, kCheckSize};
}

QColor CardDelegate::memberColor(const QString &memberId) const
{
    const int row = m_members.rowOf(memberId);
    const QColor color = row < 0 ? QColor()
                                 : QColor::fromString(m_members.index(row, 0).data(MembersModel::ColorRole).toString());
    return color.isValid() ? color : Theme::accent();
}

QSize CardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Lines lines = linesFor(option.font, index, m_compact);
    const int paddingY = m_compact ? kCompactPaddingY : kPaddingY;
    int height = paddingY + lines.first;
    if (lines.meta)
        height += kRowGap + lines.meta;
    if (lines.bought)
        height += 4 + lines.bought;
    if (lines.note)
        height += 4 + lines.note;
    height += paddingY + 1 + kGap;
    return {12 * Theme::kGrid, height};
}

void CardDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString title = index.data(BoardCardsModel::TitleRole).toString();
    const QString quantity = index.data(BoardCardsModel::QuantityRole).toString();
    const QString category = index.data(BoardCardsModel::CategoryRole).toString();
    const QString note = index.data(BoardCardsModel::NoteRole).toString().trimmed().section(QLatin1Char('\n'), 0, 0);
    const QString assigneeId = index.data(BoardCardsModel::AssigneeIdRole).toString();
    const QString assigneeName = index.data(BoardCardsModel::AssigneeNameRole).toString();
    const bool done = index.data(BoardCardsModel::DoneRole).toBool();

    // The list itself is see-through (the style sheet clears its base colour); the colours come
    // from the column around it, which follows the application palette.
    const QWidget *host = option.widget && option.widget->parentWidget() ? option.widget->parentWidget() : nullptr;
    const QPalette palette = host ? host->palette() : QApplication::palette();
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const bool dark = base.lightness() < 128;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const bool focused = (option.state & QStyle::State_Selected) && option.widget && option.widget->hasFocus();
    const bool highlighted = !m_highlighted.isEmpty() && index.data(BoardCardsModel::IdRole).toString() == m_highlighted;
    const Lines lines = linesFor(option.font, index, m_compact);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    // The card: a soft shadow, then a white rounded rectangle with a hairline border.
    const QRectF card = QRectF(cardRect(option.rect)).adjusted(0.5, 0.5, -0.5, -0.5);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, dark ? 70 : hovered ? 30 : 18));
    painter->drawRoundedRect(card.translated(0, hovered ? 2 : 1), kRadius, kRadius);
    if (highlighted) // just arrived: a tint and an accent outline for a moment
        painter->setBrush(mix(base, Theme::accent(), 0.16));
    else
        painter->setBrush(done ? mix(base, palette.color(QPalette::Window), 0.45) : base);
    if (focused || highlighted)
        painter->setPen(QPen(Theme::accent(), 2));
    else
        painter->setPen(QPen(mix(base, text, hovered ? 0.28 : 0.13), 1));
    painter->drawRoundedRect(focused || highlighted ? card.adjusted(0.5, 0.5, -0.5, -0.5) : card, kRadius, kRadius);

    // Tick box.
    const QRectF box = QRectF(checkBoxRect(option.rect, m_compact)).adjusted(0.5, 0.5, -0.5, -0.5);
    if (done) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(Theme::accent());
        painter->drawRoundedRect(box, 5, 5);
        QPainterPath tick;
        tick.moveTo(box.left() + box.width() * 0.26, box.top() + box.height() * 0.52);
        tick.lineTo(box.left() + box.width() * 0.44, box.top() + box.height() * 0.70);
        tick.lineTo(box.left() + box.width() * 0.76, box.top() + box.height() * 0.32);
        painter->setPen(QPen(Qt::white, 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(tick);
    } else {
        painter->setPen(QPen(mix(base, text, 0.38), 1.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(box, 5, 5);
    }

    if (done)
        painter->setOpacity(0.55);

    const int left = int(box.right()) + 10;
    int right = int(card.right()) - kPadding;
    const int firstTop = int(card.top()) + (m_compact ? kCompactPaddingY : kPaddingY);

    // Assignee: their initial on their colour, at the right of the first line.
    if (!assigneeId.isEmpty()) {
        const QRectF avatar(right - kAvatarSize + 1, firstTop + (lines.first - kAvatarSize) / 2.0, kAvatarSize, kAvatarSize);
        painter->setPen(Qt::NoPen);
        painter->setBrush(memberColor(assigneeId));
        painter->drawEllipse(avatar);
        QFont initialFont = smallFont(option.font);
        initialFont.setWeight(QFont::Bold);
        painter->setFont(initialFont);
        painter->setPen(Qt::white);
        painter->drawText(avatar, Qt::AlignCenter, assigneeName.left(1).toUpper());
        right = int(avatar.left()) - 8;
    }

    // Compact: the quantity at the end of the one line.
    const QFont small = smallFont(option.font);
    const QFontMetrics smallMetrics(small);
    const QColor muted = mix(base, text, 0.58);
    if (m_compact && !quantity.isEmpty()) {
        const QString shown = smallMetrics.elidedText(quantity, Qt::ElideRight, std::max(0, right - left) / 3);
        const int width = smallMetrics.horizontalAdvance(shown);
        painter->setFont(small);
        painter->setPen(muted);
        painter->drawText(QRect(right - width, firstTop, width, lines.first), Qt::AlignVCenter | Qt::AlignRight, shown);
        right -= width + 8;
    }

    // Title.
    QFont font = titleFont(option.font);
    font.setStrikeOut(done);
    painter->setFont(font);
    painter->setPen(done ? mix(base, text, 0.6) : text);
    const QRect titleRect(left, firstTop, std::max(0, right - left), lines.first);
    painter->drawText(titleRect, Qt::AlignVCenter | Qt::AlignLeft,
                      QFontMetrics(font).elidedText(title, Qt::ElideRight, titleRect.width()));

    // Quantity, then the category as a chip.
    int y = firstTop + lines.first;
    if (lines.meta) {
        y += kRowGap;
        painter->setFont(small);
        int x = left;
        const int metaRight = int(card.right()) - kPadding;
        if (!quantity.isEmpty()) {
            const QString shown = smallMetrics.elidedText(quantity, Qt::ElideRight, std::max(0, metaRight - x) / 2);
            painter->setPen(muted);
            painter->drawText(QRect(x, y, metaRight - x, lines.meta), Qt::AlignVCenter | Qt::AlignLeft, shown);
            x += smallMetrics.horizontalAdvance(shown) + 10;
        }
        if (!category.isEmpty() && x < metaRight) {
            const QString shown = smallMetrics.elidedText(category, Qt::ElideRight, std::max(0, metaRight - x - 16));
            const QRectF chip(x, y, std::min(smallMetrics.horizontalAdvance(shown) + 16, metaRight - x), lines.meta);
            painter->setPen(Qt::NoPen);
            painter->setBrush(mix(base, text, dark ? 0.14 : 0.07));
            painter->drawRoundedRect(chip, chip.height() / 2, chip.height() / 2);
            painter->setPen(mix(base, text, 0.72));
            painter->drawText(chip, Qt::AlignCenter, shown);
        }
        y += lines.meta;
    }

    // Who bought it, and when: on the card, so the next person to look knows without asking.
    if (lines.bought) {
        y += 4;
        painter->setFont(small);
        painter->setPen(dark ? Theme::fine() : Theme::fine().darker(135));
        const QRect boughtRect(left, y, std::max(0, int(card.right()) - kPadding - left), lines.bought);
        painter->drawText(boughtRect, Qt::AlignVCenter | Qt::AlignLeft,
                          smallMetrics.elidedText(boughtText(index), Qt::ElideRight, boughtRect.width()));
        y += lines.bought;
    }

    // The first line of the note.
    if (lines.note) {
        y += 4;
        QFont noteFont = small;
        noteFont.setItalic(true);
        painter->setFont(noteFont);
        painter->setPen(muted);
        const QRect noteRect(left, y, std::max(0, int(card.right()) - kPadding - left), lines.note);
        painter->drawText(noteRect, Qt::AlignVCenter | Qt::AlignLeft,
                          QFontMetrics(noteFont).elidedText(note, Qt::ElideRight, noteRect.width()));
    }

    painter->restore();
    if (!conflictmarker::conflictsAt(index).isEmpty())
        conflictmarker::paint(painter, conflictRect(option.rect));
}

QRect CardDelegate::conflictRect(const QRect &itemRect)
{
    return conflictmarker::markerRect(cardRect(itemRect));
}

} // namespace hearth
