// Bank imports: one statement brought into the budget as ONE change. The create carries the
// account, the file and the rows (an input: read by the host, never stored); the host decides,
// row by row, whether it is new (a transaction is added), the same as a hand-typed transaction
// the user matched (that one is linked), or already imported (skipped), and writes the
// transactions in the same unit — all of it or none. The bank identity of a row is
// transactions.import_key, unique per household in the database, so a row is stored once
// whichever device imports it, in whichever file. docs/protocol.md ("Bank imports").

#include "AuthoritativeEngine.h"
#include "Definition.h"
#include "Permissions.h"
#include "SqlStatement.h"
#include "Store.h"
#include "budget/BankImport.h"
#include "budget/BankImportsModel.h"
#include "budget/RemovedBankRowsModel.h"

#include <QJsonArray>
#include <QSet>

namespace hearth {

using namespace definition;

namespace {

// What the host does with each row of an import.
enum class Fate { Add, Link, Duplicate };

struct HostPlan
{
    QList<BankImportRow> rows;
    QList<Fate> fates;
    qint64 added = 0;
    qint64 linked = 0;
    qint64 duplicates = 0;
};

// What the household holds of the movement a row names: its transactions (imported, or linked to
// a row) and the imported ones someone removed. The partial indexes on import_key and row_key
// find the few candidates: one SELECT per index ("<> ''" lets SQLite use a partial index, which
// it cannot tell from "= ?"; with the two keys OR-ed in one WHERE it scanned the household's
// transactions instead, 8 s for 2,000 rows against 20,000 transactions).
bool alreadyKnown(AuthoritativeEngine &engine, const BankImportRow &row)
{
    KnownBankRows candidates;
    for (const char *table : {"transactions", "removed_bank_rows"}) {
        SqlStatement::Run known(engine.store().statement(
            QStringLiteral("SELECT import_key, row_key FROM %1 WHERE household_id = ? AND import_key = ? AND import_key <> '' "
                           "UNION ALL "
                           "SELECT import_key, row_key FROM %1 WHERE household_id = ? AND row_key = ? AND row_key <> ''")
                .arg(QLatin1String(table))));
        known->bind(0, engine.householdId());
        known->bind(1, row.importKey);
        known->bind(2, engine.householdId());
        known->bind(3, row.rowKey);
        while (known->step())
            candidates.add(known->text(0), known->text(1));
    }
    return candidates.contains(row.importKey, row.rowKey);
}

MutationError rowError(qsizetype index, const QString &message)
{
    return MutationError{QStringLiteral("invalid"), QStringLiteral("Row %1: %2").arg(index + 1).arg(message), QStringLiteral("rows")};
}

// Reads the rows and decides each one's fate against the household as it is now. The guard runs
// it to count, the effects again to write: nothing else runs between them on the host.
std::optional<MutationError> planImport(MutationContext &context, HostPlan *plan)
{
    const QString account = context.after.value(QLatin1String("account")).toString();
    const QJsonArray rows = context.input.value(QLatin1String("rows")).toArray();
    if (rows.isEmpty())
        return invalid("rows", "An import needs at least one row.");
    if (rows.size() > kMaxBankImportRows)
        return invalid("rows", "That is too many rows for one import.");
    KnownBankRows seen;     // the rows before this one in the same import
    QSet<QString> linkedTo; // a typed transaction is the same as one bank row at most
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QString error;
        std::optional<BankImportRow> row = BankImportRow::fromJson(rows.at(i), &error);
        if (!row)
            return rowError(i, error);
        if (!bankkey::belongsTo(row->importKey, account)
            || (!row->rowKey.isEmpty() && (!bankkey::belongsTo(row->rowKey, account) || bankkey::isBankId(row->rowKey))))
            return rowError(i, QStringLiteral("its bank identity is not one of the account %1.").arg(account));
        Fate fate = Fate::Add;
        if (seen.contains(row->importKey, row->rowKey) || alreadyKnown(context.engine, *row)) {
            fate = Fate::Duplicate;
        } else if (!row->matchTransactionId.isEmpty()) {
            const auto typed = context.engine.entity(Collection::Transactions, row->matchTransactionId);
            // Linked meanwhile (by another import) or deleted: the bank row is still real, so added.
            if (typed && typed->value(QLatin1String("import_key")).toString().isEmpty()
                && !linkedTo.contains(row->matchTransactionId)) {
                fate = Fate::Link;
                linkedTo.insert(row->matchTransactionId);
            }
        }
        seen.add(row->importKey, row->rowKey);
        plan->rows.append(std::move(*row));
        plan->fates.append(fate);
        (fate == Fate::Add ? plan->added : fate == Fate::Link ? plan->linked : plan->duplicates) += 1;
    }
    return std::nullopt;
}

std::optional<MutationError> countImport(MutationContext &context)
{
    if (context.mutation.op != MutationOp::Create) {
        if (context.mutation.op == MutationOp::Update && !onlyTouches(context.mutation.fields, {"account"}))
            return invalid("rows", "An import cannot be changed, only renamed or removed.");
        return std::nullopt;
    }
    HostPlan plan;
    if (auto refused = planImport(context, &plan))
        return refused;
    context.after.insert(QStringLiteral("transaction_count"), plan.added);
    context.after.insert(QStringLiteral("matched_count"), plan.linked);
    context.after.insert(QStringLiteral("duplicate_count"), plan.duplicates);
    return std::nullopt;
}

std::optional<MutationError> writeImport(MutationContext &context)
{
    if (context.mutation.op != MutationOp::Create)
        return std::nullopt;
    HostPlan plan;
    if (auto refused = planImport(context, &plan))
        return refused;
    for (qsizetype i = 0; i < plan.rows.size(); ++i) {
        const BankImportRow &row = plan.rows.at(i);
        Mutation write;
        if (plan.fates.at(i) == Fate::Duplicate) {
            continue;
        } else if (plan.fates.at(i) == Fate::Link) {
            write = Mutation{{}, Collection::Transactions, MutationOp::Update, row.matchTransactionId, -1,
                             {{QStringLiteral("import_key"), row.importKey}, {QStringLiteral("row_key"), row.rowKey}}};
        } else {
            QJsonObject fields{{QStringLiteral("occurred_on"), row.date.toString(Qt::ISODate)},
                               {QStringLiteral("description"), row.payee.isEmpty() ? row.memo : row.payee},
                               {QStringLiteral("amount_cents"), row.amountCents},
                               {QStringLiteral("import_key"), row.importKey},
                               {QStringLiteral("row_key"), row.rowKey}};
            if (!row.category.isEmpty())
                fields.insert(QStringLiteral("category"), row.category);
            write = Mutation{{}, Collection::Transactions, MutationOp::Create, {}, -1, fields};
        }
        // The system writes them (no member): the import's own event names who imported.
        const MutationResult written = context.engine.submitAs(write, QString());
        if (!written.ok)
            return rowError(i, written.error.message);
    }
    return std::nullopt;
}

} // namespace

const CollectionSpec &bankImportsCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::BankImports,
        .name = QStringLiteral("bank_imports"),
        .table = QStringLiteral("bank_imports"),
        .fields = {text("account").require("Name the account the statement is for."), text("file_name"), text("format"),
                   integer("transaction_count"), integer("matched_count"), integer("duplicate_count")},
        .inputs = {list("rows").longest(
            kMaxBankImportRowsCharacters, "The statement is too large for one import.")},
        .childMay = [](MutationOp, const QJsonObject &) -> std::optional<MutationError> {
            return forbidden("Only adults can import bank statements.");
        },
        .guard = countImport,
        .effects = writeImport,
        .eventName = [](const Change &change) -> QString {
            return change.action == ChangeAction::Created ? QStringLiteral("bank_synced") : QStringLiteral("bank_imports_updated");
        },
        .eventNames = {QStringLiteral("bank_synced"), QStringLiteral("bank_imports_updated")},
        .eventData = [](const Change &change) -> QJsonObject {
            return {{QStringLiteral("transaction_count"), change.entity.value(QLatin1String("transaction_count"))},
                    {QStringLiteral("account"), change.entity.value(QLatin1String("account"))}};
        },
        .describe = [](const Change &change, const QJsonObject &, const HouseholdData &data) -> QString {
            if (change.action != ChangeAction::Created)
                return {};
            const qint64 count = change.entity.value(QLatin1String("transaction_count")).toInteger();
            return QCoreApplication::translate("Collections", "%1 imported %n transaction(s) into %2", nullptr, int(count))
                .arg(who(change, data), textOf(change.entity, "account"));
        },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<BankImportsModel>(data.engine);
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE bank_imports (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "account TEXT NOT NULL, file_name TEXT NOT NULL, format TEXT NOT NULL, "
                           "transaction_count INTEGER NOT NULL, matched_count INTEGER NOT NULL, "
                           "duplicate_count INTEGER NOT NULL, rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX bank_imports_household ON bank_imports (household_id)"),
        }},
    };
    return spec;
}

const CollectionSpec &removedBankRowsCollection()
{
    static const CollectionSpec spec{
        .collection = Collection::RemovedBankRows,
        .name = QStringLiteral("removed_bank_rows"),
        .table = QStringLiteral("removed_bank_rows"),
        .fields = {text("import_key").require("Name the bank identity that was removed."), text("row_key"),
                   date("occurred_on").require("Give the date of the removed row."), text("description"),
                   cents("amount_cents")},
        .childMay = [](MutationOp, const QJsonObject &) -> std::optional<MutationError> {
            return forbidden("Only adults can change what bank imports skip.");
        },
        .guard = [](MutationContext &context) -> std::optional<MutationError> {
            // Written by the host when an imported transaction is deleted; a member may only
            // forget one, so its row is imported again.
            if (!context.memberId.isEmpty() && context.mutation.op != MutationOp::Delete)
                return forbidden("Removed bank rows are kept by the host; an adult may only forget one.");
            return std::nullopt;
        },
        .eventName = [](const Change &change) -> QString {
            return change.action == ChangeAction::Created ? QStringLiteral("bank_row_removed") : QStringLiteral("bank_row_forgotten");
        },
        .eventNames = {QStringLiteral("bank_row_removed"), QStringLiteral("bank_row_forgotten")},
        // The transaction's own removal is what a person is told.
        .describe = [](const Change &, const QJsonObject &, const HouseholdData &) { return QString(); },
        .makeModel = [](HouseholdData &data) -> std::unique_ptr<CollectionModel> {
            return std::make_unique<RemovedBankRowsModel>(data.engine);
        },
        .migrations = {{
            QStringLiteral("CREATE TABLE removed_bank_rows (id TEXT PRIMARY KEY, "
                           "household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE, "
                           "import_key TEXT NOT NULL, row_key TEXT NOT NULL, occurred_on TEXT NOT NULL, description TEXT NOT NULL, "
                           "amount_cents INTEGER NOT NULL, rev INTEGER NOT NULL, updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX removed_bank_rows_import_key ON removed_bank_rows (household_id, import_key) "
                           "WHERE import_key <> ''"),
            QStringLiteral("CREATE INDEX removed_bank_rows_row_key ON removed_bank_rows (household_id, row_key) "
                           "WHERE row_key <> ''"),
        }},
    };
    return spec;
}

} // namespace hearth
