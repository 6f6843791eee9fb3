#include "ReceiptsModel.h"

#include "Money.h"

#include <QHash>
#include <QLocale>

#include <utility>

namespace hearth {

ReceiptsModel::ReceiptsModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::Receipts, parent)
    , m_images(new ReceiptImages(engine.store(), engine.householdId(), this))
{
    connect(m_images, &ReceiptImages::arrived, this, [this](const QString &id, ReceiptImageSize size) {
        // A full image stands in for a thumbnail the host does not have (an old receipt, opened).
        if (m_unavailable.remove(id) || size == ReceiptImageSize::Thumbnail)
            thumbnailSettled(id);
    });
    connect(m_images, &ReceiptImages::unavailable, this, [this](const QString &id, ReceiptImageSize size, const QString &code) {
        if (size != ReceiptImageSize::Thumbnail)
            return;
        m_unavailable.insert(id, code == QLatin1String("offline"));
        thumbnailSettled(id);
    });
    // Only what could not come for being offline is asked again: a thumbnail the host does not
    // have will not appear (a receipt's images never change), and asking again at every
    // reconnect would send a burst of requests each time.
    connect(m_images, &ReceiptImages::online, this, [this] {
        for (auto it = m_unavailable.begin(); it != m_unavailable.end();) {
            if (!it.value()) {
                ++it;
                continue;
            }
            const QString id = it.key();
            it = m_unavailable.erase(it);
            thumbnailSettled(id);
        }
    });
    // A device keeps no image of a receipt that is gone.
    connect(&engine, &HouseholdEngine::changed, this, [this](const Change &change) {
        if (change.collection == Collection::Receipts && change.action == ChangeAction::Deleted)
            m_images->forget(change.entityId);
    });
    connect(&engine, &HouseholdEngine::reloaded, this, [this](Collection collection) {
        if (collection == Collection::Receipts)
            m_images->prune();
    });
}

void ReceiptsModel::thumbnailSettled(const QString &receiptId)
{
    const int row = rowOf(receiptId);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), {ThumbnailRole, ImageStateRole});
}

int ReceiptsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void ReceiptsModel::setCurrency(const QString &currencyCode)
{
    if (m_currency == currencyCode)
        return;
    m_currency = currencyCode;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Total), index(rowCount() - 1, Total), {Qt::DisplayRole});
}

QVariant ReceiptsModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Receipt &r = at(index.row());
    const QString currency = r.currency.isEmpty() ? m_currency : r.currency;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PurchasedOn: return QLocale().toString(r.purchasedOn, QLocale::ShortFormat);
        case Merchant: return r.merchant;
        case Items: return tr("%n item(s)", nullptr, int(r.itemCount));
        case Total: return Money::format(r.totalCents, currency);
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Total || index.column() == Items ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case SortRole:
        switch (index.column()) {
        case PurchasedOn: return r.purchasedOn.toJulianDay();
        case Merchant: return r.merchant.toCaseFolded();
        case Items: return r.itemCount;
        case Total: return r.totalCents;
        }
        return {};
    case IdRole: return r.id;
    case MerchantRole: return r.merchant;
    case PurchasedOnRole: return r.purchasedOn;
    case TotalRole: return r.totalCents;
    case ItemCountRole: return r.itemCount;
    case HasImageRole: return r.hasImage;
    case ThumbnailRole:
    case ImageStateRole: {
        std::optional<QByteArray> thumbnail;
        if (r.hasImage)
            thumbnail = m_unavailable.contains(r.id) ? m_images->local(r.id, ReceiptImageSize::Thumbnail)
                                                     : m_images->request(r.id, ReceiptImageSize::Thumbnail);
        if (role == ThumbnailRole)
            return thumbnail ? QVariant(*thumbnail) : QVariant();
        const ImageState state = !r.hasImage ? ImageState::None
            : thumbnail                      ? ImageState::Here
            : m_unavailable.contains(r.id)   ? (m_unavailable.value(r.id) ? ImageState::Offline : ImageState::Missing)
                                             : ImageState::Loading;
        return QVariant::fromValue(state);
    }
    case CreatedByRole: return r.createdBy;
    }
    return {};
}

QVariant ReceiptsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PurchasedOn: return tr("Date");
    case Merchant: return tr("Shop");
    case Items: return tr("Items");
    case Total: return tr("Total");
    }
    return {};
}

QHash<int, QByteArray> ReceiptsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {MerchantRole, "merchant"},
                  {PurchasedOnRole, "purchasedOn"},
                  {TotalRole, "totalCents"},
                  {ItemCountRole, "itemCount"},
                  {HasImageRole, "hasImage"},
                  {ThumbnailRole, "thumbnail"},
                  {ImageStateRole, "imageState"},
                  {CreatedByRole, "createdBy"},
                  {SortRole, "sortKey"}});
    return names;
}

Mutation ReceiptsModel::confirmMutation(const Receipt &receipt) const
{
    Mutation m = creation(receipt.toFields(), receipt.id);
    if (!receipt.imageJpeg.isEmpty()) {
        m.fields.insert(QStringLiteral("image"), QString::fromLatin1(receipt.imageJpeg.toBase64()));
        m.fields.insert(QStringLiteral("thumbnail"), QString::fromLatin1(receipt.thumbnailJpeg.toBase64()));
    }
    return m;
}

Mutation ReceiptsModel::editMutation(const QString &id, const QString &merchant, const QDate &purchasedOn, qint64 totalCents) const
{
    return change(id, {{QStringLiteral("merchant"), merchant},
                       {QStringLiteral("purchased_on"), purchasedOn.toString(Qt::ISODate)},
                       {QStringLiteral("total_cents"), totalCents}});
}

Mutation ReceiptsModel::deleteMutation(const QString &id, bool withLinked) const
{
    Mutation m = removeMutation(id);
    if (withLinked)
        m.fields.insert(QStringLiteral("remove_linked"), true);
    return m;
}

QString ReceiptsModel::rememberedCategory(const QString &merchant, const QString &product) const
{
    const QString productKey = product.trimmed().toCaseFolded();
    const QString merchantKey = merchant.trimmed().toCaseFolded();
    QDate latest;
    QString byProduct;
    QHash<QString, int> atMerchant;
    for (const Receipt &r : records()) {
        const bool sameMerchant = !merchantKey.isEmpty() && r.merchant.trimmed().toCaseFolded() == merchantKey;
        for (const ConfirmedLine &line : r.lines) {
            if (line.category.isEmpty())
                continue;
            if (!productKey.isEmpty() && line.name.trimmed().toCaseFolded() == productKey
                && (byProduct.isEmpty() || r.purchasedOn >= latest)) {
                byProduct = line.category;
                latest = r.purchasedOn;
            }
            if (sameMerchant)
                ++atMerchant[line.category];
        }
    }
    if (!byProduct.isEmpty())
        return byProduct;
    QString best;
    int most = 0;
    for (auto it = atMerchant.cbegin(); it != atMerchant.cend(); ++it) {
        if (it.value() > most || (it.value() == most && it.key() < best)) {
            best = it.key();
            most = it.value();
        }
    }
    return best;
}

} // namespace hearth
