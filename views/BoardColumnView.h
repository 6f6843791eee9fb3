#pragma once

#include "Mutation.h"
#include "Records.h"

#include <QFrame>
#include <QListView>

class QLabel;
class QLineEdit;
class QMenu;
class QTimer;
class QToolButton;

namespace hearth {

class CardDelegate;
class ColumnCardsProxy;
class Confirmer;
class EditHistory;
class HouseholdData;
class RoleGate;

// The card list of one column. It turns mouse, keyboard and drops into requests (signals) and
// keeps no state of its own besides the drop indicator; the column applies the edits.
class CardListView final : public QListView
{
    Q_OBJECT

public:
    explicit CardListView(QWidget *parent = nullptr);

    // The slot (0 … rowCount) a card dropped at `pos` (viewport coordinates) lands in: before the
    // card under it when above its midpoint, after it when below; the end when below every card.
    int dropRowAt(const QPoint &pos) const;
    int dropIndicatorRow() const { return m_dropRow; }

    void setPlaceholderText(const QString &text);
    QString placeholderText() const { return m_placeholder; }

    // Whether the Delete key asks to delete the current card (off for a role that may not).
    void setDeleteEnabled(bool enabled) { m_deleteEnabled = enabled; }
    bool deleteEnabled() const { return m_deleteEnabled; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // A card (by id) was dropped at slot `row` of this list (slots count the cards shown, the
    // dropped card included when it comes from this list).
    void cardDropped(const QString &cardId, int row);
    void toggleRequested(const QModelIndex &index);
    void editRequested(const QModelIndex &index);
    void deleteRequested(const QModelIndex &index);
    // Ctrl+arrows: columnStep -1/+1 moves to the neighbouring column, rowStep -1/+1 within the column.
    void moveRequested(const QModelIndex &index, int columnStep, int rowStep);
    // A click on a card's conflict mark, or the context menu of a card that has one (global position).
    void conflictRequested(const QModelIndex &index, const QPoint &globalPos);

protected:
    bool event(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void startDrag(Qt::DropActions supportedActions) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    bool handlesKey(const QKeyEvent *event) const;
    QModelIndex checkBoxAt(const QPoint &pos) const;
    QModelIndex conflictMarkAt(const QPoint &pos) const;
    void setDropRow(int row);

    QString m_placeholder;
    QPersistentModelIndex m_pressedCheckBox;
    int m_dropRow = -1;
    bool m_deleteEnabled = true;
};

// One column of the shopping board: a soft panel with a header (name, open count, actions), the
// cards, and a quick-add line at the bottom. Every edit goes through EditHistory, so it can be undone.
class BoardColumnView final : public QFrame
{
    Q_OBJECT

public:
    BoardColumnView(HouseholdData &data, EditHistory &history, Confirmer &confirmer, const QString &columnId,
                    QWidget *parent = nullptr);

    QString columnId() const { return m_columnId; }
    QString name() const;
    CardListView *list() const { return m_list; }
    ColumnCardsProxy *proxy() const { return m_proxy; }
    QLineEdit *quickAdd() const { return m_quickAdd; }
    QLineEdit *nameEdit() const { return m_nameEdit; }
    QMenu *menu() const { return m_menu; }
    QToolButton *menuButton() const { return m_menuButton; }
    // The column's keyboard stops in reading order: its header's buttons, the cards, the quick-add line.
    QList<QWidget *> tabStops() const;
    QString countText() const;
    // The message of the last edit that failed, empty when the last one worked.
    QString errorText() const;

    // Cards as shown, top to bottom.
    QString cardIdAt(int row) const;
    int rowOfCard(const QString &cardId) const;
    // Selects a card and puts the keyboard focus on the list.
    void selectCard(const QString &cardId);
    // Scrolls a card into view and highlights it for a moment (kHighlightMs): what happens to a
    // card that arrives in this column, added here, on another device or moved in.
    void revealCard(const QString &cardId);
    QString highlightedCardId() const;
    static constexpr int kHighlightMs = 1500;

    // One-line cards, and a narrower column, so more fit at once.
    void setCompact(bool compact);
    bool isCompact() const;

    // Card edits.
    bool addCard(const QString &title);
    void openAddDialog();
    void openEditDialog(const QModelIndex &index);
    bool toggleCard(const QModelIndex &index);
    bool deleteCard(const QModelIndex &index);
    // Puts a card (from any column) at slot `row` of this column, as the drop does.
    bool dropCard(const QString &cardId, int row);
    bool moveCard(const QModelIndex &index, int columnStep, int rowStep);
    // "Keep mine (In cart)" / "Keep theirs (Done)" for a card with an open conflict (made anew for
    // each card; empty when it has none), and showing it.
    QMenu *conflictMenu(const QModelIndex &index);
    void openConflictMenu(const QModelIndex &index, const QPoint &globalPos);

    // Column edits.
    void startRename();
    bool rename(const QString &name);
    bool moveColumnBy(int step);
    bool deleteColumn();

    void refreshHeader();

Q_SIGNALS:
    // A card was moved (by drag and drop or keys) into a column; the page selects it there.
    void cardMoved(const QString &cardId, const QString &toColumnId);
    // A card arrived in this column and was revealed; the page scrolls the column into view.
    void cardRevealed(const QString &cardId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void buildMenu();
    void applyRole();
    // Adds a card at the bottom of this column (one undo step).
    MutationResult appendCard(BoardCard card);
    QStringList knownCategories() const;
    void finishRename(bool commit);
    void showError(const QString &message);
    QString neighbourColumn(int step) const;

    HouseholdData &m_data;
    EditHistory &m_history;
    Confirmer &m_confirmer;
    const QString m_columnId;
    ColumnCardsProxy *m_proxy;
    CardDelegate *m_delegate;
    QLabel *m_name;
    QLineEdit *m_nameEdit;
    QLabel *m_count;
    QToolButton *m_addButton;
    QToolButton *m_menuButton;
    QMenu *m_menu;
    QMenu *m_conflictMenu = nullptr;
    CardListView *m_list;
    QLineEdit *m_quickAdd;
    QLabel *m_error;
    QTimer *m_highlightTimer;
    QAction *m_moveLeft = nullptr;
    QAction *m_moveRight = nullptr;
    QList<QAction *> m_columnActions; // rename, move, delete and their separators
    RoleGate *m_gate;
};

} // namespace hearth
