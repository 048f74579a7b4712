// Tests of `rwb run`, `rwb export` and `rwb import-curl`, run as a process against the in-process
// ScriptedServer: session files written by hand into a temporary folder, exit codes, the result lines,
// case selection, corrupt session files (left byte-identical), the JUnit report (checked against
// tests/data/junit.xsd with xmllint), HAR files, exports in every format and their redaction.
#include "core/session/session.h"
#include "support/processrun.h"
#include "support/scriptedserver.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QXmlStreamReader>

#include <sys/stat.h>

using Rwb::Test::Reply;
using Rwb::Test::ScriptedServer;

namespace {

using Run = RwbTest::ProcessRun;

Run runRwb(const QStringList &args, int timeoutMs = 30000, const QString &standardInput = QString())
{
    return RwbTest::runProcess(QStringLiteral(RWB_EXE), args, timeoutMs, standardInput);
}

QString describe(const Run &r)
{
    return r.describe();
}

bool isOneLineError(const Run &r)
{
    return r.err.startsWith("rwb: ") && r.err.endsWith('\n') && r.err.count('\n') == 1
           && !r.err.contains('\x1b');
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QStringList lines(const QByteArray &out)
{
    return QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QJsonObject expectation(const char *kind, std::initializer_list<QPair<QString, QJsonValue>> fields = {})
{
    QJsonObject o{{QStringLiteral("kind"), QString::fromLatin1(kind)}};
    for (const auto &f : fields)
        o.insert(f.first, f.second);
    return o;
}

QJsonObject caseItem(const QString &name, const QString &url, const QJsonArray &expectations,
                     const QJsonValue &lastTrace = QJsonValue::Undefined)
{
    QJsonObject o{
        {QStringLiteral("case"), name},
        {QStringLiteral("request"), QJsonObject{{QStringLiteral("method"), QStringLiteral("GET")},
                                                {QStringLiteral("url"), url},
                                                {QStringLiteral("headers"), QJsonArray()}}},
        {QStringLiteral("options"), QJsonObject{{QStringLiteral("profile"), QStringLiteral("browser")}}},
        {QStringLiteral("expectations"), expectations},
    };
    if (!lastTrace.isUndefined())
        o.insert(QStringLiteral("lastTrace"), lastTrace);
    return o;
}

QJsonObject folderItem(const QString &name, const QJsonArray &items)
{
    return {{QStringLiteral("folder"), name}, {QStringLiteral("items"), items}};
}

QByteArray sessionBytes(const QString &name, const QJsonObject &variables, const QJsonArray &environments,
                        const QJsonArray &items)
{
    const QJsonObject session{
        {QStringLiteral("format"), QStringLiteral("redirect-workbench-session")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), name},
        {QStringLiteral("variables"), variables},
        {QStringLiteral("environments"), environments},
        {QStringLiteral("items"), items},
    };
    return QJsonDocument(session).toJson();
}

// A <testcase> as read back from the JUnit file.
struct JUnitCase {
    QString name, classname, time;
    QString failureMessage, failureType, failureText;
    QString errorMessage, errorText;
    bool failure = false, error = false;
    QString systemOut;
};

struct JUnitReport {
    QHash<QString, QString> suites, suite;  // attributes of <testsuites> and <testsuite>
    QList<JUnitCase> cases;
    QString error;
};

JUnitReport readJUnit(const QByteArray &xml)
{
    JUnitReport report;
    QXmlStreamReader r(xml);
    const auto attributes = [&r] {
        QHash<QString, QString> out;
        for (const QXmlStreamAttribute &a : r.attributes())
            out.insert(a.name().toString(), a.value().toString());
        return out;
    };
    while (!r.atEnd()) {
        if (r.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QStringView name = r.name();
        if (name == QLatin1String("testsuites")) {
            report.suites = attributes();
        } else if (name == QLatin1String("testsuite")) {
            report.suite = attributes();
        } else if (name == QLatin1String("testcase")) {
            const auto a = attributes();
            report.cases.append(JUnitCase());
            report.cases.last().name = a.value(QStringLiteral("name"));
            report.cases.last().classname = a.value(QStringLiteral("classname"));
            report.cases.last().time = a.value(QStringLiteral("time"));
        } else if (name == QLatin1String("failure") && !report.cases.isEmpty()) {
            const auto a = attributes();
            JUnitCase &c = report.cases.last();
            c.failure = true;
            c.failureMessage = a.value(QStringLiteral("message"));
            c.failureType = a.value(QStringLiteral("type"));
            c.failureText = r.readElementText();
        } else if (name == QLatin1String("error") && !report.cases.isEmpty()) {
            JUnitCase &c = report.cases.last();
            c.error = true;
            c.errorMessage = attributes().value(QStringLiteral("message"));
            c.errorText = r.readElementText();
        } else if (name == QLatin1String("system-out") && !report.cases.isEmpty()) {
            report.cases.last().systemOut = r.readElementText();
        }
    }
    if (r.hasError())
        report.error = r.errorString();
    return report;
}

}  // namespace

#define RUN_RWB(run, ...)                                                                                    \
    const Run run = runRwb(__VA_ARGS__);                                                                     \
    QVERIFY2(run.finished, qPrintable(QStringLiteral("rwb did not finish: ") + describe(run)))

class TestRwbRun : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void help_data();
    void help();
    void runAll();
    void selection_data();
    void selection();
    void selectionErrors_data();
    void selectionErrors();
    void environment();
    void tlsFilesAndVariables();
    void corruptSessionFiles_data();
    void corruptSessionFiles();
    void junitReport();
    void junitKeepsNoSecrets();
    void harPerCase();
    void exportFormats_data();
    void exportFormats();
    void exportOutputFile();
    void exportFromSession();
    void exportErrors_data();
    void exportErrors();
    void importCurlToStdout();
    void importCurlIntoSession();
    void importCurlNewSessionFile();
    void importCurlErrors_data();
    void importCurlErrors();
    void inputsAreBounded();
    void bulkCheckCases();

private:
    QString base() const { return m_server.url(QStringLiteral("/")).toString().chopped(1); }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    // The session most tests use: cases that pass, fail and cannot run, in nested folders.
    QString writeShopSession(const QString &name = QStringLiteral("shop.rwbsession"));
    // `rwb trace --format json` of a chain that carries secrets (bearer token, cookie, token parameter).
    QByteArray secretTrace();

    ScriptedServer m_server;
    QString m_closedBase;  // http://127.0.0.1:PORT with nothing listening on PORT
    QTemporaryDir m_dir;
};

void TestRwbRun::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(RWB_EXE)), RWB_EXE);
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.listen(), qPrintable(m_server.errorString()));
    Reply ok;
    ok.addHeader("Content-Type", "text/plain");
    ok.body = "hello";
    m_server.on("/ok", ok);
    for (int n = 1; n <= 3; ++n) {
        m_server.on("/redirect/" + QByteArray::number(n),
                    ScriptedServer::redirect(302, n == 1 ? QByteArray("/ok")
                                                         : "/redirect/" + QByteArray::number(n - 1)));
    }
    m_server.on("/login", ScriptedServer::redirect(302, "/home").addHeader("Set-Cookie", "session=abc123"));
    m_server.on("/home", ok);
    m_server.on("/a", ScriptedServer::redirect(302, "/b"));
    m_server.on("/b", ScriptedServer::redirect(302, "/a"));
    m_server.on("/form", ScriptedServer::redirect(303, "/ok"));

    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    m_closedBase = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
    closed.close();
}

void TestRwbRun::init()
{
    // Every test starts from an empty folder.
    QDir dir(m_dir.path());
    for (const QFileInfo &info : dir.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        if (info.isDir())
            QDir(info.filePath()).removeRecursively();
        else
            QFile::remove(info.filePath());
    }
}

QString TestRwbRun::writeShopSession(const QString &name)
{
    const QString var = QStringLiteral("{{base}}");
    const QJsonArray items{
        caseItem(QStringLiteral("ok"), var + QStringLiteral("/ok"),
                 {expectation("finalStatus", {{QStringLiteral("status"), 200}}),
                  expectation("hopCount", {{QStringLiteral("count"), 1}})}),
        caseItem(QStringLiteral("two redirects"), var + QStringLiteral("/redirect/2"),
                 {expectation("statusSequence", {{QStringLiteral("statuses"), QJsonArray{302, 302, 200}}}),
                  expectation("hopCount", {{QStringLiteral("count"), 3}}),
                  expectation("finalUrl", {{QStringLiteral("url"), QStringLiteral("http://*/ok")},
                                           {QStringLiteral("match"), QStringLiteral("pattern")}})}),
        folderItem(
            QStringLiteral("Auth"),
            {caseItem(QStringLiteral("login sets cookie"), var + QStringLiteral("/login?token=tok123"),
                      {expectation("cookieSet", {{QStringLiteral("cookie"), QStringLiteral("session")}}),
                       expectation("statusSequence", {{QStringLiteral("statuses"), QJsonArray{302, 200}}}),
                       expectation("finalUrl", {{QStringLiteral("url"), QStringLiteral("*/home")},
                                                {QStringLiteral("match"), QStringLiteral("pattern")}})}),
             folderItem(QStringLiteral("Deep"),
                        {caseItem(QStringLiteral("no expectations"), var + QStringLiteral("/ok"), {})})}),
        folderItem(
            QStringLiteral("Broken"),
            {caseItem(QStringLiteral("wrong status"), var + QStringLiteral("/redirect/1"),
                      {expectation("statusSequence", {{QStringLiteral("statuses"), QJsonArray{301, 200}}}),
                       expectation("hopCount", {{QStringLiteral("count"), 5}}),
                       expectation("finalStatus", {{QStringLiteral("status"), 200}})}),
             caseItem(QStringLiteral("unknown variable"), QStringLiteral("{{nothere}}/ok"),
                      {expectation("finalStatus", {{QStringLiteral("status"), 200}})}),
             caseItem(QStringLiteral("loop"), var + QStringLiteral("/a"), {})}),
    };
    const QJsonArray environments{QJsonObject{
        {QStringLiteral("name"), QStringLiteral("offline")},
        {QStringLiteral("variables"), QJsonObject{{QStringLiteral("base"), m_closedBase}}},
    }};
    const QString file = path(name);
    if (!writeFile(file, sessionBytes(QStringLiteral("Shop"), {{QStringLiteral("base"), base()}},
                                      environments, items)))
        return {};
    return file;
}

QByteArray TestRwbRun::secretTrace()
{
    const Run run = runRwb({QStringLiteral("trace"), QStringLiteral("--format"), QStringLiteral("json"),
                            QStringLiteral("-H"), QStringLiteral("Authorization: Bearer s3cretbearer"),
                            base() + QStringLiteral("/login?token=tok123")});
    return run.exitCode == 0 ? run.out : QByteArray();
}

void TestRwbRun::help_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("rwb --help") << QStringList{QStringLiteral("--help")}
                                << QStringList{QStringLiteral("run SESSION"), QStringLiteral("export"),
                                               QStringLiteral("import-curl"), QStringLiteral("sandbox"),
                                               QStringLiteral("run --sandbox")};
    QTest::newRow("run --help") << QStringList{QStringLiteral("run"), QStringLiteral("--help")}
                                << QStringList{
                                       QStringLiteral("--case"),      QStringLiteral("--folder"),
                                       QStringLiteral("--env"),       QStringLiteral("--junit"),
                                       QStringLiteral("--har"),       QStringLiteral("--keep-secrets"),
                                       QStringLiteral("--no-color"),  QStringLiteral("--sandbox"),
                                       QStringLiteral("{{sandbox}}"), QStringLiteral("--var")};
    QTest::newRow("export --help") << QStringList{QStringLiteral("export"), QStringLiteral("--help")}
                                   << QStringList{QStringLiteral("--format"), QStringLiteral("--case"),
                                                  QStringLiteral("--keep-secrets"),
                                                  QStringLiteral("--output")};
    QTest::newRow("sandbox --help") << QStringList{QStringLiteral("sandbox"), QStringLiteral("--help")}
                                    << QStringList{QStringLiteral("--port"), QStringLiteral("--rules"),
                                                   QStringLiteral("--list"), QStringLiteral("--demo-session"),
                                                   QStringLiteral("{{sandbox_other}}")};
    QTest::newRow("import-curl --help")
        << QStringList{QStringLiteral("import-curl"), QStringLiteral("--help")}
        << QStringList{QStringLiteral("--name"), QStringLiteral("--session"), QStringLiteral("--folder")};
}

void TestRwbRun::help()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, expected);
    RUN_RWB(run, args);
    QVERIFY2(run.exitCode == 0 && run.err.isEmpty(), qPrintable(describe(run)));
    for (const QString &e : expected)
        QVERIFY2(QString::fromUtf8(run.out).contains(e),
                 qPrintable(e + QStringLiteral(": ") + describe(run)));
}

void TestRwbRun::runAll()
{
    const QString file = writeShopSession();
    QVERIFY(!file.isEmpty());
    const QByteArray before = readFile(file);
    m_server.clearRequests();
    RUN_RWB(run, {QStringLiteral("run"), file});
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    QVERIFY2(run.err.isEmpty(), qPrintable(describe(run)));
    QVERIFY2(!run.out.contains('\x1b'), "ANSI escape in output to a pipe");
    const QStringList out = lines(run.out);
    QVERIFY2(!out.isEmpty(), qPrintable(describe(run)));
    QCOMPARE(out.constLast(), QStringLiteral("4 passed, 3 failed"));
    QVERIFY2(run.out.endsWith("4 passed, 3 failed\n"), qPrintable(describe(run)));

    // One result line per case in session order, each failed expectation indented under its case.
    QStringList results;
    for (const QString &l : out) {
        if (l.startsWith(QLatin1String("PASS ")) || l.startsWith(QLatin1String("FAIL ")))
            results << l;
    }
    QCOMPARE(results.size(), 7);
    const QRegularExpression shape(
        QStringLiteral("^(PASS|FAIL) (.+)  \\((\\d+) hops?, (\\d+) ms(, .*)?\\)$"));
    const QStringList names{QStringLiteral("ok"),
                            QStringLiteral("two redirects"),
                            QStringLiteral("Auth/login sets cookie"),
                            QStringLiteral("Auth/Deep/no expectations"),
                            QStringLiteral("Broken/wrong status"),
                            QStringLiteral("Broken/unknown variable"),
                            QStringLiteral("Broken/loop")};
    const QStringList verdicts{QStringLiteral("PASS"), QStringLiteral("PASS"), QStringLiteral("PASS"),
                               QStringLiteral("PASS"), QStringLiteral("FAIL"), QStringLiteral("FAIL"),
                               QStringLiteral("FAIL")};
    const QList<int> hops{1, 3, 2, 1, 2, -1, 2};
    for (int i = 0; i < 7; ++i) {
        const QString &l = results.at(i);
        QVERIFY2(l.startsWith(verdicts.at(i) + QLatin1Char(' ') + names.at(i) + QLatin1String("  (")),
                 qPrintable(l));
        if (hops.at(i) < 0)
            continue;
        const QRegularExpressionMatch m = shape.match(l);
        QVERIFY2(m.hasMatch(), qPrintable(l));
        QCOMPARE(m.captured(3).toInt(), hops.at(i));
    }
    // A case without expectations says why it passed.
    QVERIFY2(results.at(3).contains(QLatin1String("no expectations")), qPrintable(results.at(3)));

    const auto indentedAfter = [&out](const QString &resultLine) {
        QStringList block;
        for (qsizetype i = out.indexOf(resultLine) + 1; i < out.size(); ++i) {
            if (!out.at(i).startsWith(QLatin1String("    ")))
                break;
            block << out.at(i).trimmed();
        }
        return block;
    };
    for (int i = 0; i < 4; ++i)
        QVERIFY2(indentedAfter(results.at(i)).isEmpty(), qPrintable(results.at(i)));
    // "wrong status": the status sequence and the hop count failed, the final status passed.
    const QStringList wrong = indentedAfter(results.at(4));
    QCOMPARE(wrong.size(), 2);
    QVERIFY2(wrong.at(0).contains(QLatin1String("301")) && wrong.at(0).contains(QLatin1String("302")),
             qPrintable(wrong.join(u'|')));
    QVERIFY2(wrong.at(1).contains(QLatin1String("5")) && wrong.at(1).contains(QLatin1String("2")),
             qPrintable(wrong.join(u'|')));
    // A case that cannot be resolved fails with resolveCase's error, and sends nothing.
    const QStringList unresolved = indentedAfter(results.at(5));
    QCOMPARE(unresolved.size(), 1);
    QVERIFY2(unresolved.at(0).contains(QLatin1String("nothere")), qPrintable(unresolved.at(0)));
    // No expectations and no final response: a failure that names the outcome.
    const QStringList loop = indentedAfter(results.at(6));
    QCOMPARE(loop.size(), 1);
    QVERIFY2(loop.at(0).contains(QLatin1String("loop")), qPrintable(loop.at(0)));

    // Every request of the cases that ran: 1 + 3 + 2 + 1 + 2 + 0 + 2.
    QCOMPARE(m_server.requestCount(), 11);
    QCOMPARE(readFile(file), before);  // running never writes the session
    QVERIFY(!QFile::exists(file + QStringLiteral(".bak")));
}

void TestRwbRun::selection_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("cases");  // "PASS name" / "FAIL name", in order
    QTest::addColumn<int>("exitCode");
    const auto S = [](const char *s) {
        return QString::fromUtf8(s);
    };
    QTest::newRow("--case by name") << QStringList{S("--case"), S("ok")} << QStringList{S("PASS ok")} << 0;
    QTest::newRow("--case by path") << QStringList{S("--case"), S("Auth/Deep/no expectations")}
                                    << QStringList{S("PASS Auth/Deep/no expectations")} << 0;
    QTest::newRow("--case in folder by name") << QStringList{S("--case"), S("login sets cookie")}
                                              << QStringList{S("PASS Auth/login sets cookie")} << 0;
    QTest::newRow("--case twice, session order")
        << QStringList{S("--case"), S("Broken/wrong status"), S("--case"), S("two redirects")}
        << QStringList{S("PASS two redirects"), S("FAIL Broken/wrong status")} << 1;
    QTest::newRow("--folder with subfolders")
        << QStringList{S("--folder"), S("Auth")}
        << QStringList{S("PASS Auth/login sets cookie"), S("PASS Auth/Deep/no expectations")} << 0;
    QTest::newRow("--folder by path") << QStringList{S("--folder"), S("Auth/Deep")}
                                      << QStringList{S("PASS Auth/Deep/no expectations")} << 0;
    QTest::newRow("--folder and --case")
        << QStringList{S("--folder"), S("Deep"), S("--case"), S("Broken/loop")}
        << QStringList{S("PASS Auth/Deep/no expectations"), S("FAIL Broken/loop")} << 1;
}

void TestRwbRun::selection()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, cases);
    QFETCH(int, exitCode);
    const QString file = writeShopSession();
    RUN_RWB(run, QStringList{QStringLiteral("run"), file} + args);
    QVERIFY2(run.exitCode == exitCode, qPrintable(describe(run)));
    QStringList results;
    for (const QString &l : lines(run.out)) {
        if (l.startsWith(QLatin1String("PASS ")) || l.startsWith(QLatin1String("FAIL ")))
            results << l.left(l.indexOf(QLatin1String("  (")));
    }
    QCOMPARE(results, cases);
    int passed = 0;
    for (const QString &c : cases)
        passed += c.startsWith(QLatin1String("PASS")) ? 1 : 0;
    QCOMPARE(lines(run.out).constLast(),
             QStringLiteral("%1 passed, %2 failed").arg(passed).arg(cases.size() - passed));
}

void TestRwbRun::selectionErrors_data()
{
    QTest::addColumn<QStringList>("args");  // after "run"; {file} is the session
    QTest::addColumn<QString>("named");
    const auto S = [](const char *s) {
        return QString::fromUtf8(s);
    };
    QTest::newRow("no session") << QStringList{} << S("SESSION");
    QTest::newRow("missing file") << QStringList{S("{dir}/nope.rwbsession")} << S("nope.rwbsession");
    QTest::newRow("two files") << QStringList{S("{file}"), S("{file}")} << S("shop.rwbsession");
    QTest::newRow("unknown case") << QStringList{S("{file}"), S("--case"), S("nocase")} << S("nocase");
    QTest::newRow("case in wrong folder")
        << QStringList{S("{file}"), S("--case"), S("Broken/ok")} << S("Broken/ok");
    QTest::newRow("one good, one unknown case")
        << QStringList{S("{file}"), S("--case"), S("ok"), S("--case"), S("nix")} << S("nix");
    QTest::newRow("unknown folder") << QStringList{S("{file}"), S("--folder"), S("Legacy")} << S("Legacy");
    QTest::newRow("unknown env") << QStringList{S("{file}"), S("--env"), S("staging")} << S("staging");
    QTest::newRow("unknown flag") << QStringList{S("{file}"), S("--frobnicate")} << S("frobnicate");
    QTest::newRow("junit without file") << QStringList{S("{file}"), S("--junit")} << S("junit");
    QTest::newRow("case with newline") << QStringList{S("{file}"), S("--case"), S("a\nb")} << S("a\\nb");
    // Issue 16: nothing to run is not a pass.
    QTest::newRow("session without cases") << QStringList{S("{empty}")} << S("has no cases to run");
}

void TestRwbRun::selectionErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const QString file = writeShopSession();
    const QString empty = path(QStringLiteral("empty.rwbsession"));
    QVERIFY(writeFile(empty, sessionBytes(QStringLiteral("Empty"), {}, {}, {})));
    QStringList expanded{QStringLiteral("run")};
    for (QString a : args) {
        expanded << a.replace(QLatin1String("{file}"), file)
                        .replace(QLatin1String("{dir}"), m_dir.path())
                        .replace(QLatin1String("{empty}"), empty);
    }
    m_server.clearRequests();
    RUN_RWB(run, expanded);
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(run.out.isEmpty(), qPrintable(describe(run)));
    QVERIFY2(isOneLineError(run), qPrintable(describe(run)));
    QVERIFY2(QString::fromUtf8(run.err).contains(named),
             qPrintable(named + QStringLiteral(": ") + describe(run)));
    QCOMPARE(m_server.requestCount(), 0);  // nothing ran
}

void TestRwbRun::environment()
{
    const QString file = writeShopSession();
    // The environment's base is a closed port: the case runs there, and fails.
    m_server.clearRequests();
    RUN_RWB(run, {QStringLiteral("run"), file, QStringLiteral("--env"), QStringLiteral("offline"),
                  QStringLiteral("--case"), QStringLiteral("ok")});
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    QVERIFY2(run.out.startsWith("FAIL ok  (1 hop, "), qPrintable(describe(run)));
    QCOMPARE(lines(run.out).constLast(), QStringLiteral("0 passed, 1 failed"));
    QCOMPARE(m_server.requestCount(), 0);
}

// A case's TLS files are the session file's folder's, and --var gives a variable over the session's: the
// case trusts the server through its CA file and finds its page through the variable.
void TestRwbRun::tlsFilesAndVariables()
{
    ScriptedServer tls;
    QVERIFY2(tls.listen(ScriptedServer::Mode::Tls), qPrintable(tls.errorString()));
    Reply ok;
    ok.body = "hello";
    tls.on("/ok", ok);
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("certs")));
    QFile::remove(path(QStringLiteral("certs/ca.pem")));
    QVERIFY(QFile::copy(QStringLiteral(RWB_TEST_CERT_DIR "/localhost.crt"),
                        path(QStringLiteral("certs/ca.pem"))));
    QJsonObject c =
        caseItem(QStringLiteral("pinned CA"), QStringLiteral("https://localhost:%1/{{page}}").arg(tls.port()),
                 {expectation("finalStatus", {{QStringLiteral("status"), 200}})});
    c.insert(QStringLiteral("options"),
             QJsonObject{{QStringLiteral("profile"), QStringLiteral("curl")},
                         {QStringLiteral("tls"),
                          QJsonObject{{QStringLiteral("caCert"), QStringLiteral("certs/ca.pem")}}}});
    QJsonObject session =
        QJsonDocument::fromJson(sessionBytes(QStringLiteral("TLS"),
                                             {{QStringLiteral("page"), QStringLiteral("missing")}}, {}, {c}))
            .object();
    session.insert(QStringLiteral("version"), 2);
    const QString file = path(QStringLiteral("tls.rwbsession"));
    QVERIFY(writeFile(file, QJsonDocument(session).toJson()));
    // Run from another working directory: the CA file is found beside the session all the same.
    RUN_RWB(run, {QStringLiteral("run"), file, QStringLiteral("--var"), QStringLiteral("page=ok")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.startsWith("PASS pinned CA"), qPrintable(describe(run)));
    QCOMPARE(tls.requestCount(), 1);
    QCOMPARE(tls.requests().first().path(), QByteArray("/ok"));
    // The session's own value: the page is missing (404), the case fails.
    RUN_RWB(own, {QStringLiteral("run"), file});
    QVERIFY2(own.exitCode == 1, qPrintable(describe(own)));
    RUN_RWB(bad, {QStringLiteral("run"), file, QStringLiteral("--var"), QStringLiteral("=x")});
    QVERIFY2(bad.exitCode == 2, qPrintable(describe(bad)));
    QVERIFY2(bad.err.contains("invalid --var '=x': expected NAME=VALUE"), qPrintable(describe(bad)));
}

void TestRwbRun::corruptSessionFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("named");  // besides the file name
    const QByteArray good =
        sessionBytes(QStringLiteral("S"), {{QStringLiteral("base"), QStringLiteral("http://127.0.0.1:1")}},
                     {}, {caseItem(QStringLiteral("c"), QStringLiteral("{{base}}/"), {})});
    QJsonObject newer = QJsonDocument::fromJson(good).object();
    newer.insert(QStringLiteral("version"), 4);
    QJsonObject otherFormat = newer;
    otherFormat.insert(QStringLiteral("version"), 1);
    otherFormat.insert(QStringLiteral("format"), QStringLiteral("redirect-workbench-trace"));
    QJsonObject wrongType = otherFormat;
    wrongType.insert(QStringLiteral("format"), QStringLiteral("redirect-workbench-session"));
    wrongType.insert(QStringLiteral("items"), QStringLiteral("not a list"));
    QJsonObject wrongUrl = wrongType;
    QJsonObject badCase = caseItem(QStringLiteral("c"), QStringLiteral("x"), {});
    QJsonObject badRequest = badCase.value(QLatin1String("request")).toObject();
    badRequest.insert(QStringLiteral("url"), 42);
    badCase.insert(QStringLiteral("request"), badRequest);
    wrongUrl.insert(QStringLiteral("items"), QJsonArray{badCase});

    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("truncated") << good.left(good.size() / 2) << QStringLiteral("line");
    QTest::newRow("garbage") << QByteArray("\x89PNG\r\n\x1a\n\x00\x01garbage", 16) << QString();
    QTest::newRow("array") << QByteArray("[1, 2, 3]\n") << QString();
    QTest::newRow("wrong type") << QJsonDocument(wrongType).toJson() << QStringLiteral("items");
    QTest::newRow("wrong field type") << QJsonDocument(wrongUrl).toJson() << QStringLiteral("url");
    QTest::newRow("newer version") << QJsonDocument(newer).toJson() << QStringLiteral("4");
    QTest::newRow("other format") << QJsonDocument(otherFormat).toJson() << QString();
}

void TestRwbRun::corruptSessionFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, named);
    const QString file = path(QStringLiteral("bad.rwbsession"));
    QVERIFY(writeFile(file, bytes));
    const QList<QStringList> commands{
        {QStringLiteral("run"), file},
        {QStringLiteral("run"), file, QStringLiteral("--junit"), path(QStringLiteral("j.xml"))},
        {QStringLiteral("export"), file, QStringLiteral("--case"), QStringLiteral("c"),
         QStringLiteral("--format"), QStringLiteral("har")},
        {QStringLiteral("import-curl"), QStringLiteral("curl http://127.0.0.1:1/"),
         QStringLiteral("--session"), file},
        {QStringLiteral("import-curl"), QStringLiteral("curl http://127.0.0.1:1/"),
         QStringLiteral("--session"), file, QStringLiteral("--folder"), QStringLiteral("F")},
    };
    for (const QStringList &args : commands) {
        RUN_RWB(run, args);
        const QString what = args.join(u' ') + QStringLiteral(": ") + describe(run);
        QVERIFY2(run.exitCode == 2, qPrintable(what));
        QVERIFY2(run.out.isEmpty(), qPrintable(what));
        QVERIFY2(isOneLineError(run), qPrintable(what));
        QVERIFY2(run.err.contains("bad.rwbsession"), qPrintable(what));
        QVERIFY2(QString::fromUtf8(run.err).contains(named), qPrintable(named + QStringLiteral(": ") + what));
        QCOMPARE(readFile(file), bytes);  // byte for byte
        QVERIFY2(!QFile::exists(file + QStringLiteral(".bak")), qPrintable(what));
        QVERIFY2(!QFile::exists(path(QStringLiteral("j.xml"))), qPrintable(what));
    }
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("bad.rwbsession")});
}

void TestRwbRun::junitReport()
{
    const QString file = writeShopSession();
    const QString junit = path(QStringLiteral("reports/junit.xml"));
    QVERIFY(QDir().mkpath(path(QStringLiteral("reports"))));
    RUN_RWB(run, {QStringLiteral("run"), file, QStringLiteral("--junit"), junit});
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    QCOMPARE(lines(run.out).constLast(), QStringLiteral("4 passed, 3 failed"));

    // Valid against the schema CI systems' readers agree on. xmllint is a dependency (scripts/deps.sh):
    // without it this test fails rather than passing unchecked.
    const Run lint =
        RwbTest::runProcess(QStringLiteral("xmllint"), {QStringLiteral("--noout"), QStringLiteral("--schema"),
                                                        QStringLiteral(RWB_JUNIT_XSD), junit});
    QVERIFY2(lint.finished, "xmllint did not run: install libxml2-utils (scripts/deps.sh)");
    QVERIFY2(lint.exitCode == 0, qPrintable(QString::fromUtf8(lint.err)));

    const JUnitReport report = readJUnit(readFile(junit));
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    for (const auto *attrs : {&report.suites, &report.suite}) {
        QCOMPARE(attrs->value(QStringLiteral("tests")), QStringLiteral("7"));
        QCOMPARE(attrs->value(QStringLiteral("failures")), QStringLiteral("2"));
        QCOMPARE(attrs->value(QStringLiteral("errors")), QStringLiteral("1"));
        QVERIFY(attrs->value(QStringLiteral("time")).toDouble() >= 0);
    }
    QCOMPARE(report.suite.value(QStringLiteral("name")), QStringLiteral("Shop"));
    QCOMPARE(report.cases.size(), 7);

    QStringList names, classnames;
    for (const JUnitCase &c : report.cases) {
        names << c.name;
        classnames << c.classname;
        bool ok = false;
        QVERIFY(c.time.toDouble(&ok) >= 0 && ok);
    }
    QCOMPARE(names, (QStringList{QStringLiteral("ok"), QStringLiteral("two redirects"),
                                 QStringLiteral("login sets cookie"), QStringLiteral("no expectations"),
                                 QStringLiteral("wrong status"), QStringLiteral("unknown variable"),
                                 QStringLiteral("loop")}));
    QCOMPARE(classnames, (QStringList{QStringLiteral("Shop"), QStringLiteral("Shop"), QStringLiteral("Auth"),
                                      QStringLiteral("Auth.Deep"), QStringLiteral("Broken"),
                                      QStringLiteral("Broken"), QStringLiteral("Broken")}));
    for (int i = 0; i < 4; ++i) {
        QVERIFY2(!report.cases.at(i).failure && !report.cases.at(i).error, qPrintable(names.at(i)));
        QVERIFY2(report.cases.at(i).systemOut.contains(QLatin1String("#0  GET ")), qPrintable(names.at(i)));
    }
    // Every failed expectation's message is in the failure's text.
    const JUnitCase &wrong = report.cases.at(4);
    QVERIFY(wrong.failure && !wrong.error);
    QCOMPARE(wrong.failureType, QStringLiteral("expectation"));
    QVERIFY(!wrong.failureMessage.isEmpty());
    const QStringList out = lines(run.out);
    const qsizetype at = out.indexOf(QRegularExpression(QStringLiteral("^FAIL Broken/wrong status  .*")));
    QVERIFY(at >= 0 && at + 2 < out.size());
    for (qsizetype i = at + 1; i <= at + 2; ++i)
        QVERIFY2(wrong.failureText.contains(out.at(i).trimmed()), qPrintable(wrong.failureText));
    QVERIFY(wrong.systemOut.contains(QLatin1String("#1  GET ")));
    // A case that could not run is an error, not a failure.
    const JUnitCase &unresolved = report.cases.at(5);
    QVERIFY(unresolved.error && !unresolved.failure);
    QVERIFY2(unresolved.errorText.contains(QLatin1String("nothere")), qPrintable(unresolved.errorText));
    QVERIFY(report.cases.at(6).failure);

    // An unwritable report is a usage problem named on one line; the results are still printed.
    RUN_RWB(bad, {QStringLiteral("run"), file, QStringLiteral("--case"), QStringLiteral("ok"),
                  QStringLiteral("--junit"), path(QStringLiteral("no/such/dir/j.xml"))});
    QVERIFY2(bad.exitCode == 2 && isOneLineError(bad) && bad.err.contains("no/such/dir/j.xml"),
             qPrintable(describe(bad)));
}

void TestRwbRun::junitKeepsNoSecrets()
{
    const QString file = writeShopSession();
    const QString junit = path(QStringLiteral("junit.xml"));
    RUN_RWB(run, {QStringLiteral("run"), file, QStringLiteral("--folder"), QStringLiteral("Auth"),
                  QStringLiteral("--junit"), junit});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QByteArray xml = readFile(junit);
    QVERIFY2(xml.contains("/login?token="), xml.constData());
    QVERIFY2(!xml.contains("tok123"), xml.constData());
    RUN_RWB(kept, {QStringLiteral("run"), file, QStringLiteral("--folder"), QStringLiteral("Auth"),
                   QStringLiteral("--junit"), junit, QStringLiteral("--keep-secrets")});
    QVERIFY2(kept.exitCode == 0, qPrintable(describe(kept)));
    QVERIFY(readFile(junit).contains("tok123"));
}

void TestRwbRun::harPerCase()
{
    const QString file = writeShopSession();
    const QString dir = path(QStringLiteral("hars/nested"));  // made when missing
    RUN_RWB(run, {QStringLiteral("run"), file, QStringLiteral("--folder"), QStringLiteral("Auth"),
                  QStringLiteral("--case"), QStringLiteral("two redirects"), QStringLiteral("--case"),
                  QStringLiteral("unknown variable"), QStringLiteral("--har"), dir});
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    QCOMPARE(lines(run.out).constLast(), QStringLiteral("3 passed, 1 failed"));
    // One HAR per case that ran, named from its folder path and name, safe for file names.
    QStringList files = QDir(dir).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(files.size(), 3);
    const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*\\.har$"));
    QHash<QString, int> entriesPerCase;
    bool cookieSeen = false;
    for (const QString &name : files) {
        QVERIFY2(safe.match(name).hasMatch(), qPrintable(name));
        const QByteArray bytes = readFile(QDir(dir).filePath(name));
        QJsonParseError error;
        const QJsonObject har = QJsonDocument::fromJson(bytes, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(name + error.errorString()));
        const QJsonArray entries =
            har.value(QLatin1String("log")).toObject().value(QLatin1String("entries")).toArray();
        entriesPerCase.insert(name, int(entries.size()));
        // Redacted: neither the cookie's value nor the token parameter.
        QVERIFY2(!bytes.contains("abc123") && !bytes.contains("tok123"), qPrintable(name));
        cookieSeen = cookieSeen || bytes.contains("session");
    }
    QVERIFY(cookieSeen);
    QList<int> counts = entriesPerCase.values();
    std::sort(counts.begin(), counts.end());
    QCOMPARE(counts, (QList<int>{1, 2, 3}));
    const QString login = files.filter(QStringLiteral("login")).value(0);
    QVERIFY2(login.startsWith(QLatin1String("Auth")), qPrintable(files.join(u' ')));
    QCOMPARE(entriesPerCase.value(login), 2);

    // --keep-secrets keeps them.
    RUN_RWB(kept,
            {QStringLiteral("run"), file, QStringLiteral("--case"), QStringLiteral("Auth/login sets cookie"),
             QStringLiteral("--har"), dir, QStringLiteral("--keep-secrets")});
    QVERIFY2(kept.exitCode == 0, qPrintable(describe(kept)));
    const QByteArray har = readFile(QDir(dir).filePath(login));
    QVERIFY(har.contains("abc123") && har.contains("tok123"));
}

void TestRwbRun::exportFormats_data()
{
    QTest::addColumn<QString>("format");
    for (const char *f : {"json", "har", "csv", "md", "curl"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestRwbRun::exportFormats()
{
    QFETCH(QString, format);
    const QByteArray traceJson = secretTrace();
    QVERIFY(!traceJson.isEmpty());
    QVERIFY(traceJson.contains("s3cretbearer") && traceJson.contains("abc123"));
    const QString file = path(QStringLiteral("trace.json"));
    QVERIFY(writeFile(file, traceJson));

    RUN_RWB(run, {QStringLiteral("export"), file, QStringLiteral("--format"), format});
    QVERIFY2(run.exitCode == 0 && run.err.isEmpty(), qPrintable(describe(run)));
    QVERIFY2(run.out.endsWith('\n'), qPrintable(describe(run)));
    const QByteArray &out = run.out;
    for (const char *secret : {"s3cretbearer", "abc123", "tok123"})
        QVERIFY2(!out.contains(secret),
                 qPrintable(QString::fromLatin1(secret) + QLatin1Char(' ') + describe(run)));
    QVERIFY2(out.contains("/login"), qPrintable(describe(run)));
    if (format == QLatin1String("json")) {
        const QJsonObject trace = QJsonDocument::fromJson(out).object();
        QCOMPARE(trace.value(QLatin1String("format")).toString(), QStringLiteral("redirect-workbench-trace"));
        QCOMPARE(trace.value(QLatin1String("hops")).toArray().size(), 2);
    } else if (format == QLatin1String("har")) {
        const QJsonObject log = QJsonDocument::fromJson(out).object().value(QLatin1String("log")).toObject();
        QCOMPARE(log.value(QLatin1String("version")).toString(), QStringLiteral("1.2"));
        QCOMPARE(log.value(QLatin1String("entries")).toArray().size(), 2);
    } else if (format == QLatin1String("csv")) {
        QVERIFY2(lines(out).size() >= 3, out.constData());  // a header row and one row per hop
        QVERIFY2(out.contains("302") && out.contains("200"), out.constData());
    } else if (format == QLatin1String("md")) {
        QVERIFY2(out.contains('|'), out.constData());
    } else {
        QVERIFY2(out.contains("curl "), out.constData());
    }

    RUN_RWB(kept, {QStringLiteral("export"), file, QStringLiteral("--format"), format,
                   QStringLiteral("--keep-secrets")});
    QVERIFY2(kept.exitCode == 0, qPrintable(describe(kept)));
    QVERIFY2(kept.out.contains("tok123"), qPrintable(describe(kept)));
    if (format == QLatin1String("json") || format == QLatin1String("har"))
        QVERIFY2(kept.out.contains("s3cretbearer") && kept.out.contains("abc123"),
                 qPrintable(describe(kept)));
}

void TestRwbRun::exportOutputFile()
{
    const QString file = path(QStringLiteral("trace.json"));
    QVERIFY(writeFile(file, secretTrace()));
    const QString out = path(QStringLiteral("chain.har"));
    RUN_RWB(run, {QStringLiteral("export"), file, QStringLiteral("--format"), QStringLiteral("har"),
                  QStringLiteral("-o"), out});
    QVERIFY2(run.exitCode == 0 && run.out.isEmpty() && run.err.isEmpty(), qPrintable(describe(run)));
    QVERIFY(QJsonDocument::fromJson(readFile(out)).object().contains(QLatin1String("log")));
    RUN_RWB(bad, {QStringLiteral("export"), file, QStringLiteral("--format"), QStringLiteral("har"),
                  QStringLiteral("-o"), path(QStringLiteral("no/such/dir/x.har"))});
    QVERIFY2(bad.exitCode == 2 && isOneLineError(bad) && bad.err.contains("no/such/dir/x.har"),
             qPrintable(describe(bad)));
}

void TestRwbRun::exportFromSession()
{
    const QJsonObject trace = QJsonDocument::fromJson(secretTrace()).object();
    QVERIFY(!trace.isEmpty());
    const QJsonArray items{
        caseItem(QStringLiteral("with trace"), QStringLiteral("{{base}}/login"), {}, trace),
        folderItem(QStringLiteral("F"),
                   {caseItem(QStringLiteral("without trace"), QStringLiteral("{{base}}/"), {})}),
    };
    const QString file = path(QStringLiteral("s.rwbsession"));
    QVERIFY(
        writeFile(file, sessionBytes(QStringLiteral("S"), {{QStringLiteral("base"), base()}}, {}, items)));
    RUN_RWB(run, {QStringLiteral("export"), file, QStringLiteral("--case"), QStringLiteral("with trace"),
                  QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonObject exported = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(exported.value(QLatin1String("hops")).toArray().size(), 2);
    QVERIFY(!run.out.contains("s3cretbearer"));

    RUN_RWB(none, {QStringLiteral("export"), file, QStringLiteral("--case"),
                   QStringLiteral("F/without trace"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(none.exitCode == 2 && none.out.isEmpty() && isOneLineError(none), qPrintable(describe(none)));
    QVERIFY2(none.err.contains("without trace"), qPrintable(describe(none)));
    RUN_RWB(unknown, {QStringLiteral("export"), file, QStringLiteral("--case"), QStringLiteral("nix"),
                      QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(unknown.exitCode == 2 && isOneLineError(unknown) && unknown.err.contains("nix"),
             qPrintable(describe(unknown)));
    // A session without --case: said so.
    RUN_RWB(noCase, {QStringLiteral("export"), file, QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(noCase.exitCode == 2 && isOneLineError(noCase) && noCase.err.contains("--case"),
             qPrintable(describe(noCase)));
}

void TestRwbRun::exportErrors_data()
{
    QTest::addColumn<QByteArray>("content");  // of FILE; null: FILE does not exist
    QTest::addColumn<QStringList>("args");    // after "export FILE"
    QTest::addColumn<QString>("named");
    const auto S = [](const char *s) {
        return QString::fromUtf8(s);
    };
    const QByteArray trace = "{\"format\": \"redirect-workbench-trace\", \"version\": 1, \"profile\": "
                             "\"browser\", \"startedAt\": \"2026-01-01T00:00:00.000Z\", \"hops\": [], "
                             "\"outcome\": {\"kind\": \"final\", \"message\": \"\"}}\n";
    QTest::newRow("missing file") << QByteArray() << QStringList{S("--format"), S("har")} << S("t.json");
    QTest::newRow("not JSON") << QByteArray("{\n  \"format\": \n") << QStringList{S("--format"), S("har")}
                              << S("line");
    QTest::newRow("wrong field") << QByteArray(trace).replace("\"hops\": []", "\"hops\": {}")
                                 << QStringList{S("--format"), S("har")} << S("hops");
    QTest::newRow("no format") << trace << QStringList{} << S("--format");
    QTest::newRow("unknown format") << trace << QStringList{S("--format"), S("xml")} << S("xml");
    QTest::newRow("unknown flag") << trace << QStringList{S("--format"), S("har"), S("--frob")} << S("frob");
}

void TestRwbRun::exportErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const QString file = path(QStringLiteral("t.json"));
    if (!content.isNull())
        QVERIFY(writeFile(file, content));
    RUN_RWB(run, QStringList{QStringLiteral("export"), file} + args);
    QVERIFY2(run.exitCode == 2 && run.out.isEmpty() && isOneLineError(run), qPrintable(describe(run)));
    QVERIFY2(QString::fromUtf8(run.err).contains(named),
             qPrintable(named + QStringLiteral(": ") + describe(run)));
    if (!content.isNull())
        QCOMPARE(readFile(file), content);
}

void TestRwbRun::importCurlToStdout()
{
    const QString url = base() + QStringLiteral("/form");
    RUN_RWB(run,
            {QStringLiteral("import-curl"),
             QStringLiteral("curl -L -X PUT -H 'X-Api: one two' --data-binary 'a=1&b=2' '%1'").arg(url)});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const Rwb::SessionLoadResult loaded = Rwb::sessionFromJson(run.out);
    QVERIFY2(loaded.session, qPrintable(loaded.error + QLatin1Char(' ') + describe(run)));
    const QList<Rwb::CaseRef> cases = Rwb::allCases(*loaded.session);
    QCOMPARE(cases.size(), 1);
    QCOMPARE(cases.at(0).folderPath, QString());
    const Rwb::SessionCase &c = *cases.at(0).testCase;
    QCOMPARE(c.name, QStringLiteral("PUT ") + QUrl(url).authority() + QUrl(url).path());
    QCOMPARE(c.request.method, QStringLiteral("PUT"));
    QCOMPARE(c.request.url, url);
    QCOMPARE(c.request.body, QByteArrayLiteral("a=1&b=2"));
    bool header = false;
    for (const Rwb::CaseHeader &h : c.request.headers)
        header =
            header || (h.name == QLatin1String("X-Api") && h.value == QLatin1String("one two") && h.enabled);
    QVERIFY(header);
    QCOMPARE(c.options.profile, Rwb::Profile::Curl);

    RUN_RWB(named, {QStringLiteral("import-curl"), QStringLiteral("curl ") + url, QStringLiteral("--name"),
                    QStringLiteral("my case")});
    QVERIFY2(named.exitCode == 0, qPrintable(describe(named)));
    const Rwb::SessionLoadResult loaded2 = Rwb::sessionFromJson(named.out);
    QVERIFY(loaded2.session);
    QCOMPARE(Rwb::allCases(*loaded2.session).value(0).testCase->name, QStringLiteral("my case"));
    QCOMPARE(Rwb::allCases(*loaded2.session).value(0).testCase->request.method, QStringLiteral("GET"));
}

void TestRwbRun::importCurlIntoSession()
{
    const QString file = writeShopSession();
    const QByteArray before = readFile(file);
    const QString curl = QStringLiteral("curl -L %1/redirect/3").arg(base());
    RUN_RWB(run, {QStringLiteral("import-curl"), curl, QStringLiteral("--session"), file,
                  QStringLiteral("--folder"), QStringLiteral("Imported"), QStringLiteral("--name"),
                  QStringLiteral("three")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(readFile(file + QStringLiteral(".bak")), before);  // the old bytes are kept beside it

    const Rwb::SessionLoadResult loaded = Rwb::loadSessionFile(file);
    QVERIFY2(loaded.session, qPrintable(loaded.error));
    QCOMPARE(loaded.session->name, QStringLiteral("Shop"));
    const QList<Rwb::CaseRef> cases = Rwb::allCases(*loaded.session);
    QCOMPARE(cases.size(), 8);  // the seven it had, and the new one
    QCOMPARE(cases.constLast().folderPath, QStringLiteral("Imported"));
    QCOMPARE(cases.constLast().testCase->name, QStringLiteral("three"));

    // Into an existing folder, a second time: the name stays unique.
    RUN_RWB(again, {QStringLiteral("import-curl"), curl, QStringLiteral("--session"), file,
                    QStringLiteral("--folder"), QStringLiteral("Imported"), QStringLiteral("--name"),
                    QStringLiteral("three")});
    QVERIFY2(again.exitCode == 0, qPrintable(describe(again)));
    const Rwb::SessionLoadResult reloaded = Rwb::loadSessionFile(file);
    QVERIFY(reloaded.session);
    QStringList imported;
    for (const Rwb::CaseRef &ref : Rwb::allCases(*reloaded.session)) {
        if (ref.folderPath == QLatin1String("Imported"))
            imported << ref.testCase->name;
    }
    QCOMPARE(imported.size(), 2);
    QVERIFY(imported.at(0) != imported.at(1));

    // The imported case runs: no expectations, a final response.
    RUN_RWB(ran, {QStringLiteral("run"), file, QStringLiteral("--case"), QStringLiteral("Imported/three")});
    QVERIFY2(ran.exitCode == 0, qPrintable(describe(ran)));
    QVERIFY2(ran.out.startsWith("PASS Imported/three  (4 hops, "), qPrintable(describe(ran)));
}

void TestRwbRun::importCurlNewSessionFile()
{
    const QString file = path(QStringLiteral("new.rwbsession"));
    RUN_RWB(run, {QStringLiteral("import-curl"), QStringLiteral("curl %1/ok").arg(base()),
                  QStringLiteral("--session"), file, QStringLiteral("--folder"), QStringLiteral("A/B")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(!QFile::exists(file + QStringLiteral(".bak")));
    const Rwb::SessionLoadResult loaded = Rwb::loadSessionFile(file);
    QVERIFY2(loaded.session, qPrintable(loaded.error));
    const QList<Rwb::CaseRef> cases = Rwb::allCases(*loaded.session);
    QCOMPARE(cases.size(), 1);
    QCOMPARE(cases.at(0).folderPath, QStringLiteral("A/B"));
    // Named by method, host and path: not the whole URL (issue 13, item 9).
    QCOMPARE(cases.at(0).testCase->name, QStringLiteral("GET %1/ok").arg(QUrl(base()).authority()));
}

void TestRwbRun::importCurlErrors_data()
{
    QTest::addColumn<QStringList>("args");  // after "import-curl"
    QTest::addColumn<QString>("named");
    const auto S = [](const char *s) {
        return QString::fromUtf8(s);
    };
    QTest::newRow("no command") << QStringList{} << S("curl");
    QTest::newRow("not curl") << QStringList{S("wget http://example.test/")} << S("wget");
    QTest::newRow("unterminated quote") << QStringList{S("curl 'http://example.test/")} << S("curl");
    QTest::newRow("unknown curl option")
        << QStringList{S("curl --frobnicate http://example.test/")} << S("--frobnicate");
    QTest::newRow("reads files") << QStringList{S("curl -d @body.txt http://example.test/")}
                                 << S("@body.txt");
    QTest::newRow("unquoted words") << QStringList{S("curl"), S("http://example.test/")}
                                    << S("http://example.test/");
    QTest::newRow("CRLF in the method")
        << QStringList{S("curl -X $'GET\\r\\nX-Injected: 1' http://example.test/y")} << S("not a token");
    QTest::newRow("folder without session")
        << QStringList{S("curl http://example.test/"), S("--folder"), S("F")} << S("--session");
}

void TestRwbRun::importCurlErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const QString file = writeShopSession();
    const QByteArray before = readFile(file);
    RUN_RWB(run, QStringList{QStringLiteral("import-curl")} + args);
    QVERIFY2(run.exitCode == 2 && run.out.isEmpty() && isOneLineError(run), qPrintable(describe(run)));
    QVERIFY2(QString::fromUtf8(run.err).contains(named),
             qPrintable(named + QStringLiteral(": ") + describe(run)));
    // Into a session file: the same error, and the file as it was.
    if (args.size() == 1) {
        RUN_RWB(into, QStringList{QStringLiteral("import-curl")} + args
                          + QStringList{QStringLiteral("--session"), file});
        QVERIFY2(into.exitCode == 2 && into.out.isEmpty() && isOneLineError(into),
                 qPrintable(describe(into)));
        QCOMPARE(readFile(file), before);
        QVERIFY(!QFile::exists(file + QStringLiteral(".bak")));
    }
}

// Issue 16: every file and stdin input has a ceiling, named in the error; a device or a pipe is never read
// (it would fill memory or block for ever).
void TestRwbRun::inputsAreBounded()
{
    const auto S = [](const char *s) {
        return QString::fromUtf8(s);
    };
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fifo = dir.filePath(QStringLiteral("pipe"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    struct Case {
        QStringList args;
        QString standardInput;
        QString named;
    };
    const QList<Case> cases = {
        {{S("export"), S("/dev/zero"), S("--format"), S("json")}, {}, S("/dev/zero: not a regular file")},
        {{S("export"), fifo, S("--format"), S("json")}, {}, fifo + S(": not a regular file")},
        {{S("export"), S("-"), S("--format"), S("csv")},
         S("/dev/zero"),
         S("standard input: more than 64 MiB (the most a trace may have)")},
        {{S("import-curl"), S("-")},
         S("/dev/zero"),
         S("standard input: more than 1 MiB (the most a curl command may have)")},
        {{S("trace"), S("-d"), S("@/dev/zero"), S("http://127.0.0.1:9/")},
         {},
         S("/dev/zero: not a regular file")},
        {{S("trace"), S("--data-binary"), S("@") + fifo, S("http://127.0.0.1:9/")},
         {},
         S("not a regular file")},
    };
    for (const Case &c : cases) {
        const Run run = runRwb(c.args, 20000, c.standardInput);
        QVERIFY2(run.finished, qPrintable(c.args.join(QLatin1Char(' '))));
        QVERIFY2(run.exitCode == 2 && run.out.isEmpty() && isOneLineError(run),
                 qPrintable(c.args.join(QLatin1Char(' ')) + QStringLiteral(": ") + describe(run)));
        QVERIFY2(QString::fromUtf8(run.err).contains(c.named),
                 qPrintable(c.named + QStringLiteral(": ") + describe(run)));
    }
}

// Issue 14: a session case that holds a bulk check. Its lines come inline, from a file beside the session
// file, or from a URL with a {{variable}}; each line is a JUnit testcase; the case passes when every line
// does; an input that cannot be read makes the case an error, not a crash or a pass.
void TestRwbRun::bulkCheckCases()
{
    QFile map(path(QStringLiteral("maps/migration.csv")));
    QVERIFY(QDir().mkpath(path(QStringLiteral("maps"))));
    QVERIFY(map.open(QIODevice::WriteOnly));
    map.write(
        QStringLiteral("from,to,status,hops\n%1/redirect/1,%1/ok,302,1\n%1/redirect/2,%1/ok,302,1\n%1/a,,,\n")
            .arg(base())
            .toUtf8());
    map.close();
    Reply list;
    list.body = QStringLiteral("%1/ok\n%1/form\n").arg(base()).toUtf8();
    m_server.on("/list.txt", list);
    const QString session = QStringLiteral(R"({
    "format": "redirect-workbench-session", "version": 3, "name": "Bulk",
    "variables": { "base": "%1" },
    "items": [
        { "case": "inline", "request": { "method": "GET", "url": "" }, "options": { "profile": "curl" }, "expectations": [],
          "bulk": { "lines": "{{base}}/ok\n{{base}}/redirect/1\n", "maxHops": 1 } },
        { "folder": "Maps", "items": [
            { "case": "migration", "request": { "method": "GET", "url": "" }, "expectations": [],
              "bulk": { "input": "maps/migration.csv", "parallel": 2 } } ] },
        { "case": "from a URL", "request": { "method": "GET", "url": "" }, "expectations": [],
          "bulk": { "input": "{{base}}/list.txt", "inputFormat": "list" } },
        { "case": "missing file", "request": { "method": "GET", "url": "" }, "expectations": [],
          "bulk": { "input": "maps/gone.csv" } },
        { "case": "plain", "request": { "method": "GET", "url": "{{base}}/ok" }, "expectations": [] }
    ]
})")
                                .arg(base());
    const QString file = path(QStringLiteral("bulk.rwbsession"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(session.toUtf8());
    f.close();
    const QString junit = path(QStringLiteral("junit.xml"));
    RUN_RWB(run,
            {QStringLiteral("run"), file, QStringLiteral("--junit"), junit, QStringLiteral("--no-color")});
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    const QStringList out = lines(run.out);
    // In the session's order, each bulk case with its counts, and its failing lines under it.
    QVERIFY2(out.indexOf(QRegularExpression(
                 QStringLiteral("^PASS inline  \\(bulk check: 2 lines, 2 passed, 0 failed, [0-9.]+ s\\)$")))
                 == 0,
             run.out.constData());
    const qsizetype migration = out.indexOf(QRegularExpression(
        QStringLiteral("^FAIL Maps/migration  \\(bulk check: 3 lines, 1 passed, 2 failed, [0-9.]+ s\\)$")));
    QVERIFY2(migration == 1, run.out.constData());
    QVERIFY2(out.at(2).startsWith(QStringLiteral("    line 3 %1/redirect/2: [too-many-hops]").arg(base())),
             qPrintable(out.at(2)));
    QVERIFY2(out.at(3).startsWith(QStringLiteral("    line 4 %1/a: [loop]").arg(base())),
             qPrintable(out.at(3)));
    QVERIFY2(out.at(4).startsWith(QStringLiteral("PASS from a URL  (bulk check: 2 lines, 2 passed")),
             qPrintable(out.at(4)));
    QCOMPARE(out.at(5), QStringLiteral("FAIL missing file  (bulk check, not run)"));
    QVERIFY2(out.at(6).contains(QLatin1String("maps/gone.csv")), qPrintable(out.at(6)));
    QVERIFY(out.at(7).startsWith(QStringLiteral("PASS plain  (")));
    QCOMPARE(out.constLast(), QStringLiteral("3 passed, 2 failed"));

    // JUnit: a testcase per line (2 + 3 + 2), one error for the case that did not run, one for the plain
    // case.
    const Run lint =
        RwbTest::runProcess(QStringLiteral("xmllint"), {QStringLiteral("--noout"), QStringLiteral("--schema"),
                                                        QStringLiteral(RWB_JUNIT_XSD), junit});
    QVERIFY2(lint.finished && lint.exitCode == 0, qPrintable(QString::fromUtf8(lint.err)));
    const JUnitReport report = readJUnit(readFile(junit));
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QCOMPARE(report.cases.size(), 9);
    QCOMPARE(report.suite.value(QStringLiteral("failures")), QStringLiteral("2"));
    QCOMPARE(report.suite.value(QStringLiteral("errors")), QStringLiteral("1"));
    QStringList migrationCases;
    for (const JUnitCase &c : report.cases) {
        if (c.classname == QLatin1String("Maps.migration"))
            migrationCases << c.name;
    }
    migrationCases.sort();
    QCOMPARE(migrationCases, (QStringList{QStringLiteral("line 2: %1/redirect/1").arg(base()),
                                          QStringLiteral("line 3: %1/redirect/2").arg(base()),
                                          QStringLiteral("line 4: %1/a").arg(base())}));
    for (const JUnitCase &c : report.cases) {
        if (c.name == QStringLiteral("line 4: %1/a").arg(base()))
            QCOMPARE(c.failureType, QStringLiteral("loop"));
    }

    // A wrong member is an error naming it.
    const QString badFile = path(QStringLiteral("bad.rwbsession"));
    QVERIFY(
        writeFile(badFile, QString(session)
                               .replace(QStringLiteral("\"parallel\": 2"), QStringLiteral("\"parallel\": 0"))
                               .toUtf8()));
    RUN_RWB(bad, {QStringLiteral("run"), badFile});
    QVERIFY2(bad.exitCode == 2 && bad.err.contains("items[1].items[0].bulk.parallel"),
             qPrintable(describe(bad)));
}

QTEST_GUILESS_MAIN(TestRwbRun)
#include "tst_rwb_run.moc"
