#include "workbench/tracesearch.h"

#include "workbench/bodyformat.h"
#include "workbench/hopsections.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QStringMatcher>

#include <functional>

namespace Rwb {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Rwb::TraceSearch", text);
}

// A body as the window shows it in text, or a null QString when it is binary (shown as a hex dump) or empty.
QString bodyText(const QByteArray &body, const HeaderList &headers)
{
    if (body.isEmpty())
        return {};
    const BodyType type = classifyBody(body, headerValue(headers, "Content-Type"));
    if (type.kind == BodyKind::Binary || type.kind == BodyKind::Empty)
        return {};
    return decodeBody(body, type.charset);
}

// Finds every occurrence of the query in one text. QStringMatcher for plain text (it precomputes the
// query's skip table once); QRegularExpression's global match for expressions.
class Finder
{
public:
    Finder(const QString &query, const SearchOptions &options)
        : m_plain(!options.regularExpression)
    {
        const Qt::CaseSensitivity cs = options.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
        if (m_plain) {
            m_matcher = QStringMatcher(query, cs);
        } else {
            m_regex.setPattern(query);
            m_regex.setPatternOptions(options.caseSensitive ? QRegularExpression::NoPatternOption
                                                            : QRegularExpression::CaseInsensitiveOption);
        }
    }
    QString error() const
    {
        if (m_plain || m_regex.isValid())
            return {};
        return tr("Invalid regular expression at %1: %2")
            .arg(m_regex.patternErrorOffset())
            .arg(m_regex.errorString());
    }
    // Calls `found(start, length)` for each match until it returns false.
    void find(const QString &text, const std::function<bool(int, int)> &found) const
    {
        if (text.isEmpty())
            return;
        if (m_plain) {
            const qsizetype length = m_matcher.pattern().size();
            for (qsizetype at = m_matcher.indexIn(text); at >= 0; at = m_matcher.indexIn(text, at + length)) {
                if (!found(int(at), int(length)))
                    return;
            }
            return;
        }
        QRegularExpressionMatchIterator it = m_regex.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            if (m.capturedLength() == 0)
                continue;  // "a*" matches nothing everywhere: not a match anyone wants to step through
            if (!found(int(m.capturedStart()), int(m.capturedLength())))
                return;
        }
    }

private:
    bool m_plain;
    QStringMatcher m_matcher;
    QRegularExpression m_regex;
};

}  // namespace

QString searchText(const Trace &trace, const SearchMatch &match)
{
    if (match.place == SearchPlace::Outcome)
        return trace.outcome.message;
    if (match.hop < 0 || match.hop >= trace.hops.size())
        return {};
    const Hop &hop = trace.hops.at(match.hop);
    const auto header = [&match](const HeaderList &headers, bool name) {
        if (match.item < 0 || match.item >= headers.size())
            return QString();
        const HeaderPair &pair = headers.at(match.item);
        return headerDisplayText(name ? pair.first : pair.second);
    };
    switch (match.place) {
    case SearchPlace::RequestLine:
        return requestLine(hop);
    case SearchPlace::RequestHeaderName:
        return header(hop.request.headers, true);
    case SearchPlace::RequestHeaderValue:
        return header(hop.request.headers, false);
    case SearchPlace::RequestBody:
        return bodyText(hop.request.body, hop.request.headers);
    case SearchPlace::StatusLine:
        return statusLine(hop);
    case SearchPlace::ResponseHeaderName:
        return hop.response ? header(hop.response->headers, true) : QString();
    case SearchPlace::ResponseHeaderValue:
        return hop.response ? header(hop.response->headers, false) : QString();
    case SearchPlace::ResponseBody:
        return hop.response ? bodyText(hop.response->bodyPreview, hop.response->headers) : QString();
    case SearchPlace::Note:
        return match.item >= 0 && match.item < hop.notes.size() ? hop.notes.at(match.item).message
                                                                : QString();
    case SearchPlace::Error:
        return hop.error ? hopErrorText(*hop.error) : QString();
    case SearchPlace::Outcome:
        break;
    }
    return {};
}

QString matchedText(const Trace &trace, const SearchMatch &match)
{
    return searchText(trace, match).mid(match.start, match.length);
}

SearchResult searchTrace(const Trace &trace, const QString &query, const SearchOptions &options, int firstHop,
                         int endHop)
{
    SearchResult result;
    if (query.isEmpty())
        return result;
    const Finder finder(query, options);
    result.error = finder.error();
    if (!result.error.isEmpty())
        return result;

    const int hops = int(trace.hops.size());
    const int end = endHop < 0 ? hops : std::min(endHop, hops);
    const auto search = [&](int hop, SearchPlace place, int item, const QString &text) {
        finder.find(text, [&](int start, int length) {
            if (result.matches.size() >= options.maxMatches) {
                result.capped = true;
                return false;
            }
            result.matches.append({hop, place, item, start, length});
            return true;
        });
        return !result.capped;
    };
    for (int i = std::max(firstHop, 0); i < end; ++i) {
        const Hop &hop = trace.hops.at(i);
        // Each place once, in the order SearchPlace lists them (the order the inspector's tabs show them).
        const auto places = [&] {
            if (!search(i, SearchPlace::RequestLine, 0, requestLine(hop)))
                return false;
            for (int h = 0; h < hop.request.headers.size(); ++h) {
                if (!search(i, SearchPlace::RequestHeaderName, h,
                            headerDisplayText(hop.request.headers.at(h).first))
                    || !search(i, SearchPlace::RequestHeaderValue, h,
                               headerDisplayText(hop.request.headers.at(h).second)))
                    return false;
            }
            if (!search(i, SearchPlace::RequestBody, 0, bodyText(hop.request.body, hop.request.headers)))
                return false;
            if (hop.response) {
                const WireResponse &r = *hop.response;
                if (!search(i, SearchPlace::StatusLine, 0, statusLine(hop)))
                    return false;
                for (int h = 0; h < r.headers.size(); ++h) {
                    if (!search(i, SearchPlace::ResponseHeaderName, h,
                                headerDisplayText(r.headers.at(h).first))
                        || !search(i, SearchPlace::ResponseHeaderValue, h,
                                   headerDisplayText(r.headers.at(h).second)))
                        return false;
                }
                if (!search(i, SearchPlace::ResponseBody, 0, bodyText(r.bodyPreview, r.headers)))
                    return false;
            }
            for (int n = 0; n < hop.notes.size(); ++n) {
                if (!search(i, SearchPlace::Note, n, hop.notes.at(n).message))
                    return false;
            }
            return !hop.error || search(i, SearchPlace::Error, 0, hopErrorText(*hop.error));
        };
        if (!places()) {
            result.nextHop = -1;
            return result;
        }
    }
    if (end < hops) {
        result.nextHop = end;
        return result;
    }
    search(-1, SearchPlace::Outcome, 0, trace.outcome.message);
    return result;
}

QString searchPlaceName(SearchPlace place)
{
    switch (place) {
    case SearchPlace::RequestLine:
        return tr("request line");
    case SearchPlace::RequestHeaderName:
        return tr("request header name");
    case SearchPlace::RequestHeaderValue:
        return tr("request header value");
    case SearchPlace::RequestBody:
        return tr("request body");
    case SearchPlace::StatusLine:
        return tr("status line");
    case SearchPlace::ResponseHeaderName:
        return tr("response header name");
    case SearchPlace::ResponseHeaderValue:
        return tr("response header value");
    case SearchPlace::ResponseBody:
        return tr("response body");
    case SearchPlace::Note:
        return tr("note");
    case SearchPlace::Error:
        return tr("error");
    case SearchPlace::Outcome:
        return tr("outcome");
    }
    return {};
}

QString searchCountText(int current, int count, bool capped)
{
    if (count == 0)
        return tr("No matches");
    QLocale locale;  // "10,000": C's numbers omit the group separator unless told
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    const QString total = locale.toString(count) + (capped ? QStringLiteral("+") : QString());
    if (current < 0)
        return capped       ? tr("%1 matches").arg(total)
               : count == 1 ? tr("1 match")
                            : tr("%1 matches").arg(total);
    return tr("%1 of %2").arg(locale.toString(current + 1), total);
}

}  // namespace Rwb
