#include "core/policy/policy.h"

#include <QCryptographicHash>

namespace Rwb {

namespace {

QString originOf(const QUrl &url)
{
    return url.scheme() + QLatin1String("://") + url.host() + QLatin1Char(':')
           + QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

QString methodName(const QByteArray &m)
{
    return QString::fromLatin1(m);
}

QString statusText(int status)
{
    switch (status) {
    case 300:
        return QStringLiteral("300 Multiple Choices");
    case 301:
        return QStringLiteral("301 Moved Permanently");
    case 302:
        return QStringLiteral("302 Found");
    case 303:
        return QStringLiteral("303 See Other");
    case 304:
        return QStringLiteral("304 Not Modified");
    case 305:
        return QStringLiteral("305 Use Proxy");
    case 307:
        return QStringLiteral("307 Temporary Redirect");
    case 308:
        return QStringLiteral("308 Permanent Redirect");
    default:
        return QString::number(status);
    }
}

QString clientName(Profile p)
{
    switch (p) {
    case Profile::Browser:
        return QStringLiteral("Fetch");
    case Profile::Curl:
        return QStringLiteral("curl -L");
    case Profile::Strict:
        return QStringLiteral("RFC 9110");
    }
    return {};
}

// The method the profile uses after `status`, and whether the body goes with it.
struct MethodChange {
    QByteArray method;
    bool dropBody = false;
    QString why;
};

MethodChange nextMethod(const Options &o, const RequestSpec &sent, int status)
{
    const QByteArray &m = sent.method;
    const bool getOrHead = m == "GET" || m == "HEAD";
    MethodChange c{m, false, {}};
    switch (o.profile) {
    case Profile::Browser:
        if (((status == 301 || status == 302) && m == "POST") || (status == 303 && !getOrHead)) {
            c = {QByteArrayLiteral("GET"), true,
                 status == 303
                     ? QStringLiteral("a 303 is followed with GET for every method but GET/HEAD (Fetch)")
                     : QStringLiteral("a %1 after POST is followed with GET (Fetch)").arg(status)};
        }
        break;
    case Profile::Strict:
        if (status == 303 && !getOrHead) {
            c = {QByteArrayLiteral("GET"), true,
                 QStringLiteral("a 303 means: retrieve the result with GET (RFC 9110 §15.4.4)")};
        }
        break;
    case Profile::Curl: {
        // curl decides on its request type, not on the method name: a body (-d, --data-binary) makes the
        // request a POST even under -X, which only renames the method, on every hop (lib/http.c,
        // Curl_follow; observed with 7.88.1: "-X PUT -d x" and a 301 gives a bodyless PUT).
        const QByteArray kind =
            sent.customMethod ? (sent.body.isEmpty() ? QByteArrayLiteral("GET") : QByteArrayLiteral("POST"))
                              : m;
        bool toGet = false;
        if (status == 301 || status == 302)
            toGet = kind == "POST" && !o.keepPostOn30x;
        else if (status == 303)
            toGet = kind != "GET" && !(kind == "POST" && o.keepPostOn30x);
        if (!toGet)
            break;
        if (sent.customMethod) {
            c = {m, true,
                 QStringLiteral("curl switches to a bodyless request after a %1, but a method set with -X "
                                "is sent on every hop")
                     .arg(status)};
        } else if (m == "HEAD") {
            c = {m, false, QStringLiteral("curl -I stays HEAD after a 303")};
        } else {
            c = {QByteArrayLiteral("GET"), true,
                 m == "POST" && status != 303
                     ? QStringLiteral("curl follows a %1 after POST with GET (use --post%1 to keep POST)")
                           .arg(status)
                     : QStringLiteral("curl follows a %1 after %2 with GET").arg(status).arg(methodName(m))};
        }
        break;
    }
    }
    if (c.dropBody && sent.body.isEmpty() && c.method == m)
        c.dropBody = false;
    return c;
}

// Headers that describe a request body and go when the body goes.
QList<QByteArray> bodyHeaders(Profile p)
{
    switch (p) {
    case Profile::Browser:
        // Fetch's request-body-header names, plus what Chromium also removes.
        return {"Content-Encoding", "Content-Language", "Content-Location",
                "Content-Type",     "Content-Length",   "Origin"};
    case Profile::Strict:
        return {"Content-Encoding", "Content-Language", "Content-Location", "Content-Type", "Content-Length"};
    case Profile::Curl:
        return {"Content-Length"};  // curl keeps a user-set Content-Type on the GET (observed)
    }
    return {};
}

}  // namespace

QByteArray requestKey(const RequestSpec &request)
{
    // http://a:80 and http://a/ are the same request on the wire: compare them as such.
    QUrl url = request.url.adjusted(QUrl::RemoveFragment);
    if ((url.scheme() == QLatin1String("http") && url.port() == 80)
        || (url.scheme() == QLatin1String("https") && url.port() == 443)) {
        url.setPort(-1);
    }
    if ((url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
        && url.path().isEmpty())
        url.setPath(QStringLiteral("/"));
    QByteArray key = request.method + ' ' + url.toEncoded();
    if (!request.body.isEmpty())
        key += ' ' + QCryptographicHash::hash(request.body, QCryptographicHash::Sha1).toHex();
    return key;
}

QString tooManyRedirectsMessage(const Options &options)
{
    return QStringLiteral("Too many redirects: the %1 profile follows at most %2")
        .arg(profileName(options.profile))
        .arg(options.redirectLimit());
}

bool isRedirectStatus(Profile profile, int status)
{
    switch (profile) {
    case Profile::Browser:
    case Profile::Strict:
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    case Profile::Curl:
        return status >= 300 && status <= 399;  // curl follows any 3xx with a Location, 304 included
    }
    return false;
}

bool isCredentialHeader(Profile profile, QByteArrayView name)
{
    if (name.compare("Authorization", Qt::CaseInsensitive) == 0)
        return true;
    // Browsers: the caller cannot set Cookie, the jar decides per hop. curl strips a -H Cookie like
    // Authorization; a strict client treats both as credentials.
    if (profile != Profile::Browser && name.compare("Cookie", Qt::CaseInsensitive) == 0)
        return true;
    return profile == Profile::Strict && name.compare("Proxy-Authorization", Qt::CaseInsensitive) == 0;
}

// The credential headers among `headers`, each name once, in order of appearance.
static QStringList credentialNames(Profile profile, const HeaderList &headers)
{
    QStringList names;
    for (const HeaderPair &h : headers) {
        const QString name = QString::fromLatin1(h.first);
        if (isCredentialHeader(profile, h.first) && !names.contains(name, Qt::CaseInsensitive))
            names << name;
    }
    return names;
}

Decision decideRedirect(const Options &options, const ChainContext &context, const RequestSpec &sent,
                        int status, const HeaderList &responseHeaders)
{
    const Profile profile = options.profile;
    Decision d;
    const QList<QByteArray> locations = headerValues(responseHeaders, "Location");

    if (!isRedirectStatus(profile, status)) {
        if (status >= 300 && status <= 399 && !locations.isEmpty()) {
            d.notes.append({QStringLiteral("not-followed"),
                            QStringLiteral("%1 is not a redirect for %2: its Location is not followed")
                                .arg(statusText(status), clientName(profile))});
        }
        return d;
    }

    d.location = resolveLocation(profile, sent.url, locations);
    switch (d.location.status) {
    case LocationResult::Status::Missing:
        d.notes.append(
            {QStringLiteral("location-missing"),
             QStringLiteral("%1 without a Location header is the final response").arg(statusText(status))});
        return d;
    case LocationResult::Status::Empty:
        d.notes.append({QStringLiteral("location-empty"),
                        QStringLiteral("An empty Location is not a redirect: %1 is the final response")
                            .arg(statusText(status))});
        return d;
    case LocationResult::Status::Multiple:
        d.notes.append({QStringLiteral("location-multiple"),
                        profile == Profile::Browser
                            ? QStringLiteral("Fetch fails on several different Location headers "
                                             "(ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION)")
                            : QStringLiteral("Several different Location headers: a strict client cannot "
                                             "choose one")});
        Q_FALLTHROUGH();
    case LocationResult::Status::Invalid:
        d.kind = Decision::Kind::Stop;
        d.outcome = OutcomeKind::InvalidLocation;
        d.message = d.location.error;
        d.notes.append({QStringLiteral("invalid-location"), d.location.error});
        return d;
    case LocationResult::Status::Ok:
        break;
    }
    d.notes.append(d.location.notes);
    const QUrl target = d.location.url;

    if (target.scheme() != QLatin1String("http") && target.scheme() != QLatin1String("https")) {
        d.kind = Decision::Kind::Stop;
        d.outcome = OutcomeKind::BlockedScheme;
        d.message = QStringLiteral("Blocked: Location is %1 (only http and https are followed)")
                        .arg(target.toDisplayString());
        d.notes.append({QStringLiteral("blocked-scheme"), d.message});
        return d;
    }

    if (context.redirectsFollowed >= options.redirectLimit()) {
        d.kind = Decision::Kind::Stop;
        d.outcome = OutcomeKind::TooManyRedirects;
        d.message = tooManyRedirectsMessage(options);
        d.notes.append({QStringLiteral("too-many-redirects"), d.message});
        return d;
    }

    RequestSpec next = sent;
    next.url = target;

    const MethodChange change = nextMethod(options, sent, status);
    if (change.method != sent.method) {
        d.notes.append({QStringLiteral("method-changed"),
                        QStringLiteral("%1 became %2: %3")
                            .arg(methodName(sent.method), methodName(change.method), change.why)});
        next.method = change.method;
    } else if (!sent.body.isEmpty() && !change.dropBody && (status == 307 || status == 308)) {
        d.notes.append(
            {QStringLiteral("method-kept"), QStringLiteral("%1 keeps the method %2 and its body")
                                                .arg(statusText(status), methodName(sent.method))});
    } else if (sent.method == "POST" && !sent.body.isEmpty() && !change.dropBody
               && (status == 301 || status == 302 || status == 303)) {
        // Where browsers would switch to GET, say why this profile does not.
        d.notes.append(
            {QStringLiteral("method-kept"),
             profile == Profile::Strict
                 ? QStringLiteral("POST kept with its body: RFC 9110 only allows (MAY) the POST → GET "
                                  "rewrite on %1; a strict client does not make it")
                       .arg(status)
                 : QStringLiteral("POST kept with its body on %1 (--post30x)").arg(status)});
    }
    // dropBody: the next request is bodyless (when the method becomes GET, Fetch removes the body headers
    // even if there was no body).
    if (change.dropBody) {
        const bool hadBody = !sent.body.isEmpty();
        if (change.method == sent.method && hadBody)
            d.notes.append({QStringLiteral("method-kept"), change.why});
        if (hadBody) {
            d.notes.append(
                {QStringLiteral("body-dropped"),
                 QStringLiteral("The %1-byte request body is not sent again").arg(sent.body.size())});
        }
        next.body.clear();
        next.formBody = false;
        QStringList removed;
        for (const QByteArray &h : bodyHeaders(profile)) {
            if (removeHeader(next.headers, h) > 0)
                removed << QString::fromLatin1(h);
        }
        if (!removed.isEmpty()) {
            d.notes.append({QStringLiteral("header-removed"),
                            QStringLiteral("Removed %1: they describe a body that is no longer sent")
                                .arg(removed.join(QLatin1String(", ")))});
        }
    }

    // Credentials across origins.
    const QString from = originOf(sent.url);
    const QString to = originOf(target);
    if (from != to) {
        d.notes.append({QStringLiteral("cross-origin"),
                        QStringLiteral("The next hop goes to another origin: %1 → %2").arg(from, to)});
    }
    if (sent.url.scheme() == QLatin1String("https") && target.scheme() == QLatin1String("http")) {
        d.notes.append(
            {QStringLiteral("downgrade"), QStringLiteral("https → http: the next request is not encrypted")});
    }
    const bool trusted = options.hostTrusted(target.host());
    if (profile == Profile::Curl) {
        // curl sends credentials only to the origin of the first request (host, port, scheme since 7.83),
        // so A → B → A sends them to A again.
        const QString firstOrigin = originOf(context.initialRequest.url);
        const bool initialOrigin = firstOrigin == to;
        const bool send = initialOrigin || trusted;
        const QStringList names = credentialNames(profile, context.initialRequest.headers);
        QStringList removed, restored, kept;
        for (const QString &name : std::as_const(names)) {
            const QByteArray n = name.toLatin1();
            const bool present = hasHeader(next.headers, n);
            if (!send && present) {
                removeHeader(next.headers, n);
                removed << name;
            } else if (send && !present) {
                for (qsizetype i = 0; i < context.initialRequest.headers.size(); ++i) {
                    const HeaderPair &h = context.initialRequest.headers.at(i);
                    if (n.compare(h.first, Qt::CaseInsensitive) == 0)
                        next.headers.insert(qMin(i, next.headers.size()), h);
                }
                restored << name;
            } else if (present && !initialOrigin) {
                kept << name;
            }
        }
        if (!removed.isEmpty()) {
            d.notes.append({QStringLiteral("credentials-removed"),
                            QStringLiteral("%1 not sent to %2: curl sends credentials only to the first "
                                           "origin (%3); --location-trusted would keep them")
                                .arg(removed.join(QLatin1String(", ")), to, firstOrigin)});
        }
        if (!restored.isEmpty()) {
            d.notes.append({QStringLiteral("credentials-restored"),
                            QStringLiteral("%1 sent again: %2")
                                .arg(restored.join(QLatin1String(", ")),
                                     initialOrigin ? QStringLiteral("the hop is back on the first origin")
                                                   : QStringLiteral("%1 is trusted").arg(target.host()))});
        }
        if (!kept.isEmpty()) {
            d.notes.append({QStringLiteral("credentials-kept"),
                            QStringLiteral("%1 kept on a hop away from the first origin: %2 is trusted")
                                .arg(kept.join(QLatin1String(", ")), target.host())});
        }
    } else if (from != to) {
        const QStringList names = credentialNames(profile, next.headers);
        if (!names.isEmpty() && trusted) {
            d.notes.append({QStringLiteral("credentials-kept"),
                            QStringLiteral("%1 kept on the cross-origin hop: %2 is trusted")
                                .arg(names.join(QLatin1String(", ")), target.host())});
        } else if (!names.isEmpty()) {
            for (const QString &n : std::as_const(names))
                removeHeader(next.headers, n.toLatin1());
            d.notes.append({QStringLiteral("credentials-removed"),
                            QStringLiteral("%1 removed: the hop goes to another origin (%2)%3")
                                .arg(names.join(QLatin1String(", ")), to,
                                     profile == Profile::Browser ? QStringLiteral("; Fetch never restores it")
                                                                 : QString())});
        }
    }

    const QByteArray key = requestKey(next);
    const int earlier = context.firstHopSent(key);
    if (earlier >= 0) {
        const int nextIndex = context.sentCount();
        const QString msg = QStringLiteral("Loop: hop %1 repeats hop %2 (%3 %4)")
                                .arg(nextIndex)
                                .arg(earlier)
                                .arg(methodName(next.method), next.url.toDisplayString());
        if (options.loopDetect) {
            d.kind = Decision::Kind::Stop;
            d.outcome = OutcomeKind::Loop;
            d.repeatsHop = earlier;
            d.message = msg;
            d.notes.append({QStringLiteral("loop"), msg});
            d.next = next;
            return d;
        }
        d.notes.append({QStringLiteral("loop"), msg + QStringLiteral("; following on, as the client would")});
    }

    d.notes.append(
        {QStringLiteral("redirect"),
         QStringLiteral("%1: following Location to %2").arg(statusText(status), target.toDisplayString())});
    d.kind = Decision::Kind::Follow;
    d.next = next;
    d.nextKey = key;
    return d;
}

}  // namespace Rwb
