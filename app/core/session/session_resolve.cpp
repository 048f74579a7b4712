// Cases made ready to run: variables, environments and the request they resolve to.
#include "core/session/session.h"

#include "core/check/bulkfetch.h"
#include "core/http/tokens.h"

#include <QDir>

namespace Rwb {

namespace {

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

}  // namespace

CaseRequest caseRequestFromSpec(const RequestSpec &spec)
{
    CaseRequest r;
    r.method = QString::fromLatin1(spec.method);
    r.url = QString::fromUtf8(spec.url.toEncoded());
    for (const HeaderPair &h : spec.headers)
        r.headers.append({headerText(h.first), headerText(h.second), true});
    for (const QByteArray &name : spec.suppressedHeaders)
        r.headers.append({headerText(name), QString(), true, true});
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

    // The TLS files: {{variables}} (a password kept out of the file: rwb run --var), names relative to the
    // session file's folder.
    TlsFiles &tls = resolved.options.tls;
    const std::pair<QString *, const char *> tlsFields[] = {
        {&tls.caCertificates, "in options.tls.caCert"},
        {&tls.clientCertificate, "in options.tls.clientCert"},
        {&tls.clientKey, "in options.tls.clientKey"},
        {&tls.password, "in options.tls.password"}};
    for (const auto &[field, where] : tlsFields) {
        if (!substitute(field, vars, QLatin1String(where), &resolved.error))
            return resolved;
        if (field != &tls.password && !field->isEmpty() && !session.directory.isEmpty())
            *field = QDir(session.directory).filePath(*field);  // an absolute name stays as it is
    }

    // The proxy's URL and credentials may hold {{variables}} too (a password from rwb run --var).
    if (resolved.options.proxy
        && !substitute(&*resolved.options.proxy, vars, QLatin1String("in options.proxy"), &resolved.error))
        return resolved;
    if (!substitute(&resolved.options.proxyUser, vars, QLatin1String("in options.proxyUser"),
                    &resolved.error))
        return resolved;
    if (!proxyOptionsUsable(resolved.options, &resolved.error)) {
        resolved.error = QStringLiteral("options.proxy: ") + resolved.error;
        return resolved;
    }

    const CaseRequest &in = testCase.request;
    RequestSpec &out = resolved.request;
    out.method = in.method.trimmed().toUtf8();
    out.customMethod = in.customMethod;
    out.formBody = in.formBody;
    if (out.method.isEmpty()) {
        resolved.error = QStringLiteral("the method is empty");
        return resolved;
    }

    if (testCase.bulk && testCase.bulk->input.isEmpty()) {
        resolved.bulkLines = testCase.bulk->lines;
        if (!substitute(&resolved.bulkLines, vars, QStringLiteral("in the bulk check's lines"),
                        &resolved.error))
            return resolved;
    } else if (testCase.bulk) {
        QString input = testCase.bulk->input;
        if (!substitute(&input, vars, QStringLiteral("in the bulk check's input"), &resolved.error))
            return resolved;
        input = input.trimmed();
        resolved.bulkInput = isBulkInputUrl(input) || session.directory.isEmpty()
                                 ? input
                                 : QDir(session.directory).filePath(input);
    }
    QString url = in.url;
    if (!substitute(&url, vars, QStringLiteral("in the URL"), &resolved.error))
        return resolved;
    url = url.trimmed();
    out.url = QUrl(url, QUrl::StrictMode);
    const bool lineUrls = testCase.bulk && url.isEmpty();  // a bulk check's lines bring their own
    if (url.isEmpty() && !lineUrls) {
        resolved.error = QStringLiteral("the URL is empty");
        return resolved;
    }
    if (!lineUrls && !out.url.isValid()) {
        resolved.error = QStringLiteral("invalid URL \"%1\": %2").arg(url, out.url.errorString());
        return resolved;
    }
    if (!lineUrls && (out.url.isRelative() || out.url.host().isEmpty())) {
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
        if (h.suppress) {
            out.suppressedHeaders.append(headerBytes(name));
            continue;
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
    // A variable may have put a line break into a header (or the file held one): the case does not run.
    resolved.error = requestSyntaxProblem(out.method, out.headers);
    return resolved;
}

}  // namespace Rwb
