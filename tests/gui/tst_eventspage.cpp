// The Events page on a real household store, driven through its widgets: the empty state, an event
// added through its dialog (and undone), a task added through its dialog that waits for another
// (blocked, saying what it waits for), finishing that one enabling it, a loop of waits refused at
// the field, the menu's servings scaling the shopping, several cards bought as one purchase and one
// undo step, roles, deleting an event with all of it as one undo step, and the dashboard card.

#include "ConnectionStatus.h"
#include "DashboardCard.h"
#include "EditHistory.h"
#include "EventDialogs.h"
#include "EventsPage.h"
#include "HouseholdData.h"
#include "MoneyEdit.h"
#include "PageHarness.h"
#include "TestSupport.h"
#include "Translations.h"
#include "events/EventModels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QTimeEdit>
#include <QToolButton>
#include <QUndoStack>

#include <memory>

using namespace hearth;

class TestEventsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        installTranslations(*QCoreApplication::instance());
    }
    void init();
    void cleanup();

    void emptyStateSaysWhatToDo();
    void addEventThroughDialogAndUndo();
    void blockedTaskSaysWhatItWaitsFor();
    void finishingTheDependencyEnablesIt();
    void loopOfWaitsIsRefusedAtTheField();
    void servingsScaleTheShopping();
    void bulkPurchaseIsOneUndoStep();
    void rolesAreAddedAndRemoved();
    void deletingAnEventIsOneUndoStep();
    void dashboardCard();

private:
    EventPlansModel &events() const { return m_harness->data->model<EventPlansModel>(Collection::EventPlans); }
    EventTasksModel &tasks() const { return m_harness->data->model<EventTasksModel>(Collection::EventTasks); }
    EventDishesModel &dishes() const { return m_harness->data->model<EventDishesModel>(Collection::EventDishes); }
    EventIngredientsModel &ingredients() const
    {
        return m_harness->data->model<EventIngredientsModel>(Collection::EventIngredients);
    }
    EventRolesModel &roles() const { return m_harness->data->model<EventRolesModel>(Collection::EventRoles); }
    template <typename Dialog>
    Dialog *openDialog() const
    {
        for (Dialog *d : m_page->findChildren<Dialog *>()) {
            if (d->isVisible())
                return d;
        }
        return nullptr;
    }
    QString addEvent(const QString &name, const QDate &date, qint64 budgetCents = 0);
    QString addTask(const QString &eventId, const QString &title, const QStringList &dependsOn = {}, const QString &role = {});
    QString addDish(const QString &eventId, const QString &name, int servings, int recipeServings);
    QString addIngredient(const QString &dishId, const QString &product, double quantity, const QString &unit);
    QString cardTitled(const QString &title) const;

    std::unique_ptr<test::PageHarness> m_harness;
    std::unique_ptr<EventsPage> m_page;
    QString m_alex;
    QString m_sam;
};

void TestEventsPage::init()
{
    m_harness = std::make_unique<test::PageHarness>();
    QVERIFY(m_harness->isValid());
    m_alex = m_harness->household.engine().actingMemberId();
    const MutationResult sam = m_harness->data->members.apply(m_harness->data->members.addMutation(QStringLiteral("Sam"), QStringLiteral("adult")));
    QVERIFY(sam.ok);
    m_sam = sam.entityId;
    m_page = m_harness->show<EventsPage>(QSize(1300, 900));
    QVERIFY(m_page);
}

void TestEventsPage::cleanup()
{
    m_page.reset();
    m_harness.reset();
}

QString TestEventsPage::addEvent(const QString &name, const QDate &date, qint64 budgetCents)
{
    EventPlan event;
    event.name = name;
    event.date = date;
    event.startTime = QStringLiteral("15:00");
    event.place = QStringLiteral("The garden");
    event.guestCount = 12;
    event.budgetCents = budgetCents;
    event.usePantry = false;
    const MutationResult r = events().apply(events().addMutation(event));
    if (!r.ok)
        qWarning("addEvent: %s", qPrintable(r.error.message));
    return r.entityId;
}

QString TestEventsPage::addTask(const QString &eventId, const QString &title, const QStringList &dependsOn, const QString &role)
{
    EventTask task;
    task.eventId = eventId;
    task.title = title;
    task.dependsOn = dependsOn;
    task.role = role;
    task.position = double(tasks().records().size());
    for (const QString &id : dependsOn)
        task.status = tasks().find(id)->done() ? task.status : QStringLiteral("blocked");
    const MutationResult r = tasks().apply(tasks().addMutation(task));
    if (!r.ok)
        qWarning("addTask: %s", qPrintable(r.error.message));
    return r.entityId;
}

QString TestEventsPage::addDish(const QString &eventId, const QString &name, int servings, int recipeServings)
{
    EventDish dish;
    dish.eventId = eventId;
    dish.name = name;
    dish.servings = servings;
    dish.recipeServings = recipeServings;
    const MutationResult r = dishes().apply(dishes().addMutation(dish));
    if (!r.ok)
        qWarning("addDish: %s", qPrintable(r.error.message));
    return r.entityId;
}

QString TestEventsPage::addIngredient(const QString &dishId, const QString &product, double quantity, const QString &unit)
{
    EventIngredient ingredient;
    ingredient.dishId = dishId;
    ingredient.product = product;
    ingredient.quantity = quantity;
    ingredient.unit = unit;
    const MutationResult r = ingredients().apply(ingredients().addMutation(ingredient));
    if (!r.ok)
        qWarning("addIngredient: %s", qPrintable(r.error.message));
    return r.entityId;
}

QString TestEventsPage::cardTitled(const QString &title) const
{
    for (const BoardCard &card : m_harness->data->cards.records()) {
        if (card.title == title)
            return card.id;
    }
    return {};
}

void TestEventsPage::emptyStateSaysWhatToDo()
{
    auto *empty = m_page->findChild<QLabel *>(QStringLiteral("emptyState"));
    QVERIFY(empty && empty->isVisible());
    QVERIFY(empty->text().startsWith(QStringLiteral("No event planned yet")));
    QVERIFY(!m_page->findChild<QPushButton *>(QStringLiteral("addTaskButton"))->isVisible());
}

void TestEventsPage::addEventThroughDialogAndUndo()
{
    m_page->addNew(); // Ctrl+N
    auto *dialog = openDialog<EventDialog>();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Mia's birthday BBQ"));
    dialog->dateEdit()->setDate(QDate(2026, 3, 21)); // a Saturday, in 6 days
    dialog->timedCheck()->setChecked(true);
    dialog->timeEdit()->setTime(QTime(15, 0));
    QTest::keyClicks(dialog->placeEdit(), QStringLiteral("The garden"));
    dialog->guestsSpin()->setValue(14);
    dialog->budgetEdit()->setText(QStringLiteral("150"));
    dialog->saveButton()->click();
    QTRY_VERIFY(!dialog->isVisible());

    QCOMPARE(events().records().size(), 1);
    const EventPlan bbq = events().records().first();
    QCOMPARE(bbq.startTime, QStringLiteral("15:00"));
    QCOMPARE(bbq.budgetCents, 15000);
    QCOMPARE(m_page->selectedEvent(), bbq.id);
    QTRY_VERIFY2(m_page->eventsText().contains(QStringLiteral("Mia's birthday BBQ, Sat 21 Mar, 15:00 · in 6 days")),
                 qPrintable(m_page->eventsText()));
    QVERIFY2(m_page->headerText().contains(QStringLiteral("The garden · 14 guests")), qPrintable(m_page->headerText()));

    m_harness->undo.undo();
    QCOMPARE(events().records().size(), 0);
    QTRY_VERIFY(m_page->eventsText().isEmpty());
}

void TestEventsPage::blockedTaskSaysWhatItWaitsFor()
{
    const QString bbq = addEvent(QStringLiteral("BBQ"), QDate(2026, 3, 21));
    const QString charcoal = addTask(bbq, QStringLiteral("Buy charcoal"));
    QTRY_COMPARE(m_page->taskTitles(QStringLiteral("todo")), QStringList{QStringLiteral("Buy charcoal")});

    // Added through the dialog, ticking what it waits for.
    m_page->addTask();
    auto *dialog = openDialog<EventTaskDialog>();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->titleEdit(), QStringLiteral("Light the grill"));
    dialog->roleCombo()->setCurrentIndex(dialog->roleCombo()->findData(QStringLiteral("cook")));
    QListWidget *waits = dialog->dependencyList();
    QCOMPARE(waits->count(), 1);
    QCOMPARE(waits->item(0)->text(), QStringLiteral("Buy charcoal"));
    waits->item(0)->setCheckState(Qt::Checked);
    dialog->saveButton()->click();
    QTRY_VERIFY(!dialog->isVisible());

    QCOMPARE(tasks().tasksOf(bbq).size(), 2);
    const EventTask grill = tasks().tasksOf(bbq).last(); // added at the end
    QCOMPARE(grill.dependsOn, QStringList{charcoal});
    QCOMPARE(grill.role, QStringLiteral("cook"));
    QCOMPARE(grill.status, QStringLiteral("blocked")); // the household decides
    QTRY_COMPARE(m_page->taskTitles(QStringLiteral("blocked")), QStringList{QStringLiteral("Light the grill")});
    QVERIFY2(m_page->taskText(grill.id).contains(QStringLiteral("waiting for: Buy charcoal")), qPrintable(m_page->taskText(grill.id)));
    QVERIFY(m_page->taskText(grill.id).contains(QStringLiteral("Cook")));

    // The list shows the same, with no "Start" for what cannot start.
    m_page->showTaskBoard(false);
    QTRY_VERIFY(!m_page->showsTaskBoard());
    bool found = false;
    for (const QLabel *text : m_page->findChildren<QLabel *>(QStringLiteral("taskText"))) {
        if (text->isVisible() && text->text().startsWith(QStringLiteral("Light the grill"))) {
            found = true;
            QVERIFY(text->text().contains(QStringLiteral("waiting for: Buy charcoal")));
        }
    }
    QVERIFY(found);
    for (const QPushButton *move : m_page->findChildren<QPushButton *>(QStringLiteral("taskMoveButton")))
        QVERIFY(!move->isVisible() || !move->accessibleName().contains(QStringLiteral("Light the grill")));
}

void TestEventsPage::finishingTheDependencyEnablesIt()
{
    const QString bbq = addEvent(QStringLiteral("BBQ"), QDate(2026, 3, 21));
    const QString charcoal = addTask(bbq, QStringLiteral("Buy charcoal"));
    const QString grill = addTask(bbq, QStringLiteral("Light the grill"), {charcoal});
    QTRY_COMPARE(m_page->taskTitles(QStringLiteral("blocked")), QStringList{QStringLiteral("Light the grill")});

    // Ctrl+Right twice: to do → in progress → done.
    TaskColumnList *todo = m_page->taskColumn(QStringLiteral("todo"));
    todo->setFocus();
    todo->setCurrentRow(0);
    QTest::keyClick(todo, Qt::Key_Right, Qt::ControlModifier);
    QCOMPARE(tasks().find(charcoal)->status, QStringLiteral("in_progress"));
    QTRY_COMPARE(m_page->taskTitles(QStringLiteral("in_progress")), QStringList{QStringLiteral("Buy charcoal")});
    TaskColumnList *doing = m_page->taskColumn(QStringLiteral("in_progress"));
    doing->setFocus();
    doing->setCurrentRow(0);
    QTest::keyClick(doing, Qt::Key_Right, Qt::ControlModifier);
    QCOMPARE(tasks().find(charcoal)->status, QStringLiteral("done"));

    // The grill can start now, in the same change.
    QCOMPARE(tasks().find(grill)->status, QStringLiteral("todo"));
    QTRY_COMPARE(m_page->taskTitles(QStringLiteral("todo")), QStringList{QStringLiteral("Light the grill")});
    QCOMPARE(m_page->taskTitles(QStringLiteral("blocked")), QStringList());
    QVERIFY2(m_page->taskText(grill).contains(QStringLiteral("after: Buy charcoal")), qPrintable(m_page->taskText(grill)));

    // Undone, it waits again.
    m_harness->undo.undo();
    QCOMPARE(tasks().find(charcoal)->status, QStringLiteral("in_progress"));
    QCOMPARE(tasks().find(grill)->status, QStringLiteral("blocked"));
    QTRY_COMPARE(m_page->taskTitles(QStringLiteral("blocked")), QStringList{QStringLiteral("Light the grill")});

    // Starting a blocked task is refused with what it waits for.
    QVERIFY(!m_page->moveTask(grill, QStringLiteral("in_progress")));
    QVERIFY2(m_page->errorText().contains(QStringLiteral("Buy charcoal")), qPrintable(m_page->errorText()));
}

void TestEventsPage::loopOfWaitsIsRefusedAtTheField()
{
    const QString bbq = addEvent(QStringLiteral("BBQ"), QDate(2026, 3, 21));
    const QString charcoal = addTask(bbq, QStringLiteral("Buy charcoal"));
    addTask(bbq, QStringLiteral("Light the grill"), {charcoal});
    QTRY_COMPARE(m_page->taskTitles(QStringLiteral("todo")), QStringList{QStringLiteral("Buy charcoal")});

    m_page->editTask(charcoal);
    auto *dialog = openDialog<EventTaskDialog>();
    QVERIFY(dialog);
    QListWidget *waits = dialog->dependencyList();
    QListWidgetItem *grillItem = nullptr;
    for (int i = 0; i < waits->count(); ++i) {
        if (!waits->item(i)->isHidden() && waits->item(i)->text() == QLatin1String("Light the grill"))
            grillItem = waits->item(i);
    }
    QVERIFY(grillItem);
    grillItem->setCheckState(Qt::Checked);
    dialog->saveButton()->click();
    QVERIFY(dialog->isVisible()); // stays open with what was ticked
    QVERIFY2(!dialog->errorText(QStringLiteral("depends_on")).isEmpty(), qPrintable(dialog->errorText()));
    QVERIFY(tasks().find(charcoal)->dependsOn.isEmpty());
    dialog->reject();
}

void TestEventsPage::servingsScaleTheShopping()
{
    const QString bbq = addEvent(QStringLiteral("BBQ"), QDate(2026, 3, 21));
    const QString burgers = addDish(bbq, QStringLiteral("Burgers"), 4, 4);
    const QString beef = addIngredient(burgers, QStringLiteral("Minced beef"), 500, QStringLiteral("g"));
    QTRY_VERIFY2(m_page->menuText().contains(QStringLiteral("Minced beef 500")), qPrintable(m_page->menuText()));
    QTRY_VERIFY(!cardTitled(QStringLiteral("Minced beef")).isEmpty());

    // Twelve servings: the spin box of the dish, as a person types.
    QSpinBox *servings = nullptr;
    for (QSpinBox *spin : m_page->findChildren<QSpinBox *>(QStringLiteral("servingsSpin"))) {
        if (spin->isVisible())
            servings = spin;
    }
    QVERIFY(servings);
    servings->setFocus();
    servings->selectAll();
    QTest::keyClicks(servings, QStringLiteral("12"));
    QTest::keyClick(servings, Qt::Key_Return);
    QTRY_COMPARE(dishes().find(burgers)->servings, 12);
    QTRY_VERIFY2(m_page->menuText().contains(QStringLiteral("Minced beef 1500")), qPrintable(m_page->menuText()));
    QTRY_COMPARE(m_harness->data->cards.find(cardTitled(QStringLiteral("Minced beef")))->needQuantity, 1500.0);
    QTRY_VERIFY2(m_page->shoppingText().contains(QStringLiteral("Minced beef")), qPrintable(m_page->shoppingText()));

    // The quick quantity edit is what these servings need; the recipe keeps its own.
    QVERIFY(m_page->setNeededQuantity(beef, 1800));
    QCOMPARE(ingredients().find(beef)->quantity, 600.0);
    QTRY_COMPARE(m_harness->data->cards.find(cardTitled(QStringLiteral("Minced beef")))->needQuantity, 1800.0);
    m_harness->undo.undo();
    QCOMPARE(ingredients().find(beef)->quantity, 500.0);
}

void TestEventsPage::bulkPurchaseIsOneUndoStep()
{
    const QString bbq = addEvent(QStringLiteral("BBQ"), QDate(2026, 3, 21), 15000);
    const QString salad = addDish(bbq, QStringLiteral("Salad"), 4, 4);
    addIngredient(salad, QStringLiteral("Tomatoes"), 1, QStringLiteral("kg"));
    addIngredient(salad, QStringLiteral("Cucumber"), 2, QStringLiteral("pcs"));
    addIngredient(salad, QStringLiteral("Feta"), 200, QStringLiteral("g"));
    QTRY_COMPARE(m_page->shoppingList()->count(), 3);
    QVERIFY2(m_page->shoppingText().startsWith(QStringLiteral("0 of 3 bought")), qPrintable(m_page->shoppingText()));

    // Two ticked, bought as one purchase with its total on the event's budget.
    QListWidget *list = m_page->shoppingList();
    int ticked = 0;
    for (int i = 0; i < list->count(); ++i) {
        if (!list->item(i)->text().startsWith(QStringLiteral("Feta"))) {
            list->item(i)->setCheckState(Qt::Checked);
            ++ticked;
        }
    }
    QCOMPARE(ticked, 2);
    auto *markBought = m_page->findChild<QPushButton *>(QStringLiteral("markBoughtButton"));
    QVERIFY(markBought->isEnabled());
    const int stepsBefore = m_harness->undo.count();
    const int transactionsBefore = int(m_harness->data->budget.records().size());
    markBought->click();
    auto *dialog = openDialog<EventPurchaseDialog>();
    QVERIFY(dialog);
    dialog->totalEdit()->setText(QStringLiteral("12.50"));
    QVERIFY(dialog->addToBudgetCheck()->isChecked());
    dialog->saveButton()->click();
    QTRY_VERIFY(!dialog->isVisible());

    QCOMPARE(m_harness->undo.count(), stepsBefore + 1);
    const BoardCard tomatoes = *m_harness->data->cards.find(cardTitled(QStringLiteral("Tomatoes")));
    QVERIFY(tomatoes.done);
    QCOMPARE(tomatoes.boughtBy, m_alex);
    QVERIFY(m_harness->data->cards.find(cardTitled(QStringLiteral("Cucumber")))->done);
    QVERIFY(!m_harness->data->cards.find(cardTitled(QStringLiteral("Feta")))->done);
    QCOMPARE(m_harness->data->budget.records().size(), transactionsBefore + 1);
    QTRY_COMPARE(events().find(bbq)->spentCents, 1250);
    QTRY_VERIFY2(m_page->shoppingText().startsWith(QStringLiteral("2 of 3 bought")), qPrintable(m_page->shoppingText()));
    QVERIFY2(m_page->shoppingText().contains(QStringLiteral("bought 1 kg by Alex")), qPrintable(m_page->shoppingText()));
    QTRY_VERIFY2(m_page->budgetText().contains(QStringLiteral("€12.50 spent of €150.00 · €137.50 left")), qPrintable(m_page->budgetText()));
    QTRY_VERIFY2(m_page->menuText().contains(QStringLiteral("✓ available 1 kg")), qPrintable(m_page->menuText()));

    // One step back takes the purchase back.
    auto &purchases = m_harness->data->model<EventPurchasesModel>(Collection::EventPurchases);
    QCOMPARE(purchases.purchasesOf(bbq).size(), 1);
    m_harness->undo.undo();
    QCOMPARE(m_harness->undo.index(), stepsBefore);
    QCOMPARE(purchases.purchasesOf(bbq).size(), 0);
}

void TestEventsPage::rolesAreAddedAndRemoved()
{
    addEvent(QStringLiteral("BBQ"), QDate(2026, 3, 21));
    QTRY_VERIFY(m_page->findChild<QPushButton *>(QStringLiteral("addRoleButton"))->isVisible());
    QVERIFY(m_page->addRole(m_sam, QStringLiteral("cook")));
    QVERIFY(m_page->addRole(m_sam, QStringLiteral("logistics")));
    QVERIFY(m_page->addRole(m_alex, QStringLiteral("face painting")));
    QVERIFY(!m_page->addRole(m_sam, QStringLiteral("cook")));
    QCOMPARE(m_page->errorText(), QStringLiteral("Sam is already Cook for this event."));
    QTRY_VERIFY2(m_page->rolesText().contains(QStringLiteral("Sam\nCook\nLogistics")), qPrintable(m_page->rolesText()));
    QVERIFY(m_page->rolesText().contains(QStringLiteral("face painting")));
    // A household's own role is offered for the next one.
    auto *roleCombo = m_page->findChild<QComboBox *>(QStringLiteral("roleNameCombo"));
    QVERIFY(roleCombo->findData(QStringLiteral("face painting")) >= 0);

    QCOMPARE(roles().records().size(), 3);
    QToolButton *remove = m_page->findChildren<QToolButton *>(QStringLiteral("removeRoleButton")).value(0);
    QVERIFY(remove);
    remove->click();
    QCOMPARE(roles().records().size(), 2);
    m_harness->undo.undo();
    QCOMPARE(roles().records().size(), 3);
}

void TestEventsPage::deletingAnEventIsOneUndoStep()
{
    const QString bbq = addEvent(QStringLiteral("BBQ"), QDate(2026, 3, 21));
    const QString charcoal = addTask(bbq, QStringLiteral("Buy charcoal"));
    const QString grill = addTask(bbq, QStringLiteral("Light the grill"), {charcoal});
    addTask(bbq, QStringLiteral("Grill"), {grill});
    const QString salad = addDish(bbq, QStringLiteral("Salad"), 4, 4);
    addIngredient(salad, QStringLiteral("Tomatoes"), 1, QStringLiteral("kg"));
    QVERIFY(roles().apply(roles().assignMutation(bbq, m_sam, QStringLiteral("cook"))).ok);
    QTRY_COMPARE(m_page->selectedEvent(), bbq);
    const int stepsBefore = m_harness->undo.count();

    m_page->findChild<QPushButton *>(QStringLiteral("deleteEventButton"))->click();
    QCOMPARE(m_harness->confirmer.asked, 1);
    QVERIFY2(m_page->errorText().isEmpty(), qPrintable(m_page->errorText()));
    QVERIFY(!events().find(bbq));
    QCOMPARE(tasks().records().size(), 0);
    QCOMPARE(dishes().records().size(), 0);
    QCOMPARE(ingredients().records().size(), 0);
    QCOMPARE(roles().records().size(), 0);
    QCOMPARE(m_harness->undo.count(), stepsBefore + 1);
    QTRY_VERIFY(m_page->eventsText().isEmpty());

    m_harness->undo.undo();
    QVERIFY(events().find(bbq));
    QCOMPARE(tasks().tasksOf(bbq).size(), 3);
    QCOMPARE(tasks().find(grill)->dependsOn, QStringList{charcoal});
    QCOMPARE(ingredients().ofEvent(bbq).size(), 1);
    QCOMPARE(roles().rolesOf(bbq).size(), 1);
    QTRY_VERIFY(m_page->eventsText().contains(QStringLiteral("BBQ")));
}

void TestEventsPage::dashboardCard()
{
    const PageRegistration registration = EventsPage::registration();
    QVERIFY(registration.dashboardCard);
    ConnectionStatus connection;
    PageContext context{*m_harness->data, m_harness->history, m_harness->confirmer, connection};
    std::unique_ptr<DashboardCard> card(registration.dashboardCard(context, nullptr));
    QTRY_VERIFY2(card->text().startsWith(QStringLiteral("No event planned")), qPrintable(card->text()));

    addEvent(QStringLiteral("Long ago"), QDate(2026, 1, 2));
    const QString bbq = addEvent(QStringLiteral("BBQ"), QDate(2026, 3, 21), 15000);
    addEvent(QStringLiteral("Later"), QDate(2026, 5, 1));
    const QString charcoal = addTask(bbq, QStringLiteral("Buy charcoal"));
    addTask(bbq, QStringLiteral("Light the grill"), {charcoal});
    addTask(bbq, QStringLiteral("Borrow chairs"));
    QVERIFY(tasks().apply(tasks().statusMutation(charcoal, QStringLiteral("done"))).ok);
    const QString salad = addDish(bbq, QStringLiteral("Salad"), 4, 4);
    addIngredient(salad, QStringLiteral("Tomatoes"), 1, QStringLiteral("kg"));
    QTRY_VERIFY2(card->text().contains(QStringLiteral("BBQ: Sat 21 Mar, 15:00 · in 6 days")), qPrintable(card->text()));
    QVERIFY2(card->text().contains(QStringLiteral("Tasks: 1 of 3 done · 2 can start")), qPrintable(card->text()));
    QVERIFY2(card->text().contains(QStringLiteral("Shopping: 0 of 1 bought")), qPrintable(card->text()));
    QVERIFY2(card->text().contains(QStringLiteral("Budget: €0.00 of €150.00 · within budget")), qPrintable(card->text()));
}

QTEST_MAIN(TestEventsPage)
#include "tst_eventspage.moc"
