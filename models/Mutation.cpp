#include "Mutation.h"

#include <array>
#include <utility>

namespace hearth {

namespace {
// In dependency order: a collection comes after every collection its rows refer to.
constexpr std::array<std::pair<Collection, const char *>, 7> kCollectionNames{{
    {Collection::Household, "household"},
    {Collection::Members, "members"},
    {Collection::Pantry, "pantry"},
    {Collection::Transactions, "transactions"},
    {Collection::Goals, "goals"},
    {Collection::BoardColumns, "board_columns"},
    {Collection::BoardCards, "board_cards"},
}};
} // namespace

QString collectionName(Collection collection)
{
    for (const auto &[c, name] : kCollectionNames) {
        if (c == collection)
            return QString::fromLatin1(name);
    }
    return {};
}

QList<Collection> allCollections()
{
    QList<Collection> all;
    for (const auto &[c, name] : kCollectionNames)
        all.append(c);
    return all;
}

bool collectionFromName(const QString &name, Collection *out)
{
    for (const auto &[c, n] : kCollectionNames) {
        if (name == QLatin1String(n)) {
            *out = c;
            return true;
        }
    }
    return false;
}

QString mutationOpName(MutationOp op)
{
    switch (op) {
    case MutationOp::Create: return QStringLiteral("create");
    case MutationOp::Update: return QStringLiteral("update");
    case MutationOp::Delete: return QStringLiteral("delete");
    }
    return {};
}

QString changeActionName(ChangeAction action)
{
    switch (action) {
    case ChangeAction::Created: return QStringLiteral("created");
    case ChangeAction::Updated: return QStringLiteral("updated");
    case ChangeAction::Deleted: return QStringLiteral("deleted");
    }
    return {};
}

} // namespace hearth
