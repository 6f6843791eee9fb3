#include "HouseholdSession.h"

#include "Schema.h"

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "DnsSd.h"
#include "HostCertificate.h"
#include "HouseholdData.h"
#include "HouseholdDirectory.h"
#include "Money.h"
#include "Pairing.h"
#include "ReplicaEngine.h"
#include "ServerSecret.h"
#include "ServerStack.h"
#include "Store.h"
#include "WebSocketTransport.h"
#include "receipts/ReceiptsModel.h"

#include <QDir>
#include <QGuiApplication>
#include <QLocale>
#include <QNetworkInformation>
#include <QNetworkInterface>
#include <QSqlQuery>
#include <QWebSocket>

namespace hearth {

namespace {
// Kept with the data: the household this store hosted last time, and where it listened.
const QString kHostHouseholdKey = QStringLiteral("host_household_id");
const QString kHostAddressKey = QStringLiteral("host_address");
const QString kHostPortKey = QStringLiteral("host_port");
} // namespace

HouseholdSession::HouseholdSession(Store &store, const Clock &clock, Options options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_options(std::move(options))
    , m_vault(m_options.dataDir, m_options.useKeychain)
    , m_pins(m_options.dataDir.isEmpty() ? QString() : QDir(m_options.dataDir).filePath(QStringLiteral("member-pins.json")), clock)
{
}

HouseholdSession::~HouseholdSession()
{
    teardown();
}

HouseholdSession::Role HouseholdSession::role() const
{
    if (m_replica)
        return Role::Joined;
    return isHosting() ? Role::Hosting : Role::Local;
}

HouseholdEngine &HouseholdSession::engine() const
{
    if (m_replica)
        return *m_replica;
    return *m_authoritative;
}

QString HouseholdSession::memberName() const
{
    return m_data ? m_data->members.nameOf(engine().actingMemberId()) : QString();
}

bool HouseholdSession::hasPlaceholderName() const
{
    return memberName() == QCoreApplication::translate("LocalHousehold", "Me");
}

bool HouseholdSession::setMemberName(const QString &name, QString *error)
{
    if (!m_data)
        return false;
    const MutationResult renamed = m_data->members.update(engine().actingMemberId(), {{QStringLiteral("name"), name.trimmed()}});
    if (!renamed.ok)
        *error = renamed.error.message;
    return renamed.ok;
}

bool HouseholdSession::actAs(const QString &memberId, QString *error)
{
    const auto refuse = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!m_data || !m_data->members.find(memberId))
        return refuse(tr("That member is not in this household."));
    if (memberId == engine().actingMemberId())
        return true;
    if (m_replica) {
        // The host would refuse every edit: say so now rather than at the first one.
        const std::optional<Member> device = m_data->members.find(m_replica->deviceMemberId());
        if (memberId != m_replica->deviceMemberId() && (!device || device->role == Permissions::kChild))
            return refuse(tr("Only a device paired by an adult can be used by other members."));
        m_replica->setActingMemberId(memberId);
        return true;
    }
    m_authoritative->setActingMemberId(memberId);
    if (m_server) // the person at the hosting app, in the room's presence
        m_server->room().setLocalMember(m_authoritative->householdId(), memberId);
    return true;
}

QString HouseholdSession::deviceMemberId() const
{
    return m_deviceMemberId;
}

MutationResult HouseholdSession::setMemberPin(const QString &memberId, const QString &pin, const QString &actorPin)
{
    const QString forbidden = QStringLiteral("forbidden");
    if (!m_data || !m_data->members.find(memberId))
        return MutationResult::failure(QStringLiteral("not_found"), tr("That member is not in this household."));
    const QString actor = engine().actingMemberId();
    if (memberId != actor && !isAdult())
        return MutationResult::failure(forbidden, tr("Only an adult can set or remove another member's PIN."));
    switch (m_pins.check(actor, actorPin)) {
    case MemberPins::PinCheck::Accepted:
    case MemberPins::PinCheck::NoPin:
        break;
    case MemberPins::PinCheck::Wrong:
        return MutationResult::failure(forbidden, tr("That is not your PIN."), QStringLiteral("actor_pin"));
    case MemberPins::PinCheck::LockedOut:
        return MutationResult::failure(forbidden, tr("Your PIN is locked for now after too many wrong tries."),
                                       QStringLiteral("actor_pin"));
    }
    MutationResult done;
    done.ok = true;
    done.entityId = memberId;
    if (pin.isEmpty()) {
        m_pins.clearPin(memberId);
        return done;
    }
    QString error;
    if (!m_pins.setPin(memberId, pin, &error))
        return MutationResult::failure(QStringLiteral("invalid"), error, QStringLiteral("pin"));
    return done;
}

bool HouseholdSession::open(QString *error, bool *created)
{
    teardown();
    return openEngine(LocalHousehold::householdId(m_store), error, created);
}

bool HouseholdSession::openEngine(const QString &householdId, QString *error, bool *created)
{
    if (created)
        *created = false;
    // A household joined from elsewhere keeps its link: open it as a replica of its host.
    if (!householdId.isEmpty()) {
        if (const auto link = ReplicaEngine::loadLink(m_store, householdId)) {
            m_replica = std::make_unique<ReplicaEngine>(m_store, m_clock, householdId, link->memberId);
            buildModels();
            return true;
        }
    }
    m_authoritative = LocalHousehold::openOrCreate(m_store, m_clock, m_options.household, created, error);
    if (!m_authoritative)
        return false;
    buildModels();
    return true;
}

void HouseholdSession::buildModels()
{
    // Connected before the models are: it sees each remote change while the models still hold
    // the entity as it was, so a notice can say "ticked off" rather than just "changed".
    connect(&engine(), &HouseholdEngine::changed, this, [this](const Change &change) {
        if (change.userId.isEmpty() || change.userId == engine().actingMemberId())
            return;
        m_beforeId = change.entityId;
        m_before = currentFields(change.collection, change.entityId);
    });
    // Whoever the engine acts as when opened is this device's own member (its sign-in when joined).
    m_deviceMemberId = engine().actingMemberId();
    // A member who leaves the household takes their PIN on this device along.
    connect(&engine(), &HouseholdEngine::changed, this, [this](const Change &change) {
        if (change.collection == Collection::Members && change.action == ChangeAction::Deleted)
            m_pins.clearPin(change.entityId);
    });
    if (m_replica) {
        // A full disk: what the window says until the writes held in memory are saved.
        const auto showStorage = [this] { m_status.setStorage(m_replica->isStorageFull(), m_replica->heldEdits()); };
        connect(m_replica.get(), &ReplicaEngine::storageFullChanged, this, showStorage);
        connect(m_replica.get(), &ReplicaEngine::heldEditsChanged, this, showStorage);
        connect(m_replica.get(), &ReplicaEngine::heldEditRefused, this, [this](const QString &reason) {
            Q_EMIT problem(tr("A change kept while the disk was full could not be saved: %1").arg(reason));
        });
    }
    m_data = std::make_unique<HouseholdData>(engine(), m_clock);
    for (Collection c : allCollections())
        connect(m_data->modelFor(c), &CollectionModel::remoteChange, this, &HouseholdSession::onRemoteChange);
    m_data->load();
    // A member removed takes their devices along; one added may be a device that just paired.
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&m_data->members, signal, this, [this] {
            if (isHosting())
                Q_EMIT devicesChanged();
        });
}

void HouseholdSession::teardown()
{
    m_sync.reset();
    m_advertiser.reset();
    // Closing the host without forgetting it: the next start hosts again.
    if (m_server)
        m_server->close(protocol::kCloseGoingAway, QStringLiteral("Host closing"));
    m_server.reset();
    m_directory.reset();
    m_online.clear();
    m_data.reset();
    m_replica.reset();
    m_status.setStorage(false, 0); // the status outlives this household's held writes
    m_authoritative.reset();
    m_catchingUp = false;
    m_caughtUp = 0;
}

void HouseholdSession::start()
{
    followSystem();
    if (m_replica) {
        startSync();
        return;
    }
    refreshHostingStatus();
    if (m_store.metaValue(kHostHouseholdKey) != m_authoritative->householdId())
        return;
    const quint16 port = quint16(m_store.metaValue(kHostPortKey).toUInt());
    QHostAddress address(m_store.metaValue(kHostAddressKey));
    if (address.isNull())
        address = QHostAddress::AnyIPv4;
    QString error;
    if (!startHosting(port, &error, address)) {
        m_status.setState(ConnectionStatus::State::Error, tr("not hosting"));
        Q_EMIT problem(tr("Could not host the household again: %1").arg(error));
    }
}

// ---------------------------------------------------------------------------------------------
// Hosting

bool HouseholdSession::startHosting(quint16 port, QString *error, const QHostAddress &address)
{
    if (!m_authoritative) {
        *error = tr("This household is hosted on another device; only that device can invite others.");
        return false;
    }
    if (isHosting()) {
        if (m_server->port() == port || port == 0)
            return true;
        stopHosting();
    }
    QString secretError;
    const QByteArray secret = ServerSecret::load(m_options.dataDir, &secretError);
    if (secret.isEmpty()) {
        *error = tr("Hosting needs a private key, and there is none: %1.").arg(secretError);
        return false;
    }

    auto directory = std::make_unique<HouseholdDirectory>(m_store, m_clock);
    // The window's own engine: local edits reach the room in-process, through the same code path.
    directory->adopt(*m_authoritative);
    // The room is served over TLS with the household's own certificate; joined devices pin it.
    QString certificateError;
    const auto tls = HostCertificate::loadOrCreate(m_options.dataDir, &certificateError);
    if (!tls) {
        *error = certificateError;
        return false;
    }
    ServerStack::Options stackOptions{m_options.host, m_options.listener, false, {}};
    stackOptions.listener.tls = *tls;
    stackOptions.listener.frameLimit = m_options.host.messageLimit;
    auto server = std::make_unique<ServerStack>(*directory, secret, stackOptions);
    server->room().setLocalMember(m_authoritative->householdId(), m_authoritative->actingMemberId());
    if (!server->listen(address, port)) {
        switch (server->serverError()) {
        case QAbstractSocket::AddressInUseError:
            *error = tr("Port %1 is already in use — another program, or another copy of Hearth, is using it. "
                        "Choose another port, or 0 for any free one.")
                         .arg(port);
            break;
        case QAbstractSocket::SocketAccessError:
            *error = tr("Port %1 needs administrator rights. Choose a port above 1023, such as %2.")
                         .arg(port)
                         .arg(PairingClient::kDefaultPort);
            break;
        default:
            *error = tr("Cannot listen on port %1: %2").arg(port).arg(server->errorString());
        }
        return false;
    }
    connect(&server->room(), &RoomHost::presenceChanged, this, [this](const QString &householdId, int) {
        if (!m_server || !m_authoritative || householdId != m_authoritative->householdId())
            return;
        const QSet<QString> online = m_server->room().membersOnline(householdId);
        for (const QString &member : online)
            if (!m_online.contains(member) && member != m_authoritative->actingMemberId())
                Q_EMIT notice(tr("%1 is connected").arg(m_data->members.nameOf(member)));
        m_online = online;
        m_status.setOnlineMembers(online);
        refreshHostingStatus();
        Q_EMIT devicesChanged(); // last seen, and devices paired since
    });
    m_directory = std::move(directory);
    m_server = std::move(server);
    m_fingerprint = HostCertificate::fingerprint(tls->localCertificate());
    rememberHosting(true);
    advertise();
    refreshHostingStatus();
    Q_EMIT roleChanged(Role::Hosting);
    return true;
}

void HouseholdSession::stopHosting()
{
    if (!isHosting())
        return;
    m_advertiser.reset(); // withdrawn from the network first: nobody should find a host that is going
    m_server->close(protocol::kCloseGoingAway, QStringLiteral("Host stopped hosting"));
    m_server.reset();
    m_directory.reset();
    m_online.clear();
    rememberHosting(false);
    refreshHostingStatus();
    Q_EMIT roleChanged(role());
}

void HouseholdSession::advertise()
{
    // A host on loopback is reachable from this computer only: nothing to tell the network.
    const QHostAddress listening = m_server->address();
    if (!m_options.advertise || listening.isLoopback())
        return;
    if (!m_advertiser) {
        m_advertiser = std::make_unique<ServiceAdvertiser>();
        // A renamed household is found under its new name.
        connect(&m_data->household, &QAbstractItemModel::dataChanged, m_advertiser.get(), [this] { advertise(); });
        connect(m_advertiser.get(), &ServiceAdvertiser::stateChanged, this, &HouseholdSession::advertisingChanged);
    }
    m_advertiser->advertise({{m_authoritative->householdId(), m_data->household.household().name, m_fingerprint, m_server->port()}});
}

bool HouseholdSession::isAdvertised() const
{
    return m_advertiser && m_advertiser->state() == ServiceAdvertiser::State::Established;
}

void HouseholdSession::rememberHosting(bool on)
{
    const QString off = QStringLiteral(""); // the meta table keeps no NULLs
    StoreTransaction tx(m_store);
    m_store.setMetaValue(kHostHouseholdKey, on ? m_authoritative->householdId() : off);
    m_store.setMetaValue(kHostAddressKey, on ? m_server->address().toString() : off);
    m_store.setMetaValue(kHostPortKey, on ? QString::number(m_server->port()) : off);
    tx.commit();
}

void HouseholdSession::refreshHostingStatus()
{
    if (m_replica)
        return; // SyncService keeps the status of a joined household
    if (isHosting()) {
        m_status.setState(ConnectionStatus::State::Hosting, tr("port %1").arg(m_server->port()));
        m_status.setMembersOnline(membersOnline());
        m_status.setOnlineMembers(m_server->room().membersOnline(m_authoritative->householdId()));
    } else {
        m_status.setState(ConnectionStatus::State::Local);
        m_status.setMembersOnline(0);
        m_status.setOnlineMembers({});
    }
}

quint16 HouseholdSession::hostPort() const
{
    return m_server ? m_server->port() : 0;
}

QStringList HouseholdSession::hostAddresses() const
{
    if (!m_server)
        return {};
    const QString port = QString::number(m_server->port());
    const QHostAddress listening = m_server->address();
    if (listening != QHostAddress::AnyIPv4 && listening != QHostAddress::Any) {
        const QString host = listening.protocol() == QAbstractSocket::IPv6Protocol
            ? QLatin1Char('[') + listening.toString() + QLatin1Char(']')
            : listening.toString();
        return {host + QLatin1Char(':') + port};
    }
    QStringList addresses;
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        const auto flags = interface.flags();
        if (!(flags & QNetworkInterface::IsUp) || !(flags & QNetworkInterface::IsRunning) || (flags & QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            const QHostAddress ip = entry.ip();
            if (ip.protocol() == QAbstractSocket::IPv4Protocol && !ip.isLoopback() && !ip.isLinkLocal())
                addresses << ip.toString() + QLatin1Char(':') + port;
        }
    }
    addresses.removeDuplicates();
    addresses << QStringLiteral("127.0.0.1:") + port; // a second copy on this computer
    return addresses;
}

QString HouseholdSession::hostCertificateCode() const
{
    return isHosting() ? HostCertificate::shortCode(m_fingerprint) : QString();
}

QString HouseholdSession::hostFingerprint() const
{
    return isHosting() ? m_fingerprint : QString();
}

QString HouseholdSession::createInviteCode(QString *error, const QString &role)
{
    if (role != Permissions::kAdult && role != Permissions::kChild) {
        *error = tr("An invite is for an adult or a child.");
        return {};
    }
    return makeInvite(error, [&] { return m_server->pairing().createInvite(m_authoritative->householdId(), role); });
}

QString HouseholdSession::createInviteCodeFor(const QString &memberId, QString *error)
{
    return makeInvite(error, [&] { return m_server->pairing().createInviteFor(m_authoritative->householdId(), memberId); });
}

QString HouseholdSession::makeInvite(QString *error, const std::function<std::optional<QString>()> &create)
{
    if (!m_server) {
        *error = tr("Start hosting first.");
        return {};
    }
    if (!isAdult()) {
        *error = tr("Only an adult can invite someone to the household.");
        return {};
    }
    const auto code = create();
    if (!code) {
        *error = tr("No invite code could be made; try again.");
        return {};
    }
    Q_EMIT invitesChanged();
    return *code;
}

QList<Pairing::Invite> HouseholdSession::openInvites() const
{
    return m_server ? m_server->pairing().openInvites(m_authoritative->householdId()) : QList<Pairing::Invite>();
}

bool HouseholdSession::revokeInvite(const QString &code)
{
    if (!m_server || !isAdult())
        return false;
    // Only this household's codes.
    const QList<Pairing::Invite> open = openInvites();
    if (std::none_of(open.cbegin(), open.cend(), [&code](const Pairing::Invite &i) { return i.code == code; }))
        return false;
    const bool revoked = m_server->pairing().revokeInvite(code);
    if (revoked)
        Q_EMIT invitesChanged();
    return revoked;
}

QList<DeviceRegistry::Device> HouseholdSession::devices() const
{
    return m_directory ? m_directory->devices().devices(m_authoritative->householdId()) : QList<DeviceRegistry::Device>();
}

bool HouseholdSession::signOutDevice(const QString &deviceId, QString *error)
{
    if (!m_server) {
        *error = tr("Devices can be signed out only while this computer hosts the household.");
        return false;
    }
    if (!isAdult()) {
        *error = tr("Only an adult can sign a device out.");
        return false;
    }
    const auto device = m_directory->devices().device(deviceId);
    if (!device || device->householdId != m_authoritative->householdId()) {
        *error = tr("That device is not paired with this household any more.");
        return false;
    }
    if (!m_server->room().signOutDevice(deviceId)) {
        *error = tr("The device could not be signed out; try again.");
        return false;
    }
    Q_EMIT devicesChanged();
    return true;
}

bool HouseholdSession::isAdult() const
{
    if (!m_data)
        return false;
    const std::optional<Member> me = m_data->members.find(engine().actingMemberId());
    return me && me->role != Permissions::kChild;
}

int HouseholdSession::membersOnline() const
{
    if (m_server && m_authoritative) {
        QSet<QString> others = m_server->room().membersOnline(m_authoritative->householdId());
        others.remove(m_authoritative->actingMemberId());
        return int(others.size());
    }
    return m_status.membersOnline();
}

// ---------------------------------------------------------------------------------------------
// Joining

bool HouseholdSession::join(const PairingClient::Result &paired, QString *error)
{
    if (paired.householdId.isEmpty() || paired.memberId.isEmpty() || paired.token.isEmpty()) {
        *error = tr("The host's answer was incomplete; try again.");
        return false;
    }
    if (m_authoritative && paired.householdId == m_authoritative->householdId()) {
        *error = tr("That is this household: it is already here.");
        return false;
    }
    {
        StoreTransaction tx(m_store);
        QString vaultError;
        if (!m_vault.save(paired.householdId, {paired.token, paired.refreshToken}, &vaultError)) {
            *error = vaultError;
            return false;
        }
        const bool saved = ReplicaEngine::saveLink(m_store, paired.householdId,
                                                   {paired.hostUrl.toString(), paired.memberId, QString(), 0,
                                                    paired.deviceId, paired.fingerprint})
            && LocalHousehold::remember(m_store, paired.householdId, paired.memberId) && tx.commit();
        if (!saved) {
            m_vault.forget(paired.householdId);
            *error = tr("The household could not be saved on this device.");
            return false;
        }
    }
    if (isHosting())
        stopHosting(); // this device now follows another household; nobody can reach the old one here

    Q_EMIT aboutToSwitch();
    teardown();
    m_replica = std::make_unique<ReplicaEngine>(m_store, m_clock, paired.householdId, paired.memberId);
    buildModels();
    Q_EMIT roleChanged(Role::Joined);
    Q_EMIT switched();
    startSync();
    return true;
}

bool HouseholdSession::signOutEveryDevice(QString *error)
{
    if (!m_server || !isAdult()) {
        *error = tr("Only an adult at the hosting computer can sign every device out.");
        return false;
    }
    QString secretError;
    const QByteArray secret = ServerSecret::rotate(m_options.dataDir, &secretError);
    if (secret.isEmpty()) {
        *error = tr("The key could not be replaced: %1.").arg(secretError);
        return false;
    }
    m_server->rotateSecret(secret); // signs every device out and closes every socket with 4001
    Q_EMIT devicesChanged();
    return true;
}

QString HouseholdSession::hostAddress() const
{
    if (!m_replica)
        return {};
    const auto link = ReplicaEngine::loadLink(m_store, m_replica->householdId());
    return link ? QUrl(link->hostUrl).authority() : QString();
}

void HouseholdSession::startSync()
{
    const auto link = ReplicaEngine::loadLink(m_store, m_replica->householdId());
    if (!link)
        return;
    const QString householdId = m_replica->householdId();
    const auto secrets = m_vault.load(householdId);
    SyncCredentials credentials{secrets ? secrets->accessToken : link->token, secrets ? secrets->refreshToken : QString(),
                                link->fingerprint};
    m_sync = std::make_unique<SyncService>(*m_replica, m_status, QUrl(link->hostUrl), credentials, m_options.sync);
    connect(m_sync.get(), &SyncService::accessTokenRenewed, this, [this, householdId, credentials](const QString &token) {
        QString error;
        if (!m_vault.save(householdId, {token, credentials.refreshToken}, &error))
            qCWarning(lcSync) << error;
    });
    connect(m_sync.get(), &SyncService::certificateChanged, this, [this] {
        Q_EMIT problem(tr("The hosting device presented a different security certificate than when this device joined, "
                          "so Hearth stopped syncing. If the household was moved to a new computer, join it again; "
                          "otherwise someone may be pretending to be it."));
        Q_EMIT hostCertificateChanged();
    });
    connect(m_sync.get(), &SyncService::stateChanged, this, [this](ConnectionStatus::State state) {
        if (state == ConnectionStatus::State::Connecting || state == ConnectionStatus::State::Reconnecting)
            m_catchingUp = true;
    });
    connect(m_sync.get(), &SyncService::synced, this, &HouseholdSession::onSynced);
    connect(m_sync.get(), &SyncService::credentialsRefused, this, [this](int code) {
        Q_EMIT problem(code == protocol::kCloseForbidden
                           ? tr("This device is no longer a member of the household. Ask for a new invite code and join again.")
                           : tr("The host no longer accepts this device's sign-in. Ask for a new invite code and join again."));
    });
    // Switching households from inside the service's own signal would delete it under its feet.
    connect(m_sync.get(), &SyncService::left, this, &HouseholdSession::finishLeaving, Qt::QueuedConnection);
    connect(m_sync.get(), &SyncService::leaveRefused, this, &HouseholdSession::leaveRefused);
    // A receipt's image is not in the rows: the receipts list and the open receipt ask the host
    // for it over this socket, and ask again once the host is back.
    ReceiptImages &images = m_data->model<ReceiptsModel>(Collection::Receipts).images();
    images.setFetcher([this](const QString &receiptId, ReceiptImageSize size) { return m_sync && m_sync->fetchImage(receiptId, size); });
    connect(m_sync.get(), &SyncService::imageFetched, &images, &ReceiptImages::deliver);
    connect(m_sync.get(), &SyncService::imageRefused, &images, &ReceiptImages::fail);
    connect(m_sync.get(), &SyncService::synced, &images, &ReceiptImages::notifyOnline);
    connect(m_replica.get(), &ReplicaEngine::rejected, this, [this](const QString &reason) {
        Q_EMIT problem(tr("Your change was undone — the host refused it: %1").arg(reason));
    });
    m_catchingUp = true;
    m_firstSync = m_replica->lastSeq() == 0;
    m_caughtUp = 0;
    m_sync->start();
}

void HouseholdSession::saveHeldWrites()
{
    if (m_replica)
        m_replica->retryHeldWrites();
}

void HouseholdSession::reconnectNow()
{
    // A first attempt still under way (the app is activated as its window first shows) is left alone.
    if (m_sync && m_status.state() != ConnectionStatus::State::Connecting)
        m_sync->reconnectNow();
}

bool HouseholdSession::leaveHousehold(QString *error)
{
    if (!m_replica || !m_sync) {
        *error = tr("Only a household joined from another device can be left.");
        return false;
    }
    if (!m_sync->leave()) {
        *error = tr("Leaving needs the hosting device, and it cannot be reached right now. "
                    "Try again when it is on and this device is connected.");
        return false;
    }
    return true;
}

void HouseholdSession::finishLeaving()
{
    if (!m_replica)
        return;
    const QString householdId = m_replica->householdId();
    const QString householdName = m_data->household.household().name;
    const QString name = memberName();

    Q_EMIT aboutToSwitch();
    teardown();
    m_vault.forget(householdId);
    {
        // The link, the edits still waiting for the host and the household's data all go.
        StoreTransaction tx(m_store);
        bool ok = ReplicaEngine::forgetHousehold(m_store, householdId);
        // No local household remembered: open() makes a fresh one, with this person as its first member.
        ok = ok && LocalHousehold::remember(m_store, QStringLiteral(""), QStringLiteral("")); // the meta table keeps no NULLs
        if (!ok || !tx.commit())
            qCWarning(lcSync) << "could not forget the household this device left";
    }
    LocalHousehold::Options fresh = m_options.household;
    fresh.fillDemo = false;
    if (!name.isEmpty())
        fresh.ownerName = name;
    QString error;
    m_authoritative = LocalHousehold::openOrCreate(m_store, m_clock, fresh, nullptr, &error);
    if (!m_authoritative) {
        Q_EMIT problem(tr("This device left the household, but a new one could not be made: %1").arg(error));
        return;
    }
    buildModels();
    refreshHostingStatus();
    Q_EMIT roleChanged(Role::Local);
    Q_EMIT switched();
    Q_EMIT leftHousehold(householdName);
    Q_EMIT notice(householdName.isEmpty() ? tr("You left the household. This device now has a household of its own.")
                                          : tr("You left %1. This device now has a household of its own.").arg(householdName));
}

void HouseholdSession::followSystem()
{
    if (!m_options.followSystem || std::exchange(m_systemFollowed, true))
        return;
    if (auto *gui = qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        connect(gui, &QGuiApplication::applicationStateChanged, this, [this](Qt::ApplicationState state) {
            if (state == Qt::ApplicationActive)
                reconnectNow();
        });
    }
    // Only where the platform can tell (NetworkManager on Linux); elsewhere the backoff suffices.
    if (QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability reachability) {
                    if (reachability == QNetworkInformation::Reachability::Online
                        || reachability == QNetworkInformation::Reachability::Site)
                        reconnectNow();
                });
        // Another network (Wi-Fi to cable, another access point): a socket that still says it is
        // connected may lead nowhere, so it is probed (reconnectNow() asks a connected socket).
        connect(QNetworkInformation::instance(), &QNetworkInformation::transportMediumChanged, this,
                [this](QNetworkInformation::TransportMedium) { reconnectNow(); });
    }
}

// ---------------------------------------------------------------------------------------------
// Notices

void HouseholdSession::onSynced()
{
    if (!std::exchange(m_catchingUp, false))
        return;
    if (std::exchange(m_firstSync, false)) {
        const QString name = m_data->household.household().name;
        Q_EMIT notice(name.isEmpty() ? tr("You have joined the household: everything is here.")
                                     : tr("You have joined %1: everything is here.").arg(name));
    } else if (m_caughtUp == 1) {
        Q_EMIT notice(m_lastCaughtUp);
    } else if (m_caughtUp > 1) {
        Q_EMIT notice(tr("Up to date: %n change(s) by others arrived while this device was away.", nullptr, m_caughtUp));
    }
    m_caughtUp = 0;
    m_lastCaughtUp.clear();
}

void HouseholdSession::onRemoteChange(const Change &change)
{
    const QString text = describeChange(change, change.entityId == m_beforeId ? m_before : QJsonObject());
    m_before = {};
    m_beforeId.clear();
    if (text.isEmpty())
        return;
    if (m_catchingUp) {
        ++m_caughtUp;
        m_lastCaughtUp = text;
        return;
    }
    Q_EMIT notice(text);
}

QJsonObject HouseholdSession::currentFields(Collection collection, const QString &entityId) const
{
    return m_data ? m_data->modelFor(collection)->fieldsOf(entityId) : QJsonObject();
}

QString HouseholdSession::describeChange(const Change &change, const QJsonObject &before) const
{
    const CollectionSpec &spec = collectionSpec(change.collection);
    return m_data && spec.describe ? spec.describe(change, before, *m_data) : QString();
}

} // namespace hearth
