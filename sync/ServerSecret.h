#pragma once

#include <QByteArray>
#include <QString>

namespace hearth::ServerSecret {

// The key that signs members' tokens: HEARTH_JWT_SECRET when set (at least 32 bytes), else the
// 256-bit key kept in DIR/jwt_secret, generated on first use with mode 0600. Empty + *error on failure.
QByteArray load(const QString &dataDir, QString *error);

// Replaces DIR/jwt_secret with a new random key (refused while HEARTH_JWT_SECRET is set: that key
// is changed where it is set). Every token made with the old key stops working.
QByteArray rotate(const QString &dataDir, QString *error);

// The file load() reads and rotate() replaces (empty while HEARTH_JWT_SECRET is set): a running
// server watches it to pick up a rotation.
QString filePath(const QString &dataDir);

} // namespace hearth::ServerSecret
