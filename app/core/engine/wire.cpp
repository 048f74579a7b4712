#include "core/engine/wire.h"

#include "core/http/origin.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace Rwb {

namespace {

struct DefaultHeaders {
    QByteArray userAgent;
    QByteArray accept;
    QByteArray acceptLanguage;
};

DefaultHeaders defaultsFor(Profile profile)
{
    const QByteArray version = QByteArrayLiteral(RWB_VERSION);
    switch (profile) {
    case Profile::Browser:
        return {"Mozilla/5.0 (X11; Linux x86_64) RedirectWorkbench/" + version,
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "en-US,en;q=0.9"};
    case Profile::Curl:
        return {"curl/7.88.1", "*/*", "*"};
    case Profile::Strict:
        return {"rwb/" + version, "*/*", "*"};
    }
    return {};
}

bool methodCarriesBody(const QByteArray &method)
{
    return method == "POST" || method == "PUT" || method == "PATCH";
}

// Chromium's network stack writes Host, Connection and Content-Length first and Cookie last; the rest is
// the browser's header set of the hop (BrowserContext::nextHop), the request's own headers merged in.
HeaderList browserWireHeaders(const QUrl &url, const RequestSpec &spec, const QByteArray &cookieHeader,
                              const HeaderList &browserHeaders)
{
    HeaderList h{{QByteArrayLiteral("Host"), hostHeaderValue(url)}};
    h.append({QByteArrayLiteral("Connection"), hasHeader(spec.headers, "Connection")
                                                   ? headerValue(spec.headers, "Connection")
                                                   : QByteArrayLiteral("keep-alive")});
    // A bodyless POST/PUT/PATCH says "Content-Length: 0", as RFC 9110 §8.6 asks.
    if (!spec.body.isEmpty() || methodCarriesBody(spec.method))
        h.append({QByteArrayLiteral("Content-Length"), QByteArray::number(spec.body.size())});
    h.append(browserHeaders);
    // A Cookie header of the request's own stays when the jar is off (with the jar on, the engine has put
    // it into the jar).
    for (const QByteArray &value : headerValues(spec.headers, "Cookie"))
        h.append({QByteArrayLiteral("Cookie"), value});
    if (!cookieHeader.isEmpty())
        h.append({QByteArrayLiteral("Cookie"), cookieHeader});
    return h;
}

}  // namespace

WireRequest buildWireRequest(Profile profile, const RequestSpec &spec, const QByteArray &cookieHeader,
                             const HeaderList &browserHeaders)
{
    WireRequest wire;
    wire.method = spec.method;
    wire.url = spec.url.adjusted(QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    wire.body = spec.body;
    if (profile == Profile::Browser) {
        wire.headers = browserWireHeaders(wire.url, spec, cookieHeader, browserHeaders);
        return wire;
    }

    static const DefaultHeaders cached[] = {defaultsFor(Profile::Browser), defaultsFor(Profile::Curl),
                                            defaultsFor(Profile::Strict)};
    const DefaultHeaders &defaults = cached[int(profile)];
    HeaderList &h = wire.headers;
    h.append({QByteArrayLiteral("Host"), hostHeaderValue(wire.url)});
    HeaderList user = spec.headers;
    removeHeader(user, "Host");
    auto takeOr = [&user](QByteArrayView name, const QByteArray &fallback) {
        const QByteArray v = hasHeader(user, name) ? headerValue(user, name) : fallback;
        removeHeader(user, name);
        return v;
    };
    h.append({QByteArrayLiteral("User-Agent"), takeOr("User-Agent", defaults.userAgent)});
    h.append({QByteArrayLiteral("Accept"), takeOr("Accept", defaults.accept)});
    // QNAM adds Accept-Language and Accept-Encoding (the latter with transparent decompression) unless
    // set; identity keeps bodies as the server sent them.
    h.append({QByteArrayLiteral("Accept-Language"), takeOr("Accept-Language", defaults.acceptLanguage)});
    h.append(
        {QByteArrayLiteral("Accept-Encoding"), takeOr("Accept-Encoding", QByteArrayLiteral("identity"))});
    h.append({QByteArrayLiteral("Connection"), takeOr("Connection", QByteArrayLiteral("keep-alive"))});
    removeHeader(user, "Content-Length");
    // A bodyless POST/PUT/PATCH: browsers send "Content-Length: 0", as RFC 9110 §8.6 asks; curl sends none.
    const bool body = !spec.body.isEmpty() || (methodCarriesBody(spec.method) && profile != Profile::Curl);
    if (!spec.body.isEmpty() && !hasHeader(user, "Content-Type")) {
        // QNAM would add application/octet-stream; a form body gets the form type, as curl -d does.
        user.append({QByteArrayLiteral("Content-Type"),
                     spec.formBody ? QByteArrayLiteral("application/x-www-form-urlencoded")
                                   : QByteArrayLiteral("application/octet-stream")});
    }
    h.append(user);
    if (!cookieHeader.isEmpty())
        h.append({QByteArrayLiteral("Cookie"), cookieHeader});
    if (body)
        h.append({QByteArrayLiteral("Content-Length"), QByteArray::number(spec.body.size())});
    return wire;
}

QNetworkRequest toNetworkRequest(const WireRequest &wire, bool http2Allowed)
{
    // The attributes are the same on every hop: set them once, copy per hop.
    static const QNetworkRequest base = [] {
        QNetworkRequest r;
        r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        r.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        r.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        r.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
        // The manager has no cache; AlwaysNetwork would add Cache-Control and Pragma headers of its own.
        r.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
        r.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        r.setTransferTimeout(0);  // the engine runs its own per-hop timer
        return r;
    }();
    QNetworkRequest req(base);
    req.setUrl(wire.url);
    if (http2Allowed)
        req.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    for (const HeaderPair &p : wire.headers)
        req.setRawHeader(p.first, p.second);
    return req;
}

HeaderList responseHeaders(const QNetworkReply *reply)
{
    HeaderList out;
    for (const auto &pair : reply->rawHeaderPairs()) {
        if (pair.first.compare("Set-Cookie", Qt::CaseInsensitive) == 0) {
            for (const QByteArray &line : pair.second.split('\n'))
                out.append({pair.first, line});
        } else {
            out.append(pair);
        }
    }
    return out;
}

QString networkErrorCode(int qtNetworkError)
{
    switch (static_cast<QNetworkReply::NetworkError>(qtNetworkError)) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection-refused");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("connection-closed");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host-not-found");
    case QNetworkReply::TimeoutError:
        return QStringLiteral("timeout");
    case QNetworkReply::OperationCanceledError:
        return QStringLiteral("canceled");
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("tls-handshake-failed");
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
        return QStringLiteral("protocol-error");
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
        return QStringLiteral("network-failure");
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return QStringLiteral("proxy-error");
    default:
        return QStringLiteral("network-error");
    }
}

}  // namespace Rwb
