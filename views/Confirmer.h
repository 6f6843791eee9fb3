#pragma once

#include "FormDialog.h"

#include <QString>

class QWidget;

namespace hearth {

// Asks the user to confirm a destructive step. Views take one in their constructor so tests can
// answer without a modal dialog.
class Confirmer
{
public:
    virtual ~Confirmer() = default;
    virtual bool confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptLabel) = 0;
};

// The question as a Hearth dialog: the title as its heading, the text under it, the step as the
// primary button and a plain Cancel (the default, so Enter does not delete by accident). No stock
// warning icon.
class ConfirmDialog final : public FormDialog
{
    Q_OBJECT

public:
    ConfirmDialog(const QString &title, const QString &text, const QString &acceptLabel, QWidget *parent = nullptr);

private:
    MutationResult save() override;
};

// Asks through a modal ConfirmDialog.
class DialogConfirmer final : public Confirmer
{
public:
    bool confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptLabel) override;
};

// The name the app used before confirmations had their own dialog.
using MessageBoxConfirmer = DialogConfirmer;

} // namespace hearth
