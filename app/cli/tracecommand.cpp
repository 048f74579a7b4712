// rwb trace URL: one request followed hop by hop, printed as a text timeline or the trace JSON.
#include "commands.h"
#include "common.h"
#include "textreport.h"
#include "traceoptions.h"

#include "core/engine/engine.h"
#include "core/formats/tracejson.h"
#include "core/formats/writeout.h"

#include <QEventLoop>

namespace Rwb::Cli {

namespace {

// The whole chain, waiting for it here: a command line has nothing else to do meanwhile.
Trace runChain(const RequestSpec &request, const Options &options)
{
    Engine engine;
    QEventLoop loop;
    QObject::connect(&engine, &Engine::finished, &loop, &QEventLoop::quit);
    engine.start(request, options);
    if (engine.isRunning())  // a chain that ends before its first hop (blocked scheme) finishes at once
        loop.exec();
    return engine.trace();
}

}  // namespace

int traceCommand(const QStringList &arguments)
{
    const ParseResult parsed = parseTraceArguments(arguments);
    if (parsed.exitEarly)
        return 0;
    if (!parsed.invocation)
        return usageError(parsed.error);
    const TraceInvocation &inv = *parsed.invocation;
    const Trace trace = runChain(inv.request, inv.options);
    const bool toFile = !inv.outputFile.isEmpty() && inv.outputFile != QLatin1String("-");
    const bool colour = !inv.json && !toFile && stdoutWantsColour();
    const QByteArray text = inv.json ? traceToJsonBytes(trace) : textReport(trace, colour, inv.verbose);
    if (!writeOutputOrStdout(inv.outputFile, text))
        return kExitUsage;
    if (!inv.writeOut.isEmpty()) {  // on standard output whatever -o says, as curl writes it
        QString error;
        writeStdout(writeOut(inv.writeOut, trace, &error).value_or(QByteArray()));  // checked when parsed
    }
    return trace.outcome.kind == OutcomeKind::Final ? 0 : 1;
}

}  // namespace Rwb::Cli
