#include "EventDialogs.h"

#include "Clock.h"
#include "HouseholdData.h"
#include "Money.h"
#include "MoneyEdit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeEdit>

#include <algorithm>

namespace hearth {

namespace {

constexpr int kTaskIdRole = Qt::UserRole + 1;

QPlainTextEdit *makeNotesEdit(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(QStringLiteral("notesEdit"));
    edit->setTabChangesFocus(true);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 16);
    return edit;
}

// "Nobody yet" and then every member, their id as the item's data.
void fillMembers(QComboBox &combo, const HouseholdData &data, const QString &none)
{
    combo.addItem(none, QString());
    for (const Member &member : data.members.records())
        combo.addItem(member.name, member.id);
}

// A "Delete…" button that closes the dialog and lets the page ask.
template <typename Dialog>
QPushButton *addDeleteButton(Dialog *dialog, QPushButton *button)
{
    button->setObjectName(QStringLiteral("deleteButton"));
    QObject::connect(button, &QPushButton::clicked, dialog, [dialog] {
        dialog->reject();
        Q_EMIT dialog->deleteRequested();
    });
    return button;
}

QDateEdit *makeDateEdit(QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("ddd d MMM yyyy"));
    return edit;
}

} // namespace

QStringList standardEventRoles()
{
    return {events::kCook, events::kLogistics, events::kHost};
}

QString eventRoleTitle(const QString &role)
{
    if (role == events::kCook)
        return EventDialog::tr("Cook");
    if (role == events::kLogistics)
        return EventDialog::tr("Logistics");
    if (role == events::kHost)
        return EventDialog::tr("Host");
    return role;
}

EventDialog::EventDialog(HouseholdData &data, Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_data(data)
    , m_submit(std::move(submit))
    , m_name(new QLineEdit(this))
    , m_date(makeDateEdit(this))
    , m_timed(new QCheckBox(tr("At"), this))
    , m_time(new QTimeEdit(this))
    , m_place(new QLineEdit(this))
    , m_guests(new QSpinBox(this))
    , m_budget(new MoneyEdit(this))
    , m_usePantry(new QCheckBox(tr("Leave off the shopping list what the pantry already holds"), this))
    , m_notes(makeNotesEdit(this))
{
    setObjectName(QStringLiteral("eventDialog"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("Mia's birthday BBQ, Sunday lunch with Grandpa…"));
    m_date->setObjectName(QStringLiteral("dateEdit"));
    m_timed->setObjectName(QStringLiteral("timedCheck"));
    m_time->setObjectName(QStringLiteral("timeEdit"));
    m_time->setDisplayFormat(QStringLiteral("HH:mm"));
    m_place->setObjectName(QStringLiteral("placeEdit"));
    m_place->setPlaceholderText(tr("The garden, Grandma's, the park…"));
    m_guests->setObjectName(QStringLiteral("guestsSpin"));
    m_guests->setRange(0, 9999);
    m_budget->setObjectName(QStringLiteral("budgetEdit"));
    m_budget->setCurrency(data.currency());
    m_usePantry->setObjectName(QStringLiteral("usePantryCheck"));

    // The day and, when it has one, the time, on one row.
    auto *when = new QWidget(this);
    auto *whenRow = new QHBoxLayout(when);
    whenRow->setContentsMargins(0, 0, 0, 0);
    whenRow->addWidget(m_date, 1);
    whenRow->addWidget(m_timed);
    whenRow->addWidget(m_time);
    when->setFocusProxy(m_date);
    connect(m_timed, &QCheckBox::toggled, m_time, &QWidget::setEnabled);

    addField(tr("&Name"), m_name, QStringLiteral("name"));
    addField(tr("&When"), when, QStringLiteral("date"));
    addField(tr("&Place"), m_place, QStringLiteral("place"));
    addField(tr("&Guests"), m_guests, QStringLiteral("guest_count"));
    addField(tr("&Budget"), m_budget, QStringLiteral("budget_cents"), tr("Leave empty for no budget."));
    addField(QString(), m_usePantry, QStringLiteral("use_pantry"));
    addField(tr("N&otes"), m_notes, QStringLiteral("notes"));
    m_delete = addDeleteButton(this, addSecondaryButton(tr("Delete…")));
    setEvent(EventPlan{}, true);
}

void EventDialog::setEvent(const EventPlan &event, bool isNew)
{
    m_event = event;
    if (isNew)
        m_event.id.clear();
    setHeading(isNew ? tr("New event") : tr("Edit event"),
               isNew ? tr("Plan it together: tasks, the menu and its shopping, and what it may cost.") : QString());
    setSaveText(isNew ? tr("Add event") : tr("Save"));
    m_delete->setVisible(!isNew);
    m_name->setText(event.name);
    m_date->setDate(event.date.isValid() ? event.date : m_data.clock.today().addDays(7));
    const QTime time = QTime::fromString(event.startTime, QStringLiteral("HH:mm"));
    m_timed->setChecked(time.isValid());
    m_time->setTime(time.isValid() ? time : QTime(15, 0));
    m_time->setEnabled(time.isValid());
    m_place->setText(event.place);
    m_guests->setValue(int(event.guestCount));
    if (event.budgetCents > 0)
        m_budget->setCents(event.budgetCents);
    else
        m_budget->clear();
    m_usePantry->setChecked(isNew || event.usePantry);
    m_notes->setPlainText(event.notes);
    m_name->setFocus();
}

EventPlan EventDialog::event() const
{
    EventPlan e = m_event;
    e.name = m_name->text().trimmed();
    e.date = m_date->date();
    e.startTime = m_timed->isChecked() ? m_time->time().toString(QStringLiteral("HH:mm")) : QString();
    e.place = m_place->text().trimmed();
    e.guestCount = m_guests->value();
    e.budgetCents = m_budget->text().trimmed().isEmpty() ? 0 : m_budget->cents().value_or(0);
    e.usePantry = m_usePantry->isChecked();
    e.notes = m_notes->toPlainText().trimmed();
    return e;
}

MutationResult EventDialog::save()
{
    if (!m_budget->text().trimmed().isEmpty() && (!m_budget->cents() || *m_budget->cents() < 0))
        return MutationResult::failure(QStringLiteral("invalid"),
                                       tr("“%1” is not an amount — write it like 150.00.").arg(m_budget->text().trimmed()),
                                       QStringLiteral("budget_cents"));
    if (m_name->text().trimmed().isEmpty())
        return MutationResult::failure(QStringLiteral("invalid"), tr("Give the event a name."), QStringLiteral("name"));
    return m_submit(event());
}

EventTaskDialog::EventTaskDialog(HouseholdData &data, const QList<EventTask> &otherTasks, const QStringList &roles,
                                 Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_data(data)
    , m_submit(std::move(submit))
    , m_title(new QLineEdit(this))
    , m_assignee(new QComboBox(this))
    , m_role(new QComboBox(this))
    , m_hasDue(new QCheckBox(tr("By"), this))
    , m_due(makeDateEdit(this))
    , m_dependsOn(new QListWidget(this))
{
    setObjectName(QStringLiteral("eventTaskDialog"));
    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_title->setPlaceholderText(tr("Buy charcoal, set the tables…"));
    m_assignee->setObjectName(QStringLiteral("assigneeCombo"));
    fillMembers(*m_assignee, data, tr("Nobody yet"));
    m_role->setObjectName(QStringLiteral("roleCombo"));
    m_role->setEditable(true);
    m_role->setInsertPolicy(QComboBox::NoInsert);
    m_role->addItem(tr("No role"), QString());
    for (const QString &role : roles)
        m_role->addItem(eventRoleTitle(role), role);
    m_hasDue->setObjectName(QStringLiteral("dueCheck"));
    m_due->setObjectName(QStringLiteral("dueEdit"));
    connect(m_hasDue, &QCheckBox::toggled, m_due, &QWidget::setEnabled);
    auto *due = new QWidget(this);
    auto *dueRow = new QHBoxLayout(due);
    dueRow->setContentsMargins(0, 0, 0, 0);
    dueRow->addWidget(m_hasDue);
    dueRow->addWidget(m_due, 1);
    due->setFocusProxy(m_hasDue);

    m_dependsOn->setObjectName(QStringLiteral("dependencyList"));
    m_dependsOn->setAccessibleName(tr("Waits for"));
    for (const EventTask &other : otherTasks) {
        auto *item = new QListWidgetItem(other.title, m_dependsOn);
        item->setData(kTaskIdRole, other.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Unchecked);
    }
    const int rows = std::clamp(int(otherTasks.size()), 2, 6);
    m_dependsOn->setFixedHeight(rows * (m_dependsOn->fontMetrics().height() + 8) + 8);
    if (otherTasks.isEmpty()) {
        auto *none = new QListWidgetItem(tr("No other tasks yet"), m_dependsOn);
        none->setFlags(Qt::NoItemFlags);
    }

    addField(tr("&Task"), m_title, QStringLiteral("title"));
    addField(tr("&Who"), m_assignee, QStringLiteral("assignee_id"));
    addField(tr("or &role"), m_role, QStringLiteral("role"), tr("Whoever holds the role is told when the task can start."));
    addField(tr("&Due"), due, QStringLiteral("due"));
    addField(tr("Waits &for"), m_dependsOn, QStringLiteral("depends_on"),
             tr("Ticked tasks must be done first; until then this one is blocked."));
    m_delete = addDeleteButton(this, addSecondaryButton(tr("Delete…")));
    setTask(EventTask{}, true);
}

void EventTaskDialog::setTask(const EventTask &task, bool isNew)
{
    m_task = task;
    if (isNew)
        m_task.id.clear();
    setHeading(isNew ? tr("New task") : tr("Edit task"),
               isNew ? tr("Say who does it, and what has to be done before it can start.") : QString());
    setSaveText(isNew ? tr("Add task") : tr("Save"));
    m_delete->setVisible(!isNew);
    m_title->setText(task.title);
    m_assignee->setCurrentIndex(std::max(0, m_assignee->findData(task.assigneeId)));
    const int roleIndex = m_role->findData(task.role);
    if (roleIndex >= 0) {
        m_role->setCurrentIndex(roleIndex);
    } else {
        m_role->setCurrentIndex(-1);
        m_role->setEditText(task.role);
    }
    m_hasDue->setChecked(task.due.isValid());
    m_due->setDate(task.due.isValid() ? task.due : m_data.clock.today().addDays(1));
    m_due->setEnabled(task.due.isValid());
    for (int i = 0; i < m_dependsOn->count(); ++i) {
        QListWidgetItem *item = m_dependsOn->item(i);
        const QString id = item->data(kTaskIdRole).toString();
        if (id.isEmpty())
            continue;
        item->setCheckState(task.dependsOn.contains(id) ? Qt::Checked : Qt::Unchecked);
        item->setHidden(id == task.id); // a task never waits for itself
    }
    m_title->setFocus();
}

EventTask EventTaskDialog::task() const
{
    EventTask t = m_task;
    t.title = m_title->text().trimmed();
    t.assigneeId = m_assignee->currentData().toString();
    // A role picked from the list keeps its stored name; one typed in is the household's own.
    const QString typed = m_role->currentText().trimmed();
    t.role = m_role->currentIndex() >= 0 && m_role->itemText(m_role->currentIndex()) == m_role->currentText()
                 ? m_role->currentData().toString()
                 : typed.toLower();
    t.due = m_hasDue->isChecked() ? m_due->date() : QDate();
    t.dependsOn.clear();
    for (int i = 0; i < m_dependsOn->count(); ++i) {
        const QListWidgetItem *item = m_dependsOn->item(i);
        if (!item->isHidden() && item->checkState() == Qt::Checked)
            t.dependsOn << item->data(kTaskIdRole).toString();
    }
    return t;
}

MutationResult EventTaskDialog::save()
{
    if (m_title->text().trimmed().isEmpty())
        return MutationResult::failure(QStringLiteral("invalid"), tr("Say what is to be done."), QStringLiteral("title"));
    return m_submit(task());
}

EventDishDialog::EventDishDialog(HouseholdData &data, Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_submit(std::move(submit))
    , m_name(new QLineEdit(this))
    , m_servings(new QSpinBox(this))
    , m_recipeServings(new QSpinBox(this))
    , m_cook(new QComboBox(this))
    , m_notes(makeNotesEdit(this))
{
    setObjectName(QStringLiteral("eventDishDialog"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("Burgers, potato salad, lemonade…"));
    m_servings->setObjectName(QStringLiteral("servingsSpin"));
    m_servings->setRange(1, 999);
    m_recipeServings->setObjectName(QStringLiteral("recipeServingsSpin"));
    m_recipeServings->setRange(1, 999);
    m_cook->setObjectName(QStringLiteral("cookCombo"));
    fillMembers(*m_cook, data, tr("Nobody yet"));
    addField(tr("&Dish"), m_name, QStringLiteral("name"));
    addField(tr("&Servings"), m_servings, QStringLiteral("servings"), tr("How many it is made for at this event."));
    addField(tr("&Recipe serves"), m_recipeServings, QStringLiteral("recipe_servings"),
             tr("The ingredients are written for this many; Hearth scales them."));
    addField(tr("&Cook"), m_cook, QStringLiteral("cook_id"));
    addField(tr("N&otes"), m_notes, QStringLiteral("notes"));
    m_delete = addDeleteButton(this, addSecondaryButton(tr("Delete…")));
    setDish(EventDish{}, true);
}

void EventDishDialog::setDish(const EventDish &dish, bool isNew)
{
    m_dish = dish;
    if (isNew)
        m_dish.id.clear();
    setHeading(isNew ? tr("New dish") : tr("Edit dish"),
               isNew ? tr("Its ingredients go on the shopping list, scaled to the servings.") : QString());
    setSaveText(isNew ? tr("Add dish") : tr("Save"));
    m_delete->setVisible(!isNew);
    m_name->setText(dish.name);
    m_servings->setValue(int(std::max<qint64>(1, dish.servings)));
    m_recipeServings->setValue(int(std::max<qint64>(1, dish.recipeServings)));
    m_cook->setCurrentIndex(std::max(0, m_cook->findData(dish.cookId)));
    m_notes->setPlainText(dish.notes);
    m_name->setFocus();
}

EventDish EventDishDialog::dish() const
{
    EventDish d = m_dish;
    d.name = m_name->text().trimmed();
    d.servings = m_servings->value();
    d.recipeServings = m_recipeServings->value();
    d.cookId = m_cook->currentData().toString();
    d.notes = m_notes->toPlainText().trimmed();
    return d;
}

MutationResult EventDishDialog::save()
{
    if (m_name->text().trimmed().isEmpty())
        return MutationResult::failure(QStringLiteral("invalid"), tr("Name the dish."), QStringLiteral("name"));
    return m_submit(dish());
}

EventIngredientDialog::EventIngredientDialog(HouseholdData &data, const EventDish &dish, Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_submit(std::move(submit))
    , m_product(new QLineEdit(this))
    , m_quantity(new QDoubleSpinBox(this))
    , m_unit(new QComboBox(this))
{
    setObjectName(QStringLiteral("eventIngredientDialog"));
    m_ingredient.dishId = dish.id;
    m_product->setObjectName(QStringLiteral("productEdit"));
    m_product->setPlaceholderText(tr("Tomatoes, minced beef, lemons…"));
    m_quantity->setObjectName(QStringLiteral("quantitySpin"));
    m_quantity->setRange(0, 100000);
    m_quantity->setDecimals(2);
    m_unit->setObjectName(QStringLiteral("unitEdit"));
    m_unit->setEditable(true);
    m_unit->setInsertPolicy(QComboBox::NoInsert);
    QStringList units = data.pantry.units();
    for (const QString &common : {QStringLiteral("g"), QStringLiteral("kg"), QStringLiteral("ml"), QStringLiteral("l"), QStringLiteral("pcs")}) {
        if (!units.contains(common))
            units << common;
    }
    m_unit->addItems(units);
    m_unit->setAccessibleName(tr("Unit"));
    auto *amount = new QWidget(this);
    auto *amountRow = new QHBoxLayout(amount);
    amountRow->setContentsMargins(0, 0, 0, 0);
    amountRow->addWidget(m_quantity, 1);
    amountRow->addWidget(m_unit, 1);
    amount->setFocusProxy(m_quantity);
    addField(tr("&Product"), m_product, QStringLiteral("product"));
    addField(tr("&Quantity"), amount, QStringLiteral("quantity"),
             tr("For the recipe's %n serving(s); the shopping list scales it.", nullptr, int(dish.recipeServings)));
    m_delete = addDeleteButton(this, addSecondaryButton(tr("Delete…")));
    setIngredient(m_ingredient, true);
    setHeading(tr("Ingredient of %1").arg(dish.name));
}

void EventIngredientDialog::setIngredient(const EventIngredient &ingredient, bool isNew)
{
    const QString dishId = m_ingredient.dishId;
    m_ingredient = ingredient;
    if (m_ingredient.dishId.isEmpty())
        m_ingredient.dishId = dishId;
    if (isNew)
        m_ingredient.id.clear();
    setSaveText(isNew ? tr("Add ingredient") : tr("Save"));
    m_delete->setVisible(!isNew);
    m_product->setText(ingredient.product);
    m_quantity->setValue(ingredient.quantity);
    m_unit->setEditText(ingredient.unit);
    m_product->setFocus();
}

EventIngredient EventIngredientDialog::ingredient() const
{
    EventIngredient i = m_ingredient;
    i.product = m_product->text().trimmed();
    i.quantity = m_quantity->value();
    i.unit = m_unit->currentText().trimmed();
    return i;
}

MutationResult EventIngredientDialog::save()
{
    if (m_product->text().trimmed().isEmpty())
        return MutationResult::failure(QStringLiteral("invalid"), tr("Say what to buy."), QStringLiteral("product"));
    MutationResult result = m_submit(ingredient());
    if (!result.ok && result.error.field == QLatin1String("unit"))
        result.error.field = QStringLiteral("quantity"); // the unit sits in the quantity's row
    return result;
}

EventPurchaseDialog::EventPurchaseDialog(HouseholdData &data, const QString &eventName, const QStringList &itemLines,
                                         Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_submit(std::move(submit))
    , m_total(new MoneyEdit(this))
    , m_addToBudget(new QCheckBox(tr("Add it to the budget of %1").arg(eventName), this))
{
    setObjectName(QStringLiteral("eventPurchaseDialog"));
    setHeading(tr("Bought %n item(s)", nullptr, int(itemLines.size())),
               tr("Everyone sees them ticked off at once; the cooks are told what is there."));
    auto *items = new QLabel(QStringLiteral("• ") + itemLines.join(QStringLiteral("\n• ")), this);
    items->setObjectName(QStringLiteral("purchaseItems"));
    items->setWordWrap(true);
    addContent(items);
    m_total->setObjectName(QStringLiteral("totalEdit"));
    m_total->setCurrency(data.currency());
    m_total->setPlaceholderText(tr("optional"));
    m_addToBudget->setObjectName(QStringLiteral("addToBudgetCheck"));
    m_addToBudget->setChecked(true);
    addField(tr("&Total paid"), m_total, QStringLiteral("total_cents"));
    addField(QString(), m_addToBudget, QStringLiteral("add_to_budget"));
    setSaveText(tr("Mark bought"));
    m_total->setFocus();
}

MutationResult EventPurchaseDialog::save()
{
    qint64 total = 0;
    if (!m_total->text().trimmed().isEmpty()) {
        const auto cents = m_total->cents();
        if (!cents || *cents < 0)
            return MutationResult::failure(QStringLiteral("invalid"),
                                           tr("“%1” is not an amount — write it like 24.50.").arg(m_total->text().trimmed()),
                                           QStringLiteral("total_cents"));
        total = *cents;
    }
    return m_submit(total, total > 0 && m_addToBudget->isChecked());
}

} // namespace hearth
