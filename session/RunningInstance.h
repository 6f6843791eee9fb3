#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace hearth {

// The copy of Hearth running on one data folder, reachable from a second start: `hearth LINK`
// (a link opened from a chat) hands the link to the window already open on that folder instead of
// opening a second copy on the same data. A local socket beside the data (the folder is private).
class RunningInstance final : public QObject
{
    Q_OBJECT

public:
    explicit RunningInstance(const QString &dataDir, QObject *parent = nullptr);
    ~RunningInstance() override;

    // Hands `message` (one line) to the copy running on `dataDir`; false when none answers in time.
    static bool forward(const QString &dataDir, const QString &message, int timeoutMs = 3000);
    // Where the copy on `dataDir` listens.
    static QString socketPath(const QString &dataDir);

    // Starts answering forward(); a socket left by a copy that crashed is replaced.
    bool listen(QString *error);

Q_SIGNALS:
    void received(const QString &message);

private:
    QString m_path;
    QLocalServer *m_server;
};

} // namespace hearth
