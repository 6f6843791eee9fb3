#pragma once

#include "Page.h"

#include <QHash>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QScrollArea;

namespace hearth {

class BoardColumnView;
class Confirmer;
class EditHistory;
class HouseholdData;
class RoleGate;

// The shopping list as a kanban board: columns side by side ("To buy", "In cart", "Done"), cards
// dragged between them (or moved with Ctrl+arrows), every edit undoable.
class PurchaseOffer;

class BoardPage final : public Page
{
    Q_OBJECT

public:
    // Its place in the window (views/Pages.cpp).
    inline static const QString kId = QStringLiteral("shopping");
    static PageRegistration registration();

    BoardPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent = nullptr);

    void addNew() override;

    // The columns as shown, left to right.
    QList<BoardColumnView *> columnViews() const { return m_order; }
    BoardColumnView *columnView(const QString &columnId) const { return m_columns.value(columnId); }

    QString subtitleText() const;
    // "1 card changed by someone else at the same time as you …" while a card has an open conflict; empty otherwise.
    QString conflictText() const;
    QPushButton *clearDoneButton() const { return m_clearDone; }
    QPushButton *addColumnButton() const { return m_addColumn; }
    QPushButton *compactButton() const { return m_compact; }
    // "You bought Milk. Add to pantry?" after a tick, when the household asks.
    PurchaseOffer *purchaseOffer() const { return m_offer; }

    // One-line cards in every column. Until someone chooses, the page is compact when it is small
    // (a 1024×600 tablet) and roomy otherwise.
    void setCompact(bool compact);
    bool isCompact() const;

    // Removes every ticked card (after asking) as one undo step; returns how many went.
    int clearDone();
    bool addColumn(const QString &name);
    // Asks for a name, then adds the column.
    void promptAddColumn();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void syncColumns();
    void refreshSummary();
    void refreshConflicts();
    void selectCard(const QString &cardId, const QString &columnId);
    BoardColumnView *currentColumn() const;
    void applyRole();
    bool mayShapeBoard() const;
    bool mayDeleteCards() const;

    HouseholdData &m_data;
    EditHistory &m_history;
    Confirmer &m_confirmer;
    RoleGate *m_gate;
    QLabel *m_subtitle;
    QLabel *m_conflicts;
    QPushButton *m_addItem;
    QPushButton *m_addColumn;
    QPushButton *m_clearDone;
    QPushButton *m_compact;
    bool m_compactChosen = false; // by the user, not by the page's size
    QScrollArea *m_scroll;
    QHBoxLayout *m_columnsLayout;
    QWidget *m_emptyBoard;
    PurchaseOffer *m_offer;
    QLabel *m_emptyText = nullptr;
    QPushButton *m_emptyButton = nullptr;
    QHash<QString, BoardColumnView *> m_columns;
    QList<BoardColumnView *> m_order;
};

} // namespace hearth
