#pragma once

// The server side of RFC 6455's framing (§5) and opening handshake (§4.2), with no sockets: what
// RawWebSocketListener reads from a client, in a form a test or a fuzzer can drive byte by byte.
// Every rule a client can break ends the connection with the code §7.4 gives it; the cases are
// listed in docs/security.md ("The WebSocket transport").

#include <QByteArray>
#include <QtGlobal>

namespace hearth::wsframes {

inline constexpr int kCloseNormal = 1000;
inline constexpr int kCloseProtocolError = 1002;
inline constexpr int kCloseInvalidData = 1007;
inline constexpr int kCloseTooBig = 1009;

// UTF-8 as RFC 3629 allows it, checked as the bytes arrive (a text message fragment by fragment,
// failing at the first bad byte): no overlong forms, no UTF-16 surrogates (U+D800–U+DFFF),
// nothing past U+10FFFF. One byte of state.
class Utf8Validator
{
public:
    // False at the first byte that cannot be UTF-8; the validator stays failed until reset().
    bool feed(const char *bytes, qsizetype size);
    bool feed(const QByteArray &bytes) { return feed(bytes.constData(), bytes.size()); }
    // True between characters (not inside a multi-byte sequence) and not failed.
    bool complete() const { return m_state == 0; }
    void reset() { m_state = 0; }

    static bool isValid(const QByteArray &bytes);

private:
    quint8 m_state = 0;
};

// A close code a client may send (§7.4): 1000–1014 except 1004, 1005 and 1006 (reserved, or
// meaning "no code" and "closed abnormally", which are never on the wire), and 3000–4999.
bool closeCodeAllowed(int code);

struct Limits
{
    qint64 frameLimit = 1 << 20;   // the most payload one frame may announce
    qint64 messageLimit = 1 << 20; // the most a whole (fragmented) message may hold
};

// What a parse hands over, frame by frame. Each returns false to stop reading (the connection
// ended or is closing); the parser then returns -1.
class FrameSink
{
public:
    virtual ~FrameSink() = default;
    // A whole message: opcode 1 (text: already valid UTF-8) or 2 (binary).
    virtual bool message(int opcode, QByteArray payload) = 0;
    virtual bool ping(const QByteArray &payload) = 0;
    virtual bool pong() = 0;
    // A valid close frame: its code, or -1 when it had none (an empty payload).
    virtual bool close(int code, const QByteArray &reason) = 0;
    // The client broke the protocol: the connection is to be closed with `code`.
    virtual void fail(int code, const char *reason) = 0;
};

// One connection's message in progress, kept between reads. Small on purpose: a host keeps one
// for each of thousands of sockets.
struct MessageState
{
    QByteArray message;      // the fragments of a message so far
    quint8 opcode = 0;       // its opcode; 0 when no fragmented message is in progress
    Utf8Validator utf8;      // a text message's bytes so far
    void clear()
    {
        message = QByteArray();
        opcode = 0;
        utf8.reset();
    }
};

// Parses every complete client frame in data[0, size): hands each to the sink, unmasked and
// judged. Returns the bytes consumed (a partial frame at the end is left for the next call with
// more bytes), or -1 once the sink said stop or the client broke the protocol (sink.fail()).
qsizetype parse(MessageState &state, const char *data, qsizetype size, const Limits &limits, FrameSink &sink);

// A server frame (never masked, never fragmented).
QByteArray encodeFrame(int opcode, const char *payload, qsizetype size);

// The judgement of a WebSocket upgrade request's head (through the blank line): accepted with the
// Sec-WebSocket-Accept value, or refused with an HTTP status and any headers to answer with.
struct Upgrade
{
    bool accepted = false;
    QByteArray accept;       // Sec-WebSocket-Accept, when accepted
    QByteArray status;       // "400 Bad Request", when not
    QByteArray extraHeaders; // e.g. "Sec-WebSocket-Version: 13\r\n" for a version it does not speak
    QByteArray target;       // the request target (path and query)
};
Upgrade judgeUpgrade(const QByteArray &head);

} // namespace hearth::wsframes
