#include "traceoptions.h"

#include "common.h"
#include "urlinput.h"

#include "core/engine/tlsmaterial.h"
#include "core/formats/writeout.h"
#include "core/http/addressmap.h"
#include "core/http/tokens.h"
#include "core/http/useragents.h"
#include "core/io/boundedread.h"

#include <QCommandLineParser>
#include <QFile>

#include <cmath>
#include <cstdio>

namespace Rwb::Cli {

namespace {

bool readDataArgument(const QString &value, bool binary, QByteArray *out, QString *error)
{
    if (!value.startsWith(QLatin1Char('@'))) {
        *out = value.toUtf8();
        return true;
    }
    const QString path = value.mid(1);
    const BoundedRead read = readBounded(path, kMaxDocumentBytes, QStringLiteral("a request body"));
    if (!read.bytes) {
        *error = read.error;
        return false;
    }
    QByteArray data = *read.bytes;
    if (!binary)
        data.replace('\r', QByteArray()).replace('\n', QByteArray());  // as curl -d @file does
    *out = data;
    return true;
}

QStringList presetNames()
{
    QStringList names;
    for (const UserAgentPreset &p : userAgentPresets())
        names << p.name;
    return names;
}

// Text that can be a header value: no control characters but tab (RFC 9110 §5.5).
bool isHeaderValueText(const QString &text)
{
    for (const QChar c : text) {
        if ((c.unicode() < 0x20 && c != QLatin1Char('\t')) || c.unicode() == 0x7f)
            return false;
    }
    return true;
}

struct ContextFlags {
    const QCommandLineOption &from, &mode, &credentials, &referrerPolicy, &noActivation, &presetCookie;
};

// --from, --mode, --credentials, --referrer-policy, --no-user-activation, --preset-cookie.
bool readContextOptions(const QCommandLineParser &parser, const ContextFlags &f, Options *options,
                        QString *error)
{
    RequestContext &context = options->context;
    if (parser.isSet(f.from)) {
        context.from = parseCommandLineUrl(parser.value(f.from), error);
        if (!error->isEmpty()) {
            error->prepend(QStringLiteral("--from: "));
            return false;
        }
    }
    if (parser.isSet(f.mode)) {
        const auto m = requestModeFromName(parser.value(f.mode));
        if (!m) {
            *error = QStringLiteral("unknown --mode '%1' (navigate or fetch)").arg(parser.value(f.mode));
            return false;
        }
        context.mode = *m;
    }
    if (parser.isSet(f.credentials)) {
        const auto c = credentialsModeFromName(parser.value(f.credentials));
        if (!c) {
            *error = QStringLiteral("unknown --credentials '%1' (omit, same-origin or include)")
                         .arg(parser.value(f.credentials));
            return false;
        }
        context.credentials = *c;
    }
    if (parser.isSet(f.referrerPolicy)) {
        const auto p = referrerPolicyFromName(parser.value(f.referrerPolicy));
        if (!p) {
            QStringList names;
            for (ReferrerPolicy rp : allReferrerPolicies())
                names << referrerPolicyName(rp);
            *error = QStringLiteral("unknown --referrer-policy '%1' (%2)")
                         .arg(parser.value(f.referrerPolicy), names.join(QLatin1String(", ")));
            return false;
        }
        context.referrerPolicy = *p;
    }
    context.userActivated = !parser.isSet(f.noActivation);
    if (context.mode == RequestMode::Fetch && context.typed()) {
        *error = QStringLiteral("--mode fetch needs --from: fetch() runs on a page");
        return false;
    }
    for (const QString &text : parser.values(f.presetCookie)) {
        const auto cookie = parsePresetCookie(text, error);
        if (!cookie) {
            error->prepend(QStringLiteral("--preset-cookie: "));
            return false;
        }
        options->presetCookies.append(*cookie);
    }
    return true;
}

}  // namespace

ParseResult parseTraceArguments(const QStringList &arguments)
{
    RequestCommand trace;
    trace.name = QStringLiteral("trace");
    trace.description = QStringLiteral(
        "Follow the redirects of one request hop by hop and show every hop.\n"
        "Exit status: 0 final response (any status), 1 the chain ended otherwise, 2 bad usage.");
    return parseRequestCommand(arguments, trace);
}

ParseResult parseRequestCommand(const QStringList &arguments, const RequestCommand &command)
{
    ParseResult result;
    QCommandLineParser parser;
    const bool trace = command.name == QLatin1String("trace");
    const QCommandLineOption helpOption = startCommandParser(parser, command.description);
    if (trace)
        parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("The URL of the first request."));
    else
        parser.addPositionalArgument(QStringLiteral("FILE"), command.inputHelp, QStringLiteral("[FILE|-]"));
    // The options as a table, declared alike in every command.
    const QCommandLineOption method({QStringLiteral("X"), QStringLiteral("request")},
                                    QStringLiteral("Method of the first hop (kept on every hop by curl)."),
                                    QStringLiteral("METHOD"));
    const QCommandLineOption header({QStringLiteral("H"), QStringLiteral("header")},
                                    QStringLiteral("Request header, repeatable, order kept; 'Name:' leaves "
                                                   "the client's own out, 'Name;' sends it empty."),
                                    QStringLiteral("Name: value"));
    const QCommandLineOption data({QStringLiteral("d"), QStringLiteral("data")},
                                  QStringLiteral("Form body (implies POST); @FILE reads a file."),
                                  QStringLiteral("TEXT"));
    const QCommandLineOption dataBinary(QStringLiteral("data-binary"),
                                        QStringLiteral("Body sent as is; @FILE reads a file."),
                                        QStringLiteral("DATA"));
    const QCommandLineOption profile(
        QStringLiteral("profile"),
        QStringLiteral("Redirect rules to follow: browser, curl or strict (default browser)."),
        QStringLiteral("NAME"), QStringLiteral("browser"));
    const QCommandLineOption maxRedirects(QStringLiteral("max-redirects"),
                                          QStringLiteral("Override the profile's redirect limit."),
                                          QStringLiteral("N"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QStringLiteral("Per-hop timeout (default 30)."),
                                     QStringLiteral("SECONDS"));
    const QCommandLineOption insecure({QStringLiteral("k"), QStringLiteral("insecure")},
                                      QStringLiteral("Accept TLS errors (each is still recorded)."));
    const QCommandLineOption trusted(QStringLiteral("location-trusted"),
                                     QStringLiteral("Keep credentials on cross-origin hops."));
    const QCommandLineOption trustHost(QStringLiteral("trust-host"),
                                       QStringLiteral("Keep credentials for this host, repeatable."),
                                       QStringLiteral("HOST"));
    const QCommandLineOption post30x(QStringLiteral("post30x"),
                                     QStringLiteral("Keep POST on 301/302/303 (curl's --post301/302/303)."));
    const QCommandLineOption cookies(QStringLiteral("cookies"), QStringLiteral("Cookie jar on."));
    const QCommandLineOption noCookies(QStringLiteral("no-cookies"), QStringLiteral("Cookie jar off."));
    const QCommandLineOption noLoop(
        QStringLiteral("no-loop-detect"),
        QStringLiteral("Follow a loop to the profile's limit, as the real client would."));
    const QCommandLineOption hsts(QStringLiteral("hsts"),
                                  QStringLiteral("Treat HOST as preloaded HSTS (browser), repeatable."),
                                  QStringLiteral("HOST"));
    const QCommandLineOption from(
        QStringLiteral("from"), QStringLiteral("The page the request starts from (browser; default: typed)."),
        QStringLiteral("URL"));
    const QCommandLineOption mode(
        QStringLiteral("mode"),
        QStringLiteral("navigate (default) or fetch: how the page makes the request."),
        QStringLiteral("MODE"));
    const QCommandLineOption credentials(
        QStringLiteral("credentials"),
        QStringLiteral("fetch()'s credentials mode: omit, same-origin (default) or include."),
        QStringLiteral("MODE"));
    const QCommandLineOption referrerPolicy(
        QStringLiteral("referrer-policy"),
        QStringLiteral("The page's referrer policy (default strict-origin-when-cross-origin)."),
        QStringLiteral("POLICY"));
    const QCommandLineOption noActivation(
        QStringLiteral("no-user-activation"),
        QStringLiteral("The page navigates from a script, not a click (no Sec-Fetch-User)."));
    const QCommandLineOption presetCookie(
        QStringLiteral("preset-cookie"),
        QStringLiteral("A cookie set before the chain, as if URL's response had set it; repeatable."),
        QStringLiteral("URL SET-COOKIE"));
    const QCommandLineOption userAgent({QStringLiteral("A"), QStringLiteral("user-agent")},
                                       QStringLiteral("A User-Agent preset (%1) or the string itself.")
                                           .arg(presetNames().join(QLatin1String(", "))),
                                       QStringLiteral("PRESET|STRING"));
    const QCommandLineOption user({QStringLiteral("u"), QStringLiteral("user")},
                                  QStringLiteral("Basic credentials, as curl's -u (Authorization: Basic)."),
                                  QStringLiteral("USER:PASSWORD"));
    const QCommandLineOption acceptLanguage(
        QStringLiteral("accept-language"),
        QStringLiteral("The browser's Accept-Language (default en-US,en;q=0.9)."), QStringLiteral("VALUE"));
    const QCommandLineOption cookie(
        {QStringLiteral("b"), QStringLiteral("cookie")},
        QStringLiteral("Cookies to send, 'a=1; b=2', as curl's -b; -b '' turns the cookie jar on."),
        QStringLiteral("COOKIES"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("text (default) or json."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write there instead of stdout."), QStringLiteral("FILE"));
    parser.addOptions({method,         header,       data,         dataBinary, profile, maxRedirects,
                       timeout,        insecure,     trusted,      trustHost,  post30x, cookies,
                       noCookies,      noLoop,       hsts,         from,       mode,    credentials,
                       referrerPolicy, noActivation, presetCookie, userAgent,  user,    cookie});
    if (trace)  // the other commands write reports of their own
        parser.addOptions({format, output});
    const QCommandLineOption verbose(
        {QStringLiteral("v"), QStringLiteral("verbose")},
        QStringLiteral("Text output: under each hop, its request line and headers as sent ('> ' lines) and "
                       "its status line and headers as received ('< ' lines), as curl -v shows them; "
                       "credentials and cookies included."));
    if (trace)
        parser.addOption(verbose);
    parser.addOption(acceptLanguage);
    const QCommandLineOption refreshLimit(
        QStringLiteral("refresh-limit"),
        QStringLiteral(
            "Browser: follow a Refresh header or meta refresh with a delay up to MS (default 5000)."),
        QStringLiteral("MS"));
    const QCommandLineOption waitForRefresh(
        QStringLiteral("wait-for-refresh"),
        QStringLiteral("Browser: wait a refresh's delay before following it."));
    parser.addOptions({refreshLimit, waitForRefresh});
    const QCommandLineOption compressed(
        QStringLiteral("compressed"),
        QStringLiteral(
            "curl: ask for a compressed body, as curl --compressed does (the browser always asks)."));
    parser.addOption(compressed);
    const QCommandLineOption http11(QStringLiteral("http1.1"),
                                    QStringLiteral("https: offer only HTTP/1.1 (every profile offers HTTP/2 "
                                                   "and HTTP/1.1 in ALPN and takes the server's choice)."));
    const QCommandLineOption http2(
        QStringLiteral("http2"),
        QStringLiteral("https: require HTTP/2; a server that chooses HTTP/1.1 ends the hop (curl's --http2 "
                       "would fall back)."));
    parser.addOptions({http11, http2});
    const QCommandLineOption connectTo(
        QStringLiteral("connect-to"),
        QStringLiteral(
            "Connect to HOST2:PORT2 for a request to HOST1:PORT1, as curl --connect-to does (empty "
            "parts: any, or the request's own); the request and TLS still name HOST1. Repeatable."),
        QStringLiteral("HOST1:PORT1:HOST2:PORT2"));
    const QCommandLineOption resolve(
        QStringLiteral("resolve"),
        QStringLiteral(
            "Use these addresses for HOST on PORT, as curl --resolve does (HOST * for any name, an "
            "IPv6 address in brackets). Repeatable."),
        QStringLiteral("HOST:PORT:ADDR[,ADDR...]"));
    parser.addOptions({connectTo, resolve});
    const QCommandLineOption caCert(
        QStringLiteral("cacert"),
        QStringLiteral("Check https servers against the CA certificates in FILE (PEM or DER) instead of the "
                       "system's, as curl --cacert does."),
        QStringLiteral("FILE"));
    const QCommandLineOption cert(
        {QStringLiteral("E"), QStringLiteral("cert")},
        QStringLiteral(
            "Offer the client certificate in FILE (PEM, DER or PKCS#12) to https servers; PASSWORD "
            "after a ':' ('\\:' for a ':' in the name), as curl --cert reads it."),
        QStringLiteral("FILE[:PASSWORD]"));
    const QCommandLineOption certType(QStringLiteral("cert-type"),
                                      QStringLiteral("The client certificate's format: PEM, DER or P12 "
                                                     "(default: told from the file)."),
                                      QStringLiteral("TYPE"));
    const QCommandLineOption key(QStringLiteral("key"),
                                 QStringLiteral("The client certificate's private key (PEM or DER), when it "
                                                "is not in the certificate's file."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption pass(QStringLiteral("pass"),
                                  QStringLiteral("The password of an encrypted key or a PKCS#12 file."),
                                  QStringLiteral("PASSWORD"));
    parser.addOptions({caCert, cert, certType, key, pass});
    const QCommandLineOption proxy(
        {QStringLiteral("x"), QStringLiteral("proxy")},
        QStringLiteral(
            "Go through the proxy at URL: http:// (default; https as a CONNECT tunnel), socks5:// "
            "(names looked up here) or socks5h:// (by the proxy), USER:PASSWORD@ allowed, port 1080 "
            "unless given; \"\" for none. Without it curl takes http_proxy, https_proxy and "
            "all_proxy from the environment, the browser the system's settings."),
        QStringLiteral("URL"));
    const QCommandLineOption noProxy(
        QStringLiteral("noproxy"),
        QStringLiteral("Reach these hosts directly: names (with their subdomains), addresses, ADDR/BITS "
                       "networks, separated by commas, or * for all (instead of no_proxy)."),
        QStringLiteral("LIST"));
    const QCommandLineOption proxyUser(
        {QStringLiteral("U"), QStringLiteral("proxy-user")},
        QStringLiteral("The proxy's user and password (Basic for http proxies)."),
        QStringLiteral("USER:PASSWORD"));
    parser.addOptions({proxy, noProxy, proxyUser});
    const QCommandLineOption writeOutOption(
        {QStringLiteral("w"), QStringLiteral("write-out")},
        QStringLiteral("After the trace, print FORMAT with curl's %{variables} filled in from it "
                       "(%{time_total}, %{time_starttransfer}, %{num_redirects}, %{url_effective}, "
                       "%{http_code}, %{http_version}, ...)."),
        QStringLiteral("FORMAT"));
    if (trace)
        parser.addOption(writeOutOption);
    if (command.addOptions)
        command.addOptions(parser);

    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (parser.isSet(helpOption)) {
        std::fputs(qPrintable(commandHelpText(parser, command.name)), stdout);
        result.exitEarly = true;
        return result;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 2 || (trace && positional.size() < 2)) {
        result.error = positional.size() < 2
                           ? QStringLiteral("trace needs a URL")
                           : QStringLiteral("unexpected argument '%1'").arg(positional.at(2));
        return result;
    }

    TraceInvocation inv;
    if (trace) {
        inv.request.url = parseCommandLineUrl(positional.at(1), &result.error);
        if (!result.error.isEmpty())
            return result;
    } else {
        inv.input = positional.value(1, QStringLiteral("-"));
    }

    for (const QString &h : parser.values(header)) {
        // As curl reads -H: "Name: value" sends it, "Name:" leaves out the client's own Name header,
        // "Name;" sends Name with an empty value.
        const qsizetype colon = h.indexOf(QLatin1Char(':'));
        const bool empty = colon < 0 && h.endsWith(QLatin1Char(';'));
        const QByteArray name = h.left(empty ? h.size() - 1 : colon).trimmed().toUtf8();
        if ((colon < 0 && !empty) || name.isEmpty()) {
            result.error = QStringLiteral("invalid header '%1': expected 'Name: value', 'Name:' (not sent) "
                                          "or 'Name;' (sent empty)")
                               .arg(h);
            return result;
        }
        const QByteArray value = empty ? QByteArray() : h.mid(colon + 1).trimmed().toUtf8();
        if (!empty && value.isEmpty())
            inv.request.suppressedHeaders.append(name);
        else
            inv.request.headers.append({name, value});
    }
    QList<QByteArray> parts;
    for (const QString &d : parser.values(data)) {
        QByteArray bytes;
        if (!readDataArgument(d, false, &bytes, &result.error))
            return result;
        parts.append(bytes);
    }
    for (const QString &d : parser.values(dataBinary)) {
        QByteArray bytes;
        if (!readDataArgument(d, true, &bytes, &result.error))
            return result;
        parts.append(bytes);
    }
    const bool hasBody = parser.isSet(data) || parser.isSet(dataBinary);
    inv.request.body = parts.join('&');
    inv.request.formBody = parser.isSet(data);  // -d: curl adds the form Content-Type itself
    inv.request.method = hasBody ? QByteArrayLiteral("POST") : QByteArrayLiteral("GET");
    if (parser.isSet(method)) {
        inv.request.method = parser.value(method).toUpper().toLatin1();
        inv.request.customMethod = true;
    }
    // What rwb would refuse to send (a method that is not a token, a line break in a header) is refused
    // here, before anything starts (the engine would end the trace).
    if (const QString problem = requestSyntaxProblem(inv.request.method, inv.request.headers);
        !problem.isEmpty()) {
        result.error = QStringLiteral("invalid request: %1").arg(problem);
        return result;
    }

    const auto p = profileFromName(parser.value(profile));
    if (!p) {
        result.error =
            QStringLiteral("unknown profile '%1' (browser, curl or strict)").arg(parser.value(profile));
        return result;
    }
    inv.options.profile = *p;
    if (parser.isSet(maxRedirects)) {
        bool ok = false;
        const int n = parser.value(maxRedirects).toInt(&ok);
        if (!ok || n < 0) {
            result.error = QStringLiteral("invalid --max-redirects '%1': expected a number >= 0")
                               .arg(parser.value(maxRedirects));
            return result;
        }
        inv.options.maxRedirects = n;
    }
    if (parser.isSet(timeout)) {
        bool ok = false;
        const double s = parser.value(timeout).toDouble(&ok);
        // NaN passes every comparison, so test for a finite value first.
        if (!ok || !std::isfinite(s) || s <= 0 || s > 86400) {
            result.error =
                QStringLiteral("invalid --timeout '%1': expected seconds > 0").arg(parser.value(timeout));
            return result;
        }
        // At least 1 ms: a timeoutMs of 0 means no timeout at all.
        inv.options.timeoutMs = qMax(1, int(std::ceil(s * 1000)));
    }
    if (parser.isSet(cookies) && parser.isSet(noCookies)) {
        result.error = QStringLiteral("--cookies and --no-cookies contradict each other");
        return result;
    }
    if (parser.isSet(cookies))
        inv.options.cookieJar = true;
    if (parser.isSet(noCookies))
        inv.options.cookieJar = false;
    inv.options.acceptTlsErrors = parser.isSet(insecure);
    inv.options.locationTrusted = parser.isSet(trusted);
    inv.options.trustedHosts = parser.values(trustHost);
    inv.options.keepPostOn30x = parser.isSet(post30x);
    inv.options.loopDetect = !parser.isSet(noLoop);
    inv.options.hstsPreload = parser.values(hsts);
    if (parser.isSet(refreshLimit)) {
        bool ok = false;
        const int limit = parser.value(refreshLimit).toInt(&ok);
        if (!ok || limit < 0 || limit > 24 * 3600 * 1000) {
            result.error =
                QStringLiteral("invalid --refresh-limit '%1': expected milliseconds from 0 to 86400000")
                    .arg(parser.value(refreshLimit));
            return result;
        }
        inv.options.refreshLimitMs = limit;
    }
    inv.options.waitForRefresh = parser.isSet(waitForRefresh);
    inv.options.compressed = parser.isSet(compressed);
    if (parser.isSet(http11) && parser.isSet(http2)) {
        result.error = QStringLiteral("--http1.1 and --http2 cannot go together");
        return result;
    }
    inv.options.httpVersion = parser.isSet(http11)  ? HttpVersion::Http1_1
                              : parser.isSet(http2) ? HttpVersion::Http2
                                                    : HttpVersion::Default;
    inv.options.connectTo = parser.values(connectTo);
    inv.options.resolve = parser.values(resolve);
    if (!parseAddressMap(inv.options.connectTo, inv.options.resolve, &result.error))
        return result;
    inv.options.tls.caCertificates = parser.value(caCert);
    inv.options.tls.password = parser.value(pass);
    if (parser.isSet(cert))
        setCurlCertArgument(&inv.options.tls, parser.value(cert));
    inv.options.tls.certificateType = parser.value(certType);
    inv.options.tls.clientKey = parser.value(key);
    if (!loadTlsMaterial(inv.options.tls, &result.error))  // read again when the trace starts
        return result;
    if (parser.isSet(proxy))
        inv.options.proxy = parser.value(proxy);
    if (parser.isSet(noProxy))
        inv.options.noProxy = parser.value(noProxy);
    inv.options.proxyUser = parser.value(proxyUser);
    if (!proxyOptionsUsable(inv.options, &result.error))
        return result;
    if (trace)
        inv.writeOut = parser.value(writeOutOption);
    if (!writeOut(inv.writeOut, Trace(),
                  &result.error))  // an unknown variable is named before anything is sent
        return result;
    if (!readContextOptions(parser, {from, mode, credentials, referrerPolicy, noActivation, presetCookie},
                            &inv.options, &result.error))
        return result;
    for (const QCommandLineOption *o : {&userAgent, &acceptLanguage}) {
        // Sent as a header value: a line break or another control character would make another header.
        if (!isHeaderValueText(parser.value(*o))) {
            result.error = QStringLiteral("invalid --%1 '%2': control characters cannot be sent in a header")
                               .arg(o->names().constLast(), parser.value(*o));
            return result;
        }
    }
    inv.options.userAgent = parser.value(userAgent);
    if (parser.isSet(userAgent) && inv.options.userAgent.isEmpty())
        inv.request.suppressedHeaders.append(QByteArrayLiteral("User-Agent"));  // curl -A '' sends none
    inv.options.acceptLanguage = parser.value(acceptLanguage).toUtf8();
    if (parser.isSet(user)) {
        // First, where curl puts the header of -u (an -H Authorization given too is sent as well, as curl
        // does).
        inv.request.headers.prepend(HeaderPair(QByteArrayLiteral("Authorization"),
                                               basicAuthorization(parser.values(user).constLast().toUtf8())));
    }
    QByteArrayList cookiePairs;
    for (const QString &c : parser.values(cookie)) {
        // curl reads a -b value without '=' as the name of a cookie file; the empty name only turns its
        // cookie engine on. A 'name=value' string is sent as it is and leaves the engine off (curl 7.88.1,
        // measured: tests/conformance/curl-observed.md).
        if (c.isEmpty()) {
            if (!parser.isSet(noCookies))
                inv.options.cookieJar = true;
            continue;
        }
        if (!c.contains(QLatin1Char('='))) {
            result.error =
                QStringLiteral("-b '%1': reading cookie files is not supported; give 'name=value'").arg(c);
            return result;
        }
        cookiePairs.append(c.toUtf8());
    }
    inv.options.curlCookies = cookiePairs.join("; ");

    if (trace) {
        const QString fmt = parser.value(format);
        if (fmt != QLatin1String("text") && fmt != QLatin1String("json")) {
            result.error = QStringLiteral("unknown --format '%1' (text or json)").arg(fmt);
            return result;
        }
        inv.json = fmt == QLatin1String("json");
        inv.verbose = parser.isSet(verbose);
        inv.outputFile = parser.value(output);
    }
    if (command.readOptions) {
        result.error = command.readOptions(parser);
        if (!result.error.isEmpty())
            return result;
    }
    result.invocation = inv;
    return result;
}

}  // namespace Rwb::Cli
