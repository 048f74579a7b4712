// Search over a trace (the find bar's work, without widgets): every place a match can lie, the case and
// regular-expression options, an invalid expression, binary bodies, the match cap and searching a hop
// range at a time.
#include "support/synthetictrace.h"
#include "workbench/tracesearch.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QTest>

using namespace Rwb;

namespace {

// One hop with a distinct word in each place the search looks at.
Trace placesTrace()
{
    Trace trace;
    trace.profile = QStringLiteral("browser");
    Hop first;
    first.request.method = "POST";
    first.request.url = QUrl(QStringLiteral("https://alpha.example/login"));
    first.request.headers = {{"X-Bravo", "charlie"}, {"Content-Type", "application/json"}};
    first.request.body = R"({"user":"delta"})";
    WireResponse r;
    r.status = 302;
    r.reason = "Echo Found";
    r.httpVersion = "1.1";
    r.headers = {{"Location", "/foxtrot"}, {"X-Golf", "hotel"}, {"Content-Type", "text/html; charset=utf-8"}};
    r.bodyPreview = "<p>India is here, india again</p>";
    r.bodySize = r.bodyPreview.size();
    first.response = r;
    first.notes = {Note(QStringLiteral("cookie-stored"), QStringLiteral("Juliet cookie stored"))};
    Hop second;
    second.index = 1;
    second.request.method = "GET";
    second.request.url = QUrl(QStringLiteral("https://alpha.example/foxtrot"));
    second.error = HopError{QStringLiteral("connection-refused"), QStringLiteral("Kilo refused")};
    trace.hops = {first, second};
    trace.outcome.kind = OutcomeKind::NetworkError;
    trace.outcome.message = QStringLiteral("Lima: the connection was refused");
    return trace;
}

}  // namespace

class TraceSearchTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void eachPlace_isFound_data();
    void eachPlace_isFound();
    void matches_areInTraceOrder();
    void caseSensitive_option();
    void regularExpression_option();
    void invalidRegularExpression_isAnError();
    void emptyQuery_findsNothing();
    void binaryBody_isSkipped();
    void bodyInCharset_isDecoded();
    void cap_saysMoreExist();
    void hopRange_resumes();
    void countText();
    void largeTrace_isSearchedInTime();
};

void TraceSearchTest::eachPlace_isFound_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("hop");
    QTest::addColumn<int>("place");
    QTest::addColumn<int>("item");
    QTest::addColumn<QString>("text");  // the place's whole text, as searchText() gives it

    QTest::newRow("request line") << "login" << 0 << int(SearchPlace::RequestLine) << 0
                                  << "POST https://alpha.example/login HTTP/1.1";
    QTest::newRow("request header name")
        << "bravo" << 0 << int(SearchPlace::RequestHeaderName) << 0 << "X-Bravo";
    QTest::newRow("request header value")
        << "CHARLIE" << 0 << int(SearchPlace::RequestHeaderValue) << 0 << "charlie";
    QTest::newRow("request body") << "delta" << 0 << int(SearchPlace::RequestBody) << 0
                                  << R"({"user":"delta"})";
    QTest::newRow("status line") << "echo" << 0 << int(SearchPlace::StatusLine) << 0
                                 << "HTTP/1.1 302 Echo Found";
    QTest::newRow("response header name")
        << "golf" << 0 << int(SearchPlace::ResponseHeaderName) << 1 << "X-Golf";
    QTest::newRow("response header value")
        << "hotel" << 0 << int(SearchPlace::ResponseHeaderValue) << 1 << "hotel";
    QTest::newRow("note") << "juliet" << 0 << int(SearchPlace::Note) << 0 << "Juliet cookie stored";
    QTest::newRow("error") << "kilo" << 1 << int(SearchPlace::Error) << 0
                           << "Error connection-refused: Kilo refused";
    QTest::newRow("outcome") << "lima" << -1 << int(SearchPlace::Outcome) << 0
                             << "Lima: the connection was refused";
}

void TraceSearchTest::eachPlace_isFound()
{
    QFETCH(QString, query);
    QFETCH(int, hop);
    QFETCH(int, place);
    QFETCH(int, item);
    QFETCH(QString, text);
    const Trace trace = placesTrace();
    const SearchResult result = searchTrace(trace, query);
    QVERIFY(result.error.isEmpty());
    QCOMPARE(result.matches.size(), 1);
    const SearchMatch m = result.matches.first();
    QCOMPARE(m.hop, hop);
    QCOMPARE(int(m.place), place);
    QCOMPARE(m.item, item);
    QCOMPARE(searchText(trace, m), text);
    QCOMPARE(m.start, int(text.indexOf(query, 0, Qt::CaseInsensitive)));
    QCOMPARE(matchedText(trace, m).toLower(), query.toLower());
    QVERIFY(!searchPlaceName(SearchPlace(place)).isEmpty());
}

void TraceSearchTest::matches_areInTraceOrder()
{
    const Trace trace = placesTrace();
    // "foxtrot": hop 0's Location value, then hop 1's request line.
    const SearchResult result = searchTrace(trace, QStringLiteral("foxtrot"));
    QCOMPARE(result.matches.size(), 2);
    QCOMPARE(result.matches.at(0).hop, 0);
    QCOMPARE(int(result.matches.at(0).place), int(SearchPlace::ResponseHeaderValue));
    QCOMPARE(result.matches.at(0).item, 0);
    QCOMPARE(result.matches.at(1).hop, 1);
    QCOMPARE(int(result.matches.at(1).place), int(SearchPlace::RequestLine));
    // Two in one body: both, in order, with their positions.
    const SearchResult india = searchTrace(trace, QStringLiteral("india"));
    QCOMPARE(india.matches.size(), 2);
    QCOMPARE(int(india.matches.at(0).place), int(SearchPlace::ResponseBody));
    QCOMPARE(india.matches.at(0).start, 3);
    QCOMPARE(india.matches.at(1).start, 18);
    QCOMPARE(india.matches.at(1).length, 5);
}

void TraceSearchTest::caseSensitive_option()
{
    const Trace trace = placesTrace();
    SearchOptions options;
    options.caseSensitive = true;
    QCOMPARE(searchTrace(trace, QStringLiteral("india"), options).matches.size(), 1);
    QCOMPARE(searchTrace(trace, QStringLiteral("India"), options).matches.size(), 1);
    QCOMPARE(searchTrace(trace, QStringLiteral("INDIA"), options).matches.size(), 0);
    QCOMPARE(searchTrace(trace, QStringLiteral("INDIA")).matches.size(), 2);
}

void TraceSearchTest::regularExpression_option()
{
    const Trace trace = placesTrace();
    SearchOptions options;
    options.regularExpression = true;
    // A status code pattern: only the status line has "30x".
    const SearchResult status = searchTrace(trace, QStringLiteral("\\b30[0-9]\\b"), options);
    QCOMPARE(status.matches.size(), 1);
    QCOMPARE(int(status.matches.first().place), int(SearchPlace::StatusLine));
    QCOMPARE(matchedText(trace, status.matches.first()), QStringLiteral("302"));
    // Without the option the same text is searched literally.
    QCOMPARE(searchTrace(trace, QStringLiteral("\\b30[0-9]\\b")).matches.size(), 0);
    // Case-insensitive by default, also as an expression; an empty match is no match.
    QCOMPARE(searchTrace(trace, QStringLiteral("ind[i]a"), options).matches.size(), 2);
    options.caseSensitive = true;
    QCOMPARE(searchTrace(trace, QStringLiteral("ind[i]a"), options).matches.size(), 1);
    QCOMPARE(searchTrace(trace, QStringLiteral("z*"), options).matches.size(), 0);
}

void TraceSearchTest::invalidRegularExpression_isAnError()
{
    SearchOptions options;
    options.regularExpression = true;
    const SearchResult result = searchTrace(placesTrace(), QStringLiteral("(unclosed"), options);
    QVERIFY(result.matches.isEmpty());
    QVERIFY2(result.error.contains(QStringLiteral("Invalid regular expression")), qPrintable(result.error));
    // The same text as plain text is fine (and found nowhere).
    QVERIFY(searchTrace(placesTrace(), QStringLiteral("(unclosed")).error.isEmpty());
}

void TraceSearchTest::emptyQuery_findsNothing()
{
    const SearchResult result = searchTrace(placesTrace(), QString());
    QVERIFY(result.matches.isEmpty());
    QVERIFY(result.error.isEmpty());
}

void TraceSearchTest::binaryBody_isSkipped()
{
    Trace trace = placesTrace();
    WireResponse &r = *trace.hops[0].response;
    r.headers = {{"Content-Type", "image/png"}};
    r.bodyPreview = QByteArray("\x89PNG\r\n\x1a\n india \x00\x01", 17);
    QCOMPARE(searchTrace(trace, QStringLiteral("india")).matches.size(), 0);
    QCOMPARE(searchTrace(trace, QStringLiteral("png")).matches.size(), 1);  // the header value only
}

void TraceSearchTest::bodyInCharset_isDecoded()
{
    Trace trace = placesTrace();
    WireResponse &r = *trace.hops[0].response;
    r.headers = {{"Content-Type", "text/plain; charset=iso-8859-1"}};
    r.bodyPreview = "caf\xe9 cr\xe8me";
    const SearchResult result = searchTrace(trace, QStringLiteral("CAFÉ"));
    QCOMPARE(result.matches.size(), 1);
    QCOMPARE(int(result.matches.first().place), int(SearchPlace::ResponseBody));
}

void TraceSearchTest::cap_saysMoreExist()
{
    const Trace trace = Test::syntheticTrace(300);  // every hop's request line has "example"
    SearchOptions options;
    options.maxMatches = 100;
    const SearchResult capped = searchTrace(trace, QStringLiteral("example"), options);
    QCOMPARE(capped.matches.size(), 100);
    QVERIFY(capped.capped);
    options.maxMatches = 10000;
    const SearchResult all = searchTrace(trace, QStringLiteral("example"), options);
    QVERIFY(!all.capped);
    QVERIFY(all.matches.size() > 300);
    QCOMPARE(all.matches.mid(0, 100), capped.matches);
}

void TraceSearchTest::hopRange_resumes()
{
    const Trace trace = Test::syntheticTrace(50);
    const SearchResult whole = searchTrace(trace, QStringLiteral("step/4"));
    SearchResult pieces;
    int next = 0;
    int calls = 0;
    while (next >= 0) {
        const SearchResult part = searchTrace(trace, QStringLiteral("step/4"), {}, next, next + 7);
        pieces.matches.append(part.matches);
        next = part.nextHop;
        ++calls;
    }
    QCOMPARE(calls, 8);  // 50 hops, 7 at a time
    QCOMPARE(pieces.matches, whole.matches);
    QVERIFY(!whole.matches.isEmpty());
}

void TraceSearchTest::countText()
{
    QCOMPARE(searchCountText(2, 17, false), QStringLiteral("3 of 17"));
    QCOMPARE(searchCountText(0, 10000, true), QStringLiteral("1 of 10,000+"));
    QCOMPARE(searchCountText(-1, 10000, true), QStringLiteral("10,000+ matches"));
    QCOMPARE(searchCountText(-1, 1, false), QStringLiteral("1 match"));
    QCOMPARE(searchCountText(-1, 0, false), QStringLiteral("No matches"));
}

// The figure the find bar depends on: 10,000 hops with 64 KiB text bodies. The window searches a slice
// at a time, so this bounds the total, not a freeze; printed for the record.
void TraceSearchTest::largeTrace_isSearchedInTime()
{
    Trace trace = Test::syntheticTrace(10000);
    QByteArray body(64 * 1024, 'a');
    for (int i = 0; i < body.size(); i += 80)
        body[i] = '\n';
    for (Hop &hop : trace.hops) {
        hop.response->headers.append(HeaderPair("Content-Type", "text/plain; charset=utf-8"));
        hop.response->bodyPreview = body;  // shared: one copy in memory
    }
    QElapsedTimer timer;
    timer.start();
    const SearchResult none = searchTrace(trace, QStringLiteral("needle"));
    const qint64 noneMs = timer.restart();
    const SearchResult many = searchTrace(trace, QStringLiteral("aaaa"));
    const qint64 cappedMs = timer.elapsed();
    QVERIFY(none.matches.isEmpty());
    QVERIFY(many.capped);
    QCOMPARE(many.matches.size(), 10000);
    qInfo("10,000 hops x 64 KiB: no match %lld ms, capped at 10,000 %lld ms", noneMs, cappedMs);
    QVERIFY2(noneMs < 60000, "a whole search must end");
}

QTEST_GUILESS_MAIN(TraceSearchTest)
#include "tst_tracesearch.moc"
