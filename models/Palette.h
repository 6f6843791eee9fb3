#pragma once

#include <QHash>
#include <QList>
#include <QStringList>

namespace hearth {

// Colours people and budget categories are told apart by, as "#rrggbb" (the models stay free of
// Qt GUI: hearthd assigns a joining member's colour too). The candidates are spread over the hue
// wheel at two lightness levels; a new one is the candidate farthest (in OKLab, which matches how
// different colours look) from every colour already in use, so the fifth member never gets a
// near twin of the first.
namespace palette {

// The candidates, in the order ties are broken.
const QStringList &candidates();

// Perceptual distance between two colours: Euclidean in OKLab, scaled so 1.0 is "black to white".
double distance(const QString &a, const QString &b);

// The candidate farthest from everything in `inUse` and `avoid` (the closer of the two counts).
QString mostDistinct(const QStringList &inUse, const QStringList &avoid = {});

// A colour for each name, stable as names come and go: each name prefers the candidate its
// name hashes to and keeps it unless that is too close to a colour given before it (names are
// taken in sorted order); then it takes the most distinct one left.
QHash<QString, QString> assign(QStringList names, const QStringList &avoid = {});

} // namespace palette
} // namespace hearth
