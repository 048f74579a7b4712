// `rwb sandbox` and `rwb run --sandbox` as processes: the demo session (resources/demo.rwbsession) passes
// against the sandbox rwb run starts, the committed file is what `rwb sandbox --demo-session` prints, the
// scenario list, a session's own sandbox rules and variables, a sandbox that serves until SIGTERM, and
// `rwb check` over the site migration's redirect map fetched from the sandbox.
#include "sandbox/migration.h"
#include "sandbox/sandbox.h"
#include "sandbox/scenarios.h"
#include "support/processrun.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using RwbTest::ProcessRun;

namespace {

ProcessRun runRwb(const QStringList &args, int timeoutMs = 60000)
{
    return RwbTest::runProcess(QStringLiteral(RWB_EXE), args, timeoutMs);
}

QString demoPath()
{
    return QStringLiteral(RWB_SOURCE_DIR "/resources/demo.rwbsession");
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList lines(const QByteArray &out)
{
    return QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

}  // namespace

class tst_RwbSandbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void demoSessionPasses();
    void demoSessionIsCommitted();
    void listScenarios();
    void runWithSessionRules();
    void badUsage_data();
    void badUsage();
    void servesUntilSigterm();
    void checkMigrationMap();
};

void tst_RwbSandbox::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(RWB_EXE)), RWB_EXE);
    QVERIFY2(QFile::exists(demoPath()), qPrintable(demoPath()));
}

// Every scenario's case passes; the migration map's bulk check fails on purpose, with exactly the wrong
// products under it, so the run exits 1.
void tst_RwbSandbox::demoSessionPasses()
{
    const ProcessRun run = runRwb({QStringLiteral("run"), QStringLiteral("--sandbox"), demoPath()});
    QVERIFY2(run.finished && run.exitCode == 1, qPrintable(run.describe()));
    QStringList out = lines(run.out);
    QVERIFY2(out.constFirst().startsWith(QLatin1String("Sandbox: http://127.0.0.1:")),
             qPrintable(out.constFirst()));
    const bool tls = !out.constFirst().contains(QLatin1String("https none"));
    out.removeFirst();
    // The bulk check's line and the failing lines under it.
    const qsizetype bulk =
        out.indexOf(QRegularExpression(QStringLiteral("^FAIL .*Site migration: every line.*")));
    QVERIFY2(bulk > 0, qPrintable(run.describe()));
    const qsizetype wrong = Rwb::migrationFaults().size() - (tls ? 0 : 1);
    const QRegularExpressionMatch counts =
        QRegularExpression(
            QStringLiteral("\\(bulk check: (\\d+) lines, (\\d+) passed, (\\d+) failed, [0-9.]+ s\\)$"))
            .match(out.at(bulk));
    QVERIFY2(counts.hasMatch(), qPrintable(out.at(bulk)));
    const int lineCount = Rwb::kMigrationProducts - (tls ? 0 : 1);
    QCOMPARE(counts.captured(1).toInt(), lineCount);
    QCOMPARE(counts.captured(2).toInt(), lineCount - int(wrong));
    QCOMPARE(counts.captured(3).toInt(), int(wrong));
    for (qsizetype i = 1; i <= wrong; ++i)
        QVERIFY2(out.at(bulk + i).startsWith(QLatin1String("    line ")), qPrintable(out.at(bulk + i)));
    out.remove(bulk, wrong + 1);
    const int scenarios = int(Rwb::builtinScenarios().size());
    QVERIFY2(out.size() == scenarios + 1, qPrintable(run.describe()));
    for (int i = 0; i < scenarios; ++i) {
        const QString &line = out.at(i);
        QVERIFY2(line.startsWith(QLatin1String("PASS ")), qPrintable(line));
        QVERIFY2(line.contains(Rwb::builtinScenarios().at(i).title), qPrintable(line));
    }
    QCOMPARE(out.constLast(), QStringLiteral("%1 passed, 1 failed").arg(scenarios));
}

void tst_RwbSandbox::demoSessionIsCommitted()
{
    const ProcessRun run = runRwb({QStringLiteral("sandbox"), QStringLiteral("--demo-session")});
    QVERIFY2(run.finished && run.exitCode == 0 && run.err.isEmpty(), qPrintable(run.describe()));
    // Regenerate with: rwb sandbox --demo-session > resources/demo.rwbsession
    QVERIFY2(run.out == readFile(demoPath()),
             "resources/demo.rwbsession differs from rwb sandbox --demo-session");
}

void tst_RwbSandbox::listScenarios()
{
    const ProcessRun run = runRwb({QStringLiteral("sandbox"), QStringLiteral("--list")});
    QVERIFY2(run.finished && run.exitCode == 0 && run.err.isEmpty(), qPrintable(run.describe()));
    const QString out = QString::fromUtf8(run.out);
    for (const Rwb::SandboxScenario &s : Rwb::builtinScenarios()) {
        QVERIFY2(out.contains(s.title), qPrintable(s.title));
        QVERIFY2(out.contains(s.startPath), qPrintable(s.startPath));
    }
    // With a port, the start URLs are complete.
    const ProcessRun withPort = runRwb({QStringLiteral("sandbox"), QStringLiteral("--list"),
                                        QStringLiteral("--port"), QStringLiteral("8080")});
    QVERIFY2(withPort.exitCode == 0, qPrintable(withPort.describe()));
    QVERIFY2(withPort.out.contains("http://127.0.0.1:8080/maintenance/products/42"),
             qPrintable(withPort.describe()));
    QVERIFY2(withPort.out.contains("http://localhost:8081/canonical/"), qPrintable(withPort.describe()));
    // The site migration's redirect map, list and sitemap, for rwb check.
    for (const char *url :
         {"http://127.0.0.1:8080/migration/map.csv", "http://127.0.0.1:8080/migration/urls.txt",
          "http://127.0.0.1:8080/migration/sitemap.xml"})
        QVERIFY2(withPort.out.contains(url), qPrintable(withPort.describe()));
    QVERIFY2(out.contains(QLatin1String("{{origin}}/migration/map.csv")), qPrintable(run.describe()));
}

void tst_RwbSandbox::runWithSessionRules()
{
    // The session's own rules are served first; {{sandbox}} beats the session's own value.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("own.rwbsession"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(R"({
    "format": "redirect-workbench-session",
    "version": 1,
    "name": "own rules",
    "variables": { "sandbox": "http://127.0.0.1:1" },
    "sandbox": { "rules": [
        { "path": "/mine", "status": 301, "location": "{{other}}/maintenance/products/1" },
        { "path": "/maintenance/products/*", "status": 200, "body": "open again" }
    ] },
    "items": [
        { "case": "own rule", "request": { "method": "GET", "url": "{{sandbox}}/mine" },
          "expectations": [ { "kind": "statusSequence", "statuses": [301, 200] },
                            { "kind": "finalUrl", "url": "http://localhost:*/maintenance/products/1",
                              "match": "pattern" } ] },
        { "case": "https", "request": { "method": "GET", "url": "{{sandbox_https}}/loop/a" },
          "options": { "profile": "curl", "acceptTlsErrors": true },
          "expectations": [ { "kind": "outcome", "outcome": "loop" } ] }
    ]
}
)");
    out.close();
    const ProcessRun run = runRwb({QStringLiteral("run"), QStringLiteral("--sandbox"), file});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.endsWith("2 passed, 0 failed\n"), qPrintable(run.describe()));
    // Without --sandbox the session's own value is used: nothing listens there.
    const ProcessRun without =
        runRwb({QStringLiteral("run"), QStringLiteral("--case"), QStringLiteral("own rule"), file});
    QVERIFY2(without.finished && without.exitCode == 1, qPrintable(without.describe()));
    QVERIFY2(without.out.startsWith("FAIL own rule"), qPrintable(without.describe()));
}

void tst_RwbSandbox::badUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    QTest::newRow("port not a number")
        << QStringList{QStringLiteral("sandbox"), QStringLiteral("--port"), QStringLiteral("http")}
        << QStringLiteral("--port 'http'");
    QTest::newRow("port too high") << QStringList{QStringLiteral("sandbox"), QStringLiteral("--port"),
                                                  QStringLiteral("65534")}
                                   << QStringLiteral("--port '65534'");
    QTest::newRow("extra argument") << QStringList{QStringLiteral("sandbox"), QStringLiteral("extra")}
                                    << QStringLiteral("unexpected argument 'extra'");
    QTest::newRow("missing rules file") << QStringList{QStringLiteral("sandbox"), QStringLiteral("--rules"),
                                                       QStringLiteral("/nonexistent/x.rwbsession")}
                                        << QStringLiteral("/nonexistent/x.rwbsession");
}

void tst_RwbSandbox::badUsage()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    const ProcessRun run = runRwb(args, 10000);
    QVERIFY2(run.finished && run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.err.startsWith("rwb: ") && run.err.count('\n') == 1, qPrintable(run.describe()));
    QVERIFY2(QString::fromUtf8(run.err).contains(error), qPrintable(run.describe()));
}

void tst_RwbSandbox::servesUntilSigterm()
{
    QProcess process;
    process.start(QStringLiteral(RWB_EXE),
                  {QStringLiteral("sandbox"), QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));
    // The first lines name the three listeners.
    QByteArray head;
    const QRegularExpression originLine(QStringLiteral("origin +(http://127\\.0\\.0\\.1:\\d+)\n"));
    const QRegularExpression otherLine(QStringLiteral("other origin +(http://localhost:\\d+)\n"));
    QElapsedTimer clock;
    clock.start();
    while (!head.contains("Scenarios:") && clock.elapsed() < 10000) {
        if (!process.waitForReadyRead(10000))
            break;
        head += process.readAllStandardOutput();
    }
    QVERIFY2(head.startsWith("Redirect sandbox listening on 127.0.0.1"), head.constData());
    const QRegularExpressionMatch origin = originLine.match(QString::fromUtf8(head));
    const QRegularExpressionMatch other = otherLine.match(QString::fromUtf8(head));
    QVERIFY2(origin.hasMatch() && other.hasMatch(), head.constData());
    QVERIFY2(head.contains("https "), head.constData());

    QNetworkAccessManager nam;
    for (const QString &base : {origin.captured(1), other.captured(1)}) {
        QNetworkRequest request(QUrl(base + QStringLiteral("/maintenance/products/42")));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = nam.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 302);
        QCOMPARE(reply->rawHeader("Location"), QByteArray("/maintenance/notice"));
        delete reply;
    }
    // Every request served is printed.
    clock.restart();
    while (!head.contains("GET http://localhost") && clock.elapsed() < 10000) {
        process.waitForReadyRead(1000);
        head += process.readAllStandardOutput();
    }
    QVERIFY2(head.contains(QByteArray("GET " + origin.captured(1).toUtf8()
                                      + "/maintenance/products/42 \xE2\x86\x92 302")),
             head.constData());

    // Issue 16: a path is the client's text. "%1" in it stays as it is, and escape and bell characters
    // are printed escaped, never raw (they would drive the terminal).
    {
        QNetworkRequest request(
            QUrl(origin.captured(1) + QStringLiteral("/p%251q%1b%5b2J%07end"), QUrl::TolerantMode));
        QNetworkReply *reply = nam.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        delete reply;
        clock.restart();
        while (!head.contains("end \xE2\x86\x92") && clock.elapsed() < 10000) {
            process.waitForReadyRead(1000);
            head += process.readAllStandardOutput();
        }
        QVERIFY2(head.contains("end \xE2\x86\x92"), head.constData());
        QVERIFY2(!head.contains('\x1b') && !head.contains('\x07'), head.constData());
        QVERIFY2(head.contains("/p%1q\\x1b[2J\\x07end"), head.constData());
    }

    process.terminate();  // SIGTERM
    QVERIFY2(process.waitForFinished(10000), "rwb sandbox did not stop on SIGTERM");
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    head += process.readAllStandardOutput();
    QVERIFY2(head.endsWith("Sandbox stopped\n"), head.constData());
    QVERIFY2(process.readAllStandardError().isEmpty(), "stderr not empty");
}

void tst_RwbSandbox::checkMigrationMap()
{
    // Issue 14 item 7: `rwb check MAP_URL` as the scenario's description tells, against a sandbox in this
    // process (the event loop turns while rwb runs). The map's deliberately wrong lines fail with their
    // codes, every other line passes.
    Rwb::Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(0, &error), qPrintable(error));
    const bool tls = !sandbox.httpsUrl().isEmpty();
    const QString map = sandbox.originUrl().toString() + QStringLiteral("/migration/map.csv");
    QElapsedTimer clock;
    clock.start();
    const ProcessRun run =
        runRwb({QStringLiteral("check"), QStringLiteral("--no-downgrade"), QStringLiteral("--insecure"),
                QStringLiteral("--progress"), QStringLiteral("never"), map});
    QVERIFY2(run.finished && run.exitCode == 1, qPrintable(run.describe()));
    qInfo("rwb check of the migration map: %lld ms", qlonglong(clock.elapsed()));
    const QRegularExpression product(QStringLiteral("/migration/old/products/(\\d+)\\.html$"));
    QMap<int, QString> failed;
    int records = 0;
    for (const QByteArray &line : run.out.split('\n')) {
        if (line.isEmpty())
            continue;
        ++records;
        const QJsonObject record = QJsonDocument::fromJson(line).object();
        const QRegularExpressionMatch m = product.match(record.value(QLatin1String("from")).toString());
        QVERIFY2(m.hasMatch(), line.constData());
        QStringList codes;
        for (const QJsonValue &p : record.value(QLatin1String("problems")).toArray())
            codes << p.toObject().value(QLatin1String("code")).toString();
        QCOMPARE(record.value(QLatin1String("passed")).toBool(), codes.isEmpty());
        if (!codes.isEmpty())
            failed.insert(m.captured(1).toInt(), codes.join(u','));
    }
    QCOMPARE(records, tls ? 2000 : 1999);
    QMap<int, QString> expected{
        {42, QStringLiteral("wrong-status")},   {404, QStringLiteral("final-status")},
        {410, QStringLiteral("final-status")},  {512, QStringLiteral("too-many-hops")},
        {768, QStringLiteral("too-many-hops")}, {1001, QStringLiteral("loop")},
        {1234, QStringLiteral("wrong-target")}};
    if (tls)
        expected.insert(2000, QStringLiteral("downgrade,wrong-target"));
    QCOMPARE(failed, expected);
}

QTEST_MAIN(tst_RwbSandbox)
#include "tst_rwb_sandbox.moc"
