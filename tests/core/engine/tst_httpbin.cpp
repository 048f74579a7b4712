// Integration tests of Rwb::Engine against a server nobody on this team wrote: Debian's python3-httpbin,
// started on a free loopback port. Every assertion about what a profile did is read back from httpbin's
// echo (what reached the server); the engine's own record is then checked against that echo.
#include "core/engine/engine.h"
#include "support/waitforport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <algorithm>

using namespace Rwb;

Q_DECLARE_METATYPE(Rwb::Profile)
Q_DECLARE_METATYPE(Rwb::OutcomeKind)

namespace {

const QByteArray kBearer = QByteArrayLiteral("Bearer t0ken-from-the-caller");

Options withProfile(Profile profile)
{
    Options options;
    options.profile = profile;
    return options;
}

QJsonObject parseEcho(const Hop &hop)
{
    return hop.response ? QJsonDocument::fromJson(hop.response->bodyPreview).object() : QJsonObject();
}

QString echoHeader(const QJsonObject &echoHeaders, QLatin1String name)
{
    for (auto it = echoHeaders.begin(); it != echoHeaders.end(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.value().toString();
    }
    return QString();  // null: absent
}

}  // namespace

// Starts a trace and waits for Engine::finished (a macro: QTRY_* must run in the test function).
#define RUN_TRACE(engine, spec, options)                                                                     \
    do {                                                                                                     \
        QSignalSpy finishedSpy_(&(engine), &Rwb::Engine::finished);                                          \
        (engine).start((spec), (options));                                                                   \
        QTRY_VERIFY_WITH_TIMEOUT(finishedSpy_.count() == 1, 10000);                                          \
        QVERIFY(!(engine).isRunning());                                                                      \
    } while (false)

// The engine's recorded request headers of `hop` must be exactly what httpbin echoes (names compared
// case-insensitively: httpbin title-cases them).
#define CHECK_RECORDED_MATCHES_ECHO(hop, echoHeaders)                                                        \
    do {                                                                                                     \
        compareWithEcho((hop).request, (echoHeaders));                                                       \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

class TestHttpbin : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void redirectChains_data();
    void redirectChains();
    void methodAndBody_data();
    void methodAndBody();
    void cookies_data();
    void cookies();
    void authorization_data();
    void authorization();
    void redirectLimit_data();
    void redirectLimit();
    void statusCodes_data();
    void statusCodes();
    void duplicateResponseHeaders_data();
    void duplicateResponseHeaders();

private:
    QUrl url(const QString &pathAndQuery, const QString &host = QStringLiteral("127.0.0.1")) const
    {
        return QUrl(QStringLiteral("http://%1:%2%3").arg(host).arg(m_port).arg(pathAndQuery),
                    QUrl::StrictMode);
    }
    // HOST/redirect-to?url=TARGET[&status_code=S], TARGET percent-encoded.
    QUrl redirectTo(const QString &target, int status = 0,
                    const QString &host = QStringLiteral("127.0.0.1")) const
    {
        QString q =
            QStringLiteral("/redirect-to?url=") + QString::fromLatin1(QUrl::toPercentEncoding(target));
        if (status)
            q += QStringLiteral("&status_code=%1").arg(status);
        return url(q, host);
    }
    void compareWithEcho(const WireRequest &recorded, const QJsonObject &echoHeaders);

    QProcess m_server;
    quint16 m_port = 0;
};

void TestHttpbin::initTestCase()
{
    const QString python = QStringLiteral("/usr/bin/python3");
    QProcess probe;
    probe.setProcessChannelMode(QProcess::MergedChannels);
    probe.start(python, {QStringLiteral("-c"), QStringLiteral("import httpbin.core")});
    const bool imported =
        probe.waitForFinished(30000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
    if (!imported) {
        const QByteArray why = probe.error() == QProcess::FailedToStart
                                   ? QByteArrayLiteral("cannot run /usr/bin/python3")
                                   : probe.readAll().trimmed();
        QFAIL(qPrintable(QStringLiteral("/usr/bin/python3 cannot import httpbin: install the Debian package "
                                        "python3-httpbin (apt-get install python3-httpbin). %1")
                             .arg(QString::fromLocal8Bit(why))));
    }

    QTcpServer portFinder;
    QVERIFY(portFinder.listen(QHostAddress::LocalHost, 0));
    m_port = portFinder.serverPort();
    portFinder.close();

    m_server.setProcessChannelMode(QProcess::MergedChannels);
    m_server.start(python, {QStringLiteral("-m"), QStringLiteral("httpbin.core"), QStringLiteral("--port"),
                            QString::number(m_port)});
    QVERIFY2(m_server.waitForStarted(5000), qPrintable(m_server.errorString()));
    const bool up = Rwb::Test::waitForPort(m_port, m_server, 15000);
    QVERIFY2(up, qPrintable(QStringLiteral("httpbin did not answer on port %1 within 15 s: %2")
                                .arg(m_port)
                                .arg(QString::fromLocal8Bit(m_server.readAll()))));
}

void TestHttpbin::cleanupTestCase()
{
    m_server.kill();  // the process this test started, by its own handle
    m_server.waitForFinished(5000);
}

void TestHttpbin::compareWithEcho(const WireRequest &recorded, const QJsonObject &echoHeaders)
{
    QVERIFY2(!echoHeaders.isEmpty(), "httpbin echoed no headers");
    for (const HeaderPair &h : recorded.headers) {
        const QString echoed = echoHeader(echoHeaders, QLatin1String(h.first));
        QVERIFY2(!echoed.isNull(), qPrintable(QStringLiteral("recorded header %1 did not reach httpbin")
                                                  .arg(QString::fromLatin1(h.first))));
        QCOMPARE(echoed, QString::fromLatin1(headerValue(recorded.headers, h.first)));
    }
    QStringList unrecorded;
    for (auto it = echoHeaders.begin(); it != echoHeaders.end(); ++it) {
        if (!hasHeader(recorded.headers, it.key().toLatin1()))
            unrecorded << it.key() + QLatin1String(": ") + it.value().toString();
    }
    QVERIFY2(unrecorded.isEmpty(),
             qPrintable(unrecorded.join(QLatin1String("; ")) + QLatin1String(" reached httpbin unrecorded")));
}

void TestHttpbin::redirectChains_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("n");
    for (Profile p : allProfiles()) {
        for (const char *kind : {"redirect", "relative-redirect", "absolute-redirect"}) {
            for (int n : {1, 4}) {
                QTest::addRow("%s %s/%d", qPrintable(profileName(p)), kind, n)
                    << p << QString::fromLatin1(kind) << n;
            }
        }
    }
}

void TestHttpbin::redirectChains()
{
    QFETCH(Profile, profile);
    QFETCH(QString, kind);
    QFETCH(int, n);
    RequestSpec spec;
    spec.url = url(QStringLiteral("/%1/%2").arg(kind).arg(n));
    Options options = withProfile(profile);
    Engine engine;
    RUN_TRACE(engine, spec, options);

    const Trace &t = engine.trace();
    QCOMPARE(t.hops.size(), n + 1);
    const auto followed = std::count_if(t.hops.cbegin(), t.hops.cend(), [](const Hop &h) {
        return h.response && !h.response->location.isEmpty();
    });
    QCOMPARE(followed, n);
    for (int i = 0; i < n; ++i) {
        const Hop &hop = t.hops.at(i);
        QVERIFY(hop.response);
        QCOMPARE(hop.response->status, 302);
        const QByteArray location = headerValue(hop.response->headers, "Location");
        QVERIFY(!location.isEmpty());
        // absolute-redirect sends absolute URLs; the others relative ones (werkzeug 2.1+ keeps them so).
        QCOMPARE(location.startsWith("http://"), kind == QLatin1String("absolute-redirect"));
        QCOMPARE(hop.response->location, t.hops.at(i + 1).request.url);
        QCOMPARE(hop.request.method, QByteArrayLiteral("GET"));
    }
    const Hop &last = t.hops.last();
    QVERIFY(last.response);
    QCOMPARE(last.response->status, 200);
    QCOMPARE(last.request.url, url(QStringLiteral("/get")));
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    QCOMPARE(t.outcome.finalStatus, 200);
    QCOMPARE(t.outcome.finalUrl, url(QStringLiteral("/get")));
    const QJsonObject echo = parseEcho(last);
    QCOMPARE(echo.value(QLatin1String("url")).toString(), url(QStringLiteral("/get")).toString());
    CHECK_RECORDED_MATCHES_ECHO(last, echo.value(QLatin1String("headers")).toObject());
}

void TestHttpbin::methodAndBody_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("customMethod");  // curl -X
    QTest::addColumn<bool>(
        "form");  // curl -d: a generated form Content-Type instead of a user-set text/plain
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("expectedMethod");
    QTest::addColumn<bool>("expectBody");
    QTest::addColumn<QString>("expectedContentType");  // null: absent

    const QByteArray post = "POST", get = "GET", put = "PUT";
    const QString text = QStringLiteral("text/plain"),
                  formType = QStringLiteral("application/x-www-form-urlencoded");
    const QString none;
    const Profile b = Profile::Browser, c = Profile::Curl, s = Profile::Strict;
    // Fetch: POST to GET on 301/302, every method but GET/HEAD to GET on 303; body headers go with the body.
    QTest::newRow("browser 301") << b << post << false << false << 301 << get << false << none;
    QTest::newRow("browser 302") << b << post << false << false << 302 << get << false << none;
    QTest::newRow("browser 303") << b << post << false << false << 303 << get << false << none;
    QTest::newRow("browser 307") << b << post << false << false << 307 << post << true << text;
    QTest::newRow("browser 308") << b << post << false << false << 308 << post << true << text;
    QTest::newRow("browser 303 form") << b << post << false << true << 303 << get << false << none;
    QTest::newRow("browser 301 PUT kept") << b << put << false << false << 301 << put << true << text;
    QTest::newRow("browser 303 PUT") << b << put << false << false << 303 << get << false << none;
    // curl: POST becomes GET on 301/302/303 but a user-set Content-Type stays (observed); -X is kept.
    QTest::newRow("curl 301") << c << post << false << false << 301 << get << false << text;
    QTest::newRow("curl 302") << c << post << false << false << 302 << get << false << text;
    QTest::newRow("curl 303") << c << post << false << false << 303 << get << false << text;
    QTest::newRow("curl 307") << c << post << false << false << 307 << post << true << text;
    QTest::newRow("curl 308") << c << post << false << false << 308 << post << true << text;
    QTest::newRow("curl 302 form") << c << post << false << true << 302 << get << false << none;
    QTest::newRow("curl 307 form") << c << post << false << true << 307 << post << true << formType;
    QTest::newRow("curl 303 -X PUT") << c << put << true << false << 303 << put << false << text;
    // RFC 9110 without optional rewrites: only 303 changes the method.
    QTest::newRow("strict 301") << s << post << false << false << 301 << post << true << text;
    QTest::newRow("strict 302") << s << post << false << false << 302 << post << true << text;
    QTest::newRow("strict 303") << s << post << false << false << 303 << get << false << none;
    QTest::newRow("strict 307") << s << post << false << false << 307 << post << true << text;
    QTest::newRow("strict 308") << s << post << false << false << 308 << post << true << text;
    QTest::newRow("strict 308 form") << s << post << false << true << 308 << post << true << formType;
}

void TestHttpbin::methodAndBody()
{
    QFETCH(Profile, profile);
    QFETCH(QByteArray, method);
    QFETCH(bool, customMethod);
    QFETCH(bool, form);
    QFETCH(int, status);
    QFETCH(QByteArray, expectedMethod);
    QFETCH(bool, expectBody);
    QFETCH(QString, expectedContentType);

    RequestSpec spec;
    spec.method = method;
    spec.customMethod = customMethod;
    spec.url = redirectTo(QStringLiteral("/anything"), status);
    spec.formBody = form;
    spec.body = form ? QByteArrayLiteral("a=1&b=two") : QByteArrayLiteral("hello, redirected world");
    if (!form)
        spec.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain")});
    Options options = withProfile(profile);
    Engine engine;
    RUN_TRACE(engine, spec, options);

    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    QCOMPARE(t.hops.size(), 2);
    QCOMPARE(t.hops.first().response->status, status);
    QCOMPARE(t.hops.first().request.method, method);
    const QJsonObject echo = parseEcho(t.hops.last());
    QCOMPARE(t.outcome.finalStatus, 200);
    const QJsonObject headers = echo.value(QLatin1String("headers")).toObject();

    // What reached httpbin on the last hop.
    QCOMPARE(echo.value(QLatin1String("method")).toString(), QString::fromLatin1(expectedMethod));
    QCOMPARE(echoHeader(headers, QLatin1String("Content-Type")), expectedContentType);
    if (form) {
        const QJsonObject expectedForm = expectBody
                                             ? QJsonObject{{QStringLiteral("a"), QStringLiteral("1")},
                                                           {QStringLiteral("b"), QStringLiteral("two")}}
                                             : QJsonObject();
        QCOMPARE(echo.value(QLatin1String("form")).toObject(), expectedForm);
    } else {
        QCOMPARE(echo.value(QLatin1String("data")).toString().toUtf8(),
                 expectBody ? spec.body : QByteArray());
    }
    const QString contentLength = echoHeader(headers, QLatin1String("Content-Length"));
    if (expectBody)
        QCOMPARE(contentLength, QString::number(spec.body.size()));
    else
        QVERIFY2(contentLength.isNull() || contentLength == QLatin1String("0"), qPrintable(contentLength));
    QCOMPARE(hasNote(t.hops.first().notes, QStringLiteral("body-dropped")), !expectBody);
    // The engine's record agrees with the wire.
    QCOMPARE(t.hops.last().request.method, expectedMethod);
    QCOMPARE(t.hops.last().request.bodySize(), expectBody ? spec.body.size() : 0);
    CHECK_RECORDED_MATCHES_ECHO(t.hops.last(), headers);
}

void TestHttpbin::cookies_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<int>("jar");  // -1: the profile's default, 0 off, 1 on
    QTest::addColumn<bool>("sentBack");
    QTest::newRow("browser default") << Profile::Browser << -1 << true;
    QTest::newRow("curl default") << Profile::Curl << -1 << false;
    QTest::newRow("strict default") << Profile::Strict << -1 << false;
    QTest::newRow("curl --cookies") << Profile::Curl << 1 << true;
    QTest::newRow("browser --no-cookies") << Profile::Browser << 0 << false;
}

void TestHttpbin::cookies()
{
    QFETCH(Profile, profile);
    QFETCH(int, jar);
    QFETCH(bool, sentBack);
    RequestSpec spec;
    spec.url = url(QStringLiteral("/cookies/set?flavour=oatmeal"));  // a 302 to /cookies with Set-Cookie
    Options options = withProfile(profile);
    if (jar >= 0)
        options.cookieJar = jar == 1;
    Engine engine;
    RUN_TRACE(engine, spec, options);

    const Trace &t = engine.trace();
    QCOMPARE(t.hops.size(), 2);
    QCOMPARE(t.hops.first().response->status, 302);
    QVERIFY(hasHeader(t.hops.first().response->headers, "Set-Cookie"));
    QCOMPARE(t.hops.last().request.url, url(QStringLiteral("/cookies")));
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    const QJsonObject echoed = parseEcho(t.hops.last()).value(QLatin1String("cookies")).toObject();
    const QJsonObject expected =
        sentBack ? QJsonObject{{QStringLiteral("flavour"), QStringLiteral("oatmeal")}} : QJsonObject();
    QCOMPARE(echoed, expected);
    QCOMPARE(headerValue(t.hops.last().request.headers, "Cookie"),
             sentBack ? QByteArrayLiteral("flavour=oatmeal") : QByteArray());
    QCOMPARE(hasNote(t.hops.first().notes, QStringLiteral("cookie-stored")), sentBack);
}

void TestHttpbin::authorization_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QString>("route");
    QTest::addColumn<bool>("trusted");
    QTest::addColumn<bool>("kept");
    for (Profile p : allProfiles()) {
        const QByteArray n = profileName(p).toLatin1();
        QTest::addRow("%s same-origin", n.constData()) << p << QStringLiteral("same") << false << true;
        QTest::addRow("%s same-origin absolute", n.constData())
            << p << QStringLiteral("same-abs") << false << true;
        QTest::addRow("%s cross-origin", n.constData()) << p << QStringLiteral("cross") << false << false;
        QTest::addRow("%s cross-origin trusted", n.constData())
            << p << QStringLiteral("cross") << true << true;
    }
    // A to B to A: curl sends credentials to the first origin again; Fetch never restores them.
    QTest::newRow("curl back to first origin") << Profile::Curl << QStringLiteral("back") << false << true;
    QTest::newRow("browser back to first origin")
        << Profile::Browser << QStringLiteral("back") << false << false;
}

void TestHttpbin::authorization()
{
    QFETCH(Profile, profile);
    QFETCH(QString, route);
    QFETCH(bool, trusted);
    QFETCH(bool, kept);
    const QString local = QStringLiteral("localhost");
    RequestSpec spec;
    int expectedHops = 2;
    if (route == QLatin1String("same")) {
        spec.url = redirectTo(QStringLiteral("/headers"));
    } else if (route == QLatin1String("same-abs")) {
        spec.url = redirectTo(url(QStringLiteral("/headers")).toString());
    } else if (route == QLatin1String("cross")) {
        spec.url = redirectTo(url(QStringLiteral("/headers"), local).toString());
    } else {  // 127.0.0.1 -> localhost -> 127.0.0.1
        spec.url = redirectTo(redirectTo(url(QStringLiteral("/headers")).toString(), 0, local).toString());
        expectedHops = 3;
    }
    spec.headers.append({QByteArrayLiteral("Authorization"), kBearer});
    Options options = withProfile(profile);
    options.locationTrusted = trusted;
    Engine engine;
    RUN_TRACE(engine, spec, options);

    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    QCOMPARE(t.hops.size(), expectedHops);
    QCOMPARE(headerValue(t.hops.first().request.headers, "Authorization"), kBearer);
    const QJsonObject headers = parseEcho(t.hops.last()).value(QLatin1String("headers")).toObject();
    QCOMPARE(echoHeader(headers, QLatin1String("Host")),
             (route == QLatin1String("cross") ? local : QStringLiteral("127.0.0.1")) + QLatin1Char(':')
                 + QString::number(m_port));
    QCOMPARE(echoHeader(headers, QLatin1String("Authorization")),
             kept ? QString::fromLatin1(kBearer) : QString());
    if (!kept && route != QLatin1String("back"))
        QVERIFY(hasNote(t.hops.first().notes, QStringLiteral("credentials-removed")));
    CHECK_RECORDED_MATCHES_ECHO(t.hops.last(), headers);
}

void TestHttpbin::redirectLimit_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<int>("maxRedirects");  // -1: the profile's own
    QTest::addColumn<int>("n");
    QTest::addColumn<OutcomeKind>("outcome");
    QTest::addColumn<int>("hops");
    QTest::newRow("browser 25") << Profile::Browser << -1 << 25 << OutcomeKind::TooManyRedirects << 21;
    QTest::newRow("browser 20 is allowed") << Profile::Browser << -1 << 20 << OutcomeKind::Final << 21;
    QTest::newRow("strict 25") << Profile::Strict << -1 << 25 << OutcomeKind::TooManyRedirects << 21;
    QTest::newRow("curl 25") << Profile::Curl << -1 << 25 << OutcomeKind::Final << 26;
    QTest::newRow("curl max 3") << Profile::Curl << 3 << 5 << OutcomeKind::TooManyRedirects << 4;
    QTest::newRow("browser max 0") << Profile::Browser << 0 << 2 << OutcomeKind::TooManyRedirects << 1;
}

void TestHttpbin::redirectLimit()
{
    QFETCH(Profile, profile);
    QFETCH(int, maxRedirects);
    QFETCH(int, n);
    QFETCH(OutcomeKind, outcome);
    QFETCH(int, hops);
    RequestSpec spec;
    spec.url = url(QStringLiteral("/redirect/%1").arg(n));
    Options options = withProfile(profile);
    if (maxRedirects >= 0)
        options.maxRedirects = maxRedirects;
    Engine engine;
    RUN_TRACE(engine, spec, options);

    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, outcome);
    QCOMPARE(t.hops.size(), hops);
    for (const Hop &hop : t.hops)
        QVERIFY2(hop.response, qPrintable(QStringLiteral("hop %1 got no response").arg(hop.index)));
    if (outcome == OutcomeKind::Final) {
        QCOMPARE(t.outcome.finalStatus, 200);
        QCOMPARE(t.hops.last().request.url, url(QStringLiteral("/get")));
    } else {
        // The last hop's redirect was received but not followed.
        QCOMPARE(t.hops.last().response->status, 302);
        QVERIFY(hasNote(t.hops.last().notes, QStringLiteral("too-many-redirects")));
    }
}

void TestHttpbin::statusCodes_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("hops");
    QTest::addColumn<int>("finalStatus");
    for (Profile p : allProfiles()) {
        const QByteArray n = profileName(p).toLatin1();
        for (int code : {200, 204, 304, 401, 404, 407, 418, 500, 503})
            QTest::addRow("%s %d", n.constData(), code) << p << code << 1 << code;
        // httpbin answers /status/302 with Location: /redirect/1, which goes on to /get.
        QTest::addRow("%s 302", n.constData()) << p << 302 << 3 << 200;
        // 305 Use Proxy: only curl follows it.
        QTest::addRow("%s 305", n.constData())
            << p << 305 << (p == Profile::Curl ? 3 : 1) << (p == Profile::Curl ? 200 : 305);
    }
}

void TestHttpbin::statusCodes()
{
    QFETCH(Profile, profile);
    QFETCH(int, code);
    QFETCH(int, hops);
    QFETCH(int, finalStatus);
    RequestSpec spec;
    spec.url = url(QStringLiteral("/status/%1").arg(code));
    Options options = withProfile(profile);
    Engine engine;
    RUN_TRACE(engine, spec, options);

    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    QCOMPARE(t.hops.size(), hops);
    QVERIFY(t.hops.first().response);
    QCOMPARE(t.hops.first().response->status, code);
    QVERIFY(!t.hops.first().response->reason.isEmpty());
    QCOMPARE(t.outcome.finalStatus, finalStatus);
    if (code == 418)
        QVERIFY(t.hops.first().response->bodyPreview.contains("teapot"));
}

void TestHttpbin::duplicateResponseHeaders_data()
{
    QTest::addColumn<Profile>("profile");
    for (Profile p : allProfiles())
        QTest::newRow(qPrintable(profileName(p))) << p;
}

void TestHttpbin::duplicateResponseHeaders()
{
    // /response-headers repeats each query key as its own header line (checked against its JSON body).
    QFETCH(Profile, profile);
    RequestSpec spec;
    spec.url = url(QStringLiteral("/response-headers?Set-Cookie=a%3D1&Set-Cookie=b%3D2&X-Dup=one&X-Dup=two"
                                  "&Location=/first&Location=/second"));
    Options options = withProfile(profile);
    Engine engine;
    RUN_TRACE(engine, spec, options);

    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    QCOMPARE(t.hops.size(), 1);  // a 200: its Location is not followed
    const HeaderList &h = t.hops.first().response->headers;
    const QJsonObject echo = parseEcho(t.hops.first());
    QCOMPARE(echo.value(QLatin1String("Location")).toVariant().toStringList(),
             QStringList({QStringLiteral("/first"), QStringLiteral("/second")}));
    QCOMPARE(headerValues(h, "Set-Cookie"), QList<QByteArray>({"a=1", "b=2"}));
    const QList<QByteArray> dup = headerValues(h, "X-Dup");
    // Plain-http heads are read through HeaderTap: every line as it came.
    QCOMPARE(dup, QList<QByteArray>({"one", "two"}));
    // The trace format: one pair per header line, at least for Set-Cookie and Location.
    QCOMPARE(headerValues(h, "Location"), QList<QByteArray>({"/first", "/second"}));
}

QTEST_GUILESS_MAIN(TestHttpbin)
#include "tst_httpbin.moc"
