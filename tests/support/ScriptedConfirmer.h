#pragma once

#include "Confirmer.h"

#include <QString>

namespace hearth::test {

// Answers confirmation questions without a dialog, and remembers what it was asked.
class ScriptedConfirmer final : public Confirmer
{
public:
    bool confirm(QWidget *, const QString &, const QString &text, const QString &) override
    {
        ++asked;
        lastQuestion = text;
        return answer;
    }
    bool answer = true;
    int asked = 0;
    QString lastQuestion;
};

} // namespace hearth::test
