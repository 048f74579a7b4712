// Integration tests of the engine against the in-process ScriptedServer: what went on the wire is read
// back from what the server received, not from what the engine believes it sent.
#include "support/enginerunner.h"
#include "support/scriptedserver.h"

#include <QElapsedTimer>
#include <QNetworkCookie>
#include <QRegularExpression>

using namespace Rwb;
using namespace Rwb::Test;

class tst_Engine : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void recordedHeadersAreTheWireHeaders_data();
    void recordedHeadersAreTheWireHeaders();
    void methodAndBodyAcrossRedirect_data();
    void methodAndBodyAcrossRedirect();
    void rawLocationBytes_data();
    void rawLocationBytes();
    void severalLocationHeaders_data();
    void severalLocationHeaders();
    void headerInjectedWithCrlfIsItsOwnHeader();
    void setCookieOnRedirect_data();
    void setCookieOnRedirect();
    void browserCookieHeaderGoesThroughTheJar();
    void duplicateResponseHeadersKept();
    void authorizationAcrossOrigins_data();
    void authorizationAcrossOrigins();
    void fragmentInheritedNeverSent();
    void connectionReusedAcrossHops();
    void stepThroughEditsNextHop();
    void stepThroughStopWhilePaused();
    void stepThroughPauseIsNotNetworkTime();
    void userInfoBecomesBasicAuth();
    void timingPhasesMeasured();

private:
    ScriptedServer *m_server = nullptr;
    ScriptedServer *m_other = nullptr;  // a second origin: http://localhost:OTHER
};

void tst_Engine::init()
{
    m_server = ScriptedServer::startEcho(this);
    m_other = ScriptedServer::startEcho(this);
    QVERIFY(m_server && m_other);
}

void tst_Engine::cleanup()
{
    delete m_server;
    delete m_other;
    m_server = m_other = nullptr;
}

void tst_Engine::recordedHeadersAreTheWireHeaders_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    const QList<QPair<QByteArray, QByteArray>> requests{
        {"GET", {}},    {"HEAD", {}},   {"POST", "a=1&b=2"}, {"POST", {}},        {"PUT", "{\"x\":1}"},
        {"PATCH", "p"}, {"DELETE", {}}, {"OPTIONS", {}},     {"PROPFIND", "<x/>"}};
    for (Profile p : allProfiles()) {
        for (const auto &r : requests) {
            QTest::addRow("%s/%s%s", qPrintable(profileName(p)), r.first.constData(),
                          r.second.isEmpty() ? "" : "+body")
                << int(p) << r.first << r.second;
        }
    }
}

void tst_Engine::recordedHeadersAreTheWireHeaders()
{
    QFETCH(int, profile);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    Engine engine;
    const HeaderList user{
        {"X-Custom", "one"}, {"Authorization", "Bearer t0ken"}, {"X-Custom-Two", "two words"}};
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/echo?q=1")), method, body, user),
                     profileOptions(Profile(profile))));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    QCOMPARE(m_server->requestCount(), 1);
    const ReceivedRequest got = m_server->requests().first();
    const Hop &hop = engine.trace().hops.first();
    QCOMPARE(got.method, method);
    QCOMPARE(got.target, QByteArray("/echo?q=1"));
    QCOMPARE(got.body, body);
    QCOMPARE(hop.request.body, body);
    // Same headers, same values, same order.
    QCOMPARE(hop.request.headers, got.headers);
}

void tst_Engine::methodAndBodyAcrossRedirect_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("custom");
    QTest::addColumn<QByteArray>("expectMethod");
    QTest::addColumn<bool>("expectBody");
    QTest::addColumn<bool>("expectContentType");
    const auto B = int(Profile::Browser), C = int(Profile::Curl), S = int(Profile::Strict);
    QTest::newRow("browser/301 POST->GET")
        << B << 301 << QByteArray("POST") << false << QByteArray("GET") << false << false;
    QTest::newRow("browser/302 POST->GET")
        << B << 302 << QByteArray("POST") << false << QByteArray("GET") << false << false;
    QTest::newRow("browser/302 PUT kept")
        << B << 302 << QByteArray("PUT") << false << QByteArray("PUT") << true << true;
    QTest::newRow("browser/303 PUT->GET")
        << B << 303 << QByteArray("PUT") << false << QByteArray("GET") << false << false;
    QTest::newRow("browser/307 POST kept")
        << B << 307 << QByteArray("POST") << false << QByteArray("POST") << true << true;
    QTest::newRow("browser/308 POST kept")
        << B << 308 << QByteArray("POST") << false << QByteArray("POST") << true << true;
    QTest::newRow("curl/302 -d POST->GET")
        << C << 302 << QByteArray("POST") << false << QByteArray("GET") << false << false;
    QTest::newRow("curl/302 -X POST kept, no body")
        << C << 302 << QByteArray("POST") << true << QByteArray("POST") << false << false;
    QTest::newRow("curl/303 -X PUT kept, no body")
        << C << 303 << QByteArray("PUT") << true << QByteArray("PUT") << false << false;
    QTest::newRow("curl/307 POST kept")
        << C << 307 << QByteArray("POST") << false << QByteArray("POST") << true << true;
    QTest::newRow("strict/302 POST kept")
        << S << 302 << QByteArray("POST") << false << QByteArray("POST") << true << true;
    QTest::newRow("strict/303 POST->GET")
        << S << 303 << QByteArray("POST") << false << QByteArray("GET") << false << false;
}

void tst_Engine::methodAndBodyAcrossRedirect()
{
    QFETCH(int, profile);
    QFETCH(int, status);
    QFETCH(QByteArray, method);
    QFETCH(bool, custom);
    QFETCH(QByteArray, expectMethod);
    QFETCH(bool, expectBody);
    QFETCH(bool, expectContentType);
    m_server->on("/form", ScriptedServer::redirect(status, "/echo"));
    RequestSpec spec = request(m_server->url(QStringLiteral("/form")), method, "name=value");
    spec.formBody = true;  // as curl -d: the generated form Content-Type goes with the body
    spec.customMethod = custom;
    Engine engine;
    QVERIFY(runToEnd(engine, spec, profileOptions(Profile(profile))));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    QCOMPARE(m_server->requestCount(), 2);
    const ReceivedRequest first = m_server->requests().at(0);
    const ReceivedRequest second = m_server->requests().at(1);
    QCOMPARE(first.body, QByteArray("name=value"));
    QCOMPARE(first.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(second.method, expectMethod);
    QCOMPARE(second.body, expectBody ? QByteArray("name=value") : QByteArray());
    QCOMPARE(second.hasHeader("Content-Type"), expectContentType);
    if (!expectBody && expectMethod != "POST" && expectMethod != "PUT")
        QVERIFY2(!second.hasHeader("Content-Length") || second.header("Content-Length") == "0",
                 second.raw.constData());
    QCOMPARE(engine.trace().hops.at(1).request.headers, second.headers);
    QCOMPARE(hasNote(engine.trace().hops.at(0).notes, QStringLiteral("method-changed")),
             expectMethod != method);
    QCOMPARE(hasNote(engine.trace().hops.at(0).notes, QStringLiteral("body-dropped")), !expectBody);
}

void tst_Engine::rawLocationBytes_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<QByteArray>("expectTarget");
    const auto B = int(Profile::Browser), C = int(Profile::Curl);
    QTest::newRow("browser/space") << B << QByteArray("/echo/a b") << QByteArray("/echo/a%20b");
    QTest::newRow("browser/utf8") << B << QByteArray("/echo/caf\xC3\xA9") << QByteArray("/echo/caf%C3%A9");
    QTest::newRow("browser/latin1 byte")
        << B << QByteArray("/echo/caf\xE9") << QByteArray("/echo/caf%EF%BF%BD");
    QTest::newRow("browser/surrounding blanks") << B << QByteArray("  /echo/x\t ") << QByteArray("/echo/x");
    QTest::newRow("browser/backslash") << B << QByteArray("\\echo\\y") << QByteArray("/echo/y");
    QTest::newRow("browser/query space") << B << QByteArray("/echo?q=a b") << QByteArray("/echo?q=a%20b");
    QTest::newRow("curl/space") << C << QByteArray("/echo/a b") << QByteArray("/echo/a%20b");
    QTest::newRow("curl/latin1 byte") << C << QByteArray("/echo/caf\xE9") << QByteArray("/echo/caf%E9");
}

void tst_Engine::rawLocationBytes()
{
    QFETCH(int, profile);
    QFETCH(QByteArray, location);
    QFETCH(QByteArray, expectTarget);
    Reply raw;
    raw.raw = "HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n";
    m_server->on("/start", raw);
    m_server->setDefaultHandler(&ScriptedServer::echo);
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/start"))), profileOptions(Profile(profile))));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_server->requests().at(1).target, expectTarget);
    QCOMPARE(engine.trace().hops.at(0).response->location.toEncoded(),
             m_server->url(QString()).toEncoded().chopped(1) + expectTarget);
}

void tst_Engine::severalLocationHeaders_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<int>("expectOutcome");
    QTest::addColumn<QByteArray>("expectTarget");
    QTest::newRow("browser/different") << int(Profile::Browser) << QByteArray("/echo/two")
                                       << int(OutcomeKind::InvalidLocation) << QByteArray();
    QTest::newRow("strict/different") << int(Profile::Strict) << QByteArray("/echo/two")
                                      << int(OutcomeKind::InvalidLocation) << QByteArray();
    QTest::newRow("curl/different uses first") << int(Profile::Curl) << QByteArray("/echo/two")
                                               << int(OutcomeKind::Final) << QByteArray("/echo/one");
    QTest::newRow("browser/identical") << int(Profile::Browser) << QByteArray("/echo/one")
                                       << int(OutcomeKind::Final) << QByteArray("/echo/one");
}

void tst_Engine::severalLocationHeaders()
{
    QFETCH(int, profile);
    QFETCH(QByteArray, second);
    QFETCH(int, expectOutcome);
    QFETCH(QByteArray, expectTarget);
    Reply r;
    r.raw =
        "HTTP/1.1 302 Found\r\nLocation: /echo/one\r\nLocation: " + second + "\r\nContent-Length: 0\r\n\r\n";
    m_server->on("/start", r);
    m_server->setDefaultHandler(&ScriptedServer::echo);
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/start"))), profileOptions(Profile(profile))));
    QCOMPARE(int(engine.trace().outcome.kind), expectOutcome);
    const Hop &hop = engine.trace().hops.first();
    // Both Location lines are recorded separately, in order.
    QCOMPARE(headerValues(hop.response->headers, "Location"), (QList<QByteArray>{"/echo/one", second}));
    if (expectTarget.isEmpty()) {
        QCOMPARE(m_server->requestCount(), 1);
    } else {
        QCOMPARE(m_server->requestCount(), 2);
        QCOMPARE(m_server->requests().at(1).target, expectTarget);
    }
}

void tst_Engine::headerInjectedWithCrlfIsItsOwnHeader()
{
    Reply r;
    r.raw = "HTTP/1.1 302 Found\r\nLocation: /echo/a\r\nX-Injected: yes\r\nContent-Length: 0\r\n\r\n";
    m_server->on("/start", r);
    m_server->setDefaultHandler(&ScriptedServer::echo);
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/start"))), profileOptions(Profile::Browser)));
    const Hop &hop = engine.trace().hops.first();
    QCOMPARE(headerValue(hop.response->headers, "Location"), QByteArray("/echo/a"));
    QCOMPARE(headerValue(hop.response->headers, "X-Injected"), QByteArray("yes"));
    QCOMPARE(m_server->requests().at(1).target, QByteArray("/echo/a"));
}

void tst_Engine::setCookieOnRedirect_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<int>("jar");  // -1 profile default, 0 off, 1 on
    QTest::addColumn<bool>("expectSent");
    QTest::newRow("browser/default jar") << int(Profile::Browser) << -1 << true;
    QTest::newRow("browser/jar off") << int(Profile::Browser) << 0 << false;
    QTest::newRow("curl/default no jar") << int(Profile::Curl) << -1 << false;
    QTest::newRow("curl/--cookies") << int(Profile::Curl) << 1 << true;
    QTest::newRow("strict/default no jar") << int(Profile::Strict) << -1 << false;
}

void tst_Engine::setCookieOnRedirect()
{
    QFETCH(int, profile);
    QFETCH(int, jar);
    QFETCH(bool, expectSent);
    Reply login = ScriptedServer::redirect(302, "/echo");
    login.addHeader("Set-Cookie", "sid=abc123; Path=/; HttpOnly")
        .addHeader("Set-Cookie", "theme=dark; Path=/");
    m_server->on("/login", login);
    Options o = profileOptions(Profile(profile));
    if (jar >= 0)
        o.cookieJar = jar == 1;
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/login"))), o));
    QCOMPARE(m_server->requestCount(), 2);
    const ReceivedRequest second = m_server->requests().at(1);
    QCOMPARE(second.hasHeader("Cookie"), expectSent);
    if (expectSent) {
        // Chromium: same path, so oldest first; curl puts the longer name first (its cookie_sort).
        QCOMPARE(second.header("Cookie"), Profile(profile) == Profile::Curl
                                              ? QByteArray("theme=dark; sid=abc123")
                                              : QByteArray("sid=abc123; theme=dark"));
        QVERIFY(hasNote(engine.trace().hops.at(0).notes, QStringLiteral("cookie-stored")));
        QVERIFY(hasNote(engine.trace().hops.at(1).notes, QStringLiteral("cookie-sent")));
    } else {
        QVERIFY(hasNote(engine.trace().hops.at(0).notes, QStringLiteral("cookie-ignored")));
    }
    QCOMPARE(engine.trace().hops.at(1).request.headers, second.headers);
}

void tst_Engine::browserCookieHeaderGoesThroughTheJar()
{
    // A browser cannot set Cookie itself: the given cookies go into the jar, which sends them only where
    // they belong (127.0.0.1 here, not localhost).
    m_server->on(
        "/start",
        ScriptedServer::redirect(
            302, m_other->urlWithHost(QStringLiteral("localhost"), QStringLiteral("/echo")).toEncoded()));
    Engine engine;
    QVERIFY(runToEnd(
        engine,
        request(m_server->url(QStringLiteral("/start")), "GET", {}, {{"Cookie", "sid=1; theme=dark"}}),
        profileOptions(Profile::Browser)));
    QCOMPARE(m_server->requests().at(0).header("Cookie"), QByteArray("sid=1; theme=dark"));
    QVERIFY(!m_other->requests().at(0).hasHeader("Cookie"));
    const NoteList &notes = engine.trace().hops.at(0).notes;
    QVERIFY(hasNote(notes, QStringLiteral("cookie-seeded")));
    QVERIFY(hasNote(notes, QStringLiteral("cookie-sent")));
    QCOMPARE(engine.trace().hops.at(0).request.headers, m_server->requests().at(0).headers);
}

void tst_Engine::duplicateResponseHeadersKept()
{
    Reply r;
    r.raw = "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nVary: Accept\r\nSet-Cookie: b=2; "
            "Path=/\r\nContent-Length: 2\r\n\r\nok";
    m_server->on("/dup", r);
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/dup"))), profileOptions(Profile::Browser)));
    const WireResponse &resp = *engine.trace().hops.first().response;
    QCOMPARE(headerValues(resp.headers, "Set-Cookie"), (QList<QByteArray>{"a=1", "b=2; Path=/"}));
    QCOMPARE(resp.bodySize, 2);
    QCOMPARE(resp.bodyPreview, QByteArray("ok"));
    QCOMPARE(resp.reason, QByteArray("OK"));
    QCOMPARE(resp.httpVersion, QByteArray("1.1"));
}

void tst_Engine::authorizationAcrossOrigins_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<bool>("trusted");
    // Chain: A /start -> B /hop (other origin) -> A /echo. Which requests carry Authorization?
    QTest::addColumn<bool>("toOther");
    QTest::addColumn<bool>("backHome");
    QTest::newRow("browser") << int(Profile::Browser) << false << false << false;
    QTest::newRow("browser/trusted") << int(Profile::Browser) << true << true << true;
    QTest::newRow("curl (initial origin only)") << int(Profile::Curl) << false << false << true;
    QTest::newRow("curl/--location-trusted") << int(Profile::Curl) << true << true << true;
    QTest::newRow("strict") << int(Profile::Strict) << false << false << false;
}

void tst_Engine::authorizationAcrossOrigins()
{
    QFETCH(int, profile);
    QFETCH(bool, trusted);
    QFETCH(bool, toOther);
    QFETCH(bool, backHome);
    m_server->on(
        "/start",
        ScriptedServer::redirect(
            302, m_other->urlWithHost(QStringLiteral("localhost"), QStringLiteral("/hop")).toEncoded()));
    m_other->on("/hop", ScriptedServer::redirect(302, m_server->url(QStringLiteral("/echo")).toEncoded()));
    Options o = profileOptions(Profile(profile));
    o.locationTrusted = trusted;
    Engine engine;
    QVERIFY(runToEnd(
        engine,
        request(m_server->url(QStringLiteral("/start")), "GET", {}, {{"Authorization", "Bearer secret"}}),
        o));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_other->requestCount(), 1);
    QCOMPARE(m_server->requests().at(0).header("Authorization"), QByteArray("Bearer secret"));
    QCOMPARE(m_other->requests().at(0).hasHeader("Authorization"), toOther);
    QCOMPARE(m_server->requests().at(1).hasHeader("Authorization"), backHome);
    QCOMPARE(hasNote(engine.trace().hops.at(0).notes, QStringLiteral("credentials-removed")), !toOther);
    QCOMPARE(hasNote(engine.trace().hops.at(0).notes, QStringLiteral("cross-origin")), true);
}

void tst_Engine::fragmentInheritedNeverSent()
{
    m_server->on("/a", ScriptedServer::redirect(302, "/echo"));
    QUrl start = m_server->url(QStringLiteral("/a"));
    start.setFragment(QStringLiteral("section-2"));
    Engine engine;
    QVERIFY(runToEnd(engine, request(start), profileOptions(Profile::Browser)));
    QCOMPARE(m_server->requests().at(0).target, QByteArray("/a"));
    QCOMPARE(m_server->requests().at(1).target, QByteArray("/echo"));
    QCOMPARE(engine.trace().outcome.finalUrl.fragment(), QStringLiteral("section-2"));
    QVERIFY(hasNote(engine.trace().hops.at(0).notes, QStringLiteral("fragment-inherited")));
}

void tst_Engine::connectionReusedAcrossHops()
{
    m_server->on("/1", ScriptedServer::redirect(302, "/2"));
    m_server->on("/2", ScriptedServer::redirect(301, "/3"));
    m_server->on("/3", ScriptedServer::redirect(307, "/echo"));
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/1"))), profileOptions(Profile::Browser)));
    QCOMPARE(engine.trace().hops.size(), 4);
    QCOMPARE(m_server->connectionCount(), 1);
    for (const ReceivedRequest &r : m_server->requests())
        QCOMPARE(r.connectionId, 1);
    // A second trace on the same engine reuses the same manager and its open connection.
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/1"))), profileOptions(Profile::Browser)));
    QCOMPARE(m_server->connectionCount(), 1);
    const Trace &t = engine.trace();
    for (const Hop &h : t.hops) {
        QVERIFY(h.timing.startMs <= h.timing.responseMs);
        QVERIFY(h.timing.responseMs <= h.timing.endMs);
    }
    QCOMPARE(t.outcome.message.left(22), QStringLiteral("200 OK after 3 redirec"));
}

// The server takes 150 ms before it answers: that is the hop's wait, measured by the relay between the
// request's last byte and the response's first; the first hop made the connection (dns, connect), the
// second used it. The phases add up to each hop's time.
void tst_Engine::timingPhasesMeasured()
{
    Reply slow = ScriptedServer::redirect(302, "/echo");
    slow.delayMs = 150;
    m_server->on("/slow", slow);
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/slow")), "POST", QByteArray(2000, 'x')),
                     profileOptions(Profile::Curl)));
    const Trace &t = engine.trace();
    QCOMPARE(t.hops.size(), 2);
    const TimingPhases &first = t.hops.at(0).timing.phases;
    QVERIFY(first.known());
    QVERIFY2(first.wait >= 145 && first.wait < 1000, qPrintable(QString::number(first.wait)));
    QVERIFY(first.dns >= 0 && first.connect >= 0);
    QCOMPARE(first.tls, -1.0);  // http
    QVERIFY(first.send >= 0 && first.receive >= 0 && first.blocked >= 0);
    const TimingPhases &second = t.hops.at(1).timing.phases;
    QVERIFY(second.known());
    QCOMPARE(second.dns, -1.0);  // the same connection
    QCOMPARE(second.connect, -1.0);
    QVERIFY(second.wait < first.wait);
    for (const Hop &hop : t.hops) {
        const double sum = hop.timing.phases.total();
        QVERIFY2(qAbs(sum - (hop.timing.endMs - hop.timing.startMs)) < 0.01,
                 qPrintable(QStringLiteral("%1 vs %2").arg(sum).arg(hop.timing.endMs - hop.timing.startMs)));
    }
}

void tst_Engine::stepThroughEditsNextHop()
{
    m_server->on("/a", ScriptedServer::redirect(302, "/b"));
    m_server->on("/b", ScriptedServer::redirect(302, "/echo"));
    Engine engine;
    engine.setStepMode(true);
    QSignalSpy paused(&engine, &Engine::paused);
    QSignalSpy finished(&engine, &Engine::finished);
    engine.start(request(m_server->url(QStringLiteral("/a"))), profileOptions(Profile::Browser));
    QVERIFY(paused.wait(5000));
    QVERIFY(engine.isPaused());
    QCOMPARE(engine.pendingRequest().url, m_server->url(QStringLiteral("/b")));
    QCOMPARE(m_server->requestCount(), 1);  // nothing sent while paused
    RequestSpec edited = engine.pendingRequest();
    edited.headers.append(HeaderPair("X-Edited", "by-user"));
    engine.resume(edited);
    QVERIFY(paused.wait(5000));
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_server->requests().at(1).header("X-Edited"), QByteArray("by-user"));
    QVERIFY(engine.trace().hops.at(1).edited);
    QVERIFY(hasNote(engine.trace().hops.at(1).notes, QStringLiteral("edited")));
    engine.setStepMode(false);  // Continue
    engine.resume();
    QVERIFY(finished.wait(5000));
    QCOMPARE(engine.trace().hops.size(), 3);
    QVERIFY(!engine.trace().hops.at(2).edited);
    // The edited header is part of the request from then on.
    QCOMPARE(m_server->requests().at(2).header("X-Edited"), QByteArray("by-user"));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
}

void tst_Engine::stepThroughStopWhilePaused()
{
    m_server->on("/a", ScriptedServer::redirect(302, "/echo"));
    Engine engine;
    engine.setStepMode(true);
    QSignalSpy paused(&engine, &Engine::paused);
    QSignalSpy finished(&engine, &Engine::finished);
    engine.start(request(m_server->url(QStringLiteral("/a"))), profileOptions(Profile::Browser));
    QVERIFY(paused.wait(5000));
    engine.stop();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Stopped);
    QCOMPARE(engine.trace().hops.size(), 1);
    QTest::qWait(50);
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_Engine::stepThroughPauseIsNotNetworkTime()
{
    // Issue 13: Step, think, Continue must not count the thinking as network time.
    constexpr int kThinkMs = 300;
    m_server->on("/a", ScriptedServer::redirect(302, "/b"));
    m_server->on("/b", ScriptedServer::redirect(302, "/echo"));
    Engine engine;
    engine.setStepMode(true);
    QSignalSpy paused(&engine, &Engine::paused);
    QSignalSpy finished(&engine, &Engine::finished);
    QElapsedTimer wall;
    wall.start();
    engine.start(request(m_server->url(QStringLiteral("/a"))), profileOptions(Profile::Browser));
    QVERIFY(paused.wait(5000));
    QTest::qWait(kThinkMs);
    engine.resume();  // Step
    QVERIFY(paused.wait(5000));
    QTest::qWait(kThinkMs);
    engine.setStepMode(false);  // Continue
    engine.resume();
    QVERIFY(finished.wait(5000));
    const double wallMs = double(wall.nsecsElapsed()) / 1e6;
    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    QCOMPARE(t.hops.size(), 3);
    // Each pause is on the hop sent after it, and only there.
    QCOMPARE(t.hops.at(0).pausedMs, 0.0);
    for (int i : {1, 2}) {
        const Hop &hop = t.hops.at(i);
        QVERIFY2(hop.pausedMs >= kThinkMs, qPrintable(QString::number(hop.pausedMs)));
        QVERIFY2(hop.pausedMs < wallMs, qPrintable(QString::number(hop.pausedMs)));
        // The hop starts where the previous one ended, give or take the engine's own work: not a pause later.
        const double gap = hop.timing.startMs - t.hops.at(i - 1).timing.endMs;
        QVERIFY2(gap >= 0 && gap < kThinkMs / 2.0, qPrintable(QString::number(gap)));
        QVERIFY(hop.timing.startMs <= hop.timing.responseMs && hop.timing.responseMs <= hop.timing.endMs);
    }
    // The total is the network time: the wall time less both pauses (loopback traffic, well under one).
    const double total = t.hops.last().timing.endMs;
    QVERIFY2(total + t.pausedBeforeMs(2) <= wallMs + 1, qPrintable(QString::number(total)));
    QVERIFY2(total < kThinkMs, qPrintable(QString::number(total)));
    QVERIFY(t.pausedBeforeMs(2) >= 2 * kThinkMs);
    // The outcome's "…, N ms" is that total too.
    static const QRegularExpression msPattern(QStringLiteral(", (\\d+) ms$"));
    const QRegularExpressionMatch m = msPattern.match(t.outcome.message);
    QVERIFY2(m.hasMatch(), qPrintable(t.outcome.message));
    QVERIFY2(m.captured(1).toInt() < kThinkMs, qPrintable(t.outcome.message));
}

void tst_Engine::userInfoBecomesBasicAuth()
{
    QUrl url = m_server->url(QStringLiteral("/echo"));
    url.setUserName(QStringLiteral("alice"));
    url.setPassword(QStringLiteral("s3cret"));
    Engine engine;
    QVERIFY(runToEnd(engine, request(url), profileOptions(Profile::Curl)));
    QCOMPARE(m_server->requests().at(0).header("Authorization"),
             "Basic " + QByteArray("alice:s3cret").toBase64());
    QCOMPARE(engine.trace().hops.at(0).request.headers, m_server->requests().at(0).headers);
}

QTEST_GUILESS_MAIN(tst_Engine)
#include "tst_engine.moc"
