#include "GiftVisibility.h"

#include "GiftRecords.h"
#include "HouseholdData.h"
#include "Permissions.h"
#include "Records.h"

namespace hearth::gifts {

bool takenShown(const QJsonObject &household)
{
    return household.value(QLatin1String("gift_taken_shown")).toBool(true);
}

bool childListsOpen(const QJsonObject &household)
{
    return household.value(QLatin1String("gift_child_lists_open")).toBool(false);
}

const QStringList &visibilityReads()
{
    static const QStringList reads{QStringLiteral("gift_taken_shown"), QStringLiteral("gift_child_lists_open")};
    return reads;
}

bool keptFrom(const QJsonObject &item, const Viewer &viewer)
{
    if (viewer.memberId.isEmpty() || textField(item, "for_member_id") != viewer.memberId)
        return false;
    return !(childListsOpen(viewer.household) && viewer.role == Permissions::kAdult
             && viewer.memberRoles.value(textField(item, "added_by")) == Permissions::kChild);
}

std::optional<QJsonObject> visibleTo(const QJsonObject &item, const Viewer &viewer)
{
    if (!keptFrom(item, viewer)) {
        // Open child lists show an adult the items a child plans for them, but never the
        // transaction the spending made: that stays hidden from them (transactionVisibleTo), so
        // its id must not dangle here.
        if (textField(item, "for_member_id") != viewer.memberId || viewer.memberId.isEmpty())
            return item;
        QJsonObject shown = item;
        shown.insert(QStringLiteral("paid_transaction_id"), QJsonValue::Null);
        return shown;
    }
    if (item.value(QLatin1String("surprise")).toBool())
        return std::nullopt;
    QJsonObject shown = item;
    shown.insert(QStringLiteral("claimed_by"), QJsonValue::Null);
    shown.insert(QStringLiteral("status"), kIdea);
    shown.insert(QStringLiteral("price_paid"), 0);
    shown.insert(QStringLiteral("paid_transaction_id"), QJsonValue::Null);
    shown.insert(QStringLiteral("position"), 0); // where it sits on a board they never see
    shown.insert(QStringLiteral("taken"), takenShown(viewer.household) && item.value(QLatin1String("taken")).toBool());
    return shown;
}

std::optional<QJsonObject> transactionVisibleTo(const QJsonObject &transaction, const Viewer &viewer)
{
    const QString hiddenFrom = textField(transaction, "hidden_from_member_id");
    if (!viewer.memberId.isEmpty() && hiddenFrom == viewer.memberId)
        return std::nullopt;
    return transaction;
}

Viewer viewerFor(const HouseholdData &data, const QString &memberId)
{
    Viewer viewer;
    viewer.memberId = memberId;
    for (const Member &member : data.members.records())
        viewer.memberRoles.insert(member.id, member.role);
    viewer.role = viewer.memberRoles.value(memberId);
    viewer.household = data.engine.entity(Collection::Household, data.engine.householdId()).value_or(QJsonObject());
    return viewer;
}

} // namespace hearth::gifts
