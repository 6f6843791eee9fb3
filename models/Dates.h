#pragma once

#include <QDate>
#include <QTime>
#include <QString>

namespace hearth {

// Dates as people say them: "today", "tomorrow", "in 3 days", "2 days ago", "12 Mar".
QString describeDate(const QDate &date, const QDate &today);
// A clock time as people say it: the locale's short time, without seconds ("14:05", "2:05 PM").
QString describeTime(const QTime &time);

// How an expiry date reads on a pantry row: "expires tomorrow", "expired 2 days ago".
QString describeExpiry(const QDate &expiresOn, const QDate &today);

} // namespace hearth
