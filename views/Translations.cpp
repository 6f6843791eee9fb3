#include "Translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace hearth {

void installTranslations(QCoreApplication &app)
{
    auto *english = new QTranslator(&app);
    if (english->load(QStringLiteral(":/i18n/hearth_en.qm")))
        QCoreApplication::installTranslator(english);
    auto *local = new QTranslator(&app);
    if (local->load(QLocale(), QStringLiteral("hearth"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        && local->language() != QLatin1String("en"))
        QCoreApplication::installTranslator(local);
}

} // namespace hearth
