#pragma once

#include "core/http/trace.h"
#include "core/session/sandboxrule.h"

#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace Rwb {

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

}  // namespace Rwb
