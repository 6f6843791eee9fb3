#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace hearth {

class ConnectionStatus;

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
    // The warning icon's size in pixels (24 unless set; the kiosk's is larger).
    void setIconSize(int pixels);

Q_SIGNALS:
    void actionTriggered();

private:
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_action;
};

// The full-disk warning (ConnectionStatus::isStorageFull()) in `banner`: the count of edits kept in
// memory and "Try Again", or hidden while nothing is held. The main window and the kiosk both show
// it, in the same words, without Dismiss: it goes once what is held is saved.
void showStorageWarning(Banner &banner, const ConnectionStatus &connection);

} // namespace hearth
