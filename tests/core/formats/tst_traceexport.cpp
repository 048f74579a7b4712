// Trace exports: redaction, the five formats, HAR checked by the npm package har-validator (installed by
// scripts/test.sh into tests/har), the curl script run with sh against the in-process ScriptedServer, and
// the HAR import.
#include "core/formats/traceexport.h"

#include "core/formats/harexport.h"
#include "core/formats/harimport.h"
#include "core/formats/tracejson.h"
#include "support/scriptedserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Rwb;
using Rwb::Test::ReceivedRequest;
using Rwb::Test::ScriptedServer;

namespace {

const QString kSourceDir = QStringLiteral(RWB_SOURCE_DIR);

QDateTime startTime()
{
    return QDateTime(QDate(2026, 11, 21), QTime(10, 0, 0, 250), Qt::UTC);
}

WireResponse response(int status, const QByteArray &reason, const HeaderList &headers,
                      const QByteArray &body = {})
{
    WireResponse r;
    r.status = status;
    r.reason = reason;
    r.httpVersion = "1.1";
    r.headers = headers;
    r.bodyPreview = body;
    r.bodySize = body.size();
    return r;
}

Hop hop(int index, const QByteArray &method, const QString &url, const HeaderList &headers, double startMs,
        double durationMs)
{
    Hop h;
    h.index = index;
    h.request.method = method;
    h.request.url = QUrl(url);
    h.request.headers = headers;
    h.timing.startMs = startMs;
    h.timing.responseMs = startMs + durationMs * 0.75;
    h.timing.endMs = startMs + durationMs;
    return h;
}

Trace finish(Trace t, const QString &message)
{
    t.profile = QStringLiteral("browser");
    t.startedAt = startTime();
    const Hop &last = t.hops.constLast();
    t.outcome.kind = last.response ? OutcomeKind::Final : OutcomeKind::NetworkError;
    t.outcome.message = message;
    t.outcome.finalUrl = last.request.url;
    t.outcome.finalStatus = last.response ? last.response->status : 0;
    return t;
}

Trace plainGetTrace()
{
    Trace t;
    Hop h = hop(0, "GET", QStringLiteral("http://a.test/index.html?page=2"),
                {{"Host", "a.test"}, {"User-Agent", "rwb"}, {"Accept", "*/*"}}, 0, 3.5);
    h.response = response(200, "OK", {{"Content-Type", "text/html; charset=utf-8"}, {"Content-Length", "17"}},
                          "<p>hello</p>\n<p>");
    t.hops = {h};
    return finish(t, QStringLiteral("200 OK after 0 redirects"));
}

// POST (form with a password) -> 302 with Set-Cookie and a token in the Location -> GET with the cookie.
Trace postRedirectTrace()
{
    Trace t;
    Hop h0 = hop(0, "POST", QStringLiteral("http://a.test/login?next=%2Fhome&api_key=K3Y-abc"),
                 {{"Host", "a.test"},
                  {"User-Agent", "rwb"},
                  {"Accept", "*/*"},
                  {"Authorization", "Bearer eyJhbGciOi.secretpart"},
                  {"Content-Type", "application/x-www-form-urlencoded"},
                  {"Content-Length", "37"}},
                 0, 4);
    h0.request.body = "user=alice&password=hunter2&remember=1";
    h0.response = response(
        302, "Found",
        {{"Location", "/home?token=tok-12345&lang=en"},
         {"Set-Cookie", "sid=abc123xyz; Path=/; HttpOnly"},
         {"Set-Cookie", "pref=dark; Path=/; Domain=a.test; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Secure"},
         {"Content-Length", "0"}});
    h0.response->location = QUrl(QStringLiteral("http://a.test/home?token=tok-12345&lang=en"));
    h0.notes = {{QStringLiteral("method-changed"), QStringLiteral("POST became GET")},
                {QStringLiteral("cookie-stored"), QStringLiteral("Cookie sid stored (value abc123xyz)")}};
    Hop h1 = hop(1, "GET", QStringLiteral("http://a.test/home?token=tok-12345&lang=en"),
                 {{"Host", "a.test"},
                  {"User-Agent", "rwb"},
                  {"Accept", "*/*"},
                  {"Cookie", "sid=abc123xyz; pref=dark"},
                  {"Referer", "http://a.test/login?next=%2Fhome&api_key=K3Y-abc"}},
                 4.5, 2);
    h1.response = response(200, "OK", {{"Content-Type", "text/plain"}}, "welcome");
    h1.notes = {{QStringLiteral("cookie-sent"), QStringLiteral("Cookie sid sent")}};
    t.hops = {h0, h1};
    return finish(t, QStringLiteral("200 OK after 1 redirect"));
}

Trace crossOriginTrace()
{
    Trace t;
    Hop h0 = hop(0, "GET", QStringLiteral("https://a.test/start"),
                 {{"Host", "a.test"}, {"Authorization", "Basic dXNlcjpwYXNzd29yZA=="}}, 0, 10);
    h0.response = response(301, "Moved Permanently", {{"Location", "https://b.test/land?sig=s1g2n3"}});
    h0.response->location = QUrl(QStringLiteral("https://b.test/land?sig=s1g2n3"));
    h0.tls.used = true;
    h0.tls.protocol = QStringLiteral("TLSv1.3");
    Hop h1 = hop(1, "GET", QStringLiteral("https://b.test/land?sig=s1g2n3"), {{"Host", "b.test"}}, 11, 5);
    h1.notes = {{QStringLiteral("credentials-removed"),
                 QStringLiteral("Authorization removed: b.test is another origin")}};
    h1.response = response(200, "OK", {{"Content-Type", "text/plain"}}, "landed");
    t.hops = {h0, h1};
    return finish(t, QStringLiteral("200 OK after 1 redirect"));
}

Trace errorTrace()
{
    Trace t;
    Hop h0 = hop(0, "GET", QStringLiteral("http://a.test/slow"), {{"Host", "a.test"}}, 0, 2);
    h0.response = response(307, "Temporary Redirect", {{"Location", "http://c.test/never"}});
    h0.response->location = QUrl(QStringLiteral("http://c.test/never"));
    Hop h1 = hop(1, "GET", QStringLiteral("http://c.test/never"), {{"Host", "c.test"}}, 2.5, 30000);
    h1.timing.responseMs = -1;
    h1.error = HopError{QStringLiteral("timeout"), QStringLiteral("No response within 30 s")};
    t.hops = {h0, h1};
    return finish(t, QStringLiteral("Timeout after 30 s"));
}

Trace hstsTrace()
{
    Trace t;
    Hop h0 = hop(0, "GET", QStringLiteral("http://hsts.test/"), {{"Host", "hsts.test"}}, 0, 0);
    h0.synthetic = true;
    h0.response = response(307, "Internal Redirect",
                           {{"Location", "https://hsts.test/"}, {"Non-Authoritative-Reason", "HSTS"}});
    h0.response->location = QUrl(QStringLiteral("https://hsts.test/"));
    h0.notes = {{QStringLiteral("hsts-upgrade"), QStringLiteral("hsts.test is a known HSTS host")}};
    Hop h1 = hop(1, "GET", QStringLiteral("https://hsts.test/"), {{"Host", "hsts.test"}}, 0.1, 8);
    h1.tls.used = true;
    h1.tls.errors = {QStringLiteral("The certificate is self-signed, and untrusted")};
    h1.notes = {{QStringLiteral("tls-error-accepted"), QStringLiteral("TLS errors accepted (--insecure)")}};
    h1.response = response(200, "OK", {{"Content-Type", "text/plain"}}, "secure");
    t.hops = {h0, h1};
    return finish(t, QStringLiteral("200 OK after 1 redirect"));
}

const QByteArray kBinary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe\x80", 20);

Trace binaryBodyTrace()
{
    Trace t;
    Hop h = hop(0, "PUT", QStringLiteral("http://a.test/upload"),
                {{"Host", "a.test"}, {"Content-Type", "application/octet-stream"}}, 0, 1);
    h.request.body = kBinary;
    h.response = response(201, "Created", {{"Content-Type", "image/png"}}, kBinary);
    t.hops = {h};
    return finish(t, QStringLiteral("201 Created after 0 redirects"));
}

Trace truncatedTrace()
{
    Trace t;
    Hop h = hop(0, "GET", QStringLiteral("http://a.test/big"), {{"Host", "a.test"}}, 0, 50);
    h.response = response(200, "OK", {}, QByteArray(1024, 'z'));
    h.response->bodySize = 5000000;
    h.response->bodyTruncated = true;
    t.hops = {h};
    return finish(t, QStringLiteral("200 OK after 0 redirects"));
}

QList<QPair<QString, Trace>> namedTraces()
{
    return {
        {QStringLiteral("plain-get"), plainGetTrace()},
        {QStringLiteral("post-302-get"), postRedirectTrace()},
        {QStringLiteral("cross-origin"), crossOriginTrace()},
        {QStringLiteral("error-hop"), errorTrace()},
        {QStringLiteral("hsts-synthetic"), hstsTrace()},
        {QStringLiteral("binary-body"), binaryBodyTrace()},
        {QStringLiteral("truncated-body"), truncatedTrace()},
    };
}

QJsonObject harOf(const Trace &trace)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(traceToHar(trace), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "HAR does not parse:" << error.errorString();
    return doc.object().value(QLatin1String("log")).toObject();
}

QJsonObject entryOf(const Trace &trace, int i)
{
    return harOf(trace).value(QLatin1String("entries")).toArray().at(i).toObject();
}

QJsonObject get(const QJsonObject &o, const char *path)
{
    QJsonObject cur = o;
    for (const QByteArray &part : QByteArray(path).split('.'))
        cur = cur.value(QLatin1String(part)).toObject();
    return cur;
}

// Records of an RFC 4180 document (quoted fields may hold commas, quotes and line breaks).
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record.append(field);
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
            record.append(field);
            records.append(record);
            record.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !record.isEmpty()) {
        record.append(field);
        records.append(record);
    }
    return records;
}

// Cells of a GFM table row: split at pipes that no backslash escapes (the table's own rule).
QStringList tableCells(const QString &row)
{
    QStringList cells;
    QString cell;
    for (qsizetype i = 0; i < row.size(); ++i) {
        const QChar c = row.at(i);
        if (c == QLatin1Char('\\') && i + 1 < row.size() && row.at(i + 1) == QLatin1Char('|')) {
            cell += QLatin1String("\\|");
            ++i;
        } else if (c == QLatin1Char('|')) {
            cells.append(cell.trimmed());
            cell.clear();
        } else {
            cell += c;
        }
    }
    cells.append(cell.trimmed());
    // A row starts and ends with a pipe: the first and last pieces are empty.
    if (!cells.isEmpty() && cells.constFirst().isEmpty())
        cells.removeFirst();
    if (!cells.isEmpty() && cells.constLast().isEmpty())
        cells.removeLast();
    return cells;
}

// What a GFM renderer shows for a cell that is one code span: the fence removed, \| back to |.
QString codeSpanText(const QString &cell)
{
    qsizetype fence = 0;
    while (fence < cell.size() && cell.at(fence) == QLatin1Char('`'))
        ++fence;
    QString inner = cell.mid(fence, cell.size() - 2 * fence);
    if (inner.size() >= 2 && inner.startsWith(QLatin1Char(' ')) && inner.endsWith(QLatin1Char(' ')))
        inner = inner.mid(1, inner.size() - 2);
    inner.replace(QLatin1String("\\|"), QLatin1String("|"));
    return inner;
}

struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs a program while the event loop keeps running (ScriptedServer lives on it).
ProcessResult run(const QString &program, const QStringList &arguments, const QString &home = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *proxy :
         {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"})
        env.remove(QLatin1String(proxy));
    if (!home.isEmpty()) {
        env.insert(QStringLiteral("CURL_HOME"), home);
        env.insert(QStringLiteral("HOME"), home);
    }
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    // Debian's packaged Node.js modules (node-har-validator, the fallback of scripts/test.sh) live there.
    env.insert(QStringLiteral("NODE_PATH"), QStringLiteral("/usr/share/nodejs"));
    p.setProcessEnvironment(env);
    QSignalSpy done(&p, &QProcess::finished);
    p.start(program, arguments);
    if (!p.waitForStarted(5000) || !done.wait(60000))
        return {};
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QByteArray rawRequest(const WireRequest &r)
{
    QByteArray raw =
        r.method + ' ' + r.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority) + " HTTP/1.1\r\n";
    for (const HeaderPair &h : r.headers)
        raw += h.first + ": " + h.second + "\r\n";
    return raw + "\r\n" + r.body;
}

}  // namespace

class TestTraceExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatNames();
    void redact_headers_data();
    void redact_headers();
    void redact_queryParameters_data();
    void redact_queryParameters();
    void redact_everyUrlOfTheTrace();
    void redact_formBody_data();
    void redact_formBody();
    void redact_messages();
    void redact_echoedBodies();
    void redact_secretParameterNames_data();
    void redact_secretParameterNames();
    void redact_jsonBody();
    void redact_shortSecretsAsWords();
    void redact_everyFormat_data();
    void redact_everyFormat();
    void json_isTheTraceFormat();
    void csv_quoting();
    void csv_formulasAreText();
    void markdown_escaping();
    void curlScript_text();
    void curlScript_runsEachHop();
    void curlScript_binaryNeedsBash();
    void har_fields();
    void har_errorSyntheticBinaryTruncated();
    void har_stepThroughPause();
    void har_validatedByHarValidator();
    void har_validatorRejectsBrokenHar();
    void importHar_browserExport();
    void importHar_roundTrip_data();
    void importHar_roundTrip();
    void importHar_paramsOnly();
    void importHar_errors_data();
    void importHar_errors();

private:
    void runValidator(const QStringList &files, ProcessResult &result);
};

void TestTraceExport::formatNames()
{
    for (const ExportFormat f : {ExportFormat::Json, ExportFormat::Har, ExportFormat::Csv,
                                 ExportFormat::Markdown, ExportFormat::CurlScript}) {
        QVERIFY(exportFormatFromName(exportFormatName(f)) == f);
        QVERIFY(!exportTrace(plainGetTrace(), f).isEmpty());
        QVERIFY(exportTrace(plainGetTrace(), f).endsWith('\n'));
    }
    QCOMPARE(exportFormatName(ExportFormat::Markdown), QStringLiteral("md"));
    QCOMPARE(exportFormatName(ExportFormat::CurlScript), QStringLiteral("curl"));
    QCOMPARE(exportFormatSuffix(ExportFormat::CurlScript), QStringLiteral("sh"));
    QCOMPARE(exportFormatSuffix(ExportFormat::Har), QStringLiteral("har"));
    QVERIFY(!exportFormatFromName(QStringLiteral("xml")));
}

void TestTraceExport::redact_headers_data()
{
    QTest::addColumn<bool>("inResponse");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("redacted");
    QTest::newRow("authorization-bearer")
        << false << QByteArray("Authorization") << QByteArray("Bearer abc.def.ghi")
        << QByteArray("Bearer [redacted]");
    QTest::newRow("authorization-basic")
        << false << QByteArray("authorization") << QByteArray("Basic dXNlcjpwdw==")
        << QByteArray("Basic [redacted]");
    QTest::newRow("authorization-bare")
        << false << QByteArray("Authorization") << QByteArray("s3cr3t-token") << QByteArray("[redacted]");
    QTest::newRow("proxy-authorization")
        << false << QByteArray("Proxy-Authorization") << QByteArray("Basic cHJveHk6cHc=")
        << QByteArray("Basic [redacted]");
    QTest::newRow("cookie") << false << QByteArray("Cookie") << QByteArray("a=1; b=two;c=3")
                            << QByteArray("a=[redacted]; b=[redacted]; c=[redacted]");
    QTest::newRow("cookie-without-name") << false << QByteArray("COOKIE") << QByteArray("lonely; x=y")
                                         << QByteArray("[redacted]; x=[redacted]");
    QTest::newRow("referer-query") << false << QByteArray("Referer")
                                   << QByteArray("http://a.test/p?page=1&access_token=xyz")
                                   << QByteArray("http://a.test/p?page=1&access_token=[redacted]");
    // Issue 16: headers named like secrets.
    QTest::newRow("x-api-key") << false << QByteArray("X-Api-Key") << QByteArray("k-123")
                               << QByteArray("[redacted]");
    QTest::newRow("x-auth-token") << false << QByteArray("X-Auth-Token") << QByteArray("t 1")
                                  << QByteArray("[redacted]");
    QTest::newRow("x-amz-security-token")
        << false << QByteArray("X-Amz-Security-Token") << QByteArray("FQoG") << QByteArray("[redacted]");
    QTest::newRow("oauth-code-in-location")
        << true << QByteArray("Location") << QByteArray("https://app.test/cb?code=4/0Ab&state=xyz")
        << QByteArray("https://app.test/cb?code=[redacted]&state=xyz");
    QTest::newRow("url-inside-url")
        << true << QByteArray("Location")
        << QByteArray("/login?next=https%3A%2F%2Fa.test%2Fcb%3Ftoken%3Dsecret-987%26x%3D1")
        << QByteArray("/login?next=https%3A%2F%2Fa.test%2Fcb%3Ftoken%3D%5Bredacted%5D%26x%3D1");
    QTest::newRow("other-request-header")
        << false << QByteArray("X-Request-Id") << QByteArray("token=abc") << QByteArray("token=abc");
    QTest::newRow("set-cookie") << true << QByteArray("Set-Cookie") << QByteArray("sid=abc; Path=/; HttpOnly")
                                << QByteArray("sid=[redacted]; Path=/; HttpOnly");
    QTest::newRow("set-cookie-no-attributes")
        << true << QByteArray("set-cookie") << QByteArray("sid=abc") << QByteArray("sid=[redacted]");
    QTest::newRow("set-cookie-expires-kept")
        << true << QByteArray("Set-Cookie")
        << QByteArray("id=a3fWa; Expires=Thu, 31 Oct 2026 07:28:00 GMT; Secure; SameSite=Lax")
        << QByteArray("id=[redacted]; Expires=Thu, 31 Oct 2026 07:28:00 GMT; Secure; SameSite=Lax");
    QTest::newRow("location-relative") << true << QByteArray("Location") << QByteArray("/next?token=abc&x=1")
                                       << QByteArray("/next?token=[redacted]&x=1");
    QTest::newRow("location-fragment")
        << true << QByteArray("Location") << QByteArray("https://app.test/cb#access_token=at1&state=s")
        << QByteArray("https://app.test/cb#access_token=[redacted]&state=s");
    QTest::newRow("location-untouched-bytes")
        << true << QByteArray("Location") << QByteArray("/a b?q=%7e&Key2=1")
        << QByteArray("/a b?q=%7e&Key2=1");
    QTest::newRow("location-password")
        << true << QByteArray("Location") << QByteArray("ftp://user:pw123@files.test/x")
        << QByteArray("ftp://user:%5Bredacted%5D@files.test/x");
    QTest::newRow("content-location")
        << true << QByteArray("Content-Location") << QByteArray("/doc?signature=abcd")
        << QByteArray("/doc?signature=[redacted]");
    QTest::newRow("refresh") << true << QByteArray("Refresh") << QByteArray("5; url=/go?secret=xyz")
                             << QByteArray("5; url=/go?secret=[redacted]");
    QTest::newRow("www-authenticate-kept")
        << true << QByteArray("WWW-Authenticate") << QByteArray("Basic realm=\"x\"")
        << QByteArray("Basic realm=\"x\"");
}

void TestTraceExport::redact_headers()
{
    QFETCH(bool, inResponse);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, redacted);
    Trace t = plainGetTrace();
    HeaderList &headers = inResponse ? t.hops[0].response->headers : t.hops[0].request.headers;
    headers.append({name, value});
    const Trace r = redactTrace(t);
    const HeaderList &out = inResponse ? r.hops[0].response->headers : r.hops[0].request.headers;
    QCOMPARE(out.size(), headers.size());
    QCOMPARE(out.constLast(), HeaderPair(name, redacted));
    // The other headers stay as they were.
    QCOMPARE(out.mid(0, out.size() - 1), headers.mid(0, headers.size() - 1));

    // keepSecrets keeps them, in every format that shows all headers (the curl script: the request's).
    if (value == redacted)
        return;
    QList<ExportFormat> formats = {ExportFormat::Json, ExportFormat::Har};
    if (!inResponse)
        formats.append(ExportFormat::CurlScript);
    for (const ExportFormat f : formats) {
        ExportOptions keep;
        keep.keepSecrets = true;
        const QByteArray kept = exportTrace(t, f, keep);
        const QByteArray shared = exportTrace(t, f);
        QVERIFY2(!kept.contains("redacted"), qPrintable(exportFormatName(f)));
        QVERIFY2(shared.contains("[redacted]") || shared.contains("%5Bredacted%5D"),
                 qPrintable(exportFormatName(f)));
    }
}

void TestTraceExport::redact_queryParameters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("redacted");
    const QStringList secrets = {
        QStringLiteral("token"),     QStringLiteral("access_token"), QStringLiteral("refresh_token"),
        QStringLiteral("id_token"),  QStringLiteral("auth"),         QStringLiteral("key"),
        QStringLiteral("api_key"),   QStringLiteral("apikey"),       QStringLiteral("sig"),
        QStringLiteral("signature"), QStringLiteral("password"),     QStringLiteral("passwd"),
        QStringLiteral("pwd"),       QStringLiteral("secret"),       QStringLiteral("client_secret"),
        QStringLiteral("session"),   QStringLiteral("sessionid"),
    };
    for (const QString &name : secrets) {
        QTest::addRow("%s", qPrintable(name)) << QStringLiteral("a=1&%1=v4lue&b=2").arg(name)
                                              << QStringLiteral("a=1&%1=[redacted]&b=2").arg(name);
        QTest::addRow("%s-upper", qPrintable(name)) << QStringLiteral("%1=v4lue").arg(name.toUpper())
                                                    << QStringLiteral("%1=[redacted]").arg(name.toUpper());
    }
    // QUrl itself decodes percent-encoded unreserved characters.
    QTest::newRow("encoded-name") << QStringLiteral("%74oken=abc") << QStringLiteral("token=[redacted]");
    QTest::newRow("encoded-value") << QStringLiteral("sig=a%2Bb%3D&x=%41")
                                   << QStringLiteral("sig=[redacted]&x=A");
    QTest::newRow("repeated") << QStringLiteral("key=1&key=2&k=3")
                              << QStringLiteral("key=[redacted]&key=[redacted]&k=3");
    QTest::newRow("order-kept") << QStringLiteral("z=1&password=p&a=2&token=t&m=3")
                                << QStringLiteral("z=1&password=[redacted]&a=2&token=[redacted]&m=3");
    QTest::newRow("empty-value-kept") << QStringLiteral("token=&x=1") << QStringLiteral("token=&x=1");
    QTest::newRow("no-value-kept") << QStringLiteral("token&x=1") << QStringLiteral("token&x=1");
    QTest::newRow("similar-names-kept")
        << QStringLiteral("tokens=1&keyword=2&mysecret=3&page=4&session_ttl=5")
        << QStringLiteral("tokens=1&keyword=2&mysecret=3&page=4&session_ttl=5");
}

void TestTraceExport::redact_queryParameters()
{
    QFETCH(QString, query);
    QFETCH(QString, redacted);
    const QUrl url = QUrl::fromEncoded("http://a.test/p?" + query.toUtf8());
    QCOMPARE(QString::fromUtf8(redactUrl(url).toEncoded()), QStringLiteral("http://a.test/p?") + redacted);
    if (query == redacted)
        QCOMPARE(redactUrl(url).toEncoded(), url.toEncoded());
    QVERIFY(isSecretQueryParameter(u"Client_Secret"));
    QVERIFY(!isSecretQueryParameter(u"tokens"));
}

void TestTraceExport::redact_everyUrlOfTheTrace()
{
    const Trace r = redactTrace(postRedirectTrace());
    QCOMPARE(r.hops[0].request.url.toEncoded(),
             QByteArray("http://a.test/login?next=%2Fhome&api_key=[redacted]"));
    QCOMPARE(headerValue(r.hops[0].response->headers, "Location"),
             QByteArray("/home?token=[redacted]&lang=en"));
    QCOMPARE(r.hops[0].response->location.toEncoded(),
             QByteArray("http://a.test/home?token=[redacted]&lang=en"));
    QCOMPARE(r.hops[1].request.url.toEncoded(), QByteArray("http://a.test/home?token=[redacted]&lang=en"));
    QCOMPARE(headerValue(r.hops[1].request.headers, "Referer"),
             QByteArray("http://a.test/login?next=%2Fhome&api_key=[redacted]"));
    QCOMPARE(r.outcome.finalUrl.toEncoded(), QByteArray("http://a.test/home?token=[redacted]&lang=en"));
    // Nothing else changed.
    const Trace o = postRedirectTrace();
    QCOMPARE(r.hops.size(), o.hops.size());
    QCOMPARE(r.hops[1].response->bodyPreview, o.hops[1].response->bodyPreview);
    QCOMPARE(r.hops[0].request.method, o.hops[0].request.method);
    QCOMPARE(r.outcome.message, o.outcome.message);
    QCOMPARE(r.startedAt, o.startedAt);
}

void TestTraceExport::redact_formBody_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("redacted");
    const QByteArray form = "application/x-www-form-urlencoded";
    QTest::newRow("form") << form << QByteArray("user=bob&password=hunter2&remember=1")
                          << QByteArray("user=bob&password=[redacted]&remember=1");
    QTest::newRow("form-charset") << QByteArray("Application/X-WWW-Form-Urlencoded; charset=UTF-8")
                                  << QByteArray("client_secret=a+b%21&grant_type=client_credentials")
                                  << QByteArray("client_secret=[redacted]&grant_type=client_credentials");
    QTest::newRow("form-plus-in-name")
        << form << QByteArray("x=a+b&Refresh_Token=rt") << QByteArray("x=a+b&Refresh_Token=[redacted]");
    QTest::newRow("form-encoded-name")
        << form << QByteArray("p%61ssword=x1&a=%41")
        << QByteArray("password=[redacted]&a=A");  // QUrlQuery decodes unreserved characters
    QTest::newRow("form-no-secret-untouched")
        << form << QByteArray("q=a+b&n=%E2%9C%93") << QByteArray("q=a+b&n=%E2%9C%93");
    // Issue 16: JSON bodies too; one without a secret keeps its bytes (spacing included).
    QTest::newRow("json-redacted") << QByteArray("application/json") << QByteArray("{\"password\":\"x\"}")
                                   << QByteArray("{\"password\":\"[redacted]\"}");
    QTest::newRow("json-no-secret-untouched")
        << QByteArray("application/vnd.api+json") << QByteArray("{ \"q\" : \"x\",\n \"n\": 1 }")
        << QByteArray("{ \"q\" : \"x\",\n \"n\": 1 }");
    QTest::newRow("no-content-type-untouched")
        << QByteArray() << QByteArray("password=x") << QByteArray("password=x");
}

void TestTraceExport::redact_formBody()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, redacted);
    Trace t = plainGetTrace();
    t.hops[0].request.method = "POST";
    if (!contentType.isEmpty())
        t.hops[0].request.headers.append({"Content-Type", contentType});
    t.hops[0].request.body = body;
    QCOMPARE(redactTrace(t).hops[0].request.body, redacted);
}

void TestTraceExport::redact_messages()
{
    Trace t = postRedirectTrace();
    t.outcome.message = QStringLiteral("Ended at http://a.test/home?token=tok-12345&lang=en");
    t.hops[1].error = HopError{QStringLiteral("network"), QStringLiteral("reset after hunter2 was sent")};
    const Trace r = redactTrace(t);
    QCOMPARE(r.hops[0].notes[1].message, QStringLiteral("Cookie sid stored (value [redacted])"));
    QCOMPARE(r.hops[0].notes[0].message, QStringLiteral("POST became GET"));
    QCOMPARE(r.outcome.message, QStringLiteral("Ended at http://a.test/home?token=[redacted]&lang=en"));
    QCOMPARE(r.hops[1].error->message, QStringLiteral("reset after [redacted] was sent"));
}

// An echo service answers with the request's headers in its body: the secrets go from there too.
void TestTraceExport::redact_echoedBodies()
{
    Trace t = plainGetTrace();
    t.hops[0].request.headers.append(HeaderPair{"Authorization", "Bearer top-secret-token"});
    t.hops[0].response->bodyPreview = R"({"headers": {"Authorization": "Bearer top-secret-token"}})";
    t.hops[0].request.body = "note=top-secret-token";
    const Trace r = redactTrace(t);
    QCOMPARE(r.hops[0].response->bodyPreview,
             QByteArray(R"({"headers": {"Authorization": "Bearer [redacted]"}})"));
    QCOMPARE(r.hops[0].request.body, QByteArray("note=[redacted]"));
    QCOMPARE(r.hops[0].response->bodySize, t.hops[0].response->bodySize);  // the size as received
}

void TestTraceExport::redact_secretParameterNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("secret");
    for (const char *name : {"token", "api_token", "auth_token", "jwt", "private_token", "code",
                             "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token", "client_secret",
                             "PASSWORD", "apiKey", "x-api-key", "sig", "csrf_token"})
        QTest::newRow(name) << QString::fromLatin1(name) << true;
    for (const char *name : {"page", "q", "lang", "state", "redirect_uri", "Key2", "keyword", "codec"})
        QTest::newRow(name) << QString::fromLatin1(name) << false;
}

void TestTraceExport::redact_secretParameterNames()
{
    QFETCH(QString, name);
    QFETCH(bool, secret);
    QCOMPARE(isSecretQueryParameter(name), secret);
    // In a request URL: gone from the URL and from every format's output.
    Trace t = plainGetTrace();
    t.hops[0].request.url = QUrl(QStringLiteral("https://a.test/p?%1=v4lue-x&page=2").arg(name));
    const Trace r = redactTrace(t);
    QCOMPARE(r.hops[0].request.url.toString().contains(QLatin1String("v4lue-x")), !secret);
}

void TestTraceExport::redact_jsonBody()
{
    Trace t = plainGetTrace();
    t.hops[0].request.method = "POST";
    t.hops[0].request.headers.append(HeaderPair("Content-Type", "application/json; charset=utf-8"));
    t.hops[0].request.body =
        R"({"user": "ann", "password": "hunter22", "nested": {"api_key": "k-123456", "pin": 7}, "list": [{"token": "t-9"}]})";
    // The server echoes the body back.
    t.hops[0].response->bodyPreview = t.hops[0].request.body;
    const Trace r = redactTrace(t);
    const QJsonObject body = QJsonDocument::fromJson(r.hops[0].request.body).object();
    QCOMPARE(body.value(QLatin1String("user")).toString(), QStringLiteral("ann"));
    QCOMPARE(body.value(QLatin1String("password")).toString(), QStringLiteral("[redacted]"));
    QCOMPARE(body.value(QLatin1String("nested")).toObject().value(QLatin1String("api_key")).toString(),
             QStringLiteral("[redacted]"));
    QCOMPARE(
        body.value(QLatin1String("list")).toArray().at(0).toObject().value(QLatin1String("token")).toString(),
        QStringLiteral("[redacted]"));
    for (const QByteArray &secret : {QByteArray("hunter22"), QByteArray("k-123456"), QByteArray("t-9")}) {
        QVERIFY2(!r.hops[0].request.body.contains(secret), r.hops[0].request.body.constData());
        QVERIFY2(!r.hops[0].response->bodyPreview.contains(secret),
                 r.hops[0].response->bodyPreview.constData());
    }
    // Not JSON as declared: left as it is.
    t.hops[0].request.body = "{not json";
    QCOMPARE(redactTrace(t).hops[0].request.body, QByteArray("{not json"));
}

// A short secret (3 to 5 characters) echoed in a body or quoted in a message is blotted out where it
// stands as a word; the same letters inside other words stay.
void TestTraceExport::redact_shortSecretsAsWords()
{
    Trace t = plainGetTrace();
    t.hops[0].request.headers.append(HeaderPair{"Authorization", "Bearer ab1"});
    t.hops[0].response->bodyPreview = R"({"headers": {"Authorization": "Bearer ab1"}, "word": "tab1e"})";
    t.hops[0].notes.append({QStringLiteral("x"), QStringLiteral("sent ab1 to the server")});
    const Trace r = redactTrace(t);
    QCOMPARE(r.hops[0].response->bodyPreview,
             QByteArray(R"({"headers": {"Authorization": "Bearer [redacted]"}, "word": "tab1e"})"));
    QCOMPARE(r.hops[0].notes.constLast().message, QStringLiteral("sent [redacted] to the server"));
}

void TestTraceExport::redact_everyFormat_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QList<QByteArray>>("shown");  // secrets the format shows when they are kept
    const QList<QByteArray> all = {"K3Y-abc", "eyJhbGciOi.secretpart", "hunter2", "tok-12345", "abc123xyz",
                                   "dark"};
    const QList<QByteArray> urls = {"K3Y-abc", "tok-12345"};
    QTest::newRow("json") << int(ExportFormat::Json) << all;
    QTest::newRow("har") << int(ExportFormat::Har) << all;
    QTest::newRow("csv") << int(ExportFormat::Csv) << urls;
    QTest::newRow("md") << int(ExportFormat::Markdown) << urls;
    QTest::newRow("curl") << int(ExportFormat::CurlScript) << all;
}

void TestTraceExport::redact_everyFormat()
{
    QFETCH(int, format);
    QFETCH(QList<QByteArray>, shown);
    const auto f = ExportFormat(format);
    const QByteArray shared = exportTrace(postRedirectTrace(), f);
    ExportOptions keep;
    keep.keepSecrets = true;
    const QByteArray kept = exportTrace(postRedirectTrace(), f, keep);
    for (const QByteArray &secret : shown) {
        QVERIFY2(kept.contains(secret), secret.constData());
        QVERIFY2(!shared.contains(secret), secret.constData());
    }
    QVERIFY(shared.contains("[redacted]"));
    QVERIFY(!kept.contains("[redacted]"));
    // Names stay visible: which cookie, which parameter.
    QVERIFY(shared.contains("api_key=[redacted]"));
    if (f != ExportFormat::Csv && f != ExportFormat::Markdown) {
        QVERIFY(shared.contains("sid=[redacted]"));
        QVERIFY(shared.contains("Bearer [redacted]"));
    }
}

void TestTraceExport::json_isTheTraceFormat()
{
    const Trace t = crossOriginTrace();
    ExportOptions keep;
    keep.keepSecrets = true;
    QCOMPARE(exportTrace(t, ExportFormat::Json, keep), traceToJsonBytes(t));
    QCOMPARE(exportTrace(t, ExportFormat::Json), traceToJsonBytes(redactTrace(t)));
    const TraceLoadResult back = traceFromJson(exportTrace(t, ExportFormat::Json));
    QVERIFY2(back.trace, qPrintable(back.error));
    QCOMPARE(headerValue(back.trace->hops[0].request.headers, "Authorization"),
             QByteArray("Basic [redacted]"));
}

void TestTraceExport::csv_quoting()
{
    Trace t = postRedirectTrace();
    t.hops[0].response->reason = "Found, \"really\"\nmoved";
    t.hops[0].request.url = QUrl(QStringLiteral("http://a.test/a,b?x=1,2"));
    t.hops[1].via = HopVia::MetaRefresh;
    t.hops[1].refreshDelayMs = 1500;
    t.hops[1].error = HopError{QStringLiteral("network"), QStringLiteral("reset, then \"gone\"\r\nfor good")};
    const QByteArray csv = exportTrace(t, ExportFormat::Csv);
    QVERIFY(csv.startsWith("hop,via,method,url,status,reason,location,start_ms,duration_ms,notes,error\r\n"));
    QVERIFY(csv.endsWith("\r\n"));
    QVERIFY(csv.contains("\"Found, \"\"really\"\"\nmoved\""));

    const QList<QStringList> records = parseCsv(QString::fromUtf8(csv));
    QCOMPARE(records.size(), 3);
    for (const QStringList &r : records)
        QCOMPARE(r.size(), 11);
    QCOMPARE(records[0].join(QLatin1Char(',')),
             QStringLiteral("hop,via,method,url,status,reason,location,start_ms,duration_ms,notes,error"));
    QCOMPARE(records[1], (QStringList{QStringLiteral("0"), QStringLiteral("request"), QStringLiteral("POST"),
                                      QStringLiteral("http://a.test/a,b?x=1,2"), QStringLiteral("302"),
                                      QStringLiteral("Found, \"really\"\nmoved"),
                                      QStringLiteral("http://a.test/home?token=[redacted]&lang=en"),
                                      QStringLiteral("0.000"), QStringLiteral("4.000"),
                                      QStringLiteral("method-changed cookie-stored"), QString()}));
    QCOMPARE(records[2][1], QStringLiteral("meta-refresh"));
    QCOMPARE(records[2][4], QStringLiteral("200"));
    QCOMPARE(records[2][7], QStringLiteral("4.500"));
    QCOMPARE(records[2][8], QStringLiteral("2.000"));
    QCOMPARE(records[2][10], QStringLiteral("network: reset, then \"gone\"\r\nfor good"));

    // A hop without response: empty status and reason, the error filled in.
    const QList<QStringList> err = parseCsv(QString::fromUtf8(exportTrace(errorTrace(), ExportFormat::Csv)));
    QCOMPARE(err.size(), 3);
    QCOMPARE(err[2][4], QString());
    QCOMPARE(err[2][5], QString());
    QCOMPARE(err[2][10], QStringLiteral("timeout: No response within 30 s"));
}

// Issue 16: a Location or reason phrase chosen by the server never lands as a live formula in a spreadsheet.
void TestTraceExport::csv_formulasAreText()
{
    const QList<QByteArray> payloads = {
        "=HYPERLINK(\"http://evil.example/\",\"click\")",
        "+1+1",
        "-2+3",
        "@SUM(1+1)",
        "\t=1+1",
        "\r=1+1",
        "\n=1+1",
        " =1+1",
        "=cmd|' /C calc'!A0",
    };
    for (const QByteArray &payload : payloads) {
        Trace t = postRedirectTrace();
        t.hops[0].response->reason = payload;
        t.hops[0].response->location = QUrl();
        setHeader(t.hops[0].response->headers, "Location", payload);
        const QList<QStringList> records = parseCsv(QString::fromUtf8(exportTrace(t, ExportFormat::Csv)));
        QCOMPARE(records.size(), 3);
        for (const int column : {5, 6}) {  // reason, location
            const QString field = records[1][column];
            QVERIFY2(field == QLatin1Char('\'') + QString::fromUtf8(payload),
                     qPrintable(QStringLiteral("%1: %2").arg(column).arg(field)));
        }
    }
    // Ordinary text and numbers stay as they are.
    const QList<QStringList> plain =
        parseCsv(QString::fromUtf8(exportTrace(postRedirectTrace(), ExportFormat::Csv)));
    QCOMPARE(plain[1][5], QStringLiteral("Found"));
    QCOMPARE(plain[1][7], QStringLiteral("0.000"));
}

void TestTraceExport::markdown_escaping()
{
    Trace t = postRedirectTrace();
    // What a server sends in its status line and Location is anything: pipes, backticks, line breaks.
    t.hops[0].response->reason = "Found | `maybe` *bold* <b>x</b> \\| [l](u)\nnext";
    t.hops[0].response->location = QUrl();
    setHeader(t.hops[0].response->headers, "Location", "/a|b``c`d\\|e\r\nf");
    t.hops[1].notes.append({QStringLiteral("odd|code"), QString()});
    t.hops[1].via = HopVia::RefreshHeader;
    t.hops[1].refreshDelayMs = 0;
    t.outcome.message = QStringLiteral("Done | *now*\n# not a heading");
    const QString md = QString::fromUtf8(exportTrace(t, ExportFormat::Markdown));

    const QStringList lines = md.split(QLatin1Char('\n'));
    QCOMPARE(lines.first(), QStringLiteral("# Redirect trace: Done \\| \\*now\\* \\# not a heading"));
    const qsizetype header =
        lines.indexOf(QStringLiteral("| # | Via | Method | URL | Status | Location | Time | Notes |"));
    QVERIFY(header > 0);
    QVERIFY(lines.at(header + 1).startsWith(QLatin1String("|---")));
    QCOMPARE(tableCells(lines.at(header + 1)).size(), 8);
    const QStringList row0 = tableCells(lines.at(header + 2));
    const QStringList row1 = tableCells(lines.at(header + 3));
    QCOMPARE(row0.size(), 8);
    QCOMPARE(row1.size(), 8);
    QCOMPARE(lines.at(header + 4), QString());  // the table ends after the two hops

    QCOMPARE(row0[0], QStringLiteral("0"));
    QCOMPARE(row0[1], QStringLiteral("request"));
    QCOMPARE(row1[1], QStringLiteral("refresh-header 0 s"));
    QCOMPARE(row0[2], QStringLiteral("POST"));
    QCOMPARE(codeSpanText(row0[3]), QStringLiteral("http://a.test/login?next=%2Fhome&api_key=[redacted]"));
    QCOMPARE(
        row0[4],
        QStringLiteral("302 Found \\| \\`maybe\\` \\*bold\\* \\<b\\>x\\</b\\> \\\\\\| \\[l\\](u)<br>next"));
    // The code span's fence is longer than the longest run of backticks inside.
    QVERIFY(row0[5].startsWith(QLatin1String("```/")));
    QCOMPARE(codeSpanText(row0[5]), QStringLiteral("/a|b``c`d\\|e  f"));
    QCOMPARE(row0[6], QStringLiteral("4.0 ms"));
    QCOMPARE(row0[7], QStringLiteral("method-changed, cookie-stored"));
    QCOMPARE(row1[7], QStringLiteral("cookie-sent, odd\\|code"));
    QCOMPARE(codeSpanText(row1[3]), QStringLiteral("http://a.test/home?token=[redacted]&lang=en"));
    QCOMPARE(row1[5], QString());
    QVERIFY(lines.contains(
        QStringLiteral("**Outcome:** `final`: Done \\| \\*now\\*<br>\\# not a heading (final URL "
                       "`http://a.test/home?token=[redacted]&lang=en`)")));
    QVERIFY(md.endsWith(QLatin1Char('\n')));
}

void TestTraceExport::curlScript_text()
{
    const QString script = QString::fromUtf8(exportTrace(hstsTrace(), ExportFormat::CurlScript));
    QVERIFY(script.startsWith(QLatin1String("#!/bin/sh\n")));
    QVERIFY2(script.contains(QLatin1String("without -L")), qPrintable(script));
    QVERIFY2(script.contains(QStringLiteral("# hop 0: 307 Internal Redirect → https://hsts.test/\n")),
             qPrintable(script));
    QVERIFY2(script.contains(QLatin1String("# hop 1: 200 OK\n")), qPrintable(script));
    // The synthetic hop has no request to replay; the other one accepted TLS errors: --insecure.
    QCOMPARE(script.count(QLatin1String("\ncurl ")), 1);
    QVERIFY2(script.contains(QLatin1String("--insecure")), qPrintable(script));
    // No command follows redirects itself (only the comment at the top names -L).
    for (const QString &line : script.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1Char('#')))
            continue;
        QVERIFY2(!line.contains(QLatin1String(" -L")) && !line.contains(QLatin1String("--location")),
                 qPrintable(line));
    }

    const QString plain = QString::fromUtf8(exportTrace(postRedirectTrace(), ExportFormat::CurlScript));
    QCOMPARE(plain.count(QLatin1String("\ncurl ")), 2);
    QVERIFY2(!plain.contains(QLatin1String("--insecure")), qPrintable(plain));
    QVERIFY(
        plain.contains(QStringLiteral("# hop 0: 302 Found → http://a.test/home?token=[redacted]&lang=en\n")));

    const QString err = QString::fromUtf8(exportTrace(errorTrace(), ExportFormat::CurlScript));
    QVERIFY2(err.contains(QLatin1String("# hop 1: no response (timeout: No response within 30 s)\n")),
             qPrintable(err));
    QCOMPARE(err.count(QLatin1String("\ncurl ")), 2);

    // A Location with a line break cannot end the comment and start a command.
    Trace evil = plainGetTrace();
    evil.hops[0].response->headers.append(HeaderPair("Location", "/x\nrm -rf /tmp/nothing\n"));
    const QString e = QString::fromUtf8(exportTrace(evil, ExportFormat::CurlScript));
    for (const QString &line : e.split(QLatin1Char('\n')))
        QVERIFY2(!line.startsWith(QLatin1String("rm ")), qPrintable(e));
}

void TestTraceExport::curlScript_runsEachHop()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ScriptedServer server;
    QVERIFY(server.listen());
    ScriptedServer tlsServer;
    QVERIFY(tlsServer.listen(ScriptedServer::Mode::Tls));
    server.on("/form", ScriptedServer::redirect(302, "/thanks"));
    server.on(
        "/thanks",
        ScriptedServer::redirect(
            307, tlsServer.urlWithHost(QStringLiteral("localhost"), QStringLiteral("/final")).toEncoded()));
    tlsServer.setDefaultHandler([](const ReceivedRequest &) {
        Rwb::Test::Reply reply;
        reply.body = "done";
        return reply;
    });

    const QByteArray host = "127.0.0.1:" + QByteArray::number(server.port());
    const QByteArray tlsHost = "localhost:" + QByteArray::number(tlsServer.port());
    Trace t;
    Hop h0 = hop(0, "POST", server.url(QStringLiteral("/form?api_key=k1")).toString(),
                 {{"Host", host},
                  {"User-Agent", "rwb-test"},
                  {"Accept", "*/*"},
                  {"Authorization", "Bearer t0ken"},
                  {"Content-Type", "application/x-www-form-urlencoded"},
                  {"Content-Length", "22"}},
                 0, 1);
    h0.request.body = "name=J%C3%BCrg&pwd=a+b";
    h0.response = response(302, "Found", {{"Location", "/thanks"}, {"Set-Cookie", "sid=s1; Path=/"}});
    h0.response->location = server.url(QStringLiteral("/thanks"));
    Hop h1 = hop(1, "GET", server.url(QStringLiteral("/thanks")).toString(),
                 {{"Host", host}, {"User-Agent", "rwb-test"}, {"Accept", "*/*"}, {"Cookie", "sid=s1"}}, 1, 1);
    h1.response = response(
        307, "Temporary Redirect",
        {{"Location",
          tlsServer.urlWithHost(QStringLiteral("localhost"), QStringLiteral("/final")).toEncoded()}});
    Hop h2 =
        hop(2, "GET", tlsServer.urlWithHost(QStringLiteral("localhost"), QStringLiteral("/final")).toString(),
            {{"Host", tlsHost}, {"User-Agent", "rwb-test"}, {"Accept", "*/*"}}, 2, 1);
    h2.tls.used = true;
    h2.tls.errors = {QStringLiteral("The certificate is self-signed, and untrusted")};
    h2.notes = {{QStringLiteral("tls-error-accepted"), QStringLiteral("TLS errors accepted")}};
    h2.response = response(200, "OK", {}, "done");
    t.hops = {h0, h1, h2};
    t = finish(t, QStringLiteral("200 OK after 2 redirects"));

    // Kept secrets: each hop arrives byte for byte as recorded.
    ExportOptions keep;
    keep.keepSecrets = true;
    const QString path = dir.filePath(QStringLiteral("replay.sh"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(exportTrace(t, ExportFormat::CurlScript, keep));
    f.close();
    ProcessResult r = run(QStringLiteral("sh"), {path}, dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(server.requestCount(), 2);
    QCOMPARE(tlsServer.requestCount(), 1);
    QCOMPARE(server.requests().at(0).raw, rawRequest(h0.request));
    QCOMPARE(server.requests().at(1).raw, rawRequest(h1.request));
    QCOMPARE(tlsServer.requests().at(0).raw, rawRequest(h2.request));
    QVERIFY(r.out.endsWith("done"));

    // The shared (redacted) script replays the same hops with the secrets blotted out.
    server.clearRequests();
    tlsServer.clearRequests();
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(exportTrace(t, ExportFormat::CurlScript));
    f.close();
    r = run(QStringLiteral("sh"), {path}, dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(server.requestCount(), 2);
    QCOMPARE(tlsServer.requestCount(), 1);
    const ReceivedRequest first = server.requests().at(0);
    QCOMPARE(first.target, QByteArray("/form?api_key=[redacted]"));
    QCOMPARE(first.header("Authorization"), QByteArray("Bearer [redacted]"));
    QCOMPARE(first.body, QByteArray("name=J%C3%BCrg&pwd=[redacted]"));
    QCOMPARE(server.requests().at(1).header("Cookie"), QByteArray("sid=[redacted]"));
    QCOMPARE(tlsServer.requests().at(0).path(), QByteArray("/final"));
}

void TestTraceExport::curlScript_binaryNeedsBash()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setDefaultHandler([](const ReceivedRequest &) { return Rwb::Test::Reply{}; });
    const QByteArray high("\xff\xfe\x01 text\x80", 9);  // no NUL: quoted with $'...'
    Trace t;
    Hop h = hop(0, "PUT", server.url(QStringLiteral("/bin")).toString(),
                {{"Host", "127.0.0.1:" + QByteArray::number(server.port())},
                 {"User-Agent", "u"},
                 {"Accept", "*/*"},
                 {"Content-Type", "application/octet-stream"},
                 {"Content-Length", QByteArray::number(high.size())}},
                0, 1);
    h.request.body = high;
    h.response = response(200, "OK", {});
    t.hops = {h};
    t = finish(t, QStringLiteral("200 OK"));
    const QByteArray script = exportTrace(t, ExportFormat::CurlScript);
    QVERIFY(script.startsWith("#!/usr/bin/env bash\n"));
    const QString path = dir.filePath(QStringLiteral("replay.sh"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(script);
    f.close();
    const ProcessResult r = run(QStringLiteral("bash"), {path}, dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(server.requestCount(), 1);
    QCOMPARE(server.requests().at(0).raw, rawRequest(h.request));
}

void TestTraceExport::har_fields()
{
    ExportOptions keep;
    keep.keepSecrets = true;
    const QJsonObject log = QJsonDocument::fromJson(exportTrace(postRedirectTrace(), ExportFormat::Har, keep))
                                .object()
                                .value(QLatin1String("log"))
                                .toObject();
    QCOMPARE(log.value(QLatin1String("version")).toString(), QStringLiteral("1.2"));
    QCOMPARE(get(log, "creator").value(QLatin1String("name")).toString(),
             QStringLiteral("Redirect Workbench"));
    QCOMPARE(get(log, "creator").value(QLatin1String("version")).toString(), QStringLiteral(RWB_VERSION));
    const QJsonArray entries = log.value(QLatin1String("entries")).toArray();
    QCOMPARE(entries.size(), 2);

    const QJsonObject e0 = entries.at(0).toObject();
    QCOMPARE(e0.value(QLatin1String("startedDateTime")).toString(),
             QStringLiteral("2026-11-21T10:00:00.250Z"));
    QCOMPARE(entries.at(1).toObject().value(QLatin1String("startedDateTime")).toString(),
             QStringLiteral("2026-11-21T10:00:00.255Z"));  // 4.5 ms later, rounded to the millisecond
    const QJsonObject req = get(e0, "request");
    QCOMPARE(req.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(req.value(QLatin1String("url")).toString(),
             QStringLiteral("http://a.test/login?next=%2Fhome&api_key=K3Y-abc"));
    QCOMPARE(req.value(QLatin1String("httpVersion")).toString(), QStringLiteral("HTTP/1.1"));
    QCOMPARE(req.value(QLatin1String("headersSize")).toInt(), -1);
    QCOMPARE(req.value(QLatin1String("bodySize")).toInt(), 38);
    QCOMPARE(req.value(QLatin1String("headers")).toArray().size(), 6);
    QCOMPARE(req.value(QLatin1String("headers"))
                 .toArray()
                 .at(3)
                 .toObject()
                 .value(QLatin1String("value"))
                 .toString(),
             QStringLiteral("Bearer eyJhbGciOi.secretpart"));
    const QJsonArray query = req.value(QLatin1String("queryString")).toArray();
    QCOMPARE(query.size(), 2);
    QCOMPARE(query.at(0).toObject().value(QLatin1String("value")).toString(), QStringLiteral("/home"));
    QCOMPARE(query.at(1).toObject().value(QLatin1String("name")).toString(), QStringLiteral("api_key"));
    const QJsonObject postData = get(req, "postData");
    QCOMPARE(postData.value(QLatin1String("mimeType")).toString(),
             QStringLiteral("application/x-www-form-urlencoded"));
    QCOMPARE(postData.value(QLatin1String("text")).toString(),
             QStringLiteral("user=alice&password=hunter2&remember=1"));
    const QJsonArray params = postData.value(QLatin1String("params")).toArray();
    QCOMPARE(params.size(), 3);
    QCOMPARE(params.at(1).toObject().value(QLatin1String("name")).toString(), QStringLiteral("password"));
    QCOMPARE(params.at(1).toObject().value(QLatin1String("value")).toString(), QStringLiteral("hunter2"));

    const QJsonObject resp = get(e0, "response");
    QCOMPARE(resp.value(QLatin1String("status")).toInt(), 302);
    QCOMPARE(resp.value(QLatin1String("statusText")).toString(), QStringLiteral("Found"));
    QCOMPARE(resp.value(QLatin1String("httpVersion")).toString(), QStringLiteral("HTTP/1.1"));
    QCOMPARE(resp.value(QLatin1String("redirectURL")).toString(),
             QStringLiteral("http://a.test/home?token=tok-12345&lang=en"));
    QCOMPARE(resp.value(QLatin1String("headersSize")).toInt(), -1);
    QCOMPARE(resp.value(QLatin1String("bodySize")).toInt(), 0);
    const QJsonArray setCookies = resp.value(QLatin1String("cookies")).toArray();
    QCOMPARE(setCookies.size(), 2);
    const QJsonObject sid = setCookies.at(0).toObject();
    QCOMPARE(sid.value(QLatin1String("name")).toString(), QStringLiteral("sid"));
    QCOMPARE(sid.value(QLatin1String("value")).toString(), QStringLiteral("abc123xyz"));
    QCOMPARE(sid.value(QLatin1String("path")).toString(), QStringLiteral("/"));
    QCOMPARE(sid.value(QLatin1String("httpOnly")).toBool(), true);
    QCOMPARE(sid.value(QLatin1String("secure")).toBool(), false);
    QVERIFY(!sid.contains(QLatin1String("expires")));
    const QJsonObject pref = setCookies.at(1).toObject();
    QVERIFY(pref.value(QLatin1String("domain")).toString().endsWith(QLatin1String("a.test")));
    QCOMPARE(pref.value(QLatin1String("expires")).toString(), QStringLiteral("2026-10-21T07:28:00.000Z"));
    QCOMPARE(pref.value(QLatin1String("secure")).toBool(), true);
    QCOMPARE(pref.value(QLatin1String("httpOnly")).toBool(), false);
    const QJsonArray notes = e0.value(QLatin1String("_notes")).toArray();
    QCOMPARE(notes.size(), 2);
    QCOMPARE(notes.at(0).toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("method-changed"));
    QVERIFY(!e0.contains(QLatin1String("_synthetic")));
    QCOMPARE(e0.value(QLatin1String("_via")).toString(), QStringLiteral("request"));
    QVERIFY(!e0.contains(QLatin1String("_refreshDelayMs")));
    QVERIFY(e0.value(QLatin1String("cache")).isObject());

    // The next hop's request cookies come from its Cookie header; no redirect: redirectURL "".
    const QJsonObject e1 = entries.at(1).toObject();
    const QJsonArray cookies = get(e1, "request").value(QLatin1String("cookies")).toArray();
    QCOMPARE(cookies.size(), 2);
    QCOMPARE(cookies.at(0).toObject().value(QLatin1String("name")).toString(), QStringLiteral("sid"));
    QCOMPARE(cookies.at(0).toObject().value(QLatin1String("value")).toString(), QStringLiteral("abc123xyz"));
    QCOMPARE(cookies.at(1).toObject().value(QLatin1String("name")).toString(), QStringLiteral("pref"));
    QVERIFY(!get(e1, "request").contains(QLatin1String("postData")));
    QCOMPARE(get(e1, "response").value(QLatin1String("redirectURL")).toString(), QString());
    const QJsonObject content = get(e1, "response.content");
    QCOMPARE(content.value(QLatin1String("mimeType")).toString(), QStringLiteral("text/plain"));
    QCOMPARE(content.value(QLatin1String("text")).toString(), QStringLiteral("welcome"));
    QCOMPARE(content.value(QLatin1String("size")).toInt(), 7);

    // time is the sum of the timings that are not -1; the trace measured wait and receive.
    for (const QJsonValue &v : entries) {
        const QJsonObject e = v.toObject();
        const QJsonObject timings = e.value(QLatin1String("timings")).toObject();
        double sum = 0;
        for (const char *k : {"blocked", "dns", "connect", "send", "wait", "receive", "ssl"}) {
            QVERIFY2(timings.value(QLatin1String(k)).isDouble(), k);
            sum += std::max(0.0, timings.value(QLatin1String(k)).toDouble());
        }
        QVERIFY(qFuzzyCompare(1 + e.value(QLatin1String("time")).toDouble(), 1 + sum));
        QCOMPARE(timings.value(QLatin1String("dns")).toDouble(), -1.0);
    }
    QCOMPARE(e0.value(QLatin1String("time")).toDouble(), 4.0);
    QCOMPARE(get(e0, "timings").value(QLatin1String("wait")).toDouble(), 3.0);
    QCOMPARE(get(e0, "timings").value(QLatin1String("receive")).toDouble(), 1.0);

    // Without a resolved location, redirectURL is the Location header as received.
    Trace t = postRedirectTrace();
    t.hops[0].response->location = QUrl();
    QCOMPARE(get(entryOf(t, 0), "response").value(QLatin1String("redirectURL")).toString(),
             QStringLiteral("/home?token=tok-12345&lang=en"));
    // HTTP/2
    t.hops[1].response->httpVersion = "2";
    QCOMPARE(get(entryOf(t, 1), "response").value(QLatin1String("httpVersion")).toString(),
             QStringLiteral("HTTP/2"));
    QCOMPARE(get(entryOf(t, 1), "request").value(QLatin1String("httpVersion")).toString(),
             QStringLiteral("HTTP/2"));
    // serverIPAddress: the address the relay connected to, absent when unknown.
    QVERIFY(!entryOf(t, 0).contains(QLatin1String("serverIPAddress")));
    t.hops[0].connection = {QStringLiteral("::1"), 8443, false, {}, {}, {}};
    QCOMPARE(entryOf(t, 0).value(QLatin1String("serverIPAddress")).toString(), QStringLiteral("::1"));
}

void TestTraceExport::har_errorSyntheticBinaryTruncated()
{
    // Error hop: no response, status 0 and the error.
    const QJsonObject err = entryOf(errorTrace(), 1);
    QCOMPARE(get(err, "response").value(QLatin1String("status")).toInt(), 0);
    QCOMPARE(get(err, "response").value(QLatin1String("statusText")).toString(), QString());
    QCOMPARE(get(err, "response._error").value(QLatin1String("code")).toString(), QStringLiteral("timeout"));
    QCOMPARE(get(err, "response._error").value(QLatin1String("message")).toString(),
             QStringLiteral("No response within 30 s"));
    QCOMPARE(err.value(QLatin1String("time")).toDouble(), 30000.0);

    // Synthetic hop: an entry marked as such.
    const QJsonObject syn = entryOf(hstsTrace(), 0);
    QCOMPARE(syn.value(QLatin1String("_synthetic")).toBool(), true);
    // A refresh hop: how it was reached and the delay.
    Trace refreshed = hstsTrace();
    refreshed.hops[0].via = HopVia::MetaRefresh;
    refreshed.hops[0].refreshDelayMs = 2000;
    const QJsonObject ref = entryOf(refreshed, 0);
    QCOMPARE(ref.value(QLatin1String("_via")).toString(), QStringLiteral("meta-refresh"));
    QCOMPARE(ref.value(QLatin1String("_refreshDelayMs")).toInt(), 2000);
    QCOMPARE(get(syn, "response").value(QLatin1String("status")).toInt(), 307);
    QCOMPARE(get(syn, "response").value(QLatin1String("redirectURL")).toString(),
             QStringLiteral("https://hsts.test/"));
    QCOMPARE(syn.value(QLatin1String("time")).toDouble(), 0.0);

    // Binary bodies: base64, with the encoding named.
    const QJsonObject bin = entryOf(binaryBodyTrace(), 0);
    QCOMPARE(get(bin, "response.content").value(QLatin1String("encoding")).toString(),
             QStringLiteral("base64"));
    QCOMPARE(QByteArray::fromBase64(
                 get(bin, "response.content").value(QLatin1String("text")).toString().toLatin1()),
             kBinary);
    QCOMPARE(get(bin, "response.content").value(QLatin1String("mimeType")).toString(),
             QStringLiteral("image/png"));
    QCOMPARE(QByteArray::fromBase64(
                 get(bin, "request.postData").value(QLatin1String("text")).toString().toLatin1()),
             kBinary);

    // Truncated: the size is the whole body's, a comment says the text is only its start.
    const QJsonObject big = entryOf(truncatedTrace(), 0);
    QCOMPARE(get(big, "response.content").value(QLatin1String("size")).toInt(), 5000000);
    QCOMPARE(get(big, "response.content").value(QLatin1String("text")).toString().size(), 1024);
    QVERIFY(get(big, "response.content")
                .value(QLatin1String("comment"))
                .toString()
                .contains(QLatin1String("1024 of 5000000")));
    QCOMPARE(get(big, "response.content").value(QLatin1String("mimeType")).toString(),
             QStringLiteral("text/plain"));

    // A hop with neither a response nor an error (stopped before it was sent) gives no entry.
    Trace stopped = plainGetTrace();
    Hop pending = hop(1, "GET", QStringLiteral("http://a.test/later"), {}, 5, 0);
    stopped.hops.append(pending);
    QCOMPARE(harOf(stopped).value(QLatin1String("entries")).toArray().size(), 1);
}

void TestTraceExport::runValidator(const QStringList &files, ProcessResult &result)
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY2(!node.isEmpty(),
             "node is missing: run scripts/test.sh (it installs Node.js and tests/har's packages)");
    const QString harDir = kSourceDir + QLatin1String("/tests/har");
    // From the npm registry (npm ci --prefix tests/har), or Debian's node-har-validator of the same
    // version when scripts/test.sh could not reach the registry.
    QVERIFY2(QDir(harDir + QLatin1String("/node_modules/har-validator")).exists()
                 || QDir(QStringLiteral("/usr/share/nodejs/har-validator")).exists(),
             "har-validator is missing: run scripts/test.sh (it runs npm ci --prefix tests/har)");
    result = run(node, QStringList{harDir + QLatin1String("/validate.js")} + files);
}

void TestTraceExport::har_stepThroughPause()
{
    // A hop sent after a 30 s pause of a step-through starts 30 s later on the wall clock; its own time
    // stays the network time.
    Trace trace = postRedirectTrace();
    trace.hops[1].pausedMs = 30000;
    const QJsonArray entries = QJsonDocument::fromJson(exportTrace(trace, ExportFormat::Har, {}))
                                   .object()
                                   .value(QLatin1String("log"))
                                   .toObject()
                                   .value(QLatin1String("entries"))
                                   .toArray();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).toObject().value(QLatin1String("startedDateTime")).toString(),
             QStringLiteral("2026-11-21T10:00:00.250Z"));
    QCOMPARE(entries.at(1).toObject().value(QLatin1String("startedDateTime")).toString(),
             QStringLiteral("2026-11-21T10:00:30.255Z"));
    const QJsonObject plain = QJsonDocument::fromJson(exportTrace(postRedirectTrace(), ExportFormat::Har, {}))
                                  .object()
                                  .value(QLatin1String("log"))
                                  .toObject()
                                  .value(QLatin1String("entries"))
                                  .toArray()
                                  .at(1)
                                  .toObject();
    QCOMPARE(entries.at(1).toObject().value(QLatin1String("time")), plain.value(QLatin1String("time")));
}

void TestTraceExport::har_validatedByHarValidator()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList files;
    for (const auto &[name, trace] : namedTraces()) {
        for (const bool keep : {false, true}) {
            const QString path =
                dir.filePath(name + (keep ? QLatin1String("-kept.har") : QLatin1String(".har")));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            ExportOptions options;
            options.keepSecrets = keep;
            f.write(exportTrace(trace, ExportFormat::Har, options));
            files.append(path);
        }
    }
    files.append(kSourceDir + QLatin1String("/tests/data/browser-export.har"));
    ProcessResult r;
    runValidator(files, r);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    QCOMPARE(r.out.count(": ok\n"), files.size());
}

void TestTraceExport::har_validatorRejectsBrokenHar()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A HAR of ours with what the schema requires broken: proves the validator really checks.
    QJsonObject root = QJsonDocument::fromJson(traceToHar(postRedirectTrace())).object();
    QJsonObject log = root.value(QLatin1String("log")).toObject();
    QJsonArray entries = log.value(QLatin1String("entries")).toArray();
    QJsonObject e = entries.at(1).toObject();
    e.remove(QLatin1String("timings"));
    e.insert(QLatin1String("startedDateTime"), QStringLiteral("yesterday"));
    entries.replace(1, e);
    log.insert(QLatin1String("entries"), entries);
    root.insert(QLatin1String("log"), log);
    const QString path = dir.filePath(QStringLiteral("broken.har"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(root).toJson());
    f.close();
    ProcessResult r;
    runValidator({path}, r);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(".log.entries[1]: should have required property 'timings'"), r.out.constData());
    QVERIFY2(r.out.contains(".log.entries[1].startedDateTime"), r.out.constData());
}

void TestTraceExport::importHar_browserExport()
{
    QFile f(kSourceDir + QLatin1String("/tests/data/browser-export.har"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const HarImportResult r = importHar(f.readAll());
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    // login -> account is one chain (the account entry was the login's redirect); app.js is another;
    // the data: URL is no HTTP request.
    QCOMPARE(r.chains.size(), 2);
    const HarChain &login = r.chains.at(0);
    QCOMPARE(login.name, QStringLiteral("POST https://shop.example/login?next=%2Faccount"));
    QCOMPARE(login.request.method, QByteArray("POST"));
    QCOMPARE(login.request.url.toEncoded(), QByteArray("https://shop.example/login?next=%2Faccount"));
    const HeaderList expected = {
        {"accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
        {"accept-language", "en-US,en;q=0.9"},
        {"content-type", "application/x-www-form-urlencoded"},
        {"cookie", "consent=yes; theme=dark"},
        {"origin", "https://shop.example"},
        {"referer", "https://shop.example/login?next=%2Faccount"},
        {"user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/131.0.0.0 Safari/537.36"},
    };
    QCOMPARE(login.request.headers, expected);
    QCOMPARE(login.request.body, QByteArray("user=alice%40example.org&password=s3cret"));
    QVERIFY(login.request.formBody);
    QVERIFY(!login.request.customMethod);

    const HarChain &script = r.chains.at(1);
    QCOMPARE(script.name, QStringLiteral("GET https://cdn.example/static/app.js?v=42"));
    QCOMPARE(script.request.method, QByteArray("GET"));
    QVERIFY(script.request.body.isEmpty());
    QVERIFY(!script.request.formBody);
    QCOMPARE(script.request.headers.size(), 3);
    QVERIFY(!hasHeader(script.request.headers, ":authority"));
}

void TestTraceExport::importHar_roundTrip_data()
{
    QTest::addColumn<QString>("name");
    for (const auto &[name, trace] : namedTraces())
        QTest::newRow(qPrintable(name)) << name;
}

void TestTraceExport::importHar_roundTrip()
{
    QFETCH(QString, name);
    Trace trace;
    for (const auto &named : namedTraces()) {
        if (named.first == name)
            trace = named.second;
    }
    const HarImportResult r = importHar(traceToHar(trace));
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    // The hops after the first were redirects: one chain, the trace's first request.
    QCOMPARE(r.chains.size(), 1);
    const WireRequest &first = trace.hops.constFirst().request;
    const RequestSpec &got = r.chains.constFirst().request;
    QCOMPARE(got.method, first.method);
    QCOMPARE(got.url, first.url);
    HeaderList headers = first.headers;
    removeHeader(headers, "Host");
    removeHeader(headers, "Content-Length");
    removeHeader(headers, "Connection");
    QCOMPARE(got.headers, headers);
    QCOMPARE(got.body, first.body);
    QCOMPARE(got.formBody, headerValue(first.headers, "Content-Type") == "application/x-www-form-urlencoded");
    QCOMPARE(r.chains.constFirst().name,
             QString::fromLatin1(first.method) + QLatin1Char(' ') + first.url.toString());
}

void TestTraceExport::importHar_paramsOnly()
{
    const QByteArray har =
        R"({"log": {"version": "1.2", "creator": {"name": "x", "version": "1"}, "entries": [
        {"request": {"method": "POST", "url": "http://a.test/f", "headers": [{"name": "Content-Length", "value": "9"}],
                     "postData": {"mimeType": "application/x-www-form-urlencoded",
                                  "params": [{"name": "a b", "value": "c&d"}, {"name": "e", "value": "é"}]}}}
    ]}})";
    const HarImportResult r = importHar(har);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.chains.size(), 1);
    QCOMPARE(r.chains[0].request.body, QByteArray("a+b=c%26d&e=%C3%A9"));
    QVERIFY(r.chains[0].request.formBody);
    QVERIFY(r.chains[0].request.headers.isEmpty());
}

void TestTraceExport::importHar_errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    auto entries = [](const QByteArray &items) -> QByteArray {
        return "{\"log\": {\"entries\": [" + items + "]}}";
    };
    const QByteArray okRequest = R"("request": {"method": "GET", "url": "http://a.test/", "headers": []})";
    QTest::newRow("syntax") << QByteArray("{\"log\": {\n  \"entries\": [\n    {,\n  ]}}")
                            << QStringLiteral("line 3, column 7: ");
    QTest::newRow("not-an-object") << QByteArray("[1, 2]") << QStringLiteral("log: expected an object");
    QTest::newRow("no-log") << QByteArray("{\"entries\": []}") << QStringLiteral("log: expected an object");
    QTest::newRow("entries-object") << QByteArray("{\"log\": {\"entries\": {}}}")
                                    << QStringLiteral("log.entries: expected an array");
    QTest::newRow("entry-number") << entries("{" + okRequest + "}, 3")
                                  << QStringLiteral("log.entries[1]: expected an object");
    QTest::newRow("no-request") << entries("{}")
                                << QStringLiteral("log.entries[0].request: expected an object");
    QTest::newRow("method-number") << entries(R"({"request": {"method": 1, "url": "http://a.test/"}})")
                                   << QStringLiteral("log.entries[0].request.method: expected a string");
    QTest::newRow("url-number") << entries("{" + okRequest + R"(}, {"request": {"method": "GET", "url": 7}})")
                                << QStringLiteral("log.entries[1].request.url: expected a string");
    QTest::newRow("url-relative") << entries(R"({"request": {"method": "GET", "url": "/x"}})")
                                  << QStringLiteral("log.entries[0].request.url: expected an absolute URL");
    QTest::newRow("headers-object") << entries(
        R"({"request": {"method": "GET", "url": "http://a.test/", "headers": {}}})")
                                    << QStringLiteral("log.entries[0].request.headers: expected an array");
    QTest::newRow("header-value-number") << entries(
        R"({"request": {"method": "GET", "url": "http://a.test/", "headers": [{"name": "a", "value": "b"}, {"name": "c", "value": 1}]}})")
                                         << QStringLiteral(
                                                "log.entries[0].request.headers[1].value: expected a string");
    QTest::newRow("header-no-name")
        << entries(R"({"request": {"method": "GET", "url": "http://a.test/", "headers": [{"value": "b"}]}})")
        << QStringLiteral("log.entries[0].request.headers[0].name: expected a string");
    QTest::newRow("postdata-text-number") << entries(
        R"({"request": {"method": "POST", "url": "http://a.test/", "postData": {"mimeType": "text/plain", "text": 5}}})")
                                          << QStringLiteral(
                                                 "log.entries[0].request.postData.text: expected a string");
    QTest::newRow("postdata-param-name") << entries(
        R"({"request": {"method": "POST", "url": "http://a.test/", "postData": {"mimeType": "a/b", "params": [{"name": null}]}}})")
                                         << QStringLiteral("log.entries[0].request.postData.params[0].name: "
                                                           "expected a string");
    QTest::newRow("response-array") << entries("{" + okRequest + R"(, "response": []})")
                                    << QStringLiteral("log.entries[0].response: expected an object");
    QTest::newRow("redirecturl-number")
        << entries("{" + okRequest + R"(, "response": {"redirectURL": 302}})")
        << QStringLiteral("log.entries[0].response.redirectURL: expected a string");
}

void TestTraceExport::importHar_errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const HarImportResult r = importHar(json);
    QVERIFY2(r.error.startsWith(error), qPrintable(r.error));
    QVERIFY(r.chains.isEmpty());
}

QTEST_GUILESS_MAIN(TestTraceExport)
#include "tst_traceexport.moc"
