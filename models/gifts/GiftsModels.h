#pragma once

#include "CollectionModel.h"
#include "GiftRecords.h"
#include "Schema.h"

#include <QHash>

#include <optional>

namespace hearth {

class Clock;
class GiftItemsModel;
class MembersModel;

// The people gifts are for, members of the household or not.
class GiftPeopleModel final : public RecordModel<GiftPerson>
{
    Q_OBJECT

public:
    enum Column { Name, Sizes, Notes, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, NameRole, MemberIdRole, SizesRole, NotesRole };
    Q_ENUM(Role)

    explicit GiftPeopleModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The gift person standing for a member (their sizes and notes), if one does.
    std::optional<GiftPerson> forMember(const QString &memberId) const;

    Mutation addMutation(const QString &name, const QString &memberId = {}, const QString &sizes = {},
                         const QString &notes = {}) const;
    Mutation editMutation(const GiftPerson &before, const GiftPerson &after) const;
};

// Birthdays, holidays and custom days, with when they next come and how their budget stands.
class OccasionsModel final : public RecordModel<Occasion>
{
    Q_OBJECT

public:
    enum Column { Name, NextDate, Budget, Left, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        KindRole,
        DateRole,      // QDate: as stored
        RepeatsRole,
        BudgetRole,    // cents, 0 = none
        ForMemberIdRole,
        ForPersonIdRole,
        NextDateRole,  // QDate: the next time it comes (yearly) or its one date
        DaysUntilRole, // int: from today to NextDateRole (negative when a one-off is past)
        CoveredRole,   // cents: what its claimed items cost (price paid once bought, else listed)
        LeftRole,      // cents: budget - covered (only meaningful with a budget)
    };
    Q_ENUM(Role)

    OccasionsModel(HouseholdEngine &engine, const Clock &clock, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const Clock &clock() const { return m_clock; }
    QDate nextDate(const Occasion &occasion) const;
    int daysUntil(const Occasion &occasion) const;
    qint64 coveredCents(const QString &occasionId) const { return m_covered.value(occasionId); }
    qint64 leftCents(const Occasion &occasion) const { return occasion.budgetCents - coveredCents(occasion.id); }
    // Occasions still to come (yearly ones always are), soonest first.
    QList<Occasion> coming() const;

    // Covered amounts follow the gift items (made after this model, so they are given later).
    void followItems(const GiftItemsModel &items);

    Mutation addMutation(const Occasion &occasion) const;
    Mutation editMutation(const Occasion &before, const Occasion &after) const;

protected:
    void entitiesChanged() override;

private:
    void recountCovered();

    const Clock &m_clock;
    const GiftItemsModel *m_items = nullptr;
    QHash<QString, qint64> m_covered; // occasion id -> cents
};

// Wish-list items and gift ideas, and where each is on its gift board. The model holds what this
// device was sent; a view shows each member only what gifts::visibleTo lets them see.
class GiftItemsModel final : public RecordModel<GiftItem>
{
    Q_OBJECT

public:
    enum Column { Title, For, Status, Price, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        KindRole,
        ForMemberIdRole,
        ForPersonIdRole,
        OccasionIdRole,
        LinkRole,
        PriceRole,     // cents
        PriorityRole,  // 1…3
        NoteRole,
        SurpriseRole,
        AddedByRole,
        ClaimedByRole,
        StatusRole,
        PricePaidRole, // cents
        PositionRole,
        TakenRole,
        PaidTransactionIdRole,
    };
    Q_ENUM(Role)

    GiftItemsModel(HouseholdEngine &engine, const MembersModel &members, const GiftPeopleModel &people,
                   QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The recipient's name: the member's, or the gift person's.
    QString recipientName(const GiftItem &item) const;
    // The items `viewer` may see, each as they may see it (gifts::visibleTo).
    QList<GiftItem> visibleTo(const Viewer &viewer) const;

    // A wish on `memberId`'s own list (they add it themselves).
    Mutation addWishMutation(GiftItem item) const;
    // An idea for a member or a gift person, perhaps a surprise (never for oneself).
    Mutation addIdeaMutation(GiftItem item) const;
    // Title, link, price, priority, note and occasion (recipient and surprise never change).
    Mutation editMutation(const GiftItem &before, const GiftItem &after) const;
    // "I'll get this": the host makes the acting member its claimer.
    Mutation claimMutation(const QString &id) const;
    // Back to an idea: the claim is let go.
    Mutation unclaimMutation(const QString &id) const;
    // Along the board (or back). Bought with a price paid and `recordSpending`, the host adds the
    // price paid to the budget under "Gifts", hidden from the recipient.
    Mutation moveMutation(const QString &id, const QString &status, std::optional<double> position = {},
                          std::optional<qint64> pricePaid = {}, bool recordSpending = false) const;

private:
    const MembersModel &m_members;
    const GiftPeopleModel &m_people;
};

} // namespace hearth
