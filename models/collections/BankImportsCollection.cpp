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

bool keyImported(AuthoritativeEngine &engine, const QString &key)
{
    // "import_key <> ''" lets SQLite use the partial unique index (it cannot tell that from "= ?").
    SqlStatement::Run known(engine.store().statement(
        QStringLiteral("SELECT 1 FROM transactions WHERE household_id = ? AND import_key = ? AND import_key <> '' LIMIT 1")));
    known->bind(0, engine.householdId());
    known->bind(1, key);
    return known->step();
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
    QSet<QString> seen;
    QSet<QString> linkedTo; // a typed transaction is the same as one bank row at most
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QString error;
        std::optional<BankImportRow> row = BankImportRow::fromJson(rows.at(i), &error);
        if (!row)
            return rowError(i, error);
        if (!bankkey::belongsTo(row->importKey, account))
            return rowError(i, QStringLiteral("its bank identity is not one of the account %1.").arg(account));
        Fate fate = Fate::Add;
        if (seen.contains(row->importKey) || keyImported(context.engine, row->importKey)) {
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
        seen.insert(row->importKey);
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
                             {{QStringLiteral("import_key"), row.importKey}}};
        } else {
            QJsonObject fields{{QStringLiteral("occurred_on"), row.date.toString(Qt::ISODate)},
                               {QStringLiteral("description"), row.payee.isEmpty() ? row.memo : row.payee},
                               {QStringLiteral("amount_cents"), row.amountCents},
                               {QStringLiteral("import_key"), row.importKey}};
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

} // namespace hearth
