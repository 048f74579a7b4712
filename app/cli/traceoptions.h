#pragma once

#include "core/http/trace.h"
#include "core/policy/options.h"

#include <QStringList>

#include <functional>

class QCommandLineParser;

namespace Rwb::Cli {

// Everything `rwb trace` was asked to do, read from its curl-like flags.
struct TraceInvocation {
    RequestSpec request;
    Options options;
    bool json = false;
    bool verbose = false;  // -v: request and response headers in the text output
    QString outputFile;    // empty: stdout
    QString writeOut;      // -w: curl's --write-out format, printed after the trace; empty: none
    QString input;         // rwb check: the FILE of URLs, "-" for standard input
};

struct ParseResult {
    std::optional<TraceInvocation> invocation;
    QString error;           // one line naming what is wrong (exit status 2)
    bool exitEarly = false;  // --help or --version was printed
};

// `arguments` starts with the program name, then "trace".
ParseResult parseTraceArguments(const QStringList &arguments);

// A command that sends requests as `rwb trace` does (every request option of trace's) with options of its
// own: `rwb check`. Its positional argument is an input FILE ("-" or none: standard input); trace's
// --format, -o, -v and -w are not among its options (it has its own reports).
struct RequestCommand {
    QString name;         // as typed after "rwb"
    QString description;  // the help's first lines
    QString inputHelp;    // the help's line for FILE
    // Adds the command's own options (the caller owns them: they must outlive the parse) and reads them;
    // a non-empty error stops it (exit status 2).
    std::function<void(QCommandLineParser &)> addOptions;
    std::function<QString(const QCommandLineParser &)> readOptions;
};
ParseResult parseRequestCommand(const QStringList &arguments, const RequestCommand &command);

}  // namespace Rwb::Cli
