#pragma once

#include "FormDialog.h"
#include "events/EventRecords.h"

#include <functional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimeEdit;

namespace hearth {

class HouseholdData;
class MoneyEdit;

// The roles every event offers, whatever the household has added: cook, logistics, host. Kept
// under these names on every device, whatever the language.
QStringList standardEventRoles();
// A role as it reads on screen ("Cook"); a role the household made up reads as typed.
QString eventRoleTitle(const QString &role);

// Adds or edits an event: its name, day and time, place, guests, budget, and whether what the
// pantry holds comes off the shopping list.
class EventDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(const EventPlan &)>;

    EventDialog(HouseholdData &data, Submit submit, QWidget *parent = nullptr);

    void setEvent(const EventPlan &event, bool isNew);
    EventPlan event() const;

    QLineEdit *nameEdit() const { return m_name; }
    QDateEdit *dateEdit() const { return m_date; }
    QCheckBox *timedCheck() const { return m_timed; }
    QTimeEdit *timeEdit() const { return m_time; }
    QLineEdit *placeEdit() const { return m_place; }
    QSpinBox *guestsSpin() const { return m_guests; }
    MoneyEdit *budgetEdit() const { return m_budget; }
    QCheckBox *usePantryCheck() const { return m_usePantry; }
    // "Delete…", shown for an event that exists; the dialog closes and the page asks.
    QPushButton *deleteButton() const { return m_delete; }

Q_SIGNALS:
    void deleteRequested();

protected:
    MutationResult save() override;

private:
    HouseholdData &m_data;
    Submit m_submit;
    EventPlan m_event;
    QLineEdit *m_name;
    QDateEdit *m_date;
    QCheckBox *m_timed;
    QTimeEdit *m_time;
    QLineEdit *m_place;
    QSpinBox *m_guests;
    MoneyEdit *m_budget;
    QCheckBox *m_usePantry;
    QPlainTextEdit *m_notes;
    QPushButton *m_delete;
};

// Adds or edits a task of an event: who does it (a member, or whoever holds a role), by when, and
// the event's other tasks it waits for, ticked in a list. The household refuses a loop of waits;
// its sentence shows under the list.
class EventTaskDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(const EventTask &)>;

    // `otherTasks`: the event's tasks the new or edited one may wait for; `roles`: the roles to offer.
    EventTaskDialog(HouseholdData &data, const QList<EventTask> &otherTasks, const QStringList &roles, Submit submit,
                    QWidget *parent = nullptr);

    void setTask(const EventTask &task, bool isNew);
    EventTask task() const;

    QLineEdit *titleEdit() const { return m_title; }
    QComboBox *assigneeCombo() const { return m_assignee; }
    QComboBox *roleCombo() const { return m_role; }
    QCheckBox *dueCheck() const { return m_hasDue; }
    QDateEdit *dueEdit() const { return m_due; }
    QListWidget *dependencyList() const { return m_dependsOn; }
    QPushButton *deleteButton() const { return m_delete; }

Q_SIGNALS:
    void deleteRequested();

protected:
    MutationResult save() override;

private:
    HouseholdData &m_data;
    Submit m_submit;
    EventTask m_task;
    QLineEdit *m_title;
    QComboBox *m_assignee;
    QComboBox *m_role;
    QCheckBox *m_hasDue;
    QDateEdit *m_due;
    QListWidget *m_dependsOn;
    QPushButton *m_delete;
};

// Adds or edits a dish on an event's menu: how many it is made for, how many its recipe is for
// (the ingredients' quantities are the recipe's), and who cooks it.
class EventDishDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(const EventDish &)>;

    EventDishDialog(HouseholdData &data, Submit submit, QWidget *parent = nullptr);

    void setDish(const EventDish &dish, bool isNew);
    EventDish dish() const;

    QLineEdit *nameEdit() const { return m_name; }
    QSpinBox *servingsSpin() const { return m_servings; }
    QSpinBox *recipeServingsSpin() const { return m_recipeServings; }
    QPushButton *deleteButton() const { return m_delete; }

Q_SIGNALS:
    void deleteRequested();

protected:
    MutationResult save() override;

private:
    Submit m_submit;
    EventDish m_dish;
    QLineEdit *m_name;
    QSpinBox *m_servings;
    QSpinBox *m_recipeServings;
    QComboBox *m_cook;
    QPlainTextEdit *m_notes;
    QPushButton *m_delete;
};

// Adds or edits an ingredient of a dish, in the recipe's quantity.
class EventIngredientDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(const EventIngredient &)>;

    EventIngredientDialog(HouseholdData &data, const EventDish &dish, Submit submit, QWidget *parent = nullptr);

    void setIngredient(const EventIngredient &ingredient, bool isNew);
    EventIngredient ingredient() const;

    QLineEdit *productEdit() const { return m_product; }
    QDoubleSpinBox *quantitySpin() const { return m_quantity; }
    QComboBox *unitCombo() const { return m_unit; }
    QPushButton *deleteButton() const { return m_delete; }

Q_SIGNALS:
    void deleteRequested();

protected:
    MutationResult save() override;

private:
    Submit m_submit;
    EventIngredient m_ingredient;
    QLineEdit *m_product;
    QDoubleSpinBox *m_quantity;
    QComboBox *m_unit;
    QPushButton *m_delete;
};

// "Mark bought…" for several of an event's shopping cards at once: what they came to (optional)
// and whether that goes on the event's budget. One purchase, one change, one undo step.
class EventPurchaseDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(qint64 totalCents, bool addToBudget)>;

    // `itemLines`: what is being bought, as the list shows it ("Tomatoes — 2 kg").
    EventPurchaseDialog(HouseholdData &data, const QString &eventName, const QStringList &itemLines, Submit submit,
                        QWidget *parent = nullptr);

    MoneyEdit *totalEdit() const { return m_total; }
    QCheckBox *addToBudgetCheck() const { return m_addToBudget; }

protected:
    MutationResult save() override;

private:
    Submit m_submit;
    MoneyEdit *m_total;
    QCheckBox *m_addToBudget;
};

} // namespace hearth
