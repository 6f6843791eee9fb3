#include "JoinDialog.h"

#include "DnsSd.h"
#include "HostCertificate.h"
#include "JoinLink.h"
#include "Pairing.h"
#include "Theme.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QRegularExpression>
#include <QHostAddress>
#include <QSignalBlocker>
#include <QUrlQuery>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace hearth {

namespace {

QLabel *makeError(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("fieldError"));
    label->setWordWrap(true);
    label->hide();
    return label;
}

// A field with its error line under it (and an optional hint), as one form cell.
QWidget *fieldCell(QWidget *editor, QLabel *error, const QString &hint, QWidget *parent)
{
    auto *cell = new QWidget(parent);
    auto *column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(Theme::kGrid / 2);
    column->addWidget(editor);
    if (!hint.isEmpty()) {
        QLabel *hintLabel = Theme::makeSubtitle(hint, cell);
        hintLabel->setWordWrap(true);
        column->addWidget(hintLabel);
    }
    column->addWidget(error);
    return cell;
}

} // namespace

JoinDialog::JoinDialog(const QString &defaultName, const QString &hostingName, QWidget *parent, HouseholdBrowser *browser)
    : QDialog(parent)
    , m_address(new QLineEdit(this))
    , m_code(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_device(new QLineEdit(this))
    , m_addressError(makeError(this))
    , m_codeError(makeError(this))
    , m_nameError(makeError(this))
    , m_progress(Theme::makeSubtitle(QString(), this))
    , m_join(Theme::makePrimaryButton(tr("Join"), this))
    , m_client(new PairingClient(this))
    , m_formPage(new QWidget(this))
    , m_confirmPage(new QWidget(this))
    , m_confirmText(Theme::makeSubtitle(QString(), this))
    , m_securityCode(new QLabel(this))
    , m_unencrypted(new QLabel(this))
    , m_match(Theme::makePrimaryButton(tr("They &match"), this))
    , m_differ(new QPushButton(tr("They &differ"), this))
    , m_browser(browser ? browser : new HouseholdBrowser(QDBusConnection::systemBus(), this))
    , m_found(new QListView(this))
    , m_discovery(Theme::makeSubtitle(QString(), this))
{
    setObjectName(QStringLiteral("joinDialog"));
    setWindowTitle(tr("Join a household"));

    auto *heading = new QLabel(tr("Join a household"), this);
    heading->setObjectName(QStringLiteral("headline"));
    QLabel *intro = Theme::makeSubtitle(
        tr("On the device that hosts the household, choose <b>File ▸ Host This Household</b>. "
           "Pick it below when it is listed, or type the address it shows; then the invite code."),
        this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);

    m_address->setObjectName(QStringLiteral("addressEdit"));
    m_address->setPlaceholderText(tr("for example 192.168.1.20:%1").arg(PairingClient::kDefaultPort));
    m_address->setClearButtonEnabled(true);

    m_code->setObjectName(QStringLiteral("inviteCodeEdit"));
    m_code->setPlaceholderText(QStringLiteral("ABCD 2345"));
    m_code->setMaxLength(12);
    QFont codeFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    codeFont.setPointSizeF(codeFont.pointSizeF() * 1.5);
    codeFont.setLetterSpacing(QFont::AbsoluteSpacing, 2);
    codeFont.setBold(true);
    m_code->setFont(codeFont);
    m_code->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9 -]{0,12}")), m_code));
    connect(m_code, &QLineEdit::textEdited, this, [this](const QString &text) {
        const int cursor = m_code->cursorPosition();
        m_code->setText(text.toUpper()); // codes are shown in capitals; typing them in any case is fine
        m_code->setCursorPosition(cursor);
    });

    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("for example Sam"));
    m_name->setText(defaultName);

    // The host lists devices by this name: the person's, not the machine's ("vm").
    m_device->setObjectName(QStringLiteral("deviceNameEdit"));
    m_device->setMaxLength(80);
    const auto followName = [this] {
        if (!m_deviceEdited)
            m_device->setText(m_name->text().trimmed().isEmpty() ? QString()
                                                                  : tr("%1's computer").arg(m_name->text().trimmed()));
    };
    connect(m_name, &QLineEdit::textChanged, this, followName);
    connect(m_device, &QLineEdit::textEdited, this, [this] { m_deviceEdited = true; });
    followName();
    connect(m_address, &QLineEdit::textChanged, this, [this] { takeJoinLink(); });
    // An address typed by hand is no longer the one the network announced.
    connect(m_address, &QLineEdit::textEdited, this, [this] { m_advertisedFingerprint.clear(); });

    // The households on this network (DNS-SD), a click away from filling in the address.
    m_found->setObjectName(QStringLiteral("foundHouseholdsList"));
    m_found->setModel(m_browser);
    m_found->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_found->setUniformItemSizes(true);
    m_found->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_found->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_found->setFixedHeight(3 * m_found->fontMetrics().height() + 5 * Theme::kGrid);
    m_found->setAccessibleName(tr("Households on this network"));
    connect(m_found, &QListView::clicked, this, [this](const QModelIndex &index) { pickFound(index.row()); });
    connect(m_found, &QListView::activated, this, [this](const QModelIndex &index) { pickFound(index.row()); });
    m_discovery->setObjectName(QStringLiteral("discoveryLabel"));
    m_discovery->setWordWrap(true);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_browser, signal, this, &JoinDialog::refreshDiscovery);
    connect(m_browser, &HouseholdBrowser::availabilityChanged, this, &JoinDialog::refreshDiscovery);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setHorizontalSpacing(2 * Theme::kGrid);
    form->setVerticalSpacing(Theme::kGrid + Theme::kGrid / 2);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto addRow = [&](const QString &label, QLineEdit *editor, QLabel *error, const QString &hint) {
        auto *caption = new QLabel(label, this);
        caption->setBuddy(editor);
        form->addRow(caption, fieldCell(editor, error, hint, this));
    };
    addRow(tr("&Address"), m_address, m_addressError, QString());
    addRow(tr("Invite &code"), m_code, m_codeError, tr("Eight letters and digits; spaces do not matter."));
    addRow(tr("Your &name"), m_name, m_nameError,
           tr("How the others see you. A code made for you by name joins you as that member."));
    auto *deviceCaption = new QLabel(tr("This &device"), this);
    deviceCaption->setBuddy(m_device);
    form->addRow(deviceCaption, m_device);

    m_progress->setObjectName(QStringLiteral("joinProgress"));
    m_progress->setWordWrap(true);
    m_progress->hide();

    auto *buttons = new QDialogButtonBox(Qt::Horizontal, this);
    buttons->addButton(Theme::makeSecondaryButton(tr("Cancel"), this), QDialogButtonBox::RejectRole); // no stock icon
    m_join->setObjectName(QStringLiteral("joinButton"));
    m_join->setDefault(true);
    buttons->addButton(m_join, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &JoinDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &JoinDialog::reject);

    auto *form_ = new QVBoxLayout(m_formPage);
    form_->setContentsMargins(0, 0, 0, 0);
    form_->setSpacing(Theme::kGrid);
    form_->addWidget(heading);
    form_->addWidget(intro);
    if (!hostingName.isEmpty()) {
        auto *banner = new QLabel(tr("This computer hosts %1 now. Joining another household stops that: "
                                     "the devices that joined it here lose their connection.")
                                      .arg(hostingName.toHtmlEscaped()),
                                  m_formPage);
        banner->setObjectName(QStringLiteral("banner"));
        banner->setProperty("level", QStringLiteral("warning"));
        banner->setWordWrap(true);
        form_->addWidget(banner);
    }
    form_->addSpacing(Theme::kGrid);
    auto *foundCaption = new QLabel(tr("On this network"), m_formPage);
    QFont bold = foundCaption->font();
    bold.setBold(true);
    foundCaption->setFont(bold);
    form_->addWidget(foundCaption);
    form_->addWidget(m_found);
    form_->addWidget(m_discovery);
    form_->addSpacing(Theme::kGrid);
    form_->addLayout(form);
    form_->addWidget(m_progress);
    form_->addSpacing(2 * Theme::kGrid);
    form_->addWidget(buttons);

    // --- Paired: compare the security codes before anything is kept ---
    auto *confirm = new QVBoxLayout(m_confirmPage);
    confirm->setContentsMargins(0, 0, 0, 0);
    confirm->setSpacing(Theme::kGrid);
    auto *confirmHeading = new QLabel(tr("Check the security code"), m_confirmPage);
    confirmHeading->setObjectName(QStringLiteral("headline"));
    confirm->addWidget(confirmHeading);
    m_confirmText->setParent(m_confirmPage);
    m_confirmText->setObjectName(QStringLiteral("confirmText"));
    m_confirmText->setWordWrap(true);
    m_confirmText->setTextFormat(Qt::RichText);
    confirm->addWidget(m_confirmText);
    confirm->addSpacing(Theme::kGrid);
    QFrame *codeCard = Theme::makeCard(m_confirmPage);
    auto *codeLayout = new QVBoxLayout(codeCard);
    codeLayout->setContentsMargins(3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid);
    m_securityCode->setParent(codeCard);
    m_securityCode->setObjectName(QStringLiteral("securityCodeLabel"));
    QFont big = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    big.setPointSizeF(m_securityCode->font().pointSizeF() * 2.2);
    big.setBold(true);
    big.setLetterSpacing(QFont::AbsoluteSpacing, 3);
    m_securityCode->setFont(big);
    m_securityCode->setAlignment(Qt::AlignCenter);
    m_securityCode->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QPalette accent = m_securityCode->palette();
    accent.setColor(QPalette::WindowText, Theme::accent());
    m_securityCode->setPalette(accent);
    codeLayout->addWidget(m_securityCode);
    confirm->addWidget(codeCard);
    m_unencrypted->setParent(m_confirmPage);
    m_unencrypted->setObjectName(QStringLiteral("banner"));
    m_unencrypted->setProperty("level", QStringLiteral("danger"));
    m_unencrypted->setWordWrap(true);
    m_unencrypted->setText(tr("This connection is not encrypted (the address starts with ws://), so there is no "
                              "security code to compare: anyone on the network could read or change what is sent. "
                              "Join this way only on a network you trust."));
    confirm->addWidget(m_unencrypted);
    confirm->addStretch(1);
    confirm->addSpacing(2 * Theme::kGrid);
    auto *confirmButtons = new QHBoxLayout;
    m_differ->setObjectName(QStringLiteral("differButton"));
    m_differ->setProperty("secondary", true);
    m_differ->setAutoDefault(false);
    m_match->setObjectName(QStringLiteral("matchButton"));
    confirmButtons->addWidget(m_differ);
    confirmButtons->addStretch(1);
    confirmButtons->addWidget(m_match);
    confirm->addLayout(confirmButtons);
    connect(m_match, &QPushButton::clicked, this, &JoinDialog::accept);
    connect(m_differ, &QPushButton::clicked, this, &JoinDialog::differ);
    m_confirmPage->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid, 2 * Theme::kGrid);
    layout->addWidget(m_formPage);
    layout->addWidget(m_confirmPage);
    setMinimumWidth(60 * Theme::kGrid);

    connect(m_client, &PairingClient::hostSeen, this, [this](const QUrl &hostUrl, const QString &fingerprint) {
        setBusy(false);
        // Whoever answers at the address a household was announced with must be the one announced.
        if (!m_advertisedFingerprint.isEmpty() && fingerprint != m_advertisedFingerprint) {
            m_client->cancel();
            return showError(m_addressError, m_address,
                             tr("%1 is not the host that announced this household on the network: its certificate is "
                                "different. Nothing was sent.")
                                 .arg(hostUrl.authority()));
        }
        showConfirmation(hostUrl, fingerprint);
    });
    connect(m_client, &PairingClient::paired, this, [this](const PairingClient::Result &result) {
        setBusy(false);
        m_result = result;
        QDialog::accept();
    });
    connect(m_client, &PairingClient::failed, this, [this](const QString &reason, bool refused, const QString &field) {
        setBusy(false);
        showForm();
        // A host that answered "no" is about the name when it says so, else the code; anything else
        // is about reaching the address.
        if (refused && field == QLatin1String("name"))
            showError(m_nameError, m_name, reason);
        else if (refused)
            showError(m_codeError, m_code, reason);
        else
            showError(m_addressError, m_address, reason);
    });
    refreshDiscovery();
    m_browser->start();
    m_address->setFocus();
}

void JoinDialog::hideHousehold(const QString &householdId)
{
    m_hiddenHousehold = householdId;
    refreshDiscovery();
}

void JoinDialog::refreshDiscovery()
{
    bool listed = false;
    for (int row = 0; row < m_browser->rowCount(); ++row) {
        const bool hidden = !m_hiddenHousehold.isEmpty() && m_browser->at(row).householdId == m_hiddenHousehold;
        m_found->setRowHidden(row, hidden);
        listed = listed || !hidden;
    }
    m_found->setVisible(listed || m_browser->isAvailable());
    // Quietly, in one line: typing the address is always there.
    m_discovery->setText(listed ? tr("Pick a household to fill in its address.")
                         : m_browser->isAvailable()
                             ? tr("Looking for households on this network…")
                             : tr("Households on this network cannot be listed here (no Avahi service answers); type the address."));
}

QString JoinDialog::discoveryText() const
{
    return m_discovery->text();
}

void JoinDialog::pickFound(int row)
{
    if (row < 0 || row >= m_browser->rowCount() || m_found->isRowHidden(row) || isBusy() || isConfirming())
        return;
    const FoundHousehold &found = m_browser->at(row);
    m_found->setCurrentIndex(m_browser->index(row));
    m_address->setText(found.address());
    m_linkFingerprint.clear();
    m_advertisedFingerprint = found.fingerprint;
    clearErrors();
    m_code->setFocus();
}

void JoinDialog::setJoinLink(const JoinLink &link)
{
    m_address->setText(link.host);
    m_code->setText(link.code);
    m_linkFingerprint = link.fingerprint;
    m_advertisedFingerprint.clear();
    clearErrors();
    (link.code.isEmpty() ? m_code : m_name)->setFocus();
}

QString JoinDialog::address() const
{
    return m_address->text();
}

QString JoinDialog::inviteCode() const
{
    return m_code->text();
}

bool JoinDialog::isBusy() const
{
    return m_client->isRunning();
}

QString JoinDialog::errorText() const
{
    QStringList errors;
    for (const QLabel *label : {m_addressError, m_codeError, m_nameError})
        if (!label->isHidden())
            errors << label->text();
    return errors.join(QLatin1Char('\n'));
}

bool JoinDialog::isConfirming() const
{
    return !m_confirmPage->isHidden();
}

QString JoinDialog::securityCode() const
{
    return isConfirming() && m_securityCode->isEnabled() ? m_securityCode->text() : QString();
}

QString JoinDialog::deviceName() const
{
    return m_device->text().trimmed();
}

bool JoinDialog::takeJoinLink()
{
    // hearth://join?host=192.168.1.20:8765&code=ABCD2345&fp=<SHA-256 hex>, as the QR code holds.
    const QUrl link(m_address->text().trimmed());
    if (link.scheme() != QLatin1String("hearth") || link.host() != QLatin1String("join")) {
        m_linkFingerprint.clear(); // an address typed over a link is compared by the person again
        return false;
    }
    const QUrlQuery query(link);
    const QString host = query.queryItemValue(QStringLiteral("host"));
    if (host.isEmpty())
        return false;
    // Only a whole fingerprint stands in for the comparison; anything shorter is compared by eye.
    static const QRegularExpression wholeFingerprint(QStringLiteral("^[0-9a-fA-F]{64}$"));
    const QString fingerprint = query.queryItemValue(QStringLiteral("fp"));
    m_linkFingerprint = wholeFingerprint.match(fingerprint).hasMatch() ? fingerprint.toLower() : QString();
    m_code->setText(query.queryItemValue(QStringLiteral("code")));
    QSignalBlocker quiet(m_address);
    m_address->setText(host);
    return true;
}

void JoinDialog::setAddress(const QString &address)
{
    m_address->setText(address);
    m_linkFingerprint.clear();
    m_advertisedFingerprint.clear();
    m_code->setFocus();
}

void JoinDialog::showConfirmation(const QUrl &hostUrl, const QString &fingerprint)
{
    const bool encrypted = !fingerprint.isEmpty();
    const bool here = hostUrl.host() == QLatin1String("localhost") || QHostAddress(hostUrl.host()).isLoopback();
    m_confirmText->setText(
        encrypted ? tr("<b>%1</b> answered. Its screen shows a <b>security code</b> under the invite code. "
                       "Compare it with this one: only if they are the same is the invite code sent.")
                        .arg(hostUrl.authority().toHtmlEscaped())
                  : tr("<b>%1</b> answered.").arg(hostUrl.authority().toHtmlEscaped()));
    m_securityCode->setText(encrypted ? HostCertificate::shortCode(fingerprint) : tr("No security code"));
    m_securityCode->setEnabled(encrypted);
    m_unencrypted->setText(here ? tr("This connection is not encrypted (the host speaks plain ws), but it does not leave "
                                     "this computer.")
                                : tr("This connection is not encrypted (the address starts with ws://), so there is no "
                                     "security code to compare: anyone on the network could read or change what is "
                                     "sent. Join this way only on a network you trust."));
    m_unencrypted->setVisible(!encrypted);
    m_match->setText(encrypted ? tr("They &match") : tr("&Join anyway"));
    m_differ->setText(encrypted ? tr("They &differ") : tr("&Cancel"));
    m_formPage->hide();
    m_confirmPage->show();
    m_match->setEnabled(true);
    m_match->setDefault(true);
    m_match->setFocus();
    QMetaObject::invokeMethod(this, &QWidget::adjustSize, Qt::QueuedConnection);
}

void JoinDialog::showForm()
{
    m_confirmPage->hide();
    m_formPage->show();
}

void JoinDialog::differ()
{
    // The invite code was never sent; nothing is kept.
    m_client->cancel();
    Q_EMIT mismatched();
    QDialog::reject();
}

void JoinDialog::accept()
{
    if (isConfirming()) {
        if (!m_client->isAwaitingConfirmation())
            return;
        m_match->setEnabled(false); // once: the code is on its way
        m_client->confirm();
        return;
    }
    if (isBusy())
        return;
    clearErrors();
    QString error;
    const std::optional<QUrl> hostUrl = PairingClient::hostUrlFromAddress(m_address->text(), &error);
    if (!hostUrl)
        return showError(m_addressError, m_address, error);
    const QString code = Pairing::normalizeCode(m_code->text());
    if (code.size() != 8)
        return showError(m_codeError, m_code,
                         code.isEmpty() ? tr("Type the invite code shown on the hosting device.")
                                        : tr("An invite code has 8 letters and digits; this one has %1.").arg(code.size()));
    // The name may stay empty: a code made for someone needs none, and the host says when it does.
    setBusy(true);
    m_progress->setText(tr("Asking %1…").arg(hostUrl->authority()));
    m_client->start(*hostUrl, {code, m_name->text().trimmed(), deviceName(), m_linkFingerprint});
}

void JoinDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_join->setEnabled(!busy);
    m_address->setReadOnly(busy);
    m_code->setReadOnly(busy);
    m_name->setReadOnly(busy);
    m_device->setReadOnly(busy);
}

void JoinDialog::showError(QLabel *label, QWidget *field, const QString &message)
{
    label->setText(message);
    label->show();
    field->setFocus(Qt::OtherFocusReason);
    if (auto *line = qobject_cast<QLineEdit *>(field))
        line->selectAll();
}

void JoinDialog::clearErrors()
{
    for (QLabel *label : {m_addressError, m_codeError, m_nameError}) {
        label->clear();
        label->hide();
    }
}

} // namespace hearth
