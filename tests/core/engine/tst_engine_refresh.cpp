// Refresh hops through the engine, against the in-process ScriptedServer (docs/spec/refresh.md): the
// browser profile follows a Refresh header or a meta refresh on a final response as a new navigation from
// the page; curl and strict note it and stop; the limit, the wait, reload loops, script navigations.
#include "support/enginerunner.h"
#include "support/scriptedserver.h"

using namespace Rwb;
using namespace Rwb::Test;

Q_DECLARE_METATYPE(Rwb::Profile)

namespace {

Reply withRefresh(const QByteArray &value)
{
    Reply r;
    r.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain")},
                 {QByteArrayLiteral("Refresh"), value}};
    r.body = QByteArrayLiteral("refresh");
    return r;
}

Reply page(const QByteArray &head)
{
    Reply r;
    r.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/html; charset=utf-8")}};
    r.body = "<!doctype html><html><head>" + head + "</head><body>page</body></html>";
    return r;
}

const Note *findNote(const Hop &hop, NoteCode code)
{
    for (const Note &n : hop.notes) {
        if (n.is(code))
            return &n;
    }
    return nullptr;
}

}  // namespace

class tst_EngineRefresh : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void refreshHeaderIsANavigationFromThePage();
    void metaRefreshCrossSite();
    void metaReferrerPolicy();
    void delayAboveTheLimit();
    void waitForRefresh();
    void stopWhileWaiting();
    void reloadIsALoop();
    void reloadCountsTowardTheLimit();
    void curlAndStrictOnlyNote_data();
    void curlAndStrictOnlyNote();
    void scriptNavigationNoted();
    void fetchDoesNotRefresh();
    void redirectIsNotRefreshed();

private:
    ScriptedServer *m_server = nullptr;
    ScriptedServer *m_other = nullptr;  // another site: http://localhost:OTHER
};

void tst_EngineRefresh::init()
{
    m_server = ScriptedServer::startEcho(this);
    m_other = ScriptedServer::startEcho(this);
    QVERIFY(m_server && m_other);
}

void tst_EngineRefresh::cleanup()
{
    delete m_server;
    delete m_other;
    m_server = m_other = nullptr;
}

// As Chromium 156 sends it (tests/conformance/chromium-observed.md §6, refresh-header-0): GET, Referer the
// page, Sec-Fetch-Site relative to the page, no Sec-Fetch-User; the redirect after it keeps that Referer.
void tst_EngineRefresh::refreshHeaderIsANavigationFromThePage()
{
    m_server->on("/rf/1", withRefresh("0; url=/rf/2"));
    m_server->on("/rf/2", ScriptedServer::redirect(302, "/echo"));
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/rf/1"))), profileOptions(Profile::Browser)));
    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    QCOMPARE(t.hops.size(), 3);
    QCOMPARE(t.hops[0].via, HopVia::Request);
    QCOMPARE(t.hops[1].via, HopVia::RefreshHeader);
    QCOMPARE(t.hops[1].refreshDelayMs, std::optional<qint64>(0));
    QCOMPARE(t.hops[2].via, HopVia::Redirect);
    QVERIFY(!t.hops[2].refreshDelayMs);
    const Note *followed = findNote(t.hops[0], NoteCode::RefreshFollowed);
    QVERIFY(followed);
    QVERIFY2(followed->message.contains(QLatin1String("after 0 s to ")), qPrintable(followed->message));
    QCOMPARE(t.refreshCount(), 1);
    QVERIFY2(t.outcome.message.contains(QLatin1String("after 1 redirect and 1 refresh")),
             qPrintable(t.outcome.message));

    const QList<ReceivedRequest> got = m_server->requests();
    QCOMPARE(got.size(), 3);
    QCOMPARE(got[0].header("Sec-Fetch-Site"), QByteArray("none"));
    const QByteArray pageUrl = m_server->url(QStringLiteral("/rf/1")).toEncoded();
    QCOMPARE(got[1].method, QByteArray("GET"));
    QCOMPARE(got[1].path(), QByteArray("/rf/2"));
    QCOMPARE(got[1].header("Referer"), pageUrl);
    QCOMPARE(got[1].header("Sec-Fetch-Site"), QByteArray("same-origin"));
    QCOMPARE(got[1].header("Sec-Fetch-Mode"), QByteArray("navigate"));
    QVERIFY(!got[1].hasHeader("Sec-Fetch-User"));
    QCOMPARE(got[2].header("Referer"), pageUrl);
    QCOMPARE(t.hops[1].request.headers, got[1].headers);
}

void tst_EngineRefresh::metaRefreshCrossSite()
{
    const QByteArray target =
        m_other->urlWithHost(QStringLiteral("localhost"), QStringLiteral("/echo")).toEncoded();
    m_server->on("/mr/1", page("<meta http-equiv=\"refresh\" content=\"0;url=" + target + "\">"));
    Options o = profileOptions(Profile::Browser);
    o.context.from = m_server->url(QStringLiteral("/launch?secret=1"));
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/mr/1"))), o));
    const Trace &t = engine.trace();
    QCOMPARE(t.hops.size(), 2);
    QCOMPARE(t.hops[1].via, HopVia::MetaRefresh);
    QVERIFY2(t.outcome.message.startsWith(QLatin1String("200 OK after 1 refresh, ")),
             qPrintable(t.outcome.message));
    QCOMPARE(m_other->requestCount(), 1);
    const ReceivedRequest got = m_other->requests().constFirst();
    QCOMPARE(got.header("Referer"), m_server->url(QStringLiteral("/")).toEncoded());
    QCOMPARE(got.header("Sec-Fetch-Site"), QByteArray("cross-site"));
    QVERIFY(!got.hasHeader("Sec-Fetch-User"));
    QVERIFY(!got.hasHeader("Origin"));
}

// The page's policy: its Referrer-Policy header, then <meta name=referrer> (meta-refresh-policy).
void tst_EngineRefresh::metaReferrerPolicy()
{
    m_server->on("/mr/1", page("<meta name=\"referrer\" content=\"no-referrer\"><meta http-equiv=\"refresh\" "
                               "content=\"0;url=/echo\">"));
    Reply headerPolicy = withRefresh("0;url=/echo?2");
    headerPolicy.addHeader("Referrer-Policy", "origin");
    m_server->on("/rf/1", headerPolicy);
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/mr/1"))), profileOptions(Profile::Browser)));
    QCOMPARE(m_server->requestCount(), 2);
    QVERIFY(!m_server->requests().at(1).hasHeader("Referer"));

    m_server->clearRequests();
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/rf/1"))), profileOptions(Profile::Browser)));
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_server->requests().at(1).header("Referer"), m_server->url(QStringLiteral("/")).toEncoded());
}

void tst_EngineRefresh::delayAboveTheLimit()
{
    m_server->on("/rf/1", withRefresh("10; url=/echo"));
    Options o = profileOptions(Profile::Browser);
    o.refreshLimitMs = 9999;
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/rf/1"))), o));
    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    QCOMPARE(t.hops.size(), 1);
    const Note *n = findNote(t.hops[0], NoteCode::RefreshNotFollowed);
    QVERIFY(n);
    QVERIFY2(n->message.contains(QLatin1String("above the limit of 9.999 s")), qPrintable(n->message));
    QVERIFY(!findNote(t.hops[0], NoteCode::RefreshFollowed));

    o.refreshLimitMs = 10000;  // the limit itself is followed
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/rf/1"))), o));
    QCOMPARE(engine.trace().hops.size(), 2);
    QCOMPARE(engine.trace().hops[1].refreshDelayMs, std::optional<qint64>(10000));
}

void tst_EngineRefresh::waitForRefresh()
{
    m_server->on("/rf/1", withRefresh("1; url=/echo"));
    Options o = profileOptions(Profile::Browser);
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/rf/1"))), o));
    QCOMPARE(engine.trace().hops.size(), 2);
    const double fast = engine.trace().hops[1].timing.startMs - engine.trace().hops[0].timing.endMs;
    QVERIFY2(fast < 900, qPrintable(QString::number(fast)));

    o.waitForRefresh = true;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/rf/1"))), o));
    QCOMPARE(engine.trace().hops.size(), 2);
    const double waited = engine.trace().hops[1].timing.startMs - engine.trace().hops[0].timing.endMs;
    QVERIFY2(waited >= 990, qPrintable(QString::number(waited)));
    QVERIFY(findNote(engine.trace().hops[0], NoteCode::RefreshFollowed)
                ->message.contains(QLatin1String("after waiting the delay")));
}

void tst_EngineRefresh::stopWhileWaiting()
{
    m_server->on("/rf/1", withRefresh("3; url=/echo"));
    Options o = profileOptions(Profile::Browser);
    o.waitForRefresh = true;
    Engine engine;
    QSignalSpy recorded(&engine, &Engine::hopRecorded);
    QSignalSpy finished(&engine, &Engine::finished);
    engine.start(request(m_server->url(QStringLiteral("/rf/1"))), o);
    QVERIFY(recorded.wait(5000));
    QVERIFY(engine.isRunning());
    engine.stop();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Stopped);
    QCOMPARE(engine.trace().hops.size(), 1);
    QTest::qWait(50);
    QCOMPARE(m_server->requestCount(), 1);
}

// A refresh to the page itself (a reload) is a request the chain already sent: a loop.
void tst_EngineRefresh::reloadIsALoop()
{
    m_server->on("/rf/1", withRefresh("0"));
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/rf/1#top"))),
                     profileOptions(Profile::Browser)));
    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::Loop);
    QCOMPARE(t.outcome.repeatsHop, 0);
    QCOMPARE(t.hops.size(), 1);
    QVERIFY(findNote(t.hops[0], NoteCode::Loop));
    QVERIFY(findNote(t.hops[0], NoteCode::Loop)->message.contains(QLatin1String("by a Refresh header")));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_EngineRefresh::reloadCountsTowardTheLimit()
{
    m_server->on("/rf/1", withRefresh("0"));
    Options o = profileOptions(Profile::Browser);
    o.loopDetect = false;
    o.maxRedirects = 3;
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/rf/1"))), o));
    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::TooManyRedirects);
    QCOMPARE(t.hops.size(), 4);
    QCOMPARE(m_server->requestCount(), 4);
    for (int i = 1; i < 4; ++i) {
        QCOMPARE(t.hops[i].via, HopVia::RefreshHeader);
        QCOMPARE(m_server->requests().at(i).header("Referer"),
                 m_server->url(QStringLiteral("/rf/1")).toEncoded());
    }
    QVERIFY(findNote(t.hops[3], NoteCode::RefreshNotFollowed));
}

void tst_EngineRefresh::curlAndStrictOnlyNote_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<bool>("meta");
    QTest::addColumn<QString>("says");
    QTest::newRow("curl header") << Profile::Curl << false << "not followed: curl does not follow Refresh";
    QTest::newRow("curl meta") << Profile::Curl << true << "not followed: curl does not follow Refresh";
    QTest::newRow("strict header") << Profile::Strict << false << "RFC 9110 has no Refresh";
}

void tst_EngineRefresh::curlAndStrictOnlyNote()
{
    QFETCH(Profile, profile);
    QFETCH(bool, meta);
    QFETCH(QString, says);
    m_server->on("/r", meta ? page("<meta http-equiv=refresh content=\"0;url=/echo\">")
                            : withRefresh("0;url=/echo"));
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/r"))), profileOptions(profile)));
    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    QCOMPARE(t.hops.size(), 1);
    const Note *n = findNote(t.hops[0], NoteCode::RefreshNotFollowed);
    QVERIFY(n);
    QVERIFY2(n->message.contains(says), qPrintable(n->message));
    QVERIFY(n->message.startsWith(meta ? QLatin1String("meta refresh") : QLatin1String("Refresh header")));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_EngineRefresh::scriptNavigationNoted()
{
    m_server->on("/is/1", page("<script>location = \"/is/2\";</script>"));
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(m_server->url(QStringLiteral("/is/1"))), profileOptions(Profile::Browser)));
    const Trace &t = engine.trace();
    QCOMPARE(t.hops.size(), 1);
    const Note *n = findNote(t.hops[0], NoteCode::ScriptRedirect);
    QVERIFY(n);
    QVERIFY2(n->message.contains(m_server->url(QStringLiteral("/is/2")).toDisplayString()),
             qPrintable(n->message));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_EngineRefresh::fetchDoesNotRefresh()
{
    m_server->on("/rf/1", withRefresh("0; url=/echo"));
    Options o = profileOptions(Profile::Browser);
    o.context.from = m_server->url(QStringLiteral("/page"));
    o.context.mode = RequestMode::Fetch;
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/rf/1"))), o));
    QCOMPARE(engine.trace().hops.size(), 1);
    QVERIFY(findNote(engine.trace().hops[0], NoteCode::RefreshNotFollowed));
}

// A Refresh header on a redirect response is not read: the redirect is followed.
void tst_EngineRefresh::redirectIsNotRefreshed()
{
    Reply r = ScriptedServer::redirect(302, "/echo");
    r.addHeader("Refresh", "0; url=/elsewhere");
    m_server->on("/r", r);
    Engine engine;
    QVERIFY(runToEnd(engine, request(m_server->url(QStringLiteral("/r"))), profileOptions(Profile::Browser)));
    QCOMPARE(engine.trace().hops.size(), 2);
    QCOMPARE(engine.trace().hops[1].via, HopVia::Redirect);
    QCOMPARE(m_server->requests().at(1).path(), QByteArray("/echo"));
}

QTEST_GUILESS_MAIN(tst_EngineRefresh)
#include "tst_engine_refresh.moc"
