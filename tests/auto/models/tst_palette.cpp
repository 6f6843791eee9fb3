// Colours that can be told apart: members who join without one, and budget categories.

#include "AuthoritativeEngine.h"
#include "Palette.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QTest>

using namespace hearth;
using hearth::test::TempHousehold;

namespace {

// What two swatches side by side need to read as different colours (see Palette.cpp).
constexpr double kDistinct = 0.12;

double closestPair(const QStringList &colors)
{
    double closest = 10;
    for (int i = 0; i < colors.size(); ++i)
        for (int j = i + 1; j < colors.size(); ++j)
            closest = std::min(closest, palette::distance(colors.at(i), colors.at(j)));
    return closest;
}

} // namespace

class tst_Palette : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void distanceIsPerceptual();
    void candidatesAreDistinct();
    void mostDistinctKeepsAwayFromWhatIsInUse();
    void categoriesAreDistinctAndStable();
    void categoriesAvoidTheStatusColours();
    void membersWhoJoinGetDistinctColours();
    void aChosenColourIsKept();
};

void tst_Palette::distanceIsPerceptual()
{
    QCOMPARE(palette::distance(QStringLiteral("#2563eb"), QStringLiteral("#2563eb")), 0.0);
    QVERIFY(qAbs(palette::distance(QStringLiteral("#000000"), QStringLiteral("#ffffff")) - 1.0) < 0.01);
    // The two cyans the budget chart used to give Utilities and the next category.
    QVERIFY(palette::distance(QStringLiteral("#0ea5e9"), QStringLiteral("#38bdf8")) < kDistinct);
    QVERIFY(palette::distance(QStringLiteral("#2563eb"), QStringLiteral("#db2777")) > 0.25);
}

void tst_Palette::candidatesAreDistinct()
{
    // The first twelve are the ones a household meets; each one far from every other.
    QVERIFY2(closestPair(palette::candidates().mid(0, 12)) >= kDistinct,
             qPrintable(QString::number(closestPair(palette::candidates().mid(0, 12)))));
    QCOMPARE(palette::candidates().size(), QSet<QString>(palette::candidates().begin(), palette::candidates().end()).size());
}

void tst_Palette::mostDistinctKeepsAwayFromWhatIsInUse()
{
    QStringList inUse = {QStringLiteral("#3b82f6")}; // the blue every hearthd member used to get
    for (int i = 0; i < 9; ++i)
        inUse.append(palette::mostDistinct(inUse));
    QVERIFY2(closestPair(inUse) >= kDistinct, qPrintable(inUse.join(u' ')));
    QVERIFY(palette::distance(inUse.at(1), QStringLiteral("#3b82f6")) > 0.2);
}

void tst_Palette::categoriesAreDistinctAndStable()
{
    const QStringList before = {QStringLiteral("Groceries"), QStringLiteral("Utilities"), QStringLiteral("Eating out"),
                                QStringLiteral("Transport"), QStringLiteral("Kids"),      QStringLiteral("Health")};
    const QHash<QString, QString> colors = palette::assign(before);
    QCOMPARE(colors.size(), before.size());
    QVERIFY2(closestPair(colors.values()) >= kDistinct, qPrintable(colors.values().join(u' ')));

    // A new category is far from every colour in use, and the others keep theirs.
    const QHash<QString, QString> after = palette::assign(before + QStringList{QStringLiteral("Zoo trip")});
    for (const QString &name : before)
        QCOMPARE(after.value(name), colors.value(name));
    QVERIFY(closestPair(after.values()) >= kDistinct);

    // The same names in any order give the same colours.
    QStringList shuffled = before;
    std::reverse(shuffled.begin(), shuffled.end());
    QCOMPARE(palette::assign(shuffled), colors);
}

void tst_Palette::categoriesAvoidTheStatusColours()
{
    const QStringList status = {QStringLiteral("#16a34a"), QStringLiteral("#d97706"), QStringLiteral("#dc2626")};
    QStringList names;
    for (int i = 0; i < 10; ++i)
        names.append(QStringLiteral("Category %1").arg(i));
    const QHash<QString, QString> colors = palette::assign(names, status);
    for (const QString &color : colors)
        for (const QString &s : status)
            QVERIFY2(palette::distance(color, s) >= kDistinct, qPrintable(color + u' ' + s));
}

void tst_Palette::membersWhoJoinGetDistinctColours()
{
    TempHousehold home;
    QVERIFY2(home.isValid(), qPrintable(home.error()));
    AuthoritativeEngine &engine = home.engine();
    for (const QString &name : {QStringLiteral("Maria"), QStringLiteral("Jordan"), QStringLiteral("Sam"), QStringLiteral("Mia")}) {
        const MutationResult r = engine.submit(
            {{}, Collection::Members, MutationOp::Create, {}, -1, {{QStringLiteral("name"), name}}});
        QVERIFY2(r.ok, qPrintable(r.error.message));
    }
    QStringList colors;
    for (const QJsonValue &row : engine.snapshot(Collection::Members))
        colors.append(row.toObject().value(QLatin1String("color")).toString());
    QCOMPARE(colors.size(), 5); // the household's first member and the four who joined
    QVERIFY2(closestPair(colors) >= kDistinct, qPrintable(colors.join(u' ')));
}

void tst_Palette::aChosenColourIsKept()
{
    TempHousehold home;
    QVERIFY2(home.isValid(), qPrintable(home.error()));
    const MutationResult r = home.engine().submit({{}, Collection::Members, MutationOp::Create, {}, -1,
                                                   {{QStringLiteral("name"), QStringLiteral("Sam")},
                                                    {QStringLiteral("color"), QStringLiteral("#123456")}}});
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(home.engine().entity(Collection::Members, r.entityId)->value(QLatin1String("color")).toString(),
             QStringLiteral("#123456"));
}

QTEST_GUILESS_MAIN(tst_Palette)
#include "tst_palette.moc"
