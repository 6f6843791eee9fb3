#include "Notifier.h"

#include "BudgetModel.h"
#include "Clock.h"
#include "HouseholdData.h"
#include "HouseholdModel.h"
#include "HouseholdSession.h"
#include "PantryModel.h"
#include "Permissions.h"
#include "Schema.h"
#include "chores/ChoresModels.h"
#include "gifts/GiftVisibility.h"
#include "gifts/GiftsModels.h"

#include <QLocale>
#include <QLoggingCategory>
#include <QSettings>

namespace hearth {

Q_LOGGING_CATEGORY(lcNotify, "hearth.notify", QtWarningMsg)

namespace {

const char *const kKindKeys[Notifier::kKindCount] = {"notifications/expiring", "notifications/budget", "notifications/approvals",
                                                     "notifications/requests", "notifications/fulfilled",
                                                     "notifications/occasions", "notifications/giftTaken",
                                                     "notifications/memberNotices"};
const QString kTimeFormat = QStringLiteral("HH:mm");

QString keyOf(Notifier::Kind kind)
{
    return QString::fromLatin1(kKindKeys[std::size_t(kind)]);
}

QTime timeSetting(const QSettings &settings, const char *key, const QTime &fallback)
{
    const QTime time = QTime::fromString(settings.value(QString::fromLatin1(key)).toString(), kTimeFormat);
    return time.isValid() ? time : fallback;
}

QString monthKey(const QDate &date)
{
    return date.toString(QStringLiteral("yyyy-MM"));
}

} // namespace

bool Notifier::Settings::isQuietAt(const QTime &time) const
{
    if (!quietHours || quietFrom == quietTo)
        return false;
    if (quietFrom < quietTo)
        return quietFrom <= time && time < quietTo;
    return time >= quietFrom || time < quietTo; // across midnight: 22:00–07:00
}

Notifier::Settings Notifier::Settings::load(const QSettings &settings)
{
    Settings loaded;
    for (Kind kind : kKinds)
        loaded.setEnabled(kind, settings.value(keyOf(kind), true).toBool());
    loaded.quietHours = settings.value(QStringLiteral("notifications/quietHours"), loaded.quietHours).toBool();
    loaded.quietFrom = timeSetting(settings, "notifications/quietFrom", loaded.quietFrom);
    loaded.quietTo = timeSetting(settings, "notifications/quietTo", loaded.quietTo);
    loaded.expiryReminderAt = timeSetting(settings, "notifications/expiryReminderAt", loaded.expiryReminderAt);
    loaded.occasionReminderDays =
        std::clamp(settings.value(QStringLiteral("notifications/occasionDays"), loaded.occasionReminderDays).toInt(), 0, 60);
    return loaded;
}

void Notifier::Settings::save(QSettings &settings) const
{
    for (Kind kind : kKinds)
        settings.setValue(keyOf(kind), isEnabled(kind));
    settings.setValue(QStringLiteral("notifications/quietHours"), quietHours);
    settings.setValue(QStringLiteral("notifications/quietFrom"), quietFrom.toString(kTimeFormat));
    settings.setValue(QStringLiteral("notifications/quietTo"), quietTo.toString(kTimeFormat));
    settings.setValue(QStringLiteral("notifications/expiryReminderAt"), expiryReminderAt.toString(kTimeFormat));
    settings.setValue(QStringLiteral("notifications/occasionDays"), occasionReminderDays);
}

Notifier::Notifier(const Clock &clock, QSettings &settings, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_settings(settings)
{
    m_timer.setInterval(kCheckIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Notifier::check);
    m_timer.start();
}

Notifier::~Notifier() = default;

void Notifier::follow(HouseholdSession &session)
{
    connect(&session, &HouseholdSession::aboutToSwitch, this, [this] { setData(nullptr); });
    connect(&session, &HouseholdSession::switched, this, [this, &session] { setData(&session.data()); });
    setData(&session.data());
}

void Notifier::setData(HouseholdData *data)
{
    m_watching.reset();
    m_toldEntities.clear();
    m_data = data;
    if (!m_data)
        return;
    watch();
    check();
}

void Notifier::watch()
{
    m_watching = std::make_unique<QObject>();
    QObject *context = m_watching.get();
    // The month's spending or its limit changed: here, or on another device (the models follow both).
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(&m_data->budget), static_cast<QAbstractItemModel *>(&m_data->household)}) {
        connect(model, &QAbstractItemModel::rowsInserted, context, [this] { checkBudget(); });
        connect(model, &QAbstractItemModel::rowsRemoved, context, [this] { checkBudget(); });
        connect(model, &QAbstractItemModel::dataChanged, context, [this] { checkBudget(); });
        connect(model, &QAbstractItemModel::modelReset, context, [this] { checkBudget(); });
    }
    // A kiosk picked someone else: what they may hear differs (a child is not told the budget).
    connect(&m_data->engine, &HouseholdEngine::actingMemberChanged, context, [this] {
        checkBudget();
        releaseHeld();
    });
    // Chores: only what someone else did is news to the member here (remoteChange).
    connect(m_data->modelFor(Collection::ChoreCompletions), &CollectionModel::remoteChange, context,
            [this](const Change &change) { onCompletionChange(change); });
    connect(m_data->modelFor(Collection::Redemptions), &CollectionModel::remoteChange, context,
            [this](const Change &change) { onRedemptionChange(change); });
    connect(m_data->modelFor(Collection::GiftItems), &CollectionModel::remoteChange, context,
            [this](const Change &change) { onGiftItemChange(change); });
    // What a system tells one member (a task they can start, ingredients ready for the cook):
    // every change, theirs too, since the consequences of their own change are news to them.
    connect(&m_data->engine, &HouseholdEngine::changed, context, [this](const Change &change) { onNoticeable(change); });
    QAbstractItemModel *occasions = m_data->modelFor(Collection::Occasions);
    connect(occasions, &QAbstractItemModel::rowsInserted, context, [this] { checkOccasions(); });
    connect(occasions, &QAbstractItemModel::dataChanged, context, [this] { checkOccasions(); });
}

void Notifier::check()
{
    if (!m_data)
        return;
    releaseHeld();
    checkExpiring();
    checkBudget();
    checkOccasions();
}

void Notifier::checkOccasions()
{
    if (!m_data)
        return;
    const Settings settings = Settings::load(m_settings);
    const QDateTime now = m_clock.now().toLocalTime();
    if (!settings.isEnabled(Kind::OccasionComing) || now.time() < settings.expiryReminderAt)
        return;
    const QDate today = now.date();
    for (const Occasion &occasion : m_data->model<OccasionsModel>(Collection::Occasions).records()) {
        const QDate next = occasion.nextDate(today);
        if (!next.isValid() || next < today)
            continue;
        const qint64 days = today.daysTo(next);
        const bool onTheDay = days == 0;
        if (!onTheDay && days > settings.occasionReminderDays)
            continue;
        // Once a year each: before it, and on the day (the date told is the year's).
        const QString told = householdKey(onTheDay ? "occasionDay" : "occasionAhead") + QLatin1Char('/') + occasion.id;
        if (m_settings.value(told).toString() == next.toString(Qt::ISODate))
            continue;
        m_settings.setValue(told, next.toString(Qt::ISODate));
        m_settings.sync();
        // The occasion only: never a gift, its status or its price (a surprise stays one).
        Decision decision;
        decision.kind = Kind::OccasionComing;
        decision.title = onTheDay ? tr("Today: %1").arg(occasion.name)
                                  : tr("%1 in %n day(s)", nullptr, int(days)).arg(occasion.name);
        decision.body = onTheDay ? tr("%1 is today.").arg(occasion.name)
                                 : tr("%1 is on %2.").arg(occasion.name, QLocale().toString(next, QLocale::LongFormat));
        offer(decision);
    }
}

void Notifier::onGiftItemChange(const Change &change)
{
    if (change.action == ChangeAction::Deleted)
        return;
    const QString recipient = change.entity.value(QLatin1String("for_member_id")).toString();
    if (recipient.isEmpty())
        return;
    // What the recipient may see of it: "taken" only where the household shows it, never who.
    const auto seen = gifts::visibleTo(change.entity, gifts::viewerFor(*m_data, recipient));
    const QString told = QLatin1String("taken:") + change.entityId;
    if (!seen || !seen->value(QLatin1String("taken")).toBool()) {
        m_toldEntities.remove(told); // let go: a later claim is news again
        return;
    }
    if (m_toldEntities.contains(told))
        return;
    m_toldEntities.insert(told);
    Decision decision;
    decision.kind = Kind::GiftTaken;
    decision.audience = Audience::Member;
    decision.memberId = recipient;
    decision.title = tr("Someone claimed an item on your list");
    decision.body = seen->value(QLatin1String("title")).toString();
    offer(decision);
}

void Notifier::onNoticeable(const Change &change)
{
    const CollectionSpec &spec = collectionSpec(change.collection);
    const QString member = m_data ? m_data->engine.actingMemberId() : QString();
    if (!spec.noticeFor || member.isEmpty())
        return;
    const QString text = spec.noticeFor(change, change.before, *m_data, member);
    if (text.isEmpty())
        return;
    Decision decision;
    decision.kind = Kind::MemberNotice;
    decision.audience = Audience::Member;
    decision.memberId = member;
    decision.title = text;
    offer(decision);
}

void Notifier::checkExpiring()
{
    const Settings settings = Settings::load(m_settings);
    const QDateTime now = m_clock.now().toLocalTime();
    const QDate today = now.date();
    const QString told = householdKey("expiring");
    if (!settings.isEnabled(Kind::ExpiringTomorrow) || now.time() < settings.expiryReminderAt
        || m_settings.value(told).toString() == today.toString(Qt::ISODate))
        return;
    // Once a day, at the time or on the first look after it; a day with nothing to say counts too.
    m_settings.setValue(told, today.toString(Qt::ISODate));
    const QDate tomorrow = today.addDays(1);
    QStringList names;
    for (const PantryItem &item : m_data->pantry.records()) {
        if (item.expiresOn == tomorrow)
            names.append(item.name);
    }
    if (names.isEmpty())
        return;
    names.sort(Qt::CaseInsensitive);
    Decision decision;
    decision.kind = Kind::ExpiringTomorrow;
    decision.title = tr("Expiring tomorrow: %n pantry item(s)", nullptr, int(names.size()));
    decision.body = names.join(QStringLiteral(", "));
    decision.about = tomorrow;
    decision.count = int(names.size());
    offer(decision);
}

void Notifier::checkBudget()
{
    if (!m_data)
        return;
    const Settings settings = Settings::load(m_settings);
    // Not marked as told: an adult who picks this device later this month still hears it.
    if (!settings.isEnabled(Kind::BudgetThreshold) || !actingMemberIsAdult())
        return;
    const qint64 limit = m_data->household.household().budgetLimitCents;
    if (limit <= 0)
        return;
    const QDate today = m_clock.today();
    const BudgetSummary summary = m_data->budget.summary(today.year(), today.month(), limit);
    const int percent = summary.percentUsed();
    const QString month = monthKey(today);
    const QString toldWarning = householdKey("budget80");
    const QString toldOver = householdKey("budget100");
    Decision decision;
    decision.kind = Kind::BudgetThreshold;
    decision.audience = Audience::Adults;
    const QString spent = QLocale().toCurrencyString(double(summary.spentCents) / 100.0, m_data->currency());
    const QString limitText = QLocale().toCurrencyString(double(limit) / 100.0, m_data->currency());
    if (percent >= kBudgetOverPercent && m_settings.value(toldOver).toString() != month) {
        // Going straight past both tells only the second.
        m_settings.setValue(toldOver, month);
        m_settings.setValue(toldWarning, month);
        decision.title = tr("This month's budget is used up");
        decision.body = tr("%1 spent of the %2 limit (%3 %).").arg(spent, limitText).arg(percent);
    } else if (percent >= kBudgetWarningPercent && percent < kBudgetOverPercent
               && m_settings.value(toldWarning).toString() != month) {
        m_settings.setValue(toldWarning, month);
        decision.title = tr("%1 % of this month's budget is spent").arg(kBudgetWarningPercent);
        decision.body = tr("%1 spent of the %2 limit; %3 left.")
                            .arg(spent, limitText,
                                 QLocale().toCurrencyString(double(summary.remainingCents()) / 100.0, m_data->currency()));
    } else {
        return;
    }
    m_settings.sync();
    offer(decision);
}

void Notifier::onCompletionChange(const Change &change)
{
    if (change.action == ChangeAction::Deleted)
        return;
    const ChoreCompletion completion = ChoreCompletion::fromJson(change.entity);
    if (completion.status != QLatin1String("pending") || m_toldEntities.contains(QLatin1String("completion:") + completion.id))
        return;
    m_toldEntities.insert(QLatin1String("completion:") + completion.id);
    const auto chore = m_data->model<ChoresModel>(Collection::Chores).find(completion.choreId);
    Decision decision;
    decision.kind = Kind::ApprovalWaiting;
    decision.audience = Audience::Adults;
    decision.title = tr("Waiting for your approval");
    decision.body = tr("%1 ticked off %2.").arg(memberName(completion.memberId), chore ? chore->title : tr("a chore"));
    offer(decision);
}

void Notifier::onRedemptionChange(const Change &change)
{
    if (change.action == ChangeAction::Deleted)
        return;
    const Redemption redemption = Redemption::fromJson(change.entity);
    const auto reward = m_data->model<RewardsModel>(Collection::Rewards).find(redemption.rewardId);
    const QString rewardName = reward ? reward->name : tr("a reward");
    const QString told = redemption.status + QLatin1Char(':') + redemption.id;
    if (m_toldEntities.contains(told))
        return;
    Decision decision;
    if (redemption.status == QLatin1String("requested")) {
        decision.kind = Kind::RewardRequested;
        decision.audience = Audience::Adults;
        decision.title = tr("A reward was asked for");
        decision.body = tr("%1 asked for %2 (%n point(s)).", nullptr, int(redemption.cost)).arg(memberName(redemption.memberId), rewardName);
    } else if (redemption.status == QLatin1String("fulfilled")) {
        decision.kind = Kind::RedemptionFulfilled;
        decision.audience = Audience::Member;
        decision.memberId = redemption.memberId;
        decision.title = tr("Your reward is ready");
        decision.body = redemption.reviewedBy.isEmpty()
                            ? tr("%1 was given to you.").arg(rewardName)
                            : tr("%1 gave you %2.").arg(memberName(redemption.reviewedBy), rewardName);
    } else {
        return;
    }
    m_toldEntities.insert(told);
    offer(decision);
}

void Notifier::offer(const Decision &decision)
{
    const Settings settings = Settings::load(m_settings);
    if (!settings.isEnabled(decision.kind))
        return;
    const QString reason = whyNotFor(decision);
    if (!reason.isEmpty())
        return; // not for the member at this device: nothing to tell here
    if (settings.isQuietAt(m_clock.now().toLocalTime().time())) {
        QList<Decision> waiting = held();
        waiting.append(decision);
        setHeld(waiting);
        qCInfo(lcNotify) << "quiet hours: holding" << decision.kind << decision.title;
        return;
    }
    Q_EMIT notification(decision.kind, decision.title, decision.body);
}

void Notifier::releaseHeld()
{
    if (!m_data)
        return;
    const Settings settings = Settings::load(m_settings);
    const QDateTime now = m_clock.now().toLocalTime();
    QList<Decision> waiting = held();
    if (waiting.isEmpty() || settings.isQuietAt(now.time()))
        return;
    setHeld({});
    for (Decision &decision : waiting) {
        QString reason = whyNotFor(decision);
        if (!settings.isEnabled(decision.kind))
            reason = QStringLiteral("its kind was switched off");
        if (decision.kind == Kind::ExpiringTomorrow && decision.about.isValid()) {
            if (now.date() > decision.about)
                reason = QStringLiteral("the items it named have gone off");
            else if (now.date() == decision.about) // held past midnight: it is their last day now
                decision.title = tr("Expiring today: %n pantry item(s)", nullptr, decision.count);
        }
        if (!reason.isEmpty()) {
            qCInfo(lcNotify) << "after quiet hours, not shown:" << decision.title << "-" << reason;
            continue;
        }
        Q_EMIT notification(decision.kind, decision.title, decision.body);
    }
}

QString Notifier::whyNotFor(const Decision &decision) const
{
    if (!m_data)
        return QStringLiteral("no household");
    switch (decision.audience) {
    case Audience::Anyone: return {};
    case Audience::Adults: return actingMemberIsAdult() ? QString() : QStringLiteral("for adults only");
    case Audience::Member:
        return decision.memberId == m_data->engine.actingMemberId() ? QString() : QStringLiteral("for another member");
    }
    return {};
}

bool Notifier::actingMemberIsAdult() const
{
    const auto member = m_data ? m_data->members.find(m_data->engine.actingMemberId()) : std::nullopt;
    return member && member->role == Permissions::kAdult;
}

QString Notifier::memberName(const QString &memberId) const
{
    const QString name = m_data->members.nameOf(memberId);
    return name.isEmpty() ? tr("Someone") : name;
}

QString Notifier::householdKey(const char *what) const
{
    return QStringLiteral("notifications/%1/%2").arg(m_data->engine.householdId(), QString::fromLatin1(what));
}

QList<Notifier::Decision> Notifier::held() const
{
    QList<Decision> decisions;
    if (!m_data)
        return decisions;
    const QVariantList stored = m_settings.value(householdKey("held")).toList();
    for (const QVariant &entry : stored) {
        const QVariantMap map = entry.toMap();
        Decision decision;
        decision.kind = Kind(map.value(QStringLiteral("kind")).toInt());
        decision.title = map.value(QStringLiteral("title")).toString();
        decision.body = map.value(QStringLiteral("body")).toString();
        decision.audience = Audience(map.value(QStringLiteral("audience")).toInt());
        decision.memberId = map.value(QStringLiteral("member")).toString();
        decision.about = QDate::fromString(map.value(QStringLiteral("about")).toString(), Qt::ISODate);
        decision.count = map.value(QStringLiteral("count")).toInt();
        decisions.append(decision);
    }
    return decisions;
}

void Notifier::setHeld(const QList<Decision> &decisions)
{
    QVariantList stored;
    for (const Decision &decision : decisions) {
        stored.append(QVariantMap{{QStringLiteral("kind"), int(decision.kind)},
                                  {QStringLiteral("title"), decision.title},
                                  {QStringLiteral("body"), decision.body},
                                  {QStringLiteral("audience"), int(decision.audience)},
                                  {QStringLiteral("member"), decision.memberId},
                                  {QStringLiteral("about"), decision.about.toString(Qt::ISODate)},
                                  {QStringLiteral("count"), decision.count}});
    }
    if (stored.isEmpty())
        m_settings.remove(householdKey("held"));
    else
        m_settings.setValue(householdKey("held"), stored);
    m_settings.sync();
}

int Notifier::heldCount() const
{
    return int(held().size());
}

} // namespace hearth
