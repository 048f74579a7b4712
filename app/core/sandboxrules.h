#pragma once

#include "expectations.h"
#include "model.h"
#include "options.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QUrl>

#include <optional>

namespace Rwb {

class JsonWriter;

// The redirect sandbox's rules and built-in scenarios (the server itself is app/sandbox's Sandbox).
//
// Placeholders, replaced in a rule's Location and header values when a request is answered, and in a
// scenario's expectations when it is run:
//   {{origin}}     http://127.0.0.1:PORT       the sandbox's main origin
//   {{other}}      http://localhost:OTHERPORT  a second origin (another port: another origin)
//   {{https}}      https://localhost:TLSPORT   the TLS listener (empty when TLS does not run)
//   {{port}}, {{otherPort}}, {{tlsPort}}       the port numbers alone
//   {{path}}       the request's path ("/a/b")
//   {{query}}      the request's query with its '?' ("?a=1"), empty when it has none
// Anything else between braces stays as it is.

using SandboxHeader = QPair<QString, QString>;  // name, value (the value may hold placeholders)

struct SandboxRule {
    // "/a/b" matches that path only; "/a/*" (a '*' at the end) every path that starts with "/a/".
    QString path;
    QString method;         // empty: any method; otherwise compared without regard to case
    QString requireCookie;  // non-empty: only requests that carry a cookie of this name match
    int status = 200;
    QString location;              // empty: no Location header
    QList<SandboxHeader> headers;  // in order, repeated names are separate header lines (Set-Cookie)
    QByteArray body;               // not sent for HEAD (nor for 1xx, 204, 304)
    QString contentType;           // of a non-empty body; empty: text/plain; charset=utf-8
    int delayMs = 0;               // the response waits this long (the server keeps serving others)
    QString description;

    friend bool operator==(const SandboxRule &a, const SandboxRule &b)
    {
        return a.path == b.path && a.method == b.method && a.requireCookie == b.requireCookie
               && a.status == b.status && a.location == b.location && a.headers == b.headers
               && a.body == b.body && a.contentType == b.contentType && a.delayMs == b.delayMs
               && a.description == b.description;
    }
};

inline constexpr int kSandboxMinStatus = 200;
inline constexpr int kSandboxMaxStatus = 999;
inline constexpr int kSandboxMaxDelayMs = 600000;

// Where the sandbox listens, for the placeholders.
struct SandboxUrls {
    QUrl origin;  // http://127.0.0.1:PORT
    QUrl other;   // http://localhost:OTHERPORT
    QUrl https;   // https://localhost:TLSPORT; empty when TLS does not run
};

// `text` with the placeholders replaced; {{path}} and {{query}} come from `requestUrl`.
QString expandSandboxText(const QString &text, const SandboxUrls &urls, const QUrl &requestUrl = QUrl());

// Rule matching: the rules are tried in list order and the first that matches wins (so an exact path
// must come before a prefix that covers it).
bool sandboxPathMatches(const QString &pattern, const QString &path);
bool sandboxRuleMatches(const SandboxRule &rule, QByteArrayView method, const QString &path,
                        const HeaderList &requestHeaders);
// Index of the first matching rule, or -1.
qsizetype findSandboxRule(const QList<SandboxRule> &rules, QByteArrayView method, const QString &path,
                          const HeaderList &requestHeaders);

// A rule's problem ("path: must start with '/'"), empty when it can be served. Header names must be
// tokens and no value may hold a line break.
QString sandboxRuleError(const SandboxRule &rule);

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

    bool needsTls() const { return startOrigin == SandboxOrigin::Https; }
};

// Every built-in scenario, each under its own path prefix, so that one sandbox serves them all at once.
const QList<SandboxScenario> &builtinScenarios();
// The rules of every built-in scenario in order: what the sandbox serves after the user's rules.
QList<SandboxRule> builtinScenarioRules();

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

// ---- session variables ----

// The same as session.h's Variables (name -> value, order kept).
using Variables = QList<QPair<QString, QString>>;

// The variables a session case addresses a running sandbox with, in this order:
//   sandbox        = urls.origin, "http://127.0.0.1:PORT" (no trailing slash)
//   sandbox_other  = urls.other,  "http://localhost:OTHERPORT"
//   sandbox_https  = urls.https,  "https://localhost:TLSPORT" (empty when TLS does not run)
// `rwb run --sandbox` and the window pass them to resolveCase() as overrides.
Variables sandboxVariables(const SandboxUrls &urls);
inline constexpr auto kSandboxVariable = "sandbox";
inline constexpr auto kSandboxOtherVariable = "sandbox_other";
inline constexpr auto kSandboxHttpsVariable = "sandbox_https";

// ---- JSON ----
//
// One object per rule, keys in this order, those at their default left out:
//   { "path": "/a/*", "method": "POST" (default any), "requireCookie": "session", "status": 302,
//     "location": "{{origin}}/b" (default none), "headers": [ { "name": "Set-Cookie", "value": "a=1" } ],
//     "body": "text" (or "bodyBase64" when not UTF-8), "contentType": "text/html", "delayMs": 500,
//     "description": "..." }
// "path" and "status" are required.

// The rules as a JSON array into a streaming writer.
void writeSandboxRulesJson(JsonWriter &writer, const QList<SandboxRule> &rules);
// A document of its own: {"rules": [...]}, with a final newline.
QByteArray sandboxRulesToJson(const QList<SandboxRule> &rules);
// Reads an array of rule objects; `path` names the array in errors ("sandbox.rules"), so that *error
// reads "sandbox.rules[2].status: expected an integer from 200 to 999".
std::optional<QList<SandboxRule>> sandboxRulesFromJsonArray(const QJsonArray &array, const QString &path,
                                                            QString *error);
// Reads a document written by sandboxRulesToJson().
std::optional<QList<SandboxRule>> sandboxRulesFromJson(const QByteArray &json, QString *error);

}  // namespace Rwb
