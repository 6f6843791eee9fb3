#include "LocalHousehold.h"

#include "AuthoritativeEngine.h"
#include "DemoData.h"
#include "Store.h"

#include <QCoreApplication>
#include <QLocale>

namespace hearth::LocalHousehold {

namespace {
const QString kHouseholdKey = QStringLiteral("local_household_id");
const QString kMemberKey = QStringLiteral("local_member_id");
} // namespace

QString householdId(const Store &store)
{
    return store.metaValue(kHouseholdKey);
}

bool remember(Store &store, const QString &householdId, const QString &memberId)
{
    StoreTransaction tx(store);
    return store.setMetaValue(kHouseholdKey, householdId) && store.setMetaValue(kMemberKey, memberId) && tx.commit();
}

QString defaultCurrency()
{
    const QString code = QLocale::system().currencySymbol(QLocale::CurrencyIsoCode);
    return code.size() == 3 ? code : QStringLiteral("EUR");
}

std::unique_ptr<AuthoritativeEngine> openOrCreate(Store &store, const Clock &clock, const Options &options,
                                                  bool *created, QString *error)
{
    if (created)
        *created = false;
    const QString householdId = store.metaValue(kHouseholdKey);
    if (!householdId.isEmpty()) {
        auto engine = std::make_unique<AuthoritativeEngine>(store, clock, householdId, store.metaValue(kMemberKey));
        if (!engine->entity(Collection::Household, householdId)) {
            if (error)
                *error = QCoreApplication::translate("LocalHousehold", "The data file names a household it does not contain.");
            return nullptr;
        }
        return engine;
    }

    StoreTransaction tx(store);
    auto engine = AuthoritativeEngine::createHousehold(
        store, clock, QCoreApplication::translate("LocalHousehold", "My household"),
        options.currency.isEmpty() ? defaultCurrency() : options.currency, 60000,
        options.ownerName.isEmpty() ? QCoreApplication::translate("LocalHousehold", "Me") : options.ownerName, error);
    if (!engine)
        return nullptr;
    if (options.fillDemo && !DemoData::populate(*engine, clock, error))
        return nullptr;
    if (!store.setMetaValue(kHouseholdKey, engine->householdId()) || !store.setMetaValue(kMemberKey, engine->actingMemberId())
        || !tx.commit()) {
        if (error)
            *error = QCoreApplication::translate("LocalHousehold", "The new household could not be saved.");
        return nullptr;
    }
    if (created)
        *created = true;
    return engine;
}

} // namespace hearth::LocalHousehold
