#pragma once

#include "Mutation.h"

#include <QDialog>
#include <QHash>

class QFormLayout;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace hearth {

// Base of every Hearth dialog: a heading, a body that scrolls inside the dialog when the screen is
// short, and one row of buttons in the one Hearth style (a primary action styled by Theme, a plain
// Cancel, no stock icons). Form rows each carry an inline error line. The primary button calls
// save(); when that fails, the message appears under the offending field (or above the form when it
// names none), the field gets the focus and the dialog stays open with what was typed.
class FormDialog : public QDialog
{
    Q_OBJECT

public:
    explicit FormDialog(QWidget *parent = nullptr);

    // The error shown under a field ("" = the form-wide line); empty when there is none.
    QString errorText(const QString &field = {}) const;
    // The primary action ("Save", "Add goal", "Join"); Enter presses it.
    QPushButton *saveButton() const { return m_save; }
    QPushButton *cancelButton() const { return m_cancel; }

    void showError(const MutationError &error);
    void clearErrors();

    void accept() override;

protected:
    // A heading and one quieter line under it.
    void setHeading(const QString &heading, const QString &intro = {});
    // Adds a labelled row; `field` is the wire name validation errors use ("amount_cents").
    void addField(const QString &label, QWidget *editor, const QString &field, const QString &hint = {});
    // Adds a widget across the body's width, below the form rows (a QR code, a status panel).
    void addContent(QWidget *widget);
    void setSaveText(const QString &text);
    // A further plain button left of Cancel ("Stop hosting"); the caller connects it.
    QPushButton *addSecondaryButton(const QString &text);
    // The body's layout, for dialogs that lay out more than a form; rows added here scroll too.
    QVBoxLayout *bodyLayout() const { return m_body; }
    // The row holding the buttons, for dialogs that add a hint or a spinner beside them.
    QHBoxLayout *buttonRow() const { return m_buttonRow; }

    // Applies the form; the dialog closes only when this succeeds.
    virtual MutationResult save() = 0;

private:
    QLabel *m_heading;
    QLabel *m_intro;
    QLabel *m_generalError;
    QScrollArea *m_scroll;
    QVBoxLayout *m_body;
    QFormLayout *m_form;
    QHBoxLayout *m_buttonRow;
    QPushButton *m_cancel;
    QPushButton *m_save;
    QHash<QString, QLabel *> m_errors;
    QHash<QString, QWidget *> m_editors;
};

} // namespace hearth
