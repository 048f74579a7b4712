#pragma once

#include "core/check/expectations.h"
#include "core/session/session.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Rwb {

// The verdict on one run of a saved case: every expectation checked against the trace. A case without
// expectations passes when the chain reached a final response (any status), as `rwb trace` exits 0.
struct CaseVerdict {
    bool passed = false;
    QList<ExpectationResult> results;  // one per expectation, in order
    QStringList failures;              // messages of the failed ones (or why a case without any failed)
};
CaseVerdict checkCase(const SessionCase &testCase, const Trace &trace);
// The run's mark: failed; unchecked when it passed only because the case has no expectations; passed.
CaseRun::Verdict runVerdict(const SessionCase &testCase, const CaseVerdict &verdict);

// Makes `trace` the case's last trace. The one it replaces goes to the front of the history with the
// verdict it has against the case's expectations now (those it was last shown with), and the history
// keeps `runsKept` - 1 runs at most (runsKept counts the latest; from 1).
void recordRun(SessionCase *testCase, const Trace &trace, int runsKept);

// The one-line value of an expectation as the expectations editor shows and reads it, per kind:
//   hopCount "3" or "≤ 3" ("<= 3" and "at most 3" are read too); statusSequence "301, 302, 200";
//   finalUrl the URL, a pattern when it holds '*'; finalStatus "200"; hopLocation "0: /new" (hop index
//   as in the timeline, then the Location as received); finalMethod "GET"; cookieSet the cookie name;
//   maxTotalTime "500 ms" ("500" is read too); outcome "final", "loop", ...; noDowngrade and
//   noCrossOriginAuthorization have no value ("").
QString expectationValueText(const Expectation &expectation);
// The expectation of `kind` that `text` stands for; nullopt and *error (for people) when it is not one.
std::optional<Expectation> parseExpectationValue(ExpectationKind kind, const QString &text, QString *error);
// A short name of the kind for the editor's column ("Status sequence", "Final URL", ...).
QString expectationKindTitle(ExpectationKind kind);
// A value that makes sense for a new expectation of `kind` (taken from the trace when there is one).
Expectation defaultExpectation(ExpectationKind kind, const Trace *trace = nullptr);

}  // namespace Rwb
