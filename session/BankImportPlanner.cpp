#include "BankImportPlanner.h"

#include "BudgetModel.h"

#include <QLocale>
#include <QSet>

#include <algorithm>

namespace hearth {

ImportCounts ImportPlan::counts() const
{
    ImportCounts counts;
    for (const PlannedRow &planned : rows) {
        switch (planned.kind) {
        case RowClass::New: ++counts.newRows; break;
        case RowClass::Duplicate: ++counts.duplicates; break;
        case RowClass::OutOfMonth: ++counts.outOfMonth; break;
        case RowClass::Match: ++counts.matches; break;
        case RowClass::Removed: ++counts.removed; break;
        }
    }
    return counts;
}

QList<BankImportRow> ImportPlan::rowsToImport() const
{
    QList<BankImportRow> chosen;
    for (const PlannedRow &planned : rows) {
        if (!planned.include || planned.kind == RowClass::Duplicate)
            continue;
        BankImportRow row = planned.row;
        row.matchTransactionId = planned.acceptMatch ? planned.matchTransactionId : QString();
        chosen.append(row);
    }
    return chosen;
}

QStringList ImportPlan::removalsToForget() const
{
    QStringList ids;
    for (const PlannedRow &planned : rows) {
        if (planned.include && planned.kind == RowClass::Removed)
            ids.append(planned.removedRowId);
    }
    return ids;
}

QString ImportPlan::summary(const QDate &month) const
{
    const ImportCounts c = counts();
    QStringList parts;
    parts << BankImportPlanner::tr("%n new", nullptr, c.newRows)
          << BankImportPlanner::tr("%n already imported", nullptr, c.duplicates);
    if (c.matches > 0)
        parts << BankImportPlanner::tr("%n matching what you typed", nullptr, c.matches);
    if (c.removed > 0)
        parts << BankImportPlanner::tr("%n removed from the budget earlier", nullptr, c.removed);
    if (c.outOfMonth > 0)
        parts << BankImportPlanner::tr("%n outside %1", nullptr, c.outOfMonth).arg(QLocale().standaloneMonthName(month.month()));
    return parts.join(QLatin1String(", "));
}

QHash<QString, QString> BankImportPlanner::categoryRules(const QList<BudgetTransaction> &transactions)
{
    QHash<QString, QString> rules;
    QHash<QString, QDate> newest;
    for (const BudgetTransaction &t : transactions) {
        if (t.importKey.isEmpty() || t.category.isEmpty())
            continue;
        const QString payee = bankkey::normalizedPayee(t.description);
        const auto known = newest.constFind(payee);
        if (known != newest.cend() && *known > t.occurredOn)
            continue;
        newest.insert(payee, t.occurredOn);
        rules.insert(payee, t.category);
    }
    return rules;
}

ImportPlan BankImportPlanner::plan(const Statement &statement, const QString &account, const QString &fileName,
                                   const QList<BudgetTransaction> &transactions, const QList<RemovedBankRow> &removed,
                                   const QDate &month)
{
    ImportPlan plan;
    plan.account = account;
    plan.fileName = fileName;
    plan.format = statement.format;

    KnownBankRows imported;
    // Hand-typed transactions not linked yet, by amount: the candidates for a match.
    QHash<qint64, QList<const BudgetTransaction *>> typedByAmount;
    for (const BudgetTransaction &t : transactions) {
        if (!t.importKey.isEmpty())
            imported.add(t.importKey, t.rowKey);
        else
            typedByAmount[t.amountCents].append(&t);
    }
    KnownBankRows removedEarlier;
    for (const RemovedBankRow &r : removed)
        removedEarlier.add(r.importKey, r.rowKey, r.id);
    const QHash<QString, QString> rules = categoryRules(transactions);
    QHash<QString, int> occurrences;        // identical rows of this statement: #2, #3, ...
    QHash<QString, int> sameRowOccurrences; // ... and the same for row keys (a shorter payee)
    KnownBankRows keysInPlan;
    QSet<QString> matched;           // each typed transaction matches one row at most

    // A bank id names a row only when it names one transaction in the file: some banks write the
    // same placeholder ("NOTPROVIDED", "NONREF", "0") on every row, which would make real rows
    // look like duplicates of the first. Those rows are recognised by their content instead.
    // An id on two rows that say the same (date, amount, payee) is one transaction listed twice,
    // and stays the id; on rows that differ it is no id at all.
    QHash<QString, QSet<QString>> contentsOfId;
    for (const StatementRow &source : statement.rows)
        contentsOfId[source.bankId.trimmed()].insert(
            QStringLiteral("%1|%2|%3").arg(source.date.toString(Qt::ISODate)).arg(source.amountCents).arg(bankkey::normalizedPayee(source.payee)));
    static const QStringList placeholders{QStringLiteral("NOTPROVIDED"), QStringLiteral("NONREF"), QStringLiteral("NONE"),
                                          QStringLiteral("0")};

    for (const StatementRow &source : statement.rows) {
        if (source.amountCents == 0)
            continue; // a balance line or a zero fee: nothing for the budget
        PlannedRow planned;
        planned.source = source;
        BankImportRow &row = planned.row;
        row.date = source.date;
        row.amountCents = -source.amountCents;
        row.payee = source.payee.trimmed().left(kMaxBankTextLength);
        row.memo = source.memo.trimmed().left(kMaxBankTextLength);
        // The key reads what the file says, never a translated stand-in, so every device makes the same.
        const QString keyPayee = row.payee.isEmpty() ? row.memo : row.payee;
        if (row.payee.isEmpty())
            row.payee = row.memo.isEmpty() ? tr("Bank transaction") : row.memo;
        const QString bankId = source.bankId.trimmed();
        if (!bankId.isEmpty() && contentsOfId.value(bankId).size() == 1 && !placeholders.contains(bankId, Qt::CaseInsensitive)) {
            row.importKey = bankkey::fromBankId(account, bankId);
        } else {
            const QString base = bankkey::fromRow(account, source.date, source.amountCents, keyPayee, 1);
            row.importKey = bankkey::fromRow(account, source.date, source.amountCents, keyPayee, ++occurrences[base]);
        }
        const QString sameRowBase = bankkey::sameRow(account, source.date, source.amountCents, keyPayee, 1);
        row.rowKey = bankkey::sameRow(account, source.date, source.amountCents, keyPayee, ++sameRowOccurrences[sameRowBase]);
        row.category = rules.value(bankkey::normalizedPayee(row.payee));
        // Money in from a payee nothing is known of is income (a salary), not a refund that
        // would lower the month's spending; a shop's refund finds the shop's category above.
        if (row.category.isEmpty() && row.amountCents < 0)
            row.category = kIncomeCategory;

        const std::optional<QString> removal = removedEarlier.find(row.importKey, row.rowKey);
        if (imported.contains(row.importKey, row.rowKey) || keysInPlan.contains(row.importKey, row.rowKey)) {
            planned.kind = RowClass::Duplicate;
            planned.include = false;
        } else if (removal) {
            keysInPlan.add(row.importKey, row.rowKey);
            planned.kind = RowClass::Removed;
            planned.include = false;
            planned.removedRowId = *removal;
        } else {
            keysInPlan.add(row.importKey, row.rowKey);
            const BudgetTransaction *best = nullptr;
            for (const BudgetTransaction *typed : typedByAmount.value(row.amountCents)) {
                const qint64 apart = std::abs(typed->occurredOn.daysTo(row.date));
                if (apart > kMatchDays || matched.contains(typed->id))
                    continue;
                if (!best || apart < std::abs(best->occurredOn.daysTo(row.date)))
                    best = typed;
            }
            const bool inMonth = row.date.year() == month.year() && row.date.month() == month.month();
            if (best) {
                matched.insert(best->id);
                planned.matchTransactionId = best->id;
                planned.matchDescription = best->description;
                planned.matchDate = best->occurredOn;
                if (row.category.isEmpty())
                    row.category = best->category;
            }
            planned.kind = !inMonth ? RowClass::OutOfMonth : best ? RowClass::Match : RowClass::New;
            planned.include = inMonth;
        }
        plan.rows.append(planned);
    }
    return plan;
}

} // namespace hearth
