#include "common.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cstdio>
#include <unistd.h>

namespace Rwb::Cli {

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

void writeStdout(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

bool writeOutputOrStdout(const QString &path, const QByteArray &bytes)
{
    if (path.isEmpty() || path == QLatin1String("-")) {
        writeStdout(bytes);
        return true;
    }
    QString error;
    if (writeOutput(path, bytes, &error))
        return true;
    usageError(QStringLiteral("cannot write '%1': %2").arg(path, error));
    return false;
}

bool stdoutWantsColour()
{
    return ::isatty(STDOUT_FILENO) && qEnvironmentVariableIsEmpty("NO_COLOR");
}

QString caseDisplayName(const CaseRef &ref)
{
    return ref.folderPath.isEmpty() ? ref.testCase->name
                                    : ref.folderPath + QLatin1Char('/') + ref.testCase->name;
}

QList<CaseRef> findCases(const Session &session, const QString &name)
{
    QList<CaseRef> found;
    for (const CaseRef &ref : allCases(session)) {
        if (ref.testCase->name == name || caseDisplayName(ref) == name)
            found.append(ref);
    }
    return found;
}

QCommandLineOption startCommandParser(QCommandLineParser &parser, const QString &description)
{
    parser.setApplicationDescription(description);
    // Not addHelpOption(): it adds --help-all too, "help including Qt specific options", and a command
    // line has none.
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    return help;
}

QString commandHelpText(const QCommandLineParser &parser, const QString &command)
{
    // QCommandLineParser's usage line is "Usage: ARGV0 [options] ARGS..." with ARGV0 as the executable was
    // started (often a build path) and no place for a subcommand; it has no setter, so the start of that
    // line is replaced here.
    QString text = parser.helpText();
    const qsizetype lineEnd = text.indexOf(QLatin1Char('\n'));
    const QString usage = QStringLiteral("Usage: rwb ") + command;
    const QString argv0 = QStringLiteral("Usage: ") + QCoreApplication::arguments().value(0);
    qsizetype rest = -1;
    if (lineEnd >= 0 && text.startsWith(argv0) && argv0.size() <= lineEnd)
        rest = argv0.size();
    else if (lineEnd >= 0)
        rest = text.left(lineEnd).indexOf(QLatin1String(" [options]"));
    if (rest < 0)
        return text;
    return usage + text.mid(rest);
}

std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &arguments,
                                const QCommandLineOption &helpOption, int count, const QString &missing,
                                const QString &extraHint)
{
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        std::fputs(qPrintable(commandHelpText(parser, arguments.value(1))), stdout);
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < count + 1)
        return usageError(missing);
    if (positional.size() > count + 1) {
        const QString extra = QStringLiteral("unexpected argument '%1'").arg(positional.at(count + 1));
        return usageError(extraHint.isEmpty() ? extra : extra + QLatin1Char(' ') + extraHint);
    }
    return std::nullopt;
}

}  // namespace Rwb::Cli
