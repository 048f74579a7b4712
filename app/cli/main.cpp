// rwb: the Redirect Workbench command line.
#include "commands.h"
#include "common.h"

#include <QCoreApplication>

#include <cstdio>

namespace {

using Rwb::Cli::usageError;

void printHelp()
{
    std::fputs("Usage: rwb COMMAND [options]\n"
               "\n"
               "Redirect Workbench on the command line: follow a request's redirects hop by hop\n"
               "the way a browser, curl or a strict RFC 9110 client would.\n"
               "\n"
               "Commands:\n"
               "  trace URL               follow URL and print every hop\n"
               "  check [FILE]            check many URLs at once: a URL list, a redirect map (CSV/TSV)\n"
               "                          or a sitemap, in parallel, each chain against rules\n"
               "  run SESSION             run a saved session's cases and check their expectations\n"
               "                          (JUnit XML and HAR files for CI)\n"
               "  export FILE --format F  a saved trace as json, har, csv, md or a curl script\n"
               "  import-curl 'COMMAND'   a curl command as a session case\n"
               "  sandbox [--port N]      a local server with redirect scenarios to try (127.0.0.1);\n"
               "                          rwb run --sandbox SESSION runs a session against its own\n"
               "Each command has its own --help (rwb trace --help).\n"
               "\n"
               "Options:\n"
               "  -h, --help     show this help\n"
               "  -v, --version  show the version\n"
               "\n"
               "Exit status: trace: 0 final response, 1 the chain ended otherwise; run and check: 0 every\n"
               "case or line passed, 1 some failed; every command: 2 bad usage or input.\n",
               stdout);
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
    if (command == QLatin1String("trace"))
        return Rwb::Cli::traceCommand(args);
    if (command == QLatin1String("run"))
        return Rwb::Cli::runCommand(args);
    if (command == QLatin1String("export"))
        return Rwb::Cli::exportCommand(args);
    if (command == QLatin1String("import-curl"))
        return Rwb::Cli::importCurlCommand(args);
    if (command == QLatin1String("sandbox"))
        return Rwb::Cli::sandboxCommand(args);
    if (command == QLatin1String("check"))
        return Rwb::Cli::checkCommand(args);
    return usageError(QStringLiteral("unknown command '%1' (try rwb --help)").arg(command));
}
