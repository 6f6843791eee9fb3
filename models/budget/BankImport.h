#pragma once

// Bank imports: one record per imported statement (the `bank_imports` collection), the rows a
// create carries to the host (compact JSON arrays: an import of 10,000 rows is one message), the
// bank identity of a row — the key the database keeps unique on `transactions.import_key` — and
// the imported transactions someone removed (`removed_bank_rows`), which are not imported again.

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QHash>
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
    QString importKey;          // bankkey: the identity the database keeps unique
    QString matchTransactionId; // a hand-typed transaction the user accepted as this row: it is
                                // linked (given the key) instead of a second entry being added
    QString rowKey;             // bankkey::sameRow(): the row as any file of the bank shows it

    // On the wire: [date, amount_cents, payee, memo, category, import_key, match_transaction_id,
    // row_key]; a row of seven (an older client) has the import key as its row key when that is one.
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

// An imported transaction someone removed from the budget: its bank identity stays, so the next
// statement that lists the row does not bring it back. Made by the host when such a transaction
// is deleted; an adult may forget one (the row is then imported again by the next statement).
struct RemovedBankRow
{
    QString id;
    QString importKey;
    QString rowKey;
    QDate occurredOn;
    QString description;
    qint64 amountCents = 0;
    qint64 rev = 0;

    static RemovedBankRow fromRow(const RowReader &row);
    static RemovedBankRow fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

namespace bankkey {

// The longest a key's payee part may be (the key stays under the 500-character text cap).
inline constexpr qsizetype kPayeeLength = 120;
// The payee part of a row key (sameRow): OFX 1.x cuts NAME at 32 characters, so the bank's CSV of
// the same movement agrees with its OFX only that far, less the punctuation normalizing drops.
inline constexpr qsizetype kSameRowPayeeLength = 24;

// A payee as rows are compared by: case-folded, spaces collapsed, punctuation dropped.
QString normalizedPayee(const QString &payee);
// "fitid:<account>:<FITID>" — the file's own id (OFX FITID, CAMT AcctSvcrRef) wins when it has one.
QString fromBankId(const QString &account, const QString &bankId);
// "row:<account>|<date>|<bank amount in cents>|<normalized payee>", with "#<n>" for the n-th
// (n ≥ 2) identical row of one statement, so two equal coffees on one day are two transactions
// and the same two in an overlapping file are still recognised.
QString fromRow(const QString &account, const QDate &date, qint64 bankAmountCents, const QString &payee, int occurrence);
// The row as every file of the bank shows it, whether it carries ids or not:
// "row:<account>|<date>|<bank amount in cents>|<normalized payee, first 24>", "#<n>" for the n-th
// identical one. Kept beside the import key (transactions.row_key), so a movement imported from
// an OFX (by its FITID) is known again in the bank's CSV (which has no ids), and the other way.
QString sameRow(const QString &account, const QDate &date, qint64 bankAmountCents, const QString &payee, int occurrence);
// Whether `key` is a well-formed key of `account` (the host refuses others).
bool belongsTo(const QString &key, const QString &account);
// Whether `key` is the file's own id ("fitid:"), not a row's content.
bool isBankId(const QString &key);

} // namespace bankkey

// The bank movements a household holds (imported, or removed after importing), asked whether a
// row is one of them. A row is when its import key is known; or, when exactly one of the two came
// from a file with ids (the bank's OFX and its CSV), when their row keys are the same. Two rows
// that both carry ids are one only by their ids (two equal coffees with two FITIDs are two
// coffees), and two without ids only by their import keys (which have the whole payee).
class KnownBankRows
{
public:
    // `id`: what find() answers for the movement (a removal's id), when the caller needs it.
    void add(const QString &importKey, const QString &rowKey, const QString &id = {});
    std::optional<QString> find(const QString &importKey, const QString &rowKey) const;
    bool contains(const QString &importKey, const QString &rowKey) const { return find(importKey, rowKey).has_value(); }

private:
    QHash<QString, QString> m_importKeys;
    QHash<QString, QString> m_rowKeysWithoutId;
    QHash<QString, QString> m_rowKeysWithId;
};

} // namespace hearth
