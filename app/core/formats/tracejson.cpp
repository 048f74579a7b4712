#include "core/formats/tracejson.h"

#include "core/formats/contextjson.h"
#include "core/json/jsonreader.h"
#include "core/json/jsonwriter.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

namespace Rwb {

namespace {

// Header bytes as headerText() reads them. UTF-8 (nearly always plain ASCII) goes out as it is: the round
// trip through QString would give the same bytes, and a long chain has tens of thousands of them.
void headerTextOut(JsonWriter &j, const QByteArray &bytes)
{
    if (isUtf8(bytes))
        j.string(bytes);
    else
        j.value(headerText(bytes));
}

void headersOut(JsonWriter &j, const HeaderList &headers)
{
    j.beginArray();
    for (const HeaderPair &h : headers) {
        j.beginArray();
        headerTextOut(j, h.first);
        headerTextOut(j, h.second);
        j.endArray();
    }
    j.endArray();
}

// Bodies are text when they are valid UTF-8, base64 under KEYBase64 otherwise.
void hopOut(JsonWriter &j, const Hop &hop)
{
    j.beginObject();
    j.key("index");
    j.value(hop.index);
    j.key("synthetic");
    j.value(hop.synthetic);
    j.key("via");
    j.value(hopViaName(hop.via));
    if (hop.refreshDelayMs) {
        j.key("refreshDelayMs");
        j.value(*hop.refreshDelayMs);
    }
    if (hop.edited) {
        j.key("edited");
        j.value(true);
    }
    j.key("request");
    j.beginObject();
    j.key("method");
    j.string(hop.request.method);
    j.key("url");
    j.string(hop.request.url.toEncoded());
    j.key("headers");
    headersOut(j, hop.request.headers);
    j.key("bodySize");
    j.value(hop.request.bodySize());
    j.bytesField("body", "bodyBase64", hop.request.body);
    j.endObject();
    j.key("response");
    if (hop.response) {
        const WireResponse &r = *hop.response;
        j.beginObject();
        j.key("status");
        j.value(r.status);
        j.key("reason");
        j.value(headerText(r.reason));
        j.key("httpVersion");
        j.string(r.httpVersion);
        j.key("headers");
        headersOut(j, r.headers);
        j.key("bodySize");
        j.value(r.bodySize);
        j.bytesField("bodyPreview", "bodyPreviewBase64", r.bodyPreview);
        if (r.bodyTruncated) {
            j.key("bodyTruncated");
            j.value(true);
        }
        if (!r.location.isEmpty()) {
            j.key("location");
            j.string(r.location.toEncoded());
        }
        j.endObject();
    } else {
        j.null();
    }
    if (hop.error) {
        j.key("error");
        j.stringObject({{"code", hop.error->code}, {"message", hop.error->message}});
    }
    j.key("timing");
    j.beginObject();
    j.key("startMs");
    j.value(roundedMs(hop.timing.startMs));
    j.key("responseMs");
    j.value(roundedMs(hop.timing.responseMs));
    j.key("endMs");
    j.value(roundedMs(hop.timing.endMs));
    if (hop.pausedMs > 0) {  // step mode only; absent in other traces and in older versions
        j.key("pausedMs");
        j.value(roundedMs(hop.pausedMs));
    }
    if (hop.timing.phases.known()) {  // absent when the relay did not carry the hop, and in older versions
        j.key("phases");
        j.beginObject();
        for (const auto &[key, value] : phaseFields(hop.timing.phases)) {
            if (*value >= 0) {  // a phase that did not happen is left out
                j.key(key);
                j.value(roundedMs(*value));
            }
        }
        j.endObject();
    }
    j.endObject();
    if (hop.tls.used) {
        j.key("tls");
        j.beginObject();
        j.key("protocol");
        j.value(hop.tls.protocol);
        j.key("cipher");
        j.value(hop.tls.cipher);
        j.key("peerSubject");
        j.value(hop.tls.peerSubject);
        j.key("peerIssuer");
        j.value(hop.tls.peerIssuer);
        if (hop.tls.peerExpiry.isValid()) {
            j.key("peerExpiry");
            j.value(hop.tls.peerExpiry.toUTC().toString(Qt::ISODate));
        }
        j.key("errors");
        j.beginArray();
        for (const QString &e : hop.tls.errors)
            j.value(e);
        j.endArray();
        if (!hop.tls.alpn.isEmpty()) {
            j.key("alpn");
            j.value(QString::fromLatin1(hop.tls.alpn));
        }
        if (!hop.tls.chain.isEmpty()) {
            j.key("chain");
            j.beginArray();
            for (const CertificateInfo &c : hop.tls.chain) {
                j.stringObject({{"subject", c.subject},
                                {"issuer", c.issuer},
                                {"notBefore", c.notBefore.toUTC().toString(Qt::ISODate)},
                                {"notAfter", c.notAfter.toUTC().toString(Qt::ISODate)}});
            }
            j.endArray();
        }
        if (!hop.tls.clientCertificate.isEmpty()) {
            j.key("clientCertificate");
            j.value(hop.tls.clientCertificate);
        }
        j.endObject();
    }
    if (!hop.connection.isEmpty()) {  // absent when the relay did not make the connection
        j.key("connection");
        j.beginObject();
        if (hop.connection.port != 0) {
            j.key("address");
            j.value(hop.connection.address);
            j.key("port");
            j.value(hop.connection.port);
            j.key("reused");
            j.value(hop.connection.reused);
        }
        if (!hop.connection.proxy.isEmpty()) {
            j.key("proxy");
            j.beginObject();
            j.key("url");
            j.value(hop.connection.proxy);
            j.bytesField("connectRequest", "connectRequestBase64", hop.connection.proxyConnect);
            j.bytesField("connectResponse", "connectResponseBase64", hop.connection.proxyConnectResponse);
            j.endObject();
        }
        j.endObject();
    }
    j.key("notes");
    writeNotesJson(j, hop.notes);
    j.endObject();
}

}  // namespace

// Keys in the documented order (shared/design/cli-and-trace-format.md), so a trace reads top-down.
void writeTraceJson(JsonWriter &j, const Trace &trace)
{
    j.beginObject();
    j.key("format");
    j.string(QByteArrayLiteral("redirect-workbench-trace"));
    j.key("version");
    j.value(kTraceFormatVersion);
    j.key("profile");
    j.value(trace.profile);
    j.key("startedAt");
    j.value(trace.startedAt.toUTC().toString(Qt::ISODateWithMs));
    if (trace.context) {
        j.key("context");
        writeRequestContextJson(j, *trace.context);
    }
    j.key("hops");
    j.beginArray();
    for (const Hop &hop : trace.hops)
        hopOut(j, hop);
    j.endArray();
    j.key("outcome");
    j.beginObject();
    writeOutcomeMembers(j, trace.outcome);
    if (trace.outcome.finalStatus != 0) {
        j.key("finalStatus");
        j.value(trace.outcome.finalStatus);
    }
    if (trace.outcome.repeatsHop >= 0) {
        j.key("repeatsHop");
        j.value(trace.outcome.repeatsHop);
    }
    j.endObject();
    j.endObject();
}

QByteArray traceToJsonBytes(const Trace &trace)
{
    JsonWriter j;
    j.reserve(1024 + trace.hops.size() * 2048);
    writeTraceJson(j, trace);
    return j.finish();
}

QJsonObject traceToJson(const Trace &trace)
{
    return QJsonDocument::fromJson(traceToJsonBytes(trace)).object();
}

namespace {

// Reading is lenient where a field is only shown (a missing reason reads as empty) and strict where the
// trace would not make sense without it: hops, methods, URLs, headers, statuses, the outcome. A field of
// the wrong type is an error naming it ("hops[0].response.status: expected an integer from 0 to 999"),
// never a silent default.
using Need = JsonReader::Need;

// A timing figure: a number, or null (the writer writes a NaN as null), which reads as `fallback`.
bool millisecondsIn(const JsonReader &in, double *out, double fallback = 0)
{
    if (in.value().isNull()) {
        *out = fallback;
        return true;
    }
    return in.number(out);
}

// Text that stands for bytes (a method, a reason phrase): Latin-1, as the writer wrote it.
bool latin1In(const JsonReader &in, QByteArray *out, Need need = Need::Optional)
{
    QString text;
    if (!in.string(&text, need))
        return false;
    *out = text.toLatin1();
    return true;
}

bool urlIn(const JsonReader &in, QUrl *out, Need need = Need::Optional)
{
    QString text;
    if (!in.string(&text, need))
        return false;
    *out = QUrl::fromEncoded(text.toUtf8());
    // QUrl keeps nothing of a URL that does not parse (it would be written back as ""): named, not lost.
    if (!text.isEmpty() && !out->isValid())
        return in.fail(QStringLiteral("not a valid URL: %1").arg(out->errorString()));
    return true;
}

bool headersIn(const JsonReader &in, HeaderList *out)
{
    if (!in.value().isArray())
        return in.fail(QStringLiteral("expected an array of [name, value] pairs"));
    const QJsonArray pairs = in.value().toArray();
    out->reserve(pairs.size());
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        const QJsonArray pair = pairs.at(i).toArray();
        if (!pairs.at(i).isArray() || pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
            return in.at(i).fail(QStringLiteral("expected a [name, value] pair of strings"));
        out->append({pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8()});
    }
    return true;
}

bool responseIn(const JsonReader &in, WireResponse *r)
{
    constexpr qint64 exactMax = 9007199254740992LL;  // 2^53: every integer up to it is exact in JSON
    return in.at("status").integer(&r->status, 0, 999, Need::RequiredSaysMissing)
           && latin1In(in.at("reason"), &r->reason) && latin1In(in.at("httpVersion"), &r->httpVersion)
           && headersIn(in.at("headers"), &r->headers) && in.at("bodySize").integer(&r->bodySize, 0, exactMax)
           && in.bytesField("bodyPreview", "bodyPreviewBase64", &r->bodyPreview)
           && in.at("bodyTruncated").boolean(&r->bodyTruncated) && urlIn(in.at("location"), &r->location);
}

bool tlsIn(const JsonReader &in, TlsInfo *out)
{
    out->used = true;
    QString expiry;
    if (!in.at("protocol").string(&out->protocol) || !in.at("cipher").string(&out->cipher)
        || !in.at("peerSubject").string(&out->peerSubject) || !in.at("peerIssuer").string(&out->peerIssuer)
        || !in.at("peerExpiry").string(&expiry) || !in.at("errors").strings(&out->errors)
        || !latin1In(in.at("alpn"), &out->alpn)
        || !in.at("clientCertificate").string(&out->clientCertificate))
        return false;
    out->peerExpiry = QDateTime::fromString(expiry, Qt::ISODate);
    const JsonReader chain = in.at("chain");
    if (chain.isAbsentOrNull())
        return true;
    if (!chain.array())
        return false;
    for (qsizetype i = 0; i < chain.size(); ++i) {
        const JsonReader c = chain.at(i);
        CertificateInfo info;
        QString notBefore;
        QString notAfter;
        if (!c.object(Need::Required, "a certificate object") || !c.at("subject").string(&info.subject)
            || !c.at("issuer").string(&info.issuer) || !c.at("notBefore").string(&notBefore)
            || !c.at("notAfter").string(&notAfter))
            return false;
        info.notBefore = QDateTime::fromString(notBefore, Qt::ISODate);
        info.notAfter = QDateTime::fromString(notAfter, Qt::ISODate);
        out->chain.append(info);
    }
    return true;
}

bool notesIn(const JsonReader &in, NoteList *out)
{
    if (!in.array())
        return false;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const JsonReader n = in.at(i);
        QString code;
        QString message;
        if (!n.object(Need::Required, "a note object with \"code\" and \"message\"")
            || !n.at("code").string(&code, Need::RequiredSaysMissing) || !n.at("message").string(&message))
            return false;
        Note note(code, message);
        if (!n.at("subject").string(&note.subject) || !n.at("reason").string(&note.reason))
            return false;
        out->append(std::move(note));
    }
    return true;
}

bool hopIn(const JsonReader &in, int i, Hop *out)
{
    if (!in.object(Need::Required))
        return false;
    out->index = i;
    if (!in.at("index").integer(&out->index, 0, std::numeric_limits<int>::max())
        || !in.at("synthetic").boolean(&out->synthetic) || !in.at("edited").boolean(&out->edited))
        return false;
    // Absent in traces of earlier versions: the first hop was the request, the HSTS hops were synthetic,
    // every other hop a redirect.
    out->via = i == 0 ? HopVia::Request : (out->synthetic ? HopVia::Hsts : HopVia::Redirect);
    static const QString unknownVia =
        QStringLiteral("is not request, redirect, hsts, refresh-header or meta-refresh");
    if (!in.at("via").name(&out->via, hopViaFromName, unknownVia))
        return false;
    if (in.has("refreshDelayMs")) {
        qint64 delay = 0;
        if (!in.at("refreshDelayMs").integer(&delay, 0, std::numeric_limits<qint64>::max() / 2))
            return false;
        out->refreshDelayMs = delay;
    }
    const JsonReader request = in.at("request");
    if (!request.object(Need::RequiredSaysMissing)
        || !latin1In(request.at("method"), &out->request.method, Need::RequiredSaysMissing)
        || !urlIn(request.at("url"), &out->request.url, Need::RequiredSaysMissing)
        || !headersIn(request.at("headers"), &out->request.headers)
        || !request.bytesField("body", "bodyBase64", &out->request.body))
        return false;
    const JsonReader response = in.at("response");
    if (response.value().isObject()) {
        WireResponse r;
        if (!responseIn(response, &r))
            return false;
        out->response = r;
    } else if (!response.isAbsentOrNull()) {
        return response.fail(QStringLiteral("expected an object or null"));
    }
    const JsonReader error = in.at("error");
    if (!error.isAbsentOrNull()) {
        HopError e;
        if (!error.object(Need::Required) || !error.at("code").string(&e.code, Need::RequiredSaysMissing)
            || !error.at("message").string(&e.message))
            return false;
        out->error = e;
    }
    const JsonReader timing = in.at("timing");
    if (!timing.object() || !millisecondsIn(timing.at("startMs"), &out->timing.startMs)
        || !millisecondsIn(timing.at("responseMs"), &out->timing.responseMs, -1)
        || !millisecondsIn(timing.at("endMs"), &out->timing.endMs)
        || !millisecondsIn(timing.at("pausedMs"), &out->pausedMs))
        return false;
    out->pausedMs = std::max(0.0, out->pausedMs);
    const JsonReader phases = timing.at("phases");
    if (!phases.isAbsentOrNull()) {
        if (!phases.object())
            return false;
        TimingPhases &p = out->timing.phases;
        for (const auto &[key, value] : phaseFields(p)) {
            if (!millisecondsIn(phases.at(key), value, -1))
                return false;
            if (*value < 0)
                *value = -1;
        }
    }
    const JsonReader tls = in.at("tls");
    if (!tls.isAbsentOrNull() && (!tls.object() || !tlsIn(tls, &out->tls)))
        return false;
    const JsonReader connection = in.at("connection");
    if (!connection.isAbsentOrNull()) {
        QHostAddress address;
        if (!connection.object())
            return false;
        const JsonReader proxy = connection.at("proxy");
        if (!proxy.isAbsentOrNull()
            && (!proxy.object() || !proxy.at("url").string(&out->connection.proxy, Need::RequiredSaysMissing)
                || !proxy.bytesField("connectRequest", "connectRequestBase64", &out->connection.proxyConnect)
                || !proxy.bytesField("connectResponse", "connectResponseBase64",
                                     &out->connection.proxyConnectResponse)))
            return false;
        // A proxy that refused the connection leaves no address (nothing came back over it).
        const Need need = out->connection.proxy.isEmpty() ? Need::RequiredSaysMissing : Need::Optional;
        if (!connection.at("address").string(&out->connection.address, need)
            || !connection.at("port").integer(&out->connection.port, 1, 65535, need)
            || !connection.at("reused").boolean(&out->connection.reused))
            return false;
        if (!out->connection.address.isEmpty() && !address.setAddress(out->connection.address))
            return connection.at("address").fail(QStringLiteral("expected an IP address"));
    }
    return notesIn(in.at("notes"), &out->notes);
}

}  // namespace

TraceLoadResult traceFromJson(const QByteArray &json)
{
    TraceLoadResult result;
    const auto doc = JsonReader::parse(json, &result.error);
    if (!doc)
        return result;
    if (!doc->isObject()) {
        result.error = QStringLiteral("format: not a redirect-workbench-trace");
        return result;
    }
    result.trace = readTraceJson(JsonReader(doc->object(), &result.error));
    return result;
}

std::optional<Trace> readTraceJson(const JsonReader &in)
{
    const JsonReader format = in.at("format");
    if (format.value().toString() != QLatin1String("redirect-workbench-trace")) {
        format.fail(QStringLiteral("not a redirect-workbench-trace"));
        return std::nullopt;
    }
    const JsonReader version = in.at("version");
    int v = 0;
    if (!version.integer(&v, 1, std::numeric_limits<int>::max(), Need::RequiredSaysMissing))
        return std::nullopt;
    if (v > kTraceFormatVersion) {
        version.fail(
            QStringLiteral("%1 is newer than this program reads (%2)").arg(v).arg(kTraceFormatVersion));
        return std::nullopt;
    }
    Trace trace;
    QString startedAt;
    if (!in.at("profile").string(&trace.profile) || !in.at("startedAt").string(&startedAt))
        return std::nullopt;
    trace.startedAt = QDateTime::fromString(startedAt, Qt::ISODateWithMs);
    if (in.has("context")) {
        RequestContext context;
        if (!readRequestContextJson(in.at("context"), &context))
            return std::nullopt;
        trace.context = context;
    }
    const JsonReader hops = in.at("hops");
    if (!hops.array(JsonReader::Need::Required))
        return std::nullopt;
    const qsizetype count = hops.size();
    for (qsizetype i = 0; i < count; ++i) {
        Hop hop;
        if (!hopIn(hops.at(i), int(i), &hop))
            return std::nullopt;
        trace.hops.append(hop);
    }
    const JsonReader outcome = in.at("outcome");
    if (!outcome.object(Need::RequiredSaysMissing)
        || !outcome.at("kind").name(&trace.outcome.kind, outcomeKindFromName,
                                    QStringLiteral("is not a known outcome"), Need::RequiredSaysMissing)
        || !outcome.at("message").string(&trace.outcome.message)
        || !urlIn(outcome.at("finalUrl"), &trace.outcome.finalUrl)
        || !outcome.at("finalStatus").integer(&trace.outcome.finalStatus, 0, 999)
        || !outcome.at("repeatsHop").integer(&trace.outcome.repeatsHop, -1, qMax<qint64>(-1, count - 1)))
        return std::nullopt;
    return trace;
}

void writeNotesJson(JsonWriter &j, const NoteList &notes)
{
    j.beginArray();
    for (const Note &n : notes) {
        if (n.subject.isEmpty() && n.reason.isEmpty()) {
            j.stringObject({{"code", n.code}, {"message", n.message}});
            continue;
        }
        // "subject" and "reason" only where set: older readers ignore them, older traces have none.
        j.stringObject(
            {{"code", n.code}, {"message", n.message}, {"subject", n.subject}, {"reason", n.reason}});
    }
    j.endArray();
}

void writeOutcomeMembers(JsonWriter &j, const Outcome &outcome)
{
    j.key("kind");
    j.value(outcomeKindName(outcome.kind));
    j.key("message");
    j.value(outcome.message);
    j.key("finalUrl");
    j.string(outcome.finalUrl.toEncoded());
}

}  // namespace Rwb
