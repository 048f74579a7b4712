// HTTP/2 over TLS (issue 15 item 1): every profile offers h2 in ALPN and takes the server's choice, --http1.1
// offers only HTTP/1.1, --http2 requires HTTP/2. Against Debian's nginx (`listen ... ssl http2`, a test CA
// made by the test) and an in-process recording HTTP/2 server (support/h2server.h, libnghttp2): each hop
// records HTTP/2, its request fields as sent (pseudo-header fields first, in the profile's order) and its
// response fields as received (duplicates kept), and real curl (--http2 -L), given the same command line,
// sends the same fields on the same streams as the engine's curl profile. Chromium's fields are compared
// with what Debian's Chromium 156 sent to the same kind of server (measured by hand; Chromium is not a CI
// dependency). Through an http proxy (tinyproxy) HTTP/2 goes in the CONNECT tunnel.
#include "core/formats/curlcommand.h"
#include "core/formats/curlexport.h"
#include "support/enginerunner.h"
#include "support/h2server.h"
#include "support/nginxprocess.h"
#include "support/processrun.h"
#include "support/testpki.h"
#include "support/tinyproxyprocess.h"

#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Rwb;
using namespace Rwb::Test;

namespace {

QString fieldLines(const HeaderList &fields)
{
    QString out;
    for (const auto &[name, value] : fields)
        out += QString::fromLatin1(name + ": " + value + "\n");
    return out;
}

QByteArrayList names(const HeaderList &fields)
{
    QByteArrayList out;
    for (const auto &f : fields)
        out << f.first;
    return out;
}

// Chromium 156's Accept for a navigation, as measured.
const QByteArray kNavigationAccept =
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/jxl,image/avif,"
    "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

QByteArray fieldValue(const HeaderList &fields, QByteArrayView name)
{
    for (const auto &[n, v] : fields) {
        if (n == name)
            return v;
    }
    return {};
}

}  // namespace

class tst_EngineHttp2 : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void nginxChain_data();
    void nginxChain();
    void nginxHttp11Only();
    void http2Required();
    void nginxBodies();
    void sameFieldsAsCurl_data();
    void sameFieldsAsCurl();
    void browserFieldsAsChromium();
    void browserFormPostAsChromium();
    void informationalAndDuplicates();
    void resetStreamEndsTheHop();
    void goAwayThenNewConnection();
    void throughProxyTunnel();

private:
    QUrl nginxUrl(quint16 port, const char *path) const
    {
        return QUrl(QStringLiteral("https://localhost:%1%2").arg(port).arg(QLatin1String(path)));
    }
    QString recorderUrl(const char *path) const
    {
        return QStringLiteral("https://localhost:%1%2")
            .arg(m_recorder->serverPort())
            .arg(QLatin1String(path));
    }
    Options trusting(Profile profile) const
    {
        Options o = profileOptions(profile);
        o.tls.caCertificates = m_pki.path("ca.crt");
        return o;
    }
    Options trustingRecorder(Profile profile) const
    {
        Options o = profileOptions(profile);
        o.tls.caCertificates = certFile("crt");
        return o;
    }
    static QString certFile(const char *ext)
    {
        return QStringLiteral(RWB_TEST_CERT_DIR "/localhost.") + QLatin1String(ext);
    }
    Trace trace(const QUrl &url, const Options &options, const QByteArray &method = "GET",
                const QByteArray &body = QByteArray())
    {
        Engine engine;
        if (!runToEnd(engine, request(url, method, body), options))
            qWarning("the engine did not finish");
        return engine.trace();
    }

    QTemporaryDir m_dir;
    TestPki m_pki{m_dir.path()};
    NginxProcess m_nginx;
    quint16 m_h2 = 0;  // nginx, TLS with http2
    quint16 m_h1 = 0;  // nginx, TLS without it
    H2Server *m_recorder = nullptr;
    QString m_curl;
};

void tst_EngineHttp2::initTestCase()
{
    m_curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    QVERIFY2(!m_curl.isEmpty(), "curl is missing: it is the reference client (scripts/deps.sh installs it)");
    QString error;
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_pki.make(&error), qPrintable(error));
    m_h2 = NginxProcess::freePort();
    m_h1 = NginxProcess::freePort();
    const QByteArray cert = QFile::encodeName(m_pki.path("server"));
    const QByteArray tls =
        "    ssl_certificate " + cert + ".crt;\n    ssl_certificate_key " + cert + ".key;\n";
    QFile big(m_dir.filePath(QStringLiteral("big.bin")));
    QVERIFY(big.open(QIODevice::WriteOnly));
    big.write(QByteArray(3 * 1024 * 1024 + 17, 'x'));  // over every flow-control window on the way
    big.close();
    const QByteArray http =
        "  absolute_redirect off;\n  default_type text/plain;\n  server {\n    listen 127.0.0.1:"
        + QByteArray::number(m_h2) + " ssl http2;\n" + tls
        + "    location = /a { add_header Set-Cookie \"x=1\"; add_header Set-Cookie \"y=2\"; return 302 /b; "
          "}\n"
          "    location = /b { return 200 \"b $server_protocol\\n\"; }\n"
          "    location = /post { return 303 /length; }\n"
          "    location = /length { return 200 \"$request_method $server_protocol $content_length\\n\"; }\n"
          "    location = /empty { return 204; }\n"
          "    location = /big.bin { root "
        + QFile::encodeName(m_dir.path())
        + "; }\n  }\n  server {\n    listen 127.0.0.1:" + QByteArray::number(m_h1) + " ssl;\n" + tls
        + "    location / { return 200 \"h1 $server_protocol\\n\"; }\n  }\n";
    QVERIFY2(m_nginx.start(http, {m_h2, m_h1}, &error), qPrintable(error));
    m_recorder = new H2Server(certFile("crt"), certFile("key"), this);
    QVERIFY(m_recorder->start());
}

void tst_EngineHttp2::nginxChain_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QByteArrayList>("pseudo");
    QTest::newRow("browser") << Profile::Browser
                             << QByteArrayList{":method", ":authority", ":scheme", ":path"};
    QTest::newRow("curl") << Profile::Curl << QByteArrayList{":method", ":path", ":scheme", ":authority"};
    QTest::newRow("strict") << Profile::Strict << QByteArrayList{":method", ":scheme", ":authority", ":path"};
}

// A 302 then a 200 over one HTTP/2 connection: both hops say so, the second reuses the connection, and
// the repeated Set-Cookie fields of the 302 are both there, in order.
void tst_EngineHttp2::nginxChain()
{
    QFETCH(Profile, profile);
    QFETCH(QByteArrayList, pseudo);
    const Trace t = trace(nginxUrl(m_h2, "/a"), trusting(profile));
    QCOMPARE(t.hops.size(), 2);
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    for (const Hop &hop : t.hops) {
        QVERIFY(hop.response);
        QCOMPARE(hop.response->httpVersion, QByteArray("2"));
        QCOMPARE(hop.response->reason, QByteArray());
        QCOMPARE(hop.tls.alpn, QByteArray("h2"));
        QCOMPARE(names(hop.request.headers).mid(0, 4), pseudo);
        QCOMPARE(fieldValue(hop.request.headers, ":scheme"), QByteArray("https"));
        QCOMPARE(fieldValue(hop.request.headers, ":authority"),
                 QStringLiteral("localhost:%1").arg(m_h2).toLatin1());
        for (const QByteArray &name : names(hop.request.headers))
            QCOMPARE(name, name.toLower());  // HTTP/2 field names are lower case (RFC 9113 §8.2.1)
        QVERIFY(!names(hop.request.headers).contains("host"));
        QVERIFY(!names(hop.request.headers).contains("connection"));
    }
    QCOMPARE(fieldValue(t.hops.at(0).request.headers, ":path"), QByteArray("/a"));
    QCOMPARE(fieldValue(t.hops.at(1).request.headers, ":path"), QByteArray("/b"));
    QCOMPARE(t.hops.at(0).response->status, 302);
    HeaderList cookies;
    for (const auto &f : t.hops.at(0).response->headers) {
        if (f.first == "set-cookie")
            cookies << f;
    }
    QCOMPARE(fieldLines(cookies), QStringLiteral("set-cookie: x=1\nset-cookie: y=2\n"));
    QVERIFY(!t.hops.at(0).connection.reused);
    QVERIFY(t.hops.at(1).connection.reused);
    QCOMPARE(t.hops.at(1).response->bodyPreview, QByteArray("b HTTP/2.0\n"));  // nginx's word for it
    QCOMPARE(t.hops.at(1).response->bodySize, 11);
}

// --http1.1: only http/1.1 offered, and the same server speaks HTTP/1.1.
void tst_EngineHttp2::nginxHttp11Only()
{
    Options o = trusting(Profile::Curl);
    o.httpVersion = HttpVersion::Http1_1;
    const Trace t = trace(nginxUrl(m_h2, "/a"), o);
    QCOMPARE(t.hops.size(), 2);
    QCOMPARE(t.hops.at(1).response->httpVersion, QByteArray("1.1"));
    QCOMPARE(t.hops.at(1).tls.alpn, QByteArray("http/1.1"));
    QCOMPARE(t.hops.at(1).response->bodyPreview, QByteArray("b HTTP/1.1\n"));
    QCOMPARE(names(t.hops.at(1).request.headers).first(), QByteArray("Host"));
}

// --http2 against a server without HTTP/2 ends the first hop with http2-refused; with HTTP/2 it is a trace.
void tst_EngineHttp2::http2Required()
{
    Options o = trusting(Profile::Curl);
    const Trace fallback = trace(nginxUrl(m_h1, "/x"), o);  // the default takes HTTP/1.1 when it is chosen
    QCOMPARE(fallback.outcome.kind, OutcomeKind::Final);
    QCOMPARE(fallback.hops.first().response->httpVersion, QByteArray("1.1"));
    o.httpVersion = HttpVersion::Http2;
    const Trace refused = trace(nginxUrl(m_h1, "/x"), o);
    QCOMPARE(refused.hops.size(), 1);
    QVERIFY(!refused.hops.first().response);
    QVERIFY(refused.hops.first().error);
    QCOMPARE(refused.hops.first().error->code, QStringLiteral("http2-refused"));
    QVERIFY2(refused.hops.first().error->message.contains(QLatin1String("ALPN: http/1.1")),
             qPrintable(refused.hops.first().error->message));
    QCOMPARE(refused.hops.first().tls.alpn, QByteArray("http/1.1"));
    const Trace required = trace(nginxUrl(m_h2, "/a"), o);
    QCOMPARE(required.outcome.kind, OutcomeKind::Final);
    QCOMPARE(required.hops.size(), 2);
}

// A POST body goes in DATA frames (nginx counts it), a 204 has none, HEAD gets none, and a 3 MiB body
// comes through every flow-control window whole.
void tst_EngineHttp2::nginxBodies()
{
    const Options o = trusting(Profile::Curl);
    const Trace post = trace(nginxUrl(m_h2, "/post"), o, "POST", QByteArray(70000, 'p'));
    QCOMPARE(post.hops.size(), 2);
    QCOMPARE(fieldValue(post.hops.at(0).request.headers, "content-length"), QByteArray("70000"));
    QCOMPARE(post.hops.at(1).response->bodyPreview, QByteArray("GET HTTP/2.0 \n"));  // 303: GET, no body

    const Trace empty = trace(nginxUrl(m_h2, "/empty"), o);
    QCOMPARE(empty.hops.first().response->status, 204);
    QCOMPARE(empty.hops.first().response->bodySize, 0);

    const Trace head = trace(nginxUrl(m_h2, "/big.bin"), o, "HEAD");
    QCOMPARE(head.hops.first().response->status, 200);
    QCOMPARE(fieldValue(head.hops.first().response->headers, "content-length"), QByteArray("3145745"));
    QCOMPARE(head.hops.first().response->bodySize, 0);

    const Trace big = trace(nginxUrl(m_h2, "/big.bin"), o);
    QCOMPARE(big.outcome.kind, OutcomeKind::Final);
    QCOMPARE(big.hops.first().response->httpVersion, QByteArray("2"));
    QCOMPARE(big.hops.first().response->bodySize, 3 * 1024 * 1024 + 17);
}

void tst_EngineHttp2::sameFieldsAsCurl_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("-L") << QStringList{QStringLiteral("-L")} << QByteArray("/start");
    QTest::newRow("-L -d (303)") << QStringList{QStringLiteral("-L"), QStringLiteral("-d"),
                                                QStringLiteral("a=1")}
                                 << QByteArray("/post");
    QTest::newRow("-L -b -H -A") << QStringList{QStringLiteral("-L"),        QStringLiteral("-b"),
                                                QStringLiteral("c=2"),       QStringLiteral("-H"),
                                                QStringLiteral("X-Test: 1"), QStringLiteral("-A"),
                                                QStringLiteral("agent")}
                                 << QByteArray("/start");
    QTest::newRow("-L -u --compressed") << QStringList{QStringLiteral("-L"), QStringLiteral("-u"),
                                                       QStringLiteral("a:b"), QStringLiteral("--compressed")}
                                        << QByteArray("/start");
}

// Real curl 7.88.1 (--http2, its nghttp2) and the engine's curl profile, given the same command line, send
// the same fields in the same order on each hop, on one connection.
void tst_EngineHttp2::sameFieldsAsCurl()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, path);
    m_recorder->answer("/start",
                       {302, {{"location", "/next"}, {"set-cookie", "a=1; Path=/"}}, "", {}, false, false});
    m_recorder->answer("/post", {303, {{"location", "/next"}}, "", {}, false, false});
    m_recorder->answer(
        "/next", {200, {{"content-type", "text/html"}}, "<html><body>ok</body></html>", {}, false, false});
    const QString url = recorderUrl(path.constData());
    const QStringList common{QStringLiteral("--cacert"), certFile("crt")};

    m_recorder->clearReceived();
    const RwbTest::ProcessRun run = RwbTest::runProcess(
        m_curl, QStringList{QStringLiteral("-q"), QStringLiteral("-s"), QStringLiteral("-o"),
                            QStringLiteral("/dev/null"), QStringLiteral("--http2")}
                    + common + args + QStringList{url});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    const QList<H2Server::Received> byCurl = m_recorder->received();

    QStringList words{QStringLiteral("curl")};
    for (const QString &a : common + args + QStringList{url})
        words << shellQuote(a.toUtf8());
    const CurlParseResult parsed = parseCurlCommand(words.join(QLatin1Char(' ')));
    QVERIFY2(parsed.command, qPrintable(parsed.error));
    Options options = parsed.command->options;
    options.timeoutMs = 10000;
    m_recorder->clearReceived();
    Engine engine;
    QVERIFY(runToEnd(engine, parsed.command->request, options));
    const QList<H2Server::Received> byEngine = m_recorder->received();

    QCOMPARE(byEngine.size(), 2);
    QCOMPARE(byCurl.size(), 2);
    for (qsizetype i = 0; i < byCurl.size(); ++i) {
        QCOMPARE(byEngine.at(i).lines(), byCurl.at(i).lines());
        QCOMPARE(byEngine.at(i).body, byCurl.at(i).body);
        QCOMPARE(byEngine.at(i).stream, byCurl.at(i).stream);  // 1 then 3: one connection, as curl
        QCOMPARE(byEngine.at(i).connection, byEngine.first().connection);
        // The trace shows what the server received.
        QCOMPARE(fieldLines(engine.trace().hops.at(i).request.headers), byEngine.at(i).lines());
    }
}

// The browser profile's fields for a navigation and its redirect, in the order Debian's Chromium 156
// (headless, --dump-dom https://localhost:PORT/start) sent them to a recording HTTP/2 server, the 302
// setting a cookie. The profile's User-Agent and brands are Chrome's, not HeadlessChrome's: those values
// differ by design; names, order and the other values are Chromium's.
void tst_EngineHttp2::browserFieldsAsChromium()
{
    m_recorder->answer("/start",
                       {302, {{"location", "/next"}, {"set-cookie", "a=1; Path=/"}}, "", {}, false, false});
    m_recorder->answer(
        "/next", {200, {{"content-type", "text/html"}}, "<html><body>ok</body></html>", {}, false, false});
    m_recorder->clearReceived();
    const Trace t = trace(QUrl(recorderUrl("/start")), trustingRecorder(Profile::Browser));
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    const QList<H2Server::Received> got = m_recorder->received();
    QCOMPARE(got.size(), 2);
    const QByteArray authority = "localhost:" + QByteArray::number(m_recorder->serverPort());
    // Measured: Chromium 156.0.8078.114, both requests on one connection (streams 1 and 3).
    const QList<QByteArrayList> measured{
        {":method: GET", ":authority: " + authority, ":scheme: https", ":path: /start", "sec-ch-ua: *",
         "sec-ch-ua-mobile: ?0", "sec-ch-ua-platform: \"Linux\"", "upgrade-insecure-requests: 1",
         "user-agent: *", "accept: " + kNavigationAccept, "sec-fetch-site: none", "sec-fetch-mode: navigate",
         "sec-fetch-user: ?1", "sec-fetch-dest: document", "accept-encoding: gzip, deflate, br, zstd",
         "accept-language: en-US,en;q=0.9", "priority: u=0, i"},
        {":method: GET", ":authority: " + authority, ":scheme: https", ":path: /next",
         "upgrade-insecure-requests: 1", "user-agent: *", "accept: " + kNavigationAccept,
         "sec-fetch-site: none", "sec-fetch-mode: navigate", "sec-fetch-user: ?1", "sec-fetch-dest: document",
         "sec-ch-ua: *", "sec-ch-ua-mobile: ?0", "sec-ch-ua-platform: \"Linux\"",
         "accept-encoding: gzip, deflate, br, zstd", "accept-language: en-US,en;q=0.9", "cookie: a=1",
         "priority: u=0, i"}};
    for (qsizetype i = 0; i < 2; ++i) {
        QByteArrayList sent;
        for (const auto &[name, value] : got.at(i).fields)
            sent << name + ": " + (name == "user-agent" || name == "sec-ch-ua" ? QByteArray("*") : value);
        QCOMPARE(sent, measured.at(i));
        QCOMPARE(got.at(i).stream, int(2 * i + 1));
    }
}

// A form POST a page's script submits (no user activation), answered 303, as Debian's Chromium 156 sent it
// over HTTP/2 (measured by hand: --dump-dom of a page whose script submits a form to /post): Origin,
// Cache-Control and the body's fields on the POST, Cache-Control kept and the Referer still the form's on
// the GET after the 303. User-Agent and brands differ by design.
void tst_EngineHttp2::browserFormPostAsChromium()
{
    m_recorder->answer("/post", {303, {{"location", "/next"}}, "", {}, false, false});
    m_recorder->answer("/next", {200, {{"content-type", "text/html"}}, "ok", {}, false, false});
    m_recorder->clearReceived();
    Options o = trustingRecorder(Profile::Browser);
    o.context.from = QUrl(recorderUrl("/form"));
    o.context.userActivated = false;
    RequestSpec form = request(QUrl(recorderUrl("/post")), "POST", "a=1");
    form.formBody = true;  // an HTML form's urlencoded body
    Engine engine;
    QVERIFY(runToEnd(engine, form, o));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    const QList<H2Server::Received> got = m_recorder->received();
    QCOMPARE(got.size(), 2);
    const QByteArray origin = "https://localhost:" + QByteArray::number(m_recorder->serverPort());
    const QList<QByteArrayList> measured{
        {":method: POST",
         ":authority: " + origin.mid(8),
         ":scheme: https",
         ":path: /post",
         "content-length: 3",
         "cache-control: max-age=0",
         "sec-ch-ua: *",
         "sec-ch-ua-mobile: ?0",
         "sec-ch-ua-platform: \"Linux\"",
         "upgrade-insecure-requests: 1",
         "content-type: application/x-www-form-urlencoded",
         "user-agent: *",
         "origin: " + origin,
         "accept: " + kNavigationAccept,
         "sec-fetch-site: same-origin",
         "sec-fetch-mode: navigate",
         "sec-fetch-dest: document",
         "referer: " + origin + "/form",
         "accept-encoding: gzip, deflate, br, zstd",
         "accept-language: en-US,en;q=0.9",
         "priority: u=0, i"},
        {":method: GET", ":authority: " + origin.mid(8), ":scheme: https", ":path: /next",
         "cache-control: max-age=0", "upgrade-insecure-requests: 1", "user-agent: *",
         "accept: " + kNavigationAccept, "sec-fetch-site: same-origin", "sec-fetch-mode: navigate",
         "sec-fetch-dest: document", "sec-ch-ua: *", "sec-ch-ua-mobile: ?0", "sec-ch-ua-platform: \"Linux\"",
         "referer: " + origin + "/form", "accept-encoding: gzip, deflate, br, zstd",
         "accept-language: en-US,en;q=0.9", "priority: u=0, i"}};
    for (qsizetype i = 0; i < 2; ++i) {
        QByteArrayList sent;
        for (const auto &[name, value] : got.at(i).fields)
            sent << name + ": " + (name == "user-agent" || name == "sec-ch-ua" ? QByteArray("*") : value);
        QCOMPARE(sent, measured.at(i));
    }
    QCOMPARE(got.at(0).body, QByteArray("a=1"));
}

// 1xx heads before the answer (103 Early Hints) are kept with the hop, the answer's repeated fields stay
// apart and in order, and a field name HTTP/1.1 could not carry is still in the trace.
void tst_EngineHttp2::informationalAndDuplicates()
{
    m_recorder->answer("/early", {302,
                                  {{"location", "/next"},
                                   {"link", "</a.css>; rel=preload"},
                                   {"link", "</b.js>; rel=preload"},
                                   {"x-odd", "a\x01value"}},
                                  "",
                                  {{{":status", "103"}, {"link", "</a.css>; rel=preload"}}},
                                  false,
                                  false});
    Options o = trustingRecorder(Profile::Curl);
    o.maxRedirects = 0;
    const Trace t = trace(QUrl(recorderUrl("/early")), o);
    QCOMPARE(t.hops.size(), 1);
    QVERIFY(t.hops.first().response);
    const WireResponse &r = *t.hops.first().response;
    QCOMPARE(r.status, 302);
    QCOMPARE(fieldLines(r.headers), QStringLiteral("location: /next\nlink: </a.css>; rel=preload\n"
                                                   "link: </b.js>; rel=preload\nx-odd: a\x01value\n"));
    QCOMPARE(r.location.path(), QStringLiteral("/next"));
}

// A stream the server resets ends the hop with the reason (the connection may stay: the next run works).
void tst_EngineHttp2::resetStreamEndsTheHop()
{
    m_recorder->answer("/reset", {200, {}, "", {}, true, false});
    const Trace t = trace(QUrl(recorderUrl("/reset")), trustingRecorder(Profile::Curl));
    QCOMPARE(t.hops.size(), 1);
    QVERIFY(!t.hops.first().response);
    QVERIFY(t.hops.first().error);
    QCOMPARE(t.hops.first().error->code, QStringLiteral("http2-error"));
    QVERIFY2(t.hops.first().error->message.contains(QLatin1String("INTERNAL_ERROR")),
             qPrintable(t.hops.first().error->message));
    QCOMPARE(t.outcome.kind, OutcomeKind::NetworkError);
}

// A GOAWAY after a response: the next hop goes on a new connection, and the chain goes on.
void tst_EngineHttp2::goAwayThenNewConnection()
{
    m_recorder->answer("/away", {302, {{"location", "/next"}}, "", {}, false, true});
    m_recorder->answer("/next", {200, {}, "ok", {}, false, false});
    m_recorder->clearReceived();
    const Trace t = trace(QUrl(recorderUrl("/away")), trustingRecorder(Profile::Curl));
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    QCOMPARE(t.hops.size(), 2);
    QCOMPARE(t.hops.at(1).response->bodyPreview, QByteArray("ok"));
    QVERIFY(!t.hops.at(1).connection.reused);
    const QList<H2Server::Received> got = m_recorder->received();
    QCOMPARE(got.size(), 2);
    QVERIFY(got.at(1).connection != got.at(0).connection);
    QCOMPARE(got.at(1).stream, 1);
}

// Through Debian's tinyproxy: the CONNECT tunnel carries TLS with ALPN as a direct connection does, so
// HTTP/2 is negotiated with the origin and both hops go on the one tunnel.
void tst_EngineHttp2::throughProxyTunnel()
{
    TinyproxyProcess tinyproxy;
    QString error;
    QVERIFY2(tinyproxy.start({}, {}, &error), qPrintable(error));
    Options o = trusting(Profile::Curl);
    o.proxy = QStringLiteral("http://127.0.0.1:%1").arg(tinyproxy.port());
    const Trace t = trace(nginxUrl(m_h2, "/a"), o);
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    QCOMPARE(t.hops.size(), 2);
    QVERIFY(t.hops.at(0).connection.proxyConnect.startsWith("CONNECT localhost:"));
    for (const Hop &hop : t.hops) {
        QCOMPARE(hop.response->httpVersion, QByteArray("2"));
        QCOMPARE(hop.tls.alpn, QByteArray("h2"));
        QCOMPARE(hop.connection.proxy, o.proxy.value());
    }
    QVERIFY(t.hops.at(1).connection.reused);
    QCOMPARE(t.hops.at(1).response->bodyPreview, QByteArray("b HTTP/2.0\n"));
}

QTEST_GUILESS_MAIN(tst_EngineHttp2)
#include "tst_engine_http2.moc"
