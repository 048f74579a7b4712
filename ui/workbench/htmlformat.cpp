#include "workbench/bodyformat.h"

#include <QStringList>

// HTML re-indentation for the Body tab. Written by hand: Qt has no HTML source formatter (QTextDocument
// parses HTML into rich text and writes back its own markup), and the Body tab must show the markup as
// the server sent it, only laid out: nothing is added, dropped or re-spelled but whitespace.

namespace Rwb {

namespace {

bool isOneOf(const QString &name, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        if (name == QLatin1String(n))
            return true;
    }
    return false;
}

bool isVoid(const QString &name)
{
    return isOneOf(name, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                          "source", "track", "wbr"});
}

// Phrasing elements: they stay on the line of the text around them.
bool isInline(const QString &name)
{
    return isOneOf(name, {"a",     "abbr", "b",      "bdi", "bdo",   "br",   "cite", "code", "data", "dfn",
                          "em",    "font", "i",      "img", "input", "kbd",  "mark", "q",    "s",    "samp",
                          "small", "span", "strong", "sub", "sup",   "time", "u",    "var",  "wbr"});
}

// Blocks that usually hold one line of text: "<p>See <a>x</a>.</p>" stays one line.
bool holdsLine(const QString &name)
{
    return isOneOf(name, {"title",   "h1",         "h2",     "h3",      "h4",    "h5",    "h6",
                          "p",       "li",         "dt",     "dd",      "td",    "th",    "option",
                          "caption", "figcaption", "legend", "summary", "label", "button"});
}

// Elements whose content is not markup (script, style) or whose whitespace matters (pre, textarea).
bool isRaw(const QString &name)
{
    return isOneOf(name, {"script", "style", "pre", "textarea"});
}

// The open elements that an opening <name> closes implicitly (HTML's optional end tags).
bool closesImplicitly(const QString &opening, const QString &open)
{
    if (opening == QLatin1String("li"))
        return open == QLatin1String("li");
    if (opening == QLatin1String("dt") || opening == QLatin1String("dd"))
        return isOneOf(open, {"dt", "dd"});
    if (opening == QLatin1String("tr"))
        return isOneOf(open, {"tr", "td", "th"});
    if (opening == QLatin1String("td") || opening == QLatin1String("th"))
        return isOneOf(open, {"td", "th"});
    if (opening == QLatin1String("option"))
        return open == QLatin1String("option");
    // Any block closes an open paragraph.
    return open == QLatin1String("p") && !isInline(opening);
}

// HTML's whitespace, ASCII whitespace: TAB, LF, FF, CR, SPACE. A no-break space or any other Unicode space is
// text, kept as sent.
bool isHtmlSpace(QChar c)
{
    const char16_t u = c.unicode();
    return u == 0x09 || u == 0x0A || u == 0x0C || u == 0x0D || u == 0x20;
}

QString collapseSpaces(QStringView text)
{
    QString out;
    out.reserve(text.size());
    bool space = false;
    for (QChar c : text) {
        if (isHtmlSpace(c)) {
            space = true;
            continue;
        }
        if (space)
            out += QLatin1Char(' ');
        space = false;
        out += c;
    }
    if (space)
        out += QLatin1Char(' ');
    return out;
}

struct Tag {
    QString text;  // as sent, with whitespace outside attribute values collapsed
    QString name;  // lower case
    bool end = false;
    qsizetype next = -1;  // index after '>'; -1 when the tag is cut short
};

Tag readTag(const QString &html, qsizetype start)
{
    Tag tag;
    qsizetype i = start + 1;
    tag.end = i < html.size() && html.at(i) == QLatin1Char('/');
    if (tag.end)
        ++i;
    // A name starts with a letter: "a < b" and "<3" are text.
    if (i < html.size() && html.at(i).isLetter()) {
        while (i < html.size() && (html.at(i).isLetterOrNumber() || html.at(i) == QLatin1Char('-')))
            tag.name += html.at(i++).toLower();
    }
    QChar quote;
    bool space = false;
    tag.text = html.mid(start, i - start);
    for (; i < html.size(); ++i) {
        const QChar c = html.at(i);
        if (quote.isNull() && c == QLatin1Char('>')) {
            tag.text += c;
            tag.next = i + 1;
            return tag;
        }
        if (quote.isNull() && isHtmlSpace(c)) {
            space = true;
            continue;
        }
        if (space)
            tag.text += QLatin1Char(' ');
        space = false;
        if (quote.isNull() && (c == QLatin1Char('"') || c == QLatin1Char('\'')))
            quote = c;
        else if (c == quote)
            quote = QChar();
        tag.text += c;
    }
    return tag;
}

class Layout
{
public:
    void text(QStringView raw)
    {
        QString t = collapseSpaces(raw);
        if ((m_line.isEmpty() || m_afterOpen) && t.startsWith(QLatin1Char(' ')))
            t.remove(0, 1);
        if (!t.isEmpty())
            append(t);
    }
    void inlineTag(const Tag &tag)
    {
        append(tag.text);
        if (tag.name == QLatin1String("br"))
            flush();
    }
    void ownLine(const QString &text)
    {
        flush();
        append(text);
        flush();
    }
    void open(const Tag &tag)
    {
        while (!m_open.isEmpty() && closesImplicitly(tag.name, m_open.last()))
            m_open.removeLast();
        flush();
        append(tag.text);
        if (isVoid(tag.name) || tag.text.endsWith(QLatin1String("/>"))) {
            flush();
            return;
        }
        m_open.append(tag.name);
        if (holdsLine(tag.name))
            m_afterOpen = true;
        else
            flush();
    }
    void close(const Tag &tag)
    {
        const qsizetype at = m_open.lastIndexOf(tag.name);
        if (at >= 0)
            m_open.resize(at);
        if (holdsLine(tag.name) && !m_line.isEmpty()) {
            while (m_line.endsWith(QLatin1Char(' ')))
                m_line.chop(1);
            append(tag.text);
            flush();
        } else {
            ownLine(tag.text);
        }
    }
    // script and style: their lines re-indented under the tag; pre and textarea: kept byte for byte.
    void raw(const Tag &open, QStringView content, const QString &close)
    {
        if (open.name == QLatin1String("pre") || open.name == QLatin1String("textarea")) {
            ownLine(open.text + content + close);
            return;
        }
        ownLine(open.text);
        QStringList lines = content.toString().split(QLatin1Char('\n'));
        qsizetype common = -1;
        for (QString &line : lines) {
            while (line.endsWith(QLatin1Char(' ')) || line.endsWith(QLatin1Char('\t'))
                   || line.endsWith(QLatin1Char('\r')))
                line.chop(1);
            if (line.isEmpty())
                continue;
            qsizetype lead = 0;
            while (lead < line.size() && isHtmlSpace(line.at(lead)))
                ++lead;
            common = common < 0 ? lead : qMin(common, lead);
        }
        for (const QString &line : std::as_const(lines)) {
            if (!line.isEmpty())
                m_out << indent(m_open.size() + 1) + line.mid(common);
        }
        ownLine(close);
    }
    QString result()
    {
        flush();
        return m_out.join(QLatin1Char('\n'));
    }

private:
    static QString indent(qsizetype depth) { return QString(depth * 2, QLatin1Char(' ')); }
    void append(const QString &piece)
    {
        if (m_line.isEmpty())
            m_lineDepth = m_open.size();
        m_line += piece;
        m_afterOpen = false;
    }
    void flush()
    {
        while (m_line.endsWith(QLatin1Char(' ')))
            m_line.chop(1);
        if (!m_line.isEmpty())
            m_out << indent(m_lineDepth) + m_line;
        m_line.clear();
        m_afterOpen = false;
    }

    QStringList m_out;
    QStringList m_open;  // names of the open elements, outermost first
    QString m_line;
    qsizetype m_lineDepth = 0;
    bool m_afterOpen = false;
};

}  // namespace

QString prettyHtml(const QString &html)
{
    Layout layout;
    bool sawTag = false;
    qsizetype i = 0;
    while (i < html.size()) {
        const qsizetype lt = html.indexOf(QLatin1Char('<'), i);
        if (lt < 0) {
            layout.text(QStringView(html).mid(i));
            break;
        }
        if (lt > i)
            layout.text(QStringView(html).mid(i, lt - i));
        if (QStringView(html).mid(lt).startsWith(QLatin1String("<!--"))) {
            const qsizetype end = html.indexOf(QLatin1String("-->"), lt + 4);
            const qsizetype next = end < 0 ? html.size() : end + 3;
            layout.ownLine(html.mid(lt, next - lt));
            i = next;
            continue;
        }
        const QChar after = lt + 1 < html.size() ? html.at(lt + 1) : QChar();
        if (after == QLatin1Char('!') || after == QLatin1Char('?')) {  // <!DOCTYPE html>, <?xml ...?>
            const qsizetype end = html.indexOf(QLatin1Char('>'), lt);
            const qsizetype next = end < 0 ? html.size() : end + 1;
            QString declaration = collapseSpaces(QStringView(html).mid(lt, next - lt));
            if (declaration.endsWith(QLatin1Char(' ')))  // cut short by the end of a preview
                declaration.chop(1);
            layout.ownLine(declaration);
            sawTag = true;
            i = next;
            continue;
        }
        const Tag tag = readTag(html, lt);
        if (tag.name.isEmpty() || tag.next < 0) {
            // A lone '<' in text, or a tag cut off by the end of a preview: text as it is.
            layout.text(QStringView(html).mid(lt, tag.next < 0 ? html.size() - lt : 1));
            i = tag.next < 0 ? html.size() : lt + 1;
            continue;
        }
        sawTag = true;
        i = tag.next;
        if (isInline(tag.name)) {
            layout.inlineTag(tag);
        } else if (tag.end) {
            layout.close(tag);
        } else if (isRaw(tag.name) && !tag.text.endsWith(QLatin1String("/>"))) {
            const QString closing = QLatin1String("</") + tag.name;
            const qsizetype end = html.indexOf(closing, i, Qt::CaseInsensitive);
            const qsizetype closeEnd = end < 0 ? -1 : html.indexOf(QLatin1Char('>'), end);
            // No whole end tag (a cut preview): everything after the start tag is content.
            const QStringView content = QStringView(html).mid(i, (closeEnd < 0 ? html.size() : end) - i);
            const QString close = closeEnd < 0 ? QString() : html.mid(end, closeEnd + 1 - end);
            layout.raw(tag, content, close);
            i = closeEnd < 0 ? html.size() : closeEnd + 1;
        } else {
            layout.open(tag);
        }
    }
    if (!sawTag)
        return {};
    return layout.result();
}

}  // namespace Rwb
