#include "HouseholdPage.h"

#include <algorithm>

#include "Clock.h"
#include "Confirmer.h"
#include "ConnectionStatus.h"
#include "Money.h"
#include "MoneyEdit.h"
#include "Dates.h"
#include "EditHistory.h"
#include "HouseholdData.h"
#include "MemberPinDialog.h"
#include "MemberPins.h"
#include "RoleGate.h"
#include "Theme.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPainter>
#include <QKeyEvent>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace hearth {

namespace {

const QStringList kCurrencies = {QStringLiteral("EUR"), QStringLiteral("USD"), QStringLiteral("GBP"),
                                 QStringLiteral("CHF"), QStringLiteral("CAD"), QStringLiteral("AUD"),
                                 QStringLiteral("SEK"), QStringLiteral("NOK"), QStringLiteral("DKK"),
                                 QStringLiteral("PLN"), QStringLiteral("JPY"), QStringLiteral("INR")};

// A member row: their colour as an avatar circle with the initial, the name, and the role.
// Someone in the room right now has a green dot on their avatar and "online" by their role.
class MemberDelegate final : public QStyledItemDelegate
{
public:
    MemberDelegate(const QSet<QString> &online, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_online(online)
    {
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(0, 6 * Theme::kGrid));
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QRect r = option.rect.adjusted(Theme::kGrid, Theme::kGrid / 2, -Theme::kGrid, -Theme::kGrid / 2);
        const QRect avatar(r.left(), r.center().y() - 2 * Theme::kGrid, 4 * Theme::kGrid, 4 * Theme::kGrid);
        const QString name = index.data(MembersModel::NameRole).toString();
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(index.data(MembersModel::ColorRole).toString()));
        painter->drawEllipse(avatar);
        painter->setPen(Qt::white);
        QFont bold = option.font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->drawText(avatar, Qt::AlignCenter, name.left(1).toUpper());

        const bool selected = option.state & QStyle::State_Selected;
        painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        const QRect text = r.adjusted(avatar.width() + 2 * Theme::kGrid, 0, 0, 0);
        painter->drawText(text, Qt::AlignLeft | Qt::AlignVCenter, name);
        painter->setFont(option.font);
        const QString role = index.data(MembersModel::RoleRole).toString() == QLatin1String("child")
            ? HouseholdPage::tr("Child")
            : HouseholdPage::tr("Adult");
        const bool online = m_online.contains(index.data(MembersModel::IdRole).toString());
        if (online) {
            // A green dot with a ring in the background colour, at the avatar's lower right.
            const int d = Theme::kGrid + Theme::kGrid / 2;
            const QRect dot(avatar.right() - d + 2, avatar.bottom() - d + 2, d, d);
            painter->setPen(QPen(option.palette.color(selected ? QPalette::Highlight : QPalette::Base), 2));
            painter->setBrush(Theme::fine());
            painter->drawEllipse(dot);
            const QString label = HouseholdPage::tr("online");
            const QRect roleRect = text.adjusted(0, 0, -(option.fontMetrics.horizontalAdvance(role) + 2 * Theme::kGrid), 0);
            painter->setPen(selected ? option.palette.color(QPalette::HighlightedText) : Theme::fine().darker(115));
            painter->drawText(roleRect, Qt::AlignRight | Qt::AlignVCenter, label);
            painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        }
        painter->drawText(text, Qt::AlignRight | Qt::AlignVCenter, role);
        painter->restore();
    }

private:
    const QSet<QString> &m_online;
};

QString lastSeenText(const DeviceRegistry::Device &device, const QDate &today)
{
    if (device.signedOut)
        return HouseholdPage::tr("Signed out");
    const QDateTime seen = (device.lastSeenAt.isValid() ? device.lastSeenAt : device.createdAt).toLocalTime();
    if (!seen.isValid())
        return HouseholdPage::tr("Not seen yet");
    return HouseholdPage::tr("Last seen %1 %2").arg(describeDate(seen.date(), today), describeTime(seen.time()));
}

} // namespace

HouseholdPage::HouseholdPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, ConnectionStatus *connection,
                             QWidget *parent)
    : Page(parent)
    , m_data(data)
    , m_history(history)
    , m_confirmer(confirmer)
    , m_connection(connection)
    , m_gate(new RoleGate(data, this))
    , m_nameEdit(new QLineEdit(this))
    , m_nameError(new QLabel(this))
    , m_currencyCombo(new QComboBox(this))
    , m_boughtToPantryCombo(new QComboBox(this))
    , m_pointRateEdit(new MoneyEdit(this))
    , m_pointRateError(new QLabel(this))
    , m_membersView(new QListView(this))
    , m_memberNameEdit(new QLineEdit(this))
    , m_memberRoleCombo(new QComboBox(this))
    , m_memberError(new QLabel(this))
    , m_sharingText(Theme::makeSubtitle(QString(), this))
    , m_hostButton(Theme::makePrimaryButton(QString(), this))
    , m_joinButton(new QPushButton(this))
    , m_leaveButton(new QPushButton(tr("&Leave household…"), this))
    , m_leaveError(new QLabel(this))
    , m_removeMemberButton(new QPushButton(Theme::icon("list-remove", "remove"), tr("&Remove…"), this))
    , m_setPinButton(new QPushButton(tr("Set &PIN…"), this))
    , m_removePinButton(new QPushButton(tr("Remove P&IN…"), this))
    , m_devicesCard(Theme::makeCard(this))
    , m_devicesList(new QWidget(this))
    , m_noDevices(Theme::makeSubtitle(QString(), this))
    , m_signOutEveryDevice(new QPushButton(this))
{
    // The page scrolls down when short, so the members list can show everyone.
    QVBoxLayout *layout = Theme::makeScrollingContent(this);
    layout->addWidget(Theme::makeTitle(tr("Household"), this));
    layout->addWidget(Theme::makeSubtitle(tr("Who lives here, and how the household counts its money."), this));

    auto *columns = new QHBoxLayout;
    columns->setSpacing(2 * Theme::kGrid);
    layout->addLayout(columns, 1);

    QFrame *settingsCard = Theme::makeCard(this);
    auto *settings = new QFormLayout(settingsCard);
    settings->setContentsMargins(3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid);
    settings->setVerticalSpacing(2 * Theme::kGrid);
    auto *settingsTitle = new QLabel(tr("Settings"), settingsCard);
    settingsTitle->setObjectName(QStringLiteral("cardTitle"));
    settings->addRow(settingsTitle);
    m_nameEdit->setObjectName(QStringLiteral("householdNameEdit"));
    m_nameEdit->setPlaceholderText(tr("For example: The Riveras"));
    m_nameError->setObjectName(QStringLiteral("fieldError"));
    m_nameError->hide();
    settings->addRow(tr("&Name"), m_nameEdit);
    settings->addRow(QString(), m_nameError);
    m_currencyCombo->setObjectName(QStringLiteral("currencyCombo"));
    m_currencyCombo->addItems(kCurrencies);
    settings->addRow(tr("&Currency"), m_currencyCombo);
    m_pointRateEdit->setObjectName(QStringLiteral("pointRateEdit"));
    m_pointRateEdit->setToolTip(tr("What ten chore points are worth when an adult pays them out as pocket money."));
    m_pointRateError->setObjectName(QStringLiteral("fieldError"));
    m_pointRateError->setWordWrap(true);
    m_pointRateError->hide();
    auto *rateColumn = new QVBoxLayout;
    rateColumn->setSpacing(Theme::kGrid / 2);
    rateColumn->addWidget(m_pointRateEdit);
    rateColumn->addWidget(m_pointRateError);
    settings->addRow(tr("10 chore points are worth"), rateColumn);
    // A household rule rather than a device setting: every device's ticks follow it.
    m_boughtToPantryCombo->setObjectName(QStringLiteral("boughtToPantryCombo"));
    m_boughtToPantryCombo->addItem(tr("Ask each time"), QStringLiteral("ask"));
    m_boughtToPantryCombo->addItem(tr("Add to the pantry"), QStringLiteral("always"));
    m_boughtToPantryCombo->addItem(tr("Leave the pantry alone"), QStringLiteral("never"));
    m_boughtToPantryCombo->setToolTip(tr("What ticking off a shopping item does with the pantry, on every device."));
    settings->addRow(tr("&Bought items"), m_boughtToPantryCombo);
    auto *hint = Theme::makeSubtitle(tr("The monthly spending limit is set on the Budget page."), settingsCard);
    settings->addRow(hint);
    m_settingsNote = Theme::makeSubtitle(tr("Only adults can change the household's name and currency."), settingsCard);
    m_settingsNote->setObjectName(QStringLiteral("subtitle"));
    m_settingsNote->setWordWrap(true);
    m_settingsNote->hide();
    settings->addRow(m_settingsNote);
    auto *left = new QVBoxLayout;
    left->setSpacing(2 * Theme::kGrid);
    left->addWidget(settingsCard);

    // Sharing: host this household on the network, or join one hosted elsewhere.
    QFrame *sharingCard = Theme::makeCard(this);
    auto *sharing = new QVBoxLayout(sharingCard);
    sharing->setContentsMargins(3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid);
    sharing->setSpacing(Theme::kGrid);
    auto *sharingTitle = new QLabel(tr("Share with your household"), sharingCard);
    sharingTitle->setObjectName(QStringLiteral("cardTitle"));
    sharing->addWidget(sharingTitle);
    m_sharingText->setParent(sharingCard);
    m_sharingText->setWordWrap(true);
    sharing->addWidget(m_sharingText);
    auto *sharingButtons = new QHBoxLayout;
    m_hostButton->setParent(sharingCard);
    m_hostButton->setObjectName(QStringLiteral("hostButton"));
    m_joinButton->setParent(sharingCard);
    m_joinButton->setObjectName(QStringLiteral("joinButton"));
    m_joinButton->setProperty("secondary", true);
    m_leaveButton->setParent(sharingCard);
    m_leaveButton->setObjectName(QStringLiteral("leaveButton"));
    m_leaveButton->setProperty("secondary", true);
    sharingButtons->addWidget(m_hostButton);
    sharingButtons->addWidget(m_joinButton);
    sharingButtons->addWidget(m_leaveButton);
    sharingButtons->addStretch(1);
    sharing->addSpacing(Theme::kGrid / 2);
    sharing->addLayout(sharingButtons);
    m_leaveError->setParent(sharingCard);
    m_leaveError->setObjectName(QStringLiteral("fieldError"));
    m_leaveError->setWordWrap(true);
    m_leaveError->hide();
    sharing->addWidget(m_leaveError);
    left->addWidget(sharingCard);
    left->addStretch(1);
    columns->addLayout(left, 1);
    connect(m_hostButton, &QPushButton::clicked, this, &HouseholdPage::hostRequested);
    connect(m_joinButton, &QPushButton::clicked, this, &HouseholdPage::joinRequested);
    connect(m_leaveButton, &QPushButton::clicked, this, &HouseholdPage::leave);

    QFrame *membersCard = Theme::makeCard(this);
    auto *members = new QVBoxLayout(membersCard);
    members->setContentsMargins(3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid);
    members->setSpacing(Theme::kGrid);
    auto *membersTitle = new QLabel(tr("Members"), membersCard);
    membersTitle->setObjectName(QStringLiteral("cardTitle"));
    members->addWidget(membersTitle);
    auto *addRow = new QHBoxLayout;
    m_memberNameEdit->setObjectName(QStringLiteral("memberNameEdit"));
    m_memberNameEdit->setPlaceholderText(tr("Name of someone new"));
    m_memberRoleCombo->setObjectName(QStringLiteral("memberRoleCombo"));
    m_memberRoleCombo->addItem(tr("Adult"), QStringLiteral("adult"));
    m_memberRoleCombo->addItem(tr("Child"), QStringLiteral("child"));
    QPushButton *add = Theme::makePrimaryButton(tr("Add member"), membersCard);
    add->setObjectName(QStringLiteral("addMemberButton"));
    addRow->addWidget(m_memberNameEdit, 1);
    addRow->addWidget(m_memberRoleCombo);
    addRow->addWidget(add);
    members->addLayout(addRow);
    m_addMemberButton = add;
    m_membersNote = Theme::makeSubtitle(tr("Only adults can add members."), membersCard);
    m_membersNote->setWordWrap(true);
    m_membersNote->hide();
    members->addWidget(m_membersNote);
    m_memberError->setObjectName(QStringLiteral("fieldError"));
    m_memberError->hide();
    members->addWidget(m_memberError);
    m_membersView->setObjectName(QStringLiteral("membersView"));
    m_membersView->setModel(&m_data.members);
    m_membersView->setItemDelegate(new MemberDelegate(m_online, m_membersView));
    m_membersView->setFrameShape(QFrame::NoFrame);
    m_membersView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_membersView->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    // Tall enough for everyone (the page scrolls instead); should it ever be squeezed, it scrolls
    // rather than hiding the last ones.
    m_membersView->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    members->addWidget(m_membersView);
    const auto fitMembers = [this] {
        const int rows = m_data.members.rowCount();
        const int rowHeight = rows > 0 ? m_membersView->sizeHintForRow(0) : 0;
        m_membersView->setMinimumHeight(rows * rowHeight + 2 * m_membersView->frameWidth());
    };
    connect(&m_data.members, &QAbstractItemModel::rowsInserted, this, fitMembers);
    connect(&m_data.members, &QAbstractItemModel::rowsRemoved, this, fitMembers);
    connect(&m_data.members, &QAbstractItemModel::modelReset, this, fitMembers);
    fitMembers();
    auto *removeRow = new QHBoxLayout;
    m_removeMemberButton->setParent(membersCard);
    m_removeMemberButton->setObjectName(QStringLiteral("removeMemberButton"));
    m_removeMemberButton->setProperty("secondary", true);
    m_removeMemberButton->setToolTip(tr("Remove the selected member from the household (Delete)"));
    for (QPushButton *button : {m_setPinButton, m_removePinButton}) {
        button->setParent(membersCard);
        button->setProperty("secondary", true);
        button->hide(); // until the page is given the PINs (setMemberPins)
        removeRow->addWidget(button);
    }
    m_setPinButton->setObjectName(QStringLiteral("setPinButton"));
    m_setPinButton->setToolTip(tr("A 4-digit PIN the selected member types on the kitchen display"));
    m_removePinButton->setObjectName(QStringLiteral("removePinButton"));
    connect(m_setPinButton, &QPushButton::clicked, this, [this] { changeSelectedPin(false); });
    connect(m_removePinButton, &QPushButton::clicked, this, [this] { changeSelectedPin(true); });
    removeRow->addStretch(1);
    removeRow->addWidget(m_removeMemberButton);
    members->addLayout(removeRow);
    m_membersView->installEventFilter(this); // Delete removes the selected member
    connect(m_removeMemberButton, &QPushButton::clicked, this, &HouseholdPage::removeSelectedMember);
    connect(m_membersView->selectionModel(), &QItemSelectionModel::currentChanged, this, &HouseholdPage::updateRemoveButton);
    connect(&m_data.members, &QAbstractItemModel::rowsRemoved, this, &HouseholdPage::updateRemoveButton);
    connect(&m_data.engine, &HouseholdEngine::actingMemberChanged, this, &HouseholdPage::updateRemoveButton);

    // The devices that joined the household hosted here.
    auto *devices = new QVBoxLayout(m_devicesCard);
    devices->setContentsMargins(3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid);
    devices->setSpacing(Theme::kGrid);
    auto *devicesTitle = new QLabel(tr("Devices"), m_devicesCard);
    devicesTitle->setObjectName(QStringLiteral("cardTitle"));
    devices->addWidget(devicesTitle);
    QLabel *devicesHint = Theme::makeSubtitle(
        tr("Phones and computers that joined through this one. Signing one out stops it syncing at once; "
           "to come back it needs a new invite code."),
        m_devicesCard);
    devicesHint->setWordWrap(true);
    devices->addWidget(devicesHint);
    m_devicesList->setParent(m_devicesCard);
    m_devicesList->setObjectName(QStringLiteral("devicesList"));
    auto *devicesRows = new QVBoxLayout(m_devicesList);
    devicesRows->setContentsMargins(0, Theme::kGrid / 2, 0, 0);
    devicesRows->setSpacing(Theme::kGrid);
    devices->addWidget(m_devicesList);
    m_noDevices->setParent(m_devicesCard);
    m_noDevices->setObjectName(QStringLiteral("emptyState"));
    m_noDevices->setWordWrap(true);
    m_noDevices->setText(tr("No device has joined yet. Choose <b>Show address and code…</b> and type the code on "
                            "the other device."));
    m_noDevices->setTextFormat(Qt::RichText);
    devices->addWidget(m_noDevices);
    m_signOutEveryDevice->setParent(m_devicesCard);
    m_signOutEveryDevice->setText(tr("Sign every device out…"));
    m_signOutEveryDevice->setObjectName(QStringLiteral("signOutEveryDeviceButton"));
    m_signOutEveryDevice->setProperty("secondary", true);
    m_signOutEveryDevice->setToolTip(tr("Replaces this computer's key: every device stops syncing and needs a new "
                                        "invite code. For a lost device that may have been copied, or a leaked backup."));
    connect(m_signOutEveryDevice, &QPushButton::clicked, this, [this] {
        if (m_confirmer.confirm(this, tr("Sign every device out?"),
                                tr("Every phone and computer that joined this household stops syncing at once and "
                                   "needs a new invite code to come back. The household and its members stay as "
                                   "they are."),
                                tr("Sign every device out")))
            Q_EMIT signOutEveryDeviceRequested();
    });
    devices->addWidget(m_signOutEveryDevice, 0, Qt::AlignRight);

    auto *right = new QVBoxLayout;
    right->setSpacing(2 * Theme::kGrid);
    right->addWidget(membersCard);
    right->addWidget(m_devicesCard);
    right->addStretch(1);
    columns->addLayout(right, 1);
    setSharing(false, false);
    if (m_connection)
        connect(m_connection, &ConnectionStatus::changed, this, &HouseholdPage::refreshOnline);
    refreshOnline();

    connect(m_nameEdit, &QLineEdit::editingFinished, this, &HouseholdPage::saveName);
    connect(m_currencyCombo, &QComboBox::activated, this, &HouseholdPage::saveCurrency);
    connect(m_pointRateEdit, &QLineEdit::editingFinished, this, &HouseholdPage::savePointRate);
    connect(m_boughtToPantryCombo, &QComboBox::activated, this, &HouseholdPage::saveBoughtToPantry);
    connect(add, &QPushButton::clicked, this, &HouseholdPage::addMember);
    connect(m_memberNameEdit, &QLineEdit::returnPressed, this, &HouseholdPage::addMember);
    connect(&m_data.household, &QAbstractItemModel::dataChanged, this, &HouseholdPage::refresh);
    connect(&m_data.household, &QAbstractItemModel::modelReset, this, &HouseholdPage::refresh);
    // A joined copy gets its household row after the page exists (first event from the host).
    connect(&m_data.household, &QAbstractItemModel::rowsInserted, this, &HouseholdPage::refresh);
    connect(m_gate, &RoleGate::changed, this, &HouseholdPage::applyRole);
    refresh();
    applyRole();
    // Settings, then sharing (the left column), then members and devices (the right one).
    m_readingOrder = {settingsCard, sharingCard, membersCard, m_devicesCard};
    Theme::orderTabsAsRead(m_readingOrder);
}

HouseholdPage::~HouseholdPage()
{
    // Closing a window with the focus in the name field finishes editing after this page is gone.
    disconnect(m_nameEdit, nullptr, this, nullptr);
}

void HouseholdPage::applyRole()
{
    // Household settings and members: shown read-only to a role that may not change them.
    const bool settings = m_gate->mayUpdate(m_data.household);
    m_nameEdit->setReadOnly(!settings);
    m_currencyCombo->setEnabled(settings);
    m_pointRateEdit->setEnabled(settings);
    m_boughtToPantryCombo->setEnabled(settings);
    m_settingsNote->setVisible(!settings);
    if (!settings) {
        showError(m_nameError, QString());
        refresh();
    }
    const bool members = m_gate->mayCreate(m_data.members);
    m_memberNameEdit->setVisible(members);
    m_memberRoleCombo->setVisible(members);
    m_addMemberButton->setVisible(members);
    m_membersNote->setVisible(!members);
    if (!members)
        showError(m_memberError, QString());
    m_membersNote->setText(members ? QString() : tr("Only adults can add or remove members."));
    updateRemoveButton();
}

bool HouseholdPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_membersView && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Delete) {
        removeSelectedMember();
        return true;
    }
    return Page::eventFilter(watched, event);
}

void HouseholdPage::refreshOnline()
{
    const QSet<QString> online = m_connection ? m_connection->onlineMembers() : QSet<QString>();
    if (online == m_online)
        return;
    m_online = online;
    m_membersView->viewport()->update();
}

bool HouseholdPage::showsOnline(const QString &memberId) const
{
    return m_online.contains(memberId);
}

QStringList HouseholdPage::deviceNames() const
{
    return m_deviceNames;
}

void HouseholdPage::updateRemoveButton()
{
    const bool adult = m_gate->mayDelete(m_data.members);
    const QModelIndex current = m_membersView->currentIndex();
    const bool other = current.isValid()
        && current.data(MembersModel::IdRole).toString() != m_data.engine.actingMemberId();
    m_removeMemberButton->setVisible(adult);
    m_removeMemberButton->setEnabled(other);
    // A PIN: anyone's for an adult, one's own for a child.
    const QString selected = current.data(MembersModel::IdRole).toString();
    const bool mayChangePin = m_pins && current.isValid() && (adult || !other);
    m_setPinButton->setVisible(m_pins);
    m_removePinButton->setVisible(m_pins);
    m_setPinButton->setEnabled(mayChangePin);
    m_setPinButton->setText(mayChangePin && m_pins->hasPin(selected) ? tr("Change &PIN…") : tr("Set &PIN…"));
    m_removePinButton->setEnabled(mayChangePin && m_pins->hasPin(selected));
}

void HouseholdPage::setMemberPins(MemberPins *pins, PinSetter setter)
{
    if (m_pins)
        disconnect(m_pins, nullptr, this, nullptr);
    m_pins = pins;
    m_pinSetter = std::move(setter);
    if (m_pins)
        connect(m_pins, &MemberPins::changed, this, &HouseholdPage::updateRemoveButton);
    updateRemoveButton();
}

void HouseholdPage::changeSelectedPin(bool remove)
{
    const QModelIndex current = m_membersView->currentIndex();
    if (!m_pins || !current.isValid())
        return;
    const QString id = current.data(MembersModel::IdRole).toString();
    const QString acting = m_data.engine.actingMemberId();
    const QString actorName = m_pins->hasPin(acting) ? m_data.members.nameOf(acting) : QString();
    MemberPinDialog dialog(remove ? MemberPinDialog::Mode::Remove : MemberPinDialog::Mode::Set,
                           current.data(MembersModel::NameRole).toString(), actorName,
                           [this, id](const QString &pin, const QString &actorPin) { return m_pinSetter(id, pin, actorPin); }, this);
    dialog.exec();
    m_membersView->setFocus();
}

void HouseholdPage::removeSelectedMember()
{
    const QModelIndex current = m_membersView->currentIndex();
    if (!current.isValid() || !m_gate->mayDelete(m_data.members))
        return;
    const QString id = current.data(MembersModel::IdRole).toString();
    const QString name = current.data(MembersModel::NameRole).toString();
    if (id == m_data.engine.actingMemberId()) {
        showError(m_memberError, m_joined ? tr("To take yourself out, choose Leave household…")
                                          : tr("You cannot remove yourself from this device's household."));
        return;
    }
    if (!m_confirmer.confirm(this, tr("Remove %1?").arg(name),
                             tr("%1 will no longer be part of the household. Their devices are signed out at once "
                                "and stop syncing, so this cannot be undone: to come back, %1 needs a new invite "
                                "code. What they added stays.")
                                 .arg(name),
                             tr("Remove %1").arg(name)))
        return;
    // Not through the undo history: their devices are gone, and undoing would not bring them back.
    const MutationResult r = m_data.members.remove(id);
    showError(m_memberError, r.ok ? QString() : r.error.message);
    m_membersView->setFocus();
}

void HouseholdPage::setDevices(const QList<DeviceRegistry::Device> &devices)
{
    auto *rows = static_cast<QVBoxLayout *>(m_devicesList->layout());
    // Later: this may run inside a Sign out button's click.
    while (QLayoutItem *item = rows->takeAt(0)) {
        if (QWidget *row = item->widget()) {
            row->hide();
            row->deleteLater();
        }
        delete item;
    }
    m_deviceNames.clear();
    const bool adult = m_gate->mayDelete(m_data.members);
    const QDate today = m_data.clock.today();
    for (const DeviceRegistry::Device &device : devices) {
        const QString name = device.name.isEmpty() ? tr("A device") : device.name;
        m_deviceNames << name;
        auto *row = new QWidget(m_devicesList);
        row->setObjectName(QStringLiteral("deviceRow"));
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(2 * Theme::kGrid);
        const bool online = !device.signedOut && m_online.contains(device.memberId);
        auto *text = new QLabel(row);
        text->setTextFormat(Qt::RichText);
        text->setText(QStringLiteral("<b>%1</b><br>%2 · %3")
                          .arg(name.toHtmlEscaped(), device.memberName.toHtmlEscaped(),
                               online ? Theme::dotHtml(Theme::fine()) + QLatin1Char(' ') + tr("online now")
                                      : lastSeenText(device, today).toHtmlEscaped()));
        text->setEnabled(!device.signedOut);
        layout->addWidget(text, 1);
        if (adult && !device.signedOut) {
            auto *signOutButton = new QPushButton(tr("Sign out"), row);
            signOutButton->setObjectName(QStringLiteral("signOutDeviceButton"));
            signOutButton->setProperty("deviceId", device.id);
            signOutButton->setProperty("secondary", true);
            signOutButton->setAccessibleName(tr("Sign out %1").arg(name));
            connect(signOutButton, &QPushButton::clicked, this, [this, device] { signOut(device); });
            layout->addWidget(signOutButton, 0, Qt::AlignVCenter);
        }
        rows->addWidget(row);
        if (m_devicesCard->isVisible())
            row->show(); // now, not at the next event loop pass
    }
    m_noDevices->setVisible(devices.isEmpty());
    m_signOutEveryDevice->setVisible(adult && std::any_of(devices.cbegin(), devices.cend(), [](const DeviceRegistry::Device &d) {
                                         return !d.signedOut;
                                     }));
    Theme::orderTabsAsRead(m_readingOrder); // the device rows were rebuilt
}

void HouseholdPage::signOut(const DeviceRegistry::Device &device)
{
    const QString name = device.name.isEmpty() ? tr("this device") : device.name;
    if (!m_confirmer.confirm(this, tr("Sign out %1?").arg(name),
                             tr("%1 (%2) stops syncing at once. %2 stays a member; to use that device again it "
                                "needs a new invite code.")
                                 .arg(name, device.memberName),
                             tr("Sign out")))
        return;
    Q_EMIT signOutDeviceRequested(device.id);
}

void HouseholdPage::leave()
{
    const QString household = m_data.household.household().name;
    if (!m_confirmer.confirm(this, tr("Leave %1?").arg(household.isEmpty() ? tr("the household") : household),
                             tr("You will no longer be a member: this device stops syncing and forgets the household, "
                                "and starts a new one of its own. What you added stays with the others. To come "
                                "back you need a new invite code."),
                             tr("Leave")))
        return;
    showLeaveError(QString());
    Q_EMIT leaveRequested();
}

void HouseholdPage::showLeaveError(const QString &message)
{
    showError(m_leaveError, message);
}

void HouseholdPage::addNew()
{
    if (m_memberNameEdit->isVisibleTo(this))
        m_memberNameEdit->setFocus();
}

void HouseholdPage::setSharing(bool hosting, bool joined)
{
    m_hosting = hosting;
    m_joined = joined;
    m_devicesCard->setVisible(hosting);
    m_leaveButton->setVisible(joined);
    if (!joined)
        showLeaveError(QString());
    if (joined)
        m_sharingText->setText(tr("This device is joined to the household hosted on another device: "
                                  "everyone's changes appear here as they happen."));
    else if (hosting)
        m_sharingText->setText(tr("This computer hosts the household on your network. Others join with its "
                                  "address and an invite code."));
    else
        m_sharingText->setText(tr("Only this device has the household so far. Host it, and phones and laptops "
                                  "on the same network can join and see every change at once."));
    m_hostButton->setText(hosting ? tr("Show address and code…") : tr("Host on this network…"));
    m_hostButton->setVisible(!joined);
    m_joinButton->setText(joined ? tr("Join another household…") : tr("Join a household…"));
}

void HouseholdPage::refresh()
{
    const Household h = m_data.household.household();
    // Never overwrite what the user is typing; a field that merely has the focus (the page's first)
    // still follows the household, or a name arriving later would leave it empty.
    if (!m_nameEdit->hasFocus() || !m_nameEdit->isModified())
        m_nameEdit->setText(h.name);
    if (!kCurrencies.contains(h.currency) && !h.currency.isEmpty())
        m_currencyCombo->addItem(h.currency);
    m_currencyCombo->setCurrentText(h.currency);
    m_pointRateEdit->setCurrency(h.currency);
    if (!m_pointRateEdit->hasFocus())
        m_pointRateEdit->setCents(h.pointRateCents * 10);
    const int rule = m_boughtToPantryCombo->findData(h.boughtToPantry);
    m_boughtToPantryCombo->setCurrentIndex(rule < 0 ? 0 : rule);
}

void HouseholdPage::showError(QLabel *label, const QString &message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

void HouseholdPage::saveName()
{
    const Household h = m_data.household.household();
    // No household row yet (a joined copy still waiting for it): nothing to rename.
    if (h.id.isEmpty() || m_nameEdit->text().trimmed() == h.name || !m_gate->mayUpdate(m_data.household))
        return;
    const MutationResult r = m_history.apply(m_data.household, m_data.household.renameMutation(m_nameEdit->text()),
                                             tr("Rename the household"));
    showError(m_nameError, r.ok ? QString() : r.error.message);
}

void HouseholdPage::saveCurrency()
{
    const Household h = m_data.household.household();
    if (m_currencyCombo->currentText() == h.currency || !m_gate->mayUpdate(m_data.household))
        return;
    m_history.apply(m_data.household, m_data.household.currencyMutation(m_currencyCombo->currentText()),
                    tr("Change the currency to %1").arg(m_currencyCombo->currentText()));
}

void HouseholdPage::savePointRate()
{
    const Household h = m_data.household.household();
    const std::optional<qint64> tenPoints = m_pointRateEdit->cents();
    if (!m_gate->mayUpdate(m_data.household))
        return;
    if (!tenPoints || *tenPoints < 10 || *tenPoints % 10 != 0) {
        showError(m_pointRateError, tr("Enter what ten points are worth, such as %1.").arg(Money::format(100, h.currency)));
        return;
    }
    showError(m_pointRateError, QString());
    if (*tenPoints / 10 == h.pointRateCents)
        return;
    const MutationResult r = m_history.apply(m_data.household, m_data.household.pointRateMutation(*tenPoints / 10),
                                             tr("Make 10 points worth %1").arg(Money::format(*tenPoints, h.currency)));
    showError(m_pointRateError, r.ok ? QString() : r.error.message);
}

void HouseholdPage::saveBoughtToPantry()
{
    const Household h = m_data.household.household();
    const QString rule = m_boughtToPantryCombo->currentData().toString();
    if (h.id.isEmpty() || rule == h.boughtToPantry || !m_gate->mayUpdate(m_data.household))
        return;
    m_history.apply(m_data.household, m_data.household.boughtToPantryMutation(rule),
                    tr("Bought items: %1").arg(m_boughtToPantryCombo->currentText()));
}

void HouseholdPage::addMember()
{
    if (!m_gate->mayCreate(m_data.members))
        return;
    const QString name = m_memberNameEdit->text().trimmed();
    const MutationResult r =
        m_history.apply(m_data.members, m_data.members.addMutation(name, m_memberRoleCombo->currentData().toString()),
                        tr("Add %1 to the household").arg(name));
    showError(m_memberError, r.ok ? QString() : r.error.message);
    if (r.ok)
        m_memberNameEdit->clear();
    else
        m_memberNameEdit->setFocus();
}

PageRegistration HouseholdPage::registration()
{
    PageRegistration page{kId, QT_TRANSLATE_NOOP("Pages", "Household"), "system-users", "household",
            [](const PageContext &context, QWidget *parent) -> Page * { return new HouseholdPage(context.data, context.history, context.confirmer, &context.connection, parent); }};
    page.collections = {Collection::Household, Collection::Members};
    return page;
}

} // namespace hearth
