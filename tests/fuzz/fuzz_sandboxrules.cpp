// The redirect sandbox's rules: sandboxRulesFromJson (core/session/sandboxrule.h) on any bytes, then the
// sandbox's matching and placeholders (sandbox/rules.h) against a request made of the input. Properties:
// - every rule read can be served (sandboxRuleError() is empty), and the rules written and read back are the
//   same rules;
// - what the sandbox would answer with a rule (its Location and header values with the placeholders
//   expanded for any request URL) holds no CR, LF or NUL: a request cannot split the response head.
// The request: the input's last line "METHOD PATH?QUERY" (after the JSON, which the line keeps from parsing,
// so it is tried only when the input holds more than one line; else "GET /").
#include "fuzzcheck.h"

#include "core/session/sandboxrule.h"
#include "sandbox/rules.h"

using namespace Rwb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = Fuzz::inputBytes(data, size);
    QString error;
    std::optional<QList<SandboxRule>> rules = sandboxRulesFromJson(input, &error);
    QByteArray requestLine = "GET /";
    if (!rules) {
        // A request line after the document.
        const qsizetype lastLine = input.lastIndexOf('\n');
        if (lastLine < 0)
            return 0;
        error.clear();
        rules = sandboxRulesFromJson(input.left(lastLine), &error);
        requestLine = input.mid(lastLine + 1);
    }
    if (!rules)
        return 0;
    for (const SandboxRule &rule : *rules)
        Fuzz::check(sandboxRuleError(rule).isEmpty(), "a rule read can be served", sandboxRuleError(rule));
    QString againError;
    const auto again = sandboxRulesFromJson(sandboxRulesToJson(*rules), &againError);
    Fuzz::check(again && *again == *rules, "rules written and read back are the same rules", againError);

    const qsizetype space = requestLine.indexOf(' ');
    const QByteArray method = space < 0 ? QByteArrayLiteral("GET") : requestLine.left(space);
    const QUrl requestUrl(QStringLiteral("http://127.0.0.1:8080")
                              + QString::fromUtf8(space < 0 ? requestLine : requestLine.mid(space + 1)),
                          QUrl::TolerantMode);
    const HeaderList requestHeaders{{QByteArrayLiteral("Cookie"), QByteArrayLiteral("session=1; a=b")}};
    const SandboxUrls urls{QUrl(QStringLiteral("http://127.0.0.1:8080")),
                           QUrl(QStringLiteral("http://localhost:8081")),
                           QUrl(QStringLiteral("https://localhost:8443"))};
    (void)findSandboxRule(*rules, method, requestUrl.path(), requestHeaders);
    for (const SandboxRule &rule : *rules) {
        (void)sandboxRuleMatches(rule, method, requestUrl.path(), requestHeaders);
        const QString location = expandSandboxText(rule.location, urls, requestUrl);
        Fuzz::check(!Fuzz::hasLineBreak(location.toUtf8()), "an expanded Location holds no CR, LF or NUL",
                    location);
        for (const SandboxHeader &h : rule.headers) {
            const QString value = expandSandboxText(h.second, urls, requestUrl);
            Fuzz::check(!Fuzz::hasLineBreak(value.toUtf8()),
                        "an expanded header value holds no CR, LF or NUL", value);
        }
    }
    return 0;
}
