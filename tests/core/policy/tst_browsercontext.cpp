// The browser profile's request context over a chain (docs/spec/request-context.md): Referer, Origin,
// Fetch Metadata, the CookieRequest, CORS and the header set, each row with what Chromium 156 sent in the
// same situation (measured with headless Chromium against a logging server) or what the spec says.
#include "core/http/useragents.h"
#include "core/policy/browsercontext.h"

#include <QTest>

using namespace Rwb;

namespace {

using Texts = std::initializer_list<const char *>;

QStringList list(Texts texts)
{
    QStringList out;
    for (const char *t : texts)
        out << QString::fromUtf8(t);
    return out;
}

// "A" and "B" at the start of a URL stand for the page's origin and another site's.
QString expandOrigins(QString text)
{
    text.replace(QLatin1String("=A/"), QLatin1String("=http://127.0.0.1:1/"));
    text.replace(QLatin1String(" A/"), QLatin1String(" http://127.0.0.1:1/"));
    text.replace(QLatin1String(" B/"), QLatin1String(" http://localhost:2/"));
    return text;
}

// "from=URL mode=fetch credentials=include policy=no-referrer script"; "typed" (or empty) for the default.
RequestContext parseContext(const QString &text)
{
    RequestContext c;
    for (const QString &word : expandOrigins(text).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString value = word.section(QLatin1Char('='), 1);
        if (word.startsWith(QLatin1String("from=")))
            c.from = QUrl(value);
        else if (word.startsWith(QLatin1String("mode=")))
            c.mode = *requestModeFromName(value);
        else if (word.startsWith(QLatin1String("credentials=")))
            c.credentials = *credentialsModeFromName(value);
        else if (word.startsWith(QLatin1String("policy=")))
            c.referrerPolicy = *referrerPolicyFromName(value);
        else if (word == QLatin1String("script"))
            c.userActivated = false;
        else if (word != QLatin1String("typed"))
            qFatal("unknown context word %s", qPrintable(word));
    }
    return c;
}

// "POST http://a.test/x" (POST, PUT: with a form body "a=1"), optionally followed by "RP=POLICY": the
// response to this request is a redirect with that Referrer-Policy header.
struct Step {
    RequestSpec request;
    HeaderList response;
};

Step parseStep(const QString &text)
{
    const QStringList words =
        expandOrigins(QLatin1Char(' ') + text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    Step s;
    s.request.method = words.at(0).toLatin1();
    s.request.url = QUrl(words.at(1));
    if (s.request.method != "GET" && s.request.method != "HEAD") {
        s.request.body = QByteArrayLiteral("a=1");
        s.request.formBody = true;
    }
    for (const QString &w : words.mid(2)) {
        if (w.startsWith(QLatin1String("RP=")))
            s.response.append({QByteArrayLiteral("Referrer-Policy"), w.mid(3).toLatin1()});
    }
    return s;
}

QList<BrowserHop> runChain(BrowserContext &context, const QStringList &steps)
{
    QList<BrowserHop> hops;
    for (const QString &text : steps) {
        const Step step = parseStep(text);
        hops.append(context.nextHop(step.request));
        context.redirected(step.response, hops.last().notes);
    }
    return hops;
}

// The values of `names` in the hop's headers, "-" for one not sent, joined with " | ".
QString values(const BrowserHop &hop, const QStringList &names)
{
    QStringList out;
    for (const QString &name : names) {
        const QByteArray n = name.toLatin1();
        out << (hasHeader(hop.headers, n) ? QString::fromLatin1(headerValue(hop.headers, n))
                                          : QStringLiteral("-"));
    }
    return out.join(QLatin1String(" | "));
}

QString codes(const BrowserHop &hop)
{
    QStringList out;
    for (const Note &n : hop.notes)
        out << n.code;
    return out.join(QLatin1Char(','));
}

QStringList names(const HeaderList &headers)
{
    QStringList out;
    for (const HeaderPair &h : headers)
        out << QString::fromLatin1(h.first);
    return out;
}

}  // namespace

class TestBrowserContext : public QObject
{
    Q_OBJECT

private slots:
    void chain_data();
    void chain();
    void notes_data();
    void notes();
    void cookieRequest_data();
    void cookieRequest();
    void cors_data();
    void cors();
    void headerOrder_data();
    void headerOrder();
    void clientHints_data();
    void clientHints();
    void userAgentAndLanguage();
    void requestHeadersMerge();
    void contentType_data();
    void contentType();
    void bodyRefusal_data();
    void bodyRefusal();
    void notesNameTheValues();
    void navigationFromAPage();
};

// Each row: the context, the chain (one request per hop), which headers to look at, and their values on
// each hop. Rows marked "measured" are what Chromium 156 sent (tests/conformance, docs/spec).
void TestBrowserContext::chain_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("expected");
    const QStringList referer{QStringLiteral("Referer")};
    const QStringList origin{QStringLiteral("Origin")};
    const QStringList site{QStringLiteral("Sec-Fetch-Site")};
    const QStringList metadata{QStringLiteral("Sec-Fetch-Site"), QStringLiteral("Sec-Fetch-Mode"),
                               QStringLiteral("Sec-Fetch-User"), QStringLiteral("Sec-Fetch-Dest")};
    const auto row = [](const char *name, const char *context, Texts steps, const QStringList &headerNames,
                        Texts expected) {
        QTest::newRow(name) << QString::fromUtf8(context) << list(steps) << headerNames << list(expected);
    };

    // Referer (R1-R9)
    row("R1 typed: no Referer", "typed", {"GET A/x", "GET B/y"}, referer, {"-", "-"});
    row("R2 same origin: the page URL without fragment", "from=http://127.0.0.1:1/page?q=1#f", {"GET A/x"},
        referer, {"http://127.0.0.1:1/page?q=1"});
    row("R3+R4 cross origin: trimmed, and stays trimmed back home (measured)", "from=http://127.0.0.1:1/page",
        {"GET B/start2", "GET A/end"}, referer, {"http://127.0.0.1:1/", "http://127.0.0.1:1/"});
    row("R5 https page to http: none", "from=https://a.test/page", {"GET http://b.test/"}, referer, {"-"});
    row("R6 Referrer-Policy: no-referrer on a 302 removes it for good (measured)",
        "from=http://127.0.0.1:1/p", {"GET B/rp302 RP=no-referrer", "GET B/rp302b", "GET A/end3"}, referer,
        {"http://127.0.0.1:1/", "-", "-"});
    row("R7 an unknown Referrer-Policy token changes nothing", "from=http://127.0.0.1:1/p",
        {"GET A/x RP=no-such-policy", "GET A/y"}, referer, {"http://127.0.0.1:1/p", "http://127.0.0.1:1/p"});
    row("R8 the page's policy: unsafe-url", "from=http://127.0.0.1:1/p?s=1 policy=unsafe-url", {"GET B/"},
        referer, {"http://127.0.0.1:1/p?s=1"});
    row("R8 the page's policy: no-referrer", "from=http://127.0.0.1:1/p policy=no-referrer", {"GET A/"},
        referer, {"-"});
    row("R9 a looser policy later cannot undo a trim", "from=http://127.0.0.1:1/p",
        {"GET B/x RP=unsafe-url", "GET A/y"}, referer, {"http://127.0.0.1:1/", "http://127.0.0.1:1/"});
    row("R10 same-origin policy header: none to another origin", "from=http://127.0.0.1:1/p",
        {"GET A/x RP=same-origin", "GET B/y"}, referer, {"http://127.0.0.1:1/p", "-"});

    // Origin (O1-O12)
    row("O1 GET navigation: none", "from=http://127.0.0.1:1/p", {"GET B/"}, origin, {"-"});
    row("O2 form POST: the page's origin (measured)", "from=http://127.0.0.1:1/form", {"POST B/post"}, origin,
        {"http://127.0.0.1:1"});
    row("O3 typed POST: none (no page made it)", "typed", {"POST A/", "POST B/"}, origin, {"-", "-"});
    row("O4 POST, 307 to another origin: null, and it stays (measured)", "from=http://127.0.0.1:1/form",
        {"POST B/post", "POST A/end", "POST A/end2"}, origin, {"http://127.0.0.1:1", "null", "null"});
    row("O4 POST, same origin then 307 away: null (measured; Fetch would keep it)",
        "from=http://127.0.0.1:1/formsame", {"POST A/p307same", "POST B/end"}, origin,
        {"http://127.0.0.1:1", "null"});
    row("O5 POST, same-origin redirects at another origin keep it (measured)",
        "from=http://127.0.0.1:1/formb", {"POST B/p307b", "POST B/p307c", "POST B/endb"}, origin,
        {"http://127.0.0.1:1", "http://127.0.0.1:1", "http://127.0.0.1:1"});
    row("O6 POST from a no-referrer page: null (measured)",
        "from=http://127.0.0.1:1/formnr policy=no-referrer", {"POST A/endnr"}, origin, {"null"});
    row("O6 POST from https to http: null", "from=https://a.test/form", {"POST http://b.test/"}, origin,
        {"null"});
    row("O7 POST then 302 to GET: none (measured)", "from=http://127.0.0.1:1/formg",
        {"POST A/p302", "GET A/endg"}, origin, {"http://127.0.0.1:1", "-"});
    row("O8 fetch same origin GET: none (measured)", "from=http://127.0.0.1:1/fsame mode=fetch",
        {"GET A/api2"}, origin, {"-"});
    row("O9 fetch cross origin GET: the page's origin (measured)", "from=http://127.0.0.1:1/fpage mode=fetch",
        {"GET B/api"}, origin, {"http://127.0.0.1:1"});
    row("O10 fetch POST ignores the referrer policy (measured)",
        "from=http://127.0.0.1:1/fnr mode=fetch policy=no-referrer", {"POST A/endfnr"}, origin,
        {"http://127.0.0.1:1"});
    row("O11 fetch same origin then away: added, not null (measured)",
        "from=http://127.0.0.1:1/fsr mode=fetch", {"GET A/r302x", "GET B/api"}, origin,
        {"-", "http://127.0.0.1:1"});
    row("O11 fetch POST same origin then away: kept (measured)", "from=http://127.0.0.1:1/fpost mode=fetch",
        {"POST A/r307", "POST B/api"}, origin, {"http://127.0.0.1:1", "http://127.0.0.1:1"});
    row("O12 fetch away and back: tainted, null (measured)", "from=http://127.0.0.1:1/fchain mode=fetch",
        {"GET B/r2", "GET A/api"}, origin, {"http://127.0.0.1:1", "null"});

    // Fetch Metadata (F1-F12)
    row("F1 typed: none on every hop (measured)", "typed", {"GET A/start", "GET B/next"}, metadata,
        {"none | navigate | ?1 | document", "none | navigate | ?1 | document"});
    row("F2 same origin link", "from=http://127.0.0.1:1/p", {"GET A/x"}, site, {"same-origin"});
    row("F3 same site (measured)", "from=https://www.example.test/page3",
        {"GET https://api.example.test/s3", "GET https://www.example.test/end4"}, site,
        {"same-site", "same-site"});
    row("F4+F5 cross site, and it stays back home (measured)", "from=http://127.0.0.1:1/page2",
        {"GET B/bounce", "GET A/end2"}, site, {"cross-site", "cross-site"});
    row("F6 schemeful: http page, https same host", "from=http://127.0.0.1:1/p", {"GET https://127.0.0.1:3/"},
        site, {"cross-site"});
    row("F7+F8 script navigation: no Sec-Fetch-User (measured)", "from=http://127.0.0.1:1/page script",
        {"GET B/start2"}, metadata, {"cross-site | navigate | - | document"});
    row("F8 a click: ?1", "from=http://127.0.0.1:1/page", {"GET B/"}, metadata,
        {"cross-site | navigate | ?1 | document"});
    row("F7 fetch: cors, empty, no user (measured)", "from=http://127.0.0.1:1/fsame mode=fetch",
        {"GET A/api2"}, metadata, {"same-origin | cors | - | empty"});
    row("F9 not potentially trustworthy: no Fetch Metadata, Upgrade-Insecure-Requests still (measured)",
        "from=http://www.example.test:1/page3",
        {"GET http://api.example.test:2/s3", "GET http://www.example.test:1/end4"},
        {QStringLiteral("Sec-Fetch-Site"), QStringLiteral("Sec-Fetch-Dest"),
         QStringLiteral("Upgrade-Insecure-Requests")},
        {"- | - | 1", "- | - | 1"});
    row("F9 back to a trustworthy URL: the chain still counts", "from=http://127.0.0.1:1/p",
        {"GET http://b.test/x", "GET A/y"}, site, {"-", "cross-site"});
    row("F10 credentialed cross-site fetch: Sec-Fetch-Storage-Access (measured)",
        "from=http://127.0.0.1:1/finc mode=fetch credentials=include", {"GET B/api", "GET A/x"},
        {QStringLiteral("Sec-Fetch-Storage-Access")}, {"none", "-"});
    row("F10 not without credentials (measured)", "from=http://127.0.0.1:1/fpage mode=fetch", {"GET B/api"},
        {QStringLiteral("Sec-Fetch-Storage-Access")}, {"-"});
    row("F11 Upgrade-Insecure-Requests: navigations only", "from=http://127.0.0.1:1/p mode=fetch",
        {"GET A/x"}, {QStringLiteral("Upgrade-Insecure-Requests")}, {"-"});
    row("F12 a form POST revalidates, also after 302 to GET (measured)", "from=http://127.0.0.1:1/formg",
        {"POST A/p302", "GET A/endg"}, {QStringLiteral("Cache-Control")}, {"max-age=0", "max-age=0"});
    row("F12 not for a link", "from=http://127.0.0.1:1/p", {"GET A/x"}, {QStringLiteral("Cache-Control")},
        {"-"});
}

void TestBrowserContext::chain()
{
    QFETCH(QString, context);
    QFETCH(QStringList, steps);
    QFETCH(QStringList, names);
    QFETCH(QStringList, expected);
    BrowserContext browser(parseContext(context), QString(), QByteArray());
    const QList<BrowserHop> hops = runChain(browser, steps);
    QCOMPARE(hops.size(), expected.size());
    for (qsizetype i = 0; i < hops.size(); ++i)
        QCOMPARE(values(hops.at(i), names), expected.at(i));
}

// The notes: one for each decision that changed something, none when nothing did.
void TestBrowserContext::notes_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QStringList>("expected");  // the note codes of each hop, comma-separated
    const auto row = [](const char *name, const char *context, Texts steps, Texts expected) {
        QTest::newRow(name) << QString::fromUtf8(context) << list(steps) << list(expected);
    };
    row("typed, trustworthy: nothing", "typed", {"GET http://127.0.0.1:1/", "GET http://localhost:2/"},
        {"", ""});
    row("typed to http: no Fetch Metadata", "typed", {"GET http://example.test/", "GET http://127.0.0.1:1/"},
        {"fetch-site", "fetch-site"});
    row("same origin link: nothing", "from=http://127.0.0.1:1/p", {"GET http://127.0.0.1:1/x"}, {""});
    row("cross site link: trimmed, cross-site", "from=http://127.0.0.1:1/p",
        {"GET http://localhost:2/x", "GET http://localhost:2/y", "GET http://127.0.0.1:1/z"},
        {"fetch-site,referrer-trimmed", "", "fetch-site"});
    row("policy header on a redirect", "from=http://127.0.0.1:1/p",
        {"GET http://127.0.0.1:1/x RP=no-referrer", "GET http://127.0.0.1:1/y"},
        {"referrer-policy-set", "referrer-removed"});
    row("same policy again: no note", "from=http://127.0.0.1:1/p",
        {"GET http://127.0.0.1:1/x RP=strict-origin-when-cross-origin"}, {""});
    row("origin null once", "from=http://127.0.0.1:1/p",
        {"POST http://127.0.0.1:1/x", "POST http://localhost:2/y", "POST http://localhost:2/z"},
        {"", "origin-null,fetch-site,referrer-trimmed", ""});
    row("fetch tainted origin", "from=http://127.0.0.1:1/p mode=fetch",
        {"GET http://localhost:2/x", "GET http://127.0.0.1:1/y"},
        {"fetch-site,referrer-trimmed", "origin-null,fetch-site"});
}

void TestBrowserContext::notes()
{
    QFETCH(QString, context);
    QFETCH(QStringList, steps);
    QFETCH(QStringList, expected);
    BrowserContext browser(parseContext(context), QString(), QByteArray());
    const QList<BrowserHop> hops = runChain(browser, steps);
    QCOMPARE(hops.size(), expected.size());
    for (qsizetype i = 0; i < hops.size(); ++i)
        QCOMPARE(codes(hops.at(i)), expected.at(i));
}

// What the jar is told: "nav|sub same-site|cross-site creds|no-creds" per hop (C1-C7).
void TestBrowserContext::cookieRequest_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QStringList>("expected");
    const auto row = [](const char *name, const char *context, Texts steps, Texts expected) {
        QTest::newRow(name) << QString::fromUtf8(context) << list(steps) << list(expected);
    };
    row("C1+C2 typed: a same-site navigation", "typed",
        {"GET http://127.0.0.1:1/", "GET http://localhost:2/"},
        {"nav same-site creds", "nav same-site creds"});
    row("C2 link from another site", "from=http://localhost:2/p", {"GET http://127.0.0.1:1/"},
        {"nav cross-site creds"});
    row("C3 the chain does not count: A to B to A (measured)", "from=http://127.0.0.1:1/page2",
        {"GET http://localhost:2/bounce", "GET http://127.0.0.1:1/end2"},
        {"nav cross-site creds", "nav same-site creds"});
    row("C4 fetch omit: never (measured)", "from=http://127.0.0.1:1/p mode=fetch credentials=omit",
        {"GET http://127.0.0.1:1/api2"}, {"sub same-site no-creds"});
    row("C5 fetch same-origin: while the chain stays home", "from=http://127.0.0.1:1/p mode=fetch",
        {"GET http://127.0.0.1:1/a", "GET http://localhost:2/b", "GET http://127.0.0.1:1/c"},
        {"sub same-site creds", "sub cross-site no-creds", "sub same-site no-creds"});
    row("C6 fetch include", "from=http://127.0.0.1:1/p mode=fetch credentials=include",
        {"GET http://localhost:2/b"}, {"sub cross-site creds"});
}

void TestBrowserContext::cookieRequest()
{
    QFETCH(QString, context);
    QFETCH(QStringList, steps);
    QFETCH(QStringList, expected);
    BrowserContext browser(parseContext(context), QString(), QByteArray());
    const QList<BrowserHop> hops = runChain(browser, steps);
    QCOMPARE(hops.size(), expected.size());
    for (qsizetype i = 0; i < hops.size(); ++i) {
        const CookieRequest &c = hops.at(i).cookies;
        const QString seen =
            QStringLiteral("%1 %2 %3")
                .arg(c.topLevelNavigation ? QLatin1String("nav") : QLatin1String("sub"),
                     c.sameSite ? QLatin1String("same-site") : QLatin1String("cross-site"),
                     c.credentialsAllowed ? QLatin1String("creds") : QLatin1String("no-creds"));
        QCOMPARE(seen, expected.at(i));
        QCOMPARE(c.url, QUrl(expandOrigins(QLatin1Char(' ') + steps.at(i)).section(QLatin1Char(' '), 2, 2)));
        QCOMPARE(c.method, steps.at(i).section(QLatin1Char(' '), 0, 0).toLatin1());
        QCOMPARE(browser.credentialsAllowed(), hops.last().cookies.credentialsAllowed);
    }
}

// Fetch's CORS check (X1-X10) on the response to the last request of the chain.
void TestBrowserContext::cors_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QStringList>("response");  // "Name: value" lines of the response to the last step
    QTest::addColumn<QString>("failure");       // a part of the message; empty: passes
    const auto row = [](const char *name, const char *context, Texts steps, Texts response,
                        const char *failure) {
        QTest::newRow(name) << QString::fromUtf8(context) << list(steps) << list(response)
                            << QString::fromUtf8(failure);
    };
    const char *fetch = "from=http://127.0.0.1:1/p mode=fetch";
    const char *include = "from=http://127.0.0.1:1/p mode=fetch credentials=include";
    row("X1 same origin: no check", fetch, {"GET http://127.0.0.1:1/api"}, {}, "");
    row("X1 navigations: no check", "from=http://127.0.0.1:1/p", {"GET http://localhost:2/"}, {}, "");
    row("X2 no Access-Control-Allow-Origin (measured)", fetch, {"GET http://localhost:2/api2"}, {},
        "no Access-Control-Allow-Origin header");
    row("X3 * without credentials (measured)", fetch, {"GET http://localhost:2/api"},
        {"Access-Control-Allow-Origin: *"}, "");
    row("X4 * with credentials include (measured)", include, {"GET http://localhost:2/api"},
        {"Access-Control-Allow-Origin: *"}, "'*'");
    row("X5 exact origin and credentials true (measured)", include, {"GET http://localhost:2/api3"},
        {"Access-Control-Allow-Origin: http://127.0.0.1:1", "Access-Control-Allow-Credentials: true"}, "");
    row("X6 another origin", fetch, {"GET http://localhost:2/api"},
        {"Access-Control-Allow-Origin: http://example.test"}, "not 'http://127.0.0.1:1'");
    row("X6 the origin with a slash is another value", fetch, {"GET http://localhost:2/api"},
        {"Access-Control-Allow-Origin: http://127.0.0.1:1/"}, "not 'http://127.0.0.1:1'");
    row("X7 two lines", fetch, {"GET http://localhost:2/api"},
        {"Access-Control-Allow-Origin: http://127.0.0.1:1", "Access-Control-Allow-Origin: http://x.test"},
        "several values");
    row("X8 include without Allow-Credentials", include, {"GET http://localhost:2/api"},
        {"Access-Control-Allow-Origin: http://127.0.0.1:1"}, "Access-Control-Allow-Credentials: true");
    row("X8 Allow-Credentials is case-sensitive", include, {"GET http://localhost:2/api"},
        {"Access-Control-Allow-Origin: http://127.0.0.1:1", "Access-Control-Allow-Credentials: True"},
        "'True'");
    row("X9 a redirect response is checked too (measured)", fetch, {"GET http://localhost:2/r2noacao"}, {},
        "no Access-Control-Allow-Origin header");
    row("X9 same origin after leaving: still checked", fetch,
        {"GET http://localhost:2/r", "GET http://127.0.0.1:1/back"}, {}, "no Access-Control-Allow-Origin");
    row("X10 tainted: the page's origin no longer matches (measured)", fetch,
        {"GET http://localhost:2/r2b", "GET http://127.0.0.1:1/apiecho"},
        {"Access-Control-Allow-Origin: http://127.0.0.1:1"}, "not 'null'");
    row("X10 tainted: null matches", fetch, {"GET http://localhost:2/r2b", "GET http://127.0.0.1:1/apiecho"},
        {"Access-Control-Allow-Origin: null"}, "");
}

void TestBrowserContext::cors()
{
    QFETCH(QString, context);
    QFETCH(QStringList, steps);
    QFETCH(QStringList, response);
    QFETCH(QString, failure);
    BrowserContext browser(parseContext(context), QString(), QByteArray());
    runChain(browser, steps);
    HeaderList headers;
    for (const QString &line : response)
        headers.append({line.section(QLatin1String(": "), 0, 0).toLatin1(),
                        line.section(QLatin1String(": "), 1).toLatin1()});
    const std::optional<QString> seen = browser.corsFailure(headers);
    if (failure.isEmpty()) {
        QVERIFY2(!seen, qPrintable(seen.value_or(QString())));
        return;
    }
    QVERIFY(seen);
    QVERIFY2(seen->startsWith(QLatin1String("CORS: ")), qPrintable(*seen));
    QVERIFY2(seen->contains(failure), qPrintable(*seen));
}

// H1-H5: the names in Chromium 156's order, as measured over HTTP/1.1 on loopback (the engine adds Host,
// Connection and Content-Length before, Cookie after).
void TestBrowserContext::headerOrder_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QString>("expected");  // the last hop's header names
    const auto row = [](const char *name, const char *context, Texts steps, const char *expected) {
        QTest::newRow(name) << QString::fromUtf8(context) << list(steps) << QString::fromUtf8(expected);
    };
    row("H1 typed navigation", "typed", {"GET http://127.0.0.1:1/start"},
        "sec-ch-ua sec-ch-ua-mobile sec-ch-ua-platform Upgrade-Insecure-Requests User-Agent Accept "
        "Sec-Fetch-Site "
        "Sec-Fetch-Mode Sec-Fetch-User Sec-Fetch-Dest Accept-Encoding Accept-Language");
    row("H2 after a redirect: the client hints move", "typed",
        {"GET http://127.0.0.1:1/start", "GET http://localhost:2/next"},
        "Upgrade-Insecure-Requests User-Agent Accept Sec-Fetch-Site Sec-Fetch-Mode Sec-Fetch-User "
        "Sec-Fetch-Dest "
        "sec-ch-ua sec-ch-ua-mobile sec-ch-ua-platform Accept-Encoding Accept-Language");
    row("H1 link by script", "from=http://127.0.0.1:1/page script", {"GET http://localhost:2/start2"},
        "sec-ch-ua sec-ch-ua-mobile sec-ch-ua-platform Upgrade-Insecure-Requests User-Agent Accept "
        "Sec-Fetch-Site "
        "Sec-Fetch-Mode Sec-Fetch-Dest Referer Accept-Encoding Accept-Language");
    row("H3 form POST", "from=http://127.0.0.1:1/form script", {"POST http://localhost:2/post"},
        "Cache-Control sec-ch-ua sec-ch-ua-mobile sec-ch-ua-platform Upgrade-Insecure-Requests Content-Type "
        "User-Agent Origin Accept Sec-Fetch-Site Sec-Fetch-Mode Sec-Fetch-Dest Referer Accept-Encoding "
        "Accept-Language");
    row("H3 form POST after a 307", "from=http://127.0.0.1:1/form script",
        {"POST http://localhost:2/post", "POST http://127.0.0.1:1/end"},
        "Cache-Control Upgrade-Insecure-Requests Content-Type User-Agent Origin Accept Sec-Fetch-Site "
        "Sec-Fetch-Mode Sec-Fetch-Dest sec-ch-ua sec-ch-ua-mobile sec-ch-ua-platform Referer Accept-Encoding "
        "Accept-Language");
    row("H4 fetch GET across origins", "from=http://127.0.0.1:1/fpage mode=fetch",
        {"GET http://localhost:2/api"},
        "sec-ch-ua-platform User-Agent sec-ch-ua sec-ch-ua-mobile Accept Origin Sec-Fetch-Site "
        "Sec-Fetch-Mode "
        "Sec-Fetch-Dest Referer Accept-Encoding Accept-Language");
    row("H4 fetch POST", "from=http://127.0.0.1:1/fpost mode=fetch", {"POST http://127.0.0.1:1/r307"},
        "sec-ch-ua-platform User-Agent sec-ch-ua Content-Type sec-ch-ua-mobile Accept Origin Sec-Fetch-Site "
        "Sec-Fetch-Mode Sec-Fetch-Dest Referer Accept-Encoding Accept-Language");
    row("H4 fetch with credentials", "from=http://127.0.0.1:1/finc mode=fetch credentials=include",
        {"GET http://localhost:2/api"},
        "sec-ch-ua-platform User-Agent sec-ch-ua sec-ch-ua-mobile Accept Origin Sec-Fetch-Site "
        "Sec-Fetch-Mode "
        "Sec-Fetch-Dest Sec-Fetch-Storage-Access Referer Accept-Encoding Accept-Language");
    row("H5 fetch: an Origin added on a redirect comes last", "from=http://127.0.0.1:1/fsr mode=fetch",
        {"GET http://127.0.0.1:1/r302x", "GET http://localhost:2/api"},
        "sec-ch-ua-platform User-Agent sec-ch-ua sec-ch-ua-mobile Accept Sec-Fetch-Site Sec-Fetch-Mode "
        "Sec-Fetch-Dest Origin Referer Accept-Encoding Accept-Language");
    row("H6 http: no client hints, no Fetch Metadata (measured)", "from=http://www.example.test:1/page3",
        {"GET http://api.example.test:2/s3"},
        "Upgrade-Insecure-Requests User-Agent Accept Referer Accept-Encoding Accept-Language");
}

void TestBrowserContext::headerOrder()
{
    QFETCH(QString, context);
    QFETCH(QStringList, steps);
    QFETCH(QString, expected);
    BrowserContext browser(parseContext(context), QString(), QByteArray());
    const QList<BrowserHop> hops = runChain(browser, steps);
    QCOMPARE(names(hops.last().headers).join(QLatin1Char(' ')), expected);
}

// H6: client hints go with the Chromium presets, to potentially trustworthy URLs only; H7: so do brotli
// and zstd.
void TestBrowserContext::clientHints_data()
{
    QTest::addColumn<QString>("userAgent");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>(
        "expected");  // sec-ch-ua | sec-ch-ua-mobile | sec-ch-ua-platform | Accept-Encoding
    const auto row = [](const char *ua, const char *url, const char *expected) {
        QTest::newRow(QByteArray(ua).append(' ').append(url).constData())
            << QString::fromUtf8(ua) << QString::fromUtf8(url) << QString::fromUtf8(expected);
    };
    const char *chrome = "\"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"156\", \"Google Chrome\";v=\"156\"";
    row("", "http://127.0.0.1:1/",
        "\"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"156\", \"Google Chrome\";v=\"156\" | ?0 | \"Linux\" | "
        "gzip, "
        "deflate, br, zstd");
    row("chromium", "https://example.test/",
        "\"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"156\" | ?0 | \"Linux\" | gzip, deflate, br, zstd");
    row("chrome-android", "http://localhost:1/",
        QByteArray(chrome).append(" | ?1 | \"Android\" | gzip, deflate, br, zstd").constData());
    row("edge", "http://[::1]:1/",
        "\"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"156\", \"Microsoft Edge\";v=\"156\" | ?0 | \"Windows\" | "
        "gzip, "
        "deflate, br, zstd");
    row("chrome", "http://example.test/", "- | - | - | gzip, deflate");
    row("firefox", "http://127.0.0.1:1/", "- | - | - | gzip, deflate, br, zstd");
    row("safari-ios", "https://example.test/", "- | - | - | gzip, deflate, br, zstd");
    row("MyBot/1.0", "http://127.0.0.1:1/", "- | - | - | gzip, deflate, br, zstd");
}

void TestBrowserContext::clientHints()
{
    QFETCH(QString, userAgent);
    QFETCH(QString, url);
    QFETCH(QString, expected);
    BrowserContext browser(RequestContext(), userAgent, QByteArray());
    RequestSpec r;
    r.url = QUrl(url);
    const BrowserHop hop = browser.nextHop(r);
    QCOMPARE(values(hop, {QStringLiteral("sec-ch-ua"), QStringLiteral("sec-ch-ua-mobile"),
                          QStringLiteral("sec-ch-ua-platform"), QStringLiteral("Accept-Encoding")}),
             expected);
}

// H8, H9: the User-Agent from a preset or as given; Accept-Language from the setting.
void TestBrowserContext::userAgentAndLanguage()
{
    RequestSpec r;
    r.url = QUrl(QStringLiteral("http://127.0.0.1:1/"));
    {
        BrowserContext browser;
        const BrowserHop hop = browser.nextHop(r);
        QCOMPARE(headerValue(hop.headers, "User-Agent"), defaultBrowserPreset().userAgent);
        QVERIFY(defaultBrowserPreset().userAgent.contains("Chrome/156.0.0.0"));
        QVERIFY(!defaultBrowserPreset().userAgent.contains("Headless"));
        QCOMPARE(headerValue(hop.headers, "Accept-Language"), QByteArray("en-US,en;q=0.9"));
        QCOMPARE(headerValue(hop.headers, "Accept"),
                 QByteArray("text/html,application/xhtml+xml,application/xml;q=0.9,image/jxl,image/avif,"
                            "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"));
    }
    for (const UserAgentPreset &preset : userAgentPresets()) {
        BrowserContext browser(RequestContext(), preset.name, QByteArrayLiteral("de-DE,de;q=0.9"));
        const BrowserHop hop = browser.nextHop(r);
        QCOMPARE(headerValue(hop.headers, "User-Agent"), preset.userAgent);
        QCOMPARE(headerValue(hop.headers, "Accept-Language"), QByteArray("de-DE,de;q=0.9"));
    }
    BrowserContext custom(RequestContext(), QStringLiteral("MyBot/1.0 (+https://bot.test)"), QByteArray());
    QCOMPARE(headerValue(custom.nextHop(r).headers, "User-Agent"),
             QByteArray("MyBot/1.0 (+https://bot.test)"));
}

// H10: the request's own headers replace the browser's in place; others go before Referer.
void TestBrowserContext::requestHeadersMerge()
{
    RequestContext c;
    c.from = QUrl(QStringLiteral("http://127.0.0.1:1/p"));
    BrowserContext browser(c, QString(), QByteArray());
    RequestSpec r;
    r.url = QUrl(QStringLiteral("http://127.0.0.1:1/x"));
    r.headers = {{"accept", "application/json"},
                 {"X-Trace", "1"},
                 {"Host", "ignored.test"},
                 {"Cookie", "a=1"},
                 {"X-Other", "2"}};
    const BrowserHop hop = browser.nextHop(r);
    const QStringList seen = names(hop.headers);
    QCOMPARE(seen.mid(seen.indexOf(QStringLiteral("accept")) - 1, 2),
             QStringList({QStringLiteral("User-Agent"), QStringLiteral("accept")}));
    QCOMPARE(headerValue(hop.headers, "Accept"), QByteArray("application/json"));
    QCOMPARE(headerValues(hop.headers, "Accept").size(), 1);
    const qsizetype referer = seen.indexOf(QStringLiteral("Referer"));
    QCOMPARE(seen.mid(referer - 2, 3),
             QStringList({QStringLiteral("X-Trace"), QStringLiteral("X-Other"), QStringLiteral("Referer")}));
    QVERIFY(!hasHeader(hop.headers, "Host"));    // the engine's
    QVERIFY(!hasHeader(hop.headers, "Cookie"));  // the engine's
}

// H11: the Content-Type of a body the request does not type itself.
void TestBrowserContext::contentType_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<bool>("form");
    QTest::addColumn<QByteArray>("own");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("form POST") << QStringLiteral("from=http://127.0.0.1:1/p") << true << QByteArray()
                               << QByteArray("application/x-www-form-urlencoded");
    QTest::newRow("fetch string body (measured)")
        << QStringLiteral("from=http://127.0.0.1:1/p mode=fetch") << false << QByteArray()
        << QByteArray("text/plain;charset=UTF-8");
    QTest::newRow("raw body on a navigation")
        << QStringLiteral("typed") << false << QByteArray() << QByteArray("application/octet-stream");
    QTest::newRow("its own") << QStringLiteral("from=http://127.0.0.1:1/p mode=fetch") << true
                             << QByteArray("application/json") << QByteArray("application/json");
}

void TestBrowserContext::contentType()
{
    QFETCH(QString, context);
    QFETCH(bool, form);
    QFETCH(QByteArray, own);
    QFETCH(QByteArray, expected);
    BrowserContext browser(parseContext(context), QString(), QByteArray());
    RequestSpec r;
    r.method = QByteArrayLiteral("POST");
    r.url = QUrl(QStringLiteral("http://127.0.0.1:1/x"));
    r.body = QByteArrayLiteral("a=1");
    r.formBody = form;
    if (!own.isEmpty())
        r.headers.append({QByteArrayLiteral("Content-Type"), own});
    const BrowserHop hop = browser.nextHop(r);
    QCOMPARE(headerValues(hop.headers, "Content-Type"), QList<QByteArray>{expected});
}

// B1: GET and HEAD with a body are refused; other methods and bodyless ones are not.
void TestBrowserContext::bodyRefusal_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("refused");
    QTest::newRow("GET with body") << QByteArray("GET") << QByteArray("x") << true;
    QTest::newRow("HEAD with body") << QByteArray("HEAD") << QByteArray("x") << true;
    QTest::newRow("GET") << QByteArray("GET") << QByteArray() << false;
    QTest::newRow("POST with body") << QByteArray("POST") << QByteArray("x") << false;
    QTest::newRow("DELETE with body") << QByteArray("DELETE") << QByteArray("x") << false;
}

void TestBrowserContext::bodyRefusal()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(bool, refused);
    RequestSpec r;
    r.method = method;
    r.body = body;
    const QString reason = browserBodyRefusal(r);
    QCOMPARE(!reason.isEmpty(), refused);
    if (refused)
        QVERIFY2(
            reason.startsWith(QStringLiteral("A browser cannot send a body with ") + QLatin1String(method)),
            qPrintable(reason));
}

// A note names the rule and the values it decided on.
void TestBrowserContext::notesNameTheValues()
{
    BrowserContext browser(parseContext(QStringLiteral("from=http://127.0.0.1:1/form")), QString(),
                           QByteArray());
    const QList<BrowserHop> hops =
        runChain(browser, list({"POST http://127.0.0.1:1/a RP=no-referrer", "POST http://localhost:2/b"}));
    const auto message = [&hops](int hop, NoteCode code) {
        for (const Note &n : hops.at(hop).notes) {
            if (n.is(code))
                return n.message;
        }
        return QString();
    };
    QVERIFY(message(0, NoteCode::ReferrerPolicySet).contains(QLatin1String("no-referrer")));
    QVERIFY(
        message(0, NoteCode::ReferrerPolicySet).contains(QLatin1String("strict-origin-when-cross-origin")));
    QVERIFY(message(1, NoteCode::ReferrerRemoved).contains(QLatin1String("no-referrer")));
    QVERIFY(message(1, NoteCode::OriginNull).contains(QLatin1String("http://localhost:2")));
    QVERIFY(message(1, NoteCode::OriginNull).contains(QLatin1String("http://127.0.0.1:1")));
    QVERIFY(message(1, NoteCode::FetchSite).startsWith(QLatin1String("Sec-Fetch-Site: cross-site")));
}

// N1: a refresh or a script navigation is a new navigation from the page (Chromium 156 measured).
void TestBrowserContext::navigationFromAPage()
{
    BrowserContext typed(RequestContext(), QStringLiteral("chrome-android"), QByteArrayLiteral("fr"));
    const QList<BrowserHop> before =
        runChain(typed, list({"GET http://127.0.0.1:1/rf/1", "GET http://localhost:2/x"}));
    BrowserContext refresh =
        typed.navigationFrom(QUrl(QStringLiteral("http://localhost:2/x?y=1")), std::nullopt);
    const QList<BrowserHop> hops =
        runChain(refresh, list({"GET http://localhost:2/rf/2", "GET http://127.0.0.1:1/z"}));
    QCOMPARE(values(hops.at(0), {QStringLiteral("Sec-Fetch-Site"), QStringLiteral("Sec-Fetch-User"),
                                 QStringLiteral("Referer"), QStringLiteral("Accept-Language"),
                                 QStringLiteral("sec-ch-ua-mobile")}),
             QStringLiteral("same-origin | - | http://localhost:2/x?y=1 | fr | ?1"));
    QCOMPARE(values(hops.at(1), {QStringLiteral("Sec-Fetch-Site"), QStringLiteral("Referer")}),
             QStringLiteral("cross-site | http://localhost:2/"));
    QCOMPARE(names(hops.at(0).headers).constFirst(), QStringLiteral("sec-ch-ua"));  // first-request order
    QVERIFY(hops.at(0).cookies.topLevelNavigation);
    BrowserContext quiet =
        typed.navigationFrom(QUrl(QStringLiteral("http://localhost:2/x")), ReferrerPolicy::NoReferrer);
    QVERIFY(!hasHeader(quiet.nextHop(parseStep(QStringLiteral("GET B/y")).request).headers, "Referer"));
}

QTEST_GUILESS_MAIN(TestBrowserContext)
#include "tst_browsercontext.moc"
