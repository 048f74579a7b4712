// Expectations of a saved case: each kind judged on hand-made chains, "Expect this chain", and the
// session-file JSON of each kind.
#include "core/check/expectationjson.h"
#include "core/check/expectations.h"
#include "core/json/jsonwriter.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Rwb;

Q_DECLARE_METATYPE(Rwb::Expectation)

namespace {

Hop hop(int index, const char *method, const char *url, int status, HeaderList responseHeaders = {},
        HeaderList requestHeaders = {})
{
    Hop h;
    h.index = index;
    h.request.method = method;
    h.request.url = QUrl(QString::fromLatin1(url));
    h.request.headers = requestHeaders;
    WireResponse r;
    r.status = status;
    r.httpVersion = "1.1";
    r.headers = responseHeaders;
    const QByteArray location = headerValue(responseHeaders, "Location");
    if (!location.isEmpty())
        r.location = h.request.url.resolved(QUrl::fromEncoded(location));
    h.response = r;
    h.timing = {10.0 * index, 10.0 * index + 4, 10.0 * index + 5, {}};
    return h;
}

Trace finish(Trace t, OutcomeKind kind = OutcomeKind::Final)
{
    t.profile = QStringLiteral("browser");
    t.outcome.kind = kind;
    if (!t.hops.isEmpty()) {
        t.outcome.finalUrl = t.hops.last().request.url;
        if (t.hops.last().response)
            t.outcome.finalStatus = t.hops.last().response->status;
    }
    return t;
}

// GET http://a.test/ answered 200.
Trace plainTrace()
{
    Trace t;
    t.hops = {hop(0, "GET", "http://a.test/", 200)};
    return finish(t);
}

// A form POST answered 302 with a cookie, then the GET of the new page; 42.5 ms in all.
Trace postRedirectTrace()
{
    Trace t;
    t.hops = {
        hop(0, "POST", "http://shop.test/form", 302,
            {{"Location", "/done"}, {"Set-Cookie", "session=abc; Path=/"}, {"Set-Cookie", "=nameless"}}),
        hop(1, "GET", "http://shop.test/done", 200, {{"Set-Cookie", "seen=1"}})};
    t.hops[0].timing = {0.0, 3.0, 4.0, {}};
    t.hops[1].timing = {4.5, 40.0, 42.5, {}};
    return finish(t);
}

// Authorization on the first request, the redirect goes to another host: the client drops the header
// (or, with `forwarded`, sends it on).
Trace crossOriginTrace(bool forwarded)
{
    Trace t;
    const HeaderList auth{{"Authorization", "Bearer secret"}};
    t.hops = {hop(0, "GET", "https://api.test/v1", 301, {{"Location", "https://cdn.test/v1"}}, auth),
              hop(1, "GET", "https://cdn.test/v1", 200, {}, forwarded ? auth : HeaderList{})};
    return finish(t);
}

// Authorization kept on a redirect within the same origin, written once with and once without the
// default port.
Trace sameOriginAuthTrace()
{
    Trace t;
    const HeaderList auth{{"authorization", "Basic dTpw"}};
    t.hops = {hop(0, "GET", "https://api.test/a", 302, {{"Location", "https://api.test:443/b"}}, auth),
              hop(1, "GET", "https://api.test:443/b", 200, {}, auth)};
    return finish(t);
}

// Authorization on both hops of a hand-made trace on schemes the engine never follows (a session file may
// hold one): ws, wss and ftp URLs still compare with the port their scheme implies.
Trace otherSchemeTrace(const char *from, const char *to)
{
    Trace t;
    const HeaderList auth{{"Authorization", "Bearer secret"}};
    t.hops = {hop(0, "GET", from, 301, {{"Location", to}}, auth), hop(1, "GET", to, 200, {}, auth)};
    return finish(t);
}

Trace downgradeTrace()
{
    Trace t;
    t.hops = {hop(0, "GET", "https://secure.test/", 302, {{"Location", "http://plain.test/"}}),
              hop(1, "GET", "http://plain.test/", 200)};
    return finish(t);
}

Trace loopTrace()
{
    Trace t;
    t.hops = {hop(0, "GET", "http://loop.test/a", 302, {{"Location", "/b"}}),
              hop(1, "GET", "http://loop.test/b", 302, {{"Location", "/a"}})};
    t = finish(t, OutcomeKind::Loop);
    t.outcome.repeatsHop = 0;
    return t;
}

// The redirect target refuses the connection: the last hop has no response.
Trace errorTrace()
{
    Trace t;
    Hop failed;
    failed.index = 1;
    failed.request.method = "GET";
    failed.request.url = QUrl(QStringLiteral("http://down.test:1/"));
    failed.error = HopError{QStringLiteral("connection-refused"), QStringLiteral("Connection refused")};
    t.hops = {hop(0, "GET", "http://down.test/", 301, {{"Location", "http://down.test:1/"}}), failed};
    return finish(t, OutcomeKind::NetworkError);
}

Trace traceNamed(const QString &name)
{
    if (name == QLatin1String("plain"))
        return plainTrace();
    if (name == QLatin1String("post"))
        return postRedirectTrace();
    if (name == QLatin1String("crossDropped"))
        return crossOriginTrace(false);
    if (name == QLatin1String("crossForwarded"))
        return crossOriginTrace(true);
    if (name == QLatin1String("sameOrigin"))
        return sameOriginAuthTrace();
    if (name == QLatin1String("wsSameOrigin"))
        return otherSchemeTrace("ws://chat.test/a", "ws://chat.test:80/b");
    if (name == QLatin1String("wssSameOrigin"))
        return otherSchemeTrace("wss://chat.test:443/a", "wss://chat.test/b");
    if (name == QLatin1String("ftpSameOrigin"))
        return otherSchemeTrace("ftp://files.test/a", "ftp://files.test:21/b");
    if (name == QLatin1String("wsToWss"))
        return otherSchemeTrace("ws://chat.test/a", "wss://chat.test/b");
    if (name == QLatin1String("ftpOtherPort"))
        return otherSchemeTrace("ftp://files.test/a", "ftp://files.test:80/b");
    if (name == QLatin1String("downgrade"))
        return downgradeTrace();
    if (name == QLatin1String("loop"))
        return loopTrace();
    if (name == QLatin1String("error"))
        return errorTrace();
    if (name == QLatin1String("empty"))
        return finish(Trace());
    qFatal("no trace %s", qPrintable(name));
}

Expectation make(ExpectationKind kind, int number = 0, const QString &text = QString(),
                 Expectation::Match match = Expectation::Match::Exact, const QList<int> &statuses = {})
{
    Expectation e;
    e.kind = kind;
    e.number = number;
    e.text = text;
    e.match = match;
    e.statuses = statuses;
    return e;
}

Expectation text(ExpectationKind kind, const char *value,
                 Expectation::Match match = Expectation::Match::Exact)
{
    return make(kind, 0, QString::fromUtf8(value), match);
}

QStringList descriptions(const QList<Expectation> &list)
{
    QStringList out;
    for (const Expectation &e : list)
        out.append(describeExpectation(e));
    return out;
}

}  // namespace

class tst_Expectations : public QObject
{
    Q_OBJECT

private slots:
    void kindNames();
    void describe();
    void evaluate_data();
    void evaluate();
    void fromTrace_data();
    void fromTrace();
    void fromTracePinsTheChainDown();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void jsonRoundTripCoversEveryKind();
    void writerKeyOrder();
    void jsonErrors_data();
    void jsonErrors();
};

void tst_Expectations::kindNames()
{
    const QStringList documented{QStringLiteral("hopCount"),    QStringLiteral("statusSequence"),
                                 QStringLiteral("finalUrl"),    QStringLiteral("finalStatus"),
                                 QStringLiteral("hopLocation"), QStringLiteral("finalMethod"),
                                 QStringLiteral("noDowngrade"), QStringLiteral("noCrossOriginAuthorization"),
                                 QStringLiteral("cookieSet"),   QStringLiteral("maxTotalTime"),
                                 QStringLiteral("outcome")};
    QCOMPARE(allExpectationKinds().size(), documented.size());
    for (qsizetype i = 0; i < documented.size(); ++i) {
        QCOMPARE(expectationKindName(allExpectationKinds().at(i)), documented.at(i));
        QCOMPARE(expectationKindFromName(documented.at(i)), allExpectationKinds().at(i));
    }
    QVERIFY(!expectationKindFromName(QStringLiteral("HopCount")));
    QVERIFY(!expectationKindFromName(QString()));
}

void tst_Expectations::describe()
{
    QCOMPARE(describeExpectation(
                 make(ExpectationKind::StatusSequence, 0, {}, Expectation::Match::Exact, {301, 302, 200})),
             QStringLiteral("status sequence is 301, 302, 200"));
    QCOMPARE(
        describeExpectation(text(ExpectationKind::FinalUrl, "http://*/new", Expectation::Match::Pattern)),
        QStringLiteral("final URL matches http://*/new"));
    QCOMPARE(describeExpectation(make(ExpectationKind::HopCount, 3, {}, Expectation::Match::AtMost)),
             QStringLiteral("hop count is at most 3"));
    QSet<QString> seen;
    for (ExpectationKind kind : allExpectationKinds()) {
        const QString d = describeExpectation(make(kind, 7, QStringLiteral("x")));
        QVERIFY2(!d.isEmpty(), qPrintable(expectationKindName(kind)));
        QVERIFY2(!seen.contains(d), qPrintable(d));
        seen.insert(d);
    }
}

void tst_Expectations::evaluate_data()
{
    QTest::addColumn<Expectation>("expectation");
    QTest::addColumn<QString>("trace");
    QTest::addColumn<bool>("passed");
    QTest::addColumn<QString>("expected");  // part of ExpectationResult::expected
    QTest::addColumn<QString>("seen");      // part of ExpectationResult::seen

    using K = ExpectationKind;
    using M = Expectation::Match;
    const auto row = [](const char *name, const Expectation &e, const char *trace, bool passed,
                        const char *expected, const char *seen) {
        QTest::newRow(name) << e << QString::fromLatin1(trace) << passed << QString::fromUtf8(expected)
                            << QString::fromUtf8(seen);
    };
    row("hopCount exact pass", make(K::HopCount, 2), "post", true, "2", "2");
    row("hopCount exact fail", make(K::HopCount, 3), "post", false, "3", "2");
    row("hopCount atMost pass", make(K::HopCount, 2, {}, M::AtMost), "post", true, "at most 2", "2");
    row("hopCount atMost fail", make(K::HopCount, 1, {}, M::AtMost), "post", false, "at most 1", "2");
    row("statusSequence pass", make(K::StatusSequence, 0, {}, M::Exact, {302, 200}), "post", true, "302, 200",
        "302, 200");
    row("statusSequence fail", make(K::StatusSequence, 0, {}, M::Exact, {301, 302, 200}), "post", false,
        "301, 302, 200", "302, 200");
    row("statusSequence no response is 0", make(K::StatusSequence, 0, {}, M::Exact, {301, 0}), "error", true,
        "301, 0", "301, 0");
    row("finalUrl exact pass", text(K::FinalUrl, "http://shop.test/done"), "post", true,
        "http://shop.test/done", "http://shop.test/done");
    row("finalUrl exact fail", text(K::FinalUrl, "http://shop.test/form"), "post", false,
        "http://shop.test/form", "http://shop.test/done");
    row("finalUrl pattern pass", text(K::FinalUrl, "http://*/done", M::Pattern), "post", true,
        "http://*/done", "http://shop.test/done");
    row("finalUrl pattern anchored", text(K::FinalUrl, "*/do", M::Pattern), "post", false, "*/do",
        "http://shop.test/done");
    row("finalUrl pattern ? is literal", text(K::FinalUrl, "http://shop.test/d?ne", M::Pattern), "post",
        false, "d?ne", "http://shop.test/done");
    row("finalUrl pattern . is literal", text(K::FinalUrl, "http://shop.test.done", M::Pattern), "post",
        false, "shop.test.done", "http://shop.test/done");
    row("finalUrl no hops", text(K::FinalUrl, "*", M::Pattern), "empty", false, "*", "no hops");
    row("finalStatus pass", make(K::FinalStatus, 200), "post", true, "200", "200");
    row("finalStatus fail", make(K::FinalStatus, 404), "post", false, "404", "200");
    row("finalStatus without response", make(K::FinalStatus, 200), "error", false, "200", "no response");
    row("hopLocation pass", text(K::HopLocation, "/done"), "post", true, "/done", "/done");
    row("hopLocation fail", text(K::HopLocation, "/elsewhere"), "post", false, "/elsewhere", "/done");
    row("hopLocation hop without Location", make(K::HopLocation, 1, QStringLiteral("/x")), "post", false,
        "/x", "no Location");
    row("hopLocation missing hop", make(K::HopLocation, 7, QStringLiteral("/x")), "post", false, "/x",
        "no hop 7");
    row("finalMethod pass", text(K::FinalMethod, "GET"), "post", true, "GET", "GET");
    row("finalMethod fail", text(K::FinalMethod, "POST"), "post", false, "POST", "GET");
    row("noDowngrade pass", make(K::NoDowngrade), "post", true, "https to http", "none");
    row("noDowngrade fail", make(K::NoDowngrade), "downgrade", false, "https to http",
        "hop 0 (https://secure.test/) went on to hop 1 (http://plain.test/)");
    row("noCrossOriginAuthorization dropped", make(K::NoCrossOriginAuthorization), "crossDropped", true,
        "none", "none");
    row("noCrossOriginAuthorization same origin, default port", make(K::NoCrossOriginAuthorization),
        "sameOrigin", true, "none", "none");
    row("noCrossOriginAuthorization forwarded", make(K::NoCrossOriginAuthorization), "crossForwarded", false,
        "none", "hop 1 sent it to https://cdn.test:443");
    row("noCrossOriginAuthorization ws, default port", make(K::NoCrossOriginAuthorization), "wsSameOrigin",
        true, "none", "none");
    row("noCrossOriginAuthorization wss, default port", make(K::NoCrossOriginAuthorization), "wssSameOrigin",
        true, "none", "none");
    row("noCrossOriginAuthorization ftp, default port", make(K::NoCrossOriginAuthorization), "ftpSameOrigin",
        true, "none", "none");
    row("noCrossOriginAuthorization ws to wss", make(K::NoCrossOriginAuthorization), "wsToWss", false, "none",
        "hop 1 sent it to wss://chat.test:443");
    row("noCrossOriginAuthorization ftp on port 80", make(K::NoCrossOriginAuthorization), "ftpOtherPort",
        false, "none", "hop 1 sent it to ftp://files.test:80");
    row("cookieSet pass", text(K::CookieSet, "session"), "post", true, "session", "session, seen");
    row("cookieSet on a later hop", text(K::CookieSet, "seen"), "post", true, "seen", "seen");
    row("cookieSet fail", text(K::CookieSet, "other"), "post", false, "other", "session, seen");
    row("cookieSet none at all", text(K::CookieSet, "session"), "plain", false, "session", "none");
    row("maxTotalTime pass", make(K::MaxTotalTime, 100), "post", true, "at most 100 ms", "42.5 ms");
    row("maxTotalTime fail", make(K::MaxTotalTime, 10), "post", false, "at most 10 ms", "42.5 ms");
    row("outcome pass", text(K::Outcome, "loop"), "loop", true, "loop", "loop");
    row("outcome fail", text(K::Outcome, "final"), "error", false, "final", "network-error");
}

void tst_Expectations::evaluate()
{
    QFETCH(Expectation, expectation);
    QFETCH(QString, trace);
    QFETCH(bool, passed);
    QFETCH(QString, expected);
    QFETCH(QString, seen);
    const ExpectationResult r = evaluateExpectation(expectation, traceNamed(trace));
    QCOMPARE(r.passed, passed);
    QVERIFY2(r.expected.contains(expected), qPrintable(r.expected));
    QVERIFY2(r.seen.contains(seen), qPrintable(r.seen));
    // The sentence names both sides, so a failure reads on its own.
    QVERIFY2(r.message.contains(r.expected), qPrintable(r.message));
    QVERIFY2(r.message.contains(r.seen), qPrintable(r.message));
}

void tst_Expectations::fromTrace_data()
{
    QTest::addColumn<QString>("trace");
    QTest::addColumn<QStringList>("present");  // descriptions that must be among the expectations
    QTest::addColumn<QStringList>("absent");   // kinds that must not be

    QTest::newRow("plain 200") << QStringLiteral("plain")
                               << QStringList{QStringLiteral("hop count is 1"),
                                              QStringLiteral("status sequence is 200"),
                                              QStringLiteral("final URL is http://a.test/"),
                                              QStringLiteral("final status is 200"),
                                              QStringLiteral("final method is GET"),
                                              QStringLiteral("outcome is final"),
                                              QStringLiteral("no redirect from https to http")}
                               << QStringList{QStringLiteral("noCrossOriginAuthorization"),
                                              QStringLiteral("cookieSet"), QStringLiteral("hopLocation"),
                                              QStringLiteral("maxTotalTime")};
    QTest::newRow("POST, 302, GET with cookies")
        << QStringLiteral("post")
        << QStringList{QStringLiteral("hop count is 2"),
                       QStringLiteral("status sequence is 302, 200"),
                       QStringLiteral("final URL is http://shop.test/done"),
                       QStringLiteral("final method is GET"),
                       QStringLiteral("cookie session is set"),
                       QStringLiteral("cookie seen is set"),
                       QStringLiteral("hop 0 Location is /done")}
        << QStringList{QStringLiteral("noCrossOriginAuthorization"), QStringLiteral("maxTotalTime")};
    QTest::newRow("cross-origin, Authorization dropped")
        << QStringLiteral("crossDropped")
        << QStringList{QStringLiteral("Authorization never sent to another origin"),
                       QStringLiteral("hop 0 Location is https://cdn.test/v1")}
        << QStringList{QStringLiteral("cookieSet")};
    QTest::newRow("cross-origin, Authorization forwarded")
        << QStringLiteral("crossForwarded") << QStringList{QStringLiteral("hop count is 2")}
        << QStringList{QStringLiteral("noCrossOriginAuthorization")};
    QTest::newRow("https to http") << QStringLiteral("downgrade")
                                   << QStringList{QStringLiteral("final URL is http://plain.test/")}
                                   << QStringList{QStringLiteral("noDowngrade")};
    QTest::newRow("loop") << QStringLiteral("loop")
                          << QStringList{QStringLiteral("outcome is loop"),
                                         QStringLiteral("status sequence is 302, 302"),
                                         QStringLiteral("hop 0 Location is /b"),
                                         QStringLiteral("hop 1 Location is /a")}
                          << QStringList{QStringLiteral("cookieSet")};
    QTest::newRow("error hop without response")
        << QStringLiteral("error")
        << QStringList{QStringLiteral("status sequence is 301, 0"),
                       QStringLiteral("outcome is network-error"),
                       QStringLiteral("final URL is http://down.test:1/")}
        << QStringList{QStringLiteral("finalStatus")};
    QTest::newRow("no hops") << QStringLiteral("empty") << QStringList{QStringLiteral("hop count is 0")}
                             << QStringList{QStringLiteral("finalUrl"), QStringLiteral("finalStatus"),
                                            QStringLiteral("finalMethod")};
}

void tst_Expectations::fromTrace()
{
    QFETCH(QString, trace);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    const Trace t = traceNamed(trace);
    const QList<Expectation> list = expectationsFromTrace(t);
    QVERIFY(!list.isEmpty());
    for (const Expectation &e : list) {
        const ExpectationResult r = evaluateExpectation(e, t);
        QVERIFY2(r.passed, qPrintable(r.message));
    }
    const QStringList described = descriptions(list);
    for (const QString &d : present)
        QVERIFY2(described.contains(d), qPrintable(d + QStringLiteral(" not in: ") + described.join(u'|')));
    for (const Expectation &e : list)
        QVERIFY2(!absent.contains(expectationKindName(e.kind)), qPrintable(describeExpectation(e)));
}

void tst_Expectations::fromTracePinsTheChainDown()
{
    // What was expected of one chain does not all hold for a different one.
    const QList<QString> names{QStringLiteral("plain"),     QStringLiteral("post"),
                               QStringLiteral("downgrade"), QStringLiteral("loop"),
                               QStringLiteral("error"),     QStringLiteral("crossDropped")};
    for (const QString &a : names) {
        const QList<Expectation> list = expectationsFromTrace(traceNamed(a));
        for (const QString &b : names) {
            if (a == b)
                continue;
            const Trace other = traceNamed(b);
            const bool allPass = std::all_of(list.begin(), list.end(), [&other](const Expectation &e) {
                return evaluateExpectation(e, other).passed;
            });
            QVERIFY2(!allPass, qPrintable(a + QStringLiteral(" vs ") + b));
        }
    }
}

void tst_Expectations::jsonRoundTrip_data()
{
    QTest::addColumn<Expectation>("expectation");
    QTest::addColumn<QByteArray>("documented");  // the object as the header documents it

    using K = ExpectationKind;
    using M = Expectation::Match;
    QTest::newRow("hopCount atMost") << make(K::HopCount, 3, {}, M::AtMost)
                                     << QByteArray(R"({"kind": "hopCount", "count": 3, "match": "atMost"})");
    QTest::newRow("hopCount exact") << make(K::HopCount, 2)
                                    << QByteArray(R"({"kind": "hopCount", "count": 2})");
    QTest::newRow("statusSequence") << make(K::StatusSequence, 0, {}, M::Exact, {301, 302, 200})
                                    << QByteArray(
                                           R"({"kind": "statusSequence", "statuses": [301, 302, 200]})");
    QTest::newRow("statusSequence empty")
        << make(K::StatusSequence) << QByteArray(R"({"kind": "statusSequence", "statuses": []})");
    QTest::newRow("finalUrl pattern")
        << text(K::FinalUrl, "http://*/new", M::Pattern)
        << QByteArray(R"({"kind": "finalUrl", "url": "http://*/new", "match": "pattern"})");
    QTest::newRow("finalUrl exact") << text(K::FinalUrl, "http://a.test/caf\xC3\xA9")
                                    << QByteArray(
                                           R"({"kind": "finalUrl", "url": "http://a.test/caf\u00e9"})");
    QTest::newRow("finalStatus") << make(K::FinalStatus, 200)
                                 << QByteArray(R"({"kind": "finalStatus", "status": 200})");
    QTest::newRow("hopLocation") << make(K::HopLocation, 0, QStringLiteral("/new"))
                                 << QByteArray(R"({"kind": "hopLocation", "hop": 0, "location": "/new"})");
    QTest::newRow("finalMethod") << text(K::FinalMethod, "GET")
                                 << QByteArray(R"({"kind": "finalMethod", "method": "GET"})");
    QTest::newRow("noDowngrade") << make(K::NoDowngrade) << QByteArray(R"({"kind": "noDowngrade"})");
    QTest::newRow("noCrossOriginAuthorization")
        << make(K::NoCrossOriginAuthorization) << QByteArray(R"({"kind": "noCrossOriginAuthorization"})");
    QTest::newRow("cookieSet") << text(K::CookieSet, "session")
                               << QByteArray(R"({"kind": "cookieSet", "cookie": "session"})");
    QTest::newRow("maxTotalTime") << make(K::MaxTotalTime, 500)
                                  << QByteArray(R"({"kind": "maxTotalTime", "ms": 500})");
    QTest::newRow("outcome") << text(K::Outcome, "final")
                             << QByteArray(R"({"kind": "outcome", "outcome": "final"})");
}

void tst_Expectations::jsonRoundTrip()
{
    QFETCH(Expectation, expectation);
    QFETCH(QByteArray, documented);
    const QJsonObject o = expectationToJson(expectation);
    QCOMPARE(o, QJsonDocument::fromJson(documented).object());
    QString error;
    const std::optional<Expectation> back = expectationFromJson(o, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, expectation);
    // The documented form reads as the same expectation too.
    QCOMPARE(
        expectationFromJson(QJsonDocument::fromJson(documented).object(), &error).value_or(Expectation()),
        expectation);
}

void tst_Expectations::jsonRoundTripCoversEveryKind()
{
    // Guard for the table above: a new kind needs a row there.
    QSet<ExpectationKind> covered;
    for (const Expectation &e :
         {make(ExpectationKind::HopCount), make(ExpectationKind::StatusSequence),
          make(ExpectationKind::FinalUrl), make(ExpectationKind::FinalStatus),
          make(ExpectationKind::HopLocation), make(ExpectationKind::FinalMethod),
          make(ExpectationKind::NoDowngrade), make(ExpectationKind::NoCrossOriginAuthorization),
          make(ExpectationKind::CookieSet), make(ExpectationKind::MaxTotalTime),
          make(ExpectationKind::Outcome, 0, QStringLiteral("stopped"))}) {
        covered.insert(e.kind);
        QString error;
        QCOMPARE(expectationFromJson(expectationToJson(e), &error).value_or(Expectation()), e);
    }
    QCOMPARE(covered.size(), allExpectationKinds().size());
}

void tst_Expectations::writerKeyOrder()
{
    JsonWriter j;
    j.beginArray();
    writeExpectationJson(j, make(ExpectationKind::HopCount, 3, {}, Expectation::Match::AtMost));
    writeExpectationJson(j, make(ExpectationKind::HopLocation, 1, QStringLiteral("/n\"ew")));
    writeExpectationJson(j, text(ExpectationKind::FinalUrl, "http://*/x", Expectation::Match::Pattern));
    j.endArray();
    const QByteArray expected = "[\n"
                                "    {\n"
                                "        \"kind\": \"hopCount\",\n"
                                "        \"count\": 3,\n"
                                "        \"match\": \"atMost\"\n"
                                "    },\n"
                                "    {\n"
                                "        \"kind\": \"hopLocation\",\n"
                                "        \"hop\": 1,\n"
                                "        \"location\": \"/n\\\"ew\"\n"
                                "    },\n"
                                "    {\n"
                                "        \"kind\": \"finalUrl\",\n"
                                "        \"url\": \"http://*/x\",\n"
                                "        \"match\": \"pattern\"\n"
                                "    }\n"
                                "]\n";
    QCOMPARE(j.finish(), expected);
}

void tst_Expectations::jsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("errorStart");
    QTest::newRow("no kind") << QByteArray("{}") << QStringLiteral("kind: expected a string");
    QTest::newRow("unknown kind") << QByteArray(R"({"kind": "nope"})") << QStringLiteral("kind: \"nope\"");
    QTest::newRow("count missing") << QByteArray(R"({"kind": "hopCount"})") << QStringLiteral("count:");
    QTest::newRow("count fraction") << QByteArray(R"({"kind": "hopCount", "count": 2.5})")
                                    << QStringLiteral("count: expected an integer");
    QTest::newRow("hopCount pattern")
        << QByteArray(R"({"kind": "hopCount", "count": 2, "match": "pattern"})") << QStringLiteral("match:");
    QTest::newRow("finalUrl atMost") << QByteArray(R"({"kind": "finalUrl", "url": "x", "match": "atMost"})")
                                     << QStringLiteral("match:");
    QTest::newRow("statuses not array")
        << QByteArray(R"({"kind": "statusSequence", "statuses": 200})") << QStringLiteral("statuses:");
    QTest::newRow("status not integer") << QByteArray(R"({"kind": "statusSequence", "statuses": [301, "x"]})")
                                        << QStringLiteral("statuses[1]: expected an integer");
    QTest::newRow("url not string") << QByteArray(R"({"kind": "finalUrl", "url": 5})")
                                    << QStringLiteral("url: expected a string");
    QTest::newRow("status string") << QByteArray(R"({"kind": "finalStatus", "status": "200"})")
                                   << QStringLiteral("status:");
    QTest::newRow("location missing")
        << QByteArray(R"({"kind": "hopLocation", "hop": 0})") << QStringLiteral("location:");
    QTest::newRow("hop negative") << QByteArray(R"({"kind": "hopLocation", "hop": -1, "location": "/"})")
                                  << QStringLiteral("hop:");
    QTest::newRow("method null") << QByteArray(R"({"kind": "finalMethod", "method": null})")
                                 << QStringLiteral("method:");
    QTest::newRow("cookie missing") << QByteArray(R"({"kind": "cookieSet"})") << QStringLiteral("cookie:");
    QTest::newRow("ms string") << QByteArray(R"({"kind": "maxTotalTime", "ms": "500"})")
                               << QStringLiteral("ms:");
    QTest::newRow("unknown outcome") << QByteArray(R"({"kind": "outcome", "outcome": "exploded"})")
                                     << QStringLiteral("outcome: \"exploded\"");
}

void tst_Expectations::jsonErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, errorStart);
    QJsonParseError parseError;
    const QJsonObject o = QJsonDocument::fromJson(json, &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QString error;
    QVERIFY(!expectationFromJson(o, &error));
    QVERIFY2(error.startsWith(errorStart), qPrintable(error));
    // Unknown keys are not errors.
    QJsonObject fine = expectationToJson(make(ExpectationKind::NoDowngrade));
    fine.insert(QStringLiteral("note"), QStringLiteral("from a later version"));
    QVERIFY(expectationFromJson(fine, &error));
}

QTEST_GUILESS_MAIN(tst_Expectations)
#include "tst_expectations.moc"
