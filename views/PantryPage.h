#pragma once

#include "Mutation.h"
#include "Page.h"

#include <QPointer>
#include <QStringList>

class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QTableView;
class QTimer;

namespace hearth {

class Confirmer;
class EditHistory;
class HouseholdData;
class PantryFilterProxy;
class PantryItemDialog;
struct PantryItem;

// What is in the cupboards: a sortable, filterable table of the pantry with add / edit / delete
// and quick quantity changes, every edit undoable. Expired items carry a red chip, items to use
// soon an amber one.
class PantryPage final : public Page
{
    Q_OBJECT

public:
    // Its place in the window (views/Pages.cpp).
    inline static const QString kId = QStringLiteral("pantry");
    static PageRegistration registration();

    PantryPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent = nullptr);
    ~PantryPage() override;

    void addNew() override;
    void focusSearch() override;

    // Actions on the selected row(s); also behind the buttons, keys and context menu.
    void editSelected();
    void deleteSelected();
    void adjustSelected(double delta);

    QTableView *table() const { return m_table; }
    PantryFilterProxy *proxy() const { return m_proxy; }
    // The add / edit dialog while it is open.
    PantryItemDialog *dialog() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void openDialog(const PantryItem &item, bool isNew);
    // Adding what is already there (same name, unit and place): offers to add to its quantity
    // instead; declined, the dialog stays open and says why.
    MutationResult addToExisting(const PantryItem &existing, const PantryItem &added);
    QStringList selectedIds() const;
    QString currentId() const;
    void selectEntity(const QString &entityId);
    void selectIndex(const QModelIndex &index);
    void scheduleRefresh();
    void refresh();
    void refreshCategories();
    void fitColumns();
    void updateEmptyState();
    void updateActions();
    void clearFilters();
    void showContextMenu(const QPoint &pos);

    HouseholdData &m_data;
    EditHistory &m_history;
    Confirmer &m_confirmer;

    PantryFilterProxy *m_proxy;
    QTimer *m_refreshTimer;
    QLabel *m_subtitle;
    QLineEdit *m_search;
    QComboBox *m_categoryFilter;
    QPushButton *m_expiringFilter;
    QPushButton *m_addButton;
    QPushButton *m_minusButton;
    QPushButton *m_plusButton;
    QPushButton *m_editButton;
    QPushButton *m_deleteButton;
    QTableView *m_table;
    QWidget *m_emptyPanel;
    QLabel *m_emptyState;
    QPushButton *m_emptyAction;
    QStringList m_categories;
    QPointer<PantryItemDialog> m_dialog;
};

} // namespace hearth
