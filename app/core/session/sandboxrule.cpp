#include "core/session/sandboxrule.h"

#include "core/formats/tracejson.h"
#include "core/json/jsonwriter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

#include <cmath>

namespace Rwb {

namespace {

// A header field name is an RFC 9110 token.
bool isToken(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')
                        || QStringView(u"!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

bool hasLineBreak(const QString &text)
{
    return text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('\n'))
           || text.contains(QChar(u'\0'));
}

}  // namespace

QString sandboxRuleError(const SandboxRule &rule)
{
    if (!rule.path.startsWith(QLatin1Char('/')))
        return QStringLiteral("path: must start with '/'");
    if (rule.path.indexOf(QLatin1Char('*')) >= 0
        && rule.path.indexOf(QLatin1Char('*')) != rule.path.size() - 1)
        return QStringLiteral("path: '*' may only end a path");
    if (hasLineBreak(rule.path) || rule.path.contains(QLatin1Char(' ')))
        return QStringLiteral("path: must not hold spaces or line breaks");
    if (!rule.method.isEmpty() && !isToken(rule.method))
        return QStringLiteral("method: \"%1\" is not a method name").arg(rule.method);
    if (!rule.requireCookie.isEmpty() && !isToken(rule.requireCookie))
        return QStringLiteral("requireCookie: \"%1\" is not a cookie name").arg(rule.requireCookie);
    if (rule.status < kSandboxMinStatus || rule.status > kSandboxMaxStatus)
        return QStringLiteral("status: expected an integer from %1 to %2")
            .arg(kSandboxMinStatus)
            .arg(kSandboxMaxStatus);
    if (hasLineBreak(rule.location))
        return QStringLiteral("location: must not hold a line break");
    for (qsizetype i = 0; i < rule.headers.size(); ++i) {
        if (!isToken(rule.headers.at(i).first))
            return QStringLiteral("headers[%1].name: \"%2\" is not a header name")
                .arg(i)
                .arg(rule.headers.at(i).first);
        if (hasLineBreak(rule.headers.at(i).second))
            return QStringLiteral("headers[%1].value: must not hold a line break").arg(i);
    }
    if (hasLineBreak(rule.contentType))
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
            for (const SandboxHeader &h : r.headers) {
                j.beginObject();
                j.key("name");
                j.value(h.first);
                j.key("value");
                j.value(h.second);
                j.endObject();
            }
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

struct RuleReader {
    QString *error;

    bool fail(const QString &path, const QString &what)
    {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, what);
        return false;
    }
    static QString join(const QString &path, const char *key)
    {
        return path + QLatin1Char('.') + QLatin1String(key);
    }
    bool string(const QJsonObject &o, const QString &path, const char *key, QString *out, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return true;
        if (!v.isString())
            return fail(join(path, key), QStringLiteral("expected a string"));
        *out = v.toString();
        return true;
    }
    bool integer(const QJsonObject &o, const QString &path, const char *key, int min, int max, int *out,
                 bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return true;
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || d != std::floor(d) || d < min || d > max)
            return fail(join(path, key),
                        QStringLiteral("expected an integer from %1 to %2").arg(min).arg(max));
        *out = int(d);
        return true;
    }

    bool rule(const QJsonObject &o, const QString &path, SandboxRule *r)
    {
        if (!string(o, path, "path", &r->path, true) || !string(o, path, "method", &r->method, false)
            || !string(o, path, "requireCookie", &r->requireCookie, false)
            || !integer(o, path, "status", kSandboxMinStatus, kSandboxMaxStatus, &r->status, true)
            || !string(o, path, "location", &r->location, false))
            return false;
        const QJsonValue headers = o.value(QLatin1String("headers"));
        if (!headers.isUndefined()) {
            if (!headers.isArray())
                return fail(join(path, "headers"), QStringLiteral("expected an array"));
            const QJsonArray a = headers.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                const QString hp = QStringLiteral("%1[%2]").arg(join(path, "headers")).arg(i);
                if (!a.at(i).isObject())
                    return fail(hp, QStringLiteral("expected an object with \"name\" and \"value\""));
                SandboxHeader h;
                if (!string(a.at(i).toObject(), hp, "name", &h.first, true)
                    || !string(a.at(i).toObject(), hp, "value", &h.second, true))
                    return false;
                r->headers.append(h);
            }
        }
        QString body;
        if (o.contains(QLatin1String("body"))) {
            if (!string(o, path, "body", &body, true))
                return false;
            r->body = body.toUtf8();
        } else if (o.contains(QLatin1String("bodyBase64"))) {
            if (!string(o, path, "bodyBase64", &body, true))
                return false;
            const auto decoded =
                QByteArray::fromBase64Encoding(body.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return fail(join(path, "bodyBase64"), QStringLiteral("not valid base64"));
            r->body = decoded.decoded;
        }
        if (!string(o, path, "contentType", &r->contentType, false)
            || !integer(o, path, "delayMs", 0, kSandboxMaxDelayMs, &r->delayMs, false)
            || !string(o, path, "description", &r->description, false))
            return false;
        const QString problem = sandboxRuleError(*r);
        if (!problem.isEmpty()) {
            if (error)
                *error = path + QLatin1Char('.') + problem;
            return false;
        }
        return true;
    }
};

}  // namespace

std::optional<QList<SandboxRule>> sandboxRulesFromJsonArray(const QJsonArray &array, const QString &path,
                                                            QString *error)
{
    RuleReader reader{error};
    QList<SandboxRule> rules;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString p = QStringLiteral("%1[%2]").arg(path).arg(i);
        if (!array.at(i).isObject()) {
            reader.fail(p, QStringLiteral("expected a rule object"));
            return std::nullopt;
        }
        SandboxRule r;
        if (!reader.rule(array.at(i).toObject(), p, &r))
            return std::nullopt;
        rules.append(r);
    }
    return rules;
}

std::optional<QList<SandboxRule>> sandboxRulesFromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = jsonParseErrorMessage(json, parseError);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("expected an object with \"rules\"");
        return std::nullopt;
    }
    const QJsonValue rules = doc.object().value(QLatin1String("rules"));
    if (!rules.isArray()) {
        if (error)
            *error = QStringLiteral("rules: expected an array");
        return std::nullopt;
    }
    return sandboxRulesFromJsonArray(rules.toArray(), QStringLiteral("rules"), error);
}

}  // namespace Rwb
