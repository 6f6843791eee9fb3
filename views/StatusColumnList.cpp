#include "StatusColumnList.h"

#include <QDragEnterEvent>
#include <QKeyEvent>
#include <QMimeData>

namespace hearth {

StatusColumnList::StatusColumnList(const QString &mimeType, const QString &status, QWidget *parent)
    : QListWidget(parent)
    , m_mimeType(mimeType)
    , m_status(status)
{
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setWordWrap(true);
}

QStringList StatusColumnList::mimeTypes() const
{
    return {m_mimeType};
}

QMimeData *StatusColumnList::mimeData(const QList<QListWidgetItem *> &items) const
{
    if (items.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(m_mimeType, items.first()->data(kIdRole).toString().toUtf8());
    return mime;
}

void StatusColumnList::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(m_mimeType)) {
        event->setDropAction(Qt::MoveAction);
        event->accept();
    } else {
        event->ignore();
    }
}

void StatusColumnList::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(m_mimeType)) {
        event->setDropAction(Qt::MoveAction);
        event->accept();
    } else {
        event->ignore();
    }
}

void StatusColumnList::dropEvent(QDropEvent *event)
{
    if (!event->mimeData()->hasFormat(m_mimeType)) {
        event->ignore();
        return;
    }
    // The page moves the entry and rebuilds the columns; the list itself changes nothing.
    event->setDropAction(Qt::IgnoreAction);
    event->accept();
    Q_EMIT itemDropped(QString::fromUtf8(event->mimeData()->data(m_mimeType)), m_status);
}

void StatusColumnList::keyPressEvent(QKeyEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier && (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right)) {
        if (QListWidgetItem *item = currentItem()) {
            Q_EMIT moveRequested(item->data(kIdRole).toString(), event->key() == Qt::Key_Right ? 1 : -1);
            event->accept();
            return;
        }
    }
    QListWidget::keyPressEvent(event);
}

} // namespace hearth
