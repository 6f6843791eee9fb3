#pragma once

#include "CollectionModel.h"
#include "ReceiptImages.h"
#include "ReceiptRecords.h"

#include <QHash>

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
        HasImageRole,    // bool: the household keeps an image of it
        // The thumbnail's JPEG bytes when this device has them; asking fetches it from the host
        // (dataChanged follows when it arrives). Null meanwhile, or when it cannot come.
        ThumbnailRole,
        ImageStateRole,  // ImageState of the thumbnail
        CreatedByRole,   // member id
        SortRole,
    };
    Q_ENUM(Role)
    // None: it has no image; Offline: the host could not be asked; Missing: the host has none.
    enum class ImageState { None, Loading, Here, Offline, Missing };
    Q_ENUM(ImageState)

    explicit ReceiptsModel(HouseholdEngine &engine, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setCurrency(const QString &currencyCode);

    // Where views get a receipt's image (its full size for the open view).
    ReceiptImages &images() const { return *m_images; }

    // Confirms a reviewed receipt: one create that the host turns into the receipt, its budget
    // transactions (one per category) and its pantry additions, all or nothing.
    // Its image and thumbnail (Receipt::imageJpeg, thumbnailJpeg) go as inputs: the host keeps them
    // apart from the row.
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
    void thumbnailSettled(const QString &receiptId);

    QString m_currency = QStringLiteral("EUR");
    ReceiptImages *m_images;
    // Thumbnails that could not come, and whether for being offline: those are asked again at
    // online(), the others (the host has none) not, until the full image arrives in their place.
    QHash<QString, bool> m_unavailable;
};

} // namespace hearth
