#pragma once

#include "core/http/trace.h"
#include "core/policy/options.h"

#include <QString>
#include <QStringList>

namespace Rwb {

// Plain-language text about a status code, for the inspector's Explain tab.
struct StatusExplanation {
    QString title;      // "302 Found: a temporary redirect"
    QStringList about;  // paragraphs: what the status means, what clients do with the method and body,
                        // what caches and search engines make of it, and when to use another status
};
StatusExplanation explainStatus(int status);

// One decision a profile took on a hop, as a sentence and the rule it followed.
struct DecisionExplanation {
    QString what;  // the note's message, or a clearer sentence built from it
    QString rule;  // the rule with its source ("Fetch, HTTP-redirect fetch step 12: ..."); may be empty
};
// Every note of the hop explained for the trace's profile, in the hop's note order.
QList<DecisionExplanation> explainDecisions(Profile profile, const Hop &hop);

}  // namespace Rwb
