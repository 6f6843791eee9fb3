#include "Topics.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace hearth::topics {

namespace {
// The gift topics' collections, by wire name (docs/protocol.md, "Gifts").
const QLatin1String kGiftItems("gift_items");
const QLatin1String kGiftPeople("gift_people");
const QLatin1String kGiftPrefix("gift:");
const QLatin1String kGiftListPrefix("gift-list:");

std::optional<Collection> collectionNamed(const QString &name)
{
    Collection c;
    return collectionFromName(name, &c) ? std::optional(c) : std::nullopt;
}
} // namespace

std::optional<Topic> parse(const QString &name)
{
    const auto withId = [&](Topic::Kind kind, QLatin1String prefix) -> std::optional<Topic> {
        const QString id = name.mid(prefix.size());
        const auto gifts = collectionNamed(kGiftItems);
        if (!gifts || id.isEmpty() || id.size() > 64)
            return std::nullopt;
        return Topic{kind, *gifts, id};
    };
    if (name.startsWith(kGiftPrefix))
        return withId(Topic::Kind::Entity, kGiftPrefix);
    if (name.startsWith(kGiftListPrefix))
        return withId(Topic::Kind::List, kGiftListPrefix);
    if (const auto c = collectionNamed(name))
        return Topic{Topic::Kind::Collection, *c, {}};
    return std::nullopt;
}

QList<Collection> listOwners()
{
    QList<Collection> owners{Collection::Members};
    if (const auto people = collectionNamed(kGiftPeople))
        owners.append(*people);
    return owners;
}

bool matches(const Topic &topic, const Change &shown)
{
    if (shown.collection != topic.collection)
        return false;
    switch (topic.kind) {
    case Topic::Kind::Collection:
        return true;
    case Topic::Kind::Entity:
        return shown.entityId == topic.id;
    case Topic::Kind::List:
        return shown.entity.value(QLatin1String("for_member_id")).toString() == topic.id
            || shown.entity.value(QLatin1String("for_person_id")).toString() == topic.id;
    }
    return false;
}

QString eventOf(const visibility::ShownChange &shown)
{
    switch (shown.change.action) {
    case ChangeAction::Created:
        return QStringLiteral("ADDED");
    case ChangeAction::Deleted:
        return QStringLiteral("DELETED");
    case ChangeAction::Updated:
        break;
    }
    if (shown.before.isEmpty())
        return QStringLiteral("UPDATED");
    // What the host sets along with a move (the claimer, "taken") does not make it more than a move.
    const QStringList changed = visibility::changedFields(shown.before, shown.change.entity);
    const bool onlyStatus = changed.contains(QLatin1String("status")) && std::all_of(changed.cbegin(), changed.cend(), [](const QString &f) {
        return f == QLatin1String("status") || f == QLatin1String("claimed_by") || f == QLatin1String("taken");
    });
    return onlyStatus ? QStringLiteral("STATUS_CHANGED") : QStringLiteral("UPDATED");
}

QString encode(const QString &topicName, const visibility::ShownChange &shown)
{
    const Change &c = shown.change;
    const QJsonObject frame{{QStringLiteral("topic"), topicName},
                            {QStringLiteral("event"), eventOf(shown)},
                            {QStringLiteral("data"), QJsonObject{{QStringLiteral("entity_id"), c.entityId},
                                                                 {QStringLiteral("payload"), c.entity},
                                                                 {QStringLiteral("user_id"), c.userId},
                                                                 {QStringLiteral("timestamp"), c.timestamp}}},
                            {QStringLiteral("trace_id"), c.mutationId}};
    return QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact));
}

} // namespace hearth::topics
