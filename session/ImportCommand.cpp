// `hearth import FILE`: the command line's way through BankImporter (kept apart from it so the
// importer itself needs no file readers).

#include "BankImporter.h"

#include <QFileInfo>
#include <QSettings>
#include <QTextStream>

namespace hearth {

int runImportCommand(HouseholdData &data, QSettings &settings, const QString &path, const QString &account,
                     QTextStream &out, QTextStream &err)
{
    StatementError error;
    const QString format = statementFormat(path, &error);
    if (format.isEmpty()) {
        err << error.text() << Qt::endl;
        return 1;
    }
    StatementReadOptions options;
    if (format == QLatin1String("csv")) {
        const std::optional<CsvSniff> sniff = sniffCsv(path, &error);
        if (!sniff) {
            err << error.text() << Qt::endl;
            return 1;
        }
        if (const auto remembered = rememberedCsvMapping(settings, sniff->headerSignature)) {
            options.csv = *remembered;
            out << BankImporter::tr("Reading %1 with the column mapping remembered for this bank.").arg(path) << Qt::endl;
        } else {
            options.csv = sniff->mapping;
            out << BankImporter::tr("Reading %1 with the guessed column mapping (no mapping remembered for this bank).")
                       .arg(path)
                << Qt::endl;
        }
    }
    const std::optional<Statement> statement = readStatement(path, options, &error);
    if (!statement) {
        err << error.text() << Qt::endl;
        return 1;
    }
    BankImporter importer(data);
    const QString name = account.trimmed().isEmpty() ? BankImporter::defaultAccount(*statement) : account.trimmed();
    const ImportPlan plan = importer.plan(*statement, name, QFileInfo(path).fileName());
    const ImportOutcome outcome = importer.import(plan);
    if (!outcome.ok) {
        err << BankImporter::tr("%1: nothing was imported: %2").arg(path, outcome.error) << Qt::endl;
        return 1;
    }
    const ImportCounts counts = plan.counts();
    out << BankImporter::tr("Imported %n transaction(s) into %1", nullptr, int(outcome.added)).arg(name)
        << QLatin1String("; ") << BankImporter::tr("%n already imported", nullptr, int(outcome.duplicates))
        << QLatin1String("; ") << BankImporter::tr("%n matched", nullptr, int(outcome.matched))
        << QLatin1String("; ") << BankImporter::tr("%n out of month skipped", nullptr, counts.outOfMonth);
    if (counts.removed > 0)
        out << QLatin1String("; ") << BankImporter::tr("%n removed earlier skipped", nullptr, counts.removed);
    out << Qt::endl;
    return 0;
}

} // namespace hearth
