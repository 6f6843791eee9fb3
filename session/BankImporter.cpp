#include "BankImporter.h"

#include "Clock.h"
#include "HouseholdData.h"
#include "budget/BankImportsModel.h"
#include "budget/RemovedBankRowsModel.h"

#include <QFileInfo>

namespace hearth {

BankImporter::BankImporter(HouseholdData &data)
    : m_data(data)
{
}

QString BankImporter::defaultAccount(const Statement &statement)
{
    // Not translated: the account is part of every bank row's identity, which devices in other
    // languages must compute alike.
    return statement.account.trimmed().isEmpty() ? QStringLiteral("Checking") : statement.account.trimmed();
}

ImportPlan BankImporter::plan(const Statement &statement, const QString &account, const QString &fileName) const
{
    return BankImportPlanner::plan(statement, account, fileName, m_data.budget.records(),
                                   m_data.model<RemovedBankRowsModel>(Collection::RemovedBankRows).records(),
                                   m_data.clock.today());
}

ImportOutcome BankImporter::import(const ImportPlan &plan)
{
    ImportOutcome outcome;
    const QList<BankImportRow> rows = plan.rowsToImport();
    if (rows.isEmpty()) {
        outcome.ok = true; // nothing new: nothing to write
        outcome.duplicates = plan.counts().duplicates;
        return outcome;
    }
    // Removed rows the user ticked are forgotten first, so the import that follows them (in the
    // same order on the host) brings them back. Should the import then fail, they stay
    // importable, which is what the user asked for.
    auto &removed = m_data.model<RemovedBankRowsModel>(Collection::RemovedBankRows);
    for (const QString &id : plan.removalsToForget()) {
        const MutationResult forgotten = removed.apply(removed.removeMutation(id));
        if (!forgotten.ok) {
            outcome.error = forgotten.error.message;
            return outcome;
        }
    }
    auto &imports = m_data.model<BankImportsModel>(Collection::BankImports);
    const MutationResult result = imports.apply(imports.importMutation(plan.account, plan.fileName, plan.format, rows));
    if (!result.ok) {
        outcome.error = result.error.message;
        return outcome;
    }
    outcome.ok = true;
    outcome.importId = result.entityId;
    if (const auto written = imports.find(result.entityId)) {
        outcome.added = written->transactionCount;
        outcome.matched = written->matchedCount;
        outcome.duplicates = written->duplicateCount;
    }
    // Rows the planner already knew as imported were never sent.
    outcome.duplicates += plan.counts().duplicates;
    return outcome;
}

} // namespace hearth
