// The Gifts page on a real household store, driven through its widgets: empty states, a wish added
// through the real dialog (and undone), an idea with "Surprise" that the recipient at the same
// device never sees anywhere on the page, a claim by dropping onto the board and a move on by
// keyboard with the price paid recorded in the budget, what the recipient then sees ("Taken",
// never who), and the dashboard card.

#include "ConnectionStatus.h"
#include "DashboardCard.h"
#include "EditHistory.h"
#include "GiftDialogs.h"
#include "GiftsPage.h"
#include "HouseholdData.h"
#include "MoneyEdit.h"
#include "PageHarness.h"
#include "TestSupport.h"
#include "Translations.h"
#include "gifts/GiftsModels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace hearth;

class TestGiftsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        installTranslations(*QCoreApplication::instance()); // English plural forms, as the app has them
    }
    void init();
    void cleanup();

    void emptyStatesSayWhatToDo();
    void addWishThroughDialogAndUndo();
    void surpriseNeverReachesTheRecipientAtThisDevice();
    void claimByDropAndMoveOnByKeyboardAskingThePrice();
    void occasionsCountDownWithTheirBudget();
    void dashboardCard();
    void pastedLinkFillsWhatWasNotTyped();
    void householdSettingHidesTaken();

private:
    GiftItemsModel &items() { return m_harness->data->model<GiftItemsModel>(Collection::GiftItems); }
    QString addMember(const QString &name, const QString &role);
    QString wishAs(const QString &memberId, const QString &title, qint64 price);
    template <typename Dialog>
    Dialog *openDialog() const
    {
        for (Dialog *d : m_page->findChildren<Dialog *>()) {
            if (d->isVisible())
                return d;
        }
        return nullptr;
    }
    // Everything the page shows in text: labels, list entries, tooltips, combo boxes.
    QString everythingShown() const;
    bool drop(GiftColumnList *target, const QString &itemId) const;
    void actAs(const QString &memberId);

    std::unique_ptr<test::PageHarness> m_harness;
    std::unique_ptr<GiftsPage> m_page;
    QString m_alex; // adult, at this device
    QString m_sam;  // adult
};

void TestGiftsPage::init()
{
    m_harness = std::make_unique<test::PageHarness>();
    QVERIFY(m_harness->isValid());
    m_alex = m_harness->household.engine().actingMemberId();
    m_sam = addMember(QStringLiteral("Sam"), QStringLiteral("adult"));
    m_page = m_harness->show<GiftsPage>(QSize(1200, 900));
    QVERIFY(m_page);
}

void TestGiftsPage::cleanup()
{
    m_page.reset();
    m_harness.reset();
}

QString TestGiftsPage::addMember(const QString &name, const QString &role)
{
    const MutationResult r = m_harness->household.engine().submit(
        {{}, Collection::Members, MutationOp::Create, {}, -1, {{QStringLiteral("name"), name}, {QStringLiteral("role"), role}}});
    return r.entityId;
}

QString TestGiftsPage::wishAs(const QString &memberId, const QString &title, qint64 price)
{
    GiftItem item;
    item.title = title;
    item.forMemberId = memberId;
    item.price = price;
    const MutationResult r = m_harness->household.engine().submitAs(items().addWishMutation(item), memberId);
    if (!r.ok)
        qWarning("wishAs: %s", qPrintable(r.error.message));
    return r.entityId;
}

void TestGiftsPage::actAs(const QString &memberId)
{
    m_harness->household.engine().setActingMemberId(memberId);
    QCoreApplication::processEvents(); // the page refreshes on the next turn of the loop
}

QString TestGiftsPage::everythingShown() const
{
    // Only what is on screen: rebuilt rows wait hidden for their deferred deletion.
    const auto shown = [this](const QWidget *widget) { return widget->isVisibleTo(m_page.get()); };
    QStringList text;
    for (const QLabel *label : m_page->findChildren<QLabel *>()) {
        if (shown(label))
            text << label->text() << label->property("listText").toString();
    }
    for (const QListWidget *list : m_page->findChildren<QListWidget *>()) {
        for (int i = 0; shown(list) && i < list->count(); ++i)
            text << list->item(i)->text() << list->item(i)->toolTip();
    }
    for (const QComboBox *combo : m_page->findChildren<QComboBox *>()) {
        for (int i = 0; shown(combo) && i < combo->count(); ++i)
            text << combo->itemText(i);
    }
    for (const QWidget *widget : m_page->findChildren<QWidget *>()) {
        if (shown(widget))
            text << widget->toolTip() << widget->accessibleName();
    }
    return text.join(QLatin1Char('\n'));
}

bool TestGiftsPage::drop(GiftColumnList *target, const QString &itemId) const
{
    QMimeData mime;
    mime.setData(GiftColumnList::mimeType(), itemId.toUtf8());
    const QPoint pos(20, 20);
    QWidget *viewport = target->viewport();
    QDragEnterEvent enter(pos, Qt::MoveAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(pos, Qt::MoveAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    QDropEvent event(QPointF(pos), Qt::MoveAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &event);
    return event.isAccepted();
}

void TestGiftsPage::emptyStatesSayWhatToDo()
{
    const QString shown = everythingShown();
    QVERIFY2(shown.contains(QStringLiteral("No occasions yet — add a birthday or a holiday")), qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("Nothing on your list yet — add what you would love to get (Ctrl+N).")));
    QVERIFY(shown.contains(QStringLiteral("Sam's wish list")));
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("emptyState"))->isVisible());
    for (const QString &status : gifts::statuses())
        QCOMPARE(m_page->column(status)->count(), 0);
}

void TestGiftsPage::addWishThroughDialogAndUndo()
{
    m_page->addNew(); // Ctrl+N
    auto *dialog = openDialog<GiftItemDialog>();
    QVERIFY(dialog);
    QVERIFY(!dialog->surpriseCheck()->isVisible()); // one's own wish is never a surprise
    QCOMPARE(dialog->recipientCombo()->currentData().toString(), QLatin1String("m:") + m_alex);
    QTest::keyClicks(dialog->titleEdit(), QStringLiteral("Stunt kite"));
    dialog->priceEdit()->setText(QStringLiteral("24.50"));
    dialog->saveButton()->click();
    QTRY_VERIFY(!dialog->isVisible());

    QCOMPARE(items().records().size(), 1);
    const GiftItem kite = items().records().first();
    QCOMPARE(kite.title, QStringLiteral("Stunt kite"));
    QCOMPARE(kite.kind, gifts::kWish);
    QCOMPARE(kite.forMemberId, m_alex);
    QCOMPARE(kite.price, 2450);
    QTRY_VERIFY(m_page->wishListText(m_alex).contains(QStringLiteral("Stunt kite")));
    // Alex's own wish is not on Alex's board.
    QCOMPARE(m_page->boardTitles(gifts::kIdea), QStringList());

    m_harness->undo.undo();
    QCOMPARE(items().records().size(), 0);
    QTRY_VERIFY(!m_page->wishListText(m_alex).contains(QStringLiteral("Stunt kite")));
}

void TestGiftsPage::surpriseNeverReachesTheRecipientAtThisDevice()
{
    m_page->addIdeaFor(m_sam, {});
    auto *dialog = openDialog<GiftItemDialog>();
    QVERIFY(dialog);
    QVERIFY(dialog->surpriseCheck()->isVisible() && dialog->surpriseCheck()->isEnabled());
    QTest::keyClicks(dialog->titleEdit(), QStringLiteral("Pottery class"));
    dialog->priceEdit()->setText(QStringLiteral("89"));
    dialog->surpriseCheck()->setChecked(true);
    dialog->saveButton()->click();
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(items().records().size(), 1);
    QVERIFY(items().records().first().surprise);
    QTRY_VERIFY(m_page->wishListText(m_sam).contains(QStringLiteral("Pottery class")));
    QCOMPARE(m_page->boardTitles(gifts::kIdea), QStringList{QStringLiteral("Pottery class")});
    // Alex claims it on the board.
    QVERIFY(drop(m_page->column(gifts::kClaimed), items().records().first().id));
    QCOMPARE(items().records().first().status, gifts::kClaimed);

    // Sam picks this device (a kitchen tablet): not a trace of it, its price or its claimer.
    actAs(m_sam);
    QTRY_VERIFY(m_page->wishListText(m_sam).isEmpty());
    const QString shown = everythingShown();
    QVERIFY2(!shown.contains(QStringLiteral("Pottery")), qPrintable(shown));
    QVERIFY(!shown.contains(QStringLiteral("89.00")));
    for (const QString &status : gifts::statuses())
        QCOMPARE(m_page->boardTitles(status), QStringList());
}

void TestGiftsPage::claimByDropAndMoveOnByKeyboardAskingThePrice()
{
    const QString socks = wishAs(m_sam, QStringLiteral("Wool socks"), 1900);
    QVERIFY(!socks.isEmpty());
    QTRY_COMPARE(m_page->boardTitles(gifts::kIdea), QStringList{QStringLiteral("Wool socks")});

    // Dropped onto "Claimed": Alex claims it.
    QVERIFY(drop(m_page->column(gifts::kClaimed), socks));
    QCOMPARE(items().find(socks)->status, gifts::kClaimed);
    QCOMPARE(items().find(socks)->claimedBy, m_alex);
    QTRY_COMPARE(m_page->boardTitles(gifts::kClaimed), QStringList{QStringLiteral("Wool socks")});

    // Ctrl+Right moves it on to "Bought", which first asks what it cost.
    GiftColumnList *claimed = m_page->column(gifts::kClaimed);
    claimed->setFocus();
    claimed->setCurrentRow(0);
    QTest::keyClick(claimed, Qt::Key_Right, Qt::ControlModifier);
    auto *bought = openDialog<GiftBoughtDialog>();
    QVERIFY(bought);
    QCOMPARE(bought->pricePaidEdit()->cents(), std::optional<qint64>(1900));
    QVERIFY(bought->recordCheck()->isChecked());
    bought->pricePaidEdit()->setText(QStringLiteral("17.50"));
    bought->saveButton()->click();
    QTRY_VERIFY(!bought->isVisible());
    const GiftItem after = *items().find(socks);
    QCOMPARE(after.status, gifts::kBought);
    QCOMPARE(after.pricePaid, 1750);
    QVERIFY(!after.paidTransactionId.isEmpty());
    const auto spent = m_harness->data->budget.find(after.paidTransactionId);
    QVERIFY(spent);
    QCOMPARE(spent->amountCents, 1750); // spent, in the budget's sign
    QTRY_COMPARE(m_page->boardTitles(gifts::kBought), QStringList{QStringLiteral("Wool socks")});

    // Undo puts it back in "Claimed".
    m_harness->undo.undo();
    QCOMPARE(items().find(socks)->status, gifts::kClaimed);
    m_harness->undo.redo();

    // Sam at the device: the wish says "Taken", never who or how far, and the board shows none of it.
    actAs(m_sam);
    QTRY_COMPARE(m_page->wishListText(m_sam), QStringLiteral("Wool socks · €19.00 — Taken"));
    const QString shown = everythingShown();
    QVERIFY2(!shown.contains(QStringLiteral("by Alex")) && !shown.contains(QStringLiteral("Wool socks\nfor")), qPrintable(shown));
    QVERIFY(!shown.contains(QStringLiteral("17.50")));
    QVERIFY(!shown.contains(QStringLiteral("Bought by")));
    for (const QString &status : gifts::statuses())
        QCOMPARE(m_page->boardTitles(status), QStringList());
}

void TestGiftsPage::occasionsCountDownWithTheirBudget()
{
    auto &occasions = m_harness->data->model<OccasionsModel>(Collection::Occasions);
    Occasion birthday;
    birthday.name = QStringLiteral("Sam's birthday");
    birthday.kind = QStringLiteral("birthday");
    birthday.date = QDate(1990, 3, 27); // today is 15 March 2026
    birthday.budgetCents = 5000;
    birthday.forMemberId = m_sam;
    const MutationResult added = occasions.apply(occasions.addMutation(birthday));
    QVERIFY2(added.ok, qPrintable(added.error.message));
    GiftItem item;
    item.title = QStringLiteral("Board game");
    item.forMemberId = m_sam;
    item.occasionId = added.entityId;
    item.price = 3000;
    const MutationResult idea = items().apply(items().addIdeaMutation(item));
    QVERIFY(idea.ok);
    QTRY_VERIFY(m_page->occasionsText().contains(QStringLiteral("in 12 days")));
    QVERIFY2(m_page->occasionsText().contains(QStringLiteral("€0.00 covered, €50.00 left of €50.00")), qPrintable(m_page->occasionsText()));
    QVERIFY(items().apply(items().claimMutation(idea.entityId)).ok);
    QTRY_VERIFY2(m_page->occasionsText().contains(QStringLiteral("€30.00 covered, €20.00 left of €50.00")),
                 qPrintable(m_page->occasionsText()));

    // The board shows one occasion at a time.
    QComboBox *chooser = m_page->boardOccasion();
    chooser->setCurrentIndex(chooser->findData(QStringLiteral("")));
    Q_EMIT chooser->activated(chooser->currentIndex());
    QTRY_COMPARE(m_page->boardTitles(gifts::kClaimed), QStringList());
    chooser->setCurrentIndex(chooser->findData(added.entityId));
    Q_EMIT chooser->activated(chooser->currentIndex());
    QTRY_COMPARE(m_page->boardTitles(gifts::kClaimed), QStringList{QStringLiteral("Board game")});

    // Sam's own birthday, seen by Sam: what is covered is not theirs to know.
    actAs(m_sam);
    QTRY_VERIFY2(m_page->occasionsText().contains(QStringLiteral("€0.00 covered")), qPrintable(m_page->occasionsText()));

    // Edited, then deleted from its dialog (asked first, undoable); its gift stays.
    m_page->editOccasion(added.entityId);
    auto *dialog = openDialog<OccasionDialog>();
    QVERIFY(dialog && dialog->deleteButton()->isVisible());
    QCOMPARE(dialog->occasion().forMemberId, m_sam); // whose birthday, as stored
    QCOMPARE(dialog->occasion().budgetCents, 5000);
    {
        // A new occasion is for nobody in particular until someone is chosen.
        m_page->addOccasion();
        OccasionDialog *fresh = nullptr;
        for (OccasionDialog *d : m_page->findChildren<OccasionDialog *>())
            fresh = d != dialog ? d : fresh;
        QVERIFY(fresh);
        QVERIFY(fresh->occasion().forMemberId.isEmpty() && fresh->occasion().forPersonId.isEmpty());
        fresh->reject();
    }
    dialog->deleteButton()->click();
    QTRY_VERIFY(!occasions.find(added.entityId));
    QCOMPARE(m_harness->confirmer.asked, 1);
    QVERIFY(items().find(idea.entityId));
    QTRY_VERIFY(m_page->occasionsText().isEmpty());
    m_harness->undo.undo();
    QVERIFY(occasions.find(added.entityId));
}

void TestGiftsPage::dashboardCard()
{
    const PageRegistration registration = GiftsPage::registration();
    QVERIFY(registration.dashboardCard);
    auto &occasions = m_harness->data->model<OccasionsModel>(Collection::Occasions);
    Occasion christmas;
    christmas.name = QStringLiteral("Christmas");
    christmas.kind = QStringLiteral("holiday");
    christmas.date = QDate(2026, 12, 25);
    christmas.budgetCents = 20000;
    QVERIFY(occasions.apply(occasions.addMutation(christmas)).ok);
    ConnectionStatus connection;
    PageContext context{*m_harness->data, m_harness->history, m_harness->confirmer, connection};
    std::unique_ptr<DashboardCard> card(registration.dashboardCard(context, nullptr));
    QTRY_VERIFY2(card->text().contains(QStringLiteral("Christmas: in 285 days · €0.00 of €200.00")), qPrintable(card->text()));
}

void TestGiftsPage::pastedLinkFillsWhatWasNotTyped()
{
    // A shop's page on loopback: every request gets the same product page.
    QTcpServer shop;
    QVERIFY(shop.listen(QHostAddress::LocalHost, 0));
    connect(&shop, &QTcpServer::newConnection, &shop, [&shop] {
        QTcpSocket *socket = shop.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            const QByteArray page = "<html><head><meta property=\"og:title\" content=\"Stunt kite\">"
                                    "<meta property=\"product:price:amount\" content=\"24.50\">"
                                    "<meta property=\"product:price:currency\" content=\"EUR\"></head></html>";
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\nContent-Length: "
                          + QByteArray::number(page.size()) + "\r\n\r\n" + page);
            socket->disconnectFromHost();
        });
    });
    const QString link = QStringLiteral("http://127.0.0.1:%1/kite").arg(shop.serverPort());

    m_page->addNew();
    auto *dialog = openDialog<GiftItemDialog>();
    QVERIFY(dialog);
    dialog->linkEdit()->setFocus();
    QTest::keySequence(dialog->linkEdit(), QKeySequence::SelectAll);
    dialog->linkEdit()->insert(link); // a paste
    Q_EMIT dialog->linkEdit()->textEdited(dialog->linkEdit()->text());
    QTRY_COMPARE(dialog->titleEdit()->text(), QStringLiteral("Stunt kite"));
    QCOMPARE(dialog->priceEdit()->cents(), std::optional<qint64>(2450));
    QCOMPARE(dialog->previewStatus()->text(), QStringLiteral("Filled in from the page."));

    // What the user typed stays: only empty fields are filled.
    dialog->titleEdit()->setText(QStringLiteral("Kite for the beach"));
    dialog->priceEdit()->clear();
    dialog->linkEdit()->setText(link + QStringLiteral("?again"));
    Q_EMIT dialog->linkEdit()->editingFinished();
    QTRY_COMPARE(dialog->priceEdit()->cents(), std::optional<qint64>(2450));
    QCOMPARE(dialog->titleEdit()->text(), QStringLiteral("Kite for the beach"));

    // A link that cannot be read says why and leaves the fields alone.
    shop.close();
    dialog->linkEdit()->setText(QStringLiteral("http://127.0.0.1:%1/gone").arg(shop.serverPort()));
    Q_EMIT dialog->linkEdit()->editingFinished();
    QTRY_VERIFY(dialog->previewStatus()->text().startsWith(QStringLiteral("Could not read the page: ")));
    QVERIFY(dialog->previewStatus()->text().endsWith(QStringLiteral("Type the title and price instead.")));
    QCOMPARE(dialog->titleEdit()->text(), QStringLiteral("Kite for the beach"));
    dialog->saveButton()->click();
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(items().records().first().title, QStringLiteral("Kite for the beach"));
    QCOMPARE(items().records().first().price, 2450);
}

void TestGiftsPage::householdSettingHidesTaken()
{
    const QString socks = wishAs(m_sam, QStringLiteral("Wool socks"), 1900);
    QVERIFY(items().apply(items().claimMutation(socks)).ok);
    auto *taken = m_page->findChild<QCheckBox *>(QStringLiteral("takenShownCheck"));
    QVERIFY(taken && taken->isVisibleTo(m_page.get()) && taken->isChecked());
    taken->click();
    QVERIFY(!m_harness->data->household.household().giftTakenShown);

    actAs(m_sam);
    QTRY_COMPARE(m_page->wishListText(m_sam), QStringLiteral("Wool socks · €19.00"));
    m_harness->undo.undo(); // shown again
    QTRY_COMPARE(m_page->wishListText(m_sam), QStringLiteral("Wool socks · €19.00 — Taken"));

    // A child may not change what the household shows: the settings are not offered.
    const QString mia = addMember(QStringLiteral("Mia"), QStringLiteral("child"));
    actAs(mia);
    QTRY_VERIFY(!taken->isVisibleTo(m_page.get()));
}

QTEST_MAIN(TestGiftsPage)
#include "tst_giftspage.moc"
