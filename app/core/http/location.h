#pragma once

#include "core/http/trace.h"
#include "core/policy/options.h"

namespace Rwb {

// How a profile reads the Location header(s) of a response.
struct LocationResult {
    enum class Status {
        Ok,        // url is the resolved target
        Missing,   // no Location header: the response is final
        Empty,     // an empty Location: no redirect (Chromium, curl)
        Multiple,  // several different Location headers: an error (Fetch)
        Invalid,   // could not be parsed or resolved
    };
    Status status = Status::Missing;
    QByteArray raw;  // the Location value used (first one when several)
    QUrl url;        // resolved, absolute; may carry a fragment
    QString error;   // why, for Multiple and Invalid
    NoteList notes;  // what parsing did: trimmed, backslashes, encoded, fragment inherited
};

// Parses and resolves the Location values of one response against the URL of the request that got it
// (base, fragment included), the way the profile's client does.
LocationResult resolveLocation(Profile profile, const QUrl &base, const QList<QByteArray> &locationValues);

}  // namespace Rwb
