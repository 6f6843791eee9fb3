#pragma once

#include <QDateTime>
#include <QObject>
#include <QSet>

namespace hearth {

// What the connection indicator shows: whether this copy is on its own or connected to a room,
// how many members are online and when it last synced. Changed through setState() only.
class ConnectionStatus final : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Local,        // this device only: no room joined or hosted
        Hosting,      // this device hosts the household's room on the network
        Connecting,
        Connected,
        Reconnecting,
        Disconnected,
        Error,
    };
    Q_ENUM(State)

    explicit ConnectionStatus(QObject *parent = nullptr);

    State state() const { return m_state; }
    int membersOnline() const { return m_membersOnline; }
    // Who is in the room right now (member ids, this device's member included).
    QSet<QString> onlineMembers() const { return m_onlineMembers; }
    QDateTime lastSync() const { return m_lastSync; }
    QString detail() const { return m_detail; }
    // This device's edits the host has not acknowledged yet (a joined device's outbox).
    int pendingChanges() const { return m_pendingChanges; }
    // A joined device whose disk is full: writes are kept in memory until space is freed
    // (ReplicaEngine::isStorageFull()), `heldEdits` of them this device's own edits.
    bool isStorageFull() const { return m_storageFull; }
    int heldEdits() const { return m_heldEdits; }

    void setState(State state, const QString &detail = {});
    void setMembersOnline(int count);
    void setOnlineMembers(const QSet<QString> &members);
    void markSynced(const QDateTime &when);
    void setPendingChanges(int count);
    void setStorage(bool full, int heldEdits);

    static QString stateText(State state);

Q_SIGNALS:
    void stateChanged(hearth::ConnectionStatus::State state);
    void changed();
    void storageChanged();

private:
    State m_state = State::Local;
    int m_membersOnline = 0;
    int m_pendingChanges = 0;
    bool m_storageFull = false;
    int m_heldEdits = 0;
    QSet<QString> m_onlineMembers;
    QDateTime m_lastSync;
    QString m_detail;
};

} // namespace hearth
