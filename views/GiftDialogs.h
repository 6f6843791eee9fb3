#pragma once

#include "FormDialog.h"
#include "gifts/GiftRecords.h"

#include <functional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace hearth {

class HouseholdData;
class LinkPreview;
class MoneyEdit;

// Whom a gift can be for: every member, and the gift people who are not members. Kept as
// "m:<member id>" / "p:<person id>" in a combo box's item data.
struct GiftRecipients
{
    // Appends them (after whatever the combo already offers, such as "Nobody in particular").
    static void fill(QComboBox &combo, const HouseholdData &data, const QList<GiftPerson> &people);
    static QString keyOf(const QString &memberId, const QString &personId);
};

// Adds or edits a wish-list item or a gift idea. A pasted link is looked up (LinkPreview): its
// title and price fill the fields the user has not typed into; when it cannot be read the reason
// shows under the link and nothing typed is lost. A surprise can only be an idea for another
// member; whom an item is for and whether it is a surprise are fixed once it exists.
class GiftItemDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(const GiftItem &)>;

    GiftItemDialog(HouseholdData &data, const QList<GiftPerson> &people, const QList<Occasion> &occasions, Submit submit,
                   QWidget *parent = nullptr);

    // `actingMemberId` is who uses the device: an item for them is a wish, never a surprise.
    void setItem(const GiftItem &item, bool isNew, const QString &actingMemberId);
    GiftItem item() const;

    QLineEdit *linkEdit() const { return m_link; }
    QLineEdit *titleEdit() const { return m_title; }
    MoneyEdit *priceEdit() const { return m_price; }
    QComboBox *recipientCombo() const { return m_recipient; }
    QComboBox *occasionCombo() const { return m_occasion; }
    QCheckBox *surpriseCheck() const { return m_surprise; }
    QLabel *previewStatus() const { return m_previewStatus; }
    LinkPreview *preview() const { return m_preview; }

protected:
    MutationResult save() override;

private:
    void lookUpLink();
    void updateSurprise();

    HouseholdData &m_data;
    Submit m_submit;
    GiftItem m_item;
    bool m_isNew = true;
    QString m_actingMemberId;
    QLineEdit *m_link;
    QLabel *m_previewStatus;
    QLineEdit *m_title;
    MoneyEdit *m_price;
    QComboBox *m_recipient;
    QComboBox *m_occasion;
    QComboBox *m_priority;
    QPlainTextEdit *m_note;
    QCheckBox *m_surprise;
    LinkPreview *m_preview;
    QString m_filledTitle; // what the preview put in, so a later preview may replace it
    QString m_filledPrice;
};

// Moving a gift to "bought": the price actually paid, and whether to record it in the budget.
class GiftBoughtDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(qint64 pricePaid, bool recordSpending)>;

    GiftBoughtDialog(HouseholdData &data, const GiftItem &item, const QString &occasionName, Submit submit,
                     QWidget *parent = nullptr);

    MoneyEdit *pricePaidEdit() const { return m_pricePaid; }
    QCheckBox *recordCheck() const { return m_record; }

protected:
    MutationResult save() override;

private:
    Submit m_submit;
    MoneyEdit *m_pricePaid;
    QCheckBox *m_record;
};

// Adds or edits an occasion: a birthday, a holiday or a custom day, once or every year, for
// someone, with an optional budget.
class OccasionDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(const Occasion &)>;

    OccasionDialog(HouseholdData &data, const QList<GiftPerson> &people, Submit submit, QWidget *parent = nullptr);

    void setOccasion(const Occasion &occasion, bool isNew);
    Occasion occasion() const;

    QLineEdit *nameEdit() const { return m_name; }
    QDateEdit *dateEdit() const { return m_date; }
    MoneyEdit *budgetEdit() const { return m_budget; }
    // "Delete…", shown for an occasion that exists; the dialog closes and the page asks.
    QPushButton *deleteButton() const { return m_delete; }

Q_SIGNALS:
    void deleteRequested();

protected:
    MutationResult save() override;

private:
    HouseholdData &m_data;
    Submit m_submit;
    Occasion m_occasion;
    QLineEdit *m_name;
    QComboBox *m_kind;
    QDateEdit *m_date;
    QComboBox *m_repeats;
    MoneyEdit *m_budget;
    QComboBox *m_for;
    QPushButton *m_delete;
};

// Adds or edits someone gifts are for: a member (their sizes and notes) or someone outside the
// household.
class GiftPersonDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(const GiftPerson &)>;

    GiftPersonDialog(HouseholdData &data, Submit submit, QWidget *parent = nullptr);

    void setPerson(const GiftPerson &person, bool isNew);
    GiftPerson person() const;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *sizesEdit() const { return m_sizes; }
    QPushButton *deleteButton() const { return m_delete; }

Q_SIGNALS:
    void deleteRequested();

protected:
    MutationResult save() override;

private:
    HouseholdData &m_data;
    Submit m_submit;
    GiftPerson m_person;
    QLineEdit *m_name;
    QComboBox *m_member;
    QLineEdit *m_sizes;
    QPlainTextEdit *m_notes;
    QPushButton *m_delete;
};

} // namespace hearth
