#pragma once

#include "FormDialog.h"
#include "ReceiptReviewDialog.h"

#include <QObject>
#include <QPointer>

class QProgressBar;

namespace hearth {

class HouseholdData;
class ReceiptReader;

// While OCR reads a receipt: a progress bar and Cancel (the reading runs on ReceiptReader's worker
// thread, so the window stays responsive). A failure is shown here, with Close.
class ReceiptProgressDialog final : public FormDialog
{
    Q_OBJECT

public:
    explicit ReceiptProgressDialog(const QString &fileName, QWidget *parent = nullptr);
    QProgressBar *bar() const { return m_bar; }
    void setPercent(int percent);
    void showFailure(const QString &message);

private:
    MutationResult save() override;
    QProgressBar *m_bar;
};

// Adding one receipt, start to end: read the file (progress, Cancel), open the review dialog on
// what was read, and confirm it as one `receipts` create. Confirming is not on the undo stack:
// a receipt is taken back by deleting it, which asks about its transactions and pantry items.
class ReceiptFlow final : public QObject
{
    Q_OBJECT

public:
    ReceiptFlow(HouseholdData &data, QWidget *window, QObject *parent = nullptr);
    ~ReceiptFlow() override;

    // Reads `path` (PNG, JPEG or PDF) and then opens the review. Deletes itself when done.
    void start(const QString &path);

    ReceiptReader &reader() const { return *m_reader; }
    ReceiptProgressDialog *progressDialog() const { return m_progress; }
    ReceiptReviewDialog *reviewDialog() const { return m_review; }

Q_SIGNALS:
    void reviewOpened(hearth::ReceiptReviewDialog *dialog);
    void confirmed(const QString &receiptId);
    void failed(const QString &message);
    void finished(); // confirmed, cancelled or failed; the flow deletes itself next

private:
    void finish();

    HouseholdData &m_data;
    QPointer<QWidget> m_window;
    std::unique_ptr<ReceiptReader> m_reader;
    QPointer<ReceiptProgressDialog> m_progress;
    QPointer<ReceiptReviewDialog> m_review;
};

} // namespace hearth
