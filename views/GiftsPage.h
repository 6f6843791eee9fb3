#pragma once

#include "Page.h"
#include "StatusColumnList.h"
#include "gifts/GiftRecords.h"

#include <QHash>

class QCheckBox;
class QComboBox;
class QFrame;
class QGridLayout;
class QLabel;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace hearth {

class Confirmer;
class EditHistory;
class GiftItemsModel;
class GiftPeopleModel;
class HouseholdData;
class OccasionsModel;
class RoleGate;

// One status column of the gift board: gifts dragged between columns, or moved with Ctrl+Left /
// Ctrl+Right.
class GiftColumnList final : public StatusColumnList
{
    Q_OBJECT

public:
    static QString mimeType() { return QStringLiteral("application/x-hearth-gift-item"); }

    GiftColumnList(const QString &status, QWidget *parent);
};

// Gifts: the coming occasions with a countdown and what their budget covers, a board per occasion
// (idea → claimed → bought → wrapped → given, drag and drop like the shopping board; moving to
// bought asks the price paid and whether to record it), each person's wish list, and the people
// and occasions themselves. What the member at this device is shown goes through the same
// visibility rule the host applies (gifts::visibleTo): their own items only ever say "Taken",
// no board shows them, and surprises for them never appear — a shared kitchen tablet spoils nothing.
class GiftsPage final : public Page
{
    Q_OBJECT

public:
    inline static const QString kId = QStringLiteral("gifts");
    static PageRegistration registration();

    GiftsPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent = nullptr);

    // A new wish for the member at this device (Ctrl+N).
    void addNew() override;
    void addIdeaFor(const QString &memberId, const QString &personId);
    void editItem(const QString &id);
    void deleteItem(const QString &id);
    void addOccasion();
    void editOccasion(const QString &id);
    void addPerson();
    void editPerson(const QString &id);
    // Moves a gift on the board (moving it to "bought" first asks the price paid).
    void moveItem(const QString &id, const QString &status);

    // The gifts the member at this device may see, as they may see them.
    QList<GiftItem> visibleItems() const;
    // What the page shows, for tests: a board column's titles, a wish list's text, the occasions.
    GiftColumnList *column(const QString &status) const { return m_columns.value(status); }
    QStringList boardTitles(const QString &status) const;
    QString wishListText(const QString &memberId, const QString &personId = {}) const;
    QString occasionsText() const;
    QComboBox *boardOccasion() const { return m_boardOccasion; }

private:
    void scheduleRefresh();
    void refresh();
    void refreshOccasions(const QList<GiftItem> &items);
    void refreshBoard(const QList<GiftItem> &items);
    void refreshWishLists(const QList<GiftItem> &items);
    void openItemDialog(const GiftItem &item, bool isNew);
    QString occasionName(const QString &id) const;
    QString recipientName(const GiftItem &item) const;
    void clearLayout(QLayout *layout);

    HouseholdData &m_data;
    EditHistory &m_history;
    Confirmer &m_confirmer;
    GiftItemsModel &m_items;
    OccasionsModel &m_occasions;
    GiftPeopleModel &m_people;
    RoleGate *m_gate;
    QTimer *m_refreshTimer;
    QLabel *m_overview;
    QPushButton *m_addWish;
    QVBoxLayout *m_occasionList;
    QComboBox *m_boardOccasion;
    QLabel *m_boardEmpty;
    QHash<QString, GiftColumnList *> m_columns;
    QVBoxLayout *m_wishLists;
    QHash<QString, QLabel *> m_wishListLabels; // by recipient key ("m:<id>" / "p:<id>")
    QFrame *m_settingsCard;
    QCheckBox *m_takenShown;
    QCheckBox *m_childListsOpen;
};

} // namespace hearth
