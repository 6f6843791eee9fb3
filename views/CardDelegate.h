#pragma once

#include <QStyledItemDelegate>

namespace hearth {

class MembersModel;

// Paints one shopping card as a white rounded card on the column's soft panel: a tick box, the
// title (struck through and dimmed when done), the quantity and a category chip, the assignee's
// initial on their colour, who bought it and when (once ticked), and the first line of the note. Compact cards are one line (tick,
// title, quantity, assignee), so about twice as many fit in a column. A card that just arrived is
// outlined in the accent colour for a moment. A card with an open conflict (an edit of this
// device that lost to someone else's) carries an amber mark in its top right corner. It paints only; the card list view turns clicks and
// keys into edits.
class CardDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit CardDelegate(const MembersModel &members, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The card itself inside the item's rectangle (the rest is the gap to the next card).
    static QRect cardRect(const QRect &itemRect);
    // The tick box of a card drawn in `itemRect`.
    static QRect checkBoxRect(const QRect &itemRect, bool compact = false);
    // The amber mark of a card whose last edit here lost to someone else's (ConflictMarker).
    static QRect conflictRect(const QRect &itemRect);
    // "Bought by Sam · 14:02 · in the pantry" for a ticked card the host recorded; empty otherwise.
    static QString boughtText(const QModelIndex &index);

    void setCompact(bool compact) { m_compact = compact; }
    bool isCompact() const { return m_compact; }
    // The card (by id) drawn highlighted; empty for none.
    void setHighlightedCard(const QString &cardId) { m_highlighted = cardId; }
    QString highlightedCard() const { return m_highlighted; }

    static constexpr int kGap = 8;      // between two cards
    static constexpr int kPadding = 12; // inside a card
    static constexpr int kCheckSize = 18;
    static constexpr int kAvatarSize = 22;

private:
    QColor memberColor(const QString &memberId) const;

    const MembersModel &m_members;
    bool m_compact = false;
    QString m_highlighted;
};

} // namespace hearth
