// The reports of a bulk check (issue 14), written one result at a time as chains end, so that a run of any
// length streams: JSON Lines (one object per line: the line, its chain hop by hop, its problems), one JSON
// document (the same objects in an array, the summary after them), CSV (a row per line) and text (a line
// per line for people); and the summary at the end (counts per problem code, the slowest and the longest
// chains), gathered by BulkSummary as results pass.
#pragma once

#include "core/check/bulkbaseline.h"
#include "core/check/bulkrunner.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Rwb {

// {"line": 3, "from": "...", "passed": false, "outcome": "final", "finalUrl": "...", "finalStatus": 200,
//  "redirects": 1, "hops": [{"url", "status", "location"}], "problems": [{"code", "message", "warning"}],
//  "attempts": 1, "ms": 12.5} and a line end.
// `baseline`: a --baseline comparison's word for the line (baselineChangeName()), written as "baseline".
QByteArray bulkResultJsonLine(const BulkResult &result, const QString &baseline = QString());

class BulkSummary;
// The summary as a compact JSON object, keys in this order: {"total": lines of the run (those taken over
// by --resume too), "passed", "failed", "counts": {code: lines with it, in bulkProblemCodes()'s order, only
// the codes seen}, "baseline": {"new-failure", "fixed", "changed", "same", "new"} (only with a baseline),
// "resumed": lines taken over by --resume (counted above, not listed)}. No line end.
QByteArray bulkSummaryJson(const BulkSummary &summary);

// --format json: one JSON document, {"lines": [record, ...], "summary": bulkSummaryJson()}, that still
// streams: begin() first, then line() as each chain ends (bulkResultJsonLine()'s object, a line each),
// end() last (on an interrupted run too: the document is whole with the lines written so far).
class BulkJsonDocument
{
public:
    static QByteArray begin() { return QByteArrayLiteral("{\"lines\":["); }
    QByteArray line(const BulkResult &result, const QString &baseline = QString());
    // The same from a record bulkResultJsonLine() wrote (the window keeps its rows' records).
    QByteArray line(QByteArray jsonLine);
    QByteArray end(const BulkSummary &summary) const;

private:
    qsizetype m_lines = 0;
};

// line,from,passed,problems,redirects,final_status,final_url,statuses,ms[,baseline]
QByteArray bulkCsvHeader(bool withBaseline = false);
QByteArray bulkResultCsvRow(const BulkResult &result, const std::optional<QString> &baseline = std::nullopt);

// "✔ 3 https://a.test/old  301 → 200  https://a.test/new" or "✘ 4 https://a.test/x  302 → 404  [wrong-status]
// the first response is 302, not 301; [final-status] ..."; `colour`: ANSI colours on the mark.
QByteArray bulkResultText(const BulkResult &result, bool colour, const QString &baseline = QString());
struct BulkRow;
QByteArray bulkRowText(const BulkRow &row, bool colour);  // the same from what a row keeps

// The progress of a run on one line: "1234/100000 lines  210/s  ETA 7m46s  failed 12: wrong-target 9,
// loop 3", at most `width` characters (cut with "…").
QString bulkProgressText(qsizetype done, qsizetype total, double elapsedSeconds, qsizetype failed,
                         const QMap<QString, qsizetype> &counts, int width);

// What the end-of-run reports (Markdown, JUnit) keep of a line: a few strings, not its trace.
struct BulkRow {
    qint64 line = 0;
    QString from;
    bool passed = true;
    QString statuses;  // "301 → 200"
    qsizetype redirects = 0;
    QString finalUrl;
    QString problems;   // "[code] message; ..."
    QString firstCode;  // of the first problem that fails the line; empty when it passes
    QString baseline;   // --baseline's word; empty without one
    double ms = 0;
    // The baseline's chain of a line whose chain or verdict changed since it (changed, new-failure, fixed):
    // what the reports show as "before" next to the chain "now".
    bool hasBaselineChain = false;
    QString baselineStatuses;  // "301 → 200"; empty when the baseline's line had no chain (invalid-url)
    QString baselineFinalUrl;
};
// `before`: the baseline's record of the line (--baseline), kept when `baseline` says the line changed.
BulkRow bulkRowOf(const BulkResult &result, const QString &baseline = QString(),
                  const BulkRecord *before = nullptr);

// A Markdown report for a pull request: the summary (counts per code, the baseline's changes), then a table
// of the lines given (the failing ones, and with a baseline the changed ones), at most kMaxMarkdownRows of
// them; `more` lines were left out. With a baseline the table has the chain "before" (the baseline's, for a
// changed line) and "now", each with its final URL. Cells escape Markdown's characters.
constexpr qsizetype kMaxMarkdownRows = 1000;
QByteArray bulkMarkdown(const QString &title, const BulkSummary &summary, const QList<BulkRow> &rows,
                        qsizetype more);

// A self-contained HTML report (no network: a Content-Security-Policy allows nothing but its own inline style
// and script): the summary first, then the lines given grouped by their first problem's code (changed lines
// without a problem under "changed since the baseline"), each chain a row of status pills (a changed line's
// baseline chain on a row "before" above the row "now", each with its final URL), with a filter
// (text, code) that works in the page. Well-formed XML (XHTML served as HTML), so that tests and tools can
// read it back. At most kMaxHtmlRows rows; `more` were left out.
constexpr qsizetype kMaxHtmlRows = 10000;
QByteArray bulkHtml(const QString &title, const BulkSummary &summary, const QList<BulkRow> &rows,
                    qsizetype more);

class BulkSummary
{
public:
    void add(const BulkResult &result);
    // Lines of an earlier run taken over by --resume (counted, not listed), and --baseline's words by count.
    void addResumed(bool passed);
    void addBaseline(const QString &change) { ++m_baseline[change]; }
    qsizetype total() const { return m_total; }
    qsizetype passed() const { return m_passed; }
    qsizetype failed() const { return m_total - m_passed + m_resumedFailed; }
    const QMap<QString, qsizetype> &counts() const { return m_counts; }  // problem code: lines with it
    // Lines, counts per code (in bulkProblemCodes()'s order), then the kKeep slowest and longest chains.
    QString text() const;
    const QMap<QString, qsizetype> &baselineCounts() const { return m_baseline; }
    // "1 new-failure, 0 fixed, 2 changed, 5 same, 0 new"; empty without a baseline.
    QString baselineText() const;
    qsizetype resumed() const { return m_resumed; }

    static constexpr int kKeep = 5;
    struct Entry {
        double ms = 0;
        qsizetype redirects = 0;
        qint64 line = 0;
        QString from;
    };

private:
    qsizetype m_total = 0;
    qsizetype m_passed = 0;
    qsizetype m_resumed = 0;
    qsizetype m_resumedFailed = 0;
    QMap<QString, qsizetype> m_baseline;
    QMap<QString, qsizetype> m_counts;
    QList<Entry> m_slowest;  // at most kKeep, slowest first
    QList<Entry> m_longest;  // at most kKeep, most redirects first
};

}  // namespace Rwb
