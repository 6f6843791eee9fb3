#pragma once

#include "Mutation.h"

#include <QDialog>
#include <QHash>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QPushButton;

namespace hearth {

// Base of Hearth's small edit dialogs: a form whose rows each carry an inline error line. Save
// calls save(); when that fails, the message appears under the offending field (or above the form
// when it names none), the field gets the focus and the dialog stays open with what was typed.
class FormDialog : public QDialog
{
    Q_OBJECT

public:
    explicit FormDialog(QWidget *parent = nullptr);

    // The error shown under a field ("" = the form-wide line); empty when there is none.
    QString errorText(const QString &field = {}) const;
    QPushButton *saveButton() const { return m_save; }

    void showError(const MutationError &error);
    void clearErrors();

    void accept() override;

protected:
    // A heading and one quieter line under it.
    void setHeading(const QString &heading, const QString &intro = {});
    // Adds a labelled row; `field` is the wire name validation errors use ("amount_cents").
    void addField(const QString &label, QWidget *editor, const QString &field, const QString &hint = {});
    void setSaveText(const QString &text);

    // Applies the form; the dialog closes only when this succeeds.
    virtual MutationResult save() = 0;

private:
    QLabel *m_heading;
    QLabel *m_intro;
    QLabel *m_generalError;
    QFormLayout *m_form;
    QDialogButtonBox *m_buttons;
    QPushButton *m_save;
    QHash<QString, QLabel *> m_errors;
    QHash<QString, QWidget *> m_editors;
};

} // namespace hearth
