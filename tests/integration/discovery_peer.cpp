// hearth-discovery-peer: one copy of the app's own code in a network namespace, for tst_discovery.
// It talks to whichever system bus DBUS_SYSTEM_BUS_ADDRESS names (the namespace's own) and prints
// what happens as JSON lines.
//
//   hearth-discovery-peer host --data DIR --household NAME
//       hosts like File ▸ Host This Household (HouseholdSession::startHosting on every network,
//       advertised through Avahi), makes an invite code; prints {"hosting":…}, {"advertised":…},
//       {"pantry": name} for every item that arrives; "stop" on stdin stops hosting, "rename NAME"
//       renames the household.
//   hearth-discovery-peer join --data DIR --code CODE --name NAME --item ITEM
//       opens the real Join dialog (offscreen), waits for a household in its list, picks it, types
//       the code, compares the security codes the way a person would (against --expect-code), joins
//       through HouseholdSession::join and adds ITEM to the pantry; prints each step.
//   hearth-discovery-peer browse
//       lists what HouseholdBrowser finds and loses: {"found": {...}}, {"lost": name}.

#include "Clock.h"
#include "DnsSd.h"
#include "HouseholdData.h"
#include "HouseholdSession.h"
#include "JoinDialog.h"
#include "PantryModel.h"
#include "Store.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSocketNotifier>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <unistd.h>

using namespace hearth;

namespace {

void print(const QJsonObject &object)
{
    std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

QString option(const QStringList &args, const QString &name)
{
    const qsizetype at = args.indexOf(QStringLiteral("--") + name);
    return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : QString();
}

HouseholdSession::Options sessionOptions(const QString &dataDir, const QString &owner)
{
    HouseholdSession::Options options;
    options.dataDir = dataDir;
    options.household.ownerName = owner;
    options.household.currency = QStringLiteral("EUR");
    options.followSystem = false;
    options.useKeychain = false;
    return options;
}

QJsonObject describe(const FoundHousehold &found)
{
    QJsonArray txt;
    for (const QByteArray &entry : found.txt)
        txt.append(QString::fromUtf8(entry));
    return {{QStringLiteral("service"), found.serviceName},     {QStringLiteral("name"), found.householdName},
            {QStringLiteral("id"), found.householdId},          {QStringLiteral("fp"), found.fingerprint},
            {QStringLiteral("address"), found.address()},       {QStringLiteral("txt"), txt}};
}

int host(const QStringList &args, Store &store, const Clock &clock)
{
    static HouseholdSession session(store, clock, sessionOptions(option(args, QStringLiteral("data")), QStringLiteral("Jordan")));
    QString error;
    if (!session.open(&error))
        return print({{QStringLiteral("error"), error}}), 1;
    session.data().household.apply(session.data().household.renameMutation(option(args, QStringLiteral("household"))));
    QObject::connect(&session, &HouseholdSession::advertisingChanged, &session, [] {
        print({{QStringLiteral("advertised"), session.isAdvertised()}});
    });
    QObject::connect(&session.data().pantry, &QAbstractItemModel::rowsInserted, &session, [](const QModelIndex &, int first, int last) {
        for (int row = first; row <= last; ++row)
            print({{QStringLiteral("pantry"), session.data().pantry.at(row).name}});
    });
    if (!session.startHosting(0, &error, QHostAddress::AnyIPv4))
        return print({{QStringLiteral("error"), error}}), 1;
    const QString code = session.createInviteCode(&error);
    print({{QStringLiteral("hosting"), int(session.hostPort())},
           {QStringLiteral("household_id"), session.engine().householdId()},
           {QStringLiteral("fingerprint"), session.hostFingerprint()},
           {QStringLiteral("security_code"), session.hostCertificateCode()},
           {QStringLiteral("invite_code"), code}});
    static QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &input, [] {
        char buffer[64];
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got <= 0) {
            input.setEnabled(false);
            return;
        }
        const QByteArray command = QByteArray(buffer, int(got)).trimmed();
        if (command == "stop") {
            session.stopHosting();
            print({{QStringLiteral("stopped"), true}});
        } else if (command.startsWith("rename ")) {
            session.data().household.apply(session.data().household.renameMutation(QString::fromUtf8(command.mid(7))));
            print({{QStringLiteral("renamed"), session.data().household.household().name}});
        }
    });
    return QCoreApplication::exec();
}

int join(const QStringList &args, Store &store, const Clock &clock)
{
    static HouseholdSession session(store, clock, sessionOptions(option(args, QStringLiteral("data")), QStringLiteral("Sam")));
    QString error;
    if (!session.open(&error))
        return print({{QStringLiteral("error"), error}}), 1;
    static const QString code = option(args, QStringLiteral("code"));
    static const QString expected = option(args, QStringLiteral("expect-code"));
    static const QString itemName = option(args, QStringLiteral("item"));
    static QElapsedTimer opened;
    auto *dialog = new JoinDialog(option(args, QStringLiteral("name")), QString());
    opened.start();
    dialog->show();
    print({{QStringLiteral("discovery"), dialog->discoveryText()}});
    // The first household listed: picked, as a click on it would.
    QObject::connect(&dialog->browser(), &QAbstractItemModel::rowsInserted, dialog, [dialog] {
        if (!dialog->address().isEmpty())
            return;
        print({{QStringLiteral("found"), describe(dialog->browser().at(0))}, {QStringLiteral("ms"), opened.elapsed()}});
        dialog->pickFound(0);
        dialog->findChild<QLineEdit *>(QStringLiteral("inviteCodeEdit"))->setText(code);
        print({{QStringLiteral("address"), dialog->address()}});
        dialog->accept(); // Join: reaches the host, shows its security code
    });
    // The comparison a person makes: the security code on this screen against the host's.
    static QTimer confirming;
    confirming.setInterval(20);
    QObject::connect(&confirming, &QTimer::timeout, dialog, [dialog] {
        if (!dialog->errorText().isEmpty()) {
            print({{QStringLiteral("error"), dialog->errorText()}});
            QCoreApplication::exit(3);
        }
        if (!dialog->isConfirming())
            return;
        confirming.stop();
        print({{QStringLiteral("security_code"), dialog->securityCode()}});
        if (dialog->securityCode() != expected) {
            dialog->findChild<QPushButton *>(QStringLiteral("differButton"))->click();
            print({{QStringLiteral("error"), QStringLiteral("the security codes differ")}});
            QCoreApplication::exit(4);
            return;
        }
        dialog->accept(); // They match: the invite code goes to that certificate
    });
    confirming.start();
    QObject::connect(dialog, &QDialog::accepted, dialog, [dialog] {
        QString joinError;
        if (!session.join(dialog->result(), &joinError)) {
            print({{QStringLiteral("error"), joinError}});
            QCoreApplication::exit(5);
            return;
        }
        print({{QStringLiteral("joined"), dialog->result().householdName}});
        // Once the household has arrived (the first sync), an edit as a member would make one.
        static QTimer synced;
        static bool added = false;
        synced.setInterval(50);
        QObject::connect(&synced, &QTimer::timeout, &session, [] {
            if (session.status().state() != ConnectionStatus::State::Connected)
                return;
            if (!std::exchange(added, true)) {
                PantryItem item;
                item.name = itemName;
                item.unit = QStringLiteral("l");
                const MutationResult result = session.data().pantry.apply(session.data().pantry.addMutation(item));
                if (!result.ok) {
                    print({{QStringLiteral("error"), result.error.message}});
                    QCoreApplication::exit(6);
                }
                return;
            }
            if (session.status().pendingChanges() != 0)
                return;
            synced.stop();
            print({{QStringLiteral("synced"), true}});
        });
        synced.start();
    });
    return QCoreApplication::exec();
}

int browse()
{
    static HouseholdBrowser browser;
    QObject::connect(&browser, &QAbstractItemModel::rowsInserted, &browser, [](const QModelIndex &, int first, int last) {
        for (int row = first; row <= last; ++row)
            print({{QStringLiteral("found"), describe(browser.at(row))}});
    });
    QObject::connect(&browser, &QAbstractItemModel::rowsAboutToBeRemoved, &browser, [](const QModelIndex &, int first, int last) {
        for (int row = first; row <= last; ++row)
            print({{QStringLiteral("lost"), browser.at(row).serviceName}});
    });
    QObject::connect(&browser, &HouseholdBrowser::availabilityChanged, &browser, [] {
        print({{QStringLiteral("unavailable"), browser.unavailableReason()}});
    });
    browser.start();
    print({{QStringLiteral("browsing"), browser.isAvailable()}});
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setQuitOnLastWindowClosed(false); // the Join dialog closes once paired; the copy goes on
    const QStringList args = QCoreApplication::arguments();
    const QString mode = args.value(1);
    if (mode == QLatin1String("browse")) {
        const int code = browse();
        std::fflush(stdout);
        ::_exit(code);
    }
    const QString dataDir = option(args, QStringLiteral("data"));
    QString error;
    if (dataDir.isEmpty() || !QDir().mkpath(dataDir))
        return print({{QStringLiteral("error"), QStringLiteral("--data DIR")}}), 2;
    const std::unique_ptr<Store> store = Store::open(QDir(dataDir).filePath(QStringLiteral("hearth.db")), &error);
    if (!store)
        return print({{QStringLiteral("error"), error}}), 1;
    SystemClock clock;
    int code = 2;
    if (mode == QLatin1String("host"))
        code = host(args, *store, clock);
    else if (mode == QLatin1String("join"))
        code = join(args, *store, clock);
    else
        print({{QStringLiteral("error"), QStringLiteral("host, join or browse")}});
    // The sessions live in statics (the lambdas above reach them); leave without destroying them
    // after the application and the store they need.
    std::fflush(stdout);
    ::_exit(code);
}
