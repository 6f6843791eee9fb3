#pragma once

// The host's rules of event planning (models/collections/EventPlanningCollections.cpp hands them
// to the engine): tasks waiting for tasks, the shopping cards an event's dishes need, what a bulk
// purchase does, and an event's spending against its budget. Each runs on the host, inside the
// unit of the change that calls it, and writes what follows as the system.

#include "Schema.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace hearth {

class AuthoritativeEngine;
class HouseholdData;

namespace events {

// The ids of `collection`'s rows whose text column `field` is `value`, in id order.
QStringList idsWhere(AuthoritativeEngine &engine, Collection collection, const char *field, const QString &value);
// Those rows themselves.
QList<QJsonObject> rowsWhere(AuthoritativeEngine &engine, Collection collection, const char *field, const QString &value);

// ---- tasks
std::optional<MutationError> guardTask(MutationContext &context);
std::optional<MutationError> taskConsequences(MutationContext &context);

// ---- shopping needs
// What the shopping board must hold for an event, as changes of its cards: one card per need
// (product and unit) of the event's dishes, less what the pantry holds when the event uses it.
struct CardChange
{
    MutationOp op = MutationOp::Create;
    QString cardId;
    QJsonObject fields; // create or update
};
// `ingredient` and `dish` stand for a row as it will be written (a guard's `after`), `deleted`
// for one that will be gone; `usePantry` for the event's setting about to be.
struct PlanOverride
{
    std::optional<QJsonObject> ingredient;
    QString deletedIngredient;
    std::optional<QJsonObject> dish;
    std::optional<bool> usePantry;
};
QList<CardChange> planShopping(AuthoritativeEngine &engine, const QString &eventId, const PlanOverride &override = {});
// Writes the plan as the system.
std::optional<MutationError> recalculateShopping(AuthoritativeEngine &engine, const QString &eventId);

std::optional<MutationError> guardIngredient(MutationContext &context);
std::optional<MutationError> ingredientConsequences(MutationContext &context);
std::optional<MutationError> guardDish(MutationContext &context);
std::optional<MutationError> dishConsequences(MutationContext &context);
std::optional<MutationError> guardEvent(MutationContext &context);
std::optional<MutationError> eventConsequences(MutationContext &context);

// ---- purchases
std::optional<MutationError> guardPurchase(MutationContext &context);
std::optional<MutationError> purchaseConsequences(MutationContext &context);
// Reaction to a shopping card: an event's card bought or put back makes its ingredients available or not.
std::optional<MutationError> cardBought(MutationContext &context);

// ---- budget
// "under", "near" (from 80 %) or "over" (from 100 %) of a budget; "under" without one.
QString budgetStatus(qint64 spentCents, qint64 budgetCents);
// Reaction to a transaction: the spending of the events it names (before and after) is counted again.
std::optional<MutationError> transactionMoved(MutationContext &context);

// ---- notices
QString taskNotice(const Change &change, const HouseholdData &data, const QString &memberId);
QString ingredientNotice(const Change &change, const HouseholdData &data, const QString &memberId);

} // namespace events

} // namespace hearth
