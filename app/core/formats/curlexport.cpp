#include "core/formats/curlexport.h"

#include <QStringDecoder>

namespace Rwb {

namespace {

// Bytes a shell never interprets: such a word needs no quotes at all.
bool isBareByte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
           || QByteArrayView("_@%+=:,./-").contains(c);
}

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    Q_UNUSED(text)  // decoding is what sets hasError()
    return !decoder.hasError();
}

// $'...' quoting: every byte bash would not keep as it is becomes an escape.
QString ansiCQuote(const QByteArray &word)
{
    const bool utf8 = isValidUtf8(word);
    QByteArray out = "$'";
    for (const char ch : word) {
        const auto c = static_cast<unsigned char>(ch);
        if (ch == '\\' || ch == '\'') {
            out += '\\';
            out += ch;
        } else if (ch == '\n') {
            out += "\\n";
        } else if (ch == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && !utf8)) {
            // Exactly two hex digits: bash reads at most two, so a following digit stays literal.
            out += "\\x" + QByteArray::number(c, 16).rightJustified(2, '0');
        } else {
            out += ch;
        }
    }
    out += '\'';
    return QString::fromUtf8(out);  // only ASCII escapes and valid UTF-8 are left
}

// A printf format that prints `bytes` exactly, for bodies holding a NUL byte (no shell word can carry
// one: bash cuts an argument at the first NUL).
QByteArray printfFormat(const QByteArray &bytes)
{
    QByteArray out;
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (ch == '%')
            out += "%%";
        else if (ch == '\\')
            out += "\\\\";
        else if (c < 0x20 || c >= 0x7f)
            out += '\\' + QByteArray::number(c, 8).rightJustified(3, '0');  // POSIX printf: \ddd
        else
            out += ch;
    }
    return out;
}

// The Host header curl derives from the URL: the default port for the scheme is left out. Not
// hostHeaderValue() (core/http/origin.h): for a scheme other than http and https, which only a hand-made
// trace holds, this one takes port 80 as the default.
QByteArray curlHostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    if (url.port(defaultPort) != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}

bool hasDotSegment(const QString &path)
{
    const QStringList segments = path.split(QLatin1Char('/'));
    return segments.contains(QLatin1String(".")) || segments.contains(QLatin1String(".."));
}

// -H argument for one header line. curl reads "Name:" as "do not send Name", so an empty value is
// written "Name;", curl's spelling for an empty header.
QByteArray headerArgument(const HeaderPair &h)
{
    if (h.second.isEmpty())
        return h.first + ';';
    return h.first + ": " + h.second;
}

}  // namespace

QString shellQuote(const QByteArray &word)
{
    if (word.isEmpty())
        return QStringLiteral("''");
    bool bare = true;
    bool needsAnsiC = !isValidUtf8(word);
    for (const char ch : word) {
        const auto c = static_cast<unsigned char>(ch);
        bare = bare && isBareByte(ch);
        needsAnsiC = needsAnsiC || c < 0x20 || c == 0x7f;
    }
    if (bare)
        return QString::fromLatin1(word);
    if (needsAnsiC)
        return ansiCQuote(word);
    // Inside '...' nothing is special but the closing quote: end the quote, add \', open it again.
    QByteArray out = "'";
    for (const char ch : word) {
        if (ch == '\'')
            out += "'\\''";
        else
            out += ch;
    }
    out += '\'';
    return QString::fromUtf8(out);
}

QString curlCommandForRequest(const WireRequest &request, const CurlExportOptions &options)
{
    const QByteArray method = request.method.isEmpty() ? QByteArrayLiteral("GET") : request.method;
    const bool hasBody = !request.body.isEmpty();
    const bool bodyHasNul = request.body.contains('\0');
    QStringList args;  // each entry is one option with its argument, already quoted
    auto add = [&args](const QString &option, const QByteArray &value) {
        args << option + QLatin1Char(' ') + shellQuote(value);
    };

    // With a body curl makes a POST; without one a GET. Anything else is named with -X, except HEAD:
    // "-X HEAD" would leave curl waiting for the body a Content-Length announces, -I does not.
    if (method == "HEAD" && !hasBody)
        args << QStringLiteral("--head");
    else if (method != (hasBody ? "POST" : "GET"))
        add(QStringLiteral("--request"), method);
    if (options.insecure)
        args << QStringLiteral("--insecure");

    const QByteArray url = request.url.adjusted(QUrl::RemoveFragment).toEncoded();
    // curl reads [] and {} in a URL as globs, and resolves ./.. itself: both would change the target.
    if (url.contains('[') || url.contains(']') || url.contains('{') || url.contains('}'))
        args << QStringLiteral("--globoff");
    if (hasDotSegment(request.url.path(QUrl::FullyEncoded)))
        args << QStringLiteral("--path-as-is");

    // Headers curl writes on its own unless a -H names them. Host always goes first (curl puts even a
    // -H Host there); the others a -H replaces in place, so every recorded line is passed in order.
    bool sentHost = false, sentUserAgent = false, sentAccept = false, sentContentType = false;
    bool sentExpect = false;
    HeaderList lines;
    for (const HeaderPair &h : request.headers) {
        const QByteArrayView name = h.first;
        // An HTTP/2 request's pseudo-header fields: curl writes them itself from the URL (and -X), the
        // authority as from a Host line.
        if (name.startsWith(':')) {
            if (name == ":authority") {
                sentHost = true;
                if (h.second != curlHostHeader(request.url))
                    lines.append({QByteArrayLiteral("Host"), h.second});
            }
            continue;
        }
        if (name.compare("Host", Qt::CaseInsensitive) == 0) {
            sentHost = true;
            // curl's own Host line is the same bytes: leave it to curl.
            if (h.second == curlHostHeader(request.url))
                continue;
        } else if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            // Passed on only when it is the true length: a stale one would make the server wait for bytes
            // that never come (curl then adds the right one itself, after the other headers).
            if (h.second.trimmed() != QByteArray::number(request.body.size()))
                continue;
        } else if (name.compare("User-Agent", Qt::CaseInsensitive) == 0) {
            sentUserAgent = true;
        } else if (name.compare("Accept", Qt::CaseInsensitive) == 0) {
            sentAccept = true;
        } else if (name.compare("Content-Type", Qt::CaseInsensitive) == 0) {
            sentContentType = true;
        } else if (name.compare("Expect", Qt::CaseInsensitive) == 0) {
            sentExpect = true;
        }
        lines.append(h);
    }
    if (!sentHost)
        add(QStringLiteral("--header"), QByteArrayLiteral("Host:"));
    for (const HeaderPair &h : std::as_const(lines))
        add(QStringLiteral("--header"), headerArgument(h));
    if (!sentUserAgent)
        add(QStringLiteral("--header"), QByteArrayLiteral("User-Agent:"));
    if (!sentAccept)
        add(QStringLiteral("--header"), QByteArrayLiteral("Accept:"));
    if (hasBody && !sentContentType)
        add(QStringLiteral("--header"), QByteArrayLiteral("Content-Type:"));
    // curl asks "Expect: 100-continue" before large bodies (over 1 MiB in 7.88, 1 KiB in older ones).
    if (request.body.size() > 1024 && !sentExpect)
        add(QStringLiteral("--header"), QByteArrayLiteral("Expect:"));

    QString prefix;
    if (bodyHasNul) {
        prefix = QStringLiteral("printf ") + shellQuote(printfFormat(request.body)) + QStringLiteral(" | ");
        args << QStringLiteral("--data-binary @-");
    } else if (hasBody) {
        // --data-binary reads a file when the data starts with '@'; --data-raw never does.
        add(request.body.startsWith('@') ? QStringLiteral("--data-raw") : QStringLiteral("--data-binary"),
            request.body);
    }
    args << shellQuote(url);

    const QString separator = options.multiline ? QStringLiteral(" \\\n  ") : QStringLiteral(" ");
    return prefix + QStringLiteral("curl") + separator + args.join(separator);
}

}  // namespace Rwb
