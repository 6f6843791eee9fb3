#pragma once

#include <QString>

#include <optional>

namespace hearth {

// An invite link: hearth://join?host=192.168.1.20:8765&code=ABCD2345&fp=<SHA-256 hex>, as the
// Host dialog's QR code and "Copy invite link" give it and as `hearth LINK` (the desktop's
// x-scheme-handler/hearth) opens it. It holds an invite code, so it is shared like one.
struct JoinLink
{
    QString host;        // "192.168.1.20:8765"
    QString code;        // normalized: eight capitals and digits; may be empty
    QString fingerprint; // all 64 hex digits of the certificate's SHA-256, lower case; may be empty

    // The parts of `text`, or nothing and a sentence in *error saying what is wrong with it.
    static std::optional<JoinLink> parse(const QString &text, QString *error);
    QString toString() const;
};

} // namespace hearth
