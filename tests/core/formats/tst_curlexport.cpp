// curlCommandForRequest: every command is run with Debian's curl through bash against the in-process
// ScriptedServer, and the request the server read is compared byte for byte with the WireRequest.
// shellQuote rows are checked both as text and by letting bash read them back.
#include "core/formats/curlexport.h"

#include "support/scriptedserver.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Rwb;
using Rwb::Test::ReceivedRequest;
using Rwb::Test::ScriptedServer;

namespace {

const QByteArray kHostPlaceholder = QByteArrayLiteral("{host}");

// "Name: value" lines from a compact "Name: value\n..." literal; the value {host} stands for the
// server's 127.0.0.1:PORT.
HeaderList parseLines(const QByteArray &lines, const QByteArray &host)
{
    HeaderList out;
    for (const QByteArray &line : lines.split('\n')) {
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        QByteArray value = line.mid(colon + 1).trimmed();
        if (value == kHostPlaceholder)
            value = host;
        out.append({line.left(colon), value});
    }
    return out;
}

// What a request with exactly these parts looks like on the wire (HTTP/1.1, Content-Length framing).
QByteArray rawRequest(const QByteArray &method, const QByteArray &target, const HeaderList &headers,
                      const QByteArray &body)
{
    QByteArray raw = method + ' ' + target + " HTTP/1.1\r\n";
    for (const HeaderPair &h : headers)
        raw += h.first + ':' + (h.second.isEmpty() ? QByteArray() : ' ' + h.second) + "\r\n";
    return raw + "\r\n" + body;
}

// Runs text with bash; the event loop keeps running (the server lives on it).
struct ShellResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
ShellResult runBash(const QString &script, const QString &curlHome)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // A user's ~/.curlrc or proxy settings would change what curl sends.
    for (const char *proxy :
         {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"})
        env.remove(QLatin1String(proxy));
    env.insert(QStringLiteral("CURL_HOME"), curlHome);
    env.insert(QStringLiteral("HOME"), curlHome);
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(env);
    QSignalSpy done(&p, &QProcess::finished);
    p.start(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), script});
    if (!p.waitForStarted(5000) || !done.wait(20000))
        return {};
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

}  // namespace

class TestCurlExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shellQuote_text_data();
    void shellQuote_text();
    void shellQuote_bashReadsBack_data();
    void shellQuote_bashReadsBack();
    void command_text_data();
    void command_text();
    void command_http2Fields();
    void command_serverReceivesSameRequest_data();
    void command_serverReceivesSameRequest();

private:
    QTemporaryDir m_home;
};

void TestCurlExport::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY2(QFile::exists(QStringLiteral("/usr/bin/curl")), "Debian's curl package is needed");
}

void TestCurlExport::shellQuote_text_data()
{
    QTest::addColumn<QByteArray>("word");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("''");
    QTest::newRow("bare") << QByteArray("POST") << QStringLiteral("POST");
    QTest::newRow("url-bare") << QByteArray("http://a.test:8080/x/y.html")
                              << QStringLiteral("http://a.test:8080/x/y.html");
    QTest::newRow("space") << QByteArray("a b") << QStringLiteral("'a b'");
    QTest::newRow("single-quote") << QByteArray("it's") << QStringLiteral("'it'\\''s'");
    QTest::newRow("dollar-backtick") << QByteArray("$HOME `id` \"x\"")
                                     << QStringLiteral("'$HOME `id` \"x\"'");
    QTest::newRow("glob-and-tilde") << QByteArray("~/*.txt") << QStringLiteral("'~/*.txt'");
    QTest::newRow("utf8-stays-plain") << QByteArray("Gr\xc3\xbc\xc3\x9f"
                                                    "e \xe2\x98\x83")
                                      << QStringLiteral("'Grüße ☃'");
    QTest::newRow("newline") << QByteArray("a\nb") << QStringLiteral("$'a\\nb'");
    QTest::newRow("tab-cr") << QByteArray("a\tb\r") << QStringLiteral("$'a\\tb\\x0d'");
    QTest::newRow("control-then-hex-digit") << QByteArray("\x01"
                                                          "f")
                                            << QStringLiteral("$'\\x01f'");
    QTest::newRow("not-utf8") << QByteArray("\xff\xfe"
                                            "a'\\")
                              << QStringLiteral("$'\\xff\\xfea\\'\\\\'");
    QTest::newRow("del") << QByteArray("\x7f") << QStringLiteral("$'\\x7f'");
}

void TestCurlExport::shellQuote_text()
{
    QFETCH(QByteArray, word);
    QFETCH(QString, quoted);
    QCOMPARE(shellQuote(word), quoted);
}

void TestCurlExport::shellQuote_bashReadsBack_data()
{
    QTest::addColumn<QByteArray>("word");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("space") << QByteArray("a b  c");
    QTest::newRow("quotes") << QByteArray("'\"'\"''");
    QTest::newRow("expansions") << QByteArray("$HOME ${X:-y} $(id) `id` !! \\$ \\n *");
    QTest::newRow("utf8") << QByteArray("Gr\xc3\xbc\xc3\x9f"
                                        "e \xe2\x98\x83");
    QTest::newRow("controls") << QByteArray("\x01\x02\x1b[0m\t\n\r\x7f");
    QTest::newRow("high-bytes") << QByteArray("\x80\xff\xfe\xc3");
    QTest::newRow("hex-after-escape") << QByteArray("\x01"
                                                    "ab\x7f"
                                                    "9");
    QTest::newRow("backslashes") << QByteArray("\\\\'\\x41\\");
    QTest::newRow("leading-dash") << QByteArray("-n");
    QByteArray all;
    for (int c = 1; c < 256; ++c)
        all += char(c);
    QTest::newRow("every-byte-but-nul") << all;
}

void TestCurlExport::shellQuote_bashReadsBack()
{
    QFETCH(QByteArray, word);
    // printf %s prints the argument's bytes as the shell built them.
    const ShellResult r = runBash(QStringLiteral("printf %s ") + shellQuote(word), m_home.path());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, word);
}

void TestCurlExport::command_text_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("insecure");
    QTest::addColumn<QString>("command");
    const QByteArray std = "Host: a.test\nUser-Agent: x\nAccept: */*";
    QTest::newRow("get") << QByteArray("GET") << std << QByteArray() << false
                         << QStringLiteral(
                                "curl --header 'User-Agent: x' --header 'Accept: */*' http://a.test/p");
    QTest::newRow("head-uses-head-option")
        << QByteArray("HEAD") << std << QByteArray() << false
        << QStringLiteral("curl --head --header 'User-Agent: x' --header 'Accept: */*' http://a.test/p");
    QTest::newRow("post-body-needs-no-request")
        << QByteArray("POST") << std + "\nContent-Type: text/plain\nContent-Length: 2" << QByteArray("hi")
        << false
        << QStringLiteral("curl --header 'User-Agent: x' --header 'Accept: */*' --header 'Content-Type: "
                          "text/plain' --header 'Content-Length: 2' --data-binary hi http://a.test/p");
    QTest::newRow("stale-content-length-left-to-curl")
        << QByteArray("PUT") << QByteArray("Host: a.test\nContent-Length: 99") << QByteArray("hi") << true
        << QStringLiteral("curl --request PUT --insecure --header User-Agent: --header Accept: --header "
                          "Content-Type: --data-binary hi http://a.test/p");
    QTest::newRow("other-host-and-empty-value")
        << QByteArray("DELETE") << QByteArray("Host: b.test\nX-Empty:\nUser-Agent: x\nAccept: y")
        << QByteArray() << false
        << QStringLiteral("curl --request DELETE --header 'Host: b.test' --header 'X-Empty;' --header "
                          "'User-Agent: x' --header 'Accept: y' http://a.test/p");
    QTest::newRow("no-host-suppressed")
        << QByteArray("GET") << QByteArray("User-Agent: x\nAccept: y") << QByteArray() << false
        << QStringLiteral(
               "curl --header Host: --header 'User-Agent: x' --header 'Accept: y' http://a.test/p");
    QTest::newRow("at-body-is-raw")
        << QByteArray("POST") << std + "\nContent-Type: a/b" << QByteArray("@/etc/passwd") << false
        << QStringLiteral("curl --header 'User-Agent: x' --header 'Accept: */*' --header 'Content-Type: a/b' "
                          "--data-raw @/etc/passwd http://a.test/p");
    QTest::newRow("nul-body-through-printf")
        << QByteArray("POST") << std + "\nContent-Type: a/b" << QByteArray("a\0%\\\xff", 5) << false
        << QStringLiteral("printf 'a\\000%%\\\\\\377' | curl --header 'User-Agent: x' --header 'Accept: */*' "
                          "--header 'Content-Type: a/b' --data-binary @- http://a.test/p");
}

void TestCurlExport::command_text()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    QFETCH(bool, insecure);
    QFETCH(QString, command);
    WireRequest r;
    r.method = method;
    r.url = QUrl(QStringLiteral("http://a.test/p"));
    r.headers = parseLines(headers, {});
    r.body = body;
    CurlExportOptions o;
    o.multiline = false;
    o.insecure = insecure;
    QCOMPARE(curlCommandForRequest(r, o), command);
    o.multiline = true;
    QCOMPARE(curlCommandForRequest(r, o).count(QLatin1String(" \\\n  ")),
             command.count(QLatin1String(" --")) + 1);
}

// A hop that went over HTTP/2 recorded its fields: the pseudo-header fields are curl's own (from the URL),
// the authority counts as the Host line, lower-case names are curl's headers all the same.
void TestCurlExport::command_http2Fields()
{
    WireRequest r;
    r.method = "GET";
    r.url = QUrl(QStringLiteral("https://a.test/p"));
    r.headers = {{":method", "GET"},       {":path", "/p"},     {":scheme", "https"},
                 {":authority", "a.test"}, {"user-agent", "x"}, {"accept", "*/*"}};
    CurlExportOptions o;
    o.multiline = false;
    QCOMPARE(curlCommandForRequest(r, o),
             QStringLiteral("curl --header 'user-agent: x' --header 'accept: */*' https://a.test/p"));
    r.headers[3].second = "b.test";
    QCOMPARE(curlCommandForRequest(r, o),
             QStringLiteral("curl --header 'Host: b.test' --header 'user-agent: x' "
                            "--header 'accept: */*' https://a.test/p"));
}

void TestCurlExport::command_serverReceivesSameRequest_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("tls");
    const QByteArray curlHead = "Host: {host}\nUser-Agent: curl/7.88.1\nAccept: */*";
    const QByteArray browserHead =
        "Host: {host}\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) RedirectWorkbench/0.1.0\n"
        "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\n"
        "Accept-Language: en-US,en;q=0.9\nAccept-Encoding: identity\nConnection: keep-alive";
    QByteArray binary("\0\x01\xff\x80\r\n'\"$`%\\x", 14);
    binary += QByteArray(300, '\0');
    QByteArray highBytes("\xff\xfe\x01 text\x80\x7f\n");

    QTest::newRow("get") << QByteArray("GET") << QStringLiteral("/a?b=1&c=%20") << curlHead << QByteArray()
                         << false;
    QTest::newRow("get-browser-head")
        << QByteArray("GET") << QStringLiteral("/") << browserHead << QByteArray() << false;
    QTest::newRow("head") << QByteArray("HEAD") << QStringLiteral("/h") << curlHead << QByteArray() << false;
    QTest::newRow("post-form")
        << QByteArray("POST") << QStringLiteral("/form")
        << browserHead
               + "\nOrigin: http://x.test\nContent-Type: application/x-www-form-urlencoded\n"
                 "Content-Length: 21"
        << QByteArray("name=J%C3%BCrg&x=a+b!") << false;
    QTest::newRow("post-text-no-content-type")
        << QByteArray("POST") << QStringLiteral("/t") << curlHead + "\nContent-Length: 12"
        << QByteArray("line1\nline2\n") << false;
    QTest::newRow("post-empty-content-length-0")
        << QByteArray("POST") << QStringLiteral("/e") << browserHead + "\nContent-Length: 0" << QByteArray()
        << false;
    QTest::newRow("post-at-sign-body")
        << QByteArray("POST") << QStringLiteral("/at") << curlHead + "\nContent-Length: 11"
        << QByteArray("@/etc/hosts") << false;
    QTest::newRow("put-binary-with-nul")
        << QByteArray("PUT") << QStringLiteral("/bin")
        << curlHead + "\nContent-Type: application/octet-stream\nContent-Length: "
               + QByteArray::number(binary.size())
        << binary << false;
    QTest::newRow("put-high-bytes") << QByteArray("PUT") << QStringLiteral("/hi")
                                    << curlHead + "\nContent-Type: application/octet-stream\nContent-Length: "
                                           + QByteArray::number(highBytes.size())
                                    << highBytes << false;
    QTest::newRow("patch-large-body")
        << QByteArray("PATCH") << QStringLiteral("/big")
        << curlHead + "\nContent-Type: text/plain\nContent-Length: 5000" << QByteArray(5000, 'z') << false;
    QTest::newRow("get-with-body") << QByteArray("GET") << QStringLiteral("/gb")
                                   << curlHead + "\nContent-Type: text/plain\nContent-Length: 3"
                                   << QByteArray("abc") << false;
    QTest::newRow("delete") << QByteArray("DELETE") << QStringLiteral("/d/1") << curlHead << QByteArray()
                            << false;
    QTest::newRow("custom-method-with-body") << QByteArray("PROPFIND") << QStringLiteral("/dav/")
                                             << curlHead
                                                    + "\nDepth: 1\nContent-Type: application/xml\n"
                                                      "Content-Length: 22"
                                             << QByteArray("<propfind xmlns=\"D:\"/>") << false;
    QTest::newRow("options-no-body") << QByteArray("OPTIONS") << QStringLiteral("/o") << curlHead
                                     << QByteArray() << false;
    QTest::newRow("awkward-header-values")
        << QByteArray("GET") << QStringLiteral("/q")
        << curlHead
               + "\nX-Quote: it's \"quoted\"\nX-Shell: $HOME `id` $(id) \\n !x\n"
                 "X-Unicode: Gr\xc3\xbc\xc3\x9f"
                 "e \xe2\x98\x83\nX-Empty:\nAuthorization: Basic dXNlcjpwdw=="
        << QByteArray() << false;
    QTest::newRow("duplicate-names") << QByteArray("GET") << QStringLiteral("/dup")
                                     << curlHead + "\nX-Dup: 1\nx-dup: 2\nCookie: a=1\nCookie: b=2\nX-Dup: 3"
                                     << QByteArray() << false;
    QTest::newRow("no-user-agent") << QByteArray("GET") << QStringLiteral("/nua")
                                   << QByteArray("Host: {host}\nAccept: */*") << QByteArray() << false;
    QTest::newRow("nothing-but-host") << QByteArray("GET") << QStringLiteral("/bare")
                                      << QByteArray("Host: {host}") << QByteArray() << false;
    QTest::newRow("other-virtual-host")
        << QByteArray("GET") << QStringLiteral("/vh")
        << QByteArray("Host: www.example.test\nUser-Agent: u\nAccept: a") << QByteArray() << false;
    QTest::newRow("accept-after-custom")
        << QByteArray("GET") << QStringLiteral("/order")
        << QByteArray("Host: {host}\nX-First: 1\nAccept: a\nUser-Agent: u") << QByteArray() << false;
    QTest::newRow("dot-segments-kept")
        << QByteArray("GET") << QStringLiteral("/a/../b/./c") << curlHead << QByteArray() << false;
    QTest::newRow("glob-characters") << QByteArray("GET") << QStringLiteral("/g?x=[1-2]&y={a,b}") << curlHead
                                     << QByteArray() << false;
    QTest::newRow("https-insecure") << QByteArray("POST") << QStringLiteral("/tls")
                                    << curlHead + "\nContent-Type: text/plain\nContent-Length: 5"
                                    << QByteArray("hello") << true;
}

void TestCurlExport::command_serverReceivesSameRequest()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    QFETCH(bool, tls);

    ScriptedServer server;
    QVERIFY(server.listen(tls ? ScriptedServer::Mode::Tls : ScriptedServer::Mode::Plain));
    server.setDefaultHandler([](const ReceivedRequest &) {
        Rwb::Test::Reply reply;
        reply.body = QByteArrayLiteral("ok");
        return reply;
    });
    WireRequest r;
    r.method = method;
    r.url = QUrl(QStringLiteral("%1://127.0.0.1:%2")
                         .arg(tls ? QStringLiteral("https") : QStringLiteral("http"))
                         .arg(server.port())
                     + path,
                 QUrl::TolerantMode);
    QVERIFY(r.url.isValid());
    r.headers = parseLines(headers, "127.0.0.1:" + QByteArray::number(server.port()));
    r.body = body;
    const QByteArray target = r.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);

    // Both layouts: the multi-line one must survive bash's line continuations.
    for (const bool multiline : {true, false}) {
        CurlExportOptions options;
        options.multiline = multiline;
        options.insecure = tls;  // the test certificate is self-signed
        const QString command = curlCommandForRequest(r, options);
        const ShellResult run =
            runBash(command + QStringLiteral(" --silent --show-error --output /dev/null"), m_home.path());
        QVERIFY2(run.exitCode == 0, qPrintable(command + QLatin1Char('\n') + QString::fromUtf8(run.err)));
    }
    QCOMPARE(server.requestCount(), 2);
    QCOMPARE(server.requests().at(1).raw, server.requests().at(0).raw);
    const ReceivedRequest got = server.requests().constFirst();
    QCOMPARE(got.method, method);
    QCOMPARE(got.target, target);
    QCOMPARE(got.version, QByteArray("HTTP/1.1"));
    QCOMPARE(got.headers, r.headers);
    QCOMPARE(got.body, body);
    // The whole request, byte for byte: no header curl added on its own, none reordered.
    QCOMPARE(got.raw, rawRequest(method, target, r.headers, body));
}

QTEST_GUILESS_MAIN(TestCurlExport)
#include "tst_curlexport.moc"
