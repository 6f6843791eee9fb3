#include "WebSocketFrames.h"

#include "HttpAdmission.h"

#include <QCryptographicHash>
#include <QList>

namespace hearth::wsframes {

namespace {

// Utf8Validator's states: between characters, or how many continuation bytes are still due and
// what the next one may be (the first continuation byte is what rules out overlong forms,
// surrogates and code points past U+10FFFF).
enum Utf8State : quint8 {
    Accept = 0,
    Need1,      // 80–BF, then done
    Need2,      // 80–BF, then Need1
    Need3,      // 80–BF, then Need2
    AfterE0,    // A0–BF (not overlong), then Need1
    AfterED,    // 80–9F (not a surrogate), then Need1
    AfterF0,    // 90–BF (not overlong), then Need2
    AfterF4,    // 80–8F (not past U+10FFFF), then Need2
    Failed,
};

bool inRange(uchar byte, uchar low, uchar high)
{
    return byte >= low && byte <= high;
}

quint8 step(quint8 state, uchar byte)
{
    switch (state) {
    case Accept:
        if (byte < 0x80)
            return Accept;
        if (inRange(byte, 0xC2, 0xDF))
            return Need1;
        if (byte == 0xE0)
            return AfterE0;
        if (byte == 0xED)
            return AfterED;
        if (inRange(byte, 0xE1, 0xEF))
            return Need2;
        if (byte == 0xF0)
            return AfterF0;
        if (byte == 0xF4)
            return AfterF4;
        if (inRange(byte, 0xF1, 0xF3))
            return Need3;
        return Failed; // a stray continuation byte, C0/C1 (always overlong), F5–FF
    case Need1:
        return inRange(byte, 0x80, 0xBF) ? Accept : Failed;
    case Need2:
        return inRange(byte, 0x80, 0xBF) ? Need1 : Failed;
    case Need3:
        return inRange(byte, 0x80, 0xBF) ? Need2 : Failed;
    case AfterE0:
        return inRange(byte, 0xA0, 0xBF) ? Need1 : Failed;
    case AfterED:
        return inRange(byte, 0x80, 0x9F) ? Need1 : Failed;
    case AfterF0:
        return inRange(byte, 0x90, 0xBF) ? Need2 : Failed;
    case AfterF4:
        return inRange(byte, 0x80, 0x8F) ? Need2 : Failed;
    default:
        return Failed;
    }
}

} // namespace

bool Utf8Validator::feed(const char *bytes, qsizetype size)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes);
    quint8 state = m_state;
    qsizetype i = 0;
    // ASCII runs (most of a JSON message) skip the state machine.
    while (i < size && state != Failed) {
        if (state == Accept) {
            while (i < size && p[i] < 0x80)
                ++i;
            if (i == size)
                break;
        }
        state = step(state, p[i++]);
    }
    m_state = state;
    return state != Failed;
}

bool Utf8Validator::isValid(const QByteArray &bytes)
{
    Utf8Validator validator;
    return validator.feed(bytes) && validator.complete();
}

bool closeCodeAllowed(int code)
{
    if (code >= 3000 && code <= 4999)
        return true;
    return code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006;
}

qsizetype parse(MessageState &state, const char *data, qsizetype size, const Limits &limits, FrameSink &sink)
{
    const auto fail = [&sink, &state](int code, const char *reason) -> qsizetype {
        state.clear();
        sink.fail(code, reason);
        return -1;
    };
    qsizetype pos = 0;
    for (;;) {
        const auto *p = reinterpret_cast<const uchar *>(data + pos);
        const qsizetype available = size - pos;
        if (available < 2)
            return pos;
        const bool fin = p[0] & 0x80;
        const int opcode = p[0] & 0x0f;
        quint64 length = p[1] & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            if (available < 4)
                return pos;
            length = (quint64(p[2]) << 8) | p[3];
            header = 4;
        } else if (length == 127) {
            if (available < 10)
                return pos;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | p[i];
            header = 10;
        }
        // Judged on the header alone, before any payload is buffered.
        if (p[0] & 0x70)
            return fail(kCloseProtocolError, "Reserved bits set");
        if (!(p[1] & 0x80))
            return fail(kCloseProtocolError, "Client frames must be masked");
        if (length >> 63)
            return fail(kCloseProtocolError, "Frame length out of range"); // §5.2: the top bit is 0
        const bool control = opcode & 0x8;
        if (control) {
            if (opcode > 0xA)
                return fail(kCloseProtocolError, "Unknown opcode");
            if (!fin || length > 125)
                return fail(kCloseProtocolError, "Control frames are short and whole");
        } else if (opcode > 2) {
            return fail(kCloseProtocolError, "Unknown opcode");
        } else if (opcode == 0 && state.opcode == 0) {
            return fail(kCloseProtocolError, "Continuation without a message");
        } else if (opcode != 0 && state.opcode != 0) {
            return fail(kCloseProtocolError, "A new message inside a fragmented one");
        }
        if (length > quint64(limits.frameLimit)
            || (!control && quint64(state.message.size()) + length > quint64(limits.messageLimit)))
            return fail(kCloseTooBig, "Message too big");
        header += 4; // the mask
        if (available < header || quint64(available - header) < length)
            return pos; // the rest of the frame is still on its way
        QByteArray payload(reinterpret_cast<const char *>(p + header), qsizetype(length));
        const uchar *mask = p + header - 4;
        char *bytes = payload.data();
        for (qsizetype i = 0; i < payload.size(); ++i)
            bytes[i] = char(bytes[i] ^ mask[i & 3]);
        pos += header + qsizetype(length);

        bool goOn = true;
        switch (opcode) {
        case 0x8: {
            if (payload.size() == 1)
                return fail(kCloseProtocolError, "Bad close frame");
            int code = -1;
            QByteArray reason;
            if (payload.size() >= 2) {
                code = (uchar(payload.at(0)) << 8) | uchar(payload.at(1));
                reason = payload.mid(2);
                if (!closeCodeAllowed(code))
                    return fail(kCloseProtocolError, "Bad close code");
                if (!Utf8Validator::isValid(reason))
                    return fail(kCloseProtocolError, "Close reason is not UTF-8");
            }
            state.clear();
            goOn = sink.close(code, reason);
            break;
        }
        case 0x9:
            goOn = sink.ping(payload);
            break;
        case 0xA:
            goOn = sink.pong();
            break;
        default: {
            // A data frame: a whole message, or a fragment of one. Text is checked as each
            // fragment arrives, so a bad byte ends the connection before the rest is sent.
            if (opcode != 0)
                state.opcode = quint8(opcode);
            if (state.opcode == 0x1 && !state.utf8.feed(payload))
                return fail(kCloseInvalidData, "Invalid UTF-8");
            if (!fin) {
                state.message.append(payload);
                break;
            }
            if (state.opcode == 0x1 && !state.utf8.complete())
                return fail(kCloseInvalidData, "Invalid UTF-8");
            const int messageOpcode = state.opcode;
            QByteArray message = state.message.isEmpty() ? std::move(payload) : std::exchange(state.message, QByteArray()) + payload;
            state.clear();
            goOn = sink.message(messageOpcode, std::move(message));
            break;
        }
        }
        if (!goOn)
            return -1;
    }
}

QByteArray encodeFrame(int opcode, const char *payload, qsizetype size)
{
    QByteArray frame;
    frame.reserve(size + 10);
    frame.append(char(0x80 | opcode));
    if (size < 126) {
        frame.append(char(size));
    } else if (size <= 0xffff) {
        frame.append(char(126));
        frame.append(char(size >> 8));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(size) >> shift) & 0xff));
    }
    frame.append(payload, size);
    return frame;
}

Upgrade judgeUpgrade(const QByteArray &head)
{
    Upgrade upgrade;
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    upgrade.target = requestLine.value(1);
    upgrade.status = "400 Bad Request";
    if (requestLine.size() != 3 || requestLine.at(0) != "GET" || !requestLine.at(2).startsWith("HTTP/1.")
        || requestLine.at(2) == "HTTP/1.0" || !HttpAdmission::hasToken(HttpAdmission::headerValue(head, "upgrade"), "websocket")
        || !HttpAdmission::hasToken(HttpAdmission::headerValue(head, "connection"), "upgrade"))
        return upgrade;
    if (HttpAdmission::headerValue(head, "sec-websocket-version") != "13") {
        upgrade.extraHeaders = "Sec-WebSocket-Version: 13\r\n";
        return upgrade;
    }
    const QByteArray key = HttpAdmission::headerValue(head, "sec-websocket-key");
    const auto decodedKey = QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (!decodedKey || decodedKey.decoded.size() != 16)
        return upgrade;
    upgrade.accepted = true;
    upgrade.status.clear();
    upgrade.accept = QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"), QCryptographicHash::Sha1).toBase64();
    return upgrade;
}

} // namespace hearth::wsframes
