#pragma once

#include <QString>
#include <QWidget>

#include <chrono>

class QLabel;
class QPushButton;

namespace hearth {

class PinDots;

// A touch-sized keypad for a 4-digit PIN: digits 0–9 and backspace (keys of 80 px, never under
// 48), a dot for each digit entered, and a line for what went wrong. When the fourth digit is in
// it emits entered(pin); the owner checks it and answers with clear(), showError() (the dots shake
// and empty) or showLockedOut() (the keys rest and the time left shows; the owner, who knows the
// lock-out, calls it again as time passes and clear() at the end). Digits typed on a keyboard work
// too.
class PinPad final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kDigits = 4;

    explicit PinPad(QWidget *parent = nullptr);
    ~PinPad() override;

    // The line above the dots ("Mia, enter your PIN").
    void setPrompt(const QString &text);
    QString prompt() const;
    // Empties the dots and the message; the keys work again.
    void clear();
    // A wrong PIN: the dots shake and empty, and `message` shows under them.
    void showError(const QString &message);
    // Too many wrong tries: no keys, and how long until they work again.
    void showLockedOut(std::chrono::seconds left);
    bool isLockedOut() const;

    QString message() const;
    // The digits entered so far (for tests; never shown).
    int enteredCount() const { return int(m_pin.size()); }

Q_SIGNALS:
    void entered(const QString &pin);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void press(int digit);
    void backspace();
    void setKeysEnabled(bool on);

    QLabel *m_prompt;
    PinDots *m_dots;
    QLabel *m_message;
    QList<QPushButton *> m_keys;
    QString m_pin;
    bool m_lockedOut = false;
};

} // namespace hearth
