#include "HouseholdPage.h"

#include "EditHistory.h"
#include "HouseholdData.h"
#include "RoleGate.h"
#include "Theme.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
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
class MemberDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

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
            ? QObject::tr("Child")
            : QObject::tr("Adult");
        painter->drawText(text, Qt::AlignRight | Qt::AlignVCenter, role);
        painter->restore();
    }
};

} // namespace

HouseholdPage::HouseholdPage(HouseholdData &data, EditHistory &history, QWidget *parent)
    : Page(parent)
    , m_data(data)
    , m_history(history)
    , m_gate(new RoleGate(data, this))
    , m_nameEdit(new QLineEdit(this))
    , m_nameError(new QLabel(this))
    , m_currencyCombo(new QComboBox(this))
    , m_membersView(new QListView(this))
    , m_memberNameEdit(new QLineEdit(this))
    , m_memberRoleCombo(new QComboBox(this))
    , m_memberError(new QLabel(this))
    , m_sharingText(Theme::makeSubtitle(QString(), this))
    , m_hostButton(Theme::makePrimaryButton(QString(), this))
    , m_joinButton(new QPushButton(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4 * Theme::kGrid, 3 * Theme::kGrid, 4 * Theme::kGrid, 3 * Theme::kGrid);
    layout->setSpacing(2 * Theme::kGrid);
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
    sharingButtons->addWidget(m_hostButton);
    sharingButtons->addWidget(m_joinButton);
    sharingButtons->addStretch(1);
    sharing->addSpacing(Theme::kGrid / 2);
    sharing->addLayout(sharingButtons);
    left->addWidget(sharingCard);
    left->addStretch(1);
    columns->addLayout(left, 1);
    connect(m_hostButton, &QPushButton::clicked, this, &HouseholdPage::hostRequested);
    connect(m_joinButton, &QPushButton::clicked, this, &HouseholdPage::joinRequested);
    setSharing(false, false);

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
    m_membersView->setItemDelegate(new MemberDelegate(m_membersView));
    m_membersView->setFrameShape(QFrame::NoFrame);
    m_membersView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_membersView->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_membersView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    members->addWidget(m_membersView);
    columns->addWidget(membersCard, 1, Qt::AlignTop);

    connect(m_nameEdit, &QLineEdit::editingFinished, this, &HouseholdPage::saveName);
    connect(m_currencyCombo, &QComboBox::activated, this, &HouseholdPage::saveCurrency);
    connect(add, &QPushButton::clicked, this, &HouseholdPage::addMember);
    connect(m_memberNameEdit, &QLineEdit::returnPressed, this, &HouseholdPage::addMember);
    connect(&m_data.household, &QAbstractItemModel::dataChanged, this, &HouseholdPage::refresh);
    connect(&m_data.household, &QAbstractItemModel::modelReset, this, &HouseholdPage::refresh);
    connect(m_gate, &RoleGate::changed, this, &HouseholdPage::applyRole);
    refresh();
    applyRole();
}

HouseholdPage::~HouseholdPage()
{
    // Closing a window with the focus in the name field finishes editing after this page is gone.
    disconnect(m_nameEdit, nullptr, this, nullptr);
}

void HouseholdPage::applyRole()
{
    // Household settings and members: shown read-only to a role that may not change them.
    const bool settings = m_gate->allows(Collection::Household, MutationOp::Update);
    m_nameEdit->setReadOnly(!settings);
    m_currencyCombo->setEnabled(settings);
    m_settingsNote->setVisible(!settings);
    if (!settings) {
        showError(m_nameError, QString());
        refresh();
    }
    const bool members = m_gate->allows(Collection::Members, MutationOp::Create);
    m_memberNameEdit->setVisible(members);
    m_memberRoleCombo->setVisible(members);
    m_addMemberButton->setVisible(members);
    m_membersNote->setVisible(!members);
    if (!members)
        showError(m_memberError, QString());
}

void HouseholdPage::addNew()
{
    if (m_memberNameEdit->isVisibleTo(this))
        m_memberNameEdit->setFocus();
}

void HouseholdPage::setSharing(bool hosting, bool joined)
{
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
    if (!m_nameEdit->hasFocus()) // never overwrite what the user is typing
        m_nameEdit->setText(h.name);
    if (!kCurrencies.contains(h.currency) && !h.currency.isEmpty())
        m_currencyCombo->addItem(h.currency);
    m_currencyCombo->setCurrentText(h.currency);
}

void HouseholdPage::showError(QLabel *label, const QString &message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

void HouseholdPage::saveName()
{
    const Household h = m_data.household.household();
    if (m_nameEdit->text().trimmed() == h.name || !m_gate->allows(Collection::Household, MutationOp::Update))
        return;
    const MutationResult r = m_history.apply(
        m_data.household,
        Mutation{{}, Collection::Household, MutationOp::Update, h.id, -1, {{QStringLiteral("name"), m_nameEdit->text()}}},
        tr("Rename the household"));
    showError(m_nameError, r.ok ? QString() : r.error.message);
}

void HouseholdPage::saveCurrency()
{
    const Household h = m_data.household.household();
    if (m_currencyCombo->currentText() == h.currency || !m_gate->allows(Collection::Household, MutationOp::Update))
        return;
    m_history.apply(m_data.household,
                    Mutation{{}, Collection::Household, MutationOp::Update, h.id, -1,
                             {{QStringLiteral("currency"), m_currencyCombo->currentText()}}},
                    tr("Change the currency to %1").arg(m_currencyCombo->currentText()));
}

void HouseholdPage::addMember()
{
    if (!m_gate->allows(Collection::Members, MutationOp::Create))
        return;
    const QString name = m_memberNameEdit->text().trimmed();
    const MutationResult r = m_history.apply(
        m_data.members,
        Mutation{{}, Collection::Members, MutationOp::Create, {}, -1,
                 {{QStringLiteral("name"), name}, {QStringLiteral("role"), m_memberRoleCombo->currentData().toString()}}},
        tr("Add %1 to the household").arg(name));
    showError(m_memberError, r.ok ? QString() : r.error.message);
    if (r.ok)
        m_memberNameEdit->clear();
    else
        m_memberNameEdit->setFocus();
}

} // namespace hearth
