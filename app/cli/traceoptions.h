#pragma once

#include "core/http/trace.h"
#include "core/policy/options.h"

#include <QStringList>

namespace Rwb::Cli {

// Everything `rwb trace` was asked to do, read from its curl-like flags.
struct TraceInvocation {
    RequestSpec request;
    Options options;
    bool json = false;
    bool verbose = false;  // -v: request and response headers in the text output
    QString outputFile;    // empty: stdout
    QString writeOut;      // -w: curl's --write-out format, printed after the trace; empty: none
};

struct ParseResult {
    std::optional<TraceInvocation> invocation;
    QString error;           // one line naming what is wrong (exit status 2)
    bool exitEarly = false;  // --help or --version was printed
};

// `arguments` starts with the program name, then "trace".
ParseResult parseTraceArguments(const QStringList &arguments);

}  // namespace Rwb::Cli
