#pragma once

#include <QListWidget>

namespace hearth {

// One status column of a board whose entries move between statuses (gifts: idea → … → given;
// event tasks: blocked → … → done): its entries as a list that can be dragged to another column,
// or moved with Ctrl+Left / Ctrl+Right. Each entry carries its id under kIdRole. It only reports;
// the page moves the entry and rebuilds the columns.
class StatusColumnList : public QListWidget
{
    Q_OBJECT

public:
    static constexpr int kIdRole = Qt::UserRole + 1;

    // `mimeType` names what is dragged, so a drop from another kind of board is refused.
    StatusColumnList(const QString &mimeType, const QString &status, QWidget *parent);
    QString status() const { return m_status; }
    QString dragMimeType() const { return m_mimeType; }

Q_SIGNALS:
    void itemDropped(const QString &id, const QString &status);
    // Ctrl+Left (-1) / Ctrl+Right (+1) on the current entry.
    void moveRequested(const QString &id, int step);

protected:
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QString m_mimeType;
    QString m_status;
};

} // namespace hearth
