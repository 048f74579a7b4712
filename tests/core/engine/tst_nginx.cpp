// The engine against a real server nobody on this team wrote: Debian's nginx (nginx-light), started by
// the test on a free 127.0.0.1 port with a generated configuration. Its echo location answers with the
// method, body length, content type, Authorization and Cookie that reached it, so the assertions read
// what went on the wire.
#include "support/enginerunner.h"
#include "support/nginxprocess.h"

using namespace Rwb;
using namespace Rwb::Test;

namespace {

// The server block: a chain of every redirect status, POST forms, a cookie, another origin, an echo.
QByteArray nginxServer(quint16 port)
{
    const QByteArray p = QByteArray::number(port);
    return "  absolute_redirect off;\n"
           "  server {\n"
           "    listen 127.0.0.1:"
           + p
           + ";\n"
             "    location = /a { return 301 /b; }\n"
             "    location = /b { return 302 /c; }\n"
             "    location = /c { return 307 /d; }\n"
             "    location = /d { return 308 /echo; }\n"
             "    location = /form-301 { return 301 /echo; }\n"
             "    location = /form-302 { return 302 /echo; }\n"
             "    location = /form-303 { return 303 /echo; }\n"
             "    location = /form-307 { return 307 /echo; }\n"
             "    location = /form-308 { return 308 /echo; }\n"
             "    location = /login { add_header Set-Cookie \"sid=n9; Path=/\" always; return 302 /echo; }\n"
             "    location = /away { return 302 http://localhost:"
           + p
           + "/echo; }\n"
             "    location = /two-locations { add_header Location /elsewhere always; return 302 /echo; }\n"
             "    location = /loop { return 302 /loop; }\n"
             "    location = /echo {\n"
             "      default_type text/plain;\n"
             "      return 200 "
             "\"$request_method|$content_length|$content_type|$http_authorization|$http_cookie\";\n"
             "    }\n"
             "  }\n";
}

struct Echo {
    QByteArray method, contentLength, contentType, authorization, cookie;
};

Echo parseEcho(const Hop &hop)
{
    const QList<QByteArray> f = hop.response ? hop.response->bodyPreview.split('|') : QList<QByteArray>();
    if (f.size() != 5)
        return {};
    return {f.at(0), f.at(1), f.at(2), f.at(3), f.at(4)};
}

}  // namespace

class tst_Nginx : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void chainOfEveryRedirectStatus_data();
    void chainOfEveryRedirectStatus();
    void postAcrossRedirect_data();
    void postAcrossRedirect();
    void cookieFromRedirect_data();
    void cookieFromRedirect();
    void authorizationToAnotherOrigin_data();
    void authorizationToAnotherOrigin();
    void twoLocationHeaders_data();
    void twoLocationHeaders();
    void selfLoop();

private:
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }
    static void profiles();

    NginxProcess m_nginx;
    quint16 m_port = 0;
};

void tst_Nginx::initTestCase()
{
    m_port = NginxProcess::freePort();
    QString error;
    QVERIFY2(m_nginx.start(nginxServer(m_port), {m_port}, &error), qPrintable(error));
}

void tst_Nginx::cleanupTestCase()
{
    m_nginx.stop();
}

void tst_Nginx::profiles()
{
    QTest::addColumn<int>("profile");
}

void tst_Nginx::chainOfEveryRedirectStatus_data()
{
    profiles();
    for (Profile p : allProfiles())
        QTest::newRow(qPrintable(profileName(p))) << int(p);
}

void tst_Nginx::chainOfEveryRedirectStatus()
{
    QFETCH(int, profile);
    Engine engine;
    QVERIFY(runToEnd(engine, request(url(QStringLiteral("/a"))), profileOptions(Profile(profile))));
    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::Final);
    QList<int> statuses;
    for (const Hop &h : t.hops)
        statuses << (h.response ? h.response->status : 0);
    QCOMPARE(statuses, (QList<int>{301, 302, 307, 308, 200}));
    QCOMPARE(t.hops.at(3).response->location, url(QStringLiteral("/echo")));
    QCOMPARE(parseEcho(t.hops.last()).method, QByteArray("GET"));
    QCOMPARE(headerValue(t.hops.at(0).response->headers, "Server").left(5), QByteArray("nginx"));
}

void tst_Nginx::postAcrossRedirect_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("expectMethod");
    const QByteArray post("POST"), get("GET");
    const QList<QPair<int, QList<QByteArray>>> rows{
        // status: expected method at the echo for browser, curl, strict (spec §2)
        {301, {get, get, post}},
        {302, {get, get, post}},
        {303, {get, get, get}},
        {307, {post, post, post}},
        {308, {post, post, post}}};
    for (const auto &row : rows) {
        for (Profile p : allProfiles()) {
            QTest::addRow("%s/%d", qPrintable(profileName(p)), row.first)
                << int(p) << row.first << row.second.at(int(p));
        }
    }
}

void tst_Nginx::postAcrossRedirect()
{
    QFETCH(int, profile);
    QFETCH(int, status);
    QFETCH(QByteArray, expectMethod);
    RequestSpec spec = request(url(QStringLiteral("/form-%1").arg(status)), "POST", "a=1");
    spec.formBody = true;
    Engine engine;
    QVERIFY(runToEnd(engine, spec, profileOptions(Profile(profile))));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Final);
    QCOMPARE(engine.trace().hops.size(), 2);
    const Echo echo = parseEcho(engine.trace().hops.at(1));
    QCOMPARE(echo.method, expectMethod);
    if (expectMethod == "POST") {
        QCOMPARE(echo.contentLength, QByteArray("3"));
        QCOMPARE(echo.contentType, QByteArray("application/x-www-form-urlencoded"));
    } else {
        QCOMPARE(echo.contentLength, QByteArray());
        QCOMPARE(echo.contentType, QByteArray());
    }
}

void tst_Nginx::cookieFromRedirect_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<QByteArray>("expectCookie");
    QTest::newRow("browser") << int(Profile::Browser) << QByteArray("sid=n9");
    QTest::newRow("curl") << int(Profile::Curl) << QByteArray();
    QTest::newRow("strict") << int(Profile::Strict) << QByteArray();
}

void tst_Nginx::cookieFromRedirect()
{
    QFETCH(int, profile);
    QFETCH(QByteArray, expectCookie);
    Engine engine;
    QVERIFY(runToEnd(engine, request(url(QStringLiteral("/login"))), profileOptions(Profile(profile))));
    QCOMPARE(headerValue(engine.trace().hops.at(0).response->headers, "Set-Cookie"),
             QByteArray("sid=n9; Path=/"));
    QCOMPARE(parseEcho(engine.trace().hops.at(1)).cookie, expectCookie);
}

void tst_Nginx::authorizationToAnotherOrigin_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<bool>("trusted");
    QTest::addColumn<QByteArray>("expectAuthorization");
    for (Profile p : allProfiles()) {
        QTest::addRow("%s", qPrintable(profileName(p))) << int(p) << false << QByteArray();
        QTest::addRow("%s/trusted", qPrintable(profileName(p))) << int(p) << true << QByteArray("Bearer t");
    }
}

void tst_Nginx::authorizationToAnotherOrigin()
{
    QFETCH(int, profile);
    QFETCH(bool, trusted);
    QFETCH(QByteArray, expectAuthorization);
    Options o = profileOptions(Profile(profile));
    o.locationTrusted = trusted;
    Engine engine;
    QVERIFY(runToEnd(engine,
                     request(url(QStringLiteral("/away")), "GET", {}, {{"Authorization", "Bearer t"}}), o));
    QCOMPARE(engine.trace().hops.size(), 2);
    QCOMPARE(engine.trace().hops.at(1).request.url.host(), QStringLiteral("localhost"));
    QCOMPARE(parseEcho(engine.trace().hops.at(1)).authorization, expectAuthorization);
}

void tst_Nginx::twoLocationHeaders_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<int>("expectOutcome");
    QTest::newRow("browser: error") << int(Profile::Browser) << int(OutcomeKind::InvalidLocation);
    QTest::newRow("strict: error") << int(Profile::Strict) << int(OutcomeKind::InvalidLocation);
    QTest::newRow("curl: first one") << int(Profile::Curl) << int(OutcomeKind::Final);
}

void tst_Nginx::twoLocationHeaders()
{
    QFETCH(int, profile);
    QFETCH(int, expectOutcome);
    Engine engine;
    QVERIFY(
        runToEnd(engine, request(url(QStringLiteral("/two-locations"))), profileOptions(Profile(profile))));
    const QList<QByteArray> locations = headerValues(engine.trace().hops.at(0).response->headers, "Location");
    QCOMPARE(locations.size(), 2);
    QVERIFY(locations.contains("/elsewhere"));
    QCOMPARE(int(engine.trace().outcome.kind), expectOutcome);
    if (expectOutcome == int(OutcomeKind::Final))
        QCOMPARE(engine.trace().hops.at(1).request.url.path(), QString::fromLatin1(locations.first()));
}

void tst_Nginx::selfLoop()
{
    Engine engine;
    QVERIFY(runToEnd(engine, request(url(QStringLiteral("/loop"))), profileOptions(Profile::Browser)));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::Loop);
    QCOMPARE(engine.trace().outcome.repeatsHop, 0);
    Options o = profileOptions(Profile::Curl);
    o.loopDetect = false;
    QVERIFY(runToEnd(engine, request(url(QStringLiteral("/loop"))), o));
    QCOMPARE(engine.trace().outcome.kind, OutcomeKind::TooManyRedirects);
    QCOMPARE(engine.trace().hops.size(), 51);
}

QTEST_GUILESS_MAIN(tst_Nginx)
#include "tst_nginx.moc"
