// The method and body of the next request: what each profile makes of POST, PUT, ... after a 301, 302,
// 303, 307 or 308, and which headers leave with the body.
#include "private/policy_p.h"

namespace Rwb {

namespace {

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

void rewriteMethod(const Options &options, const RequestSpec &sent, int status, RequestSpec &next,
                   NoteList &notes)
{
    const MethodChange change = nextMethod(options, sent, status);
    if (change.method != sent.method) {
        notes.append({NoteCode::MethodChanged,
                      QStringLiteral("%1 became %2: %3")
                          .arg(methodName(sent.method), methodName(change.method), change.why)});
        next.method = change.method;
    } else if (!sent.body.isEmpty() && !change.dropBody && (status == 307 || status == 308)) {
        notes.append({NoteCode::MethodKept, QStringLiteral("%1 keeps the method %2 and its body")
                                                .arg(statusText(status), methodName(sent.method))});
    } else if (sent.method == "POST" && !sent.body.isEmpty() && !change.dropBody
               && (status == 301 || status == 302 || status == 303)) {
        // Where browsers would switch to GET, say why this profile does not.
        notes.append(
            {NoteCode::MethodKept,
             options.profile == Profile::Strict
                 ? QStringLiteral("POST kept with its body: RFC 9110 only allows (MAY) the POST → GET "
                                  "rewrite on %1; a strict client does not make it")
                       .arg(status)
                 : QStringLiteral("POST kept with its body on %1 (--post30x)").arg(status)});
    }
    if (!change.dropBody)
        return;
    // The next request is bodyless (when the method becomes GET, Fetch removes the body headers even if
    // there was no body).
    const bool hadBody = !sent.body.isEmpty();
    if (change.method == sent.method && hadBody)
        notes.append({NoteCode::MethodKept, change.why});
    if (hadBody) {
        notes.append({NoteCode::BodyDropped,
                      QStringLiteral("The %1-byte request body is not sent again").arg(sent.body.size())});
    }
    next.body.clear();
    next.formBody = false;
    QStringList removed;
    for (const QByteArray &h : bodyHeaders(options.profile)) {
        if (removeHeader(next.headers, h) > 0)
            removed << QString::fromLatin1(h);
    }
    if (!removed.isEmpty()) {
        notes.append({NoteCode::HeaderRemoved, QStringLiteral("Removed %1: they describe a body that is no "
                                                              "longer sent")
                                                   .arg(removed.join(QLatin1String(", ")))});
    }
}

}  // namespace Rwb
