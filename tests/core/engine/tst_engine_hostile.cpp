// Issue 16: what a hostile user or server can make the engine do. A request is checked once, in the
// engine, whatever it came from: a method or header that would put other bytes on the wire than the trace
// records (a CR or LF starting another line) is never sent, for every profile, on the first hop and on a
// hop edited while stepping.
#include "core/http/tokens.h"
#include "support/enginerunner.h"
#include "support/scriptedserver.h"

using namespace Rwb;
using namespace Rwb::Test;

class tst_EngineHostile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void requestSyntaxProblems_data();
    void requestSyntaxProblems();
    void injectionNeverReachesTheWire_data();
    void injectionNeverReachesTheWire();
    void editedHopIsCheckedToo();
    void givenCookieStaysOnTheFirstOrigin_data();
    void givenCookieStaysOnTheFirstOrigin();
    void browserNeverSendsProxyAuthorization();

private:
    ScriptedServer *m_server = nullptr;
};

void tst_EngineHostile::init()
{
    m_server = ScriptedServer::startEcho(this);
    QVERIFY(m_server);
    m_server->on("/a", ScriptedServer::redirect(302, "/echo"));
    // To another origin: the same server under another host name.
    m_server->on(
        "/away",
        ScriptedServer::redirect(
            302, m_server->urlWithHost(QStringLiteral("localhost"), QStringLiteral("/echo")).toEncoded()));
}

void tst_EngineHostile::cleanup()
{
    delete m_server;
    m_server = nullptr;
}

void tst_EngineHostile::requestSyntaxProblems_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("problem");  // start of the message; empty: valid
    QTest::newRow("plain") << QByteArray("GET") << QByteArray("X-A") << QByteArray("a b\tc é") << QString();
    QTest::newRow("custom method") << QByteArray("PURGE") << QByteArray("X-A") << QByteArray() << QString();
    QTest::newRow("CRLF in method") << QByteArray("GET\r\nX-Injected: 1") << QByteArray("X-A")
                                    << QByteArray("a")
                                    << QStringLiteral("the method 'GET\\r\\nX-Injected: 1'");
    QTest::newRow("request line in method") << QByteArray("GET /admin HTTP/1.1") << QByteArray("X-A")
                                            << QByteArray("a") << QStringLiteral("the method 'GET /admin");
    QTest::newRow("empty method") << QByteArray() << QByteArray("X-A") << QByteArray("a")
                                  << QStringLiteral("the method ''");
    QTest::newRow("CRLF in value") << QByteArray("GET") << QByteArray("X-A")
                                   << QByteArray("a\r\nX-Injected: 1")
                                   << QStringLiteral("the value of header X-A holds a line break or NUL "
                                                     "('a\\r\\nX-Injected: 1')");
    QTest::newRow("LF in value") << QByteArray("GET") << QByteArray("X-A") << QByteArray("a\nb")
                                 << QStringLiteral("the value of header X-A");
    QTest::newRow("NUL in value") << QByteArray("GET") << QByteArray("X-A") << QByteArray("a\0b", 3)
                                  << QStringLiteral(
                                         "the value of header X-A holds a line break or NUL ('a\\x00b')");
    QTest::newRow("colon in name") << QByteArray("GET") << QByteArray("X-A: b") << QByteArray("c")
                                   << QStringLiteral("the header name 'X-A: b'");
    QTest::newRow("CRLF in name") << QByteArray("GET") << QByteArray("X\r\nY") << QByteArray("c")
                                  << QStringLiteral("the header name 'X\\r\\nY'");
}

void tst_EngineHostile::requestSyntaxProblems()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(QString, problem);
    const QString found = requestSyntaxProblem(method, {{name, value}});
    if (problem.isEmpty())
        QVERIFY2(found.isEmpty(), qPrintable(found));
    else
        QVERIFY2(found.startsWith(problem), qPrintable(found));
    QVERIFY2(!found.contains(QLatin1Char('\r')) && !found.contains(QLatin1Char('\n')),
             "the message is one line");
}

void tst_EngineHostile::injectionNeverReachesTheWire_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    const QList<std::tuple<const char *, QByteArray, QByteArray, QByteArray>> cases = {
        {"CRLF in value", "GET", "X-A", "a\r\nX-Injected: 1"},
        {"LF in value", "GET", "X-A", "a\nX-Injected: 1"},
        {"CR in value", "GET", "X-A", "a\rX-Injected: 1"},
        {"CRLF in method", "GET\r\nX-Injected: 1", "X-A", "a"},
        {"request line in method", "GET /admin HTTP/1.1", "X-A", "a"},
        {"CRLF in name", "GET", "X-Injected: 1\r\nX-A", "a"},
    };
    for (const Profile p : allProfiles()) {
        for (const auto &[row, method, name, value] : cases) {
            QTest::addRow("%s, %s", qPrintable(profileName(p)), row) << int(p) << method << name << value;
        }
    }
}

void tst_EngineHostile::injectionNeverReachesTheWire()
{
    QFETCH(int, profile);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    Engine engine;
    RequestSpec spec = request(m_server->url(QStringLiteral("/echo")), method, {}, {{name, value}});
    QVERIFY(runToEnd(engine, spec, profileOptions(Profile(profile))));
    QCOMPARE(m_server->requestCount(), 0);
    QCOMPARE(m_server->connectionCount(), 0);
    const Trace &t = engine.trace();
    QCOMPARE(t.hops.size(), 1);
    QVERIFY(t.hops.constFirst().error);
    QCOMPARE(t.hops.constFirst().error->code, QStringLiteral("request-refused"));
    QVERIFY(noteCodes(t.hops.constFirst()).contains(QStringLiteral("request-refused")));
    QVERIFY(!t.hops.constFirst().response);
    QCOMPARE(t.outcome.kind, OutcomeKind::NetworkError);
    QVERIFY2(t.outcome.message.startsWith(QStringLiteral("Not sent: ")), qPrintable(t.outcome.message));
}

void tst_EngineHostile::editedHopIsCheckedToo()
{
    for (const Profile p : allProfiles()) {
        m_server->clearRequests();
        Engine engine;
        engine.setStepMode(true);
        QSignalSpy paused(&engine, &Engine::paused);
        QSignalSpy finished(&engine, &Engine::finished);
        engine.start(request(m_server->url(QStringLiteral("/a"))), profileOptions(p));
        QVERIFY(paused.wait(5000));
        QCOMPARE(m_server->requestCount(), 1);
        RequestSpec edited = engine.pendingRequest();
        edited.headers.append(HeaderPair("X-Edited", "a\r\nX-Injected: 1"));
        engine.resume(edited);  // refused at once: finished() may come before this returns
        QVERIFY(!finished.isEmpty() || finished.wait(5000));
        QCOMPARE(m_server->requestCount(), 1);  // the edited hop never went out
        const Trace &t = engine.trace();
        QCOMPARE(t.hops.size(), 2);
        QVERIFY(t.hops.at(1).edited);
        QCOMPARE(t.hops.at(1).error->code, QStringLiteral("request-refused"));
        QVERIFY2(t.outcome.message.contains(QStringLiteral("X-Edited")), qPrintable(t.outcome.message));
    }
}

void tst_EngineHostile::givenCookieStaysOnTheFirstOrigin_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<bool>("jar");
    for (const Profile p : allProfiles()) {
        for (const bool jar : {false, true})
            QTest::addRow("%s, jar %s", qPrintable(profileName(p)), jar ? "on" : "off") << int(p) << jar;
    }
}

// A Cookie header given with the request (-H 'Cookie: …') never follows the chain to another origin: curl
// and strict strip it as a credential; a browser cannot send one of a page's own at all, so with its jar
// on the cookie goes into the jar for the first host, and with the jar off it stays with the first origin.
void tst_EngineHostile::givenCookieStaysOnTheFirstOrigin()
{
    QFETCH(int, profile);
    QFETCH(bool, jar);
    Options options = profileOptions(Profile(profile));
    options.cookieJar = jar;
    Engine engine;
    RequestSpec spec = request(m_server->url(QStringLiteral("/away")), "GET", {}, {{"Cookie", "sid=secret"}});
    QVERIFY(runToEnd(engine, spec, options));
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_server->requests().at(0).header("Cookie"), QByteArray("sid=secret"));
    QVERIFY2(!m_server->requests().at(1).hasHeader("Cookie"),
             m_server->requests().at(1).header("Cookie").constData());
    QCOMPARE(engine.trace().hops.size(), 2);
    QVERIFY(!hasHeader(engine.trace().hops.at(1).request.headers, "Cookie"));
}

void tst_EngineHostile::browserNeverSendsProxyAuthorization()
{
    Engine engine;
    RequestSpec spec = request(m_server->url(QStringLiteral("/away")), "GET", {},
                               {{"Proxy-Authorization", "Basic cHg6cHg="}});
    QVERIFY(runToEnd(engine, spec, profileOptions(Profile::Browser)));
    QCOMPARE(m_server->requestCount(), 2);
    for (const ReceivedRequest &r : m_server->requests())
        QVERIFY(!r.hasHeader("Proxy-Authorization"));
    const Hop &first = engine.trace().hops.constFirst();
    QVERIFY(!hasHeader(first.request.headers, "Proxy-Authorization"));
    QVERIFY(noteCodes(first).contains(QStringLiteral("header-removed")));
}

QTEST_GUILESS_MAIN(tst_EngineHostile)
#include "tst_engine_hostile.moc"
