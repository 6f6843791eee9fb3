#include "ConnectionStatus.h"

namespace hearth {

ConnectionStatus::ConnectionStatus(QObject *parent)
    : QObject(parent)
{
}

void ConnectionStatus::setState(State state, const QString &detail)
{
    if (state == m_state && detail == m_detail)
        return;
    const bool stateDiffers = state != m_state;
    m_state = state;
    m_detail = detail;
    if (stateDiffers)
        Q_EMIT stateChanged(state);
    Q_EMIT changed();
}

void ConnectionStatus::setMembersOnline(int count)
{
    if (count == m_membersOnline)
        return;
    m_membersOnline = count;
    Q_EMIT changed();
}

void ConnectionStatus::setOnlineMembers(const QSet<QString> &members)
{
    if (members == m_onlineMembers)
        return;
    m_onlineMembers = members;
    Q_EMIT changed();
}

void ConnectionStatus::setPendingChanges(int count)
{
    if (count == m_pendingChanges)
        return;
    m_pendingChanges = count;
    Q_EMIT changed();
}

void ConnectionStatus::setStorage(bool full, int heldEdits)
{
    if (full == m_storageFull && heldEdits == m_heldEdits)
        return;
    m_storageFull = full;
    m_heldEdits = heldEdits;
    Q_EMIT storageChanged();
}

void ConnectionStatus::markSynced(const QDateTime &when)
{
    m_lastSync = when;
    Q_EMIT changed();
}

QString ConnectionStatus::stateText(State state)
{
    switch (state) {
    case State::Local: return tr("This device only");
    case State::Hosting: return tr("Hosting");
    case State::Connecting: return tr("Connecting…");
    case State::Connected: return tr("Live");
    case State::Reconnecting: return tr("Reconnecting…");
    case State::Disconnected: return tr("Offline");
    case State::Error: return tr("Connection problem");
    }
    return {};
}

} // namespace hearth
