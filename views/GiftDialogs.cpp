#include "GiftDialogs.h"

#include "Clock.h"
#include "HouseholdData.h"
#include "LinkPreview.h"
#include "Money.h"
#include "MoneyEdit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hearth {

namespace {

QString memberKey(const QString &id)
{
    return QLatin1String("m:") + id;
}

QString personKey(const QString &id)
{
    return QLatin1String("p:") + id;
}

MutationResult notAnAmount(const MoneyEdit *edit, const QString &field)
{
    return MutationResult::failure(QStringLiteral("invalid"),
                                   GiftItemDialog::tr("“%1” is not an amount — write it like 24.50.").arg(edit->text().trimmed()), field);
}

QPlainTextEdit *makeNoteEdit(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setTabChangesFocus(true);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 16);
    return edit;
}

} // namespace

void GiftRecipients::fill(QComboBox &combo, const HouseholdData &data, const QList<GiftPerson> &people)
{
    for (const Member &member : data.members.records())
        combo.addItem(member.name, memberKey(member.id));
    for (const GiftPerson &person : people) {
        if (person.memberId.isEmpty())
            combo.addItem(person.name, personKey(person.id));
    }
}

QString GiftRecipients::keyOf(const QString &memberId, const QString &personId)
{
    return memberId.isEmpty() ? personKey(personId) : memberKey(memberId);
}

GiftItemDialog::GiftItemDialog(HouseholdData &data, const QList<GiftPerson> &people, const QList<Occasion> &occasions,
                               Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_data(data)
    , m_submit(std::move(submit))
    , m_link(new QLineEdit(this))
    , m_previewStatus(new QLabel(this))
    , m_title(new QLineEdit(this))
    , m_price(new MoneyEdit(this))
    , m_recipient(new QComboBox(this))
    , m_occasion(new QComboBox(this))
    , m_priority(new QComboBox(this))
    , m_note(makeNoteEdit(this))
    , m_surprise(new QCheckBox(tr("A surprise — hidden from them on every device"), this))
    , m_preview(new LinkPreview(nullptr, this))
{
    setObjectName(QStringLiteral("giftItemDialog"));
    m_link->setObjectName(QStringLiteral("linkEdit"));
    m_link->setPlaceholderText(tr("Paste a shop's link to fill in the title and price"));
    m_link->setClearButtonEnabled(true);
    m_previewStatus->setObjectName(QStringLiteral("previewStatus"));
    m_previewStatus->setWordWrap(true);
    m_previewStatus->hide();
    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_title->setPlaceholderText(tr("A kite, a book, concert tickets…"));
    m_price->setObjectName(QStringLiteral("priceEdit"));
    m_price->setCurrency(data.currency());
    m_recipient->setObjectName(QStringLiteral("recipientCombo"));
    GiftRecipients::fill(*m_recipient, data, people);
    m_occasion->setObjectName(QStringLiteral("occasionCombo"));
    m_occasion->addItem(tr("No occasion"), QString());
    for (const Occasion &occasion : occasions)
        m_occasion->addItem(occasion.name, occasion.id);
    m_priority->addItem(tr("Low"), 1);
    m_priority->addItem(tr("Normal"), 2);
    m_priority->addItem(tr("High"), 3);
    m_surprise->setObjectName(QStringLiteral("surpriseCheck"));

    auto *linkColumn = new QWidget(this);
    auto *linkLayout = new QVBoxLayout(linkColumn);
    linkLayout->setContentsMargins(0, 0, 0, 0);
    linkLayout->addWidget(m_link);
    linkLayout->addWidget(m_previewStatus);
    addField(tr("&Link"), linkColumn, QStringLiteral("link"));
    addField(tr("&What"), m_title, QStringLiteral("title"));
    addField(tr("&Price"), m_price, QStringLiteral("price"));
    addField(tr("&For"), m_recipient, QStringLiteral("for_member_id"));
    addField(tr("&Occasion"), m_occasion, QStringLiteral("occasion_id"));
    addField(tr("P&riority"), m_priority, QStringLiteral("priority"));
    addField(tr("&Note"), m_note, QStringLiteral("note"));
    addField(QString(), m_surprise, QStringLiteral("surprise"));

    connect(m_link, &QLineEdit::editingFinished, this, &GiftItemDialog::lookUpLink);
    // A paste is a whole link at once: look it up without waiting for the field to lose focus.
    connect(m_link, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (text.size() > 10 && LinkPreview::webAddressFrom(text).isValid() && text.contains(QLatin1Char('/')))
            lookUpLink();
    });
    connect(m_recipient, &QComboBox::currentIndexChanged, this, &GiftItemDialog::updateSurprise);
    connect(m_preview, &LinkPreview::finished, this, [this](const LinkPreviewResult &result) {
        // Only fields the user left empty, or that the last preview filled, take the page's values.
        if (!result.title.isEmpty() && (m_title->text().trimmed().isEmpty() || m_title->text() == m_filledTitle)) {
            m_title->setText(result.title);
            m_filledTitle = result.title;
        }
        const bool sameCurrency = result.currency.isEmpty() || result.currency == m_data.currency();
        if (result.priceCents && sameCurrency && (m_price->text().trimmed().isEmpty() || m_price->text() == m_filledPrice)) {
            m_price->setCents(*result.priceCents);
            m_filledPrice = m_price->text();
        }
        m_previewStatus->setText(result.priceCents && !sameCurrency
                                     ? tr("Filled in from the page; its price is in %1, so it was left out.").arg(result.currency)
                                     : tr("Filled in from the page."));
        m_previewStatus->show();
    });
    connect(m_preview, &LinkPreview::failed, this, [this](const QString &reason) {
        m_previewStatus->setText(tr("Could not read the page: %1 Type the title and price instead.").arg(reason));
        m_previewStatus->show();
    });
    setItem(GiftItem{}, true, data.engine.actingMemberId());
}

void GiftItemDialog::setItem(const GiftItem &item, bool isNew, const QString &actingMemberId)
{
    m_item = item;
    m_isNew = isNew;
    m_actingMemberId = actingMemberId;
    if (isNew)
        m_item.id.clear();
    const bool own = !item.forMemberId.isEmpty() && item.forMemberId == actingMemberId;
    setHeading(isNew ? (own ? tr("Add to your wish list") : tr("New gift idea")) : tr("Edit gift"),
               isNew ? tr("Paste a link and Hearth fills in what it can; a surprise stays hidden from whom it is for.")
                     : QString());
    setSaveText(isNew ? tr("Add") : tr("Save"));
    m_link->setText(item.link);
    m_title->setText(item.title);
    if (item.price > 0)
        m_price->setCents(item.price);
    else
        m_price->clear();
    const QString recipient = GiftRecipients::keyOf(item.forMemberId, item.forPersonId);
    const int recipientIndex = m_recipient->findData(recipient);
    m_recipient->setCurrentIndex(std::max(0, recipientIndex));
    m_recipient->setEnabled(isNew); // whom it is for is fixed once it exists
    m_occasion->setCurrentIndex(std::max(0, m_occasion->findData(item.occasionId)));
    m_priority->setCurrentIndex(std::max(0, m_priority->findData(int(item.priority))));
    m_note->setPlainText(item.note);
    m_surprise->setChecked(item.surprise);
    m_previewStatus->hide();
    m_filledTitle.clear();
    m_filledPrice.clear();
    updateSurprise();
    (item.link.isEmpty() && isNew ? static_cast<QWidget *>(m_link) : static_cast<QWidget *>(m_title))->setFocus();
}

void GiftItemDialog::updateSurprise()
{
    // Only an idea for another member can be a surprise (for someone outside the household there
    // is no device to hide it from), and it stays what it was once it exists.
    const QString key = m_recipient->currentData().toString();
    const bool forOtherMember = key.startsWith(QLatin1String("m:")) && key.mid(2) != m_actingMemberId;
    m_surprise->setVisible(forOtherMember || m_item.surprise);
    m_surprise->setEnabled(m_isNew && forOtherMember);
    if (m_isNew && !forOtherMember)
        m_surprise->setChecked(false);
}

void GiftItemDialog::lookUpLink()
{
    const QString link = m_link->text().trimmed();
    if (link.isEmpty() || link == m_preview->property("lastLink").toString())
        return;
    m_preview->setProperty("lastLink", link);
    m_previewStatus->setText(tr("Looking up the page…"));
    m_previewStatus->show();
    m_preview->fetch(link);
}

GiftItem GiftItemDialog::item() const
{
    GiftItem g = m_item;
    g.title = m_title->text().trimmed();
    g.link = m_link->text().trimmed();
    g.price = m_price->text().trimmed().isEmpty() ? 0 : m_price->cents().value_or(-1);
    if (m_isNew) {
        const QString key = m_recipient->currentData().toString();
        g.forMemberId = key.startsWith(QLatin1String("m:")) ? key.mid(2) : QString();
        g.forPersonId = key.startsWith(QLatin1String("p:")) ? key.mid(2) : QString();
        g.kind = (!g.forMemberId.isEmpty() && g.forMemberId == m_actingMemberId) ? gifts::kWish : gifts::kIdea;
        g.surprise = g.kind == gifts::kIdea && m_surprise->isChecked();
    }
    g.occasionId = m_occasion->currentData().toString();
    g.priority = m_priority->currentData().toInt();
    g.note = m_note->toPlainText().trimmed();
    return g;
}

MutationResult GiftItemDialog::save()
{
    if (!m_price->text().trimmed().isEmpty() && !m_price->cents())
        return notAnAmount(m_price, QStringLiteral("price"));
    if (m_title->text().trimmed().isEmpty())
        return MutationResult::failure(QStringLiteral("invalid"), tr("Say what the gift is, or paste a link to fill it in."),
                                       QStringLiteral("title"));
    if (m_recipient->currentIndex() < 0)
        return MutationResult::failure(QStringLiteral("invalid"), tr("Add someone to give gifts to first."),
                                       QStringLiteral("for_member_id"));
    return m_submit(item());
}

GiftBoughtDialog::GiftBoughtDialog(HouseholdData &data, const GiftItem &item, const QString &occasionName, Submit submit,
                                   QWidget *parent)
    : FormDialog(parent)
    , m_submit(std::move(submit))
    , m_pricePaid(new MoneyEdit(this))
    , m_record(new QCheckBox(this))
{
    setObjectName(QStringLiteral("giftBoughtDialog"));
    setHeading(tr("Bought: %1").arg(item.title), tr("What did it cost? Whom it is for never sees this."));
    m_pricePaid->setObjectName(QStringLiteral("pricePaidEdit"));
    m_pricePaid->setCurrency(data.currency());
    if (item.pricePaid > 0)
        m_pricePaid->setCents(item.pricePaid);
    else if (item.price > 0)
        m_pricePaid->setCents(item.price);
    m_record->setObjectName(QStringLiteral("recordCheck"));
    m_record->setText(occasionName.isEmpty() ? tr("Record it in the budget under Gifts")
                                             : tr("Record it in the budget under Gifts, for %1").arg(occasionName));
    m_record->setChecked(true);
    addField(tr("Price &paid"), m_pricePaid, QStringLiteral("price_paid"));
    addField(QString(), m_record, QStringLiteral("record_spending"));
    setSaveText(tr("Mark as bought"));
    m_pricePaid->setFocus();
}

MutationResult GiftBoughtDialog::save()
{
    qint64 paid = 0;
    if (!m_pricePaid->text().trimmed().isEmpty()) {
        const auto cents = m_pricePaid->cents();
        if (!cents || *cents < 0)
            return notAnAmount(m_pricePaid, QStringLiteral("price_paid"));
        paid = *cents;
    }
    return m_submit(paid, paid > 0 && m_record->isChecked());
}

OccasionDialog::OccasionDialog(HouseholdData &data, const QList<GiftPerson> &people, Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_data(data)
    , m_submit(std::move(submit))
    , m_name(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_date(new QDateEdit(this))
    , m_repeats(new QComboBox(this))
    , m_budget(new MoneyEdit(this))
    , m_for(new QComboBox(this))
{
    setObjectName(QStringLiteral("occasionDialog"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("Grandma's birthday, Christmas…"));
    m_kind->addItem(tr("Birthday"), QStringLiteral("birthday"));
    m_kind->addItem(tr("Holiday"), QStringLiteral("holiday"));
    m_kind->addItem(tr("Other"), QStringLiteral("custom"));
    m_date->setObjectName(QStringLiteral("dateEdit"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QLocale().dateFormat(QLocale::LongFormat));
    m_repeats->addItem(tr("Every year"), QStringLiteral("yearly"));
    m_repeats->addItem(tr("Once"), QStringLiteral("once"));
    m_budget->setObjectName(QStringLiteral("budgetEdit"));
    m_budget->setCurrency(data.currency());
    m_for->addItem(tr("Nobody in particular"), QString());
    GiftRecipients::fill(*m_for, data, people);
    addField(tr("&Occasion"), m_name, QStringLiteral("name"));
    addField(tr("&Kind"), m_kind, QStringLiteral("kind"));
    addField(tr("&Date"), m_date, QStringLiteral("date"));
    addField(tr("&Repeats"), m_repeats, QStringLiteral("repeats"));
    addField(tr("&Budget"), m_budget, QStringLiteral("budget_cents"), tr("Leave empty for no budget."));
    addField(tr("&For"), m_for, QStringLiteral("for_member_id"));
    m_delete = addSecondaryButton(tr("Delete…"));
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    connect(m_delete, &QPushButton::clicked, this, [this] {
        reject();
        Q_EMIT deleteRequested();
    });
    setOccasion(Occasion{}, true);
}

void OccasionDialog::setOccasion(const Occasion &occasion, bool isNew)
{
    m_occasion = occasion;
    if (isNew)
        m_occasion.id.clear();
    setHeading(isNew ? tr("New occasion") : tr("Edit occasion"),
               isNew ? tr("Hearth counts down to it and keeps its gifts on a board of their own.") : QString());
    setSaveText(isNew ? tr("Add occasion") : tr("Save"));
    m_delete->setVisible(!isNew);
    m_name->setText(occasion.name);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(occasion.kind)));
    m_date->setDate(occasion.date.isValid() ? occasion.date : m_data.clock.today().addMonths(1));
    m_repeats->setCurrentIndex(std::max(0, m_repeats->findData(occasion.repeats)));
    if (occasion.budgetCents > 0)
        m_budget->setCents(occasion.budgetCents);
    else
        m_budget->clear();
    const QString key = occasion.forMemberId.isEmpty() && occasion.forPersonId.isEmpty()
                            ? QString()
                            : GiftRecipients::keyOf(occasion.forMemberId, occasion.forPersonId);
    m_for->setCurrentIndex(std::max(0, m_for->findData(key)));
    m_name->setFocus();
}

Occasion OccasionDialog::occasion() const
{
    Occasion o = m_occasion;
    o.name = m_name->text().trimmed();
    o.kind = m_kind->currentData().toString();
    o.date = m_date->date();
    o.repeats = m_repeats->currentData().toString();
    o.budgetCents = m_budget->text().trimmed().isEmpty() ? 0 : m_budget->cents().value_or(-1);
    const QString key = m_for->currentData().toString();
    o.forMemberId = key.startsWith(QLatin1String("m:")) ? key.mid(2) : QString();
    o.forPersonId = key.startsWith(QLatin1String("p:")) ? key.mid(2) : QString();
    return o;
}

MutationResult OccasionDialog::save()
{
    if (!m_budget->text().trimmed().isEmpty() && (!m_budget->cents() || *m_budget->cents() < 0))
        return notAnAmount(m_budget, QStringLiteral("budget_cents"));
    return m_submit(occasion());
}

GiftPersonDialog::GiftPersonDialog(HouseholdData &data, Submit submit, QWidget *parent)
    : FormDialog(parent)
    , m_data(data)
    , m_submit(std::move(submit))
    , m_name(new QLineEdit(this))
    , m_member(new QComboBox(this))
    , m_sizes(new QLineEdit(this))
    , m_notes(makeNoteEdit(this))
{
    setObjectName(QStringLiteral("giftPersonDialog"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("Grandma, a friend…"));
    m_member->addItem(tr("Not in the household"), QString());
    for (const Member &member : data.members.records())
        m_member->addItem(member.name, member.id);
    m_sizes->setObjectName(QStringLiteral("sizesEdit"));
    m_sizes->setPlaceholderText(tr("Shirt M, shoes 39, ring 17"));
    addField(tr("&Name"), m_name, QStringLiteral("name"));
    addField(tr("&Member"), m_member, QStringLiteral("member_id"), tr("A member's sizes and notes go with them."));
    addField(tr("&Sizes"), m_sizes, QStringLiteral("sizes"));
    addField(tr("N&otes"), m_notes, QStringLiteral("notes"));
    m_delete = addSecondaryButton(tr("Delete…"));
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    connect(m_delete, &QPushButton::clicked, this, [this] {
        reject();
        Q_EMIT deleteRequested();
    });
    connect(m_member, &QComboBox::currentIndexChanged, this, [this] {
        if (m_name->text().trimmed().isEmpty() && !m_member->currentData().toString().isEmpty())
            m_name->setText(m_member->currentText());
    });
    setPerson(GiftPerson{}, true);
}

void GiftPersonDialog::setPerson(const GiftPerson &person, bool isNew)
{
    m_person = person;
    if (isNew)
        m_person.id.clear();
    setHeading(isNew ? tr("New person") : tr("Edit %1").arg(person.name),
               isNew ? tr("Someone to give gifts to, in the household or not.") : QString());
    setSaveText(isNew ? tr("Add person") : tr("Save"));
    m_delete->setVisible(!isNew);
    m_name->setText(person.name);
    m_member->setCurrentIndex(std::max(0, m_member->findData(person.memberId)));
    m_sizes->setText(person.sizes);
    m_notes->setPlainText(person.notes);
    m_name->setFocus();
}

GiftPerson GiftPersonDialog::person() const
{
    GiftPerson p = m_person;
    p.name = m_name->text().trimmed();
    p.memberId = m_member->currentData().toString();
    p.sizes = m_sizes->text().trimmed();
    p.notes = m_notes->toPlainText().trimmed();
    return p;
}

MutationResult GiftPersonDialog::save()
{
    if (m_name->text().trimmed().isEmpty())
        return MutationResult::failure(QStringLiteral("invalid"), tr("Enter a name."), QStringLiteral("name"));
    return m_submit(person());
}

} // namespace hearth
