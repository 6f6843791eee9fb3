#pragma once

// Plans a bank statement against the household's transactions before anything is written: each
// row is new, already imported (bankkey::KnownBankRows: by its file's id or by its content,
// whatever file brought it), imported once and removed since (not brought back unless the user
// ticks it), outside the budget's month (imported only if the user says so), or
// the same as a transaction typed in by hand (same amount, date within 3 days, not linked yet),
// offered as a match instead of a second entry. Categories are proposed from the household's own
// imported transactions (see categoryRules). No widgets; the preview dialog shows a plan.

#include "Records.h"
#include "budget/BankImport.h"
#include "statements/Statement.h"

#include <QCoreApplication>
#include <QHash>

namespace hearth {

enum class RowClass { New, Duplicate, OutOfMonth, Match, Removed };

struct PlannedRow
{
    StatementRow source;
    BankImportRow row;           // budget sign, bank identity, proposed category
    RowClass kind = RowClass::New;
    bool include = true;         // new and matched rows are; duplicates never; out-of-month and
                                 // removed ones when the user ticks them
    QString matchTransactionId;  // a hand-typed transaction it may be (any row not imported yet)
    QString matchDescription;    // that transaction as the user typed it, to show
    QDate matchDate;
    bool acceptMatch = true;     // link that transaction instead of adding one
    QString removedRowId;        // Removed: the household's record of the removal (forgotten when
                                 // the user imports the row again)
};

struct ImportCounts
{
    int newRows = 0;
    int duplicates = 0;
    int outOfMonth = 0;
    int matches = 0;
    int removed = 0;
};

struct ImportPlan
{
    QString account;
    QString fileName;
    QString format;
    QList<PlannedRow> rows;

    ImportCounts counts() const;
    // What the user chose to import, as the bank_imports create carries it.
    QList<BankImportRow> rowsToImport() const;
    // The removals to forget first, so the removed rows the user ticked are imported again.
    QStringList removalsToForget() const;
    // "143 new, 12 already imported, 3 matching what you typed, 2 outside November"
    QString summary(const QDate &month) const;
};

class BankImportPlanner
{
    Q_DECLARE_TR_FUNCTIONS(BankImportPlanner)

public:
    // `month`: any day of the budget's current month.
    static ImportPlan plan(const Statement &statement, const QString &account, const QString &fileName,
                           const QList<BudgetTransaction> &transactions, const QList<RemovedBankRow> &removed,
                           const QDate &month);

    // payee → category, learned from the household's imported transactions (the newest wins):
    // what earlier imports chose and what anyone corrected since. Kept in the transactions
    // themselves, so every device proposes the same without a collection of its own.
    static QHash<QString, QString> categoryRules(const QList<BudgetTransaction> &transactions);

    // How far apart a bank row and a hand-typed transaction may be dated and still match.
    static constexpr int kMatchDays = 3;
};

} // namespace hearth
