#pragma once

// Every dialog the app opens, built on a household's data and filled from it (the first record of
// each kind, so the dialogs are as long as in use). For the screenshots (app/render_pages.cpp) and
// the size checks (tests/gui/tst_screenfit.cpp): one list, so a new dialog is rendered and checked
// once it is added here. Header-only: nothing in the app itself needs it. Saving does nothing.

#include "BudgetModel.h"
#include "CardDialog.h"
#include "Clock.h"
#include "ChoreDialogs.h"
#include "Confirmer.h"
#include "CsvMappingDialog.h"
#include "EventDialogs.h"
#include "GiftDialogs.h"
#include "GoalDialog.h"
#include "GoalsModel.h"
#include "DnsSd.h"
#include "HostDialog.h"
#include "ImportPreviewDialog.h"
#include "HouseholdData.h"
#include "HouseholdModel.h"
#include "HouseholdSession.h"
#include "JoinDialog.h"
#include "MemberPinDialog.h"
#include "PantryItemDialog.h"
#include "Money.h"
#include "PantryModel.h"
#include "ReceiptFlow.h"
#include "ReceiptReviewDialog.h"
#include "SettingsDialog.h"
#include "TransactionDialog.h"
#include "chores/ChoresModels.h"
#include "events/EventModels.h"
#include "gifts/GiftsModels.h"

#include <QDir>
#include <QList>
#include <QPainter>
#include <QSettings>
#include <QString>

#include <algorithm>
#include <functional>
#include <memory>

namespace hearth {

struct DialogSample
{
    QString id; // file-name friendly: "transaction", "host"
    std::function<std::unique_ptr<QDialog>(QWidget *parent)> make;
};

namespace dialogcatalog {

inline MutationResult nothingSaved()
{
    MutationResult result;
    result.ok = true;
    return result;
}

// A month's statement of a current account as the preview shows it: new rows, two the household
// imported before, one it imported and then removed, two typed by hand that the bank's rows
// match, one from last month.
inline ImportPlan sampleImportPlan(const HouseholdData &data)
{
    const QDate today = data.clock.today();
    const QDate first(today.year(), today.month(), 1);
    Statement statement;
    statement.format = QStringLiteral("camt.053");
    statement.account = QStringLiteral("DE89 3704 0044 0532 0130 00");
    const auto row = [&statement](const QDate &date, qint64 cents, const char *payee, const char *memo, const QString &id) {
        statement.rows.append({date, cents, QString::fromUtf8(payee), QString::fromUtf8(memo), id, 0});
    };
    row(first.addDays(-2), -6490, "Stadtwerke", "Abschlag Strom", QStringLiteral("2024-0198"));
    row(first, -120000, "Hausverwaltung Meyer", "Miete", QStringLiteral("2024-0201"));
    row(first, 320000, "Acme GmbH", "Gehalt", QStringLiteral("2024-0202"));
    QList<BudgetTransaction> transactions = data.budget.records();
    // The two at the top were imported from last week's file already.
    for (const char *id : {"2024-0201", "2024-0202"}) {
        BudgetTransaction known;
        known.importKey = bankkey::fromBankId(QStringLiteral("Checking"), QString::fromLatin1(id));
        transactions.append(known);
    }
    // The two newest transactions typed by hand come back from the bank a day later.
    QList<BudgetTransaction> typed = data.budget.records();
    std::sort(typed.begin(), typed.end(), [](const auto &a, const auto &b) { return a.occurredOn > b.occurredOn; });
    for (int i = 0; i < std::min<qsizetype>(2, typed.size()); ++i)
        row(typed.at(i).occurredOn.addDays(1), -typed.at(i).amountCents, "REWE SAGT DANKE 4471", "Kartenzahlung",
            QStringLiteral("2024-03%1").arg(i));
    const char *payees[] = {"Deutsche Bahn", "Netflix", "dm-drogerie markt", "Bäckerei Kamps", "Aral Tankstelle",
                            "Apotheke am Markt", "IKEA Berlin", "Stadtbibliothek", "Spotify", "Edeka Center"};
    const qint64 amounts[] = {-3990, -1299, -2347, -685, -6512, -1450, -8999, -1000, -1099, -5632};
    for (int i = 0; i < 10; ++i)
        row(first.addDays(std::min(i + 2, today.day() - 1)), amounts[i], payees[i], "", QStringLiteral("2024-04%1").arg(i));
    // Someone removed the streaming subscription after the last import.
    RemovedBankRow removed;
    removed.id = QStringLiteral("removed-netflix");
    removed.importKey = bankkey::fromBankId(QStringLiteral("Checking"), QStringLiteral("2024-041"));
    return BankImportPlanner::plan(statement, QStringLiteral("Checking"),
                                   QStringLiteral("Kontoauszug-%1.xml").arg(today.toString(QStringLiteral("yyyy-MM"))),
                                   transactions, {removed}, today);
}

template <typename Record, typename Model>
Record firstOf(const Model &model)
{
    return model.records().isEmpty() ? Record{} : model.records().first();
}

// A till roll as the review dialog shows one: drawn here, so the catalog needs no file.
inline QImage sampleReceiptImage(const ParsedReceipt &receipt)
{
    QImage image(576, 200 + 34 * int(receipt.lines.size()) + 160, QImage::Format_RGB32);
    image.fill(QColor(250, 248, 240));
    QPainter painter(&image);
    painter.setPen(Qt::black);
    QFont font(QStringLiteral("DejaVu Sans Mono"));
    font.setPixelSize(26);
    painter.setFont(font);
    int y = 60;
    const auto row = [&](const QString &left, const QString &right = {}) {
        painter.drawText(QRect(30, y - 26, 516, 34), Qt::AlignLeft, left);
        painter.drawText(QRect(30, y - 26, 516, 34), Qt::AlignRight, right);
        y += 34;
    };
    font.setBold(true);
    painter.setFont(font);
    row(receipt.merchant);
    font.setBold(false);
    painter.setFont(font);
    row(receipt.date.toString(QStringLiteral("dd.MM.yyyy")) + QStringLiteral(" 18:42"));
    y += 34;
    for (const ReceiptLine &line : receipt.lines)
        row(line.name, Money::formatPlain(line.priceCents));
    y += 20;
    row(QStringLiteral("SUMME"), Money::formatPlain(receipt.totalCents.value_or(0)));
    return image;
}

inline ParsedReceipt sampleReading()
{
    ParsedReceipt reading;
    reading.merchant = QStringLiteral("LIDL Berlin Mitte");
    reading.date = QDate(2026, 3, 14);
    const auto line = [&](const char *name, double quantity, qint64 cents) {
        reading.lines.append({QString::fromUtf8(name), quantity, cents, int(reading.lines.size())});
    };
    line("Milk 1l", 2, 218);
    line("Wholegrain bread", 1, 199);
    line("Bananas", 0.82, 148);
    line("Cheddar", 1, 329);
    line("Apple juice", 1, 139);
    line("Shampoo", 1, 349);
    line("Dish soap", 1, 95);
    reading.totalCents = 1527; // 50 cents more than the lines: the check says so
    return reading;
}

} // namespace dialogcatalog

// The host dialog only when `session` is given (it needs the household session).
inline QList<DialogSample> dialogSamples(HouseholdData &data, HouseholdSession *session)
{
    using namespace dialogcatalog;
    QList<DialogSample> samples;
    const auto add = [&samples](const char *id, std::function<std::unique_ptr<QDialog>(QWidget *)> make) {
        samples.append({QString::fromLatin1(id), std::move(make)});
    };
    HouseholdData *d = &data;
    add("transaction", [d](QWidget *parent) {
        auto dialog = std::make_unique<TransactionDialog>(*d, [](const BudgetTransaction &) { return nothingSaved(); }, parent);
        dialog->setTransaction(firstOf<BudgetTransaction>(d->budget), false);
        return dialog;
    });
    add("goal", [d](QWidget *parent) {
        auto dialog = std::make_unique<GoalDialog>(*d, [](const Goal &) { return nothingSaved(); }, parent);
        dialog->setGoal(firstOf<Goal>(d->goals), false);
        return dialog;
    });
    add("goal-contribution", [d](QWidget *parent) {
        return std::make_unique<ContributionDialog>(*d, firstOf<Goal>(d->goals), [](qint64) { return nothingSaved(); }, parent);
    });
    add("chore", [d](QWidget *parent) {
        auto dialog = std::make_unique<ChoreDialog>(*d, [](const Chore &) { return nothingSaved(); }, parent);
        dialog->setChore(firstOf<Chore>(d->model<ChoresModel>(Collection::Chores)), false);
        return dialog;
    });
    add("chore-send-back", [](QWidget *parent) {
        return std::make_unique<ReasonDialog>(QObject::tr("Send back “Feed the cat”"), QObject::tr("Say what is still to do."),
                                              QObject::tr("Send back"), QStringLiteral("note"),
                                              [](const QString &) { return nothingSaved(); }, parent);
    });
    add("points-adjust", [](QWidget *parent) {
        return std::make_unique<AdjustPointsDialog>(QStringLiteral("Sam"), 42, [](qint64, const QString &) { return nothingSaved(); },
                                                    parent);
    });
    add("points-pay-out", [d](QWidget *parent) {
        return std::make_unique<PayOutDialog>(QStringLiteral("Sam"), 42, d->currency(), d->household.household().pointRateCents,
                                              [](qint64) { return nothingSaved(); }, parent);
    });
    add("reward", [d](QWidget *parent) {
        return std::make_unique<RewardDialog>(firstOf<Reward>(d->model<RewardsModel>(Collection::Rewards)), false,
                                              [](const Reward &) { return nothingSaved(); }, parent);
    });
    add("import-preview", [d](QWidget *parent) {
        const auto plan = [d](const QString &) { return sampleImportPlan(*d); };
        return std::make_unique<ImportPreviewDialog>(sampleImportPlan(*d), d->clock.today(), d->currency(), plan,
                                                     [](const ImportPlan &) { return nothingSaved(); }, parent);
    });
    add("confirm", [](QWidget *parent) {
        return std::make_unique<ConfirmDialog>(QObject::tr("Delete goal"),
                                               QObject::tr("Delete “Summer holiday” and what was saved toward it? "
                                                           "Ctrl+Z brings it back."),
                                               QObject::tr("Delete"), parent);
    });
    add("card", [d](QWidget *parent) {
        auto dialog = std::make_unique<CardDialog>(d->members, d->pantry.categories(),
                                                   [](const BoardCard &) { return nothingSaved(); }, parent);
        dialog->setPantry(d->pantry);
        return dialog;
    });
    add("pantry-item", [d](QWidget *parent) {
        return std::make_unique<PantryItemDialog>(d->pantry, firstOf<PantryItem>(d->pantry), false,
                                                  [](const PantryItem &) { return nothingSaved(); }, parent);
    });
    add("member-pin", [](QWidget *parent) {
        return std::make_unique<MemberPinDialog>(MemberPinDialog::Mode::Set, QStringLiteral("Mia"), QStringLiteral("Jordan"),
                                                 [](const QString &, const QString &) { return nothingSaved(); }, parent);
    });
    add("join", [](QWidget *parent) {
        auto dialog = std::make_unique<JoinDialog>(QStringLiteral("Jordan"), QString(), parent);
        // Two households found on the network, as the list shows them.
        const auto found = [](const char *name, const char *ip) {
            FoundHousehold household;
            household.serviceName = household.householdName = QString::fromUtf8(name);
            household.ip = QString::fromLatin1(ip);
            household.port = PairingClient::kDefaultPort;
            return household;
        };
        dialog->browser().add(found("The Lindqvists", "192.168.1.20"));
        dialog->browser().add(found("Maple Street", "192.168.1.34"));
        return dialog;
    });
    add("receipt-review", [d](QWidget *parent) {
        auto dialog = std::make_unique<ReceiptReviewDialog>(*d, [](const Receipt &) { return nothingSaved(); }, parent);
        const ParsedReceipt reading = sampleReading();
        dialog->setReading(reading, sampleReceiptImage(reading));
        return dialog;
    });
    add("receipt-reading", [](QWidget *parent) {
        auto dialog = std::make_unique<ReceiptProgressDialog>(QStringLiteral("lidl-2026-03-14.jpg"), parent);
        dialog->setPercent(40);
        return dialog;
    });
    add("settings", [](QWidget *parent) {
        // Defaults: settings from a file that is never written (nothing is saved here).
        auto *settings = new QSettings(QDir::temp().filePath(QStringLiteral("hearth-dialog-catalog.ini")), QSettings::IniFormat);
        auto dialog = std::make_unique<SettingsDialog>(*settings, parent);
        settings->setParent(dialog.get());
        return dialog;
    });
    add("csv-mapping", [](QWidget *parent) {
        // A German bank's export: a preamble, semicolons, decimal commas.
        const QByteArray csv = QStringLiteral("Kontoauszug;;;;;\nKonto;DE12 5001 0517 0648 4898 90;;;;\n\n"
                                              "Buchungstag;Valuta;Auftraggeber/Empfänger;Verwendungszweck;Kategorie;Betrag (EUR)\n"
                                              "02.01.2025;02.01.2025;REWE Markt GmbH;Einkauf Filiale 12;Lebensmittel;-54,12\n"
                                              "03.01.2025;03.01.2025;Stadtwerke Musterstadt;Abschlag Strom Januar;Wohnen;-85,20\n"
                                              "15.01.2025;15.01.2025;Arbeitgeber AG;Gehalt Januar;Einkommen;2.500,00\n"
                                              "20.01.2025;20.01.2025;Bäckerei Müller;Kartenzahlung;Lebensmittel;-6,40\n")
                                   .toUtf8();
        StatementError error;
        const std::optional<CsvSniff> sniff = sniffCsv(csv, QStringLiteral("umsaetze-januar.csv"), &error);
        auto *settings = new QSettings(QDir::temp().filePath(QStringLiteral("hearth-dialog-catalog.ini")), QSettings::IniFormat);
        auto dialog = std::make_unique<CsvMappingDialog>(sniff.value_or(CsvSniff()), *settings, parent);
        settings->setParent(dialog.get());
        return dialog;
    });
    // The gift dialogs, filled from the first gift, occasion and person (demo data has them).
    add("gift-item", [d](QWidget *parent) {
        const auto &people = d->model<GiftPeopleModel>(Collection::GiftPeople).records();
        const auto &occasions = d->model<OccasionsModel>(Collection::Occasions).records();
        auto dialog = std::make_unique<GiftItemDialog>(*d, people, occasions, [](const GiftItem &) { return nothingSaved(); }, parent);
        dialog->setItem(firstOf<GiftItem>(d->model<GiftItemsModel>(Collection::GiftItems)), false, d->engine.actingMemberId());
        return dialog;
    });
    add("gift-bought", [d](QWidget *parent) {
        const GiftItem item = firstOf<GiftItem>(d->model<GiftItemsModel>(Collection::GiftItems));
        const auto occasion = d->model<OccasionsModel>(Collection::Occasions).find(item.occasionId);
        return std::make_unique<GiftBoughtDialog>(*d, item, occasion ? occasion->name : QString(),
                                                  [](qint64, bool) { return nothingSaved(); }, parent);
    });
    add("occasion", [d](QWidget *parent) {
        auto dialog = std::make_unique<OccasionDialog>(*d, d->model<GiftPeopleModel>(Collection::GiftPeople).records(),
                                                       [](const Occasion &) { return nothingSaved(); }, parent);
        dialog->setOccasion(firstOf<Occasion>(d->model<OccasionsModel>(Collection::Occasions)), false);
        return dialog;
    });
    add("gift-person", [d](QWidget *parent) {
        auto dialog = std::make_unique<GiftPersonDialog>(*d, [](const GiftPerson &) { return nothingSaved(); }, parent);
        dialog->setPerson(firstOf<GiftPerson>(d->model<GiftPeopleModel>(Collection::GiftPeople)), false);
        return dialog;
    });
    // The event dialogs, filled from the first event, task, dish and ingredient (demo data has them).
    add("event", [d](QWidget *parent) {
        auto dialog = std::make_unique<EventDialog>(*d, [](const EventPlan &) { return nothingSaved(); }, parent);
        dialog->setEvent(firstOf<EventPlan>(d->model<EventPlansModel>(Collection::EventPlans)), false);
        return dialog;
    });
    add("event-task", [d](QWidget *parent) {
        const auto &tasks = d->model<EventTasksModel>(Collection::EventTasks);
        const EventTask task = firstOf<EventTask>(tasks);
        auto dialog = std::make_unique<EventTaskDialog>(*d, tasks.tasksOf(task.eventId), standardEventRoles(),
                                                        [](const EventTask &) { return nothingSaved(); }, parent);
        dialog->setTask(task, false);
        return dialog;
    });
    add("event-dish", [d](QWidget *parent) {
        auto dialog = std::make_unique<EventDishDialog>(*d, [](const EventDish &) { return nothingSaved(); }, parent);
        dialog->setDish(firstOf<EventDish>(d->model<EventDishesModel>(Collection::EventDishes)), false);
        return dialog;
    });
    add("event-ingredient", [d](QWidget *parent) {
        const EventIngredient ingredient = firstOf<EventIngredient>(d->model<EventIngredientsModel>(Collection::EventIngredients));
        const auto dish = d->model<EventDishesModel>(Collection::EventDishes).find(ingredient.dishId);
        auto dialog = std::make_unique<EventIngredientDialog>(*d, dish.value_or(EventDish{}),
                                                              [](const EventIngredient &) { return nothingSaved(); }, parent);
        dialog->setIngredient(ingredient, false);
        return dialog;
    });
    add("event-purchase", [d](QWidget *parent) {
        const EventPlan event = firstOf<EventPlan>(d->model<EventPlansModel>(Collection::EventPlans));
        QStringList lines;
        for (const BoardCard &card : d->cards.records()) {
            if (card.eventId == event.id && !card.done && lines.size() < 4)
                lines << card.title + QStringLiteral(" — ") + card.quantity;
        }
        return std::make_unique<EventPurchaseDialog>(*d, event.name, lines, [](qint64, bool) { return nothingSaved(); }, parent);
    });
    if (session) {
        add("host", [session](QWidget *parent) { return std::make_unique<HostDialog>(*session, parent); });
        // While hosting (on loopback: nothing is advertised): the code, the link and its QR code.
        add("hosting", [session](QWidget *parent) {
            QString error;
            session->startHosting(0, &error, QHostAddress::LocalHost);
            return std::make_unique<HostDialog>(*session, parent);
        });
    }
    return samples;
}

} // namespace hearth
