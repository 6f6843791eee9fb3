#include "CardDialog.h"

#include "HouseholdModel.h"
#include "Theme.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QPlainTextEdit>

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

} // namespace

CardDialog::CardDialog(const MembersModel &members, const QStringList &categories, Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_submit(std::move(submit))
    , m_title(new QLineEdit(this))
    , m_quantity(new QLineEdit(this))
    , m_category(new QComboBox(this))
    , m_assignee(new QComboBox(this))
    , m_note(new QPlainTextEdit(this))
{
    setHeading(tr("Add to the list"));

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

    // In reading order, which is also the tab order.
    addField(tr("&Item"), m_title, QStringLiteral("title"));
    addField(tr("&Quantity"), m_quantity, QStringLiteral("quantity"));
    addField(tr("&Category"), m_category, QStringLiteral("category"));
    addField(tr("&Who buys it"), m_assignee, QStringLiteral("assignee_id"));
    addField(tr("&Note"), m_note, QStringLiteral("note"));
    setTabOrder(m_title, m_quantity);
    setTabOrder(m_quantity, m_category);
    setTabOrder(m_category, m_assignee);
    setTabOrder(m_assignee, m_note);

    connect(m_title, &QLineEdit::textEdited, this, [this] { clearErrors(); });
    m_title->setFocus();
}

void CardDialog::setCard(const BoardCard &card)
{
    m_card = card;
    setHeading(card.id.isEmpty() ? tr("Add to the list") : tr("Edit %1").arg(card.title));
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

MutationResult CardDialog::save()
{
    const BoardCard typed = card();
    if (typed.title.isEmpty())
        return MutationResult::failure(QStringLiteral("invalid"), tr("Say what to buy."), QStringLiteral("title"));
    if (!m_submit) {
        MutationResult nothingToDo;
        nothingToDo.ok = true;
        return nothingToDo;
    }
    return m_submit(typed);
}

} // namespace hearth
