#pragma once

#include "PantryModel.h"

#include <QStyledItemDelegate>

namespace hearth {

// Paints the pantry table's "Expires" column: a soft status chip ("● expires tomorrow") in amber
// for items to use soon and in red for expired ones; later dates are quiet muted text.
class PantryDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit PantryDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The colour an expiry state is marked with; invalid for states that carry no warning.
    static QColor statusColor(PantryModel::ExpiryState state);
    // The Quantity cell of an item below its minimum: "low · 1 l".
    static QString lowText(const QString &amount);
};

} // namespace hearth
