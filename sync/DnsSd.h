#pragma once

#include <QAbstractListModel>
#include <QByteArray>
#include <QDBusConnection>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QDBusMessage;
class QDBusServiceWatcher;

namespace hearth {

// Finding a household's host on the local network with no typing: DNS-SD (mDNS) through the
// system's Avahi daemon, spoken to over its D-Bus API with QtDBus (docs/architecture.md says why).
// A host advertises one `_hearth._tcp` service per household; a joining device browses for them
// and resolves each to an address. Nothing here is trusted: anyone on the network can advertise,
// so a found household only fills in what a person would otherwise type, and the security-code
// comparison still decides (docs/security.md).
namespace dnssd {
inline constexpr char kServiceType[] = "_hearth._tcp";
inline constexpr char kAvahiService[] = "org.freedesktop.Avahi";
} // namespace dnssd

// One household as advertised. The TXT record carries only what anyone on the network may see:
// its name, its id and the host certificate's fingerprint (never an invite code or a token).
struct HouseholdAdvert
{
    QString householdId;
    QString householdName;
    QString fingerprint; // all of the certificate's SHA-256, hex (what a join link's fp carries)
    quint16 port = 0;

    // "txtvers=1", "name=…", "id=…", "fp=…" (each at most 255 bytes, as DNS-SD allows).
    QList<QByteArray> txtRecord() const;
    // The service's instance name: the household's name, cut to DNS's 63 bytes.
    QString serviceName() const;

    bool operator==(const HouseholdAdvert &) const = default;
};

// Advertises households through Avahi while it lives (or until withdraw()). A name another
// device already uses is replaced by Avahi's alternative ("The Smiths #2"); the adverts come back
// when the daemon restarts. Without a system bus or an Avahi daemon it does nothing and says so.
class ServiceAdvertiser final : public QObject
{
    Q_OBJECT

public:
    enum class State { Off, Registering, Established, Unavailable, Failed };
    Q_ENUM(State)

    explicit ServiceAdvertiser(const QDBusConnection &bus = QDBusConnection::systemBus(), QObject *parent = nullptr);
    ~ServiceAdvertiser() override;

    void advertise(const QList<HouseholdAdvert> &adverts);
    void withdraw();

    State state() const { return m_state; }
    QString errorString() const { return m_error; }
    // The names the services went out under (after a collision, Avahi's alternative).
    QStringList serviceNames() const;

Q_SIGNALS:
    void stateChanged(hearth::ServiceAdvertiser::State state);

private Q_SLOTS:
    void onGroupStateChanged(const QDBusMessage &message);
    void onServerStateChanged(int state, const QString &error);

private:
    struct Group
    {
        HouseholdAdvert advert;
        QString name;
        QString path;
        int state = -1;
    };
    void registerAll();
    void registerGroup(const std::shared_ptr<Group> &group);
    void addService(const std::shared_ptr<Group> &group);
    void takeAlternativeName(const std::shared_ptr<Group> &group);
    void freeGroups();
    void fail(const QString &error);
    void setState(State state);
    void updateState();

    QDBusConnection m_bus;
    QList<HouseholdAdvert> m_adverts;
    QList<std::shared_ptr<Group>> m_groups;
    QDBusServiceWatcher *m_watcher;
    State m_state = State::Off;
    QString m_error;
    bool m_wanted = false;
};

// One household found on the network, resolved to an address.
struct FoundHousehold
{
    QString serviceName;
    QString householdName; // the TXT name (the service name when the TXT has none)
    QString householdId;
    QString fingerprint;   // as advertised: lower-case hex, empty when absent or malformed
    QString hostName;      // "kitchen.local"
    QString ip;            // "192.168.1.20"
    quint16 port = 0;
    QList<QByteArray> txt; // the whole TXT record, as advertised

    // What the Join dialog's address field takes: "192.168.1.20:8765".
    QString address() const;
};

// The households advertised on the local network, as a list model: browses `_hearth._tcp`
// through Avahi and resolves each service (IPv4) as it appears; a service that goes away leaves
// the list. Without a system bus or an Avahi daemon the list stays empty and isAvailable() is
// false, with the reason in unavailableReason().
class HouseholdBrowser final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        HouseholdNameRole = Qt::UserRole + 1,
        AddressRole,
        FingerprintRole,
        HouseholdIdRole,
        ServiceNameRole,
    };
    Q_ENUM(Role)

    explicit HouseholdBrowser(const QDBusConnection &bus = QDBusConnection::systemBus(), QObject *parent = nullptr);
    ~HouseholdBrowser() override;

    void start();
    void stop();
    bool isAvailable() const { return m_available; }
    QString unavailableReason() const { return m_unavailableReason; }
    const FoundHousehold &at(int row) const { return m_found.at(row); }
    // Puts a household in the list (or updates the one of that service name), in name order.
    // Resolved services come this way; screenshots use it too.
    void add(const FoundHousehold &found);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void availabilityChanged(bool available);

private Q_SLOTS:
    void onBrowserSignal(const QDBusMessage &message);

private:
    void handleBrowserSignal(const QDBusMessage &message);
    void resolve(int interfaceIndex, const QString &name, const QString &domain);
    void remove(const QString &name);
    void setUnavailable(const QString &reason);

    QDBusConnection m_bus;
    QString m_browserPath;
    bool m_starting = false;
    QList<QDBusMessage> m_early; // browser signals that came before its path was known
    QList<FoundHousehold> m_found;
    bool m_available = true;
    QString m_unavailableReason;
};

// Why DNS-SD cannot work on `bus` (no system bus, no Avahi daemon on it), in one sentence; empty
// when an Avahi daemon answers.
QString dnsSdUnavailableReason(const QDBusConnection &bus);

} // namespace hearth
