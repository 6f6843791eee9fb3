#include "CardDialog.h"

#include "HouseholdModel.h"
#include "Theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hearth {

namespace {

QIcon colorDot(const QColor &color)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1, 1, 12, 12));
    return QIcon(pixmap);
}

QLabel *errorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("fieldError"));
    label->setWordWrap(true);
    label->hide();
    return label;
}

} // namespace

CardDialog::CardDialog(const MembersModel &members, const QStringList &categories, Submit submit, QWidget *parent)
    : QDialog(parent)
    , m_submit(std::move(submit))
    , m_title(new QLineEdit(this))
    , m_quantity(new QLineEdit(this))
    , m_category(new QComboBox(this))
    , m_assignee(new QComboBox(this))
    , m_note(new QPlainTextEdit(this))
    , m_titleError(errorLabel(this))
    , m_assigneeError(errorLabel(this))
    , m_error(errorLabel(this))
{
    setWindowTitle(tr("Add to the list"));
    setMinimumWidth(52 * Theme::kGrid);

    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_title->setPlaceholderText(tr("What do you need?"));
    m_title->setMaxLength(200);
    m_quantity->setObjectName(QStringLiteral("quantityEdit"));
    m_quantity->setPlaceholderText(tr("e.g. 2 l, 1 loaf"));
    m_quantity->setMaxLength(60);

    m_category->setObjectName(QStringLiteral("categoryBox"));
    m_category->setEditable(true);
    m_category->setInsertPolicy(QComboBox::NoInsert);
    m_category->addItem(QString());
    m_category->addItems(categories);
    m_category->lineEdit()->setPlaceholderText(tr("e.g. Dairy"));

    m_assignee->setObjectName(QStringLiteral("assigneeBox"));
    m_assignee->addItem(tr("Anyone"), QString());
    for (const Member &m : members.records()) {
        const QColor color = QColor::fromString(m.color);
        m_assignee->addItem(colorDot(color.isValid() ? color : Theme::accent()), m.name, m.id);
    }

    m_note->setObjectName(QStringLiteral("noteEdit"));
    m_note->setPlaceholderText(tr("Brand, size, which shop…"));
    m_note->setTabChangesFocus(true);
    m_note->setFixedHeight(10 * Theme::kGrid);

    auto *form = new QFormLayout;
    form->setSpacing(Theme::kGrid);
    form->setLabelAlignment(Qt::AlignLeft);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *titleColumn = new QVBoxLayout;
    titleColumn->setSpacing(4);
    titleColumn->addWidget(m_title);
    titleColumn->addWidget(m_titleError);
    auto *titleLabel = new QLabel(tr("&Item"), this);
    titleLabel->setBuddy(m_title);
    form->addRow(titleLabel, titleColumn);
    form->addRow(tr("&Quantity"), m_quantity);
    form->addRow(tr("&Category"), m_category);
    auto *assigneeColumn = new QVBoxLayout;
    assigneeColumn->setSpacing(4);
    assigneeColumn->addWidget(m_assignee);
    assigneeColumn->addWidget(m_assigneeError);
    auto *assigneeLabel = new QLabel(tr("&Who buys it"), this);
    assigneeLabel->setBuddy(m_assignee);
    form->addRow(assigneeLabel, assigneeColumn);
    form->addRow(tr("&Note"), m_note);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    QPushButton *save = buttons->button(QDialogButtonBox::Save);
    save->setProperty("primary", true);
    save->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &CardDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CardDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(3 * Theme::kGrid, 3 * Theme::kGrid, 3 * Theme::kGrid, 2 * Theme::kGrid);
    layout->setSpacing(2 * Theme::kGrid);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_title, &QLineEdit::textEdited, this, [this] { m_titleError->hide(); });
    m_title->setFocus();
}

void CardDialog::setCard(const BoardCard &card)
{
    m_card = card;
    setWindowTitle(card.id.isEmpty() ? tr("Add to the list") : tr("Edit %1").arg(card.title));
    m_title->setText(card.title);
    m_quantity->setText(card.quantity);
    m_category->setCurrentText(card.category);
    const int who = m_assignee->findData(card.assigneeId);
    m_assignee->setCurrentIndex(who < 0 ? 0 : who);
    m_note->setPlainText(card.note);
    m_title->selectAll();
}

BoardCard CardDialog::card() const
{
    BoardCard card = m_card;
    card.title = m_title->text().trimmed();
    card.quantity = m_quantity->text().trimmed();
    card.category = m_category->currentText().trimmed();
    card.assigneeId = m_assignee->currentData().toString();
    card.note = m_note->toPlainText().trimmed();
    return card;
}

QString CardDialog::errorText() const
{
    QStringList errors;
    for (const QLabel *label : {m_titleError, m_assigneeError, m_error}) {
        if (!label->isHidden())
            errors << label->text();
    }
    return errors.join(QLatin1Char('\n'));
}

void CardDialog::clearErrors()
{
    for (QLabel *label : {m_titleError, m_assigneeError, m_error})
        label->hide();
}

void CardDialog::showError(const MutationError &error)
{
    QLabel *label = error.field == QLatin1String("title")         ? m_titleError
                    : error.field == QLatin1String("assignee_id") ? m_assigneeError
                                                                  : m_error;
    label->setText(error.message);
    label->show();
    if (label == m_titleError)
        m_title->setFocus();
    else if (label == m_assigneeError)
        m_assignee->setFocus();
}

void CardDialog::accept()
{
    clearErrors();
    const BoardCard typed = card();
    if (typed.title.isEmpty()) {
        showError({QStringLiteral("invalid"), tr("Say what to buy."), QStringLiteral("title")});
        return;
    }
    const MutationResult result = m_submit ? m_submit(typed) : MutationResult{true, {}, 0, 0, {}};
    if (!result.ok) {
        showError(result.error);
        return;
    }
    QDialog::accept();
}

} // namespace hearth
