// The session file's writing: keys in a fixed order, fields at their default left out (session.h).
#include "core/session/session.h"

#include "core/check/expectationjson.h"
#include "core/formats/contextjson.h"
#include "core/formats/tracejson.h"
#include "core/json/jsonwriter.h"
#include "core/session/sandboxrule.h"
#include "private/session_p.h"

#include <algorithm>

namespace Rwb {

namespace {

void variablesOut(JsonWriter &j, const Variables &variables)
{
    j.beginObject();
    for (const auto &v : sortedVariables(variables)) {
        j.key(v.first);
        j.value(v.second);
    }
    j.endObject();
}

void stringsOut(JsonWriter &j, const QStringList &list)
{
    j.beginArray();
    for (const QString &s : list)
        j.value(s);
    j.endArray();
}

// Alike in shape to the trace's request (tracejson.cpp), but another document: headers are objects
// that may be disabled.
void requestOut(JsonWriter &j, const CaseRequest &r)
{
    j.beginObject();
    j.key("method");
    j.value(r.method);
    j.key("url");
    j.value(r.url);
    j.key("headers");
    j.beginArray();
    for (const CaseHeader &h : r.headers) {
        j.beginObject();
        j.key("name");
        j.value(h.name);
        j.key("value");
        j.value(h.value);
        if (!h.enabled) {
            j.key("enabled");
            j.value(false);
        }
        if (h.suppress) {
            j.key("suppress");
            j.value(true);
        }
        j.endObject();
    }
    j.endArray();
    j.bytesField("body", "bodyBase64", r.body);
    if (r.formBody) {
        j.key("formBody");
        j.value(true);
    }
    if (r.customMethod) {
        j.key("customMethod");
        j.value(true);
    }
    if (r.auth.kind != CaseAuth::Kind::None) {
        j.key("auth");
        j.beginObject();
        j.key("kind");
        if (r.auth.kind == CaseAuth::Kind::Basic) {
            j.string(QByteArrayLiteral("basic"));
            j.key("user");
            j.value(r.auth.user);
            j.key("password");
            j.value(r.auth.password);
        } else {
            j.string(QByteArrayLiteral("bearer"));
            j.key("token");
            j.value(r.auth.token);
        }
        j.endObject();
    }
    j.endObject();
}

void optionsOut(JsonWriter &j, const Options &o)
{
    const Options d;
    j.beginObject();
    j.key("profile");
    j.value(profileName(o.profile));
    if (o.maxRedirects) {
        j.key("maxRedirects");
        j.value(*o.maxRedirects);
    }
    if (o.keepPostOn30x != d.keepPostOn30x) {
        j.key("keepPostOn30x");
        j.value(o.keepPostOn30x);
    }
    if (o.locationTrusted != d.locationTrusted) {
        j.key("locationTrusted");
        j.value(o.locationTrusted);
    }
    if (o.trustedHosts != d.trustedHosts) {
        j.key("trustedHosts");
        stringsOut(j, o.trustedHosts);
    }
    if (o.cookieJar) {
        j.key("cookieJar");
        j.value(*o.cookieJar);
    }
    if (o.acceptTlsErrors != d.acceptTlsErrors) {
        j.key("acceptTlsErrors");
        j.value(o.acceptTlsErrors);
    }
    if (o.loopDetect != d.loopDetect) {
        j.key("loopDetect");
        j.value(o.loopDetect);
    }
    if (o.timeoutMs != d.timeoutMs) {
        j.key("timeoutMs");
        j.value(o.timeoutMs);
    }
    if (o.hstsPreload != d.hstsPreload) {
        j.key("hstsPreload");
        stringsOut(j, o.hstsPreload);
    }
    if (o.bodyPreviewCap != d.bodyPreviewCap) {
        j.key("bodyPreviewCap");
        j.value(o.bodyPreviewCap);
    }
    // Version 2: the request context and what the browser brings to the request.
    if (!o.context.isDefault()) {
        j.key("context");
        writeRequestContextJson(j, o.context);
    }
    if (!o.presetCookies.isEmpty()) {
        j.key("presetCookies");
        writePresetCookiesJson(j, o.presetCookies);
    }
    if (o.userAgent != d.userAgent) {
        j.key("userAgent");
        j.value(o.userAgent);
    }
    if (o.acceptLanguage != d.acceptLanguage) {
        j.key("acceptLanguage");
        j.value(QString::fromLatin1(o.acceptLanguage));
    }
    if (o.refreshLimitMs != d.refreshLimitMs) {
        j.key("refreshLimitMs");
        j.value(o.refreshLimitMs);
    }
    if (o.waitForRefresh != d.waitForRefresh) {
        j.key("waitForRefresh");
        j.value(o.waitForRefresh);
    }
    if (o.compressed != d.compressed) {
        j.key("compressed");
        j.value(o.compressed);
    }
    if (!o.connectTo.isEmpty()) {
        j.key("connectTo");
        stringsOut(j, o.connectTo);
    }
    if (!o.resolve.isEmpty()) {
        j.key("resolve");
        stringsOut(j, o.resolve);
    }
    if (o.proxy) {
        j.key("proxy");
        j.value(*o.proxy);
    }
    if (o.noProxy) {
        j.key("noProxy");
        j.value(*o.noProxy);
    }
    if (!o.proxyUser.isEmpty()) {
        j.key("proxyUser");
        j.value(o.proxyUser);
    }
    if (o.httpVersion != d.httpVersion) {
        j.key("httpVersion");
        j.value(httpVersionName(o.httpVersion));
    }
    if (!o.tls.isEmpty() || !o.tls.password.isEmpty()) {
        j.key("tls");
        j.beginObject();
        for (const auto &[key, value] : {std::pair{"caCert", o.tls.caCertificates},
                                         {"clientCert", o.tls.clientCertificate},
                                         {"certType", o.tls.certificateType},
                                         {"clientKey", o.tls.clientKey},
                                         {"password", o.tls.password}}) {
            if (!value.isEmpty()) {
                j.key(key);
                j.value(value);
            }
        }
        j.endObject();
    }
    j.endObject();
}

// A bulk check's members, each left out at its default.
void bulkOut(JsonWriter &j, const SessionBulk &b)
{
    const SessionBulk d;
    j.beginObject();
    if (!b.input.isEmpty() || b.lines.isEmpty()) {
        j.key("input");
        j.value(b.input);
    } else {
        j.key("lines");
        j.value(b.lines);
    }
    if (b.inputKind != d.inputKind) {
        j.key("inputFormat");
        j.value(bulkInputKindName(b.inputKind));
    }
    const std::pair<const char *, bool> flags[] = {
        {"expectPermanent", b.expectPermanent}, {"noDowngrade", b.noDowngrade}, {"sameHost", b.sameHost}};
    for (const auto &[key, set] : flags) {
        if (set) {
            j.key(key);
            j.value(true);
        }
    }
    if (b.maxHops) {
        j.key("maxHops");
        j.value(*b.maxHops);
    }
    if (!b.finalStatus.isEmpty()) {
        j.key("finalStatus");
        j.value(b.finalStatus);
    }
    const std::tuple<const char *, int, int> numbers[] = {
        {"parallel", b.settings.parallel, d.settings.parallel},
        {"perHost", b.settings.perHost, d.settings.perHost},
        {"retries", b.settings.retries, d.settings.retries}};
    for (const auto &[key, value, byDefault] : numbers) {
        if (value != byDefault) {
            j.key(key);
            j.value(value);
        }
    }
    if (b.settings.ratePerSecond != d.settings.ratePerSecond) {
        j.key("rate");
        j.value(b.settings.ratePerSecond);
    }
    j.endObject();
}

bool anyBulk(const QList<SessionItem> &items)
{
    return std::any_of(items.cbegin(), items.cend(), [](const SessionItem &item) {
        return item.type == SessionItem::Type::Folder ? anyBulk(item.children)
                                                      : item.testCase.bulk.has_value();
    });
}

// Whether a case needs version 2 of the format (a version 1 reader would drop what it holds silently).
bool needsVersion2(const SessionCase &c)
{
    const Options &o = c.options;
    const Options d;
    const bool suppresses = std::any_of(c.request.headers.cbegin(), c.request.headers.cend(),
                                        [](const CaseHeader &h) { return h.suppress; });
    return suppresses || !c.history.isEmpty() || !o.context.isDefault() || !o.presetCookies.isEmpty()
           || o.userAgent != d.userAgent || o.acceptLanguage != d.acceptLanguage
           || o.refreshLimitMs != d.refreshLimitMs || o.waitForRefresh != d.waitForRefresh
           || o.compressed != d.compressed || !o.connectTo.isEmpty() || !o.resolve.isEmpty()
           || !(o.tls == d.tls) || o.proxy || o.noProxy || !o.proxyUser.isEmpty()
           || o.httpVersion != d.httpVersion;
}

bool anyNeedsVersion2(const QList<SessionItem> &items)
{
    for (const SessionItem &item : items) {
        if (item.type == SessionItem::Type::Folder ? anyNeedsVersion2(item.children)
                                                   : needsVersion2(item.testCase))
            return true;
    }
    return false;
}

void itemsOut(JsonWriter &j, const QList<SessionItem> &items)
{
    j.beginArray();
    for (const SessionItem &item : items) {
        j.beginObject();
        if (item.type == SessionItem::Type::Folder) {
            j.key("folder");
            j.value(item.name);
            j.key("items");
            itemsOut(j, item.children);
        } else {
            const SessionCase &c = item.testCase;
            j.key("case");
            j.value(c.name);
            j.key("request");
            requestOut(j, c.request);
            j.key("options");
            optionsOut(j, c.options);
            j.key("expectations");
            j.beginArray();
            for (const Expectation &e : c.expectations)
                writeExpectationJson(j, e);
            j.endArray();
            if (c.bulk) {
                j.key("bulk");
                bulkOut(j, *c.bulk);
            }
            if (c.lastTrace) {
                j.key("lastTrace");
                writeTraceJson(j, *c.lastTrace);
            }
            if (!c.history.isEmpty()) {
                j.key("history");
                j.beginArray();
                for (const CaseRun &run : c.history) {
                    j.beginObject();
                    j.key("verdict");
                    j.value(runVerdictName(run.verdict));
                    if (!run.failures.isEmpty()) {
                        j.key("failures");
                        j.beginArray();
                        for (const QString &f : run.failures)
                            j.value(f);
                        j.endArray();
                    }
                    j.key("trace");
                    writeTraceJson(j, run.trace);
                    j.endObject();
                }
                j.endArray();
            }
        }
        j.endObject();
    }
    j.endArray();
}

}  // namespace

QByteArray sessionToJson(const Session &session)
{
    JsonWriter j;
    j.beginObject();
    j.key("format");
    j.string(QByteArray(kSessionFormat));
    // The lowest version that holds the content, so that files without the newer fields stay readable by
    // earlier builds and do not change on save.
    j.key("version");
    j.value(anyBulk(session.items) ? 3 : anyNeedsVersion2(session.items) ? 2 : 1);
    j.key("name");
    j.value(session.name);
    j.key("variables");
    variablesOut(j, session.variables);
    j.key("environments");
    j.beginArray();
    for (const Environment &env : session.environments) {
        j.beginObject();
        j.key("name");
        j.value(env.name);
        j.key("variables");
        variablesOut(j, env.variables);
        j.endObject();
    }
    j.endArray();
    if (!session.sandboxRules.isEmpty()) {
        j.key("sandbox");
        j.beginObject();
        j.key("rules");
        writeSandboxRulesJson(j, session.sandboxRules);
        j.endObject();
    }
    j.key("items");
    itemsOut(j, session.items);
    j.endObject();
    return j.finish();
}

}  // namespace Rwb
