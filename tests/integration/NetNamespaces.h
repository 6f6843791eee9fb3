#pragma once

// Two network namespaces joined by a veth pair, for the tests that need a real network between
// processes (tst_discovery, tst_hearthd_netlinks) but must never touch this machine's own
// interfaces: the pair is made inside the namespaces and goes with them. Needs root and `ip`.

#include <QCoreApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <unistd.h>

#include <utility>

namespace hearth::test {

// Runs a tool to its end (10 s at most), with `input` on its stdin; true when it exited 0.
inline bool runTool(const QStringList &command, QString *output = nullptr, const QByteArray &input = {})
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(command.first(), command.mid(1));
    if (!input.isEmpty()) {
        process.write(input);
        process.closeWriteChannel();
    }
    const bool ok = process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (output)
        *output = QString::fromLocal8Bit(process.readAll());
    return ok;
}

// One end: the namespace, its end of the veth pair and that end's address.
struct NetNamespace
{
    QString name;
    QString interface;
    QString address;

    // What runs a program inside the namespace (`ip netns exec` execs it: the process is the program).
    QStringList exec() const { return {QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), name}; }
};

class VethPair
{
public:
    // Namespaces `prefix`-a-PID and `prefix`-b-PID, interfaces `interfacePrefix`a/bPID (at most 15
    // characters: keep the prefix short), addresses SUBNET.1 and SUBNET.2 (/24).
    VethPair(const QString &prefix, const QString &interfacePrefix, const QString &subnet)
    {
        const QString tag = QString::number(::getpid() % 100000);
        a = {prefix + QStringLiteral("-a-") + tag, interfacePrefix + QStringLiteral("a") + tag, subnet + QStringLiteral(".1")};
        b = {prefix + QStringLiteral("-b-") + tag, interfacePrefix + QStringLiteral("b") + tag, subnet + QStringLiteral(".2")};
    }
    ~VethPair() { tearDown(); }
    Q_DISABLE_COPY_MOVE(VethPair)

    // Why namespaces cannot be made here, or empty. `tools` are the programs the test needs besides `ip`.
    static QString cannot(const QString &prefix, const QStringList &tools)
    {
        if (::geteuid() != 0)
            return QStringLiteral("network namespaces need root (CI runs the tests as root)");
        for (const QString &tool : QStringList{QStringLiteral("ip")} + tools)
            if (QStandardPaths::findExecutable(tool).isEmpty()
                && QStandardPaths::findExecutable(tool, {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")}).isEmpty())
                return QStringLiteral("%1 is not installed (scripts/install-deps.sh test)").arg(tool);
        // Root, yet no namespace can be entered: in a chroot whose / is not a mount point (the
        // fresh Debian roots of scripts/check-fresh.sh) `ip -n` fails at `mount --make-rslave /`.
        // The machine's own CI run is where these tests run.
        const QString probe = QStringLiteral("%1-probe-%2").arg(prefix).arg(QCoreApplication::applicationPid());
        QString output;
        if (!runTool({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("add"), probe}, &output))
            return QStringLiteral("cannot make a network namespace here: %1").arg(output.trimmed());
        const bool entered = runTool({QStringLiteral("ip"), QStringLiteral("-n"), probe, QStringLiteral("link"), QStringLiteral("show"),
                                      QStringLiteral("lo")},
                                     &output);
        runTool({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("delete"), probe});
        if (!entered)
            return QStringLiteral("cannot enter a network namespace here (a chroot?): %1").arg(output.trimmed());
        return QString();
    }

    bool setUp(QString *error)
    {
        // A run killed before its teardown (a ctest timeout) leaves its namespaces behind; the
        // names come from the process id, so a later run may meet them: they go first.
        for (const NetNamespace *side : {&a, &b})
            runTool({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("delete"), side->name});
        m_made = true;
        QList<QStringList> commands{
            {QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("add"), a.name},
            {QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("add"), b.name},
            // Made inside A with its peer inside B: the pair never exists in this namespace.
            {QStringLiteral("ip"), QStringLiteral("-n"), a.name, QStringLiteral("link"), QStringLiteral("add"), a.interface,
             QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"), b.interface,
             QStringLiteral("netns"), b.name},
        };
        for (const NetNamespace *side : {&a, &b})
            commands += QList<QStringList>{
                {QStringLiteral("ip"), QStringLiteral("-n"), side->name, QStringLiteral("addr"), QStringLiteral("add"),
                 side->address + QStringLiteral("/24"), QStringLiteral("dev"), side->interface},
                {QStringLiteral("ip"), QStringLiteral("-n"), side->name, QStringLiteral("link"), QStringLiteral("set"), side->interface,
                 QStringLiteral("up")},
                {QStringLiteral("ip"), QStringLiteral("-n"), side->name, QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
                 QStringLiteral("up")}};
        QString output;
        for (const QStringList &command : std::as_const(commands))
            if (!runTool(command, &output))
                return *error = command.join(QLatin1Char(' ')) + QStringLiteral(": ") + output, false;
        return true;
    }

    // Deleting a namespace takes its end of the veth pair, and with it the other. The processes
    // started in them must have been stopped first.
    void tearDown()
    {
        if (!std::exchange(m_made, false))
            return;
        for (const NetNamespace *side : {&a, &b})
            runTool({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("delete"), side->name});
    }

    NetNamespace a;
    NetNamespace b;

private:
    bool m_made = false;
};

} // namespace hearth::test
