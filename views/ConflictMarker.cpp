#include "ConflictMarker.h"

#include "CollectionModel.h"
#include "Theme.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QPainter>
#include <QPointer>

namespace hearth::conflictmarker {

namespace {

QString valueOf(const QVariantList &conflicts, const char *side, const ValueText &valueText)
{
    if (conflicts.isEmpty())
        return {};
    const QVariantMap first = conflicts.first().toMap();
    const QString field = first.value(QStringLiteral("field")).toString();
    const QVariant value = first.value(QString::fromLatin1(side));
    if (valueText)
        return valueText(field, value);
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? QCoreApplication::translate("ConflictMarker", "yes") : QCoreApplication::translate("ConflictMarker", "no");
    return value.toString();
}

} // namespace

QVariantList conflictsAt(const QModelIndex &index)
{
    return index.data(CollectionModel::ConflictRole).toList();
}

QRect markerRect(const QRect &itemRect)
{
    return QRect(itemRect.right() - kSize - 6, itemRect.top() + 4, kSize, kSize);
}

void paint(QPainter *painter, const QRect &rect)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setOpacity(1);
    painter->setPen(QPen(Qt::white, 1.5));
    painter->setBrush(Theme::warning());
    painter->drawEllipse(QRectF(rect).adjusted(0.75, 0.75, -0.75, -0.75));
    QFont font = painter->font();
    font.setBold(true);
    font.setPixelSize(rect.height() - 4);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(rect, Qt::AlignCenter, QStringLiteral("!"));
    painter->restore();
}

QString keepMineText(const QVariantList &conflicts, const ValueText &valueText)
{
    return QCoreApplication::translate("ConflictMarker", "Keep mine (%1)").arg(valueOf(conflicts, "mine", valueText));
}

QString keepTheirsText(const QVariantList &conflicts, const ValueText &valueText)
{
    return QCoreApplication::translate("ConflictMarker", "Keep theirs (%1)").arg(valueOf(conflicts, "theirs", valueText));
}

void addActions(QMenu *menu, CollectionModel &model, const QString &entityId, const ValueText &valueText,
                const std::function<void(const MutationResult &)> &done)
{
    const QVariantList conflicts = model.conflictsOf(entityId);
    if (conflicts.isEmpty())
        return;
    QPointer<CollectionModel> target(&model);
    QAction *mine = menu->addAction(keepMineText(conflicts, valueText));
    mine->setObjectName(QStringLiteral("keepMine"));
    QObject::connect(mine, &QAction::triggered, menu, [target, entityId, done] {
        if (!target)
            return;
        const MutationResult result = target->keepMine(entityId);
        if (done)
            done(result);
    });
    QAction *theirs = menu->addAction(keepTheirsText(conflicts, valueText));
    theirs->setObjectName(QStringLiteral("keepTheirs"));
    QObject::connect(theirs, &QAction::triggered, menu, [target, entityId] {
        if (target)
            target->keepTheirs(entityId);
    });
}

} // namespace hearth::conflictmarker
