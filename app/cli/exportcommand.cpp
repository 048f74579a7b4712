// rwb export: a saved trace (or the last trace of a session's case) as JSON, HAR, CSV, Markdown or a
// curl script.
#include "commands.h"
#include "common.h"

#include "core/formats/traceexport.h"
#include "core/formats/tracejson.h"
#include "core/io/boundedread.h"
#include "core/session/session.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace Rwb::Cli {

namespace {

const QString kFormats = QStringLiteral("json, har, csv, md or curl");

bool looksLikeSession(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object().value(QLatin1String("format")).toString()
           == QLatin1String("redirect-workbench-session");
}

}  // namespace

int exportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption = startCommandParser(
        parser,
        QStringLiteral(
            "Write a saved trace (rwb trace --format json, or a session case's last trace) in another\n"
            "format. Credentials, cookies and secret-looking parameters are redacted unless --keep-secrets.\n"
            "Exit status: 0 written, 2 bad usage or input."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A trace JSON file, or a session file with --case."));
    const QCommandLineOption formatOption(QStringLiteral("format"),
                                          QStringLiteral("json, har, csv, md or curl (a shell script)."),
                                          QStringLiteral("FORMAT"));
    const QCommandLineOption caseOption(
        QStringLiteral("case"),
        QStringLiteral("FILE is a session: export this case's last trace (name or folder/path/name)."),
        QStringLiteral("NAME"));
    const QCommandLineOption keepSecretsOption(
        QStringLiteral("keep-secrets"),
        QStringLiteral("Keep credentials, cookies and secret parameters as they were."));
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          QStringLiteral("Write there instead of stdout."),
                                          QStringLiteral("FILE"));
    parser.addOptions({formatOption, caseOption, keepSecretsOption, outputOption});
    if (const std::optional<int> exit =
            parseCommand(parser, arguments, helpOption, 1, QStringLiteral("export needs a trace FILE")))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (!parser.isSet(formatOption))
        return usageError(QStringLiteral("export needs --format (%1)").arg(kFormats));
    const std::optional<ExportFormat> format = exportFormatFromName(parser.value(formatOption));
    if (!format)
        return usageError(
            QStringLiteral("unknown --format '%1' (%2)").arg(parser.value(formatOption), kFormats));

    const QString path = positional.at(1);
    std::optional<Trace> trace;
    if (parser.isSet(caseOption)) {
        const SessionLoadResult loaded = loadSessionFile(path);
        if (!loaded.session)
            return usageError(loaded.error);
        const QString name = parser.value(caseOption);
        const QList<CaseRef> found = findCases(*loaded.session, name);
        if (found.isEmpty())
            return usageError(QStringLiteral("no case '%1' in %2").arg(name, path));
        if (found.size() > 1) {
            QStringList names;
            for (const CaseRef &ref : found)
                names.append(caseDisplayName(ref));
            return usageError(QStringLiteral("case name '%1' is ambiguous in %2: name one of %3")
                                  .arg(name, path, names.join(QLatin1String(", "))));
        }
        if (!found.constFirst().testCase->lastTrace) {
            return usageError(QStringLiteral("case '%1' in %2 has no saved trace")
                                  .arg(caseDisplayName(found.constFirst()), path));
        }
        trace = found.constFirst().testCase->lastTrace;
    } else {
        const BoundedRead read = readBounded(path, kMaxDocumentBytes, QStringLiteral("a trace"));
        if (!read.bytes)
            return usageError(read.error);
        const QByteArray &bytes = *read.bytes;
        TraceLoadResult loaded = traceFromJson(bytes);
        if (!loaded.trace) {
            if (looksLikeSession(bytes))
                return usageError(QStringLiteral("%1 is a session file: name a case with --case").arg(path));
            return usageError(QStringLiteral("%1: %2").arg(path, loaded.error));
        }
        trace = std::move(loaded.trace);
    }

    ExportOptions options;
    options.keepSecrets = parser.isSet(keepSecretsOption);
    return writeOutputOrStdout(parser.value(outputOption), exportTrace(*trace, *format, options))
               ? 0
               : kExitUsage;
}

}  // namespace Rwb::Cli
