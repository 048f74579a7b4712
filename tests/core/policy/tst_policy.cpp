// The redirect decision, part 1: which statuses are followed, and the method, body and body headers of
// the next hop (shared/spec/redirect-semantics.md §1, §2, §3 "Missing / empty / several Location").
// Every expectation below is written out from the spec's tables, not computed from the policy code.
#include "core/policy/policy.h"

#include <QTest>

#include <algorithm>

using namespace Rwb;

Q_DECLARE_METATYPE(Rwb::Profile)

namespace {

const QUrl kStart(QStringLiteral("http://a.example/form"));
const QUrl kNext(QStringLiteral("http://a.example/next"));

// How the first request was made. The labels read as curl options where curl makes a difference.
struct Sent {
    const char *label;
    const char *method;
    bool custom;  // RequestSpec::customMethod (curl -X)
    bool body;
};
const Sent kGet{"GET", "GET", false, false};
const Sent kHead{"HEAD", "HEAD", false, false};
const Sent kPost{"POST", "POST", false, true};  // curl -d
const Sent kPut{"PUT", "PUT", false, true};     // curl -T
const Sent kDelete{"DELETE", "DELETE", false, true};
const Sent kXPutData{"-X PUT -d", "PUT", true, true};
const Sent kXPostData{"-X POST -d", "POST", true, true};
const Sent kXPost{"-X POST", "POST", true, false};
const Sent kXDelete{"-X DELETE", "DELETE", true, false};
const Sent kAll[] = {kGet, kHead, kPost, kPut, kDelete, kXPutData, kXPostData, kXPost, kXDelete};

// The headers that describe a body, all set on every request of the table (Content-Length with a body).
const QByteArrayList kBodyHeaders{"Content-Type",     "Content-Encoding", "Content-Language",
                                  "Content-Location", "Content-Length",   "Origin"};

// Which of them a profile removes when the next hop has no body (spec §2): Fetch's request-body-header
// names plus Chromium's Content-Length and Origin; curl keeps a user-set Content-Type (observed) and
// every other header; strict clears every body header (the Qt note of §2), Origin is not one.
QByteArrayList removedBodyHeaders(Profile p)
{
    switch (p) {
    case Profile::Browser:
        return kBodyHeaders;
    case Profile::Curl:
        return {"Content-Length"};
    case Profile::Strict:
        return {"Content-Type", "Content-Encoding", "Content-Language", "Content-Location", "Content-Length"};
    }
    return {};
}

enum class Post30x { Off, On, Both };

struct Expect {
    const char *next;  // method of the next hop; nullptr: the response is final
    bool bodyKept;
    bool bodyHeadersRemoved;
    const char *notes;  // exactly these codes of kMethodNotes, in order
};
const QStringList kMethodNotes{QStringLiteral("not-followed"),   QStringLiteral("method-changed"),
                               QStringLiteral("method-kept"),    QStringLiteral("body-dropped"),
                               QStringLiteral("header-removed"), QStringLiteral("redirect")};

// Shorthands for the expectations that recur ("" as the next method: the method sent).
const Expect kFinalNotFollowed{nullptr, false, false, "not-followed"};
const Expect kFinal{nullptr, false, false, ""};
const Expect kSame{"", true, false, "redirect"};
// Method and body kept where a note says why: 307/308, and a POST no browser-style rewrite touched.
const Expect kSameWithBody307{"", true, false, "method-kept redirect"};
const Expect kToGet{"GET", false, true, "method-changed body-dropped header-removed redirect"};
const Expect kToGetNoBody{"GET", false, true, "method-changed header-removed redirect"};
const Expect kKeepMethodDropBody{"", false, true, "method-kept body-dropped header-removed redirect"};

QStringList codes(const char *notes)
{
    return QString::fromLatin1(notes).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QStringList methodNoteCodes(const NoteList &notes)
{
    QStringList out;
    for (const Note &n : notes) {
        if (kMethodNotes.contains(n.code))
            out << n.code;
    }
    return out;
}

RequestSpec makeRequest(const Sent &s)
{
    RequestSpec r;
    r.method = s.method;
    r.customMethod = s.custom;
    r.url = kStart;
    r.headers = {{"Accept", "*/*"},
                 {"Authorization", "Bearer same-origin"},
                 {"Content-Type", "text/plain"},
                 {"Content-Encoding", "identity"},
                 {"Content-Language", "en"},
                 {"Content-Location", "/doc"},
                 {"Origin", "http://a.example"}};
    if (s.body) {
        r.body = QByteArrayLiteral("x=1");
        r.headers.append(HeaderPair("Content-Length", "3"));
    }
    return r;
}

QString kindName(Decision::Kind k)
{
    switch (k) {
    case Decision::Kind::Final:
        return QStringLiteral("final");
    case Decision::Kind::Follow:
        return QStringLiteral("follow");
    case Decision::Kind::Stop:
        return QStringLiteral("stop");
    }
    return {};
}

void addRow(Profile p, int status, const Sent &s, Post30x post, const Expect &e)
{
    const QList<bool> keeps =
        post == Post30x::Both ? QList<bool>{false, true} : QList<bool>{post == Post30x::On};
    for (bool keep : keeps) {
        const QByteArray next = e.next == nullptr ? QByteArray()
                                : *e.next         ? QByteArray(e.next)
                                                  : QByteArray(s.method);
        const QByteArray name = profileName(p).toLatin1() + '/' + QByteArray::number(status) + '/' + s.label
                                + "->" + (e.next == nullptr ? QByteArray("final") : next)
                                + (keep ? " --post30x" : "");
        QTest::newRow(name.constData())
            << p << status << QString::fromLatin1(s.label) << keep << (e.next != nullptr) << next
            << e.bodyKept << e.bodyHeadersRemoved << codes(e.notes);
    }
}

void addAll(Profile p, std::initializer_list<int> statuses, Post30x post, const Expect &e)
{
    for (int status : statuses) {
        for (const Sent &s : kAll)
            addRow(p, status, s, post, e);
    }
}

// 307/308 keep method and body for every profile (§2, last row).
void add307and308(Profile p)
{
    for (int status : {307, 308}) {
        for (const Sent &s : kAll)
            addRow(p, status, s, Post30x::Both, s.body ? kSameWithBody307 : kSame);
    }
}

}  // namespace

class TestPolicy : public QObject
{
    Q_OBJECT

private slots:
    void methodAndBody_data();
    void methodAndBody();
    void formBodyContentTypeGoesWithBody_data();
    void formBodyContentTypeGoesWithBody();
    void locationPresence_data();
    void locationPresence();
    void redirectStatusSets();
};

void TestPolicy::methodAndBody_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("sent");
    QTest::addColumn<bool>("keepPost");
    QTest::addColumn<bool>("follows");
    QTest::addColumn<QByteArray>("nextMethod");
    QTest::addColumn<bool>("bodyKept");
    QTest::addColumn<bool>("bodyHeadersRemoved");
    QTest::addColumn<QStringList>("notes");

    // --- browser: the Fetch / Chromium column. keepPostOn30x is a curl option and changes nothing. ---
    const Profile b = Profile::Browser;
    addAll(b, {300, 304, 305, 306}, Post30x::Both, kFinalNotFollowed);  // §1: final
    addAll(b, {200, 404}, Post30x::Both, kFinal);
    for (int st : {301, 302}) {  // §2: POST becomes GET; every other method kept, with its body
        for (const Sent &s : {kGet, kHead, kPut, kDelete, kXPutData, kXDelete})
            addRow(b, st, s, Post30x::Both, kSame);
        addRow(b, st, kPost, Post30x::Both, kToGet);
        addRow(b, st, kXPostData, Post30x::Both, kToGet);
        addRow(b, st, kXPost, Post30x::Both, kToGetNoBody);  // body headers go even with no body
    }
    for (const Sent &s : {kGet, kHead})  // §2: 303 turns every method but GET/HEAD into GET
        addRow(b, 303, s, Post30x::Both, kSame);
    for (const Sent &s : {kPost, kPut, kDelete, kXPutData, kXPostData})
        addRow(b, 303, s, Post30x::Both, kToGet);
    for (const Sent &s : {kXPost, kXDelete})
        addRow(b, 303, s, Post30x::Both, kToGetNoBody);
    add307and308(b);

    // --- strict: RFC 9110 with no optional rewrites (301/302 MAY change POST: not done). ---
    const Profile s = Profile::Strict;
    addAll(s, {300, 304, 305, 306}, Post30x::Both, kFinalNotFollowed);  // 300: MAY follow, not done
    addAll(s, {200, 404}, Post30x::Both, kFinal);
    for (int st : {301, 302}) {  // POST kept with its body, and a note says why
        for (const Sent &x : kAll)
            addRow(s, st, x, Post30x::Both,
                   x.body && QByteArray(x.method) == "POST" ? kSameWithBody307 : kSame);
    }
    for (const Sent &x : {kGet, kHead})  // §15.4.4: a 303 is retrieved with GET (or HEAD)
        addRow(s, 303, x, Post30x::Both, kSame);
    for (const Sent &x : {kPost, kPut, kDelete, kXPutData, kXPostData})
        addRow(s, 303, x, Post30x::Both, kToGet);
    for (const Sent &x : {kXPost, kXDelete})
        addRow(s, 303, x, Post30x::Both, kToGetNoBody);
    add307and308(s);

    // --- curl -L: any 3xx with a Location; -d POST becomes GET on 301/302/303 unless --post30x; -X M
    // keeps M (a body given with -d makes curl's request a POST, so it goes); -T PUT only changes on 303. ---
    const Profile c = Profile::Curl;
    addAll(c, {300, 304, 305, 306}, Post30x::Both, kSame);  // §1: followed (observed)
    addAll(c, {200, 404}, Post30x::Both, kFinal);
    for (int st : {301, 302}) {
        for (const Sent &x : {kGet, kHead, kPut, kDelete, kXPost, kXDelete})
            addRow(c, st, x, Post30x::Both, kSame);
        addRow(c, st, kPost, Post30x::Off, kToGet);
        addRow(c, st, kPost, Post30x::On, kSameWithBody307);
        addRow(c, st, kXPutData, Post30x::Off, kKeepMethodDropBody);  // observed: PUT without body
        addRow(c, st, kXPutData, Post30x::On, kSame);
        addRow(c, st, kXPostData, Post30x::Off, kKeepMethodDropBody);
        addRow(c, st, kXPostData, Post30x::On, kSameWithBody307);
    }
    for (const Sent &x : {kGet, kHead, kXPost, kXDelete})  // -I stays HEAD; -X without -d: no change
        addRow(c, 303, x, Post30x::Both, kSame);
    for (const Sent &x : {kPut, kDelete})  // not a POST: --post303 does not apply
        addRow(c, 303, x, Post30x::Both, kToGet);
    addRow(c, 303, kPost, Post30x::Off, kToGet);
    addRow(c, 303, kPost, Post30x::On, kSameWithBody307);
    addRow(c, 303, kXPutData, Post30x::Off, kKeepMethodDropBody);  // observed: PUT stays PUT
    addRow(c, 303, kXPutData, Post30x::On, kSame);                 // observed with --post303: body kept
    addRow(c, 303, kXPostData, Post30x::Off, kKeepMethodDropBody);
    addRow(c, 303, kXPostData, Post30x::On, kSameWithBody307);
    add307and308(c);
}

void TestPolicy::methodAndBody()
{
    QFETCH(Profile, profile);
    QFETCH(int, status);
    QFETCH(QString, sent);
    QFETCH(bool, keepPost);
    QFETCH(bool, follows);
    QFETCH(QByteArray, nextMethod);
    QFETCH(bool, bodyKept);
    QFETCH(bool, bodyHeadersRemoved);
    QFETCH(QStringList, notes);

    const Sent *how = std::find_if(std::begin(kAll), std::end(kAll),
                                   [&](const Sent &s) { return sent == QLatin1String(s.label); });
    QVERIFY(how != std::end(kAll));
    Options options;
    options.profile = profile;
    options.keepPostOn30x = keepPost;
    const RequestSpec request = makeRequest(*how);
    ChainContext context;
    context.initialRequest = request;
    context.addSent(requestKey(request));

    const Decision d = decideRedirect(options, context, request, status, {{"Location", "/next"}});
    QCOMPARE(methodNoteCodes(d.notes), notes);
    if (!follows) {
        QCOMPARE(kindName(d.kind), QStringLiteral("final"));
        return;
    }
    QCOMPARE(kindName(d.kind), QStringLiteral("follow"));
    QCOMPARE(d.next.url, kNext);
    QCOMPARE(d.next.method, nextMethod);
    QCOMPARE(d.next.customMethod, how->custom);
    QCOMPARE(d.next.body, bodyKept ? request.body : QByteArray());
    const QByteArrayList removable = bodyHeadersRemoved ? removedBodyHeaders(profile) : QByteArrayList();
    for (const QByteArray &h : kBodyHeaders) {
        const bool expected = hasHeader(request.headers, h) && !removable.contains(h);
        if (hasHeader(d.next.headers, h) != expected)
            QFAIL(qPrintable(QStringLiteral("%1 %2 on the next hop")
                                 .arg(QString::fromLatin1(h),
                                      expected ? QStringLiteral("missing") : QStringLiteral("still there"))));
    }
    // Headers that do not describe the body, and same-origin credentials, always go on.
    QCOMPARE(headerValue(d.next.headers, "Accept"), QByteArrayLiteral("*/*"));
    QCOMPARE(headerValue(d.next.headers, "Authorization"), QByteArrayLiteral("Bearer same-origin"));
}

// RequestSpec::formBody is the Content-Type the client generates for form data (curl -d, an HTML form):
// it goes with the body, and stays when the body stays.
void TestPolicy::formBodyContentTypeGoesWithBody_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("nextMethod");
    QTest::addColumn<bool>("formBody");

    QTest::newRow("browser/302/POST->GET") << Profile::Browser << 302 << QByteArray("GET") << false;
    QTest::newRow("browser/303/POST->GET") << Profile::Browser << 303 << QByteArray("GET") << false;
    QTest::newRow("browser/307/POST->POST") << Profile::Browser << 307 << QByteArray("POST") << true;
    QTest::newRow("curl/302/POST->GET") << Profile::Curl << 302 << QByteArray("GET") << false;
    QTest::newRow("curl/303/POST->GET") << Profile::Curl << 303 << QByteArray("GET") << false;
    QTest::newRow("curl/308/POST->POST") << Profile::Curl << 308 << QByteArray("POST") << true;
    QTest::newRow("strict/302/POST->POST") << Profile::Strict << 302 << QByteArray("POST") << true;
    QTest::newRow("strict/303/POST->GET") << Profile::Strict << 303 << QByteArray("GET") << false;
}

void TestPolicy::formBodyContentTypeGoesWithBody()
{
    QFETCH(Profile, profile);
    QFETCH(int, status);
    QFETCH(QByteArray, nextMethod);
    QFETCH(bool, formBody);

    Options options;
    options.profile = profile;
    RequestSpec request;
    request.method = QByteArrayLiteral("POST");
    request.url = kStart;
    request.body = QByteArrayLiteral("a=1&b=2");
    request.formBody = true;  // no Content-Type header: the generated one
    ChainContext context;
    context.initialRequest = request;
    const Decision d = decideRedirect(options, context, request, status, {{"Location", "/next"}});
    QCOMPARE(kindName(d.kind), QStringLiteral("follow"));
    QCOMPARE(d.next.method, nextMethod);
    QCOMPARE(d.next.formBody, formBody);
    QCOMPARE(d.next.body.isEmpty(), !formBody);
    QVERIFY(!hasHeader(d.next.headers, "Content-Type"));
}

// §3: a 3xx without Location, with an empty one, or with several.
void TestPolicy::locationPresence_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArrayList>("locations");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("nextUrl");
    QTest::addColumn<QStringList>("notes");  // must be present

    const QStringList missing{QStringLiteral("location-missing")};
    const QStringList empty{QStringLiteral("location-empty")};
    for (Profile p : allProfiles()) {
        const QByteArray n = profileName(p).toLatin1();
        for (int st : {301, 302, 303, 307, 308}) {
            QTest::addRow("%s/%d/no-Location->final", n.constData(), st)
                << p << st << QByteArrayList() << QStringLiteral("final") << QString() << missing;
        }
        QTest::addRow("%s/302/empty-Location->final", n.constData())
            << p << 302 << QByteArrayList{""} << QStringLiteral("final") << QString() << empty;
        QTest::addRow("%s/302/blank-Location->final", n.constData())
            << p << 302 << QByteArrayList{"   "} << QStringLiteral("final") << QString() << empty;
        QTest::addRow("%s/302/identical-duplicates->follow", n.constData())
            << p << 302 << QByteArrayList{"/same", "/same"} << QStringLiteral("follow")
            << QStringLiteral("http://a.example/same") << QStringList{QStringLiteral("redirect")};
        QTest::addRow("%s/200/Location-ignored->final", n.constData())
            << p << 200 << QByteArrayList{"/elsewhere"} << QStringLiteral("final") << QString()
            << QStringList();
    }
    // Fetch and Chromium fail (ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION); curl 7.88 uses the first.
    const QStringList multipleStop{QStringLiteral("location-multiple"), QStringLiteral("invalid-location")};
    QTest::newRow("browser/302/two-different->invalid-location")
        << Profile::Browser << 302 << QByteArrayList{"/one", "/two"} << QStringLiteral("invalid-location")
        << QString() << multipleStop;
    QTest::newRow("strict/302/two-different->invalid-location")
        << Profile::Strict << 302 << QByteArrayList{"/one", "/two"} << QStringLiteral("invalid-location")
        << QString() << multipleStop;
    QTest::newRow("curl/302/two-different->first")
        << Profile::Curl << 302 << QByteArrayList{"/one", "/two"} << QStringLiteral("follow")
        << QStringLiteral("http://a.example/one")
        << QStringList{QStringLiteral("location-multiple"), QStringLiteral("redirect")};
    QTest::newRow("strict/302/raw-space->invalid-location")
        << Profile::Strict << 302 << QByteArrayList{"/a b"} << QStringLiteral("invalid-location") << QString()
        << QStringList{QStringLiteral("invalid-location")};
    QTest::newRow("curl/302/control-char->invalid-location")
        << Profile::Curl << 302 << QByteArrayList{"/a\tb"} << QStringLiteral("invalid-location") << QString()
        << QStringList{QStringLiteral("invalid-location")};
}

void TestPolicy::locationPresence()
{
    QFETCH(Profile, profile);
    QFETCH(int, status);
    QFETCH(QByteArrayList, locations);
    QFETCH(QString, kind);
    QFETCH(QString, nextUrl);
    QFETCH(QStringList, notes);

    Options options;
    options.profile = profile;
    RequestSpec request;
    request.url = kStart;
    ChainContext context;
    context.initialRequest = request;
    HeaderList headers{HeaderPair("Content-Length", "0")};
    for (const QByteArray &l : locations)
        headers.append({"Location", l});
    const Decision d = decideRedirect(options, context, request, status, headers);
    if (d.kind == Decision::Kind::Stop)
        QCOMPARE(outcomeKindName(d.outcome), kind);
    else
        QCOMPARE(kindName(d.kind), kind);
    if (!nextUrl.isEmpty())
        QCOMPARE(d.next.url.toString(), nextUrl);
    for (const QString &code : notes)
        QVERIFY2(hasNote(d.notes, code), qPrintable(code));
    if (notes.isEmpty())
        QVERIFY(d.notes.isEmpty());
    if (locations.size() == 2 && locations.at(0) == locations.at(1))
        QVERIFY(!hasNote(d.notes, QStringLiteral("location-multiple")) || profile == Profile::Curl);
}

// §1 as a predicate: which statuses each profile treats as redirects.
void TestPolicy::redirectStatusSets()
{
    const QList<int> all{200, 300, 301, 302, 303, 304, 305, 306, 307, 308, 399, 400, 404};
    const QList<int> fetch{301, 302, 303, 307, 308};
    for (int st : all) {
        QCOMPARE(isRedirectStatus(Profile::Browser, st), fetch.contains(st));
        QCOMPARE(isRedirectStatus(Profile::Strict, st), fetch.contains(st));
        QCOMPARE(isRedirectStatus(Profile::Curl, st), st >= 300 && st <= 399);  // observed: 300..306, 399
    }
}

QTEST_GUILESS_MAIN(TestPolicy)
#include "tst_policy.moc"
