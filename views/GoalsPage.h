#pragma once

#include "Page.h"

#include <QHash>

class QFrame;
class QGridLayout;
class QLabel;
class QPushButton;
class QTimer;
class QToolButton;

namespace hearth {

class Confirmer;
class EditHistory;
class HouseholdData;
class MeterBar;
class RoleGate;
struct Goal;

// What the household saves toward: one card per goal with its progress, whether it is on track,
// and how much to put aside each month to make it. Goals are added, edited, deleted and topped up
// ("Add money") through the undo history.
class GoalsPage final : public Page
{
    Q_OBJECT

public:
    // Its place in the window (views/Pages.cpp).
    inline static const QString kId = QStringLiteral("goals");
    static PageRegistration registration();

    GoalsPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent = nullptr);

    void addNew() override;

    void editGoal(const QString &id);
    void deleteGoal(const QString &id);
    // Opens the "Add money" dialog for a goal.
    void addMoney(const QString &id);

    // The card showing a goal (null when there is none), and the ids in the order shown.
    QFrame *cardFor(const QString &id) const;
    QStringList shownIds() const;
    QString overviewText() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Card
    {
        QFrame *frame = nullptr;
        QLabel *name = nullptr;
        QLabel *status = nullptr;
        QLabel *amounts = nullptr;
        QLabel *percent = nullptr;
        MeterBar *meter = nullptr;
        QLabel *when = nullptr;
        QLabel *advice = nullptr;
        QPushButton *addMoney = nullptr;
        QToolButton *edit = nullptr;
        QToolButton *remove = nullptr;
    };

    Card makeCard(const QString &id);
    void fillCard(Card &card, const Goal &goal);
    void openGoalDialog(const Goal &goal, bool isNew);
    void scheduleRefresh();
    void refresh();
    void applyRole();
    bool maySetUpGoals() const;
    bool mayDeleteGoals() const;

    HouseholdData &m_data;
    EditHistory &m_history;
    Confirmer &m_confirmer;
    RoleGate *m_gate;
    QTimer *m_refreshTimer;
    QLabel *m_overview;
    QPushButton *m_newGoal;
    QGridLayout *m_grid;
    QFrame *m_emptyCard;
    QLabel *m_emptyText = nullptr;
    QPushButton *m_emptyButton = nullptr;
    QHash<QString, Card> m_cards;
    QStringList m_order;
    int m_columns = 2;
};

} // namespace hearth
