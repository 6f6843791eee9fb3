#include "Confirmer.h"

#include "Theme.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace hearth {

ConfirmDialog::ConfirmDialog(const QString &title, const QString &text, const QString &acceptLabel, QWidget *parent)
    : FormDialog(parent)
{
    setObjectName(QStringLiteral("confirmDialog"));
    setHeading(title);
    auto *question = new QLabel(text);
    question->setObjectName(QStringLiteral("confirmText"));
    question->setWordWrap(true);
    question->setTextFormat(Qt::PlainText);
    addContent(question);
    setSaveText(acceptLabel);
    saveButton()->setProperty("destructive", true);
    // Cancel is the safe answer to Enter.
    saveButton()->setDefault(false);
    saveButton()->setAutoDefault(false);
    cancelButton()->setAutoDefault(true);
    cancelButton()->setDefault(true);
    cancelButton()->setFocus();
}

MutationResult ConfirmDialog::save()
{
    MutationResult confirmed;
    confirmed.ok = true;
    return confirmed;
}

bool DialogConfirmer::confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptLabel)
{
    ConfirmDialog dialog(title, text, acceptLabel, parent);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace hearth
