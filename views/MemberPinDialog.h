#pragma once

#include "FormDialog.h"

#include <functional>

class QLineEdit;

namespace hearth {

// Sets or removes a member's PIN (Household page → Set PIN… / Remove PIN…). Setting asks for the
// new PIN twice; when the person using the device has a PIN of their own, it asks for theirs too
// (changing a PIN is then as hard as using theirs). `apply` does it (the session's
// setMemberPin: an empty PIN removes it) and says why not, under the field that was wrong.
class MemberPinDialog final : public FormDialog
{
    Q_OBJECT

public:
    enum class Mode { Set, Remove };
    // `actorName` empty: the person using the device has no PIN to give.
    using Apply = std::function<MutationResult(const QString &pin, const QString &actorPin)>;
    MemberPinDialog(Mode mode, const QString &memberName, const QString &actorName, Apply apply, QWidget *parent = nullptr);

private:
    MutationResult save() override;

    Mode m_mode;
    Apply m_apply;
    QLineEdit *m_pin = nullptr;
    QLineEdit *m_repeat = nullptr;
    QLineEdit *m_actorPin = nullptr;
};

} // namespace hearth
