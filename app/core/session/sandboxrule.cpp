#include "core/session/sandboxrule.h"

#include "core/http/tokens.h"
#include "core/json/jsonreader.h"
#include "core/json/jsonwriter.h"

#include <QJsonObject>

namespace Rwb {

QString sandboxRuleError(const SandboxRule &rule)
{
    if (!rule.path.startsWith(QLatin1Char('/')))
        return QStringLiteral("path: must start with '/'");
    if (rule.path.indexOf(QLatin1Char('*')) >= 0
        && rule.path.indexOf(QLatin1Char('*')) != rule.path.size() - 1)
        return QStringLiteral("path: '*' may only end a path");
    if (hasFieldBreak(rule.path) || rule.path.contains(QLatin1Char(' ')))
        return QStringLiteral("path: must not hold spaces or line breaks");
    if (!rule.method.isEmpty() && !isToken(rule.method))
        return QStringLiteral("method: \"%1\" is not a method name").arg(rule.method);
    if (!rule.requireCookie.isEmpty() && !isToken(rule.requireCookie))
        return QStringLiteral("requireCookie: \"%1\" is not a cookie name").arg(rule.requireCookie);
    if (rule.status < kSandboxMinStatus || rule.status > kSandboxMaxStatus)
        return QStringLiteral("status: expected an integer from %1 to %2")
            .arg(kSandboxMinStatus)
            .arg(kSandboxMaxStatus);
    if (hasFieldBreak(rule.location))
        return QStringLiteral("location: must not hold a line break");
    for (qsizetype i = 0; i < rule.headers.size(); ++i) {
        if (!isToken(rule.headers.at(i).first))
            return QStringLiteral("headers[%1].name: \"%2\" is not a header name")
                .arg(i)
                .arg(rule.headers.at(i).first);
        if (hasFieldBreak(rule.headers.at(i).second))
            return QStringLiteral("headers[%1].value: must not hold a line break").arg(i);
    }
    if (hasFieldBreak(rule.contentType))
        return QStringLiteral("contentType: must not hold a line break");
    if (rule.delayMs < 0 || rule.delayMs > kSandboxMaxDelayMs)
        return QStringLiteral("delayMs: expected an integer from 0 to %1").arg(kSandboxMaxDelayMs);
    return QString();
}

void writeSandboxRulesJson(JsonWriter &j, const QList<SandboxRule> &rules)
{
    j.beginArray();
    for (const SandboxRule &r : rules) {
        j.beginObject();
        j.key("path");
        j.value(r.path);
        if (!r.method.isEmpty()) {
            j.key("method");
            j.value(r.method);
        }
        if (!r.requireCookie.isEmpty()) {
            j.key("requireCookie");
            j.value(r.requireCookie);
        }
        j.key("status");
        j.value(r.status);
        if (!r.location.isEmpty()) {
            j.key("location");
            j.value(r.location);
        }
        if (!r.headers.isEmpty()) {
            j.key("headers");
            j.beginArray();
            for (const SandboxHeader &h : r.headers)
                j.stringObject({{"name", h.first}, {"value", h.second}});
            j.endArray();
        }
        j.bytesField("body", "bodyBase64", r.body);
        if (!r.contentType.isEmpty()) {
            j.key("contentType");
            j.value(r.contentType);
        }
        if (r.delayMs != 0) {
            j.key("delayMs");
            j.value(r.delayMs);
        }
        if (!r.description.isEmpty()) {
            j.key("description");
            j.value(r.description);
        }
        j.endObject();
    }
    j.endArray();
}

QByteArray sandboxRulesToJson(const QList<SandboxRule> &rules)
{
    JsonWriter j;
    j.beginObject();
    j.key("rules");
    writeSandboxRulesJson(j, rules);
    j.endObject();
    return j.finish();
}

namespace {

bool readRule(const JsonReader &in, SandboxRule *r)
{
    using Need = JsonReader::Need;
    if (!in.object(Need::Required, "a rule object") || !in.at("path").string(&r->path, Need::Required)
        || !in.at("method").string(&r->method) || !in.at("requireCookie").string(&r->requireCookie)
        || !in.at("status").integer(&r->status, kSandboxMinStatus, kSandboxMaxStatus, Need::Required)
        || !in.at("location").string(&r->location))
        return false;
    const JsonReader headers = in.at("headers");
    if (!headers.array())
        return false;
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const JsonReader h = headers.at(i);
        SandboxHeader header;
        if (!h.object(Need::Required, "an object with \"name\" and \"value\"")
            || !h.at("name").string(&header.first, Need::Required)
            || !h.at("value").string(&header.second, Need::Required))
            return false;
        r->headers.append(header);
    }
    if (!in.bytesField("body", "bodyBase64", &r->body) || !in.at("contentType").string(&r->contentType)
        || !in.at("delayMs").integer(&r->delayMs, 0, kSandboxMaxDelayMs)
        || !in.at("description").string(&r->description))
        return false;
    const QString problem = sandboxRuleError(*r);
    return problem.isEmpty() || in.failWithin(problem);
}

}  // namespace

std::optional<QList<SandboxRule>> readSandboxRulesJson(const JsonReader &array)
{
    QList<SandboxRule> rules;
    for (qsizetype i = 0; i < array.size(); ++i) {
        SandboxRule r;
        if (!readRule(array.at(i), &r))
            return std::nullopt;
        rules.append(r);
    }
    return rules;
}

std::optional<QList<SandboxRule>> sandboxRulesFromJson(const QByteArray &json, QString *error)
{
    QString why;
    const auto doc = JsonReader::parse(json, &why);
    std::optional<QList<SandboxRule>> rules;
    if (doc && !doc->isObject()) {
        why = QStringLiteral("expected an object with \"rules\"");
    } else if (doc) {
        const JsonReader rulesArray = JsonReader(doc->object(), &why).at("rules");
        if (rulesArray.array(JsonReader::Need::Required))
            rules = readSandboxRulesJson(rulesArray);
    }
    if (!rules && error)
        *error = why;
    return rules;
}

}  // namespace Rwb
