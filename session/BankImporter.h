#pragma once

// A bank statement into the household's budget: read (session/statements), planned
// (BankImportPlanner), imported as ONE change (bank_imports; the host writes the transactions).
// The window's ImportFlow and `hearth import FILE` both go through here.

#include "BankImportPlanner.h"
#include "statements/StatementReader.h"

#include <QCoreApplication>

class QSettings;
class QTextStream;

namespace hearth {

class HouseholdData;

struct ImportOutcome
{
    bool ok = false;
    QString error;       // a sentence for people when !ok
    QString importId;
    qint64 added = 0;    // as the engine decided (a joined copy: as it predicts; the host decides)
    qint64 matched = 0;
    qint64 duplicates = 0;
};

class BankImporter
{
    Q_DECLARE_TR_FUNCTIONS(BankImporter)

public:
    explicit BankImporter(HouseholdData &data);

    // The account a statement goes to when nobody names one: the file's own (IBAN, ACCTID), or
    // "Checking".
    static QString defaultAccount(const Statement &statement);
    // Plans against the household as it is now, for the budget's current month.
    ImportPlan plan(const Statement &statement, const QString &account, const QString &fileName) const;
    // The rows the user chose, as one change: all of them or none.
    ImportOutcome import(const ImportPlan &plan);

private:
    HouseholdData &m_data;
};

// `hearth import FILE [--account NAME]`: reads, plans (out-of-month rows and declined matches are
// left out; matches are accepted), imports, and prints a summary to `out` (a problem to `err`).
// A CSV is read with the mapping remembered for its header in `settings`, else the guessed one,
// and says which. Returns the exit code: 0, or 1 with a message naming the file (and line).
int runImportCommand(HouseholdData &data, QSettings &settings, const QString &path, const QString &account,
                     QTextStream &out, QTextStream &err);

} // namespace hearth
