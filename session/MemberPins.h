#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <chrono>

namespace hearth {

class Clock;

// How PINs are hashed and how many wrong guesses they take.
struct PinPolicy
{
    // PBKDF2-HMAC-SHA256 rounds: about 0.05 s on a desktop, well under a second on a tablet. Four
    // digits are 10,000 guesses, so no count protects a copied hash; keeping the file on this
    // device and the attempt limit do (docs/security.md).
    int iterations = 100'000;
    int attemptsBeforeLockout = 5;                 // wrong PINs in a row before a lock-out
    std::chrono::seconds firstLockout{60};         // doubling with each lock-out in a row …
    std::chrono::seconds longestLockout{3600};     // … up to this
};

// The optional 4-digit PIN of each member, on this device only (the kiosk's "Who's using
// Hearth?"). Kept in one file in the data folder (mode 0600), never in the household database and
// never sent anywhere: a 4-digit PIN's hash is 10,000 guesses away from the PIN, so only the
// attempt limit protects it, and that limit holds only where the hash cannot be copied. Stored as
// a salted PBKDF2 hash; wrong guesses and lock-outs are written down at once, so quitting the app
// does not reset them (docs/security.md, "Member PINs").
class MemberPins final : public QObject
{
    Q_OBJECT

public:
    enum class PinCheck { Accepted, Wrong, LockedOut, NoPin };
    Q_ENUM(PinCheck)

    // `filePath` empty: kept in memory only (nothing survives the object).
    MemberPins(QString filePath, const Clock &clock, PinPolicy policy, QObject *parent = nullptr);
    MemberPins(QString filePath, const Clock &clock, QObject *parent = nullptr);
    ~MemberPins() override;

    // Exactly four digits 0–9.
    static bool isValidPin(const QString &pin);

    bool hasPin(const QString &memberId) const;
    // Sets (or replaces) a member's PIN; *error says why not (not four digits, not saved).
    bool setPin(const QString &memberId, const QString &pin, QString *error = nullptr);
    void clearPin(const QString &memberId);
    // Checks a PIN. While locked out the PIN is not even looked at; a right one resets the count.
    PinCheck check(const QString &memberId, const QString &pin);
    // How long the member's PIN stays locked (0 when it is not).
    std::chrono::seconds lockedFor(const QString &memberId) const;
    // Wrong PINs still allowed before the next lock-out.
    int attemptsLeft(const QString &memberId) const;

Q_SIGNALS:
    // A PIN was set or cleared, or its lock-out state changed.
    void changed(const QString &memberId);

private:
    struct Record
    {
        QByteArray salt;
        QByteArray hash;
        int iterations = 0;
        int failures = 0;   // wrong in a row since the last lock-out or success
        int lockouts = 0;   // lock-outs in a row
        qint64 lockedUntilMs = 0;
        qint64 lockSeconds = 0;
    };
    static QByteArray derive(const QString &pin, const QByteArray &salt, int iterations);
    void load();
    bool save(QString *error = nullptr);

    QString m_path;
    const Clock &m_clock;
    PinPolicy m_policy;
    QHash<QString, Record> m_records;
};

} // namespace hearth
