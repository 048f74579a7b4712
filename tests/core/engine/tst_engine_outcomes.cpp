// Every outcome of a trace is reachable, and none hangs: limits, loops, blocked schemes, network errors,
// timeouts, cancellation, TLS and HSTS — each against the in-process ScriptedServer.
#include "support/enginerunner.h"
#include "support/scriptedserver.h"

#include <QTcpServer>

#include <cmath>

using namespace Rwb;
using namespace Rwb::Test;

class tst_EngineOutcomes : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void redirectLimit_data();
    void redirectLimit();
    void loopStopsAtFirstRepeat();
    void loopFollowedToLimitWhenDetectionOff();
    void blockedSchemeNeverRequested_data();
    void blockedSchemeNeverRequested();
    void initialUrlWithBlockedScheme();
    void invalidLocation();
    void emptyAndMissingLocationAreFinal();
    void connectionRefused();
    void connectionReset();
    void garbageStatusLine();
    void headQtCannotParseIsStillShown();
    void perHopTimeout();
    void slowResponseTiming();
    void largeBodyIsPreviewedNotHeld();
    void stopDuringHop();
    void tlsErrorStops();
    void tlsErrorAcceptedIsRecorded();
    void httpsHeadsAsReceived();
    void hstsUpgradeIsSyntheticHop();
    void hstsUpgradedHopTakesPartInLoopDetection();
    void hstsOverPlainHttpIgnored();
    void hstsPreloadedHost();

private:
    ScriptedServer *m_server = nullptr;
};

void tst_EngineOutcomes::init()
{
    m_server = ScriptedServer::startEcho(this);
    QVERIFY(m_server);
    // /n/K redirects to /n/K+1 forever.
    m_server->setDefaultHandler([](const ReceivedRequest &r) {
        const QByteArray path = r.path();
        if (path.startsWith("/n/"))
            return ScriptedServer::redirect(302, "/n/" + QByteArray::number(path.mid(3).toInt() + 1));
        return ScriptedServer::notFound(r);
    });
}

void tst_EngineOutcomes::cleanup()
{
    delete m_server;
    m_server = nullptr;
}

void tst_EngineOutcomes::redirectLimit_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<int>("maxRedirects");  // -1: the profile's own
    QTest::addColumn<int>("expectHops");
    QTest::newRow("browser follows 20, the 21st fails") << int(Profile::Browser) << -1 << 21;
    QTest::newRow("strict 20") << int(Profile::Strict) << -1 << 21;
    QTest::newRow("curl 50") << int(Profile::Curl) << -1 << 51;
    QTest::newRow("override 3") << int(Profile::Browser) << 3 << 4;
    QTest::newRow("override 0") << int(Profile::Curl) << 0 << 1;
}

void tst_EngineOutcomes::redirectLimit()
{
    QFETCH(int, profile);
    QFETCH(int, maxRedirects);
    QFETCH(int, expectHops);
    Options o = profileOptions(Profile(profile));
    if (maxRedirects >= 0)
        o.maxRedirects = maxRedirects;
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/n/0"))), o));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::TooManyRedirects);
    QCOMPARE(engine.trace().hops.size(), expectHops);
    QCOMPARE(m_server->requestCount(), expectHops);
    QVERIFY(hasNote(engine.trace().hops.last().notes, QStringLiteral("too-many-redirects")));
}

void tst_EngineOutcomes::loopStopsAtFirstRepeat()
{
    m_server->on("/a", ScriptedServer::redirect(302, "/b"));
    m_server->on("/b", ScriptedServer::redirect(302, "/c"));
    m_server->on("/c", ScriptedServer::redirect(302, "/b"));
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/a"))), profileOptions(Profile::Browser)));
    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::Loop);
    QCOMPARE(t.outcome.repeatsHop, 1);
    QCOMPARE(t.hops.size(), 3);
    QCOMPARE(m_server->requestCount(), 3);
    QVERIFY(t.outcome.message.startsWith(QStringLiteral("Loop: hop 3 repeats hop 1")));
}

void tst_EngineOutcomes::loopFollowedToLimitWhenDetectionOff()
{
    m_server->on("/a", ScriptedServer::redirect(302, "/b"));
    m_server->on("/b", ScriptedServer::redirect(302, "/a"));
    Options o = profileOptions(Profile::Browser);
    o.loopDetect = false;
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/a"))), o));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::TooManyRedirects);
    QCOMPARE(engine.trace().hops.size(), 21);
    QVERIFY(hasNote(engine.trace().hops.at(1).notes, QStringLiteral("loop")));
}

void tst_EngineOutcomes::blockedSchemeNeverRequested_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<QByteArray>("location");
    for (Profile p : allProfiles()) {
        for (const char *loc : {"file:///etc/passwd", "data:text/html,hi", "javascript:alert(1)",
                                "ftp://127.0.0.1/x", "qrc:/secret"}) {
            QTest::addRow("%s/%s", qPrintable(profileName(p)), loc) << int(p) << QByteArray(loc);
        }
    }
}

void tst_EngineOutcomes::blockedSchemeNeverRequested()
{
    QFETCH(int, profile);
    QFETCH(QByteArray, location);
    m_server->on("/go", ScriptedServer::redirect(302, location));
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/go"))), profileOptions(Profile(profile))));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::BlockedScheme);
    QCOMPARE(engine.trace().hops.size(), 1);
    QCOMPARE(m_server->requestCount(), 1);
    QVERIFY(engine.trace().outcome.message.startsWith(QStringLiteral("Blocked: Location is ")));
}

void tst_EngineOutcomes::initialUrlWithBlockedScheme()
{
    Engine engine;
    QVERIFY(runToEnd(engine, request(QUrl(QStringLiteral("file:///etc/passwd"))),
                     profileOptions(Profile::Browser)));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::BlockedScheme);
    QVERIFY(engine.trace().hops.isEmpty());
}

void tst_EngineOutcomes::invalidLocation()
{
    Reply r;
    r.raw = "HTTP/1.1 302 Found\r\nLocation: http://[::1/x\r\nContent-Length: 0\r\n\r\n";
    m_server->on("/go", r);
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/go"))), profileOptions(Profile::Browser)));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::InvalidLocation);
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_EngineOutcomes::emptyAndMissingLocationAreFinal()
{
    Reply empty;
    empty.raw = "HTTP/1.1 302 Found\r\nLocation: \r\nContent-Length: 0\r\n\r\n";
    m_server->on("/empty", empty);
    Reply missing;
    missing.status = 301;
    m_server->on("/missing", missing);
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/empty"))), profileOptions(Profile::Browser)));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    QCOMPARE(engine.trace().outcome.finalStatus, 302);
    QVERIFY(hasNote(engine.trace().hops.first().notes, QStringLiteral("location-empty")));
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/missing"))), profileOptions(Profile::Curl)));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    QCOMPARE(engine.trace().outcome.finalStatus, 301);
    QVERIFY(hasNote(engine.trace().hops.first().notes, QStringLiteral("location-missing")));
}

void tst_EngineOutcomes::connectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();  // nothing listens there now
    Engine engine;
    QVERIFY(runToEnd(engine, request(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port))),
                     profileOptions(Profile::Browser)));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::NetworkError);
    QCOMPARE(engine.trace().hops.size(), 1);
    QVERIFY(!engine.trace().hops.first().response);
    QCOMPARE(engine.trace().hops.first().error->code, QStringLiteral("connection-refused"));
}

void tst_EngineOutcomes::connectionReset()
{
    m_server->on("/a", ScriptedServer::redirect(302, "/reset"));
    Reply reset;
    reset.reset = true;
    m_server->on("/reset", reset);
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/a"))), profileOptions(Profile::Browser)));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::NetworkError);
    QCOMPARE(engine.trace().hops.size(), 2);
    QVERIFY(engine.trace().hops.at(1).error);
    QVERIFY(!engine.trace().hops.at(1).error->message.isEmpty());
}

void tst_EngineOutcomes::garbageStatusLine()
{
    Reply garbage;
    garbage.raw = "SMTP ready or so\r\n\r\n";
    garbage.close = true;
    m_server->on("/g", garbage);
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/g"))), profileOptions(Profile::Browser)));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::NetworkError);
    QVERIFY(engine.trace().hops.first().error);
}

void tst_EngineOutcomes::headQtCannotParseIsStillShown()
{
    Reply broken;
    broken.raw = "HTTP/1.1 302 Found\r\nLocation: /x\r\nNoColonHere\r\nContent-Length: 0\r\n\r\n";
    m_server->on("/broken", broken);
    Options o = profileOptions(Profile::Browser);
    o.timeoutMs = 500;
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/broken"))), o));
    QVERIFY(engine.trace().outcome.kind != OutcomeKind::Final);
    const Hop &hop = engine.trace().hops.first();
    QVERIFY(!hop.response);
    QVERIFY(hasNote(hop.notes, QStringLiteral("head-received")));
    QVERIFY(hop.notes.last().message.contains(QStringLiteral("HTTP/1.1 302 Found")));
}

void tst_EngineOutcomes::perHopTimeout()
{
    Reply silent;
    silent.silent = true;
    m_server->on("/slow", silent);
    Options o = profileOptions(Profile::Browser);
    o.timeoutMs = 300;
    Engine engine;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/slow"))), o));
    QVERIFY(clock.elapsed() < 5000);
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Timeout);
    QCOMPARE(engine.trace().hops.first().error->code, QStringLiteral("timeout"));
    QVERIFY(engine.trace().hops.first().timing.endMs >= 300);
}

void tst_EngineOutcomes::slowResponseTiming()
{
    Reply slow = ScriptedServer::redirect(302, "/echo");
    slow.delayMs = 150;
    m_server->on("/slow", slow);
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/slow"))), profileOptions(Profile::Browser)));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    const Timing t = engine.trace().hops.first().timing;
    QVERIFY2(t.responseMs - t.startMs >= 140, qPrintable(QString::number(t.responseMs - t.startMs)));
    QVERIFY(t.endMs >= t.responseMs);
    const Timing t2 = engine.trace().hops.at(1).timing;
    QVERIFY(t2.startMs >= t.endMs);
    // Sub-millisecond precision: the figures are not whole milliseconds (all six being whole by chance
    // is a one-in-10^18 event at nanosecond resolution).
    bool fractional = false;
    for (double v : {t.startMs, t.responseMs, t.endMs, t2.startMs, t2.responseMs, t2.endMs})
        fractional = fractional || v != std::floor(v);
    QVERIFY(fractional);
}

void tst_EngineOutcomes::largeBodyIsPreviewedNotHeld()
{
    Reply big;
    big.bodyRepeat = 5 * 1024 * 1024;
    m_server->on("/big", big);
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/big"))), profileOptions(Profile::Browser)));
    const WireResponse &r = *engine.trace().hops.first().response;
    QCOMPARE(r.bodySize, 5 * 1024 * 1024);
    QCOMPARE(r.bodyPreview.size(), 64 * 1024);
    QVERIFY(r.bodyTruncated);
    QCOMPARE(r.bodyPreview, QByteArray(64 * 1024, 'x'));
}

void tst_EngineOutcomes::stopDuringHop()
{
    Reply silent;
    silent.silent = true;
    m_server->on("/hang", silent);
    m_server->on("/a", ScriptedServer::redirect(302, "/hang"));
    Engine engine;
    QSignalSpy finished(&engine, &Engine::finished);
    QSignalSpy started(&engine, &Engine::hopStarted);
    engine.start(request(m_server->url(QStringLiteral("/a"))), profileOptions(Profile::Browser));
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 2, 5000);
    engine.stop();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 1000);
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Stopped);
    QCOMPARE(engine.trace().hops.size(), 2);
    QCOMPARE(engine.trace().hops.at(1).error->code, QStringLiteral("stopped"));
    QVERIFY(!engine.isRunning());
}

void tst_EngineOutcomes::tlsErrorStops()
{
    ScriptedServer tls;
    QVERIFY(tls.listen(ScriptedServer::Mode::Tls));
    tls.on("/x", &ScriptedServer::echo);
    Engine engine;
    QVERIFY(runToEnd(engine, request(tls.urlWithHost(QStringLiteral("localhost"), QStringLiteral("/x"))),
                     profileOptions(Profile::Browser)));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::TlsError);
    QVERIFY(!engine.trace().hops.first().tls.errors.isEmpty());
    QCOMPARE(tls.requestCount(), 0);
}

void tst_EngineOutcomes::tlsErrorAcceptedIsRecorded()
{
    ScriptedServer tls;
    QVERIFY(tls.listen(ScriptedServer::Mode::Tls));
    tls.on("/x", &ScriptedServer::echo);
    Options o = profileOptions(Profile::Curl);
    o.acceptTlsErrors = true;
    Engine engine;
    QVERIFY(runToEnd(engine, request(tls.urlWithHost(QStringLiteral("localhost"), QStringLiteral("/x"))), o));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    const Hop &hop = engine.trace().hops.first();
    QVERIFY(hop.tls.used);
    QVERIFY(!hop.tls.protocol.isEmpty());
    QVERIFY(!hop.tls.cipher.isEmpty());
    QCOMPARE(hop.tls.peerSubject, QStringLiteral("localhost"));
    QVERIFY(hop.tls.peerExpiry.isValid());
    QVERIFY(!hop.tls.errors.isEmpty());
    QVERIFY(hasNote(hop.notes, QStringLiteral("tls-error-accepted")));
    QCOMPARE(tls.requestCount(), 1);
}

// An https response head is recorded as received, as on http (the relay makes the TLS connection and reads
// it): repeated lines kept in order (QNetworkReply alone joins them and keeps one Location), and a second hop
// on the kept-alive connection still has its TLS session, without the certificate problems said once.
void tst_EngineOutcomes::httpsHeadsAsReceived()
{
    ScriptedServer tls;
    QVERIFY(tls.listen(ScriptedServer::Mode::Tls));
    Reply dup;
    dup.raw = "HTTP/1.1 302 Found\r\nLocation: /x\r\nX-Dup: 1\r\nLocation: /y\r\nX-Dup: 2\r\n"
              "Content-Length: 0\r\n\r\n";
    tls.on("/dup", dup);
    tls.on("/x", &ScriptedServer::echo);
    tls.on("/y", &ScriptedServer::echo);
    Options o = profileOptions(Profile::Curl);
    o.acceptTlsErrors = true;
    Engine engine;
    QVERIFY(runToEnd(engine, request(tls.url(QStringLiteral("/dup"))), o));
    const Trace &t = engine.trace();
    QCOMPARE(t.hops.size(), 2);
    const HeaderList expected = {
        {"Location", "/x"}, {"X-Dup", "1"}, {"Location", "/y"}, {"X-Dup", "2"}, {"Content-Length", "0"}};
    QCOMPARE(t.hops.at(0).response->headers, expected);
    QVERIFY(hasNote(t.hops.at(0).notes, QStringLiteral("tls-error-accepted")));
    const Hop &second = t.hops.at(1);
    QVERIFY(second.tls.used);
    QVERIFY(!second.tls.protocol.isEmpty());
    QCOMPARE(second.tls.peerSubject, QStringLiteral("localhost"));
    QVERIFY(second.tls.errors.isEmpty());
    QVERIFY(!hasNote(second.notes, QStringLiteral("tls-error-accepted")));
    QCOMPARE(tls.connectionCount(), 1);
    QCOMPARE(tls.requestCount(), 2);
}

void tst_EngineOutcomes::hstsUpgradeIsSyntheticHop()
{
    ScriptedServer tls;
    QVERIFY(tls.listen(ScriptedServer::Mode::Tls));
    const QUrl plain = tls.urlWithHost(QStringLiteral("localhost"), QStringLiteral("/next"));
    QUrl httpNext = plain;
    httpNext.setScheme(QStringLiteral("http"));  // same host and port, plain http
    Reply start = ScriptedServer::redirect(302, httpNext.toEncoded());
    start.addHeader("Strict-Transport-Security", "max-age=3600");
    tls.on("/start", start);
    tls.on("/next", &ScriptedServer::echo);
    Options o = profileOptions(Profile::Browser);
    o.acceptTlsErrors = true;
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(tls.urlWithHost(QStringLiteral("localhost"), QStringLiteral("/start"))), o));
    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    QCOMPARE(t.hops.size(), 3);
    QVERIFY(hasNote(t.hops.at(0).notes, QStringLiteral("hsts-stored")));
    QVERIFY(hasNote(t.hops.at(0).notes, QStringLiteral("downgrade")));
    const Hop &synthetic = t.hops.at(1);
    QVERIFY(synthetic.synthetic);
    QCOMPARE(synthetic.request.url.scheme(), QStringLiteral("http"));
    QCOMPARE(synthetic.response->status, 307);
    QCOMPARE(synthetic.response->reason, QByteArray("Internal Redirect"));
    QCOMPARE(headerValue(synthetic.response->headers, "Non-Authoritative-Reason"), QByteArray("HSTS"));
    QCOMPARE(synthetic.response->location, plain);
    QVERIFY(hasNote(synthetic.notes, QStringLiteral("hsts-upgrade")));
    QCOMPARE(t.hops.at(2).request.url, plain);
    QCOMPARE(tls.requestCount(), 2);  // the synthetic hop made no request
}

void tst_EngineOutcomes::hstsUpgradedHopTakesPartInLoopDetection()
{
    ScriptedServer tls;
    QVERIFY(tls.listen(ScriptedServer::Mode::Tls));
    QUrl httpLoop = tls.urlWithHost(QStringLiteral("localhost"), QStringLiteral("/loop"));
    httpLoop.setScheme(QStringLiteral("http"));
    Reply start = ScriptedServer::redirect(302, httpLoop.toEncoded());
    start.addHeader("Strict-Transport-Security", "max-age=3600");
    tls.on("/start", start);
    tls.on("/loop", ScriptedServer::redirect(302, "/loop"));  // https /loop -> itself
    Options o = profileOptions(Profile::Browser);
    o.acceptTlsErrors = true;
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(tls.urlWithHost(QStringLiteral("localhost"), QStringLiteral("/start"))), o));
    // hop 0 https /start, hop 1 synthetic http /loop, hop 2 https /loop; its redirect repeats hop 2.
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Loop);
    QCOMPARE(engine.trace().hops.size(), 3);
    QCOMPARE(engine.trace().outcome.repeatsHop, 2);
}

void tst_EngineOutcomes::hstsOverPlainHttpIgnored()
{
    Reply start = ScriptedServer::redirect(302, "/echo");
    start.addHeader("Strict-Transport-Security", "max-age=3600");
    m_server->on("/start", start);
    Engine engine;
    QVERIFY(runToEnd(engine,
                     request(m_server->urlWithHost(QStringLiteral("localhost"), QStringLiteral("/start"))),
                     profileOptions(Profile::Browser)));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    QCOMPARE(engine.trace().hops.size(), 2);
    QVERIFY(hasNote(engine.trace().hops.at(0).notes, QStringLiteral("hsts-ignored")));
    QCOMPARE(engine.trace().hops.at(1).request.url.scheme(), QStringLiteral("http"));
}

void tst_EngineOutcomes::hstsPreloadedHost()
{
    ScriptedServer tls;
    QVERIFY(tls.listen(ScriptedServer::Mode::Tls));
    tls.on("/x", &ScriptedServer::echo);
    QUrl http = tls.urlWithHost(QStringLiteral("localhost"), QStringLiteral("/x"));
    http.setScheme(QStringLiteral("http"));
    Options o = profileOptions(Profile::Browser);
    o.acceptTlsErrors = true;
    o.hstsPreload = {QStringLiteral("localhost")};
    Engine engine;
    QVERIFY(runToEnd(engine, request(http), o));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    QCOMPARE(engine.trace().hops.size(), 2);
    QVERIFY(engine.trace().hops.at(0).synthetic);
    QCOMPARE(tls.requestCount(), 1);
    // The curl profile knows no HSTS: it would send plain http to the TLS port and fail.
    o.profile = Profile::Curl;
    o.timeoutMs = 3000;
    QVERIFY(runToEnd(engine, request(http), o));
    QVERIFY(!engine.trace().hops.at(0).synthetic);
    QVERIFY(engine.trace().outcome.kind != OutcomeKind::Final);
}

QTEST_GUILESS_MAIN(tst_EngineOutcomes)
#include "tst_engine_outcomes.moc"
