#pragma once

// Bank imports: one record per imported statement (the `bank_imports` collection), the rows a
// create carries to the host (compact JSON arrays: an import of 10,000 rows is one message), and
// the bank identity of a row — the key the database keeps unique on `transactions.import_key`.

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace hearth {

class RowReader;

// One import is one message: at most this many rows, whose compact JSON stays under the room's
// message limit (protocol::kDefaultMessageLimit, 4 MiB, with room for the envelope; a typical row
// is 130–250 bytes, so 10,000 rows are 1.3–2.5 MB).
inline constexpr qsizetype kMaxBankImportRows = 25000;
inline constexpr qsizetype kMaxBankImportRowsCharacters = 4 * 1024 * 1024 - 64 * 1024;
// Payee and memo are cut to this length for the wire (a CAMT remittance line is at most 140).
inline constexpr qsizetype kMaxBankTextLength = 140;

// One row to import, in the budget's sign: amountCents > 0 = spent (the bank's sign reversed).
struct BankImportRow
{
    QDate date;
    qint64 amountCents = 0;
    QString payee;
    QString memo;
    QString category;
    QString importKey;          // bankKey(): the identity the database keeps unique
    QString matchTransactionId; // a hand-typed transaction the user accepted as this row: it is
                                // linked (given the key) instead of a second entry being added

    // On the wire: [date, amount_cents, payee, memo, category, import_key, match_transaction_id].
    QJsonArray toJson() const;
    // The row a member sent, or nullopt with *error (a sentence) when it is not one.
    static std::optional<BankImportRow> fromJson(const QJsonValue &value, QString *error);
};

QJsonArray bankImportRowsJson(const QList<BankImportRow> &rows);

// A statement imported into the budget (what the host records of one import).
struct BankImport
{
    QString id;
    QString account;           // the account's name in the household ("Checking")
    QString fileName;          // the file's name, without its folder
    QString format;            // "csv", "ofx", "qif", "camt.053"
    qint64 transactionCount = 0; // transactions added (host-decided)
    qint64 matchedCount = 0;     // hand-typed transactions linked (host-decided)
    qint64 duplicateCount = 0;   // rows already imported, skipped (host-decided)
    qint64 rev = 0;

    static BankImport fromRow(const RowReader &row);
    static BankImport fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

namespace bankkey {

// The longest a key's payee part may be (the key stays under the 500-character text cap).
inline constexpr qsizetype kPayeeLength = 120;

// A payee as rows are compared by: case-folded, spaces collapsed, punctuation dropped.
QString normalizedPayee(const QString &payee);
// "fitid:<account>:<FITID>" — the file's own id (OFX FITID, CAMT AcctSvcrRef) wins when it has one.
QString fromBankId(const QString &account, const QString &bankId);
// "row:<account>|<date>|<bank amount in cents>|<normalized payee>", with "#<n>" for the n-th
// (n ≥ 2) identical row of one statement, so two equal coffees on one day are two transactions
// and the same two in an overlapping file are still recognised.
QString fromRow(const QString &account, const QDate &date, qint64 bankAmountCents, const QString &payee, int occurrence);
// Whether `key` is a well-formed key of `account` (the host refuses others).
bool belongsTo(const QString &key, const QString &account);

} // namespace bankkey

} // namespace hearth
