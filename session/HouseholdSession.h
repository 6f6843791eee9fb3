#pragma once

#include <functional>
#include <optional>

#include "ConnectionStatus.h"
#include "CredentialVault.h"
#include "DeviceRegistry.h"
#include "LocalHousehold.h"
#include "MemberPins.h"
#include "Mutation.h"
#include "Pairing.h"
#include "PairingClient.h"
#include "Permissions.h"
#include "RoomHost.h"
#include "SyncService.h"
#include "WebSocketTransport.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QSet>

#include <memory>

namespace hearth {

class AuthoritativeEngine;
class Clock;
class HouseholdData;
class HouseholdDirectory;
class HouseholdEngine;
class ReplicaEngine;
class ServerStack;
class ServiceAdvertiser;
class Store;

// The household this copy of the app works on, and its network side. It owns the engine (an
// AuthoritativeEngine when alone or hosting, a ReplicaEngine when joined to a household hosted
// elsewhere), the models on it, the embedded room host and the SyncService, and it keeps the
// connection status. All sharing policy lives here — hosting, pairing a device, reconnecting when
// the app wakes or the network returns, turning remote changes into notices — so windows only
// show things and trigger actions. No widgets.
class HouseholdSession final : public QObject
{
    Q_OBJECT

public:
    enum class Role { Local, Hosting, Joined };
    Q_ENUM(Role)

    struct Options
    {
        QString dataDir;                   // holds the host's token-signing key (jwt_secret)
        LocalHousehold::Options household; // for the very first start
        HostOptions host;
        ListenerOptions listener;
        SyncOptions sync;
        bool followSystem = true;          // reconnect when the app is activated or the network is back
        bool useKeychain = true;           // false: keep this device's sign-in in a private file only
        bool advertise = true;             // hosting announces the household on the network (DNS-SD)
    };

    HouseholdSession(Store &store, const Clock &clock, Options options, QObject *parent = nullptr);
    ~HouseholdSession() override;

    // Opens the local household: as a replica when it was joined (it has a sync link), otherwise
    // authoritative (created on the first start). *created tells whether it is new.
    bool open(QString *error, bool *created = nullptr);
    // Starts the network side: hosting again when this household was hosted last time, or syncing
    // a joined household. Call once the window listens to notice()/problem().
    void start();

    Role role() const;
    HouseholdData &data() const { return *m_data; }
    HouseholdEngine &engine() const;
    ConnectionStatus &status() { return m_status; }
    Store &store() const { return m_store; }
    // The name of the member using this device.
    QString memberName() const;
    // Whether this device still acts as the placeholder member of a first start ("Me"): hosting
    // asks the person's name first, so the others do not see "Me".
    bool hasPlaceholderName() const;
    // Renames the member this device acts as; *error says why not (a name taken, empty).
    bool setMemberName(const QString &name, QString *error);

    // --- Who is using this device (the kiosk's "Who's using Hearth?") ---
    // Makes this device's edits from now on as `memberId`, a member of the household: their role
    // rules apply and the events name them, whatever the engine (alone, hosting, joined: the host
    // accepts it from a device paired by an adult only). Emits the engine's actingMemberChanged().
    // False, with *error, for someone not in the household or on a device paired by a child.
    bool actAs(const QString &memberId, QString *error = nullptr);
    // The member this device is signed in as (joined), or acted as when the household was opened
    // (alone, hosting): who it goes back to when nobody is picked.
    QString deviceMemberId() const;
    // The members' PINs, kept on this device only (DATA/member-pins.json).
    MemberPins &pins() { return m_pins; }
    // Sets or clears (`pin` empty) a member's PIN. The member using the device may change their own;
    // only an adult may change another's. When that person has a PIN of their own, `actorPin` must
    // be it (a wrong one counts as a wrong attempt). Refused: the error names the field ("pin",
    // "actor_pin") when one was wrong.
    MutationResult setMemberPin(const QString &memberId, const QString &pin, const QString &actorPin);

    // --- Hosting (authoritative households only) ---
    // Listens on address:port (port 0: any free one) and serves the household's room and pairing.
    // Remembered: the next start() hosts again. On failure *error says why in words.
    bool startHosting(quint16 port, QString *error, const QHostAddress &address = QHostAddress::AnyIPv4);
    void stopHosting();
    bool isHosting() const { return m_server != nullptr; }
    quint16 hostPort() const;
    // What to type on another device: "192.168.1.20:8765" for each network, then "127.0.0.1:8765"
    // (a second copy on this computer).
    QStringList hostAddresses() const;
    // The hosted room's certificate as a short code ("4F2A-91C3-77BD") to compare with the one a
    // joining device shows.
    QString hostCertificateCode() const;
    // The whole SHA-256 of that certificate (hex), which a QR code carries: a link is compared by
    // machine, so it can hold all of it rather than the 48 bits people read aloud.
    QString hostFingerprint() const;
    // Whether the hosted household is announced on the network (DNS-SD through Avahi) right now:
    // not on loopback, not with Options::advertise off, not where no Avahi daemon answers.
    bool isAdvertised() const;
    // A fresh invite code (valid a day) for the next device, for a member with `role` ("adult",
    // "child"). Only an adult at the hosting device may invite.
    QString createInviteCode(QString *error, const QString &role = Permissions::kAdult);
    // A code for a member already in the household ("this code is for Sam"): the device that uses
    // it joins as them.
    QString createInviteCodeFor(const QString &memberId, QString *error);
    // The invite codes that can still be used, newest first, and taking one back.
    QList<Pairing::Invite> openInvites() const;
    bool revokeInvite(const QString &code);
    // The devices paired with the hosted household (signed out ones too), and signing one out: its
    // sockets close at once and its sign-in stops working. Adults only; *error says why not.
    QList<DeviceRegistry::Device> devices() const;
    bool signOutDevice(const QString &deviceId, QString *error);
    // Members connected to the hosted room (other devices).
    int membersOnline() const;

    // --- Joining ---
    // Switches this copy to the household it was just paired with: saves the link and makes it
    // the local household, then rebuilds the engine and models as a replica and starts syncing.
    // Emits aboutToSwitch() before the old models go and switched() when the new ones are loaded.
    bool join(const PairingClient::Result &paired, QString *error);
    // Replaces the hosted room's signing key: every device is signed out and every connection
    // closes (4001); each needs a new invite code. Adults only, while hosting.
    bool signOutEveryDevice(QString *error);
    // Where a joined household is hosted, as typed ("192.168.1.20:8765").
    QString hostAddress() const;
    SyncService *sync() const { return m_sync.get(); }
    // Tries the host at once (app activated, network back, the user asked).
    void reconnectNow();
    // A full disk: writes what is held in memory now, as far as the store takes it (the user
    // freed space). Also tried on its own every few seconds.
    void saveHeldWrites();
    // Leaves a joined household: asks its host to remove this member. Once it has (leftHousehold()),
    // this device forgets its sign-in and the link, and switches to a fresh household of its own
    // (aboutToSwitch()/switched() as for join()). False with *error when the host cannot be asked
    // now; leaveRefused() when it says no (the only adult cannot leave).
    bool leaveHousehold(QString *error);

    const Clock &clock() const { return m_clock; }

    // The sentence shown when someone else changed something ("Sam ticked off Bread").
    QString describeChange(const Change &change, const QJsonObject &before) const;

Q_SIGNALS:
    void roleChanged(hearth::HouseholdSession::Role role);
    void aboutToSwitch();
    void switched();
    // Someone else changed something, or this device caught up: a short status-bar notice.
    void notice(const QString &text);
    // The host of a joined household presented another certificate than the one pinned when this
    // device joined: it may be an impostor, or the host was reinstalled. Syncing stopped.
    void hostCertificateChanged();
    // Something the user must know (an edit the host refused and undid, hosting that failed).
    void problem(const QString &text);
    // Invites, devices or their members changed on the hosted household: lists to show again.
    void devicesChanged();
    void invitesChanged();
    // This device left its joined household and now has a household of its own.
    void leftHousehold(const QString &householdName);
    void leaveRefused(const QString &reason);
    // isAdvertised() may have changed.
    void advertisingChanged();

private:
    QString makeInvite(QString *error, const std::function<std::optional<QString>()> &create);
    bool openEngine(const QString &householdId, QString *error, bool *created);
    void buildModels();
    void teardown();
    void startSync();
    void refreshHostingStatus();
    void advertise();
    void rememberHosting(bool on);
    void followSystem();
    void onRemoteChange(const Change &change);
    void onSynced();
    void finishLeaving();
    bool isAdult() const;
    QJsonObject currentFields(Collection collection, const QString &entityId) const;

    Store &m_store;
    const Clock &m_clock;
    Options m_options;
    CredentialVault m_vault;
    ConnectionStatus m_status;
    MemberPins m_pins;
    QString m_deviceMemberId;

    std::unique_ptr<AuthoritativeEngine> m_authoritative;
    std::unique_ptr<ReplicaEngine> m_replica;
    std::unique_ptr<HouseholdData> m_data;
    std::unique_ptr<SyncService> m_sync;

    // The embedded host, while hosting (destroyed in reverse order).
    std::unique_ptr<HouseholdDirectory> m_directory;
    std::unique_ptr<ServerStack> m_server;
    QString m_fingerprint; // of the hosted room's certificate
    std::unique_ptr<ServiceAdvertiser> m_advertiser; // the hosted household on DNS-SD, while hosting
    QSet<QString> m_online;

    // Remote changes: the entity as the model had it before (for "ticked off" vs "changed").
    QJsonObject m_before;
    QString m_beforeId;
    // While a (re)connected replica replays what it missed, notices are summed up instead.
    bool m_catchingUp = false;
    bool m_firstSync = false;
    int m_caughtUp = 0;
    QString m_lastCaughtUp;
    bool m_systemFollowed = false;
};

} // namespace hearth
