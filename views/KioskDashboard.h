#pragma once

#include <QColor>
#include <QWidget>

class QLabel;
class QLineEdit;
class QScrollArea;

namespace hearth {

class EditHistory;
class PurchaseOffer;
class HouseholdData;
class RoleGate;

// The kiosk's dashboard, made for standing in front of it: today's chores with big ticks, the
// shopping list with a quick-add field, what expires soon in the pantry, what is left of this
// month's budget, and the goals. It reads the same models as the pages and follows their signals;
// its two edits (a tick, a quick-add) go through their named mutations and the undo history, made
// as the member this device acts as.
class KioskDashboard final : public QWidget
{
    Q_OBJECT

public:
    // How many shopping cards the list shows before "and N more".
    static constexpr int kShoppingRows = 8;

    KioskDashboard(HouseholdData &data, EditHistory &history, QWidget *parent = nullptr);

    // What the tick and the quick-add field do; false with errorText() when the household refused.
    bool tick(const QString &choreId);
    bool quickAdd(const QString &title);
    // A shopping card bought (ticked off into Done, as on the board).
    bool tickCard(const QString &cardId);
    // What a tick offers when the household asks: "Put it in the pantry?"
    PurchaseOffer *purchaseOffer() const { return m_offer; }

    // Night: the quiet text in the sections turns dim too (the window sets the rest of the look).
    void setNight(bool night);
    bool isNight() const { return m_night; }
    // The quiet text's colour by day and by night (the window's style sheet uses the same).
    static QColor mutedColor(bool night);

    // The last refusal (empty after an edit that went through).
    QString errorText() const;
    // A section's text by its name ("chores", "shopping", "pantry", "budget", "goals"), for tests
    // and accessibility.
    QString sectionText(const QString &section) const;

private:
    void showError(const QString &message);

    HouseholdData &m_data;
    EditHistory &m_history;
    RoleGate *m_gate;
    QLabel *m_error;
    QLineEdit *m_quickAdd;
    PurchaseOffer *m_offer;
    bool m_night = false;
};

// The kiosk's scrolling: `content` in a frameless area that scrolls down by finger or wheel, with
// no scroll bars (a touch screen) and never sideways.
QScrollArea *makeKioskScroll(QWidget *content, QWidget *parent);

} // namespace hearth
