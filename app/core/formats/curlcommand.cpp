// Written by hand: no library available here (Qt Core/Network, nothing else) parses curl's options; the
// table below follows curl 7.88.1's tool_getparam.c for the options people paste.
#include "core/formats/curlcommand.h"

#include "core/http/addressmap.h"
#include "core/http/tokens.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Rwb {

namespace {

enum class Opt {
    Request,
    Header,
    Data,
    DataRaw,
    DataAscii,
    DataBinary,
    DataUrlencode,
    Form,
    Get,
    User,
    Cookie,
    CookieJar,
    UserAgent,
    Referer,
    Location,
    MaxRedirs,
    Post30x,
    LocationTrusted,
    Insecure,
    MaxTime,
    Head,
    Url,
    Compressed,
    Http11,
    Http2PriorKnowledge,
    ConnectTo,
    Resolve,
    CaCert,
    Cert,
    CertType,
    Key,
    Pass,
    Proxy,
    NoProxy,
    ProxyUser,
    Socks5,
    Socks5Hostname,
    Json,
    UrlQuery,
    OAuth2Bearer,
    Ignored,
    IgnoredWithValue,
    Unsupported,  // curl has it and it matters to the chain, but rwb cannot do it (yet): said so by name
};

struct OptionSpec {
    const char *longName;
    char shortName;  // 0: long form only
    Opt opt;
    bool takesValue;
};

const OptionSpec kOptions[] = {
    {"request", 'X', Opt::Request, true},
    {"header", 'H', Opt::Header, true},
    {"data", 'd', Opt::Data, true},
    {"data-raw", 0, Opt::DataRaw, true},
    {"data-ascii", 0, Opt::DataAscii, true},
    {"data-binary", 0, Opt::DataBinary, true},
    {"data-urlencode", 0, Opt::DataUrlencode, true},
    {"form", 'F', Opt::Form, true},
    {"form-string", 0, Opt::Form, true},
    {"get", 'G', Opt::Get, false},
    {"user", 'u', Opt::User, true},
    {"cookie", 'b', Opt::Cookie, true},
    {"cookie-jar", 'c', Opt::CookieJar, true},
    {"user-agent", 'A', Opt::UserAgent, true},
    {"referer", 'e', Opt::Referer, true},
    {"location", 'L', Opt::Location, false},
    {"max-redirs", 0, Opt::MaxRedirs, true},
    {"post301", 0, Opt::Post30x, false},
    {"post302", 0, Opt::Post30x, false},
    {"post303", 0, Opt::Post30x, false},
    {"location-trusted", 0, Opt::LocationTrusted, false},
    {"insecure", 'k', Opt::Insecure, false},
    {"max-time", 'm', Opt::MaxTime, true},
    {"head", 'I', Opt::Head, false},
    {"url", 0, Opt::Url, true},
    {"json", 0, Opt::Json, true},
    {"url-query", 0, Opt::UrlQuery, true},
    {"oauth2-bearer", 0, Opt::OAuth2Bearer, true},
    {"resolve", 0, Opt::Resolve, true},
    {"connect-to", 0, Opt::ConnectTo, true},
    {"cacert", 0, Opt::CaCert, true},
    {"cert", 'E', Opt::Cert, true},
    {"cert-type", 0, Opt::CertType, true},
    {"key", 0, Opt::Key, true},
    {"pass", 0, Opt::Pass, true},
    {"proxy", 'x', Opt::Proxy, true},
    {"noproxy", 0, Opt::NoProxy, true},
    {"proxy-user", 'U', Opt::ProxyUser, true},
    {"socks5", 0, Opt::Socks5, true},
    {"socks5-hostname", 0, Opt::Socks5Hostname, true},
    // What rwb cannot honour: a proxy before the proxy, a directory of CAs, other authentication schemes,
    // other protocols on redirects, unnormalised paths, options from files.
    {"preproxy", 0, Opt::Unsupported, true},
    {"proxytunnel", 'p', Opt::Unsupported, false},
    {"proxy-cacert", 0, Opt::Unsupported, true},
    {"proxy-insecure", 0, Opt::Unsupported, false},
    {"capath", 0, Opt::Unsupported, true},
    {"digest", 0, Opt::Unsupported, false},
    {"ntlm", 0, Opt::Unsupported, false},
    {"negotiate", 0, Opt::Unsupported, false},
    {"proto-redir", 0, Opt::Unsupported, true},
    {"proto", 0, Opt::Unsupported, true},
    {"path-as-is", 0, Opt::Unsupported, false},
    {"config", 'K', Opt::Unsupported, true},
    {"netrc", 'n', Opt::Unsupported, false},
    {"netrc-optional", 0, Opt::Unsupported, false},
    {"netrc-file", 0, Opt::Unsupported, true},
    // Output, progress and protocol-version choices change what curl prints or negotiates, not the
    // redirect chain this tool traces.
    {"compressed", 0, Opt::Compressed, false},
    {"silent", 's', Opt::Ignored, false},
    {"show-error", 'S', Opt::Ignored, false},
    {"verbose", 'v', Opt::Ignored, false},
    {"include", 'i', Opt::Ignored, false},
    {"fail", 'f', Opt::Ignored, false},
    {"fail-with-body", 0, Opt::Ignored, false},
    {"globoff", 'g', Opt::Ignored, false},
    {"no-buffer", 'N', Opt::Ignored, false},
    {"no-progress-meter", 0, Opt::Ignored, false},
    {"progress-bar", '#', Opt::Ignored, false},
    {"remote-name", 'O', Opt::Ignored, false},
    {"remote-header-name", 'J', Opt::Ignored, false},
    {"http1.0", '0', Opt::Ignored, false},
    // curl tries HTTP/2 on https unless --http1.1, as every profile does; --http2 asks for what curl does
    // anyway; --http2-prior-knowledge speaks nothing else (rwb: HTTP/2 required on https).
    {"http1.1", 0, Opt::Http11, false},
    {"http2", 0, Opt::Ignored, false},
    {"http2-prior-knowledge", 0, Opt::Http2PriorKnowledge, false},
    {"tlsv1", '1', Opt::Ignored, false},
    {"tlsv1.0", 0, Opt::Ignored, false},
    {"tlsv1.1", 0, Opt::Ignored, false},
    {"tlsv1.2", 0, Opt::Ignored, false},
    {"tlsv1.3", 0, Opt::Ignored, false},
    {"tls-max", 0, Opt::IgnoredWithValue, true},
    {"ipv4", '4', Opt::Ignored, false},
    {"ipv6", '6', Opt::Ignored, false},
    {"basic", 0, Opt::Ignored, false},
    {"output", 'o', Opt::IgnoredWithValue, true},
    {"dump-header", 'D', Opt::IgnoredWithValue, true},
    {"write-out", 'w', Opt::IgnoredWithValue, true},
    {"connect-timeout", 0, Opt::IgnoredWithValue, true},
    {"retry", 0, Opt::IgnoredWithValue, true},
};

const OptionSpec *findLong(const QString &name)
{
    for (const OptionSpec &o : kOptions) {
        if (name == QLatin1String(o.longName))
            return &o;
    }
    return nullptr;
}

const OptionSpec *findShort(QChar c)
{
    for (const OptionSpec &o : kOptions) {
        if (o.shortName != 0 && c == QLatin1Char(o.shortName))
            return &o;
    }
    return nullptr;
}

QString filesError(const QString &word)
{
    return QStringLiteral("reading files is not supported here: %1").arg(word);
}

class Parser
{
public:
    QString error;
    CurlCommand cmd;

    bool apply(const OptionSpec &spec, const QString &flag, const QString &value);
    bool finish();

private:
    bool addData(Opt opt, const QString &value);
    // Whether a -H of the command names the header (curl's own one of that name is then replaced).
    bool named(QByteArrayView name) const
    {
        return std::any_of(custom.cbegin(), custom.cend(), [name](const Custom &c) {
            return c.name.compare(name, Qt::CaseInsensitive) == 0;
        });
    }

    QStringList urls;
    QByteArrayList dataParts;
    bool get = false;
    bool head = false;
    std::optional<QByteArray> method;
    struct Custom {
        QByteArray name;
        QByteArray value;
        bool removal;
    };
    QList<Custom> custom;
    HeaderList generated;                 // Authorization, Referer, Cookie: curl's order before custom ones
    std::optional<QByteArray> userAgent;  // -A: Options::userAgent, which takes curl's own place
    QByteArrayList cookies;
    QByteArrayList urlQueries;  // --url-query parts, appended to the URL's query
    bool json = false;          // --json: its Content-Type and Accept unless given
};

bool Parser::addData(Opt opt, const QString &value)
{
    // curl reads "@file" (and "@-", stdin) for every data option but --data-raw; -d/--data-ascii would
    // then strip CR and LF from the file. Files are never read here.
    if (opt != Opt::DataRaw && opt != Opt::DataUrlencode && value.startsWith(QLatin1Char('@'))) {
        error = filesError(value);
        return false;
    }
    if (opt != Opt::DataUrlencode) {
        dataParts << value.toUtf8();
        return true;
    }
    // --data-urlencode: "content", "=content", "name=content", "@file", "name@file" (first of = or @).
    const qsizetype at = value.indexOf(QRegularExpression(QStringLiteral("[=@]")));
    if (at >= 0 && value[at] == QLatin1Char('@')) {
        error = filesError(value);
        return false;
    }
    const QString name = at > 0 ? value.left(at) : QString();
    const QByteArray encoded = QUrl::toPercentEncoding(at >= 0 ? value.mid(at + 1) : value);
    dataParts << (name.isEmpty() ? encoded : name.toUtf8() + '=' + encoded);
    return true;
}

bool Parser::apply(const OptionSpec &spec, const QString &flag, const QString &value)
{
    switch (spec.opt) {
    case Opt::Request:
        method = value.toUtf8();
        break;
    case Opt::Header: {
        if (value.startsWith(QLatin1Char('@'))) {
            error = filesError(value);
            return false;
        }
        const QByteArray h = value.toUtf8();
        const qsizetype colon = h.indexOf(':');
        if (colon > 0) {
            const QByteArray v = h.mid(colon + 1).trimmed();
            custom.append({h.left(colon).trimmed(), v, v.isEmpty()});
        } else if (h.endsWith(';') && h.size() > 1) {  // "Name;" sends the header with an empty value
            custom.append({h.left(h.size() - 1).trimmed(), QByteArray(), false});
        } else {
            cmd.ignored << flag + QLatin1Char(' ') + value;  // curl drops a header without a colon
        }
        break;
    }
    case Opt::Data:
    case Opt::DataRaw:
    case Opt::DataAscii:
    case Opt::DataBinary:
    case Opt::DataUrlencode:
        return addData(spec.opt, value);
    case Opt::Form:
        error = QStringLiteral("multipart forms are not supported here: %1 %2").arg(flag, value);
        return false;
    case Opt::Get:
        get = true;
        break;
    case Opt::User:
        if (!value.contains(QLatin1Char(':'))) {
            error = QStringLiteral("%1 without a password makes curl prompt for one: %2").arg(flag, value);
            return false;
        }
        generated.append({QByteArrayLiteral("Authorization"), basicAuthorization(value.toUtf8())});
        cmd.user = value;
        break;
    case Opt::Cookie:
        // curl reads a -b value without '=' as the name of a cookie file.
        if (!value.contains(QLatin1Char('='))) {
            error = QStringLiteral("reading cookie files is not supported here: %1").arg(value);
            return false;
        }
        cookies << value.toUtf8();
        break;
    case Opt::CookieJar:
        cmd.options.cookieJar = true;  // -c turns curl's cookie engine on; the file itself is not written
        cmd.ignored << flag + QLatin1Char(' ') + value;
        break;
    case Opt::UserAgent:
        userAgent = value.toUtf8();
        break;
    case Opt::Referer: {
        QString referer = value;
        if (referer.endsWith(QLatin1String(";auto"))) {  // curl's auto-referer on redirects: not modelled
            referer.chop(5);
            cmd.ignored << QStringLiteral("%1 ;auto").arg(flag);
        }
        if (!referer.isEmpty())
            generated.append({QByteArrayLiteral("Referer"), referer.toUtf8()});
        break;
    }
    case Opt::Location:
        cmd.followRedirects = true;
        break;
    case Opt::LocationTrusted:  // "like -L, but sends name and password to all hosts"
        cmd.followRedirects = true;
        cmd.options.locationTrusted = true;
        break;
    case Opt::MaxRedirs: {
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok || n < -1) {
            error = QStringLiteral("%1 needs a count of 0 or more (or -1, no limit): %2").arg(flag, value);
            return false;
        }
        // -1 is curl's "no limit"; loops still end at their first repeat (loop detection).
        cmd.options.maxRedirects = n < 0 ? std::numeric_limits<int>::max() : n;
        break;
    }
    case Opt::Post30x:  // Options has one switch for the three: any of them keeps POST
        cmd.options.keepPostOn30x = true;
        break;
    case Opt::Insecure:
        cmd.options.acceptTlsErrors = true;
        break;
    case Opt::MaxTime: {
        // curl's -m bounds the whole transfer; here it bounds each hop, the nearest setting there is.
        bool ok = false;
        const double seconds = value.toDouble(&ok);
        if (!ok || seconds <= 0 || !std::isfinite(seconds)) {
            error = QStringLiteral("%1 needs a number of seconds: %2").arg(flag, value);
            return false;
        }
        // At least 1 ms: 0 would mean "no timeout" (-m 0.0001 is a very short one).
        cmd.options.timeoutMs = int(std::max(1L, std::lround(std::min(seconds * 1000, 2e9))));
        break;
    }
    case Opt::Head:
        head = true;
        break;
    case Opt::Json:
        // curl 7.82: --data-binary with "Content-Type: application/json" and "Accept: application/json".
        if (!addData(Opt::DataBinary, value))
            return false;
        json = true;
        break;
    case Opt::UrlQuery: {
        // curl 7.87: "+content" as it is, else encoded like --data-urlencode.
        if (value.startsWith(QLatin1Char('+'))) {
            urlQueries << value.mid(1).toUtf8();
            break;
        }
        if (!addData(Opt::DataUrlencode, value))
            return false;
        urlQueries << dataParts.takeLast();
        break;
    }
    case Opt::OAuth2Bearer:
        generated.append({QByteArrayLiteral("Authorization"), "Bearer " + value.toUtf8()});
        break;
    case Opt::Unsupported:
        error =
            QStringLiteral("not supported: %1").arg(spec.takesValue ? flag + QLatin1Char(' ') + value : flag);
        return false;
    case Opt::Url:
        urls << value;
        break;
    case Opt::Compressed:
        cmd.options.compressed = true;
        break;
    case Opt::Http11:
        cmd.options.httpVersion = HttpVersion::Http1_1;
        break;
    case Opt::Http2PriorKnowledge:
        cmd.options.httpVersion = HttpVersion::Http2;
        break;
    case Opt::ConnectTo:
    case Opt::Resolve: {
        QString why;
        const bool resolve = spec.opt == Opt::Resolve;
        if (!(resolve ? bool(parseResolve(value, &why)) : bool(parseConnectTo(value, &why)))) {
            error = why;
            return false;
        }
        (resolve ? cmd.options.resolve : cmd.options.connectTo).append(value);
        break;
    }
    case Opt::CaCert:
        cmd.options.tls.caCertificates = value;
        break;
    case Opt::Cert:
        setCurlCertArgument(&cmd.options.tls, value);
        break;
    case Opt::CertType:
        cmd.options.tls.certificateType = value;
        break;
    case Opt::Key:
        cmd.options.tls.clientKey = value;
        break;
    case Opt::Pass:
        cmd.options.tls.password = value;
        break;
    case Opt::Proxy: {
        QString why;
        if (!value.isEmpty() && !parseProxyUrl(value, &why)) {
            error = why;
            return false;
        }
        cmd.options.proxy = value;
        break;
    }
    case Opt::NoProxy:
        cmd.options.noProxy = value;
        break;
    case Opt::ProxyUser:
        cmd.options.proxyUser = value;
        break;
    case Opt::Socks5:  // --socks5 HOST[:PORT]: a SOCKS5 proxy, the names looked up here
    case Opt::Socks5Hostname:
        cmd.options.proxy =
            (spec.opt == Opt::Socks5 ? QStringLiteral("socks5://") : QStringLiteral("socks5h://")) + value;
        break;
    case Opt::Ignored:
        cmd.ignored << flag;
        break;
    case Opt::IgnoredWithValue:
        cmd.ignored << flag + QLatin1Char(' ') + value;
        break;
    }
    return true;
}

bool Parser::finish()
{
    if (urls.isEmpty()) {
        error = QStringLiteral("no URL given");
        return false;
    }
    if (urls.size() > 1) {
        error = QStringLiteral("more than one URL given (one is traced at a time): %1")
                    .arg(urls.join(QLatin1String(", ")));
        return false;
    }
    QString url = urls.first();
    // Characters a word processor or a chat app puts in place of the shell's, which would otherwise become
    // part of the host name (curly quotes turn into punycode) or of the path.
    static const QList<QPair<QChar, QString>> lookalikes = {
        {QChar(0x201C), QStringLiteral("a curly quote (U+201C)")},
        {QChar(0x201D), QStringLiteral("a curly quote (U+201D)")},
        {QChar(0x2018), QStringLiteral("a curly quote (U+2018)")},
        {QChar(0x2019), QStringLiteral("a curly quote (U+2019)")},
        {QChar(0x00A0), QStringLiteral("a no-break space (U+00A0)")},
    };
    for (const auto &[c, name] : lookalikes) {
        if (url.contains(c)) {
            error = QStringLiteral("the URL holds %1 where the shell wants a plain quote or space: %2")
                        .arg(name, QString(url).replace(
                                       c, QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'))));
            return false;
        }
    }
    static const QRegularExpression schemeRe(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"));
    if (!schemeRe.match(url).hasMatch())
        url.prepend(QLatin1String("http://"));  // curl guesses http:// for a bare host
    const QByteArray data = dataParts.join('&');
    // Query text goes after any query already there and before a fragment.
    const auto appendQuery = [&url](const QByteArray &text) {
        const qsizetype hash = url.indexOf(QLatin1Char('#'));
        const qsizetype q = url.indexOf(QLatin1Char('?'));
        const QString sep = (q >= 0 && (hash < 0 || q < hash)) ? QStringLiteral("&") : QStringLiteral("?");
        url.insert(hash >= 0 ? hash : url.size(), sep + QString::fromUtf8(text));
    };
    if (get && !dataParts.isEmpty())
        appendQuery(data);  // -G: the data becomes the query
    if (!urlQueries.isEmpty())
        appendQuery(urlQueries.join('&'));
    // --json: its two headers, unless the command gives its own (after the command's -H lines).
    if (json) {
        for (const char *name : {"Content-Type", "Accept"}) {
            if (!named(name))
                custom.append({QByteArray(name), QByteArrayLiteral("application/json"), false});
        }
    }
    RequestSpec &r = cmd.request;
    r.url = QUrl(url);
    if (!r.url.isValid() || r.url.host().isEmpty()) {
        error = QStringLiteral("not a usable URL: %1").arg(urls.first());
        return false;
    }
    const QString scheme = r.url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        error = QStringLiteral("only http and https URLs can be traced: %1").arg(urls.first());
        return false;
    }
    const bool postData = !dataParts.isEmpty() && !get;
    if (head && postData) {
        error = QStringLiteral("-I/--head and -d/--data ask for two request methods; curl refuses that too");
        return false;
    }
    r.method = head       ? QByteArrayLiteral("HEAD")
               : postData ? QByteArrayLiteral("POST")
                          : QByteArrayLiteral("GET");
    if (method) {
        r.method = *method;
        r.customMethod = true;
    }
    if (postData)
        r.body = data;

    if (!cookies.isEmpty())
        generated.append({QByteArrayLiteral("Cookie"), cookies.join("; ")});
    // A custom header of the same name, or a removal, replaces curl's own one (Curl_checkheaders).
    for (const HeaderPair &g : std::as_const(generated)) {
        if (!named(g.first))
            r.headers.append(g);
    }
    if (userAgent && !named(QByteArrayLiteral("User-Agent"))) {
        if (userAgent->isEmpty())  // -A '': curl sends no User-Agent at all
            r.suppressedHeaders.append(QByteArrayLiteral("User-Agent"));
        else
            cmd.options.userAgent = QString::fromUtf8(*userAgent);
    }
    // "-H 'Name:'" leaves out curl's own header of that name (an -H of it with a value is still sent).
    for (const Custom &c : std::as_const(custom)) {
        if (c.removal)
            r.suppressedHeaders.append(c.name);
        else
            r.headers.append({c.name, c.value});
    }
    // curl would put such bytes on the wire as given (a CR/LF in -X, -H or -A starts another line); rwb never
    // sends them, so the command is refused here rather than as a trace that stops before its first hop.
    HeaderList sent = r.headers;
    if (!cmd.options.userAgent.isEmpty())
        sent.append({QByteArrayLiteral("User-Agent"), cmd.options.userAgent.toUtf8()});
    if (const QString problem = requestSyntaxProblem(r.method, sent); !problem.isEmpty()) {
        error = problem;
        return false;
    }
    r.formBody = postData && !named(QByteArrayLiteral("Content-Type"));
    // A browser's "Copy as cURL" carries headers only a browser sends: such a request is traced the way
    // the browser sent it (its cookies, its Accept-Encoding), not with curl's rules.
    for (const Custom &c : std::as_const(custom)) {
        const QByteArray name = c.name.toLower();
        if (name.startsWith("sec-fetch-") || name.startsWith("sec-ch-ua")
            || (name == "user-agent" && c.value.startsWith("Mozilla/"))) {
            cmd.browserCopy = QString::fromLatin1(c.name);
            cmd.options.profile = Profile::Browser;
            break;
        }
    }
    return true;
}

}  // namespace

QStringList curlImportNotes(const CurlCommand &command)
{
    QStringList notes;
    if (!command.browserCopy.isEmpty()) {
        notes.append(QStringLiteral("copied from a browser (its %1 header): traced with the browser profile, "
                                    "which asks for compressed bodies itself; pick curl in Options to trace "
                                    "it with curl's rules")
                         .arg(command.browserCopy));
    } else if (!command.followRedirects) {
        notes.append(QStringLiteral("without -L curl itself would stop at the first redirect"));
    }
    if (!command.ignored.isEmpty())
        notes.append(QStringLiteral("ignored: %1").arg(command.ignored.join(QLatin1Char(' '))));
    return notes;
}

QString curlCaseName(const CurlCommand &command)
{
    const QUrl &url = command.request.url;
    QString where = url.host();
    if (url.port() != -1)
        where += QLatin1Char(':') + QString::number(url.port());
    where += url.path().isEmpty() ? QStringLiteral("/") : url.path();
    return QString::fromLatin1(command.request.method) + QLatin1Char(' ') + where;
}

CurlParseResult parseCurlCommand(const QString &text)
{
    // Chromium's "Copy as cURL (cmd)" quotes for Windows cmd.exe (^" ... ^", ^ before each special
    // character, ^ at line ends), which a POSIX shell reads differently: read as cmd.exe would.
    const bool cmd = text.contains(QLatin1String("^\"")) || text.contains(QLatin1String(" ^\n"))
                     || text.contains(QLatin1String(" ^\r\n"));
    QString splitError;
    QStringList words = cmd ? splitCmdWords(text, &splitError) : splitShellWords(text, &splitError);
    if (!splitError.isEmpty())
        return {std::nullopt,
                cmd ? QStringLiteral("read as a Windows cmd command: %1").arg(splitError) : splitError};
    if (!words.isEmpty() && words.first() == QLatin1String("$"))  // a pasted "$ curl ..." prompt
        words.removeFirst();
    if (words.isEmpty())
        return {std::nullopt, QStringLiteral("empty command: expected one starting with curl")};
    if (words.first() != QLatin1String("curl") && words.first() != QLatin1String("curl.exe")) {
        const QString &first = words.first();
        if (first.size() > 4 && first.startsWith(QLatin1String("curl")) && first.at(4) == QChar(0x00A0)) {
            return {std::nullopt, QStringLiteral("a no-break space (U+00A0) follows curl where a plain space "
                                                 "belongs: the command was changed on its way here")};
        }
        return {std::nullopt, QStringLiteral("not a curl command: it starts with %1").arg(words.first())};
    }

    Parser p;
    p.cmd.options.profile = Profile::Curl;
    bool optionsEnded = false;
    for (qsizetype i = 1; i < words.size() && p.error.isEmpty(); ++i) {
        const QString &w = words[i];
        auto nextValue = [&](const QString &flag, QString *value) {
            if (i + 1 >= words.size()) {
                p.error = QStringLiteral("option %1 needs a value").arg(flag);
                return false;
            }
            *value = words[++i];
            return true;
        };
        if (optionsEnded || !w.startsWith(QLatin1Char('-')) || w == QLatin1String("-")) {
            p.apply(*findLong(QStringLiteral("url")), QString(), w);
        } else if (w == QLatin1String("--")) {
            optionsEnded = true;
        } else if (w.startsWith(QLatin1String("--"))) {
            const qsizetype eq = w.indexOf(QLatin1Char('='));
            const QString flag = w.left(eq);  // left(-1) is the whole word
            const OptionSpec *spec = findLong(flag.mid(2));
            QString value;
            if (!spec)
                p.error = QStringLiteral("unknown option %1").arg(flag);
            else if (eq >= 0 && !spec->takesValue)
                p.error = QStringLiteral("option %1 takes no value: %2").arg(flag, w);
            else if (eq >= 0)
                p.apply(*spec, flag, w.mid(eq + 1));
            else if (!spec->takesValue || nextValue(flag, &value))
                p.apply(*spec, flag, value);
        } else {
            // Short options combine ("-sSL"); one taking a value takes the rest of the word or the next word.
            for (qsizetype k = 1; k < w.size() && p.error.isEmpty(); ++k) {
                const QString flag = QLatin1Char('-') + w[k];
                const OptionSpec *spec = findShort(w[k]);
                QString value;
                if (!spec) {
                    p.error = w.size() > 2 ? QStringLiteral("unknown option %1 in %2").arg(flag, w)
                                           : QStringLiteral("unknown option %1").arg(flag);
                } else if (!spec->takesValue) {
                    p.apply(*spec, flag, QString());
                } else {
                    if (k + 1 < w.size())
                        p.apply(*spec, flag, w.mid(k + 1));
                    else if (nextValue(flag, &value))
                        p.apply(*spec, flag, value);
                    break;
                }
            }
        }
    }
    if (p.error.isEmpty())
        p.finish();
    if (!p.error.isEmpty())
        return {std::nullopt, p.error};
    return {std::move(p.cmd), QString()};
}

QPair<QString, QString> splitCurlUser(const QString &userColonPassword)
{
    const qsizetype colon = userColonPassword.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return {userColonPassword, QString()};
    return {userColonPassword.left(colon), userColonPassword.mid(colon + 1)};
}

}  // namespace Rwb
