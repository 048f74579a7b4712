#include "core/engine/wire.h"
#include "private/clientwire_p.h"

#include "core/http/origin.h"
#include "core/http/tokens.h"

#include <QHash>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslConfiguration>

#include <algorithm>
#include <iterator>

namespace Rwb {

namespace {

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

// Leaves out the browser's own lines (not the request's) of each suppressed name a page may remove.
void suppressBrowserHeaders(const RequestSpec &spec, WireRequest &wire, Detail::Suppression *suppression)
{
    QList<QByteArray> own;
    QList<QPair<QByteArray, QString>> required;
    for (const QByteArray &name : spec.suppressedHeaders) {
        if (isForbiddenRequestHeader(name)) {
            required.append({name, QStringLiteral("a forbidden request header in Fetch")});
            continue;
        }
        for (qsizetype i = wire.headers.size() - 1; i >= 0; --i) {
            const HeaderPair &p = wire.headers.at(i);
            if (p.first.compare(name, Qt::CaseInsensitive) == 0 && !spec.headers.contains(p)) {
                own.append(p.first);
                wire.headers.removeAt(i);
            }
        }
    }
    Detail::classifySuppressions(spec, own, required, suppression);
}

Note suppressionNote(Profile profile, const Detail::Suppression &s)
{
    const QString client = profile == Profile::Curl      ? QStringLiteral("curl")
                           : profile == Profile::Browser ? QStringLiteral("the browser")
                                                         : QStringLiteral("the strict profile");
    QStringList parts;
    const QString list = QStringLiteral(", ");
    if (!s.removed.isEmpty())
        parts << QStringLiteral("Not sent, as asked: %1").arg(s.removed.join(list));
    if (!s.kept.isEmpty())
        parts << QStringLiteral("sent all the same: %1").arg(s.kept.join(list));
    if (!s.absent.isEmpty())
        parts << QStringLiteral("%1 adds no %2 of its own here: nothing to leave out")
                     .arg(client, s.absent.join(list));
    QString text = parts.join(QLatin1String("; "));
    text[0] = text[0].toUpper();
    return {NoteCode::HeaderSuppressed, text};
}

}  // namespace

WireRequest buildWireRequest(Profile profile, const RequestSpec &spec, const QByteArray &cookieHeader,
                             const HeaderList &browserHeaders)
{
    if (profile != Profile::Browser) {
        Options options;
        options.profile = profile;
        return buildWireRequest(options, spec, cookieHeader);
    }
    WireRequest wire;
    wire.method = spec.method;
    wire.url = spec.url.adjusted(QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    wire.body = spec.body;
    wire.headers = browserWireHeaders(wire.url, spec, cookieHeader, browserHeaders);
    return wire;
}

WireRequest buildWireRequest(const Options &options, const RequestSpec &spec, const QByteArray &cookieHeader,
                             NoteList *notes, const HeaderList &browserHeaders)
{
    Detail::Suppression suppression;
    WireRequest wire;
    switch (options.profile) {
    case Profile::Browser:
        wire = buildWireRequest(Profile::Browser, spec, cookieHeader, browserHeaders);
        suppressBrowserHeaders(spec, wire, &suppression);
        break;
    case Profile::Curl:
        wire = Detail::curlRequest(options, spec, cookieHeader, &suppression);
        break;
    case Profile::Strict:
        wire = Detail::strictRequest(options, spec, cookieHeader, &suppression);
        break;
    }
    if (notes && !suppression.isEmpty())
        notes->append(suppressionNote(options.profile, suppression));
    return wire;
}

void addProxyHeaders(WireRequest &wire, Profile profile, const ProxyServer &proxy, const RequestSpec &spec)
{
    HeaderList &h = wire.headers;
    const auto indexOf = [&h](QByteArrayView name) {
        for (qsizetype i = 0; i < h.size(); ++i) {
            if (name.compare(h.at(i).first, Qt::CaseInsensitive) == 0)
                return i;
        }
        return qsizetype(-1);
    };
    const qsizetype host = qMax<qsizetype>(0, indexOf("Host"));
    const QByteArray credentials = proxy.basicAuthorization();
    const bool ownAuthorization = hasHeader(spec.headers, "Proxy-Authorization");
    const bool ownConnection = hasHeader(spec.headers, "Proxy-Connection");
    switch (profile) {
    case Profile::Browser: {
        qsizetype at = indexOf("Connection");
        if (at >= 0 && !hasHeader(spec.headers, "Connection"))
            h[at] = {QByteArrayLiteral("Proxy-Connection"), QByteArrayLiteral("keep-alive")};
        else
            h.insert(at = host + 1, {QByteArrayLiteral("Proxy-Connection"), QByteArrayLiteral("keep-alive")});
        if (!credentials.isEmpty() && !ownAuthorization)
            h.insert(at + 1, {QByteArrayLiteral("Proxy-Authorization"), credentials});
        break;
    }
    case Profile::Curl: {
        // After curl's own lines (Host … Accept-Encoding), before the Cookie line and the request's own.
        qsizetype at = host + 1;
        for (const QByteArrayView name : {"Authorization", "User-Agent", "Accept", "Accept-Encoding"}) {
            const qsizetype i = indexOf(name);
            if (i >= at && !hasHeader(spec.headers, name))
                at = i + 1;
        }
        if (!ownConnection)
            h.insert(at, {QByteArrayLiteral("Proxy-Connection"), QByteArrayLiteral("Keep-Alive")});
        if (!credentials.isEmpty() && !ownAuthorization)
            h.insert(host + 1, {QByteArrayLiteral("Proxy-Authorization"), credentials});
        break;
    }
    case Profile::Strict:
        if (!credentials.isEmpty() && !ownAuthorization)
            h.insert(host + 1, {QByteArrayLiteral("Proxy-Authorization"), credentials});
        break;
    }
}

Http2Wire http2Wire(const Options &options)
{
    Http2Wire h2;
    h2.offer = options.httpVersion != HttpVersion::Http1_1;
    h2.require = options.httpVersion == HttpVersion::Http2;
    switch (options.profile) {
    case Profile::Browser:
        h2.pseudoOrder = QByteArrayLiteral("masp");
        // Measured for navigations; fetch() from a page was not measured, and gets none.
        if (options.context.mode == RequestMode::Navigate)
            h2.extraFields.append({QByteArrayLiteral("priority"), QByteArrayLiteral("u=0, i")});
        break;
    case Profile::Curl:
        h2.pseudoOrder = QByteArrayLiteral("mpsa");
        break;
    case Profile::Strict:
        h2.pseudoOrder = QByteArrayLiteral("msap");
        break;
    }
    return h2;
}

HeaderList proxyConnectHeaders(Profile profile, const ProxyServer &proxy, const QByteArray &userAgent)
{
    HeaderList h;
    const QByteArray credentials = proxy.basicAuthorization();
    if (profile == Profile::Browser)
        h.append({QByteArrayLiteral("Proxy-Connection"), QByteArrayLiteral("keep-alive")});
    if (!credentials.isEmpty())
        h.append({QByteArrayLiteral("Proxy-Authorization"), credentials});
    if (!userAgent.isEmpty())
        h.append({QByteArrayLiteral("User-Agent"), userAgent});
    if (profile == Profile::Curl)
        h.append({QByteArrayLiteral("Proxy-Connection"), QByteArrayLiteral("Keep-Alive")});
    return h;
}

void fitToQt(WireRequest &wire, NoteList *notes)
{
    HeaderList &h = wire.headers;
    QStringList changes;
    // One line per name, at the place of the first: Qt would keep only the last value set. One pass with
    // the names seen (a request may carry thousands of headers).
    {
        QHash<QByteArray, qsizetype> first;  // lower-case name -> its line in `joined`
        QList<QByteArrayList> values;
        HeaderList joined;
        joined.reserve(h.size());
        for (const HeaderPair &pair : std::as_const(h)) {
            const QByteArray key = pair.first.toLower();
            const auto it = first.constFind(key);
            if (it != first.cend()) {
                values[*it].append(pair.second);
                continue;
            }
            first.insert(key, joined.size());
            joined.append(pair);
            values.append({pair.second});
        }
        for (qsizetype i = 0; i < joined.size(); ++i) {
            if (values.at(i).size() < 2)
                continue;
            const bool cookie = joined.at(i).first.compare("Cookie", Qt::CaseInsensitive) == 0;
            joined[i].second = values.at(i).join(cookie ? QByteArrayView("; ") : QByteArrayView(", "));
            changes << QStringLiteral("%1 lines joined into one").arg(headerText(joined.at(i).first));
        }
        h = std::move(joined);
    }
    for (qsizetype i = h.size() - 1; i >= 0; --i) {
        if (h.at(i).second.isEmpty())
            changes.prepend(
                QStringLiteral("%1 left out (Qt sends no empty header)").arg(headerText(h.takeAt(i).first)));
    }
    const auto ensure = [&](const QByteArray &name, const QByteArray &value, bool first) {
        if (hasHeader(h, name))
            return;
        if (first)
            h.prepend({name, value});
        else
            h.append({name, value});
        changes << QStringLiteral("%1: %2 added").arg(QString::fromLatin1(name), headerText(value));
    };
    ensure(QByteArrayLiteral("Host"), hostHeaderValue(wire.url), true);
    ensure(QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Mozilla/5.0"), false);  // Qt's own value
    ensure(QByteArrayLiteral("Accept-Language"), QByteArrayLiteral("*"), false);
    ensure(QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("identity"), false);
    ensure(QByteArrayLiteral("Connection"), QByteArrayLiteral("keep-alive"), false);
    if (notes && !changes.isEmpty()) {
        notes->append({NoteCode::HeaderAdded,
                       QStringLiteral("Qt writes this request itself (the relay is not running): %1")
                           .arg(changes.join(QLatin1String("; ")))});
    }
}

namespace {

// The request headers QNAM acts on itself rather than only writing them: the body's framing, Expect,
// Connection (keep-alive or not) and Accept-Encoding (without one Qt asks for gzip and decompresses).
bool qtActsOn(QByteArrayView name)
{
    static constexpr QByteArrayView names[] = {"Accept-Encoding", "Connection",        "Content-Length",
                                               "Content-Type",    "Transfer-Encoding", "Expect"};
    return std::any_of(std::begin(names), std::end(names),
                       [name](QByteArrayView n) { return name.compare(n, Qt::CaseInsensitive) == 0; });
}

}  // namespace

QNetworkRequest toNetworkRequest(const WireRequest &wire, bool http2Allowed, bool relayed)
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
    // Without one Qt adds its own Accept-Encoding and then decompresses the body; a relayed request
    // leaves this line out on the wire (fitToQt() sets it for the others).
    if (!hasHeader(wire.headers, "Accept-Encoding"))
        req.setRawHeader(QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("identity"));
    if (http2Allowed)
        req.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    // QNetworkRequest::setRawHeader looks for the name among those set before: quadratic in the header
    // count, which a relayed request need not pay for headers Qt only copies into a head that is replaced.
    for (const HeaderPair &p : wire.headers) {
        if (!relayed || qtActsOn(p.first))
            req.setRawHeader(p.first, p.second);
    }
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

namespace {

QString commonNames(const QStringList &names)
{
    return names.join(QLatin1String(", "));
}

}  // namespace

void readTlsSession(TlsInfo *tls, const QSslConfiguration &conf, bool established)
{
    tls->used = true;
    if (established) {
        const QSslCipher cipher = conf.sessionCipher();
        tls->protocol = cipher.protocolString();
        tls->cipher = cipher.name();
        tls->alpn = conf.nextNegotiatedProtocol();
    }
    const QSslCertificate peer = conf.peerCertificate();
    if (!peer.isNull()) {
        tls->peerSubject = commonNames(peer.subjectInfo(QSslCertificate::CommonName));
        tls->peerIssuer = commonNames(peer.issuerInfo(QSslCertificate::CommonName));
        tls->peerExpiry = peer.expiryDate();
    }
    tls->chain.clear();
    for (const QSslCertificate &c : conf.peerCertificateChain()) {
        tls->chain.append({commonNames(c.subjectInfo(QSslCertificate::CommonName)),
                           commonNames(c.issuerInfo(QSslCertificate::CommonName)), c.effectiveDate(),
                           c.expiryDate()});
    }
    const QSslCertificate own = conf.localCertificate();
    tls->clientCertificate =
        own.isNull() ? QString() : commonNames(own.subjectInfo(QSslCertificate::CommonName));
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
