// The kitchen display end to end, headless: a copy of the app hosting the household and a second
// copy joined as an adult's display. Whoever picks themselves on either is who the edits are made
// as, and the other copy's notices name them ("Mia bought Milk"). A display paired by a child
// cannot switch to anyone else.

#include "BoardModels.h"
#include "HouseholdData.h"
#include "HouseholdSession.h"
#include "SessionTestSupport.h"

#include <QTest>

using namespace hearth;

using Copy = test::SessionCopy;

class tst_KioskActing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thePickedMemberIsNamedOnEveryDevice()
    {
        Copy host(QStringLiteral("Alex"));
        Copy kitchen(QStringLiteral("Kitchen"));
        Copy tablet(QStringLiteral("Leo"));
        QString error;
        for (Copy *copy : {&host, &kitchen, &tablet}) {
            QVERIFY2(copy->session->open(&error), qPrintable(error));
            copy->session->start();
        }
        QVERIFY2(host.session->startHosting(0, &error, QHostAddress::LocalHost), qPrintable(error));
        const QString alex = host.session->engine().actingMemberId();
        const MutationResult mia = host.data().members.create({{QStringLiteral("name"), QStringLiteral("Mia")},
                                                               {QStringLiteral("role"), QStringLiteral("child")}});
        QVERIFY(mia.ok);
        BoardCard milk;
        milk.title = QStringLiteral("Milk");
        const MutationResult card = host.data().cards.apply(host.data().cards.addMutation(host.data().columns.records().first().id, milk));
        QVERIFY2(card.ok, qPrintable(card.error.message));

        // The kitchen display joins as an adult, the child's tablet as a child.
        for (auto [copy, role] : {std::pair{&kitchen, Permissions::kAdult}, std::pair{&tablet, Permissions::kChild}}) {
            const QString code = host.session->createInviteCode(&error, role);
            QVERIFY2(!code.isEmpty(), qPrintable(error));
            const auto paired = test::pairWith(*host.session, code, role == Permissions::kAdult ? QStringLiteral("Kitchen") : QStringLiteral("Leo"), &error);
            QVERIFY2(paired, qPrintable(error));
            QVERIFY2(copy->session->join(*paired, &error), qPrintable(error));
            QTRY_VERIFY(copy->data().members.find(mia.entityId) && copy->data().cards.find(card.entityId));
        }

        // Mia picks herself on the kitchen display and ticks Milk off: the host names her.
        QVERIFY2(kitchen.session->actAs(mia.entityId, &error), qPrintable(error));
        QCOMPARE(kitchen.session->memberName(), QStringLiteral("Mia"));
        QVERIFY(kitchen.data().cards.apply(kitchen.data().cards.doneMutation(card.entityId, true)).ok);
        QTRY_VERIFY2(host.notices.contains(QStringLiteral("Mia bought Milk")), qPrintable(host.notices.join(u'|')));
        QTRY_VERIFY2(tablet.notices.contains(QStringLiteral("Mia bought Milk")), qPrintable(tablet.notices.join(u'|')));
        // With a child's rights: Milk stays on the list.
        QCOMPARE(kitchen.data().cards.remove(card.entityId).error.code, QStringLiteral("forbidden"));

        // The child's own tablet cannot become anyone else.
        QVERIFY(!tablet.session->actAs(alex, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(tablet.session->memberName(), QStringLiteral("Leo"));

        // Mia at the hosting copy: her edits there are hers as well.
        QVERIFY(host.session->actAs(mia.entityId, &error));
        QVERIFY(host.data().pantry.create({{QStringLiteral("name"), QStringLiteral("Bread")}}).ok);
        QTRY_VERIFY2(tablet.notices.contains(QStringLiteral("Mia added Bread to the pantry")), qPrintable(tablet.notices.join(u'|')));
        // And a child at the host cannot invite anyone.
        QVERIFY(host.session->createInviteCode(&error).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_KioskActing)
#include "tst_kioskacting.moc"
