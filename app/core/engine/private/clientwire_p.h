// Private to wire.cpp: the request heads of the command-line profiles (curl 7.88.1 and strict), and what
// became of the headers a request asked not to send. docs/spec/curl-requests.md has the rules.
#pragma once

#include "core/http/trace.h"
#include "core/policy/options.h"

#include <QStringList>

namespace Rwb::Detail {

// RequestSpec::suppressedHeaders on one request, for the header-suppressed note.
struct Suppression {
    QStringList removed;  // headers the client would have added and left out
    QStringList kept;     // "Name (why)": headers the client sends all the same
    QStringList absent;   // names the client adds no header of on this request: nothing to leave out
    bool isEmpty() const { return removed.isEmpty() && kept.isEmpty() && absent.isEmpty(); }
};

// Whether spec.suppressedHeaders names `name` (case-insensitively).
bool isSuppressed(const RequestSpec &spec, QByteArrayView name);

// The head curl 7.88.1 writes (lib/http.c, Curl_http): Host, the -u credentials, User-Agent, Accept,
// Cookie, then the -H lines in order, then Content-Length, Content-Type and Expect of a body.
WireRequest curlRequest(const Options &options, const RequestSpec &spec, const QByteArray &cookieHeader,
                        Suppression *suppression);

// The strict profile's minimal head: Host, User-Agent: rwb/VERSION, Accept: */*, the request's own
// headers, Cookie, and the body's Content-Type and Content-Length.
WireRequest strictRequest(const Options &options, const RequestSpec &spec, const QByteArray &cookieHeader,
                          Suppression *suppression);

// Sorts spec.suppressedHeaders into `suppression`, given the names the client would have added itself
// (`own`) and those it may not leave out with the reason (`required`); `removed` holds what was left out.
void classifySuppressions(const RequestSpec &spec, const QList<QByteArray> &own,
                          const QList<QPair<QByteArray, QString>> &required, Suppression *suppression);

}  // namespace Rwb::Detail
