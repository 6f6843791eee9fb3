#pragma once

#include "CollectionModel.h"
#include "Records.h"

namespace hearth {

// The household itself (one row: name, currency, monthly budget limit).
class HouseholdModel final : public RecordModel<Household>
{
    Q_OBJECT

public:
    enum Role { IdRole = Qt::UserRole + 1, NameRole, CurrencyRole, BudgetLimitRole };
    Q_ENUM(Role)

    explicit HouseholdModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    Household household() const;
    // The edits of the household's settings, for apply() or the undo history.
    Mutation renameMutation(const QString &name) const;
    Mutation currencyMutation(const QString &currencyCode) const;
    Mutation budgetLimitMutation(qint64 cents) const;
    // What one chore point is worth when paid out, in cents.
    Mutation pointRateMutation(qint64 cents) const;
    // What ticking off a shopping card does with the pantry: "ask", "always" or "never".
    Mutation boughtToPantryMutation(const QString &rule) const;
    // What gift recipients are shown (docs/protocol.md, "Gifts"): whether an item of their list
    // shows as taken, and whether adults see in full what a child added.
    Mutation giftTakenShownMutation(bool shown) const;
    Mutation giftChildListsOpenMutation(bool open) const;
};

// The people in the household.
class MembersModel final : public RecordModel<Member>
{
    Q_OBJECT

public:
    enum Role { IdRole = Qt::UserRole + 1, NameRole, RoleRole, ColorRole };
    Q_ENUM(Role)

    explicit MembersModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString nameOf(const QString &memberId) const;
    // An empty colour keeps the schema's default.
    Mutation addMutation(const QString &name, const QString &role, const QString &color = {}) const;
};

} // namespace hearth
