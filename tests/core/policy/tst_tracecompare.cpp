// compareTraces: hand-built traces for each kind of difference, then real traces of one request run by
// the Engine against ScriptedServer under the three profiles (POST → 302 → another origin).
#include "core/policy/tracecompare.h"

#include "support/enginerunner.h"
#include "support/scriptedserver.h"

#include <QTest>

using namespace Rwb;
using namespace Rwb::Test;

namespace {

const QByteArray kHead = "Host: a\nUser-Agent: u\nAccept: */*";

HeaderList lines(const QByteArray &text)
{
    HeaderList out;
    for (const QByteArray &line : text.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            out.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    return out;
}

// A hop with a response (status > 0) or without one (status 0: the hop failed with `error`).
Hop makeHop(const char *method, const char *url, int status, const QByteArray &headers = kHead,
            const QByteArray &body = {}, const char *error = "timeout")
{
    Hop h;
    h.request.method = method;
    h.request.url = QUrl(QString::fromUtf8(url));
    h.request.headers = lines(headers);
    h.request.body = body;
    if (status > 0) {
        WireResponse r;
        r.status = status;
        h.response = r;
    } else {
        h.error = HopError{QString::fromLatin1(error), QString()};
    }
    return h;
}

Trace makeTrace(const char *profile, const QList<Hop> &hops, OutcomeKind kind, const char *finalUrl,
                int finalStatus = 0)
{
    Trace t;
    t.profile = QString::fromLatin1(profile);
    t.hops = hops;
    for (qsizetype i = 0; i < t.hops.size(); ++i)
        t.hops[i].index = int(i);
    t.outcome.kind = kind;
    t.outcome.finalUrl = QUrl(QString::fromUtf8(finalUrl));
    t.outcome.finalStatus = finalStatus;
    return t;
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *s : items)
        out << QString::fromUtf8(s);
    return out;
}

const char *const kA = "http://a/start";
const char *const kB = "http://b/next";

}  // namespace

class TestTraceCompare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noTraces_noRows();
    void rows_data();
    void rows();
    void engineTraces_postThen302CrossOrigin();
};

void TestTraceCompare::noTraces_noRows()
{
    QVERIFY(compareTraces({}, {}).isEmpty());
}

void TestTraceCompare::rows_data()
{
    QTest::addColumn<QList<Trace>>("traces");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<int>("rowCount");
    QTest::addColumn<int>("row");
    QTest::addColumn<QStringList>("expected");

    const Trace twoHops =
        makeTrace("browser", {makeHop("GET", kA, 302), makeHop("GET", kB, 200)}, OutcomeKind::Final, kB, 200);
    QTest::newRow("identical-hop") << QList<Trace>{twoHops, twoHops} << list({"browser", "curl"}) << 3 << 1
                                   << QStringList();
    QTest::newRow("identical-outcome")
        << QList<Trace>{twoHops, twoHops} << list({"browser", "curl"}) << 3 << 2 << QStringList();

    const Trace post =
        makeTrace("curl", {makeHop("POST", kA, 302), makeHop("POST", kB, 200)}, OutcomeKind::Final, kB, 200);
    QTest::newRow("method-grouped") << QList<Trace>{post, twoHops, twoHops}
                                    << list({"curl", "browser", "strict"}) << 3 << 1
                                    << list({"method: POST (curl) vs GET (browser, strict)"});

    const Trace auth = makeTrace("curl", {makeHop("GET", kA, 302, kHead + "\nAuthorization: Basic eDp5")},
                                 OutcomeKind::Final, kB, 200);
    const Trace noAuth = makeTrace("x", {makeHop("GET", kA, 302)}, OutcomeKind::Final, kB, 200);
    QTest::newRow("header-sent-by-one")
        << QList<Trace>{noAuth, auth, noAuth} << list({"browser", "curl", "strict"}) << 2 << 0
        << list({"Authorization: sent by curl, not by browser, strict"});
    const Trace lowerCase = makeTrace("x", {makeHop("GET", kA, 302, "host: a\nuser-agent: v\naccept: x")},
                                      OutcomeKind::Final, kB, 200);
    QTest::newRow("header-names-case-insensitive-values-ignored")
        << QList<Trace>{noAuth, lowerCase} << list({"browser", "curl"}) << 2 << 0 << QStringList();
    const Trace dupCookie = makeTrace("x", {makeHop("GET", kA, 302, kHead + "\nCookie: a=1\nCookie: b=2")},
                                      OutcomeKind::Final, kB, 200);
    QTest::newRow("repeated-header-named-once")
        << QList<Trace>{dupCookie, noAuth} << list({"browser", "strict"}) << 2 << 0
        << list({"Cookie: sent by browser, not by strict"});

    const Trace strictEnds = makeTrace("strict", {makeHop("GET", kA, 302)}, OutcomeKind::Final, kA, 302);
    QTest::newRow("one-ended") << QList<Trace>{twoHops, strictEnds} << list({"browser", "strict"}) << 3 << 1
                               << list({"strict ended: final response 302; browser goes on",
                                        "status: 200 (browser) vs — (strict: ended)"});
    QTest::newRow("one-ended-outcome")
        << QList<Trace>{twoHops, strictEnds} << list({"browser", "strict"}) << 3 << 2
        << list({"outcome: final response 200 (browser) vs final response 302 (strict)",
                 "final URL: http://b/next (browser) vs http://a/start (strict)"});

    const Trace limited = makeTrace("browser", {makeHop("GET", kA, 302), makeHop("GET", kB, 302)},
                                    OutcomeKind::TooManyRedirects, kA);
    const Trace goesOn = makeTrace(
        "curl",
        {makeHop("GET", kA, 302), makeHop("GET", kB, 302), makeHop("GET", kA, 302), makeHop("GET", kB, 200)},
        OutcomeKind::Final, kB, 200);
    QTest::newRow("too-many-redirects-ended")
        << QList<Trace>{limited, goesOn, goesOn} << list({"browser", "curl", "requests"}) << 5 << 2
        << list({"browser ended: too many redirects; curl, requests go on",
                 "status: 302 (curl, requests) vs — (browser: ended)"});
    QTest::newRow("ended-earlier-only-in-status")
        << QList<Trace>{limited, goesOn} << list({"browser", "curl"}) << 5 << 3
        << list({"status: 200 (curl) vs — (browser: ended)"});
    QTest::newRow("outcome-kind")
        << QList<Trace>{limited, goesOn} << list({"browser", "curl"}) << 5 << 4
        << list({"outcome: too many redirects (browser) vs final response 200 (curl)",
                 "final URL: http://a/start (browser) vs http://b/next (curl)"});

    const Trace timeout = makeTrace("curl", {makeHop("GET", kA, 0)}, OutcomeKind::Timeout, kA);
    const Trace answered = makeTrace("browser", {makeHop("GET", kA, 200)}, OutcomeKind::Final, kA, 200);
    QTest::newRow("no-response") << QList<Trace>{answered, timeout} << list({"browser", "curl"}) << 2 << 0
                                 << list({"status: 200 (browser) vs no response (timeout) (curl)"});
    QTest::newRow("no-response-outcome")
        << QList<Trace>{answered, timeout} << list({"browser", "curl"}) << 2 << 1
        << list({"outcome: final response 200 (browser) vs timeout (curl)"});

    const Trace withBody =
        makeTrace("strict", {makeHop("POST", kA, 200, kHead + "\nContent-Length: 3", "a=1")},
                  OutcomeKind::Final, kA, 200);
    const Trace oneByte = makeTrace("curl", {makeHop("POST", kA, 200, kHead + "\nContent-Length: 1", "a")},
                                    OutcomeKind::Final, kA, 200);
    QTest::newRow("body-size") << QList<Trace>{withBody, oneByte} << list({"strict", "curl"}) << 2 << 0
                               << list({"body: 3 bytes (strict) vs 1 byte (curl)"});
    const Trace url2 =
        makeTrace("curl", {makeHop("GET", "http://a/other", 200)}, OutcomeKind::Final, kA, 200);
    QTest::newRow("url") << QList<Trace>{answered, url2} << list({"browser", "curl"}) << 2 << 0
                         << list({"URL: http://a/start (browser) vs http://a/other (curl)"});
    QTest::newRow("names-fall-back-to-profile") << QList<Trace>{post, twoHops} << QStringList() << 3 << 1
                                                << list({"method: POST (curl) vs GET (browser)"});

    const Trace blocked = makeTrace("strict", {}, OutcomeKind::BlockedScheme, "ftp://x/");
    QTest::newRow("no-hop-at-all") << QList<Trace>{answered, blocked} << list({"browser", "strict"}) << 2 << 0
                                   << list({"strict ended: blocked scheme; browser goes on",
                                            "status: 200 (browser) vs — (strict: ended)"});
}

void TestTraceCompare::rows()
{
    QFETCH(QList<Trace>, traces);
    QFETCH(QStringList, names);
    QFETCH(int, rowCount);
    QFETCH(int, row);
    QFETCH(QStringList, expected);
    const QList<CompareRow> rows = compareTraces(traces, names);
    QCOMPARE(rows.size(), rowCount);
    QCOMPARE(rows.at(row).differences, expected);
}

void TestTraceCompare::engineTraces_postThen302CrossOrigin()
{
    ScriptedServer first, second;
    QVERIFY(first.listen());
    QVERIFY(second.listen());
    first.on("/form", ScriptedServer::redirect(302, second.url(QStringLiteral("/done")).toEncoded()));
    second.on("/done", [](const ReceivedRequest &r) { return ScriptedServer::echo(r); });

    const RequestSpec spec = request(first.url(QStringLiteral("/form")), "POST", "a=1",
                                     {{"Authorization", "Basic eDp5"}, {"Content-Type", "text/plain"}});
    QList<Trace> traces;
    QStringList names;
    for (const Profile p : allProfiles()) {
        Engine engine;
        QVERIFY(runToEnd(engine, spec, profileOptions(p)));
        traces << engine.trace();
        names << profileName(p);
    }
    QCOMPARE(names, list({"browser", "curl", "strict"}));

    const QList<CompareRow> rows = compareTraces(traces, names);
    QCOMPARE(rows.size(), 3);
    // The first request is the same in every profile but for the headers each client adds of its own.
    QCOMPARE(rows.at(0).differences, QStringList());
    // Browser and curl follow the 302 with GET and drop the body; strict keeps POST. Only curl keeps the
    // user's Content-Type; all three drop Authorization on the way to the other origin.
    QCOMPARE(rows.at(1).differences, list({"method: GET (browser, curl) vs POST (strict)",
                                           "Content-Type: sent by curl, strict, not by browser",
                                           "Content-Length: sent by strict, not by browser, curl",
                                           "body: no body (browser, curl) vs 3 bytes (strict)"}));
    QCOMPARE(rows.at(2).differences, QStringList());
    for (const Trace &t : std::as_const(traces))
        QVERIFY(!hasHeader(t.hops.at(1).request.headers, "Authorization"));
    // What the second server received agrees with the comparison: one POST among the three requests.
    QCOMPARE(second.requestCount(), 3);
    QCOMPARE(second.requests().at(2).method, QByteArray("POST"));
    QCOMPARE(second.requests().at(1).header("Content-Type"), QByteArray("text/plain"));
}

QTEST_GUILESS_MAIN(TestTraceCompare)
#include "tst_tracecompare.moc"
