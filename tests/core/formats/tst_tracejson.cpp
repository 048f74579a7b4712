// The trace JSON is a product interface: its documented fields, a lossless round trip, and clear errors.
#include "core/formats/tracejson.h"
#include "core/json/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Rwb;

namespace {

Trace sampleTrace()
{
    Trace t;
    t.profile = QStringLiteral("browser");
    t.startedAt = QDateTime(QDate(2026, 11, 21), QTime(10, 0, 0, 123), Qt::UTC);
    Hop h0;
    h0.index = 0;
    h0.request.method = "POST";
    h0.request.url = QUrl(QStringLiteral("http://127.0.0.1:8080/form"));
    h0.request.headers = {{"Host", "127.0.0.1:8080"}, {"Content-Type", "application/x-www-form-urlencoded"}};
    h0.request.body = "a=1";
    WireResponse r0;
    r0.status = 302;
    r0.reason = "Found";
    r0.httpVersion = "1.1";
    r0.headers = {{"Location", "/caf\xC3\xA9"}, {"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}};
    r0.location = QUrl(QStringLiteral("http://127.0.0.1:8080/caf%C3%A9"));
    h0.response = r0;
    h0.timing = {0.0, 1.21, 1.4, {0.05, 0.01, 0.03, -1, 0.01, 1.1, 0.2}};  // a new http connection
    h0.notes = {{QStringLiteral("method-changed"), QStringLiteral("POST became GET")},
                Note(NoteCode::CookieStored, QStringLiteral("Cookie a stored (host-only, path /, session)"),
                     QStringLiteral("a"), QStringLiteral("host-only, path /, session"))};
    Hop h1;
    h1.index = 1;
    h1.synthetic = true;
    h1.via = HopVia::Hsts;
    h1.edited = true;
    h1.request.method = "GET";
    h1.request.url = QUrl(QStringLiteral("https://localhost:8443/x"));
    h1.request.body = QByteArray("\x00\xff\x10", 3);  // not UTF-8: stored as base64
    WireResponse r1;
    r1.status = 200;
    r1.reason = "OK";
    r1.httpVersion = "2";
    r1.bodySize = 3 * 1024 * 1024;
    r1.bodyPreview = "hello";
    r1.bodyTruncated = true;
    h1.response = r1;
    h1.tls.used = true;
    h1.tls.protocol = QStringLiteral("TLSv1.3");
    h1.tls.cipher = QStringLiteral("TLS_AES_256_GCM_SHA384");
    h1.tls.peerSubject = QStringLiteral("localhost");
    h1.tls.peerIssuer = QStringLiteral("localhost");
    h1.tls.peerExpiry = QDateTime(QDate(2126, 1, 1), QTime(0, 0), Qt::UTC);
    h1.tls.errors = {QStringLiteral("The certificate is self-signed, and untrusted")};
    h1.tls.alpn = "http/1.1";
    h1.tls.chain = {{QStringLiteral("localhost"), QStringLiteral("RWB Test CA"),
                     QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC),
                     QDateTime(QDate(2126, 1, 1), QTime(0, 0), Qt::UTC)},
                    {QStringLiteral("RWB Test CA"), QStringLiteral("RWB Test CA"),
                     QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC),
                     QDateTime(QDate(2035, 1, 1), QTime(0, 0), Qt::UTC)}};
    h1.tls.clientCertificate = QStringLiteral("rwb-client");
    h1.connection = {QStringLiteral("::1"),
                     8443,
                     true,
                     QStringLiteral("http://u@127.0.0.1:3128"),
                     "CONNECT localhost:8443 HTTP/1.1\r\nHost: localhost:8443\r\n\r\n",
                     "HTTP/1.1 200 Connection established\r\n\r\n"};
    h1.timing = {1.5, 2.25, 3.125, {}};
    h1.pausedMs = 30995.25;  // step-through: paused before this hop
    Hop h2;
    h2.index = 2;
    h2.via = HopVia::MetaRefresh;
    h2.refreshDelayMs = 1000;
    h2.request.method = "GET";
    h2.request.url = QUrl(QStringLiteral("http://127.0.0.1:1/"));
    h2.error = HopError{QStringLiteral("connection-refused"), QStringLiteral("Connection refused")};
    h2.connection.proxy = QStringLiteral("socks5h://127.0.0.1:1080");  // refused: no address, no port
    t.hops = {h0, h1, h2};
    RequestContext context;
    context.from = QUrl(QStringLiteral("https://other.example/page?x=1"));
    context.mode = RequestMode::Fetch;
    context.credentials = CredentialsMode::Include;
    context.referrerPolicy = ReferrerPolicy::NoReferrerWhenDowngrade;
    context.userActivated = false;
    t.context = context;
    t.outcome.kind = OutcomeKind::NetworkError;
    t.outcome.message = QStringLiteral("Network error on hop 2: Connection refused");
    t.outcome.finalUrl = QUrl(QStringLiteral("http://127.0.0.1:1/#frag"));
    return t;
}

}  // namespace

class tst_TraceJson : public QObject
{
    Q_OBJECT

private slots:
    void documentedFields();
    void roundTrip();
    void loadErrors_data();
    void loadErrors();
    void viaOfOlderTraces();
    void pausedMsOfOlderTraces();
    void everyOutcomeKindHasAName();
    void outcomeMembers_data();
    void outcomeMembers();
};

void tst_TraceJson::documentedFields()
{
    const QJsonObject o = traceToJson(sampleTrace());
    QCOMPARE(o.value(QLatin1String("format")).toString(), QStringLiteral("redirect-workbench-trace"));
    QCOMPARE(o.value(QLatin1String("version")).toInt(), 1);
    QCOMPARE(o.value(QLatin1String("profile")).toString(), QStringLiteral("browser"));
    QCOMPARE(o.value(QLatin1String("startedAt")).toString(), QStringLiteral("2026-11-21T10:00:00.123Z"));
    const QJsonArray hops = o.value(QLatin1String("hops")).toArray();
    QCOMPARE(hops.size(), 3);
    const QJsonObject h0 = hops.at(0).toObject();
    QCOMPARE(h0.value(QLatin1String("index")).toInt(), 0);
    QCOMPARE(h0.value(QLatin1String("synthetic")).toBool(true), false);
    const QJsonObject req = h0.value(QLatin1String("request")).toObject();
    QCOMPARE(req.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(req.value(QLatin1String("url")).toString(), QStringLiteral("http://127.0.0.1:8080/form"));
    QCOMPARE(
        req.value(QLatin1String("headers")).toArray().at(1).toArray(),
        (QJsonArray{QStringLiteral("Content-Type"), QStringLiteral("application/x-www-form-urlencoded")}));
    QCOMPARE(req.value(QLatin1String("bodySize")).toInt(), 3);
    const QJsonObject resp = h0.value(QLatin1String("response")).toObject();
    QCOMPARE(resp.value(QLatin1String("status")).toInt(), 302);
    QCOMPARE(resp.value(QLatin1String("reason")).toString(), QStringLiteral("Found"));
    QCOMPARE(resp.value(QLatin1String("httpVersion")).toString(), QStringLiteral("1.1"));
    QCOMPARE(resp.value(QLatin1String("headers")).toArray().size(), 3);  // duplicates kept
    QCOMPARE(resp.value(QLatin1String("headers")).toArray().at(0).toArray().at(1).toString(),
             QStringLiteral("/café"));
    QCOMPARE(resp.value(QLatin1String("bodySize")).toInt(), 0);
    QCOMPARE(resp.value(QLatin1String("location")).toString(),
             QStringLiteral("http://127.0.0.1:8080/caf%C3%A9"));
    const QJsonObject timing = h0.value(QLatin1String("timing")).toObject();
    QCOMPARE(timing.value(QLatin1String("responseMs")).toDouble(), 1.21);
    QCOMPARE(timing.value(QLatin1String("endMs")).toDouble(), 1.4);
    const QJsonObject note = h0.value(QLatin1String("notes")).toArray().at(0).toObject();
    QCOMPARE(note.value(QLatin1String("code")).toString(), QStringLiteral("method-changed"));
    QVERIFY(!note.value(QLatin1String("message")).toString().isEmpty());
    // "subject" and "reason" only where a note has them (cookie decisions).
    QVERIFY(!note.contains(QLatin1String("subject")) && !note.contains(QLatin1String("reason")));
    const QJsonObject cookieNote = h0.value(QLatin1String("notes")).toArray().at(1).toObject();
    QCOMPARE(cookieNote.value(QLatin1String("code")).toString(), QStringLiteral("cookie-stored"));
    QCOMPARE(cookieNote.value(QLatin1String("subject")).toString(), QStringLiteral("a"));
    QCOMPARE(cookieNote.value(QLatin1String("reason")).toString(),
             QStringLiteral("host-only, path /, session"));
    QVERIFY(hops.at(1).toObject().value(QLatin1String("synthetic")).toBool());
    QCOMPARE(h0.value(QLatin1String("via")).toString(), QStringLiteral("request"));
    QCOMPARE(hops.at(1).toObject().value(QLatin1String("via")).toString(), QStringLiteral("hsts"));
    QCOMPARE(hops.at(2).toObject().value(QLatin1String("via")).toString(), QStringLiteral("meta-refresh"));
    QCOMPARE(hops.at(2).toObject().value(QLatin1String("refreshDelayMs")).toInt(), 1000);
    QVERIFY(!h0.contains(QLatin1String("refreshDelayMs")));  // only on refresh hops
    // A step-through's pause is in the timing of the hop sent after it, apart from its times.
    const QJsonObject t1 = hops.at(1).toObject().value(QLatin1String("timing")).toObject();
    QCOMPARE(t1.value(QLatin1String("pausedMs")).toDouble(), 30995.25);
    QCOMPARE(t1.value(QLatin1String("startMs")).toDouble(), 1.5);
    QVERIFY(!h0.value(QLatin1String("timing")).toObject().contains(QLatin1String("pausedMs")));
    const QJsonObject context = o.value(QLatin1String("context")).toObject();
    QCOMPARE(context.value(QLatin1String("from")).toString(),
             QStringLiteral("https://other.example/page?x=1"));
    QCOMPARE(context.value(QLatin1String("mode")).toString(), QStringLiteral("fetch"));
    QCOMPARE(context.value(QLatin1String("credentials")).toString(), QStringLiteral("include"));
    QCOMPARE(context.value(QLatin1String("referrerPolicy")).toString(),
             QStringLiteral("no-referrer-when-downgrade"));
    QCOMPARE(context.value(QLatin1String("userActivated")).toBool(true), false);
    // A hop without a response: response is null and error says why.
    const QJsonObject h2 = hops.at(2).toObject();
    QVERIFY(h2.value(QLatin1String("response")).isNull());
    QCOMPARE(h2.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("connection-refused"));
    const QJsonObject outcome = o.value(QLatin1String("outcome")).toObject();
    QCOMPARE(outcome.value(QLatin1String("kind")).toString(), QStringLiteral("network-error"));
    QCOMPARE(outcome.value(QLatin1String("finalUrl")).toString(), QStringLiteral("http://127.0.0.1:1/#frag"));
    QVERIFY(!outcome.contains(QLatin1String("finalStatus")));
}

void tst_TraceJson::roundTrip()
{
    const Trace original = sampleTrace();
    const QByteArray bytes = traceToJsonBytes(original);
    const TraceLoadResult loaded = traceFromJson(bytes);
    QVERIFY2(loaded.trace, qPrintable(loaded.error));
    const Trace &t = *loaded.trace;
    QCOMPARE(t.profile, original.profile);
    QCOMPARE(t.startedAt, original.startedAt);
    QCOMPARE(t.hops.size(), original.hops.size());
    for (qsizetype i = 0; i < t.hops.size(); ++i) {
        const Hop &a = t.hops.at(i);
        const Hop &b = original.hops.at(i);
        QCOMPARE(a.index, b.index);
        QCOMPARE(a.synthetic, b.synthetic);
        QCOMPARE(a.via, b.via);
        QCOMPARE(a.refreshDelayMs, b.refreshDelayMs);
        QCOMPARE(a.edited, b.edited);
        QCOMPARE(a.request.method, b.request.method);
        QCOMPARE(a.request.url, b.request.url);
        QCOMPARE(a.request.headers, b.request.headers);
        QCOMPARE(a.request.body, b.request.body);
        QCOMPARE(bool(a.response), bool(b.response));
        if (a.response) {
            QCOMPARE(a.response->status, b.response->status);
            QCOMPARE(a.response->reason, b.response->reason);
            QCOMPARE(a.response->httpVersion, b.response->httpVersion);
            QCOMPARE(a.response->headers, b.response->headers);
            QCOMPARE(a.response->bodySize, b.response->bodySize);
            QCOMPARE(a.response->bodyPreview, b.response->bodyPreview);
            QCOMPARE(a.response->bodyTruncated, b.response->bodyTruncated);
            QCOMPARE(a.response->location, b.response->location);
        }
        QCOMPARE(bool(a.error), bool(b.error));
        QCOMPARE(a.timing.startMs, b.timing.startMs);
        QCOMPARE(a.timing.endMs, b.timing.endMs);
        QVERIFY(a.timing.phases == b.timing.phases);
        QCOMPARE(a.pausedMs, b.pausedMs);
        QCOMPARE(a.tls.used, b.tls.used);
        QCOMPARE(a.tls.errors, b.tls.errors);
        QCOMPARE(a.tls.peerExpiry, b.tls.peerExpiry);
        QCOMPARE(a.tls.alpn, b.tls.alpn);
        QCOMPARE(a.tls.chain, b.tls.chain);
        QCOMPARE(a.tls.clientCertificate, b.tls.clientCertificate);
        QVERIFY(a.connection == b.connection);
        QCOMPARE(a.notes, b.notes);
    }
    QVERIFY(t.context);
    QVERIFY(*t.context == *original.context);
    QCOMPARE(t.outcome.kind, original.outcome.kind);
    QCOMPARE(t.outcome.message, original.outcome.message);
    QCOMPARE(t.outcome.finalUrl, original.outcome.finalUrl);
    // Writing what was read gives the same bytes.
    QCOMPARE(traceToJsonBytes(t), bytes);
}

void tst_TraceJson::viaOfOlderTraces()
{
    // Traces written before "via" existed: the first hop is the request, synthetic ones are HSTS, the rest
    // redirects; and no context.
    QJsonObject o = traceToJson(sampleTrace());
    QJsonArray hops = o.value(QLatin1String("hops")).toArray();
    for (qsizetype i = 0; i < hops.size(); ++i) {
        QJsonObject h = hops.at(i).toObject();
        h.remove(QLatin1String("via"));
        hops.replace(i, h);
    }
    o.insert(QLatin1String("hops"), hops);
    o.remove(QLatin1String("context"));
    const TraceLoadResult loaded = traceFromJson(QJsonDocument(o).toJson());
    QVERIFY2(loaded.trace, qPrintable(loaded.error));
    QCOMPARE(loaded.trace->hops.at(0).via, HopVia::Request);
    QCOMPARE(loaded.trace->hops.at(1).via, HopVia::Hsts);
    QCOMPARE(loaded.trace->hops.at(2).via, HopVia::Redirect);
    QVERIFY(!loaded.trace->context);
}

void tst_TraceJson::pausedMsOfOlderTraces()
{
    // Traces written before step-through pauses were recorded: no pausedMs, read as no pause.
    QJsonObject o = traceToJson(sampleTrace());
    QJsonArray hops = o.value(QLatin1String("hops")).toArray();
    for (qsizetype i = 0; i < hops.size(); ++i) {
        QJsonObject h = hops.at(i).toObject();
        QJsonObject timing = h.value(QLatin1String("timing")).toObject();
        timing.remove(QLatin1String("pausedMs"));
        h.insert(QLatin1String("timing"), timing);
        hops.replace(i, h);
    }
    o.insert(QLatin1String("hops"), hops);
    const TraceLoadResult loaded = traceFromJson(QJsonDocument(o).toJson());
    QVERIFY2(loaded.trace, qPrintable(loaded.error));
    for (const Hop &hop : loaded.trace->hops)
        QCOMPARE(hop.pausedMs, 0.0);
    QCOMPARE(loaded.trace->hops.at(1).timing.startMs, 1.5);
    QCOMPARE(loaded.trace->pausedBeforeMs(2), 0.0);
    QCOMPARE(sampleTrace().pausedBeforeMs(2), 30995.25);
}

void tst_TraceJson::loadErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("errorStart");
    QTest::newRow("empty") << QByteArray()
                           << QStringLiteral("line 1, column 1: empty, expected a JSON document");
    QTest::newRow("blank") << QByteArray(" \n\t")
                           << QStringLiteral("line 1, column 1: empty, expected a JSON document");
    const QString text = QStringLiteral("{\"format\": \"redirect-workbench-trace\"}");
    const QByteArray utf16(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);  // little-endian
    QTest::newRow("utf-16 with BOM") << QByteArray("\xff\xfe", 2) + utf16
                                     << QStringLiteral("line 1, column 1: the text is UTF-16, not UTF-8");
    QTest::newRow("utf-16 without BOM")
        << utf16 << QStringLiteral("line 1, column 1: the text is UTF-16, not UTF-8");
    QTest::newRow("truncated") << QByteArray("{\n  \"format\": \"redirect-workbench-trace\",\n  \"hops\": [")
                               << QStringLiteral("line 3");
    QTest::newRow("binary") << QByteArray("\x00\x01\xff\xfe garbage", 12) << QStringLiteral("line 1");
    QTest::newRow("not a trace") << QByteArray("{\"format\": \"something-else\"}")
                                 << QStringLiteral("format:");
    QTest::newRow("newer version") << QByteArray("{\"format\": \"redirect-workbench-trace\", \"version\": 2}")
                                   << QStringLiteral("version: 2 is newer than this program reads (1)");
    QTest::newRow("hops not array") << QByteArray(
        "{\"format\": \"redirect-workbench-trace\", \"version\": 1, \"hops\": {}}")
                                    << QStringLiteral("hops:");
    QTest::newRow("header not a pair") << QByteArray(
        "{\"format\": \"redirect-workbench-trace\", \"version\": 1, \"hops\": [{\"request\": {\"method\": "
        "\"GET\", \"url\": \"http://a/\", \"headers\": [[\"Host\"]]}}], \"outcome\": {\"kind\": \"final\"}}")
                                       << QStringLiteral("hops[0].request.headers[0]:");
    const QByteArray oneHop =
        "{\"format\": \"redirect-workbench-trace\", \"version\": 1, %1\"hops\": "
        "[{\"request\": {\"method\": \"GET\", \"url\": \"http://a/\", \"headers\": []}%2}], "
        "\"outcome\": {\"kind\": \"final\"}}";
    auto with = [&oneHop](const char *traceField, const char *hopField) {
        return QByteArray(oneHop).replace("%1", traceField).replace("%2", hopField);
    };
    QTest::newRow("unknown via") << with("", ", \"via\": \"teleport\"")
                                 << QStringLiteral("hops[0].via: \"teleport\" is not request");
    QTest::newRow("refresh delay negative") << with("", ", \"refreshDelayMs\": -1")
                                            << QStringLiteral("hops[0].refreshDelayMs: expected an integer");
    QTest::newRow("refresh delay not a number")
        << with("", ", \"refreshDelayMs\": \"1 s\"") << QStringLiteral("hops[0].refreshDelayMs: expected");
    QTest::newRow("via not a string") << with("", ", \"via\": 3") << QStringLiteral("hops[0].via: expected");
    QTest::newRow("connection without port") << with("", ", \"connection\": {\"address\": \"127.0.0.1\"}")
                                             << QStringLiteral("hops[0].connection.port: missing");
    QTest::newRow("proxy without url")
        << with("", ", \"connection\": {\"proxy\": {}}")
        << QStringLiteral("hops[0].connection.proxy.url: missing, expected a string");
    QTest::newRow("connection port 0")
        << with("", ", \"connection\": {\"address\": \"127.0.0.1\", \"port\": 0}")
        << QStringLiteral("hops[0].connection.port: expected an integer");
    QTest::newRow("connection to a name")
        << with("", ", \"connection\": {\"address\": \"a.test\", \"port\": 80}")
        << QStringLiteral("hops[0].connection.address: expected an IP address");
    QTest::newRow("context not an object") << with("\"context\": [], ", "") << QStringLiteral("context:");
    QTest::newRow("unknown mode") << with("\"context\": {\"mode\": \"walk\"}, ", "")
                                  << QStringLiteral("context.mode: \"walk\" is not one of navigate, fetch");
    QTest::newRow("unknown referrer policy")
        << with("\"context\": {\"referrerPolicy\": \"never\"}, ", "")
        << QStringLiteral("context.referrerPolicy: \"never\" is not one of no-referrer,");
    QTest::newRow("relative from") << with("\"context\": {\"from\": \"/page\"}, ", "")
                                   << QStringLiteral("context.from: expected an absolute");
    QTest::newRow("status not a number") << QByteArray(
        "{\"format\": \"redirect-workbench-trace\", \"version\": 1, \"hops\": [{\"request\": {\"method\": "
        "\"GET\", \"url\": \"http://a/\", \"headers\": []}, \"response\": {\"status\": \"302\"}}], "
        "\"outcome\": {\"kind\": \"final\"}}")
                                         << QStringLiteral("hops[0].response.status:");
    QTest::newRow("unknown outcome") << QByteArray(
        "{\"format\": \"redirect-workbench-trace\", \"version\": 1, \"hops\": [], \"outcome\": {\"kind\": "
        "\"exploded\"}}") << QStringLiteral("outcome.kind:");
    // Issue 16: a field of the wrong type is named, never read as a default.
    QTest::newRow("version a string")
        << QByteArray("{\"format\": \"redirect-workbench-trace\", \"version\": \"1\"}")
        << QStringLiteral("version: expected an integer from 1 to");
    QTest::newRow("version null") << QByteArray(
        "{\"format\": \"redirect-workbench-trace\", \"version\": null}")
                                  << QStringLiteral("version: expected an integer from 1 to");
    QTest::newRow("version missing") << QByteArray("{\"format\": \"redirect-workbench-trace\"}")
                                     << QStringLiteral("version: missing, expected an integer");
    QTest::newRow("status 1e300") << with("", ", \"response\": {\"status\": 1e300, \"headers\": []}")
                                  << QStringLiteral(
                                         "hops[0].response.status: expected an integer from 0 to 999");
    QTest::newRow("status fraction") << with("", ", \"response\": {\"status\": 301.5, \"headers\": []}")
                                     << QStringLiteral("hops[0].response.status: expected an integer");
    QTest::newRow("bodySize negative")
        << with("", ", \"response\": {\"status\": 200, \"headers\": [], \"bodySize\": -4}")
        << QStringLiteral("hops[0].response.bodySize: expected an integer");
    QTest::newRow("reason a number") << with(
        "", ", \"response\": {\"status\": 200, \"headers\": [], \"reason\": 7}")
                                     << QStringLiteral("hops[0].response.reason: expected a string");
    // A URL that does not parse is named, not read as an empty one (found by the trace fuzzer's round trip).
    QTest::newRow("location not a URL")
        << with("", ", \"response\": {\"status\": 302, \"headers\": [], \"location\": \"http://a:1 2/x\"}")
        << QStringLiteral("hops[0].response.location: not a valid URL: ");
    QTest::newRow("request URL not a URL")
        << QByteArray(oneHop).replace("http://a/", "http://a:x/").replace("%1", "").replace("%2", "")
        << QStringLiteral("hops[0].request.url: not a valid URL: ");
    QTest::newRow("final URL not a URL") << QByteArray(oneHop).replace("%1", "").replace("%2", "").replace(
        "\"final\"", "\"final\", \"finalUrl\": \"http://[a/\"")
                                         << QStringLiteral("outcome.finalUrl: not a valid URL: ");
    QTest::newRow("edited a string") << with("", ", \"edited\": \"yes\"")
                                     << QStringLiteral("hops[0].edited: expected true or false");
    QTest::newRow("timing a list") << with("", ", \"timing\": [1, 2]")
                                   << QStringLiteral("hops[0].timing: expected an object");
    QTest::newRow("startMs a string") << with("", ", \"timing\": {\"startMs\": \"0\"}")
                                      << QStringLiteral("hops[0].timing.startMs: expected a number");
    QTest::newRow("error a string") << with("", ", \"error\": \"boom\"")
                                    << QStringLiteral("hops[0].error: expected an object");
    QTest::newRow("note without code") << with("", ", \"notes\": [{\"message\": \"m\"}]")
                                       << QStringLiteral("hops[0].notes[0].code: missing, expected a string");
    QTest::newRow("note a string") << with("", ", \"notes\": [\"loop\"]")
                                   << QStringLiteral("hops[0].notes[0]: expected a note");
    QTest::newRow("tls errors not strings") << with("", ", \"tls\": {\"errors\": [1]}")
                                            << QStringLiteral("hops[0].tls.errors[0]: expected a string");
    QTest::newRow("profile a number")
        << with("\"profile\": 5, ", "") << QStringLiteral("profile: expected a string");
    QTest::newRow("missing url") << QByteArray(
        "{\"format\": \"redirect-workbench-trace\", \"version\": 1, \"hops\": [{\"request\": {\"method\": "
        "\"GET\", \"headers\": []}}], \"outcome\": {\"kind\": \"final\"}}")
                                 << QStringLiteral("hops[0].request.url: missing, expected a string");
    QTest::newRow("missing request") << QByteArray("{\"format\": \"redirect-workbench-trace\", \"version\": "
                                                   "1, \"hops\": [{}], \"outcome\": {\"kind\": \"final\"}}")
                                     << QStringLiteral("hops[0].request: missing, expected an object");
    QTest::newRow("missing outcome") << QByteArray(
        "{\"format\": \"redirect-workbench-trace\", \"version\": 1, \"hops\": []}")
                                     << QStringLiteral("outcome: missing, expected an object");
    QTest::newRow("finalStatus 1e300") << QByteArray(
        "{\"format\": \"redirect-workbench-trace\", \"version\": 1, \"hops\": [], \"outcome\": {\"kind\": "
        "\"final\", \"finalStatus\": 1e300}}")
                                       << QStringLiteral(
                                              "outcome.finalStatus: expected an integer from 0 to 999");
    QTest::newRow("repeatsHop past the hops") << QByteArray(
        "{\"format\": \"redirect-workbench-trace\", \"version\": 1, \"hops\": [], \"outcome\": {\"kind\": "
        "\"loop\", \"repeatsHop\": 3}}")
                                              << QStringLiteral(
                                                     "outcome.repeatsHop: expected an integer from -1 to -1");
}

void tst_TraceJson::loadErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, errorStart);
    const TraceLoadResult r = traceFromJson(json);
    QVERIFY(!r.trace);
    QVERIFY2(r.error.startsWith(errorStart), qPrintable(r.error));
}

void tst_TraceJson::everyOutcomeKindHasAName()
{
    const QList<OutcomeKind> kinds{
        OutcomeKind::Final,         OutcomeKind::TooManyRedirects, OutcomeKind::Loop,
        OutcomeKind::BlockedScheme, OutcomeKind::InvalidLocation,  OutcomeKind::NetworkError,
        OutcomeKind::Timeout,       OutcomeKind::TlsError,         OutcomeKind::Stopped};
    const QStringList documented{QStringLiteral("final"),
                                 QStringLiteral("too-many-redirects"),
                                 QStringLiteral("loop"),
                                 QStringLiteral("blocked-scheme"),
                                 QStringLiteral("invalid-location"),
                                 QStringLiteral("network-error"),
                                 QStringLiteral("timeout"),
                                 QStringLiteral("tls-error"),
                                 QStringLiteral("stopped")};
    for (qsizetype i = 0; i < kinds.size(); ++i) {
        QCOMPARE(outcomeKindName(kinds.at(i)), documented.at(i));
        QCOMPARE(outcomeKindFromName(documented.at(i)), kinds.at(i));
    }
    QVERIFY(!outcomeKindFromName(QStringLiteral("nope")));
}

void tst_TraceJson::outcomeMembers_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QUrl>("finalUrl");
    QTest::addColumn<QByteArray>("expected");  // the members inside an object, as written
    QTest::newRow("final")
        << int(OutcomeKind::Final) << QStringLiteral("200 OK after 1 redirect")
        << QUrl(QStringLiteral("http://a.test/caf\u00e9"))
        << QByteArray("{\n    \"kind\": \"final\",\n    \"message\": \"200 OK after 1 redirect\",\n"
                      "    \"finalUrl\": \"http://a.test/caf%C3%A9\"\n}\n");
    QTest::newRow("loop, no URL") << int(OutcomeKind::Loop) << QString() << QUrl()
                                  << QByteArray("{\n    \"kind\": \"loop\",\n    \"message\": \"\",\n"
                                                "    \"finalUrl\": \"\"\n}\n");
}

// What the trace's "outcome" and HAR's "_outcome" both start with; finalStatus and repeatsHop are not
// among them.
void tst_TraceJson::outcomeMembers()
{
    QFETCH(int, kind);
    QFETCH(QString, message);
    QFETCH(QUrl, finalUrl);
    QFETCH(QByteArray, expected);
    Outcome outcome;
    outcome.kind = OutcomeKind(kind);
    outcome.message = message;
    outcome.finalUrl = finalUrl;
    outcome.finalStatus = 200;
    outcome.repeatsHop = 0;
    JsonWriter j;
    j.beginObject();
    writeOutcomeMembers(j, outcome);
    j.endObject();
    QCOMPARE(j.finish(), expected);
}

QTEST_GUILESS_MAIN(tst_TraceJson)
#include "tst_tracejson.moc"
