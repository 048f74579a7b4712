#pragma once

#include "core/check/bulkinput.h"
#include "core/check/bulkrules.h"
#include "core/check/bulkrunner.h"
#include "core/check/expectations.h"
#include "core/http/trace.h"
#include "core/policy/options.h"
#include "core/session/sandboxrule.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace Rwb {

// A saved test session (*.rwbsession): named cases in folders, variables with named environments.
// The file is UTF-8 JSON, indented by 4, keys in the fixed order shown (variables sorted by name), so that
// it diffs well in git. Fields at their default value are left out where marked "(default ...)".
//
// {
//     "format": "redirect-workbench-session",
//     "version": 1,
//     "name": "Shop redirects",
//     "variables": { "base": "http://127.0.0.1:8080" },
//     "environments": [ { "name": "staging", "variables": { "base": "https://staging.test" } } ],
//     "sandbox": { "rules": [ ...the rules of sandboxrules.h... ] } (absent when there are none),
//     "items": [
//         { "folder": "Legacy URLs", "items": [ ...folders and cases... ] },
//         {
//             "case": "old page reaches new page",
//             "request": {
//                 "method": "POST",
//                 "url": "{{base}}/old",
//                 "headers": [ { "name": "Accept", "value": "text/html", "enabled": false (default true),
//                                "suppress": true (default false; version 2: the client's own header of
//                                this name is not sent, curl's -H 'Name:') } ],
//                 "body": "a=1" (or "bodyBase64": "..." when not UTF-8; absent when empty),
//                 "formBody": true (default false),
//                 "customMethod": true (default false),
//                 "auth": { "kind": "basic", "user": "u", "password": "p" } | { "kind": "bearer",
//                          "token": "t" } (absent for none)
//             },
//             "options": { "profile": "browser", then only what differs from Options' defaults, named
//                          as its members: "maxRedirects", "keepPostOn30x", "locationTrusted",
//                          "trustedHosts", "cookieJar", "acceptTlsErrors", "loopDetect", "timeoutMs",
//                          "hstsPreload", "bodyPreviewCap"; version 2: "context" (as in a trace),
//                          "presetCookies": [ { "url": "...", "setCookie": "a=1; SameSite=Lax" } ],
//                          "userAgent", "acceptLanguage", "refreshLimitMs", "waitForRefresh",
//                          "compressed", "connectTo" and "resolve" (curl's rules, as written) },
//             "expectations": [ { "kind": "statusSequence", "statuses": [301, 200] } ],
//             "lastTrace": { ...the trace JSON of shared/design/cli-and-trace-format.md... } (optional),
//             "history": [ { "verdict": "failed", "failures": [ "status sequence: ..." ] (absent when none),
//                            "trace": { ...trace JSON... } } ] (version 2; the runs before lastTrace,
//                            newest first; absent when none)
//         },
//         {
//             "case": "migration map", "request": { "url": "" (unused), ... }, "options": { ... },
//             "expectations": [],
//             "bulk": { (version 3: a bulk check, SessionBulk)
//                 "input": "maps/migration.csv" or "{{base}}/sitemap.xml" | "lines": "https://a.test/x\n...",
//                 "inputFormat": "csv" (default "auto"), "expectPermanent": true, "maxHops": 1,
//                 "finalStatus": "200|410", "noDowngrade": true, "sameHost": true (each absent at its
//                 default), "parallel": 16, "perHost": 6, "rate": 0, "retries": 0 (absent at default)
//             }
//         }
//     ]
// }
//
// Reading ignores unknown keys (files from a later minor change of version 1) but rejects a newer
// "version", another "format", and wrong types.

// Version 3 added bulk checks ("bulk" on a case); a file is written as version 3 only when it holds one.
// Version 2 added the request context and preset cookies ("context", "presetCookies", "userAgent",
// "acceptLanguage", "refreshLimitMs", "waitForRefresh" in "options") and suppressed headers ("suppress" on
// a header), and a case's run history ("history"); a file is written as version 1 when it uses none of them.
inline constexpr int kSessionFormatVersion = 3;
inline constexpr auto kSessionFileSuffix = "rwbsession";

using Variables = QList<QPair<QString, QString>>;  // name -> value, order kept

struct CaseHeader {
    QString name;
    QString value;  // may hold {{variables}}
    bool enabled = true;
    // Not sent: the client's own header of this name is left out (curl's -H 'Name:'); value is unused.
    bool suppress = false;
    friend bool operator==(const CaseHeader &a, const CaseHeader &b)
    {
        return a.name == b.name && a.value == b.value && a.enabled == b.enabled && a.suppress == b.suppress;
    }
};

struct CaseAuth {
    enum class Kind { None, Basic, Bearer };
    Kind kind = Kind::None;
    QString user;
    QString password;
    QString token;
    friend bool operator==(const CaseAuth &a, const CaseAuth &b)
    {
        return a.kind == b.kind && a.user == b.user && a.password == b.password && a.token == b.token;
    }
};

// A request as the user wrote it: text that may hold {{variables}}, resolved when the case runs.
struct CaseRequest {
    QString method = QStringLiteral("GET");
    QString url;
    QList<CaseHeader> headers;
    QByteArray body;  // written as text when valid UTF-8, as base64 ("bodyBase64") otherwise
    bool formBody = false;
    bool customMethod = false;
    CaseAuth auth;
    friend bool operator==(const CaseRequest &a, const CaseRequest &b)
    {
        return a.method == b.method && a.url == b.url && a.headers == b.headers && a.body == b.body
               && a.formBody == b.formBody && a.customMethod == b.customMethod && a.auth == b.auth;
    }
};

// An earlier run of a case, as its history keeps it: the trace (its startedAt says when) and the verdict it
// had against the case's expectations of the time.
struct CaseRun {
    enum class Verdict { Passed, Failed, Unchecked };  // Unchecked: final, and no expectations to check
    Verdict verdict = Verdict::Unchecked;
    QStringList failures;  // why it failed, one line per problem
    Trace trace;
};
QString runVerdictName(CaseRun::Verdict verdict);  // "passed", "failed", "unchecked", as the file names it

// A case that is a bulk check (issue 14): its lines come from `input` (a file name, relative to the session
// file's folder, or an http(s) URL; it may hold {{variables}}) or from `lines` (the text inline), and each
// line is traced with the case's request (its method, headers, body and auth; the URL is the line's) and
// options, and checked against these rules as `rwb check` checks it. `rwb run` makes a JUnit testcase of
// each line.
struct SessionBulk {
    QString input;
    QString lines;
    BulkInputKind inputKind = BulkInputKind::Auto;
    bool expectPermanent = false;
    std::optional<int> maxHops;
    QString finalStatus;  // "200|410", "2xx"; empty: any 2xx
    bool noDowngrade = false;
    bool sameHost = false;
    BulkSettings settings;
    // The rules; finalStatus is checked when the file is read, so it parses.
    BulkRules rules() const;
    friend bool operator==(const SessionBulk &a, const SessionBulk &b)
    {
        return a.input == b.input && a.lines == b.lines && a.inputKind == b.inputKind
               && a.expectPermanent == b.expectPermanent && a.maxHops == b.maxHops
               && a.finalStatus == b.finalStatus && a.noDowngrade == b.noDowngrade && a.sameHost == b.sameHost
               && a.settings.parallel == b.settings.parallel && a.settings.perHost == b.settings.perHost
               && a.settings.ratePerSecond == b.settings.ratePerSecond
               && a.settings.retries == b.settings.retries;
    }
};

struct SessionCase {
    QString name;
    CaseRequest request;
    Options options;  // only what differs from the defaults is written
    QList<Expectation> expectations;
    std::optional<Trace> lastTrace;
    QList<CaseRun> history;           // the runs before lastTrace, newest first
    std::optional<SessionBulk> bulk;  // set: the case is a bulk check, and request.url is not used
};

// How many runs of a case the window keeps, the latest included, unless the user chooses otherwise.
inline constexpr int kDefaultRunsKept = 5;
inline constexpr int kMaxRunsKept = 100;

// A folder or a case: the session is a tree of them.
struct SessionItem {
    enum class Type { Folder, Case };
    Type type = Type::Case;
    QString name;  // folder name (a case's name is testCase.name)
    SessionCase testCase;
    QList<SessionItem> children;  // folders only
};

struct Environment {
    QString name;  // "staging", "production"
    Variables variables;
};

struct Session {
    QString name;
    Variables variables;  // defaults, overridden by the chosen environment's
    QList<Environment> environments;
    QList<SessionItem> items;
    QList<SandboxRule> sandboxRules;  // the user's redirect sandbox rules (served before the built-in ones)
    // The folder relative file names in the cases are read from (--cacert, --cert, --key): the session
    // file's, set by loadSessionFile(); empty: the working directory. Not written.
    QString directory;
};

// Writing never fails (it is memory); the bytes end with a newline.
QByteArray sessionToJson(const Session &session);

struct SessionLoadResult {
    std::optional<Session> session;
    // Why it could not be read, naming the place: "line 4, column 12: unterminated string",
    // "items[0].items[2].request.url: expected a string", "version 2 is newer than this program
    // reads (1)". loadSessionFile() prefixes the file name.
    QString error;
};
SessionLoadResult sessionFromJson(const QByteArray &json);
SessionLoadResult loadSessionFile(const QString &path);

// Atomic save (QSaveFile): the file is either the old bytes or the new ones, never half. When the file
// existed, its previous bytes are kept beside it as PATH.bak first. On failure nothing at `path` changes
// and *error says why, naming the file.
bool saveSessionFile(const QString &path, const Session &session, QString *error);

// Every case in tree order, with the names of the folders it is in ("Auth/Cross-origin", "" at the top).
struct CaseRef {
    QString folderPath;
    const SessionCase *testCase = nullptr;
};
QList<CaseRef> allCases(const Session &session);

// The case form of a plain request: every header enabled, a suppressed one as a "suppress" entry after
// them, auth None (an Authorization header stays a header), the body as it is.
CaseRequest caseRequestFromSpec(const RequestSpec &spec);

// A case made ready to run: {{name}} replaced in the URL, header names and values, body and auth, with
// the environment's variables over the session's, and `overrides` over both (the strongest layer: a
// running sandbox's sandboxVariables()). Unknown variables are errors ("unknown variable {{base}} in
// the URL"); an unknown environment name is an error too (empty name: none).
// A bulk check's case resolves without a URL, and its input with its variables replaced: a URL, or a file
// name made absolute against the session's folder (empty when its lines are inline, in bulkLines).
struct ResolvedCase {
    RequestSpec request;
    Options options;
    QString bulkInput;
    QString bulkLines;  // a bulk check's inline lines, their {{variables}} replaced
    QString error;
};
ResolvedCase resolveCase(const SessionCase &testCase, const Session &session,
                         const QString &environment = QString(), const Variables &overrides = {});

}  // namespace Rwb
