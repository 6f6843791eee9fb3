#include "ChoreRecords.h"

#include "Records.h"

#include <QJsonArray>

#include <algorithm>

namespace hearth {

namespace {

QList<int> weekdaysFrom(const QString &text)
{
    QList<int> days;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int day = part.trimmed().toInt(&ok);
        if (ok && day >= 1 && day <= 7 && !days.contains(day))
            days.append(day);
    }
    std::sort(days.begin(), days.end());
    return days;
}

QString weekdaysText(const QList<int> &days)
{
    QStringList parts;
    for (int day : days)
        parts << QString::number(day);
    return parts.join(QLatin1Char(','));
}

QTime timeFrom(const QString &text)
{
    return text.isEmpty() ? QTime() : QTime::fromString(text, QStringLiteral("HH:mm"));
}

QStringList membersFrom(const QString &text)
{
    return text.split(QLatin1Char(','), Qt::SkipEmptyParts);
}

} // namespace

QString Chore::repeatName(Repeat repeat)
{
    switch (repeat) {
    case Repeat::Once: return QStringLiteral("once");
    case Repeat::Daily: return QStringLiteral("daily");
    case Repeat::Weekdays: return QStringLiteral("weekdays");
    case Repeat::EveryNDays: return QStringLiteral("every_n_days");
    case Repeat::Monthly: return QStringLiteral("monthly");
    }
    return QStringLiteral("once");
}

Repeat Chore::repeatFromName(const QString &name)
{
    for (Repeat r : {Repeat::Daily, Repeat::Weekdays, Repeat::EveryNDays, Repeat::Monthly}) {
        if (repeatName(r) == name)
            return r;
    }
    return Repeat::Once;
}

Chore Chore::fromRow(const RowReader &r)
{
    Chore c;
    c.id = r.text("id");
    c.title = r.text("title");
    c.description = r.text("description");
    c.icon = r.text("icon");
    c.points = r.integer("points");
    c.repeat = repeatFromName(r.text("repeat"));
    c.weekdays = weekdaysFrom(r.text("weekdays"));
    c.interval = r.integer("interval_days");
    c.monthDay = r.integer("month_day");
    c.startOn = r.date("start_on");
    c.dueTime = timeFrom(r.text("due_time"));
    c.assigneeId = r.text("assignee_id");
    c.rotation = r.text("rotation");
    c.rotationMembers = membersFrom(r.text("rotation_members"));
    c.needsApproval = r.boolean("needs_approval");
    c.rev = r.integer("rev");
    return c;
}

Chore Chore::fromJson(const QJsonObject &o)
{
    Chore c;
    c.id = textField(o, "id");
    c.title = textField(o, "title");
    c.description = textField(o, "description");
    c.icon = textField(o, "icon");
    c.points = wholeField(o, "points");
    c.repeat = repeatFromName(textField(o, "repeat"));
    c.weekdays = weekdaysFrom(textField(o, "weekdays"));
    c.interval = wholeField(o, "interval_days", 1);
    c.monthDay = wholeField(o, "month_day", 1);
    c.startOn = dateOf(o.value(QLatin1String("start_on")));
    c.dueTime = timeFrom(textField(o, "due_time"));
    c.assigneeId = textField(o, "assignee_id");
    c.rotation = textField(o, "rotation");
    c.rotationMembers = membersFrom(textField(o, "rotation_members"));
    c.needsApproval = o.value(QLatin1String("needs_approval")).toBool();
    c.rev = wholeField(o, "rev");
    return c;
}

QJsonObject Chore::toFields() const
{
    return {{QStringLiteral("title"), title},
            {QStringLiteral("description"), description},
            {QStringLiteral("icon"), icon},
            {QStringLiteral("points"), points},
            {QStringLiteral("repeat"), repeatName(repeat)},
            {QStringLiteral("weekdays"), weekdaysText(weekdays)},
            {QStringLiteral("interval_days"), interval},
            {QStringLiteral("month_day"), monthDay},
            {QStringLiteral("start_on"), dateJson(startOn)},
            {QStringLiteral("due_time"), dueTime.isValid() ? dueTime.toString(QStringLiteral("HH:mm")) : QString()},
            {QStringLiteral("assignee_id"), refJson(assigneeId)},
            {QStringLiteral("rotation"), rotation},
            {QStringLiteral("rotation_members"), rotationMembers.join(QLatin1Char(','))},
            {QStringLiteral("needs_approval"), needsApproval}};
}

ChoreCompletion ChoreCompletion::fromRow(const RowReader &r)
{
    return {r.text("id"),     r.text("chore_id"), r.text("member_id"),   r.date("occurs_on"), r.text("note"),
            r.text("status"), r.text("reason"),   r.integer("points"), r.text("reviewed_by"), r.integer("rev")};
}

ChoreCompletion ChoreCompletion::fromJson(const QJsonObject &o)
{
    return {textField(o, "id"),     textField(o, "chore_id"), textField(o, "member_id"),   dateOf(o.value(QLatin1String("occurs_on"))),
            textField(o, "note"),   textField(o, "status"),   textField(o, "reason"),      wholeField(o, "points"),
            textField(o, "reviewed_by"), wholeField(o, "rev")};
}

QJsonObject ChoreCompletion::toFields() const
{
    return {{QStringLiteral("chore_id"), refJson(choreId)}, {QStringLiteral("member_id"), refJson(memberId)},
            {QStringLiteral("occurs_on"), dateJson(occursOn)}, {QStringLiteral("note"), note},
            {QStringLiteral("status"), status},               {QStringLiteral("reason"), reason},
            {QStringLiteral("points"), points},               {QStringLiteral("reviewed_by"), refJson(reviewedBy)}};
}

Reward Reward::fromRow(const RowReader &r)
{
    return {r.text("id"), r.text("name"), r.integer("cost"), r.integer("stock"), r.integer("rev")};
}

Reward Reward::fromJson(const QJsonObject &o)
{
    return {textField(o, "id"), textField(o, "name"), wholeField(o, "cost"), wholeField(o, "stock", -1), wholeField(o, "rev")};
}

QJsonObject Reward::toFields() const
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("cost"), cost}, {QStringLiteral("stock"), stock}};
}

Redemption Redemption::fromRow(const RowReader &r)
{
    return {r.text("id"),     r.text("reward_id"), r.text("member_id"),   r.integer("cost"),
            r.text("status"), r.text("reason"),    r.text("reviewed_by"), r.integer("rev")};
}

Redemption Redemption::fromJson(const QJsonObject &o)
{
    return {textField(o, "id"),     textField(o, "reward_id"), textField(o, "member_id"),   wholeField(o, "cost"),
            textField(o, "status"), textField(o, "reason"),    textField(o, "reviewed_by"), wholeField(o, "rev")};
}

QJsonObject Redemption::toFields() const
{
    return {{QStringLiteral("reward_id"), refJson(rewardId)}, {QStringLiteral("member_id"), refJson(memberId)},
            {QStringLiteral("cost"), cost},                   {QStringLiteral("status"), status},
            {QStringLiteral("reason"), reason},               {QStringLiteral("reviewed_by"), refJson(reviewedBy)}};
}

WalletEntry WalletEntry::fromRow(const RowReader &r)
{
    return {r.text("id"),          r.text("member_id"), r.integer("delta"), r.text("kind"),
            r.text("source_id"),   r.integer("round"),  r.text("note"),     r.text("updated_at"),
            r.integer("rev")};
}

WalletEntry WalletEntry::fromJson(const QJsonObject &o)
{
    return {textField(o, "id"),        textField(o, "member_id"), wholeField(o, "delta"), textField(o, "kind"),
            textField(o, "source_id"), wholeField(o, "round"),   textField(o, "note"),    textField(o, "updated_at"),
            wholeField(o, "rev")};
}

QJsonObject WalletEntry::toFields() const
{
    return {{QStringLiteral("member_id"), refJson(memberId)}, {QStringLiteral("delta"), delta},
            {QStringLiteral("kind"), kind},                   {QStringLiteral("source_id"), sourceId},
            {QStringLiteral("round"), round},                 {QStringLiteral("note"), note}};
}

namespace ChoreSchedule {

namespace {

// The day a monthly chore falls on in the month of `date`: its day, or the month's last day.
int monthlyDay(const Chore &chore, const QDate &date)
{
    return int(std::clamp<qint64>(chore.monthDay, 1, date.daysInMonth()));
}

} // namespace

bool occursOn(const Chore &chore, const QDate &date)
{
    if (!date.isValid() || !chore.startOn.isValid() || date < chore.startOn)
        return false;
    switch (chore.repeat) {
    case Repeat::Once: return date == chore.startOn;
    case Repeat::Daily: return true;
    case Repeat::Weekdays: return chore.weekdays.contains(date.dayOfWeek());
    case Repeat::EveryNDays: return chore.startOn.daysTo(date) % std::max<qint64>(chore.interval, 1) == 0;
    case Repeat::Monthly: return date.day() == monthlyDay(chore, date);
    }
    return false;
}

QDate nextOccurrence(const Chore &chore, const QDate &from)
{
    if (!chore.startOn.isValid() || !from.isValid())
        return {};
    QDate day = std::max(from, chore.startOn);
    switch (chore.repeat) {
    case Repeat::Once: return from <= chore.startOn ? chore.startOn : QDate();
    case Repeat::Daily: return day;
    case Repeat::EveryNDays: {
        const qint64 n = std::max<qint64>(chore.interval, 1);
        const qint64 offset = chore.startOn.daysTo(day) % n;
        return offset == 0 ? day : day.addDays(n - offset);
    }
    case Repeat::Weekdays:
        if (chore.weekdays.isEmpty())
            return {};
        for (int i = 0; i < 7; ++i, day = day.addDays(1)) {
            if (chore.weekdays.contains(day.dayOfWeek()))
                return day;
        }
        return {};
    case Repeat::Monthly: {
        const QDate candidate(day.year(), day.month(), monthlyDay(chore, day));
        if (candidate >= day)
            return candidate;
        const QDate next = QDate(day.year(), day.month(), 1).addMonths(1);
        return QDate(next.year(), next.month(), monthlyDay(chore, next));
    }
    }
    return {};
}

qint64 occurrencesBefore(const Chore &chore, const QDate &date)
{
    if (!chore.startOn.isValid() || !date.isValid() || date <= chore.startOn)
        return 0;
    const qint64 days = chore.startOn.daysTo(date);
    switch (chore.repeat) {
    case Repeat::Once: return 1;
    case Repeat::Daily: return days;
    case Repeat::EveryNDays: {
        const qint64 n = std::max<qint64>(chore.interval, 1);
        return (days + n - 1) / n;
    }
    case Repeat::Weekdays: {
        qint64 count = (days / 7) * chore.weekdays.size();
        for (QDate d = chore.startOn.addDays((days / 7) * 7); d < date; d = d.addDays(1))
            count += chore.weekdays.contains(d.dayOfWeek()) ? 1 : 0;
        return count;
    }
    case Repeat::Monthly: {
        qint64 count = 0;
        for (QDate d = nextOccurrence(chore, chore.startOn); d.isValid() && d < date; d = nextOccurrence(chore, d.addDays(1)))
            ++count;
        return count;
    }
    }
    return 0;
}

QString assigneeOn(const Chore &chore, const QDate &date, const QHash<QString, int> &approvedCounts)
{
    if (chore.rotation.isEmpty() || chore.rotationMembers.isEmpty())
        return chore.assigneeId;
    if (chore.rotation == QLatin1String("fewest")) {
        QString fewest;
        int least = std::numeric_limits<int>::max();
        for (const QString &member : chore.rotationMembers) {
            const int count = approvedCounts.value(member);
            if (count < least) {
                least = count;
                fewest = member;
            }
        }
        return fewest;
    }
    return chore.rotationMembers.at(qsizetype(occurrencesBefore(chore, date) % chore.rotationMembers.size()));
}

} // namespace ChoreSchedule

} // namespace hearth
