#include "tracejson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace Rwb {

namespace {

// Header bytes read as UTF-8 where they are valid UTF-8 (a Location with UTF-8 stays readable), else as
// Latin-1.
QString headerText(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    return text.toUtf8() == bytes ? text : QString::fromLatin1(bytes);
}

QJsonArray headersToJson(const HeaderList &headers)
{
    QJsonArray out;
    for (const HeaderPair &h : headers)
        out.append(QJsonArray{headerText(h.first), headerText(h.second)});
    return out;
}

// Bodies are text when they are valid UTF-8, base64 otherwise.
void putBody(QJsonObject &o, const char *key, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    const QString text = QString::fromUtf8(bytes);
    if (text.toUtf8() == bytes)
        o.insert(QLatin1String(key), text);
    else
        o.insert(QLatin1String(key) + QLatin1String("Base64"), QString::fromLatin1(bytes.toBase64()));
}

QByteArray getBody(const QJsonObject &o, const char *key)
{
    if (o.contains(QLatin1String(key)))
        return o.value(QLatin1String(key)).toString().toUtf8();
    return QByteArray::fromBase64(o.value(QLatin1String(key) + QLatin1String("Base64")).toString().toLatin1());
}

double ms(double v)
{
    return std::round(v * 1000.0) / 1000.0;  // microsecond resolution is plenty
}

QJsonObject hopToJson(const Hop &hop)
{
    QJsonObject h;
    h.insert(QLatin1String("index"), hop.index);
    h.insert(QLatin1String("synthetic"), hop.synthetic);
    if (hop.edited)
        h.insert(QLatin1String("edited"), true);
    QJsonObject req{{QLatin1String("method"), QString::fromLatin1(hop.request.method)},
                    {QLatin1String("url"), QString::fromUtf8(hop.request.url.toEncoded())},
                    {QLatin1String("headers"), headersToJson(hop.request.headers)},
                    {QLatin1String("bodySize"), hop.request.bodySize()}};
    putBody(req, "body", hop.request.body);
    h.insert(QLatin1String("request"), req);
    if (hop.response) {
        const WireResponse &r = *hop.response;
        QJsonObject resp{{QLatin1String("status"), r.status},
                         {QLatin1String("reason"), headerText(r.reason)},
                         {QLatin1String("httpVersion"), QString::fromLatin1(r.httpVersion)},
                         {QLatin1String("headers"), headersToJson(r.headers)},
                         {QLatin1String("bodySize"), r.bodySize}};
        putBody(resp, "bodyPreview", r.bodyPreview);
        if (r.bodyTruncated)
            resp.insert(QLatin1String("bodyTruncated"), true);
        if (!r.location.isEmpty())
            resp.insert(QLatin1String("location"), QString::fromUtf8(r.location.toEncoded()));
        h.insert(QLatin1String("response"), resp);
    } else {
        h.insert(QLatin1String("response"), QJsonValue::Null);
    }
    if (hop.error) {
        h.insert(QLatin1String("error"),
                 QJsonObject{{QLatin1String("code"), hop.error->code}, {QLatin1String("message"), hop.error->message}});
    }
    h.insert(QLatin1String("timing"), QJsonObject{{QLatin1String("startMs"), ms(hop.timing.startMs)},
                                                  {QLatin1String("responseMs"), ms(hop.timing.responseMs)},
                                                  {QLatin1String("endMs"), ms(hop.timing.endMs)}});
    if (hop.tls.used) {
        QJsonObject tls{{QLatin1String("protocol"), hop.tls.protocol},
                        {QLatin1String("cipher"), hop.tls.cipher},
                        {QLatin1String("peerSubject"), hop.tls.peerSubject},
                        {QLatin1String("peerIssuer"), hop.tls.peerIssuer},
                        {QLatin1String("errors"), QJsonArray::fromStringList(hop.tls.errors)}};
        if (hop.tls.peerExpiry.isValid())
            tls.insert(QLatin1String("peerExpiry"), hop.tls.peerExpiry.toUTC().toString(Qt::ISODate));
        h.insert(QLatin1String("tls"), tls);
    }
    QJsonArray notes;
    for (const Note &n : hop.notes)
        notes.append(QJsonObject{{QLatin1String("code"), n.code}, {QLatin1String("message"), n.message}});
    h.insert(QLatin1String("notes"), notes);
    return h;
}

}  // namespace

QJsonObject traceToJson(const Trace &trace)
{
    QJsonObject o;
    o.insert(QLatin1String("format"), QLatin1String("redirect-workbench-trace"));
    o.insert(QLatin1String("version"), kTraceFormatVersion);
    o.insert(QLatin1String("profile"), trace.profile);
    o.insert(QLatin1String("startedAt"), trace.startedAt.toUTC().toString(Qt::ISODateWithMs));
    QJsonArray hops;
    for (const Hop &hop : trace.hops)
        hops.append(hopToJson(hop));
    o.insert(QLatin1String("hops"), hops);
    QJsonObject outcome{{QLatin1String("kind"), outcomeKindName(trace.outcome.kind)},
                        {QLatin1String("message"), trace.outcome.message},
                        {QLatin1String("finalUrl"), QString::fromUtf8(trace.outcome.finalUrl.toEncoded())}};
    if (trace.outcome.finalStatus != 0)
        outcome.insert(QLatin1String("finalStatus"), trace.outcome.finalStatus);
    if (trace.outcome.repeatsHop >= 0)
        outcome.insert(QLatin1String("repeatsHop"), trace.outcome.repeatsHop);
    o.insert(QLatin1String("outcome"), outcome);
    return o;
}

QByteArray traceToJsonBytes(const Trace &trace)
{
    return QJsonDocument(traceToJson(trace)).toJson(QJsonDocument::Indented);
}

namespace {

struct Reader {
    QString error;

    bool fail(const QString &field, const char *expected)
    {
        if (error.isEmpty())
            error = QStringLiteral("%1: expected %2").arg(field, QLatin1String(expected));
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
        if (!headers(req.value(QLatin1String("headers")), f + QLatin1String(".request.headers"), out.request.headers))
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
            if (!headers(resp.value(QLatin1String("headers")), f + QLatin1String(".response.headers"), r.headers))
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
            out.error = HopError{err.value(QLatin1String("code")).toString(), err.value(QLatin1String("message")).toString()};
        const QJsonObject t = o.value(QLatin1String("timing")).toObject();
        out.timing = {t.value(QLatin1String("startMs")).toDouble(), t.value(QLatin1String("responseMs")).toDouble(),
                      t.value(QLatin1String("endMs")).toDouble()};
        const QJsonObject tls = o.value(QLatin1String("tls")).toObject();
        if (!tls.isEmpty()) {
            out.tls.used = true;
            out.tls.protocol = tls.value(QLatin1String("protocol")).toString();
            out.tls.cipher = tls.value(QLatin1String("cipher")).toString();
            out.tls.peerSubject = tls.value(QLatin1String("peerSubject")).toString();
            out.tls.peerIssuer = tls.value(QLatin1String("peerIssuer")).toString();
            out.tls.peerExpiry = QDateTime::fromString(tls.value(QLatin1String("peerExpiry")).toString(), Qt::ISODate);
            for (const QJsonValue &e : tls.value(QLatin1String("errors")).toArray())
                out.tls.errors.append(e.toString());
        }
        const QJsonValue notes = o.value(QLatin1String("notes"));
        if (!notes.isUndefined() && !notes.isArray())
            return fail(f + QLatin1String(".notes"), "an array");
        for (const QJsonValue &n : notes.toArray()) {
            const QJsonObject no = n.toObject();
            out.notes.append({no.value(QLatin1String("code")).toString(), no.value(QLatin1String("message")).toString()});
        }
        return true;
    }
};

// Line and column of a byte offset, for parse errors people can find.
QString position(const QByteArray &json, int offset)
{
    int line = 1, column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

}  // namespace

TraceLoadResult traceFromJson(const QByteArray &json)
{
    TraceLoadResult result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = QStringLiteral("%1: %2").arg(position(json, parseError.offset), parseError.errorString());
        return result;
    }
    const QJsonObject o = doc.object();
    if (!doc.isObject() || o.value(QLatin1String("format")).toString() != QLatin1String("redirect-workbench-trace")) {
        result.error = QStringLiteral("format: not a redirect-workbench-trace");
        return result;
    }
    const int version = o.value(QLatin1String("version")).toInt(-1);
    if (version < 1 || version > kTraceFormatVersion) {
        result.error = QStringLiteral("version: %1 is not supported (this build reads up to %2)")
                           .arg(o.value(QLatin1String("version")).toVariant().toString())
                           .arg(kTraceFormatVersion);
        return result;
    }
    Trace trace;
    trace.profile = o.value(QLatin1String("profile")).toString();
    trace.startedAt = QDateTime::fromString(o.value(QLatin1String("startedAt")).toString(), Qt::ISODateWithMs);
    Reader reader;
    const QJsonValue hops = o.value(QLatin1String("hops"));
    if (!hops.isArray()) {
        result.error = QStringLiteral("hops: expected an array");
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
        result.error = QStringLiteral("outcome.kind: \"%1\" is not a known outcome")
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

}  // namespace Rwb
