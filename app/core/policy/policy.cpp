// The redirect decision: whether a response is a redirect for the profile, where its Location leads and
// the limits; the next request is then shaped by the steps in methodrewrite.cpp, crossorigin.cpp and
// loopdetection.cpp.
#include "core/policy/policy.h"

#include "private/policy_p.h"

namespace Rwb {

namespace {

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

}  // namespace

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

Decision decideRedirect(const Options &options, const ChainContext &context, const RequestSpec &sent,
                        int status, const HeaderList &responseHeaders)
{
    const Profile profile = options.profile;
    Decision d;
    const QList<QByteArray> locations = headerValues(responseHeaders, "Location");

    if (!isRedirectStatus(profile, status)) {
        if (status >= 300 && status <= 399 && !locations.isEmpty()) {
            d.notes.append({NoteCode::NotFollowed,
                            QStringLiteral("%1 is not a redirect for %2: its Location is not followed")
                                .arg(statusText(status), clientName(profile))});
        }
        return d;
    }

    d.location = resolveLocation(profile, sent.url, locations);
    switch (d.location.status) {
    case LocationResult::Status::Missing:
        d.notes.append(
            {NoteCode::LocationMissing,
             QStringLiteral("%1 without a Location header is the final response").arg(statusText(status))});
        return d;
    case LocationResult::Status::Empty:
        d.notes.append({NoteCode::LocationEmpty,
                        QStringLiteral("An empty Location is not a redirect: %1 is the final response")
                            .arg(statusText(status))});
        return d;
    case LocationResult::Status::Multiple:
        d.notes.append({NoteCode::LocationMultiple,
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
        d.notes.append({NoteCode::InvalidLocation, d.location.error});
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
        d.notes.append({NoteCode::BlockedScheme, d.message});
        return d;
    }

    if (context.redirectsFollowed >= options.redirectLimit()) {
        d.kind = Decision::Kind::Stop;
        d.outcome = OutcomeKind::TooManyRedirects;
        d.message = tooManyRedirectsMessage(options);
        d.notes.append({NoteCode::TooManyRedirects, d.message});
        return d;
    }

    RequestSpec next = sent;
    next.url = target;
    rewriteMethod(options, sent, status, next, d.notes);
    carryCredentials(options, context, sent, next, d.notes);

    const QByteArray key = requestKey(next);
    if (detectLoop(options, context, next, key, d))
        return d;

    d.notes.append(
        {NoteCode::Redirect,
         QStringLiteral("%1: following Location to %2").arg(statusText(status), target.toDisplayString())});
    d.kind = Decision::Kind::Follow;
    d.next = next;
    d.nextKey = key;
    return d;
}

}  // namespace Rwb
