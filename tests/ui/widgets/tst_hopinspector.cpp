// Every tab of the hop inspector on hand-built hops and on a trace the real Engine recorded against the
// in-process ScriptedServer. Its parts (HeaderTableModel, BodyView) are tested in tst_bodyview.cpp.
#include "core/formats/tracejson.h"
#include "core/http/tracecookies.h"
#include "core/policy/explain.h"
#include "support/enginerunner.h"
#include "support/scriptedserver.h"
#include "support/uitest.h"
#include "widgets/bodyview.h"
#include "widgets/hopinspector.h"
#include "workbench/rowtablemodel.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>

using namespace Rwb;
using namespace Rwb::Test;

namespace {

Hop makeHop(int index, const QByteArray &method, const QString &url, const HeaderList &headers = {})
{
    Hop hop;
    hop.index = index;
    hop.request.method = method;
    hop.request.url = QUrl(url);
    hop.request.headers = headers;
    hop.timing = {1.5, 20, 25, {}};
    return hop;
}

WireResponse makeResponse(int status, const QByteArray &reason, const HeaderList &headers = {})
{
    WireResponse r;
    r.status = status;
    r.reason = reason;
    r.httpVersion = "1.1";
    r.headers = headers;
    return r;
}

// POST with a form body and cookies, answered 302 with a Location and two Set-Cookie lines, then GET.
Trace postRedirectTrace()
{
    Trace trace;
    trace.profile = QStringLiteral("browser");
    Hop first = makeHop(0, "POST", QStringLiteral("http://a.test/form"),
                        {{"Host", "a.test"},
                         {"Content-Type", "application/x-www-form-urlencoded"},
                         {"Cookie", "sid=1; theme=dark"}});
    first.request.body = "a=1";
    WireResponse r = makeResponse(302, "Found",
                                  {{"Location", "/next"},
                                   {"Set-Cookie", "id=7; Path=/; HttpOnly; SameSite=Lax"},
                                   {"Set-Cookie", "x=y; Secure"}});
    r.location = QUrl(QStringLiteral("http://a.test/next"));
    first.response = r;
    first.notes = {{QStringLiteral("method-changed"), QStringLiteral("POST became GET after a 302")},
                   {QStringLiteral("cookie-stored"), QStringLiteral("Stored id for a.test")}};
    Hop second = makeHop(1, "GET", QStringLiteral("http://a.test/next"), {{"Host", "a.test"}});
    second.response = makeResponse(200, "OK", {{"Content-Type", "application/json"}});
    second.response->bodyPreview = R"({"ok":true})";
    second.response->bodySize = 11;
    trace.hops = {first, second};
    trace.outcome.message = QStringLiteral("200 OK after 1 redirect");
    return trace;
}

Trace tlsTrace()
{
    Trace trace;
    trace.profile = QStringLiteral("curl");
    Hop hop = makeHop(0, "GET", QStringLiteral("https://localhost:8443/"), {{"Host", "localhost:8443"}});
    hop.response = makeResponse(200, "OK");
    hop.tls.used = true;
    hop.tls.protocol = QStringLiteral("TLSv1.3");
    hop.tls.cipher = QStringLiteral("TLS_AES_256_GCM_SHA384");
    hop.tls.peerSubject = QStringLiteral("localhost");
    hop.tls.peerIssuer = QStringLiteral("Test CA");
    hop.tls.peerExpiry = QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC);
    hop.tls.errors = {QStringLiteral("The certificate is self-signed, and untrusted")};
    hop.notes = {{QStringLiteral("tls-error-accepted"), QStringLiteral("TLS errors accepted (--insecure)")}};
    hop.connection = {QStringLiteral("::1"), 8443, false, {}, {}, {}};
    trace.hops = {hop};
    return trace;
}

Trace errorTrace()
{
    Trace trace;
    trace.profile = QStringLiteral("strict");
    Hop hop = makeHop(0, "GET", QStringLiteral("http://127.0.0.1:9/"));
    hop.error = HopError{QStringLiteral("connection-refused"), QStringLiteral("Connection refused")};
    trace.hops = {hop};
    return trace;
}

}  // namespace

class tst_HopInspector : public QObject
{
    Q_OBJECT

private slots:
    void inspector_placeholderWithoutHop();
    void inspector_postRedirect();
    void inspector_crossOriginRemovesAuthorization();
    void inspector_errorHop();
    void inspector_syntheticHstsHop();
    void inspector_tlsHop();
    void inspector_proxyHop();
    void inspector_http2Hop();
    void inspector_serverTextIsEscaped();
    void inspector_copyPutsCurlOnClipboard();
    void inspector_everyButtonHasToolTip();
    void inspector_darkPaletteColours();
    void inspector_cookieDecisions();
    void inspector_engineTrace();
    void render_tabs();
};

void tst_HopInspector::inspector_placeholderWithoutHop()
{
    HopInspector inspector;
    inspector.show();
    QVERIFY(!inspector.tabs()->isVisible());
    inspector.showHop(postRedirectTrace(), 0);
    QVERIFY(inspector.tabs()->isVisible());
    inspector.showHop(postRedirectTrace(), -1);
    QVERIFY(!inspector.tabs()->isVisible());
    inspector.showHop(postRedirectTrace(), 1);
    inspector.clear();
    QVERIFY(!inspector.tabs()->isVisible());
    QCOMPARE(inspector.tabs()->count(), 7);
}

void tst_HopInspector::inspector_postRedirect()
{
    const Trace trace = postRedirectTrace();
    HopInspector inspector;
    inspector.showHop(trace, 0);

    const QString request = inspector.tabText(QStringLiteral("Request"));
    QVERIFY2(request.contains(QLatin1String("POST http://a.test/form HTTP/1.1\n")), qPrintable(request));
    QVERIFY(request.contains(QLatin1String("Content-Type: application/x-www-form-urlencoded")));
    QVERIFY(request.contains(QLatin1String("Request body sent: 3 bytes")));
    // The body that was sent is shown under the headers (issue 13, item 4), not only its size.
    QVERIFY2(request.contains(QLatin1String("\na=1")), qPrintable(request));
    auto *sentBody = inspector.findChild<BodyView *>(QStringLiteral("requestBodyView"));
    QVERIFY(sentBody);
    QCOMPARE(sentBody->text(), QStringLiteral("a=1"));
    inspector.showHop(trace, 1);  // a GET after the 302: no body, no body view
    QVERIFY(!sentBody->isVisibleTo(&inspector));
    inspector.showHop(trace, 0);
    QVERIFY(!request.contains(QLatin1String("Synthetic")));

    const QString response = inspector.tabText(QStringLiteral("Response"));
    QVERIFY2(response.startsWith(QLatin1String("HTTP/1.1 302 Found\n")), qPrintable(response));
    QVERIFY(response.contains(
        QLatin1String("Set-Cookie: id=7; Path=/; HttpOnly; SameSite=Lax\nSet-Cookie: x=y; Secure")));
    QVERIFY(response.contains(QLatin1String("Location header: /next\nResolved to: http://a.test/next")));
    QVERIFY(response.contains(
        QLatin1String("Started at 1.5 ms, response at 20 ms, ended at 25 ms (took 24 ms)")));

    QCOMPARE(inspector.tabText(QStringLiteral("Body")), QStringLiteral("No body"));

    const QString cookies = inspector.tabText(QStringLiteral("Cookies"));
    QVERIFY2(cookies.contains(QLatin1String("sid: 1\ntheme: dark")), qPrintable(cookies));
    QVERIFY(cookies.contains(
        QLatin1String("id: 7 (domain (this host), path /, expires session, HttpOnly, SameSite=Lax)")));
    QVERIFY(cookies.contains(
        QLatin1String("x: y (domain (this host), path (default), expires session, Secure)")));
    // A cookie note without subject and reason (an older trace) shows its whole message as the reason.
    QVERIFY(cookies.contains(QStringLiteral("Cookie decisions\n— stored: Stored id for a.test")));
    QVERIFY(!cookies.contains(QLatin1String("No cookies")));

    QCOMPARE(inspector.tabText(QStringLiteral("Changes")),
             QStringLiteral("First request: nothing to compare"));
    const QString explain = inspector.tabText(QStringLiteral("Explain"));
    QVERIFY2(explain.startsWith(explainStatus(302).title), qPrintable(explain));
    QVERIFY(explain.contains(QLatin1String("POST became GET")));
    const QString curl = inspector.tabText(QStringLiteral("curl"));
    QVERIFY2(curl.contains(QLatin1String("http://a.test/form")) && curl.startsWith(QLatin1String("curl")),
             qPrintable(curl));

    inspector.showHop(trace, 1);
    const QString changes = inspector.tabText(QStringLiteral("Changes"));
    QVERIFY2(
        changes.contains(QStringLiteral("Method: POST → GET\nURL: http://a.test/form → http://a.test/next")),
        qPrintable(changes));
    QVERIFY(changes.contains(QStringLiteral("Body: 3 bytes → 0 bytes")));
    QVERIFY(changes.contains(QLatin1String("removed: Content-Type: application/x-www-form-urlencoded")));
    QVERIFY(changes.contains(QLatin1String("kept: Host: a.test")));
    QVERIFY(inspector.tabText(QStringLiteral("Cookies")).contains(QLatin1String("No cookies sent\n")));
    QVERIFY(inspector.tabText(QStringLiteral("Body")).contains(QLatin1String("{\n    \"ok\": true\n}")));
}

void tst_HopInspector::inspector_crossOriginRemovesAuthorization()
{
    Trace trace;
    trace.profile = QStringLiteral("curl");
    Hop first = makeHop(0, "GET", QStringLiteral("http://a.test/"),
                        {{"Host", "a.test"}, {"Authorization", "Bearer t0ken"}, {"Accept", "*/*"}});
    WireResponse r = makeResponse(301, "Moved Permanently", {{"Location", "http://b.test/"}});
    r.location = QUrl(QStringLiteral("http://b.test/"));
    first.response = r;
    first.notes = {{QStringLiteral("credentials-removed"),
                    QStringLiteral("Authorization not sent to b.test: another host")}};
    Hop second = makeHop(1, "GET", QStringLiteral("http://b.test/"), {{"Host", "b.test"}, {"Accept", "*/*"}});
    second.response = makeResponse(200, "OK");
    trace.hops = {first, second};

    HopInspector inspector;
    inspector.showHop(trace, 1);
    const QString changes = inspector.tabText(QStringLiteral("Changes"));
    QVERIFY2(
        changes.contains(QStringLiteral("Method: GET (unchanged)\nURL: http://a.test/ → http://b.test/")),
        qPrintable(changes));
    QVERIFY(changes.contains(QLatin1String("removed: Authorization: Bearer t0ken")));
    QVERIFY(changes.contains(QStringLiteral("changed: Host: a.test → b.test")));
    QVERIFY(changes.contains(QLatin1String("kept: Accept: */*")));
    inspector.showHop(trace, 0);
    QVERIFY(inspector.tabText(QStringLiteral("Explain")).contains(QLatin1String("Authorization not sent")));
}

void tst_HopInspector::inspector_errorHop()
{
    const Trace trace = errorTrace();
    HopInspector inspector;
    inspector.showHop(trace, 0);
    const QString response = inspector.tabText(QStringLiteral("Response"));
    QVERIFY2(
        response.startsWith(QLatin1String("No response\nError connection-refused: Connection refused\n")),
        qPrintable(response));
    QCOMPARE(inspector.tabText(QStringLiteral("Body")), QStringLiteral("No body"));
    QVERIFY(inspector.tabText(QStringLiteral("Cookies")).contains(QLatin1String("No cookies sent\n")));
    QVERIFY(inspector.tabText(QStringLiteral("Explain")).contains(QLatin1String("Connection refused")));

    // A hop still in flight (step mode shows it as soon as it starts): no error, no response yet.
    Trace running = trace;
    running.hops[0].error.reset();
    running.hops[0].timing = {3, -1, 0, {}};
    inspector.showHop(running, 0);
    QCOMPARE(inspector.tabText(QStringLiteral("Response")),
             QStringLiteral("Waiting for the response…\nStarted at 3.0 ms, waiting for the response"));
}

void tst_HopInspector::inspector_syntheticHstsHop()
{
    Trace trace;
    trace.profile = QStringLiteral("browser");
    Hop hop = makeHop(0, "GET", QStringLiteral("http://hsts.test/"), {{"Host", "hsts.test"}});
    hop.synthetic = true;
    hop.edited = true;
    WireResponse r = makeResponse(307, "Internal Redirect",
                                  {{"Location", "https://hsts.test/"}, {"Non-Authoritative-Reason", "HSTS"}});
    r.location = QUrl(QStringLiteral("https://hsts.test/"));
    hop.response = r;
    hop.notes = {{QStringLiteral("hsts-upgrade"), QStringLiteral("hsts.test is a known HSTS host")}};
    trace.hops = {hop};
    HopInspector inspector;
    inspector.showHop(trace, 0);
    const QString request = inspector.tabText(QStringLiteral("Request"));
    QVERIFY2(request.contains(QLatin1String("Synthetic hop: the browser answered this request itself")),
             qPrintable(request));
    QVERIFY(request.contains(QLatin1String("Edited: you changed this request")));
    QVERIFY(!request.contains(QLatin1String("TLS:")));
    QVERIFY(inspector.tabText(QStringLiteral("Response"))
                .startsWith(QLatin1String("HTTP/1.1 307 Internal Redirect")));
    QVERIFY(inspector.tabText(QStringLiteral("curl"))
                .startsWith(QLatin1String("The browser made this hop itself")));
    QVERIFY(inspector.tabText(QStringLiteral("Explain")).contains(QLatin1String("known HSTS host")));
}

// A hop over HTTP/2: the request line and status line say HTTP/2, the request's pseudo-header fields come
// first as sent, the status line has no reason phrase, and ALPN h2 is in the TLS lines.
void tst_HopInspector::inspector_http2Hop()
{
    Trace trace = tlsTrace();
    Hop &hop = trace.hops[0];
    hop.request.headers = {{":method", "GET"},
                           {":path", "/"},
                           {":scheme", "https"},
                           {":authority", "localhost:8443"},
                           {"user-agent", "curl/7.88.1"}};
    hop.response->httpVersion = "2";
    hop.response->reason.clear();
    hop.response->headers = {{"location", "/b"}, {"set-cookie", "a=1"}, {"set-cookie", "b=2"}};
    hop.response->status = 302;
    hop.tls.alpn = "h2";
    HopInspector inspector;
    inspector.showHop(trace, 0);
    const QString request = inspector.tabText(QStringLiteral("Request"));
    QVERIFY2(request.startsWith(QLatin1String("GET https://localhost:8443/ HTTP/2\n")), qPrintable(request));
    QVERIFY2(request.contains(
                 QLatin1String("\n:method: GET\n:path: /\n:scheme: https\n:authority: localhost:8443\n"
                               "user-agent: curl/7.88.1\n")),
             qPrintable(request));
    QVERIFY2(request.contains(QLatin1String("ALPN h2")), qPrintable(request));
    const QString response = inspector.tabText(QStringLiteral("Response"));
    QVERIFY2(response.startsWith(QLatin1String("HTTP/2 302\n")), qPrintable(response));
    QVERIFY2(response.contains(QLatin1String("\nlocation: /b\nset-cookie: a=1\nset-cookie: b=2\n")),
             qPrintable(response));
}

void tst_HopInspector::inspector_proxyHop()
{
    Trace trace = tlsTrace();
    trace.hops[0].connection = {QStringLiteral("127.0.0.1"),
                                3128,
                                false,
                                QStringLiteral("http://rwb@127.0.0.1:3128"),
                                "CONNECT localhost:8443 HTTP/1.1\r\nHost: localhost:8443\r\n\r\n",
                                "HTTP/1.0 200 Connection established\r\n\r\n"};
    HopInspector inspector;
    inspector.showHop(trace, 0);
    const QString request = inspector.tabText(QStringLiteral("Request"));
    QVERIFY2(request.contains(QString::fromUtf8(
                 "Connected to 127.0.0.1:3128 (a new connection)\n"
                 "Through the proxy http://rwb@127.0.0.1:3128\n"
                 "Tunnel: CONNECT localhost:8443 HTTP/1.1 → HTTP/1.0 200 Connection established")),
             qPrintable(request));
}

void tst_HopInspector::inspector_tlsHop()
{
    const Trace trace = tlsTrace();
    HopInspector inspector;
    inspector.showHop(trace, 0);
    const QString request = inspector.tabText(QStringLiteral("Request"));
    QVERIFY2(request.contains(QLatin1String("Connected to [::1]:8443 (a new connection)\n"
                                            "TLS: TLSv1.3, cipher TLS_AES_256_GCM_SHA384\n"
                                            "Certificate: localhost, issued by Test CA\n"
                                            "Expires: 2030-01-02T03:04:05Z\n"
                                            "TLS error: The certificate is self-signed, and untrusted")),
             qPrintable(request));
    const QString curl = inspector.tabText(QStringLiteral("curl"));
    QVERIFY2(curl.contains(QLatin1String("--insecure")), qPrintable(curl));
    QVERIFY(curl.contains(QLatin1String("-k: this hop's TLS errors were accepted.")));

    // A trace of this version: ALPN, the chain with each certificate's dates, the certificate offered.
    Trace full = trace;
    TlsInfo &tls = full.hops[0].tls;
    tls.alpn = "http/1.1";
    const QDateTime from(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    tls.chain = {{QStringLiteral("localhost"), QStringLiteral("Test CA"), from, from.addYears(1)},
                 {QStringLiteral("Test CA"), QStringLiteral("Test Root"), from, from.addYears(10)}};
    tls.clientCertificate = QStringLiteral("rwb-client");
    inspector.showHop(full, 0);
    const QString withChain = inspector.tabText(QStringLiteral("Request"));
    QVERIFY2(
        withChain.contains(QLatin1String(
            "TLS: TLSv1.3, cipher TLS_AES_256_GCM_SHA384, ALPN http/1.1\n"
            "Certificate: localhost, issued by Test CA, valid 2026-01-02T03:04:05Z to 2027-01-02T03:04:05Z\n"
            "Chain: Test CA, issued by Test Root, valid 2026-01-02T03:04:05Z to 2036-01-02T03:04:05Z\n"
            "Client certificate offered: rwb-client\n")),
        qPrintable(withChain));
    QVERIFY(!withChain.contains(QLatin1String("Expires:")));
}

void tst_HopInspector::inspector_serverTextIsEscaped()
{
    Trace trace = postRedirectTrace();
    trace.hops[0].notes.append({QStringLiteral("header-removed"), QStringLiteral("<b>bold</b> & <script>")});
    HopInspector inspector;
    inspector.showHop(trace, 0);
    QVERIFY(inspector.tabText(QStringLiteral("Explain")).contains(QLatin1String("<b>bold</b> & <script>")));
}

void tst_HopInspector::inspector_copyPutsCurlOnClipboard()
{
    HopInspector inspector;
    inspector.showHop(postRedirectTrace(), 0);
    QPushButton *copy = nullptr;
    for (QPushButton *b : inspector.findChildren<QPushButton *>()) {
        if (b->text() == QLatin1String("Copy"))
            copy = b;
    }
    QVERIFY(copy);
    QCOMPARE(inspector.curlCommand(), inspector.tabText(QStringLiteral("curl")));
    QApplication::clipboard()->clear();
    copy->click();
    QCOMPARE(QApplication::clipboard()->text(), inspector.tabText(QStringLiteral("curl")));
    inspector.clear();
    QVERIFY(inspector.curlCommand().isEmpty());
}

void tst_HopInspector::inspector_everyButtonHasToolTip()
{
    HopInspector inspector;
    inspector.showHop(postRedirectTrace(), 1);
    const QList<QPushButton *> buttons = inspector.findChildren<QPushButton *>();
    QVERIFY(buttons.size() >= 2);
    for (const QPushButton *b : buttons)
        QVERIFY2(!b->toolTip().isEmpty(), qPrintable(b->text()));
}

void tst_HopInspector::inspector_darkPaletteColours()
{
    const QPalette dark = RwbTest::darkPalette();
    HopInspector inspector;
    inspector.showHop(postRedirectTrace(), 1);
    const auto *view = inspector.tabs()->widget(4)->findChild<QTableView *>();
    QVERIFY(view);
    const QAbstractItemModel *model = view->model();
    int removedRow = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == QLatin1String("removed"))
            removedRow = row;
    }
    QVERIFY(removedRow >= 0);
    const QColor light = model->index(removedRow, 0).data(Qt::ForegroundRole).value<QColor>();
    inspector.setPalette(dark);
    const QColor onDark = model->index(removedRow, 0).data(Qt::ForegroundRole).value<QColor>();
    QVERIFY(light.isValid() && onDark.isValid());
    QVERIFY2(onDark.lightness() > light.lightness(), "the dark theme gets the lighter red");
    QVERIFY(onDark.lightness() > 128);
}

// The Cookies tab lists every cookie decision of the hop from its notes: the cookie, the decision, the rule.
void tst_HopInspector::inspector_cookieDecisions()
{
    TraceCookies jar;
    Trace trace;
    trace.profile = QStringLiteral("browser");
    Hop first = makeHop(0, "GET", QStringLiteral("http://127.0.0.1/a"));
    first.response = makeResponse(302, "Found",
                                  {{"Location", "/b"},
                                   {"Set-Cookie", "sid=1; SameSite=Strict"},
                                   {"Set-Cookie", "bad=1; SameSite=None"},
                                   {"Set-Cookie", "gone=; Max-Age=0"}});
    CookieRequest sent;
    sent.url = first.request.url;
    jar.store(headerValues(first.response->headers, "Set-Cookie"), sent, true, first.notes);
    Hop second = makeHop(1, "GET", QStringLiteral("http://127.0.0.1/b"));
    CookieRequest crossSite = sent;
    crossSite.url = second.request.url;
    crossSite.sameSite = false;
    jar.headerFor(crossSite, second.notes);
    trace.hops = {first, second};

    HopInspector inspector;
    inspector.showHop(trace, 0);
    const QString set = inspector.tabText(QStringLiteral("Cookies"));
    QVERIFY2(set.contains(QLatin1String(
                 "Cookie decisions\nsid stored: host-only, path /, SameSite=Strict, session\n"
                 "bad rejected: SameSite=None without Secure\ngone ignored: expired on arrival")),
             qPrintable(set));
    inspector.showHop(trace, 1);
    const QString notSent = inspector.tabText(QStringLiteral("Cookies"));
    QVERIFY2(notSent.contains(QLatin1String("No cookies sent\n")), qPrintable(notSent));
    QVERIFY(notSent.contains(QLatin1String(
        "Cookie decisions\nsid not sent: SameSite=Strict and the request comes from another site")));
    auto *view = inspector.findChild<QTabWidget *>()->findChild<QWidget *>(QStringLiteral("Cookies"));
    QVERIFY(view);
    const QList<QTableView *> tables = view->findChildren<QTableView *>();
    QVERIFY(!tables.isEmpty());
    const QAbstractItemModel *decisions = tables.constLast()->model();
    QCOMPARE(decisions->columnCount(), 3);
    QCOMPARE(decisions->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Reason"));
    QCOMPARE(decisions->index(0, 1).data().toString(), QStringLiteral("not sent"));

    // The decisions come back from the trace JSON.
    const std::optional<Trace> reread = traceFromJson(traceToJsonBytes(trace)).trace;
    QVERIFY(reread);
    inspector.showHop(*reread, 1);
    QCOMPARE(inspector.tabText(QStringLiteral("Cookies")), notSent);
}

void tst_HopInspector::inspector_engineTrace()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    Reply login = ScriptedServer::redirect(303, "/echo");
    login.addHeader("Set-Cookie", "sid=abc123; Path=/; HttpOnly");
    server.on("/login", login);
    server.on("/echo", &ScriptedServer::echo);
    Engine engine;
    QVERIFY(runToEnd(engine, request(server.url(QStringLiteral("/login")), "POST", "user=me"),
                     profileOptions(Profile::Browser)));
    const Trace &trace = engine.trace();
    QCOMPARE(trace.hops.size(), 2);

    HopInspector inspector;
    inspector.showHop(trace, 0);
    const QString response = inspector.tabText(QStringLiteral("Response"));
    QVERIFY2(response.startsWith(QLatin1String("HTTP/1.1 303 See Other")), qPrintable(response));
    QVERIFY(response.contains(QLatin1String("Location header: /echo\nResolved to: ")
                              + server.url(QStringLiteral("/echo")).toString()));
    QVERIFY(
        inspector.tabText(QStringLiteral("Cookies"))
            .contains(QLatin1String("sid: abc123 (domain (this host), path /, expires session, HttpOnly)")));
    QVERIFY(inspector.tabText(QStringLiteral("Request"))
                .startsWith(QLatin1String("POST ") + server.url(QStringLiteral("/login")).toString()));

    inspector.showHop(trace, 1);
    const QString changes = inspector.tabText(QStringLiteral("Changes"));
    QVERIFY2(changes.contains(QStringLiteral("Method: POST → GET")), qPrintable(changes));
    QVERIFY(changes.contains(QLatin1String("added: Cookie: sid=abc123")));
    const QString cookies = inspector.tabText(QStringLiteral("Cookies"));
    QVERIFY2(cookies.startsWith(QLatin1String("Sent with this request\nsid: abc123\n")), qPrintable(cookies));
    QVERIFY2(cookies.contains(QLatin1String("Cookie decisions\nsid sent: matches host and path")),
             qPrintable(cookies));
    inspector.showHop(trace, 0);
    QVERIFY(inspector.tabText(QStringLiteral("Cookies"))
                .contains(QLatin1String(
                    "sid stored: host-only, path /, SameSite=Lax by default, HttpOnly, session")));
    inspector.showHop(trace, 1);
    // The echo server answers JSON of what it received: the body tab pretty-prints it.
    const QString body = inspector.tabText(QStringLiteral("Body"));
    QVERIFY2(body.contains(QLatin1String("\"method\": \"GET\"")), qPrintable(body));
    QVERIFY(body.startsWith(QLatin1String("application/json")));
}

// Writes every tab, light and dark, to PNGs under the build folder's screenshots/ (or RWB_RENDER_DIR) for a
// person to look at; asserts only that each picture is written.
void tst_HopInspector::render_tabs()
{
    const QString dir = RwbTest::screenshotDir();
    Trace trace = postRedirectTrace();
    trace.hops[1].notes << Note{QStringLiteral("cookie-sent"), QStringLiteral("Sent id to a.test")};
    trace.hops[1].request.headers << HeaderPair{"Cookie", "id=7"};
    const QPalette dark = RwbTest::darkPalette();
    for (const bool isDark : {false, true}) {
        HopInspector inspector;
        if (isDark)
            inspector.setPalette(dark);
        inspector.resize(760, 520);
        inspector.show();
        const QList<QPair<Trace, int>> shown{{trace, 0}, {trace, 1}, {tlsTrace(), 0}, {errorTrace(), 0}};
        for (int n = 0; n < shown.size(); ++n) {
            inspector.showHop(shown.at(n).first, shown.at(n).second);
            for (int i = 0; i < inspector.tabs()->count(); ++i) {
                inspector.tabs()->setCurrentIndex(i);
                QCoreApplication::processEvents();
                const QString name = QStringLiteral("%1/inspector-%2-hop%3-%4.png")
                                         .arg(dir, isDark ? QStringLiteral("dark") : QStringLiteral("light"))
                                         .arg(n)
                                         .arg(inspector.tabs()->widget(i)->objectName());
                QVERIFY(inspector.grab().save(name));
            }
        }
        inspector.clear();
        QVERIFY(inspector.grab().save(
            dir + (isDark ? QStringLiteral("/inspector-dark") : QStringLiteral("/inspector-light"))
            + QStringLiteral("-placeholder.png")));
    }
}

QTEST_MAIN(tst_HopInspector)
#include "tst_hopinspector.moc"
