// parseCurlCommand over a corpus of pasted commands: Chromium's and Firefox's "Copy as cURL (bash)"
// shapes and hand-written ones, each checked for method, URL, headers in order, body and options; and
// the commands it must refuse, each with its message.
#include "core/formats/curlcommand.h"

#include <QTest>

using namespace Rwb;

namespace {

QByteArrayList headerLines(const HeaderList &headers)
{
    QByteArrayList out;
    for (const HeaderPair &h : headers)
        out << h.first + ": " + h.second;
    return out;
}

// The request and option facts a row checks besides method, URL, headers and body, in a fixed order.
QStringList flags(const CurlCommand &c)
{
    QStringList out;
    if (c.request.customMethod)
        out << QStringLiteral("custom");
    if (c.request.formBody)
        out << QStringLiteral("form");
    if (c.followRedirects)
        out << QStringLiteral("L");
    if (c.options.maxRedirects)
        out << QStringLiteral("max=%1").arg(*c.options.maxRedirects);
    if (c.options.keepPostOn30x)
        out << QStringLiteral("post30x");
    if (c.options.locationTrusted)
        out << QStringLiteral("trusted");
    if (c.options.acceptTlsErrors)
        out << QStringLiteral("k");
    if (c.options.timeoutMs != Options().timeoutMs)
        out << QStringLiteral("timeout=%1").arg(c.options.timeoutMs);
    if (c.options.cookieJar)
        out << QStringLiteral("jar");
    if (!c.options.userAgent.isEmpty())
        out << QStringLiteral("A=") + c.options.userAgent;
    for (const QByteArray &name : c.request.suppressedHeaders)
        out << QStringLiteral("no=") + QString::fromLatin1(name);
    if (c.options.compressed)
        out << QStringLiteral("compressed");
    for (const QString &rule : c.options.connectTo)
        out << QStringLiteral("connect-to=") + rule;
    for (const QString &rule : c.options.resolve)
        out << QStringLiteral("resolve=") + rule;
    const TlsFiles &tls = c.options.tls;
    for (const auto &[key, value] : {std::pair{"cacert", tls.caCertificates},
                                     {"cert", tls.clientCertificate},
                                     {"cert-type", tls.certificateType},
                                     {"key", tls.clientKey},
                                     {"pass", tls.password}}) {
        if (!value.isEmpty())
            out << QLatin1String(key) + QLatin1Char('=') + value;
    }
    if (c.options.proxy)
        out << QStringLiteral("proxy=") + *c.options.proxy;
    if (c.options.noProxy)
        out << QStringLiteral("noproxy=") + *c.options.noProxy;
    if (!c.options.proxyUser.isEmpty())
        out << QStringLiteral("proxy-user=") + c.options.proxyUser;
    if (c.options.httpVersion != HttpVersion::Default)
        out << QStringLiteral("http=") + httpVersionName(c.options.httpVersion);
    if (c.options.profile == Profile::Browser)
        out << QStringLiteral("browser");
    return out;
}

QStringList list(const char *spaceSeparated)
{
    return QString::fromUtf8(spaceSeparated).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QByteArrayList headers(std::initializer_list<const char *> lines)
{
    QByteArrayList out;
    for (const char *l : lines)
        out << QByteArray(l);
    return out;
}

void ok(const char *name, const char *command, const char *method, const char *url,
        const QByteArrayList &hdrs, const QByteArray &body, const char *flagList,
        const QStringList &ignored = {})
{
    QTest::newRow(name) << QString::fromUtf8(command) << QByteArray(method) << QString::fromUtf8(url) << hdrs
                        << body << list(flagList) << ignored;
}

}  // namespace

class TestCurlCommand : public QObject
{
    Q_OBJECT

private slots:
    void corpus_data();
    void corpus();
    void errors_data();
    void errors();
    void words_data();
    void words();
    void cmdWords_data();
    void cmdWords();
};

void TestCurlCommand::corpus_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArrayList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QStringList>("ignored");

    // Chromium's "Copy as cURL (bash)": one option a line, backslash continuations, single quotes.
    ok("chrome get", R"(curl 'https://example.test/api' \
  -H 'accept: */*' \
  -H 'accept-language: en-US,en;q=0.9' \
  -H 'sec-fetch-mode: cors' \
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36' \
  --compressed)",
       "GET", "https://example.test/api",
       headers({"accept: */*", "accept-language: en-US,en;q=0.9", "sec-fetch-mode: cors",
                "user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"}),
       "", "compressed browser");
    ok("chrome post json", R"(curl 'https://example.test/api' \
  -H 'accept: */*' \
  -H 'content-type: application/json' \
  -H 'origin: https://example.test' \
  --data-raw '{"a":1}' \
  --compressed)",
       "POST", "https://example.test/api",
       headers({"accept: */*", "content-type: application/json", "origin: https://example.test"}),
       "{\"a\":1}", "compressed");
    // Issue 15: where the connection goes, as curl reads it.
    ok("resolve and connect-to",
       "curl --resolve h.test:443:127.0.0.1 --connect-to a.test::h.test: --resolve '*:80:[::1],10.0.0.1' "
       "https://h.test/",
       "GET", "https://h.test/", {}, "",
       "connect-to=a.test::h.test: resolve=h.test:443:127.0.0.1 resolve=*:80:[::1],10.0.0.1");
    ok("certificates",
       "curl --cacert ca.pem --cert client.pem --key client.key --pass 'p\"w' https://h.test/", "GET",
       "https://h.test/", {}, "", "cacert=ca.pem cert=client.pem key=client.key pass=p\"w");
    // curl's --cert FILE:PASSWORD, "\\:" a colon of the name; an earlier --pass stays without a password
    // there.
    ok("certificate with password", R"(curl -E 'c\:1.p12:pw:x' --cert-type P12 https://h.test/)", "GET",
       "https://h.test/", {}, "", "cert=c:1.p12 cert-type=P12 pass=pw:x");
    ok("proxy", "curl -x http://p:3128 --noproxy 'a.test,b.test' -U u:pw https://h.test/", "GET",
       "https://h.test/", {}, "", "proxy=http://p:3128 noproxy=a.test,b.test proxy-user=u:pw");
    ok("socks5 options", "curl --socks5 p:1080 --socks5-hostname q:1081 https://h.test/", "GET",
       "https://h.test/", {}, "", "proxy=socks5h://q:1081");
    ok("no proxy", "curl --proxy '' https://h.test/", "GET", "https://h.test/", {}, "", "proxy=");
    // curl tries HTTP/2 on https anyway: --http2 changes nothing; --http2-prior-knowledge speaks nothing
    // else.
    ok("http1.1", "curl --http1.1 https://h.test/", "GET", "https://h.test/", {}, "", "http=1.1");
    ok("http2", "curl --http2 https://h.test/", "GET", "https://h.test/", {}, "", "", list("--http2"));
    ok("http2 prior knowledge", "curl --http2-prior-knowledge https://h.test/", "GET", "https://h.test/", {},
       "", "http=2");
    ok("pass then certificate", "curl --pass pw --cert c.p12 https://h.test/", "GET", "https://h.test/", {},
       "", "cert=c.p12 pass=pw");
    // Chromium's "Copy as cURL (cmd)": ^" quotes, ^ before every other special character, ^ line ends; a
    // quote in a value as \^", a line break as ^ LF LF, a % before a name character as %^.
    ok("chrome cmd post json",
       "curl ^\"https://example.test/api?a=1^&b=^%^PATH^%^\" ^\r\n"
       "  -H ^\"accept: */*^\" ^\r\n"
       "  -H ^\"x-note: Windows NT 10.0 ^(Win64; x64^)^\" ^\r\n"
       "  --data-raw ^\"^{^\\^\"a^\\^\":^\\^\"x^\n\ny^\\^\"^}^\" ^\r\n"
       "  --compressed",
       "POST", "https://example.test/api?a=1&b=%25PATH%25",
       headers({"accept: */*", "x-note: Windows NT 10.0 (Win64; x64)"}), "{\"a\":\"x\ny\"}",
       "form compressed");
    // Since Chromium 113 cookies come as -b; curl sends its Cookie before the custom headers.
    ok("chrome cookies", R"(curl 'https://example.test/account' \
  -H 'accept: text/html' \
  -b 'sid=1; x=2' \
  -H 'referer: https://example.test/' \
  --compressed)",
       "GET", "https://example.test/account",
       headers({"Cookie: sid=1; x=2", "accept: text/html", "referer: https://example.test/"}), "",
       "compressed");
    // Bodies with control or non-ASCII characters come as $'...': \n a real newline, \\n a JSON escape.
    ok("chrome ansi-c body", R"(curl 'https://example.test/notes' \
  -H 'content-type: application/json' \
  --data-raw $'{"text":"line1\\nline2\n","name":"caf\u00e9 \u2603","q":"it\'s"}' \
  --compressed)",
       "POST", "https://example.test/notes", headers({"content-type: application/json"}),
       "{\"text\":\"line1\\nline2\n\",\"name\":\"caf\xC3\xA9 \xE2\x98\x83\",\"q\":\"it's\"}", "compressed");
    ok("chrome form ansi-c", R"(curl 'https://example.test/login' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -b 'sid=abc' \
  --data-raw $'user=al\x69ce&note=a\tb\r\nc' \
  --compressed)",
       "POST", "https://example.test/login",
       headers({"Cookie: sid=abc", "content-type: application/x-www-form-urlencoded"}),
       "user=alice&note=a\tb\r\nc", "compressed");
    ok("chrome copied on windows (crlf)",
       "curl 'https://example.test/api' \\\r\n  -H 'accept: */*' \\\r\n  --compressed\r\n", "GET",
       "https://example.test/api", headers({"accept: */*"}), "", "compressed");
    // Firefox's "Copy as cURL (bash)": one line, -X POST spelled out, --compressed after the URL.
    ok("firefox post",
       "curl 'https://example.test/login' --compressed -X POST -H 'User-Agent: Mozilla/5.0 (X11; Linux "
       "x86_64; "
       "rv:115.0) Gecko/20100101 Firefox/115.0' -H 'Accept: text/html' -H 'Content-Type: "
       "application/x-www-form-urlencoded' -H 'Origin: https://example.test' -H 'Connection: keep-alive' -H "
       "'Cookie: sid=1' --data-raw 'user=a&pass=b'",
       "POST", "https://example.test/login",
       headers({"User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0",
                "Accept: text/html", "Content-Type: application/x-www-form-urlencoded",
                "Origin: https://example.test", "Connection: keep-alive", "Cookie: sid=1"}),
       "user=a&pass=b", "custom compressed browser");
    ok("firefox get",
       "curl 'https://example.test/a?b=1' --compressed -H 'Accept: */*' -H 'Accept-Language: en-US,en;q=0.5' "
       "-H 'Sec-Fetch-Site: same-origin'",
       "GET", "https://example.test/a?b=1",
       headers({"Accept: */*", "Accept-Language: en-US,en;q=0.5", "Sec-Fetch-Site: same-origin"}), "",
       "compressed browser");

    // Hand-written.
    ok("combined short flags", "curl -sSL -X PUT -u alice:s3cret --data-binary 'x' http://127.0.0.1:8080/p",
       "PUT", "http://127.0.0.1:8080/p", headers({"Authorization: Basic YWxpY2U6czNjcmV0"}), "x",
       "custom form L", list("-s -S"));
    ok("data joined", "curl -d a=1 -d b=2 localhost:8080/form", "POST", "http://localhost:8080/form", {},
       "a=1&b=2", "form");
    ok("get puts data in query", "curl -G -d q=1 http://x.test/s", "GET", "http://x.test/s?q=1", {}, "", "");
    ok("get after query before fragment",
       "curl -G --data-urlencode 'q=a b&c' -d n=2 'http://x.test/s?lang=en#top'", "GET",
       "http://x.test/s?lang=en&q=a%20b%26c&n=2#top", {}, "", "");
    ok("value glued to short flag", "curl -XPOST -HAccept:x http://h.test/", "POST", "http://h.test/",
       headers({"Accept: x"}), "", "custom");
    ok("head", "curl -I https://h.test/", "HEAD", "https://h.test/", {}, "", "");
    ok("long flags with =", "curl --head --location --max-redirs=3 https://h.test/", "HEAD",
       "https://h.test/", {}, "", "L max=3");
    ok("post30x", "curl -L --post301 --post302 --post303 -d x=1 https://h.test/", "POST", "https://h.test/",
       {}, "x=1", "form L post30x");
    ok("location trusted", "curl --location-trusted -u bob:pw https://h.test/", "GET", "https://h.test/",
       headers({"Authorization: Basic Ym9iOnB3"}), "", "L trusted");
    ok("insecure and max-time", "curl -k -m 2.5 https://self-signed.test/", "GET",
       "https://self-signed.test/", {}, "", "k timeout=2500");
    ok("agent referer url", "curl -A 'agent/1.0' -e https://from.test/ --url https://h.test/", "GET",
       "https://h.test/", headers({"Referer: https://from.test/"}), "", "A=agent/1.0");
    ok("custom header beats -A", "curl -A agent -H 'User-Agent: custom' h.test", "GET", "http://h.test",
       headers({"User-Agent: custom"}), "", "");
    ok("empty header and default removal", "curl -H 'X-Empty;' -H 'Accept:' h.test", "GET", "http://h.test",
       headers({"X-Empty: "}), "", "no=Accept");
    ok("removal of own header", "curl -e https://r.test/ -H 'Referer:' h.test", "GET", "http://h.test", {},
       "", "no=Referer");
    ok("removal keeps an -H of the name", "curl -H 'X-A: 1' -H 'X-A:  ' -H 'Host:' h.test", "GET",
       "http://h.test", headers({"X-A: 1"}), "", "no=X-A no=Host");
    ok("empty -A sends no User-Agent", "curl -A '' h.test", "GET", "http://h.test", {}, "", "no=User-Agent");
    ok("-H User-Agent: beats -A", "curl -A agent -H 'User-Agent:' h.test", "GET", "http://h.test", {}, "",
       "no=User-Agent");
    ok("empty data", "curl -d '' https://h.test/", "POST", "https://h.test/", {}, "", "form");
    ok("output options ignored", "curl -o out.html -s -w '%{http_code}' https://h.test/", "GET",
       "https://h.test/", {}, "", "",
       {QStringLiteral("-o out.html"), QStringLiteral("-s"), QStringLiteral("-w %{http_code}")});
    ok("prompt tolerated", "$ curl --http1.1 --fail https://h.test/", "GET", "https://h.test/", {}, "",
       "http=1.1", list("--fail"));
    ok("content-type keeps form off", "curl -d a=1 -H 'Content-Type: text/plain' h.test", "POST",
       "http://h.test", headers({"Content-Type: text/plain"}), "a=1", "");
    ok("double quote escapes", R"(curl -X DELETE "https://h.test/items/\$id?x=\"1\"")", "DELETE",
       "https://h.test/items/$id?x=%221%22", {}, "", "custom");
    ok("backslash outside quotes", R"(curl https://h.test/a\ b)", "GET", "https://h.test/a%20b", {}, "", "");
    ok("cookies joined", "curl -b 'a=1' -b 'b=2' h.test", "GET", "http://h.test",
       headers({"Cookie: a=1; b=2"}), "", "");
    ok("data-urlencode forms",
       "curl --data-urlencode 'msg=hé llo' --data-urlencode '=x/y' --data-urlencode plain h.test", "POST",
       "http://h.test", {}, "msg=h%C3%A9%20llo&x%2Fy&plain", "form");
    ok("password with colon", "curl -u 'user:p:w' h.test", "GET", "http://h.test",
       headers({"Authorization: Basic dXNlcjpwOnc="}), "", "");
    ok("request and data with =",
       "curl --request=PATCH --data='{}' -H 'Content-Type: application/json' https://h.test/", "PATCH",
       "https://h.test/", headers({"Content-Type: application/json"}), "{}", "custom");
    ok("cookie jar", "curl -c jar.txt -L h.test", "GET", "http://h.test", {}, "", "L jar",
       {QStringLiteral("-c jar.txt")});
    ok("comment", "curl 'https://h.test/' # fetch the home page", "GET", "https://h.test/", {}, "", "");
    ok("duplicates kept in order", "curl -H 'X-A: 1' -H 'x-a: 2' -H 'Accept: text/html' h.test", "GET",
       "http://h.test", headers({"X-A: 1", "x-a: 2", "Accept: text/html"}), "", "");
    ok("data-raw keeps @", "curl --data-raw '@literal' h.test", "POST", "http://h.test", {}, "@literal",
       "form");
    ok("lone dollar is literal", "curl -d 'price=5$' -d cost=$ h.test", "POST", "http://h.test", {},
       "price=5$&cost=$", "form");
    // Issue 16: options curl has that the product can honour.
    ok("json", R"(curl --json '{"a":1}' -H 'X-A: 1' h.test)", "POST", "http://h.test",
       headers({"X-A: 1", "Content-Type: application/json", "Accept: application/json"}), "{\"a\":1}", "");
    ok("json with its own accept", R"(curl --json '{"a":1}' -H 'Accept: */*' h.test)", "POST",
       "http://h.test", headers({"Accept: */*", "Content-Type: application/json"}), "{\"a\":1}", "");
    ok("url-query", "curl --url-query 'q=a b' --url-query '+raw=%41' 'h.test/p?x=1#top'", "GET",
       "http://h.test/p?x=1&q=a%20b&raw=A#top", {}, "", "");  // QUrl decodes %41, an unreserved letter
    ok("oauth2 bearer", "curl --oauth2-bearer t0k h.test", "GET", "http://h.test",
       headers({"Authorization: Bearer t0k"}), "", "");
    ok("no redirect limit", "curl -L --max-redirs -1 h.test", "GET", "http://h.test", {}, "",
       "L max=2147483647");
    ok("very short max-time", "curl -m 0.0001 h.test", "GET", "http://h.test", {}, "", "timeout=1");
    ok("trailing backslash", "curl -L https://h.test/ \\", "GET", "https://h.test/", {}, "", "L");
    ok("tls and http2 choices", "curl --tlsv1.2 --http2-prior-knowledge --tls-max 1.3 h.test", "GET",
       "http://h.test", {}, "", "http=2", {QStringLiteral("--tlsv1.2"), QStringLiteral("--tls-max 1.3")});
}

void TestCurlCommand::corpus()
{
    QFETCH(QString, command);
    QFETCH(QByteArray, method);
    QFETCH(QString, url);
    QFETCH(QByteArrayList, headers);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, flags);
    QFETCH(QStringList, ignored);

    const CurlParseResult r = parseCurlCommand(command);
    QVERIFY2(r.command, qPrintable(r.error));
    QVERIFY(r.error.isEmpty());
    const CurlCommand &c = *r.command;
    QCOMPARE(c.request.method, method);
    QCOMPARE(c.request.url.toString(QUrl::FullyEncoded), url);
    QCOMPARE(headerLines(c.request.headers), headers);
    QCOMPARE(c.request.body, body);
    QVERIFY2(::flags(c) == flags, qPrintable(::flags(c).join(QLatin1Char(' '))));
    QCOMPARE(c.ignored, ignored);
    // A browser's copy (its Sec-Fetch-*, sec-ch-ua or Mozilla/ User-Agent) keeps the browser profile; the
    // flags column says "browser" for those rows.
    QCOMPARE(c.options.profile, flags.contains(QStringLiteral("browser")) ? Profile::Browser : Profile::Curl);
    QCOMPARE(c.browserCopy.isEmpty(), !flags.contains(QStringLiteral("browser")));
}

void TestCurlCommand::errors_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("error");
    auto row = [](const char *name, const char *command, const char *error) {
        QTest::newRow(name) << QString::fromUtf8(command) << QString::fromUtf8(error);
    };
    row("unterminated single quote", "curl 'https://h.test",
        "unterminated single quote (') starting at 'https://h.test");
    row("unterminated double quote", "curl -H \"Accept: x https://h.test/",
        "unterminated double quote (\") starting at \"Accept: x https://h.test/");
    row("long unterminated quote is shortened",
        "curl https://h.test/ -d 'a=0123456789012345678901234567890123456789",
        "unterminated single quote (') starting at 'a=012345678901234567890123456...");
    row("unterminated ansi-c quote", "curl $'abc", "unterminated $'...' quote starting at $'abc");
    row("missing url", "curl -sL", "no URL given");
    row("two urls", "curl https://a.test/ https://b.test/",
        "more than one URL given (one is traced at a time): https://a.test/, https://b.test/");
    row("unknown long flag", "curl --frobnicate https://h.test/", "unknown option --frobnicate");
    // Issue 16: options curl has but rwb cannot honour say so by name.
    row("proxy scheme", "curl --proxy https://p:3128 https://h.test/",
        "proxy 'https://p:3128': the scheme https:// is not supported (http://, socks5:// or socks5h://)");
    row("bad resolve", "curl --resolve h.test:443:localhost https://h.test/",
        "--resolve 'h.test:443:localhost': 'localhost' is not an IP address (HOST:PORT:ADDRESS[,ADDRESS...], "
        "an "
        "IPv6 address in brackets)");
    row("bad connect-to", "curl --connect-to h.test:443 https://h.test/",
        "--connect-to 'h.test:443': 2 parts where 4 are needed (HOST1:PORT1:HOST2:PORT2, any part may be "
        "empty, "
        "an IPv6 address in brackets)");
    row("CA directory", "curl --capath /etc/ssl/certs https://h.test/",
        "not supported: --capath /etc/ssl/certs");
    row("digest", "curl --digest -u a:b https://h.test/", "not supported: --digest");
    row("config file", "curl -K opts.txt https://h.test/", "not supported: -K opts.txt");
    row("netrc", "curl --netrc https://h.test/", "not supported: --netrc");
    row("path as is", "curl --path-as-is https://h.test/a/../b", "not supported: --path-as-is");
    row("redirect protocols", "curl --proto-redir =https https://h.test/",
        "not supported: --proto-redir =https");
    // Characters a chat app or word processor puts in place of the shell's, and Windows cmd quoting.
    row("curly quotes", "curl \u201chttps://h.test/\u201d",
        "the URL holds a curly quote (U+201C) where the shell wants a plain quote or space: "
        "\\u201chttps://h.test/\u201d");
    row("no-break space in the URL word", "curl https://h.test/\u00a0-L",
        "the URL holds a no-break space (U+00A0) where the shell wants a plain quote or space: "
        "https://h.test/\\u00a0-L");
    row("no-break space after curl", "curl\u00a0https://h.test/",
        "a no-break space (U+00A0) follows curl where a plain space belongs: the command was changed on its "
        "way "
        "here");
    row("windows cmd with an unescaped &", "curl ^\"https://h.test/^\" & del x",
        "read as a Windows cmd command: an unescaped & outside quotes: cmd would run or redirect more than "
        "the curl command");
    row("windows cmd, a line without ^", "curl ^\"https://h.test/^\"\n  -H ^\"accept: */*^\"",
        "read as a Windows cmd command: a line ends without ^ and more follows: cmd would run it as another "
        "command");
    row("max-redirs below -1", "curl --max-redirs -2 https://h.test/",
        "--max-redirs needs a count of 0 or more (or -1, no limit): -2");
    row("unknown short flag in a group", "curl -sZ https://h.test/", "unknown option -Z in -sZ");
    row("data from file", "curl -d @body.json https://h.test/",
        "reading files is not supported here: @body.json");
    row("binary data from stdin", "curl --data-binary @- https://h.test/",
        "reading files is not supported here: @-");
    row("urlencode from file", "curl --data-urlencode name@f.txt h.test",
        "reading files is not supported here: name@f.txt");
    row("headers from file", "curl -H @headers.txt h.test",
        "reading files is not supported here: @headers.txt");
    row("-X without value", "curl https://h.test/ -X", "option -X needs a value");
    row("--request without value", "curl https://h.test/ --request", "option --request needs a value");
    row("cookie file", "curl -b cookies.txt h.test",
        "reading cookie files is not supported here: cookies.txt");
    row("user without password", "curl -u alice h.test",
        "-u without a password makes curl prompt for one: alice");
    row("multipart form", "curl -F a=1 h.test", "multipart forms are not supported here: -F a=1");
    row("not curl", "wget https://h.test/", "not a curl command: it starts with wget");
    row("empty", "  \n", "empty command: expected one starting with curl");
    row("pipe", "curl https://h.test/ | jq .",
        "shell operator | is not supported here: quote it if it belongs to a word");
    row("unquoted ampersand", "curl https://h.test/?a=1&b=2",
        "shell operator & is not supported here: quote it if it belongs to a word");
    row("variable", "curl -H \"Authorization: Bearer $TOKEN\" https://h.test/",
        "shell expansion is not supported here: $TOKEN");
    row("command substitution", "curl -d \"t=$(date)\" https://h.test/",
        "shell expansion is not supported here: $(date)");
    row("head with data", "curl -I -d a=1 https://h.test/",
        "-I/--head and -d/--data ask for two request methods; curl refuses that too");
    row("bad max-redirs", "curl --max-redirs abc https://h.test/",
        "--max-redirs needs a count of 0 or more (or -1, no limit): abc");
    row("bad max-time", "curl -m soon https://h.test/", "-m needs a number of seconds: soon");
    row("ftp url", "curl ftp://h.test/f", "only http and https URLs can be traced: ftp://h.test/f");
    row("value on a switch", "curl --location=yes https://h.test/",
        "option --location takes no value: --location=yes");
    // Issue 16: curl would send these bytes as given; a CR/LF would start another header or request.
    row("CRLF in -X", "curl -X $'GET\\r\\nX-Injected: 1' http://h.test/y",
        "the method 'GET\\r\\nX-Injected: 1' is not a token (RFC 9110 §9.1: letters, digits and "
        "!#$%&'*+-.^_`|~, nothing else)");
    row("request line in -X", "curl -X 'GET /admin HTTP/1.1' http://h.test/y",
        "the method 'GET /admin HTTP/1.1' is not a token (RFC 9110 §9.1: letters, digits and "
        "!#$%&'*+-.^_`|~, nothing else)");
    row("CRLF in -H", "curl -H $'X-A: a\\r\\nX-Injected: 1' http://h.test/y",
        "the value of header X-A holds a line break or NUL ('a\\r\\nX-Injected: 1'), which would start "
        "another header line on the wire (RFC 9110 §5.5)");
    // -A is the User-Agent header's value (found by the curl command fuzzer: a NUL in -A was accepted).
    row("CRLF in -A", "curl -A $'rwb\\r\\nX-Injected: 1' http://h.test/y",
        "the value of header User-Agent holds a line break or NUL ('rwb\\r\\nX-Injected: 1'), which would "
        "start another header line on the wire (RFC 9110 §5.5)");
    row("NUL in --user-agent", "curl --user-agent $'rwb\\x00' http://h.test/y",
        "the value of header User-Agent holds a line break or NUL ('rwb\\x00'), which would start another "
        "header line on the wire (RFC 9110 §5.5)");
}

void TestCurlCommand::errors()
{
    QFETCH(QString, command);
    QFETCH(QString, error);
    const CurlParseResult r = parseCurlCommand(command);
    QVERIFY(!r.command);
    QCOMPARE(r.error, error);
}

void TestCurlCommand::words_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("words");
    auto row = [](const char *name, const char *text, const QStringList &w) {
        QTest::newRow(name) << QString::fromUtf8(text) << w;
    };
    row("plain", "a  b\tc", {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    row("quotes join", R"(a'b c'"d e"f)", {QStringLiteral("ab cd ef")});
    row("empty quoted word", "a '' \"\"", {QStringLiteral("a"), QString(), QString()});
    row("double quote keeps other backslashes", R"("a\nb\"c\\d\$e")", {QStringLiteral("a\\nb\"c\\d$e")});
    row("single quote keeps backslashes", R"('a\'b)", {QStringLiteral("a\\b")});
    row("ansi-c escapes", R"($'\x41\101\u00e9\U0001F600\e\a\cA\z')",
        {QString::fromUtf8("AA\xC3\xA9\xF0\x9F\x98\x80\x1b\x07\x01\\z")});
    row("escaped utf-8 bytes join", R"($'\xc3\xa9')", {QString::fromUtf8("\xC3\xA9")});
    row("continuation inside double quotes", "\"a\\\nb\"", {QStringLiteral("ab")});
    row("continuation joins a word", "ab\\\ncd", {QStringLiteral("abcd")});
    row("hash inside a word", "a#b #c", {QStringLiteral("a#b")});
    // A character beyond U+FFFF (two QChars) stays whole in every kind of quoting (found by fuzz_shellwords).
    const QString emoji = QString::fromUtf8("\xF0\x9F\x98\x80");
    row("non-BMP bare and escaped", "/\xF0\x9F\x98\x80 \\\xF0\x9F\x98\x80",
        {QLatin1Char('/') + emoji, emoji});
    row("non-BMP in double quotes", "\"\xF0\x9F\x98\x80\"", {emoji});
    row("non-BMP in ansi-c quotes", "$'\xF0\x9F\x98\x80\\x01'", {emoji + QChar(1)});
    row("non-BMP after an unknown escape", "$'\\\xF0\x9F\x98\x80'", {QLatin1Char('\\') + emoji});
}

void TestCurlCommand::cmdWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("words");
    auto row = [](const char *name, const char *text, const QStringList &w) {
        QTest::newRow(name) << QString::fromUtf8(text) << w;
    };
    row("plain quotes", R"(curl "a b" c)",
        {QStringLiteral("curl"), QStringLiteral("a b"), QStringLiteral("c")});
    row("carets outside quotes", R"(a^&b ^"c d^")", {QStringLiteral("a&b"), QStringLiteral("c d")});
    row("carets kept inside cmd quotes", R"("a^b")", {QStringLiteral("a^b")});
    // Backslashes: literal unless before a quote; 2n before a quote are n and the quote quotes, 2n+1 are n
    // and a quote.
    row("backslashes and quotes", R"("a\"b" c\\d "e\\" f)",
        {QStringLiteral("a\"b"), QStringLiteral("c\\\\d"), QStringLiteral("e\\"), QStringLiteral("f")});
    row("doubled quote inside quotes", R"("a""b")", {QStringLiteral("a\"b")});
    row("continuation", "a ^\n  b ^\r\n c", {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    row("line break in a value", "^\"x^\n\ny^\"", {QStringLiteral("x\ny")});
    row("empty quoted word", R"(a "")", {QStringLiteral("a"), QString()});
}

void TestCurlCommand::cmdWords()
{
    QFETCH(QString, text);
    QFETCH(QStringList, words);
    QString error;
    QCOMPARE(splitCmdWords(text, &error), words);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestCurlCommand::words()
{
    QFETCH(QString, text);
    QFETCH(QStringList, words);
    QString error;
    QCOMPARE(splitShellWords(text, &error), words);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
