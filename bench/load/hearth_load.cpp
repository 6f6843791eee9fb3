// hearth-load: the live sync load benchmark (docs/benchmarks.md, "Live sync load").
//
//   hearth-load setup --data DIR --households H --members M --out TOKENS
//       Creates H households with M members each in hearthd's data folder DIR (the same store and
//       secret as `hearthd household create` / `hearthd token`, HEARTH_JWT_SECRET when set) and
//       writes one line per household: "<household_id> <token of member 1> ... <token of member M>".
//   hearth-load run --port P --tokens TOKENS --households H --members M --mode closed|rate
//                   [--rate R] [--window W] [--warm S] [--duration S] [--drain S] [--pid PID]
//                   [--server NAME] [--scenario NAME] [--results FILE]
//       Drives the room server on 127.0.0.1:P and appends one JSON line of figures to FILE.
//   hearth-load table FILE
//       Prints the figures of FILE as a table, and the targets.

#include "AuthoritativeEngine.h"
#include "Clock.h"
#include "HouseholdDirectory.h"
#include "LoadEngine.h"
#include "Pairing.h"
#include "ServerSecret.h"
#include "Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

using namespace hearth;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "hearth-load: %s\n", qPrintable(message));
    return 1;
}

int setup(const QCommandLineParser &parser)
{
    const QString dir = parser.value(QStringLiteral("data"));
    const int households = parser.value(QStringLiteral("households")).toInt();
    const int members = parser.value(QStringLiteral("members")).toInt();
    const QString outPath = parser.value(QStringLiteral("out"));
    if (dir.isEmpty() || households <= 0 || members <= 0 || outPath.isEmpty())
        return fail(QStringLiteral("setup needs --data DIR --households H --members M --out FILE"));
    if (!QDir().mkpath(dir))
        return fail(QStringLiteral("cannot create %1").arg(dir));
    QString error;
    const QByteArray secret = ServerSecret::load(dir, &error);
    if (secret.isEmpty())
        return fail(error);
    // hearthd opens the same file with synchronous=FULL; one transaction here is enough.
    auto store = Store::open(QDir(dir).filePath(QStringLiteral("hearthd.db")), &error, Durability::Normal);
    if (!store)
        return fail(error);
    SystemClock clock;
    HouseholdDirectory directory(*store, clock);
    Pairing pairing(directory, secret);
    QFile out(outPath);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(QStringLiteral("cannot write %1").arg(outPath));
    QTextStream stream(&out);
    StoreTransaction tx(*store);
    const qint64 ttl = 7 * 24 * 3600;
    for (int h = 0; h < households; ++h) {
        auto engine = AuthoritativeEngine::createHousehold(*store, clock, QStringLiteral("Load household %1").arg(h),
                                                           QStringLiteral("EUR"), 60000, QStringLiteral("Member 1"), &error);
        if (!engine)
            return fail(error);
        stream << engine->householdId();
        for (int m = 0; m < members; ++m) {
            const auto joined = pairing.issueToken(engine->householdId(), QStringLiteral("Member %1").arg(m + 1),
                                                   QStringLiteral("adult"), ttl, &error);
            if (!joined)
                return fail(error);
            stream << ' ' << joined->token;
        }
        stream << '\n';
    }
    if (!tx.commit())
        return fail(QStringLiteral("the setup transaction did not commit"));
    stream.flush();
    std::printf("{\"households\":%d,\"members\":%d,\"tokens\":\"%s\"}\n", households, members, qPrintable(outPath));
    return 0;
}

double percentileMs(std::vector<int64_t> &values, double q)
{
    if (values.empty())
        return -1;
    const size_t at = std::min(values.size() - 1, size_t(q * double(values.size())));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(at), values.end());
    return double(values[at]) / 1e6;
}

double round2(double v)
{
    return double(qRound64(v * 100)) / 100;
}

int runLoad(const QCommandLineParser &parser)
{
    load::Options options;
    options.host = parser.isSet(QStringLiteral("host")) ? parser.value(QStringLiteral("host")).toStdString() : "127.0.0.1";
    if (options.host.rfind("127.", 0) != 0)
        return fail(QStringLiteral("--host must be a loopback address (127.x.y.z)"));
    options.port = quint16(parser.value(QStringLiteral("port")).toUInt());
    const int households = parser.value(QStringLiteral("households")).toInt();
    options.members = parser.value(QStringLiteral("members")).toInt();
    const QString mode = parser.value(QStringLiteral("mode"));
    if (options.port == 0 || households <= 0 || options.members <= 0 || (mode != QLatin1String("closed") && mode != QLatin1String("rate")))
        return fail(QStringLiteral("run needs --port P --tokens FILE --households H --members M --mode closed|rate"));
    options.mode = mode == QLatin1String("closed") ? load::Mode::Closed : load::Mode::Rate;
    const auto number = [&](const char *name, double fallback) {
        const QString key = QString::fromLatin1(name);
        return parser.isSet(key) ? parser.value(key).toDouble() : fallback;
    };
    options.rate = number("rate", 1.0);
    options.window = int(number("window", 1));
    options.warmSeconds = number("warm", 2);
    options.durationSeconds = number("duration", 20);
    options.drainSeconds = number("drain", 3);
    options.serverPid = pid_t(number("pid", 0));

    std::ifstream tokens(parser.value(QStringLiteral("tokens")).toStdString());
    std::string line;
    while (int(options.households.size()) < households && std::getline(tokens, line)) {
        std::istringstream words(line);
        load::HouseholdTokens hh;
        words >> hh.householdId;
        std::string token;
        while (words >> token)
            hh.tokens.push_back(token);
        if (int(hh.tokens.size()) < options.members)
            return fail(QStringLiteral("the tokens file has fewer than %1 members per household").arg(options.members));
        options.households.push_back(std::move(hh));
    }
    if (int(options.households.size()) < households)
        return fail(QStringLiteral("the tokens file has fewer than %1 households").arg(households));

    const QString server = parser.value(QStringLiteral("server"));
    const QString scenario = parser.value(QStringLiteral("scenario"));
    std::fprintf(stderr, "hearth-load: %s against %s: %d households x %d members, %s\n", qPrintable(scenario), qPrintable(server),
                 households, options.members, qPrintable(mode));
    load::Result r = load::run(options);

    const double window = r.windowSeconds > 0 ? r.windowSeconds : 1;
    const auto rss = [](long kb) { return kb >= 0 ? QJsonValue(qint64(kb)) : QJsonValue(); };
    QJsonObject o{
        {QStringLiteral("scenario"), scenario},
        {QStringLiteral("server"), server},
        {QStringLiteral("mode"), mode},
        {QStringLiteral("households"), households},
        {QStringLiteral("members"), options.members},
        {QStringLiteral("window"), options.window},
        {QStringLiteral("rate"), options.rate},
        {QStringLiteral("sockets"), r.sockets},
        {QStringLiteral("joined"), r.joined},
        {QStringLiteral("failed_connects"), r.failedConnects},
        {QStringLiteral("connect_s"), round2(r.connectSeconds)},
        {QStringLiteral("window_s"), round2(r.windowSeconds)},
        {QStringLiteral("mutations"), qint64(r.mutationsSent)},
        {QStringLiteral("acks_ok"), qint64(r.acksOk)},
        {QStringLiteral("acks_failed"), qint64(r.acksFailed)},
        {QStringLiteral("acks_total"), qint64(r.acksTotal)},
        {QStringLiteral("mutations_per_s"), round2(double(r.acksOk) / window)},
        {QStringLiteral("deliveries"), qint64(r.deliveries)},
        {QStringLiteral("deliveries_per_s"), round2(double(r.deliveries) / window)},
        {QStringLiteral("fanout_samples"), qint64(r.fanout.size())},
        {QStringLiteral("fanout_missing"), qint64(r.fanoutExpected) - qint64(r.fanout.size())},
        {QStringLiteral("fanout_p50_ms"), round2(percentileMs(r.fanout, 0.50))},
        {QStringLiteral("fanout_p99_ms"), round2(percentileMs(r.fanout, 0.99))},
        {QStringLiteral("fanout_p999_ms"), round2(percentileMs(r.fanout, 0.999))},
        {QStringLiteral("fanout_max_ms"), round2(r.fanout.empty() ? -1 : double(*std::max_element(r.fanout.begin(), r.fanout.end())) / 1e6)},
        {QStringLiteral("ack_p50_ms"), round2(percentileMs(r.ackLatency, 0.50))},
        {QStringLiteral("ack_p99_ms"), round2(percentileMs(r.ackLatency, 0.99))},
        {QStringLiteral("errors"), qint64(r.errorsReceived)},
        {QStringLiteral("closed_by_server"), qint64(r.closedByServer)},
        {QStringLiteral("server_cpu_pct"), r.serverCpuSeconds >= 0 ? round2(100 * r.serverCpuSeconds / window) : QJsonValue()},
        {QStringLiteral("server_rss_baseline_kb"), rss(r.serverRssBaselineKb)},
        {QStringLiteral("server_rss_connected_kb"), rss(r.serverRssConnectedKb)},
        {QStringLiteral("server_rss_end_kb"), rss(r.serverRssEndKb)},
        {QStringLiteral("server_hwm_kb"), rss(r.serverHwmKb)},
        {QStringLiteral("kb_per_conn"), r.serverRssEndKb >= 0 && r.sockets > 0
                                            ? QJsonValue(round2(double(r.serverRssEndKb - r.serverRssBaselineKb) / r.sockets))
                                            : QJsonValue()},
        {QStringLiteral("load_cpu_pct"), round2(100 * r.loadCpuSeconds / window)},
        {QStringLiteral("note"), QString::fromStdString(r.note)},
    };
    const QByteArray json = QJsonDocument(o).toJson(QJsonDocument::Compact);
    std::printf("%s\n", json.constData());
    std::fflush(stdout);
    if (parser.isSet(QStringLiteral("results"))) {
        QFile results(parser.value(QStringLiteral("results")));
        if (!results.open(QIODevice::WriteOnly | QIODevice::Append))
            return fail(QStringLiteral("cannot append to %1").arg(results.fileName()));
        results.write(json + '\n');
    }
    return r.joined == r.sockets && r.note.empty() ? 0 : 3;
}

QString cell(const QJsonValue &v, int decimals = -1)
{
    if (v.isUndefined() || v.isNull())
        return QStringLiteral("-");
    if (v.isDouble())
        return decimals < 0 ? QString::number(v.toDouble(), 'g', 10) : QString::number(v.toDouble(), 'f', decimals);
    return v.toString();
}

int table(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1").arg(path));
    QList<QJsonObject> rows;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (!line.isEmpty())
            rows.append(QJsonDocument::fromJson(line).object());
    }
    QTextStream out(stdout);
    const QStringList headers{QStringLiteral("scenario"), QStringLiteral("server"), QStringLiteral("sockets"), QStringLiteral("mut/s"),
                              QStringLiteral("deliveries/s"), QStringLiteral("p50 ms"), QStringLiteral("p99 ms"), QStringLiteral("p99.9 ms"),
                              QStringLiteral("max ms"), QStringLiteral("ack p99"), QStringLiteral("srv CPU %"), QStringLiteral("RSS MB"),
                              QStringLiteral("KB/conn"), QStringLiteral("load CPU %"), QStringLiteral("missing/err/closed")};
    QList<QStringList> cells;
    for (const QJsonObject &r : std::as_const(rows)) {
        cells.append({r.value(QStringLiteral("scenario")).toString(), r.value(QStringLiteral("server")).toString(),
                      cell(r.value(QStringLiteral("sockets"))), cell(r.value(QStringLiteral("mutations_per_s")), 0),
                      cell(r.value(QStringLiteral("deliveries_per_s")), 0), cell(r.value(QStringLiteral("fanout_p50_ms")), 2),
                      cell(r.value(QStringLiteral("fanout_p99_ms")), 2), cell(r.value(QStringLiteral("fanout_p999_ms")), 2),
                      cell(r.value(QStringLiteral("fanout_max_ms")), 1), cell(r.value(QStringLiteral("ack_p99_ms")), 2),
                      cell(r.value(QStringLiteral("server_cpu_pct")), 0),
                      r.value(QStringLiteral("server_rss_end_kb")).isDouble()
                          ? QStringLiteral("%1 -> %2").arg(r.value(QStringLiteral("server_rss_baseline_kb")).toDouble() / 1024, 0, 'f', 1)
                                .arg(r.value(QStringLiteral("server_rss_end_kb")).toDouble() / 1024, 0, 'f', 1)
                          : QStringLiteral("-"),
                      cell(r.value(QStringLiteral("kb_per_conn")), 1), cell(r.value(QStringLiteral("load_cpu_pct")), 0),
                      QStringLiteral("%1/%2/%3").arg(cell(r.value(QStringLiteral("fanout_missing"))), cell(r.value(QStringLiteral("errors"))),
                                                     cell(r.value(QStringLiteral("closed_by_server"))))});
    }
    QList<int> widths;
    for (const QString &h : headers)
        widths.append(int(h.size()));
    for (const QStringList &row : std::as_const(cells))
        for (int i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], int(row.at(i).size()));
    const auto printRow = [&](const QStringList &row) {
        out << "|";
        for (int i = 0; i < row.size(); ++i)
            out << ' ' << (i < 2 ? row.at(i).leftJustified(widths[i]) : row.at(i).rightJustified(widths[i])) << " |";
        out << '\n';
    };
    printRow(headers);
    QStringList rule;
    for (int w : std::as_const(widths))
        rule.append(QString(w, QLatin1Char('-')));
    out << "|";
    for (const QString &r : std::as_const(rule))
        out << '-' << r << "-|";
    out << '\n';
    for (const QStringList &row : std::as_const(cells))
        printRow(row);

    // The targets of the issue, per scenario, on the median of each figure over the rounds.
    QMap<QString, QMap<QString, QList<QJsonObject>>> runs;
    for (const QJsonObject &r : std::as_const(rows))
        runs[r.value(QStringLiteral("scenario")).toString()][r.value(QStringLiteral("server")).toString()].append(r);
    QMap<QString, QMap<QString, QJsonObject>> byScenario;
    for (auto s = runs.cbegin(); s != runs.cend(); ++s) {
        for (auto v = s->cbegin(); v != s->cend(); ++v) {
            QJsonObject median = v->first();
            for (const char *key : {"deliveries_per_s", "mutations_per_s", "fanout_p50_ms", "fanout_p99_ms", "fanout_p999_ms", "kb_per_conn",
                                    "server_cpu_pct"}) {
                std::vector<double> values;
                for (const QJsonObject &r : *v)
                    values.push_back(r.value(QLatin1String(key)).toDouble());
                std::sort(values.begin(), values.end());
                median.insert(QLatin1String(key), values[values.size() / 2]);
            }
            median.insert(QStringLiteral("runs"), int(v->size()));
            byScenario[s.key()][v.key()] = median;
        }
    }
    out << '\n';
    for (auto s = byScenario.cbegin(); s != byScenario.cend(); ++s)
        for (auto v = s->cbegin(); v != s->cend(); ++v)
            if (v->value(QStringLiteral("runs")).toInt() > 1)
                out << QStringLiteral("median of %1 runs, %2 %3: %4 deliveries/s, %5 mutations/s, p50 %6 ms, p99 %7 ms, p99.9 %8 ms, "
                                      "server CPU %9 %, %10 KB/conn\n")
                           .arg(v->value(QStringLiteral("runs")).toInt())
                           .arg(s.key(), v.key())
                           .arg(v->value(QStringLiteral("deliveries_per_s")).toDouble(), 0, 'f', 0)
                           .arg(v->value(QStringLiteral("mutations_per_s")).toDouble(), 0, 'f', 0)
                           .arg(v->value(QStringLiteral("fanout_p50_ms")).toDouble(), 0, 'f', 2)
                           .arg(v->value(QStringLiteral("fanout_p99_ms")).toDouble(), 0, 'f', 2)
                           .arg(v->value(QStringLiteral("fanout_p999_ms")).toDouble(), 0, 'f', 2)
                           .arg(v->value(QStringLiteral("server_cpu_pct")).toDouble(), 0, 'f', 0)
                           .arg(v->value(QStringLiteral("kb_per_conn")).toDouble(), 0, 'f', 1);
    for (auto it = byScenario.cbegin(); it != byScenario.cend(); ++it) {
        const QJsonObject hearthd = it->value(QStringLiteral("hearthd"));
        const QJsonObject node = it->value(QStringLiteral("node-ws"));
        if (hearthd.isEmpty())
            continue;
        const double p99 = hearthd.value(QStringLiteral("fanout_p99_ms")).toDouble();
        if (hearthd.value(QStringLiteral("mode")).toString() == QLatin1String("closed") && !node.isEmpty()) {
            const double ratio = hearthd.value(QStringLiteral("deliveries_per_s")).toDouble()
                / std::max(1.0, node.value(QStringLiteral("deliveries_per_s")).toDouble());
            const double nodeP99 = node.value(QStringLiteral("fanout_p99_ms")).toDouble();
            out << QStringLiteral("%1: hearthd/node deliveries/s = %2x (target >= 1.0x: %3); p99 %4 ms vs %5 ms (target no higher: %6)\n")
                       .arg(it.key())
                       .arg(ratio, 0, 'f', 2)
                       .arg(ratio >= 1.0 ? QStringLiteral("met") : QStringLiteral("MISSED"))
                       .arg(p99, 0, 'f', 2)
                       .arg(nodeP99, 0, 'f', 2)
                       .arg(p99 <= nodeP99 ? QStringLiteral("met") : QStringLiteral("MISSED"));
        } else if (hearthd.value(QStringLiteral("mode")).toString() == QLatin1String("rate")) {
            const double kb = hearthd.value(QStringLiteral("kb_per_conn")).toDouble();
            out << QStringLiteral("%1: hearthd p99 %2 ms (target <= 10: %3); %4 KB RSS per connection (target <= 12: %5)\n")
                       .arg(it.key())
                       .arg(p99, 0, 'f', 2)
                       .arg(p99 <= 10 ? QStringLiteral("met") : QStringLiteral("MISSED"))
                       .arg(kb, 0, 'f', 1)
                       .arg(kb <= 12 ? QStringLiteral("met") : QStringLiteral("MISSED"));
        }
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hearth-load"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Load benchmark for Hearth room servers (loopback only)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("setup | run | table FILE"));
    const auto opt = [](const char *name, const char *help, const char *value) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help), QString::fromLatin1(value));
    };
    parser.addOptions({
        opt("data", "hearthd data folder (setup).", "DIR"),
        opt("out", "Tokens file to write (setup).", "FILE"),
        opt("tokens", "Tokens file written by setup (run).", "FILE"),
        opt("households", "Number of households.", "H"),
        opt("members", "Members (sockets) per household.", "M"),
        opt("host", "Loopback address of the server (default 127.0.0.1).", "ADDR"),
        opt("port", "Port of the server.", "PORT"),
        opt("mode", "closed (next mutation on the ack) or rate (fixed rate).", "MODE"),
        opt("rate", "Mutations per second per member in rate mode (default 1).", "R"),
        opt("window", "Mutations in flight per member in closed mode (default 1).", "W"),
        opt("warm", "Seconds of load before the measured window (default 2).", "S"),
        opt("duration", "Seconds measured (default 20).", "S"),
        opt("drain", "Seconds to wait for the last broadcasts (default 3).", "S"),
        opt("pid", "Server process to sample for CPU and RSS.", "PID"),
        opt("server", "Server name for the results.", "NAME"),
        opt("scenario", "Scenario name for the results.", "NAME"),
        opt("results", "JSON lines file to append the figures to.", "FILE"),
    });
    if (!parser.parse(QCoreApplication::arguments()))
        return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    const QStringList command = parser.positionalArguments();
    if (command.value(0) == QLatin1String("setup"))
        return setup(parser);
    if (command.value(0) == QLatin1String("run"))
        return runLoad(parser);
    if (command.value(0) == QLatin1String("table") && command.size() == 2)
        return table(command.at(1));
    return fail(QStringLiteral("usage: hearth-load setup|run|table FILE (see --help)"));
}
