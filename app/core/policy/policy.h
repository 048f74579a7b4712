#pragma once

#include "core/http/location.h"
#include "core/http/trace.h"
#include "core/policy/options.h"

#include <QHash>

namespace Rwb {

// What the chain so far tells the policy: the start of the chain (curl sends credentials only to the
// initial origin) and the requests already sent (for loop detection and limits).
struct ChainContext {
    RequestSpec initialRequest;
    int redirectsFollowed = 0;  // before the response being decided on

    // Records that hop number sentCount() sent a request with this requestKey().
    void addSent(const QByteArray &key)
    {
        m_firstSent.insert(key, m_firstSent.value(key, m_sentCount));  // keeps the first hop
        ++m_sentCount;
    }
    int sentCount() const { return m_sentCount; }
    // The first hop that sent a request with this key, or -1. O(1): chains run to thousands of hops.
    int firstHopSent(const QByteArray &key) const { return m_firstSent.value(key, -1); }

private:
    QHash<QByteArray, int> m_firstSent;
    int m_sentCount = 0;
};

// Identity of a request for loop detection: method, URL without fragment, body.
QByteArray requestKey(const RequestSpec &request);

// The outcome message when the profile's redirect limit is reached (policy and synthetic HSTS hops).
QString tooManyRedirectsMessage(const Options &options);

// True for statuses the profile treats as redirects when a Location is present.
bool isRedirectStatus(Profile profile, int status);

// The credentials a profile guards across origins.
bool isCredentialHeader(Profile profile, QByteArrayView name);

struct Decision {
    enum class Kind {
        Final,   // this response ends the chain successfully
        Follow,  // send `next`
        Stop,    // the chain ends with `outcome`
    };
    Kind kind = Kind::Final;
    RequestSpec next;                          // Follow: the next request
    LocationResult location;                   // how Location was read (when it was)
    OutcomeKind outcome = OutcomeKind::Final;  // Stop
    QString message;                           // Stop: why, for people
    int repeatsHop = -1;                       // Stop with Loop: the earlier hop
    NoteList notes;                            // every decision taken, in order
    QByteArray nextKey;                        // Follow: requestKey(next), computed once
};

// The redirect decision: (profile, request sent, response received) -> next request or outcome.
// Pure: no I/O, no clock, no state beyond its arguments.
Decision decideRedirect(const Options &options, const ChainContext &context, const RequestSpec &sent,
                        int status, const HeaderList &responseHeaders);

}  // namespace Rwb
