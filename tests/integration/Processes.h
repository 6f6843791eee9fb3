#pragma once

// Helpers for the real-process tests: run `hearthd` commands, keep a `hearthd serve` running on a
// port it picked itself, drive `hearth-sync-client` processes and talk to the host over a raw
// QWebSocket. Everything is event-driven (tests wait with QTRY_*), never on fixed sleeps.

#include "Protocol.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUrlQuery>
#include <QUuid>
#include <QWebSocket>

#include <memory>

namespace hearth::test {

inline QString hearthdBinary()
{
    const QString dir = qEnvironmentVariable("HEARTHD_BIN_DIR", qEnvironmentVariable("HEARTH_BIN_DIR"));
    return QDir(dir).filePath(QStringLiteral("hearthd"));
}

inline QString syncClientBinary()
{
    return QDir(qEnvironmentVariable("HEARTH_TEST_BIN_DIR")).filePath(QStringLiteral("hearth-sync-client"));
}

// The environment a test's processes get: the caller's, minus a secret that would change what is tested.
inline QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("HEARTH_JWT_SECRET"));
    return env;
}

struct CommandResult
{
    bool finished = false;
    int exitCode = -1; // -1 when it crashed or never finished
    QString out;
    QString err;

    // The first stdout line as a JSON object (what every hearthd command prints).
    QJsonObject json() const
    {
        return QJsonDocument::fromJson(out.section(QLatin1Char('\n'), 0, 0).toUtf8()).object();
    }
};

// Runs hearthd; `wrapper` (e.g. setpriv and its arguments) is put before it when given.
inline CommandResult runHearthd(const QStringList &arguments, const QProcessEnvironment &env = cleanEnvironment(),
                                int timeoutMs = 30000, const QStringList &wrapper = {})
{
    QProcess process;
    process.setProcessEnvironment(env);
    if (wrapper.isEmpty())
        process.start(hearthdBinary(), arguments);
    else
        process.start(wrapper.first(), wrapper.mid(1) + QStringList{hearthdBinary()} + arguments);
    CommandResult r;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    } else {
        r.finished = true;
        r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    r.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    r.err = QString::fromLocal8Bit(process.readAllStandardError());
    return r;
}

// Parses a process's stdout as JSON lines, as they arrive (in the event loop).
class JsonLines final : public QObject
{
public:
    explicit JsonLines(QProcess &process)
        : m_process(process)
    {
        connect(&process, &QProcess::readyReadStandardOutput, this, &JsonLines::read);
    }

    void read()
    {
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine().trimmed();
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            if (object.isEmpty())
                m_other.append(QString::fromUtf8(line));
            else
                m_lines.append(object);
        }
    }

    const QList<QJsonObject> &lines() const { return m_lines; }
    // The last line whose "event" is `event` (or that has the key `event`, for hearthd's own lines).
    QJsonObject last(const QString &event) const
    {
        for (auto it = m_lines.crbegin(); it != m_lines.crend(); ++it)
            if (it->value(QLatin1String("event")).toString() == event || it->contains(event))
                return *it;
        return {};
    }
    bool has(const QString &event) const { return !last(event).isEmpty(); }
    QStringList otherLines() const { return m_other; }

private:
    QProcess &m_process;
    QList<QJsonObject> m_lines;
    QStringList m_other;
};

// A `hearthd serve` process. Started on port 0 it picks a free port and says which on stdout.
// It listens on `host` (loopback unless a test gives it a network namespace's address, with
// `wrapper` such as `ip netns exec NS` put before it).
class Server
{
public:
    Server() { process.setProcessEnvironment(cleanEnvironment()); }
    ~Server()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
    }

    // Starts serving DIR on host:port and waits for the "listening" line.
    bool start(const QString &dataDir, quint16 wantedPort = 0, const QStringList &extra = {}, QString *error = nullptr)
    {
        lines = std::make_unique<JsonLines>(process);
        process.setProcessChannelMode(QProcess::SeparateChannels);
        const QStringList command = wrapper + QStringList{hearthdBinary(), QStringLiteral("serve"), QStringLiteral("--listen"),
                                                          QStringLiteral("%1:%2").arg(host).arg(wantedPort),
                                                          QStringLiteral("--data"), dataDir}
            + extra;
        process.start(command.first(), command.mid(1));
        if (!process.waitForStarted(10000)) {
            if (error)
                *error = process.errorString();
            return false;
        }
        // The first stdout line is {"listening":"HOST:PORT","port":PORT,...}.
        // (JsonLines reads each line as it arrives, during waitForReadyRead too.)
        while (lines->read(), lines->lines().isEmpty()) {
            if (!process.waitForReadyRead(15000)) {
                if (error)
                    *error = QStringLiteral("no listening line; stderr: %1").arg(QString::fromLocal8Bit(process.readAllStandardError()));
                return false;
            }
        }
        const QJsonObject first = lines->lines().value(0);
        port = quint16(first.value(QLatin1String("port")).toInt());
        if (port == 0 || first.value(QLatin1String("listening")).toString() != QStringLiteral("%1:%2").arg(host).arg(port)) {
            if (error)
                *error = QStringLiteral("unexpected first line: %1").arg(QString::fromUtf8(QJsonDocument(first).toJson()));
            return false;
        }
        return true;
    }

    QUrl url() const { return QUrl(QStringLiteral("ws://%1:%2").arg(host).arg(port)); }

    QUrl roomUrl(const QString &householdId, const QString &token) const
    {
        QUrl room = url();
        room.setPath(QStringLiteral("/api/ws/") + householdId);
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("token"), token);
        room.setQuery(query);
        return room;
    }

    QString host = QStringLiteral("127.0.0.1");
    QStringList wrapper;
    QProcess process;
    std::unique_ptr<JsonLines> lines;
    quint16 port = 0;
};

// A raw protocol client that records everything the host says.
class RawClient final : public QObject
{
public:
    RawClient()
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &frame) {
            messages.append(QJsonDocument::fromJson(frame.toUtf8()).object());
        });
        connect(&socket, &QWebSocket::disconnected, this, [this] {
            closed = true;
            closeCode = int(socket.closeCode());
            closeReason = socket.closeReason();
        });
    }

    void open(const QUrl &url) { socket.open(url); }

    QJsonObject last(const QString &event) const
    {
        for (auto it = messages.crbegin(); it != messages.crend(); ++it)
            if (it->value(QLatin1String("event")).toString() == event)
                return *it;
        return {};
    }
    bool has(const QString &event) const { return !last(event).isEmpty(); }

    // Acknowledged mutations (ok or not), by id.
    QJsonObject ackFor(const QString &id) const
    {
        for (const QJsonObject &m : messages) {
            const QJsonObject data = m.value(QLatin1String("data")).toObject();
            if (m.value(QLatin1String("event")).toString() == QLatin1String("ack")
                && data.value(QLatin1String("received")).toString() == QLatin1String("mutate")
                && data.value(QLatin1String("id")).toString() == id)
                return data;
        }
        return {};
    }

    QString sendPantryCreate(const QString &name)
    {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        socket.sendTextMessage(protocol::encode(QStringLiteral("mutate"),
                                                {{QStringLiteral("collection"), QStringLiteral("pantry")},
                                                 {QStringLiteral("op"), QStringLiteral("create")},
                                                 {QStringLiteral("fields"), QJsonObject{{QStringLiteral("name"), name}}}},
                                                -1, id));
        return id;
    }

    QWebSocket socket;
    QList<QJsonObject> messages;
    bool closed = false;
    int closeCode = -1;
    QString closeReason;
};

// A `hearth-sync-client` process.
class SyncClient
{
public:
    SyncClient()
    {
        process.setProcessEnvironment(cleanEnvironment());
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel); // its complaints show in the test log
        lines = std::make_unique<JsonLines>(process);
    }
    ~SyncClient()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
    }

    // `wrapper` (e.g. `ip netns exec NS`) is put before the client when given.
    bool start(const QStringList &arguments, const QStringList &wrapper = {})
    {
        const QStringList command = wrapper + QStringList{syncClientBinary()} + arguments;
        process.start(command.first(), command.mid(1));
        return process.waitForStarted(10000);
    }
    bool finished() const { return process.state() == QProcess::NotRunning; }

    // Every mutation id the client reported acknowledged so far.
    QSet<QString> ackedIds() const
    {
        QSet<QString> ids;
        for (const QJsonObject &line : lines->lines())
            if (line.value(QLatin1String("event")).toString() == QLatin1String("progress"))
                for (const QJsonValue &id : line.value(QLatin1String("acked_ids")).toArray())
                    ids.insert(id.toString());
        return ids;
    }
    int acked() const { return lines->last(QStringLiteral("progress")).value(QLatin1String("acked")).toInt(); }

    QProcess process;
    std::unique_ptr<JsonLines> lines;
};

// Opens a host or client store file directly (the process that owns it has stopped).
class StoreReader
{
public:
    explicit StoreReader(const QString &path)
        : m_name(QStringLiteral("reader-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_open = QFile::exists(path) && db.open();
    }
    ~StoreReader() { QSqlDatabase::removeDatabase(m_name); }
    Q_DISABLE_COPY_MOVE(StoreReader)

    bool isOpen() const { return m_open; }

    QVariant value(const QString &sql, const QVariantList &bind = {}) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        query.prepare(sql);
        for (const QVariant &v : bind)
            query.addBindValue(v);
        return query.exec() && query.next() ? query.value(0) : QVariant();
    }

    QList<QVariantList> rows(const QString &sql, const QVariantList &bind = {}) const
    {
        QList<QVariantList> result;
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        query.prepare(sql);
        for (const QVariant &v : bind)
            query.addBindValue(v);
        if (!query.exec())
            return result;
        const int columns = query.record().count();
        while (query.next()) {
            QVariantList row;
            for (int i = 0; i < columns; ++i)
                row.append(query.value(i));
            result.append(row);
        }
        return result;
    }

    // The same digest hearth-sync-client prints: every pantry row's id and rev, sorted, hashed.
    QString pantryDigest(const QString &householdId) const
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (const QVariantList &row : rows(QStringLiteral("SELECT id, rev FROM pantry_items WHERE household_id = ? ORDER BY id"),
                                            {householdId}))
            hash.addData(QStringLiteral("%1:%2\n").arg(row.at(0).toString()).arg(row.at(1).toLongLong()).toUtf8());
        return QString::fromLatin1(hash.result().toHex());
    }

private:
    QString m_name;
    bool m_open = false;
};

} // namespace hearth::test
