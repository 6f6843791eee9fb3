#pragma once

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <array>
#include <utility>

class QSqlQuery;

namespace hearth {

struct CollectionSpec;

// The current row of "SELECT id, <the collection's fields>, rev, updated_at", read by field
// name: the column of a name comes from the collection's definition, so a record never depends
// on the order of its fields.
class RowReader
{
public:
    RowReader(const QSqlQuery &query, const CollectionSpec &spec);

    QString text(const char *key) const;
    double real(const char *key) const;
    qint64 integer(const char *key) const;
    bool boolean(const char *key) const;
    QDate date(const char *key) const; // invalid when NULL
    QJsonArray list(const char *key) const; // a List field; empty when NULL

private:
    QVariant value(const char *key) const;
    int column(const char *key) const;

    const QSqlQuery &m_query;
    const CollectionSpec &m_spec;
    // Columns already looked up, by the address of the key: records read with literals, so a
    // name is compared once per load, not once per row.
    mutable std::array<std::pair<const char *, int>, 24> m_known{};
    mutable std::size_t m_knownCount = 0;
};

// Wire forms of the values records hold: a date is "YYYY-MM-DD" or null, a reference an id or null.
QDate dateOf(const QJsonValue &value);
QJsonValue dateJson(const QDate &date);
QJsonValue refJson(const QString &id);
// An entity's field read as text, or as a whole number (`otherwise` when missing or not one).
QString textField(const QJsonObject &entity, const char *key);
qint64 wholeField(const QJsonObject &entity, const char *key, qint64 otherwise = 0);

// Typed rows as the models hold them. fromRow() reads a row of the store by field name; fromJson()
// reads an entity as the engine announces it. toFields() gives the editable fields in wire form.

struct PantryItem
{
    QString id;
    QString name;
    double quantity = 1;
    QString unit;
    QString category;
    QString location;
    QDate expiresOn; // invalid = does not expire
    qint64 rev = 0;
    double minQuantity = 0; // below this a card goes on the shopping list; 0 = not tracked

    bool isLow() const { return minQuantity > 0 && quantity < minQuantity; }

    static PantryItem fromRow(const RowReader &row);
    static PantryItem fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct BudgetTransaction
{
    QString id;
    QDate occurredOn;
    QString description;
    QString category;
    qint64 amountCents = 0; // positive = money spent, negative = refund
    QString memberId;
    qint64 rev = 0;
    QString importKey; // the bank row it came from or was linked to (bank imports); empty when typed
    QString rowKey;    // that row as any file of the bank shows it (bankkey::sameRow)
    QString hiddenFromMemberId; // a gift's spending, kept from the member it is for (host-set)
    QString eventId;            // the household event it was spent for (event planning), if any

    static BudgetTransaction fromRow(const RowReader &row);
    static BudgetTransaction fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct Goal
{
    QString id;
    QString name;
    qint64 targetCents = 0;
    qint64 savedCents = 0;
    QDate targetDate;
    QDate startedOn;
    qint64 rev = 0;

    static Goal fromRow(const RowReader &row);
    static Goal fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct BoardColumn
{
    QString id;
    QString name;
    double position = 0;
    qint64 rev = 0;

    static BoardColumn fromRow(const RowReader &row);
    static BoardColumn fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct BoardCard
{
    QString id;
    QString columnId;
    QString title;
    QString quantity;
    QString category;
    QString note;
    QString assigneeId;
    bool done = false;
    double position = 0;
    qint64 rev = 0;
    // Shopping -> pantry (docs/protocol.md, "board_cards"): the pantry item it restocks, whether
    // what is bought goes into the pantry at all, and what the host recorded when it was bought.
    QString pantryItemId;
    bool toPantry = true;
    bool addedToPantry = false; // host-kept: this purchase is in the pantry ...
    double pantryAmount = 0;    // ... by this much, in the item's unit (what taking it back removes)
    QString boughtBy;           // host-kept: who ticked it off, and when (ISO UTC); cleared on untick
    QString boughtAt;
    // Event planning (docs/protocol.md, "Event planning"): the event whose dishes need it, the need
    // it stands for ("<product>|<unit>") and how much, all host-kept; what was bought of it.
    QString eventId;
    QString needKey;
    double needQuantity = 0;
    QString needUnit;
    double purchasedQuantity = 0;
    qint64 boughtRev = 0; // host-kept: the revision whose update bought it (0 while not bought)

    static BoardCard fromRow(const RowReader &row);
    static BoardCard fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct Member
{
    QString id;
    QString name;
    QString role;
    QString color;
    qint64 rev = 0;

    static Member fromRow(const RowReader &row);
    static Member fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

struct Household
{
    QString id;
    QString name;
    QString currency;
    qint64 budgetLimitCents = 0;
    qint64 rev = 0;
    qint64 pointRateCents = 10; // what one chore point is worth when paid out (10 points = 1.00)
    QString boughtToPantry = QStringLiteral("ask"); // a ticked-off shopping card: "ask", "always", "never"
    bool giftTakenShown = true;      // recipients see that an item of their list is taken (gifts::visibleTo)
    bool giftChildListsOpen = false; // adults see in full the gift items a child added

    static Household fromRow(const RowReader &row);
    static Household fromJson(const QJsonObject &entity);
    QJsonObject toFields() const;
};

} // namespace hearth
