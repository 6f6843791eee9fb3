#pragma once

#include <QFrame>
#include <QSet>

class QLabel;
class QPushButton;

namespace hearth {

class EditHistory;
class HouseholdData;

// "You bought Milk (2 l). [Add to pantry] [Not now]": what a tick offers when the household's rule
// is "ask" (household.bought_to_pantry). It follows the cards model rather than the views that
// tick (a click, a key, a drag into Done, the kiosk's tick all count): a card that has just become
// done, bought by the member at this device, going into the pantry and not there yet, is offered
// until it is added, dismissed, unticked or another tick replaces it. Never modal and never takes
// the focus; Alt+P adds. "Add" applies BoardCardsModel::pantryMutation through the undo history,
// so Ctrl+Z takes it back out (and undoing the tick itself takes it back too, on the host).
class PurchaseOffer final : public QFrame
{
    Q_OBJECT

public:
    enum class Size { Desktop, Touch }; // Touch: the kiosk's 56 px targets and larger type

    PurchaseOffer(HouseholdData &data, EditHistory &history, Size size, QWidget *parent = nullptr);

    // The card offered, empty when nothing is.
    QString cardId() const { return m_cardId; }
    QString text() const;
    QPushButton *addButton() const { return m_add; }
    QPushButton *dismissButton() const { return m_dismiss; }

    // Puts the offered card's purchase into the pantry; false (and the reason, errorText()) when refused.
    bool addToPantry();
    void dismiss();
    QString errorText() const { return m_error; }

private:
    void cardsChanged(int first, int last);
    void offer(const QString &cardId);
    void recheck();

    HouseholdData &m_data;
    EditHistory &m_history;
    QLabel *m_label;
    QPushButton *m_add;
    QPushButton *m_dismiss;
    QString m_cardId;
    QString m_error;
    QSet<QString> m_done; // cards known to be done, so only a new tick is offered
};

} // namespace hearth
