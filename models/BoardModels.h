#pragma once

#include "CollectionModel.h"
#include "Records.h"

namespace hearth {

class BoardColumnsModel;
class MembersModel;

// A position strictly between two neighbours (either may be missing), so moving one card or
// column changes that one entity only — one mutation, one event.
double positionBetween(std::optional<double> before, std::optional<double> after);

class BoardColumnsModel final : public RecordModel<BoardColumn>
{
    Q_OBJECT

public:
    enum Role { IdRole = Qt::UserRole + 1, NameRole, PositionRole };
    Q_ENUM(Role)

    explicit BoardColumnsModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Columns left to right.
    QList<BoardColumn> ordered() const;
    // The Done column: the last one, when the board has two or more. A card is done exactly when
    // it is in it (the board_cards guard keeps that true on every device); empty on a one-column
    // board, where ticks stay where they are.
    QString doneColumnId() const;

    // The edits of the columns, for apply() or the undo history.
    // A new column goes just before Done (so Done stays last), or to the right on a short board.
    Mutation addMutation(const QString &name) const;
    Mutation renameMutation(const QString &id, const QString &name) const;
    // Moves a column to the given index among the columns (left to right).
    Mutation moveMutation(const QString &id, int toIndex) const;
};

class BoardCardsModel final : public RecordModel<BoardCard>
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        ColumnIdRole,
        TitleRole,
        QuantityRole,
        CategoryRole,
        NoteRole,
        AssigneeIdRole,
        AssigneeNameRole,
        DoneRole,
        PositionRole,
        PantryItemIdRole,
        ToPantryRole,
        AddedToPantryRole,
        PantryAmountRole,
        BoughtByRole,
        BoughtByNameRole,
        BoughtAtRole, // QDateTime, local time
    };
    Q_ENUM(Role)

    BoardCardsModel(HouseholdEngine &engine, const MembersModel &members, const BoardColumnsModel &columns,
                    QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Drag and drop carries card ids under this MIME type.
    static QString mimeType();
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }

    // Cards of one column, top to bottom.
    QList<BoardCard> cardsIn(const QString &columnId) const;
    int openCount(const QString &columnId) const;

    // What the page, the column badges and "Clear done" all count, from one definition: done
    // cards (those in the Done column), and the open ones in the first column (to buy) or in a
    // column between it and Done (in the cart). toBuy + inCart + done is every card.
    struct Counts
    {
        int toBuy = 0;
        int inCart = 0;
        int done = 0;
    };
    Counts counts() const;
    // A column's badge: every card in Done, the open cards elsewhere.
    int badgeCount(const QString &columnId) const;

    // The edits of the cards, for apply() or the undo history.
    // A new card goes to the bottom of its column (done when that is Done).
    Mutation addMutation(const QString &columnId, const BoardCard &card) const;
    // Only the text that differs between `before` and `after`: editing never moves or ticks a card.
    Mutation editMutation(const BoardCard &before, const BoardCard &after) const;
    // Ticking moves the card to the bottom of Done; unticking a card in Done puts it back at the
    // bottom of the first column. One mutation either way, so undo puts it back where it was.
    Mutation doneMutation(const QString &id, bool done) const;
    // Puts a card at the given index of a column (top = 0): column_id, position and done (whether
    // the column is Done) in one mutation, so the move is one event.
    Mutation moveMutation(const QString &id, const QString &toColumnId, int toIndex) const;
    // Puts what a bought card names into the pantry, or takes it back out (the host steps the
    // linked item, or one of the same name, or makes one: docs/protocol.md, "board_cards").
    Mutation pantryMutation(const QString &id, bool added) const;
    // Whether "Add to pantry" means something for the card: bought, going into the pantry, not in it yet.
    bool canAddToPantry(const QString &id) const;

private:
    const MembersModel &m_members;
    const BoardColumnsModel &m_columns;
};

} // namespace hearth
