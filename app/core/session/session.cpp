#include "core/session/session.h"

#include "core/formats/tracejson.h"
#include "core/json/jsonwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStringDecoder>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Rwb {

namespace {

constexpr qint64 kMaxSessionFileBytes = 64 * 1024 * 1024;
// Folders inside folders, at most: deeper trees would outgrow the JSON writer's nesting (64 levels).
constexpr int kMaxFolderDepth = 16;

const char kFormat[] = "redirect-workbench-session";

// ---- writing ----

// Sorted by name; of names given twice the later value wins, as in resolveCase().
Variables sortedVariables(const Variables &variables)
{
    Variables sorted = variables;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    Variables out;
    for (const auto &v : sorted) {
        if (!out.isEmpty() && out.last().first == v.first)
            out.last().second = v.second;
        else
            out.append(v);
    }
    return out;
}

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
    j.endObject();
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
            if (c.lastTrace) {
                j.key("lastTrace");
                writeTraceJson(j, *c.lastTrace);
            }
        }
        j.endObject();
    }
    j.endArray();
}

// ---- reading ----

// Reads one level of the document; every error names the dotted path of the field.
struct Reader {
    QString error;

    bool fail(const QString &path, const QString &what)
    {
        if (error.isEmpty())
            error = QStringLiteral("%1: %2").arg(path, what);
        return false;
    }
    static QString join(const QString &path, const char *key)
    {
        return path.isEmpty() ? QString::fromLatin1(key)
                              : QString(path + QLatin1Char('.') + QLatin1String(key));
    }
    static QString index(const QString &path, qsizetype i)
    {
        return QStringLiteral("%1[%2]").arg(path).arg(i);
    }

    // Optional typed fields: absent leaves *out as it is.
    bool string(const QJsonObject &o, const QString &path, const char *key, QString *out,
                bool required = false)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return true;
        if (!v.isString())
            return fail(join(path, key), QStringLiteral("expected a string"));
        *out = v.toString();
        return true;
    }
    bool boolean(const QJsonObject &o, const QString &path, const char *key, bool *out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isBool())
            return fail(join(path, key), QStringLiteral("expected true or false"));
        *out = v.toBool();
        return true;
    }
    bool integer(const QJsonObject &o, const QString &path, const char *key, double min, double max,
                 double *out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || d != std::floor(d) || d < min || d > max)
            return fail(
                join(path, key),
                QStringLiteral("expected an integer from %1 to %2").arg(min, 0, 'f', 0).arg(max, 0, 'f', 0));
        *out = d;
        return true;
    }
    bool strings(const QJsonObject &o, const QString &path, const char *key, QStringList *out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        const QString p = join(path, key);
        if (!v.isArray())
            return fail(p, QStringLiteral("expected an array of strings"));
        const QJsonArray a = v.toArray();
        out->clear();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isString())
                return fail(index(p, i), QStringLiteral("expected a string"));
            out->append(a.at(i).toString());
        }
        return true;
    }
    // An object or array field: absent gives an empty one.
    bool object(const QJsonObject &o, const QString &path, const char *key, QJsonObject *out, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return true;
        if (!v.isObject())
            return fail(join(path, key), QStringLiteral("expected an object"));
        *out = v.toObject();
        return true;
    }
    bool array(const QJsonObject &o, const QString &path, const char *key, QJsonArray *out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isArray())
            return fail(join(path, key), QStringLiteral("expected an array"));
        *out = v.toArray();
        return true;
    }

    bool variables(const QJsonObject &o, const QString &path, const char *key, Variables *out)
    {
        QJsonObject vars;
        if (!object(o, path, key, &vars, false))
            return false;
        const QString p = join(path, key);
        out->clear();
        for (auto it = vars.constBegin(); it != vars.constEnd(); ++it) {
            if (!it.value().isString())
                return fail(p + QLatin1Char('.') + it.key(), QStringLiteral("expected a string"));
            out->append({it.key(), it.value().toString()});
        }
        *out = sortedVariables(*out);
        return true;
    }

    bool request(const QJsonObject &o, const QString &path, CaseRequest *r)
    {
        if (!string(o, path, "method", &r->method, true) || !string(o, path, "url", &r->url, true))
            return false;
        QJsonArray headers;
        if (!array(o, path, "headers", &headers))
            return false;
        for (qsizetype i = 0; i < headers.size(); ++i) {
            const QString hp = index(join(path, "headers"), i);
            if (!headers.at(i).isObject())
                return fail(hp, QStringLiteral("expected an object with \"name\" and \"value\""));
            const QJsonObject ho = headers.at(i).toObject();
            CaseHeader h;
            if (!string(ho, hp, "name", &h.name, true) || !string(ho, hp, "value", &h.value, true)
                || !boolean(ho, hp, "enabled", &h.enabled))
                return false;
            r->headers.append(h);
        }
        QString body;
        if (o.contains(QLatin1String("body"))) {
            if (!string(o, path, "body", &body))
                return false;
            r->body = body.toUtf8();
        } else if (o.contains(QLatin1String("bodyBase64"))) {
            if (!string(o, path, "bodyBase64", &body))
                return false;
            const auto decoded =
                QByteArray::fromBase64Encoding(body.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return fail(join(path, "bodyBase64"), QStringLiteral("not valid base64"));
            r->body = decoded.decoded;
        }
        if (!boolean(o, path, "formBody", &r->formBody)
            || !boolean(o, path, "customMethod", &r->customMethod))
            return false;
        QJsonObject auth;
        if (!object(o, path, "auth", &auth, false))
            return false;
        if (o.contains(QLatin1String("auth"))) {
            const QString ap = join(path, "auth");
            QString kind;
            if (!string(auth, ap, "kind", &kind, true))
                return false;
            if (kind == QLatin1String("basic")) {
                r->auth.kind = CaseAuth::Kind::Basic;
                if (!string(auth, ap, "user", &r->auth.user)
                    || !string(auth, ap, "password", &r->auth.password))
                    return false;
            } else if (kind == QLatin1String("bearer")) {
                r->auth.kind = CaseAuth::Kind::Bearer;
                if (!string(auth, ap, "token", &r->auth.token))
                    return false;
            } else if (kind != QLatin1String("none")) {
                return fail(join(ap, "kind"),
                            QStringLiteral("expected \"basic\" or \"bearer\", found \"%1\"").arg(kind));
            }
        }
        return true;
    }

    bool options(const QJsonObject &o, const QString &path, Options *out)
    {
        QString profile = profileName(out->profile);
        if (!string(o, path, "profile", &profile))
            return false;
        const auto p = profileFromName(profile);
        if (!p) {
            QStringList known;
            for (Profile k : allProfiles())
                known.append(profileName(k));
            return fail(join(path, "profile"), QStringLiteral("\"%1\" is not a profile (%2)")
                                                   .arg(profile, known.join(QStringLiteral(", "))));
        }
        out->profile = *p;
        constexpr double intMax = std::numeric_limits<int>::max();
        constexpr double exactMax = 9007199254740992.0;  // 2^53: every integer up to it is exact in JSON
        double number = 0;
        if (o.contains(QLatin1String("maxRedirects"))) {
            if (!integer(o, path, "maxRedirects", 0, intMax, &number))
                return false;
            out->maxRedirects = int(number);
        }
        if (o.contains(QLatin1String("cookieJar"))) {
            bool jar = false;
            if (!boolean(o, path, "cookieJar", &jar))
                return false;
            out->cookieJar = jar;
        }
        number = out->timeoutMs;
        if (!integer(o, path, "timeoutMs", 0, intMax, &number))
            return false;
        out->timeoutMs = int(number);
        number = double(out->bodyPreviewCap);
        if (!integer(o, path, "bodyPreviewCap", 0, exactMax, &number))
            return false;
        out->bodyPreviewCap = qint64(number);
        return boolean(o, path, "keepPostOn30x", &out->keepPostOn30x)
               && boolean(o, path, "locationTrusted", &out->locationTrusted)
               && strings(o, path, "trustedHosts", &out->trustedHosts)
               && boolean(o, path, "acceptTlsErrors", &out->acceptTlsErrors)
               && boolean(o, path, "loopDetect", &out->loopDetect)
               && strings(o, path, "hstsPreload", &out->hstsPreload);
    }

    bool testCase(const QJsonObject &o, const QString &path, SessionCase *c)
    {
        if (!string(o, path, "case", &c->name, true))
            return false;
        QJsonObject requestObject;
        if (!object(o, path, "request", &requestObject, true)
            || !request(requestObject, join(path, "request"), &c->request))
            return false;
        QJsonObject opts;
        if (!object(o, path, "options", &opts, false) || !options(opts, join(path, "options"), &c->options))
            return false;
        QJsonArray expectations;
        if (!array(o, path, "expectations", &expectations))
            return false;
        for (qsizetype i = 0; i < expectations.size(); ++i) {
            const QString ep = index(join(path, "expectations"), i);
            if (!expectations.at(i).isObject())
                return fail(ep, QStringLiteral("expected an object"));
            QString why;
            const auto e = expectationFromJson(expectations.at(i).toObject(), &why);
            if (!e) {
                if (error.isEmpty())
                    error = ep + QLatin1Char('.') + why;
                return false;
            }
            c->expectations.append(*e);
        }
        const QJsonValue trace = o.value(QLatin1String("lastTrace"));
        if (trace.isUndefined() || trace.isNull())
            return true;
        if (!trace.isObject())
            return fail(join(path, "lastTrace"), QStringLiteral("expected an object"));
        TraceLoadResult loaded = traceFromJsonObject(trace.toObject(), join(path, "lastTrace"));
        if (!loaded.trace) {
            if (error.isEmpty())
                error = loaded.error;
            return false;
        }
        c->lastTrace = std::move(loaded.trace);
        return true;
    }

    bool items(const QJsonObject &o, const QString &path, int depth, QList<SessionItem> *out)
    {
        QJsonArray a;
        if (!array(o, path, "items", &a))
            return false;
        const QString ip = join(path, "items");
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString p = index(ip, i);
            if (!a.at(i).isObject())
                return fail(p, QStringLiteral("expected a folder or a case object"));
            const QJsonObject io = a.at(i).toObject();
            SessionItem item;
            if (io.contains(QLatin1String("folder"))) {
                if (depth >= kMaxFolderDepth)
                    return fail(p, QStringLiteral("folders nest deeper than %1 levels").arg(kMaxFolderDepth));
                item.type = SessionItem::Type::Folder;
                if (!string(io, p, "folder", &item.name, true) || !items(io, p, depth + 1, &item.children))
                    return false;
            } else if (io.contains(QLatin1String("case"))) {
                item.type = SessionItem::Type::Case;
                if (!testCase(io, p, &item.testCase))
                    return false;
                item.name = item.testCase.name;
            } else {
                return fail(p, QStringLiteral("expected a folder (\"folder\") or a case (\"case\")"));
            }
            out->append(item);
        }
        return true;
    }
};

// ---- resolving ----

using VariableMap = QList<QPair<QByteArray, QByteArray>>;  // UTF-8 name -> value, later entries win

const QByteArray *lookup(const VariableMap &vars, const QByteArray &name)
{
    for (auto it = vars.crbegin(); it != vars.crend(); ++it) {
        if (it->first == name)
            return &it->second;
    }
    return nullptr;
}

// {{name}} (spaces allowed inside the braces) replaced by its value; a "{{" with no "}}" after it is
// text. Values are not scanned again. Works on bytes so that a binary body survives.
bool substitute(QByteArray *text, const VariableMap &vars, const QString &where, QString *error)
{
    QByteArray out;
    qsizetype pos = 0;
    while (true) {
        const qsizetype open = text->indexOf("{{", pos);
        const qsizetype close = open < 0 ? -1 : text->indexOf("}}", open + 2);
        if (close < 0) {
            out.append(text->constData() + pos, text->size() - pos);
            break;
        }
        out.append(text->constData() + pos, open - pos);
        const QByteArray name = text->mid(open + 2, close - open - 2).trimmed();
        const QByteArray *value = lookup(vars, name);
        if (!value) {
            *error = QStringLiteral("unknown variable {{%1}} %2").arg(QString::fromUtf8(name), where);
            return false;
        }
        out += *value;
        pos = close + 2;
    }
    *text = out;
    return true;
}

bool substitute(QString *text, const VariableMap &vars, const QString &where, QString *error)
{
    QByteArray bytes = text->toUtf8();
    if (!substitute(&bytes, vars, where, error))
        return false;
    *text = QString::fromUtf8(bytes);
    return true;
}

QByteArray headerBytes(const QString &text)
{
    return text.toUtf8();
}

QString headerString(const QByteArray &bytes)
{
    return isUtf8(bytes) ? QString::fromUtf8(bytes) : QString::fromLatin1(bytes);
}

void collectCases(const QList<SessionItem> &items, const QString &folder, QList<CaseRef> *out)
{
    for (const SessionItem &item : items) {
        if (item.type == SessionItem::Type::Folder)
            collectCases(item.children, folder.isEmpty() ? item.name : folder + QLatin1Char('/') + item.name,
                         out);
        else
            out->append({folder, &item.testCase});
    }
}

}  // namespace

QByteArray sessionToJson(const Session &session)
{
    JsonWriter j;
    j.beginObject();
    j.key("format");
    j.string(QByteArray(kFormat));
    j.key("version");
    j.value(kSessionFormatVersion);
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

SessionLoadResult sessionFromJson(const QByteArray &json)
{
    SessionLoadResult result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = jsonParseErrorMessage(json, parseError);
        return result;
    }
    if (!doc.isObject()) {
        result.error = QStringLiteral("line 1, column 1: expected a session object, found an array");
        return result;
    }
    const QJsonObject o = doc.object();
    const QJsonValue format = o.value(QLatin1String("format"));
    if (format.toString() != QLatin1String(kFormat)) {
        result.error = format.isString()
                           ? QStringLiteral("format: \"%1\" is not a session (expected \"%2\")")
                                 .arg(format.toString(), QLatin1String(kFormat))
                           : QStringLiteral("format: expected \"%1\"").arg(QLatin1String(kFormat));
        return result;
    }
    const QJsonValue versionValue = o.value(QLatin1String("version"));
    const double version = versionValue.toDouble(std::nan(""));
    if (!versionValue.isDouble() || version != std::floor(version) || version < 1) {
        result.error = QStringLiteral("version: expected a positive integer");
        return result;
    }
    if (version > kSessionFormatVersion) {
        result.error = QStringLiteral("version %1 is newer than this program reads (%2)")
                           .arg(version, 0, 'f', 0)
                           .arg(kSessionFormatVersion);
        return result;
    }
    Session session;
    Reader r;
    bool ok = r.string(o, QString(), "name", &session.name)
              && r.variables(o, QString(), "variables", &session.variables);
    QJsonArray envs;
    ok = ok && r.array(o, QString(), "environments", &envs);
    for (qsizetype i = 0; ok && i < envs.size(); ++i) {
        const QString p = Reader::index(QStringLiteral("environments"), i);
        if (!envs.at(i).isObject()) {
            ok = r.fail(p, QStringLiteral("expected an object"));
            break;
        }
        Environment env;
        ok = r.string(envs.at(i).toObject(), p, "name", &env.name, true)
             && r.variables(envs.at(i).toObject(), p, "variables", &env.variables);
        session.environments.append(env);
    }
    QJsonObject sandbox;
    ok = ok && r.object(o, QString(), "sandbox", &sandbox, false);
    QJsonArray sandboxRules;
    ok = ok && r.array(sandbox, QStringLiteral("sandbox"), "rules", &sandboxRules);
    if (ok && !sandboxRules.isEmpty()) {
        QString why;
        const auto rules = sandboxRulesFromJsonArray(sandboxRules, QStringLiteral("sandbox.rules"), &why);
        if (rules) {
            session.sandboxRules = *rules;
        } else {
            r.error = why;
            ok = false;
        }
    }
    ok = ok && r.items(o, QString(), 0, &session.items);
    if (!ok) {
        result.error = r.error;
        return result;
    }
    result.session = std::move(session);
    return result;
}

SessionLoadResult loadSessionFile(const QString &path)
{
    SessionLoadResult result;
    const QString name = QDir::toNativeSeparators(path);
    auto fail = [&](const QString &why) {
        result.error = QStringLiteral("%1: %2").arg(name, why);
        return result;
    };
    const QFileInfo info(path);
    if (!info.exists())
        return fail(QStringLiteral("no such file"));
    if (info.isDir())
        return fail(QStringLiteral("is a directory, not a session file"));
    if (!info.isFile())
        return fail(QStringLiteral("not a regular file"));
    if (info.size() > kMaxSessionFileBytes)
        return fail(
            QStringLiteral("%1 bytes is more than a session file may have (64 MiB)").arg(info.size()));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot open: %1").arg(file.errorString()));
    const QByteArray bytes = file.read(kMaxSessionFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return fail(QStringLiteral("cannot read: %1").arg(file.errorString()));
    if (bytes.size() > kMaxSessionFileBytes)
        return fail(QStringLiteral("more than a session file may have (64 MiB)"));
    if (bytes.isEmpty())
        return fail(QStringLiteral("the file is empty"));
    result = sessionFromJson(bytes);
    if (!result.session)
        result.error = QStringLiteral("%1: %2").arg(name, result.error);
    return result;
}

bool saveSessionFile(const QString &path, const Session &session, QString *error)
{
    auto fail = [&](const QString &file, const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(file), why);
        return false;
    };
    const QFileInfo info(path);
    if (info.isDir())
        return fail(path, QStringLiteral("is a directory"));
    if (info.exists()) {
        // Keep the previous bytes beside the file first, atomically too, so that a bad save can be undone.
        QFile current(path);
        if (!current.open(QIODevice::ReadOnly))
            return fail(path,
                        QStringLiteral("cannot read it to keep a backup: %1").arg(current.errorString()));
        const QByteArray previous = current.readAll();
        if (current.error() != QFileDevice::NoError)
            return fail(path,
                        QStringLiteral("cannot read it to keep a backup: %1").arg(current.errorString()));
        const QString bakPath = path + QStringLiteral(".bak");
        QSaveFile bak(bakPath);
        if (!bak.open(QIODevice::WriteOnly))
            return fail(bakPath, QStringLiteral("cannot write the backup: %1").arg(bak.errorString()));
        if (bak.write(previous) != previous.size() || !bak.commit())
            return fail(bakPath, QStringLiteral("cannot write the backup: %1").arg(bak.errorString()));
        QFile::setPermissions(bakPath, info.permissions());  // the backup is as private as the file
    }
    const QByteArray bytes = sessionToJson(session);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(path, QStringLiteral("cannot save: %1").arg(file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fail(path, QStringLiteral("cannot save: %1").arg(file.errorString()));
    return true;
}

QList<CaseRef> allCases(const Session &session)
{
    QList<CaseRef> out;
    collectCases(session.items, QString(), &out);
    return out;
}

CaseRequest caseRequestFromSpec(const RequestSpec &spec)
{
    CaseRequest r;
    r.method = QString::fromLatin1(spec.method);
    r.url = QString::fromUtf8(spec.url.toEncoded());
    for (const HeaderPair &h : spec.headers)
        r.headers.append({headerString(h.first), headerString(h.second), true});
    r.body = spec.body;
    r.formBody = spec.formBody;
    r.customMethod = spec.customMethod;
    return r;
}

ResolvedCase resolveCase(const SessionCase &testCase, const Session &session, const QString &environment,
                         const Variables &overrides)
{
    ResolvedCase resolved;
    resolved.options = testCase.options;
    VariableMap vars;
    for (const auto &v : session.variables)
        vars.append({v.first.toUtf8(), v.second.toUtf8()});
    if (!environment.isEmpty()) {
        const Environment *env = nullptr;
        QStringList known;
        for (const Environment &e : session.environments) {
            known.append(e.name);
            if (!env && e.name == environment)
                env = &e;
        }
        if (!env) {
            resolved.error =
                known.isEmpty()
                    ? QStringLiteral("unknown environment \"%1\": the session has none").arg(environment)
                    : QStringLiteral("unknown environment \"%1\" (the session has: %2)")
                          .arg(environment, known.join(QStringLiteral(", ")));
            return resolved;
        }
        for (const auto &v : env->variables)
            vars.append({v.first.toUtf8(), v.second.toUtf8()});
    }
    for (const auto &v : overrides)
        vars.append({v.first.toUtf8(), v.second.toUtf8()});

    const CaseRequest &in = testCase.request;
    RequestSpec &out = resolved.request;
    out.method = in.method.trimmed().toUtf8();
    out.customMethod = in.customMethod;
    out.formBody = in.formBody;
    if (out.method.isEmpty()) {
        resolved.error = QStringLiteral("the method is empty");
        return resolved;
    }

    QString url = in.url;
    if (!substitute(&url, vars, QStringLiteral("in the URL"), &resolved.error))
        return resolved;
    url = url.trimmed();
    out.url = QUrl(url, QUrl::StrictMode);
    if (url.isEmpty()) {
        resolved.error = QStringLiteral("the URL is empty");
        return resolved;
    }
    if (!out.url.isValid()) {
        resolved.error = QStringLiteral("invalid URL \"%1\": %2").arg(url, out.url.errorString());
        return resolved;
    }
    if (out.url.isRelative() || out.url.host().isEmpty()) {
        resolved.error =
            QStringLiteral("the URL \"%1\" is not absolute (it needs a scheme and a host)").arg(url);
        return resolved;
    }

    for (qsizetype i = 0; i < in.headers.size(); ++i) {
        const CaseHeader &h = in.headers.at(i);
        if (!h.enabled || (h.name.trimmed().isEmpty() && h.value.isEmpty()))
            continue;  // disabled, or an empty row of the editor
        QString name = h.name;
        QString value = h.value;
        if (!substitute(&name, vars, QStringLiteral("in the name of header %1").arg(i + 1), &resolved.error))
            return resolved;
        name = name.trimmed();
        if (name.isEmpty()) {
            resolved.error = QStringLiteral("header %1 has a value but no name").arg(i + 1);
            return resolved;
        }
        if (!substitute(&value, vars, QStringLiteral("in the value of header %1").arg(name), &resolved.error))
            return resolved;
        out.headers.append({headerBytes(name), headerBytes(value)});
    }

    out.body = in.body;
    if (!substitute(&out.body, vars, QStringLiteral("in the body"), &resolved.error))
        return resolved;

    QByteArray authorization;
    if (in.auth.kind == CaseAuth::Kind::Basic) {
        QString user = in.auth.user;
        QString password = in.auth.password;
        if (!substitute(&user, vars, QStringLiteral("in the Basic auth user"), &resolved.error)
            || !substitute(&password, vars, QStringLiteral("in the Basic auth password"), &resolved.error))
            return resolved;
        authorization = basicAuthorization(user.toUtf8() + ':' + password.toUtf8());
    } else if (in.auth.kind == CaseAuth::Kind::Bearer) {
        QString token = in.auth.token;
        if (!substitute(&token, vars, QStringLiteral("in the Bearer token"), &resolved.error))
            return resolved;
        authorization = "Bearer " + token.toUtf8();
    }
    // A header the user wrote wins over the auth settings.
    if (!authorization.isEmpty() && !hasHeader(out.headers, "Authorization"))
        out.headers.prepend({QByteArrayLiteral("Authorization"), authorization});
    return resolved;
}

}  // namespace Rwb
