#pragma once

// Pieces the text readers (CSV, QIF) share: decoding with encoding detection, refusing binary
// content, and reading dates and amounts the way banks write them. Internal to session/statements.

#include "Statement.h"

#include <QByteArray>
#include <QChar>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <functional>
#include <optional>

namespace hearth::statements {

// The readers' sentences, in one translation context.
class Messages
{
    Q_DECLARE_TR_FUNCTIONS(hearth::StatementReader)
};

// From the byte-order mark, else UTF-8 when the bytes are valid UTF-8, else "Windows-1252".
QString detectEncoding(const QByteArray &data);

// Decodes `data` (a BOM is dropped). False when the bytes are not valid in `encoding` or hold
// binary content (NUL bytes, control characters); `problem` then says which and `line` where.
bool decodeText(const QByteArray &data, const QString &encoding, QString *text, int *line, QString *problem);
// Never fails: invalid bytes become U+FFFD (previews).
QString decodeLeniently(const QByteArray &data, const QString &encoding);

// The checks every reader makes before looking at a file: not empty, not too large.
bool checkSize(qint64 size, const QString &fileName, StatementError *error);
void setError(StatementError *error, const QString &fileName, int line, const QString &message);

// A date format as QDate writes them ("dd.MM.yyyy", "MM/dd/yy", "yyyy-MM-dd", "yyyyMMdd"): the
// order of its parts decides; the separator and the number of digits are read leniently
// ("1.2.2025", "12/31'25", "2025-01-02 10:00").
std::optional<QDate> parseDate(QStringView text, const QString &format);
// The format that reads the most samples, deciding day/month order from the data (a first part
// above 12 is a day); `preferMonthFirst` settles samples that fit both. Empty when none fits.
QString guessDateFormat(const QStringList &samples, bool preferMonthFirst);

// An amount in cents: thousands separators (the separator that is not `decimal`, a space or an
// apostrophe), "-12,00", "12,00-", "+5", "(12.00)", "12.00 DR"/"CR", currency symbols or codes
// before or after. Nullopt when it is not one.
std::optional<qint64> parseAmount(QStringView text, QChar decimal);
// '.' or ',' from samples such as "1.234,56" and "12,5"; `fallback` when they do not tell.
QChar guessDecimalSeparator(const QStringList &samples, QChar fallback);

// The 1-based line of position `pos` in `text`.
int lineOf(QStringView text, qsizetype pos);

} // namespace hearth::statements
