#include "core/formats/harexport.h"

#include "core/formats/tracejson.h"
#include "core/json/jsonwriter.h"
#include "private/hoptext_p.h"

#include <QMimeDatabase>
#include <QNetworkCookie>
#include <QUrlQuery>

#include <cmath>

namespace Rwb {

namespace {

QString harHttpVersion(const QByteArray &version)
{
    if (version.isEmpty())
        return QStringLiteral("HTTP/1.1");
    if (version.startsWith("HTTP/"))
        return QString::fromLatin1(version);
    return QStringLiteral("HTTP/") + QString::fromLatin1(version == "2.0" ? QByteArray("2") : version);
}

QString guessedMimeType(const QByteArray &contentType, const QByteArray &body)
{
    if (!contentType.isEmpty())
        return headerText(contentType);
    if (body.isEmpty())
        return QString();
    return QMimeDatabase().mimeTypeForData(body).name();
}

void harNameValues(JsonWriter &j, const QList<QPair<QString, QString>> &items)
{
    j.beginArray();
    for (const auto &item : items)
        j.stringObject({{"name", item.first}, {"value", item.second}});
    j.endArray();
}

void harHeaders(JsonWriter &j, const HeaderList &headers)
{
    QList<QPair<QString, QString>> items;
    for (const HeaderPair &h : headers)
        items.append({headerText(h.first), headerText(h.second)});
    harNameValues(j, items);
}

// The cookies of Cookie headers ("a=1; b=2").
QList<QPair<QString, QString>> requestCookies(const HeaderList &headers)
{
    QList<QPair<QString, QString>> cookies;
    for (const QByteArray &value : headerValues(headers, "Cookie")) {
        for (const QByteArray &piece : value.split(';')) {
            const QByteArray pair = piece.trimmed();
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf('=');
            if (eq < 0)
                cookies.append({QString(), headerText(pair)});
            else
                cookies.append({headerText(pair.left(eq).trimmed()), headerText(pair.mid(eq + 1).trimmed())});
        }
    }
    return cookies;
}

void harResponseCookies(JsonWriter &j, const HeaderList &headers)
{
    j.beginArray();
    for (const QByteArray &value : headerValues(headers, "Set-Cookie")) {
        for (const QNetworkCookie &c : QNetworkCookie::parseCookies(value)) {
            j.beginObject();
            j.key("name");
            j.value(headerText(c.name()));
            j.key("value");
            j.value(headerText(c.value()));
            if (!c.path().isEmpty()) {
                j.key("path");
                j.value(c.path());
            }
            if (!c.domain().isEmpty()) {
                j.key("domain");
                j.value(c.domain());
            }
            if (!c.isSessionCookie()) {
                j.key("expires");
                j.value(c.expirationDate().toUTC().toString(Qt::ISODateWithMs));
            }
            j.key("httpOnly");
            j.value(c.isHttpOnly());
            j.key("secure");
            j.value(c.isSecure());
            j.endObject();
        }
    }
    j.endArray();
}

void harRequest(JsonWriter &j, const Hop &hop)
{
    const WireRequest &r = hop.request;
    j.beginObject();
    j.key("method");
    j.string(r.method);
    j.key("url");
    j.string(r.url.toEncoded());
    j.key("httpVersion");
    j.value(harHttpVersion(hop.response ? hop.response->httpVersion : QByteArray()));
    j.key("cookies");
    harNameValues(j, requestCookies(r.headers));
    j.key("headers");
    harHeaders(j, r.headers);
    j.key("queryString");
    harNameValues(j, QUrlQuery(r.url).queryItems(QUrl::FullyDecoded));
    if (!r.body.isEmpty()) {
        const QByteArray contentType = headerValue(r.headers, "Content-Type");
        j.key("postData");
        j.beginObject();
        j.key("mimeType");
        j.value(guessedMimeType(contentType, r.body));
        if (isUtf8(r.body)) {
            j.key("text");
            j.string(r.body);
            if (HopText::isFormContentType(contentType)) {
                QByteArray form = r.body;
                form.replace('+', ' ');
                j.key("params");
                harNameValues(j, QUrlQuery(QString::fromUtf8(form)).queryItems(QUrl::FullyDecoded));
            }
        } else {
            // HAR has no encoding for postData: a custom field says the text is base64.
            j.key("text");
            j.string(r.body.toBase64());
            j.key("_encoding");
            j.string("base64");
        }
        j.endObject();
    }
    j.key("headersSize");
    j.value(-1);
    j.key("bodySize");
    j.value(r.bodySize());
    j.endObject();
}

void harError(JsonWriter &j, const HopError &error)
{
    j.key("_error");
    j.stringObject({{"code", error.code}, {"message", error.message}});
}

void harResponse(JsonWriter &j, const Hop &hop)
{
    j.beginObject();
    if (!hop.response) {
        j.key("status");
        j.value(0);
        j.key("statusText");
        j.value(QString());
        j.key("httpVersion");
        j.value(QString());
        j.key("cookies");
        harNameValues(j, {});
        j.key("headers");
        harNameValues(j, {});
        j.key("content");
        j.beginObject();
        j.key("size");
        j.value(0);
        j.key("mimeType");
        j.value(QString());
        j.endObject();
        j.key("redirectURL");
        j.value(QString());
        j.key("headersSize");
        j.value(-1);
        j.key("bodySize");
        j.value(-1);
        if (hop.error)
            harError(j, *hop.error);
        j.endObject();
        return;
    }
    const WireResponse &r = *hop.response;
    j.key("status");
    j.value(r.status);
    j.key("statusText");
    j.value(headerText(r.reason));
    j.key("httpVersion");
    j.value(harHttpVersion(r.httpVersion));
    j.key("cookies");
    harResponseCookies(j, r.headers);
    j.key("headers");
    harHeaders(j, r.headers);
    j.key("content");
    j.beginObject();
    j.key("size");
    j.value(r.bodySize);
    j.key("mimeType");
    j.value(guessedMimeType(headerValue(r.headers, "Content-Type"), r.bodyPreview));
    if (!r.bodyPreview.isEmpty()) {
        j.key("text");
        if (isUtf8(r.bodyPreview)) {
            j.string(r.bodyPreview);
        } else {
            j.string(r.bodyPreview.toBase64());
            j.key("encoding");
            j.string("base64");
        }
    }
    if (r.bodyTruncated) {
        j.key("comment");
        j.value(QStringLiteral("truncated: the text holds the first %1 of %2 bytes")
                    .arg(r.bodyPreview.size())
                    .arg(r.bodySize));
    }
    j.endObject();
    j.key("redirectURL");
    if (!r.location.isEmpty())
        j.string(r.location.toEncoded());
    else
        j.value(headerText(headerValue(r.headers, "Location")));
    j.key("headersSize");
    j.value(-1);
    j.key("bodySize");
    j.value(r.bodySize);
    if (hop.error)
        harError(j, *hop.error);
    j.endObject();
}

void harEntry(JsonWriter &j, const Hop &hop, const QDateTime &startedAt, double pausedBeforeMs)
{
    // Only what the trace measured: the relay's phases when it carried the hop; otherwise the time to the
    // response head (wait) and the rest (receive).
    const Timing &t = hop.timing;
    const TimingPhases &p = t.phases;
    const double responseMs = hop.response && t.responseMs >= t.startMs ? t.responseMs : t.endMs;
    const double wait = p.known() ? p.wait : roundedMs(std::max(0.0, responseMs - t.startMs));
    const double receive = p.known() ? p.receive : roundedMs(std::max(0.0, t.endMs - responseMs));
    const double send = p.known() ? p.send : 0;
    // HAR 1.2: connect includes ssl; -1 for what did not happen.
    const double connect = p.connect < 0 ? -1 : roundedMs(p.connect + std::max(0.0, p.tls));
    double total = send + wait + receive;
    for (double phase : {p.blocked, p.dns, connect})
        total += std::max(0.0, phase);

    j.beginObject();
    j.key("startedDateTime");
    // The trace's clock stops while stepping is paused; the wall clock does not.
    j.value(startedAt.addMSecs(qint64(std::llround(pausedBeforeMs + t.startMs))).toString(Qt::ISODateWithMs));
    j.key("time");
    j.value(roundedMs(total));
    j.key("request");
    harRequest(j, hop);
    j.key("response");
    harResponse(j, hop);
    j.key("cache");
    j.beginObject();
    j.endObject();
    j.key("timings");
    j.beginObject();
    j.key("blocked");
    j.value(p.blocked);
    j.key("dns");
    j.value(p.dns);
    j.key("connect");
    j.value(connect);
    j.key("send");
    j.value(send);
    j.key("wait");
    j.value(wait);
    j.key("receive");
    j.value(receive);
    j.key("ssl");
    j.value(p.tls);
    j.endObject();
    if (hop.connection.port != 0) {  // HAR 1.2's optional field, as browsers fill it
        j.key("serverIPAddress");
        j.value(hop.connection.address);
    }
    j.key("_hop");
    j.value(hop.index);
    j.key("_via");
    j.value(hopViaName(hop.via));
    if (hop.refreshDelayMs) {
        j.key("_refreshDelayMs");
        j.value(*hop.refreshDelayMs);
    }
    if (hop.synthetic) {
        j.key("_synthetic");
        j.value(true);
    }
    if (!hop.notes.isEmpty()) {
        j.key("_notes");
        writeNotesJson(j, hop.notes);
    }
    j.endObject();
}

}  // namespace

QByteArray traceToHar(const Trace &trace)
{
    const QDateTime startedAt =
        trace.startedAt.isValid() ? trace.startedAt.toUTC() : QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    JsonWriter j;
    j.reserve(1024 + trace.hops.size() * 4096);
    j.beginObject();
    j.key("log");
    j.beginObject();
    j.key("version");
    j.string("1.2");
    j.key("creator");
    j.beginObject();
    j.key("name");
    j.string("Redirect Workbench");
    j.key("version");
    j.string(RWB_VERSION);
    j.endObject();
    j.key("entries");
    j.beginArray();
    double paused = 0;  // Trace::pausedBeforeMs() as it goes
    for (const Hop &hop : trace.hops) {
        paused += hop.pausedMs;
        if (hop.response || hop.error)
            harEntry(j, hop, startedAt, paused);
    }
    j.endArray();
    j.key("comment");
    j.value(trace.outcome.message);
    j.key("_profile");
    j.value(trace.profile);
    j.key("_outcome");
    j.beginObject();
    writeOutcomeMembers(j, trace.outcome);
    j.endObject();
    j.endObject();
    j.endObject();
    return j.finish();
}

}  // namespace Rwb
