// 1,000 changes from one client to a real `hearthd` on loopback: sent one by one (1,000 pipelined
// mutates, as the outbox sent them before batches) against batched (10 `batch` messages of 100).
// Per round and way: the time from the first frame sent to the last ack, and hearthd's CPU time
// (utime + stime from /proc/<pid>/stat) from before the first frame to the last broadcast back.
// Both ways run in every round, in alternating order, on a fresh socket each; the figures are
// the median of the rounds with min and max, and the ratio one-by-one / batched in the same run.

#include "BenchSupport.h"
#include "Protocol.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>
#include <QWebSocket>

#include <cstdio>
#include <functional>
#include <unistd.h>

using namespace hearth;
using namespace hearth::bench;

namespace {

QString hearthdPath(const QString &given)
{
    if (!given.isEmpty())
        return given;
    // bench/bench_batch and app/hearthd in one build tree.
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../app/hearthd"));
}

// The first stdout line of a hearthd command, as JSON.
QJsonObject runHearthd(const QString &hearthd, const QStringList &arguments, QString *error)
{
    QProcess process;
    process.start(hearthd, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        *error = QStringLiteral("hearthd %1 failed: %2").arg(arguments.join(QLatin1Char(' ')),
                                                            QString::fromLocal8Bit(process.readAllStandardError()));
        return {};
    }
    return QJsonDocument::fromJson(process.readAllStandardOutput().split('\n').value(0)).object();
}

struct Round
{
    double lastAckMs = 0;
    double cpuMs = 0;
    int frames = 0;
};

// One way of sending `changes` pantry creates on a fresh socket; nullopt and *error on failure.
std::optional<Round> sendChanges(const QUrl &room, qint64 serverPid, int changes, bool batched, QString *error)
{
    QWebSocket socket;
    bool welcomed = false;
    int acked = 0;
    int failed = 0;
    int broadcasts = 0;
    QElapsedTimer clock;
    double lastAckMs = 0;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString &text) {
        QString decodeError;
        const auto message = protocol::decode(text, &decodeError);
        if (!message)
            return;
        if (message->event == QLatin1String("connected")) {
            welcomed = true;
        } else if (message->event == QLatin1String("ack")) {
            const QString received = message->data.value(QLatin1String("received")).toString();
            const QJsonArray results = received == QLatin1String("batch") ? message->data.value(QLatin1String("results")).toArray()
                                                                          : QJsonArray{message->data};
            for (const QJsonValue &result : results)
                (result.toObject().value(QLatin1String("ok")).toBool() ? acked : failed) += 1;
            if (acked + failed == changes)
                lastAckMs = double(clock.nsecsElapsed()) / 1e6;
        } else if (message->event == QLatin1String("pantry_updated")) {
            ++broadcasts;
        }
    });
    socket.open(room);
    if (!waitUntil([&] { return welcomed; }, 15000)) {
        *error = QStringLiteral("no welcome from hearthd: %1").arg(socket.errorString());
        return std::nullopt;
    }

    // The frames are made before the clock starts, as an outbox holds them ready.
    QStringList frames;
    QList<protocol::Message> group;
    for (int i = 0; i < changes; ++i) {
        const Mutation create{QUuid::createUuid().toString(QUuid::WithoutBraces), Collection::Pantry, MutationOp::Create,
                              QUuid::createUuid().toString(QUuid::WithoutBraces), -1,
                              {{QStringLiteral("name"), QStringLiteral("Item %1").arg(i)}, {QStringLiteral("quantity"), 1 + i % 5},
                               {QStringLiteral("unit"), QStringLiteral("pcs")}, {QStringLiteral("category"), QStringLiteral("Pantry")}}};
        const QString mutate = protocol::encodeMutation(create);
        if (!batched) {
            frames << mutate;
            continue;
        }
        QString decodeError;
        group.append(*protocol::decode(mutate, &decodeError));
        if (group.size() == protocol::kBatchLimit || i == changes - 1) {
            frames << protocol::encodeBatch(QStringLiteral("batch-%1").arg(frames.size() + 1), group);
            group.clear();
        }
    }

    const double cpuBefore = processCpuSeconds(serverPid);
    clock.start();
    for (const QString &frame : std::as_const(frames))
        socket.sendTextMessage(frame);
    if (!waitUntil([&] { return acked + failed == changes && broadcasts == changes; }, 120000)) {
        *error = QStringLiteral("after 120 s: %1 acked, %2 refused, %3 broadcasts of %4").arg(acked).arg(failed).arg(broadcasts).arg(changes);
        return std::nullopt;
    }
    const double cpuAfter = processCpuSeconds(serverPid);
    socket.close();
    waitUntil([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 5000);
    if (failed > 0) {
        *error = QStringLiteral("%1 changes were refused").arg(failed);
        return std::nullopt;
    }
    return Round{lastAckMs, (cpuAfter - cpuBefore) * 1000.0, int(frames.size())};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Rounds (default 5)."), QStringLiteral("N"));
    const QCommandLineOption changesOption(QStringLiteral("changes"), QStringLiteral("Changes per round (default 1000)."),
                                           QStringLiteral("N"));
    const QCommandLineOption hearthdOption(QStringLiteral("hearthd"), QStringLiteral("The hearthd binary (default ../app/hearthd)."),
                                           QStringLiteral("PATH"));
    parser.addOptions({roundsOption, changesOption, hearthdOption});
    parser.addHelpOption();
    parser.process(app);
    const int rounds = positiveInt(parser.value(roundsOption), 5);
    const int changes = positiveInt(parser.value(changesOption), 1000);
    const QString hearthd = hearthdPath(parser.value(hearthdOption));
    printMachine();

    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("hearthd"));
    QString error;
    const QString household = runHearthd(hearthd, {QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("--data"), data,
                                                   QStringLiteral("--name"), QStringLiteral("Bench")},
                                         &error)
                                  .value(QLatin1String("household_id"))
                                  .toString();
    const QString token = household.isEmpty() ? QString()
                                              : runHearthd(hearthd, {QStringLiteral("token"), QStringLiteral("--data"), data,
                                                                     QStringLiteral("--household"), household, QStringLiteral("--name"),
                                                                     QStringLiteral("Ann"), QStringLiteral("--role"), QStringLiteral("adult")},
                                                           &error)
                                                    .value(QLatin1String("token"))
                                                    .toString();
    if (token.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error.isEmpty() ? QStringLiteral("no household or token from hearthd") : error));
        return 1;
    }

    // The allowances are raised so that neither way is cut off: this measures the work, not the limits.
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(hearthd, {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"), data,
                           QStringLiteral("--no-advertise"), QStringLiteral("--ping-interval"), QStringLiteral("3600"),
                           QStringLiteral("--mutations-per-second"), QStringLiteral("100000"),
                           QStringLiteral("--household-mutations-per-second"), QStringLiteral("1000000")});
    if (!server.waitForStarted(10000) || !waitUntil([&] { return server.canReadLine(); }, 15000)) {
        std::fprintf(stderr, "hearthd serve did not start\n");
        return 1;
    }
    const int port = QJsonDocument::fromJson(server.readLine()).object().value(QLatin1String("port")).toInt();
    QUrl room(QStringLiteral("ws://127.0.0.1:%1/api/ws/%2").arg(port).arg(household));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("token"), token);
    room.setQuery(query);
    std::printf("hearthd %s (pid %lld) on port %d; %d changes per way, %d rounds\n", qPrintable(hearthd), qlonglong(server.processId()),
                port, changes, rounds);

    QList<double> oneAck, oneCpu, batchAck, batchCpu, ackRatio, cpuRatio;
    int status = 0;
    // A warm-up of each way, not counted: the first socket and the first writes pay for caches.
    for (const bool batched : {false, true}) {
        if (!sendChanges(room, server.processId(), changes, batched, &error)) {
            std::fprintf(stderr, "warm-up: %s\n", qPrintable(error));
            status = 1;
        }
    }
    for (int round = 0; round < rounds && status == 0; ++round) {
        Round results[2];
        // Alternating which way goes first, so a store that grows by 2,000 rows a round favours neither.
        for (const bool batched : round % 2 == 0 ? QList<bool>{false, true} : QList<bool>{true, false}) {
            const auto measured = sendChanges(room, server.processId(), changes, batched, &error);
            if (!measured) {
                std::fprintf(stderr, "round %d: %s\n", round + 1, qPrintable(error));
                status = 1;
                break;
            }
            results[batched ? 1 : 0] = *measured;
        }
        if (status != 0)
            break;
        oneAck << results[0].lastAckMs;
        oneCpu << results[0].cpuMs;
        batchAck << results[1].lastAckMs;
        batchCpu << results[1].cpuMs;
        ackRatio << results[0].lastAckMs / results[1].lastAckMs;
        cpuRatio << (results[1].cpuMs > 0 ? results[0].cpuMs / results[1].cpuMs : 0);
        std::printf("round %d: one by one (%d frames) last ack %.1f ms, hearthd CPU %.0f ms; batched (%d frames) last ack %.1f ms, "
                    "hearthd CPU %.0f ms\n",
                    round + 1, results[0].frames, results[0].lastAckMs, results[0].cpuMs, results[1].frames, results[1].lastAckMs,
                    results[1].cpuMs);
    }
    server.terminate();
    if (!server.waitForFinished(30000))
        server.kill();
    if (status != 0)
        return status;

    std::printf("one by one, last ack:   %s\n", qPrintable(describe(computeStats(oneAck), "ms")));
    std::printf("batched, last ack:      %s\n", qPrintable(describe(computeStats(batchAck), "ms")));
    std::printf("ratio (one by one / batched), last ack: %s\n", qPrintable(describe(computeStats(ackRatio), "x")));
    std::printf("one by one, hearthd CPU: %s\n", qPrintable(describe(computeStats(oneCpu), "ms")));
    std::printf("batched, hearthd CPU:    %s\n", qPrintable(describe(computeStats(batchCpu), "ms")));
    std::printf("ratio (one by one / batched), hearthd CPU: %s\n", qPrintable(describe(computeStats(cpuRatio), "x")));
    printResult("batch_one_by_one_last_ack_ms", computeStats(oneAck), "ms");
    printResult("batch_batched_last_ack_ms", computeStats(batchAck), "ms");
    printResult("batch_last_ack_ratio", computeStats(ackRatio), "x");
    printResult("batch_one_by_one_hearthd_cpu_ms", computeStats(oneCpu), "ms");
    printResult("batch_batched_hearthd_cpu_ms", computeStats(batchCpu), "ms");
    printResult("batch_hearthd_cpu_ratio", computeStats(cpuRatio), "x");
    return 0;
}
