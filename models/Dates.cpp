#include "Dates.h"

#include <QCoreApplication>
#include <QLocale>

namespace hearth {

QString describeDate(const QDate &date, const QDate &today)
{
    if (!date.isValid())
        return {};
    const qint64 days = today.daysTo(date);
    if (days == 0)
        return QCoreApplication::translate("Dates", "today");
    if (days == 1)
        return QCoreApplication::translate("Dates", "tomorrow");
    if (days == -1)
        return QCoreApplication::translate("Dates", "yesterday");
    if (days > 1 && days < 14)
        return QCoreApplication::translate("Dates", "in %n day(s)", nullptr, int(days));
    if (days < -1 && days > -14)
        return QCoreApplication::translate("Dates", "%n day(s) ago", nullptr, int(-days));
    const QLocale locale;
    return date.year() == today.year() ? locale.toString(date, QStringLiteral("d MMM"))
                                       : locale.toString(date, QStringLiteral("d MMM yyyy"));
}

QString describeExpiry(const QDate &expiresOn, const QDate &today)
{
    if (!expiresOn.isValid())
        return {};
    const qint64 days = today.daysTo(expiresOn);
    if (days < 0)
        return QCoreApplication::translate("Dates", "expired %1").arg(describeDate(expiresOn, today));
    return QCoreApplication::translate("Dates", "expires %1").arg(describeDate(expiresOn, today));
}

QString describeTime(const QTime &time)
{
    // Some locales' short format (Qt's "C" among them) still shows seconds.
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss"));
    return QLocale().toString(time, format);
}

} // namespace hearth
