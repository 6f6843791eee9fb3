#pragma once

#include "Clock.h"
#include "HouseholdData.h"
#include "HouseholdSession.h"
#include "PairingClient.h"
#include "Store.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <optional>

namespace hearth::test {

// The options a test's copy of the app runs its household session with: data in `dataDir`, the
// owner `owner` on a first start, no system hooks, the sign-in in a private file in the test folder
// (never the developer's keyring), and a quick, fixed reconnect backoff.
inline HouseholdSession::Options sessionOptions(const QString &dataDir, const QString &owner)
{
    using namespace std::chrono_literals;
    HouseholdSession::Options options;
    options.dataDir = dataDir;
    options.household.ownerName = owner;
    options.household.currency = QStringLiteral("EUR");
    options.followSystem = false;
    options.useKeychain = false;
    options.sync.backoff = {20ms, 50ms, 100ms};
    options.sync.random = [] { return 1.0; };
    return options;
}

// One copy of the app, headless: its data folder, store and session, and the notices it showed.
class SessionCopy
{
public:
    explicit SessionCopy(const QString &owner)
    {
        QString error;
        store = Store::open(QDir(dir.path()).filePath(QStringLiteral("hearth.db")), &error);
        if (!store)
            qFatal("no store: %s", qPrintable(error));
        session = std::make_unique<HouseholdSession>(*store, clock, sessionOptions(dir.path(), owner));
        QObject::connect(session.get(), &HouseholdSession::notice, session.get(), [this](const QString &text) { notices.append(text); });
    }

    HouseholdData &data() const { return session->data(); }
    MutationResult add(Collection collection, const QJsonObject &fields) const
    {
        return data().modelFor(collection)->create(fields);
    }

    QTemporaryDir dir;
    SystemClock clock;
    std::unique_ptr<Store> store;
    std::unique_ptr<HouseholdSession> session;
    QStringList notices;
};

// Pairs a device with `host` (hosting on loopback) using `code`, as a person would: the address
// typed, the security code accepted. The result to join() with; nothing and *failure otherwise.
inline std::optional<PairingClient::Result> pairWith(HouseholdSession &host, const QString &code, const QString &name,
                                                     QString *failure)
{
    const auto url = PairingClient::hostUrlFromAddress(QStringLiteral("127.0.0.1:%1").arg(host.hostPort()), failure);
    if (!url)
        return std::nullopt;
    PairingClient client;
    std::optional<PairingClient::Result> result;
    QObject::connect(&client, &PairingClient::paired, &client, [&](const PairingClient::Result &paired) { result = paired; });
    QObject::connect(&client, &PairingClient::failed, &client, [&](const QString &reason) { *failure = reason; });
    QObject::connect(&client, &PairingClient::hostSeen, &client, [&client] { client.confirm(); });
    client.start(*url, {code, name, name + QStringLiteral("'s device"), QString()});
    if (!QTest::qWaitFor([&] { return result || !failure->isEmpty(); }, 10000) && failure->isEmpty())
        *failure = QStringLiteral("no answer from the host");
    return result;
}

} // namespace hearth::test
