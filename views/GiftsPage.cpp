#include "GiftsPage.h"

#include "Clock.h"
#include "Confirmer.h"
#include "DashboardCard.h"
#include "EditHistory.h"
#include "GiftDialogs.h"
#include "HouseholdData.h"
#include "MeterBar.h"
#include "Money.h"
#include "RoleGate.h"
#include "Theme.h"
#include "gifts/GiftVisibility.h"
#include "gifts/GiftsModels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace hearth {

namespace {

constexpr int kItemIdRole = StatusColumnList::kIdRole;
const QString kAllOccasions = QStringLiteral("*");

QString statusTitle(const QString &status)
{
    if (status == gifts::kIdea)
        return GiftsPage::tr("Ideas");
    if (status == gifts::kClaimed)
        return GiftsPage::tr("Claimed");
    if (status == gifts::kBought)
        return GiftsPage::tr("Bought");
    if (status == gifts::kWrapped)
        return GiftsPage::tr("Wrapped");
    return GiftsPage::tr("Given");
}

// "today", "tomorrow", "in 12 days": a countdown, never a date.
QString countdown(qint64 days)
{
    if (days == 0)
        return GiftsPage::tr("today");
    if (days == 1)
        return GiftsPage::tr("tomorrow");
    return GiftsPage::tr("in %n day(s)", nullptr, int(days));
}

// The coming occasions, soonest first: a yearly one's next date, a one-off only until it passes.
QList<std::pair<Occasion, QDate>> comingOccasions(const QList<Occasion> &occasions, const QDate &today)
{
    QList<std::pair<Occasion, QDate>> coming;
    for (const Occasion &occasion : occasions) {
        const QDate next = occasion.nextDate(today);
        if (next.isValid() && next >= today)
            coming.append({occasion, next});
    }
    std::stable_sort(coming.begin(), coming.end(), [](const auto &a, const auto &b) { return a.second < b.second; });
    return coming;
}

// What the gifts for an occasion cost that someone has taken on (claimed or further), as the
// member at the device may see them: the price paid once bought, else the listed price.
qint64 coveredCents(const QList<GiftItem> &items, const QString &occasionId)
{
    qint64 covered = 0;
    for (const GiftItem &item : items) {
        if (item.occasionId == occasionId && item.status != gifts::kIdea)
            covered += item.pricePaid > 0 ? item.pricePaid : item.price;
    }
    return covered;
}

QList<GiftItem> visibleGiftItems(const HouseholdData &data)
{
    return data.model<GiftItemsModel>(Collection::GiftItems).visibleTo(gifts::viewerFor(data, data.engine.actingMemberId()));
}

// A row's tool button: a short word on screen, the whole name for the tooltip and screen readers.
QToolButton *makeRowButton(const QIcon &icon, const QString &text, const QString &name, const QString &objectName, QWidget *parent)
{
    QToolButton *button = Theme::makeToolButton(icon, text, objectName, parent);
    button->setToolTip(name);
    button->setAccessibleName(name);
    return button;
}

// The coming occasions on the dashboard, with their countdown and budget.
class GiftsCard final : public DashboardCard
{
    Q_OBJECT

public:
    GiftsCard(HouseholdData &data, QWidget *parent)
        : DashboardCard(parent)
        , m_data(data)
        , m_label(new QLabel(this))
    {
        m_label->setWordWrap(true);
        m_label->setTextFormat(Qt::RichText);
        body()->addWidget(m_label);
        body()->addStretch(1);
        follow(m_data.model<OccasionsModel>(Collection::Occasions));
        follow(m_data.model<GiftItemsModel>(Collection::GiftItems));
        follow(m_data.members);
        connect(&m_data.engine, &HouseholdEngine::actingMemberChanged, this, [this] { refresh(); });
        refresh();
    }

    QString text() const override { return m_plain; }

protected:
    void refresh() override
    {
        const QDate today = m_data.clock.today();
        const auto coming = comingOccasions(m_data.model<OccasionsModel>(Collection::Occasions).records(), today);
        if (coming.isEmpty()) {
            m_plain = tr("No occasions coming — add a birthday or a holiday on the Gifts page.");
            m_label->setText(m_plain.toHtmlEscaped());
            return;
        }
        const QList<GiftItem> items = visibleGiftItems(m_data);
        QStringList rows;
        QStringList plain;
        for (int i = 0; i < std::min<qsizetype>(3, coming.size()); ++i) {
            const auto &[occasion, next] = coming.at(i);
            QString value = countdown(today.daysTo(next));
            if (occasion.budgetCents > 0)
                value += QStringLiteral(" · ") + tr("%1 of %2").arg(Money::format(coveredCents(items, occasion.id), m_data.currency()),
                                                                     Money::format(occasion.budgetCents, m_data.currency()));
            rows << tableRow(occasion.name, value);
            plain << occasion.name + QStringLiteral(": ") + value;
        }
        m_plain = plain.join(QLatin1Char('\n'));
        m_label->setText(tableHtml(rows));
    }

private:
    HouseholdData &m_data;
    QLabel *m_label;
    QString m_plain;
};

} // namespace

GiftColumnList::GiftColumnList(const QString &status, QWidget *parent)
    : StatusColumnList(mimeType(), status, parent)
{
    setObjectName(QStringLiteral("giftColumn-") + status);
    setAccessibleName(statusTitle(status));
    setSpacing(Theme::kGrid / 2);
    setMinimumHeight(18 * Theme::kGrid);
    setMinimumWidth(16 * Theme::kGrid);
}

GiftsPage::GiftsPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent)
    : Page(parent)
    , m_data(data)
    , m_history(history)
    , m_confirmer(confirmer)
    , m_items(data.model<GiftItemsModel>(Collection::GiftItems))
    , m_occasions(data.model<OccasionsModel>(Collection::Occasions))
    , m_people(data.model<GiftPeopleModel>(Collection::GiftPeople))
    , m_gate(new RoleGate(data, this))
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("giftsPage"));
    connect(m_gate, &RoleGate::changed, this, &GiftsPage::scheduleRefresh);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(0);
    connect(m_refreshTimer, &QTimer::timeout, this, &GiftsPage::refresh);

    QVBoxLayout *layout = Theme::makeScrollingContent(this);
    QWidget *content = layout->parentWidget();

    // Header: what the page is, and the ways to add.
    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(Theme::kGrid / 2);
    titles->addWidget(Theme::makeTitle(tr("Gifts"), content));
    m_overview = Theme::makeSubtitle(QString(), content);
    m_overview->setObjectName(QStringLiteral("subtitle"));
    m_overview->setWordWrap(true);
    titles->addWidget(m_overview);
    header->addLayout(titles, 1);
    auto *newPerson = Theme::makeSecondaryButton(tr("New person"), content);
    newPerson->setObjectName(QStringLiteral("newPersonButton"));
    connect(newPerson, &QPushButton::clicked, this, &GiftsPage::addPerson);
    auto *newOccasion = Theme::makeSecondaryButton(tr("New occasion"), content);
    newOccasion->setObjectName(QStringLiteral("newOccasionButton"));
    connect(newOccasion, &QPushButton::clicked, this, &GiftsPage::addOccasion);
    m_addWish = Theme::makePrimaryButton(tr("Add a wish"), content);
    m_addWish->setObjectName(QStringLiteral("addWishButton"));
    m_addWish->setToolTip(tr("Add to your own wish list (Ctrl+N)"));
    connect(m_addWish, &QPushButton::clicked, this, &GiftsPage::addNew);
    header->addWidget(newPerson, 0, Qt::AlignVCenter);
    header->addWidget(newOccasion, 0, Qt::AlignVCenter);
    header->addWidget(m_addWish, 0, Qt::AlignVCenter);
    layout->addLayout(header);

    // Coming occasions.
    auto *occasionsCard = Theme::makeCard(content);
    occasionsCard->setProperty("section", QStringLiteral("occasions"));
    m_occasionList = new QVBoxLayout(occasionsCard);
    m_occasionList->setContentsMargins(3 * Theme::kGrid, 2 * Theme::kGrid, 3 * Theme::kGrid, 2 * Theme::kGrid);
    layout->addWidget(occasionsCard);

    // The board, one occasion at a time.
    auto *boardCard = Theme::makeCard(content);
    boardCard->setProperty("section", QStringLiteral("board"));
    auto *board = new QVBoxLayout(boardCard);
    board->setContentsMargins(3 * Theme::kGrid, 2 * Theme::kGrid, 3 * Theme::kGrid, 2 * Theme::kGrid);
    auto *boardHeader = new QHBoxLayout;
    auto *boardTitle = new QLabel(tr("Gift board"), boardCard);
    boardTitle->setObjectName(QStringLiteral("cardTitle"));
    m_boardOccasion = new QComboBox(boardCard);
    m_boardOccasion->setObjectName(QStringLiteral("boardOccasion"));
    m_boardOccasion->setAccessibleName(tr("Occasion shown on the board"));
    connect(m_boardOccasion, &QComboBox::activated, this, &GiftsPage::scheduleRefresh);
    boardHeader->addWidget(boardTitle);
    boardHeader->addStretch(1);
    boardHeader->addWidget(m_boardOccasion);
    board->addLayout(boardHeader);
    m_boardEmpty = new QLabel(tr("Nothing here yet — drag an idea to “Claimed” to say you will get it "
                                 "(or select it and press Ctrl+Right)."),
                              boardCard);
    m_boardEmpty->setObjectName(QStringLiteral("emptyState"));
    m_boardEmpty->setWordWrap(true);
    board->addWidget(m_boardEmpty);
    auto *columns = new QHBoxLayout;
    columns->setSpacing(Theme::kGrid);
    for (const QString &status : gifts::statuses()) {
        auto *column = new QVBoxLayout;
        auto *title = new QLabel(statusTitle(status), boardCard);
        title->setStyleSheet(QStringLiteral("font-weight: 600;"));
        auto *list = new GiftColumnList(status, boardCard);
        title->setBuddy(list);
        column->addWidget(title);
        column->addWidget(list, 1);
        columns->addLayout(column, 1);
        m_columns.insert(status, list);
        connect(list, &GiftColumnList::itemDropped, this, &GiftsPage::moveItem);
        connect(list, &GiftColumnList::moveRequested, this, [this](const QString &id, int step) {
            const auto item = m_items.find(id);
            if (!item)
                return;
            const int at = int(gifts::statuses().indexOf(item->status)) + step;
            if (at >= 0 && at < gifts::statuses().size())
                moveItem(id, gifts::statuses().at(at));
        });
        connect(list, &QListWidget::itemDoubleClicked, this,
                [this](QListWidgetItem *item) { editItem(item->data(kItemIdRole).toString()); });
    }
    board->addLayout(columns);
    layout->addWidget(boardCard);

    // Wish lists, one card per person.
    m_wishLists = new QVBoxLayout;
    m_wishLists->setSpacing(2 * Theme::kGrid);
    layout->addLayout(m_wishLists);

    // The household's two gift settings (what the host shows recipients), for whoever may change them.
    m_settingsCard = Theme::makeCard(content);
    m_settingsCard->setProperty("section", QStringLiteral("giftSettings"));
    auto *settings = new QVBoxLayout(m_settingsCard);
    settings->setContentsMargins(3 * Theme::kGrid, 2 * Theme::kGrid, 3 * Theme::kGrid, 2 * Theme::kGrid);
    auto *settingsTitle = new QLabel(tr("For the whole household"), m_settingsCard);
    settingsTitle->setObjectName(QStringLiteral("cardTitle"));
    settings->addWidget(settingsTitle);
    m_takenShown = new QCheckBox(tr("Show people that an item on their list is taken (never by whom)"), m_settingsCard);
    m_takenShown->setObjectName(QStringLiteral("takenShownCheck"));
    m_childListsOpen = new QCheckBox(tr("Adults see everything a child plans, even a child's surprise for them"), m_settingsCard);
    m_childListsOpen->setObjectName(QStringLiteral("childListsOpenCheck"));
    settings->addWidget(m_takenShown);
    settings->addWidget(m_childListsOpen);
    connect(m_takenShown, &QCheckBox::clicked, this, [this](bool on) {
        m_history.apply(m_data.household, m_data.household.giftTakenShownMutation(on),
                        on ? tr("Show that wishes are taken") : tr("Hide that wishes are taken"));
        scheduleRefresh();
    });
    connect(m_childListsOpen, &QCheckBox::clicked, this, [this](bool on) {
        m_history.apply(m_data.household, m_data.household.giftChildListsOpenMutation(on),
                        on ? tr("Open children's gift plans to adults") : tr("Keep children's gift plans to themselves"));
        scheduleRefresh();
    });
    layout->addWidget(m_settingsCard);
    layout->addStretch(1);

    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(&m_items), static_cast<QAbstractItemModel *>(&m_occasions),
                                      static_cast<QAbstractItemModel *>(&m_people), static_cast<QAbstractItemModel *>(&m_data.members),
                                      static_cast<QAbstractItemModel *>(&m_data.household)}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &GiftsPage::scheduleRefresh);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &GiftsPage::scheduleRefresh);
        connect(model, &QAbstractItemModel::dataChanged, this, &GiftsPage::scheduleRefresh);
        connect(model, &QAbstractItemModel::modelReset, this, &GiftsPage::scheduleRefresh);
    }
    // Someone else picked at a kiosk: what may be shown changes with them.
    connect(&m_data.engine, &HouseholdEngine::actingMemberChanged, this, &GiftsPage::scheduleRefresh);

    setFocusProxy(m_addWish);
    refresh();
}

QList<GiftItem> GiftsPage::visibleItems() const
{
    return visibleGiftItems(m_data);
}

void GiftsPage::scheduleRefresh()
{
    m_refreshTimer->start();
}

void GiftsPage::clearLayout(QLayout *layout)
{
    while (QLayoutItem *item = layout->takeAt(0)) {
        if (QWidget *widget = item->widget()) {
            widget->hide();
            widget->deleteLater();
        } else if (QLayout *inner = item->layout()) {
            clearLayout(inner);
        }
        delete item;
    }
}

void GiftsPage::refresh()
{
    m_refreshTimer->stop();
    const QList<GiftItem> items = visibleItems();
    int ideas = 0;
    int toBuy = 0;
    const QString me = m_data.engine.actingMemberId();
    for (const GiftItem &item : items) {
        if (item.forMemberId == me)
            continue;
        if (item.status == gifts::kIdea)
            ++ideas;
        else if (item.status == gifts::kClaimed)
            ++toBuy;
    }
    const Household household = m_data.household.household();
    m_takenShown->setChecked(household.giftTakenShown);
    m_childListsOpen->setChecked(household.giftChildListsOpen);
    m_settingsCard->setVisible(m_gate->allows(m_data.household.giftTakenShownMutation(!household.giftTakenShown)));
    m_overview->setText(tr("%n idea(s) waiting for someone to claim them", nullptr, ideas) + QStringLiteral(" · ")
                        + tr("%n claimed gift(s) still to buy", nullptr, toBuy));
    refreshOccasions(items);
    refreshBoard(items);
    refreshWishLists(items);
}

void GiftsPage::refreshOccasions(const QList<GiftItem> &items)
{
    clearLayout(m_occasionList);
    QWidget *card = m_occasionList->parentWidget();
    auto *title = new QLabel(tr("Coming occasions"), card);
    title->setObjectName(QStringLiteral("cardTitle"));
    m_occasionList->addWidget(title);
    const QDate today = m_data.clock.today();
    const auto coming = comingOccasions(m_occasions.records(), today);
    if (coming.isEmpty()) {
        auto *empty = new QLabel(tr("No occasions yet — add a birthday or a holiday with “New occasion” to count down to it "
                                    "and give it a budget."),
                                 card);
        empty->setObjectName(QStringLiteral("emptyState"));
        empty->setWordWrap(true);
        m_occasionList->addWidget(empty);
        return;
    }
    const QString currency = m_data.currency();
    for (const auto &[occasion, next] : coming) {
        auto *row = new QHBoxLayout;
        auto *text = new QLabel(card);
        text->setObjectName(QStringLiteral("occasionText"));
        text->setProperty("occasionId", occasion.id);
        text->setWordWrap(true);
        QString line = tr("%1 — %2, %3").arg(occasion.name, QLocale().toString(next, QStringLiteral("ddd d MMM")),
                                             countdown(today.daysTo(next)));
        auto *meter = new MeterBar(card);
        if (occasion.budgetCents > 0) {
            const qint64 covered = coveredCents(items, occasion.id);
            const qint64 left = occasion.budgetCents - covered;
            line += QStringLiteral(" · ")
                    + (left >= 0 ? tr("%1 covered, %2 left of %3")
                                       .arg(Money::format(covered, currency), Money::format(left, currency),
                                            Money::format(occasion.budgetCents, currency))
                                 : tr("%1 covered, %2 over the %3 budget")
                                       .arg(Money::format(covered, currency), Money::format(-left, currency),
                                            Money::format(occasion.budgetCents, currency)));
            const int percent = int(covered * 100 / occasion.budgetCents);
            meter->setValue(percent);
            meter->setColor(percent > 100 ? Theme::danger() : percent >= 80 ? Theme::warning() : Theme::fine());
            meter->setFixedWidth(20 * Theme::kGrid);
            meter->setAccessibleName(tr("Budget of %1").arg(occasion.name));
        } else {
            meter->hide();
        }
        text->setText(line);
        auto *edit = makeRowButton(Theme::icon("document-edit", "edit"), tr("Edit"), tr("Edit %1").arg(occasion.name),
                                   QStringLiteral("editOccasionButton"), card);
        const QString id = occasion.id;
        connect(edit, &QToolButton::clicked, this, [this, id] { editOccasion(id); });
        row->addWidget(text, 1);
        row->addWidget(meter, 0, Qt::AlignVCenter);
        row->addWidget(edit);
        m_occasionList->addLayout(row);
    }
}

void GiftsPage::refreshBoard(const QList<GiftItem> &items)
{
    // The occasion chooser: every occasion, and the gifts for none.
    const QString chosen = m_boardOccasion->currentIndex() < 0 ? kAllOccasions : m_boardOccasion->currentData().toString();
    m_boardOccasion->clear();
    m_boardOccasion->addItem(tr("All occasions"), kAllOccasions);
    for (const auto &[occasion, next] : comingOccasions(m_occasions.records(), m_data.clock.today()))
        m_boardOccasion->addItem(occasion.name, occasion.id);
    m_boardOccasion->addItem(tr("No occasion"), QString());
    m_boardOccasion->setCurrentIndex(std::max(0, m_boardOccasion->findData(chosen)));
    const QString occasion = m_boardOccasion->currentData().toString();

    // Never the gifts for the member at this device: the board is where the secrets are.
    const QString me = m_data.engine.actingMemberId();
    QList<GiftItem> shown;
    for (const GiftItem &item : items) {
        if (item.forMemberId == me || (occasion != kAllOccasions && item.occasionId != occasion))
            continue;
        shown.append(item);
    }
    std::stable_sort(shown.begin(), shown.end(), [](const GiftItem &a, const GiftItem &b) { return a.position < b.position; });
    const QString currency = m_data.currency();
    int claimedOrFurther = 0;
    for (GiftColumnList *list : std::as_const(m_columns)) {
        const QString current = list->currentItem() ? list->currentItem()->data(kItemIdRole).toString() : QString();
        list->clear();
        for (const GiftItem &item : std::as_const(shown)) {
            if (item.status != list->status())
                continue;
            QStringList details{tr("for %1").arg(recipientName(item))};
            const qint64 price = item.pricePaid > 0 ? item.pricePaid : item.price;
            if (price > 0)
                details << Money::format(price, currency);
            if (!item.claimedBy.isEmpty())
                details << m_data.members.nameOf(item.claimedBy);
            if (item.surprise)
                details << tr("surprise");
            auto *entry = new QListWidgetItem(item.title + QLatin1Char('\n') + details.join(QStringLiteral(" · ")), list);
            entry->setData(kItemIdRole, item.id);
            entry->setToolTip(item.note.isEmpty() ? item.title : item.title + QLatin1Char('\n') + item.note);
            if (item.id == current)
                list->setCurrentItem(entry);
            if (item.status != gifts::kIdea)
                ++claimedOrFurther;
        }
    }
    m_boardEmpty->setVisible(claimedOrFurther == 0);
}

void GiftsPage::refreshWishLists(const QList<GiftItem> &items)
{
    clearLayout(m_wishLists);
    m_wishListLabels.clear();
    QWidget *content = m_boardEmpty->parentWidget()->parentWidget();
    const QString me = m_data.engine.actingMemberId();
    const QString currency = m_data.currency();

    struct Recipient
    {
        QString memberId;
        QString personId; // the gift_people row: the person, or a member's sizes and notes
        QString name;
    };
    QList<Recipient> recipients;
    for (const Member &member : m_data.members.records()) {
        const auto person = m_people.forMember(member.id);
        recipients.append({member.id, person ? person->id : QString(), member.name});
    }
    for (const GiftPerson &person : m_people.records()) {
        if (person.memberId.isEmpty())
            recipients.append({{}, person.id, person.name});
    }
    // The member at this device first: their own list is the one they add to.
    std::stable_partition(recipients.begin(), recipients.end(), [&me](const Recipient &r) { return r.memberId == me; });

    for (const Recipient &r : std::as_const(recipients)) {
        const bool own = !r.memberId.isEmpty() && r.memberId == me;
        auto *card = Theme::makeCard(content);
        card->setProperty("section", QStringLiteral("wishList"));
        auto *cardLayout = new QVBoxLayout(card);
        cardLayout->setContentsMargins(3 * Theme::kGrid, 2 * Theme::kGrid, 3 * Theme::kGrid, 2 * Theme::kGrid);
        auto *top = new QHBoxLayout;
        auto *name = new QLabel(own ? tr("Your wish list") : tr("%1's wish list").arg(r.name), card);
        name->setObjectName(QStringLiteral("cardTitle"));
        top->addWidget(name, 1);
        if (!r.personId.isEmpty()) {
            auto *edit = makeRowButton(Theme::icon("document-edit", "edit"), tr("Sizes and notes"),
                                       tr("Sizes and notes of %1").arg(r.name), QStringLiteral("editPersonButton"), card);
            const QString personId = r.personId;
            connect(edit, &QToolButton::clicked, this, [this, personId] { editPerson(personId); });
            top->addWidget(edit);
        }
        auto *add = Theme::makeSecondaryButton(own ? tr("Add a wish") : tr("Add an idea"), card);
        add->setObjectName(own ? QStringLiteral("addOwnWishButton") : QStringLiteral("addIdeaButton"));
        add->setAccessibleName(own ? tr("Add a wish") : tr("Add a gift idea for %1").arg(r.name));
        const QString memberId = r.memberId;
        const QString personId = r.memberId.isEmpty() ? r.personId : QString();
        connect(add, &QPushButton::clicked, this, [this, memberId, personId] { addIdeaFor(memberId, personId); });
        top->addWidget(add);
        cardLayout->addLayout(top);

        if (const auto person = r.personId.isEmpty() ? std::nullopt : m_people.find(r.personId);
            person && (!person->sizes.isEmpty() || !person->notes.isEmpty())) {
            QStringList about;
            if (!person->sizes.isEmpty())
                about << tr("Sizes: %1").arg(person->sizes);
            if (!person->notes.isEmpty())
                about << person->notes;
            auto *aboutLabel = new QLabel(about.join(QStringLiteral(" · ")), card);
            aboutLabel->setWordWrap(true);
            aboutLabel->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::mutedText(this).name(QColor::HexArgb)));
            cardLayout->addWidget(aboutLabel);
        }

        QList<GiftItem> theirs;
        for (const GiftItem &item : items) {
            if (r.memberId.isEmpty() ? item.forPersonId == r.personId : item.forMemberId == r.memberId)
                theirs.append(item);
        }
        std::stable_sort(theirs.begin(), theirs.end(), [](const GiftItem &a, const GiftItem &b) { return a.priority > b.priority; });
        QStringList lines;
        if (theirs.isEmpty()) {
            auto *empty = new QLabel(own ? tr("Nothing on your list yet — add what you would love to get (Ctrl+N).")
                                         : tr("No wishes or ideas yet — add one."),
                                     card);
            empty->setObjectName(QStringLiteral("emptyState"));
            empty->setWordWrap(true);
            cardLayout->addWidget(empty);
        }
        for (const GiftItem &item : std::as_const(theirs)) {
            QStringList details;
            if (item.price > 0)
                details << Money::format(item.price, currency);
            if (item.priority >= 3)
                details << tr("high priority");
            QString state;
            if (own) {
                state = item.taken ? tr("Taken") : QString(); // never who, never how far
            } else if (item.status != gifts::kIdea) {
                state = tr("%1 by %2").arg(statusTitle(item.status), m_data.members.nameOf(item.claimedBy));
            }
            if (item.surprise)
                details << tr("surprise");
            const QString line = item.title + (details.isEmpty() ? QString() : QStringLiteral(" · ") + details.join(QStringLiteral(" · ")))
                                 + (state.isEmpty() ? QString() : QStringLiteral(" — ") + state);
            lines << line;
            auto *row = new QHBoxLayout;
            auto *label = new QLabel(line, card);
            label->setWordWrap(true);
            label->setProperty("giftItemId", item.id);
            label->setToolTip(item.link.isEmpty() ? item.note : item.link);
            row->addWidget(label, 1);
            // One's own wishes, and what one added, are one's to change.
            if ((own && item.kind == gifts::kWish) || item.addedBy == me) {
                const QString id = item.id;
                auto *edit = makeRowButton(Theme::icon("document-edit", "edit"), tr("Edit"), tr("Edit %1").arg(item.title),
                                           QStringLiteral("editGiftButton"), card);
                auto *remove = makeRowButton(Theme::icon("edit-delete", "delete"), tr("Delete"), tr("Delete %1").arg(item.title),
                                             QStringLiteral("deleteGiftButton"), card);
                connect(edit, &QToolButton::clicked, this, [this, id] { editItem(id); });
                connect(remove, &QToolButton::clicked, this, [this, id] { deleteItem(id); });
                row->addWidget(edit);
                row->addWidget(remove);
            }
            cardLayout->addLayout(row);
        }
        m_wishListLabels.insert(GiftRecipients::keyOf(r.memberId, r.memberId.isEmpty() ? r.personId : QString()), name);
        name->setProperty("listText", lines.join(QLatin1Char('\n')));
        m_wishLists->addWidget(card);
    }
}

QStringList GiftsPage::boardTitles(const QString &status) const
{
    QStringList titles;
    if (GiftColumnList *list = m_columns.value(status)) {
        for (int i = 0; i < list->count(); ++i)
            titles << list->item(i)->text().section(QLatin1Char('\n'), 0, 0);
    }
    return titles;
}

QString GiftsPage::wishListText(const QString &memberId, const QString &personId) const
{
    const QLabel *label = m_wishListLabels.value(GiftRecipients::keyOf(memberId, personId));
    return label ? label->property("listText").toString() : QString();
}

QString GiftsPage::occasionsText() const
{
    QStringList lines;
    for (const QLabel *label : findChildren<QLabel *>(QStringLiteral("occasionText"))) {
        if (!label->isHidden())
            lines << label->text();
    }
    return lines.join(QLatin1Char('\n'));
}

QString GiftsPage::recipientName(const GiftItem &item) const
{
    if (!item.forMemberId.isEmpty())
        return m_data.members.nameOf(item.forMemberId);
    const auto person = m_people.find(item.forPersonId);
    return person ? person->name : QString();
}

QString GiftsPage::occasionName(const QString &id) const
{
    const auto occasion = m_occasions.find(id);
    return occasion ? occasion->name : QString();
}

void GiftsPage::addNew()
{
    addIdeaFor(m_data.engine.actingMemberId(), {});
}

void GiftsPage::addIdeaFor(const QString &memberId, const QString &personId)
{
    GiftItem item;
    item.forMemberId = memberId;
    item.forPersonId = personId;
    // The board's occasion, when one is chosen, is the likely one.
    const QString occasion = m_boardOccasion->currentData().toString();
    if (occasion != kAllOccasions)
        item.occasionId = occasion;
    openItemDialog(item, true);
}

void GiftsPage::editItem(const QString &id)
{
    for (const GiftItem &item : visibleItems()) {
        if (item.id == id)
            return openItemDialog(item, false);
    }
}

void GiftsPage::openItemDialog(const GiftItem &item, bool isNew)
{
    const GiftItem before = item;
    auto submit = [this, isNew, before](const GiftItem &g) {
        const Mutation mutation = !isNew ? m_items.editMutation(before, g)
                                  : g.kind == gifts::kWish ? m_items.addWishMutation(g)
                                                           : m_items.addIdeaMutation(g);
        return m_history.apply(m_items, mutation, isNew ? tr("Add gift “%1”").arg(g.title) : tr("Edit gift “%1”").arg(g.title));
    };
    auto *dialog = new GiftItemDialog(m_data, m_people.records(), m_occasions.records(), submit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setItem(item, isNew, m_data.engine.actingMemberId());
    dialog->open();
}

void GiftsPage::deleteItem(const QString &id)
{
    const auto item = m_items.find(id);
    if (!item)
        return;
    // Undo re-creates an item as new: the host decides again who added it (the one undoing), whose
    // list it is on and that it is unclaimed. That is the same item only for an unclaimed one the
    // member at this device added; any other is deleted for good, and the question says so.
    const bool undoable = item->addedBy == m_data.engine.actingMemberId() && item->claimedBy.isEmpty()
        && item->status == gifts::kIdea && item->paidTransactionId.isEmpty();
    const QString question = undoable ? tr("Delete “%1”? You can undo this with Ctrl+Z.").arg(item->title)
                                      : tr("Delete “%1”? Its claim and where it got to go with it; this cannot be undone.").arg(item->title);
    if (!m_confirmer.confirm(this, tr("Delete gift"), question, tr("Delete")))
        return;
    if (undoable) {
        m_history.apply(m_items, m_items.removeMutation(id), tr("Delete gift “%1”").arg(item->title));
        return;
    }
    m_items.apply(m_items.removeMutation(id)); // a refusal reaches the user as every refused edit does
}

void GiftsPage::moveItem(const QString &id, const QString &status)
{
    const auto item = m_items.find(id);
    if (!item || item->status == status || item->forMemberId == m_data.engine.actingMemberId())
        return;
    const QString text = tr("Move “%1” to %2").arg(item->title, statusTitle(status));
    if (status == gifts::kBought && !item->bought()) {
        auto submit = [this, id, text](qint64 pricePaid, bool record) {
            return m_history.apply(m_items, m_items.moveMutation(id, gifts::kBought, std::nullopt, pricePaid, record), text);
        };
        auto *dialog = new GiftBoughtDialog(m_data, *item, occasionName(item->occasionId), submit, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        return;
    }
    m_history.apply(m_items, m_items.moveMutation(id, status), text);
    scheduleRefresh();
}

void GiftsPage::addOccasion()
{
    auto submit = [this](const Occasion &o) {
        return m_history.apply(m_occasions, m_occasions.addMutation(o), tr("Add occasion “%1”").arg(o.name));
    };
    auto *dialog = new OccasionDialog(m_data, m_people.records(), submit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void GiftsPage::editOccasion(const QString &id)
{
    const auto occasion = m_occasions.find(id);
    if (!occasion)
        return;
    const Occasion before = *occasion;
    auto submit = [this, before](const Occasion &o) {
        return m_history.apply(m_occasions, m_occasions.editMutation(before, o), tr("Edit occasion “%1”").arg(o.name));
    };
    auto *dialog = new OccasionDialog(m_data, m_people.records(), submit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOccasion(*occasion, false);
    connect(dialog, &OccasionDialog::deleteRequested, this, [this, before] {
        if (m_confirmer.confirm(this, tr("Delete occasion"),
                                tr("Delete “%1”? Its gifts stay on their wish lists. You can undo this with Ctrl+Z.").arg(before.name),
                                tr("Delete occasion")))
            m_history.apply(m_occasions, m_occasions.removeMutation(before.id), tr("Delete occasion “%1”").arg(before.name));
    });
    dialog->open();
}

void GiftsPage::addPerson()
{
    auto submit = [this](const GiftPerson &p) {
        return m_history.apply(m_people, m_people.addMutation(p.name, p.memberId, p.sizes, p.notes), tr("Add “%1” to gift people").arg(p.name));
    };
    auto *dialog = new GiftPersonDialog(m_data, submit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void GiftsPage::editPerson(const QString &id)
{
    const auto person = m_people.find(id);
    if (!person)
        return;
    const GiftPerson before = *person;
    auto submit = [this, before](const GiftPerson &p) {
        return m_history.apply(m_people, m_people.editMutation(before, p), tr("Edit “%1”").arg(p.name));
    };
    auto *dialog = new GiftPersonDialog(m_data, submit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setPerson(*person, false);
    connect(dialog, &GiftPersonDialog::deleteRequested, this, [this, before] {
        if (m_confirmer.confirm(this, tr("Delete person"),
                                tr("Delete “%1” from the people gifts are for? You can undo this with Ctrl+Z.").arg(before.name),
                                tr("Delete")))
            m_history.apply(m_people, m_people.removeMutation(before.id), tr("Delete “%1”").arg(before.name));
    });
    dialog->open();
}

PageRegistration GiftsPage::registration()
{
    PageRegistration page{kId, QT_TRANSLATE_NOOP("Pages", "Gifts"), "gift", "gifts",
            [](const PageContext &context, QWidget *parent) -> Page * { return new GiftsPage(context.data, context.history, context.confirmer, parent); },
            [](const PageContext &context, QWidget *parent) -> DashboardCard * { return new GiftsCard(context.data, parent); }};
    page.collections = {Collection::GiftPeople, Collection::Occasions, Collection::GiftItems};
    return page;
}

} // namespace hearth

#include "GiftsPage.moc"
