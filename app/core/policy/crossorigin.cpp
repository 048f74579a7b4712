// Credentials across origins: which of Authorization, Cookie and Proxy-Authorization a profile sends to
// the next hop when the origin changes (and, for curl, when the chain comes back to the first origin).
#include "core/http/origin.h"
#include "private/policy_p.h"

#include <algorithm>

namespace Rwb {

namespace {

// The credential headers among `headers`, each name once, in order of appearance.
QStringList credentialNames(Profile profile, const HeaderList &headers)
{
    QStringList names;
    for (const HeaderPair &h : headers) {
        const QString name = QString::fromLatin1(h.first);
        if (isCredentialHeader(profile, h.first) && !names.contains(name, Qt::CaseInsensitive))
            names << name;
    }
    return names;
}

// The browser profile with its cookie jar off sends a Cookie header of the request's own (with the jar on,
// the engine puts it into the jar): a page could not have set one at all, so it is treated as a credential
// of the first origin and never goes to another one.
bool isBrowserOwnCookie(const Options &options, QByteArrayView name)
{
    return options.profile == Profile::Browser && !options.cookiesEnabled()
           && name.compare("Cookie", Qt::CaseInsensitive) == 0;
}

// curl sends credentials only to the origin of the first request (host, port, scheme since 7.83), so
// A → B → A sends them to A again.
void carryCurlCredentials(const Options &options, const ChainContext &context, RequestSpec &next,
                          NoteList &notes)
{
    const QUrl &target = next.url;
    const QString to = originOf(target);
    const QString firstOrigin = originOf(context.initialRequest.url);
    const bool initialOrigin = sameOrigin(context.initialRequest.url, target);
    const bool send = initialOrigin || options.hostTrusted(target.host());
    const QStringList names = credentialNames(Profile::Curl, context.initialRequest.headers);
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
        notes.append({NoteCode::CredentialsRemoved,
                      QStringLiteral("%1 not sent to %2: curl sends credentials only to the first "
                                     "origin (%3); --location-trusted would keep them")
                          .arg(removed.join(QLatin1String(", ")), to, firstOrigin)});
    }
    if (!restored.isEmpty()) {
        notes.append({NoteCode::CredentialsRestored,
                      QStringLiteral("%1 sent again: %2")
                          .arg(restored.join(QLatin1String(", ")),
                               initialOrigin ? QStringLiteral("the hop is back on the first origin")
                                             : QStringLiteral("%1 is trusted").arg(target.host()))});
    }
    if (!kept.isEmpty()) {
        notes.append({NoteCode::CredentialsKept,
                      QStringLiteral("%1 kept on a hop away from the first origin: %2 is trusted")
                          .arg(kept.join(QLatin1String(", ")), target.host())});
    }
}

// curl 7.88 sends a -H Host only while the request goes to the first request's host name (http.c compares
// host names, not ports or schemes); to any other host it sends its own Host, and the given one again once
// the chain is back on that host.
void carryCurlHost(const ChainContext &context, RequestSpec &next, NoteList &notes)
{
    const HeaderList &first = context.initialRequest.headers;
    const qsizetype at =
        std::find_if(first.cbegin(), first.cend(),
                     [](const HeaderPair &h) { return h.first.compare("Host", Qt::CaseInsensitive) == 0; })
        - first.cbegin();
    if (at == first.size())
        return;
    const bool firstHost =
        next.url.host().compare(context.initialRequest.url.host(), Qt::CaseInsensitive) == 0;
    const bool present = hasHeader(next.headers, "Host");
    if (!firstHost && present) {
        removeHeader(next.headers, "Host");
        notes.append({NoteCode::HeaderRemoved,
                      QStringLiteral("Host: %1 not sent to %2: curl sends a Host header of its own to any "
                                     "host but the first (%3)")
                          .arg(QString::fromLatin1(first.at(at).second), next.url.host(),
                               context.initialRequest.url.host())});
    } else if (firstHost && !present) {
        next.headers.insert(qMin(at, next.headers.size()), first.at(at));
    }
}

}  // namespace

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

void carryCredentials(const Options &options, const ChainContext &context, const RequestSpec &sent,
                      RequestSpec &next, NoteList &notes)
{
    const Profile profile = options.profile;
    const QUrl &target = next.url;
    const bool crossOrigin = !sameOrigin(sent.url, target);
    if (crossOrigin) {
        notes.append({NoteCode::CrossOrigin, QStringLiteral("The next hop goes to another origin: %1 → %2")
                                                 .arg(originOf(sent.url), originOf(target))});
    }
    if (isDowngrade(sent.url, target))
        notes.append(
            {NoteCode::Downgrade, QStringLiteral("https → http: the next request is not encrypted")});
    if (profile == Profile::Curl) {
        carryCurlCredentials(options, context, next, notes);
        carryCurlHost(context, next, notes);
        return;
    }
    if (!crossOrigin)
        return;
    QStringList names = credentialNames(profile, next.headers);
    for (const HeaderPair &h : std::as_const(next.headers)) {
        if (isBrowserOwnCookie(options, h.first)
            && !names.contains(QLatin1String("Cookie"), Qt::CaseInsensitive))
            names << QString::fromLatin1(h.first);
    }
    if (names.isEmpty())
        return;
    if (options.hostTrusted(target.host())) {
        notes.append(
            {NoteCode::CredentialsKept, QStringLiteral("%1 kept on the cross-origin hop: %2 is trusted")
                                            .arg(names.join(QLatin1String(", ")), target.host())});
        return;
    }
    for (const QString &n : std::as_const(names))
        removeHeader(next.headers, n.toLatin1());
    notes.append(
        {NoteCode::CredentialsRemoved,
         QStringLiteral("%1 removed: the hop goes to another origin (%2)%3")
             .arg(names.join(QLatin1String(", ")), originOf(target),
                  profile == Profile::Browser ? QStringLiteral("; Fetch never restores it") : QString())});
}

}  // namespace Rwb
