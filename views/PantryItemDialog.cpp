#include "PantryItemDialog.h"

#include "Clock.h"
#include "Dates.h"
#include "PantryModel.h"
#include "Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>
#include <optional>

namespace hearth {

namespace {

// Reads a quantity as people type it: "2", "0.5", "1,5", "1 000" in the user's locale or plainly.
std::optional<double> parseQuantity(QString text)
{
    text = text.trimmed();
    text.replace(QChar(0x2212), QLatin1Char('-')); // a typographic minus sign
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    double value = QLocale().toDouble(text, &ok);
    if (!ok)
        value = QLocale::c().toDouble(text, &ok);
    if (!ok) {
        text.replace(QLatin1Char(','), QLatin1Char('.'));
        value = QLocale::c().toDouble(text, &ok);
    }
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

QComboBox *makeSuggestionCombo(const QStringList &suggestions, const QString &current, const QString &placeholder,
                               QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->addItems(suggestions);
    combo->setCurrentIndex(-1);
    combo->setEditText(current);
    combo->lineEdit()->setPlaceholderText(placeholder);
    combo->lineEdit()->setClearButtonEnabled(false);
    return combo;
}

} // namespace

PantryItemDialog::PantryItemDialog(const PantryModel &model, const PantryItem &item, bool isNew, Submitter submitter,
                                   QWidget *parent)
    : QDialog(parent)
    , m_model(model)
    , m_original(item)
    , m_isNew(isNew)
    , m_submitter(std::move(submitter))
{
    setObjectName(QStringLiteral("pantryItemDialog"));
    setWindowTitle(isNew ? tr("Add to the pantry") : tr("Edit %1").arg(item.name));
    setMinimumWidth(56 * Theme::kGrid);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid, 2 * Theme::kGrid);
    layout->setSpacing(2 * Theme::kGrid);

    auto *heading = new QLabel(isNew ? tr("What did you bring home?") : tr("Edit %1").arg(item.name), this);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.35);
    headingFont.setWeight(QFont::DemiBold);
    heading->setFont(headingFont);
    heading->setObjectName(QStringLiteral("dialogHeading"));
    layout->addWidget(heading);

    auto *form = new QFormLayout;
    form->setHorizontalSpacing(2 * Theme::kGrid);
    form->setVerticalSpacing(Theme::kGrid + Theme::kGrid / 2);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("fieldError"));
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Problem"));
    m_error->hide();

    // Each field sits in a small column so its error message can appear right under it.
    const auto addRow = [&](QWidget *label, QWidget *field, QWidget *focusField) {
        auto *host = new QWidget(this);
        auto *column = new QVBoxLayout(host);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(Theme::kGrid / 2);
        column->addWidget(field);
        m_errorHosts.insert(focusField, host);
        // Labels line up with the field, not with the field plus its message.
        label->setFixedHeight(4 * Theme::kGrid);
        if (auto *text = qobject_cast<QLabel *>(label)) {
            text->setBuddy(focusField);
            text->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        }
        form->addRow(label, host);
    };

    m_name = new QLineEdit(item.name, this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. Oat milk"));
    m_name->setMaxLength(500);
    addRow(new QLabel(tr("&Name"), this), m_name, m_name);

    auto *amount = new QWidget(this);
    auto *amountRow = new QHBoxLayout(amount);
    amountRow->setContentsMargins(0, 0, 0, 0);
    amountRow->setSpacing(Theme::kGrid);
    m_quantity = new QLineEdit(PantryModel::formatQuantity(item.quantity), amount);
    m_quantity->setObjectName(QStringLiteral("quantityEdit"));
    m_quantity->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_quantity->setToolTip(tr("How many or how much; ↑ and ↓ change it by one."));
    m_quantity->setFixedWidth(12 * Theme::kGrid);
    m_quantity->installEventFilter(this);
    m_unit = makeSuggestionCombo(model.units(), item.unit, tr("pcs"), amount);
    m_unit->setObjectName(QStringLiteral("unitEdit"));
    m_unit->setAccessibleName(tr("Unit"));
    amountRow->addWidget(m_quantity);
    amountRow->addWidget(m_unit, 1);
    addRow(new QLabel(tr("&Quantity"), this), amount, m_quantity);
    m_errorHosts.insert(m_unit, m_errorHosts.value(m_quantity));

    m_category = makeSuggestionCombo(model.categories(), item.category, tr("e.g. Dairy"), this);
    m_category->setObjectName(QStringLiteral("categoryEdit"));
    addRow(new QLabel(tr("&Category"), this), m_category, m_category);

    m_location = makeSuggestionCombo(model.locations(), item.location, tr("e.g. Fridge"), this);
    m_location->setObjectName(QStringLiteral("locationEdit"));
    addRow(new QLabel(tr("Kept in"), this), m_location, m_location);
    m_location->setAccessibleName(tr("Location"));

    const QDate today = model.clock().today();
    auto *expiry = new QWidget(this);
    auto *expiryRow = new QHBoxLayout(expiry);
    expiryRow->setContentsMargins(0, 0, 0, 0);
    expiryRow->setSpacing(Theme::kGrid);
    m_expires = new QCheckBox(tr("&Expires"), this);
    m_expires->setObjectName(QStringLiteral("expiresCheck"));
    m_expires->setChecked(item.expiresOn.isValid());
    m_expiresOn = new QDateEdit(item.expiresOn.isValid() ? item.expiresOn : today.addDays(7), expiry);
    m_expiresOn->setObjectName(QStringLiteral("expiresEdit"));
    m_expiresOn->setCalendarPopup(true);
    m_expiresOn->setDisplayFormat(QStringLiteral("d MMM yyyy"));
    m_expiresOn->setDateRange(QDate(1900, 1, 1), QDate(9999, 12, 31));
    m_expiresOn->setEnabled(m_expires->isChecked());
    m_expiresOn->setAccessibleName(tr("Expiry date"));
    m_expiryHint = new QLabel(expiry);
    m_expiryHint->setObjectName(QStringLiteral("expiryHint"));
    QPalette hintPalette = m_expiryHint->palette();
    hintPalette.setColor(QPalette::WindowText, Theme::mutedText(this));
    m_expiryHint->setPalette(hintPalette);
    expiryRow->addWidget(m_expiresOn);
    expiryRow->addWidget(m_expiryHint, 1);
    addRow(m_expires, expiry, m_expiresOn);
    m_errorHosts.insert(m_expires, m_errorHosts.value(m_expiresOn));

    // Messages that belong to no single field (the item was deleted meanwhile, a conflict).
    m_generalErrorHost = new QWidget(this);
    auto *general = new QVBoxLayout(m_generalErrorHost);
    general->setContentsMargins(0, 0, 0, 0);
    general->addWidget(m_error);
    layout->addWidget(m_generalErrorHost);
    layout->addStretch(1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_ok = Theme::makePrimaryButton(isNew ? tr("Add to pantry") : tr("Save"), m_buttons);
    m_ok->setDefault(true);
    m_buttons->addButton(m_ok, QDialogButtonBox::AcceptRole);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PantryItemDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &PantryItemDialog::reject);

    m_fieldsByKey = {{QStringLiteral("name"), m_name},           {QStringLiteral("quantity"), m_quantity},
                     {QStringLiteral("unit"), m_unit},           {QStringLiteral("category"), m_category},
                     {QStringLiteral("location"), m_location},   {QStringLiteral("expires_on"), m_expiresOn}};

    // A message goes away as soon as its field is being fixed.
    connect(m_name, &QLineEdit::textEdited, this, [this] { clearError(m_name); });
    connect(m_quantity, &QLineEdit::textEdited, this, [this] { clearError(m_quantity); });
    connect(m_unit, &QComboBox::editTextChanged, this, [this] { clearError(m_unit); });
    connect(m_category, &QComboBox::editTextChanged, this, [this] { clearError(m_category); });
    connect(m_location, &QComboBox::editTextChanged, this, [this] { clearError(m_location); });
    connect(m_expiresOn, &QDateEdit::dateChanged, this, [this] {
        clearError(m_expiresOn);
        updateExpiryHint();
    });
    connect(m_expires, &QCheckBox::toggled, this, [this](bool on) {
        m_expiresOn->setEnabled(on);
        clearError(m_expiresOn);
        updateExpiryHint();
        if (on)
            m_expiresOn->setFocus();
    });
    updateExpiryHint();

    // Comfortable, touch-friendly fields.
    const std::initializer_list<QWidget *> fields{m_name, m_quantity, m_unit, m_category, m_location, m_expiresOn};
    for (QWidget *field : fields)
        field->setMinimumHeight(4 * Theme::kGrid);

    if (isNew)
        m_name->setFocus();
    else
        m_quantity->setFocus();
}

QPushButton *PantryItemDialog::okButton() const
{
    return m_ok;
}

QString PantryItemDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void PantryItemDialog::updateExpiryHint()
{
    m_expiryHint->setText(m_expires->isChecked() ? describeExpiry(m_expiresOn->date(), m_model.clock().today())
                                                 : tr("does not go off"));
}

bool PantryItemDialog::readItem(PantryItem *item)
{
    *item = m_original;
    item->name = m_name->text().trimmed();
    item->unit = m_unit->currentText().trimmed();
    item->category = m_category->currentText().trimmed();
    item->location = m_location->currentText().trimmed();
    item->expiresOn = m_expires->isChecked() ? m_expiresOn->date() : QDate();

    if (item->name.isEmpty()) {
        showErrorAt(m_name, tr("Give the item a name."));
        return false;
    }
    const std::optional<double> quantity = parseQuantity(m_quantity->text());
    if (!quantity) {
        showErrorAt(m_quantity, tr("Enter how much there is as a number, for example 2 or 0.5."));
        return false;
    }
    if (*quantity < 0) {
        showErrorAt(m_quantity, tr("Quantity cannot be negative."));
        return false;
    }
    item->quantity = *quantity;
    if (m_expires->isChecked() && !item->expiresOn.isValid()) {
        showErrorAt(m_expiresOn, tr("That is not a real date."));
        return false;
    }
    return true;
}

void PantryItemDialog::accept()
{
    clearError();
    PantryItem item;
    if (!readItem(&item))
        return;
    const MutationResult result = m_submitter ? m_submitter(item) : MutationResult{true, item.id, 0, 0, {}};
    if (!result.ok) {
        showError(result.error.field, result.error.message);
        return;
    }
    QDialog::accept();
}

void PantryItemDialog::showError(const QString &field, const QString &message)
{
    const QString text = message.isEmpty() ? tr("That did not work. Please try again.") : message;
    showErrorAt(m_fieldsByKey.value(field), text);
}

void PantryItemDialog::showErrorAt(QWidget *field, const QString &message)
{
    QWidget *host = m_errorHosts.value(field, m_generalErrorHost);
    if (QWidget *old = m_error->parentWidget(); old != host) {
        if (old && old->layout())
            old->layout()->removeWidget(m_error);
        host->layout()->addWidget(m_error);
    }
    m_error->setText(message);
    m_error->show();
    m_errorField = field;
    if (field) {
        field->setAccessibleDescription(message);
        if (field == m_expiresOn && !m_expires->isChecked())
            field = m_expires;
        field->setFocus(Qt::OtherFocusReason);
        if (auto *edit = qobject_cast<QLineEdit *>(field))
            edit->selectAll();
        else if (auto *combo = qobject_cast<QComboBox *>(field); combo && combo->lineEdit())
            combo->lineEdit()->selectAll();
    }
}

void PantryItemDialog::clearError(QWidget *field)
{
    if (field && field != m_errorField)
        return;
    if (m_errorField)
        m_errorField->setAccessibleDescription(QString());
    m_error->hide();
    m_error->clear();
    m_errorField = nullptr;
}

bool PantryItemDialog::eventFilter(QObject *watched, QEvent *event)
{
    // ↑ / ↓ in the quantity field count up and down, as in a spin box.
    if (watched == m_quantity && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down) {
            const double current = parseQuantity(m_quantity->text()).value_or(0);
            const double next = std::max(0.0, key == Qt::Key_Up ? std::floor(current) + 1 : std::ceil(current) - 1);
            m_quantity->setText(PantryModel::formatQuantity(next));
            clearError(m_quantity);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace hearth
