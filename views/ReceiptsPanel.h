#pragma once

#include <QFrame>
#include <QHash>
#include <QPixmap>

#include <functional>

class QLabel;
class QListView;
class QPushButton;
class QSortFilterProxyModel;

namespace hearth {

class Confirmer;
class HouseholdData;
class ReceiptFlow;
class ReceiptsModel;
class RoleGate;

// The Budget page's receipts: newest first with a thumbnail, "Add receipt…" (Ctrl+Shift+R; a
// file dialog for PNG, JPEG or PDF), receipts dropped onto the page, open one to see its image
// and lines, delete one (asking whether its transactions and pantry additions go too).
class ReceiptsPanel final : public QFrame
{
    Q_OBJECT

public:
    ReceiptsPanel(HouseholdData &data, Confirmer &confirmer, QWidget *parent = nullptr);

    // Receipts dropped anywhere on `page` are read (the Budget page).
    void acceptDropsOn(QWidget *page);
    // Asks for a file, then reads it.
    void addReceipt();
    // Reads `path` and opens the review (the command line, a drop, the file dialog).
    ReceiptFlow *readReceipt(const QString &path);
    void openSelected();
    void deleteSelected();

    // For tests: what the file dialog would answer.
    void setFileChooser(std::function<QString(QWidget *parent)> chooser) { m_chooseFile = std::move(chooser); }
    QListView *listView() const { return m_list; }
    static bool isReceiptFile(const QString &path);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    QString selectedId() const;

    HouseholdData &m_data;
    Confirmer &m_confirmer;
    ReceiptsModel &m_receipts;
    RoleGate *m_gate;
    QSortFilterProxyModel *m_sorted;
    QListView *m_list;
    QLabel *m_count;
    QLabel *m_empty;
    QLabel *m_error; // why a delete was refused
    QPushButton *m_add;
    QPushButton *m_open;
    QPushButton *m_delete;
    std::function<QString(QWidget *parent)> m_chooseFile;
};

} // namespace hearth
