#include "Palette.h"

#include <QCryptographicHash>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hearth::palette {

namespace {

struct Lab
{
    double l, a, b;
};

double linear(double channel)
{
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

// sRGB "#rrggbb" to OKLab (Björn Ottosson, 2020); anything else reads as mid grey.
Lab oklab(const QString &color)
{
    bool ok = color.size() == 7 && color.startsWith(QLatin1Char('#'));
    const uint rgb = ok ? QStringView(color).mid(1).toUInt(&ok, 16) : 0;
    const uint value = ok ? rgb : 0x808080;
    const double r = linear(((value >> 16) & 0xff) / 255.0), g = linear(((value >> 8) & 0xff) / 255.0),
                 b = linear((value & 0xff) / 255.0);
    const double l = std::cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
    const double m = std::cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
    const double s = std::cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
    return {0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
            1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
            0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s};
}

// Below this two colours read as "the same colour" next to each other on a card or a chart.
constexpr double kTooClose = 0.12;

double nearest(const QString &candidate, const QStringList &others)
{
    double best = std::numeric_limits<double>::max();
    for (const QString &other : others)
        best = std::min(best, distance(candidate, other));
    return best;
}

} // namespace

const QStringList &candidates()
{
    // Chosen from Tailwind's 400–800 shades that carry a white initial (contrast ≥ 3:1), each
    // the one farthest from those before it: the first twelve are ≥ 0.13 apart, all sixteen ≥ 0.09.
    static const QStringList colors = {
        QStringLiteral("#2563eb"), // blue
        QStringLiteral("#ea580c"), // orange
        QStringLiteral("#15803d"), // green
        QStringLiteral("#d946ef"), // fuchsia
        QStringLiteral("#86198f"), // plum
        QStringLiteral("#334155"), // slate
        QStringLiteral("#92400e"), // brown
        QStringLiteral("#0891b2"), // cyan
        QStringLiteral("#db2777"), // pink
        QStringLiteral("#3730a3"), // indigo
        QStringLiteral("#9333ea"), // purple
        QStringLiteral("#65a30d"), // lime
        QStringLiteral("#0369a1"), // sky
        QStringLiteral("#9d174d"), // wine
        QStringLiteral("#065f46"), // forest
        QStringLiteral("#64748b"), // grey
    };
    return colors;
}

double distance(const QString &a, const QString &b)
{
    const Lab x = oklab(a), y = oklab(b);
    return std::sqrt((x.l - y.l) * (x.l - y.l) + (x.a - y.a) * (x.a - y.a) + (x.b - y.b) * (x.b - y.b));
}

QString mostDistinct(const QStringList &inUse, const QStringList &avoid)
{
    QStringList taken = inUse;
    taken += avoid;
    if (taken.isEmpty())
        return candidates().first();
    QString best = candidates().first();
    double bestDistance = -1;
    for (const QString &candidate : candidates()) {
        const double d = nearest(candidate, taken);
        if (d > bestDistance + 1e-9) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

QHash<QString, QString> assign(QStringList names, const QStringList &avoid)
{
    names.removeDuplicates();
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        return QString::compare(a, b, Qt::CaseInsensitive) < 0;
    });
    QHash<QString, QString> colors;
    QStringList given;
    for (const QString &name : std::as_const(names)) {
        // A hash of the name (not its position) so a new category does not repaint the others.
        const QByteArray digest = QCryptographicHash::hash(name.toCaseFolded().toUtf8(), QCryptographicHash::Sha1);
        // Greys only when the hues run out: the largest slice of a chart should not be the dullest.
        static const QStringList hues = [] {
            QStringList list = candidates();
            list.removeAll(QStringLiteral("#334155"));
            list.removeAll(QStringLiteral("#64748b"));
            return list;
        }();
        const QString preferred = hues.at(int(quint8(digest.at(0)) % hues.size()));
        QStringList taken = given;
        taken += avoid;
        const QString color = nearest(preferred, taken) >= kTooClose ? preferred : mostDistinct(given, avoid);
        colors.insert(name, color);
        given.append(color);
    }
    return colors;
}

} // namespace hearth::palette
