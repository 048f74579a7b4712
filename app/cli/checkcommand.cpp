// rwb check [FILE|-]: a bulk check (issue 14). Every line of a URL list, redirect map or sitemap is traced
// with trace's request options, in parallel, and checked against the line's expectations and the rules
// given here; each result is written as its chain ends (JSON Lines, one JSON document, CSV or text), the
// summary goes to stderr.
#include "commands.h"
#include "common.h"
#include "traceoptions.h"

#include "core/check/bulkbaseline.h"
#include "core/check/bulkfetch.h"
#include "core/check/bulkrunner.h"
#include "core/formats/bulkreport.h"
#include "core/formats/junit.h"
#include "core/io/boundedread.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <sys/ioctl.h>
#include <unistd.h>

namespace Rwb::Cli {

namespace {

// JSON Lines, JSON, CSV and text stream (a record as each chain ends); Markdown, HTML and JUnit are written
// at the end.
enum class Format { JsonLines, Json, Csv, Text, Markdown, Html, JUnit };

struct CheckOptions {
    QCommandLineOption parallel{QStringLiteral("parallel"),
                                QStringLiteral("Chains in flight at once (default 16)."), QStringLiteral("N"),
                                QStringLiteral("16")};
    QCommandLineOption perHost{QStringLiteral("per-host"),
                               QStringLiteral("Chains in flight to one host at once (default 6)."),
                               QStringLiteral("N"), QStringLiteral("6")};
    QCommandLineOption rate{QStringLiteral("rate"),
                            QStringLiteral("Start at most N chains a second (default: no limit)."),
                            QStringLiteral("N")};
    QCommandLineOption retries{QStringLiteral("retries"),
                               QStringLiteral("Try a line again up to N times after a network error or a "
                                              "timeout (default 0)."),
                               QStringLiteral("N"), QStringLiteral("0")};
    QCommandLineOption expectPermanent{QStringLiteral("expect-permanent"),
                                       QStringLiteral("Every redirect must be 301 or 308.")};
    QCommandLineOption maxHops{QStringLiteral("max-hops"),
                               QStringLiteral("At most N redirects per line (a map's hops column wins)."),
                               QStringLiteral("N")};
    QCommandLineOption finalStatus{QStringLiteral("final-status"),
                                   QStringLiteral("The last status must be one of LIST, e.g. 200|410 or 2xx "
                                                  "(default 2xx; a map's final_status column wins)."),
                                   QStringLiteral("LIST")};
    QCommandLineOption noDowngrade{QStringLiteral("no-downgrade"),
                                   QStringLiteral("No redirect from https to http.")};
    QCommandLineOption sameHost{QStringLiteral("same-host"),
                                QStringLiteral("No chain leaves its first URL's host.")};
    QCommandLineOption inputFormat{QStringLiteral("input-format"),
                                   QStringLiteral("auto (default), list, csv, tsv or sitemap."),
                                   QStringLiteral("KIND"), QStringLiteral("auto")};
    QCommandLineOption format{
        QStringLiteral("format"),
        QStringLiteral("jsonl (default), json (one document: the records in \"lines\", then "
                       "the \"summary\"), csv or text: a record per line, written as its "
                       "chain ends; md (a report for a pull request), html (a page with a "
                       "filter) or junit (a testcase per line), written at the end."),
        QStringLiteral("FORMAT"), QStringLiteral("jsonl")};
    QCommandLineOption output{{QStringLiteral("o"), QStringLiteral("output")},
                              QStringLiteral("Write the records there instead of stdout."),
                              QStringLiteral("FILE")};
    QCommandLineOption progress{
        QStringLiteral("progress"),
        QStringLiteral("auto (default: a live line on a terminal, else a line every 5 s on "
                       "stderr), always (the live line) or never."),
        QStringLiteral("WHEN"), QStringLiteral("auto")};
    QCommandLineOption resume{
        QStringLiteral("resume"),
        QStringLiteral("Skip the lines FILE (an earlier run's JSON Lines records) holds; with "
                       "-o FILE the new records are added to it."),
        QStringLiteral("FILE")};
    QCommandLineOption baseline{
        QStringLiteral("baseline"),
        QStringLiteral("Compare each line's chain with an earlier run's records (JSON "
                       "Lines): same, changed, new-failure, fixed or new."),
        QStringLiteral("FILE")};

    BulkSettings settings;
    BulkRules rules;
    BulkInputKind inputKind = BulkInputKind::Auto;
    Format outFormat = Format::JsonLines;
    QString outputFile;
    QString resumeFile;
    QString progressWhen;
    QString baselineFile;

    QString read(const QCommandLineParser &parser)
    {
        const auto number = [&parser](const QCommandLineOption &o, int min, int max, int *out) -> QString {
            bool ok = false;
            const int v = parser.value(o).toInt(&ok);
            if (!ok || v < min || v > max)
                return QStringLiteral("invalid --%1 '%2': expected %3 to %4")
                    .arg(o.names().constLast(), parser.value(o))
                    .arg(min)
                    .arg(max);
            *out = v;
            return {};
        };
        for (const auto &[option, min, max, out] : {std::tuple{&parallel, 1, 1024, &settings.parallel},
                                                    std::tuple{&perHost, 1, 1024, &settings.perHost},
                                                    std::tuple{&retries, 0, 100, &settings.retries}}) {
            if (const QString e = number(*option, min, max, out); !e.isEmpty())
                return e;
        }
        if (parser.isSet(rate)) {
            bool ok = false;
            settings.ratePerSecond = parser.value(rate).toDouble(&ok);
            if (!ok || settings.ratePerSecond <= 0 || settings.ratePerSecond > 100000)
                return QStringLiteral("invalid --rate '%1': expected chains per second, more than 0")
                    .arg(parser.value(rate));
        }
        if (parser.isSet(maxHops)) {
            int hops = 0;
            if (const QString e = number(maxHops, 0, 1000, &hops); !e.isEmpty())
                return e;
            rules.maxHops = hops;
        }
        if (parser.isSet(finalStatus)) {
            const std::optional<QList<int>> codes = parseStatusList(parser.value(finalStatus));
            if (!codes || codes->isEmpty())
                return QStringLiteral("invalid --final-status '%1': expected statuses such as 200|410 or 2xx")
                    .arg(parser.value(finalStatus));
            rules.finalStatuses = *codes;
        }
        rules.expectPermanent = parser.isSet(expectPermanent);
        rules.noDowngrade = parser.isSet(noDowngrade);
        rules.sameHost = parser.isSet(sameHost);
        const std::optional<BulkInputKind> kind = bulkInputKindFromName(parser.value(inputFormat));
        if (!kind)
            return QStringLiteral("unknown --input-format '%1' (auto, list, csv, tsv or sitemap)")
                .arg(parser.value(inputFormat));
        inputKind = *kind;
        const QString f = parser.value(format);
        if (f == QLatin1String("jsonl"))
            outFormat = Format::JsonLines;
        else if (f == QLatin1String("json"))
            outFormat = Format::Json;
        else if (f == QLatin1String("csv"))
            outFormat = Format::Csv;
        else if (f == QLatin1String("text"))
            outFormat = Format::Text;
        else if (f == QLatin1String("md"))
            outFormat = Format::Markdown;
        else if (f == QLatin1String("html"))
            outFormat = Format::Html;
        else if (f == QLatin1String("junit"))
            outFormat = Format::JUnit;
        else
            return QStringLiteral("unknown --format '%1' (jsonl, json, csv, text, md, html or junit)").arg(f);
        outputFile = parser.value(output);
        resumeFile = parser.value(resume);
        progressWhen = parser.value(progress);
        if (progressWhen != QLatin1String("auto") && progressWhen != QLatin1String("always")
            && progressWhen != QLatin1String("never"))
            return QStringLiteral("unknown --progress '%1' (auto, always or never)").arg(progressWhen);
        baselineFile = parser.value(baseline);
        if (!resumeFile.isEmpty() && outFormat != Format::JsonLines && outputFile == resumeFile)
            return QStringLiteral("--resume adds JSON Lines records to its file: --format jsonl with it");
        return {};
    }
};

// One testcase per line (junit.h's bulkJUnitCase()).
JUnitSuite bulkJUnitSuite(const QString &name, const QList<BulkRow> &rows, double seconds)
{
    JUnitSuite suite;
    suite.name = name;
    suite.timestamp = QDateTime::currentDateTimeUtc();
    suite.seconds = seconds;
    for (const BulkRow &r : rows)
        suite.cases << bulkJUnitCase(r, QStringLiteral("rwb.check"));
    return suite;
}

int terminalColumns()
{
    winsize size{};
    return ::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0 ? size.ws_col : 80;
}

// Ctrl+C and SIGTERM stop the run: what was written stays, the summary is printed (self-pipe: the handler
// only writes a byte, the event loop reads it).
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
}

}  // namespace

int checkCommand(const QStringList &arguments)
{
    CheckOptions own;
    RequestCommand command;
    command.name = QStringLiteral("check");
    command.description = QStringLiteral(
        "Check many URLs at once: trace each line of a URL list, a CSV/TSV redirect map (from,to[,status]"
        "[,hops][,final_status]) or a sitemap, in parallel, and check its chain.\n"
        "Exit status: 0 every line passed, 1 some line failed, 2 bad usage or input.");
    command.inputHelp =
        QStringLiteral("The list, map or sitemap (plain or gzip), a file or an http(s) URL; - or none: "
                       "standard input.");
    command.addOptions = [&own](QCommandLineParser &parser) {
        parser.addOptions({own.parallel, own.perHost, own.rate, own.retries, own.expectPermanent, own.maxHops,
                           own.finalStatus, own.noDowngrade, own.sameHost, own.inputFormat, own.format,
                           own.output, own.progress, own.resume, own.baseline});
    };
    command.readOptions = [&own](const QCommandLineParser &parser) {
        return own.read(parser);
    };
    const ParseResult parsed = parseRequestCommand(arguments, command);
    if (parsed.exitEarly)
        return 0;
    if (!parsed.invocation)
        return usageError(parsed.error);
    const TraceInvocation &inv = *parsed.invocation;

    // The input: a file, standard input, or a document at an http(s) URL (a sitemap index's sitemaps too).
    BulkInputResult input;
    {
        BulkInputReader reader;
        QEventLoop wait;
        QObject::connect(&reader, &BulkInputReader::finished, &wait, [&](const BulkInputResult &r) {
            input = r;
            wait.quit();
        });
        reader.start(inv.input, {}, {}, own.inputKind, inv.options);
        wait.exec();
    }
    if (!input.input)
        return usageError(input.error);

    // Earlier runs: the lines to skip (--resume), the chains to compare with (--baseline).
    // `complete`: the bytes up to the end of the last whole line (a record cut short after it is dropped).
    const auto readRecords = [](const QString &path, QList<BulkRecord> *out,
                                qint64 *complete = nullptr) -> QString {
        const BoundedRead records = readBounded(path, kMaxBulkInputBytes, QStringLiteral("a run's records"));
        if (!records.bytes)
            return records.error;
        if (complete)
            *complete = records.bytes->lastIndexOf('\n') + 1;
        const BulkRecordsResult r = readBulkRecords(*records.bytes);
        if (!r.records)
            return QStringLiteral("%1: %2").arg(path, r.error);
        *out = *r.records;
        return {};
    };
    BulkSummary summary;
    QSet<qsizetype> skip;
    qint64 resumedBytes = -1;  // of the resumed file, up to its last whole record
    if (!own.resumeFile.isEmpty() && QFile::exists(own.resumeFile)) {  // none yet: nothing done
        QList<BulkRecord> done;
        if (const QString error = readRecords(own.resumeFile, &done, &resumedBytes); !error.isEmpty())
            return usageError(error);
        QHash<QPair<qint64, QString>, bool> passedByLine;
        for (const BulkRecord &r : std::as_const(done))
            passedByLine.insert({r.line, r.from}, r.passed);
        const QList<BulkLine> &lines = input.input->lines;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const auto it = passedByLine.constFind({lines.at(i).lineNumber, lines.at(i).from});
            if (it != passedByLine.cend()) {
                skip.insert(i);
                summary.addResumed(*it);
            }
        }
    }
    QHash<QString, BulkRecord> baseline;
    if (!own.baselineFile.isEmpty()) {
        QList<BulkRecord> records;
        if (const QString error = readRecords(own.baselineFile, &records); !error.isEmpty())
            return usageError(error);
        baseline = recordsByFrom(records);
    }

    QFile file;
    const bool toFile = !own.outputFile.isEmpty() && own.outputFile != QLatin1String("-");
    const bool streaming =
        own.outFormat != Format::Markdown && own.outFormat != Format::Html && own.outFormat != Format::JUnit;
    if (!streaming) {
        // written whole at the end (atomically, to a file)
    } else if (toFile) {
        file.setFileName(own.outputFile);
        const bool append = !own.resumeFile.isEmpty() && own.resumeFile == own.outputFile;
        if (!file.open(QIODevice::WriteOnly | (append ? QIODevice::Append : QIODevice::Truncate)))
            return usageError(QStringLiteral("cannot write %1: %2").arg(own.outputFile, file.errorString()));
        // A last record cut short (the run was killed while writing it) goes: its line runs again.
        if (append && resumedBytes >= 0 && file.size() > resumedBytes)
            file.resize(resumedBytes);
    } else if (!file.open(stdout, QIODevice::WriteOnly)) {
        return usageError(QStringLiteral("cannot write to standard output"));
    }
    const bool compare = !own.baselineFile.isEmpty();
    const bool colour = own.outFormat == Format::Text && !toFile && stdoutWantsColour();
    if (own.outFormat == Format::Csv)
        file.write(bulkCsvHeader(compare));
    BulkJsonDocument json;
    if (own.outFormat == Format::Json)
        file.write(BulkJsonDocument::begin());

    QList<BulkRow> rows;  // Markdown: the failing (and changed) lines; JUnit: every line
    qsizetype moreRows = 0;
    BulkRunner runner;
    QEventLoop loop;
    QObject::connect(&runner, &BulkRunner::lineFinished, &runner, [&](const BulkResult &result) {
        summary.add(result);
        QString change;
        const BulkRecord *before = nullptr;
        if (compare) {
            const auto found = baseline.constFind(result.line.from);
            before = found == baseline.cend() ? nullptr : &*found;
            change = baselineChangeName(compareWithBaseline(bulkRecordOf(result), before));
            summary.addBaseline(change);
        }
        if (own.outFormat == Format::Markdown || own.outFormat == Format::Html) {
            if (!result.passed() || (compare && change != QLatin1String("same"))) {
                if (rows.size() < (own.outFormat == Format::Html ? kMaxHtmlRows : kMaxMarkdownRows))
                    rows << bulkRowOf(result, change, before);
                else
                    ++moreRows;
            }
            return;
        }
        if (own.outFormat == Format::JUnit) {
            rows << bulkRowOf(result, change);
            return;
        }
        file.write(own.outFormat == Format::JsonLines ? bulkResultJsonLine(result, change)
                   : own.outFormat == Format::Json    ? json.line(result, change)
                   : own.outFormat == Format::Csv
                       ? bulkResultCsvRow(result, compare ? std::optional<QString>(change) : std::nullopt)
                       : bulkResultText(result, colour, change));
        file.flush();  // each record is out as soon as its chain ends
    });
    QObject::connect(&runner, &BulkRunner::finished, &loop, &QEventLoop::quit);

    bool interrupted = false;
    std::unique_ptr<QSocketNotifier> notifier;
    if (::pipe(g_signalPipe) == 0) {
        notifier = std::make_unique<QSocketNotifier>(g_signalPipe[0], QSocketNotifier::Read);
        QObject::connect(notifier.get(), &QSocketNotifier::activated, &runner, [&] {
            char byte;
            [[maybe_unused]] const ssize_t n = ::read(g_signalPipe[0], &byte, 1);
            interrupted = true;
            runner.stop();
        });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    // Progress on stderr: a live line on a terminal (redrawn four times a second, gone at the end), else a
    // line every 5 s.
    const bool live = own.progressWhen == QLatin1String("always")
                      || (own.progressWhen == QLatin1String("auto") && ::isatty(STDERR_FILENO));
    QTimer progressTimer;
    QElapsedTimer clock;
    clock.start();
    const qsizetype toRun = input.input->lines.size() - skip.size();
    const auto progressLine = [&](int width) {
        return bulkProgressText(runner.done(), toRun, double(clock.elapsed()) / 1000.0,
                                summary.total() - summary.passed(), summary.counts(), width);
    };
    if (own.progressWhen != QLatin1String("never")) {
        QObject::connect(&progressTimer, &QTimer::timeout, &runner, [&] {
            if (live)
                std::fprintf(stderr, "\r\x1b[K%s", qPrintable(progressLine(terminalColumns() - 1)));
            else
                std::fprintf(stderr, "rwb check: %s\n", qPrintable(progressLine(0)));
            std::fflush(stderr);
        });
        progressTimer.start(live ? 250 : 5000);
    }
    runner.start(input.input->lines, inv.request, inv.options, own.rules, own.settings, skip);
    if (runner.isRunning())
        loop.exec();
    if (own.outFormat == Format::Json)
        file.write(json.end(summary));  // the document closed, after an interruption too
    progressTimer.stop();
    if (live && own.progressWhen != QLatin1String("never"))
        std::fputs("\r\x1b[K", stderr);  // nothing left on screen
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    file.close();
    std::sort(rows.begin(), rows.end(), [](const BulkRow &a, const BulkRow &b) { return a.line < b.line; });
    const QString title = QStringLiteral("rwb check %1")
                              .arg(inv.input == QLatin1String("-") ? QStringLiteral("(stdin)") : inv.input);
    if (own.outFormat == Format::Markdown
        && !writeOutputOrStdout(own.outputFile, bulkMarkdown(title, summary, rows, moreRows)))
        return kExitUsage;
    if (own.outFormat == Format::Html
        && !writeOutputOrStdout(own.outputFile, bulkHtml(title, summary, rows, moreRows)))
        return kExitUsage;
    if (own.outFormat == Format::JUnit
        && !writeOutputOrStdout(own.outputFile,
                                junitXml(bulkJUnitSuite(title, rows, double(clock.elapsed()) / 1000))))
        return kExitUsage;
    std::fputs(qPrintable(summary.text()), stderr);
    if (interrupted) {
        std::fprintf(stderr, "rwb: interrupted after %lld of %lld lines%s\n",
                     qlonglong(summary.total() + skip.size()), qlonglong(input.input->lines.size()),
                     own.outputFile.isEmpty() || own.outFormat != Format::JsonLines
                         ? ""
                         : "; --resume FILE with the same -o FILE goes on from there");
        return 130;
    }
    return summary.failed() == 0 ? 0 : 1;
}

}  // namespace Rwb::Cli
