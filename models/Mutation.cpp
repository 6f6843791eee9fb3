#include "Mutation.h"

#include "Schema.h"

namespace hearth {

QString collectionName(Collection collection)
{
    return collectionSpec(collection).name;
}

QList<Collection> allCollections()
{
    QList<Collection> all;
    all.reserve(qsizetype(kCollectionCount));
    for (std::size_t i = 0; i < kCollectionCount; ++i)
        all.append(Collection(i));
    return all;
}

bool collectionFromName(const QString &name, Collection *out)
{
    for (std::size_t i = 0; i < kCollectionCount; ++i) {
        if (collectionSpec(Collection(i)).name == name) {
            *out = Collection(i);
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
