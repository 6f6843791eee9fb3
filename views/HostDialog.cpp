#include "HostDialog.h"

#include <QCoreApplication>

#include "ConnectionStatus.h"
#include "HouseholdData.h"
#include "Clock.h"
#include "Dates.h"
#include "HouseholdSession.h"
#include "QrCode.h"
#include "Theme.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QTimer>
#include <QLineEdit>
#include <QScreen>
#include <QScrollArea>
#include <QToolButton>
#include <QSignalBlocker>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace hearth {

namespace {

QLabel *makeCaption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text.toUpper(), parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    font.setLetterSpacing(QFont::AbsoluteSpacing, 1);
    font.setBold(true);
    label->setFont(font);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QLabel *makeBig(QWidget *parent, qreal scale, bool fixed)
{
    auto *label = new QLabel(parent);
    QFont font = fixed ? QFontDatabase::systemFont(QFontDatabase::FixedFont) : label->font();
    font.setPointSizeF(label->font().pointSizeF() * scale);
    font.setBold(true);
    if (fixed)
        font.setLetterSpacing(QFont::AbsoluteSpacing, 3);
    label->setFont(font);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

QLabel *makeError(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("fieldError"));
    label->setWordWrap(true);
    label->hide();
    return label;
}

// "ABCD2345" -> "ABCD 2345": two groups read aloud and typed more easily (spaces do not matter).
QString groupCode(const QString &code)
{
    return code.size() == 8 ? code.left(4) + QLatin1Char(' ') + code.mid(4) : code;
}

QString roleText(const QString &role)
{
    return role == Permissions::kChild ? HostDialog::tr("a child") : HostDialog::tr("an adult");
}

// Who a code is for: a member by name, or a new adult or child.
QString inviteeText(const Pairing::Invite &invite)
{
    return invite.memberName.isEmpty() ? roleText(invite.role) : invite.memberName;
}

constexpr int kMemberIdRole = Qt::UserRole + 1;

// "14:05 tomorrow", "09:30 today": when an invite stops working, as people say it.
QString untilText(const QDateTime &when, const QDate &today)
{
    const QDateTime local = when.toLocalTime();
    return HostDialog::tr("%1 %2").arg(describeTime(local.time()), describeDate(local.date(), today));
}

} // namespace

HostDialog::HostDialog(HouseholdSession &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_setupPage(new QWidget(this))
    , m_hostingPage(new QWidget(this))
    , m_setupIntro(Theme::makeSubtitle(QString(), this))
    , m_name(new QLineEdit(this))
    , m_nameError(makeError(this))
    , m_advanced(new QToolButton(this))
    , m_port(new QSpinBox(this))
    , m_portError(makeError(this))
    , m_start(Theme::makePrimaryButton(tr("Start hosting"), this))
    , m_addresses(makeBig(this, 1.7, false))
    , m_sameComputer(Theme::makeSubtitle(QString(), this))
    , m_code(makeBig(this, 2.4, true))
    , m_codeError(makeError(this))
    , m_expiry(Theme::makeSubtitle(QString(), this))
    , m_role(new QComboBox(this))
    , m_qr(new QrCodeWidget(this))
    , m_security(makeBig(this, 1.2, true))
    , m_invitesList(new QVBoxLayout)
    , m_noInvites(Theme::makeSubtitle(tr("No other codes are open."), this))
    , m_online(new QLabel(this))
    , m_stop(new QPushButton(tr("Stop hosting"), this))
    , m_copyLink(new QPushButton(tr("&Copy invite link"), this))
    , m_scroll(new QScrollArea(this))
{
    setObjectName(QStringLiteral("hostDialog"));
    setWindowTitle(tr("Share this household"));
    const auto margins = [](QLayout *layout) { layout->setContentsMargins(0, 0, 0, 0); };

    // --- Before hosting ---
    QWidget *setup = m_setupPage;
    auto *setupLayout = new QVBoxLayout(setup);
    margins(setupLayout);
    setupLayout->setSpacing(Theme::kGrid);
    auto *setupHeading = new QLabel(tr("Share this household"), setup);
    setupHeading->setObjectName(QStringLiteral("headline"));
    m_setupIntro->setWordWrap(true);
    m_setupIntro->setTextFormat(Qt::RichText);
    setupLayout->addWidget(setupHeading);
    setupLayout->addWidget(m_setupIntro);
    setupLayout->addSpacing(Theme::kGrid);
    // The first time this copy hosts, its member is still the placeholder "Me": ask who this is.
    m_name->setObjectName(QStringLiteral("hostNameEdit"));
    m_name->setPlaceholderText(tr("for example Jordan"));
    auto *nameCell = new QWidget(setup);
    auto *nameColumn = new QVBoxLayout(nameCell);
    margins(nameColumn);
    nameColumn->setSpacing(Theme::kGrid / 2);
    nameColumn->addWidget(m_name);
    QLabel *nameHint = Theme::makeSubtitle(tr("How the others see you in the household."), nameCell);
    nameHint->setWordWrap(true);
    nameColumn->addWidget(nameHint);
    nameColumn->addWidget(m_nameError);
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(0, 65535);
    m_port->setValue(PairingClient::kDefaultPort);
    m_port->setSpecialValueText(tr("Any free port"));
    m_port->setAccelerated(true);
    m_port->setMinimumWidth(20 * Theme::kGrid);
    auto *portCell = new QWidget(setup);
    auto *portColumn = new QVBoxLayout(portCell);
    margins(portColumn);
    portColumn->setSpacing(Theme::kGrid / 2);
    portColumn->addWidget(m_port, 0, Qt::AlignLeft);
    QLabel *portHint = Theme::makeSubtitle(
        tr("%1 is fine unless another program uses it; 0 picks any free port.").arg(PairingClient::kDefaultPort), portCell);
    portHint->setWordWrap(true);
    portColumn->addWidget(portHint);
    portColumn->addWidget(m_portError);
    auto *form = new QFormLayout;
    margins(form);
    form->setHorizontalSpacing(2 * Theme::kGrid);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *nameLabel = new QLabel(tr("Your &name"), setup);
    nameLabel->setBuddy(m_name);
    form->addRow(nameLabel, nameCell);
    m_nameRow = {nameLabel, nameCell};
    setupLayout->addLayout(form);
    // The port is for whoever needs it (another program on 8765); a family should not have to know it.
    m_advanced->setObjectName(QStringLiteral("advancedButton"));
    m_advanced->setText(tr("&Advanced"));
    m_advanced->setCheckable(true);
    m_advanced->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advanced->setArrowType(Qt::RightArrow);
    m_advanced->setAutoRaise(true);
    setupLayout->addWidget(m_advanced, 0, Qt::AlignLeft);
    auto *advanced = new QWidget(setup);
    advanced->setObjectName(QStringLiteral("advancedSection"));
    auto *advancedForm = new QFormLayout(advanced);
    margins(advancedForm);
    advancedForm->setHorizontalSpacing(2 * Theme::kGrid);
    advancedForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *portLabel = new QLabel(tr("&Port"), advanced);
    portLabel->setBuddy(m_port);
    portCell->setParent(advanced);
    advancedForm->addRow(portLabel, portCell);
    advanced->hide();
    setupLayout->addWidget(advanced);
    connect(m_advanced, &QToolButton::toggled, this, [this, advanced](bool open) {
        m_advanced->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        advanced->setVisible(open);
        fitToScreen();
    });
    setupLayout->addStretch(1);
    auto *setupButtons = new QDialogButtonBox(this);
    setupButtons->addButton(Theme::makeSecondaryButton(tr("Cancel"), this), QDialogButtonBox::RejectRole); // no stock icon
    m_start->setObjectName(QStringLiteral("startHostingButton"));
    m_start->setDefault(true);
    setupButtons->addButton(m_start, QDialogButtonBox::ActionRole);
    connect(setupButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_start, &QPushButton::clicked, this, &HostDialog::startHosting);
    m_setupButtons = setupButtons;

    // --- While hosting ---
    QWidget *hosting = m_hostingPage;
    auto *hostingLayout = new QVBoxLayout(hosting);
    margins(hostingLayout);
    hostingLayout->setSpacing(Theme::kGrid);
    auto *hostingHeading = new QLabel(tr("Others can join now"), hosting);
    hostingHeading->setObjectName(QStringLiteral("headline"));
    QLabel *hostingIntro = Theme::makeSubtitle(
        tr("On the other device, open Hearth and choose <b>File ▸ Join a Household</b>: pick this household "
           "where it is listed (or type the address), then type the code. Or send the invite link in a chat: "
           "opened on a computer where Hearth is installed, it fills all of it in."),
        hosting);
    hostingIntro->setTextFormat(Qt::RichText);
    hostingIntro->setWordWrap(true);
    hostingLayout->addWidget(hostingHeading);
    hostingLayout->addWidget(hostingIntro);
    hostingLayout->addSpacing(Theme::kGrid);

    // The card: what to type on the left, the same as a QR code on the right.
    QFrame *card = Theme::makeCard(hosting);
    m_card = card;
    card->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum); // never squeezed: the dialog grows instead
    auto *cardRow = new QHBoxLayout(card);
    cardRow->setContentsMargins(3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid);
    cardRow->setSpacing(3 * Theme::kGrid);
    auto *cardLayout = new QVBoxLayout;
    cardLayout->setSpacing(Theme::kGrid / 2);
    cardRow->addLayout(cardLayout, 1);
    cardLayout->addWidget(makeCaption(tr("Address"), card));
    m_addresses->setObjectName(QStringLiteral("addressLabel"));
    m_addresses->setParent(card);
    cardLayout->addWidget(m_addresses);
    m_sameComputer->setParent(card);
    m_sameComputer->setWordWrap(false); // one short line: a wrapped label's height is not reserved in this card
    m_sameComputer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    cardLayout->addWidget(m_sameComputer);
    cardLayout->addSpacing(2 * Theme::kGrid);
    cardLayout->addWidget(makeCaption(tr("Invite code"), card));
    m_code->setObjectName(QStringLiteral("inviteCodeLabel"));
    m_code->setParent(card);
    m_code->setWordWrap(false);
    QPalette accent = m_code->palette();
    accent.setColor(QPalette::WindowText, Theme::accent());
    m_code->setPalette(accent);
    cardLayout->addWidget(m_code);
    m_expiry->setObjectName(QStringLiteral("inviteExpiryLabel"));
    m_expiry->setParent(card);
    cardLayout->addWidget(m_expiry);
    m_codeError->setParent(card);
    cardLayout->addWidget(m_codeError);
    cardLayout->addSpacing(Theme::kGrid);
    auto *codeRow = new QHBoxLayout;
    codeRow->setSpacing(Theme::kGrid);
    auto *roleLabel = new QLabel(tr("Next code &for"), card);
    m_role->setObjectName(QStringLiteral("inviteRoleCombo"));
    m_role->setParent(card);
    m_role->setToolTip(tr("A new adult or child, or someone already in the household (they join as themselves). "
                          "A child can keep the pantry and the shopping list, and record spending; "
                          "only adults change the budget, goals and members."));
    fillInviteTargets();
    connect(&m_session.data().members, &QAbstractItemModel::rowsInserted, this, &HostDialog::fillInviteTargets);
    connect(&m_session.data().members, &QAbstractItemModel::rowsRemoved, this, &HostDialog::fillInviteTargets);
    connect(&m_session.data().members, &QAbstractItemModel::dataChanged, this, &HostDialog::fillInviteTargets);
    connect(&m_session.data().members, &QAbstractItemModel::modelReset, this, &HostDialog::fillInviteTargets);
    roleLabel->setBuddy(m_role);
    auto *newCodeButton = new QPushButton(Theme::icon("view-refresh", "redo"), tr("&New code"), card);
    newCodeButton->setObjectName(QStringLiteral("newCodeButton"));
    newCodeButton->setProperty("secondary", true);
    newCodeButton->setToolTip(tr("Make another code, for example for a child, or when this one was shared too widely."));
    codeRow->addWidget(roleLabel);
    codeRow->addWidget(m_role);
    codeRow->addWidget(newCodeButton);
    codeRow->addStretch(1);
    cardLayout->addLayout(codeRow);
    cardLayout->addStretch(1);

    auto *qrColumn = new QVBoxLayout;
    qrColumn->setSpacing(Theme::kGrid / 2);
    m_qr->setObjectName(QStringLiteral("inviteQrCode"));
    m_qr->setParent(card);
    m_qr->setFixedSize(22 * Theme::kGrid, 22 * Theme::kGrid);
    qrColumn->addWidget(m_qr, 0, Qt::AlignHCenter);
    // Nothing in Hearth reads this square: it is the link, for whatever can carry it.
    QLabel *qrCaption = Theme::makeSubtitle(tr("The invite link as a QR code"), card);
    qrCaption->setObjectName(QStringLiteral("qrCaption"));
    qrCaption->setAlignment(Qt::AlignHCenter);
    qrColumn->addWidget(qrCaption);
    m_copyLink->setObjectName(QStringLiteral("copyInviteLinkButton"));
    m_copyLink->setParent(card);
    m_copyLink->setProperty("secondary", true);
    m_copyLink->setAutoDefault(false);
    m_copyLink->setToolTip(tr("Copies hearth://join?… to send in a chat. It holds the invite code: send it only to "
                              "whoever should join."));
    qrColumn->addWidget(m_copyLink, 0, Qt::AlignHCenter);
    connect(m_copyLink, &QPushButton::clicked, this, &HostDialog::copyInviteLink);
    qrColumn->addStretch(1);
    cardRow->addLayout(qrColumn);
    hostingLayout->addWidget(card);

    // The security code, to compare on both screens: a device in between would show another.
    hostingLayout->addSpacing(Theme::kGrid);
    hostingLayout->addWidget(makeCaption(tr("Security code"), hosting));
    m_security->setObjectName(QStringLiteral("securityCodeLabel"));
    m_security->setParent(hosting);
    hostingLayout->addWidget(m_security);
    QLabel *securityHint = Theme::makeSubtitle(
        tr("The joining device shows the same code before it joins. If it shows another, stop there: it may not "
           "be talking to this computer."),
        hosting);
    securityHint->setWordWrap(true);
    hostingLayout->addWidget(securityHint);

    // The other codes still open, each with Revoke.
    hostingLayout->addSpacing(Theme::kGrid);
    hostingLayout->addWidget(makeCaption(tr("Open invite codes"), hosting));
    m_invitesList->setSpacing(Theme::kGrid / 2);
    m_invitesList->setContentsMargins(0, 0, 0, 0);
    hostingLayout->addLayout(m_invitesList);
    m_noInvites->setObjectName(QStringLiteral("emptyState"));
    m_noInvites->setParent(hosting);
    hostingLayout->addWidget(m_noInvites);
    hostingLayout->addSpacing(Theme::kGrid);
    m_online->setObjectName(QStringLiteral("onlineLabel"));
    m_online->setTextFormat(Qt::RichText);
    hostingLayout->addWidget(m_online);
    hostingLayout->addStretch(1);
    // Stop on the left, away from Done.
    auto *hostingButtons = new QHBoxLayout;
    m_stop->setObjectName(QStringLiteral("stopHostingButton"));
    m_stop->setProperty("secondary", true);
    m_stop->setAutoDefault(false);
    QPushButton *done = Theme::makePrimaryButton(tr("Done"), this);
    done->setObjectName(QStringLiteral("doneButton"));
    done->setDefault(true);
    hostingButtons->addWidget(m_stop);
    hostingButtons->addStretch(1);
    hostingButtons->addWidget(done);
    connect(done, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_stop, &QPushButton::clicked, this, &HostDialog::stopHosting);
    connect(newCodeButton, &QPushButton::clicked, this, &HostDialog::newCode);
    m_hostingButtons = new QWidget(this);
    hostingButtons->setContentsMargins(0, 0, 0, 0);
    m_hostingButtons->setLayout(hostingButtons);
    m_stop->setParent(m_hostingButtons);

    // One page shows at a time, in a scroll area: a long page scrolls inside the dialog, whose
    // buttons stay in view under it (at 1024×600 too).
    m_content = new QWidget(this);
    m_content->setObjectName(QStringLiteral("hostContent"));
    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid, Theme::kGrid);
    contentLayout->addWidget(m_setupPage);
    contentLayout->addWidget(m_hostingPage);
    m_scroll->setObjectName(QStringLiteral("hostScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setWidget(m_content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 2 * Theme::kGrid);
    layout->setSpacing(Theme::kGrid);
    layout->addWidget(m_scroll, 1);
    auto *buttonRow = new QVBoxLayout;
    buttonRow->setContentsMargins(3 * Theme::kGrid, 0, 3 * Theme::kGrid, 0);
    buttonRow->addWidget(m_setupButtons);
    buttonRow->addWidget(m_hostingButtons);
    layout->addLayout(buttonRow);
    setMinimumWidth(std::min(80 * Theme::kGrid, 1000));

    m_hostingPage->hide();
    m_hostingButtons->hide();
    const bool askName = m_session.hasPlaceholderName();
    m_nameRow.first->setVisible(askName);
    m_nameRow.second->setVisible(askName);
    connect(&m_session.status(), &ConnectionStatus::changed, this, &HostDialog::refresh);
    connect(&m_session, &HouseholdSession::invitesChanged, this, &HostDialog::refreshInvites);
    refresh();
    if (m_session.isHosting())
        showCurrentCode();
}

void HostDialog::fillInviteTargets()
{
    // A new adult or child, then everyone already in the household but the person hosting: "this
    // code is for Sam" (the owner `hearthd household create` made, a member added by hand).
    const QString chosen = m_role->currentData(kMemberIdRole).toString();
    const QString chosenRole = m_role->currentData().toString();
    QSignalBlocker quiet(m_role);
    m_role->clear();
    m_role->addItem(tr("An adult"), Permissions::kAdult);
    m_role->addItem(tr("A child"), Permissions::kChild);
    const MembersModel &members = m_session.data().members;
    const QString me = m_session.engine().actingMemberId();
    for (int row = 0; row < members.rowCount(); ++row) {
        const Member &member = members.at(row);
        if (member.id == me)
            continue;
        m_role->addItem(member.name, member.role);
        m_role->setItemData(m_role->count() - 1, member.id, kMemberIdRole);
    }
    const int index = chosen.isEmpty() ? m_role->findData(chosenRole) : m_role->findData(chosen, kMemberIdRole);
    m_role->setCurrentIndex(std::max(0, index));
}

void HostDialog::showCurrentCode()
{
    // Opening the dialog again shows the newest code still open rather than making one more:
    // every code is a way in, so there are no more of them than were asked for.
    const auto open = m_session.openInvites();
    if (open.isEmpty()) {
        newCode();
        return;
    }
    m_codeText = open.first().code;
    m_role->setCurrentIndex(std::max(0, open.first().memberId.isEmpty() ? m_role->findData(open.first().role)
                                                                          : m_role->findData(open.first().memberId, kMemberIdRole)));
    refreshInvites();
}

QString HostDialog::inviteCode() const
{
    return m_codeText;
}

QStringList HostDialog::addresses() const
{
    return m_session.hostAddresses();
}

QString HostDialog::errorText() const
{
    for (const QLabel *error : {m_nameError, m_portError, m_codeError})
        if (!error->isHidden())
            return error->text();
    return QString();
}

bool HostDialog::showsHosting() const
{
    return !m_hostingPage->isHidden();
}

QString HostDialog::expiryText() const
{
    return m_expiry->text();
}

QString HostDialog::securityCode() const
{
    return m_security->text();
}

QString HostDialog::qrText() const
{
    return m_qr->text();
}

void HostDialog::copyInviteLink()
{
    if (m_qr->text().isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_qr->text());
    m_copyLink->setText(tr("Copied"));
    QTimer::singleShot(std::chrono::seconds(2), m_copyLink, [this] { m_copyLink->setText(tr("&Copy invite link")); });
}

QStringList HostDialog::openInviteCodes() const
{
    return m_inviteCodes;
}

void HostDialog::startHosting()
{
    m_portError->hide();
    m_nameError->hide();
    QString error;
    if (m_nameRow.second->isVisibleTo(this)) {
        const QString name = m_name->text().trimmed();
        if (name.isEmpty() || !m_session.setMemberName(name, &error)) {
            m_nameError->setText(name.isEmpty() ? tr("Say who you are, so the others know who changed what.") : error);
            m_nameError->show();
            m_name->setFocus();
            return;
        }
        m_nameRow.first->hide();
        m_nameRow.second->hide();
    }
    const QHostAddress address = m_listenAddress.isEmpty() ? QHostAddress(QHostAddress::AnyIPv4) : QHostAddress(m_listenAddress);
    if (!m_session.startHosting(quint16(m_port->value()), &error, address)) {
        m_portError->setText(error);
        m_portError->show();
        m_advanced->setChecked(true); // the port is what to change: show it
        m_port->setFocus();
        m_port->selectAll();
        return;
    }
    newCode();
    refresh();
}

void HostDialog::stopHosting()
{
    m_session.stopHosting();
    m_codeText.clear();
    m_qr->setText(QString());
    refresh();
}

void HostDialog::newCode()
{
    QString error;
    const QString memberId = m_role->currentData(kMemberIdRole).toString();
    const QString code = memberId.isEmpty() ? m_session.createInviteCode(&error, m_role->currentData().toString())
                                            : m_session.createInviteCodeFor(memberId, &error);
    m_codeError->setVisible(code.isEmpty());
    m_codeError->setText(error);
    if (code.isEmpty())
        return;
    m_codeText = code;
    refreshInvites();
}

void HostDialog::revoke(const QString &code)
{
    const bool shown = code == m_codeText;
    if (!m_session.revokeInvite(code))
        return;
    if (shown) {
        // The code on show is gone: show the newest one still open, if any.
        const auto open = m_session.openInvites();
        m_codeText = open.isEmpty() ? QString() : open.constFirst().code;
    }
    refreshInvites();
}

void HostDialog::refreshInvites()
{
    const auto open = m_session.openInvites();
    const QDate today = m_session.clock().today();
    // The code on show.
    const auto shown = std::find_if(open.cbegin(), open.cend(), [this](const Pairing::Invite &i) { return i.code == m_codeText; });
    if (shown == open.cend())
        m_codeText.clear();
    m_code->setText(m_codeText.isEmpty() ? tr("No code") : groupCode(m_codeText));
    m_expiry->setText(shown == open.cend()
                          ? tr("Press New code to let someone join.")
                          : tr("Valid until %1, once, for %2.").arg(untilText(shown->expiresAt, today), inviteeText(*shown)));
    const QStringList addresses = m_session.hostAddresses();
    m_qr->setText(m_codeText.isEmpty() || addresses.isEmpty()
                      ? QString()
                      : QrCode::joinLink(addresses.constFirst(), m_codeText, m_session.hostFingerprint()));
    m_copyLink->setEnabled(!m_qr->text().isEmpty());
    m_security->setText(m_session.hostCertificateCode());

    // The others, each with Revoke (the one on show too, last in its row).
    // Later: this may run inside a Revoke button's click.
    while (QLayoutItem *item = m_invitesList->takeAt(0)) {
        if (QWidget *row = item->widget()) {
            row->hide();
            row->deleteLater();
        }
        delete item;
    }
    m_inviteCodes.clear();
    for (const Pairing::Invite &invite : open) {
        m_inviteCodes << invite.code;
        auto *row = new QWidget(m_hostingPage);
        auto *rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->setSpacing(2 * Theme::kGrid);
        auto *code = new QLabel(groupCode(invite.code), row);
        QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        fixed.setBold(true);
        code->setFont(fixed);
        code->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QString what = tr("for %1, until %2").arg(inviteeText(invite), untilText(invite.expiresAt, today));
        if (invite.code == m_codeText)
            what += tr(" · shown above");
        auto *detail = new QLabel(what, row);
        detail->setForegroundRole(QPalette::PlaceholderText);
        auto *revokeButton = new QPushButton(tr("Revoke"), row);
        revokeButton->setObjectName(QStringLiteral("revokeInviteButton"));
        revokeButton->setProperty("code", invite.code);
        revokeButton->setProperty("secondary", true);
        revokeButton->setAutoDefault(false);
        revokeButton->setAccessibleName(tr("Revoke the code %1").arg(groupCode(invite.code)));
        connect(revokeButton, &QPushButton::clicked, this, [this, c = invite.code] { revoke(c); });
        rowLayout->addWidget(code);
        rowLayout->addWidget(detail, 1);
        rowLayout->addWidget(revokeButton);
        m_invitesList->addWidget(row);
        if (m_hostingPage->isVisible())
            row->show(); // now, so the dialog can take its size at once
    }
    m_noInvites->setVisible(open.isEmpty());
    if (isVisible())
        QMetaObject::invokeMethod(this, [this] { fitToScreen(); }, Qt::QueuedConnection);
}

void HostDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // The style sheet's fonts arrive with the first show: take the size they need, once they have.
    QMetaObject::invokeMethod(
        this,
        [this] {
            // The card holds what must not be cut (the code, the QR code): at least its own height.
            m_card->setMinimumHeight(m_card->layout()->totalSizeHint().height());
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // the layouts take it in
            fitToScreen();
        },
        Qt::QueuedConnection);
}

void HostDialog::fitToScreen()
{
    const QScreen *screen = this->screen();
    fitWithin(screen ? screen->availableGeometry().size() : QSize(1024, 600));
}

void HostDialog::fitWithin(const QSize &available)
{
    // What the page asks for, but never more than the screen: the rest scrolls.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    const QWidget *buttons = showsHosting() ? m_hostingButtons : m_setupButtons;
    const QMargins margins = layout()->contentsMargins();
    const int chrome = buttons->sizeHint().height() + layout()->spacing() + margins.top() + margins.bottom();
    const int frame = std::max(0, frameGeometry().height() - geometry().height());
    const int width = std::min(std::max(minimumWidth(), m_content->sizeHint().width()), available.width());
    const int content = m_content->hasHeightForWidth() ? m_content->heightForWidth(width) : m_content->sizeHint().height();
    resize(width, std::min(content + chrome, available.height() - frame));
}

void HostDialog::refresh()
{
    const bool hosting = m_session.isHosting();
    if (showsHosting() != hosting) {
        m_setupPage->setVisible(!hosting);
        m_setupButtons->setVisible(!hosting);
        m_hostingPage->setVisible(hosting);
        m_hostingButtons->setVisible(hosting);
        QMetaObject::invokeMethod(this, [this] { fitToScreen(); }, Qt::QueuedConnection);
    }
    const QString household = m_session.data().household.household().name.toHtmlEscaped();
    m_setupIntro->setText(
        tr("Host <b>%1</b> on this computer, so phones and laptops on the same network can join it and see "
           "every change at once. Nothing leaves your home network.")
            .arg(household.isEmpty() ? tr("this household") : household));
    if (!hosting)
        return;
    QStringList addresses = m_session.hostAddresses();
    const QString loopback = QStringLiteral("127.0.0.1:") + QString::number(m_session.hostPort());
    const bool onlyHere = addresses.size() == 1 && addresses.first() == loopback;
    if (!onlyHere)
        addresses.removeAll(loopback);
    m_addresses->setText(addresses.isEmpty() ? tr("No network found") : addresses.join(QLatin1Char('\n')));
    m_sameComputer->setText(tr("A second copy on this computer: %1").arg(loopback));
    m_sameComputer->setVisible(!onlyHere);
    const int online = m_session.membersOnline();
    m_online->setText(Theme::dotHtml(online > 0 ? Theme::fine() : Theme::mutedText(this)) + QLatin1Char(' ')
                      + (online > 0 ? tr("%n device(s) connected", nullptr, online) : tr("Nobody has joined yet")));
}

} // namespace hearth
