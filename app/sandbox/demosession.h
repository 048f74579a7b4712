#pragma once

#include "core/session/session.h"
#include "sandbox/scenarios.h"

namespace Rwb {

// The demo session (resources/demo.rwbsession, printed by `rwb sandbox --demo-session`): one case per
// built-in scenario, in a folder per scenario group, named by the scenario's title; after the site
// migration's case, a bulk check of its whole map (it fails on purpose: migrationFaults()). Every case
// addresses the sandbox through the variables of sandboxVariables() ({{sandbox}}/maintenance/products/42) and
// carries the scenario's browser-profile expectations; the session's own defaults for those variables
// are the ports of `rwb sandbox --port 8080`, and `rwb run --sandbox` or the window's running sandbox
// override them.
//
// Expectations are stored as written, never variable-substituted, so a scenario expectation that names a
// sandbox URL becomes a pattern: a final URL "{{origin}}/a" becomes "http://127.0.0.1:*/a" (Pattern), and
// a Location that names an origin is left out (the sandbox's port is not known in advance).
Session sandboxDemoSession();

// One scenario's expectations for `profile` in that stored form.
QList<Expectation> sandboxDemoExpectations(const SandboxScenario &scenario, Profile profile);

inline constexpr quint16 kSandboxDemoPort = 8080;

}  // namespace Rwb
