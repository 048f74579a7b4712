#include "core/http/refresh.h"

#include <QRegularExpression>

#include <limits>

namespace Rwb {

namespace {

// ASCII whitespace of the Infra standard: TAB, LF, FF, CR, SPACE.
bool isAsciiWhitespace(QChar c)
{
    const char16_t u = c.unicode();
    return u == 0x09 || u == 0x0A || u == 0x0C || u == 0x0D || u == 0x20;
}

bool isAsciiWhitespace(char c)
{
    return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
}

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

bool isAsciiAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool startsWithNoCase(QByteArrayView text, qsizetype at, QByteArrayView prefix)
{
    if (text.size() - at < prefix.size())
        return false;
    for (qsizetype i = 0; i < prefix.size(); ++i) {
        if (asciiLower(text[at + i]) != asciiLower(prefix[i]))
            return false;
    }
    return true;
}

}  // namespace

std::optional<RefreshDirective> parseRefresh(QStringView value, const QUrl &base)
{
    // HTML, "shared declarative refresh steps", step by step.
    qsizetype pos = 0;
    const qsizetype end = value.size();
    const auto skipWhitespace = [&] {
        while (pos < end && isAsciiWhitespace(value[pos]))
            ++pos;
    };
    skipWhitespace();
    // The time: ASCII digits, read by the rules for non-negative integers (clamped here instead of failing
    // on a value too large to hold: such a delay is never followed anyway).
    qint64 seconds = 0;
    const qsizetype digitsStart = pos;
    while (pos < end && isAsciiDigit(value[pos])) {
        if (seconds < std::numeric_limits<qint64>::max() / 10000)
            seconds = seconds * 10 + (value[pos].unicode() - '0');
        ++pos;
    }
    if (pos == digitsStart && (pos >= end || value[pos] != QLatin1Char('.')))
        return std::nullopt;
    // Then digits and full stops, collected and ignored ("1.5" is 1 second).
    while (pos < end && (isAsciiDigit(value[pos]) || value[pos] == QLatin1Char('.')))
        ++pos;

    RefreshDirective d;
    d.value = value.toString();
    d.delayMs = seconds * 1000;
    d.url = base;
    if (pos < end) {
        const QChar c = value[pos];
        if (c != QLatin1Char(';') && c != QLatin1Char(',') && !isAsciiWhitespace(c))
            return std::nullopt;
        skipWhitespace();
        if (pos < end && (value[pos] == QLatin1Char(';') || value[pos] == QLatin1Char(',')))
            ++pos;
        skipWhitespace();
    }
    if (pos < end) {
        qsizetype urlStart = pos;  // "Let urlString be the remainder", unless url= and quotes follow
        const auto is = [&](char lower) {
            return pos < end && value[pos].toLatin1() != 0 && asciiLower(value[pos].toLatin1()) == lower;
        };
        bool skipQuotes = false;
        if (is('u')) {
            ++pos;
            if (is('r')) {
                ++pos;
                if (is('l')) {
                    ++pos;
                    skipWhitespace();
                    if (pos < end && value[pos] == QLatin1Char('=')) {
                        ++pos;
                        skipWhitespace();
                        skipQuotes = true;
                    }
                }
            }
        } else {
            skipQuotes = true;
        }
        QStringView urlString = value.mid(urlStart);
        if (skipQuotes) {
            QChar quote;
            if (pos < end && (value[pos] == QLatin1Char('"') || value[pos] == QLatin1Char('\''))) {
                quote = value[pos];
                ++pos;
            }
            urlString = value.mid(pos);
            if (!quote.isNull()) {
                const qsizetype close = urlString.indexOf(quote);
                if (close >= 0)
                    urlString = urlString.left(close);
            }
        }
        // The URL parser strips leading and trailing C0 controls and spaces; QUrl wants them gone first.
        const QString trimmed = urlString.trimmed().toString();
        const QUrl relative(trimmed, QUrl::TolerantMode);
        if (trimmed.isEmpty())
            d.url =
                base.adjusted(QUrl::RemoveFragment);  // the URL parser's empty input: the base, no fragment
        else if (!relative.isValid())
            return std::nullopt;
        else
            d.url = base.resolved(relative);
        if (!d.url.isValid())
            return std::nullopt;
        d.hasUrl = true;
    }
    return d;
}

namespace {

// Character references in an attribute value: the few a refresh URL or a policy name is likely to carry.
// Named ones beyond these stay as written.
QString decodeCharacterReferences(const QString &in)
{
    if (!in.contains(QLatin1Char('&')))
        return in;
    QString out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in[i] != QLatin1Char('&')) {
            out += in[i];
            continue;
        }
        const qsizetype semi = in.indexOf(QLatin1Char(';'), i);
        if (semi < 0 || semi - i > 10) {
            out += in[i];
            continue;
        }
        const QStringView name = QStringView(in).mid(i + 1, semi - i - 1);
        char32_t code = 0;
        if (name.startsWith(QLatin1Char('#'))) {
            bool ok = false;
            const bool hex = name.size() > 1 && (name[1] == QLatin1Char('x') || name[1] == QLatin1Char('X'));
            const uint n = name.mid(hex ? 2 : 1).toUInt(&ok, hex ? 16 : 10);
            if (ok && n > 0 && n <= 0x10FFFF)
                code = n;
        } else if (name == QLatin1String("amp")) {
            code = '&';
        } else if (name == QLatin1String("quot")) {
            code = '"';
        } else if (name == QLatin1String("apos")) {
            code = '\'';
        } else if (name == QLatin1String("lt")) {
            code = '<';
        } else if (name == QLatin1String("gt")) {
            code = '>';
        }
        if (code == 0) {
            out += in[i];
            continue;
        }
        out += QString::fromUcs4(&code, 1);
        i = semi;
    }
    return out;
}

struct Tag {
    QByteArray name;                               // lower case
    QList<QPair<QByteArray, QString>> attributes;  // names in lower case, the first of each name only
    QString attribute(QByteArrayView key) const
    {
        for (const auto &a : attributes) {
            if (a.first == key)
                return a.second;
        }
        return {};
    }
    bool has(QByteArrayView key) const
    {
        for (const auto &a : attributes) {
            if (a.first == key)
                return true;
        }
        return false;
    }
};

// Reads a start tag from `at` (just after '<'); returns the position after its '>', or -1 when the body
// ends inside the tag (the tokenizer drops such a tag).
qsizetype readStartTag(QByteArrayView s, qsizetype at, Tag &tag)
{
    qsizetype i = at;
    while (i < s.size() && !isAsciiWhitespace(s[i]) && s[i] != '/' && s[i] != '>')
        tag.name += asciiLower(s[i++]);
    while (i < s.size()) {
        while (i < s.size() && (isAsciiWhitespace(s[i]) || s[i] == '/'))
            ++i;
        if (i >= s.size())
            return -1;
        if (s[i] == '>')
            return i + 1;
        QByteArray name;
        name += asciiLower(s[i++]);  // a first '=' is part of the name
        while (i < s.size() && !isAsciiWhitespace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=')
            name += asciiLower(s[i++]);
        while (i < s.size() && isAsciiWhitespace(s[i]))
            ++i;
        QByteArray value;
        if (i < s.size() && s[i] == '=') {
            ++i;
            while (i < s.size() && isAsciiWhitespace(s[i]))
                ++i;
            if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
                const char quote = s[i++];
                const qsizetype close = s.indexOf(quote, i);
                if (close < 0)
                    return -1;
                value = s.sliced(i, close - i).toByteArray();
                i = close + 1;
            } else {
                while (i < s.size() && !isAsciiWhitespace(s[i]) && s[i] != '>')
                    value += s[i++];
            }
        }
        if (!tag.has(name))
            tag.attributes.append({name, decodeCharacterReferences(QString::fromUtf8(value))});
    }
    return -1;
}

// Elements whose content is text up to their end tag (raw text and RCDATA; noscript with scripting on, as
// in a browser that runs scripts).
bool isTextElement(QByteArrayView name)
{
    static const char *const names[] = {"script", "style",   "textarea", "title",    "xmp",
                                        "iframe", "noembed", "noframes", "noscript", "plaintext"};
    for (const char *n : names) {
        if (name == QByteArrayView(n))
            return true;
    }
    return false;
}

bool isJavaScript(const Tag &script)
{
    if (!script.has("type"))
        return true;
    const QString type = script.attribute("type").trimmed().toLower();
    return type.isEmpty() || type == QLatin1String("module") || type.contains(QLatin1String("javascript"))
           || type.contains(QLatin1String("ecmascript"));
}

std::optional<ReferrerPolicy> metaReferrerPolicy(const QString &content)
{
    // HTML's legacy names first, then the Referrer Policy tokens.
    const QString v = content.trimmed().toLower();
    if (v == QLatin1String("never"))
        return ReferrerPolicy::NoReferrer;
    if (v == QLatin1String("default"))
        return ReferrerPolicy::StrictOriginWhenCrossOrigin;
    if (v == QLatin1String("always"))
        return ReferrerPolicy::UnsafeUrl;
    if (v == QLatin1String("origin-when-crossorigin"))
        return ReferrerPolicy::OriginWhenCrossOrigin;
    return referrerPolicyFromName(v);
}

void scanScript(const QString &text, PageScan &scan)
{
    if (scan.scriptNavigation)
        return;
    // An assignment to location or location.href (not ==), or location.replace()/assign(), optionally on
    // window, self, top, parent or document; the target when it is a string literal.
    static const QRegularExpression assign(QStringLiteral(
        R"((?:\b(?:window|self|top|parent|document)\s*\.\s*)?\blocation(?:\s*\.\s*href)?\s*=(?!=))"
        R"(\s*(?:(["'])([^"'\n]*)["'])?)"));
    static const QRegularExpression call(QStringLiteral(
        R"((?:\b(?:window|self|top|parent|document)\s*\.\s*)?\blocation\s*\.\s*(?:replace|assign))"
        R"(\s*\(\s*(?:(["'])([^"'\n]*)["'])?)"));
    QRegularExpressionMatch best;
    for (const QRegularExpression *re : {&assign, &call}) {
        const QRegularExpressionMatch m = re->match(text);
        if (m.hasMatch() && (!best.hasMatch() || m.capturedStart() < best.capturedStart()))
            best = m;
    }
    if (!best.hasMatch())
        return;
    scan.scriptNavigation = best.captured(0).simplified();
    scan.scriptTarget = best.captured(2);
}

}  // namespace

PageScan scanHtml(QByteArrayView body)
{
    // Qt has no HTML parser in Core or Network (QTextDocument's is in Gui, and it runs no tokenizer of the
    // HTML standard): this is a small scanner that follows the tokenizer where a meta or script tag can be
    // hidden (comments, text elements, quoted attribute values) and skips everything else.
    PageScan scan;
    const QByteArrayView s = body.first(qMin(body.size(), kPageScanLimit));
    qsizetype i = 0;
    while (i < s.size()) {
        const qsizetype lt = s.indexOf('<', i);
        if (lt < 0 || lt + 1 >= s.size())
            break;
        i = lt + 1;
        if (startsWithNoCase(s, lt, "<!--")) {
            const qsizetype close = s.indexOf("-->", lt + 2);  // "<!-->" and "<!--->" close at once
            if (close < 0)
                break;
            i = close + 3;
            continue;
        }
        if (s[i] == '!' || s[i] == '?' || s[i] == '/') {  // doctype, bogus comment, end tag
            const qsizetype close = s.indexOf('>', i);
            if (close < 0)
                break;
            i = close + 1;
            continue;
        }
        if (!isAsciiAlpha(s[i]))
            continue;  // "<" as text
        Tag tag;
        const qsizetype after = readStartTag(s, i, tag);
        if (after < 0)
            break;
        i = after;
        if (tag.name == "meta") {
            const QString content = tag.attribute("content");
            if (tag.attribute("http-equiv").trimmed().compare(QLatin1String("refresh"), Qt::CaseInsensitive)
                    == 0
                && !content.isEmpty()) {
                scan.metaRefreshes.append(content);
            } else if (tag.attribute("name").trimmed().compare(QLatin1String("referrer"), Qt::CaseInsensitive)
                       == 0) {
                if (const std::optional<ReferrerPolicy> p = metaReferrerPolicy(content))
                    scan.metaReferrerPolicy = p;
            }
            continue;
        }
        if (!isTextElement(tag.name))
            continue;
        if (tag.name == "plaintext")
            break;
        // The text runs to "</name" followed by whitespace, '/' or '>'.
        qsizetype close = i;
        qsizetype textEnd = s.size();
        while ((close = s.indexOf("</", close)) >= 0) {
            const qsizetype nameEnd = close + 2 + tag.name.size();
            if (startsWithNoCase(s, close + 2, tag.name)
                && (nameEnd >= s.size() || isAsciiWhitespace(s[nameEnd]) || s[nameEnd] == '/'
                    || s[nameEnd] == '>')) {
                textEnd = close;
                break;
            }
            close += 2;
        }
        if (tag.name == "script" && !tag.has("src") && isJavaScript(tag))
            scanScript(QString::fromUtf8(s.sliced(i, textEnd - i)), scan);
        if (close < 0)
            break;
        i = textEnd;
    }
    return scan;
}

bool isHtmlResponse(const HeaderList &headers, QByteArrayView body)
{
    if (hasHeader(headers, "Content-Type")) {
        QByteArray essence = headerValue(headers, "Content-Type");
        const qsizetype semi = essence.indexOf(';');
        if (semi >= 0)
            essence.truncate(semi);
        essence = essence.trimmed().toLower();
        return essence == "text/html" || essence == "application/xhtml+xml";
    }
    // MIME Sniffing, "identifying a resource with an unknown MIME type": the HTML patterns, after leading
    // whitespace, each followed by a space or '>'.
    qsizetype i = 0;
    while (i < body.size() && isAsciiWhitespace(body[i]))
        ++i;
    static const char *const patterns[] = {
        "<!DOCTYPE HTML", "<HTML",  "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE", "<A",
        "<STYLE",         "<TITLE", "<B",    "<BODY",   "<BR",     "<P",  "<!--"};
    for (const char *p : patterns) {
        const QByteArrayView pattern(p);
        if (startsWithNoCase(body, i, pattern)) {
            const qsizetype next = i + pattern.size();
            if (next < body.size() && (body[next] == ' ' || body[next] == '>'))
                return true;
        }
    }
    return false;
}

std::optional<FoundRefresh> findRefresh(const HeaderList &responseHeaders, QByteArrayView body,
                                        const QUrl &base)
{
    // The HTML standard lets the first refresh that parses win (the header, read when the document is
    // created, then the metas): the document "will declaratively refresh" after it. Chromium 156 measured
    // (docs/spec/refresh.md W1) schedules each in turn and a later one replaces the scheduled one when its
    // delay is not longer: the shortest delay wins, the later one on a tie. Followed here as Chromium does.
    std::optional<FoundRefresh> chosen;
    const auto consider = [&chosen](HopVia via, std::optional<RefreshDirective> d) {
        if (d && (!chosen || d->delayMs <= chosen->directive.delayMs))
            chosen = FoundRefresh{via, *d};
    };
    if (hasHeader(responseHeaders, "Refresh")) {
        // Repeated header lines are one value joined with ", " (Fetch's "get"), as Chromium reads them.
        const QByteArray value = headerValues(responseHeaders, "Refresh").join(", ");
        consider(HopVia::RefreshHeader, parseRefresh(QString::fromLatin1(value), base));
    }
    if (isHtmlResponse(responseHeaders, body)) {
        for (const QString &content : scanHtml(body).metaRefreshes)
            consider(HopVia::MetaRefresh, parseRefresh(content, base));
    }
    return chosen;
}

}  // namespace Rwb
