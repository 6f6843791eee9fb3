#include "TransactionDialog.h"

#include "Clock.h"
#include "HouseholdData.h"
#include "MoneyEdit.h"
#include "Theme.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QSet>

namespace hearth {

namespace {

// Offered before a household has made categories of its own.
QStringList defaultCategories()
{
    return {TransactionDialog::tr("Groceries"), TransactionDialog::tr("Utilities"), TransactionDialog::tr("Transport"),
            TransactionDialog::tr("Eating out"), TransactionDialog::tr("Kids"),     TransactionDialog::tr("Health"),
            TransactionDialog::tr("Home"),       TransactionDialog::tr("Fun"),      TransactionDialog::tr("Gifts")};
}

QIcon dotIcon(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color.isValid() ? color : QColor(Qt::gray));
    p.drawEllipse(QRectF(1, 1, 10, 10));
    return QIcon(pixmap);
}

} // namespace

TransactionDialog::TransactionDialog(HouseholdData &data, Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_data(data)
    , m_submit(std::move(submit))
    , m_date(new QDateEdit(this))
    , m_description(new QLineEdit(this))
    , m_category(new QComboBox(this))
    , m_amount(new MoneyEdit(this))
    , m_member(new QComboBox(this))
{
    setObjectName(QStringLiteral("transactionDialog"));

    m_date->setObjectName(QStringLiteral("dateEdit"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QLocale().dateFormat(QLocale::LongFormat));
    m_date->setDate(m_data.clock.today());

    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setPlaceholderText(tr("What was it for? (weekly shop, school trip…)"));
    m_description->setClearButtonEnabled(true);
    QStringList descriptions;
    QSet<QString> seen;
    for (const BudgetTransaction &t : m_data.budget.records()) {
        if (!seen.contains(t.description)) {
            seen.insert(t.description);
            descriptions << t.description;
        }
    }
    auto *completer = new QCompleter(descriptions, m_description);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_description->setCompleter(completer);
    connect(m_description, &QLineEdit::editingFinished, this, &TransactionDialog::suggestCategory);

    m_category->setObjectName(QStringLiteral("categoryCombo"));
    m_category->setEditable(true);
    m_category->setInsertPolicy(QComboBox::NoInsert);
    QStringList categories = m_data.budget.categories();
    if (categories.isEmpty())
        categories = defaultCategories();
    m_category->addItems(categories);
    m_category->setCurrentIndex(-1);
    m_category->lineEdit()->setPlaceholderText(tr("Pick one or type a new category"));
    m_category->completer()->setCaseSensitivity(Qt::CaseInsensitive);

    m_amount->setObjectName(QStringLiteral("amountEdit"));
    m_amount->setCurrency(m_data.currency());

    m_member->setObjectName(QStringLiteral("memberCombo"));
    for (const Member &m : m_data.members.records())
        m_member->addItem(dotIcon(QColor(m.color)), m.name, m.id);
    m_member->addItem(tr("Not set"), QString());

    addField(tr("&Date"), m_date, QStringLiteral("occurred_on"));
    addField(tr("D&escription"), m_description, QStringLiteral("description"));
    addField(tr("&Category"), m_category, QStringLiteral("category"));
    addField(tr("&Amount"), m_amount, QStringLiteral("amount_cents"), tr("Money spent; a refund is a negative amount."));
    addField(tr("&Who paid"), m_member, QStringLiteral("member_id"));
    setHeading(tr("New transaction"));
    setTabOrder(m_date, m_description);
    m_description->setFocus();
}

TransactionDialog::~TransactionDialog()
{
    // Destroying the dialog with the focus in Description finishes editing after this part is gone.
    disconnect(m_description, nullptr, this, nullptr);
}

void TransactionDialog::setTransaction(const BudgetTransaction &t, bool isNew)
{
    m_id = isNew ? QString() : t.id;
    setHeading(isNew ? tr("New transaction") : tr("Edit transaction"),
               isNew ? tr("Record what the household spent; it counts toward the month of its date.") : QString());
    setSaveText(isNew ? tr("Add") : tr("Save"));
    m_date->setDate(t.occurredOn.isValid() ? t.occurredOn : m_data.clock.today());
    m_description->setText(t.description);
    m_category->setCurrentIndex(m_category->findText(t.category));
    m_category->setEditText(t.category);
    if (t.amountCents != 0)
        m_amount->setCents(t.amountCents);
    else
        m_amount->clear();
    int member = m_member->findData(t.memberId);
    if (member < 0)
        member = m_member->count() - 1; // "Not set"
    m_member->setCurrentIndex(member);
    m_description->setFocus();
}

BudgetTransaction TransactionDialog::transaction() const
{
    BudgetTransaction t;
    t.id = m_id;
    t.occurredOn = m_date->date();
    t.description = m_description->text().trimmed();
    t.category = m_category->currentText().trimmed();
    t.amountCents = m_amount->cents().value_or(0);
    t.memberId = m_member->currentData().toString();
    return t;
}

void TransactionDialog::suggestCategory()
{
    // "Weekly shop" was Groceries last time: offer the same category when none is chosen yet.
    if (!m_category->currentText().trimmed().isEmpty())
        return;
    const QString description = m_description->text().trimmed();
    const QList<BudgetTransaction> &records = m_data.budget.records();
    for (auto it = records.crbegin(); it != records.crend(); ++it) {
        if (it->description.compare(description, Qt::CaseInsensitive) == 0 && !it->category.isEmpty()) {
            m_category->setEditText(it->category);
            return;
        }
    }
}

MutationResult TransactionDialog::save()
{
    if (!m_amount->cents()) {
        return MutationResult::failure(QStringLiteral("invalid"),
                                       m_amount->text().trimmed().isEmpty()
                                           ? tr("Enter the amount, for example 12.50.")
                                           : tr("“%1” is not an amount — write it like 12.50.").arg(m_amount->text().trimmed()),
                                       QStringLiteral("amount_cents"));
    }
    return m_submit(transaction());
}

} // namespace hearth
