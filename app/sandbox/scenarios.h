#pragma once

#include "core/check/expectations.h"
#include "core/http/trace.h"
#include "core/policy/options.h"
#include "sandbox/rules.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>

#include <optional>

namespace Rwb {

// ---- built-in scenarios ----

enum class SandboxOrigin {
    Origin,  // {{origin}}
    Other,   // {{other}}
    Https,   // {{https}}: needs the TLS listener
};

struct SandboxScenario {
    QString id;           // "maintenance"; its rules all live under "/<id>/"
    QString title;        // "Site maintenance"
    QString group;        // the demo session's folder: "Temporary and permanent", "Forms", ...
    QString description;  // what it demonstrates, and what caches and search engines make of it
    QList<SandboxRule> rules;
    SandboxOrigin startOrigin = SandboxOrigin::Origin;
    QString startPath;  // path and query on the start origin
    // The request to send.
    QByteArray method = QByteArrayLiteral("GET");
    HeaderList headers;
    QByteArray body;
    bool formBody = false;
    // What each profile sees; texts may hold {{origin}}, {{other}}, {{https}}.
    QMap<Profile, QList<Expectation>> expectations;
    // For a scenario with more URLs than rules are for (the site migration's 2,000 pages: rules are tried
    // one after the other for every request): its answer to a path under "/<id>/" that no rule took,
    // computed from the path, or nothing (404).
    std::optional<SandboxRule> (*generate)(const QString &path, const SandboxUrls &urls) = nullptr;
    // What else it serves that is worth naming (the migration's redirect map): a label and a path on the
    // start origin.
    QList<QPair<QString, QString>> links;

    bool needsTls() const { return startOrigin == SandboxOrigin::Https; }
};

// Every built-in scenario, each under its own path prefix, so that one sandbox serves them all at once.
const QList<SandboxScenario> &builtinScenarios();
// The rules of every built-in scenario in order: what the sandbox serves after the user's rules.
QList<SandboxRule> builtinScenarioRules();
// The answer of a scenario's generator (SandboxScenario::generate) to `path`: what the sandbox serves after
// every rule, before its 404.
std::optional<SandboxRule> builtinGeneratedRule(const QString &path, const SandboxUrls &urls);

QUrl sandboxStartUrl(const SandboxScenario &scenario, const SandboxUrls &urls);
// The start URL with the session variables of sandboxVariables() in place of the origin
// ("{{sandbox_other}}/canonical/shoes/index.html?sessionid=8f3a"), for session cases.
QString sandboxStartUrlTemplate(const SandboxScenario &scenario);
RequestSpec sandboxScenarioRequest(const SandboxScenario &scenario, const SandboxUrls &urls);
// The options to run a scenario with: the profile's defaults, TLS errors accepted (the sandbox's
// certificate is self-signed).
Options sandboxScenarioOptions(const SandboxScenario &scenario, Profile profile);
// The scenario's expectations for `profile` with their placeholders replaced.
QList<Expectation> sandboxScenarioExpectations(const SandboxScenario &scenario, Profile profile,
                                               const SandboxUrls &urls);

}  // namespace Rwb
