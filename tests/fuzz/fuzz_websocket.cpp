// libFuzzer target: hearthd's own WebSocket transport as a client's bytes reach it — the opening
// handshake's head (wsframes::judgeUpgrade and what HttpAdmission reads from it), then the frames
// after it (wsframes::parse, RFC 6455 §5), the stream split at points the input chooses, as TCP
// may split it.
//
// Input: two bytes seeding where the stream is split, then the stream itself.
//
// Besides crashes, leaks and UB it checks:
// - the frames read from the stream split anywhere are exactly those read from it whole (the
//   same messages, pings, pongs, close, and failure code), and no read consumes more than it got;
// - every text message handed over is valid UTF-8, no message is over the message limit, no
//   ping payload is over 125 bytes, a close code is one a client may send;
// - nothing is handed over after a failure or a close;
// - an accepted upgrade has a 28-character Sec-WebSocket-Accept, a refused one a status.

#include "FuzzSupport.h"
#include "HttpAdmission.h"
#include "WebSocketFrames.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <cstddef>
#include <cstdint>

using namespace hearth;

namespace {

constexpr wsframes::Limits kLimits{4096, 8192}; // small, so that the limits are reached

// What the parser handed over, as one line per event, to compare two reads of the same stream.
class Recorder final : public wsframes::FrameSink
{
public:
    bool message(int opcode, QByteArray payload) override
    {
        FUZZ_CHECK(!ended);
        FUZZ_CHECK(opcode == 1 || opcode == 2);
        FUZZ_CHECK(payload.size() <= kLimits.messageLimit);
        if (opcode == 1)
            FUZZ_CHECK(wsframes::Utf8Validator::isValid(payload));
        events << QByteArray::number(opcode) + ':' + payload;
        return true;
    }
    bool ping(const QByteArray &payload) override
    {
        FUZZ_CHECK(!ended);
        FUZZ_CHECK(payload.size() <= 125);
        events << "ping:" + payload;
        return true;
    }
    bool pong() override
    {
        FUZZ_CHECK(!ended);
        events << "pong";
        return true;
    }
    bool close(int code, const QByteArray &reason) override
    {
        FUZZ_CHECK(!ended);
        FUZZ_CHECK(code == -1 || wsframes::closeCodeAllowed(code));
        FUZZ_CHECK(wsframes::Utf8Validator::isValid(reason));
        events << "close:" + QByteArray::number(code) + ':' + reason;
        ended = true;
        return false; // the listener ends the connection
    }
    void fail(int code, const char *reason) override
    {
        FUZZ_CHECK(!ended);
        FUZZ_CHECK(code == wsframes::kCloseProtocolError || code == wsframes::kCloseInvalidData || code == wsframes::kCloseTooBig);
        FUZZ_CHECK(reason && *reason);
        events << "fail:" + QByteArray::number(code);
        ended = true;
    }

    QList<QByteArray> events;
    bool ended = false;
};

// Reads the stream in chunks as RawWebSocketListener::readFrames does: what a parse leaves (a
// partial frame) is kept and the next chunk appended to it.
QList<QByteArray> readInChunks(const QByteArray &stream, quint32 seed)
{
    Recorder recorder;
    wsframes::MessageState state;
    QByteArray pending;
    qsizetype at = 0;
    while (at < stream.size() && !recorder.ended) {
        // A chunk of 1 to 64 bytes, or the rest when seed is 0 (one read).
        qsizetype chunk = stream.size() - at;
        if (seed != 0) {
            seed = seed * 1103515245u + 12345u;
            chunk = std::min<qsizetype>(chunk, 1 + (seed >> 16) % 64);
        }
        pending.append(stream.constData() + at, chunk);
        at += chunk;
        const qsizetype used = wsframes::parse(state, pending.constData(), pending.size(), kLimits, recorder);
        if (used < 0) {
            FUZZ_CHECK(recorder.ended);
            break;
        }
        FUZZ_CHECK(used <= pending.size());
        pending.remove(0, used);
    }
    return recorder.events;
}

void checkHandshake(const QByteArray &head)
{
    const wsframes::Upgrade upgrade = wsframes::judgeUpgrade(head);
    if (upgrade.accepted) {
        FUZZ_CHECK(upgrade.accept.size() == 28);
        FUZZ_CHECK(upgrade.status.isEmpty());
        // What the listener does next with an accepted head.
        (void)HttpAdmission::roomRequest(QUrl(QString::fromLatin1(upgrade.target)));
    } else {
        FUZZ_CHECK(!upgrade.status.isEmpty());
    }
    if (HttpAdmission::isSnapshotRequest(head))
        (void)HttpAdmission::snapshotRequest(head);
    if (HttpAdmission::isImageRequest(head))
        (void)HttpAdmission::imageRequest(head);
    (void)HttpAdmission::isRoomPath(QUrl(QString::fromLatin1(upgrade.target)).path());
    HttpAdmission admission(QStringList{QStringLiteral("https://hearth.example")});
    (void)admission.originAllowed(head);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const quint32 seed = quint32(data[0]) << 8 | data[1];
    QByteArray stream(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));

    // A head first, when there is one; the frames are what follows it.
    const qsizetype end = stream.left(8192).indexOf("\r\n\r\n");
    if (end >= 0) {
        checkHandshake(stream.left(end + 4));
        stream.remove(0, end + 4);
    }

    const QList<QByteArray> whole = readInChunks(stream, 0);
    const QList<QByteArray> split = readInChunks(stream, seed | 1u);
    FUZZ_CHECK(whole == split);
    return 0;
}
