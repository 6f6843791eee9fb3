#include "MemberPinDialog.h"

#include "MemberPins.h"

#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>

namespace hearth {

namespace {
QLineEdit *pinEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setEchoMode(QLineEdit::Password);
    edit->setMaxLength(4);
    edit->setInputMethodHints(Qt::ImhDigitsOnly | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    edit->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,4}")), edit));
    edit->setMinimumHeight(48);
    return edit;
}
} // namespace

MemberPinDialog::MemberPinDialog(Mode mode, const QString &memberName, const QString &actorName, Apply apply, QWidget *parent)
    : FormDialog(parent)
    , m_mode(mode)
    , m_apply(std::move(apply))
{
    setObjectName(QStringLiteral("memberPinDialog"));
    if (mode == Mode::Set) {
        setWindowTitle(tr("Set PIN"));
        setHeading(tr("A PIN for %1").arg(memberName),
                   tr("Four digits %1 types on the kitchen display after picking themselves. It is kept on this device "
                      "only.")
                       .arg(memberName));
        m_pin = pinEdit(QStringLiteral("pinEdit"), this);
        m_repeat = pinEdit(QStringLiteral("pinRepeatEdit"), this);
        addField(tr("&New PIN"), m_pin, QStringLiteral("pin"));
        addField(tr("&Repeat it"), m_repeat, QStringLiteral("repeat"));
        setSaveText(tr("Set PIN"));
    } else {
        setWindowTitle(tr("Remove PIN"));
        setHeading(tr("Remove %1's PIN?").arg(memberName),
                   tr("Anyone at the kitchen display can then pick %1 without a PIN.").arg(memberName));
        setSaveText(tr("Remove PIN"));
        saveButton()->setProperty("destructive", true);
    }
    if (!actorName.isEmpty()) {
        m_actorPin = pinEdit(QStringLiteral("actorPinEdit"), this);
        addField(tr("&Your PIN (%1)").arg(actorName), m_actorPin, QStringLiteral("actor_pin"));
    }
    if (m_pin)
        m_pin->setFocus();
    else if (m_actorPin)
        m_actorPin->setFocus();
}

MutationResult MemberPinDialog::save()
{
    QString pin;
    if (m_mode == Mode::Set) {
        pin = m_pin->text();
        if (!MemberPins::isValidPin(pin))
            return MutationResult::failure(QStringLiteral("invalid"), tr("A PIN is four digits."), QStringLiteral("pin"));
        if (m_repeat->text() != pin)
            return MutationResult::failure(QStringLiteral("invalid"), tr("The two PINs are not the same."), QStringLiteral("repeat"));
    }
    return m_apply(pin, m_actorPin ? m_actorPin->text() : QString());
}

} // namespace hearth
