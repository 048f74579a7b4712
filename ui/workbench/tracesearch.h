#pragma once

#include "core/http/trace.h"

#include <QList>
#include <QString>

namespace Rwb {

// Where in a trace a search match lies. Each place is one piece of text, as searchText() spells it.
enum class SearchPlace {
    RequestLine,          // "GET https://example.com/path"
    RequestHeaderName,    // item: the header's index in the request's headers
    RequestHeaderValue,   // item: as above
    RequestBody,          // the body that was sent, decoded as the Request tab shows it
    StatusLine,           // "HTTP/1.1 302 Found"
    ResponseHeaderName,   // item: the header's index in the response's headers
    ResponseHeaderValue,  // item: as above
    ResponseBody,         // the preview the engine kept, decoded in its charset
    Note,                 // item: the note's index; its message (the Explain tab's text)
    Error,                // the hop's error message
    Outcome,              // the trace's outcome message; hop is -1
};

struct SearchOptions {
    bool caseSensitive = false;
    bool regularExpression = false;
    // At most this many matches are returned; SearchResult::capped says that more exist.
    int maxMatches = 10000;
};

struct SearchMatch {
    int hop = -1;  // the hop's position in Trace::hops; -1 for the outcome
    SearchPlace place = SearchPlace::RequestLine;
    int item = 0;    // which header or note (0 for the other places)
    int start = 0;   // the matched text's position in searchText(), in UTF-16 code units
    int length = 0;  // its length; a regular expression may match an empty string, which is skipped
    friend bool operator==(const SearchMatch &a, const SearchMatch &b)
    {
        return a.hop == b.hop && a.place == b.place && a.item == b.item && a.start == b.start
               && a.length == b.length;
    }
};

struct SearchResult {
    QList<SearchMatch> matches;  // in trace order: hop by hop, each hop in the order of SearchPlace
    bool capped = false;         // more matches exist than maxMatches
    QString error;               // an invalid regular expression, said in words; then no matches
    int nextHop = -1;            // searchTrace() with a hop range: the first hop not searched yet, or -1
};

// Searches hops [firstHop, endHop) of `trace` (endHop -1: to the last hop; the outcome is searched when
// the range reaches the end) for `query`: plain text, case-insensitive unless told otherwise, or a
// regular expression (QRegularExpression's Perl syntax). An empty query finds nothing. Bodies are searched
// as the window shows them: text bodies (JSON, XML, HTML, text) decoded in their charset; binary bodies
// (images, archives, anything that is not text) are skipped, since their view is a hex dump.
// At most options.maxMatches are returned (counting from firstHop).
SearchResult searchTrace(const Trace &trace, const QString &query, const SearchOptions &options = {},
                         int firstHop = 0, int endHop = -1);

// The text a match's position counts in; empty when the trace has no such place.
QString searchText(const Trace &trace, const SearchMatch &match);
// The matched text itself.
QString matchedText(const Trace &trace, const SearchMatch &match);

// "Request line", "Response header value", ... for the search bar's tooltip.
QString searchPlaceName(SearchPlace place);

// "3 of 17", "1 of 10,000+", "No matches".
QString searchCountText(int current, int count, bool capped);

}  // namespace Rwb
