// The budget's transactions: what was spent (or refunded), when, and by whom.

#include "AuthoritativeEngine.h"
#include "Definition.h"
#include "Money.h"
#include "SqlStatement.h"
#include "Store.h"
#include "budget/BankImport.h"
#include "gifts/GiftVisibility.h"

namespace hearth {

using namespace definition;

namespace {

// The household's record of removing the imported transaction with this bank identity.
QStringList removalsOf(AuthoritativeEngine &engine, const QString &importKey)
{
    SqlStatement::Run found(engine.store().statement(
        QStringLiteral("SELECT id FROM removed_bank_rows WHERE household_id = ? AND import_key = ? AND import_key <> ''")));
    found->bind(0, engine.householdId());
    found->bind(1, importKey);
    QStringList ids;
    while (found->step())
        ids.append(found->text(0));
    return ids;
}

} // namespace

const CollectionSpec &transactionsCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::Transactions,
        .name = QStringLiteral("transactions"),
        .table = QStringLiteral("transactions"),
        .fields = {date("occurred_on").require("Give the date of the transaction."),
                   text("description").require("Describe what the money was for."), text("category", "Other"),
                   cents("amount_cents"),
                   reference("member_id", {Collection::Members, OnDelete::SetNull,
                                           "That person is not a member of this household."}),
                   // The bank's identity of an imported transaction ("fitid:<account>:<FITID>" or
                   // "row:<account>|<date>|<amount>|<payee>[#n]"), empty for one typed in by hand.
                   // Unique per household in the database (the migration below), so a bank row
                   // is stored once whatever imports it, bank_imports' effects or anything else.
                   text("import_key"),
                   // The same row as any file of the bank shows it (bankkey::sameRow), so a
                   // movement imported from an OFX is known again in the bank's CSV.
                   text("row_key"),
                   // The receipt that made it; a receipt deleted on its own leaves its transactions.
                   reference("receipt_id", {Collection::Receipts, OnDelete::SetNull, "That receipt is not in this household."}),
                   // A gift's price paid is hidden from the gift's recipient (gifts::transactionVisibleTo).
                   reference("hidden_from_member_id", {Collection::Members, OnDelete::SetNull,
                                                       "That person is not a member of this household."}),
                   // The household event it was spent for (event planning): counted in the event's spending.
                   reference("event_id", {Collection::EventPlans, OnDelete::SetNull, "That event does not exist any more."})},
        .rules = [](const QJsonObject &entity) -> std::optional<MutationError> {
            if (entity.value(QLatin1String("amount_cents")).toInteger() == 0)
                return invalid("amount_cents", "Enter an amount other than zero.");
            return std::nullopt;
        },
        .childMay = [](MutationOp op, const QJsonObject &) -> std::optional<MutationError> {
            if (op == MutationOp::Create)
                return std::nullopt;
            return forbidden("Only adults can change or delete transactions.");
        },
        .guard = [](MutationContext &context) -> std::optional<MutationError> {
            if (!context.memberId.isEmpty()) {
                // Hidden from a member only by the host (a gift's price paid), and to that member
                // the transaction does not exist.
                if (context.before) {
                    if (context.before->value(QLatin1String("hidden_from_member_id")).toString() == context.memberId)
                        return MutationError{QStringLiteral("not_found"),
                                             QStringLiteral("That item is gone; someone may have deleted it."), {}};
                    context.after.insert(QStringLiteral("hidden_from_member_id"),
                                         context.before->value(QLatin1String("hidden_from_member_id")));
                } else {
                    context.after.insert(QStringLiteral("hidden_from_member_id"), QJsonValue::Null);
                }
            }
            // A member's edit (a corrected category) keeps the bank identity; only an import
            // (the system, in bank_imports' effects) links a transaction to a bank row.
            if (context.before && !context.memberId.isEmpty()) {
                context.after.insert(QStringLiteral("import_key"), context.before->value(QLatin1String("import_key")));
                context.after.insert(QStringLiteral("row_key"), context.before->value(QLatin1String("row_key")));
            }
            // A child records spending but cannot claim a bank row (which would keep the real one
            // from ever being imported) or a receipt's transaction.
            if (!context.before && context.role == QLatin1String("child")) {
                context.after.insert(QStringLiteral("import_key"), QString());
                context.after.insert(QStringLiteral("row_key"), QString());
                context.after.insert(QStringLiteral("receipt_id"), QJsonValue::Null);
            }
            return std::nullopt;
        },
        .effects = [](MutationContext &context) -> std::optional<MutationError> {
            const QString importKey = context.after.value(QLatin1String("import_key")).toString();
            if (importKey.isEmpty() || context.mutation.op == MutationOp::Update)
                return std::nullopt;
            if (context.mutation.op == MutationOp::Create) {
                // Back with its bank identity (an undone removal): the removal is forgotten.
                for (const QString &id : removalsOf(context.engine, importKey)) {
                    const MutationResult forgotten = context.engine.submitAs(
                        Mutation{{}, Collection::RemovedBankRows, MutationOp::Delete, id, -1, {}}, QString());
                    if (!forgotten.ok)
                        return forgotten.error;
                }
                return std::nullopt;
            }
            // An imported transaction someone removes stays known by its bank identity, so the
            // next statement that lists the row does not bring it back.
            const QJsonObject removed{{QStringLiteral("import_key"), importKey},
                                      {QStringLiteral("row_key"), context.after.value(QLatin1String("row_key"))},
                                      {QStringLiteral("occurred_on"), context.after.value(QLatin1String("occurred_on"))},
                                      {QStringLiteral("description"), context.after.value(QLatin1String("description"))},
                                      {QStringLiteral("amount_cents"), context.after.value(QLatin1String("amount_cents"))}};
            const MutationResult kept = context.engine.submitAs(
                Mutation{{}, Collection::RemovedBankRows, MutationOp::Create, {}, -1, removed}, QString());
            if (!kept.ok)
                return kept.error;
            return std::nullopt;
        },
        .visibleTo = gifts::transactionVisibleTo,
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) -> QString {
            // A hosting device holds what is hidden from its own member too: say nothing of it.
            if (!gifts::transactionVisibleTo(change.entity, gifts::viewerFor(data, data.engine.actingMemberId())))
                return {};
            const QString by = who(change, data);
            const QString description = textOf(change.entity, "description");
            if (change.action == ChangeAction::Created)
                return say("%1 added %2 (%3) to the budget")
                    .arg(by, description,
                         Money::format(change.entity.value(QLatin1String("amount_cents")).toInteger(), data.currency()));
            if (change.action == ChangeAction::Deleted)
                return say("%1 removed %2 from the budget").arg(by, description);
            return say("%1 changed %2 in the budget").arg(by, description);
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<BudgetModel>(data.engine, data.model<MembersModel>(Collection::Members));
        },
        // The core migrations made the table; each system that links transactions adds its own
        // step: the bank identity (bank imports), then the receipt that made one (receipts).
        .migrations = {{
            QStringLiteral("ALTER TABLE transactions ADD COLUMN import_key TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("CREATE UNIQUE INDEX transactions_import_key ON transactions (household_id, import_key) "
                           "WHERE import_key <> ''"),
        }, {
            QStringLiteral("ALTER TABLE transactions ADD COLUMN receipt_id TEXT REFERENCES receipts(id) ON DELETE SET NULL"),
        }, {
            // Rows imported before row keys existed were all known by their content, so their
            // import key is their row key (the payee cut at 120 characters, not 24: such a row
            // with a longer payee is still known in files without ids, not in one with them).
            QStringLiteral("ALTER TABLE transactions ADD COLUMN row_key TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("UPDATE transactions SET row_key = import_key WHERE import_key LIKE 'row:%'"),
            QStringLiteral("CREATE INDEX transactions_row_key ON transactions (household_id, row_key) WHERE row_key <> ''"),
        }, {
            QStringLiteral("ALTER TABLE transactions ADD COLUMN hidden_from_member_id TEXT REFERENCES members(id) ON DELETE SET NULL"),
            eventsByEntityIndex(QStringLiteral("transactions")), // it has a visibility rule now
        }, {
            QStringLiteral("ALTER TABLE transactions ADD COLUMN event_id TEXT REFERENCES event_plans(id) ON DELETE SET NULL"),
            QStringLiteral("CREATE INDEX transactions_event ON transactions (household_id, event_id) WHERE event_id IS NOT NULL"),
        }},
    };
    return spec;
}

} // namespace hearth
