#pragma once

// The load generator of hearth-load: H households x M members, each member one WebSocket to the
// room server, all driven by one epoll loop in one thread (see LoadEngine.cpp for why not
// QWebSocket). Plain C++ and Linux syscalls; Qt only in main.

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace hearth::load {

struct HouseholdTokens
{
    std::string householdId;
    std::vector<std::string> tokens; // one per member
};

enum class Mode { Closed, Rate };

struct Options
{
    std::string host = "127.0.0.1"; // loopback only: checked by main
    uint16_t port = 0;
    std::vector<HouseholdTokens> households;
    int members = 5;
    Mode mode = Mode::Closed;
    double rate = 1.0;        // mutations per second per member (Mode::Rate)
    int window = 1;           // mutations in flight per member (Mode::Closed)
    double warmSeconds = 2;   // load before the measured window
    double durationSeconds = 20;
    double drainSeconds = 3;  // after the window: no new sends, wait for the last broadcasts
    int connectConcurrency = 32; // handshakes in progress at once (the servers' listen backlogs are small)
    double connectTimeoutSeconds = 90;
    pid_t serverPid = 0;      // sampled for CPU and RSS when set
    uint64_t seed = 1;
};

struct Result
{
    int sockets = 0;
    int joined = 0;              // sockets that got "connected"
    int failedConnects = 0;
    double connectSeconds = 0;   // first connect to last "connected"
    double windowSeconds = 0;
    uint64_t mutationsSent = 0;  // in the window
    uint64_t acksOk = 0;         // acks with ok:true for mutations sent in the window
    uint64_t acksFailed = 0;
    uint64_t acksTotal = 0;      // ok acks over the whole run (creates and warm-up included): for fsyncs per mutation
    uint64_t deliveries = 0;     // *_updated frames received in the window, by every socket (sender included)
    uint64_t fanoutExpected = 0; // (members-1) per mutation sent in the window
    std::vector<int64_t> fanout; // ns, send -> another member's receipt, mutations sent in the window
    std::vector<int64_t> ackLatency; // ns, send -> the sender's ack
    uint64_t errorsReceived = 0; // "error" events
    uint64_t closedByServer = 0; // close frames or EOF while running
    int lastCloseCode = 0;
    double serverCpuSeconds = -1; // utime+stime over the window
    long serverRssBaselineKb = -1; // before the first connect
    long serverRssConnectedKb = -1; // every socket joined, one item created per member
    long serverRssEndKb = -1;      // end of the window
    long serverHwmKb = -1;
    double loadCpuSeconds = 0;     // this process over the window
    std::string note;
};

Result run(const Options &options);

// /proc helpers (Linux): utime+stime in seconds, VmRSS / VmHWM in KiB; -1 when unreadable.
double processCpuSeconds(pid_t pid);
long processStatusKb(pid_t pid, const char *field);

} // namespace hearth::load
