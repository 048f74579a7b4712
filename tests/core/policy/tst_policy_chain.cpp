// The redirect decision, part 2: what depends on the chain and the origins (shared/spec/
// redirect-semantics.md §3 schemes, §4 credentials, §5 limits and loops). Expectations are written out
// from the spec's tables.
#include "core/policy/policy.h"

#include <QTest>

using namespace Rwb;

Q_DECLARE_METATYPE(Rwb::Profile)

namespace {

enum class Trust { None, LocationTrusted, TargetHostListed, OtherHostListed };

QString kindOf(const Decision &d)
{
    switch (d.kind) {
    case Decision::Kind::Final:
        return QStringLiteral("final");
    case Decision::Kind::Follow:
        return QStringLiteral("follow");
    case Decision::Kind::Stop:
        return outcomeKindName(d.outcome);
    }
    return {};
}

RequestSpec get(const char *url, const HeaderList &headers = {})
{
    RequestSpec r;
    r.url = QUrl(QString::fromLatin1(url));
    r.headers = headers;
    return r;
}

HeaderList location(const char *value)
{
    return {HeaderPair("Location", value)};
}

const HeaderList kCredentials{HeaderPair("Authorization", "Basic dTpw"), HeaderPair("Cookie", "sid=1"),
                              HeaderPair("Accept", "*/*")};

}  // namespace

class TestPolicyChain : public QObject
{
    Q_OBJECT

private slots:
    void credentialsOneHop_data();
    void credentialsOneHop();
    void credentialsBackToFirstOrigin_data();
    void credentialsBackToFirstOrigin();
    void curlCustomHost_data();
    void curlCustomHost();
    void limits_data();
    void limits();
    void loops_data();
    void loops();
    void blockedSchemes_data();
    void blockedSchemes();
    void downgrade_data();
    void downgrade();
};

// §4, one hop from the first request: Authorization on every profile; Cookie is a credential for curl
// (stripped like Authorization) and strict; a browser's caller cannot set Cookie, the jar decides (the
// engine moves a given Cookie into the jar), so the policy leaves it alone.
void TestPolicyChain::credentialsOneHop_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<int>("trust");
    QTest::addColumn<bool>("authorizationKept");
    QTest::addColumn<bool>("cookieKept");
    QTest::addColumn<bool>("crossOrigin");

    struct Hop {
        const char *name, *from, *to;
        bool sameOrigin;
    };
    const Hop hops[] = {
        {"same-origin", "http://a.example/start", "http://a.example/next", true},
        {"same-origin-relative", "http://a.example/start", "/next", true},
        {"same-origin-explicit-port-80", "http://a.example/start", "http://a.example:80/next", true},
        {"same-origin-host-case", "http://a.example/start", "http://A.EXAMPLE/next", true},
        {"cross-host", "http://a.example/start", "http://b.example/next", false},
        {"cross-host-subdomain", "http://a.example/start", "http://sub.a.example/next", false},
        {"cross-port", "http://a.example/start", "http://a.example:8080/next", false},
        {"cross-scheme-http-to-https", "http://a.example/start", "https://a.example/next", false},
        {"cross-scheme-https-to-http", "https://a.example/start", "http://a.example/next", false},
    };
    const struct {
        Trust trust;
        const char *name;
    } trusts[] = {{Trust::None, ""},
                  {Trust::LocationTrusted, " --location-trusted"},
                  {Trust::TargetHostListed, " trusted-host=target"},
                  {Trust::OtherHostListed, " trusted-host=other"}};
    for (Profile p : allProfiles()) {
        for (const Hop &h : hops) {
            for (const auto &t : trusts) {
                const bool trusted = t.trust == Trust::LocationTrusted || t.trust == Trust::TargetHostListed;
                const bool kept = h.sameOrigin || trusted;
                QTest::addRow("%s/%s/Authorization%s", qPrintable(profileName(p)), h.name, t.name)
                    << p << QString::fromLatin1(h.from) << QByteArray(h.to) << int(t.trust) << kept
                    << (p == Profile::Browser || kept) << !h.sameOrigin;
            }
        }
    }
}

void TestPolicyChain::credentialsOneHop()
{
    QFETCH(Profile, profile);
    QFETCH(QString, from);
    QFETCH(QByteArray, to);
    QFETCH(int, trust);
    QFETCH(bool, authorizationKept);
    QFETCH(bool, cookieKept);
    QFETCH(bool, crossOrigin);

    Options options;
    options.profile = profile;
    RequestSpec request = get("http://placeholder/", kCredentials);
    request.url = QUrl(from);
    const QString target = QUrl(from).resolved(QUrl::fromEncoded(to)).host();
    switch (Trust(trust)) {
    case Trust::None:
        break;
    case Trust::LocationTrusted:
        options.locationTrusted = true;
        break;
    case Trust::TargetHostListed:
        options.trustedHosts = {QStringLiteral("unrelated.example"), target.toUpper()};
        break;
    case Trust::OtherHostListed:
        options.trustedHosts = {QStringLiteral("unrelated.example")};
        break;
    }
    ChainContext context;
    context.initialRequest = request;
    context.addSent(requestKey(request));
    const Decision d = decideRedirect(options, context, request, 302, location(to.constData()));
    QCOMPARE(kindOf(d), QStringLiteral("follow"));
    QCOMPARE(headerValue(d.next.headers, "Authorization"),
             authorizationKept ? QByteArrayLiteral("Basic dTpw") : QByteArray());
    QCOMPARE(headerValue(d.next.headers, "Cookie"), cookieKept ? QByteArrayLiteral("sid=1") : QByteArray());
    QCOMPARE(headerValue(d.next.headers, "Accept"), QByteArrayLiteral("*/*"));
    QCOMPARE(hasNote(d.notes, QStringLiteral("cross-origin")), crossOrigin);
    QCOMPARE(hasNote(d.notes, QStringLiteral("credentials-removed")), !authorizationKept);
    QCOMPARE(hasNote(d.notes, QStringLiteral("credentials-kept")), crossOrigin && authorizationKept);
    QVERIFY(!hasNote(d.notes, QStringLiteral("credentials-restored")));
}

// §4: curl sends the caller's credentials to the first origin only, so A -> B -> A sends them to A again;
// Fetch never restores what it removed; strict compares each hop with the previous one and restores
// nothing either.
void TestPolicyChain::credentialsBackToFirstOrigin_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("current");  // the hop now answering, sent without the credentials
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<bool>("locationTrusted");
    QTest::addColumn<bool>("restored");

    const QString a = QStringLiteral("http://a.example/start");
    const QString b = QStringLiteral("http://b.example/mid");
    QTest::newRow("curl/A->B->A/restored")
        << Profile::Curl << a << b << QByteArray("http://a.example/back") << false << true;
    QTest::newRow("curl/A->B->C/still-removed")
        << Profile::Curl << a << b << QByteArray("http://c.example/on") << false << false;
    QTest::newRow("curl/A->B->A-other-port/not-restored")
        << Profile::Curl << a << b << QByteArray("http://a.example:8080/back") << false << false;
    QTest::newRow("curl/A->B->A-https/not-restored")  // the scheme is part of the origin since 7.83
        << Profile::Curl << a << b << QByteArray("https://a.example/back") << false << false;
    QTest::newRow("curl/https-A->http-A->https-A/restored")
        << Profile::Curl << QStringLiteral("https://a.example/start")
        << QStringLiteral("http://a.example/mid") << QByteArray("https://a.example/back") << false << true;
    QTest::newRow("curl/A->B->C --location-trusted/restored")
        << Profile::Curl << a << b << QByteArray("http://c.example/on") << true << true;
    QTest::newRow("browser/A->B->A/never-restored")
        << Profile::Browser << a << b << QByteArray("http://a.example/back") << false << false;
    QTest::newRow("strict/A->B->A/not-restored")
        << Profile::Strict << a << b << QByteArray("http://a.example/back") << false << false;
}

void TestPolicyChain::credentialsBackToFirstOrigin()
{
    QFETCH(Profile, profile);
    QFETCH(QString, first);
    QFETCH(QString, current);
    QFETCH(QByteArray, to);
    QFETCH(bool, locationTrusted);
    QFETCH(bool, restored);

    Options options;
    options.profile = profile;
    options.locationTrusted = locationTrusted;
    const HeaderList credentials{HeaderPair("Accept", "*/*"), HeaderPair("Authorization", "Basic dTpw"),
                                 HeaderPair("Cookie", "a=1"), HeaderPair("Cookie", "b=2")};
    ChainContext context;
    context.initialRequest.url = QUrl(first);
    context.initialRequest.headers = credentials;
    context.redirectsFollowed = 1;
    RequestSpec sent;
    sent.url = QUrl(current);
    sent.headers = {HeaderPair("Accept", "*/*")};
    context.addSent(requestKey(context.initialRequest));
    context.addSent(requestKey(sent));

    const Decision d = decideRedirect(options, context, sent, 302, location(to.constData()));
    QCOMPARE(kindOf(d), QStringLiteral("follow"));
    QCOMPARE(headerValue(d.next.headers, "Authorization"),
             restored ? QByteArrayLiteral("Basic dTpw") : QByteArray());
    const QList<QByteArray> cookies = headerValues(d.next.headers, "Cookie");
    if (profile == Profile::Browser)
        QVERIFY(cookies.isEmpty());
    else
        QCOMPARE(cookies, restored ? (QByteArrayList{"a=1", "b=2"}) : QByteArrayList());
    QCOMPARE(hasNote(d.notes, QStringLiteral("credentials-restored")), restored);
    QCOMPARE(headerValues(d.next.headers, "Accept").size(), 1);
}

// curl 7.88 (measured by the conformance runner, scenario curl-host-override): a -H Host goes only to the
// first request's host name, whatever the port or scheme; another host gets curl's own Host, and the first
// host the given one again.
void TestPolicyChain::curlCustomHost_data()
{
    QTest::addColumn<QString>("current");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<bool>("sent");
    QTest::addColumn<bool>("noted");

    QTest::newRow("same host, relative")
        << QStringLiteral("http://a.example/1") << QByteArray("/2") << true << false;
    QTest::newRow("same host, other port and scheme")
        << QStringLiteral("http://a.example/1") << QByteArray("https://a.example:8443/2") << true << false;
    QTest::newRow("other host") << QStringLiteral("http://a.example/1") << QByteArray("http://b.example/2")
                                << false << true;
    QTest::newRow("back on the first host")
        << QStringLiteral("http://b.example/1") << QByteArray("http://A.example/2") << true << false;
}

void TestPolicyChain::curlCustomHost()
{
    QFETCH(QString, current);
    QFETCH(QByteArray, to);
    QFETCH(bool, sent);
    QFETCH(bool, noted);

    Options options;
    options.profile = Profile::Curl;
    ChainContext context;
    context.initialRequest = get("http://a.example/0", {HeaderPair("Host", "example.test")});
    context.redirectsFollowed = 1;
    RequestSpec now = get(current.toLatin1().constData());
    if (QUrl(current).host() == QLatin1String("a.example"))
        now.headers = context.initialRequest.headers;
    context.addSent(requestKey(context.initialRequest));
    context.addSent(requestKey(now));

    const Decision d = decideRedirect(options, context, now, 302, location(to.constData()));
    QCOMPARE(kindOf(d), QStringLiteral("follow"));
    QCOMPARE(headerValue(d.next.headers, "Host"), sent ? QByteArrayLiteral("example.test") : QByteArray());
    QCOMPARE(headerValues(d.next.headers, "Host").size(), sent ? 1 : 0);
    QCOMPARE(hasNote(d.notes, QStringLiteral("header-removed")), noted);
}

// §5: browser and strict follow 20 redirects and fail on the 21st, curl 50 (exit 47 on the 51st);
// maxRedirects overrides. redirectsFollowed counts the redirects before the response decided on.
void TestPolicyChain::limits_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<int>("maxRedirects");  // -1: the profile's own
    QTest::addColumn<int>("followed");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("kind");

    const struct {
        Profile profile;
        int limit;
    } defaults[] = {{Profile::Browser, 20}, {Profile::Curl, 50}, {Profile::Strict, 20}};
    for (const auto &d : defaults) {
        const QByteArray n = profileName(d.profile).toLatin1();
        QCOMPARE(defaultRedirectLimit(d.profile), d.limit);
        QTest::addRow("%s/default/%d-followed->follow", n.constData(), d.limit - 1)
            << d.profile << -1 << d.limit - 1 << 302 << QStringLiteral("follow");
        QTest::addRow("%s/default/%d-followed->too-many", n.constData(), d.limit)
            << d.profile << -1 << d.limit << 302 << QStringLiteral("too-many-redirects");
        QTest::addRow("%s/default/%d-followed-307->too-many", n.constData(), d.limit + 5)
            << d.profile << -1 << d.limit + 5 << 307 << QStringLiteral("too-many-redirects");
        QTest::addRow("%s/default/%d-followed-200->final", n.constData(), d.limit)
            << d.profile << -1 << d.limit << 200 << QStringLiteral("final");
        QTest::addRow("%s/max-3/2-followed->follow", n.constData())
            << d.profile << 3 << 2 << 301 << QStringLiteral("follow");
        QTest::addRow("%s/max-3/3-followed->too-many", n.constData())
            << d.profile << 3 << 3 << 301 << QStringLiteral("too-many-redirects");
        QTest::addRow("%s/max-0/first-redirect->too-many", n.constData())
            << d.profile << 0 << 0 << 303 << QStringLiteral("too-many-redirects");
        QTest::addRow("%s/max-60/55-followed->follow", n.constData())
            << d.profile << 60 << 55 << 308 << QStringLiteral("follow");
    }
}

void TestPolicyChain::limits()
{
    QFETCH(Profile, profile);
    QFETCH(int, maxRedirects);
    QFETCH(int, followed);
    QFETCH(int, status);
    QFETCH(QString, kind);

    Options options;
    options.profile = profile;
    if (maxRedirects >= 0)
        options.maxRedirects = maxRedirects;
    ChainContext context;
    context.initialRequest = get("http://a.example/0");
    context.redirectsFollowed = followed;
    for (int i = 0; i <= followed; ++i)
        context.addSent(requestKey(get(qPrintable(QStringLiteral("http://a.example/%1").arg(i)))));
    const RequestSpec sent = get(qPrintable(QStringLiteral("http://a.example/%1").arg(followed)));
    const Decision d = decideRedirect(options, context, sent, status, location("/fresh"));
    QCOMPARE(kindOf(d), kind);
    QCOMPARE(hasNote(d.notes, QStringLiteral("too-many-redirects")),
             kind == QLatin1String("too-many-redirects"));
    if (kind == QLatin1String("too-many-redirects"))
        QVERIFY(d.message.contains(QString::number(options.redirectLimit())));
}

// §5: no client detects loops; the project stops at the first repeated request (method, URL without
// fragment, body) unless loopDetect is off, and then follows with a `loop` note.
void TestPolicyChain::loops_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<bool>("loopDetect");
    QTest::addColumn<QStringList>("earlier");  // URLs already sent, by hop index (all GET)
    QTest::addColumn<QByteArray>("method");    // of the request being answered
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<int>("repeatsHop");  // -1: no loop

    const QString a = QStringLiteral("http://a.example/a");
    const QString b = QStringLiteral("http://a.example/b");
    for (Profile p : allProfiles()) {
        const QByteArray n = profileName(p).toLatin1();
        for (bool detect : {true, false}) {
            const char *mode = detect ? "" : " loopDetect=off";
            QTest::addRow("%s/A->B->A%s", n.constData(), mode)
                << p << detect << QStringList{a, b} << QByteArray("GET") << 302 << QByteArray("/a") << 0;
            QTest::addRow("%s/A->A%s", n.constData(), mode)
                << p << detect << QStringList{a} << QByteArray("GET") << 301 << QByteArray("/a") << 0;
            QTest::addRow("%s/A->B->B-fragment-only%s", n.constData(), mode)
                << p << detect << QStringList{a, b} << QByteArray("GET") << 307 << QByteArray("#part") << 1;
            QTest::addRow("%s/A->B->A-port-80%s", n.constData(), mode)
                << p << detect << QStringList{a, b} << QByteArray("GET") << 302
                << QByteArray("http://a.example:80/a") << 0;
        }
        QTest::addRow("%s/empty-path-equals-slash", n.constData())
            << p << true << QStringList{QStringLiteral("http://a.example/"), b} << QByteArray("GET") << 302
            << QByteArray("http://a.example") << 0;
        QTest::addRow("%s/A->B->C/no-loop", n.constData())
            << p << true << QStringList{a, b} << QByteArray("GET") << 302 << QByteArray("/c") << -1;
        QTest::addRow("%s/A-query-differs/no-loop", n.constData())
            << p << true << QStringList{a, b} << QByteArray("GET") << 302 << QByteArray("/a?x") << -1;
    }
    // The same URL with another method is another request: POST /a, 303 to /a is GET /a.
    QTest::newRow("browser/POST-A-303->GET-A/no-loop")
        << Profile::Browser << true << QStringList() << QByteArray("POST") << 303 << QByteArray("/a") << -1;
    // ... but a 307 repeats the POST with the same body.
    QTest::newRow("browser/POST-A-307->POST-A/loop")
        << Profile::Browser << true << QStringList() << QByteArray("POST") << 307 << QByteArray("/a") << 0;
}

void TestPolicyChain::loops()
{
    QFETCH(Profile, profile);
    QFETCH(bool, loopDetect);
    QFETCH(QStringList, earlier);
    QFETCH(QByteArray, method);
    QFETCH(int, status);
    QFETCH(QByteArray, to);
    QFETCH(int, repeatsHop);

    Options options;
    options.profile = profile;
    options.loopDetect = loopDetect;
    ChainContext context;
    RequestSpec sent;
    if (earlier.isEmpty()) {  // a POST to /a is the first hop
        sent.method = method;
        sent.url = QUrl(QStringLiteral("http://a.example/a"));
        sent.body = QByteArrayLiteral("k=v");
        context.addSent(requestKey(sent));
    } else {
        for (const QString &u : earlier)
            context.addSent(requestKey(get(qPrintable(u))));
        sent = get(qPrintable(earlier.last()));
    }
    context.initialRequest = sent;
    context.redirectsFollowed = context.sentCount() - 1;
    const Decision d = decideRedirect(options, context, sent, status, location(to.constData()));
    QCOMPARE(hasNote(d.notes, QStringLiteral("loop")), repeatsHop >= 0);
    if (repeatsHop >= 0 && loopDetect) {
        QCOMPARE(kindOf(d), QStringLiteral("loop"));
        QCOMPARE(d.repeatsHop, repeatsHop);
        QVERIFY(!d.next.url.isEmpty());  // the request that would repeat, for the record
        QVERIFY(!hasNote(d.notes, QStringLiteral("redirect")));
    } else {
        QCOMPARE(kindOf(d), QStringLiteral("follow"));
        QCOMPARE(d.repeatsHop, -1);
        QVERIFY(hasNote(d.notes, QStringLiteral("redirect")));
    }
}

// §3: only http and https are followed, by every profile (curl 7.88 itself would follow ftp).
void TestPolicyChain::blockedSchemes_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("scheme");

    for (Profile p : allProfiles()) {
        const QByteArray n = profileName(p).toLatin1();
        const struct {
            const char *name, *to, *scheme;
        } targets[] = {
            {"file", "file:///etc/passwd", "file"},     {"file-uppercase", "FILE:///etc/passwd", "file"},
            {"data", "data:text/plain,hello", "data"},  {"javascript", "javascript:alert(1)", "javascript"},
            {"ftp", "ftp://a.example/file.txt", "ftp"}, {"ftps", "ftps://a.example/file.txt", "ftps"},
        };
        for (const auto &t : targets) {
            QTest::addRow("%s/302/%s->blocked", n.constData(), t.name)
                << p << QByteArray(t.to) << QString::fromLatin1(t.scheme);
        }
    }
}

void TestPolicyChain::blockedSchemes()
{
    QFETCH(Profile, profile);
    QFETCH(QByteArray, to);
    QFETCH(QString, scheme);

    Options options;
    options.profile = profile;
    const RequestSpec sent = get("http://a.example/start", kCredentials);
    ChainContext context;
    context.initialRequest = sent;
    const Decision d = decideRedirect(options, context, sent, 302, location(to.constData()));
    QCOMPARE(kindOf(d), QStringLiteral("blocked-scheme"));
    QVERIFY(hasNote(d.notes, QStringLiteral("blocked-scheme")));
    QCOMPARE(d.location.url.scheme(), scheme);
    QVERIFY(!hasNote(d.notes, QStringLiteral("redirect")));
}

// The https -> http hop is noted for every profile; nothing else is a downgrade.
void TestPolicyChain::downgrade_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<bool>("downgrade");

    for (Profile p : allProfiles()) {
        const QByteArray n = profileName(p).toLatin1();
        QTest::addRow("%s/https->http", n.constData())
            << p << QStringLiteral("https://a.example/") << QByteArray("http://a.example/x") << true;
        QTest::addRow("%s/https->http-other-host", n.constData())
            << p << QStringLiteral("https://a.example/") << QByteArray("http://b.example:8080/x") << true;
        QTest::addRow("%s/http->https", n.constData())
            << p << QStringLiteral("http://a.example/") << QByteArray("https://a.example/x") << false;
        QTest::addRow("%s/https->https", n.constData())
            << p << QStringLiteral("https://a.example/") << QByteArray("/x") << false;
        QTest::addRow("%s/http->http", n.constData())
            << p << QStringLiteral("http://a.example/") << QByteArray("http://b.example/x") << false;
    }
}

void TestPolicyChain::downgrade()
{
    QFETCH(Profile, profile);
    QFETCH(QString, from);
    QFETCH(QByteArray, to);
    QFETCH(bool, downgrade);

    Options options;
    options.profile = profile;
    RequestSpec sent;
    sent.url = QUrl(from);
    ChainContext context;
    context.initialRequest = sent;
    const Decision d = decideRedirect(options, context, sent, 301, location(to.constData()));
    QCOMPARE(kindOf(d), QStringLiteral("follow"));
    QCOMPARE(hasNote(d.notes, QStringLiteral("downgrade")), downgrade);
    QCOMPARE(d.next.url.scheme(),
             downgrade ? QStringLiteral("http") : QUrl(from).resolved(QUrl::fromEncoded(to)).scheme());
}

QTEST_GUILESS_MAIN(TestPolicyChain)
#include "tst_policy_chain.moc"
