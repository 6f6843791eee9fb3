#pragma once

#include "CollectionModel.h"
#include "ReceiptRecords.h"

namespace hearth {

// The household's confirmed receipts, newest purchase first as stored order allows (views sort).
// It also remembers the categories chosen before: every device learns them from the receipts
// collection itself, so a category picked on one copy is proposed on all of them.
class ReceiptsModel final : public RecordModel<Receipt>
{
    Q_OBJECT

public:
    enum Column { PurchasedOn, Merchant, Items, Total, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        MerchantRole,
        PurchasedOnRole, // QDate
        TotalRole,       // cents
        ItemCountRole,
        ImageRole,       // the stored JPEG's bytes (views decode and scale it)
        CreatedByRole,   // member id
        SortRole,
    };
    Q_ENUM(Role)

    explicit ReceiptsModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setCurrency(const QString &currencyCode);

    // Confirms a reviewed receipt: one create that the host turns into the receipt, its budget
    // transactions (one per category) and its pantry additions, all or nothing.
    Mutation confirmMutation(const Receipt &receipt) const;
    // Corrects what was read (merchant, date, total); lines and image stay as confirmed.
    Mutation editMutation(const QString &id, const QString &merchant, const QDate &purchasedOn, qint64 totalCents) const;
    // Deletes a receipt; with `withLinked`, its transactions go too and its pantry additions are
    // taken back, in the same change.
    Mutation deleteMutation(const QString &id, bool withLinked) const;

    // The category chosen before for this product (the latest receipt that had it), else the one
    // chosen most often at this merchant; empty when neither was seen.
    QString rememberedCategory(const QString &merchant, const QString &product) const;

private:
    QString m_currency = QStringLiteral("EUR");
};

} // namespace hearth
