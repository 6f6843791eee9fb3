#pragma once

#include "Page.h"
#include "StatusColumnList.h"
#include "events/EventRecords.h"

#include <QHash>

#include <optional>

class QButtonGroup;
class QFrame;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTimer;
class QToolButton;
class QVBoxLayout;

namespace hearth {

class CollectionModel;
class Confirmer;
class EditHistory;
class EventDishesModel;
class EventIngredientsModel;
class EventPlansModel;
class EventPurchasesModel;
class EventRolesModel;
class EventTasksModel;
class HouseholdData;
class MeterBar;
class RoleGate;
struct Mutation;
struct MutationResult;

// The tasks of an event, one column per status. Tasks are dragged between them, or moved with
// Ctrl+Left / Ctrl+Right.
class TaskColumnList final : public StatusColumnList
{
    Q_OBJECT

public:
    static QString mimeType() { return QStringLiteral("application/x-hearth-event-task"); }
    TaskColumnList(const QString &status, QWidget *parent);
};

// Events: the parties and gatherings the household plans together. On the left the coming events
// (when, how long until, where, how the budget stands) and the past ones under a fold; on the right
// the chosen event: its tasks as a board or a list with what each waits for, its menu with the
// ingredients scaled to the servings, its shopping (the linked cards of the shopping board, bought
// several at once), its budget and who holds which role. Every edit goes through the undo
// history; the household decides what follows from it (a task unblocked, a card recalculated).
class EventsPage final : public Page
{
    Q_OBJECT

public:
    inline static const QString kId = QStringLiteral("events");
    static PageRegistration registration();

    EventsPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent = nullptr);

    // A new event (Ctrl+N).
    void addNew() override;

    void selectEvent(const QString &eventId);
    QString selectedEvent() const { return m_selected; }
    void editEvent(const QString &eventId);
    // Asks, then deletes the event with everything of it as one undo step.
    void deleteEvent(const QString &eventId);

    void addTask();
    void editTask(const QString &taskId);
    void deleteTask(const QString &taskId);
    bool moveTask(const QString &taskId, const QString &status);
    void addDish();
    void editDish(const QString &dishId);
    bool setServings(const QString &dishId, int servings);
    void addIngredient(const QString &dishId);
    void editIngredient(const QString &ingredientId);
    // The quantity needed for the dish's servings (the recipe's is worked out from it).
    bool setNeededQuantity(const QString &ingredientId, double quantity);
    // Opens "Mark bought…" for the shopping cards ticked in the list.
    void markBought();
    // One purchase of `cardIds`: one change, one undo step.
    MutationResult buy(const QStringList &cardIds, qint64 totalCents, bool addToBudget);
    bool addRole(const QString &memberId, const QString &role);
    void removeRole(const QString &roleId);

    // Board or list for the tasks.
    void showTaskBoard(bool board);
    bool showsTaskBoard() const;

    // What the page shows, for tests and accessibility.
    TaskColumnList *taskColumn(const QString &status) const { return m_taskColumns.value(status); }
    QStringList taskTitles(const QString &status) const;
    // The text of a task's entry on the board ("Light the grill\nSam · …\nwaiting for: Buy charcoal").
    QString taskText(const QString &taskId) const;
    QString eventsText() const;
    QString headerText() const;
    QString menuText() const;
    QString shoppingText() const;
    QString budgetText() const;
    QString rolesText() const;
    QListWidget *shoppingList() const { return m_shoppingList; }
    // The last refusal of the household (empty when the last edit went through).
    QString errorText() const;

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleRefresh();
    void refresh();
    void refreshEvents();
    void refreshHeader(const EventPlan &event);
    void refreshTasks(const EventPlan &event);
    void fitTaskColumns();
    void refreshMenu(const EventPlan &event);
    void refreshShopping(const EventPlan &event);
    void refreshBudget(const EventPlan &event);
    void refreshRoles(const EventPlan &event);
    QWidget *makeEventRow(const EventPlan &event, QWidget *parent);
    QWidget *makeTaskRow(const EventTask &task, const QList<EventTask> &tasks, QWidget *parent);
    // The mark of a row whose edit here lost to someone else's, with Keep mine / Keep theirs; null
    // when the row has no open conflict.
    QWidget *conflictMarker(CollectionModel &model, const QString &entityId, const QString &name, QWidget *parent);
    bool applyAndReport(CollectionModel &model, const Mutation &mutation, const QString &text);
    void showError(const QString &message);
    std::optional<EventPlan> current() const;
    QStringList rolesOffered() const;
    QString taskLine(const EventTask &task, const QList<EventTask> &tasks) const;
    bool eventFilter(QObject *watched, QEvent *event) override;

    HouseholdData &m_data;
    EditHistory &m_history;
    Confirmer &m_confirmer;
    EventPlansModel &m_events;
    EventRolesModel &m_roles;
    EventTasksModel &m_tasks;
    EventDishesModel &m_dishes;
    EventIngredientsModel &m_ingredients;
    EventPurchasesModel &m_purchases;
    RoleGate *m_gate;
    QTimer *m_refreshTimer;
    QString m_selected;

    QLabel *m_subtitle;
    QPushButton *m_addEvent;
    QLabel *m_error;
    QVBoxLayout *m_upcoming;
    QToolButton *m_pastToggle;
    QWidget *m_pastBox;
    QVBoxLayout *m_past;
    QWidget *m_detail;
    QLabel *m_noEvent;
    QLabel *m_eventName;
    QLabel *m_eventWhen;
    QLabel *m_eventSummary;
    QPushButton *m_editEvent;
    QPushButton *m_deleteEvent;
    // Tasks
    QButtonGroup *m_taskView;
    QPushButton *m_addTask;
    QStackedWidget *m_taskStack;
    QHash<QString, TaskColumnList *> m_taskColumns;
    QHash<QString, QLabel *> m_taskColumnTitles;
    QVBoxLayout *m_taskList;
    QVBoxLayout *m_taskConflicts;
    // Menu
    QPushButton *m_addDish;
    QVBoxLayout *m_menu;
    // Shopping
    QLabel *m_shoppingProgress;
    MeterBar *m_shoppingMeter;
    QPushButton *m_markBought;
    QListWidget *m_shoppingList;
    QVBoxLayout *m_shoppingConflicts;
    // Budget
    QLabel *m_budgetLine;
    MeterBar *m_budgetMeter;
    QVBoxLayout *m_spending;
    // Roles
    QVBoxLayout *m_roleRows;
    QFrame *m_roleAdd;
    QList<QWidget *> m_readingOrder; // the sections Tab visits, in reading order
};

} // namespace hearth
