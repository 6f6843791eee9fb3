#pragma once

#include <QByteArray>
#include <QString>

namespace hearth::ServerSecret {

// The key that signs members' tokens: HEARTH_JWT_SECRET when set (at least 32 bytes), else the
// 256-bit key kept in DIR/jwt_secret, generated on first use with mode 0600. Empty + *error on failure.
QByteArray load(const QString &dataDir, QString *error);

} // namespace hearth::ServerSecret
