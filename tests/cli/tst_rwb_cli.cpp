// Tests of the `rwb` command line run as a process, against the in-process ScriptedServer: exit codes,
// usage errors, the trace JSON of shared/design/cli-and-trace-format.md, text output and -o.
#include "support/h2server.h"
#include "support/processrun.h"
#include "support/scriptedserver.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/stat.h>

using namespace Rwb::Test;

namespace {

using Run = RwbTest::ProcessRun;

Run runRwb(const QStringList &args, int timeoutMs = 30000)
{
    return RwbTest::runProcess(QStringLiteral(RWB_EXE), args, timeoutMs);
}

QString describe(const Run &r)
{
    return r.describe();
}

QJsonArray headerPairs(const HeaderList &headers)
{
    QJsonArray out;
    for (const auto &h : headers)
        out.append(QJsonArray{QString::fromLatin1(h.first), QString::fromLatin1(h.second)});
    return out;
}

bool isNumber(const QJsonValue &v)
{
    return v.type() == QJsonValue::Double;
}

// The value at a dotted path of a JSON document: at(trace, "hops.0.request.url").
QJsonValue at(const QJsonValue &root, const QString &path)
{
    QJsonValue v = root;
    for (const QString &key : path.split(QLatin1Char('.'))) {
        bool index = false;
        const int i = key.toInt(&index);
        v = !index                   ? v.toObject().value(key)
            : i < v.toArray().size() ? v.toArray().at(i)
                                     : QJsonValue(QJsonValue::Undefined);
    }
    return v;
}

QJsonValue at(const QJsonValue &root, const char *path)
{
    return at(root, QString::fromLatin1(path));
}

}  // namespace

#define RUN_RWB(run, ...)                                                                                    \
    const Run run = runRwb(__VA_ARGS__);                                                                     \
    QVERIFY2(run.finished, qPrintable(QStringLiteral("rwb did not finish: ") + describe(run)))

class TestRwbCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exitStatus_data();
    void exitStatus();
    void usageErrors_data();
    void usageErrors();
    void helpAndVersion_data();
    void helpAndVersion();
    void jsonTrace();
    void jsonTraceNoResponse();
    void jsonSyntheticHstsHop();
    void textReport();
    void textReportEscapesServerBytes_data();
    void textReportEscapesServerBytes();
    void textReportEscapesBidiControls();
    void outputFile_data();
    void outputFile();
    void outputToNonRegularFileKeepsIt();
    void bodyFromFile_data();
    void bodyFromFile();
    void contextFlagsReachTheWire();
    void refreshHopsInTheTextReport();
    void tlsFailureSaysWhatFailed();
    void tlsLineOnlyWhenThereIsSomethingToSay();
    void invalidUrlMessages_data();
    void invalidUrlMessages();
    void commandHelp_data();
    void commandHelp();
    void verboseShowsTheExchange();
    void verboseEscapesControlCharacters();
    void resolveAndConnectToAsCurl();
    void caCertTrustsTheServer();
    void proxyOptions();
    void http2Options();
    void writeOutAsCurl();
    void unusableTlsFileExits2_data();
    void unusableTlsFileExits2();

private:
    QString base() const { return m_server.url(QStringLiteral("/")).toString().chopped(1); }
    // "trace --format json {base}/ok" as arguments; {base} is the server, {closed} a closed port.
    QStringList cmd(const char *line) const
    {
        return expand(QString::fromUtf8(line).split(QLatin1Char(' '), Qt::SkipEmptyParts));
    }
    QStringList expand(const QStringList &args) const
    {
        QStringList out;
        for (QString a : args)
            out << a.replace(QLatin1String("{base}"), base())
                       .replace(QLatin1String("{closed}"), m_closedBase);
        return out;
    }

    ScriptedServer m_server;
    QString m_closedBase;  // http://127.0.0.1:PORT with nothing listening on PORT
};

void TestRwbCli::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(RWB_EXE)), RWB_EXE);
    QVERIFY2(m_server.listen(), qPrintable(m_server.errorString()));
    Reply ok;
    ok.addHeader("Content-Type", "text/plain");
    ok.body = "hello";
    m_server.on("/ok", ok);
    // Unscripted paths such as /missing get ScriptedServer's 404.
    m_server.on("/a", ScriptedServer::redirect(302, "/b"));
    m_server.on("/b", ScriptedServer::redirect(302, "/a"));
    for (int n = 1; n <= 5; ++n) {
        m_server.on("/redirect/" + QByteArray::number(n),
                    ScriptedServer::redirect(302, n == 1 ? QByteArray("/ok")
                                                         : "/redirect/" + QByteArray::number(n - 1)));
    }
    m_server.on("/file", ScriptedServer::redirect(302, "file:///etc/passwd"));
    m_server.on("/form", ScriptedServer::redirect(302, "/thanks").addHeader("Set-Cookie", "a=1"));
    m_server.on("/thanks", &ScriptedServer::echo);
    m_server.on("/echo", &ScriptedServer::echo);
    Reply refresh = ok;
    refresh.addHeader("Refresh", "2; url=/ok");
    m_server.on("/refresh", refresh);
    // A hostile server: terminal escape sequences in the reason phrase and the Location.
    Reply ansi = ScriptedServer::redirect(302, "/ok?\x1b]0;owned\x07\x1b[2J");
    ansi.reason = "Fo\x1b[31mund";
    m_server.on("/ansi", ansi);
    // Bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE) reorder text.
    Reply bidi = ScriptedServer::redirect(302, "/ok?f=\xE2\x80\xAEtxt.exe\xE2\x81\xA6");
    m_server.on("/bidi", bidi);
    Reply slow = ok;
    slow.delayMs = 5000;
    m_server.on("/slow", slow);
    // Control characters in response header values (rwb trace -v prints them).
    Reply evil = ScriptedServer::redirect(302, "/ok");
    evil.addHeader("X-Evil", "a\x1b]0;owned\x07\x1b[2Jb");
    m_server.on("/evil-header", evil);

    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    m_closedBase = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
    closed.close();
}

// Rows give the arguments as one string split at spaces; {base} is the server, {closed} a closed port.
void TestRwbCli::exitStatus_data()
{
    QTest::addColumn<QString>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("hops");
    const auto row = [](const char *name, const char *args, int exitCode, const char *kind, int hops) {
        QTest::newRow(name) << QString::fromUtf8(args) << exitCode << QString::fromUtf8(kind) << hops;
    };
    row("final 200", "trace {base}/ok", 0, "final", 1);
    row("final 404", "trace {base}/missing", 0, "final", 1);
    row("final after redirects", "trace {base}/redirect/5", 0, "final", 6);
    row("loop a-b-a", "trace {base}/a", 1, "loop", 2);
    row("loop without detection", "trace --no-loop-detect --max-redirects 3 {base}/a", 1,
        "too-many-redirects", 4);
    row("too many redirects", "trace --max-redirects 2 {base}/redirect/5", 1, "too-many-redirects", 3);
    row("limit just enough", "trace --max-redirects 5 {base}/redirect/5", 0, "final", 6);
    row("blocked scheme", "trace {base}/file", 1, "blocked-scheme", 1);
    row("blocked scheme curl", "trace --profile curl {base}/file", 1, "blocked-scheme", 1);
    row("blocked scheme first URL", "trace file:///etc/passwd", 1, "blocked-scheme", 0);
    row("connection refused", "trace {closed}/", 1, "network-error", 1);
    row("timeout", "trace --timeout 0.5 {base}/slow", 1, "timeout", 1);
    // Below a millisecond is still a timeout, not "no timeout at all".
    row("tiny timeout", "trace --timeout 0.0001 {base}/slow", 1, "timeout", 1);
    // A browser refuses GET with a body before sending (one hop, not sent); curl sends it.
    row("browser GET with a body", "trace -X GET -d a=1 {base}/echo", 1, "network-error", 1);
    row("curl GET with a body", "trace --profile curl -X GET -d a=1 {base}/echo", 0, "final", 1);
}

void TestRwbCli::exitStatus()
{
    QFETCH(QString, args);
    QFETCH(int, exitCode);
    QFETCH(QString, kind);
    QFETCH(int, hops);
    const QStringList expanded = cmd(args.toUtf8().constData());
    {
        // Text output: the exit status alone tells a script what happened.
        RUN_RWB(text, expanded);
        QVERIFY2(text.exitCode == exitCode, qPrintable(describe(text)));
        QVERIFY2(text.err.isEmpty(), qPrintable(describe(text)));
        QVERIFY(text.out.contains(kind.toUtf8()));
    }
    RUN_RWB(json, expanded + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(json.exitCode == exitCode, qPrintable(describe(json)));
    QVERIFY2(json.err.isEmpty(), qPrintable(describe(json)));
    const QJsonValue trace = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(at(trace, "outcome.kind").toString(), kind);
    QCOMPARE(at(trace, "hops").toArray().size(), hops);
}

void TestRwbCli::usageErrors_data()
{
    QTest::addColumn<QString>("args");
    QTest::addColumn<QString>("named");  // what the one stderr line must name
    const auto row = [](const char *name, const char *args, const char *named) {
        QTest::newRow(name) << QString::fromUtf8(args) << QString::fromUtf8(named);
    };
    row("no command", "", "command");
    row("unknown command", "follow {base}/ok", "follow");
    row("no URL", "trace", "URL");
    row("two URLs", "trace {base}/ok {base}/ok", "{base}/ok");
    row("unparsable URL", "trace http://[::1", "http://[::1");
    row("unknown profile", "trace --profile firefox {base}/ok", "firefox");
    row("missing @FILE", "trace --data-binary @/nonexistent/rwb-body.bin {base}/ok",
        "/nonexistent/rwb-body.bin");
    row("missing -d @FILE", "trace -d @/nonexistent/form.txt {base}/ok", "/nonexistent/form.txt");
    row("unknown flag", "trace --frobnicate {base}/ok", "frobnicate");
    row("max-redirects not a number", "trace --max-redirects many {base}/ok", "many");
    row("max-redirects negative", "trace --max-redirects=-1 {base}/ok", "max-redirects");
    row("max-redirects missing value", "trace {base}/ok --max-redirects", "max-redirects");
    row("bad format", "trace --format xml {base}/ok", "xml");
    row("bad timeout", "trace --timeout 0 {base}/ok", "timeout");
    row("timeout not a number", "trace --timeout nan {base}/ok", "nan");
    row("header without colon", "trace -H NoColonHere {base}/ok", "NoColonHere");
    row("bad method", "trace -X G(E)T {base}/ok", "G(E)T");
    // Issue 16: a CR/LF in a header would put another header line on the wire than the trace records.
    row("header value with CRLF", "trace -H X-A:a\r\nX-Injected:1 {base}/ok", "a\\r\\nX-Injected:1");
    row("header value with LF", "trace -H X-A:a\nX-Injected:1 {base}/ok", "line break");
    row("cookies and no-cookies", "trace --cookies --no-cookies {base}/ok", "--no-cookies");
    // The request context and the browser's headers.
    row("unknown mode", "trace --mode cors {base}/ok", "cors");
    row("fetch without a page", "trace --mode fetch {base}/ok", "--from");
    row("unknown credentials", "trace --mode fetch --from {base}/p --credentials all {base}/ok", "all");
    row("unknown referrer policy", "trace --referrer-policy strict {base}/ok", "strict");
    row("page not a URL", "trace --from http://[::1 {base}/ok", "http://[::1");
    row("preset cookie without a value", "trace --preset-cookie {base}/ {base}/ok", "--preset-cookie");
    row("user agent with newline", "trace -A Bot/1\nX-Injected:1 {base}/ok", "--user-agent");
    row("accept-language with newline", "trace --accept-language de\nX:1 {base}/ok", "--accept-language");
    row("cookie file", "trace -b cookies.txt {base}/ok", "cookies.txt");
    row("refresh limit not a number", "trace --refresh-limit soon {base}/ok", "soon");
    row("refresh limit negative", "trace --refresh-limit=-5 {base}/ok", "--refresh-limit");
    // Control characters in arguments are shown escaped: still one line.
    row("header with newline", "trace -H No\nColon {base}/ok", "No\\nColon");
    row("profile with newline", "trace --profile fire\nfox {base}/ok", "fire\\nfox");
    row("flag with newline", "trace --frob\nnicate {base}/ok", "frob\\nnicate");
    row("URL with newline", "trace http://a\nb/", "http://a\\nb/");
    row("command with escape", "tra\x1b[2Jce", "tra\\x1b[2Jce");
}

void TestRwbCli::usageErrors()
{
    QFETCH(QString, args);
    QFETCH(QString, named);
    const int before = m_server.requestCount();
    RUN_RWB(run, cmd(args.toUtf8().constData()));
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(run.out.isEmpty(), qPrintable(describe(run)));
    QVERIFY2(run.err.endsWith('\n') && run.err.count('\n') == 1 && !run.err.contains('\x1b'),
             qPrintable(QStringLiteral("not exactly one line on stderr: ") + describe(run)));
    QVERIFY2(QString::fromUtf8(run.err).contains(expand({named}).constFirst()),
             qPrintable(QStringLiteral("stderr does not name '%1': ").arg(named) + describe(run)));
    QVERIFY2(run.err.startsWith("rwb: "), qPrintable(describe(run)));
    QCOMPARE(m_server.requestCount(), before);  // nothing was sent
}

void TestRwbCli::helpAndVersion_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    for (const char *flag : {"--help", "-h"})
        QTest::newRow(flag) << QStringList{QString::fromLatin1(flag)} << QStringLiteral("Usage: rwb");
    for (const char *flag : {"--version", "-v"})
        QTest::newRow(flag) << QStringList{QString::fromLatin1(flag)}
                            << QStringLiteral("rwb " RWB_VERSION "\n");
    QTest::newRow("trace --help") << QStringList{QStringLiteral("trace"), QStringLiteral("--help")}
                                  << QStringLiteral("--max-redirects");
}

void TestRwbCli::helpAndVersion()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    RUN_RWB(run, args);
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(QString::fromUtf8(run.out).contains(expected), qPrintable(describe(run)));
    QVERIFY2(run.err.isEmpty(), qPrintable(describe(run)));
}

void TestRwbCli::jsonTrace()
{
    m_server.clearRequests();
    RUN_RWB(run, cmd("trace --format json -H X-First:1 -H X-Second:two -d q=1 {base}/form"));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QJsonParseError error;
    const QJsonValue trace = QJsonDocument::fromJson(run.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));

    QCOMPARE(at(trace, "format").toString(), QStringLiteral("redirect-workbench-trace"));
    QCOMPARE(at(trace, "version"), QJsonValue(1));
    QCOMPARE(at(trace, "profile").toString(), QStringLiteral("browser"));
    static const QRegularExpression iso(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
    QVERIFY2(iso.match(at(trace, "startedAt").toString()).hasMatch(),
             qPrintable(at(trace, "startedAt").toString()));

    QCOMPARE(at(trace, "hops").toArray().size(), 2);
    const QList<ReceivedRequest> received = m_server.requests();
    QCOMPARE(received.size(), 2);
    const QStringList methods{QStringLiteral("POST"), QStringLiteral("GET")};
    const QStringList paths{QStringLiteral("/form"), QStringLiteral("/thanks")};
    const QStringList reasons{QStringLiteral("Found"), QStringLiteral("OK")};
    const QList<int> statuses{302, 200}, bodySizes{3, 0};
    double previousEnd = 0;
    for (int i = 0; i < 2; ++i) {
        const QJsonValue hop = at(trace, QStringLiteral("hops.%1").arg(i));
        QCOMPARE(at(hop, "index"), QJsonValue(i));
        QCOMPARE(at(hop, "synthetic"), QJsonValue(false));
        QCOMPARE(at(hop, "request.method").toString(), methods.at(i));
        QCOMPARE(at(hop, "request.url").toString(), base() + paths.at(i));
        QCOMPARE(at(hop, "request.bodySize"), QJsonValue(bodySizes.at(i)));
        // The headers that went on the wire, in order, as [name, value] pairs.
        QCOMPARE(at(hop, "request.headers").toArray(), headerPairs(received.at(i).headers));
        QCOMPARE(QString::fromLatin1(received.at(i).method), methods.at(i));

        QCOMPARE(at(hop, "response.status"), QJsonValue(statuses.at(i)));
        QCOMPARE(at(hop, "response.reason").toString(), reasons.at(i));
        QCOMPARE(at(hop, "response.httpVersion").toString(), QStringLiteral("1.1"));
        QVERIFY(isNumber(at(hop, "response.bodySize")));
        const QJsonArray respHeaders = at(hop, "response.headers").toArray();
        QVERIFY(!respHeaders.isEmpty());
        for (const QJsonValue &h : respHeaders)
            QVERIFY(h.toArray().size() == 2 && h.toArray().at(0).isString() && h.toArray().at(1).isString());
        if (i == 0) {
            QVERIFY(respHeaders.contains(QJsonArray{QStringLiteral("Location"), QStringLiteral("/thanks")}));
            QVERIFY(respHeaders.contains(QJsonArray{QStringLiteral("Set-Cookie"), QStringLiteral("a=1")}));
            QCOMPARE(at(hop, "response.location").toString(), base() + QStringLiteral("/thanks"));
            QCOMPARE(at(hop, "response.bodySize"), QJsonValue(0));
        } else {
            QVERIFY(at(hop, "response.location").isUndefined());
            // The echo's body: its size as received, and the echo names the request it answered.
            const QByteArray preview = at(hop, "response.bodyPreview").toString().toUtf8();
            QCOMPARE(at(hop, "response.bodySize"), QJsonValue(preview.size()));
            QCOMPARE(at(QJsonDocument::fromJson(preview).object(), "method").toString(),
                     QStringLiteral("GET"));
        }

        for (const char *key : {"timing.startMs", "timing.responseMs", "timing.endMs"})
            QVERIFY2(isNumber(at(hop, key)), key);
        const double start = at(hop, "timing.startMs").toDouble(),
                     response = at(hop, "timing.responseMs").toDouble();
        const double end = at(hop, "timing.endMs").toDouble();
        QVERIFY2(
            previousEnd <= start && start <= response && response <= end,
            qPrintable(QStringLiteral("%1 %2 %3 %4").arg(previousEnd).arg(start).arg(response).arg(end)));
        previousEnd = end;

        QStringList codes;
        for (const QJsonValue &n : at(hop, "notes").toArray()) {
            QVERIFY(at(n, "code").isString() && !at(n, "message").toString().isEmpty());
            codes << at(n, "code").toString();
        }
        const QStringList expected =
            i == 0 ? QStringList{QStringLiteral("method-changed"), QStringLiteral("cookie-stored")}
                   : QStringList{QStringLiteral("cookie-sent")};
        for (const QString &code : expected)
            QVERIFY2(codes.contains(code), qPrintable(codes.join(u',')));
    }
    // -H order kept on the wire; the cookie from the redirect went back.
    QList<QByteArray> names;
    for (const auto &h : received.at(0).headers)
        names << h.first;
    QVERIFY(names.indexOf("X-First") >= 0 && names.indexOf("X-Second") > names.indexOf("X-First"));
    QCOMPARE(received.at(0).header("X-Second"), QByteArrayLiteral("two"));
    QCOMPARE(received.at(1).header("Cookie"), QByteArrayLiteral("a=1"));

    QCOMPARE(at(trace, "outcome.kind").toString(), QStringLiteral("final"));
    QVERIFY(!at(trace, "outcome.message").toString().isEmpty());
    QCOMPARE(at(trace, "outcome.finalUrl").toString(), base() + QStringLiteral("/thanks"));
    QCOMPARE(at(trace, "outcome.finalStatus"), QJsonValue(200));
}

void TestRwbCli::jsonTraceNoResponse()
{
    RUN_RWB(run, cmd("trace --format json {closed}/x"));
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    const QJsonValue trace = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(at(trace, "hops").toArray().size(), 1);
    QVERIFY(at(trace, "hops.0.response").isNull());  // present, null
    QCOMPARE(at(trace, "hops.0.error.code").toString(), QStringLiteral("connection-refused"));
    QVERIFY(!at(trace, "hops.0.error.message").toString().isEmpty());
    QCOMPARE(at(trace, "outcome.kind").toString(), QStringLiteral("network-error"));
    QCOMPARE(at(trace, "outcome.finalUrl").toString(), m_closedBase + QStringLiteral("/x"));
}

void TestRwbCli::jsonSyntheticHstsHop()
{
    ScriptedServer tls;
    QVERIFY2(tls.listen(ScriptedServer::Mode::Tls), qPrintable(tls.errorString()));
    tls.on("/ok", [](const ReceivedRequest &) { return Reply(); });
    const QString http = QStringLiteral("http://127.0.0.1:%1/ok").arg(tls.port());
    const QString https = QStringLiteral("https://127.0.0.1:%1/ok").arg(tls.port());
    RUN_RWB(run, cmd("trace --format json --insecure --hsts 127.0.0.1") << http);
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonValue trace = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(at(trace, "hops").toArray().size(), 2);
    QCOMPARE(at(trace, "hops.0.synthetic"), QJsonValue(true));
    QCOMPARE(at(trace, "hops.0.request.url").toString(), http);
    QCOMPARE(at(trace, "hops.0.response.status"), QJsonValue(307));
    QCOMPARE(at(trace, "hops.0.response.reason").toString(), QStringLiteral("Internal Redirect"));
    QVERIFY(at(trace, "hops.0.response.headers")
                .toArray()
                .contains(QJsonArray{QStringLiteral("Non-Authoritative-Reason"), QStringLiteral("HSTS")}));
    QCOMPARE(at(trace, "hops.0.response.location").toString(), https);
    QCOMPARE(at(trace, "hops.1.synthetic"), QJsonValue(false));
    QCOMPARE(at(trace, "hops.1.request.url").toString(), https);
    QCOMPARE(at(trace, "hops.1.response.status"), QJsonValue(200));
    QCOMPARE(tls.requestCount(), 1);  // the synthetic hop sent nothing
    QCOMPARE(at(trace, "outcome.finalUrl").toString(), https);
}

void TestRwbCli::textReport()
{
    RUN_RWB(run, cmd("trace {base}/redirect/2"));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(!run.out.contains('\x1b'), "ANSI escape in output to a pipe");
    // One block per hop: "#N  METHOD URL", then the status line and the Location.
    const QStringList blocks = out.split(QLatin1String("\n\n"), Qt::SkipEmptyParts);
    QStringList hopBlocks;
    for (const QString &b : blocks) {
        if (b.startsWith(QLatin1Char('#')))
            hopBlocks << b;
    }
    QCOMPARE(hopBlocks.size(), 3);
    const QStringList paths{QStringLiteral("/redirect/2"), QStringLiteral("/redirect/1"),
                            QStringLiteral("/ok")};
    for (int i = 0; i < 3; ++i) {
        const QString &b = hopBlocks.at(i);
        QVERIFY2(b.startsWith(QStringLiteral("#%1  GET %2%3\n").arg(i).arg(base(), paths.at(i))),
                 qPrintable(b));
        QVERIFY2(b.contains(i < 2 ? QLatin1String("\n    302 Found  ") : QLatin1String("\n    200 OK  ")),
                 qPrintable(b));
        QVERIFY2(i < 2 ? b.contains(QStringLiteral("\n    Location: %1").arg(paths.at(i + 1)))
                       : !b.contains(QLatin1String("Location")),
                 qPrintable(b));
    }
    QVERIFY2(blocks.constLast().contains(QLatin1String("final")), qPrintable(blocks.constLast()));
}

void TestRwbCli::textReportEscapesServerBytes_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("browser") << QStringLiteral("browser") << 0;  // percent-encodes the controls (WHATWG)
    QTest::newRow("curl") << QStringLiteral("curl") << 1;        // invalid-location, quoting the raw Location
    QTest::newRow("strict") << QStringLiteral("strict") << 1;    // not a URI-reference: invalid-location
}

void TestRwbCli::textReportEscapesServerBytes()
{
    QFETCH(QString, profile);
    QFETCH(int, exitCode);
    RUN_RWB(run, cmd("trace --profile") << profile << cmd("{base}/ansi"));
    QVERIFY2(run.exitCode == exitCode, qPrintable(describe(run)));
    QVERIFY2(run.out.contains("Location: /ok?"), run.out.constData());
    for (char c : {'\x1b', '\x07'}) {
        QVERIFY2(!run.out.contains(c),
                 qPrintable(QString::fromLatin1(run.out.toPercentEncoding(" \n/:#?;.()[]'\"\\"))));
    }
    QVERIFY2(run.out.contains("Fo\\x1b[31mund"), run.out.constData());  // shown, escaped
}

// Issue 16: bidirectional controls from the server are shown as escapes, not applied to the terminal line.
void TestRwbCli::textReportEscapesBidiControls()
{
    RUN_RWB(run, cmd("trace --profile curl {base}/bidi"));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(!run.out.contains("\xE2\x80\xAE") && !run.out.contains("\xE2\x81\xA6"), run.out.constData());
    QVERIFY2(run.out.contains("Location: /ok?f=\\u202etxt.exe\\u2066"), run.out.constData());
}

void TestRwbCli::outputFile_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("json") << QStringLiteral("json") << QByteArrayLiteral("\"redirect-workbench-trace\"");
    QTest::newRow("text") << QStringLiteral("text") << QByteArrayLiteral("#0  GET ");
}

void TestRwbCli::outputFile()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("trace.out"));
    RUN_RWB(run, cmd("trace --format") << format << QStringLiteral("-o") << path << cmd("{base}/redirect/1"));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.isEmpty(), qPrintable(describe(run)));
    QVERIFY2(run.err.isEmpty(), qPrintable(describe(run)));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY2(written.contains(expected), written.constData());
    QVERIFY(!written.contains('\x1b'));
    if (format == QLatin1String("json"))
        QCOMPARE(at(QJsonDocument::fromJson(written).object(), "hops").toArray().size(), 2);
    // An unwritable -o is a usage problem, named on one stderr line.
    RUN_RWB(bad, cmd("trace -o") << dir.filePath(QStringLiteral("no/such/dir/t")) << cmd("{base}/ok"));
    QVERIFY2(bad.exitCode == 2, qPrintable(describe(bad)));
    QVERIFY2(bad.err.count('\n') == 1 && bad.err.contains("no/such/dir/t"), qPrintable(describe(bad)));
}

// `-o /dev/null` must not replace the device with a regular file (QSaveFile renames over its target).
// Checked on a FIFO of our own: a regression here is harmless to the machine.
void TestRwbCli::outputToNonRegularFileKeepsIt()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fifo = dir.filePath(QStringLiteral("pipe"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QProcess reader;
    reader.start(QStringLiteral("cat"), {fifo});
    QVERIFY(reader.waitForStarted());
    RUN_RWB(run, cmd("trace --format json -o") << fifo << cmd("{base}/redirect/1"));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(reader.state() == QProcess::NotRunning || reader.waitForFinished(10000));
    QVERIFY(reader.readAllStandardOutput().contains("\"redirect-workbench-trace\""));
    struct stat st {
    };
    QCOMPARE(::stat(QFile::encodeName(fifo).constData(), &st), 0);
    QVERIFY(S_ISFIFO(st.st_mode));
}

void TestRwbCli::bodyFromFile_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("--data-binary") << QStringLiteral("--data-binary") << QByteArrayLiteral("a=1\r\nb=2\n\x01")
                                   << QByteArrayLiteral("application/octet-stream");
    // curl -d @file strips carriage returns and newlines.
    QTest::newRow("-d") << QStringLiteral("-d") << QByteArrayLiteral("a=1b=2\x01")
                        << QByteArrayLiteral("application/x-www-form-urlencoded");
}

void TestRwbCli::bodyFromFile()
{
    QFETCH(QString, flag);
    QFETCH(QByteArray, sent);
    QFETCH(QByteArray, contentType);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("body.bin"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArrayLiteral("a=1\r\nb=2\n\x01"));
    file.close();
    m_server.clearRequests();
    RUN_RWB(run, cmd("trace") << flag << QLatin1Char('@') + path << cmd("{base}/echo"));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(m_server.requestCount(), 1);
    const ReceivedRequest req = m_server.requests().constFirst();
    QCOMPARE(req.method, QByteArrayLiteral("POST"));
    QCOMPARE(req.body, sent);
    QCOMPARE(req.header("Content-Type"), contentType);
}

// --from, -A and --accept-language as the server sees them, and the context in the trace JSON.
// A refresh hop is marked in the text report; --refresh-limit decides whether it is followed.
void TestRwbCli::refreshHopsInTheTextReport()
{
    RUN_RWB(run, cmd("trace {base}/refresh"));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QStringLiteral("#1  GET %1/ok  (refresh after 2 s)\n").arg(base()).toUtf8()),
             qPrintable(describe(run)));
    QVERIFY2(run.out.contains("1 refresh"), qPrintable(describe(run)));
    RUN_RWB(limited, cmd("trace --refresh-limit 1999 --format json {base}/refresh"));
    QVERIFY2(limited.exitCode == 0, qPrintable(describe(limited)));
    const QJsonObject trace = QJsonDocument::fromJson(limited.out).object();
    const QJsonArray hops = trace.value(QLatin1String("hops")).toArray();
    QCOMPARE(hops.size(), 1);
    QVERIFY(QJsonDocument(hops.at(0).toObject()).toJson().contains("refresh-not-followed"));
    RUN_RWB(curl, cmd("trace --profile curl {base}/refresh"));
    QVERIFY2(curl.out.contains("curl does not follow Refresh") && !curl.out.contains("#1 "),
             qPrintable(describe(curl)));
}

void TestRwbCli::contextFlagsReachTheWire()
{
    const int before = m_server.requestCount();
    RUN_RWB(run,
            cmd("trace --format json --from {base}/page?x=1 -A firefox --accept-language de {base}/echo"));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(m_server.requestCount(), before + 1);
    const ReceivedRequest got = m_server.requests().constLast();
    QCOMPARE(got.header("Referer"), (base() + QStringLiteral("/page?x=1")).toUtf8());
    QCOMPARE(got.header("Sec-Fetch-Site"), QByteArray("same-origin"));
    QVERIFY2(got.header("User-Agent").contains("Firefox/"), got.header("User-Agent").constData());
    QVERIFY(!got.hasHeader("sec-ch-ua"));  // Firefox sends no client hints
    QCOMPARE(got.header("Accept-Language"), QByteArray("de"));
    const QJsonValue trace = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(at(trace, "context.from").toString(), base() + QStringLiteral("/page?x=1"));
    QCOMPARE(at(trace, "context.mode").toString(), QStringLiteral("navigate"));
}

// A failed TLS handshake says what failed, never an empty "TLS" line: the server's certificate is not
// trusted (the test certificate is self-signed for the client).
void TestRwbCli::tlsFailureSaysWhatFailed()
{
    ScriptedServer tls;
    QVERIFY2(tls.listen(ScriptedServer::Mode::Tls), qPrintable(tls.errorString()));
    const QString url = QStringLiteral("https://127.0.0.1:%1/ok").arg(tls.port());
    RUN_RWB(run, {QStringLiteral("trace"), url});
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    QVERIFY2(run.out.contains("tls-error"), qPrintable(describe(run)));
    static const QRegularExpression emptyTls(QStringLiteral("^\\s*TLS\\s*$"),
                                             QRegularExpression::MultilineOption);
    QVERIFY2(!emptyTls.match(QString::fromUtf8(run.out)).hasMatch(), qPrintable(describe(run)));
    // What failed, as Qt reported it, and whose certificate it was.
    static const QRegularExpression failed(QStringLiteral("^    TLS failed: .*self[- ]signed"),
                                           QRegularExpression::MultilineOption
                                               | QRegularExpression::CaseInsensitiveOption);
    QVERIFY2(failed.match(QString::fromUtf8(run.out)).hasMatch(), qPrintable(describe(run)));
    const QSslCertificate cert = ScriptedServer::certificate();
    QVERIFY(!cert.isNull());
    const QByteArray certificateLine = "    certificate: localhost, issued by localhost, expires "
                                       + cert.expiryDate().toUTC().toString(Qt::ISODate).toUtf8() + '\n';
    QVERIFY2(run.out.contains(certificateLine), qPrintable(describe(run)));
    QCOMPARE(tls.requestCount(), 0);

    // Accepted with --insecure: the handshake was done, the TLS line says which errors were accepted, and
    // -v names the certificate.
    RUN_RWB(insecure, {QStringLiteral("trace"), QStringLiteral("--insecure"), QStringLiteral("-v"), url});
    QVERIFY2(insecure.exitCode == 0, qPrintable(describe(insecure)));
    QVERIFY2(!insecure.out.contains("TLS failed")
                 && !emptyTls.match(QString::fromUtf8(insecure.out)).hasMatch(),
             qPrintable(describe(insecure)));
    static const QRegularExpression accepted(QStringLiteral("^    TLS .*errors accepted: .*self[- ]signed"),
                                             QRegularExpression::MultilineOption
                                                 | QRegularExpression::CaseInsensitiveOption);
    QVERIFY2(accepted.match(QString::fromUtf8(insecure.out)).hasMatch(), qPrintable(describe(insecure)));
    QVERIFY2(insecure.out.contains(certificateLine), qPrintable(describe(insecure)));
    QCOMPARE(tls.requestCount(), 1);
}

// --cacert with the server's own (self-signed CA) certificate: trusted without --insecure; -v names the
// ALPN protocol and the chain's dates; the trace JSON holds them.
void TestRwbCli::caCertTrustsTheServer()
{
    ScriptedServer tls;
    QVERIFY2(tls.listen(ScriptedServer::Mode::Tls), qPrintable(tls.errorString()));
    const QString url = QStringLiteral("https://localhost:%1/ok").arg(tls.port());
    const QString ca = QStringLiteral(RWB_TEST_CERT_DIR "/localhost.crt");
    RUN_RWB(run, {QStringLiteral("trace"), QStringLiteral("-v"), QStringLiteral("--cacert"), ca, url});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(!run.out.contains("errors accepted") && !run.out.contains("TLS failed"),
             qPrintable(describe(run)));
    QVERIFY2(run.out.contains(" ALPN http/1.1"), qPrintable(describe(run)));
    RUN_RWB(json, {QStringLiteral("trace"), QStringLiteral("--format"), QStringLiteral("json"),
                   QStringLiteral("--cacert"), ca, url});
    QVERIFY2(json.exitCode == 0, qPrintable(describe(json)));
    const QJsonObject hopTls =
        QJsonDocument::fromJson(json.out)[QLatin1String("hops")][0][QLatin1String("tls")].toObject();
    QCOMPARE(hopTls[QStringLiteral("alpn")].toString(), QStringLiteral("http/1.1"));
    QCOMPARE(hopTls[QStringLiteral("chain")][0][QStringLiteral("subject")].toString(),
             QStringLiteral("localhost"));
    QCOMPARE(hopTls[QStringLiteral("chain")][0][QStringLiteral("notAfter")].toString(),
             ScriptedServer::certificate().expiryDate().toUTC().toString(Qt::ISODate));
    QCOMPARE(tls.requestCount(), 2);
}

// -x: the chain goes through the proxy (here a server that answers absolute-form requests itself), -v
// names it, the trace JSON records it; --noproxy sends a host direct; a proxy that cannot be used exits 2.
void TestRwbCli::proxyOptions()
{
    ScriptedServer proxy;
    QVERIFY(proxy.listen());
    proxy.on("/a", ScriptedServer::redirect(302, "/b"));
    proxy.on("/b", Reply());
    const QString proxyUrl = QStringLiteral("http://rwb:pw@127.0.0.1:%1").arg(proxy.port());
    const QString name = QStringLiteral("http://rwb@127.0.0.1:%1").arg(proxy.port());
    RUN_RWB(run,
            {QStringLiteral("trace"), QStringLiteral("-v"), QStringLiteral("--profile"),
             QStringLiteral("curl"), QStringLiteral("-x"), proxyUrl, QStringLiteral("http://chain.test/a")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QByteArray("through the proxy " + name.toUtf8())), qPrintable(describe(run)));
    QVERIFY2(!run.out.contains(":pw@"), qPrintable(describe(run)));  // never the password
    QCOMPARE(proxy.requestCount(), 2);
    QCOMPARE(proxy.requests().at(1).target, QByteArray("http://chain.test/b"));
    RUN_RWB(json, {QStringLiteral("trace"), QStringLiteral("--format"), QStringLiteral("json"),
                   QStringLiteral("--proxy"), proxyUrl, QStringLiteral("http://chain.test/a")});
    QVERIFY2(json.exitCode == 0, qPrintable(describe(json)));
    QCOMPARE(QJsonDocument::fromJson(json.out)[QLatin1String("hops")][0][QLatin1String("connection")]
                                              [QLatin1String("proxy")][QLatin1String("url")]
                                                  .toString(),
             name);
    // --noproxy: this host goes direct (to the test server itself).
    RUN_RWB(direct, {QStringLiteral("trace"), QStringLiteral("--profile"), QStringLiteral("curl"),
                     QStringLiteral("-x"), proxyUrl, QStringLiteral("--noproxy"), QStringLiteral("127.0.0.1"),
                     base() + QStringLiteral("/ok")});
    QVERIFY2(direct.exitCode == 0, qPrintable(describe(direct)));
    QCOMPARE(proxy.requestCount(), 4);
    RUN_RWB(bad, {QStringLiteral("trace"), QStringLiteral("-x"), QStringLiteral("ftp://p.test"), base()});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("the scheme ftp:// is not supported"), qPrintable(describe(bad)));
}

// HTTP/2 on https: -v shows the request's pseudo-header fields and "HTTP/2", the JSON says httpVersion "2",
// -w's %{http_version} "2" as curl prints it; --http1.1 offers only HTTP/1.1 (this server takes only h2, and
// ends the connection); --http1.1 with --http2 exits 2.
void TestRwbCli::http2Options()
{
    const QString cert = QStringLiteral(RWB_TEST_CERT_DIR "/localhost.crt");
    Rwb::Test::H2Server server(cert, QStringLiteral(RWB_TEST_CERT_DIR "/localhost.key"));
    QVERIFY(server.start());
    server.answer("/a", {302, {{"location", "/b"}}, "", {}, false, false});
    server.answer("/b", {200, {{"content-type", "text/plain"}}, "two", {}, false, false});
    const QString url = QStringLiteral("https://localhost:%1/a").arg(server.serverPort());
    RUN_RWB(run, {QStringLiteral("trace"), QStringLiteral("-v"), QStringLiteral("--profile"),
                  QStringLiteral("curl"), QStringLiteral("--cacert"), cert, url});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains("> :method: GET\n    > :path: /a\n    > :scheme: https\n"),
             qPrintable(describe(run)));
    QVERIFY2(run.out.contains("< HTTP/2 302\n"), qPrintable(describe(run)));
    QVERIFY2(run.out.contains("ALPN h2"), qPrintable(describe(run)));
    RUN_RWB(json, {QStringLiteral("trace"), QStringLiteral("--format"), QStringLiteral("json"),
                   QStringLiteral("--cacert"), cert, QStringLiteral("--http2"), url});
    QVERIFY2(json.exitCode == 0, qPrintable(describe(json)));
    QCOMPARE(QJsonDocument::fromJson(
                 json.out)[QLatin1String("hops")][1][QLatin1String("response")][QLatin1String("httpVersion")]
                 .toString(),
             QStringLiteral("2"));
    RUN_RWB(writeOut, {QStringLiteral("trace"), QStringLiteral("--cacert"), cert, QStringLiteral("-w"),
                       QStringLiteral("%{http_version} %{http_code}"), QStringLiteral("-o"),
                       QStringLiteral("/dev/null"), url});
    QCOMPARE(writeOut.out, QByteArray("2 200"));
    RUN_RWB(h11,
            {QStringLiteral("trace"), QStringLiteral("--cacert"), cert, QStringLiteral("--http1.1"), url});
    QVERIFY2(h11.exitCode != 0, qPrintable(describe(h11)));
    QVERIFY(server.refused() >= 1);  // QNAM tries again on a connection closed before any answer
    RUN_RWB(both, {QStringLiteral("trace"), QStringLiteral("--http1.1"), QStringLiteral("--http2"), url});
    QCOMPARE(both.exitCode, 2);
    QVERIFY2(both.err.contains("--http1.1 and --http2 cannot go together"), qPrintable(describe(both)));
}

// -w over a chain whose server waits 100 ms on each redirect: rwb and real curl print the same counts and
// URLs, and times of the same size (each adds up the hops' own); the text goes to standard output
// whatever -o says; an unknown variable stops rwb before anything is sent.
void TestRwbCli::writeOutAsCurl()
{
    Reply slow1 = ScriptedServer::redirect(302, "/wslow2");
    slow1.delayMs = 100;
    Reply slow2 = ScriptedServer::redirect(301, "/ok");
    slow2.delayMs = 100;
    m_server.on("/wslow1", slow1);
    m_server.on("/wslow2", slow2);
    const QString format = QStringLiteral("%{num_redirects} %{url_effective} %{http_code} %{http_version} "
                                          "%{time_starttransfer} %{time_redirect} %{time_total}\n");
    const QString url = base() + QStringLiteral("/wslow1");
    QProcess curl;
    curl.start(QStringLiteral("curl"), {QStringLiteral("-sL"), QStringLiteral("-o"),
                                        QStringLiteral("/dev/null"), QStringLiteral("-w"), format, url});
    QTRY_VERIFY_WITH_TIMEOUT(curl.state() == QProcess::NotRunning, 20000);
    const QList<QByteArray> theirs = curl.readAllStandardOutput().trimmed().split(' ');
    QTemporaryDir dir;
    RUN_RWB(run, {QStringLiteral("trace"), QStringLiteral("--profile"), QStringLiteral("curl"),
                  QStringLiteral("-o"), dir.filePath(QStringLiteral("trace.txt")), QStringLiteral("-w"),
                  format, url});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.endsWith('\n'), qPrintable(describe(run)));
    const QList<QByteArray> ours = run.out.trimmed().split(' ');
    QCOMPARE(ours.size(), 7);
    QCOMPARE(theirs.size(), 7);
    QCOMPARE(ours.mid(0, 4), theirs.mid(0, 4));  // 2, the URL, 200, 1.1
    for (int i = 4; i < 7; ++i) {
        const double o = ours.at(i).toDouble();
        const double t = theirs.at(i).toDouble();
        QVERIFY2(o >= 0.195 && t >= 0.195 && qAbs(o - t) < 0.3,  // room for a slow (ASan) build
                 qPrintable(QStringLiteral("field %1: rwb %2, curl %3").arg(i).arg(o).arg(t)));
    }
    RUN_RWB(bad, {QStringLiteral("trace"), QStringLiteral("-w"), QStringLiteral("%{speed}"), url});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("unknown --write-out variable %{speed}"), qPrintable(describe(bad)));
}

void TestRwbCli::unusableTlsFileExits2_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString dir = QStringLiteral(RWB_TEST_CERT_DIR);
    QTest::newRow("missing CA file") << QStringList{QStringLiteral("--cacert"),
                                                    dir + QStringLiteral("/none.pem")}
                                     << QStringLiteral("none.pem");
    QTest::newRow("certificate without its key")
        << QStringList{QStringLiteral("--cert"), dir + QStringLiteral("/localhost.crt")}
        << QStringLiteral("give the key's file with --key");
    QTest::newRow("not PKCS#12") << QStringList{QStringLiteral("-E"), dir + QStringLiteral("/README:pw"),
                                                QStringLiteral("--cert-type"), QStringLiteral("P12")}
                                 << QStringLiteral("cannot be read as PKCS#12, or the password is wrong");
    QTest::newRow("unknown type") << QStringList{
        QStringLiteral("--cert"), dir + QStringLiteral("/localhost.crt"), QStringLiteral("--cert-type"),
        QStringLiteral("ENG")} << QStringLiteral("unknown certificate type \"ENG\"");
}

// A TLS file that cannot be used stops rwb before anything is sent, naming the file (exit 2: bad input).
void TestRwbCli::unusableTlsFileExits2()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const int before = m_server.requestCount();
    RUN_RWB(run, QStringList{QStringLiteral("trace")} + args + QStringList{base() + QStringLiteral("/ok")});
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(QString::fromUtf8(run.err).contains(message), qPrintable(describe(run)));
    QCOMPARE(m_server.requestCount(), before);
}

// A server that answers a TLS client with plain HTTP: the handshake fails with Qt's error; a refused
// https connection never got to TLS and has no TLS line at all.
void TestRwbCli::tlsLineOnlyWhenThereIsSomethingToSay()
{
    QTcpServer garbage;
    QVERIFY(garbage.listen(QHostAddress::LocalHost, 0));
    QObject::connect(&garbage, &QTcpServer::newConnection, &garbage, [&garbage] {
        while (QTcpSocket *socket = garbage.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                socket->disconnectFromHost();
            });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    RUN_RWB(run,
            {QStringLiteral("trace"), QStringLiteral("https://127.0.0.1:%1/").arg(garbage.serverPort())});
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    const QString out = QString::fromUtf8(run.out);
    static const QRegularExpression emptyTls(QStringLiteral("^\\s*TLS\\s*$"),
                                             QRegularExpression::MultilineOption);
    QVERIFY2(!emptyTls.match(out).hasMatch(), qPrintable(describe(run)));
    static const QRegularExpression tlsLine(QStringLiteral("^\\s*TLS\\b.*$"),
                                            QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = tlsLine.match(out);
    QVERIFY2(m.hasMatch(), qPrintable(describe(run)));
    // "TLS failed: " and Qt's words after it.
    QVERIFY2(m.captured().startsWith(QLatin1String("    TLS failed: ")) && m.captured().size() > 20,
             qPrintable(describe(run)));

    QString refusedUrl = m_closedBase + QStringLiteral("/");
    refusedUrl.replace(QLatin1String("http:"), QLatin1String("https:"));
    RUN_RWB(refused, {QStringLiteral("trace"), QStringLiteral("-v"), refusedUrl});
    QVERIFY2(refused.exitCode == 1 && refused.out.contains("connection-refused"),
             qPrintable(describe(refused)));
    QVERIFY2(!tlsLine.match(QString::fromUtf8(refused.out)).hasMatch(), qPrintable(describe(refused)));
    // -v does not pretend that the request went out.
    QVERIFY2(
        refused.out.contains("\n    * not sent (connection-refused); the request as it would have gone:\n"
                             "    > GET / HTTP/1.1\n"),
        qPrintable(describe(refused)));
}

void TestRwbCli::invalidUrlMessages_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message");  // the whole stderr line after "rwb: "
    const auto row = [](const char *url, const char *message) {
        QTest::newRow(url)
            << QString::fromUtf8(url)
            << QStringLiteral("invalid URL '%1': %2").arg(QString::fromUtf8(url), QString::fromUtf8(message));
    };
    row("http://a b/", "the host 'a b' contains a space");
    row("http://exa<mple.com/", "the host 'exa<mple.com' contains '<'");
    row("http://exa|mple.com/x", "the host 'exa|mple.com' contains '|'");
    row("http://a\tb/", "the host 'a\tb' contains a tab");
    row("http:///path", "the host is empty");
    row("https://user@:8080/", "the host is empty");
    row("/path", "there is no host (write the whole URL, as in http://example.com/path)");
    row("http:example.com", "there is no host: 'http:' must be followed by '//' and a host");
    row("http://example.com:99999/", "the port 99999 is out of range (0 to 65535)");
    row("http://example.com:80a/", "the port '80a' is not a number");
    row("http://[::1/", "the IPv6 address '[::1' has no closing ']'");
    row("http://[::g]/", "'::g' is not an IPv6 address");
    row("http://example.com/a b", "the path contains a space (write it as %20)");
    row("http://example.com/a?q=a\"b", "the query contains '\"' (write it as %22)");
    row("http://example.com/a%zz",
        "'%zz' in the path is not a percent-encoded byte (write '%' itself as %25)");
    row("example.com/a b", "the path contains a space (write it as %20)");
    row("", "the URL is empty");
}

// An invalid URL is named with what is wrong and where, for people: not QUrl's parser message.
void TestRwbCli::invalidUrlMessages()
{
    QFETCH(QString, url);
    QFETCH(QString, message);
    message.replace(QLatin1Char('\t'), QLatin1String("\\x09"));  // stderr shows control characters escaped
    RUN_RWB(run, {QStringLiteral("trace"), url});
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(run.out.isEmpty(), qPrintable(describe(run)));
    QCOMPARE(QString::fromUtf8(run.err), QStringLiteral("rwb: ") + message + QLatin1Char('\n'));
    // The same words for --from.
    RUN_RWB(from, {QStringLiteral("trace"), QStringLiteral("--from"), url, base() + QStringLiteral("/ok")});
    QVERIFY2(from.exitCode == 2, qPrintable(describe(from)));
    QCOMPARE(QString::fromUtf8(from.err), QStringLiteral("rwb: --from: ") + message + QLatin1Char('\n'));
}

void TestRwbCli::commandHelp_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("usage");      // the first line
    QTest::addColumn<QString>("arguments");  // what the Arguments section lists ("" when none)
    QTest::newRow("trace") << QStringLiteral("trace") << QStringLiteral("Usage: rwb trace [options] URL")
                           << QStringLiteral("URL");
    QTest::newRow("run") << QStringLiteral("run") << QStringLiteral("Usage: rwb run [options] SESSION")
                         << QStringLiteral("SESSION");
    QTest::newRow("export") << QStringLiteral("export") << QStringLiteral("Usage: rwb export [options] FILE")
                            << QStringLiteral("FILE");
    QTest::newRow("import-curl") << QStringLiteral("import-curl")
                                 << QStringLiteral("Usage: rwb import-curl [options] COMMAND")
                                 << QStringLiteral("COMMAND");
    QTest::newRow("sandbox") << QStringLiteral("sandbox") << QStringLiteral("Usage: rwb sandbox [options]")
                             << QString();
}

// Each command's --help: "Usage: rwb COMMAND [options] ARGS" (not the path rwb was started by), and only
// the command's own arguments listed.
void TestRwbCli::commandHelp()
{
    QFETCH(QString, command);
    QFETCH(QString, usage);
    QFETCH(QString, arguments);
    for (const char *flag : {"--help", "-h"}) {
        RUN_RWB(run, {command, QString::fromLatin1(flag)});
        QVERIFY2(run.exitCode == 0 && run.err.isEmpty(), qPrintable(describe(run)));
        const QString out = QString::fromUtf8(run.out);
        QCOMPARE(out.section(QLatin1Char('\n'), 0, 0), usage);
        QVERIFY2(!out.contains(QLatin1String(RWB_EXE)), qPrintable(out));
        QVERIFY2(!out.contains(QLatin1String("--help-all")), qPrintable(out));
        const qsizetype section = out.indexOf(QLatin1String("\nArguments:\n"));
        QStringList listed;
        if (section >= 0) {
            static const QRegularExpression argument(QStringLiteral("^  (\\S+)"),
                                                     QRegularExpression::MultilineOption);
            auto it = argument.globalMatch(out.mid(section));
            while (it.hasNext())
                listed << it.next().captured(1);
        }
        QCOMPARE(listed.join(u' '), arguments);
    }
}

// -v: per hop, the request line and the headers as the server received them, then the status line and
// the response headers, then the blank line that ends the hop.
void TestRwbCli::verboseShowsTheExchange()
{
    m_server.clearRequests();
    RUN_RWB(run, cmd("trace -v -u user:secret -H X-First:1 {base}/redirect/1"));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QList<ReceivedRequest> received = m_server.requests();
    QCOMPARE(received.size(), 2);
    const QStringList blocks = QString::fromUtf8(run.out).split(QLatin1String("\n\n"));
    QStringList hopBlocks;
    for (const QString &b : blocks) {
        if (b.startsWith(QLatin1Char('#')))
            hopBlocks << b;
    }
    QCOMPARE(hopBlocks.size(), 2);
    const QStringList paths{QStringLiteral("/redirect/1"), QStringLiteral("/ok")};
    const QStringList statusLines{QStringLiteral("HTTP/1.1 302 Found"), QStringLiteral("HTTP/1.1 200 OK")};
    for (int i = 0; i < 2; ++i) {
        const QStringList lines = hopBlocks.at(i).split(QLatin1Char('\n'));
        QStringList sent, got;
        for (const QString &line : lines) {
            if (line.startsWith(QLatin1String("    > ")))
                sent << line.mid(6);
            else if (line.startsWith(QLatin1String("    < ")))
                got << line.mid(6);
        }
        QStringList expectedSent{QStringLiteral("GET %1 HTTP/1.1").arg(paths.at(i))};
        for (const auto &h : received.at(i).headers)
            expectedSent << QString::fromLatin1(h.first + ": " + h.second);
        QCOMPARE(sent, expectedSent);
        QVERIFY2(sent.contains(QStringLiteral("Host: 127.0.0.1:%1").arg(m_server.port())),
                 qPrintable(sent.join(u'\n')));
        // As sent, as curl -v and the trace JSON show it.
        QVERIFY(sent.contains(QStringLiteral("Authorization: Basic dXNlcjpzZWNyZXQ=")));
        QVERIFY(sent.contains(QStringLiteral("X-First: 1")));
        QVERIFY2(!got.isEmpty() && got.constFirst() == statusLines.at(i), qPrintable(got.join(u'\n')));
        QVERIFY2(i == 0 ? got.contains(QStringLiteral("Location: /ok"))
                        : got.contains(QStringLiteral("Content-Type: text/plain")),
                 qPrintable(got.join(u'\n')));
        // Request lines, then response lines, and the response's last header ends the hop's block.
        QVERIFY(lines.indexOf(QLatin1String("    > ") + sent.constLast())
                < lines.indexOf(QLatin1String("    < ") + got.constFirst()));
        QCOMPARE(lines.constLast(), QLatin1String("    < ") + got.constLast());
    }
    // Without -v, none of it.
    RUN_RWB(plain, cmd("trace {base}/redirect/1"));
    QVERIFY2(!plain.out.contains("    > ") && !plain.out.contains("    < "), qPrintable(describe(plain)));
}

void TestRwbCli::verboseEscapesControlCharacters()
{
    RUN_RWB(run, cmd("trace --verbose {base}/evil-header"));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    for (char c : {'\x1b', '\x07'})
        QVERIFY2(!run.out.contains(c),
                 qPrintable(QString::fromLatin1(run.out.toPercentEncoding(" \n/:#?;.()[]'\"\\"))));
    QVERIFY2(run.out.contains("    < X-Evil: a\\x1b]0;owned\\x07\\x1b[2Jb\n"), run.out.constData());
}

// --resolve and --connect-to (issue 15 item 3) against real curl on the same server: the same request head
// arrives by the same address, and a bad rule is a usage error naming it.
void TestRwbCli::resolveAndConnectToAsCurl()
{
    const QString port = QString::number(m_server.port());
    const QStringList rules[] = {
        {QStringLiteral("--resolve"), QStringLiteral("origin.test:%1:127.0.0.2,127.0.0.1").arg(port)},
        {QStringLiteral("--connect-to"), QStringLiteral("origin.test:%1:127.0.0.1:").arg(port)},
    };
    const QString url = QStringLiteral("http://origin.test:%1/echo").arg(port);
    for (const QStringList &rule : rules) {
        m_server.clearRequests();
        QProcess curl;
        curl.start(
            QStringLiteral("curl"),
            rule + QStringList{QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"), url});
        // The server answers from this thread's event loop: wait while it runs.
        QTRY_VERIFY_WITH_TIMEOUT(curl.state() == QProcess::NotRunning, 20000);
        QVERIFY2(curl.exitStatus() == QProcess::NormalExit && curl.exitCode() == 0,
                 qPrintable(QString::fromUtf8(curl.readAllStandardError())));
        RUN_RWB(run, QStringList{QStringLiteral("trace"), QStringLiteral("--profile"), QStringLiteral("curl"),
                                 QStringLiteral("--format"), QStringLiteral("json")}
                         + rule + QStringList{url});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(m_server.requests().size(), 2);
        QCOMPARE(m_server.requests().at(1).raw, m_server.requests().at(0).raw);  // curl's head, byte for byte
        const QJsonValue trace = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(at(trace, "hops.0.connection.address").toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(at(trace, "hops.0.connection.port").toInt(), int(m_server.port()));
    }
    RUN_RWB(bad,
            {QStringLiteral("trace"), QStringLiteral("--resolve"), QStringLiteral("origin.test:80"), url});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("--resolve 'origin.test:80': it needs three parts"), qPrintable(describe(bad)));
}

QTEST_GUILESS_MAIN(TestRwbCli)
#include "tst_rwb_cli.moc"
