#pragma once

#include "Mutation.h"
#include "Records.h"

#include <QDialog>
#include <QHash>

#include <functional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace hearth {

class PantryModel;

// Adds or edits one pantry item. OK hands the item to the submitter (the page, which applies it
// through EditHistory); the dialog closes only when that succeeds. Otherwise — or when the input
// is plainly wrong (no name, negative quantity) — the message appears under the offending field,
// which gets the focus, and everything typed stays as it was.
class PantryItemDialog final : public QDialog
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
    // The message shown inline, or empty; and the field it belongs to (nullptr when general).
    QString errorText() const;
    QWidget *errorField() const { return m_errorField; }
    QPushButton *okButton() const; // "Add to pantry" / "Save"

public Q_SLOTS:
    void accept() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool readItem(PantryItem *item);
    void showError(const QString &field, const QString &message);
    void showErrorAt(QWidget *field, const QString &message);
    void clearError(QWidget *field = nullptr);
    void updateExpiryHint();

    const PantryModel &m_model;
    PantryItem m_original;
    bool m_isNew;
    Submitter m_submitter;

    QLineEdit *m_name;
    QLineEdit *m_quantity;
    QComboBox *m_unit;
    QComboBox *m_category;
    QComboBox *m_location;
    QCheckBox *m_expires;
    QDateEdit *m_expiresOn;
    QLabel *m_expiryHint;
    QLabel *m_error;
    QWidget *m_generalErrorHost;
    QDialogButtonBox *m_buttons;
    QPushButton *m_ok;
    QWidget *m_errorField = nullptr;
    QHash<QWidget *, QWidget *> m_errorHosts; // field -> the row container its message goes under
    QHash<QString, QWidget *> m_fieldsByKey;  // wire field name -> widget
};

} // namespace hearth
