#include "core/formats/harimport.h"

#include "core/http/origin.h"
#include "core/json/jsonreader.h"
#include "private/hoptext_p.h"

#include <QJsonObject>

namespace Rwb {

namespace {

using Need = JsonReader::Need;
using NameValues = QList<QPair<QString, QString>>;

// A URL as a redirect target is compared: without fragment, dot segments or the scheme's default port.
QUrl comparable(const QUrl &url)
{
    QUrl out = url.adjusted(QUrl::RemoveFragment | QUrl::NormalizePathSegments);
    removeDefaultPort(out);
    return out;
}

// The "name" and "value" strings of each object in an array (HAR headers, params); a value may be left out.
bool nameValuesIn(const JsonReader &in, NameValues *out)
{
    if (!in.array())
        return false;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const JsonReader item = in.at(i);
        QString name;
        QString value;
        if (!item.object(Need::Required) || !item.at("name").string(&name, Need::Required)
            || !item.at("value").string(&value))
            return false;
        out->append({name, value});
    }
    return true;
}

bool postDataIn(const JsonReader &in, RequestSpec *spec)
{
    if (in.isAbsentOrNull())
        return true;
    QString mimeType;
    QString text;
    NameValues params;
    if (!in.object(Need::Required) || !in.at("mimeType").string(&mimeType) || !in.at("text").string(&text)
        || !nameValuesIn(in.at("params"), &params))
        return false;
    if (in.has("text")) {
        // HAR's content has "encoding"; for postData rwb's own export writes "_encoding".
        const QString encoding = in.at("_encoding").value().toString(in.at("encoding").value().toString());
        spec->body =
            encoding == QLatin1String("base64") ? QByteArray::fromBase64(text.toLatin1()) : text.toUtf8();
    } else {
        QList<QByteArray> pairs;
        for (const auto &p : params) {
            pairs.append(QUrl::toPercentEncoding(p.first, " ").replace(' ', '+') + '='
                         + QUrl::toPercentEncoding(p.second, " ").replace(' ', '+'));
        }
        spec->body = pairs.join('&');
    }
    const QByteArray contentType = headerValue(spec->headers, "Content-Type");
    spec->formBody = HopText::isFormContentType(contentType.isEmpty() ? mimeType.toUtf8() : contentType);
    return true;
}

// Where the entry's response pointed: redirectURL, else its Location header (some exporters leave
// redirectURL empty), resolved against the entry's URL.
bool redirectTargetIn(const JsonReader &response, const QUrl &url, QUrl *redirectTarget)
{
    if (response.isAbsentOrNull())
        return true;
    QString target;
    if (!response.object(Need::Required) || !response.at("redirectURL").string(&target))
        return false;
    if (target.isEmpty()) {
        NameValues headers;
        if (!nameValuesIn(response.at("headers"), &headers))
            return false;
        for (const auto &h : headers) {
            if (h.first.compare(QLatin1String("Location"), Qt::CaseInsensitive) == 0)
                target = h.second;
        }
    }
    if (!target.isEmpty())
        *redirectTarget = url.resolved(QUrl::fromEncoded(target.toUtf8(), QUrl::TolerantMode));
    return true;
}

// The request of an entry; its URL is also what the entry itself was asked for.
bool entryIn(const JsonReader &in, RequestSpec *spec, QUrl *redirectTarget)
{
    const JsonReader request = in.at("request");
    const JsonReader method = request.at("method");
    const JsonReader url = request.at("url");
    QString methodText;
    QString urlText;
    if (!in.object(Need::Required) || !request.object(Need::Required)
        || !method.string(&methodText, Need::Required))
        return false;
    if (methodText.isEmpty())
        return method.fail(QStringLiteral("expected a string"));
    if (!url.string(&urlText, Need::Required))
        return false;
    spec->method = methodText.toLatin1();
    spec->url = QUrl::fromEncoded(urlText.toUtf8(), QUrl::TolerantMode);
    if (!spec->url.isValid() || spec->url.isRelative() || spec->url.host().isEmpty()) {
        if (spec->url.isValid() && !spec->url.isRelative()
            && !spec->url.scheme().startsWith(QLatin1String("http")))
            return true;  // data:, blob:, about: ... have no host: not an HTTP request, skipped by the caller
        return url.fail(QStringLiteral("expected an absolute URL"));
    }
    NameValues headers;
    if (!nameValuesIn(request.at("headers"), &headers))
        return false;
    for (const auto &h : headers) {
        const QString name = h.first.trimmed();
        // HTTP/2 pseudo-headers and what the engine writes per connection itself.
        if (name.startsWith(QLatin1Char(':')) || name.compare(QLatin1String("Host"), Qt::CaseInsensitive) == 0
            || name.compare(QLatin1String("Content-Length"), Qt::CaseInsensitive) == 0
            || name.compare(QLatin1String("Connection"), Qt::CaseInsensitive) == 0)
            continue;
        spec->headers.append({name.toUtf8(), h.second.toUtf8()});
    }
    return postDataIn(request.at("postData"), spec)
           && redirectTargetIn(in.at("response"), spec->url, redirectTarget);
}

}  // namespace

HarImportResult importHar(const QByteArray &json)
{
    HarImportResult result;
    const std::optional<QJsonDocument> doc = JsonReader::parse(json, &result.error);
    if (!doc)
        return result;
    const JsonReader log = JsonReader(doc->object(), &result.error).at("log");
    const JsonReader entries = log.at("entries");
    if (!log.object(Need::Required) || !entries.array(Need::Required))
        return result;
    QList<QUrl> redirectTargets;  // comparable(): earlier entries' redirect targets
    for (qsizetype i = 0; i < entries.size(); ++i) {
        RequestSpec spec;
        QUrl target;
        if (!entryIn(entries.at(i), &spec, &target)) {
            result.chains.clear();
            return result;
        }
        const QString scheme = spec.url.scheme().toLower();
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
            continue;
        const bool redirected = redirectTargets.contains(comparable(spec.url));
        if (!target.isEmpty())
            redirectTargets.append(comparable(target));
        if (redirected)
            continue;
        HarChain chain;
        chain.name = QString::fromLatin1(spec.method) + QLatin1Char(' ') + spec.url.toString();
        chain.request = spec;
        result.chains.append(chain);
    }
    return result;
}

}  // namespace Rwb
