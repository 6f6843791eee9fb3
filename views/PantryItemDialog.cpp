#include "PantryItemDialog.h"

#include "Clock.h"
#include "Dates.h"
#include "PantryModel.h"
#include "Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>

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
    : FormDialog(parent)
    , m_model(model)
    , m_original(item)
    , m_isNew(isNew)
    , m_submitter(std::move(submitter))
{
    setObjectName(QStringLiteral("pantryItemDialog"));
    setHeading(isNew ? tr("What did you bring home?") : tr("Edit %1").arg(item.name));
    setSaveText(isNew ? tr("Add to pantry") : tr("Save"));

    m_name = new QLineEdit(item.name, this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. Oat milk"));
    m_name->setMaxLength(500);

    // How much and of what, on one line; the row's focus (and its errors' focus) is the number.
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
    amount->setFocusProxy(m_quantity);

    m_category = makeSuggestionCombo(model.categories(), item.category, tr("e.g. Dairy"), this);
    m_category->setObjectName(QStringLiteral("categoryEdit"));
    m_location = makeSuggestionCombo(model.locations(), item.location, tr("e.g. Fridge"), this);
    m_location->setObjectName(QStringLiteral("locationEdit"));
    m_location->setAccessibleName(tr("Location"));

    const QDate today = model.clock().today();
    auto *expiry = new QWidget(this);
    auto *expiryRow = new QHBoxLayout(expiry);
    expiryRow->setContentsMargins(0, 0, 0, 0);
    expiryRow->setSpacing(Theme::kGrid);
    m_expires = new QCheckBox(tr("Goes off"), expiry);
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
    expiryRow->addWidget(m_expires);
    expiryRow->addWidget(m_expiresOn);
    expiryRow->addWidget(m_expiryHint, 1);
    expiry->setFocusProxy(m_expires);

    // In reading order, which is also the tab order.
    addField(tr("&Name"), m_name, QStringLiteral("name"));
    addField(tr("&Quantity"), amount, QStringLiteral("quantity"));
    addField(tr("&Category"), m_category, QStringLiteral("category"));
    addField(tr("&Kept in"), m_location, QStringLiteral("location"));
    addField(tr("&Expires"), expiry, QStringLiteral("expires_on"));
    m_minimum = new QLineEdit(item.minQuantity > 0 ? PantryModel::formatQuantity(item.minQuantity) : QString(), this);
    m_minimum->setObjectName(QStringLiteral("minimumEdit"));
    m_minimum->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_minimum->setFixedWidth(12 * Theme::kGrid);
    m_minimum->setPlaceholderText(tr("none"));
    addField(tr("Keep at &least"), m_minimum, QStringLiteral("min_quantity"),
             tr("Below this, it goes on the shopping list by itself."));
    const QList<QWidget *> tabOrder{m_name, m_quantity, m_unit, m_category, m_location, m_expires, m_expiresOn, m_minimum};
    for (qsizetype i = 1; i < tabOrder.size(); ++i)
        setTabOrder(tabOrder.at(i - 1), tabOrder.at(i));

    m_fieldsByKey = {{QStringLiteral("name"), m_name},         {QStringLiteral("quantity"), m_quantity},
                     {QStringLiteral("category"), m_category}, {QStringLiteral("location"), m_location},
                     {QStringLiteral("expires_on"), m_expiresOn}, {QStringLiteral("min_quantity"), m_minimum}};

    // A message goes away as soon as something is being fixed.
    connect(m_name, &QLineEdit::textEdited, this, &FormDialog::clearErrors);
    connect(m_quantity, &QLineEdit::textEdited, this, &FormDialog::clearErrors);
    connect(m_minimum, &QLineEdit::textEdited, this, &FormDialog::clearErrors);
    for (QComboBox *combo : {m_unit, m_category, m_location})
        connect(combo, &QComboBox::editTextChanged, this, &FormDialog::clearErrors);
    connect(m_expiresOn, &QDateEdit::dateChanged, this, [this] {
        clearErrors();
        updateExpiryHint();
    });
    connect(m_expires, &QCheckBox::toggled, this, [this](bool on) {
        m_expiresOn->setEnabled(on);
        clearErrors();
        updateExpiryHint();
        if (on)
            m_expiresOn->setFocus();
    });
    updateExpiryHint();

    // Comfortable, touch-friendly fields.
    for (QWidget *field : std::initializer_list<QWidget *>{m_name, m_quantity, m_unit, m_category, m_location, m_expiresOn})
        field->setMinimumHeight(4 * Theme::kGrid);

    if (isNew)
        m_name->setFocus();
    else
        m_quantity->setFocus();
}

QString PantryItemDialog::errorText() const
{
    for (const QString &field : {QString(), QStringLiteral("name"), QStringLiteral("quantity"), QStringLiteral("category"),
                                 QStringLiteral("location"), QStringLiteral("expires_on")}) {
        if (const QString text = FormDialog::errorText(field); !text.isEmpty())
            return text;
    }
    return {};
}

QWidget *PantryItemDialog::errorField() const
{
    for (auto it = m_fieldsByKey.cbegin(); it != m_fieldsByKey.cend(); ++it) {
        if (!FormDialog::errorText(it.key()).isEmpty())
            return it.value();
    }
    return nullptr;
}

void PantryItemDialog::updateExpiryHint()
{
    m_expiryHint->setText(m_expires->isChecked() ? describeExpiry(m_expiresOn->date(), m_model.clock().today())
                                                 : tr("does not go off"));
}

std::optional<MutationError> PantryItemDialog::readItem(PantryItem *item) const
{
    const auto problem = [](const char *field, const QString &message) {
        return MutationError{QStringLiteral("invalid"), message, QString::fromLatin1(field)};
    };
    *item = m_original;
    item->name = m_name->text().trimmed();
    item->unit = m_unit->currentText().trimmed();
    item->category = m_category->currentText().trimmed();
    item->location = m_location->currentText().trimmed();
    item->expiresOn = m_expires->isChecked() ? m_expiresOn->date() : QDate();

    if (item->name.isEmpty())
        return problem("name", tr("Give the item a name."));
    const std::optional<double> quantity = parseQuantity(m_quantity->text());
    if (!quantity)
        return problem("quantity", tr("Enter how much there is as a number, for example 2 or 0.5."));
    if (*quantity < 0)
        return problem("quantity", tr("Quantity cannot be negative."));
    item->quantity = *quantity;
    item->minQuantity = 0;
    if (!m_minimum->text().trimmed().isEmpty()) {
        const std::optional<double> minimum = parseQuantity(m_minimum->text());
        if (!minimum || *minimum < 0)
            return problem("min_quantity", tr("Enter the least to keep as a number, or leave it blank."));
        item->minQuantity = *minimum;
    }
    if (m_expires->isChecked() && !item->expiresOn.isValid())
        return problem("expires_on", tr("That is not a real date."));
    return std::nullopt;
}

MutationResult PantryItemDialog::save()
{
    PantryItem item;
    if (const auto problem = readItem(&item))
        return MutationResult::failure(problem->code, problem->message, problem->field);
    if (!m_submitter) {
        MutationResult kept;
        kept.ok = true;
        kept.entityId = item.id;
        return kept;
    }
    MutationResult result = m_submitter(item);
    if (!result.ok && result.error.message.isEmpty())
        result.error.message = tr("That did not work. Please try again.");
    if (!result.ok && result.error.field == QLatin1String("unit"))
        result.error.field = QStringLiteral("quantity"); // the unit sits in the quantity's row
    return result;
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
            clearErrors();
            return true;
        }
    }
    return FormDialog::eventFilter(watched, event);
}

} // namespace hearth
