#include "GiftsModels.h"

#include "Clock.h"
#include "GiftVisibility.h"
#include "HouseholdData.h"
#include "HouseholdModel.h"
#include "Money.h"
#include "Records.h"

#include <QLocale>

#include <algorithm>

namespace hearth {

// ---- people ---------------------------------------------------------------------------------

GiftPeopleModel::GiftPeopleModel(HouseholdEngine &engine, QObject *parent)
    : RecordModel(engine, Collection::GiftPeople, parent)
{
}

int GiftPeopleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GiftPeopleModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const GiftPerson &p = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case Name: return p.name;
        case Sizes: return p.sizes;
        case Notes: return p.notes;
        }
        return {};
    case IdRole: return p.id;
    case NameRole: return p.name;
    case MemberIdRole: return p.memberId;
    case SizesRole: return p.sizes;
    case NotesRole: return p.notes;
    }
    return {};
}

QVariant GiftPeopleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Sizes: return tr("Sizes");
    case Notes: return tr("Notes");
    }
    return {};
}

QHash<int, QByteArray> GiftPeopleModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"}, {NameRole, "name"}, {MemberIdRole, "memberId"}, {SizesRole, "sizes"}, {NotesRole, "notes"}});
    return names;
}

std::optional<GiftPerson> GiftPeopleModel::forMember(const QString &memberId) const
{
    if (memberId.isEmpty())
        return std::nullopt;
    for (const GiftPerson &person : records()) {
        if (person.memberId == memberId)
            return person;
    }
    return std::nullopt;
}

Mutation GiftPeopleModel::addMutation(const QString &name, const QString &memberId, const QString &sizes, const QString &notes) const
{
    return creation(GiftPerson{{}, name, memberId, sizes, notes, 0}.toFields());
}

Mutation GiftPeopleModel::editMutation(const GiftPerson &before, const GiftPerson &after) const
{
    return changeFrom(before.id, before.toFields(), after.toFields());
}

// ---- occasions ------------------------------------------------------------------------------

OccasionsModel::OccasionsModel(HouseholdEngine &engine, const Clock &clock, QObject *parent)
    : RecordModel(engine, Collection::Occasions, parent)
    , m_clock(clock)
{
}

int OccasionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QDate OccasionsModel::nextDate(const Occasion &occasion) const
{
    return occasion.nextDate(m_clock.today());
}

int OccasionsModel::daysUntil(const Occasion &occasion) const
{
    const QDate next = nextDate(occasion);
    return next.isValid() ? int(m_clock.today().daysTo(next)) : 0;
}

QVariant OccasionsModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Occasion &o = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return o.name;
        case NextDate: return QLocale().toString(nextDate(o), QLocale::ShortFormat);
        case Budget: return o.budgetCents > 0 ? Money::formatPlain(o.budgetCents) : QString();
        case Left: return o.budgetCents > 0 ? Money::formatPlain(leftCents(o)) : QString();
        }
        return {};
    case IdRole: return o.id;
    case NameRole: return o.name;
    case KindRole: return o.kind;
    case DateRole: return o.date;
    case RepeatsRole: return o.repeats;
    case BudgetRole: return o.budgetCents;
    case ForMemberIdRole: return o.forMemberId;
    case ForPersonIdRole: return o.forPersonId;
    case NextDateRole: return nextDate(o);
    case DaysUntilRole: return daysUntil(o);
    case CoveredRole: return coveredCents(o.id);
    case LeftRole: return leftCents(o);
    }
    return {};
}

QVariant OccasionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Occasion");
    case NextDate: return tr("Next");
    case Budget: return tr("Budget");
    case Left: return tr("Left");
    }
    return {};
}

QHash<int, QByteArray> OccasionsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {NameRole, "name"},
                  {KindRole, "kind"},
                  {DateRole, "date"},
                  {RepeatsRole, "repeats"},
                  {BudgetRole, "budgetCents"},
                  {ForMemberIdRole, "forMemberId"},
                  {ForPersonIdRole, "forPersonId"},
                  {NextDateRole, "nextDate"},
                  {DaysUntilRole, "daysUntil"},
                  {CoveredRole, "coveredCents"},
                  {LeftRole, "leftCents"}});
    return names;
}

QList<Occasion> OccasionsModel::coming() const
{
    QList<Occasion> result;
    for (const Occasion &occasion : records()) {
        if (daysUntil(occasion) >= 0)
            result.append(occasion);
    }
    std::stable_sort(result.begin(), result.end(), [this](const Occasion &a, const Occasion &b) {
        return nextDate(a) < nextDate(b);
    });
    return result;
}

void OccasionsModel::followItems(const GiftItemsModel &items, const HouseholdData &data)
{
    m_items = &items;
    m_data = &data;
    const auto recount = [this] { recountCovered(); };
    connect(&items, &QAbstractItemModel::rowsInserted, this, recount);
    connect(&items, &QAbstractItemModel::rowsRemoved, this, recount);
    connect(&items, &QAbstractItemModel::dataChanged, this, recount);
    connect(&items, &QAbstractItemModel::modelReset, this, recount);
    // Who looks, and what the household lets them see.
    connect(&engine(), &HouseholdEngine::actingMemberChanged, this, recount);
    // Called while HouseholdData makes its models: its named references are not bound yet, and
    // nothing is loaded (the items' reset recounts).
    connect(data.modelFor(Collection::Household), &QAbstractItemModel::dataChanged, this, recount);
    connect(data.modelFor(Collection::Members), &QAbstractItemModel::dataChanged, this, recount);
}

void OccasionsModel::entitiesChanged()
{
    recountCovered();
}

void OccasionsModel::recountCovered()
{
    QHash<QString, qint64> covered;
    if (m_items) {
        const Viewer viewer = gifts::viewerFor(*m_data, engine().actingMemberId());
        for (const GiftItem &stored : m_items->records()) {
            GiftItem item = stored;
            if (!item.forMemberId.isEmpty() && item.forMemberId == viewer.memberId) {
                const auto seen = gifts::visibleTo(item.toEntity(), viewer);
                if (!seen)
                    continue;
                item = GiftItem::fromJson(*seen);
            }
            if (item.occasionId.isEmpty() || item.status == gifts::kIdea)
                continue;
            covered[item.occasionId] += item.bought() && item.pricePaid > 0 ? item.pricePaid : item.price;
        }
    }
    if (covered == m_covered)
        return;
    m_covered = covered;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {CoveredRole, LeftRole, Qt::DisplayRole});
}

Mutation OccasionsModel::addMutation(const Occasion &occasion) const
{
    return creation(occasion.toFields());
}

Mutation OccasionsModel::editMutation(const Occasion &before, const Occasion &after) const
{
    return changeFrom(before.id, before.toFields(), after.toFields());
}

// ---- items ----------------------------------------------------------------------------------

GiftItemsModel::GiftItemsModel(HouseholdEngine &engine, const MembersModel &members, const GiftPeopleModel &people, QObject *parent)
    : RecordModel(engine, Collection::GiftItems, parent)
    , m_members(members)
    , m_people(people)
{
}

int GiftItemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString GiftItemsModel::recipientName(const GiftItem &item) const
{
    if (!item.forMemberId.isEmpty())
        return m_members.nameOf(item.forMemberId);
    const auto person = m_people.find(item.forPersonId);
    return person ? person->name : QString();
}

void GiftItemsModel::watchViewer(const HouseholdData &data)
{
    m_data = &data;
    connect(&engine(), &HouseholdEngine::actingMemberChanged, this, &GiftItemsModel::refreshViewer);
    // Called while HouseholdData makes its models: reached through modelFor, as the named
    // references are not bound yet; their load resets them, which makes the first viewer.
    for (const Collection collection : {Collection::Household, Collection::Members}) {
        const QAbstractItemModel *model = data.modelFor(collection);
        connect(model, &QAbstractItemModel::dataChanged, this, &GiftItemsModel::refreshViewer);
        connect(model, &QAbstractItemModel::rowsInserted, this, &GiftItemsModel::refreshViewer);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &GiftItemsModel::refreshViewer);
        connect(model, &QAbstractItemModel::modelReset, this, &GiftItemsModel::refreshViewer);
    }
}

void GiftItemsModel::refreshViewer()
{
    if (!m_data)
        return;
    const Viewer viewer = gifts::viewerFor(*m_data, engine().actingMemberId());
    if (viewer.memberId == m_viewer.memberId && viewer.role == m_viewer.role && viewer.memberRoles == m_viewer.memberRoles
        && viewer.household == m_viewer.household)
        return;
    m_viewer = viewer;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QVariant GiftItemsModel::data(const QModelIndex &index, int role) const
{
    if (role == ConflictRole)
        return CollectionModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const GiftItem &stored = at(index.row());
    std::optional<GiftItem> shown;
    if (!stored.forMemberId.isEmpty() && stored.forMemberId == m_viewer.memberId) {
        const auto seen = gifts::visibleTo(stored.toEntity(), m_viewer);
        if (!seen)
            return role == HiddenRole ? QVariant(true) : role == IdRole ? QVariant(stored.id) : QVariant();
        shown = GiftItem::fromJson(*seen);
    }
    const GiftItem &g = shown ? *shown : stored;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Title: return g.title;
        case For: return recipientName(g);
        case Status: return g.status;
        case Price: return g.price > 0 ? Money::formatPlain(g.price) : QString();
        }
        return {};
    case IdRole: return g.id;
    case TitleRole: return g.title;
    case KindRole: return g.kind;
    case ForMemberIdRole: return g.forMemberId;
    case ForPersonIdRole: return g.forPersonId;
    case OccasionIdRole: return g.occasionId;
    case LinkRole: return g.link;
    case PriceRole: return g.price;
    case PriorityRole: return g.priority;
    case NoteRole: return g.note;
    case SurpriseRole: return g.surprise;
    case AddedByRole: return g.addedBy;
    case ClaimedByRole: return g.claimedBy;
    case StatusRole: return g.status;
    case PricePaidRole: return g.pricePaid;
    case PositionRole: return g.position;
    case TakenRole: return g.taken;
    case PaidTransactionIdRole: return g.paidTransactionId;
    case HiddenRole: return false;
    }
    return {};
}

QVariant GiftItemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Title: return tr("Gift");
    case For: return tr("For");
    case Status: return tr("Status");
    case Price: return tr("Price");
    }
    return {};
}

QHash<int, QByteArray> GiftItemsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{IdRole, "id"},
                  {TitleRole, "title"},
                  {KindRole, "kind"},
                  {ForMemberIdRole, "forMemberId"},
                  {ForPersonIdRole, "forPersonId"},
                  {OccasionIdRole, "occasionId"},
                  {LinkRole, "link"},
                  {PriceRole, "price"},
                  {PriorityRole, "priority"},
                  {NoteRole, "note"},
                  {SurpriseRole, "surprise"},
                  {AddedByRole, "addedBy"},
                  {ClaimedByRole, "claimedBy"},
                  {StatusRole, "status"},
                  {PricePaidRole, "pricePaid"},
                  {PositionRole, "position"},
                  {TakenRole, "taken"},
                  {PaidTransactionIdRole, "paidTransactionId"},
                  {HiddenRole, "hidden"}});
    return names;
}

QList<GiftItem> GiftItemsModel::visibleTo(const Viewer &viewer) const
{
    QList<GiftItem> shown;
    for (const GiftItem &item : records()) {
        if (const auto seen = gifts::visibleTo(item.toEntity(), viewer))
            shown.append(GiftItem::fromJson(*seen));
    }
    return shown;
}

namespace {

// What a client sends of a new item: the host decides who added it, claims and payment.
QJsonObject newItemFields(const GiftItem &item)
{
    QJsonObject fields = item.toFields();
    for (const char *key : {"added_by", "claimed_by", "taken", "paid_transaction_id", "price_paid"})
        fields.remove(QLatin1String(key));
    fields.insert(QStringLiteral("status"), gifts::kIdea);
    return fields;
}

} // namespace

Mutation GiftItemsModel::addWishMutation(GiftItem item) const
{
    item.kind = gifts::kWish;
    item.surprise = false;
    item.forPersonId.clear();
    return creation(newItemFields(item));
}

Mutation GiftItemsModel::addIdeaMutation(GiftItem item) const
{
    item.kind = gifts::kIdea;
    return creation(newItemFields(item));
}

Mutation GiftItemsModel::editMutation(const GiftItem &before, const GiftItem &after) const
{
    const auto editable = [](const GiftItem &item) {
        return QJsonObject{{QStringLiteral("title"), item.title},
                           {QStringLiteral("occasion_id"), refJson(item.occasionId)},
                           {QStringLiteral("link"), item.link},
                           {QStringLiteral("price"), item.price},
                           {QStringLiteral("priority"), item.priority},
                           {QStringLiteral("note"), item.note}};
    };
    return changeFrom(before.id, editable(before), editable(after));
}

Mutation GiftItemsModel::claimMutation(const QString &id) const
{
    return change(id, {{QStringLiteral("status"), gifts::kClaimed}});
}

Mutation GiftItemsModel::unclaimMutation(const QString &id) const
{
    return change(id, {{QStringLiteral("status"), gifts::kIdea}});
}

Mutation GiftItemsModel::moveMutation(const QString &id, const QString &status, std::optional<double> position,
                                      std::optional<qint64> pricePaid, bool recordSpending) const
{
    QJsonObject fields{{QStringLiteral("status"), status}};
    if (position)
        fields.insert(QStringLiteral("position"), *position);
    if (pricePaid)
        fields.insert(QStringLiteral("price_paid"), *pricePaid);
    if (recordSpending)
        fields.insert(QStringLiteral("record_spending"), true);
    return change(id, fields);
}

} // namespace hearth
