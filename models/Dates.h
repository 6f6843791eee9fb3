#pragma once

#include <QDate>
#include <QString>

namespace hearth {

// Dates as people say them: "today", "tomorrow", "in 3 days", "2 days ago", "12 Mar".
QString describeDate(const QDate &date, const QDate &today);

// How an expiry date reads on a pantry row: "expires tomorrow", "expired 2 days ago".
QString describeExpiry(const QDate &expiresOn, const QDate &today);

} // namespace hearth
