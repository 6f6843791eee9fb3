#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace hearth {

class HouseholdDirectory;

// The devices paired with the households a host serves. A device holds a refresh credential (a
// random 256-bit secret; the host keeps only its SHA-256) that it trades for short-lived access
// tokens, until it is signed out or its member is removed (the row goes with the member).
class DeviceRegistry final
{
public:
    explicit DeviceRegistry(HouseholdDirectory &directory);

    struct Device
    {
        QString id;
        QString householdId;
        QString memberId;
        QString memberName;
        QString role;
        QString name;
        QDateTime createdAt;
        QDateTime lastSeenAt;
        bool signedOut = false;
    };

    struct Issued
    {
        QString deviceId;
        QString refreshToken; // shown to the device once, never stored here
    };
    std::optional<Issued> add(const QString &householdId, const QString &memberId, const QString &deviceName);

    // The signed-in device a refresh credential belongs to (and notes that it was seen).
    std::optional<Device> redeemRefresh(const QString &refreshToken);
    // True while the device exists and has not been signed out. Tokens without a device (made by
    // `hearthd token` for scripts) are not checked here.
    bool isSignedIn(const QString &deviceId);
    // Signs a device out: its refresh credential stops working at once.
    bool signOut(const QString &deviceId);
    // Removes a device's record altogether (a pairing taken back).
    bool forget(const QString &deviceId);
    // Signs every device of every household out (secret rotation); returns how many.
    int signOutAll();
    QList<Device> devices(const QString &householdId);
    std::optional<Device> device(const QString &deviceId);

    static QString hashOf(const QString &refreshToken);

private:
    QList<Device> query(const QString &where, const QVariantList &values);

    HouseholdDirectory &m_directory;
};

} // namespace hearth
