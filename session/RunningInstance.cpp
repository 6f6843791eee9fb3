#include "RunningInstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

namespace hearth {

namespace {
constexpr qint64 kLongestMessage = 4096; // a link is a few hundred bytes
const QByteArray kAnswer = QByteArrayLiteral("ok\n");
} // namespace

RunningInstance::RunningInstance(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_path(socketPath(dataDir))
    , m_server(new QLocalServer(this))
{
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (!socket->canReadLine()) {
                    if (socket->bytesAvailable() > kLongestMessage)
                        socket->abort();
                    return;
                }
                const QString message = QString::fromUtf8(socket->readLine(kLongestMessage)).trimmed();
                socket->write(kAnswer);
                socket->disconnectFromServer();
                Q_EMIT received(message);
            });
        }
    });
}

RunningInstance::~RunningInstance() = default;

QString RunningInstance::socketPath(const QString &dataDir)
{
    const QString beside = QDir(dataDir).absoluteFilePath(QStringLiteral("hearth.socket"));
    if (beside.toUtf8().size() < 100) // sun_path holds 108 bytes
        return beside;
    // A deep data folder: a name derived from it in the user's runtime folder instead.
    QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (runtime.isEmpty())
        runtime = QDir::tempPath();
    const QByteArray hash = QCryptographicHash::hash(QDir(dataDir).absolutePath().toUtf8(), QCryptographicHash::Sha256);
    return QDir(runtime).filePath(QStringLiteral("hearth-") + QString::fromLatin1(hash.toHex().left(16)) + QStringLiteral(".socket"));
}

bool RunningInstance::forward(const QString &dataDir, const QString &message, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(socketPath(dataDir));
    if (!socket.waitForConnected(timeoutMs))
        return false;
    socket.write(message.toUtf8().left(kLongestMessage - 1) + '\n');
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    // Answered only once the running copy has the message.
    while (socket.bytesAvailable() < kAnswer.size())
        if (!socket.waitForReadyRead(timeoutMs))
            return false;
    return socket.read(kAnswer.size()) == kAnswer;
}

bool RunningInstance::listen(QString *error)
{
    // Asked first: with socket options set, QLocalServer makes its socket aside and renames it
    // into place, which would silently take the name from a copy that is running.
    QLocalSocket probe;
    probe.connectToServer(m_path);
    if (probe.waitForConnected(500)) {
        *error = QStringLiteral("another copy of Hearth is running on this data folder");
        return false;
    }
    if (m_server->listen(m_path))
        return true;
    // A copy that does not answer crashed and left its socket behind.
    QLocalServer::removeServer(m_path);
    if (m_server->listen(m_path))
        return true;
    *error = m_server->errorString();
    return false;
}

} // namespace hearth
