// Proxies, against real proxies started by the test: the http proxy's absolute-form requests and CONNECT
// as real curl 7.88.1 sends them (byte for byte, through the same in-process proxy), Debian's tinyproxy
// (plain http, https through CONNECT, Basic credentials demanded), an in-process SOCKS5 proxy (socks5 and
// socks5h, credentials), and the environment's proxies as curl reads them.
#include "core/formats/curlcommand.h"
#include "core/formats/curlexport.h"
#include "support/enginerunner.h"
#include "support/processrun.h"
#include "support/scriptedserver.h"
#include "support/socks5server.h"
#include "support/tinyproxyprocess.h"

#include <QStandardPaths>

using namespace Rwb;
using namespace Rwb::Test;

class tst_EngineProxy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void httpProxyBytesAsCurl_data();
    void httpProxyBytesAsCurl();
    void connectBytesAsCurl();
    void browserAndStrictThroughHttpProxy();
    void browserNeverProxiesLoopback();
    void tinyproxyPlainHttp();
    void tinyproxyDemandsCredentials();
    void tinyproxyHttpsTunnel();
    void tinyproxyRefusesTunnel();
    void proxyNotListening();
    void socks5_data();
    void socks5();
    void socks5Credentials();
    void socks5Refuses();
    void curlProfileReadsTheEnvironment();

private:
    // The requests the server got from real curl run with `args` then `url` (no ~/.curlrc, no environment).
    QList<ReceivedRequest> runCurl(ScriptedServer *server, const QStringList &args, const QString &url);
    // The engine's trace of the same command line, read by the curl import.
    Trace runEngineAsCurl(const QStringList &args, const QString &url);
    // A TLS origin with a chain /a → 302 /b → 200 "tls-ok", and Options that trust its certificate.
    ScriptedServer *tlsOrigin();

    QString m_curl;
    ScriptedServer *m_origin = nullptr;  // http: /a → 302 /b (on localhost) → 200 "ok"
    ScriptedServer *m_proxy = nullptr;   // an http proxy that answers itself: what clients send a proxy
};

namespace {

Options curlOptions()
{
    Options o = profileOptions(Profile::Curl);
    o.proxy = QString();  // none unless a row says: the machine's environment stays out
    return o;
}

Reply body(const QByteArray &bytes)
{
    Reply r;
    r.body = bytes;
    return r;
}

QString certificateFile()
{
    return ScriptedServer::certificateDir() + QStringLiteral("/localhost.crt");
}

}  // namespace

void tst_EngineProxy::initTestCase()
{
    m_curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    QVERIFY2(!m_curl.isEmpty(), "curl is missing: it is the reference client (scripts/deps.sh installs it)");
    QVERIFY2(QFile::exists(QStringLiteral("/usr/bin/tinyproxy")),
             "tinyproxy is missing: scripts/deps.sh installs Debian's package");
}

void tst_EngineProxy::init()
{
    m_origin = new ScriptedServer(this);
    QVERIFY(m_origin->listen());
    m_origin->on(
        "/a", ScriptedServer::redirect(
                  302, m_origin->urlWithHost(QStringLiteral("localhost"), QStringLiteral("/b")).toEncoded()));
    m_origin->on("/b", body(QByteArrayLiteral("ok")));
    // As a proxy: absolute-form requests for chain.test, answered as an origin would; CONNECT refused.
    m_proxy = new ScriptedServer(this);
    QVERIFY(m_proxy->listen());
    m_proxy->setDefaultHandler([](const ReceivedRequest &r) {
        if (r.method == "CONNECT") {
            Reply refuse;
            refuse.status = 407;
            refuse.addHeader("Proxy-Authenticate", "Basic realm=\"test\"");
            refuse.close = true;
            return refuse;
        }
        if (r.path() == "/a")
            return ScriptedServer::redirect(302, "/b");
        return body(QByteArrayLiteral("via proxy"));
    });
}

void tst_EngineProxy::cleanup()
{
    delete m_origin;
    delete m_proxy;
    m_origin = m_proxy = nullptr;
    qunsetenv("http_proxy");
    qunsetenv("no_proxy");
}

QList<ReceivedRequest> tst_EngineProxy::runCurl(ScriptedServer *server, const QStringList &args,
                                                const QString &url)
{
    server->clearRequests();
    const RwbTest::ProcessRun run =
        RwbTest::runProcess(m_curl, QStringList{QStringLiteral("-q"), QStringLiteral("-s"),
                                                QStringLiteral("-o"), QStringLiteral("/dev/null")}
                                        + args + QStringList{url});
    if (!run.finished)
        qWarning("curl: %s", qPrintable(run.describe()));
    return server->requests();
}

Trace tst_EngineProxy::runEngineAsCurl(const QStringList &args, const QString &url)
{
    QStringList words{QStringLiteral("curl")};
    for (const QString &a : args + QStringList{url})
        words << shellQuote(a.toUtf8());
    const CurlParseResult parsed = parseCurlCommand(words.join(QLatin1Char(' ')));
    if (!parsed.command) {
        qWarning("import: %s", qPrintable(parsed.error));
        return Trace();
    }
    Options options = parsed.command->options;
    options.timeoutMs = 10000;
    Engine engine;
    if (!runToEnd(engine, parsed.command->request, options))
        qWarning("the engine did not finish");
    return engine.trace();
}

ScriptedServer *tst_EngineProxy::tlsOrigin()
{
    auto *server = new ScriptedServer(this);
    if (!server->listen(ScriptedServer::Mode::Tls))
        return nullptr;
    server->on("/a", ScriptedServer::redirect(302, "/b"));
    server->on("/b", body(QByteArrayLiteral("tls-ok")));
    return server;
}

void tst_EngineProxy::httpProxyBytesAsCurl_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("-L") << QStringList{QStringLiteral("-L")};
    QTest::newRow("-L, credentials in the URL")
        << QStringList{QStringLiteral("-L"), QStringLiteral("--proxy-user"), QStringLiteral("u:p@")};
    QTest::newRow("-L -d -b -H -u") << QStringList{
        QStringLiteral("-L"),     QStringLiteral("-d"),  QStringLiteral("x=1"),
        QStringLiteral("-b"),     QStringLiteral("c=1"), QStringLiteral("-H"),
        QStringLiteral("X-A: 1"), QStringLiteral("-u"),  QStringLiteral("a:b")};
    QTest::newRow("-H Proxy-Connection replaces curl's")
        << QStringList{QStringLiteral("-L"), QStringLiteral("-H"), QStringLiteral("Proxy-Connection: close")};
}

void tst_EngineProxy::httpProxyBytesAsCurl()
{
    QFETCH(QStringList, args);
    args << QStringLiteral("-x") << QStringLiteral("http://127.0.0.1:%1").arg(m_proxy->port());
    const QString url = QStringLiteral("http://chain.test:8080/a?q=1");
    const QList<ReceivedRequest> byCurl = runCurl(m_proxy, args, url);
    QCOMPARE(byCurl.size(), 2);
    QCOMPARE(byCurl.at(0).target, QByteArray("http://chain.test:8080/a?q=1"));
    m_proxy->clearRequests();
    const Trace trace = runEngineAsCurl(args, url);
    const QList<ReceivedRequest> byRwb = m_proxy->requests();
    QCOMPARE(byRwb.size(), 2);
    for (qsizetype i = 0; i < byCurl.size(); ++i) {
        QCOMPARE(byRwb.at(i).raw, byCurl.at(i).raw);
        QCOMPARE(trace.hops.at(i).request.headers, byRwb.at(i).headers);  // the hop records what went out
        const QString user = args.contains(QStringLiteral("--proxy-user")) ? QStringLiteral("u@") : QString();
        QCOMPARE(trace.hops.at(i).connection.proxy, QStringLiteral("http://") + user
                                                        + QStringLiteral("127.0.0.1:")
                                                        + QString::number(m_proxy->port()));
    }
    QCOMPARE(trace.outcome.finalStatus, 200);
    QVERIFY(noteText(trace.hops.at(0), NoteCode::ViaProxy).contains(QLatin1String("(--proxy)")));
    QVERIFY(noteText(trace.hops.at(1), NoteCode::ViaProxy).isEmpty());  // said once per proxy in a chain
}

void tst_EngineProxy::connectBytesAsCurl()
{
    // https through an http proxy: the CONNECT as curl writes it; the proxy's 407 ends the hop.
    const QString proxy = QStringLiteral("http://us:pw@127.0.0.1:%1").arg(m_proxy->port());
    const QStringList args{QStringLiteral("-L"),
                           QStringLiteral("-x"),
                           proxy,
                           QStringLiteral("-A"),
                           QStringLiteral("agent/1"),
                           QStringLiteral("-H"),
                           QStringLiteral("X-Not-For-The-Proxy: 1")};
    const QString url = QStringLiteral("https://secure.test/a");
    const QList<ReceivedRequest> byCurl = runCurl(m_proxy, args, url);
    QCOMPARE(byCurl.size(), 1);
    QCOMPARE(byCurl.at(0).method, QByteArray("CONNECT"));
    m_proxy->clearRequests();
    const Trace trace = runEngineAsCurl(args, url);
    QCOMPARE(m_proxy->requests().size(), 1);
    QCOMPARE(m_proxy->requests().at(0).raw, byCurl.at(0).raw);
    QCOMPARE(trace.hops.size(), 1);
    const Hop &hop = trace.hops.at(0);
    QVERIFY(!hop.response);
    QVERIFY(hop.error);
    QCOMPARE(hop.error->code, QStringLiteral("proxy-error"));
    QVERIFY2(
        hop.error->message.contains(QLatin1String("refused the CONNECT to secure.test:443: HTTP/1.1 407")),
        qPrintable(hop.error->message));
    QCOMPARE(hop.connection.proxyConnect, byCurl.at(0).raw);
    QVERIFY(hop.connection.proxyConnectResponse.startsWith("HTTP/1.1 407 "));
    QCOMPARE(trace.outcome.kind, OutcomeKind::NetworkError);
}

void tst_EngineProxy::browserAndStrictThroughHttpProxy()
{
    for (const Profile profile : {Profile::Browser, Profile::Strict}) {
        m_proxy->clearRequests();
        Options o = profileOptions(profile);
        o.proxy = QStringLiteral("http://u:p@127.0.0.1:%1").arg(m_proxy->port());
        Engine engine;
        QVERIFY(runToEnd(engine, request(QUrl(QStringLiteral("http://chain.test/a"))), o));
        QCOMPARE(engine.trace().outcome.finalStatus, 200);
        const QList<ReceivedRequest> got = m_proxy->requests();
        QCOMPARE(got.size(), 2);
        QCOMPARE(got.at(1).target, QByteArray("http://chain.test/b"));
        QCOMPARE(got.at(0).header("Proxy-Authorization"), QByteArray("Basic dTpw"));
        if (profile == Profile::Browser) {
            // Chromium: Proxy-Connection in Connection's place, right after Host.
            QCOMPARE(got.at(0).headers.at(1),
                     (QPair<QByteArray, QByteArray>("Proxy-Connection", "keep-alive")));
            QVERIFY(!got.at(0).hasHeader("Connection"));
        } else {
            QVERIFY(!got.at(0).hasHeader("Proxy-Connection"));
            QCOMPARE(got.at(0).headers.at(1).first, QByteArray("Proxy-Authorization"));
        }
        QCOMPARE(engine.trace().hops.at(0).request.headers, got.at(0).headers);
    }
}

void tst_EngineProxy::browserNeverProxiesLoopback()
{
    // Chromium's implicit bypass rules: localhost and 127.0.0.0/8 go direct whatever the proxy, unless the
    // bypass list says <-loopback>. The other profiles send them to the proxy (curl has no such rule).
    Options o = profileOptions(Profile::Browser);
    o.proxy = QStringLiteral("http://127.0.0.1:%1").arg(m_proxy->port());
    {
        Engine engine;
        QVERIFY(runToEnd(engine, request(m_origin->url(QStringLiteral("/a"))), o));
        QCOMPARE(engine.trace().outcome.finalStatus, 200);
        QCOMPARE(m_origin->requestCount(), 2);
        QCOMPARE(m_proxy->requestCount(), 0);
        QVERIFY(engine.trace().hops.at(0).connection.proxy.isEmpty());
    }
    o.noProxy = QStringLiteral("<-loopback>");
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_origin->url(QStringLiteral("/b"))), o));
    QCOMPARE(m_proxy->requestCount(), 1);
    QCOMPARE(m_proxy->requests().at(0).target, m_origin->url(QStringLiteral("/b")).toEncoded());
    Options curl = curlOptions();
    curl.proxy = o.proxy;
    Engine viaCurl;
    QVERIFY(runToEnd(viaCurl, request(m_origin->url(QStringLiteral("/b"))), curl));
    QCOMPARE(m_proxy->requestCount(), 2);
}

void tst_EngineProxy::tinyproxyPlainHttp()
{
    TinyproxyProcess tinyproxy;
    QString error;
    QVERIFY2(tinyproxy.start({}, {}, &error), qPrintable(error));
    Options o = curlOptions();
    o.proxy = QStringLiteral("127.0.0.1:%1").arg(tinyproxy.port());
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_origin->url(QStringLiteral("/a"))), o));
    const Trace &t = engine.trace();
    QCOMPARE(t.hops.size(), 2);
    QCOMPARE(t.outcome.finalStatus, 200);
    QCOMPARE(t.hops.at(1).response->bodyPreview, QByteArray("ok"));
    QCOMPARE(m_origin->requestCount(), 2);  // tinyproxy passed both on
    for (const Hop &hop : t.hops) {
        QCOMPARE(hop.connection.proxy, QStringLiteral("http://127.0.0.1:%1").arg(tinyproxy.port()));
        QCOMPARE(hop.connection.port, int(tinyproxy.port()));  // the connection was to the proxy
        QVERIFY(hop.connection.proxyConnect.isEmpty());        // plain http: no tunnel
    }
    QVERIFY(tinyproxy.log().contains(QLatin1String("/a")));
}

void tst_EngineProxy::tinyproxyDemandsCredentials()
{
    TinyproxyProcess tinyproxy;
    QString error;
    QVERIFY2(tinyproxy.start("rwb", "s3cret", &error), qPrintable(error));
    Options o = curlOptions();
    o.proxy = QStringLiteral("127.0.0.1:%1").arg(tinyproxy.port());
    {
        Engine engine;  // without credentials: the proxy's 407 is the response
        QVERIFY(runToEnd(engine, request(m_origin->url(QStringLiteral("/a"))), o));
        QCOMPARE(engine.trace().hops.size(), 1);
        QCOMPARE(engine.trace().outcome.finalStatus, 407);
        QVERIFY(hasHeader(engine.trace().hops.at(0).response->headers, "Proxy-Authenticate"));
        bool said = false;
        for (const Note &n : engine.trace().hops.at(0).notes)
            said =
                said || n.message.contains(QLatin1String("asks for credentials (Proxy-Authenticate: Basic"));
        QVERIFY(said);
        QCOMPARE(m_origin->requestCount(), 0);
    }
    o.proxyUser = QStringLiteral("rwb:s3cret");
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_origin->url(QStringLiteral("/a"))), o));
    QCOMPARE(engine.trace().outcome.finalStatus, 200);
    QCOMPARE(m_origin->requestCount(), 2);
    // The credentials were for the proxy: tinyproxy took them off.
    QVERIFY(!m_origin->requests().at(0).hasHeader("Proxy-Authorization"));
    QCOMPARE(headerValue(engine.trace().hops.at(0).request.headers, "Proxy-Authorization"),
             QByteArray("Basic ") + QByteArray("rwb:s3cret").toBase64());
}

void tst_EngineProxy::tinyproxyHttpsTunnel()
{
    ScriptedServer *origin = tlsOrigin();
    QVERIFY(origin);
    TinyproxyProcess tinyproxy;
    QString error;
    QVERIFY2(tinyproxy.start("rwb", "s3cret", &error), qPrintable(error));
    Options o = curlOptions();
    o.proxy = QStringLiteral("http://rwb:s3cret@127.0.0.1:%1").arg(tinyproxy.port());
    o.tls.caCertificates = certificateFile();
    const QUrl url = origin->urlWithHost(QStringLiteral("localhost"), QStringLiteral("/a"));
    Engine engine;
    QVERIFY(runToEnd(engine, request(url), o));
    const Trace &t = engine.trace();
    QVERIFY2(t.outcome.kind == OutcomeKind::Final, qPrintable(t.outcome.message));
    QCOMPARE(t.hops.size(), 2);
    QCOMPARE(t.hops.at(1).response->bodyPreview, QByteArray("tls-ok"));
    const Hop &first = t.hops.at(0);
    QVERIFY(first.tls.used);
    QVERIFY(first.tls.errors.isEmpty());
    const QByteArray authority = "localhost:" + QByteArray::number(origin->port());
    QCOMPARE(first.connection.proxyConnect,
             "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority
                 + "\r\nProxy-Authorization: Basic cndiOnMzY3JldA==\r\nUser-Agent: curl/7.88.1\r\n"
                   "Proxy-Connection: Keep-Alive\r\n\r\n");
    QVERIFY2(first.connection.proxyConnectResponse.startsWith("HTTP/1.0 200 Connection established\r\n"),
             first.connection.proxyConnectResponse.constData());
    QVERIFY(noteText(first, NoteCode::ViaProxy).contains(QLatin1String("in a CONNECT tunnel")));
    // The second hop went over the same tunnel: no CONNECT of its own.
    QVERIFY(t.hops.at(1).connection.reused);
    QVERIFY(t.hops.at(1).connection.proxyConnect.isEmpty());
    QCOMPARE(t.hops.at(1).connection.proxy, first.connection.proxy);
    QVERIFY(!first.connection.proxy.contains(QLatin1String("s3cret")));  // never the password
    QCOMPARE(origin->requestCount(), 2);
    delete origin;
}

void tst_EngineProxy::tinyproxyRefusesTunnel()
{
    ScriptedServer *origin = tlsOrigin();
    QVERIFY(origin);
    TinyproxyProcess tinyproxy;
    QString error;
    QVERIFY2(tinyproxy.start("rwb", "s3cret", &error), qPrintable(error));
    Options o = curlOptions();
    o.proxy = QStringLiteral("127.0.0.1:%1").arg(tinyproxy.port());  // no credentials
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(origin->urlWithHost(QStringLiteral("localhost"), QStringLiteral("/a"))), o));
    const Trace &t = engine.trace();
    QCOMPARE(t.hops.size(), 1);
    QVERIFY(t.hops.at(0).error);
    QVERIFY2(t.hops.at(0).error->message.contains(QLatin1String("refused the CONNECT")),
             qPrintable(t.hops.at(0).error->message));
    QVERIFY(t.hops.at(0).error->message.contains(QLatin1String("407")));
    QVERIFY(t.outcome.message.startsWith(QLatin1String("Proxy error on hop 0: ")));
    QCOMPARE(origin->requestCount(), 0);
    delete origin;
}

void tst_EngineProxy::proxyNotListening()
{
    const quint16 port = NginxProcess::freePort();
    for (const QString &scheme : {QStringLiteral("http"), QStringLiteral("socks5h")}) {
        for (const QString &target :
             {QStringLiteral("http://localhost:1/"), QStringLiteral("https://localhost:1/")}) {
            Options o = curlOptions();
            o.proxy = QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(port);
            Engine engine;
            QVERIFY(runToEnd(engine, request(QUrl(target)), o));
            const Trace &t = engine.trace();
            QCOMPARE(t.hops.size(), 1);
            QVERIFY(t.hops.at(0).error);
            QCOMPARE(t.hops.at(0).error->code, QStringLiteral("proxy-error"));
            QVERIFY2(t.hops.at(0).error->message.contains(
                         QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(port)),
                     qPrintable(t.hops.at(0).error->message));
            QVERIFY2(t.hops.at(0).error->message.contains(QLatin1String("refused"), Qt::CaseInsensitive),
                     qPrintable(t.hops.at(0).error->message));
        }
    }
}

void tst_EngineProxy::socks5_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<bool>("https");
    QTest::addColumn<QByteArray>("addressType");
    QTest::addColumn<QString>("host");
    QTest::newRow("socks5, http: the name looked up here")
        << "socks5" << false << QByteArray("ipv4") << "127.0.0.1";
    QTest::newRow("socks5h, http: the proxy looks it up")
        << "socks5h" << false << QByteArray("name") << "localhost";
    QTest::newRow("socks5, https") << "socks5" << true << QByteArray("ipv4") << "127.0.0.1";
    QTest::newRow("socks5h, https") << "socks5h" << true << QByteArray("name") << "localhost";
}

void tst_EngineProxy::socks5()
{
    QFETCH(QString, scheme);
    QFETCH(bool, https);
    ScriptedServer *tls = https ? tlsOrigin() : nullptr;
    ScriptedServer *origin = https ? tls : m_origin;
    QVERIFY(origin);
    Socks5Server socks;
    QVERIFY(socks.listen());
    Options o = curlOptions();
    o.proxy = QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(socks.port());
    o.tls.caCertificates = certificateFile();
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(origin->urlWithHost(QStringLiteral("localhost"), QStringLiteral("/a"))), o));
    const Trace &t = engine.trace();
    QVERIFY2(t.outcome.kind == OutcomeKind::Final, qPrintable(t.outcome.message));
    QCOMPARE(t.outcome.finalStatus, 200);
    QVERIFY(!socks.requests().isEmpty());
    const Socks5Server::Request r = socks.requests().first();
    QTEST(r.addressType, "addressType");
    QTEST(r.host, "host");
    QCOMPARE(r.port, origin->port());
    QCOMPARE(t.hops.at(0).connection.proxy, o.proxy.value());
    QVERIFY(t.hops.at(0).connection.proxyConnect.isEmpty());
    // The request itself is what a direct connection carries: origin-form.
    QCOMPARE(origin->requests().at(0).target, QByteArray("/a"));
    delete tls;
}

void tst_EngineProxy::socks5Credentials()
{
    Socks5Server socks;
    QVERIFY(socks.listen());
    socks.requireCredentials(QStringLiteral("rwb"), QStringLiteral("s3cret"));
    Options o = curlOptions();
    o.proxy = QStringLiteral("socks5h://rwb:s3cret@127.0.0.1:%1").arg(socks.port());
    {
        Engine engine;
        QVERIFY(runToEnd(engine, request(m_origin->url(QStringLiteral("/b"))), o));
        QCOMPARE(engine.trace().outcome.finalStatus, 200);
        QCOMPARE(socks.requests().at(0).user, QStringLiteral("rwb"));
        QCOMPARE(socks.requests().at(0).password, QStringLiteral("s3cret"));
    }
    o.proxy = QStringLiteral("socks5h://rwb:wrong@127.0.0.1:%1").arg(socks.port());
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_origin->url(QStringLiteral("/b"))), o));
    const Trace &t = engine.trace();
    QVERIFY(t.hops.at(0).error);
    QCOMPARE(t.hops.at(0).error->code, QStringLiteral("proxy-error"));
    QVERIFY2(t.hops.at(0).error->message.startsWith(
                 QStringLiteral("through the proxy socks5h://rwb@127.0.0.1:%1: ").arg(socks.port())),
             qPrintable(t.hops.at(0).error->message));
}

void tst_EngineProxy::socks5Refuses()
{
    Socks5Server socks;
    QVERIFY(socks.listen());
    socks.refuseWith('\x02');  // connection not allowed by ruleset
    Options o = curlOptions();
    o.proxy = QStringLiteral("socks5h://127.0.0.1:%1").arg(socks.port());
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_origin->url(QStringLiteral("/b"))), o));
    const Trace &t = engine.trace();
    QVERIFY(t.hops.at(0).error);
    QCOMPARE(t.hops.at(0).error->code, QStringLiteral("proxy-error"));
    QCOMPARE(m_origin->requestCount(), 0);
}

void tst_EngineProxy::curlProfileReadsTheEnvironment()
{
    qputenv("http_proxy", QStringLiteral("127.0.0.1:%1").arg(m_proxy->port()).toUtf8());
    Options o = profileOptions(Profile::Curl);  // no --proxy: the environment's
    {
        Engine engine;
        QVERIFY(runToEnd(engine, request(QUrl(QStringLiteral("http://chain.test/a"))), o));
        QCOMPARE(engine.trace().outcome.finalStatus, 200);
        QCOMPARE(m_proxy->requestCount(), 2);
        QVERIFY(
            noteText(engine.trace().hops.at(0), NoteCode::ViaProxy).contains(QLatin1String("(http_proxy)")));
    }
    // no_proxy sends the origin's host direct.
    qputenv("no_proxy", "localhost,127.0.0.1");
    m_proxy->clearRequests();
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_origin->url(QStringLiteral("/a"))), o));
    QCOMPARE(engine.trace().outcome.finalStatus, 200);
    QCOMPARE(m_proxy->requestCount(), 0);
    QCOMPARE(m_origin->requestCount(), 2);
    QVERIFY(engine.trace().hops.at(0).connection.proxy.isEmpty());
    // The strict profile takes no proxy from the environment.
    qunsetenv("no_proxy");
    Engine strict;
    QVERIFY(runToEnd(strict, request(m_origin->url(QStringLiteral("/b"))), profileOptions(Profile::Strict)));
    QCOMPARE(strict.trace().outcome.finalStatus, 200);
    QCOMPARE(m_proxy->requestCount(), 0);
}

QTEST_GUILESS_MAIN(tst_EngineProxy)
#include "tst_engine_proxy.moc"
