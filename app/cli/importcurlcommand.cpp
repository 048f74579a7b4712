// rwb import-curl: a pasted curl command as a session case.
#include "commands.h"
#include "common.h"

#include "core/formats/curlcommand.h"
#include "core/io/boundedread.h"
#include "core/session/session.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

namespace Rwb::Cli {

namespace {

// The folder at `path` ("A/B"), made (with the folders above it) when missing.
QList<SessionItem> *folderItems(QList<SessionItem> *items, const QStringList &path)
{
    for (const QString &name : path) {
        SessionItem *folder = nullptr;
        for (SessionItem &item : *items) {
            if (item.type == SessionItem::Type::Folder && item.name == name) {
                folder = &item;
                break;
            }
        }
        if (!folder) {
            SessionItem made;
            made.type = SessionItem::Type::Folder;
            made.name = name;
            items->append(made);
            folder = &items->last();
        }
        items = &folder->children;
    }
    return items;
}

// `name`, or "name (2)", "name (3)", ... when a case in the folder has that name already.
QString freeCaseName(const QList<SessionItem> &items, const QString &name)
{
    const auto taken = [&items](const QString &candidate) {
        for (const SessionItem &item : items) {
            if (item.type == SessionItem::Type::Case && item.testCase.name == candidate)
                return true;
        }
        return false;
    };
    QString candidate = name;
    for (int n = 2; taken(candidate); ++n)
        candidate = QStringLiteral("%1 (%2)").arg(name).arg(n);
    return candidate;
}

}  // namespace

int importCurlCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption = startCommandParser(
        parser, QStringLiteral(
                    "Turn a curl command (as pasted from a terminal or a browser's \"Copy as cURL\") into a\n"
                    "session case: printed as a new session, or added to a session file.\n"
                    "Exit status: 0 imported, 2 bad usage, an unreadable curl command or session file."));
    parser.addPositionalArgument(QStringLiteral("COMMAND"),
                                 QStringLiteral("The whole curl command as one argument (quote it); - reads "
                                                "it from stdin."));
    const QCommandLineOption nameOption(QStringLiteral("name"),
                                        QStringLiteral("Name of the case (default: METHOD URL)."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption sessionOption(
        QStringLiteral("session"),
        QStringLiteral("Add the case to this session file (made when missing; the old one is kept as .bak)."),
        QStringLiteral("FILE"));
    const QCommandLineOption folderOption(
        QStringLiteral("folder"), QStringLiteral("With --session: into this folder (A/B for a subfolder)."),
        QStringLiteral("NAME"));
    parser.addOptions({nameOption, sessionOption, folderOption});
    if (const std::optional<int> exit = parseCommand(parser, arguments, helpOption, 1,
                                                     QStringLiteral("import-curl needs the curl command"),
                                                     QStringLiteral("(quote the whole curl command)")))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(folderOption) && !parser.isSet(sessionOption))
        return usageError(QStringLiteral("--folder needs --session FILE"));
    const QStringList folderPath = parser.value(folderOption).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parser.isSet(folderOption) && folderPath.isEmpty())
        return usageError(QStringLiteral("--folder needs a name"));
    if (parser.isSet(nameOption) && parser.value(nameOption).trimmed().isEmpty())
        return usageError(QStringLiteral("--name needs a name"));

    QString text = positional.at(1);
    if (text == QLatin1String("-")) {
        const BoundedRead read = readBounded(text, kMaxCommandBytes, QStringLiteral("a curl command"));
        if (!read.bytes)
            return usageError(read.error);
        text = QString::fromUtf8(*read.bytes);
    }
    const CurlParseResult parsed = parseCurlCommand(text);
    if (!parsed.command)
        return usageError(QStringLiteral("cannot import the curl command: %1").arg(parsed.error));
    const CurlCommand &curl = *parsed.command;

    SessionCase testCase;
    testCase.request = caseRequestFromSpec(curl.request);
    testCase.options = curl.options;
    testCase.name = parser.isSet(nameOption) ? parser.value(nameOption) : curlCaseName(curl);
    SessionItem item;
    item.type = SessionItem::Type::Case;
    item.testCase = testCase;

    const QStringList notes = curlImportNotes(curl);

    if (!parser.isSet(sessionOption)) {
        Session session;
        session.name = QStringLiteral("Imported from curl");
        session.items.append(item);
        writeStdout(sessionToJson(session));
        if (!notes.isEmpty())
            std::fprintf(stderr, "rwb: note: %s\n", qPrintable(oneLine(notes.join(QLatin1String("; ")))));
        return 0;
    }

    const QString path = parser.value(sessionOption);
    Session session;
    if (QFileInfo::exists(path)) {
        // Whatever is wrong with an existing file, it is left as it is.
        const SessionLoadResult loaded = loadSessionFile(path);
        if (!loaded.session)
            return usageError(loaded.error);
        session = *loaded.session;
    } else {
        session.name = QFileInfo(path).completeBaseName();
    }
    QList<SessionItem> *items = folderItems(&session.items, folderPath);
    item.testCase.name = freeCaseName(*items, item.testCase.name);
    items->append(item);
    QString error;
    if (!saveSessionFile(path, session, &error))
        return usageError(error);
    const QString where =
        folderPath.isEmpty() ? QString() : QStringLiteral(" (folder %1)").arg(folderPath.join(u'/'));
    std::printf("%s\n", qPrintable(oneLine(
                            QStringLiteral("added case '%1' to %2%3").arg(item.testCase.name, path, where))));
    if (!notes.isEmpty())
        std::fprintf(stderr, "rwb: note: %s\n", qPrintable(oneLine(notes.join(QLatin1String("; ")))));
    return 0;
}

}  // namespace Rwb::Cli
