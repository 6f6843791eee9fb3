#include "DnsSd.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QDBusServiceWatcher>
#include <QLoggingCategory>
#include <QRegularExpression>

namespace hearth {

Q_LOGGING_CATEGORY(lcDnsSd, "hearth.dnssd")

namespace {

// Avahi's D-Bus API (avahi-daemon/org.freedesktop.Avahi.*.xml): numbers from avahi-common/defs.h.
constexpr int kAnyInterface = -1;   // AVAHI_IF_UNSPEC
constexpr int kAnyProtocol = -1;    // AVAHI_PROTO_UNSPEC
constexpr int kIPv4 = 0;            // AVAHI_PROTO_INET: the room listens on IPv4
constexpr int kServerRunning = 2;   // AVAHI_SERVER_RUNNING
constexpr int kGroupEstablished = 2;
constexpr int kGroupCollision = 3;
constexpr int kGroupFailure = 4;
constexpr int kCallTimeoutMs = 5000;
const QString kServer = QStringLiteral("org.freedesktop.Avahi.Server");
const QString kEntryGroup = QStringLiteral("org.freedesktop.Avahi.EntryGroup");
const QString kServiceBrowser = QStringLiteral("org.freedesktop.Avahi.ServiceBrowser");
const QString kCollisionError = QStringLiteral("org.freedesktop.Avahi.CollisionError");

QString avahi()
{
    return QString::fromLatin1(dnssd::kAvahiService);
}

QString serviceType()
{
    return QString::fromLatin1(dnssd::kServiceType);
}

QDBusMessage avahiCall(const QString &path, const QString &interface, const char *method, const QVariantList &arguments = {})
{
    QDBusMessage call = QDBusMessage::createMethodCall(avahi(), path, interface, QString::fromLatin1(method));
    call.setArguments(arguments);
    return call;
}

// Calls without blocking the event loop and hands the answer (or the error) to `answered`,
// unless `context` is gone by then.
template<typename Answered>
void callAsync(const QDBusConnection &bus, const QDBusMessage &call, QObject *context, Answered answered)
{
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, kCallTimeoutMs), context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context, [watcher, answered] {
        watcher->deleteLater();
        answered(watcher->reply());
    });
}

void registerTypes()
{
    static const bool registered = [] {
        qDBusRegisterMetaType<QList<QByteArray>>(); // aay: a TXT record
        return true;
    }();
    Q_UNUSED(registered)
}

// A UTF-8 string cut to at most `bytes` without splitting a character.
QByteArray cutUtf8(const QString &text, int bytes)
{
    QByteArray utf8 = text.toUtf8();
    if (utf8.size() <= bytes)
        return utf8;
    int end = bytes;
    while (end > 0 && (uchar(utf8.at(end)) & 0xC0) == 0x80)
        --end; // back to the first byte of the character that would be split
    return utf8.left(end);
}

QVariant txtVariant(const QList<QByteArray> &txt)
{
    return QVariant::fromValue(txt);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// What is advertised

QList<QByteArray> HouseholdAdvert::txtRecord() const
{
    QList<QByteArray> txt{QByteArrayLiteral("txtvers=1"), "name=" + cutUtf8(householdName, 250)};
    if (!householdId.isEmpty())
        txt << "id=" + householdId.toUtf8().left(250);
    if (!fingerprint.isEmpty())
        txt << "fp=" + fingerprint.toLower().toLatin1();
    return txt;
}

QString HouseholdAdvert::serviceName() const
{
    const QString name = householdName.trimmed().isEmpty() ? QStringLiteral("Hearth") : householdName.trimmed();
    return QString::fromUtf8(cutUtf8(name, 63));
}

QString dnsSdUnavailableReason(const QDBusConnection &bus)
{
    if (!bus.isConnected())
        return QStringLiteral("no D-Bus system bus (%1)").arg(bus.lastError().message());
    const auto *interface = bus.interface();
    if (!interface || !interface->isServiceRegistered(avahi()).value())
        return QStringLiteral("no Avahi daemon on the system bus");
    return QString();
}

// ---------------------------------------------------------------------------------------------
// Advertising

ServiceAdvertiser::ServiceAdvertiser(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
    , m_watcher(new QDBusServiceWatcher(avahi(), m_bus,
                                        QDBusServiceWatcher::WatchForRegistration | QDBusServiceWatcher::WatchForUnregistration,
                                        this))
{
    registerTypes();
    // A daemon that starts (or restarts) later gets the adverts then; one that goes takes them along.
    connect(m_watcher, &QDBusServiceWatcher::serviceRegistered, this, [this] {
        if (m_wanted)
            registerAll();
    });
    connect(m_watcher, &QDBusServiceWatcher::serviceUnregistered, this, [this] {
        m_groups.clear();
        if (m_wanted) {
            m_error = QStringLiteral("the Avahi daemon went away");
            setState(State::Unavailable);
        }
    });
    if (m_bus.isConnected())
        m_bus.connect(avahi(), QStringLiteral("/"), kServer, QStringLiteral("StateChanged"), this,
                      SLOT(onServerStateChanged(int, QString)));
}

ServiceAdvertiser::~ServiceAdvertiser()
{
    freeGroups();
}

void ServiceAdvertiser::advertise(const QList<HouseholdAdvert> &adverts)
{
    // The same adverts again (the household's budget changed, not its name): announcing them anew
    // would drop the household from other devices' lists while Avahi probes.
    if (adverts == m_adverts && (m_state == State::Registering || m_state == State::Established))
        return;
    m_adverts = adverts;
    m_wanted = !adverts.isEmpty();
    if (!m_wanted)
        return withdraw();
    const QString unavailable = dnsSdUnavailableReason(m_bus);
    if (!unavailable.isEmpty()) {
        freeGroups();
        m_error = unavailable;
        qCInfo(lcDnsSd) << "not advertised:" << unavailable;
        setState(State::Unavailable);
        return;
    }
    registerAll();
}

void ServiceAdvertiser::withdraw()
{
    m_wanted = false;
    m_adverts.clear();
    freeGroups();
    setState(State::Off);
}

QStringList ServiceAdvertiser::serviceNames() const
{
    QStringList names;
    for (const auto &group : m_groups)
        names << group->name;
    return names;
}

void ServiceAdvertiser::registerAll()
{
    freeGroups();
    m_error.clear();
    for (const HouseholdAdvert &advert : std::as_const(m_adverts)) {
        auto group = std::make_shared<Group>();
        group->advert = advert;
        group->name = advert.serviceName();
        m_groups << group;
        registerGroup(group);
    }
    updateState();
}

void ServiceAdvertiser::registerGroup(const std::shared_ptr<Group> &group)
{
    callAsync(m_bus, avahiCall(QStringLiteral("/"), kServer, "EntryGroupNew"), this, [this, group](const QDBusMessage &reply) {
        if (!m_groups.contains(group))
            return; // withdrawn meanwhile
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
            return fail(reply.errorMessage());
        group->path = reply.arguments().constFirst().value<QDBusObjectPath>().path();
        // Before anything is committed, so no state change is missed.
        m_bus.connect(avahi(), group->path, kEntryGroup, QStringLiteral("StateChanged"), this,
                      SLOT(onGroupStateChanged(QDBusMessage)));
        addService(group);
    });
}

void ServiceAdvertiser::addService(const std::shared_ptr<Group> &group)
{
    const HouseholdAdvert &advert = group->advert;
    const QDBusMessage add = avahiCall(group->path, kEntryGroup, "AddService",
                                       {kAnyInterface, kAnyProtocol, 0u, group->name, serviceType(), QString(), QString(),
                                        QVariant::fromValue(advert.port), txtVariant(advert.txtRecord())});
    callAsync(m_bus, add, this, [this, group](const QDBusMessage &reply) {
        if (!m_groups.contains(group))
            return;
        if (reply.type() == QDBusMessage::ErrorMessage && reply.errorName() == kCollisionError)
            return takeAlternativeName(group); // this daemon already has a service by that name
        if (reply.type() == QDBusMessage::ErrorMessage)
            return fail(reply.errorMessage());
        callAsync(m_bus, avahiCall(group->path, kEntryGroup, "Commit"), this, [this, group](const QDBusMessage &committed) {
            if (m_groups.contains(group) && committed.type() == QDBusMessage::ErrorMessage)
                fail(committed.errorMessage());
        });
    });
}

void ServiceAdvertiser::takeAlternativeName(const std::shared_ptr<Group> &group)
{
    callAsync(m_bus, avahiCall(QStringLiteral("/"), kServer, "GetAlternativeServiceName", {group->name}), this,
              [this, group](const QDBusMessage &reply) {
                  if (!m_groups.contains(group))
                      return;
                  if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
                      return fail(reply.errorMessage());
                  qCInfo(lcDnsSd) << "the name" << group->name << "is taken on the network; advertising as"
                                  << reply.arguments().constFirst().toString();
                  group->name = reply.arguments().constFirst().toString();
                  callAsync(m_bus, avahiCall(group->path, kEntryGroup, "Reset"), this, [this, group](const QDBusMessage &) {
                      if (m_groups.contains(group))
                          addService(group);
                  });
              });
}

void ServiceAdvertiser::onGroupStateChanged(const QDBusMessage &message)
{
    const auto found = std::find_if(m_groups.cbegin(), m_groups.cend(),
                                    [&](const auto &group) { return group->path == message.path(); });
    if (found == m_groups.cend() || message.arguments().isEmpty())
        return;
    const std::shared_ptr<Group> group = *found;
    group->state = message.arguments().constFirst().toInt();
    if (group->state == kGroupCollision)
        takeAlternativeName(group); // another device on the network uses this name
    else if (group->state == kGroupFailure)
        m_error = message.arguments().value(1).toString();
    updateState();
}

void ServiceAdvertiser::onServerStateChanged(int state, const QString &)
{
    // The daemon renamed this machine (a host name collision) and registers again: entry groups
    // made before are void, so they are made again once it runs.
    if (state == kServerRunning && m_wanted && m_state != State::Established)
        registerAll();
}

void ServiceAdvertiser::freeGroups()
{
    for (const auto &group : std::as_const(m_groups)) {
        if (group->path.isEmpty())
            continue;
        m_bus.disconnect(avahi(), group->path, kEntryGroup, QStringLiteral("StateChanged"), this,
                         SLOT(onGroupStateChanged(QDBusMessage)));
        // Sent without waiting: at exit too, the service leaves the network now rather than when
        // the daemon notices this connection is gone.
        m_bus.send(avahiCall(group->path, kEntryGroup, "Free"));
    }
    m_groups.clear();
}

void ServiceAdvertiser::fail(const QString &error)
{
    m_error = error;
    qCWarning(lcDnsSd) << "advertising failed:" << error;
    setState(State::Failed);
}

void ServiceAdvertiser::updateState()
{
    if (m_groups.isEmpty())
        return setState(m_wanted ? State::Unavailable : State::Off);
    bool established = true;
    for (const auto &group : std::as_const(m_groups)) {
        if (group->state == kGroupFailure)
            return setState(State::Failed);
        established = established && group->state == kGroupEstablished;
    }
    setState(established ? State::Established : State::Registering);
}

void ServiceAdvertiser::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

// ---------------------------------------------------------------------------------------------
// Browsing

QString FoundHousehold::address() const
{
    return ip + QLatin1Char(':') + QString::number(port);
}

HouseholdBrowser::HouseholdBrowser(const QDBusConnection &bus, QObject *parent)
    : QAbstractListModel(parent)
    , m_bus(bus)
{
    registerTypes();
}

HouseholdBrowser::~HouseholdBrowser()
{
    stop();
}

void HouseholdBrowser::start()
{
    if (m_starting || !m_browserPath.isEmpty())
        return;
    const QString unavailable = dnsSdUnavailableReason(m_bus);
    if (!unavailable.isEmpty())
        return setUnavailable(unavailable);
    // Avahi may announce the first services before ServiceBrowserNew returns the browser's path:
    // listen on every path first and keep what comes early.
    for (const char *signal : {"ItemNew", "ItemRemove", "Failure"})
        m_bus.connect(avahi(), QString(), kServiceBrowser, QString::fromLatin1(signal), this,
                      SLOT(onBrowserSignal(QDBusMessage)));
    m_starting = true;
    const QDBusMessage browse = avahiCall(QStringLiteral("/"), kServer, "ServiceBrowserNew",
                                          {kAnyInterface, kIPv4, serviceType(), QString(), 0u});
    callAsync(m_bus, browse, this, [this](const QDBusMessage &reply) {
        if (!std::exchange(m_starting, false))
            return; // stopped meanwhile
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
            return setUnavailable(reply.errorMessage());
        m_browserPath = reply.arguments().constFirst().value<QDBusObjectPath>().path();
        const QList<QDBusMessage> early = std::exchange(m_early, {});
        for (const QDBusMessage &message : early)
            if (message.path() == m_browserPath)
                handleBrowserSignal(message);
    });
}

void HouseholdBrowser::stop()
{
    for (const char *signal : {"ItemNew", "ItemRemove", "Failure"})
        m_bus.disconnect(avahi(), QString(), kServiceBrowser, QString::fromLatin1(signal), this,
                         SLOT(onBrowserSignal(QDBusMessage)));
    if (!m_browserPath.isEmpty())
        m_bus.send(avahiCall(m_browserPath, kServiceBrowser, "Free"));
    m_browserPath.clear();
    m_starting = false;
    m_early.clear();
}

void HouseholdBrowser::onBrowserSignal(const QDBusMessage &message)
{
    if (m_starting)
        m_early << message;
    else if (!m_browserPath.isEmpty() && message.path() == m_browserPath)
        handleBrowserSignal(message);
}

void HouseholdBrowser::handleBrowserSignal(const QDBusMessage &message)
{
    const QVariantList arguments = message.arguments();
    if (message.member() == QLatin1String("Failure"))
        return setUnavailable(arguments.value(0).toString());
    if (arguments.size() < 5)
        return;
    const QString name = arguments.at(2).toString();
    if (message.member() == QLatin1String("ItemNew"))
        resolve(arguments.at(0).toInt(), name, arguments.at(4).toString());
    else if (message.member() == QLatin1String("ItemRemove"))
        remove(name);
}

void HouseholdBrowser::resolve(int interfaceIndex, const QString &name, const QString &domain)
{
    const QDBusMessage call = avahiCall(QStringLiteral("/"), kServer, "ResolveService",
                                        {interfaceIndex, kIPv4, name, serviceType(), domain, kIPv4, 0u});
    callAsync(m_bus, call, this, [this, name](const QDBusMessage &reply) {
        const QVariantList answer = reply.arguments();
        if (reply.type() != QDBusMessage::ReplyMessage || answer.size() < 10) {
            qCInfo(lcDnsSd) << "could not resolve" << name << reply.errorMessage();
            return;
        }
        FoundHousehold found;
        found.serviceName = name;
        found.householdName = name;
        found.hostName = answer.at(5).toString();
        found.ip = answer.at(7).toString();
        found.port = quint16(answer.at(8).toUInt());
        static const QRegularExpression wholeFingerprint(QStringLiteral("^[0-9a-f]{64}$"));
        found.txt = qdbus_cast<QList<QByteArray>>(answer.at(9));
        for (const QByteArray &entry : std::as_const(found.txt)) {
            const qsizetype equals = entry.indexOf('=');
            if (equals <= 0)
                continue;
            const QByteArray key = entry.left(equals).toLower();
            const QString value = QString::fromUtf8(entry.mid(equals + 1));
            if (key == "name" && !value.trimmed().isEmpty())
                found.householdName = value.trimmed();
            else if (key == "id")
                found.householdId = value;
            else if (key == "fp" && wholeFingerprint.match(value.toLower()).hasMatch())
                found.fingerprint = value.toLower();
        }
        add(found);
    });
}

void HouseholdBrowser::add(const FoundHousehold &found)
{
    const auto same = std::find_if(m_found.begin(), m_found.end(),
                                   [&](const FoundHousehold &known) { return known.serviceName == found.serviceName; });
    if (same != m_found.end()) {
        *same = found;
        const QModelIndex changed = index(int(same - m_found.begin()));
        Q_EMIT dataChanged(changed, changed);
        return;
    }
    // Sorted by name, so the list does not reorder itself under the pointer as answers come.
    const auto at = std::lower_bound(m_found.begin(), m_found.end(), found, [](const auto &a, const auto &b) {
        return a.householdName.localeAwareCompare(b.householdName) < 0;
    });
    const int row = int(at - m_found.begin());
    beginInsertRows(QModelIndex(), row, row);
    m_found.insert(row, found);
    endInsertRows();
}

void HouseholdBrowser::remove(const QString &name)
{
    for (int row = 0; row < m_found.size(); ++row) {
        if (m_found.at(row).serviceName != name)
            continue;
        beginRemoveRows(QModelIndex(), row, row);
        m_found.removeAt(row);
        endRemoveRows();
        return;
    }
}

void HouseholdBrowser::setUnavailable(const QString &reason)
{
    qCInfo(lcDnsSd) << "households on the network cannot be listed:" << reason;
    m_unavailableReason = reason;
    if (std::exchange(m_available, false))
        Q_EMIT availabilityChanged(false);
}

int HouseholdBrowser::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_found.size());
}

QVariant HouseholdBrowser::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FoundHousehold &found = m_found.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 — %2").arg(found.householdName, found.address());
    case Qt::ToolTipRole:
        return found.hostName.isEmpty() ? found.address() : found.hostName + QStringLiteral(" (") + found.address() + QLatin1Char(')');
    case HouseholdNameRole:
        return found.householdName;
    case AddressRole:
        return found.address();
    case FingerprintRole:
        return found.fingerprint;
    case HouseholdIdRole:
        return found.householdId;
    case ServiceNameRole:
        return found.serviceName;
    default:
        return {};
    }
}

QHash<int, QByteArray> HouseholdBrowser::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(HouseholdNameRole, "householdName");
    names.insert(AddressRole, "address");
    names.insert(FingerprintRole, "fingerprint");
    names.insert(HouseholdIdRole, "householdId");
    names.insert(ServiceNameRole, "serviceName");
    return names;
}

} // namespace hearth
