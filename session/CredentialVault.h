#pragma once

#include <QString>

#include <optional>

namespace hearth {

// Where a joined device keeps its secrets — the access token and the refresh credential: the
// operating system's keychain through QtKeychain when one answers (GNOME Keyring, KWallet, the
// macOS Keychain, Windows' Credential Manager), else a file only the user can read
// (DIR/credentials/<household>.json, mode 0600). Never the household database, which gets copied
// into backups and bug reports.
class CredentialVault final
{
public:
    // useKeychain false: the file only (tests, and kiosks without a keyring daemon).
    CredentialVault(QString fallbackDir, bool useKeychain);

    struct Secrets
    {
        QString accessToken;
        QString refreshToken;
    };
    bool save(const QString &householdId, const Secrets &secrets, QString *error);
    std::optional<Secrets> load(const QString &householdId) const;
    void forget(const QString &householdId);
    // Where the last save went, in words: "the system keychain" or "a private file".
    QString whereKept() const { return m_whereKept; }

private:
    QString filePath(const QString &householdId) const;

    QString m_dir;
    bool m_useKeychain;
    QString m_whereKept;
};

} // namespace hearth
