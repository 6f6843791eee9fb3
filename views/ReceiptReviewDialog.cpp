#include "ReceiptReviewDialog.h"

#include "Clock.h"
#include "HouseholdData.h"
#include "Money.h"
#include "MoneyEdit.h"
#include "PantryModel.h"
#include "Theme.h"
#include "receipts/ReceiptsModel.h"

#include <QBuffer>
#include <QCheckBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace hearth {

namespace {

constexpr int kReadableWidth = 1000; // wide enough to read every line of a till roll
constexpr int kPantryIdRole = Qt::UserRole + 1;

QString quantityText(double quantity)
{
    return QLocale().toString(quantity, 'g', 6);
}

double quantityOf(const QTableWidgetItem *item)
{
    bool ok = false;
    const double value = item ? QLocale().toDouble(item->text().trimmed(), &ok) : 0;
    return ok ? value : 0;
}

} // namespace

ReceiptReviewDialog::ReceiptReviewDialog(HouseholdData &data, ConfirmFn confirm, QWidget *parent)
    : FormDialog(parent)
    , m_data(data)
    , m_receipts(data.model<ReceiptsModel>(Collection::Receipts))
    , m_confirm(std::move(confirm))
{
    setObjectName(QStringLiteral("receiptReviewDialog"));
    setWindowTitle(tr("Review receipt"));
    setHeading(tr("Review the receipt"),
               tr("Check what was read against the image. Confirming adds the budget transactions and the pantry items."));
    setSaveText(tr("Confirm receipt"));

    m_merchant = new QLineEdit(this);
    m_merchant->setAccessibleName(tr("Shop"));
    addField(tr("Shop"), m_merchant, QStringLiteral("merchant"));
    m_date = new QDateEdit(this);
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    m_date->setDate(data.clock.today());
    addField(tr("Date"), m_date, QStringLiteral("purchased_on"));
    m_total = new MoneyEdit(this);
    m_total->setCurrency(data.currency());
    addField(tr("Total"), m_total, QStringLiteral("total_cents"));

    auto *split = new QWidget(this);
    auto *columns = new QHBoxLayout(split);
    columns->setContentsMargins(0, 0, 0, 0);
    columns->setSpacing(2 * Theme::kGrid);

    // The image: scrolls when zoomed in.
    auto *imagePane = new QVBoxLayout;
    m_imageScroll = new QScrollArea(split);
    m_imageScroll->setObjectName(QStringLiteral("receiptImage"));
    m_imageScroll->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_imageScroll->setMinimumWidth(24 * Theme::kGrid);
    m_imageLabel = new QLabel(m_imageScroll);
    m_imageLabel->setAlignment(Qt::AlignCenter);
    m_imageLabel->setText(tr("No image"));
    m_imageScroll->setWidget(m_imageLabel);
    imagePane->addWidget(m_imageScroll, 1);
    m_zoom = new QSlider(Qt::Horizontal, split);
    m_zoom->setRange(25, 300);
    m_zoom->setValue(50);
    m_zoom->setAccessibleName(tr("Zoom"));
    m_zoom->setToolTip(tr("Zoom the receipt"));
    connect(m_zoom, &QSlider::valueChanged, this, &ReceiptReviewDialog::refreshImage);
    imagePane->addWidget(m_zoom);
    columns->addLayout(imagePane, 2);

    // The lines.
    auto *linesPane = new QVBoxLayout;
    m_lines = new QTableWidget(0, ColumnCount, split);
    m_lines->setObjectName(QStringLiteral("receiptLines"));
    m_lines->setAccessibleName(tr("Receipt lines"));
    m_lines->setHorizontalHeaderLabels({tr("Product"), tr("Qty"), tr("Price"), tr("Category"), tr("Pantry"), tr("Adds"),
                                        tr("Unit"), tr("Where")});
    m_lines->verticalHeader()->setVisible(false);
    m_lines->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_lines->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_lines->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_lines->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_lines->setMinimumHeight(24 * Theme::kGrid);
    connect(m_lines, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_filling)
            return;
        if (item->column() == Name)
            proposeFor(item->row());
        refreshSumCheck();
    });
    linesPane->addWidget(m_lines, 1);
    m_lineButtons = new QWidget(split);
    auto *buttons = new QHBoxLayout(m_lineButtons);
    buttons->setContentsMargins(0, 0, 0, 0);
    auto *add = Theme::makeSecondaryButton(tr("Add line"), m_lineButtons);
    add->setObjectName(QStringLiteral("addLine"));
    connect(add, &QPushButton::clicked, this, [this] { addLine(); });
    auto *remove = Theme::makeSecondaryButton(tr("Remove line"), m_lineButtons);
    remove->setObjectName(QStringLiteral("removeLine"));
    connect(remove, &QPushButton::clicked, this, &ReceiptReviewDialog::removeSelectedLines);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    linesPane->addWidget(m_lineButtons);
    m_sumCheck = new QLabel(split);
    m_sumCheck->setObjectName(QStringLiteral("sumCheck"));
    m_sumCheck->setWordWrap(true);
    linesPane->addWidget(m_sumCheck);
    columns->addLayout(linesPane, 5);
    addContent(split);

    connect(m_total, &MoneyEdit::textChanged, this, &ReceiptReviewDialog::refreshSumCheck);
    refreshSumCheck();
}

void ReceiptReviewDialog::setReading(const ParsedReceipt &reading, const QImage &image)
{
    m_image = image;
    m_merchant->setText(reading.merchant);
    if (reading.date.isValid())
        m_date->setDate(reading.date);
    m_total->setCents(reading.totalCents.value_or(reading.linesSumCents()));
    m_lines->setRowCount(0);
    for (const ReceiptLine &line : reading.lines)
        addLine(line);
    fitImage();
    refreshSumCheck();
}

void ReceiptReviewDialog::showReceipt(const Receipt &receipt)
{
    setHeading(tr("Receipt from %1").arg(receipt.merchant), tr("Confirmed receipts cannot be changed line by line."));
    m_shownId = receipt.id;
    ReceiptImages &images = m_receipts.images();
    if (!receipt.hasImage) {
        showPlaceholder(tr("This receipt has no image."));
    } else if (const auto here = images.request(receipt.id, ReceiptImageSize::Full)) {
        m_image.loadFromData(*here, "JPEG");
    } else {
        showPlaceholder(tr("Loading image…"));
        connect(&images, &ReceiptImages::arrived, this, [this](const QString &id, ReceiptImageSize size, const QByteArray &jpeg) {
            if (id != m_shownId || size != ReceiptImageSize::Full || !m_image.isNull())
                return;
            m_image.loadFromData(jpeg, "JPEG");
            fitImage();
        });
        connect(&images, &ReceiptImages::unavailable, this, [this](const QString &id, ReceiptImageSize size, const QString &code) {
            if (id != m_shownId || size != ReceiptImageSize::Full || !m_image.isNull())
                return;
            showPlaceholder(code == QLatin1String("offline") ? tr("Image not available offline.")
                                                             : tr("The image of this receipt is not available."));
        });
    }
    m_merchant->setText(receipt.merchant);
    m_date->setDate(receipt.purchasedOn);
    m_total->setCents(receipt.totalCents);
    m_lines->setRowCount(0);
    for (const ConfirmedLine &line : receipt.lines) {
        m_lines->insertRow(m_lines->rowCount());
        fillLine(m_lines->rowCount() - 1, line);
    }
    for (QWidget *editor : {static_cast<QWidget *>(m_merchant), static_cast<QWidget *>(m_date), static_cast<QWidget *>(m_total)})
        editor->setEnabled(false);
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < m_lines->rowCount(); ++row) {
        if (QWidget *box = m_lines->cellWidget(row, AddToPantry))
            box->setEnabled(false);
    }
    m_lineButtons->setVisible(false);
    saveButton()->setVisible(false);
    cancelButton()->setText(tr("Close"));
    fitImage();
    refreshSumCheck();
}

void ReceiptReviewDialog::addLine(const ReceiptLine &line)
{
    ConfirmedLine confirmed;
    confirmed.name = line.name;
    confirmed.quantity = line.quantity;
    confirmed.priceCents = line.priceCents;
    const int row = m_lines->rowCount();
    m_lines->insertRow(row);
    fillLine(row, confirmed);
    proposeFor(row);
    refreshSumCheck();
}

void ReceiptReviewDialog::fillLine(int row, const ConfirmedLine &line)
{
    m_filling = true;
    const auto cell = [&](int column, const QString &text) {
        auto *item = new QTableWidgetItem(text);
        if (column == Quantity || column == Price || column == PantryAmount)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_lines->setItem(row, column, item);
        return item;
    };
    cell(Name, line.name)->setData(kPantryIdRole, line.pantry.pantryItemId);
    cell(Quantity, quantityText(line.quantity));
    cell(Price, Money::formatPlain(line.priceCents));
    cell(Category, line.category);
    auto *box = new QCheckBox(m_lines);
    box->setAccessibleName(tr("Add %1 to the pantry").arg(line.name));
    box->setChecked(line.pantry.add);
    m_lines->setCellWidget(row, AddToPantry, box);
    cell(PantryAmount, quantityText(line.pantry.quantity));
    cell(Unit, line.pantry.unit);
    cell(Location, line.pantry.location);
    m_filling = false;
}

// Proposes a category from earlier receipts and the pantry details from the item of the same name.
void ReceiptReviewDialog::proposeFor(int row)
{
    const QString name = m_lines->item(row, Name)->text().trimmed();
    m_filling = true;
    if (m_lines->item(row, Category)->text().isEmpty()) {
        const QString remembered = m_receipts.rememberedCategory(m_merchant->text(), name);
        m_lines->item(row, Category)->setText(remembered.isEmpty() ? tr("Groceries") : remembered);
    }
    QString matched;
    for (const PantryItem &item : m_data.pantry.records()) {
        if (!name.isEmpty() && item.name.compare(name, Qt::CaseInsensitive) == 0) {
            matched = item.id;
            m_lines->item(row, Unit)->setText(item.unit);
            m_lines->item(row, Location)->setText(item.location);
            m_lines->item(row, PantryAmount)->setText(quantityText(quantityOf(m_lines->item(row, Quantity))));
            if (auto *box = qobject_cast<QCheckBox *>(m_lines->cellWidget(row, AddToPantry)))
                box->setChecked(true);
            break;
        }
    }
    m_lines->item(row, Name)->setData(kPantryIdRole, matched);
    if (matched.isEmpty() && m_lines->item(row, Unit)->text().isEmpty())
        m_lines->item(row, Unit)->setText(tr("pcs"));
    m_filling = false;
}

void ReceiptReviewDialog::removeSelectedLines()
{
    QList<int> rows;
    for (const QModelIndex &index : m_lines->selectionModel()->selectedRows())
        rows << index.row();
    if (rows.isEmpty() && m_lines->currentRow() >= 0)
        rows << m_lines->currentRow();
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        m_lines->removeRow(row);
    refreshSumCheck();
}

qint64 ReceiptReviewDialog::priceAt(int row, bool *ok) const
{
    const QTableWidgetItem *item = m_lines->item(row, Price);
    const auto cents = item ? Money::parse(item->text().trimmed()) : std::nullopt;
    if (ok)
        *ok = cents.has_value();
    return cents.value_or(0);
}

void ReceiptReviewDialog::refreshSumCheck()
{
    qint64 sum = 0;
    bool allRead = true;
    for (int row = 0; row < m_lines->rowCount(); ++row) {
        bool ok = false;
        sum += priceAt(row, &ok);
        allRead = allRead && ok;
    }
    const QString currency = m_data.currency();
    const QString lines = Money::format(sum, currency);
    const std::optional<qint64> total = m_total->cents();
    QString text;
    QColor color = Theme::fine();
    if (!allRead) {
        text = tr("A line's price is not an amount.");
        color = Theme::danger();
    } else if (!total) {
        text = tr("Lines add up to %1.").arg(lines);
        color = Theme::warning();
    } else if (*total == sum) {
        text = tr("Lines add up to %1, the total.").arg(lines);
    } else {
        const QString difference = Money::format(std::llabs(*total - sum), currency);
        text = sum < *total ? tr("Lines add up to %1, %2 less than the total").arg(lines, difference)
                            : tr("Lines add up to %1, %2 more than the total").arg(lines, difference);
        color = Theme::warning();
    }
    m_sumCheck->setText(text);
    m_sumCheck->setStyleSheet(QStringLiteral("color: %1; font-weight: 600;").arg(color.name()));
}

void ReceiptReviewDialog::setZoomPercent(int percent)
{
    m_zoom->setValue(percent);
}

// The whole width of the paper in the image pane at first; the slider zooms from there.
void ReceiptReviewDialog::fitImage()
{
    if (!m_image.isNull())
        m_zoom->setValue(std::clamp(int(100.0 * 32 * Theme::kGrid / m_image.width()), m_zoom->minimum(), m_zoom->maximum()));
    refreshImage();
}

void ReceiptReviewDialog::showPlaceholder(const QString &text)
{
    m_imageLabel->setPixmap({});
    m_imageLabel->setText(text);
    m_imageLabel->adjustSize();
}

QString ReceiptReviewDialog::imagePlaceholder() const
{
    return m_image.isNull() ? m_imageLabel->text() : QString();
}

void ReceiptReviewDialog::refreshImage()
{
    if (m_image.isNull())
        return;
    const int width = std::max(1, m_image.width() * m_zoom->value() / 100);
    m_imageLabel->setPixmap(QPixmap::fromImage(m_image.scaledToWidth(width, Qt::SmoothTransformation)));
    m_imageLabel->adjustSize();
}

Receipt ReceiptReviewDialog::receipt() const
{
    Receipt r;
    r.merchant = m_merchant->text().trimmed();
    r.purchasedOn = m_date->date();
    r.totalCents = m_total->cents().value_or(0);
    for (int row = 0; row < m_lines->rowCount(); ++row) {
        ConfirmedLine line;
        line.name = m_lines->item(row, Name)->text().trimmed();
        line.quantity = quantityOf(m_lines->item(row, Quantity));
        line.priceCents = priceAt(row);
        line.category = m_lines->item(row, Category)->text().trimmed();
        const auto *box = qobject_cast<QCheckBox *>(m_lines->cellWidget(row, AddToPantry));
        line.pantry.add = box && box->isChecked();
        line.pantry.quantity = quantityOf(m_lines->item(row, PantryAmount));
        line.pantry.unit = m_lines->item(row, Unit)->text().trimmed();
        line.pantry.location = m_lines->item(row, Location)->text().trimmed();
        line.pantry.pantryItemId = m_lines->item(row, Name)->data(kPantryIdRole).toString();
        r.lines.append(line);
    }
    if (!m_image.isNull()) {
        r.imageJpeg = reducedJpeg(m_image);
        r.thumbnailJpeg = thumbnailJpeg(m_image);
    }
    return r;
}

QByteArray ReceiptReviewDialog::reducedJpeg(const QImage &image, qsizetype maxBytes)
{
    QImage scaled = image.width() > kReadableWidth ? image.scaledToWidth(kReadableWidth, Qt::SmoothTransformation) : image;
    scaled = scaled.convertToFormat(QImage::Format_RGB32);
    for (;;) {
        for (int quality = 85; quality >= 35; quality -= 10) {
            QByteArray bytes;
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::WriteOnly);
            scaled.save(&buffer, "JPEG", quality);
            if (bytes.size() <= maxBytes)
                return bytes;
        }
        if (scaled.width() < 200)
            return {};
        scaled = scaled.scaledToWidth(scaled.width() * 3 / 4, Qt::SmoothTransformation);
    }
}

QByteArray ReceiptReviewDialog::thumbnailJpeg(const QImage &image, int side)
{
    const QImage small = image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation).convertToFormat(QImage::Format_RGB32);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    small.save(&buffer, "JPEG", 70);
    return bytes;
}

MutationResult ReceiptReviewDialog::save()
{
    for (int row = 0; row < m_lines->rowCount(); ++row) {
        bool ok = false;
        priceAt(row, &ok);
        if (!ok)
            return MutationResult::failure(QStringLiteral("invalid"), tr("The price on line %1 is not an amount.").arg(row + 1),
                                           QStringLiteral("lines"));
    }
    if (!m_total->cents())
        return MutationResult::failure(QStringLiteral("invalid"), tr("Enter the receipt's total."), QStringLiteral("total_cents"));
    return m_confirm(receipt());
}

} // namespace hearth
