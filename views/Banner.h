#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace hearth {

// A warning across the top of the pages that stays until dealt with (unlike the status bar's
// notices): an icon, a bold title, a sentence under it, one action button and, when the warning
// may be set aside, Dismiss. Hidden until present()ed.
class Banner final : public QFrame
{
    Q_OBJECT

public:
    enum class Dismissable { Yes, No };

    Banner(const QString &objectName, Dismissable dismissable, QWidget *parent = nullptr);

    // Shows (or updates) the warning; an empty `actionText` shows no action button.
    void present(const QString &title, const QString &text, const QString &actionText);
    // The title and the sentence, one line each; empty while hidden.
    QString shownText() const;

Q_SIGNALS:
    void actionTriggered();

private:
    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_action;
};

} // namespace hearth
