#pragma once

#include "core/http/trace.h"

#include <QList>
#include <QString>

#include <optional>

namespace Rwb {

// What a saved test case expects of a redirect chain: of the whole chain, not only its last response.
enum class ExpectationKind {
    HopCount,        // number of hops, final one included (Exact or AtMost `number`)
    StatusSequence,  // the status of every hop in order (`statuses`); a hop without response counts as 0
    FinalUrl,        // URL of the last hop's request (Exact, or Pattern: `*` matches any run of characters)
    FinalStatus,     // status of the last hop (`number`)
    HopLocation,     // Location header of hop `number` (0-based, as hops[].index) is `text`, as received
    FinalMethod,     // method of the last hop (`text`)
    NoDowngrade,     // never a hop from https to http
    NoCrossOriginAuthorization,  // Authorization never sent to an origin other than the first hop's
    CookieSet,                   // some hop's response sets cookie `text` (Set-Cookie name)
    MaxTotalTime,                // the whole chain took at most `number` milliseconds
    Outcome,                     // outcome kind is `text` (outcomeKindName: "final", "loop", ...)
};
QString expectationKindName(ExpectationKind kind);  // stable JSON names: "hopCount", "statusSequence", ...
std::optional<ExpectationKind> expectationKindFromName(const QString &name);
const QList<ExpectationKind> &allExpectationKinds();

struct Expectation {
    enum class Match { Exact, AtMost, Pattern };
    ExpectationKind kind = ExpectationKind::FinalStatus;
    Match match = Match::Exact;  // AtMost: HopCount; Pattern: FinalUrl
    int number = 0;
    QString text;
    QList<int> statuses;
    friend bool operator==(const Expectation &a, const Expectation &b)
    {
        return a.kind == b.kind && a.match == b.match && a.number == b.number && a.text == b.text
               && a.statuses == b.statuses;
    }
};

// One line for people: "status sequence is 301, 302, 200", "final URL matches http://*/new".
QString describeExpectation(const Expectation &expectation);

struct ExpectationResult {
    bool passed = false;
    QString expected;  // "301, 302, 200"
    QString seen;      // "301, 200"
    QString message;   // a sentence naming both, e.g. "status sequence: expected 301, 302, 200, saw 301, 200"
};
ExpectationResult evaluateExpectation(const Expectation &expectation, const Trace &trace);

// "Expect this chain": the expectations that pin the given trace down (hop count, status sequence,
// final URL and status, final method, outcome, no downgrade when it had none, cookies it set, ...).
// Every returned expectation passes against `trace`.
QList<Expectation> expectationsFromTrace(const Trace &trace);

}  // namespace Rwb
