// The browser profile's request context through the engine, against the in-process ScriptedServer: what
// the server received on each hop (docs/spec/request-context.md), and that the recorded request is that.
#include "core/http/useragents.h"
#include "support/enginerunner.h"
#include "support/scriptedserver.h"

#include <QtEndian>

#include <algorithm>

using namespace Rwb;
using namespace Rwb::Test;

namespace {

QStringList names(const Test::HeaderList &headers)
{
    QStringList out;
    for (const auto &h : headers)
        out << QString::fromLatin1(h.first);
    return out;
}

Options browserFrom(const QUrl &page, RequestMode mode = RequestMode::Navigate)
{
    Options o = profileOptions(Profile::Browser);
    o.context.from = page;
    o.context.mode = mode;
    return o;
}

}  // namespace

class tst_EngineContext : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void typedNavigationAsChromiumSendsIt();
    void crossSiteChainKeepsItsTrimmedReferrer();
    void referrerPolicyHeaderOnRedirect();
    void formPostRedirectedAwayHasOriginNull();
    void fetchCors_data();
    void fetchCors();
    void fetchCredentialsMode_data();
    void fetchCredentialsMode();
    void getWithBodyRefused_data();
    void getWithBodyRefused();
    void userAgentPresetAndLanguage();
    void compressedBodyDecoded_data();
    void compressedBodyDecoded();
    void pausedHopShowsItsContextHeaders();
    void presetCookiesSameSite_data();
    void presetCookiesSameSite();
    void secureCookieOverLoopbackHttp();
    void curlCookieStringOnEveryHost();

private:
    QUrl other(const QString &path) const { return m_other->urlWithHost(QStringLiteral("localhost"), path); }

    ScriptedServer *m_server = nullptr;  // the page's origin, http://127.0.0.1:PORT
    ScriptedServer *m_other = nullptr;   // another site, http://localhost:OTHER
};

void tst_EngineContext::init()
{
    m_server = ScriptedServer::startEcho(this);
    m_other = ScriptedServer::startEcho(this);
    QVERIFY(m_server && m_other);
}

void tst_EngineContext::cleanup()
{
    delete m_server;
    delete m_other;
    m_server = m_other = nullptr;
}

// H1: the header names and their order as Chromium 156 sent them to 127.0.0.1; the hop records them.
void tst_EngineContext::typedNavigationAsChromiumSendsIt()
{
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/echo"))), profileOptions(Profile::Browser)));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    const ReceivedRequest got = m_server->requests().constFirst();
    QCOMPARE(names(got.headers).join(QLatin1Char(' ')),
             QStringLiteral(
                 "Host Connection sec-ch-ua sec-ch-ua-mobile sec-ch-ua-platform Upgrade-Insecure-Requests "
                 "User-Agent Accept Sec-Fetch-Site Sec-Fetch-Mode Sec-Fetch-User Sec-Fetch-Dest "
                 "Accept-Encoding Accept-Language"));
    QCOMPARE(got.header("Sec-Fetch-Site"), QByteArray("none"));
    QCOMPARE(got.header("Connection"), QByteArray("keep-alive"));
    QCOMPARE(got.header("Accept-Encoding"), QByteArray("gzip, deflate, br, zstd"));
    QCOMPARE(got.header("User-Agent"), defaultBrowserPreset().userAgent);
    QCOMPARE(engine.trace().hops.constFirst().request.headers, got.headers);
}

// R3/R4, F4/F5, C3: a link from a page on 127.0.0.1 through another site and back.
void tst_EngineContext::crossSiteChainKeepsItsTrimmedReferrer()
{
    m_server->on("/start", [this](const ReceivedRequest &) {
        return ScriptedServer::redirect(302, other(QStringLiteral("/bounce")).toEncoded());
    });
    m_other->on("/bounce", ScriptedServer::redirect(302, m_server->url(QStringLiteral("/echo")).toEncoded()));
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/start"))),
                     browserFrom(m_server->url(QStringLiteral("/page?x=1")))));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    QCOMPARE(m_server->requestCount(), 2);
    const ReceivedRequest first = m_server->requests().at(0);
    const ReceivedRequest bounce = m_other->requests().at(0);
    const ReceivedRequest last = m_server->requests().at(1);
    const QByteArray page = m_server->url(QStringLiteral("/page?x=1")).toEncoded();
    const QByteArray origin = m_server->url(QStringLiteral("/")).toEncoded();
    QCOMPARE(first.header("Referer"), page);
    QCOMPARE(first.header("Sec-Fetch-Site"), QByteArray("same-origin"));
    QCOMPARE(bounce.header("Referer"), origin);
    QCOMPARE(bounce.header("Sec-Fetch-Site"), QByteArray("cross-site"));
    QCOMPARE(last.header("Referer"), origin);
    QCOMPARE(last.header("Sec-Fetch-Site"), QByteArray("cross-site"));
    QVERIFY(!last.hasHeader("Origin"));
    QVERIFY(last.hasHeader("Sec-Fetch-User"));  // a click
    const QList<Hop> &hops = engine.trace().hops;
    QVERIFY(hasNote(hops.at(1).notes, NoteCode::ReferrerTrimmed));
    QVERIFY(hasNote(hops.at(2).notes, NoteCode::FetchSite));
    for (qsizetype i = 0; i < hops.size(); ++i)
        QCOMPARE(hops.at(i).request.headers, (i == 1 ? bounce : i == 0 ? first : last).headers);
}

// R6: Referrer-Policy: no-referrer on a 302 removes the Referer from the next request on.
void tst_EngineContext::referrerPolicyHeaderOnRedirect()
{
    Reply r = ScriptedServer::redirect(302, "/two");
    r.addHeader("Referrer-Policy", "no-referrer");
    m_server->on("/one", r);
    m_server->on("/two", ScriptedServer::redirect(302, "/echo"));
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/one"))),
                     browserFrom(m_server->url(QStringLiteral("/page")))));
    const QList<ReceivedRequest> got = m_server->requests();
    QCOMPARE(got.size(), 3);
    QVERIFY(got.at(0).hasHeader("Referer"));
    QVERIFY(!got.at(1).hasHeader("Referer"));
    QVERIFY(!got.at(2).hasHeader("Referer"));
    QVERIFY(hasNote(engine.trace().hops.at(0).notes, NoteCode::ReferrerPolicySet));
    QVERIFY(hasNote(engine.trace().hops.at(1).notes, NoteCode::ReferrerRemoved));
}

// O4: a form POST answered with 307 to another origin says Origin: null there, and stays null.
void tst_EngineContext::formPostRedirectedAwayHasOriginNull()
{
    m_server->on("/post", [this](const ReceivedRequest &) {
        return ScriptedServer::redirect(307, other(QStringLiteral("/next")).toEncoded());
    });
    m_other->on("/next", ScriptedServer::redirect(307, m_server->url(QStringLiteral("/echo")).toEncoded()));
    RequestSpec post = request(m_server->url(QStringLiteral("/post")), "POST", "a=1");
    post.formBody = true;
    Engine engine;
    QVERIFY(runToEnd(engine, post, browserFrom(m_server->url(QStringLiteral("/form")))));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    QCOMPARE(m_server->requests().at(0).header("Origin"), m_server->url(QString()).toEncoded().chopped(1));
    QCOMPARE(m_other->requests().at(0).header("Origin"), QByteArray("null"));
    QCOMPARE(m_server->requests().at(1).header("Origin"), QByteArray("null"));
    QCOMPARE(m_server->requests().at(1).header("Cache-Control"), QByteArray("max-age=0"));
    QCOMPARE(m_server->requests().at(1).header("Content-Type"),
             QByteArray("application/x-www-form-urlencoded"));
    QVERIFY(hasNote(engine.trace().hops.at(1).notes, NoteCode::OriginNull));
}

// X2-X9: fetch() across origins needs the CORS headers on every response, redirects included.
void tst_EngineContext::fetchCors_data()
{
    QTest::addColumn<QByteArray>("allowOrigin");  // on the other site's redirect, then its final response
    QTest::addColumn<bool>("onRedirect");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("hops");
    QTest::newRow("no header") << QByteArray() << false << int(OutcomeKind::NetworkError) << 1;
    QTest::newRow("*") << QByteArray("*") << false << int(OutcomeKind::Final) << 1;
    QTest::newRow("the page's origin") << QByteArray("{origin}") << false << int(OutcomeKind::Final) << 1;
    QTest::newRow("another origin") << QByteArray("http://example.test") << false
                                    << int(OutcomeKind::NetworkError) << 1;
    QTest::newRow("redirect without") << QByteArray() << true << int(OutcomeKind::NetworkError) << 1;
    QTest::newRow("redirect with *") << QByteArray("*") << true << int(OutcomeKind::Final) << 2;
}

void tst_EngineContext::fetchCors()
{
    QFETCH(QByteArray, allowOrigin);
    QFETCH(bool, onRedirect);
    QFETCH(int, kind);
    QFETCH(int, hops);
    allowOrigin.replace("{origin}", m_server->url(QString()).toEncoded().chopped(1));
    Reply api;
    api.body = "api";
    if (!allowOrigin.isEmpty())
        api.addHeader("Access-Control-Allow-Origin", allowOrigin);
    m_other->on("/api", api);
    Reply redirect = ScriptedServer::redirect(302, "/api");
    if (!allowOrigin.isEmpty())
        redirect.addHeader("Access-Control-Allow-Origin", allowOrigin);
    m_other->on("/r", redirect);
    Engine engine;
    QVERIFY(runToEnd(engine, request(other(onRedirect ? QStringLiteral("/r") : QStringLiteral("/api"))),
                     browserFrom(m_server->url(QStringLiteral("/page")), RequestMode::Fetch)));
    const Trace &trace = engine.trace();
    QCOMPARE(int(trace.outcome.kind), kind);
    QCOMPARE(trace.hops.size(), hops);
    QCOMPARE(m_other->requestCount(), hops);
    QCOMPARE(m_other->requests().constFirst().header("Origin"),
             m_server->url(QString()).toEncoded().chopped(1));
    QCOMPARE(m_other->requests().constFirst().header("Sec-Fetch-Mode"), QByteArray("cors"));
    if (kind == int(OutcomeKind::NetworkError)) {
        QVERIFY2(trace.outcome.message.startsWith(QLatin1String("CORS: ")),
                 qPrintable(trace.outcome.message));
        QVERIFY(hasNote(trace.hops.last().notes, NoteCode::CorsBlocked));
        QVERIFY(trace.hops.last().response);  // the response came; the page does not get it
    }
}

// C4-C6: the credentials mode decides whether cookies are sent and stored.
void tst_EngineContext::fetchCredentialsMode_data()
{
    QTest::addColumn<int>("credentials");
    QTest::addColumn<bool>("sent");
    QTest::newRow("omit") << int(CredentialsMode::Omit) << false;
    QTest::newRow("same-origin") << int(CredentialsMode::SameOrigin) << true;
    QTest::newRow("include") << int(CredentialsMode::Include) << true;
}

void tst_EngineContext::fetchCredentialsMode()
{
    QFETCH(int, credentials);
    QFETCH(bool, sent);
    Reply set = ScriptedServer::redirect(302, "/echo");
    set.addHeader("Set-Cookie", "sid=1; Path=/");
    m_server->on("/set", set);
    Options o = browserFrom(m_server->url(QStringLiteral("/page")), RequestMode::Fetch);
    o.context.credentials = CredentialsMode(credentials);
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/set"))), o));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    QCOMPARE(m_server->requests().at(1).hasHeader("Cookie"), sent);
    QCOMPARE(hasNote(engine.trace().hops.at(0).notes, NoteCode::CookieIgnored), !sent);
}

// B1: the browser refuses GET and HEAD with a body before sending anything; curl sends it.
void tst_EngineContext::getWithBodyRefused_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("profile");
    QTest::newRow("browser GET") << QByteArray("GET") << int(Profile::Browser);
    QTest::newRow("browser HEAD") << QByteArray("HEAD") << int(Profile::Browser);
    QTest::newRow("curl GET") << QByteArray("GET") << int(Profile::Curl);
}

void tst_EngineContext::getWithBodyRefused()
{
    QFETCH(QByteArray, method);
    QFETCH(int, profile);
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/echo")), method, "x=1"),
                     profileOptions(Profile(profile))));
    const Trace &trace = engine.trace();
    if (Profile(profile) != Profile::Browser) {
        QCOMPARE(m_server->requestCount(), 1);
        QCOMPARE(m_server->requests().constFirst().body, QByteArray("x=1"));
        return;
    }
    QCOMPARE(m_server->requestCount(), 0);
    QCOMPARE(trace.outcome.kind, OutcomeKind::NetworkError);
    QVERIFY2(trace.outcome.message.startsWith(QStringLiteral("A browser cannot send a body with ")
                                              + QLatin1String(method)),
             qPrintable(trace.outcome.message));
    QCOMPARE(trace.hops.size(), 1);
    QVERIFY(!trace.hops.constFirst().response);
    QCOMPARE(trace.hops.constFirst().error->code, QStringLiteral("body-refused"));
    QVERIFY(hasNote(trace.hops.constFirst().notes, NoteCode::BodyRefused));
}

// H6, H8, H9: a preset that is not Chromium sends no client hints; the Accept-Language setting.
void tst_EngineContext::userAgentPresetAndLanguage()
{
    Options o = profileOptions(Profile::Browser);
    o.userAgent = QStringLiteral("firefox");
    o.acceptLanguage = QByteArrayLiteral("de-DE,de;q=0.9,en;q=0.8");
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/echo"))), o));
    const ReceivedRequest got = m_server->requests().constFirst();
    QCOMPARE(got.header("User-Agent"), findUserAgentPreset(QStringLiteral("firefox"))->userAgent);
    QCOMPARE(got.header("Accept-Language"), QByteArray("de-DE,de;q=0.9,en;q=0.8"));
    QVERIFY(!got.hasHeader("sec-ch-ua"));
    o.userAgent = QStringLiteral("MyBot/2.0");
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/echo"))), o));
    QCOMPARE(m_server->requests().at(1).header("User-Agent"), QByteArray("MyBot/2.0"));
}

// The body preview of a compressed response is the decoded body (the browser asked for compression).
void tst_EngineContext::compressedBodyDecoded_data()
{
    QTest::addColumn<QByteArray>("coding");
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<int>("profile");
    QTest::addColumn<QByteArray>("preview");
    const QByteArray text = QByteArray("<html><meta http-equiv=refresh content=\"0; url=/x\">").repeated(50);
    const QByteArray zlib = qCompress(text).mid(4);  // qCompress: a 4-byte length, then a zlib stream
    QTest::newRow("deflate") << QByteArray("deflate") << zlib << int(Profile::Browser) << text;
    // gzip: a 10-byte header, the raw deflate data (the zlib stream without its 2-byte head and 4-byte
    // checksum), the CRC-32 and the size.
    QByteArray gzip = QByteArray::fromHex("1f8b0800000000000003") + zlib.mid(2, zlib.size() - 6);
    quint32 crc = 0xffffffffu;
    for (const char c : text) {
        crc ^= uchar(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    char tail[8];
    qToLittleEndian<quint32>(~crc, tail);
    qToLittleEndian<quint32>(quint32(text.size()), tail + 4);
    gzip.append(tail, 8);
    QTest::newRow("gzip") << QByteArray("gzip") << gzip << int(Profile::Browser) << text;
    QTest::newRow("curl keeps the bytes") << QByteArray("deflate") << zlib << int(Profile::Curl) << zlib;
}

void tst_EngineContext::compressedBodyDecoded()
{
    QFETCH(QByteArray, coding);
    QFETCH(QByteArray, encoded);
    QFETCH(int, profile);
    QFETCH(QByteArray, preview);
    Reply r;
    r.addHeader("Content-Type", "text/html").addHeader("Content-Encoding", coding);
    r.body = encoded;
    m_server->on("/z", r);
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/z"))), profileOptions(Profile(profile))));
    const WireResponse &got = *engine.trace().hops.constFirst().response;
    QCOMPARE(got.bodyPreview, preview);
    QCOMPARE(got.bodySize, preview.size());
}

// Step mode: the context headers of the paused hop can be shown before it is sent, and are the ones sent.
void tst_EngineContext::pausedHopShowsItsContextHeaders()
{
    m_server->on("/start", [this](const ReceivedRequest &) {
        return ScriptedServer::redirect(302, other(QStringLiteral("/echo")).toEncoded());
    });
    Engine engine;
    engine.setStepMode(true);
    QSignalSpy paused(&engine, &Engine::paused);
    QSignalSpy finished(&engine, &Engine::finished);
    engine.start(request(m_server->url(QStringLiteral("/start"))),
                 browserFrom(m_server->url(QStringLiteral("/page"))));
    QVERIFY(paused.wait(10000));
    const HeaderList preview = engine.pendingContextHeaders(engine.pendingRequest());
    QCOMPARE(headerValue(preview, "Sec-Fetch-Site"), QByteArray("cross-site"));
    QCOMPARE(headerValue(preview, "Referer"), m_server->url(QStringLiteral("/")).toEncoded());
    // Asking twice changes nothing: the chain goes on only when the hop is sent.
    QCOMPARE(engine.pendingContextHeaders(engine.pendingRequest()), preview);
    QVERIFY(engine.pendingContextHeaders(engine.pendingRequest()).size() > 5);
    engine.resume();
    QVERIFY(finished.wait(10000));
    const HeaderList &sent = engine.trace().hops.at(1).request.headers;
    for (const HeaderPair &h : preview)
        QVERIFY2(sent.contains(h), h.first.constData());
    QCOMPARE(m_other->requests().constFirst().header("Referer"), headerValue(preview, "Referer"));
    Engine curl;
    QVERIFY(runToEnd(curl, request(m_server->url(QStringLiteral("/echo"))), profileOptions(Profile::Curl)));
    QVERIFY(curl.pendingContextHeaders(curl.pendingRequest()).isEmpty());
}

// Cookies (docs/spec/cookies.md P1, C4-C6, S9): the preset cookies of the conformance scenarios
// cookies-cross-site-*, set just before the chain, and what each hop sends as Chromium did.
void tst_EngineContext::presetCookiesSameSite_data()
{
    QTest::addColumn<bool>("crossSite");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::newRow("cross-site-link") << true << QByteArray("GET") << 302
                                     << QByteArray("lax=1; nonesec=1; plain=1")
                                     << QByteArray("lax=1; nonesec=1; plain=1");
    QTest::newRow("cross-site-form-307")
        << true << QByteArray("POST") << 307 << QByteArray("nonesec=1; plain=1")
        << QByteArray("nonesec=1; plain=1");
    QTest::newRow("cross-site-form-302")
        << true << QByteArray("POST") << 302 << QByteArray("nonesec=1; plain=1")
        << QByteArray("lax=1; nonesec=1; plain=1");
    QTest::newRow("same-site-form-307")
        << false << QByteArray("POST") << 307 << QByteArray("strict=1; lax=1; nonesec=1; plain=1")
        << QByteArray("strict=1; lax=1; nonesec=1; plain=1");
}

void tst_EngineContext::presetCookiesSameSite()
{
    QFETCH(bool, crossSite);
    QFETCH(QByteArray, method);
    QFETCH(int, status);
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    m_server->on("/c/1", ScriptedServer::redirect(status, "/echo"));
    // Same site: the page on the same host, another port (the other server's port on 127.0.0.1).
    const QUrl page = crossSite
                          ? other(QStringLiteral("/launch"))
                          : m_other->urlWithHost(QStringLiteral("127.0.0.1"), QStringLiteral("/launch"));
    Options o = browserFrom(page);
    const QUrl root = m_server->url(QStringLiteral("/"));
    for (const char *c : {"strict=1; SameSite=Strict", "lax=1; SameSite=Lax", "none=1; SameSite=None",
                          "nonesec=1; SameSite=None; Secure", "plain=1"})
        o.presetCookies.append({root, QByteArray(c)});
    Engine engine;
    QVERIFY(runToEnd(
        engine, request(m_server->url(QStringLiteral("/c/1")), method, method == "POST" ? "x=1" : ""), o));
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(m_server->requests().at(0).header("Cookie"), first);
    QCOMPARE(m_server->requests().at(1).header("Cookie"), second);
    const NoteList &notes = engine.trace().hops.at(0).notes;
    int presets = 0;
    for (const Note &n : notes)
        presets += n.is(NoteCode::CookiePreset) ? 1 : 0;
    QCOMPARE(presets, 4);
    const auto rejected = std::find_if(notes.cbegin(), notes.cend(),
                                       [](const Note &n) { return n.is(NoteCode::CookieRejected); });
    QVERIFY(rejected != notes.cend());
    QCOMPARE(rejected->message,
             QStringLiteral("Cookie none rejected (preset for %1): SameSite=None without Secure")
                 .arg(root.toDisplayString()));
    if (crossSite) {
        const auto strict = std::find_if(notes.cbegin(), notes.cend(), [](const Note &n) {
            return n.is(NoteCode::CookieNotSent) && n.subject == QLatin1String("strict");
        });
        QVERIFY(strict != notes.cend());
        QCOMPARE(strict->reason, QStringLiteral("SameSite=Strict and the request comes from another site"));
    }
}

// S7/C3: a Secure cookie set by an http response on 127.0.0.1 (potentially trustworthy) is kept and sent.
void tst_EngineContext::secureCookieOverLoopbackHttp()
{
    Reply set = ScriptedServer::redirect(302, "/echo");
    set.addHeader("Set-Cookie", "sec=1; Secure; Path=/");
    set.addHeader("Set-Cookie", "__Host-h=1; Secure; Path=/");
    m_server->on("/set", set);
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/set"))), profileOptions(Profile::Browser)));
    QCOMPARE(m_server->requests().at(1).header("Cookie"), QByteArray("sec=1; __Host-h=1"));
    QVERIFY(hasNote(engine.trace().hops.at(1).notes, NoteCode::CookieSent));
}

// K2: curl's -b 'a=1' goes on every hop to every host, after the engine's cookies (measured with curl
// 7.88.1: curl-cookie-b-set-cookie, curl-cookie-engine-on).
void tst_EngineContext::curlCookieStringOnEveryHost()
{
    Reply set = ScriptedServer::redirect(302, other(QStringLiteral("/k/2")).toEncoded());
    set.addHeader("Set-Cookie", "s=2; Path=/");
    m_server->on("/k/1", set);
    m_other->on("/k/2", ScriptedServer::redirect(302, m_server->url(QStringLiteral("/echo")).toEncoded()));
    for (const bool engineOn : {false, true}) {
        Options o = profileOptions(Profile::Curl);
        o.curlCookies = "a=1";
        if (engineOn)
            o.cookieJar = true;
        Engine engine;
        const qsizetype before = m_server->requests().size();
        QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/k/1"))), o));
        QCOMPARE(m_server->requests().at(before).header("Cookie"), QByteArray("a=1"));
        QCOMPARE(m_other->requests().constLast().header("Cookie"), QByteArray("a=1"));
        QCOMPARE(m_server->requests().constLast().header("Cookie"),
                 engineOn ? QByteArray("s=2; a=1") : QByteArray("a=1"));
    }
}

QTEST_GUILESS_MAIN(tst_EngineContext)
#include "tst_engine_context.moc"
