#pragma once

#include "FormDialog.h"
#include "receipts/ParsedReceipt.h"
#include "receipts/ReceiptRecords.h"

#include <QImage>

#include <functional>

class QDateEdit;
class QLabel;
class QLineEdit;
class QScrollArea;
class QSlider;
class QTableWidget;

namespace hearth {

class HouseholdData;
class MoneyEdit;
class ReceiptsModel;

// Reviews what OCR read before anything is written: the receipt's image beside its lines (zoom
// with the slider, scroll to look around), the shop, date and total editable, lines added,
// removed and edited, a check that the lines add up to the total (the difference in words), a
// budget category per line (proposed from earlier receipts: ReceiptsModel::rememberedCategory,
// so every device learns the same), and per line "add to pantry" with quantity, unit and
// location (proposed from the pantry item of the same name, which it then adds to).
// Confirming hands one Receipt to `confirm`; in read-only mode (an existing receipt) it only shows.
class ReceiptReviewDialog final : public FormDialog
{
    Q_OBJECT

public:
    enum Column { Name, Quantity, Price, Category, AddToPantry, PantryAmount, Unit, Location, ColumnCount };

    using ConfirmFn = std::function<MutationResult(const Receipt &receipt)>;
    ReceiptReviewDialog(HouseholdData &data, ConfirmFn confirm, QWidget *parent = nullptr);

    // What OCR proposed, and the image as loaded.
    void setReading(const ParsedReceipt &reading, const QImage &image);
    // An existing receipt, shown read-only. Its image is asked of ReceiptImages: shown at once
    // when this device has it, else "Loading image…" until it arrives (or a word on why not).
    void showReceipt(const Receipt &receipt);
    // What stands where the image goes while there is none (empty once it is shown).
    QString imagePlaceholder() const;

    // The receipt as the form says now (image reduced, pantry item ids where a name matched).
    Receipt receipt() const;
    QTableWidget *linesTable() const { return m_lines; }
    QLineEdit *merchantEdit() const { return m_merchant; }
    MoneyEdit *totalEdit() const { return m_total; }
    QLabel *sumCheck() const { return m_sumCheck; }
    void addLine(const ReceiptLine &line = {});
    void removeSelectedLines();
    void setZoomPercent(int percent);

    // A JPEG of at most `maxBytes`: scaled to a readable width, then the quality lowered (and the
    // width again) until it fits.
    static QByteArray reducedJpeg(const QImage &image, qsizetype maxBytes = 300 * 1024);
    // The small JPEG the receipts list shows (at most `side` px on its longer side), sent with the
    // image so the host need not decode images to make one.
    static QByteArray thumbnailJpeg(const QImage &image, int side = 160);

    // Room for the image beside every column of the lines (a smaller screen bounds it).
    QSize sizeHint() const override { return {125 * 8, 80 * 8}; }

private:
    MutationResult save() override;
    void fillLine(int row, const ConfirmedLine &line);
    void proposeFor(int row);
    void refreshSumCheck();
    void refreshImage();
    void fitImage();
    void showPlaceholder(const QString &text);
    qint64 priceAt(int row, bool *ok = nullptr) const;

    HouseholdData &m_data;
    ReceiptsModel &m_receipts;
    ConfirmFn m_confirm;
    QImage m_image;
    QString m_shownId; // the confirmed receipt shown, whose image may still come
    bool m_filling = false;
    QLabel *m_imageLabel;
    QScrollArea *m_imageScroll;
    QSlider *m_zoom;
    QLineEdit *m_merchant;
    QDateEdit *m_date;
    MoneyEdit *m_total;
    QTableWidget *m_lines;
    QLabel *m_sumCheck;
    QWidget *m_lineButtons;
};

} // namespace hearth
