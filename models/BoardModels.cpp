#include "BoardModels.h"

#include "HouseholdModel.h"

#include <QDateTime>
#include <QLocale>
#include <QMimeData>

#include <algorithm>

namespace hearth {

double positionBetween(std::optional<double> before, std::optional<double> after)
{
    if (before && after)
        return (*before + *after) / 2.0;
    if (before)
        return *before + 1.0;
    if (after)
        return *after - 1.0;
    return 1.0;
}

namespace {
template <typename T>
void sortByPosition(QList<T> &list)
{
    std::stable_sort(list.begin(), list.end(), [](const T &a, const T &b) {
        return a.position != b.position ? a.position < b.position : a.id < b.id;
    });
}

// The position for inserting at `toIndex` into `siblings` (already in order, without the moved item).
template <typename T>
double positionAt(const QList<T> &siblings, int toIndex)
{
    toIndex = std::clamp(toIndex, 0, int(siblings.size()));
    const std::optional<double> before = toIndex > 0 ? std::optional(siblings.at(toIndex - 1).position) : std::nullopt;
    const std::optional<double> after = toIndex < siblings.size() ? std::optional(siblings.at(toIndex).position) : std::nullopt;
    return positionBetween(before, after);
}
} // namespace

BoardColumnsModel::BoardColumnsModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::BoardColumns, parent)
{
}

int BoardColumnsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1;
}

QVariant BoardColumnsModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const BoardColumn &c = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return c.name;
    case IdRole: return c.id;
    case PositionRole: return c.position;
    }
    return {};
}

QHash<int, QByteArray> BoardColumnsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"}, {NameRole, "name"}, {PositionRole, "position"}});
    return names;
}

QList<BoardColumn> BoardColumnsModel::ordered() const
{
    QList<BoardColumn> list = m_records;
    sortByPosition(list);
    return list;
}

QString BoardColumnsModel::doneColumnId() const
{
    const QList<BoardColumn> columns = ordered();
    return columns.size() >= 2 ? columns.last().id : QString();
}

Mutation BoardColumnsModel::addMutation(const QString &name) const
{
    const QList<BoardColumn> columns = ordered();
    const int at = columns.size() >= 2 ? int(columns.size()) - 1 : int(columns.size());
    return creation({{QStringLiteral("name"), name}, {QStringLiteral("position"), positionAt(columns, at)}});
}

Mutation BoardColumnsModel::renameMutation(const QString &id, const QString &name) const
{
    return change(id, {{QStringLiteral("name"), name}});
}

Mutation BoardColumnsModel::moveMutation(const QString &id, int toIndex) const
{
    QList<BoardColumn> others = ordered();
    others.removeIf([&](const BoardColumn &c) { return c.id == id; });
    return change(id, {{QStringLiteral("position"), positionAt(others, toIndex)}});
}

BoardCardsModel::BoardCardsModel(HouseholdEngine &engine, const MembersModel &members, const BoardColumnsModel &columns,
                                 QObject *parent)
    : RecordModel(engine, Collection::BoardCards, parent)
    , m_members(members)
    , m_columns(columns)
{
}

int BoardCardsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1;
}

QVariant BoardCardsModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const BoardCard &c = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole: return c.title;
    case Qt::CheckStateRole: return c.done ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole: {
        if (!c.done || c.boughtAt.isEmpty())
            return c.note;
        const QDateTime at = QDateTime::fromString(c.boughtAt, Qt::ISODateWithMs).toLocalTime();
        const QString who = m_members.nameOf(c.boughtBy);
        QString bought = who.isEmpty() ? tr("Bought %1").arg(QLocale().toString(at, QLocale::ShortFormat))
                                       : tr("Bought by %1, %2").arg(who, QLocale().toString(at, QLocale::ShortFormat));
        if (c.addedToPantry)
            bought += QLatin1Char('\n') + tr("In the pantry");
        return c.note.isEmpty() ? bought : c.note + QLatin1Char('\n') + bought;
    }
    case IdRole: return c.id;
    case ColumnIdRole: return c.columnId;
    case QuantityRole: return c.quantity;
    case CategoryRole: return c.category;
    case NoteRole: return c.note;
    case AssigneeIdRole: return c.assigneeId;
    case AssigneeNameRole: return m_members.nameOf(c.assigneeId);
    case DoneRole: return c.done;
    case PositionRole: return c.position;
    case PantryItemIdRole: return c.pantryItemId;
    case ToPantryRole: return c.toPantry;
    case AddedToPantryRole: return c.addedToPantry;
    case PantryAmountRole: return c.pantryAmount;
    case BoughtByRole: return c.boughtBy;
    case BoughtByNameRole: return m_members.nameOf(c.boughtBy);
    case BoughtAtRole: return c.boughtAt.isEmpty() ? QVariant() : QVariant(QDateTime::fromString(c.boughtAt, Qt::ISODateWithMs).toLocalTime());
    }
    return {};
}

bool BoardCardsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    // Ticking a card in a view goes through the same mutation path as every other edit.
    if (role != Qt::CheckStateRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    return apply(doneMutation(at(index.row()).id, value.toInt() == Qt::Checked)).ok;
}

Qt::ItemFlags BoardCardsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled;
}

QHash<int, QByteArray> BoardCardsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {ColumnIdRole, "columnId"},
                  {TitleRole, "title"},
                  {QuantityRole, "quantity"},
                  {CategoryRole, "category"},
                  {NoteRole, "note"},
                  {AssigneeIdRole, "assigneeId"},
                  {AssigneeNameRole, "assigneeName"},
                  {DoneRole, "done"},
                  {PositionRole, "position"},
                  {PantryItemIdRole, "pantryItemId"},
                  {ToPantryRole, "toPantry"},
                  {AddedToPantryRole, "addedToPantry"},
                  {PantryAmountRole, "pantryAmount"},
                  {BoughtByRole, "boughtBy"},
                  {BoughtByNameRole, "boughtByName"},
                  {BoughtAtRole, "boughtAt"}});
    return names;
}

QString BoardCardsModel::mimeType()
{
    return QStringLiteral("application/x-hearth-card-id");
}

QStringList BoardCardsModel::mimeTypes() const
{
    return {mimeType()};
}

QMimeData *BoardCardsModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(mimeType(), at(indexes.first().row()).id.toUtf8());
    mime->setText(at(indexes.first().row()).title);
    return mime;
}

QList<BoardCard> BoardCardsModel::cardsIn(const QString &columnId) const
{
    QList<BoardCard> list;
    for (const BoardCard &c : m_records)
        if (c.columnId == columnId)
            list.append(c);
    sortByPosition(list);
    return list;
}

int BoardCardsModel::openCount(const QString &columnId) const
{
    return int(std::count_if(m_records.cbegin(), m_records.cend(),
                             [&](const BoardCard &c) { return c.columnId == columnId && !c.done; }));
}

BoardCardsModel::Counts BoardCardsModel::counts() const
{
    const QList<BoardColumn> columns = m_columns.ordered();
    const QString firstColumn = columns.isEmpty() ? QString() : columns.first().id;
    Counts counts;
    for (const BoardCard &c : m_records) {
        if (c.done)
            ++counts.done;
        else if (c.columnId == firstColumn)
            ++counts.toBuy;
        else
            ++counts.inCart;
    }
    return counts;
}

int BoardCardsModel::badgeCount(const QString &columnId) const
{
    if (columnId == m_columns.doneColumnId())
        return int(std::count_if(m_records.cbegin(), m_records.cend(), [&](const BoardCard &c) { return c.columnId == columnId; }));
    return openCount(columnId);
}

Mutation BoardCardsModel::addMutation(const QString &columnId, const BoardCard &card) const
{
    BoardCard c = card;
    c.columnId = columnId;
    if (const QString doneColumn = m_columns.doneColumnId(); !doneColumn.isEmpty())
        c.done = columnId == doneColumn;
    const QList<BoardCard> siblings = cardsIn(columnId);
    c.position = positionAt(siblings, int(siblings.size()));
    return creation(c.toFields(), c.id);
}

Mutation BoardCardsModel::editMutation(const BoardCard &before, const BoardCard &after) const
{
    QJsonObject fields = after.toFields();
    for (const char *key : {"position", "column_id", "done"})
        fields.remove(QLatin1String(key));
    return changeFrom(before.id, before.toFields(), fields);
}

Mutation BoardCardsModel::doneMutation(const QString &id, bool done) const
{
    const QString doneColumn = m_columns.doneColumnId();
    const auto card = find(id);
    if (card && !doneColumn.isEmpty()) {
        if (done && card->columnId != doneColumn)
            return moveMutation(id, doneColumn, int(cardsIn(doneColumn).size()));
        if (!done && card->columnId == doneColumn) {
            const QString firstColumn = m_columns.ordered().constFirst().id;
            return moveMutation(id, firstColumn, int(cardsIn(firstColumn).size()));
        }
    }
    return change(id, {{QStringLiteral("done"), done}});
}

Mutation BoardCardsModel::moveMutation(const QString &id, const QString &toColumnId, int toIndex) const
{
    QList<BoardCard> siblings = cardsIn(toColumnId);
    siblings.removeIf([&](const BoardCard &c) { return c.id == id; });
    Mutation move = change(id, {{QStringLiteral("column_id"), toColumnId}, {QStringLiteral("position"), positionAt(siblings, toIndex)}});
    if (const QString doneColumn = m_columns.doneColumnId(); !doneColumn.isEmpty())
        move.fields.insert(QStringLiteral("done"), toColumnId == doneColumn);
    return move;
}

Mutation BoardCardsModel::pantryMutation(const QString &id, bool added) const
{
    return change(id, {{QStringLiteral("added_to_pantry"), added}});
}

bool BoardCardsModel::canAddToPantry(const QString &id) const
{
    const auto card = find(id);
    return card && card->done && card->toPantry && !card->addedToPantry;
}

} // namespace hearth
