// rwb: the Redirect Workbench command line.
#include "engine.h"
#include "textreport.h"
#include "tracejson.h"
#include "traceoptions.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

#include <cstdio>
#include <unistd.h>

namespace {

constexpr int kExitUsage = 2;

// Usage errors are one line on stderr: control characters from the arguments (a newline in a URL or a
// header) are shown escaped, never as a line break or a terminal sequence.
QString oneLine(const QString &message)
{
    QString out;
    for (const QChar c : message) {
        if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else if (c == QLatin1Char('\r'))
            out += QLatin1String("\\r");
        else if (c.category() == QChar::Other_Control)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

int usageError(const QString &message)
{
    std::fprintf(stderr, "rwb: %s\n", qPrintable(oneLine(message)));
    return kExitUsage;
}

void printHelp()
{
    std::fputs("Usage: rwb COMMAND [options]\n"
               "\n"
               "Redirect Workbench on the command line: follow a request's redirects hop by hop\n"
               "the way a browser, curl or a strict RFC 9110 client would.\n"
               "\n"
               "Commands:\n"
               "  trace URL   follow URL and print every hop (rwb trace --help for the options)\n"
               "\n"
               "Options:\n"
               "  -h, --help     show this help\n"
               "  -v, --version  show the version\n"
               "\n"
               "Exit status: 0 final response, 1 the chain ended otherwise, 2 bad usage.\n",
               stdout);
}

// Writes atomically (QSaveFile: a failed write never leaves half a file), except to something that is
// not a regular file (/dev/null, a FIFO, /dev/stdout): QSaveFile would rename a regular file over it.
bool writeOutput(const QString &path, const QByteArray &bytes, QString *error)
{
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        QFile file(path);
        if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size())
            return true;
        *error = file.errorString();
        return false;
    }
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    *error = file.errorString();
    return false;
}

int runTrace(QCoreApplication &app, const Rwb::Cli::TraceInvocation &inv)
{
    Rwb::Engine engine;
    int exitCode = 1;
    QObject::connect(&engine, &Rwb::Engine::finished, &app, [&] {
        const Rwb::Trace &trace = engine.trace();
        const bool toFile = !inv.outputFile.isEmpty() && inv.outputFile != QLatin1String("-");
        const bool colour =
            !inv.json && !toFile && ::isatty(STDOUT_FILENO) && qEnvironmentVariableIsEmpty("NO_COLOR");
        const QByteArray text = inv.json ? Rwb::traceToJsonBytes(trace) : Rwb::Cli::textReport(trace, colour);
        exitCode = trace.outcome.kind == Rwb::OutcomeKind::Final ? 0 : 1;
        if (toFile) {
            QString error;
            if (!writeOutput(inv.outputFile, text, &error))
                exitCode = usageError(QStringLiteral("cannot write '%1': %2").arg(inv.outputFile, error));
        } else {
            std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
            std::fflush(stdout);
        }
        app.exit(exitCode);
    });
    engine.start(inv.request, inv.options);
    if (engine.isRunning())
        return app.exec();
    return exitCode;
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("rwb"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RWB_VERSION));
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2)
        return usageError(QStringLiteral("missing command (try rwb --help)"));
    const QString command = args.at(1);
    if (command == QLatin1String("-h") || command == QLatin1String("--help")
        || command == QLatin1String("help")) {
        printHelp();
        return 0;
    }
    if (command == QLatin1String("-v") || command == QLatin1String("--version")) {
        std::printf("rwb %s\n", RWB_VERSION);
        return 0;
    }
    if (command == QLatin1String("trace")) {
        const Rwb::Cli::ParseResult parsed = Rwb::Cli::parseTraceArguments(args);
        if (parsed.exitEarly)
            return 0;
        if (!parsed.invocation)
            return usageError(parsed.error);
        return runTrace(app, *parsed.invocation);
    }
    return usageError(QStringLiteral("unknown command '%1' (try rwb --help)").arg(command));
}
