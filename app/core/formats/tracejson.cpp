#include "core/formats/tracejson.h"

#include "core/json/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace Rwb {

namespace {

QByteArray getBody(const QJsonObject &o, const char *key)
{
    if (o.contains(QLatin1String(key)))
        return o.value(QLatin1String(key)).toString().toUtf8();
    return QByteArray::fromBase64(
        o.value(QLatin1String(key) + QLatin1String("Base64")).toString().toLatin1());
}

double ms(double v)
{
    return std::round(v * 1000.0) / 1000.0;  // microsecond resolution is plenty
}

// Header bytes as text: UTF-8 where valid (a Location with UTF-8 stays readable), else Latin-1.
void headerString(JsonWriter &j, const QByteArray &bytes)
{
    j.string(isUtf8(bytes) ? bytes : QString::fromLatin1(bytes).toUtf8());
}

void headersOut(JsonWriter &j, const HeaderList &headers)
{
    j.beginArray();
    for (const HeaderPair &h : headers) {
        j.beginArray();
        headerString(j, h.first);
        headerString(j, h.second);
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
        headerString(j, r.reason);
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
        j.beginObject();
        j.key("code");
        j.value(hop.error->code);
        j.key("message");
        j.value(hop.error->message);
        j.endObject();
    }
    j.key("timing");
    j.beginObject();
    j.key("startMs");
    j.value(ms(hop.timing.startMs));
    j.key("responseMs");
    j.value(ms(hop.timing.responseMs));
    j.key("endMs");
    j.value(ms(hop.timing.endMs));
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
    j.key("hops");
    j.beginArray();
    for (const Hop &hop : trace.hops)
        hopOut(j, hop);
    j.endArray();
    j.key("outcome");
    j.beginObject();
    j.key("kind");
    j.value(outcomeKindName(trace.outcome.kind));
    j.key("message");
    j.value(trace.outcome.message);
    j.key("finalUrl");
    j.string(trace.outcome.finalUrl.toEncoded());
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

struct Reader {
    QString prefix;  // "items[0].lastTrace." or empty
    QString error;

    bool fail(const QString &field, const char *expected)
    {
        if (error.isEmpty())
            error = QStringLiteral("%1%2: expected %3").arg(prefix, field, QLatin1String(expected));
        return false;
    }
    bool headers(const QJsonValue &v, const QString &field, HeaderList &out)
    {
        if (!v.isArray())
            return fail(field, "an array of [name, value] pairs");
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QJsonArray pair = a.at(i).toArray();
            if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
                return fail(QStringLiteral("%1[%2]").arg(field).arg(i), "a [name, value] pair of strings");
            out.append({pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8()});
        }
        return true;
    }
    bool hop(const QJsonValue &v, int i, Hop &out)
    {
        const QString f = QStringLiteral("hops[%1]").arg(i);
        if (!v.isObject())
            return fail(f, "an object");
        const QJsonObject o = v.toObject();
        out.index = o.value(QLatin1String("index")).toInt(i);
        out.synthetic = o.value(QLatin1String("synthetic")).toBool();
        out.edited = o.value(QLatin1String("edited")).toBool();
        const QJsonObject req = o.value(QLatin1String("request")).toObject();
        if (!req.value(QLatin1String("method")).isString())
            return fail(f + QLatin1String(".request.method"), "a string");
        out.request.method = req.value(QLatin1String("method")).toString().toLatin1();
        out.request.url = QUrl::fromEncoded(req.value(QLatin1String("url")).toString().toUtf8());
        if (!headers(req.value(QLatin1String("headers")), f + QLatin1String(".request.headers"),
                     out.request.headers))
            return false;
        out.request.body = getBody(req, "body");
        const QJsonValue respValue = o.value(QLatin1String("response"));
        if (respValue.isObject()) {
            const QJsonObject resp = respValue.toObject();
            WireResponse r;
            if (!resp.value(QLatin1String("status")).isDouble())
                return fail(f + QLatin1String(".response.status"), "a number");
            r.status = resp.value(QLatin1String("status")).toInt();
            r.reason = resp.value(QLatin1String("reason")).toString().toLatin1();
            r.httpVersion = resp.value(QLatin1String("httpVersion")).toString().toLatin1();
            if (!headers(resp.value(QLatin1String("headers")), f + QLatin1String(".response.headers"),
                         r.headers))
                return false;
            r.bodySize = qint64(resp.value(QLatin1String("bodySize")).toDouble());
            r.bodyPreview = getBody(resp, "bodyPreview");
            r.bodyTruncated = resp.value(QLatin1String("bodyTruncated")).toBool();
            r.location = QUrl::fromEncoded(resp.value(QLatin1String("location")).toString().toUtf8());
            out.response = r;
        } else if (!respValue.isNull() && !respValue.isUndefined()) {
            return fail(f + QLatin1String(".response"), "an object or null");
        }
        const QJsonObject err = o.value(QLatin1String("error")).toObject();
        if (!err.isEmpty())
            out.error = HopError{err.value(QLatin1String("code")).toString(),
                                 err.value(QLatin1String("message")).toString()};
        const QJsonObject t = o.value(QLatin1String("timing")).toObject();
        out.timing = {t.value(QLatin1String("startMs")).toDouble(),
                      t.value(QLatin1String("responseMs")).toDouble(),
                      t.value(QLatin1String("endMs")).toDouble()};
        const QJsonObject tls = o.value(QLatin1String("tls")).toObject();
        if (!tls.isEmpty()) {
            out.tls.used = true;
            out.tls.protocol = tls.value(QLatin1String("protocol")).toString();
            out.tls.cipher = tls.value(QLatin1String("cipher")).toString();
            out.tls.peerSubject = tls.value(QLatin1String("peerSubject")).toString();
            out.tls.peerIssuer = tls.value(QLatin1String("peerIssuer")).toString();
            out.tls.peerExpiry =
                QDateTime::fromString(tls.value(QLatin1String("peerExpiry")).toString(), Qt::ISODate);
            for (const QJsonValue &e : tls.value(QLatin1String("errors")).toArray())
                out.tls.errors.append(e.toString());
        }
        const QJsonValue notes = o.value(QLatin1String("notes"));
        if (!notes.isUndefined() && !notes.isArray())
            return fail(f + QLatin1String(".notes"), "an array");
        for (const QJsonValue &n : notes.toArray()) {
            const QJsonObject no = n.toObject();
            out.notes.append(
                {no.value(QLatin1String("code")).toString(), no.value(QLatin1String("message")).toString()});
        }
        return true;
    }
};

}  // namespace

QString jsonPosition(const QByteArray &json, qsizetype offset)
{
    int line = 1, column = 1;
    for (qsizetype i = 0; i < offset && i < json.size(); ++i) {
        if (json.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

QString jsonParseErrorMessage(const QByteArray &json, const QJsonParseError &error)
{
    return QStringLiteral("%1: %2").arg(jsonPosition(json, error.offset), error.errorString());
}

TraceLoadResult traceFromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return {std::nullopt, jsonParseErrorMessage(json, parseError)};
    if (!doc.isObject())
        return {std::nullopt, QStringLiteral("format: not a redirect-workbench-trace")};
    return traceFromJsonObject(doc.object());
}

TraceLoadResult traceFromJsonObject(const QJsonObject &o, const QString &fieldPrefix)
{
    TraceLoadResult result;
    const QString p = fieldPrefix.isEmpty() ? QString() : fieldPrefix + QLatin1Char('.');
    if (o.value(QLatin1String("format")).toString() != QLatin1String("redirect-workbench-trace")) {
        result.error = p + QStringLiteral("format: not a redirect-workbench-trace");
        return result;
    }
    const int version = o.value(QLatin1String("version")).toInt(-1);
    if (version < 1 || version > kTraceFormatVersion) {
        result.error = p
                       + QStringLiteral("version: %1 is not supported (this build reads up to %2)")
                             .arg(o.value(QLatin1String("version")).toVariant().toString())
                             .arg(kTraceFormatVersion);
        return result;
    }
    Trace trace;
    trace.profile = o.value(QLatin1String("profile")).toString();
    trace.startedAt =
        QDateTime::fromString(o.value(QLatin1String("startedAt")).toString(), Qt::ISODateWithMs);
    Reader reader;
    reader.prefix = p;
    const QJsonValue hops = o.value(QLatin1String("hops"));
    if (!hops.isArray()) {
        result.error = p + QStringLiteral("hops: expected an array");
        return result;
    }
    const QJsonArray hopArray = hops.toArray();
    for (qsizetype i = 0; i < hopArray.size(); ++i) {
        Hop hop;
        if (!reader.hop(hopArray.at(i), int(i), hop)) {
            result.error = reader.error;
            return result;
        }
        trace.hops.append(hop);
    }
    const QJsonObject outcome = o.value(QLatin1String("outcome")).toObject();
    const auto kind = outcomeKindFromName(outcome.value(QLatin1String("kind")).toString());
    if (!kind) {
        result.error = p
                       + QStringLiteral("outcome.kind: \"%1\" is not a known outcome")
                             .arg(outcome.value(QLatin1String("kind")).toString());
        return result;
    }
    trace.outcome.kind = *kind;
    trace.outcome.message = outcome.value(QLatin1String("message")).toString();
    trace.outcome.finalUrl = QUrl::fromEncoded(outcome.value(QLatin1String("finalUrl")).toString().toUtf8());
    trace.outcome.finalStatus = outcome.value(QLatin1String("finalStatus")).toInt();
    trace.outcome.repeatsHop = outcome.value(QLatin1String("repeatsHop")).toInt(-1);
    result.trace = trace;
    return result;
}

void writeNotesJson(JsonWriter &j, const NoteList &notes)
{
    j.beginArray();
    for (const Note &n : notes) {
        j.beginObject();
        j.key("code");
        j.value(n.code);
        j.key("message");
        j.value(n.message);
        j.endObject();
    }
    j.endArray();
}

}  // namespace Rwb
