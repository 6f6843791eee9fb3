// CSV statements: the dialect (encoding, delimiter, decimal separator, date format, where the
// data starts) is detected from the file, the columns are guessed from the header's names in
// several languages, and a user's mapping (CsvMappingDialog) can replace the guess.

#include "StatementReader.h"
#include "StatementText.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

#include <algorithm>

namespace hearth {

using namespace statements;

namespace {

constexpr qsizetype kSniffBytes = 256 * 1024;
constexpr int kSniffRecords = 50;
constexpr int kProgressEvery = 500;

// RFC 4180 records: quoted fields may hold the delimiter, doubled quotes and line breaks; CRLF,
// LF and CR all end a record. Blank lines are skipped.
class CsvSplitter
{
public:
    CsvSplitter(QStringView text, QChar delimiter) : m_text(text), m_delimiter(delimiter) {}

    // False at the end, or (with `problem` set) at a quote that is never closed.
    bool next(QStringList *cells, int *line, QString *problem)
    {
        for (;;) {
            if (m_pos >= m_text.size())
                return false;
            cells->clear();
            *line = m_line;
            if (!readRecord(cells, problem))
                return false;
            if (!(cells->size() == 1 && cells->first().trimmed().isEmpty()))
                return true;
        }
    }

    qsizetype position() const { return m_pos; }

private:
    bool readRecord(QStringList *cells, QString *problem)
    {
        const qsizetype n = m_text.size();
        QString cell;
        for (;;) {
            cell.clear();
            qsizetype start = m_pos;
            while (m_pos < n && m_text[m_pos] == u' ')
                ++m_pos;
            if (m_pos < n && m_text[m_pos] == u'"') {
                const int openedOn = m_line;
                ++m_pos;
                bool closed = false;
                while (m_pos < n) {
                    const QChar c = m_text[m_pos];
                    if (c == u'"') {
                        if (m_pos + 1 < n && m_text[m_pos + 1] == u'"') {
                            cell += u'"';
                            m_pos += 2;
                            continue;
                        }
                        ++m_pos;
                        closed = true;
                        break;
                    }
                    if (c == u'\n')
                        ++m_line;
                    cell += c;
                    ++m_pos;
                }
                if (!closed) {
                    if (problem)
                        *problem = Messages::tr("a quoted field opened on line %1 is never closed").arg(openedOn);
                    m_line = openedOn;
                    cells->append(cell);
                    return false;
                }
                // Anything after the closing quote up to the delimiter belongs to the field.
                start = m_pos;
                while (m_pos < n && m_text[m_pos] != m_delimiter && m_text[m_pos] != u'\n' && m_text[m_pos] != u'\r')
                    ++m_pos;
                cell += m_text.sliced(start, m_pos - start);
            } else {
                m_pos = start;
                while (m_pos < n && m_text[m_pos] != m_delimiter && m_text[m_pos] != u'\n' && m_text[m_pos] != u'\r')
                    ++m_pos;
                cell = m_text.sliced(start, m_pos - start).toString();
            }
            cells->append(cell);
            if (m_pos >= n)
                return true;
            const QChar c = m_text[m_pos];
            ++m_pos;
            if (c == m_delimiter)
                continue;
            if (c == u'\r' && m_pos < n && m_text[m_pos] == u'\n')
                ++m_pos;
            ++m_line;
            return true;
        }
    }

    QStringView m_text;
    QChar m_delimiter;
    qsizetype m_pos = 0;
    int m_line = 1;
};

CsvRecords splitLeniently(QStringView text, QChar delimiter, int maxRecords)
{
    CsvRecords out;
    CsvSplitter splitter(text, delimiter);
    QStringList cells;
    int line = 0;
    QString problem;
    while (out.records.size() < maxRecords) {
        const bool more = splitter.next(&cells, &line, &problem);
        if (!more && cells.isEmpty())
            break;
        if (!more && problem.isEmpty())
            break;
        out.records.append(cells);
        out.lines.append(line);
        if (!more)
            break;
        cells.clear();
    }
    return out;
}

// Cut a sample at its last complete line, so detection never sees half a character or record.
QByteArray completeLines(const QByteArray &data, qsizetype limit, bool utf16)
{
    if (data.size() <= limit)
        return data;
    QByteArray head = data.first(limit);
    const qsizetype newline = head.lastIndexOf('\n');
    if (newline > 0)
        head.truncate(newline + 1);
    if (utf16 && head.size() % 2)
        head.append(data.at(head.size()));
    return head;
}

bool looksLikeDate(const QString &cell)
{
    return parseDate(cell, QStringLiteral("yyyy-MM-dd")) || parseDate(cell, QStringLiteral("dd.MM.yyyy"))
        || parseDate(cell, QStringLiteral("MM/dd/yyyy"));
}

bool looksLikeAmount(const QString &cell)
{
    return !looksLikeDate(cell) && (parseAmount(cell, u'.') || parseAmount(cell, u','));
}

QString normalizedHeaderName(const QString &cell)
{
    QString text = cell.normalized(QString::NormalizationForm_D).toLower();
    QString out;
    out.reserve(text.size());
    int depth = 0;
    for (const QChar c : std::as_const(text)) {
        if (c == u'(' || c == u'[') {
            ++depth;
            continue;
        }
        if (c == u')' || c == u']') {
            depth = qMax(0, depth - 1);
            continue;
        }
        if (depth > 0 || c.category() == QChar::Mark_NonSpacing)
            continue;
        out += c.isLetterOrNumber() ? c : QChar(u' ');
    }
    return out.simplified();
}

struct RoleNames
{
    CsvColumnRole role;
    QList<const char *> exact;    // the whole (normalized) name, best first
    QList<const char *> contains; // one of its words, best first
};

const QList<RoleNames> &roleNames()
{
    static const QList<RoleNames> names = {
        {CsvColumnRole::Date,
         {"buchungstag", "buchungsdatum", "transaction date", "trans date", "posting date", "booking date", "date",
          "datum", "fecha", "fecha operacion", "date operation", "date de l operation", "boekdatum", "transactiedatum",
          "posted date", "post date", "data"},
         {"buchungstag", "buchungsdatum", "date", "datum", "fecha", "boekdatum"}},
        {CsvColumnRole::Amount,
         {"amount", "betrag", "montant", "bedrag", "importe", "umsatz", "transaction amount", "amount eur",
          "montant eur", "bedrag eur", "cantidad", "value"},
         {"amount", "betrag", "montant", "bedrag", "importe", "umsatz"}},
        {CsvColumnRole::Debit,
         {"debit", "debits", "debit amount", "withdrawal", "withdrawals", "money out", "paid out", "soll", "belastung",
          "ausgabe", "ausgaben", "debet", "cargo", "cargos", "debe", "uitgaven", "sortie"},
         {"debit", "withdrawal", "withdrawals", "soll", "cargo", "cargos", "debet"}},
        {CsvColumnRole::Credit,
         {"credit", "credits", "credit amount", "deposit", "deposits", "money in", "paid in", "haben", "gutschrift",
          "einnahme", "einnahmen", "abono", "abonos", "haber", "inkomsten", "entree"},
         {"credit", "deposit", "deposits", "haben", "abono", "abonos"}},
        {CsvColumnRole::Payee,
         {"payee", "payee name", "beguenstigter zahlungspflichtiger", "begunstigter zahlungspflichtiger",
          "empfanger", "empfaenger", "zahlungsempfanger", "zahlungsempfaenger", "auftraggeber", "auftraggeber empfanger",
          "auftraggeber begunstigter", "name", "counterparty", "merchant", "beneficiaire", "tiers", "beneficiario",
          "naam", "naam tegenpartij", "tegenpartij", "ordenante", "name des zahlungsbeteiligten"},
         {"payee", "empfanger", "empfaenger", "zahlungsempfanger", "auftraggeber", "begunstigter", "beguenstigter",
          "zahlungsbeteiligten", "naam", "name", "beneficiaire", "beneficiario", "merchant", "counterparty"}},
        {CsvColumnRole::Memo,
         {"verwendungszweck", "memo", "description", "libelle", "omschrijving", "mededelingen", "concepto",
          "descripcion", "details", "transaction details", "notes", "narrative", "reference", "referenz",
          "buchungstext", "observaciones", "particulars", "libelle operation", "libelle de l operation"},
         {"verwendungszweck", "memo", "description", "libelle", "omschrijving", "mededelingen", "concepto",
          "descripcion", "details", "buchungstext"}},
    };
    return names;
}

int nameScore(const QString &normalized, const RoleNames &names)
{
    for (qsizetype i = 0; i < names.exact.size(); ++i) {
        if (normalized == QLatin1String(names.exact[i]))
            return 200 - int(i);
    }
    const QStringList words = normalized.split(u' ', Qt::SkipEmptyParts);
    // A value date is not the booking date.
    if (names.role == CsvColumnRole::Date) {
        for (const QString &word : words) {
            if (word.startsWith(QLatin1String("valuta")) || word == QLatin1String("value") || word.startsWith(QLatin1String("wert"))
                || word == QLatin1String("valeur") || word == QLatin1String("valor") || word.startsWith(QLatin1String("rente")))
                return 0;
        }
    }
    for (qsizetype i = 0; i < names.contains.size(); ++i) {
        if (words.contains(QLatin1String(names.contains[i])))
            return 100 - int(i);
    }
    return 0;
}

// The mapping's field for a role; nullptr for Ignore.
int *columnOf(CsvMapping &mapping, CsvColumnRole role)
{
    switch (role) {
    case CsvColumnRole::Date: return &mapping.dateColumn;
    case CsvColumnRole::Amount: return &mapping.amountColumn;
    case CsvColumnRole::Debit: return &mapping.debitColumn;
    case CsvColumnRole::Credit: return &mapping.creditColumn;
    case CsvColumnRole::Payee: return &mapping.payeeColumn;
    case CsvColumnRole::Memo: return &mapping.memoColumn;
    case CsvColumnRole::Ignore: break;
    }
    return nullptr;
}

// Columns from the header's names: the best (role, column) pairs first, each used once.
void guessColumnsFromHeader(const QStringList &header, CsvMapping *mapping)
{
    struct Candidate
    {
        int score;
        int column;
        CsvColumnRole role;
    };
    QList<Candidate> candidates;
    QList<int> memoLike;
    for (int column = 0; column < header.size(); ++column) {
        const QString name = normalizedHeaderName(header[column]);
        for (const RoleNames &names : roleNames()) {
            if (const int score = nameScore(name, names); score > 0) {
                candidates.append({score, column, names.role});
                if (names.role == CsvColumnRole::Memo)
                    memoLike.append(column);
            }
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate &a, const Candidate &b) { return a.score > b.score; });
    QList<int> used;
    for (const Candidate &candidate : std::as_const(candidates)) {
        int *column = columnOf(*mapping, candidate.role);
        if (!column || *column >= 0 || used.contains(candidate.column))
            continue;
        // Either one amount or debit/credit.
        if (candidate.role == CsvColumnRole::Amount && (mapping->debitColumn >= 0 || mapping->creditColumn >= 0))
            continue;
        if ((candidate.role == CsvColumnRole::Debit || candidate.role == CsvColumnRole::Credit) && mapping->amountColumn >= 0)
            continue;
        *column = candidate.column;
        used.append(candidate.column);
    }
    // No counterparty column: the description is the best payee there is.
    if (mapping->payeeColumn < 0) {
        for (const int column : std::as_const(memoLike)) {
            if (column != mapping->memoColumn && !used.contains(column)) {
                mapping->payeeColumn = column;
                break;
            }
        }
        if (mapping->payeeColumn < 0 && mapping->memoColumn >= 0) {
            mapping->payeeColumn = mapping->memoColumn;
            mapping->memoColumn = -1;
        }
    }
}

// Without a header (or one in no language we know): the first date column, the first amount
// column with decimals, and the longest text column as the payee.
void guessColumnsFromData(const QList<QStringList> &rows, CsvMapping *mapping)
{
    if (rows.isEmpty())
        return;
    const int columns = int(rows.first().size());
    const auto all = [&rows](int column, auto predicate) {
        for (const QStringList &row : rows) {
            if (column >= row.size() || !predicate(row[column]))
                return false;
        }
        return true;
    };
    for (int column = 0; column < columns; ++column) {
        if (mapping->dateColumn < 0 && all(column, looksLikeDate))
            mapping->dateColumn = column;
    }
    if (mapping->amountColumn < 0 && mapping->debitColumn < 0 && mapping->creditColumn < 0) {
        for (int column = 0; column < columns; ++column) {
            if (column != mapping->dateColumn && all(column, looksLikeAmount)
                && all(column, [](const QString &cell) { return cell.contains(u'.') || cell.contains(u','); })) {
                mapping->amountColumn = column;
                break;
            }
        }
    }
    if (mapping->payeeColumn < 0) {
        qsizetype longest = 0;
        for (int column = 0; column < columns; ++column) {
            if (column == mapping->dateColumn || column == mapping->amountColumn)
                continue;
            qsizetype length = 0;
            bool text = true;
            for (const QStringList &row : rows) {
                if (column < row.size()) {
                    length += row[column].size();
                    text = text && !looksLikeAmount(row[column]) && !looksLikeDate(row[column]);
                }
            }
            if (text && length > longest) {
                longest = length;
                mapping->payeeColumn = column;
            }
        }
    }
}

struct Dialect
{
    QChar delimiter;
    CsvRecords records;
    int score = 0;
    int fields = 0;
};

// The delimiter that splits most records into the same number (two or more) of fields.
Dialect detectDelimiter(QStringView text)
{
    Dialect best;
    best.delimiter = u',';
    for (const QChar delimiter : {QChar(u','), QChar(u';'), QChar(u'\t'), QChar(u'|')}) {
        Dialect dialect;
        dialect.delimiter = delimiter;
        dialect.records = splitLeniently(text, delimiter, kSniffRecords);
        QHash<int, int> counts;
        for (const QStringList &record : std::as_const(dialect.records.records)) {
            if (record.size() >= 2)
                ++counts[int(record.size())];
        }
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            if (it.value() > dialect.score || (it.value() == dialect.score && it.key() > dialect.fields)) {
                dialect.score = it.value();
                dialect.fields = it.key();
            }
        }
        if (best.records.records.isEmpty() || dialect.score > best.score
            || (dialect.score == best.score && dialect.fields > best.fields))
            best = dialect;
    }
    return best;
}

std::optional<qint64> cellAmount(const QStringList &record, int column, QChar decimal, bool *empty)
{
    *empty = column >= record.size() || record[column].trimmed().isEmpty();
    if (*empty)
        return 0;
    return parseAmount(record[column], decimal);
}

QString roleName(CsvColumnRole role)
{
    switch (role) {
    case CsvColumnRole::Date: return Messages::tr("date");
    case CsvColumnRole::Amount: return Messages::tr("amount");
    case CsvColumnRole::Debit: return Messages::tr("debit");
    case CsvColumnRole::Credit: return Messages::tr("credit");
    case CsvColumnRole::Payee: return Messages::tr("payee");
    case CsvColumnRole::Memo: return Messages::tr("memo");
    case CsvColumnRole::Ignore: break;
    }
    return Messages::tr("ignored");
}

QString columnProblem(int column, CsvColumnRole role, const QString &problem, const QStringList &header)
{
    const QString name = header.value(column).simplified();
    if (!name.isEmpty())
        return Messages::tr("column %1 “%2” (%3): %4").arg(column + 1).arg(name, roleName(role), problem);
    return Messages::tr("column %1 (%2): %3").arg(column + 1).arg(roleName(role), problem);
}

} // namespace

bool CsvMapping::isComplete() const
{
    return dateColumn >= 0 && (amountColumn >= 0 || debitColumn >= 0 || creditColumn >= 0) && !dateFormat.isEmpty()
        && firstDataRecord >= 0;
}

CsvColumnRole CsvMapping::role(int column) const
{
    if (column < 0)
        return CsvColumnRole::Ignore;
    if (column == dateColumn)
        return CsvColumnRole::Date;
    if (column == amountColumn)
        return CsvColumnRole::Amount;
    if (column == debitColumn)
        return CsvColumnRole::Debit;
    if (column == creditColumn)
        return CsvColumnRole::Credit;
    if (column == payeeColumn)
        return CsvColumnRole::Payee;
    if (column == memoColumn)
        return CsvColumnRole::Memo;
    return CsvColumnRole::Ignore;
}

void CsvMapping::setRole(int column, CsvColumnRole role)
{
    for (int *field : {&dateColumn, &amountColumn, &debitColumn, &creditColumn, &payeeColumn, &memoColumn}) {
        if (*field == column)
            *field = -1;
    }
    int *field = columnOf(*this, role);
    if (!field)
        return;
    *field = column;
    // One amount or debit/credit, never both.
    if (role == CsvColumnRole::Amount)
        debitColumn = creditColumn = -1;
    if (role == CsvColumnRole::Debit || role == CsvColumnRole::Credit)
        amountColumn = -1;
}

QString CsvMapping::toJson() const
{
    QJsonObject o;
    o[QLatin1String("encoding")] = encoding;
    o[QLatin1String("delimiter")] = QString(delimiter);
    o[QLatin1String("decimal")] = QString(decimalSeparator);
    o[QLatin1String("dateFormat")] = dateFormat;
    o[QLatin1String("headerRecord")] = headerRecord;
    o[QLatin1String("firstDataRecord")] = firstDataRecord;
    o[QLatin1String("date")] = dateColumn;
    o[QLatin1String("amount")] = amountColumn;
    o[QLatin1String("debit")] = debitColumn;
    o[QLatin1String("credit")] = creditColumn;
    o[QLatin1String("payee")] = payeeColumn;
    o[QLatin1String("memo")] = memoColumn;
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<CsvMapping> CsvMapping::fromJson(const QString &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8());
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject o = document.object();
    CsvMapping m;
    const QString delimiter = o.value(QLatin1String("delimiter")).toString();
    const QString decimal = o.value(QLatin1String("decimal")).toString();
    if (delimiter.size() != 1 || decimal.size() != 1)
        return std::nullopt;
    m.encoding = o.value(QLatin1String("encoding")).toString(m.encoding);
    m.delimiter = delimiter[0];
    m.decimalSeparator = decimal[0];
    m.dateFormat = o.value(QLatin1String("dateFormat")).toString(m.dateFormat);
    m.headerRecord = o.value(QLatin1String("headerRecord")).toInt(-1);
    m.firstDataRecord = o.value(QLatin1String("firstDataRecord")).toInt(0);
    m.dateColumn = o.value(QLatin1String("date")).toInt(-1);
    m.amountColumn = o.value(QLatin1String("amount")).toInt(-1);
    m.debitColumn = o.value(QLatin1String("debit")).toInt(-1);
    m.creditColumn = o.value(QLatin1String("credit")).toInt(-1);
    m.payeeColumn = o.value(QLatin1String("payee")).toInt(-1);
    m.memoColumn = o.value(QLatin1String("memo")).toInt(-1);
    if (m.firstDataRecord < 0 || m.headerRecord >= qMax(m.firstDataRecord, 1) || m.headerRecord < -1)
        return std::nullopt;
    return m;
}

QString csvHeaderSignature(const QStringList &header, QChar delimiter)
{
    QStringList cells;
    cells.reserve(header.size());
    for (const QString &cell : header)
        cells.append(cell.simplified().toLower());
    const QByteArray joined = cells.join(delimiter).toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(joined, QCryptographicHash::Sha1).toHex().left(16));
}

std::optional<CsvMapping> rememberedCsvMapping(QSettings &settings, const QString &headerSignature)
{
    if (headerSignature.isEmpty())
        return std::nullopt;
    const QString json = settings.value(QStringLiteral("statements/csvMappings/") + headerSignature).toString();
    return json.isEmpty() ? std::nullopt : CsvMapping::fromJson(json);
}

void rememberCsvMapping(QSettings &settings, const QString &headerSignature, const CsvMapping &mapping)
{
    if (!headerSignature.isEmpty())
        settings.setValue(QStringLiteral("statements/csvMappings/") + headerSignature, mapping.toJson());
}

CsvRecords csvRecords(const QByteArray &data, const CsvMapping &mapping, int maxRecords)
{
    const bool utf16 = mapping.encoding.startsWith(QLatin1String("UTF-16"));
    const QString text = decodeLeniently(completeLines(data, kSniffBytes, utf16), mapping.encoding);
    return splitLeniently(text, mapping.delimiter, maxRecords);
}

std::optional<CsvSniff> sniffCsv(const QByteArray &data, const QString &fileName, StatementError *error)
{
    if (!checkSize(data.size(), fileName, error))
        return std::nullopt;
    CsvSniff sniff;
    sniff.file = fileName;
    const QString encoding = detectEncoding(data);
    sniff.head = completeLines(data, kSniffBytes, encoding.startsWith(QLatin1String("UTF-16")));
    QString text;
    int line = 0;
    QString problem;
    if (!decodeText(sniff.head, encoding, &text, &line, &problem)) {
        setError(error, fileName, line, Messages::tr("The file %1.").arg(problem));
        return std::nullopt;
    }
    CsvMapping &mapping = sniff.mapping;
    mapping.encoding = encoding;
    const Dialect dialect = detectDelimiter(text);
    mapping.delimiter = dialect.delimiter;
    sniff.records = dialect.records.records;
    sniff.recordLines = dialect.records.lines;

    // The data starts at the first record with a date and an amount; a record just before it
    // without dates is the header; anything earlier is the bank's preamble.
    int first = -1;
    for (int i = 0; i < sniff.records.size() && first < 0; ++i) {
        const QStringList &record = sniff.records[i];
        if (record.size() < 2 || (dialect.fields >= 2 && record.size() != dialect.fields))
            continue;
        const bool date = std::any_of(record.begin(), record.end(), looksLikeDate);
        const bool amount = std::any_of(record.begin(), record.end(), looksLikeAmount);
        if (date && amount)
            first = i;
    }
    if (first < 0) {
        // Nothing that looks like a transaction: say the first record is the header.
        mapping.headerRecord = sniff.records.isEmpty() ? -1 : 0;
        mapping.firstDataRecord = mapping.headerRecord + 1;
        if (mapping.headerRecord == 0)
            sniff.header = sniff.records.first();
    } else {
        mapping.firstDataRecord = first;
        mapping.headerRecord = -1;
        if (first > 0) {
            const QStringList &previous = sniff.records[first - 1];
            if (previous.size() >= 2 && std::none_of(previous.begin(), previous.end(), looksLikeDate)) {
                mapping.headerRecord = first - 1;
                sniff.header = previous;
            }
        }
    }
    if (!sniff.header.isEmpty()) {
        guessColumnsFromHeader(sniff.header, &mapping);
        sniff.headerSignature = csvHeaderSignature(sniff.header, mapping.delimiter);
    }
    QList<QStringList> dataRows;
    if (first >= 0) {
        for (int i = first; i < sniff.records.size(); ++i) {
            if (sniff.records[i].size() == sniff.records[first].size())
                dataRows.append(sniff.records[i]);
        }
    }
    if (!mapping.isComplete() || mapping.payeeColumn < 0)
        guessColumnsFromData(dataRows, &mapping);

    QStringList amounts, dates;
    for (const QStringList &row : std::as_const(dataRows)) {
        for (const int column : {mapping.amountColumn, mapping.debitColumn, mapping.creditColumn}) {
            if (column >= 0 && column < row.size() && !row[column].trimmed().isEmpty())
                amounts.append(row[column]);
        }
        if (mapping.dateColumn >= 0 && mapping.dateColumn < row.size())
            dates.append(row[mapping.dateColumn]);
    }
    mapping.decimalSeparator = guessDecimalSeparator(amounts, mapping.delimiter == u',' ? u'.' : u',');
    // Day/month order from the data; where every date fits both, US-style files (comma and
    // decimal point) read month first.
    const bool usStyle = mapping.delimiter == u',' && mapping.decimalSeparator == u'.';
    const QString dateFormat = guessDateFormat(dates, usStyle);
    mapping.dateFormat = dateFormat.isEmpty() ? QStringLiteral("yyyy-MM-dd") : dateFormat;
    return sniff;
}

std::optional<CsvSniff> sniffCsv(const QString &path, StatementError *error)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, name, 0, Messages::tr("The file cannot be opened: %1.").arg(file.errorString()));
        return std::nullopt;
    }
    if (!checkSize(file.size(), name, error))
        return std::nullopt;
    return sniffCsv(file.read(kSniffBytes + 1), name, error);
}

std::optional<StatementRow> csvRow(const QStringList &record, int line, const CsvMapping &mapping, QString *problem,
                                   const QStringList &header)
{
    StatementRow row;
    row.line = line;
    const auto missing = [&](int column, CsvColumnRole role) {
        *problem = columnProblem(column, role, Messages::tr("the row has only %n column(s)", nullptr, int(record.size())), header);
        return std::nullopt;
    };
    if (mapping.dateColumn >= record.size())
        return missing(mapping.dateColumn, CsvColumnRole::Date);
    const QString &dateCell = record[mapping.dateColumn];
    const std::optional<QDate> date = parseDate(dateCell, mapping.dateFormat);
    if (!date) {
        *problem = columnProblem(mapping.dateColumn, CsvColumnRole::Date,
                                 dateCell.trimmed().isEmpty()
                                     ? Messages::tr("the date is missing")
                                     : Messages::tr("“%1” is not a date in the format %2").arg(dateCell.trimmed(), mapping.dateFormat),
                                 header);
        return std::nullopt;
    }
    row.date = *date;
    const auto badAmount = [&](int column, CsvColumnRole role) {
        *problem = columnProblem(column, role,
                                 Messages::tr("“%1” is not an amount (decimal separator “%2”)")
                                     .arg(record[column].trimmed(), QString(mapping.decimalSeparator)),
                                 header);
        return std::nullopt;
    };
    if (mapping.amountColumn >= 0) {
        if (mapping.amountColumn >= record.size())
            return missing(mapping.amountColumn, CsvColumnRole::Amount);
        bool empty = false;
        const auto amount = cellAmount(record, mapping.amountColumn, mapping.decimalSeparator, &empty);
        if (empty) {
            *problem = columnProblem(mapping.amountColumn, CsvColumnRole::Amount, Messages::tr("the amount is missing"), header);
            return std::nullopt;
        }
        if (!amount)
            return badAmount(mapping.amountColumn, CsvColumnRole::Amount);
        row.amountCents = *amount;
    } else {
        bool debitEmpty = true, creditEmpty = true;
        qint64 cents = 0;
        if (mapping.debitColumn >= 0) {
            const auto debit = cellAmount(record, mapping.debitColumn, mapping.decimalSeparator, &debitEmpty);
            if (!debit)
                return badAmount(mapping.debitColumn, CsvColumnRole::Debit);
            cents -= qAbs(*debit); // money out, whether the bank writes it signed or not
        }
        if (mapping.creditColumn >= 0) {
            const auto credit = cellAmount(record, mapping.creditColumn, mapping.decimalSeparator, &creditEmpty);
            if (!credit)
                return badAmount(mapping.creditColumn, CsvColumnRole::Credit);
            cents += qAbs(*credit);
        }
        if (debitEmpty && creditEmpty) {
            const int column = mapping.debitColumn >= 0 ? mapping.debitColumn : mapping.creditColumn;
            *problem = columnProblem(column, mapping.debitColumn >= 0 ? CsvColumnRole::Debit : CsvColumnRole::Credit,
                                     Messages::tr("neither a debit nor a credit amount is given"), header);
            return std::nullopt;
        }
        row.amountCents = cents;
    }
    if (mapping.payeeColumn >= 0 && mapping.payeeColumn < record.size())
        row.payee = record[mapping.payeeColumn].simplified();
    if (mapping.memoColumn >= 0 && mapping.memoColumn < record.size())
        row.memo = record[mapping.memoColumn].simplified();
    return row;
}

std::optional<Statement> readCsv(const QByteArray &data, const QString &fileName, const StatementReadOptions &options,
                                 StatementError *error)
{
    if (!checkSize(data.size(), fileName, error))
        return std::nullopt;
    CsvMapping mapping;
    int headerLine = 1;
    if (options.csv) {
        mapping = *options.csv;
    } else {
        const std::optional<CsvSniff> sniff = sniffCsv(data, fileName, error);
        if (!sniff)
            return std::nullopt;
        mapping = sniff->mapping;
        if (mapping.headerRecord >= 0 && mapping.headerRecord < sniff->recordLines.size())
            headerLine = sniff->recordLines[mapping.headerRecord];
    }
    if (!mapping.isComplete()) {
        setError(error, fileName, headerLine,
                 Messages::tr("Which columns hold the date and the amount could not be recognized; choose them in the column mapping."));
        return std::nullopt;
    }
    QString text;
    int line = 0;
    QString problem;
    if (!decodeText(data, mapping.encoding, &text, &line, &problem)) {
        setError(error, fileName, line, Messages::tr("The file %1.").arg(problem));
        return std::nullopt;
    }
    Statement statement;
    statement.format = QStringLiteral("csv");
    CsvSplitter splitter(text, mapping.delimiter);
    QStringList record;
    QStringList header;
    int index = 0;
    problem.clear();
    while (splitter.next(&record, &line, &problem)) {
        if (index == mapping.headerRecord)
            header = record;
        if (index++ < mapping.firstDataRecord)
            continue;
        // Balance and footer lines carry neither a date nor an amount.
        const auto blank = [&record](int column) { return column < 0 || column >= record.size() || record[column].trimmed().isEmpty(); };
        if (blank(mapping.dateColumn) && blank(mapping.amountColumn) && blank(mapping.debitColumn) && blank(mapping.creditColumn))
            continue;
        QString rowProblem;
        std::optional<StatementRow> row = csvRow(record, line, mapping, &rowProblem, header);
        if (!row) {
            setError(error, fileName, line, rowProblem);
            return std::nullopt;
        }
        statement.rows.append(std::move(*row));
        if (options.progress && statement.rows.size() % kProgressEvery == 0
            && !options.progress(qint64(double(splitter.position()) / double(qMax<qsizetype>(1, text.size())) * double(data.size())),
                                 data.size())) {
            setError(error, fileName, 0, Messages::tr("Reading was cancelled."));
            return std::nullopt;
        }
    }
    if (!problem.isEmpty()) {
        setError(error, fileName, line, Messages::tr("The file ends inside a quoted field: %1.").arg(problem));
        return std::nullopt;
    }
    if (options.progress && !options.progress(data.size(), data.size())) {
        setError(error, fileName, 0, Messages::tr("Reading was cancelled."));
        return std::nullopt;
    }
    return statement;
}

} // namespace hearth
