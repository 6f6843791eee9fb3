#pragma once

#include "CollectionModel.h"
#include "Records.h"

namespace hearth {

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

    // The edits of the columns, for apply() or the undo history.
    // A new column goes to the right of the others.
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
    };
    Q_ENUM(Role)

    BoardCardsModel(HouseholdEngine &engine, const MembersModel &members, QObject *parent = nullptr);

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

    // The edits of the cards, for apply() or the undo history.
    // A new card goes to the bottom of its column.
    Mutation addMutation(const QString &columnId, const BoardCard &card) const;
    // Only the text that differs between `before` and `after`: editing never moves or ticks a card.
    Mutation editMutation(const BoardCard &before, const BoardCard &after) const;
    Mutation doneMutation(const QString &id, bool done) const;
    // Puts a card at the given index of a column (top = 0); the only field that changes is
    // column_id/position, so the move is one event.
    Mutation moveMutation(const QString &id, const QString &toColumnId, int toIndex) const;

private:
    const MembersModel &m_members;
};

} // namespace hearth
