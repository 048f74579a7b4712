#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace Rwb {

class JsonReader;
class JsonWriter;

// A rule of the redirect sandbox, as a session stores it (the matching, the placeholders and the built-in
// scenarios belong to the sandbox itself: app/sandbox/rules.h and scenarios.h). Values may hold the
// sandbox's placeholders ({{origin}}, {{other}}, {{https}}, {{path}}, ...: see app/sandbox/rules.h).

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

// A rule's problem ("path: must start with '/'"), empty when it can be served. Header names must be
// tokens and no value may hold a line break.
QString sandboxRuleError(const SandboxRule &rule);

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
// Reads an array of rule objects; the failure names the field under the array's path:
// "sandbox.rules[2].status: expected an integer from 200 to 999".
std::optional<QList<SandboxRule>> readSandboxRulesJson(const JsonReader &array);
// Reads a document written by sandboxRulesToJson().
std::optional<QList<SandboxRule>> sandboxRulesFromJson(const QByteArray &json, QString *error);

}  // namespace Rwb
