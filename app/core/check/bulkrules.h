// The verdict on one line of a bulk check (issue 14): its traced chain against the line's own expectations
// (core/check/bulkinput.h) and the run's rules. Pure. Each problem has a stable code (bulkProblemCodes()),
// the same in every report, the baseline and the window's filter.
#pragma once

#include "core/check/bulkinput.h"
#include "core/http/trace.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Rwb {

struct BulkRules {
    bool expectPermanent = false;  // --expect-permanent: every redirect 301 or 308
    std::optional<int> maxHops;    // --max-hops N: redirects at most (a line's own `hops` wins)
    QList<int> finalStatuses;      // --final-status LIST: the last status; empty: any 2xx
    bool noDowngrade = false;      // --no-downgrade: never from https to http
    bool sameHost = false;         // --same-host: the chain never leaves the first URL's host
};

struct BulkProblem {
    QString code;
    QString message;
    bool warning = false;  // said, but the line still passes
    friend bool operator==(const BulkProblem &a, const BulkProblem &b)
    {
        return a.code == b.code && a.message == b.message && a.warning == b.warning;
    }
};

// Every code checkBulkChain() gives, in the order reports list them: invalid-url, error, loop,
// redirect-limit, invalid-location, stopped, wrong-status, temporary-redirect, mixed-permanence (a warning
// unless --expect-permanent, which reports temporary-redirect instead), too-many-hops, downgrade, other-host,
// wrong-target, final-status.
const QStringList &bulkProblemCodes();

// The problems of `line`'s chain `trace` (none for a line that passes). A line that could not be traced
// (`line.invalid`) has invalid-url whatever the trace.
QList<BulkProblem> checkBulkChain(const BulkLine &line, const BulkRules &rules, const Trace &trace);

// Whether a line with these problems passes: none of them is more than a warning.
bool bulkLinePassed(const QList<BulkProblem> &problems);

// The URL as compared with a line's target: no fragment, dot segments removed, the scheme's default port
// dropped, an empty path as "/".
QUrl comparableUrl(const QUrl &url);

}  // namespace Rwb
