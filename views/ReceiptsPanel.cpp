#include "ReceiptsPanel.h"

#include "Confirmer.h"
#include "HouseholdData.h"
#include "Money.h"
#include "ReceiptFlow.h"
#include "ReceiptReviewDialog.h"
#include "RoleGate.h"
#include "Theme.h"
#include "receipts/ReceiptsModel.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace hearth {

namespace {

constexpr int kThumbnail = 6 * Theme::kGrid;

// The receipts newest first, each with a thumbnail of its image and one line of text.
class ReceiptList final : public QSortFilterProxyModel
{
public:
    ReceiptList(const QString &currency, QObject *parent)
        : QSortFilterProxyModel(parent)
        , m_currency(currency)
    {
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        const QModelIndex source = mapToSource(index);
        if (index.column() != 0 || !source.isValid())
            return QSortFilterProxyModel::data(index, role);
        const QAbstractItemModel *model = sourceModel();
        const auto value = [&](int column, int r = Qt::DisplayRole) { return model->index(source.row(), column).data(r); };
        if (role == Qt::DisplayRole)
            return ReceiptsPanel::tr("%1 · %2\n%3 · %4")
                .arg(value(ReceiptsModel::Merchant).toString(), value(ReceiptsModel::Total).toString(),
                     value(ReceiptsModel::PurchasedOn).toString(), value(ReceiptsModel::Items).toString());
        if (role == Qt::DecorationRole) {
            // Asking the model for the thumbnail fetches it when this device has none yet; the
            // list is repainted (dataChanged) when it arrives.
            const QString id = value(0, ReceiptsModel::IdRole).toString();
            auto cached = m_thumbnails.constFind(id);
            if (cached == m_thumbnails.cend()) {
                const QVariant jpeg = value(0, ReceiptsModel::ThumbnailRole);
                if (jpeg.isNull())
                    return placeholder(value(0, ReceiptsModel::ImageStateRole).value<ReceiptsModel::ImageState>());
                QPixmap pixmap;
                pixmap.loadFromData(jpeg.toByteArray(), "JPEG");
                if (!pixmap.isNull())
                    pixmap = pixmap.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio, Qt::SmoothTransformation);
                cached = m_thumbnails.insert(id, pixmap); // a confirmed receipt's image never changes
            }
            return cached->isNull() ? QVariant() : QVariant(*cached);
        }
        if (role == Qt::ToolTipRole) {
            const QString text = placeholderText(value(0, ReceiptsModel::ImageStateRole).value<ReceiptsModel::ImageState>());
            return text.isEmpty() ? QVariant() : QVariant(text);
        }
        return QSortFilterProxyModel::data(index, role);
    }

    // What stands in the thumbnail's place until it comes (or when it cannot): the words, so the
    // list does not look broken while a joined device fetches thumbnails.
    static QString placeholderText(ReceiptsModel::ImageState state)
    {
        switch (state) {
        case ReceiptsModel::ImageState::Loading: return ReceiptsPanel::tr("Loading image…");
        case ReceiptsModel::ImageState::Offline: return ReceiptsPanel::tr("Image not available offline");
        // The host has no thumbnail of it (a receipt from before thumbnails): its full image
        // is fetched only when the receipt is opened.
        case ReceiptsModel::ImageState::Missing: return ReceiptsPanel::tr("No thumbnail: open the receipt to see its image");
        case ReceiptsModel::ImageState::None: return ReceiptsPanel::tr("No image");
        case ReceiptsModel::ImageState::Here: break;
        }
        return {};
    }

private:
    QVariant placeholder(ReceiptsModel::ImageState state) const
    {
        const QString text = placeholderText(state);
        if (text.isEmpty())
            return {};
        QPixmap &pixmap = m_placeholders[int(state)];
        if (pixmap.isNull() && state == ReceiptsModel::ImageState::Missing) {
            pixmap = receiptGlyph();
        } else if (pixmap.isNull()) {
            pixmap = QPixmap(kThumbnail, kThumbnail);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            painter.setPen(QApplication::palette().color(QPalette::Mid));
            painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1));
            QFont font = QApplication::font();
            font.setPointSizeF(font.pointSizeF() * 0.8);
            painter.setFont(font);
            painter.setPen(QApplication::palette().color(QPalette::PlaceholderText));
            painter.drawText(pixmap.rect().adjusted(4, 4, -4, -4), Qt::AlignCenter | Qt::TextWordWrap, text);
        }
        return pixmap;
    }

    // A paper slip with a torn edge and a few lines: a receipt whose thumbnail the host lacks.
    static QPixmap receiptGlyph()
    {
        QPixmap pixmap(kThumbnail, kThumbnail);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QPalette palette = QApplication::palette();
        const qreal w = kThumbnail * 0.5, left = (kThumbnail - w) / 2, top = kThumbnail * 0.15, bottom = kThumbnail * 0.85;
        QPolygonF slip{{left, top}, {left + w, top}, {left + w, bottom}};
        const int teeth = 4;
        for (int i = 1; i <= 2 * teeth; ++i)
            slip << QPointF(left + w - i * w / (2 * teeth), i % 2 ? bottom - kThumbnail * 0.05 : bottom);
        painter.setPen(QPen(palette.color(QPalette::Mid), 1.5));
        painter.setBrush(palette.color(QPalette::Base));
        painter.drawPolygon(slip);
        painter.setPen(QPen(palette.color(QPalette::PlaceholderText), 2));
        for (int i = 0; i < 4; ++i) {
            const qreal y = top + kThumbnail * (0.12 + 0.13 * i);
            painter.drawLine(QPointF(left + w * 0.2, y), QPointF(left + w * (i == 3 ? 0.5 : 0.8), y));
        }
        return pixmap;
    }

    QString m_currency;
    mutable QHash<QString, QPixmap> m_thumbnails;
    mutable QHash<int, QPixmap> m_placeholders;
};

} // namespace

ReceiptsPanel::ReceiptsPanel(HouseholdData &data, Confirmer &confirmer, QWidget *parent)
    : QFrame(parent)
    , m_data(data)
    , m_confirmer(confirmer)
    , m_receipts(data.model<ReceiptsModel>(Collection::Receipts))
    , m_gate(new RoleGate(data, this))
    , m_sorted(new ReceiptList(data.currency(), this))
    , m_chooseFile([](QWidget *parent) {
        return QFileDialog::getOpenFileName(parent, tr("Add receipt"), QString(),
                                            tr("Receipts (*.png *.jpg *.jpeg *.pdf);;Images (*.png *.jpg *.jpeg);;PDF (*.pdf)"));
    })
{
    setObjectName(QStringLiteral("receiptsPanel"));
    setProperty("card", true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2 * Theme::kGrid, 2 * Theme::kGrid, 2 * Theme::kGrid, 2 * Theme::kGrid);
    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("Receipts"), this);
    title->setObjectName(QStringLiteral("cardTitle"));
    m_count = new QLabel(this);
    header->addWidget(title);
    header->addWidget(m_count, 1);
    m_add = Theme::makePrimaryButton(tr("Add receipt…"), this);
    m_add->setObjectName(QStringLiteral("addReceipt"));
    m_add->setToolTip(tr("Read a photo or scan of a receipt (Ctrl+Shift+R), or drop one on the page"));
    connect(m_add, &QPushButton::clicked, this, &ReceiptsPanel::addReceipt);
    m_open = Theme::makeSecondaryButton(tr("Open"), this);
    m_open->setObjectName(QStringLiteral("openReceipt"));
    connect(m_open, &QPushButton::clicked, this, &ReceiptsPanel::openSelected);
    m_delete = Theme::makeSecondaryButton(tr("Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteReceipt"));
    connect(m_delete, &QPushButton::clicked, this, &ReceiptsPanel::deleteSelected);
    header->addWidget(m_open);
    header->addWidget(m_delete);
    header->addWidget(m_add);
    layout->addLayout(header);

    m_sorted->setSourceModel(&m_receipts);
    m_sorted->setSortRole(ReceiptsModel::SortRole);
    m_sorted->sort(ReceiptsModel::PurchasedOn, Qt::DescendingOrder);
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("receiptsList"));
    m_list->setAccessibleName(tr("Receipts"));
    m_list->setModel(m_sorted);
    m_list->setIconSize(QSize(kThumbnail, kThumbnail));
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(true);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setSpacing(Theme::kGrid / 2);
    m_list->setMinimumHeight(kThumbnail + 3 * Theme::kGrid);
    m_list->setMaximumHeight(2 * kThumbnail + 6 * Theme::kGrid);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Every item is the same size: the list lays out from the first one's size instead of asking
    // each row (which fetched every thumbnail), and so asks only the rows it paints.
    m_list->setUniformItemSizes(true);
    connect(m_list, &QListView::activated, this, &ReceiptsPanel::openSelected);
    layout->addWidget(m_list);
    m_empty = new QLabel(tr("No receipts yet. Add a photo or scan of one, or drop it on this page."), this);
    m_empty->setWordWrap(true);
    layout->addWidget(m_empty);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("fieldError"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    layout->addWidget(m_error);

    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), this);
    shortcut->setContext(Qt::WindowShortcut);
    connect(shortcut, &QShortcut::activated, this, &ReceiptsPanel::addReceipt);

    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&m_receipts, signal, this, &ReceiptsPanel::refresh);
    connect(&m_receipts, &QAbstractItemModel::modelReset, this, &ReceiptsPanel::refresh);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ReceiptsPanel::refresh);
    connect(m_gate, &RoleGate::changed, this, &ReceiptsPanel::refresh);
    refresh();
}

void ReceiptsPanel::refresh()
{
    const int count = m_receipts.rowCount();
    m_count->setText(count ? tr("%n receipt(s)", nullptr, count) : QString());
    m_list->setVisible(count > 0);
    m_empty->setVisible(count == 0);
    const bool selected = !selectedId().isEmpty();
    m_add->setVisible(m_gate->mayCreate(m_receipts));
    m_open->setEnabled(selected);
    m_delete->setVisible(m_gate->mayDelete(m_receipts));
    m_delete->setEnabled(selected);
}

QString ReceiptsPanel::selectedId() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? current.data(ReceiptsModel::IdRole).toString() : QString();
}

bool ReceiptsPanel::isReceiptFile(const QString &path)
{
    static const QStringList suffixes = {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("pdf")};
    return suffixes.contains(QFileInfo(path).suffix().toLower());
}

void ReceiptsPanel::acceptDropsOn(QWidget *page)
{
    page->setAcceptDrops(true);
    page->installEventFilter(this);
}

bool ReceiptsPanel::eventFilter(QObject *watched, QEvent *event)
{
    const auto droppedFile = [](const QMimeData *mime) {
        if (!mime || !mime->hasUrls() || mime->urls().size() != 1 || !mime->urls().first().isLocalFile())
            return QString();
        const QString path = mime->urls().first().toLocalFile();
        return isReceiptFile(path) ? path : QString();
    };
    if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (m_gate->mayCreate(m_receipts) && !droppedFile(drag->mimeData()).isEmpty()) {
            drag->acceptProposedAction();
            return true;
        }
    } else if (event->type() == QEvent::Drop) {
        auto *drop = static_cast<QDropEvent *>(event);
        const QString path = droppedFile(drop->mimeData());
        if (!path.isEmpty() && m_gate->mayCreate(m_receipts)) {
            drop->acceptProposedAction();
            readReceipt(path);
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void ReceiptsPanel::addReceipt()
{
    if (!m_gate->mayCreate(m_receipts))
        return;
    const QString path = m_chooseFile(window());
    if (!path.isEmpty())
        readReceipt(path);
}

ReceiptFlow *ReceiptsPanel::readReceipt(const QString &path)
{
    auto *flow = new ReceiptFlow(m_data, window(), this);
    flow->start(path);
    return flow;
}

void ReceiptsPanel::openSelected()
{
    const auto receipt = m_receipts.find(selectedId());
    if (!receipt)
        return;
    auto *dialog = new ReceiptReviewDialog(m_data, {}, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->showReceipt(*receipt);
    dialog->open();
}

void ReceiptsPanel::deleteSelected()
{
    const auto receipt = m_receipts.find(selectedId());
    if (!receipt || !m_gate->mayDelete(m_receipts))
        return;
    const QString name = receipt->merchant;
    if (!m_confirmer.confirm(window(), tr("Delete receipt"),
                             tr("Delete the receipt from %1 of %2?").arg(name, QLocale().toString(receipt->purchasedOn, QLocale::ShortFormat)),
                             tr("Delete receipt")))
        return;
    const bool linked = m_confirmer.confirm(
        window(), tr("Its transactions and pantry items"),
        tr("Also remove the %n budget transaction(s) it added and take back what it added to the pantry? "
           "Cancel keeps them.", nullptr, int(receipt->transactionIds.size())),
        tr("Remove them too"));
    const MutationResult result = m_receipts.apply(m_receipts.deleteMutation(receipt->id, linked));
    m_error->setText(result.ok ? QString() : result.error.message);
    m_error->setVisible(!result.ok);
}

} // namespace hearth
