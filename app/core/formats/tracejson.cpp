#include "core/formats/tracejson.h"

#include "core/formats/contextjson.h"
#include "core/json/jsonreader.h"
#include "core/json/jsonwriter.h"

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
// trace would not make sense without it: hops, methods, headers, statuses, the outcome.

// Text, else base64 under KEYBase64, as hopOut() writes them; undecodable base64 gives what decodes.
QByteArray bodyIn(const QJsonObject &o, const char *key, const char *keyBase64)
{
    if (o.contains(QLatin1String(key)))
        return o.value(QLatin1String(key)).toString().toUtf8();
    return QByteArray::fromBase64(o.value(QLatin1String(keyBase64)).toString().toLatin1());
}

bool headersIn(const JsonReader &in, HeaderList *out)
{
    if (!in.value().isArray())
        return in.fail(QStringLiteral("expected an array of [name, value] pairs"));
    const QJsonArray pairs = in.value().toArray();
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        const QJsonArray pair = pairs.at(i).toArray();
        if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
            return in.at(i).fail(QStringLiteral("expected a [name, value] pair of strings"));
        out->append({pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8()});
    }
    return true;
}

bool responseIn(const JsonReader &in, WireResponse *r)
{
    const JsonReader status = in.at("status");
    double number = 0;
    if (!status.number(&number, JsonReader::Need::Required))
        return false;
    r->status = status.value().toInt();  // a fraction reads as 0
    const QJsonObject o = in.value().toObject();
    r->reason = o.value(QLatin1String("reason")).toString().toLatin1();
    r->httpVersion = o.value(QLatin1String("httpVersion")).toString().toLatin1();
    if (!headersIn(in.at("headers"), &r->headers))
        return false;
    r->bodySize = qint64(o.value(QLatin1String("bodySize")).toDouble());
    r->bodyPreview = bodyIn(o, "bodyPreview", "bodyPreviewBase64");
    r->bodyTruncated = o.value(QLatin1String("bodyTruncated")).toBool();
    r->location = QUrl::fromEncoded(o.value(QLatin1String("location")).toString().toUtf8());
    return true;
}

void tlsIn(const QJsonObject &tls, TlsInfo *out)
{
    out->used = true;
    out->protocol = tls.value(QLatin1String("protocol")).toString();
    out->cipher = tls.value(QLatin1String("cipher")).toString();
    out->peerSubject = tls.value(QLatin1String("peerSubject")).toString();
    out->peerIssuer = tls.value(QLatin1String("peerIssuer")).toString();
    out->peerExpiry = QDateTime::fromString(tls.value(QLatin1String("peerExpiry")).toString(), Qt::ISODate);
    for (const QJsonValue &e : tls.value(QLatin1String("errors")).toArray())
        out->errors.append(e.toString());
}

bool hopIn(const JsonReader &in, int i, Hop *out)
{
    if (!in.object(JsonReader::Need::Required))
        return false;
    const QJsonObject o = in.value().toObject();
    out->index = o.value(QLatin1String("index")).toInt(i);
    out->synthetic = o.value(QLatin1String("synthetic")).toBool();
    out->edited = o.value(QLatin1String("edited")).toBool();
    // Absent in traces of earlier versions: the first hop was the request, the HSTS hops were synthetic,
    // every other hop a redirect.
    out->via = i == 0 ? HopVia::Request : (out->synthetic ? HopVia::Hsts : HopVia::Redirect);
    static const QString unknownVia =
        QStringLiteral("is not request, redirect, hsts, refresh-header or meta-refresh");
    if (!in.at("via").name(&out->via, hopViaFromName, unknownVia))
        return false;
    if (o.contains(QLatin1String("refreshDelayMs"))) {
        qint64 delay = 0;
        if (!in.at("refreshDelayMs").integer(&delay, 0, std::numeric_limits<qint64>::max() / 2))
            return false;
        out->refreshDelayMs = delay;
    }
    const JsonReader request = in.at("request");
    QString method;
    if (!request.at("method").string(&method, JsonReader::Need::Required))
        return false;
    const QJsonObject req = request.value().toObject();
    out->request.method = method.toLatin1();
    out->request.url = QUrl::fromEncoded(req.value(QLatin1String("url")).toString().toUtf8());
    if (!headersIn(request.at("headers"), &out->request.headers))
        return false;
    out->request.body = bodyIn(req, "body", "bodyBase64");
    const JsonReader response = in.at("response");
    if (response.value().isObject()) {
        WireResponse r;
        if (!responseIn(response, &r))
            return false;
        out->response = r;
    } else if (!response.isAbsentOrNull()) {
        return response.fail(QStringLiteral("expected an object or null"));
    }
    const QJsonObject err = o.value(QLatin1String("error")).toObject();
    if (!err.isEmpty())
        out->error = HopError{err.value(QLatin1String("code")).toString(),
                              err.value(QLatin1String("message")).toString()};
    const QJsonObject t = o.value(QLatin1String("timing")).toObject();
    out->timing.startMs = t.value(QLatin1String("startMs")).toDouble();
    out->timing.responseMs = t.value(QLatin1String("responseMs")).toDouble();
    out->timing.endMs = t.value(QLatin1String("endMs")).toDouble();
    out->pausedMs = std::max(0.0, t.value(QLatin1String("pausedMs")).toDouble());
    const QJsonObject tls = o.value(QLatin1String("tls")).toObject();
    if (!tls.isEmpty())
        tlsIn(tls, &out->tls);
    const JsonReader notes = in.at("notes");
    if (!notes.array())
        return false;
    for (const QJsonValue &n : notes.value().toArray()) {
        const QJsonObject no = n.toObject();
        Note note(no.value(QLatin1String("code")).toString(), no.value(QLatin1String("message")).toString());
        note.subject = no.value(QLatin1String("subject")).toString();
        note.reason = no.value(QLatin1String("reason")).toString();
        out->notes.append(std::move(note));
    }
    return true;
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
    const int v = version.value().toInt(-1);
    if (v < 1 || v > kTraceFormatVersion) {
        version.fail(QStringLiteral("%1 is not supported (this build reads up to %2)")
                         .arg(version.value().toVariant().toString())
                         .arg(kTraceFormatVersion));
        return std::nullopt;
    }
    Trace trace;
    trace.profile = in.at("profile").value().toString();
    trace.startedAt = QDateTime::fromString(in.at("startedAt").value().toString(), Qt::ISODateWithMs);
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
    const JsonReader kindName = outcome.at("kind");
    const auto kind = outcomeKindFromName(kindName.value().toString());
    if (!kind) {
        kindName.fail(QStringLiteral("\"%1\" is not a known outcome").arg(kindName.value().toString()));
        return std::nullopt;
    }
    trace.outcome.kind = *kind;
    trace.outcome.message = outcome.at("message").value().toString();
    trace.outcome.finalUrl = QUrl::fromEncoded(outcome.at("finalUrl").value().toString().toUtf8());
    trace.outcome.finalStatus = outcome.at("finalStatus").value().toInt();
    trace.outcome.repeatsHop = outcome.at("repeatsHop").value().toInt(-1);
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
