// libFuzzer target for the bank statement text readers: the input is a file's bytes, read as a
// CSV (sniffed, then read with the sniffed mapping) and as a QIF through their in-memory entry
// points. Checked besides memory safety and UB: every input is read or refused with a sentence
// naming the file (and a line within the file when one is given); read rows have valid dates and
// lines in the file; a sniffed mapping survives its JSON round trip; amounts survive printing and
// parsing again.

#include "FuzzSupport.h"
#include "StatementReader.h"
#include "StatementText.h"

#include <cstdint>

using namespace hearth;

namespace {

const QString kName = QStringLiteral("fuzz.dat");

void checkOutcome(const std::optional<Statement> &statement, const StatementError &error, qsizetype lines)
{
    if (!statement) {
        FUZZ_CHECK(error.file == kName);
        FUZZ_CHECK(!error.message.isEmpty());
        FUZZ_CHECK(error.line >= 0 && error.line <= lines + 1);
        return;
    }
    for (const StatementRow &row : statement->rows) {
        FUZZ_CHECK(row.date.isValid());
        FUZZ_CHECK(row.line >= 1 && row.line <= lines + 1);
        // An amount printed plainly reads back as itself.
        const qint64 magnitude = row.amountCents < 0 ? -row.amountCents : row.amountCents;
        const QString printed = QStringLiteral("%1%2.%3")
                                    .arg(row.amountCents < 0 ? QStringLiteral("-") : QString())
                                    .arg(magnitude / 100)
                                    .arg(magnitude % 100, 2, 10, QChar(u'0'));
        FUZZ_CHECK(statements::parseAmount(printed, u'.') == row.amountCents);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // An upper bound of the lines any reader counts: a lone CR ends a CSV record too (old Mac
    // files), and UTF-16 has fewer.
    const qsizetype lines = bytes.count('\n') + bytes.count('\r') + 1;

    StatementError error;
    if (const std::optional<CsvSniff> sniff = sniffCsv(bytes, kName, &error)) {
        FUZZ_CHECK(CsvMapping::fromJson(sniff->mapping.toJson()) == sniff->mapping);
        FUZZ_CHECK(sniff->records.size() == sniff->recordLines.size());
        FUZZ_CHECK(sniff->header.isEmpty() == sniff->headerSignature.isEmpty());
        const CsvRecords preview = csvRecords(sniff->head, sniff->mapping, 20);
        FUZZ_CHECK(preview.records.size() == preview.lines.size());
        if (sniff->mapping.isComplete()) {
            StatementReadOptions options;
            options.csv = sniff->mapping;
            StatementError readError;
            checkOutcome(readCsv(bytes, kName, options, &readError), readError, lines);
        }
    } else {
        FUZZ_CHECK(error.file == kName && !error.message.isEmpty());
    }

    StatementError csvError;
    checkOutcome(readCsv(bytes, kName, {}, &csvError), csvError, lines);
    StatementError qifError;
    checkOutcome(readQif(bytes, kName, {}, &qifError), qifError, lines);
    return 0;
}
