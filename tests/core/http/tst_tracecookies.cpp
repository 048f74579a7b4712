// The cookie jar (docs/spec/cookies.md): RFC 6265bis as Chromium 156 implements it, and curl 7.88.1's rules,
// with the clock injected for the two-minute Lax-by-default allowance and for expiry.
#include "core/http/tracecookies.h"

#include <QTest>

using namespace Rwb;

namespace {

const QDateTime kStart(QDate(2026, 5, 1), QTime(12, 0), Qt::UTC);

QUrl url(const char *u)
{
    return QUrl(QString::fromLatin1(u));
}

CookieRequest request(const char *u, const char *method = "GET", bool sameSite = true, bool topLevel = true)
{
    CookieRequest r;
    r.url = url(u);
    r.method = method;
    r.sameSite = sameSite;
    r.topLevelNavigation = topLevel;
    return r;
}

// A jar on a clock the test moves.
struct Jar {
    explicit Jar(CookieRules rules = CookieRules::Chromium)
        : cookies(rules, [this] { return now; })
    {
    }
    NoteList set(const char *u, const QByteArray &line)
    {
        NoteList notes;
        cookies.store({line}, request(u), false, notes);
        return notes;
    }
    QByteArray send(const CookieRequest &r)
    {
        NoteList notes;
        return cookies.headerFor(r, notes);
    }
    QByteArray send(const char *u) { return send(request(u)); }

    QDateTime now = kStart;
    TraceCookies cookies;
};

const Note *noteAbout(const NoteList &notes, NoteCode code, const QString &name)
{
    for (const Note &n : notes) {
        if (n.is(code) && n.subject == name)
            return &n;
    }
    return nullptr;
}

}  // namespace

class TestTraceCookies : public QObject
{
    Q_OBJECT

private slots:
    void sameSite_data();
    void sameSite();
    void laxByDefaultTwoMinutes();
    void sameSiteNoneNeedsSecure();
    void secureOrigins_data();
    void secureOrigins();
    void secureNotSentOverHttp();
    void insecureCannotReplaceSecure();
    void domain_data();
    void domain();
    void path_data();
    void path();
    void prefixes_data();
    void prefixes();
    void expiry();
    void deletion();
    void overwrite();
    void sizeLimits();
    void headerOrder();
    void httpOnlyKept();
    void credentialsMode();
    void thirdPartyNotStored();
    void preset();
    void seed();
    void notesNameTheRule();
    void curlRules();
    void curlSecureContext_data();
    void curlSecureContext();
    void controlCharacters_data();
    void controlCharacters();
};

// RFC 6265bis §5.8.3 with Chromium's defaults: which SameSite value goes with which kind of request.
void TestTraceCookies::sameSite_data()
{
    QTest::addColumn<QByteArray>("setCookie");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("sameSite");
    QTest::addColumn<bool>("topLevel");
    QTest::addColumn<bool>("sent");

    const QList<std::pair<const char *, QByteArray>> kinds = {
        {"strict", "c=1; SameSite=Strict"},
        {"lax", "c=1; SameSite=Lax"},
        {"unspecified", "c=1"},
        {"none", "c=1; SameSite=None; Secure"},
    };
    // same-site GET, cross-site link (GET), cross-site top-level POST, cross-site fetch (not top-level)
    const QList<QList<bool>> expected = {
        {true, false, false, false},
        {true, true, false, false},
        {true, true, true, false},  // the POST: Lax by default, cookie under two minutes old
        {true, true, true, false},  // the fetch: third-party cookies blocked
    };
    for (int k = 0; k < kinds.size(); ++k) {
        const QByteArray line = kinds.at(k).second;
        const char *name = kinds.at(k).first;
        QTest::addRow("%s/same-site-get", name)
            << line << QByteArray("GET") << true << true << expected.at(k).at(0);
        QTest::addRow("%s/cross-site-link", name)
            << line << QByteArray("GET") << false << true << expected.at(k).at(1);
        QTest::addRow("%s/cross-site-post", name)
            << line << QByteArray("POST") << false << true << expected.at(k).at(2);
        QTest::addRow("%s/cross-site-fetch", name)
            << line << QByteArray("GET") << false << false << expected.at(k).at(3);
    }
}

void TestTraceCookies::sameSite()
{
    QFETCH(QByteArray, setCookie);
    QFETCH(QByteArray, method);
    QFETCH(bool, sameSite);
    QFETCH(bool, topLevel);
    QFETCH(bool, sent);

    Jar jar;
    jar.set("http://127.0.0.1/", setCookie);
    jar.now = kStart.addSecs(5);
    NoteList notes;
    const QByteArray header =
        jar.cookies.headerFor(request("http://127.0.0.1/c/1", method.constData(), sameSite, topLevel), notes);
    QCOMPARE(header, sent ? QByteArray("c=1") : QByteArray());
    QVERIFY(noteAbout(notes, sent ? NoteCode::CookieSent : NoteCode::CookieNotSent, QStringLiteral("c")));
}

// Chromium's Lax-by-default allowance: a cookie without SameSite goes with a cross-site top-level POST for
// 120 s after it was set, not after.
void TestTraceCookies::laxByDefaultTwoMinutes()
{
    Jar jar;
    jar.set("http://127.0.0.1/", "plain=1");
    jar.set("http://127.0.0.1/", "lax=1; SameSite=Lax");
    const CookieRequest post = request("http://127.0.0.1/form", "POST", false, true);
    jar.now = kStart.addSecs(120);
    NoteList notes;
    QCOMPARE(jar.cookies.headerFor(post, notes), QByteArray("plain=1"));
    QVERIFY(noteAbout(notes, NoteCode::CookieSent, QStringLiteral("plain"))
                ->reason.contains(QLatin1String("two minutes")));
    QCOMPARE(noteAbout(notes, NoteCode::CookieNotSent, QStringLiteral("lax"))->reason,
             QStringLiteral("SameSite=Lax and the cross-site navigation is a POST"));
    jar.now = kStart.addSecs(121);
    notes.clear();
    QCOMPARE(jar.cookies.headerFor(post, notes), QByteArray());
    QVERIFY(noteAbout(notes, NoteCode::CookieNotSent, QStringLiteral("plain"))
                ->reason.contains(QLatin1String("over two minutes")));
    // A GET navigation from another site still takes it (Lax).
    QCOMPARE(jar.send(request("http://127.0.0.1/x", "GET", false, true)), QByteArray("plain=1; lax=1"));
}

void TestTraceCookies::sameSiteNoneNeedsSecure()
{
    Jar jar;
    const NoteList notes = jar.set("https://example.com/", "n=1; SameSite=None");
    QCOMPARE(noteAbout(notes, NoteCode::CookieRejected, QStringLiteral("n"))->reason,
             QStringLiteral("SameSite=None without Secure"));
    QVERIFY(jar.cookies.contents().isEmpty());
    jar.set("https://example.com/", "n=1; SameSite=None; Secure");
    QCOMPARE(jar.cookies.contents(), QList<QByteArray>{"n=1"});
}

// Secure cookies are accepted from potentially trustworthy origins: https, and http on loopback.
void TestTraceCookies::secureOrigins_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<bool>("stored");
    QTest::newRow("https") << QByteArray("https://example.com/") << true;
    QTest::newRow("http-127.0.0.1") << QByteArray("http://127.0.0.1:8080/") << true;
    QTest::newRow("http-127.0.0.2") << QByteArray("http://127.0.0.2/") << true;
    QTest::newRow("http-localhost") << QByteArray("http://localhost/") << true;
    QTest::newRow("http-sub.localhost") << QByteArray("http://app.localhost/") << true;
    QTest::newRow("http-::1") << QByteArray("http://[::1]/") << true;
    QTest::newRow("http-example.com") << QByteArray("http://example.com/") << false;
    QTest::newRow("http-192.168.1.1") << QByteArray("http://192.168.1.1/") << false;
}

void TestTraceCookies::secureOrigins()
{
    QFETCH(QByteArray, origin);
    QFETCH(bool, stored);
    Jar jar;
    const NoteList notes = jar.set(origin.constData(), "s=1; Secure");
    QCOMPARE(jar.cookies.contents().size(), stored ? 1 : 0);
    if (!stored) {
        QCOMPARE(noteAbout(notes, NoteCode::CookieRejected, QStringLiteral("s"))->reason,
                 QStringLiteral("Secure cookie from an insecure origin"));
    }
}

void TestTraceCookies::secureNotSentOverHttp()
{
    Jar jar;
    jar.set("https://example.com/", "s=1; Secure");
    jar.set("https://example.com/", "p=1");
    NoteList notes;
    QCOMPARE(jar.cookies.headerFor(request("http://example.com/"), notes), QByteArray("p=1"));
    QCOMPARE(noteAbout(notes, NoteCode::CookieNotSent, QStringLiteral("s"))->reason,
             QStringLiteral("Secure cookie and the request goes to an insecure origin"));
    QCOMPARE(jar.send("https://example.com/"), QByteArray("s=1; p=1"));
}

// RFC 6265bis §5.7 step 16: an insecure origin cannot overwrite a Secure cookie.
void TestTraceCookies::insecureCannotReplaceSecure()
{
    Jar jar;
    jar.set("https://example.com/", "sid=good; Secure");
    const NoteList notes = jar.set("http://example.com/", "sid=evil");
    QVERIFY(noteAbout(notes, NoteCode::CookieRejected, QStringLiteral("sid")));
    QCOMPARE(jar.send("https://example.com/"), QByteArray("sid=good"));
}

void TestTraceCookies::domain_data()
{
    QTest::addColumn<QByteArray>("setUrl");
    QTest::addColumn<QByteArray>("setCookie");
    QTest::addColumn<QByteArray>("requestUrl");
    QTest::addColumn<bool>("stored");
    QTest::addColumn<bool>("sent");

    QTest::newRow("host-only/same-host") << QByteArray("http://www.example.com/") << QByteArray("a=1")
                                         << QByteArray("http://www.example.com/") << true << true;
    QTest::newRow("host-only/other-port") << QByteArray("http://www.example.com/") << QByteArray("a=1")
                                          << QByteArray("http://www.example.com:8080/") << true << true;
    QTest::newRow("host-only/subdomain") << QByteArray("http://example.com/") << QByteArray("a=1")
                                         << QByteArray("http://www.example.com/") << true << false;
    QTest::newRow("domain/sibling") << QByteArray("http://www.example.com/")
                                    << QByteArray("a=1; Domain=example.com")
                                    << QByteArray("http://api.example.com/") << true << true;
    QTest::newRow("domain/leading-dot")
        << QByteArray("http://www.example.com/") << QByteArray("a=1; Domain=.example.com")
        << QByteArray("http://example.com/") << true << true;
    QTest::newRow("domain/not-a-suffix-of-host")
        << QByteArray("http://www.example.com/") << QByteArray("a=1; Domain=other.com")
        << QByteArray("http://other.com/") << false << false;
    QTest::newRow("domain/public-suffix")
        << QByteArray("http://www.example.com/") << QByteArray("a=1; Domain=com")
        << QByteArray("http://www.example.com/") << false << false;
    QTest::newRow("domain/public-suffix-co.uk")
        << QByteArray("http://shop.example.co.uk/") << QByteArray("a=1; Domain=co.uk")
        << QByteArray("http://shop.example.co.uk/") << false << false;
    QTest::newRow("domain/localhost-host-only")
        << QByteArray("http://localhost/") << QByteArray("a=1; Domain=localhost")
        << QByteArray("http://localhost:9/") << true << true;
    QTest::newRow("domain/ip-other") << QByteArray("http://127.0.0.1/") << QByteArray("a=1; Domain=127.0.0.2")
                                     << QByteArray("http://127.0.0.2/") << false << false;
    QTest::newRow("domain/ip-same") << QByteArray("http://127.0.0.1/") << QByteArray("a=1; Domain=127.0.0.1")
                                    << QByteArray("http://127.0.0.1/") << true << true;
    QTest::newRow("domain/empty-ignored")
        << QByteArray("http://www.example.com/") << QByteArray("a=1; Domain=")
        << QByteArray("http://api.example.com/") << true << false;
}

void TestTraceCookies::domain()
{
    QFETCH(QByteArray, setUrl);
    QFETCH(QByteArray, setCookie);
    QFETCH(QByteArray, requestUrl);
    QFETCH(bool, stored);
    QFETCH(bool, sent);
    Jar jar;
    const NoteList notes = jar.set(setUrl.constData(), setCookie);
    QCOMPARE(jar.cookies.contents().size(), stored ? 1 : 0);
    QCOMPARE(bool(noteAbout(notes, NoteCode::CookieRejected, QStringLiteral("a"))), !stored);
    QCOMPARE(jar.send(requestUrl.constData()), sent ? QByteArray("a=1") : QByteArray());
}

void TestTraceCookies::path_data()
{
    QTest::addColumn<QByteArray>("setCookie");
    QTest::addColumn<QByteArray>("requestUrl");
    QTest::addColumn<bool>("sent");
    // Set from http://h/dir/page: the default path is /dir.
    QTest::newRow("default/dir") << QByteArray("a=1") << QByteArray("http://h.test/dir") << true;
    QTest::newRow("default/dir-child") << QByteArray("a=1") << QByteArray("http://h.test/dir/x") << true;
    QTest::newRow("default/dirx") << QByteArray("a=1") << QByteArray("http://h.test/dirx") << false;
    QTest::newRow("default/root") << QByteArray("a=1") << QByteArray("http://h.test/") << false;
    QTest::newRow("root/anything") << QByteArray("a=1; Path=/") << QByteArray("http://h.test/other/y")
                                   << true;
    QTest::newRow("other/other") << QByteArray("a=1; Path=/other") << QByteArray("http://h.test/other/y")
                                 << true;
    QTest::newRow("other/dir") << QByteArray("a=1; Path=/other") << QByteArray("http://h.test/dir/x")
                               << false;
    QTest::newRow("not-a-path/default")
        << QByteArray("a=1; Path=other") << QByteArray("http://h.test/dir/z") << true;
    QTest::newRow("trailing-slash") << QByteArray("a=1; Path=/dir/") << QByteArray("http://h.test/dir")
                                    << false;
}

void TestTraceCookies::path()
{
    QFETCH(QByteArray, setCookie);
    QFETCH(QByteArray, requestUrl);
    QFETCH(bool, sent);
    Jar jar;
    jar.set("http://h.test/dir/page", setCookie);
    QCOMPARE(jar.send(requestUrl.constData()), sent ? QByteArray("a=1") : QByteArray());
}

void TestTraceCookies::prefixes_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("setCookie");
    QTest::addColumn<QString>("rejection");  // empty: stored

    QTest::newRow("host/ok") << QByteArray("https://h.test/a/b") << QByteArray("__Host-x=1; Secure; Path=/")
                             << QString();
    QTest::newRow("host/no-secure") << QByteArray("https://h.test/") << QByteArray("__Host-x=1; Path=/")
                                    << QStringLiteral("__Host- prefix without Secure");
    QTest::newRow("host/domain") << QByteArray("https://h.test/")
                                 << QByteArray("__Host-x=1; Secure; Path=/; Domain=h.test")
                                 << QStringLiteral("__Host- prefix with a Domain attribute");
    QTest::newRow("host/path") << QByteArray("https://h.test/") << QByteArray("__Host-x=1; Secure; Path=/c")
                               << QStringLiteral("__Host- prefix without Path=/");
    QTest::newRow("host/no-path") << QByteArray("https://h.test/") << QByteArray("__Host-x=1; Secure")
                                  << QStringLiteral("__Host- prefix without Path=/");
    QTest::newRow("host/case-insensitive")
        << QByteArray("https://h.test/") << QByteArray("__HOST-x=1; Path=/")
        << QStringLiteral("__Host- prefix without Secure");
    QTest::newRow("secure/ok") << QByteArray("https://h.test/") << QByteArray("__Secure-x=1; Secure")
                               << QString();
    QTest::newRow("secure/no-secure") << QByteArray("https://h.test/") << QByteArray("__Secure-x=1")
                                      << QStringLiteral("__Secure- prefix without Secure");
    QTest::newRow("secure/localhost-http")
        << QByteArray("http://localhost/") << QByteArray("__Secure-x=1; Secure") << QString();
    QTest::newRow("secure/insecure-origin")
        << QByteArray("http://h.test/") << QByteArray("__Secure-x=1; Secure")
        << QStringLiteral("Secure cookie from an insecure origin");
}

void TestTraceCookies::prefixes()
{
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, setCookie);
    QFETCH(QString, rejection);
    Jar jar;
    const NoteList notes = jar.set(origin.constData(), setCookie);
    QCOMPARE(jar.cookies.contents().size(), rejection.isEmpty() ? 1 : 0);
    if (!rejection.isEmpty())
        QCOMPARE(notes.value(0).reason, rejection);
}

// Max-Age wins over Expires; a cookie is gone once its expiry passes; Chromium caps it at 400 days.
void TestTraceCookies::expiry()
{
    Jar jar;
    jar.set("http://h.test/", "m=1; Expires=Wed, 01 Jan 2020 00:00:00 GMT; Max-Age=60");
    jar.set("http://h.test/", "e=1; Expires=Fri, 01 May 2026 12:10:00 GMT");
    jar.set("http://h.test/", "long=1; Max-Age=999999999");
    jar.set("http://h.test/", "s=1");
    QCOMPARE(jar.send("http://h.test/"), QByteArray("m=1; e=1; long=1; s=1"));
    jar.now = kStart.addSecs(61);
    QCOMPARE(jar.send("http://h.test/"), QByteArray("e=1; long=1; s=1"));
    jar.now = kStart.addSecs(601);
    QCOMPARE(jar.send("http://h.test/"), QByteArray("long=1; s=1"));
    jar.now = kStart.addDays(400).addSecs(1);
    QCOMPARE(jar.send("http://h.test/"), QByteArray("s=1"));
}

// A Set-Cookie that is already expired deletes the cookie of the same name, domain and path (measured in
// Chromium: cookies-max-age-0-in-chain).
void TestTraceCookies::deletion()
{
    Jar jar;
    jar.set("http://h.test/", "gone=1");
    jar.set("http://h.test/", "stays=1");
    jar.set("http://h.test/", "old=1");
    NoteList notes;
    jar.cookies.store({"gone=; Max-Age=0; Path=/", "stays=; Max-Age=0",
                       "old=; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Path=/", "fresh=1"},
                      request("http://h.test/c/1"), true, notes);
    QVERIFY(noteAbout(notes, NoteCode::CookieDeleted, QStringLiteral("gone")));
    QVERIFY(noteAbout(notes, NoteCode::CookieDeleted, QStringLiteral("old")));
    // stays=; Max-Age=0 has the default path /c: not the stored cookie (path /), nothing to delete.
    QVERIFY(noteAbout(notes, NoteCode::CookieIgnored, QStringLiteral("stays")));
    QVERIFY(noteAbout(notes, NoteCode::CookieStored, QStringLiteral("fresh")));
    QCOMPARE(jar.send("http://h.test/c/2"), QByteArray("fresh=1; stays=1"));
}

void TestTraceCookies::overwrite()
{
    Jar jar;
    jar.set("http://h.test/", "a=1");
    jar.set("http://h.test/", "b=1");
    jar.now = kStart.addSecs(10);
    const NoteList notes = jar.set("http://h.test/", "a=2");
    QVERIFY(noteAbout(notes, NoteCode::CookieStored, QStringLiteral("a"))
                ->reason.contains(QLatin1String("replaces")));
    // The new value keeps the old creation time, so its place in the header.
    QCOMPARE(jar.send("http://h.test/"), QByteArray("a=2; b=1"));
    // Another path is another cookie.
    jar.set("http://h.test/", "a=3; Path=/x");
    QCOMPARE(jar.send("http://h.test/x"), QByteArray("a=3; a=2; b=1"));
}

// RFC 6265bis §5.6: name and value over 4096 bytes together: rejected; an attribute value over 1024 bytes:
// the attribute is ignored.
void TestTraceCookies::sizeLimits()
{
    Jar jar;
    const QByteArray big(4096, 'v');  // with the name: 4097 bytes
    NoteList notes = jar.set("http://h.test/", "n=" + big);
    QVERIFY(noteAbout(notes, NoteCode::CookieRejected, QStringLiteral("n")));
    notes = jar.set("http://h.test/", "n=" + big.left(4095));
    QVERIFY(noteAbout(notes, NoteCode::CookieStored, QStringLiteral("n")));
    notes = jar.set("http://h.test/dir/page", "p=1; Path=/" + QByteArray(1024, 'x'));
    const Note *stored = noteAbout(notes, NoteCode::CookieStored, QStringLiteral("p"));
    QVERIFY(stored);
    QVERIFY(stored->reason.contains(QLatin1String("path /dir")));
    QVERIFY(stored->reason.contains(QLatin1String("path ignored: over 1024 bytes")));
}

// RFC 6265bis §5.8.3: longer paths first, then earlier creation (measured: cookies-order).
void TestTraceCookies::headerOrder()
{
    Jar jar;
    jar.set("http://h.test/", "first=1");
    jar.now = kStart.addSecs(1);
    jar.set("http://h.test/o/p/q", "deep=1; Path=/o/p");
    jar.now = kStart.addSecs(2);
    jar.set("http://h.test/", "second=1");
    jar.now = kStart.addSecs(3);
    jar.set("http://h.test/o/x", "mid=1; Path=/o");
    QCOMPARE(jar.send("http://h.test/o/p/start"), QByteArray("deep=1; mid=1; first=1; second=1"));
}

void TestTraceCookies::httpOnlyKept()
{
    Jar jar;
    const NoteList notes = jar.set("http://h.test/", "sid=1; HttpOnly");
    QVERIFY(noteAbout(notes, NoteCode::CookieStored, QStringLiteral("sid"))
                ->reason.contains(QLatin1String("HttpOnly")));
    QCOMPARE(jar.send("http://h.test/"), QByteArray("sid=1"));
}

// fetch()'s credentials mode: nothing sent, nothing stored, with a note.
void TestTraceCookies::credentialsMode()
{
    Jar jar;
    jar.set("http://h.test/", "a=1");
    CookieRequest r = request("http://h.test/");
    r.credentialsAllowed = false;
    NoteList notes;
    QCOMPARE(jar.cookies.headerFor(r, notes), QByteArray());
    QVERIFY(hasNote(notes, NoteCode::CookieNotSent));
    notes.clear();
    jar.cookies.store({"b=1"}, r, false, notes);
    QVERIFY(hasNote(notes, NoteCode::CookieIgnored));
    QCOMPARE(jar.cookies.contents(), QList<QByteArray>{"a=1"});
}

// A cross-site fetch() response cannot set cookies (third-party cookies blocked in Chromium 156); a
// cross-site top-level navigation's response can.
void TestTraceCookies::thirdPartyNotStored()
{
    Jar jar;
    NoteList notes;
    jar.cookies.store({"t=1; SameSite=None; Secure"}, request("http://127.0.0.2/api", "GET", false, false),
                      false, notes);
    QVERIFY(noteAbout(notes, NoteCode::CookieRejected, QStringLiteral("t"))
                ->reason.contains(QLatin1String("third-party")));
    notes.clear();
    jar.cookies.store({"s=1; SameSite=Strict"}, request("http://127.0.0.2/page", "GET", false, true), false,
                      notes);
    QVERIFY(noteAbout(notes, NoteCode::CookieStored, QStringLiteral("s")));
    QCOMPARE(jar.cookies.contents(), QList<QByteArray>{"s=1"});
}

void TestTraceCookies::preset()
{
    Jar jar;
    NoteList notes;
    jar.cookies.preset({url("http://127.0.0.1:8080/dir/page"), "p=1"}, notes);
    jar.cookies.preset({url("http://127.0.0.1:8080/"), "bad=1; SameSite=None"}, notes);
    const Note *preset = noteAbout(notes, NoteCode::CookiePreset, QStringLiteral("p"));
    QVERIFY(preset);
    QVERIFY(preset->message.startsWith(QLatin1String("Cookie p preset for http://127.0.0.1:8080/dir/page")));
    QVERIFY(preset->reason.contains(QLatin1String("path /dir")));
    QVERIFY(noteAbout(notes, NoteCode::CookieRejected, QStringLiteral("bad")));
    QCOMPARE(jar.send("http://127.0.0.1:9/dir/x"), QByteArray("p=1"));
}

void TestTraceCookies::seed()
{
    Jar jar;
    jar.cookies.seed({"sid=1; theme=dark"}, url("http://h.test/a/b"));
    QCOMPARE(jar.send("http://h.test/"), QByteArray("sid=1; theme=dark"));
    QCOMPARE(jar.send("http://other.test/"), QByteArray());
}

void TestTraceCookies::notesNameTheRule()
{
    Jar jar;
    NoteList notes = jar.set("http://127.0.0.1/", "a=1");
    QCOMPARE(notes.size(), 1);
    QCOMPARE(notes.at(0).code, QStringLiteral("cookie-stored"));
    QCOMPARE(notes.at(0).message,
             QStringLiteral("Cookie a stored (host-only, path /, SameSite=Lax by default, session)"));
    QCOMPARE(notes.at(0).subject, QStringLiteral("a"));
    jar.set("http://127.0.0.1/", "sid=1; SameSite=Strict");
    notes.clear();
    jar.cookies.headerFor(request("http://127.0.0.1/", "GET", false, true), notes);
    QCOMPARE(noteAbout(notes, NoteCode::CookieNotSent, QStringLiteral("sid"))->message,
             QStringLiteral("Cookie sid not sent: SameSite=Strict and the request comes from another site"));
    QCOMPARE(noteAbout(notes, NoteCode::CookieSent, QStringLiteral("a"))->message,
             QStringLiteral("Cookie a sent: SameSite=Lax by default on a cross-site top-level GET"));
    notes = jar.set("http://example.com/", "x=1; Secure");
    QCOMPARE(notes.at(0).message, QStringLiteral("Cookie x rejected: Secure cookie from an insecure origin"));
}

// curl 7.88.1 (measured on loopback): no SameSite, SameSite=None without Secure kept, the header ordered by
// path, domain and name length.
void TestTraceCookies::curlRules()
{
    Jar jar(CookieRules::Curl);
    jar.set("http://127.0.0.1/set", "sec=1; Secure");
    jar.set("http://127.0.0.1/set", "plain=1");
    jar.set("http://127.0.0.1/set", "__Secure-s=1; Secure");
    jar.set("http://127.0.0.1/set", "__Host-h=1; Secure; Path=/");
    jar.set("http://127.0.0.1/set", "nonenosec=1; SameSite=None");
    jar.set("http://127.0.0.1/set", "strict=1; SameSite=Strict");
    QCOMPARE(jar.send(request("http://127.0.0.1/check", "POST", false, true)),
             QByteArray("__Secure-s=1; nonenosec=1; __Host-h=1; strict=1; plain=1; sec=1"));
    // curl-cookie-engine-on: t (path /k) before s (path /).
    Jar second(CookieRules::Curl);
    second.set("http://127.0.0.1/k/1", "s=2; Path=/");
    second.set("http://127.0.0.1/k/1", "t=3");
    QCOMPARE(second.send("http://127.0.0.1/k/2"), QByteArray("t=3; s=2"));
}

// curl's secure context is https or the names localhost, 127.0.0.1 and ::1 (127.0.0.2 is not: measured).
void TestTraceCookies::curlSecureContext_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<bool>("stored");
    QTest::newRow("127.0.0.1") << QByteArray("http://127.0.0.1/") << true;
    QTest::newRow("localhost") << QByteArray("http://localhost/") << true;
    QTest::newRow("::1") << QByteArray("http://[::1]/") << true;
    QTest::newRow("127.0.0.2") << QByteArray("http://127.0.0.2/") << false;
    QTest::newRow("https") << QByteArray("https://example.com/") << true;
    QTest::newRow("http") << QByteArray("http://example.com/") << false;
}

void TestTraceCookies::curlSecureContext()
{
    QFETCH(QByteArray, origin);
    QFETCH(bool, stored);
    Jar jar(CookieRules::Curl);
    jar.set(origin.constData(), "s=1; Secure");
    QCOMPARE(jar.cookies.contents().size(), stored ? 1 : 0);
}

// Control characters in a Set-Cookie line, as Chromium 156 and curl 7.88.1 read them (measured on loopback: a
// server sending each line, then the Cookie header of the next request). No CR, LF or NUL is ever sent (found
// by the cookie fuzzer: a=b\rc went out as a Cookie header with a CR in it).
void TestTraceCookies::controlCharacters_data()
{
    QTest::addColumn<bool>("curl");
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<bool>("rejected");
    const auto row = [](const QByteArray &name, bool curl, const QByteArray &line, const char *sent,
                        bool rejected) {
        QTest::newRow(name.constData()) << curl << line << QByteArray(sent) << rejected;
    };
    for (const bool curl : {false, true}) {
        const QByteArray rules = curl ? "curl/" : "chromium/";
        row(rules + "CR ends the value", curl, "a=b\rc", "a=b", false);
        row(rules + "LF ends the value", curl, "a=b\nc=d", "a=b", false);
        row(rules + "NUL in the value", curl, QByteArray("n=x\0y", 5), "", true);
        row(rules + "DEL in the value", curl, "d=x\x7fy", "", true);
        row(rules + "control in the name", curl, "n\x01m=1", "", true);
        row(rules + "tab inside the value", curl, "t=x\ty", "", true);
        row(rules + "tab inside the name", curl, "t\tn=1", "", true);
        row(rules + "tabs around the value", curl, "te=\tx\t", "te=x", false);
        row(rules + "tab before an attribute", curl, "ta=1;\tPath=/", "ta=1", false);
    }
    // After a CR Chromium reads nothing more; curl still reads the attributes (here a path elsewhere).
    row("chromium/attributes after a CR", false, "cr=1\r; Path=/nope", "cr=1", false);
    row("curl/attributes after a CR", true, "cr=1\r; Path=/nope", "", false);
    // A control character in an attribute: the whole line ignored (Chromium), the cookie kept (curl).
    row("chromium/control in an attribute", false, "ua=1; Foo=\x01", "", true);
    row("curl/control in an attribute", true, "ua=1; Foo=\x01", "ua=1", false);
}

void TestTraceCookies::controlCharacters()
{
    QFETCH(bool, curl);
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, sent);
    QFETCH(bool, rejected);
    Jar jar(curl ? CookieRules::Curl : CookieRules::Chromium);
    const NoteList notes = jar.set("http://127.0.0.1/t3", line);
    QCOMPARE(jar.send("http://127.0.0.1/next/t3"), sent);
    QCOMPARE(notes.size(), 1);
    QCOMPARE(notes.first().is(NoteCode::CookieRejected), rejected);
}

QTEST_GUILESS_MAIN(TestTraceCookies)
#include "tst_tracecookies.moc"
