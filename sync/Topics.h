#pragma once

#include "Mutation.h"
#include "Visibility.h"

#include <QString>

#include <optional>

// Topics a socket may subscribe to beside the household's v1 stream (the gifting dashboard's
// model, docs/protocol.md "Topics"): a collection ("pantry"), one gift ("gift:<id>"), or one
// person's gift list ("gift-list:<member or gift_people id>").
namespace hearth::topics {

struct Topic
{
    enum class Kind { Collection, Entity, List };
    Kind kind = Kind::Collection;
    Collection collection = Collection::Pantry;
    QString id; // Entity: the entity's id; List: the recipient's member or gift_people id
};

// The topic a name stands for; nullopt when no topic is written that way.
std::optional<Topic> parse(const QString &name);
// The collections a gift-list id may name: members, and the people gifts are for.
QList<Collection> listOwners();
// Whether a change (as the subscriber is shown it) belongs to the topic.
bool matches(const Topic &topic, const Change &shown);
// ADDED, UPDATED, DELETED, or STATUS_CHANGED when only the status moved (and what the host sets with it).
QString eventOf(const visibility::ShownChange &shown);
// {"data":{"entity_id","payload","timestamp","user_id"},"event":E,"topic":T,"trace_id":M}, from the shown change.
QString encode(const QString &topicName, const visibility::ShownChange &shown);

} // namespace hearth::topics
