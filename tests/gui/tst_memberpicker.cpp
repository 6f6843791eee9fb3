// "Who's using Hearth?" (MemberPicker) and its PinPad, offscreen: every member gets a big tile
// (children too); a member without a PIN is chosen at once; one with a PIN gets the pad, where a
// wrong PIN shakes and says how many tries are left and too many lock it with a countdown, which
// ends when MemberPins' clock says so. With HEARTH_SHOTS_DIR set it also saves screenshots at
// 1366×768 and 1024×600.

#include "EditHistory.h"
#include "HouseholdData.h"
#include "HouseholdPage.h"
#include "HouseholdSession.h"
#include "MemberPicker.h"
#include "MemberPins.h"
#include "PinPad.h"
#include "ScriptedConfirmer.h"
#include "SessionTestSupport.h"
#include "Store.h"
#include "TestSupport.h"
#include "Theme.h"
#include "Translations.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QSignalSpy>
#include <QTest>

using namespace hearth;
using namespace std::chrono_literals;

namespace {
// Runs `answer` on the first modal dialog that opens while something blocks in exec().
void whenModalOpens(std::function<void(QWidget *)> answer)
{
    auto *poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, [poll, answer] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            poll->stop();
            poll->deleteLater();
            answer(modal);
        }
    });
    poll->start();
}

PinPolicy quickPolicy()
{
    PinPolicy policy;
    policy.iterations = 1000; // the hashing itself is tst_memberpins'
    return policy;
}
} // namespace

class tst_MemberPicker : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TempHousehold> m_home;
    std::unique_ptr<HouseholdData> m_data;
    std::unique_ptr<MemberPins> m_pins;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QString m_alex;
    QString m_mia;

    std::unique_ptr<MemberPicker> showPicker(QSize size = {1366, 768})
    {
        auto picker = std::make_unique<MemberPicker>(m_data->members, *m_pins);
        picker->resize(size);
        picker->show();
        if (!QTest::qWaitForWindowExposed(picker.get()))
            return nullptr;
        return picker;
    }

    static void tap(PinPad *pad, const QString &digits)
    {
        for (QChar digit : digits) {
            auto *key = pad->findChild<QPushButton *>(QStringLiteral("pinKey%1").arg(digit));
            QVERIFY(key);
            QTest::mouseClick(key, Qt::LeftButton);
        }
    }

private Q_SLOTS:
    void initTestCase() { installTranslations(*qApp); }

    void init()
    {
        qApp->setStyleSheet(Theme::styleSheet());
        m_home = std::make_unique<test::TempHousehold>();
        QVERIFY(m_home->isValid());
        m_data = std::make_unique<HouseholdData>(m_home->engine(), m_home->clock);
        m_data->load();
        m_tester = std::make_unique<QAbstractItemModelTester>(&m_data->members, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_pins = std::make_unique<MemberPins>(QString(), m_home->clock, quickPolicy());
        m_alex = m_home->engine().actingMemberId();
        const MutationResult mia = m_data->members.create({{QStringLiteral("name"), QStringLiteral("Mia Lee")},
                                                           {QStringLiteral("role"), QStringLiteral("child")}});
        QVERIFY(mia.ok);
        m_mia = mia.entityId;
    }

    void cleanup()
    {
        m_pins.reset();
        m_tester.reset();
        m_data.reset();
        m_home.reset();
    }

    void everyMemberHasABigTileAndAChildIsChosenAtOnce()
    {
        auto picker = showPicker();
        QVERIFY(picker);
        QCOMPARE(picker->title(), QStringLiteral("Who's using Hearth?"));
        QCOMPARE(picker->memberIds(), (QStringList{m_alex, m_mia}));
        for (const QString &id : picker->memberIds())
            QVERIFY(picker->tileFor(id)->isVisible());
        QAbstractButton *miaTile = picker->tileFor(m_mia);
        QVERIFY(miaTile->width() >= 120 && miaTile->height() >= 120);
        QCOMPARE(miaTile->text(), QStringLiteral("Mia Lee"));

        QSignalSpy chosen(picker.get(), &MemberPicker::memberChosen);
        QTest::mouseClick(miaTile, Qt::LeftButton);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), m_mia);
        QVERIFY(!picker->showsPinPad());

        // A new member gets a tile as soon as they are added; an adults-only picker leaves Mia out.
        QVERIFY(m_data->members.create({{QStringLiteral("name"), QStringLiteral("Sam")}}).ok);
        QCOMPARE(picker->memberIds().size(), 3);
        picker->setAdultsOnly(true);
        QVERIFY(!picker->memberIds().contains(m_mia));
    }

    void aPinIsAskedForWrongThenRight()
    {
        QVERIFY(m_pins->setPin(m_alex, QStringLiteral("1234")));
        auto picker = showPicker();
        QVERIFY(picker);
        QSignalSpy chosen(picker.get(), &MemberPicker::memberChosen);
        QTest::mouseClick(picker->tileFor(m_alex), Qt::LeftButton);
        QVERIFY(picker->showsPinPad());
        PinPad *pad = picker->pinPad();
        QVERIFY(pad->prompt().contains(QStringLiteral("Alex")));
        for (auto *key : pad->findChildren<QPushButton *>())
            QVERIFY2(key->width() >= 48 && key->height() >= 48, qPrintable(key->objectName()));

        tap(pad, QStringLiteral("12"));
        QCOMPARE(pad->enteredCount(), 2);
        QTest::mouseClick(pad->findChild<QPushButton *>(QStringLiteral("pinBackspace")), Qt::LeftButton);
        QCOMPARE(pad->enteredCount(), 1);
        tap(pad, QStringLiteral("999")); // 1999: wrong
        QCOMPARE(chosen.count(), 0);
        QVERIFY(picker->showsPinPad());
        QCOMPARE(pad->message(), QStringLiteral("That is not the right PIN. 4 attempts left."));
        QCOMPARE(pad->enteredCount(), 0);

        // Typed on a keyboard this time.
        QTest::keyClicks(pad, QStringLiteral("1234"));
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), m_alex);
        QVERIFY(!picker->showsPinPad());

        // "Someone else" goes back to the tiles without choosing.
        QTest::mouseClick(picker->tileFor(m_alex), Qt::LeftButton);
        QTest::mouseClick(picker->findChild<QPushButton *>(QStringLiteral("pickerBack")), Qt::LeftButton);
        QVERIFY(!picker->showsPinPad());
        QCOMPARE(chosen.count(), 1);
    }

    void tooManyWrongPinsLockThePad()
    {
        QVERIFY(m_pins->setPin(m_mia, QStringLiteral("2468")));
        auto picker = showPicker();
        QVERIFY(picker);
        QSignalSpy chosen(picker.get(), &MemberPicker::memberChosen);
        picker->pick(m_mia);
        PinPad *pad = picker->pinPad();
        for (int i = 0; i < 5; ++i)
            tap(pad, QStringLiteral("0000"));
        QVERIFY(pad->isLockedOut());
        QCOMPARE(pad->message(), QStringLiteral("Too many wrong tries. Try again in 1:00."));
        QVERIFY(!pad->findChild<QPushButton *>(QStringLiteral("pinKey2"))->isEnabled());
        // Not even the right PIN, typed, gets through.
        QTest::keyClicks(pad, QStringLiteral("2468"));
        QCOMPARE(chosen.count(), 0);

        // Leaving and coming back does not reset it.
        picker->reset();
        picker->pick(m_mia);
        QVERIFY(pad->isLockedOut());

        // The countdown follows MemberPins' clock.
        m_home->clock.setNow(m_home->clock.now().addSecs(45));
        QTRY_COMPARE(pad->message(), QStringLiteral("Too many wrong tries. Try again in 0:15."));
        m_home->clock.setNow(m_home->clock.now().addSecs(15));
        QTRY_VERIFY(!pad->isLockedOut());
        QVERIFY(pad->message().isEmpty());
        tap(pad, QStringLiteral("2468"));
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), m_mia);
    }

    // Household page: Set PIN… / Remove PIN… through the session's rules, in a Hearth dialog.
    void theHouseholdPageManagesPins()
    {
        QTemporaryDir dir;
        QString error;
        auto store = Store::open(QDir(dir.path()).filePath(QStringLiteral("hearth.db")), &error);
        QVERIFY2(store, qPrintable(error));
        HouseholdSession session(*store, m_home->clock, test::sessionOptions(dir.path(), QStringLiteral("Alex")));
        QVERIFY2(session.open(&error), qPrintable(error));
        const QString alex = session.engine().actingMemberId();
        const MutationResult mia = session.data().members.create({{QStringLiteral("name"), QStringLiteral("Mia")},
                                                                  {QStringLiteral("role"), QStringLiteral("child")}});
        QVERIFY(mia.ok);
        QUndoStack undo;
        EditHistory history(undo);
        test::ScriptedConfirmer confirmer;
        HouseholdPage page(session.data(), history, confirmer, nullptr);
        page.setMemberPins(&session.pins(), [&session](const QString &id, const QString &pin, const QString &actorPin) {
            return session.setMemberPin(id, pin, actorPin);
        });
        page.resize(1024, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *view = page.findChild<QListView *>(QStringLiteral("membersView"));
        auto *setPin = page.findChild<QPushButton *>(QStringLiteral("setPinButton"));
        auto *removePin = page.findChild<QPushButton *>(QStringLiteral("removePinButton"));
        QVERIFY(view && setPin && removePin);
        const auto select = [&](const QString &id) {
            view->setCurrentIndex(session.data().members.index(session.data().members.rowOf(id), 0));
        };

        // Alex (an adult, no PIN of his own) gives Mia one: twice the same four digits.
        select(mia.entityId);
        QVERIFY(setPin->isVisible() && setPin->isEnabled());
        QVERIFY(!removePin->isEnabled());
        whenModalOpens([](QWidget *dialog) {
            QVERIFY(!dialog->findChild<QLineEdit *>(QStringLiteral("actorPinEdit")));
            dialog->findChild<QLineEdit *>(QStringLiteral("pinEdit"))->setText(QStringLiteral("2468"));
            dialog->findChild<QLineEdit *>(QStringLiteral("pinRepeatEdit"))->setText(QStringLiteral("2460"));
            static_cast<FormDialog *>(dialog)->saveButton()->click();
            QCOMPARE(static_cast<FormDialog *>(dialog)->errorText(QStringLiteral("repeat")), QStringLiteral("The two PINs are not the same."));
            dialog->findChild<QLineEdit *>(QStringLiteral("pinRepeatEdit"))->setText(QStringLiteral("2468"));
            static_cast<FormDialog *>(dialog)->saveButton()->click();
        });
        setPin->click();
        QVERIFY(session.pins().hasPin(mia.entityId));
        QCOMPARE(session.pins().check(mia.entityId, QStringLiteral("2468")), MemberPins::PinCheck::Accepted);
        QVERIFY(removePin->isEnabled());
        QCOMPARE(setPin->text(), QStringLiteral("Change &PIN…"));

        // Once Alex has a PIN, removing Mia's asks for his.
        QVERIFY(session.setMemberPin(alex, QStringLiteral("1357"), {}).ok);
        whenModalOpens([](QWidget *dialog) {
            auto *actorPin = dialog->findChild<QLineEdit *>(QStringLiteral("actorPinEdit"));
            QVERIFY(actorPin);
            actorPin->setText(QStringLiteral("0000"));
            static_cast<FormDialog *>(dialog)->saveButton()->click();
            QCOMPARE(static_cast<FormDialog *>(dialog)->errorText(QStringLiteral("actor_pin")), QStringLiteral("That is not your PIN."));
            actorPin->setText(QStringLiteral("1357"));
            static_cast<FormDialog *>(dialog)->saveButton()->click();
        });
        removePin->click();
        QVERIFY(!session.pins().hasPin(mia.entityId));

        // Mia picked: her own PIN only.
        QVERIFY(session.actAs(mia.entityId, &error));
        select(alex);
        QVERIFY(setPin->isVisible());
        QVERIFY(!setPin->isEnabled() && !removePin->isEnabled());
        select(mia.entityId);
        QVERIFY(setPin->isEnabled());
    }

    void fitsTheScreensAndLooksRight_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1366x768") << QSize(1366, 768);
        QTest::newRow("1024x600") << QSize(1024, 600);
    }

    void fitsTheScreensAndLooksRight()
    {
        QFETCH(QSize, size);
        for (const char *name : {"Sam", "Jordan", "Noah", "Emma Rose", "Leo"})
            QVERIFY(m_data->members.create({{QStringLiteral("name"), QString::fromUtf8(name)},
                                            {QStringLiteral("role"), QString::fromLatin1(name[0] == 'N' || name[0] == 'L' ? "child" : "adult")}})
                        .ok);
        QVERIFY(m_pins->setPin(m_alex, QStringLiteral("1234")));
        auto picker = showPicker(size);
        QVERIFY(picker);
        QVERIFY(picker->minimumSizeHint().width() <= size.width());
        // Every tile in sight, none cut (seven people fit without scrolling).
        for (const QString &id : picker->memberIds()) {
            QAbstractButton *tile = picker->tileFor(id);
            QWidget *viewport = tile->parentWidget()->parentWidget();
            const QRect r(tile->mapTo(viewport, QPoint(0, 0)), tile->size());
            QVERIFY2(viewport->rect().contains(r), qPrintable(id));
        }
        const QString shots = qEnvironmentVariable("HEARTH_SHOTS_DIR");
        const QString suffix = QStringLiteral("-%1x%2.png").arg(size.width()).arg(size.height());
        if (!shots.isEmpty())
            QVERIFY(picker->grab().save(QDir(shots).filePath(QStringLiteral("member-picker") + suffix)));

        picker->pick(m_alex);
        tap(picker->pinPad(), QStringLiteral("00"));
        QVERIFY(picker->minimumSizeHint().height() <= size.height());
        for (auto *key : picker->pinPad()->findChildren<QPushButton *>()) {
            const QRect r(key->mapTo(picker.get(), QPoint(0, 0)), key->size());
            QVERIFY2(picker->rect().contains(r), qPrintable(key->objectName()));
        }
        if (!shots.isEmpty())
            QVERIFY(picker->grab().save(QDir(shots).filePath(QStringLiteral("pin-pad") + suffix)));
    }
};

QTEST_MAIN(tst_MemberPicker)
#include "tst_memberpicker.moc"
