// hearthd on a disk that fills up: its data folder on a small tmpfs mounted by the test, filled
// while a client writes. Changes that cannot be committed are refused with `storage_full`, never
// acknowledged; everything acknowledged before is kept; reads go on; once space is freed the same
// server writes again, without a restart. Needs root and a place that may mount (CI's machine);
// skipped with a message otherwise.

#include "Processes.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace hearth;
using namespace hearth::test;

namespace {

// A tmpfs of `size` mounted on a fresh folder, unmounted when it goes.
class SmallDisk
{
public:
    explicit SmallDisk(const QString &size)
    {
        if (!m_dir.isValid())
            return;
        m_mounted = QProcess::execute(QStringLiteral("mount"),
                                      {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                       QStringLiteral("size=%1,mode=0700").arg(size), QStringLiteral("tmpfs"), m_dir.path()})
                    == 0;
    }
    ~SmallDisk()
    {
        if (m_mounted)
            QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), m_dir.path()});
    }
    Q_DISABLE_COPY_MOVE(SmallDisk)

    bool isMounted() const { return m_mounted; }
    QString path() const { return m_dir.path(); }
    qint64 available() const { return QStorageInfo(m_dir.path()).bytesAvailable(); }

    // Takes all but `leave` bytes of what is free, in one file.
    bool fill(qint64 leave)
    {
        QFile filler(QDir(m_dir.path()).filePath(QStringLiteral("filler")));
        if (!filler.open(QIODevice::WriteOnly | QIODevice::Append))
            return false;
        const QByteArray block(64 * 1024, 'f');
        while (available() > leave + block.size()) {
            if (filler.write(block) != block.size())
                break;
            filler.flush();
        }
        return true;
    }
    bool freeSpace() { return QFile::remove(QDir(m_dir.path()).filePath(QStringLiteral("filler"))); }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
};

} // namespace

class TestHearthdDisk : public QObject
{
    Q_OBJECT

private:
    static QJsonObject run(const QStringList &arguments)
    {
        const CommandResult r = runHearthd(arguments);
        if (r.exitCode != 0)
            qWarning() << arguments << r.err;
        return r.exitCode == 0 ? r.json() : QJsonObject();
    }

    // Sends a pantry item and waits for its ack.
    static QJsonObject create(RawClient &client, const QString &name, QString *id)
    {
        *id = client.sendPantryCreate(name);
        if (!QTest::qWaitFor([&] { return !client.ackFor(*id).isEmpty() || client.closed; }, 20000))
            return {};
        return client.ackFor(*id);
    }

private Q_SLOTS:
    void fullDiskRefusesLosesNothingAndRecovers()
    {
        if (::geteuid() != 0)
            QSKIP("mounting the small tmpfs this test fills needs root (CI runs as root)");
        SmallDisk disk(QStringLiteral("8m"));
        if (!disk.isMounted()) // a container or chroot that may not mount (scripts/check-fresh.sh's roots)
            QSKIP("mount -t tmpfs is not allowed here, so there is no small disk to fill");
        const QString data = disk.path();
        const QJsonObject home = run({QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("--data"), data,
                                      QStringLiteral("--name"), QStringLiteral("Home")});
        const QString householdId = home.value(QLatin1String("household_id")).toString();
        QVERIFY(!householdId.isEmpty());
        const QString token = run({QStringLiteral("token"), QStringLiteral("--data"), data, QStringLiteral("--household"),
                                   householdId, QStringLiteral("--name"), QStringLiteral("Sam")})
                                  .value(QLatin1String("token"))
                                  .toString();
        QVERIFY(!token.isEmpty());

        Server server;
        QString error;
        QVERIFY2(server.start(data, 0, {}, &error), qPrintable(error));
        RawClient writer;
        writer.open(server.roomUrl(householdId, token));
        QTRY_VERIFY_WITH_TIMEOUT(writer.has(QStringLiteral("connected")), 10000);

        // Leave room for a few hundred items, then write until the disk says no.
        QVERIFY(disk.fill(256 * 1024));
        QStringList acknowledged;
        QJsonObject refusal;
        const QString longName = QString(400, QLatin1Char('x'));
        for (int i = 0; i < 5000 && refusal.isEmpty(); ++i) {
            QString id;
            const QJsonObject ack = create(writer, QStringLiteral("%1 %2").arg(i).arg(longName), &id);
            QVERIFY2(!ack.isEmpty(), "no answer from the host");
            if (ack.value(QLatin1String("ok")).toBool())
                acknowledged << id;
            else
                refusal = ack.value(QLatin1String("error")).toObject();
        }
        QVERIFY2(!refusal.isEmpty(), "the disk never filled");
        qInfo("%lld changes acknowledged before the disk was full", qint64(acknowledged.size()));
        QVERIFY(!acknowledged.isEmpty());
        QCOMPARE(refusal.value(QLatin1String("code")).toString(), QStringLiteral("storage_full"));
        QVERIFY2(refusal.value(QLatin1String("message")).toString().contains(QLatin1String("disk is full")),
                 qPrintable(refusal.value(QLatin1String("message")).toString()));
        // Refused again while still full: never acknowledged.
        QString stillFull;
        const QJsonObject again = create(writer, QStringLiteral("Still full %1").arg(longName), &stillFull);
        QVERIFY(!again.value(QLatin1String("ok")).toBool());
        QCOMPARE(again.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(), QStringLiteral("storage_full"));

        // Reads go on: a second device joins and is sent what was acknowledged.
        RawClient reader;
        reader.open(server.roomUrl(householdId, token));
        QTRY_VERIFY_WITH_TIMEOUT(reader.has(QStringLiteral("connected")), 10000);
        reader.socket.sendTextMessage(QStringLiteral(R"({"event":"fetch","id":"f1","data":{"collection":"pantry"}})"));
        QTRY_VERIFY_WITH_TIMEOUT(reader.has(QStringLiteral("snapshot")), 10000);
        const QJsonArray rows = reader.last(QStringLiteral("snapshot")).value(QLatin1String("data")).toObject().value(QLatin1String("rows")).toArray();
        QCOMPARE(rows.size(), acknowledged.size());

        // Space freed: the same server writes again.
        QVERIFY(disk.freeSpace());
        QString afterId;
        const QJsonObject after = create(writer, QStringLiteral("After the clean-up"), &afterId);
        QVERIFY2(after.value(QLatin1String("ok")).toBool(), QJsonDocument(after).toJson().constData());
        acknowledged << afterId;

        QCOMPARE(::kill(pid_t(server.process.processId()), SIGTERM), 0);
        QVERIFY(server.process.waitForFinished(10000));
        StoreReader store(QDir(data).filePath(QStringLiteral("hearthd.db")));
        QVERIFY(store.isOpen());
        QCOMPARE(store.value(QStringLiteral("SELECT count(*) FROM pantry_items WHERE household_id = ?"), {householdId}).toInt(),
                 acknowledged.size());
        for (const QString &id : std::as_const(acknowledged))
            QVERIFY2(store.value(QStringLiteral("SELECT count(*) FROM events WHERE mutation_id = ?"), {id}).toInt() == 1,
                     qPrintable(QStringLiteral("acknowledged %1 is not kept exactly once").arg(id)));
        QCOMPARE(store.value(QStringLiteral("SELECT count(*) FROM events WHERE mutation_id = ?"), {stillFull}).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHearthdDisk)
#include "tst_hearthd_disk.moc"
