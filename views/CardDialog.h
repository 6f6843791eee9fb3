#pragma once

#include "FormDialog.h"
#include "Records.h"

#include <functional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace hearth {

class MembersModel;
class PantryModel;

// Adds or edits one shopping card: title, quantity, category, note, who buys it, and whether (and
// into which item) it goes into the pantry once bought. Saving hands
// the card to a submit function (the page applies it as an undoable mutation); when that fails the
// reason is shown next to the field (FormDialog) and the dialog stays open with what was typed.
class CardDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submit = std::function<MutationResult(const BoardCard &card)>;

    CardDialog(const MembersModel &members, const QStringList &categories, Submit submit, QWidget *parent = nullptr);

    // Offers the pantry's items to link: those named like the title first, an item of exactly that
    // name chosen as the title is typed (unless one was picked by hand). Without it the row offers
    // only "an item of the same name".
    void setPantry(const PantryModel &pantry);
    // Fills the fields from an existing card (editing).
    void setCard(const BoardCard &card);
    // The card as typed (id, column and position come from setCard()).
    BoardCard card() const;

    QLineEdit *titleEdit() const { return m_title; }
    QLineEdit *quantityEdit() const { return m_quantity; }
    QComboBox *categoryBox() const { return m_category; }
    QComboBox *assigneeBox() const { return m_assignee; }
    QPlainTextEdit *noteEdit() const { return m_note; }
    QCheckBox *toPantryBox() const { return m_toPantry; }
    QComboBox *pantryItemBox() const { return m_pantryItem; }

protected:
    MutationResult save() override;

private:
    Submit m_submit;
    BoardCard m_card;
    QLineEdit *m_title;
    QLineEdit *m_quantity;
    QComboBox *m_category;
    QComboBox *m_assignee;
    QPlainTextEdit *m_note;
    QCheckBox *m_toPantry;
    QComboBox *m_pantryItem;
    const PantryModel *m_pantry = nullptr;
    bool m_itemPicked = false; // the user chose the item: typing the title no longer changes it

    void suggestPantryItems();
};

} // namespace hearth
