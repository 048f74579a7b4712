// Private to decideRedirect (policy.h): its steps, one concern per file, and the wording they share.
#pragma once

#include "core/policy/policy.h"

namespace Rwb {

// "302 Found", or the bare number for a status without a usual reason phrase (policy.cpp).
QString statusText(int status);
inline QString methodName(const QByteArray &method)
{
    return QString::fromLatin1(method);
}

// methodrewrite.cpp: the method and body of `next` after `status`, as the profile rewrites them, and the
// headers that go with a dropped body. `next` starts as a copy of `sent` aimed at the new URL.
void rewriteMethod(const Options &options, const RequestSpec &sent, int status, RequestSpec &next,
                   NoteList &notes);

// crossorigin.cpp: notes the change of origin from `sent` to `next` (another origin, https → http), and
// removes, keeps or restores the credential headers of `next` as the profile does across origins.
void carryCredentials(const Options &options, const ChainContext &context, const RequestSpec &sent,
                      RequestSpec &next, NoteList &notes);

// loopdetection.cpp: when `next` (whose requestKey is `key`) repeats a request the chain sent, notes the
// loop; with loop detection on, makes `d` the Loop stop and returns true.
bool detectLoop(const Options &options, const ChainContext &context, const RequestSpec &next,
                const QByteArray &key, Decision &d);

}  // namespace Rwb
