// The request heads the engine sends per profile, read back from what the in-process server received:
// the curl and strict header sets, -H 'Name:' (RequestSpec::suppressedHeaders) with its note in every
// profile, https heads (sent as built, like http's), the head Qt writes when the relay is not running, and
// what a trace records in each case (docs/spec/curl-requests.md).
#include "core/engine/wire.h"
#include "support/enginerunner.h"
#include "support/scriptedserver.h"

using namespace Rwb;
using namespace Rwb::Test;

namespace {

QByteArrayList names(const HeaderList &headers)
{
    QByteArrayList out;
    for (const auto &h : headers)
        out << h.first;
    return out;
}

}  // namespace

class tst_RequestHeads : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void headerSets_data();
    void headerSets();
    void suppressed_data();
    void suppressed();
    void suppressionKeptAcrossRedirects();
    void httpsHeadAsBuilt();
    void fitToQtWithoutRelay();
    void fieldBreakIsNeverSent();
    void expectAnsweredWithContinue();

private:
    ScriptedServer *m_server = nullptr;
};

void tst_RequestHeads::init()
{
    m_server = ScriptedServer::startEcho(this);
    QVERIFY(m_server);
}

void tst_RequestHeads::cleanup()
{
    delete m_server;
    m_server = nullptr;
}

void tst_RequestHeads::headerSets_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("userAgent");
    QTest::addColumn<QByteArray>("expected");  // the head's lines, "\n"-separated; {host} for Host
    const auto C = int(Profile::Curl), S = int(Profile::Strict);
    QTest::newRow("curl GET") << C << QByteArray("GET") << QByteArray() << QString()
                              << QByteArray("Host: {host}\nUser-Agent: curl/7.88.1\nAccept: */*");
    QTest::newRow("curl -A") << C << QByteArray("GET") << QByteArray() << QStringLiteral("agent/2")
                             << QByteArray("Host: {host}\nUser-Agent: agent/2\nAccept: */*");
    QTest::newRow("curl POST body")
        << C << QByteArray("POST") << QByteArray("x") << QString()
        << QByteArray("Host: {host}\nUser-Agent: curl/7.88.1\nAccept: */*\nContent-Length: 1\n"
                      "Content-Type: application/x-www-form-urlencoded");
    QTest::newRow("curl POST no body") << C << QByteArray("POST") << QByteArray() << QString()
                                       << QByteArray("Host: {host}\nUser-Agent: curl/7.88.1\nAccept: */*");
    QTest::newRow("strict GET") << S << QByteArray("GET") << QByteArray() << QString()
                                << QByteArray("Host: {host}\nUser-Agent: rwb/" RWB_VERSION "\nAccept: */*");
    QTest::newRow("strict -A") << S << QByteArray("GET") << QByteArray() << QStringLiteral("agent/2")
                               << QByteArray("Host: {host}\nUser-Agent: agent/2\nAccept: */*");
    QTest::newRow("strict POST body")
        << S << QByteArray("POST") << QByteArray("x") << QString()
        << QByteArray("Host: {host}\nUser-Agent: rwb/" RWB_VERSION "\nAccept: */*\n"
                      "Content-Type: application/octet-stream\nContent-Length: 1");
    QTest::newRow("strict POST no body")
        << S << QByteArray("POST") << QByteArray() << QString()
        << QByteArray("Host: {host}\nUser-Agent: rwb/" RWB_VERSION "\nAccept: */*\nContent-Length: 0");
}

// Nothing but the profile's own headers: none of Qt's Accept-Language, Accept-Encoding or Connection.
void tst_RequestHeads::headerSets()
{
    QFETCH(int, profile);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(QString, userAgent);
    QFETCH(QByteArray, expected);
    Options o = profileOptions(Profile(profile));
    o.userAgent = userAgent;
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/echo")), method, body), o));
    const ReceivedRequest got = m_server->requests().first();
    QByteArrayList lines;
    for (const auto &h : got.headers)
        lines << h.first + ": " + h.second;
    const QByteArray host = "127.0.0.1:" + QByteArray::number(m_server->port());
    QCOMPARE(lines.join('\n'), QByteArray(expected).replace("{host}", host));
    QCOMPARE(engine.trace().hops.first().request.headers, got.headers);
    QVERIFY(!hasNote(engine.trace().hops.first().notes, NoteCode::HeaderAdded));
}

void tst_RequestHeads::suppressed_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArrayList>("suppress");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArrayList>("expectedNames");
    QTest::addColumn<QString>("note");
    const auto B = int(Profile::Browser), C = int(Profile::Curl), S = int(Profile::Strict);
    QTest::newRow("curl: its own ones, and one it does not add")
        << C << QByteArray() << QByteArrayList{"accept", "User-Agent", "X-Foo"} << HeaderList{}
        << QByteArrayList{"Host"}
        << QStringLiteral("Not sent, as asked: Accept, User-Agent; curl adds no X-Foo of its own here: "
                          "nothing to leave out");
    QTest::newRow("curl: an -H of the name is sent")
        << C << QByteArray() << QByteArrayList{"X-A"} << HeaderList{{"X-A", "1"}}
        << QByteArrayList{"Host", "User-Agent", "Accept", "X-A"}
        << QStringLiteral("Curl adds no X-A of its own here: nothing to leave out");
    QTest::newRow("curl: Host") << C << QByteArray() << QByteArrayList{"Host"} << HeaderList{}
                                << QByteArrayList{"User-Agent", "Accept"}
                                << QStringLiteral("Not sent, as asked: Host");
    QTest::newRow("curl: a body's Content-Length stays")
        << C << QByteArray("a=1") << QByteArrayList{"Content-Length", "Content-Type"} << HeaderList{}
        << QByteArrayList{"Host", "User-Agent", "Accept", "Content-Length"}
        << QStringLiteral("Not sent, as asked: Content-Type; sent all the same: Content-Length (the body is "
                          "framed by it)");
    QTest::newRow("curl: -b's cookies")
        << C << QByteArray() << QByteArrayList{"Cookie"} << HeaderList{{"Cookie", "a=1"}}
        << QByteArrayList{"Host", "User-Agent", "Accept"} << QStringLiteral("Not sent, as asked: Cookie");
    QTest::newRow("strict: Host is required")
        << S << QByteArray() << QByteArrayList{"Host", "User-Agent"} << HeaderList{}
        << QByteArrayList{"Host", "Accept"}
        << QStringLiteral("Not sent, as asked: User-Agent; sent all the same: Host (HTTP/1.1 requires it, "
                          "RFC 9112 §3.2)");
    QTest::newRow("browser: forbidden ones stay")
        << B << QByteArray() << QByteArrayList{"Accept-Language", "Host", "Connection"} << HeaderList{}
        << QByteArrayList{"Host",
                          "Connection",
                          "sec-ch-ua",
                          "sec-ch-ua-mobile",
                          "sec-ch-ua-platform",
                          "Upgrade-Insecure-Requests",
                          "User-Agent",
                          "Accept",
                          "Sec-Fetch-Site",
                          "Sec-Fetch-Mode",
                          "Sec-Fetch-User",
                          "Sec-Fetch-Dest",
                          "Accept-Encoding"}
        << QStringLiteral("Not sent, as asked: Accept-Language; sent all the same: Host (a forbidden request "
                          "header in Fetch), Connection (a forbidden request header in Fetch)");
}

void tst_RequestHeads::suppressed()
{
    QFETCH(int, profile);
    QFETCH(QByteArray, body);
    QFETCH(QByteArrayList, suppress);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArrayList, expectedNames);
    QFETCH(QString, note);
    RequestSpec spec =
        request(m_server->url(QStringLiteral("/echo")), body.isEmpty() ? "GET" : "POST", body, headers);
    spec.suppressedHeaders = suppress;
    Engine engine;
    QVERIFY(runToEnd(engine, spec, profileOptions(Profile(profile))));
    const ReceivedRequest got = m_server->requests().first();
    const Hop &hop = engine.trace().hops.first();
    QCOMPARE(names(got.headers), expectedNames);
    QCOMPARE(hop.request.headers, got.headers);
    QCOMPARE(noteText(hop, NoteCode::HeaderSuppressed), note);
}

void tst_RequestHeads::suppressionKeptAcrossRedirects()
{
    m_server->on("/go", ScriptedServer::redirect(307, "/echo"));
    RequestSpec spec = request(m_server->url(QStringLiteral("/go")), "POST", "a=1");
    spec.suppressedHeaders = {"Accept"};
    Engine engine;
    QVERIFY(runToEnd(engine, spec, profileOptions(Profile::Curl)));
    QCOMPARE(m_server->requestCount(), 2);
    for (int i = 0; i < 2; ++i) {
        QVERIFY(!m_server->requests().at(i).hasHeader("Accept"));
        QCOMPARE(noteText(engine.trace().hops.at(i), NoteCode::HeaderSuppressed),
                 QStringLiteral("Not sent, as asked: Accept"));
    }
}

// https goes through the relay as http does (issue 16): the head leaves exactly as built, repeated and
// empty lines included, and Qt adds nothing.
void tst_RequestHeads::httpsHeadAsBuilt()
{
    ScriptedServer tls;
    QVERIFY(tls.listen(ScriptedServer::Mode::Tls));
    tls.on("/echo", &ScriptedServer::echo);
    RequestSpec spec =
        request(tls.url(QStringLiteral("/echo")), "GET", {}, {{"X-A", "1"}, {"X-Empty", ""}, {"x-a", "2"}});
    spec.suppressedHeaders = {"User-Agent"};
    Options o = profileOptions(Profile::Curl);
    o.acceptTlsErrors = true;
    Engine engine;
    QVERIFY(runToEnd(engine, spec, o));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    const ReceivedRequest got = tls.requests().first();
    const Hop &hop = engine.trace().hops.first();
    QCOMPARE(hop.request.headers, got.headers);
    const HeaderList expected = {{"Host", tls.url(QStringLiteral("/")).authority().toLatin1()},
                                 {"Accept", "*/*"},
                                 {"X-A", "1"},
                                 {"X-Empty", ""},
                                 {"x-a", "2"}};
    QCOMPARE(got.headers, expected);
    QVERIFY(noteText(hop, NoteCode::HeaderAdded).isEmpty());
    QVERIFY(hop.tls.used);
    QVERIFY(!hop.tls.protocol.isEmpty());
}

// Without the relay (it could not listen), Qt writes the head itself: fitToQt() makes the recorded request
// what Qt sends, and says what changed.
void tst_RequestHeads::fitToQtWithoutRelay()
{
    WireRequest wire;
    wire.method = "GET";
    wire.url = QUrl(QStringLiteral("https://example.com:8443/x"));
    wire.headers = {{"X-A", "1"}, {"X-Empty", ""}, {"x-a", "2"}, {"Cookie", "a=1"}, {"Cookie", "b=2"}};
    NoteList notes;
    fitToQt(wire, &notes);
    const HeaderList expected = {{"Host", "example.com:8443"}, {"X-A", "1, 2"},
                                 {"Cookie", "a=1; b=2"},       {"User-Agent", "Mozilla/5.0"},
                                 {"Accept-Language", "*"},     {"Accept-Encoding", "identity"},
                                 {"Connection", "keep-alive"}};
    QCOMPARE(wire.headers, expected);
    QCOMPARE(notes.size(), 1);
    QCOMPARE(
        notes.first().message,
        QStringLiteral("Qt writes this request itself (the relay is not running): X-Empty left out (Qt "
                       "sends no empty header); X-A lines joined into one; Cookie lines joined into one; "
                       "Host: example.com:8443 added; User-Agent: Mozilla/5.0 added; Accept-Language: * "
                       "added; Accept-Encoding: identity added; Connection: keep-alive added"));
}

// A value with a line break never goes out (issue 16: it went out as Qt wrote it, an extra header line the
// trace did not show): neither the relay nor Qt gets it, and the hop says why.
void tst_RequestHeads::fieldBreakIsNeverSent()
{
    Engine engine;
    QVERIFY(runToEnd(engine,
                     request(m_server->url(QStringLiteral("/echo")), "GET", {}, {{"X-A", "1\r\nX-B: 2"}}),
                     profileOptions(Profile::Curl)));
    QCOMPARE(m_server->requestCount(), 0);
    QCOMPARE(engine.trace().hops.first().error->code, QStringLiteral("request-refused"));
}

void tst_RequestHeads::expectAnsweredWithContinue()
{
    Reply r;
    r.raw = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    m_server->on("/big", r);
    const QByteArray body(1024 * 1024 + 1, 'b');
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/big")), "POST", body),
                     profileOptions(Profile::Curl)));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    QCOMPARE(engine.trace().outcome.finalStatus, 200);
    QCOMPARE(m_server->requests().first().header("Expect"), QByteArray("100-continue"));
    QCOMPARE(m_server->requests().first().body, body);
}

QTEST_GUILESS_MAIN(tst_RequestHeads)
#include "tst_requestheads.moc"
