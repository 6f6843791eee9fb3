#include "ReceiptFlow.h"

#include "HouseholdData.h"
#include "ReceiptReader.h"
#include "ReceiptReviewDialog.h"
#include "receipts/ReceiptsModel.h"

#include <QFileInfo>
#include <QProgressBar>
#include <QPushButton>

namespace hearth {

ReceiptProgressDialog::ReceiptProgressDialog(const QString &fileName, QWidget *parent)
    : FormDialog(parent)
    , m_bar(new QProgressBar(this))
{
    setObjectName(QStringLiteral("receiptProgressDialog"));
    setWindowTitle(tr("Reading receipt"));
    setHeading(tr("Reading the receipt…"), tr("Reading %1. This takes a few seconds.").arg(fileName));
    m_bar->setRange(0, 100);
    m_bar->setAccessibleName(tr("Reading progress"));
    addContent(m_bar);
    saveButton()->setVisible(false); // nothing to confirm here; Cancel stops the reading
}

void ReceiptProgressDialog::setPercent(int percent)
{
    m_bar->setValue(percent);
}

void ReceiptProgressDialog::showFailure(const QString &message)
{
    showError(MutationError{QStringLiteral("invalid"), message, {}});
    m_bar->setVisible(false);
    cancelButton()->setText(tr("Close"));
}

MutationResult ReceiptProgressDialog::save()
{
    return MutationResult::failure(QStringLiteral("busy"), tr("The receipt is still being read."));
}

ReceiptFlow::ReceiptFlow(HouseholdData &data, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_data(data)
    , m_window(window)
    , m_reader(std::make_unique<ReceiptReader>(QLocale(), data.currency()))
{
}

ReceiptFlow::~ReceiptFlow()
{
    delete m_progress;
    delete m_review;
}

void ReceiptFlow::start(const QString &path)
{
    m_progress = new ReceiptProgressDialog(QFileInfo(path).fileName(), m_window);
    m_progress->setAttribute(Qt::WA_DeleteOnClose, false);
    connect(m_reader.get(), &ReceiptReader::progress, m_progress, &ReceiptProgressDialog::setPercent);
    connect(m_progress, &QDialog::rejected, this, [this] {
        if (m_reader->isBusy())
            m_reader->cancel(); // cancelled() finishes
        else
            finish(); // closed after a failure
    });
    connect(m_reader.get(), &ReceiptReader::cancelled, this, &ReceiptFlow::finish);
    connect(m_reader.get(), &ReceiptReader::failed, this, [this](const QString &message) {
        if (m_progress)
            m_progress->showFailure(message);
        Q_EMIT failed(message);
    });
    connect(m_reader.get(), &ReceiptReader::finished, this, [this](const ParsedReceipt &reading, const QImage &image) {
        if (m_progress)
            m_progress->hide();
        auto &receipts = m_data.model<ReceiptsModel>(Collection::Receipts);
        m_review = new ReceiptReviewDialog(
            m_data,
            [this, &receipts](const Receipt &receipt) {
                const MutationResult result = receipts.apply(receipts.confirmMutation(receipt));
                if (result.ok)
                    Q_EMIT confirmed(result.entityId);
                return result;
            },
            m_window);
        m_review->setReading(reading, image);
        connect(m_review, &QDialog::finished, this, &ReceiptFlow::finish);
        m_review->open();
        Q_EMIT reviewOpened(m_review);
    });
    m_progress->open();
    m_reader->read(path);
}

void ReceiptFlow::finish()
{
    Q_EMIT finished();
    deleteLater();
}

} // namespace hearth
