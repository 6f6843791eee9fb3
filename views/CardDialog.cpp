#include "CardDialog.h"

#include "HouseholdModel.h"
#include "PantryModel.h"
#include "Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QVBoxLayout>

#include <algorithm>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QSignalBlocker>

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
    , m_toPantry(new QCheckBox(tr("Put it in the pantry when bought"), this))
    , m_pantryItem(new QComboBox(this))
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

    m_toPantry->setObjectName(QStringLiteral("toPantryBox"));
    m_toPantry->setChecked(true);
    m_pantryItem->setObjectName(QStringLiteral("pantryItemBox"));
    m_pantryItem->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_pantryItem->setMinimumContentsLength(16);
    m_pantryItem->addItem(tr("An item of the same name (or a new one)"), QString());
    auto *pantry = new QWidget(this);
    auto *pantryLayout = new QVBoxLayout(pantry);
    pantryLayout->setContentsMargins(0, 0, 0, 0);
    pantryLayout->setSpacing(Theme::kGrid / 2);
    pantryLayout->addWidget(m_toPantry);
    pantryLayout->addWidget(m_pantryItem);
    connect(m_toPantry, &QCheckBox::toggled, m_pantryItem, &QWidget::setEnabled);
    connect(m_pantryItem, qOverload<int>(&QComboBox::activated), this, [this] { m_itemPicked = true; });

    // In reading order, which is also the tab order.
    addField(tr("&Item"), m_title, QStringLiteral("title"));
    addField(tr("&Quantity"), m_quantity, QStringLiteral("quantity"));
    addField(tr("&Category"), m_category, QStringLiteral("category"));
    addField(tr("&Who buys it"), m_assignee, QStringLiteral("assignee_id"));
    addField(tr("&Note"), m_note, QStringLiteral("note"));
    addField(tr("&Pantry"), pantry, QStringLiteral("pantry_item_id"));
    setTabOrder(m_title, m_quantity);
    setTabOrder(m_quantity, m_category);
    setTabOrder(m_category, m_assignee);
    setTabOrder(m_assignee, m_note);
    setTabOrder(m_note, m_toPantry);
    setTabOrder(m_toPantry, m_pantryItem);

    connect(m_title, &QLineEdit::textEdited, this, [this] {
        clearErrors();
        suggestPantryItems();
    });
    m_title->setFocus();
}

void CardDialog::setPantry(const PantryModel &pantry)
{
    m_pantry = &pantry;
    suggestPantryItems();
}

void CardDialog::suggestPantryItems()
{
    if (!m_pantry)
        return;
    const QString keep = m_pantryItem->currentData().toString();
    const QString title = m_title->text().trimmed();
    // Named like the title first (exactly, then containing it), then the rest, each by name.
    QList<PantryItem> items = m_pantry->records();
    const auto rank = [&title](const PantryItem &item) {
        if (title.isEmpty())
            return 2;
        if (item.name.trimmed().compare(title, Qt::CaseInsensitive) == 0)
            return 0;
        return item.name.contains(title, Qt::CaseInsensitive) || title.contains(item.name.trimmed(), Qt::CaseInsensitive) ? 1 : 2;
    };
    std::stable_sort(items.begin(), items.end(), [&](const PantryItem &a, const PantryItem &b) {
        const int ra = rank(a);
        const int rb = rank(b);
        return ra != rb ? ra < rb : a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    const QSignalBlocker quiet(m_pantryItem);
    while (m_pantryItem->count() > 1)
        m_pantryItem->removeItem(1);
    for (const PantryItem &item : std::as_const(items)) {
        QString text = item.name + QStringLiteral(" — ") + PantryModel::formatAmount(item.quantity, item.unit);
        if (!item.location.isEmpty())
            text += QStringLiteral(", ") + item.location;
        m_pantryItem->addItem(text, item.id);
    }
    QString choose = keep;
    if (!m_itemPicked)
        choose = !items.isEmpty() && rank(items.first()) == 0 ? items.first().id : QString();
    const int at = m_pantryItem->findData(choose);
    m_pantryItem->setCurrentIndex(at < 0 ? 0 : at);
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
    m_toPantry->setChecked(card.toPantry);
    m_itemPicked = !card.pantryItemId.isEmpty() || !card.id.isEmpty(); // an existing card keeps its link
    suggestPantryItems();
    const int item = m_pantryItem->findData(card.pantryItemId);
    m_pantryItem->setCurrentIndex(item < 0 ? 0 : item);
    // A purchase already in the pantry stays with its item until it is taken back out.
    m_pantryItem->setEnabled(card.toPantry && !card.addedToPantry);
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
    card.toPantry = m_toPantry->isChecked();
    card.pantryItemId = m_pantryItem->currentData().toString();
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
