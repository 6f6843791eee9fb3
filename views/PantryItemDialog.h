#pragma once

#include "FormDialog.h"
#include "Records.h"

#include <QHash>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace hearth {

class PantryModel;

// Adds or edits one pantry item. Save hands the item to the submitter (the page, which applies it
// through EditHistory); the dialog closes only when that succeeds. Otherwise — or when the input
// is plainly wrong (no name, negative quantity) — the message appears under the offending field
// (FormDialog), which gets the focus, and everything typed stays as it was.
class PantryItemDialog final : public FormDialog
{
    Q_OBJECT

public:
    using Submitter = std::function<MutationResult(const PantryItem &)>;

    // `item` fills the fields (its id and rev are kept); `model` offers existing units, categories
    // and locations as suggestions and gives "today" for the expiry hint.
    PantryItemDialog(const PantryModel &model, const PantryItem &item, bool isNew, Submitter submitter,
                     QWidget *parent = nullptr);

    bool isNew() const { return m_isNew; }
    QString entityId() const { return m_original.id; }
    // The message shown, or empty; and the field it belongs to (nullptr when general).
    using FormDialog::errorText;
    QString errorText() const;
    QWidget *errorField() const;
    QPushButton *okButton() const { return saveButton(); } // "Add to pantry" / "Save"
    QLineEdit *minimumEdit() const { return m_minimum; }

protected:
    MutationResult save() override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    std::optional<MutationError> readItem(PantryItem *item) const;
    void updateExpiryHint();

    const PantryModel &m_model;
    PantryItem m_original;
    bool m_isNew;
    Submitter m_submitter;

    QLineEdit *m_name;
    QLineEdit *m_quantity;
    QLineEdit *m_minimum; // blank: not tracked
    QComboBox *m_unit;
    QComboBox *m_category;
    QComboBox *m_location;
    QCheckBox *m_expires;
    QDateEdit *m_expiresOn;
    QLabel *m_expiryHint;
    QHash<QString, QWidget *> m_fieldsByKey; // wire field name -> the widget it is typed in
};

} // namespace hearth
