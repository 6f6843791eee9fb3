#pragma once

// Reading bank statement files: CSV (with detection of encoding, delimiter, decimal separator,
// date format and columns), OFX/QFX (libofx), QIF and CAMT.053 (ISO 20022). The format is decided
// from the content (the extension is only a hint). A file is read whole or not at all: on any
// problem the result is nullopt and the StatementError names the file and, where it applies, the
// line. Nothing here writes anything. Safe to call from a worker thread (libofx's global state is
// behind a mutex).

#include "Statement.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QSettings;

namespace hearth {

// Larger files are refused up front (a statement of 10,000 rows is about 1 MB).
inline constexpr qint64 kMaxStatementBytes = 50 * 1024 * 1024;

enum class CsvColumnRole { Ignore, Date, Amount, Debit, Credit, Payee, Memo };

// How to read one bank's CSV. Column indexes are 0-based, -1 = not used. Either amountColumn or
// debitColumn/creditColumn (one of them is enough) gives the amount; debit values are money out
// whatever their sign, credit values money in.
struct CsvMapping
{
    QString encoding = QStringLiteral("UTF-8"); // "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252"
    QChar delimiter = u',';                     // ',' ';' '\t' '|'
    QChar decimalSeparator = u'.';              // '.' or ','; the other one is the thousands separator
    QString dateFormat = QStringLiteral("yyyy-MM-dd"); // a QDate format: "dd.MM.yyyy", "MM/dd/yyyy", "dd.MM.yy"...
    int headerRecord = 0;                       // the header's record index (-1: no header); records
                                                // before it are the bank's preamble
    int firstDataRecord = 1;                    // records from here on are transactions
    int dateColumn = -1;
    int amountColumn = -1;
    int debitColumn = -1;
    int creditColumn = -1;
    int payeeColumn = -1;
    int memoColumn = -1;

    // Enough to read rows: a date and an amount (or debit/credit).
    bool isComplete() const;
    CsvColumnRole role(int column) const;
    void setRole(int column, CsvColumnRole role); // takes the role away from the column that had it
    QString toJson() const;                       // compact JSON, for QSettings
    static std::optional<CsvMapping> fromJson(const QString &json);
    bool operator==(const CsvMapping &other) const = default;
};

// What sniffCsv found in a CSV file, for the mapping dialog.
struct CsvSniff
{
    QString file;
    QByteArray head;            // the file's first bytes (up to 256 KB), for re-parsing previews
    CsvMapping mapping;         // detected dialect plus columns guessed from the header names
    QStringList header;         // the header's cells (empty when there is none)
    QString headerSignature;    // identifies the bank's layout: hash of the normalized header
                                // cells joined by the delimiter; empty without a header
    QList<QStringList> records; // the first records (up to 50) in the detected dialect, preamble
                                // and header included (record index = position here)
    QList<int> recordLines;     // the 1-based line each of those records starts on
};

std::optional<CsvSniff> sniffCsv(const QString &path, StatementError *error);
std::optional<CsvSniff> sniffCsv(const QByteArray &data, const QString &fileName, StatementError *error);

// The first records of `data` decoded and split with `mapping`'s encoding and delimiter (for a
// live preview while the user changes them); decoding problems are ignored here.
struct CsvRecords
{
    QList<QStringList> records;
    QList<int> lines;
};
CsvRecords csvRecords(const QByteArray &data, const CsvMapping &mapping, int maxRecords);

// One data record read with `mapping`: a row, or why not (the column, by its header name when
// `header` is given, and the problem).
std::optional<StatementRow> csvRow(const QStringList &record, int line, const CsvMapping &mapping, QString *problem,
                                   const QStringList &header = {});

// The header signature for header cells (normalized: trimmed, lower case, spaces collapsed).
QString csvHeaderSignature(const QStringList &header, QChar delimiter);

// Mappings remembered per header signature (under "statements/csvMappings/<signature>").
std::optional<CsvMapping> rememberedCsvMapping(QSettings &settings, const QString &headerSignature);
void rememberCsvMapping(QSettings &settings, const QString &headerSignature, const CsvMapping &mapping);

// progress(done, total) is called every few hundred rows (and once at the end); returning false
// cancels: readStatement then returns nullopt with an error saying so. `total` is the file's size
// in bytes for CSV/QIF/CAMT and the row count for OFX.
using StatementProgress = std::function<bool(qint64 done, qint64 total)>;

struct StatementReadOptions
{
    std::optional<CsvMapping> csv; // for CSV; without it the sniffed mapping (which must be complete)
    StatementProgress progress;
};

// "csv", "ofx", "qif", "camt.053" from the content (extension as a hint); empty and `error` set
// when the file cannot be read at all (missing, empty, too large, binary, unknown).
QString statementFormat(const QString &path, StatementError *error);

std::optional<Statement> readStatement(const QString &path, const StatementReadOptions &options, StatementError *error);

// In-memory entry points (tests, the fuzzer); `fileName` is only used in messages.
std::optional<Statement> readCsv(const QByteArray &data, const QString &fileName, const StatementReadOptions &options,
                                 StatementError *error);
std::optional<Statement> readQif(const QByteArray &data, const QString &fileName, const StatementReadOptions &options,
                                 StatementError *error);
std::optional<Statement> readCamt(const QByteArray &data, const QString &fileName, const StatementReadOptions &options,
                                  StatementError *error);
// libofx reads files only.
std::optional<Statement> readOfx(const QString &path, const StatementReadOptions &options, StatementError *error);

} // namespace hearth
