// `hearth import FILE [--data DIR] [--account NAME]` as a user scripts it: the real binary on a
// temporary data folder prints what it imported and, run again on the same file, imports nothing;
// a bad file gets a message naming it and a non-zero exit, and nothing is written.

#include "Clock.h"
#include "LocalHousehold.h"
#include "RunningInstance.h"
#include "Store.h"
#include "AuthoritativeEngine.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth;

class tst_ImportCommand : public QObject
{
    Q_OBJECT

private:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Result run(const QStringList &arguments)
    {
        QProcess process;
        process.start(QDir(qEnvironmentVariable("HEARTH_BIN_DIR")).filePath(QStringLiteral("hearth")), arguments);
        Result r;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            return r;
        }
        r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        r.out = QString::fromUtf8(process.readAllStandardOutput());
        r.err = QString::fromUtf8(process.readAllStandardError());
        return r;
    }

    QString write(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return {};
        return file.fileName();
    }

    qint64 transactions()
    {
        QString error;
        const auto store = Store::open(m_dir.filePath(QStringLiteral("data/hearth.db")), &error);
        QSqlQuery query(store->database());
        query.exec(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE import_key <> ''"));
        return query.next() ? query.value(0).toLongLong() : -1;
    }

    // A statement of this month (the binary's clock is the real one), as a German bank exports it.
    QByteArray thisMonthCsv()
    {
        const QDate today = QDate::currentDate();
        const QDate first(today.year(), today.month(), 1);
        return "Buchungstag;Auftraggeber/Empfänger;Verwendungszweck;Betrag (EUR)\n"
            + first.toString(QStringLiteral("dd.MM.yyyy")).toLatin1() + ";REWE Markt;Karte;-45,99\n"
            + first.toString(QStringLiteral("dd.MM.yyyy")).toLatin1() + ";Bäckerei;Karte;-3,50\n"
            + first.addMonths(-1).toString(QStringLiteral("dd.MM.yyyy")).toLatin1() + ";Last month;Karte;-9,99\n";
    }

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        // A household in the data folder, as a first start of the app leaves it.
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("data"))));
        QString error;
        const auto store = Store::open(m_dir.filePath(QStringLiteral("data/hearth.db")), &error);
        QVERIFY2(store, qPrintable(error));
        SystemClock clock;
        bool created = false;
        QVERIFY2(LocalHousehold::openOrCreate(*store, clock, {}, &created, &error), qPrintable(error));
    }

    void importsAndSaysWhatItDid()
    {
        const QString csv = write(QStringLiteral("konto.csv"), thisMonthCsv());
        const QStringList arguments{QStringLiteral("import"), csv, QStringLiteral("--data"), m_dir.filePath(QStringLiteral("data")),
                                    QStringLiteral("--account"), QStringLiteral("Girokonto")};
        Result first = run(arguments);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY2(first.out.contains(QLatin1String("guessed column mapping")), qPrintable(first.out));
        QVERIFY2(first.out.contains(QLatin1String("Imported 2 transactions into Girokonto; 0 already imported; 0 matched; "
                                                  "1 out of month skipped")),
                 qPrintable(first.out));
        QCOMPARE(transactions(), 2);

        const Result again = run(arguments);
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(QLatin1String("Imported 0 transactions into Girokonto; 2 already imported")), qPrintable(again.out));
        QCOMPARE(transactions(), 2);
    }

    // A Hearth open on the folder numbers its own events: an import from a second process would
    // collide with them, so it is refused and nothing is written.
    void refusedWhileHearthIsOpenOnTheFolder()
    {
        const QString csv = write(QStringLiteral("open.csv"), thisMonthCsv());
        const qint64 before = transactions();
        RunningInstance open(m_dir.filePath(QStringLiteral("data")));
        QString error;
        QVERIFY2(open.listen(&error), qPrintable(error));
        const Result r = run({QStringLiteral("import"), csv, QStringLiteral("--data"), m_dir.filePath(QStringLiteral("data")),
                              QStringLiteral("--account"), QStringLiteral("Sparbuch")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("Hearth is open on")), qPrintable(r.err));
        QCOMPARE(transactions(), before);
    }

    void badFilesAreRefusedByName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty") << QStringLiteral("empty.csv") << QByteArray();
        QTest::newRow("binary named .csv") << QStringLiteral("photo.csv") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20);
        QTest::newRow("truncated OFX") << QStringLiteral("cut.ofx")
                                       << QByteArray("OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\n\r\n<OFX>\r\n<BANKMSGSRSV1>\r\n<STMTTRNRS>\r\n"
                                                     "<STMTRS>\r\n<BANKTRANLIST>\r\n<STMTTRN>\r\n<TRNTYPE>DEBIT\r\n<DTPOSTED>2026");
    }

    void badFilesAreRefusedByName()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        const qint64 before = transactions();
        const Result r = run({QStringLiteral("import"), write(name, content), QStringLiteral("--data"), m_dir.filePath(QStringLiteral("data"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(name), qPrintable(r.err));
        QCOMPARE(transactions(), before);
    }

    void usageMistakesAreExplained()
    {
        const Result help = run({QStringLiteral("--help")});
        QVERIFY2(help.out.contains(QLatin1String("hearth import FILE [--data DIR] [--account NAME]")), qPrintable(help.out));
        const Result importHelp = run({QStringLiteral("import"), QStringLiteral("--help")});
        QCOMPARE(importHelp.exitCode, 0);
        QVERIFY2(importHelp.out.contains(QLatin1String("--account")), qPrintable(importHelp.out));
        const Result none = run({QStringLiteral("import")});
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.err.contains(QLatin1String("hearth import FILE")), qPrintable(none.err));
        const Result noHousehold = run({QStringLiteral("import"), write(QStringLiteral("x.csv"), thisMonthCsv()), QStringLiteral("--data"),
                                        m_dir.filePath(QStringLiteral("nowhere"))});
        QCOMPARE(noHousehold.exitCode, 1);
        QVERIFY2(noHousehold.err.contains(QLatin1String("There is no household")), qPrintable(noHousehold.err));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("nowhere/hearth.db"))));
    }
};

QTEST_GUILESS_MAIN(tst_ImportCommand)
#include "tst_importcommand.moc"
