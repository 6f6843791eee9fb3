#pragma once

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

class MessageBoxConfirmer final : public Confirmer
{
public:
    bool confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptLabel) override;
};

} // namespace hearth
