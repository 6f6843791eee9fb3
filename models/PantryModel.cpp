#include "PantryModel.h"

#include "Clock.h"
#include "Dates.h"
#include "Schema.h"

#include <QLocale>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

#include <algorithm>

namespace hearth {

PantryModel::PantryModel(HouseholdEngine &engine, const Clock &clock, QObject *parent)
    : RecordModel(engine, Collection::Pantry, parent)
    , m_clock(clock)
{
}

int PantryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PantryModel::formatQuantity(double quantity)
{
    return QLocale().toString(quantity, 'g', 6);
}

namespace {

// Units counted in whole pieces, however they were typed, and their plural text (translated).
struct CountedUnit
{
    const char *singular;
    const char *plural;
    const char *text;
    const char *longSingular = nullptr; // "piece" for "pc"
    const char *longPlural = nullptr;
};

const CountedUnit kCountedUnits[] = {
    {"pc", "pcs", QT_TRANSLATE_N_NOOP("hearth::PantryModel", "%n pc(s)"), "piece", "pieces"},
    {"pot", "pots", QT_TRANSLATE_N_NOOP("hearth::PantryModel", "%n pot(s)")},
    {"pack", "packs", QT_TRANSLATE_N_NOOP("hearth::PantryModel", "%n pack(s)")},
    {"bag", "bags", QT_TRANSLATE_N_NOOP("hearth::PantryModel", "%n bag(s)")},
    {"bulb", "bulbs", QT_TRANSLATE_N_NOOP("hearth::PantryModel", "%n bulb(s)")},
    {"tin", "tins", QT_TRANSLATE_N_NOOP("hearth::PantryModel", "%n tin(s)")},
    {"jar", "jars", QT_TRANSLATE_N_NOOP("hearth::PantryModel", "%n jar(s)")},
    {"tub", "tubs", QT_TRANSLATE_N_NOOP("hearth::PantryModel", "%n tub(s)")},
    {"bottle", "bottles", QT_TRANSLATE_N_NOOP("hearth::PantryModel", "%n bottle(s)")},
    {"can", "cans", QT_TRANSLATE_N_NOOP("hearth::PantryModel", "%n can(s)")},
    {"roll", "rolls", QT_TRANSLATE_N_NOOP("hearth::PantryModel", "%n roll(s)")},
};

} // namespace

QString PantryModel::formatAmount(double quantity, const QString &unit)
{
    const QString number = formatQuantity(quantity);
    const QString key = unit.trimmed().toCaseFolded();
    if (key.isEmpty())
        return number;
    // Whole counts only: "%n" is a whole number in every language's plural rules.
    if (quantity == std::floor(quantity) && quantity >= 0 && quantity < 1e9) {
        const int n = int(quantity);
        for (const CountedUnit &unit : kCountedUnits) {
            if (key == QLatin1String(unit.singular) || key == QLatin1String(unit.plural)
                || (unit.longSingular && (key == QLatin1String(unit.longSingular) || key == QLatin1String(unit.longPlural))))
                return tr(unit.text, nullptr, n);
        }
    }
    return number + QLatin1Char(' ') + unit.trimmed();
}

PantryModel::Amount PantryModel::parseAmount(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(?:[x×]\\s*)?(\\d+(?:[.,]\\d+)?)\\s*(?:[x×](?=\\s|$))?\\s*(.*)$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return {};
    Amount amount;
    amount.quantity = match.captured(1).replace(QLatin1Char(','), QLatin1Char('.')).toDouble();
    amount.unit = match.captured(2).trimmed();
    if (!(amount.quantity > 0))
        amount.quantity = 1;
    return amount;
}

std::optional<double> PantryModel::convertAmount(double quantity, const QString &from, const QString &to)
{
    const QString a = from.trimmed().toCaseFolded();
    const QString b = to.trimmed().toCaseFolded();
    if (a.isEmpty() || b.isEmpty() || a == b)
        return quantity;
    // The units a shop and a pantry write the same thing in, by their size in a base unit.
    struct Scale
    {
        const char *unit;
        char dimension;
        double size;
    };
    static constexpr Scale kScales[] = {{"g", 'm', 1}, {"kg", 'm', 1000}, {"ml", 'v', 1}, {"cl", 'v', 10}, {"l", 'v', 1000}};
    const auto find = [](const QString &unit) -> const Scale * {
        for (const Scale &scale : kScales)
            if (unit == QLatin1String(scale.unit))
                return &scale;
        return nullptr;
    };
    const Scale *x = find(a);
    const Scale *y = find(b);
    if (!x || !y || x->dimension != y->dimension)
        return std::nullopt;
    return quantity * x->size / y->size;
}

PantryModel::ExpiryState PantryModel::expiryState(const PantryItem &item) const
{
    if (!item.expiresOn.isValid())
        return ExpiryState::None;
    const qint64 days = m_clock.today().daysTo(item.expiresOn);
    if (days < 0)
        return ExpiryState::Expired;
    return days <= kSoonDays ? ExpiryState::Soon : ExpiryState::Fresh;
}

QVariant PantryModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const PantryItem &item = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return item.name;
        case Quantity: return formatAmount(item.quantity, item.unit);
        case Category: return item.category;
        case Location: return item.location;
        case ExpiresOn: return item.expiresOn.isValid() ? describeExpiry(item.expiresOn, m_clock.today()) : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ExpiresOn && item.expiresOn.isValid())
            return QLocale().toString(item.expiresOn, QLocale::LongFormat);
        if (index.column() == Quantity && item.isLow())
            return tr("Below the %1 to keep: it is on the shopping list").arg(formatAmount(item.minQuantity, item.unit));
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Quantity ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case SortRole:
        switch (index.column()) {
        case Name: return item.name.toCaseFolded();
        case Quantity: return item.quantity;
        case Category: return item.category.toCaseFolded();
        case Location: return item.location.toCaseFolded();
        case ExpiresOn: return item.expiresOn.isValid() ? item.expiresOn.toJulianDay() : std::numeric_limits<qint64>::max();
        }
        return {};
    case IdRole: return item.id;
    case NameRole: return item.name;
    case QuantityRole: return item.quantity;
    case UnitRole: return item.unit;
    case CategoryRole: return item.category;
    case LocationRole: return item.location;
    case ExpiresOnRole: return item.expiresOn;
    case ExpiryStateRole: return QVariant::fromValue(expiryState(item));
    case DaysToExpiryRole:
        return item.expiresOn.isValid() ? QVariant(m_clock.today().daysTo(item.expiresOn)) : QVariant();
    case MinQuantityRole: return item.minQuantity;
    case LowRole: return item.isLow();
    }
    return {};
}

QVariant PantryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section == Quantity)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter); // over the right-aligned numbers
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Item");
    case Quantity: return tr("Quantity");
    case Category: return tr("Category");
    case Location: return tr("Location");
    case ExpiresOn: return tr("Expires");
    }
    return {};
}

QHash<int, QByteArray> PantryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {NameRole, "name"},
                  {QuantityRole, "quantity"},
                  {UnitRole, "unit"},
                  {CategoryRole, "category"},
                  {LocationRole, "location"},
                  {ExpiresOnRole, "expiresOn"},
                  {ExpiryStateRole, "expiryState"},
                  {DaysToExpiryRole, "daysToExpiry"},
                  {SortRole, "sortKey"},
                  {MinQuantityRole, "minQuantity"},
                  {LowRole, "low"}});
    return names;
}

Mutation PantryModel::addMutation(const PantryItem &item) const
{
    return creation(item.toFields(), item.id);
}

Mutation PantryModel::editMutation(const PantryItem &before, const PantryItem &after) const
{
    return changeFrom(before.id, before.toFields(), after.toFields());
}

Mutation PantryModel::adjustQuantityMutation(const QString &id, double delta) const
{
    // A step, not the sum: the engine adds it to the quantity as stored (stopping at zero), so
    // two people pressing + at once get +2.
    return change(id, {{stepKey(QStringLiteral("quantity")), delta}});
}

Mutation PantryModel::addToMutation(const PantryItem &existing, const PantryItem &added) const
{
    // The amount as a step, so that two people adding to the same item at once both count.
    PantryItem merged = existing;
    if (added.expiresOn.isValid() && (!existing.expiresOn.isValid() || added.expiresOn < existing.expiresOn))
        merged.expiresOn = added.expiresOn;
    Mutation mutation = editMutation(existing, merged);
    mutation.fields.insert(stepKey(QStringLiteral("quantity")), added.quantity);
    return mutation;
}

std::optional<PantryItem> PantryModel::sameItemAs(const PantryItem &item) const
{
    const auto same = [](const QString &a, const QString &b) { return a.trimmed().compare(b.trimmed(), Qt::CaseInsensitive) == 0; };
    for (const PantryItem &other : m_records) {
        if (other.id != item.id && same(other.name, item.name) && same(other.unit, item.unit)
            && same(other.location, item.location))
            return other;
    }
    return std::nullopt;
}

QList<PantryItem> PantryModel::expiringSoon() const
{
    QList<PantryItem> result;
    for (const PantryItem &item : m_records) {
        const ExpiryState state = expiryState(item);
        if (state == ExpiryState::Soon || state == ExpiryState::Expired)
            result.append(item);
    }
    std::sort(result.begin(), result.end(),
              [](const PantryItem &a, const PantryItem &b) { return a.expiresOn < b.expiresOn; });
    return result;
}

namespace {
template <typename Getter>
QStringList distinctSorted(const QList<PantryItem> &items, Getter get)
{
    QSet<QString> seen;
    for (const PantryItem &item : items) {
        const QString &value = get(item);
        if (!value.isEmpty())
            seen.insert(value);
    }
    QStringList list(seen.begin(), seen.end());
    list.sort(Qt::CaseInsensitive);
    return list;
}
} // namespace

QStringList PantryModel::categories() const
{
    return distinctSorted(m_records, [](const PantryItem &i) -> const QString & { return i.category; });
}

QStringList PantryModel::locations() const
{
    return distinctSorted(m_records, [](const PantryItem &i) -> const QString & { return i.location; });
}

QStringList PantryModel::units() const
{
    return distinctSorted(m_records, [](const PantryItem &i) -> const QString & { return i.unit; });
}

} // namespace hearth
