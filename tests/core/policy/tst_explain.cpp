// explainStatus: the facts each redirect text must state (and agree with shared/spec/redirect-semantics.md);
// explainDecisions: the rule cited for the notes the policy really writes, per profile.
#include "core/policy/explain.h"
#include "core/policy/policy.h"

#include <QSet>
#include <QTest>

using namespace Rwb;

namespace {

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *s : items)
        out << QString::fromUtf8(s);
    return out;
}

HeaderList headers(std::initializer_list<std::pair<const char *, const char *>> pairs)
{
    HeaderList out;
    for (const auto &p : pairs)
        out.append({QByteArray(p.first), QByteArray(p.second)});
    return out;
}

}  // namespace

class TestExplain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void status_data();
    void status();
    void everyStatus_hasTitleAndText();
    void decisionFromPolicy_data();
    void decisionFromPolicy();
    void refreshRulesCiteTheStandard();
    void everyKnownCode_hasRule_data();
    void everyKnownCode_hasRule();
    void unknownCodes_emptyRule();
};

void TestExplain::status_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QStringList>("mentions");  // each must appear in the paragraphs
    QTest::addColumn<QStringList>("absent");    // none may appear

    QTest::newRow("300") << 300 << QStringLiteral("300 Multiple Choices")
                         << list({"MAY follow", "do not", "curl -L follows", "Location"}) << QStringList();
    QTest::newRow("301") << 301 << QStringLiteral("301 Moved Permanently")
                         << list({"POST into a GET", "--post301", "RFC 9110 §15.4.2", "MAY",
                                  "heuristically cacheable", "Search engines", "Use 308"})
                         << list({"--post302", "Not cached"});
    QTest::newRow("302") << 302 << QStringLiteral("302 Found")
                         << list({"POST into a GET", "--post302", "RFC 9110 §15.4.3", "Not cached", "303",
                                  "Post/Redirect/Get", "307"})
                         << list({"--post301", "heuristically cacheable"});
    QTest::newRow("303") << 303 << QStringLiteral("303 See Other")
                         << list({"GET (or HEAD)", "every method but GET and HEAD", "keeps HEAD with -I",
                                  "-X", "--post303", "Post/Redirect/Get", "RFC 9110 §15.4.4"})
                         << QStringList();
    QTest::newRow("304") << 304 << QStringLiteral("304 Not Modified")
                         << list({"not a redirect", "curl -L does follow", "conditional"})
                         << list({"The Location header names"});
    QTest::newRow("305") << 305 << QStringLiteral("305 Use Proxy")
                         << list({"deprecated", "final response", "curl -L follows"}) << QStringList();
    QTest::newRow("307") << 307 << QStringLiteral("307 Temporary Redirect")
                         << list({"MUST NOT", "kept by everyone", "RFC 9110 §15.4.8", "Not cached", "Use 308",
                                  "HSTS"})
                         << list({"POST into a GET"});
    QTest::newRow("308") << 308 << QStringLiteral("308 Permanent Redirect")
                         << list({"kept by everyone", "RFC 9110 §15.4.9", "MUST NOT",
                                  "heuristically cacheable", "301"})
                         << list({"POST into a GET", "Not cached"});
    QTest::newRow("200") << 200 << QStringLiteral("200 OK") << list({"ends here"}) << QStringList();
    QTest::newRow("201") << 201 << QStringLiteral("201 Created") << list({"do not follow"}) << QStringList();
    QTest::newRow("204") << 204 << QStringLiteral("204 No Content") << QStringList() << QStringList();
    QTest::newRow("400") << 400 << QStringLiteral("400 Bad Request") << QStringList() << QStringList();
    QTest::newRow("401") << 401 << QStringLiteral("401 Unauthorized")
                         << list({"WWW-Authenticate", "remove Authorization", "--location-trusted"})
                         << QStringList();
    QTest::newRow("403") << 403 << QStringLiteral("403 Forbidden") << QStringList() << QStringList();
    QTest::newRow("404") << 404 << QStringLiteral("404 Not Found") << list({"Location"}) << QStringList();
    QTest::newRow("405") << 405 << QStringLiteral("405 Method Not Allowed")
                         << list({"Allow", "become a GET", "307 or 308"}) << QStringList();
    QTest::newRow("410") << 410 << QStringLiteral("410 Gone") << QStringList() << QStringList();
    QTest::newRow("429") << 429 << QStringLiteral("429 Too Many Requests") << list({"Retry-After"})
                         << QStringList();
    QTest::newRow("500") << 500 << QStringLiteral("500 Internal Server Error") << QStringList()
                         << QStringList();
    QTest::newRow("502") << 502 << QStringLiteral("502 Bad Gateway") << QStringList() << QStringList();
    QTest::newRow("503") << 503 << QStringLiteral("503 Service Unavailable") << list({"Retry-After"})
                         << QStringList();
    QTest::newRow("504") << 504 << QStringLiteral("504 Gateway Timeout") << QStringList() << QStringList();
    QTest::newRow("1xx") << 103 << QStringLiteral("103: an informational") << QStringList() << QStringList();
    QTest::newRow("2xx") << 299 << QStringLiteral("299: success") << QStringList() << QStringList();
    QTest::newRow("3xx-unknown") << 399 << QStringLiteral("399: a redirection status")
                                 << list({"301, 302, 303, 307 and 308", "any 3xx"}) << QStringList();
    QTest::newRow("306-unused") << 306 << QStringLiteral("306: a redirection status") << QStringList()
                                << QStringList();
    QTest::newRow("4xx") << 418 << QStringLiteral("418: a client error") << QStringList() << QStringList();
    QTest::newRow("5xx") << 599 << QStringLiteral("599: a server error") << QStringList() << QStringList();
    QTest::newRow("invalid-0") << 0 << QStringLiteral("0: not a valid HTTP status") << QStringList()
                               << QStringList();
    QTest::newRow("invalid-600") << 600 << QStringLiteral("600: not a valid HTTP status") << QStringList()
                                 << QStringList();
}

void TestExplain::status()
{
    QFETCH(int, code);
    QFETCH(QString, title);
    QFETCH(QStringList, mentions);
    QFETCH(QStringList, absent);
    const StatusExplanation e = explainStatus(code);
    QVERIFY2(e.title.startsWith(title), qPrintable(e.title));
    QVERIFY(!e.about.isEmpty());
    const QString text = e.about.join(QLatin1Char('\n'));
    for (const QString &m : mentions)
        QVERIFY2(text.contains(m), qPrintable(QStringLiteral("missing \"%1\" in: %2").arg(m, text)));
    for (const QString &a : absent)
        QVERIFY2(!text.contains(a), qPrintable(QStringLiteral("unexpected \"%1\" in: %2").arg(a, text)));
}

void TestExplain::everyStatus_hasTitleAndText()
{
    for (int code = 100; code < 600; ++code) {
        const StatusExplanation e = explainStatus(code);
        QVERIFY2(e.title.startsWith(QString::number(code)), qPrintable(e.title));
        QVERIFY(!e.about.isEmpty());
        for (const QString &p : e.about)
            QVERIFY2(!p.trimmed().isEmpty() && p.endsWith(QLatin1Char('.')), qPrintable(p));
    }
}

void TestExplain::decisionFromPolicy_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("startUrl");
    QTest::addColumn<QString>("location");
    QTest::addColumn<int>("redirectsFollowed");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("ruleMentions");

    const QString a = QStringLiteral("http://a.test/form");
    const QString b = QStringLiteral("http://b.test/next");
    QTest::newRow("browser-302-post-method")
        << Profile::Browser << QByteArray("POST") << 302 << a << b << 0 << QStringLiteral("method-changed")
        << list({"Fetch, HTTP-redirect fetch step 12", "301 or 302", "POST"});
    QTest::newRow("browser-303-put-method")
        << Profile::Browser << QByteArray("PUT") << 303 << a << b << 0 << QStringLiteral("method-changed")
        << list({"Fetch", "303", "every method but GET and HEAD"});
    QTest::newRow("curl-302-post-method")
        << Profile::Curl << QByteArray("POST") << 302 << a << b << 0 << QStringLiteral("method-changed")
        << list({"curl", "--post301/--post302/--post303"});
    QTest::newRow("strict-303-post-method") << Profile::Strict << QByteArray("POST") << 303 << a << b << 0
                                            << QStringLiteral("method-changed") << list({"RFC 9110 §15.4.4"});
    QTest::newRow("strict-302-post-kept")
        << Profile::Strict << QByteArray("POST") << 302 << a << b << 0 << QStringLiteral("method-kept")
        << list({"RFC 9110 §15.4.3", "MAY"});
    QTest::newRow("curl-307-kept") << Profile::Curl << QByteArray("POST") << 307 << a << b << 0
                                   << QStringLiteral("method-kept") << list({"RFC 9110 §15.4.8", "MUST NOT"});
    QTest::newRow("browser-body") << Profile::Browser << QByteArray("POST") << 301 << a << b << 0
                                  << QStringLiteral("body-dropped") << list({"Fetch", "body is set to null"});
    QTest::newRow("browser-headers") << Profile::Browser << QByteArray("POST") << 301 << a << b << 0
                                     << QStringLiteral("header-removed")
                                     << list({"request-body-header", "Chromium", "Origin"});
    QTest::newRow("curl-headers") << Profile::Curl << QByteArray("POST") << 301 << a << b << 0
                                  << QStringLiteral("header-removed")
                                  << list({"Content-Type set with -H is kept"});
    QTest::newRow("strict-headers") << Profile::Strict << QByteArray("POST") << 303 << a << b << 0
                                    << QStringLiteral("header-removed")
                                    << list({"RFC 9110 §15.4", "content-specific"});
    QTest::newRow("browser-credentials")
        << Profile::Browser << QByteArray("GET") << 302 << a << b << 0
        << QStringLiteral("credentials-removed") << list({"Fetch", "Authorization", "never restored"});
    QTest::newRow("curl-credentials")
        << Profile::Curl << QByteArray("GET") << 302 << a << b << 0 << QStringLiteral("credentials-removed")
        << list({"curl", "first request", "--location-trusted"});
    QTest::newRow("strict-credentials")
        << Profile::Strict << QByteArray("GET") << 302 << a << b << 0 << QStringLiteral("credentials-removed")
        << list({"RFC 9110 §15.4", "Authorization and Cookie"});
    QTest::newRow("fragment") << Profile::Browser << QByteArray("GET") << 301 << a + QStringLiteral("#top")
                              << QStringLiteral("/other") << 0 << QStringLiteral("fragment-inherited")
                              << list({"RFC 9110 §10.2.2", "location URL"});
    QTest::newRow("curl-limit") << Profile::Curl << QByteArray("GET") << 302 << a << b << 50
                                << QStringLiteral("too-many-redirects") << list({"50", "47"});
    QTest::newRow("browser-limit") << Profile::Browser << QByteArray("GET") << 302 << a << b << 20
                                   << QStringLiteral("too-many-redirects")
                                   << list({"20", "ERR_TOO_MANY_REDIRECTS"});
    QTest::newRow("browser-scheme") << Profile::Browser << QByteArray("GET") << 302 << a
                                    << QStringLiteral("ftp://f.test/x") << 0
                                    << QStringLiteral("blocked-scheme") << list({"ERR_UNSAFE_REDIRECT"});
    QTest::newRow("curl-redirect") << Profile::Curl << QByteArray("GET") << 301 << a << b << 0
                                   << QStringLiteral("redirect") << list({"curl -L", "any 3xx"});
    QTest::newRow("strict-redirect") << Profile::Strict << QByteArray("GET") << 308 << a << b << 0
                                     << QStringLiteral("redirect") << list({"RFC 9110 §15.4.9"});
}

void TestExplain::decisionFromPolicy()
{
    QFETCH(Profile, profile);
    QFETCH(QByteArray, method);
    QFETCH(int, status);
    QFETCH(QString, startUrl);
    QFETCH(QString, location);
    QFETCH(int, redirectsFollowed);
    QFETCH(QString, code);
    QFETCH(QStringList, ruleMentions);

    Options o;
    o.profile = profile;
    RequestSpec sent;
    sent.method = method;
    sent.url = QUrl(startUrl);
    sent.headers =
        headers({{"Authorization", "Basic eDp5"}, {"Content-Type", "text/plain"}, {"Content-Length", "3"}});
    if (method != "GET")
        sent.body = QByteArrayLiteral("x=1");
    ChainContext context;
    context.initialRequest = sent;
    context.redirectsFollowed = redirectsFollowed;
    const Decision d =
        decideRedirect(o, context, sent, status, headers({{"Location", location.toUtf8().constData()}}));

    Hop hop;
    hop.response = WireResponse();
    hop.response->status = status;
    hop.notes = d.notes;
    const QList<DecisionExplanation> explained = explainDecisions(profile, hop);
    QCOMPARE(explained.size(), hop.notes.size());
    int matches = 0;
    for (qsizetype i = 0; i < explained.size(); ++i) {
        QCOMPARE(explained.at(i).what, hop.notes.at(i).message);  // one per note, in order
        if (hop.notes.at(i).code != code)
            continue;
        ++matches;
        for (const QString &m : ruleMentions)
            QVERIFY2(explained.at(i).rule.contains(m),
                     qPrintable(m + QStringLiteral(" not in: ") + explained.at(i).rule));
    }
    QVERIFY2(matches == 1, qPrintable(QStringLiteral("%1 notes %2").arg(matches).arg(code)));
}

void TestExplain::refreshRulesCiteTheStandard()
{
    Hop hop;
    hop.response = WireResponse();
    hop.response->status = 200;
    hop.notes = {{NoteCode::RefreshFollowed, QStringLiteral("Refresh header \"0\": after 0 s")},
                 {NoteCode::RefreshNotFollowed, QStringLiteral("meta refresh: not followed")},
                 {NoteCode::ScriptRedirect, QStringLiteral("An inline script assigns location")}};
    const QList<DecisionExplanation> browser = explainDecisions(Profile::Browser, hop);
    QCOMPARE(browser.size(), 3);
    QVERIFY(browser[0].rule.contains(QLatin1String("shared declarative refresh steps")));
    QVERIFY(browser[0].rule.contains(QLatin1String("Chromium 156 measured")));
    QVERIFY(browser[1].rule.contains(QLatin1String("--refresh-limit")));
    QVERIFY(browser[2].rule.contains(QLatin1String("scripts are not run")));
    QVERIFY(
        explainDecisions(Profile::Curl, hop)[1].rule.contains(QLatin1String("curl follows only Location")));
    QVERIFY(explainDecisions(Profile::Strict, hop)[1].rule.contains(QLatin1String("RFC 9110")));
}

void TestExplain::everyKnownCode_hasRule_data()
{
    QTest::addColumn<QString>("code");
    const QStringList codes = list({"method-changed",
                                    "method-kept",
                                    "body-dropped",
                                    "header-removed",
                                    "credentials-removed",
                                    "credentials-kept",
                                    "credentials-restored",
                                    "credentials-from-url",
                                    "cookie-sent",
                                    "cookie-stored",
                                    "cookie-rejected",
                                    "cookie-ignored",
                                    "cookie-seeded",
                                    "fragment-inherited",
                                    "fragment-dropped",
                                    "hsts-upgrade",
                                    "hsts-stored",
                                    "hsts-ignored",
                                    "hsts-cleared",
                                    "location-missing",
                                    "location-empty",
                                    "location-multiple",
                                    "location-trimmed",
                                    "location-backslash",
                                    "location-encoded",
                                    "location-decoded",
                                    "invalid-location",
                                    "blocked-scheme",
                                    "too-many-redirects",
                                    "loop",
                                    "redirect",
                                    "not-followed",
                                    "cross-origin",
                                    "downgrade",
                                    "tls-error-accepted"});
    for (const QString &c : codes)
        QTest::newRow(c.toUtf8().constData()) << c;
}

void TestExplain::everyKnownCode_hasRule()
{
    QFETCH(QString, code);
    Hop hop;
    hop.response = WireResponse();
    hop.response->status = 302;
    hop.notes = {{code, QStringLiteral("message")}};
    QStringList rules;
    for (const Profile p : allProfiles()) {
        const QList<DecisionExplanation> e = explainDecisions(p, hop);
        QCOMPARE(e.size(), 1);
        QVERIFY2(!e.at(0).rule.isEmpty(), qPrintable(profileName(p)));
        rules << e.at(0).rule;
    }
    // Where the profiles follow different sources, the rule says so.
    if (code == QLatin1String("method-changed") || code == QLatin1String("credentials-removed")
        || code == QLatin1String("too-many-redirects")) {
        QCOMPARE(QSet<QString>(rules.cbegin(), rules.cend()).size(), 3);
    }
}

void TestExplain::unknownCodes_emptyRule()
{
    Hop hop;  // no response at all: the status-dependent rules must cope
    hop.notes = {{QStringLiteral("x-future-code"), QStringLiteral("first")},
                 {QString(), QStringLiteral("second")},
                 {QStringLiteral("edited"), QStringLiteral("third")},
                 {QStringLiteral("method-changed"), QStringLiteral("fourth")}};
    const QList<DecisionExplanation> e = explainDecisions(Profile::Strict, hop);
    QCOMPARE(e.size(), 4);
    QCOMPARE(e.at(0).what, QStringLiteral("first"));
    QVERIFY(e.at(0).rule.isEmpty());
    QVERIFY(e.at(1).rule.isEmpty());
    QVERIFY(e.at(2).rule.isEmpty());
    QCOMPARE(e.at(3).what, QStringLiteral("fourth"));
    QVERIFY(!e.at(3).rule.isEmpty());
    QVERIFY(explainDecisions(Profile::Browser, Hop()).isEmpty());
}

QTEST_GUILESS_MAIN(TestExplain)
#include "tst_explain.moc"
