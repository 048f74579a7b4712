// The session file's reading: every failure names the field ("items[0].request.url: expected a string").
#include "core/session/session.h"

#include "core/check/expectationjson.h"
#include "core/formats/contextjson.h"
#include "core/formats/tracejson.h"
#include "core/http/addressmap.h"
#include "core/json/jsonreader.h"
#include "core/session/sandboxrule.h"
#include "private/session_p.h"

#include <QJsonObject>

#include <cmath>
#include <limits>

namespace Rwb {

namespace {

using Need = JsonReader::Need;

bool variablesIn(const JsonReader &in, Variables *out)
{
    if (!in.object())
        return false;
    Variables variables;
    for (const QString &name : in.keys()) {
        QString value;
        if (!in.at(name).string(&value, Need::Required))
            return false;
        variables.append({name, value});
    }
    *out = sortedVariables(variables);
    return true;
}

bool authIn(const JsonReader &in, CaseAuth *auth)
{
    if (!in.object())
        return false;
    if (in.isAbsent())
        return true;
    const JsonReader kind = in.at("kind");
    QString name;
    if (!kind.string(&name, Need::Required))
        return false;
    if (name == QLatin1String("none"))
        return true;  // read as no auth, though only an absent "auth" is written for it
    if (!kind.choice(&auth->kind, {{"basic", CaseAuth::Kind::Basic}, {"bearer", CaseAuth::Kind::Bearer}}))
        return false;
    if (auth->kind == CaseAuth::Kind::Basic)
        return in.at("user").string(&auth->user) && in.at("password").string(&auth->password);
    return in.at("token").string(&auth->token);
}

bool requestIn(const JsonReader &in, CaseRequest *r)
{
    const JsonReader headers = in.at("headers");
    if (!in.at("method").string(&r->method, Need::Required) || !in.at("url").string(&r->url, Need::Required)
        || !headers.array())
        return false;
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const JsonReader h = headers.at(i);
        CaseHeader header;
        if (!h.object(Need::Required, "an object with \"name\" and \"value\"")
            || !h.at("name").string(&header.name, Need::Required)
            || !h.at("value").string(&header.value, Need::Required)
            || !h.at("enabled").boolean(&header.enabled) || !h.at("suppress").boolean(&header.suppress))
            return false;
        r->headers.append(header);
    }
    return in.bytesField("body", "bodyBase64", &r->body) && in.at("formBody").boolean(&r->formBody)
           && in.at("customMethod").boolean(&r->customMethod) && authIn(in.at("auth"), &r->auth);
}

// "connectTo" and "resolve": curl's rules, each checked as the CLI checks it.
bool addressesIn(const JsonReader &in, Options *out)
{
    if (!in.at("connectTo").strings(&out->connectTo) || !in.at("resolve").strings(&out->resolve))
        return false;
    for (const char *key : {"connectTo", "resolve"}) {
        const QStringList &rules = QByteArrayView(key) == "resolve" ? out->resolve : out->connectTo;
        for (qsizetype i = 0; i < rules.size(); ++i) {
            QString error;
            const bool ok = QByteArrayView(key) == "resolve" ? bool(parseResolve(rules.at(i), &error))
                                                             : bool(parseConnectTo(rules.at(i), &error));
            if (!ok)
                return in.at(key).at(int(i)).fail(error);
        }
    }
    return true;
}

// "tls": curl's --cacert, --cert, --cert-type, --key, --pass, as written ({{variables}} and file names
// relative to the session file are resolved when the case runs).
bool tlsIn(const JsonReader &in, Options *out)
{
    if (in.isAbsentOrNull())
        return true;
    TlsFiles &t = out->tls;
    return in.object(Need::Required) && in.at("caCert").string(&t.caCertificates)
           && in.at("clientCert").string(&t.clientCertificate) && in.at("certType").string(&t.certificateType)
           && in.at("clientKey").string(&t.clientKey) && in.at("password").string(&t.password);
}

// "proxy" (an empty string: none, absent: the profile's own), "noProxy", "proxyUser": curl's --proxy,
// --noproxy, --proxy-user. A proxy URL is checked now unless it holds a {{variable}}.
bool proxyIn(const JsonReader &in, Options *out)
{
    if (in.has("proxy")) {
        QString proxy;
        if (!in.at("proxy").string(&proxy))
            return false;
        QString error;
        if (!proxy.contains(QLatin1String("{{")) && !proxy.isEmpty() && !parseProxyUrl(proxy, &error))
            return in.at("proxy").fail(error);
        out->proxy = proxy;
    }
    if (in.has("noProxy")) {
        QString noProxy;
        if (!in.at("noProxy").string(&noProxy))
            return false;
        out->noProxy = noProxy;
    }
    return in.at("proxyUser").string(&out->proxyUser)
           && in.at("httpVersion")
                  .name(&out->httpVersion, httpVersionFromName,
                        QStringLiteral("is not an HTTP version (default, 1.1, 2)"));
}

// Version 2's members of "options": the request context, preset cookies, User-Agent, Accept-Language,
// refresh handling.
bool contextIn(const JsonReader &in, Options *out)
{
    if (in.has("context") && !readRequestContextJson(in.at("context"), &out->context))
        return false;
    QString language;
    if (!in.at("acceptLanguage").string(&language))
        return false;
    out->acceptLanguage = language.toLatin1();
    return readPresetCookiesJson(in.at("presetCookies"), &out->presetCookies)
           && in.at("userAgent").string(&out->userAgent)
           && in.at("refreshLimitMs").integer(&out->refreshLimitMs, 0, 24 * 3600 * 1000)
           && in.at("waitForRefresh").boolean(&out->waitForRefresh)
           && in.at("compressed").boolean(&out->compressed) && addressesIn(in, out)
           && tlsIn(in.at("tls"), out) && proxyIn(in, out);
}

bool optionsIn(const JsonReader &in, Options *out)
{
    static const QString unknownProfile = [] {
        QStringList profiles;
        for (Profile p : allProfiles())
            profiles.append(profileName(p));
        return QStringLiteral("is not a profile (%1)").arg(profiles.join(QStringLiteral(", ")));
    }();
    if (!in.at("profile").name(&out->profile, profileFromName, unknownProfile))
        return false;
    constexpr int intMax = std::numeric_limits<int>::max();
    constexpr qint64 exactMax = 9007199254740992LL;  // 2^53: every integer up to it is exact in JSON
    if (in.has("maxRedirects")) {
        int maxRedirects = 0;
        if (!in.at("maxRedirects").integer(&maxRedirects, 0, intMax))
            return false;
        out->maxRedirects = maxRedirects;
    }
    if (in.has("cookieJar")) {
        bool jar = false;
        if (!in.at("cookieJar").boolean(&jar))
            return false;
        out->cookieJar = jar;
    }
    return in.at("timeoutMs").integer(&out->timeoutMs, 0, intMax)
           && in.at("bodyPreviewCap").integer(&out->bodyPreviewCap, 0, exactMax)
           && in.at("keepPostOn30x").boolean(&out->keepPostOn30x)
           && in.at("locationTrusted").boolean(&out->locationTrusted)
           && in.at("trustedHosts").strings(&out->trustedHosts)
           && in.at("acceptTlsErrors").boolean(&out->acceptTlsErrors)
           && in.at("loopDetect").boolean(&out->loopDetect) && in.at("hstsPreload").strings(&out->hstsPreload)
           && contextIn(in, out);
}

// A case's earlier runs, newest first.
bool historyIn(const JsonReader &in, QList<CaseRun> *out)
{
    if (!in.array())
        return false;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const JsonReader r = in.at(i);
        CaseRun run;
        const JsonReader trace = r.at("trace");
        if (!r.object(Need::Required, "a run object with \"verdict\" and \"trace\"")
            || !r.at("verdict").choice(&run.verdict,
                                       {{"passed", CaseRun::Verdict::Passed},
                                        {"failed", CaseRun::Verdict::Failed},
                                        {"unchecked", CaseRun::Verdict::Unchecked}},
                                       Need::RequiredSaysMissing)
            || !r.at("failures").strings(&run.failures) || !trace.object(Need::RequiredSaysMissing))
            return false;
        std::optional<Trace> read = readTraceJson(trace);
        if (!read)
            return false;
        run.trace = std::move(*read);
        out->append(std::move(run));
    }
    return true;
}

// "bulk": a bulk check (version 3): "input" or "lines", the rules and the pace.
bool bulkIn(const JsonReader &in, SessionBulk *out)
{
    if (!in.object(Need::Required))
        return false;
    if (in.has("input") == in.has("lines"))
        return in.fail(QStringLiteral("expected \"input\" (a file or URL) or \"lines\" (the lines inline)"));
    if (!in.at("input").string(&out->input) || !in.at("lines").string(&out->lines)
        || !in.at("inputFormat")
                .name(&out->inputKind, bulkInputKindFromName,
                      QStringLiteral("is not an input format (auto, list, csv, tsv, sitemap)"))
        || !in.at("expectPermanent").boolean(&out->expectPermanent)
        || !in.at("noDowngrade").boolean(&out->noDowngrade) || !in.at("sameHost").boolean(&out->sameHost)
        || !in.at("finalStatus").string(&out->finalStatus)
        || !in.at("parallel").integer(&out->settings.parallel, 1, 1024)
        || !in.at("perHost").integer(&out->settings.perHost, 1, 1024)
        || !in.at("retries").integer(&out->settings.retries, 0, 100)
        || !in.at("rate").number(&out->settings.ratePerSecond))
        return false;
    if (out->settings.ratePerSecond < 0 || out->settings.ratePerSecond > 100000)
        return in.at("rate").fail(QStringLiteral("expected chains per second, 0 (no limit) to 100000"));
    if (in.has("maxHops")) {
        int hops = 0;
        if (!in.at("maxHops").integer(&hops, 0, 1000))
            return false;
        out->maxHops = hops;
    }
    if (!out->finalStatus.isEmpty()) {
        const std::optional<QList<int>> codes = parseStatusList(out->finalStatus);
        if (!codes || codes->isEmpty())
            return in.at("finalStatus").fail(QStringLiteral("expected statuses such as 200|410 or 2xx"));
    }
    return true;
}

bool caseIn(const JsonReader &in, SessionCase *c)
{
    const JsonReader request = in.at("request");
    const JsonReader options = in.at("options");
    const JsonReader expectations = in.at("expectations");
    if (!in.at("case").string(&c->name, Need::Required) || !request.object(Need::Required)
        || !requestIn(request, &c->request) || !options.object() || !optionsIn(options, &c->options)
        || !expectations.array())
        return false;
    for (qsizetype i = 0; i < expectations.size(); ++i) {
        const JsonReader e = expectations.at(i);
        if (!e.object(Need::Required))
            return false;
        const std::optional<Expectation> expectation = readExpectationJson(e);
        if (!expectation)
            return false;
        c->expectations.append(*expectation);
    }
    if (in.has("bulk")) {
        SessionBulk bulk;
        if (!bulkIn(in.at("bulk"), &bulk))
            return false;
        c->bulk = bulk;
    }
    const JsonReader trace = in.at("lastTrace");
    if (!trace.isAbsentOrNull()) {
        if (!trace.object(Need::Required))
            return false;
        c->lastTrace = readTraceJson(trace);
        if (!c->lastTrace)
            return false;
    }
    return historyIn(in.at("history"), &c->history);
}

// The "items" of the session or of a folder `depth` folders deep.
bool itemsIn(const JsonReader &parent, int depth, QList<SessionItem> *out)
{
    const JsonReader items = parent.at("items");
    if (!items.array())
        return false;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const JsonReader in = items.at(i);
        if (!in.object(Need::Required, "a folder or a case object"))
            return false;
        SessionItem item;
        if (in.has("folder")) {
            if (depth >= kMaxFolderDepth)
                return in.fail(QStringLiteral("folders nest deeper than %1 levels").arg(kMaxFolderDepth));
            item.type = SessionItem::Type::Folder;
            if (!in.at("folder").string(&item.name, Need::Required)
                || !itemsIn(in, depth + 1, &item.children))
                return false;
        } else if (in.has("case")) {
            item.type = SessionItem::Type::Case;
            if (!caseIn(in, &item.testCase))
                return false;
            item.name = item.testCase.name;
        } else {
            return in.fail(QStringLiteral("expected a folder (\"folder\") or a case (\"case\")"));
        }
        out->append(item);
    }
    return true;
}

// "format" and "version" first: a file of another kind or of a later version says so, not that some
// field is wrong.
bool headerIn(const JsonReader &root, QString *error)
{
    const JsonReader format = root.at("format");
    if (format.value().toString() != QLatin1String(kSessionFormat)) {
        return format.fail(format.value().isString()
                               ? QStringLiteral("\"%1\" is not a session (expected \"%2\")")
                                     .arg(format.value().toString(), QLatin1String(kSessionFormat))
                               : QStringLiteral("expected \"%1\"").arg(QLatin1String(kSessionFormat)));
    }
    const JsonReader versionField = root.at("version");
    const double version = versionField.value().toDouble(std::nan(""));
    if (!versionField.value().isDouble() || version != std::floor(version) || version < 1)
        return versionField.fail(QStringLiteral("expected a positive integer"));
    if (version > kSessionFormatVersion) {
        *error = QStringLiteral("version %1 is newer than this program reads (%2)")
                     .arg(version, 0, 'f', 0)
                     .arg(kSessionFormatVersion);
        return false;
    }
    return true;
}

}  // namespace

SessionLoadResult sessionFromJson(const QByteArray &json)
{
    SessionLoadResult result;
    const std::optional<QJsonDocument> doc = JsonReader::parse(json, &result.error);
    if (!doc)
        return result;
    if (!doc->isObject()) {
        result.error = QStringLiteral("line 1, column 1: expected a session object, found an array");
        return result;
    }
    const JsonReader root(doc->object(), &result.error);
    if (!headerIn(root, &result.error))
        return result;
    Session session;
    const JsonReader environments = root.at("environments");
    bool ok = root.at("name").string(&session.name) && variablesIn(root.at("variables"), &session.variables)
              && environments.array();
    for (qsizetype i = 0; ok && i < environments.size(); ++i) {
        const JsonReader in = environments.at(i);
        Environment environment;
        ok = in.object(Need::Required) && in.at("name").string(&environment.name, Need::Required)
             && variablesIn(in.at("variables"), &environment.variables);
        session.environments.append(environment);
    }
    const JsonReader sandbox = root.at("sandbox");
    const JsonReader rules = sandbox.at("rules");
    ok = ok && sandbox.object() && rules.array();
    if (ok && rules.size() > 0) {
        const std::optional<QList<SandboxRule>> read = readSandboxRulesJson(rules);
        ok = read.has_value();
        if (read)
            session.sandboxRules = *read;
    }
    ok = ok && itemsIn(root, 0, &session.items);
    if (ok)
        result.session = std::move(session);
    return result;
}

}  // namespace Rwb
